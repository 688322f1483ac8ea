"""Quarterly monitoring (monev) of the Rencana Aksi: each quarter, every IKU on the data
collected so far against that quarter's Perjanjian Kinerja target.

    monev = hitung_monev(data, Periode(2025, 3))
    monev.tabel          # one row per IKU: target TW, realisasi, capaian, status, ...
    monev.kontributor    # per IKU the kabupaten/kota furthest below the year's target
    ringkasan_triwulan(data, 2025)   # the four quarters, for the annual report

How a quarter's realisasi is made is each indicator's business (``sifat_data`` in
``indikator/iku*.py`` and the catalog): cumulative IKU (IKU2, IKU3) count the rows
collected by the quarter's end, so TW IV equals the annual figure; IKU known at a point
(IKU1, IKU4) take the latest figure released by the quarter's end, and say which.

Status of a quarter (thresholds in ``pengaturan.ambang_status_triwulan`` of the manifest,
parsed once by ``muat_data`` into ``data.pengaturan.ambang_status_triwulan``):
capaian >= ``on_track`` (default 100) -> "on track"; >= ``perlu_perhatian`` (default 90)
-> "perlu perhatian"; below -> "tidak tercapai". These are codes: every output (PDF,
CSV, XLSX) words them as ``LABEL_STATUS`` does ("Tercapai", ...).

The realisasi still needed in the remaining quarters to meet the year's target is in the
indicator's own units (koperasi, usaha kecil, tenaga kerja, poin indeks) and is counted
on the denominator known so far (``indikator.rumus.hitung_kekurangan``): every further
koperasi or usaha kecil evaluated raises it by the target share of that unit.

Frozen evidence: :func:`bandingkan_snapshot` compares two run snapshots table by table,
by each table's key columns (rows added, removed, changed) and by source SHA-256.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from . import format_id as fmt
from .data_iku import AmbangStatus, DataIKU, muat_data
from .errors import DataIKUError, Masalah
from .hitung import HasilIKU, hitung_iku
from .indikator.dasar import PK, periode_tersedia
from .indikator.periode import ROMAWI, Periode
from .indikator.registri import REGISTRI, teks_kekurangan
from .indikator.rumus import (
    bulatkan,
    hitung_capaian,
    hitung_kekurangan,
    hitung_realisasi,
    pembilang_minimum,
)
from .nasional import hitung_per_induk, target_periode

STATUS_ON_TRACK = "on track"
STATUS_PERHATIAN = "perlu perhatian"
STATUS_TIDAK = "tidak tercapai"
STATUS_TIDAK_TERUKUR = "tidak terukur"
#: How the report names each status for a reader.
LABEL_STATUS = {STATUS_ON_TRACK: "Tercapai",
                STATUS_PERHATIAN: "Perlu perhatian",
                STATUS_TIDAK: "Tidak tercapai",
                STATUS_TIDAK_TERUKUR: "Tidak terukur"}
#: How the report names each ``sifat_data`` (its "Dasar angka" table).
LABEL_SIFAT_DATA = {"kumulatif": "kumulatif (bertambah sepanjang tahun)",
                    "nilai_akhir": "nilai akhir (angka terakhir yang tersedia)"}

#: The capaian-scale kategori whose colour each status takes (the monev PDF, the annual
#: report's quarter tables and the dashboard alike).
KATEGORI_STATUS = {STATUS_ON_TRACK: "Sangat Tinggi", STATUS_PERHATIAN: "Sedang",
                   STATUS_TIDAK: "Sangat Rendah"}
#: The report colours a status with the existing CSS classes of the capaian scale.
KELAS_STATUS = {s: "kategori-" + k.lower().replace(" ", "-") for s, k in KATEGORI_STATUS.items()}
#: How the report names each ratio IKU's numerator and denominator per area.
LABEL_WILAYAH = {"IKU1": ("Tenaga kerja KUKM", "Penduduk bekerja"),
                 "IKU2": ("Koperasi meningkat", "Koperasi dievaluasi"),
                 "IKU3": ("Menjadi wirausaha", "Usaha kecil dievaluasi")}
JUMLAH_KONTRIBUTOR = 5
BELUM_DIISI = "Belum diisi oleh analis."
#: Sections of narasi/<tahun>-tw<n>.md (level-2 headings).
BAGIAN_NARASI_TW = (("pendukung", "Faktor pendukung"), ("penghambat", "Faktor penghambat"),
                    ("tindak_lanjut", "Tindak lanjut"))
KOLOM_RINGKASAN = ["kode_iku", "triwulan", "target", "realisasi", "capaian_persen", "status"]


def label_status(status: object) -> object:
    """A status code as every output words it (LABEL_STATUS); anything else unchanged."""
    return LABEL_STATUS.get(status, status)


def label_sifat_data(sifat: object) -> object:
    """A sifat_data as the report words it (LABEL_SIFAT_DATA); anything else unchanged."""
    return LABEL_SIFAT_DATA.get(sifat, sifat)



#: The defaults (100 / 90) when a folder sets no ``ambang_status_triwulan``.
AMBANG_BAWAAN = AmbangStatus()


def kalimat_ambang(ambang: AmbangStatus) -> str:
    """The quarterly status rule in one sentence, as every output states it (monev cover
    and XLSX, the annual report's quarter tables, the dashboard)."""
    tercapai, perhatian = fmt.persen(ambang.on_track), fmt.persen(ambang.perlu_perhatian)
    bagian = [f"{LABEL_STATUS[STATUS_ON_TRACK]} bila capaian terhadap target triwulan "
              f"≥ {tercapai}"]
    if ambang.perlu_perhatian < ambang.on_track:  # equal thresholds: no middle band
        bagian.append(f"{LABEL_STATUS[STATUS_PERHATIAN]} bila ≥ {perhatian} dan di bawah "
                      f"{tercapai}")
    bagian.append(f"{LABEL_STATUS[STATUS_TIDAK]} bila di bawah {perhatian}")
    return "Status triwulan: " + "; ".join(bagian) + "."


def tentukan_status(capaian: float | None, ambang: AmbangStatus = AMBANG_BAWAAN) -> str:
    """The quarter's status from its capaian (%)."""
    if capaian is None or (isinstance(capaian, float) and math.isnan(capaian)):
        return STATUS_TIDAK_TERUKUR
    if capaian >= ambang.on_track:
        return STATUS_ON_TRACK
    if capaian >= ambang.perlu_perhatian:
        return STATUS_PERHATIAN
    return STATUS_TIDAK


# ------------------------------------------------------------------ can it be computed?
def periksa_triwulan(data: DataIKU, periode: Periode) -> list[Masalah]:
    """Why a quarter cannot be computed: each indicator's period check (cumulative IKU
    need a triwulan/tanggal column and rows by the quarter's end; point values need the
    figure available then) and the Perjanjian Kinerja's quarter and year targets."""
    masalah = [m for d in REGISTRI.values() for m in d.periksa_periode(data, periode)]
    kolom = periode.kolom_target
    pk = data.tabel.get(PK)
    if pk is None:
        return masalah + [Masalah(PK, f"monev {periode.label} membutuhkan target triwulan "
                                  f"Perjanjian Kinerja: tambahkan tabel perjanjian_kinerja "
                                  f"(kolom {kolom}) ke {config.MANIFEST}", kolom=kolom)]
    berkas = data.berkas(PK)
    if kolom not in pk.columns:
        return masalah + [Masalah(berkas, f"kolom target triwulan tidak ada (dibutuhkan untuk "
                                  f"{periode.label})", 1, kolom)]
    for kode in REGISTRI:
        baris = pk[(pk["kode_iku"] == kode) & (pk["tahun"] == periode.tahun)]
        if baris.empty:
            masalah.append(Masalah(berkas, f"tidak ada baris {kode} tahun {periode.tahun}",
                                   kolom="kode_iku", nilai=kode))
        elif pd.isna(baris[kolom].iloc[0]):
            masalah.append(Masalah(berkas, f"target {kode} {periode.label} kosong",
                                   int(baris["_baris"].iloc[0]), kolom))
    return masalah


def _periksa_atau_galat(data: DataIKU, periode: Periode) -> None:
    masalah = periksa_triwulan(data, periode)
    if masalah:
        raise DataIKUError(masalah)


def _realisasi(data: DataIKU, periode: Periode) -> dict[str, float | None]:
    """Province realisasi per IKU in a period; None for an IKU it cannot compute."""
    bisa = [k for k, d in REGISTRI.items() if not d.periksa_periode(data, periode)]
    if not bisa:
        return {}
    h = hitung_per_induk(data, periode, bisa)
    h = h[h["kode_wilayah"] == data.referensi.kode_provinsi]
    return {k: (None if pd.isna(r) else float(r)) for k, r in zip(h["kode_iku"], h["realisasi"],
                                                                   strict=True)}


# ------------------------------------------------------------------ the quarter
@dataclass
class HasilMonev:
    """Everything the quarterly report shows."""

    periode: Periode
    hasil: HasilIKU               # the quarter computed like a year (CSV: tabel_capaian)
    tabel: pd.DataFrame           # one row per IKU (KOLOM_MONEV)
    kontributor: dict[str, pd.DataFrame]
    ringkasan: pd.DataFrame       # the four quarters of the year (ringkasan_triwulan)
    data: DataIKU = field(repr=False, default=None)

    @property
    def ambang(self) -> AmbangStatus:
        """The thresholds the statuses were rated with: the data folder's."""
        return self.data.pengaturan.ambang_status_triwulan

    @property
    def tabel_capaian(self) -> pd.DataFrame:
        """The quarter's results table, for the CSV and the XLSX's 'Capaian IKU' sheet
        (KOLOM_CAPAIAN_TRIWULAN): the contract's columns, but the quarter's ``status`` as
        the report names it in place of the annual-scale ``kategori`` (which judges a
        year, not a quarter), and which year's data each row holds: ``tahun_data`` and
        ``dasar_angka`` as the report's "Dasar angka" table states them (a ``nilai_akhir``
        IKU takes the latest figure released by the quarter's end, e.g. IKU1 in TW I-III
        the previous year's Sakernas)."""
        t = self.tabel
        nilai = self.hasil.nilai or {}  # the quarter's own detail, already computed
        tahun_data = [_tahun_data(self.data, k, self.periode,
                                  nilai[k].rincian if k in nilai else None)
                      for k in t["kode_iku"]]
        return pd.DataFrame({
            "kode_iku": t["kode_iku"], "indikator": t["indikator"], "satuan": t["satuan"],
            "tahun": self.periode.tahun, "triwulan": self.periode.triwulan,
            "tahun_data": tahun_data, "dasar_angka": t["sumber_nilai"],
            "pembilang": t["pembilang"], "penyebut": t["penyebut"],
            "realisasi": t["realisasi"], "target": t["target_triwulan"],
            "capaian_persen": t["capaian_persen"],
            "status": t["status"].map(label_status),
        }, columns=KOLOM_CAPAIAN_TRIWULAN)


KOLOM_CAPAIAN_TRIWULAN = ["kode_iku", "indikator", "satuan", "tahun", "triwulan",
                          "tahun_data", "dasar_angka", "pembilang", "penyebut", "realisasi",
                          "target", "capaian_persen", "status"]
KOLOM_MONEV = ["kode_iku", "indikator", "satuan", "sifat_data", "sumber_nilai",
               "target_triwulan", "realisasi", "pembilang", "penyebut", "capaian_persen",
               "status", "periode_sebelumnya", "realisasi_sebelumnya", "perubahan",
               "target_tahunan", "kebutuhan_sisa", "satuan_kebutuhan", "baris_triwulan"]


def _sumber_nilai(kode: str, hasil: HasilIKU, periode: Periode) -> str:
    rincian = hasil.nilai[kode].rincian if hasil.nilai else {}
    if "sumber_nilai" in rincian:
        return rincian["sumber_nilai"]
    return (f"data yang terkumpul sampai akhir {periode.label}" if not periode.tahunan
            else f"data tahun {periode.tahun}")


def kebutuhan_sisa(realisasi: float | None, target_tahunan: float | None,
                   pembilang: float | None, penyebut: float | None,
                   arah: str = "naik") -> float | None:
    """Realisasi still needed (in units) to meet the year's target, on the denominator
    known so far; 0 when met. Index IKU: points still missing."""
    if target_tahunan is None:
        return None
    return hitung_kekurangan(realisasi, target_tahunan, pembilang, penyebut, arah)


def kontributor_kekurangan(wilayah: pd.DataFrame, kode: str, target: float | None,
                           n: int = JUMLAH_KONTRIBUTOR) -> pd.DataFrame:
    """Per kabupaten/kota, how many more units it would need to reach the year's target
    rate on its own (``pembilang_minimum(target, penyebut) - pembilang``); the ``n`` largest
    positive ones, largest first (ties: larger denominator first)."""
    from .hitung import KOLOM_WILAYAH

    kolom = ["kode_wilayah", "nama_wilayah", "pembilang", "penyebut", "persen", "kekurangan"]
    if kode not in KOLOM_WILAYAH or target is None:
        return pd.DataFrame(columns=kolom)
    p_kol, q_kol, _ = KOLOM_WILAYAH[kode]
    baris = []
    for w in wilayah.itertuples(index=False):
        p, q = getattr(w, p_kol), getattr(w, q_kol)
        if pd.isna(q) or q <= 0 or pd.isna(p):
            continue
        perlu = pembilang_minimum(target, q)
        if perlu is None:
            continue
        kurang = max(0, perlu - int(p))
        if kurang > 0:
            baris.append((int(w.kode_wilayah), w.nama_wilayah, float(p), float(q),
                          hitung_realisasi(p, q), float(kurang)))
    t = pd.DataFrame(baris, columns=kolom)
    return t.sort_values(["kekurangan", "penyebut"], ascending=[False, False]).head(n
                                                                                   ).reset_index(
        drop=True)


def hitung_monev(data: DataIKU, periode: Periode | str) -> HasilMonev:
    """The quarter's monitoring table. Raises DataIKUError (file, row, column) when the
    quarter cannot be computed."""
    if not isinstance(periode, Periode):
        periode = Periode.dari_teks(periode)
    if periode.tahunan:
        raise ValueError("hitung_monev membutuhkan periode triwulan, mis. 2025-3")
    ambang = data.pengaturan.ambang_status_triwulan
    _periksa_atau_galat(data, periode)
    hasil = hitung_iku(periode, data)
    sebelumnya = periode.sebelumnya()
    lalu = _realisasi(data, sebelumnya)
    if sebelumnya.triwulan == 4:
        # TW IV equals the year's annual figure by construction: use that where last
        # year's rows carry no quarter
        tahunan = _realisasi(data, Periode(sebelumnya.tahun))
        lalu = {k: lalu[k] if lalu.get(k) is not None else tahunan.get(k) for k in REGISTRI}
    baris, kontributor = [], {}
    for b in hasil.tabel.itertuples(index=False):
        kode = b.kode_iku
        iku = data.katalog[kode]
        definisi = REGISTRI[kode]
        target_tahun = target_periode(data, kode, periode.tahun_penuh)
        rl = lalu.get(kode)
        realisasi = None if pd.isna(b.realisasi) else float(b.realisasi)
        capaian = None if pd.isna(b.capaian_persen) else float(b.capaian_persen)
        pembilang = None if pd.isna(b.pembilang) else float(b.pembilang)
        penyebut = None if pd.isna(b.penyebut) else float(b.penyebut)
        baris.append({
            "kode_iku": kode, "indikator": iku["indikator"], "satuan": iku["satuan"],
            "sifat_data": definisi.sifat_data, "sumber_nilai": _sumber_nilai(kode, hasil, periode),
            "target_triwulan": None if pd.isna(b.target) else float(b.target),
            "realisasi": realisasi, "pembilang": pembilang, "penyebut": penyebut,
            "capaian_persen": capaian, "status": tentukan_status(capaian, ambang),
            "periode_sebelumnya": sebelumnya.label, "realisasi_sebelumnya": rl,
            "perubahan": None if rl is None or realisasi is None else bulatkan(realisasi - rl),
            "target_tahunan": target_tahun,
            "kebutuhan_sisa": kebutuhan_sisa(realisasi, target_tahun, pembilang, penyebut,
                                             iku["arah"]),
            "satuan_kebutuhan": iku.get("satuan_hitung", iku["satuan"]),
            "baris_triwulan": _baris_triwulan(data, definisi, periode),
        })
        kontributor[kode] = kontributor_kekurangan(hasil.wilayah, kode, target_tahun)
    empat = _sampai(ringkasan_triwulan(data, periode.tahun), periode)
    return HasilMonev(periode, hasil, pd.DataFrame(baris, columns=KOLOM_MONEV), kontributor,
                      empat, data)


def _baris_triwulan(data: DataIKU, definisi, periode: Periode) -> int | None:
    """How many rows of a cumulative IKU's table fall in the quarter itself (not in an
    earlier one): 0 means its figure is the previous quarter's, with nothing collected
    since. None for an IKU read at one point in time (nilai_akhir)."""
    if definisi.sifat_data != "kumulatif":
        return None
    sebelumnya = Periode(periode.tahun, periode.triwulan - 1) if periode.triwulan > 1 else None
    jumlah = 0
    for kunci in definisi.tabel:
        t = data.tabel.get(kunci)
        if t is None or "triwulan" not in t.columns:
            continue
        jumlah += len(periode.saring(t)) - (len(sebelumnya.saring(t)) if sebelumnya else 0)
    return jumlah


STATUS_BELUM = "belum berjalan"


def _sampai(ringkasan: pd.DataFrame, periode: Periode) -> pd.DataFrame:
    """The four quarters as known at the end of ``periode``: later quarters keep their
    planned target but have no realisasi, capaian or status yet (their data did not
    exist at the quarter's end)."""
    r = ringkasan.copy()
    nanti = (r["triwulan"] > periode.triwulan).to_numpy()
    r.loc[nanti, ["realisasi", "capaian_persen"]] = np.nan
    r.loc[nanti, "status"] = STATUS_BELUM
    return r


def ringkasan_triwulan(data: DataIKU, tahun: int) -> pd.DataFrame:
    """The four quarters of a year per IKU (kode_iku, triwulan, target, realisasi,
    capaian_persen, status): the quarter's PK target and the realisasi known by its end.
    A quarter that cannot be computed (no quarterly data, no rows yet) has no realisasi;
    a quarter without a PK target has no target and no capaian."""
    ambang = data.pengaturan.ambang_status_triwulan
    batas = data.pengaturan.batas_capaian  # the cap every other capaian of the year has
    baris = []
    for tw in range(1, 5):
        periode = Periode(int(tahun), tw)
        realisasi = _realisasi(data, periode)
        for kode, iku in data.katalog.items():
            r = realisasi.get(kode)
            t = target_periode(data, kode, periode)
            c = hitung_capaian(r, t, iku["arah"], batas)
            baris.append((kode, tw, t, r, c, tentukan_status(c, ambang)))
    return pd.DataFrame(baris, columns=KOLOM_RINGKASAN).sort_values(
        ["kode_iku", "triwulan"], ignore_index=True)


def grafik_empat_triwulan(ringkasan: pd.DataFrame, kode: str, satuan: str = "%"):
    """Target and realisasi of one IKU per quarter (from :func:`ringkasan_triwulan`) as
    grouped bars, for the annual report (the shared chart style of ``grafik``)."""
    from .grafik import grafik_triwulan

    return grafik_triwulan(ringkasan, kode, satuan)

def cari_snapshot_sebelumnya(output_dir: Path | str, kode: str) -> Path | None:
    """The latest snapshot an earlier run left for this period (``snapshot-iku-<kode>*``
    in any dated folder of ``output_dir``), by its creation time; None when none.

    Times are compared as instants: runs in different time zones (a cron server in UTC,
    an analyst in WITA) wrote "dibuat" with different offsets, and their text does not
    sort by time. A snapshot whose tables cannot be read (a damaged or truncated file) is
    passed over with a warning naming it, instead of failing every later run."""
    import logging
    from datetime import UTC, datetime

    calon = []
    for js in Path(output_dir).glob(f"*/snapshot-iku-{kode}*/snapshot.json"):
        if not re.fullmatch(rf"snapshot-iku-{re.escape(kode)}(-\d+)?", js.parent.name):
            continue
        try:
            dibuat = datetime.fromisoformat(
                str(json.loads(js.read_text(encoding="utf-8")).get("dibuat", "")))
        except (OSError, ValueError, AttributeError):
            continue
        if dibuat.tzinfo is None:
            dibuat = dibuat.replace(tzinfo=UTC)
        calon.append((dibuat, str(js.parent), js.parent))
    for _, _, folder in sorted(calon, reverse=True):
        rusak = _parquet_rusak(folder)
        if rusak is None:
            return folder
        logging.getLogger("iku_report").warning(
            "Snapshot sebelumnya %s tidak dapat dibaca (%s rusak); dilewati, dibandingkan "
            "dengan snapshot sebelumnya lagi bila ada", folder, rusak.name)
    return None


def cari_snapshot_terbit(output_dir: Path | str, periode: Periode) -> dict[str, Path]:
    """The published snapshot (the latest, :func:`cari_snapshot_sebelumnya`) of each
    earlier quarter of ``periode``'s year: what those quarters' reports said, so that a
    later report can say which of their figures it now computes otherwise."""
    if periode.tahunan:
        return {}
    hasil = {}
    for tw in range(1, periode.triwulan):
        kode = Periode(periode.tahun, tw).kode
        if (folder := cari_snapshot_sebelumnya(output_dir, kode)) is not None:
            hasil[kode] = folder
    return hasil


def _tanggal_laporan(keterangan: dict) -> date | None:
    """The report's date a snapshot.json records (since the twelfth session; older
    snapshots, or an unreadable value, have none)."""
    try:
        return date.fromisoformat(str(keterangan.get("tanggal_laporan")))
    except ValueError:
        return None


def _realisasi_tercetak(csv: Path) -> dict[str, float | None] | None:
    """realisasi per IKU from a published results CSV; None when it is not there or not
    as this tool writes it (re-saved by a spreadsheet with ';', edited)."""
    import logging

    if not csv.is_file():
        return None
    try:
        tabel = pd.read_csv(csv, usecols=["kode_iku", "realisasi"])
        return dict(zip(tabel["kode_iku"], (None if pd.isna(r) else float(r)
                                            for r in tabel["realisasi"]), strict=True))
    except (ValueError, OSError, pd.errors.ParserError) as e:
        logging.getLogger("iku_report").warning(
            "Tabel hasil %s tidak dapat dibaca (%s); angka triwulan itu dihitung ulang dari "
            "snapshot-nya", csv, e)
        return None


def revisi_triwulan(data: DataIKU, periode: Periode, snapshot_terbit: dict) -> list[dict]:
    """The earlier quarters' figures that this run's data give otherwise than their
    published report did (a late row, a corrected cell): per IKU and quarter, the figure
    reported (read from that report's results CSV beside its snapshot, or recomputed from
    the snapshot) and the figure now, at the two decimals the reports print. A snapshot
    that cannot be read is passed over with a warning in the log."""
    import logging

    from .snapshot import muat_snapshot

    revisi = []
    for kode_p, folder in sorted((snapshot_terbit or {}).items()):
        q = Periode.dari_teks(kode_p)
        if q.tahun != periode.tahun or q.triwulan >= (periode.triwulan or 5):
            continue
        folder = Path(folder)
        try:
            keterangan = json.loads((folder / "snapshot.json").read_text(encoding="utf-8"))
            # what that report printed: its results CSV beside the snapshot (same suffix);
            # else its figures recomputed from the snapshot
            csv = folder.parent / folder.name.replace("snapshot-iku-", "capaian-iku-", 1)
            csv = csv.with_name(csv.name + ".csv")
            lama = _realisasi_tercetak(csv)
            if lama is None:
                lama = _realisasi(muat_snapshot(folder), q)
            tanggal = _tanggal_laporan(keterangan)
        except Exception as e:  # noqa: BLE001 - evidence of an older run: say it, go on
            logging.getLogger("iku_report").warning(
                "Snapshot laporan %s (%s) tidak dapat dibaca untuk pembanding (%s); dilewati",
                q.label, folder, e)
            continue
        kini = _realisasi(data, q)
        for kode in REGISTRI:
            a, b = bulatkan(lama.get(kode)), bulatkan(kini.get(kode))
            if a != b:
                revisi.append({"kode_iku": kode, "periode": q, "dilaporkan": a, "kini": b,
                               "satuan": data.katalog[kode]["satuan"],
                               "tanggal_laporan": tanggal,
                               "dibuat": keterangan.get("dibuat")})
    return revisi


def _parquet_rusak(folder: Path) -> Path | None:
    """The first table of a snapshot whose Parquet footer cannot be read, or None."""
    import pyarrow.parquet as pq

    for p in sorted(folder.glob("*.parquet")):
        try:
            pq.read_metadata(p)
        except Exception:  # noqa: BLE001 - truncated, not Parquet, unreadable: all "damaged"
            return p
    return None


@dataclass
class PerubahanData:
    """What changed between two snapshots."""

    lama: Path
    dibuat_lama: str
    tabel: pd.DataFrame    # tabel, ditambah, dihapus, diubah
    contoh: dict[str, dict[str, list[str]]]   # tabel -> jenis -> a few keys
    berkas: pd.DataFrame   # kunci, berkas, sha256_lama, sha256_baru (changed sources only)
    tanggal_lama: date | None = None   # the earlier report's own date (--tanggal), if recorded
    # rows of the quarter's year from later quarters, left out of the comparison (they do
    # not count in the quarter): their number in this run's snapshot
    diabaikan: int = 0

    @property
    def ada(self) -> bool:
        """Whether anything the quarter's figures are made of changed: a compared row, or
        a source that is not a compared table (the catalog, the area reference). A table
        file whose hash changed only by later quarters' rows is listed, not a change."""
        tabel = set(self.tabel["tabel"]) if len(self.tabel) else set()
        return any(k not in tabel for k in self.berkas["kunci"]) or bool(
            (self.tabel[["ditambah", "dihapus", "diubah"]].to_numpy().sum()) if len(self.tabel)
            else False)


def _tabel_snapshot(folder: Path) -> dict[str, pd.DataFrame]:
    return {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}


def _kunci_teks(df: pd.DataFrame, kunci: list[str]) -> pd.Series:
    return df[kunci].astype(str).agg(" / ".join, axis=1) if len(df) else pd.Series(dtype=str)


def bandingkan_tabel(lama: pd.DataFrame, baru: pd.DataFrame, kunci: list[str]
                     ) -> tuple[int, int, int, dict[str, list[str]]]:
    """Rows added, removed and changed between two versions of a table, matched on
    ``kunci`` (all other columns but the row number compared). Returns the three counts
    and up to five keys of each."""
    kolom = [k for k in baru.columns if k != "_baris" and k in lama.columns]
    kunci = [k for k in kunci if k in kolom] or kolom
    a = lama[kolom].assign(_k=_kunci_teks(lama, kunci)).set_index("_k")
    b = baru[kolom].assign(_k=_kunci_teks(baru, kunci)).set_index("_k")
    ditambah = b.index.difference(a.index)
    dihapus = a.index.difference(b.index)
    sama = b.index.intersection(a.index)
    x, y = a.loc[sama, kolom], b.loc[sama, kolom]
    beda = ~((x == y) | (x.isna() & y.isna())).all(axis=1)
    diubah = list(beda[beda].index)
    return (len(ditambah), len(dihapus), len(diubah),
            {"ditambah": list(ditambah[:5]), "dihapus": list(dihapus[:5]),
             "diubah": diubah[:5]})


def _tanpa_triwulan_nanti(nama: str, tabel: pd.DataFrame,
                          periode: Periode | None) -> pd.DataFrame:
    """``tabel`` without the rows that do not count in ``periode``: of its year, rows from
    a later quarter; in a point-value IKU's tables (``bulan_rilis``), rows of a year whose
    figure is not out by the quarter's end (TW I-III use last year's Sakernas)."""
    if periode is None or periode.tahunan or "tahun" not in tabel.columns:
        return tabel
    tahun = tabel["tahun"].to_numpy()
    nanti = np.zeros(len(tabel), dtype=bool)
    if "triwulan" in tabel.columns:
        tw = tabel["triwulan"].to_numpy(dtype=float, na_value=np.nan)
        nanti |= (tahun == periode.tahun) & (tw > periode.triwulan)
    for definisi in REGISTRI.values():
        if definisi.bulan_rilis is not None and nama in definisi.tabel + definisi.tabel_rinci:
            nanti |= tahun > periode_tersedia(periode, definisi.bulan_rilis).tahun
    return tabel[~nanti]


def bandingkan_snapshot(lama: Path | str, baru: Path | str,
                        periode: Periode | None = None) -> PerubahanData:
    """Compare an earlier run's snapshot with this run's: per table the rows added,
    removed and changed (by the table's key columns, ``validasi.SKEMA``), and the
    sources whose SHA-256 differs. With a quarter ``periode``, the rows that do not count
    in it (``_tanpa_triwulan_nanti``) are left out on both sides: a re-run of TW I on data
    that has TW II's rows, or the year's Sakernas, too did not change TW I."""
    from .validasi import SKEMA

    lama, baru = Path(lama), Path(baru)
    ta, tb = _tabel_snapshot(lama), _tabel_snapshot(baru)
    diabaikan = 0
    for nama in list(tb):
        saring = _tanpa_triwulan_nanti(nama, tb[nama], periode)
        diabaikan += len(tb[nama]) - len(saring)
        tb[nama] = saring
    ta = {nama: _tanpa_triwulan_nanti(nama, tabel, periode) for nama, tabel in ta.items()}
    baris, contoh = [], {}
    for nama in sorted(set(ta) | set(tb)):
        kunci = list(SKEMA[nama].kunci) if nama in SKEMA else []
        a = ta.get(nama, tb.get(nama).iloc[0:0])
        b = tb.get(nama, ta.get(nama).iloc[0:0])
        tambah, hapus, ubah, c = bandingkan_tabel(a, b, kunci)
        baris.append((nama, tambah, hapus, ubah))
        contoh[nama] = c
    ja = json.loads((lama / "snapshot.json").read_text(encoding="utf-8"))
    jb = json.loads((baru / "snapshot.json").read_text(encoding="utf-8"))
    sa = {s["kunci"]: s for s in ja.get("sumber", [])}
    sb = {s["kunci"]: s for s in jb.get("sumber", [])}
    berkas = [(k, (sb.get(k) or sa.get(k))["berkas"], (sa.get(k) or {}).get("sha256"),
               (sb.get(k) or {}).get("sha256")) for k in sorted(set(sa) | set(sb))
              if (sa.get(k) or {}).get("sha256") != (sb.get(k) or {}).get("sha256")]
    tanggal_lama = _tanggal_laporan(ja)
    return PerubahanData(lama, ja.get("dibuat", ""),
                         pd.DataFrame(baris, columns=["tabel", "ditambah", "dihapus", "diubah"]),
                         contoh, pd.DataFrame(berkas, columns=["kunci", "berkas", "sha256_lama",
                                                               "sha256_baru"]),
                         tanggal_lama, diabaikan)


# ------------------------------------------------------------------ narrative
def baca_narasi_triwulan(data_dir: Path | str, periode: Periode) -> dict[str, str] | None:
    """The analyst's text from ``narasi/<tahun>-tw<n>.md``: level-2 headings Faktor
    pendukung / Faktor penghambat / Tindak lanjut. None when the file does not exist."""
    path = Path(data_dir) / "narasi" / f"{periode.tahun}-tw{periode.triwulan}.md"
    if not path.is_file():
        return None
    hasil: dict[str, str] = {k: "" for k, _ in BAGIAN_NARASI_TW}
    bagian = None
    try:
        teks = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataIKUError(Masalah(f"narasi/{path.name}", "bukan teks UTF-8; simpan ulang "
                                   "berkas narasi dengan pengodean UTF-8",
                                   path.read_bytes()[:e.start].count(b"\n") + 1)) from e
    for baris in teks.splitlines():
        if baris.startswith("## "):
            judul = baris[3:].strip().lower()
            bagian = next((k for k, j in BAGIAN_NARASI_TW if j.lower() in judul), None)
            continue
        if bagian:
            hasil[bagian] += baris + "\n"
    return {k: v.strip() for k, v in hasil.items()}


# ------------------------------------------------------------------ files
def _tahun_data(data: DataIKU, kode: str, periode: Periode,
                rincian: dict | None = None) -> int:
    """Which year's figure an IKU's value for ``periode`` holds, as its indicator module
    says (``rinci``'s ``tahun_data``: for a ``nilai_akhir`` IKU the latest figure
    released by the period's end); a cumulative IKU counts the period's own rows.
    ``rincian``: the IKU's ``rinci`` for that period when already computed."""
    definisi = REGISTRI[kode]
    if definisi.sifat_data != "nilai_akhir":
        return periode.tahun
    if rincian is None:
        rincian = definisi.rinci(data, periode)
    return int(rincian.get("tahun_data", periode.tahun))


def _empat_triwulan(monev: HasilMonev) -> pd.DataFrame:
    """The four quarters for the XLSX: the status as the report names it, and for each
    quarter with a realisasi which year's data it holds."""
    r = monev.ringkasan.copy()
    tahun_data = [
        None if pd.isna(b.realisasi) else _tahun_data(
            monev.data, b.kode_iku, Periode(monev.periode.tahun, int(b.triwulan)))
        for b in r.itertuples(index=False)]
    r.insert(2, "tahun_data", pd.array(tahun_data, dtype="Int64"))
    r["status"] = r["status"].map(label_status)
    return r


def tulis_xlsx_monev(monev: HasilMonev, path: Path, sha256: dict[str, str] | None = None,
                     perubahan: PerubahanData | None = None,
                     tanggal: date | None = None, revisi: list[dict] | None = None) -> None:
    """The quarter's results for Indonesian Excel. ``tanggal``: the report's date (the
    run's --tanggal, as the PDF prints it); today when not given. Status and sifat data
    are worded as in the PDF; counts are whole numbers, every other figure (percent,
    index, poin) has 2 decimals."""
    from .excel import FORMAT_BILANGAN, FORMAT_KODE, tulis_xlsx
    from .tabel_hasil import format_kekurangan

    data = monev.data
    ket = [("Instansi", data.instansi),
           ("Isi", f"Monitoring dan evaluasi capaian IKU {monev.periode.label}"),
           ("Status data", "DATA CONTOH, bukan data resmi" if data.ada_data_contoh
            else "Seluruh masukan berstatus resmi/sementara"),
           ("Dibuat", fmt.tanggal(tanggal or date.today())),
           ("Ambang status", kalimat_ambang(monev.ambang)
            + " Target triwulan dari Perjanjian Kinerja (Rencana Aksi)."),
           ("Tahun data", "kolom tahun_data dan dasar_angka: angka tahun berapa yang dipakai "
            "setiap IKU; IKU nilai akhir memakai angka terakhir yang sudah terbit pada akhir "
            "triwulan")]
    ket += [(f"Masukan: {s.kunci}", f"{s.berkas} ({s.status}); SHA-256 {s.sha256}")
            for s in data.sumber]
    ket += [(f"SHA-256 {k}", v) for k, v in (sha256 or {}).items()
            if k not in {s.kunci for s in data.sumber}]
    tabel = monev.tabel.assign(
        status=monev.tabel["status"].map(label_status),
        sifat_data=monev.tabel["sifat_data"].map(label_sifat_data))
    lembar = {"Keterangan": pd.DataFrame(ket, columns=["Keterangan", "Isi"]),
              "Capaian IKU": monev.tabel_capaian, "Monev triwulan": tabel,
              "Empat triwulan": _empat_triwulan(monev)}
    kontrib = [t.assign(kode_iku=k) for k, t in monev.kontributor.items() if len(t)]
    if kontrib:
        lembar["Kontributor kekurangan"] = pd.concat(kontrib, ignore_index=True)
    if perubahan is not None:
        lembar["Perubahan data"] = perubahan.tabel
    if revisi:  # as the PDF's note under Tabel 1
        lembar["Triwulan lalu berubah"] = pd.DataFrame(
            [(r["kode_iku"], r["periode"].label, r["dilaporkan"],
              fmt.tanggal(r["tanggal_laporan"]) if r["tanggal_laporan"] else r["dibuat"],
              r["kini"]) for r in revisi],
            columns=["kode_iku", "triwulan", "realisasi_dilaporkan", "tanggal_laporan",
                     "realisasi_kini"])
    # counts whole (as in the annual workbook); the still-needed column is units for a
    # ratio IKU and index points for IKU4, so it is formatted row by row
    bulat = {k: FORMAT_BILANGAN for k in ("pembilang", "penyebut", "kekurangan",
                                          "baris_triwulan")}
    kode = {k: FORMAT_KODE for k in ("tahun", "triwulan", "tahun_data")}
    tulis_xlsx(path, lembar, format_kolom={**bulat, **kode}, format_lembar={
        "Monev triwulan": {"kebutuhan_sisa": format_kekurangan(monev.tabel["kode_iku"])}})


# ------------------------------------------------------------------ the report
def akhir_triwulan(periode: Periode) -> date:
    """The last day of the quarter (of the year, for a yearly period)."""
    import calendar

    bulan = 12 if periode.tahunan else 3 * periode.triwulan
    return date(periode.tahun, bulan, calendar.monthrange(periode.tahun, bulan)[1])


def _env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(config.TEMPLATES_DIR / "monev")),
                      autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters.update({
        "angka": fmt.angka, "bilangan": fmt.bilangan, "persen": fmt.persen,
        "tanggal": fmt.tanggal, "iku": fmt.nama_iku, "kekurangan": teks_kekurangan,
        "sifat_data": label_sifat_data,
        "nilai": lambda x, satuan: fmt.persen(x) if satuan == "%" else fmt.angka(x),
        "status": label_status,
        "kelas_status": lambda s: KELAS_STATUS.get(s, ""),
        "pendek": lambda h: (h or "")[:12],
        # mid-sentence: "tenaga kerja KUKM", not "tenaga kerja kukm" (the filter lower)
        "kecil_awal": lambda t: str(t)[:1].lower() + str(t)[1:],
        "waktu": _waktu,
        "markdown": _markdown_aman,
    })
    return env


