"""How the report process asks papermill to run the kernel.

papermill hands its extra keyword arguments to nbclient's ``NotebookClient`` (its
default engine), so no custom engine is needed: ``shutdown_kernel="immediate"`` makes
nbclient kill the kernel once the last cell has finished instead of asking it to shut
down and waiting for it (about 0,5 s against 0,1 s here). That is safe for the report
notebook because every cell has finished and every file it writes is closed by then;
what is skipped is the kernel's own ``atexit`` clean-up (history database, the
KeyboardInterrupt notice it logs at shutdown).

The CLI passes these options to ``papermill.execute_notebook``:

    from iku_helpers.mesin_papermill import OPSI_KERNEL
    pm.execute_notebook(masuk, keluar, parameters=..., kernel_name="python3", **OPSI_KERNEL)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: Keyword arguments for papermill.execute_notebook (passed on to nbclient).
OPSI_KERNEL: dict[str, Any] = {"shutdown_kernel": "immediate"}


def jalankan_notebook(masuk: Path | str, keluar: Path | str, parameters: dict[str, Any],
                      cwd: Path | str | None = None, **opsi: Any):
    """papermill.execute_notebook with the report's options: no progress bar, no output
    logging, no save after every cell, python3 kernel shut down immediately."""
    import papermill as pm

    semua = {"progress_bar": False, "log_output": False, "kernel_name": "python3",
             "request_save_on_cell_execute": False, **OPSI_KERNEL, **opsi}
    return pm.execute_notebook(str(masuk), str(keluar), parameters=parameters,
                               cwd=None if cwd is None else str(cwd), **semua)
