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


def test_sigterm_mid_run_leaves_nothing_half_written(data, tmp_path):
    keluar = tmp_path / "outputs"
    keluar.mkdir()
    proses = _mulai(data, keluar)
    folder = keluar / TANGGAL
    batas = time.monotonic() + 120
    while time.monotonic() < batas:      # wait until papermill is executing the notebook
        kerja = list(folder.glob(".kerja-*")) if folder.exists() else []
        if any((k / "laporan.ipynb").exists() for k in kerja):
            break
        time.sleep(0.05)
    else:
        proses.kill()
        pytest.fail("the run never reached the notebook step")
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
