"""Plausibility warnings: inputs a clerk can plausibly produce that every row check passes,
yet that give a wrong number. Each case was found by a hunt that ran iku-report on the
sample data with one change: exit 0, no warning, a wrong IKU. Now each is a warning
naming file, row (as the spreadsheet shows it) and column; the number is computed as
written, and the report's Lampiran B lists the warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import ROOT

from iku_helpers.data_iku import muat_data
from iku_helpers.hitung import hitung_iku


@pytest.fixture
def salinan(tmp_path: Path) -> Path:
    """A copy of the sample data folder."""
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


def _ubah(folder: Path, nama: str, ubah) -> None:
    """Rewrite one CSV, every cell kept as text; ``ubah`` edits the DataFrame in place."""
    path = folder / nama
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    ubah(df)
    df.to_csv(path, index=False)


def _peringatan(folder: Path, kolom: str) -> list:
    return [p for p in muat_data(folder).peringatan if p.kolom == kolom]


def test_the_sample_data_raises_none_of_these_warnings():
    kolom = {"nomor_induk_koperasi", "volume_usaha", "aset", "target", "indeks",
             "kode_rekening", "program", "tahun", "nama_wilayah"}
    assert [p for p in muat_data(ROOT / "data").peringatan if p.kolom in kolom] == []


def test_koperasi_numbers_that_no_longer_match_last_year(salinan):
    """2025's nomor_induk_koperasi exported with '.0': no 2025 koperasi has a 2024 row, so
    none can have increased and IKU 2 2025 reads 0 / 52 = 0,00 %, silently."""
    def titik_nol(df):
        baris = df["tahun"] == "2025"
        df.loc[baris, "nomor_induk_koperasi"] += ".0"

    _ubah(salinan, "evaluasi_koperasi.csv", titik_nol)
    assert hitung_iku(2025, salinan).tabel.set_index("kode_iku").at["IKU2", "realisasi"] == 0
    [p] = _peringatan(salinan, "nomor_induk_koperasi")
    kop = pd.read_csv(salinan / "evaluasi_koperasi.csv", dtype=str)
    pertama = int(kop.index[kop["tahun"] == "2025"][0]) + 2  # header is row 1
    assert (p.berkas, p.baris) == ("evaluasi_koperasi.csv", pertama)
    assert p.nilai == kop.loc[pertama - 2, "nomor_induk_koperasi"]
    assert "52 dari 52 koperasi tahun 2025 tidak ada di data tahun 2024" in p
    assert "berakhiran '.0'" in p
    # the Ikhtisar, read first, says a warning stands behind its figures
    import re

    from iku_helpers import laporan

    ikhtisar = re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", laporan.siapkan(
        2025, salinan, "2026-11-29").ikhtisar().data))
    assert "Pemeriksaan data masukan memberi 1 peringatan (rinciannya di Lampiran); " \
        "periksa sebelum angka di atas dikutip" in ikhtisar
    polos = re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", laporan.siapkan(
        2025, ROOT / "data", "2026-11-29").ikhtisar().data))
    assert "Pemeriksaan data masukan memberi" not in polos


def test_money_in_another_unit_than_last_year(salinan):
    """2025's volume usaha in juta rupiah where 2024's is in rupiah: no koperasi 'naik'."""
    def juta(df):
        baris = df["tahun"] == "2025"
        df.loc[baris, "volume_usaha"] = (df.loc[baris, "volume_usaha"].astype(float) / 1e6
                                         ).map(lambda x: f"{x:.2f}")

    _ubah(salinan, "evaluasi_koperasi.csv", juta)
    [p] = _peringatan(salinan, "volume_usaha")
    assert p.berkas == "evaluasi_koperasi.csv" and isinstance(p.baris, int)
    assert "volume_usaha tahun 2025 pada koperasi yang sama sekitar 1/" in p, str(p)
    assert "nilai " \
           "tahun 2024" in p
    assert not _peringatan(salinan, "aset")


def test_a_pk_target_in_another_unit(salinan):
    """IKU 4 2025 PK target 0.66 for an index of 66: capaian 8.333,33 %, 'Sangat Tinggi'."""
    def pecahan(df):
        df.loc[(df["tahun"] == "2025") & (df["kode_iku"] == "IKU4"), "target"] = "0.66"

    _ubah(salinan, "perjanjian_kinerja.csv", pecahan)
    [p] = [x for x in _peringatan(salinan, "target") if x.berkas == "perjanjian_kinerja.csv"]
    pk = pd.read_csv(salinan / "perjanjian_kinerja.csv", dtype=str)
    baris = int(pk.index[(pk["tahun"] == "2025") & (pk["kode_iku"] == "IKU4")][0]) + 2
    assert (p.baris, p.nilai) == (baris, 0.66)
    assert "target PK 0,66 jauh dari target Renstra 66,00 (IKU4 tahun 2025)" in p


def test_an_rb_index_written_as_a_fraction(salinan):
    """indeks_rb 2025 = 0.55 (for 55), without komponen_rb whose sum would catch it."""
    def pecahan(df):
        df.loc[df["tahun"] == "2025", "indeks"] = "0.55"

    _ubah(salinan, "indeks_rb.csv", pecahan)
    manifest = yaml.safe_load((salinan / "sumber_data.yaml").read_text(encoding="utf-8"))
    del manifest["data"]["komponen_rb"]
    (salinan / "sumber_data.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                              encoding="utf-8")
    [p] = _peringatan(salinan, "indeks")
    rb = pd.read_csv(salinan / "indeks_rb.csv", dtype=str)
    assert (p.berkas, p.baris) == ("indeks_rb.csv", int(rb.index[rb["tahun"] == "2025"][0]) + 2)
    assert "tampak ditulis sebagai pecahan" in p


def test_budget_subtotal_rows_are_named(salinan):
    """A program subtotal (a kode_rekening other 2025 lines extend) and a 'JUMLAH' line:
    each is counted again with the lines under it."""
    ag = pd.read_csv(salinan / "anggaran.csv", dtype=str, keep_default_na=False)
    anak = ag[ag["tahun"] == "2025"].iloc[0]
    induk = ".".join(anak["kode_rekening"].split(".")[:3])
    tambahan = pd.DataFrame([
        {**anak.to_dict(), "kode_rekening": induk, "kegiatan": "Subtotal program"},
        {**anak.to_dict(), "kode_rekening": "9.99", "program": "JUMLAH", "kode_iku": ""}])
    pd.concat([ag, tambahan], ignore_index=True).to_csv(salinan / "anggaran.csv", index=False)
    n = len(ag)
    [kode] = _peringatan(salinan, "kode_rekening")
    assert (kode.baris, kode.nilai) == (n + 2, induk)
    assert f"kode rekening {induk} adalah induk baris" in kode
    [jumlah] = _peringatan(salinan, "program")
    assert (jumlah.baris, jumlah.nilai) == (n + 3, "JUMLAH")


def test_a_typed_year_after_the_renstra(salinan):
    """One 2025 usaha kecil row typed 2052: IKU 3 2025 loses it without a word."""
    def salah_ketik(df):
        df.loc[df.index[df["tahun"] == "2025"][0], "tahun"] = "2052"

    _ubah(salinan, "evaluasi_usaha_kecil.csv", salah_ketik)
    uk = pd.read_csv(salinan / "evaluasi_usaha_kecil.csv", dtype=str)
    [p] = _peringatan(salinan, "tahun")
    assert (p.berkas, p.baris, p.nilai) == (
        "evaluasi_usaha_kecil.csv", int(uk.index[uk["tahun"] == "2052"][0]) + 2, 2052)
    assert "1 baris bertahun sesudah 2026 di baris" in p and "di luar periode Renstra" in p


def test_area_names_sorted_apart_from_their_codes(salinan):
    """penduduk_bekerja 2025: the name and value columns sorted alphabetically while the
    codes stayed in order (Excel's one-column sort). The per-area sheet printed 563 /
    195.084 for 7201 Banggai Kepulauan (whose figure is 64.658)."""
    def urut_nama(df):
        baris = df.index[(df["tahun"] == "2025") & (df["kode_wilayah"] != "7200")]
        urut = df.loc[baris, ["nama_wilayah", "penduduk_bekerja"]].sort_values("nama_wilayah")
        df.loc[baris, ["nama_wilayah", "penduduk_bekerja"]] = urut.to_numpy()

    _ubah(salinan, "penduduk_bekerja.csv", urut_nama)
    [p] = _peringatan(salinan, "nama_wilayah")
    pb = pd.read_csv(salinan / "penduduk_bekerja.csv", dtype=str)
    salah = pb[(pb["tahun"] == "2025") & (pb["kode_wilayah"] != "7200")]
    assert p.berkas == "penduduk_bekerja.csv" and p.baris == int(salah.index[0]) + 2
    assert "nama_wilayah tidak sesuai dengan kode_wilayah di baris" in p
    assert "(mis. kode 7201 adalah Banggai Kepulauan)" in p


def test_a_hidden_first_sheet_is_refused_not_read_unseen(salinan):
    """indeks_rb.xlsx with a hidden 'draf' sheet first (60,00) and the visible 'final'
    second (55,00): the first sheet was read, IKU 4 2025 = 60,00 'Sangat Tinggi', though
    the analyst sees 55 in Excel. The first sheet is what is read, so a hidden one stops
    the run with the file named."""
    import openpyxl

    from iku_helpers.errors import DataIKUError

    rb = pd.read_csv(salinan / "indeks_rb.csv")
    buku = openpyxl.Workbook()
    draf = buku.active
    draf.title = "draf"
    final = buku.create_sheet("final")
    for lembar, indeks_2025 in ((draf, 60.0), (final, 55.0)):
        lembar.append(["tahun", "indeks"])
        for tahun, indeks in zip(rb["tahun"], rb["indeks"], strict=True):
            lembar.append([int(tahun), indeks_2025 if tahun == 2025 else float(indeks)])
    draf.sheet_state = "hidden"
    buku.save(salinan / "indeks_rb.xlsx")
    manifest = yaml.safe_load((salinan / "sumber_data.yaml").read_text(encoding="utf-8"))
    manifest["data"]["indeks_rb"]["berkas"] = "indeks_rb.xlsx"
    del manifest["data"]["komponen_rb"]  # whose sum would stop a 60 for another reason
    (salinan / "sumber_data.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                              encoding="utf-8")
    with pytest.raises(DataIKUError) as e:
        muat_data(salinan)
    assert e.value.berkas == "indeks_rb.xlsx"
    assert "lembar pertama buku kerja ini ('draf') disembunyikan" in str(e.value)
    # Shown again, but the workbook still opens on 'final' (hiding the open sheet moved
    # Excel, and openpyxl, to the next one): two sheets hold the table and the first and
    # the open one disagree, so it is still refused, now naming both sheets.
    draf.sheet_state = "visible"
    buku.save(salinan / "indeks_rb.xlsx")
    with pytest.raises(DataIKUError) as e:
        muat_data(salinan)
    assert "dibaca lembar pertama 'draf', tetapi lembar 'final', yang terbuka saat berkas " \
        "disimpan, juga berisi tabel ini" in str(e.value)
    buku.active = 0  # opens on 'draf': read as the first sheet, as documented, 'final' named
    buku.save(salinan / "indeks_rb.xlsx")
    assert hitung_iku(2025, salinan).tabel.set_index("kode_iku").at["IKU4", "realisasi"] == 60
    assert any("lembar 'final' juga berisi tabel ini" in p for p in muat_data(salinan).peringatan)


def _ke_xlsx_indeks_rb(folder: Path, isi_sel) -> None:
    """indeks_rb as an XLSX (komponen_rb dropped), ``isi_sel(sel_tahun, sel_indeks)`` sets
    each data row's two cells."""
    import openpyxl

    rb = pd.read_csv(folder / "indeks_rb.csv")
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.append(["tahun", "indeks"])
    for i, (tahun, indeks) in enumerate(zip(rb["tahun"], rb["indeks"], strict=True), start=2):
        isi_sel(lembar.cell(i, 1), lembar.cell(i, 2), int(tahun), float(indeks))
    buku.save(folder / "indeks_rb.xlsx")
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text(encoding="utf-8"))
    manifest["data"]["indeks_rb"]["berkas"] = "indeks_rb.xlsx"
    del manifest["data"]["komponen_rb"]
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                             encoding="utf-8")


