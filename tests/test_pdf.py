"""Notebook -> HTML -> PDF: no code, no parameters, no external fetches, offline."""

import os
import sys

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from iku_helpers import pdf

PNG_1PX = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGA"
    "WjR9awAAAABJRU5ErkJggg=="
)
SVG_KECIL = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="40" height="20" fill="#1a9850"/></svg>'
)
KEPALA = "Laporan Capaian IKU Tahun 2025 — DATA CONTOH, bukan data resmi"


def _keluaran(data):
    return new_output("display_data", data=data)


@pytest.fixture
def buku_kerja():
    nb = new_notebook()
    nb.metadata["title"] = "Uji Laporan"
    parameter = new_code_cell("tahun = 2025", metadata={"tags": ["injected-parameters"]})
    parameter.outputs = [new_output("stream", name="stdout", text="KELUARAN_PARAMETER\n")]
    bawaan = new_code_cell("tahun = 2024", metadata={"tags": ["parameters"]})
    kepala = new_code_cell("tampilkan_kepala()")
    kepala.outputs = [
        _keluaran(
            {
                "text/html": f'<div class="kepala-halaman">{KEPALA}</div>'
                "<h2>Ringkasan</h2><table><thead><tr><th>IKU</th>"
                '<th class="angka">Capaian</th></tr></thead><tbody><tr><td>IKU1</td>'
                '<td class="angka kategori-tinggi">80,52%</td></tr></tbody></table>'
                '<img src="http://example.invalid/x.png" alt="gambar-http">'
                '<img src="file:///etc/hostname" alt="gambar-berkas">',
                "text/plain": "TEKS_POLOS_TIDAK_DIPAKAI",
            }
        )
    ]
    cetak = new_code_cell('print("KODE_RAHASIA")')
    cetak.outputs = [
        new_output("stream", name="stdout", text="halo\n"),
        new_output("stream", name="stderr", text="PERINGATAN_STDERR\n"),
    ]
    gambar = new_code_cell("grafik()")
    gambar.outputs = [
        _keluaran({"image/png": PNG_1PX, "text/plain": "<Figure PNG>"}),
        _keluaran({"image/svg+xml": SVG_KECIL, "text/plain": "<Figure SVG>"}),
        _keluaran({"text/markdown": "Teks **TEBAL_MD**", "text/plain": "MD_POLOS"}),
    ]
    skrip = new_code_cell("widget()")
    skrip.outputs = [
        _keluaran({"application/javascript": "alert('JS_TIDAK')", "text/plain": "polos-cadangan"})
    ]
    nb.cells = [
        parameter,
        bawaan,
        new_markdown_cell("# Pendahuluan\n\nNama: &lt;script&gt;alert(1)&lt;/script&gt; selesai."),
        kepala,
        cetak,
        gambar,
        skrip,
    ]
    return nb


def pastikan_mesin_pdf() -> None:
    """Skip when WeasyPrint/Pango cannot load, except in CI: CI installs Pango (.ci/run),
    so there a missing PDF engine fails the run instead of hiding as a skip."""
    try:
        pdf._muat_weasyprint()
    except pdf.PdfEngineError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI={os.environ['CI']}: mesin PDF wajib ada, tidak boleh dilewati: "
                        f"{exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def mesin_pdf():
    pastikan_mesin_pdf()


def _teks_pdf(path):
    from pypdf import PdfReader

    return [halaman.extract_text() for halaman in PdfReader(path).pages]


def test_html_tanpa_kode_parameter_stderr_dan_skrip(buku_kerja):
    html = pdf.notebook_ke_html(buku_kerja)
    for terlarang in [
        "tahun = 2025",
        "tahun = 2024",
        "KELUARAN_PARAMETER",
        "KODE_RAHASIA",
        "PERINGATAN_STDERR",
        "TEKS_POLOS_TIDAK_DIPAKAI",
        "JS_TIDAK",
        "<script",
        "<link",
        "mathjax",
        "require",
        "In&nbsp;[",
        "No description",
    ]:
        assert terlarang not in html, terlarang
    assert "halo" in html
    assert "polos-cadangan" in html  # text/plain used when nothing richer is allowed
    assert "data:image/png;base64," in html and "data:image/svg+xml;base64," in html
    assert "<strong>TEBAL_MD</strong>" in html and "MD_POLOS" not in html
    assert "&lt;Figure" not in html
    assert '<html lang="id">' in html
    assert "DejaVuSans-Bold.ttf" in html and ".kepala-halaman" in html  # CSS inline


def test_html_dari_berkas(buku_kerja, tmp_path):
    import nbformat

    berkas = tmp_path / "laporan.ipynb"
    nbformat.write(buku_kerja, berkas)
    assert "halo" in pdf.notebook_ke_html(berkas)


