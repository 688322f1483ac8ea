"""The registry of indicators: one :class:`~.dasar.DefinisiIKU` per IKU, in report order.

Loading, validation, computation, the report, the XLSX and the workbook iterate over
``REGISTRI``; adding an indicator means one module like ``iku1.py`` plus its entry here
and in the catalog (``katalog_iku.yaml``).
"""

from __future__ import annotations

from . import iku1, iku2, iku3, iku4
from .dasar import DefinisiIKU

REGISTRI: dict[str, DefinisiIKU] = {d.kode: d for d in (
    iku1.DEFINISI, iku2.DEFINISI, iku3.DEFINISI, iku4.DEFINISI)}


def tabel_dibutuhkan() -> tuple[str, ...]:
    """Every input table some indicator needs, in first-use order."""
    urutan: list[str] = []
    for d in REGISTRI.values():
        urutan += [t for t in d.tabel if t not in urutan]
    return tuple(urutan)


def teks_kekurangan(nilai: object, kode: str) -> str:
    """A shortfall against the target as the PDFs print it: whole units for a ratio IKU
    ("2"), index points with 2 decimals for an index IKU ("3,60"); see
    ``DefinisiIKU.kekurangan_bilangan_bulat`` (the XLSX: ``tabel_hasil.format_kekurangan``)."""
    from ..format_id import angka, bilangan

    definisi = REGISTRI.get(kode)
    return bilangan(nilai) if definisi is None or definisi.kekurangan_bilangan_bulat \
        else angka(nilai)
