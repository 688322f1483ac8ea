"""``iku-report``: the one command that makes the official annual report.

    iku-report --tahun 2025 [--data-dir data] [--output-dir outputs] [--tanggal YYYY-MM-DD]

Writes into ``<output-dir>/<tanggal>/``: laporan-iku-<tahun>.pdf, laporan-iku-<tahun>.ipynb,
capaian-iku-<tahun>.csv and capaian-iku-<tahun>.xlsx, and prints their paths.

Exit codes: 0 done; 2 invalid data or parameters (message names file, row, column);
1 anything else (e.g. the PDF engine missing: the message says what to install).

Everything is produced in a hidden work folder inside the dated folder and moved into
place only when all four files are complete, under a folder lock, with a name that no
earlier report uses: a failed, killed or concurrent run never leaves a half-written
report where a finished one would be, and never overwrites an earlier report.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pandas as pd

from . import config
from .errors import DataIKUError, ParameterError

log = logging.getLogger("iku_report")

KODE_SUKSES, KODE_GALAT_LAIN, KODE_GALAT_DATA = 0, 1, 2
NOTEBOOK_LAPORAN = config.NOTEBOOKS_DIR / "laporan_iku.ipynb"
PREFIKS_KERJA = ".kerja-"


class _Dihentikan(Exception):
    """Raised from the SIGTERM handler so that clean-up runs."""


def _atur_log() -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(message)s",
                        datefmt="%Y-%m-%d %H:%M:%S")
    for nama in ("papermill", "traitlets", "weasyprint", "fontTools", "matplotlib", "asyncio"):
        logging.getLogger(nama).setLevel(logging.ERROR)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="iku-report",
        description="Membuat laporan capaian Indikator Kinerja Utama (PDF, notebook, CSV, XLSX).")
    p.add_argument("--tahun", help="tahun laporan, 2022-2026 (bawaan: tahun terakhir yang "
                   "datanya lengkap); rentang 2022-2024 membuat satu laporan per tahun")
    p.add_argument("--data-dir", default="data",
                   help="folder berisi sumber_data.yaml (bawaan: data)")
    p.add_argument("--output-dir", default="outputs", help="folder keluaran (bawaan: outputs)")
    p.add_argument("--tanggal", help="tanggal laporan YYYY-MM-DD, menamai folder bertanggal "
                   "(bawaan: hari ini)")
    return p


def _periksa_folder(path: Path, nama: str, tulis: bool) -> Path:
    if not path.exists():
        raise ParameterError(f"folder {path} tidak ada", str(path), nama)
    if not path.is_dir():
        raise ParameterError(f"{path} adalah berkas, bukan folder", str(path), nama)
    if tulis and not os.access(path, os.W_OK | os.X_OK):
        raise ParameterError(f"folder {path} tidak dapat ditulisi", str(path), nama)
    return path.resolve()


def _periksa_tanggal(teks: str | None) -> date:
    if not teks:
        return date.today()
    try:
        return date.fromisoformat(teks)
    except ValueError:
        raise ParameterError("format tanggal harus YYYY-MM-DD", teks, "--tanggal") from None


def _daftar_tahun(teks: str | None, data) -> list[int]:
    from .hitung import periksa_tahun

    if teks is None:
        return [data.tahun_terakhir_lengkap()]
    if "-" in str(teks).strip()[1:]:
        awal, akhir = (periksa_tahun(t) for t in str(teks).split("-", 1))
        if akhir < awal:
            raise ParameterError("rentang tahun terbalik", teks, "--tahun")
        return list(range(awal, akhir + 1))
    return [periksa_tahun(teks)]


def tulis_csv(tabel: pd.DataFrame, path: Path) -> None:
    """The tidy results table: UTF-8, dot decimals, whole counts without '.0'."""
    from .excel import aman_csv

    keluar = tabel.copy()
    for kolom in ("pembilang", "penyebut"):
        nilai = keluar[kolom]
        if nilai.dropna().map(float.is_integer).all():
            keluar[kolom] = nilai.astype("Int64")
    aman_csv(keluar).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def keterangan(hasil) -> pd.DataFrame:
    """The XLSX's first sheet: what the workbook is, its data status and sources."""
    from . import format_id as fmt

    data = hasil.data
    baris = [("Instansi", data.instansi),
             ("Isi", f"Capaian Indikator Kinerja Utama tahun {hasil.tahun}"),
             ("Status data", "DATA CONTOH, bukan data resmi" if data.ada_data_contoh
              else "Seluruh masukan berstatus resmi/sementara"),
             ("Dibuat", fmt.tanggal(date.today()))]
    baris += [(f"Masukan: {s.kunci}", f"{s.berkas} ({s.status}); {s.sumber}")
              for s in data.sumber]
    baris += [(f"Peringatan {i}", p) for i, p in enumerate(hasil.peringatan, start=1)]
    return pd.DataFrame(baris, columns=["Keterangan", "Isi"])


