"""Analysts' helpers, with hand-worked values (mini folder: see tests/conftest.py)."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import iku_helpers as ik
from iku_helpers import analisis as an
from iku_helpers.errors import ParameterError


def _riwayat(kode: str, tahun: list[int], realisasi: list[float],
             target_akhir: float | None = 2.0) -> pd.DataFrame:
    baris = [{"kode_iku": kode, "tahun": t, "realisasi": r, "target": None}
             for t, r in zip(tahun, realisasi, strict=True)]
    baris.append({"kode_iku": kode, "tahun": 2026, "realisasi": None, "target": target_akhir})
    return pd.DataFrame(baris)


@pytest.fixture
def hasil_mini(folder_mini: Path) -> ik.HasilIKU:
    return ik.hitung_iku(2025, folder_mini)


# ------------------------------------------------------------------ proyeksi
def test_proyeksi_tren_straight_line():
    # 1,0 / 1,2 / 1,4 for 2022-2024: slope 0,2; 2026 = 1,4 + 2 x 0,2 = 1,8;
    # needed per year (2,0 - 1,4) / (2026 - 2024) = 0,30; a perfect fit has no spread to
    # estimate, so no interval (rather than one of zero width).
    p = an.proyeksi_tren(_riwayat("IKU1", [2022, 2023, 2024], [1.0, 1.2, 1.4]), "IKU1")
    assert p["kemiringan_per_tahun"] == pytest.approx(0.2)
    assert p["proyeksi"] == pytest.approx(1.8)
    assert p["perubahan_dibutuhkan_per_tahun"] == pytest.approx(0.30)
    assert (p["tahun_awal"], p["tahun_terakhir"], p["n_titik"]) == (2022, 2024, 3)
    assert p["target_tujuan"] == 2.0
    assert math.isnan(p["batas_bawah"]) and math.isnan(p["batas_atas"])
    assert list(p["garis"]["tahun"]) == [2022, 2023, 2024, 2025, 2026]
    assert p["garis"]["proyeksi"].iloc[-1] == pytest.approx(1.8)
    assert an.kesimpulan_proyeksi(p) == "tidak tercapai"
    assert "kuadrat terkecil" in p["metode"]


def test_proyeksi_tren_prediction_interval_by_hand():
    # y = 1, 3, 2, 4 (2021-2024). mean year 2022,5, Sxx = 5, Sxy = 4 -> slope 0,8;
    # fitted 1,3 2,1 2,9 3,7; SSE = 1,8; s = sqrt(1,8 / 2) = 0,94868;
    # 2026: 2,5 + 0,8 x 3,5 = 5,3; half width = t(0,975; 2) 4,303 x s x sqrt(1 + 1/4 + 3,5^2/5)
    #       = 4,303 x 0,94868 x 1,92354 = 7,8522 -> [-2,5522; 13,1522]
    r = _riwayat("IKU3", [2021, 2022, 2023, 2024], [1, 3, 2, 4], target_akhir=6.0)
    p = an.proyeksi_tren(r, "IKU3", rentang_wajar=(None, None))
    assert p["kemiringan_per_tahun"] == pytest.approx(0.8)
    assert p["proyeksi"] == pytest.approx(5.3)
    assert p["galat_baku_residu"] == pytest.approx(math.sqrt(0.9))
    assert p["t_kritis"] == 4.303
    # rounded to 2 decimals: the value the sentence and the table print
    assert p["batas_bawah"] == -2.55
    assert p["batas_atas"] == 13.15
    assert p["perubahan_dibutuhkan_per_tahun"] == pytest.approx(1.0)  # (6 - 4) / 2
    assert an.kesimpulan_proyeksi(p) == "kemungkinan tidak tercapai"
    # by default a percentage's band is clipped to 0-100
    assert an.proyeksi_tren(r, "IKU3")["batas_bawah"] == 0.0


@pytest.mark.parametrize(("target", "harapan"), [
    (5.0, "kemungkinan tercapai"),     # projection 5,3 meets it, the band [0; 13,15] not all
    (6.0, "kemungkinan tidak tercapai"),
    (20.0, "tidak tercapai"),          # above the whole band
])
def test_kesimpulan_proyeksi_verdicts(target, harapan):
    r = _riwayat("IKU3", [2021, 2022, 2023, 2024], [1, 3, 2, 4], target_akhir=target)
    assert an.kesimpulan_proyeksi(an.proyeksi_tren(r, "IKU3")) == harapan


def test_kesimpulan_tercapai_when_the_whole_band_meets_target():
    r = _riwayat("IKU1", [2022, 2023, 2024], [1.0, 1.2, 1.4], target_akhir=1.5)
    assert an.kesimpulan_proyeksi(an.proyeksi_tren(r, "IKU1")) == "tercapai"


def test_kesimpulan_lower_is_better():
    # falling 3,0 / 2,5 / 2,0: 2026 = 1,0, target 1,5 (lower is better) -> reached
    r = _riwayat("IKU1", [2022, 2023, 2024], [3.0, 2.5, 2.0], target_akhir=1.5)
    p = an.proyeksi_tren(r, "IKU1", arah="turun")
    assert p["proyeksi"] == pytest.approx(1.0)
    assert an.kesimpulan_proyeksi(p) == "tercapai"
    assert an.kesimpulan_proyeksi({**p, "arah": "naik"}) == "tidak tercapai"


def test_proyeksi_two_points_has_no_band_and_one_point_says_so():
    p = an.proyeksi_tren(_riwayat("IKU2", [2024, 2025], [2.0, 3.0], 3.5), "IKU2")
    assert p["proyeksi"] == pytest.approx(4.0)
    assert math.isnan(p["batas_bawah"]) and math.isnan(p["batas_atas"])
    assert an.kesimpulan_proyeksi(p) == "tercapai"
    assert "titik data terlalu sedikit" in an.apakah_target_tercapai(p)
    # one point (e.g. IKU2 in 2022, whose 2021 has no 2020 to compare with): no trend, a
    # sentence instead of an error. Needed per year: (3,5 - 3,0) / (2026 - 2022) = 0,125
    # -> 0,13 (half up)
    satu = an.proyeksi_tren(_riwayat("IKU2", [2022], [3.0], 3.5), "IKU2")
    assert satu["cukup_data"] is False and math.isnan(satu["proyeksi"])
    assert an.kesimpulan_proyeksi(satu) == "tren belum dapat dihitung"
    kalimat = an.apakah_target_tercapai(satu, "%")
    assert "baru ada satu titik data (realisasi 2022 3,00%)" in kalimat
    assert "perlu naik 0,13 poin persen per tahun" in kalimat
    t = an.tabel_proyeksi(_riwayat("IKU2", [2022], [3.0], 3.5))
    assert t["kesimpulan"].tolist() == ["tren belum dapat dihitung"]


def test_proyeksi_is_clipped_to_what_the_share_can_be():
    # 3,0 / 2,0 / 1,0 for 2022-2024: slope -1, 2026 = 1,0 - 2 = -1,0 -> a share cannot be
    # below 0: the projection is 0,00 (perfect fit: no interval to clip).
    r = _riwayat("IKU2", [2022, 2023, 2024], [3.0, 2.0, 1.0], 3.85)
    p = an.proyeksi_tren(r, "IKU2")
    assert p["proyeksi_mentah"] == pytest.approx(-1.0)
    assert p["proyeksi"] == 0.0 and p["dibatasi"] is True
    assert math.isnan(p["batas_bawah"])
    assert (p["garis"]["proyeksi"] >= 0).all()
    kalimat = an.apakah_target_tercapai(p, "%")
    assert "diproyeksikan 0,00%" in kalimat and "dibatasi" in kalimat
    assert "-1" not in kalimat
    # a noisy falling series: the interval stays around the clipped projection
    r = _riwayat("IKU2", [2021, 2022, 2023, 2024], [4.0, 2.5, 2.8, 1.0], 3.85)
    p = an.proyeksi_tren(r, "IKU2")
    assert 0.0 == p["batas_bawah"] <= p["proyeksi"] <= p["batas_atas"]


@pytest.mark.parametrize("tahun", [2022, 2023, 2024, 2025])
def test_sentence_and_table_print_the_same_digits(tahun):
    from iku_helpers.format_id import angka

    hasil = ik.hitung_iku(tahun, Path(__file__).parents[1] / "data")
    arah = {k: v["arah"] for k, v in hasil.data.katalog.items()}
    satuan = {k: v["satuan"] for k, v in hasil.data.katalog.items()}
    t = an.tabel_proyeksi(hasil.riwayat, satuan, arah=arah)
    for b in t.itertuples():
        if b.kesimpulan == "tren belum dapat dihitung":
            assert "satu titik data" in b.penjelasan
            continue
        assert f"diproyeksikan {angka(b.proyeksi)}" in b.penjelasan
        if not math.isnan(b.batas_bawah):
            assert f"{angka(b.batas_bawah)}" in b.penjelasan
            assert b.batas_bawah <= b.proyeksi <= b.batas_atas
            assert 0 <= b.batas_bawah and b.batas_atas <= 100


def test_apakah_target_tercapai_sentence():
    p = an.proyeksi_tren(_riwayat("IKU1", [2022, 2023, 2024], [1.0, 1.2, 1.4]), "IKU1")
    kalimat = an.apakah_target_tercapai(p, "%")
    assert "tren linier 2022–2024, rata-rata naik 0,20 poin persen per tahun" in kalimat
    assert "diproyeksikan 1,80%" in kalimat and "target 2026 adalah 2,00%" in kalimat
    assert "perlu naik 0,30 poin persen per tahun dari 1,40% pada 2024" in kalimat
    assert "Kesimpulan: target 2026 TIDAK TERCAPAI" in kalimat
    sudah = an.proyeksi_tren(_riwayat("IKU4", [2024, 2025], [70, 71], 68), "IKU4")
    teks = an.apakah_target_tercapai(sudah, "Indeks")
    assert "sudah memenuhi target 2026; cukup dipertahankan" in teks and "71,00" in teks


def test_tabel_proyeksi_on_mini(hasil_mini):
    # mini IKU1: 2024 (60+40+30+17)/9.800 = 1,50; 2025 1,60 -> slope 0,10, 2026 1,70;
    # target 2026 2,00 -> needed 0,40 per year
    t = an.tabel_proyeksi(hasil_mini.riwayat)
    b = t.set_index("kode_iku").loc["IKU1"]
    assert (b["realisasi_terakhir"], b["proyeksi"], b["perubahan_dibutuhkan_per_tahun"]) == (
        1.60, 1.70, 0.40)
    assert b["kesimpulan"] == "tidak tercapai"
    # one year of IKU2 only: the row stays, saying there is no trend yet
    assert t.set_index("kode_iku").loc["IKU2", "kesimpulan"] == "tren belum dapat dihitung"


# ------------------------------------------------------------------ wilayah
def test_peringkat_wilayah_on_mini(hasil_mini):
    # Kabupaten Satu: 120/6.040 = 1,986.. -> 1,99 %, koperasi 1 of 2, usaha kecil 2 of 4 = 50 %
    # Kota Dua: 40/4.000 = 1,00 %, koperasi 0 of 2, usaha kecil 1 of 4 = 25 %
    p = an.peringkat_wilayah(hasil_mini)
    assert list(p["nama_wilayah"]) == ["Kabupaten Satu", "Kota Dua"]
    assert list(p["iku1_persen"]) == [1.99, 1.0]
    assert list(p["peringkat_iku1"]) == [1, 2]
    assert list(p["koperasi_meningkat_persen"]) == [50.0, 0.0]
    assert list(p["iku3_persen"]) == [50.0, 25.0]
    # 2 koperasi and 4 usaha kecil per area: fewer than 10 evaluated, so no rank (as the
    # report's tables and charts do)
    assert p["peringkat_iku2"].isna().all() and p["peringkat_iku3"].isna().all()
    hasil_mini.wilayah["koperasi_dievaluasi"] = [20, 10]
    hasil_mini.wilayah["koperasi_meningkat"] = [10, 6]  # 50 % and 60 %
    hasil_mini.wilayah["usaha_kecil_dievaluasi"] = [12, 9]
    p = an.peringkat_wilayah(hasil_mini)
    assert list(p["koperasi_meningkat_persen"]) == [50.0, 60.0]
    assert list(p["peringkat_iku2"]) == [2, 1]  # by the IKU2 share, not the count
    assert p["peringkat_iku3"].tolist() == [1, pd.NA]


def test_peringkat_ties_share_rank(hasil_mini):
    hasil_mini.wilayah["iku1_persen"] = [1.5, 1.5]
    assert list(an.peringkat_wilayah(hasil_mini)["peringkat_iku1"]) == [1, 1]


def test_dashboard_table_and_chart_rank_alike(hasil_mini):
    """The dashboard's table and its bar chart give every area the same rank for each
    share (one rule): ties as printed, small counts unranked, on a frame with both."""
    from iku_helpers.grafik import grafik_wilayah

    w = hasil_mini.wilayah
    w = pd.concat([w] * 3, ignore_index=True)
    w["kode_wilayah"] = range(len(w))
    w["nama_wilayah"] = [f"Wilayah {i}" for i in range(len(w))]
    w["iku1_persen"] = [1.004, 1.001, 2.0, 0.5, 1.005, 2.0]  # 1,005 prints 1,01
    w["koperasi_dievaluasi"] = [20, 20, 3, 10, 40, 0]
    w["koperasi_meningkat"] = [10, 10, 3, 7, 12, 0]
    w["usaha_kecil_dievaluasi"] = [12, 9, 30, 10, 10, 100]
    w["usaha_kecil_menjadi_wirausaha"] = [3, 9, 10, 1, 3, 25]
    w["iku3_persen"] = [25.0, 100.0, 33.33, 10.0, 30.0, 25.0]
    hasil_mini.wilayah = w
    tabel = an.peringkat_wilayah(hasil_mini)
    for kolom, (nama, penyebut) in an.PERINGKAT_WILAYAH.items():
        ax = grafik_wilayah(tabel, kolom, "uji", penyebut=penyebut).axes[0]
        dari_grafik = {}
        for t in ax.get_yticklabels():
            teks = t.get_text()
            if "tidak diperingkat" in teks:
                dari_grafik[teks.split(" (n = ")[0]] = None
            else:
                r, nama_wilayah = teks.split(". ", 1)
                dari_grafik[nama_wilayah] = None if r == "–" else int(r)
        dari_tabel = {n: (None if pd.isna(r) else int(r))
                      for n, r in zip(tabel["nama_wilayah"], tabel[nama], strict=True)}
        assert dari_grafik == dari_tabel, kolom
    r = tabel.set_index("nama_wilayah").astype(object).where(tabel.set_index(
        "nama_wilayah").notna(), None)
    # by hand, IKU1 printed 1,00 1,00 2,00 0,50 1,01 2,00
    assert r["peringkat_iku1"].to_dict() == {
        "Wilayah 0": 4, "Wilayah 1": 4, "Wilayah 2": 1, "Wilayah 3": 6, "Wilayah 4": 3,
        "Wilayah 5": 1}
    # IKU2 50 % 50 % (100 % of 3: unranked) 70 % 30 % (none evaluated: no value)
    assert r["peringkat_iku2"].to_dict() == {
        "Wilayah 0": 2, "Wilayah 1": 2, "Wilayah 2": None, "Wilayah 3": 1, "Wilayah 4": 4,
        "Wilayah 5": None}
    # IKU3 25 % (100 % of 9: unranked) 33,33 % 10 % 30 % 25 %
    assert r["peringkat_iku3"].to_dict() == {
        "Wilayah 0": 3, "Wilayah 1": None, "Wilayah 2": 1, "Wilayah 3": 5, "Wilayah 4": 2,
        "Wilayah 5": 3}


def test_tren_wilayah_on_mini(folder_mini):
    data = ik.muat_data(folder_mini)
    t = an.tren_wilayah(data, "iku1_persen")
    # 2024: (40+60)/5.940 = 1,683.. -> 1,68 %; (30+17)/3.900 = 1,205.. -> 1,21 %
    # 2025: (50+70)/6.040 = 1,986.. -> 1,99 %; (30+10)/4.000 = 1,00 %
    assert t.set_index(["tahun", "kode_wilayah"])["nilai"].to_dict() == {
        (2024, 9901): 1.68, (2024, 9902): 1.21, (2025, 9901): 1.99, (2025, 9902): 1.0}
    kop = an.tren_wilayah(data, "koperasi_meningkat")
    assert sorted(set(kop["tahun"])) == [2025]  # 2024 has no 2023 to compare with
    assert list(kop["nilai"]) == [1.0, 0.0]
    with pytest.raises(ParameterError, match="kolom"):
        an.tren_wilayah(data, "tidak_ada")
    assert set(an.LABEL_KOLOM_WILAYAH) == set(an.KOLOM_TREN_WILAYAH)


def test_tren_provinsi(hasil_mini):
    t = an.tren_provinsi(hasil_mini.riwayat, "IKU1")
    assert t.to_dict("list") == {"tahun": [2024, 2025], "nilai": [1.5, 1.6]}


def test_rinci_usaha_kecil_on_mini(hasil_mini):
    r = an.rinci_usaha_kecil(hasil_mini)
    assert list(r["nama_wilayah"]) == ["Kabupaten Satu", "Kota Dua"]
    assert list(r["usaha_kecil_dievaluasi"]) == [4, 4]
    assert list(r["menjadi_wirausaha"]) == [2, 1]
    assert list(r["belum_menjadi_wirausaha"]) == [2, 3]
    assert list(r["menjadi_wirausaha_persen"]) == [50.0, 25.0]
    assert list(r["bagian_dari_total_wirausaha_persen"]) == [66.67, 33.33]
    assert len(an.tabel_usaha_kecil(hasil_mini, "kota dua")) == 4
    assert len(an.tabel_usaha_kecil(hasil_mini, 9901)) == 4


# ------------------------------------------------------------------ koperasi
def _koperasi(nama, rat, vol, vol_lalu, aset, aset_lalu):
    ada = vol_lalu is not None
    lolos_v = ada and vol > vol_lalu
    lolos_a = ada and aset > aset_lalu
    return {"nomor_induk_koperasi": nama, "nama_koperasi": nama, "nama_wilayah": "X",
            "rat": rat, "volume_usaha": vol, "volume_usaha_sebelumnya": vol_lalu,
            "aset": aset, "aset_sebelumnya": aset_lalu, "ada_data_sebelumnya": ada,
            "lolos_rat": rat, "lolos_volume_usaha": lolos_v, "lolos_aset": lolos_a,
            "meningkat": rat and lolos_v and lolos_a,
            "perubahan_volume_usaha_persen": (vol / vol_lalu - 1) * 100 if ada else None,
            "perubahan_aset_persen": (aset / aset_lalu - 1) * 100 if ada else None,
            "kriteria_gagal": "", "jumlah_kriteria_gagal": (not rat) + (
                (not lolos_v) + (not lolos_a) if ada else 2)}


def test_koperasi_terdekat_ordering_by_hand():
    df = pd.DataFrame([
        _koperasi("B_volume_turun_10", True, 90, 100, 110, 100),   # 1 failed; 10/90 = 11,11 %
        _koperasi("D_rat_dan_aset", False, 110, 100, 99, 100),     # 2 failed
        _koperasi("E_meningkat", True, 110, 100, 110, 100),        # improved: excluded
        _koperasi("F_baru", False, 100, None, 100, None),          # no t-1 row: excluded
        _koperasi("A_hanya_rat", False, 105, 100, 105, 100),       # 1 failed; shortfall 0
        _koperasi("C_aset_turun_5", True, 110, 100, 95, 100),      # 1 failed; 5/95 = 5,26 %
    ])
    t = an.koperasi_terdekat(df, n=5)
    assert list(t["nama_koperasi"]) == ["A_hanya_rat", "C_aset_turun_5", "B_volume_turun_10",
                                        "D_rat_dan_aset"]
    assert list(t["urutan"]) == [1, 2, 3, 4]
    assert list(t["kekurangan_volume_usaha_persen"]) == [0.0, 0.0, 11.11, 0.0]
    assert list(t["kekurangan_aset_persen"]) == [0.0, 5.26, 0.0, 1.01]
    assert list(t["kurang_tahun_ini"]) == [
        "adakan RAT",
        "aset naik lebih dari Rp5 (+5,26%)",
        "volume usaha naik lebih dari Rp10 (+11,11%)",
        "adakan RAT; aset naik lebih dari Rp1 (+1,01%)",
    ]
    # next year is judged against this year's values (A: 105/105; C: 110/95; B: 90/110;
    # D: 110/99), whatever was lacking this year
    assert list(t["tindakan"]) == [
        "adakan RAT; volume usaha di atas Rp105; aset di atas Rp105",
        "adakan RAT; volume usaha di atas Rp110; aset di atas Rp95",
        "adakan RAT; volume usaha di atas Rp90; aset di atas Rp110",
        "adakan RAT; volume usaha di atas Rp110; aset di atas Rp99",
    ]
    assert list(an.koperasi_terdekat(df, n=2)["nama_koperasi"]) == ["A_hanya_rat",
                                                                    "C_aset_turun_5"]
    with pytest.raises(ParameterError):
        an.koperasi_terdekat(df, n=0)


def test_koperasi_terdekat_on_mini(hasil_mini):
    # K2: only RAT failed; K3: volume equal to last year (a tie is not growth) -> needs Rp1;
    # K1 improved and K4 has no 2024 row: both excluded. Tie on shortfall: K2 grew more.
    t = an.koperasi_terdekat(hasil_mini)
    assert list(t["nomor_induk_koperasi"]) == ["K2", "K3"]
    assert list(t["kurang_tahun_ini"]) == ["adakan RAT", "volume usaha naik (minimal Rp1)"]


def test_koperasi_dibutuhkan_on_mini(hasil_mini):
    # target IKU2 2026 = 40 %, 4 koperasi: 1/4 = 25 % < 40 <= 2/4 = 50 % -> 2 needed
    k = an.koperasi_dibutuhkan(hasil_mini)
    assert (k["tahun_target"], k["target"], k["penyebut"], k["pembilang_minimum"],
            k["meningkat_tahun_ini"]) == (2026, 40.0, 4, 2, 1)
    assert "minimal 2 koperasi" in k["kalimat"] and "40,00%" in k["kalimat"]
    assert an.koperasi_dibutuhkan(hasil_mini, 2027)["target"] is None


def test_saran_koperasi_names_the_koperasi_and_what_to_do(hasil_mini):
    teks = an.saran_koperasi(hasil_mini)  # default n = 2 needed for 2026
    assert "minimal 2 koperasi" in teks
    assert "1) Koperasi Dua (Kabupaten Satu; kurang pada 2025: adakan RAT): untuk 2026 " \
           "adakan RAT; volume usaha di atas" in teks
    assert "2) Koperasi Tiga (Kota Dua; kurang pada 2025: volume usaha naik (minimal Rp1)): " \
           "untuk 2026 adakan RAT" in teks
    assert "2)" not in an.saran_koperasi(hasil_mini, n=1)


def test_tabel_koperasi_columns_and_filter(hasil_mini):
    t = an.tabel_koperasi(hasil_mini)
    assert list(t.columns) == an.KOLOM_KOPERASI and len(t) == 4
    assert set(an.tabel_koperasi(hasil_mini, "Kota Dua")["nomor_induk_koperasi"]) == {"K3",
                                                                                     "K4"}


# ------------------------------------------------------------------ skenario
def _sidik(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir()) if p.is_file()}


def test_skenario_plus_one_koperasi_and_files_untouched(folder_mini):
    sebelum = _sidik(folder_mini)
    s = an.skenario(folder_mini, 2025, tambah_koperasi_meningkat=1).set_index("kode_iku")
    assert _sidik(folder_mini) == sebelum
    iku2 = s.loc["IKU2"]
    assert (iku2["pembilang_awal"], iku2["pembilang"], iku2["penyebut"]) == (1, 2, 4)
    assert (iku2["realisasi_awal"], iku2["realisasi"]) == (25.0, 50.0)
    # capaian vs target 30: 83,33 -> 166,67; Tinggi -> Sangat Tinggi
    assert (iku2["capaian_persen_awal"], iku2["capaian_persen"]) == (83.33, 166.67)
    assert (iku2["kategori_awal"], iku2["kategori"]) == ("Tinggi", "Sangat Tinggi")
    # the other IKU are unchanged
    assert s.loc["IKU1", "realisasi"] == s.loc["IKU1", "realisasi_awal"] == 1.6
    assert s.loc["IKU4", "realisasi"] == 70.0


def test_skenario_every_lever(hasil_mini):
    s = an.skenario(hasil_mini, 2025, tambah_tenaga_kerja_ukm=30,
                    tambah_tenaga_kerja_koperasi=10, tambah_wirausaha=1,
                    indeks_rb=68).set_index("kode_iku")
    # IKU1 (160 + 40) / 10.000 = 2,00 %, capaian 2,00 / 1,60 = 125 %
    assert (s.loc["IKU1", "realisasi"], s.loc["IKU1", "capaian_persen"]) == (2.0, 125.0)
    assert s.loc["IKU1", "kekurangan"] == 0
    # IKU3 4 / 8 = 50 %, target 50: met exactly
    assert (s.loc["IKU3", "realisasi"], s.loc["IKU3", "capaian_persen"]) == (50.0, 100.0)
    # before: 3/8 = 37,50 %, capaian 75,00 %: not above 75, so Sedang (edge of the scale)
    assert (s.loc["IKU3", "capaian_persen_awal"], s.loc["IKU3", "kategori_awal"]) == (
        75.0, "Sedang")
    assert s.loc["IKU3", "kategori"] == "Sangat Tinggi"
    # IKU4 replaced: 68 / 68 = 100 %
    assert (s.loc["IKU4", "realisasi_awal"], s.loc["IKU4", "realisasi"]) == (70.0, 68.0)
    assert s.loc["IKU4", "capaian_persen"] == 100.0
    assert s.loc["IKU2", "realisasi"] == s.loc["IKU2", "realisasi_awal"] == 25.0


def test_skenario_rejects_impossible_changes(hasil_mini):
    with pytest.raises(ParameterError, match="tambah_koperasi_meningkat"):
        an.skenario(hasil_mini, 2025, tambah_koperasi_meningkat=4)  # 5 of 4 koperasi
    with pytest.raises(ParameterError, match="tambah_wirausaha"):
        an.skenario(hasil_mini, 2025, tambah_wirausaha=-4)           # -1 of 8
    with pytest.raises(ParameterError, match="bulat"):
        an.skenario(hasil_mini, 2025, tambah_wirausaha=1.5)
    with pytest.raises(ParameterError, match="indeks"):
        an.skenario(hasil_mini, 2025, indeks_rb=101)


# ------------------------------------------------------------------ tampilan & ekspor
def test_tampilkan_tabel_formats_indonesian(hasil_mini):
    df = pd.DataFrame({"nama": ["a", "b"], "capaian_persen": [68.18, None],
                       "volume_usaha": [1250000.0, 5.0], "kategori": ["Sedang", "Rendah"],
                       "penyebut": [1642188.0, 52.0], "tahun": [2025, 2025]})
    html = an.tampilkan_tabel(df, urutkan="capaian_persen", menurun=True).to_html()
    assert "68,18%" in html and "Rp1.250.000" in html and "1.642.188" in html
    assert "2025" in html and "2.025" not in html
    assert "background-color: #fee08b" in html  # Sedang, the report's palette
    assert html.index("68,18%") < html.index("Rp5")  # sorted, missing last


def test_ekspor_xlsx_is_formula_safe_and_never_overwrites(tmp_path):
    df = pd.DataFrame({"nama_koperasi": ["=HYPERLINK(\"http://x\")", "KSP Aman"],
                       "aset": [1.5, 2.0]})
    path = an.ekspor_xlsx(df, tmp_path / "baru" / "koperasi.xlsx")
    assert path == tmp_path / "baru" / "koperasi.xlsx" and path.exists()
    ws = load_workbook(path)["Data"]
    assert ws["A2"].value == "=HYPERLINK(\"http://x\")" and ws["A2"].data_type == "s"
    assert ws["B3"].value == 2.0
    # a dict of sheets (a Styler counts as its data); the earlier file stays as it was
    kedua = an.ekspor_xlsx({"Satu": df, "Dua": an.tampilkan_tabel(df)}, path)
    assert kedua == tmp_path / "baru" / "koperasi-2.xlsx"
    assert load_workbook(kedua).sheetnames == ["Satu", "Dua"]
    assert load_workbook(path).sheetnames == ["Data"]
    # replacing only when asked for
    assert an.ekspor_xlsx(df, kedua, timpa=True) == kedua
    assert load_workbook(kedua).sheetnames == ["Data"]
    with pytest.raises(ParameterError, match="xlsx"):
        an.ekspor_xlsx(df, tmp_path / "a.csv")


def test_proyeksi_three_points_on_a_line_has_no_zero_width_band():
    """IKU2 of the sample data 2022-2024: 5,77, 3,85, 1,92 lie on a line falling 1,925 a
    year: 2026 = 1,92 - 2 x 1,925 = -1,93, clipped to 0,00. The scatter about the line is
    zero, so there is no interval (not "0,00% sampai 0,00%")."""
    p = an.proyeksi_tren(_riwayat("IKU2", [2022, 2023, 2024], [5.77, 3.845, 1.92], 5.0),
                         "IKU2")
    assert p["proyeksi"] == 0.0 and p["dibatasi"]
    assert math.isnan(p["batas_bawah"]) and math.isnan(p["batas_atas"])
    kalimat = an.apakah_target_tercapai(p)
    assert "sampai 0,00%" not in kalimat
    assert "tepat segaris" in kalimat
    assert an.kesimpulan_proyeksi(p) == "tidak tercapai"
