"""The per-column schema: units decide how an ambiguous number is read or refused.

Every case runs through ``muat_data``/``compute_results`` on the hand-worked mini folder
(tests/conftest.py) so the message, the number and the warning are those a user sees.
"""

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import TABEL_MINI, ganti_baris, tulis_folder_data

from iku_helpers import DataIKUError, compute_results, muat_data
from iku_helpers.validasi import SKEMA, periksa_tabel


def _galat(folder: Path) -> DataIKUError:
    with pytest.raises(DataIKUError) as e:
        compute_results(2025, folder)
    return e.value


def test_dotted_target_in_a_percentage_column_is_a_decimal_with_a_warning(tmp_path):
    # "1.600" under the thousands rule would be 1.600 %, a capaian of 0,1 %: in a 0-100
    # column the dot can only be a decimal point, so the target is 1,60 and IKU1's
    # capaian 1,60 / 1,60 = 100,00 %.
    folder = tulis_folder_data(tmp_path, ganti_baris("target_iku.csv", 2, "IKU1,2025,1.600"))
    tabel = compute_results(2025, folder).set_index("kode_iku")
    assert tabel.loc["IKU1", "target"] == 1.6
    assert tabel.loc["IKU1", "capaian_persen"] == 100.0
    peringatan = [p for p in tabel.attrs["peringatan"] if "angka bertitik" in p]
    assert len(peringatan) == 1
    assert "target_iku.csv" in peringatan[0] and "'target'" in peringatan[0]
    assert "baris 2" in peringatan[0]
    assert peringatan[0].kolom == "target"


@pytest.mark.parametrize(("berkas", "nomor", "baris", "kolom", "potongan"), [
    ("target_iku.csv", 3, "IKU2,2025,130", "target", "antara 0 dan 100"),
    ("indeks_rb.csv", 3, "2025,100.5", "indeks", "antara 0 dan 100"),
    ("komponen_rb.csv", 3, "2024,hasil,Kinerja Organisasi,180,50.00", "bobot",
     "antara 0 dan 100"),
    ("penduduk_bekerja.csv", 6, "2025,9901,Kabupaten Satu,\"1635,5\"", "penduduk_bekerja",
     "jumlah orang harus bilangan bulat"),
    ("tenaga_kerja_kukm.csv", 4, "2025,9901,Kabupaten Satu,50.5,70", "tenaga_kerja_koperasi",
     "harus bilangan bulat"),
    ("evaluasi_usaha_kecil.csv", 5, "2025,U2,Usaha B,9901.9,ya", "kode_wilayah",
     "kode wilayah harus bilangan bulat"),
    ("penduduk_bekerja.csv", 6, "2025,9901,Kabupaten Satu,99999999999", "penduduk_bekerja",
     "terlalu besar"),
])
def test_values_impossible_for_their_unit_are_refused(tmp_path, berkas, nomor, baris, kolom,
                                                      potongan):
    e = _galat(tulis_folder_data(tmp_path, ganti_baris(berkas, nomor, baris)))
    assert e.berkas == berkas and e.baris == nomor and e.kolom == kolom
    assert potongan in str(e)


def test_comma_grouped_count_reads_as_thousands_with_a_warning(tmp_path):
    # "6,000" in a column of persons can only be six thousand (a count is whole). The
    # denominator is the total row (10.000), so IKU1 stays 160 / 10.000 = 1,60 %.
    folder = tulis_folder_data(tmp_path, ganti_baris(
        "penduduk_bekerja.csv", 6, '2025,9901,Kabupaten Satu,"6,000"'))
    data = muat_data(folder)
    pb = data.penduduk_bekerja
    assert pb.loc[(pb["tahun"] == 2025) & (pb["kode_wilayah"] == 9901),
                  "penduduk_bekerja"].item() == 6000
    assert any("pemisah ribuan" in p and "baris 6" in p for p in data.peringatan)


@pytest.mark.parametrize("nilai", [np.inf, -np.inf, 10 ** 400])
def test_infinite_or_overlong_numbers_in_parquet_are_refused(tmp_path, nilai):
    folder = tulis_folder_data(tmp_path)
    df = pd.read_csv(folder / "penduduk_bekerja.csv")
    df["penduduk_bekerja"] = df["penduduk_bekerja"].astype(object)
    df.loc[4, "penduduk_bekerja"] = nilai          # row 6 as the spreadsheet counts
    if isinstance(nilai, int):
        df["penduduk_bekerja"] = df["penduduk_bekerja"].astype(str)
    df.to_parquet(folder / "penduduk_bekerja.parquet")
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    manifest["data"]["penduduk_bekerja"]["berkas"] = "penduduk_bekerja.parquet"
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    e = _galat(folder)
    assert (e.berkas, e.baris, e.kolom) == ("penduduk_bekerja.parquet", 6, "penduduk_bekerja")


