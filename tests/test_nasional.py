"""IKU per province and nationally (vectorised), hand-worked on two small provinces."""

import pandas as pd
import yaml
from conftest import tulis_folder_data

from iku_helpers import compute_results, muat_data
from iku_helpers.nasional import KODE_NASIONAL, hitung_nasional

DUA_PROVINSI = {
    "wilayah.csv": ["kode_wilayah,nama_wilayah,alias,total,induk",
                    "9900,Provinsi A,,ya,", "9901,Kab A1,,tidak,9900",
                    "9800,Provinsi B,,ya,", "9801,Kab B1,,tidak,9800"],
    # A: total row 1.000 (its one area says 1.200: the total row wins); B: no total row,
    # the sum of its areas (500) is used
    "penduduk_bekerja.csv": ["tahun,kode_wilayah,nama_wilayah,penduduk_bekerja",
                             "2025,9900,Provinsi A,1000", "2025,9901,Kab A1,1200",
                             "2025,9801,Kab B1,500"],
    "tenaga_kerja_kukm.csv": ["tahun,kode_wilayah,nama_wilayah,tenaga_kerja_koperasi,"
                              "tenaga_kerja_ukm", "2025,9901,Kab A1,10,10",
                              "2025,9801,Kab B1,5,0"],
    "evaluasi_koperasi.csv": [
        "tahun,nomor_induk_koperasi,nama_koperasi,kode_wilayah,rat,volume_usaha,aset",
        "2024,KA1,Kop A1,9901,ya,100,50", "2024,KB1,Kop B1,9801,ya,100,50",
        "2025,KA1,Kop A1,9901,ya,110,60", "2025,KB1,Kop B1,9801,tidak,110,60",
        "2025,KB2,Kop B2,9801,ya,500,500"],
    "evaluasi_usaha_kecil.csv": ["tahun,id_usaha,nama_usaha,kode_wilayah,menjadi_wirausaha",
                                 "2025,U1,Usaha 1,9901,ya", "2025,U2,Usaha 2,9901,tidak",
                                 "2025,U3,Usaha 3,9801,ya"],
    "indeks_rb.csv": ["tahun,kode_wilayah,indeks", "2024,9900,65", "2024,9800,65",
                      "2025,9900,70", "2025,9800,60"],
    "komponen_rb.csv": None,
}


def test_two_provinces_hand_worked(tmp_path):
    folder = tulis_folder_data(tmp_path, DUA_PROVINSI)
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    manifest["data"].pop("komponen_rb")          # optional input, absent here
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    h = hitung_nasional(muat_data(folder), 2025).set_index(["kode_wilayah", "kode_iku"])
    r = h["realisasi"]
    assert (r[(9900, "IKU1")], r[(9800, "IKU1")], r[(KODE_NASIONAL, "IKU1")]) == (2.0, 1.0, 1.67)
    assert h.loc[(9800, "IKU1"), "penyebut"] == 500          # sum of areas, no total row
    assert h.loc[(9900, "IKU1"), "penyebut"] == 1000         # the total row, not 1.200
    # nationally: (20 + 5) / (1.000 + 500) = 1,67 %
    assert (h.loc[(KODE_NASIONAL, "IKU1"), "pembilang"],
            h.loc[(KODE_NASIONAL, "IKU1"), "penyebut"]) == (25, 1500)
    assert (r[(9900, "IKU2")], r[(9800, "IKU2")], r[(KODE_NASIONAL, "IKU2")]) == (100.0, 0.0,
                                                                                  33.33)
    assert (r[(9900, "IKU3")], r[(9800, "IKU3")], r[(KODE_NASIONAL, "IKU3")]) == (50.0, 100.0,
                                                                                  66.67)
    assert (r[(9900, "IKU4")], r[(9800, "IKU4")], r[(KODE_NASIONAL, "IKU4")]) == (70.0, 60.0,
                                                                                  65.0)
    assert h.loc[(KODE_NASIONAL, "IKU1"), "nama_wilayah"] == "Nasional"
    assert h.loc[(9900, "IKU4"), "capaian_persen"] == 102.94   # 70 / 68


def test_agrees_with_the_row_by_row_computation(folder_mini):
    """The vectorised path gives the same numbers as compute_results for one province."""
    satu = compute_results(2025, folder_mini).set_index("kode_iku")
    semua = hitung_nasional(muat_data(folder_mini), 2025)
    prov = semua[semua["kode_wilayah"] == 9900].set_index("kode_iku")
    kolom = ["pembilang", "penyebut", "realisasi", "target", "capaian_persen", "kategori"]
    pd.testing.assert_frame_equal(prov[kolom], satu[kolom], check_dtype=False)


def test_agrees_on_the_sample_data():
    from iku_helpers import config

    satu = compute_results(2025, config.DATA_DIR).set_index("kode_iku")
    semua = hitung_nasional(muat_data(config.DATA_DIR), 2025)
    nasional = semua[semua["kode_wilayah"] == KODE_NASIONAL].set_index("kode_iku")
    assert nasional["realisasi"].to_dict() == satu["realisasi"].to_dict()


