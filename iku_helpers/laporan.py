"""The annual report: view-models for the templates under ``templates/lkjip/``.

Two variants share one computation: ``jenis="lkjip"`` (default) is the full Laporan
Kinerja Instansi Pemerintah under PermenPANRB 53/2014 (cover, kata pengantar, ikhtisar
eksekutif, daftar isi/tabel/gambar, Bab I-IV, lampiran, signature blocks);
``jenis="ringkas"`` is the short monitoring report (cover, capaian per IKU, analysis,
lampiran). Python computes and hands the templates plain values; wording and layout live
in the templates (Jinja2, autoescape on), so input text always prints literally.

Each section method returns an ``IPython.display.HTML`` object: the notebook stays a
sequence of calls, and the same HTML shows in JupyterLab and goes into the PDF.
Tables and figures are numbered by chapter with CSS counters ("Tabel 3.4"); the daftar
isi/tabel/gambar take their page numbers from WeasyPrint's ``target-counter()``.
"""

from __future__ import annotations

import base64
import platform
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from html import escape
from importlib import metadata
from pathlib import Path

import pandas as pd

from . import config
from . import format_id as fmt
from .data_iku import DataIKU, muat_data
from .errors import ParameterError
from .format_id import gabung_kata
from .hitung import HasilIKU, hitung_iku
from .indikator import (
    KATEGORI_TIDAK_TERUKUR,
    PENYEBUT_MINIMUM,
    SKALA_PREDIKAT_RB,
    pembilang_minimum,
)
from .indikator.periode import ROMAWI, Periode
from .indikator.registri import REGISTRI, teks_kekurangan
from .indikator.rumus import bulatkan
from .laporan_narasi import BAGIAN_NARASI, BAGIAN_RINGKAS, baca_narasi, markdown_aman
from .laporan_tampilan import nilai_satuan, render, svg_banyak

__all__ = ["Laporan", "aman", "baca_narasi", "kelas_kategori", "markdown_aman", "siapkan",
           "swaperiksa_lke", "JENIS_LAPORAN"]

JENIS_LAPORAN = ("lkjip", "ringkas")
#: What the denominator of a count IKU is in the data: the decree's formula says
#: "Jumlah Seluruh Koperasi", the office's evaluation tables hold the units it evaluated
#: (data/README.md; Lampiran C says so too). Printed beside the decree's wording.
DIEVALUASI = {"IKU2": "koperasi yang dievaluasi", "IKU3": "usaha kecil yang dievaluasi"}
TANDA_CONTOH = "DATA CONTOH, bukan data resmi"
BELUM_DIISI = "Belum diisi oleh analis."
NAMA_MASUKAN = {
    "iku": "Katalog IKU", "target_iku": "Target Renstra", "penduduk_bekerja": "Penduduk bekerja",
    "tenaga_kerja_kukm": "Tenaga kerja koperasi dan UKM", "evaluasi_koperasi": "Evaluasi koperasi",
    "evaluasi_usaha_kecil": "Evaluasi usaha kecil", "indeks_rb": "Indeks RB",
    "komponen_rb": "Komponen indeks RB", "wilayah": "Referensi wilayah",
    "perjanjian_kinerja": "Perjanjian Kinerja", "anggaran": "Realisasi anggaran",
    "pembanding": "Pembanding",
}
NAMA_JENIS = {"lkjip": "LKjIP (lengkap)", "ringkas": "Ringkas", "monev": "Monev triwulan"}
NAMA_PARAMETER = {"tahun": "Tahun laporan", "data_dir": "Folder data", "tanggal": "Tanggal cetak",
                  "jenis": "Jenis laporan"}
ASUMSI = (
    "IKU 2: koperasi dihitung meningkat kualitasnya bila pada tahun berjalan melaksanakan RAT "
    "dan volume usaha serta asetnya sama-sama lebih besar daripada tahun sebelumnya. Keputusan "
    "IKU menyebut tiga dasar (RAT, volume usaha, aset) tanpa aturan rinci; aturan ini adalah "
    "tafsiran yang dapat diubah.",
    "IKU 2: penyebut adalah koperasi yang dievaluasi Dinas KUKM pada tahun berjalan (target "
    "5,77% dan 3,85% setara 3 dan 2 dari 52 koperasi), bukan seluruh koperasi di provinsi.",
    "IKU 1: pembilang adalah tenaga kerja koperasi dan UKM yang dilaporkan per kabupaten/kota; "
    "penyebut adalah penduduk bekerja hasil Sakernas Agustus (BPS).",
    "IKU 3: usaha kecil dihitung menjadi wirausaha menurut hasil evaluasi Dinas KUKM (kolom "
    "menjadi_wirausaha); kriteria penilaiannya ditetapkan dalam evaluasi tersebut, bukan oleh "
    "buku kerja ini.",
    "Skala kategori capaian dan batas atas capaian berbeda antarinstansi; keduanya adalah "
    "pengaturan (sumber_data.yaml).",
    "Target PK (Perjanjian Kinerja) tahun laporan dianggap sama dengan target Renstra "
    "(Keputusan IKU, Tabel 3.2) karena data Perjanjian Kinerja belum tersedia.",
    f"Peringkat kabupaten/kota hanya diberikan bila penyebutnya paling sedikit "
    f"{PENYEBUT_MINIMUM} unit; wilayah dengan penyebut lebih kecil ditampilkan tanpa "
    "peringkat.",
)
PANJANG_HASH = 12
#: The logo on the cover: this file in the data folder, if present (PNG or JPEG).
BERKAS_LOGO = ("logo.png", "logo.jpg", "logo.jpeg")
UKURAN_LOGO_MAKS = 2_000_000
PREDIKAT_RENDAH = ("CC", "C", "D")
KATEGORI_BAIK = ("Sangat Tinggi", "Tinggi")


def aman(teks: object) -> str:
    """Escape any text for HTML; None/NaN become an en dash (for callers outside the
    templates; the templates escape by themselves)."""
    if teks is None or (isinstance(teks, float) and teks != teks):
        return fmt.KOSONG
    return escape(str(teks), quote=True)


def kelas_kategori(kategori: str | None) -> str:
    teks = (kategori or KATEGORI_TIDAK_TERUKUR).lower().replace(" ", "-")
    return "kategori-" + re.sub(r"[^a-z-]", "", teks)


def _html(teks: str):
    from IPython.display import HTML

    return HTML(teks)


def _ada(x: object) -> bool:
    return x is not None and not (isinstance(x, float) and x != x) and not pd.isna(x)


def _sel(teks: object, kelas: str = "") -> dict:
    """A table cell with a CSS class (e.g. a kategori colour)."""
    return {"teks": fmt.KOSONG if not _ada(teks) else str(teks), "kelas": kelas}


def _nomor(kode: str) -> str:
    return fmt.nama_iku(kode)


class _Isi(dict):
    """A narrative part: a missing sub-part ("umum", "IKU3") reads as None."""

    def __missing__(self, kunci):
        return None


class _Daftar:
    """Tables and figures in document order, for the daftar tabel / daftar gambar.
    Numbers are not computed here: CSS counters number them, target-counter() lists them."""

    def __init__(self):
        self.tabel: list[dict] = []
        self.gambar: list[dict] = []
        self._tertunda: list[tuple[dict, object]] = []  # (entry, figure) to save as SVG

    def tabel_baru(self, id_: str, judul: str, sumber: str, kepala: list[str],
                   baris: list[list], angka: tuple[int, ...] = (), jumlah: list[list] = (),
                   kelas: str = "", lampiran: bool = False, kelompok: list | None = None) -> dict:
        t = {"id": id_, "judul": judul, "sumber": sumber, "kepala": kepala,
             "baris": [[c if isinstance(c, dict) else _sel(c) for c in b] for b in baris],
             "jumlah": [[c if isinstance(c, dict) else _sel(c) for c in b] for b in jumlah],
             "angka": set(angka), "kelas": kelas, "lampiran": lampiran, "kelompok": kelompok}
        self.tabel.append(t)
        return t

    def gambar_baru(self, id_: str, judul: str, sumber: str, fig) -> dict:
        """A figure entry; its ``svg`` is filled in by ``simpan_gambar``."""
        g = {"id": id_, "judul": judul, "sumber": sumber, "svg": None}
        self.gambar.append(g)
        self._tertunda.append((g, fig))
        return g

    def simpan_gambar(self) -> None:
        """Every figure not yet saved, as SVG (``svg_banyak``: on two cores), then closed."""
        import matplotlib.pyplot as plt

        svg = svg_banyak([(fig, g["judul"]) for g, fig in self._tertunda])
        for (g, fig), s in zip(self._tertunda, svg, strict=True):
            g["svg"] = s
            plt.close(fig)
        self._tertunda = []


