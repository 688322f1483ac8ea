"""Reading input tables (CSV, XLSX, Parquet) into raw DataFrames.

Every loader returns the cells as read (text or numbers, not yet validated) with the
column names normalised (trimmed, lower case) and an extra column ``_baris``: the row
number as the analyst sees it in the spreadsheet (header = row 1), so that
validation messages can point at the exact row. Fully empty rows are dropped
(trailing empty rows are common in real spreadsheets) without renumbering the rest.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataIKUError, Masalah
from .parsing import kosong

FORMAT_DITERIMA = (".csv", ".xlsx", ".parquet")


def _normalisasi_kolom(kolom: object) -> str:
    teks = "" if kolom is None else str(kolom)
    return teks.replace("\ufeff", "").strip().lower().replace(" ", "_")


def _baca_teks_csv(path: Path, nama_berkas: str) -> tuple[str, str | None]:
    mentah = path.read_bytes()
    if mentah.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise DataIKUError(Masalah(nama_berkas, "berkas ini berisi HTML, bukan CSV; unduh "
                                   "ulang tabel sebagai CSV atau XLSX"))
    for kodek in ("utf-8-sig",):
        try:
            return mentah.decode(kodek), None
        except UnicodeDecodeError:
            pass
    # Spreadsheets on Windows often save CSV as Windows-1252/Latin-1: read it, and say so.
    return mentah.decode("cp1252", errors="replace"), (
        f"Berkas '{nama_berkas}' bukan UTF-8; dibaca sebagai Windows-1252/Latin-1. "
        "Periksa ejaan nama yang memakai huruf beraksen.")


def _baca_csv(path: Path, nama_berkas: str, peringatan: list[str] | None) -> pd.DataFrame:
    teks, catatan = _baca_teks_csv(path, nama_berkas)
    if catatan and peringatan is not None:
        peringatan.append(catatan)
    if not teks.strip():
        raise DataIKUError(Masalah(nama_berkas, "berkas kosong"))
    akhir = teks.find("\n")
    baris_pertama = (teks if akhir < 0 else teks[:akhir]).rstrip("\r")
    pemisah = ";" if baris_pertama.count(";") > baris_pertama.count(",") else ","
    cepat = _baca_csv_cepat(teks, pemisah)
    if cepat is not None:
        return cepat
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
    semua = list(pembaca)
    return _dari_baris(semua, nama_berkas, baris_awal=1)


def _baca_csv_cepat(teks: str, pemisah: str) -> pd.DataFrame | None:
    """Large, clean CSVs through Arrow's reader (every cell kept as text).

    Used only when the result is certain to match the careful reader: no empty lines
    (Arrow skips them, which would shift row numbers), no quotes (a quoted newline would
    too), a unique non-empty header, and every row as wide as the header (Arrow raises
    otherwise). Anything else goes through the careful reader, which names problems.
    """
    if len(teks) < 1_000_000 or '"' in teks or "\n\n" in teks.rstrip("\n").replace("\r", ""):
        return None
    kepala = [_normalisasi_kolom(k) for k in teks[: teks.find("\n")].rstrip("\r").split(pemisah)]
    if "" in kepala or len(set(kepala)) != len(kepala):
        return None
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        tabel = pacsv.read_csv(
            io.BytesIO(teks.encode("utf-8")),
            parse_options=pacsv.ParseOptions(delimiter=pemisah),
            convert_options=pacsv.ConvertOptions(column_types={k: pa.string() for k in kepala}),
            read_options=pacsv.ReadOptions(column_names=kepala, skip_rows=1))
    except (pa.ArrowInvalid, ValueError):
        return None
    df = tabel.to_pandas()
    df["_baris"] = range(2, len(df) + 2)
    # An all-empty row has an empty first cell: look closer only at those rows.
    pertama = df.iloc[:, 0]
    calon = np.flatnonzero((pertama.isna() | pertama.str.strip().eq("")).to_numpy(dtype=bool))
    if len(calon):
        isi = df.iloc[calon, :-1]
        kosong = (isi.isna() | isi.apply(lambda s: s.str.strip().eq(""))).all(axis=1)
        df = df.drop(index=df.index[calon[kosong.to_numpy(dtype=bool)]])
    return df.reset_index(drop=True)


def _huruf_kolom(indeks: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column letter a spreadsheet shows."""
    huruf = ""
    indeks += 1
    while indeks:
        indeks, sisa = divmod(indeks - 1, 26)
        huruf = chr(65 + sisa) + huruf
    return huruf


def _dari_baris(semua: list[list[object]], nama_berkas: str, baris_awal: int) -> pd.DataFrame:
    """Build a raw frame from a header row and data rows; row numbers start at baris_awal."""
    if not semua or all(_baris_kosong(b) for b in semua):
        raise DataIKUError(Masalah(nama_berkas, "berkas kosong"))
    kepala = [_normalisasi_kolom(k) for k in semua[0]]
    while kepala and kepala[-1] == "":
        kepala.pop()
    rekaman = []
    nomor = []
    kolom_tanpa_judul: set[int] = set()
    for i, baris in enumerate(semua[1:], start=baris_awal + 1):
        if _baris_kosong(baris):
            continue
        sel = list(baris[: len(kepala)]) + [None] * max(0, len(kepala) - len(baris))
        for j, v in enumerate(baris):
            if not kosong(v) and (j >= len(kepala) or kepala[j] == ""):
                if j >= len(semua[0]):  # wider than the header row itself (CSV)
                    raise DataIKUError(Masalah(
                        nama_berkas, "baris ini punya lebih banyak sel daripada judul kolom "
                        "(pemisah kolom salah?)", i))
                kolom_tanpa_judul.add(j)
        rekaman.append(sel)
        nomor.append(i)
    if kolom_tanpa_judul:
        pesan = ("kolom berisi data tetapi judulnya kosong (sel judul digabung/merge, atau "
                 "judul belum diisi)")
        raise DataIKUError([Masalah(nama_berkas, pesan, baris_awal, _huruf_kolom(j))
                            for j in sorted(kolom_tanpa_judul)])
    df = pd.DataFrame(rekaman, columns=kepala, dtype=object)
    df["_baris"] = nomor
    return df