def _folder_parquet(tmp_path, ubah=None):
    """The sample data with its two large tables as Parquet (as a national office would
    hand them over); ``ubah(nama, df)`` may spoil a table before it is written."""
    import shutil
    from pathlib import Path

    from iku_helpers.loaders import baca_tabel

    root = Path(__file__).resolve().parents[1]
    folder = tmp_path / "data"
    shutil.copytree(root / "data", folder)
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text(encoding="utf-8"))
    for nama in ("evaluasi_koperasi", "evaluasi_usaha_kecil"):
        df = baca_tabel(folder / f"{nama}.csv").drop(columns="_baris")
        df = df.astype({k: "int64" for k in ("tahun", "kode_wilayah")})
        if nama == "evaluasi_koperasi":
            df = df.astype({"volume_usaha": "int64", "aset": "int64"})
        if ubah:
            df = ubah(nama, df)
        df.to_parquet(folder / f"{nama}.parquet", index=False)
        (folder / f"{nama}.csv").unlink()
        manifest["data"][nama]["berkas"] = f"{nama}.parquet"
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                             encoding="utf-8")
    return folder


def test_lean_national_load_gives_the_same_numbers_and_keeps_only_what_it_reads(tmp_path):
    import pytest

    from iku_helpers import ParameterError, hitung_iku
    from iku_helpers.nasional import muat_nasional

    folder = _folder_parquet(tmp_path)
    penuh = muat_data(folder)
    ramping = muat_nasional(folder, 2025)
    pd.testing.assert_frame_equal(hitung_nasional(ramping, 2025), hitung_nasional(penuh, 2025))
    # only the columns and years the vectorised computation reads
    kop, uk = ramping.tabel["evaluasi_koperasi"], ramping.tabel["evaluasi_usaha_kecil"]
    assert set(kop["tahun"]) == {2024, 2025} and set(uk["tahun"]) == {2025}
    assert "nama_koperasi" not in kop.columns and "nama_usaha" not in uk.columns
    assert "id_usaha" not in uk.columns
    # the provenance still counts every row of the file
    jumlah = {s.kunci: s.baris for s in ramping.sumber}
    assert jumlah["evaluasi_koperasi"] == len(penuh.tabel["evaluasi_koperasi"])
    assert jumlah["evaluasi_usaha_kecil"] == len(penuh.tabel["evaluasi_usaha_kecil"])
    # a lean snapshot computes its own year only, and no report
    with pytest.raises(ParameterError, match="ramping hanya untuk tahun 2025"):
        hitung_nasional(ramping, 2024)
    with pytest.raises(ParameterError, match="muat_data"):
        hitung_iku(2025, ramping)


def test_lean_national_load_still_checks_the_rows_it_drops(tmp_path):
    """A negative aset in 2022 (a year a 2025 national run does not keep) is still an
    error naming the file, the row and the column."""
    import pytest

    from iku_helpers import DataIKUError
    from iku_helpers.nasional import muat_nasional

    posisi = []

    def rusak(nama, df):
        if nama == "evaluasi_koperasi":
            i = int(df.index[df["tahun"] == 2022][3])
            df.loc[i, "aset"] = -5
            posisi.append(i + 2)      # the row as a spreadsheet shows it: header is row 1
        return df

    folder = _folder_parquet(tmp_path, rusak)
    with pytest.raises(DataIKUError) as e:
        muat_nasional(folder, 2025)
    m = e.value.masalah[0]
    assert (m.berkas, m.kolom, m.baris, m.nilai) == ("evaluasi_koperasi.parquet", "aset",
                                                     posisi[0], -5)


