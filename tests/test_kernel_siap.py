"""The report's kernel started ahead (KernelSiap), the charts saved on two cores
(svg_banyak) and the lazy package import: speed that must change no output."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

import nbformat
import pytest
from conftest import tulis_folder_data

from iku_helpers import cli, laporan_tampilan, mesin_papermill
from iku_helpers.mesin_papermill import KernelSiap


def _notebook(path, *sel: str):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("p = None", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(s) for s in sel]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)
    return path


def _hidup(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_notebook_runs_on_the_warm_kernel_and_the_kernel_is_gone_afterwards(tmp_path):
    masuk = _notebook(tmp_path / "a.ipynb",
                      "import os, sys\nprint('iku_helpers.laporan' in sys.modules)",
                      "print(os.getcwd())", "p * 7")
    with KernelSiap("lkjip") as kernel:
        pid, folder = kernel.km.provisioner.pid, kernel.folder
        hasil = mesin_papermill.jalankan_notebook(masuk, tmp_path / "b.ipynb", {"p": 6},
                                                  kernel=kernel)
        # the notebook's own client shut the kernel down (immediately) when it was done
        assert not _hidup(pid)
        with pytest.raises(RuntimeError):  # a kernel never runs a second notebook
            kernel.kelas_manajer()
    kode = [c for c in hasil.cells if c.cell_type == "code"]
    # parameters, injected parameters, then the cells: counted from 1, warm-up not counted
    assert [c.execution_count for c in kode] == [1, 2, 3, 4, 5]
    assert kode[2].outputs[0]["text"] == "True\n"           # imported by the warm-up
    assert kode[3].outputs[0]["text"].strip() == str(folder)  # its own working folder
    assert kode[4].outputs[0]["data"]["text/plain"] == "42"
    assert not folder.exists()


def test_replies_reach_the_notebook_client_not_the_warm_up_client(tmp_path):
    # Regression: a warm-up client made with km.client() shared the manager's session
    # and so its shell routing id; depending on which connected first, the kernel sent
    # the notebook client's replies to the warm-up client and papermill waited forever
    # (about one run in three). Five runs in a row must all finish.
    masuk = _notebook(tmp_path / "a.ipynb", "p + 1")
    for i in range(5):
        with KernelSiap("lkjip") as kernel:
            hasil = mesin_papermill.jalankan_notebook(
                masuk, tmp_path / f"b{i}.ipynb", {"p": i}, kernel=kernel, start_timeout=20,
                execution_timeout=60)
        assert hasil.cells[-1].outputs[0]["data"]["text/plain"] == str(i + 1)


def test_the_callers_sigterm_handler_survives_the_notebook(tmp_path, monkeypatch):
    # nbclient, when its event loop runs in the main thread, resets SIGINT/SIGTERM to the
    # defaults after the notebook (asyncio's remove_signal_handler): simulated here.
    import signal

    import papermill

    asli = papermill.execute_notebook

    def seperti_nbclient(*args, **kwargs):
        try:
            return asli(*args, **kwargs)
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)

    monkeypatch.setattr(papermill, "execute_notebook", seperti_nbclient)

    def penangan(signum, frame):  # noqa: ARG001
        raise KeyboardInterrupt

    sebelum = signal.signal(signal.SIGTERM, penangan)
    try:
        with KernelSiap("lkjip") as kernel:
            mesin_papermill.jalankan_notebook(_notebook(tmp_path / "a.ipynb", "1"),
                                              tmp_path / "b.ipynb", {"p": 0}, kernel=kernel)
        assert signal.getsignal(signal.SIGTERM) is penangan
    finally:
        signal.signal(signal.SIGTERM, sebelum)


def test_an_unused_kernel_is_shut_down_and_its_folder_removed():
    kernel = KernelSiap("monev").mulai()
    pid, folder = kernel.km.provisioner.pid, kernel.folder
    assert _hidup(pid) and folder.is_dir()
    kernel.tutup()
    kernel.tutup()  # twice is harmless
    assert not _hidup(pid) and not folder.exists()


def test_a_kernel_that_cannot_start_leaves_no_folder(monkeypatch, tmp_path):
    from jupyter_client.manager import AsyncKernelManager

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    async def gagal(self, **kw):
        raise RuntimeError("tidak ada kernel (simulasi)")

    monkeypatch.setattr(AsyncKernelManager, "start_kernel", gagal)
    with pytest.raises(RuntimeError, match="simulasi"):
        KernelSiap("lkjip").mulai()
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def kernel_dicatat(monkeypatch, tmp_path):
    """Every KernelSiap the CLI starts, with its process id; temp folders under tmp_path."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dicatat = []
    asli = KernelSiap.mulai

    def mulai(self):
        hasil = asli(self)
        dicatat.append((self, self.km.provisioner.pid, self.folder))
        return hasil

    monkeypatch.setattr(KernelSiap, "mulai", mulai)
    return dicatat


