"""Reference implementation of the national computation in DuckDB, for the benchmark only.

Independent of iku_helpers: it reads the manifest and the Parquet tables made by
bench/buat_data_nasional.py, applies the same row checks (types, empty cells,
negatives, ya/tidak answers, duplicate keys, area codes in the reference) and computes
pembilang, penyebut and realisasi of IKU1-IKU4 for every province and the nation, by
the rules in data/README.md:

- IKU1 = tenaga kerja koperasi + UKM of the province's kabupaten/kota / penduduk
  bekerja (the province's own total row when present, else the sum of its areas);
- IKU2 = koperasi that held RAT and whose volume usaha and aset both grew on the year
  before / koperasi evaluated that year;
- IKU3 = usaha kecil that became wirausaha / usaha kecil evaluated;
- IKU4 = the province's indeks RB; nationally the unweighted mean of the provinces'.

Numbers must be stored as numbers or plain text digits (the synthetic tables are); the
project's Indonesian number formats are not re-implemented here.

    python bench/referensi_duckdb.py bench/_work/nasional-1/parquet 2025 [--keluar hasil.csv]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import yaml

YA = ("ya", "y", "iya", "yes", "true", "benar", "1", "1.0")
TIDAK = ("tidak", "t", "tdk", "no", "n", "false", "salah", "0", "0.0", "tidak ada")

# table -> (column kinds, key); the input contract of data/README.md
SKEMA = {
    "penduduk_bekerja": ({"tahun": "tahun", "kode_wilayah": "kode_wilayah",
                          "penduduk_bekerja": "jumlah"}, ("tahun", "kode_wilayah")),
    "tenaga_kerja_kukm": ({"tahun": "tahun", "kode_wilayah": "kode_wilayah",
                           "tenaga_kerja_koperasi": "jumlah", "tenaga_kerja_ukm": "jumlah"},
                          ("tahun", "kode_wilayah")),
    "evaluasi_koperasi": ({"tahun": "tahun", "nomor_induk_koperasi": "kode",
                           "nama_koperasi": "teks", "kode_wilayah": "kode_wilayah",
                           "rat": "ya_tidak", "volume_usaha": "angka", "aset": "angka"},
                          ("tahun", "nomor_induk_koperasi")),
    "evaluasi_usaha_kecil": ({"tahun": "tahun", "id_usaha": "kode", "nama_usaha": "teks",
                              "kode_wilayah": "kode_wilayah", "menjadi_wirausaha": "ya_tidak"},
                             ("tahun", "id_usaha")),
    "indeks_rb": ({"tahun": "tahun", "kode_wilayah": "kode_wilayah", "indeks": "angka"},
                  ("tahun", "kode_wilayah")),
}


class GalatData(ValueError):
    pass


def _daftar(nilai: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in nilai)


def _buruk(kolom: str, jenis: str) -> str:
    """SQL condition true for a cell the row checks reject."""
    angka = f"TRY_CAST(trim(CAST({kolom} AS VARCHAR)) AS DOUBLE)"
    if jenis == "tahun":
        return (f"({angka} IS NULL OR {angka} <> floor({angka}) OR {angka} < 1990 "
                f"OR {angka} > 2100)")
    if jenis in ("jumlah", "angka", "kode_wilayah"):
        return f"({angka} IS NULL OR isnan({angka}) OR {angka} < 0)"
    if jenis == "ya_tidak":
        return (f"({kolom} IS NULL OR lower(trim(CAST({kolom} AS VARCHAR))) NOT IN "
                f"({_daftar(YA + TIDAK)}))")
    return f"({kolom} IS NULL OR trim(CAST({kolom} AS VARCHAR)) = '')"  # teks, kode


def periksa(con: duckdb.DuckDBPyConnection, tabel: str, berkas: str) -> None:
    """Row checks of one table; raises GalatData naming the first bad cell's row."""
    kolom, kunci = SKEMA[tabel]
    ada = {r[0] for r in con.execute(f"DESCRIBE {tabel}").fetchall()}
    hilang = [k for k in kolom if k not in ada]
    if hilang:
        raise GalatData(f"{berkas}: kolom wajib tidak ada: {', '.join(hilang)}")
    for k, jenis in kolom.items():
        baris = con.execute(f"SELECT min(_baris) FROM {tabel} WHERE {_buruk(k, jenis)}"
                            ).fetchone()[0]
        if baris is not None:
            raise GalatData(f"{berkas}, baris {baris}, kolom '{k}': nilai tidak valid")
        if jenis == "kode_wilayah":
            baris = con.execute(
                f"SELECT min(_baris) FROM {tabel} t ANTI JOIN wilayah w "
                f"ON CAST(t.{k} AS BIGINT) = w.kode_wilayah").fetchone()[0]
            if baris is not None:
                raise GalatData(f"{berkas}, baris {baris}, kolom '{k}': kode wilayah tidak "
                                "ada dalam referensi")
    daftar_kunci = ", ".join(kunci)
    ganda = con.execute(f"SELECT {daftar_kunci} FROM {tabel} GROUP BY {daftar_kunci} "
                        "HAVING count(*) > 1 LIMIT 1").fetchone()
    if ganda is not None:
        raise GalatData(f"{berkas}: kunci ganda ({daftar_kunci}) {ganda}")


