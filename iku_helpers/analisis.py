"""Helpers for the planning analysts' workbook (``notebooks/eksplorasi_tren.ipynb``).

Everything here is a pure function of a :class:`~iku_helpers.hitung.HasilIKU`, a
:class:`~iku_helpers.data_iku.DataIKU` or a DataFrame: nothing writes to ``data/``
(only :func:`ekspor_xlsx` writes, and only where it is told). Indicator arithmetic is
delegated to :mod:`iku_helpers.indikator`, so a what-if uses the same rounding and
rating rules as the official results.

Main entry points
-----------------
* :func:`proyeksi_tren`, :func:`apakah_target_tercapai`, :func:`tabel_proyeksi`:
  linear trend of the realisasi, a projection for 2026 with its uncertainty, and the
  yearly change still needed to reach the 2026 target.
* :func:`peringkat_wilayah`, :func:`tren_wilayah`, :func:`rinci_usaha_kecil`:
  per kabupaten/kota.
* :func:`tabel_koperasi`, :func:`koperasi_terdekat`, :func:`koperasi_dibutuhkan`:
  IKU2 drill-down and "which koperasi are closest to qualifying".
* :func:`skenario`: what-if on the numerators (never touches the files).
* :func:`tampilkan_tabel` (pandas Styler with Indonesian number formats) and
  :func:`ekspor_xlsx` (one call, safe against formula injection).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .data_iku import DataIKU, muat_data
from .errors import DataIKUError, ParameterError
from .excel import tulis_xlsx
from .format_id import KOSONG, angka, bilangan, nama_iku, persen, rupiah
from .format_id import poin as fmt_poin
from .grafik import WARNA_KATEGORI, warna_kategori
from .hitung import HasilIKU, hitung_iku, hitung_satu, rincian_wilayah
from .indikator import (
    ARAH_NAIK,
    bulatkan,
    hitung_capaian,
    hitung_kekurangan,
    hitung_realisasi,
    pembilang_minimum,
    peringkat,
    persen_per_baris,
    tentukan_kategori,
)
from .keluaran import pilih_akhiran

# ============================================================================ proyeksi
METODE_PROYEKSI = (
    "Tren linier kuadrat terkecil (OLS): realisasi diregresikan terhadap tahun, memakai "
    "setiap tahun yang punya realisasi dari tahun dasar sampai tahun terakhir, lalu garis "
    "itu diperpanjang ke tahun tujuan. Rentang ketidakpastian adalah interval prediksi 95%: "
    "proyeksi ± t(0,975; n−2) × s × √(1 + 1/n + (tahun tujuan − rata-rata tahun)² / "
    "Σ(tahun − rata-rata tahun)²), dengan s galat baku residu. Dengan hanya 4–5 titik "
    "rentang ini lebar dan garis lurus hanyalah anggapan; dengan 2 titik rentang tidak "
    "dapat dihitung. Perubahan per tahun yang dibutuhkan = (target tahun tujuan − realisasi "
    "terakhir) / (tahun tujuan − tahun terakhir)."
)

#: Two-sided 95 % Student t quantiles t(0,975; df) for df = 1..30 (no scipy needed).
_T_975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
          2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
          2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)


def nilai_t_95(df: int) -> float:
    """t(0,975; df), the multiplier of a two-sided 95 % interval (1,96 beyond df 30)."""
    if df < 1:
        return math.nan
    return _T_975[df - 1] if df <= len(_T_975) else 1.96


def proyeksi_tren(riwayat: pd.DataFrame, kode_iku: str,
                  tahun_tujuan: int = config.TAHUN_AKHIR_RENSTRA,
                  arah: str = ARAH_NAIK,
                  rentang_wajar: tuple[float | None, float | None] = (0.0, 100.0)) -> dict:
    """Linear trend of one IKU's realisasi, projected to ``tahun_tujuan``.

    ``riwayat``: columns kode_iku, tahun, realisasi, target (``HasilIKU.riwayat``).
    Returns a dict (method in ``METODE_PROYEKSI``)::

        kode_iku, metode, tahun_awal, tahun_terakhir, n_titik, realisasi_terakhir,
        kemiringan_per_tahun, intersep, tahun_tujuan, proyeksi, proyeksi_mentah,
        dibatasi, galat_baku_residu, t_kritis, batas_bawah, batas_atas, target_tujuan,
        perubahan_dibutuhkan_per_tahun, arah, cukup_data,
        garis  -> DataFrame tahun, proyeksi, batas_bawah, batas_atas (trend line from the
                  first data year to tahun_tujuan; what ``grafik.grafik_tren`` draws)

    What the indicator can be is ``rentang_wajar`` (default 0-100: a share or an Indeks
    RB; ``(None, None)`` for no limit). The line, the projection and the interval are all
    clipped to it, so the interval always contains the projection. ``proyeksi``,
    ``batas_*`` and ``perubahan_dibutuhkan_per_tahun`` are rounded to 2 decimals (the
    same values the sentence and the table print); ``proyeksi_mentah`` is the unclipped,
    unrounded trend value and ``dibatasi`` says whether clipping changed it.

    With fewer than 2 points there is no trend: ``cukup_data`` is False, the projection
    and slope are NaN and :func:`apakah_target_tercapai` says so in a sentence. With 2
    points the interval cannot be estimated (NaN).
    """
    r = riwayat[(riwayat["kode_iku"] == kode_iku) & riwayat["realisasi"].notna()]
    r = r[r["tahun"] <= tahun_tujuan].sort_values("tahun")
    target = riwayat[(riwayat["kode_iku"] == kode_iku) & (riwayat["tahun"] == tahun_tujuan)]
    target_tujuan = None
    if len(target) and pd.notna(target["target"].iloc[0]):
        target_tujuan = float(target["target"].iloc[0])
    n = len(r)
    dasar = {"kode_iku": kode_iku, "metode": METODE_PROYEKSI, "n_titik": n,
             "tahun_tujuan": int(tahun_tujuan), "target_tujuan": target_tujuan, "arah": arah}
    if n < 2:
        tahun_ada = int(r["tahun"].iloc[0]) if n else None
        nilai_ada = float(r["realisasi"].iloc[0]) if n else math.nan
        return {**dasar, "cukup_data": False, "tahun_awal": tahun_ada,
                "tahun_terakhir": tahun_ada, "realisasi_terakhir": nilai_ada,
                "kemiringan_per_tahun": math.nan, "intersep": math.nan,
                "proyeksi": math.nan, "proyeksi_mentah": math.nan, "dibatasi": False,
                "galat_baku_residu": math.nan, "t_kritis": math.nan, "batas_bawah": math.nan,
                "batas_atas": math.nan, "perubahan_dibutuhkan_per_tahun": (
                    bulatkan((target_tujuan - nilai_ada) / (int(tahun_tujuan) - tahun_ada))
                    if n and target_tujuan is not None and tahun_tujuan > tahun_ada else None),
                "garis": pd.DataFrame(columns=["tahun", "proyeksi", "batas_bawah",
                                               "batas_atas"])}
    x = r["tahun"].to_numpy(dtype=float)
    y = r["realisasi"].to_numpy(dtype=float)
    x_rata = x.mean()
    sxx = float(((x - x_rata) ** 2).sum())
    kemiringan = float(((x - x_rata) * (y - y.mean())).sum() / sxx)
    intersep = float(y.mean() - kemiringan * x_rata)
    sisa = y - (intersep + kemiringan * x)
    s = math.sqrt(float((sisa ** 2).sum()) / (n - 2)) if n > 2 else math.nan
    if s < 1e-9 * max(1.0, float(np.abs(y).max())):
        # points exactly on a line (three points of sample data, say): the scatter
        # cannot be estimated, so no interval rather than one of zero width
        s = math.nan
    t = nilai_t_95(n - 2)

    tahun_garis = np.arange(int(x.min()), int(tahun_tujuan) + 1, dtype=float)
    nilai_garis = intersep + kemiringan * tahun_garis
    setengah = t * s * np.sqrt(1 + 1 / n + (tahun_garis - x_rata) ** 2 / sxx)
    bawah, atas = rentang_wajar
    # Clip the line and its interval alike: the clipped interval of a clipped value is
    # the image of the unclipped interval, so it still contains the projection.
    garis = pd.DataFrame({"tahun": tahun_garis.astype(int),
                          "proyeksi": np.clip(nilai_garis, bawah, atas),
                          "batas_bawah": np.clip(nilai_garis - setengah, bawah, atas),
                          "batas_atas": np.clip(nilai_garis + setengah, bawah, atas)})
    mentah = float(nilai_garis[-1])
    proyeksi = float(garis["proyeksi"].iloc[-1])

    tahun_terakhir = int(x[-1])
    realisasi_terakhir = float(y[-1])
    sisa_tahun = int(tahun_tujuan) - tahun_terakhir
    dibutuhkan = None
    if target_tujuan is not None and sisa_tahun > 0:
        dibutuhkan = bulatkan((target_tujuan - realisasi_terakhir) / sisa_tahun)
    return {
        **dasar, "cukup_data": True, "tahun_awal": int(x[0]),
        "tahun_terakhir": tahun_terakhir, "realisasi_terakhir": realisasi_terakhir,
        "kemiringan_per_tahun": kemiringan, "intersep": intersep,
        "proyeksi": bulatkan(proyeksi), "proyeksi_mentah": mentah,
        "dibatasi": proyeksi != mentah, "galat_baku_residu": s, "t_kritis": t,
        "batas_bawah": _bulat_nan(garis["batas_bawah"].iloc[-1]),
        "batas_atas": _bulat_nan(garis["batas_atas"].iloc[-1]),
        "perubahan_dibutuhkan_per_tahun": dibutuhkan, "garis": garis,
    }


def _bulat_nan(x: float) -> float:
    return math.nan if pd.isna(x) else bulatkan(float(x))


def kesimpulan_proyeksi(proyeksi: Mapping) -> str:
    """Short verdict: "tercapai", "kemungkinan tercapai", "kemungkinan tidak tercapai",
    "tidak tercapai", or "tidak ada target"."""
    target = proyeksi["target_tujuan"]
    if target is None:
        return "tidak ada target"
    if not proyeksi.get("cukup_data", True):
        return "tren belum dapat dihitung"
    tanda = 1 if proyeksi["arah"] == ARAH_NAIK else -1
    nilai = tanda * proyeksi["proyeksi"]
    rentang = sorted([tanda * proyeksi["batas_bawah"], tanda * proyeksi["batas_atas"]])
    target = tanda * target
    if any(math.isnan(v) for v in rentang):
        return "tercapai" if nilai >= target else "tidak tercapai"
    if rentang[0] >= target:
        return "tercapai"
    if nilai >= target:
        return "kemungkinan tercapai"
    if rentang[1] >= target:
        return "kemungkinan tidak tercapai"
    return "tidak tercapai"


def _nilai(x: float, satuan: str) -> str:
    return persen(x) if satuan == "%" else angka(x)


def _poin(x: float, satuan: str) -> str:
    return f"{angka(abs(x))} {fmt_poin(satuan)}"


def apakah_target_tercapai(proyeksi: Mapping, satuan: str = "%") -> str:
    """A plain Indonesian answer to "is the target reachable at the current pace?"."""
    p = proyeksi
    kode, tujuan = nama_iku(p["kode_iku"]), p["tahun_tujuan"]  # "IKU 1", as printed
    if p["target_tujuan"] is None:
        return f"{kode}: tidak ada target tahun {tujuan} di data target."
    if not p.get("cukup_data", True):
        if p["n_titik"] == 0:
            return f"{kode}: belum ada realisasi sampai tahun yang dipilih; tren belum ada."
        return (f"{kode}: baru ada satu titik data (realisasi {p['tahun_terakhir']} "
                f"{_nilai(p['realisasi_terakhir'], satuan)}), jadi tren dan proyeksi "
                f"{tujuan} belum dapat dihitung; dibutuhkan realisasi minimal 2 tahun. "
                f"Target {tujuan} adalah {_nilai(p['target_tujuan'], satuan)}"
                + (f"; untuk mencapainya realisasi perlu "
                   f"{'naik' if p['perubahan_dibutuhkan_per_tahun'] > 0 else 'turun'} "
                   f"{_poin(p['perubahan_dibutuhkan_per_tahun'], satuan)} per tahun."
                   if p["perubahan_dibutuhkan_per_tahun"] else "."))
    kemiringan = bulatkan(p["kemiringan_per_tahun"])
    naik = kemiringan >= 0
    laju = f"rata-rata {'naik' if naik else 'turun'} {_poin(kemiringan, satuan)} per tahun"
    if p["tahun_terakhir"] >= tujuan:
        return (f"{kode}: realisasi {tujuan} sudah tersedia "
                f"({_nilai(p['realisasi_terakhir'], satuan)}), target "
                f"{_nilai(p['target_tujuan'], satuan)}; proyeksi tidak diperlukan.")
    rentang = ""
    if not math.isnan(p["batas_bawah"]):
        rentang = (f" (rentang ketidakpastian 95%: {_nilai(p['batas_bawah'], satuan)} sampai "
                   f"{_nilai(p['batas_atas'], satuan)})")
    batas = ""
    if p.get("dibatasi"):
        batas = (f"; garis tren sendiri menembus {_nilai(p['proyeksi'], satuan)}, "
                 "batas yang tidak mungkin dilewati indikator ini, jadi proyeksi "
                 "dibatasi di sana")
    kalimat = [
        f"{kode}: dengan laju saat ini (tren linier {p['tahun_awal']}–{p['tahun_terakhir']}, "
        f"{laju}), realisasi {tujuan} diproyeksikan {_nilai(p['proyeksi'], satuan)}{rentang}"
        f"{batas}, sedangkan target {tujuan} adalah {_nilai(p['target_tujuan'], satuan)}."
    ]
    butuh = p["perubahan_dibutuhkan_per_tahun"]
    sudah = butuh <= 0 if p["arah"] == ARAH_NAIK else butuh >= 0
    if sudah:
        kalimat.append(f"Realisasi {p['tahun_terakhir']} "
                       f"({_nilai(p['realisasi_terakhir'], satuan)}) sudah memenuhi target "
                       f"{tujuan}; cukup dipertahankan.")
    else:
        kalimat.append(
            f"Untuk mencapainya, realisasi perlu {'naik' if butuh > 0 else 'turun'} "
            f"{_poin(butuh, satuan)} per tahun dari {_nilai(p['realisasi_terakhir'], satuan)} "
            f"pada {p['tahun_terakhir']}.")
    verdict = kesimpulan_proyeksi(p)
    penjelasan = {
        "tercapai": "seluruh rentang ketidakpastian proyeksi sudah memenuhi target",
        "kemungkinan tercapai": "proyeksi memenuhi target, tetapi sebagian rentang "
                                "ketidakpastian belum",
        "kemungkinan tidak tercapai": "proyeksi belum memenuhi target, tetapi sebagian "
                                      "rentang ketidakpastian memenuhinya",
        "tidak tercapai": "seluruh rentang ketidakpastian proyeksi belum memenuhi target",
    }
    alasan = penjelasan[verdict] if not math.isnan(p["batas_bawah"]) else (
        "tanpa rentang ketidakpastian: titik data terlalu sedikit atau tepat segaris, "
        "sehingga sebarannya tidak dapat diperkirakan")
    kalimat.append(f"Kesimpulan: target {tujuan} {verdict.upper()} dengan laju saat ini "
                   f"({alasan}).")
    return " ".join(kalimat)


def tabel_proyeksi(riwayat: pd.DataFrame, satuan: Mapping[str, str] | None = None,
                   tahun_tujuan: int = config.TAHUN_AKHIR_RENSTRA,
                   arah: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per IKU: trend, projection, target, the yearly change needed, verdict.

    Every number is the rounded value the sentence (``penjelasan``) prints, so table and
    sentence agree to the last digit. An IKU with fewer than 2 points keeps its row
    (empty trend columns, ``kesimpulan`` "tren belum dapat dihitung")."""
    baris = []
    for kode in dict.fromkeys(riwayat["kode_iku"]):
        p = proyeksi_tren(riwayat, kode, tahun_tujuan, (arah or {}).get(kode, ARAH_NAIK))
        baris.append({
            "kode_iku": kode, "tahun_awal": p["tahun_awal"], "tahun_terakhir": p["tahun_terakhir"],
            "n_titik": p["n_titik"], "realisasi_terakhir": p["realisasi_terakhir"],
            "kemiringan_per_tahun": _bulat_nan(p["kemiringan_per_tahun"]),
            "proyeksi": p["proyeksi"], "batas_bawah": p["batas_bawah"],
            "batas_atas": p["batas_atas"], "target_tujuan": p["target_tujuan"],
            "perubahan_dibutuhkan_per_tahun": p["perubahan_dibutuhkan_per_tahun"],
            "kesimpulan": kesimpulan_proyeksi(p),
            "penjelasan": apakah_target_tercapai(p, (satuan or {}).get(kode, "%")),
        })
    return pd.DataFrame(baris)


