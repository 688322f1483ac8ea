"""Loading a data folder: the manifest ``sumber_data.yaml``, the catalog, the targets
and every input table, validated before anything is computed."""

from __future__ import annotations

import hashlib
import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .errors import DataIKUError, Masalah, Peringatan, pisahkan
from .format_id import kata_baris
from .indikator.dasar import KOLOM_TARGET_TW
from .indikator.rumus import SKALA_KATEGORI_BAWAAN, TingkatKategori
from .konfigurasi import (
    BATAS_UKURAN_BERKAS_MB_BAWAAN,
    BagianPengaturan,
    periksa_katalog,
    periksa_manifest,
    periksa_pengaturan,
)
from .loaders import baca_tabel, periksa_berkas_masukan
from .validasi import SKEMA, periksa_tabel
from .wilayah import ReferensiWilayah, baca_referensi_wilayah
from .yaml_aman import MAKS_BYTES_YAML, muat_yaml

STATUS_DITERIMA = ("resmi", "sementara", "contoh")
#: Manifest entries: the catalog, every table of the input registry (validasi.SKEMA),
#: and the optional area reference.
TABEL_WAJIB = ("iku",) + tuple(k for k, v in SKEMA.items() if v.wajib)
TABEL_OPSIONAL = tuple(k for k, v in SKEMA.items() if not v.wajib) + ("wilayah",)


@dataclass(frozen=True)
class SumberData:
    """One input as the manifest describes it, with what was read from it."""

    kunci: str
    berkas: str
    path: Path
    sumber: str
    status: str
    baris: int
    sha256: str
    format: str = "tabel"


@dataclass(frozen=True)
class AmbangStatus:
    """Capaian thresholds (%) of the quarterly status."""

    on_track: float = 100.0
    perlu_perhatian: float = 90.0


def baca_ambang_status(manifest: dict | None) -> AmbangStatus:
    """``pengaturan.ambang_status_triwulan`` from the raw manifest mapping (defaults when
    absent). Raises DataIKUError naming the manifest key when it is malformed."""
    kolom = "pengaturan.ambang_status_triwulan"
    p = (manifest or {}).get("pengaturan") or {}
    isi = p.get("ambang_status_triwulan") if isinstance(p, dict) else None
    if isi is None:
        return AmbangStatus()
    if not isinstance(isi, dict) or set(isi) - {"on_track", "perlu_perhatian"}:
        raise DataIKUError(Masalah(config.MANIFEST, "harus berisi 'on_track' dan/atau "
                                   "'perlu_perhatian' (persen capaian)", kolom=kolom, nilai=isi))
    # a number written as a number: true/false or "95" are not read as 1, 0 or 95 (as
    # every other manifest value, nothing is converted)
    for k, v in isi.items():
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise DataIKUError(Masalah(config.MANIFEST, "ambang harus berupa angka (tanpa "
                                       "tanda kutip), mis. 95", kolom=f"{kolom}.{k}",
                                       nilai=v))
    ambang = AmbangStatus(float(isi.get("on_track", 100.0)),
                          float(isi.get("perlu_perhatian", 90.0)))
    if not (0 <= ambang.perlu_perhatian <= ambang.on_track) or not all(
            map(math.isfinite, (ambang.on_track, ambang.perlu_perhatian))):
        raise DataIKUError(Masalah(config.MANIFEST, "harus 0 <= perlu_perhatian <= on_track",
                                   kolom=kolom, nilai=isi))
    return ambang


@dataclass(frozen=True)
class Pengaturan:
    """Settings a data folder may override under ``pengaturan:`` in the manifest."""

    skala_kategori: tuple[TingkatKategori, ...] = SKALA_KATEGORI_BAWAAN
    batas_capaian: float | None = None
    ambang_selisih_penyebut_persen: float = 0.5
    metode_efisiensi: str = "rasio"   # rasio | sisa_anggaran (anggaran.METODE_EFISIENSI)
    batas_ukuran_berkas_mb: float = BATAS_UKURAN_BERKAS_MB_BAWAAN
    izinkan_symlink_luar: bool = False
    #: Thresholds of the quarterly status (``ambang_status_triwulan``): parsed once here,
    #: read by the monev, the annual report's quarter tables and the dashboard alike.
    ambang_status_triwulan: AmbangStatus = AmbangStatus()


