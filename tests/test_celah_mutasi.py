"""Gaps the mutation run showed (make mutasi): behaviour no fast test pinned before.

Each expectation is worked by hand from the mini folder of conftest.py or from the rule
as data/README.md states it.
"""

import numpy as np
import pandas as pd
import pytest

from iku_helpers import DataIKUError, ParameterError, muat_data
from iku_helpers.hitung import (
    hitung_satu,
    rinci_koperasi,
)
from iku_helpers.nasional import hitung_nasional
from iku_helpers.parsing import (
    NilaiTidakValid,
    bersihkan_label,
    kosong,
    normalisasi_nama,
    parse_angka,
    parse_ya_tidak,
)
from iku_helpers.validasi import SKEMA, Kolom, Skema, daftarkan_tabel, periksa_tabel


# ------------------------------------------------------------ parse_angka
@pytest.mark.parametrize(("nilai", "pesan"), [
    ("", "kosong"), ("   ", "kosong"), ("-", "kosong"), ("()", "kosong"), ("Rp", "kosong"),
    (float("nan"), "kosong atau bukan angka"), (float("inf"), "kosong atau bukan angka"),
    (True, "bukan angka"), (None, "bukan angka"), ([1], "bukan angka"),
    ("abc", "bukan angka"), ("1,2,3", "bukan angka"), ("12a", "bukan angka"),
    ("(1500", "bukan angka"),          # an opening bracket alone is no accounting negative
    ("1500)", "bukan angka"),
    ("1,234.567,8", "bukan angka"),    # a comma after the decimal point
    ("1.2,3.4", "bukan angka"),        # a dot after the decimal comma
])
def test_parse_angka_says_why(nilai, pesan):
    # bps.py and wilayah.py show this text to the analyst
    with pytest.raises(NilaiTidakValid) as e:
        parse_angka(nilai)
    assert str(e.value) == pesan


@pytest.mark.parametrize(("nilai", "hasil"), [
    ("1.234.567,89", 1_234_567.89), ("1,234,567.89", 1_234_567.89), ("RP 2.000", 2000.0),
    ("-1,5", -1.5), ("(2,5)", -2.5), ("12", 12.0), ("0,125", 0.125),
])
def test_parse_angka_more_forms(nilai, hasil):
    assert parse_angka(nilai) == hasil


@pytest.mark.parametrize(("nilai", "hasil"), [
    ("ya", True), (" YA ", True), ("y", True), ("iya", True), ("Yes", True), ("TRUE", True),
    ("benar", True), ("1", True), ("1.0", True), (1, True), (1.0, True), (True, True),
    ("tidak", False), ("T", False), ("tdk", False), ("no", False), ("n", False),
    ("false", False), ("salah", False), ("0", False), ("0.0", False), ("tidak ada", False),
    (0, False), (False, False),
])
def test_parse_ya_tidak(nilai, hasil):
    assert parse_ya_tidak(nilai) is hasil


@pytest.mark.parametrize(("nilai", "pesan"), [
    (2, "bukan ya/tidak"), (0.5, "bukan ya/tidak"), ("", "kosong, harus ya atau tidak"),
    (None, "kosong, harus ya atau tidak"), (float("nan"), "kosong, harus ya atau tidak"),
    ("mungkin", "bukan ya/tidak (yang diterima: ya/tidak, y/t, 1/0, true/false)"),
])
def test_parse_ya_tidak_refuses(nilai, pesan):
    with pytest.raises(NilaiTidakValid) as e:
        parse_ya_tidak(nilai)
    assert str(e.value) == pesan


def test_kosong():
    assert kosong(None) and kosong(pd.NA) and kosong(float("nan")) and kosong(pd.NaT)
    assert kosong("") and kosong("  \t")
    assert not kosong("0") and not kosong(0) and not kosong("x") and not kosong([1])


@pytest.mark.parametrize(("nama", "kunci"), [
    ("Kab. Toli-Toli", "tolitoli"), ("TOLITOLI", "tolitoli"), ("Toli Toli", "tolitoli"),
    ("KABUPATEN  Banggai Kepulauan", "banggaikepulauan"), ("Kab Sigi", "sigi"),
    ("Kota Palu", "kotapalu"),                       # "kota" is kept
    ("<b>Kab.&nbsp;Poso</b>", "poso"),               # tags and entities first
    ("Tojo Una-Una ", "tojounauna"), ("Kécamatan", "kecamatan"),
])
def test_normalisasi_nama(nama, kunci):
    assert normalisasi_nama(nama) == kunci


def test_bersihkan_label():
    assert bersihkan_label("  <th>Jumlah&amp;Total</th>\n ") == "Jumlah&Total"
    assert bersihkan_label("Penduduk \n\t Bekerja") == "Penduduk Bekerja"
    assert bersihkan_label(42) == "42"


# ------------------------------------------------------------ one IKU at a time
def test_hitung_satu_on_mini(folder_mini):
    data = muat_data(folder_mini)
    n = hitung_satu(data, "IKU1", 2025)
    assert (n.kode_iku, n.tahun, n.pembilang, n.penyebut, n.realisasi) == (
        "IKU1", 2025, 160.0, 10_000.0, 1.6)
    assert n.rincian["sumber_penyebut"] == "baris total Provinsi Uji (9900)"
    n = hitung_satu(data, "IKU4", 2025)
    assert (n.pembilang, n.penyebut, n.realisasi) == (None, None, 70.0)
    assert n.rincian["predikat"] == "B"
    # every ratio IKU, hand-worked on the mini folder
    n1 = hitung_satu(data, "IKU1", 2025)
    assert (n1.realisasi, n1.penyebut) == (1.6, 10_000)
    n2 = hitung_satu(data, "IKU2", 2025)
    assert (n2.kode_iku, n2.pembilang, n2.penyebut, n2.realisasi) == ("IKU2", 1.0, 4.0, 25.0)
    n3 = hitung_satu(data, "IKU3", 2025)
    assert (n3.kode_iku, n3.pembilang, n3.penyebut, n3.realisasi) == ("IKU3", 3.0, 8.0, 37.5)
    # 2024: IKU1 (100 + 47) / 9.800 = 1,50 %
    assert hitung_satu(data, "IKU1", 2024).realisasi == 1.5


def test_hitung_satu_refuses(folder_mini):
    data = muat_data(folder_mini)
    with pytest.raises(DataIKUError, match="tidak ada data tahun 2023"):
        hitung_satu(data, "IKU2", 2024)       # IKU2 2024 needs 2023
    with pytest.raises(DataIKUError, match="tidak ada data untuk tahun 2026"):
        hitung_satu(data, "IKU3", 2026)
    with pytest.raises(ParameterError):
        hitung_satu(data, "IKU1", 2030)


def test_rinci_koperasi_on_mini(folder_mini):
    data = muat_data(folder_mini)
    k = rinci_koperasi(data, 2025)
    # improved first, then by failed criteria, then by name: K2 (no RAT) and K3 (volume
    # tie) fail one each, "Koperasi Dua" < "Koperasi Tiga"; K4 fails both growth criteria
    assert k["nomor_induk_koperasi"].tolist() == ["K1", "K2", "K3", "K4"]
    assert k["jumlah_kriteria_gagal"].tolist() == [0, 1, 1, 2]
    assert k["kriteria_gagal"].tolist() == ["", "tidak melaksanakan RAT", "volume usaha tidak naik",
                                            "tidak ada data tahun sebelumnya"]
    assert k["nama_wilayah"].tolist() == ["Kabupaten Satu", "Kabupaten Satu", "Kota Dua",
                                          "Kota Dua"]
    # K2: volume 100 -> 120 (+20 %), aset 50 -> 70 (+40 %); K3: aset 50 -> 55 (+10 %)
    assert k["perubahan_volume_usaha_persen"].tolist()[:3] == [10.0, 20.0, 0.0]
    assert k["perubahan_aset_persen"].tolist()[:3] == [20.0, 40.0, 10.0]
    assert "_baris" not in k.columns
    with pytest.raises(DataIKUError, match="tidak ada data tahun 2023"):
        rinci_koperasi(data, 2024)


# ------------------------------------------------------------ the national table
def test_hitung_nasional_columns_year_and_cap(tmp_path):
    from conftest import tulis_folder_data

    folder = tulis_folder_data(tmp_path, manifest_tambahan={"pengaturan": {
        "batas_capaian": 101}})
    h = hitung_nasional(muat_data(folder), 2025)
    assert list(h.columns) == ["kode_wilayah", "nama_wilayah", "tahun", "kode_iku",
                               "pembilang", "penyebut", "realisasi", "target",
                               "capaian_persen", "kategori"]
    assert set(h["tahun"]) == {2025}
    prov = h[h["kode_wilayah"] == 9900].set_index("kode_iku")
    assert prov.loc["IKU4", "capaian_persen"] == 101.0      # 70 / 68 = 102,94, capped at 101
    assert prov.loc["IKU3", "capaian_persen"] == 75.0       # 37,5 / 50
    assert prov.loc["IKU2", "kategori"] == "Tinggi"         # 25 / 30 = 83,33


