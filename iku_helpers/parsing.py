"""Reading messy cell values: Indonesian numbers, ya/tidak answers, area names.

Rules (documented in data/README.md):

* Numbers stored as numbers are taken as they are.
* Text numbers may carry "Rp", spaces and non-breaking spaces, and may use either
  convention:
  - both "." and "," present: the one that comes last is the decimal mark
    ("1.586,32" -> 1586.32, "1,586.32" -> 1586.32);
  - only ",": decimal comma ("1,24" -> 1.24), unless it is a clean thousands
    pattern with several groups ("1,586,320" -> 1586320);
  - only ".": thousands separator when every group after the first has exactly
    three digits ("1.586.320" -> 1586320, "1.500" -> 1500), otherwise a decimal
    point ("1586.32" -> 1586.32).
* ya/tidak in any case, trimmed; accepted variants: ya/y/iya/yes/true/benar/1 and
  tidak/t/tdk/no/n/false/salah/0.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata

import numpy as np
import pandas as pd

_YA = {"ya", "y", "iya", "yes", "true", "benar", "1", "1.0"}
_TIDAK = {"tidak", "t", "tdk", "no", "n", "false", "salah", "0", "0.0", "tidak ada"}

#: "1.586.320": dots group thousands when every group after the first has 3 digits.
POLA_RIBUAN_TITIK = r"^\d{1,3}(\.\d{3})+$"
_RIBUAN_TITIK = re.compile(POLA_RIBUAN_TITIK)
_RIBUAN_KOMA = re.compile(r"^\d{1,3}(,\d{3}){2,}$")
_ANGKA = re.compile(r"^\d+(\.\d+)?$")
_TAG_HTML = re.compile(r"<[^>]*>")


class NilaiTidakValid(ValueError):
    """A single cell could not be read; the caller adds file/row/column."""


def kosong(nilai: object) -> bool:
    """True for None, NaN, NaT, pandas NA and blank strings."""
    if nilai is None or nilai is pd.NA:
        return True
    if isinstance(nilai, str):
        return nilai.strip() == ""
    try:
        return bool(nilai != nilai) or nilai is np.nan  # NaN / NaT
    except (TypeError, ValueError):
        return False


def parse_angka(nilai: object) -> float:
    """Read one number written the Indonesian (or English) way. Raises NilaiTidakValid."""
    if isinstance(nilai, bool):
        raise NilaiTidakValid("bukan angka")
    if isinstance(nilai, (int, np.integer)):
        return float(nilai)
    if isinstance(nilai, (float, np.floating)):
        if math.isnan(nilai) or math.isinf(nilai):
            raise NilaiTidakValid("kosong atau bukan angka")
        return float(nilai)
    if not isinstance(nilai, str):
        raise NilaiTidakValid("bukan angka")
    teks = unicodedata.normalize("NFKC", nilai).strip()
    teks = re.sub(r"^rp\.?", "", teks, flags=re.IGNORECASE).strip()
    # "Rp7.723.035.000,-": the dash after the decimal mark says "no sen"
    teks = re.sub(r"(?<=\d)[,.]-$", "", teks)
    teks = teks.replace(" ", "")  # NFKC has already made non-breaking spaces plain
    negatif = False
    if teks.startswith("-"):
        negatif, teks = True, teks[1:]
    elif teks.startswith("(") and teks.endswith(")"):
        negatif, teks = True, teks[1:-1]
    if not teks:
        raise NilaiTidakValid("kosong")
    ada_titik, ada_koma = "." in teks, "," in teks
    if ada_titik and ada_koma:
        if teks.rfind(",") > teks.rfind("."):
            teks = teks.replace(".", "").replace(",", ".")
        else:
            teks = teks.replace(",", "")
    elif ada_koma:
        if _RIBUAN_KOMA.match(teks):
            teks = teks.replace(",", "")
        elif teks.count(",") == 1:
            teks = teks.replace(",", ".")
        else:
            raise NilaiTidakValid("bukan angka")
    elif ada_titik and _RIBUAN_TITIK.match(teks):
        teks = teks.replace(".", "")
    if not _ANGKA.match(teks):
        raise NilaiTidakValid("bukan angka")
    hasil = float(teks)
    return -hasil if negatif else hasil


def parse_ya_tidak(nilai: object) -> bool:
    """Read a ya/tidak answer. Raises NilaiTidakValid for anything else."""
    if isinstance(nilai, (bool, np.bool_)):
        return bool(nilai)
    if isinstance(nilai, (int, float, np.integer, np.floating)) and not kosong(nilai):
        if nilai == 1:
            return True
        if nilai == 0:
            return False
        raise NilaiTidakValid("bukan ya/tidak")
    if not isinstance(nilai, str) or kosong(nilai):
        raise NilaiTidakValid("kosong, harus ya atau tidak")
    teks = nilai.strip().lower()
    if teks in _YA:
        return True
    if teks in _TIDAK:
        return False
    raise NilaiTidakValid("bukan ya/tidak (yang diterima: ya/tidak, y/t, 1/0, true/false)")


def bersihkan_label(label: object) -> str:
    """Strip HTML tags/entities and surrounding whitespace from a label."""
    teks = html.unescape(_TAG_HTML.sub("", str(label)))
    return re.sub(r"\s+", " ", teks).strip()


def kunci_nama(nama: object) -> str:
    """Key for matching a name written by hand in different rows or years (a program, a
    komponen RB): letter case and runs of spaces do not matter ("Program pemberdayaan
    UMKM " is "Program Pemberdayaan UMKM"); everything else does."""
    return " ".join(str(nama).split()).casefold()


def normalisasi_nama(nama: object) -> str:
    """Key for matching area names: lower case, no punctuation or spaces.

    "Kab. Toli-Toli", "TOLITOLI" and "Toli Toli" all become "tolitoli"; the prefixes
    "kabupaten"/"kab." are dropped but "kota" is kept, so "Kota Palu" is not "Palu"
    unless the area reference lists both spellings.
    """
    teks = bersihkan_label(nama).lower()
    teks = unicodedata.normalize("NFKD", teks)
    teks = re.sub(r"^(kabupaten|kab\.?)\s*", "", teks)
    return re.sub(r"[^a-z0-9]", "", teks)


#: Invisible format characters (Unicode category Cf: zero-width space/joiners, BOM, soft
#: hyphen, word joiner, direction marks) are removed from identifiers; any run of spaces
#: (non-breaking and other Unicode spaces, tabs, control characters) becomes one space.
_POLA_TAK_TAMPAK = r"\p{Cf}"
_POLA_SPASI = r"[\s\p{Z}\p{Cc}]+"


def _teks_arrow(seri: pd.Series):
    """The cells as one contiguous Arrow string array (pandas may hold Arrow-backed text
    in several chunks; Arrow's masks and dictionaries want one)."""
    import pyarrow as pa

    arr = pa.array(seri.astype("string[pyarrow]").fillna(""))
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _seri(arr, indeks) -> pd.Series:
    """A pandas Series over one Arrow string array (every compute step here returns one)."""
    return pd.Series(pd.arrays.ArrowStringArray(arr), index=indeks)


def _normalisasi_arrow(asli):
    """(teks, kunci, berubah) as Arrow arrays; see normalisasi_id."""
    import pyarrow as pa
    import pyarrow.compute as pc

    dipangkas = pc.utf8_trim_whitespace(asli)
    # Only non-ASCII cells, or ASCII cells with control characters or double spaces, can
    # change beyond trimming: the (slower) Unicode pipeline runs on those alone.
    # (printable ASCII is 0x20-0x7e: anything else is non-ASCII or a control character)
    calon = pc.or_(pc.invert(pc.ascii_is_printable(asli)), pc.match_substring(asli, "  "))
    teks = dipangkas
    bukan_ascii = np.zeros(len(asli), dtype=bool)
    if pc.any(calon).as_py():
        pilih = pc.filter(asli, calon)
        pilih = pc.utf8_normalize(pilih, form="NFKC")
        pilih = pc.replace_substring_regex(pilih, pattern=_POLA_TAK_TAMPAK, replacement="")
        pilih = pc.replace_substring_regex(pilih, pattern=_POLA_SPASI, replacement=" ")
        pilih = pc.utf8_trim(pilih, characters=" ")
        teks = pc.replace_with_mask(dipangkas, calon, pilih)
        bukan_ascii = pc.invert(pc.string_is_ascii(teks)).to_numpy(zero_copy_only=False)
    kunci = pc.ascii_lower(teks)
    if bukan_ascii.any():  # str.casefold knows ß -> ss and Σ/ς, which ascii_lower does not
        lipat = [t.casefold() for t in pc.filter(teks, pa.array(bukan_ascii)).to_pylist()]
        kunci = pc.replace_with_mask(kunci, pa.array(bukan_ascii), pa.array(lipat, kunci.type))
    # Arrow booleans are bit-packed: to_numpy must copy them into a numpy bool array
    return teks, kunci, pc.not_equal(teks, dipangkas).to_numpy(zero_copy_only=False)


def normalisasi_id(seri: pd.Series) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """Normalise identifier text, vectorised with Arrow (the Unicode steps run only on the
    cells that are not plain ASCII, Python only for their casefold).

    Returns ``(teks, kunci, berubah)``: ``teks`` is the cell in NFKC form without invisible
    characters, spaces collapsed and trimmed (what an analyst sees); ``kunci`` is ``teks``
    casefolded, the key to compare IDs with ("KSP-001" and "ksp-001\\u200b" have the same
    key); ``berubah`` marks the cells whose ``teks`` differs from the cell merely trimmed.
    Missing cells become "".
    """
    teks, kunci, berubah = _normalisasi_arrow(_teks_arrow(seri))
    return _seri(teks, seri.index), _seri(kunci, seri.index), berubah


def _satu_ejaan_per_kunci(teks, kunci) -> bool:
    """Whether cells with equal keys already have equal text, decided cheaply for IDs
    written consistently: each text is its own key, or every text is plain ASCII without
    lower-case letters (``ascii_lower`` is then one-to-one). False means "not known": the
    caller then finds each key's first spelling (a hash of every key, the costly step on
    millions of rows)."""
    import pyarrow.compute as pc

    if pc.all(pc.equal(teks, kunci)).as_py():
        return True
    return bool(pc.all(pc.string_is_ascii(teks)).as_py()
                and pc.all(pc.equal(pc.ascii_upper(teks), teks)).as_py())


def samakan_id(seri: pd.Series, huruf_besar: bool = False) -> tuple[pd.Series, np.ndarray]:
    """One spelling per identifier: every cell whose normalised key (``normalisasi_id``)
    is equal gets the same text, that of the key's first cell (or upper case with
    ``huruf_besar``, for codes defined in upper case such as IKU1). Returns the text and a
    mask of cells whose text is not the cell merely trimmed (for a warning)."""
    import pyarrow.compute as pc

    asli = _teks_arrow(seri)
    teks, kunci, _ = _normalisasi_arrow(asli)
    if huruf_besar:
        kanonik = pc.utf8_upper(teks)
    elif _satu_ejaan_per_kunci(teks, kunci):
        kanonik = teks
    else:
        kode = pc.dictionary_encode(kunci).indices.to_numpy()  # int32 without nulls: zero-copy
        _, pertama = np.unique(kode, return_index=True)   # first row of each key
        kanonik = teks.take(pertama[kode])
    berubah = pc.not_equal(kanonik, pc.utf8_trim_whitespace(asli)).to_numpy(zero_copy_only=False)
    return _seri(kanonik, seri.index), berubah


def tampil_tak_tampak(teks: object) -> str:
    """Text with invisible and unusual space characters written as \\uXXXX, quoted."""
    keluar = []
    for c in str(teks):
        if unicodedata.category(c) in ("Cf", "Cc", "Zs", "Zl", "Zp") and c != " ":
            keluar.append(f"\\u{ord(c):04x}")
        else:
            keluar.append(c)
    return "'" + "".join(keluar) + "'"
