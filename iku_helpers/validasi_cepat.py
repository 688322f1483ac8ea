"""Fast path for large Parquet tables: read only the schema's columns with pyarrow and
validate them in Arrow, without turning text into Python objects.

The contract is strict: the result is exactly the frame ``validasi.periksa_tabel``
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


def _jenis(spek) -> str:
    """A column's kind (validasi.Kolom, or a bare kind name)."""
    return getattr(spek, "jenis", spek)


def _numerik(kolom: pa.ChunkedArray, spek, kode_wilayah: set[int] | None) -> np.ndarray:
    """A numeric column the careful path would accept without a message or a warning:
    readable, not negative, whole where it must be, within its kind's range and (area
    codes) in the reference. Typed as the careful path types it."""
    from .validasi import BATAS_ATAS, BATAS_BAWAH

    jenis = _jenis(spek)
    harus_bulat = getattr(spek, "harus_bulat", jenis in ("tahun", "kode_wilayah", "jumlah"))
    bulat = _bulat(kolom)
    if bulat is not None:
        if bulat.min() < 0:
            raise _BukanJalurCepat
        rendah, tinggi = float(bulat.min()), float(bulat.max())
    else:
        nilai = _angka(kolom)  # raises for blanks, text other than plain digits, negatives
        if harus_bulat and (np.mod(nilai, 1) != 0).any():
            raise _BukanJalurCepat
        rendah, tinggi = (float(nilai.min()), float(nilai.max())) if len(nilai) else (0, 0)
    atas, bawah = BATAS_ATAS.get(jenis), BATAS_BAWAH.get(jenis)
    if (atas is not None and tinggi > atas) or (bawah is not None and rendah < bawah):
        raise _BukanJalurCepat
    if jenis in ("tahun", "kode_wilayah", "triwulan"):
        kode = bulat if bulat is not None else nilai.astype(np.int64)
        if jenis == "kode_wilayah" and kode_wilayah is not None:
            unik = pc.unique(pa.array(kode)).to_numpy()
            if not np.isin(unik, np.fromiter(kode_wilayah, dtype=np.int64)).all():
                raise _BukanJalurCepat
        return kode
    return bulat.astype(float) if bulat is not None else nilai


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


def _buffer_teks(potongan: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(data buffer, offsets buffer) of one string array as numpy views, no copy; cell i
    of the array is data[offsets[potongan.offset + i]:offsets[potongan.offset + i + 1]]."""
    _, buf_offset, buf_data = potongan.buffers()
    lebar = np.int64 if pa.types.is_large_string(potongan.type) else np.int32
    data = (np.frombuffer(buf_data, dtype=np.uint8) if buf_data is not None
            else np.zeros(0, dtype=np.uint8))
    return data, np.frombuffer(buf_offset, dtype=lebar)


def _byte_teks(potongan: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(bytes, offsets) of one string array, read from Arrow's buffers without a copy;
    cell i is bytes[offsets[i]:offsets[i + 1]]."""
    data, offset = _buffer_teks(potongan)
    return data, offset[potongan.offset:potongan.offset + len(potongan) + 1].astype(np.int64)


def _byte_isi(potongan: pa.Array) -> np.ndarray:
    """The bytes of all cells of one non-empty string array, back to back (a view of
    Arrow's data buffer; only the first and last offsets are read)."""
    data, offset = _buffer_teks(potongan)
    return data[int(offset[potongan.offset]):int(offset[potongan.offset + len(potongan)])]


def _mungkin_berspasi_tepi(kolom: pa.ChunkedArray) -> bool:
    """False when no cell can start or end with whitespace: every non-empty cell's first
    and last byte is printable ASCII other than a space (Unicode spaces start with a byte
    >= 0x80). A quick test on two bytes a cell, so clean columns skip the trim."""
    for potongan in kolom.chunks:
        if len(potongan) == 0:  # (its buffers may be absent)
            continue
        data, offset = _byte_teks(potongan)
        if len(data) == 0:  # every cell empty: no edges
            continue
        # An empty cell's "first byte" is the next cell's first and its "last byte" the
        # previous cell's last (or, clipped, a byte at the buffer's ends): bytes outside
        # the cells can only make the answer True, which is always safe ("maybe").
        for ujung in (offset[:-1], offset[1:] - 1):
            # printable ASCII other than a space is 0x21..0x7E: below 0x21 wraps to >= 0xDF
            if np.subtract(np.take(data, ujung, mode="clip"), np.uint8(0x21)).max() > 0x5D:
                return True
    return False


def _ada_spasi_ganda(kolom: pa.ChunkedArray) -> bool:
    """Whether two spaces follow each other anywhere in the text buffers (within a cell,
    or across two cells, which trimmed cells cannot give)."""
    for potongan in kolom.chunks:
        if len(potongan) == 0:  # (its buffers may be absent)
            continue
        # the positions of the spaces, few in IDs and names: two in a row differ by 1
        if np.count_nonzero(np.diff(np.flatnonzero(_byte_isi(potongan) == 0x20)) == 1):
            return True
    return False


def _teks(kolom: pa.ChunkedArray, boleh_kosong: bool = False) -> pd.Series:
    jenis = kolom.type
    if not (pa.types.is_string(jenis) or pa.types.is_large_string(jenis)):
        raise _BukanJalurCepat  # numbers as ids (12.0 -> "12") are the careful path's
    if kolom.null_count:
        raise _BukanJalurCepat
    teks = pc.utf8_trim_whitespace(kolom) if _mungkin_berspasi_tepi(kolom) else kolom
    panjang = pc.binary_length(teks)
    if not boleh_kosong and len(teks) and pc.min(panjang).as_py() == 0:
        raise _BukanJalurCepat
    if teks is not kolom and pc.sum(panjang).as_py() == pc.sum(pc.binary_length(kolom)).as_py():
        teks = kolom  # nothing was trimmed: keep the column as read, not a second copy
    # The careful path's astype("string[pyarrow]") keeps large_string storage
    return pd.Series(pd.arrays.ArrowStringArray(teks.cast(pa.large_string())), copy=False)


# MurmurHash3's 64-bit finaliser (fmix64): every input bit reaches every output bit
_FMIX_1, _FMIX_2, _FMIX_GESER = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53),
                                 np.uint64(33))


