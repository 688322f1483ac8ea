"""The control panel (iku_helpers.panel) without a browser: parameters, updates, exports.

Hand-worked values from data/ (sample data), as in tests/test_dasbor_browser.py:
2024 IKU2 = 1 / 52 = 1,92 %; 2025 IKU2 = 2 / 52 = 3,85 %; Kota Palu 2024 IKU1 =
(675 + 2.975) / 255.594 = 1,43 %.
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from iku_helpers import panel
from iku_helpers.data_iku import muat_data
from iku_helpers.errors import ParameterError

ROOT = Path(__file__).resolve().parents[1]
AWAL = {"tahun": 2025, "kode_iku": "IKU2", "wilayah_rinci": None, "n_koperasi": 3}


@pytest.fixture(scope="module")
def data():
    return muat_data(ROOT / "data")


@pytest.fixture
def dasbor(data, tmp_path):
    """Numbers and sentences only: charts are slow and tested on their own below."""
    return panel.DasborIKU(data, AWAL, folder_ekspor=tmp_path / "ekspor", dengan_grafik=False)


def _teks(dasbor, bagian: str, kelas: str) -> str:
    for anak in dasbor.bagian[bagian].children:
        if kelas in getattr(anak, "_dom_classes", ()):
            return re.sub("<[^>]+>", "", anak.value)
    raise AssertionError(f"{kelas} tidak ada di bagian {bagian}")


@pytest.mark.parametrize(("ubah", "pesan"), [
    ({"tahun": 2021}, "Parameter tahun: tahun harus salah satu dari 2022, 2023, 2024, 2025, 2026"),
    ({"tahun": "dua ribu"}, "Parameter tahun"),
    ({"kode_iku": "IKU9"}, "Parameter kode_iku: kode_iku harus salah satu dari IKU1, IKU2, IKU3, "
                           "IKU4"),
    ({"wilayah_rinci": "Palu Raya"}, "Parameter wilayah_rinci: kabupaten/kota tidak dikenal; pilih "
                                "\"Semua\" atau salah satu dari: Banggai Kepulauan (7201)"),
    ({"n_koperasi": 0}, "Parameter n_koperasi: harus antara 1 dan 52"),
    ({"n_koperasi": 2.5}, "Parameter n_koperasi: harus bilangan bulat"),
    ({"tambah_koperasi_meningkat": "3"}, "Parameter tambah_koperasi_meningkat"),
    ({"indeks_rb": 120}, "Parameter indeks_rb: harus None (pakai indeks resmi) atau angka 0 "
                         "sampai 100"),
])
def test_bad_parameters_name_the_parameter_and_valid_values(data, ubah, pesan):
    with pytest.raises(ParameterError) as e:
        panel.periksa_parameter(data, **{**AWAL, **ubah})
    assert pesan in str(e.value)


def test_parameters_accept_names_codes_and_semua(data):
    assert panel.periksa_parameter(data, **{**AWAL, "wilayah_rinci": 7271})[
        "wilayah_rinci"] == "Kota Palu"
    # "Palu" (the example) is a spelling the area reference knows for Kota Palu
    assert panel.periksa_parameter(data, **{**AWAL, "wilayah_rinci": "Palu"})[
        "wilayah_rinci"] == "Kota Palu"
    assert panel.periksa_parameter(data, **{**AWAL, "wilayah_rinci": "kota palu"})[
        "wilayah_rinci"] == "Kota Palu"
    assert panel.periksa_parameter(data, **{**AWAL, "wilayah_rinci": "Semua"})[
        "wilayah_rinci"] == "Semua"
    assert panel.periksa_parameter(data, **{**AWAL, "kode_iku": "iku3"})["kode_iku"] == "IKU3"


def test_buat_dasbor_shows_a_message_instead_of_raising(capsys):
    assert panel.buat_dasbor(ROOT / "data", tahun=2030, kode_iku="IKU1", wilayah_rinci=None,
                             n_koperasi=3) is None


def test_controls_update_the_sections(dasbor):
    assert "2 dari 52 koperasi" in _teks(dasbor, "wilayah", "kalimat-wilayah")
    dasbor.k_tahun.value = 2024
    assert "IKU 2 1,92%" in _teks(dasbor, "capaian", "kalimat-capaian")
    dasbor.k_wilayah.value = "Kota Palu"
    kalimat = _teks(dasbor, "wilayah", "kalimat-wilayah")
    assert kalimat.startswith("Kota Palu, 2024: IKU 1 1,43%")
    assert "0 dari 10 koperasi yang dievaluasi di Kota Palu" in _teks(
        dasbor, "rincian", "kalimat-rincian")
    # slider limits follow the year's numerator and denominator: 1 of 52 improved
    assert (dasbor.k_kop.min, dasbor.k_kop.max) == (-1, 51)
    mulai = time.perf_counter()
    dasbor.k_kop.value = 2
    assert time.perf_counter() - mulai < 1.0  # a what-if redraws no chart
    assert "IKU 2 menjadi 5,77% (tanpa skenario 1,92%), capaian 149,87%" in _teks(
        dasbor, "skenario", "kalimat-skenario")
    dasbor.k_iku.value = "IKU1"
    assert "IKU 1:" in _teks(dasbor, "tren", "kalimat-tren")


def test_every_year_and_iku_shows_something(dasbor):
    for tahun in panel.TAHUN_PILIHAN:
        dasbor.k_tahun.value = tahun
        for kode in ("IKU1", "IKU2", "IKU3", "IKU4"):
            dasbor.k_iku.value = kode
            assert _teks(dasbor, "tren", "kalimat-tren").startswith("Jawaban")
    dasbor.k_tahun.value = 2022
    dasbor.k_iku.value = "IKU2"
    assert "baru ada satu titik data" in _teks(dasbor, "tren", "kalimat-tren")
    dasbor.k_tahun.value = 2026
    assert "data 2026 belum ada" in _teks(dasbor, "tren", "kalimat-tren")
    assert "Belum ada data lengkap untuk tahun 2026" in _teks(dasbor, "capaian",
                                                              "pesan-tanpa-data")
    assert dasbor.k_kop.disabled


def test_every_kabupaten_has_a_sentence(dasbor):
    for nama in dasbor.k_wilayah.options[1:]:
        dasbor.k_wilayah.value = nama
        assert _teks(dasbor, "wilayah", "kalimat-wilayah").startswith(f"{nama}, 2025: IKU 1 ")


def test_area_sentence_gives_ranks_by_the_one_rule(dasbor):
    """The area sentence ranks each share as the table and the chart do: out of the areas
    ranked, and says why an area with fewer than 10 evaluated has no rank."""
    dasbor.k_wilayah.value = "Morowali Utara"  # 1 of 4 koperasi, 0 of 25 usaha kecil
    kalimat = _teks(dasbor, "wilayah", "kalimat-wilayah")
    assert "1 dari 4 koperasi yang dievaluasi meningkat kualitasnya (25,00%, tidak " \
        "diperingkat: kurang dari 10 dievaluasi)" in kalimat
    # 13 areas have at least 10 usaha kecil evaluated; five share the last place at 0 %
    assert "0 dari 25 usaha kecil menjadi wirausaha (0,00%, peringkat 9 dari 13)" in kalimat
    dasbor.k_wilayah.value = "Kota Palu"  # the only area with 10 koperasi evaluated
    kalimat = _teks(dasbor, "wilayah", "kalimat-wilayah")  # not "peringkat 1 dari 1"
    assert "(0,00%, satu-satunya wilayah yang dapat diperingkat)" in kalimat


def test_province_sentence_with_nothing_evaluated_yet_says_so(dasbor):
    """Not "0 dari 0 koperasi yang dievaluasi meningkat kualitasnya (–)"."""
    import dataclasses

    h = dasbor.hasil(2025)
    t = h.tabel.copy()
    t.loc[t["kode_iku"] == "IKU2", ["pembilang", "penyebut", "realisasi"]] = [0, 0, None]
    kosong = dataclasses.replace(h, tabel=t)
    kalimat = dasbor._kalimat_wilayah(kosong, None, panel.an.SEMUA_WILAYAH)
    assert "; belum ada koperasi yang dievaluasi; 12 dari 480 usaha kecil menjadi " \
        "wirausaha (2,50%)." in kalimat
    assert "0 dari 0" not in kalimat


def test_rb_what_if_box_shows_and_reads_decimal_commas(dasbor):
    """The Indeks RB box shows the official index with a decimal comma while unticked,
    reads 62,5 and 62.5 alike, and names a wrong entry in section 6."""
    assert dasbor.k_rb.value == "55,00" and dasbor.k_rb.disabled  # IKU4 2025: 55,00
    dasbor.k_rb_pakai.value = True
    for teks in ("62,5", "62.5", " 62,50 "):
        dasbor.k_rb.value = teks
        assert "IKU 4 menjadi 62,50 (tanpa skenario 55,00)" in _teks(
            dasbor, "skenario", "kalimat-skenario")
    dasbor.k_rb.value = "enam puluh"
    assert "indeks RB harus angka 0–100, mis. 62,5" in _teks(
        dasbor, "skenario", "kalimat-skenario")
    dasbor.k_rb.value = "120"
    assert "indeks RB harus antara 0 dan 100" in _teks(dasbor, "skenario", "kalimat-skenario")
    dasbor.k_rb_pakai.value = False
    assert "Belum ada perubahan skenario" in _teks(dasbor, "skenario", "kalimat-skenario")


def _keterangan(dasbor, **kw) -> dict[str, str]:
    """The export's Keterangan sheet as {row: value}."""
    return dict(dasbor.lembar_keterangan(**kw)[["Keterangan", "Isi"]].to_numpy())


