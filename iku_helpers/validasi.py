"""Validation of input tables: types, ranges, keys and area codes.

Each check is vectorised where it can be (national tables hold millions of rows) and
falls back to per-cell parsing only for cells the fast path cannot read, so messages
can still name the exact row, column and value. Functions return the cleaned frame or
raise DataIKUError; they chain with ``DataFrame.pipe``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import DataIKUError, Masalah, Peringatan, nomor_baris
from .loaders import ATTR_BARIS_JUDUL, ATTR_PEMISAH, tolak_gabungan
from .parsing import (
    POLA_RIBUAN_TITIK,
    NilaiTidakValid,
    parse_angka,
    parse_ya_tidak,
    samakan_id,
    tampil_tak_tampak,
)
from .parsing import kosong as parse_kosong

#: Column kinds and their rules (documented in data/README.md, "Values"):
#: tahun (whole, 1990-2100); triwulan (whole, 1-4, or I-IV, TW1, Q1...); kode_wilayah
#: (whole, in the area reference); jumlah (a count of persons or units: whole, >= 0);
#: rupiah (>= 0); skor (a percentage or an index: 0-100, where "1.450" can only mean
#: 1,45); ya_tidak; teks
#: (non-empty text); kode (a non-empty identifier); kode_opsional (an identifier that
#: may be empty, e.g. a budget line supporting no IKU); tanggal (a date, YYYY-MM-DD,
#: DD/MM/YYYY, 31 Maret 2025 or a spreadsheet date, within the row's tahun; it gives the
#: row's triwulan).
JENIS_KOLOM = ("tahun", "triwulan", "kode_wilayah", "jumlah", "rupiah", "skor", "ya_tidak",
               "teks", "kode", "kode_opsional", "tanggal")
JENIS_ANGKA = ("tahun", "triwulan", "kode_wilayah", "jumlah", "rupiah", "skor")

#: Largest value accepted per numeric kind: beyond it a cell is a typing error (or a
#: 400-digit integer from a broken export), not data.
BATAS_ATAS = {"jumlah": 1e9, "rupiah": 1e15, "skor": 100.0, "kode_wilayah": 9_999_999_999,
              "tahun": 2100, "triwulan": 4}
BATAS_BAWAH = {"tahun": 1990, "triwulan": 1}
#: Kinds whose values must be whole numbers.
JENIS_BULAT = ("tahun", "triwulan", "kode_wilayah", "jumlah")


@dataclass(frozen=True)
class Kolom:
    """One column of an input table: its kind, unit and whether it must be present."""

    jenis: str
    satuan: str = ""
    wajib: bool = True
    bulat: bool = False  # whole numbers only (besides the kinds in JENIS_BULAT)
    # a present column may leave cells empty (NaN in the typed table): a quarter the office
    # did not record in earlier years, a quarterly target of a PK signed with its year's
    # target only; the checks of the period that needs the cell refuse it empty
    boleh_kosong: bool = False

    @property
    def harus_bulat(self) -> bool:
        return self.bulat or self.jenis in JENIS_BULAT


@dataclass(frozen=True)
class Skema:
    """An input table: its columns, its key, and how the manifest treats it."""

    kolom: dict[str, Kolom]
    kunci: tuple[str, ...]                 # duplicate-key columns
    nama_tampil: str = ""                  # how the report names it
    wajib: bool = True                     # the manifest must name it
    perlu_kode_wilayah: bool = True        # kode_wilayah checked against the reference

    @property
    def opsional(self) -> tuple[str, ...]:
        """Columns that may be absent."""
        return tuple(k for k, v in self.kolom.items() if not v.wajib)


_k = Kolom  # short name for the registry below


#: Every input table the tool reads, in loading order: the input-table registry. A new
#: input is one entry here (plus its manifest key in data/README.md).
SKEMA: dict[str, Skema] = {
    "target_iku": Skema(
        {"kode_iku": _k("kode"), "tahun": _k("tahun"), "target": _k("skor", "% atau indeks")},
        ("kode_iku", "tahun"), "Target Renstra", perlu_kode_wilayah=False),
    "penduduk_bekerja": Skema(
        {"tahun": _k("tahun"), "kode_wilayah": _k("kode_wilayah"),
         "nama_wilayah": _k("teks", wajib=False), "penduduk_bekerja": _k("jumlah", "orang")},
        ("tahun", "kode_wilayah"), "Penduduk bekerja"),
    "tenaga_kerja_kukm": Skema(
        {"tahun": _k("tahun"), "kode_wilayah": _k("kode_wilayah"),
         "nama_wilayah": _k("teks", wajib=False),
         "tenaga_kerja_koperasi": _k("jumlah", "orang"), "tenaga_kerja_ukm": _k("jumlah", "orang")},
        ("tahun", "kode_wilayah"), "Tenaga kerja koperasi dan UKM"),
    "evaluasi_koperasi": Skema(
        {"tahun": _k("tahun"), "triwulan": _k("triwulan", wajib=False, boleh_kosong=True),
         "tanggal": _k("tanggal", wajib=False), "nomor_induk_koperasi": _k("kode"),
         "nama_koperasi": _k("teks"),
         "kode_wilayah": _k("kode_wilayah"), "rat": _k("ya_tidak"),
         "volume_usaha": _k("rupiah", "Rp"), "aset": _k("rupiah", "Rp")},
        ("tahun", "nomor_induk_koperasi"), "Evaluasi koperasi"),
    "evaluasi_usaha_kecil": Skema(
        {"tahun": _k("tahun"), "triwulan": _k("triwulan", wajib=False, boleh_kosong=True),
         "tanggal": _k("tanggal", wajib=False), "id_usaha": _k("kode"),
         "nama_usaha": _k("teks"), "kode_wilayah": _k("kode_wilayah"),
         "menjadi_wirausaha": _k("ya_tidak")},
        ("tahun", "id_usaha"), "Evaluasi usaha kecil"),
    # kode_wilayah is optional: a national table holds one indeks per province.
    "indeks_rb": Skema({"tahun": _k("tahun"), "kode_wilayah": _k("kode_wilayah", wajib=False),
                        "indeks": _k("skor", "indeks")},
                       ("tahun", "kode_wilayah"), "Indeks RB"),
    "komponen_rb": Skema(
        {"tahun": _k("tahun"), "kelompok": _k("teks"), "komponen": _k("teks"),
         "bobot": _k("skor", "poin"), "nilai": _k("skor", "poin")},
        ("tahun", "komponen"), "Komponen indeks RB", wajib=False, perlu_kode_wilayah=False),
    # The year's signed targets (Perjanjian Kinerja) and the quarterly targets of the
    # Rencana Aksi; when present, capaian is measured against them.
    "perjanjian_kinerja": Skema(
        {"tahun": _k("tahun"), "kode_iku": _k("kode"), "target": _k("skor", "% atau indeks"),
         **{f"target_tw{n}": _k("skor", "% atau indeks", wajib=False, boleh_kosong=True)
            for n in range(1, 5)}},
        ("tahun", "kode_iku"), "Perjanjian Kinerja", wajib=False, perlu_kode_wilayah=False),
    # Realisasi anggaran per program / kegiatan / sub-kegiatan; kode_iku empty for
    # support lines (penunjang urusan).
    "anggaran": Skema(
        {"tahun": _k("tahun"), "kode_rekening": _k("kode"), "program": _k("teks"),
         "kegiatan": _k("teks"), "sub_kegiatan": _k("teks"),
         "kode_iku": _k("kode_opsional"), "pagu": _k("rupiah", "Rp", bulat=True),
         "realisasi": _k("rupiah", "Rp", bulat=True)},
        ("tahun", "kode_rekening"), "Realisasi anggaran", wajib=False,
        perlu_kode_wilayah=False),
    # The same indicator elsewhere (national, another province, a ministry's target).
    "pembanding": Skema(
        {"tahun": _k("tahun"), "kode_iku": _k("kode"), "pembanding": _k("teks"),
         "nilai": _k("skor", "% atau indeks"), "sumber": _k("teks")},
        ("tahun", "kode_iku", "pembanding"), "Pembanding", wajib=False,
        perlu_kode_wilayah=False),
}


def daftarkan_tabel(kunci: str, skema: Skema) -> None:
    """Add an input table to the registry (for optional inputs defined elsewhere)."""
    SKEMA[kunci] = skema


def _masalah_sel(berkas, df, posisi, kolom, pesan) -> list[Masalah]:
    if len(posisi) == 0:
        return []
    baris = df["_baris"].to_numpy()
    nilai = df[kolom].to_numpy()
    return [Masalah(berkas, pesan, nomor_baris(baris[i]), kolom, _tampil(nilai[i]))
            for i in posisi]


def _ada_duplikat(df: pd.DataFrame, kunci: list[str]) -> bool:
    """Whether any key repeats. Sorting with Arrow and comparing neighbours is several
    times faster than pandas' hashing on millions of string keys; pandas then finds the
    offending rows (only when there are some)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(df) < 2:
        return False
    tabel = pa.table({k: pa.array(df[k]) for k in kunci})
    urut = tabel.take(pc.sort_indices(tabel, sort_keys=[(k, "ascending") for k in kunci]))
    sama = None
    for k in kunci:
        kolom = urut[k]
        setara = pc.equal(kolom.slice(1), kolom.slice(0, len(kolom) - 1))
        sama = setara if sama is None else pc.and_(sama, setara)
    return bool(pc.any(sama).as_py())


