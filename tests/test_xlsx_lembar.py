"""What an XLSX sheet hides from its cell values: other sheets, hidden rows, merged cells.

Found by a tester, each exit 0 with a wrong figure and no warning: an old partial copy of
the table as the first sheet beside the update the workbook opens on; rows hidden by a
filter counted while the clerk sees the filtered total; kode_iku merged over runs of
equal tags, the lines under each run's first read as untagged support lines. The
corpus (test_korpus_rusak.py) runs each through the CLI; here the exact messages and the
cases that must stay quiet. Row numbers are those of the fixture (tests/fixtures/data_mini).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import salin_data_mini
from test_korpus_rusak import (
    _gabung_berturut,
    _hidden_total,
    _xlsx_baris_disaring,
    _xlsx_dua_lembar,
    ke_xlsx,
)

from iku_helpers import loaders
from iku_helpers.data_iku import muat_data
from iku_helpers.errors import DataIKUError
from iku_helpers.hitung import hitung_iku


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return salin_data_mini(tmp_path / "data")


def _galat(folder: Path) -> DataIKUError:
    with pytest.raises(DataIKUError) as e:
        muat_data(folder)
    return e.value


def _peringatan(folder: Path, berkas: str) -> list[str]:
    return [str(p) for p in muat_data(folder).peringatan if p.berkas == berkas]


def _iku(folder: Path, kode: str) -> float:
    return hitung_iku(2025, folder).tabel.set_index("kode_iku").at[kode, "realisasi"]


def _ganti_xml(path: Path, lama: bytes, baru: bytes) -> None:
    """Replace ``lama`` by ``baru`` (once) in the first sheet's XML."""
    isi = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(isi) as masuk, zipfile.ZipFile(path, "w") as keluar:
        for info in masuk.infolist():
            data = masuk.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert lama in data
                data = data.replace(lama, baru, 1)
            keluar.writestr(info, data)


# ------------------------------------------------------------------ hidden rows
def test_rows_hidden_by_a_filter_are_counted_and_named(folder):
    """2025's 39 'tidak' rows hidden by a filter on menjadi_wirausaha: the clerk sees 1 of
    1 usaha kecil of 2025 as wirausaha, the tool reads 1 of 40 (2,50 %), and says so."""
    _xlsx_baris_disaring(folder)
    assert _iku(folder, "IKU3") == 2.5
    [p] = _peringatan(folder, "evaluasi_usaha_kecil.xlsx")
    assert p == (
        "Berkas 'evaluasi_usaha_kecil.xlsx': 39 baris data disaring dengan filter atau "
        "disembunyikan di Excel (baris 261, 262, 263, 264, 265, 266, 267, 268, 269, 270 dan "
        "29 lainnya); baris tersembunyi tetap dibaca dan dihitung seperti baris yang tampil "
        "(semua baris dibaca), sehingga hasilnya bisa berbeda dari yang tampil di Excel. "
        "Tampilkan semua baris (hapus filter) untuk memeriksanya, dan hapus baris yang "
        "memang tidak dipakai")


def test_a_hidden_total_row_gets_both_warnings(folder):
    """tenaga_kerja_kukm: 65 rows of data (rows 2-66), a province total row appended as
    row 67 and hidden by hand: named as hidden (read like a shown row) and, as before, as
    a total row, which is ignored whether hidden or not."""
    _hidden_total(folder)
    semua = [p for p in muat_data(folder).peringatan if p.berkas == "tenaga_kerja_kukm.xlsx"]
    assert any(p.startswith("Berkas 'tenaga_kerja_kukm.xlsx': 1 baris data disembunyikan "
                            "di Excel (baris 67); baris tersembunyi tetap dibaca") for p in semua)
    assert any("baris total diabaikan" in p for p in semua)


def test_hidden_rows_outside_the_data_say_nothing(folder):
    """A hidden empty row inside the table, hidden empty rows after it (dropped anyway) and
    a hidden title row above the header are not data rows."""
    def ubah(lembar):
        lembar.insert_rows(1)
        lembar["A1"] = None
        lembar.row_dimensions[1].hidden = True
        lembar.insert_rows(5)
        lembar.row_dimensions[5].hidden = True
        for i in range(lembar.max_row + 1, lembar.max_row + 4):
            lembar.row_dimensions[i].hidden = True
    ke_xlsx(folder, "indeks_rb", ubah)
    assert not [p for p in _peringatan(folder, "indeks_rb.xlsx") if "disembunyikan" in p]
    assert _iku(folder, "IKU4") == 55


