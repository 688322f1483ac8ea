"""The analysts' workbook runs headless (papermill) for every year of the Renstra and for
a what-if scenario without any error output; bad parameter values give an Indonesian
message naming the parameter, never a traceback. (`make test` also runs the notebook
with nbval on its default parameters.)"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "eksplorasi_tren.ipynb"


def _jalankan(tmp_path: Path, **parameter) -> nbformat.NotebookNode:
    import papermill as pm

    keluar = tmp_path / "keluar.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(keluar), cwd=str(NOTEBOOK.parent),
                        parameters={"folder_ekspor": str(tmp_path / "ekspor"), **parameter},
                        progress_bar=False, kernel_name="python3")
    return nbformat.read(keluar, as_version=4)


def _keluaran(nb) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _tanpa_galat(nb) -> None:
    for o in _keluaran(nb):
        assert o.output_type != "error", o
        if o.output_type == "stream":
            assert o.name != "stderr" or "Traceback" not in o.text, o.text


def _html(nb) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for o in _keluaran(nb)
                     if o.output_type in ("display_data", "execute_result"))


@pytest.mark.integration
@pytest.mark.parametrize("parameter", [
    {"tahun": 2022},   # IKU2 has one point: a sentence, not an error
    {"tahun": 2023, "kode_iku": "IKU1", "wilayah_rinci": "Kota Palu"},
    {"tahun": 2024, "kode_iku": "IKU3", "wilayah_rinci": 7210},
    {"tahun": 2026, "kode_iku": "IKU4"},   # no data yet: says so, trends still shown
    {"tahun": 2025, "tambah_koperasi_meningkat": 3, "tambah_tenaga_kerja_ukm": 2000,
     "tambah_wirausaha": 5, "indeks_rb": 66.5, "n_koperasi": 5},
], ids=["2022", "2023-IKU1-Palu", "2024-IKU3-Sigi", "2026-IKU4", "2025-skenario"])
def test_workbook_runs_without_errors(tmp_path, parameter):
    nb = _jalankan(tmp_path, **parameter)
    _tanpa_galat(nb)
    # the panel was built (a widget view), not the error box
    assert "Tidak dapat menampilkan buku kerja" not in _html(nb)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for o in _keluaran(nb))


@pytest.mark.integration
@pytest.mark.parametrize(("parameter", "pesan"), [
    ({"tahun": 2030}, "Parameter tahun: tahun harus salah satu dari 2022, 2023, 2024, 2025, 2026"),
    ({"wilayah_rinci": "Palu Raya"}, "Parameter wilayah_rinci: kabupaten/kota tidak dikenal"),
])
def test_bad_parameter_is_a_message_not_a_traceback(tmp_path, parameter, pesan):
    nb = _jalankan(tmp_path, **parameter)
    _tanpa_galat(nb)
    assert pesan in _html(nb)
