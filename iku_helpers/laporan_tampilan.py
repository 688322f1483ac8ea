"""Rendering helpers of the report: the Jinja2 environment (autoescape on), number
filters, and charts as SVG with their text kept as text.

Templates live in ``templates/lkjip/`` (one per chapter or section). They receive plain
values (strings, numbers, lists, dicts) from :mod:`iku_helpers.laporan`; every value is
escaped by Jinja2 unless it is a ``Markup`` made here (a chart, sanitised narrative).
"""

from __future__ import annotations

import base64
import gc
import io
import os
import pickle
import re
import select
import signal
import sys
import time
import warnings
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


def _svg(fig) -> bytes:
    import matplotlib as mpl

    buffer = io.BytesIO()
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "iku"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return gaya_ke_atribut(buffer.getvalue())


#: matplotlib's one style sheet: ``*{stroke-linejoin: round; stroke-linecap: butt}``.
_LEMBAR_GAYA_MPL = re.compile(
    rb'\s*<defs>\s*<style type="text/css">\*\{([^{}<>]*)\}</style>\s*</defs>')
#: A ``style="..."`` attribute inside a tag (matplotlib escapes ``<`` and ``>`` in text).
_ATRIBUT_GAYA = re.compile(rb'(<[A-Za-z][^<>]*?) style="([^"<>]*)"')
_DEKLARASI = re.compile(rb"^\s*([a-z-]+)\s*:\s*(.*?)\s*$")


def _deklarasi_ke_atribut(deklarasi: bytes) -> bytes | None:
    """``fill: #fff; stroke-width: 0.5`` -> `` fill="#fff" stroke-width="0.5"``; None when a
    declaration is not a plain ``name: value`` (then the style is left as it is)."""
    atribut = []
    for bagian in deklarasi.split(b";"):
        if not bagian.strip():
            continue
        cocok = _DEKLARASI.match(bagian)
        if cocok is None or b"!" in bagian or b'"' in bagian:
            return None
        atribut.append(b" %s=\"%s\"" % (cocok.group(1), cocok.group(2)))
    return b"".join(atribut)


def gaya_ke_atribut(svg: bytes) -> bytes:
    """matplotlib's SVG with its CSS turned into SVG presentation attributes: the same
    picture, about a fifth less CPU for WeasyPrint to draw the report's thirteen charts
    (1,85 s -> 1,44 s measured alone): it parses every ``style`` attribute with a CSS
    parser and matches every element against the ``*`` rule.

    The ``*`` rule sets two inherited properties on every element; they go onto the root
    ``<svg>`` instead, from where every element inherits them unless it sets its own
    (an attribute, like the inline style it replaces, wins over inheritance; it would lose
    to a ``*`` rule, hence the rule goes). An SVG not in this form is returned unchanged."""
    lembar = _LEMBAR_GAYA_MPL.search(svg)
    if lembar is None or svg.count(b"<style") != 1:
        return svg
    akar = _deklarasi_ke_atribut(lembar.group(1))
    if akar is None:
        return svg

    def ganti(cocok: re.Match) -> bytes:
        atribut = _deklarasi_ke_atribut(cocok.group(2))
        return cocok.group(0) if atribut is None else cocok.group(1) + atribut

    svg = svg[:lembar.start()] + svg[lembar.end():]
    svg = svg.replace(b"<svg ", b"<svg" + akar + b" ", 1)
    return _ATRIBUT_GAYA.sub(ganti, svg)


def svg_grafik(fig, alt: str = "grafik") -> Markup:
    """A matplotlib figure as an ``<img>`` holding an SVG data URL, printed at its own
    size (so 8 pt chart text is 8 pt on paper). ``svg.fonttype = "none"`` writes text as
    SVG ``<text>``: searchable and copyable in the PDF, sharp at any zoom."""
    return _img_svg(_svg(fig), alt)


#: Set (to anything but "" or "0") where the report's charts must be saved in one
#: process: the batch's worker processes set it, as every core already makes a report.
ENV_GRAFIK_SATU_PROSES = "IKU_GRAFIK_SATU_PROSES"


