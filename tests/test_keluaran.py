"""Output writing: dated folders, one suffix per run, atomic never-overwriting writes."""

import multiprocessing
import os
import time
from datetime import date

import pytest

from iku_helpers import keluaran as k

DASAR = ["laporan-iku-2025", "capaian-iku-2025"]


def test_folder_bertanggal(tmp_path):
    folder = k.folder_bertanggal(tmp_path / "outputs", date(2026, 1, 5))
    assert folder == tmp_path / "outputs" / "2026-01-05"
    assert folder.is_dir()
    assert k.folder_bertanggal(tmp_path / "outputs", date(2026, 1, 5)) == folder  # idempotent


def test_pilih_akhiran_satu_untuk_semua_berkas(tmp_path):
    assert k.pilih_akhiran(tmp_path, DASAR) == ""
    assert k.pilih_akhiran(tmp_path / "belum-ada", DASAR) == ""
    (tmp_path / "capaian-iku-2025.xlsx").write_text("x")  # only one of the set exists
    assert k.pilih_akhiran(tmp_path, DASAR) == "-2"
    (tmp_path / "laporan-iku-2025-2.pdf").write_text("x")
    assert k.pilih_akhiran(tmp_path, DASAR) == "-3"
    # other years and longer names do not count
    (tmp_path / "laporan-iku-2025-3x.pdf").write_text("x")
    (tmp_path / "laporan-iku-2024-3.pdf").write_text("x")
    assert k.pilih_akhiran(tmp_path, DASAR) == "-3"
    # a file without extension counts too
    (tmp_path / "capaian-iku-2025-3").write_text("x")
    assert k.pilih_akhiran(tmp_path, DASAR) == "-4"


@pytest.mark.parametrize("buruk", [[], [""], ["../laporan"]])
def test_pilih_akhiran_menolak_nama_buruk(tmp_path, buruk):
    with pytest.raises(ValueError):
        k.pilih_akhiran(tmp_path, buruk)


def test_tulis_atomik_dan_tidak_menimpa(tmp_path):
    tujuan = tmp_path / "capaian-iku-2025.csv"
    k.tulis_atomik(tujuan, "kode;nilai\nIKU1;1,24\n")
    assert tujuan.read_text(encoding="utf-8") == "kode;nilai\nIKU1;1,24\n"
    with pytest.raises(FileExistsError):
        k.tulis_atomik(tujuan, b"baru")
    assert tujuan.read_text(encoding="utf-8").startswith("kode;nilai")
    k.tulis_atomik(tujuan, b"baru", timpa=True)
    assert tujuan.read_bytes() == b"baru"
    assert os.listdir(tmp_path) == ["capaian-iku-2025.csv"]  # no temporary left over


def test_berkas_sementara_nama_dan_keberhasilan(tmp_path):
    tujuan = tmp_path / "laporan-iku-2025.pdf"
    with k.berkas_sementara(tujuan) as sementara:
        assert sementara.parent == tmp_path
        assert sementara.name.startswith(".") and ".sementara" in sementara.name
        assert not tujuan.exists()
        sementara.write_bytes(b"%PDF-isi")
    assert tujuan.read_bytes() == b"%PDF-isi"
    assert not sementara.exists()
    mode = tujuan.stat().st_mode & 0o777
    assert mode == 0o666 & ~_umask()  # readable like a normal file, not mkstemp's 0600


def _umask():
    lama = os.umask(0)
    os.umask(lama)
    return lama


def test_berkas_sementara_dihapus_saat_galat(tmp_path):
    tujuan = tmp_path / "laporan-iku-2025.pdf"
    with pytest.raises(RuntimeError, match="gagal"), k.berkas_sementara(tujuan) as sementara:
        sementara.write_bytes(b"setengah")
        raise RuntimeError("gagal")
    assert not tujuan.exists()
    assert os.listdir(tmp_path) == []


def test_berkas_sementara_tidak_menimpa_berkas_yang_muncul(tmp_path):
    tujuan = tmp_path / "laporan-iku-2025.pdf"
    with pytest.raises(FileExistsError), k.berkas_sementara(tujuan) as sementara:
        sementara.write_bytes(b"baru")
        tujuan.write_bytes(b"milik proses lain")  # appears while we write
    assert tujuan.read_bytes() == b"milik proses lain"
    assert os.listdir(tmp_path) == ["laporan-iku-2025.pdf"]


def test_bersihkan_sementara(tmp_path):
    sisa = tmp_path / ".laporan-iku-2025.pdf.ab12cd34.sementara"
    sisa.write_bytes(b"x")
    baru = tmp_path / ".capaian-iku-2025.csv.ffff0000.sementara"
    baru.write_bytes(b"x")
    lama = time.time() - 7200
    os.utime(sisa, (lama, lama))
    tetap = [tmp_path / "laporan-iku-2025.pdf", tmp_path / ".kunci", tmp_path / "sementara.txt"]
    for p in tetap:
        p.write_bytes(b"x")
    assert k.bersihkan_sementara(tmp_path, umur_minimal=3600) == [sisa]
    assert k.bersihkan_sementara(tmp_path) == [baru]
    assert all(p.exists() for p in tetap)
    assert k.bersihkan_sementara(tmp_path / "tidak-ada") == []


def test_kunci_folder_eksklusif(tmp_path):
    with k.kunci_folder(tmp_path):
        assert (tmp_path / ".kunci").exists()
        with (
            pytest.raises(TimeoutError, match="sedang dipakai"),
            k.kunci_folder(tmp_path, tunggu=0.2),
        ):
            pass
    with k.kunci_folder(tmp_path, tunggu=0.2):  # released
        pass


def _pesan_nama(folder, antrean):
    with k.kunci_folder(folder):
        akhiran = k.pilih_akhiran(folder, DASAR)
        time.sleep(0.05)  # widen the race window
        k.tulis_atomik(os.path.join(folder, f"laporan-iku-2025{akhiran}.pdf"), b"x")
    antrean.put(akhiran)


def test_dua_proses_tidak_memilih_nama_sama(tmp_path):
    konteks = multiprocessing.get_context("fork")
    antrean = konteks.Queue()
    proses = [konteks.Process(target=_pesan_nama, args=(str(tmp_path), antrean)) for _ in range(4)]
    for p in proses:
        p.start()
    for p in proses:
        p.join(20)
        assert p.exitcode == 0
    hasil = sorted(antrean.get(timeout=5) for _ in proses)
    assert hasil == ["", "-2", "-3", "-4"]