@dataclass
class DataIKU:
    """Everything a computation needs, validated: one snapshot of a data folder."""

    data_dir: Path
    instansi: str
    katalog: dict[str, dict]
    katalog_meta: dict
    tabel: dict[str, pd.DataFrame]   # every input table read, by manifest key
    referensi: ReferensiWilayah
    sumber: list[SumberData]
    pengaturan: Pengaturan = field(default_factory=Pengaturan)
    peringatan: list[Peringatan] = field(default_factory=list)
    instansi_singkat: str = ""  # for the running header; empty = instansi
    #: The report's signer from ``penandatangan:`` (tempat, jabatan, nama, nip); None = absent.
    penandatangan: dict[str, str] | None = None
    #: Set by a lean national load (``nasional.muat_nasional``): the one year whose
    #: national figures this snapshot can compute; its large Parquet tables hold only
    #: what the vectorised computation reads. None = the whole data folder.
    hanya_tahun: int | None = None

    # Named access to the tables of the four IKU (read-only views of ``tabel``).
    @property
    def target(self) -> pd.DataFrame:
        return self.tabel["target_iku"]

    @property
    def penduduk_bekerja(self) -> pd.DataFrame:
        return self.tabel["penduduk_bekerja"]

    @property
    def tenaga_kerja_kukm(self) -> pd.DataFrame:
        return self.tabel["tenaga_kerja_kukm"]

    @property
    def evaluasi_koperasi(self) -> pd.DataFrame:
        return self.tabel["evaluasi_koperasi"]

    @property
    def evaluasi_usaha_kecil(self) -> pd.DataFrame:
        return self.tabel["evaluasi_usaha_kecil"]

    @property
    def indeks_rb(self) -> pd.DataFrame:
        return self.tabel["indeks_rb"]

    @property
    def komponen_rb(self) -> pd.DataFrame | None:
        return self.tabel.get("komponen_rb")

    @property
    def ada_data_contoh(self) -> bool:
        """True when any input's status is ``contoh`` (sample data)."""
        return any(s.status == "contoh" for s in self.sumber)

    def berkas(self, kunci: str) -> str:
        """The file name (as written in the manifest) of one input."""
        for s in self.sumber:
            if s.kunci == kunci:
                return s.berkas
        return kunci

    def sumber_dari(self, kunci: str) -> SumberData | None:
        return next((s for s in self.sumber if s.kunci == kunci), None)

    def tahun_lengkap(self) -> list[int]:
        """Years of the Renstra period for which every IKU can be computed and has a
        target."""
        from .hitung import periksa_periode
        from .indikator.periode import Periode

        return [t for t in range(config.TAHUN_AWAL_RENSTRA, config.TAHUN_AKHIR_RENSTRA + 1)
                if not periksa_periode(self, Periode(t))]

    def tahun_terakhir_lengkap(self) -> int:
        tahun = self.tahun_lengkap()
        if not tahun:
            raise DataIKUError(Masalah(config.MANIFEST, "tidak ada satu tahun pun (2022-2026) "
                                       "yang datanya lengkap untuk keempat IKU"))
        return tahun[-1]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def baca_manifest(data_dir: Path) -> dict:
    """The manifest as a mapping, checked against its schema (konfigurasi.Manifest)."""
    path = data_dir / config.MANIFEST
    if not data_dir.exists():
        raise DataIKUError(Masalah(str(data_dir), "folder data tidak ditemukan"))
    if not data_dir.is_dir():
        raise DataIKUError(Masalah(str(data_dir), "bukan folder"))
    if not path.exists() and not path.is_symlink():
        raise DataIKUError(Masalah(config.MANIFEST, f"berkas manifest tidak ada di {data_dir}"))
    periksa_berkas_masukan(path, config.MANIFEST, None, MAKS_BYTES_YAML)
    dokumen = muat_yaml(path, config.MANIFEST)
    manifest = periksa_manifest(dokumen, config.MANIFEST)
    pengaturan = manifest.pengaturan or BagianPengaturan()
    periksa_berkas_masukan(path, config.MANIFEST, data_dir, None,
                           pengaturan.izinkan_symlink_luar)
    return dokumen.isi


KOLOM_PENANDATANGAN = ("tempat", "jabatan", "nama", "nip")


def _baca_penandatangan(isi: dict) -> dict[str, str] | None:
    """The optional ``penandatangan:`` section: a mapping of text fields, each may be empty."""
    bagian = isi.get("penandatangan")
    if bagian is None:
        return None
    if not isinstance(bagian, dict):
        raise DataIKUError(Masalah(config.MANIFEST, "harus berisi tempat, jabatan, nama, nip",
                                   kolom="penandatangan"))
    asing = [k for k in bagian if k not in KOLOM_PENANDATANGAN]
    if asing:
        raise DataIKUError(Masalah(config.MANIFEST, "kunci tidak dikenal (pakai tempat, "
                                   "jabatan, nama, nip)", kolom=f"penandatangan.{asing[0]}"))
    return {k: "" if bagian.get(k) is None else str(bagian[k]).strip()
            for k in KOLOM_PENANDATANGAN}