# ============================================================================ wilayah
#: Each ranked share per kabupaten/kota -> (its rank column, the count it is a share of).
PERINGKAT_WILAYAH = {
    "iku1_persen": ("peringkat_iku1", "penduduk_bekerja"),
    "koperasi_meningkat_persen": ("peringkat_iku2", "koperasi_dievaluasi"),
    "iku3_persen": ("peringkat_iku3", "usaha_kecil_dievaluasi"),
}


def peringkat_wilayah(hasil: HasilIKU) -> pd.DataFrame:
    """Per kabupaten/kota: IKU1 share, koperasi evaluated/improved (IKU2 share), usaha kecil
    (IKU3 share), with the rank of each share.

    The one ranking rule of the report and its charts (``rumus.peringkat``): rank 1 =
    highest, shares equal as printed share the best rank, and an area with fewer than
    ``PENYEBUT_MINIMUM`` koperasi or usaha kecil evaluated, or without data, gets no rank
    (<NA>). Sorted by ``peringkat_iku1``; re-sort with ``.sort_values(...)``.
    """
    w = hasil.wilayah.copy()
    w["koperasi_meningkat_persen"] = [
        hitung_realisasi(a, b) if b else None
        for a, b in zip(w["koperasi_meningkat"], w["koperasi_dievaluasi"], strict=True)]
    w["koperasi_meningkat_persen"] = w["koperasi_meningkat_persen"].astype(float)
    w["iku3_persen"] = w["iku3_persen"].astype(float)
    for kolom, (nama, penyebut) in PERINGKAT_WILAYAH.items():
        w[nama] = pd.array(peringkat(pd.to_numeric(w[kolom], errors="coerce"),
                                     pd.to_numeric(w[penyebut], errors="coerce")),
                           dtype="Int64")
    kolom = ["kode_wilayah", "nama_wilayah", "tenaga_kerja_kukm", "penduduk_bekerja",
             "iku1_persen", "peringkat_iku1", "koperasi_dievaluasi", "koperasi_meningkat",
             "koperasi_meningkat_persen", "peringkat_iku2", "usaha_kecil_dievaluasi",
             "usaha_kecil_menjadi_wirausaha", "iku3_persen", "peringkat_iku3"]
    return w[kolom].sort_values(["peringkat_iku1", "nama_wilayah"],
                                na_position="last").reset_index(drop=True)