def tulis_xlsx_hasil(hasil, path: Path) -> None:
    """Results for Indonesian Excel: the table, the summary, every koperasi, areas."""
    from .excel import tulis_xlsx

    ringkasan = hasil.ringkasan[[
        "kode_iku", "indikator", "satuan", "target", "realisasi", "capaian_persen", "kategori",
        "realisasi_sebelumnya", "perubahan", "target_akhir", "progres_target_akhir_persen",
        "kekurangan", "satuan_kekurangan"]]
    koperasi = hasil.koperasi[[
        "nomor_induk_koperasi", "nama_koperasi", "kode_wilayah", "nama_wilayah", "rat",
        "volume_usaha_sebelumnya", "volume_usaha", "perubahan_volume_usaha_persen",
        "aset_sebelumnya", "aset", "perubahan_aset_persen", "lolos_rat", "lolos_volume_usaha",
        "lolos_aset", "meningkat", "kriteria_gagal"]].copy()
    for k in ("rat", "lolos_rat", "lolos_volume_usaha", "lolos_aset", "meningkat"):
        koperasi[k] = koperasi[k].map({True: "ya", False: "tidak"})
    uk = hasil.wilayah[["kode_wilayah", "nama_wilayah", "usaha_kecil_dievaluasi",
                        "usaha_kecil_menjadi_wirausaha", "iku3_persen"]]
    bulat = {k: "#,##0" for k in (
        "pembilang", "penyebut", "kekurangan", "tenaga_kerja_kukm", "penduduk_bekerja",
        "koperasi_dievaluasi", "koperasi_meningkat", "usaha_kecil_dievaluasi",
        "usaha_kecil_menjadi_wirausaha")}
    tulis_xlsx(path, {
        "Keterangan": keterangan(hasil),
        "Capaian IKU": hasil.tabel,
        "Ringkasan": ringkasan,
        "Koperasi": koperasi,
        "Usaha kecil per wilayah": uk,
        "Per wilayah": hasil.wilayah,
        "Riwayat": hasil.riwayat,
    }, format_kolom={**bulat, "volume_usaha": '"Rp"#,##0', "volume_usaha_sebelumnya": '"Rp"#,##0',
                     "aset": '"Rp"#,##0', "aset_sebelumnya": '"Rp"#,##0'})


def _jalankan_notebook(tahun: int, data_dir: Path, tanggal: date, keluar: Path) -> None:
    """Execute the report notebook. The kernel's own stderr (start-up notices, the
    KeyboardInterrupt it logs at shutdown) goes to kernel.log beside the notebook, not
    into the cron log; on failure its tail is logged."""
    import papermill as pm

    log_kernel = keluar.parent / "kernel.log"
    sys.stderr.flush()
    simpan = os.dup(2)
    try:
        with open(log_kernel, "wb") as berkas:
            os.dup2(berkas.fileno(), 2)
            try:
                pm.execute_notebook(
                    str(NOTEBOOK_LAPORAN), str(keluar),
                    parameters={"tahun": tahun, "data_dir": str(data_dir),
                                "tanggal": tanggal.isoformat()},
                    cwd=str(NOTEBOOK_LAPORAN.parent), progress_bar=False, log_output=False,
                    kernel_name="python3", request_save_on_cell_execute=False)
            finally:
                sys.stderr.flush()
                os.dup2(simpan, 2)
    except BaseException:
        ekor = log_kernel.read_text(errors="replace").strip().splitlines()[-15:]
        if ekor:
            log.error("Keluaran kernel terakhir:\n%s", "\n".join(ekor))
        raise
    finally:
        os.close(simpan)


