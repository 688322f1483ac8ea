"""The LKjIP PDF: structure, numbering, page numbers of the daftar isi, text sizes, chart
text, the half-empty-page rule, narrative and signer. The PDF is rendered once per module
(in-process: view-models -> templates -> nbconvert template -> WeasyPrint), into tmp."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import salin_data_mini

from iku_helpers import cli, laporan, pdf
from iku_helpers.errors import DataIKUError

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) tidak terpasang")

NAMA_TTD = "Penandatangan Uji, S.E."
NIP_TTD = "19800202 200501 2 002"
#: DejaVu Sans: a word's box (ascent + descent) is 1,164 x its font size.
TINGGI_PER_PT = 1.164
NARASI = """> Contoh narasi uji.

## Kata Pengantar

Kata pengantar uji.

## Latar Belakang

Latar belakang uji.

## Penyebab keberhasilan/kegagalan dan solusi

### IKU1
Sebab IKU satu.

## Penutup

Penutup uji.
"""


def _render(lap: laporan.Laporan, tujuan: Path) -> Path:
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    nb = new_notebook()
    for bagian in lap.semua_bagian():
        sel = new_code_cell("lap.bagian()")
        sel.outputs = [new_output("display_data", data={"text/html": bagian.data})]
        nb.cells.append(sel)
    pdf.html_ke_pdf(pdf.notebook_ke_html(nb), tujuan)
    return tujuan


@pytest.fixture(scope="module")
def laporan_pdf(tmp_path_factory):
    folder = salin_data_mini(tmp_path_factory.mktemp("data") / "data")
    (folder / "narasi").mkdir()
    (folder / "narasi" / "2025.md").write_text(NARASI, encoding="utf-8")
    lap = laporan.siapkan(2025, folder, "2026-11-27")
    berkas = _render(lap, tmp_path_factory.mktemp("pdf") / "lkjip.pdf")
    halaman = subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True,
                             text=True, check=True).stdout.split("\f")[:-1]
    bbox = subprocess.run(["pdftotext", "-bbox", str(berkas), "-"], capture_output=True,
                          text=True, check=True).stdout
    return {"lap": lap, "pdf": berkas, "halaman": halaman, "bbox": bbox,
            "teks": " ".join("\n".join(halaman).split())}


def test_struktur_lkjip(laporan_pdf):
    teks = laporan_pdf["teks"]
    for potongan in ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "DAFTAR ISI", "DAFTAR TABEL",
                     "DAFTAR GAMBAR", "BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA",
                     "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP", "LAMPIRAN",
                     "A. Capaian Kinerja Organisasi", "B. Realisasi Anggaran",
                     "Tabel 3.1. Pengukuran kinerja tahun 2025", "Gambar 3.1. Capaian keempat IKU",
                     "Tabel 2.1. Target IKU dalam Rencana Strategis", "Tabel L.1. Manual IKU 1",
                     "Tabel L.4. Manual IKU 4",
                     "Sumber:", "Swaperiksa LKE", NAMA_TTD, f"NIP {NIP_TTD}",
                     "DATA CONTOH, bukan data resmi",
                     # the numbers of the report are unchanged
                     "Realisasi IKU 2 tahun 2025 sebesar 3,85% dari target 3,85%; capaian "
                     "100,00% (Sangat Tinggi).", "68,18", "1.642.188"]:
        assert potongan in teks, potongan
    # the signature block appears twice: after the kata pengantar and at the end of Bab IV
    assert teks.count(f"NIP {NIP_TTD}") == 2
    # every table and figure has a Sumber line
    assert teks.count("Sumber:") >= len(laporan_pdf["lap"].daftar.tabel) + len(
        laporan_pdf["lap"].daftar.gambar)


def test_narasi_dan_belum_diisi(laporan_pdf):
    teks, lap = laporan_pdf["teks"], laporan_pdf["lap"]
    assert "Kata pengantar uji." in teks and "Sebab IKU satu." in teks
    assert "Penutup uji." in teks
    assert "Belum diisi oleh analis." in teks  # tugas dan fungsi etc. are missing
    peringatan = " ".join(lap.peringatan_laporan)
    assert "'Tugas dan Fungsi'" in peringatan and "'Isu Strategis'" in peringatan
    assert "'Kata Pengantar'" not in peringatan
    assert "Narasi analis 'Tugas dan Fungsi'" in teks  # printed in the lampiran too


def _entri_daftar(halaman: list[str], judul: str) -> list[tuple[str, int]]:
    """(text, page number) of each entry on the page titled ``judul``: a line that ends in
    a number in the page-number column (the dotted leader between them is drawn, not
    text)."""
    for teks in halaman:
        if re.search(rf"^\s*{judul}\s*$", teks, re.M):
            entri, awal = [], ""
            for baris in teks.splitlines():
                m = re.match(r"^\s*(\S.*?)\s{3,}(\d+)\s*$", baris)
                if m:
                    entri.append(((awal + " " + m.group(1)).strip(), int(m.group(2))))
                    awal = ""
                elif re.match(r"^\s*(Tabel|Gambar) \d", baris):
                    awal = baris.strip()  # a long entry wraps before its dotted line
            return entri
    raise AssertionError(f"halaman {judul} tidak ditemukan")


def test_daftar_isi_menunjuk_halaman_yang_benar(laporan_pdf):
    halaman = laporan_pdf["halaman"]
    entri = _entri_daftar(halaman, "DAFTAR ISI")
    assert len(entri) >= 20
    for judul, nomor in entri:
        isi = " ".join(halaman[nomor - 1].split()).casefold()
        kunci = " ".join(judul.split())[:40].casefold()
        assert kunci in isi, (judul, nomor)
    # BAB III is found where the daftar isi says, and not on the page before
    bab3 = dict(entri)["BAB III AKUNTABILITAS KINERJA"]
    assert "AKUNTABILITAS KINERJA" not in halaman[bab3 - 2].split("DAFTAR ISI")[-1] or \
        "DAFTAR ISI" in halaman[bab3 - 2]


def _baris_kata(kata: list[tuple]) -> list[list[tuple]]:
    """Words of one page grouped into lines (same top within 1 pt), left to right."""
    baris: list[list[tuple]] = []
    for k in sorted(kata, key=lambda k: (round(k[3]), k[2])):
        if baris and abs(baris[-1][0][3] - k[3]) < 1:
            baris[-1].append(k)
        else:
            baris.append([k])
    return [sorted(b, key=lambda k: k[2]) for b in baris]


@pytest.mark.parametrize("judul_hal", ["ISI", "TABEL"])
def test_daftar_bertitik_penuntun_sampai_kolom_halaman(laporan_pdf, tmp_path, judul_hal):
    """Read as a page image, every line of the daftar isi and the daftar tabel: on an
    entry's line that ends in its page number, dots run from just after the title to the
    number column on the baseline, evenly spaced, none between the title's words (under
    the title) and none left of the line; a line that does not end in a number (the
    first line of a wrapped entry, a heading) has no dots after its text."""
    kata = list(_kata(laporan_pdf["bbox"]))
    nomor_hal = next(n for n, *_, w in kata if w == judul_hal
                     and any(m == n and v == "DAFTAR" for m, *_, v in kata))
    dpi = 600  # a sliver of a dot 0,15 pt wide is a pixel here
    subprocess.run(["pdftoppm", "-f", str(nomor_hal), "-l", str(nomor_hal), "-r", str(dpi),
                    "-gray", "-png", str(laporan_pdf["pdf"]), str(tmp_path / "hal")],
                   check=True)
    import numpy as np
    from PIL import Image

    piksel = np.asarray(Image.open(next(tmp_path.glob("hal*.png"))).convert("L"))
    skala = dpi / 72
    semua = [k for k in kata if k[0] == nomor_hal]
    kanan = max(k[4] for k in semua if k[-1].isdigit())  # right edge of the numbers
    kolom_nomor = kanan - 1.1 * 28.35  # the page-number column starts here

    def gelap(x0: float, x1: float, dasar: float) -> list[bool]:
        """Per pixel column from x0 to x1: anything dark in the band just above the
        baseline (where a dot sits)?"""
        pita = piksel[int((dasar - 2.2) * skala):int((dasar + 0.3) * skala) + 1,
                      int(x0 * skala):int(x1 * skala)]
        return list((pita < 200).any(axis=0))

    entri = tanpa_nomor = 0
    for b in _baris_kata(semua):
        y0, y1 = b[0][3], b[0][5]
        dasar = y1 - (y1 - y0) * 0.236 / 1.164  # DejaVu: descent 0,236 of the 1,164 box
        bernomor = b[-1][-1].isdigit() and b[-1][2] > kolom_nomor
        judul = b[:-1] if bernomor else b
        for kiri, kanan_kata in zip(judul, judul[1:], strict=False):  # between words
            if kanan_kata[2] - kiri[4] > 1.5:
                assert not any(gelap(kiri[4] + 0.4, kanan_kata[2] - 0.4, dasar)), (
                    "titik di bawah judul", [k[-1] for k in b])
        if not judul:
            continue
        if b[0][2] > 60 and len(judul) > 0 and b[0][-1][0] in "BDEFPKLRHN":
            # nothing left of a letter with a stem, up to the stem (about 1 pt in)
            assert not any(gelap(b[0][2] - 20, b[0][2] + 0.4, dasar)), (
                "titik di kiri baris", [k[-1] for k in b])
        akhir = judul[-1][4]
        if bernomor:
            kolom = gelap(akhir, b[-1][2], dasar)
            titik = sum(1 for i, v in enumerate(kolom) if v and (i == 0 or not kolom[i - 1]))
            ruang = (kolom_nomor - akhir) / 3.8  # pitch 0,318 em of 10 pt, bold 0,38 em
            assert titik >= ruang * 0.9, ([k[-1] for k in b], titik, ruang)
            assert not any(kolom[: int(1.0 * skala)]), [k[-1] for k in b]  # a space first
            entri += 1
        else:
            assert not any(gelap(akhir + 0.5, kanan, dasar)), (
                "titik pada baris tanpa nomor", [k[-1] for k in b])
            tanpa_nomor += 1
    assert entri >= 20 and tanpa_nomor >= 2
    if judul_hal == "ISI":  # the sample's IKU 1 entry wraps: its first line has no dots
        assert any(k[-1] == "Penduduk" for k in semua)


def test_daftar_tabel_dan_gambar_bernomor_dan_berhalaman(laporan_pdf):
    halaman = laporan_pdf["halaman"]
    tabel = _entri_daftar(halaman, "DAFTAR TABEL")
    gambar = [e for e in tabel if e[0].startswith("Gambar")]
    tabel = [e for e in tabel if e[0].startswith("Tabel")]
    lap = laporan_pdf["lap"]
    assert len(tabel) == len(lap.daftar.tabel) and len(gambar) == len(lap.daftar.gambar)
    nomor_bab3 = [t for t, _ in tabel if t.startswith("Tabel 3.")]
    assert [t.split()[1] for t in nomor_bab3][:3] == ["3.1", "3.2", "3.3"]
    for judul, nomor in tabel + gambar:
        label, _, nama = judul.partition(" ")[2].partition(" ")
        jenis = judul.split()[0]
        isi = " ".join(halaman[nomor - 1].split())
        assert f"{jenis} {label}. {nama[:30]}" in isi, (judul, nomor)


def test_rujukan_silang_memakai_nomor(laporan_pdf):
    teks = laporan_pdf["teks"]
    assert "Rincian pengukuran ada pada Tabel 3.1 dan Gambar 3.1 (Bab III)." in teks
    assert "ada pada Tabel L.1 sampai Tabel L.4 di Lampiran" in teks


def _kata(bbox: str):
    halaman = bbox.split("<page ")[1:]
    for nomor, isi in enumerate(halaman, start=1):
        tinggi_hal = float(re.search(r'height="([\d.]+)"', isi).group(1))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', isi):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            yield nomor, tinggi_hal, x0, y0, x1, y1, m.group(5)


def test_tidak_ada_teks_di_bawah_7_5_pt(laporan_pdf):
    kecil = [(n, w, round((y1 - y0) / TINGGI_PER_PT, 2)) for n, _, _, y0, _, y1, w in
             _kata(laporan_pdf["bbox"]) if (y1 - y0) / TINGGI_PER_PT < 7.45]
    assert not kecil, kecil[:10]


def test_teks_isi_paling_kecil_10_pt(laporan_pdf):
    # the first sentence of Bab III is body text
    kata = [(y1 - y0) / TINGGI_PER_PT for _, _, _, y0, _, y1, w in _kata(laporan_pdf["bbox"])
            if w == "Pengukuran"]
    assert kata and max(kata) >= 9.95


def test_label_grafik_adalah_teks(laporan_pdf):
    halaman = [" ".join(h.split()) for h in laporan_pdf["halaman"]]
    hal_capaian = next(h for h in halaman if "Gambar 3.1. Capaian keempat IKU" in h)
    assert "Capaian (%) = realisasi / target × 100" in hal_capaian  # x axis label
    hal_tren = next(h for h in halaman if "Realisasi dan target IKU 1 per tahun Sumber" in h
                    or ". Realisasi dan target IKU 1 per tahun" in h)
    assert "Realisasi dan target (%)" in hal_tren and "PK bila ada" in hal_tren  # y label, legend


def test_tidak_ada_halaman_setengah_kosong(laporan_pdf):
    """Each page's lowest text reaches past half the text area, except the cover, the
    last page of a chapter (the next page opens a chapter) and the last page."""
    halaman = laporan_pdf["halaman"]
    bawah: dict[int, float] = {}
    tinggi: dict[int, float] = {}
    for n, t, _, _, _, y1, _ in _kata(laporan_pdf["bbox"]):
        tinggi[n] = t
        if y1 < t - 50:  # ignore the footer "Halaman n dari N"
            bawah[n] = max(bawah.get(n, 0), y1)
    pembuka = re.compile(r"^\s*(KATA PENGANTAR|IKHTISAR EKSEKUTIF|DAFTAR ISI|DAFTAR TABEL|"
                         r"BAB [IV]+|LAMPIRAN)\s*$", re.M)
    kosong = []
    for n in range(2, len(halaman)):  # not the cover (1), not the last page
        akhir_bab = bool(pembuka.search(halaman[n].split("\n", 3)[-1][:400]))
        atas, area = 62.0, tinggi[n] - 62.0 - 57.0  # A4 margins 2,2 cm / 2 cm in pt
        terisi = (bawah.get(n, atas) - atas) / area
        if terisi < 0.5 and not akhir_bab:
            kosong.append((n, round(terisi, 2)))
    assert not kosong, kosong


def test_tanpa_path_mesin_dan_hash_pendek(laporan_pdf):
    teks = laporan_pdf["teks"]
    assert "/tmp/" not in teks and str(Path.home()) + "/" not in teks
    lap = laporan_pdf["lap"]
    for s in lap.data.sumber:
        assert s.sha256[:12] in teks and s.sha256[:20] not in teks


# ------------------------------------------------------------------ without a PDF
@pytest.fixture
def data_mini(tmp_path):
    return salin_data_mini(tmp_path / "data")


def test_narasi_bukan_utf8_memberi_galat_jelas(data_mini):
    (data_mini / "narasi").mkdir()
    (data_mini / "narasi" / "2025.md").write_bytes("## Penutup\nbaik\ncaf\xe9\n".encode("latin-1"))
    with pytest.raises(DataIKUError) as info:
        laporan.baca_narasi(data_mini, 2025)
    pesan = str(info.value)
    assert "narasi/2025.md" in pesan and "UTF-8" in pesan and "baris 3" in pesan


def test_narasi_folder_keluar_2(data_mini, tmp_path, capsys):
    (data_mini / "narasi" / "2025.md").mkdir(parents=True)
    with pytest.raises(DataIKUError, match="bukan berkas"):
        laporan.baca_narasi(data_mini, 2025)
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    kode = cli.main(["--data-dir", str(data_mini), "--output-dir", str(keluar), "--tahun",
                     "2025", "--tanggal", "2026-11-27"])
    assert kode == 2
    err = capsys.readouterr().err
    assert "narasi/2025.md" in err and "Traceback" not in err
    assert not list(keluar.rglob("*.pdf"))


def test_penandatangan_tidak_ada_memberi_garis_kosong_dan_peringatan(data_mini):
    manifest = data_mini / "sumber_data.yaml"
    teks = manifest.read_text(encoding="utf-8")
    manifest.write_text(teks.split("penandatangan:")[0], encoding="utf-8")
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    html = lap.bab_penutup().data
    assert "NIP ……" in html and NAMA_TTD not in html
    assert any("penandatangan" in p for p in lap.peringatan_laporan)
    swa = {r["kriteria"]: r["terpenuhi"] for r in laporan.swaperiksa_lke(lap)}
    assert swa["Laporan ditandatangani pimpinan (penandatangan diisi)"] is False


def test_penandatangan_kunci_asing_ditolak(data_mini):
    from iku_helpers.data_iku import muat_data

    manifest = data_mini / "sumber_data.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "  golongan: IV/a\n",
                        encoding="utf-8")
    with pytest.raises(DataIKUError, match="penandatangan.golongan"):
        muat_data(data_mini)


def test_anggaran_kosong_ditandai_dan_dapat_diisi(data_mini):
    import yaml

    manifest = data_mini / "sumber_data.yaml"
    isi = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    del isi["data"]["anggaran"]  # a folder without budget data
    manifest.write_text(yaml.safe_dump(isi, allow_unicode=True), encoding="utf-8")
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    assert lap.konteks["anggaran"] is None
    html = lap.bab_akuntabilitas().data
    assert "belum diisi" in html and 'id="tab-anggaran"' not in html
    swa = {r["kriteria"]: r["terpenuhi"] for r in laporan.swaperiksa_lke(lap)}
    assert swa["Realisasi anggaran disajikan"] is False

    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    lap.anggaran = [{"program": "Program <Pemberdayaan> UMKM", "pagu": 1_000_000_000,
                     "realisasi": 925_500_000, "serapan": 92.55}]
    html = lap.bab_akuntabilitas().data
    assert 'id="tab-anggaran"' in html and "92,55%" in html
    assert "Program &lt;Pemberdayaan&gt; UMKM" in html  # escaped by the template
    swa = {r["kriteria"]: r["terpenuhi"] for r in laporan.swaperiksa_lke(lap)}
    assert swa["Realisasi anggaran disajikan"] is True


def test_swaperiksa_mengikuti_isi_narasi(data_mini):
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")  # no narrative file
    swa = {r["kriteria"]: r for r in laporan.swaperiksa_lke(lap)}
    assert swa["Analisis penyebab keberhasilan/kegagalan dan solusi"]["terpenuhi"] is False
    assert swa["Realisasi dibandingkan dengan target tahun ini"]["terpenuhi"] is True
    assert "0 dari 9" in swa["Narasi analis lengkap"]["dasar"]


def test_varian_ringkas_tanpa_bab_lkjip(data_mini):
    lap = laporan.siapkan(2025, data_mini, "2026-11-27", jenis="ringkas")
    html = "".join(b.data for b in lap.semua_bagian())
    assert "Laporan Capaian Indikator Kinerja Utama Tahun 2025" in html
    for tidak in ["DAFTAR ISI", "BAB I", "KATA PENGANTAR", "Swaperiksa", "Realisasi Anggaran"]:
        assert tidak not in html, tidak
    assert "Realisasi IKU 2 tahun 2025 sebesar 3,85% dari target 3,85%" in html
    with pytest.raises(DataIKUError):
        laporan.siapkan(2025, data_mini, "2026-11-27", jenis="lengkap")


def test_cli_jenis_memilih_nama_berkas():
    args = cli._parser().parse_args(["--jenis", "ringkas"])
    assert args.jenis == "ringkas" and cli._parser().parse_args([]).jenis == "lkjip"
    from datetime import date

    from iku_helpers.indikator.periode import Periode
    from iku_helpers.jalankan import KonteksJalan

    def nama(jenis):
        return KonteksJalan(periode=Periode(2025), data_dir=Path("d"), snapshot=Path("s"),
                            output_dir=Path("o"), tanggal=date(2026, 1, 20), sha256={},
                            jenis=jenis).nama_dasar

    assert nama("lkjip") == {"laporan": "laporan-iku-2025", "capaian": "capaian-iku-2025",
                             "anggaran": "anggaran-iku-2025"}
    # a ringkas made beside the LKjIP shares no name with it: once the second of the two
    # took "-2" on every file (the official LKjIP became laporan-iku-2025-2.pdf)
    assert nama("ringkas") == {"laporan": "laporan-ringkas-iku-2025",
                               "capaian": "capaian-ringkas-iku-2025",
                               "anggaran": "anggaran-ringkas-iku-2025"}


def test_templat_meloloskan_teks_masukan(data_mini):
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    lap.data.katalog["IKU1"]["indikator"] = "<script>alert(1)</script>"
    html = lap.bab_perencanaan().data
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_xlsx_memuat_swaperiksa_dan_hash_lengkap(data_mini, tmp_path):
    import openpyxl

    from iku_helpers import tabel_hasil
    from iku_helpers.data_iku import muat_data
    from iku_helpers.hitung import hitung_iku

    data = muat_data(data_mini)
    hasil = hitung_iku(2025, data)
    tabel_hasil.tulis_xlsx_hasil(hasil, tmp_path / "capaian.xlsx")
    buku = openpyxl.load_workbook(tmp_path / "capaian.xlsx")
    lembar = buku["Swaperiksa LKE"]
    baris = {r[0]: r[1] for r in lembar.iter_rows(min_row=2, values_only=True)}
    assert baris["Realisasi dibandingkan dengan target tahun ini"] == "ya"
    assert baris["Realisasi anggaran disajikan"] == "ya"  # the mini folder has a budget
    kepala = [c.value for c in next(buku["Ringkasan"].iter_rows(max_row=1))]
    assert kepala[7:10] == ["target_renstra", "capaian_renstra", "kategori_renstra"]
    keterangan = " ".join(str(c.value) for r in buku["Keterangan"].iter_rows() for c in r)
    for s in data.sumber:
        assert s.sha256 in keterangan  # the full hash; the PDF shows 12 characters


def test_logo_lokal_di_sampul(data_mini):
    from PIL import Image

    Image.new("RGB", (4, 4), "navy").save(data_mini / "logo.png")
    html = laporan.siapkan(2025, data_mini, "2026-11-27").sampul().data
    assert 'class="logo" src="data:image/png;base64,' in html
    (data_mini / "logo.png").write_text("<svg onload=alert(1)>", encoding="utf-8")
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    assert 'class="logo"' not in lap.sampul().data
    assert any("logo tidak dicetak" in p for p in lap.peringatan_laporan)


def test_anggaran_dari_folder_data_mengisi_bab_iii_b(data_mini):
    (data_mini / "anggaran.csv").write_text(
        "tahun,kode_rekening,program,kegiatan,sub_kegiatan,kode_iku,pagu,realisasi\n"
        "2025,2.17.03,Program Pemberdayaan Koperasi,Fasilitasi RAT,Pendampingan,IKU2,"
        "400000000,380000000\n"
        "2025,2.17.04,Program Pemberdayaan Koperasi,Pelatihan,Pelatihan pengelola,IKU2,"
        "100000000,95000000\n"
        "2025,2.17.05,Program Pengembangan UMKM,Kurasi produk,Kurasi,IKU3,"
        "200000000,150000000\n", encoding="utf-8")
    assert "anggaran.csv" in (data_mini / "sumber_data.yaml").read_text(encoding="utf-8")
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    # hand-worked: (380 + 95) / (400 + 100) = 95,00 %; 150 / 200 = 75,00 %; 625 / 700 = 89,29 %
    assert [round(a["serapan"], 2) for a in lap.anggaran] == [95.0, 75.0]
    html = lap.bab_akuntabilitas().data
    assert 'id="tab-anggaran"' in html and "95,00%" in html and "89,29%" in html


def test_parameter_folder_data_tanpa_path_mesin(data_mini, tmp_path):
    from iku_helpers.data_iku import muat_data
    from iku_helpers.laporan import _nama_folder_data
    from iku_helpers.snapshot import simpan_snapshot

    snapshot = simpan_snapshot(muat_data(data_mini), tmp_path / "jalan" / "snapshot")
    assert _nama_folder_data(snapshot) == "data (salinan tervalidasi untuk laporan ini)"
    assert _nama_folder_data(data_mini) == "data"


def test_swaperiksa_standar_nasional_mengikuti_tabel_pembanding(data_mini):
    """The comparator row is judged from the pembanding table, as the per-IKU analysis 4
    shows it: all four IKU compared -> met; no table -> not met, saying why."""
    import yaml

    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    baris = {r["kriteria"]: r for r in laporan.swaperiksa_lke(lap)}
    nasional = baris["Realisasi dibandingkan dengan standar nasional"]
    assert nasional["terpenuhi"] is True
    assert "Nasional (contoh)" in nasional["dasar"] and "4 dari 4 IKU" in nasional["dasar"]
    # a sample-data report never says a plain "Ya" in the LKE table
    html = lap.lampiran().data
    assert "Ya (data contoh)" in html

    manifest = data_mini / "sumber_data.yaml"
    isi = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    del isi["data"]["pembanding"]
    manifest.write_text(yaml.safe_dump(isi, allow_unicode=True), encoding="utf-8")
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    nasional = {r["kriteria"]: r for r in laporan.swaperiksa_lke(lap)}[
        "Realisasi dibandingkan dengan standar nasional"]
    assert nasional["terpenuhi"] is False and "pembanding.csv" in nasional["dasar"]


def test_komponen_rb_dengan_tahun_lalu_dan_perubahan(data_mini):
    """Tabel komponen RB shows last year's value and the change of each component, so a
    fall of the index can be traced (hand-worked from komponen_rb.csv: Pemenuhan 12,97 ->
    9,96 = -3,01; Kinerja Organisasi 5,46 -> 5,59 = +0,13; total 65,10 -> 55,00)."""
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    html = lap.bab_akuntabilitas().data
    tabel = html[html.index('id="tab-iku4-komponen"'):]
    teks = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tabel[:tabel.index("</table>")]))
    assert "Nilai 2024 Nilai 2025 Perubahan Nilai/bobot" in teks
    assert "Pemenuhan 20,00 12,97 9,96 -3,01 49,80%" in teks
    assert "Kinerja Organisasi 10,00 5,46 5,59 +0,13 55,90%" in teks
    assert "Jumlah 100,00 65,10 55,00 -10,10" in teks
    # last year's rows match whatever their letter case and spacing (validation accepts
    # 'Pengungkit' as 'pengungkit')
    komponen = data_mini / "komponen_rb.csv"
    komponen.write_text("\n".join(
        b.replace("2024,pengungkit,Pemenuhan", "2024,Pengungkit, Pemenuhan ")
        for b in komponen.read_text(encoding="utf-8").splitlines()) + "\n", encoding="utf-8")
    html = laporan.siapkan(2025, data_mini, "2026-11-27").bab_akuntabilitas().data
    tabel = html[html.index('id="tab-iku4-komponen"'):]
    teks = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tabel[:tabel.index("</table>")]))
    assert "Pemenuhan 20,00 12,97 9,96 -3,01 49,80%" in teks


def test_iku1_per_wilayah_dengan_perubahan_dari_tahun_lalu(data_mini):
    """Tabel IKU 1 per kabupaten/kota shows where the numerator moved (hand-worked from
    tenaga_kerja_kukm.csv: Sigi 2.075 -> 1.143 = -932, Morowali 948 -> 1.034 = +86, all
    areas 22.701 -> 17.243 = -5.458)."""
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    html = lap.bab_akuntabilitas().data
    tabel = html[html.index('id="tab-iku1-wilayah"'):]
    teks = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tabel[:tabel.index("</table>")]))
    assert "Tenaga kerja KUKM Perubahan dari 2024 Penduduk bekerja" in teks
    assert " Sigi 1.143 -932 " in teks and " Morowali 1.034 +86 " in teks
    assert "Jumlah kabupaten/kota 17.243 -5.458 " in teks


def test_target_pk_berbeda_menyebut_capaian_terhadap_renstra():
    """The sample PK target of IKU1 2025 (1,50%) differs from the Renstra's (1,54%): the
    report measures against the PK and also gives the capaian against the Renstra,
    1,05 / 1,54 = 68,18% (Sedang), by hand; an IKU whose PK equals the Renstra gets no
    second figure."""
    data = Path(__file__).resolve().parents[1] / "data"
    lap = laporan.siapkan(2025, data, "2026-11-27")
    assert lap._kalimat_pk("IKU1") == (
        "Target PK 2025 1,50% berbeda dari target Renstra 1,54%; capaian diukur terhadap "
        "target PK. Terhadap target Renstra, capaiannya 68,18% (kategori Sedang).")
    assert "Terhadap target Renstra" not in lap._kalimat_pk("IKU2")


def test_ikhtisar_menyebut_realisasi_anggaran(data_mini):
    """The executive summary states the year's budget use; totals summed here straight
    from anggaran.csv with the csv module."""
    import csv

    with (data_mini / "anggaran.csv").open(encoding="utf-8") as f:
        baris = [b for b in csv.DictReader(f) if b["tahun"] == "2025"]
    pagu = sum(int(b["pagu"]) for b in baris)
    realisasi = sum(int(b["realisasi"]) for b in baris)
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    teks = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", lap.ikhtisar().data))
    rp = "Rp" + f"{realisasi:,}".replace(",", ".")
    assert f"Realisasi anggaran tahun 2025 sebesar {rp} dari pagu Rp" \
        f"{pagu:,}".replace(",", ".") in teks.replace(rp, rp)
    serapan = f"{realisasi / pagu * 100:.2f}".replace(".", ",")
    assert f"(serapan {serapan}%)" in teks


def test_bab1_dasar_hukum_dan_sistematika(data_mini):
    """Bab I names its legal basis (the SAKIP regulations and the IKU decree from the
    catalog) and the report's outline, each listed in the daftar isi."""
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    bab1 = lap.bab_pendahuluan().data
    assert 'id="bab-1e">E. Dasar Hukum' in bab1 and 'id="bab-1f">F. Sistematika' in bab1
    assert "Peraturan Presiden Nomor 29 Tahun 2014" in bab1
    assert "Nomor 188.4/243/SEKRETARIAT" in bab1
    assert "narasi/2025.md" not in bab1          # no file path in a reviewer's text
    isi = lap.daftar_isi().data
    assert 'href="#bab-1e"' in isi and 'href="#bab-1f"' in isi


