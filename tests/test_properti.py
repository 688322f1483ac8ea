"""Property-based tests (Hypothesis) over loading, validation and computation.

Each test writes a generated table into a copy of tests/fixtures/data_mini (random valid
and invalid cells, encodings, separators, number formats and ID spellings) and runs the
public API. The property: the run either raises DataIKUError whose first problem names
the file, a row and a column where a defect was planted, or it returns exactly the
numbers of a small oracle written here in plain Python (counting rows by hand).

Profiles (registered in conftest.py): "ci" (default, bounded) and "nightly"
(``HYPOTHESIS_PROFILE=nightly``, many more examples); see the README.
"""

from __future__ import annotations

import csv
import io
import tempfile
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from conftest import DATA_MINI, salin_data_mini
from hypothesis import assume, event, given
from hypothesis import strategies as st

from iku_helpers import compute_results
from iku_helpers.errors import DataIKUError

KODE_WILAYAH = ["7201", "7203", "7210", "7271"]
YA = ["ya", "YA", " y ", "Y", "1", "true", "Iya", "benar", "yes"]
TIDAK = ["tidak", "T", "0", "false", "tdk", "Tidak", "no", "salah"]
TIDAK_SAH_YA_TIDAK = ["mungkin", "", "2", "ya tidak", "-"]
TIDAK_SAH_WILAYAH = ["7299", "", "abc", "72.01.5"]
TIDAK_SAH_ANGKA = ["dua juta", "", "-5", "1,2,3", "Rp"]
HURUF_NAMA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789.-'\"&;,éñÉü"


# ------------------------------------------------------------------------ the oracle
def persen(pembilang: int, penyebut: int) -> float:
    """pembilang / penyebut x 100, rounded half up to 2 decimals, in exact arithmetic."""
    return float((Decimal(pembilang) * 100 / Decimal(penyebut)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP))


def kunci_id(teks: str) -> str:
    """The same unit: drop invisible characters, compatibility forms, spaces at the ends,
    letter case (written independently of iku_helpers.parsing)."""
    teks = unicodedata.normalize("NFKC", teks)
    teks = "".join(c for c in teks if unicodedata.category(c) != "Cf")
    return " ".join(teks.split()).casefold()


@dataclass
class Tabel:
    """A generated table: rows as text cells, defects planted (row, column), and for
    the oracle the meaning of each valid row."""

    kepala: list[str]
    baris: list[list[str]] = field(default_factory=list)
    cacat: set[tuple[int, str]] = field(default_factory=set)
    arti: list[dict] = field(default_factory=list)


def tulis_csv(path: Path, kepala, baris, pengodean: str, pemisah: str) -> None:
    keluar = io.StringIO()
    csv.writer(keluar, delimiter=pemisah, lineterminator="\n").writerows([kepala, *baris])
    path.write_bytes(keluar.getvalue().encode(pengodean))


def baris_lama(berkas: str, buang: set[str]) -> tuple[list[str], list[list[str]]]:
    """Header and the fixture's rows whose year is not in ``buang``."""
    semua = list(csv.reader(io.StringIO((DATA_MINI / berkas).read_text(encoding="utf-8"))))
    if "triwulan" in semua[0]:  # optional column: the generated tables are annual
        j = semua[0].index("triwulan")
        semua = [b[:j] + b[j + 1:] for b in semua]
    return semua[0], [b for b in semua[1:] if b and b[0] not in buang]


# ------------------------------------------------------------------------ strategies
pengodean = st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])
pemisah = st.sampled_from([",", ";"])
nama = st.text(HURUF_NAMA, min_size=1, max_size=30).filter(lambda t: t.strip())


