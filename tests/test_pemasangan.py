"""A non-editable install (`pip install .`, as on an office server) makes working reports:
the notebook and templates ship inside the package and are found as package resources."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.integration


def test_pip_install_outside_the_repository_gives_a_working_iku_report(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                          "--disable-pip-version-check", str(ROOT)],
                         capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stderr[-3000:]
    # Nothing of the checkout may be used: run from elsewhere on a copy of the sample data.
    kerja = tmp_path / "kantor"
    shutil.copytree(ROOT / "data", kerja / "data")
    (kerja / "keluar").mkdir()
    lingkungan = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    lingkungan["PATH"] = f"{venv / 'bin'}{os.pathsep}{lingkungan.get('PATH', '')}"
    lingkungan["JUPYTER_PATH"] = str(venv / "share" / "jupyter")
    lokasi = subprocess.run([str(venv / "bin" / "python"), "-c",
                             "import iku_helpers, sys; print(iku_helpers.__file__)"],
                            cwd=kerja, env=lingkungan, capture_output=True, text=True)
    assert str(venv) in lokasi.stdout, lokasi.stdout + lokasi.stderr
    proses = subprocess.run([str(venv / "bin" / "iku-report"), "--tahun", "2025", "--data-dir",
                             "data", "--output-dir", "keluar", "--tanggal", "2026-11-27"],
                            cwd=kerja, env=lingkungan, capture_output=True, text=True,
                            timeout=900)
    assert proses.returncode == 0, proses.stderr[-3000:]
    folder = kerja / "keluar" / "2026-11-27"
    for nama in ("laporan-iku-2025.pdf", "laporan-iku-2025.ipynb", "capaian-iku-2025.csv",
                 "capaian-iku-2025.xlsx"):
        assert (folder / nama).stat().st_size > 0, nama
    assert "IKU1,Proporsi" in (folder / "capaian-iku-2025.csv").read_text(encoding="utf-8")
