"""Hand-worked values for the pure indicator formulas and their edges."""

import pytest

from iku_helpers.indikator import (
    SKALA_KATEGORI_BAWAAN,
    TingkatKategori,
    baris_hasil,
    bulatkan,
    hitung_capaian,
    hitung_kekurangan,
    hitung_persentase,
    hitung_realisasi,
    koperasi_meningkat,
    pembilang_minimum,
    persen_per_baris,
    tentukan_kategori,
    tentukan_predikat_rb,
)


@pytest.mark.parametrize(("nilai", "hasil"), [
    (1.005, 1.01),    # binary float 1.00499999... must still round up, as a spreadsheet does
    (2.675, 2.68),
    (0.125, 0.13),
    (1.234, 1.23),
    (-1.005, -1.01),  # half away from zero
    (5.769230769, 5.77),
])
def test_bulatkan_half_up(nilai, hasil):
    assert bulatkan(nilai) == hasil


def test_bulatkan_none_and_nan():
    assert bulatkan(None) is None
    assert bulatkan(float("nan")) is None


def test_persentase_and_zero_denominator():
    assert hitung_persentase(160, 10_000) == pytest.approx(1.6)
    assert hitung_persentase(5, 0) is None
    assert hitung_realisasi(3, 52) == 5.77      # 5,769...% published as 5,77
    assert hitung_realisasi(2, 52) == 3.85      # 3,846...%
    assert hitung_realisasi(1, 8) == 12.5
    assert hitung_realisasi(0, 0) is None


def test_capaian_naik():
    assert hitung_capaian(1.05, 1.54) == 68.18          # 68,1818...
    assert hitung_capaian(3.85, 3.85) == 100.0          # target met exactly
    assert hitung_capaian(61.2, 60) == 102.0            # above target, no cap by default
    assert hitung_capaian(0, 5) == 0.0


def test_capaian_turun_uses_lower_is_better_formula():
    # (target - (realisasi - target)) / target x 100: (10 - (12 - 10)) / 10 = 80 %
    assert hitung_capaian(12, 10, "turun") == 80.0
    assert hitung_capaian(8, 10, "turun") == 120.0


def test_capaian_cap_is_a_setting():
    assert hitung_capaian(61.2, 50) == 122.4
    assert hitung_capaian(61.2, 50, batas=110) == 110.0
    assert hitung_capaian(40, 50, batas=110) == 80.0


def test_capaian_unmeasurable():
    assert hitung_capaian(None, 5) is None
    assert hitung_capaian(5, None) is None
    assert hitung_capaian(5, 0) is None
    with pytest.raises(ValueError, match="arah tidak dikenal: 'datar'"):
        hitung_capaian(5, 5, "datar")


@pytest.mark.parametrize(("capaian", "kategori"), [
    (150, "Sangat Tinggi"), (90.01, "Sangat Tinggi"), (90, "Tinggi"), (75.01, "Tinggi"),
    (75, "Sedang"), (65.01, "Sedang"), (65, "Rendah"), (50.01, "Rendah"),
    (50, "Sangat Rendah"), (0, "Sangat Rendah"), (None, "Tidak Terukur"),
])
def test_kategori_boundaries(capaian, kategori):
    assert tentukan_kategori(capaian) == kategori


def test_kategori_custom_scale():
    skala = (TingkatKategori("Baik", 80), TingkatKategori("Kurang", None))
    assert tentukan_kategori(80.5, skala) == "Baik"
    assert tentukan_kategori(80, skala) == "Kurang"
    assert len(SKALA_KATEGORI_BAWAAN) == 5


@pytest.mark.parametrize(("indeks", "predikat"), [
    (100, "AA"), (90.01, "AA"), (90, "A"), (80, "BB"), (70.5, "BB"), (70, "B"),
    (60, "CC"), (55, "CC"), (50, "C"), (30.01, "C"), (30, "D"), (0, "D"),
])
def test_predikat_rb(indeks, predikat):
    assert tentukan_predikat_rb(indeks) == predikat


def test_predikat_rb_out_of_range():
    with pytest.raises(ValueError, match=r"indeks RB harus 0-100, bukan 100\.5"):
        tentukan_predikat_rb(100.5)


