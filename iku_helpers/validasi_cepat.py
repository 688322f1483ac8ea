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


def _bulat(kolom: pa.ChunkedArray) -> np.ndarray | None:
    """int64 values of an integer column without nulls whose values a float holds
    exactly (so the careful path's float round trip gives the same numbers); else None."""
    if not pa.types.is_integer(kolom.type) or kolom.null_count or len(kolom) == 0:
        return None
    rentang = pc.min_max(kolom).as_py()
    if rentang["min"] < -(2**53) or rentang["max"] > 2**53:
        return None
    nilai = _gabung(kolom).to_numpy(zero_copy_only=False)
    return nilai.astype(np.int64, copy=False)


def _tahun(kolom: pa.ChunkedArray) -> np.ndarray:
    bulat = _bulat(kolom)
    if bulat is not None:  # a year column stored as integers: a range check is enough
        if bulat.min() < 1990 or bulat.max() > 2100:
            raise _BukanJalurCepat
        return bulat
    nilai = _angka(kolom)
    if (np.mod(nilai, 1) != 0).any() or (nilai < 1990).any() or (nilai > 2100).any():
        raise _BukanJalurCepat
    return nilai.astype(int)


def _kode_wilayah(kolom: pa.ChunkedArray, kode_wilayah: set[int] | None) -> np.ndarray:
    kode = _bulat(kolom)
    if kode is None:
        kode = _angka(kolom).astype(np.int64)
    elif kode.min() < 0:
        raise _BukanJalurCepat
    if kode_wilayah is not None:
        unik = pc.unique(pa.array(kode)).to_numpy()
        if not np.isin(unik, np.fromiter(kode_wilayah, dtype=np.int64)).all():
            raise _BukanJalurCepat
    return kode


def _ya_tidak(kolom: pa.ChunkedArray) -> np.ndarray:
    if kolom.null_count:
        raise _BukanJalurCepat
    jenis = kolom.type
    dasar = jenis.value_type if pa.types.is_dictionary(jenis) else jenis
    if not (pa.types.is_string(dasar) or pa.types.is_large_string(dasar)
            or pa.types.is_integer(dasar) or pa.types.is_floating(dasar)
            or pa.types.is_boolean(dasar)):
        raise _BukanJalurCepat
    ya = []
    for v in pc.unique(kolom).to_pylist():  # one parse per distinct value, as the careful
        try:                                # path does
            if parse_ya_tidak(v):
                ya.append(v)
        except NilaiTidakValid:
            raise _BukanJalurCepat from None
    himpunan = pa.array(ya, type=dasar)
    if pa.types.is_dictionary(jenis):  # look up each distinct value once, then index
        bagian = [pc.is_in(c.dictionary, value_set=himpunan).to_numpy(zero_copy_only=False)[
            c.indices.to_numpy(zero_copy_only=False)] for c in kolom.chunks]
        return np.concatenate(bagian) if bagian else np.zeros(0, dtype=bool)
    return _gabung(pc.is_in(kolom, value_set=himpunan)).to_numpy(zero_copy_only=False)


def _teks(kolom: pa.ChunkedArray) -> pd.Series:
    jenis = kolom.type
    if not (pa.types.is_string(jenis) or pa.types.is_large_string(jenis)):
        raise _BukanJalurCepat  # numbers as ids (12.0 -> "12") are the careful path's
    if kolom.null_count:
        raise _BukanJalurCepat
    teks = pc.utf8_trim_whitespace(kolom)
    panjang = pc.binary_length(teks)
    if len(teks) and pc.min(panjang).as_py() == 0:
        raise _BukanJalurCepat
    if pc.sum(panjang).as_py() == pc.sum(pc.binary_length(kolom)).as_py():
        teks = kolom  # nothing was trimmed: keep the column as read, not a second copy
    # The careful path's astype(StringDtype("pyarrow")) keeps large_string storage
    return pd.Series(pd.arrays.ArrowStringArray(teks.cast(pa.large_string())), copy=False)


_PENGALI = np.uint64(0x9E3779B97F4A7C15)


def _campur(h: np.ndarray, nilai: np.ndarray) -> np.ndarray:
    """One step of a 64-bit multiplicative hash (wrapping arithmetic)."""
    h = (h ^ nilai) * _PENGALI
    return h ^ (h >> np.uint64(29))


