"""compute_results on the hand-made mini folder (values worked in conftest.py)."""

import pandas as pd
import pytest
import yaml
from conftest import TABEL_MINI, ganti_baris, tulis_folder_data

import iku_helpers
from iku_helpers import DataIKUError, ParameterError, compute_results, hitung_iku
from iku_helpers.indikator.periode import Periode


def test_compute_results_hand_worked(folder_mini):
    tabel = compute_results(2025, folder_mini)
    assert list(tabel.columns) == iku_helpers.KOLOM_HASIL
    r = tabel.set_index("kode_iku")
    assert (r.loc["IKU1", "pembilang"], r.loc["IKU1", "penyebut"]) == (160, 10_000)
    assert r.loc["IKU1", "realisasi"] == 1.60
    assert r.loc["IKU1", "capaian_persen"] == 100.0          # target met exactly
    assert r.loc["IKU1", "kategori"] == "Sangat Tinggi"
    assert (r.loc["IKU2", "pembilang"], r.loc["IKU2", "penyebut"]) == (1, 4)
    assert r.loc["IKU2", "realisasi"] == 25.0
    assert r.loc["IKU2", "capaian_persen"] == 83.33           # 25/30
    assert r.loc["IKU2", "kategori"] == "Tinggi"
    assert (r.loc["IKU3", "pembilang"], r.loc["IKU3", "penyebut"]) == (3, 8)
    assert r.loc["IKU3", "realisasi"] == 37.5
    assert r.loc["IKU3", "capaian_persen"] == 75.0            # exactly 75: not above -> Sedang
    assert r.loc["IKU3", "kategori"] == "Sedang"
    assert pd.isna(r.loc["IKU4", "pembilang"]) and pd.isna(r.loc["IKU4", "penyebut"])
    assert r.loc["IKU4", "realisasi"] == 70.0
    assert r.loc["IKU4", "capaian_persen"] == 102.94          # 70/68
    assert tabel.attrs["peringatan"] == []


def test_koperasi_detail_keeps_each_criterion(folder_mini):
    k = hitung_iku(2025, folder_mini).koperasi.set_index("nomor_induk_koperasi")
    assert bool(k.loc["K1", "meningkat"])
    assert not k.loc["K2", "lolos_rat"]
    assert k.loc["K2", "kriteria_gagal"] == "tidak melaksanakan RAT"
    assert not k.loc["K3", "lolos_volume_usaha"] and k.loc["K3", "lolos_aset"]   # tie
    assert k.loc["K3", "kriteria_gagal"] == "volume usaha tidak naik"
    assert not k.loc["K4", "ada_data_sebelumnya"] and not k.loc["K4", "meningkat"]
    assert k.loc["K4", "kriteria_gagal"] == "tidak ada data tahun sebelumnya"
    assert k.loc["K1", "perubahan_volume_usaha_persen"] == 10.0


def test_ringkasan_change_progress_and_what_it_takes(folder_mini):
    r = hitung_iku(2025, folder_mini).ringkasan.set_index("kode_iku")
    # IKU1 2024: (100 + 47) / 9.800 = 1,50 %; change 1,60 - 1,50 = 0,10
    assert r.loc["IKU1", "realisasi_sebelumnya"] == 1.5
    assert r.loc["IKU1", "perubahan"] == 0.1
    assert r.loc["IKU1", "progres_target_akhir_persen"] == 80.0     # 1,60 / 2,00
    # no Perjanjian Kinerja here: the Renstra target is the one measured against
    assert (r.loc["IKU1", "capaian_renstra"], r.loc["IKU1", "kategori_renstra"]) == (
        r.loc["IKU1", "capaian_persen"], r.loc["IKU1", "kategori"]) == (100.0, "Sangat Tinggi")
    assert r.loc["IKU1", "kekurangan"] == 0.0
    # IKU2 needs 30 % of 4 = 1,2 -> 2 koperasi (2/4 = 50 %): 1 more
    assert r.loc["IKU2", "kekurangan"] == 1.0
    assert r.loc["IKU2", "satuan_kekurangan"] == "koperasi"
    # IKU2 2024 had no 2023 data: no previous realisasi, no change
    assert pd.isna(r.loc["IKU2", "realisasi_sebelumnya"]) and pd.isna(r.loc["IKU2", "perubahan"])
    # IKU3 needs 50 % of 8 = 4: 1 more
    assert r.loc["IKU3", "kekurangan"] == 1.0
    assert r.loc["IKU4", "predikat"] == "B"
    assert r.loc["IKU4", "perubahan"] == 4.5
    assert r.loc["IKU4", "kekurangan"] == 0.0


