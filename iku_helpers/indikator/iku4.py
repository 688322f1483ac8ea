"""IKU4: Indeks Reformasi Birokrasi Perangkat Daerah.

Rule: the indeks of the period (from Biro Organisasi's review), with its predicate
(AA..D, PermenPANRB 26/2020 family). A table with one indeks per area (``kode_wilayah``)
gives each total its own; the national value is the unweighted mean of the totals,
because an indeks cannot be summed. Components (``komponen_rb``, optional) must sum to
the indeks. Quarterly: a value known at a point (``nilai_akhir``): the latest indeks
available at the quarter's end. Biro Organisasi's review of a year is assumed known by
December of that year (BULAN_RILIS, an assumption documented in data/README.md), so
TW I-III use the previous year's indeks and TW IV the year's own (= the annual figure).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import Masalah, Peringatan
from ..format_id import angka
from .dasar import (
    Agregat,
    DefinisiIKU,
    PetaInduk,
    periksa_sifat_katalog,
    periksa_target_tw_nilai_akhir,
    periode_tersedia,
    tidak_ada_tahun,
)
from .periode import Periode
from .rumus import bulatkan, tentukan_predikat_rb

if TYPE_CHECKING:  # pragma: no cover
    from ..data_iku import DataIKU

RB, KOMPONEN = "indeks_rb", "komponen_rb"
TOLERANSI_KOMPONEN_RB = 0.01
#: Month by which Biro Organisasi's review of a year is known [assumption, data/README.md].
BULAN_RILIS = 12


def sumber_nilai(periode: Periode) -> str:
    """Which review's indeks a period's IKU4 uses, for the report."""
    t = periode_tersedia(periode, BULAN_RILIS).tahun
    return f"indeks RB hasil reviu Biro Organisasi tahun {t}"


def agregat(data: DataIKU, periode: Periode, peta: PetaInduk) -> Agregat:
    periode = periode_tersedia(periode, BULAN_RILIS)
    rb = periode.saring(data.tabel[RB])
    if "kode_wilayah" in rb.columns:
        nilai = pd.Series(rb["indeks"].to_numpy(), index=rb["kode_wilayah"].to_numpy())
        nilai = nilai.reindex(peta.kode_total)
    else:
        nilai = pd.Series(float(rb["indeks"].iloc[0]) if len(rb) else np.nan,
                          index=peta.kode_total)
    return Agregat(nilai.astype(float).dropna())


def rinci(data: DataIKU, periode: Periode) -> dict:
    asli, periode = periode, periode_tersedia(periode, BULAN_RILIS)
    rb = periode.saring(data.tabel[RB])
    if "kode_wilayah" in rb.columns:
        rb = rb[rb["kode_wilayah"] == data.referensi.kode_provinsi]
    indeks = bulatkan(float(rb["indeks"].iloc[0]))
    komponen = data.tabel.get(KOMPONEN)
    if komponen is not None:
        komponen = periode.saring(komponen).drop(columns=["_baris"])
    return {"predikat": tentukan_predikat_rb(indeks), "komponen": komponen,
            "sumber_nilai": sumber_nilai(asli), "tahun_data": periode.tahun}


def periksa_periode(data: DataIKU, periode: Periode) -> list[Masalah]:
    periode = periode_tersedia(periode, BULAN_RILIS)
    masalah = tidak_ada_tahun(data, RB, periode)
    rb = periode.saring(data.tabel[RB])
    if not masalah and "kode_wilayah" in rb.columns and len(data.referensi.kode_total) == 1:
        kode = data.referensi.kode_provinsi
        if not (rb["kode_wilayah"] == kode).any():
            masalah.append(Masalah(data.berkas(RB), f"tidak ada indeks tahun {periode.tahun} "
                                   f"untuk kode {kode}", kolom="kode_wilayah"))
    return masalah


def periksa_skala(data: DataIKU) -> list[Peringatan]:
    """The RB index is on a 0-100 scale (PermenPANRB predikat D to AA): a value above 0 and
    at most 1 is most likely written as a fraction (0,55 for 55), and would be rated
    against a target of 66. Said per row (the komponen check catches it only when the
    folder has komponen_rb), for the index and for IKU4's comparison values."""
    temuan = []
    # the index, and the comparison values given for IKU4 (pembanding: a national index)
    for kunci, kolom, pilih in ((RB, "indeks", None), ("pembanding", "nilai", "IKU4")):
        t = data.tabel.get(kunci)
        if t is None or t.empty:
            continue
        if pilih is not None:
            t = t[t["kode_iku"].to_numpy() == pilih]
        nilai = t[kolom].to_numpy(dtype=float)
        temuan += [Peringatan.di(data.berkas(kunci), f"indeks RB berskala 0–100; "
                                 f"{angka(nilai[i])} tampak ditulis sebagai pecahan (mis. 0,55 "
                                 "untuk 55)", int(t["_baris"].iloc[i]), kolom, float(nilai[i]))
                   for i in np.flatnonzero((nilai > 0) & (nilai <= 1))]
    return temuan


