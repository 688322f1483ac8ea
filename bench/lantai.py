"""The toolchain's floor, in ONE process of the project's environment (issue 12):
papermill executes a one-cell notebook that imports pandas and matplotlib and draws one
small chart, nbconvert exports the executed notebook to HTML, and WeasyPrint renders it
as one A4 page. Nothing of iku_helpers is used: this is what any report built on
papermill -> nbconvert -> WeasyPrint pays at least.

    python bench/lantai.py FOLDER      # prints the number of PDF pages
"""

from __future__ import annotations

import sys
from pathlib import Path

SEL = """import pandas as pd
import matplotlib.pyplot as plt
data = pd.Series([3.1, 4.2, 2.7], index=["2023", "2024", "2025"])
fig, ax = plt.subplots(figsize=(4, 2.5))
ax.bar(data.index, data.to_numpy())
ax.set_title("Satu grafik kecil")
plt.show()
"""


def html_lantai(nb) -> str:
    """The floor's HTML: nbconvert's basic template, one A4 page rule."""
    from nbconvert import HTMLExporter

    html, _ = HTMLExporter(template_name="basic").from_notebook_node(nb)
    return "<style>@page { size: A4; margin: 2cm }</style>" + html


def main(folder: Path) -> int:
    import nbformat
    import papermill
    from weasyprint import HTML

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(SEL)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    masuk, keluar = folder / "lantai.ipynb", folder / "lantai-out.ipynb"
    nbformat.write(nb, masuk)
    papermill.execute_notebook(str(masuk), str(keluar), progress_bar=False,
                               log_output=False, kernel_name="python3")
    hasil = nbformat.read(keluar, as_version=4)
    if not any(o.get("output_type") == "display_data" for o in hasil.cells[0].outputs):
        raise SystemExit("lantai: grafik tidak muncul di keluaran sel")
    dokumen = HTML(string=html_lantai(hasil)).render()
    dokumen.write_pdf(folder / "lantai.pdf")
    return len(dokumen.pages)


if __name__ == "__main__":
    print(main(Path(sys.argv[1])))
