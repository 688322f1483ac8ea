"""Shared fixtures: a tiny hand-made data folder whose IKU values are worked by hand.

Area reference: 9900 (total) with two areas 9901 and 9902, to prove nothing assumes
Sulawesi Tengah. Year 2024 is the previous year, 2025 the year computed.

    IKU1 2025: (50+70) + (30+10) = 160 / 10.000 (total row) x 100 = 1,60 %. The areas sum
               to 6.040 + 4.000 = 10.040, not 10.000, so using the areas instead of the
               total row gives 160 / 10.040 = 1,59 % (the difference, 0,40 %, stays below
               the 0,5 % warning threshold). Likewise 2024: total 9.800, areas 9.840.
    IKU2 2025: K1 improved (RAT ya, volume 110>100, aset 60>50); K2 no RAT; K3 volume
               equal to last year (a tie is not an improvement); K4 no 2024 row.
               1 / 4 x 100 = 25,00 %
    IKU3 2025: 3 of 8 usaha kecil became wirausaha: 37,50 %
    IKU4 2025: indeks 70,00 (predikat B: not above 70); komponen sum to 70,00
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, settings

# Property-based tests (tests/test_properti.py): "ci" is the default, bounded and
# deterministic so the suite stays quick and repeatable; "nightly" searches much longer
# (HYPOTHESIS_PROFILE=nightly, see README, Development).
settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True,
                          database=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("nightly", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
# "mutasi": make mutasi runs the selected tests once per mutant; a handful of generated
# examples already kills what the property tests can kill, the hand-worked tests do the rest.
settings.register_profile("mutasi", max_examples=5, deadline=None, derandomize=True,
                          database=None, suppress_health_check=[HealthCheck.too_slow],
                          phases=[Phase.explicit, Phase.generate])  # a kill needs no shrinking
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]

TABEL_MINI = {
    "wilayah.csv": [
        "kode_wilayah,nama_wilayah,alias,total",
        "9900,Provinsi Uji,Prov. Uji,ya",
        "9901,Kabupaten Satu,Kab. Satu,tidak",
        "9902,Kota Dua,Dua,tidak",
    ],
    "target_iku.csv": [
        "kode_iku,tahun,target",
        "IKU1,2025,1.60", "IKU2,2025,30", "IKU3,2025,50", "IKU4,2025,68",
        "IKU1,2026,2.00", "IKU2,2026,40", "IKU3,2026,60", "IKU4,2026,75",
    ],
    "penduduk_bekerja.csv": [
        "tahun,kode_wilayah,nama_wilayah,penduduk_bekerja",
        "2024,9900,Provinsi Uji,9800",
        "2024,9901,Kabupaten Satu,5940",
        "2024,9902,Kota Dua,3900",
        "2025,9900,Provinsi Uji,10000",
        "2025,9901,Kabupaten Satu,6040",
        "2025,9902,Kota Dua,4000",
    ],
    "tenaga_kerja_kukm.csv": [
        "tahun,kode_wilayah,nama_wilayah,tenaga_kerja_koperasi,tenaga_kerja_ukm",
        "2024,9901,Kabupaten Satu,40,60",
        "2024,9902,Kota Dua,30,17",
        "2025,9901,Kabupaten Satu,50,70",
        "2025,9902,Kota Dua,30,10",
    ],
    "evaluasi_koperasi.csv": [
        "tahun,nomor_induk_koperasi,nama_koperasi,kode_wilayah,rat,volume_usaha,aset",
        "2024,K1,Koperasi Satu,9901,ya,100,50",
        "2024,K2,Koperasi Dua,9901,ya,100,50",
        "2024,K3,Koperasi Tiga,9902,ya,100,50",
        "2025,K1,Koperasi Satu,9901,ya,110,60",
        "2025,K2,Koperasi Dua,9901,tidak,120,70",
        "2025,K3,Koperasi Tiga,9902,ya,100,55",
        "2025,K4,Koperasi Empat,9902,ya,500,500",
    ],
    "evaluasi_usaha_kecil.csv": [
        "tahun,id_usaha,nama_usaha,kode_wilayah,menjadi_wirausaha",
        "2024,U1,Usaha A,9901,ya",
        "2024,U2,Usaha B,9901,tidak",
        "2025,U1,Usaha A,9901,ya",
        "2025,U2,Usaha B,9901,YA",
        "2025,U3,Usaha C,9902, y ",
        "2025,U4,Usaha D,9902,tidak",
        "2025,U5,Usaha E,9902,t",
        "2025,U6,Usaha F,9901,0",
        "2025,U7,Usaha G,9901,false",
        "2025,U8,Usaha H,9902,Tidak",
    ],
    "indeks_rb.csv": ["tahun,indeks", "2024,65.50", "2025,70.00"],
    "komponen_rb.csv": [
        "tahun,kelompok,komponen,bobot,nilai",
        "2024,pengungkit,Pemenuhan,20,15.50",
        "2024,hasil,Kinerja Organisasi,80,50.00",
        "2025,pengungkit,Pemenuhan,20,16.00",
        "2025,pengungkit,Reform,30,20.00",
        "2025,hasil,Kinerja Organisasi,50,34.00",
    ],
}


def tulis_folder_data(folder: Path, ubah: dict[str, list[str]] | None = None,
                      status: str = "contoh", manifest_tambahan: dict | None = None) -> Path:
    """Write the mini data folder; ``ubah`` replaces whole files (list of lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    tabel = {**TABEL_MINI, **(ubah or {})}
    for nama, baris in tabel.items():
        if baris is not None:
            (folder / nama).write_text("\n".join(baris) + "\n", encoding="utf-8")
    shutil.copy(ROOT / "data" / "katalog_iku.yaml", folder / "katalog_iku.yaml")
    data = {
        "iku": {"berkas": "katalog_iku.yaml", "sumber": "Keputusan IKU", "status": "resmi"},
        "target_iku": {"berkas": "target_iku.csv", "sumber": "Tabel uji", "status": "resmi"},
        "wilayah": {"berkas": "wilayah.csv", "sumber": "Referensi uji", "status": "resmi"},
    }
    for kunci in ("penduduk_bekerja", "tenaga_kerja_kukm", "evaluasi_koperasi",
                  "evaluasi_usaha_kecil", "indeks_rb", "komponen_rb"):
        data[kunci] = {"berkas": f"{kunci}.csv", "sumber": "Data uji", "status": status}
    manifest = {"instansi": "Instansi Uji", "data": data, **(manifest_tambahan or {})}
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                             encoding="utf-8")
    return folder


DATA_MINI = ROOT / "tests" / "fixtures" / "data_mini"


def salin_data_mini(tujuan: Path) -> Path:
    """A copy of tests/fixtures/data_mini whose manifest still finds the catalog and the
    targets (the fixture names them by a path relative to the repository's data/)."""
    shutil.copytree(DATA_MINI, tujuan)
    manifest = yaml.safe_load((tujuan / "sumber_data.yaml").read_text())
    for kunci in ("iku", "target_iku"):
        entri = manifest["data"][kunci]
        entri["berkas"] = str(ROOT / "data" / Path(entri["berkas"]).name)
    (tujuan / "sumber_data.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True))
    return tujuan


@pytest.fixture
def folder_mini(tmp_path: Path) -> Path:
    return tulis_folder_data(tmp_path / "data")


def ganti_baris(nama: str, nomor_baris: int, baris_baru: str) -> dict[str, list[str]]:
    """A copy of one mini table with line ``nomor_baris`` (1 = header) replaced."""
    baris = list(TABEL_MINI[nama])
    baris[nomor_baris - 1] = baris_baru
    return {nama: baris}