def periksa_data(data: DataIKU) -> list[Masalah | Peringatan]:
    """Komponen RB: kelompok pengungkit/hasil, nilai not above bobot, and per year the
    components sum to the indeks (tolerance 0,01); the index's scale."""
    sifat = (periksa_sifat_katalog(data, "IKU4", "nilai_akhir") + periksa_skala(data)
             + periksa_target_tw_nilai_akhir(data, "IKU4"))
    k = data.tabel.get(KOMPONEN)
    if k is None:
        return sifat
    rb = data.tabel[RB]
    if "kode_wilayah" in rb.columns:
        # an indeks per area: the components are the office's own, so they are compared
        # with its province's row; a reference of several provinces cannot say which
        # (the row checks below still apply)
        total = data.referensi.kode_total
        rb = rb[rb["kode_wilayah"] == total[0]] if len(total) == 1 else None
    berkas = data.berkas(KOMPONEN)
    masalah = []
    kelompok = k["kelompok"].str.lower()
    for posisi in (~kelompok.isin(["pengungkit", "hasil"])).to_numpy().nonzero()[0]:
        masalah.append(Masalah(berkas, "kelompok harus 'pengungkit' atau 'hasil'",
                               int(k["_baris"].iloc[posisi]), "kelompok",
                               k["kelompok"].iloc[posisi]))
    for posisi in (k["nilai"] > k["bobot"]).to_numpy().nonzero()[0]:
        masalah.append(Masalah(berkas, "nilai komponen melebihi bobotnya",
                               int(k["_baris"].iloc[posisi]), "nilai",
                               float(k["nilai"].iloc[posisi])))
    if rb is None:
        return sifat + masalah
    jumlah = k.groupby("tahun")["nilai"].sum()
    indeks = rb.set_index("tahun")["indeks"]
    for tahun, total in jumlah.items():
        if tahun not in indeks.index:
            baris = int(k.loc[k["tahun"] == tahun, "_baris"].iloc[0])
            masalah.append(Masalah(berkas, f"tahun {tahun} tidak ada di {data.berkas(RB)}",
                                   baris, "tahun", int(tahun)))
        elif abs(total - indeks[tahun]) > TOLERANSI_KOMPONEN_RB + 1e-9:
            baris = int(k.loc[k["tahun"] == tahun, "_baris"].iloc[-1])
            masalah.append(Masalah(
                berkas, f"jumlah nilai komponen tahun {tahun} = {angka(total)}, tidak sama "
                f"dengan indeks {angka(indeks[tahun])} di {data.berkas(RB)} (toleransi 0,01)",
                baris, "nilai", round(float(total), 2)))
    return sifat + masalah


DEFINISI = DefinisiIKU(
    kode="IKU4", tabel=(RB,), sumber_pembilang=None, sumber_penyebut=None,
    agregat=agregat, rinci=rinci, periksa_periode=periksa_periode, periksa_data=periksa_data,
    sifat_data="nilai_akhir", templat="iku_indeks.html.j2", jenis="indeks",
    gabung_nasional="rata", bulan_rilis=BULAN_RILIS,
    tabel_rinci=(KOMPONEN,))