@pytest.mark.parametrize("baris,harapan", [
    # rows without r (allowed, some streaming writers): counted from the previous row
    (b"<x:row><x:c><x:v>1</x:v></x:c></x:row><x:row hidden='true'/><x:row/>"
     b"<x:row ht='15' hidden=\"1\" spans='1:2'/><x:row hidden='0'/>"
     b"<x:row customHeight='1' hidden='1'></x:row>", [2, 4, 6]),
    # rows with r, gaps between them
    (b"<x:row r='1'><x:c r='A1'><x:v>1</x:v></x:c></x:row><x:row r='3' hidden='1'/>"
     b"<x:row r='9' hidden='false'/><x:row r='12' customHeight='1' hidden='true'></x:row>",
     [3, 12]),
], ids=["tanpa-r", "dengan-r"])
def test_the_scan_reads_prefixed_tags_and_tags_split_between_pieces(
        tmp_path, monkeypatch, baris, harapan):
    """The sheet XML as other writers make it (a namespace prefix, single quotes,
    hidden="true"), read in 7-byte pieces so that every tag is split; rowBreaks and
    mergeCells are not rows or merges."""
    xml = (b"<?xml version='1.0'?><x:worksheet xmlns:x='urn:x'><x:sheetData>" + baris
           + b"</x:sheetData><x:autoFilter ref='A1:B12'/><x:mergeCells count='2'>"
           b"<x:mergeCell ref='A5:A7'/><x:mergeCell ref=\"B2:C2\"/></x:mergeCells>"
           b"<x:rowBreaks count='1'><x:brk id='3'/></x:rowBreaks></x:worksheet>")
    path = tmp_path / "t.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", xml)
    monkeypatch.setattr(loaders, "_POTONGAN_XML", 7)
    assert loaders._pindai_lembar(path, "/xl/worksheets/sheet1.xml") == (
        harapan, ["A5:A7", "B2:C2"], True)
    monkeypatch.setattr(loaders, "_POTONGAN_XML", 1 << 20)  # one piece: the same
    assert loaders._pindai_lembar(path, "xl/worksheets/sheet1.xml") == (
        harapan, ["A5:A7", "B2:C2"], True)


# ------------------------------------------------------------------ merged cells
def test_kode_iku_merged_over_runs_is_refused_naming_every_run(folder):
    """anggaran, 14 lines a year from row 2 (2022: rows 2-15, 2023: 16-29, 2024: 30-43,
    2025: 44-57); each year's lines 7-9 are IKU2, 10-12 IKU3, 13-14 IKU1, so the runs
    merged are F8:F10, F11:F13, F14:F15 and the same 14, 28 and 42 rows further down.
    Read before: F9, F10, ... as empty kode_iku, support lines, IKU budgets too small."""
    ke_xlsx(folder, "anggaran", _gabung_berturut("kode_iku"))
    e = _galat(folder)
    harapan = []
    for geser in (0, 14, 28, 42):
        for awal, akhir, kode in ((8, 10, "IKU2"), (11, 13, "IKU3"), (14, 15, "IKU1")):
            harapan.append((awal + geser, f"F{awal + geser}:F{akhir + geser}", kode))
    assert [(m.berkas, m.baris, m.kolom, m.nilai) for m in e.masalah] == [
        ("anggaran.xlsx", b, "kode_iku", kode) for b, _, kode in harapan]
    assert [m.pesan.split(" (baris")[0] for m in e.masalah] == [
        f"sel digabung (merge) {ref}" for _, ref, _ in harapan]
    assert str(e.masalah[0]) == (
        "Berkas 'anggaran.xlsx', baris 8, kolom 'kode_iku': sel digabung (merge) F8:F10 "
        "(baris 8 sampai 10): Excel menampilkan isi sel pertamanya di seluruh gabungan, "
        "tetapi sel lain di dalamnya terbaca kosong; pisahkan gabungannya dan isi setiap sel "
        "(nilai: 'IKU2')")


def test_merges_that_change_nothing_pass(folder):
    """Two support lines with empty kode_iku merged (F6:F7: both read empty, as shown), a
    note merged into the untitled columns beside the table (I2:K2), and a merge whose
    cells all hold the value shown (a program wrote every cell): read as shown, so
    accepted, and the budget is that of the CSV."""
    asli = muat_data(folder).tabel["anggaran"]

    def ubah(lembar):
        lembar["I1"] = "catatan"
        lembar["I2"] = "revisi DPA"
        lembar.merge_cells("I2:K2")
        lembar.merge_cells("F6:F7")
    nama = ke_xlsx(folder, "anggaran", ubah)
    # F8:F10 all hold IKU2: merged in the XML only, every cell keeps its value
    _ganti_xml(folder / nama, b"</mergeCells>", b"<mergeCell ref=\"F8:F10\"/></mergeCells>")
    data = muat_data(folder)
    baru = data.tabel["anggaran"]
    assert baru["kode_iku"].tolist() == asli["kode_iku"].tolist()
    assert baru["pagu"].tolist() == asli["pagu"].tolist()
    assert not [p for p in data.peringatan if "digabung" in p]


