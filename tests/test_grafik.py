"""Charts: palette, Indonesian number formats, and no global matplotlib state leaking."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import iku_helpers as ik
from iku_helpers import grafik
from iku_helpers.grafik import (
    LATAR_LABEL,
    WARNA_KATEGORI,
    WARNA_PROYEKSI,
    WARNA_REALISASI,
    WARNA_TARGET,
    FormatSumbuID,
)

ROOT = Path(__file__).resolve().parents[1]

@pytest.fixture
def tabel() -> pd.DataFrame:
    return pd.DataFrame({
        "kode_iku": ["IKU1", "IKU2", "IKU3", "IKU4"],
        "indikator": ["Proporsi Tenaga Kerja", "Koperasi Berkualitas", "Usaha Kecil",
                      "Indeks RB"],
        "tahun": [2025] * 4,
        "capaian_persen": [68.18, 100.0, 56.31, None],
        "kategori": ["Sedang", "Sangat Tinggi", "Rendah", "Tidak Terukur"],
    })


@pytest.fixture
def riwayat() -> pd.DataFrame:
    return pd.DataFrame({
        "kode_iku": ["IKU1"] * 5 + ["IKU2"],
        "tahun": [2022, 2023, 2024, 2025, 2026, 2025],
        "realisasi": [1.0, 1.25, 1.4, None, None, 3.0],
        "target": [1.1, 1.2, 1.3, 1.5, 2.0, 3.85],
    })


def _teks(fig: Figure) -> list[str]:
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(mpl.text.Text)]


def test_palette_is_the_one_the_pdf_uses():
    assert WARNA_KATEGORI == {"Sangat Tinggi": "#1a9850", "Tinggi": "#91cf60",
                              "Sedang": "#fee08b", "Rendah": "#fc8d59",
                              "Sangat Rendah": "#d73027", "Tidak Terukur": "#bdbdbd"}
    assert grafik.warna_kategori("Sangat Baik") == "#1a9850"  # synonym label
    assert grafik.warna_kategori(None) == "#bdbdbd"
    assert grafik.warna_kategori("Entah") == "#bdbdbd"


@pytest.mark.parametrize(("lokasi", "harapan"), [
    ([0.0, 0.5, 1.0, 1.5], ["0,0", "0,5", "1,0", "1,5"]),
    ([0, 50, 100], ["0", "50", "100"]),
    ([1.05, 1.1, 1.15], ["1,05", "1,10", "1,15"]),
    ([0, 5000, 10000], ["0", "5.000", "10.000"]),
])
def test_axis_formatter_uses_decimal_comma_and_fewest_decimals(lokasi, harapan):
    f = FormatSumbuID()
    f.set_locs(lokasi)
    assert f.format_ticks(lokasi) == harapan
    assert FormatSumbuID(desimal=2, akhiran="%")(1.5) == "1,50%"


def test_grafik_capaian_colours_bars_by_kategori_and_labels_values(tabel):
    fig = grafik.grafik_capaian(tabel)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    warna = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert warna == ["#fee08b", "#1a9850", "#fc8d59", "#bdbdbd"]
    teks = _teks(fig)
    assert {"68,18%", "100,00%", "56,31%", "tidak terukur"} <= set(teks)
    assert any(t.startswith("IKU 1\nProporsi") for t in teks)  # as the prose writes it
    # vertical line at 100 %
    assert any(list(line.get_xdata()) == [100, 100] for line in ax.lines)
    legenda = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legenda == ["Sangat Tinggi", "Sedang", "Rendah", "Tidak Terukur"]
    tick_x = [t.get_text() for t in ax.get_xticklabels()]
    assert "100" in tick_x and all("." not in t for t in tick_x)
    assert "Capaian Indikator Kinerja Utama Tahun 2025" in teks


def test_grafik_capaian_missing_column_fails_loudly(tabel):
    with pytest.raises(ValueError, match="kategori"):
        grafik.grafik_capaian(tabel.drop(columns=["kategori"]))


def test_grafik_tren_realisasi_target_and_projection(riwayat):
    proyeksi = pd.DataFrame({"tahun": [2024, 2025, 2026], "proyeksi": [1.4, 1.6, 1.8],
                             "batas_bawah": [1.4, 1.3, 1.2], "batas_atas": [1.4, 1.9, 2.4]})
    fig = grafik.grafik_tren(riwayat, "IKU1", "%", proyeksi)
    ax = fig.axes[0]
    garis = {line.get_label(): line for line in ax.lines}
    assert list(garis["Realisasi"].get_xdata()) == [2022, 2023, 2024]
    assert to_hex(garis["Realisasi"].get_color()) == WARNA_REALISASI
    assert list(garis[grafik.LABEL_TARGET].get_xdata()) == [2022, 2023, 2024, 2025, 2026]
    assert garis[grafik.LABEL_TARGET].get_linestyle() == "--"
    assert to_hex(garis[grafik.LABEL_TARGET].get_color()) == WARNA_TARGET
    assert garis["Proyeksi tren linier"].get_linestyle() == ":"
    assert to_hex(garis["Proyeksi tren linier"].get_color()) == WARNA_PROYEKSI
    assert len(ax.collections) == 1  # the uncertainty band
    teks = _teks(fig)
    assert {"1,00%", "1,25%", "1,40%", "1,80%"} <= set(teks)
    ticks_y = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks_y and all("," in t for t in ticks_y) and all("." not in t for t in ticks_y)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2022", "2023", "2024", "2025",
                                                             "2026"]


def test_grafik_tren_labels_target_points_away_from_realisasi():
    """Target points carry their value in the target colour, on the side away from the
    year's realisasi (above when the target is higher or there is no realisasi yet), also
    one very near its realisasi (1,52 over 1,50: both labelled, on opposite sides, with no
    overlap); one near the bottom of the axis is labelled to its right."""
    r = pd.DataFrame({"kode_iku": ["IKU1"] * 6, "tahun": [2021, 2022, 2023, 2024, 2025, 2026],
                      "realisasi": [2.0, 1.0, 2.0, 1.5, None, None],
                      "target": [0.1, 1.5, 1.2, 1.52, 1.6, 1.8]})
    fig = grafik.grafik_tren(r, "IKU1", "%")
    label = {a.get_text(): a for a in fig.axes[0].texts}
    target = {t: a for t, a in label.items() if to_hex(a.get_color()) == WARNA_TARGET}
    assert set(target) == {"0,10%", "1,50%", "1,20%", "1,52%", "1,60%", "1,80%"}
    # 2024: target 1,52 labelled above, realisasi 1,50 below
    assert target["1,52%"].xy == (2024, 1.52) and target["1,52%"].xyann[1] > 0
    r_2024 = [a for a in fig.axes[0].texts if a.xy == (2024, 1.5)]
    assert len(r_2024) == 1 and r_2024[0].xyann[1] < 0
    assert target["1,50%"].xy == (2022, 1.5) and target["1,50%"].xyann[1] > 0  # above
    assert target["1,20%"].xyann[1] < 0 and target["1,20%"].get_va() == "top"  # below
    assert target["1,60%"].xyann[1] > 0 and target["1,80%"].xyann[1] > 0  # no realisasi
    assert target["0,10%"].get_ha() == "left" and target["0,10%"].xyann == (7, 0)
    assert to_hex(label["1,00%"].get_color()) == WARNA_REALISASI
    assert label["1,00%"].xyann[1] < 0  # the realisasi's label on its own side
    assert _masalah_label(fig) == []
    plt.close(fig)


def test_grafik_tren_accepts_projection_dict_and_index_units(riwayat):
    garis = pd.DataFrame({"tahun": [2025, 2026], "proyeksi": [3.0, 3.5],
                          "batas_bawah": [float("nan")] * 2, "batas_atas": [float("nan")] * 2})
    fig = grafik.grafik_tren(riwayat, "IKU2", "Indeks", {"garis": garis})
    assert "3,00" in _teks(fig) and "3,50" in _teks(fig)
    assert len(fig.axes[0].collections) == 0  # no band without bounds
    # years with neither realisasi nor target nor projection are left off the axis
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2025", "2026"]
    with pytest.raises(ValueError, match="IKU9"):
        grafik.grafik_tren(riwayat, "IKU9", "%")


def test_grafik_wilayah_is_ranked_highest_first():
    w = pd.DataFrame({"nama_wilayah": ["A", "B", "C"], "iku1_persen": [0.9, 1.33, None]})
    fig = grafik.grafik_wilayah(w, "iku1_persen", "IKU1 per wilayah", acuan=1.05)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1. B", "2. A", "–. C"]
    assert [round(p.get_width(), 2) for p in ax.patches] == [1.33, 0.9, 0.0]
    teks = _teks(fig)
    assert {"1,33%", "0,90%", "tidak ada data", "Provinsi: 1,05%"} <= set(teks)
    with pytest.raises(ValueError, match="tidak ada"):
        grafik.grafik_wilayah(w, "salah", "x")


def test_grafik_wilayah_counts_are_integers():
    w = pd.DataFrame({"nama_wilayah": ["A", "B"], "koperasi_meningkat": [1, 2]})
    teks = _teks(grafik.grafik_wilayah(w, "koperasi_meningkat", "Koperasi meningkat"))
    assert "2" in teks and "1" in teks and "2,00" not in teks


def test_grafik_komponen_rb_nilai_against_bobot():
    k = pd.DataFrame({"tahun": [2025, 2025, 2024], "kelompok": ["hasil", "pengungkit",
                                                                 "hasil"],
                      "komponen": ["Kinerja Organisasi", "Reform", "Lama"],
                      "bobot": [10.0, 30.0, 10.0], "nilai": [5.59, 17.17, 1.0]})
    fig = grafik.grafik_komponen_rb(k)
    ax = fig.axes[0]
    # pengungkit first; two bars per komponen: bobot (grey) then nilai (blue)
    lebar = [round(p.get_width(), 2) for p in ax.patches]
    assert lebar == [30.0, 10.0, 17.17, 5.59]
    teks = _teks(fig)
    assert "17,17 / 30,00 (57,23% dari bobot)" in teks
    assert "Komponen Indeks RB Tahun 2025: total 22,76 dari 40,00" in teks
    kosong = grafik.grafik_komponen_rb(None)
    assert isinstance(kosong, Figure)
    assert "Tidak ada data komponen indeks RB." in _teks(kosong)


def test_grafik_kecil_wilayah_one_panel_per_area():
    tren = pd.DataFrame({"tahun": [2023, 2024] * 5,
                         "nama_wilayah": [n for n in "ABCDE" for _ in range(2)],
                         "nilai": [1.0, 1.1, 0.8, 0.9, 1.2, 1.0, 0.5, 0.7, 1.5, 1.4]})
    acuan = pd.DataFrame({"tahun": [2023, 2024], "nilai": [1.0, 1.02]})
    fig = grafik.grafik_kecil_wilayah(tren, "IKU1 per wilayah", acuan=acuan, kolom=3)
    terlihat = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title(loc="center") for ax in terlihat] == list("ABCDE")
    assert len(fig.axes) == 6  # 2 x 3 grid, last panel hidden
    assert list(terlihat[0].lines[1].get_ydata()) == [1.0, 1.1]
    # years are labelled under every panel, not only the bottom row
    assert [t.get_text() for t in terlihat[0].get_xticklabels()] == ["'23", "'24"]
    assert all(t.get_visible() for t in terlihat[0].get_xticklabels())
    fig.canvas.draw()
    ticks = [t.get_text() for t in terlihat[0].get_yticklabels() if t.get_text()]
    assert ticks and all("." not in t for t in ticks) and any("," in t for t in ticks)


def test_charts_leave_no_global_state(tabel):
    rc_sebelum = dict(mpl.rcParams)
    fig_sebelum = plt.get_fignums()
    grafik.grafik_capaian(tabel)
    assert plt.get_fignums() == fig_sebelum  # not registered with pyplot
    assert dict(mpl.rcParams) == rc_sebelum


def test_figures_fit_a4_width_and_use_dejavu(tabel):
    fig = grafik.grafik_capaian(tabel)
    assert fig.get_figwidth() == pytest.approx(16 / 2.54)
    fig.canvas.draw()
    judul = fig.axes[0].title
    assert judul.get_fontfamily() == ["DejaVu Sans"] or "DejaVu Sans" in judul.get_fontname()


def test_charts_on_the_mini_folder(folder_mini):
    h = ik.hitung_iku(2025, folder_mini)
    fig = grafik.grafik_capaian(h.tabel)
    warna = [to_hex(p.get_facecolor()) for p in fig.axes[0].patches]
    assert warna == [WARNA_KATEGORI[k] for k in h.tabel["kategori"]]
    # komponen 2025: pengungkit Pemenuhan 16/20 and Reform 20/30, then hasil 34/50;
    # the bobot bars first, then the nilai bars
    rb = grafik.grafik_komponen_rb(h.komponen_rb)
    assert [round(p.get_width(), 2) for p in rb.axes[0].patches] == [20, 30, 50, 16, 20, 34]
    assert "20,00 / 30,00 (66,67% dari bobot)" in _teks(rb)
    # IKU3 per area: Kabupaten Satu 2/4 = 50 %, Kota Dua 1/4 = 25 %
    ax = grafik.grafik_wilayah(h.wilayah, "iku3_persen", "IKU3").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1. Kabupaten Satu", "2. Kota Dua"]
    figs = grafik.semua_grafik_tren(h.riwayat, {"IKU1": "%", "IKU4": "Indeks"},
                                    kode=["IKU1", "IKU4"])
    assert set(figs) == {"IKU1", "IKU4"}


def test_grafik_wilayah_equal_values_share_a_rank():
    from iku_helpers.grafik import grafik_wilayah

    w = pd.DataFrame({"nama_wilayah": ["Sigi", "Banggai Kepulauan", "Poso"],
                      "iku3_persen": [4.0, 4.0, 1.5]})
    ax = grafik_wilayah(w, "iku3_persen", "uji").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "1. Banggai Kepulauan", "1. Sigi", "3. Poso"]


# ----------------------------------------------------------------- report requirements
def _svg(fig: Figure) -> str:
    import io

    buffer = io.BytesIO()
    with mpl.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg")
    return buffer.getvalue().decode("utf-8")


def test_nama_dengan_dolar_digambar_apa_adanya():
    """"$x^2$" in an area name must not become mathtext (superscript 2, no dollars)."""
    w = pd.DataFrame({"nama_wilayah": ["Kab. $x^2$ Jaya", "Kota $\\alpha$"],
                      "iku3_persen": [5.0, 3.0]})
    fig = grafik.grafik_wilayah(w, "iku3_persen", "Uji $judul$")
    assert "1. Kab. $x^2$ Jaya" in _teks(fig) and "Uji $judul$" in _teks(fig)
    svg = _svg(fig)
    # one <text> element holding the literal name (matplotlib also writes a comment)
    assert re.search(r">1\. Kab\. \$x\^2\$ Jaya</text>", svg)
    assert re.search(r">2\. Kota \$\\alpha\$</text>", svg)


def test_wilayah_penyebut_kecil_tidak_diperingkat():
    w = pd.DataFrame({"nama_wilayah": ["Kecil", "Besar", "Sedang"],
                      "iku3_persen": [66.67, 10.0, 5.0],
                      "usaha_kecil_dievaluasi": [3, 40, 20]})
    fig = grafik.grafik_wilayah(w, "iku3_persen", "", penyebut="usaha_kecil_dievaluasi")
    label = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # the 2-of-3 area has the highest share but is not ranked first: it goes last, unranked
    assert label == ["1. Besar", "2. Sedang", "Kecil (n = 3, tidak diperingkat)"]


def test_sumbu_persentase_mulai_dari_nol(riwayat):
    fig = grafik.grafik_tren(riwayat, "IKU1", "%")
    assert fig.axes[0].get_ylim()[0] == 0


def test_teks_grafik_paling_kecil_8_pt(tabel, riwayat):
    figs = [grafik.grafik_capaian(tabel), grafik.grafik_tren(riwayat, "IKU1", "%"),
            grafik.grafik_wilayah(pd.DataFrame({"nama_wilayah": ["A", "B"], "x_persen": [1, 2]}),
                                  "x_persen", "")]
    for fig in figs:
        fig.canvas.draw() if hasattr(fig.canvas, "draw") else None
        ukuran = [t.get_fontsize() for t in fig.findobj(mpl.text.Text) if t.get_text()]
        assert ukuran and min(ukuran) >= 8, min(ukuran)


# ----------------------------------------------------------------- no line through a label
def _masalah_label(fig: Figure) -> list[str]:
    """What makes a label of ``fig`` hard to read on paper: a text (value label, note,
    legend entry) that a plotted line (data, target or reference line) runs through
    without an opaque background drawn above that line; a data point hidden under a
    label; and two texts (labels, notes, the legend, titles, tick labels) drawn over each
    other."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PathCollection

    FigureCanvasAgg(fig).draw()
    r = fig.canvas.get_renderer()
    temuan = []
    judul_figur = [t for t in fig.texts + [fig._suptitle] if t is not None]
    for ax in fig.axes:
        legenda = ax.get_legend()
        teks = [(t, None) for t in ax.texts if t.get_visible() and t.get_text().strip()]
        teks += [(t, legenda) for t in legenda.get_texts()] if legenda else []
        for t, lg in teks:
            if lg is not None:
                bingkai = lg.get_frame()
                pekat = lg.get_frame_on() and bingkai.get_facecolor()[3] == 1 \
                    and bingkai.get_alpha() in (None, 1)
                urutan = lg.get_zorder()
            else:
                latar = t.get_bbox_patch()
                pekat = latar is not None and latar.get_facecolor()[3] == 1 \
                    and latar.get_alpha() in (None, 1)
                urutan = t.get_zorder()
            kotak = t.get_window_extent(r)
            for garis in ax.lines:
                jalur = garis.get_transform().transform_path(garis.get_path())
                if garis.get_visible() and jalur.intersects_bbox(kotak, filled=False) \
                        and not (pekat and urutan > garis.get_zorder()):
                    temuan.append(f"{t.get_text()!r} dilintasi {garis.get_label()}")
            # scatter points under an opaque label (or the legend's frame)
            tutup = lg.get_frame().get_window_extent(r) if lg is not None else kotak
            for titik in ax.collections:
                if isinstance(titik, PathCollection) and pekat and urutan > titik.get_zorder():
                    posisi = titik.get_offset_transform().transform(titik.get_offsets())
                    if any(tutup.contains(x, y) for x, y in posisi):
                        temuan.append(f"{t.get_text()!r} menutupi titik data")
        # texts drawn over each other (tick labels among themselves are matplotlib's)
        kotak = [(repr(t.get_text()), t.get_window_extent(r)) for t, lg in teks if lg is None]
        kotak += [("legenda", legenda.get_window_extent(r))] if legenda else []
        kotak += [(f"judul {t.get_text()!r}", t.get_window_extent(r))
                  for t in (ax.title, ax._left_title, ax._right_title, *judul_figur,
                            ax.xaxis.label, ax.yaxis.label)
                  if t.get_visible() and t.get_text().strip()]
        centang = [(f"sumbu {t.get_text()!r}", t.get_window_extent(r))
                   for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
        for i, (a, ka) in enumerate(kotak):
            for b, kb in kotak[i + 1:] + centang:
                if ka.overlaps(kb):
                    temuan.append(f"{a} menimpa {b}")
    return temuan


@pytest.mark.parametrize("tahun", [2022, 2023, 2024, 2025])
def test_labels_are_readable_in_every_report_chart(tahun, monkeypatch):
    """Every chart of the LKjIP (sample data, each year the data completes): no line runs
    through a label without an opaque background, no point is hidden under a label and no
    two labels overlap. (2022 was left out; its efficiency chart hid IKU 4's point under
    IKU 2's label.)"""
    from iku_helpers import laporan

    gambar = []
    monkeypatch.setattr(laporan._Daftar, "simpan_gambar", lambda self: gambar.extend(
        (g["id"], f) for g, f in self._tertunda))
    assert laporan.siapkan(tahun, ROOT / "data", "2026-11-28").daftar.gambar
    assert len(gambar) >= 10
    temuan = {id_: t for id_, fig in gambar if (t := _masalah_label(fig))}
    for _, fig in gambar:
        plt.close(fig)
    assert temuan == {}


def test_the_label_check_sees_lines_and_overlaps():
    """The check itself: a label on a line is found without a background, not with one;
    two labels on top of each other are found."""
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], label="garis")
    ax.text(0.5, 0.5, "1,23%", ha="center", va="center")
    assert _masalah_label(fig) == ["'1,23%' dilintasi garis"]
    ax.texts[0].set_bbox(LATAR_LABEL)
    ax.texts[0].set_zorder(4)
    assert _masalah_label(fig) == []
    ax.text(0.52, 0.5, "4,56%", va="center", zorder=4, bbox=LATAR_LABEL)
    assert _masalah_label(fig) == ["'1,23%' menimpa '4,56%'"]
    ax.texts[1].remove()
    ax.lines[0].set_zorder(5)  # a line drawn above the opaque label still crosses it
    assert _masalah_label(fig) == ["'1,23%' dilintasi garis"]
    ax.lines[0].set_zorder(2)
    ax.scatter([0.5], [0.5], zorder=3)  # a point hidden under the label
    assert _masalah_label(fig) == ["'1,23%' menutupi titik data"]
    ax.collections[0].remove()
    ax.set_title("1,23%")
    ax.set_ylim(-0.05, 0.5)  # the label now sits where the title is drawn
    assert "judul '1,23%'" in " ".join(_masalah_label(fig))


