"""One national run of the project in a fresh process (the benchmark starts it):
``muat_data`` + ``hitung_nasional`` on a synthetic national folder, printing timings and
peak memory as JSON and optionally writing the result rows for comparison.

    python bench/ukur_nasional.py FOLDER TAHUN [--jalur lama|cepat|ramping] [--keluar f.json]

``--jalur cepat`` is ``muat_data`` as it is (every Parquet table goes through the Arrow
path of ``validasi_cepat``); ``ramping`` is ``nasional.muat_nasional``, which keeps of
the two big tables only the columns and years ``hitung_nasional`` reads (every row is
still checked); ``lama`` forces the careful pandas path for every table (the loader as it
was before the Arrow path), by handing ``muat_data`` a reader that declines Parquet.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

t0 = time.perf_counter()
from iku_helpers import data_iku, validasi_cepat  # noqa: E402
from iku_helpers.nasional import hitung_nasional, muat_nasional  # noqa: E402

t_impor = time.perf_counter() - t0


def tolak_jalur_arrow() -> None:
    """The careful pandas path for every Parquet table (what ``lama`` measures)."""
    validasi_cepat.baca_parquet_arrow = lambda path, jenis: None


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("tahun", type=int)
    p.add_argument("--jalur", choices=("lama", "cepat", "ramping"), default="lama")
    p.add_argument("--keluar")
    a = p.parse_args()
    if a.jalur == "lama":
        tolak_jalur_arrow()
    t1 = time.perf_counter()
    data = (muat_nasional(a.folder, a.tahun) if a.jalur == "ramping"
            else data_iku.muat_data(a.folder))
    t2 = time.perf_counter()
    hasil = hitung_nasional(data, a.tahun)
    t3 = time.perf_counter()
    if a.keluar:
        kolom = ["kode_wilayah", "kode_iku", "pembilang", "penyebut", "realisasi"]
        baris = [dict(zip(kolom, r, strict=True)) for r in
                 hasil[kolom].astype(object).where(hasil[kolom].notna(), None).itertuples(
                     index=False)]
        with open(a.keluar, "w") as f:
            json.dump(baris, f, default=float)
    print(json.dumps({"impor": t_impor, "muat": t2 - t1, "hitung": t3 - t2,
                      "total": t_impor + t3 - t1, "jalur": a.jalur,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "baris_hasil": len(hasil)}))


if __name__ == "__main__":
    main()