@dataclass
class Laporan:
    """The report's content for one year; methods render its parts."""

    hasil: HasilIKU
    tanggal: date
    parameter: dict = field(default_factory=dict)
    jenis: str = "lkjip"

    def __post_init__(self):
        if self.jenis not in JENIS_LAPORAN:
            raise ParameterError(f"jenis laporan harus salah satu dari {', '.join(JENIS_LAPORAN)}",
                                 self.jenis, "jenis")
        ringkasan_anggaran = getattr(self.hasil, "anggaran", None)
        if (self.anggaran is None and ringkasan_anggaran is not None
                and not ringkasan_anggaran.per_program.empty):
            # the budget as hitung computed it (the same numbers as anggaran-iku-<tahun>.csv)
            self.anggaran = [{"program": r["program"], "pagu": r["pagu"],
                              "realisasi": r["realisasi"], "serapan": r["serapan_persen"]}
                             for _, r in ringkasan_anggaran.per_program.iterrows()]
            self.kalimat_anggaran = list(ringkasan_anggaran.kalimat)

    @property
    def data(self) -> DataIKU:
        return self.hasil.data

    @property
    def tahun(self) -> int:
        return self.hasil.tahun

    @property
    def tahun_lalu(self) -> int:
        """The year before, through Periode (the one definition of "the period before")."""
        return Periode(self.tahun).tahun_lalu().tahun

    @property
    def contoh(self) -> bool:
        return self.data.ada_data_contoh

    @property
    def lkjip(self) -> bool:
        return self.jenis == "lkjip"

    @property
    def judul(self) -> str:
        if self.lkjip:
            return f"Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun {self.tahun}"
        return f"Laporan Capaian Indikator Kinerja Utama Tahun {self.tahun}"

    # ------------------------------------------------------------------ view-models
    @cached_property
    def narasi_mentah(self) -> dict | None:
        return baca_narasi(self.data.data_dir, self.tahun)

    @cached_property
    def narasi(self) -> dict[str, dict]:
        """Per part: {"umum": Markup|None, "IKU1": Markup...}; missing parts warn."""
        mentah = self.narasi_mentah or {}
        hasil = {}
        dipakai = BAGIAN_RINGKAS if not self.lkjip else [k for k, *_ in BAGIAN_NARASI]
        for kunci, judul, tempat, wajib in BAGIAN_NARASI:
            isi = _Isi({s: _markup(markdown_aman(t)) for s, t in mentah.get(kunci, {}).items()})
            hasil[kunci] = isi
            if wajib and kunci in dipakai and not isi:
                self.peringatan_laporan.append(
                    f"Narasi analis '{judul}' ({tempat}) belum diisi di berkas "
                    f"narasi/{self.tahun}.md.")
        if mentah.get("_tidak_dikenal", {}).get("umum"):
            for j in mentah["_tidak_dikenal"]["umum"].splitlines():
                self.peringatan_laporan.append(
                    f"Judul bagian '## {j}' di narasi/{self.tahun}.md tidak dikenal; "
                    "teksnya tidak dicetak.")
        pendahuluan = mentah.get("_pendahuluan", {}).get("umum", "")
        hasil["_pendahuluan"] = _markup(markdown_aman(pendahuluan)) if pendahuluan.strip() else None
        return hasil

    @cached_property
    def peringatan_laporan(self) -> list[str]:
        """Warnings about the report itself (narrative, signer), beside the data warnings."""
        return []

    @cached_property
    def penandatangan(self) -> dict | None:
        p = self.data.penandatangan
        if not p or not any(p.values()):
            self.peringatan_laporan.append(
                "Bagian 'penandatangan' di sumber_data.yaml tidak ada: blok tanda tangan "
                "dicetak kosong untuk diisi tangan.")
            return None
        kosong = [k for k in ("tempat", "jabatan", "nama", "nip") if not p.get(k)]
        if kosong:
            self.peringatan_laporan.append(
                f"Penandatangan di sumber_data.yaml belum lengkap: {', '.join(kosong)} kosong.")
        return p

    @cached_property
    def logo(self) -> str | None:
        """The cover logo as a data URL (a local file in the data folder only)."""
        folder = Path(self.data.data_dir).resolve()
        for nama in BERKAS_LOGO:
            p = (folder / nama)
            if p.is_file() and p.resolve().is_relative_to(folder):
                isi = p.read_bytes()
                jenis = ("png" if isi.startswith(b"\x89PNG") else
                         "jpeg" if isi.startswith(b"\xff\xd8") else None)
                if jenis is None or len(isi) > UKURAN_LOGO_MAKS:
                    self.peringatan_laporan.append(
                        f"Berkas {nama} bukan PNG/JPEG atau lebih dari 2 MB; logo tidak dicetak.")
                    return None
                return f"data:image/{jenis};base64," + base64.b64encode(isi).decode("ascii")
        return None

    @cached_property
    def _ringkasan(self) -> pd.DataFrame:
        return self.hasil.ringkasan.set_index("kode_iku")

    def kalimat_hasil(self, kode: str) -> str:
        b = self._ringkasan.loc[kode]
        # the kategori rates the size of the capaian: "92,31% (Sangat Tinggi)" alone read as
        # a target met where the Ikhtisar counts it as not met
        tidak = "; target tidak tercapai" if b["capaian_persen"] < 100 else ""
        return (f"Realisasi {_nomor(kode)} tahun {self.tahun} sebesar "
                f"{nilai_satuan(b['realisasi'], b['satuan'])} dari target "
                f"{nilai_satuan(b['target'], b['satuan'])}; capaian "
                f"{fmt.persen(b['capaian_persen'])} ({b['kategori']}{tidak}).")

    def _kalimat_perubahan(self, kode: str) -> str:
        b = self._ringkasan.loc[kode]
        satuan = b["satuan"]
        if not _ada(b["realisasi_sebelumnya"]):
            return (f"Realisasi tahun {self.tahun_lalu} tidak dapat dihitung dari data yang "
                    "tersedia, sehingga tidak ada pembanding tahun lalu.")
        arah = "naik" if b["perubahan"] > 0 else "turun" if b["perubahan"] < 0 else "tetap"
        poin = fmt.poin(satuan)
        besar = "" if arah == "tetap" else f" {fmt.angka(abs(b['perubahan']))} {poin}"
        return (f"Dibanding tahun {self.tahun_lalu} "
                f"({nilai_satuan(b['realisasi_sebelumnya'], satuan)}), realisasi {arah}{besar}.")

    def _kalimat_jangka_menengah(self, kode: str) -> list[str]:
        b = self._ringkasan.loc[kode]
        satuan = b["satuan"]
        akhir = config.TAHUN_AKHIR_RENSTRA
        kalimat = [f"Terhadap target akhir Renstra tahun {akhir} "
                   f"({nilai_satuan(b['target_akhir'], satuan)}), realisasi {self.tahun} "
                   f"setara {fmt.persen(b['progres_target_akhir_persen'])} dari target akhir "
                   "tersebut."]
        if b["kekurangan"] == 0:
            kalimat.append(f"Target {_nomor(kode)} tahun {self.tahun} telah terpenuhi.")
        elif _ada(b["kekurangan"]):
            jumlah = teks_kekurangan(b["kekurangan"], kode)  # units, or index points
            syarat = "" if not REGISTRI[kode].kekurangan_bilangan_bulat else (
                " (pada penyebut yang sama; dihitung sampai realisasi yang dibulatkan dua "
                "desimal mencapai target)")
            kalimat.append(f"Kekurangan terhadap target {self.tahun}: {jumlah} "
                           f"{b['satuan_kekurangan']}{syarat}.")
        return kalimat

    def kalimat_kategori_predikat(self) -> str | None:
        """When capaian's kategori and the RB predikat tell different stories, say both."""
        if "IKU4" not in self._ringkasan.index:
            return None
        b = self._ringkasan.loc["IKU4"]
        predikat = self.hasil.predikat_rb
        turun = _ada(b["perubahan"]) and b["perubahan"] < 0
        rendah = predikat in PREDIKAT_RENDAH
        if b["kategori"] in KATEGORI_BAIK and (rendah or turun):
            alasan, mutu = [], []
            if turun:
                alasan.append(f"nilai indeks turun dari {fmt.angka(b['realisasi_sebelumnya'])} "
                              f"menjadi {fmt.angka(b['realisasi'])}")
                mutu.append("nilai indeks reformasi birokrasi menurun dari tahun lalu")
            if rendah:
                alasan.append(f"predikat indeks RB {predikat}")
                mutu.append(f"predikat {predikat} masih di bawah B (Baik)")
            capaian = b["capaian_persen"]
            target = ("target tahun ini terlampaui" if capaian > 100 else
                      "target tahun ini tercapai" if capaian == 100 else
                      "target tahun ini tidak tercapai")
            # a contrast only when the target was met; shortfalls are listed together
            bersama = (f"{target}, sedangkan {gabung_kata(mutu)}" if capaian >= 100
                       else gabung_kata([target, *mutu]))
            skala = (" Kategori menilai realisasi terhadap target tahun ini; predikat menilai "
                     "nilai indeks itu sendiri menurut skala PermenPANRB." if rendah else "")
            return (f"Capaian IKU 4 berkategori {b['kategori']} ({fmt.persen(capaian)} "
                    f"dari target), tetapi {' dan '.join(alasan)}.{skala} Keduanya dibaca "
                    f"bersama: {bersama}.")
        return None

    @cached_property
    def daftar(self) -> _Daftar:
        """Build every table and figure once, in document order."""
        d = _Daftar()
        self._bab2 = self._buat_bab2(d) if self.lkjip else None
        self._bab3 = self._buat_bab3(d)
        self._lamp = self._buat_lampiran(d)
        d.simpan_gambar()
        return d

    # ---- Bab II
    def _buat_bab2(self, d: _Daftar) -> dict:
        kat = self.data.katalog
        sumber_keputusan = "Keputusan IKU, Lampiran dan Tabel 3.1"
        tahun = sorted(int(t) for t in self.data.target["tahun"].unique())
        t = self.data.target.pivot_table(index="kode_iku", columns="tahun", values="target")
        renstra = d.tabel_baru(
            "tab-renstra", "Target IKU dalam Rencana Strategis",
            "Keputusan IKU, Tabel 3.2",
            ["IKU", "Satuan"] + [str(x) for x in tahun],
            [[_nomor(k), v["satuan"]] + [fmt.angka(t.loc[k, x]) if k in t.index else None
                                         for x in tahun] for k, v in kat.items()],
            angka=tuple(range(2, 2 + len(tahun))), kelas="utuh")
        iku = d.tabel_baru(
            "tab-iku", "Indikator Kinerja Utama dan formulanya",
            sumber_keputusan, ["No", "Tujuan/Sasaran", "Indikator Kinerja Utama", "Satuan",
                               "Formula"],
            [[v["nomor"], v["sasaran"], v["indikator"], v["satuan"], v["formula"]]
             for v in kat.values()], kelas="tabel-rapat")
        ada_pk = self.ada_pk
        pk = d.tabel_baru(
            "tab-pk", f"Perjanjian Kinerja Tahun {self.tahun}",
            (self._sumber_singkat("perjanjian_kinerja")[:-len("; diolah")] if ada_pk else
             "Keputusan IKU, Tabel 3.2 (target Renstra tahun berjalan)"),
            ["No", "Sasaran", "Indikator Kinerja", "Satuan", f"Target Renstra {self.tahun}",
             f"Target PK {self.tahun}"],
            [[v["nomor"], v["sasaran"], v["indikator"], v["satuan"],
              nilai_satuan(t.loc[k, self.tahun] if k in t.index and self.tahun in t.columns
                           else None, v["satuan"]),
              # with a PK file, an IKU it leaves out has no PK target (a warning says so)
              nilai_satuan(self._target_pk(k) if ada_pk else self._ringkasan.loc[k, "target"],
                           v["satuan"])]
             for k, v in kat.items()], angka=(4, 5), kelas="utuh")
        return {"tab_iku": iku, "tab_renstra": renstra, "tab_pk": pk, "ada_pk": ada_pk}

    def _target_pk(self, kode: str) -> float | None:
        """The year's target in the Perjanjian Kinerja file, None when it has no row for
        ``kode`` (that IKU is then measured against its Renstra target)."""
        from .indikator.periode import Periode
        from .nasional import target_pk

        return target_pk(self.data, kode, Periode(self.tahun))

    @property
    def ada_pk(self) -> bool:
        """True when the data folder holds Perjanjian Kinerja targets for this year."""
        pk = getattr(self.data, "tabel", {}).get("perjanjian_kinerja")
        return pk is not None and bool((pk["tahun"] == self.tahun).any())

    # ---- Bab III
    def _sumber(self, kunci: str) -> str:
        s = self.data.sumber_dari(kunci)
        return "–" if s is None else f"{s.sumber} ({Path(s.berkas).name}, status {s.status})"

    def _sumber_singkat(self, *kunci: str) -> str:
        bagian = []
        for k in kunci:
            s = self.data.sumber_dari(k)
            if s is not None:
                bagian.append(f"{NAMA_MASUKAN.get(k, k)}: {Path(s.berkas).name}, status {s.status}")
        return "; ".join(bagian) + "; diolah"

    def _buat_bab3(self, d: _Daftar) -> dict:
        from . import grafik

        r = self.hasil.ringkasan
        baris, kelompok = [], []
        for _, b in r.iterrows():
            baris.append([b["nomor"], b["sasaran"], b["indikator"], b["satuan"],
                          fmt.angka(b["target"]), fmt.angka(b["realisasi"]),
                          fmt.angka(b["capaian_persen"]),
                          _sel(b["kategori"], kelas_kategori(b["kategori"]))])
        # rows grouped by sasaran: the sasaran cell spans its indicators
        for i, b in enumerate(baris):
            awal = i == 0 or baris[i - 1][1] != b[1]
            kelompok.append(sum(1 for x in baris[i:] if x[1] == b[1]) if awal else 0)
        semua = ("tenaga_kerja_kukm", "penduduk_bekerja", "evaluasi_koperasi",
                 "evaluasi_usaha_kecil", "indeks_rb")
        pengukuran = d.tabel_baru(
            "tab-pengukuran", f"Pengukuran kinerja tahun {self.tahun}",
            self._sumber_singkat(*semua),
            ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)",
             "Kategori"], baris, angka=(4, 5, 6), kelas="tabel-pengukuran", kelompok=kelompok)
        g_capaian = d.gambar_baru("gbr-capaian", f"Capaian keempat IKU tahun {self.tahun}",
                                  "Tabel pengukuran kinerja; diolah",
                                  grafik.grafik_capaian(self.hasil.tabel, judul=""))
        per_iku = [self._buat_iku(d, k) for k in self.hasil.tabel["kode_iku"]]
        jumlah = self.hasil.tabel["kategori"].value_counts()
        urutan = [t.kategori for t in self.data.pengaturan.skala_kategori]
        sebaran = ", ".join(f"{jumlah[k]} IKU {k}" for k in urutan if k in jumlah)
        p = getattr(self.hasil, "perbandingan", None)
        return {"tab_pengukuran": pengukuran, "gbr_capaian": g_capaian, "iku": per_iku,
                "sebaran": sebaran, "anggaran_tabel": self._buat_anggaran(d),
                "efisiensi": self._buat_efisiensi(d),
                "tanpa_pembanding": p.kalimat_tanpa_pembanding if p is not None else None}

    def _buat_efisiensi(self, d: _Daftar) -> dict | None:
        """Bab III.B: pagu, realisasi, serapan, capaian and efficiency per IKU, and the
        capaian x serapan chart, with the method chosen in pengaturan.metode_efisiensi."""
        from . import grafik
        from .anggaran import PENJELASAN_METODE

        ringkasan = getattr(self.hasil, "anggaran", None)
        # no budget rows for the year: Bab III.B says so and draws nothing, so nothing
        # goes into the daftar tabel / daftar gambar either
        if ringkasan is None or self.anggaran is None:
            return None
        metode = PENJELASAN_METODE[ringkasan.metode]
        if not self.lkjip:
            # the short report has no Bab III.B: only the method, stated in its Lampiran
            return {"tabel": None, "gambar": None, "metode": metode}
        t = ringkasan.per_iku
        sisa = ringkasan.metode == "sisa_anggaran"
        tabel = d.tabel_baru(
            "tab-efisiensi", f"Anggaran, capaian dan efisiensi per IKU tahun {self.tahun}",
            self._sumber_singkat("anggaran") + " (capaian: Tabel pengukuran kinerja)",
            ["IKU", "Pagu", "Realisasi", "Serapan", "Capaian", "Porsi pagu",
             "Sisa anggaran" if sisa else "Indeks efisiensi", "Penilaian"],
            # "IKU 1" on one line of the narrow first column
            [[_nomor(r["kode_iku"]).replace(" ", "\u00a0"), fmt.rupiah(r["pagu"]),
              fmt.rupiah(r["realisasi"]),
              fmt.persen(r["serapan_persen"]), fmt.persen(r["capaian_persen"]),
              fmt.persen(r["porsi_anggaran_persen"]),
              (fmt.persen if sisa else fmt.angka)(r["nilai_efisiensi"]),
              r["label_efisiensi"]] for _, r in t.iterrows()], angka=(1, 2, 3, 4, 5, 6),
            jumlah=self._jumlah_efisiensi(ringkasan), kelas="tabel-rapat")
        gambar = d.gambar_baru(
            "gbr-efisiensi", f"Capaian kinerja dan serapan anggaran per IKU tahun {self.tahun}",
            self._sumber_singkat("anggaran") + " (capaian: Tabel pengukuran kinerja)",
            grafik.grafik_kuadran_efisiensi(t))
        return {"tabel": tabel, "gambar": gambar, "metode": metode}

    @staticmethod
    def _jumlah_efisiensi(ringkasan) -> list[list]:
        """The per-IKU budget table's closing rows (``RingkasanAnggaran.baris_penutup``),
        formatted: the table adds up to Tabel 'Realisasi anggaran per program'."""
        return [[r["kode_iku"], fmt.rupiah(r["pagu"]), fmt.rupiah(r["realisasi"]),
                 fmt.persen(r["serapan_persen"]), "", fmt.persen(r["porsi_anggaran_persen"]),
                 "", ""] for _, r in ringkasan.baris_penutup().iterrows()]

    def _jumlah_anggaran(self) -> tuple[float, float, float | None] | None:
        """The year's total pagu, realisasi and serapan, for the budget table and the
        ikhtisar; None without budget rows."""
        from .anggaran import serapan

        if not self.anggaran:
            return None
        pagu = sum(a["pagu"] for a in self.anggaran)
        realisasi = sum(a["realisasi"] for a in self.anggaran)
        return pagu, realisasi, serapan(pagu, realisasi)

    def _buat_anggaran(self, d: _Daftar) -> dict | None:
        if self.anggaran is None:
            return None
        pagu, realisasi, serapan_jumlah = self._jumlah_anggaran() or (0, 0, None)
        return d.tabel_baru(
            "tab-anggaran", f"Realisasi anggaran per program tahun {self.tahun}",
            self._sumber_singkat("anggaran"),
            ["Program", "Pagu", "Realisasi", "Serapan"],
            [[a["program"], fmt.rupiah(a["pagu"]), fmt.rupiah(a["realisasi"]),
              fmt.persen(a["serapan"])] for a in self.anggaran], angka=(1, 2, 3),
            jumlah=[["Jumlah", fmt.rupiah(pagu), fmt.rupiah(realisasi),
                     fmt.persen(serapan_jumlah)]])

    #: Budget rows (program, pagu, realisasi, serapan) when budget data exists. None =
    #: not yet available: Bab III.B says so and the Swaperiksa LKE marks it. A later
    #: loader sets this (e.g. ``lap.anggaran = [...]``) before any section is rendered.
    anggaran: list[dict] | None = None
    #: Sentences about budget and result (e.g. absorbed but target not met), when known.
    kalimat_anggaran: list[str] = field(default_factory=list)

    def _buat_iku(self, d: _Daftar, kode: str) -> dict:
        from . import grafik

        iku = self.data.katalog[kode]
        b = self._ringkasan.loc[kode]
        satuan = iku["satuan"]
        k = kode.lower()
        blok: list[dict] = []
        if kode == "IKU4":
            komponen = None
        else:
            sumber_pembilang = {"IKU1": "tenaga_kerja_kukm", "IKU2": "evaluasi_koperasi",
                                "IKU3": "evaluasi_usaha_kecil"}[kode]
            sumber_penyebut = {"IKU1": "penduduk_bekerja", "IKU2": "evaluasi_koperasi",
                               "IKU3": "evaluasi_usaha_kecil"}[kode]
            uraian_pembilang = iku["pembilang"]
            if kode == "IKU1":
                w = self.hasil.wilayah
                tk = self.data.tenaga_kerja_kukm
                tk = tk[(tk["tahun"] == self.tahun) & tk["kode_wilayah"].isin(w["kode_wilayah"])]
                uraian_pembilang += (f" (koperasi {fmt.bilangan(tk['tenaga_kerja_koperasi'].sum())}"
                                     f" + UKM {fmt.bilangan(tk['tenaga_kerja_ukm'].sum())})")
            uraian_penyebut = iku["penyebut"]
            if kode in DIEVALUASI:  # the decree says "seluruh"; the data are those evaluated
                uraian_penyebut += f" (diukur atas {DIEVALUASI[kode]} tahun {self.tahun})"
            if isinstance(b.get("sumber_penyebut"), str):
                uraian_penyebut += f" (dipakai: {b['sumber_penyebut']})"
            komponen = d.tabel_baru(
                f"tab-{k}-komponen", f"Pembilang dan penyebut {_nomor(kode)} tahun {self.tahun}",
                self._sumber_singkat(*dict.fromkeys((sumber_pembilang, sumber_penyebut))),
                ["Komponen", "Uraian", "Nilai"],
                [["Pembilang", uraian_pembilang, fmt.bilangan(b["pembilang"])],
                 ["Penyebut", uraian_penyebut, fmt.bilangan(b["penyebut"])],
                 ["Realisasi", "Pembilang ÷ penyebut × 100", nilai_satuan(b["realisasi"], satuan)]],
                angka=(2,), kelas="utuh")
        blok += getattr(self, f"_rinci_{k}")(d)
        riwayat = self.hasil.riwayat[self.hasil.riwayat["kode_iku"] == kode]
        baris_riwayat = []
        for _, r in riwayat.iterrows():
            kategori = r["kategori"] if isinstance(r["kategori"], str) else None
            baris_riwayat.append([
                str(int(r["tahun"])) + (" (dasar)" if pd.isna(r["target"]) else ""),
                nilai_satuan(r["target"], satuan), nilai_satuan(r["realisasi"], satuan),
                fmt.persen(r["capaian_persen"]),
                _sel(kategori, kelas_kategori(kategori)) if kategori else fmt.KOSONG])
        sumber_iku = {"IKU1": ("tenaga_kerja_kukm", "penduduk_bekerja"),
                      "IKU2": ("evaluasi_koperasi",), "IKU3": ("evaluasi_usaha_kecil",),
                      "IKU4": ("indeks_rb",)}[kode]
        tab_riwayat = d.tabel_baru(
            f"tab-{k}-riwayat", f"Realisasi dan capaian {_nomor(kode)} per tahun",
            self._sumber_singkat("target_iku", *(("perjanjian_kinerja",) if self.ada_pk
                                                 else ()), *sumber_iku),
            ["Tahun", "Target", "Realisasi", "Capaian", "Kategori"], baris_riwayat,
            angka=(1, 2, 3), kelas="utuh")
        g_tren = d.gambar_baru(
            f"gbr-{k}-tren", f"Realisasi dan target {_nomor(kode)} per tahun",
            self._sumber_singkat("target_iku", *(("perjanjian_kinerja",) if self.ada_pk
                                                 else ()), *sumber_iku),
            grafik.grafik_tren(self.hasil.riwayat, kode, satuan, judul=""))
        narasi = {bag: (self.narasi[bag].get(kode), bool(self.narasi[bag].get("umum")))
                  for bag in ("penyebab", "efisiensi", "program")}
        return {"kode": kode, "id": f"iku-{k}", "nomor": iku["nomor"], "label": _nomor(kode),
                "indikator": iku["indikator"], "sasaran": iku["sasaran"], "satuan": satuan,
                "penjelasan": iku["penjelasan"], "formula": iku["formula"],
                "sumber_data": iku["sumber_data"], "penanggung_jawab": iku["penanggung_jawab"],
                "kalimat_hasil": self.kalimat_hasil(kode),
                "perubahan": self._kalimat_perubahan(kode),
                "jangka_menengah": self._kalimat_jangka_menengah(kode),
                "standar_nasional": self._kalimat_pembanding(kode),
                "kalimat_pk": self._kalimat_pk(kode),
                "efisiensi_data": self._kalimat_efisiensi(kode),
                "triwulan": self._buat_triwulan(d, kode),
                "komponen": komponen, "riwayat": tab_riwayat, "gbr_tren": g_tren, "blok": blok,
                "narasi": narasi, "sumber_nilai": self._sumber(sumber_iku[0])}

    def _kalimat_pembanding(self, kode: str) -> list[str]:
        """Analysis 4: the year's value against each comparator (pembanding table), with
        its source and the gap; without one, a short pointer (the full sentence naming
        every IKU without comparator is said once, before the per-IKU sections)."""
        from .anggaran import kalimat_selisih

        satuan = self.data.katalog[kode]["satuan"]
        p = getattr(self.hasil, "perbandingan", None)
        kalimat = []
        if p is not None:
            for _, r in p.tabel[p.tabel["kode_iku"] == kode].iterrows():
                kalimat.append(kalimat_selisih(_nomor(kode), r["pembanding"], r["realisasi"],
                                               r["nilai"], r["selisih"], r["sumber"], satuan))
        if not kalimat:
            kalimat.append("Belum ada data pembanding untuk indikator ini; pembandingnya "
                           "adalah target.")
        if kode == "IKU4":
            kalimat.append("Predikat indeks mengikuti skala indeks RB PermenPANRB.")
        return kalimat

    def _kalimat_pk(self, kode: str) -> str | None:
        """The Perjanjian Kinerja target against the Renstra's, when the folder has a PK."""
        from .anggaran import kalimat_target_pk

        if not self.ada_pk:
            return None
        b = self._ringkasan.loc[kode]
        pk = self._target_pk(kode)
        teks = kalimat_target_pk(self.tahun, pk, b.get("target_renstra"),
                                 self.data.katalog[kode]["satuan"])
        teks = teks[0].upper() + teks[1:] + "; capaian diukur terhadap target " + (
            "PK" if pk is not None else "Renstra")
        # the PK target differs from the Renstra's (to 2 decimals, as the sentence says)
        if _ada(b["target"]) and _ada(b.get("target_renstra")) \
                and bulatkan(float(b["target"])) != bulatkan(float(b["target_renstra"])) \
                and _ada(b.get("capaian_renstra")):
            teks += (f". Terhadap target Renstra, capaiannya "
                     f"{fmt.persen(b['capaian_renstra'])} (kategori {b['kategori_renstra']})")
        return teks + "."

    def _kalimat_efisiensi(self, kode: str) -> str | None:
        """Analysis 6 in numbers: pagu, realisasi, serapan and efficiency of this IKU."""
        ringkasan = getattr(self.hasil, "anggaran", None)
        if ringkasan is None:
            return None
        r = ringkasan.per_iku.set_index("kode_iku").loc[kode]
        if pd.isna(r["pagu"]):
            return (f"Tidak ada baris anggaran tahun {self.tahun} yang dikaitkan dengan "
                    f"{_nomor(kode)}, sehingga efisiensinya tidak dapat dihitung.")
        nilai = ("" if pd.isna(r["nilai_efisiensi"]) else
                 f" {fmt.angka(r['nilai_efisiensi'])}" + ("%" if ringkasan.metode ==
                                                          "sisa_anggaran" else ""))
        # where the method is stated: Bab III.B in the LKjIP; the short report has no
        # Bab III.B and states it in its Lampiran B (Aturan perhitungan)
        tempat = "Bagian B" if self.lkjip else "Lampiran B"
        teks = (f"Anggaran yang mendukung {_nomor(kode)}: pagu {fmt.rupiah(r['pagu'])}, "
                f"realisasi {fmt.rupiah(r['realisasi'])} (serapan "
                f"{fmt.persen(r['serapan_persen'])}); capaian {fmt.persen(r['capaian_persen'])}"
                f"; efisiensi{nilai}: {r['label_efisiensi']} (metode pada {tempat}).")
        alasan = r.get("alasan_efisiensi")
        if pd.isna(r["nilai_efisiensi"]) and isinstance(alasan, str) and alasan:
            teks += f" Efisiensi {_nomor(kode)} tidak terukur karena {alasan}."
        return teks

    def _buat_triwulan(self, d: _Daftar, kode: str) -> dict | None:
        """Target and realisasi per quarter (Rencana Aksi), when the folder has quarterly
        data and quarterly targets."""
        from .triwulan import (
            grafik_empat_triwulan,
            kalimat_ambang,
            label_status,
            ringkasan_triwulan,
        )

        if not self._ada_triwulan:
            return None
        # the folder's thresholds (pengaturan.ambang_status_triwulan), as the monev report
        # rates the same quarters
        ambang = self.data.pengaturan.ambang_status_triwulan
        if self._triwulan is None:
            self._triwulan = ringkasan_triwulan(self.data, self.tahun)
        r = self._triwulan[self._triwulan["kode_iku"] == kode]
        if r["target"].isna().all() or r["realisasi"].isna().all():
            return None
        satuan = self.data.katalog[kode]["satuan"]
        k = kode.lower()
        sumber = self._sumber_singkat("perjanjian_kinerja", *REGISTRI[kode].tabel)
        tabel = d.tabel_baru(
            f"tab-{k}-triwulan", f"{_nomor(kode)} per triwulan tahun {self.tahun}", sumber,
            ["Triwulan", "Target (Rencana Aksi)", "Realisasi s.d. triwulan", "Capaian",
             "Status"],
            [[f"TW {ROMAWI[int(b['triwulan'])]}", nilai_satuan(b["target"], satuan),
              nilai_satuan(b["realisasi"], satuan), fmt.persen(b["capaian_persen"]),
              label_status(b["status"])] for _, b in r.iterrows()],
            angka=(1, 2, 3), kelas="utuh")
        gambar = d.gambar_baru(f"gbr-{k}-triwulan", f"{_nomor(kode)} per triwulan tahun "
                               f"{self.tahun}", sumber, grafik_empat_triwulan(r, kode, satuan))
        catatan = None
        if REGISTRI[kode].sifat_data == "nilai_akhir":
            catatan = (f"{_nomor(kode)} bernilai pada satu titik waktu: setiap triwulan memakai "
                       "angka terakhir yang sudah tersedia pada akhir triwulan itu (triwulan "
                       f"I-III: angka tahun {self.tahun_lalu}; triwulan IV: angka tahun "
                       f"{self.tahun}).")
        status = kalimat_ambang(ambang)
        return {"tabel": tabel, "gambar": gambar, "catatan": catatan, "status": status}

    @property
    def _ada_triwulan(self) -> bool:
        pk = self.data.tabel.get("perjanjian_kinerja")
        if pk is None or "target_tw1" not in pk.columns:
            return False
        return any("triwulan" in self.data.tabel[t].columns
                   for d in REGISTRI.values() if d.sifat_data == "kumulatif" for t in d.tabel)

    _triwulan = None

    def _rinci_iku1(self, d: _Daftar) -> list[dict]:
        from . import grafik
        from .indikator import hitung_realisasi

        w = self.hasil.wilayah
        b = self._ringkasan.loc["IKU1"]
        jumlah_tk, jumlah_pb = w["tenaga_kerja_kukm"].sum(), w["penduduk_bekerja"].sum()
        sumber = self._sumber_singkat("tenaga_kerja_kukm", "penduduk_bekerja")
        # each area's change in tenaga kerja KUKM since last year: where the numerator
        # moved (None for an area without last year's row); last year's per-area figures
        # from the indicator's own breakdown
        from .indikator import iku1

        w_lalu = iku1.rinci(self.data, Periode(self.tahun_lalu))["wilayah"]
        lalu = dict(zip(w_lalu["kode_wilayah"], w_lalu["tenaga_kerja_kukm"], strict=True))
        ubah = [r["tenaga_kerja_kukm"] - lalu[r["kode_wilayah"]]
                if r["kode_wilayah"] in lalu else None for _, r in w.iterrows()]
        ada_ubah = [u for u in ubah if u is not None]
        t = d.tabel_baru(
            "tab-iku1-wilayah", f"IKU 1 per kabupaten/kota tahun {self.tahun}", sumber,
            ["Kabupaten/Kota", "Tenaga kerja KUKM", f"Perubahan dari {self.tahun_lalu}",
             "Penduduk bekerja", "Proporsi"],
            [[r["nama_wilayah"], fmt.bilangan(r["tenaga_kerja_kukm"]),
              fmt.angka_bertanda(u, 0), fmt.bilangan(r["penduduk_bekerja"]),
              fmt.persen(r["iku1_persen"])]
             for (_, r), u in zip(w.iterrows(), ubah, strict=True)], angka=(1, 2, 3, 4),
            jumlah=[["Jumlah kabupaten/kota", fmt.bilangan(jumlah_tk),
                     fmt.angka_bertanda(sum(ada_ubah), 0) if len(ada_ubah) == len(ubah)
                     else fmt.KOSONG, fmt.bilangan(jumlah_pb),
                     fmt.persen(hitung_realisasi(jumlah_tk, jumlah_pb) if jumlah_pb else None)],
                    [f"Dipakai untuk IKU 1 (penyebut: {b['sumber_penyebut']})",
                     fmt.bilangan(b["pembilang"]), "", fmt.bilangan(b["penyebut"]),
                     fmt.persen(b["realisasi"])]])
        g = d.gambar_baru("gbr-iku1-wilayah", f"Proporsi tenaga kerja koperasi dan UKM per "
                          f"kabupaten/kota tahun {self.tahun}", sumber, grafik.grafik_wilayah(
                              w, "iku1_persen", "", acuan=b["realisasi"],
                              penyebut="penduduk_bekerja"))
        return [{"jenis": "subjudul", "teks": "Rincian per kabupaten/kota"},
                {"jenis": "tabel", "tabel": t}, {"jenis": "gambar", "gambar": g}]

    def _rinci_iku2(self, d: _Daftar) -> list[dict]:
        k = self.hasil.koperasi
        b = self._ringkasan.loc["IKU2"]
        perlu = pembilang_minimum(b["target"], b["penyebut"])
        sumber = self._sumber_singkat("evaluasi_koperasi")
        meningkat = k[k["meningkat"]]
        blok = [{"jenis": "subjudul", "teks": "Koperasi yang meningkat kualitasnya"},
                {"jenis": "teks", "teks": (
                    f"Koperasi dihitung meningkat bila pada tahun {self.tahun} melaksanakan RAT "
                    f"serta volume usaha dan asetnya sama-sama lebih besar daripada tahun "
                    f"{self.tahun_lalu}. Koperasi tanpa data tahun {self.tahun_lalu} hanya "
                    "dihitung pada penyebut." + (
                        f" Target {fmt.persen(b['target'])} dari {fmt.bilangan(b['penyebut'])} "
                        f"koperasi yang dievaluasi setara dengan {fmt.bilangan(perlu)} koperasi "
                        "yang meningkat kualitasnya." if perlu is not None else ""))}]
        if len(meningkat):
            blok.append({"jenis": "tabel", "tabel": d.tabel_baru(
                "tab-iku2-koperasi", f"Koperasi yang meningkat kualitasnya tahun {self.tahun}",
                sumber, ["Koperasi", "Nomor induk", "Wilayah",
                         f"Volume usaha {self.tahun_lalu} (Rp)",
                         f"Volume usaha {self.tahun} (Rp)", f"Aset {self.tahun_lalu} (Rp)",
                         f"Aset {self.tahun} (Rp)"],
                # rupiah in the headers: the cells' long numbers then fit the page width
                [[r["nama_koperasi"], r["nomor_induk_koperasi"], r["nama_wilayah"],
                  fmt.bilangan(r["volume_usaha_sebelumnya"]), fmt.bilangan(r["volume_usaha"]),
                  fmt.bilangan(r["aset_sebelumnya"]), fmt.bilangan(r["aset"])]
                 for _, r in meningkat.iterrows()], angka=(3, 4, 5, 6), kelas="tabel-kecil")})
        else:
            blok.append({"jenis": "teks", "teks": "Tidak ada koperasi yang memenuhi ketiga "
                         "kriteria."})
        gagal = k[~k["meningkat"]]
        alasan = [("Tidak melaksanakan RAT", int((~gagal["lolos_rat"]).sum())),
                  ("Volume usaha tidak naik", int((gagal["ada_data_sebelumnya"]
                                                   & ~gagal["lolos_volume_usaha"]).sum())),
                  ("Aset tidak naik", int((gagal["ada_data_sebelumnya"]
                                           & ~gagal["lolos_aset"]).sum())),
                  ("Tidak ada data tahun sebelumnya", int((~gagal["ada_data_sebelumnya"]).sum()))]
        w = self.hasil.wilayah
        blok += [
            {"jenis": "teks", "teks": "Koperasi yang belum memenuhi kriteria menurut kriteria yang "
             "tidak terpenuhi (satu koperasi dapat tidak memenuhi lebih dari satu kriteria; "
             "daftar lengkap per koperasi ada pada berkas XLSX yang menyertai laporan ini):"},
            {"jenis": "tabel", "tabel": d.tabel_baru(
                "tab-iku2-kriteria", f"Koperasi yang belum memenuhi kriteria tahun {self.tahun}",
                sumber, ["Kriteria yang tidak terpenuhi", "Jumlah koperasi"],
                [[a, fmt.bilangan(n)] for a, n in alasan], angka=(1,), kelas="utuh")},
            {"jenis": "tabel", "tabel": d.tabel_baru(
                "tab-iku2-wilayah", f"Koperasi dievaluasi dan meningkat per kabupaten/kota "
                f"tahun {self.tahun}", sumber,
                ["Kabupaten/Kota", "Koperasi dievaluasi", "Koperasi meningkat"],
                [[r["nama_wilayah"], fmt.bilangan(r["koperasi_dievaluasi"]),
                  fmt.bilangan(r["koperasi_meningkat"])] for _, r in w.iterrows()],
                angka=(1, 2), jumlah=[["Jumlah", fmt.bilangan(w["koperasi_dievaluasi"].sum()),
                                       fmt.bilangan(w["koperasi_meningkat"].sum())]])}]
        return blok

    def _rinci_iku3(self, d: _Daftar) -> list[dict]:
        from . import grafik

        w = self.hasil.wilayah
        sumber = self._sumber_singkat("evaluasi_usaha_kecil")
        kecil = w["usaha_kecil_dievaluasi"] < PENYEBUT_MINIMUM
        t = d.tabel_baru(
            "tab-iku3-wilayah", f"IKU 3 per kabupaten/kota tahun {self.tahun}", sumber,
            ["Kabupaten/Kota", "Usaha kecil dievaluasi", "Menjadi wirausaha", "Persentase"],
            [[r["nama_wilayah"] + (" *" if kc else ""), fmt.bilangan(r["usaha_kecil_dievaluasi"]),
              fmt.bilangan(r["usaha_kecil_menjadi_wirausaha"]), fmt.persen(r["iku3_persen"])]
             for (_, r), kc in zip(w.iterrows(), kecil, strict=True)], angka=(1, 2, 3),
            jumlah=[["Jumlah", fmt.bilangan(w["usaha_kecil_dievaluasi"].sum()),
                     fmt.bilangan(w["usaha_kecil_menjadi_wirausaha"].sum()),
                     fmt.persen(self._ringkasan.loc["IKU3", "realisasi"])]])
        g = d.gambar_baru("gbr-iku3-wilayah", f"Persentase usaha kecil yang menjadi wirausaha "
                          f"per kabupaten/kota tahun {self.tahun}", sumber,
                          grafik.grafik_wilayah(w, "iku3_persen", "",
                                                acuan=self._ringkasan.loc["IKU3", "realisasi"],
                                                penyebut="usaha_kecil_dievaluasi"))
        blok = [{"jenis": "subjudul", "teks": "Rincian per kabupaten/kota"},
                {"jenis": "tabel", "tabel": t}]
        if kecil.any():
            blok.append({"jenis": "catatan", "teks": (
                f"* Kurang dari {PENYEBUT_MINIMUM} usaha kecil dievaluasi: persentasenya terlalu "
                "peka terhadap satu usaha, sehingga wilayah ini tidak diberi peringkat.")})
        blok.append({"jenis": "gambar", "gambar": g})
        return blok

    def _rinci_iku4(self, d: _Daftar) -> list[dict]:
        from . import grafik

        predikat = self.hasil.predikat_rb
        skala = ", ".join(f"{p} > {fmt.angka(b, 0)}" for p, b in SKALA_PREDIKAT_RB) + ", D ≤ 30"
        b = self._ringkasan.loc["IKU4"]
        blok = [{"jenis": "teks", "teks": (
            f"Nilai indeks hasil reviu Biro Organisasi: {fmt.angka(b['realisasi'])}. Predikat "
            f"indeks RB tahun {self.tahun}: {predikat} (skala: {skala}).")}]
        kalimat = self.kalimat_kategori_predikat()
        if kalimat:
            blok.append({"jenis": "penting", "teks": kalimat})
        k = self.hasil.komponen_rb
        if k is None or k.empty:
            return blok + [{"jenis": "teks", "teks": "Rincian komponen indeks tidak tersedia."}]
        sumber = self._sumber_singkat("komponen_rb")
        # last year's value of each component, so that a change in the index can be traced
        # to its components (None when last year has no component rows)
        semua = self.data.komponen_rb
        lalu = None if semua is None else semua[semua["tahun"] == self.tahun_lalu]
        nilai_lalu = ({_kunci_komponen(g, n): v for g, n, v in zip(
            lalu["kelompok"], lalu["komponen"], lalu["nilai"], strict=True)}
                      if lalu is not None and len(lalu) else None)
        kepala = ["Kelompok", "Komponen", "Bobot", "Nilai", "Nilai/bobot"]
        if nilai_lalu is not None:
            kepala[3:4] = [f"Nilai {self.tahun_lalu}", f"Nilai {self.tahun}", "Perubahan"]
        baris = []
        for _, r in k.iterrows():
            sebelum = (nilai_lalu.get(_kunci_komponen(r["kelompok"], r["komponen"]))
                       if nilai_lalu is not None else None)
            nilai = [fmt.angka(r["nilai"])]
            if nilai_lalu is not None:
                nilai = [fmt.angka(sebelum), fmt.angka(r["nilai"]),
                         fmt.angka_bertanda(_selisih([r["nilai"]], [sebelum]))
                         if sebelum is not None else fmt.KOSONG]
            baris.append([str(r["kelompok"]).capitalize(), r["komponen"], fmt.angka(r["bobot"]),
                          *nilai, fmt.persen(r["nilai"] / r["bobot"] * 100 if r["bobot"]
                                             else None)])
        catatan = None
        if nilai_lalu is not None:
            # a component of last year without a match this year (renamed, merged or
            # dropped) keeps its own row, so that both columns add up to their Jumlah
            ini = {_kunci_komponen(g, n) for g, n in zip(k["kelompok"], k["komponen"],
                                                          strict=True)}
            hilang = lalu[[_kunci_komponen(g, n) not in ini for g, n in zip(
                lalu["kelompok"], lalu["komponen"], strict=True)]]
            baru = [n for g, n in zip(k["kelompok"], k["komponen"], strict=True)
                    if _kunci_komponen(g, n) not in nilai_lalu]
            for _, r in hilang.iterrows():
                baris.append([str(r["kelompok"]).capitalize(), r["komponen"], fmt.KOSONG,
                              fmt.angka(r["nilai"]), fmt.KOSONG, fmt.KOSONG, fmt.KOSONG])
            if len(hilang) or baru:
                bagian = []
                if len(hilang):
                    bagian.append(f"komponen {_sebut(hilang['komponen'])} tahun "
                                  f"{self.tahun_lalu} tidak ada pada tahun {self.tahun}")
                if baru:
                    bagian.append(f"komponen {_sebut(baru)} tahun {self.tahun} tidak ada pada "
                                  f"tahun {self.tahun_lalu}")
                catatan = (f"Susunan komponen berbeda antartahun: {'; '.join(bagian)}. "
                           "Perubahan per komponen hanya dihitung untuk komponen yang ada pada "
                           "kedua tahun; periksa penamaan komponen di berkas "
                           f"'{self.data.berkas('komponen_rb')}'.")
        jumlah_nilai = [fmt.angka(k["nilai"].sum())]
        if nilai_lalu is not None:
            jumlah_nilai = [fmt.angka(_selisih(lalu["nilai"], [])), fmt.angka(k["nilai"].sum()),
                            fmt.angka_bertanda(_selisih(k["nilai"], lalu["nilai"]))]
        blok += [{"jenis": "subjudul", "teks": "Komponen indeks reformasi birokrasi"},
                 {"jenis": "tabel", "tabel": d.tabel_baru(
                     "tab-iku4-komponen", f"Komponen indeks reformasi birokrasi tahun {self.tahun}",
                     sumber, kepala, baris,
                     angka=tuple(range(2, len(kepala))), kelas="utuh",
                     jumlah=[["Jumlah", "", fmt.angka(k["bobot"].sum()), *jumlah_nilai, ""]])},
                 *([{"jenis": "penting", "teks": catatan}] if catatan else []),
                 {"jenis": "gambar", "gambar": d.gambar_baru(
                     "gbr-iku4-komponen", f"Nilai dan bobot komponen indeks RB tahun {self.tahun}",
                     sumber, grafik.grafik_komponen_rb(k, judul=""))}]
        return blok

    # ---- Lampiran
    def _buat_lampiran(self, d: _Daftar) -> dict:
        kat = self.data.katalog
        manual = [d.tabel_baru(
            f"tab-manual-{k.lower()}", f"Manual {_nomor(k)}", "Keputusan IKU, Lampiran",
            ["Unsur", "Uraian"],
            [["Indikator", v["indikator"]], ["Tujuan/Sasaran", v["sasaran"]],
             ["Definisi", v["penjelasan"]], ["Formula", v["formula"]],
             ["Satuan", v["satuan"]], ["Arah", "makin tinggi makin baik" if v.get("arah") ==
                                        "naik" else "makin rendah makin baik"],
             ["Sumber data", v["sumber_data"]], ["Penanggung jawab", v["penanggung_jawab"]]],
            kelas="manual utuh", lampiran=True) for k, v in kat.items()] if self.lkjip else []
        sumber = d.tabel_baru(
            "tab-sumber", "Data masukan", "sumber_data.yaml di folder data",
            ["Masukan", "Berkas", "Sumber", "Status", "Baris", "SHA-256 (12 awal)"],
            [[NAMA_MASUKAN.get(s.kunci, s.kunci), Path(s.berkas).name, s.sumber,
              _sel(s.status, f"status-{s.status}"), fmt.bilangan(s.baris),
              _sel(s.sha256[:PANJANG_HASH], "hash")] for s in self.data.sumber],
            angka=(4,), kelas="tabel-rapat", lampiran=True)
        p = self.data.pengaturan
        skala = d.tabel_baru(
            "tab-skala", "Skala kategori capaian", "Pengaturan laporan (sumber_data.yaml)",
            ["Kategori", "Capaian (%)"],
            [[_sel(t.kategori, kelas_kategori(t.kategori)),
              f"> {fmt.angka(t.di_atas)}" if t.di_atas is not None else
              f"≤ {fmt.angka(p.skala_kategori[-2].di_atas)}"] for t in p.skala_kategori],
            kelas="utuh", lampiran=True)
        swa = swaperiksa_lke(self) if self.lkjip else []
        belum = [f"butir {i} ({r['kriteria']})" for i, r in enumerate(swa, start=1)
                 if not r["terpenuhi"]]
        swaperiksa = d.tabel_baru(
            "tab-swaperiksa",
            "Swaperiksa LKE: kriteria Pelaporan yang dapat ditunjukkan laporan ini",
            "LKE AKIP (PermenPANRB 88/2021), komponen Pelaporan; dinilai dari isi laporan ini",
            ["No", "Kriteria", "Terpenuhi", "Dasar penilaian"],
            [[i, r["kriteria"], _sel(("Ya (data contoh)" if self.contoh else "Ya")
                                     if r["terpenuhi"] else "Belum",
                                     "ya" if r["terpenuhi"] else "belum"), r["dasar"]]
             for i, r in enumerate(swa, start=1)],
            lampiran=True, kelas="tabel-rapat") if self.lkjip else None
        parameter = d.tabel_baru(
            "tab-parameter", "Parameter laporan", "Parameter yang dipakai saat laporan ini dibuat",
            ["Parameter", "Nilai"],
            [[NAMA_PARAMETER.get(k, k),
              fmt.tanggal(date.fromisoformat(v)) if k == "tanggal" else
              _nama_folder_data(v) if k == "data_dir" else
              NAMA_JENIS.get(v, v) if k == "jenis" else str(v)]
             for k, v in self.parameter.items()], kelas="utuh", lampiran=True)
        versi = d.tabel_baru(
            "tab-versi", "Versi perangkat lunak", "Paket yang terpasang saat laporan ini dibuat",
            ["Perangkat lunak", "Versi"], [list(x) for x in versi_perangkat_lunak()],
            kelas="utuh", lampiran=True)
        return {"tab_manual": manual, "tab_sumber": sumber, "tab_skala": skala,
                "tab_swaperiksa": swaperiksa, "tab_parameter": parameter, "tab_versi": versi,
                # a "Belum" of the self-check is a gap to close before submission: said
                # among the report's completeness warnings too, not only in its table
                "swaperiksa_belum": (
                    f"Swaperiksa LKE (Bagian E): {len(belum)} dari {len(swa)} kriteria belum "
                    f"terpenuhi: {gabung_kata(belum)}. Lengkapi sebelum laporan diserahkan."
                    if belum else None),
                "batas": ("tidak dibatasi" if p.batas_capaian is None
                          else f"dibatasi paling tinggi {fmt.persen(p.batas_capaian)}"),
                "ambang": fmt.persen(p.ambang_selisih_penyebut_persen),
                "asumsi": [a for a in ASUMSI if not (self.ada_pk and a.startswith("Target PK"))]}

    # ------------------------------------------------------------------ context
    @cached_property
    def konteks(self) -> dict:
        """Everything the templates see: plain values, built once."""
        daftar = self.daftar  # builds bab II, III and the lampiran in document order
        narasi = self.narasi
        penandatangan = self.penandatangan
        meta = self.data.katalog_meta
        r = self._ringkasan
        ikhtisar = [{"label": _nomor(k), "indikator": b["indikator"],
                     "kalimat": self.kalimat_hasil(k), "perubahan": self._kalimat_perubahan(k)}
                    for k, b in r.iterrows()]
        tercapai = int((r["capaian_persen"] >= 100).sum())
        # named: a reader must not take "4 IKU Sangat Tinggi" for "4 targets met"
        tidak = [_nomor(k) for k, c in r["capaian_persen"].items() if pd.notna(c) and c < 100]
        tidak_tercapai = f" dan {len(tidak)} tidak ({gabung_kata(tidak)})" if tidak else ""
        iku = f"{len(r)} Indikator Kinerja Utama {self.data.instansi}"
        if tercapai == 0:  # not "0 memenuhi ... dan 4 tidak"
            ikhtisar_tercapai = "tidak satu pun memenuhi targetnya"
            penutup_tercapai = (f"tidak satu pun dari {iku} memenuhi target Perjanjian "
                                "Kinerja")
        else:
            ikhtisar_tercapai = f"{tercapai} memenuhi atau melampaui targetnya{tidak_tercapai}"
            penutup_tercapai = (f"{tercapai} dari {iku} memenuhi atau melampaui target "
                                f"Perjanjian Kinerja{tidak_tercapai}")
        ringkas_anggaran = None
        if (jumlah := self._jumlah_anggaran()) is not None:
            pagu, realisasi, serapan_jumlah = jumlah
            ringkas_anggaran = (
                f"Realisasi anggaran tahun {self.tahun} sebesar {fmt.rupiah(realisasi)} dari "
                f"pagu {fmt.rupiah(pagu)} (serapan {fmt.persen(serapan_jumlah)}).")
        konteks = {
            "jenis": self.jenis, "lkjip": self.lkjip, "tahun": self.tahun,
            "judul": self.judul, "instansi": self.data.instansi,
            "instansi_singkat": self.data.instansi_singkat or self.data.instansi,
            "contoh": self.contoh, "tanda_contoh": TANDA_CONTOH,
            "tanggal": fmt.tanggal(self.tanggal),
            "periode_renstra": str(meta.get("periode_renstra", "")).replace("-", "–"),
            "tahun_awal": meta.get("tahun_awal"), "tahun_akhir": meta.get("tahun_akhir"),
            "dokumen": meta.get("dokumen"), "logo": self.logo,
            "rpjmd": meta.get("rpjmd"), "misi_rpjmd": meta.get("misi_rpjmd") or [],
            "penandatangan": penandatangan, "narasi": narasi, "belum_diisi": BELUM_DIISI,
            "ada_berkas_narasi": self.narasi_mentah is not None,
            "bab2": self._bab2, "bab3": self._bab3, "lamp": self._lamp,
            "anggaran": self.anggaran, "kalimat_anggaran": self.kalimat_anggaran,
            "ikhtisar": ikhtisar, "ikhtisar_tercapai": ikhtisar_tercapai,
            "penutup_tercapai": penutup_tercapai,
            "ringkas_anggaran": ringkas_anggaran,
            "jumlah_iku": len(r), "kategori_predikat": self.kalimat_kategori_predikat(),
            "predikat_rb": self.hasil.predikat_rb,
            "daftar_tabel": daftar.tabel, "daftar_gambar": daftar.gambar,
            "peringatan_data": list(self.hasil.peringatan),
            "peringatan_laporan": self.peringatan_laporan,
        }
        return konteks

    def _bagian(self, nama: str):
        return _html(render(nama, **self.konteks))

    # ------------------------------------------------------------------ sections
    def sampul(self):
        """The cover page; it also carries the running header for the pages after it."""
        return self._bagian("sampul.html.j2")

    def kata_pengantar(self):
        return self._bagian("kata_pengantar.html.j2" if self.lkjip else "kosong.html.j2")

    def ikhtisar(self):
        return self._bagian("ikhtisar.html.j2" if self.lkjip else "kosong.html.j2")

    def daftar_isi(self):
        return self._bagian("daftar_isi.html.j2" if self.lkjip else "kosong.html.j2")

    def bab_pendahuluan(self):
        return self._bagian("bab1_pendahuluan.html.j2" if self.lkjip else "kosong.html.j2")

    def bab_perencanaan(self):
        return self._bagian("bab2_perencanaan.html.j2" if self.lkjip else "kosong.html.j2")

    def bab_akuntabilitas(self):
        return self._bagian("bab3_akuntabilitas.html.j2")

    def bab_penutup(self):
        return self._bagian("bab4_penutup.html.j2" if self.lkjip else "kosong.html.j2")

    def lampiran(self):
        # rendered last: warnings gathered while rendering the chapters are all known now
        return self._bagian("lampiran.html.j2")

    def semua_bagian(self):
        """Every section in order (for a script that wants the whole HTML)."""
        return [self.sampul(), self.kata_pengantar(), self.ikhtisar(), self.daftar_isi(),
                self.bab_pendahuluan(), self.bab_perencanaan(), self.bab_akuntabilitas(),
                self.bab_penutup(), self.lampiran()]


