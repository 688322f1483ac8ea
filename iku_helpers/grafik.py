"""One palette and the charts shared by the analysts' workbook and the PDF report.

Every function returns a :class:`matplotlib.figure.Figure` built directly (not through
``pyplot``), inside ``matplotlib.rc_context``: nothing leaks into global matplotlib or
seaborn state and no figure piles up in pyplot's figure manager. In a notebook, put
``%matplotlib inline`` once at the top so Jupyter renders a returned Figure as an image;
in a script, call ``fig.savefig(path)``.

Labels are Indonesian, numbers on axes and bars use decimal commas through
:mod:`iku_helpers.format_id` (Babel, locale "id"). Sizes fit an A4 portrait page
(16 cm wide).

The kategori colours (``WARNA_KATEGORI``) are the same as in the PDF's CSS.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .format_id import angka, nama_iku, persen
from .indikator.rumus import PENYEBUT_MINIMUM, peringkat

#: Kategori capaian -> colour (ColorBrewer RdYlGn); the PDF's CSS uses the same values.
WARNA_KATEGORI: dict[str, str] = {
    "Sangat Tinggi": "#1a9850",
    "Tinggi": "#91cf60",
    "Sedang": "#fee08b",
    "Rendah": "#fc8d59",
    "Sangat Rendah": "#d73027",
    "Tidak Terukur": "#bdbdbd",
}
#: Other labels some offices use for the same five levels (same cut-offs).
SINONIM_KATEGORI: dict[str, str] = {
    "Sangat Baik": "Sangat Tinggi",
    "Baik": "Tinggi",
    "Cukup": "Sedang",
    "Kurang": "Rendah",
    "Sangat Kurang": "Sangat Rendah",
}
WARNA_REALISASI = "#2166ac"   # blue: what was achieved
WARNA_TARGET = "#e66101"      # orange: what was planned (blue/orange is colour-blind safe)
WARNA_PROYEKSI = "#67a9cf"    # light blue: the trend carried forward
WARNA_LATAR = "#d9d9d9"       # grey: a maximum (bobot) behind a value
WARNA_TEKS = "#252525"

#: Smallest text in a chart (pt). Charts are printed at their own size, so this is the
#: size on paper; the report's floor is 7,5 pt.
UKURAN_LABEL = 8

#: The background of a value label drawn over lines: opaque white, no edge, so a line
#: that runs through the label stops at its edge and the number stays readable.
LATAR_LABEL = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"}

CM = 1 / 2.54
LEBAR_A4 = 16 * CM            # usable width of an A4 portrait page, in inches

#: Style applied while a chart is built (rc_context: restored afterwards).
#: The target line of the trend chart: the Perjanjian Kinerja's when the folder has one,
#: the Renstra's for the years after the one reported (hitung.hitung_riwayat).
LABEL_TARGET = "Target (PK bila ada; tahun berikutnya: Renstra)"

GAYA: dict[str, object] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8.5,
    "legend.title_fontsize": 8.5,
    # Input text (area and koperasi names) is drawn literally: "$x$" is not mathtext.
    "text.parse_math": False,
    # SVG keeps text as <text> elements: searchable and copyable in the PDF.
    "svg.fonttype": "none",
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#636363",
    "axes.titlelocation": "left",
    "figure.dpi": 110,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "axes.formatter.use_locale": False,
}


def warna_kategori(kategori: object) -> str:
    """The palette colour of a kategori (synonyms accepted); grey when unknown/missing."""
    if kategori is None or (isinstance(kategori, float) and math.isnan(kategori)):
        return WARNA_KATEGORI["Tidak Terukur"]
    nama = str(kategori)
    nama = SINONIM_KATEGORI.get(nama, nama)
    return WARNA_KATEGORI.get(nama, WARNA_KATEGORI["Tidak Terukur"])


class FormatSumbuID(ticker.FuncFormatter):
    """Tick labels with a decimal comma and a thousands dot (``1,25``, ``12.500``).

    With ``desimal=None`` it uses the fewest decimals (0 to 3) that show every tick
    of the axis exactly, so 1,0 / 1,2 / 1,4 read as such and 0 / 50 / 100 as integers.
    ``akhiran`` is appended (e.g. ``"%"``).
    """

    def __init__(self, desimal: int | None = None, akhiran: str = ""):
        self.desimal = desimal
        self.akhiran = akhiran
        super().__init__(self._format)
        self._lokasi: list[float] = []

    def set_locs(self, locs) -> None:  # called by the axis before labelling its ticks
        self._lokasi = [float(v) for v in np.ravel(np.asarray(locs, dtype=float))
                        if np.isfinite(v)]

    def format_ticks(self, values) -> list[str]:
        self.set_locs(values)
        return [self(v, i) for i, v in enumerate(values)]

    def _desimal_untuk(self) -> int:
        if self.desimal is not None:
            return self.desimal
        lokasi = self._lokasi
        for d in range(4):
            if all(abs(v - round(v, d)) < 1e-9 * max(1.0, abs(v)) for v in lokasi):
                return d
        return 3

    def _format(self, x: float, pos: int | None = None) -> str:
        return angka(x, self._desimal_untuk()) + self.akhiran


def _teks_nilai(nilai: object, satuan: str | None, desimal: int = 2) -> str:
    """A value label: "68,18%" for percentages, "55,00" for an index."""
    if satuan == "%":
        return persen(nilai, desimal)
    return angka(nilai, desimal)


def _bungkus(teks: str, lebar: int) -> str:
    return "\n".join(textwrap.wrap(str(teks), lebar)) if teks else ""


def centang_sampai(ax, atas: float) -> None:
    """Keep the y axis ticks at or below ``atas``: an axis given room above a share's
    range (for the labels of points at 100 %) shows no tick beyond it."""
    bawah = ax.get_ylim()[0]
    ax.set_yticks([t for t in ax.get_yticks() if bawah <= t <= atas])


def _figur(tinggi_cm: float, lebar_cm: float = 16) -> Figure:
    return Figure(figsize=(lebar_cm * CM, tinggi_cm * CM), layout="constrained")


def _figur_kosong(judul: str, pesan: str) -> Figure:
    with mpl.rc_context(GAYA):
        fig = _figur(4)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title(judul)
        ax.text(0.5, 0.5, pesan, ha="center", va="center", color="#636363",
                transform=ax.transAxes)
    return fig


# ----------------------------------------------------------------------------- capaian
def grafik_capaian(tabel: pd.DataFrame, judul: str | None = None,
                   warna: dict[str, str] | None = None,
                   legenda: str = "Kategori capaian") -> Figure:
    """Horizontal bars of capaian (%) per IKU coloured by kategori, a line at 100 %.

    ``tabel`` is the tidy results table (columns kode_iku, indikator, capaian_persen,
    kategori; ``tahun`` is used in the title when present). ``warna``: the colour of each
    value of the kategori column when it holds something else (a quarter's status), in
    legend order, under the legend title ``legenda``.
    """
    wajib = {"kode_iku", "indikator", "capaian_persen", "kategori"}
    if missing := wajib - set(tabel.columns):
        raise ValueError(f"tabel hasil tidak memuat kolom {sorted(missing)}")
    t = tabel.reset_index(drop=True)
    if judul is None:
        judul = "Capaian Indikator Kinerja Utama"
        if "tahun" in t.columns and t["tahun"].nunique() == 1:
            judul += f" Tahun {int(t['tahun'].iloc[0])}"
    capaian = pd.to_numeric(t["capaian_persen"], errors="coerce")
    def warna_dari(k) -> str:
        return warna[k] if warna and k in warna else warna_kategori(k)

    warna_batang = [warna_dari(k) for k in t["kategori"]]
    label_y = [f"{nama_iku(k)}\n{_bungkus(i, 38)}" for k, i in zip(t["kode_iku"], t["indikator"],
                                                         strict=True)]
    maks = float(np.nanmax(capaian.to_numpy(dtype=float))) if capaian.notna().any() else 100.0
    batas_x = max(120.0, maks * 1.18)

    with mpl.rc_context(GAYA):
        fig = _figur(2.4 + 2.1 * len(t))
        ax = fig.add_subplot()
        posisi = np.arange(len(t))
        ax.barh(posisi, capaian.fillna(0).to_numpy(dtype=float), color=warna_batang,
                edgecolor="#636363", linewidth=0.5, height=0.6)
        for y, nilai in zip(posisi, capaian, strict=True):
            teks = "tidak terukur" if pd.isna(nilai) else persen(nilai)
            # a white box keeps the label readable where it crosses the 100 % line
            ax.text((0 if pd.isna(nilai) else nilai) + batas_x * 0.01, y, teks,
                    va="center", ha="left", fontsize=8.5, color=WARNA_TEKS, zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.8})
        ax.axvline(100, color=WARNA_TEKS, linestyle="--", linewidth=1, zorder=3)
        ax.text(100 + batas_x * 0.01, -0.55, "target (100%)", ha="left", va="bottom",
                fontsize=UKURAN_LABEL, color=WARNA_TEKS)
        ax.set_yticks(posisi, label_y)
        ax.set_ylim(len(t) - 0.5, -0.8)
        ax.set_xlim(0, batas_x)
        ax.xaxis.set_major_formatter(FormatSumbuID())
        ax.set_xlabel("Capaian (%) = realisasi / target × 100")
        ax.set_title(judul)
        ada = list(dict.fromkeys(SINONIM_KATEGORI.get(str(k), str(k))
                                 if pd.notna(k) else "Tidak Terukur" for k in t["kategori"]))
        dikenal = warna or WARNA_KATEGORI
        urutan = [k for k in dikenal if k in ada] + [k for k in ada if k not in dikenal]
        ax.legend(handles=[Patch(facecolor=warna_dari(k), edgecolor="#636363",
                                 linewidth=0.5, label=k) for k in urutan],
                  title=legenda, loc="upper center", bbox_to_anchor=(0.5, -0.18),
                  ncols=min(len(urutan), 5), title_fontsize=8.5)
    return fig


# ----------------------------------------------------------------------------- tren
def _garis_proyeksi(proyeksi: object) -> pd.DataFrame | None:
    """Accept the DataFrame line or the dict from ``analisis.proyeksi_tren``."""
    if proyeksi is None:
        return None
    if isinstance(proyeksi, dict):
        proyeksi = proyeksi.get("garis")
    if proyeksi is None or len(proyeksi) == 0:
        return None
    return proyeksi


def _label_nilai(ax, tahun, nilai, di_atas: bool, satuan: str, warna: str) -> None:
    """A value label above or below its point (once the y axis is final); one below a
    point too near the bottom of the axis for it goes to the point's right instead."""
    bawah, atas = ax.get_ylim()
    kanan = not di_atas and (float(nilai) - bawah) / ((atas - bawah) or 1.0) < 0.15
    ax.annotate(_teks_nilai(nilai, satuan), (tahun, nilai), textcoords="offset points",
                xytext=(7, 0) if kanan else (0, 7 if di_atas else -9),
                ha="left" if kanan else "center",
                va="center" if kanan else ("bottom" if di_atas else "top"),
                fontsize=UKURAN_LABEL, color=warna, zorder=4, bbox=LATAR_LABEL)


def _label_tren(ax, realisasi: pd.DataFrame, target: pd.DataFrame, satuan: str) -> None:
    """The value labels of a trend chart: each realisasi on the side away from its year's
    target, and each target on the side away from its year's realisasi (above when there
    is none yet), so the two never collide, however close the points: every point is
    labelled (a reviewer reads a target the chart leaves out as missing)."""
    target_per_tahun = dict(zip(target["tahun"], target["target"], strict=True))
    realisasi_per_tahun = dict(zip(realisasi["tahun"], realisasi["realisasi"], strict=True))
    for th, nilai in realisasi_per_tahun.items():
        _label_nilai(ax, th, nilai, not target_per_tahun.get(th, -math.inf) > nilai, satuan,
                     WARNA_REALISASI)
    for th, nilai in target_per_tahun.items():
        r = realisasi_per_tahun.get(th)
        _label_nilai(ax, th, nilai, r is None or nilai > r, satuan, WARNA_TARGET)


def grafik_tren(riwayat: pd.DataFrame, kode_iku: str, satuan: str,
                proyeksi: pd.DataFrame | None = None, judul: str | None = None) -> Figure:
    """Realisasi (line + markers, labelled) against target (dashed, through 2026).

    ``riwayat``: columns kode_iku, tahun, realisasi, target (``HasilIKU.riwayat``).
    ``proyeksi``: optional line with columns tahun, proyeksi, batas_bawah, batas_atas
    (``analisis.proyeksi_tren(...)["garis"]``; the dict itself is accepted too), drawn
    dotted with its uncertainty band.
    """
    r = riwayat[riwayat["kode_iku"] == kode_iku].sort_values("tahun")
    if r.empty:
        raise ValueError(f"riwayat tidak memuat {kode_iku}")
    realisasi = r[r["realisasi"].notna()]
    target = r[r["target"].notna()]
    garis = _garis_proyeksi(proyeksi)
    nama_satuan = "%" if satuan == "%" else satuan.lower()

    with mpl.rc_context(GAYA):
        fig = _figur(7)
        ax = fig.add_subplot()
        if not target.empty:
            ax.plot(target["tahun"], target["target"], color=WARNA_TARGET, linestyle="--",
                    marker="s", markersize=4, linewidth=1.4,
                    label=LABEL_TARGET)
        if garis is not None:
            g = garis.sort_values("tahun")
            if {"batas_bawah", "batas_atas"} <= set(g.columns) and g["batas_bawah"].notna().any():
                ax.fill_between(g["tahun"], g["batas_bawah"].astype(float),
                                g["batas_atas"].astype(float), color=WARNA_PROYEKSI,
                                alpha=0.25, linewidth=0,
                                label="Rentang ketidakpastian proyeksi (95%)")
            ax.plot(g["tahun"], g["proyeksi"], color=WARNA_PROYEKSI, linestyle=":",
                    marker="o", markersize=4, markerfacecolor="white", linewidth=1.8,
                    label="Proyeksi tren linier")
            akhir = g.iloc[-1]
            ax.annotate(_teks_nilai(akhir["proyeksi"], satuan), (akhir["tahun"], akhir["proyeksi"]),
                        textcoords="offset points", xytext=(6, 0), va="center",
                        fontsize=UKURAN_LABEL, color=WARNA_PROYEKSI, zorder=4,
                        bbox=LATAR_LABEL)
        ax.plot(realisasi["tahun"], realisasi["realisasi"], color=WARNA_REALISASI,
                marker="o", markersize=5, linewidth=2, label="Realisasi")
        tahun = sorted(set(realisasi["tahun"]) | set(target["tahun"])
                       | (set(garis["tahun"]) if garis is not None else set()))
        ax.set_xticks(tahun, [str(int(t)) for t in tahun])
        ax.set_xlim(min(tahun) - 0.4, max(tahun) + 0.6)
        ax.yaxis.set_major_formatter(FormatSumbuID())
        ax.margins(y=0.15)
        if satuan == "%":  # a share: the axis starts at zero, so heights compare honestly
            ax.set_ylim(0, ax.get_ylim()[1])
        # room above the highest point for its label, also for a flat series (whose
        # margin is a sliver), so no label reaches the title
        tertinggi = max([float(v) for v in [*realisasi["realisasi"], *target["target"],
                                            *(garis["proyeksi"] if garis is not None
                                              else [])] if pd.notna(v)], default=None)
        if tertinggi is not None:
            bawah, atas = ax.get_ylim()
            ruang = 0.15 * max(tertinggi - bawah, abs(tertinggi) * 0.1, 0.1)
            ax.set_ylim(bawah, max(atas, tertinggi + ruang))
            if satuan == "%" and tertinggi <= 100 < ax.get_ylim()[1]:
                centang_sampai(ax, 100)
            terendah = min((float(v) for v in [*realisasi["realisasi"], *target["target"]]
                            if pd.notna(v)), default=None)
            if satuan != "%" and terendah is not None:  # room for a label under the lowest
                bawah, atas = ax.get_ylim()
                ax.set_ylim(min(bawah, terendah - 0.25 * (atas - terendah)), atas)
        _label_tren(ax, realisasi, target, satuan)
        ax.grid(axis="y", color="#f0f0f0")
        ax.set_xlabel("Tahun")
        ax.set_ylabel(f"Realisasi dan target ({nama_satuan})")
        ax.set_title(f"{nama_iku(kode_iku)}: realisasi dan target per tahun" if judul is None
                     else judul)
        # below the "Tahun" label, clear of it
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.21), ncols=2)
    return fig


