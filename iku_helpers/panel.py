"""One control panel for the analysts' workbook and the code-free dashboard (Voilà).

:class:`DasborIKU` reads the data once, computes every year once (cached), and shows
the workbook's sections as widgets. Each control (tahun, IKU, kabupaten/kota, the
what-if values, how many koperasi to list, triwulan when quarterly data exist) is wired
to the sections that depend on it; changing it re-renders only those sections, without
re-running the notebook. The numbers and sentences come first, the charts after, so
the figures an analyst reads change at once even on a slow machine.

Every IKU rule stays in :mod:`iku_helpers.hitung`, :mod:`iku_helpers.indikator` and
:mod:`iku_helpers.analisis`; this module only arranges and formats their results.

Parameter values are checked up front by :func:`periksa_parameter` (a
:class:`~iku_helpers.errors.ParameterError` naming the parameter and the valid values);
:func:`buat_dasbor` turns that error into an Indonesian message box instead of a
traceback, so a bad value in the notebook's ``parameters`` cell never shows Python
internals.
"""

from __future__ import annotations

import base64
import html
import math
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from . import analisis as an
from . import config
from .data_iku import DataIKU, muat_data
from .errors import DataIKUError, ParameterError
from .excel import aman_csv, tulis_xlsx
from .format_id import KOSONG, angka, bilangan, nama_iku, persen, tanggal_waktu
from .grafik import (
    WARNA_KATEGORI,
    grafik_capaian,
    grafik_komponen_rb,
    grafik_wilayah,
    warna_kategori,
)
from .grafik_dasbor import grafik_kecil_sampai, grafik_tren_dasbor, ke_png, ke_svg
from .hitung import HasilIKU, hitung_iku
from .indikator import hitung_realisasi
from .indikator.periode import ROMAWI, Periode
from .indikator.rumus import PENYEBUT_MINIMUM
from .keluaran import pilih_akhiran
from .parsing import NilaiTidakValid, parse_angka
from .triwulan import KATEGORI_STATUS, STATUS_TIDAK_TERUKUR, label_status

#: The tables (``_tabel`` keys) each section shows, dropped from the export when the
#: section is rebuilt (a year without data shows none).
TABEL_BAGIAN = {"capaian": ("capaian",), "tren": ("proyeksi",), "wilayah": ("wilayah",),
                "rincian": ("koperasi", "uk_wilayah", "usaha_kecil"),
                "terdekat": ("terdekat",), "skenario": ("skenario",)}

#: Each section's heading without its period: the start of its heading, and the name in
#: the message shown in its place when it cannot be built (and in the error area).
JUDUL_BAGIAN = {"status": "Status data", "capaian": "1. Capaian IKU",
                "tren": "2. Tren dan proyeksi", "wilayah": "3. Per kabupaten/kota",
                "rincian": "4. Rincian koperasi, usaha kecil dan komponen Indeks RB",
                "terdekat": "5. Koperasi terdekat memenuhi kriteria IKU 2",
                "skenario": '6. Skenario "bagaimana jika"', "ekspor": "7. Ekspor",
                "kontrol": "Panel kontrol"}

#: A quarter's status (as the monev report words it) in the colours the monev report gives
#: it (triwulan.KATEGORI_STATUS); one not measurable is grey, as an unmeasured kategori.
WARNA_STATUS = {label_status(s): warna_kategori(k) for s, k in
                {**KATEGORI_STATUS, STATUS_TIDAK_TERUKUR: None}.items()}

#: The triwulan dropdown's "whole year" choice.
SETAHUN = "Setahun"
TAHUN_PILIHAN = tuple(range(config.TAHUN_AWAL_RENSTRA, config.TAHUN_AKHIR_RENSTRA + 1))
#: Limits of the what-if number boxes for the IKU1 workforce (people).
BATAS_TENAGA_KERJA = 1_000_000

# --------------------------------------------------------------------------- headings
#: Indonesian column headings; the order of each ``KOLOM_*`` list is the order shown
#: (what an analyst reads first comes first).
JUDUL_KOLOM: dict[str, str] = {
    "kode_iku": "IKU", "indikator": "Indikator", "satuan": "Satuan", "tahun": "Tahun",
    "target": "Target", "realisasi": "Realisasi", "capaian_persen": "Capaian (%)",
    "kategori": "Kategori", "pembilang": "Pembilang", "penyebut": "Penyebut",
    "kesimpulan": "Kesimpulan", "realisasi_terakhir": "Realisasi terakhir",
    "tahun_terakhir": "Tahun terakhir", "tahun_awal": "Tahun awal tren",
    "proyeksi": "Proyeksi 2026", "batas_bawah": "Batas bawah (95%)",
    "batas_atas": "Batas atas (95%)", "target_tujuan": "Target 2026",
    "kemiringan_per_tahun": "Laju tren per tahun",
    "perubahan_dibutuhkan_per_tahun": "Perubahan dibutuhkan per tahun",
    "n_titik": "Jumlah titik data",
    "kode_wilayah": "Kode wilayah", "nama_wilayah": "Kabupaten/kota",
    "iku1_persen": "IKU 1 (%)", "peringkat_iku1": "Peringkat IKU 1",
    "tenaga_kerja_kukm": "Tenaga kerja KUKM", "penduduk_bekerja": "Penduduk bekerja",
    "koperasi_dievaluasi": "Koperasi dievaluasi", "koperasi_meningkat": "Koperasi meningkat",
    "koperasi_meningkat_persen": "IKU 2 (%)",
    "peringkat_iku2": "Peringkat IKU 2",
    "usaha_kecil_dievaluasi": "Usaha kecil dievaluasi",
    "usaha_kecil_menjadi_wirausaha": "Usaha kecil jadi wirausaha",
    "iku3_persen": "IKU 3 (%)", "peringkat_iku3": "Peringkat IKU 3",
    "nomor_induk_koperasi": "Nomor induk koperasi", "nama_koperasi": "Nama koperasi",
    "rat": "RAT", "meningkat": "Meningkat", "kriteria_gagal": "Kriteria gagal",
    "jumlah_kriteria_gagal": "Jumlah kriteria gagal",
    "volume_usaha": "Volume usaha", "volume_usaha_sebelumnya": "Volume usaha tahun lalu",
    "perubahan_volume_usaha_persen": "Perubahan volume usaha (%)",
    "aset": "Aset", "aset_sebelumnya": "Aset tahun lalu",
    "perubahan_aset_persen": "Perubahan aset (%)",
    "urutan": "No.", "tindakan": "Yang harus dicapai",
    # this year's shortfall against last year (what "Yang harus dicapai" is not: that one
    # is next year's step, against this year's values)
    "kekurangan_volume_usaha": "Kekurangan volume usaha tahun ini",
    "kekurangan_volume_usaha_persen": "Kekurangan volume usaha tahun ini (%)",
    "kekurangan_aset": "Kekurangan aset tahun ini",
    "kekurangan_aset_persen": "Kekurangan aset tahun ini (%)",
    "menjadi_wirausaha": "Menjadi wirausaha",
    "belum_menjadi_wirausaha": "Belum menjadi wirausaha",
    "menjadi_wirausaha_persen": "Menjadi wirausaha (%)",
    "bagian_dari_total_wirausaha_persen": "Bagian dari seluruh wirausaha baru (%)",
    "id_usaha": "ID usaha", "nama_usaha": "Nama usaha",
    "realisasi_awal": "Realisasi tanpa skenario",
    "capaian_persen_awal": "Capaian tanpa skenario (%)",
    "kategori_awal": "Kategori tanpa skenario", "pembilang_awal": "Pembilang tanpa skenario",
    "kekurangan": "Masih kurang", "satuan_kekurangan": "Satuan kekurangan",
}
KOLOM_CAPAIAN = ["kode_iku", "indikator", "satuan", "target", "realisasi", "capaian_persen",
                 "kategori", "pembilang", "penyebut"]
KOLOM_PROYEKSI = ["kode_iku", "kesimpulan", "realisasi_terakhir", "tahun_terakhir",
                  "proyeksi", "batas_bawah", "batas_atas", "target_tujuan",
                  "kemiringan_per_tahun", "perubahan_dibutuhkan_per_tahun", "n_titik",
                  "tahun_awal"]
KOLOM_PROYEKSI_LAYAR = ["kode_iku", "kesimpulan", "realisasi_terakhir", "proyeksi",
                        "batas_bawah", "batas_atas", "target_tujuan",
                        "perubahan_dibutuhkan_per_tahun"]
KOLOM_WILAYAH = ["nama_wilayah", "iku1_persen", "peringkat_iku1", "koperasi_meningkat",
                 "koperasi_dievaluasi", "koperasi_meningkat_persen", "peringkat_iku2",
                 "usaha_kecil_menjadi_wirausaha", "usaha_kecil_dievaluasi", "iku3_persen",
                 "peringkat_iku3", "tenaga_kerja_kukm", "penduduk_bekerja", "kode_wilayah"]
KOLOM_WILAYAH_LAYAR = ["nama_wilayah", "iku1_persen", "peringkat_iku1", "koperasi_meningkat",
                       "koperasi_dievaluasi", "koperasi_meningkat_persen", "peringkat_iku2",
                       "iku3_persen", "peringkat_iku3"]
KOLOM_KOPERASI = ["nama_koperasi", "nama_wilayah", "meningkat", "kriteria_gagal", "rat",
                  "perubahan_volume_usaha_persen", "perubahan_aset_persen",
                  "volume_usaha_sebelumnya", "volume_usaha", "aset_sebelumnya", "aset",
                  "nomor_induk_koperasi"]
KOLOM_KOPERASI_LAYAR = ["nama_koperasi", "nama_wilayah", "meningkat", "kriteria_gagal",
                        "perubahan_volume_usaha_persen", "perubahan_aset_persen",
                        "volume_usaha", "aset"]
KOLOM_TERDEKAT = ["urutan", "nama_koperasi", "nama_wilayah", "tindakan",
                  "jumlah_kriteria_gagal", "kriteria_gagal", "kekurangan_volume_usaha",
                  "kekurangan_volume_usaha_persen", "kekurangan_aset",
                  "kekurangan_aset_persen", "nomor_induk_koperasi"]
#: What the screen shows of those columns (the rupiah gaps and the registration number stay
#: in the CSV/XLSX download), so the table fits beside the panel without scrolling sideways.
KOLOM_TERDEKAT_LAYAR = ["urutan", "nama_koperasi", "nama_wilayah", "tindakan",
                        "kriteria_gagal", "kekurangan_volume_usaha_persen",
                        "kekurangan_aset_persen"]
KOLOM_UK_WILAYAH = ["nama_wilayah", "menjadi_wirausaha_persen", "menjadi_wirausaha",
                    "usaha_kecil_dievaluasi", "belum_menjadi_wirausaha",
                    "bagian_dari_total_wirausaha_persen", "kode_wilayah"]
KOLOM_USAHA_KECIL = ["nama_usaha", "nama_wilayah", "menjadi_wirausaha", "id_usaha"]
KOLOM_SKENARIO = ["kode_iku", "satuan", "realisasi_awal", "realisasi", "target",
                  "capaian_persen_awal", "capaian_persen", "kategori_awal", "kategori",
                  "pembilang_awal", "pembilang", "penyebut", "kekurangan",
                  "satuan_kekurangan"]
KOLOM_SKENARIO_LAYAR = ["kode_iku", "realisasi_awal", "realisasi", "target",
                        "capaian_persen_awal", "capaian_persen", "kategori_awal", "kategori"]
_JUDUL_SKENARIO = {"realisasi": "Realisasi skenario", "capaian_persen": "Capaian skenario (%)",
                   "kategori": "Kategori skenario", "pembilang": "Pembilang skenario"}

