"""Identifier normalisation (parsing.normalisasi_id / samakan_id / tampil_tak_tampak),
hand-worked cell by cell: fast unit tests the mutation run selects."""

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from iku_helpers.parsing import normalisasi_id, samakan_id, tampil_tak_tampak


def test_normalisasi_id_cell_by_cell():
    seri = pd.Series(["KSP-001", " ksp-001\u200b", "Ｋｏｐ\u00a0 Satu", "\ufeffA1", None, "plain"])
    teks, kunci, berubah = normalisasi_id(seri)
    # NFKC turns full-width letters into ASCII; the NBSP and the double space collapse to
    # one space; zero-width space and BOM disappear; trimming alone changes nothing.
    assert teks.tolist() == ["KSP-001", "ksp-001", "Kop Satu", "A1", "", "plain"]
    assert kunci.tolist() == ["ksp-001", "ksp-001", "kop satu", "a1", "", "plain"]
    assert berubah.tolist() == [False, True, True, True, False, False]


def test_samakan_id_gives_each_key_its_first_spelling():
    seri = pd.Series(["Kop-A", "KOP-A", "kop-a\u200b", "Kop-B", " Kop-B "])
    teks, berubah = samakan_id(seri)
    assert teks.tolist() == ["Kop-A", "Kop-A", "Kop-A", "Kop-B", "Kop-B"]
    # the second and third cells were respelt; " Kop-B " only trimmed
    assert berubah.tolist() == [False, True, True, False, False]


def test_samakan_id_upper_case_for_codes_and_chunked_columns():
    seri = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([["iku1", "IKU2"],
                                                                  ["Iku1"]])))
    teks, berubah = samakan_id(seri, huruf_besar=True)
    assert teks.tolist() == ["IKU1", "IKU2", "IKU1"]
    assert np.array_equal(berubah, [True, False, True])


def test_tampil_tak_tampak_shows_invisible_characters():
    assert tampil_tak_tampak("A\u200bB\u00a0C d") == "'A\\u200bB\\u00a0C d'"
    assert tampil_tak_tampak("biasa") == "'biasa'"


def test_tampil_tak_tampak_writes_every_invisible_kind_as_its_code():
    # Cf zero-width space, Cc bell and tab, Zs no-break space, Zl/Zp line and paragraph
    # separators; a plain space and ordinary letters stay as they are
    assert tampil_tak_tampak("a\u200bb\x07c\td\u00a0e\u2028f\u2029g h") == (
        "'a\\u200bb\\u0007c\\u0009d\\u00a0e\\u2028f\\u2029g h'")
    assert tampil_tak_tampak(12) == "'12'"


def test_normalisasi_nama_drops_kabupaten_but_keeps_kota():
    from iku_helpers.parsing import normalisasi_nama

    assert normalisasi_nama("Kabupaten Sigi") == "sigi"
    assert normalisasi_nama("Kab. Toli-Toli") == "tolitoli"
    assert normalisasi_nama("kab Banggai") == "banggai"
    assert normalisasi_nama("Kota Palu") == "kotapalu"
    assert normalisasi_nama("TOLITOLI") == normalisasi_nama("Toli Toli") == "tolitoli"


def test_normalisasi_id_keeps_the_index_of_its_input():
    seri = pd.Series([" A1", "a1\u200b", None], index=[10, 20, 30])
    teks, kunci, berubah = normalisasi_id(seri)
    assert list(teks.index) == list(kunci.index) == [10, 20, 30]
    assert teks.tolist() == ["A1", "a1", ""] and kunci.tolist() == ["a1", "a1", ""]
    assert berubah.tolist() == [False, True, False]


def test_ids_held_by_pandas_in_several_arrow_chunks():
    """pandas may keep Arrow-backed text in several chunks (e.g. from Parquet); the IDs are
    still normalised (this raised ArrowInvalid before)."""
    seri = pd.Series(pd.arrays.ArrowStringArray(
        pa.chunked_array([["KSP-1", " ksp-1"], ["Ksp-1\u200b", "B"]])))
    teks, berubah = samakan_id(seri)
    assert teks.tolist() == ["KSP-1", "KSP-1", "KSP-1", "B"]
    assert berubah.tolist() == [False, True, True, False]
    teks, kunci, _ = normalisasi_id(seri)
    assert kunci.tolist() == ["ksp-1", "ksp-1", "ksp-1", "b"]


def test_hitung_realisasi_rounds_to_the_decimals_asked():
    from iku_helpers.indikator.rumus import hitung_realisasi

    assert hitung_realisasi(1, 3) == 33.33
    assert hitung_realisasi(1, 3, 1) == 33.3
    assert hitung_realisasi(1, 3, 0) == 33.0
    assert hitung_realisasi(1, 8, 1) == 12.5 and hitung_realisasi(1, 8, 0) == 13.0   # 12,5 up


