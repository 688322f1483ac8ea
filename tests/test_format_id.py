"""Indonesian formatting: every expected string is written out by hand."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from iku_helpers import format_id as f


@pytest.mark.parametrize(
    ("nilai", "desimal", "harapan"),
    [
        (1.24, 2, "1,24"),
        (1586320.5, 2, "1.586.320,50"),
        (1.005, 2, "1,01"),  # binary float 1.00499...: half up on the decimal text
        (2.675, 2, "2,68"),
        (2.665, 2, "2,67"),  # Babel alone would round half even to 2,66
        (-2.675, 2, "-2,68"),
        (0, 2, "0,00"),
        (-0.001, 2, "0,00"),  # no "-0,00"
        (1234567890.126, 2, "1.234.567.890,13"),
        (66, 0, "66"),
        (5.77, 1, "5,8"),
        (np.float64(3.85), 2, "3,85"),
        (Decimal("1586.325"), 2, "1.586,33"),
    ],
)
def test_angka(nilai, desimal, harapan):
    assert f.angka(nilai, desimal) == harapan


@pytest.mark.parametrize("kosong", [None, float("nan"), np.nan, pd.NA, pd.NaT])
def test_nilai_kosong_menjadi_tanda_pisah(kosong):
    assert f.angka(kosong) == "–"
    assert f.bilangan(kosong) == "–"
    assert f.persen(kosong) == "–"
    assert f.rupiah(kosong) == "–"


def test_angka_menolak_tak_hingga_dan_bool():
    with pytest.raises(ValueError):
        f.angka(float("inf"))
    with pytest.raises(TypeError):
        f.angka(True)
    with pytest.raises(TypeError, match="bukan angka"):
        f.angka("1,24")


@pytest.mark.parametrize(
    ("nilai", "harapan"),
    [
        (1586320, "1.586.320"),
        (1586320.5, "1.586.321"),
        (0, "0"),
        (-2400, "-2.400"),
        (np.int64(52), "52"),
        (999.5, "1.000"),
    ],
)
def test_bilangan(nilai, harapan):
    assert f.bilangan(nilai) == harapan


def test_persen():
    assert f.persen(1.24) == "1,24%"
    assert f.persen(105.555) == "105,56%"
    assert f.persen(-3.5, 1) == "-3,5%"
    assert f.persen(0) == "0,00%"


@pytest.mark.parametrize(
    ("nilai", "harapan"),
    [
        (1250000, "Rp1.250.000"),
        (-1250000, "-Rp1.250.000"),
        (0, "Rp0"),
        (1250000.5, "Rp1.250.001"),
        (10_000_000_000, "Rp10.000.000.000"),
    ],
)
def test_rupiah(nilai, harapan):
    assert f.rupiah(nilai) == harapan


def test_tanggal():
    assert f.tanggal(date(2026, 11, 27)) == "27 November 2026"
    assert f.tanggal(date(2022, 1, 17)) == "17 Januari 2022"
    assert f.tanggal(date(2025, 8, 5)) == "5 Agustus 2025"
    assert f.tanggal(None) == "–"


def test_tanggal_waktu():
    assert f.tanggal_waktu(datetime(2026, 11, 27, 14, 5)) == "27 November 2026 pukul 14.05"
    wita = timezone(timedelta(hours=8))
    # Palu's clock is WITA: named as Indonesians name it, not "UTC+8"; WIB and WIT alike
    assert f.tanggal_waktu(datetime(2026, 2, 3, 9, 0, tzinfo=wita)) == (
        "3 Februari 2026 pukul 09.00 WITA"
    )
    for jam, zona in ((7, "WIB"), (9, "WIT")):
        dt = datetime(2026, 2, 3, 9, 0, tzinfo=timezone(timedelta(hours=jam)))
        assert f.tanggal_waktu(dt) == f"3 Februari 2026 pukul 09.00 {zona}"
    india = timezone(timedelta(hours=5, minutes=30))
    assert f.tanggal_waktu(datetime(2026, 2, 3, 9, 0, tzinfo=india)).endswith("UTC+5.30")
    assert f.tanggal_waktu(datetime(2026, 2, 3, 9, 0, tzinfo=UTC)).endswith("UTC+0")


def test_sebut_jumlah():
    assert f.sebut_jumlah(1, "koperasi") == "1 koperasi"
    assert f.sebut_jumlah(2400, "tenaga kerja") == "2.400 tenaga kerja"
    assert f.sebut_jumlah(22307, "usaha kecil") == "22.307 usaha kecil"


def test_angka_bertanda():
    from iku_helpers.format_id import angka_bertanda

    assert angka_bertanda(2.5) == "+2,50"
    assert angka_bertanda(-3.014) == "-3,01"
    assert angka_bertanda(0.004) == "0,00" and angka_bertanda(-0.004) == "0,00"
    assert angka_bertanda(0.005) == "+0,01"  # half up, as every printed number
    assert angka_bertanda(None) == "–"


@pytest.mark.parametrize("kode, harapan", [("IKU1", "IKU 1"), ("IKU4", "IKU 4"),
                                           ("IKU12", "IKU 12"), ("IKU 1", "IKU 1"),
                                           ("Nasional", "Nasional"), ("IKUX", "IKUX")])
def test_nama_iku_is_the_prose_form_of_a_code(kode, harapan):
    assert f.nama_iku(kode) == harapan


def test_gabung_kata_and_kata_baris():
    from iku_helpers.format_id import gabung_kata, kata_baris

    assert [gabung_kata(x) for x in ([], ["A"], ["A", "B"], ["A", "B", "C"])] == [
        "", "A", "A dan B", "A, B dan C"]
    assert kata_baris([7]) == "baris 7"
    assert kata_baris([7, 9, 12]) == "baris 7, 9 dan 12"
    assert kata_baris(list(range(2, 10))) == "baris 2, 3, 4, 5, 6 dan 3 lainnya"
    # only the first rows given, the full count beside them
    assert kata_baris([52, 53, 54, 55, 56], jumlah=52) == "baris 52, 53, 54, 55, 56 dan 47 lainnya"
    assert kata_baris(list(range(1, 13)), 10) == "baris 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 dan 2 lainnya"