def test_denominator_falls_back_to_sum_of_areas(tmp_path):
    baris = [b for b in TABEL_MINI["penduduk_bekerja.csv"] if ",9900," not in b]
    folder = tulis_folder_data(tmp_path, {"penduduk_bekerja.csv": baris})
    r = compute_results(2025, folder).set_index("kode_iku")
    assert r.loc["IKU1", "penyebut"] == 10_040     # 6.040 + 4.000, never both
    assert r.loc["IKU1", "realisasi"] == 1.59      # 160 / 10.040 = 1,5936.. %


def test_denominator_mismatch_warns(tmp_path):
    folder = tulis_folder_data(tmp_path, ganti_baris("penduduk_bekerja.csv", 5,
                                                     "2025,9900,Provinsi Uji,10100"))
    tabel = compute_results(2025, folder)
    assert tabel.set_index("kode_iku").loc["IKU1", "penyebut"] == 10_100   # total row wins
    # |10.040 - 10.100| / 10.100 = 0,594.. % > 0,5 %
    assert [p for p in tabel.attrs["peringatan"] if "berbeda" in p] == [
        "Berkas 'penduduk_bekerja.csv', kolom 'penduduk_bekerja': IKU1 2025: jumlah penduduk "
        "bekerja 2 kabupaten/kota (10.040) berbeda 0,59% dari baris total Provinsi Uji (10.100); "
        "penyebut memakai baris total"]


def test_small_difference_does_not_warn(tmp_path):
    # |10.040 - 10.080| / 10.080 = 0,397 % is below the 0,5 % threshold
    folder = tulis_folder_data(tmp_path, ganti_baris("penduduk_bekerja.csv", 5,
                                                     "2025,9900,Provinsi Uji,10080"))
    assert compute_results(2025, folder).attrs["peringatan"] == []


def test_cap_and_custom_scale_from_manifest(tmp_path):
    folder = tulis_folder_data(tmp_path, manifest_tambahan={"pengaturan": {
        "batas_capaian": 101,
        "skala_kategori": [{"kategori": "Baik", "di_atas": 80},
                           {"kategori": "Kurang", "di_atas": None}]}})
    r = compute_results(2025, folder).set_index("kode_iku")
    assert r.loc["IKU4", "capaian_persen"] == 101.0
    assert r.loc["IKU3", "kategori"] == "Kurang"
    assert r.loc["IKU2", "kategori"] == "Baik"
    # the capaian against the Renstra target follows the same cap and scale (no PK here:
    # the Renstra target is the one measured against, so both pairs are equal)
    ringkas = hitung_iku(2025, folder).ringkasan.set_index("kode_iku")
    assert ringkas.loc["IKU4", "capaian_renstra"] == 101.0
    assert (ringkas.loc["IKU3", "kategori_renstra"], ringkas.loc["IKU2", "kategori_renstra"]) \
        == ("Kurang", "Baik")


@pytest.mark.parametrize("tahun", [2021, 2027, "dua ribu"])
def test_year_outside_renstra_is_a_parameter_error(folder_mini, tahun):
    with pytest.raises(ParameterError) as e:
        compute_results(tahun, folder_mini)
    assert "--tahun" in str(e.value)


def test_year_without_data(folder_mini):
    with pytest.raises(DataIKUError) as e:
        compute_results(2026, folder_mini)
    pesan = str(e.value)
    assert "tidak ada data untuk tahun 2026" in pesan
    assert "tenaga_kerja_kukm.csv" in pesan and "kolom 'tahun'" in pesan
    assert "evaluasi_usaha_kecil.csv" in pesan and "indeks_rb.csv" in pesan


