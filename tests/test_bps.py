"""Tests of iku_helpers.bps: BPS Web API JSON and BPS static-table XLSX readers.

Expected values are hand-checked: 1.586,32 ribu (Sulawesi Tengah, August 2022, a
published BPS figure) must become 1 586 320 persons in both formats.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from iku_helpers.bps import baca_bps_json, baca_bps_xlsx, deteksi_format_bps
from iku_helpers.config import WILAYAH_BAWAAN
from iku_helpers.errors import DataIKUError
from iku_helpers.wilayah import baca_referensi_wilayah

FIXTURE = Path(__file__).parent / "fixtures" / "bps"
JSON_FIXTURE = FIXTURE / "penduduk_bekerja_webapi.json"
XLSX_FIXTURE = FIXTURE / "penduduk_bekerja_tabel_statis.xlsx"
KOLOM = ["tahun", "kode_wilayah", "nama_wilayah", "penduduk_bekerja", "_baris"]


@pytest.fixture(scope="module")
def ref():
    return baca_referensi_wilayah(WILAYAH_BAWAAN)


def nilai(df: pd.DataFrame, tahun: int, kode: int) -> float:
    cocok = df[(df["tahun"] == tahun) & (df["kode_wilayah"] == kode)]
    assert len(cocok) == 1
    return float(cocok["penduduk_bekerja"].iloc[0])


# ----------------------------------------------------------------------------- JSON

def api(vervar=None, isi=None, **ubah) -> dict:
    """A minimal Web API answer: var 218 in Ribu Jiwa, turvar 0, turtahun 0."""
    data = {
        "status": "OK",
        "data-availability": "available",
        "var": [{"val": 218, "label": "Penduduk Bekerja", "unit": "Ribu Jiwa"}],
        "turvar": [{"val": 0, "label": "Tidak ada"}],
        "labelvervar": "Kabupaten/Kota",
        "vervar": vervar or [{"val": 7200, "label": "Sulawesi Tengah"}],
        "tahun": [{"val": 122, "label": "2022"}],
        "turtahun": [{"val": 0, "label": "Tahun"}],
        "datacontent": isi if isi is not None else {"720021801220": "1586.32"},
    }
    data.update(ubah)
    return data


def tulis_json(tmp_path: Path, data: dict, nama: str = "bps_api.json") -> Path:
    path = tmp_path / nama
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_json_fixture(ref):
    df = baca_bps_json(JSON_FIXTURE, "penduduk_bekerja_webapi.json", ref)
    assert list(df.columns) == KOLOM
    assert len(df) == 14 * 3
    assert nilai(df, 2022, 7200) == 1586320.0  # vervar 9999 "<b>Sulawesi Tengah</b>"
    assert nilai(df, 2022, 7206) == 106620.0  # "TOLITOLI"
    assert nilai(df, 2021, 7271) == 245100.0
    assert df.loc[df["kode_wilayah"] == 7206, "nama_wilayah"].iloc[0] == "Toli-Toli"
    assert df["_baris"].isna().all()
    assert df[["tahun", "kode_wilayah"]].equals(
        df[["tahun", "kode_wilayah"]].sort_values(["tahun", "kode_wilayah"]))
    assert df["tahun"].dtype == "int64" and df["kode_wilayah"].dtype == "int64"


@pytest.mark.parametrize("isi", ["1586.32", 1586.32, "1.586,32"])
def test_json_ribu_dikali_1000(tmp_path, ref, isi):
    df = baca_bps_json(tulis_json(tmp_path, api(isi={"720021801220": isi})), "a.json", ref)
    assert df.to_dict("records") == [{"tahun": 2022, "kode_wilayah": 7200,
                                      "nama_wilayah": "Sulawesi Tengah",
                                      "penduduk_bekerja": 1586320.0, "_baris": None}]


def test_json_satuan_jiwa_tidak_dikali(tmp_path, ref):
    data = api(isi={"720021801220": 1586320})
    data["var"][0]["unit"] = "Jiwa"
    df = baca_bps_json(tulis_json(tmp_path, data), "a.json", ref)
    assert nilai(df, 2022, 7200) == 1586320.0


def test_json_label_html_dan_ejaan(tmp_path, ref):
    vervar = [{"val": 1, "label": "<b>Sulawesi Tengah</b>"}, {"val": 2, "label": "TOLITOLI"}]
    # keys are plain concatenations: "1" + "218" + "0" + "122" + "0"
    isi = {"121801220": "1586.32", "221801220": "106.62"}
    df = baca_bps_json(tulis_json(tmp_path, api(vervar, isi)), "a.json", ref)
    assert nilai(df, 2022, 7200) == 1586320.0
    assert nilai(df, 2022, 7206) == 106620.0


def test_json_pilih_agustus(tmp_path, ref):
    turtahun = [{"val": 1, "label": "Februari"}, {"val": 2, "label": "Agustus"}]
    isi = {"720021801221": "1525.66", "720021801222": "1586.32"}
    df = baca_bps_json(tulis_json(tmp_path, api(isi=isi, turtahun=turtahun)), "a.json", ref)
    assert nilai(df, 2022, 7200) == 1586320.0


def test_json_pilih_tahunan(tmp_path, ref):
    turtahun = [{"val": 1, "label": "Semester 1"}, {"val": 3, "label": "Tahunan"}]
    isi = {"720021801221": "1", "720021801223": "1586.32"}
    df = baca_bps_json(tulis_json(tmp_path, api(isi=isi, turtahun=turtahun)), "a.json", ref)
    assert nilai(df, 2022, 7200) == 1586320.0


def test_json_turtahun_tidak_jelas(tmp_path, ref):
    turtahun = [{"val": 1, "label": "Februari"}, {"val": 2, "label": "Mei"}]
    with pytest.raises(DataIKUError) as e:
        baca_bps_json(tulis_json(tmp_path, api(turtahun=turtahun)), "a.json", ref)
    assert e.value.kolom == "turtahun"
    assert "Februari" in str(e.value) and "Mei" in str(e.value)


def test_json_turvar(tmp_path, ref):
    turvar = [{"val": 5, "label": "Laki-laki"}, {"val": 0, "label": "Tidak ada"}]
    df = baca_bps_json(tulis_json(tmp_path, api(turvar=turvar)), "a.json", ref)
    assert nilai(df, 2022, 7200) == 1586320.0
    turvar = [{"val": 5, "label": "Laki-laki"}, {"val": 6, "label": "Perempuan"}]
    with pytest.raises(DataIKUError) as e:
        baca_bps_json(tulis_json(tmp_path, api(turvar=turvar)), "a.json", ref)
    assert e.value.kolom == "turvar" and "Perempuan" in str(e.value)


def test_json_wilayah_tidak_dikenal(tmp_path, ref):
    vervar = [{"val": 7200, "label": "Sulawesi Tengah"},
              {"val": 7301, "label": "Kepulauan Selayar"},
              {"val": 8888, "label": "<b>Antah Berantah</b>"}]
    with pytest.raises(DataIKUError) as e:
        baca_bps_json(tulis_json(tmp_path, api(vervar), "kerja_2022.json"), "kerja_2022.json", ref)
    pesan = str(e.value)
    assert "kerja_2022.json" in pesan and "Kepulauan Selayar" in pesan
    assert "Antah Berantah" in pesan
    assert len(e.value.masalah) == 2 and e.value.kolom == "vervar"


def test_json_kunci_hilang_dilewati_tahun_kosong_dibuang(tmp_path, ref):
    vervar = [{"val": 7200, "label": "Sulawesi Tengah"}, {"val": 7202, "label": "Banggai"}]
    tahun = [{"val": 121, "label": "2021"}, {"val": 122, "label": "2022"},
             {"val": 123, "label": "2023"}]
    isi = {"720021801220": 1586.32, "720021801210": "1535.30", "720221801220": ""}
    df = baca_bps_json(tulis_json(tmp_path, api(vervar, isi, tahun=tahun)), "a.json", ref)
    assert df[["tahun", "kode_wilayah"]].values.tolist() == [[2021, 7200], [2022, 7200]]
    assert nilai(df, 2021, 7200) == 1535300.0


def test_json_label_tahun_bukan_angka(tmp_path, ref):
    df = baca_bps_json(tulis_json(tmp_path, api(tahun=[{"val": 122, "label": "Agt 2022*"}])),
                       "a.json", ref)
    assert df["tahun"].tolist() == [2022]


@pytest.mark.parametrize("ubah, kolom", [
    ({"status": "ERROR"}, "status"),
    ({"data-availability": "list-not-available"}, "data-availability"),
    ({"var": [{"val": 1, "label": "A"}, {"val": 2, "label": "B"}]}, "var"),
    ({"vervar": []}, "vervar"),
])
def test_json_struktur_salah(tmp_path, ref, ubah, kolom):
    data = copy.deepcopy(api())
    data.update(ubah)
    with pytest.raises(DataIKUError) as e:
        baca_bps_json(tulis_json(tmp_path, data), "a.json", ref)
    assert e.value.kolom == kolom and "a.json" in str(e.value)


def test_json_nilai_bukan_angka(tmp_path, ref):
    with pytest.raises(DataIKUError) as e:
        baca_bps_json(tulis_json(tmp_path, api(isi={"720021801220": "satu"})), "a.json", ref)
    assert e.value.kolom == "datacontent[720021801220]" and e.value.nilai == "satu"


def test_json_rusak(tmp_path, ref):
    path = tmp_path / "rusak.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataIKUError, match="rusak.json"):
        baca_bps_json(path, "rusak.json", ref)


# ----------------------------------------------------------------------------- XLSX

def tulis_xlsx(tmp_path: Path, baris: list[list], nama: str = "tabel_bps.xlsx") -> Path:
    buku = openpyxl.Workbook()
    lembar = buku.active
    for i, isi in enumerate(baris, start=1):
        for j, v in enumerate(isi, start=1):
            if v is not None:
                lembar.cell(i, j, v)
    path = tmp_path / nama
    buku.save(path)
    return path


JUDUL = ["Penduduk Berumur 15 Tahun ke Atas yang Bekerja Menurut Kabupaten/Kota "
         "(Ribu Jiwa), 2021-2023"]


def tabel_sederhana() -> list[list]:
    return [
        JUDUL,                                                      # 1
        ["Provinsi Sulawesi Tengah"],                               # 2
        [],                                                         # 3
        ["Kabupaten/Kota", 2021, "2022", "Agustus 2023"],           # 4
        ["(1)", "(2)", "(3)", "(4)"],                               # 5
        ["Kab. Banggai", 180.44, "186,27", "-"],                    # 6
        ["TOLITOLI", "104,18", 106.62, "..."],                      # 7
        [],                                                         # 8
        ["Kota Palu", "245,10", "256,27", "262,48"],                # 9
        ["SULAWESI TENGAH", "1.535,30", "1.586,32", "1.624,43"],    # 10
        ["Sumber: BPS, Sakernas Agustus"],                          # 11
        ["*) angka sementara"],                                     # 12
        ["Bukan wilayah", "abc"],                                   # 13: after the footnote
    ]


def test_xlsx_sederhana(tmp_path, ref):
    df = baca_bps_xlsx(tulis_xlsx(tmp_path, tabel_sederhana()), "tabel_bps.xlsx", ref)
    assert list(df.columns) == KOLOM
    assert nilai(df, 2022, 7200) == 1586320.0
    assert nilai(df, 2021, 7202) == 180440.0
    assert nilai(df, 2022, 7206) == 106620.0
    assert nilai(df, 2023, 7271) == 262480.0
    assert len(df) == 4 + 4 + 2  # 2023: Banggai "-" and Tolitoli "..." skipped
    baris = dict(zip(df["kode_wilayah"], df["_baris"], strict=False))
    assert baris == {7202: 6, 7206: 7, 7271: 9, 7200: 10}
    assert df.loc[df["kode_wilayah"] == 7202, "nama_wilayah"].iloc[0] == "Banggai"


def test_xlsx_tanpa_ribu(tmp_path, ref):
    isi = [["Penduduk Bekerja (Jiwa)"], ["Wilayah", 2022], ["Sulawesi Tengah", 1586320]]
    df = baca_bps_xlsx(tulis_xlsx(tmp_path, isi), "a.xlsx", ref)
    assert nilai(df, 2022, 7200) == 1586320.0 and df["_baris"].tolist() == [3]


def test_xlsx_fixture_sama_dengan_json(ref):
    x = baca_bps_xlsx(XLSX_FIXTURE, "penduduk_bekerja_tabel_statis.xlsx", ref)
    j = baca_bps_json(JSON_FIXTURE, "penduduk_bekerja_webapi.json", ref)
    pd.testing.assert_frame_equal(x.drop(columns="_baris"), j.drop(columns="_baris"))
    assert nilai(x, 2022, 7200) == 1586320.0
    baris = dict(zip(x["kode_wilayah"], x["_baris"], strict=False))
    assert baris[7201] == 5 and baris[7202] == 6 and baris[7271] == 17 and baris[7200] == 18


def test_xlsx_wilayah_tidak_dikenal(tmp_path, ref):
    isi = tabel_sederhana()
    isi[3][0] = "Wilayah"
    isi[6][0] = "Kab. Selayar"
    with pytest.raises(DataIKUError) as e:
        baca_bps_xlsx(tulis_xlsx(tmp_path, isi, "kerja.xlsx"), "kerja.xlsx", ref)
    pesan = str(e.value)
    assert "kerja.xlsx" in pesan and "baris 7" in pesan and "kolom 'Wilayah'" in pesan
    assert "Kab. Selayar" in pesan
    assert (e.value.baris, e.value.kolom, e.value.nilai) == (7, "Wilayah", "Kab. Selayar")


def test_xlsx_nilai_bukan_angka(tmp_path, ref):
    isi = tabel_sederhana()
    isi[8][3] = "dua ratus"
    isi[5][0] = "Antah"
    with pytest.raises(DataIKUError) as e:
        baca_bps_xlsx(tulis_xlsx(tmp_path, isi, "kerja.xlsx"), "kerja.xlsx", ref)
    assert len(e.value.masalah) == 2  # problems are collected, not stopped at the first
    kedua = e.value.masalah[1]
    assert (kedua.baris, kedua.kolom, kedua.nilai) == (9, "Agustus 2023", "dua ratus")
    assert "baris 9, kolom 'Agustus 2023'" in str(e.value)


def test_xlsx_wilayah_ganda(tmp_path, ref):
    isi = tabel_sederhana()
    isi[7] = ["Banggai", 1, 2, 3]  # row 8 repeats "Kab. Banggai" of row 6
    with pytest.raises(DataIKUError) as e:
        baca_bps_xlsx(tulis_xlsx(tmp_path, isi), "a.xlsx", ref)
    assert e.value.baris == 8 and "baris 6" in str(e.value)


def test_xlsx_tahun_di_bawah_sel_gabungan_dan_kolom_agustus(tmp_path, ref):
    isi = [
        [None, JUDUL[0]],
        [],
        [None, "Kabupaten/Kota", "Tahun", None],
        [None, None, "Februari 2022", "Agustus 2022"],
        [None, "Sulawesi Tengah", "1.525,66", "1.586,32"],
        [None, "Kab. Banggai", "180", "x"],
        [None, "Catatan: -"],
        [],
    ]
    df = baca_bps_xlsx(tulis_xlsx(tmp_path, isi), "a.xlsx", ref)
    assert df[["tahun", "kode_wilayah", "penduduk_bekerja", "_baris"]].values.tolist() == [
        [2022, 7200, 1586320.0, 5]]


def test_xlsx_tanpa_baris_tahun(tmp_path, ref):
    isi = [["Judul"], ["Kabupaten/Kota", "Jumlah"], ["Palu", 1]]
    with pytest.raises(DataIKUError, match="a.xlsx"):
        baca_bps_xlsx(tulis_xlsx(tmp_path, isi), "a.xlsx", ref)


# ----------------------------------------------------------------------- detection

def test_deteksi_format(tmp_path):
    assert deteksi_format_bps(JSON_FIXTURE) == "bps-json"
    assert deteksi_format_bps(XLSX_FIXTURE) == "bps-xlsx"
    assert deteksi_format_bps(tulis_xlsx(tmp_path, tabel_sederhana())) == "bps-xlsx"
    rapi = [[], ["tahun", "Kode Wilayah", "nama_wilayah", "penduduk_bekerja"],
            [2022, 7200, "Sulawesi Tengah", 1586320]]
    assert deteksi_format_bps(tulis_xlsx(tmp_path, rapi, "rapi.xlsx")) is None
    assert deteksi_format_bps(tmp_path / "rapi.csv") is None


def test_xlsx_kode_sebagai_nama(tmp_path, ref):
    isi = [["Wilayah", "2022"], [7202, "186,27"], ["7200", "1586320"]]
    df = baca_bps_xlsx(tulis_xlsx(tmp_path, isi), "a.xlsx", ref)
    assert df["kode_wilayah"].tolist() == [7200, 7202]
    assert nilai(df, 2022, 7202) == 186.27  # no "ribu" anywhere: taken as persons


@pytest.mark.parametrize("berkas", ["penduduk_bekerja_webapi.json",
                                    "penduduk_bekerja_tabel_statis.xlsx"])
def test_bps_file_as_penduduk_bekerja_in_a_data_folder(tmp_path, berkas):
    """Named in sumber_data.yaml, a BPS download feeds IKU1 like the tidy table does."""
    import shutil

    import yaml
    from conftest import salin_data_mini

    from iku_helpers import compute_results

    folder = salin_data_mini(tmp_path / "data")
    shutil.copy(Path(__file__).parent / "fixtures" / "bps" / berkas, folder / berkas)
    m = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    m["data"]["penduduk_bekerja"]["berkas"] = berkas
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(m))
    r = compute_results(2023, folder).set_index("kode_iku")
    assert r.loc["IKU1", "penyebut"] == 1_624_430          # 1.624,43 ribu, the 7200 row
    tk = pd.read_csv(folder / "tenaga_kerja_kukm.csv").query("tahun == 2023")
    pembilang = int((tk["tenaga_kerja_koperasi"] + tk["tenaga_kerja_ukm"]).sum())
    assert r.loc["IKU1", "pembilang"] == pembilang
    assert r.loc["IKU1", "realisasi"] == round(pembilang / 1_624_430 * 100 + 1e-9, 2)


@pytest.mark.parametrize(("isi", "pesan"), [
    ("185.8605", "penduduk bekerja Sulawesi Tengah tahun 2022 menjadi 185.860,5 orang, "
                 "bukan bilangan bulat (satuan ribu)"),
    ("-5", "penduduk bekerja Sulawesi Tengah tahun 2022 bernilai negatif (satuan ribu)"),
])
def test_json_nilai_mustahil_menyebut_selnya(tmp_path, ref, isi, pesan):
    """A JSON cell has no spreadsheet row: a fractional or negative count is refused by
    the reader, naming the cell's datacontent key (it once crashed the table checks,
    which call int() on the row number, with 'kesalahan internal')."""
    with pytest.raises(DataIKUError) as e:
        baca_bps_json(tulis_json(tmp_path, api(isi={"720021801220": isi})), "a.json", ref)
    m = e.value.masalah[0]
    assert (m.berkas, m.kolom, m.baris) == ("a.json", "datacontent[720021801220]", None)
    assert pesan in str(m)


def test_json_nol_per_wilayah_ditolak_tanpa_kesalahan_internal(tmp_path, capsys):
    """A kabupaten's zero in a BPS JSON reaches the report's cross-table check, which
    names the area and year (a JSON row has no number) and exits 2."""
    import shutil

    from iku_helpers import cli

    ROOT = Path(__file__).resolve().parents[1]
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    pb = pd.read_csv(folder / "penduduk_bekerja.csv")
    vervar = [{"val": int(k), "label": n} for k, n in
              pb[["kode_wilayah", "nama_wilayah"]].drop_duplicates().itertuples(index=False)]
    tahun = [{"val": int(t) - 1900, "label": str(t)} for t in sorted(pb["tahun"].unique())]
    isi = {f"{r.kode_wilayah}2180{r.tahun - 1900}0":
           "0" if (r.kode_wilayah, r.tahun) == (7207, 2025) else str(r.penduduk_bekerja)
           for r in pb.itertuples()}
    data = api(vervar, isi, tahun=tahun)
    data["var"][0]["unit"] = "Jiwa"
    (folder / "pb.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "penduduk_bekerja.csv").unlink()
    manifest = (folder / "sumber_data.yaml").read_text(encoding="utf-8")
    (folder / "sumber_data.yaml").write_text(manifest.replace(
        "berkas: penduduk_bekerja.csv", "berkas: pb.json"), encoding="utf-8")
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    kode = cli.main(["--tahun", "2025", "--data-dir", str(folder), "--output-dir", str(keluar)])
    assert kode == 2 and not any(keluar.iterdir())
    assert "Berkas 'pb.json', kolom 'penduduk_bekerja': penduduk bekerja Buol tahun 2025 " \
        "bernilai nol" in capsys.readouterr().err


def test_xlsx_a_year_with_only_another_sakernas_round_is_left_out(tmp_path, ref):
    """Headers Agustus 2022 and Februari 2023: the February figure was read as 2023's
    penduduk bekerja (the report still saying "Sakernas Agustus"): IKU 1 72,00 % where the
    August figure gives 70,00 %. A year's only column naming another month is not read,
    with a warning naming it; the other years are (a table downloaded mid-year ends in
    such a column)."""
    isi = [JUDUL, ["Kabupaten/Kota", "Agustus 2022", "Februari 2023"],
           ["Sulawesi Tengah", "1.586,32", "1.592,92"]]
    peringatan = []
    df = baca_bps_xlsx(tulis_xlsx(tmp_path, isi), "a.xlsx", ref, peringatan)
    assert sorted(set(df["tahun"])) == [2022]
    [p] = peringatan
    assert (p.berkas, p.baris, p.kolom) == ("a.xlsx", 2, "Februari 2023")
    assert "kolom tahun 2023 adalah Sakernas Februari, bukan Agustus: tidak dibaca" in p
    isi[1][2] = "Agustus 2023"  # the August round is read
    df = baca_bps_xlsx(tulis_xlsx(tmp_path, isi), "a.xlsx", ref)
    assert nilai(df, 2023, 7200) == 1592920.0


def test_json_a_single_round_other_than_august_is_refused(tmp_path, ref):
    turtahun = [{"val": 1, "label": "Februari"}]
    with pytest.raises(DataIKUError) as e:
        baca_bps_json(tulis_json(tmp_path, api(turtahun=turtahun)), "a.json", ref)
    assert e.value.kolom == "turtahun" and "Sakernas Februari" in str(e.value)