def _baris_kosong(baris: list[object]) -> bool:
    return all(kosong(v) for v in baris)


def baca_baris_xlsx(path: Path, nama_berkas: str) -> list[list[object]]:
    """All rows of the first sheet, values as stored (formulas as cached results)."""
    import openpyxl

    if not zipfile.is_zipfile(path):
        awal = path.read_bytes()[:512].lower()
        if b"<html" in awal or b"<!doctype" in awal or b"<table" in awal:
            pesan = "berkas ini HTML yang diberi nama .xlsx/.xls, bukan buku kerja Excel"
        else:
            pesan = "berkas bukan buku kerja Excel (XLSX) yang utuh (rusak atau terpotong?)"
        raise DataIKUError(Masalah(nama_berkas, pesan))
    try:
        buku = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds
        raise DataIKUError(Masalah(nama_berkas,
                                   f"buku kerja Excel tidak dapat dibaca ({e})")) from e
    try:
        lembar = buku.worksheets[0]
        semua = [list(b) for b in lembar.iter_rows(values_only=True)]
    finally:
        buku.close()
    _periksa_rumus_tanpa_nilai(path, nama_berkas, semua)
    return semua


def _periksa_rumus_tanpa_nilai(path: Path, nama_berkas: str, semua: list[list[object]]) -> None:
    """A formula whose result was never saved (the file was written by a program that
    does not calculate) reads as an empty cell: say so instead of "sel kosong"."""
    if not any(v is None for b in semua for v in b):
        return
    import openpyxl

    buku = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        masalah = []
        kepala = [_normalisasi_kolom(k) for k in (semua[0] if semua else [])]
        for i, baris in enumerate(buku.worksheets[0].iter_rows(values_only=True)):
            for j, v in enumerate(baris):
                if isinstance(v, str) and v.startswith("=") and i < len(semua) \
                        and j < len(semua[i]) and semua[i][j] is None:
                    kolom = kepala[j] if j < len(kepala) and kepala[j] else _huruf_kolom(j)
                    masalah.append(Masalah(nama_berkas, "sel berisi rumus yang hasilnya tidak "
                                           "tersimpan; buka berkas di Excel/LibreOffice lalu "
                                           "simpan ulang, atau salin sebagai nilai", i + 1,
                                           kolom, v))
    finally:
        buku.close()
    if masalah:
        raise DataIKUError(masalah)


def _baca_xlsx(path: Path, nama_berkas: str) -> pd.DataFrame:
    semua = baca_baris_xlsx(path, nama_berkas)
    # Skip leading empty rows: the header is the first non-empty row.
    awal = 0
    while awal < len(semua) and _baris_kosong(semua[awal]):
        awal += 1
    return _dari_baris(semua[awal:], nama_berkas, baris_awal=awal + 1)


def _baca_parquet(path: Path, nama_berkas: str) -> pd.DataFrame:
    try:
        df = pd.read_parquet(path)
    except Exception as e:  # noqa: BLE001
        raise DataIKUError(Masalah(nama_berkas, f"berkas Parquet tidak dapat dibaca ({e})")) from e
    if df.empty:
        raise DataIKUError(Masalah(nama_berkas, "berkas kosong"))
    df.columns = [_normalisasi_kolom(k) for k in df.columns]
    df["_baris"] = range(2, len(df) + 2)
    return df


def baca_tabel(path: Path | str, nama_berkas: str | None = None,
               kolom_wajib: list[str] | None = None,
               peringatan: list[str] | None = None) -> pd.DataFrame:
    """Read one table by its extension and check the required columns are there."""
    path = Path(path)
    nama_berkas = nama_berkas or path.name
    if not path.exists():
        raise DataIKUError(Masalah(nama_berkas, "berkas tidak ditemukan"))
    if path.is_dir():
        raise DataIKUError(Masalah(nama_berkas, "yang ditunjuk adalah folder, bukan berkas"))
    akhiran = path.suffix.lower()
    if akhiran == ".csv":
        df = _baca_csv(path, nama_berkas, peringatan)
    elif akhiran in (".xlsx", ".xlsm", ".xls"):
        df = _baca_xlsx(path, nama_berkas)
    elif akhiran == ".parquet":
        df = _baca_parquet(path, nama_berkas)
    else:
        raise DataIKUError(Masalah(nama_berkas, "format berkas tidak dikenal; gunakan "
                                   + ", ".join(FORMAT_DITERIMA)))
    if df.empty:
        raise DataIKUError(Masalah(nama_berkas, "berkas tidak berisi baris data"))
    hilang = [k for k in (kolom_wajib or []) if k not in df.columns]
    if hilang:
        raise DataIKUError([Masalah(nama_berkas, "kolom wajib tidak ada", 1, k) for k in hilang])
    return df