# ----------------------------------------------------------------------------- wilayah
def grafik_wilayah(wilayah: pd.DataFrame, kolom: str, judul: str, satuan: str | None = None,
                   acuan: float | None = None, label_acuan: str = "Provinsi",
                   penyebut: str | None = None,
                   penyebut_minimum: int = PENYEBUT_MINIMUM) -> Figure:
    """Ranked horizontal bars per kabupaten/kota (highest at the top).

    ``wilayah``: a frame with ``nama_wilayah`` and ``kolom`` (e.g. ``HasilIKU.wilayah``
    and ``"iku1_persen"``). ``satuan`` "%" labels values as percentages; by default it is
    guessed from the column name (``*_persen``). ``acuan`` draws a reference line
    (e.g. the province's realisasi). ``penyebut`` names the column of the denominator:
    areas where it is below ``penyebut_minimum`` are not ranked (a share of 2 out of 3 is
    no achievement to rank first); they are drawn grey at the bottom, marked "n = 3".
    """
    if kolom not in wilayah.columns:
        raise ValueError(f"kolom {kolom!r} tidak ada; pilih salah satu dari "
                         f"{list(wilayah.columns)}")
    if satuan is None:
        satuan = "%" if kolom.endswith("persen") else ""
    w = wilayah[["nama_wilayah", kolom]].copy()
    w[kolom] = pd.to_numeric(w[kolom], errors="coerce")
    n = (pd.to_numeric(wilayah[penyebut], errors="coerce") if penyebut
         else pd.Series(np.inf, index=wilayah.index))
    w["_kecil"] = n.lt(penyebut_minimum).to_numpy()
    w["_n"] = n.to_numpy()
    w = w.sort_values(["_kecil", kolom, "nama_wilayah"], ascending=[True, False, True],
                      na_position="last").reset_index(drop=True)
    # the one ranking rule (rumus.peringkat): equal values as printed share a rank,
    # 1, 2, 2, 4; small denominators get none
    urutan = peringkat(w[kolom], w["_n"], penyebut_minimum)
    bilangan_bulat = satuan != "%" and w[kolom].dropna().mod(1).eq(0).all()
    desimal = 0 if bilangan_bulat else 2

    with mpl.rc_context(GAYA):
        fig = _figur(1.9 + 0.5 * len(w))
        ax = fig.add_subplot()
        posisi = np.arange(len(w))
        nilai = w[kolom].fillna(0).to_numpy(dtype=float)
        ax.barh(posisi, nilai, color=[WARNA_LATAR if k else WARNA_REALISASI
                                      for k in w["_kecil"]], height=0.65)
        maks = float(np.nanmax(nilai)) if len(nilai) else 1.0
        maks = maks if maks > 0 else 1.0
        for y, v in zip(posisi, w[kolom], strict=True):
            teks = "tidak ada data" if pd.isna(v) else _teks_nilai(v, satuan, desimal)
            ax.text((0 if pd.isna(v) else v) + maks * 0.01, y, teks, va="center",
                    fontsize=UKURAN_LABEL, color=WARNA_TEKS, zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3})
        if acuan is not None and not pd.isna(acuan):
            ax.axvline(acuan, color=WARNA_TARGET, linestyle="--", linewidth=1.2)
            # beside the line, not across it
            ax.text(acuan + maks * 0.01, -0.7,
                    f"{label_acuan}: {_teks_nilai(acuan, satuan, desimal)}",
                    color=WARNA_TARGET, fontsize=UKURAN_LABEL, ha="left", va="bottom")
        label = []
        for r, nama, kecil, jumlah in zip(urutan, w["nama_wilayah"], w["_kecil"], w["_n"],
                                          strict=True):
            if kecil:
                label.append(f"{nama} (n = {angka(jumlah, 0)}, tidak diperingkat)")
            else:
                label.append(f"{r}. {nama}" if r is not None else f"–. {nama}")
        ax.set_yticks(posisi, label)
        ax.set_ylim(len(w) - 0.5, -1.1)
        ax.set_xlim(0, max(maks, acuan or 0) * 1.18)
        ax.xaxis.set_major_formatter(FormatSumbuID(akhiran="%" if satuan == "%" else ""))
        if bilangan_bulat:
            ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
        ax.grid(axis="x", color="#f0f0f0")
        ax.set_axisbelow(True)
        ax.set_title(judul)
    return fig