def test_numerator_larger_than_denominator(tmp_path):
    folder = tulis_folder_data(tmp_path, ganti_baris("tenaga_kerja_kukm.csv", 4,
                                                     "2025,9901,Kabupaten Satu,50,20000"))
    with pytest.raises(DataIKUError) as e:
        compute_results(2025, folder)
    assert "melebihi penduduk bekerja" in str(e.value)
    assert e.value.berkas == "tenaga_kerja_kukm.csv"


def test_iku2_needs_previous_year(tmp_path):
    baris = [b for b in TABEL_MINI["evaluasi_koperasi.csv"] if not b.startswith("2024")]
    folder = tulis_folder_data(tmp_path, {"evaluasi_koperasi.csv": baris})
    with pytest.raises(DataIKUError) as e:
        compute_results(2025, folder)
    assert "tidak ada data tahun 2024" in str(e.value)


def test_sample_data_2025_matches_design():
    """The shipped sample data lands on both sides of the targets (see the generator)."""
    r = compute_results(2025, iku_helpers.config.DATA_DIR).set_index("kode_iku")
    assert r["realisasi"].to_dict() == {"IKU1": 1.05, "IKU2": 3.85, "IKU3": 2.5, "IKU4": 55.0}
    assert r.loc["IKU2", "capaian_persen"] == 100.0
    assert r.loc["IKU1", "penyebut"] > 1_000_000


def test_every_kategori_appears_in_sample_data():
    riwayat = hitung_iku(2025, iku_helpers.config.DATA_DIR).riwayat
    assert set(riwayat["kategori"].dropna()) == {"Sangat Tinggi", "Tinggi", "Sedang", "Rendah",
                                                 "Sangat Rendah"}


def test_targets_match_decree_table_3_2():
    """Every Renstra target exactly as printed in Tabel 3.2 of the decree."""
    tabel_3_2 = {
        "IKU1": [1.24, 1.35, 1.45, 1.54, 1.64],
        "IKU2": [5.77, 5.77, 3.85, 3.85, 5.77],
        "IKU3": [6.50, 5.57, 4.06, 4.44, 5.44],
        "IKU4": [60.00, 62.00, 64.00, 66.00, 68.00],
    }
    data = iku_helpers.muat_data(iku_helpers.config.DATA_DIR)
    dibaca = {(k, t): v for k, t, v in data.target[["kode_iku", "tahun", "target"]].itertuples(
        index=False)}
    harapan = {(k, 2022 + i): v for k, vs in tabel_3_2.items() for i, v in enumerate(vs)}
    assert dibaca == harapan


def test_catalog_words_the_decree():
    katalog = yaml.safe_load((iku_helpers.config.DATA_DIR / "katalog_iku.yaml").read_text())
    iku = {i["kode_iku"]: i for i in katalog["iku"]}
    assert iku["IKU1"]["indikator"] == ("Proporsi Tenaga Kerja Sektor Koperasi dan UKM Terhadap "
                                        "Jumlah Penduduk yang Bekerja")
    assert iku["IKU2"]["pembilang"] == ("Jumlah Koperasi yang Meningkatkan Kualitasnya "
                                        "Berdasarkan RAT, Volume Usaha dan Asset")
    assert iku["IKU4"]["sumber_data"] == "Biro Organisasi SETDA Prov. Sulawesi Tengah"
    assert {i["arah"] for i in iku.values()} == {"naik"}
    assert [i["satuan"] for i in iku.values()] == ["%", "%", "%", "Indeks"]


def test_official_status_with_sample_source_warns(tmp_path):
    folder = tulis_folder_data(tmp_path, status="resmi")
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    manifest["data"]["indeks_rb"]["sumber"] = "Contoh sintetis (scripts/buat_data_contoh.py)"
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    (folder / "narasi").mkdir()
    (folder / "narasi" / "2025.md").write_text("> CONTOH: teks contoh\n\n## Efisiensi\n")
    peringatan = compute_results(2025, folder).attrs["peringatan"]
    assert any("'indeks_rb' berstatus resmi" in p for p in peringatan)
    assert any("narasi/2025.md masih bertanda CONTOH" in p for p in peringatan)


def test_sample_status_does_not_warn_about_labels(folder_mini):
    assert compute_results(2025, folder_mini).attrs["peringatan"] == []


