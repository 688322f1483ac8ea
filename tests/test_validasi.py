"""One test per validation error: the Indonesian message names file, row and column."""

from pathlib import Path

import openpyxl
import pytest
from conftest import TABEL_MINI, ganti_baris, tulis_folder_data

from iku_helpers import DataIKUError, compute_results, muat_data
from iku_helpers.loaders import baca_tabel


def _galat(folder: Path) -> DataIKUError:
    with pytest.raises(DataIKUError) as e:
        compute_results(2025, folder)
    return e.value


def _cek(e: DataIKUError, berkas: str, baris: int | None, kolom: str | None, potongan: str):
    pesan = str(e)
    assert f"'{berkas}'" in pesan
    if baris is not None:
        assert f"baris {baris}" in pesan
        assert e.baris == baris
    if kolom is not None:
        assert f"kolom '{kolom}'" in pesan
        assert e.kolom == kolom
    assert potongan in pesan
    assert e.berkas == berkas


@pytest.mark.parametrize(("berkas", "nomor", "baris_baru", "kolom", "potongan"), [
    ("evaluasi_koperasi.csv", 6, "2025,K2,Koperasi Dua,9901,tidak,abc,70", "volume_usaha",
     "bukan angka"),
    ("evaluasi_koperasi.csv", 6, "2025,K2,Koperasi Dua,9901,tidak,120,-5", "aset",
     "nilai negatif"),
    ("tenaga_kerja_kukm.csv", 4, "2025,9901,Kabupaten Satu,lima,70", "tenaga_kerja_koperasi",
     "bukan angka"),
    ("penduduk_bekerja.csv", 6, "2025,9901,Kabupaten Satu,-6000", "penduduk_bekerja",
     "nilai negatif"),
    ("evaluasi_usaha_kecil.csv", 5, "2025,U2,Usaha B,9901,mungkin", "menjadi_wirausaha",
     "bukan ya/tidak"),
    ("evaluasi_koperasi.csv", 5, "2025,K1,Koperasi Satu,9901,barangkali,110,60", "rat",
     "bukan ya/tidak"),
    ("evaluasi_usaha_kecil.csv", 5, "2025,U2,Usaha B,7201,ya", "kode_wilayah",
     "tidak ada dalam referensi wilayah"),
    ("penduduk_bekerja.csv", 7, "2025,9901,Kabupaten Satu,4000", "kode_wilayah", "kunci ganda"),
    ("evaluasi_koperasi.csv", 7, "2025,K1,Koperasi Tiga,9902,ya,100,55",
     "nomor_induk_koperasi", "kunci ganda"),
    ("evaluasi_usaha_kecil.csv", 6, "2025,U1,Usaha C,9902,ya", "id_usaha", "kunci ganda"),
    ("indeks_rb.csv", 3, "2025,tujuh puluh", "indeks", "bukan angka"),
    ("evaluasi_koperasi.csv", 5, "2025,K1,,9901,ya,110,60", "nama_koperasi", "sel kosong"),
    ("evaluasi_koperasi.csv", 5, "2025,K1,Koperasi Satu,9901,ya,,60", "volume_usaha",
     "sel kosong"),
    ("indeks_rb.csv", 2, "20x4,65.50", "tahun", "tahun harus bilangan bulat"),
])
def test_cell_errors_name_file_row_column(tmp_path, berkas, nomor, baris_baru, kolom, potongan):
    e = _galat(tulis_folder_data(tmp_path, ganti_baris(berkas, nomor, baris_baru)))
    _cek(e, berkas, nomor, kolom, potongan)


def test_missing_file(tmp_path):
    folder = tulis_folder_data(tmp_path)
    (folder / "indeks_rb.csv").unlink()
    _cek(_galat(folder), "indeks_rb.csv", None, None, "berkas tidak ditemukan")