# ----------------------------------------------------------------------------- komponen RB
def grafik_komponen_rb(komponen: pd.DataFrame | None, judul: str | None = None) -> Figure:
    """Nilai against bobot per komponen of the Indeks RB (latest year in the frame).

    ``komponen``: columns tahun, kelompok, komponen, bobot, nilai (``HasilIKU.komponen_rb``).
    The grey bar is the maximum (bobot), the blue bar the score; the label gives both and
    the share of the maximum reached.
    """
    if komponen is None or len(komponen) == 0:
        return _figur_kosong(judul or "Komponen Indeks Reformasi Birokrasi",
                             "Tidak ada data komponen indeks RB.")
    tahun = int(komponen["tahun"].max())
    k = komponen[komponen["tahun"] == tahun].reset_index(drop=True)
    urutan_kelompok = {"pengungkit": 0, "hasil": 1}
    k = k.assign(_urut=k["kelompok"].str.lower().map(urutan_kelompok).fillna(2)).sort_values(
        "_urut", kind="stable").reset_index(drop=True)
    label = [f"{_bungkus(n, 30)}\n({str(g).capitalize()})" for n, g in
             zip(k["komponen"], k["kelompok"], strict=True)]

    with mpl.rc_context(GAYA):
        fig = _figur(2.8 + 1.25 * len(k))
        ax = fig.add_subplot()
        posisi = np.arange(len(k))
        ax.barh(posisi, k["bobot"].astype(float), color=WARNA_LATAR, height=0.7,
                label="Bobot (nilai maksimum)")
        ax.barh(posisi, k["nilai"].astype(float), color=WARNA_REALISASI, height=0.42,
                label="Nilai")
        for y, n, b in zip(posisi, k["nilai"], k["bobot"], strict=True):
            bagian = f" ({persen(n / b * 100)} dari bobot)" if b else ""
            ax.text(b + float(k["bobot"].max()) * 0.015, y,
                    f"{angka(n)} / {angka(b)}{bagian}", va="center", fontsize=UKURAN_LABEL,
                    color=WARNA_TEKS)
        ax.set_yticks(posisi, label)
        ax.set_ylim(len(k) - 0.5, -0.5)
        ax.set_xlim(0, float(k["bobot"].max()) * 1.7)
        ax.xaxis.set_major_formatter(FormatSumbuID())
        ax.set_xlabel("Poin indeks")
        total_n, total_b = float(k["nilai"].sum()), float(k["bobot"].sum())
        ax.set_title(f"Komponen Indeks RB Tahun {tahun}: total {angka(total_n)} "
                     f"dari {angka(total_b)}" if judul is None else judul)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.3 / len(k)), ncols=2)
    return fig