def _sebut(nama) -> str:
    """Names quoted and enumerated: "'A', 'B' dan 'C'"."""
    return gabung_kata([f"'{n}'" for n in nama])


def _kunci_komponen(kelompok: object, komponen: object) -> tuple[str, str]:
    """A komponen RB as matched across years: letter case and spaces do not matter
    ('Pengungkit' is 'pengungkit', as validation accepts both)."""
    from .parsing import kunci_nama

    return kunci_nama(kelompok), kunci_nama(komponen)


def _selisih(a, b):
    """sum(a) - sum(b) of values as written (decimal, not binary): 10,535 - 10,53 is 0,005
    and prints as +0,01, as a reader working it by hand gets."""
    from decimal import Decimal

    return sum((Decimal(str(x)) for x in a), Decimal(0)) - sum(
        (Decimal(str(x)) for x in b), Decimal(0))


def _nama_folder_data(data_dir: object) -> str:
    """The data folder's name (never a machine path); for a run's snapshot, the name of
    the folder it was taken from."""
    import json

    from .snapshot import BERKAS_SNAPSHOT, adalah_snapshot

    folder = Path(str(data_dir))
    if adalah_snapshot(folder):
        try:
            asal = json.loads((folder / BERKAS_SNAPSHOT).read_text(encoding="utf-8"))
            return f"{Path(asal['folder_data']).name} (salinan tervalidasi untuk laporan ini)"
        except (OSError, ValueError, KeyError):
            return "salinan tervalidasi"
    return folder.name or str(folder)


