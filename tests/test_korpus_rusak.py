"""A corpus of broken inputs: the fixture data with one defect each.

Every case that must be refused runs the real command (`cli.main`, in process) against an
output folder holding an earlier report, and checks: exit code 2, an Indonesian message
naming the file, the row as the spreadsheet shows it and the column, no report written,
and the earlier report byte-identical. Every case the tool reads correctly instead
("clearly worded acceptance") is checked on its computed results and its warning; the
full report path for good data is covered by test_laporan_cli.py.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import salin_data_mini

from iku_helpers import cli, compute_results

ROOT = Path(__file__).resolve().parents[1]
TANGGAL = "2026-11-27"


# ----------------------------------------------------------------- helpers on a copy
def _baris(folder: Path, berkas: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((folder / berkas).read_text(encoding="utf-8"))))


def _tulis(folder: Path, berkas: str, baris: list[list[str]], **kw) -> None:
    keluar = io.StringIO()
    csv.writer(keluar, lineterminator="\n", **kw).writerows(baris)
    (folder / berkas).write_text(keluar.getvalue(), encoding="utf-8")


def nomor_baris(folder: Path, berkas: str, tahun: int = 2025, ke: int = 0) -> int:
    """Spreadsheet row number (header = 1) of the ke-th row of ``tahun``."""
    baris = _baris(folder, berkas)
    cocok = [i + 1 for i, b in enumerate(baris) if b and b[0] == str(tahun)]
    return cocok[ke]


def ubah_sel(folder: Path, berkas: str, baris: int, kolom: str, nilai: str) -> None:
    isi = _baris(folder, berkas)
    isi[baris - 1][isi[0].index(kolom)] = nilai
    _tulis(folder, berkas, isi)


def ganti_berkas_manifest(folder: Path, kunci: str, berkas: str) -> None:
    m = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    m["data"][kunci]["berkas"] = berkas
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(m, allow_unicode=True))


def ke_xlsx(folder: Path, kunci: str, ubah: Callable | None = None, angka: bool = True) -> str:
    """Convert one CSV input to XLSX (numbers as numbers) and point the manifest at it."""
    baris = _baris(folder, f"{kunci}.csv")
    buku = openpyxl.Workbook()
    lembar = buku.active
    for i, b in enumerate(baris):
        if i and angka:
            b = [int(v) if v.isdigit() and len(v) < 12 else v for v in b]
        lembar.append(b)
    if ubah:
        ubah(lembar)
    nama = f"{kunci}.xlsx"
    buku.save(folder / nama)
    (folder / f"{kunci}.csv").unlink()
    ganti_berkas_manifest(folder, kunci, nama)
    return nama


@dataclass
class Kasus:
    nama: str
    ubah: Callable[[Path], None]
    berkas: str | None = None       # refused: the file the message must name
    baris: int | Callable[[Path], int] | None = None
    kolom: str | None = None
    pesan: str = ""                  # a phrase the message must contain
    diterima: bool = False           # read correctly instead of refused
    peringatan: str | None = None    # for accepted cases: a phrase of the warning


def _sel(berkas, kolom, nilai, tahun=2025, ke=0):
    """Set one cell; with nilai None, write the cell's own ID with a zero-width space and
    a non-breaking space around it (the same unit, spelt invisibly differently)."""
    def ubah(folder):
        baris = nomor_baris(folder, berkas, tahun, ke)
        isi = nilai
        if isi is None:
            lama = _baris(folder, berkas)[baris - 1][_baris(folder, berkas)[0].index(kolom)]
            isi = "\u200b" + lama.lower() + "\u00a0"
        ubah_sel(folder, berkas, baris, kolom, isi)
    return ubah


def _indeks_berkode_dan(ubah_lain):
    """indeks_rb.csv with a kode_wilayah column (the province on every row), then
    another change."""
    def ubah(folder):
        isi = _baris(folder, "indeks_rb.csv")
        _tulis(folder, "indeks_rb.csv", [isi[0] + ["kode_wilayah"]]
               + [b + ["7200"] for b in isi[1:] if b])
        ubah_lain(folder)
    return ubah


def _kolom_tambahan(berkas, judul, nilai):
    """One more column, ``judul``, with ``nilai`` in every row."""
    def ubah(folder):
        isi = _baris(folder, berkas)
        _tulis(folder, berkas, [isi[0] + [judul]] + [b + [nilai] for b in isi[1:] if b])
    return ubah


def _baris_ke(berkas, tahun=2025, ke=0):
    return lambda folder: nomor_baris(folder, berkas, tahun, ke)


def _hapus_kolom(berkas, kolom):
    def ubah(folder):
        isi = _baris(folder, berkas)
        j = isi[0].index(kolom)
        _tulis(folder, berkas, [b[:j] + b[j + 1:] for b in isi])
    return ubah


def _duplikat(berkas, tahun=2025):
    def ubah(folder):
        isi = _baris(folder, berkas)
        i = nomor_baris(folder, berkas, tahun) - 1
        isi.insert(i + 2, list(isi[i]))
        _tulis(folder, berkas, isi)
    return ubah


def _tambah_baris(berkas, baris):
    def ubah(folder):
        _tulis(folder, berkas, _baris(folder, berkas) + [baris])
    return ubah


def _buang_tahun(berkas, tahun):
    def ubah(folder):
        _tulis(folder, berkas, [b for b in _baris(folder, berkas) if b[0] != str(tahun)])
    return ubah


def _tulis_mentah(berkas, isi: bytes):
    def ubah(folder):
        (folder / berkas).write_bytes(isi)
    return ubah


def _ubah_manifest(f):
    def ubah(folder):
        m = yaml.safe_load((folder / "sumber_data.yaml").read_text())
        f(m)
        (folder / "sumber_data.yaml").write_text(yaml.safe_dump(m, allow_unicode=True))
    return ubah


def _xlsx_header_gabung(folder):
    def ubah(lembar):
        lembar.insert_rows(1)
        lembar["F1"] = "nilai (Rp)"
        lembar.merge_cells("F1:G1")
        for kolom in "ABCDE":           # a two-row header: names on row 2 except F/G
            lembar[f"{kolom}1"] = lembar[f"{kolom}2"].value
        lembar.delete_rows(2)
    ke_xlsx(folder, "evaluasi_koperasi", ubah)


def _xlsx_rumus(folder):
    def ubah(lembar):
        lembar["B3"] = "=1+1"           # saved by a program that computed nothing
    ke_xlsx(folder, "indeks_rb", ubah)


def _html_sebagai_xls(folder):
    (folder / "penduduk_bekerja.xls").write_text(
        "<html><body><table><tr><td>tahun</td></tr></table></body></html>")
    ganti_berkas_manifest(folder, "penduduk_bekerja", "penduduk_bekerja.xls")


def _xlsx_terpotong(folder):
    nama = ke_xlsx(folder, "indeks_rb")
    p = folder / nama
    p.write_bytes(p.read_bytes()[:400])


def _koma_desimal(berkas, kolom, tahun=2025, cara="pecah", catatan=""):
    """A ``keterangan`` column added (empty, or ``catatan`` on every row) and ``tahun``'s
    ``kolom`` rewritten. ``cara``: "pecah", written by hand with a decimal comma, which
    splits the cell (``2025,55,00`` with nothing after it for ``keterangan``); "kutip",
    the same quoted, one cell; "bulat", the whole number alone (55 for 55.00)."""
    def ubah(folder):
        isi = _baris(folder, berkas)
        j = isi[0].index(kolom)
        baris = nomor_baris(folder, berkas, tahun) - 1
        teks = []
        for i, b in enumerate(isi):
            if not b:
                continue
            b = [f'"{s}"' if "," in s or '"' in s else s for s in b]
            if i == baris:
                bulat, pecahan = isi[i][j].split(".")
                b[j] = {"pecah": f"{bulat},{pecahan}", "kutip": f'"{bulat},{pecahan}"',
                        "bulat": bulat}[cara]
                teks.append(",".join(b + ([] if cara == "pecah" else [catatan])))
            else:
                teks.append(",".join(b + ["keterangan" if i == 0 else catatan]))
        (folder / berkas).write_text("\n".join(teks) + "\n", encoding="utf-8")
    return ubah


def _kolom_lebih(folder):
    isi = (folder / "indeks_rb.csv").read_text().splitlines()
    isi[2] = isi[2] + ",99,99"
    (folder / "indeks_rb.csv").write_text("\n".join(isi) + "\n")


def _arahan_sep(berkas, ubah_lain=None, pemisah=","):
    """Excel's "sep=<pemisah>" line above the header of ``berkas`` (rewritten with that
    separator), after ``ubah_lain``."""
    def ubah(folder):
        if ubah_lain:
            ubah_lain(folder)
        isi = _baris(folder, berkas)
        keluar = io.StringIO()
        keluar.write(f"sep={pemisah}\n")
        csv.writer(keluar, lineterminator="\n", delimiter=pemisah).writerows(isi)
        (folder / berkas).write_text(keluar.getvalue(), encoding="utf-8")
    return ubah


def _triwulan_jadi_tanggal(berkas, tulis):
    """The triwulan column of ``berkas`` replaced by a tanggal on the first day of the
    quarter's first month, written by ``tulis(hari, bulan, tahun)``."""
    def ubah(folder):
        isi = _baris(folder, berkas)
        j = isi[0].index("triwulan")
        _tulis(folder, berkas, [isi[0][:j] + ["tanggal"] + isi[0][j + 1:]] + [
            b[:j] + [tulis(1, 3 * int(b[j]) - 2, b[0])] + b[j + 1:] for b in isi[1:] if b])
    return ubah