# ----------------------------------------------------------------------------- small multiples
def grafik_kecil_wilayah(tren: pd.DataFrame, judul: str, satuan: str = "%",
                         kolom_nilai: str = "nilai", acuan: pd.DataFrame | None = None,
                         kolom: int = 4, label_acuan: str = "Provinsi") -> Figure:
    """Small multiples: one panel per kabupaten/kota, the indicator across years.

    ``tren``: long frame with columns tahun, nama_wilayah and ``kolom_nilai``
    (``analisis.tren_wilayah``). Panels share both axes so areas compare at a glance.
    ``acuan`` (columns tahun, nilai): the province line, drawn grey in every panel.
    Built with plain matplotlib subplots (seaborn's FacetGrid would go through pyplot).
    """
    if tren.empty:
        return _figur_kosong(judul, "Tidak ada data.")
    nama = list(dict.fromkeys(tren["nama_wilayah"]))
    baris = math.ceil(len(nama) / kolom)
    akhiran = "%" if satuan == "%" else ""
    semua_tahun = sorted(int(t) for t in tren["tahun"].unique())

    with mpl.rc_context(GAYA):
        fig = _figur(2.0 + 3.3 * baris)
        sumbu = fig.subplots(baris, kolom, sharex=True, sharey=True, squeeze=False)
        for i, ax in enumerate(sumbu.flat):
            if i >= len(nama):
                ax.set_axis_off()
                continue
            d = tren[tren["nama_wilayah"] == nama[i]].sort_values("tahun")
            if acuan is not None and len(acuan):
                a = acuan.sort_values("tahun")
                ax.plot(a["tahun"], a["nilai"], color="#969696", linewidth=1,
                        linestyle="--", label=label_acuan)
            ax.plot(d["tahun"], d[kolom_nilai], color=WARNA_REALISASI, marker="o",
                    markersize=3, linewidth=1.5, label="Kabupaten/kota")
            ax.set_title(_bungkus(nama[i], 18), fontsize=8.5, loc="center")
            ax.grid(axis="y", color="#f0f0f0")
            ax.yaxis.set_major_formatter(FormatSumbuID(akhiran=akhiran))
            ax.set_xticks(semua_tahun, [f"'{t % 100:02d}" for t in semua_tahun])
            ax.tick_params(labelsize=UKURAN_LABEL, labelbottom=True)  # years under every panel
        fig.suptitle(judul, fontsize=10, fontweight="bold", x=0.02, ha="left")
        if acuan is not None and len(acuan):
            pegangan, label = sumbu.flat[0].get_legend_handles_labels()
            fig.legend(pegangan, label, loc="outside lower center", ncols=2)
    return fig


