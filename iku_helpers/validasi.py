"""Validation of input tables: types, ranges, keys and area codes.

Each check is vectorised where it can be (national tables hold millions of rows) and
falls back to per-cell parsing only for cells the fast path cannot read, so messages
can still name the exact row, column and value. Functions return the cleaned frame or
raise DataIKUError; they chain with ``DataFrame.pipe``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import DataIKUError, Masalah
from .parsing import POLA_RIBUAN_TITIK, NilaiTidakValid, parse_angka, parse_ya_tidak
from .parsing import kosong as parse_kosong

#: Column kinds: tahun; kode_wilayah; jumlah (count of persons/units, >= 0);
#: rupiah (>= 0); ya_tidak; teks (non-empty text); nilai (number >= 0); kode (non-empty id).
JENIS_KOLOM = ("tahun", "kode_wilayah", "jumlah", "rupiah", "ya_tidak", "teks", "nilai", "kode")


@dataclass(frozen=True)
class Skema:
    kolom: dict[str, str]           # name -> kind
    kunci: tuple[str, ...]          # duplicate-key columns
    opsional: tuple[str, ...] = ()  # columns that may be absent


SKEMA: dict[str, Skema] = {
    "penduduk_bekerja": Skema(
        {"tahun": "tahun", "kode_wilayah": "kode_wilayah", "nama_wilayah": "teks",
         "penduduk_bekerja": "jumlah"}, ("tahun", "kode_wilayah"), ("nama_wilayah",)),
    "tenaga_kerja_kukm": Skema(
        {"tahun": "tahun", "kode_wilayah": "kode_wilayah", "nama_wilayah": "teks",
         "tenaga_kerja_koperasi": "jumlah", "tenaga_kerja_ukm": "jumlah"},
        ("tahun", "kode_wilayah"), ("nama_wilayah",)),
    "evaluasi_koperasi": Skema(
        {"tahun": "tahun", "nomor_induk_koperasi": "kode", "nama_koperasi": "teks",
         "kode_wilayah": "kode_wilayah", "rat": "ya_tidak", "volume_usaha": "rupiah",
         "aset": "rupiah"}, ("tahun", "nomor_induk_koperasi")),
    "evaluasi_usaha_kecil": Skema(
        {"tahun": "tahun", "id_usaha": "kode", "nama_usaha": "teks",
         "kode_wilayah": "kode_wilayah", "menjadi_wirausaha": "ya_tidak"},
        ("tahun", "id_usaha")),
    # kode_wilayah is optional: a national table holds one indeks per province.
    "indeks_rb": Skema({"tahun": "tahun", "kode_wilayah": "kode_wilayah", "indeks": "nilai"},
                       ("tahun", "kode_wilayah"), ("kode_wilayah",)),
    "komponen_rb": Skema(
        {"tahun": "tahun", "kelompok": "teks", "komponen": "teks", "bobot": "nilai",
         "nilai": "nilai"}, ("tahun", "komponen")),
    "target_iku": Skema({"kode_iku": "kode", "tahun": "tahun", "target": "nilai"},
                        ("kode_iku", "tahun")),
}



def _masalah_sel(berkas, df, posisi, kolom, pesan) -> list[Masalah]:
    if len(posisi) == 0:
        return []
    baris = df["_baris"].to_numpy()
    nilai = df[kolom].to_numpy()
    return [Masalah(berkas, pesan, int(baris[i]), kolom, _tampil(nilai[i])) for i in posisi]


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
        nilai = seri.to_numpy(dtype=float, na_value=np.nan, copy=True)
        return nilai, np.isnan(nilai)
    if pd.api.types.is_string_dtype(seri):
        return _kolom_angka_teks(seri)
    # object columns (XLSX cells, the careful CSV reader): a mix of numbers and text
    asli = seri.to_numpy(dtype=object)
    angka = np.array([isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
                      for v in asli], dtype=bool)
    nilai = np.full(len(seri), np.nan)
    gagal = np.zeros(len(seri), dtype=bool)
    nilai[angka] = asli[angka].astype(float)
    gagal[angka] = np.isnan(nilai[angka])
    if (~angka).any():
        teks = pd.Series(asli[~angka]).astype(str).where(pd.notna(asli[~angka]), None)
        nilai[~angka], gagal[~angka] = _kolom_angka_teks(teks)
    return nilai, gagal


_POLA_POLOS = r"^-?\d+(\.\d+)?$"  # 1586320, 1586.32, -5: but see POLA_RIBUAN_TITIK


def _kolom_angka_teks(seri: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Numbers from a text column: plain numbers in bulk with Arrow, the rest (Indonesian
    grouping, decimal commas, Rp, blanks, garbage) one by one with parse_angka."""
    import pyarrow as pa
    import pyarrow.compute as pc

    teks = pc.utf8_trim_whitespace(pa.array(seri.astype(pd.StringDtype("pyarrow"))))
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