def test_every_numeric_column_declares_a_kind_with_a_rule():
    from iku_helpers.validasi import JENIS_KOLOM

    for kunci, skema in SKEMA.items():
        assert skema.kunci, kunci
        for nama, kolom in skema.kolom.items():
            assert kolom.jenis in JENIS_KOLOM, (kunci, nama)
    assert SKEMA["penduduk_bekerja"].kolom["penduduk_bekerja"].harus_bulat
    assert not SKEMA["evaluasi_koperasi"].kolom["aset"].harus_bulat
    assert SKEMA["target_iku"].kolom["target"].jenis == "skor"


def test_bad_data_in_an_earlier_year_is_an_error_not_a_gap(tmp_path):
    # 2024's numerator above its denominator is refused even when 2025 is asked: the
    # history would otherwise show 2024 as "not computable" and hide the error.
    baris = list(TABEL_MINI["tenaga_kerja_kukm.csv"])
    baris[1] = "2024,9901,Kabupaten Satu,40,9999"
    e = _galat(tulis_folder_data(tmp_path, {"tenaga_kerja_kukm.csv": baris}))
    assert e.berkas == "tenaga_kerja_kukm.csv"
    assert "2024" in str(e) and "melebihi penduduk bekerja" in str(e)


def _dengan_pk(tmp_path, baris_pk: list[str]):
    folder = tulis_folder_data(tmp_path, {"perjanjian_kinerja.csv": baris_pk})
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    manifest["data"]["perjanjian_kinerja"] = {"berkas": "perjanjian_kinerja.csv",
                                              "sumber": "PK uji", "status": "contoh"}
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    return folder


def test_capaian_is_measured_against_the_perjanjian_kinerja_when_present(tmp_path):
    # PK 2025 IKU1 1,50 (Renstra 1,60): capaian 1,60 / 1,50 x 100 = 106,67 %; the IKU
    # without a PK row keep the Renstra target (IKU2: 25,00 / 30 = 83,33 %).
    folder = _dengan_pk(tmp_path, ["tahun,kode_iku,target,target_tw1,target_tw2,target_tw3,"
                                   "target_tw4", "2025,IKU1,1.50,0.40,0.80,1.20,1.50"])
    from iku_helpers import hitung_iku
    from iku_helpers.indikator.periode import Periode
    from iku_helpers.nasional import target_periode

    h = hitung_iku(2025, folder)
    r = h.ringkasan.set_index("kode_iku")
    assert (r.loc["IKU1", "target"], r.loc["IKU1", "target_renstra"]) == (1.5, 1.6)
    assert r.loc["IKU1", "capaian_persen"] == 106.67
    assert (r.loc["IKU2", "target"], r.loc["IKU2", "capaian_persen"]) == (30.0, 83.33)
    assert target_periode(h.data, "IKU1", Periode(2025, 3)) == 1.2
    assert target_periode(h.data, "IKU2", Periode(2025, 3)) is None


@pytest.mark.parametrize(("baris", "kolom", "potongan"), [
    ("2025,IKU9,1.50", "kode_iku", "tidak ada di katalog"),
    ("2031,IKU1,1.50", "tahun", "di luar periode Renstra"),
    ("2025,IKU1,150", "target", "antara 0 dan 100"),
])
def test_bad_perjanjian_kinerja_rows_name_file_row_column(tmp_path, baris, kolom, potongan):
    e = _galat(_dengan_pk(tmp_path, ["tahun,kode_iku,target", baris]))
    assert (e.berkas, e.baris, e.kolom) == ("perjanjian_kinerja.csv", 2, kolom)
    assert potongan in str(e)


# ------------------------------------------------------------------ dates and quarters
KOLOM_UK = ["tahun", "tanggal", "id_usaha", "nama_usaha", "kode_wilayah", "menjadi_wirausaha"]


def _uk(baris: list[list], kolom: list[str] = KOLOM_UK) -> pd.DataFrame:
    df = pd.DataFrame(baris, columns=kolom, dtype=object)
    df.insert(0, "_baris", range(2, 2 + len(df)))   # spreadsheet rows: header is row 1
    return df


def _masalah(df: pd.DataFrame) -> list[tuple]:
    with pytest.raises(DataIKUError) as e:
        periksa_tabel(df, "evaluasi_usaha_kecil", "uk.csv", {7271})
    return [(m.baris, m.kolom, m.pesan, m.nilai) for m in e.value.masalah]


