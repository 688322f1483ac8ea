"""Faults during a real run: killed (SIGTERM), disk full, two runs at once.

Afterwards no half-written file sits where a finished one would be, earlier reports are
untouched, and the next run succeeds.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import salin_data_mini
from pypdf import PdfReader

from iku_helpers import cli, tabel_hasil

ROOT = Path(__file__).resolve().parents[1]
TANGGAL = "2026-11-27"

pytestmark = pytest.mark.integration


@pytest.fixture
def data(tmp_path) -> Path:
    return salin_data_mini(tmp_path / "data")


def _mulai(data: Path, keluar: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "iku_helpers", "--tahun", "2025", "--data-dir", str(data),
         "--output-dir", str(keluar), "--tanggal", TANGGAL],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _berkas_tampak(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


def _tunggu_notebook(proses: subprocess.Popen, folder: Path, detik: float) -> None:
    """Wait until a run (or one of its workers) is executing a report notebook."""
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        kerja = list(folder.glob(".kerja-*")) if folder.exists() else []
        if any((k / "laporan.ipynb").exists() for k in kerja):
            return
        time.sleep(0.05)
    proses.kill()
    pytest.fail("the run never reached the notebook step")


def test_sigterm_mid_run_leaves_nothing_half_written(data, tmp_path):
    keluar = tmp_path / "outputs"
    keluar.mkdir()
    proses = _mulai(data, keluar)
    folder = keluar / TANGGAL
    _tunggu_notebook(proses, folder, 120)
    proses.send_signal(signal.SIGTERM)
    _, galat = proses.communicate(timeout=120)
    assert proses.returncode == 128 + signal.SIGTERM, galat
    assert "SIGTERM" in galat
    tampak = _berkas_tampak(folder)
    assert not {n for n in tampak if not n.endswith("-GAGAL.ipynb")}, tampak
    assert not list(folder.glob(".kerja-*"))
    # the next run succeeds and takes the normal names
    ulang = _mulai(data, keluar)
    keluaran, galat = ulang.communicate(timeout=600)
    assert ulang.returncode == 0, galat
    assert (folder / "laporan-iku-2025.pdf").exists()
    assert len(PdfReader(folder / "laporan-iku-2025.pdf").pages) > 5


def test_two_runs_at_once_both_complete_under_distinct_names(data, tmp_path):
    keluar = tmp_path / "outputs"
    keluar.mkdir()
    proses = [_mulai(data, keluar), _mulai(data, keluar)]
    hasil = [p.communicate(timeout=600) for p in proses]
    assert [p.returncode for p in proses] == [0, 0], [h[1] for h in hasil]
    folder = keluar / TANGGAL
    harapan = {f"{s}-iku-2025{a}.{e}" for a in ("", "-2")
               for s, e in (("laporan", "pdf"), ("laporan", "ipynb"), ("capaian", "csv"),
                            ("capaian", "xlsx"), ("anggaran", "csv"))}   # mini has a budget
    assert _berkas_tampak(folder) == harapan
    for akhiran in ("", "-2"):
        assert len(PdfReader(folder / f"laporan-iku-2025{akhiran}.pdf").pages) > 5
    dicetak = sorted(Path(x).name for h in hasil for x in h[0].split())
    assert dicetak == sorted(harapan)


def test_disk_full_exits_1_and_writes_nothing(data, tmp_path, monkeypatch, capsys):
    keluar = tmp_path / "outputs"
    (keluar / TANGGAL).mkdir(parents=True)
    (keluar / TANGGAL / "laporan-iku-2025.pdf").write_bytes(b"%PDF lama")

    def penuh(hasil, path, **_):
        Path(path).write_bytes(b"PK\x03\x04 setengah")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tabel_hasil, "tulis_xlsx_hasil", penuh)
    kode = cli.main(["--tahun", "2025", "--data-dir", str(data), "--output-dir", str(keluar),
                     "--tanggal", TANGGAL])
    assert kode == 1
    assert "disk penuh" in capsys.readouterr().err
    folder = keluar / TANGGAL
    assert _berkas_tampak(folder) == {"laporan-iku-2025.pdf"}
    assert (folder / "laporan-iku-2025.pdf").read_bytes() == b"%PDF lama"
    assert not list(folder.glob(".kerja-*"))


def _mulai_rentang(data: Path, keluar: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "iku_helpers", "--tahun", "2022-2025", "--data-dir", str(data),
         "--output-dir", str(keluar), "--tanggal", TANGGAL],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True, preexec_fn=_sinyal_bawaan)


def _sinyal_bawaan() -> None:
    """In the child: SIGINT and SIGTERM as a terminal would deliver them. A test run
    started in the background of a non-interactive shell (`make test &`, some CI
    runners) has SIGINT ignored, and a Python started so never sees Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.mark.parametrize("sinyal", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("ke_grup", [False, True])
def test_a_stopped_range_publishes_nothing_then_or_later(data, tmp_path, sinyal, ke_grup):
    """A hunt stopped `--tahun 2022-2025` while its workers built the first two years:
    the run said "tidak ada laporan setengah jadi", yet 2024 and 2025 appeared ~10 s
    later (the pool ran the queued years), or all four (SIGTERM to the main process
    only, which waited for the pool). Now the workers are stopped at once and a range is
    published only when every year is built: nothing appears, then or later."""
    keluar = tmp_path / "outputs"
    keluar.mkdir()
    proses = _mulai_rentang(data, keluar)
    folder = keluar / TANGGAL
    _tunggu_notebook(proses, folder, 180)
    if ke_grup:   # systemd, timeout(1), Ctrl-C in a terminal: the whole process group
        os.killpg(proses.pid, sinyal)
    else:         # kill PID: the main process only
        proses.send_signal(sinyal)
    keluaran, galat = proses.communicate(timeout=120)
    assert proses.returncode == 128 + sinyal, galat
    assert keluaran == ""
    assert "Traceback" not in galat, galat
    time.sleep(15)  # a worker left running would publish by now
    tampak = _berkas_tampak(folder)
    assert not {n for n in tampak if not n.endswith("-GAGAL.ipynb")}, tampak
    if not ke_grup:
        # the workers were stopped by the parent, not by a dead kernel: no notebook
        # failed (they were kept as -GAGAL when the parent removed the snapshot under
        # workers it had not stopped), and every work folder is gone
        assert tampak == set(), tampak
        assert not list(folder.glob(".kerja-*")), list(folder.glob(".kerja-*"))
    with pytest.raises(ProcessLookupError):  # no worker or kernel of the run is left
        for _ in range(100):
            os.killpg(proses.pid, 0)
            time.sleep(0.1)


def test_a_failure_while_linking_takes_back_what_was_linked(tmp_path, monkeypatch):
    """The hunt failed the 6th link of a run (a full disk): the notebook, CSV, XLSX and
    budget CSV stayed in place without their PDF, and a consumer of the CSV would take it
    for a finished report. What a run linked is taken back when a later link fails,
    across all the periods published together."""
    from datetime import date

    from iku_helpers import jalankan
    from iku_helpers.indikator.periode import Periode

    keluar = tmp_path / "outputs"
    rakitan = []
    for tahun in (2024, 2025):
        kerja = tmp_path / f"kerja-{tahun}"
        kerja.mkdir()
        berkas = {}
        for jenis, stem in (("ipynb", "laporan"), ("csv", "capaian"), ("pdf", "laporan")):
            berkas[jenis, stem] = kerja / f"{stem}.{jenis}"
            berkas[jenis, stem].write_text(f"{tahun} {jenis}")
        konteks = jalankan.KonteksJalan(periode=Periode(tahun), data_dir=tmp_path,
                                        snapshot=tmp_path, output_dir=keluar,
                                        tanggal=date(2026, 11, 27))
        rakitan.append(jalankan.Rakitan(konteks, kerja, berkas))
    asli, dipanggil = jalankan._tautkan_baru, []

    def penuh(sumber, tujuan):
        dipanggil.append(tujuan)
        if len(dipanggil) == 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        asli(sumber, tujuan)

    monkeypatch.setattr(jalankan, "_tautkan_baru", penuh)
    with pytest.raises(OSError):
        jalankan.pasang_semua(rakitan)
    assert _berkas_tampak(keluar / TANGGAL) == set()
    monkeypatch.setattr(jalankan, "_tautkan_baru", asli)  # the next run: all of it
    assert [p.name for p in jalankan.pasang_semua(rakitan)] == [
        "laporan-iku-2024.ipynb", "capaian-iku-2024.csv", "laporan-iku-2024.pdf",
        "laporan-iku-2025.ipynb", "capaian-iku-2025.csv", "laporan-iku-2025.pdf"]


def test_without_hard_links_files_are_copied_never_over_another(tmp_path, monkeypatch):
    """On FAT, exFAT or some SMB shares link() fails with EPERM: every run failed
    ("Operation not permitted"). A finished file is then copied to a name created
    exclusively: never over an existing one."""
    from iku_helpers import jalankan

    def tanpa_link(*_):
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "link", tanpa_link)
    sumber = tmp_path / "laporan.pdf"
    sumber.write_bytes(b"%PDF baru")
    jalankan._tautkan_baru(sumber, tmp_path / "laporan-iku-2025.pdf")
    assert (tmp_path / "laporan-iku-2025.pdf").read_bytes() == b"%PDF baru"
    (tmp_path / "lama.pdf").write_bytes(b"%PDF lama")
    with pytest.raises(FileExistsError):
        jalankan._tautkan_baru(sumber, tmp_path / "lama.pdf")
    assert (tmp_path / "lama.pdf").read_bytes() == b"%PDF lama"


