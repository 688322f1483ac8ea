"""Computing the IKU for a period from validated data, with everything the report shows.

The numbers come from one place: :func:`iku_helpers.nasional.hitung_per_induk` (each
indicator's vectorised ``agregat``), here applied to the data folder's one province. The
row-by-row detail (every koperasi with its criteria, the areas) comes from each
indicator's ``rinci``. The rules themselves are written once, in ``indikator/iku1.py`` ..
``iku4.py`` (see also data/README.md). The data are validated before anything is
computed (``data_iku.muat_data``); the computation contains no data checks, only the
question whether the period can be computed at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .anggaran import Perbandingan, RingkasanAnggaran, bandingkan, ringkas_anggaran
from .data_iku import DataIKU, muat_data
from .errors import DataIKUError, Masalah, ParameterError, Peringatan
from .format_id import nama_iku
from .indikator.dasar import NilaiIKU
from .indikator.periode import Periode
from .indikator.registri import REGISTRI
from .indikator.rumus import (
    baris_hasil,
    bulatkan,
    hitung_capaian,
    hitung_kekurangan,
    persen_per_baris,
    tentukan_kategori,
)
from .nasional import hitung_per_induk, sumber_target, target_periode, target_renstra

KOLOM_HASIL = ["kode_iku", "indikator", "satuan", "tahun", "pembilang", "penyebut",
               "realisasi", "target", "capaian_persen", "kategori"]


@dataclass
class HasilIKU:
    """Everything the report and the analysts need for one period."""

    tahun: int
    tabel: pd.DataFrame          # the tidy results table (KOLOM_HASIL)
    ringkasan: pd.DataFrame      # tabel + perubahan, progres 2026, kekurangan, ...
    riwayat: pd.DataFrame        # kode_iku, tahun, realisasi, target, capaian_persen, kategori
    koperasi: pd.DataFrame       # IKU2 per koperasi, criterion by criterion
    usaha_kecil: pd.DataFrame    # IKU3 per usaha kecil
    wilayah: pd.DataFrame        # per kabupaten/kota breakdown of the ratio IKU
    komponen_rb: pd.DataFrame | None
    predikat_rb: str | None
    peringatan: list[Peringatan]
    data: DataIKU
    periode: Periode | None = None
    nilai: dict[str, NilaiIKU] | None = None
    anggaran: RingkasanAnggaran | None = None    # when the folder has budget data
    perbandingan: Perbandingan | None = None     # the year's values against comparators


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


def sebagai_periode(periode: Periode | int | str) -> Periode:
    """A Periode from a Periode, a year, or text such as "2025" / "2025-3"; checked to lie
    within the Renstra period (ParameterError otherwise)."""
    if not isinstance(periode, Periode):
        teks = str(periode).strip()
        try:
            periode = Periode.dari_teks(teks)
        except ValueError:
            periksa_tahun(teks)  # raises the year message
            raise
    periksa_tahun(periode.tahun)
    return periode


def periksa_periode(data: DataIKU, periode: Periode) -> list[Masalah]:
    """Why the period cannot be computed (missing rows, missing targets); empty if it can."""
    masalah = [m for d in REGISTRI.values() for m in d.periksa_periode(data, periode)]
    for kode in REGISTRI:
        target = target_periode(data, kode, periode)
        if target is None and periode.tahunan:
            masalah.append(Masalah(data.berkas("target_iku"), f"tidak ada target "
                                   f"{nama_iku(kode)} tahun {periode.tahun}", kolom="target"))
        elif target is None:  # a quarter's target is the Rencana Aksi's, never Renstra's
            masalah.append(Masalah(data.berkas("perjanjian_kinerja"), f"tidak ada target "
                                   f"{nama_iku(kode)} {periode.label} (Rencana Aksi "
                                   "Perjanjian Kinerja)", kolom=periode.kolom_target))
        elif target == 0:  # realisasi / 0: the reported period's capaian has no value
            kunci, kolom, b = sumber_target(data, kode, periode)  # the cell it came from
            masalah.append(Masalah(data.berkas(kunci), f"target {nama_iku(kode)} "
                                   f"{periode.label} bernilai nol: capaian (realisasi / "
                                   "target x 100) tidak dapat dihitung", int(b["_baris"]),
                                   kolom, 0))
    return masalah


def peringatan_pk(data: DataIKU, periode: Periode) -> list[Peringatan]:
    """A Perjanjian Kinerja that gives the reported year's targets but leaves out an IKU:
    that IKU is measured against its Renstra target, and has no quarterly targets."""
    pk = data.tabel.get("perjanjian_kinerja")
    if pk is None:
        return []
    ada = set(pk.loc[pk["tahun"].to_numpy() == periode.tahun, "kode_iku"])
    if not ada:
        return []
    return [Peringatan.di(data.berkas("perjanjian_kinerja"), f"Perjanjian Kinerja tahun "
                          f"{periode.tahun} tidak memuat {kode}; capaian {kode} diukur "
                          "terhadap target Renstra, dan laporan monev triwulan tahun itu "
                          f"tidak dapat dibuat sebelum baris {kode} ditambahkan",
                          kolom="kode_iku")
            for kode in data.katalog if kode not in ada]


def hitung_nilai(data: DataIKU, periode: Periode) -> dict[str, NilaiIKU]:
    """Every IKU's realisasi for the data folder's province (from the national path) with
    its row-by-row detail. Raises DataIKUError when the period cannot be computed."""
    masalah = [m for d in REGISTRI.values() for m in d.periksa_periode(data, periode)]
    if masalah:
        raise DataIKUError(masalah)
    provinsi = data.referensi.kode_provinsi
    per_induk = hitung_per_induk(data, periode)
    per_induk = per_induk[per_induk["kode_wilayah"] == provinsi].set_index("kode_iku")
    nilai = {}
    for kode, definisi in REGISTRI.items():
        b = per_induk.loc[kode]
        nilai[kode] = NilaiIKU(
            kode, periode.tahun, b["realisasi"],
            None if definisi.jenis == "indeks" else float(b["pembilang"]),
            None if definisi.jenis == "indeks" else float(b["penyebut"]),
            definisi.rinci(data, periode))
    return nilai


def _tahun_data(data: DataIKU) -> list[int]:
    tahun: set[int] = set(data.tabel["target_iku"]["tahun"])
    for kunci in {t for d in REGISTRI.values() for t in d.tabel}:
        tahun |= set(data.tabel[kunci]["tahun"])
    return sorted(int(t) for t in tahun)


def hitung_riwayat(data: DataIKU, periode: Periode,
                   nilai: dict[str, NilaiIKU] | None = None) -> pd.DataFrame:
    """Realisasi, target, capaian and kategori of every IKU for every year with data up to
    the period's year (later target years listed with no realisasi and their Renstra
    target). A year that cannot be
    computed (no rows for it) has no realisasi; bad data has already failed validation."""
    p = data.pengaturan
    baris = []
    semua_tahun = [t for t in _tahun_data(data) if t <= config.TAHUN_AKHIR_RENSTRA]
    per_tahun: dict[int, pd.DataFrame] = {}
    for kode, definisi in REGISTRI.items():
        for t in semua_tahun:
            pt = Periode(t)
            realisasi = None
            if nilai is not None and t == periode.tahun:
                realisasi = nilai[kode].realisasi
            elif t <= periode.tahun and not definisi.periksa_periode(data, pt):
                if t not in per_tahun:
                    h = hitung_per_induk(data, pt)
                    per_tahun[t] = h[h["kode_wilayah"] == data.referensi.kode_provinsi
                                     ].set_index("kode_iku")
                realisasi = per_tahun[t].at[kode, "realisasi"]
            # a later year's target is the Renstra's: its PK is not signed yet when the
            # period's year is reported (the 2022 report must not show the 2025 PK)
            target = (target_periode(data, kode, pt) if t <= periode.tahun
                      else target_renstra(data, kode, t))
            b = baris_hasil(kode, data.katalog[kode], t, None, None, realisasi,
                            target, p.skala_kategori, p.batas_capaian)
            baris.append({k: b[k] for k in ("kode_iku", "tahun", "realisasi", "target",
                                            "capaian_persen", "kategori")})
    return pd.DataFrame(baris)


def _persen_per_baris(pembilang: pd.Series, penyebut: pd.Series) -> list[float | None]:
    """Each area's share as printed; None (not 0, not an infinity) without one."""
    return [float(x) if np.isfinite(x) else None for x in persen_per_baris(pembilang, penyebut)]


