"""Quarterly monitoring: hand-worked values of tests/data_triwulan.py (read its docstring)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from data_triwulan import KOPERASI_TW, PK_TW, USAHA_KECIL_TGL, tulis_folder_triwulan

from iku_helpers import cli
from iku_helpers.data_iku import baca_ambang_status, muat_data
from iku_helpers.errors import DataIKUError
from iku_helpers.hitung import hitung_iku
from iku_helpers.indikator.periode import Periode
from iku_helpers.snapshot import simpan_snapshot
from iku_helpers.triwulan import (
    AmbangStatus,
    baca_narasi_triwulan,
    bandingkan_snapshot,
    bandingkan_tabel,
    cari_snapshot_sebelumnya,
    hitung_monev,
    periksa_triwulan,
    ringkasan_triwulan,
    tentukan_status,
)


@pytest.fixture(scope="module")
def folder_tw(tmp_path_factory) -> Path:
    return tulis_folder_triwulan(tmp_path_factory.mktemp("tw") / "data")


@pytest.fixture(scope="module")
def data_tw(folder_tw):
    return muat_data(folder_tw)


def _realisasi(data, periode: Periode) -> dict[str, float]:
    return dict(zip(*(hitung_iku(periode, data).tabel[k] for k in ("kode_iku", "realisasi")),
                    strict=True))


# ------------------------------------------------------------------ quarter filter
def test_tanggal_gives_the_quarter(data_tw):
    uk = data_tw.tabel["evaluasi_usaha_kecil"].set_index("id_usaha")
    tw_2025 = uk[uk["tahun"] == 2025]["triwulan"].to_dict()
    # 15-01 and 31-03 are TW1; 01-04 opens TW2; 30/09 (DD/MM/YYYY) closes TW3; 31-12 is TW4
    assert tw_2025 == {"U1": 1, "U2": 1, "U3": 2, "U4": 2, "U5": 3, "U6": 3, "U7": 4, "U8": 4}


def test_saring_counts_a_row_from_its_quarter_on(data_tw):
    kop = data_tw.tabel["evaluasi_koperasi"]
    assert list(Periode(2025, 1).saring(kop)["nomor_induk_koperasi"]) == ["K1"]
    assert list(Periode(2025, 3).saring(kop)["nomor_induk_koperasi"]) == ["K1", "K2", "K3"]
    assert len(Periode(2025, 4).saring(kop)) == len(Periode(2025).saring(kop)) == 4


# ------------------------------------------------------------------ sifat_data
def test_kumulatif_quarters_and_tw4_equals_the_year(data_tw):
    harapan = {1: (100.0, 100.0), 2: (50.0, 75.0), 3: (33.33, 50.0), 4: (25.0, 37.5)}
    for tw, (iku2, iku3) in harapan.items():
        r = _realisasi(data_tw, Periode(2025, tw))
        assert (r["IKU2"], r["IKU3"]) == (iku2, iku3), tw
    tahunan = _realisasi(data_tw, Periode(2025))
    assert (tahunan["IKU2"], tahunan["IKU3"]) == (25.0, 37.5)


def test_nilai_akhir_uses_the_latest_release(data_tw):
    for tw in (1, 2, 3):  # August 2025 Sakernas not released before November
        r = _realisasi(data_tw, Periode(2025, tw))
        assert (r["IKU1"], r["IKU4"]) == (1.5, 65.5)
    assert _realisasi(data_tw, Periode(2025, 4)) == {**_realisasi(data_tw, Periode(2025, 4)),
                                                     "IKU1": 1.6, "IKU4": 70.0}
    tahunan = _realisasi(data_tw, Periode(2025))
    assert (tahunan["IKU1"], tahunan["IKU4"]) == (1.6, 70.0)
    hasil = hitung_iku(Periode(2025, 2), data_tw)
    assert hasil.nilai["IKU1"].rincian["sumber_nilai"] == ("Sakernas Agustus 2024 (dirilis "
                                                           "awal November 2024)")


def test_catalog_sifat_data_must_match_the_module(tmp_path):
    folder = tulis_folder_triwulan(tmp_path / "data")
    katalog = folder / "katalog_iku.yaml"
    katalog.write_text(katalog.read_text(encoding="utf-8").replace(
        "sifat_data: kumulatif", "sifat_data: nilai_akhir", 1), encoding="utf-8")
    with pytest.raises(DataIKUError) as e:
        muat_data(folder)
    assert e.value.berkas == "katalog_iku.yaml" and e.value.kolom == "sifat_data"
    assert "IKU2" in str(e.value)


def test_repository_catalog_declares_every_sifat_data():
    import yaml

    from iku_helpers.indikator.registri import REGISTRI

    katalog = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "katalog_iku.yaml"
                              ).read_text(encoding="utf-8"))
    assert {i["kode_iku"]: i["sifat_data"] for i in katalog["iku"]} == {
        k: d.sifat_data for k, d in REGISTRI.items()}


# ------------------------------------------------------------------ status
@pytest.mark.parametrize(("capaian", "status"), [
    (100.0, "on track"), (250.0, "on track"), (99.99, "perlu perhatian"),
    (90.0, "perlu perhatian"), (89.99, "tidak tercapai"), (0.0, "tidak tercapai"),
    (None, "tidak terukur")])
def test_status_thresholds(capaian, status):
    assert tentukan_status(capaian) == status


def test_status_thresholds_from_the_manifest():
    ambang = baca_ambang_status({"pengaturan": {"ambang_status_triwulan": {
        "on_track": 95, "perlu_perhatian": 80}}})
    assert ambang == AmbangStatus(95.0, 80.0)
    assert [tentukan_status(c, ambang) for c in (95, 94.99, 80, 79.99)] == [
        "on track", "perlu perhatian", "perlu perhatian", "tidak tercapai"]
    assert baca_ambang_status({}) == AmbangStatus(100.0, 90.0)
    for salah in ({"on_track": 80, "perlu_perhatian": 95}, {"hijau": 100}, [100, 90]):
        with pytest.raises(DataIKUError) as e:
            baca_ambang_status({"pengaturan": {"ambang_status_triwulan": salah}})
        assert e.value.berkas == "sumber_data.yaml"
        assert e.value.kolom == "pengaturan.ambang_status_triwulan"
    # true/false once read as 1 and 0, so every IKU was 'on track' at any capaian; a
    # quoted "95" was read as 95: neither is a number written as a number
    for salah, kunci in (({"on_track": "tinggi"}, "on_track"),
                         ({"on_track": True, "perlu_perhatian": False}, "on_track"),
                         ({"on_track": 100, "perlu_perhatian": "95"}, "perlu_perhatian")):
        with pytest.raises(DataIKUError) as e:
            baca_ambang_status({"pengaturan": {"ambang_status_triwulan": salah}})
        assert e.value.kolom == f"pengaturan.ambang_status_triwulan.{kunci}"
        assert "harus berupa angka" in str(e.value)


# ------------------------------------------------------------------ the quarter
def test_tw3_monitoring_table(data_tw):
    t = hitung_monev(data_tw, Periode(2025, 3)).tabel.set_index("kode_iku")
    assert t["target_triwulan"].to_dict() == {"IKU1": 1.55, "IKU2": 30.0, "IKU3": 60.0,
                                              "IKU4": 65.5}
    assert t["capaian_persen"].to_dict() == {"IKU1": 96.77, "IKU2": 111.1, "IKU3": 83.33,
                                             "IKU4": 100.0}
    assert t["status"].to_dict() == {"IKU1": "perlu perhatian", "IKU2": "on track",
                                     "IKU3": "tidak tercapai", "IKU4": "on track"}
    assert t["perubahan"].to_dict() == {"IKU1": 0.0, "IKU2": -16.67, "IKU3": -25.0,
                                        "IKU4": 0.0}
    assert t["periode_sebelumnya"].iloc[0] == "Triwulan II 2025"


def test_remaining_need_in_units(data_tw):
    t = hitung_monev(data_tw, Periode(2025, 3)).tabel.set_index("kode_iku")
    assert t["target_tahunan"].to_dict() == {"IKU1": 1.6, "IKU2": 40.0, "IKU3": 60.0,
                                             "IKU4": 68.0}
    # 157/9.800 = 1,60 (156 gives 1,59); 2/3 >= 40 %; 4/6 >= 60 %; 68 - 65,5
    assert t["kebutuhan_sisa"].to_dict() == {"IKU1": 10.0, "IKU2": 1.0, "IKU3": 1.0,
                                             "IKU4": 2.5}
    assert t["satuan_kebutuhan"].to_dict() == {"IKU1": "tenaga kerja", "IKU2": "koperasi",
                                               "IKU3": "usaha kecil", "IKU4": "poin indeks"}


def test_largest_contributors_per_area(data_tw):
    k = hitung_monev(data_tw, Periode(2025, 3)).kontributor
    assert k["IKU1"][["kode_wilayah", "pembilang", "penyebut", "kekurangan"]].values.tolist() \
        == [[9902, 47, 3900, 16]]   # 63/3.900 = 1,62 % is the first >= 1,60 %
    assert k["IKU2"][["kode_wilayah", "kekurangan"]].values.tolist() == [[9902, 1]]
    assert k["IKU3"][["kode_wilayah", "kekurangan"]].values.tolist() == [[9902, 1]]
    assert k["IKU4"].empty


def test_tw1_compares_with_last_years_tw4(data_tw):
    t = hitung_monev(data_tw, Periode(2025, 1)).tabel.set_index("kode_iku")
    assert t["periode_sebelumnya"].iloc[0] == "Triwulan IV 2024"
    # 2024: IKU3 1 of 2 = 50 %, IKU4 65,5; TW1 2025: IKU3 2/2 = 100 %, IKU4 65,5
    assert t.loc["IKU3", "realisasi_sebelumnya"] == 50.0 and t.loc["IKU3", "perubahan"] == 50.0
    assert t.loc["IKU4", "perubahan"] == 0.0


def test_ringkasan_triwulan_four_quarters(data_tw):
    r = ringkasan_triwulan(data_tw, 2025)
    assert list(r.columns) == ["kode_iku", "triwulan", "target", "realisasi", "capaian_persen",
                               "status"]
    iku3 = r[r["kode_iku"] == "IKU3"]
    assert iku3["realisasi"].tolist() == [100.0, 75.0, 50.0, 37.5]
    assert iku3["target"].tolist() == [50.0, 55.0, 60.0, 60.0]
    assert iku3["capaian_persen"].tolist() == [200.0, 136.36, 83.33, 62.5]
    assert iku3["status"].tolist() == ["on track", "on track", "tidak tercapai",
                                       "tidak tercapai"]


def test_four_quarter_chart_bars(data_tw):
    from iku_helpers.triwulan import grafik_empat_triwulan

    fig = grafik_empat_triwulan(ringkasan_triwulan(data_tw, 2025), "IKU3")
    target, realisasi = fig.axes[0].containers
    assert [b.get_height() for b in target] == [50.0, 55.0, 60.0, 60.0]
    assert [b.get_height() for b in realisasi] == [100.0, 75.0, 50.0, 37.5]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["TW I", "TW II",
                                                                    "TW III", "TW IV"]


def test_ringkasan_without_quarter_data_has_no_realisasi(folder_mini):
    r = ringkasan_triwulan(muat_data(folder_mini), 2025)
    kumulatif = r[r["kode_iku"].isin(["IKU2", "IKU3"])]
    assert kumulatif["realisasi"].isna().all() and r["target"].isna().all()
    assert set(r["status"]) == {"tidak terukur"}


# ------------------------------------------------------------------ bad input
def test_quarter_needs_a_quarter_column(folder_mini):
    data = muat_data(folder_mini)
    masalah = periksa_triwulan(data, Periode(2025, 2))
    kolom = {(m.berkas, m.kolom) for m in masalah}
    assert ("evaluasi_koperasi.csv", "triwulan") in kolom
    assert ("evaluasi_usaha_kecil.csv", "triwulan") in kolom
    assert ("perjanjian_kinerja", "target_tw2") in kolom


def test_tanggal_outside_the_year_names_file_row_column(tmp_path):
    baris = list(USAHA_KECIL_TGL)
    baris[5] = "2025,2024-12-31,U3,Usaha C,9902,ya"
    with pytest.raises(DataIKUError) as e:
        muat_data(tulis_folder_triwulan(tmp_path / "d", {"evaluasi_usaha_kecil.csv": baris}))
    assert (e.value.berkas, e.value.baris, e.value.kolom) == ("evaluasi_usaha_kecil.csv", 6,
                                                              "tanggal")


def test_unreadable_tanggal_and_disagreeing_triwulan(tmp_path):
    baris = list(USAHA_KECIL_TGL)
    baris[3] = "2025,31-31-2025,U1,Usaha A,9901,ya"
    with pytest.raises(DataIKUError) as e:
        muat_data(tulis_folder_triwulan(tmp_path / "a", {"evaluasi_usaha_kecil.csv": baris}))
    assert (e.value.baris, e.value.kolom) == (4, "tanggal")
    kop = [KOPERASI_TW[0].replace("triwulan,", "triwulan,tanggal,")] + [
        b.replace(f"{b[:4]},{b[5]},", f"{b[:4]},{b[5]},{b[:4]}-{3 * int(b[5]):02d}-15,")
        for b in KOPERASI_TW[1:]]
    kop[4] = kop[4].replace("2025,1,2025-03-15", "2025,1,2025-04-15")
    with pytest.raises(DataIKUError) as e:
        muat_data(tulis_folder_triwulan(tmp_path / "b", {"evaluasi_koperasi.csv": kop}))
    assert (e.value.berkas, e.value.baris, e.value.kolom) == ("evaluasi_koperasi.csv", 5,
                                                              "triwulan")


# Quarters as an office writes them: Roman numerals, TW/Triwulan/Q prefixes, any case
EJAAN_TRIWULAN = {"2024,2,": "TW II", "2024,3,": "tw-3", "2024,4,": "Triwulan IV",
                  "2025,1,": " I ", "2025,2,": "Q2", "2025,3,": "Triwulan 3",
                  "2025,4,": "TW\u00a0iv"}


def _koperasi_tw_dieja(ejaan: dict[str, str]) -> list[str]:
    """KOPERASI_TW with each row's triwulan written as ``ejaan`` gives for its
    "tahun,triwulan," prefix (rows 2..8, in order)."""
    keluar = [KOPERASI_TW[0]]
    for b, (awal, tw) in zip(KOPERASI_TW[1:], ejaan.items(), strict=True):
        assert b.startswith(awal)
        keluar.append(f"{b[:5]}{tw},{b[len(awal):]}")
    return keluar


def test_quarters_written_the_indonesian_way_are_read(tmp_path):
    """TW I-IV is how offices write quarters: read as 1-4, with the same quarterly
    figures as the digits (hand-worked in data_triwulan.py: IKU2 100 / 50 / 33,33 / 25)."""
    kop = _koperasi_tw_dieja(EJAAN_TRIWULAN)
    data = muat_data(tulis_folder_triwulan(tmp_path / "data", {"evaluasi_koperasi.csv": kop}))
    k = data.tabel["evaluasi_koperasi"]
    assert k["triwulan"].tolist() == [2, 3, 4, 1, 2, 3, 4]
    assert str(k["triwulan"].dtype) == "int64"
    assert [_realisasi(data, Periode(2025, tw))["IKU2"] for tw in (1, 2, 3, 4)] == [
        100.0, 50.0, 33.33, 25.0]
    assert [p for p in data.peringatan if p.kolom == "triwulan"] == []


def test_tanggal_with_indonesian_month_names_gives_the_same_quarters(tmp_path):
    """USAHA_KECIL_TGL with every date written with a month name: the same quarterly IKU3
    as the hand-worked 100 / 75 / 50 / 37,5."""
    nama = {"2024-05-01": "1 Mei 2024", "11/11/2024": "11 Nop 2024",
            "2025-01-15": "15 Januari 2025", "2025-03-31": "31 Mar 2025",
            "2025-04-01": "1 April 2025", "2025-06-30": "30 Juni 2025",
            "2025-07-01": "1 Juli 2025", "30/09/2025": "30 Sept 2025",
            "2025-10-01": "1 Okt 2025", "2025-12-31": "31 Des 2025"}
    uk = [USAHA_KECIL_TGL[0]] + [b.replace(b.split(",")[1], nama[b.split(",")[1]])
                                 for b in USAHA_KECIL_TGL[1:]]
    data = muat_data(tulis_folder_triwulan(tmp_path / "data", {"evaluasi_usaha_kecil.csv": uk}))
    assert [_realisasi(data, Periode(2025, tw))["IKU3"] for tw in (1, 2, 3, 4)] == [
        100.0, 75.0, 50.0, 37.5]
    uk_2025 = data.tabel["evaluasi_usaha_kecil"].query("tahun == 2025")
    assert uk_2025["triwulan"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4]


# USAHA_KECIL_TGL's dates moved to the first of their month, written both ways round
PERTAMA_BULAN = {"2024-05-01": (5, 2024), "11/11/2024": (11, 2024), "2025-01-15": (1, 2025),
                 "2025-03-31": (3, 2025), "2025-04-01": (4, 2025), "2025-06-30": (6, 2025),
                 "2025-07-01": (7, 2025), "30/09/2025": (9, 2025), "2025-10-01": (10, 2025),
                 "2025-12-31": (12, 2025)}


def _uk_pertama_bulan(tulis) -> list[str]:
    return [USAHA_KECIL_TGL[0]] + [b.replace(b.split(",")[1], tulis(*PERTAMA_BULAN[
        b.split(",")[1]])) for b in USAHA_KECIL_TGL[1:]]


def test_first_of_the_month_in_day_month_order_is_read(tmp_path):
    """1/4/2025 is 1 April in Indonesian order: the quarters are those of the months
    (every date stays in its quarter: IKU3 100 / 75 / 50 / 37,5)."""
    uk = _uk_pertama_bulan(lambda bl, th: f"1/{bl}/{th}")
    data = muat_data(tulis_folder_triwulan(tmp_path / "data", {"evaluasi_usaha_kecil.csv": uk}))
    assert [_realisasi(data, Periode(2025, tw))["IKU3"] for tw in (1, 2, 3, 4)] == [
        100.0, 75.0, 50.0, 37.5]


def test_month_day_dates_from_us_excel_are_refused_not_read_as_january(tmp_path, capsys):
    """The same dates saved by an en-US Excel, 4/1/2025: read day/month every row was in
    January, so TW I's IKU3 was 3/8 = 37,50 % instead of 100 %, exit 0, no warning. Now
    the run stops naming the file, the row, the column and examples."""
    uk = _uk_pertama_bulan(lambda bl, th: f"{bl}/1/{th}")
    data = tulis_folder_triwulan(tmp_path / "data", {"evaluasi_usaha_kecil.csv": uk})
    kode, keluar = _jalankan(tmp_path, "--triwulan", "2025-1", data=data)
    err = capsys.readouterr().err
    assert kode == 2
    assert ("'evaluasi_usaha_kecil.csv', baris 2, kolom 'tanggal': tanggal tampaknya ditulis "
            "bulan/hari/tahun (urutan Amerika") in err
    assert "(baris 2: '5/1/2024', baris 3: '11/1/2024', baris 5: '3/1/2025')" in err
    assert "tulis tanggal sebagai YYYY-MM-DD (mis. 2024-05-01)" in err
    assert list(keluar.iterdir()) == []


@pytest.mark.parametrize("salah", ["TW5", "V", "Q0", "triwulan", "TW 1 2025", "1/4"])
def test_other_quarter_spellings_say_what_is_accepted(tmp_path, salah):
    kop = list(KOPERASI_TW)
    kop[6] = kop[6].replace("2025,3,K3", f"2025,{salah},K3")
    with pytest.raises(DataIKUError) as e:
        muat_data(tulis_folder_triwulan(tmp_path / "data", {"evaluasi_koperasi.csv": kop}))
    assert (e.value.berkas, e.value.baris, e.value.kolom, e.value.nilai) == (
        "evaluasi_koperasi.csv", 7, "triwulan", salah)
    assert ("bukan triwulan; tulis 1, 2, 3 atau 4 (juga I-IV, TW1-TW4, TW I-TW IV, TW-2, "
            "Triwulan 1, Triwulan III, Q1-Q4)") in str(e.value)


def _jalankan(tmp_path, *argumen, data=None):
    keluar = tmp_path / "keluar"
    keluar.mkdir(exist_ok=True)
    data = data or tulis_folder_triwulan(tmp_path / "data")
    kode = cli.main(["--data-dir", str(data), "--output-dir", str(keluar),
                     "--tanggal", "2025-12-10", *argumen])
    return kode, keluar


@pytest.mark.parametrize("teks", ["2025-0", "2025-5", "2025", "2025-1..2024-4"])
def test_cli_refuses_bad_quarter_parameter(tmp_path, capsys, teks):
    kode, keluar = _jalankan(tmp_path, "--triwulan", teks)
    assert kode == 2
    assert "--triwulan" in capsys.readouterr().err
    assert list(keluar.iterdir()) == []


@pytest.mark.parametrize("tw", ["0", "5"])
def test_cli_triwulan_outside_1_4_in_the_data(tmp_path, capsys, tw):
    kop = list(KOPERASI_TW)
    kop[6] = kop[6].replace("2025,3,K3", f"2025,{tw},K3")
    data = tulis_folder_triwulan(tmp_path / "data", {"evaluasi_koperasi.csv": kop})
    kode, keluar = _jalankan(tmp_path, "--triwulan", "2025-3", data=data)
    err = capsys.readouterr().err
    assert kode == 2
    assert "evaluasi_koperasi.csv" in err and "baris 7" in err and "'triwulan'" in err
    assert list(keluar.iterdir()) == []


def test_cli_tanggal_outside_the_year(tmp_path, capsys):
    uk = list(USAHA_KECIL_TGL)
    uk[9] = "2025,2026-01-02,U7,Usaha G,9901,false"
    data = tulis_folder_triwulan(tmp_path / "data", {"evaluasi_usaha_kecil.csv": uk})
    kode, keluar = _jalankan(tmp_path, "--triwulan", "2025-4", data=data)
    err = capsys.readouterr().err
    assert kode == 2
    assert "evaluasi_usaha_kecil.csv" in err and "baris 10" in err and "'tanggal'" in err
    assert list(keluar.iterdir()) == []


def test_cli_quarter_with_no_data(tmp_path, capsys):
    kop = [b.replace("2025,1,K1", "2025,2,K1") for b in KOPERASI_TW]  # nothing in TW1
    data = tulis_folder_triwulan(tmp_path / "data", {"evaluasi_koperasi.csv": kop})
    kode, keluar = _jalankan(tmp_path, "--triwulan", "2025-1", data=data)
    err = capsys.readouterr().err
    assert kode == 2
    assert "evaluasi_koperasi.csv" in err and "'triwulan'" in err and "Triwulan I 2025" in err
    assert list(keluar.iterdir()) == []


def test_cli_year_with_no_data_at_all(tmp_path, capsys):
    kode, keluar = _jalankan(tmp_path, "--triwulan", "2026-2", "--tanggal", "2026-07-10")
    err = capsys.readouterr().err
    assert kode == 2 and "tidak ada data untuk tahun 2026" in err and "'tahun'" in err
    assert list(keluar.iterdir()) == []


def test_cli_missing_quarter_target(tmp_path, capsys):
    pk = [b.rsplit(",", 1)[0] for b in PK_TW]   # no target_tw4 column
    data = tulis_folder_triwulan(tmp_path / "data", {"perjanjian_kinerja.csv": pk})
    kode, keluar = _jalankan(tmp_path, "--triwulan", "2025-3..2025-4", data=data)
    err = capsys.readouterr().err
    assert kode == 2 and "perjanjian_kinerja.csv" in err and "'target_tw4'" in err
    assert list(keluar.iterdir()) == []   # TW3 could be made, but a batch is all or nothing


def test_quarters_not_recorded_in_earlier_years(tmp_path):
    """An office that began recording the quarter in 2025 leaves 2024's triwulan empty:
    once every run was refused ('sel kosong'). A year counts whole, so the annual figures
    and the quarters of 2025 (IKU2 compares with the whole of 2024) are the hand-worked
    ones, and nothing is said about 2024."""
    kop = [b.replace(f"2024,{b[5]},", "2024,,") if b.startswith("2024") else b
           for b in KOPERASI_TW]
    assert kop[1] == "2024,,K1,Koperasi Satu,9901,ya,100,50"
    data = muat_data(tulis_folder_triwulan(tmp_path / "data", {"evaluasi_koperasi.csv": kop}))
    assert [p for p in data.peringatan if p.kolom == "triwulan"] == []
    assert _realisasi(data, Periode(2025))["IKU2"] == 25.0
    assert round(_realisasi(data, Periode(2025, 3))["IKU2"], 2) == 33.33
    assert _realisasi(data, Periode(2025, 1))["IKU2"] == 100.0


def test_a_year_partly_without_quarters(tmp_path, capsys):
    """2025's K2 without its quarter: the annual figure still counts it (1 of 4), a
    warning names the row, and a quarterly run of 2025, which cannot place it, is
    refused naming file, row and column."""
    kop = [b.replace("2025,2,K2", "2025,,K2") for b in KOPERASI_TW]
    folder = tulis_folder_triwulan(tmp_path / "data", {"evaluasi_koperasi.csv": kop})
    data = muat_data(folder)
    [p] = [p for p in data.peringatan if p.kolom == "triwulan"]
    assert (p.berkas, p.baris) == ("evaluasi_koperasi.csv", 6)
    assert "triwulan kosong di 1 dari 4 baris tahun 2025 (baris 6)" in p
    assert _realisasi(data, Periode(2025))["IKU2"] == 25.0
    kode, keluar = _jalankan(tmp_path, "--triwulan", "2025-3", data=folder)
    err = capsys.readouterr().err
    assert kode == 2, err
    assert "'evaluasi_koperasi.csv', baris 6, kolom 'triwulan'" in err
    assert "triwulan baris tahun 2025 ini kosong" in err
    assert list(keluar.iterdir()) == []


def test_an_empty_triwulan_takes_its_dates_quarter(tmp_path):
    """With both columns, an empty triwulan cell is the quarter of the row's tanggal."""
    kop = [KOPERASI_TW[0].replace("triwulan,", "triwulan,tanggal,")] + [
        b.replace(f"{b[:4]},{b[5]},", f"{b[:4]},{b[5]},{b[:4]}-{3 * int(b[5]):02d}-15,")
        for b in KOPERASI_TW[1:]]
    kop[5] = kop[5].replace("2025,2,2025-06-15", "2025,,2025-06-15")
    data = muat_data(tulis_folder_triwulan(tmp_path / "data", {"evaluasi_koperasi.csv": kop}))
    k = data.tabel["evaluasi_koperasi"]
    assert k.loc[k["tahun"] == 2025, "triwulan"].tolist() == [1, 2, 3, 4]
    assert [p for p in data.peringatan if p.kolom == "triwulan"] == []