def test_a_notebook_cut_short_by_a_full_disk_is_not_kept_as_gagal(tmp_path):
    """A 700 KB tmpfs: the failed notebook was published as -GAGAL.ipynb, invalid JSON
    ("Unterminated string"), blaming the notebook for what the disk did."""
    from datetime import date

    from iku_helpers import jalankan
    from iku_helpers.indikator.periode import Periode

    konteks = jalankan.KonteksJalan(periode=Periode(2025), data_dir=tmp_path,
                                    snapshot=tmp_path, output_dir=tmp_path,
                                    tanggal=date(2026, 11, 27))
    folder = tmp_path / TANGGAL
    folder.mkdir()
    terpotong = tmp_path / "laporan.ipynb"
    terpotong.write_text('{"cells": [{"source": "abc')
    jalankan._simpan_notebook_gagal(folder, konteks, terpotong)
    assert _berkas_tampak(folder) == set()
    terpotong.write_text('{"cells": []}')  # a whole one is kept for debugging
    jalankan._simpan_notebook_gagal(folder, konteks, terpotong)
    assert _berkas_tampak(folder) == {"laporan-iku-2025-GAGAL.ipynb"}


@pytest.mark.parametrize("stdout", ["full", "ascii"])
def test_paths_that_cannot_be_printed_do_not_fail_a_finished_run(tmp_path, stdout, caplog):
    """`> /dev/full` (a cron log on a full disk), or LC_ALL=C with an output folder named
    'laporan-é': the finished report ended in a traceback and exit 1 after it was in
    place, so a retry made a second set. The paths go out as bytes; a stdout that cannot
    take them is logged, and the run succeeds."""
    import io

    from iku_helpers import cli

    laporan = tmp_path / "laporan-é" / "laporan-iku-2025.pdf"
    if stdout == "full":
        class Penuh(io.RawIOBase):
            def writable(self):
                return True

            def write(self, b):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        aliran = io.TextIOWrapper(io.BufferedWriter(Penuh()), encoding="utf-8")
    else:
        aliran = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    lama = sys.stdout
    sys.stdout = aliran
    try:
        cli._cetak_jalur([laporan])
        if stdout == "ascii":
            aliran.flush()
            assert aliran.buffer.getvalue() == os.fsencode(laporan) + b"\n"
    finally:
        sys.stdout = lama
    if stdout == "full":
        assert "Daftar berkas tidak dapat ditulis ke stdout" in caplog.text