def _jumlah_inti() -> int:
    """Cores this process may run on (its CPU affinity where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _satu_proses() -> bool:
    return (not hasattr(os, "fork") or _jumlah_inti() < 2
            or os.environ.get(ENV_GRAFIK_SATU_PROSES, "0") not in ("", "0"))


def svg_banyak(gambar: list[tuple[object, str]]) -> list[Markup]:
    """``[svg_grafik(fig, alt) for fig, alt in gambar]``, the same bytes, on two cores.

    Saving the report's charts as SVG is about 1,5 s of one core. Where the system can
    fork and has a second core, a forked child saves every other figure (its copy of the
    figures is the parent's, so its SVG is byte for byte what the parent would write:
    ``svg.hashsalt`` fixes the ids) and sends the bytes back through a pipe, while the
    parent saves the rest. If the child fails in any way, the parent saves its share
    itself: the result never depends on the child. In a batch's worker processes
    (``IKU_GRAFIK_SATU_PROSES``) the charts are saved one by one."""
    if len(gambar) < 4 or _satu_proses():
        return [svg_grafik(fig, alt) for fig, alt in gambar]
    anak_bagian = list(range(1, len(gambar), 2))
    baca, tulis = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no output, no exit handlers, no finalizers, only the pipe
        _anak(gambar, anak_bagian, baca, tulis)
    os.close(tulis)
    data = None
    try:
        hasil: dict[int, bytes] = {i: _svg(gambar[i][0]) for i in range(0, len(gambar), 2)}
        data = _baca_batas_waktu(baca, BATAS_WAKTU_ANAK)
    finally:  # whatever happened here: the pipe closed, the child ended and reaped
        os.close(baca)
        if data is None:  # stuck, or the parent failed: stop it
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        os.waitpid(pid, 0)
    try:  # complete data is the child's answer, however it then exited
        dari_anak = pickle.loads(data) if data is not None else None
    except Exception:  # noqa: BLE001 - a broken reply is redone below
        dari_anak = None
    if not isinstance(dari_anak, list) or len(dari_anak) != len(anak_bagian):
        dari_anak = [_svg(gambar[i][0]) for i in anak_bagian]
    hasil.update(zip(anak_bagian, dari_anak, strict=True))
    return [_img_svg(hasil[i], alt) for i, (_, alt) in enumerate(gambar)]


#: Seconds the parent waits for the child's charts before saving them itself.
BATAS_WAKTU_ANAK = 120.0


def _anak(gambar, bagian: list[int], baca: int, tulis: int) -> None:
    """The forked child: save its figures, write them to the pipe, leave with os._exit
    (never returning into the parent's code, running no exit handlers or finalizers,
    printing nothing into the kernel's output)."""
    kode = 1
    try:
        gc.disable()
        os.close(baca)
        nol = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nol, 1)
        os.dup2(nol, 2)
        sys.stdout = sys.stderr = open(nol, "w", closefd=False)  # noqa: SIM115
        warnings.simplefilter("ignore")
        data = pickle.dumps([_svg(gambar[i][0]) for i in bagian])
        with os.fdopen(tulis, "wb") as keluar:
            keluar.write(data)
        kode = 0
    finally:
        os._exit(kode)


def _baca_batas_waktu(fd: int, detik: float) -> bytes | None:
    """Everything written to the pipe until its writer closes it, or None after
    ``detik`` seconds without the end (a stuck child)."""
    bagian = []
    batas = time.monotonic() + detik
    while True:
        sisa = batas - time.monotonic()
        if sisa <= 0 or not select.select([fd], [], [], sisa)[0]:
            return None
        potongan = os.read(fd, 1 << 20)
        if not potongan:
            return b"".join(bagian)
        bagian.append(potongan)


def _img_svg(data: bytes, alt: str) -> Markup:
    cocok = _UKURAN_SVG.search(data[:2000])
    ukuran = (f"width: {float(cocok.group(1)):.1f}pt; height: {float(cocok.group(2)):.1f}pt"
              if cocok else "max-width: 100%")
    kode = base64.b64encode(data).decode("ascii")
    return Markup('<img class="grafik" alt="{}" style="{}" src="data:image/svg+xml;base64,{}"/>'
                  ).format(alt, ukuran, Markup(kode))