def test_ascii_cells_with_double_spaces_or_control_characters_are_normalised():
    """Plain-ASCII cells take the Unicode pipeline too when they hold a double space or a
    control character; an X at either end is text, not something to trim."""
    seri = pd.Series(["Kop  Dua", "A\tB", "X\x07Y", "Xa  bX", "Kop Tiga"])
    teks, kunci, berubah = normalisasi_id(seri)
    assert teks.tolist() == ["Kop Dua", "A B", "X Y", "Xa bX", "Kop Tiga"]
    assert kunci.tolist() == ["kop dua", "a b", "x y", "xa bx", "kop tiga"]
    assert berubah.tolist() == [True, True, True, True, False]


def test_non_ascii_ids_are_casefolded_beyond_ascii_lower():
    """ß folds to ss and final sigma to sigma (str.casefold), which Arrow's ascii_lower
    cannot do; ASCII cells beside them keep ascii_lower."""
    seri = pd.Series(["Koperasi Straße", "KOPERASI STRASSE", "ΣΟΦΟΣ", "σοφος", "Plain"])
    teks, kunci, berubah = normalisasi_id(seri)
    assert teks.tolist() == ["Koperasi Straße", "KOPERASI STRASSE", "ΣΟΦΟΣ", "σοφος", "Plain"]
    assert kunci.tolist() == ["koperasi strasse", "koperasi strasse", "σοφοσ", "σοφοσ", "plain"]
    assert berubah.tolist() == [False] * 5
    teks, berubah = samakan_id(seri)
    assert teks.tolist() == ["Koperasi Straße", "Koperasi Straße", "ΣΟΦΟΣ", "ΣΟΦΟΣ", "Plain"]
    assert berubah.tolist() == [False, True, False, True, False]


def test_samakan_id_keeps_the_index_of_its_input():
    seri = pd.Series(["K-1", "k-1", "K-2"], index=[7, 3, 9])
    for huruf_besar in (False, True):
        teks, berubah = samakan_id(seri, huruf_besar=huruf_besar)
        assert list(teks.index) == [7, 3, 9]
        assert berubah.dtype == np.bool_
    assert teks.tolist() == ["K-1", "K-1", "K-2"] and berubah.tolist() == [False, True, False]


_EJAAN = ["KSP-1", "ksp-1", "Ksp-1", "KSP-2", "k-9", " KSP-1 ", "KSP\u200b-1", "ÄB", "äb", "äB",
          "STRASSE", "Straße", "ΣΑ", "σα"]


@given(st.lists(st.sampled_from(_EJAAN), max_size=12))
def test_samakan_id_gives_the_first_spelling_of_each_key(sel):
    """Against a plain-Python reference, whichever route samakan_id takes (consistent IDs
    skip the hash of every key)."""
    seri = pd.Series(sel, dtype=object)
    teks, kunci, _ = normalisasi_id(seri)
    pertama: dict[str, str] = {}
    harapan = [pertama.setdefault(k, t) for t, k in zip(teks, kunci, strict=True)]
    hasil, berubah = samakan_id(seri)
    assert hasil.tolist() == harapan
    assert berubah.tolist() == [h != s.strip() for h, s in zip(harapan, sel, strict=True)]


def test_consistently_written_ids_keep_their_text():
    """Upper-case ASCII IDs, lower-case ones, and non-ASCII ones already in their folded
    form need no respelling; one lower-case variant among upper-case IDs does."""
    for sel in (["KSP-1", "KSP-2", "KSP-1"], ["ksp-1", "ksp-2"], ["σα", "ksp-1", "σα"]):
        teks, berubah = samakan_id(pd.Series(sel))
        assert teks.tolist() == sel and not berubah.any()
    teks, berubah = samakan_id(pd.Series(["KSP-1", "KSP-2", "Ksp-1"]))
    assert teks.tolist() == ["KSP-1", "KSP-2", "KSP-1"] and berubah.tolist() == [False, False, True]
    teks, berubah = samakan_id(pd.Series(["ΣΑ", "σα"]))
    assert teks.tolist() == ["ΣΑ", "ΣΑ"] and berubah.tolist() == [False, True]
    # no lower-case ASCII letter, but not ASCII: ascii_upper cannot tell Ä from ä
    teks, berubah = samakan_id(pd.Series(["ÄB", "äB"]))
    assert teks.tolist() == ["ÄB", "ÄB"] and berubah.tolist() == [False, True]


def test_kunci_nama_ignores_case_and_runs_of_spaces_only():
    """The key programs and komponen RB are matched on: letter case and spaces do not
    matter, every other character does."""
    from iku_helpers.parsing import kunci_nama

    assert kunci_nama("  Program pemberdayaan\u00a0 UMKM ") == "program pemberdayaan umkm"
    assert kunci_nama("PROGRAM PEMBERDAYAAN UMKM") == kunci_nama("program pemberdayaan umkm")
    assert kunci_nama("Program UMKM") != kunci_nama("Program UMK")
    assert kunci_nama("Reform") != kunci_nama("Reformasi")
