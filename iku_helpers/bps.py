"""Readers for BPS working-population tables (Sakernas, "penduduk bekerja").

Two formats are accepted, both giving the same tidy raw frame with the columns
``tahun``, ``kode_wilayah``, ``nama_wilayah``, ``penduduk_bekerja`` (persons) and
``_baris`` (row in the spreadsheet as seen in Excel, or None for JSON):

* ``bps-json``: the JSON answer of the BPS Web API for a dynamic table
  (keys ``var``, ``turvar``, ``vervar``, ``tahun``, ``turtahun``, ``datacontent``);
* ``bps-xlsx``: a static table downloaded from a BPS website as XLSX (title rows,
  a header row with years, one row per area *name*, footnotes).

Areas are matched on the code (JSON) or on the name in any known spelling, through
the area reference; values in "ribu" (thousands) are converted to persons.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from .errors import DataIKUError, Masalah, Peringatan
from .format_id import angka as angka_id
from .loaders import baca_baris_xlsx
from .parsing import NilaiTidakValid, bersihkan_label, kosong, parse_angka
from .wilayah import ReferensiWilayah

KOLOM = ["tahun", "kode_wilayah", "nama_wilayah", "penduduk_bekerja", "_baris"]
_TAHUN = re.compile(r"(?<!\d)(199\d|20\d\d|2100)(?!\d)")
_TIDAK_TERSEDIA = {"-", "\u2013", "\u2014", "..", "...", "\u2026", "x", "na", "n/a", "tt"}
_AWAL_CATATAN = ("sumber", "source", "catatan", "keterangan", "note", "*")
_NOMOR_KOLOM = re.compile(r"^\(\d+\)$")


def deteksi_format_bps(path: Path | str) -> str | None:
    """"bps-json", "bps-xlsx", or None when the file is a tidy table (or another format)."""
    path = Path(path)
    akhiran = path.suffix.lower()
    if akhiran == ".json":
        return "bps-json"
    if akhiran != ".xlsx":
        return None
    for baris in baca_baris_xlsx(path, path.name):
        if all(kosong(v) for v in baris):
            continue
        kolom = {str(v).strip().lower().replace(" ", "_") for v in baris if not kosong(v)}
        wajib = {"tahun", "kode_wilayah", "penduduk_bekerja"}
        return None if wajib <= kolom else "bps-xlsx"
    return "bps-xlsx"


def _hasil(rekaman: list[dict], nama_berkas: str, referensi: ReferensiWilayah) -> pd.DataFrame:
    if not rekaman:
        raise DataIKUError(Masalah(nama_berkas, "tabel BPS tidak berisi satu pun nilai "
                                   "penduduk bekerja"))
    df = pd.DataFrame(rekaman)
    df["nama_wilayah"] = [referensi.nama(int(k)) for k in df["kode_wilayah"]]
    df = df.astype({"tahun": "int64", "kode_wilayah": "int64", "penduduk_bekerja": "float64"})
    df = df.sort_values(["tahun", "kode_wilayah"], kind="stable").reset_index(drop=True)
    return df[KOLOM]


def _ke_orang(nilai: float, ribu: bool) -> float:
    return round(nilai * 1000, 6) if ribu else nilai


def _teks_val(val: object) -> str:
    """The text form of a JSON `val`, as used to build the datacontent keys."""
    if isinstance(val, float) and val.is_integer():
        return str(int(val))
    return str(val).strip()


def _kode_dikenal(teks: object, referensi: ReferensiWilayah) -> int | None:
    """The area code written in `teks` if it is one of the reference, else None."""
    teks = _teks_val(teks)
    return int(teks) if teks.isdigit() and int(teks) in referensi.semua_kode() else None


# --------------------------------------------------------------------------- JSON


def _daftar(data: dict, kunci: str, nama_berkas: str) -> list[dict]:
    isi = data.get(kunci)
    if not isinstance(isi, list) or not isi or not all(
            isinstance(x, dict) and "val" in x for x in isi):
        raise DataIKUError(Masalah(nama_berkas, "bagian ini tidak ada atau kosong; pastikan "
                                   "berkas adalah jawaban lengkap Web API BPS (tabel dinamis)",
                                   kolom=kunci))
    return isi


def _label(item: dict) -> str:
    return bersihkan_label(item.get("label", ""))


#: Sakernas rounds other than August: a figure of one of these is not the year's
#: penduduk bekerja of IKU 1 (the decree's source is Sakernas Agustus).
_BULAN_LAIN = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "september",
               "oktober", "november", "desember")


def _bulan_lain(teks: object) -> str | None:
    """The month other than August a label names ("Februari 2025" -> "Februari")."""
    kata = re.findall(r"[a-z]+", str(teks).lower())
    return next((b.capitalize() for b in _BULAN_LAIN if b in kata), None)


def _pilih_turtahun(daftar: list[dict], nama_berkas: str) -> dict:
    for kata in ("agustus", "tahunan"):
        cocok = [t for t in daftar if kata in _label(t).lower()]
        if cocok:
            return cocok[0]
    if len(daftar) == 1 and (bulan := _bulan_lain(_label(daftar[0]))) is not None:
        raise DataIKUError(Masalah(nama_berkas, f"periode tabel ini Sakernas {bulan}; IKU 1 "
                                   "memakai penduduk bekerja Sakernas Agustus", kolom="turtahun",
                                   nilai=_label(daftar[0])))
    if len(daftar) == 1:
        return daftar[0]
    label = ", ".join(_label(t) for t in daftar)
    raise DataIKUError(Masalah(nama_berkas, "periode (turtahun) tidak dapat dipilih: tidak ada "
                               f"'Agustus' atau 'Tahunan' di antara: {label}", kolom="turtahun"))


def _pilih_turvar(daftar: list[dict], nama_berkas: str) -> dict:
    for t in daftar:
        if _label(t).lower() == "tidak ada" or _teks_val(t["val"]) == "0":
            return t
    if len(daftar) == 1:
        return daftar[0]
    label = ", ".join(_label(t) for t in daftar)
    raise DataIKUError(Masalah(nama_berkas, "tabel dipecah menurut rincian (turvar) lebih dari "
                               f"satu; unduh tabel tanpa rincian: {label}", kolom="turvar"))


def _tahun_json(item: dict, nama_berkas: str) -> int:
    label = _label(item)
    if _TAHUN.fullmatch(label):
        return int(label)
    try:
        return int(_teks_val(item["val"])) + 1900
    except ValueError:
        raise DataIKUError(Masalah(nama_berkas, "tahun tidak dapat dibaca", kolom="tahun",
                                   nilai=item.get("label"))) from None


def baca_bps_json(path: Path | str, nama_berkas: str,
                  referensi: ReferensiWilayah) -> pd.DataFrame:
    """Read a BPS Web API dynamic-table JSON answer into the tidy raw frame."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise DataIKUError(Masalah(nama_berkas, f"berkas JSON tidak dapat dibaca ({e})")) from e
    if not isinstance(data, dict):
        raise DataIKUError(Masalah(nama_berkas, "isi JSON bukan jawaban Web API BPS"))
    if str(data.get("status", "")).upper() != "OK":
        raise DataIKUError(Masalah(nama_berkas, "jawaban Web API BPS tidak berstatus 'OK'",
                                   kolom="status", nilai=data.get("status")))
    if data.get("data-availability") != "available":
        raise DataIKUError(Masalah(nama_berkas, "Web API BPS menyatakan data tidak tersedia",
                                   kolom="data-availability",
                                   nilai=data.get("data-availability")))
    variabel = _daftar(data, "var", nama_berkas)
    if len(variabel) != 1:
        raise DataIKUError(Masalah(nama_berkas, "berkas harus berisi tepat satu variabel, "
                                   f"ditemukan {len(variabel)}: "
                                   + ", ".join(_label(v) for v in variabel), kolom="var"))
    var = variabel[0]
    ribu = "ribu" in f"{var.get('unit', '')} {var.get('label', '')}".lower()
    turvar = _pilih_turvar(_daftar(data, "turvar", nama_berkas), nama_berkas)
    turtahun = _pilih_turtahun(_daftar(data, "turtahun", nama_berkas), nama_berkas)
    isi = data.get("datacontent")
    if not isinstance(isi, dict):
        raise DataIKUError(Masalah(nama_berkas, "bagian datacontent tidak ada",
                                   kolom="datacontent"))
    masalah: list[Masalah] = []
    wilayah: list[tuple[str, int]] = []
    kode_dipakai: dict[int, str] = {}
    for v in _daftar(data, "vervar", nama_berkas):
        teks = _teks_val(v["val"])
        kode = _kode_dikenal(teks, referensi)
        kode = kode if kode is not None else referensi.cari_kode(_label(v))
        if kode is None:
            masalah.append(Masalah(nama_berkas, f"wilayah '{_label(v)}' tidak ada di referensi "
                                   f"wilayah ({referensi.berkas})", kolom="vervar",
                                   nilai=v.get("label")))
        elif kode in kode_dipakai:
            masalah.append(Masalah(nama_berkas, f"wilayah '{_label(v)}' sama dengan "
                                   f"'{kode_dipakai[kode]}' (kode {kode})", kolom="vervar",
                                   nilai=v.get("label")))
        else:
            kode_dipakai[kode] = _label(v)
            wilayah.append((teks, kode))
    tengah = _teks_val(var["val"]) + _teks_val(turvar["val"])
    akhir = _teks_val(turtahun["val"])
    rekaman: list[dict] = []
    for t in _daftar(data, "tahun", nama_berkas):
        tahun = _tahun_json(t, nama_berkas)
        for teks, kode in wilayah:
            kunci = teks + tengah + _teks_val(t["val"]) + akhir
            nilai = isi.get(kunci)
            if kosong(nilai) or str(nilai).strip().lower() in _TIDAK_TERSEDIA:
                continue
            try:
                angka = parse_angka(nilai)
            except NilaiTidakValid as e:
                masalah.append(Masalah(nama_berkas, f"nilai {e}", kolom=f"datacontent[{kunci}]",
                                       nilai=nilai))
                continue
            orang = _ke_orang(angka, ribu)
            # a JSON cell has no spreadsheet row: its kind is checked here, naming its key
            # (the table checks later could only name the file and the column)
            salah = ("bernilai negatif" if orang < 0 else
                     f"menjadi {angka_id(orang, 1)} orang, bukan bilangan bulat"
                     if orang != round(orang) else None)
            if salah:
                masalah.append(Masalah(nama_berkas, f"penduduk bekerja {referensi.nama(kode)} "
                                       f"tahun {tahun} "
                                       f"{salah}" + (" (satuan ribu)" if ribu else ""),
                                       kolom=f"datacontent[{kunci}]", nilai=nilai))
                continue
            rekaman.append({"tahun": tahun, "kode_wilayah": kode,
                            "penduduk_bekerja": orang, "_baris": None})
    if masalah:
        raise DataIKUError(masalah)
    return _hasil(rekaman, nama_berkas, referensi)


