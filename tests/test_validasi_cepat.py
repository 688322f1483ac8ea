"""The Arrow fast path for Parquet tables gives exactly the careful path's frame and errors.

The oracle is the careful path itself: ``periksa_tabel(baca_tabel(path))``. Tables are
generated for every schema, with bad cells injected at random (seeded), and both paths
must agree on every one: the same cleaned frame (columns, dtypes, values) or the same
list of problems (file, row, column, message, value).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iku_helpers import loaders, validasi_cepat
from iku_helpers.errors import DataIKUError
from iku_helpers.loaders import baca_tabel
from iku_helpers.validasi import SKEMA, periksa_tabel
from iku_helpers.validasi_cepat import muat_parquet_tervalidasi

KODE = {7200, 7201, 7202, 7203, 7271}
DITANGANI = ("tahun", "triwulan", "kode_wilayah", "jumlah", "rupiah", "skor", "ya_tidak",
             "teks", "kode", "kode_opsional")


def _hasil(fungsi):
    try:
        return "ok", fungsi()
    except DataIKUError as e:
        # repr: NaN values compare equal by their text, and 1 vs 1.0 stays distinct
        return "galat", [(m.berkas, m.baris, m.kolom, m.pesan, repr(m.nilai))
                         for m in e.masalah]


def validasi_tabel(df, jenis, berkas, kode, peringatan):
    """The careful path with its warnings added to ``peringatan`` (as the fast path does)."""
    bersih, catatan = periksa_tabel(df, jenis, berkas, kode)
    peringatan.extend(catatan)
    return bersih


def _kedua_jalur(path, jenis, kode=KODE):
    per_lambat: list[str] = []
    per_cepat: list[str] = []
    lambat = _hasil(lambda: validasi_tabel(baca_tabel(path, "t.parquet", peringatan=per_lambat),
                                           jenis, "t.parquet", kode, per_lambat))
    cepat = _hasil(lambda: muat_parquet_tervalidasi(path, jenis, "t.parquet", kode, per_cepat))
    return lambat, cepat, per_lambat, per_cepat


def _sama(lambat, cepat):
    assert lambat[0] == cepat[0], (lambat, cepat)
    if lambat[0] == "ok":
        pd.testing.assert_frame_equal(cepat[1], lambat[1], check_exact=True)
        assert list(cepat[1].dtypes) == list(lambat[1].dtypes)
    else:
        assert cepat[1] == lambat[1]


def _nilai_bersih(rng, spek, n):
    jenis_kolom = spek.jenis
    if jenis_kolom == "tahun":
        return rng.integers(2021, 2026, n)
    if jenis_kolom == "triwulan":
        return rng.integers(1, 5, n)
    if jenis_kolom == "kode_wilayah":
        return rng.choice(sorted(KODE), n)
    if jenis_kolom == "jumlah":
        return rng.integers(0, 10_000, n)
    if jenis_kolom == "rupiah":
        return rng.integers(0, 10**9, n) / (1 if spek.harus_bulat else 100)
    if jenis_kolom == "skor":
        return rng.integers(0, 10_000, n) / 100
    if jenis_kolom == "ya_tidak":
        return rng.choice(["ya", "tidak", "Ya", " t ", "y"], n)
    return np.char.add("X", np.arange(n).astype(str))  # teks, kode: unique, canonical


def _tabel_bersih(rng, jenis, n):
    skema = SKEMA[jenis]
    # optional columns of kinds the fast path hands to the careful path (tanggal) are left
    # out here, so that the generated tables exercise the fast path itself
    df = pd.DataFrame({k: _nilai_bersih(rng, j, n) for k, j in skema.kolom.items()
                       if j.wajib or j.jenis in DITANGANI})
    # Unique keys: make the last key column unique per row.
    terakhir = skema.kunci[-1]
    if skema.kolom[terakhir].jenis in ("kode", "teks"):
        # mostly short, some up to 24 bytes: parts of a table then differ in their
        # longest ID (one, two or three 8-byte words), as national tables do
        df[terakhir] = [f"K{'-' * int(rng.integers(0, 20)) * (rng.random() < 0.15)}{i}"
                        for i in range(n)]
    else:
        df["tahun"] = 1990 + np.arange(n) % 100
        if "kode_wilayah" in skema.kunci:
            df["kode_wilayah"] = sorted(KODE)[0]
    return df


# Bad (or merely unusual) cells per column kind; a text value turns the column into text.
SISIPAN = {
    "tahun": ["2024", " 2025 ", "dua ribu", None, 2024.5, 1980, "", "2.024"],
    "kode_wilayah": [9999, "7201", "72.01", None, -7201, "abc", 7201.0],
    "triwulan": [5, "2", 0, 2.5, None, "x", "TW II", " iv ", "TW5"],
    "jumlah": ["1.234", "1,5", None, -3, "Rp 1.000", "  ", "12", float("inf"), "x", 2.5,
               "61,319", 2e9],
    "rupiah": ["Rp 1.500.000", -1.0, None, "1500", "1.500,25", float("nan"), 1e16, 0.5],
    "skor": ["65,3", None, -0.5, "70.25", "tujuh", 150, "1.450", 100],
    "ya_tidak": ["mungkin", None, "YA", "0", "", "benar"],
    "teks": ["", "   ", None, " ada "],
    "kode": ["", None, "  ", " k1 "],
    "kode_opsional": ["", None, "  ", " a ", "-", " \u2013 ", "\u2014", "a-b"],
}


def _sisipkan(rng, df, jenis):
    kolom = str(rng.choice(list(df.columns)))
    jenis_kolom = SKEMA[jenis].kolom[kolom].jenis
    nilai = SISIPAN[jenis_kolom][rng.integers(len(SISIPAN[jenis_kolom]))]
    baris = int(rng.integers(len(df)))
    if isinstance(nilai, str) or nilai is None or not pd.api.types.is_numeric_dtype(df[kolom]):
        teks = df[kolom].astype(object)
        df[kolom] = teks.where(teks.isna(), teks.astype(str))
        nilai = None if nilai is None else str(nilai)
    else:
        df[kolom] = df[kolom].astype(float)
    df.loc[baris, kolom] = nilai
    return df


def _duplikat(rng, df, jenis):
    kunci = list(SKEMA[jenis].kunci)
    a, b = rng.choice(len(df), 2, replace=False)
    df.loc[b, kunci] = df.loc[a, kunci].to_numpy()
    return df


@pytest.mark.parametrize("jenis", sorted(SKEMA))
def test_sama_dengan_jalur_teliti_pada_tabel_acak(tmp_path, monkeypatch, jenis):
    rng = np.random.default_rng(sorted(SKEMA).index(jenis))
    diterima = []  # tables the Arrow path accepted by itself
    asli = validasi_cepat.validasi_arrow

    def hitung_diterima(*a, **k):
        hasil = asli(*a, **k)
        diterima.append(1)
        return hasil

    monkeypatch.setattr(validasi_cepat, "validasi_arrow", hitung_diterima)
    bertahap = []
    asli_bertahap = validasi_cepat._validasi_bertahap

    def hitung_bertahap(*a, **k):
        hasil = asli_bertahap(*a, **k)
        bertahap.append(1)
        return hasil

    monkeypatch.setattr(validasi_cepat, "_validasi_bertahap", hitung_bertahap)
    monkeypatch.setattr(validasi_cepat, "_BARIS_PER_BAGIAN", 7)  # several parts per table
    hasil_galat = hasil_ok = 0
    for i in range(40):
        df = _tabel_bersih(rng, jenis, int(rng.integers(2, 30)))
        for _ in range(int(rng.integers(0, 3))):
            df = _sisipkan(rng, df, jenis)
        if rng.random() < 0.2:
            df = _duplikat(rng, df, jenis)
        path = tmp_path / f"{i}.parquet"
        # several row groups: Arrow columns arrive in several chunks
        df.to_parquet(path, index=False, row_group_size=int(rng.integers(3, 40)))
        lambat, cepat, per_lambat, per_cepat = _kedua_jalur(path, jenis)
        _sama(lambat, cepat)
        assert per_cepat == per_lambat
        # keeping a few columns of some years: every row still checked, same errors
        kolom = [k for k in SKEMA[jenis].kolom if k in df.columns and rng.random() < 0.5]
        tahun = {int(t) for t in rng.choice(np.arange(1990, 2100), 60)} | {2023, 2025}
        ramping = _hasil(lambda: muat_parquet_tervalidasi(
            path, jenis, "t.parquet", KODE, [], kolom=kolom, tahun=tahun))  # noqa: B023
        if lambat[0] == "ok":
            harap = lambat[1][np.isin(lambat[1]["tahun"], list(tahun))]
            harap = ("ok", harap[["_baris", *kolom]].reset_index(drop=True))
        else:
            harap = lambat
        _sama(harap, ramping)
        hasil_galat += lambat[0] == "galat"
        hasil_ok += lambat[0] == "ok"
    # the generator exercises both outcomes, and the fast path accepts some tables itself
    assert hasil_galat >= 5 and hasil_ok >= 5 and len(diterima) >= 5 and len(bertahap) >= 5


def test_tabel_bersih_tidak_lewat_jalur_teliti(tmp_path, monkeypatch):
    """A clean table is validated in Arrow (the careful reader is never called) and the
    values are the hand-worked ones."""
    df = pd.DataFrame({
        "Tahun": [2025, 2025, 2024], " kode_wilayah": [7201, 7202, 7201],
        "nomor_induk_koperasi": [" K1", "K2", "K1"], "nama_koperasi": ["A", "B ", "C"],
        "rat": ["ya", "TIDAK", " y "], "volume_usaha": ["1500", "2000.5", "0"],
        "aset": [10, 20, 30], "lain": ["tidak", "dibaca", "x"]})
    path = tmp_path / "kop.parquet"
    df.to_parquet(path, index=False)
    lambat = validasi_tabel(baca_tabel(path), "evaluasi_koperasi", "kop.parquet", KODE, [])

    def jangan(*a, **k):
        raise AssertionError("jalur teliti dipanggil untuk tabel bersih")

    monkeypatch.setattr(loaders, "baca_tabel", jangan)
    cepat = muat_parquet_tervalidasi(path, "evaluasi_koperasi", "kop.parquet", KODE, [])
    pd.testing.assert_frame_equal(cepat, lambat, check_exact=True)
    assert list(cepat.columns) == ["_baris", "tahun", "nomor_induk_koperasi", "nama_koperasi",
                                   "kode_wilayah", "rat", "volume_usaha", "aset"]
    assert cepat["_baris"].tolist() == [2, 3, 4]
    assert cepat["nomor_induk_koperasi"].tolist() == ["K1", "K2", "K1"]
    assert cepat["rat"].tolist() == [True, False, True]
    assert cepat["volume_usaha"].tolist() == [1500.0, 2000.5, 0.0]
    assert cepat["kode_wilayah"].dtype == np.int64


def test_sel_buruk_diberitakan_seperti_jalur_teliti(tmp_path):
    """A negative rupiah and an unknown area code: the careful path's two messages."""
    df = pd.DataFrame({
        "tahun": [2025, 2025], "nomor_induk_koperasi": ["K1", "K2"],
        "nama_koperasi": ["A", "B"], "kode_wilayah": [7201, 9999], "rat": ["ya", "tidak"],
        "volume_usaha": [-5.0, 1.0], "aset": [1.0, 2.0]})
    path = tmp_path / "kop.parquet"
    df.to_parquet(path, index=False)
    with pytest.raises(DataIKUError) as e:
        muat_parquet_tervalidasi(path, "evaluasi_koperasi", "kop.parquet", KODE, [])
    assert [(m.baris, m.kolom, m.nilai) for m in e.value.masalah] == [
        (3, "kode_wilayah", 9999), (2, "volume_usaha", -5.0)]


