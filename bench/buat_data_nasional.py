"""Synthetic national tables in the input contract's schema, for the benchmark only.

38 provinces (BPS codes 11..96) and 514 kabupaten/kota, years 2021-2025. At scale 1:
1.000.000 koperasi-year rows (200.000 koperasi) and 5.000.000 usaha-kecil-year rows
(1.000.000 a year). Everything is synthetic (status contoh); seeded, so it can be
regenerated. Written as Parquet and/or CSV with a manifest per format, a part at a time
(at scale 10 the tables are 60 million rows; memory stays near 2 GB).

    python bench/buat_data_nasional.py --skala 1 --keluar bench/_work/nasional-1
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

ROOT = Path(__file__).resolve().parents[1]
PROVINSI = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61,
            62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96]
JUMLAH_KABKOTA = 514
TAHUN = [2021, 2022, 2023, 2024, 2025]


def referensi() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    bagi = rng.multinomial(JUMLAH_KABKOTA - len(PROVINSI), [1 / len(PROVINSI)] * len(PROVINSI))
    baris = []
    for p, n in zip(PROVINSI, bagi + 1, strict=True):
        baris.append((p * 100, f"Provinsi {p}", "", "ya", ""))
        baris += [(p * 100 + i, f"Kabupaten {p}.{i:02d}", "", "tidak", p * 100)
                  for i in range(1, n + 1)]
    return pd.DataFrame(baris, columns=["kode_wilayah", "nama_wilayah", "alias", "total",
                                        "induk"])


class _Penulis:
    """Writes one table part by part (a year at a time) to every requested format, so a
    10x national table never has to sit in memory whole."""

    def __init__(self, keluar: Path, format_: list[str]):
        self.keluar, self.format_ = keluar, format_
        self.parquet: dict[str, pq.ParquetWriter] = {}
        self.sudah: dict[str, None] = {}  # tables written, in order

    def tulis(self, kunci: str, df: pd.DataFrame) -> None:
        for fmt in self.format_:
            path = self.keluar / fmt / f"{kunci}.{fmt}"
            if fmt == "parquet":
                tabel = pa.Table.from_pandas(df, preserve_index=False)
                if kunci not in self.parquet:
                    self.parquet[kunci] = pq.ParquetWriter(path, tabel.schema)
                self.parquet[kunci].write_table(tabel)
            else:
                df.to_csv(path, index=False, mode="a" if kunci in self.sudah else "w",
                          header=kunci not in self.sudah)
        self.sudah[kunci] = None

    def tutup(self) -> None:
        for w in self.parquet.values():
            w.close()


def buat(skala: float, keluar: Path, format_: list[str], seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    ref = referensi()
    kab = ref.loc[ref["total"] == "tidak", "kode_wilayah"].to_numpy()
    prov = ref.loc[ref["total"] == "ya", "kode_wilayah"].to_numpy()
    for fmt in format_:
        (keluar / fmt).mkdir(parents=True, exist_ok=True)
    penulis = _Penulis(keluar, format_)

    pb = rng.integers(20_000, 900_000, size=(len(TAHUN), len(kab)))
    tk = (pb * rng.uniform(0.008, 0.02, size=pb.shape)).astype(int)
    penulis.tulis("penduduk_bekerja", pd.DataFrame({
        "tahun": np.repeat(TAHUN, len(kab)), "kode_wilayah": np.tile(kab, len(TAHUN)),
        "nama_wilayah": "x", "penduduk_bekerja": pb.ravel()}))
    penulis.tulis("tenaga_kerja_kukm", pd.DataFrame({
        "tahun": np.repeat(TAHUN, len(kab)), "kode_wilayah": np.tile(kab, len(TAHUN)),
        "nama_wilayah": "x", "tenaga_kerja_koperasi": (tk * 0.2).astype(int).ravel(),
        "tenaga_kerja_ukm": (tk * 0.8).astype(int).ravel()}))

    n_kop = int(200_000 * skala)
    nik = np.char.add("K", np.arange(n_kop).astype(str))
    wil = rng.choice(kab, n_kop)
    vol = rng.integers(200_000_000, 40_000_000_000, n_kop).astype(float)
    aset = rng.integers(100_000_000, 25_000_000_000, n_kop).astype(float)
    for t in TAHUN:
        vol = vol * rng.uniform(0.9, 1.12, n_kop)
        aset = aset * rng.uniform(0.9, 1.12, n_kop)
        penulis.tulis("evaluasi_koperasi", pd.DataFrame({
            "tahun": t, "nomor_induk_koperasi": nik, "nama_koperasi": np.char.add("Koperasi ",
                                                                                  nik),
            "kode_wilayah": wil, "rat": np.where(rng.random(n_kop) < 0.6, "ya", "tidak"),
            "volume_usaha": vol.round(-3), "aset": aset.round(-3)}))

    n_uk = int(1_000_000 * skala)
    for t in TAHUN:
        for awal in range(0, n_uk, 2_000_000):  # parts of at most 2 million rows
            n = min(2_000_000, n_uk - awal)
            ids = np.char.add(f"UK{t}-", np.arange(awal, awal + n).astype(str))
            penulis.tulis("evaluasi_usaha_kecil", pd.DataFrame({
                "tahun": t, "id_usaha": ids, "nama_usaha": np.char.add("Usaha ", ids),
                "kode_wilayah": rng.choice(kab, n),
                "menjadi_wirausaha": np.where(rng.random(n) < 0.05, "ya", "tidak")}))
    penulis.tulis("indeks_rb", pd.DataFrame({
        "tahun": np.repeat(TAHUN, len(prov)), "kode_wilayah": np.tile(prov, len(TAHUN)),
        "indeks": rng.uniform(50, 80, len(prov) * len(TAHUN)).round(2)}))
    penulis.tutup()

    for fmt in format_:
        folder = keluar / fmt
        ref.to_csv(folder / "wilayah.csv", index=False)
        shutil.copy(ROOT / "data" / "katalog_iku.yaml", folder / "katalog_iku.yaml")
        shutil.copy(ROOT / "data" / "target_iku.csv", folder / "target_iku.csv")
        data = {"iku": {"berkas": "katalog_iku.yaml", "sumber": "Keputusan IKU",
                        "status": "resmi"},
                "target_iku": {"berkas": "target_iku.csv", "sumber": "Tabel 3.2",
                               "status": "resmi"},
                "wilayah": {"berkas": "wilayah.csv", "sumber": "sintetis", "status": "contoh"}}
        for kunci in penulis.sudah:
            data[kunci] = {"berkas": f"{kunci}.{fmt}", "sumber": "sintetis (bench)",
                           "status": "contoh"}
        # the manifest last: its presence says the folder is complete
        # national tables are large on purpose: lift the 500 MB guard against a wrong file
        (folder / "sumber_data.yaml").write_text(yaml.safe_dump(
            {"instansi": "Uji skala nasional (sintetis)", "data": data,
             "pengaturan": {"batas_ukuran_berkas_mb": 20_000}}, allow_unicode=True))


def main() -> None:
    p = argparse.ArgumentParser(description="Data sintetis skala nasional untuk benchmark")
    p.add_argument("--skala", type=float, default=1.0)
    p.add_argument("--keluar", type=Path, required=True)
    p.add_argument("--format", nargs="+", default=["parquet", "csv"])
    a = p.parse_args()
    buat(a.skala, a.keluar, a.format)
    print(a.keluar)


if __name__ == "__main__":
    main()