def _baris_bulan_bukan_januari(berkas):
    """The first row whose quarter is not TW1 (its first-of-quarter date is not 1/1)."""
    def baris(folder):
        isi = _baris(folder, berkas)
        j = isi[0].index("triwulan")
        return next(i + 1 for i, b in enumerate(isi) if i and b and b[j] != "1")
    return baris


def _gabung_berturut(kolom: str):
    """Merge (Excel's Merge Cells) every run of equal, non-empty cells going down
    ``kolom``, as a clerk tidies a table: the value stays in the run's first cell only."""
    def ubah(lembar):
        j = [c.value for c in lembar[1]].index(kolom) + 1
        awal = 2
        for i in range(3, lembar.max_row + 2):
            v = lembar.cell(i, j).value if i <= lembar.max_row else object()
            if v != lembar.cell(awal, j).value:
                if i - 1 > awal and lembar.cell(awal, j).value not in (None, ""):
                    lembar.merge_cells(start_row=awal, start_column=j, end_row=i - 1,
                                       end_column=j)
                awal = i
    return ubah


def _xlsx_dua_lembar(berkas_pertama_lama: bool):
    """evaluasi_usaha_kecil.xlsx with the full table and an old partial copy, 'Data Juli'
    (the rows up to 2024 and the first 20 of 2025's 40, none of them wirausaha: IKU3 2025
    read from it is 0 / 20 = 0,00 % instead of 1 / 40 = 2,50 %). With
    ``berkas_pertama_lama`` the old copy is the first sheet and the full one, 'Update
    Desember', second and open (the tester's workbook); otherwise the full table is first
    and open, the old copy second."""
    def ubah(lembar):
        buku = lembar.parent
        baris = [[c.value for c in b] for b in lembar.iter_rows()]
        lama = [b for b in baris if b[0] != 2025 or int(b[1][-4:]) <= 20]
        if berkas_pertama_lama:
            lembar.title = "Data Juli"
            lembar.delete_rows(1, lembar.max_row)
            for b in lama:
                lembar.append(b)
            baru = buku.create_sheet("Update Desember")
            for b in baris:
                baru.append(b)
            buku.active = 1
        else:
            lembar.title = "Update Desember"
            salinan = buku.create_sheet("Data Juli")
            for b in lama:
                salinan.append(b)
    return lambda folder: ke_xlsx(folder, "evaluasi_usaha_kecil", ubah)