def semua_grafik_tren(riwayat: pd.DataFrame, satuan: dict[str, str],
                      proyeksi: dict[str, object] | None = None,
                      kode: Iterable[str] | None = None) -> dict[str, Figure]:
    """``grafik_tren`` for several IKU at once: {kode_iku: Figure}."""
    kode = list(kode) if kode is not None else list(dict.fromkeys(riwayat["kode_iku"]))
    proyeksi = proyeksi or {}
    return {k: grafik_tren(riwayat, k, satuan.get(k, ""), proyeksi.get(k)) for k in kode}


__all__ = [
    "FormatSumbuID",
    "GAYA",
    "LEBAR_A4",
    "SINONIM_KATEGORI",
    "WARNA_KATEGORI",
    "WARNA_LATAR",
    "WARNA_PROYEKSI",
    "WARNA_REALISASI",
    "WARNA_TARGET",
    "grafik_capaian",
    "grafik_kecil_wilayah",
    "grafik_komponen_rb",
    "grafik_tren",
    "grafik_wilayah",
    "semua_grafik_tren",
    "warna_kategori",
]


# ----------------------------------------------------------------------------- efisiensi
def grafik_kuadran_efisiensi(per_iku: pd.DataFrame, judul: str | None = None) -> Figure:
    """Capaian (%) against serapan anggaran (%) per IKU, with lines at 100 %: top left
    (high capaian, little spent) is efficient, bottom right (spent, target missed) is
    where money did not buy the result. IKU without a budget line are left out."""
    t = per_iku.dropna(subset=["serapan_persen", "capaian_persen"])
    if t.empty:
        return _figur_kosong(judul or "Capaian dan serapan anggaran",
                             "Tidak ada IKU dengan data anggaran")
    with mpl.rc_context(GAYA):
        fig = _figur(7.5, 12)
        ax = fig.add_subplot()
        x = t["serapan_persen"].astype(float).to_numpy()
        y = t["capaian_persen"].astype(float).to_numpy()
        bawah = max(0.0, float(min(np.nanmin(x), np.nanmin(y))) - 15)
        atas = max(110.0, float(max(np.nanmax(x), np.nanmax(y))) + 10)
        batas_x = batas_y = atas
        ax.axhline(100, color="#636363", linewidth=0.8, linestyle="--")
        ax.axvline(100, color="#636363", linewidth=0.8, linestyle="--")
        ax.plot([bawah, atas], [bawah, atas], color="#9bb3c9", linewidth=1,
                label="capaian = serapan (indeks efisiensi 1)")
        # framed in opaque white: the lines at 100 % may run behind the legend
        ax.legend(loc="lower right", frameon=True, facecolor="white", edgecolor="none",
                  framealpha=1).set_zorder(5)
        ax.scatter(x, y, s=40, color="#0b3d6b", zorder=3)
        label = [ax.annotate(nama_iku(kode), (xi, yi), xytext=(5, 4),
                             textcoords="offset points", zorder=4, bbox=LATAR_LABEL)
                 for xi, yi, kode in zip(x, y, t["kode_iku"], strict=True)]
        ax.set_xlim(bawah, batas_x)
        ax.set_ylim(bawah, batas_y)
        ax.set_xlabel("Serapan anggaran (%)")
        ax.set_ylabel("Capaian kinerja (%)")
        # above the plot area: inside it, it would sit where a point and its label can be
        ax.text(0, 1.03, "di atas garis: efisien; di bawah garis: kurang efisien",
                transform=ax.transAxes, va="bottom", color="#636363")
        if judul:  # above the note
            ax.set_title(judul, pad=20)
        _label_bebas(fig, ax, label, np.column_stack([x, y]))
    return fig