def test_a_year_typed_into_a_date_formatted_cell(salinan):
    """2025 typed into a cell formatted as a date shows 13/07/1905; it was refused with
    'datetime.datetime(1905, 7, 13, 0, 0)' as the value. Excel's day number is the year
    typed: read as 2025, with a warning."""
    def isi(sel_tahun, sel_indeks, tahun, indeks):
        sel_tahun.value = tahun
        sel_tahun.number_format = "dd/mm/yyyy"
        sel_indeks.value = indeks

    _ke_xlsx_indeks_rb(salinan, isi)
    data = muat_data(salinan)
    assert sorted(data.tabel["indeks_rb"]["tahun"]) == list(range(2021, 2026))
    [p] = [p for p in data.peringatan if p.kolom == "tahun"]
    # the first such cell, as Excel shows it: 2021 is 13/07/1905
    assert "(mis. 13/07/1905) dibaca sebagai angka yang diketik (2021)" in p
    assert p.berkas == "indeks_rb.xlsx"
    assert hitung_iku(2025, data).tabel.set_index("kode_iku").at["IKU4", "realisasi"] == 55


def test_a_percent_sign_gets_a_hint(salinan):
    from iku_helpers.errors import DataIKUError

    def persen(df):
        df.loc[df["tahun"] == "2025", "indeks"] = "55%"

    def pk_persen(df):
        df.loc[(df["tahun"] == "2025") & (df["kode_iku"] == "IKU1"), "target"] = "1,50%"

    def pesan():
        with pytest.raises(DataIKUError) as e:
            muat_data(salinan)
        return {m.kolom: m.pesan for m in e.value.masalah}

    asli = (salinan / "indeks_rb.csv").read_bytes()
    _ubah(salinan, "indeks_rb.csv", persen)  # an index column only asks for the number
    assert pesan()["indeks"] == "bukan angka: tulis angkanya saja, tanpa tanda % atau teks lain"
    (salinan / "indeks_rb.csv").write_bytes(asli)
    _ubah(salinan, "perjanjian_kinerja.csv", pk_persen)  # a column in percent says so
    assert pesan()["target"] == ("bukan angka: tulis tanpa tanda % (kolom ini sudah dalam "
                                 "persen, mis. 1,54 untuk 1,54%)")


