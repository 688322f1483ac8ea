"""``iku-report``: the one command that makes the official annual report.

    iku-report --tahun 2025 [--data-dir data] [--output-dir outputs] [--tanggal YYYY-MM-DD]
    iku-report --triwulan 2025-3          # quarterly monitoring (monev) report
    iku-report --triwulan 2025-1..2025-4  # one monev report per quarter

Writes into ``<output-dir>/<tanggal>/``: laporan-iku-<tahun>.pdf, laporan-iku-<tahun>.ipynb,
capaian-iku-<tahun>.csv and capaian-iku-<tahun>.xlsx, and prints their paths. A quarter
writes laporan-monev-iku-<tahun>-tw<n>.pdf/.ipynb, capaian-iku-<tahun>-tw<n>.csv/.xlsx and
its frozen snapshot-iku-<tahun>-tw<n>/ (Parquet + SHA-256 of every source and the manifest).

Exit codes: 0 done; 2 invalid data or parameters (message names file, row, column);
1 anything else (the message says what to do; never a traceback).

This module only parses arguments, checks them, dispatches to :mod:`iku_helpers.jalankan`
(the run: snapshot, outputs, linking into place) and reports.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import re
import signal
import sys
from datetime import date
from pathlib import Path

from .errors import DataIKUError, Dihentikan, Masalah, ParameterError

log = logging.getLogger("iku_report")

KODE_SUKSES, KODE_GALAT_LAIN, KODE_GALAT_DATA = 0, 1, 2


def atur_log() -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(message)s",
                        datefmt="%Y-%m-%d %H:%M:%S")
    for nama in ("papermill", "traitlets", "weasyprint", "fontTools", "matplotlib", "asyncio"):
        logging.getLogger(nama).setLevel(logging.ERROR)
    # a kernel stopped with its run (SIGTERM to the process group) leaves nbclient's
    # pending task failing: asyncio logs "Task exception was never retrieved" with a
    # traceback, though the run was stopped on purpose and says so
    if not os.environ.get("IKU_DEBUG"):
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian errors that exit 2 through our own message."""

    def error(self, message):  # noqa: D102
        raise ParameterError(f"argumen tidak valid ({message}); lihat iku-report --help",
                             nama="iku-report")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="iku-report",
        description="Membuat laporan capaian Indikator Kinerja Utama (PDF, notebook, CSV, XLSX).")
    p.add_argument("--tahun", help="tahun laporan, 2022-2026 (bawaan: tahun terakhir yang "
                   "datanya lengkap); rentang 2022-2024 membuat satu laporan per tahun")
    p.add_argument("--triwulan", help="triwulan monitoring, mis. 2025-3; rentang "
                   "2025-1..2025-4 membuat satu laporan monev per triwulan")
    p.add_argument("--data-dir", default="data",
                   help="folder berisi sumber_data.yaml (bawaan: data)")
    p.add_argument("--output-dir", default="outputs", help="folder keluaran (bawaan: outputs)")
    p.add_argument("--tanggal", help="tanggal laporan YYYY-MM-DD, menamai folder bertanggal "
                   "(bawaan: hari ini)")
    p.add_argument("--jenis", choices=("lkjip", "ringkas"), default="lkjip",
                   help="lkjip: Laporan Kinerja Instansi Pemerintah lengkap (bawaan); ringkas: "
                   "laporan capaian IKU singkat untuk pemantauan internal")
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


def _rentang_tahun(teks: str | None) -> bool:
    """Whether --tahun names a range (2022-2024; a leading minus is a bad year, not one)."""
    return teks is not None and "-" in str(teks).strip()[1:]


def _rentang_triwulan(teks: str) -> bool:
    """Whether --triwulan names a range (2025-1..2025-4)."""
    return ".." in teks