def test_tanggal_in_every_written_form_gives_its_quarter():
    """January-March = 1, ...: the month edges worked by hand, every accepted form."""
    tanggal = ["2025-03-31", "15/08/2025", "2025-10-01 00:00:00", pd.Timestamp("2025-04-01"),
               dt.datetime(2025, 6, 30, 12), dt.date(2025, 7, 1), "1.9.2025", "2025-1-5",
               "31-12-2025"]
    df = _uk([["2025", t, f"U{i}", "A", "7271", "ya"] for i, t in enumerate(tanggal)])
    bersih, peringatan = periksa_tabel(df, "evaluasi_usaha_kecil", "uk.csv", {7271})
    assert bersih["triwulan"].tolist() == [1, 3, 4, 2, 2, 3, 3, 1, 4]
    assert str(bersih["triwulan"].dtype) == "int64"
    assert bersih["tanggal"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-03-31", "2025-08-15", "2025-10-01", "2025-04-01", "2025-06-30", "2025-07-01",
        "2025-09-01", "2025-01-05", "2025-12-31"]
    assert peringatan == []


def test_tanggal_with_a_month_name_gives_its_quarter():
    """Day first, then the month's Indonesian name or usual abbreviation (English too),
    any case: the quarter worked by hand from the month."""
    tanggal = ["31 Maret 2025", "1 Jan 2025", "5 Agustus 2025", "2 Mei 2025", "17 Agt 2025",
               "1 Okt 2025", "24 Des 2025", "10 Nop 2025", "11 Nov. 2025", "30-Jun-2025",
               "1 APRIL 2025", "28 Pebruari 2025", "9 Sept 2025", "3 October 2025"]
    df = _uk([["2025", t, f"U{i}", "A", "7271", "ya"] for i, t in enumerate(tanggal)])
    bersih, peringatan = periksa_tabel(df, "evaluasi_usaha_kecil", "uk.csv", {7271})
    assert bersih["tanggal"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-03-31", "2025-01-01", "2025-08-05", "2025-05-02", "2025-08-17", "2025-10-01",
        "2025-12-24", "2025-11-10", "2025-11-11", "2025-06-30", "2025-04-01", "2025-02-28",
        "2025-09-09", "2025-10-03"]
    assert bersih["triwulan"].tolist() == [1, 1, 3, 2, 3, 4, 4, 4, 4, 2, 2, 1, 3, 4]
    assert peringatan == []


def _tanggal_saja(tanggal: list[str]) -> pd.DataFrame:
    return _uk([["2025", t, f"U{i}", "A", "7271", "ya"] for i, t in enumerate(tanggal)])


def test_month_day_order_of_us_excel_is_refused():
    """en-US Excel saves a month typed as Apr 2025 as 4/1/2025: read day/month, every row
    would land in January. The second number is 1 on every row while the first varies
    (all <= 12): refused, naming the examples and asking for YYYY-MM-DD."""
    [m] = _masalah(_tanggal_saja(["1/1/2025", "4/1/2025", "7/1/2025", "10/1/2025"]))
    assert m[:2] == (3, "tanggal") and m[3] == "4/1/2025"
    assert m[2] == (
        "tanggal tampaknya ditulis bulan/hari/tahun (urutan Amerika, mis. dari Excel "
        "berbahasa Inggris): angka kedua selalu 1 sedangkan angka pertama berganti-ganti dan "
        "tidak pernah lebih dari 12 (baris 3: '4/1/2025', baris 4: '7/1/2025', baris 5: "
        "'10/1/2025'). Dibaca hari/bulan, '4/1/2025' menjadi 4 Januari 2025, padahal mungkin "
        "maksudnya 1 April 2025; tulis tanggal sebagai YYYY-MM-DD (mis. 2025-04-01) agar "
        "tidak keliru")
    # nearly every row: 9 of 10 on the 1st, one on the 3rd (90 %)
    [m] = _masalah(_tanggal_saja([f"{b}/1/2025" for b in range(1, 10)] + ["12/3/2025"]))
    assert m[:2] == (3, "tanggal") and "angka kedua hampir selalu 1" in m[2]


