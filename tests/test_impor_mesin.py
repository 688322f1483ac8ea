"""The report process's speed levers: deferred rfc3987_syntax, immediate kernel shutdown."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from iku_helpers import mesin_papermill

DITUNDA = """
import sys
from iku_helpers._impor_cepat import tunda_rfc3987_syntax
assert tunda_rfc3987_syntax() is True
import nbformat, jsonschema
assert getattr(sys.modules["rfc3987_syntax"], "_pengganti_tunda", False)  # not loaded yet
cek = jsonschema.Draft202012Validator.FORMAT_CHECKER
# the iri checker still works: the real grammar is loaded on first use
assert cek.conforms("http://example.com/\\u00e4", "iri") is True
assert cek.conforms("http://exa mple.com", "iri") is False
assert not getattr(sys.modules["rfc3987_syntax"], "_pengganti_tunda", False)
print("ok")
"""

TERLAMBAT = """
import jsonschema
from iku_helpers._impor_cepat import tunda_rfc3987_syntax
print(tunda_rfc3987_syntax())
"""


def _python(kode: str) -> str:
    return subprocess.run([sys.executable, "-c", kode], check=True, capture_output=True,
                          text=True).stdout.strip()


def test_rfc3987_syntax_ditunda_tanpa_kehilangan_pemeriksa_iri():
    pytest.importorskip("rfc3987_syntax")  # installed with JupyterLab (dev dependencies)
    assert _python(DITUNDA) == "ok"


def test_rfc3987_syntax_tidak_diganti_bila_jsonschema_sudah_diimpor():
    assert _python(TERLAMBAT) == "False"


def test_kernel_ditutup_segera(tmp_path, monkeypatch):
    import nbclient.client

    dipakai = []
    asli = nbclient.client.NotebookClient._cleanup_kernel  # what papermill's client calls

    def catat(self):
        dipakai.append(self.shutdown_kernel)
        return asli(self)

    monkeypatch.setattr(nbclient.client.NotebookClient, "_cleanup_kernel", catat)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("parameters = None", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("x = 6 * 7\nx")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    masuk = tmp_path / "a.ipynb"
    nbformat.write(nb, masuk)
    hasil = mesin_papermill.jalankan_notebook(masuk, tmp_path / "b.ipynb", {"parameters": 1},
                                              cwd=tmp_path)
    assert hasil.cells[-1].outputs[0]["data"]["text/plain"] == "42"
    assert dipakai == ["immediate"]