def test_missing_column(tmp_path):
    baris = [b.rsplit(",", 1)[0] for b in TABEL_MINI["evaluasi_koperasi.csv"]]  # drop aset
    e = _galat(tulis_folder_data(tmp_path, {"evaluasi_koperasi.csv": baris}))
    _cek(e, "evaluasi_koperasi.csv", 1, "aset", "kolom wajib tidak ada")


def test_empty_file(tmp_path):
    e = _galat(tulis_folder_data(tmp_path, {"indeks_rb.csv": [""]}))
    _cek(e, "indeks_rb.csv", None, None, "berkas kosong")


def test_header_only_file(tmp_path):
    e = _galat(tulis_folder_data(tmp_path, {"indeks_rb.csv": ["tahun,indeks"]}))
    _cek(e, "indeks_rb.csv", None, None, "tidak berisi baris data")


def test_komponen_rb_not_summing_to_indeks(tmp_path):
    e = _galat(tulis_folder_data(tmp_path, ganti_baris(
        "komponen_rb.csv", 6, "2025,hasil,Kinerja Organisasi,50,34.02")))
    _cek(e, "komponen_rb.csv", 6, "nilai", "tidak sama dengan indeks 70,00")


def test_komponen_rb_within_tolerance_is_accepted(tmp_path):
    # 16,00 + 20,00 + 34,01 = 70,01: 0,01 from the indeks 70,00, within the tolerance
    folder = tulis_folder_data(tmp_path, ganti_baris(
        "komponen_rb.csv", 6, "2025,hasil,Kinerja Organisasi,50,34.01"))
    tabel = compute_results(2025, folder)
    assert tabel.set_index("kode_iku").loc["IKU4", "realisasi"] == 70.0
    assert tabel.attrs["peringatan"] == []


def test_target_outside_renstra_period(tmp_path):
    baris = TABEL_MINI["target_iku.csv"] + ["IKU1,2027,2.10"]
    e = _galat(tulis_folder_data(tmp_path, {"target_iku.csv": baris}))
    _cek(e, "target_iku.csv", 10, "tahun", "di luar periode Renstra")


def test_unknown_iku_code_in_targets(tmp_path):
    e = _galat(tulis_folder_data(tmp_path, ganti_baris("target_iku.csv", 2, "IKU9,2025,1.60")))
    _cek(e, "target_iku.csv", 2, "kode_iku", "tidak ada di katalog")


def test_bad_status_in_manifest(tmp_path):
    folder = tulis_folder_data(tmp_path, status="draf")
    with pytest.raises(DataIKUError) as e:
        muat_data(folder)
    assert "sumber_data.yaml" in str(e.value) and "status" in str(e.value)


def test_all_problems_of_a_table_reported_together(tmp_path):
    baris = list(TABEL_MINI["evaluasi_koperasi.csv"])
    baris[4] = "2025,K1,Koperasi Satu,9901,ya,xx,60"
    baris[5] = "2025,K2,Koperasi Dua,9901,tidak,120,yy"
    e = _galat(tulis_folder_data(tmp_path, {"evaluasi_koperasi.csv": baris}))
    assert len(e.masalah) == 2
    assert "baris 5" in str(e) and "baris 6" in str(e)


def test_messy_but_valid_values_are_read(tmp_path):
    """Indonesian numbers, ya/tidak variants, spaces and a semicolon CSV are accepted."""
    folder = tulis_folder_data(tmp_path, {
        "penduduk_bekerja.csv": [
            "tahun;kode_wilayah;nama_wilayah;penduduk_bekerja",
            "2024;9900;Provinsi Uji;9.800", "2024;9901;Kabupaten Satu;5.900",
            "2024;9902;Kota Dua;3.900", "2025;9900;Provinsi Uji;\"10.000\"",
            "2025 ; 9901 ; Kabupaten Satu ; 6.000 ", "2025;9902;Kota Dua;4000", ";;;", ""],
    })
    r = compute_results(2025, folder).set_index("kode_iku")
    assert r.loc["IKU1", "penyebut"] == 10_000
    assert r.loc["IKU1", "realisasi"] == 1.6


