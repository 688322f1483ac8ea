"""The rules a reviewer's mutants slipped past before, each pinned by hand-worked values.

A criterion's ">" turned ">=", the year-range check removed, the check that kategori
thresholds decrease removed, the default year of the cron path changed, the province
total row ignored in favour of the sum of its areas, and a number pattern loosened so
that "1,586" reads as 1586: every one of these must make a test here fail.
"""

import numpy as np
import pytest
from conftest import TABEL_MINI, tulis_folder_data

from iku_helpers import DataIKUError, ParameterError, compute_results, muat_data
from iku_helpers.data_iku import Pengaturan, _baca_pengaturan
from iku_helpers.hitung import periksa_tahun, sebagai_periode
from iku_helpers.indikator.periode import Periode
from iku_helpers.indikator.rumus import (
    TingkatKategori,
    hitung_capaian,
    hitung_realisasi,
    kriteria_koperasi,
)
from iku_helpers.nasional import hitung_per_induk
from iku_helpers.parsing import NilaiTidakValid, parse_angka


# ------------------------------------------------------------ IKU2: strictly greater
def test_every_criterion_is_strict_and_returned_as_columns():
    #            K1: all grow  K2: no RAT  K3: volume tie  K4: aset tie  K5: no last year
    k = kriteria_koperasi(
        rat=[True, False, True, True, True],
        volume_usaha=[110, 120, 100, 110, 500],
        aset=[60, 70, 55, 50, 500],
        volume_usaha_sebelumnya=[100, 100, 100, 100, np.nan],
        aset_sebelumnya=[50, 50, 50, 50, np.nan])
    assert k["lolos_rat"].tolist() == [True, False, True, True, True]
    assert k["lolos_volume_usaha"].tolist() == [True, True, False, True, False]
    assert k["lolos_aset"].tolist() == [True, True, True, False, False]
    assert k["ada_data_sebelumnya"].tolist() == [True, True, True, True, False]
    assert k["meningkat"].tolist() == [True, False, False, False, False]


def test_single_koperasi_gives_plain_bools():
    k = kriteria_koperasi(True, 110, 50, 100, 50)   # aset equal to last year's
    assert k == {"ada_data_sebelumnya": True, "lolos_rat": True, "lolos_volume_usaha": True,
                 "lolos_aset": False, "meningkat": False}
    assert all(type(v) is bool for v in k.values())
    k = kriteria_koperasi(True, 100, 60, 100, 50)   # volume equal to last year's
    assert (k["lolos_volume_usaha"], k["lolos_aset"], k["meningkat"]) == (False, True, False)
    k = kriteria_koperasi(True, 100.01, 50.01, 100, 50)   # the smallest growth counts
    assert k["meningkat"] is True


def test_iku2_equal_aset_or_volume_does_not_count_in_the_numbers(tmp_path):
    # Mini 2025: K1 improved; K3 volume 100 = 100 (tie). Make K1's aset equal too (50 = 50):
    # nobody improves, 0 / 4 = 0,00 %.
    baris = [b.replace("2025,K1,Koperasi Satu,9901,ya,110,60",
                       "2025,K1,Koperasi Satu,9901,ya,110,50")
             for b in TABEL_MINI["evaluasi_koperasi.csv"]]
    folder = tulis_folder_data(tmp_path, {"evaluasi_koperasi.csv": baris})
    r = compute_results(2025, folder).set_index("kode_iku")
    assert (r.loc["IKU2", "pembilang"], r.loc["IKU2", "penyebut"]) == (0, 4)
    assert r.loc["IKU2", "realisasi"] == 0.0
    assert r.loc["IKU2", "kategori"] == "Sangat Rendah"


# ------------------------------------------------------------ the year range
@pytest.mark.parametrize(("tahun", "hasil"), [(2022, 2022), ("2026", 2026), (" 2025 ", 2025)])
def test_renstra_years_are_accepted_up_to_both_ends(tahun, hasil):
    assert periksa_tahun(tahun) == hasil


@pytest.mark.parametrize("tahun", [2021, 2027, "2025.5", "dua ribu", ""])
def test_years_outside_renstra_are_refused(tahun):
    with pytest.raises(ParameterError) as e:
        periksa_tahun(tahun)
    assert "--tahun" in str(e.value)