def test_a_merged_note_in_an_extra_column_is_ignored_with_the_column(folder):
    """A 'keterangan' note merged down three rows of penduduk_bekerja.xlsx: not one of the
    table's columns, so ignored as the column is (once refused as a merge)."""
    def ubah(lembar):
        lembar.cell(row=1, column=5, value="keterangan")
        lembar.cell(row=2, column=5, value="angka sementara BPS")
        lembar.merge_cells("E2:E4")
    ke_xlsx(folder, "penduduk_bekerja", ubah)
    assert _iku(folder, "IKU1") == hitung_iku(
        2025, salin_data_mini(folder.parent / "asli")).tabel.set_index("kode_iku").at[
        "IKU1", "realisasi"]


def test_a_merged_header_keeps_its_message(folder):
    """A header merged over two columns (F1:G1) is still named by its empty title, not as
    a merge over data (the merge check only looks below the header row)."""
    def ubah(lembar):
        lembar["G1"] = None
        lembar.merge_cells("F1:G1")
    ke_xlsx(folder, "evaluasi_koperasi", ubah)
    [m] = _galat(folder).masalah
    assert (m.berkas, m.baris, m.kolom) == ("evaluasi_koperasi.xlsx", 1, "G")
    assert "judulnya kosong (sel judul digabung/merge" in m.pesan


# ------------------------------------------------------------------ several sheets
def test_an_old_copy_first_and_the_update_open_is_refused(folder):
    """The tester's workbook: 'Data Juli' (rows to 2024 and 20 of 2025's 40) first,
    'Update Desember' (all) second and open. Read before: IKU3 2025 = 0 / 20 = 0,00 %
    where the update gives 1 / 40 = 2,50 %."""
    _xlsx_dua_lembar(True)(folder)
    [m] = _galat(folder).masalah
    assert (m.berkas, m.baris, m.kolom) == ("evaluasi_usaha_kecil.xlsx", None, None)
    assert m.pesan == (
        "buku kerja ini berisi tabel yang sama di lebih dari satu lembar: dibaca lembar "
        "pertama 'Data Juli', tetapi lembar 'Update Desember', yang terbuka saat berkas "
        "disimpan, juga berisi tabel ini (judul kolomnya sama); tidak jelas lembar mana yang "
        "dimaksud. Simpan tabel ini di satu lembar saja (hapus lembar yang tidak dipakai), "
        "atau pindahkan lembar yang benar ke urutan pertama")


def test_the_update_first_and_open_is_read_with_the_copy_named(folder):
    """The same two sheets, the update first and open: the first sheet is read (2,50 %),
    and a warning names the copy that is not."""
    _xlsx_dua_lembar(False)(folder)
    assert _iku(folder, "IKU3") == 2.5
    [p] = _peringatan(folder, "evaluasi_usaha_kecil.xlsx")
    assert p == (
        "Berkas 'evaluasi_usaha_kecil.xlsx': dibaca lembar pertama 'Update Desember'; lembar "
        "'Data Juli' juga berisi tabel ini (judul kolomnya sama) tetapi tidak dibaca. Bila "
        "lembar lain itu yang benar, pindahkan ke urutan pertama; sebaiknya simpan tabel ini "
        "di satu lembar saja")


def _indeks_rb_dengan(folder: Path, lembar_lain, aktif: int = 0) -> None:
    """indeks_rb.xlsx with more sheets: ``lembar_lain(buku)`` adds them."""
    def ubah(lembar):
        lembar_lain(lembar.parent)
        lembar.parent.active = aktif
    ke_xlsx(folder, "indeks_rb", ubah)


def test_saved_open_on_another_sheet_with_other_data_is_a_warning(folder):
    def catatan(buku):
        buku.create_sheet("Catatan").append(["Data diperbarui 12 Desember"])
    _indeks_rb_dengan(folder, catatan, aktif=1)
    [p] = _peringatan(folder, "indeks_rb.xlsx")
    assert p == ("Berkas 'indeks_rb.xlsx': dibaca lembar pertama 'Sheet', tetapi buku kerja "
                 "ini disimpan dengan lembar 'Catatan' terbuka, yang berisi data lain dan "
                 "tidak dibaca; pastikan tabel yang dimaksud ada di lembar pertama")


