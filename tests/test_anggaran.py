"""Budget, efficiency, Perjanjian Kinerja and pembanding: hand-worked values.

The budget frame used below (year 2025, whole rupiah; spreadsheet rows 2-7):

    row 2  1.01  Program A  IKU1  pagu 400.000.000  realisasi 380.000.000
    row 3  1.02  Program A  IKU1  pagu 100.000.000  realisasi  90.000.000
    row 4  2.01  Program B  IKU2  pagu 300.000.000  realisasi 150.000.000
    row 5  2.02  Program B  IKU4  pagu  50.000.000  realisasi  55.000.000  (above pagu)
    row 6  9.01  Penunjang  -     pagu 150.000.000  realisasi 120.000.000
    row 7  (2024, ignored for 2025)

    total 2025: pagu 1.000.000.000, realisasi 795.000.000, serapan 79,50 %
    IKU1: 500 M / 470 M -> serapan 94,00; porsi 50,00; capaian 68,18 -> 68,18/94 = 0,7253 -> 0,73
    IKU2: 300 M / 150 M -> serapan 50,00; porsi 30,00; capaian 120,00 -> 2,40
    IKU3: no budget line -> not measurable, one sentence
    IKU4:  50 M /  55 M -> serapan 110,00; porsi 5,00; capaian 95,00 -> 95/110 = 0,8636 -> 0,86
    Program B: 350 M / 205 M -> 58,571... -> 58,57
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from iku_helpers import anggaran as ag

JUTA = 1_000_000
KOLOM_ANGGARAN = ["tahun", "kode_rekening", "program", "kegiatan", "sub_kegiatan", "kode_iku",
                  "pagu", "realisasi"]


def _anggaran() -> pd.DataFrame:
    baris = [
        (2025, "1.01", "Program A", "Kegiatan A1", "Sub A1a", "IKU1", 400 * JUTA, 380 * JUTA),
        (2025, "1.02", "Program A", "Kegiatan A1", "Sub A1b", "IKU1", 100 * JUTA, 90 * JUTA),
        (2025, "2.01", "Program B", "Kegiatan B1", "Sub B1a", "IKU2", 300 * JUTA, 150 * JUTA),
        (2025, "2.02", "Program B", "Kegiatan B1", "Sub B1b", "IKU4", 50 * JUTA, 55 * JUTA),
        (2025, "9.01", "Penunjang", "Kegiatan P1", "Sub P1a", "", 150 * JUTA, 120 * JUTA),
        (2024, "1.01", "Program A", "Kegiatan A1", "Sub A1a", "IKU1", 999, 999),
    ]
    df = pd.DataFrame(baris, columns=KOLOM_ANGGARAN)
    df["_baris"] = range(2, 2 + len(df))
    return df.astype({"pagu": float, "realisasi": float})  # as validasi_tabel types them


HASIL = pd.DataFrame({"tahun": [2025] * 4, "kode_iku": ["IKU1", "IKU2", "IKU3", "IKU4"],
                      "realisasi": [1.05, 4.62, 2.50, 55.00],
                      "capaian_persen": [68.18, 120.00, 56.31, 95.00]})


# --------------------------------------------------------------------------- serapan

def test_serapan_dua_desimal_setengah_ke_atas():
    assert ag.serapan(200 * JUTA, 24_690_000) == 12.35  # exactly 12,345 -> 12,35
    # exactly 3,625: the binary float of 145 / 4000 * 100 is just below and would give 3,62
    assert ag.serapan(4_000, 145) == 3.63
    assert ag.serapan(1_500 * JUTA, 1_234_567_890) == 82.30  # 82,3045...
    assert ag.serapan(100, 120) == 120.0  # above pagu: not capped
    assert ag.serapan(500, 0) == 0.0


def test_serapan_pagu_nol_tidak_terukur_dengan_alasan():
    assert ag.serapan(0, 0) is None
    nilai, alasan = ag.serapan_dengan_alasan(0, 5_000)
    assert nilai is None and alasan == ag.ALASAN_PAGU_NOL
    assert "pagu Rp0" in alasan
    assert ag.serapan_dengan_alasan(100, 50) == (50.0, None)


# --------------------------------------------------------------------------- efisiensi

def test_metode_rasio():
    e = ag.hitung_efisiensi(104.0, 100 * JUTA, 80 * JUTA)  # 104 / 80 = 1,30
    assert (e.metode, e.nilai, e.label, e.alasan) == ("rasio", 1.30, "efisien", None)
    assert e.penjelasan == ag.PENJELASAN_METODE["rasio"]
    assert "capaian kinerja (%) dibagi serapan" in e.penjelasan
    kurang = ag.hitung_efisiensi(68.18, 100, 94)  # 68,18 / 94 = 0,7253
    assert (kurang.nilai, kurang.label) == (0.73, "kurang efisien")


def test_the_stated_method_defines_every_label_it_gives():
    """2024 (data/): IKU 1 96,55 / 96,71 = 0,998 printed 1,00 "sebanding", a label the
    method sentence of Bab III.B and Lampiran C never defined. Each label the ratio method
    can give is now stated there, with the rounding it is read on."""
    e = {ag.hitung_efisiensi(c, 100, s).label for c, s in ((130, 100), (96.55, 96.71),
                                                            (50, 100))}
    assert e == {"efisien", "sebanding", "kurang efisien"}
    for label in e:
        assert f"berarti {label}" in ag.PENJELASAN_METODE["rasio"], label
    assert "dibulatkan dua desimal" in ag.PENJELASAN_METODE["rasio"]
    sama = ag.hitung_efisiensi(90.0, 100, 90)
    assert (sama.nilai, sama.label) == (1.0, "sebanding")


def test_indeks_efisiensi_setengah_ke_atas():
    assert ag.indeks_efisiensi(100.4, 80.0) == 1.26  # exactly 1,255
    assert ag.indeks_efisiensi(None, 80.0) is None
    assert ag.indeks_efisiensi(90.0, 0.0) is None


def test_metode_sisa_anggaran():
    e = ag.hitung_efisiensi(104.0, 1_000 * JUTA, 875 * JUTA, "sisa_anggaran")
    assert (e.nilai, e.label) == (12.50, "efisien")
    assert "(pagu - realisasi) / pagu x 100" in e.penjelasan
    gagal = ag.hitung_efisiensi(99.99, 1_000 * JUTA, 500 * JUTA, "sisa_anggaran")
    assert (gagal.nilai, gagal.label) == (None, "tidak efisien")
    pas = ag.hitung_efisiensi(100.0, 500, 500, "sisa_anggaran")
    assert (pas.nilai, pas.label) == (0.0, "tanpa penghematan")
    lebih = ag.hitung_efisiensi(110.0, 100, 120, "sisa_anggaran")
    assert (lebih.nilai, lebih.label) == (-20.0, "tanpa penghematan")


def test_efisiensi_tidak_terukur_menyebut_alasan():
    nol = ag.hitung_efisiensi(100.0, 0, 0)
    assert (nol.nilai, nol.label, nol.alasan) == (None, "tidak terukur", ag.ALASAN_PAGU_NOL)
    tanpa = ag.hitung_efisiensi(100.0, None, None)
    assert tanpa.alasan == "tidak ada baris anggaran untuk IKU ini"
    belum = ag.hitung_efisiensi(80.0, 100, 0)
    assert belum.alasan == "anggaran belum terserap (serapan 0%)"
    assert ag.hitung_efisiensi(None, 100, 50).alasan == "capaian kinerja tidak terukur"
    with pytest.raises(ValueError, match="metode efisiensi tidak dikenal"):
        ag.hitung_efisiensi(100.0, 100, 50, "bobot")


# --------------------------------------------------------------------------- aggregation

def test_ringkasan_per_iku_sesuai_hitungan_tangan():
    r = ag.ringkas_anggaran(_anggaran(), HASIL, 2025)
    assert (r.total_pagu, r.total_realisasi, r.total_serapan_persen) == (
        1_000 * JUTA, 795 * JUTA, 79.50)
    t = r.per_iku.set_index("kode_iku")
    assert list(r.per_iku["kode_iku"]) == ["IKU1", "IKU2", "IKU3", "IKU4"]
    assert t.loc["IKU1", ["pagu", "realisasi"]].tolist() == [500 * JUTA, 470 * JUTA]
    assert t["serapan_persen"].tolist()[:2] == [94.0, 50.0]
    assert t.loc["IKU4", "serapan_persen"] == 110.0
    assert t.loc["IKU1", "indeks_efisiensi"] == 0.73
    assert t.loc["IKU2", "indeks_efisiensi"] == 2.40
    assert t.loc["IKU4", "indeks_efisiensi"] == 0.86
    assert t.loc["IKU1", "porsi_anggaran_persen"] == 50.0
    assert t.loc["IKU2", "porsi_anggaran_persen"] == 30.0
    assert t.loc["IKU4", "porsi_anggaran_persen"] == 5.0
    assert t.loc["IKU2", "label_efisiensi"] == "efisien"
    # IKU3 has no budget line: empty figures, not a crash
    assert pd.isna(t.loc["IKU3", "pagu"]) and math.isnan(t.loc["IKU3", "serapan_persen"])
    assert t.loc["IKU3", "label_efisiensi"] == "tidak terukur"
    assert t.loc["IKU3", "capaian_persen"] == 56.31


def test_ringkasan_per_program_dan_csv_kontrak():
    r = ag.ringkas_anggaran(_anggaran(), HASIL, 2025)
    p = r.per_program.set_index("program")
    assert p.loc["Program A"].tolist() == [500 * JUTA, 470 * JUTA, 94.0]
    assert p.loc["Program B"].tolist() == [350 * JUTA, 205 * JUTA, 58.57]
    assert p.loc["Penunjang"].tolist() == [150 * JUTA, 120 * JUTA, 80.0]
    csv = r.tabel_csv()
    assert list(csv.columns) == ["kode_iku", "pagu", "realisasi", "serapan_persen",
                                 "capaian_persen", "indeks_efisiensi"]
    teks = csv.to_csv(index=False, lineterminator="\n")
    assert "IKU1,500000000,470000000,94.0,68.18,0.73\n" in teks
    assert "IKU3,,,,56.31,\n" in teks


def test_ringkasan_kalimat():
    r = ag.ringkas_anggaran(_anggaran(), HASIL, 2025)
    assert r.kalimat == [
        "IKU3 tidak memiliki baris anggaran tahun 2025 di berkas 'anggaran.csv', sehingga "
        "serapan dan efisiensinya tidak dapat dihitung.",
        "Anggaran telah terserap tetapi target tidak tercapai pada IKU 1 (serapan 94,00%, "
        "capaian 68,18%) dan IKU 4 (serapan 110,00%, capaian 95,00%)."]


def test_ringkasan_metode_sisa_anggaran():
    r = ag.ringkas_anggaran(_anggaran(), HASIL, 2025, metode="sisa_anggaran")
    t = r.per_iku.set_index("kode_iku")
    assert t.loc["IKU2", "nilai_efisiensi"] == 50.0  # (300 - 150) / 300
    assert t.loc["IKU1", "label_efisiensi"] == "tidak efisien"
    assert t.loc["IKU4", "label_efisiensi"] == "tidak efisien"
    assert t.loc["IKU2", "indeks_efisiensi"] == 2.40  # the CSV column stays the ratio


def test_ringkasan_tanpa_baris_tahun_itu_dan_semua_tercapai():
    hasil = HASIL.assign(capaian_persen=[100.0, 120.0, 101.0, 100.5])
    r = ag.ringkas_anggaran(_anggaran(), hasil, 2026)
    assert r.total_pagu == 0 and r.total_serapan_persen is None
    assert r.kalimat[0] == ("Berkas 'anggaran.csv' tidak memuat baris anggaran tahun 2026; "
                            "realisasi anggaran dan efisiensi tidak dapat dihitung.")
    assert r.kalimat[1] == ("Tidak ada IKU yang anggarannya terserap sementara targetnya "
                            "tidak tercapai.")


def test_nama_program_beda_huruf_besar_kecil_satu_program_dengan_peringatan():
    """Row 3 (Program A) spelt "program  a" (lower case, two spaces): still one program,
    500 M / 470 M -> serapan 94,00, printed as first written (row 2), with one warning
    naming the file, both rows and both spellings."""
    df = _anggaran()
    df.loc[1, "program"] = "program  a"
    r = ag.ringkas_anggaran(df, HASIL, 2025)
    p = r.per_program.set_index("program")
    assert list(p.index) == ["Program A", "Program B", "Penunjang"]
    assert p.loc["Program A"].tolist() == [500 * JUTA, 470 * JUTA, 94.0]
    assert len(r.peringatan) == 1
    w = r.peringatan[0]
    assert (w.berkas, w.kolom) == ("anggaran.csv", "program")
    assert w.startswith("Berkas 'anggaran.csv', kolom 'program': ")
    assert "'Program A' (baris 2)" in w and "'program  a' (baris 3)" in w
    assert ag.ringkas_anggaran(_anggaran(), HASIL, 2025).peringatan == []


def test_pagu_nol_alasan_per_iku_dan_kalimat():
    """Both IKU1 rows (all of Program A) with pagu 0 and realisasi 0: the serapan of Program
    A and of IKU1 cannot be measured, and the report is given the reason."""
    df = _anggaran()
    df.loc[[0, 1], ["pagu", "realisasi"]] = 0.0
    r = ag.ringkas_anggaran(df, HASIL, 2025)
    t = r.per_iku.set_index("kode_iku")
    assert math.isnan(t.loc["IKU1", "serapan_persen"])
    assert t.loc["IKU1", "label_efisiensi"] == "tidak terukur"
    assert t.loc["IKU1", "alasan_efisiensi"] == (
        "pagu Rp0: serapan anggaran tidak dapat dihitung (pembagian dengan nol)")
    assert t.loc["IKU3", "alasan_efisiensi"] == "tidak ada baris anggaran untuk IKU ini"
    assert pd.isna(t.loc["IKU2", "alasan_efisiensi"])
    assert ("Serapan anggaran Program A dan IKU 1 tidak dapat dihitung karena pagunya Rp0 "
            "(pembagian dengan nol).") in r.kalimat
    assert not any("pagunya Rp0" in k for k in ag.ringkas_anggaran(_anggaran(), HASIL,
                                                                   2025).kalimat)


# --------------------------------------------------------------------------- Perjanjian Kinerja

def test_kalimat_target_pk():
    assert ag.kalimat_target_pk(2025, 1.50, 1.54) == (
        "target PK 2025 1,50% berbeda dari target Renstra 1,54%")
    assert ag.kalimat_target_pk(2025, 3.85, 3.85) == "target PK sama dengan target Renstra"
    assert ag.kalimat_target_pk(2025, 3.8500000001, 3.85) == ag.KALIMAT_PK_SAMA
    assert ag.kalimat_target_pk(2025, 66.5, 66.0, "indeks") == (
        "target PK 2025 66,50 berbeda dari target Renstra 66,00")
    assert ag.kalimat_target_pk(2026, 1.7, None) == (
        "target PK 2026 1,70%; target Renstra tahun ini tidak ada")


# --------------------------------------------------------------------------- pembanding

PEMBANDING = pd.DataFrame({
    "tahun": [2025, 2025, 2024], "kode_iku": ["IKU1", "IKU1", "IKU2"],
    "pembanding": ["Nasional", "Provinsi Sulawesi Selatan", "Nasional"],
    "nilai": [1.50, 0.95, 5.0], "sumber": ["Sumber A", "Sumber B", "Sumber C"]})


def test_selisih_pembanding_dan_satu_kalimat():
    p = ag.bandingkan(HASIL, PEMBANDING, 2025)
    assert p.tabel[["kode_iku", "pembanding", "realisasi", "nilai", "selisih"]].values.tolist() == [
        ["IKU1", "Nasional", 1.05, 1.50, -0.45],
        ["IKU1", "Provinsi Sulawesi Selatan", 1.05, 0.95, 0.10]]
    assert p.tabel["sumber"].tolist() == ["Sumber A", "Sumber B"]
    assert p.tanpa_pembanding == ["IKU2", "IKU3", "IKU4"]
    assert p.kalimat_tanpa_pembanding == (
        "Belum ada data pembanding (standar nasional, provinsi lain atau target kementerian) "
        "tahun 2025 untuk IKU2, IKU3 dan IKU4.")


def test_pembanding_tidak_ada_sama_sekali():
    p = ag.bandingkan(HASIL, None, 2025)
    assert p.tabel.empty and p.tanpa_pembanding == ["IKU1", "IKU2", "IKU3", "IKU4"]
    assert p.kalimat_tanpa_pembanding.count("Belum ada data pembanding") == 1
    assert p.kalimat_tanpa_pembanding.endswith("untuk IKU mana pun.")


def test_kalimat_selisih():
    assert ag.kalimat_selisih("IKU1", "Nasional", 1.05, 1.50, -0.45, "Sumber A") == (
        "Realisasi IKU1 sebesar 1,05% berada 0,45 poin persen di bawah Nasional (1,50%; "
        "sumber: Sumber A).")
    assert ag.kalimat_selisih("IKU4", "Target kementerian", 70.0, 70.0, 0.0, "X",
                              "indeks") == (
        "Realisasi IKU4 sebesar 70,00 sama dengan Target kementerian (70,00; sumber: X).")
    assert ag.kalimat_selisih("IKU4", "Nasional", 70.0, 68.5, 1.5, "X", "indeks") == (
        "Realisasi IKU4 sebesar 70,00 berada 1,50 poin indeks di atas Nasional (68,50; "
        "sumber: X).")


def test_one_unit_for_a_difference_in_every_output():
    """The LKjIP said "naik 3,00 poin" for IKU 4 where the monev says "poin indeks", and the
    monev "poin persentase" where the LKjIP says "poin persen". format_id.poin words it for
    the report's change sentences, the comparison sentences and the dashboard's trend."""
    from iku_helpers import analisis, laporan
    from iku_helpers.format_id import poin

    assert [poin(s) for s in ("%", "Indeks", "indeks")] == [
        "poin persen", "poin indeks", "poin indeks"]
    assert analisis._poin(-3.0, "Indeks") == "3,00 poin indeks"
    assert analisis._poin(0.125, "%") == "0,13 poin persen"
    lap = laporan.siapkan(2022, Path(__file__).resolve().parents[1] / "data", "2026-11-27")
    assert lap._kalimat_perubahan("IKU4") == (
        "Dibanding tahun 2021 (58,20), realisasi naik 3,00 poin indeks.")


def test_gabung_kata():
    assert ag.gabung_kata(["IKU1"]) == "IKU1"
    assert ag.gabung_kata(["IKU1", "IKU2"]) == "IKU1 dan IKU2"
