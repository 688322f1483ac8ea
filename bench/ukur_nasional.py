"""One national run of the project in a fresh process (the benchmark starts it):
``muat_data`` + ``hitung_nasional`` on a synthetic national folder, printing timings and
peak memory as JSON and optionally writing the result rows for comparison.

    python bench/ukur_nasional.py FOLDER TAHUN [--jalur lama|cepat|ramping] [--keluar f.json]

``--jalur cepat`` routes every Parquet table through
``iku_helpers.validasi_cepat.muat_parquet_tervalidasi`` (the Arrow path) by wrapping the
two names ``muat_data`` looks up, until the loader calls it itself. ``ramping`` does the
same but keeps of the two big tables only the columns and years ``hitung_nasional``
reads (every row is still checked). ``lama`` is the loader as it is.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

t0 = time.perf_counter()
from iku_helpers import data_iku  # noqa: E402
from iku_helpers.nasional import hitung_nasional  # noqa: E402
from iku_helpers.validasi_cepat import periksa_parquet  # noqa: E402

t_impor = time.perf_counter() - t0


class _Tertunda:
    """A Parquet path whose reading waits for validation (the Arrow path does both)."""

    def __init__(self, path):
        self.path = path


# What hitung_nasional reads of the two big tables (every row is still validated).
KOLOM_NASIONAL = {
    "evaluasi_koperasi": ["tahun", "triwulan", "nomor_induk_koperasi", "kode_wilayah", "rat",
                          "volume_usaha", "aset"],
    "evaluasi_usaha_kecil": ["tahun", "triwulan", "kode_wilayah", "menjadi_wirausaha"],
}


def tahun_nasional(jenis: str, tahun: int) -> set[int]:
    return {tahun - 1, tahun} if jenis == "evaluasi_koperasi" else {tahun}


def sambung_jalur_cepat(tahun: int | None = None) -> bool:
    """Wire the Arrow path into muat_data from outside; False when the loader's names
    have changed (then the run measures the loader as it is)."""
    baca = getattr(data_iku, "baca_tabel", None)
    periksa = getattr(data_iku, "periksa_tabel", None)
    if baca is None or periksa is None:
        return False

    def baca_tabel(path, nama_berkas=None, kolom_wajib=None, peringatan=None):
        if str(path).lower().endswith(".parquet") and not kolom_wajib:
            return _Tertunda(path)
        return baca(path, nama_berkas, kolom_wajib, peringatan)

    def periksa_tabel(df, jenis, berkas, kode_wilayah):
        if not isinstance(df, _Tertunda):
            return periksa(df, jenis, berkas, kode_wilayah)
        if tahun is not None and jenis in KOLOM_NASIONAL:
            return periksa_parquet(df.path, jenis, berkas, kode_wilayah,
                                   kolom=KOLOM_NASIONAL[jenis],
                                   tahun=tahun_nasional(jenis, tahun))
        return periksa_parquet(df.path, jenis, berkas, kode_wilayah)

    data_iku.baca_tabel, data_iku.periksa_tabel = baca_tabel, periksa_tabel
    return True


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("tahun", type=int)
    p.add_argument("--jalur", choices=("lama", "cepat", "ramping"), default="lama")
    p.add_argument("--keluar")
    a = p.parse_args()
    tersambung = False
    if a.jalur != "lama":
        tersambung = sambung_jalur_cepat(a.tahun if a.jalur == "ramping" else None)
    t1 = time.perf_counter()
    data = data_iku.muat_data(a.folder)
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
                      "total": t_impor + t3 - t1, "jalur_cepat": tersambung,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "baris_hasil": len(hasil)}))


if __name__ == "__main__":
    main()