#: Columns :func:`tren_wilayah` can follow across years.
KOLOM_TREN_WILAYAH = ("iku1_persen", "tenaga_kerja_kukm", "penduduk_bekerja",
                      "koperasi_dievaluasi", "koperasi_meningkat", "koperasi_meningkat_persen",
                      "usaha_kecil_dievaluasi", "usaha_kecil_menjadi_wirausaha", "iku3_persen")


#: Indonesian labels of those columns, for chart titles.
LABEL_KOLOM_WILAYAH = {
    "iku1_persen": "IKU 1: proporsi tenaga kerja KUKM terhadap penduduk bekerja (%)",
    "tenaga_kerja_kukm": "Tenaga kerja koperasi dan UKM (orang)",
    "penduduk_bekerja": "Penduduk bekerja (orang)",
    "koperasi_dievaluasi": "Koperasi yang dievaluasi",
    "koperasi_meningkat": "IKU 2: koperasi yang meningkat kualitasnya",
    "koperasi_meningkat_persen": "IKU 2: persentase koperasi yang meningkat (%)",
    "usaha_kecil_dievaluasi": "Usaha kecil yang dievaluasi",
    "usaha_kecil_menjadi_wirausaha": "IKU 3: usaha kecil yang menjadi wirausaha",
    "iku3_persen": "IKU 3: persentase usaha kecil yang menjadi wirausaha (%)",
}