def test_next_years_pk_signed_without_quarterly_targets(tmp_path, capsys):
    """In January the 2026 PK is signed with its year's targets only: once every run was
    refused ('sel kosong' in target_tw1..4 of 2026). 2025's quarters still rate as hand
    worked; a quarter of 2026 is refused naming the empty target."""
    pk = [*PK_TW, "2026,IKU1,1.70,,,,", "2026,IKU2,45,,,,", "2026,IKU3,62,,,,",
          "2026,IKU4,70,,,,"]
    folder = tulis_folder_triwulan(tmp_path / "data", {"perjanjian_kinerja.csv": pk})
    monev = hitung_monev(muat_data(folder), Periode(2025, 3))
    capaian = monev.tabel.set_index("kode_iku")["capaian_persen"]
    assert (capaian["IKU1"], capaian["IKU4"]) == (96.77, 100.0)
    kode, keluar = _jalankan(tmp_path, "--triwulan", "2026-1", "--tanggal", "2026-04-10",
                             data=folder)
    err = capsys.readouterr().err
    assert kode == 2, err
    assert "'perjanjian_kinerja.csv', baris 6, kolom 'target_tw1': target IKU1 " \
        "Triwulan I 2026 kosong" in err
    assert list(keluar.iterdir()) == []


def test_cli_range_names_the_quarter_that_lacks_data(tmp_path, capsys):
    """TW III-IV on data without 2025's Sakernas: only TW IV needs it (released in
    November), and the refusal says so ('Triwulan IV 2025: tidak ada data untuk tahun
    2025'), not a bare year as if the whole range lacked it."""
    from conftest import TABEL_MINI

    ubah = {nama: [b for b in TABEL_MINI[nama] if not b.startswith("2025")]
            for nama in ("penduduk_bekerja.csv", "tenaga_kerja_kukm.csv")}
    data = tulis_folder_triwulan(tmp_path / "data", ubah)
    kode, keluar = _jalankan(tmp_path, "--triwulan", "2025-3..2025-4", data=data)
    err = capsys.readouterr().err
    assert kode == 2, err
    assert "Berkas 'penduduk_bekerja.csv', kolom 'tahun': Triwulan IV 2025: tidak ada data " \
        "untuk tahun 2025" in err
    assert "Triwulan III 2025: tidak ada data" not in err
    assert list(keluar.iterdir()) == []


