"""Identifier normalisation (parsing.normalisasi_id / samakan_id / tampil_tak_tampak),
hand-worked cell by cell: fast unit tests the mutation run selects."""

import numpy as np
import pandas as pd
import pyarrow as pa

from iku_helpers.parsing import normalisasi_id, samakan_id, tampil_tak_tampak


def test_normalisasi_id_cell_by_cell():
    seri = pd.Series(["KSP-001", " ksp-001\u200b", "Ｋｏｐ\u00a0 Satu", "\ufeffA1", None, "plain"])
    teks, kunci, berubah = normalisasi_id(seri)
    # NFKC turns full-width letters into ASCII; the NBSP and the double space collapse to
    # one space; zero-width space and BOM disappear; trimming alone changes nothing.
    assert teks.tolist() == ["KSP-001", "ksp-001", "Kop Satu", "A1", "", "plain"]
    assert kunci.tolist() == ["ksp-001", "ksp-001", "kop satu", "a1", "", "plain"]
    assert berubah.tolist() == [False, True, True, True, False, False]


def test_samakan_id_gives_each_key_its_first_spelling():
    seri = pd.Series(["Kop-A", "KOP-A", "kop-a\u200b", "Kop-B", " Kop-B "])
    teks, berubah = samakan_id(seri)
    assert teks.tolist() == ["Kop-A", "Kop-A", "Kop-A", "Kop-B", "Kop-B"]
    # the second and third cells were respelt; " Kop-B " only trimmed
    assert berubah.tolist() == [False, True, True, False, False]


def test_samakan_id_upper_case_for_codes_and_chunked_columns():
    seri = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([["iku1", "IKU2"],
                                                                  ["Iku1"]])))
    teks, berubah = samakan_id(seri, huruf_besar=True)
    assert teks.tolist() == ["IKU1", "IKU2", "IKU1"]
    assert np.array_equal(berubah, [True, False, True])


def test_tampil_tak_tampak_shows_invisible_characters():
    assert tampil_tak_tampak("A\u200bB\u00a0C d") == "'A\\u200bB\\u00a0C d'"
    assert tampil_tak_tampak("biasa") == "'biasa'"


def test_tampil_tak_tampak_writes_every_invisible_kind_as_its_code():
    # Cf zero-width space, Cc bell and tab, Zs no-break space, Zl/Zp line and paragraph
    # separators; a plain space and ordinary letters stay as they are
    assert tampil_tak_tampak("a\u200bb\x07c\td\u00a0e\u2028f\u2029g h") == (
        "'a\\u200bb\\u0007c\\u0009d\\u00a0e\\u2028f\\u2029g h'")
    assert tampil_tak_tampak(12) == "'12'"


def test_normalisasi_nama_drops_kabupaten_but_keeps_kota():
    from iku_helpers.parsing import normalisasi_nama

    assert normalisasi_nama("Kabupaten Sigi") == "sigi"
    assert normalisasi_nama("Kab. Toli-Toli") == "tolitoli"
    assert normalisasi_nama("kab Banggai") == "banggai"
    assert normalisasi_nama("Kota Palu") == "kotapalu"
    assert normalisasi_nama("TOLITOLI") == normalisasi_nama("Toli Toli") == "tolitoli"


def test_normalisasi_id_keeps_the_index_of_its_input():
    seri = pd.Series([" A1", "a1\u200b", None], index=[10, 20, 30])
    teks, kunci, berubah = normalisasi_id(seri)
    assert list(teks.index) == list(kunci.index) == [10, 20, 30]
    assert teks.tolist() == ["A1", "a1", ""] and kunci.tolist() == ["a1", "a1", ""]
    assert berubah.tolist() == [False, True, False]


def test_ids_held_by_pandas_in_several_arrow_chunks():
    """pandas may keep Arrow-backed text in several chunks (e.g. from Parquet); the IDs are
    still normalised (this raised ArrowInvalid before)."""
    seri = pd.Series(pd.arrays.ArrowStringArray(
        pa.chunked_array([["KSP-1", " ksp-1"], ["Ksp-1\u200b", "B"]])))
    teks, berubah = samakan_id(seri)
    assert teks.tolist() == ["KSP-1", "KSP-1", "KSP-1", "B"]
    assert berubah.tolist() == [False, True, True, False]
    teks, kunci, _ = normalisasi_id(seri)
    assert kunci.tolist() == ["ksp-1", "ksp-1", "ksp-1", "b"]


def test_hitung_realisasi_rounds_to_the_decimals_asked():
    from iku_helpers.indikator.rumus import hitung_realisasi

    assert hitung_realisasi(1, 3) == 33.33
    assert hitung_realisasi(1, 3, 1) == 33.3
    assert hitung_realisasi(1, 3, 0) == 33.0
    assert hitung_realisasi(1, 8, 1) == 12.5 and hitung_realisasi(1, 8, 0) == 13.0   # 12,5 up