def test_baris_hasil_row_by_hand():
    iku = {"indikator": "Persentase Koperasi yang Berkualitas", "satuan": "%", "arah": "naik"}
    assert baris_hasil("IKU2", iku, 2025, 2, 52, 3.85, 5.77) == {
        "kode_iku": "IKU2", "indikator": "Persentase Koperasi yang Berkualitas",
        "satuan": "%", "tahun": 2025, "pembilang": 2, "penyebut": 52, "realisasi": 3.85,
        "target": 5.77, "capaian_persen": 66.72, "kategori": "Sedang"}   # 3,85/5,77 = 66,72 %
    # no realisasi or no target: no capaian and no kategori (not "Tidak Terukur")
    assert baris_hasil("IKU2", iku, 2025, None, None, None, 5.77)["kategori"] is None
    assert baris_hasil("IKU2", iku, 2025, 2, 52, 3.85, None)["kategori"] is None
    assert baris_hasil("IKU2", iku, 2025, 2, 52, 3.85, None)["capaian_persen"] is None


def test_pembilang_minimum_uses_published_rounding():
    assert pembilang_minimum(5.77, 52) == 3       # 3/52 = 5,769 -> 5,77: meets
    assert pembilang_minimum(3.85, 52) == 2
    # 1,535 % of 1.642.188 = 25.207,6: 25.208 persons publish as 1,54 %, 25.207 as 1,53 %
    assert pembilang_minimum(1.54, 1_642_188) == 25_208
    assert pembilang_minimum(4.44, 480) == 22     # 21/480 = 4,375; 22/480 = 4,583
    assert pembilang_minimum(50, 0) is None
    assert pembilang_minimum(120, 10) is None     # cannot exceed 100 %
    assert pembilang_minimum(10, 100, "turun") == 10    # at most 10 of 100
    assert pembilang_minimum(1.54, 1_642_188, "turun") == 25_371  # 1,545 % = 25.371,8


def test_kekurangan_ratio_and_index():
    assert hitung_kekurangan(3.85, 5.77, 2, 52) == 1.0       # 1 koperasi lagi
    assert hitung_kekurangan(5.77, 5.77, 3, 52) == 0.0       # already met
    assert hitung_kekurangan(2.5, 4.44, 12, 480) == 10.0     # 22 - 12
    assert hitung_kekurangan(55.0, 66.0) == 11.0             # index points
    assert hitung_kekurangan(70.0, 66.0) == 0.0


def test_koperasi_meningkat_rule():
    assert koperasi_meningkat(True, 110, 60, 100, 50)
    assert not koperasi_meningkat(False, 110, 60, 100, 50)   # no RAT
    assert not koperasi_meningkat(True, 100, 60, 100, 50)    # volume tie
    assert not koperasi_meningkat(True, 110, 50, 100, 50)    # aset tie
    assert not koperasi_meningkat(True, 110, 60, None, None)  # no previous year


def _oracle_pembilang_minimum(target, penyebut, arah, desimal):
    """Brute force: every numerator 0..penyebut, its published realisasi, the first (naik)
    or last (turun) one that meets the target."""
    cocok = [n for n in range(int(penyebut) + 1)
             if (hitung_realisasi(n, penyebut, desimal) >= target if arah == "naik"
                 else hitung_realisasi(n, penyebut, desimal) <= target)]
    if not cocok:
        return None
    return cocok[0] if arah == "naik" else cocok[-1]


@pytest.mark.parametrize("desimal", [0, 1, 2])
@pytest.mark.parametrize("arah", ["naik", "turun"])
def test_pembilang_minimum_equals_brute_force(arah, desimal):
    """The search starts near the answer instead of at 0; it must still find exactly what
    scanning every numerator finds, at the edges too: target 0 and 100, one unit, a target
    that is itself a published value (n/p rounded), and values between them."""
    for penyebut in (1, 2, 3, 7, 52, 160):
        terbit = {hitung_realisasi(n, penyebut, desimal) for n in range(penyebut + 1)}
        sasaran = sorted(terbit | {0.0, 100.0, 0.004, 33.3, 33.34, 99.995, 50.0, 14.375}
                         | {round(t + d, 3) for t in terbit for d in (-0.006, 0.004)
                            if 0 <= t + d <= 100})
        for target in sasaran:
            assert pembilang_minimum(target, penyebut, arah, desimal) == \
                _oracle_pembilang_minimum(target, penyebut, arah, desimal), \
                (target, penyebut, arah, desimal)