#: Per-area columns of each ratio IKU: (counted, total) -> name of the percentage column.
KOLOM_WILAYAH = {"IKU1": ("tenaga_kerja_kukm", "penduduk_bekerja", "iku1_persen"),
                 "IKU2": ("koperasi_meningkat", "koperasi_dievaluasi", "koperasi_meningkat_persen"),
                 "IKU3": ("usaha_kecil_menjadi_wirausaha", "usaha_kecil_dievaluasi",
                          "iku3_persen")}


def rincian_wilayah(data: DataIKU, nilai: dict[str, NilaiIKU]) -> pd.DataFrame:
    """Per kabupaten/kota figures of the ratio IKU from computed values. An IKU missing
    from ``nilai`` (not computable that year) leaves its columns empty."""
    ref = data.referensi
    kode = ref.kode_bagian(ref.kode_provinsi)
    w = pd.DataFrame({"kode_wilayah": kode, "nama_wilayah": [ref.nama(k) for k in kode]})
    for kode_iku, definisi in REGISTRI.items():
        if definisi.rinci_wilayah is None:
            continue
        pembilang, penyebut, persen = KOLOM_WILAYAH[kode_iku]
        if kode_iku in nilai:
            w = w.merge(definisi.rinci_wilayah(data, nilai[kode_iku].rincian),
                        on="kode_wilayah", how="left")
            if kode_iku != "IKU1":  # counts: an area with no rows evaluated none
                w[[penyebut, pembilang]] = w[[penyebut, pembilang]].fillna(0).astype(int)
        else:
            w[pembilang] = w[penyebut] = np.nan
        if kode_iku != "IKU2":  # the report's historic columns: IKU2 per area has no share
            w[persen] = _persen_per_baris(w[pembilang], w[penyebut])
    return w