def test_xlsx_input_row_numbers_match_the_sheet(tmp_path):
    folder = tulis_folder_data(tmp_path, {"evaluasi_usaha_kecil.csv": None})
    buku = openpyxl.Workbook()
    lembar = buku.active
    for baris in TABEL_MINI["evaluasi_usaha_kecil.csv"]:
        lembar.append(baris.split(","))
    lembar["E6"] = "entah"                       # row 6 as Excel shows it
    buku.save(folder / "evaluasi_usaha_kecil.xlsx")
    manifest = (folder / "sumber_data.yaml").read_text().replace(
        "evaluasi_usaha_kecil.csv", "evaluasi_usaha_kecil.xlsx")
    (folder / "sumber_data.yaml").write_text(manifest)
    e = _galat(folder)
    _cek(e, "evaluasi_usaha_kecil.xlsx", 6, "menjadi_wirausaha", "bukan ya/tidak")


def test_xlsx_valid_input_gives_same_result(tmp_path):
    folder = tulis_folder_data(tmp_path, {"evaluasi_usaha_kecil.csv": None})
    buku = openpyxl.Workbook()
    lembar = buku.active
    for i, baris in enumerate(TABEL_MINI["evaluasi_usaha_kecil.csv"]):
        sel = baris.split(",")
        lembar.append(sel if i == 0 else [int(sel[0]), *sel[1:3], int(sel[3]), sel[4]])
    buku.save(folder / "uk.xlsx")
    manifest = (folder / "sumber_data.yaml").read_text().replace(
        "evaluasi_usaha_kecil.csv", "uk.xlsx")
    (folder / "sumber_data.yaml").write_text(manifest)
    r = compute_results(2025, folder).set_index("kode_iku")
    assert (r.loc["IKU3", "pembilang"], r.loc["IKU3", "penyebut"]) == (3, 8)


def test_html_saved_as_xlsx_is_rejected(tmp_path):
    p = tmp_path / "tabel.xlsx"
    p.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>")
    with pytest.raises(DataIKUError) as e:
        baca_tabel(p)
    assert "HTML" in str(e.value) and "tabel.xlsx" in str(e.value)


def test_truncated_xlsx_is_rejected(tmp_path):
    buku = openpyxl.Workbook()
    buku.active.append(["tahun", "indeks"])
    p = tmp_path / "rb.xlsx"
    buku.save(p)
    p.write_bytes(p.read_bytes()[:300])
    with pytest.raises(DataIKUError) as e:
        baca_tabel(p)
    assert "rb.xlsx" in str(e.value)


def test_latin1_csv_is_read_with_a_warning(tmp_path):
    p = tmp_path / "k.csv"
    p.write_bytes("tahun,nama\n2025,Koperasi Ca\xf1a\n".encode("latin-1"))
    peringatan: list[str] = []
    df = baca_tabel(p, peringatan=peringatan)
    assert df["nama"].iloc[0] == "Koperasi Caña"
    assert "bukan UTF-8" in peringatan[0]


def test_large_csv_fast_path_matches_careful_reader(tmp_path):
    """Clean CSVs over 1 MB go through Arrow; the result must equal the careful reader's."""
    import csv as csvmod
    import io

    from iku_helpers import loaders

    baris = ["tahun,id_usaha,nama_usaha,kode_wilayah,menjadi_wirausaha"]
    baris += [f"2025,U{i},Usaha Nomor {i:07d} Sejahtera,7271,{'ya' if i % 7 else 'tidak'}"
              for i in range(25_000)]
    baris.insert(100, ",,,,")                      # an empty spreadsheet row in the middle
    teks = "\n".join(baris) + "\n"
    assert len(teks) > 1_000_000
    p = tmp_path / "uk.csv"
    p.write_text(teks)
    cepat = loaders.baca_tabel(p)
    teliti = loaders._dari_baris(list(csvmod.reader(io.StringIO(teks))), "uk.csv", 1)
    assert cepat["_baris"].tolist() == teliti["_baris"].tolist()
    assert cepat["_baris"].iloc[99] == 102         # numbering skips the empty row 101
    for kolom in teliti.columns.drop("_baris"):
        assert cepat[kolom].astype(str).tolist() == teliti[kolom].astype(str).tolist()


