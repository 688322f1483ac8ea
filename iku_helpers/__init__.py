"""iku_helpers: the four IKU of Dinas KUKM Provinsi Sulawesi Tengah, computed from tested code.

    >>> import iku_helpers
    >>> tabel = iku_helpers.compute_results(2025, "data")

The names below are imported on first use (PEP 562), so ``import iku_helpers.cli``
does not pay for pandas before the report command has even read its arguments: the
command starts its kernel first (see :mod:`iku_helpers.mesin_papermill`).
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: public name -> the submodule that defines it
_ASAL = {
    "DataIKU": "data_iku", "muat_data": "data_iku",
    "DataIKUError": "errors", "Masalah": "errors", "ParameterError": "errors",
    "KOLOM_HASIL": "hitung", "HasilIKU": "hitung", "compute_results": "hitung",
    "hitung_iku": "hitung", "rinci_koperasi": "hitung",
}

__all__ = sorted(_ASAL)


def __getattr__(nama: str):
    if nama in _ASAL:
        nilai = getattr(importlib.import_module(f".{_ASAL[nama]}", __name__), nama)
        globals()[nama] = nilai
        return nilai
    raise AttributeError(f"module {__name__!r} has no attribute {nama!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_ASAL))