def test_headers_with_odd_spaces_and_excels_unicode_text(salinan):
    """'Kode\\u00a0Wilayah' (a non-breaking space copied from a web page) and
    'nama  wilayah' were 'kolom wajib tidak ada' though the header is visibly there; and
    Excel's "Unicode text" (UTF-16, tab-separated) was read as one column."""
    pb = (salinan / "penduduk_bekerja.csv").read_text(encoding="utf-8").splitlines()
    pb[0] = "Tahun,Kode\u00a0Wilayah,nama  wilayah,penduduk_bekerja"
    (salinan / "penduduk_bekerja.csv").write_text("\n".join(pb) + "\n", encoding="utf-8")
    tk = (salinan / "tenaga_kerja_kukm.csv").read_text(encoding="utf-8").splitlines()
    (salinan / "tenaga_kerja_kukm.csv").write_bytes(
        "\r\n".join(b.replace(",", "\t") for b in tk).encode("utf-16"))
    asli = hitung_iku(2025, ROOT / "data").tabel.set_index("kode_iku")
    baru = hitung_iku(2025, salinan).tabel.set_index("kode_iku")
    assert baru.at["IKU1", "pembilang"] == asli.at["IKU1", "pembilang"] == 17_243
    assert baru.at["IKU1", "penyebut"] == asli.at["IKU1", "penyebut"] == 1_642_188