@pytest.mark.parametrize("nilai", [[50.0, 50.0, 50.0], [99.5, 100.0, 100.0], [0.0, 0.0, 0.0]])
def test_trend_labels_stay_clear_of_the_title(nilai):
    """A flat series, or one at 100 %, keeps its value labels off the title, in the report's
    chart and in the dashboard's (whose axis stops near the range's top)."""
    from iku_helpers.grafik_dasbor import grafik_tren_dasbor

    r = pd.DataFrame({"kode_iku": ["IKU2"] * 3, "tahun": [2023, 2024, 2025],
                      "realisasi": nilai, "target": [max(v - 1, 0) for v in nilai]})
    for fig in (grafik.grafik_tren(r, "IKU2", "%"), grafik_tren_dasbor(r, "IKU2", "%")):
        assert _masalah_label(fig) == []
        assert max(fig.axes[0].get_yticks()) <= 100  # no tick above a share's range
        plt.close(fig)


def test_efficiency_chart_title_stays_clear_of_its_note():
    """With a title, the efficiency chart's note (above the plot area) stays below it."""
    t = pd.DataFrame({"kode_iku": ["IKU1", "IKU2"], "serapan_persen": [94.7, 90.5],
                      "capaian_persen": [70.0, 100.0]})
    fig = grafik.grafik_kuadran_efisiensi(t, judul="Capaian dan serapan anggaran 2025")
    assert _masalah_label(fig) == []


