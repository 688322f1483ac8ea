"""The results as files: the tidy CSV (the contract) and the XLSX for Indonesian Excel.

Both are made from one :class:`~iku_helpers.hitung.HasilIKU`, itself made from the run's
validated snapshot, so they agree with the PDF of the same run.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

#: What the ``status_data`` column says when an input is sample data.
STATUS_CONTOH = "DATA CONTOH (sintetis, bukan data resmi)"


def status_data(data, kunci: list[str] | tuple[str, ...]) -> str:
    """The status of the inputs ``kunci`` (manifest keys) as one cell: STATUS_CONTOH when
    any is sample data, otherwise their statuses (e.g. "resmi", "resmi; sementara")."""
    status = [s.status for s in data.sumber if s.kunci in kunci]
    if "contoh" in status:
        return STATUS_CONTOH
    return "; ".join(dict.fromkeys(status)) or "tidak diketahui"


def tulis_csv(tabel: pd.DataFrame, path: Path, data=None) -> None:
    """The tidy results table: UTF-8, dot decimals, whole counts without '.0'. With
    ``data`` (the run's DataIKU) a last column ``status_data`` says, per row, whether the
    IKU's inputs are sample data, so a CSV passed on alone still says so."""
    from .excel import aman_csv
    from .indikator.registri import REGISTRI

    keluar = tabel.copy()
    for kolom in ("pembilang", "penyebut"):
        nilai = keluar[kolom]
        if nilai.dropna().map(float.is_integer).all():
            keluar[kolom] = nilai.astype("Int64")
    if data is not None:
        keluar["status_data"] = [
            status_data(data, (*(REGISTRI[k].tabel if k in REGISTRI else ()), "target_iku"))
            for k in keluar["kode_iku"]]
    aman_csv(keluar).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def format_kekurangan(kode_iku) -> list[str]:
    """Number format of each row of a shortfall column (``kekurangan``,
    ``kebutuhan_sisa``), by its IKU: a ratio IKU's shortfall is a count of units
    (tenaga kerja, koperasi, usaha kecil) shown whole; an index IKU's is index points,
    shown with 2 decimals as the PDF does ("3,60 poin indeks")."""
    from .excel import FORMAT_ANGKA, FORMAT_BILANGAN
    from .indikator.registri import REGISTRI

    return [FORMAT_BILANGAN if k in REGISTRI and REGISTRI[k].kekurangan_bilangan_bulat
            else FORMAT_ANGKA for k in kode_iku]


def _swaperiksa(hasil, tanggal: date) -> pd.DataFrame:
    """The LKE Pelaporan self-check of the PDF (iku_helpers.laporan.swaperiksa_lke)."""
    from .laporan import Laporan, swaperiksa_lke

    tabel = pd.DataFrame(swaperiksa_lke(Laporan(hasil=hasil, tanggal=tanggal)))
    tabel["terpenuhi"] = tabel["terpenuhi"].map({True: "ya", False: "belum"})
    return tabel


def keterangan(hasil, tanggal: date | None = None) -> pd.DataFrame:
    """The XLSX's first sheet: what the workbook is, its data status and sources.
    ``tanggal`` is the report's date (the run's --tanggal, as the PDF prints it);
    today when not given."""
    from . import format_id as fmt

    data = hasil.data
    baris = [("Instansi", data.instansi),
             ("Isi", f"Capaian Indikator Kinerja Utama tahun {hasil.tahun}"),
             ("Status data", "DATA CONTOH, bukan data resmi" if data.ada_data_contoh
              else "Seluruh masukan berstatus resmi/sementara"),
             ("Dibuat", fmt.tanggal(tanggal or date.today()))]
    baris += [(f"Masukan: {s.kunci}", f"{s.berkas} ({s.status}); {s.sumber}; SHA-256 {s.sha256}")
              for s in data.sumber]
    baris += [(f"Peringatan {i}", p) for i, p in enumerate(hasil.peringatan, start=1)]
    return pd.DataFrame(baris, columns=["Keterangan", "Isi"])


#: The Koperasi sheet's growth criteria for a koperasi with no figures of last year.
TANPA_DATA_LALU = "tidak ada data tahun sebelumnya"


def tulis_xlsx_hasil(hasil, path: Path, tanggal: date | None = None) -> None:
    """Results for Indonesian Excel: the table, the summary, every koperasi, areas.
    ``tanggal``: the report's date for the Keterangan sheet (today when not given)."""
    from .excel import FORMAT_RUPIAH, tulis_xlsx

    tanggal = tanggal or date.today()

    ringkasan = hasil.ringkasan[[
        "kode_iku", "indikator", "satuan", "target", "realisasi", "capaian_persen", "kategori",
        "target_renstra", "capaian_renstra", "kategori_renstra", "realisasi_sebelumnya",
        "perubahan", "target_akhir", "progres_target_akhir_persen", "kekurangan",
        "satuan_kekurangan"]]
    koperasi = hasil.koperasi[[
        "nomor_induk_koperasi", "nama_koperasi", "kode_wilayah", "nama_wilayah", "rat",
        "volume_usaha_sebelumnya", "volume_usaha", "perubahan_volume_usaha_persen",
        "aset_sebelumnya", "aset", "perubahan_aset_persen", "lolos_rat", "lolos_volume_usaha",
        "lolos_aset", "meningkat", "kriteria_gagal"]].copy()
    for k in ("rat", "lolos_rat", "lolos_volume_usaha", "lolos_aset", "meningkat"):
        koperasi[k] = koperasi[k].map({True: "ya", False: "tidak"})
    # without last year's figures there is no growth to pass or fail: not "tidak" (the
    # report's Tabel counts these koperasi apart, as "Tidak ada data tahun sebelumnya")
    tanpa_lalu = ~hasil.koperasi["ada_data_sebelumnya"].to_numpy(dtype=bool)
    koperasi.loc[tanpa_lalu, ["lolos_volume_usaha", "lolos_aset"]] = TANPA_DATA_LALU
    uk = hasil.wilayah[["kode_wilayah", "nama_wilayah", "usaha_kecil_dievaluasi",
                        "usaha_kecil_menjadi_wirausaha", "iku3_persen"]]
    bulat = {k: "#,##0" for k in (
        "pembilang", "penyebut", "tenaga_kerja_kukm", "penduduk_bekerja",
        "koperasi_dievaluasi", "koperasi_meningkat", "usaha_kecil_dievaluasi",
        "usaha_kecil_menjadi_wirausaha")}
    # the shortfall is persons/koperasi/usaha kecil for a ratio IKU, index points for IKU4
    per_lembar = {"Ringkasan": {"kekurangan": format_kekurangan(ringkasan["kode_iku"])}}
    lembar_anggaran = {}
    if hasil.anggaran is not None:
        # closed by the rows the PDF's table has, so the sheet adds up to the per-program
        # one (budget tagged to no IKU, and the total)
        per_iku = pd.concat([hasil.anggaran.per_iku, hasil.anggaran.baris_penutup()],
                            ignore_index=True)
        lembar_anggaran = {"Anggaran per IKU": per_iku,
                           "Anggaran per program": hasil.anggaran.per_program}
        # there 'realisasi' is the budget spent (rupiah), not the IKU's realisasi
        per_lembar.update({k: {"pagu": FORMAT_RUPIAH, "realisasi": FORMAT_RUPIAH}
                           for k in lembar_anggaran})
    if hasil.perbandingan is not None and not hasil.perbandingan.tabel.empty:
        lembar_anggaran["Pembanding"] = hasil.perbandingan.tabel
    tulis_xlsx(path, {
        "Keterangan": keterangan(hasil, tanggal),
        "Capaian IKU": hasil.tabel,
        "Ringkasan": ringkasan,
        "Koperasi": koperasi,
        "Usaha kecil per wilayah": uk,
        "Per wilayah": hasil.wilayah,
        "Riwayat": hasil.riwayat,
        **lembar_anggaran,
        "Swaperiksa LKE": _swaperiksa(hasil, tanggal),
    }, format_kolom={**bulat, **{k: FORMAT_RUPIAH for k in (
        "volume_usaha", "volume_usaha_sebelumnya", "aset", "aset_sebelumnya", "pagu")}},
        format_lembar=per_lembar)


def tulis_csv_anggaran(hasil, path: Path) -> bool:
    """``anggaran-iku-<tahun>.csv``: pagu, realisasi, serapan, capaian and indeks
    efisiensi per IKU; False (nothing written) when the folder has no budget data."""
    from .excel import aman_csv

    if hasil.anggaran is None:
        return False
    tabel = hasil.anggaran.tabel_csv()
    tabel["status_data"] = status_data(hasil.data, ("anggaran",))
    aman_csv(tabel).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return True