def _campur(h: np.ndarray, nilai: np.ndarray) -> np.ndarray:
    """One step of the key hash, in place in h: h = fmix64(h ^ nilai)."""
    np.bitwise_xor(h, nilai, out=h)
    np.bitwise_xor(h, h >> _FMIX_GESER, out=h)
    np.multiply(h, _FMIX_1, out=h)
    np.bitwise_xor(h, h >> _FMIX_GESER, out=h)
    np.multiply(h, _FMIX_2, out=h)
    np.bitwise_xor(h, h >> _FMIX_GESER, out=h)
    return h


# _TOPENG[k]: the low k bytes of a little-endian word (k = 0..8)
_TOPENG = np.array([(1 << (8 * k)) - 1 for k in range(9)], dtype=np.uint64)
_BLOK = 1 << 20  # rows hashed at a time: bounds the temporary arrays to a few MB


def _hash_teks(kolom: pa.ChunkedArray, h: np.ndarray) -> np.ndarray | None:
    """Fold each string into h, in place: its length, then each of its 8-byte words in
    turn, h = fmix64(h ^ word) (``_campur``; the last word's bytes past the string's end masked to
    zero). A string folds in only its own words, so its hash depends on its own bytes, not
    on how many words the longest string of its part has: equal keys hash equally in
    whichever part or chunk they lie (a key repeated across parts is found). fmix64 is a
    full avalanche mix and the words are chained: IDs built from counters
    (KOP-0001-000001, 16-digit NIK) give no more equal hashes than chance, and an equal
    pair sends the table to the exact sort. None for strings over 64 bytes (the sort
    decides those). The bytes are read from Arrow's buffers and copied once, a block
    of rows at a time, with zero bytes after them, so that every word is read whole."""
    posisi = 0
    for potongan in kolom.chunks:
        if len(potongan) == 0:  # (its buffers may be absent)
            continue
        data, offset_semua = _byte_teks(potongan)
        if int(np.diff(offset_semua).max()) > 64:
            return None
        for a in range(0, len(potongan), _BLOK):
            offset = offset_semua[a:a + _BLOK + 1]
            panjang = np.diff(offset)
            hb = _campur(h[posisi + a:posisi + a + len(panjang)], panjang.view(np.uint64))
            a0, a1 = int(offset[0]), int(offset[-1])
            # the block's bytes and 72 zero bytes: a cell's word at mulai < 64 then
            # always lies in the copy, also for cells shorter than mulai (masked below)
            salinan = np.zeros(a1 - a0 + 72, dtype=np.uint8)
            salinan[:a1 - a0] = data[a0:a1]
            # every 8-byte window of the copy, as one little-endian integer
            jendela = np.ndarray(shape=(a1 - a0 + 65,), dtype="<u8", buffer=salinan,
                                 strides=(1,))
            awal = offset[:-1] - a0
            terpendek = int(panjang.min())
            for mulai in range(0, int(panjang.max()), 8):
                kata = jendela[awal + mulai]
                if mulai + 8 > terpendek:  # some cell ends within this word
                    kata &= _TOPENG[np.clip(panjang - mulai, 0, 8)]
                _campur(kata, hb)
                if mulai < terpendek:
                    hb[:] = kata
                else:  # a cell that ended before this word keeps its hash
                    np.copyto(hb, kata, where=panjang > mulai)
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