# ------------------------------------------- report SVG: CSS as presentation attributes
def _css_matplotlib(fig: Figure) -> bytes:
    """The chart as matplotlib writes it for the report, before ``gaya_ke_atribut``."""
    import io

    buffer = io.BytesIO()
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "iku"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def _nilai_efektif(akar, aturan_semua: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(tag, every property's value) for each element but the style sheet, in document
    order: an inline style declaration wins over the ``*`` rule, which wins over a
    presentation attribute, which wins over the parent's value (all properties matplotlib
    writes here are treated as inherited: a stricter comparison)."""
    hasil = []

    def jalan(el, induk: dict[str, str]) -> None:
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ("style", "metadata") or (tag == "defs" and len(el) == 1
                                            and el[0].tag.endswith("style")):
            return
        nilai = dict(induk)
        nilai.update({k: v for k, v in el.attrib.items() if "}" not in k
                      and k not in ("d", "id", "x", "y", "transform", "style")})
        nilai.update(aturan_semua)
        for deklarasi in el.get("style", "").split(";"):
            if ":" in deklarasi:
                k, v = deklarasi.split(":", 1)
                nilai[k.strip()] = v.strip()
        hasil.append((tag, nilai))
        for anak in el:
            jalan(anak, nilai)

    jalan(akar, {})
    return hasil


def test_svg_laporan_tanpa_css_menggambar_nilai_yang_sama(tabel, riwayat):
    """Every element of every kind of report chart gets, from the presentation attributes,
    the value the CSS gave it (inline style, matplotlib's ``*`` rule, inheritance)."""
    import xml.etree.ElementTree as ET

    from iku_helpers.laporan_tampilan import _svg

    buat = [lambda: grafik.grafik_capaian(tabel),
            lambda: grafik.grafik_tren(riwayat, "IKU1", "%"),
            lambda: grafik.grafik_wilayah(pd.DataFrame({"nama_wilayah": ["A", "B"],
                                                        "x_persen": [1, 2]}), "x_persen", "J")]
    for b in buat:  # each figure saved once, as in the report (a second save may differ)
        fig_a, fig_b = b(), b()
        asli, baru = _css_matplotlib(fig_a), _svg(fig_b)
        plt.close(fig_a)
        plt.close(fig_b)
        assert b"<style" in asli and b"style=" in asli
        assert b"<style" not in baru and b"style=" not in baru
        aturan = re.search(rb"\*\{([^}]*)\}", asli).group(1).decode()
        semua = {k.strip(): v.strip() for k, v in
                 (d.split(":") for d in aturan.split(";") if d.strip())}
        assert semua == {"stroke-linejoin": "round", "stroke-linecap": "butt"}
        efektif_asli = _nilai_efektif(ET.fromstring(asli), semua)
        efektif_baru = _nilai_efektif(ET.fromstring(baru), {})
        assert len(efektif_asli) == len(efektif_baru) > 20
        for (tag_a, a), (tag_b, b) in zip(efektif_asli, efektif_baru, strict=True):
            assert tag_a == tag_b and a == b, (tag_a, a, b)
        # an element that sets its own linejoin keeps it (a '*' rule would have beaten an
        # attribute: the reason the rule goes to the root)
        assert b'stroke-linejoin="miter"' in baru or b'stroke-linejoin="bevel"' in baru


def test_svg_bukan_bentuk_matplotlib_tidak_diubah():
    from iku_helpers.laporan_tampilan import gaya_ke_atribut

    dasar = (b'<svg width="1pt" height="1pt"><defs><style type="text/css">'
             b'*{stroke-linejoin: round}</style></defs><path style="fill: red"/></svg>')
    assert gaya_ke_atribut(dasar) == (b'<svg stroke-linejoin="round" width="1pt" '
                                      b'height="1pt"><path fill="red"/></svg>')
    for lain in (dasar.replace(b"round}", b"round !important}"),  # not a plain declaration
                 dasar.replace(b"</svg>", b"<style>path{fill: blue}</style></svg>"),  # 2 sheets
                 dasar.replace(b"*{", b"path{")):  # not the '*' rule
        assert gaya_ke_atribut(lain) == lain
    # a style declaration that is not plain stays a style attribute
    aneh = dasar.replace(b'style="fill: red"', b'style="fill: red !important"')
    assert b'style="fill: red !important"' in gaya_ke_atribut(aneh)


def test_grafik_capaian_colours_a_quarters_status():
    """A quarter's bars (dashboard, TW II 2025) are coloured and captioned by status, in the
    colours the monev report gives them; the legend is titled 'Status triwulan'."""
    from iku_helpers.panel import WARNA_STATUS

    t = pd.DataFrame({"kode_iku": ["IKU1", "IKU2"], "indikator": ["Satu", "Dua"],
                      "capaian_persen": [93.33, 0.0],
                      "kategori": ["Perlu perhatian", "Tidak tercapai"]})
    fig = grafik.grafik_capaian(t, "TW II", warna=WARNA_STATUS, legenda="Status triwulan")
    ax = fig.axes[0]
    assert [to_hex(b.get_facecolor()) for b in ax.patches[:2]] == [
        to_hex(WARNA_STATUS["Perlu perhatian"]), to_hex(WARNA_STATUS["Tidak tercapai"])]
    legenda = ax.get_legend()
    assert legenda.get_title().get_text() == "Status triwulan"
    assert [x.get_text() for x in legenda.get_texts()] == ["Perlu perhatian", "Tidak tercapai"]
    plt.close(fig)