def test_kunci_ganda_diberitakan_seperti_jalur_teliti(tmp_path):
    df = pd.DataFrame({"tahun": [2025, 2025, 2025], "id_usaha": ["U1", "U2", "U1"],
                       "nama_usaha": ["a", "b", "c"], "kode_wilayah": [7201] * 3,
                       "menjadi_wirausaha": ["ya", "tidak", "ya"]})
    path = tmp_path / "uk.parquet"
    df.to_parquet(path, index=False)
    with pytest.raises(DataIKUError) as e:
        muat_parquet_tervalidasi(path, "evaluasi_usaha_kecil", "uk.parquet", KODE, [])
    m = e.value.masalah
    assert len(m) == 1 and m[0].baris == 4 and m[0].kolom == "id_usaha"
    assert "sama dengan baris 2" in m[0].pesan


def test_kunci_ganda_antar_bagian_dengan_panjang_id_berbeda(tmp_path, monkeypatch):
    """A key repeated in two parts of a national table, where the first part also holds a
    longer ID (two words) and the second only short ones, is still found: the lean path
    hands the table to the careful path, which reports the repeat. (Before the fix the
    hash of "U1" depended on its part's longest ID, and the repeat was accepted.)"""
    monkeypatch.setattr(validasi_cepat, "_BARIS_PER_BAGIAN", 2)
    df = pd.DataFrame({"tahun": [2025] * 4, "id_usaha": ["U1", "U-1234567890", "U1", "U2"],
                       "nama_usaha": list("abcd"), "kode_wilayah": [7201] * 4,
                       "menjadi_wirausaha": ["ya", "tidak", "ya", "tidak"]})
    path = tmp_path / "uk.parquet"
    df.to_parquet(path, index=False)
    with pytest.raises(DataIKUError) as e:
        muat_parquet_tervalidasi(path, "evaluasi_usaha_kecil", "uk.parquet", KODE, [],
                                 kolom=["tahun", "kode_wilayah"], tahun={2025})
    m = e.value.masalah
    assert len(m) == 1 and m[0].baris == 4 and m[0].kolom == "id_usaha"
    assert "sama dengan baris 2" in m[0].pesan


