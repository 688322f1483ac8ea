"""Executed notebook -> HTML (nbconvert, template ``laporan``) -> PDF (WeasyPrint), offline.

WeasyPrint gets a restricted URL fetcher: only ``data:`` URLs and ``file://`` URLs
inside matplotlib's font folder and the template folder are read. Anything else
(http, https, ftp, other local files) is refused, so text that reaches the report
cannot make the renderer fetch a URL or read a file. A refused resource is left out
(an image shows its alt text) and reported in the list ``html_ke_pdf`` returns.

Text from data that goes into HTML or Markdown output must be escaped by the
notebook (``aman_html``); WeasyPrint runs no scripts either way.
"""

from __future__ import annotations

import html as _html
import logging
import mimetypes
import os
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import matplotlib
import nbformat
from markupsafe import Markup

from .config import TEMPLATES_DIR
from .keluaran import berkas_sementara

NAMA_TEMPLAT = "laporan"
DIREKTORI_TEMPLAT = TEMPLATES_DIR / NAMA_TEMPLAT
#: Cells with these tags are left out of the report, outputs included.
TAG_DIBUANG = ("parameters", "injected-parameters")
#: Richest first; text/plain only when nothing richer. JavaScript/widgets never.
PRIORITAS_TAMPILAN = [
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/plain",
]
_FONTA = [  # (family, file, weight, style)
    ("Laporan Sans", "DejaVuSans.ttf", "normal", "normal"),
    ("Laporan Sans", "DejaVuSans-Bold.ttf", "bold", "normal"),
    ("Laporan Sans", "DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("Laporan Sans", "DejaVuSans-BoldOblique.ttf", "bold", "italic"),
    ("Laporan Mono", "DejaVuSansMono.ttf", "normal", "normal"),
    ("Laporan Mono", "DejaVuSansMono-Bold.ttf", "bold", "normal"),
]


class PdfEngineError(RuntimeError):
    """WeasyPrint (or the Pango library it needs) cannot be loaded."""


class UrlDitolakError(ValueError):
    """The renderer asked for a URL outside the allowed set."""


def aman_html(teks: object) -> str:
    """Escape text for HTML or Markdown output (``<script>`` shows literally)."""
    return _html.escape(str(teks), quote=True)


def direktori_fonta() -> Path:
    """matplotlib's bundled TrueType folder (DejaVu), wherever matplotlib is installed."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _direktori_diizinkan() -> list[Path]:
    return [direktori_fonta().resolve(), DIREKTORI_TEMPLAT.resolve()]


def css_fonta() -> str:
    """@font-face rules pointing at matplotlib's DejaVu files (file:// URLs)."""
    aturan = []
    for keluarga, berkas, tebal, gaya in _FONTA:
        jalur = direktori_fonta() / berkas
        if jalur.is_file():
            aturan.append(
                f'@font-face {{ font-family: "{keluarga}"; src: url("{jalur.resolve().as_uri()}"); '
                f"font-weight: {tebal}; font-style: {gaya}; }}"
            )
    return "\n".join(aturan)


def periksa_url(url: str) -> Path | None:
    """Return None for a ``data:`` URL, the local path for an allowed ``file:`` URL;
    raise UrlDitolakError for anything else."""
    bagian = urlsplit(url)
    skema = bagian.scheme.lower()
    if skema == "data":
        return None
    if skema == "file" and bagian.netloc in ("", "localhost"):
        jalur = Path(url2pathname(bagian.path)).resolve()
        if any(jalur.is_relative_to(d) for d in _direktori_diizinkan()) and jalur.is_file():
            return jalur
    raise UrlDitolakError(f"Alamat tidak diizinkan dalam laporan: {url[:120]}")


_KELAS_PENGAMBIL = None


def pengambil_url_terbatas():
    """A ``weasyprint.urls.URLFetcher`` that only serves what ``periksa_url`` allows."""
    global _KELAS_PENGAMBIL
    if _KELAS_PENGAMBIL is None:
        urls = _muat_weasyprint().urls

        class PengambilTerbatas(urls.URLFetcher):
            def fetch(self, url, headers=None):
                jalur = periksa_url(url)
                if jalur is None:  # data: URL, decoded by urllib's DataHandler (no I/O)
                    return super().fetch(url, headers)
                jenis = mimetypes.guess_type(jalur.name)[0] or "application/octet-stream"
                return urls.URLFetcherResponse(
                    url, jalur.read_bytes(), headers={"Content-Type": jenis}
                )

        _KELAS_PENGAMBIL = PengambilTerbatas
    return _KELAS_PENGAMBIL(
        timeout=5, allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=False
    )


def _muat_weasyprint():
    try:
        import weasyprint
        import weasyprint.urls  # noqa: F401
    except (OSError, ImportError) as exc:
        raise PdfEngineError(
            "Mesin PDF (WeasyPrint) tidak dapat dimuat: "
            f"{exc}. Pastikan paket Python 'weasyprint' terpasang beserta pustaka Pango: "
            "di Debian/Ubuntu "
            "'apt-get install libpango-1.0-0 libpangoft2-1.0-0', atau di conda "
            "'conda install -c conda-forge weasyprint'."
        ) from exc
    return weasyprint


def notebook_ke_html(nb_path_or_node) -> str:
    """Render an executed notebook (path or NotebookNode) as report HTML: no code,
    no prompts, no parameter cells, no stderr, no external resources."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    nb = nb_path_or_node
    if isinstance(nb, (str, os.PathLike)):
        nb = nbformat.read(nb, as_version=4)
    exporter = HTMLExporter(
        config=Config({"NbConvertBase": {"display_data_priority": PRIORITAS_TAMPILAN}}),
        template_name=NAMA_TEMPLAT,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        language_code="id",
    )
    hasil, _ = exporter.from_notebook_node(nb, resources={"laporan_fonta": Markup(css_fonta())})
    # nbconvert fills missing alt text in English; keep the report Indonesian.
    return hasil.replace('alt="No description has been provided for this image"', 'alt="Gambar"')


class _Penampung(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.pesan: list[str] = []

    def emit(self, record):
        pesan = record.getMessage()
        if "HarfBuzz" not in pesan:  # font-subsetting backend note, not about the report
            self.pesan.append(pesan)


def html_ke_pdf(html: str, pdf_path: str | os.PathLike, *, timpa: bool = False) -> list[str]:
    """Render ``html`` to ``pdf_path`` via a temporary file in the same folder that is
    moved into place only when complete. An existing ``pdf_path`` raises
    FileExistsError unless ``timpa=True``. Return WeasyPrint's warnings (refused or
    broken resources, CSS problems) so the caller can report them."""
    weasyprint = _muat_weasyprint()
    pdf_path = Path(pdf_path)
    penampung = _Penampung()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(penampung)
    try:
        dokumen = weasyprint.HTML(string=html, url_fetcher=pengambil_url_terbatas())
        with berkas_sementara(pdf_path, timpa=timpa) as sementara:
            dokumen.write_pdf(sementara)
    finally:
        logger.removeHandler(penampung)
    return penampung.pesan
