"""One run of the report: its context, one validated snapshot, the outputs, linked into
place.

    konteks = siapkan_konteks(data, periode, output_dir, tanggal, snapshot)
    buat_laporan(konteks)          # -> the four files' final paths

A run loads and validates the data folder once (``muat_data``) and writes a snapshot of
the validated data (``simpan_snapshot``: the DataIKU itself, each table as Parquet, the
SHA-256 of every source, the narrative files) into a work folder. Every output of the
run, the executed notebook included, is made from that snapshot, so a file saved in the
data folder while the run works cannot make the PDF and the CSV/XLSX disagree.

Files are made in a hidden work folder inside the dated folder (no lock held, so several
years can be made at once); the folder lock is taken only to choose a name no earlier
report uses and to link the finished files into place. A failed, killed or concurrent
run never leaves a half-written report and never overwrites an earlier one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from .data_iku import DataIKU
from .errors import Dihentikan
from .indikator.periode import Periode
from .mesin_papermill import KernelSiap, jalankan_notebook
from .snapshot import muat_snapshot

log = logging.getLogger("iku_report")

PREFIKS_KERJA = ".kerja-"


#: The notebook each kind of report is made from.
NOTEBOOK = {"lkjip": "laporan_iku.ipynb", "ringkas": "laporan_iku.ipynb",
            "monev": "monev_iku.ipynb"}


def notebook_laporan(jenis: str = "lkjip") -> Path:
    """The report notebook shipped inside the package (found through importlib.resources,
    so a wheel or a non-editable install finds it too)."""
    return Path(str(resources.files("iku_helpers") / "notebook" / NOTEBOOK[jenis]))


#: File stem of the report (PDF, notebook) per ``jenis``: the LKjIP keeps the main name.
STEM_LAPORAN = {"lkjip": "laporan-iku", "ringkas": "laporan-ringkas-iku"}


@dataclass(frozen=True)
class KonteksJalan:
    """Everything one report run needs, fixed before it starts."""

    periode: Periode
    data_dir: Path            # the data folder as the user named it
    snapshot: Path            # the validated snapshot every output is made from
    output_dir: Path
    tanggal: date
    sha256: dict[str, str] = field(default_factory=dict)   # input -> SHA-256
    jenis: str = "lkjip"      # lkjip (annual) | ringkas (short annual) | monev (a quarter)
    snapshot_sebelumnya: Path | None = None   # monev: an earlier run's snapshot to compare
    # monev: the published snapshot of each earlier quarter of the year (period code -> path)
    snapshot_terbit: dict[str, Path] = field(default_factory=dict)

    @property
    def tahun(self) -> int:
        return self.periode.tahun

    @property
    def nama_dasar(self) -> dict[str, str]:
        """File stems of this run's outputs, by kind."""
        kode = self.periode.kode
        if self.jenis == "monev":
            return {"laporan": f"laporan-monev-iku-{kode}", "capaian": f"capaian-iku-{kode}",
                    "snapshot": f"snapshot-iku-{kode}"}
        # a ringkas's tables are named as its own: made beside the year's LKjIP they are
        # neither a re-run of the LKjIP's tables nor the cause of a "-2" on either set
        jenis = "" if self.jenis == "lkjip" else f"{self.jenis}-"
        return {"laporan": f"{STEM_LAPORAN[self.jenis]}-{kode}",
                "capaian": f"capaian-{jenis}iku-{kode}",
                "anggaran": f"anggaran-{jenis}iku-{kode}"}

    @property
    def parameter_notebook(self) -> dict:
        if self.jenis == "monev":
            return {"periode": self.periode.kode, "data_dir": str(self.snapshot),
                    "tanggal": self.tanggal.isoformat(),
                    "snapshot_sebelumnya": str(self.snapshot_sebelumnya or ""),
                    "snapshot_terbit": {k: str(v) for k, v in self.snapshot_terbit.items()},
                    "dari_snapshot": True}
        return {"tahun": self.tahun, "data_dir": str(self.snapshot),
                "tanggal": self.tanggal.isoformat(), "jenis": self.jenis, "dari_snapshot": True}


