"""Building blocks of the annual report notebook (notebooks/laporan_iku.ipynb).

Each method returns an ``IPython.display.HTML`` object: the notebook stays a sequence
of calls, and the same HTML shows in JupyterLab and goes into the PDF through the
project's nbconvert template. Every text that comes from an input file is escaped
(``aman``), so a name such as ``<script>`` prints literally.
"""

from __future__ import annotations

import base64
import io
import platform
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape
from importlib import metadata
from pathlib import Path

import pandas as pd

from . import config
from . import format_id as fmt
from .data_iku import DataIKU, muat_data
from .hitung import HasilIKU, hitung_iku
from .indikator import KATEGORI_TIDAK_TERUKUR, SKALA_PREDIKAT_RB

TANDA_CONTOH = "DATA CONTOH, bukan data resmi"
NAMA_MASUKAN = {
    "iku": "Katalog IKU", "target_iku": "Target Renstra", "penduduk_bekerja": "Penduduk bekerja",
    "tenaga_kerja_kukm": "Tenaga kerja koperasi dan UKM", "evaluasi_koperasi": "Evaluasi koperasi",
    "evaluasi_usaha_kecil": "Evaluasi usaha kecil", "indeks_rb": "Indeks RB",
    "komponen_rb": "Komponen indeks RB", "wilayah": "Referensi wilayah",
}
NAMA_PARAMETER = {"tahun": "Tahun laporan", "data_dir": "Folder data", "tanggal": "Tanggal cetak"}
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
)
BAGIAN_NARASI = (
    ("penyebab", "Penyebab keberhasilan/kegagalan dan solusi"),
    ("efisiensi", "Efisiensi penggunaan sumber daya"),
    ("program", "Program dan kegiatan pendukung"),
)


def aman(teks: object) -> str:
    """Escape any text for HTML; None/NaN become an en dash."""
    if teks is None or (isinstance(teks, float) and teks != teks):
        return fmt.KOSONG
    return escape(str(teks), quote=True)


def kelas_kategori(kategori: str | None) -> str:
    teks = (kategori or KATEGORI_TIDAK_TERUKUR).lower().replace(" ", "-")
    return "kategori-" + re.sub(r"[^a-z-]", "", teks)


def _html(teks: str):
    from IPython.display import HTML

    return HTML(teks)


#: Charts are embedded as PNG at this resolution: sharp in print, and WeasyPrint draws a
#: PNG in milliseconds where a matplotlib SVG (every glyph a path) took 0,9 s per chart.
DPI_GRAFIK = 220