def _ya_tidak_atau_none(nilai: object) -> bool | None:
    try:
        return parse_ya_tidak(nilai)
    except NilaiTidakValid:
        return None


def _tampil(v):
    if isinstance(v, (np.generic,)):
        return v.item()
    return v


def _kolom_angka(seri: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Numbers from a column: values (float) and a mask of unreadable cells.

    Numbers stored as numbers are taken as they are; text cells go through
    ``_kolom_angka_teks`` (plain numbers in bulk, everything else by parse_angka).
    """
    if pd.api.types.is_numeric_dtype(seri) and not pd.api.types.is_bool_dtype(seri):
        # every numeric dtype (uint64, decimals from Parquet, nullable Int64) fits a
        # float; missing values become NaN
        nilai = seri.to_numpy(dtype=float)
        return nilai, ~np.isfinite(nilai)
    if pd.api.types.is_string_dtype(seri):
        return _kolom_angka_teks(seri)
    # object columns (XLSX cells, the careful CSV reader): a mix of numbers and text
    asli = seri.to_numpy(dtype=object)
    angka = np.array([isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
                      for v in asli], dtype=bool)
    nilai = np.full(len(seri), np.nan)
    gagal = np.zeros(len(seri), dtype=bool)
    nilai[angka] = [_float_aman(v) for v in asli[angka]]
    gagal[angka] = ~np.isfinite(nilai[angka])
    if (~angka).any():
        teks = pd.Series(asli[~angka]).astype(str).where(pd.notna(asli[~angka]), None)
        nilai[~angka], gagal[~angka] = _kolom_angka_teks(teks)
    return nilai, gagal


def _float_aman(v) -> float:
    """A stored number as float; NaN when beyond float range. The callers refuse every
    cell that is not finite (NaN or inf alike)."""
    try:
        return float(v)
    except (OverflowError, TypeError, ValueError):
        return np.nan


_POLA_POLOS = r"^-?\d+(\.\d+)?$"  # 1586320, 1586.32, -5: but see POLA_RIBUAN_TITIK


def _kolom_angka_teks(seri: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Numbers from a text column: plain numbers in bulk with Arrow, the rest (Indonesian
    grouping, decimal commas, Rp, blanks, garbage) one by one with parse_angka."""
    import pyarrow as pa
    import pyarrow.compute as pc

    teks = pc.utf8_trim_whitespace(pa.array(seri.astype("string[pyarrow]")))
    polos = pc.fill_null(pc.and_(pc.match_substring_regex(teks, _POLA_POLOS),
                                 pc.invert(pc.match_substring_regex(teks, POLA_RIBUAN_TITIK))),
                         False)
    nilai = pc.cast(pc.if_else(polos, teks, pa.scalar(None, pa.string())), pa.float64())
    nilai = nilai.to_numpy(zero_copy_only=False).astype(float, copy=True)
    gagal = np.zeros(len(seri), dtype=bool)
    for i in np.flatnonzero(~polos.to_numpy(zero_copy_only=False)):
        try:
            nilai[i] = parse_angka(seri.iat[i])
        except NilaiTidakValid:
            gagal[i] = True
    return nilai, gagal


def _tanggal_ke_tahun(seri: pd.Series, berkas: str) -> tuple[pd.Series, list[Peringatan]]:
    """Excel dates in a tahun column are read as their year, with a warning."""
    if pd.api.types.is_numeric_dtype(seri) or pd.api.types.is_string_dtype(seri):
        return seri, []
    asli = seri.to_numpy(dtype=object)
    tanggal = np.array([isinstance(v, (dt.date, dt.datetime, pd.Timestamp)) for v in asli])
    if not tanggal.any():
        return seri, []
    # 2025 typed into a cell formatted as a date shows as 17/07/1905: Excel's day number
    # 2025 (days since 30 December 1899) is the year that was typed
    serial = [_serial_excel(v) if t and v.year < 1990 else None
              for v, t in zip(asli, tanggal, strict=True)]
    nilai = [s_ if s_ is not None else (v.year if t else v)
             for v, t, s_ in zip(asli, tanggal, serial, strict=True)]
    peringatan = []
    if any(t and s_ is None for t, s_ in zip(tanggal, serial, strict=True)):
        peringatan.append(Peringatan.di(berkas, "kolom 'tahun' berisi tanggal Excel; diambil "
                                        "tahunnya saja", kolom="tahun"))
    if any(x is not None for x in serial):
        i = next(i for i, x in enumerate(serial) if x is not None)
        peringatan.append(Peringatan.di(
            berkas, f"sel tahun berformat tanggal (mis. {asli[i]:%d/%m/%Y}) dibaca sebagai "
            f"angka yang diketik ({serial[i]}); ubah format sel menjadi angka", kolom="tahun"))
    return pd.Series(nilai, dtype=object), peringatan


def _serial_excel(tanggal) -> int | None:
    """The day number Excel stores for a date (1900 system), when it is a plausible year
    typed into a date-formatted cell; None otherwise."""
    hari = (pd.Timestamp(tanggal) - pd.Timestamp(1899, 12, 30)).days
    return hari if 1990 <= hari <= 2100 else None


@dataclass(frozen=True)
class _BacaanPasti:
    """A text-number pattern that the column's kind reads one way only."""

    pola: str             # the cells it applies to
    baca: object          # text -> float
    tampil: object        # text -> how the value is shown in the warning
    pesan: str            # why this reading is the only possible one


#: "1.450" in a 0-100 column (a percentage or an index) cannot be one thousand four
#: hundred fifty: the dot can only be a decimal point.
_TITIK_DESIMAL = _BacaanPasti(
    # one dot only: "1.000.000" has no decimal reading (it is read as a number and
    # refused by the column's range)
    r"^\d{1,3}\.\d{3}$", float, lambda t: str(float(t)).replace(".", ","),
    "angka bertitik dibaca sebagai desimal karena kolom ini bernilai 0-100")
#: "61,319" in a column of whole numbers cannot be sixty-one point three: the comma can
#: only group thousands.
_KOMA_RIBUAN = _BacaanPasti(
    r"^\d{1,3}(,\d{3})+$", lambda t: float(t.replace(",", "")), lambda t: t.replace(",", "."),
    "koma dibaca sebagai pemisah ribuan karena kolom ini berisi bilangan bulat")


def _baca_pasti(seri: pd.Series, bacaan: _BacaanPasti, berkas: str, df: pd.DataFrame,
                kolom: str) -> tuple[pd.Series, list[Peringatan]]:
    """Read the cells matching ``bacaan.pola`` its one possible way, and say so."""
    if pd.api.types.is_numeric_dtype(seri):
        return seri, []
    teks = seri.astype(pd.StringDtype("pyarrow")).str.strip()
    cocok = teks.str.fullmatch(bacaan.pola).fillna(False).to_numpy(dtype=bool)
    if not cocok.any():
        return seri, []
    if seri.dtype == object:  # numbers typed as numbers (XLSX) are read as they are
        cocok &= np.fromiter((isinstance(v, str) for v in seri.to_numpy()), bool, len(seri))
        if not cocok.any():
            return seri, []
    baru = seri.astype(object).copy()
    baru.iloc[np.flatnonzero(cocok)] = [bacaan.baca(t) for t in teks[cocok]]
    baris = df["_baris"].to_numpy()[cocok]
    daftar = ", ".join(str(int(b)) for b in baris[:10]) + (" dan lainnya" if len(baris) > 10
                                                            else "")
    contoh = teks[cocok].iloc[0]
    return baru, [Peringatan.di(
        berkas, f"{bacaan.pesan} (mis. '{contoh}' = {bacaan.tampil(contoh)}) pada baris "
        f"{daftar}; periksa bila maksudnya lain", kolom=kolom)]


#: A quarter written the Indonesian (or English) way: I-IV, TW1, TW I, TW-2, TW.3,
#: Triwulan 1, Triwulan III, Trw 2, Q1 (any case, spaces tolerated). A bare digit is a
#: number and needs no rewriting.
_POLA_TRIWULAN = re.compile(r"^(?:(?:triwulan|trw|tw|q)\s*[-.]?\s*)?(iv|i{1,3}|[1-4])$",
                            re.IGNORECASE)
_ROMAWI_TRIWULAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
TRIWULAN_DITERIMA = ("1, 2, 3 atau 4 (juga I-IV, TW1-TW4, TW I-TW IV, TW-2, Triwulan 1, "
                     "Triwulan III, Q1-Q4)")


def _baca_triwulan(seri: pd.Series) -> pd.Series:
    """Text cells naming a quarter (``_POLA_TRIWULAN``) as the numbers 1-4; every other
    cell as it was (numbers stay numbers, anything else is refused by the number check).
    The pattern runs once per distinct text, not once per cell."""
    if pd.api.types.is_numeric_dtype(seri):
        return seri
    asli = seri.to_numpy(dtype=object)
    teks = np.array([isinstance(v, str) for v in asli], dtype=bool)
    if not teks.any():
        return seri
    kode, unik = pd.factorize(pd.Series(asli[teks], dtype=object))
    arti = np.array([_satu_triwulan(v) for v in unik], dtype=object)[kode]
    cocok = pd.notna(arti)
    if not cocok.any():
        return seri
    baru = asli.copy()
    posisi = np.flatnonzero(teks)[cocok]
    baru[posisi] = arti[cocok]
    return pd.Series(baru, dtype=object)


def _satu_triwulan(teks: str) -> int | None:
    cocok = _POLA_TRIWULAN.match(" ".join(teks.split()))
    return _ROMAWI_TRIWULAN[cocok.group(1).lower()] if cocok else None


def _kolom_numerik(seri: pd.Series, nama: str, spek: Kolom, berkas: str, df: pd.DataFrame,
                   kode_wilayah: set[int] | None
                   ) -> tuple[np.ndarray, list[Masalah], list[Peringatan]]:
    """One numeric column checked against its kind: readable, not negative, whole where
    it must be, within its range, and (kode_wilayah) in the area reference."""
    peringatan: list[Peringatan] = []
    if spek.jenis == "tahun":
        seri, peringatan = _tanggal_ke_tahun(seri, berkas)
    elif spek.jenis == "triwulan":
        seri = _baca_triwulan(seri)
    elif spek.jenis == "skor":
        seri, peringatan = _baca_pasti(seri, _TITIK_DESIMAL, berkas, df, nama)
    elif spek.harus_bulat:
        seri, peringatan = _baca_pasti(seri, _KOMA_RIBUAN, berkas, df, nama)
    nilai, gagal = _kolom_angka(seri)
    posisi_gagal = np.flatnonzero(gagal)
    kosong = np.array([parse_kosong(seri.iat[i]) for i in posisi_gagal], dtype=bool)
    masalah: list[Masalah] = []
    if spek.jenis == "tahun":
        bukan_bulat = ~gagal & (np.mod(np.nan_to_num(nilai), 1) != 0)
        luar = ~gagal & ~bukan_bulat & ((nilai < 1990) | (nilai > 2100))
        masalah += _masalah_sel(berkas, df, np.flatnonzero(gagal | bukan_bulat), nama,
                                "tahun harus bilangan bulat empat angka")
        masalah += _masalah_sel(berkas, df, np.flatnonzero(luar), nama,
                                "tahun di luar rentang wajar 1990-2100")
        return np.nan_to_num(nilai).astype(int), masalah, peringatan
    if not spek.boleh_kosong:
        masalah += _masalah_sel(berkas, df, posisi_gagal[kosong], nama,
                                "sel kosong, harus diisi angka")
    isi = posisi_gagal[~kosong]
    if spek.jenis == "triwulan":  # the message lists a quarter's accepted spellings
        masalah += _masalah_sel(berkas, df, isi, nama,
                                f"bukan triwulan; tulis {TRIWULAN_DITERIMA}")
    else:
        persen = np.array(["%" in str(seri.iat[i]) for i in isi], dtype=bool)
        masalah += _masalah_sel(berkas, df, isi[~persen], nama, "bukan angka")
        masalah += _masalah_sel(berkas, df, isi[persen], nama,
                                "bukan angka: tulis tanpa tanda % (kolom ini sudah dalam "
                                "persen, mis. 1,54 untuk 1,54%)" if "%" in (spek.satuan or "")
                                else "bukan angka: tulis angkanya saja, tanpa tanda % atau "
                                "teks lain")
    ok = ~gagal
    negatif = ok & (nilai < 0)
    masalah += _masalah_sel(berkas, df, np.flatnonzero(negatif), nama,
                            "nilai negatif tidak diperbolehkan")
    ok &= ~negatif
    if spek.harus_bulat:
        pecahan = ok & (np.mod(np.nan_to_num(nilai), 1) != 0)
        apa = {"kode_wilayah": "kode wilayah", "triwulan": "triwulan"}.get(
            spek.jenis, f"jumlah {spek.satuan or 'unit'}".strip())
        masalah += _masalah_sel(berkas, df, np.flatnonzero(pecahan), nama,
                                f"{apa} harus bilangan bulat")
        ok &= ~pecahan
    atas, bawah = BATAS_ATAS.get(spek.jenis), BATAS_BAWAH.get(spek.jenis)
    if atas is not None or bawah is not None:
        luar = ok & (((nilai > atas) if atas is not None else False)
                     | ((nilai < bawah) if bawah is not None else False))
        if spek.jenis == "skor":
            pesan = "harus antara 0 dan 100 (persentase atau indeks)"
        elif spek.jenis == "triwulan":
            pesan = f"triwulan harus {TRIWULAN_DITERIMA}"
        else:
            pesan = f"nilai terlalu besar (batas {atas:,.0f})".replace(",", ".")
        masalah += _masalah_sel(berkas, df, np.flatnonzero(luar), nama, pesan)
        ok &= ~luar
    if spek.boleh_kosong and kosong.any():  # whole numbers, NaN where the cell is empty
        return np.where(ok, nilai, np.nan), masalah, peringatan
    if spek.jenis in ("kode_wilayah", "triwulan"):
        kode = np.where(ok, np.nan_to_num(nilai), 0).astype(np.int64)
        if spek.jenis == "kode_wilayah" and kode_wilayah is not None:
            asing = ok & ~np.isin(kode, list(kode_wilayah))
            masalah += _masalah_sel(berkas, df, np.flatnonzero(asing), nama,
                                    "kode wilayah tidak ada dalam referensi wilayah")
        return kode, masalah, peringatan
    return nilai, masalah, peringatan


_POLA_TANGGAL_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_POLA_TANGGAL_ID = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
#: 31 Maret 2025, 1 Jan 2025, 5-Agt-2025, 12 Nop. 2025: day, month name, year
_POLA_TANGGAL_NAMA = re.compile(r"^(\d{1,2})[\s/.-]*([^\W\d_]+)\.?[\s/.,-]*(\d{4})$")
#: Month names, full and abbreviated, Indonesian (with the older spellings Pebruari,
#: Nopember) and English; keys in lower case.
_NAMA_BULAN = {
    **dict.fromkeys(("januari", "jan", "january"), 1),
    **dict.fromkeys(("februari", "pebruari", "feb", "peb", "february"), 2),
    **dict.fromkeys(("maret", "mar", "march"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("agustus", "agt", "agu", "ags", "agus", "aug", "august"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "oct", "october"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "des", "dec", "december"), 12),
}
PESAN_BUKAN_TANGGAL = ("bukan tanggal (tulis YYYY-MM-DD, mis. 2025-03-31, DD/MM/YYYY, atau "
                       "dengan nama bulan, mis. 31 Maret 2025)")


def _satu_tanggal(v: object) -> dt.date | None:
    """A cell as a date: a spreadsheet date, YYYY-MM-DD, DD/MM/YYYY (Indonesian order) or
    day, month name and year (31 Maret 2025, 1 Jan 2025); None when it is not one. Empty
    cells are handled by the caller."""
    if isinstance(v, pd.Timestamp):
        return v.date()
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    teks = str(v).strip()
    cocok = _POLA_TANGGAL_ISO.match(teks)
    if cocok:
        th, bl, hr = (int(x) for x in cocok.groups())
    else:
        cocok = _POLA_TANGGAL_ID.match(teks)
        if cocok:
            hr, bl, th = (int(x) for x in cocok.groups())
        else:
            cocok = _POLA_TANGGAL_NAMA.match(" ".join(teks.split()))
            bl = _NAMA_BULAN.get(cocok.group(2).lower()) if cocok else None
            if bl is None:
                return None
            hr, th = int(cocok.group(1)), int(cocok.group(3))
    try:
        return dt.date(th, bl, hr)
    except ValueError:
        return None


def _pesan_bukan_tanggal(v: object) -> str:
    """Why a cell is not a date; ``4/15/2025`` is said to look like month/day (US order)."""
    cocok = _POLA_TANGGAL_ID.match(str(v).strip())
    if cocok:
        a, b, th = (int(x) for x in cocok.groups())
        try:
            dt.date(th, a, b)
        except ValueError:
            pass
        else:
            return (f"bukan tanggal hari/bulan/tahun (bulan {b} tidak ada); tampaknya ditulis "
                    f"bulan/hari/tahun (urutan Amerika): tulis YYYY-MM-DD, mis. "
                    f"{th}-{a:02d}-{b:02d}")
    return PESAN_BUKAN_TANGGAL


def _kolom_tanggal(seri: pd.Series, nama: str, berkas: str, df: pd.DataFrame,
                   cek_urutan: bool = True
                   ) -> tuple[pd.Series, list[Masalah], list[Peringatan]]:
    """A date column: each cell a date or empty (NaT). Unreadable cells are errors; a
    column that looks written month/day (``_urutan_bulan_hari``) an error or a warning."""
    asli = seri.to_numpy(dtype=object)
    nilai, masalah = [], []
    baris = df["_baris"].to_numpy()
    for i, v in enumerate(asli):
        if parse_kosong(v):
            nilai.append(pd.NaT)
            continue
        t = _satu_tanggal(v)
        if t is None:
            masalah.append(Masalah(berkas, _pesan_bukan_tanggal(v), int(baris[i]), nama,
                                   _tampil(v)))
            nilai.append(pd.NaT)
        else:
            nilai.append(pd.Timestamp(t))
    urutan = _urutan_bulan_hari(asli, baris, nama, berkas) if cek_urutan else []
    return pd.Series(pd.to_datetime(pd.Series(nilai, dtype=object)), dtype="datetime64[ns]"), \
        masalah + [m for m in urutan if isinstance(m, Masalah)], \
        [m for m in urutan if isinstance(m, Peringatan)]


_BULAN_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
#: Share of a/b/YYYY cells with one second number above which the column is said to have
#: "the same second number on (nearly) every row".
_PORSI_ANGKA_KEDUA_SAMA = 0.9


def _tanggal_tampil(th: int, bl: int, hr: int) -> str:
    return f"{hr} {_BULAN_ID[bl - 1]} {th}"


def _urutan_bulan_hari(asli: np.ndarray, baris: np.ndarray, nama: str, berkas: str
                       ) -> list[Masalah | Peringatan]:
    """Dates saved in US order (month/day/year) that read as day/month without error.

    An en-US Excel saves a date typed as a month (Apr 2025) as ``4/1/2025``: read as
    DD/MM every row falls in January. Day/month and month/day cannot be told apart for one
    cell, but a column can: when the second number of its a/b/YYYY cells is the same on
    (nearly) every row while the first takes several values, none above 12, the first is
    very likely the month (dates on the first of several months, US order). The other
    way round, ``1/4/2025``, ``1/7/2025`` (the first number always 1, the second varying)
    is the first of several months in Indonesian order, and is read as such. A cell whose
    second number is above 12 (``4/15/2025``) is refused by the date check itself; it is
    said to look like month/day there."""
    teks = np.array([isinstance(v, str) for v in asli], dtype=bool)
    if teks.sum() < 2:
        return []
    posisi = np.flatnonzero(teks)
    bagian = pd.Series(asli[teks], dtype=object).str.strip().str.extract(_POLA_TANGGAL_ID)
    cocok = bagian[0].notna().to_numpy(dtype=bool)
    if cocok.sum() < 2:
        return []
    posisi, bagian = posisi[cocok], bagian[cocok].astype(int)
    pertama, kedua, tahun = (bagian[k].to_numpy() for k in (0, 1, 2))
    if pertama.max() > 12 or len(np.unique(pertama)) < 2:
        return []
    nilai_kedua, jumlah = np.unique(kedua, return_counts=True)
    sering = int(nilai_kedua[jumlah.argmax()])
    if jumlah.max() < _PORSI_ANGKA_KEDUA_SAMA * len(kedua):
        return []
    # examples: cells read differently either way round, first rows first
    contoh = [i for i in range(len(posisi)) if pertama[i] != kedua[i]][:3]
    if not contoh:
        return []
    rincian = ", ".join(f"baris {int(baris[posisi[i]])}: '{str(asli[posisi[i]]).strip()}'"
                        for i in contoh)
    i = contoh[0]
    hr_bl = _tanggal_tampil(int(tahun[i]), int(kedua[i]), int(pertama[i]))
    bl_hr = _tanggal_tampil(int(tahun[i]), int(pertama[i]), int(kedua[i]))
    iso = f"{int(tahun[i])}-{int(pertama[i]):02d}-{int(kedua[i]):02d}"
    selalu = "selalu" if jumlah.max() == len(kedua) else "hampir selalu"
    # On the 1st of each month is what en-US Excel writes for a date typed as a month:
    # refused. Any other constant day can be a real campaign within one month (3, 5, 10
    # and 12 March): said, and read as written.
    jenis = Masalah if sering == 1 else Peringatan.di
    return [jenis(
        berkas, f"tanggal tampaknya ditulis bulan/hari/tahun (urutan Amerika, mis. dari Excel "
        f"berbahasa Inggris): angka kedua {selalu} {sering} sedangkan angka pertama "
        f"berganti-ganti dan tidak pernah lebih dari 12 ({rincian}). Dibaca hari/bulan, "
        f"'{str(asli[posisi[i]]).strip()}' menjadi {hr_bl}, padahal mungkin maksudnya "
        f"{bl_hr}; tulis tanggal sebagai YYYY-MM-DD (mis. {iso}) agar tidak keliru",
        int(baris[posisi[i]]), nama, str(asli[posisi[i]]).strip())]


def _triwulan_dari_tanggal(bersih: pd.DataFrame, berkas: str) -> list[Masalah]:
    """Derive ``triwulan`` from ``tanggal`` (in place): a date must lie in the row's year;
    where both columns are given they must agree, and an empty triwulan cell takes its
    date's quarter; without a triwulan column every row needs a date."""
    tanggal = bersih["tanggal"]
    ada = tanggal.notna().to_numpy()
    tahun_tgl = tanggal.dt.year.to_numpy()
    tw_tgl = ((tanggal.dt.month - 1) // 3 + 1).to_numpy()
    baris = bersih["_baris"].to_numpy()
    masalah = []
    for i in np.flatnonzero(ada & (tahun_tgl != bersih["tahun"].to_numpy())):
        masalah.append(Masalah(berkas, "tanggal di luar tahun baris ini "
                               f"({bersih['tahun'].iat[i]})", int(baris[i]), "tanggal",
                               tanggal.iat[i].date().isoformat()))
    if "triwulan" in bersih.columns:
        tw = bersih["triwulan"].to_numpy(dtype=float)
        if np.isnan(tw).any():  # an empty triwulan takes its date's quarter
            tw = np.where(np.isnan(tw) & ada, tw_tgl, tw)
            bersih["triwulan"] = tw if np.isnan(tw).any() else tw.astype(np.int64)
        for i in np.flatnonzero(ada & (tw != tw_tgl)):
            tgl = tanggal.iat[i].date().isoformat()
            masalah.append(Masalah(berkas, f"triwulan {int(tw[i])} tidak sesuai dengan tanggal "
                                   f"{tgl} (triwulan {int(tw_tgl[i])})",
                                   int(baris[i]), "triwulan", int(tw[i])))
    else:
        for i in np.flatnonzero(~ada):
            masalah.append(Masalah(berkas, "sel kosong: isi tanggal (atau kolom triwulan) "
                                   "agar baris ini masuk perhitungan triwulanan",
                                   int(baris[i]), "tanggal"))
        bersih["triwulan"] = np.nan_to_num(tw_tgl).astype(np.int64)
    return masalah


def _catatan_kode(berkas, kolom, df, asli, kanonik, berubah, contoh=5) -> Peringatan:
    """Warning listing which ID cells were normalised (a few examples with their rows)."""
    posisi = np.flatnonzero(berubah)
    baris = df["_baris"].to_numpy()
    rincian = "; ".join(f"baris {int(baris[i])}: {tampil_tak_tampak(asli.iat[i])} -> "
                        f"'{kanonik.iat[i]}'" for i in posisi[:contoh])
    sisa = f"; dan {len(posisi) - contoh} sel lain" if len(posisi) > contoh else ""
    return Peringatan(f"Berkas '{berkas}', kolom '{kolom}': {len(posisi)} kode diseragamkan "
                      "(huruf besar/kecil, spasi, karakter tak tampak atau bentuk Unicode) dan "
                      f"dianggap kode yang sama: {rincian}{sisa}.", berkas, kolom=kolom)


#: A cell of dashes only (hyphen, en dash, em dash, minus sign): empty, in a column that
#: may be empty (kode_opsional); validasi_cepat hands such columns to the careful path.
POLA_STRIP = "^[-\u2010\u2012\u2013\u2014\u2212]+$"  # (the characters themselves: RE2 too)
_BILANGAN_BULAT = r"^\s*-?\d+\s*$"
_PECAHAN = r"^\s*\d{1,3}\s*$"


def _desimal_terbelah(df: pd.DataFrame, skema: Skema, berkas: str) -> list[Masalah]:
    """In a comma-separated file, ``IKU3,2025,4,44`` meant as the target 4,44 is split by
    its decimal comma: 4 in ``target``, "44" in the next column. When that next column is
    not one of the table's numbers (a ``keterangan`` added by the office, or a text column
    such as ``sumber``) the row is no wider than the header and nothing else notices: the
    report would show 4. A whole number in a percentage or index column, followed by 1-3
    digits alone in such a column, is refused with the way to write it, unless that
    column holds digits alone in at least half of the other rows (a page number by
    design), where only a fraction with a leading zero ("00", "05") is. (Beside another
    number column the split makes the row wider than the header, or puts the fraction
    where that column's own checks read it.)"""
    if df.attrs.get(ATTR_PEMISAH) != ",":
        return []
    # by position: spare columns may share a name
    kolom = [(j, k) for j, k in enumerate(df.columns) if k != "_baris"]
    masalah: list[Masalah] = []
    for (j, kiri), (j_kanan, kanan) in itertools.pairwise(kolom):
        spek = skema.kolom.get(kiri)
        spek_kanan = skema.kolom.get(kanan)
        # percentages and indices, where decimals are the rule (money is whole: a whole
        # rupiah followed by an office's count column is not a split)
        if (spek is None or spek.jenis != "skor" or spek.harus_bulat
                or (spek_kanan is not None and spek_kanan.jenis in JENIS_ANGKA)):
            continue
        a = df.iloc[:, j].astype("string")
        b = df.iloc[:, j_kanan].astype("string")
        calon = (a.str.match(_BILANGAN_BULAT).fillna(False)
                 & b.str.match(_PECAHAN).fillna(False)).to_numpy(dtype=bool)
        if not calon.any():
            continue
        # A column of numbers by design (a page or sequence number beside every row) is
        # not a split: judged on the rows that are not suspects (when every row is one,
        # that is the split's own signature in a percentage column). Beside such a column
        # a fraction with a leading zero ("00", "05") still is one.
        lain = ~calon
        angka = b.str.match(r"^\s*\d+\s*$").fillna(False).to_numpy(dtype=bool)
        if lain.any() and angka[lain].sum() * 2 >= lain.sum():
            calon &= b.str.match(r"^\s*0\d").fillna(False).to_numpy(dtype=bool)
            if not calon.any():
                continue
        baris = df["_baris"].to_numpy()
        for i in np.flatnonzero(calon):
            x, y = a.iat[i].strip(), b.iat[i].strip()
            masalah.append(Masalah(
                berkas, f"angka {x} diikuti '{y}' saja di kolom '{kanan}': tampaknya "
                f"{x},{y} dengan koma desimal yang memecah sel di berkas berpemisah koma; "
                f"tulis {x}.{y} (titik) atau \"{x},{y}\" (dalam tanda kutip), atau, bila {x} "
                f"memang benar dan '{y}' sebuah catatan, tulis catatan itu dengan kata-kata",
                nomor_baris(baris[i]), kiri, x))
    return masalah


def periksa_tabel(df: pd.DataFrame, jenis: str, berkas: str, kode_wilayah: set[int] | None
                  ) -> tuple[pd.DataFrame, list[Peringatan]]:
    """Check and type one raw table against its schema (``SKEMA[jenis]``): every column's
    kind, unit, range and whole-number rule, then the unique key. Returns the typed table
    and the warnings; raises DataIKUError listing every problem with file, row, column."""
    skema = SKEMA[jenis]
    # "Aset" beside "aset": one of the table's columns twice once the header is tidied,
    # and which is meant cannot be guessed (two spare "catatan" columns or blank spacer
    # columns are ignored, as any extra column is)
    nama = pd.Index(df.columns)
    judul = df.attrs.get(ATTR_BARIS_JUDUL, 1)  # the header's row (below empty XLSX rows)
    ganda = sorted({str(k) for k in nama[nama.duplicated()] if k in skema.kolom})
    if ganda:
        raise DataIKUError([Masalah(berkas, "judul kolom muncul lebih dari sekali (sama setelah "
                                    "huruf besar/kecil dan spasi disamakan); hapus atau ganti "
                                    "nama salah satunya", judul, k) for k in ganda])
    hilang = [k for k in skema.kolom if k not in df.columns and k not in skema.opsional]
    if hilang:
        raise DataIKUError([Masalah(berkas, "kolom wajib tidak ada", judul, k) for k in hilang])
    # merged XLSX cells that read otherwise than Excel shows, in the table's own columns
    tolak_gabungan(df, skema.kolom)
    masalah: list[Masalah] = []
    peringatan: list[Peringatan] = []
    bersih = pd.DataFrame({"_baris": df["_baris"].to_numpy()})
    for kolom, spek in skema.kolom.items():
        if kolom not in df.columns:
            continue
        seri = df[kolom].reset_index(drop=True)
        if spek.jenis in JENIS_ANGKA:
            bersih[kolom], m, w = _kolom_numerik(seri, kolom, spek, berkas, df, kode_wilayah)
            masalah += m
            peringatan += w
        elif spek.jenis == "ya_tidak":
            # parse_ya_tidak once per distinct value, not once per cell
            kode, unik = pd.factorize(seri, use_na_sentinel=False)
            arti = np.array([_ya_tidak_atau_none(v) for v in unik], dtype=object)[kode]
            ya, tidak = arti == True, arti == False  # noqa: E712 - elementwise on objects
            masalah += _masalah_sel(berkas, df, np.flatnonzero(~(ya | tidak)), kolom,
                                    "bukan ya/tidak (yang diterima: ya/tidak, y/t, 1/0, "
                                    "true/false)")
            bersih[kolom] = ya
        elif spek.jenis == "tanggal":
            # beside a triwulan column, each date is checked against its row's quarter
            # (_triwulan_dari_tanggal): that decides the order, not the column's shape
            bersih[kolom], m, w = _kolom_tanggal(seri, kolom, berkas, df,
                                                 cek_urutan="triwulan" not in df.columns)
            peringatan += w
            masalah += m
        else:  # teks, kode
            teks_asli = pd.api.types.is_string_dtype(seri)
            teks = seri.astype(pd.StringDtype("pyarrow")).fillna("").str.strip()
            # 12.0 from a numeric Excel cell is the identifier 12
            if spek.jenis in ("kode", "kode_opsional") and not teks_asli:
                teks = teks.str.replace(r"\.0$", "", regex=True)
            if spek.jenis == "kode_opsional":
                # "-" (or an en/em dash) is how a spreadsheet says "nothing here"
                teks = teks.mask(teks.str.fullmatch(POLA_STRIP).fillna(False), "")
            if spek.jenis in ("kode", "kode_opsional"):
                # IDs differing only by case, invisible characters, odd spaces or Unicode
                # form are one unit: one spelling each, so that duplicates and the
                # year-to-year match (IKU2) compare the normalised key.
                asli_kode = teks
                teks, berubah = samakan_id(teks, huruf_besar=(kolom == "kode_iku"))
                if berubah.any():
                    peringatan.append(_catatan_kode(berkas, kolom, df, asli_kode, teks,
                                                    berubah))
            if spek.jenis != "kode_opsional":
                kosong = teks.eq("").to_numpy(dtype=bool)
                masalah += _masalah_sel(berkas, df, np.flatnonzero(kosong), kolom,
                                        "sel kosong, harus diisi")
            bersih[kolom] = teks
    masalah += _desimal_terbelah(df, skema, berkas)
    if not masalah and "tanggal" in bersih.columns:
        masalah += _triwulan_dari_tanggal(bersih, berkas)
    if masalah:
        raise DataIKUError(masalah)
    kunci_ada = [k for k in skema.kunci if k in bersih.columns]
    if _ada_duplikat(bersih, kunci_ada):
        duplikat = bersih.duplicated(kunci_ada, keep="first")
        kunci = ", ".join(kunci_ada)
        ganda = bersih[bersih.duplicated(kunci_ada, keep=False)]
        masalah = []
        for posisi in np.flatnonzero(duplikat.to_numpy()):
            baris = bersih.iloc[posisi]
            sama = ganda[(ganda[kunci_ada] == baris[kunci_ada]).all(axis=1)]
            pertama = nomor_baris(sama["_baris"].iloc[0])
            # each key from its own typed column (a row Series would turn 2025 into 2025.0)
            nilai = ", ".join(str(bersih[k].iat[posisi]) for k in kunci_ada)
            masalah.append(Masalah(berkas, f"kunci ganda ({kunci}) sama dengan baris {pertama}",
                                   nomor_baris(baris["_baris"]), kunci_ada[-1], nilai))
            if len(masalah) >= 20:
                break
        raise DataIKUError(masalah)
    return bersih, peringatan
