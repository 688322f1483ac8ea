"""How the report process asks papermill to run the kernel.

papermill hands its extra keyword arguments to nbclient's ``NotebookClient`` (its
default engine), so no custom engine is needed:

- ``shutdown_kernel="immediate"`` makes nbclient kill the kernel once the last cell has
  finished instead of asking it to shut down and waiting for it (about 0,5 s against
  0,1 s here). That is safe for the report notebook because every cell has finished and
  every file it writes is closed by then; what is skipped is the kernel's own ``atexit``
  clean-up (history database, the KeyboardInterrupt notice it logs at shutdown).
- ``kernel_manager_class=`` is how nbclient makes its kernel manager. :class:`KernelSiap`
  starts the python3 kernel when the CLI starts and has it import the report's modules
  while the CLI loads and validates the data on the other core: kernel start and
  imports (about 1,5 s) no longer wait for the data. ``KernelSiap.kelas_manajer()``
  gives nbclient a kernel manager class whose one "instance" is that running kernel's
  manager, so nbclient finds the kernel started, uses it, and shuts it down and closes
  its channels as it does a kernel of its own. The notebook itself is executed exactly
  as before, every cell in order; its own ``import`` lines then find the modules
  loaded. The warm-up is a silent execution: it gets no execution count, shows no
  output and, if it fails, leaves the failure to the notebook's own import cell.

    with KernelSiap("lkjip") as kernel:       # at the start of the run
        ...                                   # load, validate, compute
        jalankan_notebook(masuk, keluar, parameters, kernel=kernel)
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

#: Keyword arguments for papermill.execute_notebook (passed on to nbclient).
OPSI_KERNEL: dict[str, Any] = {"shutdown_kernel": "immediate"}

#: What a kernel imports before it is handed its notebook, per kind of report: the
#: modules the notebook's first code cell imports (and what they import).
IMPOR_PEMANASAN: dict[str, str] = {
    "lkjip": "import iku_helpers.laporan",
    "ringkas": "import iku_helpers.laporan",
    "monev": "import iku_helpers.triwulan, iku_helpers.snapshot",
}


class KernelSiap:
    """A python3 kernel started ahead of its notebook, in a private working folder that
    also holds its stderr (``kernel.log``); shut down and removed on ``tutup()`` or at
    the end of a ``with`` block, whatever happened in between."""

    def __init__(self, jenis: str = "lkjip"):
        self.jenis = jenis
        self.folder: Path | None = None
        self.km = None
        self._kc = None
        self._log = None
        self._dipakai = False

    @property
    def log_kernel(self) -> Path | None:
        """The kernel's stderr, while the kernel's folder exists."""
        return None if self.folder is None else self.folder / "kernel.log"

    def mulai(self) -> KernelSiap:
        """Start the kernel and queue the warm-up; on any failure leave nothing behind."""
        try:
            return self._mulai()
        except BaseException:
            self.tutup()
            raise

    def _mulai(self) -> KernelSiap:
        from jupyter_client.blocking import BlockingKernelClient
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_client.session import Session
        from jupyter_core.utils import run_sync

        self.folder = Path(tempfile.mkdtemp(prefix="iku-kernel-"))
        self._log = open(self.log_kernel, "wb")  # noqa: SIM115 - closed in tutup()
        self.km = AsyncKernelManager(kernel_name="python3")
        # Launches the process and returns; the kernel boots on its own.
        run_sync(self.km.start_kernel)(cwd=str(self.folder), stderr=self._log)
        # The warm-up's own client, with its own Session: a client made by km.client()
        # shares the manager's session, whose id is its shell socket's routing id, and
        # the kernel would then send the notebook client's replies to this one.
        sesi = Session(key=self.km.session.key,
                       signature_scheme=self.km.session.signature_scheme)
        self._kc = BlockingKernelClient(session=sesi)
        self._kc.load_connection_info(self.km.get_connection_info())
        self._kc.start_channels(shell=True, iopub=False, stdin=False, hb=False,
                                control=False)
        # Queued on the shell channel: the kernel runs it first, before any request of
        # the notebook's client (one kernel handles shell requests one at a time).
        self._kc.execute(IMPOR_PEMANASAN.get(self.jenis, "import iku_helpers"),
                         silent=True, store_history=False)
        return self

    def kelas_manajer(self) -> type:
        """A kernel manager class for nbclient (``kernel_manager_class``) that hands out
        this kernel's manager, once: a kernel never runs two notebooks."""
        from jupyter_client.manager import AsyncKernelManager

        if self.km is None or self._dipakai:
            raise RuntimeError("kernel ini belum dimulai atau sudah dipakai")
        self._dipakai = True
        km = self.km

        class ManajerKernelSiap(AsyncKernelManager):
            def __new__(cls, *args, **kwargs):  # noqa: ARG004 - the one started kernel
                return km

        return ManajerKernelSiap

    def tutup(self) -> None:
        from jupyter_core.utils import run_sync

        # a SIGTERM or Ctrl-C in the middle of jupyter_client's clean-up made it log a
        # traceback (zmq context half destroyed) before the stop: taken once the kernel
        # is shut down and its folder removed
        with _sinyal_sesudahnya():
            try:
                if self._kc is not None:
                    self._kc.stop_channels()
                if self.km is not None and self.km.has_kernel:
                    run_sync(self.km.shutdown_kernel)(now=True)
            finally:
                self._kc = self.km = None
                if self._log is not None:
                    self._log.close()
                    self._log = None
                if self.folder is not None:
                    shutil.rmtree(self.folder, ignore_errors=True)
                    self.folder = None

    def __enter__(self) -> KernelSiap:
        return self.mulai()

    def __exit__(self, *exc) -> None:
        self.tutup()


