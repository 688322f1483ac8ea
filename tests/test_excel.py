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


def test_xlsx_format_per_lembar_dan_per_baris(tmp_path):
    """A column whose unit differs by row (persons for IKU1, index points for IKU4) gets
    one format per row, on the named sheet only; None keeps the default."""
    tujuan = tmp_path / "a.xlsx"
    df = pd.DataFrame({"kode_iku": ["IKU1", "IKU4", "IKU3"], "kekurangan": [3609.0, 3.6, 9.0]})
    excel.tulis_xlsx(tujuan, {"Ringkasan": df, "Lain": df}, format_kolom={"kekurangan": "0"},
                     format_lembar={"Ringkasan": {"kekurangan": ["#,##0", "#,##0.00", None]}})
    buku = load_workbook(tujuan)
    assert [buku["Ringkasan"][f"B{i}"].number_format for i in (2, 3, 4)] == [
        "#,##0", "#,##0.00", "#,##0.00"]
    assert [buku["Lain"][f"B{i}"].number_format for i in (2, 3, 4)] == ["0", "0", "0"]
    with pytest.raises(ValueError, match="2 format untuk 3 baris"):
        excel.tulis_xlsx(tmp_path / "b.xlsx", {"R": df},
                         format_lembar={"R": {"kekurangan": ["0", "0"]}})


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


# ------------------------------------------------------------------ the annual workbook
#: Columns holding counts (persons, koperasi, usaha kecil) or rupiah: whole numbers.
KOLOM_BILANGAN = {"pembilang", "penyebut", "baris_triwulan", "tenaga_kerja_kukm",
                  "penduduk_bekerja", "koperasi_dievaluasi", "koperasi_meningkat",
                  "usaha_kecil_dievaluasi", "usaha_kecil_menjadi_wirausaha", "ditambah",
                  "dihapus", "diubah"}
KOLOM_RUPIAH = {"pagu", "volume_usaha", "volume_usaha_sebelumnya", "aset", "aset_sebelumnya"}
#: Years, area codes and quarter numbers: digits only.
KOLOM_KODE = {"tahun", "tahun_data", "kode_wilayah", "triwulan"}
#: Sheets whose 'realisasi' is rupiah (budget), not an IKU value.
LEMBAR_ANGGARAN = {"Anggaran per IKU", "Anggaran per program"}
#: A shortfall column and the column of its row that names its unit.
KOLOM_CAMPURAN = {"kekurangan": "satuan_kekurangan", "kebutuhan_sisa": "satuan_kebutuhan"}


def format_harapan(lembar: str, kolom: str, baris: dict) -> str:
    """The number format a numeric cell must carry: counts and rupiah whole, codes
    without separator, everything else (percent, index, poin) with 2 decimals."""
    if kolom in KOLOM_KODE:
        return "0"
    if kolom in KOLOM_RUPIAH or (kolom == "realisasi" and lembar in LEMBAR_ANGGARAN):
        return '"Rp"#,##0'
    if kolom in KOLOM_CAMPURAN:
        satuan = baris.get(KOLOM_CAMPURAN[kolom])
        if satuan is None:  # the kontributor sheet: always a count of units
            return "#,##0"
        return "#,##0.00" if "indeks" in str(satuan) else "#,##0"
    if kolom in KOLOM_BILANGAN:
        return "#,##0"
    return "#,##0.00"


def periksa_format_buku(path) -> int:
    """Assert every numeric cell of every sheet has the format of format_harapan;
    returns how many numeric cells were checked."""
    buku = load_workbook(path)
    diperiksa, salah = 0, []
    for ws in buku.worksheets:
        baris_semua = list(ws.iter_rows(values_only=False))
        kepala = [c.value for c in baris_semua[0]]
        for baris in baris_semua[1:]:
            isi = dict(zip(kepala, (c.value for c in baris), strict=True))
            for kolom, sel in zip(kepala, baris, strict=True):
                if isinstance(sel.value, bool) or not isinstance(sel.value, (int, float)):
                    continue
                diperiksa += 1
                harapan = format_harapan(ws.title, kolom, isi)
                if sel.number_format != harapan:
                    salah.append((ws.title, kolom, sel.value, sel.number_format, harapan))
    assert not salah, salah
    return diperiksa


@pytest.fixture(scope="module")
def hasil_2023():
    from conftest import ROOT

    from iku_helpers.hitung import hitung_iku

    return hitung_iku(2023, ROOT / "data")


def test_xlsx_tahunan_kekurangan_indeks_dua_desimal(hasil_2023, tmp_path):
    """data/: IKU4 2023 indeks 58,40 against target 62,00 (target_iku.csv), so 3,60 poin
    indeks are missing: shown '3,60' as the PDF says, not '4'. IKU1's shortfall is a
    number of persons: a whole number."""
    from iku_helpers.tabel_hasil import tulis_xlsx_hasil

    tujuan = tmp_path / "capaian-iku-2023.xlsx"
    tulis_xlsx_hasil(hasil_2023, tujuan)
    ws = load_workbook(tujuan)["Ringkasan"]
    kepala = [c.value for c in ws[1]]
    kol = kepala.index("kekurangan") + 1
    baris = {ws.cell(i, 1).value: ws.cell(i, kol) for i in range(2, ws.max_row + 1)}
    assert baris["IKU4"].value == pytest.approx(3.6)
    assert baris["IKU4"].number_format == "#,##0.00"
    assert baris["IKU1"].number_format == "#,##0"
    assert periksa_format_buku(tujuan) > 100