def test_bad_data_stops_the_early_kernel(tmp_path, kernel_dicatat, capsys):
    folder = tulis_folder_data(tmp_path / "data")
    teks = (folder / "evaluasi_koperasi.csv").read_text().splitlines()
    sel = teks[2].split(",")
    sel[teks[0].split(",").index("aset")] = "sejuta"
    teks[2] = ",".join(sel)
    (folder / "evaluasi_koperasi.csv").write_text("\n".join(teks) + "\n")
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    kode = cli.main(["--tahun", "2025", "--data-dir", str(folder), "--output-dir",
                     str(keluar), "--tanggal", "2026-11-27"])
    galat = capsys.readouterr().err
    assert kode == 2 and "evaluasi_koperasi.csv" in galat and "kolom 'aset'" in galat, galat
    assert len(kernel_dicatat) == 1  # one report asked: the kernel was started ahead
    _, pid, kfolder = kernel_dicatat[0]
    assert not _hidup(pid) and not kfolder.exists()


def test_a_range_of_years_starts_no_early_kernel(tmp_path, kernel_dicatat):
    folder = tulis_folder_data(tmp_path / "data")
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    # 2024 is not computable in the mini folder: refused before any report is made
    assert cli.main(["--tahun", "2024-2025", "--data-dir", str(folder), "--output-dir",
                     str(keluar), "--tanggal", "2026-11-27"]) == 2
    assert kernel_dicatat == []


@pytest.mark.parametrize(("argumen", "satu"), [
    ([], True), (["--tahun", "2025"], True), (["--tahun", "2022-2025"], False),
    (["--triwulan", "2025-3"], True), (["--triwulan", "2025-1..2025-4"], False),
])
def test_one_report_or_several(argumen, satu):
    assert cli._satu_laporan(cli._parser().parse_args(argumen)) is satu


# ---------------------------------------------------------------- charts on two cores
def _gambar(n: int):
    from matplotlib.figure import Figure

    daftar = []
    for i in range(n):
        fig = Figure(figsize=(3, 2), layout="constrained")
        ax = fig.add_subplot()
        ax.bar(["a", "b", "c"], [i + 1, 2 * i + 1, 3])
        ax.set_title(f"Grafik {i} & <uji>")
        daftar.append((fig, f"alt {i}"))
    return daftar


@pytest.fixture
def dua_inti(monkeypatch):
    """Two cores and no batch flag, whatever machine runs the tests: svg_banyak forks."""
    monkeypatch.setattr(laporan_tampilan, "_jumlah_inti", lambda: 2)
    monkeypatch.delenv(laporan_tampilan.ENV_GRAFIK_SATU_PROSES, raising=False)


def _ganggu_svg(monkeypatch, di: str, tindakan) -> None:
    """Make svg_banyak's ``_svg`` call ``tindakan()`` first, only in the forked child
    (``di="anak"``) or only in the parent (``di="induk"``)."""
    induk, asli = os.getpid(), laporan_tampilan._svg

    def svg(fig):
        if (os.getpid() == induk) == (di == "induk"):
            tindakan()
        return asli(fig)

    monkeypatch.setattr(laporan_tampilan, "_svg", svg)


def _gagal(pesan: str):
    def tindakan():
        raise RuntimeError(pesan)
    return tindakan


def _anak_anak() -> set[int]:
    """Live child processes of this process (Linux /proc)."""
    anak = set()
    for t in os.listdir(f"/proc/{os.getpid()}/task"):
        with open(f"/proc/{os.getpid()}/task/{t}/children") as f:
            anak |= {int(x) for x in f.read().split()}
    return anak


def test_charts_saved_on_two_cores_are_byte_identical_to_one_by_one(dua_inti, monkeypatch):
    garpu = []
    asli_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: garpu.append(1) or asli_fork())
    gambar = _gambar(5)
    satu_satu = [laporan_tampilan.svg_grafik(f, a) for f, a in gambar]
    assert laporan_tampilan.svg_banyak(gambar) == satu_satu
    assert garpu == [1]  # really saved on two processes
    assert len(set(satu_satu)) == 5  # five different charts, in their order


