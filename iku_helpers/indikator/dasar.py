"""Types shared by the indicator modules and the registry (no computation here)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import DataIKUError, Masalah, Peringatan, nomor_baris
from .periode import Periode

if TYPE_CHECKING:  # pragma: no cover
    from ..data_iku import DataIKU
    from ..wilayah import ReferensiWilayah

#: How an IKU accumulates over the quarters of a year (issue: quarterly monitoring).
SIFAT_DATA = ("kumulatif", "nilai_akhir")


@dataclass
class NilaiIKU:
    """Realisasi of one IKU in one period, before comparison with a target."""

    kode_iku: str
    tahun: int
    realisasi: float | None
    pembilang: float | None = None
    penyebut: float | None = None
    rincian: dict = field(default_factory=dict)
    peringatan: list[Peringatan] = field(default_factory=list)


@dataclass(frozen=True)
class PetaInduk:
    """Which total (province) each area code belongs to; a total maps to itself."""

    induk: pd.Series       # index: kode_wilayah, value: code of its total
    kode_total: np.ndarray

    @classmethod
    def dari(cls, referensi: ReferensiWilayah) -> PetaInduk:
        t = referensi.tabel
        induk = t["induk"].where(~t["total"], t["kode_wilayah"])
        if induk.isna().any():
            kode = int(t.loc[induk.isna(), "kode_wilayah"].iloc[0])
            raise DataIKUError(Masalah(referensi.berkas, "wilayah tanpa induk (isi kolom "
                                       "'induk' dengan kode provinsinya)", kolom="induk",
                                       nilai=kode))
        return cls(pd.Series(induk.astype("int64").to_numpy(),
                             index=t["kode_wilayah"].to_numpy()),
                   np.array(referensi.kode_total, dtype="int64"))

    def ke_induk(self, kode: pd.Series) -> np.ndarray:
        """The total each code in ``kode`` belongs to."""
        return self.induk.reindex(kode.to_numpy()).to_numpy()

    def adalah_total(self, kode: pd.Series) -> np.ndarray:
        return np.isin(kode.to_numpy(), self.kode_total)


@dataclass(frozen=True)
class Agregat:
    """An IKU for every total at once: numerator and denominator per total code (ratio
    indicators) or the value per total (index indicators, ``penyebut`` None)."""

    pembilang: pd.Series
    penyebut: pd.Series | None = None


@dataclass(frozen=True)
class DefinisiIKU:
    """Everything the tool needs to know about one IKU besides its catalog text.

    Loading, validation, computation, the report, the XLSX and the workbook iterate over
    the registry of these (``indikator.registri.REGISTRI``); a new indicator is one module
    with one of these plus its report template.
    """

    kode: str
    tabel: tuple[str, ...]                 # the input tables (manifest keys) it needs
    sumber_pembilang: str | None           # the table its numerator comes from
    sumber_penyebut: str | None            # the table its denominator comes from
    agregat: Callable[[DataIKU, Periode, PetaInduk], Agregat]
    rinci: Callable[[DataIKU, Periode], dict]         # row-by-row detail for the report
    periksa_periode: Callable[[DataIKU, Periode], list[Masalah]]  # can it be computed?
    periksa_data: Callable[[DataIKU], list[Masalah]]  # cross-table checks, every year
    sifat_data: str                        # kumulatif | nilai_akhir
    templat: str                           # report section template
    jenis: str = "rasio"                   # rasio (pembilang/penyebut x 100) | indeks
    gabung_nasional: str = "jumlah"        # jumlah: sum p and q; rata: mean of the totals
    rinci_wilayah: Callable[[DataIKU, dict], pd.DataFrame] | None = None
    #: What ``agregat`` reads of its large tables: {table: (columns, years back)}. A
    #: national run (``nasional.muat_nasional``) keeps only these of a Parquet table
    #: (every row is still validated); tables not named here are kept whole.
    baca_agregat: Mapping[str, tuple[tuple[str, ...], int]] = field(default_factory=dict)
    #: nilai_akhir: the month a year's figure is released (``periode_tersedia``)
    bulan_rilis: int | None = None
    #: tables the IKU's report reads besides ``tabel`` (IKU4: the komponen RB detail)
    tabel_rinci: tuple[str, ...] = ()

    @property
    def kekurangan_bilangan_bulat(self) -> bool:
        """Whether a shortfall against the target is a count of units (tenaga kerja,
        koperasi, usaha kecil: a ratio IKU), printed whole; else it is index points,
        printed with 2 decimals ("3,60 poin indeks")."""
        return self.jenis == "rasio"


def tidak_ada_tahun(data: DataIKU, kunci: str, periode: Periode) -> list[Masalah]:
    """A problem when table ``kunci`` has no row for the period's year."""
    tabel = data.tabel[kunci]
    if periode.ada_di(tabel):
        return []
    ada = ", ".join(str(t) for t in sorted(set(tabel["tahun"])))
    return [Masalah(data.berkas(kunci), f"tidak ada data untuk tahun {periode.tahun} "
                    f"(tahun yang ada: {ada})", kolom="tahun", nilai=periode.tahun)]