def test_rincian_wilayah_hand_worked_with_an_area_without_rows(tmp_path):
    """Per-area figures, worked by hand from the mini data of 2025, plus a third area
    (9903) that has penduduk bekerja but no koperasi, usaha kecil or tenaga kerja rows."""
    from iku_helpers.data_iku import muat_data
    from iku_helpers.hitung import hitung_nilai, rincian_wilayah
    from iku_helpers.indikator.periode import Periode

    folder = tulis_folder_data(tmp_path, {
        "wilayah.csv": TABEL_MINI["wilayah.csv"] + ["9903,Kabupaten Tiga,Tiga,tidak"],
        "penduduk_bekerja.csv": TABEL_MINI["penduduk_bekerja.csv"]
        + ["2024,9903,Kabupaten Tiga,100", "2025,9903,Kabupaten Tiga,100"]})
    data = muat_data(folder)
    nilai = hitung_nilai(data, Periode(2025))
    w = rincian_wilayah(data, nilai).set_index("kode_wilayah")
    assert list(w.index) == [9901, 9902, 9903]
    assert w["nama_wilayah"].tolist() == ["Kabupaten Satu", "Kota Dua", "Kabupaten Tiga"]
    # IKU1: Kabupaten Satu (50 + 70) / 6.040 = 1,986... -> 1,99; Kota Dua (30 + 10) / 4.000
    assert w.loc[9901, ["tenaga_kerja_kukm", "penduduk_bekerja"]].tolist() == [120, 6040]
    assert w.loc[9901, "iku1_persen"] == 1.99 and w.loc[9902, "iku1_persen"] == 1.0
    # no tenaga kerja rows: IKU1 unknown (not 0 %)
    assert w.loc[9903, ["tenaga_kerja_kukm", "penduduk_bekerja", "iku1_persen"]].isna().all()
    # IKU2: K1 improved, K2 held no RAT; K3's volume only equalled, K4 is new: 1/2 and 0/2;
    # Kabupaten Tiga evaluated none: counts 0, whole numbers, and no per-area share column
    assert w["koperasi_meningkat"].tolist() == [1, 0, 0]
    assert w["koperasi_dievaluasi"].tolist() == [2, 2, 0]
    assert str(w["koperasi_dievaluasi"].dtype) == "int64"
    assert "koperasi_meningkat_persen" not in w.columns
    # IKU3: Kabupaten Satu U1, U2 of U1, U2, U6, U7 = 2/4; Kota Dua U3 of U3, U4, U5, U8
    assert w["usaha_kecil_menjadi_wirausaha"].tolist() == [2, 1, 0]
    assert w["usaha_kecil_dievaluasi"].tolist() == [4, 4, 0]
    assert w.loc[9901, "iku3_persen"] == 50.0 and w.loc[9902, "iku3_persen"] == 25.0
    assert pd.isna(w.loc[9903, "iku3_persen"])          # 0 of 0 is no share, not 0 %

    # an IKU not computable that year leaves its columns empty, the others unchanged
    tanpa = rincian_wilayah(data, {k: v for k, v in nilai.items() if k != "IKU3"})
    assert tanpa[["usaha_kecil_dievaluasi", "usaha_kecil_menjadi_wirausaha",
                  "iku3_persen"]].isna().all().all()
    assert tanpa["koperasi_meningkat"].tolist() == [1, 0, 0]


def test_every_row_carries_its_year(folder_mini):
    h = hitung_iku(2025, folder_mini)
    assert h.tabel["tahun"].tolist() == [2025] * 4
    assert h.ringkasan["tahun"].tolist() == [2025] * 4


def test_a_missing_target_stops_the_year_naming_the_file(tmp_path):
    tanpa = [b for b in TABEL_MINI["target_iku.csv"] if not b.startswith("IKU3,2025")]
    folder = tulis_folder_data(tmp_path, {"target_iku.csv": tanpa})
    with pytest.raises(DataIKUError) as e:
        hitung_iku(2025, folder)
    assert str(e.value) == ("Berkas 'target_iku.csv', kolom 'target': tidak ada target IKU 3 "
                            "tahun 2025")


