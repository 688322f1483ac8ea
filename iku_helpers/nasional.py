"""The four IKU for every total in the area reference at once (e.g. 38 provinces) and
for all of them together: the same rules as ``hitung``, vectorised for national tables
(millions of rows) instead of explained row by row.

The area reference must give each kabupaten/kota its province in the ``induk`` column.
IKU4 takes each province's indeks when ``indeks_rb`` has a ``kode_wilayah`` column
(else the one indeks applies to every province); the national IKU4 is the unweighted
mean of the provinces' indeks, because an indeks cannot be summed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .data_iku import DataIKU
from .errors import DataIKUError, Masalah
from .indikator import bulatkan, hitung_capaian, koperasi_meningkat, tentukan_kategori

KODE_NASIONAL = 0


def _peta_induk(data: DataIKU) -> pd.Series:
    """kode_wilayah -> code of its total (a total maps to itself)."""
    t = data.referensi.tabel
    induk = t["induk"].where(~t["total"], t["kode_wilayah"])
    if induk.isna().any():
        kode = int(t.loc[induk.isna(), "kode_wilayah"].iloc[0])
        raise DataIKUError(Masalah(data.referensi.berkas, "wilayah tanpa induk (isi kolom "
                                   "'induk' dengan kode provinsinya)", kolom="induk", nilai=kode))
    return pd.Series(induk.astype("int64").to_numpy(), index=t["kode_wilayah"].to_numpy())


def _tahun(tabel: pd.DataFrame, tahun: int) -> pd.DataFrame:
    return tabel[tabel["tahun"].to_numpy() == tahun]


def hitung_per_induk(data: DataIKU, tahun: int) -> pd.DataFrame:
    """Pembilang, penyebut and realisasi of IKU1-IKU4 per total (province) and nationally."""
    induk = _peta_induk(data)
    totals = np.array(data.referensi.kode_total, dtype="int64")

    def ke_induk(kode: pd.Series) -> np.ndarray:
        return induk.reindex(kode.to_numpy()).to_numpy()

    tk = _tahun(data.tenaga_kerja_kukm, tahun)
    tk = tk[~np.isin(tk["kode_wilayah"].to_numpy(), totals)]
    iku1_p = (tk["tenaga_kerja_koperasi"] + tk["tenaga_kerja_ukm"]).groupby(
        ke_induk(tk["kode_wilayah"])).sum()
    pb = _tahun(data.penduduk_bekerja, tahun)
    baris_total = np.isin(pb["kode_wilayah"].to_numpy(), totals)
    pb_total = pb[baris_total].set_index("kode_wilayah")["penduduk_bekerja"]
    pb_bagian = pb[~baris_total]
    pb_jumlah = pb_bagian["penduduk_bekerja"].groupby(ke_induk(pb_bagian["kode_wilayah"])).sum()
    iku1_q = pb_total.combine_first(pb_jumlah)     # the total row when present, never both

    kop = data.evaluasi_koperasi
    kini = _tahun(kop, tahun)
    lalu = _tahun(kop, tahun - 1)[["nomor_induk_koperasi", "volume_usaha", "aset"]]
    m = kini[["nomor_induk_koperasi", "kode_wilayah", "rat", "volume_usaha", "aset"]].merge(
        lalu, on="nomor_induk_koperasi", how="left", suffixes=("", "_lalu"))
    meningkat = koperasi_meningkat(m["rat"], m["volume_usaha"], m["aset"],
                                   m["volume_usaha_lalu"], m["aset_lalu"])
    g2 = pd.DataFrame({"p": meningkat, "i": ke_induk(m["kode_wilayah"])}).groupby("i")["p"]
    iku2_p, iku2_q = g2.sum(), g2.size()

    uk = _tahun(data.evaluasi_usaha_kecil, tahun)
    g3 = uk["menjadi_wirausaha"].groupby(ke_induk(uk["kode_wilayah"]))
    iku3_p, iku3_q = g3.sum(), g3.size()

    rb = _tahun(data.indeks_rb, tahun)
    if "kode_wilayah" in rb.columns:
        iku4 = rb.set_index("kode_wilayah")["indeks"].reindex(totals)
    else:
        iku4 = pd.Series(float(rb["indeks"].iloc[0]) if len(rb) else np.nan, index=totals)

    baris = []
    nama = data.referensi.peta_nama
    for kode in list(totals) + [KODE_NASIONAL]:
        if kode == KODE_NASIONAL:
            nilai = {"IKU1": (iku1_p.sum(), iku1_q.reindex(totals).sum()),
                     "IKU2": (iku2_p.sum(), iku2_q.sum()), "IKU3": (iku3_p.sum(), iku3_q.sum())}
            indeks = float(iku4.mean())
            label = "Nasional"
        else:
            nilai = {"IKU1": (iku1_p.get(kode, 0), iku1_q.get(kode, np.nan)),
                     "IKU2": (iku2_p.get(kode, 0), iku2_q.get(kode, 0)),
                     "IKU3": (iku3_p.get(kode, 0), iku3_q.get(kode, 0))}
            indeks = float(iku4.get(kode, np.nan))
            label = nama.get(int(kode), str(kode))
        for k, (p, q) in nilai.items():
            p, q = float(p), float(q)
            baris.append((int(kode), label, k, p, q,
                          bulatkan(p / q * 100) if q and q == q else None))
        baris.append((int(kode), label, "IKU4", None, None, bulatkan(indeks)))
    return pd.DataFrame(baris, columns=["kode_wilayah", "nama_wilayah", "kode_iku", "pembilang",
                                        "penyebut", "realisasi"])


def hitung_nasional(data: DataIKU, tahun: int) -> pd.DataFrame:
    """hitung_per_induk with the year's target, capaian and kategori."""
    hasil = hitung_per_induk(data, tahun)
    target = data.target[data.target["tahun"] == tahun].set_index("kode_iku")["target"]
    hasil.insert(2, "tahun", tahun)
    hasil["target"] = hasil["kode_iku"].map(target)
    arah = {k: v["arah"] for k, v in data.katalog.items()}
    p = data.pengaturan
    hasil["capaian_persen"] = [
        hitung_capaian(r, t if t == t else None, arah[k], p.batas_capaian)
        for r, t, k in zip(hasil["realisasi"], hasil["target"], hasil["kode_iku"], strict=True)]
    hasil["kategori"] = [tentukan_kategori(c, p.skala_kategori) for c in hasil["capaian_persen"]]
    return hasil
