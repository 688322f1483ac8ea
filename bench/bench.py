"""Benchmarks: each figure against a baseline measured in the same run, as a ratio.

    python bench/bench.py [--ulang 3] [--tanpa-nasional] [--tanpa-csv-besar]

1. Annual report end to end (`iku-report --tahun 2025` on data/) against the toolchain's
   own floor: papermill executing a one-cell notebook that imports pandas and matplotlib,
   plus the same HTML-to-PDF export (our nbconvert template + WeasyPrint) of a one-page
   document. Target: at most 1,5x the floor.
2. All years with data in one batch (`--tahun 2022-2025`, parallel over the cores)
   against one report. Target: at most 3x one report on 2 cores.
3. National scale: synthetic tables (38 provinces, 514 kabupaten/kota, 1 million
   koperasi-year and 5 million usaha-kecil-year rows) from Parquet and CSV: load,
   validate and compute the four IKU for every province and the nation. Target from
   Parquet: at most 5 s and 3 GB peak, time growing no faster than the rows (0,1x vs 1x).

Times are wall-clock medians of fresh processes (imports included, as a user sees them).
Not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KERJA = ROOT / "bench" / "_work"
PY = sys.executable

LANTAI_NOTEBOOK = """
import nbformat, papermill, sys
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell("import pandas\\nimport matplotlib\\nmatplotlib.use('Agg')\\n"
                                      "import matplotlib.pyplot as plt")]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbformat.write(nb, sys.argv[1] + "/lantai.ipynb")
papermill.execute_notebook(sys.argv[1] + "/lantai.ipynb", sys.argv[1] + "/lantai-out.ipynb",
                           progress_bar=False, log_output=False, kernel_name="python3")