def _anak_semua(kotak):
    for anak in getattr(kotak, "children", ()):
        yield anak
        yield from _anak_semua(anak)


def test_a_refused_rb_entry_is_never_exported_as_used(dasbor):
    """62,5 then 120: section 6 names the error, and the export carries no scenario sheet
    (not the earlier 62,5 one) and says the entry was refused; with a non-number the
    per-table XLSX is still written, its Keterangan saying the entry was refused.
    Unticking (or "Kosongkan skenario") shows the official index again."""
    dasbor.k_rb_pakai.value = True
    dasbor.k_rb.value = "62,5"
    assert "Skenario (hipotetis)" in dasbor.tabel_ekspor()
    dasbor.k_rb.value = "120"
    assert "indeks RB harus antara 0 dan 100" in _teks(dasbor, "skenario", "kalimat-skenario")
    assert "Skenario (hipotetis)" not in dasbor.tabel_ekspor()
    ket = _keterangan(dasbor)
    assert ket["Lembar Skenario"] == "tidak ada (isian skenario tidak sah)"
    dasbor.k_rb.value = "1234,5"  # named as the field is labelled, the value as typed
    assert _teks(dasbor, "skenario", "kalimat-skenario") == (
        "Isian 'Indeks RB (IKU 4)': indeks RB harus antara 0 dan 100 (tertulis: 1.234,5)")
    dasbor.k_rb.value = "enam puluh"
    ket = _keterangan(dasbor)
    assert ket["Skenario"] == ("tidak dipakai: isian tidak sah (Isian 'Indeks RB (IKU 4)': "
                               "indeks RB harus angka 0–100, mis. 62,5 (tertulis: enam puluh))")
    tombol = next(a for a in _anak_semua(dasbor.bagian["capaian"])
                  if getattr(a, "description", "") == "Siapkan XLSX")
    tombol.click()  # the workbook is written, its Keterangan saying the entry was refused
    tautan = [a.value for a in _anak_semua(dasbor.bagian["capaian"])
              if "Unduh XLSX" in str(getattr(a, "value", ""))]
    assert tautan
    dasbor.k_rb_pakai.value = False
    assert dasbor.k_rb.value == "55,00" and dasbor.k_rb.disabled
    dasbor.k_rb_pakai.value = True
    dasbor.k_rb.value = "70"
    dasbor._kosongkan_skenario()
    assert dasbor.k_rb.value == "55,00" and not dasbor.k_rb_pakai.value
    assert "Belum ada perubahan skenario" in _teks(dasbor, "skenario", "kalimat-skenario")


def test_a_year_without_data_exports_nothing_of_the_year_before(dasbor, monkeypatch):
    """2025 with a what-if, then 2026 (no complete data): the export carries no table of
    2025 and says why there is no scenario sheet; a per-table workbook without the
    scenario sheet says its numbers are without the scenario; an XLSX that cannot be
    made is reported beside its button."""
    dasbor.k_rb_pakai.value = True
    dasbor.k_rb.value = "62,5"
    assert {"Capaian IKU", "Skenario (hipotetis)"} <= set(dasbor.tabel_ekspor())
    ket = _keterangan(dasbor, lembar_skenario=False)
    assert ket["Lembar Skenario"].startswith("tidak termasuk dalam berkas ini")
    assert "Skenario: indeks RB pengganti" not in ket
    tombol = next(a for a in _anak_semua(dasbor.bagian["capaian"])
                  if getattr(a, "description", "") == "Siapkan XLSX")
    monkeypatch.setattr(dasbor, "_xlsx_bytes", lambda *a, **k: 1 / 0)
    tombol.click()
    assert any("Gagal: division by zero" in str(getattr(a, "value", ""))
               for a in _anak_semua(dasbor.bagian["capaian"]))
    dasbor.k_tahun.value = 2026
    # only what 2026 shows: the projection to 2026 (from the years with data)
    assert set(dasbor.tabel_ekspor()) == {"Proyeksi 2026"}
    ket = _keterangan(dasbor)
    assert ket["Lembar Skenario"] == "tidak ada (belum ada data lengkap tahun ini)"
    assert ket["Parameter: tahun"] == "2026"