# ------------------------------------------------------------ the schema registry
def test_schema_declares_each_column():
    kop = SKEMA["evaluasi_koperasi"]
    assert kop.kolom["tahun"] == Kolom("tahun", "", True, False)
    # optional, and its cells may be empty (quarters not recorded in earlier years)
    assert kop.kolom["triwulan"] == Kolom("triwulan", "", False, False, True)
    assert SKEMA["perjanjian_kinerja"].kolom["target_tw1"] == Kolom(
        "skor", "% atau indeks", False, False, True)
    assert not SKEMA["perjanjian_kinerja"].kolom["target"].boleh_kosong
    assert kop.kolom["nomor_induk_koperasi"] == Kolom("kode", "", True, False)
    assert kop.kolom["volume_usaha"] == Kolom("rupiah", "Rp", True, False)
    assert kop.kunci == ("tahun", "nomor_induk_koperasi")
    assert kop.opsional == ("triwulan", "tanggal")
    pb = SKEMA["penduduk_bekerja"]
    assert pb.kolom["penduduk_bekerja"] == Kolom("jumlah", "orang", True, False)
    assert pb.kolom["nama_wilayah"] == Kolom("teks", "", False, False)
    assert pb.kolom["penduduk_bekerja"].harus_bulat and pb.kolom["tahun"].harus_bulat
    assert not kop.kolom["volume_usaha"].harus_bulat
    assert Kolom("rupiah", bulat=True).harus_bulat
    assert SKEMA["indeks_rb"].opsional == ("kode_wilayah",)
    assert (SKEMA["komponen_rb"].wajib, SKEMA["komponen_rb"].perlu_kode_wilayah) == (False,
                                                                                     False)
    assert (SKEMA["target_iku"].wajib, SKEMA["target_iku"].perlu_kode_wilayah) == (True, False)
    assert list(SKEMA)[:7] == ["target_iku", "penduduk_bekerja", "tenaga_kerja_kukm",
                           "evaluasi_koperasi", "evaluasi_usaha_kecil", "indeks_rb",
                           "komponen_rb"]


def test_daftarkan_tabel_adds_to_the_registry():
    skema = Skema({"tahun": Kolom("tahun")}, ("tahun",), "Uji", wajib=False)
    try:
        daftarkan_tabel("uji_tambahan", skema)
        assert SKEMA["uji_tambahan"] is skema
    finally:
        SKEMA.pop("uji_tambahan", None)


def test_periksa_tabel_returns_the_warnings():
    df = pd.DataFrame({"_baris": [2, 3], "tahun": ["2024", "2025"],
                       "indeks": ["65.5", "70.000"]})
    bersih, peringatan = periksa_tabel(df, "indeks_rb", "rb.csv", None)
    assert bersih["indeks"].tolist() == [65.5, 70.0]     # 0-100: "70.000" is seventy
    assert bersih["tahun"].tolist() == [2024, 2025]
    assert len(peringatan) == 1 and "baris 3" in peringatan[0]
    # one warning for the column (it lists its rows), carrying file and column
    assert (peringatan[0].berkas, peringatan[0].kolom) == ("rb.csv", "indeks")


# ------------------------------------------------------------ history and values
def test_riwayat_on_mini(folder_mini):
    from iku_helpers.hitung import hitung_iku, hitung_riwayat
    from iku_helpers.indikator.periode import Periode

    data = muat_data(folder_mini)
    for riwayat in (hitung_iku(2025, data).riwayat, hitung_riwayat(data, Periode(2025))):
        r = riwayat.set_index(["kode_iku", "tahun"])
        # years: 2024 and 2025 from the rows, 2026 from the targets only (2026 is the last
        # Renstra year, listed without realisasi)
        assert sorted(set(riwayat["tahun"])) == [2024, 2025, 2026]
        assert r.loc[("IKU1", 2025), "realisasi"] == 1.6        # this year's value
        assert r.loc[("IKU1", 2024), "realisasi"] == 1.5        # 147 / 9.800
        assert r.loc[("IKU4", 2024), "realisasi"] == 65.5
        assert pd.isna(r.loc[("IKU2", 2024), "realisasi"])      # no 2023 to compare with
        assert pd.isna(r.loc[("IKU1", 2026), "realisasi"])
        assert r.loc[("IKU1", 2026), "target"] == 2.0
        assert r.loc[("IKU3", 2025), "capaian_persen"] == 75.0
    # computed as of 2024: 2025 is later, so no realisasi yet
    r = hitung_riwayat(data, Periode(2024)).set_index(["kode_iku", "tahun"])
    assert r.loc[("IKU1", 2024), "realisasi"] == 1.5 and pd.isna(r.loc[("IKU1", 2025),
                                                                        "realisasi"])


def test_nilai_of_hitung_iku(folder_mini):
    from iku_helpers.hitung import hitung_iku, hitung_nilai
    from iku_helpers.indikator.periode import Periode

    nilai = hitung_iku(2025, folder_mini).nilai
    assert [(n.kode_iku, n.tahun) for n in nilai.values()] == [
        ("IKU1", 2025), ("IKU2", 2025), ("IKU3", 2025), ("IKU4", 2025)]
    assert (nilai["IKU1"].pembilang, nilai["IKU1"].penyebut) == (160.0, 10_000.0)
    # an index has no numerator or denominator: None, not NaN
    assert nilai["IKU4"].pembilang is None and nilai["IKU4"].penyebut is None
    with pytest.raises(DataIKUError, match="tidak ada data untuk tahun 2026"):
        hitung_nilai(muat_data(folder_mini), Periode(2026))


def test_history_applies_the_capaian_cap(tmp_path):
    # With batas_capaian 100, IKU4 2025 (70 / 68 = 102,94 %) is capped at 100,00 in the
    # year's table and in the history alike.
    import yaml
    from conftest import tulis_folder_data

    from iku_helpers import hitung_iku

    folder = tulis_folder_data(tmp_path / "data")
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    manifest["pengaturan"] = {"batas_capaian": 100}
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    h = hitung_iku(2025, folder)
    r = h.riwayat.set_index(["kode_iku", "tahun"])
    assert h.tabel.set_index("kode_iku").loc["IKU4", "capaian_persen"] == 100.0
    assert r.loc[("IKU4", 2025), "capaian_persen"] == 100.0


def test_per_area_share_with_zero_or_missing_denominator_is_empty():
    import pandas as pd

    from iku_helpers.hitung import _persen_per_baris

    # 1/4 = 25,00 %; a zero or missing denominator has no share (not 0, not an error)
    assert _persen_per_baris(pd.Series([1, 1, 1]), pd.Series([4, 0, None])) == [25.0, None,
                                                                                 None]


# ------------------------------------------------------------ each IKU's detail (rinci)
def _mini(tmp_path, ubah=None):
    from conftest import tulis_folder_data

    return muat_data(tulis_folder_data(tmp_path, ubah))


def test_rinci_iku1_year_and_quarter(tmp_path):
    """Mini 2025: Kabupaten Satu 50 + 70 = 120 of 6.040, Kota Dua 30 + 10 = 40 of 4.000;
    the denominator is the province's total row. A TW III run (before the November
    release) uses the 2024 Sakernas: 40 + 60 = 100 of 5.940 and 30 + 17 = 47 of 3.900."""
    from iku_helpers.indikator import iku1
    from iku_helpers.indikator.periode import Periode

    data = _mini(tmp_path)
    r = iku1.rinci(data, Periode(2025))
    w = r["wilayah"].set_index("kode_wilayah")
    assert w["tenaga_kerja_kukm"].to_dict() == {9901: 120, 9902: 40}
    assert w["penduduk_bekerja"].to_dict() == {9901: 6040, 9902: 4000}
    assert r["sumber_penyebut"] == "baris total Provinsi Uji (9900)"
    assert (r["sumber_nilai"], r["tahun_data"]) == (
        "Sakernas Agustus 2025 (dirilis awal November 2025)", 2025)
    tw = iku1.rinci(data, Periode(2025, 3))
    w = tw["wilayah"].set_index("kode_wilayah")
    assert w["tenaga_kerja_kukm"].to_dict() == {9901: 100, 9902: 47}
    assert w["penduduk_bekerja"].to_dict() == {9901: 5940, 9902: 3900}
    assert (tw["sumber_nilai"], tw["tahun_data"]) == (
        "Sakernas Agustus 2024 (dirilis awal November 2024)", 2024)
    assert iku1.rinci(data, Periode(2025, 4))["tahun_data"] == 2025   # released in November


def test_rinci_iku1_without_a_total_row_sums_the_areas(tmp_path):
    from conftest import TABEL_MINI

    from iku_helpers.indikator import iku1
    from iku_helpers.indikator.periode import Periode

    tanpa_total = [b for b in TABEL_MINI["penduduk_bekerja.csv"] if ",9900," not in b]
    data = _mini(tmp_path, {"penduduk_bekerja.csv": tanpa_total})
    assert iku1.rinci(data, Periode(2025))["sumber_penyebut"] == "jumlah 2 kabupaten/kota"


def test_rinci_iku2_criteria_counts_and_rounding(tmp_path):
    """Three more koperasi: K5 grows volume 300 -> 301 (+0,333... -> 0,33 %) but loses
    aset 70 -> 60 (-14,285... -> -14,29 %); K6 fails all three; K7 is new and held no RAT."""
    from conftest import TABEL_MINI

    from iku_helpers.indikator import iku2
    from iku_helpers.indikator.periode import Periode

    kop = TABEL_MINI["evaluasi_koperasi.csv"] + [
        "2024,K5,Koperasi Lima,9902,ya,300,70", "2025,K5,Koperasi Lima,9902,ya,301,60",
        "2024,K6,Koperasi Enam,9901,ya,100,100", "2025,K6,Koperasi Enam,9901,tidak,90,90",
        "2025,K7,Koperasi Tujuh,9902,tidak,10,10"]
    r = iku2.rinci(_mini(tmp_path, {"evaluasi_koperasi.csv": kop}), Periode(2025))["koperasi"]
    assert isinstance(r.index, pd.RangeIndex) and "index" not in r.columns
    k = r.set_index("nomor_induk_koperasi")
    assert k["kriteria_gagal"].to_dict() == {
        "K1": "", "K2": "tidak melaksanakan RAT", "K3": "volume usaha tidak naik",
        "K4": "tidak ada data tahun sebelumnya", "K5": "aset tidak naik",
        "K6": "tidak melaksanakan RAT; volume usaha tidak naik; aset tidak naik",
        "K7": "tidak melaksanakan RAT; tidak ada data tahun sebelumnya"}
    assert k["jumlah_kriteria_gagal"].to_dict() == {
        "K1": 0, "K2": 1, "K3": 1, "K4": 2, "K5": 1, "K6": 3, "K7": 3}
    assert str(k["jumlah_kriteria_gagal"].dtype) == "int64"      # a count, not 1.0
    assert k.loc["K5", "perubahan_volume_usaha_persen"] == 0.33
    assert k.loc["K5", "perubahan_aset_persen"] == -14.29
    assert k.loc["K6", "perubahan_volume_usaha_persen"] == -10.0
    # improved first, then fewest failed criteria, then name
    assert r["nomor_induk_koperasi"].tolist()[0] == "K1"
    assert r["nomor_induk_koperasi"].tolist()[-2:] == ["K6", "K7"]