def _markup(teks: str):
    from markupsafe import Markup

    return Markup(teks)  # produced by markdown_aman: raw HTML escaped, images removed


def swaperiksa_lke(lap: Laporan) -> list[dict]:
    """The Pelaporan criteria of the AKIP evaluation worksheet (LKE) this report can show,
    each judged from what the report contains: [{kriteria, terpenuhi, dasar}].
    Also usable for an XLSX sheet (``pd.DataFrame(swaperiksa_lke(lap))``)."""
    r = lap._ringkasan
    n = lap.narasi
    semua_iku = list(r.index)

    def terisi(bagian: str) -> bool:
        isi = n.get(bagian, {})
        return bool(isi.get("umum")) or all(isi.get(k) for k in semua_iku)

    ada_target = bool(r["target"].notna().all() and r["realisasi"].notna().all())
    ada_lalu = bool(r["realisasi_sebelumnya"].notna().all())
    tahun_riwayat = lap.hasil.riwayat.dropna(subset=["realisasi"]).groupby("kode_iku")["tahun"]
    beberapa = bool(tahun_riwayat.nunique().min() >= 3) if len(tahun_riwayat.nunique()) else False
    ada_akhir = bool(r["target_akhir"].notna().all())
    wajib = [k for k, _, _, w in BAGIAN_NARASI if w]
    belum = [j for k, j, _, w in BAGIAN_NARASI if w and not n.get(k)]
    anggaran = lap.anggaran is not None
    perbandingan = getattr(lap.hasil, "perbandingan", None)
    t_banding = perbandingan.tabel if perbandingan is not None else None
    dibanding = ([] if t_banding is None else
                 [k for k in semua_iku if (t_banding["kode_iku"] == k).any()])
    nama_pembanding = ([] if t_banding is None else
                       list(dict.fromkeys(t_banding["pembanding"].astype(str))))
    return [
        {"kriteria": "Realisasi dibandingkan dengan target tahun ini", "terpenuhi": ada_target,
         "dasar": "Tabel pengukuran kinerja memuat target dan realisasi keempat IKU"
         if ada_target else "Ada IKU tanpa target atau realisasi"},
        {"kriteria": "Realisasi dibandingkan dengan tahun lalu", "terpenuhi": ada_lalu,
         "dasar": "Realisasi tahun lalu tersedia untuk semua IKU" if ada_lalu
         else "Realisasi tahun lalu tidak tersedia untuk semua IKU"},
        {"kriteria": "Realisasi dibandingkan dengan beberapa tahun terakhir",
         "terpenuhi": beberapa, "dasar": "Tabel realisasi per tahun memuat paling sedikit tiga "
         "tahun" if beberapa else "Kurang dari tiga tahun realisasi"},
        {"kriteria": "Realisasi dibandingkan dengan target jangka menengah (Renstra)",
         "terpenuhi": ada_akhir, "dasar": "Target akhir Renstra tersedia untuk semua IKU"
         if ada_akhir else "Target akhir Renstra tidak lengkap"},
        {"kriteria": "Realisasi dibandingkan dengan standar nasional",
         "terpenuhi": bool(dibanding) and len(dibanding) == len(semua_iku),
         "dasar": (f"Pembanding ({', '.join(nama_pembanding)}) untuk {len(dibanding)} dari "
                   f"{len(semua_iku)} IKU, di butir 4 analisis setiap IKU") if dibanding
         else "Belum ada data pembanding (pembanding.csv) untuk tahun ini"},
        {"kriteria": "Analisis penyebab keberhasilan/kegagalan dan solusi",
         "terpenuhi": terisi("penyebab"), "dasar": "Narasi analis" +
         ("" if terisi("penyebab") else " belum diisi")},
        {"kriteria": "Analisis efisiensi penggunaan sumber daya",
         "terpenuhi": terisi("efisiensi") and anggaran,
         "dasar": ("Narasi analis" + ("" if terisi("efisiensi") else " belum diisi") + "; data "
                   "anggaran " + ("tersedia" if anggaran else "belum diisi"))},
        {"kriteria": "Analisis program/kegiatan yang menunjang atau menghambat",
         "terpenuhi": terisi("program"), "dasar": "Narasi analis" +
         ("" if terisi("program") else " belum diisi")},
        {"kriteria": "Realisasi anggaran disajikan", "terpenuhi": anggaran,
         "dasar": "Tabel realisasi anggaran" if anggaran else "Data anggaran belum diisi "
         "(Bab III.B)"},
        {"kriteria": "Perjanjian Kinerja yang ditandatangani dilampirkan", "terpenuhi": False,
         "dasar": ("Target PK dari berkas Perjanjian Kinerja; " if lap.ada_pk else
                   "Target PK diambil dari Renstra; ") + "dokumen PK bertanda tangan belum "
         "dilampirkan pada laporan ini"},
        {"kriteria": "Narasi analis lengkap", "terpenuhi": not belum,
         "dasar": f"{len(wajib) - len(belum)} dari {len(wajib)} bagian terisi" +
         (f"; belum: {', '.join(belum)}" if belum else "")},
        {"kriteria": "Laporan ditandatangani pimpinan (penandatangan diisi)",
         "terpenuhi": lap.penandatangan is not None,
         "dasar": "Bagian penandatangan di sumber_data.yaml" +
         ("" if lap.penandatangan is not None else " belum diisi")},
    ]


