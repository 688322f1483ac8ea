"""Reading the project's YAML files (manifest, catalog) safely and strictly.

``yaml.safe_load`` already refuses arbitrary Python objects, but it keeps the last of
two equal keys in one mapping without a word, expands aliases without limit (a
"billion laughs" document of a few hundred bytes can fill memory once expanded) and
raises English messages. ``muat_yaml`` reads with ``yaml.SafeLoader`` and adds:

* a size limit on the document (checked before parsing);
* at most ``MAKS_ALIAS`` aliases (``*nama``) per document; our files need none;
* a refusal of duplicate keys in any mapping, naming the key path and both lines;
* Indonesian ``DataIKUError`` messages naming the file and the line for invalid YAML,
  an empty file, a document that is not a mapping and text that is not UTF-8;
* the line of every key, so schema messages (``konfigurasi.py``) can name it too.

Key paths are written ``data.indeks_rb.status``; list items by their position counted
from 1 (``iku.2.arah`` = the second entry of ``iku``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataIKUError, Masalah

MAKS_BYTES_YAML = 1 << 20  # 1 MiB: the real catalog is ~7 KB, the manifest ~2 KB
MAKS_ALIAS = 10
_KUNCI_GABUNG = "tag:yaml.org,2002:merge"


@dataclass
class DokumenYaml:
    """A parsed YAML document with the line (1-based) of every key and list item."""

    isi: dict
    baris: dict[tuple, int] = field(default_factory=dict)

    def baris_dari(self, jalur: tuple) -> int | None:
        """Line of ``jalur`` or, when it is absent (a missing key), of its nearest parent."""
        jalur = tuple(jalur)
        while jalur:
            if jalur in self.baris:
                return self.baris[jalur]
            jalur = jalur[:-1]
        return self.baris.get((), None)


def tulis_jalur(jalur: tuple) -> str:
    """('iku', 1, 'arah') -> 'iku.2.arah' (list positions counted from 1)."""
    return ".".join(str(b + 1) if isinstance(b, int) else str(b) for b in jalur)


class _Pemuat(yaml.SafeLoader):
    """SafeLoader that counts aliases while composing the node tree."""

    def __init__(self, teks: str):
        super().__init__(teks)
        self.jumlah_alias = 0

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            self.jumlah_alias += 1
            if self.jumlah_alias > MAKS_ALIAS:
                tanda = self.peek_event().start_mark
                raise _AliasBerlebih(tanda.line + 1)
        return super().compose_node(parent, index)


class _AliasBerlebih(Exception):
    def __init__(self, baris: int):
        super().__init__(baris)
        self.baris = baris


_URAIAN = (  # PyYAML's English problem text -> what to tell the analyst
    ("mapping values are not allowed", "titik dua (:) di tempat yang tidak diharapkan"),
    ("cannot start any token", "karakter yang tidak boleh ada di sini (tab untuk indentasi?)"),
    ("expected ',' or ']'", "kurung siku [ tidak ditutup dengan ]"),
    ("expected ',' or '}'", "kurung kurawal { tidak ditutup dengan }"),
    ("found unexpected end of stream", "berkas berakhir sebelum tanda kutip/kurung ditutup"),
    ("could not find expected ':'", "tanda titik dua (:) tidak ada"),
    ("expected <block end>", "indentasi tidak konsisten"),
    ("found undefined alias", "alias (*nama) yang tidak didefinisikan"),
    ("found duplicate anchor", "jangkar (&nama) ditulis dua kali"),
    ("could not determine a constructor", "tag YAML (!...) tidak diizinkan"),
    ("found unknown escape character", "urutan escape (\\...) tidak dikenal di dalam kutip"),
)


def _uraian(e: yaml.YAMLError) -> str:
    masalah = f"{getattr(e, 'problem', '')} {getattr(e, 'context', '')}"
    return next((arti for pola, arti in _URAIAN if pola in masalah), "struktur tidak sah")


def _baris_galat(e: yaml.YAMLError) -> int | None:
    tanda = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    return None if tanda is None else tanda.line + 1


def _petakan(node: Node, jalur: tuple, baris: dict[tuple, int], nama: str,
             dikunjungi: set[int]) -> None:
    """Record the line of every key/item and refuse duplicate keys. Each node is visited
    once (an alias points at a node already seen), so this stays linear."""
    if id(node) in dikunjungi:
        return
    dikunjungi.add(id(node))
    if isinstance(node, MappingNode):
        pertama: dict[str, int] = {}
        for kunci, nilai in node.value:
            if kunci.tag == _KUNCI_GABUNG:
                continue
            teks = kunci.value if isinstance(kunci, ScalarNode) else str(id(kunci))
            nomor = kunci.start_mark.line + 1
            anak = jalur + (teks,)
            if teks in pertama:
                raise DataIKUError(Masalah(
                    nama, f"kunci '{teks}' ditulis dua kali dalam satu bagian (pertama di baris "
                    f"{pertama[teks]}); hapus salah satunya, YAML hanya akan memakai yang "
                    "terakhir", nomor, tulis_jalur(anak)))
            pertama[teks] = nomor
            baris[anak] = nomor
            _petakan(nilai, anak, baris, nama, dikunjungi)
    elif isinstance(node, SequenceNode):
        for i, butir in enumerate(node.value):
            anak = jalur + (i,)
            baris[anak] = butir.start_mark.line + 1
            _petakan(butir, anak, baris, nama, dikunjungi)


def muat_yaml(path: Path | str, nama_berkas: str, maks_bytes: int = MAKS_BYTES_YAML
              ) -> DokumenYaml:
    """Read one YAML file whose top level must be a mapping. Raises DataIKUError."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            mentah = f.read(maks_bytes + 1)
    except FileNotFoundError as e:
        raise DataIKUError(Masalah(nama_berkas, "berkas tidak ditemukan")) from e
    except IsADirectoryError as e:
        raise DataIKUError(Masalah(nama_berkas, "yang ditunjuk adalah folder, bukan berkas")) \
            from e
    except OSError as e:
        raise DataIKUError(Masalah(nama_berkas, f"berkas tidak dapat dibuka ({e.strerror})")) \
            from e
    if len(mentah) > maks_bytes:
        raise DataIKUError(Masalah(nama_berkas, f"berkas YAML lebih besar dari batas "
                                   f"{maks_bytes // 1024} KB; apakah ini berkas yang benar?"))
    try:
        teks = mentah.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        baris = mentah[: e.start].count(b"\n") + 1
        raise DataIKUError(Masalah(nama_berkas, "berkas bukan teks UTF-8; simpan ulang dengan "
                                   "pengodean UTF-8", baris)) from e
    if "\x00" in teks:
        baris = teks[: teks.index("\x00")].count("\n") + 1
        raise DataIKUError(Masalah(nama_berkas, "berkas berisi karakter NUL; ini bukan berkas "
                                   "teks YAML", baris))
    pemuat = _Pemuat(teks)
    try:
        try:
            node = pemuat.get_single_node()
        except _AliasBerlebih as e:
            raise DataIKUError(Masalah(
                nama_berkas, f"terlalu banyak alias YAML (lebih dari {MAKS_ALIAS}); berkas "
                "konfigurasi tidak memerlukan alias (*nama), tulis nilainya langsung",
                e.baris)) from None
        except yaml.YAMLError as e:
            raise DataIKUError(Masalah(nama_berkas, f"YAML tidak sah: {_uraian(e)}; periksa "
                                       "indentasi, titik dua dan tanda kutip", _baris_galat(e))
                               ) from None
        except RecursionError:
            raise DataIKUError(Masalah(nama_berkas, "YAML bersarang terlalu dalam")) from None
        if node is None:
            raise DataIKUError(Masalah(nama_berkas, "berkas kosong (tidak ada isian YAML)"))
        if not isinstance(node, MappingNode):
            raise DataIKUError(Masalah(nama_berkas, "isi berkas harus berupa pemetaan "
                                       "(kunci: nilai) di tingkat teratas",
                                       node.start_mark.line + 1))
        baris: dict[tuple, int] = {(): node.start_mark.line + 1}
        _petakan(node, (), baris, nama_berkas, set())
        try:
            isi = pemuat.construct_document(node)
        except yaml.YAMLError as e:
            raise DataIKUError(Masalah(nama_berkas, f"YAML tidak sah: {_uraian(e)}",
                                       _baris_galat(e))) from None
        except RecursionError:
            raise DataIKUError(Masalah(nama_berkas, "YAML bersarang terlalu dalam")) from None
    finally:
        pemuat.dispose()
    if not isinstance(isi, dict):  # e.g. a mapping merged into nothing
        raise DataIKUError(Masalah(nama_berkas, "isi berkas harus berupa pemetaan "
                                   "(kunci: nilai) di tingkat teratas", 1))
    return DokumenYaml(isi, baris)