def test_rinci_iku3_names_each_area(tmp_path):
    from iku_helpers.indikator import iku3
    from iku_helpers.indikator.periode import Periode

    uk = iku3.rinci(_mini(tmp_path), Periode(2025))["usaha_kecil"].set_index("id_usaha")
    assert uk.loc["U1", "nama_wilayah"] == "Kabupaten Satu"
    assert uk.loc["U3", "nama_wilayah"] == "Kota Dua"


def test_rinci_iku4_province_row_komponen_and_quarter(tmp_path):
    """A national-style indeks table (kode_wilayah): the province's own row is used even
    when another code's row comes first. TW III 2025 (before the December review) uses
    2024: 65,50 -> predikat B, with 2024's two components."""
    from conftest import TABEL_MINI

    from iku_helpers.indikator import iku4
    from iku_helpers.indikator.periode import Periode

    rb = ["tahun,kode_wilayah,indeks", "2024,9900,65.50", "2025,9901,95.00", "2025,9900,70.00"]
    data = _mini(tmp_path / "a", {"indeks_rb.csv": rb})
    r = iku4.rinci(data, Periode(2025))
    assert r["predikat"] == "B"                      # 70,00: above 60, not above 70
    assert r["komponen"]["komponen"].tolist() == ["Pemenuhan", "Reform", "Kinerja Organisasi"]
    assert "_baris" not in r["komponen"].columns
    assert (r["sumber_nilai"], r["tahun_data"]) == (
        "indeks RB hasil reviu Biro Organisasi tahun 2025", 2025)
    tw = iku4.rinci(data, Periode(2025, 3))
    assert (tw["predikat"], tw["tahun_data"]) == ("B", 2024)
    assert tw["sumber_nilai"] == "indeks RB hasil reviu Biro Organisasi tahun 2024"
    assert tw["komponen"]["nilai"].tolist() == [15.5, 50.0]
    assert TABEL_MINI["indeks_rb.csv"][0] == "tahun,indeks"
    import yaml

    folder = tmp_path / "b"
    from conftest import tulis_folder_data

    tulis_folder_data(folder, {"komponen_rb.csv": None})
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text(encoding="utf-8"))
    del manifest["data"]["komponen_rb"]           # an optional input, left out
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    tanpa = iku4.rinci(muat_data(folder), Periode(2025))
    assert tanpa["komponen"] is None and tanpa["predikat"] == "B"


# ------------------------------------------------------------ cross-table checks (IKU1)
def _temuan_iku1(tmp_path, ubah):
    from iku_helpers.indikator import iku1

    return [(type(t).__name__, str(t), getattr(t, "baris", None))
            for t in iku1.periksa_data(_mini(tmp_path, ubah))]


def _ganti(nama: str, lama: str, baru: str) -> dict:
    from conftest import TABEL_MINI

    return {nama: [baru if b == lama else b for b in TABEL_MINI[nama]]}


def test_iku1_checks_nothing_to_say_on_the_mini_folder(tmp_path):
    # 2025: areas 6.040 + 4.000 = 10.040 against the total row 10.000: 0,40 % <= 0,5 %
    assert _temuan_iku1(tmp_path, {}) == []


def test_iku1_total_row_differing_from_its_areas_by_more_than_the_threshold(tmp_path):
    """6.050 + 4.000 = 10.050 is 0,50 % off the total 10.000 (not more than the 0,5 %
    threshold: quiet); 6.051 + 4.000 = 10.051 is 0,51 %: a warning."""
    sama = _ganti("penduduk_bekerja.csv", "2025,9901,Kabupaten Satu,6040",
                  "2025,9901,Kabupaten Satu,6050")
    assert _temuan_iku1(tmp_path / "a", sama) == []
    lebih = _ganti("penduduk_bekerja.csv", "2025,9901,Kabupaten Satu,6040",
                   "2025,9901,Kabupaten Satu,6051")
    assert _temuan_iku1(tmp_path / "b", lebih) == [(
        "Peringatan", "Berkas 'penduduk_bekerja.csv', kolom 'penduduk_bekerja': IKU1 2025: "
        "jumlah penduduk bekerja 2 kabupaten/kota (10.051) berbeda 0,51% dari baris total "
        "Provinsi Uji (10.000); penyebut memakai baris total", None)]


def test_iku1_total_rows_and_missing_areas_in_tenaga_kerja(tmp_path):
    from conftest import TABEL_MINI

    tk = TABEL_MINI["tenaga_kerja_kukm.csv"]
    # a total row beside the 2025 areas (file row 6), and 2023 with Kabupaten Satu only
    assert _temuan_iku1(tmp_path / "a", {"tenaga_kerja_kukm.csv": tk + [
        "2025,9900,Provinsi Uji,80,80", "2023,9901,Kabupaten Satu,1,1"]}) == [
        ("Peringatan", "Berkas 'tenaga_kerja_kukm.csv', kolom 'kode_wilayah': tahun 2023: "
         "tidak ada baris untuk Kota Dua (9902); jumlah hanya mencakup wilayah yang ada",
         None),
        ("Peringatan", "Berkas 'tenaga_kerja_kukm.csv', baris 6, kolom 'kode_wilayah': tahun "
         "2025 berisi baris total Provinsi Uji (9900); baris total diabaikan, pembilang "
         "IKU1 = jumlah kabupaten/kota (nilai: 9900)", 6)]
    # 2025 with the total row only
    hanya_total = [b for b in tk if not b.startswith("2025")] + ["2025,9900,Provinsi Uji,80,80"]
    assert _temuan_iku1(tmp_path / "b", {"tenaga_kerja_kukm.csv": hanya_total}) == [
        ("Peringatan", "Berkas 'tenaga_kerja_kukm.csv', kolom 'kode_wilayah': tahun 2025 "
         "hanya berisi baris total Provinsi Uji; rincian per kabupaten/kota tidak tersedia",
         None)]


def test_iku1_missing_areas_in_penduduk_bekerja_are_warned_with_or_without_a_total(tmp_path):
    """2025 keeps its total row (the denominator is whole, but the per-area table lacks
    Kota Dua: once silent), 2024 has neither total nor Kota Dua (the sum is partial)."""
    from conftest import TABEL_MINI

    pb = [b for b in TABEL_MINI["penduduk_bekerja.csv"]
          if not b.startswith(("2025,9902", "2024,9900", "2024,9902"))]
    assert _temuan_iku1(tmp_path, {"penduduk_bekerja.csv": pb}) == [
        ("Peringatan", "Berkas 'penduduk_bekerja.csv', kolom 'kode_wilayah': tahun 2024: "
         "tidak ada baris untuk Kota Dua (9902); jumlah hanya mencakup wilayah yang ada",
         None),
        ("Peringatan", "Berkas 'penduduk_bekerja.csv', kolom 'kode_wilayah': tahun 2025: "
         "tidak ada baris untuk Kota Dua (9902); penyebut IKU1 memakai baris total, tetapi "
         "rincian per kabupaten/kota tidak memuat wilayah ini", None)]


def _tk_2025(satu: str, dua: str) -> dict:
    """tenaga_kerja_kukm.csv of the mini folder with 2025's two areas replaced."""
    from conftest import TABEL_MINI

    ganti = {"2025,9901,Kabupaten Satu,50,70": f"2025,9901,Kabupaten Satu,{satu}",
             "2025,9902,Kota Dua,30,10": f"2025,9902,Kota Dua,{dua}"}
    return {"tenaga_kerja_kukm.csv": [ganti.get(b, b)
                                      for b in TABEL_MINI["tenaga_kerja_kukm.csv"]]}


@pytest.mark.parametrize(("ubah", "pesan"), [
    # each area within its own penduduk bekerja (6.040 and 4.000), together above the
    # province's total row (10.000)
    (_tk_2025("5000,1040", "3990,10"),
     ["Berkas 'tenaga_kerja_kukm.csv', kolom 'tenaga_kerja_ukm': jumlah tenaga kerja koperasi "
      "dan UKM Provinsi Uji tahun 2025 (10.040) melebihi penduduk bekerja (10.000) di "
      "penduduk_bekerja.csv (nilai: 10040)"]),
    # one area above its own penduduk bekerja (its share would print above 100 %)
    (_tk_2025("3000,3041", "30,10"),
     ["Berkas 'tenaga_kerja_kukm.csv', baris 4, kolom 'tenaga_kerja_ukm': jumlah tenaga kerja "
      "koperasi dan UKM Kabupaten Satu tahun 2025 (6.041) melebihi penduduk bekerja (6.040) di "
      "penduduk_bekerja.csv (nilai: 6041)"]),
    (_ganti("penduduk_bekerja.csv", "2025,9900,Provinsi Uji,10000", "2025,9900,Provinsi Uji,0"),
     ["Berkas 'penduduk_bekerja.csv', kolom 'penduduk_bekerja': penduduk bekerja Provinsi Uji "
      "tahun 2025 bernilai nol (nilai: 0)"]),
    # an area's zero (its share would print as NaN), the province total row kept
    (_ganti("penduduk_bekerja.csv", "2025,9902,Kota Dua,4000", "2025,9902,Kota Dua,0"),
     ["Berkas 'penduduk_bekerja.csv', baris 7, kolom 'penduduk_bekerja': penduduk bekerja "
      "Kota Dua tahun 2025 bernilai nol (nilai: 0)"]),
])
def test_iku1_impossible_denominators_are_errors(tmp_path, ubah, pesan):
    from conftest import tulis_folder_data

    with pytest.raises(DataIKUError) as e:
        muat_data(tulis_folder_data(tmp_path, ubah))
    assert [str(m) for m in e.value.masalah] == pesan