def test_ejaan_id_antar_bagian_disamakan_seperti_jalur_teliti(tmp_path, monkeypatch):
    """An ID spelt "K1" in one part of a national table and "k1" in another is the same
    koperasi: the careful path gives both the first spelling (with a warning), so that
    IKU2 finds last year's row. The lean path, which checks a part at a time, hands such a
    table to the careful path: same rows, same spelling, same warning. (Before the fix
    each part looked clean on its own, "k1" stayed "k1", and the koperasi lost its
    previous-year row without a word.)"""
    monkeypatch.setattr(validasi_cepat, "_BARIS_PER_BAGIAN", 2)
    df = pd.DataFrame({"tahun": [2024, 2024, 2025, 2025],
                       "nomor_induk_koperasi": ["K1", "K2", "k1", "k2"],
                       "nama_koperasi": list("abcd"), "kode_wilayah": [7201] * 4,
                       "rat": ["ya"] * 4, "volume_usaha": [1.0, 2.0, 3.0, 4.0],
                       "aset": [1.0, 2.0, 3.0, 4.0]})
    path = tmp_path / "kop.parquet"
    df.to_parquet(path, index=False)
    peringatan: list = []
    ramping = muat_parquet_tervalidasi(path, "evaluasi_koperasi", "kop.parquet", KODE,
                                       peringatan, kolom=["tahun", "nomor_induk_koperasi"],
                                       tahun={2025})
    assert ramping["nomor_induk_koperasi"].tolist() == ["K1", "K2"]
    assert ramping["_baris"].tolist() == [4, 5]
    teliti: list = []
    validasi_tabel(baca_tabel(path), "evaluasi_koperasi", "kop.parquet", KODE, teliti)
    assert [str(p) for p in peringatan] == [str(p) for p in teliti] and teliti


