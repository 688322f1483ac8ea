"""Safe writing of report outputs: dated folders, names that never collide, atomic files.

Protocol for one run (what the CLI should do)::

    folder = folder_bertanggal(OUTPUTS_DIR, date.today())
    with kunci_folder(folder):                      # one run at a time per folder
        bersihkan_sementara(folder)                 # leftovers of killed runs
        akhiran = pilih_akhiran(folder, ["laporan-iku-2025", "capaian-iku-2025"])
        tulis_atomik(folder / f"capaian-iku-2025{akhiran}.csv", teks_csv)
        with berkas_sementara(folder / f"laporan-iku-2025{akhiran}.pdf") as sementara:
            ...write sementara...                   # moved into place on success

Execute the notebook (slow) before taking the lock; hold the lock from choosing
the suffix until every file of the run is in place.

Never overwriting: a finished temporary file is published with ``os.link`` (atomic,
fails with FileExistsError if the target exists) and then unlinked. On file systems
without hard links (some network or FAT mounts) it falls back to check-then-replace,
whose race window is closed by ``kunci_folder``. Locks are ``fcntl.flock`` locks, so
POSIX only, and not re-entrant: do not nest ``kunci_folder`` on the same folder.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

PENANDA_SEMENTARA = ".sementara"
NAMA_KUNCI = ".kunci"
BATAS_NOMOR = 10_000


def folder_bertanggal(output_dir: str | os.PathLike, tanggal: date) -> Path:
    """Return ``<output_dir>/<YYYY-MM-DD>/``, created if missing."""
    folder = Path(output_dir) / tanggal.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pilih_akhiran(folder: str | os.PathLike, nama_dasar: Iterable[str]) -> str:
    """Return "", "-2", "-3", ... so that no file ``<nama><akhiran>`` or
    ``<nama><akhiran>.<anything>`` exists in ``folder`` for any of ``nama_dasar``
    (stems without extension, e.g. ``["laporan-iku-2025", "capaian-iku-2025"]``).

    One suffix for the whole set keeps the files of one run together.
    """
    dasar = list(nama_dasar)
    if not dasar or any(not n or "/" in n or os.sep in n for n in dasar):
        raise ValueError(f"Nama dasar berkas tidak sah: {dasar!r}")
    try:
        ada = set(os.listdir(folder))
    except FileNotFoundError:
        ada = set()

    def terpakai(nama: str) -> bool:
        return nama in ada or any(e.startswith(nama + ".") for e in ada)

    for nomor in range(1, BATAS_NOMOR):
        akhiran = "" if nomor == 1 else f"-{nomor}"
        if not any(terpakai(n + akhiran) for n in dasar):
            return akhiran
    raise RuntimeError(f"Terlalu banyak berkas keluaran bernama sama di folder {folder}")


def _nama_sementara(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{PENANDA_SEMENTARA}")


#: What link() says where a file system has no hard links (FAT, exFAT, SMB shares: EPERM
#: or EOPNOTSUPP; FUSE mounts such as sshfs: ENOSYS; a link limit reached: EMLINK).
TANPA_TAUTAN_KERAS = (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS,
                      errno.EMLINK)


def _terbitkan(sementara: Path, path: Path, timpa: bool) -> None:
    if timpa:
        os.replace(sementara, path)
        return
    try:
        os.link(sementara, path)
    except FileExistsError:
        raise FileExistsError(
            errno.EEXIST, "Berkas keluaran sudah ada dan tidak akan ditimpa", str(path)
        ) from None
    except OSError as exc:  # no hard links here: check-then-replace (see module doc)
        if exc.errno not in TANPA_TAUTAN_KERAS:
            raise
        if path.exists():
            raise FileExistsError(
                errno.EEXIST, "Berkas keluaran sudah ada dan tidak akan ditimpa", str(path)
            ) from None
        os.replace(sementara, path)
        return
    os.unlink(sementara)


@contextlib.contextmanager
def berkas_sementara(path: str | os.PathLike, *, timpa: bool = False) -> Iterator[Path]:
    """Yield an empty temporary file beside ``path`` (``.<name>.<random>.sementara``).

    On success it is synced and moved onto ``path``; on an exception it is deleted.
    An existing ``path`` is never overwritten unless ``timpa=True`` (FileExistsError).
    """
    path = Path(path)
    sementara = _nama_sementara(path)
    os.close(os.open(sementara, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # umask applies
    try:
        yield sementara
        with open(sementara, "rb+") as berkas:
            os.fsync(berkas.fileno())
        _terbitkan(sementara, path, timpa)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(sementara)


def tulis_atomik(path: str | os.PathLike, data: bytes | str, *, timpa: bool = False) -> Path:
    """Write ``data`` (str as UTF-8) to ``path`` all at once or not at all."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with berkas_sementara(path, timpa=timpa) as sementara:
        sementara.write_bytes(data)
    return Path(path)


@contextlib.contextmanager
def kunci_folder(folder: str | os.PathLike, *, tunggu: float | None = None) -> Iterator[Path]:
    """Hold an exclusive lock on ``<folder>/.kunci`` (other processes wait).

    ``tunggu`` = seconds to wait before TimeoutError; None waits indefinitely.
    """
    if fcntl is None:  # pragma: no cover
        raise RuntimeError("Penguncian folder memerlukan sistem POSIX (Linux/macOS).")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / NAMA_KUNCI, "a+b") as berkas:
        batas = None if tunggu is None else time.monotonic() + tunggu
        try:
            fcntl.flock(berkas.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            terkunci = True
        except BlockingIOError:
            terkunci = False
            # a silent wait looks like a hung run in a cron log: say what it waits for
            logging.getLogger("iku_report").info(
                "Menunggu folder %s: sedang dipakai proses iku-report lain (kunci %s)",
                folder, NAMA_KUNCI)
        while not terkunci:
            try:
                mode = fcntl.LOCK_EX | (0 if batas is None else fcntl.LOCK_NB)
                fcntl.flock(berkas.fileno(), mode)
                terkunci = True
            except BlockingIOError:
                if time.monotonic() >= batas:
                    raise TimeoutError(
                        f"Folder {folder} sedang dipakai proses lain (kunci {NAMA_KUNCI}); "
                        f"sudah menunggu {tunggu:g} detik."
                    ) from None
                time.sleep(0.05)
        try:
            yield folder
        finally:
            fcntl.flock(berkas.fileno(), fcntl.LOCK_UN)


def bersihkan_sementara(folder: str | os.PathLike, *, umur_minimal: float = 0.0) -> list[Path]:
    """Delete leftover ``.…sementara`` files (from killed runs) older than
    ``umur_minimal`` seconds; return what was deleted. Call it under ``kunci_folder``
    so a running writer's temporary file is not taken away."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    batas = time.time() - umur_minimal
    dihapus = []
    for entri in folder.iterdir():
        nama = entri.name
        if nama.startswith(".") and PENANDA_SEMENTARA in nama and entri.is_file():
            with contextlib.suppress(FileNotFoundError):
                if entri.stat().st_mtime <= batas:
                    entri.unlink()
                    dihapus.append(entri)
    return sorted(dihapus)