def test_first_renstra_year_has_no_previous_year(tmp_path):
    """The mini data moved back (koperasi to 2021-2022, the rest to 2022-2023): 2022's
    previous year 2021 is outside the Renstra, so the summary has no previous realisasi,
    capaian or change (not an error). 2022 = mini 2024 (IKU1 147 / 9.800 = 1,50 %, IKU3
    1 of 2, IKU4 65,50) and, for IKU2, mini 2025 (1 of 4 = 25 %)."""
    geser = {nama: [b.replace("2024,", "2022,").replace("2025,", "2023,") for b in baris]
             for nama, baris in TABEL_MINI.items() if nama not in ("wilayah.csv",
                                                                  "target_iku.csv")}
    geser["evaluasi_koperasi.csv"] = [b.replace("2024,", "2021,").replace("2025,", "2022,")
                                      for b in TABEL_MINI["evaluasi_koperasi.csv"]]
    geser["target_iku.csv"] = TABEL_MINI["target_iku.csv"] + [
        "IKU1,2022,1.50", "IKU2,2022,25", "IKU3,2022,40", "IKU4,2022,60"]
    r = hitung_iku(2022, tulis_folder_data(tmp_path, geser)).ringkasan.set_index("kode_iku")
    assert r["realisasi"].to_dict() == {"IKU1": 1.5, "IKU2": 25.0, "IKU3": 50.0, "IKU4": 65.5}
    for kolom in ("realisasi_sebelumnya", "capaian_sebelumnya", "perubahan"):
        assert r[kolom].isna().all(), kolom


def test_hasil_iku_carries_every_part_the_report_reads(tmp_path):
    """Everything hitung_iku returns besides the numbers, worked from the mini folder with
    a 2024 target for IKU1, a budget and a comparator added."""
    from iku_helpers.hitung import KOLOM_HASIL
    from iku_helpers.indikator.periode import Periode

    folder = tulis_folder_data(tmp_path, {
        "target_iku.csv": TABEL_MINI["target_iku.csv"] + ["IKU1,2024,1.40"],
        "anggaran_2025.csv": [
            "tahun,kode_rekening,program,kegiatan,sub_kegiatan,kode_iku,pagu,realisasi",
            "2025,1.01,Program A,Keg A,Sub A,IKU1,1000000,900000",
            "2025,9.01,Penunjang,Keg P,Sub P,,2000000,2000000"],
        "pembanding.csv": ["tahun,kode_iku,pembanding,nilai,sumber",
                           "2025,IKU2,Rata-rata nasional,20.0,Kementerian Koperasi"]})
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    for kunci, berkas in (("anggaran", "anggaran_2025.csv"), ("pembanding", "pembanding.csv")):
        manifest["data"][kunci] = {"berkas": berkas, "sumber": "uji", "status": "contoh"}
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    h = hitung_iku(2025, folder)
    assert list(h.tabel.columns) == KOLOM_HASIL
    assert h.periode == Periode(2025) and h.tahun == 2025
    r = h.ringkasan.set_index("kode_iku")
    iku2 = r.loc["IKU2"]
    assert (iku2["nomor"], iku2["sasaran"], iku2["arah"]) == (
        2, "Meningkatnya Kualitas Koperasi", "naik")
    assert (iku2["target_renstra"], iku2["target_akhir"]) == (30.0, 40.0)
    assert iku2["progres_target_akhir_persen"] == 62.5               # 25 / 40
    assert (iku2["kekurangan"], iku2["satuan_kekurangan"]) == (1.0, "koperasi")
    # IKU1 2024: 1,50 against its 2024 target 1,40 = 107,14 %
    assert r.loc["IKU1", "capaian_sebelumnya"] == 107.14
    assert r.loc["IKU1", "sumber_penyebut"] == "baris total Provinsi Uji (9900)"
    assert r.loc["IKU4", "predikat"] == "B" and h.predikat_rb == "B"
    assert len(h.usaha_kecil) == 8 and len(h.koperasi) == 4
    assert h.komponen_rb["komponen"].tolist() == ["Pemenuhan", "Reform", "Kinerja Organisasi"]
    # the budget: 3.000.000 in all, IKU1's line 900.000 of 1.000.000
    assert h.anggaran.total_pagu == 3000000
    # the comparator: IKU2 25,00 against the national 20,00 = +5,00; the others have none
    t = h.perbandingan.tabel.set_index("kode_iku")
    assert (t.loc["IKU2", "nilai"], t.loc["IKU2", "realisasi"], t.loc["IKU2", "selisih"]) == (
        20.0, 25.0, 5.0)
    assert h.perbandingan.tanpa_pembanding == ["IKU1", "IKU3", "IKU4"]
    # the budget's sentences name its file; the per-area table is there
    assert h.anggaran.kalimat[0].startswith(
        "IKU2, IKU3 dan IKU4 tidak memiliki baris anggaran tahun 2025 di berkas "
        "'anggaran_2025.csv'")
    assert h.wilayah["kode_wilayah"].tolist() == [9901, 9902]