def periode_tersedia(periode: Periode, bulan_rilis: int) -> Periode:
    """For a value known at a point (``nilai_akhir``): the year whose figure is the latest
    available at the end of ``periode``. A year's figure is released in month
    ``bulan_rilis`` of that year, so a quarter ending before that month uses the previous
    year's figure, and a quarter ending in or after it (TW IV for a November release)
    uses the year's own, which makes TW IV equal the annual figure. A year is itself."""
    if periode.tahunan:
        return periode
    return Periode(periode.tahun if 3 * periode.triwulan >= bulan_rilis else periode.tahun - 1)


def periksa_kumulatif(data: DataIKU, kunci: str, kode: str, periode: Periode) -> list[Masalah]:
    """A cumulative IKU (``kumulatif``) computed for a quarter needs to know in which
    quarter each row was collected (column ``triwulan`` or ``tanggal``), and at least one
    row by the quarter's end."""
    if periode.tahunan:
        return []
    tabel = data.tabel[kunci]
    if "triwulan" not in tabel.columns:
        return [Masalah(data.berkas(kunci), f"{kode} dihitung per triwulan ({periode.label}) "
                        "tetapi tabel ini tidak punya kolom 'triwulan' atau 'tanggal'; tambahkan "
                        "salah satunya", 1, "triwulan")]
    tw = tabel["triwulan"].to_numpy(dtype=float, na_value=np.nan)
    kosong = np.flatnonzero((tabel["tahun"].to_numpy() == periode.tahun) & np.isnan(tw))
    if len(kosong):  # rows of the year that no quarter can hold: one problem, the rows named
        from ..format_id import kata_baris

        baris = [b for b in (nomor_baris(x) for x in tabel["_baris"].to_numpy()[kosong[:5]])
                 if b is not None] if "_baris" in tabel.columns else []
        tempat = (f" ({len(kosong)} baris: {kata_baris(baris, jumlah=len(kosong))})"
                  if baris else "")
        return [Masalah(data.berkas(kunci), f"{kode} dihitung per triwulan ({periode.label}) "
                        f"tetapi triwulan baris tahun {periode.tahun} ini kosong{tempat}; isi "
                        "triwulannya (atau kolom tanggal)", baris[0] if baris else None,
                        "triwulan")]
    if periode.ada_di(tabel) and periode.saring(tabel).empty:
        return [Masalah(data.berkas(kunci), f"tidak ada baris {kode} sampai akhir "
                        f"{periode.label} (tidak ada baris tahun {periode.tahun} dengan triwulan "
                        f"<= {periode.triwulan})", kolom="triwulan", nilai=periode.triwulan)]
    return []


