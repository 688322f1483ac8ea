"""The analyst's text of the report: ``narasi/<tahun>.md`` in the data folder.

One level-2 heading per part of the LKjIP (``## Kata Pengantar``, ``## Latar Belakang``,
... ``## Penutup``); inside a part, optional level-3 headings ``### IKU1``..``### IKU4``.
The three headings of the earlier short report (penyebab, efisiensi, program) keep
working as written then. Text is markdown; raw HTML is escaped and images are reduced
to their alt text, so nothing in it can make the PDF renderer fetch a file or a URL.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import DataIKUError, Masalah

#: (key, heading as written in the file, where it prints, required).
#: A required part that is missing prints "Belum diisi oleh analis" and warns.
BAGIAN_NARASI: tuple[tuple[str, str, str, bool], ...] = (
    ("kata_pengantar", "Kata Pengantar", "Kata Pengantar", True),
    ("ikhtisar", "Ikhtisar Eksekutif", "Ikhtisar Eksekutif", False),
    ("latar_belakang", "Latar Belakang", "Bab I.A", True),
    ("tugas_fungsi", "Tugas dan Fungsi", "Bab I.B", True),
    ("struktur_organisasi", "Struktur Organisasi", "Bab I.C", True),
    ("isu_strategis", "Isu Strategis", "Bab I.D", True),
    ("penyebab", "Penyebab keberhasilan/kegagalan dan solusi", "Bab III.A butir 5", True),
    ("efisiensi", "Efisiensi penggunaan sumber daya", "Bab III.A butir 6", True),
    ("program", "Program dan kegiatan pendukung", "Bab III.A butir 7", True),
    ("penutup", "Penutup", "Bab IV", True),
)
#: The parts the short variant (``jenis="ringkas"``) prints.
BAGIAN_RINGKAS = ("penyebab", "efisiensi", "program")
_LAMA = ("penyebab", "efisiensi", "program")  # matched loosely, as the first version did


def path_narasi(data_dir: Path, tahun: int) -> Path:
    return Path(data_dir) / "narasi" / f"{tahun}.md"


def _kunci_judul(judul: str) -> str | None:
    judul = " ".join(judul.lower().split())
    for kunci, teks, _, _ in BAGIAN_NARASI:
        if judul == teks.lower():
            return kunci
    for kunci, teks, _, _ in BAGIAN_NARASI:
        if kunci in _LAMA and (teks.lower() in judul or judul in teks.lower()):
            return kunci
    return None


def baca_narasi(data_dir: Path, tahun: int) -> dict[str, dict[str, str]] | None:
    """The analyst's text from ``narasi/<tahun>.md``, or None when the file is absent.

    Returns {bagian: {"umum"|"IKU1"...: markdown}} for every key of BAGIAN_NARASI (an
    absent part is an empty dict), plus ``"_pendahuluan"`` (text before the first
    heading) and ``"_tidak_dikenal"`` (headings that match no part). A file that is not
    UTF-8 text or is not a file raises DataIKUError naming it.
    """
    path = path_narasi(data_dir, tahun)
    nama = f"narasi/{tahun}.md"
    if not path.exists():
        return None
    if not path.is_file():
        raise DataIKUError(Masalah(nama, "bukan berkas teks (mungkin sebuah folder); narasi "
                                   "analis harus berupa berkas markdown"))
    try:
        teks = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        baris = path.read_bytes()[:e.start].count(b"\n") + 1
        raise DataIKUError(Masalah(nama, "bukan teks UTF-8; simpan ulang berkas narasi dengan "
                                   "pengodean UTF-8", baris=baris)) from None
    except OSError as e:
        raise DataIKUError(Masalah(nama, f"tidak dapat dibaca ({e.strerror})")) from None
    hasil: dict[str, dict[str, str]] = {k: {} for k, *_ in BAGIAN_NARASI}
    tidak_dikenal: list[str] = []
    bagian, sub = None, "umum"
    pendahuluan: list[str] = []
    for baris in teks.splitlines():
        if baris.startswith("## "):
            bagian = _kunci_judul(baris[3:].strip())
            if bagian is None:
                tidak_dikenal.append(baris[3:].strip())
            sub = "umum"
            continue
        if baris.startswith("### ") and bagian:
            sub = baris[4:].strip().upper().replace(" ", "")
            continue
        if bagian:
            hasil[bagian][sub] = hasil[bagian].get(sub, "") + baris + "\n"
        elif not tidak_dikenal:
            pendahuluan.append(baris)
    for kunci in hasil:  # a heading with nothing under it counts as not filled
        hasil[kunci] = {s: t for s, t in hasil[kunci].items() if t.strip()}
    hasil["_pendahuluan"] = {"umum": "\n".join(pendahuluan)}
    hasil["_tidak_dikenal"] = {"umum": "\n".join(tidak_dikenal)}
    return hasil


def markdown_aman(teks: str) -> str:
    """Analyst markdown to HTML with any raw HTML escaped (no tags, no links fetched)."""
    import mistune

    md = mistune.create_markdown(escape=True, plugins=["table"])
    hasil = md(teks)
    # Images would make the renderer fetch a URL: keep only their alt text.
    return re.sub(r"<img [^>]*alt=\"([^\"]*)\"[^>]*>", r"[gambar: \1]", hasil)