def _sebut_tahun_dilewati(data, tahun: int) -> None:
    """Say why each later year of the Renstra period is not the default (its first
    problem), so that a year skipped for a bad cell is not skipped silently."""
    from . import config
    from .data_iku import TABEL_BERKODE_IKU
    from .hitung import periksa_periode
    from .indikator.periode import Periode

    for lanjut in range(tahun + 1, config.TAHUN_AKHIR_RENSTRA + 1):
        masalah = periksa_periode(data, Periode(lanjut))
        if not masalah:
            continue
        # a year with measured data (a table other than the plans, budget and comparators,
        # which name IKU codes) is a warning; a year not yet measured is just news
        ada_data = any("tahun" in t.columns and bool((t["tahun"] == lanjut).any())
                       for k, t in data.tabel.items() if k not in TABEL_BERKODE_IKU)
        log.log(logging.WARNING if ada_data else logging.INFO,
                "Tahun %s tidak dipakai sebagai tahun bawaan karena datanya belum lengkap "
                "atau salah: %s; laporan dibuat untuk tahun %s (--tahun %s menampilkan semua "
                "galatnya)", lanjut, masalah[0], tahun, lanjut)


def _daftar_tahun(teks: str | None, data, tanggal: date | None = None) -> list[int]:
    from .hitung import periksa_tahun

    if teks is None:
        tahun = data.tahun_terakhir_lengkap()
        if tanggal is not None and tahun >= tanggal.year:
            # a year not over by the report's date is not its annual report (the date rule
            # below): the latest complete year before it, said in the log
            sebelum = [t for t in data.tahun_lengkap() if t < tanggal.year]
            if sebelum:
                log.info("Tahun %s belum selesai pada tanggal laporan %s: dibuat laporan "
                         "tahun %s", tahun, tanggal.isoformat(), sebelum[-1])
                tahun = sebelum[-1]
        _sebut_tahun_dilewati(data, tahun)
        return [tahun]
    if _rentang_tahun(teks):
        awal, akhir = (periksa_tahun(t) for t in str(teks).split("-", 1))
        if akhir < awal:
            raise ParameterError("rentang tahun terbalik", teks, "--tahun")
        return list(range(awal, akhir + 1))
    return [periksa_tahun(teks)]


def _satu_laporan(args: argparse.Namespace) -> bool:
    """Whether the command asks for one report (not a range of years or quarters)."""
    if args.triwulan:
        return not _rentang_triwulan(args.triwulan)
    return not _rentang_tahun(args.tahun)


def _satu_triwulan(teks: str):
    from .hitung import periksa_tahun
    from .indikator.periode import Periode

    cocok = re.fullmatch(r"\s*(\d{4})\s*-\s*(?:tw)?\s*(\d+)\s*", teks, re.IGNORECASE)
    if not cocok:
        raise ParameterError("format triwulan harus TAHUN-N, mis. 2025-3 (N = 1, 2, 3 atau 4)",
                             teks, "--triwulan")
    try:
        tahun = periksa_tahun(cocok.group(1))
    except ParameterError as e:  # said of --triwulan, the parameter the user gave
        raise ParameterError(f"tahun triwulan: {e.masalah[0].pesan}", teks,
                             "--triwulan") from None
    tw = int(cocok.group(2))
    if tw not in (1, 2, 3, 4):
        raise ParameterError("triwulan harus 1, 2, 3 atau 4", teks, "--triwulan")
    return Periode(tahun, tw)


def _daftar_triwulan(teks: str) -> list:
    """"2025-3" -> [TW III 2025]; "2025-1..2025-4" -> the four quarters (across years too)."""
    from .indikator.periode import Periode

    if not _rentang_triwulan(teks):
        return [_satu_triwulan(teks)]
    awal, akhir = (_satu_triwulan(t) for t in teks.split("..", 1))
    if akhir < awal:
        raise ParameterError("rentang triwulan terbalik", teks, "--triwulan")
    daftar, p = [], awal
    while p <= akhir:
        daftar.append(p)
        p = Periode(p.tahun + 1, 1) if p.triwulan == 4 else Periode(p.tahun, p.triwulan + 1)
    return daftar


