"""Hostile and odd inputs: non-regular files, size limits, symlinks, encrypted or
truncated workbooks, identifiers with invisible characters, control characters on
the way to the XLSX, and errors crossing a process pool."""

from __future__ import annotations

import io
import os
import pickle
import signal
import zipfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml
from conftest import tulis_folder_data

from iku_helpers import compute_results, muat_data
from iku_helpers.errors import DataIKUError, Masalah, ParameterError
from iku_helpers.excel import aman_csv, tulis_xlsx
from iku_helpers.loaders import baca_tabel, periksa_berkas_masukan
from iku_helpers.parsing import normalisasi_id, samakan_id


@contextmanager
def paling_lama(detik: int):
    """Fail (instead of hanging the suite) if the block takes longer than ``detik``."""
    def habis(*_):
        raise TimeoutError(f"lebih dari {detik} detik: menunggu berkas yang tidak berakhir?")
    lama = signal.signal(signal.SIGALRM, habis)
    signal.alarm(detik)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, lama)


def _galat(fungsi, *arg, **kw) -> DataIKUError:
    with pytest.raises(DataIKUError) as e:
        fungsi(*arg, **kw)
    return e.value


def _manifest(folder: Path, ubah) -> None:
    p = folder / "sumber_data.yaml"
    m = yaml.safe_load(p.read_text())
    ubah(m)
    p.write_text(yaml.safe_dump(m, allow_unicode=True))


# ---------------------------------------------------------------- non-regular files
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
def test_fifo_as_table_is_refused_at_once(tmp_path):
    folder = tulis_folder_data(tmp_path / "data")
    (folder / "indeks_rb.csv").unlink()
    os.mkfifo(folder / "indeks_rb.csv")
    with paling_lama(20):
        e = _galat(muat_data, folder)
    assert e.berkas == "indeks_rb.csv" and "FIFO" in str(e)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo (POSIX)")
def test_fifo_as_manifest_or_catalog_is_refused(tmp_path):
    folder = tulis_folder_data(tmp_path / "data")
    (folder / "katalog_iku.yaml").unlink()
    os.mkfifo(folder / "katalog_iku.yaml")
    with paling_lama(20):
        assert "FIFO" in str(_galat(muat_data, folder))
    (folder / "sumber_data.yaml").unlink()
    os.mkfifo(folder / "sumber_data.yaml")
    with paling_lama(20):
        e = _galat(muat_data, folder)
    assert e.berkas == "sumber_data.yaml" and "FIFO" in str(e)


def test_device_and_directory_are_refused(tmp_path):
    assert "perangkat" in str(_galat(periksa_berkas_masukan, "/dev/null", "x.csv"))
    with paling_lama(20):
        assert "perangkat" in str(_galat(baca_tabel, "/dev/zero", "nol.csv"))
    assert "folder" in str(_galat(periksa_berkas_masukan, tmp_path, "x.csv"))


# ----------------------------------------------------------------------- size limit
def test_size_limit_checked_before_reading(tmp_path):
    folder = tulis_folder_data(tmp_path / "data", manifest_tambahan={
        "pengaturan": {"batas_ukuran_berkas_mb": 0.0001}})        # about 105 bytes
    e = _galat(muat_data, folder)
    assert "melebihi batas" in str(e) and "batas_ukuran_berkas_mb" in str(e)
    assert e.berkas.endswith(".csv") or e.berkas.endswith(".yaml")
    folder = tulis_folder_data(tmp_path / "lain", manifest_tambahan={
        "pengaturan": {"batas_ukuran_berkas_mb": 1}})
    assert muat_data(folder).pengaturan.batas_ukuran_berkas_mb == 1


def test_size_limit_on_a_sparse_huge_file(tmp_path):
    """A 2 GB sparse file is refused from its size alone (nothing is read)."""
    p = tmp_path / "besar.csv"
    with open(p, "wb") as f:
        f.truncate(2 * 1024**3)
    with paling_lama(10):
        e = _galat(periksa_berkas_masukan, p, "besar.csv", None, 500 * 2**20)
    assert "2.048,0 MB melebihi batas 500,0 MB" in str(e)