def test_kunci_ganda_arrow(monkeypatch):
    k = validasi_cepat._ada_kunci_ganda
    assert k([np.array([2025, 2025]), np.array(["a", "b"], dtype=object)]) is False
    assert k([np.array([2025, 2024, 2025]), np.array(["a", "a", "a"], dtype=object)]) is True
    assert k([np.array([2025])]) is False


def test_kunci_ganda_hash_sama_dengan_oracle(monkeypatch):
    """The hashed check agrees with a Python set on random keys (short, empty, unicode,
    over 8 bytes, prefixes of each other); distinct keys never need the sort."""
    import pyarrow as pa

    urut = []
    asli = validasi_cepat._ada_kunci_ganda_urut
    monkeypatch.setattr(validasi_cepat, "_ada_kunci_ganda_urut",
                        lambda k: urut.append(1) or asli(k))
    rng = np.random.default_rng(3)
    huruf = list("ab\u00e9Z9 -")
    for _ in range(200):
        n = int(rng.integers(2, 40))
        teks = ["".join(rng.choice(huruf, int(rng.integers(0, 20)))) for _ in range(n)]
        tahun = rng.integers(2024, 2026, n)
        oracle = len(set(zip(tahun.tolist(), teks, strict=True))) < n
        sebelum = len(urut)
        ganda = validasi_cepat._ada_kunci_ganda([tahun, pa.chunked_array([pa.array(teks)])])
        assert ganda is oracle
        if not oracle:
            assert len(urut) == sebelum  # decided by the hash alone
    # "ab" vs "ab\x00": same bytes up to the padding, told apart by their lengths
    assert validasi_cepat._ada_kunci_ganda([pa.chunked_array([pa.array(["ab", "ab\x00"])])]) \
        is False


