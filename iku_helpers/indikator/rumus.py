"""The indicator formulas as pure functions. No I/O, no pandas: hand-testable.

Conventions (documented in data/README.md):

* Realisasi is published to 2 decimals, rounded half up as a spreadsheet does
  (0,125 -> 0,13), using decimal arithmetic so that binary floats do not round
  1,005 down.
* Capaian is computed from the published (rounded) realisasi, as LKjIP tables do, and
  is itself rounded half up to 2 decimals.
  Higher-is-better ("naik"):  capaian = realisasi / target x 100.
  Lower-is-better ("turun"):  capaian = (target - (realisasi - target)) / target x 100.
* There is no cap on capaian unless one is configured (``batas_capaian``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

ARAH_NAIK = "naik"
ARAH_TURUN = "turun"

KATEGORI_TIDAK_TERUKUR = "Tidak Terukur"


def bulatkan(nilai: float | None, desimal: int = 2) -> float | None:
    """Round half up to ``desimal`` places (1,005 -> 1,01; 2,675 -> 2,68); None stays None."""
    if nilai is None or (isinstance(nilai, float) and math.isnan(nilai)):
        return None
    kuantum = Decimal(1).scaleb(-desimal)
    return float(Decimal(repr(float(nilai))).quantize(kuantum, rounding=ROUND_HALF_UP))


def hitung_persentase(pembilang: float, penyebut: float) -> float | None:
    """pembilang / penyebut x 100, unrounded; None when the denominator is zero."""
    if penyebut == 0:
        return None
    return pembilang / penyebut * 100


def _desimal(nilai: float) -> Decimal:
    return Decimal(repr(float(nilai)))


def _bulatkan_desimal(nilai: Decimal, desimal: int = 2) -> float:
    return float(nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP))


def hitung_realisasi(pembilang: float, penyebut: float, desimal: int = 2) -> float | None:
    """The published realisasi of a ratio indicator: percentage rounded half up.

    The division is done in decimal arithmetic: 23/160 x 100 is exactly 14,375 and is
    published as 14,38, although the binary float 23/160*100 is 14,37499999..."""
    if penyebut == 0:
        return None
    return _bulatkan_desimal(_desimal(pembilang) * 100 / _desimal(penyebut), desimal)


def persen_per_baris(pembilang, penyebut, dikurangi=None) -> np.ndarray:
    """Row by row ``(pembilang - dikurangi) / penyebut x 100`` as the report prints it:
    rounded half up to two decimals in decimal arithmetic, like :func:`hitung_realisasi`
    (``Series.round(2)`` rounds the binary float: +0,125 % became 0,12). A row without a
    finite quotient (a missing cell, a zero denominator) keeps what float division gives
    (NaN or an infinity), as before."""
    p = np.asarray(pembilang, dtype=float)
    q = np.asarray(penyebut, dtype=float)
    k = np.zeros_like(p) if dikurangi is None else np.asarray(dikurangi, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        hasil = (p - k) / q * 100
        # vectorised half away from zero, right wherever the float is not within its
        # rounding error of a half cent (a table of a million rows stays fast) ...
        seratus = np.abs(hasil) * 100
        bulat = np.sign(hasil) * np.floor(seratus + 0.5) / 100
        dekat = np.isfinite(hasil) & (np.abs(seratus - np.floor(seratus) - 0.5)
                                      <= 1e-9 * np.maximum(1.0, seratus))
    hasil = np.where(np.isfinite(hasil), bulat, hasil)
    # ... and those near a half decided exactly, in decimal arithmetic
    for i in np.flatnonzero(dekat):
        hasil[i] = _bulatkan_desimal((_desimal(p[i]) - _desimal(k[i])) * 100 / _desimal(q[i]))
    return hasil


def hitung_capaian(realisasi: float | None, target: float | None, arah: str = ARAH_NAIK,
                   batas: float | None = None) -> float | None:
    """Capaian (%) of a realisasi against its target, 2 decimals, optionally capped.

    None when it cannot be measured (no realisasi, no target, or a zero target).
    """
    if realisasi is None or target is None or target == 0:
        return None
    r, t = _desimal(realisasi), _desimal(target)   # decimal: 1,15 / 1,60 is 71,875 exactly
    if arah == ARAH_NAIK:
        capaian = r / t * 100
    elif arah == ARAH_TURUN:
        capaian = (t - (r - t)) / t * 100
    else:
        raise ValueError(f"arah tidak dikenal: {arah!r} (harus 'naik' atau 'turun')")
    capaian = _bulatkan_desimal(capaian)
    if batas is not None and capaian is not None:
        capaian = min(capaian, float(batas))
    return capaian


@dataclass(frozen=True)
class TingkatKategori:
    """A level of the rating scale: capaian strictly above ``di_atas`` gets ``kategori``.

    The last level has ``di_atas=None`` and catches everything below.
    """

    kategori: str
    di_atas: float | None


#: Five-level scale most cited for regional evaluations (Permendagri 86/2017 family):
#: > 90 Sangat Tinggi; > 75-90 Tinggi; > 65-75 Sedang; > 50-65 Rendah; <= 50 Sangat Rendah.
SKALA_KATEGORI_BAWAAN: tuple[TingkatKategori, ...] = (
    TingkatKategori("Sangat Tinggi", 90),
    TingkatKategori("Tinggi", 75),
    TingkatKategori("Sedang", 65),
    TingkatKategori("Rendah", 50),
    TingkatKategori("Sangat Rendah", None),
)


def tentukan_kategori(capaian: float | None,
                      skala: tuple[TingkatKategori, ...] = SKALA_KATEGORI_BAWAAN) -> str:
    """The rating word for a capaian: the first level whose threshold it exceeds; the
    last level (no threshold, as the settings schema requires) takes everything else."""
    if capaian is None:
        return KATEGORI_TIDAK_TERUKUR
    for tingkat in skala[:-1]:
        if capaian > tingkat.di_atas:
            return tingkat.kategori
    return skala[-1].kategori


#: Indeks RB predicate (PermenPANRB 26/2020 family): (predikat, lower bound exclusive).
SKALA_PREDIKAT_RB: tuple[tuple[str, float], ...] = (
    ("AA", 90), ("A", 80), ("BB", 70), ("B", 60), ("CC", 50), ("C", 30),
)


def tentukan_predikat_rb(indeks: float) -> str:
    """AA > 90-100, A > 80-90, BB > 70-80, B > 60-70, CC > 50-60, C > 30-50, D 0-30."""
    if indeks < 0 or indeks > 100:
        raise ValueError(f"indeks RB harus 0-100, bukan {indeks}")
    for predikat, batas_bawah in SKALA_PREDIKAT_RB:
        if indeks > batas_bawah:
            return predikat
    return "D"


#: An area with fewer koperasi or usaha kecil evaluated than this is not ranked: a share
#: of 2 out of 3 is too sensitive to one unit to be an achievement that ranks first.
PENYEBUT_MINIMUM = 10


def _angka_atau_none(v) -> float | None:
    """A finite number as float; None for a missing one (None and pandas' NA, whose
    float() raises TypeError; no pandas import here) and for NaN or an infinity, which
    have no printed value to rank."""
    try:
        x = float(v)
    except TypeError:
        return None
    return x if math.isfinite(x) else None


def peringkat(nilai, penyebut=None, minimum: float = PENYEBUT_MINIMUM) -> list[int | None]:
    """Rank of each area's value, 1 = highest, the one ranking rule of the report, the
    dashboard and their charts.

    Values are ranked as published (``bulatkan``: half up to 2 decimals), so areas whose
    printed values are equal share the best rank (1, 2, 2, 4). No rank (None) for a
    missing value (None or NaN) and, when ``penyebut`` gives each area's count evaluated,
    for an area with fewer than ``minimum``.
    """
    tercetak = np.array([np.nan if (b := bulatkan(_angka_atau_none(v))) is None else b
                         for v in nilai])
    if penyebut is not None:
        n = np.array([np.nan if (a := _angka_atau_none(v)) is None else a for v in penyebut])
        # (an unknown count, NaN, compares False: ranked)
        tercetak = np.where(n < minimum, np.nan, tercetak)
    ada = ~np.isnan(tercetak)
    # rank = 1 + the number of ranked values strictly greater (ties share the best rank);
    # 0 marks "no rank"
    lebih = (tercetak[ada][None, :] > tercetak[:, None]).sum(axis=1)
    return [int(r) if r else None for r in np.where(ada, lebih + 1, 0)]


def pembilang_minimum(target: float, penyebut: int | float, arah: str = ARAH_NAIK,
                      desimal: int = 2) -> int | None:
    """Smallest whole numerator whose *published* realisasi meets the target.

    Works on the rounded percentage, as the report does: with 52 koperasi and a target
    of 5,77 %, 3 koperasi suffice because 3/52 = 5,769... is published as 5,77.
    For lower-is-better indicators: the largest numerator still meeting the target.
    None when the denominator is zero or the target cannot be met.
    """
    if penyebut <= 0:
        return None
    # A published value is rounded, so anything from target - half a unit in the last
    # decimal place rounds up to the target: start the search just below that.
    setengah = 0.5 * 10 ** -desimal
    if arah == ARAH_NAIK:
        n = max(0, math.floor((target - setengah) * penyebut / 100) - 1)
        while n <= penyebut:
            if hitung_realisasi(n, penyebut, desimal) >= target:
                return n
            n += 1
        return None
    n = min(int(penyebut), math.ceil((target + setengah) * penyebut / 100) + 1)
    while n >= 0:
        if hitung_realisasi(n, penyebut, desimal) <= target:
            return n
        n -= 1
    return None


def hitung_kekurangan(realisasi: float | None, target: float, pembilang: float | None = None,
                      penyebut: float | None = None, arah: str = ARAH_NAIK) -> float | None:
    """What it takes to meet the target, in the indicator's own units.

    Ratio indicators (pembilang/penyebut given): how many more units in the numerator
    (0 when already met). Index indicators: points still missing (0 when met).
    """
    if pembilang is not None and penyebut is not None:
        perlu = pembilang_minimum(target, penyebut, arah)
        if perlu is None:
            return None
        return float(max(0, perlu - pembilang)) if arah == ARAH_NAIK else float(
            max(0, pembilang - perlu))
    if realisasi is None:
        return None
    selisih = target - realisasi if arah == ARAH_NAIK else realisasi - target
    return max(0.0, bulatkan(selisih))


KRITERIA_KOPERASI = ("lolos_rat", "lolos_volume_usaha", "lolos_aset")


def kriteria_koperasi(rat, volume_usaha, aset, volume_usaha_sebelumnya, aset_sebelumnya):
    """IKU2 rule, criterion by criterion: the one place where it is written.

    Returns a dict of boolean arrays (or bools for single values): ``ada_data_sebelumnya``,
    ``lolos_rat`` (RAT held this year), ``lolos_volume_usaha`` and ``lolos_aset`` (strictly
    greater than the previous year; a koperasi without a previous-year row, None/NaN,
    cannot pass them) and ``meningkat``, the AND of the three criteria.
    """
    def angka(x):
        return np.asarray(x, dtype=float)  # None -> NaN, and NaN compares False

    volume_lalu = angka(volume_usaha_sebelumnya)
    hasil = {
        "ada_data_sebelumnya": ~np.isnan(volume_lalu),
        "lolos_rat": np.asarray(rat, dtype=bool),
        "lolos_volume_usaha": angka(volume_usaha) > volume_lalu,
        "lolos_aset": angka(aset) > angka(aset_sebelumnya),
    }
    hasil["meningkat"] = hasil["lolos_rat"] & hasil["lolos_volume_usaha"] & hasil["lolos_aset"]
    if hasil["meningkat"].ndim == 0:
        return {k: bool(v) for k, v in hasil.items()}
    return hasil


def koperasi_meningkat(rat, volume_usaha, aset, volume_usaha_sebelumnya, aset_sebelumnya):
    """IKU2 rule: held its RAT this year and both volume usaha and aset strictly grew
    (the AND of :func:`kriteria_koperasi`). Single values give a bool, columns an array."""
    return kriteria_koperasi(rat, volume_usaha, aset, volume_usaha_sebelumnya,
                             aset_sebelumnya)["meningkat"]


def baris_hasil(kode_iku: str, iku: dict, tahun: int, pembilang: float | None,
                penyebut: float | None, realisasi: float | None, target: float | None,
                skala: tuple[TingkatKategori, ...] = SKALA_KATEGORI_BAWAAN,
                batas_capaian: float | None = None) -> dict:
    """One row of the results contract (realisasi, target, capaian, kategori) for one IKU
    in one period: the one place where a result row is assembled, for the province, the
    national path, the history and the workbook's scenarios."""
    capaian = hitung_capaian(realisasi, target, iku["arah"], batas_capaian)
    return {"kode_iku": kode_iku, "indikator": iku["indikator"], "satuan": iku["satuan"],
            "tahun": tahun, "pembilang": pembilang, "penyebut": penyebut,
            "realisasi": realisasi, "target": target, "capaian_persen": capaian,
            "kategori": tentukan_kategori(capaian, skala) if realisasi is not None
            and target is not None else None}