def test_sebagai_periode_checks_the_year_of_a_quarter_too():
    assert sebagai_periode("2025-3") == Periode(2025, 3)
    assert sebagai_periode(2024) == Periode(2024)
    assert sebagai_periode(Periode(2026, 1)) == Periode(2026, 1)
    with pytest.raises(ParameterError, match="2022-2026"):
        sebagai_periode("2027-1")
    with pytest.raises(ParameterError, match="2022-2026"):
        sebagai_periode(Periode(2021))
    with pytest.raises(ParameterError, match="bilangan bulat"):
        sebagai_periode("tahun lalu")


@pytest.mark.parametrize("tahun", [2021, 2027])
def test_target_years_outside_the_renstra_period_are_refused(tmp_path, tahun):
    baris = TABEL_MINI["target_iku.csv"] + [f"IKU1,{tahun},1.10"]
    with pytest.raises(DataIKUError) as e:
        muat_data(tulis_folder_data(tmp_path, {"target_iku.csv": baris}))
    assert "di luar periode Renstra 2022-2026" in str(e.value)
    assert (e.value.baris, e.value.kolom, e.value.berkas) == (10, "tahun", "target_iku.csv")


def test_target_years_at_both_ends_of_the_renstra_period_are_accepted(tmp_path):
    # the mini targets already hold 2026 (the last year); add 2022 (the first)
    baris = TABEL_MINI["target_iku.csv"] + ["IKU1,2022,1.24"]
    t = muat_data(tulis_folder_data(tmp_path, {"target_iku.csv": baris})).target
    assert sorted(set(t["tahun"])) == [2022, 2025, 2026]


# ------------------------------------------------------------ the kategori scale
def _skala(*tingkat):
    return {"pengaturan": {"skala_kategori": [
        {"kategori": k, "di_atas": d} for k, d in tingkat]}}


def test_custom_scale_is_read_in_order():
    p = _baca_pengaturan(_skala(("Baik", 80), ("Cukup", 60), ("Kurang", None)))
    assert p.skala_kategori == (TingkatKategori("Baik", 80.0), TingkatKategori("Cukup", 60.0),
                                TingkatKategori("Kurang", None))
    assert _baca_pengaturan({}) == Pengaturan()
    p = _baca_pengaturan({"pengaturan": {"batas_capaian": 110,
                                         "ambang_selisih_penyebut_persen": 1}})
    assert (p.batas_capaian, p.ambang_selisih_penyebut_persen) == (110.0, 1.0)


@pytest.mark.parametrize(("tingkat", "pesan"), [
    ((("Kurang", 60), ("Baik", 80), ("Buruk", None)), "harus menurun tegas"),   # rising
    ((("Baik", 80), ("Cukup", 80), ("Buruk", None)), "harus menurun tegas"),    # equal
    ((("Baik", 80), ("Kurang", 60)), "tingkat terakhir tidak boleh punya ambang"),
    ((("Baik", 80), ("Cukup", None), ("Kurang", None)), "butuh ambang 'di_atas'"),
])
def test_scale_thresholds_must_decrease(tingkat, pesan):
    with pytest.raises(DataIKUError) as e:
        _baca_pengaturan(_skala(*tingkat))
    assert pesan in str(e.value)
    assert e.value.kolom == "pengaturan.skala_kategori"


def test_scale_level_without_kategori_is_refused():
    with pytest.raises(DataIKUError, match="kunci wajib 'kategori' tidak ada"):
        _baca_pengaturan({"pengaturan": {"skala_kategori": [{"di_atas": 50}]}})
    with pytest.raises(DataIKUError, match="pemetaan"):
        _baca_pengaturan({"pengaturan": ["bukan", "pemetaan"]})


# ------------------------------------------------------------ the cron path's default year
def _folder_dua_tahun_lengkap(tmp_path):
    """Mini data plus 2024 targets and 2023 koperasi: 2024 and 2025 both complete."""
    return tulis_folder_data(tmp_path, {
        "target_iku.csv": TABEL_MINI["target_iku.csv"] + [
            "IKU1,2024,1.50", "IKU2,2024,30", "IKU3,2024,50", "IKU4,2024,64"],
        "evaluasi_koperasi.csv": TABEL_MINI["evaluasi_koperasi.csv"] + [
            "2023,K1,Koperasi Satu,9901,ya,90,40"],
    })