def test_bab2_misi_rpjmd_dari_katalog(data_mini):
    """Bab II names the RPJMD missions the office serves, from the catalog (the decree's
    text: misi ke-3 as the one responsible, misi ke-2 as a contributor)."""
    bab2 = re.sub(r"\s+", " ", laporan.siapkan(2025, data_mini, "2026-11-27")
                  .bab_perencanaan().data)
    assert "Misi ke-3, <em>Mewujudkan Peningkatan Kesejahteraan Masyarakat" in bab2
    assert "(bertanggung jawab atas pencapaiannya); tujuan: Menurunkan Pengangguran; " \
        "sasaran: Meningkatkan Angka Partisipasi Kerja." in bab2
    assert "Misi ke-2, <em>Mewujudkan Reformasi Birokrasi" in bab2 and \
        "(turut berkontribusi)" in bab2


def test_misi_rpjmd_peran_salah_ditolak(tmp_path):
    from conftest import tulis_folder_data

    from iku_helpers.data_iku import muat_data

    folder = tulis_folder_data(tmp_path)
    katalog = folder / "katalog_iku.yaml"
    katalog.write_text(katalog.read_text(encoding="utf-8").replace(
        "peran: kontributor", "peran: pendukung"), encoding="utf-8")
    with pytest.raises(DataIKUError) as e:
        muat_data(folder)
    assert e.value.berkas == "katalog_iku.yaml" and "misi_rpjmd" in str(e.value.kolom)


