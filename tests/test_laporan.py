"""Report building blocks: escaping, analyst narrative, chart embedding."""

from pathlib import Path

from iku_helpers import cli
from iku_helpers.laporan import aman, baca_narasi, kelas_kategori, markdown_aman


def test_aman_escapes_markup():
    assert aman('<script>alert(1)</script> & "x"') == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;")
    assert aman(None) == "–" and aman(float("nan")) == "–"


def test_narrative_markdown_cannot_fetch_or_inject():
    html = markdown_aman('Teks <img src="file:///etc/passwd"> dan ![peta](http://contoh.invalid/a.png)'
                         "\n\n<script>alert(1)</script>")
    assert "<img" not in html and "<script>" not in html
    assert "&lt;img" in html and "&lt;script&gt;" in html
    assert "[gambar: peta]" in html


def test_narrative_sections_and_iku_subsections(tmp_path: Path):
    (tmp_path / "narasi").mkdir()
    (tmp_path / "narasi" / "2025.md").write_text(
        "Pengantar.\n\n## Penyebab keberhasilan/kegagalan dan solusi\n\n### IKU1\nSebab satu.\n"
        "### IKU2\nSebab dua.\n\n## Program dan kegiatan pendukung\nProgram A.\n",
        encoding="utf-8")
    narasi = baca_narasi(tmp_path, 2025)
    assert narasi["penyebab"]["IKU1"].strip() == "Sebab satu."
    assert narasi["penyebab"]["IKU2"].strip() == "Sebab dua."
    assert narasi["program"]["umum"].strip() == "Program A."
    assert narasi["efisiensi"] == {}
    assert "Pengantar." in narasi["_pendahuluan"]["umum"]
    assert baca_narasi(tmp_path, 2024) is None


def test_kategori_css_class():
    assert kelas_kategori("Sangat Tinggi") == "kategori-sangat-tinggi"
    assert kelas_kategori(None) == "kategori-tidak-terukur"


def test_unwritable_output_dir_is_a_parameter_error(tmp_path, monkeypatch, capsys):
    """As root every folder is writable, so the permission answer is simulated."""
    from iku_helpers import config

    monkeypatch.setattr(cli.os, "access", lambda path, mode: False)
    kode = cli.main(["--data-dir", str(config.DATA_DIR), "--output-dir", str(tmp_path)])
    assert kode == 2
    assert "tidak dapat ditulisi" in capsys.readouterr().err