#: The explanation under each section heading (by section number).
CATATAN_BAGIAN = {
    "1": "Seluruh provinsi. Angka dihitung dari data dengan rumus keputusan IKU, sama dengan "
         "laporan PDF; warna kategori sama dengan laporan. Untuk satu triwulan, kolom status "
         "menilai capaian terhadap target triwulan seperti laporan monev.",
    "2": "Seluruh provinsi. Garis biru: realisasi. Oranye putus-putus: target (Perjanjian "
         "Kinerja bila ada, selain itu Renstra; tahun sesudah tahun terpilih: Renstra). "
         "Titik-titik biru muda: tren linier dan perpanjangannya ke 2026, dengan pita "
         "ketidakpastian 95%. Dengan "
         "hanya beberapa tahun data pita itu lebar (tanpa pita bila titiknya terlalu sedikit "
         "atau tepat segaris): proyeksi adalah gambaran \"jika pola sejauh ini berlanjut\", "
         "bukan ramalan. Proyeksi ditarik dari garis tren, bukan dari realisasi terakhir, dan "
         "dibatasi pada nilai yang mungkin (persentase dan indeks 0–100).",
    "3": "Peringkat 1 = tertinggi. Grafik batang dan grafik kecil memakai IKU yang dipilih "
         "di panel kontrol; grafik kecil menampilkan tahun sampai tahun yang dipilih.",
    "4": "Koperasi dan usaha kecil: untuk kabupaten/kota yang dipilih di panel kontrol "
         "(\"Semua\" = seluruh provinsi); tabel usaha kecil per kabupaten/kota dan Indeks RB "
         "(satu nilai untuk seluruh Dinas) selalu untuk seluruh provinsi.",
    "5": "Koperasi yang perlu dibantu agar target IKU 2 tahun depan tercapai: yang belum "
         "meningkat tetapi punya data tahun lalu, diurutkan menurut jumlah kriteria yang "
         "gagal, lalu kekurangan pertumbuhan volume usaha/aset yang terkecil.",
    "6": "Ubah nilai skenario di panel kontrol (boleh negatif). Batasnya mengikuti penyebut "
         "tahun itu, jadi persentase tidak pernah di bawah 0 atau di atas 100.",
}

#: Per-area column drawn for each IKU (IKU4 has no per-area breakdown).
KOLOM_WILAYAH_IKU = {"IKU1": "iku1_persen", "IKU2": "koperasi_meningkat_persen",
                     "IKU3": "iku3_persen"}

CSS = """
<style>
.dasbor-kalimat {font-size: 15px; line-height: 1.5; max-width: 60em; margin: 0.3em 0;}
.dasbor-kalimat b {font-weight: 600;}
.dasbor-peringatan {background:#fff3cd; border-left: 5px solid #e66101; padding: 0.5em 0.8em;
  font-size: 14px; line-height: 1.45; max-width: 60em;}
.dasbor-contoh {background:#fde0dd; border-left: 6px solid #d73027; padding: 0.5em 0.8em;
  font-size: 15px; font-weight: 600;}
.dasbor-galat {background:#fde0dd; border-left: 6px solid #d73027; padding: 0.6em 0.9em;
  font-size: 15px; line-height: 1.5; max-width: 60em;}
.dasbor-bungkus {max-height: 430px; overflow: auto; border: 1px solid #d9d9d9; max-width: 100%;}
table.dasbor-t {border-collapse: collapse; font-size: 13px; font-family: sans-serif;}
table.dasbor-t th {position: sticky; top: 0; background: #dfe7ef; padding: 4px 8px;
  border-bottom: 1px solid #999; vertical-align: bottom; white-space: normal; min-width: 4em;}
table.dasbor-t td {padding: 3px 8px; border-bottom: 1px solid #eee; vertical-align: top;
  line-height: 1.3;}
table.dasbor-t th {line-height: 1.25;}
table.dasbor-t td.teks {min-width: 7em; max-width: 30em;}
table.dasbor-t td.kategori {white-space: nowrap;}
.dasbor-catatan {line-height: 1.4; margin: 0.2em 0;}
table.dasbor-t td.angka, table.dasbor-t th.angka {text-align: right; white-space: nowrap;}
table.dasbor-t td.teks, table.dasbor-t th.teks {text-align: left;}
.dasbor-unduh a {margin-right: 1.2em; font-size: 13px;}
.dasbor-judul {font-size: 19px; font-weight: 600; margin: 1.1em 0 0.2em 0;
  border-bottom: 2px solid #2166ac; padding-bottom: 2px;}
.dasbor-catatan {font-size: 13px; color: #555; max-width: 60em;}
</style>
"""


def _e(teks: object) -> str:
    return html.escape(str(teks))


def kalimat_html(teks: str, kelas: str = "dasbor-kalimat") -> str:
    """A sentence as a formatted paragraph (not a monospace print)."""
    return f'<p class="{kelas}">{_e(teks)}</p>'


def _uraian_galat(e: BaseException) -> str:
    """An unexpected error as the dashboard names it, in every place it shows one."""
    return f"kesalahan tak terduga di program ({type(e).__name__}: {e})"


# --------------------------------------------------------------------------- tables
def _kolom_ya_tidak(seri: pd.Series) -> bool:
    """Whether a column holds yes/no values (bool dtype, or booleans among its values).

    Looks at the values one by one: an empty column (a year or area without rows, a
    search without match) may have pandas 3's text dtype, which refuses ``.any()``."""
    return pd.api.types.is_bool_dtype(seri) or any(isinstance(v, bool | np.bool_)
                                                   for v in seri)


def _ya_tidak(v: object) -> object:
    """A boolean as the screen writes it (ya/tidak); anything else unchanged."""
    return ("ya" if v else "tidak") if isinstance(v, bool | np.bool_) else v


def _pemformat(kolom: str, seri: pd.Series) -> Callable[[object], str]:
    f = an._pemformat(kolom, seri)
    if f is not None:
        return f
    if _kolom_ya_tidak(seri):
        return lambda v: KOSONG if v is None or v != v else ("ya" if v else "tidak")
    return lambda v: KOSONG if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)


def _angka(seri: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(seri) and not pd.api.types.is_bool_dtype(seri))


def tabel_html(df: pd.DataFrame, kolom: list[str], judul: Mapping[str, str] | None = None,
               kelas: str = "") -> str:
    """An HTML table: Indonesian headings, Indonesian number formats, text left and
    numbers right, kategori cells in the report's colours, header fixed while scrolling."""
    judul = {**JUDUL_KOLOM, **(judul or {})}
    kolom = [k for k in kolom if k in df.columns]
    fmt = {k: _pemformat(k, df[k]) for k in kolom}
    jenis = {k: "angka" if _angka(df[k]) and not k.startswith(("kode_", "nomor_", "id_"))
             else "teks" for k in kolom}
    kepala = "".join(f'<th class="{jenis[k]}">{_e(judul.get(k, k))}</th>' for k in kolom)
    baris = []
    for rekam in df[kolom].itertuples(index=False, name=None):
        sel = []
        for k, v in zip(kolom, rekam, strict=True):
            gaya = ""
            if k.startswith("kategori") and isinstance(v, str) and (
                    v in WARNA_KATEGORI or v in WARNA_STATUS):
                gaya = f' style="background:{WARNA_STATUS.get(v) or warna_kategori(v)}"'
            kelas_sel = jenis[k] + (" kategori" if k.startswith("kategori") else "")
            sel.append(f'<td class="{kelas_sel}"{gaya}>{_e(fmt[k](v))}</td>')
        baris.append("<tr>" + "".join(sel) + "</tr>")
    return (f'<div class="dasbor-bungkus {kelas}"><table class="dasbor-t"><thead><tr>{kepala}'
            f'</tr></thead><tbody>{"".join(baris)}</tbody></table></div>')


def _data_uri(isi: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(isi).decode('ascii')}"


def tautan_unduh(isi: bytes, nama: str, mime: str, label: str) -> str:
    return f'<a download="{_e(nama)}" href="{_data_uri(isi, mime)}">{_e(label)}</a>'


def csv_bytes(df: pd.DataFrame, kolom: list[str], judul: Mapping[str, str] | None = None) -> bytes:
    """The table as CSV for Indonesian Excel (';' separator, decimal comma, BOM)."""
    judul = {**JUDUL_KOLOM, **(judul or {})}
    kolom = [k for k in kolom if k in df.columns]
    df = df[kolom].copy()
    for k in kolom:
        # counts held as float because a row has none (IKU4) are written as counts: 3, not
        # 3,0 (tenaga kerja 1034, not 1034,0), as on screen
        if (k.startswith(an.AWALAN_HITUNGAN) and not k.endswith("persen")
                and pd.api.types.is_float_dtype(df[k])):
            utuh = df[k].dropna()
            if (utuh == utuh.round()).all():
                df[k] = df[k].astype("Int64")
        elif _kolom_ya_tidak(df[k]):  # as on screen and in the XLSX: ya/tidak, not True
            df[k] = df[k].map(_ya_tidak).astype(object)
    keluar = aman_csv(df.rename(columns=judul))
    return keluar.to_csv(index=False, sep=";", decimal=",", encoding="utf-8-sig",
                         lineterminator="\r\n").encode("utf-8-sig")


# --------------------------------------------------------------------------- parameters
def periksa_parameter(data: DataIKU, tahun: object, kode_iku: object, wilayah_rinci: object,
                      n_koperasi: object, tambah_koperasi_meningkat: object = 0,
                      tambah_tenaga_kerja_ukm: object = 0,
                      tambah_tenaga_kerja_koperasi: object = 0, tambah_wirausaha: object = 0,
                      indeks_rb: object = None) -> dict:
    """Check the notebook's parameters; return them normalised, or raise
    :class:`ParameterError` naming the parameter and its valid values."""
    def bulat(nama: str, nilai: object, bawah: int, atas: int) -> int:
        if isinstance(nilai, bool) or not isinstance(nilai, int | float) or (
                isinstance(nilai, float) and not nilai.is_integer()):
            raise ParameterError(f"harus bilangan bulat antara {bilangan(bawah)} dan "
                                 f"{bilangan(atas)}", nilai, nama)
        if not bawah <= int(nilai) <= atas:
            raise ParameterError(f"harus antara {bilangan(bawah)} dan {bilangan(atas)}",
                                 nilai, nama)
        return int(nilai)

    pilihan = ", ".join(str(t) for t in TAHUN_PILIHAN)
    if isinstance(tahun, bool) or not isinstance(tahun, int | str) or not str(
            tahun).strip().isdigit() or int(str(tahun).strip()) not in TAHUN_PILIHAN:
        raise ParameterError(f"tahun harus salah satu dari {pilihan}", tahun, "tahun")
    kode = str(kode_iku).strip().upper() if isinstance(kode_iku, str) else kode_iku
    if kode not in data.katalog:
        raise ParameterError(f"kode_iku harus salah satu dari {', '.join(sorted(data.katalog))}",
                             kode_iku, "kode_iku")
    kode_w = an.kode_wilayah_parameter(data, wilayah_rinci, "wilayah_rinci")
    n_maks = max(1, int(data.evaluasi_koperasi.groupby("tahun").size().max()))
    hasil = {
        "tahun": int(str(tahun).strip()), "kode_iku": kode,
        "wilayah_rinci": an.SEMUA_WILAYAH if kode_w is None else data.referensi.nama(kode_w),
        "n_koperasi": bulat("n_koperasi", n_koperasi, 1, n_maks),
        "tambah_koperasi_meningkat": bulat("tambah_koperasi_meningkat",
                                           tambah_koperasi_meningkat, -n_maks, n_maks),
        "tambah_tenaga_kerja_ukm": bulat("tambah_tenaga_kerja_ukm", tambah_tenaga_kerja_ukm,
                                         -BATAS_TENAGA_KERJA, BATAS_TENAGA_KERJA),
        "tambah_tenaga_kerja_koperasi": bulat(
            "tambah_tenaga_kerja_koperasi", tambah_tenaga_kerja_koperasi,
            -BATAS_TENAGA_KERJA, BATAS_TENAGA_KERJA),
        "tambah_wirausaha": bulat("tambah_wirausaha", tambah_wirausaha, -100_000, 100_000),
    }
    if indeks_rb is not None:
        if isinstance(indeks_rb, bool) or not isinstance(indeks_rb, int | float) or not (
                0 <= float(indeks_rb) <= 100):
            raise ParameterError("harus None (pakai indeks resmi) atau angka 0 sampai 100",
                                 indeks_rb, "indeks_rb")
        indeks_rb = float(indeks_rb)
    hasil["indeks_rb"] = indeks_rb
    return hasil


def pesan_galat_html(galat: Exception) -> str:
    """An Indonesian error box (no traceback) for a bad parameter or bad data."""
    return (f'{CSS}<div class="dasbor-galat"><b>Tidak dapat menampilkan buku kerja.</b><br>'
            f'{_e(galat).replace(chr(10), "<br>")}<br><span class="dasbor-catatan">Perbaiki '
            f'nilai di sel parameter lalu jalankan ulang semua sel.</span></div>')