def test_default_year_is_the_last_complete_one(tmp_path):
    data = muat_data(_folder_dua_tahun_lengkap(tmp_path))
    # 2022/2023: no rows; 2026: targets but no rows
    assert data.tahun_lengkap() == [2024, 2025]
    assert data.tahun_terakhir_lengkap() == 2025


def test_default_year_on_the_mini_folder(folder_mini):
    data = muat_data(folder_mini)
    # 2024 has rows but no target and no 2023 koperasi to compare with
    assert data.tahun_lengkap() == [2025]
    assert data.tahun_terakhir_lengkap() == 2025


def test_no_complete_year_is_an_error(tmp_path):
    folder = tulis_folder_data(tmp_path, {"target_iku.csv": [
        "kode_iku,tahun,target", "IKU1,2026,2.00", "IKU2,2026,40", "IKU3,2026,60",
        "IKU4,2026,75"]})
    with pytest.raises(DataIKUError, match="tidak ada satu tahun pun"):
        muat_data(folder).tahun_terakhir_lengkap()


def test_iku2_2024_with_2023_comparison(tmp_path):
    # 2024: K1 100 > 90 and 50 > 40 with RAT: improved; K2, K3 have no 2023 row: 1/3
    r = compute_results(2024, _folder_dua_tahun_lengkap(tmp_path)).set_index("kode_iku")
    assert (r.loc["IKU2", "pembilang"], r.loc["IKU2", "penyebut"]) == (1, 3)
    assert r.loc["IKU2", "realisasi"] == 33.33
    # IKU1 2024: (40+60) + (30+17) = 147 / 9.800 (total row, areas sum 9.840) = 1,50 %
    assert (r.loc["IKU1", "pembilang"], r.loc["IKU1", "penyebut"]) == (147, 9_800)
    assert r.loc["IKU1", "realisasi"] == 1.5


# ------------------------------------------------------------ the province total row
def test_total_row_is_the_denominator_not_the_sum_of_areas(folder_mini):
    h = hitung_per_induk(muat_data(folder_mini), 2025).set_index(["kode_wilayah", "kode_iku"])
    # areas 6.040 + 4.000 = 10.040, total row 10.000: the total row is used
    assert h.loc[(9900, "IKU1"), "penyebut"] == 10_000
    assert h.loc[(9900, "IKU1"), "pembilang"] == 160
    assert h.loc[(9900, "IKU1"), "realisasi"] == 1.6


def test_numerator_total_row_is_ignored_beside_its_areas(tmp_path):
    # A total row in tenaga_kerja_kukm beside the areas: the areas' sum (160) is used
    baris = TABEL_MINI["tenaga_kerja_kukm.csv"] + ["2025,9900,Provinsi Uji,500,500"]
    tabel = compute_results(2025, tulis_folder_data(tmp_path, {"tenaga_kerja_kukm.csv": baris}))
    assert tabel.set_index("kode_iku").loc["IKU1", "pembilang"] == 160
    assert any("baris total diabaikan" in p for p in tabel.attrs["peringatan"])


def test_numerator_total_row_alone_is_used(tmp_path):
    # Only the total row (100 + 60 = 160): used as the numerator, with a warning
    baris = [TABEL_MINI["tenaga_kerja_kukm.csv"][0], "2025,9900,Provinsi Uji,100,60",
             "2024,9901,Kabupaten Satu,40,60"]
    tabel = compute_results(2025, tulis_folder_data(tmp_path, {"tenaga_kerja_kukm.csv": baris}))
    r = tabel.set_index("kode_iku")
    assert (r.loc["IKU1", "pembilang"], r.loc["IKU1", "realisasi"]) == (160, 1.6)
    assert any("hanya berisi baris total" in p for p in tabel.attrs["peringatan"])