# --------------------------------------------------------------------------- XLSX


def _tahun_sel(nilai: object) -> int | None:
    """The year a header cell stands for (2021, "2021", "Agustus 2022", "2022*"), or None."""
    if isinstance(nilai, bool) or kosong(nilai):
        return None
    if isinstance(nilai, (int, float)):
        return int(nilai) if float(nilai).is_integer() and 1990 <= nilai <= 2100 else None
    tahun = set(_TAHUN.findall(str(nilai)))
    return int(tahun.pop()) if len(tahun) == 1 else None


def _kolom_tahun(kepala: list[object], kiri: int, nama_berkas: str,
                 nomor: int, dilewati: list | None = None) -> dict[int, int]:
    """Column index -> year, choosing the August column when a year appears twice."""
    per_tahun: dict[int, list[int]] = {}
    for j, sel in enumerate(kepala):
        tahun = _tahun_sel(sel) if j > kiri else None
        if tahun is not None:
            per_tahun.setdefault(tahun, []).append(j)
    hasil = {}
    for tahun, kolom in per_tahun.items():
        if len(kolom) > 1:
            agustus = [j for j in kolom if "agustus" in str(kepala[j]).lower()]
            if len(agustus) != 1:
                raise DataIKUError(Masalah(nama_berkas, f"tahun {tahun} muncul di beberapa kolom "
                                           "dan tidak ada satu kolom 'Agustus'", nomor,
                                           str(kepala[kolom[1]]).strip()))
            kolom = agustus
        elif (bulan := _bulan_lain(kepala[kolom[0]])) is not None:
            # the year's only column is another Sakernas round (a mid-year table ends in
            # "Februari 2025"): read as the year's, it would be the wrong denominator under
            # a report that says "Agustus". Left out, and said; a report for that year then
            # finds no penduduk bekerja for it
            if dilewati is not None:
                dilewati.append(Peringatan.di(
                    nama_berkas, f"kolom tahun {tahun} adalah Sakernas {bulan}, bukan Agustus: "
                    "tidak dibaca (IKU 1 memakai penduduk bekerja Sakernas Agustus)", nomor,
                    str(kepala[kolom[0]]).strip()))
            continue
        hasil[kolom[0]] = tahun
    return hasil