def test_a_stuck_child_is_stopped_and_its_share_saved_by_the_parent(dua_inti, monkeypatch):
    gambar = _gambar(4)
    satu_satu = [laporan_tampilan.svg_grafik(f, a) for f, a in gambar]
    _ganggu_svg(monkeypatch, "anak", lambda: time.sleep(60))
    monkeypatch.setattr(laporan_tampilan, "BATAS_WAKTU_ANAK", 1.0)
    sebelum = _anak_anak()
    mulai = time.monotonic()
    assert laporan_tampilan.svg_banyak(gambar) == satu_satu
    assert time.monotonic() - mulai < 30
    assert _anak_anak() <= sebelum  # the child was killed and reaped


def test_a_failing_parent_leaves_no_child(dua_inti, monkeypatch):
    gambar = _gambar(4)
    _ganggu_svg(monkeypatch, "induk", _gagal("induk gagal (simulasi)"))
    sebelum = _anak_anak()
    with pytest.raises(RuntimeError, match="simulasi"):
        laporan_tampilan.svg_banyak(gambar)
    assert _anak_anak() <= sebelum


def test_a_failing_child_changes_nothing(dua_inti, monkeypatch):
    gambar = _gambar(4)
    satu_satu = [laporan_tampilan.svg_grafik(f, a) for f, a in gambar]
    _ganggu_svg(monkeypatch, "anak", _gagal("anak gagal (simulasi)"))
    assert laporan_tampilan.svg_banyak(gambar) == satu_satu


def test_without_fork_charts_are_saved_one_by_one(monkeypatch):
    gambar = _gambar(4)
    satu_satu = [laporan_tampilan.svg_grafik(f, a) for f, a in gambar]
    monkeypatch.delattr(os, "fork")
    assert laporan_tampilan.svg_banyak(gambar) == satu_satu


@pytest.mark.parametrize(("nilai", "satu"), [(None, False), ("", False), ("0", False),
                                             ("1", True)])
def test_batch_workers_save_charts_in_one_process(monkeypatch, nilai, satu):
    monkeypatch.setattr(laporan_tampilan, "_jumlah_inti", lambda: 2)
    if nilai is None:
        monkeypatch.delenv(laporan_tampilan.ENV_GRAFIK_SATU_PROSES, raising=False)
    else:
        monkeypatch.setenv(laporan_tampilan.ENV_GRAFIK_SATU_PROSES, nilai)
    assert laporan_tampilan._satu_proses() is satu
    dipanggil = []
    monkeypatch.setattr(os, "fork", lambda: dipanggil.append(1) or 0)  # never really forks
    if satu:
        laporan_tampilan.svg_banyak(_gambar(4))
        assert dipanggil == []


# ---------------------------------------------------------------- lazy package import
def test_importing_the_cli_does_not_import_pandas_and_public_names_still_work():
    kode = ("import sys, iku_helpers.cli\n"
            "assert 'pandas' not in sys.modules, 'pandas imported'\n"
            "import iku_helpers\n"
            "from iku_helpers import muat_data, HasilIKU, ParameterError\n"
            "assert iku_helpers.compute_results.__module__ == 'iku_helpers.hitung'\n"
            "assert set(iku_helpers.__all__) <= set(dir(iku_helpers))\n"
            "try:\n    iku_helpers.tidak_ada\nexcept AttributeError:\n    print('ok')\n")
    hasil = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True)
    assert hasil.stdout.strip() == "ok", hasil.stderr


@pytest.mark.parametrize("jenis", sorted(mesin_papermill.IMPOR_PEMANASAN))
def test_the_warm_up_imports_what_the_notebook_imports_and_nothing_fails(jenis):
    """The warm-up is only worth its CPU if it loads the modules the report notebook's
    cells import; and it must import cleanly (a failing warm-up is silent)."""
    import re

    from iku_helpers.jalankan import notebook_laporan

    nb = nbformat.read(notebook_laporan(jenis), as_version=4)
    kode = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    dipakai = set(re.findall(r"^from iku_helpers import (\w+)", kode, re.MULTILINE))
    dipakai |= set(re.findall(r"^import iku_helpers\.(\w+)", kode, re.MULTILINE))
    pemanasan = mesin_papermill.IMPOR_PEMANASAN[jenis]
    assert dipakai and all(f"iku_helpers.{m}" in pemanasan for m in dipakai), (dipakai,
                                                                             pemanasan)
    hasil = subprocess.run([sys.executable, "-c", pemanasan], capture_output=True, text=True)
    assert hasil.returncode == 0, hasil.stderr


