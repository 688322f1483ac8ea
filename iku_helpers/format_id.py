"""Indonesian number and date formatting for report text, built on Babel (locale "id").

Separators come from the CLDR data of the locale, never written by hand. Values are
rounded half up (as people round by hand, and as the decree's targets are written)
on ``Decimal(str(x))``, so ``2.675`` becomes "2,68" although the binary float is
slightly below 2.675. Missing values (None, NaN, pandas NA) print as an en dash.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

LOKAL = "id"
KOSONG = "–"  # en dash for a missing value
_SIMBOL = Locale.parse(LOKAL).number_symbols["latn"]


def _kosong(x: object) -> bool:
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):  # array-like: not a scalar we can format
        return False


def _bulatkan(x: object, desimal: int) -> Decimal:
    """Round half up to ``desimal`` places; ``-0`` becomes ``0``."""
    if isinstance(x, bool):
        raise TypeError("nilai logika (bool) bukan angka")
    try:
        nilai = x if isinstance(x, Decimal) else Decimal(str(x))
    except InvalidOperation:
        raise TypeError(f"bukan angka: {x!r}") from None
    if not nilai.is_finite():
        raise ValueError(f"nilai tidak hingga tidak dapat ditampilkan: {x!r}")
    hasil = nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)
    return abs(hasil) if hasil == 0 else hasil


def _pola(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal > 0 else "")


def angka(x: object, desimal: int = 2) -> str:
    """A number with ``desimal`` decimals: ``angka(1586320.5) == "1.586.320,50"``."""
    if _kosong(x):
        return KOSONG
    return format_decimal(_bulatkan(x, desimal), format=_pola(desimal), locale=LOKAL)


def angka_bertanda(x: object, desimal: int = 2) -> str:
    """A change, signed: ``angka_bertanda(2.5) == "+2,50"``, ``angka_bertanda(-3.014) ==
    "-3,01"``; a change that rounds to zero has no sign."""
    if _kosong(x):
        return KOSONG
    return ("+" if _bulatkan(x, desimal) > 0 else "") + angka(x, desimal)


def bilangan(x: object) -> str:
    """A whole number with thousands separators: ``bilangan(1586320) == "1.586.320"``."""
    return angka(x, 0)


def persen(x: object, desimal: int = 2) -> str:
    """A value already in percent units: ``persen(1.24) == "1,24%"``."""
    teks = angka(x, desimal)
    return teks if teks == KOSONG else teks + _SIMBOL["percentSign"]


def rupiah(x: object) -> str:
    """Whole rupiah: ``rupiah(1250000) == "Rp1.250.000"``, negative ``"-Rp1.250.000"``."""
    if _kosong(x):
        return KOSONG
    return format_currency(
        _bulatkan(x, 0), "IDR", format="¤#,##0", currency_digits=False, locale=LOKAL
    )


def tanggal(d: date) -> str:
    """``tanggal(date(2026, 11, 27)) == "27 November 2026"``."""
    if _kosong(d):
        return KOSONG
    return format_date(d, format="d MMMM y", locale=LOKAL)


#: Indonesia's three time zones by their UTC offset in minutes, as Indonesians name them.
ZONA_INDONESIA = {7 * 60: "WIB", 8 * 60: "WITA", 9 * 60: "WIT"}


def tanggal_waktu(dt: datetime) -> str:
    """``"27 November 2026 pukul 14.05"``; an aware datetime also names its time zone,
    shown in its own zone, not converted: ``"... pukul 14.05 WITA"`` for UTC+8 (WIB, WITA,
    WIT), ``"... UTC+5.30"`` for any other offset."""
    if _kosong(dt):
        return KOSONG
    teks = format_datetime(dt, format="d MMMM y 'pukul' HH.mm", locale=LOKAL)
    offset = dt.utcoffset()
    if offset is not None:
        menit = int(offset.total_seconds() // 60)
        if menit in ZONA_INDONESIA:
            return f"{teks} {ZONA_INDONESIA[menit]}"
        jam, sisa = divmod(abs(menit), 60)
        tanda = "-" if menit < 0 else "+"
        teks += f" UTC{tanda}{jam}" + (f".{sisa:02d}" if sisa else "")
    return teks


def sebut_jumlah(n: object, satuan: str) -> str:
    """A count with its unit (Indonesian nouns do not inflect): ``"2.400 tenaga kerja"``."""
    return f"{bilangan(n)} {satuan}"


def nama_iku(kode: object) -> str:
    """An IKU code as the report writes it in prose, tables and charts: ``"IKU1"`` ->
    ``"IKU 1"`` (the data keeps the code ``IKU1``)."""
    return str(kode).replace("IKU", "IKU ", 1) if str(kode)[3:4].isdigit() else str(kode)


def poin(satuan: object) -> str:
    """The unit of a difference between two values in ``satuan``: "poin persen" between
    two percentages, "poin indeks" between two index values (every output alike)."""
    if satuan == "%":
        return "poin persen"
    return "poin indeks" if str(satuan).strip().lower() == "indeks" else "poin"


__all__ = [
    "KOSONG",
    "angka",
    "bilangan",
    "poin",
    "nama_iku",
    "persen",
    "rupiah",
    "sebut_jumlah",
    "tanggal",
    "tanggal_waktu",
]


def gabung_kata(butir, maks: int | None = None, jumlah: int | None = None) -> str:
    """Indonesian enumeration: "IKU1", "IKU1 dan IKU2", "IKU1, IKU2 dan IKU3". With
    ``maks``, the first ``maks`` then "dan N lainnya", N counted from ``jumlah`` (the full
    count, when only the first items are given) or from ``butir``."""
    butir = [str(b) for b in butir]
    jumlah = len(butir) if jumlah is None else jumlah
    tampil = butir if maks is None else butir[:maks]
    if jumlah > len(tampil):
        return ", ".join(tampil) + f" dan {jumlah - len(tampil)} lainnya"
    if len(tampil) <= 1:
        return "".join(tampil)
    return ", ".join(tampil[:-1]) + " dan " + tampil[-1]


def kata_baris(baris, maks: int = 5, jumlah: int | None = None) -> str:
    """"baris 7, 9 dan 12"; at most ``maks`` rows, then "dan N lainnya" (``jumlah``: the
    full count when only the first rows are given)."""
    return "baris " + gabung_kata(baris, maks, jumlah)