def test_small_multiples_stop_at_the_chosen_year(data, tmp_path):
    dasbor = panel.DasborIKU(data, {**AWAL, "tahun": 2023}, folder_ekspor=tmp_path)
    assert not any(k[0] == "kecil" for k in dasbor._grafik)  # only when asked for
    dasbor.k_kecil.value = True
    kunci = [k for k in dasbor._grafik if k[0] == "kecil" and k[2] == 2023]
    assert kunci
    fig = dasbor._grafik[kunci[0]][1]
    label = {t.get_text() for ax in fig.axes for t in ax.get_xticklabels()}
    assert "'23" in label and "'24" not in label and "'25" not in label


def test_table_html_has_indonesian_headings_and_alignment():
    df = pd.DataFrame({"nama_wilayah": ["Sigi"], "iku1_persen": [1.5], "kategori": ["Tinggi"]})
    teks = panel.tabel_html(df, ["nama_wilayah", "iku1_persen", "kategori"])
    assert '<th class="teks">Kabupaten/kota</th>' in teks
    assert '<th class="angka">IKU 1 (%)</th>' in teks
    assert '<td class="angka">1,50%</td>' in teks
    assert "background:#91cf60" in teks


def test_export_has_keterangan_and_never_overwrites(dasbor):
    dasbor.k_kop.value = 1
    pertama = dasbor.ekspor()
    kedua = dasbor.ekspor()
    assert pertama.name == "eksplorasi_iku_2025.xlsx"
    assert kedua.name == "eksplorasi_iku_2025-2.xlsx"
    buku = load_workbook(kedua)
    assert buku.sheetnames[0] == "Keterangan"
    isi = {r[0]: r[1] for r in buku["Keterangan"].iter_rows(min_row=2, values_only=True)}
    assert isi["Status data"] == "DATA CONTOH, bukan data resmi"
    assert isi["Parameter: tahun"] == "2025"
    assert isi["Skenario: tambah koperasi meningkat"] == "1"
    assert isi["Lembar Skenario"] == "ANGKA HIPOTETIS, bukan hasil resmi"
    assert any(k.startswith("Masukan: ") for k in isi)
    skenario = buku["Skenario (hipotetis)"]
    judul = [c.value for c in skenario[1]]
    assert judul[:4] == ["IKU", "Satuan", "Realisasi tanpa skenario", "Realisasi skenario"]
    # IKU2 2025 with one more improved koperasi: 3 / 52 = 5,77 %
    baris = {r[0]: r for r in skenario.iter_rows(min_row=2, values_only=True)}
    assert baris["IKU2"][2:4] == (3.85, 5.77)


def test_triwulan_control_only_with_quarterly_data(data, tmp_path):
    # the sample data carry the optional triwulan column: the control is there
    d = panel.DasborIKU(data, AWAL, folder_ekspor=tmp_path, dengan_grafik=False)
    assert d.k_triwulan is not None
    assert [v for _, v in d.k_triwulan.options[1:]] == [1, 2, 3, 4]
    assert "Realisasi 2025: IKU 1 1,05%" in _teks(d, "capaian", "kalimat-capaian")
    d.k_triwulan.value = 2
    assert d.triwulan() == 2
    assert "Periode: Triwulan II 2025" in _teks(d, "status", "status-tahun")
    assert _teks(d, "capaian", "kalimat-capaian").startswith(
        "Realisasi Triwulan II 2025 (s.d. akhir triwulan): ")
    assert _teks(d, "tren", "kalimat-tren").startswith("Jawaban")  # trends stay yearly
    ket = d.lembar_keterangan().set_index("Keterangan")["Isi"]
    assert ket["Parameter: triwulan"] == "triwulan II"
    # the quarter is named as on screen, not "tahun 2025"; both dates are written alike
    assert ket["Isi"] == ("Buku kerja eksplorasi IKU Triwulan II 2025 (s.d. akhir triwulan) "
                          "(bukan laporan resmi)")
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2}( \S+)?", ket["Diekspor"])
    assert re.fullmatch(r"\d{1,2} \w+ \d{4}", ket["Dibuat"]), ket["Dibuat"]
    # without the column (an office without quarterly data) there is no such control
    import shutil

    folder = tmp_path / "data_tahunan"
    shutil.copytree(ROOT / "data", folder)
    for nama in ("evaluasi_koperasi", "evaluasi_usaha_kecil"):
        df = pd.read_csv(folder / f"{nama}.csv")
        df.drop(columns=["triwulan"], errors="ignore").to_csv(folder / f"{nama}.csv",
                                                              index=False)
    tahunan = panel.DasborIKU(folder, AWAL, folder_ekspor=tmp_path, dengan_grafik=False)
    assert tahunan.k_triwulan is None


def _tabel_widget(dasbor, bagian: str, kelas: str):
    """The HTML widget of a section's table, and the CSV download link's text beside it."""
    for anak in dasbor.bagian[bagian].children:
        for cucu in getattr(anak, "children", ()):
            if kelas in getattr(cucu, "_dom_classes", ()):
                unduh = anak.children[-1].children[0].value
                return cucu.value, unduh
    raise AssertionError(f"{kelas} tidak ada di bagian {bagian}")


def test_wide_tables_show_the_first_columns_and_download_all(dasbor):
    """The what-if and nearest-koperasi tables fit the screen; the CSV keeps every column."""
    import base64

    dasbor.k_tahun.value = 2024
    dasbor.k_kop.value = 2
    layar, unduh = _tabel_widget(dasbor, "skenario", "tabel-skenario")
    kepala = re.findall(r"<th[^>]*>([^<]*)</th>", layar)
    assert kepala[:3] == ["IKU", "Realisasi tanpa skenario", "Realisasi skenario"]
    assert "Pembilang skenario" not in kepala and len(kepala) == len(panel.KOLOM_SKENARIO_LAYAR)
    assert "(14 kolom lengkap di unduhan CSV/XLSX)" in unduh
    csv = base64.b64decode(re.search(r'href="data:text/csv;base64,([^"]+)"', unduh)[1])
    baris = csv.decode("utf-8-sig").splitlines()
    assert "Pembilang skenario" in baris[0].split(";")
    iku2 = next(b for b in baris if b.startswith("IKU2;")).split(";")
    assert iku2[baris[0].split(";").index("Pembilang skenario")] == "3"   # 1 + 2 koperasi

    layar, unduh = _tabel_widget(dasbor, "terdekat", "tabel-terdekat")
    # the rupiah shortfall is in the download only; its share is on screen, named as
    # this year's (beside "Yang harus dicapai", next year's step)
    assert "Kekurangan aset tahun ini</th>" not in layar and "Nomor" not in layar
    assert "Kekurangan aset tahun ini (%)</th>" in layar
    assert "(11 kolom lengkap di unduhan CSV/XLSX)" in unduh
    judul = re.sub("<[^>]+>", "", dasbor.bagian["terdekat"].children[0].value)
    assert judul.startswith("5. Koperasi terdekat memenuhi kriteria IKU 2, menuju target 2025")
    assert "agar koperasi itu dihitung meningkat pada 2025" in _teks(
        dasbor, "terdekat", "kalimat-terdekat")