@contextlib.contextmanager
def _sinyal_sesudahnya():
    """SIGTERM and SIGINT arriving in the block are recorded and the first of them raised
    again once it is over, to the handlers in place before it (main thread only:
    elsewhere a no-op). Unlike a signal mask this holds whichever thread the signal lands
    on (zmq's). A second signal of a kind already recorded is not held: it goes to the
    earlier handler at once, so a clean-up that hangs can still be stopped. Every handler
    is put back even when a signal arrives while they are swapped."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    datang: list[int] = []
    asli: dict = {}   # the handlers before the block
    lama: dict = {}   # those still to put back

    def catat(signum, frame):
        if signum in datang:  # insisted: no more waiting
            lama.pop(signum, None)
            signal.signal(signum, asli[signum])
            signal.raise_signal(signum)
            return
        datang.append(signum)

    try:
        for s in (signal.SIGTERM, signal.SIGINT):
            h = signal.getsignal(s)
            if h not in (signal.SIG_IGN, None):
                asli[s] = lama[s] = h
                signal.signal(s, catat)
        yield
    finally:
        try:
            while lama:  # (a signal now finds either the recorder or its own handler)
                s, h = lama.popitem()
                signal.signal(s, h)
        finally:
            for s, h in lama.items():
                signal.signal(s, h)
        if datang:
            signal.raise_signal(datang[0])


def jalankan_notebook(masuk: Path | str, keluar: Path | str, parameters: dict[str, Any],
                      cwd: Path | str | None = None, kernel: KernelSiap | None = None,
                      **opsi: Any):
    """papermill.execute_notebook with the report's options: no progress bar, no output
    logging, no save after every cell, python3 kernel shut down immediately. With
    ``kernel`` the notebook runs on that already started kernel (its own folder is the
    working folder; ``cwd`` is not used), which is shut down when the notebook is done.

    nbclient sets its own SIGINT/SIGTERM handlers while the notebook runs and resets them
    to the defaults when it is done; the caller's handlers are put back afterwards, so a
    SIGTERM during a later report of the same run still ends it cleanly."""
    import signal

    import papermill as pm

    semua = {"progress_bar": False, "log_output": False, "kernel_name": "python3",
             "request_save_on_cell_execute": False, **OPSI_KERNEL, **opsi}
    if kernel is not None:
        semua["kernel_manager_class"] = kernel.kelas_manajer()
        cwd = None
    sinyal = (signal.SIGINT, signal.SIGTERM)
    penangan = {s: signal.getsignal(s) for s in sinyal}
    try:
        return pm.execute_notebook(str(masuk), str(keluar), parameters=parameters,
                                   cwd=None if cwd is None else str(cwd), **semua)
    finally:
        for s, h in penangan.items():
            if h is not None and signal.getsignal(s) is not h:
                signal.signal(s, h)