@settings(max_examples=200)
@given(sel=st.lists(st.text(st.sampled_from("ab\u00e9Z9 -\x00"), max_size=20), max_size=12),
       potong=st.integers(0, 12), iris=st.integers(0, 3))
def test_hash_of_a_key_does_not_depend_on_where_it_lies(sel, potong, iris):
    """A string's hash is the same wherever it lies: alone, in any chunk, after a slice,
    at the end of a buffer (the words read past a cell's end are masked). So a key repeated
    across chunks is always found."""
    bagian = [sel[:potong], sel[potong:]]
    kolom = pa.chunked_array([pa.array(b, pa.large_string()) for b in bagian],
                             pa.large_string()).slice(min(iris, len(sel)))
    sel = sel[min(iris, len(sel)):]
    h = validasi_cepat._hash_kunci([kolom])
    sendiri = [validasi_cepat._hash_kunci([pa.chunked_array([pa.array([t], pa.string())])])[0]
               for t in sel]
    assert h.tolist() == sendiri
    if len(set(sel)) < len(sel):
        assert validasi_cepat._ada_kunci_ganda([kolom])


@pytest.mark.parametrize("pola", [
    lambda a, i: f"KOP-{a:04d}-{i:06d}",       # counters in a fixed layout
    lambda a, i: f"{a:08d}{i:08d}",            # two counters, one per 8-byte word
    lambda a, i: f"72{a % 13:02d}{a // 13:02d}{i:010d}",  # NIK-like: area codes + sequence
])
def test_ids_built_from_counters_give_distinct_hashes(pola):
    """Real IDs are counters in a fixed layout. Their hashes must be as distinct as
    chance allows (64 bits: no equal pair expected among 200 000), or every national table
    would fall back to the exact sort and the careful path; a weak per-word mix gave
    thousands of equal pairs here."""
    ids = [pola(a, i) for a in range(200) for i in range(1000)]
    assert len(set(ids)) == len(ids)
    h = validasi_cepat._hash_kunci([pa.chunked_array([pa.array(ids, pa.large_string())])])
    assert len(np.unique(h)) == len(ids)


def test_swapped_and_shifted_words_do_not_collide():
    """A sum of independent per-word hashes lets two strings collide by design (swap two
    words and shift each by the difference of the places' offsets); chained words do
    not. The pair below collided under such a sum (found by a review)."""
    s1 = "A|P\x7f0zA\x10A\x010\x00P\x02Az"
    s2 = "V}z\x7f\t|x\x18,\x00\x06\x00w\x00\nr"
    h = validasi_cepat._hash_kunci([pa.chunked_array([pa.array([s1, s2])])])
    assert s1 != s2 and h[0] != h[1]