def test_charts_redraw_in_the_background_and_a_newer_change_wins(data, tmp_path):
    """As the workbook builds it (buat_dasbor): numbers at once, charts on a thread."""
    d = panel.DasborIKU(data, AWAL, folder_ekspor=tmp_path, grafik_latar=True)
    assert any(k[0] == "tren" for k in d._grafik)        # the first display is complete
    awal = set(d._grafik)
    d.k_tahun.value = 2024
    # the numbers are there when the change returns
    assert "IKU 2 1,92%" in _teks(d, "capaian", "kalimat-capaian")
    d.k_tahun.value = 2023                               # supersedes the 2024 charts
    d.k_wilayah.value = "Kota Palu"      # rebuilds only some sections: the others keep
    d.tunggu_grafik()                    # their 2023 charts coming
    baru = set(d._grafik) - awal
    assert any(2023 in k for k in baru)
    # the sections now show charts, not the "being redrawn" note
    def tunggu(w) -> bool:
        return "Grafik sedang diperbarui" in str(getattr(w, "value", "")) or any(
            tunggu(c) for c in getattr(w, "children", ()))

    for bagian in ("capaian", "tren", "wilayah", "rincian"):
        assert not tunggu(d.bagian[bagian]), bagian
    assert d.waktu_terakhir["grafik"] > 0


def test_capaian_section_states_the_kategori_scale(dasbor):
    # the decree's default scale (data/sumber_data.yaml sets none)
    assert _teks(dasbor, "capaian", "skala-kategori") == (
        "Kategori menurut capaian: Sangat Tinggi di atas 90,00%, Tinggi di atas 75,00%, "
        "Sedang di atas 65,00%, Rendah di atas 50,00%, selain itu Sangat Rendah.")


# ----------------------------------------------------------------- empty tables, errors
def _baca_csv(nama: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / f"{nama}.csv")


def _semua_teks(kotak) -> str:
    """Every text a section shows (headings, sentences, messages; no table cells)."""
    bagian = []
    for anak in [kotak, *_anak_semua(kotak)]:
        nilai = getattr(anak, "value", None)
        if isinstance(nilai, str) and "<table" not in nilai and "data:" not in nilai:
            bagian.append(html.unescape(re.sub("<[^>]+>", " ", nilai)))
    return " ".join(bagian)


def test_an_empty_table_never_stops_an_update(data, tmp_path):
    """Banggai Laut (7211) has one koperasi in 2022 and none in 2021 (evaluasi_koperasi.csv),
    so 2022 has no koperasi with last year's data there: section 5's table is empty.
    Every section still shows 2022, and the export (its XLSX with the empty table) works."""
    kop = _baca_csv("evaluasi_koperasi")
    assert len(kop[(kop.tahun == 2022) & (kop.kode_wilayah == 7211)]) == 1
    assert kop[(kop.tahun == 2021) & (kop.kode_wilayah == 7211)].empty
    d = panel.DasborIKU(data, {**AWAL, "wilayah_rinci": "Banggai Laut"},
                        folder_ekspor=tmp_path / "ekspor", dengan_grafik=False)
    d.k_kop.value = 1
    d.k_tahun.value = 2022
    assert d.h_galat.value == ""
    assert "0 dari 1 koperasi yang dievaluasi di Banggai Laut meningkat kualitasnya pada " \
        "2022" in _teks(d, "rincian", "kalimat-rincian")
    judul_5 = re.sub("<[^>]+>", "", d.bagian["terdekat"].children[0].value)
    assert judul_5.startswith("5. Koperasi terdekat memenuhi kriteria IKU 2, menuju target 2023")
    assert _teks(d, "terdekat", "kalimat-terdekat").startswith(
        "Tidak ada koperasi di Banggai Laut yang belum meningkat")
    assert '6. Skenario "bagaimana jika", seluruh provinsi, 2022' in _semua_teks(
        d.bagian["skenario"])
    d._ekspor()  # the button: the workbook is saved, the empty table as its headings
    assert "Tersimpan" in d.h_ekspor.value
    buku = load_workbook(tmp_path / "ekspor" / "eksplorasi_iku_2022.xlsx")
    terdekat = list(buku["Koperasi terdekat"].iter_rows(values_only=True))
    assert terdekat[0][:2] == ("No.", "Nama koperasi") and len(terdekat) == 1
    # Morowali (7203): no koperasi evaluated by the end of TW I 2024
    assert kop[(kop.tahun == 2024) & (kop.kode_wilayah == 7203) & (kop.triwulan <= 1)].empty
    d.k_tahun.value = 2024
    d.k_triwulan.value = 1
    d.k_wilayah.value = "Morowali"
    assert "0 dari 0 koperasi yang dievaluasi di Morowali" in _teks(
        d, "rincian", "kalimat-rincian")
    assert d.h_galat.value == ""


def _tampilan(monkeypatch) -> list[str]:
    """What buat_dasbor displays (IPython's display, recorded)."""
    import IPython.display

    tampil: list[str] = []
    monkeypatch.setattr(IPython.display, "display",
                        lambda *isi: tampil.extend(getattr(i, "data", str(i)) for i in isi))
    return tampil


def test_buat_dasbor_starts_on_a_year_and_area_with_empty_tables(tmp_path, monkeypatch):
    tampil = _tampilan(monkeypatch)
    d = panel.buat_dasbor(ROOT / "data", tmp_path / "ekspor", tahun=2022, kode_iku="IKU2",
                          wilayah_rinci="Banggai Laut", n_koperasi=3)
    assert isinstance(d, panel.DasborIKU)
    assert d.h_galat.value == "" and tampil == []