def test_a_live_runs_work_folder_is_not_cleaned_whatever_its_pid_says(tmp_path):
    """The hunt ran iku-report in another PID namespace (two containers sharing the
    output folder): its PID meant nothing here, and the host run's cleanup deleted the
    live run's work folder (exit 1, "No such file or directory"). A live run holds a lock
    on its work folder; only a folder nobody holds (a killed run's) is removed."""
    import fcntl

    from iku_helpers import jalankan

    folder = tmp_path / TANGGAL
    folder.mkdir()
    # another run: a PID that is not alive here, but its lock is held (here by a
    # descriptor standing in for the other process)
    hidup = folder / f"{jalankan.PREFIKS_KERJA}999999999-2025-ab.sementara"
    hidup.mkdir()
    fd = os.open(hidup / jalankan.KUNCI_KERJA, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    # killed: its lock file is there, nobody holds it; its PID may even be alive here
    mati = folder / f"{jalankan.PREFIKS_KERJA}1-2025-cd.sementara"
    mati.mkdir()
    (mati / jalankan.KUNCI_KERJA).touch()
    fifo = folder / f"{jalankan.PREFIKS_KERJA}2-x.sementara"  # opening it would hang
    os.mkfifo(fifo)
    try:
        sendiri = jalankan.buat_folder_kerja(folder, "2024")
        # (a lock held by another open descriptor blocks this one, as another process's)
        jalankan.bersihkan_kerja_lama(folder)
        assert hidup.exists() and sendiri.exists() and fifo.exists()
        assert not mati.exists()
        assert (sendiri / jalankan.KUNCI_KERJA).exists()
        assert not list(folder.glob("*.baru"))
    finally:
        os.close(fd)
    jalankan.bersihkan_kerja_lama(folder)  # released: the other run is gone
    assert not hidup.exists()
    jalankan.hapus_folder_kerja(sendiri)
    assert not sendiri.exists() and sendiri not in jalankan._KERJA_TERKUNCI


def test_a_file_system_error_names_the_path():
    """A read-only dated folder gave "(Read-only file system)" and nothing else."""
    from iku_helpers import cli

    pesan = cli._pesan_galat_lain(OSError(errno.EROFS, os.strerror(errno.EROFS),
                                          "/srv/laporan/2026-11-27"))
    assert "(Read-only file system, berkas /srv/laporan/2026-11-27)" in pesan
    pesan = cli._pesan_galat_lain(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    assert pesan.startswith("GALAT: disk penuh saat menulis laporan (No space left on device)")


def test_a_stop_after_everything_is_in_place_is_a_finished_run(data, tmp_path, monkeypatch,
                                                               capsys, caplog):
    """SIGTERM in the ~0,7 s of clean-up after the last link: exit 143 and no paths,
    though every file was in place, so a cron retry made a second set. A stop that finds
    the run published ends it as a success, paths printed."""
    from iku_helpers import cli, jalankan

    keluar = tmp_path / "outputs"
    keluar.mkdir()
    laporan = keluar / TANGGAL / "laporan-iku-2025.pdf"

    def selesai_lalu_dihentikan(*_, **__):
        jalankan.TERPASANG[:] = [laporan]
        raise cli.Dihentikan()

    monkeypatch.setattr(jalankan, "buat_banyak_laporan", selesai_lalu_dihentikan)
    kode = cli.main(["--tahun", "2025", "--data-dir", str(data), "--output-dir", str(keluar),
                     "--tanggal", TANGGAL])
    keluaran = capsys.readouterr()
    assert kode == 0, keluaran.err
    assert keluaran.out.split() == [str(laporan)]
    assert "setelah semua laporan terpasang" in caplog.text

    def dihentikan(*_, **__):  # a stop before anything is in place stays a stop
        raise cli.Dihentikan()

    monkeypatch.setattr(jalankan, "buat_banyak_laporan", dihentikan)
    assert cli.main(["--tahun", "2025", "--data-dir", str(data), "--output-dir", str(keluar),
                     "--tanggal", TANGGAL]) == 128 + signal.SIGTERM


def test_a_closed_stdout_still_makes_the_report(data, tmp_path):
    """`iku-report ... >&-`: the kernels inherited no stdout and died at start (exit 1,
    'kesalahan internal'). The run gives them /dev/null and logs the paths instead."""
    keluar = tmp_path / "outputs"
    keluar.mkdir()
    proses = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(1); from iku_helpers.cli import main; "
         "sys.exit(main())", "--tahun", "2025", "--data-dir", str(data), "--output-dir",
         str(keluar), "--tanggal", TANGGAL], cwd=ROOT, stderr=subprocess.PIPE, text=True,
        timeout=600)
    assert proses.returncode == 0, proses.stderr
    assert "stdout tertutup; daftar berkas tidak dicetak" in proses.stderr
    assert (keluar / TANGGAL / "laporan-iku-2025.pdf").exists()


def test_a_range_uses_the_cores_it_may_run_on(monkeypatch):
    """taskset -c 0: os.cpu_count() still said 2 and the range took two workers."""
    from iku_helpers import jalankan

    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0})
    assert jalankan._jumlah_inti() == 1