# ------------------------------------------------------------------------- symlinks
def test_symlink_outside_refused_unless_allowed(tmp_path):
    luar = tmp_path / "luar"
    luar.mkdir()
    folder = tulis_folder_data(tmp_path / "data")
    (folder / "indeks_rb.csv").rename(luar / "indeks_rb.csv")
    (folder / "indeks_rb.csv").symlink_to(luar / "indeks_rb.csv")
    e = _galat(muat_data, folder)
    assert e.berkas == "indeks_rb.csv" and "luar folder data" in str(e)
    assert "izinkan_symlink_luar" in str(e)
    _manifest(folder, lambda m: m.setdefault("pengaturan", {}).update(
        izinkan_symlink_luar=True))
    assert len(muat_data(folder).indeks_rb) == 2


def test_symlinked_subfolder_leaving_the_folder_is_refused(tmp_path):
    luar = tmp_path / "luar"
    luar.mkdir()
    folder = tulis_folder_data(tmp_path / "data")
    (folder / "indeks_rb.csv").rename(luar / "indeks_rb.csv")
    (folder / "sub").symlink_to(luar, target_is_directory=True)
    _manifest(folder, lambda m: m["data"]["indeks_rb"].update(berkas="sub/indeks_rb.csv"))
    assert "luar folder data" in str(_galat(muat_data, folder))


def test_symlink_inside_the_folder_and_plain_relative_path_outside_are_fine(tmp_path):
    folder = tulis_folder_data(tmp_path / "data")
    (folder / "asli").mkdir()
    (folder / "indeks_rb.csv").rename(folder / "asli" / "indeks_rb.csv")
    (folder / "indeks_rb.csv").symlink_to(folder / "asli" / "indeks_rb.csv")
    # no link: a path the analyst wrote that leaves the folder stays their choice
    (folder / "komponen_rb.csv").rename(tmp_path / "komponen_rb.csv")
    _manifest(folder, lambda m: m["data"]["komponen_rb"].update(berkas="../komponen_rb.csv"))
    data = muat_data(folder)
    assert len(data.indeks_rb) == 2 and len(data.komponen_rb) == 5


def test_dangling_symlink_says_so(tmp_path):
    (tmp_path / "x.csv").symlink_to(tmp_path / "hilang.csv")
    assert "tidak ada" in str(_galat(periksa_berkas_masukan, tmp_path / "x.csv", "x.csv"))


# ----------------------------------------------------------------- broken workbooks
def _cfb(isi: bytes) -> bytes:
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + isi + b"\0" * 1024


def test_password_protected_xlsx_is_not_called_corrupt(tmp_path):
    p = tmp_path / "terkunci.xlsx"
    p.write_bytes(_cfb("EncryptionInfo\0EncryptedPackage".encode("utf-16-le")))
    e = _galat(baca_tabel, p, "terkunci.xlsx")
    assert "kata sandi" in str(e) and "rusak" not in str(e)


def test_old_xls_is_named_as_such(tmp_path):
    p = tmp_path / "lama.xls"
    p.write_bytes(_cfb("Workbook".encode("utf-16-le")))
    assert ".xls 97-2003" in str(_galat(baca_tabel, p, "lama.xls"))