def buat_laporan(tahun: int, data, output_dir: Path, tanggal: date) -> list[Path]:
    """Make one year's four files; return their final paths.

    The files are made in a hidden work folder inside the dated folder (no lock held, so
    several years can be made at once); the folder lock is taken only to choose a name no
    earlier report uses and to link the finished files into place.
    """
    import nbformat

    from . import keluaran
    from .hitung import hitung_iku
    from .pdf import html_ke_pdf, notebook_ke_html

    log.info("Menghitung IKU tahun %s", tahun)
    hasil = hitung_iku(tahun, data)
    for p in hasil.peringatan:
        log.warning("Peringatan data: %s", p)
    folder = keluaran.folder_bertanggal(output_dir, tanggal)
    kerja = Path(tempfile.mkdtemp(prefix=f"{PREFIKS_KERJA}{os.getpid()}-{tahun}-",
                                  suffix=".sementara", dir=folder))
    berkas = {"ipynb": kerja / "laporan.ipynb", "csv": kerja / "capaian.csv",
              "xlsx": kerja / "capaian.xlsx", "pdf": kerja / "laporan.pdf"}
    try:
        log.info("Tahun %s: menulis tabel hasil (CSV, XLSX)", tahun)
        tulis_csv(hasil.tabel, berkas["csv"])
        tulis_xlsx_hasil(hasil, berkas["xlsx"])
        log.info("Tahun %s: menjalankan notebook laporan dengan papermill", tahun)
        try:
            _jalankan_notebook(tahun, Path(data.data_dir).resolve(), tanggal, berkas["ipynb"])
        except BaseException:
            _simpan_notebook_gagal(folder, tahun, berkas["ipynb"])
            raise
        log.info("Tahun %s: mengubah notebook menjadi PDF (nbconvert + WeasyPrint)", tahun)
        t0 = time.perf_counter()
        nb = nbformat.read(berkas["ipynb"], as_version=4)
        nb.metadata["title"] = (f"Laporan Capaian Indikator Kinerja Utama Tahun {tahun} — "
                                f"{data.instansi}")
        html = notebook_ke_html(nb)
        for pesan in html_ke_pdf(html, berkas["pdf"]):
            log.warning("WeasyPrint: %s", pesan)
        log.info("Tahun %s: PDF selesai dalam %.1f detik", tahun, time.perf_counter() - t0)
        with keluaran.kunci_folder(folder):
            _bersihkan_kerja_lama(folder)
            akhiran = keluaran.pilih_akhiran(folder, [f"laporan-iku-{tahun}",
                                                      f"capaian-iku-{tahun}"])
            if akhiran:
                log.info("Laporan tahun %s sudah ada di %s; laporan baru ditulis di sampingnya "
                         "dengan akhiran '%s' (laporan lama tidak diubah)", tahun, folder,
                         akhiran)
            hasil_akhir = []
            for jenis, stem in (("ipynb", "laporan"), ("csv", "capaian"), ("xlsx", "capaian"),
                                ("pdf", "laporan")):  # the PDF last: it marks completion
                tujuan = folder / f"{stem}-iku-{tahun}{akhiran}.{jenis}"
                os.link(berkas[jenis], tujuan)  # fails rather than overwrite
                hasil_akhir.append(tujuan)
            return hasil_akhir
    finally:
        shutil.rmtree(kerja, ignore_errors=True)


def _simpan_notebook_gagal(folder: Path, tahun: int, notebook: Path) -> None:
    """Keep a failed executed notebook for debugging, under a name that says so."""
    from . import keluaran

    if not notebook.exists():
        return
    with keluaran.kunci_folder(folder):
        akhiran = keluaran.pilih_akhiran(folder, [f"laporan-iku-{tahun}-GAGAL"])
        gagal = folder / f"laporan-iku-{tahun}-GAGAL{akhiran}.ipynb"
        os.link(notebook, gagal)
    log.error("Notebook yang gagal disimpan untuk pemeriksaan: %s", gagal)