def _baca_pengaturan(isi: dict) -> Pengaturan:
    bagian = periksa_pengaturan(isi.get("pengaturan") or {}, config.MANIFEST)
    skala = SKALA_KATEGORI_BAWAAN
    if bagian.skala_kategori:
        skala = tuple(TingkatKategori(t.kategori, t.di_atas) for t in bagian.skala_kategori)
    return Pengaturan(
        skala_kategori=skala,
        batas_capaian=bagian.batas_capaian,
        ambang_selisih_penyebut_persen=bagian.ambang_selisih_penyebut_persen,
        metode_efisiensi=bagian.metode_efisiensi,
        batas_ukuran_berkas_mb=bagian.batas_ukuran_berkas_mb,
        izinkan_symlink_luar=bagian.izinkan_symlink_luar,
        ambang_status_triwulan=baca_ambang_status(isi),
    )


def baca_katalog(path: Path, nama_berkas: str) -> tuple[dict[str, dict], dict]:
    """The catalog: IKU entries by kode_iku (as written), and the other top-level keys."""
    periksa_berkas_masukan(path, nama_berkas, None, MAKS_BYTES_YAML)
    dokumen = muat_yaml(path, nama_berkas)
    periksa_katalog(dokumen, nama_berkas)
    katalog = {iku["kode_iku"]: iku for iku in dokumen.isi["iku"]}
    from .indikator.registri import REGISTRI

    if set(katalog) != set(REGISTRI):
        raise DataIKUError(Masalah(nama_berkas, "katalog harus memuat tepat "
                                   + ", ".join(REGISTRI), dokumen.baris_dari(("iku",)),
                                   "iku", sorted(map(str, katalog))))
    meta = {k: v for k, v in dokumen.isi.items() if k != "iku"}
    return katalog, meta


def _baca_penduduk_bekerja(path, nama, referensi, format_, peringatan):
    from . import bps

    if format_ == "tabel":
        deteksi = bps.deteksi_format_bps(path)
        format_ = deteksi or "tabel"
    if format_ == "bps-json":
        return bps.baca_bps_json(path, nama, referensi), format_
    if format_ == "bps-xlsx":
        return bps.baca_bps_xlsx(path, nama, referensi, peringatan), format_
    return baca_tabel(path, nama, peringatan=peringatan), "tabel"


def _bagian_dibaca(tahun: int) -> dict[str, tuple[list[str], set[int]]]:
    """{table: (columns, years)} that the registry's vectorised computations read for
    ``tahun`` (the union over the IKU that read the table)."""
    from .indikator.registri import REGISTRI

    bagian: dict[str, tuple[list[str], set[int]]] = {}
    for definisi in REGISTRI.values():
        for kunci, (kolom, mundur) in definisi.baca_agregat.items():
            k, t = bagian.get(kunci, ([], set()))
            bagian[kunci] = ([*k, *(x for x in kolom if x not in k)],
                             t | set(range(tahun - mundur, tahun + 1)))
    return bagian