def _data(data: DataIKU | HasilIKU | Path | str) -> DataIKU:
    if isinstance(data, HasilIKU):
        return data.data
    if isinstance(data, DataIKU):
        return data
    return muat_data(data)


def wilayah_tahun(data: DataIKU, tahun: int) -> pd.DataFrame:
    """Per kabupaten/kota values of one year, like ``HasilIKU.wilayah``, but tolerant:
    a column whose IKU cannot be computed that year (no data, no t-1) stays empty."""
    nilai = {}
    for kode in ("IKU1", "IKU2", "IKU3"):
        try:
            nilai[kode] = hitung_satu(data, kode, tahun)
        except DataIKUError:
            pass
    w = rincian_wilayah(data, nilai)
    w["koperasi_meningkat_persen"] = [
        hitung_realisasi(a, b) if pd.notna(b) and b else None
        for a, b in zip(w["koperasi_meningkat"], w["koperasi_dievaluasi"], strict=True)]
    w.insert(0, "tahun", int(tahun))
    return w


def tren_wilayah(data: DataIKU | HasilIKU | Path | str, kolom: str = "iku1_persen",
                 tahun: list[int] | None = None) -> pd.DataFrame:
    """Long table (tahun, kode_wilayah, nama_wilayah, nilai) of one per-area column
    across years, for ``grafik.grafik_kecil_wilayah``.

    ``kolom``: one of ``KOLOM_TREN_WILAYAH``. ``tahun``: default every year from the
    baseline to 2026 that has any data; years where the column cannot be computed are
    left out.
    """
    if kolom not in KOLOM_TREN_WILAYAH:
        raise ParameterError(f"kolom harus salah satu dari {', '.join(KOLOM_TREN_WILAYAH)}",
                             kolom, "kolom")
    d = _data(data)
    if tahun is None:
        tahun = sorted({int(t) for tabel in (d.tenaga_kerja_kukm, d.evaluasi_koperasi,
                                               d.evaluasi_usaha_kecil) for t in tabel["tahun"]
                        if t <= config.TAHUN_AKHIR_RENSTRA})
    bagian = [wilayah_tahun(d, t)[["tahun", "kode_wilayah", "nama_wilayah", kolom]]
              for t in tahun]
    hasil = pd.concat(bagian, ignore_index=True).rename(columns={kolom: "nilai"})
    hasil["nilai"] = hasil["nilai"].astype(float)
    ada = hasil.groupby("tahun")["nilai"].transform(lambda s: s.notna().any())
    return hasil[ada].reset_index(drop=True)