#: Where a point's label may go, in order of preference: (offset in points, ha, va).
_POSISI_LABEL = (((5, 4), "left", "bottom"), ((5, -4), "left", "top"),
                 ((-5, 4), "right", "bottom"), ((-5, -4), "right", "top"),
                 ((0, 8), "center", "bottom"), ((0, -8), "center", "top"))


def _label_bebas(fig: Figure, ax, label: list, titik: np.ndarray) -> None:
    """Moves each point's label (an annotation at offset (5, 4)) to the first position of
    ``_POSISI_LABEL`` where its opaque box hides no point and meets no label placed before
    it nor the legend: two IKU with nearly the same serapan and capaian (2022: IKU 1 at
    87,52 / 104,84, IKU 4 at 87,66 / 102,00) hid a point under a neighbour's label. Keeps
    the first position when none is free."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if fig.canvas is None or not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    fig.draw_without_rendering()  # the constrained layout fixes where the axes sit
    r = fig.canvas.get_renderer()
    piksel = ax.transData.transform(titik)
    jari = 4.0 * fig.dpi / 72  # a marker of s=40 has a radius of about 3,2 pt
    legenda = ax.get_legend()
    terpakai = [legenda.get_window_extent(r)] if legenda is not None else []
    for i, a in enumerate(label):
        lain = np.delete(piksel, i, axis=0)  # a label may sit beside its own point only
        for xytext, ha, va in _POSISI_LABEL:
            a.set_position(xytext)
            a.set_ha(ha)
            a.set_va(va)
            kotak = a.get_window_extent(r)
            menutupi = any(kotak.padded(jari).contains(px, py) for px, py in lain)
            if not menutupi and not any(kotak.overlaps(k) for k in terpakai):
                break
        else:
            (xytext, ha, va) = _POSISI_LABEL[0]
            a.set_position(xytext)
            a.set_ha(ha)
            a.set_va(va)
        terpakai.append(a.get_window_extent(r))


# ----------------------------------------------------------------------------- triwulan
def grafik_triwulan(ringkasan: pd.DataFrame, kode: str, satuan: str = "%",
                    judul: str | None = None) -> Figure:
    """Target (Rencana Aksi) and realisasi of one IKU per quarter as grouped bars, from
    ``triwulan.ringkasan_triwulan``; a quarter without a value has no bar."""
    r = ringkasan[ringkasan["kode_iku"] == kode].sort_values("triwulan")
    romawi = {1: "I", 2: "II", 3: "III", 4: "IV"}
    with mpl.rc_context(GAYA):
        fig = _figur(6.5)
        ax = fig.add_subplot()
        x = np.arange(len(r))
        tertinggi = 0.0
        for geser, kolom, label, warna in ((-0.2, "target", "Target (Rencana Aksi)", "#9bb3c9"),
                                           (0.2, "realisasi", "Realisasi s.d. triwulan",
                                            "#0b3d6b")):
            nilai = pd.to_numeric(r[kolom], errors="coerce").to_numpy(dtype=float)
            ada = ~np.isnan(nilai)
            ax.bar((x + geser)[ada], nilai[ada], width=0.4, label=label, color=warna)
            for xi, v in zip((x + geser)[ada], nilai[ada], strict=True):
                ax.annotate(_teks_nilai(v, satuan), (xi, v), ha="center", va="bottom",
                            xytext=(0, 2), textcoords="offset points", zorder=4,
                            bbox=LATAR_LABEL)
            if ada.any():
                tertinggi = max(tertinggi, float(np.nanmax(nilai)))
        ax.set_xticks(x, [f"TW {romawi[int(t)]}" for t in r["triwulan"]])
        ax.set_ylim(0, (tertinggi or 1) * 1.25)
        ax.yaxis.set_major_formatter(FormatSumbuID(akhiran="%" if satuan == "%" else ""))
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2)
        if judul:
            ax.set_title(judul)
    return fig