def test_an_unexpected_error_is_named_and_no_section_is_left_stale(dasbor, monkeypatch):
    """A section that fails shows an Indonesian message in its place and in the control
    panel's error area; the sections after it are still rebuilt; a failed export says
    so beside the button; buat_dasbor shows a message box, not a traceback."""
    def rusak(*_a, **_k):
        raise RuntimeError("uji")

    monkeypatch.setattr(panel.an, "koperasi_terdekat", rusak)
    dasbor.k_tahun.value = 2024
    terdekat = _semua_teks(dasbor.bagian["terdekat"])
    assert "5. Koperasi terdekat memenuhi kriteria IKU 2, 2024" in terdekat
    assert "Bagian ini tidak dapat ditampilkan untuk 2024" in terdekat
    assert "kesalahan tak terduga di program (RuntimeError: uji)" in terdekat
    assert "Terjadi kesalahan tak terduga" in dasbor.h_galat.value
    assert "5. Koperasi terdekat memenuhi kriteria IKU 2, 2024" in dasbor.h_galat.value
    assert "Koperasi terdekat" not in dasbor.tabel_ekspor()  # not shown: not exported
    # section 6 comes after the failed one: it shows 2024 (1 of 52 improved)
    assert '6. Skenario "bagaimana jika", seluruh provinsi, 2024' in _semua_teks(
        dasbor.bagian["skenario"])
    monkeypatch.undo()
    dasbor.k_tahun.value = 2025  # the section is rebuilt: the message goes
    assert dasbor.h_galat.value == ""
    assert "tidak dapat ditampilkan" not in _semua_teks(dasbor.bagian["terdekat"])

    def tulis_rusak(*_a, **_k):
        raise TypeError("uji ekspor")

    monkeypatch.setattr(dasbor, "_tulis_xlsx", tulis_rusak)
    dasbor._ekspor()
    assert "Gagal menyimpan: kesalahan tak terduga di program (TypeError: uji ekspor)" in \
        dasbor.h_ekspor.value
    assert "7. Ekspor, 2025" in dasbor.h_galat.value

    def dasbor_rusak(*_a, **_k):
        raise TypeError("uji awal")

    monkeypatch.setattr(panel, "DasborIKU", dasbor_rusak)
    tampil = _tampilan(monkeypatch)
    assert panel.buat_dasbor(ROOT / "data", tahun=2025, kode_iku="IKU2", wilayah_rinci=None,
                             n_koperasi=3) is None
    assert len(tampil) == 1
    assert "Terjadi kesalahan tak terduga di program (TypeError: uji awal)" in tampil[0]


def test_every_year_quarter_and_area_updates_every_section(dasbor):
    """Every year with data x whole year or quarter x every area (as a user would click
    through them): no error, and every section names the year chosen."""
    for tahun in (2022, 2023, 2024, 2025):
        dasbor.k_tahun.value = tahun
        for triwulan in (panel.SETAHUN, 1, 2, 3, 4):
            dasbor.k_triwulan.value = triwulan
            for wilayah in dasbor.k_wilayah.options:
                dasbor.k_wilayah.value = wilayah
                pilihan = (tahun, triwulan, wilayah)
                assert dasbor.h_galat.value == "", pilihan
                for bagian in ("status", "capaian", "tren", "wilayah", "rincian",
                               "terdekat", "skenario"):
                    assert str(tahun) in _semua_teks(dasbor.bagian[bagian]), (pilihan, bagian)


# ----------------------------------------------------------------- quarterly charts
def _gambar_png(dasbor, bagian: str) -> list[str]:
    """The charts a section shows (their PNG data addresses)."""
    return [re.search(r'src="([^"]+)"', a.value)[1] for a in _anak_semua(dasbor.bagian[bagian])
            if "<img" in str(getattr(a, "value", ""))]


def test_a_quarter_shows_its_own_charts(data, tmp_path):
    """TW II 2025: IKU2 0 of the 43 koperasi evaluated by then improved (capaian 0,00 %),
    IKU3 7 of 219 usaha kecil = 3,20 % of target 4,44 % = 72,07 %; the year: 2 / 52 =
    3,85 % of 3,85 % = 100,00 % and 12 / 480 = 2,50 % of 4,44 % = 56,31 %. The chart shown
    for the quarter is the quarter's (as a fresh drawing), and back in the whole-year
    view the year's, in either order."""
    kop, uk = _baca_csv("evaluasi_koperasi"), _baca_csv("evaluasi_usaha_kecil")
    uk_tw2 = uk[(uk.tahun == 2025) & (uk.triwulan <= 2)]
    assert ((uk_tw2.menjadi_wirausaha == "ya").sum(), len(uk_tw2)) == (7, 219)
    assert len(kop[(kop.tahun == 2025) & (kop.triwulan <= 2)]) == 43

    d = panel.DasborIKU(data, AWAL, folder_ekspor=tmp_path, dengan_grafik=True)
    tahunan = {b: _gambar_png(d, b) for b in ("capaian", "wilayah", "rincian")}
    d.k_triwulan.value = 2
    triwulan = {b: _gambar_png(d, b) for b in ("capaian", "wilayah", "rincian")}
    assert triwulan["capaian"] != tahunan["capaian"]
    assert triwulan["wilayah"] != tahunan["wilayah"]
    batang = {p.get_width() for p in d._grafik[("capaian", 2025, 2)][1].axes[0].patches}
    assert {0.0, 72.07} <= batang and 56.31 not in batang
    assert {100.0, 56.31} <= {p.get_width()
                              for p in d._grafik[("capaian", 2025, None)][1].axes[0].patches}

    baru = panel.DasborIKU(data, AWAL, folder_ekspor=tmp_path, dengan_grafik=True)
    baru._grafik.clear()          # nothing drawn before: the quarter is drawn afresh
    baru.k_triwulan.value = 2
    assert {b: _gambar_png(baru, b) for b in triwulan} == triwulan
    baru.k_triwulan.value = panel.SETAHUN   # and the other way round
    assert {b: _gambar_png(baru, b) for b in tahunan} == tahunan


# ----------------------------------------------------------------- search, CSV
def _tabel_cari(dasbor, bagian: str, kelas: str):
    """(search box, table widget, row count text, CSV link) of a searchable table."""
    for anak in _anak_semua(dasbor.bagian[bagian]):
        anak_ = getattr(anak, "children", ())
        if len(anak_) == 3 and kelas in getattr(anak_[1], "_dom_classes", ()):
            kontrol = anak_[0].children
            cari = next(k for k in kontrol if getattr(k, "description", "") == "Cari")
            return cari, anak_[1], kontrol[-1], anak_[2].children[0]
    raise AssertionError(f"{kelas} tidak ada di bagian {bagian}")


def _baris_tabel(html_tabel: str) -> int:
    return html_tabel.count("<tr>") - 1  # without the heading row


def _csv_link(unduh) -> list[list[str]]:
    import base64

    isi = base64.b64decode(re.search(r'href="data:text/csv;base64,([^"]+)"', unduh.value)[1])
    return [b.split(";") for b in isi.decode("utf-8-sig").splitlines()]