def _xlsx_baris_disaring(folder):
    """evaluasi_usaha_kecil.xlsx filtered on menjadi_wirausaha = ya: 2025's 39 'tidak' rows
    (261-296, 298-300) are hidden, the clerk sees one row of 2025, the tool reads 40."""
    def ubah(lembar):
        lembar.auto_filter.ref = lembar.dimensions
        lembar.auto_filter.add_filter_column(4, ["ya"])
        for i in range(2, lembar.max_row + 1):
            if lembar.cell(i, 1).value == 2025 and lembar.cell(i, 5).value == "tidak":
                lembar.row_dimensions[i].hidden = True
    ke_xlsx(folder, "evaluasi_usaha_kecil", ubah)


DITOLAK = [
    Kasus("volume-bukan-angka", _sel("evaluasi_koperasi.csv", "volume_usaha", "dua miliar"),
          "evaluasi_koperasi.csv", _baris_ke("evaluasi_koperasi.csv"), "volume_usaha",
          "bukan angka"),
    Kasus("aset-negatif", _sel("evaluasi_koperasi.csv", "aset", "-1500000"),
          "evaluasi_koperasi.csv", _baris_ke("evaluasi_koperasi.csv"), "aset", "negatif"),
    Kasus("tk-ukm-teks", _sel("tenaga_kerja_kukm.csv", "tenaga_kerja_ukm", "dua ribu"),
          "tenaga_kerja_kukm.csv", _baris_ke("tenaga_kerja_kukm.csv"), "tenaga_kerja_ukm",
          "bukan angka"),
    Kasus("penduduk-negatif", _sel("penduduk_bekerja.csv", "penduduk_bekerja", "-5"),
          "penduduk_bekerja.csv", _baris_ke("penduduk_bekerja.csv"), "penduduk_bekerja",
          "negatif"),
    Kasus("rat-tak-dikenal", _sel("evaluasi_koperasi.csv", "rat", "mungkin"),
          "evaluasi_koperasi.csv", _baris_ke("evaluasi_koperasi.csv"), "rat", "ya/tidak"),
    Kasus("wirausaha-tak-dikenal", _sel("evaluasi_usaha_kecil.csv", "menjadi_wirausaha",
                                        "belum tahu"),
          "evaluasi_usaha_kecil.csv", _baris_ke("evaluasi_usaha_kecil.csv"),
          "menjadi_wirausaha", "ya/tidak"),
    Kasus("kunci-ganda-penduduk", _duplikat("penduduk_bekerja.csv"), "penduduk_bekerja.csv",
          lambda f: nomor_baris(f, "penduduk_bekerja.csv") + 2, "kode_wilayah", "kunci ganda"),
    Kasus("kunci-ganda-koperasi", _duplikat("evaluasi_koperasi.csv"), "evaluasi_koperasi.csv",
          lambda f: nomor_baris(f, "evaluasi_koperasi.csv") + 2, "nomor_induk_koperasi",
          "kunci ganda"),
    Kasus("kunci-ganda-usaha", _duplikat("evaluasi_usaha_kecil.csv"),
          "evaluasi_usaha_kecil.csv", lambda f: nomor_baris(f, "evaluasi_usaha_kecil.csv") + 2,
          "id_usaha", "kunci ganda"),
    Kasus("kode-wilayah-asing", _sel("evaluasi_usaha_kecil.csv", "kode_wilayah", "7299"),
          "evaluasi_usaha_kecil.csv", _baris_ke("evaluasi_usaha_kecil.csv"), "kode_wilayah",
          "referensi wilayah"),
    Kasus("kode-wilayah-asing-tk", _sel("tenaga_kerja_kukm.csv", "kode_wilayah", "7301"),
          "tenaga_kerja_kukm.csv", _baris_ke("tenaga_kerja_kukm.csv"), "kode_wilayah",
          "referensi wilayah"),
    Kasus("kolom-hilang", _hapus_kolom("evaluasi_koperasi.csv", "aset"),
          "evaluasi_koperasi.csv", 1, "aset", "kolom wajib tidak ada"),
    Kasus("berkas-hilang", lambda f: (f / "indeks_rb.csv").unlink(), "indeks_rb.csv", None,
          None, "tidak ditemukan"),
    Kasus("berkas-kosong", _tulis_mentah("komponen_rb.csv", b""), "komponen_rb.csv", None,
          None, "berkas kosong"),
    Kasus("hanya-judul", _tulis_mentah("indeks_rb.csv", b"tahun,indeks\n"), "indeks_rb.csv",
          None, None, "tidak berisi baris data"),
    Kasus("komponen-tak-sama-indeks", _sel("komponen_rb.csv", "nilai", "9.99", ke=6),
          "komponen_rb.csv", _baris_ke("komponen_rb.csv", ke=6), "nilai", "tidak sama"),
    Kasus("komponen-lebih-bobot", _sel("komponen_rb.csv", "nilai", "25", ke=0),
          "komponen_rb.csv", _baris_ke("komponen_rb.csv"), "nilai", "melebihi bobot"),
    Kasus("indeks-di-atas-100", _sel("indeks_rb.csv", "indeks", "155"), "indeks_rb.csv",
          _baris_ke("indeks_rb.csv"), "indeks", "antara 0 dan 100"),
    Kasus("kelompok-rb-salah", _sel("komponen_rb.csv", "kelompok", "lainnya"),
          "komponen_rb.csv", _baris_ke("komponen_rb.csv"), "kelompok", "pengungkit"),
    Kasus("tahun-tak-ada", _buang_tahun("evaluasi_usaha_kecil.csv", 2025),
          "evaluasi_usaha_kecil.csv", None, "tahun", "tidak ada data untuk tahun 2025"),
    Kasus("tahun-tak-ada-rb", _buang_tahun("indeks_rb.csv", 2025), "komponen_rb.csv",
          _baris_ke("komponen_rb.csv"), "tahun", "tidak ada di indeks_rb.csv"),
    Kasus("tahun-huruf-o", _sel("evaluasi_usaha_kecil.csv", "tahun", "2O25"),
          "evaluasi_usaha_kecil.csv", _baris_ke("evaluasi_usaha_kecil.csv"), "tahun",
          "bilangan bulat"),
    Kasus("nama-kosong", _sel("evaluasi_koperasi.csv", "nama_koperasi", "  "),
          "evaluasi_koperasi.csv", _baris_ke("evaluasi_koperasi.csv"), "nama_koperasi",
          "sel kosong"),
    Kasus("pembilang-melebihi-penyebut", _sel("tenaga_kerja_kukm.csv", "tenaga_kerja_ukm",
                                              "9000000"),
          "tenaga_kerja_kukm.csv", None, "tenaga_kerja_ukm", "melebihi penduduk bekerja"),
    # one kabupaten/kota: its share would print as NaN or above 100 % (found by a hunt
    # for silent wrong numbers; the province-level checks did not see it)
    Kasus("penduduk-kabupaten-nol", _sel("penduduk_bekerja.csv", "penduduk_bekerja", "0",
                                          ke=1),
          "penduduk_bekerja.csv", _baris_ke("penduduk_bekerja.csv", ke=1), "penduduk_bekerja",
          "Banggai Kepulauan tahun 2025 bernilai nol"),
    Kasus("tk-kabupaten-melebihi-penduduk", _sel("tenaga_kerja_kukm.csv", "tenaga_kerja_ukm",
                                                 "90000"),
          "tenaga_kerja_kukm.csv", _baris_ke("tenaga_kerja_kukm.csv"), "tenaga_kerja_ukm",
          "Banggai Kepulauan tahun 2025 (90.107) melebihi penduduk bekerja (64.658)"),
    # an indeks per area (kode_wilayah) once switched every komponen check off
    Kasus("komponen-lebih-bobot-indeks-berkode", _indeks_berkode_dan(
        _sel("komponen_rb.csv", "nilai", "35", ke=0)), "komponen_rb.csv",
          _baris_ke("komponen_rb.csv"), "nilai", "melebihi bobotnya"),
    Kasus("komponen-tak-sama-indeks-berkode", _indeks_berkode_dan(
        _sel("komponen_rb.csv", "nilai", "9.99", ke=6)), "komponen_rb.csv",
          _baris_ke("komponen_rb.csv", ke=6), "nilai", "tidak sama dengan indeks"),
    Kasus("indeks-kosong", _sel("indeks_rb.csv", "indeks", ""), "indeks_rb.csv",
          _baris_ke("indeks_rb.csv"), "indeks", "sel kosong"),
    # several dot groups in a 0-100 column once crashed the decimal-dot reading
    Kasus("indeks-ribuan-bertitik", _sel("indeks_rb.csv", "indeks", "1.000.000"),
          "indeks_rb.csv", _baris_ke("indeks_rb.csv"), "indeks", "harus antara 0 dan 100"),
    # two headers that tidy to one name once crashed the run ("kesalahan internal")
    Kasus("judul-kolom-ganda", _kolom_tambahan("evaluasi_koperasi.csv", "Aset", "5"),
          "evaluasi_koperasi.csv", 1, "aset", "muncul lebih dari sekali"),
    Kasus("judul-tahun-ganda", _kolom_tambahan("penduduk_bekerja.csv", " TAHUN", "2025"),
          "penduduk_bekerja.csv", 1, "tahun", "muncul lebih dari sekali"),
    Kasus("kolom-berlebih", _kolom_lebih, "indeks_rb.csv", 3, None, "lebih banyak sel"),
    # "2025,55,00" under tahun,indeks,keterangan: once read as indeks 55 (the 00 a note)
    Kasus("koma-desimal-memecah-sel", _koma_desimal("indeks_rb.csv", "indeks"),
          "indeks_rb.csv", _baris_ke("indeks_rb.csv"), "indeks", "koma desimal"),
    # a fraction with a leading zero ("55,00") splits even beside a column of numbers
    Kasus("koma-desimal-nol-di-kolom-angka", _koma_desimal("indeks_rb.csv", "indeks",
                                                           catatan="12"),
          "indeks_rb.csv", _baris_ke("indeks_rb.csv"), "indeks", "koma desimal"),
    # the same beside the text column sumber, which the row left empty
    Kasus("koma-desimal-sebelum-sumber", _koma_desimal("pembanding.csv", "nilai"),
          "pembanding.csv", _baris_ke("pembanding.csv"), "nilai", "tulis 1.10 (titik)"),
    Kasus("xlsx-judul-gabung", _xlsx_header_gabung, "evaluasi_koperasi.xlsx", 1, "G",
          "judulnya kosong"),
    Kasus("xlsx-rumus-tanpa-nilai", _xlsx_rumus, "indeks_rb.xlsx", 3, "indeks",
          "rumus"),
    # kode_iku merged over each run of equal tags: the lines under the first read as
    # support lines (an empty kode_iku is legal), the budget per IKU silently wrong. The
    # first run is 2022's three IKU2 lines, rows 8-10.
    Kasus("xlsx-kode-iku-digabung", lambda f: ke_xlsx(f, "anggaran", _gabung_berturut(
        "kode_iku")), "anggaran.xlsx", 8, "kode_iku", "pisahkan gabungannya dan isi setiap sel"),
    # tahun merged over each year's block: 'sel kosong' once, without a word of the merge
    Kasus("xlsx-tahun-digabung", lambda f: ke_xlsx(f, "evaluasi_koperasi", _gabung_berturut(
        "tahun")), "evaluasi_koperasi.xlsx", 2, "tahun", "sel digabung (merge) A2:A"),
    # an old copy first, the update second and open in Excel: the copy was read silently
    Kasus("xlsx-lembar-terbuka-berisi-tabel-lain", _xlsx_dua_lembar(True),
          "evaluasi_usaha_kecil.xlsx", None, None,
          "dibaca lembar pertama 'Data Juli', tetapi lembar 'Update Desember', yang terbuka "
          "saat berkas disimpan, juga berisi tabel ini"),
    Kasus("html-sebagai-xls", _html_sebagai_xls, "penduduk_bekerja.xls", None, None, "HTML"),
    Kasus("xlsx-terpotong", _xlsx_terpotong, "indeks_rb.xlsx", None, None, "rusak"),
    Kasus("manifest-status-salah", _ubah_manifest(
        lambda m: m["data"]["indeks_rb"].update(status="draf")), "sumber_data.yaml", None,
        "data.indeks_rb.status", "status harus"),
    # quarters are written TW I-IV too, but not TW 5: the message lists what is accepted
    Kasus("triwulan-tw5", _sel("evaluasi_koperasi.csv", "triwulan", "TW 5"),
          "evaluasi_koperasi.csv", _baris_ke("evaluasi_koperasi.csv"), "triwulan",
          "bukan triwulan; tulis 1, 2, 3 atau 4 (juga I-IV, TW1-TW4"),
    # en-US Excel's month/day (4/1/2025 for April): once read as 4 January, silently
    Kasus("tanggal-urutan-amerika", _triwulan_jadi_tanggal(
        "evaluasi_usaha_kecil.csv", lambda h, b, t: f"{b}/{h}/{t}"), "evaluasi_usaha_kecil.csv",
          _baris_bulan_bukan_januari("evaluasi_usaha_kecil.csv"), "tanggal",
          "tampaknya ditulis bulan/hari/tahun (urutan Amerika"),
    # a bad cell below a "sep=;" line: its row as Excel shows it (the line hidden)
    Kasus("sep-baris-salah", _arahan_sep("evaluasi_koperasi.csv", _sel(
        "evaluasi_koperasi.csv", "aset", "banyak"), ";"), "evaluasi_koperasi.csv",
          _baris_ke("evaluasi_koperasi.csv"), "aset", "bukan angka"),
    Kasus("manifest-entri-hilang", _ubah_manifest(lambda m: m["data"].pop("indeks_rb")),
          "sumber_data.yaml", None, "data.indeks_rb", "entri wajib"),
]