# ------------------------------------------------------------------ one report
def _jalankan_notebook(konteks: KonteksJalan, keluar: Path, kernel: KernelSiap) -> None:
    """Execute the report notebook on the snapshot, on ``kernel`` (started ahead, see
    :class:`~iku_helpers.mesin_papermill.KernelSiap`). The kernel's own stderr goes to
    its kernel.log, not into the cron log; on failure its tail is logged."""
    try:
        jalankan_notebook(notebook_laporan(konteks.jenis), keluar, konteks.parameter_notebook,
                          kernel=kernel)
    except (Dihentikan, KeyboardInterrupt):
        raise  # stopped on purpose: the kernel's last words are not the cause
    except BaseException:
        ekor: list[str] = []
        if kernel.log_kernel is not None:  # (None once the kernel's folder is gone)
            try:
                ekor = [b for b in kernel.log_kernel.read_text(errors="replace").splitlines()
                        # ipykernel's start-up notice on loopback TCP, not the failure
                        if b.strip() and "without encryption" not in b][-15:]
            except OSError:
                pass
        if ekor:
            log.error("Keluaran kernel terakhir:\n%s", "\n".join(ekor))
        raise


def _panaskan_pdf() -> None:
    """Import and warm what turns the notebook into a PDF (nbconvert's exporter and its
    templates, WeasyPrint): about 1,5 s of the CLI's own work that can run while the
    kernel executes the notebook on the other core. Silent: it runs while the kernel's
    stderr is redirected."""
    try:
        import nbformat

        from .pdf import notebook_ke_html

        notebook_ke_html(nbformat.v4.new_notebook())
        import weasyprint  # noqa: F401
    except Exception:  # noqa: BLE001 - only a warm-up: the PDF step reports its own errors
        pass


def buat_laporan(konteks: KonteksJalan, data: DataIKU | None = None,
                 kernel: KernelSiap | None = None) -> list[Path]:
    """Make one period's files from the run's snapshot, build then publish
    (:func:`rakit_laporan`, :func:`pasang_semua`); return their final paths."""
    return buat_banyak_laporan([konteks], data, kernel=kernel)


@dataclass(frozen=True)
class Rakitan:
    """One period's finished files, still in its hidden work folder: built, not yet in
    place (:func:`pasang_semua` links them in)."""

    konteks: KonteksJalan
    kerja: Path
    berkas: dict[tuple[str, str], Path]   # (kind, file stem) -> file; the PDF last

    def buang(self) -> None:
        hapus_folder_kerja(self.kerja)


def rakit_laporan(konteks: KonteksJalan, data: DataIKU | None = None,
                  kernel: KernelSiap | None = None) -> Rakitan:
    """Build one period's files in a hidden work folder (removed again on failure).

    The notebook runs on ``kernel``, a fresh kernel started ahead by the caller (the CLI
    starts it before loading the data), or else on one started here, before the
    snapshot is read and the indicators computed. Either way it is shut down once the
    notebook has run: a kernel never serves two reports.

    While the kernel executes the notebook (papermill, another process), this process
    writes the tables and warms the PDF toolchain on a second thread: the same work,
    about 2 s less waiting on two cores. The thread writes no log and prints nothing."""
    kernel = kernel if kernel is not None else KernelSiap(konteks.jenis).mulai()
    try:
        return _rakit(konteks, data, kernel)
    finally:
        kernel.tutup()