_BLOK = 1 << 20  # rows hashed at a time: bounds the temporary arrays to a few MB


def _hash_teks(kolom: pa.ChunkedArray, h: np.ndarray) -> np.ndarray | None:
    """Fold each string into h, 8 bytes at a time read straight from Arrow's buffers
    (no Python objects, no copy of the text); None for strings over 64 bytes (the sort
    decides those)."""
    posisi = 0
    for potongan in kolom.chunks:
        if len(potongan) == 0:
            continue
        _, buf_offset, buf_data = potongan.buffers()
        lebar = np.int64 if pa.types.is_large_string(potongan.type) else np.int32
        offset = np.frombuffer(buf_offset, dtype=lebar)[
            potongan.offset:potongan.offset + len(potongan) + 1].astype(np.int64)
        panjang_semua = np.diff(offset)
        if panjang_semua.max() > 64:
            return None
        data = (np.frombuffer(buf_data, dtype=np.uint8) if buf_data is not None
                else np.zeros(0, dtype=np.uint8))
        if len(data) < 8:
            data = np.concatenate([data, np.zeros(8, dtype=np.uint8)])
        # every 8-byte window of the text buffer, as one little-endian integer
        jendela = np.ndarray(shape=(len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
        ujung = len(jendela) - 1
        for a in range(0, len(potongan), _BLOK):
            awal = offset[a:a + _BLOK + 1][:-1]
            panjang = panjang_semua[a:a + _BLOK]
            hb = _campur(h[posisi + a:posisi + a + len(awal)], panjang.astype(np.uint64))
            for mulai in range(0, int(panjang.max()) if len(panjang) else 0, 8):
                pos = awal + mulai
                # windows near the end of the buffer start earlier and are shifted back
                geser = np.maximum(pos - ujung, 0).astype(np.uint64)
                kata = jendela[np.minimum(pos, ujung)] >> (geser * np.uint64(8))
                sisa = np.clip(panjang - mulai, 0, 8).astype(np.uint64)
                kata &= np.where(sisa >= 8, np.uint64(0xFFFFFFFFFFFFFFFF),
                                 (np.uint64(1) << (sisa * np.uint64(8))) - np.uint64(1))
                hb = _campur(hb, kata)
            h[posisi + a:posisi + a + len(awal)] = hb
        posisi += len(potongan)
    return h


def _ada_kunci_ganda_urut(kolom: list[pa.ChunkedArray | np.ndarray]) -> bool:
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


def _ada_kunci_ganda(kolom: list[pa.ChunkedArray | np.ndarray]) -> bool:
    """Whether a (composite) key repeats. A 64-bit hash of each key, sorted: all hashes
    distinct proves all keys distinct; any equal pair (a real repeat or, rarely, a
    collision) is settled exactly by sorting the keys themselves."""
    n = len(kolom[0]) if kolom else 0
    if n < 2:
        return False
    h = np.zeros(n, dtype=np.uint64)
    for k in kolom:
        if isinstance(k, np.ndarray) and k.dtype.kind in "iu":
            h = _campur(h, k.astype(np.int64).view(np.uint64))
            continue
        k = k if isinstance(k, pa.ChunkedArray) else pa.chunked_array([pa.array(k)])
        if not (pa.types.is_string(k.type) or pa.types.is_large_string(k.type)):
            return _ada_kunci_ganda_urut(kolom)
        h = _hash_teks(k, h)
        if h is None:
            return _ada_kunci_ganda_urut(kolom)
    h.sort()
    if not (h[1:] == h[:-1]).any():
        return False
    return _ada_kunci_ganda_urut(kolom)


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
    skema = SKEMA[jenis]
    peta = {n: a for n, a in zip(normal, nama_asli, strict=True) if n in skema.kolom}
    # ya/tidak text has a handful of distinct values: read it as a dictionary
    kamus = [a for n, a in peta.items() if skema.kolom[n] == "ya_tidak" and (
        pa.types.is_string(berkas.schema_arrow.field(a).type)
        or pa.types.is_large_string(berkas.schema_arrow.field(a).type))]
    try:
        if kamus:
            berkas = pq.ParquetFile(path, read_dictionary=kamus)
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