def test_iku1_zero_in_a_year_without_numerator_is_not_checked(tmp_path):
    """A penduduk bekerja year that tenaga_kerja_kukm does not have is never computed:
    an area's zero there is not an error (as for the province's total row)."""
    from conftest import TABEL_MINI

    pb = TABEL_MINI["penduduk_bekerja.csv"] + ["2020,9900,Provinsi Uji,9000",
                                               "2020,9901,Kabupaten Satu,0",
                                               "2020,9902,Kota Dua,4000"]
    assert not [t for t in _temuan_iku1(tmp_path, {"penduduk_bekerja.csv": pb})
                if t[0] == "Masalah"]


def test_iku1_a_zero_total_in_a_year_without_numerator_gives_no_gap_warning(tmp_path):
    """2020: penduduk bekerja only (never computed), its total row 0 beside its areas: no
    error (no numerator that year) and no 'differs from the areas' sum' warning."""
    from conftest import TABEL_MINI

    pb = TABEL_MINI["penduduk_bekerja.csv"] + ["2020,9900,Provinsi Uji,0",
                                               "2020,9901,Kabupaten Satu,100",
                                               "2020,9902,Kota Dua,100"]
    assert [t for t in _temuan_iku1(tmp_path, {"penduduk_bekerja.csv": pb})
            if "2020" in t[1]] == []


def test_iku1_an_area_of_one_worker(tmp_path):
    """Penduduk bekerja 1 is not zero (allowed with tenaga kerja 1), and tenaga kerja 2
    above it is still an error: the zero and the 'above' checks are exact."""
    from conftest import TABEL_MINI, tulis_folder_data

    def dengan(tk_dua: str) -> dict:
        return {**_tk_2025("50,70", tk_dua),
                "penduduk_bekerja.csv": [
                    "2025,9902,Kota Dua,1" if b == "2025,9902,Kota Dua,4000" else b
                    for b in TABEL_MINI["penduduk_bekerja.csv"]]}

    assert not [t for t in _temuan_iku1(tmp_path / "satu", dengan("1,0"))
                if t[0] == "Masalah"]
    with pytest.raises(DataIKUError) as e:
        muat_data(tulis_folder_data(tmp_path / "dua", dengan("1,1")))
    assert [str(m) for m in e.value.masalah] == [
        "Berkas 'tenaga_kerja_kukm.csv', baris 5, kolom 'tenaga_kerja_ukm': jumlah tenaga kerja "
        "koperasi dan UKM Kota Dua tahun 2025 (2) melebihi penduduk bekerja (1) di "
        "penduduk_bekerja.csv (nilai: 2)"]


def test_iku1_numerator_equal_to_the_denominator_is_allowed(tmp_path):
    # Kabupaten Satu 6.040 of 6.040 and, in all, 6.040 + 3.960 = 10.000 = the province's
    # penduduk bekerja: every worker in KUKM, possible (only the warning on the areas' sum)
    sama = _tk_2025("5000,1040", "3950,10")
    assert _temuan_iku1(tmp_path, sama) == []


# ------------------------------------------------------------ cross-table checks (IKU4)
def _komponen_2025(*baris: str) -> dict:
    from conftest import TABEL_MINI

    return {"komponen_rb.csv": TABEL_MINI["komponen_rb.csv"][:3] + list(baris)}


def _galat_muat(tmp_path, ubah) -> str:
    from conftest import tulis_folder_data

    with pytest.raises(DataIKUError) as e:
        muat_data(tulis_folder_data(tmp_path, ubah))
    return str(e.value)


def test_iku4_components_consistent_with_the_index(tmp_path):
    """Mini: 2024 15,50 + 50,00 = 65,50 and 2025 16 + 20 + 34 = 70,00, as the indeks. A
    component may reach its weight (20 of 20); a sum 0,01 off is within tolerance."""
    from iku_helpers.indikator import iku4

    assert iku4.periksa_data(_mini(tmp_path / "a")) == []
    penuh = _komponen_2025("2025,pengungkit,Pemenuhan,20,20.00",
                           "2025,pengungkit,Reform,30,16.00",
                           "2025,hasil,Kinerja Organisasi,50,34.00")
    assert iku4.periksa_data(_mini(tmp_path / "b", penuh)) == []
    toleransi = _komponen_2025("2025,pengungkit,Pemenuhan,20,16.01",
                               "2025,pengungkit,Reform,30,20.00",
                               "2025,hasil,Kinerja Organisasi,50,34.00")
    assert iku4.periksa_data(_mini(tmp_path / "c", toleransi)) == []


def test_iku4_component_errors_name_row_column_value(tmp_path):
    salah = _komponen_2025("2025,pengungkit,Pemenuhan,20,21.00", "2025,proses,Reform,30,15.00",
                           "2025,hasil,Kinerja Organisasi,50,34.00")
    assert _galat_muat(tmp_path / "a", salah) == (
        "Ditemukan 2 masalah pada data masukan:\n"
        "  - Berkas 'komponen_rb.csv', baris 5, kolom 'kelompok': kelompok harus 'pengungkit' "
        "atau 'hasil' (nilai: 'proses')\n"
        "  - Berkas 'komponen_rb.csv', baris 4, kolom 'nilai': nilai komponen melebihi bobotnya "
        "(nilai: 21)")
    from conftest import TABEL_MINI

    tahun_asing = {"komponen_rb.csv": TABEL_MINI["komponen_rb.csv"]
                   + ["2023,hasil,Kinerja Organisasi,50,30.00"]}
    assert _galat_muat(tmp_path / "b", tahun_asing) == (
        "Berkas 'komponen_rb.csv', baris 7, kolom 'tahun': tahun 2023 tidak ada di "
        "indeks_rb.csv (nilai: 2023)")
    jumlah = _komponen_2025("2025,pengungkit,Pemenuhan,20,16.02",
                            "2025,pengungkit,Reform,30,20.00",
                            "2025,hasil,Kinerja Organisasi,50,34.00")
    assert _galat_muat(tmp_path / "c", jumlah) == (
        "Berkas 'komponen_rb.csv', baris 6, kolom 'nilai': jumlah nilai komponen tahun 2025 = "
        "70,02, tidak sama dengan indeks 70,00 di indeks_rb.csv (toleransi 0,01) "
        "(nilai: 70.02)")


def test_iku4_components_against_an_indeks_table_with_area_codes(tmp_path):
    """An indeks table with kode_wilayah, in a folder of one province: the components are
    the office's and are summed against its province's row (2025 here 71,00 against
    components of 70,00), and a component above its bobot is still an error (a hunt for
    silent wrong numbers found both checks switched off by the column). With several
    provinces the table cannot say which row is the office's: only the row checks apply."""
    from conftest import TABEL_MINI

    from iku_helpers.indikator import iku4

    berkode = {"indeks_rb.csv": ["tahun,kode_wilayah,indeks", "2024,9900,65.5",
                                 "2025,9900,71.00"]}
    with pytest.raises(DataIKUError) as e:
        _mini(tmp_path / "jumlah", berkode)
    assert [str(m) for m in e.value.masalah] == [
        "Berkas 'komponen_rb.csv', baris 6, kolom 'nilai': jumlah nilai komponen tahun 2025 = "
        "70,00, tidak sama dengan indeks 71,00 di indeks_rb.csv (toleransi 0,01) (nilai: 70)"]
    # Pemenuhan 21 of bobot 20; the sum (21 + 20 + 34 = 75) equals the indeks
    lebih = {"indeks_rb.csv": ["tahun,kode_wilayah,indeks", "2024,9900,65.5",
                               "2025,9900,75.00"],
             "komponen_rb.csv": [b.replace("2025,pengungkit,Pemenuhan,20,16.00",
                                           "2025,pengungkit,Pemenuhan,20,21.00")
                                 for b in TABEL_MINI["komponen_rb.csv"]]}
    with pytest.raises(DataIKUError) as e:
        _mini(tmp_path / "bobot", lebih)
    assert [str(m) for m in e.value.masalah] == [
        "Berkas 'komponen_rb.csv', baris 4, kolom 'nilai': nilai komponen melebihi bobotnya "
        "(nilai: 21)"]
    dua = {**berkode, "wilayah.csv": ["kode_wilayah,nama_wilayah,alias,total,induk",
                                      "9900,Provinsi Uji,,ya,", "9901,Kabupaten Satu,,tidak,9900",
                                      "9902,Kota Dua,,tidak,9900", "9800,Provinsi Lain,,ya,"]}
    assert iku4.periksa_data(_mini(tmp_path / "dua", dua)) == []


@pytest.mark.parametrize(("kode", "sifat"), [("IKU1", "kumulatif"), ("IKU4", "kumulatif"),
                                             ("IKU2", "nilai_akhir"), ("IKU3", "nilai_akhir")])
