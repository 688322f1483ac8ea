"""Paths and project-wide constants. Paths come from here, never hard-coded elsewhere."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The repository's folders: useful to tests and scripts in a checkout; the package itself
# never depends on them (an installed wheel has none): its notebook and templates are
# package resources, and every public function takes the data folder explicitly.
PROJ_ROOT = PACKAGE_DIR.parent
DATA_DIR = PROJ_ROOT / "data"
OUTPUTS_DIR = PROJ_ROOT / "outputs"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REFERENSI_DIR = PACKAGE_DIR / "referensi"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

#: Default area reference: Sulawesi Tengah (7200) and its 13 kabupaten/kota.
WILAYAH_BAWAAN = REFERENSI_DIR / "wilayah_sulteng.csv"

#: Renstra period of the IKU decree (Keputusan Kepala Dinas KUKM 188.4/243/SEKRETARIAT).
TAHUN_AWAL_RENSTRA = 2022
TAHUN_AKHIR_RENSTRA = 2026

MANIFEST = "sumber_data.yaml"