def test_cli_kumulatif_without_quarter_column(tmp_path, capsys):
    from conftest import TABEL_MINI

    data = tulis_folder_triwulan(tmp_path / "data", {
        "evaluasi_koperasi.csv": TABEL_MINI["evaluasi_koperasi.csv"]})
    kode, keluar = _jalankan(tmp_path, "--triwulan", "2025-2", data=data)
    err = capsys.readouterr().err
    assert kode == 2 and "evaluasi_koperasi.csv" in err and "'triwulan'" in err
    assert list(keluar.iterdir()) == []


# ------------------------------------------------------------------ frozen evidence
def test_bandingkan_tabel_by_key():
    lama = pd.DataFrame({"_baris": [2, 3, 4], "tahun": [2025] * 3, "id": ["A", "B", "C"],
                         "nilai": [1.0, 2.0, 3.0]})
    baru = pd.DataFrame({"_baris": [2, 3, 4], "tahun": [2025] * 3, "id": ["C", "B", "D"],
                         "nilai": [3.0, 2.5, 4.0]})
    # A removed, D added, B changed (2,0 -> 2,5), C moved rows but is unchanged
    tambah, hapus, ubah, contoh = bandingkan_tabel(lama, baru, ["tahun", "id"])
    assert (tambah, hapus, ubah) == (1, 1, 1)
    assert contoh == {"ditambah": ["2025 / D"], "dihapus": ["2025 / A"],
                      "diubah": ["2025 / B"]}