def test_xlsx_tahunan_memakai_tanggal_laporan(hasil_2023, tmp_path):
    from datetime import date

    from iku_helpers.tabel_hasil import tulis_xlsx_hasil

    tujuan = tmp_path / "c.xlsx"
    tulis_xlsx_hasil(hasil_2023, tujuan, tanggal=date(2026, 1, 15))
    isi = dict(load_workbook(tujuan)["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert isi["Dibuat"] == "15 Januari 2026"


def test_cli_xlsx_tahunan_memakai_tanggal_laporan(folder_mini, tmp_path, monkeypatch):
    """The run's --tanggal reaches the workbook (the notebook step is stopped early: the
    tables are written beside it, on another thread)."""
    from iku_helpers import cli, jalankan, tabel_hasil

    asli = tabel_hasil.tulis_xlsx_hasil
    salinan = tmp_path / "salinan.xlsx"

    def tulis(hasil, path, **kw):
        asli(hasil, salinan, **kw)
        asli(hasil, path, **kw)

    def berhenti(*a, **kw):
        raise RuntimeError("notebook tidak dijalankan dalam uji ini")

    monkeypatch.setattr(tabel_hasil, "tulis_xlsx_hasil", tulis)
    monkeypatch.setattr(jalankan, "_jalankan_notebook", berhenti)
    (tmp_path / "keluar").mkdir()
    assert cli.main(["--tahun", "2025", "--data-dir", str(folder_mini), "--output-dir",
                     str(tmp_path / "keluar"), "--tanggal", "2026-01-15"]) == 1
    isi = dict(load_workbook(salinan)["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert isi["Dibuat"] == "15 Januari 2026"


def test_xlsx_koperasi_without_last_year_is_not_counted_as_failing_growth(tmp_path):
    """data/ 2022: two koperasi have no 2021 figures. The PDF counts 25 'Volume usaha
    tidak naik', 18 'Aset tidak naik' and 2 'Tidak ada data tahun sebelumnya'; the
    Koperasi sheet said 'tidak' for those two as well, so filtering it gave 27 and 20."""
    from collections import Counter

    from conftest import ROOT

    from iku_helpers.hitung import hitung_iku
    from iku_helpers.tabel_hasil import TANPA_DATA_LALU, tulis_xlsx_hasil

    tujuan = tmp_path / "c.xlsx"
    tulis_xlsx_hasil(hitung_iku(2022, ROOT / "data"), tujuan)
    ws = load_workbook(tujuan)["Koperasi"]
    kepala = [c.value for c in ws[1]]
    kolom = {k: Counter(b[kepala.index(k)] for b in ws.iter_rows(min_row=2, values_only=True))
             for k in ("lolos_volume_usaha", "lolos_aset")}
    assert kolom["lolos_volume_usaha"]["tidak"] == 25
    assert kolom["lolos_aset"]["tidak"] == 18
    assert kolom["lolos_volume_usaha"][TANPA_DATA_LALU] == 2
    assert kolom["lolos_aset"][TANPA_DATA_LALU] == 2


def test_xlsx_budget_per_iku_adds_up_to_the_per_program_sheet(tmp_path):
    """The evaluator could not reconcile the 'Anggaran per IKU' sheet (four IKU rows,
    Rp4,77 M in 2025) with the PDF's total Rp13.616.701.000. The sheet now closes with the
    PDF's rows: the budget tagged to no IKU and the total, equal to the per-program sheet,
    porsi pagu adding to 100."""
    import warnings

    from conftest import ROOT

    from iku_helpers.anggaran import LABEL_JUMLAH, LABEL_TIDAK_DIKAITKAN
    from iku_helpers.hitung import hitung_iku
    from iku_helpers.tabel_hasil import tulis_xlsx_hasil

    tujuan = tmp_path / "c.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no pandas concat warning reaches the analyst
        tulis_xlsx_hasil(hitung_iku(2025, ROOT / "data"), tujuan)
    buku = load_workbook(tujuan)

    def baris(nama):
        ws = buku[nama]
        kepala = [c.value for c in ws[1]]
        return [dict(zip(kepala, b, strict=True)) for b in ws.iter_rows(min_row=2,
                                                                         values_only=True)]

    iku = baris("Anggaran per IKU")
    program = baris("Anggaran per program")
    label = {b["kode_iku"]: b for b in iku}
    assert [b["kode_iku"] for b in iku][-2:] == [LABEL_TIDAK_DIKAITKAN, LABEL_JUMLAH]
    total = sum(b["pagu"] for b in program)
    assert total == 13_616_701_000 == label[LABEL_JUMLAH]["pagu"]
    assert sum(b["pagu"] for b in iku[:-1] if b["pagu"] is not None) == total
    assert sum(b["realisasi"] for b in iku[:-1] if b["realisasi"] is not None) == sum(
        b["realisasi"] for b in program) == label[LABEL_JUMLAH]["realisasi"]
    assert label[LABEL_TIDAK_DIKAITKAN]["pagu"] == 8_848_169_000
    assert label[LABEL_TIDAK_DIKAITKAN]["porsi_anggaran_persen"] == pytest.approx(64.98)
    assert label[LABEL_JUMLAH]["porsi_anggaran_persen"] == 100