def test_pdf_berisi_kepala_nomor_halaman_dan_keluaran(buku_kerja, tmp_path, mesin_pdf):
    tujuan = tmp_path / "laporan.pdf"
    peringatan = pdf.html_ke_pdf(pdf.notebook_ke_html(buku_kerja), tujuan)
    halaman = _teks_pdf(tujuan)
    semua = "\n".join(halaman)
    assert KEPALA in halaman[0]
    assert "Halaman 1 dari 1" in halaman[0]
    assert "halo" in semua and "80,52%" in semua
    assert "<script>alert(1)</script>" in semua  # escaped text shows literally
    assert "tahun = 2025" not in semua and "KODE_RAHASIA" not in semua
    # both images refused, the render still finished
    assert any("example.invalid" in p for p in peringatan)
    assert any("/etc/hostname" in p for p in peringatan)
    assert not list(tmp_path.glob(".*sementara*"))
    from pypdf import PdfReader

    assert len(PdfReader(tujuan).pages[0].images) >= 1  # the PNG output is drawn


def test_sampul_tanpa_kepala_dan_nomor(tmp_path, mesin_pdf):
    html = pdf.notebook_ke_html(
        new_notebook(
            cells=[
                new_markdown_cell(
                    f'<div class="sampul"><div class="kepala-halaman">{KEPALA}</div>'
                    "<p>SAMPUL_LAPORAN</p></div>"
                ),
                new_markdown_cell("# Bab I\n\nIsi bab."),
                new_markdown_cell("# Bab II\n\nIsi bab dua."),
            ]
        )
    )
    tujuan = tmp_path / "s.pdf"
    pdf.html_ke_pdf(html, tujuan)
    halaman = _teks_pdf(tujuan)
    assert len(halaman) == 3  # cover, then each h1 chapter on its own page
    assert "SAMPUL_LAPORAN" in halaman[0]
    assert "Halaman" not in halaman[0] and KEPALA not in halaman[0]
    assert "Bab I" in halaman[1] and KEPALA in halaman[1] and "Halaman 2 dari 3" in halaman[1]
    assert "Bab II" in halaman[2] and "Halaman 3 dari 3" in halaman[2]


def test_pdf_tidak_menimpa_kecuali_diminta(tmp_path, mesin_pdf):
    tujuan = tmp_path / "a.pdf"
    tujuan.write_bytes(b"lama")
    with pytest.raises(FileExistsError):
        pdf.html_ke_pdf("<p>baru</p>", tujuan)
    assert tujuan.read_bytes() == b"lama"
    pdf.html_ke_pdf("<p>baru</p>", tujuan, timpa=True)
    assert tujuan.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "url",
    [
        "http://example.invalid/x.png",
        "https://example.com/a.css",
        "ftp://example.com/x",
        "file:///etc/hostname",
        "file:///etc/passwd",
        "file://remote-host/etc/passwd",
        "FILE:///etc/passwd",
    ],
)
def test_pengambil_menolak_url_luar(url, mesin_pdf):
    with pytest.raises(pdf.UrlDitolakError):
        pdf.periksa_url(url)
    with pytest.raises(pdf.UrlDitolakError):
        pdf.pengambil_url_terbatas()(url)


def test_pengambil_menolak_jalan_keluar_dari_folder_fonta(mesin_pdf):
    keluar = (pdf.direktori_fonta() / ".." / ".." / ".." / "..").as_posix()
    with pytest.raises(pdf.UrlDitolakError):
        pdf.periksa_url("file://" + keluar + "/../../../../../etc/passwd")


def test_pengambil_mengizinkan_data_dan_fonta(mesin_pdf):
    pengambil = pdf.pengambil_url_terbatas()
    respons = pengambil("data:text/plain;base64,aGFsbw==")
    assert respons.read() == b"halo"
    url_fonta = (pdf.direktori_fonta() / "DejaVuSans.ttf").resolve().as_uri()
    respons = pengambil(url_fonta)
    assert respons.read(4) == b"\x00\x01\x00\x00"  # TrueType signature
    respons.close()


def test_aman_html():
    assert pdf.aman_html('<script>alert("x")</script>') == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    )


def test_mesin_pdf_tidak_ada_memberi_pesan_jelas(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import raises ImportError
    with pytest.raises(pdf.PdfEngineError, match="libpango-1.0-0 libpangoft2-1.0-0"):
        pdf.html_ke_pdf("<p>x</p>", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    assert isinstance(pdf.PdfEngineError("x"), RuntimeError)


def _mesin_rusak(monkeypatch):
    def gagal():
        raise pdf.PdfEngineError("Pango tidak ditemukan")
    monkeypatch.setattr(pdf, "_muat_weasyprint", gagal)


def test_missing_pdf_engine_fails_in_ci(monkeypatch):
    _mesin_rusak(monkeypatch)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Pango tidak ditemukan"):
        pastikan_mesin_pdf()


def test_missing_pdf_engine_skips_outside_ci(monkeypatch):
    _mesin_rusak(monkeypatch)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Pango tidak ditemukan"):
        pastikan_mesin_pdf()