def _waktu(teks: str) -> str:
    """An ISO timestamp from snapshot.json as Indonesian text."""
    from datetime import datetime

    try:
        return fmt.tanggal_waktu(datetime.fromisoformat(str(teks)))
    except ValueError:
        return str(teks)


def _markdown_aman(teks: str):
    """Analyst markdown to HTML with raw HTML escaped and images reduced to alt text."""
    import mistune
    from markupsafe import Markup

    hasil = mistune.create_markdown(escape=True)(teks or "")
    return Markup(re.sub(r"<img [^>]*alt=\"([^\"]*)\"[^>]*>", r"[gambar: \1]", hasil))


def _rekaman(tabel: pd.DataFrame) -> list[dict]:
    """Rows as dicts with NaN as None (templates test ``is none``)."""
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
            for r in tabel.to_dict("records")]


def _html(teks: str):
    from IPython.display import HTML

    return HTML(teks)


@dataclass
class LaporanMonev:
    """The quarterly report's parts, each rendered from a template under
    ``templates/monev/`` (autoescape on) and shown as HTML by the notebook."""

    monev: HasilMonev
    tanggal: date
    narasi: dict[str, str] | None
    perubahan: PerubahanData | None
    sumber_snapshot: dict
    revisi: list[dict] = field(default_factory=list)   # revisi_triwulan

    @property
    def data(self) -> DataIKU:
        return self.monev.data

    def _konteks(self) -> dict:
        m = self.monev
        per_iku = []
        for b in _rekaman(m.tabel):
            kode = b["kode_iku"]
            per_iku.append({**b, "kontributor": _rekaman(m.kontributor[kode])
                            if kode in m.kontributor else [],
                            # a cumulative ratio before TW IV: met on the rows collected so
                            # far, the year's figure still moves as evaluation goes on
                            "sementara": (b["sifat_data"] == "kumulatif"
                                          and m.periode.triwulan < 4),
                            "empat": _rekaman(m.ringkasan[m.ringkasan["kode_iku"] == kode])})
        return {
            "periode": m.periode, "romawi": ROMAWI, "tahun": m.periode.tahun,
            "instansi": self.data.instansi, "contoh": self.data.ada_data_contoh,
            "instansi_singkat": self.data.instansi_singkat or self.data.instansi,
            "tanggal": self.tanggal, "kalimat_ambang": kalimat_ambang(m.ambang), "iku": per_iku,
            "akhir_triwulan": akhir_triwulan(m.periode),
            "narasi": self.narasi, "bagian_narasi": BAGIAN_NARASI_TW, "belum": BELUM_DIISI,
            "perubahan": self.perubahan, "snapshot": self.sumber_snapshot,
            "sumber": self.data.sumber, "label_status": LABEL_STATUS,
            "label_wilayah": LABEL_WILAYAH,
            "sebelumnya_pendek": ("TW " + ROMAWI[m.periode.sebelumnya().triwulan]
                                  + ("" if m.periode.triwulan > 1
                                     else f" {m.periode.tahun - 1}")),
            "jumlah_status": m.tabel["status"].value_counts().to_dict(),
            "peringatan": list(m.hasil.peringatan), "revisi": self.revisi,
        }

    def render(self, nama: str) -> str:
        return _env().get_template(f"{nama}.html.j2").render(**self._konteks())

    def sampul(self):
        return _html(self.render("sampul"))

    def ringkasan(self):
        return _html(self.render("ringkasan"))

    def rincian(self):
        return _html(self.render("rincian"))

    def narasi_analis(self):
        return _html(self.render("narasi"))

    def lampiran(self):
        return _html(self.render("lampiran"))