def baca_bps_xlsx(path: Path | str, nama_berkas: str, referensi: ReferensiWilayah,
                  peringatan: list | None = None) -> pd.DataFrame:
    """Read a BPS static table downloaded as XLSX into the tidy raw frame (a column of
    another Sakernas round is left out, with a warning appended to ``peringatan``)."""
    semua = baca_baris_xlsx(Path(path), nama_berkas)
    terisi = [j for b in semua for j, v in enumerate(b) if not kosong(v)]
    if not terisi:
        raise DataIKUError(Masalah(nama_berkas, "berkas kosong"))
    kiri = min(terisi)  # the area-name column: the leftmost column in use
    i_kepala = next((i for i, b in enumerate(semua)
                     if any(_tahun_sel(v) is not None for v in b[kiri + 1:])), None)
    if i_kepala is None:
        raise DataIKUError(Masalah(nama_berkas, "baris judul kolom berisi tahun (mis. 2022) "
                                   "tidak ditemukan; apakah ini tabel statis BPS?"))
    kepala = semua[i_kepala]
    kolom_tahun = _kolom_tahun(kepala, kiri, nama_berkas, i_kepala + 1, peringatan)
    label_wilayah = kepala[kiri] if not kosong(kepala[kiri]) else None
    if label_wilayah is None and i_kepala > 0:
        atas = semua[i_kepala - 1]
        if sum(not kosong(v) for v in atas) >= 2 and len(atas) > kiri and not kosong(atas[kiri]):
            label_wilayah = atas[kiri]  # "Kabupaten/Kota" above a merged "Tahun" cell
    label_wilayah = bersihkan_label(label_wilayah or "Kabupaten/Kota")
    ribu = any("ribu" in str(v).lower() for b in semua[: i_kepala + 1] for v in b
               if not kosong(v))
    masalah: list[Masalah] = []
    rekaman: list[dict] = []
    baris_kode: dict[int, int] = {}
    for i in range(i_kepala + 1, len(semua)):
        baris, nomor = semua[i], i + 1
        sel = [baris[j] if j < len(baris) else None for j in range(len(kepala))]
        nama = sel[kiri]
        if not kosong(nama) and str(nama).strip().lower().startswith(_AWAL_CATATAN):
            break
        terisi_baris = [v for v in sel if not kosong(v)]
        if not terisi_baris or all(_NOMOR_KOLOM.match(str(v).strip()) for v in terisi_baris):
            continue  # empty row, or the "(1) (2) (3)" column-number row
        nilai = {j: sel[j] for j in kolom_tahun
                 if not kosong(sel[j]) and str(sel[j]).strip().lower() not in _TIDAK_TERSEDIA}
        if not nilai:
            continue  # no figure at all (sub-heading, or every year "-")
        if kosong(nama):
            masalah.append(Masalah(nama_berkas, "nama wilayah kosong pada baris berisi angka",
                                   nomor, label_wilayah))
            continue
        kode = referensi.cari_kode(nama)
        if kode is None:  # a code instead of a name
            kode = _kode_dikenal(nama, referensi)
        if kode is None:
            masalah.append(Masalah(nama_berkas, "nama wilayah tidak ada di referensi wilayah "
                                   f"({referensi.berkas})", nomor, label_wilayah, nama))
            continue
        if kode in baris_kode:
            masalah.append(Masalah(nama_berkas, f"wilayah {referensi.nama(kode)} (kode {kode}) "
                                   f"sudah ada di baris {baris_kode[kode]}", nomor,
                                   label_wilayah, nama))
            continue
        baris_kode[kode] = nomor
        for j, isi in nilai.items():
            try:
                angka = parse_angka(isi)
            except NilaiTidakValid as e:
                masalah.append(Masalah(nama_berkas, f"nilai {e}", nomor,
                                       bersihkan_label(kepala[j]), isi))
                continue
            rekaman.append({"tahun": kolom_tahun[j], "kode_wilayah": kode,
                            "penduduk_bekerja": _ke_orang(angka, ribu), "_baris": nomor})
    if masalah:
        raise DataIKUError(masalah)
    return _hasil(rekaman, nama_berkas, referensi)
