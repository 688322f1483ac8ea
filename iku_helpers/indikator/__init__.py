"""The indicators: pure formulas (``rumus``), the period value (``periode``), and one
module per IKU (``iku1`` .. ``iku4``) declared in the registry (``registri``).

``from iku_helpers.indikator import bulatkan`` keeps working: the formulas are re-exported.
"""

from .rumus import *  # noqa: F403
from .rumus import (  # noqa: F401 - explicit names for readers and linters
    ARAH_NAIK,
    ARAH_TURUN,
    KATEGORI_TIDAK_TERUKUR,
    KRITERIA_KOPERASI,
    PENYEBUT_MINIMUM,
    SKALA_KATEGORI_BAWAAN,
    SKALA_PREDIKAT_RB,
    TingkatKategori,
    baris_hasil,
    bulatkan,
    hitung_capaian,
    hitung_kekurangan,
    hitung_persentase,
    hitung_realisasi,
    koperasi_meningkat,
    kriteria_koperasi,
    pembilang_minimum,
    peringkat,
    persen_per_baris,
    tentukan_kategori,
    tentukan_predikat_rb,
)
