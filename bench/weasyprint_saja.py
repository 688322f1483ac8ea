"""WeasyPrint alone, on an executed notebook's HTML, in a fresh process: how much of a
report's time its renderer takes, measured apart from everything else (issue 12).

    python bench/weasyprint_saja.py lantai  NOTEBOOK.ipynb   # the floor's one page
    python bench/weasyprint_saja.py laporan NOTEBOOK.ipynb   # the annual report's pages

The notebook is turned into HTML first as its own run does it (the floor: nbconvert's
basic template and an A4 page rule, as bench/lantai.py; the report:
``iku_helpers.pdf.notebook_ke_html``), then WeasyPrint is imported and timed around
``render()`` and ``write_pdf()`` only. Prints ``pages wall cpu`` (seconds, CPU of this
process: WeasyPrint lays out in one thread). Every process pays its first render's font
set-up, as a report does."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def html_dari(jenis: str, notebook: Path) -> str:
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    if jenis == "lantai":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from lantai import html_lantai

        return html_lantai(nb)
    from iku_helpers._impor_cepat import tunda_rfc3987_syntax

    tunda_rfc3987_syntax()
    from iku_helpers.pdf import notebook_ke_html

    return notebook_ke_html(nb)


def main(jenis: str, notebook: Path) -> str:
    html = html_dari(jenis, notebook)
    from weasyprint import HTML

    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        dokumen = HTML(string=html).render()
        dokumen.write_pdf(Path(tmp) / "keluar.pdf")
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return f"{len(dokumen.pages)} {wall:.4f} {cpu:.4f}"


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("lantai", "laporan"):
        raise SystemExit(__doc__)
    print(main(sys.argv[1], Path(sys.argv[2])))