def test_catalog_sifat_data_contradicting_the_computation_is_an_error(tmp_path, kode, sifat):
    import yaml
    from conftest import tulis_folder_data

    folder = tulis_folder_data(tmp_path)
    katalog = yaml.safe_load((folder / "katalog_iku.yaml").read_text(encoding="utf-8"))
    daftar = katalog["iku"] if isinstance(katalog, dict) and "iku" in katalog else katalog
    for entri in daftar:
        if entri["kode_iku"] == kode:
            entri["sifat_data"] = sifat
    (folder / "katalog_iku.yaml").write_text(yaml.safe_dump(katalog, allow_unicode=True),
                                             encoding="utf-8")
    with pytest.raises(DataIKUError) as e:
        muat_data(folder)
    benar = "nilai_akhir" if sifat == "kumulatif" else "kumulatif"
    assert f"sifat_data {kode} di katalog '{sifat}' tidak sesuai dengan cara perhitungannya " \
           f"('{benar}'" in str(e.value)


# ------------------------------------------------------------ a quarter (TW III 2025)
def _dengan_triwulan(kop_tw: int, uk_tw: int) -> dict:
    """The mini tables with a triwulan column: every koperasi row in quarter ``kop_tw``,
    every usaha kecil row in quarter ``uk_tw``."""
    from conftest import TABEL_MINI

    def tambah(nama: str, tw: int) -> list[str]:
        kepala, *isi = TABEL_MINI[nama]
        return [kepala.replace("tahun,", "tahun,triwulan,", 1)] + [
            f"{b[:4]},{tw},{b[5:]}" for b in isi]

    return {"evaluasi_koperasi.csv": tambah("evaluasi_koperasi.csv", kop_tw),
            "evaluasi_usaha_kecil.csv": tambah("evaluasi_usaha_kecil.csv", uk_tw)}


def test_a_quarter_needs_a_triwulan_column_for_cumulative_iku(tmp_path):
    from iku_helpers.indikator import iku1, iku2, iku3, iku4
    from iku_helpers.indikator.periode import Periode

    data = _mini(tmp_path)
    tw = Periode(2025, 3)
    assert iku1.periksa_periode(data, tw) == [] and iku4.periksa_periode(data, tw) == []
    for modul, berkas, kode in ((iku2, "evaluasi_koperasi.csv", "IKU2"),
                                (iku3, "evaluasi_usaha_kecil.csv", "IKU3")):
        assert [str(m) for m in modul.periksa_periode(data, tw)] == [
            f"Berkas '{berkas}', baris 1, kolom 'triwulan': {kode} dihitung per triwulan "
            "(Triwulan III 2025) tetapi tabel ini tidak punya kolom 'triwulan' atau "
            "'tanggal'; tambahkan salah satunya"]


def test_a_quarter_uses_the_released_values_and_the_rows_so_far(tmp_path):
    """TW III 2025: IKU1 and IKU4 are known at a point and still 2024's (Sakernas is
    released in November, the RB review in December): (100 + 47) / 9.800 = 1,50 % and
    65,50. Koperasi evaluated in TW II count: 1 of 4 improved = 25 %. Usaha kecil all
    in TW IV: none yet, which is an error naming the quarter."""
    from iku_helpers.indikator import iku2, iku3
    from iku_helpers.indikator.periode import Periode
    from iku_helpers.nasional import hitung_per_induk

    data = _mini(tmp_path, _dengan_triwulan(2, 4))
    tw = Periode(2025, 3)
    assert iku2.periksa_periode(data, tw) == []
    assert [str(m) for m in iku3.periksa_periode(data, tw)] == [
        "Berkas 'evaluasi_usaha_kecil.csv', kolom 'triwulan': tidak ada baris IKU3 sampai "
        "akhir Triwulan III 2025 (tidak ada baris tahun 2025 dengan triwulan <= 3) "
        "(nilai: 3)"]
    h = hitung_per_induk(data, tw, ["IKU1", "IKU2", "IKU4"]).set_index(
        ["kode_wilayah", "kode_iku"])
    assert (h.loc[(9900, "IKU1"), "pembilang"], h.loc[(9900, "IKU1"), "penyebut"],
            h.loc[(9900, "IKU1"), "realisasi"]) == (147.0, 9800.0, 1.5)
    assert h.loc[(9900, "IKU2"), ["pembilang", "penyebut", "realisasi"]].tolist() == [
        1.0, 4.0, 25.0]
    assert h.loc[(9900, "IKU4"), "realisasi"] == 65.5
    # TW IV: the year's own released values
    h4 = hitung_per_induk(data, Periode(2025, 4), ["IKU1", "IKU4"]).set_index(
        ["kode_wilayah", "kode_iku"])
    assert h4.loc[(9900, "IKU1"), "realisasi"] == 1.6
    assert h4.loc[(9900, "IKU4"), "realisasi"] == 70.0


def test_a_national_index_table_must_hold_the_province(tmp_path):
    import yaml
    from conftest import tulis_folder_data

    from iku_helpers.indikator import iku4
    from iku_helpers.indikator.periode import Periode

    folder = tulis_folder_data(tmp_path, {
        "indeks_rb.csv": ["tahun,kode_wilayah,indeks", "2024,9900,65.5", "2025,9901,70"],
        "komponen_rb.csv": None})
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text(encoding="utf-8"))
    del manifest["data"]["komponen_rb"]
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    data = muat_data(folder)
    assert [str(m) for m in iku4.periksa_periode(data, Periode(2025))] == [
        "Berkas 'indeks_rb.csv', kolom 'kode_wilayah': tidak ada indeks tahun 2025 untuk "
        "kode 9900"]
    assert iku4.periksa_periode(data, Periode(2024)) == []


def test_iku1_a_total_row_beside_areas_does_not_hide_a_missing_area(tmp_path):
    from conftest import TABEL_MINI

    tk = [b for b in TABEL_MINI["tenaga_kerja_kukm.csv"] if not b.startswith("2025,9902")]
    assert [t[1] for t in _temuan_iku1(tmp_path, {"tenaga_kerja_kukm.csv": tk + [
        "2025,9900,Provinsi Uji,80,80"]})] == [
        "Berkas 'tenaga_kerja_kukm.csv', baris 5, kolom 'kode_wilayah': tahun 2025 berisi "
        "baris total Provinsi Uji (9900); baris total diabaikan, pembilang IKU1 = jumlah "
        "kabupaten/kota (nilai: 9900)",
        "Berkas 'tenaga_kerja_kukm.csv', kolom 'kode_wilayah': tahun 2025: tidak ada baris "
        "untuk Kota Dua (9902); jumlah hanya mencakup wilayah yang ada"]


def test_iku1_penduduk_bekerja_with_its_total_row_only_is_quiet(tmp_path):
    from conftest import TABEL_MINI

    pb = [b for b in TABEL_MINI["penduduk_bekerja.csv"]
          if not b.startswith(("2025,9901", "2025,9902"))]
    assert _temuan_iku1(tmp_path, {"penduduk_bekerja.csv": pb}) == []


def test_iku1_checks_per_province_of_a_national_reference(tmp_path):
    """Three provinces: A (9800) has its penduduk bekerja total row and lacks Kab A2 (the
    total is the denominator, but the per-area table lacks A2: warned as such); B (9900)
    has no total row and lacks Kab B2 (the sum is partial: warned); C (9700) has its total
    row only (no areas at all: the usual BPS province table, quiet)."""
    import yaml
    from conftest import tulis_folder_data

    from iku_helpers.indikator import iku1

    ubah = {
        "wilayah.csv": ["kode_wilayah,nama_wilayah,alias,total,induk", "9800,Provinsi A,,ya,",
                        "9801,Kab A1,,tidak,9800", "9802,Kab A2,,tidak,9800",
                        "9900,Provinsi B,,ya,", "9901,Kab B1,,tidak,9900",
                        "9902,Kab B2,,tidak,9900", "9700,Provinsi C,,ya,",
                        "9701,Kab C1,,tidak,9700"],
        "penduduk_bekerja.csv": ["tahun,kode_wilayah,nama_wilayah,penduduk_bekerja",
                                 "2025,9800,Provinsi A,1000", "2025,9801,Kab A1,600",
                                 "2025,9901,Kab B1,500", "2025,9700,Provinsi C,300"],
        "tenaga_kerja_kukm.csv": ["tahun,kode_wilayah,nama_wilayah,tenaga_kerja_koperasi,"
                                  "tenaga_kerja_ukm", "2025,9801,Kab A1,10,10",
                                  "2025,9802,Kab A2,1,1", "2025,9901,Kab B1,5,0",
                                  "2025,9902,Kab B2,1,1", "2025,9701,Kab C1,1,1"],
        "evaluasi_koperasi.csv": ["tahun,nomor_induk_koperasi,nama_koperasi,kode_wilayah,rat,"
                                  "volume_usaha,aset", "2024,KA1,Kop A1,9801,ya,100,50",
                                  "2025,KA1,Kop A1,9801,ya,110,60"],
        "evaluasi_usaha_kecil.csv": ["tahun,id_usaha,nama_usaha,kode_wilayah,"
                                     "menjadi_wirausaha", "2025,U1,Usaha 1,9801,ya"],
        "indeks_rb.csv": ["tahun,kode_wilayah,indeks", "2024,9800,65", "2025,9800,70",
                          "2025,9900,60", "2025,9700,60"],
        "komponen_rb.csv": None}
    folder = tulis_folder_data(tmp_path, ubah)
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text(encoding="utf-8"))
    manifest["data"].pop("komponen_rb")
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    assert [str(t) for t in iku1.periksa_data(muat_data(folder))] == [
        "Berkas 'penduduk_bekerja.csv', kolom 'kode_wilayah': tahun 2025: tidak ada baris "
        "untuk Kab A2 (9802); penyebut IKU1 memakai baris total, tetapi rincian per "
        "kabupaten/kota tidak memuat wilayah ini",
        "Berkas 'penduduk_bekerja.csv', kolom 'kode_wilayah': tahun 2025: tidak ada baris "
        "untuk Kab B2 (9902); jumlah hanya mencakup wilayah yang ada"]