def test_search_filters_and_says_when_nothing_matches(dasbor):
    """2025: 13 kabupaten/kota (penduduk_bekerja.csv without the province, 7200), 52
    koperasi and 480 usaha kecil; "Kota Palu" is one area, "zzzz" matches nothing."""
    pb = _baca_csv("penduduk_bekerja")
    assert pb[(pb.tahun == 2025) & (pb.kode_wilayah != 7200)].kode_wilayah.nunique() == 13
    cari, tabel, jumlah, _ = _tabel_cari(dasbor, "wilayah", "tabel-wilayah")
    assert _baris_tabel(tabel.value) == 13
    cari.value = "Kota Palu"
    assert _baris_tabel(tabel.value) == 1 and "Kota Palu" in tabel.value
    assert "1 dari 13 baris" in jumlah.value
    cari.value = "zzzz"
    assert _baris_tabel(tabel.value) == 0
    assert '0 dari 13 baris: tidak ada yang cocok dengan "zzzz"' in jumlah.value
    assert 'Tidak ada baris yang cocok dengan pencarian "zzzz"' in tabel.value
    cari.value = ""
    assert _baris_tabel(tabel.value) == 13

    kop = _baca_csv("evaluasi_koperasi")
    palu = kop[(kop.tahun == 2025) & ((kop.kode_wilayah == 7271)
                                      | kop.nama_koperasi.str.casefold().str.contains("palu"))]
    for kelas, n in (("tabel-koperasi", 52), ("tabel-usaha_kecil", 480)):
        cari, tabel, jumlah, unduh = _tabel_cari(dasbor, "rincian", kelas)
        assert _baris_tabel(tabel.value) == n
        cari.value = "zzzz"
        assert _baris_tabel(tabel.value) == 0, kelas
        assert f'0 dari {n} baris: tidak ada yang cocok dengan "zzzz"' in jumlah.value
        assert len(_csv_link(unduh)) == 1  # the download: headings only
    cari, tabel, jumlah, _ = _tabel_cari(dasbor, "rincian", "tabel-koperasi")
    cari.value = "palu"
    assert f"{len(palu)} dari 52 baris" in jumlah.value
    assert _baris_tabel(tabel.value) == len(palu)


def test_csv_downloads_say_ya_and_tidak(dasbor):
    """As on screen and in the XLSX: 2 of 52 koperasi improved in 2025, 12 of 480 usaha
    kecil became wirausaha (evaluasi_usaha_kecil.csv)."""
    uk = _baca_csv("evaluasi_usaha_kecil")
    assert (uk[uk.tahun == 2025].menjadi_wirausaha == "ya").sum() == 12
    for kelas, kolom, ya, n in (("tabel-koperasi", "Meningkat", 2, 52),
                                ("tabel-usaha_kecil", "Menjadi wirausaha", 12, 480)):
        *_, unduh = _tabel_cari(dasbor, "rincian", kelas)
        baris = _csv_link(unduh)
        nilai = [b[baris[0].index(kolom)] for b in baris[1:]]
        assert len(nilai) == n
        assert set(nilai) == {"ya", "tidak"} and nilai.count("ya") == ya, kelas


def test_a_chart_that_cannot_be_drawn_is_named(data, tmp_path, monkeypatch):
    def rusak(*_a, **_k):
        raise ValueError("uji grafik")

    monkeypatch.setattr(panel, "grafik_komponen_rb", rusak)
    d = panel.DasborIKU(data, AWAL, folder_ekspor=tmp_path, grafik_latar=True)
    assert "Grafik tidak dapat digambar: kesalahan tak terduga di program (ValueError: uji " \
        "grafik)" in _semua_teks(d.bagian["rincian"])
    assert "grafik 4. Rincian koperasi, usaha kecil dan komponen Indeks RB, 2025" in \
        html.unescape(d.h_galat.value)
    assert _gambar_png(d, "capaian")  # the other charts are drawn
    monkeypatch.undo()
    d.k_tahun.value = 2024  # redrawn: the message goes
    d.tunggu_grafik()
    assert d.h_galat.value == ""
    assert "Grafik tidak dapat digambar" not in _semua_teks(d.bagian["rincian"])


# ----------------------------------------------------------------- a quarter named
TW2 = "Triwulan II 2025 (s.d. akhir triwulan)"


def _judul_teks(dasbor, bagian: str) -> str:
    """The section's heading (the first line of its heading widget)."""
    for anak in dasbor.bagian[bagian].children:
        nilai = str(getattr(anak, "value", ""))
        if "dasbor-judul" in nilai:
            return html.unescape(re.search(r'dasbor-judul">([^<]*)<', nilai)[1])
    raise AssertionError(f"judul tidak ada di bagian {bagian}")


def _nama_unduhan(dasbor) -> set[str]:
    """The file names of every CSV download link on screen."""
    nama = set()
    for kotak in dasbor.bagian.values():
        for anak in _anak_semua(kotak):
            nama |= set(re.findall(r'download="([^"]+\.csv)"', str(getattr(anak, "value", ""))))
    return nama


def test_a_quarter_is_named_in_sections_3_to_6_and_in_file_names(dasbor):
    """TW II 2025 by hand (data/): rows with triwulan <= 2 are 43 koperasi, none improved,
    and 219 usaha kecil, 7 became wirausaha; IKU1 by then is Sakernas Agustus 2024's
    22.701 / 1.621.470 = 1,40 %. Every heading and sentence of sections 3-6 names the
    quarter, never the bare year (the whole year 2025 is 2 of 52 and IKU1 1,05 %).
    Section 5 takes its denominator from 2024, the last complete year (52 koperasi, 1
    improved): target 2026 5,77 % needs ceil(5,77 % x 52) = 3 (3/52 = 5,77 %), not the
    3/43 of a half year. What-if +1 koperasi: 1/43 = 2,33 %."""
    kop, uk = _baca_csv("evaluasi_koperasi"), _baca_csv("evaluasi_usaha_kecil")
    kop_tw2 = kop[(kop.tahun == 2025) & (kop.triwulan <= 2)]
    uk_tw2 = uk[(uk.tahun == 2025) & (uk.triwulan <= 2)]
    assert len(kop_tw2) == 43 and ((uk_tw2.menjadi_wirausaha == "ya").sum(), len(uk_tw2)) == (
        7, 219)
    assert len(kop[kop.tahun == 2024]) == 52

    dasbor.k_triwulan.value = 2
    dasbor.k_kop.value = 1
    assert _judul_teks(dasbor, "wilayah") == f"3. Per kabupaten/kota, {TW2}"
    assert _teks(dasbor, "wilayah", "kalimat-wilayah").startswith(
        f"Seluruh provinsi, {TW2}: IKU 1 1,40% (angka terbaru yang sudah terbit: Sakernas "
        "Agustus 2024); 0 dari 43 koperasi yang dievaluasi meningkat kualitasnya (0,00%); "
        "7 dari 219 usaha kecil menjadi wirausaha (3,20%).")
    assert _judul_teks(dasbor, "rincian") == (
        f"4. Rincian koperasi, usaha kecil dan komponen Indeks RB, {TW2}")
    assert _teks(dasbor, "rincian", "kalimat-rincian") == (
        "0 dari 43 koperasi yang dievaluasi di seluruh provinsi meningkat kualitasnya pada "
        f"{TW2}; 7 dari 219 usaha kecil menjadi wirausaha.")
    kebutuhan = _teks(dasbor, "terdekat", "kalimat-kebutuhan")
    assert kebutuhan.startswith(
        "Target IKU 2 2026 adalah 5,77%. Angka Triwulan II 2025 baru sampai akhir triwulan, "
        "jadi jumlah koperasi yang dievaluasi diambil dari 2024, tahun lengkap terakhir: jika "
        "tetap 52 (seperti 2024), minimal 3 koperasi harus meningkat kualitasnya (3/52 = "
        "5,77%). Sampai akhir Triwulan II 2025 baru 43 koperasi yang dievaluasi dan 0 di "
        "antaranya meningkat;"), kebutuhan
    assert "43 (seperti" not in kebutuhan and "Pada 2025" not in kebutuhan
    assert f"dengan data {TW2} paling dekat" in _teks(dasbor, "terdekat", "kalimat-terdekat")
    assert _judul_teks(dasbor, "skenario") == (
        f'6. Skenario "bagaimana jika", seluruh provinsi, {TW2}')
    assert _teks(dasbor, "skenario", "kalimat-skenario").startswith(
        f"Dengan skenario ini, pada {TW2}: IKU 2 menjadi 2,33% (tanpa skenario 0,00%)")
    for bagian in ("wilayah", "rincian", "terdekat", "skenario"):
        teks = _semua_teks(dasbor.bagian[bagian])
        assert not re.search(r"(?<!Triwulan II )\b2025\b", teks), (bagian, teks)

    dasbor.k_wilayah.value = "Kota Palu"
    assert _teks(dasbor, "wilayah", "kalimat-wilayah").startswith(f"Kota Palu, {TW2}: IKU 1 ")
    assert _judul_teks(dasbor, "rincian").endswith(f"{TW2}, Kota Palu")
    dasbor.k_wilayah.value = panel.an.SEMUA_WILAYAH

    assert _nama_unduhan(dasbor) == {
        "capaian_iku_2025_tw2.csv", "proyeksi_2026_sampai_2025.csv", "per_wilayah_2025_tw2.csv",
        "koperasi_2025_tw2.csv", "usaha_kecil_per_wilayah_2025_tw2.csv",
        "usaha_kecil_2025_tw2.csv", "koperasi_terdekat_2025_tw2.csv", "skenario_2025_tw2.csv"}
    assert dasbor.ekspor().name == "eksplorasi_iku_2025_tw2.xlsx"