def test_snapshot_change_report(tmp_path):
    a = tulis_folder_triwulan(tmp_path / "a")
    kop = list(KOPERASI_TW)
    kop[6] = "2025,3,K3,Koperasi Tiga,9902,ya,101,56"      # changed
    del kop[7]                                              # K4 removed
    uk = [*USAHA_KECIL_TGL, "2025,2025-08-15,U9,Usaha I,9902,ya"]   # added
    b = tulis_folder_triwulan(tmp_path / "b", {"evaluasi_koperasi.csv": kop,
                                               "evaluasi_usaha_kecil.csv": uk})
    sa = simpan_snapshot(muat_data(a), tmp_path / "snap-a")
    sb = simpan_snapshot(muat_data(b), tmp_path / "snap-b")
    p = bandingkan_snapshot(sa, sb)
    t = p.tabel.set_index("tabel")
    assert t.loc["evaluasi_koperasi"].tolist() == [0, 1, 1]
    assert t.loc["evaluasi_usaha_kecil"].tolist() == [1, 0, 0]
    assert t.loc["indeks_rb"].tolist() == [0, 0, 0]
    assert p.contoh["evaluasi_koperasi"]["dihapus"] == ["2025 / K4"]
    assert p.contoh["evaluasi_koperasi"]["diubah"] == ["2025 / K3"]
    assert set(p.berkas["kunci"]) == {"evaluasi_koperasi", "evaluasi_usaha_kecil"}
    assert p.ada and not bandingkan_snapshot(sa, sa).ada


def test_snapshot_keeps_the_manifest_and_its_hash(tmp_path):
    import hashlib
    import json

    folder = tulis_folder_triwulan(tmp_path / "a")
    snap = simpan_snapshot(muat_data(folder), tmp_path / "snap")
    isi = json.loads((snap / "snapshot.json").read_text(encoding="utf-8"))
    manifest = (folder / "sumber_data.yaml").read_bytes()
    assert isi["manifest"]["sha256"] == hashlib.sha256(manifest).hexdigest()
    assert (snap / "sumber_data.yaml").read_bytes() == manifest


def test_cari_snapshot_sebelumnya_takes_the_latest(tmp_path):
    import json

    for tanggal, dibuat in (("2025-10-01", "2025-10-01T08:00:00+08:00"),
                            ("2025-10-15", "2025-10-15T08:00:00+08:00")):
        s = tmp_path / tanggal / "snapshot-iku-2025-tw3"
        s.mkdir(parents=True)
        (s / "snapshot.json").write_text(json.dumps({"dibuat": dibuat}))
    (tmp_path / "2025-10-20" / "snapshot-iku-2025-tw31").mkdir(parents=True)  # not TW3
    assert cari_snapshot_sebelumnya(tmp_path, "2025-tw3") == (
        tmp_path / "2025-10-15" / "snapshot-iku-2025-tw3")
    assert cari_snapshot_sebelumnya(tmp_path, "2025-tw2") is None