# --------------------------------------------------------------------------- the panel
class DasborIKU:
    """The control panel and every section that depends on it (see module docstring).

    ``bagian`` maps a section name (status, capaian, tren, wilayah, rincian, terdekat,
    skenario, ekspor, triwulan) to its widget; the notebook displays them one by one
    between its narrative cells, ``tampilan()`` returns all of them stacked.
    ``waktu_terakhir`` is the duration of the last update, in seconds, split into
    ``angka`` (numbers and sentences) and ``grafik`` (charts).

    With ``grafik_latar`` (what the workbook uses) a change of a control updates every
    number, sentence and table at once and redraws the affected charts on a background
    thread, each section showing "Grafik sedang diperbarui…" until its chart is there; a
    newer change supersedes the charts of an older one. One lock keeps matplotlib to one
    drawing at a time. The first display is always drawn in full before it returns.

    A section (or chart, or the export) that fails with an unexpected error shows an
    Indonesian message in its place and in the panel's error area ``h_galat``; the
    other sections are still updated, so none is left showing another year.
    """

    def __init__(self, data: DataIKU | Path | str, parameter: Mapping,
                 folder_ekspor: Path | str = config.OUTPUTS_DIR / "eksplorasi",
                 dengan_grafik: bool = True, grafik_latar: bool = False):
        """``dengan_grafik=False`` leaves the charts out (for tests of the numbers)."""
        import ipywidgets as w

        self.w = w
        self.data = data if isinstance(data, DataIKU) else muat_data(data)
        self.p = periksa_parameter(self.data, **parameter)
        self.folder_ekspor = Path(folder_ekspor)
        self.satuan = {k: v["satuan"] for k, v in self.data.katalog.items()}
        self.arah = {k: v["arah"] for k, v in self.data.katalog.items()}
        self._hasil: dict[int, HasilIKU | DataIKUError] = {}
        self._grafik: dict[tuple, bytes] = {}
        self._tren_wilayah: dict[str, pd.DataFrame] = {}
        self._data_tabel: dict[str, tuple[pd.DataFrame, list[str], dict]] = {}
        self._diam = False
        self.dengan_grafik = dengan_grafik
        self.grafik_latar = grafik_latar
        self._kunci_grafik = threading.Lock()
        # held while an update rebuilds sections and while a drawn chart is put into its
        # section: a chart of an older update never lands in a section rebuilt since
        self._kunci_anak = threading.RLock()
        self._tugas = threading.local()  # the section and update a chart is drawn for
        self._generasi = 0
        self._generasi_bagian: dict[str, int] = {}
        self._latar: list[threading.Thread] = []
        #: unexpected errors still on screen, by section ("grafik:<section>" for its
        #: chart): listed in the control panel's error area (``h_galat``)
        self._galat: dict[str, str] = {}
        self.waktu_terakhir: dict[str, float] = {}
        self._buat_kontrol()
        self._buat_bagian()
        self.perbarui()

    # ------------------------------------------------------------------ data
    def triwulan(self) -> int | None:
        """The quarter chosen in the panel (None: the whole year)."""
        if self.k_triwulan is None or self.k_triwulan.value == SETAHUN:
            return None
        return int(self.k_triwulan.value)

    @property
    def _ambang(self):
        """The quarter thresholds of the data folder (as the monev report rates)."""
        return self.data.pengaturan.ambang_status_triwulan

    def _sebagai_status(self, df: pd.DataFrame, pasangan: dict[str, str]) -> pd.DataFrame:
        """With a quarter chosen, each kategori column (``pasangan``: kategori column ->
        its capaian column) holds the quarter's status instead, as the monev report rates a
        quarter (Tercapai / Perlu perhatian / Tidak tercapai against the quarter's target),
        not the annual scale's kategori. The whole year: unchanged."""
        if self.triwulan() is None:
            return df
        from .triwulan import tentukan_status

        ambang = self._ambang
        return df.assign(**{k: [label_status(tentukan_status(
            None if pd.isna(c) else float(c), ambang)) for c in df[c_kol]]
            for k, c_kol in pasangan.items()})

    def hasil(self, tahun: int, tahunan: bool = False) -> HasilIKU | DataIKUError:
        """HasilIKU of the year, or of the chosen quarter of it (cached; ``tahunan``
        forces the whole year), or the Indonesian error saying what is missing."""
        tw = None if tahunan else self.triwulan()
        kunci = (tahun, tw)
        if kunci not in self._hasil:
            try:
                self._hasil[kunci] = hitung_iku(Periode(tahun, tw), self.data)
            except DataIKUError as e:
                self._hasil[kunci] = e
        return self._hasil[kunci]

    def hasil_terakhir(self, tahun: int) -> HasilIKU | None:
        """The latest year up to ``tahun`` that can be computed (for trends)."""
        for t in range(tahun, config.TAHUN_AWAL_RENSTRA - 1, -1):
            h = self.hasil(t, tahunan=True)
            if isinstance(h, HasilIKU):
                return h
        return None

    def _ada_triwulan(self) -> list:
        """Quarters present in any input's optional ``triwulan`` column."""
        nilai: set = set()
        for tabel in (self.data.tenaga_kerja_kukm, self.data.evaluasi_koperasi,
                      self.data.evaluasi_usaha_kecil, self.data.indeks_rb,
                      self.data.penduduk_bekerja):
            if tabel is not None and "triwulan" in tabel.columns:
                nilai |= {int(v) for v in tabel["triwulan"].dropna().unique()}
        return sorted(nilai)

    # ------------------------------------------------------------------ controls
    def _buat_kontrol(self) -> None:
        w, p = self.w, self.p
        gaya = {"description_width": "17em"}
        lebar = w.Layout(width="38em")
        self.k_tahun = w.Dropdown(options=list(TAHUN_PILIHAN), value=p["tahun"],
                                  description="Tahun", style=gaya, layout=lebar)
        self.k_iku = w.Dropdown(
            options=[(f"{nama_iku(k)}: {self._singkat(v['indikator'])}", k)
                     for k, v in sorted(self.data.katalog.items())],
            value=p["kode_iku"], description="IKU", style=gaya, layout=w.Layout(width="52em"))
        self.k_wilayah = w.Dropdown(options=[an.SEMUA_WILAYAH, *an.pilihan_wilayah(self.data)],
                                    value=p["wilayah_rinci"], description="Kabupaten/kota",
                                    style=gaya, layout=lebar)
        self.k_n = w.BoundedIntText(value=p["n_koperasi"], min=1, max=50,
                                    description="Koperasi terdekat (jumlah)", style=gaya,
                                    layout=w.Layout(width="24em"))
        gaya_s = {"description_width": "22em"}
        self.k_kop = w.IntSlider(value=0, min=-52, max=52, style=gaya_s,
                                 layout=w.Layout(width="44em"),
                                 readout=False,
                                 description="Tambah koperasi meningkat (IKU 2)",
                                 continuous_update=False)
        self.k_kop_teks = w.BoundedIntText(value=0, min=-52, max=52,
                                           layout=w.Layout(width="7em"))
        self.k_ukm = w.BoundedIntText(value=0, min=-BATAS_TENAGA_KERJA, max=BATAS_TENAGA_KERJA,
                                      step=100, description="Tambah tenaga kerja UKM (IKU 1)",
                                      style=gaya_s, layout=w.Layout(width="32em"))
        self.k_tkkop = w.BoundedIntText(value=0, min=-BATAS_TENAGA_KERJA,
                                        max=BATAS_TENAGA_KERJA, step=100,
                                        description="Tambah tenaga kerja koperasi (IKU 1)",
                                        style=gaya_s, layout=w.Layout(width="32em"))
        self.k_wira = w.IntSlider(value=0, min=-100, max=100, style=gaya_s,
                                 layout=w.Layout(width="44em"),
                                  readout=False,
                                  description="Tambah usaha kecil jadi wirausaha (IKU 3)",
                                  continuous_update=False)
        self.k_wira_teks = w.BoundedIntText(value=0, min=-100, max=100,
                                            layout=w.Layout(width="7em"))
        self.k_rb_pakai = w.Checkbox(value=p["indeks_rb"] is not None,
                                     description="Ganti indeks RB (IKU 4) dengan",
                                     indent=False, layout=w.Layout(width="20em"))
        self.k_rentang = {nama: w.HTML() for nama in ("kop", "wira", "ukm", "tkkop")}
        # a text box, not a number box: a browser's number box shows and reads the
        # decimal separator of its own locale (62.5); this one shows 62,50 and reads
        # 62,5 or 62.5 (parsing.parse_angka), and a wrong entry is named in section 6
        self.k_rb = w.Text(value=angka(p["indeks_rb"] if p["indeks_rb"] is not None
                                       else 0.0), continuous_update=False,
                           layout=w.Layout(width="8em"))
        self.k_rb_ket = w.HTML("(0–100)")
        # the box is used only when ticked: greyed out (and showing the official value)
        # otherwise, so an unticked 0 is never read as the index
        w.dlink((self.k_rb_pakai, "value"), (self.k_rb, "disabled"), transform=lambda v: not v)
        self.k_reset = w.Button(description="Kosongkan skenario",
                                layout=w.Layout(width="14em"))
        w.link((self.k_kop, "value"), (self.k_kop_teks, "value"))
        w.link((self.k_kop, "min"), (self.k_kop_teks, "min"))
        w.link((self.k_kop, "max"), (self.k_kop_teks, "max"))
        w.link((self.k_wira, "value"), (self.k_wira_teks, "value"))
        w.link((self.k_wira, "min"), (self.k_wira_teks, "min"))
        w.link((self.k_wira, "max"), (self.k_wira_teks, "max"))
        triwulan = self._ada_triwulan()
        self.k_triwulan = None
        if triwulan:
            self.k_triwulan = w.Dropdown(
                options=[(SETAHUN, SETAHUN), *[(f"Triwulan {ROMAWI[t]} (s.d. akhir triwulan)", t)
                                    for t in triwulan]],
                value=SETAHUN, description="Triwulan", style=gaya, layout=lebar)
            self.k_triwulan.add_class("kontrol-triwulan")
        self.k_tahun.add_class("kontrol-tahun")
        self.k_iku.add_class("kontrol-iku")
        self.k_wilayah.add_class("kontrol-wilayah")
        self.k_n.add_class("kontrol-n")
        self.k_kop_teks.add_class("kontrol-koperasi")
        self.k_kop.add_class("kontrol-koperasi-geser")
        self.k_ukm.add_class("kontrol-ukm")
        self.k_wira_teks.add_class("kontrol-wirausaha")
        self._atur_rentang_skenario(self.p["tahun"], awal=True)

        self.k_tahun.observe(lambda _: self.perbarui({"tahun"}), "value")
        self.k_iku.observe(lambda _: self.perbarui({"iku"}), "value")
        self.k_wilayah.observe(lambda _: self.perbarui({"wilayah"}), "value")
        self.k_n.observe(lambda _: self.perbarui({"n"}), "value")
        # (before the update below: unticked, the box shows the official index again)
        self.k_rb_pakai.observe(lambda _: self._rb_ke_resmi(), "value")
        for k in (self.k_kop, self.k_ukm, self.k_tkkop, self.k_wira, self.k_rb_pakai, self.k_rb):
            k.observe(lambda _: self.perbarui({"skenario"}), "value")
        if self.k_triwulan is not None:
            self.k_triwulan.observe(lambda _: self.perbarui({"tahun"}), "value")
        self.k_reset.on_click(lambda _: self._kosongkan_skenario())

        judul = w.HTML(CSS + '<div class="dasbor-judul">Panel kontrol</div><p class='
                       '"dasbor-catatan">Setiap perubahan langsung memperbarui bagian yang '
                       'bergantung padanya.</p>')
        skenario = w.VBox([
            w.HTML('<b>Skenario "bagaimana jika"</b> <span class="dasbor-catatan">(angka '
                   'hipotetis untuk tahun yang dipilih; data tidak diubah)</span>'),
            w.HBox([self.k_kop, self.k_kop_teks, self.k_rentang["kop"]]),
            w.HBox([self.k_wira, self.k_wira_teks, self.k_rentang["wira"]]),
            w.HBox([self.k_ukm, self.k_rentang["ukm"]]),
            w.HBox([self.k_tkkop, self.k_rentang["tkkop"]]),
            w.HBox([self.k_rb_pakai, self.k_rb, self.k_rb_ket]),
            self.k_reset,
        ], layout=w.Layout(border="1px solid #d9d9d9", padding="6px", margin="6px 0"))
        isi = [judul, self.k_tahun, self.k_iku, self.k_wilayah]
        if self.k_triwulan is not None:
            isi.append(self.k_triwulan)
        # the error area: an unexpected error of any section is named here, in Indonesian
        self.h_galat = w.HTML()
        self.h_galat.add_class("galat-dasbor")
        isi += [self.k_n, skenario, self.h_galat]
        self.panel = w.VBox(isi, layout=w.Layout(border="2px solid #2166ac", padding="8px"))
        self.panel.add_class("dasbor-panel")
        self._terapkan_skenario_awal()

    @staticmethod
    def _singkat(teks: str, maks: int = 70) -> str:
        return teks if len(teks) <= maks else teks[: maks - 1].rstrip() + "…"

    def _terapkan_skenario_awal(self) -> None:
        p = self.p
        self._diam = True
        try:
            self.k_kop.value = max(self.k_kop.min, min(self.k_kop.max,
                                                       p["tambah_koperasi_meningkat"]))
            self.k_wira.value = max(self.k_wira.min, min(self.k_wira.max, p["tambah_wirausaha"]))
            self.k_ukm.value = p["tambah_tenaga_kerja_ukm"]
            self.k_tkkop.value = p["tambah_tenaga_kerja_koperasi"]
        finally:
            self._diam = False

    def _rb_ke_resmi(self) -> None:
        """Unticked, the Indeks RB box shows the year's official index (greyed), never an
        earlier what-if entry."""
        h = self.hasil(self.k_tahun.value)
        if self.k_rb_pakai.value or not isinstance(h, HasilIKU):
            return
        diam, self._diam = self._diam, True
        try:
            self.k_rb.value = angka(h.tabel.set_index("kode_iku").loc["IKU4", "realisasi"])
        finally:
            self._diam = diam

    def _kosongkan_skenario(self) -> None:
        self._diam = True
        try:
            self.k_kop.value = self.k_wira.value = self.k_ukm.value = self.k_tkkop.value = 0
            self.k_rb_pakai.value = False
        finally:
            self._diam = False
        self.perbarui({"skenario"})

    def _atur_rentang_skenario(self, tahun: int, awal: bool = False) -> None:
        """Slider limits from the year's numerators and denominators, so a what-if can
        never take a share below 0 or above 100."""
        h = self.hasil(tahun)
        aktif = isinstance(h, HasilIKU)
        for k in (self.k_kop, self.k_kop_teks, self.k_ukm, self.k_tkkop, self.k_wira,
                  self.k_wira_teks, self.k_rb_pakai, self.k_reset):
            k.disabled = not aktif
        # the RB box is live only when ticked (else it shows the official index, greyed)
        self.k_rb.disabled = not (aktif and self.k_rb_pakai.value)
        if not aktif:
            return
        t = h.tabel.set_index("kode_iku")
        diam, self._diam = self._diam, True
        try:
            for geser, kode in ((self.k_kop, "IKU2"), (self.k_wira, "IKU3")):
                pembilang, penyebut = int(t.loc[kode, "pembilang"]), int(t.loc[kode, "penyebut"])
                bawah, atas = -pembilang, penyebut - pembilang
                # widen first, then narrow, so min never exceeds max in between
                geser.min, geser.max = min(geser.min, bawah), max(geser.max, atas)
                geser.value = max(bawah, min(atas, geser.value))
                geser.min, geser.max = bawah, atas
                nama = "kop" if kode == "IKU2" else "wira"
                self.k_rentang[nama].value = (
                    f'<span class="dasbor-catatan">kurangi paling banyak {bilangan(-bawah)}, '
                    f'tambah paling banyak {bilangan(atas)} (saat ini {bilangan(pembilang)} dari '
                    f'{bilangan(penyebut)})</span>')
            pembilang, penyebut = float(t.loc["IKU1", "pembilang"]), float(
                t.loc["IKU1", "penyebut"])
            bagian = self._tenaga_kerja_iku1(h, pembilang)
            for kotak, nama, kolom, sebutan in (
                    (self.k_ukm, "ukm", "tenaga_kerja_ukm", "UKM"),
                    (self.k_tkkop, "tkkop", "tenaga_kerja_koperasi", "koperasi")):
                # a box takes away at most its own workers (not the other's), adds at
                # most the workers outside KUKM
                kini = bagian[kolom]
                kotak.min, kotak.max = -int(kini), int(penyebut - pembilang)
                self.k_rentang[nama].value = (
                    f'<span class="dasbor-catatan">kurangi paling banyak '
                    f'{bilangan(-kotak.min)}, tambah paling banyak {bilangan(kotak.max)} '
                    f'(saat ini {bilangan(kini)} tenaga kerja {sebutan}; KUKM seluruhnya '
                    f'{bilangan(pembilang)} dari {bilangan(penyebut)} penduduk bekerja, '
                    f'jumlah kedua tambahan juga dibatasi)</span>')
            self.k_rb_ket.value = (f"(0–100; saat ini {angka(t.loc['IKU4', 'realisasi'])})")
            self._rb_ke_resmi()
            self.k_n.max = max(1, len(h.koperasi))
        finally:
            self._diam = diam

    @staticmethod
    def _tenaga_kerja_iku1(h: HasilIKU, pembilang: float) -> dict[str, float]:
        """IKU 1's numerator split into tenaga kerja koperasi and UKM (the areas' rows of
        the year the value is from); the whole numerator for each when the split is not
        known."""
        nilai = (h.nilai or {}).get("IKU1")
        w = ((nilai.rincian or {}) if nilai else {}).get("wilayah")
        kolom = ("tenaga_kerja_koperasi", "tenaga_kerja_ukm")
        if w is None or not set(kolom) <= set(w.columns):
            return dict.fromkeys(kolom, pembilang)
        jumlah = {k: float(w[k].sum()) for k in kolom}
        if sum(jumlah.values()) != pembilang:  # a different base: do not guess
            return dict.fromkeys(kolom, pembilang)
        return jumlah

    # ------------------------------------------------------------------ sections
    def _buat_bagian(self) -> None:
        w = self.w
        nama = ["status", "capaian", "tren", "wilayah", "rincian", "terdekat", "skenario",
                "ekspor"]
        self.bagian: dict[str, object] = {}
        for n in nama:
            kotak = w.VBox([], layout=w.Layout(width="100%"))
            kotak.add_class(f"bagian-{n}")
            self.bagian[n] = kotak
        self.k_kecil = w.Checkbox(value=False, indent=False,
                                  description="Tampilkan grafik kecil per kabupaten/kota "
                                              "(satu panel per wilayah, sampai tahun terpilih)",
                                  layout=w.Layout(width="48em"))
        self.k_kecil.add_class("kontrol-grafik-kecil")
        self.k_kecil.observe(lambda _: self.perbarui({"kecil"}), "value")
        self.t_ekspor = w.Button(description="Simpan semua tabel ke XLSX",
                                 button_style="primary", layout=w.Layout(width="20em"))
        self.t_ekspor.add_class("tombol-ekspor")
        self.h_ekspor = w.HTML()
        self.h_ekspor.add_class("hasil-ekspor")
        self.t_ekspor.on_click(lambda _: self._ekspor())
        self.bagian["ekspor"].children = [
            self._judul(JUDUL_BAGIAN["ekspor"]),
            w.HTML(kalimat_html(
                "Semua tabel bagian di atas untuk tahun, kabupaten/kota dan skenario yang "
                "sedang dipilih, dalam satu berkas XLSX. Lembar pertama \"Keterangan\" memuat "
                "status data (DATA CONTOH bila ada), sumber, parameter dan nilai skenario. "
                "Berkas lama tidak pernah ditimpa: nama berikutnya diberi akhiran -2, -3, ...")),
            self.t_ekspor, self.h_ekspor]

    def _html(self, isi: str, kelas: str | None = None):
        h = self.w.HTML(isi)
        if kelas:
            h.add_class(kelas)
        return h

    def _judul(self, teks: str):
        bagian = teks.split(".", 1)[0]
        catatan = CATATAN_BAGIAN.get(bagian, "")
        return self._html(f'<div class="dasbor-judul">{_e(teks)}</div>'
                          + (f'<p class="dasbor-catatan">{_e(catatan)}</p>' if catatan else ""))

    def _tabel(self, kunci: str, df: pd.DataFrame, kolom: list[str], nama_berkas: str,
               judul: Mapping[str, str] | None = None, urut: bool = False,
               kolom_layar: list[str] | None = None):
        """A table widget with CSV/XLSX download links; ``urut`` adds sort and search
        controls (for long tables). ``kolom_layar``: the columns shown on screen when
        not all of ``kolom`` (the downloads always carry every column)."""
        w = self.w
        judul = dict(judul or {})
        self._data_tabel[kunci] = (df, kolom, judul)
        kolom_ada = [k for k in kolom if k in df.columns]
        layar = [k for k in (kolom_layar or kolom) if k in df.columns]
        isi = w.HTML()
        isi.add_class(f"tabel-{kunci}")
        unduh = w.HTML()
        tombol_xlsx = w.Button(description="Siapkan XLSX",
                               layout=w.Layout(width="12em"))
        tautan_xlsx = w.HTML()

        def tampil(df_: pd.DataFrame) -> None:
            isi.value = tabel_html(df_, layar, judul)
            lengkap = ("" if len(layar) == len(kolom_ada) else
                       f' <span class="dasbor-catatan">({len(kolom_ada)} kolom lengkap di '
                       f'unduhan CSV/XLSX)</span>')
            unduh.value = ('<span class="dasbor-unduh">' + tautan_unduh(
                csv_bytes(df_, kolom_ada, judul), f"{nama_berkas}.csv", "text/csv",
                "Unduh CSV") + "</span>" + lengkap)
            tautan_xlsx.value = ""

        def xlsx(_=None) -> None:
            df_ = getattr(tampil, "terakhir", df)
            try:
                lembar = (nama_berkas if len(nama_berkas) <= 31
                          else nama_berkas.replace("_per_", "_")[:31])
                isi_xlsx = self._xlsx_bytes({lembar: (df_, kolom_ada, judul)},
                                            lembar_skenario=kunci == "skenario")
            except Exception as e:  # noqa: BLE001 - said beside the button: a button's
                # callback error is otherwise only logged, and the user sees nothing
                tautan_xlsx.value = f'<span class="dasbor-galat">Gagal: {_e(e)}</span>'
                return
            tautan_xlsx.value = ('<span class="dasbor-unduh">' + tautan_unduh(
                isi_xlsx, f"{nama_berkas}_{self._cap_waktu()}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "Unduh XLSX (dengan lembar Keterangan)") + "</span>")

        tombol_xlsx.on_click(xlsx)
        baris_unduh = w.HBox([unduh, tombol_xlsx, tautan_xlsx],
                             layout=w.Layout(align_items="center"))
        if not urut:
            tampil(df)
            return w.VBox([isi, baris_unduh])

        pilihan = [(judul.get(k, JUDUL_KOLOM.get(k, k)), k) for k in layar]
        k_urut = w.Dropdown(options=[("(urutan bawaan)", "")] + pilihan, value="",
                            description="Urutkan", layout=w.Layout(width="24em"))
        k_turun = w.Checkbox(value=False, description="dari terbesar", indent=False,
                             layout=w.Layout(width="9em"))
        k_cari = w.Text(value="", placeholder="ketik nama, wilayah, ...", description="Cari",
                        continuous_update=True, layout=w.Layout(width="22em"))
        jumlah = w.HTML()
        jumlah.add_class(f"jumlah-{kunci}")
        teks_cari: list[str] = []

        def baris_teks() -> list[str]:
            """Each row as the table writes it (numbers formatted, empty cells as
            KOSONG), in lower case: what "Cari" searches; built once per table."""
            if len(teks_cari) != len(df):
                fmt = {k: _pemformat(k, df[k]) for k in kolom_ada}
                teks_cari[:] = [
                    " ".join(str(fmt[k](v)) for k, v in zip(kolom_ada, r, strict=True)).casefold()
                    for r in df[kolom_ada].itertuples(index=False, name=None)]
            return teks_cari

        def saring() -> None:
            df_ = df
            kata = k_cari.value.strip().casefold()
            if kata and len(df_):
                df_ = df_.loc[np.array([kata in t for t in baris_teks()], dtype=bool)]
            if k_urut.value:
                df_ = df_.sort_values(k_urut.value, ascending=not k_turun.value,
                                      na_position="last", kind="stable")
            tampil.terakhir = df_
            kosong = (f': tidak ada yang cocok dengan "{_e(k_cari.value.strip())}"'
                      if kata and df_.empty else "")
            jumlah.value = (f'<span class="dasbor-catatan">{bilangan(len(df_))} dari '
                            f'{bilangan(len(df))} baris{kosong}</span>')
            tampil(df_)
            if kosong:
                isi.value += (f'<p class="dasbor-catatan">Tidak ada baris yang cocok dengan '
                              f'pencarian "{_e(k_cari.value.strip())}".</p>')

        def segarkan(_=None) -> None:
            try:
                saring()
            except Exception as e:  # noqa: BLE001 - never the rows of an earlier search
                # no rows of an earlier search left on screen (they would look like the
                # answer to this one): what went wrong instead
                tampil.terakhir = df.iloc[:0]
                jumlah.value = ""
                unduh.value = tautan_xlsx.value = ""
                isi.value = (f'<div class="dasbor-galat">Pencarian atau pengurutan tidak dapat '
                             f'dilakukan: {_e(_uraian_galat(e))}.</div>')

        for k in (k_urut, k_turun, k_cari):
            k.observe(segarkan, "value")
        segarkan()
        return w.VBox([w.HBox([k_urut, k_turun, k_cari, jumlah],
                              layout=w.Layout(align_items="center", flex_flow="row wrap")),
                       isi, baris_unduh])

    def _gambar(self, kunci: tuple, buat: Callable[[], object], nama_berkas: str):
        """A chart as an image with PNG/SVG download links (PNG cached per key)."""
        w = self.w
        if kunci not in self._grafik:
            fig = buat()
            self._grafik[kunci] = (ke_png(fig), fig)
        png, fig = self._grafik[kunci]
        gambar = w.HTML(f'<img alt="{_e(nama_berkas)}" style="width:min(100%, 860px);'
                        f'height:auto" src="{_data_uri(png, "image/png")}">')
        gambar.add_class("grafik")
        tautan = w.HTML('<span class="dasbor-unduh">' + tautan_unduh(
            png, f"{nama_berkas}.png", "image/png", "Unduh PNG") + "</span>")
        tombol = w.Button(description="Siapkan SVG", layout=w.Layout(width="10em"))
        svg = w.HTML()

        def siapkan(_=None) -> None:
            with self._kunci_grafik:   # matplotlib draws one figure at a time
                isi = ke_svg(fig)
            svg.value = ('<span class="dasbor-unduh">' + tautan_unduh(
                isi, f"{nama_berkas}.svg", "image/svg+xml", "Unduh SVG") + "</span>")

        tombol.on_click(siapkan)
        return w.VBox([gambar, w.HBox([tautan, tombol, svg],
                                      layout=w.Layout(align_items="center"))])

    def _tunggu(self, teks: str = "Grafik sedang diperbarui…"):
        return self._html(f'<p class="dasbor-catatan">{_e(teks)}</p>')

    # ------------------------------------------------------------------ update
    def perbarui(self, berubah: set[str] | None = None) -> None:
        """Re-render the sections that depend on what changed (None: everything)."""
        if self._diam:
            return
        semua = berubah is None
        berubah = berubah or set()
        if "tahun" in berubah:
            self._aman("kontrol", lambda: self._atur_rentang_skenario(self.k_tahun.value))
        mulai = time.perf_counter()
        with self._kunci_anak:
            tugas_grafik, generasi = self._bangun_bagian(semua, berubah)
        tengah = time.perf_counter()
        self.waktu_terakhir = {"angka": tengah - mulai, "grafik": 0.0}
        tugas_grafik = [(b, t) for b, t in tugas_grafik if t is not None] \
            if self.dengan_grafik else []
        if self.grafik_latar and not semua and tugas_grafik:
            latar = threading.Thread(target=self._gambar_semua, daemon=True,
                                     args=(generasi, tugas_grafik, tengah))
            self._latar = [t for t in self._latar if t.is_alive()] + [latar]
            latar.start()
        else:
            self._gambar_semua(generasi, tugas_grafik, tengah)

    def _bangun_bagian(self, semua: bool, berubah: set[str]
                       ) -> tuple[list[tuple[str, Callable[[], None] | None]], int]:
        """The sections' numbers, sentences and tables (not their charts) for a new update;
        returns the chart tasks and the update's number."""
        self._generasi += 1
        generasi = self._generasi
        tugas_grafik: list[tuple[str, Callable[[], None] | None]] = []

        def perlu(*nama: str) -> bool:
            return semua or bool(berubah & set(nama))

        def bangun(bagian: str, fungsi: Callable[[], object]) -> object:
            # the section is rebuilt: its tables of before (another year, area or entry)
            # leave the export; the rebuilt section puts back the tables it shows
            for kunci in TABEL_BAGIAN.get(bagian, ()):
                self._data_tabel.pop(kunci, None)
            self._galat.pop(f"grafik:{bagian}", None)
            return self._aman(bagian, fungsi)

        if perlu("tahun"):
            bangun("status", self._bagian_status)
            tugas_grafik.append(("capaian", bangun("capaian", self._bagian_capaian)))
        if perlu("tahun", "iku"):
            tugas_grafik.append(("tren", bangun("tren", self._bagian_tren)))
        if perlu("tahun", "iku", "wilayah", "kecil"):
            tugas_grafik.append(("wilayah", bangun("wilayah", self._bagian_wilayah)))
        if perlu("tahun", "wilayah"):
            tugas_grafik.append(("rincian", bangun("rincian", self._bagian_rincian)))
        for bagian, _ in tugas_grafik:
            self._generasi_bagian[bagian] = generasi
        if perlu("tahun", "wilayah", "n"):
            bangun("terdekat", self._bagian_terdekat)
        if perlu("tahun", "skenario"):
            bangun("skenario", self._bagian_skenario)
        if perlu("tahun", "iku", "wilayah", "n", "skenario"):
            self.h_ekspor.value = ""
            self._galat.pop("ekspor", None)
        self._tampilkan_galat()
        return tugas_grafik, generasi

    def _ganti_anak(self, kotak, ubah: Callable[[list], list]) -> None:
        """Put what a chart task drew into its section (``ubah`` maps the section's
        children to the new ones), unless a newer update rebuilt the section while the
        chart was drawn: then the newer text stays and that update draws its own chart.
        (Rapid changes left a section's sentence and table of the previous period under
        the new period's chart.)"""
        with self._kunci_anak:
            bagian = getattr(self._tugas, "bagian", None)
            if bagian is not None and self._generasi_bagian.get(bagian) != getattr(
                    self._tugas, "generasi", None):
                return
            kotak.children = ubah(list(kotak.children))

    def _gambar_semua(self, generasi: int,
                      tugas_grafik: list[tuple[str, Callable[[], None]]], mulai: float) -> None:
        """Draw the charts of one update; a section rebuilt by a newer update meanwhile
        is left to that update's own drawing."""
        with self._kunci_grafik:
            for bagian, tugas in tugas_grafik:
                if self._generasi_bagian.get(bagian) == generasi:
                    self._tugas.bagian, self._tugas.generasi = bagian, generasi
                    try:
                        tugas()
                    except Exception as e:  # noqa: BLE001 - said on screen; the other
                        self._grafik_gagal(bagian, e)  # charts are still drawn
                    finally:
                        self._tugas.bagian = self._tugas.generasi = None
            if generasi == self._generasi:
                self.waktu_terakhir["grafik"] = time.perf_counter() - mulai

    # ------------------------------------------------------------------ errors
    def _aman(self, bagian: str, fungsi: Callable[[], object]) -> object:
        """``fungsi()`` (building one section); an unexpected error shows an Indonesian
        message in the section's place and in the error area instead of stopping the
        update part-way (the other sections are still rebuilt, none is left showing
        another year). Returns what ``fungsi`` returns, None after an error."""
        try:
            hasil = fungsi()
        except Exception as e:  # noqa: BLE001 - shown on screen, see the docstring
            self._bagian_gagal(bagian, e)
            return None
        self._galat.pop(bagian, None)
        return hasil

    def _periode(self) -> Periode:
        """The period chosen in the control panel (a year, or a quarter of it)."""
        return Periode(self.k_tahun.value, self.triwulan())

    def _periode_pilihan(self) -> str:
        """The period and area chosen, for error messages: "Triwulan II 2025, Sigi"."""
        tempat = ("" if self.k_wilayah.value == an.SEMUA_WILAYAH
                  else f", {self.k_wilayah.value}")
        return self._periode().label + tempat

    def _label_periode(self) -> str:
        """The period of sections 3-6 as their headings and sentences name it: "2025",
        or "Triwulan II 2025 (s.d. akhir triwulan)" when a quarter is chosen (the
        figures are then the quarter-to-date ones, never to be read as the year's)."""
        periode = self._periode()
        return periode.label if periode.tahunan else f"{periode.label} (s.d. akhir triwulan)"

    def _akhiran_berkas(self) -> str:
        """The period in a download's file name: "2025" or "2025_tw2"."""
        return self._periode().kode.replace("-", "_")

    def _bagian_gagal(self, bagian: str, e: BaseException) -> None:
        """The section's heading and what went wrong, in place of its content (its
        tables leave the export: the screen no longer shows them)."""
        periode = self._periode_pilihan()
        nama = JUDUL_BAGIAN.get(bagian, bagian)
        self._galat[bagian] = f"{nama}, {periode}: {_uraian_galat(e)}"
        self._tampilkan_galat()
        if bagian == "kontrol":
            return
        for kunci in TABEL_BAGIAN.get(bagian, ()):
            self._data_tabel.pop(kunci, None)
        if bagian == "skenario":
            self._skenario = None
        pesan = self._html(
            f'<div class="dasbor-galat"><b>Bagian ini tidak dapat ditampilkan untuk '
            f'{_e(periode)}</b>: {_e(_uraian_galat(e))}. Bagian lain tetap '
            f'diperbarui. Coba pilihan lain di panel kontrol, dan laporkan pesan ini '
            f'kepada pengelola buku kerja.</div>', "pesan-galat")
        kotak = self.bagian[bagian]
        kotak.children = ([pesan] if bagian == "status"
                          else [self._judul(f"{nama}, {periode}"), pesan])

    def _grafik_gagal(self, bagian: str, e: BaseException) -> None:
        """A chart that cannot be drawn: said where it would be (not "being redrawn"
        for ever) and in the error area."""
        self._galat[f"grafik:{bagian}"] = (
            f"grafik {JUDUL_BAGIAN.get(bagian, bagian)}, {self._periode_pilihan()}: "
            f"{_uraian_galat(e)}")
        self._tampilkan_galat()
        kotak = self.bagian[bagian]
        pesan = self._html(f'<p class="dasbor-galat">Grafik tidak dapat digambar: '
                           f'{_e(_uraian_galat(e))}.</p>', "pesan-galat")

        def ubah(anak: list) -> list:
            tunggu = [i for i, a in enumerate(anak)
                      if "Grafik sedang diperbarui" in str(getattr(a, "value", ""))]
            for i in tunggu:
                anak[i] = pesan
            return anak if tunggu else [*anak, pesan]
        self._ganti_anak(kotak, ubah)

    def _tampilkan_galat(self) -> None:
        """The error area: every unexpected error still on screen, or nothing."""
        galat = dict(self._galat)
        if not galat:
            self.h_galat.value = ""
            return
        daftar = "".join(f"<li>{_e(v)}</li>" for v in galat.values())
        self.h_galat.value = (
            '<div class="dasbor-galat"><b>Terjadi kesalahan tak terduga.</b> Bagian berikut '
            f'tidak dapat ditampilkan; bagian lain tetap diperbarui:<ul>{daftar}</ul></div>')

    def tunggu_grafik(self, batas_detik: float = 60) -> None:
        """Wait until the charts of every change so far are drawn (tests)."""
        for latar in list(self._latar):
            latar.join(batas_detik)

    def _tanpa_data(self, kotak, judul: str, h: DataIKUError) -> None:
        tahun = self.k_tahun.value
        lengkap = self.data.tahun_lengkap()
        kotak.children = [self._judul(judul), self._html(kalimat_html(
            f"Belum ada data lengkap untuk tahun {tahun}, jadi bagian ini belum dapat "
            f"dihitung. Tahun dengan data lengkap: "
            f"{', '.join(str(t) for t in lengkap) or 'belum ada'}.", "dasbor-peringatan"),
            "pesan-tanpa-data")]

    def _bagian_status(self) -> None:
        tahun = self.k_tahun.value
        h = self.hasil(tahun)
        isi = []
        if self.data.ada_data_contoh:
            contoh = [s.berkas for s in self.data.sumber if s.status == "contoh"]
            isi.append(self._html(
                '<div class="dasbor-contoh">DATA CONTOH: masukan berikut berstatus "contoh" '
                f'(sintetis), bukan data resmi: {_e(", ".join(contoh))}. Angka di sini tidak '
                'boleh dikutip sebagai capaian resmi.</div>'))
        if isinstance(h, HasilIKU):
            teks = (f"Periode: {self._periode().label}. Tahun dengan data "
                    f"lengkap: {', '.join(str(t) for t in self.data.tahun_lengkap())}.")
            isi.append(self._html(kalimat_html(teks), "status-tahun"))
            if h.peringatan:
                daftar = "".join(f"<li>{_e(p)}</li>" for p in h.peringatan)
                isi.append(self._html(f'<div class="dasbor-peringatan"><b>Peringatan data '
                                      f'({len(h.peringatan)}):</b><ul>{daftar}</ul></div>'))
        else:
            akhir = self.hasil_terakhir(tahun)
            tambahan = (f" Tren dan proyeksi memakai data sampai {akhir.tahun}."
                        if akhir is not None else "")
            isi.append(self._html(
                f'<div class="dasbor-peringatan"><b>Tahun {tahun} belum dapat dihitung.</b> '
                f'{_e(h).replace(chr(10), "<br>")}<br>{_e(tambahan)}</div>', "status-tahun"))
        self.bagian["status"].children = isi

    def _bagian_capaian(self):
        berkas = self._akhiran_berkas()  # downloads name the quarter
        kotak = self.bagian["capaian"]
        tahun = self.k_tahun.value
        h = self.hasil(tahun)
        periode = self._label_periode()  # a quarter: "(s.d. akhir triwulan)", as 3-6
        judul = (f"{JUDUL_BAGIAN['capaian']} {'tahun ' if self.triwulan() is None else ''}"
                 f"{periode}, "
                 "seluruh provinsi")
        if not isinstance(h, HasilIKU):
            self._tanpa_data(kotak, judul, h)
            return None
        t = self._sebagai_status(h.tabel, {"kategori": "capaian_persen"})
        ringkas = "; ".join(f"{nama_iku(b.kode_iku)} {self._nilai(b.realisasi, b.satuan)} dari "
                            f"target {self._nilai(b.target, b.satuan)} ({b.kategori})"
                            for b in t.itertuples())
        tw = self.triwulan()
        tabel = self._tabel("capaian", t, KOLOM_CAPAIAN, f"capaian_iku_{berkas}",
                            None if tw is None else {"kategori": "Status triwulan"})
        tunggu = self._tunggu()
        kotak.children = [self._judul(judul),
                          self._html(kalimat_html(f"Realisasi {periode}: {ringkas}."),
                                     "kalimat-capaian"), tabel,
                          self._html(f'<p class="dasbor-catatan">{_e(self._skala())}</p>',
                                     "skala-kategori"),
                          tunggu]

        # the chart's key holds all it depends on: the year and the quarter
        judul_grafik = f"Capaian IKU {'tahun ' if tw is None else ''}{periode}"
        warna = None if tw is None else WARNA_STATUS

        def grafik() -> None:
            g = self._gambar(("capaian", tahun, tw), lambda: grafik_capaian(
                t, judul_grafik, warna=warna,
                legenda="Kategori capaian" if tw is None else "Status triwulan"),
                f"grafik_capaian_{berkas}")
            self._ganti_anak(kotak, lambda anak: [*anak[:-1], g])
        return grafik

    def _skala(self) -> str:
        """What the kategori (a year) or status (a quarter) column means."""
        if self.triwulan() is not None:
            from .triwulan import kalimat_ambang

            return kalimat_ambang(self._ambang) + " Sama dengan laporan monev."
        skala = self.data.pengaturan.skala_kategori
        ambang = ", ".join(f"{k.kategori} di atas {persen(k.di_atas)}" for k in skala[:-1])
        return f"Kategori menurut capaian: {ambang}, selain itu {skala[-1].kategori}."

    def _nilai(self, x: object, satuan: str) -> str:
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return KOSONG
        return persen(x) if satuan == "%" else angka(x)

    def _bagian_tren(self):
        kotak = self.bagian["tren"]
        tahun, kode = self.k_tahun.value, self.k_iku.value
        judul = (f"2. Tren {nama_iku(kode)} seluruh provinsi dan proyeksi ke "
                 f"{config.TAHUN_AKHIR_RENSTRA}")
        h = self.hasil_terakhir(tahun)
        if h is None:
            kotak.children = [self._judul(judul), self._html(kalimat_html(
                "Belum ada satu tahun pun yang dapat dihitung.", "dasbor-peringatan"))]
            return None
        tabel_p = an.tabel_proyeksi(h.riwayat, self.satuan, arah=self.arah)
        self._tabel_proyeksi = tabel_p
        p = an.proyeksi_tren(h.riwayat, kode, arah=self.arah[kode])
        catatan = "" if h.tahun == tahun else (
            f" (data {tahun} belum ada: tren memakai data sampai {h.tahun})")
        kalimat = an.apakah_target_tercapai(p, self.satuan[kode])
        kotak.children = [
            self._judul(judul),
            self._html(self._kalimat_tebal(f"Jawaban{catatan}: {kalimat}"), "kalimat-tren"),
            self._tunggu(),
            self._html('<p class="dasbor-kalimat"><b>Keempat IKU</b> (tren sampai '
                       f'{h.tahun}; angka sama persis dengan kalimat di atas):</p>'),
            self._tabel("proyeksi", tabel_p, KOLOM_PROYEKSI, f"proyeksi_2026_sampai_{h.tahun}",
                        kolom_layar=KOLOM_PROYEKSI_LAYAR),
            self._html(f'<details><summary class="dasbor-catatan">Metode proyeksi</summary>'
                       f'<p class="dasbor-catatan">{_e(an.METODE_PROYEKSI)} Proyeksi dan '
                       f'rentangnya dibatasi pada nilai yang mungkin bagi indikator (0–100).'
                       f'</p></details>'),
        ]

        def grafik() -> None:
            g = self._gambar(("tren", h.tahun, kode), lambda: grafik_tren_dasbor(
                h.riwayat, kode, self.satuan[kode], p), f"grafik_tren_{kode}_sampai_{h.tahun}")
            if getattr(self._grafik[("tren", h.tahun, kode)][1], "pita_terpotong", False):
                g.children = [*g.children, self._html(
                    '<p class="dasbor-catatan">Pita ketidakpastian lebih lebar dari sumbu '
                    'grafik; batasnya ada di kalimat dan tabel.</p>')]
            self._ganti_anak(kotak, lambda anak: [*anak[:2], g, *anak[3:]])
        return grafik

    @staticmethod
    def _kalimat_tebal(teks: str) -> str:
        """The sentence with its verdict ("Kesimpulan: ...") in bold."""
        awal, pisah, akhir = teks.partition("Kesimpulan:")
        if not pisah:
            return kalimat_html(teks)
        return f'<p class="dasbor-kalimat">{_e(awal)}<b>{_e(pisah + akhir)}</b></p>'

    def _bagian_wilayah(self):
        berkas = self._akhiran_berkas()  # downloads name the quarter
        kotak = self.bagian["wilayah"]
        tahun, kode, wilayah = self.k_tahun.value, self.k_iku.value, self.k_wilayah.value
        judul = f"{JUDUL_BAGIAN['wilayah']}, {self._label_periode()}"
        h = self.hasil(tahun)
        kolom_kecil = KOLOM_WILAYAH_IKU.get(kode, "iku1_persen")
        akhir = self.hasil_terakhir(tahun)
        acuan_kode = {"iku1_persen": "IKU1", "iku3_persen": "IKU3"}.get(kolom_kecil)
        acuan = (an.tren_provinsi(akhir.riwayat, acuan_kode)
                 if acuan_kode and akhir is not None else None)
        label = an.LABEL_KOLOM_WILAYAH[kolom_kecil]

        def kecil():
            if not self.k_kecil.value:
                return self._html("")
            if kolom_kecil not in self._tren_wilayah:  # every year's areas: computed once
                self._tren_wilayah[kolom_kecil] = an.tren_wilayah(self.data, kolom_kecil)
            return self._gambar(
                ("kecil", kolom_kecil, tahun), lambda: grafik_kecil_sampai(
                    self._tren_wilayah[kolom_kecil], tahun,
                    f"{label}, per kabupaten/kota sampai {tahun}",
                    satuan="%" if kolom_kecil.endswith("persen") else "", acuan=acuan),
                f"grafik_kecil_{kolom_kecil}_sampai_{tahun}")

        if not isinstance(h, HasilIKU):
            self._tanpa_data(kotak, judul, h)
            kotak.children = [*kotak.children, self.k_kecil, self._tunggu("")]

            def grafik_saja() -> None:
                g = kecil()
                self._ganti_anak(kotak, lambda anak: [*anak[:-1], g])
            return grafik_saja
        peringkat = an.peringkat_wilayah(h)
        kalimat = self._kalimat_wilayah(h, peringkat, wilayah)
        catatan_iku = "" if kode in KOLOM_WILAYAH_IKU else (
            f" {nama_iku(kode)} (Indeks RB) dinilai untuk Dinas secara keseluruhan, tidak per "
            "kabupaten/kota; grafik di bawah memakai IKU 1.")
        kotak.children = [
            self._judul(judul),
            self._html(kalimat_html(kalimat), "kalimat-wilayah"),
            self._html(kalimat_html(
                "Pilih kolom di \"Urutkan\" untuk mengurutkan, atau ketik di \"Cari\"."
                + catatan_iku, "dasbor-catatan")),
            self._tabel("wilayah", peringkat, KOLOM_WILAYAH, f"per_wilayah_{berkas}", urut=True,
                        kolom_layar=KOLOM_WILAYAH_LAYAR),
            self._tunggu(), self.k_kecil, self._tunggu(""),
        ]

        # the bars depend on the year and the quarter (not on the area chosen: every
        # area is drawn), so both are in the chart's key
        tw = self.triwulan()
        periode = self._periode()

        def grafik() -> None:
            ref = h.tabel.set_index("kode_iku")
            acuan_nilai = ref.loc[acuan_kode, "realisasi"] if acuan_kode else None
            batang = self._gambar(
                ("batang", kolom_kecil, tahun, tw), lambda: grafik_wilayah(
                    peringkat, kolom_kecil, f"{label}, {periode.label}", acuan=acuan_nilai,
                    penyebut=an.PERINGKAT_WILAYAH.get(kolom_kecil, (None, None))[1]),
                f"grafik_{kolom_kecil}_{berkas}")
            g_kecil = kecil()

            def ubah(anak: list) -> list:
                anak[-3], anak[-1] = batang, g_kecil
                return anak
            self._ganti_anak(kotak, ubah)
        return grafik

    def _kalimat_wilayah(self, h: HasilIKU, peringkat: pd.DataFrame, wilayah: str) -> str:
        periode = self._label_periode()
        if wilayah == an.SEMUA_WILAYAH:
            t = h.tabel.set_index("kode_iku")

            def dari(kode: str, unit: str, kata_kerja: str) -> str:
                """"2 dari 52 koperasi ... (3,85%)"; none evaluated yet: said so, not
                "0 dari 0"."""
                if not t.loc[kode, "penyebut"] > 0:
                    return f"belum ada {unit} yang dievaluasi"
                return (f"{bilangan(t.loc[kode, 'pembilang'])} dari "
                        f"{bilangan(t.loc[kode, 'penyebut'])} {unit} {kata_kerja} "
                        f"({persen(t.loc[kode, 'realisasi'])})")

            return (f"Seluruh provinsi, {periode}: IKU 1 {persen(t.loc['IKU1', 'realisasi'])}"
                    f"{self._sumber_iku1(h)}; "
                    f"{dari('IKU2', 'koperasi', 'yang dievaluasi meningkat kualitasnya')}; "
                    f"{dari('IKU3', 'usaha kecil', 'menjadi wirausaha')}. Pilih satu "
                    "kabupaten/kota di panel kontrol untuk rinciannya.")
        b = peringkat[peringkat["nama_wilayah"] == wilayah]
        if b.empty:
            return f"{wilayah}: tidak ada data {periode}."
        b = b.iloc[0]

        def urut(kolom: str) -> str:
            """The area's rank by the share ``kolom``, out of the areas ranked."""
            nama, penyebut = an.PERINGKAT_WILAYAH[kolom]
            if pd.notna(b[nama]):
                jumlah = int(peringkat[nama].notna().sum())
                if jumlah == 1:  # not "peringkat 1 dari 1"
                    return "satu-satunya wilayah yang dapat diperingkat"
                return f"peringkat {int(b[nama])} dari {jumlah}"
            if pd.notna(b[penyebut]) and b[penyebut] < PENYEBUT_MINIMUM:
                return f"tidak diperingkat: kurang dari {PENYEBUT_MINIMUM} dievaluasi"
            return KOSONG

        kop = int(b["koperasi_dievaluasi"]) if pd.notna(b["koperasi_dievaluasi"]) else 0
        uk = int(b["usaha_kecil_dievaluasi"]) if pd.notna(b["usaha_kecil_dievaluasi"]) else 0
        bagian = [f"{wilayah}, {periode}: IKU 1 {self._nilai(b['iku1_persen'], '%')} "
                  f"({urut('iku1_persen')})"]
        if kop:
            bagian.append(f"{bilangan(b['koperasi_meningkat'])} dari {bilangan(kop)} koperasi "
                          f"yang dievaluasi meningkat kualitasnya "
                          f"({persen(b['koperasi_meningkat_persen'])}, "
                          f"{urut('koperasi_meningkat_persen')})")
        else:
            bagian.append("tidak ada koperasi yang dievaluasi di wilayah ini")
        if uk:
            bagian.append(f"{bilangan(b['usaha_kecil_menjadi_wirausaha'])} dari {bilangan(uk)} "
                          f"usaha kecil menjadi wirausaha ({persen(b['iku3_persen'])}, "
                          f"{urut('iku3_persen')})")
        else:
            bagian.append("tidak ada usaha kecil yang dievaluasi di wilayah ini")
        return "; ".join(bagian) + "."

    def _sumber_iku1(self, h: HasilIKU) -> str:
        """With a quarter chosen: which release IKU1 is (the latest published by the
        quarter's end, e.g. Sakernas Agustus of the year before), else nothing."""
        nilai = (h.nilai or {}).get("IKU1") if self.triwulan() is not None else None
        sumber = str(((nilai.rincian or {}) if nilai else {}).get("sumber_nilai") or "")
        sumber = sumber.split(" (", 1)[0].strip()
        return f" (angka terbaru yang sudah terbit: {sumber})" if sumber else ""

    def _bagian_rincian(self):
        berkas = self._akhiran_berkas()  # downloads name the quarter
        kotak = self.bagian["rincian"]
        tahun, wilayah = self.k_tahun.value, self.k_wilayah.value
        judul = (f"{JUDUL_BAGIAN['rincian']}, "
                 f"{self._label_periode()}"
                 + ("" if wilayah == an.SEMUA_WILAYAH else f", {wilayah}"))
        h = self.hasil(tahun)
        if not isinstance(h, HasilIKU):
            self._tanpa_data(kotak, judul, h)
            return None
        pilih = None if wilayah == an.SEMUA_WILAYAH else wilayah
        kop = an.tabel_koperasi(h, pilih)
        uk = an.tabel_usaha_kecil(h, pilih)
        rinci_uk = an.rinci_usaha_kecil(h)
        tempat = "di seluruh provinsi" if pilih is None else f"di {wilayah}"
        kalimat = (f"{bilangan(kop['meningkat'].sum())} dari {bilangan(len(kop))} koperasi "
                   f"yang dievaluasi {tempat} meningkat kualitasnya pada "
                   f"{self._label_periode()}; "
                   f"{bilangan(uk['menjadi_wirausaha'].sum())} dari {bilangan(len(uk))} usaha "
                   f"kecil menjadi wirausaha.")
        kotak.children = [
            self._judul(judul),
            self._html(kalimat_html(kalimat), "kalimat-rincian"),
            self._html(kalimat_html(
                "Koperasi dihitung meningkat bila mengadakan RAT dan volume usaha serta aset "
                "sama-sama lebih besar (bukan sama) dibanding tahun sebelumnya.",
                "dasbor-catatan")),
            self._tabel("koperasi", kop, KOLOM_KOPERASI, f"koperasi_{berkas}", urut=True,
                        kolom_layar=KOLOM_KOPERASI_LAYAR),
            self._html('<p class="dasbor-kalimat"><b>Usaha kecil per kabupaten/kota</b></p>'),
            self._tabel("uk_wilayah", rinci_uk, KOLOM_UK_WILAYAH,
                        f"usaha_kecil_per_wilayah_{berkas}", urut=True),
            self._html('<p class="dasbor-kalimat"><b>Daftar usaha kecil</b></p>'),
            self._tabel("usaha_kecil", uk, KOLOM_USAHA_KECIL, f"usaha_kecil_{berkas}",
                        urut=True),
            self._tunggu(""),
        ]

        tw = self.triwulan()  # the chart's key: the year and the quarter

        def grafik() -> None:
            g = self._gambar(("rb", tahun, tw), lambda: grafik_komponen_rb(h.komponen_rb),
                             f"grafik_komponen_rb_{berkas}")
            judul_rb = self._html(
                '<p class="dasbor-kalimat"><b>Komponen Indeks RB (IKU 4)</b></p>')
            self._ganti_anak(kotak, lambda anak: [*anak[:-1], judul_rb, g])
        return grafik

    def _bagian_terdekat(self) -> None:
        berkas = self._akhiran_berkas()  # downloads name the quarter
        kotak = self.bagian["terdekat"]
        tahun, wilayah, n = self.k_tahun.value, self.k_wilayah.value, self.k_n.value
        judul = f"{JUDUL_BAGIAN['terdekat']}, menuju target {tahun + 1}"
        h = self.hasil(tahun)
        if not isinstance(h, HasilIKU):
            self._tanpa_data(kotak, judul, h)
            return
        kebutuhan = self._kalimat_kebutuhan(h, tahun)
        sumber = h.koperasi if wilayah == an.SEMUA_WILAYAH else h.koperasi[
            h.koperasi["nama_wilayah"] == wilayah]
        terdekat = an.koperasi_terdekat(sumber, n)
        tempat = "" if wilayah == an.SEMUA_WILAYAH else f" di {wilayah}"
        if terdekat.empty:
            daftar = (f"Tidak ada koperasi{tempat} yang belum meningkat dan punya data tahun "
                      "sebelumnya untuk dibandingkan.")
        else:
            daftar = (f"{len(terdekat)} koperasi{tempat} yang dengan data {self._label_periode()} "
                      f"paling dekat "
                      f"memenuhi kriteria (paling sedikit kriteria gagal, lalu kekurangan "
                      f"terkecil) ada di tabel; kolom \"Yang harus dicapai\" menyebut "
                      f"langkahnya agar koperasi itu dihitung meningkat pada {tahun + 1}.")
        kotak.children = [
            self._judul(judul),
            self._html(kalimat_html(kebutuhan), "kalimat-kebutuhan"),
            self._html(kalimat_html(daftar), "kalimat-terdekat"),
            self._tabel("terdekat", terdekat, KOLOM_TERDEKAT, f"koperasi_terdekat_{berkas}",
                        kolom_layar=KOLOM_TERDEKAT_LAYAR),
        ]

    def _kalimat_kebutuhan(self, h: HasilIKU, tahun: int) -> str:
        """How many koperasi must improve for next year's IKU2 target.

        With a quarter chosen, the koperasi evaluated so far are only part of the year
        (43 by the end of TW II against 52 in a whole year, in the sample data), and
        taking them as next year's denominator would understate how many must improve.
        An office analyst plans next year on a whole year, so the denominator is that of
        the last complete year (the year before; the year itself for TW IV, which closes
        it), and the quarter's own count is stated separately, named as quarter-to-date.
        Only when no complete year is at hand (the Renstra's first year) the quarter's
        count is used, saying plainly that it is not a whole year."""
        tw = self.triwulan()
        if tw is None:
            return an.koperasi_dibutuhkan(h)["kalimat"]
        label = Periode(tahun, tw).label
        sejauh = (f"Sampai akhir {label} {'ada' if tw == 4 else 'baru'} "
                  f"{bilangan(len(h.koperasi))} koperasi yang "
                  f"dievaluasi dan {bilangan(int(h.koperasi['meningkat'].sum()))} di antaranya "
                  "meningkat; peningkatan dinilai ulang setiap tahun terhadap tahun "
                  "sebelumnya, jadi koperasi yang sudah meningkat pun harus meningkat lagi.")
        lengkap = tahun if tw == 4 else tahun - 1
        dasar = (self.hasil(lengkap, tahunan=True)
                 if lengkap >= config.TAHUN_AWAL_RENSTRA else None)
        if isinstance(dasar, HasilIKU):
            keb = an.koperasi_dibutuhkan(dasar, tahun_target=tahun + 1)
            pengantar = (f"Angka {label} baru sampai akhir triwulan, jadi jumlah koperasi yang "
                         f"dievaluasi diambil dari {lengkap}, tahun lengkap terakhir" if tw != 4
                         else f"{label} menutup tahun, jadi jumlah koperasi yang dievaluasi "
                              f"diambil dari {lengkap} setahun penuh")
            seperti = f"(seperti {lengkap})"
        else:
            keb = an.koperasi_dibutuhkan(h, tahun_target=tahun + 1)
            pengantar = (f"Belum ada tahun lengkap sebelum {tahun} yang dapat dihitung, jadi "
                         f"angka berikut hanya sampai akhir {label}, belum setahun penuh "
                         "(koperasi yang dievaluasi setahun biasanya lebih banyak, jadi "
                         "kebutuhan sebenarnya bisa lebih besar)")
            seperti = f"(yang sudah dievaluasi sampai akhir {label})"
        if keb["target"] is None:
            return f"{keb['kalimat']} {sejauh}"
        penyebut, minimum = keb["penyebut"], keb["pembilang_minimum"]
        inti = (f"jika tetap {bilangan(penyebut)} {seperti}, minimal {bilangan(minimum)} "
                f"koperasi harus meningkat kualitasnya ({bilangan(minimum)}/"
                f"{bilangan(penyebut)} = {persen(hitung_realisasi(minimum, penyebut))})."
                if minimum is not None else
                f"dengan {bilangan(penyebut)} koperasi {seperti} target itu tidak dapat "
                "dicapai.")
        return (f"Target IKU 2 {keb['tahun_target']} adalah {persen(keb['target'])}. "
                f"{pengantar}: {inti} {sejauh}")

    def nilai_skenario(self) -> dict:
        """The what-if values as the panel holds them (the keys of ``analisis.skenario``)."""
        return {"tambah_koperasi_meningkat": int(self.k_kop.value),
                "tambah_tenaga_kerja_ukm": int(self.k_ukm.value),
                "tambah_tenaga_kerja_koperasi": int(self.k_tkkop.value),
                "tambah_wirausaha": int(self.k_wira.value),
                "indeks_rb": self._indeks_rb() if self.k_rb_pakai.value else None}

    def _pesan_isian(self, e: ParameterError) -> str:
        """A refused scenario entry in the analyst's words: the field as labelled on screen,
        the value as typed with a decimal comma ("Isian 'Indeks RB (IKU 4)': indeks RB
        harus antara 0 dan 100 (tertulis: 1.234,5)"), not the program's parameter name."""
        m = e.masalah[0]
        label = {"tambah_koperasi_meningkat": self.k_kop.description,
                 "tambah_tenaga_kerja_ukm": self.k_ukm.description,
                 "tambah_tenaga_kerja_koperasi": self.k_tkkop.description,
                 "tambah_tenaga_kerja_ukm/koperasi": "Tambah tenaga kerja UKM dan koperasi "
                                                     "(IKU 1)",
                 "tambah_wirausaha": self.k_wira.description,
                 "indeks_rb": "Indeks RB (IKU 4)"}.get(m.berkas, m.berkas)
        teks = f"Isian '{label}': {m.pesan}"
        nilai = m.nilai
        if isinstance(nilai, (int, float)) and not isinstance(nilai, bool):
            from decimal import Decimal

            # as many decimals as the value has (1234.5 -> "1.234,5"; 1e-05 -> "0,00001")
            desimal = max(0, -Decimal(str(float(nilai))).as_tuple().exponent)
            nilai = bilangan(nilai) if float(nilai).is_integer() else angka(nilai, desimal)
        return teks + (f" (tertulis: {nilai})" if nilai is not None else "")

    def _indeks_rb(self) -> float:
        """The what-if Indeks RB as typed, written the Indonesian way (62,5) or not (62.5);
        ParameterError when it is not a number (the range is checked by the scenario)."""
        try:
            return parse_angka(self.k_rb.value)
        except NilaiTidakValid:
            raise ParameterError("indeks RB harus angka 0–100, mis. 62,5", self.k_rb.value,
                                 "indeks_rb") from None

    def _bagian_skenario(self) -> None:
        berkas = self._akhiran_berkas()  # downloads name the quarter
        kotak = self.bagian["skenario"]
        tahun = self.k_tahun.value
        judul = f"{JUDUL_BAGIAN['skenario']}, seluruh provinsi, {self._label_periode()}"
        h = self.hasil(tahun)
        if not isinstance(h, HasilIKU):
            self._tanpa_data(kotak, judul, h)
            return
        try:
            s = an.skenario(h, tahun, **self.nilai_skenario())
        except ParameterError as e:
            self._skenario = None  # (and no scenario table: bangun dropped the old one)
            kotak.children = [self._judul(judul), self._html(
                '<div class="dasbor-galat">'
                f'{html.escape(self._pesan_isian(e), quote=False)}</div>',
                "kalimat-skenario")]
            return
        s = self._sebagai_status(s, {"kategori": "capaian_persen",
                                     "kategori_awal": "capaian_persen_awal"})
        self._skenario = s
        berubah = s[(s["realisasi"] != s["realisasi_awal"])]
        if berubah.empty:
            kalimat = ("Belum ada perubahan skenario: semua angka sama dengan hasil tanpa "
                       "skenario. "
                       "Geser atau isi nilai skenario di panel kontrol.")
        else:
            bagian = []
            for b in berubah.itertuples():
                bagian.append(
                    f"{nama_iku(b.kode_iku)} menjadi {self._nilai(b.realisasi, b.satuan)} (tanpa "
                    f"skenario {self._nilai(b.realisasi_awal, b.satuan)}), capaian "
                    f"{persen(b.capaian_persen)} terhadap target "
                    f"{self._nilai(b.target, b.satuan)}, "
                    f"{'kategori' if self.triwulan() is None else 'status'} {b.kategori}")
            kalimat = (f"Dengan skenario ini, pada {self._label_periode()}: "
                       + "; ".join(bagian) + ".")
        kotak.children = [
            self._judul(judul),
            self._html('<div class="dasbor-peringatan">Angka HIPOTETIS untuk seluruh '
                       'provinsi. Penyebut tetap; rumus dan pembulatan sama dengan hasil '
                       'tanpa skenario.</div>'),
            self._html(kalimat_html(kalimat), "kalimat-skenario"),
            self._tabel("skenario", s, KOLOM_SKENARIO, f"skenario_{berkas}",
                        _JUDUL_SKENARIO if self.triwulan() is None else {
                            **_JUDUL_SKENARIO, "kategori_awal": "Status tanpa skenario",
                            "kategori": "Status skenario"},
                        kolom_layar=KOLOM_SKENARIO_LAYAR),
        ]

    # ------------------------------------------------------------------ export
    @staticmethod
    def _cap_waktu() -> str:
        return datetime.now().strftime("%Y%m%d-%H%M%S")

    def lembar_keterangan(self, lembar_skenario: bool | None = None) -> pd.DataFrame:
        """The "Keterangan" sheet: the report's (status, DATA CONTOH, sources), then the
        parameters and, when the workbook carries the scenario sheet (``lembar_skenario``;
        None: the full export, which carries it when section 6 shows one), the what-if
        values it was computed with."""
        from .tabel_hasil import keterangan

        tahun = self.k_tahun.value
        h = self.hasil(tahun)
        if isinstance(h, HasilIKU):
            dasar = keterangan(h)
            periode = (f"tahun {tahun}" if self.triwulan() is None
                       else self._label_periode())  # a quarter is named as on screen
            dasar.loc[dasar["Keterangan"] == "Isi", "Isi"] = (
                f"Buku kerja eksplorasi IKU {periode} (bukan laporan resmi)")
        else:
            dasar = pd.DataFrame([("Instansi", self.data.instansi),
                                  ("Status data", "DATA CONTOH, bukan data resmi"
                                   if self.data.ada_data_contoh else "resmi/sementara")],
                                 columns=["Keterangan", "Isi"])
        baris = self._baris_parameter(tahun) + self._baris_skenario(h, lembar_skenario) + [
            # written as the Dibuat row above it ("29 November 2026 pukul 07.05 WIB")
            ("Diekspor", tanggal_waktu(datetime.now().astimezone()))]
        return pd.concat([dasar, pd.DataFrame(baris, columns=["Keterangan", "Isi"])],
                         ignore_index=True)

    def _baris_skenario(self, h, lembar_skenario: bool | None) -> list[tuple[str, str]]:
        """The Keterangan rows on the what-if scenario: its values when the workbook
        carries the scenario sheet, else why it does not."""
        if lembar_skenario is None:
            lembar_skenario = "skenario" in self._data_tabel
        if not isinstance(h, HasilIKU):
            return [("Lembar Skenario", "tidak ada (belum ada data lengkap tahun ini)")]
        try:
            s = self.nilai_skenario()
        except ParameterError as e:  # a what-if entry that is not a number: none is used
            return [("Skenario", f"tidak dipakai: isian tidak sah ({self._pesan_isian(e)})"),
                    ("Lembar Skenario", "tidak ada (isian skenario tidak sah)")]
        if not lembar_skenario:
            if "skenario" not in self._data_tabel:  # refused by the scenario (e.g. 120)
                return [("Lembar Skenario", "tidak ada (isian skenario tidak sah)")]
            return [("Lembar Skenario", "tidak termasuk dalam berkas ini; angka di berkas "
                     "ini adalah hasil tanpa skenario")]
        ada_skenario = (any(v for k, v in s.items() if k != "indeks_rb")
                        or s["indeks_rb"] is not None)
        return [
            ("Skenario: tambah koperasi meningkat", str(s["tambah_koperasi_meningkat"])),
            ("Skenario: tambah tenaga kerja UKM", str(s["tambah_tenaga_kerja_ukm"])),
            ("Skenario: tambah tenaga kerja koperasi", str(s["tambah_tenaga_kerja_koperasi"])),
            ("Skenario: tambah usaha kecil jadi wirausaha", str(s["tambah_wirausaha"])),
            ("Skenario: indeks RB pengganti",
             "tidak (indeks resmi)" if s["indeks_rb"] is None else angka(s["indeks_rb"])),
            ("Lembar Skenario", "ANGKA HIPOTETIS, bukan hasil resmi" if ada_skenario
             else "tanpa perubahan (sama dengan hasil resmi)"),
        ]

    def _baris_parameter(self, tahun: int) -> list[tuple[str, str]]:
        """The export's parameter rows (the controls as they stand)."""
        return [
            ("Parameter: tahun", str(tahun)),
            ("Parameter: triwulan", "setahun" if self.triwulan() is None
             else f"triwulan {ROMAWI[self.triwulan()]}"),
            ("Parameter: IKU", nama_iku(self.k_iku.value)),
            ("Parameter: kabupaten/kota", self.k_wilayah.value),
            ("Parameter: koperasi terdekat ditampilkan", str(self.k_n.value)),
        ]

    def _xlsx_bytes(self, lembar: Mapping[str, tuple[pd.DataFrame, list[str], dict]],
                    lembar_skenario: bool | None = None) -> bytes:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "ekspor.xlsx"
            self._tulis_xlsx(path, lembar, lembar_skenario)
            return path.read_bytes()

    def _tulis_xlsx(self, path: Path, lembar: Mapping[str, tuple],
                    lembar_skenario: bool | None = None) -> None:
        isi = {"Keterangan": self.lembar_keterangan(lembar_skenario)}
        format_kolom = {}
        for nama, (df, kolom, judul) in lembar.items():
            judul_ = {**JUDUL_KOLOM, **(judul or {})}
            kolom = [k for k in kolom if k in df.columns]
            keluar = df[kolom].copy()
            for k in kolom:
                if _kolom_ya_tidak(keluar[k]):
                    keluar[k] = keluar[k].map(_ya_tidak).astype(object)
                if k.startswith(("nomor_", "kode_", "tahun", "id_")):
                    format_kolom[judul_.get(k, k)] = "0"
            isi[nama] = keluar.rename(columns=judul_)
        tulis_xlsx(path, isi, format_kolom=format_kolom, timpa=False)

    def tabel_ekspor(self) -> dict[str, tuple[pd.DataFrame, list[str], dict]]:
        """Every table currently shown, by sheet name."""
        nama = {"capaian": "Capaian IKU", "proyeksi": "Proyeksi 2026", "wilayah": "Per wilayah",
                "koperasi": "Koperasi", "terdekat": "Koperasi terdekat",
                "uk_wilayah": "Usaha kecil per wilayah", "usaha_kecil": "Usaha kecil",
                "skenario": "Skenario (hipotetis)"}
        return {nama[k]: v for k, v in self._data_tabel.items() if k in nama}

    def ekspor(self) -> Path:
        """Write every table shown to ``folder_ekspor``; never replaces an earlier file."""
        dasar = f"eksplorasi_iku_{self._akhiran_berkas()}"
        self.folder_ekspor.mkdir(parents=True, exist_ok=True)
        for _ in range(5):
            path = self.folder_ekspor / f"{dasar}{pilih_akhiran(self.folder_ekspor, [dasar])}.xlsx"
            try:
                self._tulis_xlsx(path, self.tabel_ekspor())
                return path
            except FileExistsError:  # another export took the name meanwhile
                continue
        raise ParameterError("tidak dapat memilih nama berkas ekspor yang belum dipakai",
                             str(self.folder_ekspor), "folder_ekspor")

    def _ekspor(self) -> None:
        if self._galat.pop("ekspor", None) is not None:  # an earlier attempt's error
            self._tampilkan_galat()
        try:
            path = self.ekspor()
        except (DataIKUError, OSError) as e:
            self.h_ekspor.value = f'<div class="dasbor-galat">Gagal menyimpan: {_e(e)}</div>'
            return
        except Exception as e:  # noqa: BLE001 - a button's error is otherwise only logged
            self.h_ekspor.value = (f'<div class="dasbor-galat">Gagal menyimpan: '
                                   f'{_e(_uraian_galat(e))}.</div>')
            self._galat["ekspor"] = (f"{JUDUL_BAGIAN['ekspor']}, {self._periode_pilihan()}: "
                                     f"{_uraian_galat(e)}")
            self._tampilkan_galat()
            return
        self.h_ekspor.value = (
            f'<p class="dasbor-kalimat">Tersimpan: <code>{_e(path)}</code> '
            + tautan_unduh(path.read_bytes(), path.name,
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           "Unduh berkas ini") + "</p>")

    # ------------------------------------------------------------------ display
    def tampilan(self):
        """The panel and every section stacked (what the dashboard shows)."""
        return self.w.VBox([self.panel, *self.bagian.values()])


def buat_dasbor(data_dir: Path | str, folder_ekspor: Path | str | None = None,
                **parameter) -> DasborIKU | None:
    """Build the panel from the notebook's parameters. A bad parameter or bad data shows
    an Indonesian message box (no traceback) and returns None."""
    from IPython.display import HTML, display

    try:
        return DasborIKU(data_dir, parameter,
                         folder_ekspor or config.OUTPUTS_DIR / "eksplorasi", grafik_latar=True)
    except DataIKUError as e:
        display(HTML(pesan_galat_html(e)))
        return None
    except Exception as e:  # noqa: BLE001 - a message box, never a traceback
        display(HTML(
            f'{CSS}<div class="dasbor-galat"><b>Tidak dapat menampilkan buku kerja.</b><br>'
            f'Terjadi {_e(_uraian_galat(e))}.'
            f'<br><span class="dasbor-catatan">Coba nilai lain di sel parameter, dan '
            f'laporkan pesan ini kepada pengelola buku kerja.</span></div>'))
        return None


__all__ = ["CSS", "DasborIKU", "JUDUL_KOLOM", "TAHUN_PILIHAN", "buat_dasbor", "csv_bytes",
           "tampilkan",
           "kalimat_html", "periksa_parameter", "pesan_galat_html", "tabel_html"]


def tampilkan(dasbor: DasborIKU | None, *bagian: str) -> None:
    """Display the named sections ("panel" is the control panel); nothing when the
    parameters were invalid (``buat_dasbor`` already showed why) or a section does not
    exist (e.g. "triwulan" without quarterly data)."""
    from IPython.display import display

    if dasbor is None:
        return
    for nama in bagian:
        if nama == "panel":
            display(dasbor.panel)
        elif nama in dasbor.bagian:
            display(dasbor.bagian[nama])