# ------------------------------------------- configuration and hostile-file defects
MANIFEST = "sumber_data.yaml"


def _baris_manifest(folder: Path) -> list[str]:
    return (folder / MANIFEST).read_text(encoding="utf-8").splitlines()


def _baris_status(folder: Path, kunci: str = "indeks_rb") -> int:
    """Line (1-based) of ``data.<kunci>.status`` in the manifest as salin_data_mini wrote it."""
    baris = _baris_manifest(folder)
    awal = baris.index(f"  {kunci}:")
    return next(i for i in range(awal, len(baris)) if baris[i].startswith("    status:")) + 1


def _status_ganda(folder):
    baris = _baris_manifest(folder)
    baris.insert(_baris_status(folder), "    status: resmi")   # right below the first one
    (folder / MANIFEST).write_text("\n".join(baris) + "\n", encoding="utf-8")


def _tambah_manifest(teks: str):
    def ubah(folder):
        with open(folder / MANIFEST, "a", encoding="utf-8") as f:
            f.write(teks)
    return ubah


def _bom_alias():
    baris = ["bom0: &b0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        baris.append(f"bom{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]")
    return "\n".join(baris) + "\n"


def _fifo(folder):
    (folder / "indeks_rb.csv").unlink()
    os.mkfifo(folder / "indeks_rb.csv")


def _berkas_raksasa(folder):
    with open(folder / "indeks_rb.csv", "r+b") as f:   # sparse: 600 MB on paper, no disk
        f.truncate(600 * 2**20)


def _symlink_luar(folder):
    luar = folder.parent / "di_luar"
    luar.mkdir()
    (folder / "indeks_rb.csv").rename(luar / "indeks_rb.csv")
    (folder / "indeks_rb.csv").symlink_to(luar / "indeks_rb.csv")


def _xlsx_kata_sandi(folder):
    (folder / "indeks_rb.xlsx").write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
        + "EncryptionInfo\0EncryptedPackage".encode("utf-16-le") + b"\0" * 2048)
    ganti_berkas_manifest(folder, "indeks_rb", "indeks_rb.xlsx")