@st.composite
def ejaan_id(draw, dasar: str, pengodean_: str) -> str:
    """The same ID written the ways real spreadsheets write it."""
    hiasan = ["", "lower", "nbsp"]
    if pengodean_ != "cp1252":  # characters cp1252 cannot hold
        hiasan += ["zwsp", "bom", "lebar"]
    pilih = draw(st.sampled_from(hiasan))
    return {"": dasar, "lower": dasar.lower(), "nbsp": dasar + "\u00a0",
            "zwsp": "\u200b" + dasar, "bom": dasar + "\ufeff",
            "lebar": unicodedata.normalize("NFKC", dasar).translate(
                {ord(c): ord(c) + 0xFEE0 for c in "0123456789"})}[pilih]


def sel(draw, sah: list[str], tidak_sah: list[str], boleh_cacat: bool) -> tuple[str, bool]:
    if boleh_cacat and draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(tidak_sah)), False
    return draw(st.sampled_from(sah)), True


@st.composite
def usaha_kecil(draw) -> tuple[Tabel, str, str]:
    kode_ = draw(pengodean)
    pemisah_ = draw(pemisah)
    boleh_cacat = draw(st.integers(0, 2)) == 0
    kepala, lama = baris_lama("evaluasi_usaha_kecil.csv", {"2025"})
    t = Tabel(kepala, list(lama))
    nomor_id = draw(st.lists(st.integers(1, 999), min_size=1, max_size=12, unique=True))
    if draw(st.integers(0, 3)) == 0:                 # now and then the same usaha twice
        nomor_id.insert(draw(st.integers(0, len(nomor_id))), draw(st.sampled_from(nomor_id)))
    for n in nomor_id:
        nomor = len(t.baris) + 2                     # header is row 1
        dasar = f"UK-25-{n:03d}"
        id_ = draw(ejaan_id(dasar, kode_))
        wilayah, ok_w = sel(draw, KODE_WILAYAH, TIDAK_SAH_WILAYAH, boleh_cacat)
        jawab, ok_j = sel(draw, YA + TIDAK, TIDAK_SAH_YA_TIDAK, boleh_cacat)
        if not ok_w:
            t.cacat.add((nomor, "kode_wilayah"))
        if not ok_j:
            t.cacat.add((nomor, "menjadi_wirausaha"))
        t.baris.append(["2025", id_, draw(nama), wilayah, jawab])
        t.arti.append({"baris": nomor, "kunci": kunci_id(id_), "ya": ok_j and jawab in YA})
    return t, kode_, pemisah_


def _angka(draw, nilai: int) -> str:
    bentuk = draw(st.sampled_from(["polos", "titik", "rp", "rp-rapat"]))
    titik = f"{nilai:,}".replace(",", ".")
    return {"polos": str(nilai), "titik": titik, "rp": f"Rp {titik}",
            "rp-rapat": f"Rp{titik}"}[bentuk]


@st.composite
def koperasi(draw) -> tuple[Tabel, str, str]:
    kode_ = draw(pengodean)
    pemisah_ = draw(pemisah)
    boleh_cacat = draw(st.integers(0, 2)) == 0
    kepala, lama = baris_lama("evaluasi_koperasi.csv", {"2024", "2025"})
    t = Tabel(kepala, list(lama))
    ids = draw(st.lists(st.integers(1, 40), min_size=1, max_size=10, unique=True))
    for tahun in (2024, 2025):
        for n in ids:
            if tahun == 2025 or draw(st.integers(0, 4)):   # some have no 2024 row
                nomor = len(t.baris) + 2
                dasar = f"72010{n:011d}"
                volume, aset = draw(st.integers(0, 10**11)), draw(st.integers(0, 10**11))
                teks_v, teks_a = _angka(draw, volume), _angka(draw, aset)
                if boleh_cacat and draw(st.integers(0, 9)) == 0:
                    teks_v = draw(st.sampled_from(TIDAK_SAH_ANGKA))
                    t.cacat.add((nomor, "volume_usaha"))
                if boleh_cacat and draw(st.integers(0, 9)) == 0:
                    teks_a = draw(st.sampled_from(TIDAK_SAH_ANGKA))
                    t.cacat.add((nomor, "aset"))
                rat, ok_r = sel(draw, YA + TIDAK, TIDAK_SAH_YA_TIDAK, boleh_cacat)
                if not ok_r:
                    t.cacat.add((nomor, "rat"))
                t.baris.append([str(tahun), draw(ejaan_id(dasar, kode_)), draw(nama),
                                draw(st.sampled_from(KODE_WILAYAH)), rat, teks_v, teks_a])
                t.arti.append({"baris": nomor, "tahun": tahun, "kunci": dasar.casefold(),
                               "rat": ok_r and rat in YA, "volume": volume, "aset": aset})
    return t, kode_, pemisah_


