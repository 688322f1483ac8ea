"""Rendering helpers of the report: the Jinja2 environment (autoescape on), number
filters, and charts as SVG with their text kept as text.

Templates live in ``templates/lkjip/`` (one per chapter or section). They receive plain
values (strings, numbers, lists, dicts) from :mod:`iku_helpers.laporan`; every value is
escaped by Jinja2 unless it is a ``Markup`` made here (a chart, sanitised narrative).
"""

from __future__ import annotations

import base64
import io
import re
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import format_id as fmt
from .config import TEMPLATES_DIR

DIREKTORI_TEMPLAT_LKJIP = TEMPLATES_DIR / "lkjip"


def nilai_satuan(nilai: object, satuan: str) -> str:
    """1,24% for percentages, 55,00 for an index."""
    return fmt.persen(nilai) if satuan == "%" else fmt.angka(nilai)


@cache
def lingkungan() -> Environment:
    env = Environment(loader=FileSystemLoader(str(DIREKTORI_TEMPLAT_LKJIP)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=False)
    env.filters.update(angka=fmt.angka, persen=fmt.persen, bilangan=fmt.bilangan,
                       nilai_satuan=nilai_satuan)
    return env


def render(nama: str, **konteks) -> str:
    return lingkungan().get_template(nama).render(**konteks)


_UKURAN_SVG = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"')


def svg_grafik(fig, alt: str = "grafik") -> Markup:
    """A matplotlib figure as an ``<img>`` holding an SVG data URL, printed at its own
    size (so 8 pt chart text is 8 pt on paper). ``svg.fonttype = "none"`` writes text as
    SVG ``<text>``: searchable and copyable in the PDF, sharp at any zoom."""
    import matplotlib as mpl

    buffer = io.BytesIO()
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "iku"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    data = buffer.getvalue()
    cocok = _UKURAN_SVG.search(data[:2000])
    ukuran = (f"width: {float(cocok.group(1)):.1f}pt; height: {float(cocok.group(2)):.1f}pt"
              if cocok else "max-width: 100%")
    kode = base64.b64encode(data).decode("ascii")
    return Markup('<img class="grafik" alt="{}" style="{}" src="data:image/svg+xml;base64,{}"/>'
                  ).format(alt, ukuran, Markup(kode))