def _periksa_tanggal_periode(tanggal: date, daftar) -> None:
    """The report's date against its period. An annual report (LKjIP, ringkas) reports a
    finished year: dated within that year it would present part of a year's data as the
    year's result, with quarters that have not happened; the monev of the year's quarters
    is the report for that. A quarterly report cannot be dated before its quarter starts
    (its cover would say "keadaan data sampai" a day before any of its rows)."""
    from . import format_id as fmt
    from .indikator.dasar import periode_tersedia
    from .indikator.registri import REGISTRI

    for periode in daftar:
        if periode.tahunan and tanggal.year <= periode.tahun:
            raise ParameterError(
                f"laporan tahunan {periode.tahun} bertanggal {fmt.tanggal(tanggal)}, sebelum "
                f"tahun {periode.tahun} selesai: laporan tahunan memakai data setahun penuh; "
                f"beri tanggal sesudah 31 Desember {periode.tahun}, atau buat laporan "
                f"triwulanan (--triwulan {periode.tahun}-N)", tanggal.isoformat(), "--tanggal")
        if not periode.tahunan:
            mulai = date(periode.tahun, 3 * periode.triwulan - 2, 1)
            if tanggal < mulai:
                raise ParameterError(
                    f"laporan {periode.label} bertanggal {fmt.tanggal(tanggal)}, sebelum "
                    f"triwulan itu dimulai ({fmt.tanggal(mulai)})", tanggal.isoformat(),
                    "--tanggal")
            # a point value's year figure, used from the quarter of its release on, did
            # not exist before it (a TW IV dated 15 October would use November's Sakernas)
            for definisi in REGISTRI.values():
                if definisi.bulan_rilis is None:
                    continue
                tersedia = periode_tersedia(periode, definisi.bulan_rilis)
                rilis = date(tersedia.tahun, definisi.bulan_rilis, 1)
                if tersedia.tahun == periode.tahun and tanggal < rilis:
                    raise ParameterError(
                        f"laporan {periode.label} bertanggal {fmt.tanggal(tanggal)}, padahal "
                        f"angka {definisi.kode} tahun {periode.tahun} yang dipakai triwulan "
                        f"itu baru terbit {fmt.tanggal(rilis)}; beri tanggal sesudahnya",
                        tanggal.isoformat(), "--tanggal")


def _periksa_semua_periode(data, daftar) -> None:
    """Every requested period must be computable before any report is written."""
    import dataclasses

    from .hitung import periksa_periode
    from .triwulan import periksa_triwulan

    masalah: list[Masalah] = []
    for periode in daftar:
        temuan = periksa_periode(data, periode) if periode.tahunan else periksa_triwulan(
            data, periode)
        if len(daftar) > 1 or not periode.tahunan:
            # which report needs it: in a range, "tidak ada data untuk tahun 2025" is only
            # TW IV's (the year's Sakernas and RB index come out late in the year)
            temuan = [m if periode.label in m.pesan else
                      dataclasses.replace(m, pesan=f"{periode.label}: {m.pesan}")
                      for m in temuan]
        masalah += temuan
    if masalah:
        raise DataIKUError(masalah)


def _pesan_galat_lain(e: BaseException) -> str:
    """An Indonesian sentence for an unexpected failure: what happened, what to do."""
    from .pdf import PdfEngineError

    if isinstance(e, PdfEngineError):
        return f"GALAT: {e}"
    # which path: "(File exists)" or "(Read-only file system)" alone leaves the operator
    # guessing which folder to look at
    # (link(a, b) names b, the file being made, as filename2)
    di = (f", berkas {e.filename2 or e.filename}"
          if isinstance(e, OSError) and (e.filename2 or e.filename) else "")
    if isinstance(e, OSError) and e.errno == errno.ENOSPC:
        return (f"GALAT: disk penuh saat menulis laporan ({e.strerror}{di}). Kosongkan ruang "
                "disk lalu jalankan ulang; laporan sebelumnya tidak diubah.")
    if type(e).__name__ in ("BrokenProcessPool", "DeadKernelError"):
        # a worker or a notebook kernel killed from outside: most often the OOM killer
        return ("GALAT: proses pembuat laporan atau kernel notebook berhenti mendadak "
                "(dihentikan paksa, atau memori habis). Tidak ada laporan yang dipasang; "
                "jalankan ulang, dengan lebih sedikit tahun sekaligus bila memori terbatas. "
                "Laporan sebelumnya tidak diubah.")
    if isinstance(e, MemoryError):
        return ("GALAT: memori tidak cukup untuk memproses data ini. Kecilkan masukan atau "
                "jalankan di mesin yang lebih besar; laporan sebelumnya tidak diubah.")
    if isinstance(e, OSError):
        return (f"GALAT: berkas tidak dapat dibaca atau ditulis ({e.strerror or e}{di}). "
                "Periksa izin dan ruang disk; laporan sebelumnya tidak diubah.")
    return ("GALAT: laporan tidak dapat dibuat karena kesalahan internal. Jalankan ulang dengan "
            "IKU_DEBUG=1 untuk rincian teknis dan laporkan kepada pengelola aplikasi. Laporan "
            "sebelumnya tidak diubah.")