# ------------------------------------------------------------------------ the checks
def jalankan(berkas: str, t: Tabel, kode_: str, pemisah_: str):
    with tempfile.TemporaryDirectory() as tmp:
        folder = salin_data_mini(Path(tmp) / "data")
        tulis_csv(folder / berkas, t.kepala, t.baris, kode_, pemisah_)
        try:
            return compute_results(2025, folder), None
        except DataIKUError as e:
            return None, e


def periksa_galat(e: DataIKUError | None, berkas: str, tempat: set[tuple[int, str]]) -> None:
    assert e is not None, f"diharapkan ditolak di salah satu {sorted(tempat)}"
    m = e.masalah[0]
    assert m.berkas == berkas and m.baris is not None and m.kolom is not None, str(e)
    assert (m.baris, m.kolom) in tempat, (str(e), sorted(tempat))


def duplikat(arti: list[dict], kunci) -> set[tuple[int, str]]:
    lihat, ganda = set(), set()
    for a in arti:
        k = kunci(a)
        if k in lihat:
            ganda.add(a["baris"])
        lihat.add(k)
    return ganda


@given(usaha_kecil())
def test_iku3_equals_the_oracle_or_names_the_cell(kasus):
    t, kode_, pemisah_ = kasus
    hasil, galat = jalankan("evaluasi_usaha_kecil.csv", t, kode_, pemisah_)
    event("ditolak" if galat else "dihitung")
    if t.cacat:
        periksa_galat(galat, "evaluasi_usaha_kecil.csv", t.cacat)
        return
    ganda = duplikat(t.arti, lambda a: a["kunci"])
    if ganda:
        periksa_galat(galat, "evaluasi_usaha_kecil.csv", {(b, "id_usaha") for b in ganda})
        return
    assert galat is None, str(galat)
    iku3 = hasil.set_index("kode_iku").loc["IKU3"]
    ya = sum(a["ya"] for a in t.arti)
    assert (iku3["pembilang"], iku3["penyebut"]) == (ya, len(t.arti))
    assert iku3["realisasi"] == persen(ya, len(t.arti))


@given(koperasi())
def test_iku2_equals_the_oracle_or_names_the_cell(kasus):
    t, kode_, pemisah_ = kasus
    assume(any(a["tahun"] == 2024 for a in t.arti))  # IKU2 needs a previous year
    hasil, galat = jalankan("evaluasi_koperasi.csv", t, kode_, pemisah_)
    event("ditolak" if galat else "dihitung")
    if t.cacat:
        periksa_galat(galat, "evaluasi_koperasi.csv", t.cacat)
        return
    assert galat is None, str(galat)
    lalu = {a["kunci"]: a for a in t.arti if a["tahun"] == 2024}
    kini = [a for a in t.arti if a["tahun"] == 2025]
    meningkat = sum(1 for a in kini if a["rat"] and a["kunci"] in lalu
                    and a["volume"] > lalu[a["kunci"]]["volume"]
                    and a["aset"] > lalu[a["kunci"]]["aset"])
    iku2 = hasil.set_index("kode_iku").loc["IKU2"]
    assert (iku2["pembilang"], iku2["penyebut"]) == (meningkat, len(kini))
    assert iku2["realisasi"] == persen(meningkat, len(kini))