def _hash_kunci(kolom: list[pa.ChunkedArray | np.ndarray]) -> np.ndarray | None:
    """A 64-bit hash per row of a (composite) key; None when a column cannot be hashed
    here (not integers or text, or text over 64 bytes)."""
    h = np.zeros(len(kolom[0]), dtype=np.uint64)
    for k in kolom:
        if isinstance(k, np.ndarray) and k.dtype.kind in "iu":
            _campur(h, k.astype(np.int64, copy=False).view(np.uint64))
            continue
        k = k if isinstance(k, pa.ChunkedArray) else pa.chunked_array([pa.array(k)])
        if not (pa.types.is_string(k.type) or pa.types.is_large_string(k.type)):
            return None
        h = _hash_teks(k, h)
        if h is None:
            return None
    return h


def _ada_hash_ganda(h: np.ndarray) -> bool:
    h.sort()
    return bool((h[1:] == h[:-1]).any())


def _ada_kunci_ganda(kolom: list[pa.ChunkedArray | np.ndarray]) -> bool:
    """Whether a (composite) key repeats. A 64-bit hash of each key, sorted: all hashes
    distinct proves all keys distinct; any equal pair (a real repeat or, rarely, a
    collision) is settled exactly by sorting the keys themselves."""
    if not kolom or len(kolom[0]) < 2:
        return False
    h = _hash_kunci(kolom)
    if h is not None and not _ada_hash_ganda(h):
        return False
    return _ada_kunci_ganda_urut(kolom)


def _ada_di_antara(data: np.ndarray, awal: int, akhir: int, kerja: np.ndarray) -> bool:
    """Whether a byte lies in awal..akhir (uint8 arithmetic wraps below awal); ``kerja``
    is a scratch array of data's size (no allocation per test)."""
    np.subtract(data, np.uint8(awal), out=kerja)
    return bool(np.count_nonzero(np.less_equal(kerja, np.uint8(akhir - awal))))


def _huruf_ascii(kolom: pa.ChunkedArray) -> tuple[bool, bool] | None:
    """(any lower-case letter, any upper-case letter) in a text column whose every cell is
    printable ASCII without two spaces in a row; None otherwise. Read from the byte
    buffers (measured: about 2,4 ms a part of 131 072 IDs, against 6,4 ms for the Arrow
    kernels it replaces)."""
    if _ada_spasi_ganda(kolom):
        return None
    kecil = besar = False
    for potongan in kolom.chunks:
        if len(potongan) == 0:  # (its buffers may be absent)
            continue
        isi = _byte_isi(potongan)
        if len(isi) == 0:
            continue
        if isi.min() < 0x20 or isi.max() > 0x7E:
            return None
        kerja = np.empty_like(isi)
        kecil = kecil or _ada_di_antara(isi, ord("a"), ord("z"), kerja)
        besar = besar or _ada_di_antara(isi, ord("A"), ord("Z"), kerja)
    return kecil, besar


_BACA_SENDIRI = object()  # _akan_dieja_ulang: no _huruf_ascii result given


