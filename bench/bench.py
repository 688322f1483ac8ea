"""Benchmarks of issue 12: every figure beside a baseline measured in the same run.

    python bench/bench.py [--ulang 5] [--ulang-10x 3] [--cepat] [--tanpa-nasional]
                          [--tanpa-10x] [--tanpa-10x-lama] [--tanpa-tuas]

1. Annual report vs the toolchain's floor. The floor (bench/lantai.py) is ONE process of
   the project's environment: papermill executes a one-cell notebook importing pandas
   and matplotlib and drawing one small chart, nbconvert exports it to HTML, WeasyPrint
   renders one A4 page. Floor and report (``python -m iku_helpers --tahun 2025``) run
   alternately (A B A B ..., ``--ulang`` each, 5 by default); the medians of wall time and
   of CPU time (user + system of the process and every process it waited for, the
   kernel included) are compared. Target: report <= 1,5x the floor, wall and CPU.
   Then WeasyPrint alone (bench/weasyprint_saja.py) on the floor's page and on the
   report's pages, alternated in fresh processes: floor - WeasyPrint(floor) +
   WeasyPrint(report) is a lower bound of the report's CPU time (and of its wall time
   while one process lays out the document), printed as a ratio to the floor.
2. The batch of four years (``--tahun 2022-2025``, parallel over the cores) alternated
   with one report. Target: <= 2,5x one report on 2 cores.
3. National scale from Parquet (synthetic, made by bench/buat_data_nasional.py under
   bench/_work/ when missing): load + validate + compute every province and the nation,
   in a fresh process each, alternating the careful pandas loader ("lama"), muat_data
   as it is with the Arrow path of iku_helpers/validasi_cepat.py ("cepat"), the lean
   national load nasional.muat_nasional ("ramping"), and the independent DuckDB
   reference (bench/referensi_duckdb.py), whose numbers must equal the project's on
   every province x IKU row. Peak memory is the child's peak RSS
   (os.wait4). Targets: 1x (6 million rows) <= 2 s and <= 0,5 GB and ahead of DuckDB;
   10x <= 20 s and <= 4 GB, growing no faster than the rows.
4. Levers (both wired into the CLI), each A/B in the same run: deferring rfc3987_syntax
   (iku_helpers/_impor_cepat) on the import of nbformat + papermill + nbconvert; shutting
   the kernel down immediately (iku_helpers/mesin_papermill) on the floor's papermill run.

Times on a shared machine vary a lot: read the ratios, which are paired. Not a test:
nothing here fails a build.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
KERJA = BENCH / "_work"
PY = sys.executable
TAHUN_NASIONAL = 2025


@dataclass
class Ukuran:
    wall: float
    cpu: float
    rss_mb: float
    keluaran: str


def jalankan(perintah: list[str], cwd: Path = ROOT) -> Ukuran:
    """Run a command in a fresh process: wall time, CPU time (user + system, the process
    and the children it waited for) and peak RSS, from os.wait4 of that one child."""
    with tempfile.TemporaryFile() as keluar:
        t0 = time.perf_counter()
        p = subprocess.Popen(perintah, cwd=cwd, stdout=keluar, stderr=subprocess.DEVNULL)
        _, status, pakai = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        keluar.seek(0)
        teks = keluar.read().decode(errors="replace")
    if p.returncode != 0:
        raise RuntimeError(f"gagal ({p.returncode}): {' '.join(perintah)}\n{teks[-2000:]}")
    return Ukuran(wall, pakai.ru_utime + pakai.ru_stime, pakai.ru_maxrss / 1024, teks)


def median(nilai: list[float]) -> float:
    return statistics.median(nilai)


def mesin() -> str:
    model, memori = "?", "?"
    try:
        for baris in Path("/proc/cpuinfo").read_text().splitlines():
            if baris.startswith("model name"):
                model = baris.split(":", 1)[1].strip()
                break
        mem = next(b for b in Path("/proc/meminfo").read_text().splitlines()
                   if b.startswith("MemTotal"))
        memori = f"{int(mem.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    beban = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{model}, {os.cpu_count()} inti, {memori} RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()} "
            f"(beban rata-rata saat mulai: {beban})")


def memori_tersedia_gb() -> float:
    for baris in Path("/proc/meminfo").read_text().splitlines():
        if baris.startswith("MemAvailable"):
            return int(baris.split()[1]) / 1024 / 1024
    return 0.0


def s(x: float) -> str:
    return f"{x:.2f} s".replace(".", ",")


def r(x: float) -> str:
    return f"{x:.2f}x".replace(".", ",")


def gb(mb: float) -> str:
    return f"{mb / 1024:.2f} GB".replace(".", ",")


class Tabel:
    def __init__(self) -> None:
        self.baris: list[tuple[str, str, str, str]] = []

    def tambah(self, *kolom: str) -> None:
        self.baris.append(tuple(kolom) + ("",) * (4 - len(kolom)))  # type: ignore[arg-type]
        print("  " + " | ".join(c for c in kolom if c), flush=True)

    def cetak(self) -> None:
        kepala = ("Pengukuran", "Hasil", "Rasio / catatan", "Target")
        lebar = [max([len(h)] + [len(b[i]) for b in self.baris]) for i, h in enumerate(kepala)]
        print()
        print(" | ".join(h.ljust(w) for h, w in zip(kepala, lebar, strict=True)))
        print("-+-".join("-" * w for w in lebar))
        for b in self.baris:
            print(" | ".join(c.ljust(w) for c, w in zip(b, lebar, strict=True)))


def nilai_target(rasio: float, batas: float) -> str:
    if rasio <= batas:
        return "tercapai"
    return f"MELESET {r(rasio)} > {r(batas)} (+{(rasio / batas - 1) * 100:.0f} %)"


# --- 1 and 2: report against the floor, batch against one report ------------------------

def ukur_laporan(a: argparse.Namespace, tabel: Tabel) -> None:
    lantai, laporan, batch = [], [], []
    n_batch = 0 if a.tanpa_batch else max(1, a.ulang // 2)
    print(f"Lantai dan laporan bergantian, {a.ulang}x masing-masing "
          f"(+ {n_batch}x batch)...", flush=True)
    simpan = Path(tempfile.mkdtemp(prefix="bench-nb-", dir=KERJA))  # round 1's notebooks
    for i in range(a.ulang):
        with tempfile.TemporaryDirectory() as tmp:
            u = jalankan([PY, str(BENCH / "lantai.py"), tmp])
            if u.keluaran.strip() != "1":
                raise RuntimeError(f"lantai: PDF bukan 1 halaman ({u.keluaran.strip()})")
            lantai.append(u)
            if i == 0:
                shutil.copy(Path(tmp) / "lantai-out.ipynb", simpan / "lantai.ipynb")
        with tempfile.TemporaryDirectory() as tmp:
            laporan.append(jalankan([PY, "-m", "iku_helpers", "--data-dir", "data",
                                     "--output-dir", tmp, "--tahun", "2025"]))
            if i == 0:
                shutil.copy(next(Path(tmp).glob("*/laporan-iku-2025.ipynb")),
                            simpan / "laporan.ipynb")
        if i < n_batch:
            with tempfile.TemporaryDirectory() as tmp:
                batch.append(jalankan([PY, "-m", "iku_helpers", "--data-dir", "data",
                                       "--output-dir", tmp, "--tahun", "2022-2025"]))
        print(f"    putaran {i + 1}: lantai {s(lantai[-1].wall)}, laporan "
              f"{s(laporan[-1].wall)}"
              + (f", batch {s(batch[-1].wall)}" if i < n_batch else ""), flush=True)
    lw, lc = median([u.wall for u in lantai]), median([u.cpu for u in lantai])
    pw, pc = median([u.wall for u in laporan]), median([u.cpu for u in laporan])
    # paired ratios: each report against the floor run just before it
    rw = median([b.wall / a_.wall for a_, b in zip(lantai, laporan, strict=True)])
    rc = median([b.cpu / a_.cpu for a_, b in zip(lantai, laporan, strict=True)])
    tabel.tambah("Lantai (1 proses: papermill 1 sel + grafik, nbconvert HTML, WeasyPrint "
                 "1 hlm A4)", f"{s(lw)} wall, {s(lc)} CPU", f"median {a.ulang}x", "")
    tabel.tambah("Laporan tahunan 2025 (LKjIP lengkap, 5 berkas)", f"{s(pw)} wall, {s(pc)} CPU",
                 f"{r(pw / lw)} wall, {r(pc / lc)} CPU (rasio berpasangan: {r(rw)}, {r(rc)})",
                 f"<= 1,5x: wall {nilai_target(pw / lw, 1.5)}; CPU {nilai_target(pc / lc, 1.5)}")
    ukur_batas_bawah(a.ulang, simpan, lw, lc, tabel)
    shutil.rmtree(simpan, ignore_errors=True)
    if batch:
        bw, bc = median([u.wall for u in batch]), median([u.cpu for u in batch])
        pw_b = median([u.wall for u in laporan[:len(batch)]])
        tabel.tambah(f"Batch 2022-2025 (4 laporan, {os.cpu_count()} inti)",
                     f"{s(bw)} wall, {s(bc)} CPU", f"{r(bw / pw_b)} satu laporan (wall)",
                     f"<= 2,5x: {nilai_target(bw / pw_b, 2.5)}")


def ukur_batas_bawah(ulang: int, simpan: Path, lw: float, lc: float, tabel: Tabel) -> None:
    """WeasyPrint alone on the floor's page and on the report's pages (bench/
    weasyprint_saja.py, fresh processes, alternated). The report must do everything the
    floor does (a process, papermill and its kernel with pandas and matplotlib, a chart,
    nbconvert, WeasyPrint) and lay out its own pages instead of one, in WeasyPrint's one
    thread: floor - WeasyPrint(floor) + WeasyPrint(report) is a lower bound of its CPU
    time, and of its wall time while one process lays the document out."""
    print(f"WeasyPrint saja: halaman lantai dan halaman laporan, bergantian {ulang}x...",
          flush=True)
    hasil: dict[str, list[tuple[int, float, float]]] = {"lantai": [], "laporan": []}
    for _ in range(ulang):
        for jenis in hasil:
            u = jalankan([PY, str(BENCH / "weasyprint_saja.py"), jenis,
                          str(simpan / f"{jenis}.ipynb")])
            halaman, wall, cpu = u.keluaran.split()
            hasil[jenis].append((int(halaman), float(wall), float(cpu)))
    (hl, wl, cl), (hp, wp, cp) = ((h[0][0], median([x[1] for x in h]),
                                   median([x[2] for x in h])) for h in hasil.values())
    tabel.tambah(f"WeasyPrint saja: {hl} hlm lantai / {hp} hlm laporan (render + tulis PDF)",
                 f"{s(wl)} / {s(wp)} wall, {s(cl)} / {s(cp)} CPU",
                 f"{s(cp / hp)} CPU per halaman laporan (median {ulang}x)", "")
    bw, bc = lw - wl + wp, lc - cl + cp
    # at 1,5x, what is left of the wall time for everything before the PDF is laid out
    sisa = 1.5 * lw - wp
    tabel.tambah("Batas bawah laporan: lantai - WeasyPrint(lantai) + WeasyPrint(laporan)",
                 f"{s(bw)} wall, {s(bc)} CPU",
                 f"{r(bw / lw)} wall, {r(bc / lc)} CPU lantai (tata letak satu proses)",
                 "<= 1,5x: CPU " + ("dapat dicapai" if bc / lc <= 1.5 else
                                    "TIDAK dapat dicapai dengan dokumen dan mesin PDF ini")
                 + f"; wall: sisa {s(sisa)} untuk semua selain WeasyPrint (lantai sendiri "
                 f"{s(lw - wl)})")


# --- 3: national scale -----------------------------------------------------------------

def siapkan_nasional(skala: float) -> Path:
    folder = KERJA / f"nasional-{skala:g}"
    if not (folder / "parquet" / "sumber_data.yaml").exists():
        print(f"  membuat data nasional sintetis skala {skala:g} (Parquet)...", flush=True)
        subprocess.run([PY, str(BENCH / "buat_data_nasional.py"), "--skala", str(skala),
                        "--keluar", str(folder), "--format", "parquet"], check=True,
                       stdout=subprocess.DEVNULL)
    return folder / "parquet"


def bandingkan(proyek: list[dict], referensi: list[dict]) -> tuple[int, list[str]]:
    """Rows compared and the differences (pembilang, penyebut, realisasi)."""
    def kunci(b):
        return (int(b["kode_wilayah"]), b["kode_iku"])

    ref = {kunci(b): b for b in referensi}
    beda = []
    if len(ref) != len(proyek):
        beda.append(f"jumlah baris {len(proyek)} vs {len(ref)}")
    for b in proyek:
        lain = ref.get(kunci(b))
        if lain is None:
            beda.append(f"{kunci(b)} tidak ada di referensi")
            continue
        for k in ("pembilang", "penyebut", "realisasi"):
            x, y = b[k], lain[k]
            kosong_x = x is None or x != x
            kosong_y = y is None or y != y
            if kosong_x != kosong_y or (not kosong_x and abs(float(x) - float(y)) > 1e-9):
                beda.append(f"{kunci(b)} {k}: {x} vs {y}")
    return len(proyek), beda


def ukur_nasional(folder: Path, jalur: str, keluar: Path | None) -> tuple[Ukuran, dict]:
    if jalur == "duckdb":
        perintah = [PY, str(BENCH / "referensi_duckdb.py"), str(folder), str(TAHUN_NASIONAL)]
    else:
        perintah = [PY, str(BENCH / "ukur_nasional.py"), str(folder), str(TAHUN_NASIONAL),
                    "--jalur", jalur]
    if keluar is not None:
        perintah += ["--keluar", str(keluar)]
    u = jalankan(perintah)
    return u, json.loads(u.keluaran.strip().splitlines()[-1])


def ukur_skala(skala: float, ulang: int, jalur: list[str], tabel: Tabel,
               hasil_1x: dict | None = None) -> dict:
    folder = siapkan_nasional(skala)
    label = {"lama": "proyek, pemuat sekarang", "cepat": "proyek, jalur Arrow (validasi_cepat)",
             "ramping": "proyek, jalur Arrow bertahap, simpan kolom+tahun yang dipakai",
             "duckdb": "referensi DuckDB (pemeriksaan baris sama)"}
    ukuran: dict[str, list[Ukuran]] = {j: [] for j in jalur}
    dalam: dict[str, list[dict]] = {j: [] for j in jalur}
    print(f"Nasional {skala:g}x, bergantian {ulang}x: {', '.join(jalur)}...", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(ulang):
            for j in jalur:
                keluar = Path(tmp) / f"{j}.json" if i == 0 else None
                u, d = ukur_nasional(folder, j, keluar)
                ukuran[j].append(u)
                dalam[j].append(d)
                print(f"    {j}: {s(u.wall)} wall, {s(u.cpu)} CPU, {gb(u.rss_mb)}", flush=True)
        ref = json.loads((Path(tmp) / "duckdb.json").read_text()) if "duckdb" in jalur \
            else None
        sama = {}
        for j in jalur:
            if j == "duckdb" or ref is None:
                continue
            n, beda = bandingkan(json.loads((Path(tmp) / f"{j}.json").read_text()), ref)
            sama[j] = (n, beda)
    ringkas = {}
    for j in jalur:
        w = median([u.wall for u in ukuran[j]])
        c = median([u.cpu for u in ukuran[j]])
        m = median([u.rss_mb for u in ukuran[j]])
        ringkas[j] = (w, c, m)
        catatan = []
        if j in sama:
            n, beda = sama[j]
            catatan.append(f"{n} baris sama dengan DuckDB" if not beda
                           else f"BEDA dengan DuckDB: {'; '.join(beda[:3])}")
        if j != "duckdb":
            d = dalam[j][0]
            catatan.append(f"impor {s(d['impor'])}, muat {s(d['muat'])}, "
                           f"hitung {s(d['hitung'])}")
        if "duckdb" in ringkas and j != "duckdb":
            dw, dc, dm = ringkas["duckdb"]
            catatan.append(f"vs DuckDB {r(w / dw)} wall, {r(c / dc)} CPU, {r(m / dm)} memori")
        target = ""
        if j != "duckdb":
            bw, bm = (2.0, 512) if skala == 1 else (20.0, 4096)
            target = (f"<= {s(bw)}, <= {gb(bm)}: waktu "
                      + ("tercapai" if w <= bw else f"MELESET +{(w / bw - 1) * 100:.0f} %")
                      + ", memori " + ("tercapai" if m <= bm
                                       else f"MELESET +{(m / bm - 1) * 100:.0f} %"))
            if hasil_1x and j in hasil_1x:
                w1, _, m1 = hasil_1x[j]
                target += f"; pertumbuhan 10x baris: waktu {r(w / w1)}, memori {r(m / m1)}"
        baris = f"{int(6e6 * skala):,}".replace(",", ".")
        tabel.tambah(f"Nasional {skala:g}x ({baris} baris), {label[j]}",
                     f"{s(w)} wall, {s(c)} CPU, {gb(m)} puncak", "; ".join(catatan), target)
    return ringkas


# --- 4: levers -------------------------------------------------------------------------

IMPOR = """
import sys, time
import iku_helpers  # both arms: the CLI has imported the package (and pandas) already
t0 = time.perf_counter()
if sys.argv[1] == "1":
    from iku_helpers._impor_cepat import tunda_rfc3987_syntax
    assert tunda_rfc3987_syntax()