def test_pembilang_minimum_edges_worked_by_hand():
    assert pembilang_minimum(0, 52) == 0                 # nothing needed for a 0 % target
    assert pembilang_minimum(100, 52) == 52              # every koperasi
    assert pembilang_minimum(100, 1) == 1                # one koperasi evaluated
    assert pembilang_minimum(0, 52, "turun") == 0        # lower-is-better, at most none
    assert pembilang_minimum(0.5, 3, "naik", 0) == 1     # 1/3 = 33 % (no decimals) >= 0,5
    assert pembilang_minimum(33, 3, "naik", 0) == 1      # 33,33 published as 33 meets 33
    assert pembilang_minimum(34, 3, "naik", 0) == 2      # 33 < 34; 2/3 = 67
    assert pembilang_minimum(33.4, 3, "naik", 1) == 2    # 1/3 -> 33,3 misses 33,4


def test_hitung_kekurangan_lower_is_better_and_mixed_arguments():
    # lower-is-better ratio: at most 10 of 100 may fail; 14 fail -> 4 too many
    assert hitung_kekurangan(14.0, 10.0, 14, 100, "turun") == 4.0
    assert hitung_kekurangan(8.0, 10.0, 8, 100, "turun") == 0.0
    # the direction reaches the numerator search: "naik" would need 10, leaving 0 here
    assert hitung_kekurangan(9.0, 10.0, 9, 100, "turun") == 0.0
    assert hitung_kekurangan(9.0, 10.0, 9, 100, "naik") == 1.0
    # 10 % of 52: at least 6 (11,54 %) when higher is better, at most 5 (9,62 %) when
    # lower is: 8 failing is 3 too many, not 2
    assert hitung_kekurangan(15.38, 10.0, 8, 52, "turun") == 3.0
    assert hitung_kekurangan(7.69, 10.0, 4, 52, "naik") == 2.0
    # lower-is-better index: points above the target
    assert hitung_kekurangan(70.25, 66.0, arah="turun") == 4.25
    assert hitung_kekurangan(60.0, 66.0, arah="turun") == 0.0
    # a numerator without a denominator is not a ratio: index points are used
    assert hitung_kekurangan(5.0, 6.5, 3, None) == 1.5
    assert hitung_kekurangan(5.0, 6.5, None, 52) == 1.5
    assert hitung_kekurangan(None, 6.5) is None
    assert hitung_kekurangan(3.0, 120.0, 3, 52) is None  # 120 % cannot be reached


def test_peringkat_rule_by_hand():
    from iku_helpers.indikator import PENYEBUT_MINIMUM, peringkat

    assert PENYEBUT_MINIMUM == 10
    # printed as 2,50 2,50 2,51 1,00: 1,004 and 1,001 print alike and share rank 3
    assert peringkat([2.5, 2.504, 2.505, 1.004, 1.001]) == [2, 2, 1, 4, 4]
    assert peringkat([3.0, 2.0, 2.0, 1.0]) == [1, 2, 2, 4]
    # no value, or fewer than 10 evaluated: no rank, and no place taken from the others
    assert peringkat([None, float("nan"), 90.0, 50.0, 40.0], [50, 50, 9, 10, 10]) == [
        None, None, None, 1, 2]
    assert peringkat([90.0, 50.0], [9, 9], minimum=5) == [1, 2]
    assert peringkat([5.0, 4.0], [None, 10]) == [1, 2]  # an unknown count: ranked
    import pandas as pd  # nullable columns: <NA> is missing, as None and NaN are

    assert peringkat(pd.Series([1.0, 2.0, None], dtype="Float64"),
                     pd.Series([10, pd.NA, 5], dtype="Int64")) == [2, 1, None]
    assert peringkat([float("inf"), 1.0, float("-inf")]) == [None, 1, None]
    assert peringkat([]) == []


def test_persen_per_baris_rounds_each_row_half_up_in_decimal():
    """Volume 3.352.000.000 -> 3.356.190.000 is +0,125 % exactly: 0,13 (Series.round(2)
    gave 0,12); 23 / 160 = 14,375 % -> 14,38; a fall of 1 in 8 = -12,50; no previous
    value or a zero one keeps NaN / an infinity (shown as no value)."""
    import math

    hasil = persen_per_baris([3_356_190_000, 23, 7, 5, 0, float("nan")],
                             [3_352_000_000, 160, 8, 0, 0, 10],
                             dikurangi=[3_352_000_000, 0, 8, 0, 0, 10])
    assert hasil[:3].tolist() == [0.13, 14.38, -12.5]
    assert math.isinf(hasil[3]) and math.isnan(hasil[4]) and math.isnan(hasil[5])
    assert persen_per_baris([1, 1], [3, 8]).tolist() == [33.33, 12.5]


