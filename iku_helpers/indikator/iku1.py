"""IKU1: Proporsi Tenaga Kerja Sektor Koperasi dan UKM terhadap Jumlah Penduduk yang Bekerja.

Rule: sum over the kabupaten/kota of (tenaga_kerja_koperasi + tenaga_kerja_ukm), divided
by the province's penduduk bekerja, x 100. The denominator is the province total row when
present, else the sum of the kabupaten/kota; never both. The numerator is the sum of the
kabupaten/kota; a province total row there is used only when it has no kabupaten/kota
rows. Quarterly: a value known at a point (``nilai_akhir``): the latest Sakernas figure
available at the quarter's end. The August Sakernas of a year is released in early
November (BULAN_RILIS), so TW I-III of 2025 use the August 2024 figures and TW IV uses
August 2025 (equal to the annual figure). The numerator (tenaga kerja KUKM) is taken
from the same year as the denominator so that the ratio is of one moment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..errors import Masalah, Peringatan, nomor_baris
from ..format_id import angka, bilangan, kata_baris
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

if TYPE_CHECKING:  # pragma: no cover
    from ..data_iku import DataIKU

TK, PB = "tenaga_kerja_kukm", "penduduk_bekerja"
#: Month in which a year's August Sakernas is released (BPS: early November) [assumption,
#: documented in data/README.md].
BULAN_RILIS = 11
NAMA_BULAN_RILIS = "November"


def sumber_nilai(periode: Periode) -> str:
    """Which Sakernas round a period's IKU1 uses, for the report."""
    t = periode_tersedia(periode, BULAN_RILIS).tahun
    return f"Sakernas Agustus {t} (dirilis awal {NAMA_BULAN_RILIS} {t})"


def _jumlah_tk(tk: pd.DataFrame) -> pd.Series:
    return tk["tenaga_kerja_koperasi"] + tk["tenaga_kerja_ukm"]


def agregat(data: DataIKU, periode: Periode, peta: PetaInduk) -> Agregat:
    periode = periode_tersedia(periode, BULAN_RILIS)
    tk = periode.saring(data.tabel[TK])
    total_tk = peta.adalah_total(tk["kode_wilayah"])
    jumlah = _jumlah_tk(tk)
    dari_bagian = jumlah[~total_tk].groupby(peta.ke_induk(tk["kode_wilayah"][~total_tk])).sum()
    dari_total = jumlah[total_tk].groupby(tk["kode_wilayah"][total_tk].to_numpy()).sum()
    pembilang = dari_bagian.combine_first(dari_total)   # a total row only without areas

    pb = periode.saring(data.tabel[PB])
    total_pb = peta.adalah_total(pb["kode_wilayah"])
    pb_total = pd.Series(pb["penduduk_bekerja"][total_pb].to_numpy(),
                         index=pb["kode_wilayah"][total_pb].to_numpy())
    pb_bagian = pb["penduduk_bekerja"][~total_pb].groupby(
        peta.ke_induk(pb["kode_wilayah"][~total_pb])).sum()
    penyebut = pb_total.combine_first(pb_bagian)        # the total row when present
    return Agregat(pembilang.astype(float), penyebut.astype(float))


def rinci(data: DataIKU, periode: Periode) -> dict:
    """Per kabupaten/kota numerator and denominator, and which denominator was used."""
    asli, periode = periode, periode_tersedia(periode, BULAN_RILIS)
    ref = data.referensi
    total = ref.kode_provinsi
    bagian = ref.kode_bagian(total)
    tk = periode.saring(data.tabel[TK])
    pb = periode.saring(data.tabel[PB])
    tk_bagian = tk[tk["kode_wilayah"].isin(bagian)]
    pb_bagian = pb[pb["kode_wilayah"].isin(bagian)]
    ada_total = bool((pb["kode_wilayah"] == total).any())
    wilayah = tk_bagian.assign(tenaga_kerja_kukm=_jumlah_tk(tk_bagian)).merge(
        pb_bagian[["kode_wilayah", "penduduk_bekerja"]], on="kode_wilayah", how="left")
    return {"wilayah": wilayah,
            "sumber_penyebut": f"baris total {ref.nama(total)} ({total})" if ada_total
            else f"jumlah {len(pb_bagian)} kabupaten/kota",
            "sumber_nilai": sumber_nilai(asli), "tahun_data": periode.tahun}