def _bulat(nilai: float | None) -> float | None:
    if nilai is None or nilai != nilai:
        return None
    return float(Decimal(repr(float(nilai))).quantize(Decimal("0.01"), ROUND_HALF_UP))


def hitung(folder: Path, tahun: int) -> list[dict]:
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())["data"]
    con = duckdb.connect()
    con.execute("SET threads = 2")
    wilayah = (folder / manifest["wilayah"]["berkas"]).as_posix()
    con.execute(f"""CREATE TABLE wilayah AS SELECT CAST(kode_wilayah AS BIGINT) kode_wilayah,
        nama_wilayah, lower(trim(total)) = 'ya' AS total,
        CASE WHEN lower(trim(total)) = 'ya' THEN CAST(kode_wilayah AS BIGINT)
             ELSE CAST(induk AS BIGINT) END AS induk
        FROM read_csv('{wilayah}', all_varchar = true)""")
    for tabel in SKEMA:
        path = (folder / manifest[tabel]["berkas"]).as_posix()
        # file_row_number counts from 0; the spreadsheet row is that + 2 (header = 1)
        con.execute(f"CREATE VIEW {tabel} AS SELECT *, file_row_number + 2 AS _baris "
                    f"FROM read_parquet('{path}', file_row_number = true)")
        periksa(con, tabel, manifest[tabel]["berkas"])

    ya = _daftar(YA)
    angka = "CAST(trim(CAST({} AS VARCHAR)) AS DOUBLE)"
    hasil = con.execute(f"""
    WITH prov AS (SELECT kode_wilayah, nama_wilayah FROM wilayah WHERE total),
    tk AS (SELECT w.induk, sum({angka.format('t.tenaga_kerja_koperasi')}
                                + {angka.format('t.tenaga_kerja_ukm')}) p
           FROM tenaga_kerja_kukm t JOIN wilayah w ON CAST(t.kode_wilayah AS BIGINT) =
                w.kode_wilayah
           WHERE CAST(t.tahun AS BIGINT) = {tahun} AND NOT w.total GROUP BY w.induk),
    pb AS (SELECT w.induk, w.total, sum({angka.format('t.penduduk_bekerja')}) q
           FROM penduduk_bekerja t JOIN wilayah w ON CAST(t.kode_wilayah AS BIGINT) =
                w.kode_wilayah
           WHERE CAST(t.tahun AS BIGINT) = {tahun} GROUP BY w.induk, w.total),
    pbq AS (SELECT induk, coalesce(max(q) FILTER (WHERE total), max(q) FILTER (WHERE NOT total))
            q FROM pb GROUP BY induk),
    kini AS (SELECT nomor_induk_koperasi nik, CAST(kode_wilayah AS BIGINT) kode,
                    lower(trim(CAST(rat AS VARCHAR))) IN ({ya}) rat,
                    {angka.format('volume_usaha')} vol, {angka.format('aset')} aset
             FROM evaluasi_koperasi WHERE CAST(tahun AS BIGINT) = {tahun}),
    lalu AS (SELECT nomor_induk_koperasi nik, {angka.format('volume_usaha')} vol,
                    {angka.format('aset')} aset
             FROM evaluasi_koperasi WHERE CAST(tahun AS BIGINT) = {tahun - 1}),
    kop AS (SELECT w.induk, sum(CASE WHEN k.rat AND k.vol > l.vol AND k.aset > l.aset
                                     THEN 1 ELSE 0 END) p, count(*) q
            FROM kini k LEFT JOIN lalu l ON k.nik = l.nik
                 JOIN wilayah w ON k.kode = w.kode_wilayah GROUP BY w.induk),
    uk AS (SELECT w.induk,
                  sum(CASE WHEN lower(trim(CAST(u.menjadi_wirausaha AS VARCHAR))) IN ({ya})
                      THEN 1 ELSE 0 END) p, count(*) q
           FROM evaluasi_usaha_kecil u JOIN wilayah w ON CAST(u.kode_wilayah AS BIGINT) =
                w.kode_wilayah
           WHERE CAST(u.tahun AS BIGINT) = {tahun} GROUP BY w.induk),
    rb AS (SELECT CAST(kode_wilayah AS BIGINT) kode, {angka.format('indeks')} indeks
           FROM indeks_rb WHERE CAST(tahun AS BIGINT) = {tahun})
    SELECT prov.kode_wilayah, coalesce(tk.p, 0), pbq.q, coalesce(kop.p, 0), coalesce(kop.q, 0),
           coalesce(uk.p, 0), coalesce(uk.q, 0), rb.indeks
    FROM prov LEFT JOIN tk ON tk.induk = prov.kode_wilayah
         LEFT JOIN pbq ON pbq.induk = prov.kode_wilayah
         LEFT JOIN kop ON kop.induk = prov.kode_wilayah
         LEFT JOIN uk ON uk.induk = prov.kode_wilayah
         LEFT JOIN rb ON rb.kode = prov.kode_wilayah
    ORDER BY prov.kode_wilayah""").fetchall()

    baris: list[dict] = []

    def tambah(kode, p1, q1, p2, q2, p3, q3, indeks):
        for iku, p, q in (("IKU1", p1, q1), ("IKU2", p2, q2), ("IKU3", p3, q3)):
            p = float(p)
            q = float(q) if q is not None else float("nan")
            baris.append({"kode_wilayah": int(kode), "kode_iku": iku, "pembilang": p,
                          "penyebut": q, "realisasi": _bulat(p / q * 100) if q and q == q
                          else None})
        baris.append({"kode_wilayah": int(kode), "kode_iku": "IKU4", "pembilang": None,
                      "penyebut": None, "realisasi": _bulat(indeks)})

    for r in hasil:
        tambah(*r)
    kolom = list(zip(*hasil, strict=True))
    indeks = [v for v in kolom[7] if v is not None]
    tambah(0, sum(kolom[1]), sum(v for v in kolom[2] if v is not None), sum(kolom[3]),
           sum(kolom[4]), sum(kolom[5]), sum(kolom[6]),
           sum(indeks) / len(indeks) if indeks else None)
    return baris


def main() -> None:
    p = argparse.ArgumentParser(description="Referensi DuckDB perhitungan IKU nasional")
    p.add_argument("folder", type=Path)
    p.add_argument("tahun", type=int)
    p.add_argument("--keluar", type=Path, help="tulis hasil sebagai JSON ke berkas ini")
    a = p.parse_args()
    t0 = time.perf_counter()
    try:
        baris = hitung(a.folder, a.tahun)
    except GalatData as e:
        print(f"Galat data: {e}", file=sys.stderr)
        sys.exit(2)
    t1 = time.perf_counter()
    if a.keluar:
        a.keluar.write_text(json.dumps(baris))
    print(json.dumps({"total": t1 - t0, "baris_hasil": len(baris),
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
