"""Loading a data folder: the manifest ``sumber_data.yaml``, the catalog, the targets
and every input table, validated before anything is computed."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from . import config
from .errors import DataIKUError, Masalah
from .indikator import SKALA_KATEGORI_BAWAAN, TingkatKategori
from .loaders import baca_tabel
from .validasi import SKEMA, validasi_tabel
from .wilayah import ReferensiWilayah, baca_referensi_wilayah

STATUS_DITERIMA = ("resmi", "sementara", "contoh")
TABEL_WAJIB = ("iku", "target_iku", "penduduk_bekerja", "tenaga_kerja_kukm",
               "evaluasi_koperasi", "evaluasi_usaha_kecil", "indeks_rb")
TABEL_OPSIONAL = ("komponen_rb", "wilayah")
TOLERANSI_KOMPONEN_RB = 0.01


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
class Pengaturan:
    """Settings a data folder may override under ``pengaturan:`` in the manifest."""

    skala_kategori: tuple[TingkatKategori, ...] = SKALA_KATEGORI_BAWAAN
    batas_capaian: float | None = None
    ambang_selisih_penyebut_persen: float = 0.5


@dataclass
class DataIKU:
    """Everything a computation needs, validated."""

    data_dir: Path
    instansi: str
    katalog: dict[str, dict]
    katalog_meta: dict
    target: pd.DataFrame
    penduduk_bekerja: pd.DataFrame
    tenaga_kerja_kukm: pd.DataFrame
    evaluasi_koperasi: pd.DataFrame
    evaluasi_usaha_kecil: pd.DataFrame
    indeks_rb: pd.DataFrame
    komponen_rb: pd.DataFrame | None
    referensi: ReferensiWilayah
    sumber: list[SumberData]
    pengaturan: Pengaturan = field(default_factory=Pengaturan)
    peringatan: list[str] = field(default_factory=list)
    instansi_singkat: str = ""  # for the running header; empty = instansi

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
        """Years for which every IKU table has rows and a target exists."""
        tabel = [self.penduduk_bekerja, self.tenaga_kerja_kukm, self.evaluasi_koperasi,
                 self.evaluasi_usaha_kecil, self.indeks_rb]
        bersama = set.intersection(*(set(t["tahun"]) for t in tabel))
        koperasi = set(self.evaluasi_koperasi["tahun"])
        bersama = {t for t in bersama if t - 1 in koperasi}  # IKU2 needs t-1
        target = set(self.target["tahun"])
        return sorted(t for t in bersama & target
                      if config.TAHUN_AWAL_RENSTRA <= t <= config.TAHUN_AKHIR_RENSTRA)

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
    path = data_dir / config.MANIFEST
    if not data_dir.exists():
        raise DataIKUError(Masalah(str(data_dir), "folder data tidak ditemukan"))
    if not data_dir.is_dir():
        raise DataIKUError(Masalah(str(data_dir), "bukan folder"))
    if not path.exists():
        raise DataIKUError(Masalah(config.MANIFEST, f"berkas manifest tidak ada di {data_dir}"))
    try:
        isi = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise DataIKUError(Masalah(config.MANIFEST, f"YAML tidak dapat dibaca: {e}")) from e
    if not isinstance(isi, dict) or not isinstance(isi.get("data"), dict):
        raise DataIKUError(Masalah(config.MANIFEST, "harus berisi bagian 'data:'", kolom="data"))
    masalah = []
    for kunci in TABEL_WAJIB:
        entri = isi["data"].get(kunci)
        if not isinstance(entri, dict) or not entri.get("berkas"):
            masalah.append(Masalah(config.MANIFEST, "entri wajib tidak ada atau tanpa 'berkas'",
                                   kolom=f"data.{kunci}"))
    for kunci, entri in isi["data"].items():
        if kunci not in TABEL_WAJIB + TABEL_OPSIONAL:
            masalah.append(Masalah(config.MANIFEST, "entri tidak dikenal", kolom=f"data.{kunci}"))
        elif isinstance(entri, dict) and entri.get("status") not in STATUS_DITERIMA:
            masalah.append(Masalah(config.MANIFEST, "status harus resmi, sementara atau contoh",
                                   kolom=f"data.{kunci}.status", nilai=entri.get("status")))
    if masalah:
        raise DataIKUError(masalah)
    return isi


def _baca_pengaturan(isi: dict) -> Pengaturan:
    p = isi.get("pengaturan") or {}
    if not isinstance(p, dict):
        raise DataIKUError(Masalah(config.MANIFEST, "harus berupa pemetaan", kolom="pengaturan"))
    skala = SKALA_KATEGORI_BAWAAN
    if p.get("skala_kategori"):
        try:
            skala = tuple(TingkatKategori(str(t["kategori"]), None if t.get("di_atas") is None
                                          else float(t["di_atas"]))
                          for t in p["skala_kategori"])
        except (KeyError, TypeError, ValueError) as e:
            raise DataIKUError(Masalah(config.MANIFEST, "setiap tingkat butuh 'kategori' dan "
                                       "'di_atas' (angka, atau kosong untuk tingkat terakhir)",
                                       kolom="pengaturan.skala_kategori")) from e
        batas = [t.di_atas for t in skala]
        if batas[-1] is not None or any(b is None for b in batas[:-1]) or batas[:-1] != sorted(
                batas[:-1], reverse=True):
            raise DataIKUError(Masalah(config.MANIFEST, "ambang harus menurun dan tingkat "
                                       "terakhir tanpa ambang", kolom="pengaturan.skala_kategori"))
    batas_capaian = p.get("batas_capaian")
    return Pengaturan(
        skala_kategori=skala,
        batas_capaian=None if batas_capaian is None else float(batas_capaian),
        ambang_selisih_penyebut_persen=float(p.get("ambang_selisih_penyebut_persen", 0.5)),
    )


def baca_katalog(path: Path, nama_berkas: str) -> tuple[dict[str, dict], dict]:
    if not path.exists():
        raise DataIKUError(Masalah(nama_berkas, "berkas tidak ditemukan"))
    isi = yaml.safe_load(path.read_text(encoding="utf-8"))
    wajib = ("kode_iku", "indikator", "satuan", "arah", "formula", "sumber_data")
    masalah = []
    katalog = {}
    for i, iku in enumerate(isi.get("iku", []), start=1):
        for k in wajib:
            if not iku.get(k):
                masalah.append(Masalah(nama_berkas, f"IKU ke-{i}: isian wajib kosong", kolom=k))
        if iku.get("arah") not in ("naik", "turun"):
            masalah.append(Masalah(nama_berkas, f"IKU ke-{i}: arah harus naik atau turun",
                                   kolom="arah", nilai=iku.get("arah")))
        katalog[iku.get("kode_iku")] = iku
    if masalah:
        raise DataIKUError(masalah)
    if set(katalog) != {"IKU1", "IKU2", "IKU3", "IKU4"}:
        raise DataIKUError(Masalah(nama_berkas, "katalog harus memuat tepat IKU1..IKU4",
                                   kolom="kode_iku", nilai=sorted(map(str, katalog))))
    meta = {k: v for k, v in isi.items() if k != "iku"}
    return katalog, meta


def _baca_penduduk_bekerja(path, nama, referensi, format_, peringatan):
    from . import bps

    if format_ == "tabel":
        deteksi = bps.deteksi_format_bps(path)
        format_ = deteksi or "tabel"
    if format_ == "bps-json":
        return bps.baca_bps_json(path, nama, referensi), format_
    if format_ == "bps-xlsx":
        return bps.baca_bps_xlsx(path, nama, referensi), format_
    return baca_tabel(path, nama, peringatan=peringatan), "tabel"


def muat_data(data_dir: Path | str = config.DATA_DIR) -> DataIKU:
    """Read the manifest and every input, validate them, and return them typed."""
    data_dir = Path(data_dir)
    isi = baca_manifest(data_dir)
    pengaturan = _baca_pengaturan(isi)
    peringatan: list[str] = []
    entri = isi["data"]

    def path_dari(kunci: str) -> tuple[Path, str]:
        berkas = str(entri[kunci]["berkas"])
        return (data_dir / berkas).resolve(), berkas

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

    def muat_satu(kunci: str) -> tuple[pd.DataFrame, SumberData, list[str]]:
        p, nama = path_dari(kunci)
        format_ = str(entri[kunci].get("format", "tabel"))
        catatan: list[str] = []
        if kunci == "penduduk_bekerja":
            mentah, format_ = _baca_penduduk_bekerja(p, nama, referensi, format_, catatan)
        else:
            mentah = baca_tabel(p, nama, peringatan=catatan)
        perlu_kode = kunci not in ("target_iku", "komponen_rb")
        bersih = validasi_tabel(mentah, kunci, nama, kode_wilayah if perlu_kode else None,
                                catatan)
        return bersih, SumberData(kunci, nama, p, str(entri[kunci].get("sumber", "")),
                                  entri[kunci]["status"], len(bersih), _sha256(p),
                                  format_), catatan

    # The tables are independent: read and check them on two threads (Arrow's readers and
    # kernels release the GIL). Results, warnings and the error reported are taken in
    # the fixed order below, so a run is deterministic whatever finishes first.
    urutan = [k for k in ("target_iku", "penduduk_bekerja", "tenaga_kerja_kukm",
                          "evaluasi_koperasi", "evaluasi_usaha_kecil", "indeks_rb",
                          "komponen_rb") if k in entri]
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pelaksana:
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
        katalog_meta=katalog_meta, target=tabel["target_iku"],
        penduduk_bekerja=tabel["penduduk_bekerja"], tenaga_kerja_kukm=tabel["tenaga_kerja_kukm"],
        evaluasi_koperasi=tabel["evaluasi_koperasi"],
        evaluasi_usaha_kecil=tabel["evaluasi_usaha_kecil"], indeks_rb=tabel["indeks_rb"],
        komponen_rb=tabel.get("komponen_rb"), referensi=referensi, sumber=sumber,
        pengaturan=pengaturan, peringatan=peringatan,
        instansi_singkat=str(isi.get("instansi_singkat") or ""),
    )
    _periksa_label_sumber(data)
    _periksa_silang(data)
    return data


def _periksa_label_sumber(data: DataIKU) -> None:
    """Official status with a source that still reads like sample data: say so."""
    for s in data.sumber:
        if s.status != "contoh" and any(k in s.sumber.lower() for k in ("contoh", "sintetis")):
            data.peringatan.append(
                f"{config.MANIFEST}: masukan '{s.kunci}' berstatus {s.status}, tetapi sumbernya "
                f"masih berbunyi \"{s.sumber[:60]}\"; perbarui isian 'sumber'.")
    if not data.ada_data_contoh:
        for narasi in sorted((data.data_dir / "narasi").glob("*.md")):
            awal = narasi.read_text(encoding="utf-8")[:200].upper()
            if "CONTOH" in awal:
                data.peringatan.append(
                    f"narasi/{narasi.name} masih bertanda CONTOH padahal semua data berstatus "
                    "resmi/sementara; ganti dengan narasi analis.")


def _periksa_silang(data: DataIKU) -> None:
    """Checks across tables: targets vs catalog and period, komponen RB vs indeks."""
    masalah = []
    berkas_target = data.berkas("target_iku")
    t = data.target
    for _, baris in t.iterrows():
        if baris["kode_iku"] not in data.katalog:
            masalah.append(Masalah(berkas_target, "kode IKU tidak ada di katalog",
                                   int(baris["_baris"]), "kode_iku", baris["kode_iku"]))
        if not config.TAHUN_AWAL_RENSTRA <= baris["tahun"] <= config.TAHUN_AKHIR_RENSTRA:
            masalah.append(Masalah(berkas_target, "tahun di luar periode Renstra "
                                   f"{config.TAHUN_AWAL_RENSTRA}-{config.TAHUN_AKHIR_RENSTRA}",
                                   int(baris["_baris"]), "tahun", int(baris["tahun"])))
    berkas_rb = data.berkas("indeks_rb")
    for _, baris in data.indeks_rb.iterrows():
        if baris["indeks"] > 100:
            masalah.append(Masalah(berkas_rb, "indeks RB harus antara 0 dan 100",
                                   int(baris["_baris"]), "indeks", baris["indeks"]))
    if data.komponen_rb is not None and "kode_wilayah" not in data.indeks_rb.columns:
        masalah += _periksa_komponen_rb(data)
    if masalah:
        raise DataIKUError(masalah)


def _periksa_komponen_rb(data: DataIKU) -> list[Masalah]:
    berkas = data.berkas("komponen_rb")
    k = data.komponen_rb
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
    jumlah = k.groupby("tahun")["nilai"].sum()
    indeks = data.indeks_rb.set_index("tahun")["indeks"]
    for tahun, total in jumlah.items():
        if tahun not in indeks.index:
            baris = int(k.loc[k["tahun"] == tahun, "_baris"].iloc[0])
            masalah.append(Masalah(berkas, f"tahun {tahun} tidak ada di "
                                   f"{data.berkas('indeks_rb')}", baris, "tahun", int(tahun)))
        elif abs(total - indeks[tahun]) > TOLERANSI_KOMPONEN_RB + 1e-9:
            baris = int(k.loc[k["tahun"] == tahun, "_baris"].iloc[-1])
            masalah.append(Masalah(
                berkas, f"jumlah nilai komponen tahun {tahun} = {total:.2f}, tidak sama dengan "
                f"indeks {indeks[tahun]:.2f} di {data.berkas('indeks_rb')} (toleransi 0,01)",
                baris, "nilai", round(float(total), 2)))
    return masalah


def skema_kolom(jenis: str) -> list[str]:
    """Column names of one input table, for documentation and templates."""
    return list(SKEMA[jenis].kolom)