def _akan_dieja_ulang(seri: pd.Series, huruf_besar: bool,
                      huruf: tuple[bool, bool] | None | object = _BACA_SENDIRI) -> bool:
    """Whether ``parsing.samakan_id`` would respell a cell of this trimmed ID column.
    IDs in printable ASCII without double spaces are unchanged by normalisation and their
    key is their ``ascii_lower``, so they are decided from which letters occur: an IKU
    code is respelt (to upper case) when it has a lower-case letter; another ID keeps its
    spelling when the column has letters of one case only (samakan_id's own shortcut,
    ``parsing._satu_ejaan_per_kunci``, in its byte form: for printable ASCII, "every text
    is its own key, or no text has a lower-case letter" means exactly that). Anything
    else asks ``samakan_id`` itself."""
    from .parsing import samakan_id

    if huruf is _BACA_SENDIRI:  # (a caller that has _huruf_ascii's answer passes it)
        huruf = _huruf_ascii(seri.array._pa_array)
    if huruf is not None:
        kecil, besar = huruf
        if huruf_besar:
            return kecil
        if not (kecil and besar):
            return False
    _, berubah = samakan_id(seri, huruf_besar=huruf_besar)
    return bool(berubah.any())


def _validasi_kolom(tabel: pa.Table, skema, kode_wilayah: set[int] | None,
                    huruf_id: dict | None = None) -> dict:
    """Each schema column present, checked and typed as the careful path types it.
    ``huruf_id``, when given, receives for each identifier column (other than kode_iku)
    what ``_huruf_ascii`` found in it: a table checked part by part must still decide
    respelling over the whole column (:func:`_validasi_bertahap`)."""
    if any(k not in tabel.column_names and k not in skema.opsional for k in skema.kolom):
        raise _BukanJalurCepat
    from .validasi import JENIS_ANGKA, POLA_STRIP

    hasil: dict[str, object] = {}
    for nama, spek in skema.kolom.items():
        if nama not in tabel.column_names:
            continue
        kolom = tabel[nama]
        jenis = _jenis(spek)
        if jenis in JENIS_ANGKA:
            hasil[nama] = _numerik(kolom, spek, kode_wilayah)
        elif jenis == "ya_tidak":
            hasil[nama] = _ya_tidak(kolom)
        elif jenis in ("teks", "kode", "kode_opsional"):
            hasil[nama] = _teks(kolom, boleh_kosong=jenis == "kode_opsional")
            if jenis == "kode_opsional" and pc.any(pc.match_substring_regex(
                    hasil[nama].array._pa_array, POLA_STRIP)).as_py():
                raise _BukanJalurCepat  # "-" is read as empty by the careful path
            if jenis != "teks":
                # an identifier the careful path would respell (case, invisible
                # characters, Unicode form) takes the careful path, with its warning
                huruf = _huruf_ascii(hasil[nama].array._pa_array)
                if _akan_dieja_ulang(hasil[nama], nama == "kode_iku", huruf):
                    raise _BukanJalurCepat
                if huruf_id is not None and nama != "kode_iku":
                    huruf_id[nama] = huruf
        else:  # tanggal (which also sets triwulan) and any kind added later
            raise _BukanJalurCepat
    return hasil


def _sebagai_kunci(nilai: object) -> pa.ChunkedArray | np.ndarray:
    return nilai.array._pa_array if isinstance(nilai, pd.Series) else nilai


def validasi_arrow(tabel: pa.Table, jenis: str, kode_wilayah: set[int] | None) -> pd.DataFrame:
    """The cleaned frame of an Arrow table whose column names are already normalised,
    or _BukanJalurCepat when the careful path must look at it."""
    from .validasi import SKEMA

    skema = SKEMA[jenis]
    hasil = _validasi_kolom(tabel, skema, kode_wilayah)
    kunci = [_sebagai_kunci(hasil[k]) for k in skema.kunci if k in hasil]
    if _ada_kunci_ganda(kunci):
        raise _BukanJalurCepat
    n = tabel.num_rows
    return pd.DataFrame({"_baris": np.arange(2, n + 2, dtype=np.int64), **hasil}, copy=False)


_BARIS_PER_BAGIAN = 1 << 17