def hitung_iku(tahun: Periode | int, data: DataIKU | Path | str) -> HasilIKU:
    """Compute every IKU for a period (a year) and everything the report shows about it.

    ``data`` is a validated :class:`DataIKU` or the path of a data folder (required:
    there is no default folder).
    """
    periode = sebagai_periode(tahun)
    if not isinstance(data, DataIKU):
        data = muat_data(data)
    if data.hanya_tahun is not None:
        raise ParameterError("data ini dimuat ramping untuk hitung_nasional (muat_nasional) "
                             "dan tidak memuat rincian yang dibutuhkan laporan; muat dengan "
                             "muat_data(folder)", nama="data")
    masalah = periksa_periode(data, periode)
    if masalah:
        raise DataIKUError(masalah)
    nilai = hitung_nilai(data, periode)
    riwayat = hitung_riwayat(data, periode, nilai)
    p = data.pengaturan
    tahun = periode.tahun
    akhir = Periode(config.TAHUN_AKHIR_RENSTRA)
    baris, ringkas = [], []
    for kode, n in nilai.items():
        iku = data.katalog[kode]
        target = target_periode(data, kode, periode)
        baris.append(baris_hasil(kode, iku, tahun, n.pembilang, n.penyebut, n.realisasi,
                                 target, p.skala_kategori, p.batas_capaian))
        lalu = riwayat[(riwayat["kode_iku"] == kode)
                       & (riwayat["tahun"] == periode.tahun_lalu().tahun)]
        realisasi_lalu = lalu["realisasi"].iloc[0] if len(lalu) else None
        realisasi_lalu = None if realisasi_lalu is None or pd.isna(realisasi_lalu) else float(
            realisasi_lalu)
        capaian_lalu = lalu["capaian_persen"].iloc[0] if len(lalu) else None
        target_akhir = target_renstra(data, kode, akhir.tahun)
        t_renstra = target_renstra(data, kode, tahun)
        # the capaian against the Renstra's target too, for a PK target that differs from
        # it (the LKjIP measures against the PK and says what the Renstra gives)
        capaian_renstra = hitung_capaian(n.realisasi, t_renstra, iku["arah"], p.batas_capaian)
        ringkas.append({
            **baris[-1],
            "nomor": iku.get("nomor"), "sasaran": iku.get("sasaran"), "arah": iku["arah"],
            "realisasi_sebelumnya": realisasi_lalu,
            "capaian_sebelumnya": None if capaian_lalu is None or pd.isna(capaian_lalu)
            else float(capaian_lalu),
            "perubahan": None if realisasi_lalu is None or n.realisasi is None
            else bulatkan(n.realisasi - realisasi_lalu),
            "target_renstra": t_renstra,
            "capaian_renstra": capaian_renstra,
            "kategori_renstra": tentukan_kategori(capaian_renstra, p.skala_kategori),
            "target_akhir": target_akhir,
            "progres_target_akhir_persen": hitung_capaian(n.realisasi, target_akhir, iku["arah"]),
            "kekurangan": hitung_kekurangan(n.realisasi, target, n.pembilang, n.penyebut,
                                            iku["arah"]),
            "satuan_kekurangan": iku.get("satuan_hitung", iku["satuan"]),
            "predikat": n.rincian.get("predikat"),
            "sumber_penyebut": n.rincian.get("sumber_penyebut"),
        })
    tabel = pd.DataFrame(baris, columns=KOLOM_HASIL)
    anggaran = None
    if "anggaran" in data.tabel:
        anggaran = ringkas_anggaran(data.tabel["anggaran"], tabel, tahun, p.metode_efisiensi,
                                    data.berkas("anggaran"))
    return HasilIKU(
        tahun=tahun, tabel=tabel, ringkasan=pd.DataFrame(ringkas), riwayat=riwayat,
        koperasi=nilai["IKU2"].rincian["koperasi"],
        usaha_kecil=nilai["IKU3"].rincian["usaha_kecil"],
        wilayah=rincian_wilayah(data, nilai), komponen_rb=nilai["IKU4"].rincian["komponen"],
        predikat_rb=nilai["IKU4"].rincian["predikat"],
        peringatan=list(data.peringatan) + [w for n in nilai.values() for w in n.peringatan]
        + (anggaran.peringatan if anggaran is not None else []) + peringatan_pk(data, periode),
        data=data, periode=periode, nilai=nilai, anggaran=anggaran,
        perbandingan=bandingkan(tabel, data.tabel.get("pembanding"), tahun))


