"""Fast path for large Parquet tables: read only the schema's columns with pyarrow and
validate them in Arrow, without turning text into Python objects.

The contract is strict: the result is exactly the frame ``validasi.validasi_tabel``
returns for the same file read by ``loaders.baca_tabel`` (same columns, order, dtypes
and values), and every error is exactly its error. The fast path only *accepts*: it
checks that each column is plainly clean (numbers stored as numbers or as plain digits,
text present, ya/tidak readable, area codes in the reference, keys unique). As soon as
it sees anything else (a bad cell, a blank, an Excel-style date, a type it does not
handle) it hands the whole file to the careful path, which names the file, row, column
and value. Errors are therefore the careful path's own, by construction, and a clean
national table never becomes millions of Python strings.

    from iku_helpers.validasi_cepat import muat_parquet_tervalidasi
    bersih = muat_parquet_tervalidasi(path, "evaluasi_usaha_kecil", "usaha.parquet",
                                      kode_wilayah, peringatan)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .parsing import POLA_RIBUAN_TITIK, NilaiTidakValid, parse_ya_tidak

_POLA_POLOS = r"^-?\d+(\.\d+)?$"  # the same plain-number rule as validasi._POLA_POLOS


class _BukanJalurCepat(Exception):
    """The table is not plainly clean: the careful path must decide (and word) it."""


def _normalisasi_kolom(kolom: object) -> str:
    # the same as loaders._normalisasi_kolom
    teks = "" if kolom is None else str(kolom)
    return teks.replace("\ufeff", "").strip().lower().replace(" ", "_")


def _gabung(kolom: pa.ChunkedArray | pa.Array) -> pa.Array:
    return kolom.combine_chunks() if isinstance(kolom, pa.ChunkedArray) else kolom


def _angka(kolom: pa.ChunkedArray) -> np.ndarray:
    """Float values of a column that the careful path would read without complaint."""
    jenis = kolom.type
    if kolom.null_count:
        raise _BukanJalurCepat
    if pa.types.is_integer(jenis) or pa.types.is_floating(jenis):
        nilai = _gabung(kolom).to_numpy(zero_copy_only=False).astype(float, copy=False)
    elif pa.types.is_string(jenis) or pa.types.is_large_string(jenis):
        teks = pc.utf8_trim_whitespace(kolom)
        polos = pc.and_(pc.match_substring_regex(teks, _POLA_POLOS),
                        pc.invert(pc.match_substring_regex(teks, POLA_RIBUAN_TITIK)))
        if not pc.all(polos).as_py():
            raise _BukanJalurCepat  # Indonesian grouping, Rp, blanks: parse_angka's work
        nilai = _gabung(pc.cast(teks, pa.float64())).to_numpy(zero_copy_only=False)
    else:
        raise _BukanJalurCepat  # bool, dates, decimals, dictionaries: the careful path
    if not np.isfinite(nilai).all() or (nilai < 0).any():
        raise _BukanJalurCepat
    return nilai


def _tahun(kolom: pa.ChunkedArray) -> np.ndarray:
    nilai = _angka(kolom)
    if (np.mod(nilai, 1) != 0).any() or (nilai < 1990).any() or (nilai > 2100).any():
        raise _BukanJalurCepat
    return nilai.astype(int)


def _kode_wilayah(kolom: pa.ChunkedArray, kode_wilayah: set[int] | None) -> np.ndarray:
    kode = _angka(kolom).astype(np.int64)
    if kode_wilayah is not None:
        unik = np.unique(kode)
        if not np.isin(unik, np.fromiter(kode_wilayah, dtype=np.int64)).all():
            raise _BukanJalurCepat
    return kode


def _ya_tidak(kolom: pa.ChunkedArray) -> np.ndarray:
    if kolom.null_count:
        raise _BukanJalurCepat
    jenis = kolom.type
    if not (pa.types.is_string(jenis) or pa.types.is_large_string(jenis)
            or pa.types.is_integer(jenis) or pa.types.is_floating(jenis)
            or pa.types.is_boolean(jenis)):
        raise _BukanJalurCepat
    unik = pc.unique(kolom)
    ya = []
    for v in unik.to_pylist():  # one parse per distinct value, as the careful path does
        try:
            if parse_ya_tidak(v):
                ya.append(v)
        except NilaiTidakValid:
            raise _BukanJalurCepat from None
    benar = pc.is_in(kolom, value_set=pa.array(ya, type=jenis))
    return _gabung(benar).to_numpy(zero_copy_only=False)


def _teks(kolom: pa.ChunkedArray) -> pd.Series:
    jenis = kolom.type
    if not (pa.types.is_string(jenis) or pa.types.is_large_string(jenis)):
        raise _BukanJalurCepat  # numbers as ids (12.0 -> "12") are the careful path's
    if kolom.null_count:
        raise _BukanJalurCepat
    teks = pc.utf8_trim_whitespace(kolom)
    if pc.any(pc.equal(pc.utf8_length(teks), 0)).as_py():
        raise _BukanJalurCepat
    # The careful path's astype(StringDtype("pyarrow")) keeps large_string storage
    return pd.Series(pd.arrays.ArrowStringArray(teks.cast(pa.large_string())), copy=False)


def _ada_kunci_ganda(kolom: list[pa.ChunkedArray | np.ndarray]) -> bool:
    """Whether a (composite) key repeats: sort with Arrow, compare neighbours."""
    tabel = pa.table({f"k{i}": k for i, k in enumerate(kolom)})
    if tabel.num_rows < 2:
        return False
    urut = tabel.take(pc.sort_indices(tabel, sort_keys=[(n, "ascending")
                                                        for n in tabel.column_names]))
    sama = None
    for n in urut.column_names:
        k = urut[n]
        setara = pc.equal(k.slice(1), k.slice(0, len(k) - 1))
        sama = setara if sama is None else pc.and_(sama, setara)
    return bool(pc.any(sama).as_py())


def validasi_arrow(tabel: pa.Table, jenis: str, kode_wilayah: set[int] | None) -> pd.DataFrame:
    """The cleaned frame of an Arrow table whose column names are already normalised,
    or _BukanJalurCepat when the careful path must look at it."""
    from .validasi import SKEMA

    skema = SKEMA[jenis]
    if any(k not in tabel.column_names and k not in skema.opsional for k in skema.kolom):
        raise _BukanJalurCepat
    n = tabel.num_rows
    kolom_bersih: dict[str, object] = {"_baris": np.arange(2, n + 2, dtype=np.int64)}
    kunci: dict[str, object] = {}
    for nama, jenis_kolom in skema.kolom.items():
        if nama not in tabel.column_names:
            continue
        kolom = tabel[nama]
        if jenis_kolom == "tahun":
            nilai = _tahun(kolom)
        elif jenis_kolom == "kode_wilayah":
            nilai = _kode_wilayah(kolom, kode_wilayah)
        elif jenis_kolom in ("jumlah", "rupiah", "nilai"):
            nilai = _angka(kolom)
        elif jenis_kolom == "ya_tidak":
            nilai = _ya_tidak(kolom)
        else:  # teks, kode
            nilai = _teks(kolom)
        kolom_bersih[nama] = nilai
        if nama in skema.kunci:
            kunci[nama] = nilai.array._pa_array if isinstance(nilai, pd.Series) else nilai
    if _ada_kunci_ganda([kunci[k] for k in skema.kunci if k in kunci]):
        raise _BukanJalurCepat
    return pd.DataFrame(kolom_bersih, copy=False)


def baca_parquet_arrow(path: Path, jenis: str) -> pa.Table | None:
    """The schema's columns of a Parquet file, renamed to their normalised names; None
    when the file cannot be read that way (the careful path then reports why)."""
    from .validasi import SKEMA

    try:
        berkas = pq.ParquetFile(path)
        nama_asli = berkas.schema_arrow.names
    except Exception:  # noqa: BLE001 - the careful reader words the error
        return None
    normal = [_normalisasi_kolom(k) for k in nama_asli]
    if len(set(normal)) != len(normal) or berkas.metadata.num_rows == 0:
        return None
    peta = {n: a for n, a in zip(normal, nama_asli, strict=True) if n in SKEMA[jenis].kolom}
    try:
        tabel = berkas.read(columns=list(peta.values()), use_threads=True)
    except Exception:  # noqa: BLE001
        return None
    return tabel.rename_columns([_normalisasi_kolom(k) for k in tabel.column_names])


def muat_parquet_tervalidasi(path: Path | str, jenis: str, berkas: str,
                             kode_wilayah: set[int] | None,
                             peringatan: list[str]) -> pd.DataFrame:
    """``validasi_tabel(baca_tabel(path, berkas, peringatan=peringatan), jenis, berkas,
    kode_wilayah, peringatan)``, the same frame and the same errors, taking the Arrow
    path when the file is plainly clean. Raises DataIKUError."""
    path = Path(path)
    tabel = None
    if path.suffix.lower() == ".parquet" and path.is_file():
        tabel = baca_parquet_arrow(path, jenis)
    if tabel is not None:
        try:
            return validasi_arrow(tabel, jenis, kode_wilayah)
        except _BukanJalurCepat:
            pass
        del tabel
    from .loaders import baca_tabel
    from .validasi import validasi_tabel

    return validasi_tabel(baca_tabel(path, berkas, peringatan=peringatan), jenis, berkas,
                          kode_wilayah, peringatan)
