"""IKU2: Persentase Koperasi yang Berkualitas.

Rule: koperasi that improved / all koperasi evaluated in the period, x 100. Improved =
RAT held this year, and volume usaha and aset both strictly greater than in the previous
year (:func:`~iku_helpers.indikator.rumus.kriteria_koperasi`, the one place the criterion
is written). A koperasi without a previous-year row counts in the denominator only.
Quarterly: cumulative (``kumulatif``): koperasi evaluated by the end of the quarter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import Masalah, Peringatan
from ..format_id import bilangan, kata_baris
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
from .rumus import kriteria_koperasi, persen_per_baris

if TYPE_CHECKING:  # pragma: no cover
    from ..data_iku import DataIKU

KOP = "evaluasi_koperasi"


def gabung_tahun_lalu(data: DataIKU, periode: Periode,
                      kolom: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The koperasi evaluated in ``periode`` with their previous-year volume usaha and
    aset (``*_sebelumnya``, NaN without a previous-year row) and every criterion."""
    kop = data.tabel[KOP]
    kini = periode.saring(kop)
    if kolom is not None:
        kini = kini[list(kolom)]
    lalu = periode.tahun_lalu().saring(kop)[["nomor_induk_koperasi", "volume_usaha", "aset"]]
    r = kini.merge(lalu.rename(columns={"volume_usaha": "volume_usaha_sebelumnya",
                                        "aset": "aset_sebelumnya"}),
                   on="nomor_induk_koperasi", how="left")
    kriteria = kriteria_koperasi(r["rat"], r["volume_usaha"], r["aset"],
                                 r["volume_usaha_sebelumnya"], r["aset_sebelumnya"])
    for nama, nilai in kriteria.items():
        r[nama] = nilai
    return r


def agregat(data: DataIKU, periode: Periode, peta: PetaInduk) -> Agregat:
    r = gabung_tahun_lalu(data, periode, ("nomor_induk_koperasi", "kode_wilayah", "rat",
                                          "volume_usaha", "aset"))
    g = pd.Series(r["meningkat"].to_numpy()).groupby(peta.ke_induk(r["kode_wilayah"]))
    return Agregat(g.sum().astype(float), g.size().astype(float))


def _kriteria_gagal(b) -> str:
    alasan = [] if b.lolos_rat else ["tidak melaksanakan RAT"]
    if not b.ada_data_sebelumnya:
        return "; ".join(alasan + ["tidak ada data tahun sebelumnya"])
    if not b.lolos_volume_usaha:
        alasan.append("volume usaha tidak naik")
    if not b.lolos_aset:
        alasan.append("aset tidak naik")
    return "; ".join(alasan)


def rinci(data: DataIKU, periode: Periode) -> dict:
    """Every koperasi evaluated in the period with each criterion passed or failed."""
    r = gabung_tahun_lalu(data, periode).drop(columns=["_baris"])
    r["nama_wilayah"] = r["kode_wilayah"].map(data.referensi.peta_nama)
    for kolom in ("volume_usaha", "aset"):  # the change, as printed (half up, decimal)
        r[f"perubahan_{kolom}_persen"] = persen_per_baris(
            r[kolom], r[f"{kolom}_sebelumnya"], dikurangi=r[f"{kolom}_sebelumnya"])
    r["kriteria_gagal"] = [_kriteria_gagal(b) for b in r.itertuples()]
    r["jumlah_kriteria_gagal"] = (~r["lolos_rat"]).astype(int) + np.where(
        r["ada_data_sebelumnya"], (~r["lolos_volume_usaha"]).astype(int)
        + (~r["lolos_aset"]).astype(int), 2)
    r = r.sort_values(["meningkat", "jumlah_kriteria_gagal", "nama_koperasi"],
                      ascending=[False, True, True]).reset_index(drop=True)
    return {"koperasi": r}


def rinci_wilayah(data: DataIKU, rincian: dict) -> pd.DataFrame:
    return rincian["koperasi"].groupby("kode_wilayah")["meningkat"].agg(
        koperasi_dievaluasi="size", koperasi_meningkat="sum").reset_index()


def periksa_periode(data: DataIKU, periode: Periode) -> list[Masalah]:
    masalah = tidak_ada_tahun(data, KOP, periode)
    lalu = periode.tahun_lalu()
    if not masalah and not lalu.ada_di(data.tabel[KOP]):
        masalah.append(Masalah(data.berkas(KOP), f"IKU2 tahun {periode.tahun} membandingkan "
                               f"dengan tahun {lalu.tahun}, tetapi tidak ada data tahun "
                               f"{lalu.tahun}", kolom="tahun", nilai=lalu.tahun))
    return masalah or periksa_kumulatif(data, KOP, "IKU2", periode)