def test_a_quarter_without_a_complete_year_before_says_its_figures_are_partial(dasbor):
    """TW II 2022: no complete year before 2022 in the Renstra period, so section 5 uses
    the quarter's own koperasi and says plainly they are only up to the quarter's end."""
    dasbor.k_tahun.value = 2022
    dasbor.k_triwulan.value = 2
    kebutuhan = _teks(dasbor, "terdekat", "kalimat-kebutuhan")
    assert "hanya sampai akhir Triwulan II 2022, belum setahun penuh" in kebutuhan, kebutuhan
    assert "(seperti 2022)" not in kebutuhan


def test_the_whole_year_view_is_unchanged(dasbor):
    """2025 as a whole year (2 of 52 koperasi, 12 of 480 usaha kecil, IKU1 1,05 %), the
    same before and after looking at a quarter."""
    def lihat() -> dict:
        return {
            "judul": [_judul_teks(dasbor, b) for b in ("wilayah", "rincian", "terdekat",
                                                        "skenario")],
            "kalimat": [_teks(dasbor, b, k) for b, k in (
                ("wilayah", "kalimat-wilayah"), ("rincian", "kalimat-rincian"),
                ("terdekat", "kalimat-kebutuhan"), ("terdekat", "kalimat-terdekat"),
                ("skenario", "kalimat-skenario"))],
            "unduhan": _nama_unduhan(dasbor)}

    dasbor.k_kop.value = 1
    awal = lihat()
    assert awal["judul"] == [
        "3. Per kabupaten/kota, 2025",
        "4. Rincian koperasi, usaha kecil dan komponen Indeks RB, 2025",
        "5. Koperasi terdekat memenuhi kriteria IKU 2, menuju target 2026",
        '6. Skenario "bagaimana jika", seluruh provinsi, 2025']
    wilayah, rincian, kebutuhan, terdekat, skenario = awal["kalimat"]
    assert wilayah.startswith("Seluruh provinsi, 2025: IKU 1 1,05%; 2 dari 52 koperasi")
    assert rincian == ("2 dari 52 koperasi yang dievaluasi di seluruh provinsi meningkat "
                       "kualitasnya pada 2025; 12 dari 480 usaha kecil menjadi wirausaha.")
    assert kebutuhan == (
        "Target IKU 2 2026 adalah 5,77%. Jika jumlah koperasi yang dievaluasi tetap 52 (seperti "
        "2025), minimal 3 koperasi harus meningkat kualitasnya (3/52 = 5,77%). Pada 2025 ada 2 "
        "koperasi yang meningkat; peningkatan dinilai ulang setiap tahun terhadap tahun "
        "sebelumnya, jadi koperasi itu pun harus meningkat lagi.")
    assert "dengan data 2025 paling dekat" in terdekat
    assert skenario.startswith("Dengan skenario ini, pada 2025: IKU 2 menjadi 5,77% (tanpa "
                               "skenario 3,85%)")
    assert awal["unduhan"] == {
        "capaian_iku_2025.csv", "proyeksi_2026_sampai_2025.csv", "per_wilayah_2025.csv",
        "koperasi_2025.csv", "usaha_kecil_per_wilayah_2025.csv", "usaha_kecil_2025.csv",
        "koperasi_terdekat_2025.csv", "skenario_2025.csv"}
    dasbor.k_triwulan.value = 2
    dasbor.k_kop.value = 1
    dasbor.k_triwulan.value = panel.SETAHUN
    dasbor.k_kop.value = 1
    assert lihat() == awal


def _teks_layar(kotak) -> str:
    """Everything a user reads in the dashboard: the text of every HTML widget (table cells
    included, download links' data left out), every dropdown's choices, every control's
    label."""
    bagian = []
    for anak in [kotak, *_anak_semua(kotak)]:
        nilai = getattr(anak, "value", None)
        if isinstance(nilai, str) and anak.__class__.__name__ in ("HTML", "Label"):
            nilai = re.sub(r'href="data:[^"]*"', "", nilai)
            bagian.append(html.unescape(re.sub("<[^>]+>", " ", nilai)))
        bagian += [str(p[0] if isinstance(p, tuple) else p)
                   for p in getattr(anak, "options", ())]
        bagian.append(str(getattr(anak, "description", "")))
    return " ".join(bagian)


@pytest.mark.parametrize(("kode", "wilayah", "triwulan"), [
    ("IKU1", None, None), ("IKU4", "Kota Palu", None), ("IKU2", None, 2)])