@pytest.mark.parametrize("arahan", ["sep=;", "SEP=;", '"sep=;";;;;', "sep=;\r"])
def test_sep_line_names_the_separator_and_keeps_excels_rows(tmp_path, arahan):
    """Excel's "sep=;" first line: the separator is the one named; Excel hides the line,
    so the header is row 1 and a bad cell on the file's line 4 is reported on row 3, as
    Excel shows it (once "kolom 'B' judulnya kosong")."""
    p = tmp_path / "indeks_rb.csv"
    p.write_text(f"{arahan}\ntahun;indeks\n2024;65,10\n2025;tujuh puluh\n", encoding="utf-8")
    df = baca_tabel(p)
    assert list(df.columns) == ["tahun", "indeks", "_baris"]
    assert df["_baris"].tolist() == [2, 3] and df["indeks"].tolist() == ["65,10", "tujuh puluh"]
    from iku_helpers.validasi import periksa_tabel

    with pytest.raises(DataIKUError) as e:
        periksa_tabel(df, "indeks_rb", "indeks_rb.csv", None)
    _cek(e.value, "indeks_rb.csv", 3, "indeks", "bukan angka")


def test_sep_line_header_is_row_1_in_column_messages(tmp_path):
    """A missing column is named on the header's row, 1 as Excel shows it below its
    hidden "sep=," line."""
    p = tmp_path / "indeks_rb.csv"
    p.write_text("sep=,\ntahun,indek\n2024,65.10\n", encoding="utf-8")
    from iku_helpers.validasi import periksa_tabel

    with pytest.raises(DataIKUError) as e:
        periksa_tabel(baca_tabel(p), "indeks_rb", "indeks_rb.csv", None)
    _cek(e.value, "indeks_rb.csv", 1, "indeks", "kolom wajib tidak ada")
    with pytest.raises(DataIKUError) as e:
        baca_tabel(p, kolom_wajib=["indeks"])
    _cek(e.value, "indeks_rb.csv", 1, "indeks", "kolom wajib tidak ada")
    p.write_text("sep=,\n", encoding="utf-8")
    with pytest.raises(DataIKUError) as e:
        baca_tabel(p)
    assert "berkas kosong" in str(e.value)


def test_sep_line_in_a_large_csv_numbers_rows_like_the_careful_reader(tmp_path):
    """Over 1 MB (Arrow's reader): the same rows, numbered from row 2 as Excel shows
    them below its hidden "sep=" line."""
    import csv as csvmod
    import io

    from iku_helpers import loaders

    baris = ["tahun,id_usaha,nama_usaha,kode_wilayah,menjadi_wirausaha"]
    baris += [f"2025,U{i},Usaha Nomor {i:07d} Sejahtera,7271,{'ya' if i % 7 else 'tidak'}"
              for i in range(25_000)]
    teks = "\n".join(baris) + "\n"
    assert len(teks) > 1_000_000
    p = tmp_path / "uk.csv"
    p.write_text("sep=,\n" + teks)
    cepat = loaders.baca_tabel(p)
    teliti = loaders._dari_baris(list(csvmod.reader(io.StringIO(teks))), "uk.csv", 1)
    assert cepat["_baris"].tolist() == teliti["_baris"].tolist()
    assert cepat["_baris"].iloc[0] == 2 and cepat["_baris"].iloc[-1] == 25_001
    assert cepat.attrs["baris_judul"] == 1
    for kolom in teliti.columns.drop("_baris"):
        assert cepat[kolom].astype(str).tolist() == teliti[kolom].astype(str).tolist()