#: Share of a year's koperasi without a row the year before above which the numbers
#: more likely fail to match than the koperasi are new (each counts as not improved).
BATAS_TANPA_TAHUN_LALU = 0.5
#: A year's volume usaha or aset this many times (or 1/this) last year's, as the median
#: over the same koperasi, is a change of unit (rupiah, ribu, juta), not growth.
RASIO_SATUAN = 100.0


def periksa_kesinambungan(data: DataIKU) -> list[Peringatan]:
    """Whether each year's koperasi can be compared with the year before, since IKU2's
    criterion compares the two rows of the same ``nomor_induk_koperasi``:

    - most of a year's koperasi with no row the year before (numbers cut to 15 digits by
      Excel, a '.0' from an export, a leading apostrophe) made IKU2 0 % silently;
    - volume usaha or aset written in another unit than the year before (juta against
      rupiah) made every koperasi 'not increased', or all of them 'increased'.

    Warnings naming file, row and column; the numbers are computed as written."""
    kop = data.tabel.get(KOP)
    if kop is None or kop.empty:
        return []
    berkas = data.berkas(KOP)
    temuan: list[Peringatan] = []
    tahun = set(int(t) for t in pd.unique(kop["tahun"]))
    for t in sorted(tahun):
        if t - 1 not in tahun:
            continue
        kini = kop[kop["tahun"] == t]
        lalu = kop[kop["tahun"] == t - 1]
        # each koperasi's row of the year before (-1: none); keys are unique per year
        # (validated), and get_indexer is 20x faster than isin on Arrow strings (national
        # scale: 0,04 s against 0,9 s for 200.000 koperasi)
        posisi = pd.Index(lalu["nomor_induk_koperasi"]).get_indexer(
            kini["nomor_induk_koperasi"])
        ada = posisi >= 0
        if len(kini) >= 5 and (~ada).mean() > BATAS_TANPA_TAHUN_LALU:
            i = int(np.flatnonzero(~ada)[0])
            temuan.append(Peringatan.di(
                berkas, f"{int((~ada).sum())} dari {len(kini)} koperasi tahun {t} tidak ada "
                f"di data tahun {t - 1} (dicocokkan menurut nomor_induk_koperasi), sehingga "
                f"tidak dapat dinilai meningkat dan IKU 2 tahun {t} menjadi rendah. Bila "
                "koperasi itu memang baru dievaluasi tahun ini, peringatan ini dapat diabaikan; "
                "bila tidak, periksa apakah nomor induk tertulis sama di kedua tahun (mis. "
                "terpotong 15 digit oleh Excel, berakhiran '.0', atau diawali tanda petik)",
                int(kini["_baris"].iloc[i]), "nomor_induk_koperasi",
                kini["nomor_induk_koperasi"].iloc[i]))
        else:
            temuan += _id_berubah(berkas, kini, lalu, ada, t)
        baris_kini = kini["_baris"].to_numpy()[ada]
        for kolom in ("volume_usaha", "aset"):
            a = kini[kolom].to_numpy(dtype=float)[ada]
            b = lalu[kolom].to_numpy(dtype=float)[posisi[ada]]
            sah = (a > 0) & (b > 0)
            if sah.sum() < 5:
                continue
            rasio = a[sah] / b[sah]
            median = float(np.median(rasio))
            if median >= RASIO_SATUAN or median <= 1 / RASIO_SATUAN:
                besar = bilangan(round(median if median >= 1 else 1 / median))
                kali = f"{besar} kali" if median >= 1 else f"1/{besar}"
                baris = baris_kini[int(np.flatnonzero(sah)[0])]
                temuan.append(Peringatan.di(
                    berkas, f"{kolom} tahun {t} pada koperasi yang sama sekitar {kali} nilai "
                    f"tahun {t - 1} (median); periksa satuannya (rupiah penuh, ribu atau "
                    "juta): kriteria naik membandingkan angka kedua tahun apa adanya",
                    int(baris), kolom))
                continue
            # a few rows in another unit (a colleague's rows added in ribu rupiah): each
            # such koperasi is 'not increased', or 'increased', whatever it did
            jauh = np.flatnonzero((rasio >= RASIO_SATUAN) | (rasio <= 1 / RASIO_SATUAN))
            if len(jauh):
                baris = [int(x) for x in baris_kini[np.flatnonzero(sah)[jauh]]]
                temuan.append(Peringatan.di(
                    berkas, f"{kolom} tahun {t} pada {len(jauh)} koperasi ({kata_baris(baris)}) "
                    f"100 kali atau lebih, atau 1/100 atau kurang, dari nilai tahun {t - 1}; "
                    "periksa satuannya (rupiah penuh, ribu atau juta): kriteria naik "
                    "membandingkan angka kedua tahun apa adanya", baris[0], kolom))
        # last year's row copied and never updated: both figures equal to the rupiah
        sama = np.flatnonzero(
            (kini["volume_usaha"].to_numpy(dtype=float)[ada]
             == lalu["volume_usaha"].to_numpy(dtype=float)[posisi[ada]])
            & (kini["aset"].to_numpy(dtype=float)[ada]
               == lalu["aset"].to_numpy(dtype=float)[posisi[ada]])
            & (kini["aset"].to_numpy(dtype=float)[ada] > 0))
        if len(sama):
            baris = [int(x) for x in baris_kini[sama]]
            temuan.append(Peringatan.di(
                berkas, f"volume_usaha dan aset tahun {t} sama persis dengan tahun {t - 1} pada "
                f"{len(sama)} koperasi ({kata_baris(baris)}): bila baris tahun lalu disalin dan "
                "belum diperbarui, koperasi itu dinilai tidak meningkat", baris[0], "volume_usaha"))
    return temuan