def _jumlah_baris_parquet(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def muat_data(data_dir: Path | str, *, hanya_untuk: int | None = None) -> DataIKU:
    """Read the manifest and every input, validate them, and return them typed.

    One validation step before any computation: each table against its schema
    (``validasi.SKEMA``, the input-table registry), then the named cross-table checks
    (:data:`PEMERIKSAAN_SILANG` and each indicator's ``periksa_data``). Raises
    DataIKUError listing the problems; warnings are returned in ``DataIKU.peringatan``.

    ``hanya_untuk`` (a year; use ``nasional.muat_nasional``): every row of every table is
    still validated, but of the large Parquet tables only the columns and years the
    vectorised computation of that year reads are kept (``DefinisiIKU.baca_agregat``), so
    a national table never has to fit in memory whole.
    """
    data_dir = Path(data_dir)
    bagian = _bagian_dibaca(int(hanya_untuk)) if hanya_untuk is not None else {}
    isi = baca_manifest(data_dir)
    pengaturan = _baca_pengaturan(isi)
    peringatan: list[Peringatan] = []
    entri = isi["data"]

    def path_dari(kunci: str) -> tuple[Path, str]:
        berkas = str(entri[kunci]["berkas"])
        return periksa_berkas_masukan(data_dir / berkas, berkas, data_dir,
                                      int(pengaturan.batas_ukuran_berkas_mb * 2**20),
                                      pengaturan.izinkan_symlink_luar), berkas

    if "wilayah" in entri:
        p, nama = path_dari("wilayah")
        referensi = baca_referensi_wilayah(p, nama)
    else:
        referensi = baca_referensi_wilayah(config.WILAYAH_BAWAAN,
                                           f"{config.WILAYAH_BAWAAN.name} (bawaan paket)")
    kode_wilayah = referensi.semua_kode()

    p, nama = path_dari("iku")
    katalog, katalog_meta = baca_katalog(p, nama)
    sumber = [SumberData("iku", nama, p, str(entri["iku"].get("sumber", "")),
                         entri["iku"]["status"], len(katalog), _sha256(p), "yaml")]

    def muat_satu(kunci: str) -> tuple[pd.DataFrame, SumberData, list[Peringatan]]:
        p, nama = path_dari(kunci)
        sidik = penyidik.submit(_sha256, p)  # hashed while the table is checked
        format_ = str(entri[kunci].get("format", "tabel"))
        catatan: list = []
        kode = kode_wilayah if SKEMA[kunci].perlu_kode_wilayah else None
        if p.suffix.lower() == ".parquet" and format_ == "tabel":
            # Arrow end to end for clean Parquet (national tables); anything unusual goes
            # through the same careful path as below, so results and messages are equal.
            from .validasi_cepat import periksa_parquet

            kolom, tahun = bagian.get(kunci, (None, None))
            bersih, dari_skema = periksa_parquet(p, kunci, nama, kode, kolom=kolom,
                                                 tahun=tahun)
        else:
            if kunci == "penduduk_bekerja":
                mentah, format_ = _baca_penduduk_bekerja(p, nama, referensi, format_, catatan)
            else:
                mentah = baca_tabel(p, nama, peringatan=catatan)
            bersih, dari_skema = periksa_tabel(mentah, kunci, nama, kode)
        catatan = [c if isinstance(c, Peringatan) else Peringatan(str(c), nama)
                   for c in catatan] + dari_skema
        jumlah = _jumlah_baris_parquet(p) if kunci in bagian and p.suffix.lower() == \
            ".parquet" else len(bersih)
        return bersih, SumberData(kunci, nama, p, str(entri[kunci].get("sumber", "")),
                                  entri[kunci]["status"], jumlah, sidik.result(),
                                  format_), catatan

    # The tables are independent: read and check them on two threads (Arrow's readers and
    # kernels release the GIL). Results, warnings and the error reported are taken in
    # the registry's order, so a run is deterministic whatever finishes first.
    urutan = [k for k in SKEMA if k in entri]
    # A lean national load reads its large tables one after the other: each is decoded
    # in parallel by Arrow already, and two at once would double the peak memory.
    pekerja = 1 if bagian else min(2, os.cpu_count() or 1)
    # SHA-256 of each input (the snapshot's provenance) on its own thread: hashlib
    # releases the GIL, so the hash costs no wall time beside the checks.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as penyidik, \
            ThreadPoolExecutor(max_workers=pekerja) as pelaksana:
        tugas = {k: pelaksana.submit(muat_satu, k) for k in urutan}
    tabel: dict[str, pd.DataFrame] = {}
    for kunci in urutan:
        bersih, sumber_satu, catatan = tugas[kunci].result()  # re-raises the first error
        tabel[kunci] = bersih
        sumber.append(sumber_satu)
        peringatan.extend(catatan)
    if "wilayah" in entri:
        p, nama = path_dari("wilayah")
        sumber.append(SumberData("wilayah", nama, p, str(entri["wilayah"].get("sumber", "")),
                                 entri["wilayah"]["status"], len(referensi.tabel), _sha256(p)))

    data = DataIKU(
        data_dir=data_dir, instansi=str(isi.get("instansi", "")), katalog=katalog,
        katalog_meta=katalog_meta, tabel=tabel, referensi=referensi, sumber=sumber,
        pengaturan=pengaturan, peringatan=peringatan,
        instansi_singkat=str(isi.get("instansi_singkat") or ""),
        penandatangan=_baca_penandatangan(isi),
        hanya_tahun=int(hanya_untuk) if hanya_untuk is not None else None,
    )
    galat, catatan = pisahkan(periksa_silang(data))
    if galat:
        raise DataIKUError(galat)
    data.peringatan.extend(catatan)
    return data


def periksa_label_sumber(data: DataIKU) -> list[Peringatan]:
    """Official status with a source that still reads like sample data: say so."""
    temuan = []
    for s in data.sumber:
        if s.status != "contoh" and any(k in s.sumber.lower() for k in ("contoh", "sintetis")):
            temuan.append(Peringatan(
                f"{config.MANIFEST}: masukan '{s.kunci}' berstatus {s.status}, tetapi sumbernya "
                f"masih berbunyi \"{s.sumber[:60]}\"; perbarui isian 'sumber'.",
                config.MANIFEST, kolom=f"data.{s.kunci}.sumber"))
    if not data.ada_data_contoh:
        for narasi in sorted((data.data_dir / "narasi").glob("*.md")):
            if not narasi.is_file():  # a FIFO or a folder: never opened (baca_narasi says so)
                continue
            awal = narasi.read_bytes()[:400].decode("utf-8", errors="replace").upper()
            if "CONTOH" in awal:
                temuan.append(Peringatan(
                    f"narasi/{narasi.name} masih bertanda CONTOH padahal semua data berstatus "
                    "resmi/sementara; ganti dengan narasi analis.", f"narasi/{narasi.name}"))
    return temuan


#: Tables whose kode_iku must name an IKU of the catalog, and whether their years must
#: lie in the Renstra period.
TABEL_BERKODE_IKU = {"target_iku": True, "perjanjian_kinerja": True, "anggaran": False,
                     "pembanding": False}


def periksa_kode_iku(data: DataIKU) -> list[Masalah]:
    """Targets, agreements, budget lines and comparators name IKU of the catalog (a budget
    line may name none); targets and agreements lie in the Renstra period."""
    masalah = []
    for kunci, periode_renstra in TABEL_BERKODE_IKU.items():
        t = data.tabel.get(kunci)
        if t is None:
            continue
        berkas = data.berkas(kunci)
        kode = t["kode_iku"]
        asing = (~kode.isin(list(data.katalog)) & kode.ne("")).to_numpy(dtype=bool)
        for posisi in np.flatnonzero(asing):
            masalah.append(Masalah(berkas, "kode IKU tidak ada di katalog",
                                   int(t["_baris"].iloc[posisi]), "kode_iku",
                                   kode.iloc[posisi]))
        if not periode_renstra:
            continue
        tahun = t["tahun"].to_numpy()
        luar = (tahun < config.TAHUN_AWAL_RENSTRA) | (tahun > config.TAHUN_AKHIR_RENSTRA)
        for posisi in np.flatnonzero(luar):
            masalah.append(Masalah(berkas, "tahun di luar periode Renstra "
                                   f"{config.TAHUN_AWAL_RENSTRA}-{config.TAHUN_AKHIR_RENSTRA}",
                                   int(t["_baris"].iloc[posisi]), "tahun", int(tahun[posisi])))
    return masalah


def periksa_anggaran(data: DataIKU) -> list[Peringatan]:
    """A budget line spending more than its pagu, or under 1 % of it in a year otherwise
    mostly spent (another unit?), is accepted, with a warning."""
    a = data.tabel.get("anggaran")
    if a is None:
        return []
    lebih = (a["realisasi"] > a["pagu"]).to_numpy(dtype=bool)
    temuan = [Peringatan.di(data.berkas("anggaran"), "realisasi melebihi pagu; diterima, "
                            "periksa kembali", int(a["_baris"].iloc[i]), "realisasi",
                            float(a["realisasi"].iloc[i])) for i in np.flatnonzero(lebih)]
    # one line's realisasi in ribu rupiah beside a pagu in rupiah (228.560 for 228.560.000)
    # reads as a serapan under 1 %, and moves its IKU's serapan and efficiency; said in a
    # year whose lines are mostly spent (early in a year, or for next year's budget, a
    # small realisasi is the truth)
    serapan = (a["realisasi"] / a["pagu"].where(a["pagu"] > 0)).to_numpy(dtype=float)
    median = pd.Series(serapan).groupby(a["tahun"].to_numpy()).median()
    tahun_terserap = a["tahun"].map(median).to_numpy(dtype=float) >= 0.5
    ada = (a["realisasi"] > 0).to_numpy(dtype=bool)
    # a thousandth or less of its pagu is ribu against rupiah whatever the year (a whole
    # column in ribu, too); under 1 %, only where the year is otherwise mostly spent
    kecil = ada & ((serapan * 900 <= 1) | ((serapan < 0.01) & tahun_terserap))
    temuan += [Peringatan.di(
        data.berkas("anggaran"), "realisasi kurang dari 1% pagu; bila realisasi tertulis dalam "
        "ribu atau juta rupiah sedangkan pagu dalam rupiah penuh, serapan dan efisiensi IKU "
        "yang didukungnya salah; samakan satuannya", int(a["_baris"].iloc[i]), "realisasi",
        float(a["realisasi"].iloc[i])) for i in np.flatnonzero(kecil)]
    return temuan


#: A budget line named as a total: Jumlah, Jml., Total, Sub Total, Sub-Total, Subtotal,
#: Grand Total, Total Keseluruhan (any case).
_POLA_BARIS_JUMLAH = r"(?i)(jumlah|jml\b|total|sub[ -]?total|grand[ -]?total)\b"


def periksa_subtotal_anggaran(data: DataIKU) -> list[Peringatan]:
    """Subtotal rows, which data/README.md says not to add, are counted again with the
    lines under them: a kode_rekening that another row of the same year extends
    (2.17.08 above 2.17.08.1.01) or a line named as a total ("Jumlah", "Total"). Said,
    naming the row; the rows are still counted as written."""
    a = data.tabel.get("anggaran")
    if a is None or a.empty:
        return []
    berkas = data.berkas("anggaran")
    temuan = []
    kode = a["kode_rekening"].astype(str).str.strip()
    for tahun, idx in a.groupby("tahun").groups.items():
        urut = kode.loc[idx].sort_values()
        nilai = urut.to_numpy()
        for i in range(len(nilai) - 1):
            if nilai[i] and nilai[i + 1].startswith(nilai[i] + "."):
                anak = a.loc[urut.index[i + 1], "_baris"]
                temuan.append(Peringatan.di(
                    berkas, f"kode rekening {nilai[i]} adalah induk baris {int(anak)} "
                    f"({nilai[i + 1]}) tahun {int(tahun)}: bila ini baris subtotal, pagu dan "
                    "realisasinya terhitung dua kali; hapus baris subtotal",
                    int(a.loc[urut.index[i], "_baris"]), "kode_rekening", nilai[i]))
    for kolom in ("program", "kegiatan", "sub_kegiatan", "kode_rekening"):
        if kolom not in a.columns:
            continue
        jumlah = a[kolom].astype(str).str.strip().str.match(_POLA_BARIS_JUMLAH)
        for i in np.flatnonzero(jumlah.to_numpy(dtype=bool)):
            temuan.append(Peringatan.di(
                berkas, "baris ini tampak seperti baris jumlah: pagu dan realisasinya "
                "ikut dijumlahkan dengan baris lain; hapus baris jumlah",
                int(a["_baris"].iloc[i]), kolom, a[kolom].iloc[i]))
    return temuan


def periksa_nama_wilayah(data: DataIKU) -> list[Peringatan]:
    """A row whose nama_wilayah is another area's name (any known spelling) for its
    kode_wilayah: a spreadsheet sorted on the name column alone moves every figure to
    the wrong code, and the per-area tables print another area's numbers under each
    name. One warning per table, naming its rows; unknown spellings are not judged."""
    temuan = []
    ref = data.referensi
    for kunci, t in data.tabel.items():
        if not {"kode_wilayah", "nama_wilayah", "_baris"} <= set(t.columns):
            continue
        nama = t["nama_wilayah"].astype(object)
        # every code a spelling may mean (a reference may give "Malang" to the kabupaten
        # and the kota alike): a row is flagged only when its code is none of them
        peta = {n: ref.kode_untuk_nama(n) for n in pd.unique(nama.dropna())}
        salah = np.array([isinstance(k, tuple) and bool(k) and int(kode) not in k
                          for k, kode in zip(nama.map(peta), t["kode_wilayah"], strict=True)],
                         dtype=bool)
        if salah.any():
            posisi = np.flatnonzero(salah)
            i = int(posisi[0])
            baris = [int(b) for b in t["_baris"].iloc[posisi]]
            temuan.append(Peringatan.di(
                data.berkas(kunci), f"nama_wilayah tidak sesuai dengan kode_wilayah di "
                f"{kata_baris(baris)} (mis. kode {int(t['kode_wilayah'].iloc[i])} adalah "
                f"{ref.nama(int(t['kode_wilayah'].iloc[i]))}); angka dibaca menurut kodenya: "
                "periksa apakah baris diurutkan menurut nama saja", baris[0], "nama_wilayah",
                t["nama_wilayah"].iloc[i]))
    return temuan


def periksa_tahun_data(data: DataIKU) -> list[Peringatan]:
    """A data row dated after the Renstra's last year (a typed 2052 for 2025) is read as
    that year and silently missing from the year it belongs to. One warning per table,
    naming its rows."""
    from .errors import nomor_baris

    temuan = []
    for kunci, t in data.tabel.items():
        # targets and comparison values may name later years (an RPJMN target for 2029);
        # next year's Perjanjian Kinerja and budget are written before this year's report
        if kunci in ("target_iku", "pembanding") or "tahun" not in t.columns:
            continue
        batas = config.TAHUN_AKHIR_RENSTRA + (1 if kunci in ("perjanjian_kinerja",
                                                              "anggaran") else 0)
        luar = (t["tahun"] > batas).to_numpy(dtype=bool)
        if luar.any():
            posisi = np.flatnonzero(luar)
            baris = ([nomor_baris(b) for b in t["_baris"].iloc[posisi]]
                     if "_baris" in t.columns else [])
            baris = [b for b in baris if b is not None]
            tempat = f" di {kata_baris(baris)}" if baris else ""
            temuan.append(Peringatan.di(
                data.berkas(kunci), f"{len(posisi)} baris bertahun sesudah {batas}{tempat} "
                f"(mis. {int(t['tahun'].iloc[posisi[0]])}): di luar periode Renstra, baris itu "
                "tidak dipakai untuk tahun mana pun dalam laporan (salah ketik tahun?)",
                baris[0] if baris else None, "tahun", int(t["tahun"].iloc[posisi[0]])))
    return temuan


def periksa_satuan_target(data: DataIKU) -> list[Peringatan]:
    """A Perjanjian Kinerja target five times or more away from the year's Renstra target
    is most likely in another unit (0,66 for an index of 66, 0,04 for 4 %, a number of
    koperasi for a percentage), and gives a capaian in the thousands. Said, naming the
    cell; the PK target is still the one measured against."""
    from .format_id import angka

    pk, renstra = data.tabel.get("perjanjian_kinerja"), data.tabel.get("target_iku")
    if pk is None or renstra is None or pk.empty:
        return []
    acuan = renstra.set_index(["kode_iku", "tahun"])["target"]
    acuan = acuan[~acuan.index.duplicated()]
    kunci = pd.MultiIndex.from_arrays([pk["kode_iku"], pk["tahun"]])
    r = acuan.reindex(kunci).to_numpy(dtype=float)
    t = pk["target"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rasio = t / r
    jauh = (t > 0) & (r > 0) & ((rasio > 5) | (rasio < 0.2))
    return [Peringatan.di(
        data.berkas("perjanjian_kinerja"),
        f"target PK {angka(t[i])} jauh dari target Renstra {angka(r[i])} "
        f"({pk['kode_iku'].iloc[i]} tahun {int(pk['tahun'].iloc[i])}); periksa satuannya "
        "(persen ditulis sebagai pecahan, atau jumlah alih-alih persen): capaian dihitung "
        "terhadap target PK", int(pk["_baris"].iloc[i]), "target", float(t[i]))
        for i in np.flatnonzero(jauh)]


#: Target columns: a year's target (capaian = realisasi / target x 100) and the Rencana
#: Aksi's quarterly ones.
KOLOM_TARGET = {"target_iku": ("target",),
                "perjanjian_kinerja": ("target", *KOLOM_TARGET_TW)}


def periksa_target(data: DataIKU) -> list[Peringatan]:
    """Targets as the report prints them: one with more than two decimals is used rounded
    to the two the report prints (``nasional.target_renstra``/``target_pk``), so the
    printed target and the printed capaian agree; said here, naming the cell. (A target
    of 0 is an error only for the period reported: ``hitung.periksa_periode``.)"""
    from .format_id import angka
    from .indikator.rumus import bulatkan

    temuan: list[Peringatan] = []
    for kunci, kolom_target in KOLOM_TARGET.items():
        t = data.tabel.get(kunci)
        if t is None:
            continue
        for kolom in (k for k in kolom_target if k in t.columns):
            nilai = t[kolom].to_numpy(dtype=float)
            for i in np.flatnonzero(~np.isnan(nilai)):
                if bulatkan(nilai[i]) != nilai[i]:
                    temuan.append(Peringatan.di(
                        data.berkas(kunci), f"target lebih dari dua desimal; dipakai "
                        f"{angka(bulatkan(nilai[i]))} seperti tercetak di laporan, dan "
                        "capaian dihitung terhadap nilai itu", int(t["_baris"].iloc[i]), kolom,
                        float(nilai[i])))
    temuan += _periksa_target_tw4(data)
    return temuan


def _periksa_target_tw4(data: DataIKU) -> list[Peringatan]:
    """The fourth quarter ends the year: its realisasi (to the end of TW IV) is the year's,
    so a Rencana Aksi target_tw4 other than the row's annual target would rate the same
    number twice, differently (the annual table "tercapai", the quarter table not). Said,
    naming the cell; both targets are still used as written."""
    from .format_id import angka
    from .indikator.rumus import bulatkan

    t = data.tabel.get("perjanjian_kinerja")
    if t is None or not {"target", "target_tw4"} <= set(t.columns):
        return []
    temuan = []
    for tahunan, tw4, baris in zip(t["target"], t["target_tw4"], t["_baris"], strict=True):
        if pd.notna(tahunan) and pd.notna(tw4) and bulatkan(tw4) != bulatkan(tahunan):
            temuan.append(Peringatan.di(
                data.berkas("perjanjian_kinerja"),
                f"target triwulan IV ({angka(bulatkan(tw4))}) berbeda dari target tahunan "
                f"({angka(bulatkan(tahunan))}) di baris yang sama; realisasi s.d. triwulan IV "
                "adalah realisasi setahun, jadi angka yang sama dinilai terhadap dua target "
                "yang berbeda", int(baris), "target_tw4", float(tw4)))
    return temuan


def periksa_triwulan_kosong(data: DataIKU) -> list[Peringatan]:
    """An empty ``triwulan`` cell is accepted (offices that began recording the quarter in
    a later year leave earlier years empty; a year counts whole). A year whose rows are
    partly filled and partly empty is a gap in the entry: its quarterly figures (the
    monev, the LKjIP's tables per quarter) cannot place those rows. Said per table and
    year, naming the rows; a quarterly run of that year refuses them
    (``indikator.dasar.periksa_kumulatif``)."""
    from .errors import nomor_baris

    temuan = []
    for kunci, t in data.tabel.items():
        if "triwulan" not in t.columns or "tahun" not in t.columns:
            continue
        kosong = np.isnan(t["triwulan"].to_numpy(dtype=float, na_value=np.nan))
        if not kosong.any():
            continue
        tahun = t["tahun"].to_numpy()
        for th in np.unique(tahun[kosong]):
            di_tahun = tahun == th
            if kosong[di_tahun].all():
                continue
            posisi = np.flatnonzero(di_tahun & kosong)
            baris = [b for b in (nomor_baris(x) for x in t["_baris"].iloc[posisi])
                     if b is not None] if "_baris" in t.columns else []
            tempat = f" ({kata_baris(baris)})" if baris else ""
            temuan.append(Peringatan.di(
                data.berkas(kunci), f"triwulan kosong di {len(posisi)} dari "
                f"{int(di_tahun.sum())} baris tahun {int(th)}{tempat}: angka tahunan memakai "
                "baris itu, tetapi laporan triwulanan tahun ini tidak dapat menempatkannya; "
                "isi triwulannya", baris[0] if baris else None, "triwulan"))
    return temuan


#: Named checks across tables, run once after every table passed its schema. Each
#: indicator adds its own (``DefinisiIKU.periksa_data``).
PEMERIKSAAN_SILANG = {"label sumber": periksa_label_sumber, "kode IKU": periksa_kode_iku,
                      "anggaran": periksa_anggaran, "target": periksa_target,
                      "subtotal anggaran": periksa_subtotal_anggaran,
                      "tahun data": periksa_tahun_data, "satuan target": periksa_satuan_target,
                      "nama wilayah": periksa_nama_wilayah,
                      "triwulan kosong": periksa_triwulan_kosong}


def periksa_silang(data: DataIKU) -> list[Masalah | Peringatan]:
    """Every cross-table check: errors (Masalah) and warnings (Peringatan) as values."""
    from .indikator.registri import REGISTRI

    temuan: list[Masalah | Peringatan] = []
    for periksa in PEMERIKSAAN_SILANG.values():
        temuan += periksa(data)
    for definisi in REGISTRI.values():
        temuan += definisi.periksa_data(data)
    return temuan


def skema_kolom(jenis: str) -> list[str]:
    """Column names of one input table, for documentation and templates."""
    return list(SKEMA[jenis].kolom)
