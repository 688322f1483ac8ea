"""End to end: `iku-report` on the small fixture folder (papermill + nbconvert + WeasyPrint).

The expensive part is one run of the report; the module-scoped fixture makes it once and
the tests read what it wrote. Runs that must fail stop before the notebook starts.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import salin_data_mini
from pypdf import PdfReader

from iku_helpers import cli, compute_results

ROOT = Path(__file__).resolve().parents[1]
TANGGAL = "2026-11-27"
NAMA_JAHAT = "<script>alert(1)</script> & <b>x</b>"
NAMA_RUMUS = '=HYPERLINK("http://contoh.invalid","klik")'

pytestmark = pytest.mark.integration


def _salin_fixture(tujuan: Path) -> Path:
    """The mini folder with two hostile koperasi names (both improved in 2025)."""
    salin_data_mini(tujuan)
    kop = pd.read_csv(tujuan / "evaluasi_koperasi.csv", dtype=str)
    from iku_helpers import hitung_iku

    meningkat = hitung_iku(2025, tujuan).koperasi.query("meningkat")["nomor_induk_koperasi"]
    nomor = list(meningkat)[:2]
    kop.loc[kop["nomor_induk_koperasi"] == nomor[0], "nama_koperasi"] = NAMA_JAHAT
    kop.loc[kop["nomor_induk_koperasi"] == nomor[1], "nama_koperasi"] = NAMA_RUMUS
    kop.to_csv(tujuan / "evaluasi_koperasi.csv", index=False)
    return tujuan


def _jalankan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "iku_helpers", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)


def _sidik(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def laporan(tmp_path_factory):
    dasar = tmp_path_factory.mktemp("laporan")
    data = _salin_fixture(dasar / "data")
    keluar = dasar / "outputs"
    keluar.mkdir()
    proses = _jalankan("--tahun", "2025", "--data-dir", str(data), "--output-dir", str(keluar),
                       "--tanggal", TANGGAL)
    assert proses.returncode == 0, proses.stderr
    return {"data": data, "keluar": keluar, "folder": keluar / TANGGAL, "proses": proses}


@pytest.fixture
def keluaran(laporan, tmp_path) -> dict:
    """A private copy of the first run's output folder, for tests that run the command
    again: what they write never reaches the module's shared folder, so no test depends
    on which ran before it."""
    keluar = tmp_path / "outputs"
    shutil.copytree(laporan["keluar"], keluar)
    return {"data": laporan["data"], "keluar": keluar, "folder": keluar / TANGGAL}


@pytest.fixture(scope="module")
def teks_pdf(laporan) -> str:
    pembaca = PdfReader(laporan["folder"] / "laporan-iku-2025.pdf")
    return "\n".join(h.extract_text() for h in pembaca.pages)


def test_all_files_written_and_printed(laporan):
    # the four report files, and the budget CSV because the mini folder has budget data
    folder = laporan["folder"]
    nama = {"laporan-iku-2025.pdf", "laporan-iku-2025.ipynb", "capaian-iku-2025.csv",
            "capaian-iku-2025.xlsx", "anggaran-iku-2025.csv"}
    assert set(_sidik(folder)) == nama
    dicetak = laporan["proses"].stdout.split()
    assert sorted(Path(p).name for p in dicetak) == sorted(nama)
    assert all(Path(p).is_absolute() for p in dicetak)
    assert not [p for p in folder.iterdir() if "sementara" in p.name]


def test_csv_equals_helper_results(laporan):
    csv = pd.read_csv(laporan["folder"] / "capaian-iku-2025.csv")
    harapan = compute_results(2025, laporan["data"])
    # the results table, then the data status of each row's inputs (sample data here)
    assert list(csv.columns) == [*harapan.columns, "status_data"]
    assert set(csv["status_data"]) == {"DATA CONTOH (sintetis, bukan data resmi)"}
    pd.testing.assert_frame_equal(csv.drop(columns="status_data"), harapan,
                                  check_dtype=False)
    # and the numbers themselves, worked by hand from the fixture: IKU1 17.243 / 1.642.188
    # (the total row; the areas sum to 1.646.089) = 1,05 %; IKU2 2 / 52 = 3,85 %;
    # IKU3 1 / 40 = 2,50 %; IKU4 indeks 55,00
    r = csv.set_index("kode_iku")
    assert r["realisasi"].to_dict() == {"IKU1": 1.05, "IKU2": 3.85, "IKU3": 2.5, "IKU4": 55.0}
    assert (r.loc["IKU1", "pembilang"], r.loc["IKU1", "penyebut"]) == (17_243, 1_642_188)
    assert (r.loc["IKU2", "pembilang"], r.loc["IKU2", "penyebut"]) == (2, 52)


def test_notebook_records_parameters(laporan):
    import nbformat

    nb = nbformat.read(laporan["folder"] / "laporan-iku-2025.ipynb", as_version=4)
    parameter = nb.metadata["papermill"]["parameters"]
    assert parameter["tahun"] == 2025 and parameter["tanggal"] == TANGGAL


def test_pdf_text_in_indonesian_format(teks_pdf):
    for potongan in ["Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2025", "27 November 2026",
                     "DATA CONTOH, bukan data resmi", "Halaman 2 dari",
                     "Realisasi IKU 2 tahun 2025 sebesar 3,85% dari target 3,85%; capaian "
                     "100,00% (Sangat Tinggi).", "68,18", "1.642.188", "Sangat Tinggi",
                     "Tinggi", "Sedang", "Rendah", "SHA-256", "Belum ada narasi analis"]:
        assert potongan in " ".join(teks_pdf.split()), potongan


def test_pdf_has_no_code(teks_pdf):
    for kode in ["import ", "laporan.siapkan", "lap.", "def ", "data_dir =", "Traceback"]:
        assert kode not in teks_pdf, kode


def test_data_contoh_mark_on_every_page(laporan):
    pembaca = PdfReader(laporan["folder"] / "laporan-iku-2025.pdf")
    assert len(pembaca.pages) > 5
    for nomor, halaman in enumerate(pembaca.pages, start=1):
        assert "DATA CONTOH" in halaman.extract_text(), f"halaman {nomor}"


def test_hostile_names_print_literally(teks_pdf):
    # Table cells wrap long names, so compare without whitespace.
    rapat = "".join(teks_pdf.split())
    assert "".join(NAMA_JAHAT.split()) in rapat
    assert "".join(NAMA_RUMUS.split()) in rapat


def test_formula_names_are_text_in_xlsx_and_csv(laporan):
    buku = openpyxl.load_workbook(laporan["folder"] / "capaian-iku-2025.xlsx")
    lembar = buku["Koperasi"]
    sel = [c for baris in lembar.iter_rows() for c in baris if c.value == NAMA_RUMUS]
    assert sel and all(c.data_type == "s" for c in sel)
    assert {"Capaian IKU", "Koperasi", "Usaha kecil per wilayah"} <= set(buku.sheetnames)
    keterangan = buku.worksheets[0]
    assert keterangan.title == "Keterangan"
    teks = [c.value for baris in keterangan.iter_rows() for c in baris]
    assert "DATA CONTOH, bukan data resmi" in teks
    # counts are whole numbers in Excel, not 17.243,00
    capaian = buku["Capaian IKU"]
    kolom = [c.value for c in capaian[1]].index("pembilang")
    assert capaian.cell(row=2, column=kolom + 1).number_format == "#,##0"


def test_second_run_keeps_first_report_byte_identical(keluaran):
    sebelum = _sidik(keluaran["folder"])
    proses = _jalankan("--tahun", "2025", "--data-dir", str(keluaran["data"]), "--output-dir",
                       str(keluaran["keluar"]), "--tanggal", TANGGAL)
    assert proses.returncode == 0, proses.stderr
    sesudah = _sidik(keluaran["folder"])
    assert {k: sesudah[k] for k in sebelum} == sebelum
    assert "laporan-iku-2025-2.pdf" in sesudah
    assert "akhiran '-2'" in proses.stderr


def test_bad_input_exits_2_and_writes_nothing(keluaran, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(keluaran["data"], data)
    teks = (data / "evaluasi_koperasi.csv").read_text().splitlines()
    kolom = teks[0].split(",")
    sel = teks[4].split(",")
    sel[kolom.index("aset")] = "sejuta"
    teks[4] = ",".join(sel)
    (data / "evaluasi_koperasi.csv").write_text("\n".join(teks) + "\n")
    sebelum = _sidik(keluaran["folder"])
    proses = _jalankan("--tahun", "2025", "--data-dir", str(data), "--output-dir",
                       str(keluaran["keluar"]), "--tanggal", TANGGAL)
    assert proses.returncode == 2
    assert "evaluasi_koperasi.csv" in proses.stderr and "baris 5" in proses.stderr
    assert "kolom 'aset'" in proses.stderr and "Traceback" not in proses.stderr
    assert _sidik(keluaran["folder"]) == sebelum


@pytest.mark.parametrize(("argumen", "potongan"), [
    (["--tahun", "2030"], "2022-2026"),
    (["--tahun", "2021"], "2022-2026"),
    (["--tanggal", "27-11-2026"], "YYYY-MM-DD"),
    (["--data-dir", "/tidak/ada"], "tidak ada"),
    (["--output-dir", "/tidak/ada"], "tidak ada"),
    # an annual report dated within its year would present part of it as the year's result
    (["--tahun", "2025", "--tanggal", "2025-04-10"],
     "laporan tahunan 2025 bertanggal 10 April 2025, sebelum tahun 2025 selesai"),
    (["--tahun", "2024-2025", "--tanggal", "2025-12-31"], "sesudah 31 Desember 2025"),
    # TW IV uses the year's own Sakernas (out in November) and RB index (December)
    (["--triwulan", "2025-4", "--tanggal", "2025-10-15"],
     "laporan Triwulan IV 2025 bertanggal 15 Oktober 2025, padahal angka IKU1 tahun 2025 "
     "yang dipakai triwulan itu baru terbit 1 November 2025"),
    (["--triwulan", "2025-4", "--tanggal", "2025-11-15"], "angka IKU4 tahun 2025"),
    # a quarter's year outside the period is said of --triwulan, the parameter given
    (["--triwulan", "2021-2"], "Parameter --triwulan: tahun triwulan: tahun harus dalam "
     "periode IKU 2022-2026 (nilai: '2021-2')"),
    # a quarterly report dated before its quarter starts
    (["--triwulan", "2025-2", "--tanggal", "2025-03-01"],
     "laporan Triwulan II 2025 bertanggal 1 Maret 2025, sebelum triwulan itu dimulai "
     "(1 April 2025)"),
])
def test_bad_parameters_exit_2(keluaran, argumen, potongan):
    args = {"--data-dir": str(keluaran["data"]), "--output-dir": str(keluaran["keluar"]),
            "--tanggal": TANGGAL}
    for i in range(0, len(argumen), 2):
        args[argumen[i]] = argumen[i + 1]
    proses = _jalankan(*[x for kv in args.items() for x in kv])
    assert proses.returncode == 2, proses.stderr
    assert potongan in proses.stderr


def test_output_dir_that_is_a_file(laporan, tmp_path):
    berkas = tmp_path / "bukan-folder"
    berkas.write_text("x")
    assert cli.main(["--data-dir", str(laporan["data"]), "--output-dir", str(berkas)]) == 2


def test_pdf_failure_leaves_no_report(keluaran, tmp_path, monkeypatch, capsys):
    """The PDF step fails half-way: exit 1, nothing that looks finished, earlier files kept."""
    import iku_helpers.pdf as pdf

    def gagal(html, path, **kw):
        Path(path).write_bytes(b"%PDF-1.7 setengah")
        raise OSError("disk penuh (simulasi)")

    monkeypatch.setattr(pdf, "html_ke_pdf", gagal)
    sebelum = _sidik(keluaran["folder"])
    kode = cli.main(["--tahun", "2025", "--data-dir", str(keluaran["data"]), "--output-dir",
                     str(keluaran["keluar"]), "--tanggal", TANGGAL])
    assert kode == 1
    assert "disk penuh" in capsys.readouterr().err
    assert _sidik(keluaran["folder"]) == sebelum
    assert not [p for p in keluaran["folder"].iterdir() if "sementara" in p.name]


def test_tahun_bawaan_yang_dilewati_disebut(tmp_path, caplog):
    """Without --tahun the latest complete year is reported; a later year skipped for a
    bad cell (a 2025 PK target of 0) is named with its cell as a warning, and a year not
    measured yet (2026) only as information."""
    import logging

    from iku_helpers import muat_data

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    pk = folder / "perjanjian_kinerja.csv"
    pk.write_text(pk.read_text(encoding="utf-8").replace(
        "2025,IKU2,3.85,3.85,3.85,3.85,3.85", "2025,IKU2,0,3.85,3.85,3.85,3.85"),
        encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="iku_report"):
        assert cli._daftar_tahun(None, muat_data(folder)) == [2024]
    catatan = {(r.levelname, r.getMessage()[:60]) for r in caplog.records}
    assert ("WARNING", "Tahun 2025 tidak dipakai sebagai tahun bawaan karena datanya") \
        in catatan
    assert any("'perjanjian_kinerja.csv', baris 15, kolom 'target'" in r.getMessage()
               for r in caplog.records if r.levelname == "WARNING")
    assert [r.levelname for r in caplog.records if "Tahun 2026" in r.getMessage()] == ["INFO"]


def test_default_year_is_one_that_is_over_by_the_reports_date(caplog):
    """Without --tahun, a run dated 20 December 2025 on data complete for 2025 was refused
    by the date rule (2025 is not over); it now makes the latest complete year before the
    date, and says so. From 1 January 2026 it is 2025 again."""
    import logging
    from datetime import date

    from iku_helpers import muat_data

    data = muat_data(ROOT / "data")
    with caplog.at_level(logging.INFO, logger="iku_report"):
        assert cli._daftar_tahun(None, data, date(2025, 12, 20)) == [2024]
    assert any("Tahun 2025 belum selesai pada tanggal laporan 2025-12-20: dibuat laporan "
               "tahun 2024" in r.getMessage() for r in caplog.records)
    assert cli._daftar_tahun(None, data, date(2026, 1, 1)) == [2025]