def test_rinci_iku1_keeps_an_area_without_penduduk_bekerja(tmp_path):
    """Kota Dua has tenaga kerja in 2025 but no penduduk bekerja row (the total row is the
    denominator): the area is listed with an empty penduduk bekerja, not dropped."""
    from conftest import TABEL_MINI

    from iku_helpers.indikator import iku1
    from iku_helpers.indikator.periode import Periode

    pb = [b for b in TABEL_MINI["penduduk_bekerja.csv"] if not b.startswith("2025,9902")]
    w = iku1.rinci(_mini(tmp_path, {"penduduk_bekerja.csv": pb}), Periode(2025))["wilayah"]
    w = w.set_index("kode_wilayah")
    assert list(w.index) == [9901, 9902]
    assert w.loc[9902, "tenaga_kerja_kukm"] == 40 and pd.isna(w.loc[9902, "penduduk_bekerja"])


def test_iku1_a_year_with_penduduk_bekerja_only_is_still_checked(tmp_path):
    """2023 has penduduk bekerja for Kabupaten Satu only (no total row) and no tenaga
    kerja at all: the missing Kota Dua is still reported for 2023."""
    from conftest import TABEL_MINI

    pb = TABEL_MINI["penduduk_bekerja.csv"] + ["2023,9901,Kabupaten Satu,5000"]
    assert [t[1] for t in _temuan_iku1(tmp_path, {"penduduk_bekerja.csv": pb})] == [
        "Berkas 'penduduk_bekerja.csv', kolom 'kode_wilayah': tahun 2023: tidak ada baris "
        "untuk Kota Dua (9902); jumlah hanya mencakup wilayah yang ada"]


def test_a_year_that_is_not_a_year_names_what_was_given():
    from iku_helpers.hitung import sebagai_periode

    with pytest.raises(ParameterError) as e:
        sebagai_periode("dua ribu")
    assert e.value.masalah[0].nilai == "dua ribu"


def test_iku1_several_missing_areas_are_listed_with_commas(tmp_path):
    from conftest import TABEL_MINI

    wilayah = TABEL_MINI["wilayah.csv"] + ["9903,Kabupaten Tiga,Tiga,tidak"]
    pb = TABEL_MINI["penduduk_bekerja.csv"] + ["2025,9903,Kabupaten Tiga,100"]
    tk = [b for b in TABEL_MINI["tenaga_kerja_kukm.csv"] if not b.startswith("2025,9902")]
    temuan = [t[1] for t in _temuan_iku1(tmp_path, {"wilayah.csv": wilayah,
                                                     "penduduk_bekerja.csv": pb,
                                                     "tenaga_kerja_kukm.csv": tk})]
    assert ("Berkas 'tenaga_kerja_kukm.csv', kolom 'kode_wilayah': tahun 2025: tidak ada "
            "baris untuk Kota Dua (9902), Kabupaten Tiga (9903); jumlah hanya mencakup "
            "wilayah yang ada") in temuan


def test_iku1_a_denominator_of_one_is_not_zero(tmp_path):
    """A total row of 1 (absurd but not zero) with no more workers in KUKM: a warning
    about the areas' sum, not the "bernilai nol" error."""
    from conftest import TABEL_MINI

    pb = [b.replace("2025,9900,Provinsi Uji,10000", "2025,9900,Provinsi Uji,1")
          for b in TABEL_MINI["penduduk_bekerja.csv"]]
    tk = [b for b in TABEL_MINI["tenaga_kerja_kukm.csv"] if not b.startswith("2025")] + [
        "2025,9901,Kabupaten Satu,1,0", "2025,9902,Kota Dua,0,0"]
    temuan = _temuan_iku1(tmp_path, {"penduduk_bekerja.csv": pb, "tenaga_kerja_kukm.csv": tk})
    assert [t[0] for t in temuan] == ["Peringatan", "Peringatan"]   # no error
    [beda] = [t[1] for t in temuan if "berbeda" in t[1]]
    assert "nol" not in beda
    # (and Kota Dua's 0 after 2024's workers: data_iku's zero-area warning)
    assert any("bernilai 0 di 1 wilayah (Kota Dua" in t[1] for t in temuan)


def test_normalised_id_warning_lists_five_examples_then_counts_the_rest():
    kolom = ["tahun", "tanggal", "id_usaha", "nama_usaha", "kode_wilayah", "menjadi_wirausaha"]
    ids = [f"u{i}" for i in range(1, 8)]      # seven ids, each with a space and a ZWSP
    df = pd.DataFrame([["2025", "2025-03-31", f" {i}\u200b", "A", "7271", "ya"] for i in ids],
                      columns=kolom, dtype=object)
    df.insert(0, "_baris", range(2, 9))
    _, peringatan = periksa_tabel(df, "evaluasi_usaha_kecil", "uk.csv", {7271})
    teks = str(peringatan[0])
    assert "7 kode diseragamkan" in teks
    assert teks.count(" -> ") == 5 and "baris 6:" in teks and "baris 7:" not in teks
    assert teks.endswith("; dan 2 sel lain.")


def test_five_normalised_ids_are_all_listed_without_a_remainder():
    kolom = ["tahun", "tanggal", "id_usaha", "nama_usaha", "kode_wilayah", "menjadi_wirausaha"]
    df = pd.DataFrame([["2025", "2025-03-31", f" u{i}\u200b", "A", "7271", "ya"]
                       for i in range(1, 6)], columns=kolom, dtype=object)
    df.insert(0, "_baris", range(2, 7))
    _, peringatan = periksa_tabel(df, "evaluasi_usaha_kecil", "uk.csv", {7271})
    teks = str(peringatan[0])
    assert teks.count(" -> ") == 5 and "sel lain" not in teks and teks.endswith("'u5'.")


def test_kosong_is_false_for_a_cell_whose_comparison_raises():
    """An array in a cell cannot be compared to itself as one truth value: it is data, not
    an empty cell."""
    assert not kosong(np.array([1.0, 2.0]))
    assert kosong(np.float64("nan")) and not kosong(np.float64(0.0))


@pytest.mark.parametrize("seri, nilai, gagal", [
    (pd.Series([3, 0, 12]), [3.0, 0.0, 12.0], [False, False, False]),
    (pd.Series([1, None], dtype="Int64"), [1.0, np.nan], [False, True]),
    (pd.Series([1.5, np.inf, np.nan]), [1.5, np.inf, np.nan], [False, True, True]),
    # booleans are not numbers, even when pandas stores them as such
    (pd.Series([True, False]), [np.nan, np.nan], [True, True]),
    # a spreadsheet column: numbers as they are, text read the Indonesian way ("1.586" is
    # 1586), an empty cell, a boolean, a number beyond float range and words refused
    (pd.Series([5, 2.5, "1.586", None, True, np.int64(7), 10 ** 400, "abc"], dtype=object),
     [5.0, 2.5, 1586.0, np.nan, np.nan, 7.0, np.nan, np.nan],
     [False, False, False, True, True, False, True, True]),
    (pd.Series([True, "x"], dtype=object), [np.nan, np.nan], [True, True]),
    (pd.Series([], dtype=object), [], []),
    # an empty column of neither numbers nor text (dates here) gives nothing, no error
    (pd.Series([], dtype="datetime64[ns]"), [], []),
    (pd.Series(["12", " 3,5 ", None], dtype="string"), [12.0, 3.5, np.nan], [False, False, True]),
])
def test_kolom_angka_reads_every_storage_of_numbers(seri, nilai, gagal):
    from iku_helpers.validasi import _kolom_angka

    hasil, tak_terbaca = _kolom_angka(seri)
    assert hasil.dtype == np.float64
    np.testing.assert_array_equal(hasil, np.array(nilai, dtype=float))
    assert tak_terbaca.tolist() == gagal


def test_tahun_cells_holding_spreadsheet_dates_are_read_as_their_year():
    """A spreadsheet may store a year as a date: its year is taken, with a warning naming
    the file and column; other cells stay as they are."""
    import datetime as dt

    from iku_helpers.validasi import _tanggal_ke_tahun

    seri = pd.Series([2025, dt.date(2024, 3, 1), None, pd.Timestamp("2023-05-06"),
                      dt.datetime(2022, 1, 2, 3, 4)], dtype=object)
    tahun, peringatan = _tanggal_ke_tahun(seri, "x.xlsx")
    assert tahun.tolist() == [2025, 2024, None, 2023, 2022]
    assert len(peringatan) == 1
    assert (peringatan[0].berkas, peringatan[0].kolom) == ("x.xlsx", "tahun")
    assert "tanggal Excel" in str(peringatan[0])
    # a column read as datetimes (every cell a date) gives its years too
    tahun, peringatan = _tanggal_ke_tahun(pd.Series(pd.to_datetime(["2024-03-01",
                                                                    "2025-01-01"])), "x.xlsx")
    assert tahun.tolist() == [2024, 2025] and len(peringatan) == 1
    tanpa = pd.Series([2025, "2024"], dtype=object)
    tahun, peringatan = _tanggal_ke_tahun(tanpa, "x.xlsx")
    assert tahun is tanpa and peringatan == []