def versi_perangkat_lunak() -> list[tuple[str, str]]:
    paket = ["iku-helpers", "pandas", "numpy", "matplotlib", "seaborn", "papermill",
             "nbconvert", "weasyprint", "jinja2", "babel", "openpyxl"]
    hasil = [("Python", platform.python_version())]
    for p in paket:
        try:
            hasil.append((p, metadata.version(p)))
        except metadata.PackageNotFoundError:
            hasil.append((p, "tidak terpasang"))
    return hasil


def siapkan(tahun: int, data_dir: str | Path, tanggal: str | None = None,
            jenis: str = "lkjip", dari_snapshot: bool = False, **parameter_lain) -> Laporan:
    """Load, validate and compute; the notebook's single entry point. ``dari_snapshot``:
    ``data_dir`` is the validated snapshot iku-report made for this run."""
    from .snapshot import muat_snapshot

    data = muat_snapshot(Path(data_dir)) if dari_snapshot else muat_data(Path(data_dir))
    hasil = hitung_iku(tahun, data)
    hari = date.fromisoformat(tanggal) if tanggal else date.today()
    parameter = {"tahun": tahun, "data_dir": str(data_dir), "tanggal": hari.isoformat(),
                 "jenis": jenis, **parameter_lain}
    return Laporan(hasil=hasil, tanggal=hari, parameter=parameter, jenis=jenis)