def test_no_budget_input_means_no_budget(folder_mini):
    assert hitung_iku(2025, folder_mini).anggaran is None


def test_summary_follows_the_catalog_direction_and_counting_unit(tmp_path):
    """IKU1 and IKU3 declared lower-is-better and IKU2 without satuan_hitung in the catalog:
    progress to 2026 is (2 - 1,60 / 2,00) x 100 = 120 % (not 80 %), the 2025 target 1,60 is
    met (nothing missing) and IKU2's shortfall is counted in its satuan, '%'."""
    folder = tulis_folder_data(tmp_path)
    katalog = yaml.safe_load((folder / "katalog_iku.yaml").read_text(encoding="utf-8"))
    for entri in katalog["iku"]:
        if entri["kode_iku"] in ("IKU1", "IKU3"):
            entri["arah"] = "turun"
        if entri["kode_iku"] == "IKU2":
            entri.pop("satuan_hitung", None)
    (folder / "katalog_iku.yaml").write_text(yaml.safe_dump(katalog, allow_unicode=True),
                                             encoding="utf-8")
    r = hitung_iku(2025, folder).ringkasan.set_index("kode_iku")
    assert r.loc["IKU1", "progres_target_akhir_persen"] == 120.0
    assert r.loc["IKU1", "kekurangan"] == 0.0
    assert r.loc["IKU2", "satuan_kekurangan"] == "%"
    # IKU3 lower-is-better: 3 of 8 is within "at most 50 % = 4"; higher-is-better would
    # still need 1 more
    assert r.loc["IKU3", "kekurangan"] == 0.0


def _data_dengan_pk(tmp_path, ganti: dict[str, str | None]):
    """A copy of the sample data whose perjanjian_kinerja.csv has lines replaced (None:
    the line removed)."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(iku_helpers.config.DATA_DIR, folder)
    pk = folder / "perjanjian_kinerja.csv"
    baris = [ganti.get(b, b) for b in pk.read_text(encoding="utf-8").splitlines()]
    pk.write_text("\n".join(b for b in baris if b is not None) + "\n", encoding="utf-8")
    return folder


def test_target_pk_tiga_desimal_dipakai_seperti_tercetak(tmp_path):
    """A PK target of 3,846 is used as the 3,85 the report prints, with a warning naming
    the cell: IKU2 2025 = 2 / 52 = 3,846... -> 3,85; capaian 3,85 / 3,85 = 100,00 %
    (not 100,10 % from the unrounded target, beside a printed 'target 3,85%')."""
    folder = _data_dengan_pk(tmp_path, {"2025,IKU2,3.85,3.85,3.85,3.85,3.85":
                                        "2025,IKU2,3.846,3.85,3.85,3.85,3.85"})
    data = iku_helpers.muat_data(folder)
    b = hitung_iku(2025, data).tabel.set_index("kode_iku").loc["IKU2"]
    assert (b["realisasi"], b["target"], b["capaian_persen"]) == (3.85, 3.85, 100.0)
    pesan = [str(p) for p in data.peringatan]
    assert any("'perjanjian_kinerja.csv', baris 15, kolom 'target'" in p
               and "dipakai 3,85" in p for p in pesan), pesan


def test_target_pk_nol_ditolak_untuk_tahun_yang_dilaporkan(tmp_path):
    """The reported year's target of 0 leaves capaian undefined: an error naming the cell.
    A 0 in another year (a placeholder) does not block this year's report."""
    folder = _data_dengan_pk(tmp_path, {"2025,IKU2,3.85,3.85,3.85,3.85,3.85":
                                        "2025,IKU2,0,3.85,3.85,3.85,3.85"})
    data = iku_helpers.muat_data(folder)  # loading is fine: 0 is a number
    with pytest.raises(DataIKUError, match=r"'perjanjian_kinerja.csv', baris 15, kolom "
                                           r"'target': target IKU 2 2025 bernilai nol"):
        hitung_iku(2025, data)
    with pytest.raises(DataIKUError, match=r"baris 15, kolom 'target_tw3': target IKU 2 "
                                           r"Triwulan III 2025 bernilai nol"):
        hitung_iku(Periode(2025, 3), _data_pk_tw3_nol(tmp_path))
    assert hitung_iku(2024, data).tabel["capaian_persen"].notna().all()