def test_baca_pasti_reads_the_one_possible_way_and_lists_the_first_ten_rows():
    """'6,000' in a whole-number column is six thousand; the warning names the example
    and the first ten rows, then "dan lainnya"; empty cells and other text are left for
    the number reader."""
    from iku_helpers.validasi import _KOMA_RIBUAN, _TITIK_DESIMAL, _baca_pasti

    seri = pd.Series(["6,000", None, "12"] + [f"{i},500" for i in range(1, 11)], dtype=object)
    df = pd.DataFrame({"_baris": np.arange(2, 2 + len(seri))})
    baru, peringatan = _baca_pasti(seri, _KOMA_RIBUAN, "a.csv", df, "jumlah")
    assert baru.tolist() == [6000.0, None, "12"] + [i * 1000 + 500.0 for i in range(1, 11)]
    assert [str(p) for p in peringatan] == [
        "Berkas 'a.csv', kolom 'jumlah': koma dibaca sebagai pemisah ribuan karena kolom ini "
        "berisi bilangan bulat (mis. '6,000' = 6.000) pada baris 2, 5, 6, 7, 8, 9, 10, 11, "
        "12, 13 dan lainnya; periksa bila maksudnya lain"]
    # exactly ten rows: all listed, nothing more
    sepuluh = pd.Series([f"{i},000" for i in range(1, 11)], dtype=object)
    _, peringatan = _baca_pasti(sepuluh, _KOMA_RIBUAN, "a.csv", df.head(10), "jumlah")
    assert str(peringatan[0]).endswith(
        "pada baris 2, 3, 4, 5, 6, 7, 8, 9, 10, 11; periksa bila maksudnya lain")
    # numbers stored as numbers are never re-read, whatever their digits
    angka = pd.Series([72.125, 65.5])
    assert _baca_pasti(angka, _TITIK_DESIMAL, "a.csv", df.head(2), "nilai") == (angka, [])


def _kolom_numerik_dari(jenis_tabel, nama, sel):
    from iku_helpers.validasi import _kolom_numerik

    seri = pd.Series(sel, dtype=object)
    df = pd.DataFrame({"_baris": np.arange(2, 2 + len(sel)), nama: seri})
    nilai, masalah, peringatan = _kolom_numerik(seri, nama, SKEMA[jenis_tabel].kolom[nama],
                                                "pb.csv", df, None)
    return nilai, [str(m) for m in masalah], [str(p) for p in peringatan]


def test_tahun_column_bounds_and_whole_years():
    """1990 and 2100 are accepted, 1989 and 2101 are not; a fraction, text and an empty
    cell are not years; each message names file, row and column."""
    nilai, masalah, peringatan = _kolom_numerik_dari(
        "penduduk_bekerja", "tahun",
        ["2025", "1989", "1990", "2100", "2101", "2024.5", "abc", None])
    assert nilai.tolist()[:5] == [2025, 1989, 1990, 2100, 2101]
    awal = "Berkas 'pb.csv', baris {}, kolom 'tahun': "
    assert masalah == [
        awal.format(7) + "tahun harus bilangan bulat empat angka (nilai: '2024.5')",
        awal.format(8) + "tahun harus bilangan bulat empat angka (nilai: 'abc')",
        awal.format(9) + "tahun harus bilangan bulat empat angka",
        awal.format(3) + "tahun di luar rentang wajar 1990-2100 (nilai: '1989')",
        awal.format(6) + "tahun di luar rentang wajar 1990-2100 (nilai: '2101')"]
    assert peringatan == []


def test_tahun_given_as_dates_and_counts_with_comma_groups_are_read_with_warnings():
    import datetime as dt

    nilai, masalah, peringatan = _kolom_numerik_dari(
        "penduduk_bekerja", "tahun", [dt.date(2024, 5, 1), 2025])
    assert nilai.tolist() == [2024, 2025] and masalah == []
    assert peringatan == ["Berkas 'pb.csv', kolom 'tahun': kolom 'tahun' berisi tanggal "
                          "Excel; diambil tahunnya saja"]
    nilai, masalah, peringatan = _kolom_numerik_dari(
        "penduduk_bekerja", "penduduk_bekerja", ["6,000", "12", "-3", "1.5"])
    assert nilai.tolist() == [6000.0, 12.0, -3.0, 1.5]
    assert masalah == [
        "Berkas 'pb.csv', baris 4, kolom 'penduduk_bekerja': nilai negatif tidak "
        "diperbolehkan (nilai: '-3')",
        "Berkas 'pb.csv', baris 5, kolom 'penduduk_bekerja': jumlah orang harus bilangan "
        "bulat (nilai: '1.5')"]
    assert peringatan == [
        "Berkas 'pb.csv', kolom 'penduduk_bekerja': koma dibaca sebagai pemisah ribuan "
        "karena kolom ini berisi bilangan bulat (mis. '6,000' = 6.000) pada baris 2; "
        "periksa bila maksudnya lain"]


@pytest.mark.parametrize("jenis, sel, kode, harap_nilai, harap_masalah", [
    ("triwulan", ["1", "4", "0", "5", "2.5", "abc"], None, [1, 4, 0, 0, 0, 0], [
        (7, "bukan triwulan; tulis 1, 2, 3 atau 4 (juga I-IV, TW1-TW4, TW I-TW IV, TW-2, "
            "Triwulan 1, Triwulan III, Q1-Q4) (nilai: 'abc')"),
        (6, "triwulan harus bilangan bulat (nilai: '2.5')"),
        (4, "triwulan harus 1, 2, 3 atau 4 (juga I-IV, TW1-TW4, TW I-TW IV, TW-2, Triwulan 1, "
            "Triwulan III, Q1-Q4) (nilai: '0')"),
        (5, "triwulan harus 1, 2, 3 atau 4 (juga I-IV, TW1-TW4, TW I-TW IV, TW-2, Triwulan 1, "
            "Triwulan III, Q1-Q4) (nilai: '5')")]),
    # quarters as offices write them
    ("triwulan", ["TW I", "ii", "Triwulan 3", "Q4", "TW-4"], None, [1, 2, 3, 4, 4], []),
    # an unreadable or negative code is reported once, not also as missing from the
    # reference
    ("kode_wilayah", ["7201", "abc", "-7201", "9999"], {7201}, [7201, 0, 0, 9999], [
        (3, "bukan angka (nilai: 'abc')"),
        (4, "nilai negatif tidak diperbolehkan (nilai: '-7201')"),
        (5, "kode wilayah tidak ada dalam referensi wilayah (nilai: '9999')")]),
    # a negative fraction is reported as negative only; a count without a unit says
    # "unit"; the bound is written the Indonesian way
    ("jumlah", ["-1.5", "2.5", "2000000000"], None, [-1.5, 2.5, 2e9], [
        (2, "nilai negatif tidak diperbolehkan (nilai: '-1.5')"),
        (3, "jumlah unit harus bilangan bulat (nilai: '2.5')"),
        (4, "nilai terlalu besar (batas 1.000.000.000) (nilai: '2000000000')")]),
    ("skor", ["101", "-1", "50.5"], None, [101.0, -1.0, 50.5], [
        (3, "nilai negatif tidak diperbolehkan (nilai: '-1')"),
        (2, "harus antara 0 dan 100 (persentase atau indeks) (nilai: '101')")]),
])
def test_kolom_numerik_messages_per_kind(jenis, sel, kode, harap_nilai, harap_masalah):
    from iku_helpers.validasi import Kolom, _kolom_numerik

    seri = pd.Series(sel, dtype=object)
    df = pd.DataFrame({"_baris": np.arange(2, 2 + len(sel)), "k": seri})
    nilai, masalah, _ = _kolom_numerik(seri, "k", Kolom(jenis), "t.csv", df, kode)
    assert nilai.tolist() == harap_nilai
    assert [str(m) for m in masalah] == [
        f"Berkas 't.csv', baris {b}, kolom 'k': {p}" for b, p in harap_masalah]


def test_every_numeric_kind_has_an_upper_bound():
    """_kolom_numerik relies on it (its no-upper-bound branch is never taken)."""
    from iku_helpers.validasi import BATAS_ATAS, JENIS_ANGKA

    assert set(JENIS_ANGKA) <= set(BATAS_ATAS)


@pytest.fixture
def skema_uji_sel():
    SKEMA["uji_sel"] = Skema({"tahun": Kolom("tahun"), "id": Kolom("kode"),
                              "ops": Kolom("kode_opsional"), "nama": Kolom("teks"),
                              "rat": Kolom("ya_tidak"), "tanggal": Kolom("tanggal", wajib=False)},
                             ("tahun", "id"), "Uji", wajib=False, perlu_kode_wilayah=False)
    yield "uji_sel"
    SKEMA.pop("uji_sel", None)


def test_numeric_spreadsheet_ids_lose_their_dot_zero_but_text_ids_keep_it(skema_uji_sel):
    """12.0 from a numeric spreadsheet cell is the identifier 12 (kode and kode_opsional);
    "KSP-1.0" written as text is kept as written; names are never touched."""
    df = pd.DataFrame({"_baris": [2, 3, 4], "tahun": [2025] * 3, "id": [12.0, 13.0, 14.0],
                       "ops": [7.0, np.nan, 8.0], "nama": ["A.0", "B", " C "],
                       "rat": ["ya", "tidak", "y"]})
    bersih, peringatan = periksa_tabel(df, skema_uji_sel, "u.xlsx", None)
    assert bersih["id"].tolist() == ["12", "13", "14"]
    assert bersih["ops"].tolist() == ["7", "", "8"]
    assert bersih["nama"].tolist() == ["A.0", "B", "C"]
    assert bersih["rat"].tolist() == [True, False, True] and peringatan == []
    teks = df.assign(id=["KSP-1.0", "K2", "K3"], ops=["", "O.0", None])
    bersih, _ = periksa_tabel(teks, skema_uji_sel, "u.csv", None)
    assert bersih["id"].tolist() == ["KSP-1.0", "K2", "K3"]
    assert bersih["ops"].tolist() == ["", "O.0", ""]


