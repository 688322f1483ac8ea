"""iku_helpers: the four IKU of Dinas KUKM Provinsi Sulawesi Tengah, computed from tested code.

    >>> import iku_helpers
    >>> tabel = iku_helpers.compute_results(2025, "data")
"""

from .data_iku import DataIKU, muat_data
from .errors import DataIKUError, Masalah, ParameterError
from .hitung import KOLOM_HASIL, HasilIKU, compute_results, hitung_iku, rinci_koperasi

__version__ = "0.1.0"

__all__ = ["DataIKU", "DataIKUError", "HasilIKU", "KOLOM_HASIL", "Masalah", "ParameterError",
           "compute_results", "hitung_iku", "muat_data", "rinci_koperasi"]