def _data_pk_tw3_nol(tmp_path):
    return iku_helpers.muat_data(_data_dengan_pk(tmp_path / "tw", {
        "2025,IKU2,3.85,3.85,3.85,3.85,3.85": "2025,IKU2,3.85,3.85,3.85,0,3.85"}))


def test_pk_tanpa_baris_iku_memakai_target_renstra_dan_berkata_begitu(tmp_path):
    """A PK without its 2025 IKU3 row: IKU3 is measured against the Renstra's 4,44 (the
    decree's Tabel 3.2), a warning says so, and the report neither prints a PK target for
    it nor says the capaian is measured against the PK."""
    from iku_helpers import laporan

    folder = _data_dengan_pk(tmp_path, {"2025,IKU3,4.44,4.44,4.44,4.44,4.44": None})
    lap = laporan.siapkan(2025, folder, "2026-11-27")
    pesan = [str(p) for p in lap.hasil.peringatan]
    assert [p for p in pesan if "Perjanjian Kinerja tahun" in p] == [
        "Berkas 'perjanjian_kinerja.csv', kolom 'kode_iku': Perjanjian Kinerja tahun 2025 "
        "tidak memuat IKU3; capaian IKU3 diukur terhadap target Renstra, dan laporan monev "
        "triwulan tahun itu tidak dapat dibuat sebelum baris IKU3 ditambahkan"]
    assert lap._kalimat_pk("IKU3") == ("Target PK 2025 tidak ada; target Renstra 4,44% "
                                       "dipakai; capaian diukur terhadap target Renstra.")
    assert lap._kalimat_pk("IKU2").endswith("capaian diukur terhadap target PK.")
    assert lap._target_pk("IKU3") is None and lap._target_pk("IKU2") == 3.85


def test_target_renstra_nol_tanpa_pk_ditolak(tmp_path):
    """Without a Perjanjian Kinerja the Renstra target is the one measured against: its 0
    is the error, naming target_iku.csv's row and column (IKU2,2025 is line 10)."""
    folder = _data_dengan_pk(tmp_path, {})
    isi = yaml.safe_load((folder / "sumber_data.yaml").read_text(encoding="utf-8"))
    del isi["data"]["perjanjian_kinerja"]
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(isi, allow_unicode=True),
                                             encoding="utf-8")
    target = folder / "target_iku.csv"
    target.write_text(target.read_text(encoding="utf-8").replace("IKU2,2025,3.85",
                                                                 "IKU2,2025,0"),
                      encoding="utf-8")
    with pytest.raises(DataIKUError, match=r"'target_iku.csv', baris 10, kolom 'target': "
                                           r"target IKU 2 2025 bernilai nol"):
        hitung_iku(2025, iku_helpers.muat_data(folder))


def test_a_reports_later_years_take_the_renstra_target_not_a_later_pk():
    """The sample PK sets IKU1 2025 at 1,50 against the Renstra's 1,54. The 2022 report's
    trend table and chart showed 1,50 for 2025 (a PK not signed in 2022) while its own
    Tabel 2.1 said 1,54. A year after the reported one takes the Renstra target; the
    reported year and earlier ones keep the PK."""
    data = iku_helpers.muat_data(iku_helpers.config.DATA_DIR)

    def target(tahun_laporan, tahun):
        r = hitung_iku(tahun_laporan, data).riwayat.set_index(["kode_iku", "tahun"])
        return r.at[("IKU1", tahun), "target"]

    assert target(2022, 2025) == 1.54   # Renstra (Tabel 3.2 of the decree)
    assert target(2024, 2025) == 1.54
    assert target(2025, 2025) == 1.50   # the year's own PK
    assert target(2025, 2026) == 1.64