def _pid_hidup(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _bersihkan_kerja_lama(folder: Path) -> None:
    """Remove work folders and temporary files left by killed runs (not by live ones)."""
    from . import keluaran

    for entri in folder.glob(f"{PREFIKS_KERJA}*.sementara"):
        try:
            pid = int(entri.name[len(PREFIKS_KERJA):].split("-", 1)[0])
        except ValueError:
            pid = -1
        if pid != os.getpid() and (pid <= 0 or not _pid_hidup(pid)):
            shutil.rmtree(entri, ignore_errors=True)
    keluaran.bersihkan_sementara(folder, umur_minimal=3600)


def _buat_laporan_proses(tahun: int, data_dir: Path, output_dir: Path,
                         tanggal: date) -> list[Path]:
    """One year's report in a worker process (batch runs use every core)."""
    _atur_log()
    signal.signal(signal.SIGTERM, _tangani_sigterm)
    from .data_iku import muat_data

    return buat_laporan(tahun, muat_data(data_dir), output_dir, tanggal)


def buat_banyak_laporan(daftar: list[int], data, data_dir: Path, output_dir: Path,
                        tanggal: date, jumlah_proses: int | None = None) -> list[Path]:
    """Reports for several years, in parallel over the machine's cores."""
    jumlah_proses = jumlah_proses or min(len(daftar), os.cpu_count() or 1)
    if len(daftar) == 1 or jumlah_proses == 1:
        semua = []
        for tahun in daftar:
            semua += buat_laporan(tahun, data, output_dir, tanggal)
        return semua
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    log.info("Membuat %d laporan dengan %d proses", len(daftar), jumlah_proses)
    with ProcessPoolExecutor(jumlah_proses, mp_context=get_context("spawn")) as pelaksana:
        tugas = [pelaksana.submit(_buat_laporan_proses, t, data_dir, output_dir, tanggal)
                 for t in daftar]
        return [p for t in tugas for p in t.result()]


def _tangani_sigterm(signum, frame):  # noqa: ARG001
    raise _Dihentikan()


def main(argv: list[str] | None = None) -> int:
    _atur_log()
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _tangani_sigterm)
    try:
        from .data_iku import muat_data

        data_dir = _periksa_folder(Path(args.data_dir), "--data-dir", tulis=False)
        output_dir = _periksa_folder(Path(args.output_dir), "--output-dir", tulis=True)
        tanggal = _periksa_tanggal(args.tanggal)
        log.info("Memuat dan memeriksa data dari %s", data_dir)
        data = muat_data(data_dir)
        daftar = _daftar_tahun(args.tahun, data)
        if data.ada_data_contoh:
            log.warning("Sebagian data berstatus 'contoh': laporan ditandai DATA CONTOH")
        semua = buat_banyak_laporan(daftar, data, data_dir, output_dir, tanggal)
    except DataIKUError as e:
        log.error("Laporan tidak dibuat karena data atau parameter tidak valid.")
        jenis = "PARAMETER" if isinstance(e, ParameterError) else "DATA"
        print(f"GALAT {jenis}: {e}", file=sys.stderr)
        return KODE_GALAT_DATA
    except _Dihentikan:
        log.error("Proses dihentikan (SIGTERM); tidak ada laporan setengah jadi yang tertinggal.")
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        log.error("Proses dibatalkan; tidak ada laporan setengah jadi yang tertinggal.")
        return 130
    except Exception as e:  # noqa: BLE001 - the user gets a message, not a traceback
        from .pdf import PdfEngineError

        if isinstance(e, PdfEngineError):
            print(f"GALAT: {e}", file=sys.stderr)
        elif isinstance(e, OSError) and e.errno == errno.ENOSPC:
            print(f"GALAT: disk penuh saat menulis laporan ({e}). Kosongkan ruang disk lalu "
                  "jalankan ulang; laporan sebelumnya tidak diubah.", file=sys.stderr)
        else:
            log.exception("Galat tak terduga")
            print(f"GALAT: {type(e).__name__}: {e}. Laporan tidak dibuat; laporan sebelumnya "
                  "tidak diubah.", file=sys.stderr)
        return KODE_GALAT_LAIN
    for p in semua:
        print(p)
    log.info("Selesai: %d berkas ditulis", len(semua))
    return KODE_SUKSES


if __name__ == "__main__":
    sys.exit(main())