@pytest.mark.parametrize("indeks_2024, indeks_2025, harapan, bukan", [
    # rising index with predikat CC (50-60), capaian 58 / 66 = 87,88 % (Tinggi): no fall
    ("52.00", "58.00", "predikat indeks RB CC. Kategori menilai realisasi terhadap target "
     "tahun ini; predikat menilai nilai indeks itu sendiri menurut skala PermenPANRB. "
     "Keduanya dibaca bersama: target tahun ini tidak tercapai dan "
     "predikat CC masih di bawah B (Baik).", "menurun"),
    # falling index with predikat B (60-70, not low), capaian 66,5 / 66 = 100,76 %
    ("67.00", "66.50", "tetapi nilai indeks turun dari 67,00 menjadi 66,50. Keduanya dibaca "
     "bersama: target tahun ini terlampaui, sedangkan nilai indeks reformasi birokrasi "
     "menurun dari tahun lalu.", "predikat"),
])
def test_kalimat_kategori_predikat_mengikuti_data(data_mini, indeks_2024, indeks_2025,
                                                  harapan, bukan):
    """The IKU 4 sentence that sets kategori beside predikat states only what the data
    show: a rising index is not called a decline, a predikat B is not called low, and a
    target exceeded is not 'tercapai sebagian besar'."""
    manifest = data_mini / "sumber_data.yaml"
    isi = yaml.safe_load(manifest.read_text())
    del isi["data"]["komponen_rb"]  # (its components would no longer sum to the index)
    manifest.write_text(yaml.safe_dump(isi, allow_unicode=True))
    indeks = data_mini / "indeks_rb.csv"
    indeks.write_text(indeks.read_text().replace("2024,65.10", f"2024,{indeks_2024}")
                      .replace("2025,55.00", f"2025,{indeks_2025}"))
    kalimat = laporan.siapkan(2025, data_mini, "2026-11-27").kalimat_kategori_predikat()
    assert harapan in kalimat
    assert bukan not in kalimat