def tren_provinsi(riwayat: pd.DataFrame, kode_iku: str) -> pd.DataFrame:
    """The province realisasi of one IKU per year (tahun, nilai): the reference line of
    a small-multiples chart."""
    r = riwayat[(riwayat["kode_iku"] == kode_iku) & riwayat["realisasi"].notna()]
    return r[["tahun", "realisasi"]].rename(columns={"realisasi": "nilai"}).reset_index(drop=True)


def rinci_usaha_kecil(hasil: HasilIKU) -> pd.DataFrame:
    """IKU3 per kabupaten/kota: evaluated, became wirausaha, not yet, share of the area
    and the area's share of all new wirausaha in the province. Highest share first."""
    uk = hasil.usaha_kecil
    w = uk.groupby(["kode_wilayah", "nama_wilayah"], as_index=False).agg(
        usaha_kecil_dievaluasi=("menjadi_wirausaha", "size"),
        menjadi_wirausaha=("menjadi_wirausaha", "sum"))
    w["menjadi_wirausaha"] = w["menjadi_wirausaha"].astype(int)
    w["belum_menjadi_wirausaha"] = w["usaha_kecil_dievaluasi"] - w["menjadi_wirausaha"]
    w["menjadi_wirausaha_persen"] = [hitung_realisasi(a, b) for a, b in zip(
        w["menjadi_wirausaha"], w["usaha_kecil_dievaluasi"], strict=True)]
    total = int(w["menjadi_wirausaha"].sum())
    w["bagian_dari_total_wirausaha_persen"] = [
        hitung_realisasi(a, total) if total else None for a in w["menjadi_wirausaha"]]
    return w.sort_values(["menjadi_wirausaha_persen", "nama_wilayah"],
                         ascending=[False, True]).reset_index(drop=True)


def tabel_usaha_kecil(hasil: HasilIKU, wilayah: str | int | None = None) -> pd.DataFrame:
    """Every usaha kecil of the year (optionally one area, by name or code)."""
    uk = hasil.usaha_kecil
    kode = kode_wilayah_parameter(hasil.data, wilayah)
    if kode is not None:
        uk = uk[uk["kode_wilayah"] == kode]
    kolom = ["id_usaha", "nama_usaha", "kode_wilayah", "nama_wilayah", "menjadi_wirausaha"]
    return uk[kolom].sort_values(["nama_wilayah", "nama_usaha"]).reset_index(drop=True)


#: What the area dropdown and the ``wilayah_rinci`` parameter call "all areas".
SEMUA_WILAYAH = "Semua"


def pilihan_wilayah(data: DataIKU | HasilIKU) -> list[str]:
    """Names of the kabupaten/kota in the area reference, in reference order."""
    ref = _data(data).referensi
    return [ref.nama(k) for k in ref.kode_bagian(ref.kode_provinsi)]


def kode_wilayah_parameter(data: DataIKU | HasilIKU, wilayah: str | int | None,
                           nama_parameter: str = "wilayah_rinci") -> int | None:
    """The kabupaten/kota code for a name (any spelling the reference knows) or a code;
    None for all areas (None, "" or "Semua"). Anything else is a :class:`ParameterError`
    naming the parameter and listing the valid names."""
    if wilayah is None or str(wilayah).strip().casefold() in ("", SEMUA_WILAYAH.casefold()):
        return None
    d = _data(data)
    ref = d.referensi
    bagian = ref.kode_bagian(ref.kode_provinsi)
    teks = str(wilayah).strip()
    kode = int(teks) if teks.isdigit() else ref.cari_kode(teks)
    if kode not in bagian:
        raise ParameterError(
            f"kabupaten/kota tidak dikenal; pilih \"{SEMUA_WILAYAH}\" atau salah satu dari: "
            + ", ".join(f"{ref.nama(k)} ({k})" for k in bagian), wilayah, nama_parameter)
    return kode


# ============================================================================ koperasi
KOLOM_KOPERASI = ["nomor_induk_koperasi", "nama_koperasi", "kode_wilayah", "nama_wilayah",
                  "rat", "volume_usaha_sebelumnya", "volume_usaha",
                  "perubahan_volume_usaha_persen", "aset_sebelumnya", "aset",
                  "perubahan_aset_persen", "meningkat", "jumlah_kriteria_gagal",
                  "kriteria_gagal"]


def tabel_koperasi(hasil: HasilIKU, wilayah: str | int | None = None) -> pd.DataFrame:
    """Every koperasi evaluated in the year with RAT, volume usaha, aset, their change
    from last year and the criteria failed (optionally one area, by name or code)."""
    k = hasil.koperasi
    kode = kode_wilayah_parameter(hasil.data, wilayah)
    if kode is not None:
        k = k[k["kode_wilayah"] == kode]
    return k[KOLOM_KOPERASI].reset_index(drop=True)


def _kekurangan(kini: float, lalu: float) -> float:
    """Rupiah by which ``kini`` must grow to be strictly greater than ``lalu`` (0 if it is)."""
    return max(0.0, float(lalu) - float(kini)) if kini <= lalu else 0.0