def _xlsx_dengan_lembar_terpotong(p: Path) -> None:
    buku = openpyxl.Workbook()
    for i in range(200):
        buku.active.append([2020 + i % 5, f"nama {i}", i])
    sumber = io.BytesIO()
    buku.save(sumber)
    with zipfile.ZipFile(sumber) as masuk, zipfile.ZipFile(p, "w") as keluar:
        for info in masuk.infolist():
            isi = masuk.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                isi = isi[: len(isi) // 2]        # a valid zip whose sheet XML stops midway
            keluar.writestr(info, isi)


def test_truncated_sheet_inside_a_valid_zip(tmp_path):
    p = tmp_path / "potong.xlsx"
    _xlsx_dengan_lembar_terpotong(p)
    assert zipfile.is_zipfile(p)
    e = _galat(baca_tabel, p, "potong.xlsx")
    assert e.berkas == "potong.xlsx" and "terpotong atau rusak" in str(e)


# ---------------------------------------------------------------------- identifiers
def test_normalisasi_id_reports_changed_cells():
    seri = pd.Series(["KSP-001", "ksp-001\u200b", "\ufeffK\u00a0 2 ", "Stra\u00dfe", "\u00ad"])
    teks, kunci, berubah = normalisasi_id(seri)
    assert teks.tolist() == ["KSP-001", "ksp-001", "K 2", "Straße", ""]
    assert kunci.tolist() == ["ksp-001", "ksp-001", "k 2", "strasse", ""]
    assert berubah.tolist() == [False, True, True, False, True]
    kanonik, berubah = samakan_id(seri)
    assert kanonik.tolist()[:2] == ["KSP-001", "KSP-001"] and berubah[1] and not berubah[0]
    # plain ASCII cells take the fast path, unless they hold controls or double spaces
    teks, kunci, berubah = normalisasi_id(pd.Series(["A\tB", "x  y", " ok ", "OK", None]))
    assert teks.tolist() == ["A B", "x y", "ok", "OK", ""]
    assert kunci.tolist() == ["a b", "x y", "ok", "ok", ""]
    assert berubah.tolist() == [True, True, False, False, False]
    assert samakan_id(pd.Series(["iku1", "IKU1\u200b"]), huruf_besar=True)[0].tolist() == [
        "IKU1", "IKU1"]


def _tabel_mini(nama: str) -> list[str]:
    from conftest import TABEL_MINI
    return list(TABEL_MINI[nama])


def test_invisible_character_id_is_a_duplicate_in_one_year(tmp_path):
    baris = _tabel_mini("evaluasi_usaha_kecil.csv")
    baris[4] = "2025,u1\u200b,Usaha B,9901,YA"       # same usaha as U1 on row 4
    e = _galat(muat_data, tulis_folder_data(tmp_path, {"evaluasi_usaha_kecil.csv": baris}))
    assert (e.berkas, e.baris, e.kolom) == ("evaluasi_usaha_kecil.csv", 5, "id_usaha")
    assert "kunci ganda" in str(e)


def test_invisible_character_id_matches_across_years(tmp_path):
    """K1 2024 written 'k1\\u200b' is K1 2025: IKU2 stays 1/4 = 25 %, with a warning."""
    baris = _tabel_mini("evaluasi_koperasi.csv")
    baris[1] = baris[1].replace("2024,K1,", "2024,k1\u200b,")
    r = compute_results(2025, tulis_folder_data(tmp_path, {"evaluasi_koperasi.csv": baris}))
    assert r.set_index("kode_iku").loc["IKU2", "pembilang"] == 1
    assert r.set_index("kode_iku").loc["IKU2", "realisasi"] == 25.0
    catatan = [p for p in r.attrs["peringatan"] if "nomor_induk_koperasi" in p]
    assert catatan and "baris 2" in catatan[0] and "\\u200b" in catatan[0]


# ------------------------------------------------------------------- XLSX writer
def test_control_characters_do_not_crash_the_xlsx_writer(tmp_path):
    df = pd.DataFrame({"nama\x00": ["KSP\x00 Maju", "Baris\x0bdua", "\x01=1+1", "tab\tok"]})
    p = tmp_path / "x.xlsx"
    tulis_xlsx(p, {"Data": df})
    ws = openpyxl.load_workbook(p).active
    assert [c.value for c in ws["A"]] == ["nama", "KSP Maju", "Baris\ndua", "=1+1", "tab\tok"]
    assert ws["A4"].data_type == "s" and ws["A4"].quotePrefix
    assert aman_csv(pd.DataFrame({"a": ["\x00=1+1"]}))["a"].iloc[0] == "'\x00=1+1"


# ------------------------------------------------------------- errors and processes
def test_errors_pickle_with_their_problems():
    e = DataIKUError([Masalah("a.csv", "bukan angka", 3, "aset", "x"), Masalah("b.csv", "y")])
    f = pickle.loads(pickle.dumps(e))
    assert type(f) is DataIKUError and f.masalah == e.masalah and str(f) == str(e)
    assert (f.berkas, f.baris, f.kolom, f.nilai) == ("a.csv", 3, "aset", "x")
    p = pickle.loads(pickle.dumps(ParameterError("di luar periode", 2031, "--tahun")))
    assert type(p) is ParameterError and str(p) == "Parameter --tahun: di luar periode " \
        "(nilai: 2031)"


def _gagal(tahun: int) -> None:
    raise DataIKUError(Masalah("evaluasi_koperasi.csv", f"tahun {tahun} rusak", 7, "aset"))


def test_error_crosses_a_process_pool():
    with ProcessPoolExecutor(max_workers=1) as pool:
        with pytest.raises(DataIKUError) as e:
            pool.submit(_gagal, 2025).result(timeout=60)
    assert (e.value.berkas, e.value.baris, e.value.kolom) == ("evaluasi_koperasi.csv", 7, "aset")
    assert "tahun 2025 rusak" in str(e.value)