def test_kode_opsional_strip_sama_dengan_jalur_teliti(tmp_path):
    """A budget line's kode_iku "-" (or an en/em dash) is empty on both paths (the fast
    path hands the table to the careful one)."""
    df = pd.DataFrame({
        "tahun": [2025] * 5, "kode_rekening": ["1", "2", "3", "4", "5"],
        "program": ["P"] * 5, "kegiatan": ["K"] * 5, "sub_kegiatan": ["S"] * 5,
        "kode_iku": ["IKU1", "-", " \u2013 ", "\u2014", ""], "pagu": [10] * 5,
        "realisasi": [5] * 5})
    path = tmp_path / "anggaran.parquet"
    df.to_parquet(path, index=False)
    lambat, cepat, per_lambat, per_cepat = _kedua_jalur(path, "anggaran", None)
    _sama(lambat, cepat)
    assert cepat[1]["kode_iku"].tolist() == ["IKU1", "", "", "", ""]
    assert per_cepat == per_lambat == []


def test_kolom_tanggal_lewat_jalur_teliti(tmp_path):
    """A tanggal column (which also sets triwulan) is the careful path's: same frame."""
    if not any(k.jenis == "tanggal" for k in SKEMA["evaluasi_usaha_kecil"].kolom.values()):
        pytest.skip("skema tanpa kolom tanggal")
    df = pd.DataFrame({"tahun": [2025, 2025], "tanggal": ["2025-03-31", "2025-11-02"],
                       "id_usaha": ["U1", "U2"], "nama_usaha": ["a", "b"],
                       "kode_wilayah": [7201, 7202], "menjadi_wirausaha": ["ya", "tidak"]})
    path = tmp_path / "uk.parquet"
    df.to_parquet(path, index=False)
    lambat, cepat, _, _ = _kedua_jalur(path, "evaluasi_usaha_kecil")
    _sama(lambat, cepat)
    assert lambat[0] == "ok" and lambat[1]["triwulan"].tolist() == [1, 4]


def test_baca_depan_keeps_order_reads_one_part_ahead_and_passes_errors_on():
    """Parts come in order; stopping early leaves the rest unread (one part ahead at
    most); an error of the reader reaches the caller."""
    dibaca = []

    def bagian(n, gagal_di=None):
        for i in range(n):
            if i == gagal_di:
                raise OSError("berkas rusak")
            dibaca.append(i)
            yield i

    assert list(validasi_cepat._dengan_baca_depan(bagian(5))) == [0, 1, 2, 3, 4]
    dibaca.clear()
    for i in validasi_cepat._dengan_baca_depan(bagian(100)):
        if i == 2:
            break
    assert dibaca == [0, 1, 2, 3]
    with pytest.raises(OSError, match="berkas rusak"):
        list(validasi_cepat._dengan_baca_depan(bagian(5, gagal_di=3)))
    assert list(validasi_cepat._dengan_baca_depan(iter([]))) == []


@pytest.mark.parametrize("sel", [
    ["KSP-1", "KSP-2"], ["ksp-1", "ksp-2"], ["KSP-1", "ksp-1"], ["Ksp-1", "Ksp-2"],
    ["KSP  1"], ["KSP\u200b1", "KSP1"], ["iku1", "IKU2"], ["IKU1", "IKU2"], ["Straße"],
    ["ÄB", "äB"], ["", "K-1"], [],
])
def test_akan_dieja_ulang_agrees_with_samakan_id(sel):
    """The bulk decision for consistently written ASCII IDs equals asking samakan_id."""
    from iku_helpers.parsing import samakan_id

    seri = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([sel], pa.large_string())))
    for huruf_besar in (False, True):
        harap = bool(samakan_id(seri, huruf_besar=huruf_besar)[1].any())
        assert validasi_cepat._akan_dieja_ulang(seri, huruf_besar) == harap, (sel, huruf_besar)


_POTONGAN_ASCII = ["a", "A", "z", "Z", "-", "1", "~", "@", "[", "`", "{", " ", "  "]
_POTONGAN_LAIN = ["\t", "\x1f", "\x7f", "\u00e9", "\u200b", "\u00df", "\u00c4"]