def rinci_wilayah(data: DataIKU, rincian: dict) -> pd.DataFrame:
    return rincian["wilayah"][["kode_wilayah", "tenaga_kerja_kukm", "penduduk_bekerja"]]


def periksa_periode(data: DataIKU, periode: Periode) -> list[Masalah]:
    periode = periode_tersedia(periode, BULAN_RILIS)
    # (every code of a row is in the area reference, validated: with one province each
    # row is the province or one of its areas, so a year with rows always has some)
    return tidak_ada_tahun(data, TK, periode) + tidak_ada_tahun(data, PB, periode)


def periksa_data(data: DataIKU) -> list[Masalah | Peringatan]:
    """Checks across penduduk_bekerja and tenaga_kerja_kukm, for every year and total:
    a zero denominator and a numerator above it are errors; a total row beside its
    areas, areas missing, and a total that differs from the sum of its areas are warnings."""
    temuan: list[Masalah | Peringatan] = []
    ref = data.referensi
    peta = PetaInduk.dari(ref)
    berkas_tk, berkas_pb = data.berkas(TK), data.berkas(PB)
    tk, pb = data.tabel[TK], data.tabel[PB]
    ambang = data.pengaturan.ambang_selisih_penyebut_persen
    temuan += periksa_sifat_katalog(data, "IKU1", "nilai_akhir")
    temuan += periksa_target_tw_nilai_akhir(data, "IKU1")
    temuan += _periksa_wilayah(data, peta)
    temuan += periksa_salinan_dan_nol(data, peta)
    for tahun in sorted(set(tk["tahun"]) | set(pb["tahun"])):
        periode = Periode(int(tahun))
        a = agregat(data, periode, peta)
        for total in peta.kode_total:
            p, q = a.pembilang.get(total), a.penyebut.get(total)
            if q is not None and q <= 0 and periode.ada_di(tk):
                temuan.append(Masalah(berkas_pb, f"penduduk bekerja {ref.nama(total)} tahun "
                                      f"{tahun} bernilai nol", kolom="penduduk_bekerja",
                                      nilai=0))
            elif p is not None and q is not None and p > q:
                temuan.append(Masalah(
                    berkas_tk, f"jumlah tenaga kerja koperasi dan UKM {ref.nama(total)} tahun "
                    f"{tahun} ({bilangan(p)}) melebihi penduduk bekerja ({bilangan(q)}) di "
                    f"{berkas_pb}", kolom="tenaga_kerja_ukm", nilai=p))
        temuan += _peringatan_tahun(data, periode, peta, ambang)
    return temuan