def _dengan_baca_depan(bagian_bagian):
    """The items of an iterator, the next one read on a second thread while the caller
    checks the current one (Parquet decoding overlaps the checks; one part more in
    memory). Stopping early waits for the part being read, then stops."""
    from concurrent.futures import ThreadPoolExecutor

    selesai = object()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="parquet") as pembaca:
        berikut = pembaca.submit(next, bagian_bagian, selesai)
        while (bagian := berikut.result()) is not selesai:
            berikut = pembaca.submit(next, bagian_bagian, selesai)
            yield bagian


def _validasi_bertahap(path: Path, jenis: str, kode_wilayah: set[int] | None,
                       kolom: list[str], tahun: set[int] | None) -> pd.DataFrame:
    """Every row checked, a part (row batch) at a time; only ``kolom`` of the rows of
    ``tahun`` kept. Memory: the kept part, one batch and 8 bytes a row for the keys."""
    from .validasi import SKEMA

    skema = SKEMA[jenis]
    dibuka = _buka_parquet(path, jenis)
    if dibuka is None:
        raise _BukanJalurCepat
    berkas, peta = dibuka
    if any(k not in peta and k not in skema.opsional for k in skema.kolom):
        raise _BukanJalurCepat
    kolom = [k for k in kolom if k in peta]
    n = berkas.metadata.num_rows
    kunci = [k for k in skema.kunci if k in peta]
    h = np.zeros(n, dtype=np.uint64) if kunci else None
    simpan: dict[str, list] = {k: [] for k in ["_baris", *kolom]}
    kolom_teks: set[str] = set()
    # per identifier column: (any lower-case letter, any upper-case letter) so far
    huruf_semua: dict[str, tuple[bool, bool]] = {}
    pos = 0
    for bagian in _dengan_baca_depan(berkas.iter_batches(
            batch_size=_BARIS_PER_BAGIAN, columns=list(peta.values()), use_threads=True)):
        tabel = pa.Table.from_batches([bagian]).rename_columns(
            [_normalisasi_kolom(k) for k in bagian.schema.names])
        huruf_bagian: dict = {}
        hasil = _validasi_kolom(tabel, skema, kode_wilayah, huruf_bagian)
        for nama, huruf in huruf_bagian.items():
            # samakan_id gives every cell of a key the spelling of the key's first cell
            # in the whole column: one part cannot see another part's spelling. IDs of
            # one letter case throughout (or without letters) are never respelt; any
            # other column is the careful path's to decide (and to warn about).
            if huruf is None:
                raise _BukanJalurCepat
            kecil, besar = huruf_semua.get(nama, (False, False))
            huruf_semua[nama] = kecil or huruf[0], besar or huruf[1]
            if all(huruf_semua[nama]):
                raise _BukanJalurCepat
        m = tabel.num_rows
        if h is not None:
            hb = _hash_kunci([_sebagai_kunci(hasil[k]) for k in kunci])
            if hb is None:
                raise _BukanJalurCepat
            h[pos:pos + m] = hb
        hasil["_baris"] = np.arange(pos + 2, pos + m + 2, dtype=np.int64)
        pilih = None if tahun is None else np.isin(hasil["tahun"], list(tahun))
        for k in simpan:
            nilai = hasil[k]
            if isinstance(nilai, pd.Series):
                kolom_teks.add(k)
                teks = nilai.array._pa_array
                simpan[k].extend((teks if pilih is None else teks.filter(pa.array(pilih))
                                  ).chunks)
            else:
                simpan[k].append(nilai if pilih is None else nilai[pilih])
        pos += m
    if h is not None and _ada_hash_ganda(h):
        raise _BukanJalurCepat  # a repeat (or a collision): the careful path decides
    del h
    hasil = {}
    for k, bagian in simpan.items():
        if k in kolom_teks:
            hasil[k] = pd.Series(pd.arrays.ArrowStringArray(
                pa.chunked_array(bagian, type=pa.large_string())), copy=False)
        else:
            hasil[k] = np.concatenate(bagian)
    return pd.DataFrame(hasil, copy=False)


