"""IKU3: Persentase Usaha Kecil yang Menjadi Wirausaha.

Rule: usaha kecil with menjadi_wirausaha = ya / all usaha kecil evaluated in the period,
x 100. Quarterly: cumulative (``kumulatif``): usaha kecil evaluated by the quarter's end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..errors import Masalah
from .dasar import (
    Agregat,
    DefinisiIKU,
    PetaInduk,
    periksa_kumulatif,
    periksa_sifat_katalog,
    periksa_target_tw_kumulatif,
    tidak_ada_tahun,
)
from .periode import Periode

if TYPE_CHECKING:  # pragma: no cover
    from ..data_iku import DataIKU

UK = "evaluasi_usaha_kecil"


def agregat(data: DataIKU, periode: Periode, peta: PetaInduk) -> Agregat:
    uk = periode.saring(data.tabel[UK])
    g = pd.Series(uk["menjadi_wirausaha"].to_numpy()).groupby(
        peta.ke_induk(uk["kode_wilayah"]))
    return Agregat(g.sum().astype(float), g.size().astype(float))


def rinci(data: DataIKU, periode: Periode) -> dict:
    uk = periode.saring(data.tabel[UK]).drop(columns=["_baris"])
    return {"usaha_kecil": uk.assign(
        nama_wilayah=uk["kode_wilayah"].map(data.referensi.peta_nama))}


def rinci_wilayah(data: DataIKU, rincian: dict) -> pd.DataFrame:
    return rincian["usaha_kecil"].groupby("kode_wilayah")["menjadi_wirausaha"].agg(
        usaha_kecil_dievaluasi="size", usaha_kecil_menjadi_wirausaha="sum").reset_index()


def periksa_periode(data: DataIKU, periode: Periode) -> list[Masalah]:
    return tidak_ada_tahun(data, UK, periode) or periksa_kumulatif(data, UK, "IKU3", periode)


def periksa_data(data: DataIKU) -> list:
    return (periksa_sifat_katalog(data, "IKU3", "kumulatif")
            + periksa_target_tw_kumulatif(data, "IKU3"))


DEFINISI = DefinisiIKU(
    kode="IKU3", tabel=(UK,), sumber_pembilang=UK, sumber_penyebut=UK,
    agregat=agregat, rinci=rinci, periksa_periode=periksa_periode, periksa_data=periksa_data,
    rinci_wilayah=rinci_wilayah, sifat_data="kumulatif", templat="iku_rasio.html.j2",
    baca_agregat={UK: (("tahun", "triwulan", "kode_wilayah", "menjadi_wirausaha"), 0)})