def periksa_salinan_dan_nol(data: DataIKU, peta: PetaInduk) -> list[Peringatan]:
    """Two ways a plausible tenaga kerja table gives a wrong IKU1, said per year:

    - an area 0 (both columns) in a year where it had workers the year before: a clerk
      types 0 for an area that has not reported (an empty cell is refused), and the
      province's numerator drops as if the area had none;
    - every area's figures equal to the year before: last year's block copied and its
      year changed, never updated (a real year differs somewhere)."""
    tk = data.tabel[TK]
    bagian = tk[~peta.adalah_total(tk["kode_wilayah"])]
    if bagian.empty:
        return []
    berkas = data.berkas(TK)
    kolom = ["tenaga_kerja_koperasi", "tenaga_kerja_ukm"]
    temuan: list[Peringatan] = []
    tahun = sorted(set(int(x) for x in bagian["tahun"]))
    for t in tahun:
        if t - 1 not in tahun:
            continue
        kini = bagian[bagian["tahun"] == t].set_index("kode_wilayah")
        lalu = bagian[bagian["tahun"] == t - 1].set_index("kode_wilayah")
        sama_wilayah = kini.index.intersection(lalu.index)
        if sama_wilayah.empty:
            continue
        k, l_ = kini.loc[sama_wilayah], lalu.loc[sama_wilayah]
        nol = (k[kolom].sum(axis=1) == 0) & (l_[kolom].sum(axis=1) > 0)
        if nol.any():
            baris = [int(b) for b in k.loc[nol, "_baris"]]
            nama = ", ".join(data.referensi.nama(w) for w in k.index[nol][:3])
            temuan.append(Peringatan.di(
                berkas, f"tenaga kerja koperasi dan UKM tahun {t} bernilai 0 di "
                f"{int(nol.sum())} wilayah ({nama}; {kata_baris(baris)}) yang tahun {t - 1} "
                "memiliki tenaga kerja: bila wilayah itu belum melapor, angka 0 mengurangi "
                "IKU 1 seolah tidak ada tenaga kerja; hapus barisnya (wilayah yang tidak ada "
                "disebut dalam laporan) atau isi angkanya", baris[0], "tenaga_kerja_koperasi",
                0))
        if len(sama_wilayah) >= 3 and len(sama_wilayah) == len(kini) and \
                (k[kolom].to_numpy() == l_[kolom].to_numpy()).all():
            temuan.append(Peringatan.di(
                berkas, f"tenaga kerja koperasi dan UKM tahun {t} sama persis dengan tahun "
                f"{t - 1} di semua {len(kini)} wilayah: bila baris tahun lalu disalin dan "
                "tahunnya diganti, angkanya belum diperbarui", int(k["_baris"].min()),
                "tahun", t))
    return temuan


def _periksa_wilayah(data: DataIKU, peta: PetaInduk) -> list[Masalah]:
    """Each kabupaten/kota row, every year: its penduduk bekerja is not zero, and its
    tenaga kerja KUKM is not larger than its penduduk bekerja (the report prints each
    area's share; a zero or a share above 100 % is a wrong input, not a result)."""
    ref = data.referensi
    tk, pb = data.tabel[TK], data.tabel[PB]
    temuan: list[Masalah] = []
    pb_bagian = pb[~peta.adalah_total(pb["kode_wilayah"])]
    # (a zero counts in a year the numerator has, as for the province's total row)
    nol = (pb_bagian["penduduk_bekerja"] <= 0) & pb_bagian["tahun"].isin(set(tk["tahun"]))
    for _, b in pb_bagian[nol].iterrows():
        temuan.append(Masalah(data.berkas(PB), f"penduduk bekerja {ref.nama(b['kode_wilayah'])} "
                              f"tahun {int(b['tahun'])} bernilai nol", nomor_baris(b["_baris"]),
                              "penduduk_bekerja", b["penduduk_bekerja"]))
    tk_bagian = tk[~peta.adalah_total(tk["kode_wilayah"])]
    gabung = tk_bagian.assign(_tk=_jumlah_tk(tk_bagian)).merge(
        pb_bagian[["tahun", "kode_wilayah", "penduduk_bekerja"]],
        on=["tahun", "kode_wilayah"], how="inner")
    lebih = (gabung["_tk"] > gabung["penduduk_bekerja"]) & (gabung["penduduk_bekerja"] > 0)
    for _, b in gabung[lebih].iterrows():  # (a zero is reported above)
        temuan.append(Masalah(
            data.berkas(TK), f"jumlah tenaga kerja koperasi dan UKM {ref.nama(b['kode_wilayah'])} "
            f"tahun {int(b['tahun'])} ({bilangan(b['_tk'])}) melebihi penduduk bekerja "
            f"({bilangan(b['penduduk_bekerja'])}) di {data.berkas(PB)}", nomor_baris(b["_baris"]),
            "tenaga_kerja_ukm", b["_tk"]))
    return temuan