@st.composite
def _kolom_id(draw):
    """Cells of ID-like tokens: half the columns printable ASCII only (the bulk path),
    half with tabs, accents, invisible characters or ß mixed in."""
    potongan = _POTONGAN_ASCII + (_POTONGAN_LAIN if draw(st.booleans()) else [])
    sel = st.lists(st.sampled_from(potongan), max_size=5).map("".join).map(str.strip)
    return draw(st.lists(sel, max_size=8))


@settings(max_examples=300)  # cheap: each example is a handful of cells
@given(sel=_kolom_id(), potong=st.integers(0, 3))
def test_bulk_id_decision_equals_samakan_id_on_any_column(sel, potong):
    """The byte-level decision (letters of one case, printable ASCII, no double spaces)
    equals asking samakan_id, for any mix of cases, spaces, tabs, non-ASCII and invisible
    characters, also on a chunked and sliced column."""
    from iku_helpers.parsing import samakan_id

    bagian = [sel[:potong], sel[potong:]] if len(sel) > potong else [sel]
    kolom = pa.chunked_array([pa.array(b, pa.large_string()) for b in bagian],
                             pa.large_string())
    if len(sel) > 2:  # a slice: offsets that do not start at 0
        kolom = kolom.slice(1)
    seri = pd.Series(pd.arrays.ArrowStringArray(kolom))
    for huruf_besar in (False, True):
        harap = bool(samakan_id(seri, huruf_besar=huruf_besar)[1].any())
        assert validasi_cepat._akan_dieja_ulang(seri, huruf_besar) == harap


_SEL_TEPI = st.lists(st.sampled_from(["", "K", "a b", " ", "\t", "\u00a0", "\u3000", "\n",
                                       "x", "\u00e9", "\x7f", "~", "!"]), max_size=3).map("".join)


@settings(max_examples=300)
@given(sel=st.lists(_SEL_TEPI, max_size=8), potong=st.integers(0, 3),
       iris=st.integers(0, 2))
def test_edge_whitespace_test_never_misses_a_cell(sel, potong, iris):
    """False from the two-bytes-a-cell test means no cell has whitespace (or any byte
    outside printable ASCII) at either end, for any mix of empty cells, chunks and slices;
    without empty cells and slices it is exact."""
    bagian = [sel[:potong], sel[potong:]] if len(sel) > potong else [sel]
    kolom = pa.chunked_array([pa.array(b, pa.large_string()) for b in bagian],
                             pa.large_string())
    kolom = kolom.slice(min(iris, len(sel)))
    sel = sel[min(iris, len(sel)):]
    tepi_buruk = any(s and not ("!" <= s[0] <= "~" and "!" <= s[-1] <= "~") for s in sel)
    hasil = validasi_cepat._mungkin_berspasi_tepi(kolom)
    assert hasil or not tepi_buruk
    if iris == 0 and all(sel):
        assert hasil == tepi_buruk


def test_quick_text_tests_find_edge_whitespace_and_double_spaces():
    """The byte-level tests on Arrow buffers: a cell with whitespace at either end (ASCII
    or Unicode), or two spaces inside, is found, also in a sliced or chunked column; clean
    cells and empty cells are not."""
    def kolom(*potongan):
        return pa.chunked_array([pa.array(p, pa.large_string()) for p in potongan],
                                pa.large_string())

    bersih = kolom(["KSP-1", "", "a b"], ["X"])
    assert not validasi_cepat._mungkin_berspasi_tepi(bersih)
    assert not validasi_cepat._ada_spasi_ganda(bersih)
    for tepi in (" K", "K ", "\tK", "K\n", "\u00a0K", "K\u3000"):
        assert validasi_cepat._mungkin_berspasi_tepi(kolom(["A"], ["B", tepi])), tepi
    assert validasi_cepat._ada_spasi_ganda(kolom(["A"], ["K  1"]))
    # a slice starts inside the buffers: only its own cells count
    irisan = pa.array([" awal", "K  1", "ok", "akhir "], pa.large_string()).slice(2, 1)
    assert not validasi_cepat._mungkin_berspasi_tepi(pa.chunked_array([irisan]))
    assert not validasi_cepat._ada_spasi_ganda(pa.chunked_array([irisan]))
    assert not validasi_cepat._mungkin_berspasi_tepi(pa.chunked_array([], pa.large_string()))
