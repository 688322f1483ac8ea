"""Computing the four IKU for a year from validated data.

Rules (also in data/README.md):

IKU1  sum over the kabupaten/kota of (tenaga_kerja_koperasi + tenaga_kerja_ukm) divided
      by the province's penduduk bekerja, x 100. The denominator is the province total
      row when present, else the sum of the kabupaten/kota; never both. When both exist
      and differ by more than 0,5 % (configurable) a warning reaches the report.
IKU2  koperasi that improved / all koperasi evaluated in t, x 100. Improved = RAT held
      in t, and volume usaha and aset both strictly greater than in t-1. A koperasi
      without a t-1 row counts in the denominator only.
IKU3  usaha kecil with menjadi_wirausaha = ya / all usaha kecil evaluated in t, x 100.
IKU4  the indeks of t, with its predicate (AA..D).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .data_iku import DataIKU, muat_data
from .errors import DataIKUError, Masalah, ParameterError
from .indikator import (
    bulatkan,
    hitung_capaian,
    hitung_kekurangan,
    hitung_realisasi,
    koperasi_meningkat,
    tentukan_kategori,
    tentukan_predikat_rb,
)

KOLOM_HASIL = ["kode_iku", "indikator", "satuan", "tahun", "pembilang", "penyebut",
               "realisasi", "target", "capaian_persen", "kategori"]


@dataclass
class NilaiIKU:
    """Realisasi of one IKU in one year, before comparison with a target."""

    kode_iku: str
    tahun: int
    realisasi: float | None
    pembilang: float | None = None
    penyebut: float | None = None
    rincian: dict = field(default_factory=dict)


@dataclass
class HasilIKU:
    """Everything the report and the analysts need for one year."""

    tahun: int
    tabel: pd.DataFrame          # the tidy results table (KOLOM_HASIL)
    ringkasan: pd.DataFrame      # tabel + perubahan, progres 2026, kekurangan, ...
    riwayat: pd.DataFrame        # kode_iku, tahun, realisasi, target, capaian_persen, kategori
    koperasi: pd.DataFrame       # IKU2 per koperasi, criterion by criterion
    usaha_kecil: pd.DataFrame    # IKU3 per usaha kecil
    wilayah: pd.DataFrame        # per kabupaten/kota breakdown of IKU1-IKU3
    komponen_rb: pd.DataFrame | None
    predikat_rb: str | None
    peringatan: list[str]
    data: DataIKU


def periksa_tahun(tahun: object) -> int:
    """The requested year must be a whole year within the Renstra period."""
    try:
        tahun_int = int(str(tahun).strip())
    except ValueError:
        raise ParameterError("tahun harus bilangan bulat, mis. 2025", tahun, "--tahun") from None
    if not config.TAHUN_AWAL_RENSTRA <= tahun_int <= config.TAHUN_AKHIR_RENSTRA:
        raise ParameterError(f"tahun harus dalam periode IKU {config.TAHUN_AWAL_RENSTRA}-"
                             f"{config.TAHUN_AKHIR_RENSTRA}", tahun_int, "--tahun")
    return tahun_int


def _baris_tahun(data: DataIKU, kunci: str, tabel: pd.DataFrame, tahun: int) -> pd.DataFrame:
    pilih = tabel[tabel["tahun"] == tahun]
    if pilih.empty:
        ada = ", ".join(str(t) for t in sorted(set(tabel["tahun"])))
        raise DataIKUError(Masalah(data.berkas(kunci), f"tidak ada data untuk tahun {tahun} "
                                   f"(tahun yang ada: {ada})", kolom="tahun", nilai=tahun))
    return pilih


# ---------------------------------------------------------------- IKU1
def hitung_iku1(data: DataIKU, tahun: int, peringatan: list[str]) -> NilaiIKU:
    ref = data.referensi
    total = ref.kode_provinsi
    bagian = set(ref.kode_bagian(total))
    tk = _baris_tahun(data, "tenaga_kerja_kukm", data.tenaga_kerja_kukm, tahun)
    pb = _baris_tahun(data, "penduduk_bekerja", data.penduduk_bekerja, tahun)

    tk_bagian = tk[tk["kode_wilayah"].isin(bagian)]
    tk_total = tk[tk["kode_wilayah"] == total]
    if tk_bagian.empty:
        if tk_total.empty:
            raise DataIKUError(Masalah(data.berkas("tenaga_kerja_kukm"), f"tidak ada baris "
                                       f"kabupaten/kota untuk tahun {tahun}", kolom="kode_wilayah"))
        tk_dipakai = tk_total
        peringatan.append(f"IKU1 {tahun}: {data.berkas('tenaga_kerja_kukm')} hanya berisi baris "
                          "total provinsi; rincian per kabupaten/kota tidak tersedia.")
    else:
        tk_dipakai = tk_bagian
        if not tk_total.empty:
            peringatan.append(
                f"{data.berkas('tenaga_kerja_kukm')} tahun {tahun} berisi baris total "
                f"{ref.nama(total)} ({total}) pada baris {int(tk_total['_baris'].iloc[0])}; "
                "baris total diabaikan, pembilang IKU1 = jumlah kabupaten/kota.")
        _peringatan_wilayah_hilang(data, "tenaga_kerja_kukm", tk_bagian, bagian, tahun,
                                   peringatan)
    pembilang = float((tk_dipakai["tenaga_kerja_koperasi"] + tk_dipakai["tenaga_kerja_ukm"]).sum())

    pb_total = pb[pb["kode_wilayah"] == total]
    pb_bagian = pb[pb["kode_wilayah"].isin(bagian)]
    if not pb_total.empty:
        penyebut = float(pb_total["penduduk_bekerja"].iloc[0])
        sumber_penyebut = f"baris total {ref.nama(total)} ({total})"
        if not pb_bagian.empty:
            jumlah = float(pb_bagian["penduduk_bekerja"].sum())
            selisih = abs(jumlah - penyebut) / penyebut * 100 if penyebut else 0.0
            if len(pb_bagian) == len(bagian) and selisih > (
                    data.pengaturan.ambang_selisih_penyebut_persen):
                peringatan.append(
                    f"IKU1 {tahun}: jumlah penduduk bekerja {len(pb_bagian)} kabupaten/kota "
                    f"({jumlah:,.0f}) berbeda {selisih:.2f}% dari baris total provinsi "
                    f"({penyebut:,.0f}) di {data.berkas('penduduk_bekerja')}; penyebut memakai "
                    "baris total.".replace(",", "."))
    else:
        _peringatan_wilayah_hilang(data, "penduduk_bekerja", pb_bagian, bagian, tahun, peringatan)
        penyebut = float(pb_bagian["penduduk_bekerja"].sum())
        sumber_penyebut = f"jumlah {len(pb_bagian)} kabupaten/kota"
    if penyebut <= 0:
        raise DataIKUError(Masalah(data.berkas("penduduk_bekerja"), f"penduduk bekerja tahun "
                                   f"{tahun} bernilai nol", kolom="penduduk_bekerja", nilai=0))
    if pembilang > penyebut:
        raise DataIKUError(Masalah(
            data.berkas("tenaga_kerja_kukm"), f"jumlah tenaga kerja koperasi dan UKM tahun "
            f"{tahun} ({pembilang:,.0f}) melebihi penduduk bekerja ({penyebut:,.0f}) di "
            f"{data.berkas('penduduk_bekerja')}".replace(",", "."),
            kolom="tenaga_kerja_ukm", nilai=pembilang))

    rincian_wilayah = tk_bagian.assign(
        tenaga_kerja_kukm=tk_bagian["tenaga_kerja_koperasi"] + tk_bagian["tenaga_kerja_ukm"]
    ).merge(pb_bagian[["kode_wilayah", "penduduk_bekerja"]], on="kode_wilayah", how="left")
    return NilaiIKU("IKU1", tahun, hitung_realisasi(pembilang, penyebut), pembilang, penyebut,
                    {"sumber_penyebut": sumber_penyebut, "wilayah": rincian_wilayah})


def _peringatan_wilayah_hilang(data, kunci, baris, bagian, tahun, peringatan):
    hilang = sorted(bagian - set(baris["kode_wilayah"]))
    if hilang:
        nama = ", ".join(f"{data.referensi.nama(k)} ({k})" for k in hilang)
        peringatan.append(f"{data.berkas(kunci)} tahun {tahun}: tidak ada baris untuk {nama}; "
                          "jumlah hanya mencakup wilayah yang ada.")


# ---------------------------------------------------------------- IKU2
def rinci_koperasi(data: DataIKU, tahun: int) -> pd.DataFrame:
    """Every koperasi evaluated in ``tahun`` with each IKU2 criterion passed or failed."""
    kop = data.evaluasi_koperasi
    kini = _baris_tahun(data, "evaluasi_koperasi", kop, tahun)
    if (kop["tahun"] == tahun - 1).sum() == 0:
        raise DataIKUError(Masalah(
            data.berkas("evaluasi_koperasi"), f"IKU2 tahun {tahun} membandingkan dengan tahun "
            f"{tahun - 1}, tetapi tidak ada data tahun {tahun - 1}", kolom="tahun",
            nilai=tahun - 1))
    lalu = kop.loc[kop["tahun"] == tahun - 1, ["nomor_induk_koperasi", "volume_usaha", "aset"]]
    lalu = lalu.rename(columns={"volume_usaha": "volume_usaha_sebelumnya",
                                "aset": "aset_sebelumnya"})
    r = kini.drop(columns=["_baris"]).merge(lalu, on="nomor_induk_koperasi", how="left")
    r["nama_wilayah"] = r["kode_wilayah"].map(data.referensi.peta_nama)
    r["ada_data_sebelumnya"] = r["volume_usaha_sebelumnya"].notna()
    r["lolos_rat"] = r["rat"].astype(bool)
    r["lolos_volume_usaha"] = r["ada_data_sebelumnya"] & (
        r["volume_usaha"] > r["volume_usaha_sebelumnya"])
    r["lolos_aset"] = r["ada_data_sebelumnya"] & (r["aset"] > r["aset_sebelumnya"])
    r["meningkat"] = koperasi_meningkat(r["rat"], r["volume_usaha"], r["aset"],
                                        r["volume_usaha_sebelumnya"], r["aset_sebelumnya"])
    with np.errstate(divide="ignore", invalid="ignore"):
        r["perubahan_volume_usaha_persen"] = (
            (r["volume_usaha"] / r["volume_usaha_sebelumnya"] - 1) * 100).round(2)
        r["perubahan_aset_persen"] = ((r["aset"] / r["aset_sebelumnya"] - 1) * 100).round(2)
    r["kriteria_gagal"] = [_kriteria_gagal(b) for b in r.itertuples()]
    r["jumlah_kriteria_gagal"] = (~r["lolos_rat"]).astype(int) + np.where(
        r["ada_data_sebelumnya"], (~r["lolos_volume_usaha"]).astype(int)
        + (~r["lolos_aset"]).astype(int), 2)
    return r.sort_values(["meningkat", "jumlah_kriteria_gagal", "nama_koperasi"],
                         ascending=[False, True, True]).reset_index(drop=True)


def _kriteria_gagal(b) -> str:
    if not b.ada_data_sebelumnya:
        alasan = ["tidak ada data tahun sebelumnya"]
        if not b.lolos_rat:
            alasan.insert(0, "tidak RAT")
        return "; ".join(alasan)
    alasan = []
    if not b.lolos_rat:
        alasan.append("tidak RAT")
    if not b.lolos_volume_usaha:
        alasan.append("volume usaha tidak naik")
    if not b.lolos_aset:
        alasan.append("aset tidak naik")
    return "; ".join(alasan)


def hitung_iku2(data: DataIKU, tahun: int) -> NilaiIKU:
    r = rinci_koperasi(data, tahun)
    pembilang, penyebut = int(r["meningkat"].sum()), len(r)
    return NilaiIKU("IKU2", tahun, hitung_realisasi(pembilang, penyebut), pembilang, penyebut,
                    {"koperasi": r})


# ---------------------------------------------------------------- IKU3
def hitung_iku3(data: DataIKU, tahun: int) -> NilaiIKU:
    uk = _baris_tahun(data, "evaluasi_usaha_kecil", data.evaluasi_usaha_kecil, tahun)
    uk = uk.drop(columns=["_baris"]).assign(
        nama_wilayah=lambda d: d["kode_wilayah"].map(data.referensi.peta_nama))
    pembilang, penyebut = int(uk["menjadi_wirausaha"].sum()), len(uk)
    return NilaiIKU("IKU3", tahun, hitung_realisasi(pembilang, penyebut), pembilang, penyebut,
                    {"usaha_kecil": uk})


# ---------------------------------------------------------------- IKU4
def hitung_iku4(data: DataIKU, tahun: int) -> NilaiIKU:
    rb = _baris_tahun(data, "indeks_rb", data.indeks_rb, tahun)
    if "kode_wilayah" in rb.columns:  # a table with one indeks per area: take ours
        rb = rb[rb["kode_wilayah"] == data.referensi.kode_provinsi]
        if rb.empty:
            raise DataIKUError(Masalah(data.berkas("indeks_rb"), f"tidak ada indeks tahun "
                                       f"{tahun} untuk kode {data.referensi.kode_provinsi}",
                                       kolom="kode_wilayah"))
    indeks = bulatkan(float(rb["indeks"].iloc[0]))
    komponen = None
    if data.komponen_rb is not None:
        komponen = data.komponen_rb[data.komponen_rb["tahun"] == tahun].drop(columns=["_baris"])
    return NilaiIKU("IKU4", tahun, indeks, rincian={
        "predikat": tentukan_predikat_rb(indeks), "komponen": komponen})


PENGHITUNG = {"IKU1": lambda d, t, p: hitung_iku1(d, t, p),
              "IKU2": lambda d, t, p: hitung_iku2(d, t),
              "IKU3": lambda d, t, p: hitung_iku3(d, t),
              "IKU4": lambda d, t, p: hitung_iku4(d, t)}


def _target(data: DataIKU, kode: str, tahun: int) -> float | None:
    t = data.target[(data.target["kode_iku"] == kode) & (data.target["tahun"] == tahun)]
    return float(t["target"].iloc[0]) if len(t) else None


def _riwayat(data: DataIKU, tahun: int, nilai: dict[str, NilaiIKU]) -> pd.DataFrame:
    """Realisasi of every IKU for every year with data up to ``tahun`` (errors -> empty);
    the year ``tahun`` itself is taken from ``nilai``, already computed."""
    semua_tahun = sorted(set(data.indeks_rb["tahun"]) | set(data.penduduk_bekerja["tahun"])
                         | set(data.evaluasi_usaha_kecil["tahun"])
                         | set(data.evaluasi_koperasi["tahun"]) | set(data.target["tahun"]))
    baris = []
    for kode, hitung in PENGHITUNG.items():
        arah = data.katalog[kode]["arah"]
        for t in semua_tahun:
            if t > config.TAHUN_AKHIR_RENSTRA:
                continue
            realisasi = None
            if t == tahun:
                realisasi = nilai[kode].realisasi
            elif t < tahun:
                try:
                    realisasi = hitung(data, t, []).realisasi
                except DataIKUError:
                    realisasi = None
            target = _target(data, kode, t)
            capaian = hitung_capaian(realisasi, target, arah, data.pengaturan.batas_capaian)
            baris.append({"kode_iku": kode, "tahun": t, "realisasi": realisasi, "target": target,
                          "capaian_persen": capaian,
                          "kategori": tentukan_kategori(capaian, data.pengaturan.skala_kategori)
                          if target is not None and realisasi is not None else None})
    return pd.DataFrame(baris)


def _persen_per_baris(pembilang: pd.Series, penyebut: pd.Series) -> list[float | None]:
    return [hitung_realisasi(a, b) if pd.notna(b) and b else None
            for a, b in zip(pembilang, penyebut, strict=True)]


def rincian_wilayah(data: DataIKU, nilai: dict[str, NilaiIKU]) -> pd.DataFrame:
    """Per kabupaten/kota figures of IKU1-IKU3 from computed values. An IKU missing from
    ``nilai`` (not computable that year) leaves its columns empty."""
    ref = data.referensi
    kode = ref.kode_bagian(ref.kode_provinsi)
    w = pd.DataFrame({"kode_wilayah": kode, "nama_wilayah": [ref.nama(k) for k in kode]})
    if "IKU1" in nilai:
        w = w.merge(nilai["IKU1"].rincian["wilayah"][
            ["kode_wilayah", "tenaga_kerja_kukm", "penduduk_bekerja"]], on="kode_wilayah",
            how="left")
        w["iku1_persen"] = _persen_per_baris(w["tenaga_kerja_kukm"], w["penduduk_bekerja"])
    else:
        w["tenaga_kerja_kukm"] = w["penduduk_bekerja"] = w["iku1_persen"] = np.nan
    for kode_iku, rinci, kolom, nama in (
            ("IKU2", "koperasi", "meningkat", ("koperasi_dievaluasi", "koperasi_meningkat")),
            ("IKU3", "usaha_kecil", "menjadi_wirausaha",
             ("usaha_kecil_dievaluasi", "usaha_kecil_menjadi_wirausaha"))):
        if kode_iku in nilai:
            g = nilai[kode_iku].rincian[rinci].groupby("kode_wilayah")[kolom].agg(
                ["size", "sum"]).set_axis(list(nama), axis=1)
            w = w.merge(g, on="kode_wilayah", how="left")
            w[list(nama)] = w[list(nama)].fillna(0).astype(int)
        else:
            w[nama[0]] = w[nama[1]] = np.nan
    w["iku3_persen"] = _persen_per_baris(w["usaha_kecil_menjadi_wirausaha"],
                                         w["usaha_kecil_dievaluasi"])
    return w


def hitung_iku(tahun: int, data: DataIKU | Path | str = config.DATA_DIR) -> HasilIKU:
    """Compute the four IKU for ``tahun`` and everything the report shows about them."""
    tahun = periksa_tahun(tahun)
    if not isinstance(data, DataIKU):
        data = muat_data(data)
    peringatan = list(data.peringatan)
    masalah = []
    nilai: dict[str, NilaiIKU] = {}
    for kode, hitung in PENGHITUNG.items():
        try:
            nilai[kode] = hitung(data, tahun, peringatan)
        except DataIKUError as e:
            masalah += e.masalah
    for kode in PENGHITUNG:
        if _target(data, kode, tahun) is None:
            masalah.append(Masalah(data.berkas("target_iku"), f"tidak ada target {kode} tahun "
                                   f"{tahun}", kolom="target"))
    if masalah:
        raise DataIKUError(masalah)

    riwayat = _riwayat(data, tahun, nilai)
    p = data.pengaturan
    baris, ringkas = [], []
    for kode, n in nilai.items():
        iku = data.katalog[kode]
        target = _target(data, kode, tahun)
        capaian = hitung_capaian(n.realisasi, target, iku["arah"], p.batas_capaian)
        kategori = tentukan_kategori(capaian, p.skala_kategori)
        baris.append({"kode_iku": kode, "indikator": iku["indikator"], "satuan": iku["satuan"],
                      "tahun": tahun, "pembilang": n.pembilang, "penyebut": n.penyebut,
                      "realisasi": n.realisasi, "target": target, "capaian_persen": capaian,
                      "kategori": kategori})
        lalu = riwayat[(riwayat["kode_iku"] == kode) & (riwayat["tahun"] == tahun - 1)]
        realisasi_lalu = lalu["realisasi"].iloc[0] if len(lalu) else None
        realisasi_lalu = None if realisasi_lalu is None or pd.isna(realisasi_lalu) else float(
            realisasi_lalu)
        capaian_lalu = lalu["capaian_persen"].iloc[0] if len(lalu) else None
        target_akhir = _target(data, kode, config.TAHUN_AKHIR_RENSTRA)
        ringkas.append({
            **baris[-1],
            "nomor": iku.get("nomor"), "sasaran": iku.get("sasaran"), "arah": iku["arah"],
            "realisasi_sebelumnya": realisasi_lalu,
            "capaian_sebelumnya": None if capaian_lalu is None or pd.isna(capaian_lalu)
            else float(capaian_lalu),
            "perubahan": None if realisasi_lalu is None or n.realisasi is None
            else bulatkan(n.realisasi - realisasi_lalu),
            "target_akhir": target_akhir,
            "progres_target_akhir_persen": hitung_capaian(n.realisasi, target_akhir, iku["arah"]),
            "kekurangan": hitung_kekurangan(n.realisasi, target, n.pembilang, n.penyebut,
                                            iku["arah"]),
            "satuan_kekurangan": iku.get("satuan_hitung", iku["satuan"]),
            "predikat": n.rincian.get("predikat"),
            "sumber_penyebut": n.rincian.get("sumber_penyebut"),
        })
    tabel = pd.DataFrame(baris, columns=KOLOM_HASIL)
    return HasilIKU(
        tahun=tahun, tabel=tabel, ringkasan=pd.DataFrame(ringkas), riwayat=riwayat,
        koperasi=nilai["IKU2"].rincian["koperasi"],
        usaha_kecil=nilai["IKU3"].rincian["usaha_kecil"],
        wilayah=rincian_wilayah(data, nilai), komponen_rb=nilai["IKU4"].rincian["komponen"],
        predikat_rb=nilai["IKU4"].rincian["predikat"], peringatan=peringatan, data=data)


def compute_results(tahun: int, data_dir: Path | str = config.DATA_DIR) -> pd.DataFrame:
    """The tidy results table for one year; warnings in ``.attrs['peringatan']``."""
    hasil = hitung_iku(tahun, data_dir)
    tabel = hasil.tabel.copy()
    tabel.attrs["peringatan"] = list(hasil.peringatan)
    return tabel
