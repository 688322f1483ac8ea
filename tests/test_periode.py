"""Periode: the year or quarter a computation is for (hand-worked expectations)."""

import numpy as np
import pandas as pd
import pytest

from iku_helpers.indikator.periode import Periode


def test_sebelumnya_year_and_quarters():
    assert Periode(2025).sebelumnya() == Periode(2024)
    assert Periode(2025, 1).sebelumnya() == Periode(2024, 4)   # TW I follows last year's TW IV
    assert Periode(2025, 2).sebelumnya() == Periode(2025, 1)
    assert Periode(2025, 4).sebelumnya() == Periode(2025, 3)
    assert Periode(2025, 3).tahun_lalu() == Periode(2024)      # IKU2: the whole previous year
    assert Periode(2025, 3).tahun_penuh == Periode(2025)


def test_invalid_values_are_refused():
    with pytest.raises(ValueError, match="triwulan harus 1-4"):
        Periode(2025, 5)
    with pytest.raises(ValueError):
        Periode(2025, 0)
    with pytest.raises(TypeError, match="tahun harus bilangan bulat"):
        Periode("2025")
    with pytest.raises(TypeError):
        Periode(True)
    assert Periode(np.int64(2025)).tahun == 2025               # a year read from a table


@pytest.mark.parametrize(("teks", "periode"), [
    ("2025", Periode(2025)),
    (" 2025 ", Periode(2025)),
    (2025, Periode(2025)),
    ("2025-3", Periode(2025, 3)),
    ("2025-TW3", Periode(2025, 3)),
    ("2025/tw1", Periode(2025, 1)),
    ("2025 triwulan 4", Periode(2025, 4)),
    ("2024 Triwulan 2", Periode(2024, 2)),
])
def test_dari_teks(teks, periode):
    assert Periode.dari_teks(teks) == periode


@pytest.mark.parametrize("teks", ["2025-5", "2025-0", "25", "20255", "tahun 2025", "2025-TW",
                                  "2025 3 1", ""])
def test_dari_teks_refuses(teks):
    with pytest.raises(ValueError, match="periode tidak dikenal"):
        Periode.dari_teks(teks)


def test_kolom_target_label_kode():
    assert Periode(2025).kolom_target == "target"
    assert Periode(2025, 3).kolom_target == "target_tw3"
    assert Periode(2025).label == "2025" and str(Periode(2025)) == "2025"
    assert Periode(2025, 1).label == "Triwulan I 2025"
    assert Periode(2025, 2).label == "Triwulan II 2025"
    assert Periode(2025, 3).label == "Triwulan III 2025"
    assert str(Periode(2025, 4)) == "Triwulan IV 2025"
    assert Periode(2025).kode == "2025" and Periode(2025, 3).kode == "2025-tw3"
    assert Periode(2025).tahunan and not Periode(2025, 2).tahunan


def test_order_puts_a_year_before_its_quarters_and_years_in_sequence():
    assert sorted([Periode(2025, 2), Periode(2024, 4), Periode(2025, 1)]) == [
        Periode(2024, 4), Periode(2025, 1), Periode(2025, 2)]


TABEL = pd.DataFrame({
    "tahun":    [2024, 2025, 2025, 2025, 2025, 2025],
    "triwulan": [4,    1,    2,    3,    4,    None],
    "nilai":    [10,   11,   12,   13,   14,   15],
})


def test_saring_year_takes_every_row_of_that_year():
    assert Periode(2025).saring(TABEL)["nilai"].tolist() == [11, 12, 13, 14, 15]
    assert Periode(2024).saring(TABEL)["nilai"].tolist() == [10]
    assert Periode(2023).saring(TABEL).empty


def test_saring_quarter_takes_rows_known_by_its_end():
    # TW II 2025: rows of 2025 whose quarter is 1 or 2; the row without a quarter is not
    # known to belong to any quarter yet, and last year's TW IV belongs to another year.
    assert Periode(2025, 2).saring(TABEL)["nilai"].tolist() == [11, 12]
    assert Periode(2025, 1).saring(TABEL)["nilai"].tolist() == [11]
    assert Periode(2025, 4).saring(TABEL)["nilai"].tolist() == [11, 12, 13, 14]
    assert Periode(2024, 4).saring(TABEL)["nilai"].tolist() == [10]


def test_saring_quarter_of_a_table_without_quarters_takes_the_year():
    tanpa = TABEL.drop(columns=["triwulan"])
    assert Periode(2025, 1).saring(tanpa)["nilai"].tolist() == [11, 12, 13, 14, 15]


def test_ada_di():
    assert Periode(2024).ada_di(TABEL) and Periode(2025, 3).ada_di(TABEL)
    assert not Periode(2026).ada_di(TABEL)


def test_saring_a_quarter_counts_rows_up_to_it_and_never_an_empty_quarter():
    import pandas as pd

    from iku_helpers.indikator.periode import Periode

    tabel = pd.DataFrame({"tahun": [2025, 2025, 2025, 2025, 2024],
                          "triwulan": pd.array([1, None, 3, 4, 1], dtype="Int64")})
    assert Periode(2025, 3).saring(tabel).index.tolist() == [0, 2]
    assert Periode(2025, 1).saring(tabel).index.tolist() == [0]
    assert Periode(2025).saring(tabel).index.tolist() == [0, 1, 2, 3]   # the year: all rows
    assert Periode(2025, 3).saring(tabel.drop(columns="triwulan")).index.tolist() == [
        0, 1, 2, 3]                                         # no quarters known: the year