def test_komponen_rb_berganti_nama_tetap_berjumlah_dan_disebut(data_mini):
    """A component renamed between years ('Reform' in 2024, 'Reformasi' in 2025) keeps
    last year's value in its own row, so each column adds up to its Jumlah (2024: 65,10),
    and a note names both spellings; before, the 2024 column summed to 65,10 - 17,17."""
    komponen = data_mini / "komponen_rb.csv"
    komponen.write_text(komponen.read_text(encoding="utf-8").replace(
        "2025,pengungkit,Reform,", "2025,pengungkit,Reformasi,"), encoding="utf-8")
    html = laporan.siapkan(2025, data_mini, "2026-11-27").bab_akuntabilitas().data
    tabel = html[html.index('id="tab-iku4-komponen"'):]
    tabel = tabel[:tabel.index("</table>")]
    baris = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", "<tr" + b)).strip()
             for b in tabel.split("<tr")[1:]]
    lalu = [float(b.split()[-4].replace(",", ".")) for b in baris
            if b.startswith(("Pengungkit", "Hasil")) and b.split()[-4] != "–"]
    assert len(lalu) == 7  # the six kept, and Reform in its own row
    assert round(sum(lalu), 2) == 65.10  # every 2024 value shown once
    assert "Pengungkit Reform – 19,79 – – –" in baris, baris
    teks = html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))
    assert ("komponen 'Reform' tahun 2024 tidak ada pada tahun 2025; komponen 'Reformasi' "
            "tahun 2025 tidak ada pada tahun 2024") in teks


