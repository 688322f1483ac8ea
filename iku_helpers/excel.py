"""XLSX and CSV outputs that are safe against formula injection.

XLSX: every text cell is written as a literal string (openpyxl ``data_type = "s"``)
so text such as ``=HYPERLINK(...)`` or ``@SUM(A1)`` is never stored as a formula; text
starting with a formula character also gets Excel's "quote prefix" style, so it stays
text when someone edits the cell. The visible text is unchanged (no apostrophe added).
Numbers stay numbers with number formats ('#,##0', '#,##0.00') that Excel shows in
the reader's locale (Indonesian Excel: 1.586.320 and 1,24). A column mixing units (a
shortfall in persons for one IKU, in index points for another) gets its format row by
row (``format_lembar``).

CSV has no cell types, so ``aman_csv`` applies the OWASP rule: text cells starting
with = + - @ (or tab / carriage return) get a leading apostrophe.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from .keluaran import berkas_sementara

AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r")
FORMAT_BILANGAN = "#,##0"
FORMAT_ANGKA = "#,##0.00"
FORMAT_KODE = "0"  # years and codes: no thousands separator ("2025", not "2.025")
FORMAT_RUPIAH = '"Rp"#,##0'
_KARAKTER_LEMBAR_TERLARANG = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
#: Characters XML 1.0 (so XLSX) cannot hold: C0 controls except tab, newline and carriage
#: return, lone surrogates and the non-characters U+FFFE/U+FFFF. openpyxl raises
#: IllegalCharacterError on them; a name pasted from another program can carry them.
_KARAKTER_XML_TERLARANG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPASI_VERTIKAL = re.compile("[\x0b\x0c]")
_LEBAR_MIN, _LEBAR_MAKS = 6, 60


def nama_lembar_aman(nama: object, terpakai: set[str] | None = None) -> str:
    """A valid Excel sheet name: invalid characters removed, at most 31 characters,
    not starting/ending with an apostrophe, unique (case-insensitive) in ``terpakai``."""
    dasar = _KARAKTER_LEMBAR_TERLARANG.sub("", str(nama)).strip().strip("'")[:31].strip()
    dasar = dasar or "Lembar"
    terpakai = terpakai if terpakai is not None else set()
    nama_akhir, nomor = dasar, 1
    while nama_akhir.casefold() in terpakai:
        nomor += 1
        akhiran = f" ({nomor})"
        nama_akhir = dasar[: 31 - len(akhiran)].rstrip() + akhiran
    terpakai.add(nama_akhir.casefold())
    return nama_akhir


def _format_bawaan(nama_kolom: object, seri: pd.Series) -> str | None:
    if pd.api.types.is_bool_dtype(seri):
        return None
    if pd.api.types.is_integer_dtype(seri):
        nama = str(nama_kolom).lower()
        return FORMAT_KODE if nama.startswith(("tahun", "kode", "id")) else FORMAT_BILANGAN
    if pd.api.types.is_float_dtype(seri):
        return FORMAT_ANGKA
    return None


def bersihkan_teks_xlsx(teks: str) -> str:
    """Text an XLSX cell can hold: a vertical tab or form feed becomes a line break (what
    the author meant), every other forbidden control character is removed."""
    return _KARAKTER_XML_TERLARANG.sub("", _SPASI_VERTIKAL.sub("\n", teks))


def _nilai_sel(nilai: object) -> object:
    if nilai is None or (not isinstance(nilai, (str, bytes)) and pd.isna(nilai)):
        return None
    if isinstance(nilai, str):
        return bersihkan_teks_xlsx(nilai)
    if isinstance(nilai, np.generic):
        nilai = nilai.item()
    if isinstance(nilai, pd.Timestamp):
        nilai = nilai.to_pydatetime()
    if isinstance(nilai, (str, int, float, Decimal, dt.date, dt.datetime, dt.time)):
        return nilai
    return str(nilai)


def _isi_sel(sel, nilai: object) -> None:
    nilai = _nilai_sel(nilai)
    sel.value = nilai
    if isinstance(nilai, str):
        sel.data_type = "s"  # never a formula, whatever the text starts with
        if nilai.startswith(AWALAN_RUMUS):
            sel.quotePrefix = True


def _lebar_teks(nilai: object) -> int:
    if nilai is None:
        return 0
    if isinstance(nilai, bool):
        return 5
    if isinstance(nilai, int):
        return len(f"{nilai:,}")
    if isinstance(nilai, (float, Decimal)):
        return len(f"{nilai:,.2f}")
    return max((len(baris) for baris in str(nilai).splitlines()), default=0)


FormatKolom = str | Sequence[str | None]


def tulis_xlsx(
    path: str | os.PathLike,
    lembar: dict[str, pd.DataFrame],
    format_kolom: dict[str, str] | None = None,
    *,
    format_lembar: Mapping[str, Mapping[str, FormatKolom]] | None = None,
    timpa: bool = False,
) -> None:
    """Write DataFrames (index not written) as sheets of one workbook, atomically.

    ``format_kolom`` maps a column name to an Excel number format and overrides the
    default (integers '#,##0', but '0' for columns named tahun*/kode*/id*; floats
    '#,##0.00'). ``format_lembar`` maps a sheet (its key in ``lembar``) to such a mapping
    for that sheet only, which overrides ``format_kolom``; there a column's format may
    also be a sequence, one format per row (None: the default), for a column whose unit
    differs by row. Header row bold, shaded and frozen; column widths fitted.
    """
    format_kolom = format_kolom or {}
    format_lembar = format_lembar or {}
    buku = Workbook()
    buku.remove(buku.active)
    terpakai: set[str] = set()
    tebal = Font(bold=True)
    arsir = PatternFill("solid", fgColor="DFE7EF")
    for nama, df in lembar.items():
        ws = buku.create_sheet(nama_lembar_aman(nama, terpakai))
        khusus = format_lembar.get(nama, {})
        for j, kolom in enumerate(df.columns, start=1):
            sel = ws.cell(row=1, column=j)
            _isi_sel(sel, str(kolom))
            sel.font, sel.fill = tebal, arsir
            bawaan = _format_bawaan(kolom, df[kolom])
            fmt = khusus.get(str(kolom), format_kolom.get(str(kolom), bawaan))
            if isinstance(fmt, str) or fmt is None:
                per_baris = [fmt] * len(df)
            else:
                per_baris = [f if f is not None else bawaan for f in fmt]
                if len(per_baris) != len(df):
                    raise ValueError(f"format kolom {kolom!r} lembar {nama!r}: "
                                     f"{len(per_baris)} format untuk {len(df)} baris")
            lebar = _lebar_teks(str(kolom))
            for i, (nilai, fmt_sel) in enumerate(zip(df[kolom].tolist(), per_baris,
                                                     strict=True), start=2):
                sel = ws.cell(row=i, column=j)
                _isi_sel(sel, nilai)
                if fmt_sel and isinstance(sel.value, (int, float, Decimal)):
                    sel.number_format = fmt_sel
                lebar = max(lebar, _lebar_teks(sel.value))
            lebar_akhir = min(max(lebar + 2, _LEBAR_MIN), _LEBAR_MAKS)
            ws.column_dimensions[get_column_letter(j)].width = lebar_akhir
        ws.freeze_panes = "A2"
        if len(df.columns):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"
    if not buku.sheetnames:
        buku.create_sheet("Lembar")
    with berkas_sementara(path, timpa=timpa) as sementara:
        buku.save(sementara)


def _kutip(nilai: object) -> object:
    # A control character before "=" must not hide a formula from the check.
    if isinstance(nilai, str) and _KARAKTER_XML_TERLARANG.sub("", nilai).startswith(
            AWALAN_RUMUS):
        return "'" + nilai
    return nilai


def aman_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` where text cells (and text column names) starting with
    = + - @ tab or CR get a leading apostrophe (OWASP CSV injection). Numeric
    columns, negative numbers included, are untouched."""
    hasil = df.copy()
    for kolom in hasil.columns:
        seri = hasil[kolom]
        if pd.api.types.is_object_dtype(seri) or pd.api.types.is_string_dtype(seri):
            hasil[kolom] = seri.map(_kutip)
    hasil.columns = [_kutip(k) for k in hasil.columns]
    return hasil