def test_koperasi_change_is_printed_half_up(tmp_path):
    """The IKU 2 detail (report Tabel 3.x, XLSX sheet Koperasi) prints each koperasi's
    change of volume usaha and aset: +0,125 % exactly is 0,13 and -0,125 % is -0,13."""
    from conftest import TABEL_MINI, tulis_folder_data

    from iku_helpers import hitung_iku

    kop = [TABEL_MINI["evaluasi_koperasi.csv"][0],
           "2024,K1,Koperasi Satu,9901,ya,3352000000,800",
           "2025,K1,Koperasi Satu,9901,ya,3356190000,799",
           *[b for b in TABEL_MINI["evaluasi_koperasi.csv"][1:] if ",K1," not in b]]
    h = hitung_iku(2025, tulis_folder_data(tmp_path / "d", {"evaluasi_koperasi.csv": kop}))
    k1 = h.koperasi.set_index("nomor_induk_koperasi").loc["K1"]
    assert (k1["perubahan_volume_usaha_persen"], k1["perubahan_aset_persen"]) == (0.13, -0.13)


def test_closest_koperasi_shortfall_is_printed_half_up(tmp_path):
    """Dashboard section 5 / analysts' workbook: K1's volume usaha fell from 801 to 800, so
    it must grow by 1 = 1 / 800 = 0,125 % exactly: 0,13 (round(2) of the float gave 0,12)."""
    from conftest import TABEL_MINI, tulis_folder_data

    from iku_helpers import analisis, hitung_iku

    kop = [TABEL_MINI["evaluasi_koperasi.csv"][0],
           "2024,K1,Koperasi Satu,9901,ya,801,50",
           "2025,K1,Koperasi Satu,9901,ya,800,60",
           *[b for b in TABEL_MINI["evaluasi_koperasi.csv"][1:] if ",K1," not in b]]
    h = hitung_iku(2025, tulis_folder_data(tmp_path / "d", {"evaluasi_koperasi.csv": kop}))
    t = analisis.koperasi_terdekat(h, n=5).set_index("nomor_induk_koperasi")
    assert t.loc["K1", "kekurangan_volume_usaha"] == 1.0
    assert t.loc["K1", "kekurangan_volume_usaha_persen"] == 0.13


def _persen_pasti(p, q, k):
    from decimal import ROUND_HALF_UP, Decimal

    nilai = (Decimal(repr(float(p))) - Decimal(repr(float(k)))) * 100 / Decimal(repr(float(q)))
    return float(nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("benih", range(3))
def test_persen_per_baris_equals_the_exact_decimal_rule(benih):
    """The vectorised path (half away from zero on the float, the exact decimal rule only
    near a half) gives what the decimal rule gives on every row: random rupiah amounts,
    shares of small counts, and rows built to be exact halves (q * (n + 0,5) / 10.000)."""
    import numpy as np

    rng = np.random.default_rng(benih)
    n = 20_000
    q = rng.integers(1, 10**10, n).astype(float)
    k = rng.integers(0, 10**10, n).astype(float)
    p = np.where(rng.random(n) < 0.5, rng.integers(0, 10**10, n), k + rng.integers(-50, 50, n))
    kecil_q = rng.integers(1, 2_000, n).astype(float)
    kecil_p = np.floor(rng.random(n) * (kecil_q + 1))
    # exact halves: p - k = q x (m + 0,5) / 10.000 for q a multiple of 20.000
    q_paruh = rng.integers(1, 5_000, n).astype(float) * 20_000
    m = rng.integers(-300_000, 300_000, n)
    p_paruh = q_paruh * (m + 0.5) / 10_000
    for pp, qq, kk in ((p, q, k), (kecil_p, kecil_q, np.zeros(n)), (p_paruh, q_paruh,
                                                                   np.zeros(n))):
        cepat = persen_per_baris(pp, qq, dikurangi=kk)
        pasti = [_persen_pasti(a, b, c) for a, b, c in zip(pp, qq, kk, strict=True)]
        assert cepat.tolist() == pasti


def test_persen_per_baris_is_silent_on_a_zero_or_missing_denominator():
    """A koperasi whose last year's volume was 0 (or is missing) has no change %: no
    RuntimeWarning reaches the analyst's notebook or the report run's log."""
    import math
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hasil = persen_per_baris([5.0, 0.0, 1.0], [0.0, 0.0, float("nan")])
    assert math.isinf(hasil[0]) and math.isnan(hasil[1]) and math.isnan(hasil[2])
