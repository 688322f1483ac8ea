"""Chart helpers for the interactive workbook/dashboard, built on :mod:`iku_helpers.grafik`.

The report and the workbook share one palette and one set of chart functions
(``grafik.py``); this module only adds what a screen needs on top of them:

* :func:`grafik_tren_dasbor`: ``grafik.grafik_tren`` with the y axis fitted to the data,
  target and projection, so a wide uncertainty band cannot flatten the lines (the band
  is cut at the axis and a note says so);
* :func:`grafik_kecil_sampai`: the small multiples limited to the years up to ``tahun``;
* :func:`ke_png` / :func:`ke_svg`: a Figure as bytes, for inline display and download.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .grafik import GAYA, centang_sampai, grafik_kecil_wilayah, grafik_tren

#: Resolution of the charts shown on screen (the report uses grafik.GAYA's 200 dpi).
DPI_LAYAR = 120


def grafik_tren_dasbor(riwayat: pd.DataFrame, kode_iku: str, satuan: str,
                       proyeksi: dict | None = None, judul: str | None = None,
                       batas: tuple[float, float] = (0.0, 100.0)) -> Figure:
    """``grafik_tren`` whose y axis shows the realisasi, target and projection line with a
    margin; the uncertainty band may run beyond the axis (then ``fig.pita_terpotong`` is
    True, so the caller can say so) but never squeezes the lines into a flat strip."""
    fig = grafik_tren(riwayat, kode_iku, satuan, proyeksi, judul)
    ax = fig.axes[0]
    r = riwayat[riwayat["kode_iku"] == kode_iku]
    nilai = [r["realisasi"].dropna().astype(float), r["target"].dropna().astype(float)]
    garis = (proyeksi or {}).get("garis") if isinstance(proyeksi, dict) else None
    if garis is not None and len(garis):
        nilai.append(garis["proyeksi"].astype(float))
    semua = np.concatenate([np.asarray(v, dtype=float) for v in nilai if len(v)])
    if not len(semua):
        return fig
    bawah, atas = float(semua.min()), float(semua.max())
    jarak = max(atas - bawah, abs(atas) * 0.1, 0.1)
    y0 = max(batas[0], bawah - 0.35 * jarak)
    # above the range's top only as far as a label above a point there needs (a share
    # of 100 % would otherwise put its label on the title); no tick beyond the range
    y1 = min(batas[1] + 0.12 * (batas[1] - y0), atas + 0.35 * jarak)
    ax.set_ylim(y0, y1)
    centang_sampai(ax, batas[1])
    if garis is not None and len(garis) and garis["batas_bawah"].notna().any():
        # the caller says so under the chart (e.g. the dashboard, as text)
        fig.pita_terpotong = bool((garis["batas_bawah"] < y0 - 1e-9).any()
                                  or (garis["batas_atas"] > y1 + 1e-9).any())
    return fig


def grafik_kecil_sampai(tren: pd.DataFrame, tahun: int, judul: str, satuan: str = "%",
                        acuan: pd.DataFrame | None = None) -> Figure:
    """Small multiples of ``tren`` (``analisis.tren_wilayah``) for the years up to and
    including ``tahun`` only, so the chart matches the year chosen."""
    t = tren[tren["tahun"] <= int(tahun)]
    a = acuan[acuan["tahun"] <= int(tahun)] if acuan is not None else None
    return grafik_kecil_wilayah(t, judul, satuan=satuan, acuan=a)


def ke_png(fig: Figure, dpi: int = DPI_LAYAR) -> bytes:
    """The figure as PNG bytes (figure closed afterwards is not needed: it is not pyplot's)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches=GAYA["savefig.bbox"])
    return buf.getvalue()


def ke_svg(fig: Figure) -> bytes:
    """The figure as SVG bytes (text kept as paths: no font needed to view it)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches=GAYA["savefig.bbox"])
    return buf.getvalue()


__all__ = ["DPI_LAYAR", "grafik_kecil_sampai", "grafik_tren_dasbor", "ke_png", "ke_svg"]
