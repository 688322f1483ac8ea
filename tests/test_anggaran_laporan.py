"""The budget parts of the report (Bab III.B, the efficiency sentence of each IKU, the
Lampiran) on tests/fixtures/data_mini, without a PDF.

Its anggaran.csv is the sample one: the 2025 rows are spreadsheet rows 44-57; rows 53-55
are Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM) (IKU3), rows
56-57 Program Pengembangan UMKM (IKU1). Hand-worked for 2025:

    UMKM program  pagu 391.368.000 + 806.374.000 + 536.978.000 = 1.734.720.000
                  realisasi 369.729.087 + 768.305.199 + 453.388.583 = 1.591.422.869
                  serapan 91,7394... -> 91,74 %
    rows 53 + 55 alone: 928.346.000 / 823.117.670 -> 88,66 %; row 54 alone -> 95,28 %
"""

from __future__ import annotations

import csv
import html as html_mod
import re

import pytest
from conftest import salin_data_mini

from iku_helpers import laporan

UMKM = "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)"


@pytest.fixture
def data_mini(tmp_path):
    return salin_data_mini(tmp_path / "data")


def _ubah_anggaran(folder, ubah) -> None:
    """Rewrite anggaran.csv: ``ubah(baris)`` gets each data row (a list) with its
    spreadsheet row number and returns the row to keep, or None to drop it."""
    path = folder / "anggaran.csv"
    with path.open(encoding="utf-8", newline="") as f:
        semua = list(csv.reader(f))
    baru = [semua[0]]
    for nomor, b in enumerate(semua[1:], start=2):
        b = ubah(nomor, b)
        if b is not None:
            baru.append(b)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(baru)


def _teks(potongan: str) -> str:
    """The visible text of an HTML part, whitespace collapsed, entities decoded."""
    return re.sub(r"\s+", " ", html_mod.unescape(re.sub(r"<[^>]+>", " ", potongan)))


def _html(lap: laporan.Laporan) -> str:
    return "".join(b.data for b in lap.semua_bagian())


def test_nama_program_beda_huruf_kecil_satu_baris_dan_peringatan(data_mini):
    def kecil(nomor, b):
        if nomor == 54:
            assert b[2] == UMKM
            b[2] = b[2].replace("Program Pemberdayaan", "Program pemberdayaan")
        return b

    _ubah_anggaran(data_mini, kecil)
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    umkm = [a for a in lap.anggaran if "(UMKM)" in a["program"]]
    assert [(a["program"], a["pagu"], a["realisasi"], a["serapan"]) for a in umkm] == [
        (UMKM, 1_734_720_000, 1_591_422_869, 91.74)]
    bab3 = _teks(lap.bab_akuntabilitas().data)
    assert "Rp1.734.720.000" in bab3 and "91,74%" in bab3
    assert "Rp928.346.000" not in bab3 and "88,66%" not in bab3
    lampiran = _teks(lap.lampiran().data)
    assert "Berkas 'anggaran.csv', kolom 'program'" in lampiran
    assert f"'{UMKM}' (baris 53, 55)" in lampiran
    assert "'Program pemberdayaan Usaha Menengah" in lampiran and "(baris 54)" in lampiran


def test_tanpa_anggaran_tahun_ini_tidak_ada_tabel_efisiensi_di_daftar(data_mini):
    _ubah_anggaran(data_mini, lambda nomor, b: None if b[0] == "2025" else b)
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    html = _html(lap)
    assert "tab-efisiensi" not in {t["id"] for t in lap.konteks["daftar_tabel"]}
    assert "gbr-efisiensi" not in {g["id"] for g in lap.konteks["daftar_gambar"]}
    # every cross reference and list entry points at something printed
    ada = set(re.findall(r'id="([^"]+)"', html))
    rujukan = set(re.findall(r'href="#([^"]+)"', html))
    assert rujukan - ada == set()
    bab3 = _teks(lap.bab_akuntabilitas().data)
    assert "Data realisasi anggaran tahun 2025 belum diisi" in bab3


def test_ringkas_merujuk_metode_efisiensi_ke_lampiran_yang_memuatnya(data_mini):
    lap = laporan.siapkan(2025, data_mini, "2026-11-27", jenis="ringkas")
    teks = _teks(_html(lap))
    assert "Bagian B" not in teks
    assert teks.count("(metode pada Lampiran B)") == 4  # one per IKU
    lampiran = _teks(lap.lampiran().data)
    awal = lampiran.index("B. Aturan perhitungan")
    akhir = lampiran.index("C. Peringatan")
    aturan = lampiran[awal:akhir]
    assert "capaian kinerja (%) dibagi serapan anggaran (%)" in aturan
    assert "realisasi ÷ pagu × 100" in aturan

    lkjip = laporan.siapkan(2025, data_mini, "2026-11-27")
    bab3 = _teks(lkjip.bab_akuntabilitas().data)
    assert bab3.count("(metode pada Bagian B)") == 4
    assert "capaian kinerja (%) dibagi serapan anggaran (%)" in bab3[bab3.index(
        "B. Realisasi Anggaran"):]


@pytest.mark.parametrize("jenis", ["lkjip", "ringkas"])
def test_pagu_nol_menyebut_alasan(data_mini, jenis):
    def nol(nomor, b):
        if nomor in (56, 57):
            assert b[5] == "IKU1"
            b[6] = b[7] = "0"
        return b

    _ubah_anggaran(data_mini, nol)
    lap = laporan.siapkan(2025, data_mini, "2026-11-27", jenis=jenis)
    teks = _teks(lap.bab_akuntabilitas().data)
    assert ("Anggaran yang mendukung IKU 1: pagu Rp0, realisasi Rp0 (serapan –)") in teks
    assert ("Efisiensi IKU 1 tidak terukur karena pagu Rp0: serapan anggaran tidak dapat "
            "dihitung (pembagian dengan nol).") in teks
    if jenis == "lkjip":
        assert ("Serapan anggaran Program Pengembangan UMKM dan IKU 1 tidak dapat dihitung "
                "karena pagunya Rp0 (pembagian dengan nol).") in teks