def test_the_latest_snapshot_is_found_across_time_zones_and_a_damaged_one_passed_over(
        tmp_path, caplog):
    """Run A wrote 2025-10-15T06:49+00:00; run B, on a machine in UTC-10, wrote
    2025-10-15T00:00-10:00, which is 10.00 UTC: B is the later run, but its text sorts
    first, and the text max picked A (run C then reported changes B had already shown).
    Then B's table is truncated: B is passed over, named in the log, and A is used."""
    import json
    import logging

    lokasi = {}
    for nama, dibuat in (("A", "2025-10-15T06:49:00+00:00"),
                         ("B", "2025-10-15T00:00:00-10:00")):
        s = tmp_path / f"2025-10-15-{nama}" / "snapshot-iku-2025-tw3"
        s.mkdir(parents=True)
        (s / "snapshot.json").write_text(json.dumps({"dibuat": dibuat}))
        pd.DataFrame({"a": [1]}).to_parquet(s / "indeks_rb.parquet")
        lokasi[nama] = s
    assert cari_snapshot_sebelumnya(tmp_path, "2025-tw3") == lokasi["B"]
    rusak = lokasi["B"] / "indeks_rb.parquet"
    rusak.write_bytes(rusak.read_bytes()[:40])
    with caplog.at_level(logging.WARNING, logger="iku_report"):
        assert cari_snapshot_sebelumnya(tmp_path, "2025-tw3") == lokasi["A"]
    assert "indeks_rb.parquet rusak" in caplog.text and str(lokasi["B"]) in caplog.text


def test_narasi_triwulan(tmp_path):
    (tmp_path / "narasi").mkdir()
    (tmp_path / "narasi" / "2025-tw3.md").write_text(
        "# Judul\n\n## Faktor pendukung\nRAT tepat waktu.\n\n## Faktor Penghambat\n"
        "Cuaca.\n", encoding="utf-8")
    n = baca_narasi_triwulan(tmp_path, Periode(2025, 3))
    assert n == {"pendukung": "RAT tepat waktu.", "penghambat": "Cuaca.", "tindak_lanjut": ""}
    assert baca_narasi_triwulan(tmp_path, Periode(2025, 2)) is None


# ------------------------------------------------------------------ the whole run
@pytest.fixture(scope="module")
def jalan_tw(tmp_path_factory):
    """One batch run for TW III and TW IV 2025, then TW III again after a correction."""
    akar = tmp_path_factory.mktemp("jalan")
    data = tulis_folder_triwulan(akar / "data")
    (data / "narasi").mkdir()
    (data / "narasi" / "2025-tw3.md").write_text(
        "## Faktor pendukung\nPendampingan RAT <script>x</script> tepat waktu.\n",
        encoding="utf-8")
    keluar = akar / "keluar"
    keluar.mkdir()
    pertama = cli.main(["--triwulan", "2025-3..2025-4", "--data-dir", str(data),
                        "--output-dir", str(keluar), "--tanggal", "2025-12-10"])
    kop = list(KOPERASI_TW)
    kop[6] = "2025,3,K3,Koperasi Tiga,9902,ya,101,56"   # K3 corrected: now improved
    (data / "evaluasi_koperasi.csv").write_text("\n".join(kop) + "\n", encoding="utf-8")
    kedua = cli.main(["--triwulan", "2025-3", "--data-dir", str(data),
                      "--output-dir", str(keluar), "--tanggal", "2025-12-10"])
    return {"data": data, "folder": keluar / "2025-12-10", "kode": (pertama, kedua)}