def koperasi_terdekat(sumber: HasilIKU | pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` koperasi closest to qualifying for IKU2, with what each must do.

    Among koperasi that did *not* improve and do have a previous-year row, order by
    (1) the number of failed criteria (RAT missing counts as one), then (2) the total
    growth still missing in percent of this year's value (volume usaha + aset: how much
    more each would have had to grow to exceed last year), then (3) the weaker of its two
    growth rates, highest first (a koperasi that grew comfortably on both is a safer bet
    than one that barely grew), then the name.

    ``kurang_tahun_ini`` says what it lacked this year, e.g. "adakan RAT; volume usaha naik
    lebih dari Rp12.345.000 (+3,21%)" (the criterion is *strictly* greater than last year,
    so an equal value needs at least Rp1 more). ``tindakan`` says what it must show next
    year to count: a RAT held, and volume usaha and aset each above this year's values
    ("adakan RAT; volume usaha di atas Rp...; aset di atas Rp..."): next year is judged
    against this year, not against last year.
    """
    k = sumber.koperasi if isinstance(sumber, HasilIKU) else sumber
    wajib = {"nama_koperasi", "meningkat", "ada_data_sebelumnya", "lolos_rat", "lolos_aset",
             "lolos_volume_usaha", "volume_usaha",
             "volume_usaha_sebelumnya", "aset", "aset_sebelumnya", "jumlah_kriteria_gagal",
             "perubahan_volume_usaha_persen", "perubahan_aset_persen"}
    if missing := wajib - set(k.columns):
        raise ParameterError(f"tabel koperasi tidak memuat kolom {sorted(missing)}",
                             None, "sumber")
    if n < 1:
        raise ParameterError("n harus minimal 1", n, "n")
    c = k[~k["meningkat"].astype(bool) & k["ada_data_sebelumnya"].astype(bool)].copy()
    c["kekurangan_volume_usaha"] = [_kekurangan(a, b) for a, b in
                                    zip(c["volume_usaha"], c["volume_usaha_sebelumnya"],
                                        strict=True)]
    c["kekurangan_aset"] = [_kekurangan(a, b) for a, b in
                            zip(c["aset"], c["aset_sebelumnya"], strict=True)]
    for kolom in ("volume_usaha", "aset"):  # as printed: half up, decimal arithmetic
        c[f"kekurangan_{kolom}_persen"] = persen_per_baris(c[f"kekurangan_{kolom}"], c[kolom])
    c["kekurangan_persen_total"] = (c["kekurangan_volume_usaha_persen"].fillna(math.inf)
                                    + c["kekurangan_aset_persen"].fillna(math.inf))
    c["_margin"] = -c[["perubahan_volume_usaha_persen", "perubahan_aset_persen"]].min(axis=1)
    c["kurang_tahun_ini"] = [_kurang(b) for b in c.itertuples()]
    c["tindakan"] = [_tindakan_tahun_depan(b) for b in c.itertuples()]
    c = c.sort_values(["jumlah_kriteria_gagal", "kekurangan_persen_total", "_margin",
                       "nama_koperasi"], kind="stable").head(n).reset_index(drop=True)
    c.insert(0, "urutan", range(1, len(c) + 1))
    kolom = ["urutan", "nomor_induk_koperasi", "nama_koperasi", "nama_wilayah", "rat",
             "volume_usaha_sebelumnya", "volume_usaha", "aset_sebelumnya", "aset",
             "perubahan_volume_usaha_persen", "perubahan_aset_persen",
             "jumlah_kriteria_gagal", "kriteria_gagal", "kekurangan_volume_usaha",
             "kekurangan_volume_usaha_persen", "kekurangan_aset", "kekurangan_aset_persen",
             "kurang_tahun_ini", "tindakan"]
    return c[[k for k in kolom if k in c.columns]]


def _tindakan_tahun_depan(b) -> str:
    """What a koperasi must show next year to count as improved: a RAT held, and volume
    usaha and aset each strictly above this year's (the rule compares every year with the
    one before, so what it lacked this year is not what next year asks)."""
    return (f"adakan RAT; volume usaha di atas {rupiah(b.volume_usaha)}; aset di atas "
            f"{rupiah(b.aset)}")


def _kurang(b) -> str:
    """What the koperasi lacked this year against last year (why it did not count)."""
    langkah = []
    if not b.lolos_rat:
        langkah.append("adakan RAT")
    for nama, kurang, kini, lolos in (
            ("volume usaha", b.kekurangan_volume_usaha, b.volume_usaha, b.lolos_volume_usaha),
            ("aset", b.kekurangan_aset, b.aset, b.lolos_aset)):
        if not lolos:
            proporsi = f" (+{persen(kurang / kini * 100)})" if kini else ""
            langkah.append(f"{nama} naik lebih dari {rupiah(kurang)}{proporsi}"
                           if kurang > 0 else f"{nama} naik (minimal Rp1)")
    return "; ".join(langkah)


def koperasi_dibutuhkan(hasil: HasilIKU, tahun_target: int | None = None) -> dict:
    """How many koperasi must improve to meet the IKU2 target of ``tahun_target``
    (default: next year), assuming as many koperasi are evaluated as this year.

    Returns tahun_target, target, penyebut, pembilang_minimum, meningkat_tahun_ini,
    kalimat (an Indonesian sentence).
    """
    tahun_target = hasil.tahun + 1 if tahun_target is None else int(tahun_target)
    from .nasional import target_renstra

    # the Renstra target as the report prints it (two decimals)
    target = target_renstra(hasil.data, "IKU2", tahun_target)
    penyebut = len(hasil.koperasi)
    meningkat = int(hasil.koperasi["meningkat"].sum())
    if target is None:
        return {"tahun_target": tahun_target, "target": None, "penyebut": penyebut,
                "pembilang_minimum": None, "meningkat_tahun_ini": meningkat,
                "kalimat": f"Tidak ada target IKU 2 tahun {tahun_target} di data target."}
    minimum = pembilang_minimum(target, penyebut, hasil.data.katalog["IKU2"]["arah"])
    kalimat = (
        f"Target IKU 2 {tahun_target} adalah {persen(target)}. Jika jumlah koperasi yang "
        f"dievaluasi tetap {bilangan(penyebut)} (seperti {hasil.tahun}), minimal "
        f"{bilangan(minimum)} koperasi harus meningkat kualitasnya "
        f"({bilangan(minimum)}/{bilangan(penyebut)} = "
        f"{persen(hitung_realisasi(minimum, penyebut))}). Pada {hasil.tahun} ada "
        f"{bilangan(meningkat)} koperasi yang meningkat; peningkatan dinilai ulang setiap "
        f"tahun terhadap tahun sebelumnya, jadi koperasi itu pun harus meningkat lagi."
        if minimum is not None else
        f"Target IKU 2 {tahun_target} ({persen(target)}) tidak dapat dicapai dengan "
        f"{bilangan(penyebut)} koperasi.")
    return {"tahun_target": tahun_target, "target": target, "penyebut": penyebut,
            "pembilang_minimum": minimum, "meningkat_tahun_ini": meningkat,
            "kalimat": kalimat}


def saran_koperasi(hasil: HasilIKU, n: int | None = None) -> str:
    """Answer "which koperasi should we help to meet next year's IKU2 target?".

    ``n`` defaults to the number of improving koperasi next year's target needs
    (:func:`koperasi_dibutuhkan`); the koperasi are those of :func:`koperasi_terdekat`.
    """
    kebutuhan = koperasi_dibutuhkan(hasil)
    if n is None:
        n = kebutuhan["pembilang_minimum"] or 1
    terdekat = koperasi_terdekat(hasil, n)
    if terdekat.empty:
        return (kebutuhan["kalimat"] + " Tidak ada koperasi yang belum meningkat dan punya data "
                "tahun sebelumnya untuk dibandingkan.")
    daftar = "; ".join(f"{b.urutan}) {b.nama_koperasi} ({b.nama_wilayah}; kurang pada "
                       f"{hasil.tahun}: {b.kurang_tahun_ini}): untuk {hasil.tahun + 1} "
                       f"{b.tindakan}" for b in terdekat.itertuples())
    return (f"{kebutuhan['kalimat']} {len(terdekat)} koperasi yang paling dekat memenuhi "
            f"kriteria pada {hasil.tahun} (paling sedikit kriteria gagal, lalu kekurangan "
            f"terkecil) dan layak dibantu: {daftar}.")


# ============================================================================ skenario
def skenario(data: DataIKU | HasilIKU | Path | str, tahun: int,
             tambah_koperasi_meningkat: int = 0, tambah_tenaga_kerja_ukm: int = 0,
             tambah_tenaga_kerja_koperasi: int = 0, tambah_wirausaha: int = 0,
             indeks_rb: float | None = None) -> pd.DataFrame:
    """What-if: the results table of ``tahun`` before (``*_awal``) and after a change.

    The change is applied to the numerators (IKU1: tenaga kerja koperasi/UKM, IKU2:
    koperasi meningkat, IKU3: usaha kecil menjadi wirausaha; negative values allowed)
    and IKU4's index is replaced when ``indeks_rb`` is given. Denominators stay as they
    are. Realisasi, capaian and kategori are recomputed with the same formulas as the
    official table. Data files are only read, never written.
    """
    hasil = data if isinstance(data, HasilIKU) and data.tahun == int(tahun) else hitung_iku(
        tahun, _data(data))
    d = hasil.data
    tambahan = {"IKU1": tambah_tenaga_kerja_ukm + tambah_tenaga_kerja_koperasi,
                "IKU2": tambah_koperasi_meningkat, "IKU3": tambah_wirausaha}
    for nama, nilai in (("tambah_koperasi_meningkat", tambah_koperasi_meningkat),
                        ("tambah_tenaga_kerja_ukm", tambah_tenaga_kerja_ukm),
                        ("tambah_tenaga_kerja_koperasi", tambah_tenaga_kerja_koperasi),
                        ("tambah_wirausaha", tambah_wirausaha)):
        if isinstance(nilai, bool) or int(nilai) != nilai:
            raise ParameterError("harus bilangan bulat", nilai, nama)
    if indeks_rb is not None and not 0 <= float(indeks_rb) <= 100:
        raise ParameterError("indeks RB harus antara 0 dan 100", indeks_rb, "indeks_rb")
    p = d.pengaturan
    baris = []
    for _, b in hasil.tabel.iterrows():
        kode = b["kode_iku"]
        arah = d.katalog[kode]["arah"]
        pembilang, penyebut = b["pembilang"], b["penyebut"]
        if kode in tambahan:
            pembilang_baru = float(pembilang) + tambahan[kode]
            if not 0 <= pembilang_baru <= float(penyebut):
                nama = {"IKU1": "tambah_tenaga_kerja_ukm/koperasi",
                        "IKU2": "tambah_koperasi_meningkat", "IKU3": "tambah_wirausaha"}[kode]
                raise ParameterError(
                    f"{nama_iku(kode)}: pembilang menjadi {bilangan(pembilang_baru)}, harus "
                    f"antara 0 dan penyebut {bilangan(penyebut)}", tambahan[kode], nama)
            realisasi = hitung_realisasi(pembilang_baru, float(penyebut))
        else:
            pembilang_baru = pembilang
            realisasi = b["realisasi"] if indeks_rb is None else bulatkan(float(indeks_rb))
        capaian = hitung_capaian(realisasi, b["target"], arah, p.batas_capaian)
        baris.append({
            "kode_iku": kode, "indikator": b["indikator"], "satuan": b["satuan"],
            "tahun": int(b["tahun"]), "penyebut": penyebut,
            "pembilang_awal": pembilang, "pembilang": pembilang_baru,
            "realisasi_awal": b["realisasi"], "realisasi": realisasi,
            "target": b["target"],
            "capaian_persen_awal": b["capaian_persen"], "capaian_persen": capaian,
            "kategori_awal": b["kategori"],
            "kategori": tentukan_kategori(capaian, p.skala_kategori),
            "kekurangan": hitung_kekurangan(
                realisasi, b["target"], None if pd.isna(pembilang) else pembilang_baru,
                None if pd.isna(penyebut) else penyebut, arah),
            "satuan_kekurangan": d.katalog[kode].get("satuan_hitung", b["satuan"]),
        })
    return pd.DataFrame(baris)


# ============================================================================ tampilan & ekspor
_KOLOM_RUPIAH = ("volume_usaha", "volume_usaha_sebelumnya", "aset", "aset_sebelumnya",
                 "kekurangan_volume_usaha", "kekurangan_aset")


#: Columns that count people or units: whole numbers are shown (and exported) as counts,
#: 1.034 and not 1.034,00 / 1034,0, although a missing cell makes pandas hold them as float.
AWALAN_HITUNGAN = ("pembilang", "penyebut", "tenaga_kerja", "penduduk", "koperasi_",
                   "usaha_kecil_", "kekurangan")


def _pemformat(kolom: str, seri: pd.Series) -> Callable[[object], str] | None:
    nama = str(kolom)
    if nama in _KOLOM_RUPIAH:
        return rupiah
    if nama == "kode_iku":  # as the report writes it: IKU 1 (the data keeps IKU1)
        return nama_iku
    if nama.startswith(("tahun", "kode_", "nomor_", "id_", "urutan")):
        return None
    if pd.api.types.is_bool_dtype(seri):
        return lambda v: KOSONG if pd.isna(v) else ("ya" if v else "tidak")
    if nama.endswith("persen") or nama.endswith("_persen_awal"):
        return persen
    if pd.api.types.is_integer_dtype(seri):
        return bilangan
    if pd.api.types.is_float_dtype(seri):
        bulat = seri.dropna().mod(1).eq(0).all() and nama.startswith(AWALAN_HITUNGAN)
        return bilangan if bulat else angka
    return None


def tampilkan_tabel(df: pd.DataFrame, urutkan: str | list[str] | None = None,
                    menurun: bool = False):
    """A pandas Styler with Indonesian number formats (decimal comma, Rp, %), kategori
    cells coloured with the report's palette, the index hidden.

    ``urutkan``: column(s) to sort by before display (the analyst's "sortable table":
    change the parameter and rerun the cell).
    """
    if urutkan:
        df = df.sort_values(urutkan, ascending=not menurun, na_position="last")
    format_ = {k: f for k in df.columns if (f := _pemformat(k, df[k])) is not None}
    gaya = df.style.format(format_, na_rep=KOSONG).hide(axis="index")
    kolom_kategori = [k for k in df.columns if str(k).startswith("kategori")]
    if kolom_kategori:
        gaya = gaya.map(lambda v: f"background-color: {warna_kategori(v)}"
                        if isinstance(v, str) and v in WARNA_KATEGORI else "",
                        subset=kolom_kategori)
    return gaya


def ekspor_xlsx(tabel, path: str | os.PathLike, timpa: bool = False) -> Path:
    """Write what the analyst is looking at to an XLSX file, in one call.

    ``tabel``: a DataFrame, a pandas Styler (its data is written) or a dict
    {sheet name: DataFrame/Styler}. Text cells can never become formulas
    (:func:`iku_helpers.excel.tulis_xlsx`). Missing folders are created. An earlier
    export is never replaced: when ``path`` exists the file gets the next free suffix
    (``nama-2.xlsx``, ``nama-3.xlsx``, ...), unless ``timpa=True``. Returns the path
    written.
    """
    def sebagai_df(x) -> pd.DataFrame:
        x = getattr(x, "data", x) if not isinstance(x, pd.DataFrame) else x
        if isinstance(x, pd.Series):
            x = x.to_frame()
        if not isinstance(x, pd.DataFrame):
            raise ParameterError("harus DataFrame, Styler atau dict berisi keduanya",
                                 type(x).__name__, "tabel")
        return x.reset_index(drop=True) if isinstance(x.index, pd.RangeIndex) else (
            x.reset_index())

    lembar = ({str(k): sebagai_df(v) for k, v in tabel.items()} if isinstance(tabel, Mapping)
              else {"Data": sebagai_df(tabel)})
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ParameterError("nama berkas harus berakhiran .xlsx", str(path), "path")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not timpa:
        path = path.with_name(path.stem + pilih_akhiran(path.parent, [path.stem]) + path.suffix)
    tulis_xlsx(path, lembar, timpa=timpa)
    return path


__all__ = [
    "KOLOM_KOPERASI", "KOLOM_TREN_WILAYAH", "LABEL_KOLOM_WILAYAH", "METODE_PROYEKSI",
    "apakah_target_tercapai", "ekspor_xlsx", "kesimpulan_proyeksi", "koperasi_dibutuhkan",
    "koperasi_terdekat", "nilai_t_95", "peringkat_wilayah",
    "proyeksi_tren", "rinci_usaha_kecil", "saran_koperasi", "skenario", "tabel_koperasi",
    "tabel_proyeksi", "tabel_usaha_kecil", "tampilkan_tabel", "tren_provinsi", "tren_wilayah",
    "wilayah_tahun",
]