# ------------------------------------------------------------ number patterns
@pytest.mark.parametrize(("teks", "nilai"), [
    ("1,586", 1.586),              # one comma group: a decimal comma, never 1586
    ("1,24", 1.24),
    ("1,586,320", 1_586_320.0),    # several comma groups: thousands
    ("1.586.320", 1_586_320.0),    # several dot groups: thousands
    ("1.500", 1500.0),             # one dot group of three: thousands
    ("1586.32", 1586.32),          # a dot followed by two digits: decimal point
    ("1.586,32", 1586.32),         # both: the last one is the decimal mark
    ("1,586.32", 1586.32),
    ("Rp 1.250.000", 1_250_000.0),
    ("rp.5.000", 5000.0),
    ("Rp 7.723.035.000,-", 7_723_035_000.0),  # ",-": no sen, as rupiah are often written
    ("5.000.-", 5000.0),
    ("\u00a012 345\u00a0", 12345.0),
    ("-5", -5.0),
    ("(1.500)", -1500.0),          # accounting negative
    ("０", 0.0),                   # full-width digit (NFKC)
    (7, 7.0),
    (np.int64(7), 7.0),
    (2.5, 2.5),
])
def test_parse_angka(teks, nilai):
    hasil = parse_angka(teks)
    assert hasil == nilai and type(hasil) is float


@pytest.mark.parametrize("teks", ["", "  ", "abc", "1,2,3", "1.2.3", "1,5,00", "12a", "-", ",-",
                                  "()", "1,,5", float("nan"), float("inf"), True, None, [1]])
def test_parse_angka_refuses(teks):
    with pytest.raises(NilaiTidakValid):
        parse_angka(teks)


def test_one_comma_group_in_a_rupiah_column_is_a_decimal(tmp_path):
    # volume_usaha "110,5" is 110,5 (rupiah columns are not whole numbers): K1 still grows
    # from 100, and "100,000" in a rupiah column is 100 (decimal comma): a tie for K3.
    baris = [b.replace("2025,K1,Koperasi Satu,9901,ya,110,60",
                       '2025,K1,Koperasi Satu,9901,ya,"110,5",60')
             .replace("2025,K3,Koperasi Tiga,9902,ya,100,55",
                      '2025,K3,Koperasi Tiga,9902,ya,"100,000",55')
             for b in TABEL_MINI["evaluasi_koperasi.csv"]]
    data = muat_data(tulis_folder_data(tmp_path, {"evaluasi_koperasi.csv": baris}))
    kop = data.evaluasi_koperasi.set_index(["tahun", "nomor_induk_koperasi"])
    assert kop.loc[(2025, "K1"), "volume_usaha"] == 110.5
    assert kop.loc[(2025, "K3"), "volume_usaha"] == 100.0


def test_a_count_column_reads_one_comma_group_as_thousands_with_a_warning(tmp_path):
    # penduduk_bekerja is a count of persons: "10,000" can only be ten thousand
    baris = [b.replace("2025,9900,Provinsi Uji,10000", '2025,9900,Provinsi Uji,"10,000"')
             for b in TABEL_MINI["penduduk_bekerja.csv"]]
    data = muat_data(tulis_folder_data(tmp_path, {"penduduk_bekerja.csv": baris}))
    pb = data.penduduk_bekerja.set_index(["tahun", "kode_wilayah"])["penduduk_bekerja"]
    assert pb[(2025, 9900)] == 10_000
    assert [p for p in data.peringatan if "pemisah ribuan" in p] != []
    assert any("'10,000' = 10.000" in p and "baris 5" in p for p in data.peringatan)


def test_a_score_column_reads_one_dot_group_as_a_decimal_with_a_warning(tmp_path):
    # indeks is 0-100: "70.000" can only be 70,000 (seventy), not seventy thousand
    data = muat_data(tulis_folder_data(tmp_path, {"indeks_rb.csv": [
        "tahun,indeks", "2024,65.50", '2025,"70.000"']}))
    assert data.indeks_rb.set_index("tahun")["indeks"][2025] == 70.0
    assert any("dibaca sebagai desimal" in p and "baris 3" in p for p in data.peringatan)



# ------------------------------------------------------------ rounding of exact halves
def test_exact_halves_round_up_although_the_float_falls_short():
    # 23 / 160 x 100 = 14,375 exactly; the float 23/160*100 is 14,374999999999998
    assert hitung_realisasi(23, 160) == 14.38
    assert hitung_realisasi(41, 160) == 25.63       # 25,625 exactly
    # capaian 1,15 / 1,60 x 100 = 71,875 exactly (float: 71,87499999999999)
    assert hitung_capaian(1.15, 1.6) == 71.88
    # lower is better: (1,60 - (1,15 - 1,60)) / 1,60 x 100 = 128,125 -> 128,13
    assert hitung_capaian(1.15, 1.6, "turun") == 128.13