def test_the_new_checks_stay_quiet_on_legitimate_data(salinan):
    """What the reviewer expected an office to hit: an RPJMN comparison value for 2029,
    next year's Perjanjian Kinerja written before this year's report, and a reference
    that gives one spelling to two areas (here 'Palu', Kota Palu's alias, given to
    Donggala too, ahead of it in the reference: the check took the first code only)."""
    ag = pd.read_csv(salinan / "perjanjian_kinerja.csv", dtype=str, keep_default_na=False)
    tahun_depan = ag[ag["tahun"] == "2026"].assign(tahun="2027")
    pd.concat([ag, tahun_depan]).to_csv(salinan / "perjanjian_kinerja.csv", index=False)
    pb = pd.read_csv(salinan / "pembanding.csv", dtype=str, keep_default_na=False)
    pd.concat([pb, pb.iloc[[0]].assign(tahun="2029")]).to_csv(salinan / "pembanding.csv",
                                                               index=False)
    assert not _peringatan(salinan, "tahun")
    from iku_helpers import config

    ref = pd.read_csv(config.WILAYAH_BAWAAN, dtype=str, keep_default_na=False)
    donggala = ref["nama_wilayah"].str.contains("Donggala")
    ref.loc[donggala, "alias"] = (ref.loc[donggala, "alias"] + ";Palu").str.strip(";")
    ref.to_csv(salinan / "wilayah.csv", index=False)
    _ubah(salinan, "penduduk_bekerja.csv",
          lambda df: df.loc.__setitem__((df["kode_wilayah"] == "7271", "nama_wilayah"), "Palu"))
    manifest = yaml.safe_load((salinan / "sumber_data.yaml").read_text(encoding="utf-8"))
    manifest["data"]["wilayah"] = {"berkas": "wilayah.csv", "sumber": "uji", "status": "resmi"}
    (salinan / "sumber_data.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                              encoding="utf-8")
    assert not _peringatan(salinan, "nama_wilayah")


# ------------------------------------------ found by the twelfth session's clerk hunt
def _baris_csv(folder: Path, nama: str, pilih) -> list[int]:
    """Spreadsheet row numbers (header = 1) of the rows ``pilih(df)`` selects."""
    df = pd.read_csv(folder / nama, dtype=str, keep_default_na=False)
    return [int(i) + 2 for i in df.index[pilih(df)]]


def test_an_area_typed_0_that_had_workers(salinan):
    """2025's tenaga kerja of Banggai (7202) and Kota Palu (7271) typed 0 (an empty cell
    is refused, so a clerk types 0 for an area that has not reported): IKU 1 drops from
    1,05 % to 0,77 % as if the two had no workers."""
    def nol(df):
        baris = (df["tahun"] == "2025") & df["kode_wilayah"].isin(["7202", "7271"])
        df.loc[baris, ["tenaga_kerja_koperasi", "tenaga_kerja_ukm"]] = "0"

    _ubah(salinan, "tenaga_kerja_kukm.csv", nol)
    assert round(hitung_iku(2025, salinan).tabel.set_index("kode_iku").at[
        "IKU1", "realisasi"], 2) == 0.77
    [p] = _peringatan(salinan, "tenaga_kerja_koperasi")
    baris = _baris_csv(salinan, "tenaga_kerja_kukm.csv", lambda df: (df["tahun"] == "2025")
                       & df["kode_wilayah"].isin(["7202", "7271"]))
    assert (p.berkas, p.baris) == ("tenaga_kerja_kukm.csv", baris[0])
    assert f"bernilai 0 di 2 wilayah (Banggai, Kota Palu; baris {baris[0]} dan " \
        f"{baris[1]}) yang tahun 2024 memiliki tenaga kerja" in p


def test_last_years_workers_copied_as_this_years(salinan):
    """2024's tenaga kerja block copied with its year changed to 2025 and never updated:
    IKU 1 2025 reads 1,38 % (Sangat Tinggi) on last year's workers."""
    tk = pd.read_csv(salinan / "tenaga_kerja_kukm.csv", dtype=str, keep_default_na=False)
    salin = tk[tk["tahun"] == "2024"].assign(tahun="2025")
    pd.concat([tk[tk["tahun"] != "2025"], salin]).to_csv(
        salinan / "tenaga_kerja_kukm.csv", index=False)
    [p] = _peringatan(salinan, "tahun")
    assert p.berkas == "tenaga_kerja_kukm.csv"
    assert "tahun 2025 sama persis dengan tahun 2024 di semua 13 wilayah" in p


def test_two_koperasi_numbers_cut_by_excel(salinan):
    """Two 2025 koperasi numbers cut to 15 digits (the last digit 0) in rows a colleague
    added: too few for the share check, yet IKU 2 2025 falls from 3,85 % to 0,00 %."""
    ids = ["7210036503953199", "7212173657179268"]

    def potong(df):
        for nomor in ids:
            df.loc[(df["tahun"] == "2025") & (df["nomor_induk_koperasi"] == nomor),
                   "nomor_induk_koperasi"] = nomor[:15] + "0"

    _ubah(salinan, "evaluasi_koperasi.csv", potong)
    assert hitung_iku(2025, salinan).tabel.set_index("kode_iku").at["IKU2", "realisasi"] == 0
    [p] = _peringatan(salinan, "nomor_induk_koperasi")
    baru = _baris_csv(salinan, "evaluasi_koperasi.csv", lambda df: df[
        "nomor_induk_koperasi"].isin([n[:15] + "0" for n in ids]))
    lama = _baris_csv(salinan, "evaluasi_koperasi.csv", lambda df: (df["tahun"] == "2024")
                      & df["nomor_induk_koperasi"].isin(ids))
    assert p.baris == baru[0]
    assert "2 koperasi tahun 2025 bernama dan berwilayah sama dengan koperasi tahun 2024 " \
        "tetapi bernomor induk lain" in p
    assert f"baris {baru[0]} ({ids[0][:15]}0) dan baris {lama[0]} ({ids[0]})" in p


def test_a_few_koperasi_in_ribu_rupiah(salinan):
    """Three 2025 koperasi with volume usaha and aset in ribu rupiah (the median of the
    year stays near 1): each is 'not increased' whatever it did."""
    def ribu(df):
        baris = df.index[df["tahun"] == "2025"][:3]
        for k in ("volume_usaha", "aset"):
            df.loc[baris, k] = (df.loc[baris, k].astype(float) / 1000).map(
                lambda x: f"{x:.0f}")

    _ubah(salinan, "evaluasi_koperasi.csv", ribu)
    [v] = _peringatan(salinan, "volume_usaha")
    baris = _baris_csv(salinan, "evaluasi_koperasi.csv", lambda df: df["tahun"] == "2025")[:3]
    assert v.baris == baris[0]
    assert f"volume_usaha tahun 2025 pada 3 koperasi (baris {baris[0]}, {baris[1]} dan " \
        f"{baris[2]}) 100 kali atau lebih, atau 1/100 atau kurang" in v
    assert len(_peringatan(salinan, "aset")) == 1


def test_a_koperasi_row_copied_from_last_year(salinan):
    """A 2025 koperasi whose volume usaha and aset are 2024's to the rupiah: last year's
    row copied and never updated, counted as 'not increased'."""
    kop = pd.read_csv(salinan / "evaluasi_koperasi.csv", dtype=str, keep_default_na=False)
    i = kop.index[kop["tahun"] == "2025"][0]
    lalu = kop[(kop["tahun"] == "2024")
               & (kop["nomor_induk_koperasi"] == kop.at[i, "nomor_induk_koperasi"])].iloc[0]
    kop.loc[i, ["volume_usaha", "aset"]] = lalu[["volume_usaha", "aset"]].to_numpy()
    kop.to_csv(salinan / "evaluasi_koperasi.csv", index=False)
    [p] = _peringatan(salinan, "volume_usaha")
    assert p.baris == int(i) + 2
    assert "sama persis dengan tahun 2024 pada 1 koperasi" in p


def test_a_budget_line_in_ribu_rupiah(salinan):
    """IKU 4's 2025 line with realisasi 228.560 (ribu) under a pagu in rupiah: its
    serapan reads 0,09 % and IKU 4's serapan and efficiency move."""
    def ribu(df):
        baris = (df["tahun"] == "2025") & (df["kode_rekening"] == "2.17.01.1.01.07")
        df.loc[baris, "realisasi"] = (df.loc[baris, "realisasi"].astype(float) / 1000).map(
            lambda x: f"{x:.0f}")

    _ubah(salinan, "anggaran.csv", ribu)
    [p] = _peringatan(salinan, "realisasi")
    assert p.baris == _baris_csv(salinan, "anggaran.csv", lambda df: (df["tahun"] == "2025")
                                 & (df["kode_rekening"] == "2.17.01.1.01.07"))[0]
    assert "realisasi kurang dari 1% pagu" in p


def test_quarterly_targets_of_a_point_value_iku_that_climb(salinan):
    """IKU 1 and IKU 4's Rencana Aksi written as progress (0,38 / 0,75 / 1,13 / 1,54 for
    1,54): their quarters report a level, so TW III rates 124 % 'Tercapai' below the
    year's target. IKU 3 (cumulative) had this warning; the point-value IKU had none."""
    def naik(df):
        for kode, tw in (("IKU1", ["0.38", "0.75", "1.13", "1.54"]),
                         ("IKU4", ["16.50", "33.00", "49.50", "66.00"])):
            baris = (df["tahun"] == "2025") & (df["kode_iku"] == kode)
            df.loc[baris, ["target_tw1", "target_tw2", "target_tw3", "target_tw4"]] = tw

    _ubah(salinan, "perjanjian_kinerja.csv", naik)
    temuan = _peringatan(salinan, "target_tw1")
    assert sorted(p.nilai for p in temuan) == [0.38, 16.5]
    assert all("naik dari TW I ke TW IV seperti kemajuan" in p for p in temuan)


def test_the_sample_data_raises_none_of_the_new_warnings():
    kolom = {"tenaga_kerja_koperasi", "realisasi", "target_tw1", "volume_usaha", "aset",
             "nomor_induk_koperasi", "triwulan"}
    for folder in (ROOT / "data", ROOT / "tests" / "fixtures" / "data_mini"):
        assert [p for p in muat_data(folder).peringatan if p.kolom in kolom] == []


@pytest.mark.parametrize("label", ["Sub-Total", "Grand Total", "Jml. Program", "SUBTOTAL"])
def test_budget_total_lines_under_other_names(salinan, label):
    """A total line named 'Sub-Total', 'Grand Total', 'Jml.': once missed by the label
    pattern (only Jumlah/Total/Sub Total), its pagu counted again."""
    ag = pd.read_csv(salinan / "anggaran.csv", dtype=str, keep_default_na=False)
    baris = {**ag[ag["tahun"] == "2025"].iloc[0].to_dict(), "kode_rekening": "9.99",
             "program": label, "kode_iku": ""}
    pd.concat([ag, pd.DataFrame([baris])], ignore_index=True).to_csv(
        salinan / "anggaran.csv", index=False)
    [p] = _peringatan(salinan, "program")
    assert (p.baris, p.nilai) == (len(ag) + 2, label)
    assert "tampak seperti baris jumlah" in p


def test_a_program_named_like_a_total_is_not_one(salinan):
    """'Totalitas Pelayanan' and 'Jumlahkan...' are words, not total lines."""
    ag = pd.read_csv(salinan / "anggaran.csv", dtype=str, keep_default_na=False)
    baris = [{**ag[ag["tahun"] == "2025"].iloc[0].to_dict(), "kode_rekening": f"9.9{i}",
              "program": nama} for i, nama in enumerate(["Totalitas Pelayanan KUKM",
                                                         "Jumlahkan Data Koperasi"])]
    pd.concat([ag, pd.DataFrame(baris)], ignore_index=True).to_csv(
        salinan / "anggaran.csv", index=False)
    assert _peringatan(salinan, "program") == []


def test_a_national_rb_index_written_as_a_fraction(salinan):
    """pembanding's IKU4 national index 0,6612 for 66,12: printed as the comparison."""
    def pecahan(df):
        df.loc[(df["tahun"] == "2025") & (df["kode_iku"] == "IKU4"), "nilai"] = "0.6612"

    _ubah(salinan, "pembanding.csv", pecahan)
    [p] = _peringatan(salinan, "nilai")
    assert p.berkas == "pembanding.csv" and p.nilai == 0.6612
    assert "tampak ditulis sebagai pecahan" in p


def test_small_realisations_early_in_a_year_are_not_a_unit_error(salinan):
    """A year a quarter in, every line absorbed a little (0,5 %): the truth, not ribu
    against rupiah; the under-1 % warning needs a year otherwise mostly spent."""
    def awal_tahun(df):
        baris = df["tahun"] == "2025"
        df.loc[baris, "realisasi"] = (df.loc[baris, "pagu"].astype(float) * 0.005).map(
            lambda x: f"{x:.0f}")

    _ubah(salinan, "anggaran.csv", awal_tahun)
    assert _peringatan(salinan, "realisasi") == []


def test_a_whole_years_realisasi_in_ribu_rupiah(salinan):
    """Every 2025 line's realisasi in ribu rupiah: the year's median serapan is about
    0,1 %, so the 'mostly spent' guard alone would say nothing; a thousandth of the pagu
    is said whatever the year."""
    def ribu(df):
        baris = df["tahun"] == "2025"
        df.loc[baris, "realisasi"] = (df.loc[baris, "realisasi"].astype(float) / 1000).map(
            lambda x: f"{x:.0f}")

    _ubah(salinan, "anggaran.csv", ribu)
    ag = pd.read_csv(salinan / "anggaran.csv", dtype=str, keep_default_na=False)
    berisi = ((ag["tahun"] == "2025") & (ag["realisasi"].astype(float) > 0)).sum()
    assert len(_peringatan(salinan, "realisasi")) == berisi > 5