def gambar_grafik(fig, kelas: str = "grafik", maks_tinggi_cm: float = 7.5,
                  maks_lebar_cm: float = 17.0) -> str:
    """A matplotlib figure as an <img> with an inline PNG data URL, printed at its own
    size, scaled down (keeping its proportions) to fit the given height and width."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI_GRAFIK, bbox_inches="tight")
    plt.close(fig)
    from PIL import Image

    buffer.seek(0)
    lebar_px, tinggi_px = Image.open(buffer).size
    lebar_cm, tinggi_cm = (v / DPI_GRAFIK * 2.54 for v in (lebar_px, tinggi_px))
    skala = min(1.0, maks_tinggi_cm / tinggi_cm, maks_lebar_cm / lebar_cm)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<img class="{kelas}" alt="grafik" style="width: {lebar_cm * skala:.2f}cm; '
            f'height: {tinggi_cm * skala:.2f}cm" src="data:image/png;base64,{data}"/>')


def nilai_satuan(nilai: float | None, satuan: str) -> str:
    """1,24% for percentages, 55,00 for an index."""
    return fmt.persen(nilai) if satuan == "%" else fmt.angka(nilai)


def _tabel(kepala: list[str], baris: list[list[str]], kelas_angka: set[int] = frozenset(),
           kelas: str = "", jumlah: list[list[str]] = ()) -> str:
    """An HTML table from already-escaped cells; columns in ``kelas_angka`` right-aligned;
    rows in ``jumlah`` are total rows (bold)."""
    th = "".join(f'<th class="angka">{k}</th>' if i in kelas_angka else f"<th>{k}</th>"
                 for i, k in enumerate(kepala))
    isi = []
    for b, kelas_baris in [(b, "") for b in baris] + [(b, ' class="jumlah"') for b in jumlah]:
        sel = "".join(f'<td class="angka">{v}</td>' if i in kelas_angka else f"<td>{v}</td>"
                      for i, v in enumerate(b))
        isi.append(f"<tr{kelas_baris}>{sel}</tr>")
    return (f'<table class="{kelas}"><thead><tr>{th}</tr></thead>'
            f"<tbody>{''.join(isi)}</tbody></table>")


def baca_narasi(data_dir: Path, tahun: int) -> dict[str, dict[str, str]] | None:
    """The analyst's text for LAKIP items 5-7, from ``narasi/<tahun>.md`` if it exists.

    Sections are the level-2 headings of BAGIAN_NARASI; inside them, optional level-3
    headings ``### IKU1``..``### IKU4``. Returns {bagian: {"umum"|"IKU1"...: markdown}}.
    """
    path = data_dir / "narasi" / f"{tahun}.md"
    if not path.exists():
        return None
    teks = path.read_text(encoding="utf-8")
    hasil: dict[str, dict[str, str]] = {k: {} for k, _ in BAGIAN_NARASI}
    bagian, sub = None, "umum"
    pendahuluan: list[str] = []
    for baris in teks.splitlines():
        if baris.startswith("## "):
            judul = baris[3:].strip().lower()
            bagian = next((k for k, j in BAGIAN_NARASI if j.lower() in judul or judul in
                           j.lower()), None)
            sub = "umum"
            continue
        if baris.startswith("### ") and bagian:
            sub = baris[4:].strip().upper().replace(" ", "")
            continue
        if bagian:
            hasil[bagian][sub] = hasil[bagian].get(sub, "") + baris + "\n"
        else:
            pendahuluan.append(baris)
    hasil["_pendahuluan"] = {"umum": "\n".join(pendahuluan)}
    return hasil


def markdown_aman(teks: str) -> str:
    """Analyst markdown to HTML with any raw HTML escaped (no tags, no links fetched)."""
    import mistune

    md = mistune.create_markdown(escape=True, plugins=["table"])
    hasil = md(teks)
    # Images would make the renderer fetch a URL: keep only their alt text.
    return re.sub(r"<img [^>]*alt=\"([^\"]*)\"[^>]*>", r"[gambar: \1]", hasil)


@dataclass
class Laporan:
    """The report's content for one year; methods render its parts."""

    hasil: HasilIKU
    tanggal: date
    parameter: dict = field(default_factory=dict)

    @property
    def data(self) -> DataIKU:
        return self.hasil.data

    @property
    def tahun(self) -> int:
        return self.hasil.tahun

    @property
    def contoh(self) -> bool:
        return self.data.ada_data_contoh

    @property
    def judul(self) -> str:
        return f"Laporan Capaian Indikator Kinerja Utama Tahun {self.tahun}"

    # ------------------------------------------------------------ cover and header
    def _kepala_html(self) -> str:
        instansi = self.data.instansi_singkat or self.data.instansi
        teks = f"{aman(instansi)} — Laporan Capaian IKU Tahun {self.tahun}"
        if self.contoh:
            teks += f' — <span class="tanda-contoh-kecil">{TANDA_CONTOH}</span>'
        return f'<div class="kepala-halaman">{teks}</div>'

    def sampul(self):
        """The cover page; it also carries the running header for the pages after it."""
        meta = self.data.katalog_meta
        periode = aman(str(meta.get("periode_renstra")).replace("-", "–"))
        tanda = (f'<div class="tanda-contoh">{TANDA_CONTOH}<br/><small>Sebagian atau seluruh '
                 "data masukan berstatus contoh (sintetis). Angka dalam laporan ini tidak boleh "
                 "dikutip sebagai capaian resmi.</small></div>") if self.contoh else ""
        return _html(f"""<div class="sampul">{self._kepala_html()}
<p class="instansi-atas">{aman(self.data.instansi).upper().replace(
            " PROVINSI ", "<br/>PROVINSI ")}</p>
<h1>{aman(self.judul)}</h1>
<p class="subjudul">Indikator Kinerja Utama {aman(meta.get('tahun_awal'))}–{aman(
            meta.get('tahun_akhir'))} · Rencana Strategis {periode}</p>
{tanda}
<p class="dasar">Dasar: {aman(meta.get('dokumen'))}</p>
<p class="tanggal">Dicetak {aman(fmt.tanggal(self.tanggal))}</p>
</div>""")

    # ------------------------------------------------------------ summary
    def tabel_pengukuran(self) -> str:
        r = self.hasil.ringkasan
        baris = []
        for _, b in r.iterrows():
            baris.append([
                aman(b["nomor"]), aman(b["sasaran"]), aman(b["indikator"]), aman(b["satuan"]),
                fmt.angka(b["target"]), fmt.angka(b["realisasi"]), fmt.angka(b["capaian_persen"]),
                f'<span class="{kelas_kategori(b["kategori"])}">{aman(b["kategori"])}</span>',
            ])
        return _tabel(["No", "Tujuan/Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
                       "Capaian (%)", "Kategori"], baris, {4, 5, 6}, "tabel-pengukuran")

    def kalimat_hasil(self, kode: str) -> str:
        b = self.hasil.ringkasan.set_index("kode_iku").loc[kode]
        nomor = kode.replace("IKU", "IKU ")
        return (f"Realisasi {nomor} tahun {self.tahun} sebesar "
                f"{nilai_satuan(b['realisasi'], b['satuan'])} dari target "
                f"{nilai_satuan(b['target'], b['satuan'])}; capaian "
                f"{fmt.persen(b['capaian_persen'])} ({aman(b['kategori'])}).")

    def ringkasan(self):
        from . import grafik

        kalimat = "".join(f"<li>{self.kalimat_hasil(k)}</li>" for k in self.hasil.tabel[
            "kode_iku"])
        jumlah = self.hasil.tabel["kategori"].value_counts()
        urutan = [t.kategori for t in self.data.pengaturan.skala_kategori]
        sebaran = ", ".join(f"{jumlah[k]} IKU {k}" for k in urutan if k in jumlah)
        peringatan = ""
        if self.hasil.peringatan:
            peringatan = (f'<p class="catatan peringatan">Ada {len(self.hasil.peringatan)} '
                          "peringatan validasi data; lihat Lampiran B.</p>")
        return _html(f"""<section class="bab"><h1>I. Ringkasan Capaian Kinerja</h1>
<p>Tabel berikut menyajikan pengukuran kinerja {aman(self.data.instansi)} tahun {self.tahun}
atas empat Indikator Kinerja Utama (IKU) yang ditetapkan untuk periode
{aman(self.data.katalog_meta.get('tahun_awal'))}–{aman(self.data.katalog_meta.get(
            'tahun_akhir'))}. Capaian dihitung sebagai realisasi dibagi target dikali 100% (semua
IKU berarah naik: makin tinggi makin baik). Sebaran kategori: {aman(sebaran)}.</p>
<h2>Tabel Pengukuran Kinerja Tahun {self.tahun}</h2>
{self.tabel_pengukuran()}
<ul class="kalimat-hasil">{kalimat}</ul>
{peringatan}

<h2>Capaian Keempat IKU</h2>
{gambar_grafik(grafik.grafik_capaian(self.hasil.tabel), maks_tinggi_cm=8.5)}
<p>Bagian II.1–II.4 menguraikan setiap IKU: definisi dan formula menurut Keputusan IKU,
pembilang dan penyebut beserta sumber datanya, perbandingan dengan tahun-tahun sebelumnya
dan dengan target
akhir Renstra, kebutuhan untuk memenuhi target, serta rincian per kabupaten/kota. Bab III memuat
analisis penyebab, efisiensi dan program pendukung. Lampiran memuat sumber data, peringatan
validasi, aturan perhitungan, parameter dan versi perangkat lunak.</p>
</section>""")

    # ------------------------------------------------------------ one section per IKU
    def tabel_riwayat(self, kode: str) -> str:
        r = self.hasil.riwayat[self.hasil.riwayat["kode_iku"] == kode]
        satuan = self.data.katalog[kode]["satuan"]
        baris = []
        for _, b in r.iterrows():
            kategori = b["kategori"] if isinstance(b["kategori"], str) else None
            baris.append([
                str(int(b["tahun"])) + (" (dasar)" if pd.isna(b["target"]) else ""),
                nilai_satuan(b["target"], satuan), nilai_satuan(b["realisasi"], satuan),
                fmt.persen(b["capaian_persen"]),
                f'<span class="{kelas_kategori(kategori)}">{aman(kategori)}</span>'
                if kategori else fmt.KOSONG])
        return _tabel(["Tahun", "Target", "Realisasi", "Capaian", "Kategori"], baris,
                      {1, 2, 3}, "utuh")

    def _sumber(self, kunci: str) -> str:
        s = self.data.sumber_dari(kunci)
        if s is None:
            return fmt.KOSONG
        return f"{aman(s.sumber)} (berkas <code>{aman(s.berkas)}</code>, status {aman(s.status)})"

    def _perbandingan(self, kode: str) -> str:
        b = self.hasil.ringkasan.set_index("kode_iku").loc[kode]
        satuan = b["satuan"]
        nomor = kode.replace("IKU", "IKU ")
        bagian = []
        if pd.notna(b["realisasi_sebelumnya"]):
            arah = "naik" if b["perubahan"] > 0 else "turun" if b["perubahan"] < 0 else "tetap"
            poin = "poin persen" if satuan == "%" else "poin"
            besar = "" if arah == "tetap" else f" {fmt.angka(abs(b['perubahan']))} {poin}"
            bagian.append(f"Dibanding tahun {self.tahun - 1} "
                          f"({nilai_satuan(b['realisasi_sebelumnya'], satuan)}), realisasi "
                          f"{arah}{besar}.")
        else:
            bagian.append(f"Realisasi tahun {self.tahun - 1} tidak dapat dihitung dari data "
                          "yang tersedia, sehingga tidak ada pembanding tahun lalu.")
        akhir = config.TAHUN_AKHIR_RENSTRA
        bagian.append(f"Terhadap target akhir Renstra tahun {akhir} "
                      f"({nilai_satuan(b['target_akhir'], satuan)}), realisasi {self.tahun} "
                      f"setara {fmt.persen(b['progres_target_akhir_persen'])} dari target akhir "
                      "tersebut.")
        if b["kekurangan"] == 0:
            bagian.append(f"Target {nomor} tahun {self.tahun} telah terpenuhi.")
        elif pd.notna(b["kekurangan"]):
            jumlah = (fmt.angka(b["kekurangan"]) if kode == "IKU4"
                      else fmt.bilangan(b["kekurangan"]))
            syarat = "" if kode == "IKU4" else (
                " (pada penyebut yang sama; dihitung sampai realisasi yang dibulatkan dua "
                "desimal mencapai target)")
            bagian.append(f"Kekurangan terhadap target {self.tahun}: {jumlah} "
                          f"{aman(b['satuan_kekurangan'])}{syarat}.")
        if kode == "IKU4":
            bagian.append("Predikat mengikuti skala indeks RB PermenPANRB; pembanding capaian "
                          "adalah target Renstra.")
        else:
            bagian.append("Belum ada standar nasional yang dipakai sebagai pembanding; "
                          "pembandingnya adalah target Renstra.")
        return " ".join(bagian)

    def bab_iku(self, kode: str):
        from . import grafik

        iku = self.data.katalog[kode]
        b = self.hasil.ringkasan.set_index("kode_iku").loc[kode]
        satuan = iku["satuan"]
        if kode == "IKU4":
            komponen = (f"<p>Nilai indeks hasil reviu Biro Organisasi: "
                        f"<strong>{fmt.angka(b['realisasi'])}</strong>. Sumber: "
                        f"{self._sumber('indeks_rb')}.</p>")
        else:
            sumber_pembilang = {"IKU1": "tenaga_kerja_kukm", "IKU2": "evaluasi_koperasi",
                                "IKU3": "evaluasi_usaha_kecil"}[kode]
            sumber_penyebut = {"IKU1": "penduduk_bekerja", "IKU2": "evaluasi_koperasi",
                               "IKU3": "evaluasi_usaha_kecil"}[kode]
            catatan_penyebut = (f'<br/><span class="catatan">Dipakai: '
                                f"{aman(b['sumber_penyebut'])}.</span>"
                                if isinstance(b.get("sumber_penyebut"), str) else "")
            catatan_pembilang = ""
            if kode == "IKU1":
                w = self.hasil.wilayah
                tk = self.data.tenaga_kerja_kukm
                tk = tk[(tk["tahun"] == self.tahun) & tk["kode_wilayah"].isin(w["kode_wilayah"])]
                catatan_pembilang = (
                    f'<br/><span class="catatan">Koperasi '
                    f'{fmt.bilangan(tk["tenaga_kerja_koperasi"].sum())} + UKM '
                    f'{fmt.bilangan(tk["tenaga_kerja_ukm"].sum())}.</span>')
            komponen = _tabel(["Komponen", "Uraian", "Nilai", "Sumber"], [
                ["Pembilang", aman(iku["pembilang"]) + catatan_pembilang,
                 fmt.bilangan(b["pembilang"]),
                 self._sumber(sumber_pembilang)],
                ["Penyebut", aman(iku["penyebut"]) + catatan_penyebut,
                 fmt.bilangan(b["penyebut"]), self._sumber(sumber_penyebut)],
            ], {2})
        riwayat = self.hasil.riwayat
        grafik_tren = gambar_grafik(grafik.grafik_tren(riwayat, kode, satuan))
        rinci = {"IKU1": self._rinci_iku1, "IKU2": self._rinci_iku2, "IKU3": self._rinci_iku3,
                 "IKU4": self._rinci_iku4}[kode]()
        judul = f"II.{aman(iku['nomor'])}. {aman(iku['indikator'])}"
        return _html(f"""<section class="bab"><h1>{judul}</h1>
<p class="catatan">Tujuan/Sasaran: {aman(iku['sasaran'])} · Satuan: {aman(satuan)} ·
Penanggung jawab: {aman(iku['penanggung_jawab'])}</p>
<h2>Definisi dan formula</h2>
<p>{aman(iku['penjelasan'])}</p>
<p class="formula">Formula (sesuai Keputusan IKU): {aman(iku['formula'])}</p>
<p class="catatan">Sumber data menurut Keputusan IKU: {aman(iku['sumber_data'])}.</p>
<h2>Realisasi dan capaian tahun {self.tahun}</h2>
{komponen}
<p class="kalimat-utama">{self.kalimat_hasil(kode)}</p>
<p>{self._perbandingan(kode)}</p>
<h2>Perbandingan antartahun dan terhadap target Renstra</h2>
{self.tabel_riwayat(kode)}
{grafik_tren}
{rinci}
</section>""")

    def _rinci_iku1(self) -> str:
        from . import grafik

        w = self.hasil.wilayah
        baris = [[aman(r["nama_wilayah"]), fmt.bilangan(r["tenaga_kerja_kukm"]),
                  fmt.bilangan(r["penduduk_bekerja"]), fmt.persen(r["iku1_persen"])]
                 for _, r in w.iterrows()]
        b = self.hasil.ringkasan.set_index("kode_iku").loc["IKU1"]
        jumlah_tk, jumlah_pb = w["tenaga_kerja_kukm"].sum(), w["penduduk_bekerja"].sum()
        from .indikator import hitung_realisasi

        total = [["Jumlah kabupaten/kota", fmt.bilangan(jumlah_tk), fmt.bilangan(jumlah_pb),
                  fmt.persen(hitung_realisasi(jumlah_tk, jumlah_pb) if jumlah_pb else None)],
                 [f"Dipakai untuk IKU 1 (penyebut: {aman(b['sumber_penyebut'])})",
                  fmt.bilangan(b["pembilang"]), fmt.bilangan(b["penyebut"]),
                  fmt.persen(b["realisasi"])]]
        return ("<h2>Rincian per kabupaten/kota</h2>"
                + _tabel(["Kabupaten/Kota", "Tenaga kerja koperasi dan UKM", "Penduduk bekerja",
                          "Proporsi"], baris, {1, 2, 3}, "utuh", total)
                + gambar_grafik(grafik.grafik_wilayah(
                    w, "iku1_persen", "Proporsi tenaga kerja koperasi dan UKM per wilayah (%)"),
                    maks_tinggi_cm=11))

    def _rinci_iku2(self) -> str:
        k = self.hasil.koperasi
        b = self.hasil.ringkasan.set_index("kode_iku").loc["IKU2"]
        from .indikator import pembilang_minimum

        perlu = pembilang_minimum(b["target"], b["penyebut"])
        meningkat = k[k["meningkat"]]
        baris = [[aman(r["nama_koperasi"]), aman(r["nomor_induk_koperasi"]),
                  aman(r["nama_wilayah"]), fmt.rupiah(r["volume_usaha_sebelumnya"]),
                  fmt.rupiah(r["volume_usaha"]), fmt.rupiah(r["aset_sebelumnya"]),
                  fmt.rupiah(r["aset"])] for _, r in meningkat.iterrows()]
        daftar = (_tabel(["Koperasi", "Nomor induk", "Wilayah", f"Volume usaha {self.tahun - 1}",
                          f"Volume usaha {self.tahun}", f"Aset {self.tahun - 1}",
                          f"Aset {self.tahun}"], baris, {3, 4, 5, 6}, "tabel-kecil")
                  if baris else "<p>Tidak ada koperasi yang memenuhi ketiga kriteria.</p>")
        gagal = k[~k["meningkat"]]
        alasan = [("Tidak melaksanakan RAT", int((~gagal["lolos_rat"]).sum())),
                  ("Volume usaha tidak naik", int((gagal["ada_data_sebelumnya"]
                                                   & ~gagal["lolos_volume_usaha"]).sum())),
                  ("Aset tidak naik", int((gagal["ada_data_sebelumnya"]
                                           & ~gagal["lolos_aset"]).sum())),
                  ("Tidak ada data tahun sebelumnya", int((~gagal["ada_data_sebelumnya"]).sum()))]
        rekap = _tabel(["Kriteria yang tidak terpenuhi", "Jumlah koperasi"],
                       [[aman(a), fmt.bilangan(n)] for a, n in alasan], {1})
        terjemah = (f"Target {fmt.persen(b['target'])} dari {fmt.bilangan(b['penyebut'])} "
                    f"koperasi yang dievaluasi setara dengan {fmt.bilangan(perlu)} koperasi yang "
                    "meningkat kualitasnya." if perlu is not None else "")
        w = self.hasil.wilayah
        per_wilayah = _tabel(["Kabupaten/Kota", "Koperasi dievaluasi", "Koperasi meningkat"],
                             [[aman(r["nama_wilayah"]), fmt.bilangan(r["koperasi_dievaluasi"]),
                               fmt.bilangan(r["koperasi_meningkat"])] for _, r in w.iterrows()],
                             {1, 2}, "utuh",
                             [["Jumlah", fmt.bilangan(w["koperasi_dievaluasi"].sum()),
                               fmt.bilangan(w["koperasi_meningkat"].sum())]])
        return f"""<h2>Koperasi yang meningkat kualitasnya tahun {self.tahun}</h2>
<p>Koperasi dihitung meningkat bila pada tahun {self.tahun} melaksanakan RAT serta volume usaha
dan asetnya sama-sama lebih besar daripada tahun {self.tahun - 1}. Koperasi tanpa data tahun
{self.tahun - 1} hanya dihitung pada penyebut. {terjemah}</p>
{daftar}
<h2>Koperasi yang belum memenuhi kriteria</h2>
<p>Satu koperasi dapat tidak memenuhi lebih dari satu kriteria. Daftar lengkap per koperasi ada pada
berkas XLSX yang menyertai laporan ini.</p>
{rekap}
<h2>Rincian per kabupaten/kota</h2>
{per_wilayah}"""

    def _rinci_iku3(self) -> str:
        from . import grafik

        w = self.hasil.wilayah
        baris = [[aman(r["nama_wilayah"]), fmt.bilangan(r["usaha_kecil_dievaluasi"]),
                  fmt.bilangan(r["usaha_kecil_menjadi_wirausaha"]), fmt.persen(r["iku3_persen"])]
                 for _, r in w.iterrows()]
        return ("<h2>Rincian per kabupaten/kota</h2>"
                + _tabel(["Kabupaten/Kota", "Usaha kecil dievaluasi", "Menjadi wirausaha",
                          "Persentase"], baris, {1, 2, 3}, "utuh", [[
                              "Jumlah", fmt.bilangan(w["usaha_kecil_dievaluasi"].sum()),
                              fmt.bilangan(w["usaha_kecil_menjadi_wirausaha"].sum()),
                              fmt.persen(self.hasil.ringkasan.set_index("kode_iku").loc[
                                  "IKU3", "realisasi"])]])
                + gambar_grafik(grafik.grafik_wilayah(
                    w, "iku3_persen", "Persentase usaha kecil yang menjadi wirausaha (%)"),
                    maks_tinggi_cm=11))

    def _rinci_iku4(self) -> str:
        from . import grafik

        predikat = self.hasil.predikat_rb
        skala = ", ".join(f"{p} &gt; {fmt.angka(b, 0)}" for p, b in SKALA_PREDIKAT_RB) + ", D ≤ 30"
        teks = (f"<p>Predikat indeks RB tahun {self.tahun}: <strong>{aman(predikat)}</strong> "
                f"(skala: {skala}).</p>")
        k = self.hasil.komponen_rb
        if k is None or k.empty:
            return teks + "<p>Rincian komponen indeks tidak tersedia.</p>"
        baris = [[aman(r["kelompok"]).capitalize(), aman(r["komponen"]), fmt.angka(r["bobot"]),
                  fmt.angka(r["nilai"]), fmt.persen(r["nilai"] / r["bobot"] * 100
                                                    if r["bobot"] else None)]
                 for _, r in k.iterrows()]
        baris.append(["<strong>Jumlah</strong>", "", fmt.angka(k["bobot"].sum()),
                      f"<strong>{fmt.angka(k['nilai'].sum())}</strong>", ""])
        return (teks + "<h2>Komponen indeks reformasi birokrasi</h2>"
                + _tabel(["Kelompok", "Komponen", "Bobot", "Nilai", "Nilai/bobot"], baris,
                         {2, 3, 4})
                + gambar_grafik(grafik.grafik_komponen_rb(k)))

    # ------------------------------------------------------------ analyst narrative
    def analisis(self):
        narasi = baca_narasi(self.data.data_dir, self.tahun)
        bagian = []
        for kunci, judul in BAGIAN_NARASI:
            if narasi and narasi[kunci]:
                isi = "".join(
                    (f"<h3>{aman(sub.replace('IKU', 'IKU '))}</h3>" if sub != "umum" else "")
                    + markdown_aman(teks) for sub, teks in narasi[kunci].items() if teks.strip())
            else:
                isi = ('<p class="belum-ditulis">Belum diisi oleh analis.</p>')
            bagian.append(f"<h2>{aman(judul)}</h2>{isi}")
        pengantar = ""
        if narasi and narasi["_pendahuluan"]["umum"].strip():
            pengantar = markdown_aman(narasi["_pendahuluan"]["umum"])
        sumber = (f"Narasi diambil dari berkas <code>narasi/{self.tahun}.md</code> yang ditulis "
                  "analis." if narasi else "Belum ada narasi analis untuk tahun ini (berkas "
                  f"<code>narasi/{self.tahun}.md</code> di folder data).")
        return _html(f"""<section class="bab"><h1>III. Analisis Capaian Kinerja</h1>
<p class="catatan">{sumber} Bagian ini memuat butir 5–7 analisis capaian menurut
PermenPANRB 53/2014: penyebab keberhasilan atau kegagalan beserta solusinya, efisiensi
penggunaan sumber daya, dan program/kegiatan yang menunjang atau menghambat.</p>
{pengantar}
{''.join(bagian)}
</section>""")

    # ------------------------------------------------------------ appendix
    def lampiran(self):
        sumber = _tabel(["Masukan", "Berkas", "Sumber", "Status", "Baris", "SHA-256"], [
            [aman(NAMA_MASUKAN.get(s.kunci, s.kunci)), f"<code>{aman(s.berkas)}</code>",
             aman(s.sumber),
             f'<span class="status-{aman(s.status)}">{aman(s.status)}</span>',
             fmt.bilangan(s.baris), f'<code class="hash">{aman(s.sha256)}</code>']
            for s in self.data.sumber], {4}, "tabel-kecil")
        if self.hasil.peringatan:
            peringatan = "<ol>" + "".join(f"<li>{aman(p)}</li>" for p in
                                          self.hasil.peringatan) + "</ol>"
        else:
            peringatan = "<p>Tidak ada peringatan.</p>"
        p = self.data.pengaturan
        skala = _tabel(["Kategori", "Capaian (%)"], [
            [f'<span class="{kelas_kategori(t.kategori)}">{aman(t.kategori)}</span>',
             f"&gt; {fmt.angka(t.di_atas)}" if t.di_atas is not None else
             f"≤ {fmt.angka(p.skala_kategori[-2].di_atas)}"]
            for t in p.skala_kategori])
        batas = ("tidak dibatasi" if p.batas_capaian is None
                 else f"dibatasi paling tinggi {fmt.persen(p.batas_capaian)}")
        parameter = _tabel(["Parameter", "Nilai"], [
            [aman(NAMA_PARAMETER.get(k, k)), aman(fmt.tanggal(date.fromisoformat(v)))
             if k == "tanggal" else f"<code>{aman(v)}</code>"]
            for k, v in self.parameter.items()])
        asumsi = "".join(f"<li>{aman(a)}</li>" for a in ASUMSI)
        versi = _tabel(["Perangkat lunak", "Versi"], [[aman(n), aman(v)]
                                                      for n, v in versi_perangkat_lunak()],
                       kelas="utuh")
        return _html(f"""<section class="bab lampiran"><h1>Lampiran</h1>
<h2>A. Data masukan</h2>
<p>Setiap angka dalam laporan ini dihitung ulang dari berkas berikut oleh paket
<code>iku_helpers</code>. Nilai hash SHA-256 memastikan berkas yang dipakai dapat diperiksa
kembali.</p>
{sumber}
<h2>B. Peringatan validasi data</h2>
{peringatan}
<h2>C. Aturan perhitungan dan skala penilaian</h2>
<ul>
<li>IKU 1: jumlah tenaga kerja koperasi dan UKM seluruh kabupaten/kota dibagi penduduk
bekerja provinsi (Sakernas Agustus) × 100. Penyebut memakai baris total provinsi bila ada,
jika tidak memakai jumlah kabupaten/kota; tidak pernah keduanya. Selisih relatif lebih dari
{fmt.persen(p.ambang_selisih_penyebut_persen)} antara keduanya dilaporkan sebagai peringatan.</li>
<li>IKU 2: koperasi yang pada tahun berjalan melaksanakan RAT dan volume usaha serta asetnya
lebih besar daripada tahun sebelumnya, dibagi seluruh koperasi yang dievaluasi × 100.
Koperasi tanpa data tahun sebelumnya hanya dihitung pada penyebut.</li>
<li>IKU 3: usaha kecil yang menjadi wirausaha dibagi seluruh usaha kecil yang dievaluasi ×
100.</li>
<li>IKU 4: nilai indeks reformasi birokrasi hasil reviu Biro Organisasi; predikat AA–D menurut
skala PermenPANRB.</li>
<li>Realisasi dibulatkan dua desimal (setengah ke atas). Capaian = realisasi ÷ target × 100
untuk indikator berarah naik; (target − (realisasi − target)) ÷ target × 100 untuk
indikator berarah turun. Capaian {batas}.</li>
<li>Kebutuhan untuk memenuhi target dihitung pada realisasi yang dibulatkan: jumlah
terkecil yang realisasinya setelah pembulatan mencapai target.</li>
</ul>
{skala}
<h3>Asumsi dan tafsiran (bukan dari Keputusan IKU)</h3>
<ul>{asumsi}</ul>
<h2>D. Parameter laporan</h2>
{parameter}
<h2>E. Versi perangkat lunak</h2>
{versi}
</section>""")


def versi_perangkat_lunak() -> list[tuple[str, str]]:
    paket = ["iku-helpers", "pandas", "numpy", "matplotlib", "seaborn", "papermill",
             "nbconvert", "weasyprint", "babel", "openpyxl"]
    hasil = [("Python", platform.python_version())]
    for p in paket:
        try:
            hasil.append((p, metadata.version(p)))
        except metadata.PackageNotFoundError:
            hasil.append((p, "tidak terpasang"))
    return hasil


def siapkan(tahun: int, data_dir: str | Path = config.DATA_DIR, tanggal: str | None = None,
            **parameter_lain) -> Laporan:
    """Load, validate and compute; the notebook's single entry point."""
    data = muat_data(Path(data_dir))
    hasil = hitung_iku(tahun, data)
    hari = date.fromisoformat(tanggal) if tanggal else date.today()
    parameter = {"tahun": tahun, "data_dir": str(data_dir), "tanggal": hari.isoformat(),
                 **parameter_lain}
    return Laporan(hasil=hasil, tanggal=hari, parameter=parameter)