def main(argv: list[str] | None = None) -> int:
    # jsonschema (imported by nbformat) builds an unused URI grammar at import time: about
    # 1 s in every report process. Defer it before anything imports nbformat.
    from ._impor_cepat import tunda_rfc3987_syntax

    tunda_rfc3987_syntax()
    atur_log()
    signal.signal(signal.SIGTERM, _tangani_sigterm)
    stdout_tertutup = _stdout_ke_devnull_bila_tertutup()
    if (lalu := sys.modules.get("iku_helpers.jalankan")) is not None:
        lalu.TERPASANG.clear()  # (main called again in one process: a new run)
    snapshot = kernel = None
    sinyal = None
    try:
        args = _parser().parse_args(argv)
        data_dir = _periksa_folder(Path(args.data_dir), "--data-dir", tulis=False)
        output_dir = _periksa_folder(Path(args.output_dir), "--output-dir", tulis=True)
        tanggal = _periksa_tanggal(args.tanggal)
        if args.tahun and args.triwulan:
            raise ParameterError("pilih salah satu: --tahun atau --triwulan", nama="iku-report")
        monev = bool(args.triwulan)
        if _satu_laporan(args):
            # Before pandas & co. are even imported here: the kernel boots and imports the
            # report's modules while this process loads and validates the data.
            from .mesin_papermill import KernelSiap

            kernel = KernelSiap("monev" if monev else args.jenis).mulai()
        from . import jalankan
        from .data_iku import muat_data
        from .indikator.periode import Periode
        from .snapshot import simpan_snapshot

        daftar = _daftar_triwulan(args.triwulan) if monev else None
        log.info("Memuat dan memeriksa data dari %s", data_dir)
        data = muat_data(data_dir)
        if not monev:
            daftar = [Periode(t) for t in _daftar_tahun(args.tahun, data, tanggal)]
        _periksa_tanggal_periode(tanggal, daftar)
        _periksa_semua_periode(data, daftar)
        from .laporan_narasi import baca_narasi

        for periode in daftar:  # a broken narrative file fails here (exit 2), not in a kernel
            baca_narasi(data_dir, periode.tahun)
        if data.ada_data_contoh:
            log.warning("Sebagian data berstatus 'contoh': laporan ditandai DATA CONTOH")
        snapshot = jalankan.folder_snapshot(output_dir, tanggal)
        simpan_snapshot(data, snapshot, tanggal)
        sebelumnya, terbit = {}, {}
        if monev:
            from .triwulan import cari_snapshot_sebelumnya, cari_snapshot_terbit

            sebelumnya = {p: cari_snapshot_sebelumnya(output_dir, p.kode) for p in daftar}
            terbit = {p: cari_snapshot_terbit(output_dir, p) for p in daftar}
        konteks = [jalankan.KonteksJalan(periode=p, data_dir=data_dir, snapshot=snapshot,
                                         output_dir=output_dir, tanggal=tanggal,
                                         sha256={s.kunci: s.sha256 for s in data.sumber},
                                         jenis="monev" if monev else args.jenis,
                                         snapshot_sebelumnya=sebelumnya.get(p),
                                         snapshot_terbit=terbit.get(p, {}))
                   for p in daftar]
        semua = jalankan.buat_banyak_laporan(konteks, jalankan.muat_snapshot(snapshot),
                                             kernel=kernel)
    except DataIKUError as e:
        log.error("Laporan tidak dibuat karena data atau parameter tidak valid.")
        jenis = "PARAMETER" if isinstance(e, ParameterError) else "DATA"
        print(f"GALAT {jenis}: {e}", file=sys.stderr)
        return KODE_GALAT_DATA
    except (Dihentikan, KeyboardInterrupt) as e:
        sinyal = e
        semua = _sudah_terpasang()
        if not semua:
            if isinstance(e, Dihentikan):
                log.error("Proses dihentikan (SIGTERM); tidak ada laporan setengah jadi yang "
                          "tertinggal.")
                return 128 + signal.SIGTERM
            log.error("Proses dibatalkan; tidak ada laporan setengah jadi yang tertinggal.")
            return 130
    except Exception as e:  # noqa: BLE001 - the user gets a message, not a traceback
        if os.environ.get("IKU_DEBUG"):
            log.exception("Rincian teknis (IKU_DEBUG)")
        print(_pesan_galat_lain(e), file=sys.stderr)
        return KODE_GALAT_LAIN
    finally:
        try:
            if kernel is not None:
                kernel.tutup()   # (a stop arriving in it is raised when it is done)
        except (Dihentikan, KeyboardInterrupt) as e:
            # the run has already ended (its exit code stands); a stop now is only said
            sinyal = e
            log.warning("Sinyal penghentian diterima saat kernel ditutup di akhir proses.")
        finally:
            if snapshot is not None:
                jalankan.hapus_folder_kerja(snapshot.parent)
    # done: a stop now would only turn a finished run into a "failed" one
    lama = {n: signal.signal(n, signal.SIG_IGN) for n in (signal.SIGTERM, signal.SIGINT)}
    try:
        if sinyal is not None:
            log.warning("Sinyal penghentian diterima setelah semua laporan terpasang; laporan "
                        "lengkap dan tidak dihapus.")
        if stdout_tertutup:
            log.warning("stdout tertutup; daftar berkas tidak dicetak: %s",
                        ", ".join(str(p) for p in semua))
        else:
            _cetak_jalur(semua)
        log.info("Selesai: %d berkas ditulis", len(semua))
    finally:
        for n, h in lama.items():  # (main may be called again in the same process)
            signal.signal(n, h)
    return KODE_SUKSES


