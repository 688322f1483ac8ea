"""Schemas of the manifest (``sumber_data.yaml``) and the IKU catalog (``katalog_iku.yaml``).

Both files are read with ``yaml_aman.muat_yaml`` (duplicate keys, aliases, size) and
then checked here with pydantic models, strictly:

* unknown keys are refused, with the nearest known key suggested (a misspelt
  ``batas_capain`` must not be ignored silently);
* types are not coerced (``batas_capaian: "110"`` or ``true`` is refused, not read);
* ranges (documented in data/README.md):
  - ``batas_capaian``: null (no cap) or a number from 100 to 1000; a cap below 100 %
    would rate a target met as not met;
  - ``ambang_selisih_penyebut_persen``: 0 to 100;
  - ``batas_ukuran_berkas_mb``: above 0, at most 1.000.000 (default 500);
  - ``skala_kategori``: at least two tiers, thresholds (``di_atas``) strictly
    decreasing, the last tier without a threshold;
  - infinite or NaN numbers (``.inf``, ``.nan``) are refused everywhere;
* the catalog must hold at least one entry and no ``kode_iku`` twice.

Every message names the file, the key path (``pengaturan.batas_capaian``) and the line.
The keys other features add (``penandatangan``, ``perjanjian_kinerja``, ``anggaran``,
``pembanding``, ``metode_efisiensi``, ``ambang_status_triwulan``, ``sifat_data``) are
accepted here already, each with its own type.
"""

from __future__ import annotations

import difflib
import typing
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import DataIKUError, Masalah
from .yaml_aman import DokumenYaml, tulis_jalur

STATUS_DITERIMA = ("resmi", "sementara", "contoh")
FORMAT_DITERIMA = ("tabel", "bps-json", "bps-xlsx")
BATAS_UKURAN_BERKAS_MB_BAWAAN = 500.0