def test_kriteria_swaperiksa_belum_juga_menjadi_peringatan_kelengkapan(data_mini):
    """A "Belum" in the LKE self-check (Bagian E) is a gap to close before submission: the
    completeness warnings (Bagian D) say so too; "Tidak ada peringatan" beside a "Belum"
    contradicted it. Without a narrative, criteria 6, 7, 8, 10 and 11 are not met (the
    signed PK, 10, never is: the report cannot attach it)."""
    import re

    lap = laporan.siapkan(2025, data_mini, "2026-11-27")  # no narrative file
    belum = [i for i, r in enumerate(laporan.swaperiksa_lke(lap), start=1)
             if not r["terpenuhi"]]
    assert belum == [6, 7, 8, 10, 11]
    html = lap.lampiran().data
    kelengkapan = html.split("Peringatan kelengkapan laporan")[1].split("Swaperiksa LKE</h2>")[0]
    teks = re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", kelengkapan))
    assert ("Swaperiksa LKE (Bagian E): 5 dari 12 kriteria belum terpenuhi: butir 6 (Analisis "
            "penyebab keberhasilan/kegagalan dan solusi)") in teks
    assert "butir 10 (Perjanjian Kinerja yang ditandatangani dilampirkan) dan butir 11 " \
           "(Narasi analis lengkap). Lengkapi sebelum laporan diserahkan." in teks
    assert "Tidak ada peringatan" not in teks


