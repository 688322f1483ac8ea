"""One error type for bad input, and a collector for warnings.

Every message is Indonesian and names the file, the row as the analyst sees it in
the spreadsheet (header = row 1, so the first data row is row 2) and the column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MAKS_MASALAH_DITAMPILKAN = 20


@dataclass(frozen=True)
class Masalah:
    """One problem found in one cell (or row, or file) of an input table."""

    berkas: str
    pesan: str
    baris: int | None = None
    kolom: str | None = None
    nilai: object = None

    def __post_init__(self) -> None:
        # a numpy scalar reads as "np.float64(10040.0)" in a message: keep the plain
        # number (a whole float as a whole number: 10040)
        nilai = self.nilai
        if hasattr(nilai, "item") and type(nilai).__module__ == "numpy" and getattr(
                nilai, "size", 1) == 1:
            nilai = nilai.item()
        if isinstance(nilai, float) and nilai.is_integer():
            nilai = int(nilai)
        # an empty cell (NaN, pandas NA, NaT, "") has no value to quote: not "(nilai: nan)"
        if (isinstance(nilai, float) and math.isnan(nilai)) or (
                isinstance(nilai, str) and nilai == "") or type(nilai).__name__ in (
                "NAType", "NaTType"):
            nilai = None
        object.__setattr__(self, "nilai", nilai)

    def __str__(self) -> str:
        lokasi = [f"berkas '{self.berkas}'"]
        if self.baris is not None:
            lokasi.append(f"baris {self.baris}")
        if self.kolom is not None:
            lokasi.append(f"kolom '{self.kolom}'")
        teks = ", ".join(lokasi) + ": " + self.pesan
        if self.nilai is not None:
            teks += f" (nilai: {self.nilai!r})"
        return teks[0].upper() + teks[1:]


class DataIKUError(ValueError):
    """Bad input data or parameters. Carries one or more `Masalah`.

    The attributes ``berkas``, ``baris``, ``kolom`` and ``nilai`` are those of the
    first problem, so callers (and tests) can point at it directly.
    """

    def __init__(self, masalah: Masalah | list[Masalah]):
        daftar = [masalah] if isinstance(masalah, Masalah) else list(masalah)
        if not daftar:
            raise ValueError("DataIKUError needs at least one Masalah")
        self.masalah = daftar
        pertama = daftar[0]
        self.berkas = pertama.berkas
        self.baris = pertama.baris
        self.kolom = pertama.kolom
        self.nilai = pertama.nilai
        super().__init__(self._format())

    def __reduce__(self):
        # The default (class, args) would call __init__ with the formatted message, which
        # is not a Masalah: process pools could not return the error to the parent.
        return (_pulihkan_galat, (type(self), self.masalah, dict(self.__dict__)))

    def _format(self) -> str:
        if len(self.masalah) == 1:
            return str(self.masalah[0])
        baris = [f"Ditemukan {len(self.masalah)} masalah pada data masukan:"]
        for m in self.masalah[:MAKS_MASALAH_DITAMPILKAN]:
            baris.append(f"  - {m}")
        sisa = len(self.masalah) - MAKS_MASALAH_DITAMPILKAN
        if sisa > 0:
            baris.append(f"  ... dan {sisa} masalah lain.")
        return "\n".join(baris)


class Dihentikan(Exception):
    """Raised from the SIGTERM handler so that clean-up runs."""


def _pulihkan_galat(kelas: type[DataIKUError], masalah: list[Masalah],
                    atribut: dict) -> DataIKUError:
    """Rebuild a DataIKUError (or subclass) after unpickling, without calling the
    subclass's own __init__ (whose signature may differ)."""
    galat = kelas.__new__(kelas)
    DataIKUError.__init__(galat, masalah)
    galat.__dict__.update(atribut)
    return galat


class ParameterError(DataIKUError):
    """A bad command-line or function parameter (tahun, folder)."""

    def __init__(self, pesan: str, nilai: object = None, nama: str = "parameter"):
        super().__init__(Masalah(berkas=nama, pesan=pesan, nilai=nilai))

    def _format(self) -> str:  # no file to name: say which parameter instead
        m = self.masalah[0]
        teks = f"Parameter {m.berkas}: {m.pesan}"
        if m.nilai is not None:
            teks += f" (nilai: {m.nilai!r})"
        return teks


class Peringatan(str):
    """A warning (not an error): reads as its Indonesian text, so it prints, logs and
    compares as a string, and carries where it comes from (``berkas``, ``baris``,
    ``kolom``, ``nilai``) for tables and filters. Functions return these as values."""

    tingkat = "peringatan"

    def __new__(cls, teks: str, berkas: str | None = None, baris: int | None = None,
                kolom: str | None = None, nilai: object = None):
        obj = super().__new__(cls, teks)
        obj.berkas, obj.baris, obj.kolom, obj.nilai = berkas, baris, kolom, nilai
        return obj

    @classmethod
    def di(cls, berkas: str, pesan: str, baris: int | None = None, kolom: str | None = None,
           nilai: object = None) -> Peringatan:
        """A warning about a place in an input, worded like a :class:`Masalah`."""
        return cls(str(Masalah(berkas, pesan, baris, kolom, nilai)), berkas, baris, kolom, nilai)


def nomor_baris(x: object) -> int | None:
    """A row number for a message; None for a cell without one (a BPS JSON value)."""
    return None if x is None or x != x else int(x)


def pisahkan(temuan) -> tuple[list[Masalah], list[Peringatan]]:
    """Split the findings of a check into errors (Masalah) and warnings (Peringatan)."""
    galat = [t for t in temuan if isinstance(t, Masalah)]
    peringatan = [t for t in temuan if isinstance(t, Peringatan)]
    return galat, peringatan