def test_every_bad_cell_of_every_kind_is_reported_together(skema_uji_sel):
    """A bad year, an empty and a blank name, an empty ya/tidak cell and an impossible
    date: all five reported in one error, each naming file, row and column, and an
    empty cell without "(nilai: nan)"."""
    df = pd.DataFrame({"_baris": [2, 3, 4], "tahun": [2025, "x", 2025],
                       "id": ["K1", "K2", "K3"], "ops": ["", "O", None],
                       "nama": ["A", None, " "], "rat": ["tidak", None, "ya"],
                       "tanggal": ["2025-02-01", "2025-13-01", "2025-03-01"]})
    with pytest.raises(DataIKUError) as e:
        periksa_tabel(df, skema_uji_sel, "u.csv", None)
    assert [str(m) for m in e.value.masalah] == [
        "Berkas 'u.csv', baris 3, kolom 'tahun': tahun harus bilangan bulat empat angka "
        "(nilai: 'x')",
        "Berkas 'u.csv', baris 3, kolom 'nama': sel kosong, harus diisi",
        "Berkas 'u.csv', baris 4, kolom 'nama': sel kosong, harus diisi (nilai: ' ')",
        "Berkas 'u.csv', baris 3, kolom 'rat': bukan ya/tidak (yang diterima: ya/tidak, y/t, "
        "1/0, true/false)",
        "Berkas 'u.csv', baris 3, kolom 'tanggal': bukan tanggal (tulis YYYY-MM-DD, mis. "
        "2025-03-31, DD/MM/YYYY, atau dengan nama bulan, mis. 31 Maret 2025) "
        "(nilai: '2025-13-01')"]


def test_optional_codes_and_iku_codes_get_one_spelling(skema_uji_sel):
    """kode_opsional cells are unified like kode cells; IKU codes are written in upper
    case (each change is one warning naming the file and column)."""
    df = pd.DataFrame({"_baris": [2, 3], "tahun": [2025, 2025], "id": ["K1", "K2"],
                       "ops": ["o-1", "O-1"], "nama": ["A", "B"], "rat": ["ya", "ya"]})
    bersih, peringatan = periksa_tabel(df, skema_uji_sel, "u.csv", None)
    assert bersih["ops"].tolist() == ["o-1", "o-1"]
    assert [(p.berkas, p.kolom) for p in peringatan] == [("u.csv", "ops")]
    target = pd.DataFrame({"_baris": [2, 3], "kode_iku": ["iku1", "IKU2"],
                           "tahun": [2025, 2025], "target": [1.5, 40]})
    bersih, peringatan = periksa_tabel(target, "target_iku", "target_iku.csv", None)
    assert bersih["kode_iku"].tolist() == ["IKU1", "IKU2"]
    assert [(p.berkas, p.kolom) for p in peringatan] == [("target_iku.csv", "kode_iku")]


def test_a_date_outside_its_quarter_names_the_file(skema_uji_sel):
    SKEMA[skema_uji_sel].kolom["triwulan"] = Kolom("triwulan", wajib=False)
    df = pd.DataFrame({"_baris": [2], "tahun": [2025], "id": ["K1"], "ops": [""],
                       "nama": ["A"], "rat": ["ya"], "tanggal": ["2025-05-02"],
                       "triwulan": [1]})
    with pytest.raises(DataIKUError) as e:
        periksa_tabel(df, skema_uji_sel, "u.csv", None)
    assert [str(m) for m in e.value.masalah] == [
        "Berkas 'u.csv', baris 2, kolom 'triwulan': triwulan 1 tidak sesuai dengan tanggal "
        "2025-05-02 (triwulan 2) (nilai: 1)"]


def test_duplicate_composite_keys_name_both_parts_and_stop_at_twenty(skema_uji_sel):
    """A repeated (tahun, id) names the key's columns, the first row and the key's values;
    25 repeats give the first 20 problems, and still an error."""
    df = pd.DataFrame({"_baris": np.arange(2, 28), "tahun": [2025] * 26, "id": ["K1"] * 26,
                       "ops": [""] * 26, "nama": ["A"] * 26, "rat": ["ya"] * 26})
    with pytest.raises(DataIKUError) as e:
        periksa_tabel(df, skema_uji_sel, "u.csv", None)
    assert len(e.value.masalah) == 20
    assert str(e.value.masalah[0]) == ("Berkas 'u.csv', baris 3, kolom 'id': kunci ganda "
                                       "(tahun, id) sama dengan baris 2 (nilai: '2025, K1')")
    assert [m.baris for m in e.value.masalah] == list(range(3, 23))


def test_an_empty_cell_is_not_quoted_in_a_message():
    """NaN, pandas NA, NaT and "" are empty cells: no "(nilai: nan)"; a blank " " is
    quoted (it looks empty but is not); numpy scalars read as plain numbers."""
    from iku_helpers.errors import Masalah

    for kosong_ in (float("nan"), np.float64("nan"), pd.NA, pd.NaT, ""):
        assert str(Masalah("a.csv", "sel kosong", 2, "k", kosong_)) == (
            "Berkas 'a.csv', baris 2, kolom 'k': sel kosong")
    assert str(Masalah("a.csv", "x", 2, "k", " ")).endswith("x (nilai: ' ')")
    assert str(Masalah("a.csv", "x", 2, "k", np.int64(3))).endswith("x (nilai: 3)")
    assert str(Masalah("a.csv", "x", 2, "k", np.array([1, 2]))).endswith(
        "x (nilai: array([1, 2]))")


# ------------------------------------------------------------ gaps of the ninth/tenth run
def test_a_known_column_twice_in_the_header_is_an_error_a_spare_one_is_not(tmp_path):
    """'Aset' beside 'aset' (the same once tidied): which is meant cannot be guessed, so
    the load stops naming the column; two spare 'catatan' columns are ignored."""
    from conftest import TABEL_MINI, tulis_folder_data

    kop = [b + ",x,y" for b in TABEL_MINI["evaluasi_koperasi.csv"]]
    kop[0] = kop[0].replace(",x,y", ",catatan,catatan")
    assert muat_data(tulis_folder_data(tmp_path / "a", {"evaluasi_koperasi.csv": kop}))
    dua = [b + ",1" for b in TABEL_MINI["evaluasi_koperasi.csv"]]
    dua[0] = dua[0].replace(",1", ",Aset")
    with pytest.raises(DataIKUError) as e:
        muat_data(tulis_folder_data(tmp_path / "b", {"evaluasi_koperasi.csv": dua}))
    assert [str(m) for m in e.value.masalah] == [
        "Berkas 'evaluasi_koperasi.csv', baris 1, kolom 'aset': judul kolom muncul lebih "
        "dari sekali (sama setelah huruf besar/kecil dan spasi disamakan); hapus atau ganti "
        "nama salah satunya"]


def test_a_table_with_dates_still_reports_its_other_errors(tmp_path):
    """evaluasi_usaha_kecil with a tanggal column: 'mungkin' in menjadi_wirausaha (row 4)
    is still an error; the quarter derived from the dates must not replace the table's
    other findings (it would have counted 'mungkin' as tidak, silently)."""
    from conftest import tulis_folder_data

    uk = ["tahun,tanggal,id_usaha,nama_usaha,kode_wilayah,menjadi_wirausaha",
          "2024,2024-05-01,U1,Usaha A,9901,ya", "2025,2025-01-15,U1,Usaha A,9901,ya",
          "2025,2025-04-01,U2,Usaha B,9902,mungkin"]
    with pytest.raises(DataIKUError) as e:
        muat_data(tulis_folder_data(tmp_path, {"evaluasi_usaha_kecil.csv": uk}))
    assert any(m.baris == 4 and m.kolom == "menjadi_wirausaha" and "bukan ya/tidak" in str(m)
               for m in e.value.masalah), [str(m) for m in e.value.masalah]


def test_rising_quarter_targets_are_warned_for_iku2_and_iku3(tmp_path):
    """The quarterly Rencana Aksi targets of a cumulative rate (IKU 2, IKU 3) that rise over
    the year are warned, each naming its row (tests/data_triwulan.py: IKU2 10 -> 40 on
    row 3, IKU3 50 -> 60 on row 4); IKU1's rise (a point value) is not."""
    from data_triwulan import tulis_folder_triwulan

    data = muat_data(tulis_folder_triwulan(tmp_path / "data"))
    naik = [(p.baris, p.kolom) for p in data.peringatan if "naik dari TW I ke TW IV" in p]
    assert naik == [(3, "target_tw1"), (4, "target_tw1")]


def test_budget_warnings_reach_the_results(tmp_path):
    """A program written in two letter cases is summed as one with a warning; the warning
    is among the year's results' warnings (Lampiran D of the report), not only the
    budget summary's."""
    from conftest import DATA_MINI, salin_data_mini

    from iku_helpers import hitung_iku

    folder = salin_data_mini(tmp_path / "data")
    baris = (DATA_MINI / "anggaran.csv").read_text(encoding="utf-8").splitlines()
    baris = [b.replace("2025,2.17.09.1.01.02,Program Pengembangan UMKM",
                       "2025,2.17.09.1.01.02,PROGRAM PENGEMBANGAN UMKM") for b in baris]
    (folder / "anggaran.csv").write_text("\n".join(baris) + "\n", encoding="utf-8")
    h = hitung_iku(2025, folder)
    assert any("nama program yang sama ditulis dengan huruf besar/kecil" in p
               and "PROGRAM PENGEMBANGAN UMKM" in p for p in h.peringatan)


def test_thousands_commas_name_only_the_cells_read_that_way():
    """A text column (pandas 3 'str', missing cells NA) with '1,000' on row 2 and an empty
    cell on row 3: the warning names row 2 only, and the empty cell stays empty."""
    from iku_helpers import validasi as v

    df = pd.DataFrame({"x": pd.Series(["1,000", None, "2"], dtype="str"), "_baris": [2, 3, 4]})
    baru, peringatan = v._baca_pasti(df["x"], v._KOMA_RIBUAN, "a.csv", df, "x")
    assert len(peringatan) == 1 and "pada baris 2;" in peringatan[0]
    assert baru.iloc[0] == 1000 and pd.isna(baru.iloc[1])
