"""The period a computation is for: a year, or a quarter (triwulan) of a year.

Every "the year before", "the rows known by the end of this period" and "the target of
this period" goes through :class:`Periode`, so the annual report, the quarterly monitoring
and the workbook share one definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
_POLA = re.compile(r"^\s*(\d{4})\s*(?:[-/ ]\s*(?:tw|triwulan)?\s*([1-4]))?\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Periode:
    """A year (``triwulan=None``) or one quarter of it (``triwulan`` 1-4)."""

    tahun: int
    triwulan: int | None = None

    def __post_init__(self):
        if not isinstance(self.tahun, (int, np.integer)) or isinstance(self.tahun, bool):
            raise TypeError(f"tahun harus bilangan bulat, bukan {self.tahun!r}")
        if self.triwulan is not None and self.triwulan not in (1, 2, 3, 4):
            raise ValueError(f"triwulan harus 1-4, bukan {self.triwulan!r}")

    @classmethod
    def dari_teks(cls, teks: object) -> Periode:
        """"2025" -> the year; "2025-3", "2025-TW3", "2025 triwulan 3" -> a quarter."""
        cocok = _POLA.match(str(teks))
        if not cocok:
            raise ValueError(f"periode tidak dikenal: {teks!r} (contoh: 2025 atau 2025-3)")
        return cls(int(cocok.group(1)), int(cocok.group(2)) if cocok.group(2) else None)

    @property
    def tahunan(self) -> bool:
        return self.triwulan is None

    @property
    def tahun_penuh(self) -> Periode:
        """The whole year this period belongs to."""
        return Periode(self.tahun)

    def sebelumnya(self) -> Periode:
        """The period before: last year for a year, the previous quarter for a quarter
        (TW I follows TW IV of the year before)."""
        if self.triwulan is None:
            return Periode(self.tahun - 1)
        if self.triwulan == 1:
            return Periode(self.tahun - 1, 4)
        return Periode(self.tahun, self.triwulan - 1)

    def tahun_lalu(self) -> Periode:
        """The whole previous year (IKU2 compares a koperasi with its previous year)."""
        return Periode(self.tahun - 1)

    def saring(self, tabel: pd.DataFrame) -> pd.DataFrame:
        """Rows of ``tabel`` known by the end of this period: its year and, for a quarter,
        rows whose ``triwulan`` is at most this one (a row counts from its quarter on).
        A table without a ``triwulan`` column is taken whole for the year."""
        pilih = tabel["tahun"].to_numpy() == self.tahun
        if self.triwulan is not None and "triwulan" in tabel.columns:
            # an empty triwulan (NaN) compares False: never counted
            pilih &= tabel["triwulan"].to_numpy(dtype=float, na_value=np.nan) <= self.triwulan
        return tabel[pilih]

    def ada_di(self, tabel: pd.DataFrame) -> bool:
        """Whether ``tabel`` has any row for this period's year."""
        return bool((tabel["tahun"].to_numpy() == self.tahun).any())

    @property
    def kolom_target(self) -> str:
        """Name of this period's target column in a Perjanjian Kinerja table."""
        return "target" if self.triwulan is None else f"target_tw{self.triwulan}"

    @property
    def label(self) -> str:
        """How the report names it: "2025" or "Triwulan III 2025"."""
        if self.triwulan is None:
            return str(self.tahun)
        return f"Triwulan {ROMAWI[self.triwulan]} {self.tahun}"

    @property
    def kode(self) -> str:
        """For file names: "2025" or "2025-tw3"."""
        return str(self.tahun) if self.triwulan is None else f"{self.tahun}-tw{self.triwulan}"

    def __str__(self) -> str:
        return self.label