def test_penyebut_iku_hitungan_menyebut_unit_yang_dievaluasi(data_mini):
    """The decree's formula says "Jumlah Seluruh Koperasi"; the table beside it printed 52,
    the koperasi evaluated, as if it were every koperasi of the province. The uraian keeps
    the decree's words and says what the number counts; IKU 1's (BPS) is unchanged."""
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    html = lap.bab_akuntabilitas().data
    assert ("Jumlah Seluruh Koperasi (diukur atas koperasi yang dievaluasi tahun 2025)"
            in html)
    assert ("Jumlah Usaha Kecil Keseluruhan (diukur atas usaha kecil yang dievaluasi tahun "
            "2025)") in html
    assert "Jumlah Penduduk yang Bekerja (diukur" not in html


def _teks_html(html: str) -> str:
    """A rendered section as a reader sees its words: tags dropped, spaces collapsed."""
    import re

    return re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", html))


def test_ikhtisar_dan_penutup_menyebut_iku_yang_tidak_tercapai(data_mini):
    """2025 in the mini folder: IKU 2 (3,85 / 3,85 = 100,00 %) is met, IKU 1, IKU 3 and
    IKU 4 are not. "1 memenuhi ...; sebaran kategori: ... Sangat Tinggi" read as more
    targets met than there were; the IKU not met are named, in the Ikhtisar and Bab IV."""
    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    r = lap._ringkasan["capaian_persen"]
    tidak = [k for k, c in r.items() if c < 100]
    assert [k for k, c in r.items() if c >= 100] == ["IKU2"]
    assert tidak == ["IKU1", "IKU3", "IKU4"]
    ikhtisar = _teks_html(lap.ikhtisar().data)
    assert ("Dari 4 IKU, 1 memenuhi atau melampaui targetnya dan 3 tidak (IKU 1, IKU 3 dan "
            "IKU 4). Menurut besar capaiannya, sebaran kategori:") in ikhtisar
    penutup = _teks_html(lap.bab_penutup().data)
    assert ("Pada tahun 2025, 1 dari 4 Indikator Kinerja Utama Dinas Koperasi, Usaha Kecil "
            "dan Menengah Provinsi Sulawesi Tengah memenuhi atau melampaui target Perjanjian "
            "Kinerja dan 3 tidak (IKU 1, IKU 3 dan IKU 4).") in penutup