def test_a_campaign_within_one_month_is_a_warning_not_a_refusal():
    """Evaluations on 3, 5, 10, 11 and 12 March written day/month: the same shape as a
    month/day column (second number constant, first varying, none above 12), but not
    the 1st of each month that en-US Excel writes for a month. Once refused, blocking a
    legitimate table; read as written, with a warning naming the doubt."""
    bersih, peringatan = periksa_tabel(
        _tanggal_saja(["3/3/2025", "5/3/2025", "10/3/2025", "12/3/2025", "11/3/2025"]),
        "evaluasi_usaha_kecil", "uk.csv", {7271})
    assert bersih["triwulan"].tolist() == [1] * 5
    [p] = peringatan
    assert (p.baris, p.kolom) == (3, "tanggal")
    assert "tanggal tampaknya ditulis bulan/hari/tahun (urutan Amerika" in p
    assert "'5/3/2025' menjadi 5 Maret 2025, padahal mungkin maksudnya 3 Mei 2025" in p


def test_a_january_campaign_beside_its_quarters_is_read_as_written():
    """Days 3-10 of January written day/month (3/1/2025 ...): the month/day shape with a
    constant 1, refused without more to go on; beside a triwulan column (TW I on every
    row) the quarters decide, and they agree with day/month."""
    tanggal = ["3/1/2025", "6/1/2025", "7/1/2025", "8/1/2025", "10/1/2025"]
    df = _uk([["2025", t, f"U{i}", "A", "7271", "ya"] for i, t in enumerate(tanggal)])
    assert _masalah(df)   # without quarters: refused (the en-US month shape)
    df.insert(2, "triwulan", "1")
    bersih, peringatan = periksa_tabel(df, "evaluasi_usaha_kecil", "uk.csv", {7271})
    assert bersih["tanggal"].dt.day.tolist() == [3, 6, 7, 8, 10]
    assert peringatan == []
    # and a US-order column beside quarters that say April, July, October is refused
    # by the agreement check
    us = _uk([["2025", t, f"U{i}", "A", "7271", "ya"]
              for i, t in enumerate(["4/1/2025", "7/1/2025", "10/1/2025"])])
    us.insert(2, "triwulan", ["2", "3", "4"])
    assert [m[1] for m in _masalah(us)] == ["triwulan"] * 3


def test_day_month_columns_are_not_taken_for_month_day():
    """The other way round is Indonesian order: the 1st of several months written
    1/4/2025 (first number always 1), or days and months both varying (a day above 12);
    a column of one cell value, or 8 of 10 on one second number, is not decided."""
    for tanggal, triwulan in (
            (["1/1/2025", "1/4/2025", "1/7/2025", "1/10/2025"], [1, 2, 3, 4]),
            (["5/1/2025", "17/2/2025", "28/3/2025", "3/4/2025", "12/5/2025", "9/9/2025"],
             [1, 1, 1, 2, 2, 3]),
            (["4/1/2025", "4/1/2025", "2025-07-01"], [1, 1, 3]),
            ([f"{b}/1/2025" for b in range(1, 9)] + ["2/3/2025", "2/6/2025"],
             [1] * 9 + [2])):
        bersih, peringatan = periksa_tabel(_tanggal_saja(tanggal), "evaluasi_usaha_kecil",
                                           "uk.csv", {7271})
        assert bersih["triwulan"].tolist() == triwulan, tanggal
        assert peringatan == []


def test_a_day_above_12_in_second_place_is_said_to_look_like_month_day():
    assert _masalah(_tanggal_saja(["2025-01-01", "4/15/2025"])) == [
        (3, "tanggal", "bukan tanggal hari/bulan/tahun (bulan 15 tidak ada); tampaknya ditulis "
         "bulan/hari/tahun (urutan Amerika): tulis YYYY-MM-DD, mis. 2025-04-15", "4/15/2025")]


def test_month_names_that_are_not_dates_are_refused():
    pesan = ("bukan tanggal (tulis YYYY-MM-DD, mis. 2025-03-31, DD/MM/YYYY, atau dengan nama "
             "bulan, mis. 31 Maret 2025)")
    salah = ["30 Februari 2025", "31 Maretan 2025", "Maret 2025", "31 Maret 25", "1 Mars 2025"]
    df = _uk([["2025", t, f"U{i}", "A", "7271", "ya"] for i, t in enumerate(salah)])
    assert _masalah(df) == [(i + 2, "tanggal", pesan, t) for i, t in enumerate(salah)]


def test_unreadable_or_impossible_dates_name_row_column_value():
    df = _uk([["2025", "2025-13-01", "U1", "A", "7271", "ya"],
              ["2025", "31/02/2025", "U2", "B", "7271", "ya"],
              ["2025", "kemarin", "U3", "C", "7271", "ya"],
              ["2025", "2025/03/01", "U4", "D", "7271", "ya"],
              ["2025", "2025-03-31", "U5", "E", "7271", "ya"]])
    pesan = ("bukan tanggal (tulis YYYY-MM-DD, mis. 2025-03-31, DD/MM/YYYY, atau dengan nama "
             "bulan, mis. 31 Maret 2025)")
    assert _masalah(df) == [(2, "tanggal", pesan, "2025-13-01"),
                            (3, "tanggal", pesan, "31/02/2025"),
                            (4, "tanggal", pesan, "kemarin"),
                            (5, "tanggal", pesan, "2025/03/01")]