def _kolom_tahun(seri: pd.Series, berkas, df, peringatan) -> tuple[np.ndarray, list[Masalah]]:
    if pd.api.types.is_numeric_dtype(seri) or pd.api.types.is_string_dtype(seri):
        tanggal = np.zeros(len(seri), dtype=bool)
    else:
        asli = seri.to_numpy(dtype=object)
        tanggal = np.array([isinstance(v, (dt.date, dt.datetime, pd.Timestamp)) for v in asli])
    if tanggal.any():
        peringatan.append(f"Berkas '{berkas}': kolom 'tahun' berisi tanggal Excel; "
                          "diambil tahunnya saja.")
        seri = pd.Series([v.year if t else v for v, t in zip(asli, tanggal, strict=True)],
                         dtype=object)
    nilai, gagal = _kolom_angka(seri)
    bukan_bulat = ~gagal & (np.mod(np.nan_to_num(nilai), 1) != 0)
    luar = ~gagal & ((nilai < 1990) | (nilai > 2100))
    masalah = _masalah_sel(berkas, df, np.flatnonzero(gagal | bukan_bulat), "tahun",
                           "tahun harus bilangan bulat empat angka")
    masalah += _masalah_sel(berkas, df, np.flatnonzero(luar & ~bukan_bulat), "tahun",
                            "tahun di luar rentang wajar 1990-2100")
    return np.nan_to_num(nilai).astype(int), masalah


def validasi_tabel(df: pd.DataFrame, jenis: str, berkas: str, kode_wilayah: set[int] | None,
                   peringatan: list[str]) -> pd.DataFrame:
    """Check and type one raw table against its schema. Raises DataIKUError."""
    skema = SKEMA[jenis]
    hilang = [k for k in skema.kolom if k not in df.columns and k not in skema.opsional]
    if hilang:
        raise DataIKUError([Masalah(berkas, "kolom wajib tidak ada", 1, k) for k in hilang])
    masalah: list[Masalah] = []
    bersih = pd.DataFrame({"_baris": df["_baris"].to_numpy()})
    for kolom, jenis_kolom in skema.kolom.items():
        if kolom not in df.columns:
            continue
        seri = df[kolom].reset_index(drop=True)
        if jenis_kolom == "tahun":
            bersih[kolom], m = _kolom_tahun(seri, berkas, df, peringatan)
            masalah += m
        elif jenis_kolom in ("jumlah", "rupiah", "nilai", "kode_wilayah"):
            nilai, gagal = _kolom_angka(seri)
            posisi_gagal = np.flatnonzero(gagal)
            kosong = np.array([parse_kosong(seri.iat[i]) for i in posisi_gagal], dtype=bool)
            masalah += _masalah_sel(berkas, df, posisi_gagal[kosong], kolom,
                                    "sel kosong, harus diisi angka")
            masalah += _masalah_sel(berkas, df, posisi_gagal[~kosong], kolom, "bukan angka")
            negatif = ~gagal & (nilai < 0)
            masalah += _masalah_sel(berkas, df, np.flatnonzero(negatif), kolom,
                                    "nilai negatif tidak diperbolehkan")
            if jenis_kolom == "kode_wilayah":
                kode = np.nan_to_num(nilai).astype(np.int64)
                if kode_wilayah is not None:
                    asing = ~gagal & ~np.isin(kode, list(kode_wilayah))
                    masalah += _masalah_sel(berkas, df, np.flatnonzero(asing), kolom,
                                            "kode wilayah tidak ada dalam referensi wilayah")
                bersih[kolom] = kode
            else:
                bersih[kolom] = nilai
        elif jenis_kolom == "ya_tidak":
            # parse_ya_tidak once per distinct value, not once per cell
            kode, unik = pd.factorize(seri, use_na_sentinel=False)
            arti = np.array([_ya_tidak_atau_none(v) for v in unik], dtype=object)[kode]
            ya, tidak = arti == True, arti == False  # noqa: E712 - elementwise on objects
            masalah += _masalah_sel(berkas, df, np.flatnonzero(~(ya | tidak)), kolom,
                                    "bukan ya/tidak (yang diterima: ya/tidak, y/t, 1/0, "
                                    "true/false)")
            bersih[kolom] = ya
        else:  # teks, kode
            teks_asli = pd.api.types.is_string_dtype(seri)
            teks = seri.astype(pd.StringDtype("pyarrow")).fillna("").str.strip()
            if jenis_kolom == "kode" and not teks_asli:  # 12.0 from a numeric Excel cell
                teks = teks.str.replace(r"\.0$", "", regex=True)
            kosong = teks.eq("").to_numpy(dtype=bool)
            masalah += _masalah_sel(berkas, df, np.flatnonzero(kosong), kolom,
                                    "sel kosong, harus diisi")
            bersih[kolom] = teks
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
            pertama = int(sama["_baris"].iloc[0])
            nilai = ", ".join(str(baris[k]) for k in kunci_ada)
            masalah.append(Masalah(berkas, f"kunci ganda ({kunci}) sama dengan baris {pertama}",
                                   int(baris["_baris"]), kunci_ada[-1], nilai))
            if len(masalah) >= 20:
                break
        raise DataIKUError(masalah)
    return bersih