def test_no_iku_met_is_said_in_words_and_each_sentence_says_target_not_met():
    """data/ 2023: no IKU meets its target. The Ikhtisar said "0 memenuhi atau melampaui
    targetnya dan 4 tidak"; and each IKU's sentence printed "capaian 94,19% (Sangat
    Tinggi)" alone, which reads as a target met. 2023 IKU 4: 58,40 / 62,00 = 94,19 %."""
    from conftest import ROOT

    lap = laporan.siapkan(2023, ROOT / "data", "2026-11-27")
    assert (lap._ringkasan["capaian_persen"] < 100).all()
    ikhtisar = _teks_html(lap.ikhtisar().data)
    assert "Dari 4 IKU, tidak satu pun memenuhi targetnya." in ikhtisar
    assert "0 memenuhi" not in ikhtisar
    assert ("Realisasi IKU 4 tahun 2023 sebesar 58,40 dari target 62,00; capaian 94,19% "
            "(Sangat Tinggi; target tidak tercapai).") in ikhtisar
    penutup = _teks_html(lap.bab_penutup().data)
    assert ("Pada tahun 2023, tidak satu pun dari 4 Indikator Kinerja Utama Dinas Koperasi, "
            "Usaha Kecil dan Menengah Provinsi Sulawesi Tengah memenuhi target Perjanjian "
            "Kinerja.") in penutup