def test_the_dashboard_writes_iku_names_as_the_report_does(data, tmp_path, kode, wilayah,
                                                           triwulan):
    """The PDFs write "IKU 1"; the dashboard said "IKU1" in its sentences, headings, column
    headings, choices and table cells. Every view, with a scenario and with the per-area
    small charts' section open, shows no bare code (the downloads keep the data's codes)."""
    d = panel.DasborIKU(data, {**AWAL, "kode_iku": kode, "wilayah_rinci": wilayah},
                        folder_ekspor=tmp_path, dengan_grafik=False)
    if triwulan:
        d.k_triwulan.value = triwulan
    d.k_kop.value, d.k_wira.value = 1, 1
    d.k_rb_pakai.value, d.k_rb.value = True, "62,50"
    teks = _teks_layar(d.tampilan())
    assert "IKU 1" in teks and "IKU 2" in teks and "IKU 3" in teks and "IKU 4" in teks
    assert not re.findall(r"IKU\d", teks), re.findall(r".{40}IKU\d.{20}", teks)


def test_iku1_scenario_boxes_are_bounded_by_their_own_workers(dasbor):
    """2025 (Tabel 3.2 of the PDF): tenaga kerja koperasi 3.084 + UKM 14.159 = 17.243 of
    1.642.188 penduduk bekerja. Each box took away up to 17.243, so the koperasi box
    accepted -17.243 (more koperasi workers than exist) and both said "saat ini 17.243".
    Now each takes away at most its own and says it; both add at most 1.642.188 - 17.243
    = 1.624.945."""
    assert (dasbor.k_tkkop.min, dasbor.k_ukm.min) == (-3084, -14159)
    assert dasbor.k_tkkop.max == dasbor.k_ukm.max == 1_624_945
    kop = re.sub("<[^>]+>", "", dasbor.k_rentang["tkkop"].value)
    assert kop.startswith("kurangi paling banyak 3.084, tambah paling banyak 1.624.945 "
                          "(saat ini 3.084 tenaga kerja koperasi; KUKM seluruhnya 17.243 dari "
                          "1.642.188 penduduk bekerja")
    assert "(saat ini 14.159 tenaga kerja UKM;" in dasbor.k_rentang["ukm"].value
    dasbor.k_tkkop.value = -17_243  # clamped to what exists
    assert dasbor.k_tkkop.value == -3084


def test_a_quarter_is_rated_by_status_as_the_monev_report_does(data, tmp_path):
    """TW II 2025 (the monev PDF's Tabel 1): IKU 1 1,40 / 1,50 = 93,33 % Perlu perhatian,
    IKU 2 0,00 % Tidak tercapai, IKU 3 3,20 / 4,44 = 72,07 % Tidak tercapai, IKU 4 65,10 /
    66,00 = 98,64 % Perlu perhatian. The dashboard rated the same quarter on the annual
    kategori scale (Sangat Tinggi, Sangat Rendah, Sedang, Sangat Tinggi). Section 1's table,
    sentence, note and section 6 now say the status; the whole year keeps its kategori."""
    d = panel.DasborIKU(data, AWAL, folder_ekspor=tmp_path, dengan_grafik=False)
    d.k_triwulan.value = 2
    kalimat = _teks(d, "capaian", "kalimat-capaian")
    for bagian in ("IKU 1 1,40% dari target 1,50% (Perlu perhatian)",
                   "IKU 2 0,00% dari target 3,85% (Tidak tercapai)",
                   "IKU 3 3,20% dari target 4,44% (Tidak tercapai)",
                   "IKU 4 65,10 dari target 66,00 (Perlu perhatian)"):
        assert bagian in kalimat
    tabel = _teks_layar(d.bagian["capaian"])
    assert "Status triwulan" in tabel and "Sangat" not in tabel
    assert _teks(d, "capaian", "skala-kategori").startswith(
        "Status triwulan: Tercapai bila capaian terhadap target triwulan ≥ 100,00%; Perlu "
        "perhatian bila ≥ 90,00% dan di bawah 100,00%; Tidak tercapai bila di bawah 90,00%. "
        "Sama dengan laporan monev.")
    skenario = _teks_layar(d.bagian["skenario"])
    assert "Status skenario" in skenario and "Sangat" not in skenario
    d.k_triwulan.value = panel.SETAHUN
    assert "(Sedang)" in _teks(d, "capaian", "kalimat-capaian")  # 2025: 70,00 % Sedang


def test_a_chart_of_an_older_update_never_lands_in_a_rebuilt_section(data, tmp_path):
    """The helper's race (5 runs in 9): 2022, then Triwulan II at once. The chart task of
    the 2022 update was already drawing when the TW II update rebuilt section 3; it then
    put its children back, and section 3 showed 2022's sentence and table under TW II's
    chart. Replayed step by step: the 2022 task, run after the TW II rebuild, changes
    nothing; the TW II task puts its charts in; the sentence is TW II's throughout."""
    d = panel.DasborIKU(data, {**AWAL, "kode_iku": "IKU3"}, folder_ekspor=tmp_path)
    d._diam = True
    d.k_tahun.value = 2022
    tugas_a, gen_a = d._bangun_bagian(False, {"tahun"})
    d.k_triwulan.value = 2
    tugas_b, gen_b = d._bangun_bagian(False, {"tahun"})
    d._diam = False
    kotak = d.bagian["wilayah"]
    sebelum = list(kotak.children)
    kalimat = "Seluruh provinsi, Triwulan II 2022 (s.d. akhir triwulan): IKU 1 "
    assert _teks(d, "wilayah", "kalimat-wilayah").startswith(kalimat)
    tugas_wilayah_a = dict(tugas_a)["wilayah"]
    d._tugas.bagian, d._tugas.generasi = "wilayah", gen_a  # as _gambar_semua sets them
    tugas_wilayah_a()
    assert list(kotak.children) == sebelum  # the same widgets: nothing of 2022 put in
    d._gambar_semua(gen_b, [(b, t) for b, t in tugas_b if t is not None], 0.0)
    assert _teks(d, "wilayah", "kalimat-wilayah").startswith(kalimat)
    assert list(kotak.children) != sebelum  # TW II's charts are in
    assert not [a for a in kotak.children
                if "Grafik sedang diperbarui" in str(getattr(a, "value", ""))]


def test_csv_downloads_write_counts_as_counts(dasbor):
    """Section 3's CSV: Kota Palu 2025 tenaga kerja KUKM and penduduk bekerja are counts
    (a missing cell elsewhere makes pandas hold them as float): '1034', never '1034,0';
    its percentages keep their decimals."""
    *_, unduh = _tabel_cari(dasbor, "wilayah", "tabel-wilayah")
    baris = _csv_link(unduh)
    kepala = baris[0]
    for kolom in ("Tenaga kerja KUKM", "Penduduk bekerja", "Koperasi dievaluasi"):
        nilai = [b[kepala.index(kolom)] for b in baris[1:] if b[kepala.index(kolom)]]
        assert nilai and all(v.isdigit() for v in nilai), (kolom, nilai[:3])
    persen = [b[kepala.index("IKU 1 (%)")] for b in baris[1:]]
    assert any("," in v for v in persen)