def rinci_koperasi(data: DataIKU, tahun: Periode | int) -> pd.DataFrame:
    """Every koperasi evaluated in the period with each IKU2 criterion passed or failed."""
    periode = sebagai_periode(tahun)
    masalah = REGISTRI["IKU2"].periksa_periode(data, periode)
    if masalah:
        raise DataIKUError(masalah)
    return REGISTRI["IKU2"].rinci(data, periode)["koperasi"]


def compute_results(tahun: Periode | int, data_dir: Path | str) -> pd.DataFrame:
    """The tidy results table for one year; warnings in ``.attrs['peringatan']``."""
    hasil = hitung_iku(tahun, data_dir)
    tabel = hasil.tabel.copy()
    tabel.attrs["peringatan"] = list(hasil.peringatan)
    return tabel


def hitung_satu(data: DataIKU, kode_iku: str, tahun: Periode | int) -> NilaiIKU:
    """One IKU's value and detail for a period (raises DataIKUError if not computable)."""
    periode = sebagai_periode(tahun)
    definisi = REGISTRI[kode_iku]
    masalah = definisi.periksa_periode(data, periode)
    if masalah:
        raise DataIKUError(masalah)
    b = hitung_per_induk(data, periode, [kode_iku])
    b = b[b["kode_wilayah"] == data.referensi.kode_provinsi].iloc[0]
    rasio = definisi.jenis != "indeks"
    return NilaiIKU(kode_iku, periode.tahun, b["realisasi"],
                    float(b["pembilang"]) if rasio else None,
                    float(b["penyebut"]) if rasio else None, definisi.rinci(data, periode))