def _rakit(konteks: KonteksJalan, data: DataIKU | None, kernel: KernelSiap) -> Rakitan:
    from concurrent.futures import ThreadPoolExecutor

    import nbformat

    from . import keluaran, tabel_hasil
    from .hitung import hitung_iku

    data = data if data is not None else muat_snapshot(konteks.snapshot)
    tahun = (f"Tahun {konteks.tahun}" if konteks.periode.tahunan
             else konteks.periode.label)  # for the log
    log.info("Menghitung IKU %s", konteks.periode.label)
    monev = None
    if konteks.jenis == "monev":
        from .triwulan import hitung_monev

        monev = hitung_monev(data, konteks.periode)
        hasil = monev.hasil
    else:
        hasil = hitung_iku(konteks.periode, data)
    for p in hasil.peringatan:
        log.warning("Peringatan data: %s", p)
    folder = keluaran.folder_bertanggal(konteks.output_dir, konteks.tanggal)
    kerja = buat_folder_kerja(folder, konteks.periode.kode)
    # (kind, file stem) -> file in the work folder; the PDF last: it marks completion
    berkas = {("ipynb", "laporan"): kerja / "laporan.ipynb",
              ("csv", "capaian"): kerja / "capaian.csv",
              ("xlsx", "capaian"): kerja / "capaian.xlsx"}

    def tulis_tabel() -> None:
        # a quarter's CSV carries its status and which year's data each IKU holds
        tabel_hasil.tulis_csv(hasil.tabel if monev is None else monev.tabel_capaian,
                              berkas["csv", "capaian"], hasil.data)
        if monev is not None:
            from .triwulan import bandingkan_snapshot, revisi_triwulan, tulis_xlsx_monev

            perubahan = (bandingkan_snapshot(konteks.snapshot_sebelumnya, konteks.snapshot,
                                             konteks.periode)
                         if konteks.snapshot_sebelumnya else None)
            tulis_xlsx_monev(monev, berkas["xlsx", "capaian"], konteks.sha256, perubahan,
                             tanggal=konteks.tanggal, revisi=revisi_triwulan(
                                 data, konteks.periode, konteks.snapshot_terbit))
            # the frozen evidence: this run's snapshot, kept beside the report
            berkas["folder", "snapshot"] = kerja / "snapshot"
            shutil.copytree(konteks.snapshot, berkas["folder", "snapshot"],
                            copy_function=_tautkan)
        else:
            tabel_hasil.tulis_xlsx_hasil(hasil, berkas["xlsx", "capaian"],
                                         tanggal=konteks.tanggal)
            if tabel_hasil.tulis_csv_anggaran(hasil, kerja / "anggaran.csv"):
                berkas["csv", "anggaran"] = kerja / "anggaran.csv"
        _panaskan_pdf()

    try:
        log.info("%s: menulis tabel hasil (CSV, XLSX) dan menjalankan notebook laporan "
                 "dengan papermill", tahun)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tabel") as samping:
            tabel_selesai = samping.submit(tulis_tabel)
            try:
                _jalankan_notebook(konteks, berkas["ipynb", "laporan"], kernel)
            except (Dihentikan, KeyboardInterrupt):
                raise  # stopped on purpose: no notebook failed
            except BaseException:
                _simpan_notebook_gagal(folder, konteks, berkas["ipynb", "laporan"])
                raise
            finally:
                kernel.tutup()  # its memory is free before WeasyPrint starts
                tabel_gagal = tabel_selesai.exception()  # waits; never leaves it running
            if tabel_gagal is not None:
                raise tabel_gagal
        log.info("%s: mengubah notebook menjadi PDF (nbconvert + WeasyPrint)", tahun)
        from .pdf import html_ke_pdf, notebook_ke_html

        t0 = time.perf_counter()
        nb = nbformat.read(berkas["ipynb", "laporan"], as_version=4)
        nb.metadata["title"] = (
            f"Laporan Monitoring dan Evaluasi Capaian IKU {konteks.periode.label} — "
            f"{data.instansi}" if monev is not None else
            ("Laporan Kinerja Instansi Pemerintah" if konteks.jenis == "lkjip" else
             "Laporan Capaian Indikator Kinerja Utama")
            + f" Tahun {konteks.tahun} — {data.instansi}")
        html = notebook_ke_html(nb)
        berkas["pdf", "laporan"] = kerja / "laporan.pdf"
        for pesan in html_ke_pdf(html, berkas["pdf", "laporan"]):
            log.warning("WeasyPrint: %s", pesan)
        log.info("%s: PDF selesai dalam %.1f detik", tahun, time.perf_counter() - t0)
        return Rakitan(konteks, kerja, berkas)
    except BaseException:
        hapus_folder_kerja(kerja)
        raise


def pasang_semua(daftar: list[Rakitan]) -> list[Path]:
    """Link every period's finished files into place, under one lock on the dated folder
    and under names no earlier report uses: all of them, or (on any failure, a full disk,
    a signal) none. A range of years is published only once every year is built."""
    from . import keluaran

    if not daftar:
        return []
    folder = keluaran.folder_bertanggal(daftar[0].konteks.output_dir, daftar[0].konteks.tanggal)
    terpasang: list[Path] = []
    # SIGTERM / Ctrl-C wait until every file is in place or taken back: a signal between a
    # link and its record, or during the taking back, would leave a file behind
    with keluaran.kunci_folder(folder), _sinyal_ditahan():
        bersihkan_kerja_lama(folder)
        try:
            for rakitan in daftar:
                _pasang(folder, rakitan, terpasang)
        except BaseException:
            for path in reversed(terpasang):  # ours: linked or renamed in by this run
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        os.unlink(path)
            raise
        # before the held signals are let through: a stop arriving now finds the run done
        TERPASANG[:] = terpasang
    return terpasang


