"""Reading input tables (CSV, XLSX, Parquet) into raw DataFrames.

Every loader returns the cells as read (text or numbers, not yet validated) with the
column names normalised (trimmed, lower case) and an extra column ``_baris``: the row
number as the analyst sees it in the spreadsheet (header = row 1), so that
validation messages can point at the exact row. Fully empty rows are dropped
(trailing empty rows are common in real spreadsheets) without renumbering the rest.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataIKUError, Masalah
from .format_id import gabung_kata, kata_baris
from .parsing import kosong

FORMAT_DITERIMA = (".csv", ".xlsx", ".parquet")
BATAS_UKURAN_BERKAS_MB_BAWAAN = 500
#: The first bytes of an OLE2/CFB container: Excel 97-2003 (.xls) or, for .xlsx, a workbook
#: encrypted with a password (Excel wraps the encrypted package in CFB).
_AWALAN_CFB = bytes.fromhex("D0CF11E0A1B11AE1")
_PAKET_TERENKRIPSI = "EncryptedPackage".encode("utf-16-le")


def _jenis_bukan_berkas(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "yang ditunjuk adalah folder, bukan berkas"
    if stat.S_ISFIFO(mode):
        return "yang ditunjuk adalah pipa bernama (FIFO), bukan berkas biasa"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "yang ditunjuk adalah perangkat (device), bukan berkas biasa"
    if stat.S_ISSOCK(mode):
        return "yang ditunjuk adalah soket, bukan berkas biasa"
    return "yang ditunjuk bukan berkas biasa"


def _lewat_symlink(path: Path, data_dir: Path) -> bool:
    """Whether a symbolic link is followed on the way from data_dir to path."""
    try:
        relatif = path.relative_to(data_dir)
    except ValueError:  # an absolute path elsewhere: only the file itself can be a link
        return path.is_symlink()
    sekarang = data_dir
    for bagian in relatif.parts:
        sekarang = sekarang / bagian
        if bagian not in (".", "..") and sekarang.is_symlink():
            return True
    return False


def _mb(jumlah_byte: int) -> str:
    """Bytes as Indonesian megabytes: 1.536,0."""
    return f"{jumlah_byte / 2**20:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def periksa_berkas_masukan(path: Path | str, nama_berkas: str, data_dir: Path | str | None = None,
                           batas_bytes: int | None = None,
                           izinkan_symlink_luar: bool = False) -> Path:
    """Check an input before anything opens it; return it resolved. Raises DataIKUError.

    * it must exist and be a regular file: a FIFO, a device or a socket would block or
      never end when read, so they are refused at once (``os.stat`` does not open it);
    * its size must not exceed ``batas_bytes`` (``pengaturan.batas_ukuran_berkas_mb``),
      checked from the file system before a byte is read;
    * with ``data_dir`` given: a symbolic link that leads outside the data folder is
      refused unless ``izinkan_symlink_luar`` (a path written in the manifest that
      leaves the folder without a link, e.g. ``../data/katalog_iku.yaml``, is the
      analyst's explicit choice and stays allowed).
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        pesan = ("tautan simbolik (symlink) menunjuk ke berkas yang tidak ada"
                 if path.is_symlink() else "berkas tidak ditemukan")
        raise DataIKUError(Masalah(nama_berkas, pesan)) from None
    except OSError as e:
        raise DataIKUError(Masalah(nama_berkas, f"berkas tidak dapat diperiksa "
                                   f"({e.strerror or 'galat sistem berkas'})")) from None
    jenis = _jenis_bukan_berkas(info.st_mode)
    if jenis:
        raise DataIKUError(Masalah(nama_berkas, jenis))
    tujuan = path.resolve()
    if data_dir is not None and not izinkan_symlink_luar:
        folder = Path(data_dir).absolute()
        folder_asli = folder.resolve()
        if _lewat_symlink(Path(os.path.abspath(path)), folder) and \
                not tujuan.is_relative_to(folder_asli):
            raise DataIKUError(Masalah(
                nama_berkas, f"tautan simbolik (symlink) mengarah ke luar folder data "
                f"({tujuan}); salin berkasnya ke folder data, atau izinkan dengan "
                "'pengaturan: izinkan_symlink_luar: true' di sumber_data.yaml"))
    if batas_bytes is not None and info.st_size > batas_bytes:
        raise DataIKUError(Masalah(
            nama_berkas, f"ukuran berkas {_mb(info.st_size)} MB melebihi batas "
            f"{_mb(batas_bytes)} MB; periksa apakah ini berkas yang benar, atau naikkan "
            "'pengaturan: batas_ukuran_berkas_mb' di sumber_data.yaml"))
    return tujuan


def _normalisasi_kolom(kolom: object) -> str:
    """A header as the schemas name it: case and spacing do not matter ("Kode Wilayah",
    "kode  wilayah" and "Kode\u00a0Wilayah", a non-breaking space from a web page, are all
    kode_wilayah)."""
    teks = "" if kolom is None else str(kolom)
    teks = unicodedata.normalize("NFKC", teks.replace("\ufeff", ""))
    return "_".join(teks.lower().split())


def _baca_teks_csv(path: Path, nama_berkas: str) -> tuple[str, str | None]:
    mentah = path.read_bytes()
    if mentah.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise DataIKUError(Masalah(nama_berkas, "berkas ini berisi HTML, bukan CSV; unduh "
                                   "ulang tabel sebagai CSV atau XLSX"))
    if mentah[:2] in (b"\xff\xfe", b"\xfe\xff"):  # "Unicode text" from Excel: UTF-16
        try:
            return mentah.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    for kodek in ("utf-8-sig",):
        try:
            return mentah.decode(kodek), None
        except UnicodeDecodeError:
            pass
    # Spreadsheets on Windows often save CSV as Windows-1252/Latin-1: read it, and say so.
    return mentah.decode("cp1252", errors="replace"), (
        f"Berkas '{nama_berkas}' bukan UTF-8; dibaca sebagai Windows-1252/Latin-1. "
        "Periksa ejaan nama yang memakai huruf beraksen.")


def _baca_csv(path: Path, nama_berkas: str, peringatan: list[str] | None) -> pd.DataFrame:
    teks, catatan = _baca_teks_csv(path, nama_berkas)
    if catatan and peringatan is not None:
        peringatan.append(catatan)
    if not teks.strip():
        raise DataIKUError(Masalah(nama_berkas, "berkas kosong"))
    akhir = teks.find("\n")
    baris_pertama = (teks if akhir < 0 else teks[:akhir]).rstrip("\r")
    baris_awal = 1  # the row of the header, as the spreadsheet shows it
    arahan = _ARAHAN_PEMISAH.match(baris_pertama)
    if arahan:
        # "sep=;": Excel's directive naming the separator. It is not a header: the header
        # is the next line. Excel hides the directive and shows the header as row 1, so
        # rows keep the numbers the spreadsheet shows (a text editor's line less one).
        pemisah = arahan.group(1)
        teks = "" if akhir < 0 else teks[akhir + 1:]
        if not teks.strip():
            raise DataIKUError(Masalah(nama_berkas, "berkas kosong"))
    else:
        # comma, semicolon (Excel with an Indonesian locale) or tab (Excel's "Unicode text")
        pemisah = max((",", ";", "\t"), key=baris_pertama.count)
    df = _baca_csv_cepat(teks, pemisah, baris_awal)
    if df is None:
        pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
        df = _dari_baris(list(pembaca), nama_berkas, baris_awal=baris_awal)
    df.attrs[ATTR_PEMISAH] = pemisah  # a decimal comma can split a cell (validasi)
    return df


#: Excel's first line "sep=;" (also quoted, or padded with separators by a program that
#: read it as a cell): the separator of the file.
_ARAHAN_PEMISAH = re.compile(r'^"?sep=([^"\r\n])"?[,;\t|]*$', re.IGNORECASE)
#: Set on a raw table: the row (as the spreadsheet numbers it) of its
#: header, for messages about a column as a whole.
ATTR_BARIS_JUDUL = "baris_judul"
#: Set on a raw table read from a CSV file: the column separator its header used.
ATTR_PEMISAH = "pemisah"


def _baca_csv_cepat(teks: str, pemisah: str, baris_awal: int = 1) -> pd.DataFrame | None:
    """Large, clean CSVs through Arrow's reader (every cell kept as text).

    Used only when the result is certain to match the careful reader: no empty lines
    (Arrow skips them, which would shift row numbers), no quotes (a quoted newline would
    too), a unique non-empty header, and every row as wide as the header (Arrow raises
    otherwise). Anything else goes through the careful reader, which names problems.
    """
    if len(teks) < 1_000_000 or '"' in teks or "\n\n" in teks.rstrip("\n").replace("\r", ""):
        return None
    kepala = [_normalisasi_kolom(k) for k in teks[: teks.find("\n")].rstrip("\r").split(pemisah)]
    if "" in kepala or len(set(kepala)) != len(kepala):
        return None
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        tabel = pacsv.read_csv(
            io.BytesIO(teks.encode("utf-8")),
            parse_options=pacsv.ParseOptions(delimiter=pemisah),
            convert_options=pacsv.ConvertOptions(column_types={k: pa.string() for k in kepala}),
            read_options=pacsv.ReadOptions(column_names=kepala, skip_rows=1))
    except (pa.ArrowInvalid, ValueError):
        return None
    df = tabel.to_pandas()
    df["_baris"] = range(baris_awal + 1, len(df) + baris_awal + 1)
    # An all-empty row has an empty first cell: look closer only at those rows.
    pertama = df.iloc[:, 0]
    calon = np.flatnonzero((pertama.isna() | pertama.str.strip().eq("")).to_numpy(dtype=bool))
    if len(calon):
        isi = df.iloc[calon, :-1]
        kosong = (isi.isna() | isi.apply(lambda s: s.str.strip().eq(""))).all(axis=1)
        df = df.drop(index=df.index[calon[kosong.to_numpy(dtype=bool)]])
    df = df.reset_index(drop=True)
    df.attrs[ATTR_BARIS_JUDUL] = baris_awal
    return df


def _huruf_kolom(indeks: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column letter a spreadsheet shows."""
    huruf = ""
    indeks += 1
    while indeks:
        indeks, sisa = divmod(indeks - 1, 26)
        huruf = chr(65 + sisa) + huruf
    return huruf


def _dari_baris(semua: list[list[object]], nama_berkas: str, baris_awal: int) -> pd.DataFrame:
    """Build a raw frame from a header row and data rows; row numbers start at baris_awal."""
    if not semua or all(_baris_kosong(b) for b in semua):
        raise DataIKUError(Masalah(nama_berkas, "berkas kosong"))
    kepala = [_normalisasi_kolom(k) for k in semua[0]]
    while kepala and kepala[-1] == "":
        kepala.pop()
    rekaman = []
    nomor = []
    kolom_tanpa_judul: set[int] = set()
    for i, baris in enumerate(semua[1:], start=baris_awal + 1):
        if _baris_kosong(baris):
            continue
        sel = list(baris[: len(kepala)]) + [None] * max(0, len(kepala) - len(baris))
        for j, v in enumerate(baris):
            if not kosong(v) and (j >= len(kepala) or kepala[j] == ""):
                if j >= len(semua[0]):  # wider than the header row itself (CSV)
                    raise DataIKUError(Masalah(
                        nama_berkas, "baris ini punya lebih banyak sel daripada judul kolom "
                        "(pemisah kolom salah?)", i))
                kolom_tanpa_judul.add(j)
        rekaman.append(sel)
        nomor.append(i)
    if kolom_tanpa_judul:
        pesan = ("kolom berisi data tetapi judulnya kosong (sel judul digabung/merge, atau "
                 "judul belum diisi)")
        raise DataIKUError([Masalah(nama_berkas, pesan, baris_awal, _huruf_kolom(j))
                            for j in sorted(kolom_tanpa_judul)])
    df = pd.DataFrame(rekaman, columns=kepala, dtype=object)
    df["_baris"] = nomor
    df.attrs[ATTR_BARIS_JUDUL] = baris_awal
    return df


def _baris_kosong(baris: list[object]) -> bool:
    return all(kosong(v) for v in baris)


def baca_baris_xlsx(path: Path, nama_berkas: str,
                    sel_persen: list[tuple[int, int, float]] | None = None,
                    info_lembar: dict | None = None) -> list[list[object]]:
    """All rows of the first sheet, values as stored (formulas as cached results).

    With ``sel_persen`` (a list to fill), a number in a cell formatted as a percentage is
    read as the number the sheet shows (stored 0.015, shown 1,50% -> 1.5: the tables'
    percent columns are in percent units), and each such cell is recorded there as
    (row index in the result, column index, stored value) so the caller can warn.

    With ``info_lembar`` (a dict to fill, see :func:`_ringkas_lembar`): the first sheet's
    name and part in the zip, the workbook's other sheets with their first non-empty row,
    and the sheet that was open when the workbook was saved."""
    import openpyxl

    if not zipfile.is_zipfile(path):
        with open(path, "rb") as f:
            kepala = f.read(8 << 20)
        awal = kepala[:512].lower()
        if kepala.startswith(_AWALAN_CFB):
            if _PAKET_TERENKRIPSI in kepala or path.suffix.lower() != ".xls":
                pesan = ("buku kerja Excel ini dilindungi kata sandi (terenkripsi) sehingga "
                         "tidak dapat dibaca; buka di Excel, hapus kata sandinya (File > Info > "
                         "Protect Workbook > Encrypt with Password, kosongkan), lalu simpan ulang")
            else:
                pesan = ("berkas ini format Excel lama (.xls 97-2003) yang tidak dibaca; buka "
                         "di Excel/LibreOffice dan simpan sebagai .xlsx")
            raise DataIKUError(Masalah(nama_berkas, pesan))
        if b"<html" in awal or b"<!doctype" in awal or b"<table" in awal:
            pesan = "berkas ini HTML yang diberi nama .xlsx/.xls, bukan buku kerja Excel"
        else:
            pesan = "berkas bukan buku kerja Excel (XLSX) yang utuh (rusak atau terpotong?)"
        raise DataIKUError(Masalah(nama_berkas, pesan))
    try:
        buku = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds
        raise DataIKUError(Masalah(nama_berkas,
                                   f"buku kerja Excel tidak dapat dibaca ({e})")) from e
    lembar = buku.worksheets[0]
    if getattr(lembar, "sheet_state", "visible") != "visible":
        # the first sheet is what is read; one Excel hides would be read unseen (a draft
        # under the final figures)
        buku.close()
        raise DataIKUError(Masalah(nama_berkas, f"lembar pertama buku kerja ini ('{lembar.title}') "
                                   "disembunyikan di Excel, padahal lembar pertama yang dibaca; "
                                   "tampilkan lembar itu dan pastikan isinya benar, atau hapus "
                                   "lembar tersembunyi itu"))
    try:
        if info_lembar is not None:
            info_lembar.update(_ringkas_lembar(buku, lembar))
        if sel_persen is None:
            semua = [list(b) for b in lembar.iter_rows(values_only=True)]
        else:  # (as fast as values_only: parsing the XML is the cost)
            semua = [[_nilai_tampil(c, i, j, sel_persen) for j, c in enumerate(b)]
                     for i, b in enumerate(lembar.iter_rows())]
    except Exception as e:  # noqa: BLE001 - a truncated sheet: XML, zip CRC or EOF errors
        raise DataIKUError(Masalah(nama_berkas, _PESAN_LEMBAR_RUSAK)) from e
    finally:
        buku.close()
    try:
        _periksa_rumus_tanpa_nilai(path, nama_berkas, semua)
    except DataIKUError:
        raise
    except Exception as e:  # noqa: BLE001
        raise DataIKUError(Masalah(nama_berkas, _PESAN_LEMBAR_RUSAK)) from e
    return semua


#: Parts of a number format that print as they are: quoted text ("%"), an escaped
#: character (\%), a space the width of a character (_%), a fill (*x), [colour/condition].
_FORMAT_LITERAL = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def format_persen(format_angka: str | None, nilai: float) -> bool:
    """Does Excel show ``nilai`` x 100 with this number format? Only a bare ``%`` in the
    section that applies to the value's sign scales it; ``0.00"%"`` or ``0.00\\%`` print
    a percent sign after the number as typed."""
    if not format_angka or "%" not in format_angka:
        return False
    bagian = _FORMAT_LITERAL.sub("", format_angka).split(";")
    if nilai < 0 and len(bagian) > 1:
        return "%" in bagian[1]
    if nilai == 0 and len(bagian) > 2:
        return "%" in bagian[2]
    return "%" in bagian[0]


def _nilai_tampil(sel, i: int, j: int, sel_persen: list) -> object:
    """A cell's value; a number formatted as a percentage as the number shown (x 100,
    in decimal so that 0.015 gives 1.5 exactly)."""
    v = sel.value
    if isinstance(v, (int, float)) and not isinstance(v, bool) \
            and format_persen(getattr(sel, "number_format", None), v):
        from decimal import Decimal

        sel_persen.append((i, j, v))
        return float(Decimal(repr(v)) * 100)
    return v


_PESAN_LEMBAR_RUSAK = ("lembar kerja pertama di buku kerja Excel ini terpotong atau rusak "
                       "(isinya tidak utuh); buka di Excel/LibreOffice lalu simpan ulang, atau "
                       "unduh/salin ulang berkasnya")


def _periksa_rumus_tanpa_nilai(path: Path, nama_berkas: str, semua: list[list[object]]) -> None:
    """A formula whose result was never saved (the file was written by a program that
    does not calculate) reads as an empty cell: say so instead of "sel kosong"."""
    if not any(v is None for b in semua for v in b):
        return
    import openpyxl

    buku = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        masalah = []
        kepala = [_normalisasi_kolom(k) for k in (semua[0] if semua else [])]
        for i, baris in enumerate(buku.worksheets[0].iter_rows(values_only=True)):
            for j, v in enumerate(baris):
                if isinstance(v, str) and v.startswith("=") and i < len(semua) \
                        and j < len(semua[i]) and semua[i][j] is None:
                    kolom = kepala[j] if j < len(kepala) and kepala[j] else _huruf_kolom(j)
                    masalah.append(Masalah(nama_berkas, "sel berisi rumus yang hasilnya tidak "
                                           "tersimpan; buka berkas di Excel/LibreOffice lalu "
                                           "simpan ulang, atau salin sebagai nilai", i + 1,
                                           kolom, v))
    finally:
        buku.close()
    if masalah:
        raise DataIKUError(masalah)


#: Rows of another sheet looked at for its header (its first non-empty row): room for a
#: title or two above it, and cheap (read-only parsing stops there).
_BARIS_AWAL_LEMBAR_LAIN = 20


def _ringkas_lembar(buku, pertama) -> dict:
    """What the sheet checks need from the open read-only workbook: the first sheet's name
    (``judul``) and its part in the zip (``bagian``); every other worksheet as (name,
    state, its first non-empty row among the first rows, or None) (``lain``); and the
    name of the sheet that was open when the workbook was saved (workbookView activeTab),
    when that is another worksheet than the first (``aktif``, else None)."""
    lain = []
    for ws in buku.worksheets[1:]:
        kepala = None
        try:
            for baris in ws.iter_rows(max_row=_BARIS_AWAL_LEMBAR_LAIN, values_only=True):
                if not _baris_kosong(baris):
                    kepala = list(baris)
                    break
        except Exception:  # noqa: BLE001 - another sheet unreadable: nothing to compare
            kepala = None
        lain.append((ws.title, getattr(ws, "sheet_state", "visible"), kepala))
    aktif = buku.active
    if aktif is pertama or not any(aktif is ws for ws in buku.worksheets):
        aktif = None
    return {"judul": pertama.title, "bagian": pertama._worksheet_path, "lain": lain,
            "aktif": None if aktif is None else aktif.title}


#: Columns many input tables share: not what tells one table from another.
_KOLOM_UMUM = frozenset({"tahun", "triwulan", "tanggal", "kode_wilayah", "nama_wilayah",
                         "kode_iku"})


def _kutip(nama: list[str]) -> list[str]:
    return [f"'{n}'" for n in nama]


def _kolom_dikenal() -> set[str]:
    """Every column some input table's schema names."""
    from .validasi import SKEMA

    return {k for s in SKEMA.values() for k in s.kolom}


def _periksa_lembar_lain(nama_berkas: str, info: dict, kepala: list[str]) -> list:
    """Only the first sheet is read. Another visible sheet whose header shares most of the
    first sheet's column names holds this table too (an old copy beside the update, or
    the same table per year): when the workbook was saved with that sheet open, the first
    sheet and the open one disagree on which copy is meant, so it is refused; otherwise
    (the first sheet is the one open) it is a warning. A workbook saved with another
    sheet open that holds something else is a warning too. Returns the warnings."""
    from .errors import Peringatan

    pertama = info.get("judul")
    # the columns that say which table this is: tahun, kode_wilayah, nama_wilayah... are
    # shared by many tables (penduduk bekerja beside tenaga kerja KUKM is not a copy)
    # (and only columns some input table has: an office's 'No', 'Keterangan' on both)
    nama = {k for k in kepala if k} & _kolom_dikenal() - _KOLOM_UMUM
    sama = []
    for judul, keadaan, kepala_lain in info.get("lain", []):
        if keadaan != "visible" or kepala_lain is None or not nama:
            continue
        bersama = len(nama & {_normalisasi_kolom(k) for k in kepala_lain})
        if bersama >= 1 and 2 * bersama > len(nama):
            sama.append(judul)
    aktif = info.get("aktif")
    if aktif in sama:
        sisa = [j for j in sama if j != aktif]
        juga = f"; begitu pula lembar {gabung_kata(_kutip(sisa))}" if sisa else ""
        raise DataIKUError(Masalah(
            nama_berkas, f"buku kerja ini berisi tabel yang sama di lebih dari satu lembar: "
            f"dibaca lembar pertama '{pertama}', tetapi lembar '{aktif}', yang terbuka saat "
            f"berkas disimpan, juga berisi tabel ini (judul kolomnya sama){juga}; tidak jelas "
            "lembar mana yang dimaksud. Simpan tabel ini di satu lembar saja (hapus lembar "
            "yang tidak dipakai), atau pindahkan lembar yang benar ke urutan pertama"))
    if sama:
        return [Peringatan.di(
            nama_berkas, f"dibaca lembar pertama '{pertama}'; lembar {gabung_kata(_kutip(sama))} "
            "juga berisi tabel ini (judul kolomnya sama) tetapi tidak dibaca. Bila lembar lain "
            "itu yang benar, pindahkan ke urutan pertama; sebaiknya simpan tabel ini di satu "
            "lembar saja")]
    isi_aktif = [k for j, keadaan, k in info.get("lain", []) if j == aktif]
    if aktif is not None and isi_aktif and isi_aktif[0] is not None:
        return [Peringatan.di(
            nama_berkas, f"dibaca lembar pertama '{pertama}', tetapi buku kerja ini disimpan "
            f"dengan lembar '{aktif}' terbuka, yang berisi data lain dan tidak dibaca; "
            "pastikan tabel yang dimaksud ada di lembar pertama")]
    return []


#: The sheet XML is scanned in pieces of this size (a test makes it tiny).
_POTONGAN_XML = 1 << 20
_PREFIKS_XML = rb"(?:[A-Za-z_][\w.-]*:)?"
_TAG_BARIS = re.compile(rb"<" + _PREFIKS_XML + rb"row\b([^>]*)>")
_TAG_GABUNG = re.compile(rb"<" + _PREFIKS_XML + rb"mergeCell\b([^>]*)>")
_TAG_FILTER = re.compile(rb"<" + _PREFIKS_XML + rb"autoFilter\b")
_ATRIBUT_R = re.compile(rb"""(?<![\w:.-])r\s*=\s*["'](\d+)["']""")
_ATRIBUT_HIDDEN = re.compile(rb"""(?<![\w:.-])hidden\s*=\s*["'](?:1|true)["']""")
_ATRIBUT_REF = re.compile(rb"""(?<![\w:.-])ref\s*=\s*["']([^"']+)["']""")


def _pindai_lembar(path: Path, bagian: str) -> tuple[list[int], list[str], bool]:
    """What the cell values do not show, from the first sheet's XML, streamed from the zip
    in pieces and scanned for three tags only (no XML tree is built): the rows hidden in
    Excel (``<row r="5" hidden="1">``, by a filter or by hand), the merged ranges
    (``<mergeCell ref="A5:A7"/>``) and whether an autofilter is set. Returns (hidden row
    numbers, merged range refs, autofilter). A row's number is its ``r``, or (rows may
    leave it out) the previous row's plus one; whether rows carry ``r`` is taken from the
    first row tag (writers do one or the other), so pieces without ``hidden`` are skipped."""
    tersembunyi: list[int] = []
    gabungan: list[str] = []
    saring = False
    nomor = 0
    tanpa_r = None  # whether rows leave out their number (known from the first row tag)
    sisa = b""
    with zipfile.ZipFile(path) as arsip, arsip.open(bagian.lstrip("/")) as f:
        while True:
            potongan = f.read(_POTONGAN_XML)
            teks = sisa + potongan
            # cut after the last '>' so that no tag is split between two pieces
            akhir = len(teks) if not potongan else teks.rfind(b">") + 1
            teks, sisa = teks[:akhir], teks[akhir:]
            if tanpa_r is None and (m := _TAG_BARIS.search(teks)):
                tanpa_r = _ATRIBUT_R.search(m.group(1)) is None
            # A plain substring test first: most pieces hold none of the three tags, and
            # rows that carry their number (every common writer) need no counting.
            if tanpa_r is not False or b"hidden" in teks:
                for m in _TAG_BARIS.finditer(teks):
                    r = _ATRIBUT_R.search(m.group(1))
                    nomor = int(r.group(1)) if r else nomor + 1  # r left out: the next row
                    if _ATRIBUT_HIDDEN.search(m.group(1)):
                        tersembunyi.append(nomor)
            if b"mergeCell" in teks:
                for m in _TAG_GABUNG.finditer(teks):
                    ref = _ATRIBUT_REF.search(m.group(1))
                    if ref:
                        gabungan.append(ref.group(1).decode("ascii", "replace"))
            saring = saring or (b"autoFilter" in teks and _TAG_FILTER.search(teks) is not None)
            if not potongan:
                return sorted(tersembunyi), gabungan, saring


#: Set on a raw table read from an XLSX: the merged ranges below its header that read
#: otherwise than Excel shows them, each a list of problems, one per column that differs
#: (validasi.periksa_tabel refuses those that touch the table's own columns).
ATTR_GABUNGAN = "gabungan"


def tolak_gabungan(df: pd.DataFrame, kolom) -> None:
    """Refuse the merged ranges recorded on ``df`` (``ATTR_GABUNGAN``) that touch one of
    ``kolom``, the reader's own columns: one problem per range, at its first such
    column. A merge only in columns the reader ignores passes with them."""
    gabungan = [next(m for m in per_kolom if m.kolom in kolom)
                for per_kolom in df.attrs.get(ATTR_GABUNGAN, [])
                if any(m.kolom in kolom for m in per_kolom)]
    if gabungan:
        raise DataIKUError(sorted(gabungan, key=lambda m: m.baris))


def _periksa_gabungan(nama_berkas: str, gabungan: list[str], semua: list[list[object]],
                      kepala: list[str], baris_judul: int) -> list[list[Masalah]]:
    """A merged range below the header: Excel shows its first cell's value over the whole
    range, but every other cell of it is read as empty (openpyxl gives None), so a
    column that may be empty (kode_iku of anggaran) silently loses its value and a
    required one says "sel kosong". Per range, a problem naming the range, its rows and
    each column where a cell reads otherwise than shown; the schema check refuses the
    ranges that touch the table's own columns (a merged note in an extra column is
    ignored with that column). Merges in or above the header row keep their behaviour (a
    merged header is named by _dari_baris); a range whose cells already read as what
    Excel shows (all equal, or all empty) changes nothing and is not listed."""
    from openpyxl.utils.cell import range_boundaries

    hasil = []
    for ref in gabungan:
        try:
            k1, b1, k2, b2 = range_boundaries(ref.upper())
        except (ValueError, TypeError):
            continue  # not a cell range: Excel would not show it either
        if b1 is None or k1 is None or b1 <= baris_judul:
            continue

        def nilai(b: int, k: int) -> object:
            baris = semua[b - 1] if b - 1 < len(semua) else ()
            v = baris[k - 1] if k - 1 < len(baris) else None
            return None if kosong(v) else v

        tampil = nilai(b1, k1)
        beda = [k for k in range(k1, min(k2, len(kepala)) + 1) if kepala[k - 1] and any(
            (b, k) != (b1, k1) and nilai(b, k) != tampil
            for b in range(b1, min(b2, len(semua)) + 1))]
        if not beda:
            continue
        baris_teks = f"baris {b1}" if b1 == b2 else f"baris {b1} sampai {b2}"
        akibat = ("Excel menampilkan isi sel pertamanya di seluruh gabungan, tetapi sel lain "
                  "di dalamnya terbaca kosong" if tampil is not None else
                  "Excel hanya menampilkan sel pertamanya (kosong), tetapi sel lain di "
                  "dalamnya berisi nilai yang tidak tampil")
        hasil.append([Masalah(nama_berkas, f"sel digabung (merge) {ref} ({baris_teks}): "
                              f"{akibat}; pisahkan gabungannya dan isi setiap sel", b1,
                              kepala[k - 1], tampil) for k in beda])
    return hasil


def _peringatan_tersembunyi(nama_berkas: str, tersembunyi: list[int], nomor_data: set[int],
                            saring: bool):
    """Data rows hidden in Excel (a filter, or hidden by hand) are read like any other: the
    clerk's filtered view (and its status-bar count) shows fewer rows than are counted."""
    from .errors import Peringatan

    baris = [b for b in tersembunyi if b in nomor_data]
    if not baris:
        return None
    sebab = "disaring dengan filter atau disembunyikan" if saring else "disembunyikan"
    return Peringatan.di(
        nama_berkas, f"{len(baris)} baris data {sebab} di Excel ({kata_baris(baris, 10)}); "
        "baris tersembunyi "
        "tetap dibaca dan dihitung seperti baris yang tampil (semua baris dibaca), sehingga "
        "hasilnya bisa berbeda dari yang tampil di Excel. Tampilkan semua baris (hapus "
        "filter) untuk memeriksanya, dan hapus baris yang memang tidak dipakai")


def _baca_xlsx(path: Path, nama_berkas: str, peringatan: list | None = None) -> pd.DataFrame:
    sel_persen: list[tuple[int, int, float]] = []
    info: dict = {}
    semua = baca_baris_xlsx(path, nama_berkas, sel_persen, info)
    # Skip leading empty rows: the header is the first non-empty row.
    awal = 0
    while awal < len(semua) and _baris_kosong(semua[awal]):
        awal += 1
    df = _dari_baris(semua[awal:], nama_berkas, baris_awal=awal + 1)
    kepala = [_normalisasi_kolom(k) for k in semua[awal]]
    # What the values alone do not show: other sheets, hidden rows, merged cells.
    catatan = _periksa_lembar_lain(nama_berkas, info, kepala)
    try:
        tersembunyi, gabungan, saring = _pindai_lembar(path, info["bagian"])
    except Exception as e:  # noqa: BLE001 - zip CRC or EOF errors of a damaged sheet
        raise DataIKUError(Masalah(nama_berkas, _PESAN_LEMBAR_RUSAK)) from e
    df.attrs[ATTR_GABUNGAN] = _periksa_gabungan(nama_berkas, gabungan, semua, kepala,
                                                awal + 1)
    sembunyi = _peringatan_tersembunyi(nama_berkas, tersembunyi, set(df["_baris"]), saring)
    if peringatan is not None:
        peringatan.extend(catatan + ([sembunyi] if sembunyi else []))
    if sel_persen and peringatan is not None:
        from .errors import Peringatan

        per_kolom: dict[int, list[tuple[int, float]]] = {}
        for i, j, v in sel_persen:
            if i > awal:  # a data row (a percent-formatted header cell is not a value)
                per_kolom.setdefault(j, []).append((i + 1, v))
        for j, sel in sorted(per_kolom.items()):
            kolom = kepala[j] if j < len(kepala) and kepala[j] else _huruf_kolom(j)
            baris, asli = sel[0]
            daftar = ", ".join(str(b) for b, _ in sel[:10]) + (
                " dan lainnya" if len(sel) > 10 else "")
            peringatan.append(Peringatan.di(
                nama_berkas, f"sel berformat persen dibaca sebagai angka yang tampil "
                f"(mis. baris {baris}: tersimpan {repr(asli).replace('.', ',')}, tampil "
                f"{_angka_tampil(asli)}%, dibaca {_angka_tampil(asli)}) pada baris {daftar}; "
                "periksa bila maksudnya lain", kolom=kolom))
    return df


def _angka_tampil(v: float) -> str:
    """0.015 -> '1,5'; 1 -> '100' (the stored value x 100, as a reader writes it)."""
    from decimal import Decimal

    return format((Decimal(repr(v)) * 100).normalize(), "f").replace(".", ",")


def _baca_parquet(path: Path, nama_berkas: str) -> pd.DataFrame:
    try:
        df = pd.read_parquet(path)
    except Exception as e:  # noqa: BLE001
        raise DataIKUError(Masalah(nama_berkas, f"berkas Parquet tidak dapat dibaca ({e})")) from e
    if df.empty:
        raise DataIKUError(Masalah(nama_berkas, "berkas kosong"))
    df.columns = [_normalisasi_kolom(k) for k in df.columns]
    df["_baris"] = range(2, len(df) + 2)
    return df


def baca_tabel(path: Path | str, nama_berkas: str | None = None,
               kolom_wajib: list[str] | None = None,
               peringatan: list[str] | None = None) -> pd.DataFrame:
    """Read one table by its extension and check the required columns are there."""
    path = Path(path)
    nama_berkas = nama_berkas or path.name
    periksa_berkas_masukan(path, nama_berkas)  # never open a FIFO or a device
    akhiran = path.suffix.lower()
    if akhiran == ".csv":
        df = _baca_csv(path, nama_berkas, peringatan)
    elif akhiran in (".xlsx", ".xlsm", ".xls"):
        df = _baca_xlsx(path, nama_berkas, peringatan)
    elif akhiran == ".parquet":
        df = _baca_parquet(path, nama_berkas)
    else:
        raise DataIKUError(Masalah(nama_berkas, "format berkas tidak dikenal; gunakan "
                                   + ", ".join(FORMAT_DITERIMA)))
    if df.empty:
        raise DataIKUError(Masalah(nama_berkas, "berkas tidak berisi baris data"))
    hilang = [k for k in (kolom_wajib or []) if k not in df.columns]
    if hilang:
        judul = df.attrs.get(ATTR_BARIS_JUDUL, 1)
        raise DataIKUError([Masalah(nama_berkas, "kolom wajib tidak ada", judul, k)
                            for k in hilang])
    return df