def test_a_sigterm_during_the_kernels_shutdown_is_raised_after_it(monkeypatch):
    """A range stopped by SIGTERM while a worker shut its kernel down: jupyter_client's
    clean-up was interrupted half way (the zmq context half destroyed) and logged a
    traceback into the operator's log. The signal now waits for the clean-up to finish,
    then reaches the handler that was in place."""
    import os
    import signal

    from iku_helpers.errors import Dihentikan
    from iku_helpers.mesin_papermill import KernelSiap

    langkah = []

    class Manajer:
        has_kernel = True

        async def shutdown_kernel(self, now=False):
            os.kill(os.getpid(), signal.SIGTERM)   # arrives in the middle of the clean-up
            for _ in range(1000):                  # (the handler would run at any of these)
                pass
            langkah.append("selesai")

    def penangan(signum, frame):
        langkah.append("sinyal")
        raise Dihentikan()

    lama = signal.signal(signal.SIGTERM, penangan)
    try:
        kernel = KernelSiap()
        kernel.km = Manajer()
        with pytest.raises(Dihentikan):
            kernel.tutup()
    finally:
        signal.signal(signal.SIGTERM, lama)
    assert langkah == ["selesai", "sinyal"]
    assert kernel.km is None


def test_held_signals_put_every_handler_back_and_a_second_one_is_not_held():
    """Two kinds recorded: every handler is back afterwards and the first recorded is
    raised (once); a second SIGTERM inside the block goes to the handler at once (a
    clean-up that hangs can still be stopped)."""
    import os
    import signal

    from iku_helpers.mesin_papermill import _sinyal_sesudahnya

    diterima = []

    def penangan(signum, frame):
        diterima.append(signum)

    lama = {s: signal.signal(s, penangan) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        with _sinyal_sesudahnya():
            os.kill(os.getpid(), signal.SIGINT)
            os.kill(os.getpid(), signal.SIGTERM)
            assert diterima == []
        assert diterima == [signal.SIGINT]
        assert all(signal.getsignal(s) is penangan for s in lama)
        diterima.clear()
        with _sinyal_sesudahnya():
            os.kill(os.getpid(), signal.SIGTERM)
            os.kill(os.getpid(), signal.SIGTERM)   # insisted
            assert diterima == [signal.SIGTERM]
        assert diterima == [signal.SIGTERM, signal.SIGTERM]
        assert all(signal.getsignal(s) is penangan for s in lama)
    finally:
        for s, h in lama.items():
            signal.signal(s, h)


def test_a_stop_while_the_cli_shuts_its_unused_kernel_down_keeps_the_exit_code(
        tmp_path, monkeypatch, capsys):
    """Refused data (exit 2), then a SIGTERM while main()'s last step shuts the kernel
    started ahead down: once a Dihentikan escaped main() as a traceback (exit 1). The
    run's own exit code stands and the stop is only said."""
    import os
    import signal

    from iku_helpers.mesin_papermill import KernelSiap

    class Manajer:
        has_kernel = True

        async def shutdown_kernel(self, now=False):
            os.kill(os.getpid(), signal.SIGTERM)

    def mulai(self):
        self.km = Manajer()
        return self

    dimulai = []
    monkeypatch.setattr(KernelSiap, "mulai", lambda self: dimulai.append(1) or mulai(self))
    folder = tulis_folder_data(tmp_path / "data")
    (folder / "indeks_rb.csv").write_text("tahun,indeks\n2025,lima\n")
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    lama = signal.getsignal(signal.SIGTERM)
    try:
        kode = cli.main(["--tahun", "2025", "--data-dir", str(folder), "--output-dir",
                         str(keluar), "--tanggal", "2026-11-27"])
    finally:
        signal.signal(signal.SIGTERM, lama)
    galat = capsys.readouterr().err
    assert dimulai == [1]   # the kernel was started ahead, and shut down at the end
    assert kode == 2, galat
    assert "indeks_rb.csv" in galat and "Traceback" not in galat