#: What the last successful :func:`pasang_semua` of this process put in place: a signal
#: that arrives after it (while work folders are removed) must not turn a finished run
#: into a failed one (a retry would make a second set); the CLI reads it.
TERPASANG: list[Path] = []


@contextlib.contextmanager
def _sinyal_ditahan():
    """Hold SIGTERM and SIGINT (delivered when the block ends) in the main thread."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    lama = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, lama)


def _pasang(folder: Path, rakitan: Rakitan, terpasang: list[Path]) -> None:
    """Link one period's files into place (the PDF last), each path appended to
    ``terpasang`` as soon as it exists, so that a failure can take them all back."""
    from . import keluaran

    konteks = rakitan.konteks
    nama = konteks.nama_dasar
    akhiran = keluaran.pilih_akhiran(folder, list(nama.values()))
    if akhiran:
        log.info("Laporan %s sudah ada di %s; laporan baru ditulis di sampingnya dengan "
                 "akhiran '%s' (laporan lama tidak diubah)", konteks.periode.label, folder,
                 akhiran)
    for (jenis, stem), sumber in rakitan.berkas.items():  # in order: the PDF last
        if jenis == "folder":  # the snapshot: renamed into place, before the PDF
            tujuan = folder / f"{nama[stem]}{akhiran}"
            os.rename(sumber, tujuan)
        else:
            tujuan = folder / f"{nama[stem]}{akhiran}.{jenis}"
            _tautkan_baru(sumber, tujuan)
        terpasang.append(tujuan)


def _tautkan_baru(sumber: Path, tujuan: Path) -> None:
    """Put a finished file at ``tujuan``, never over an existing file: a hard link (atomic),
    or where the file system has none (FAT, exFAT, some network shares) an exclusive
    create and a copy."""
    try:
        os.link(sumber, tujuan)  # fails rather than overwrite
        return
    except OSError as e:
        from .keluaran import TANPA_TAUTAN_KERAS

        if e.errno not in TANPA_TAUTAN_KERAS:
            raise
    with open(sumber, "rb") as asal, open(tujuan, "xb") as ke:
        try:
            shutil.copyfileobj(asal, ke)
        except BaseException:
            ke.close()
            os.unlink(tujuan)
            raise


def _tautkan(asal: str, tujuan: str) -> None:
    """Copy a snapshot file by a hard link (same disk, no extra space), else copy it."""
    try:
        os.link(asal, tujuan)
    except OSError:
        shutil.copy2(asal, tujuan)


def _simpan_notebook_gagal(folder: Path, konteks: KonteksJalan, notebook: Path) -> None:
    """Keep a failed executed notebook for debugging, under a name that says so."""
    from . import keluaran

    if not notebook.exists():
        return
    try:
        json.loads(notebook.read_bytes())
    except (OSError, ValueError):  # cut short (a full disk): nothing to read in it
        log.error("Notebook yang gagal tidak utuh (disk penuh?) dan tidak disimpan.")
        return
    stem = f"{konteks.nama_dasar['laporan']}-GAGAL"
    with keluaran.kunci_folder(folder):
        akhiran = keluaran.pilih_akhiran(folder, [stem])
        gagal = folder / f"{stem}{akhiran}.ipynb"
        _tautkan_baru(notebook, gagal)
    log.error("Notebook yang gagal disimpan untuk pemeriksaan: %s", gagal)


def _pid_hidup(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


#: Work folders this process made, each with the descriptor that holds its lock.
_KERJA_TERKUNCI: dict[Path, int] = {}


#: The lock file inside a work folder (a regular file opened for writing: flock on NFS
#: needs that, a directory opened read-only is refused there).
KUNCI_KERJA = ".kunci-kerja"


def buat_folder_kerja(folder: Path, nama: str) -> Path:
    """A hidden work folder in the dated folder, held with an exclusive lock on its
    ``.kunci-kerja`` for as long as this process lives: how another run, in another PID
    namespace or container sharing the output folder, tells it is in use.

    It is made and locked under a name cleanup does not look at, then renamed (the lock
    stays with the file): no other run can find it unlocked in between. Where the file
    system has no locks the folder is made all the same, and cleanup falls back to the
    PID in its name."""
    import fcntl

    baru = Path(tempfile.mkdtemp(prefix=f"{PREFIKS_KERJA}{os.getpid()}-{nama}-",
                                 suffix=".baru", dir=folder))
    fd = None
    try:
        fd = os.open(baru / KUNCI_KERJA, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # no locks here (ENOLCK, EOPNOTSUPP, ...): the PID rule remains
            os.close(fd)
            fd = None
        kerja = baru.with_name(baru.name[: -len(".baru")] + ".sementara")
        os.rename(baru, kerja)
    except BaseException:
        if fd is not None:
            os.close(fd)
        shutil.rmtree(baru, ignore_errors=True)
        raise
    if fd is not None:
        _KERJA_TERKUNCI[kerja] = fd
    return kerja


def hapus_folder_kerja(kerja: Path) -> None:
    """Remove a work folder and release its lock (if this process holds it)."""
    shutil.rmtree(kerja, ignore_errors=True)
    fd = _KERJA_TERKUNCI.pop(Path(kerja), None)
    if fd is not None:
        os.close(fd)


def _dipakai(entri: Path) -> bool | None:
    """Whether a live process holds the work folder's lock: True, False, or None when
    that cannot be told (an older folder without the lock file, a file system without
    locks). Anything but a plain folder is left alone (True): opening a FIFO would hang."""
    import fcntl
    import stat as st

    try:
        if not st.S_ISDIR(os.lstat(entri).st_mode):
            return True
        fd = os.open(entri / KUNCI_KERJA, os.O_RDWR | os.O_NONBLOCK | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError:
        return True
    try:
        if not st.S_ISREG(os.fstat(fd).st_mode):
            return True
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return None
    finally:
        os.close(fd)  # (closing releases the lock just taken)
    return False


def bersihkan_kerja_lama(folder: Path) -> None:
    """Remove work folders and temporary files left by killed runs, never a live one's:
    a folder whose lock a process holds is in use, whatever its PID says here (the hunt
    had a run in another PID namespace delete a live run's folder), and one whose lock
    nobody holds is a dead run's. Where that cannot be told (a folder made before these
    locks, a file system without them) it is judged by the PID in its name, as before.
    (A ``.baru`` folder, being made and locked, is never looked at.)"""
    from . import keluaran

    for entri in folder.glob(f"{PREFIKS_KERJA}*.sementara"):
        if entri in _KERJA_TERKUNCI:
            continue
        dipakai = _dipakai(entri)
        if dipakai:
            continue
        try:
            pid = int(entri.name[len(PREFIKS_KERJA):].split("-", 1)[0])
        except ValueError:
            pid = -1
        if dipakai is False or (pid != os.getpid() and (pid <= 0 or not _pid_hidup(pid))):
            shutil.rmtree(entri, ignore_errors=True)
    for entri in folder.glob(f"{PREFIKS_KERJA}*.baru"):  # killed while being made
        with contextlib.suppress(OSError):
            if time.time() - os.lstat(entri).st_mtime > 3600:
                shutil.rmtree(entri, ignore_errors=True)
    keluaran.bersihkan_sementara(folder, umur_minimal=3600)


# ------------------------------------------------------------------ several reports
def _siapkan_pekerja() -> None:
    """A batch worker: SIGTERM stops it cleanly (its kernel shut down, its work folder
    removed); Ctrl-C is the parent's to handle (it stops the workers with SIGTERM), not
    a traceback per worker; and a worker whose parent is gone (SIGKILL, the OOM killer)
    stops itself instead of building reports nobody will publish."""
    import threading

    signal.signal(signal.SIGTERM, _sigterm_pekerja)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    induk = os.getppid()

    def jaga() -> None:
        while os.getppid() == induk:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)
        # still here after a grace (nbclient holds SIGTERM while a cell runs, or the
        # worker is blocked on the dead parent's queue): go; its kernel notices on its own
        time.sleep(5)
        os._exit(1)

    threading.Thread(target=jaga, name="jaga-induk", daemon=True).start()


_DALAM_TUGAS = False   # a batch worker: building a period now (else idle, between tasks)
_BERHENTI = False      # a batch worker: a SIGTERM has come; it takes no further period


def _sigterm_pekerja(signum, frame):  # noqa: ARG001
    """SIGTERM in a batch worker: stop the period being built (its kernel shut down, its
    work folder removed); an idle worker just exits, without a traceback. A second
    SIGTERM (the process group's and the parent's both arrive) lets that clean-up
    finish instead of breaking into it."""
    global _BERHENTI
    if _BERHENTI:
        return
    _BERHENTI = True
    if _DALAM_TUGAS:
        raise Dihentikan()
    os._exit(128 + signal.SIGTERM)


def _rakit_proses(konteks: KonteksJalan) -> Rakitan:
    """One period's files built in a worker process (batch runs use every core); the
    parent publishes them. Its kernel (which inherits the environment) saves the charts
    in one process: the cores are already shared by the batch's reports, and a second
    chart process would only add work."""
    from .cli import atur_log
    from .laporan_tampilan import ENV_GRAFIK_SATU_PROSES

    global _DALAM_TUGAS
    os.environ[ENV_GRAFIK_SATU_PROSES] = "1"
    atur_log()
    _DALAM_TUGAS = True
    try:
        return rakit_laporan(konteks)
    finally:
        _DALAM_TUGAS = False
        if _BERHENTI:  # stopped: not the next queued period (the pool queues one ahead)
            os._exit(128 + signal.SIGTERM)


def _hentikan_pekerja(pelaksana) -> None:
    """Cancel the periods not started and stop the running workers now (SIGTERM, then
    SIGKILL after 30 s): leaving the pool's ``with`` block would otherwise wait for them
    and run the queued periods too."""
    # read before shutdown(), which forgets them (CPython's pool keeps them in _processes)
    proses = list((getattr(pelaksana, "_processes", None) or {}).values())
    pelaksana.shutdown(wait=False, cancel_futures=True)
    for p in proses:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in proses:
        with contextlib.suppress(Exception):
            p.join(30)
            if p.is_alive():
                p.kill()


def _jumlah_inti() -> int:
    """The cores this process may run on (taskset, a container's cpuset), not the
    machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def buat_banyak_laporan(daftar: list[KonteksJalan], data: DataIKU | None = None,
                        jumlah_proses: int | None = None,
                        kernel: KernelSiap | None = None) -> list[Path]:
    """Reports for several periods, built in parallel over the machine's cores and
    published together once every one is built (:func:`pasang_semua`): a failure, a
    signal or a killed worker publishes none. ``kernel``, a kernel started ahead, runs
    the first period's notebook when the periods are made one after another; it is shut
    down in any case."""
    jumlah_proses = jumlah_proses or min(len(daftar), _jumlah_inti())
    rakitan: list[Rakitan] = []
    try:
        if len(daftar) == 1 or jumlah_proses == 1:
            for i, konteks in enumerate(daftar):
                rakitan.append(rakit_laporan(konteks, data, kernel if i == 0 else None))
            return pasang_semua(rakitan)
        if kernel is not None:
            kernel.tutup()  # each worker process starts its own
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        log.info("Membuat %d laporan dengan %d proses", len(daftar), jumlah_proses)
        with ProcessPoolExecutor(jumlah_proses, mp_context=get_context("spawn"),
                                 initializer=_siapkan_pekerja) as pelaksana:
            tugas = [pelaksana.submit(_rakit_proses, k) for k in daftar]
            try:
                for t in tugas:
                    rakitan.append(t.result())
                # inside the block: the workers (and their work folders) are still alive
                return pasang_semua(rakitan)
            except BaseException:
                _hentikan_pekerja(pelaksana)
                for t in tugas:  # built, but not collected before the failure
                    if t.done() and not t.cancelled() and t.exception() is None \
                            and t.result() not in rakitan:
                        rakitan.append(t.result())
                raise
    finally:
        for r in rakitan:
            r.buang()


def folder_snapshot(output_dir: Path, tanggal: date) -> Path:
    """A fresh work folder for the run's snapshot inside the dated output folder."""
    from . import keluaran

    folder = keluaran.folder_bertanggal(output_dir, tanggal)
    return buat_folder_kerja(folder, "snapshot") / "snapshot"