def test_date_outside_its_year_and_missing_date_without_triwulan():
    df = _uk([["2025", "2024-12-31", "U1", "A", "7271", "ya"],
              ["2025", "", "U2", "B", "7271", "ya"],
              ["2025", "2025-01-01", "U3", "C", "7271", "ya"]])
    assert _masalah(df) == [
        (2, "tanggal", "tanggal di luar tahun baris ini (2025)", "2024-12-31"),
        (3, "tanggal", "sel kosong: isi tanggal (atau kolom triwulan) agar baris ini masuk "
                       "perhitungan triwulanan", None)]


def test_triwulan_and_tanggal_must_agree():
    kolom = ["tahun", "triwulan", *KOLOM_UK[1:]]
    df = _uk([["2025", "2", "2025-03-31", "U1", "A", "7271", "ya"],
              ["2025", "3", "", "U2", "B", "7271", "ya"],
              ["2025", "4", "2025-12-01", "U3", "C", "7271", "ya"]], kolom)
    assert _masalah(df) == [(2, "triwulan", "triwulan 2 tidak sesuai dengan tanggal 2025-03-31 "
                                            "(triwulan 1)", 2)]
    df.loc[0, "triwulan"] = "1"
    bersih, _ = periksa_tabel(df, "evaluasi_usaha_kecil", "uk.csv", {7271})
    assert bersih["triwulan"].tolist() == [1, 3, 4]     # a row without a date keeps its own


def test_normalised_ids_are_listed_with_their_rows():
    """Five examples with their rows, then how many more; the text shows invisible
    characters as \\uXXXX so the analyst can find them."""
    ids = [" u1", "U2\u200b", "ｕ3", "U4", "u5", "U6 ", "u7", "U8\u00a0"]
    df = _uk([["2025", "2025-03-31", i, "A", "7271", "ya"] for i in ids])
    bersih, peringatan = periksa_tabel(df, "evaluasi_usaha_kecil", "uk.csv", {7271})
    assert bersih["id_usaha"].tolist() == ["u1", "U2", "u3", "U4", "u5", "U6", "u7", "U8"]
    assert len(peringatan) == 1
    assert peringatan[0] == (
        "Berkas 'uk.csv', kolom 'id_usaha': 2 kode diseragamkan (huruf besar/kecil, spasi, "
        "karakter tak tampak atau bentuk Unicode) dan dianggap kode yang sama: baris 3: "
        "'U2\\u200b' -> 'U2'; baris 4: 'ｕ3' -> 'u3'.")
    assert (peringatan[0].berkas, peringatan[0].kolom) == ("uk.csv", "id_usaha")


def test_quarter_targets_come_from_the_pk_only(tmp_path):
    """The quarter's column of the PK row; an IKU without a PK row has no quarter target
    (a quarter has no Renstra target to fall back on) but keeps its Renstra target for
    the year."""
    from iku_helpers.indikator.periode import Periode
    from iku_helpers.nasional import target_periode, target_pk

    folder = _dengan_pk(tmp_path, ["tahun,kode_iku,target,target_tw1,target_tw2,target_tw3,"
                                   "target_tw4", "2025,IKU1,1.50,0.40,0.80,1.20,1.50"])
    data = muat_data(folder)
    assert target_pk(data, "IKU1", Periode(2025, 2)) == 0.8
    assert target_periode(data, "IKU1", Periode(2025, 3)) == 1.2
    assert target_periode(data, "IKU1", Periode(2025)) == 1.5
    assert target_pk(data, "IKU2", Periode(2025, 3)) is None
    assert target_periode(data, "IKU2", Periode(2025, 3)) is None
    assert target_periode(data, "IKU2", Periode(2025)) == 30.0      # no PK row: Renstra
    assert target_pk(data, "IKU1", Periode(2024)) is None            # no PK row that year


def test_a_two_row_table_with_one_key_twice_is_refused():
    df = pd.DataFrame({"_baris": [2, 3], "tahun": ["2025", "2025"], "indeks": ["65", "66"]})
    with pytest.raises(DataIKUError) as e:
        periksa_tabel(df, "indeks_rb", "rb.csv", None)
    assert str(e.value) == ("Berkas 'rb.csv', baris 3, kolom 'tahun': kunci ganda (tahun) "
                            "sama dengan baris 2 (nilai: '2025')")