def _teks_pdf(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(h.extract_text() for h in PdfReader(path).pages)


def test_a_rerun_compares_only_what_counts_in_the_quarter(tmp_path):
    """TW I made in April on TW I's rows, made again in July on data that also has TW II
    rows and nothing of TW I changed: once a red 'Data berubah' cover counting TW II's
    rows, and the earlier report named by the computer's clock only. Now: no change for
    TW I, the rows of later quarters counted as left out, the earlier report named by its
    own date."""
    import re

    kop = [b for b in KOPERASI_TW if not b.startswith("2025,") or b.startswith("2025,1,")]
    uk = [b for b in USAHA_KECIL_TGL if not b.startswith("2025,")
          or b.split(",")[1] in ("2025-01-15", "2025-03-31")]
    data = tulis_folder_triwulan(tmp_path / "data", {"evaluasi_koperasi.csv": kop,
                                                     "evaluasi_usaha_kecil.csv": uk})
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    argumen = ["--triwulan", "2025-1", "--data-dir", str(data), "--output-dir", str(keluar)]
    assert cli.main([*argumen, "--tanggal", "2025-04-10"]) == 0
    (data / "evaluasi_koperasi.csv").write_text("\n".join(KOPERASI_TW) + "\n", encoding="utf-8")
    (data / "evaluasi_usaha_kecil.csv").write_text("\n".join(USAHA_KECIL_TGL) + "\n",
                                                   encoding="utf-8")
    assert cli.main([*argumen, "--tanggal", "2025-07-10"]) == 0
    teks = re.sub(r"\s+", " ", _teks_pdf(keluar / "2025-07-10" / "laporan-monev-iku-2025-tw1.pdf"))
    assert "Data berubah sejak laporan sebelumnya" not in teks
    assert "Dibandingkan dengan laporan bertanggal 10 April 2025 (snapshot " in teks
    assert "tidak ada perubahan data yang dihitung dalam triwulan ini" in teks
    # K2-K4 and U3-U8: 9 rows of TW II-IV
    # K2-K4 and U3-U8 (9), and the 2025 rows of the point-value tables, whose figures TW I
    # takes from 2024: penduduk bekerja 3, tenaga kerja 2, indeks RB 1, komponen RB 3
    assert "Baris yang tidak dihitung dalam Triwulan I 2025 (18 baris pada data ini: baris " \
        "tahun 2025 dari triwulan sesudahnya, dan angka tahunan yang belum terbit pada akhir " \
        "triwulan) tidak dibandingkan." in teks


def test_a_years_sakernas_and_rb_added_do_not_change_tw3(tmp_path):
    """TW III made before 2025's Sakernas and RB index came out, again after they were
    added: TW III uses 2024's figures either way, so nothing TW III is made of changed
    (once 'Data berubah' with the new rows counted)."""
    from conftest import TABEL_MINI

    tanpa = {nama: [b for b in TABEL_MINI[nama] if not b.startswith("2025")]
             for nama in ("penduduk_bekerja.csv", "tenaga_kerja_kukm.csv", "indeks_rb.csv",
                          "komponen_rb.csv")}
    a = simpan_snapshot(muat_data(tulis_folder_triwulan(tmp_path / "a", tanpa)),
                        tmp_path / "snap-a")
    b = simpan_snapshot(muat_data(tulis_folder_triwulan(tmp_path / "b")), tmp_path / "snap-b")
    p = bandingkan_snapshot(a, b, Periode(2025, 3))
    assert not p.ada
    # K4, U7 and U8 (TW IV), and the point values' 2025 rows (3 + 2 + 1 + 3)
    assert p.diabaikan == 1 + 2 + 3 + 2 + 1 + 3
    assert bandingkan_snapshot(a, b, Periode(2025, 4)).ada   # TW IV uses them


def test_a_published_quarter_computed_otherwise_is_named(tmp_path):
    """TW I is published (IKU2 1/1 = 100,00 %: K1 improved); K1's 2025 RAT is then
    corrected to 'tidak' and TW II is made. TW II recomputes TW I on the corrected data
    (0,00 %) for its change column and its four-quarter table: once silently, beside a
    TW I report that says 100,00 %. It now names the figure as published, with that
    report's date, and the figure now."""
    import re

    data = tulis_folder_triwulan(tmp_path / "data")
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    assert cli.main(["--triwulan", "2025-1", "--data-dir", str(data), "--output-dir",
                     str(keluar), "--tanggal", "2025-04-10"]) == 0
    kop = [b.replace("2025,1,K1,Koperasi Satu,9901,ya", "2025,1,K1,Koperasi Satu,9901,tidak")
           for b in KOPERASI_TW]
    (data / "evaluasi_koperasi.csv").write_text("\n".join(kop) + "\n", encoding="utf-8")
    assert cli.main(["--triwulan", "2025-2", "--data-dir", str(data), "--output-dir",
                     str(keluar), "--tanggal", "2025-07-10"]) == 0
    teks = re.sub(r"\s+", " ", _teks_pdf(keluar / "2025-07-10" / "laporan-monev-iku-2025-tw2.pdf"))
    assert "Angka triwulan yang sudah dilaporkan berubah" in teks
    assert "IKU 2 Triwulan I 2025 tertulis 100,00% pada laporan Triwulan I 2025 bertanggal " \
        "10 April 2025, kini 0,00%." in teks
    # only what changed is named: IKU 3 (by tanggal) is the same in both
    assert "IKU 3 Triwulan I 2025 tertulis" not in teks
    # the XLSX says it too (its change column is against the recomputed TW I)
    lembar = pd.read_excel(keluar / "2025-07-10" / "capaian-iku-2025-tw2.xlsx",
                           sheet_name="Triwulan lalu berubah")
    assert lembar.to_dict("records") == [
        {"kode_iku": "IKU2", "triwulan": "Triwulan I 2025", "realisasi_dilaporkan": 100,
         "tanggal_laporan": "10 April 2025", "realisasi_kini": 0}]
    # the figure as printed comes from that report's CSV; without it, from its snapshot
    from iku_helpers.triwulan import revisi_triwulan

    snap = keluar / "2025-04-10" / "snapshot-iku-2025-tw1"
    csv = keluar / "2025-04-10" / "capaian-iku-2025-tw1.csv"
    teks_csv = csv.read_text(encoding="utf-8")
    for ubah in (lambda: None,                                        # as written
                 lambda: csv.write_text(teks_csv.replace(",", ";")),  # re-saved with ';'
                 csv.unlink):                                         # gone
        ubah()
        [r] = revisi_triwulan(muat_data(data), Periode(2025, 2), {"2025-tw1": snap})
        assert (r["kode_iku"], r["dilaporkan"], r["kini"]) == ("IKU2", 100.0, 0.0)
    # a report whose earlier quarters were not corrected says nothing of the kind
    tw1 = re.sub(r"\s+", " ", _teks_pdf(keluar / "2025-04-10" / "laporan-monev-iku-2025-tw1.pdf"))
    assert "sudah dilaporkan berubah" not in tw1


def test_run_writes_every_output_and_the_snapshot(jalan_tw):
    assert jalan_tw["kode"] == (0, 0)
    nama = {p.name for p in jalan_tw["folder"].iterdir() if not p.name.startswith(".")}
    for kode in ("2025-tw3", "2025-tw4"):
        assert {f"laporan-monev-iku-{kode}.pdf", f"laporan-monev-iku-{kode}.ipynb",
                f"capaian-iku-{kode}.csv", f"capaian-iku-{kode}.xlsx",
                f"snapshot-iku-{kode}"} <= nama
    # the second TW III run wrote beside the first, never over it
    assert {"laporan-monev-iku-2025-tw3-2.pdf", "capaian-iku-2025-tw3-2.csv",
            "snapshot-iku-2025-tw3-2"} <= nama
    snap = jalan_tw["folder"] / "snapshot-iku-2025-tw3"
    assert (snap / "evaluasi_koperasi.parquet").is_file() and (snap / "snapshot.json").is_file()


def test_csv_per_quarter_and_tw4_equals_the_year(jalan_tw):
    from iku_helpers import compute_results

    tw3 = pd.read_csv(jalan_tw["folder"] / "capaian-iku-2025-tw3.csv").set_index("kode_iku")
    assert tw3["realisasi"].to_dict() == {"IKU1": 1.5, "IKU2": 33.33, "IKU3": 50.0,
                                          "IKU4": 65.5}
    assert tw3["target"].to_dict() == {"IKU1": 1.55, "IKU2": 30.0, "IKU3": 60.0, "IKU4": 65.5}
    tw4 = pd.read_csv(jalan_tw["folder"] / "capaian-iku-2025-tw4.csv")
    tahunan = compute_results(2025, jalan_tw["data"])
    assert list(tw4.columns) == KOLOM_CSV_TRIWULAN
    assert tw4["realisasi"].tolist() == [1.6, 25.0, 37.5, 70.0]
    # the annual run computes on the corrected data: IKU2 2/4; the rest are equal
    assert tahunan["realisasi"].tolist() == [1.6, 50.0, 37.5, 70.0]
    tw3_baru = pd.read_csv(jalan_tw["folder"] / "capaian-iku-2025-tw3-2.csv")
    assert tw3_baru["realisasi"].tolist() == [1.5, 66.67, 50.0, 65.5]


#: The quarterly CSV: the contract's columns with the quarter's status in place of the
#: annual kategori, and which period's data each row holds.
KOLOM_CSV_TRIWULAN = ["kode_iku", "indikator", "satuan", "tahun", "triwulan", "tahun_data",
                      "dasar_angka", "pembilang", "penyebut", "realisasi", "target",
                      "capaian_persen", "status", "status_data"]


def test_csv_triwulan_memuat_status_dan_tahun_data(jalan_tw):
    """TW III 2025 (tests/data_triwulan.py): the status the PDF states, no annual-scale
    kategori (IKU2's 111,10 % is 'Sangat Tinggi' on the annual scale), and IKU1/IKU4
    say they hold 2024's figures (Sakernas released in November, RB review in
    December); IKU2/IKU3 count 2025's rows so far."""
    teks = (jalan_tw["folder"] / "capaian-iku-2025-tw3.csv").read_text(encoding="utf-8")
    tw3 = pd.read_csv(io.StringIO(teks)).set_index("kode_iku")
    assert list(tw3.reset_index().columns) == KOLOM_CSV_TRIWULAN
    assert "kategori" not in tw3.columns and "on track" not in teks
    assert tw3["status"].to_dict() == {"IKU1": "Perlu perhatian", "IKU2": "Tercapai",
                                       "IKU3": "Tidak tercapai", "IKU4": "Tercapai"}
    assert tw3["tahun"].tolist() == [2025] * 4 and tw3["triwulan"].tolist() == [3] * 4
    assert tw3["tahun_data"].to_dict() == {"IKU1": 2024, "IKU2": 2025, "IKU3": 2025,
                                           "IKU4": 2024}
    assert tw3.loc["IKU1", "dasar_angka"].startswith("Sakernas Agustus 2024")
    assert tw3.loc["IKU4", "dasar_angka"] == "indeks RB hasil reviu Biro Organisasi tahun 2024"
    assert tw3.loc["IKU2", "dasar_angka"] == "data yang terkumpul sampai akhir Triwulan III 2025"
    # 147 tenaga kerja of 9.800 penduduk bekerja: whole counts, no '.0'
    assert "IKU1,Proporsi" in teks and ",147,9800,1.5,1.55,96.77," in teks
    tw4 = pd.read_csv(jalan_tw["folder"] / "capaian-iku-2025-tw4.csv").set_index("kode_iku")
    assert tw4["tahun_data"].to_dict() == {"IKU1": 2025, "IKU2": 2025, "IKU3": 2025,
                                           "IKU4": 2025}


def _lembar(buku, nama: str) -> list[dict]:
    baris = list(buku[nama].iter_rows(values_only=True))
    return [dict(zip(baris[0], b, strict=True)) for b in baris[1:]]


def test_xlsx_triwulan_status_teks_dan_tanggal(jalan_tw):
    """The workbook says what the PDF says: the quarter's status in its Indonesian
    wording ('Tercapai', never 'on track'), which year's data each IKU holds, and
    the run's --tanggal (10 Desember 2025), not the day the file was written."""
    import openpyxl

    buku = openpyxl.load_workbook(jalan_tw["folder"] / "capaian-iku-2025-tw3.xlsx")
    teks = [c for ws in buku.worksheets for r in ws.iter_rows(values_only=True) for c in r
            if isinstance(c, str)]
    assert not [t for t in teks if "on track" in t.lower()]
    capaian = {b["kode_iku"]: b for b in _lembar(buku, "Capaian IKU")}
    assert "kategori" not in capaian["IKU1"]
    assert {k: b["status"] for k, b in capaian.items()} == {
        "IKU1": "Perlu perhatian", "IKU2": "Tercapai", "IKU3": "Tidak tercapai",
        "IKU4": "Tercapai"}
    assert {k: b["tahun_data"] for k, b in capaian.items()} == {
        "IKU1": 2024, "IKU2": 2025, "IKU3": 2025, "IKU4": 2024}
    monev = {b["kode_iku"]: b for b in _lembar(buku, "Monev triwulan")}
    assert monev["IKU2"]["status"] == "Tercapai"
    assert monev["IKU1"]["sifat_data"] == "nilai akhir (angka terakhir yang tersedia)"
    empat = [(b["kode_iku"], b["triwulan"], b["status"]) for b in _lembar(buku,
                                                                          "Empat triwulan")]
    assert ("IKU3", 1, "Tercapai") in empat and ("IKU3", 4, "belum berjalan") in empat
    keterangan = dict(buku["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert keterangan["Dibuat"] == "10 Desember 2025"
    assert keterangan["Ambang status"].startswith(
        "Status triwulan: Tercapai bila capaian terhadap target triwulan ≥ 100,00%; Perlu "
        "perhatian bila ≥ 90,00% dan di bawah 100,00%; Tidak tercapai bila di bawah 90,00%.")


def test_xlsx_triwulan_format_angka(jalan_tw):
    """Counts (147 tenaga kerja, 1 koperasi) whole as in the annual workbook; IKU4's
    2,5 poin indeks still needed with 2 decimals; every other figure with 2 decimals."""
    import openpyxl
    from test_excel import periksa_format_buku

    path = jalan_tw["folder"] / "capaian-iku-2025-tw3.xlsx"
    buku = openpyxl.load_workbook(path)
    ws = buku["Monev triwulan"]
    kepala = [c.value for c in ws[1]]
    sel = {(ws.cell(i, 1).value, k): ws.cell(i, j + 1) for i in range(2, ws.max_row + 1)
           for j, k in enumerate(kepala)}
    assert (sel["IKU1", "pembilang"].value, sel["IKU1", "pembilang"].number_format) == (
        147, "#,##0")
    assert (sel["IKU2", "kebutuhan_sisa"].value,
            sel["IKU2", "kebutuhan_sisa"].number_format) == (1, "#,##0")
    assert (sel["IKU4", "kebutuhan_sisa"].value,
            sel["IKU4", "kebutuhan_sisa"].number_format) == (2.5, "#,##0.00")
    assert periksa_format_buku(path) > 50
    periksa_format_buku(jalan_tw["folder"] / "capaian-iku-2025-tw3-2.xlsx")


def test_pdf_states_the_hand_worked_values(jalan_tw):
    teks = _teks_pdf(jalan_tw["folder"] / "laporan-monev-iku-2025-tw3.pdf")
    for potongan in ("Triwulan III 2025", "DATA CONTOH", "96,77%", "111,10%", "83,33%",
                     "Perlu perhatian", "Tidak tercapai", "Tercapai",
                     "Sakernas Agustus 2024", "10 tenaga kerja", "1 koperasi",
                     "1 usaha kecil", "2,50 poin indeks", "Kota Dua",
                     "Pendampingan RAT <script>x</script> tepat waktu",
                     "Belum diisi oleh analis", "Belum ada snapshot sebelumnya"):
        assert potongan in " ".join(teks.split()), potongan
    tw4 = " ".join(_teks_pdf(jalan_tw["folder"] / "laporan-monev-iku-2025-tw4.pdf").split())
    assert "Sakernas Agustus 2025" in tw4 and "37,50%" in tw4
    # dated 10 October 2025: TW III has ended, TW IV has not, and its report says so
    assert "belum berakhir" not in " ".join(teks.split())
    assert ("Triwulan IV 2025 belum berakhir pada tanggal laporan (berakhir 31 Desember "
            "2025)") in tw4
    assert "Keadaan data sampai 10 Desember 2025;" in tw4
    assert "Keadaan data sampai akhir Triwulan III 2025;" in " ".join(teks.split())
    assert "IKU 1 Proporsi" in " ".join(teks.split())  # named as in the LKjIP


@pytest.mark.parametrize("teks, akhir", [("2025-1", "2025-03-31"), ("2025-2", "2025-06-30"),
                                         ("2025-3", "2025-09-30"), ("2024-4", "2024-12-31")])
def test_akhir_triwulan(teks, akhir):
    from datetime import date

    from iku_helpers.triwulan import akhir_triwulan

    assert akhir_triwulan(Periode.dari_teks(teks)) == date.fromisoformat(akhir)


def test_later_run_reports_what_changed(jalan_tw):
    import hashlib
    import json

    teks = " ".join(_teks_pdf(jalan_tw["folder"] / "laporan-monev-iku-2025-tw3-2.pdf").split())
    assert "Data berubah sejak laporan sebelumnya" in teks
    assert "evaluasi_koperasi 0 0 1 diubah: 2025 / K3" in teks
    snap = json.loads((jalan_tw["folder"] / "snapshot-iku-2025-tw3-2" / "snapshot.json"
                       ).read_text(encoding="utf-8"))
    sha = {s["kunci"]: s["sha256"] for s in snap["sumber"]}
    berkas = (jalan_tw["data"] / "evaluasi_koperasi.csv").read_bytes()
    assert sha["evaluasi_koperasi"] == hashlib.sha256(berkas).hexdigest()
    assert sha["evaluasi_koperasi"][:12] in teks
    import openpyxl

    lembar = openpyxl.load_workbook(jalan_tw["folder"] / "capaian-iku-2025-tw3-2.xlsx")
    baris = list(lembar["Perubahan data"].iter_rows(values_only=True))
    assert ("evaluasi_koperasi", 0, 0, 1) in baris


def test_rising_targets_of_a_cumulative_rate_are_warned(data_tw, tmp_path):
    """IKU2/IKU3's quarterly realisasi is the share among the units evaluated so far; a
    Rencana Aksi target rising over the year (read as progress) is accepted with a
    warning naming file, row and column. A flat target and a point-value IKU (IKU1's
    1,50 -> 1,60) give none."""
    naik = [p for p in data_tw.peringatan if "naik dari TW I ke TW IV" in p]
    assert [(p.berkas, p.baris, p.kolom, p.nilai) for p in naik] == [
        ("perjanjian_kinerja.csv", 3, "target_tw1", 10.0),
        ("perjanjian_kinerja.csv", 4, "target_tw1", 50.0)]
    assert "IKU2 tahun 2025" in naik[0] and "IKU3 tahun 2025" in naik[1]
    datar = [b if not b.startswith("2025,IKU2") else "2025,IKU2,40,40,40,40,40"
             for b in PK_TW]
    datar = [b if not b.startswith("2025,IKU3") else "2025,IKU3,60,60,60,60,60"
             for b in datar]
    data = muat_data(tulis_folder_triwulan(tmp_path / "data",
                                           {"perjanjian_kinerja.csv": datar}))
    assert not [p for p in data.peringatan if "naik dari TW I" in p]


def test_repository_sample_targets_are_coherent():
    """The shipped sample Perjanjian Kinerja gives rate IKU their year's target in every
    quarter: its report shows no TW I capaian of several hundred percent."""
    data = muat_data(Path(__file__).resolve().parents[1] / "data")
    assert not [p for p in data.peringatan if "naik dari TW I" in p]


def test_quarter_without_new_rows_says_its_figure_is_the_previous_ones(tmp_path):
    """K3, the only koperasi evaluated in TW III 2025, moved to TW II: IKU2 has no row in
    TW III itself (U5 and U6 still give IKU3 two), so its TW III figure is TW II's and the
    report says so instead of showing an unexplained change of 0,00."""
    from iku_helpers.triwulan import hitung_monev, siapkan_monev

    kop = [b.replace("2025,3,K3,", "2025,2,K3,") for b in KOPERASI_TW]
    folder = tulis_folder_triwulan(tmp_path / "data", {"evaluasi_koperasi.csv": kop})
    m = hitung_monev(muat_data(folder), "2025-3").tabel.set_index("kode_iku")
    assert m.loc["IKU2", "baris_triwulan"] == 0 and m.loc["IKU3", "baris_triwulan"] == 2
    assert pd.isna(m.loc["IKU1", "baris_triwulan"])  # read at one point in time
    sampul = " ".join(siapkan_monev("2025-3", folder, "2025-10-10").render("sampul").split())
    assert ("Belum ada data baru yang terkumpul pada Triwulan III 2025: angka ini sama dengan "
            "angka Triwulan II 2025.") in sampul
    assert sampul.count("Belum ada data baru") == 1
    asli = hitung_monev(muat_data(tulis_folder_triwulan(tmp_path / "asli")), "2025-3").tabel
    assert asli.set_index("kode_iku").loc["IKU2", "baris_triwulan"] == 1  # K3 in TW III


def test_four_quarters_apply_the_capaian_cap(tmp_path):
    """With batas_capaian 110 every capaian of the year is capped, the four-quarter table
    (annual report Tabel 3.x, monev XLSX "Empat triwulan") included. IKU2: 100/10 = 1000 %,
    50/20 = 250 %, 33,33/30 = 111,10 % -> 110,00 each; 25/40 = 62,50 stays. IKU3: 100/50
    = 200 %, 75/55 = 136,36 % -> 110,00; 83,33 and 62,50 stay. Each quarter's row equals
    that quarter's own monev table (which already applied the cap)."""
    folder = tulis_folder_triwulan(tmp_path / "data", pengaturan={"batas_capaian": 110})
    data = muat_data(folder)
    r = ringkasan_triwulan(data, 2025).set_index(["kode_iku", "triwulan"])
    assert [r.loc[("IKU2", tw), "capaian_persen"] for tw in (1, 2, 3, 4)] == [
        110.0, 110.0, 110.0, 62.5]
    assert [r.loc[("IKU3", tw), "capaian_persen"] for tw in (1, 2, 3, 4)] == [
        110.0, 110.0, 83.33, 62.5]
    for tw in (1, 2, 3, 4):
        monev = hitung_monev(data, Periode(2025, tw)).tabel.set_index("kode_iku")
        for kode in ("IKU1", "IKU2", "IKU3", "IKU4"):
            assert r.loc[(kode, tw), "capaian_persen"] == monev.loc[kode, "capaian_persen"], (
                kode, tw)


def test_contributors_print_the_share_rounded_half_up():
    """Banggai 2.832 / 192.000 = 1,475 % exactly: printed 1,48 % as everywhere else (the
    binary float 2832 / 192000 * 100 is 1,47499.. and rounded to 1,47). Target 2,00 %:
    3.831 needed (3.831 / 192.000 = 1,9953 -> 2,00; 3.830 gives 1,99), 999 short."""
    from iku_helpers.triwulan import kontributor_kekurangan

    wilayah = pd.DataFrame({"kode_wilayah": [7202], "nama_wilayah": ["Banggai"],
                            "tenaga_kerja_kukm": [2832.0], "penduduk_bekerja": [192000.0]})
    assert 2832 / 192000 * 100 < 1.475  # the trap this test is about
    t = kontributor_kekurangan(wilayah, "IKU1", 2.0)
    assert t[["persen", "kekurangan"]].iloc[0].tolist() == [1.48, 999.0]


def test_a_fourth_quarter_target_other_than_the_years_is_warned(data_tw, tmp_path):
    """TW IV's realisasi is the year's (to 31 December), so PK IKU3 2025 with target 2,56
    but target_tw4 4,44 would rate 2,50 % as met in the annual table and not met in the
    quarter table. Warned naming file, row 4 and column target_tw4; the hand-worked folder
    (TW IV = year for every IKU) and the shipped sample give no such warning."""
    beda = [b if not b.startswith("2025,IKU3") else "2025,IKU3,2.56,1,2,3,4.44"
            for b in PK_TW]
    data = muat_data(tulis_folder_triwulan(tmp_path / "data",
                                           {"perjanjian_kinerja.csv": beda}))
    tw4 = [p for p in data.peringatan if p.kolom == "target_tw4"]
    assert [(p.berkas, p.baris, p.nilai) for p in tw4] == [
        ("perjanjian_kinerja.csv", 4, 4.44)]
    assert ("target triwulan IV (4,44) berbeda dari target tahunan (2,56) di baris yang sama"
            in tw4[0])
    assert not [p for p in data_tw.peringatan if p.kolom == "target_tw4"]
    contoh = muat_data(Path(__file__).resolve().parents[1] / "data")
    assert not [p for p in contoh.peringatan if p.kolom == "target_tw4"]


def test_annual_report_rates_quarters_with_the_folders_thresholds(tmp_path):
    """pengaturan.ambang_status_triwulan {perlu_perhatian: 80}: IKU3 TW III 2025 (50 / 60
    = 83,33 %) is "Perlu perhatian" in the monev and was "Tidak tercapai" in the annual
    report's quarter table, which used the default 90. Both now use the folder's setting,
    and the annual report states the thresholds beside its table."""
    import re

    from iku_helpers import laporan

    folder = tulis_folder_triwulan(tmp_path / "data", pengaturan={
        "ambang_status_triwulan": {"on_track": 100, "perlu_perhatian": 80}})
    data = muat_data(folder)
    from iku_helpers.triwulan import label_status

    assert data.pengaturan.ambang_status_triwulan == AmbangStatus(100.0, 80.0)
    monev = hitung_monev(data, Periode(2025, 3))
    assert label_status(monev.tabel.set_index("kode_iku").loc["IKU3", "status"]) == (
        "Perlu perhatian")
    html = laporan.siapkan(2025, folder, "2026-11-27").bab_akuntabilitas().data
    teks = re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", html))
    assert re.search(r"TW III 60,00% 50,00% 83,33% Perlu perhatian", teks)
    assert ("Status triwulan: Tercapai bila capaian terhadap target triwulan ≥ 100,00%; "
            "Perlu perhatian bila ≥ 80,00% dan di bawah 100,00%; Tidak tercapai bila di "
            "bawah 80,00%.") in teks


def test_the_status_rule_is_one_sentence_and_equal_thresholds_have_no_middle_band():
    """kalimat_ambang words the rule every output states. With on_track == perlu_perhatian
    no capaian is "Perlu perhatian", so the sentence must not offer a band "≥ 95 and
    below 95"."""
    from iku_helpers.triwulan import kalimat_ambang, tentukan_status

    assert kalimat_ambang(AmbangStatus(95.0, 80.5)) == (
        "Status triwulan: Tercapai bila capaian terhadap target triwulan ≥ 95,00%; Perlu "
        "perhatian bila ≥ 80,50% dan di bawah 95,00%; Tidak tercapai bila di bawah 80,50%.")
    sama = AmbangStatus(95.0, 95.0)
    assert kalimat_ambang(sama) == (
        "Status triwulan: Tercapai bila capaian terhadap target triwulan ≥ 95,00%; Tidak "
        "tercapai bila di bawah 95,00%.")
    assert {tentukan_status(c, sama) for c in (94.99, 95.0, 120.0)} == {
        "tidak tercapai", "on track"}


def test_a_bad_threshold_stops_the_load_for_every_report(tmp_path):
    """The thresholds are parsed once, by muat_data: a malformed setting now stops an
    annual report too (it used to surface only when the report's quarter tables read the
    manifest again, mid-notebook)."""
    folder = tulis_folder_triwulan(tmp_path / "data", pengaturan={
        "ambang_status_triwulan": {"on_track": 90, "perlu_perhatian": 95}})
    with pytest.raises(DataIKUError) as e:
        muat_data(folder)
    assert e.value.kolom == "pengaturan.ambang_status_triwulan"


def test_a_quarter_without_its_target_names_the_perjanjian_kinerja(data_tw):
    """TW II 2026: target_iku.csv has the 2026 Renstra targets; what is missing is the
    quarter's Rencana Aksi target. The message named target_iku.csv ("tidak ada target
    IKU1 tahun 2026"), a file that was fine; it now names the PK file and its column."""
    from iku_helpers.hitung import periksa_periode

    pesan = [str(m) for m in periksa_periode(data_tw, Periode(2026, 2))
             if "tidak ada target" in str(m)]
    assert pesan and all(p.startswith("Berkas 'perjanjian_kinerja.csv', kolom 'target_tw2': "
                                      "tidak ada target IKU ") for p in pesan)
    assert ("Berkas 'perjanjian_kinerja.csv', kolom 'target_tw2': tidak ada target IKU 1 "
            "Triwulan II 2026 (Rencana Aksi Perjanjian Kinerja)") in pesan
    assert not [str(m) for m in periksa_periode(data_tw, Periode(2026, 2))
                if "target_iku.csv" in str(m)]


def test_a_cumulative_iku_met_early_in_the_year_is_not_told_as_the_years_target_met():
    """data/ TW I 2025: IKU 3 is 5 / 95 = 5,26 % against the year's 4,44 %, and the monev
    told the Kepala Dinas "Target tahun 2025 (4,44%) sudah tercapai" and "tidak ada
    (target tahunan sudah tercapai)"; the year ended at 12 / 480 = 2,50 %. Before TW IV a
    cumulative ratio is met only on the rows collected so far, and the report says so."""
    import re

    from conftest import ROOT

    from iku_helpers.triwulan import siapkan_monev

    def teks(periode, bagian):
        html = siapkan_monev(periode, ROOT / "data", "2026-01-10").render(bagian)
        return re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", html))

    sampul = teks("2025-1", "sampul")
    assert ("Pada data yang terkumpul sejauh ini (5 menjadi wirausaha dari 95 usaha kecil "
            "dievaluasi) rasionya sudah setara target tahun 2025 (4,44%); angka tahunan masih "
            "dapat berubah") in sampul
    assert "sudah tercapai" not in sampul
    ringkasan = teks("2025-1", "ringkasan")
    assert "tidak ada pada data sejauh ini (evaluasi berlanjut)" in ringkasan
    assert "target tahunan sudah tercapai" not in ringkasan
    # TW IV: the collected rows are the year's; IKU 2 2025 is 2 / 52 = 3,85 % = its target
    akhir = teks("2025-4", "sampul")
    assert "Target tahun 2025 (3,85%) sudah tercapai pada data saat ini." in akhir
    assert "data yang terkumpul sejauh ini" not in akhir


def test_monev_keeps_the_acronym_in_mid_sentence_labels():
    """Tabel 1 of the monev printed "22.701 tenaga kerja kukm": the label was lowercased
    whole. Only its first letter is."""
    from conftest import ROOT

    from iku_helpers.triwulan import siapkan_monev

    html = siapkan_monev("2025-3", ROOT / "data", "2026-01-10").render("ringkasan")
    assert "tenaga kerja KUKM" in html and "kukm" not in html
    assert "usaha kecil dievaluasi" in html