def _peringatan_tahun(data, periode, peta, ambang) -> list[Peringatan]:
    """Warnings of one year, per total, computed with one group-by per table (a national
    reference has dozens of totals)."""
    ref = data.referensi
    semua_bagian = peta.induk[peta.induk.index != peta.induk.to_numpy()]  # area -> total
    harap = semua_bagian.groupby(semua_bagian.to_numpy()).size()
    hasil = []
    for kunci in (TK, PB):
        tabel = periode.saring(data.tabel[kunci])
        if tabel.empty:
            continue
        kode = tabel["kode_wilayah"]
        total = peta.adalah_total(kode)
        induk_bagian = peta.ke_induk(kode[~total])
        ada = pd.Series(kode[~total].to_numpy()).groupby(induk_bagian).nunique()
        baris_total = pd.Series(tabel["_baris"][total].to_numpy(),
                                index=kode[total].to_numpy())
        baris_total = baris_total[~baris_total.index.duplicated()]
        for t in baris_total.index.intersection(ada.index) if kunci == TK else []:
            hasil.append(Peringatan.di(
                data.berkas(TK), f"tahun {periode.tahun} berisi baris total {ref.nama(t)} "
                f"({t}); baris total diabaikan, pembilang IKU1 = jumlah kabupaten/kota",
                int(baris_total[t]), "kode_wilayah", int(t)))
        for t in baris_total.index.difference(ada.index) if kunci == TK else []:
            hasil.append(Peringatan.di(
                data.berkas(TK), f"tahun {periode.tahun} hanya berisi baris total "
                f"{ref.nama(t)}; rincian per kabupaten/kota tidak tersedia", kolom="kode_wilayah"))
        kurang = harap.reindex(ada.index).fillna(0) - ada
        for t in kurang.index[kurang.to_numpy() > 0]:
            bagian = set(semua_bagian.index[semua_bagian.to_numpy() == t])
            hilang = sorted(bagian - set(kode[~total]))
            nama = ", ".join(f"{ref.nama(k)} ({k})" for k in hilang)
            # with a total row the denominator is whole, but the per-area table and the
            # check of the total against the areas' sum lack these areas: say so
            akibat = ("penyebut IKU1 memakai baris total, tetapi rincian per kabupaten/kota "
                      "tidak memuat wilayah ini" if kunci == PB and t in baris_total.index
                      else "jumlah hanya mencakup wilayah yang ada")
            hasil.append(Peringatan.di(data.berkas(kunci), f"tahun {periode.tahun}: tidak ada "
                                       f"baris untuk {nama}; {akibat}", kolom="kode_wilayah"))
        if kunci != PB:
            continue
        lengkap = ada.index[(harap.reindex(ada.index) == ada).to_numpy()]
        jumlah = tabel["penduduk_bekerja"][~total].groupby(induk_bagian).sum()
        nilai_total = pd.Series(tabel["penduduk_bekerja"][total].to_numpy(),
                                index=kode[total].to_numpy())
        for t in lengkap.intersection(nilai_total.index):
            penyebut, jml = float(nilai_total[t]), float(jumlah[t])
            selisih = abs(jml - penyebut) / penyebut * 100 if penyebut else 0.0
            if selisih > ambang:
                hasil.append(Peringatan.di(
                    data.berkas(PB), f"IKU1 {periode.tahun}: jumlah penduduk bekerja "
                    f"{int(harap[t])} kabupaten/kota ({bilangan(jml)}) berbeda "
                    f"{angka(selisih)}% dari baris total {ref.nama(t)} ({bilangan(penyebut)}); "
                    "penyebut memakai baris total", kolom="penduduk_bekerja"))
    return hasil


DEFINISI = DefinisiIKU(
    kode="IKU1", tabel=(PB, TK), sumber_pembilang=TK, sumber_penyebut=PB,
    agregat=agregat, rinci=rinci, periksa_periode=periksa_periode, periksa_data=periksa_data,
    rinci_wilayah=rinci_wilayah, sifat_data="nilai_akhir", templat="iku_rasio.html.j2",
    bulan_rilis=BULAN_RILIS)
