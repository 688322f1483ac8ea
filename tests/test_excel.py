"""XLSX/CSV exports: injected text stays text, numbers stay numbers."""

import io
import zipfile

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from iku_helpers import excel

TEKS_JAHAT = ['=HYPERLINK("http://x","klik")', "@SUM(A1)", "-2+3", "+62 811", "Koperasi Biasa"]


@pytest.fixture
def df():
    return pd.DataFrame(
        {
            "tahun": [2022, 2023, 2024, 2025, 2026],
            "nama_koperasi": TEKS_JAHAT,
            "selisih": [-5, 3, 0, -1250000, 7],
            "capaian_persen": [80.5, -1.25, np.nan, 1586320.5, 1.24],
        }
    )


def test_xlsx_teks_tidak_menjadi_rumus(df, tmp_path):
    tujuan = tmp_path / "capaian-iku-2025.xlsx"
    excel.tulis_xlsx(tujuan, {"Capaian": df})
    ws = load_workbook(tujuan)["Capaian"]
    for baris, teks in enumerate(TEKS_JAHAT, start=2):
        sel = ws.cell(row=baris, column=2)
        assert sel.data_type == "s"
        assert sel.value == teks  # visible text unchanged, no apostrophe added
    assert ws["B2"].quotePrefix and ws["B3"].quotePrefix and ws["B4"].quotePrefix
    assert not ws["B6"].quotePrefix
    # genuine negative numbers stay numeric
    assert ws["C2"].value == -5 and ws["C2"].data_type == "n"
    assert ws["C5"].value == -1250000
    assert ws["D3"].value == -1.25 and ws["D4"].value is None
    # the file holds no formula at all
    with zipfile.ZipFile(tujuan) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_xlsx_format_dan_tata_letak(df, tmp_path):
    tujuan = tmp_path / "a.xlsx"
    excel.tulis_xlsx(tujuan, {"Capaian": df}, format_kolom={"selisih": "#,##0;[Red]-#,##0"})
    ws = load_workbook(tujuan)["Capaian"]
    assert ws["A1"].value == "tahun" and ws["A1"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws["A2"].number_format == "0"  # a year, not "2.022"
    assert ws["C2"].number_format == "#,##0;[Red]-#,##0"
    assert ws["D2"].number_format == "#,##0.00"
    assert ws.column_dimensions["B"].width >= len(TEKS_JAHAT[0])
    assert ws.column_dimensions["A"].width >= 6


def test_xlsx_bilangan_bulat_memakai_pemisah_ribuan(tmp_path):
    tujuan = tmp_path / "a.xlsx"
    excel.tulis_xlsx(tujuan, {"x": pd.DataFrame({"penduduk_bekerja": [1586320]})})
    sel = load_workbook(tujuan)["x"]["A2"]
    assert sel.value == 1586320 and sel.number_format == "#,##0"


def test_xlsx_tidak_menimpa(df, tmp_path):
    tujuan = tmp_path / "a.xlsx"
    tujuan.write_bytes(b"lama")
    with pytest.raises(FileExistsError):
        excel.tulis_xlsx(tujuan, {"x": df})
    assert tujuan.read_bytes() == b"lama"


def test_nama_lembar_aman():
    terpakai = set()
    assert excel.nama_lembar_aman("Capaian/IKU: [2025]?", terpakai) == "CapaianIKU 2025"
    panjang = "Proporsi Tenaga Kerja Sektor Koperasi dan UKM"
    pertama = excel.nama_lembar_aman(panjang, terpakai)
    kedua = excel.nama_lembar_aman(panjang, terpakai)
    assert len(pertama) == 31 and len(kedua) <= 31
    assert kedua.endswith("(2)") and pertama != kedua
    assert excel.nama_lembar_aman("'''", terpakai) == "Lembar"


def test_aman_csv(df):
    aman = excel.aman_csv(df)
    assert aman["nama_koperasi"].tolist() == [
        '\'=HYPERLINK("http://x","klik")',
        "'@SUM(A1)",
        "'-2+3",
        "'+62 811",
        "Koperasi Biasa",
    ]
    assert aman["selisih"].tolist() == [-5, 3, 0, -1250000, 7]
    assert pd.api.types.is_integer_dtype(aman["selisih"])
    assert df["nama_koperasi"].iloc[0].startswith("=")  # input not modified
    kembali = pd.read_csv(io.StringIO(aman.to_csv(index=False)))
    assert kembali["nama_koperasi"].iloc[0] == '\'=HYPERLINK("http://x","klik")'
    assert kembali["selisih"].tolist() == [-5, 3, 0, -1250000, 7]


def test_aman_csv_kolom_campuran_dan_nama_kolom():
    df = pd.DataFrame({"=kolom": ["@a", -3, None, "\tb"]}, dtype=object)
    aman = excel.aman_csv(df)
    assert list(aman.columns) == ["'=kolom"]
    assert aman.iloc[:, 0].tolist()[:2] == ["'@a", -3]
    assert aman.iloc[3, 0] == "'\tb"


def test_csv_says_per_row_whether_its_inputs_are_sample_data(tmp_path):
    """The mini folder with official inputs except the koperasi table (sample): only the
    IKU2 row is marked DATA CONTOH; the others say 'resmi'."""
    import yaml
    from conftest import tulis_folder_data

    from iku_helpers import hitung_iku
    from iku_helpers.tabel_hasil import STATUS_CONTOH, tulis_csv

    folder = tulis_folder_data(tmp_path / "data", status="resmi")
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text(encoding="utf-8"))
    manifest["data"]["evaluasi_koperasi"]["status"] = "contoh"
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    hasil = hitung_iku(2025, folder)
    tulis_csv(hasil.tabel, tmp_path / "c.csv", hasil.data)
    baris = pd.read_csv(tmp_path / "c.csv").set_index("kode_iku")["status_data"].to_dict()
    assert baris == {"IKU1": "resmi", "IKU2": STATUS_CONTOH, "IKU3": "resmi",
                     "IKU4": "resmi"}