def test_a_province_without_rows_has_no_value_not_zero(tmp_path):
    """A third province C (9700) with penduduk bekerja only: no tenaga kerja, koperasi,
    usaha kecil or indeks rows. None of its IKU has a realisasi; IKU2/IKU3 show pembilang
    0 and no penyebut; its IKU4 has no value, and every national figure is that of the
    two provinces that have one."""
    ubah = dict(DUA_PROVINSI)
    ubah["wilayah.csv"] = DUA_PROVINSI["wilayah.csv"] + ["9700,Provinsi C,,ya,",
                                                         "9701,Kab C1,,tidak,9700"]
    ubah["penduduk_bekerja.csv"] = DUA_PROVINSI["penduduk_bekerja.csv"] + [
        "2025,9701,Kab C1,300"]
    folder = tulis_folder_data(tmp_path, ubah)
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    manifest["data"].pop("komponen_rb")
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    from iku_helpers.nasional import hitung_per_induk

    h = hitung_per_induk(muat_data(folder), 2025)
    assert h["kode_wilayah"].tolist()[:4] == [9900, 9800, 9700, KODE_NASIONAL]
    assert h["nama_wilayah"].tolist()[:4] == ["Provinsi A", "Provinsi B", "Provinsi C",
                                              "Nasional"]
    h = h.set_index(["kode_wilayah", "kode_iku"])
    for kode in ("IKU2", "IKU3"):
        assert h.loc[(9700, kode), "pembilang"] == 0.0
        assert pd.isna(h.loc[(9700, kode), "penyebut"])
        assert pd.isna(h.loc[(9700, kode), "realisasi"])
    # IKU1 of C: 300 penduduk bekerja but no tenaga kerja rows: missing data, not 0 % (a
    # hunt for wrong numbers found 0,00 % here, and C's 300 in the national denominator)
    assert pd.isna(h.loc[(9700, "IKU1"), "pembilang"])
    assert h.loc[(9700, "IKU1"), "penyebut"] == 300.0
    assert pd.isna(h.loc[(9700, "IKU1"), "realisasi"])
    # nationally IKU1 = (A 20 + B 5) / (A 1.000 + B 500): C is in neither sum
    assert (h.loc[(KODE_NASIONAL, "IKU1"), "pembilang"],
            h.loc[(KODE_NASIONAL, "IKU1"), "penyebut"],
            h.loc[(KODE_NASIONAL, "IKU1"), "realisasi"]) == (25.0, 1500.0, 1.67)
    assert pd.isna(h.loc[(9700, "IKU4"), "realisasi"])
    assert h.loc[(9700, "IKU4"), "nama_wilayah"] == "Provinsi C"
    assert h.loc[(KODE_NASIONAL, "IKU4"), "realisasi"] == 65.0       # (70 + 60) / 2
    assert h.loc[(KODE_NASIONAL, "IKU4"), "nama_wilayah"] == "Nasional"
    # nationally IKU2 stays 1 of 3 koperasi; C adds nothing to numerator or denominator
    assert (h.loc[(KODE_NASIONAL, "IKU2"), "pembilang"],
            h.loc[(KODE_NASIONAL, "IKU2"), "penyebut"]) == (1.0, 3.0)


def test_national_ratio_from_a_single_row_or_a_single_province(tmp_path):
    """Nationally one koperasi (KA1 of province A, improved) and usaha kecil in province
    A only: IKU2 = 1 / 1 = 100 %, IKU3 = 1 / 2 = 50 %; province B has no value for
    either (no rows), and its absence does not empty the national sums."""
    ubah = dict(DUA_PROVINSI)
    ubah["evaluasi_koperasi.csv"] = DUA_PROVINSI["evaluasi_koperasi.csv"][:2] + [
        "2025,KA1,Kop A1,9901,ya,110,60"]
    ubah["evaluasi_usaha_kecil.csv"] = DUA_PROVINSI["evaluasi_usaha_kecil.csv"][:3]
    folder = tulis_folder_data(tmp_path, ubah)
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    manifest["data"].pop("komponen_rb")
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    h = hitung_nasional(muat_data(folder), 2025).set_index(["kode_wilayah", "kode_iku"])
    assert h.loc[(KODE_NASIONAL, "IKU2"), ["pembilang", "penyebut", "realisasi"]].tolist() == [
        1.0, 1.0, 100.0]
    assert h.loc[(KODE_NASIONAL, "IKU3"), ["pembilang", "penyebut", "realisasi"]].tolist() == [
        1.0, 2.0, 50.0]
    assert pd.isna(h.loc[(9800, "IKU2"), "realisasi"]) and pd.isna(h.loc[(9800, "IKU3"),
                                                                         "realisasi"])


def test_a_province_with_tenaga_kerja_but_no_penduduk_bekerja_is_left_out(tmp_path):
    """The reverse: province B has tenaga kerja rows (5) but no penduduk bekerja row for
    2025. Its IKU1 has no realisasi, and the national numerator does not keep B's 5
    workers over A's denominator alone (it once gave (20 + 5) / 1.000 = 2,50 %)."""
    ubah = dict(DUA_PROVINSI)
    ubah["penduduk_bekerja.csv"] = [b for b in DUA_PROVINSI["penduduk_bekerja.csv"]
                                    if not b.startswith("2025,9801")]
    folder = tulis_folder_data(tmp_path, ubah)
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    manifest["data"].pop("komponen_rb")
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    from iku_helpers.nasional import hitung_per_induk

    h = hitung_per_induk(muat_data(folder), 2025).set_index(["kode_wilayah", "kode_iku"])
    assert h.loc[(9800, "IKU1"), "pembilang"] == 5.0
    assert pd.isna(h.loc[(9800, "IKU1"), "penyebut"])
    assert pd.isna(h.loc[(9800, "IKU1"), "realisasi"])
    assert (h.loc[(KODE_NASIONAL, "IKU1"), "pembilang"],
            h.loc[(KODE_NASIONAL, "IKU1"), "penyebut"],
            h.loc[(KODE_NASIONAL, "IKU1"), "realisasi"]) == (20.0, 1000.0, 2.0)