def _buka_parquet(path: Path, jenis: str) -> tuple[pq.ParquetFile, dict[str, str]] | None:
    """The file opened for reading (ya/tidak text as dictionaries) and its schema columns
    (normalised name -> name in the file); None when the careful reader must look."""
    from .validasi import SKEMA

    try:
        berkas = pq.ParquetFile(path)
        skema_arrow = berkas.schema_arrow
    except Exception:  # noqa: BLE001 - the careful reader words the error
        return None
    nama_asli = skema_arrow.names
    normal = [_normalisasi_kolom(k) for k in nama_asli]
    if len(set(normal)) != len(normal) or berkas.metadata.num_rows == 0:
        return None
    skema = SKEMA[jenis]
    peta = {n: a for n, a in zip(normal, nama_asli, strict=True) if n in skema.kolom}
    # ya/tidak text has a handful of distinct values: read it as a dictionary
    kamus = [a for n, a in peta.items() if _jenis(skema.kolom[n]) == "ya_tidak" and (
        pa.types.is_string(skema_arrow.field(a).type)
        or pa.types.is_large_string(skema_arrow.field(a).type))]
    if kamus:
        try:
            berkas = pq.ParquetFile(path, read_dictionary=kamus)
        except Exception:  # noqa: BLE001
            return None
    return berkas, peta


def baca_parquet_arrow(path: Path, jenis: str) -> pa.Table | None:
    """The schema's columns of a Parquet file, renamed to their normalised names; None
    when the file cannot be read that way (the careful path then reports why)."""
    dibuka = _buka_parquet(path, jenis)
    if dibuka is None:
        return None
    berkas, peta = dibuka
    try:
        tabel = berkas.read(columns=list(peta.values()), use_threads=True)
    except Exception:  # noqa: BLE001
        return None
    return tabel.rename_columns([_normalisasi_kolom(k) for k in tabel.column_names])


def muat_parquet_tervalidasi(path: Path | str, jenis: str, berkas: str,
                             kode_wilayah: set[int] | None, peringatan: list[str], *,
                             kolom: list[str] | None = None,
                             tahun: set[int] | None = None) -> pd.DataFrame:
    """``periksa_tabel(baca_tabel(path, berkas, peringatan=peringatan), jenis, berkas,
    kode_wilayah)`` (its warnings added to ``peringatan``), the same frame and the same
    errors, taking the Arrow
    path when the file is plainly clean. Raises DataIKUError.

    With ``kolom`` and/or ``tahun`` (for a national computation that needs a few columns
    of one or two years) every row is still checked, part by part, but only those
    columns (and ``_baris``) of the rows of those years are kept: the result equals the
    full frame filtered to those rows and columns, with a fresh index.
    """
    path = Path(path)
    ramping = kolom is not None or tahun is not None
    if path.suffix.lower() == ".parquet" and path.is_file():
        try:
            if ramping:
                return _validasi_bertahap(path, jenis, kode_wilayah,
                                          _kolom_disimpan(jenis, kolom), tahun)
            tabel = baca_parquet_arrow(path, jenis)
            if tabel is not None:
                return validasi_arrow(tabel, jenis, kode_wilayah)
        except _BukanJalurCepat:
            pass
        tabel = None
    from .loaders import baca_tabel
    from .validasi import periksa_tabel

    bersih, catatan = periksa_tabel(baca_tabel(path, berkas, peringatan=peringatan), jenis,
                                    berkas, kode_wilayah)
    peringatan.extend(catatan)
    if not ramping:
        return bersih
    if tahun is not None:
        bersih = bersih[np.isin(bersih["tahun"].to_numpy(), list(tahun))]
    return bersih[["_baris", *[k for k in _kolom_disimpan(jenis, kolom)
                               if k in bersih.columns]]].reset_index(drop=True)


def periksa_parquet(path: Path | str, jenis: str, berkas: str,
                    kode_wilayah: set[int] | None, *, kolom: list[str] | None = None,
                    tahun: set[int] | None = None) -> tuple[pd.DataFrame, list]:
    """``periksa_tabel``'s form of :func:`muat_parquet_tervalidasi`: the typed table and
    the warnings (none on the Arrow path, which accepts only what needs no warning)."""
    catatan: list = []
    bersih = muat_parquet_tervalidasi(path, jenis, berkas, kode_wilayah, catatan,
                                      kolom=kolom, tahun=tahun)
    return bersih, catatan


def _kolom_disimpan(jenis: str, kolom: list[str] | None) -> list[str]:
    """The kept columns in schema order (all of the schema's when None)."""
    from .validasi import SKEMA

    semua = list(SKEMA[jenis].kolom)
    return semua if kolom is None else [k for k in semua if k in kolom]