def test_angka_bertitik_hanya_untuk_teks():
    """'6.125' typed as text in a 0-100 column is read as 6,125 with a warning; the
    number 6.125 stored as a number (XLSX) is the same value and needs none."""
    import pandas as pd

    from iku_helpers.validasi import periksa_tabel

    def baca(nilai):
        df = pd.DataFrame({"tahun": [2025], "indeks": pd.Series([nilai], dtype=object),
                           "_baris": [2]})
        return periksa_tabel(df, "indeks_rb", "indeks_rb.xlsx", None)

    bersih, peringatan = baca("6.125")
    assert bersih["indeks"].tolist() == [6.125] and any("bertitik" in p for p in peringatan)
    bersih, peringatan = baca(6.125)
    assert bersih["indeks"].tolist() == [6.125] and not peringatan


@pytest.mark.parametrize(("format_angka", "nilai", "persen"), [
    ("0.00%", 0.015, True), ("0%", 1, True), ("[Red]0.00%", 0.5, True),
    ('0.00"%"', 1.5, False), ("0.00\\%", 1.5, False), ('#,##0.00" %"', 1.5, False),
    ("0.0_%", 1.5, False), ("0.00;-0.00%", -0.5, True), ("0.00;-0.00%", 0.5, False),
    ("General", 1.0, False), (None, 1.0, False),
])
def test_format_persen_hanya_persen_yang_menskala(format_angka, nilai, persen):
    """Only a bare % in the section for the value's sign makes Excel show value x 100;
    a quoted or escaped % is a sign printed after the number as typed."""
    from iku_helpers.loaders import format_persen

    assert format_persen(format_angka, nilai) is persen


def test_xlsx_sel_persen_dibaca_seperti_tampil(tmp_path):
    """Stored 1 shown as 100% is read 100 (the warning says so, not '1%'); stored 0.015
    shown 1,50% is read 1,5; 1,5 typed with the format 0.00"%" stays 1,5, unwarned."""
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append(["tahun", "indeks"])
    for nilai, fmt in ((1, "0%"), (0.015, "0.00%"), (1.5, '0.00"%"')):
        lembar.append([2025, nilai])
        lembar.cell(lembar.max_row, 2).number_format = fmt
    buku.save(tmp_path / "indeks_rb.xlsx")
    peringatan: list = []
    df = baca_tabel(tmp_path / "indeks_rb.xlsx", peringatan=peringatan)
    assert df["indeks"].tolist() == [100.0, 1.5, 1.5]
    assert len(peringatan) == 1 and peringatan[0].kolom == "indeks"
    assert "baris 2: tersimpan 1, tampil 100%, dibaca 100) pada baris 2, 3;" in peringatan[0]


def test_nomor_baris_tanpa_baris():
    """A BPS JSON row has no spreadsheet row (None, or NaN in a float column): messages
    then carry no row number instead of crashing on int(None)."""
    from iku_helpers.validasi import nomor_baris

    assert nomor_baris(None) is None and nomor_baris(float("nan")) is None
    assert nomor_baris(5.0) == 5 and nomor_baris(12) == 12


def test_sel_skor_kosong_di_kolom_teks():
    """An empty cell in a 0-100 column read as text (pandas' string dtype, as the CSV
    reader gives) is 'sel kosong', not read as a number with a decimal dot."""
    import pandas as pd

    from iku_helpers.validasi import periksa_tabel

    df = pd.DataFrame({"tahun": [2024, 2025],
                       "indeks": pd.Series(["1.450", None], dtype="str"), "_baris": [2, 3]})
    with pytest.raises(DataIKUError) as e:
        periksa_tabel(df, "indeks_rb", "indeks_rb.csv", None)
    assert [(m.baris, m.kolom) for m in e.value.masalah] == [(3, "indeks")]
    assert "sel kosong" in str(e.value)