def test_ringkas_tanpa_halaman_kosong(data_mini, tmp_path):
    """The ringkas leaves out six LKjIP sections; each left an empty output block between
    the cover's forced page break and the first chapter's, and page 2 was blank but for
    its running header and footer. Every page now carries body text, and the report's
    first chapter is page 2."""
    lap = laporan.siapkan(2025, data_mini, "2026-11-27", jenis="ringkas")
    berkas = _render(lap, tmp_path / "ringkas.pdf")
    halaman = subprocess.run(["pdftotext", "-layout", str(berkas), "-"], capture_output=True,
                             text=True, check=True).stdout.split("\f")[:-1]
    assert len(halaman) > 2
    for i, teks in enumerate(halaman, start=1):
        isi = [b for b in teks.splitlines() if b.strip() and "DATA CONTOH, bukan" not in b
               and not b.strip().startswith("Halaman ")]
        assert isi, f"halaman {i} kosong"
    assert "Capaian Indikator Kinerja Utama" in halaman[1]


def test_tabel_efisiensi_dijumlah_sampai_total_anggaran(data_mini):
    """The per-IKU budget table's Porsi pagu added up to 35,02 %, and IKU 4's pagu could not
    be traced to the per-program table. Its closing rows: the sub kegiatan tagged with no
    IKU (2025 in the mini folder: perencanaan 371.051.000 + gaji 7.456.681.000 + logistik
    443.783.000 + jasa 576.654.000 = Rp8.848.169.000; realisasi 360.083.825 + 7.324.929.566
    + 433.270.280 + 567.138.619 = Rp8.685.422.290; serapan 98,16 %; 64,98 % of the pagu),
    then the year's total, equal to the per-program table's (Rp13.616.701.000,
    Rp13.071.427.727, 96,00 %)."""
    import re

    lap = laporan.siapkan(2025, data_mini, "2026-11-27")
    html = lap.bab_akuntabilitas().data
    tabel = html.split('id="tab-efisiensi"')[1].split("</table>")[0]
    teks = re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", tabel))
    assert ("Tidak dikaitkan dengan satu IKU Rp8.848.169.000 Rp8.685.422.290 98,16% 64,98%"
            in teks)
    assert "Jumlah Rp13.616.701.000 Rp13.071.427.727 96,00% 100,00%" in teks
    program = html.split('id="tab-anggaran"')[1].split("</table>")[0]
    assert "Rp13.616.701.000" in program and "Rp13.071.427.727" in program
