"""The IKU for every total in the area reference at once (e.g. 38 provinces) and for all
of them together. This is the one computation of the numbers: each indicator's
vectorised ``agregat`` (``indikator/iku1.py`` ..) gives numerator and denominator per
total; :func:`iku_helpers.hitung.hitung_iku` takes its province's row from here and adds
the row-by-row detail the report explains.

The area reference must give each kabupaten/kota its province in the ``induk`` column
when it holds several totals. The national value of an index indicator (IKU4) is the
unweighted mean of the totals' values, because an indeks cannot be summed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .data_iku import DataIKU, muat_data
from .errors import ParameterError
from .indikator.dasar import PetaInduk
from .indikator.periode import Periode
from .indikator.registri import REGISTRI
from .indikator.rumus import baris_hasil, bulatkan, hitung_realisasi

KODE_NASIONAL = 0
KOLOM_PER_INDUK = ["kode_wilayah", "nama_wilayah", "kode_iku", "pembilang", "penyebut",
                   "realisasi"]


def _sebagai_periode(periode: Periode | int) -> Periode:
    return periode if isinstance(periode, Periode) else Periode(int(periode))


def muat_nasional(data_dir, tahun: int) -> DataIKU:
    """The data folder loaded for :func:`hitung_nasional` of ``tahun`` only: every row of
    every table is validated as by ``muat_data``, but of the large Parquet tables only the
    columns and years the computation reads are kept (about a third of the memory of the
    whole tables at national scale; see bench/README.md)."""
    return muat_data(data_dir, hanya_untuk=int(tahun))


def periksa_cakupan(data: DataIKU, periode: Periode) -> None:
    """A lean national snapshot (:func:`muat_nasional`) computes its own year only."""
    if data.hanya_tahun is not None and periode.tahun != data.hanya_tahun:
        raise ParameterError(
            f"data dimuat ramping hanya untuk tahun {data.hanya_tahun} (muat_nasional); "
            f"untuk tahun {periode.tahun} muat ulang dengan muat_nasional(folder, "
            f"{periode.tahun}) atau muat_data(folder)", periode.tahun, "tahun")


def hitung_per_induk(data: DataIKU, periode: Periode | int,
                     kode_iku: list[str] | None = None) -> pd.DataFrame:
    """Pembilang, penyebut and realisasi of every IKU per total and nationally.

    A total with no rows for a ratio indicator has no realisasi (None), never 0 %.
    """
    periode = _sebagai_periode(periode)
    periksa_cakupan(data, periode)
    peta = PetaInduk.dari(data.referensi)
    totals = peta.kode_total
    nama = data.referensi.peta_nama
    baris = []
    for kode, definisi in REGISTRI.items():
        if kode_iku is not None and kode not in kode_iku:
            continue
        a = definisi.agregat(data, periode, peta)
        p = a.pembilang.reindex(totals)
        if definisi.jenis == "indeks":
            nilai = [bulatkan(v) if v == v else None for v in p.to_numpy()]
            nasional = bulatkan(float(p.mean())) if p.notna().any() else None
            for t, v in zip(totals, nilai, strict=True):
                baris.append((int(t), nama.get(int(t), str(t)), kode, None, None, v))
            baris.append((KODE_NASIONAL, "Nasional", kode, None, None, nasional))
            continue
        q = a.penyebut.reindex(totals)
        # A total is measured only when it has both a numerator and a denominator: IKU1
        # reads two tables, and a province with penduduk bekerja but no tenaga kerja rows
        # (or the reverse) has no realisasi, not 0 %, and stays out of both national sums.
        ada = (p.notna() & q.notna()).to_numpy()
        for t, pi, qi, ok in zip(totals, p.to_numpy(), q.to_numpy(), ada, strict=True):
            baris.append((int(t), nama.get(int(t), str(t)), kode,
                          float(pi) if pi == pi else (0.0 if np.isnan(qi) else None),
                          None if np.isnan(qi) else float(qi),
                          hitung_realisasi(pi, qi) if ok and qi > 0 else None))
        pn, qn = float(p[ada].sum()), float(q[ada].sum(min_count=1))
        baris.append((KODE_NASIONAL, "Nasional", kode, pn, None if np.isnan(qn) else qn,
                      hitung_realisasi(pn, qn) if qn == qn and qn > 0 else None))
    return pd.DataFrame(baris, columns=KOLOM_PER_INDUK)


def sel_target(data: DataIKU, kunci: str, kolom: str, kode: str,
               tahun: int) -> pd.Series | None:
    """The row of table ``kunci`` (target_iku or perjanjian_kinerja) that gives ``kode``'s
    target of ``tahun`` in column ``kolom``; None when the table, the column or the row is
    absent. One lookup for the targets below and for messages naming the cell."""
    t = data.tabel.get(kunci)
    if t is None or kolom not in t.columns:
        return None
    pilih = t[(t["kode_iku"].to_numpy() == kode) & (t["tahun"].to_numpy() == tahun)]
    return pilih.iloc[0] if len(pilih) else None


def target_renstra(data: DataIKU, kode: str, tahun: int) -> float | None:
    """The Renstra target of an IKU for a year (Tabel 3.2 of the decree)."""
    b = sel_target(data, "target_iku", "target", kode, tahun)
    # as the report prints it (two decimals; data_iku.periksa_target warns when it rounds)
    return bulatkan(float(b["target"])) if b is not None else None


def target_pk(data: DataIKU, kode: str, periode: Periode) -> float | None:
    """The Perjanjian Kinerja target of the period (the year's, or the quarter's from the
    Rencana Aksi columns target_tw1..4), or None when the agreement does not give one."""
    b = sel_target(data, "perjanjian_kinerja", periode.kolom_target, kode, periode.tahun)
    # the year's target is always filled (validasi); a quarter's may be empty (a PK signed
    # with its year's target only): None, as bulatkan gives for NaN
    return bulatkan(float(b[periode.kolom_target])) if b is not None else None


def sumber_target(data: DataIKU, kode: str, periode: Periode
                  ) -> tuple[str, str, pd.Series] | None:
    """Where the target an IKU is measured against in a period comes from, as (table,
    column, row): the Perjanjian Kinerja's when the data folder has one for it
    (PermenPANRB 53/2014: capaian is measured against the PK), else the Renstra target
    (a quarter has no Renstra target); None when there is none."""
    b = sel_target(data, "perjanjian_kinerja", periode.kolom_target, kode, periode.tahun)
    if b is not None:
        return "perjanjian_kinerja", periode.kolom_target, b
    if not periode.tahunan:
        return None
    b = sel_target(data, "target_iku", "target", kode, periode.tahun)
    return ("target_iku", "target", b) if b is not None else None


def target_periode(data: DataIKU, kode: str, periode: Periode) -> float | None:
    """The target an IKU is measured against in a period (``sumber_target``), as the
    report prints it (two decimals, like ``target_pk``/``target_renstra``)."""
    sumber = sumber_target(data, kode, periode)
    if sumber is None:
        return None
    _, kolom, b = sumber
    return bulatkan(float(b[kolom]))


def hitung_nasional(data: DataIKU, periode: Periode | int) -> pd.DataFrame:
    """hitung_per_induk with the period's target, capaian and kategori per row."""
    periode = _sebagai_periode(periode)
    hasil = hitung_per_induk(data, periode)
    p = data.pengaturan
    # one target per IKU, looked up once (not once for each of its rows)
    target = {k: target_periode(data, k, periode) for k in dict.fromkeys(hasil["kode_iku"])}
    rinci = [baris_hasil(k, data.katalog[k], periode.tahun, None, None, r, target[k],
                         p.skala_kategori, p.batas_capaian)
             for k, r in zip(hasil["kode_iku"], hasil["realisasi"], strict=True)]
    hasil.insert(2, "tahun", periode.tahun)
    for kolom in ("target", "capaian_persen", "kategori"):
        hasil[kolom] = [r[kolom] for r in rinci]
    return hasil
