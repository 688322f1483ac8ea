"""The report CLI with the speed levers the lead is wiring in, applied from outside:
rfc3987_syntax deferred (iku_helpers._impor_cepat) and the kernel shut down immediately
(iku_helpers.mesin_papermill.OPSI_KERNEL). Same arguments as ``iku-report``. Once the
CLI calls both itself, this measures the same as ``python -m iku_helpers``.

    python bench/laporan_tuas.py --data-dir data --output-dir /tmp/x --tahun 2025
"""

from iku_helpers._impor_cepat import tunda_rfc3987_syntax

tunda_rfc3987_syntax()

import sys  # noqa: E402

import papermill  # noqa: E402

from iku_helpers.cli import main  # noqa: E402
from iku_helpers.mesin_papermill import OPSI_KERNEL  # noqa: E402

_asli = papermill.execute_notebook


def _dengan_opsi(*args, **kwargs):
    return _asli(*args, **{**OPSI_KERNEL, **kwargs})


papermill.execute_notebook = _dengan_opsi

if __name__ == "__main__":
    sys.exit(main())