def _xlsx_lembar_terpotong(folder):
    import zipfile

    nama = ke_xlsx(folder, "evaluasi_koperasi")
    p = folder / nama
    sumber = io.BytesIO(p.read_bytes())
    with zipfile.ZipFile(sumber) as masuk, zipfile.ZipFile(p, "w") as keluar:
        for info in masuk.infolist():
            isi = masuk.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                isi = isi[: len(isi) // 2]
            keluar.writestr(info, isi)


KATALOG = ROOT / "data" / "katalog_iku.yaml"


def _baris_katalog_iku3(_folder) -> int:
    baris = KATALOG.read_text(encoding="utf-8").splitlines()
    return baris.index("  - kode_iku: IKU3") + 1   # where the second IKU2 will start


def _katalog_ganda(folder):
    teks = KATALOG.read_text(encoding="utf-8")
    awal, akhir = teks.index("  - kode_iku: IKU2"), teks.index("  - kode_iku: IKU3")
    (folder / "katalog_iku.yaml").write_text(teks[:akhir] + teks[awal:akhir] + teks[akhir:],
                                             encoding="utf-8")
    ganti_berkas_manifest(folder, "iku", "katalog_iku.yaml")


def _katalog_isi(isi: str):
    def ubah(folder):
        (folder / "katalog_iku.yaml").write_text(isi, encoding="utf-8")
        ganti_berkas_manifest(folder, "iku", "katalog_iku.yaml")
    return ubah


def _id_tak_tampak(folder):
    """The second 2025 usaha written as the first one's ID plus a zero-width space, in
    lower case: the same usaha twice in one year."""
    berkas = "evaluasi_usaha_kecil.csv"
    isi = _baris(folder, berkas)
    i = nomor_baris(folder, berkas) - 1
    isi[i + 1][1] = isi[i][1].lower() + "\u200b"
    _tulis(folder, berkas, isi)


def _entri_bukan_pemetaan(m):
    m["data"]["indeks_rb"] = "indeks_rb.csv"


DITOLAK += [
    Kasus("yaml-kunci-ganda", _status_ganda, MANIFEST, lambda f: _baris_status(f) + 1,
          "data.indeks_rb.status", "ditulis dua kali"),
    Kasus("pengaturan-salah-eja", _tambah_manifest("pengaturan:\n  batas_capain: 110\n"),
          MANIFEST, lambda f: len(_baris_manifest(f)) + 2, "pengaturan.batas_capain",
          "mungkin maksudnya 'batas_capaian'"),
    Kasus("pengaturan-batas-negatif", _tambah_manifest("pengaturan:\n  batas_capaian: -5\n"),
          MANIFEST, lambda f: len(_baris_manifest(f)) + 2, "pengaturan.batas_capaian",
          "paling kecil 100"),
    Kasus("yaml-bom-alias", _tambah_manifest(_bom_alias()), MANIFEST,
          lambda f: len(_baris_manifest(f)) + 3, None, "terlalu banyak alias"),
    Kasus("manifest-entri-bukan-pemetaan", _ubah_manifest(_entri_bukan_pemetaan), MANIFEST,
          lambda f: _baris_status(f) - 2, "data.indeks_rb", "pemetaan"),
    Kasus("fifo", _fifo, "indeks_rb.csv", None, None, "FIFO"),
    Kasus("berkas-terlalu-besar", _berkas_raksasa, "indeks_rb.csv", None, None,
          "melebihi batas 500,0 MB"),
    Kasus("symlink-ke-luar", _symlink_luar, "indeks_rb.csv", None, None, "luar folder data"),
    Kasus("xlsx-kata-sandi", _xlsx_kata_sandi, "indeks_rb.xlsx", None, None,
          "dilindungi kata sandi"),
    Kasus("xlsx-lembar-terpotong", _xlsx_lembar_terpotong, "evaluasi_koperasi.xlsx", None,
          None, "terpotong atau rusak"),
    Kasus("katalog-kode-ganda", _katalog_ganda, "katalog_iku.yaml", _baris_katalog_iku3,
          "iku.3.kode_iku", "sudah ada"),
    Kasus("katalog-kosong", _katalog_isi(""), "katalog_iku.yaml", None, None, "berkas kosong"),
    Kasus("katalog-daftar-kosong", _katalog_isi("dokumen: x\niku: []\n"), "katalog_iku.yaml",
          2, "iku", "tidak boleh kosong"),
    Kasus("katalog-bukan-yaml", _katalog_isi("iku:\n  - kode_iku: [IKU1\n"),
          "katalog_iku.yaml", 3, None, "YAML tidak sah"),
    Kasus("id-tak-tampak-ganda", _id_tak_tampak, "evaluasi_usaha_kecil.csv",
          lambda f: nomor_baris(f, "evaluasi_usaha_kecil.csv") + 1, "id_usaha", "kunci ganda"),
]


def _hidden_total(folder):
    def ubah(lembar):
        lembar.append([2025, 7200, "Sulawesi Tengah", 1, 1])
        lembar.row_dimensions[lembar.max_row].hidden = True
    ke_xlsx(folder, "tenaga_kerja_kukm", ubah)


def _tanggal_excel(folder):
    import datetime as dt

    def ubah(lembar):
        for baris in lembar.iter_rows(min_row=2):
            baris[0].value = dt.datetime(int(baris[0].value), 1, 1)
            baris[0].number_format = "yyyy"
    ke_xlsx(folder, "indeks_rb", ubah)


def _ubah_teks(berkas, f):
    def ubah(folder):
        p = folder / berkas
        p.write_bytes(f(p.read_text(encoding="utf-8")))
    return ubah


def _ribuan(pemisah):
    def ubah(folder):
        isi = _baris(folder, "penduduk_bekerja.csv")
        for b in isi[1:]:
            b[3] = f"{int(b[3]):,}".replace(",", pemisah)
        _tulis(folder, "penduduk_bekerja.csv", isi)
    return ubah


def _variasi_ya_tidak(folder):
    isi = _baris(folder, "evaluasi_usaha_kecil.csv")
    ganti = {"ya": ["Y", " YA ", "1", "true", "Iya"], "tidak": ["T", "TIDAK", "0", "false", "tdk"]}
    for i, b in enumerate(isi[1:]):
        b[4] = ganti[b[4]][i % 5]
    _tulis(folder, "evaluasi_usaha_kecil.csv", isi)


def _xlsx_indeks_persen(folder):
    """indeks_rb as XLSX with each indeks typed as a percentage (58,20% is stored as
    0.582): read as the number shown, with a warning (once read as 0,582)."""
    def ubah(lembar):
        for (sel,) in lembar.iter_rows(min_row=2, min_col=2, max_col=2):
            sel.value = float(Decimal(str(sel.value)) / 100)
            sel.number_format = "0.00%"
    ke_xlsx(folder, "indeks_rb", ubah)


def _triwulan_romawi(berkas):
    """Every triwulan cell of ``berkas`` written as an office writes it (TW I, Triwulan 2, ...)."""
    ejaan = {"1": "TW I", "2": "Triwulan 2", "3": "iii", "4": "Q4"}

    def ubah(folder):
        isi = _baris(folder, berkas)
        j = isi[0].index("triwulan")
        _tulis(folder, berkas, [isi[0]] + [b[:j] + [ejaan[b[j]]] + b[j + 1:]
                                           for b in isi[1:] if b])
    return ubah


def _kode_iku_strip(teks: str) -> bytes:
    """anggaran.csv with every empty kode_iku (the only cell the rows leave empty) written
    "-" and "\u2013" (en dash) in turn."""
    potongan = teks.split(",,")
    return "".join(p + (",-," if i % 2 else ",\u2013,") for i, p in enumerate(potongan[:-1])
                   ).encode() + potongan[-1].encode()


def _dua_kolom_catatan(folder):
    """Two spare columns that tidy to one name ('catatan', 'Catatan') and a blank spacer
    column: not the table's columns, so ignored as any extra column is."""
    isi = _baris(folder, "indeks_rb.csv")
    _tulis(folder, "indeks_rb.csv", [isi[0] + ["catatan", "Catatan"]]
           + [b + ["a", "b"] for b in isi[1:] if b])


def _kolom_anggota(folder):
    """An office's own 'jumlah_anggota' column (20-319 members) right after aset, whose
    every rupiah value is whole: not a decimal comma that split a cell."""
    isi = _baris(folder, "evaluasi_koperasi.csv")
    j = isi[0].index("aset") + 1
    _tulis(folder, "evaluasi_koperasi.csv",
           [b[:j] + (["jumlah_anggota"] if i == 0 else [str(20 + (7 * i) % 300)]) + b[j:]
            for i, b in enumerate(isi) if b])


DITERIMA = [
    Kasus("triwulan-romawi", _triwulan_romawi("evaluasi_koperasi.csv"), diterima=True),
    # Excel's separator line (once "kolom 'B' judulnya kosong")
    Kasus("sep-koma", _arahan_sep("evaluasi_koperasi.csv"), diterima=True),
    Kasus("sep-titik-koma", _arahan_sep("penduduk_bekerja.csv", pemisah=";"), diterima=True),
    # a support line's kode_iku written "-" (nothing), as spreadsheets do
    Kasus("kode-iku-anggaran-strip", _ubah_teks("anggaran.csv", _kode_iku_strip),
          diterima=True),
    # the first of each quarter in Indonesian order, 1/4/2025: not taken for month/day
    Kasus("tanggal-awal-bulan-hari-bulan", _triwulan_jadi_tanggal(
        "evaluasi_usaha_kecil.csv", lambda h, b, t: f"{h}/{b}/{t}"), diterima=True),
    Kasus("kolom-tambahan-bernama-sama", _dua_kolom_catatan, diterima=True),
    Kasus("xlsx-sel-berformat-persen", _xlsx_indeks_persen, diterima=True,
          peringatan="sel berformat persen dibaca sebagai angka yang tampil"),
    Kasus("baris-kosong-di-akhir", _ubah_teks("evaluasi_koperasi.csv",
                                              lambda t: (t + ",,,,,,\n" * 5).encode()),
          diterima=True),
    Kasus("ribuan-titik", _ribuan("."), diterima=True),
    Kasus("ribuan-koma", _ribuan(","), diterima=True),
    Kasus("pemisah-titik-koma", lambda f: _tulis(f, "evaluasi_koperasi.csv",
                                                 _baris(f, "evaluasi_koperasi.csv"),
                                                 delimiter=";"), diterima=True),
    Kasus("bom-utf8", _ubah_teks("indeks_rb.csv", lambda t: ("\ufeff" + t).encode()),
          diterima=True),
    Kasus("latin-1", _ubah_teks("evaluasi_koperasi.csv", lambda t: t.replace(
        "KSP Mitra Abadi", "KSP Mitra Señor").encode("latin-1")), diterima=True,
        peringatan="bukan UTF-8"),
    Kasus("tanggal-excel-di-tahun", _tanggal_excel, diterima=True, peringatan="tanggal Excel"),
    Kasus("baris-total-tersembunyi", _hidden_total, diterima=True, peringatan="baris total"),
    # rows hidden by a filter are counted, and the warning says so
    Kasus("xlsx-baris-disaring", _xlsx_baris_disaring, diterima=True,
          peringatan="39 baris data disaring dengan filter atau disembunyikan di Excel "
          "(baris 261, 262, 263, 264, 265, 266, 267, 268, 269, 270 dan 29 lainnya); baris "
          "tersembunyi tetap dibaca dan dihitung"),
    # the full table first and open, an old copy second: read right, the copy named
    Kasus("xlsx-salinan-lama-di-lembar-kedua", _xlsx_dua_lembar(False), diterima=True,
          peringatan="dibaca lembar pertama 'Update Desember'; lembar 'Data Juli' juga berisi "
          "tabel ini"),
    Kasus("variasi-ya-tidak", _variasi_ya_tidak, diterima=True),
    Kasus("xlsx-biasa", lambda f: ke_xlsx(f, "evaluasi_koperasi"), diterima=True),
    Kasus("id-tak-tampak-lintas-tahun", _sel("evaluasi_koperasi.csv", "nomor_induk_koperasi",
                                             None, tahun=2024), diterima=True,
          peringatan="diseragamkan"),
    Kasus("nama-karakter-kendali", _sel("evaluasi_koperasi.csv", "nama_koperasi",
                                        "KSP\x00 Maju\x0bJaya"), diterima=True),
    # the decimal comma quoted, as a spreadsheet writes it: one cell, read as 55,00
    Kasus("koma-desimal-dikutip", _koma_desimal("indeks_rb.csv", "indeks", cara="kutip"),
          diterima=True),
    # a count column after a whole-rupiah one: once every row refused as a split decimal
    Kasus("kolom-jumlah-anggota-sesudah-aset", _kolom_anggota, diterima=True),
    # a column of page numbers beside every row is data, not a split decimal
    Kasus("kolom-nomor-halaman", _koma_desimal("indeks_rb.csv", "indeks", cara="bulat",
                                               catatan="12"), diterima=True),
]


def _salin(tmp_path: Path) -> Path:
    return salin_data_mini(tmp_path / "data")


def _sidik(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_corpus_has_at_least_30_broken_inputs():
    assert len(DITOLAK) + len(DITERIMA) >= 30
    assert len({k.nama for k in DITOLAK + DITERIMA}) == len(DITOLAK) + len(DITERIMA)


@pytest.mark.parametrize("kasus", DITOLAK, ids=[k.nama for k in DITOLAK])
def test_refused_input(kasus: Kasus, tmp_path, capsys):
    folder = _salin(tmp_path)
    baris = kasus.baris(folder) if callable(kasus.baris) else kasus.baris  # before the defect
    kasus.ubah(folder)
    keluar = tmp_path / "outputs"
    lama = keluar / TANGGAL
    lama.mkdir(parents=True)
    (lama / "laporan-iku-2025.pdf").write_bytes(b"%PDF laporan sebelumnya")
    (lama / "capaian-iku-2025.csv").write_text("laporan sebelumnya\n")
    sebelum = _sidik(keluar)
    kode = cli.main(["--tahun", "2025", "--data-dir", str(folder), "--output-dir", str(keluar),
                     "--tanggal", TANGGAL])
    galat = capsys.readouterr().err
    assert kode == 2, galat
    assert f"'{kasus.berkas}'" in galat, galat
    if baris is not None:
        assert f"baris {baris}" in galat, galat
    if kasus.kolom is not None:
        assert f"kolom '{kasus.kolom}'" in galat, galat
    assert kasus.pesan in galat, galat
    assert "Traceback" not in galat
    assert not re.search(r"\b[A-Z]\w*(Error|Exception)\b", galat), galat
    assert _sidik(keluar) == sebelum


@pytest.mark.parametrize("kasus", DITERIMA, ids=[k.nama for k in DITERIMA])
def test_accepted_input_reads_the_same_numbers(kasus: Kasus, tmp_path):
    bersih = compute_results(2025, _salin(tmp_path / "asli"))
    folder = _salin(tmp_path)
    kasus.ubah(folder)
    hasil = compute_results(2025, folder)
    kolom = ["kode_iku", "pembilang", "penyebut", "realisasi", "capaian_persen", "kategori"]
    assert hasil[kolom].equals(bersih[kolom])
    if kasus.peringatan:
        assert any(kasus.peringatan in p for p in hasil.attrs["peringatan"]), hasil.attrs


def test_control_characters_in_a_name_reach_the_xlsx_cleanly(tmp_path):
    """A NUL and a vertical tab pasted into a koperasi name: the results workbook the CLI
    writes (tabel_hasil.tulis_xlsx_hasil) opens, with the name cleaned and nothing else lost."""
    from iku_helpers import tabel_hasil
    from iku_helpers.hitung import hitung_iku

    folder = _salin(tmp_path)
    _sel("evaluasi_koperasi.csv", "nama_koperasi", "=KSP\x00 Maju\x0bJaya")(folder)
    path = tmp_path / "capaian.xlsx"
    tabel_hasil.tulis_xlsx_hasil(hitung_iku(2025, folder), path)
    lembar = openpyxl.load_workbook(path)["Koperasi"]
    nama = [sel for sel in lembar["B"] if isinstance(sel.value, str) and "Maju" in sel.value
            and "Jaya" in sel.value]
    assert [sel.value for sel in nama] == ["=KSP Maju\nJaya"]
    assert nama[0].data_type == "s" and nama[0].quotePrefix   # still text, not a formula


def test_xlsx_pk_targets_typed_as_percent_read_as_shown(tmp_path):
    """A Perjanjian Kinerja kept in Excel with its percent targets typed as 1,50% (stored
    0.015) once gave IKU1 a capaian of 7000 %, silently. Read as shown, the results equal
    those of the CSV, with a warning naming the file and the columns; the IKU4 index typed
    as a plain number stays as it is and gets no warning about decimal dots."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    bersih = compute_results(2025, folder)

    def ubah(lembar):
        for baris in lembar.iter_rows(min_row=2):
            if baris[1].value == "IKU4":
                for sel in baris[2:]:
                    sel.value = float(sel.value)   # a typed number, 66.0
                continue
            for sel in baris[2:]:
                sel.value = float(Decimal(sel.value) / 100)
                sel.number_format = "0.00%"
    ke_xlsx(folder, "perjanjian_kinerja", ubah, angka=False)
    hasil = compute_results(2025, folder)
    kolom = ["kode_iku", "target", "realisasi", "capaian_persen", "kategori"]
    assert hasil[kolom].equals(bersih[kolom])
    assert hasil.set_index("kode_iku").loc["IKU1", "capaian_persen"] == 70.0
    peringatan = [p for p in hasil.attrs["peringatan"] if "berformat persen" in p]
    assert {p.kolom for p in peringatan} == {"target", "target_tw1", "target_tw2",
                                            "target_tw3", "target_tw4"}
    assert all(p.berkas == "perjanjian_kinerja.xlsx" for p in peringatan)
    assert not [p for p in hasil.attrs["peringatan"] if "bertitik" in p]