def _id_berubah(berkas: str, kini: pd.DataFrame, lalu: pd.DataFrame, ada: np.ndarray,
                t: int) -> list[Peringatan]:
    """A few of a year's koperasi whose number no longer matches (two cut to 15 digits
    by Excel in rows a colleague added) turn IKU2 down without reaching the share the
    check above needs. A koperasi of this year without a row last year whose name and
    area are those of a koperasi of last year without a row this year is very likely that
    koperasi under a changed number: said, naming both rows."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if "nama_koperasi" not in kini.columns or ada.all():
        return []
    baru = kini[~ada]
    hilang = lalu[pd.Index(kini["nomor_induk_koperasi"]).get_indexer(
        lalu["nomor_induk_koperasi"]) < 0]
    if hilang.empty:
        return []

    def kunci(df: pd.DataFrame) -> pd.Index:
        # parsing.kunci_nama (case and runs of spaces ignored), in Arrow: at national scale
        # a year's new koperasi are tens of thousands
        nama = pc.utf8_lower(pa.array(df["nama_koperasi"].astype(str), pa.string()))
        nama = pc.replace_substring_regex(pc.utf8_trim_whitespace(nama), r"\s+", " ")
        wilayah = pa.array(df["kode_wilayah"].astype(np.int64)).cast(pa.string())
        return pd.Index(pc.binary_join_element_wise(nama, wilayah, "|").to_numpy(
            zero_copy_only=False))

    k_hilang = kunci(hilang)
    if k_hilang.has_duplicates:  # one name twice in an area cannot say which it was
        k_hilang = k_hilang[~k_hilang.duplicated(keep=False)]
        hilang = hilang[~kunci(hilang).duplicated(keep=False)]
    posisi = k_hilang.get_indexer(kunci(baru))
    cocok = np.flatnonzero(posisi >= 0)
    if not len(cocok):
        return []
    pasangan = [f"baris {int(baru['_baris'].iloc[i])} ({baru['nomor_induk_koperasi'].iloc[i]}) "
                f"dan baris {int(hilang['_baris'].iloc[posisi[i]])} "
                f"({hilang['nomor_induk_koperasi'].iloc[posisi[i]]})" for i in cocok[:5]]
    lain = f" dan {len(cocok) - 5} lainnya" if len(cocok) > 5 else ""
    i = int(cocok[0])
    return [Peringatan.di(
        berkas, f"{len(cocok)} koperasi tahun {t} bernama dan berwilayah sama dengan koperasi "
        f"tahun {t - 1} tetapi bernomor induk lain ({'; '.join(pasangan)}{lain}): dengan "
        "nomor berbeda koperasi itu tidak dapat dinilai meningkat; periksa nomornya (mis. "
        "terpotong 15 digit oleh Excel)", int(baru["_baris"].iloc[i]), "nomor_induk_koperasi",
        baru["nomor_induk_koperasi"].iloc[i])]


def periksa_data(data: DataIKU) -> list:
    return (periksa_sifat_katalog(data, "IKU2", "kumulatif")
            + periksa_target_tw_kumulatif(data, "IKU2") + periksa_kesinambungan(data))


DEFINISI = DefinisiIKU(
    kode="IKU2", tabel=(KOP,), sumber_pembilang=KOP, sumber_penyebut=KOP,
    agregat=agregat, rinci=rinci, periksa_periode=periksa_periode, periksa_data=periksa_data,
    rinci_wilayah=rinci_wilayah, sifat_data="kumulatif", templat="iku_rasio.html.j2",
    baca_agregat={KOP: (("tahun", "triwulan", "nomor_induk_koperasi", "kode_wilayah", "rat",
                         "volume_usaha", "aset"), 1)})