def _sudah_terpasang() -> list[Path]:
    """The files this run put in place, when a stop arrived only after that."""
    jalankan = sys.modules.get("iku_helpers.jalankan")
    return list(jalankan.TERPASANG) if jalankan is not None else []


def _stdout_ke_devnull_bila_tertutup() -> bool:
    """A closed stdout (`iku-report ... >&-`) is given /dev/null: the kernels and workers
    this run starts inherit it, and one without a stdout dies at start. True when it was
    closed (the paths are then logged instead of printed)."""
    try:
        os.fstat(1)
        return False
    except OSError:
        pass
    fd = os.open(os.devnull, os.O_WRONLY)
    if fd != 1:
        os.dup2(fd, 1)
        os.close(fd)
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 - fd 1 for the process's life
    return True


def _cetak_jalur(semua: list[Path]) -> None:
    """Each written path on stdout, one per line, as the file system names it (bytes, so a
    folder named 'laporan-é' prints under LC_ALL=C too). The reports are in place by now:
    a stdout that cannot be written (closed, a full disk under a cron log) is said in the
    log, and the run still succeeds, so that a retry does not make a second set."""
    try:
        keluar = getattr(sys.stdout, "buffer", None)
        if keluar is None:  # a text-only stream (an embedding program, a test's capture)
            for p in semua:
                print(p, file=sys.stdout)
        else:
            sys.stdout.flush()
            for p in semua:
                keluar.write(os.fsencode(p) + b"\n")
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError) as e:
        log.warning("Daftar berkas tidak dapat ditulis ke stdout (%s); laporan sudah tersimpan: "
                    "%s", e, ", ".join(str(p) for p in semua))


def _tangani_sigterm(signum, frame):  # noqa: ARG001
    raise Dihentikan()


if __name__ == "__main__":
    sys.exit(main())