"""

LANTAI_PDF = """
import nbformat, sys
from iku_helpers.pdf import html_ke_pdf, notebook_ke_html
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_markdown_cell("# Satu halaman\\n\\nTeks uji " * 20)]
html_ke_pdf(notebook_ke_html(nb), sys.argv[1] + "/lantai.pdf", timpa=True)
"""

UKUR_NASIONAL = """
import json, resource, sys, time
t0 = time.perf_counter()
from iku_helpers.data_iku import muat_data
from iku_helpers.nasional import hitung_nasional
t1 = time.perf_counter()
data = muat_data(sys.argv[1])
t2 = time.perf_counter()
hasil = hitung_nasional(data, 2025)
t3 = time.perf_counter()
print(json.dumps({"impor": t1 - t0, "muat": t2 - t1, "hitung": t3 - t2, "total": t3 - t0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "baris_hasil": len(hasil)}))
"""


def mesin() -> str:
    model = "?"
    try:
        for baris in Path("/proc/cpuinfo").read_text().splitlines():
            if baris.startswith("model name"):
                model = baris.split(":", 1)[1].strip()
                break
        mem = next(b for b in Path("/proc/meminfo").read_text().splitlines()
                   if b.startswith("MemTotal"))
        memori = f"{int(mem.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memori = "?"
    return (f"{platform.node()}: {model}, {os.cpu_count()} inti, {memori} RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def waktu(perintah: list[str], ulang: int) -> float:
    hasil = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        subprocess.run(perintah, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        hasil.append(time.perf_counter() - t0)
    return statistics.median(hasil)


def laporan(args: list[str], ulang: int) -> float:
    hasil = []
    for _ in range(ulang):
        with tempfile.TemporaryDirectory() as keluar:
            t0 = time.perf_counter()
            subprocess.run([PY, "-m", "iku_helpers", "--data-dir", "data", "--output-dir",
                            keluar, *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            hasil.append(time.perf_counter() - t0)
    return statistics.median(hasil)


def nasional(folder: Path) -> dict:
    keluar = subprocess.run([PY, "-c", UKUR_NASIONAL, str(folder)], cwd=ROOT, check=True,
                            capture_output=True, text=True)
    return json.loads(keluar.stdout.strip().splitlines()[-1])


def siapkan_nasional(skala: float, format_: list[str]) -> Path:
    folder = KERJA / f"nasional-{skala:g}"
    perlu = [f for f in format_ if not (folder / f / "sumber_data.yaml").exists()]
    if perlu:
        print(f"  membuat data nasional sintetis skala {skala:g} ({', '.join(perlu)})...",
              file=sys.stderr)
        subprocess.run([PY, str(ROOT / "bench" / "buat_data_nasional.py"), "--skala",
                        str(skala), "--keluar", str(folder), "--format", *perlu], check=True,
                       stdout=subprocess.DEVNULL)
    return folder


def main() -> None:
    p = argparse.ArgumentParser(description="Benchmark laporan IKU (rasio terhadap baseline)")
    p.add_argument("--ulang", type=int, default=3, help="ulangan per pengukuran (median)")
    p.add_argument("--tanpa-nasional", action="store_true")
    p.add_argument("--tanpa-csv-besar", action="store_true")
    a = p.parse_args()
    KERJA.mkdir(parents=True, exist_ok=True)
    baris: list[tuple[str, str, str, str]] = []
    print(f"Mesin: {mesin()}\n", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        t_nb = waktu([PY, "-c", LANTAI_NOTEBOOK, tmp], a.ulang)
        t_pdf = waktu([PY, "-c", LANTAI_PDF, tmp], a.ulang)
    lantai = t_nb + t_pdf
    t_lap = laporan(["--tahun", "2025"], a.ulang)
    baris.append(("Lantai: papermill 1 sel (pandas+matplotlib)", f"{t_nb:.2f} s", "", ""))
    baris.append(("Lantai: HTML ke PDF 1 halaman", f"{t_pdf:.2f} s", "", ""))
    baris.append(("Laporan tahunan 2025 (4 berkas)", f"{t_lap:.2f} s",
                  f"{t_lap / lantai:.2f}x lantai", "<= 1,5x"))
    t_batch = laporan(["--tahun", "2022-2025"], max(1, a.ulang // 2))
    baris.append((f"Batch 2022-2025 (4 laporan, {os.cpu_count()} inti)", f"{t_batch:.2f} s",
                  f"{t_batch / t_lap:.2f}x satu laporan", "<= 3x"))

    if not a.tanpa_nasional:
        kecil = siapkan_nasional(0.1, ["parquet", "csv"])
        besar = siapkan_nasional(1, ["parquet"] if a.tanpa_csv_besar else ["parquet", "csv"])
        for fmt in ("parquet", "csv"):
            if not (besar / fmt).exists():
                continue
            k, b = nasional(kecil / fmt), nasional(besar / fmt)
            baris.append((f"Nasional {fmt}, 0,1x (600 rb baris)", f"{k['total']:.2f} s",
                          f"{k['rss_mb']:.0f} MB puncak", ""))
            target = "<= 5 s, <= 3 GB" if fmt == "parquet" else "(diukur)"
            baris.append((f"Nasional {fmt}, 1x (6 jt baris)", f"{b['total']:.2f} s",
                          f"{b['rss_mb']:.0f} MB puncak; muat {b['muat']:.2f} s, "
                          f"hitung {b['hitung']:.2f} s, impor {b['impor']:.2f} s", target))
            baris.append((f"Nasional {fmt}: pertumbuhan waktu 10x baris",
                          f"{b['total'] / k['total']:.1f}x", "", "<= 10x"))

    lebar = [max(len(r[i]) for r in baris) for i in range(4)]
    kepala = ("Pengukuran", "Waktu", "Rasio / catatan", "Target")
    lebar = [max(w, len(h)) for w, h in zip(lebar, kepala, strict=True)]
    print(" | ".join(h.ljust(w) for h, w in zip(kepala, lebar, strict=True)))
    print("-+-".join("-" * w for w in lebar))
    for r in baris:
        print(" | ".join(c.ljust(w) for c, w in zip(r, lebar, strict=True)))


if __name__ == "__main__":
    main()