def siapkan_monev(periode: str | Periode, data_dir: str | Path, tanggal: str | None = None,
                  snapshot_sebelumnya: str | Path | None = None,
                  dari_snapshot: bool = False,
                  snapshot_terbit: dict | None = None) -> LaporanMonev:
    """Everything the monev notebook needs: load the data (a folder or a run snapshot),
    compute the quarter, read the narrative, compare with an earlier snapshot of the
    quarter and with the published snapshots of the year's earlier quarters
    (``snapshot_terbit``, period code -> folder: :func:`revisi_triwulan`)."""
    periode = periode if isinstance(periode, Periode) else Periode.dari_teks(periode)
    data_dir = Path(data_dir)
    if dari_snapshot:  # the validated snapshot iku-report made for this run
        from .snapshot import muat_snapshot

        data = muat_snapshot(data_dir)
    else:
        data = muat_data(data_dir)
    monev = hitung_monev(data, periode)
    perubahan = None
    if snapshot_sebelumnya and (data_dir / "snapshot.json").is_file():
        perubahan = bandingkan_snapshot(Path(snapshot_sebelumnya), data_dir, periode)
    sumber_snapshot = {}
    if (data_dir / "snapshot.json").is_file():
        sumber_snapshot = json.loads((data_dir / "snapshot.json").read_text(encoding="utf-8"))
    tgl = date.fromisoformat(tanggal) if tanggal else date.today()
    return LaporanMonev(monev, tgl, baca_narasi_triwulan(data_dir, periode), perubahan,
                        sumber_snapshot, revisi_triwulan(data, periode, snapshot_terbit))


__all__ = ["AmbangStatus", "HasilMonev", "LaporanMonev", "PerubahanData", "akhir_triwulan",
           "bandingkan_snapshot", "bandingkan_tabel",
           "baca_narasi_triwulan", "cari_snapshot_sebelumnya", "cari_snapshot_terbit",
           "grafik_empat_triwulan",
           "hitung_monev", "kebutuhan_sisa",
           "kontributor_kekurangan", "periksa_triwulan", "revisi_triwulan", "ringkasan_triwulan",
           "siapkan_monev",
           "tentukan_status"]