import nbformat, papermill, nbconvert
print(time.perf_counter() - t0)
"""

KERNEL = """
import sys, time, nbformat, papermill
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from lantai import SEL
folder = Path(sys.argv[1])
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell(SEL)]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbformat.write(nb, folder / "k.ipynb")
opsi = {}
if sys.argv[2] == "segera":
    from iku_helpers.mesin_papermill import OPSI_KERNEL
    opsi = OPSI_KERNEL
t0 = time.perf_counter()
papermill.execute_notebook(str(folder / "k.ipynb"), str(folder / "k-out.ipynb"),
                           progress_bar=False, log_output=False, kernel_name="python3", **opsi)
print(time.perf_counter() - t0)
"""


def ukur_tuas(ulang: int, tabel: Tabel) -> None:
    print(f"Tuas: impor dan penutupan kernel, bergantian {ulang}x...", flush=True)
    impor = {"0": [], "1": []}
    kernel = {"biasa": [], "segera": []}
    for _ in range(ulang):
        for m in ("0", "1"):
            impor[m].append(float(jalankan([PY, "-c", IMPOR, m]).keluaran.split()[-1]))
        for m in ("biasa", "segera"):
            with tempfile.TemporaryDirectory() as tmp:
                kernel[m].append(float(jalankan([PY, "-c", KERNEL, tmp, m, str(BENCH)])
                                       .keluaran.split()[-1]))
    a, b = median(impor["0"]), median(impor["1"])
    tabel.tambah("Tuas: impor nbformat+papermill+nbconvert, rfc3987_syntax ditunda",
                 f"{s(b)} vs {s(a)}", f"hemat {s(a - b)} per proses (median {ulang}x)")
    a, b = median(kernel["biasa"]), median(kernel["segera"])
    tabel.tambah("Tuas: papermill 1 sel, kernel ditutup segera (shutdown_kernel=immediate)",
                 f"{s(b)} vs {s(a)}", f"hemat {s(a - b)} per laporan (median {ulang}x)")


def main() -> None:
    p = argparse.ArgumentParser(description="Benchmark laporan IKU (rasio terhadap baseline)")
    p.add_argument("--ulang", type=int, default=5,
                   help="ulangan lantai/laporan (bergantian; median), bawaan 5")
    p.add_argument("--ulang-nasional", type=int, default=3, help="ulangan nasional 1x")
    p.add_argument("--ulang-10x", type=int, default=3,
                   help="ulangan nasional 10x (bergantian; median), bawaan 3")
    p.add_argument("--cepat", action="store_true",
                   help="putaran singkat: 2 ulangan, tanpa batch, tanpa skala 10x")
    p.add_argument("--tanpa-laporan", action="store_true")
    p.add_argument("--tanpa-batch", action="store_true")
    p.add_argument("--tanpa-nasional", action="store_true")
    p.add_argument("--tanpa-10x", action="store_true")
    p.add_argument("--tanpa-10x-lama", action="store_true",
                   help="lewati pemuat sekarang pada 10x (butuh sekitar 14 GB)")
    p.add_argument("--tanpa-tuas", action="store_true")
    a = p.parse_args()
    if a.cepat:
        a.ulang, a.ulang_nasional, a.tanpa_batch, a.tanpa_10x = 2, 1, True, True
    KERJA.mkdir(parents=True, exist_ok=True)
    print(f"Mesin: {mesin()}\n", flush=True)
    tabel = Tabel()
    if not a.tanpa_laporan:
        ukur_laporan(a, tabel)
    if not a.tanpa_tuas:
        ukur_tuas(max(3, a.ulang), tabel)
    if not a.tanpa_nasional:
        satu = ukur_skala(1, a.ulang_nasional, ["duckdb", "lama", "cepat", "ramping"], tabel)
        if not a.tanpa_10x:
            jalur = ["duckdb", "cepat", "ramping"]
            if not a.tanpa_10x_lama:
                if memori_tersedia_gb() >= 18:
                    jalur.insert(1, "lama")
                else:
                    tabel.tambah("Nasional 10x, pemuat sekarang", "dilewati",
                                 f"memori tersedia {memori_tersedia_gb():.1f} GB < 18 GB")
            ukur_skala(10, a.ulang_10x, jalur, tabel, satu)
    print(f"\nMesin: {mesin()}")
    tabel.cetak()


if __name__ == "__main__":
    main()
