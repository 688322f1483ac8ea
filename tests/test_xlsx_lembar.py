"""What an XLSX sheet hides from its cell values.

Found by a tester, each exit 0 with a wrong figure and no warning. Here: rows hidden by a
filter, counted while the clerk sees the filtered total. The corpus
(test_korpus_rusak.py) runs it through the CLI; here the exact message and the cases
that must stay quiet. Row numbers are those of the fixture (tests/fixtures/data_mini).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import salin_data_mini
from test_korpus_rusak import (
    _hidden_total,
    _xlsx_baris_disaring,
    ke_xlsx,
)

from iku_helpers import loaders
from iku_helpers.data_iku import muat_data
from iku_helpers.hitung import hitung_iku


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return salin_data_mini(tmp_path / "data")


def _peringatan(folder: Path, berkas: str) -> list[str]:
    return [str(p) for p in muat_data(folder).peringatan if p.berkas == berkas]


def _iku(folder: Path, kode: str) -> float:
    return hitung_iku(2025, folder).tabel.set_index("kode_iku").at[kode, "realisasi"]


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