#: The Perjanjian Kinerja table and its quarterly (Rencana Aksi) target columns.
PK = "perjanjian_kinerja"
KOLOM_TARGET_TW = tuple(f"target_tw{n}" for n in range(1, 5))


def _target_tw_naik(data: DataIKU, kode: str, naik, alasan: str) -> list[Peringatan]:
    """A warning per Rencana Aksi row of ``kode`` whose four quarterly targets ``naik``
    says climb like progress; ``alasan`` says why that misleads for this kind of IKU."""
    pk = data.tabel.get(PK)
    if pk is None or not set(KOLOM_TARGET_TW) <= set(pk.columns):
        return []
    temuan = []
    for _, b in pk[pk["kode_iku"] == kode].iterrows():
        tw = [b[k] for k in KOLOM_TARGET_TW]
        if any(pd.isna(t) for t in tw) or not naik(tw):
            continue
        temuan.append(Peringatan.di(
            data.berkas(PK), f"target triwulan {kode} tahun {int(b['tahun'])} naik dari TW I "
            f"ke TW IV{alasan}", int(b["_baris"]), "target_tw1", tw[0]))
    return temuan


def periksa_target_tw_kumulatif(data: DataIKU, kode: str) -> list[Peringatan]:
    """A cumulative ratio IKU's quarterly realisasi is the share among the units evaluated
    by the quarter's end (a rate, comparable with the year's target at every quarter).
    Rencana Aksi targets that rise from TW I to TW IV read like progress towards the
    year's share of the whole year's units: compared with a rate they overstate the early
    quarters (a TW I capaian of several hundred percent). Accepted, with a warning per row
    that names the mismatch, so that neither the office nor the reader is misled."""
    return _target_tw_naik(
        data, kode, lambda tw: tw[0] < tw[3],
        f", padahal realisasi triwulan {kode} adalah persentase dari unit yang sudah "
        "dievaluasi sampai akhir triwulan (bukan dari jumlah setahun), sehingga capaian "
        "triwulan awal tampak terlalu tinggi; bila target dimaksudkan sebagai persentase "
        "yang sama sepanjang tahun, isi target tahunan pada setiap triwulan")


def periksa_target_tw_nilai_akhir(data: DataIKU, kode: str) -> list[Peringatan]:
    """A point-value IKU (``nilai_akhir``: IKU1, IKU4) reports in each quarter the latest
    figure published by its end, a level, not progress. Rencana Aksi targets that climb
    like progress (0,38 / 0,75 / 1,13 / 1,50 for a year's 1,50) rate last year's level far
    above its early quarters' targets ("Tercapai" at 124 % while below the year's target).
    Accepted, with a warning per row, when the first quarter's target is at most half the
    fourth's."""
    return _target_tw_naik(
        data, kode, lambda tw: 0 < 2 * tw[0] <= tw[3],
        f" seperti kemajuan, padahal realisasi triwulan {kode} adalah angka terakhir yang "
        "sudah terbit (satu tingkat, bukan kemajuan sepanjang tahun), sehingga capaian "
        "triwulan awal tampak terlalu tinggi; bila target dimaksudkan sebagai tingkat, isi "
        "tingkat yang diharapkan pada setiap triwulan")


def periksa_sifat_katalog(data: DataIKU, kode: str, sifat: str) -> list[Masalah]:
    """The catalog declares each IKU's ``sifat_data`` for readers; the computation follows
    the indicator module. A catalog that says otherwise is an error (one of them is wrong);
    a catalog without the field is accepted."""
    ditulis = (data.katalog.get(kode) or {}).get("sifat_data")
    if ditulis is None or str(ditulis).strip().lower() == sifat:
        return []
    return [Masalah(data.berkas("iku"), f"sifat_data {kode} di katalog '{ditulis}' tidak sesuai "
                    f"dengan cara perhitungannya ('{sifat}'; pilihan: {', '.join(SIFAT_DATA)})",
                    kolom="sifat_data", nilai=ditulis)]