@pytest.mark.parametrize("lembar_lain,aktif", [
    # an empty sheet open when saved
    (lambda buku: buku.create_sheet("Kosong"), 1),
    # another table (a recap with other columns), not open
    (lambda buku: buku.create_sheet("Rekap").append(["tahun", "predikat", "catatan"]), 0),
    # the same table on a hidden sheet: not what the clerk sees, and not read
    (lambda buku: setattr(buku.copy_worksheet(buku.worksheets[0]), "sheet_state", "hidden"),
     0),
], ids=["lembar-kosong-terbuka", "tabel-lain", "salinan-tersembunyi"])
def test_other_sheets_that_do_not_compete_say_nothing(folder, lembar_lain, aktif):
    _indeks_rb_dengan(folder, lembar_lain, aktif)
    assert not [p for p in _peringatan(folder, "indeks_rb.xlsx") if "lembar" in p]
    assert _iku(folder, "IKU4") == 55


def test_another_table_sharing_only_the_common_columns_is_not_a_copy(folder):
    """penduduk_bekerja.xlsx saved open on a 'TK KUKM' sheet holding tenaga kerja KUKM:
    the two share tahun, kode_wilayah and nama_wilayah only. Once refused as 'the same
    table on more than one sheet'; now read, with the open-sheet warning."""
    from test_korpus_rusak import _baris

    tk = _baris(folder, "tenaga_kerja_kukm.csv")

    def ubah(lembar):
        lain = lembar.parent.create_sheet("TK KUKM")
        for b in tk:
            lain.append(b)
        lembar.parent.active = 1
    ke_xlsx(folder, "penduduk_bekerja", ubah)
    [p] = _peringatan(folder, "penduduk_bekerja.xlsx")
    assert "disimpan dengan lembar 'TK KUKM' terbuka, yang berisi data lain" in p


def test_office_columns_on_both_sheets_do_not_make_a_copy(folder):
    """The same, each sheet with the office's own 'No' and 'Keterangan' columns: columns
    no input table has do not count either."""
    from test_korpus_rusak import _baris

    tk = _baris(folder, "tenaga_kerja_kukm.csv")

    def ubah(lembar):
        lembar.insert_cols(1)
        lembar.cell(row=1, column=1, value="No")
        lembar.cell(row=1, column=lembar.max_column + 1, value="Keterangan")
        lain = lembar.parent.create_sheet("TK KUKM")
        for i, b in enumerate(tk):
            lain.append(["No" if i == 0 else i, *b, "Keterangan" if i == 0 else ""])
        lembar.parent.active = 1
    ke_xlsx(folder, "penduduk_bekerja", ubah)
    [p] = _peringatan(folder, "penduduk_bekerja.xlsx")
    assert "disimpan dengan lembar 'TK KUKM' terbuka, yang berisi data lain" in p


def test_the_sheet_checks_cost_no_second_open_of_a_one_sheet_workbook(folder, monkeypatch):
    """A one-sheet workbook (the usual case) is opened once: the other-sheet summary reads
    nothing, and the XML scan opens the zip, not openpyxl."""
    ke_xlsx(folder, "indeks_rb")
    dibuka = []
    asli = openpyxl.load_workbook

    def hitung(*a, **kw):
        dibuka.append(kw)
        return asli(*a, **kw)
    monkeypatch.setattr(openpyxl, "load_workbook", hitung)
    loaders.baca_tabel(folder / "indeks_rb.xlsx", peringatan=[])
    assert dibuka == [{"read_only": True, "data_only": True}]


def test_a_merged_alias_in_the_area_reference_is_refused(tmp_path):
    """wilayah.xlsx with Banggai Kepulauan's alias merged over Banggai's row: the area
    reference reads through baca_tabel, not periksa_tabel, and once let Banggai's alias
    read as empty silently."""
    import csv

    from iku_helpers import config
    from iku_helpers.wilayah import baca_referensi_wilayah

    buku = openpyxl.Workbook()
    for b in csv.reader(config.WILAYAH_BAWAAN.open(encoding="utf-8")):
        buku.active.append(b)
    buku.active.merge_cells("C3:C4")
    buku.save(tmp_path / "wilayah.xlsx")
    with pytest.raises(DataIKUError) as e:
        baca_referensi_wilayah(tmp_path / "wilayah.xlsx")
    [m] = e.value.masalah
    assert (m.berkas, m.baris, m.kolom) == ("wilayah.xlsx", 3, "alias")
    assert "sel digabung (merge) C3:C4 (baris 3 sampai 4)" in m.pesan