class _Ketat(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


Teks = typing.Annotated[str, Field(min_length=1)]


class EntriData(_Ketat):
    """One input table (or the catalog) under ``data:``."""

    berkas: Teks
    status: Literal["resmi", "sementara", "contoh"]
    sumber: str = ""
    format: Literal["tabel", "bps-json", "bps-xlsx"] = "tabel"


class BagianData(_Ketat):
    iku: EntriData
    target_iku: EntriData
    penduduk_bekerja: EntriData
    tenaga_kerja_kukm: EntriData
    evaluasi_koperasi: EntriData
    evaluasi_usaha_kecil: EntriData
    indeks_rb: EntriData
    komponen_rb: EntriData | None = None
    wilayah: EntriData | None = None
    perjanjian_kinerja: EntriData | None = None
    anggaran: EntriData | None = None
    pembanding: EntriData | None = None


class TingkatSkala(_Ketat):
    kategori: Teks
    di_atas: float | None = None


class BagianPengaturan(_Ketat):
    skala_kategori: list[TingkatSkala] | None = None
    batas_capaian: float | None = Field(None, ge=100, le=1000)
    ambang_selisih_penyebut_persen: float = Field(0.5, ge=0, le=100)
    metode_efisiensi: Literal["rasio", "sisa_anggaran"] = "rasio"
    ambang_status_triwulan: dict[str, Any] | None = None
    batas_ukuran_berkas_mb: float = Field(BATAS_UKURAN_BERKAS_MB_BAWAAN, gt=0, le=1_000_000)
    izinkan_symlink_luar: bool = False

    @field_validator("skala_kategori")
    @classmethod
    def _skala_menurun(cls, skala):
        if skala is None:
            return skala
        if len(skala) < 2:
            raise ValueError("skala butuh paling sedikit dua tingkat")
        batas = [t.di_atas for t in skala]
        if batas[-1] is not None:
            raise ValueError("tingkat terakhir tidak boleh punya ambang 'di_atas' (tulis null)")
        if any(b is None for b in batas[:-1]):
            raise ValueError("setiap tingkat kecuali yang terakhir butuh ambang 'di_atas' "
                             "berupa angka")
        if any(a <= b for a, b in zip(batas[:-2], batas[1:-1], strict=True)):
            raise ValueError("ambang 'di_atas' harus menurun tegas dari tingkat pertama ke "
                             f"tingkat terakhir (tertulis: {batas[:-1]})")
        return skala


class Penandatangan(_Ketat):
    tempat: str | None = None
    jabatan: str | None = None
    nama: str | None = None
    nip: str | None = None

    @field_validator("nip", mode="before")
    @classmethod
    def _nip_angka(cls, nilai):
        # An unquoted 18-digit NIP is read by YAML as an integer: exact, so keep its digits.
        if isinstance(nilai, int) and not isinstance(nilai, bool):
            return str(nilai)
        return nilai


class Manifest(_Ketat):
    instansi: str = ""
    instansi_singkat: str | None = None
    data: BagianData
    pengaturan: BagianPengaturan | None = None
    penandatangan: Penandatangan | None = None


class EntriIKU(_Ketat):
    kode_iku: Teks
    nomor: int | None = None
    indikator: Teks
    satuan: Teks
    arah: Literal["naik", "turun"]
    formula: Teks
    sumber_data: Teks
    tujuan: str | None = None
    sasaran: str | None = None
    pembilang: str | None = None
    penyebut: str | None = None
    satuan_hitung: str | None = None
    penjelasan: str | None = None
    penanggung_jawab: str | None = None
    sifat_data: Literal["kumulatif", "nilai_akhir"] | None = None


class MisiRPJMD(_Ketat):
    """A mission of the regional medium-term plan (RPJMD) the office serves."""

    nomor: int = Field(ge=1)
    misi: Teks
    peran: Literal["penanggung jawab", "kontributor"]
    tujuan: str | None = None
    sasaran: str | None = None


class Katalog(_Ketat):
    dokumen: str | None = None
    periode_renstra: str | None = None
    rpjmd: str | None = None
    misi_rpjmd: list[MisiRPJMD] | None = None
    tahun_awal: int | None = Field(None, ge=1990, le=2100)
    tahun_akhir: int | None = Field(None, ge=1990, le=2100)
    iku: list[EntriIKU] = Field(min_length=1)

    @model_validator(mode="after")
    def _urutan_tahun(self):
        if self.tahun_awal and self.tahun_akhir and self.tahun_awal > self.tahun_akhir:
            raise ValueError("tahun_awal lebih besar dari tahun_akhir")
        return self


# ------------------------------------------------------------------ Indonesian messages
def _model_di(model: type[BaseModel], jalur: tuple) -> type[BaseModel] | None:
    """The model class describing the mapping at ``jalur`` (for the list of known keys)."""
    for bagian in jalur:
        if isinstance(bagian, int):
            continue
        info = model.model_fields.get(bagian)
        model = None if info is None else _cari_model(info.annotation)
        if model is None:
            return None
    return model


def _cari_model(jenis) -> type[BaseModel] | None:
    if isinstance(jenis, type) and issubclass(jenis, BaseModel):
        return jenis
    for arg in typing.get_args(jenis):
        ketemu = _cari_model(arg)
        if ketemu is not None:
            return ketemu
    return None


def _daftar(pilihan) -> str:
    teks = [str(p) for p in pilihan]
    return teks[0] if len(teks) == 1 else ", ".join(teks[:-1]) + " atau " + teks[-1]


def _pesan(galat: dict, model: type[BaseModel], jalur: tuple) -> str:
    jenis = galat["type"]
    ctx = galat.get("ctx") or {}
    nama = next((str(b) for b in reversed(jalur) if isinstance(b, str)), "nilai")
    if jenis == "extra_forbidden":
        induk = _model_di(model, jalur[:-1])
        dikenal = sorted(induk.model_fields) if induk else []
        mirip = difflib.get_close_matches(str(jalur[-1]), dikenal, n=1, cutoff=0.6)
        saran = (f"; mungkin maksudnya '{mirip[0]}'?" if mirip
                 else f"; kunci yang dikenal: {', '.join(dikenal)}" if dikenal else "")
        return f"kunci '{jalur[-1]}' tidak dikenal{saran}"
    if jenis == "missing":
        if len(jalur) == 2 and jalur[0] == "data":
            return f"entri wajib '{jalur[1]}' tidak ada"
        return f"kunci wajib '{nama}' tidak ada"
    if jenis == "literal_error":
        pilihan = typing.get_args(_jenis_bidang(model, jalur)) or ()
        return f"{nama} harus {_daftar(pilihan)}" if pilihan else f"{nama} tidak sah"
    if jenis in ("string_type",):
        return f"{nama} harus berupa teks (beri tanda kutip bila perlu)"
    if jenis in ("string_too_short", "too_short") and ctx.get("min_length", 1) <= 1:
        return f"{nama} tidak boleh kosong"
    if jenis == "too_short":
        return f"{nama} butuh paling sedikit {ctx.get('min_length')} isian"
    if jenis in ("float_type", "float_parsing", "int_from_float"):
        return f"{nama} harus berupa angka (tanpa tanda kutip)"
    if jenis in ("int_type", "int_parsing"):
        return f"{nama} harus berupa bilangan bulat (tanpa tanda kutip)"
    if jenis == "finite_number":
        return f"{nama} harus angka terhingga (bukan .inf atau .nan)"
    if jenis == "bool_type":
        return f"{nama} harus true atau false"
    if jenis in ("model_type", "dict_type", "model_attributes_type"):
        return f"{nama} harus berupa pemetaan (kunci: nilai)"
    if jenis == "list_type":
        return f"{nama} harus berupa daftar (baris berawalan '- ')"
    if jenis == "greater_than_equal":
        return f"{nama} harus paling kecil {_g(ctx.get('ge'))}"
    if jenis == "greater_than":
        return f"{nama} harus lebih besar dari {_g(ctx.get('gt'))}"
    if jenis == "less_than_equal":
        return f"{nama} harus paling besar {_g(ctx.get('le'))}"
    if jenis == "less_than":
        return f"{nama} harus lebih kecil dari {_g(ctx.get('lt'))}"
    if jenis == "value_error":
        return str(ctx.get("error", "nilai tidak sah"))
    return f"{nama} tidak sah ({jenis})"


def _g(angka) -> str:
    if isinstance(angka, float) and angka.is_integer():
        angka = int(angka)
    return f"{angka:,}".replace(",", ".") if isinstance(angka, int) else str(angka)


def _jenis_bidang(model: type[BaseModel], jalur: tuple):
    induk = _model_di(model, jalur[:-1])
    if induk is None or not isinstance(jalur[-1], str) or jalur[-1] not in induk.model_fields:
        return None
    jenis = induk.model_fields[jalur[-1]].annotation
    # Optional[Literal[...]]: take the Literal
    for arg in typing.get_args(jenis) or (jenis,):
        if typing.get_origin(arg) is Literal:
            return arg
    return jenis


def _periksa(model: type[BaseModel], dok: DokumenYaml, nama_berkas: str,
             awalan: tuple = ()) -> BaseModel:
    try:
        return model.model_validate(dok.isi)
    except ValidationError as e:
        masalah = []
        for galat in e.errors(include_url=False):
            jalur = tuple(galat["loc"])
            masalah.append(Masalah(nama_berkas, _pesan(galat, model, jalur),
                                   dok.baris_dari(awalan + jalur),
                                   tulis_jalur(awalan + jalur) or None,
                                   _tampil(galat.get("input"), galat["type"])))
        masalah.sort(key=lambda m: m.baris or 0)
        raise DataIKUError(masalah) from None


def _tampil(nilai, jenis: str):
    if jenis in ("missing", "extra_forbidden") or isinstance(nilai, (dict, list)):
        return None
    return nilai


def periksa_manifest(dok: DokumenYaml, nama_berkas: str) -> Manifest:
    """Validate a parsed manifest. Raises DataIKUError naming file, key path and line."""
    return _periksa(Manifest, dok, nama_berkas)


def periksa_pengaturan(isi: object, nama_berkas: str,
                       dok: DokumenYaml | None = None) -> BagianPengaturan:
    """Validate the ``pengaturan`` mapping alone (lines only when ``dok`` is given)."""
    dok_bagian = DokumenYaml(isi if isi is not None else {}, dok.baris if dok else {})
    return _periksa(BagianPengaturan, dok_bagian, nama_berkas, ("pengaturan",))


def periksa_katalog(dok: DokumenYaml, nama_berkas: str) -> Katalog:
    """Validate a parsed catalog, including that no kode_iku appears twice."""
    katalog = _periksa(Katalog, dok, nama_berkas)
    pertama: dict[str, int] = {}
    masalah = []
    for i, iku in enumerate(katalog.iku):
        baris = dok.baris_dari(("iku", i, "kode_iku"))
        if iku.kode_iku in pertama:
            masalah.append(Masalah(nama_berkas, f"kode_iku '{iku.kode_iku}' sudah ada di baris "
                                   f"{pertama[iku.kode_iku]}; satu IKU hanya boleh ditulis "
                                   "sekali", baris, tulis_jalur(("iku", i, "kode_iku"))))
        else:
            pertama[iku.kode_iku] = baris or 0
    if masalah:
        raise DataIKUError(masalah)
    return katalog
