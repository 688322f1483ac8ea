"""The sample inputs of issues 9 and 10 (PK, anggaran, pembanding, triwulan).

They are read with the package's reader and checked with the schema constants of
iku_helpers/anggaran.py through validasi_tabel (registered for the test only: the loader
does not know these tables yet), then with the cross-table checks. The generator must
reproduce every committed file byte for byte.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from iku_helpers import anggaran as ag
from iku_helpers import validasi
from iku_helpers.data_iku import baca_katalog
from iku_helpers.loaders import baca_tabel

ROOT = Path(__file__).resolve().parents[1]
FOLDER = {"data": ROOT / "data", "mini": ROOT / "tests/fixtures/data_mini"}
KATALOG, _ = baca_katalog(ROOT / "data/katalog_iku.yaml", "katalog_iku.yaml")


def _baca(folder: Path, nama: str, monkeypatch) -> pd.DataFrame:
    kolom, kunci, opsional = ag.SKEMA_MASUKAN_BARU[nama]
    kolom = dict(kolom)
    for k in ag.BOLEH_KOSONG_ANGGARAN if nama == "anggaran" else ():
        kolom.pop(k)  # "kode" refuses empty cells; checked by periksa_kode_iku instead
    monkeypatch.setitem(validasi.SKEMA, nama, validasi.Skema(kolom, kunci, opsional))
    mentah = baca_tabel(folder / f"{nama}.csv", f"{nama}.csv")
    bersih = validasi.validasi_tabel(mentah, nama, f"{nama}.csv", None, [])
    if nama == "anggaran":
        bersih["kode_iku"] = mentah["kode_iku"].fillna("").astype(str).str.strip().to_numpy()
    return bersih


@pytest.mark.parametrize("versi", ["data", "mini"])
def test_masukan_baru_lolos_skema_dan_pemeriksaan_silang(versi, monkeypatch):
    folder = FOLDER[versi]
    pk = _baca(folder, "perjanjian_kinerja", monkeypatch)
    anggaran = _baca(folder, "anggaran", monkeypatch)
    pembanding = _baca(folder, "pembanding", monkeypatch)
    assert ag.periksa_perjanjian_kinerja(pk, "perjanjian_kinerja.csv", KATALOG) == []
    assert ag.periksa_anggaran(anggaran, "anggaran.csv", KATALOG) == []
    assert ag.periksa_pembanding(pembanding, "pembanding.csv", KATALOG) == []
    assert ag.peringatan_anggaran(anggaran, "anggaran.csv") == []  # the sample is clean


def test_pk_sama_dengan_renstra_kecuali_satu(monkeypatch):
    pk = _baca(FOLDER["data"], "perjanjian_kinerja", monkeypatch)
    renstra = pd.read_csv(ROOT / "data/target_iku.csv")
    beda = []
    for tahun in (2022, 2023, 2024, 2025):
        t = ag.tabel_target(renstra, pk, tahun, {"IKU4": "indeks"})
        assert (t["sumber_target"] == "PK").all()
        beda += [k for k in t["kalimat"] if k != ag.KALIMAT_PK_SAMA]
    assert beda == ["target PK 2025 1,50% berbeda dari target Renstra 1,54%"]
    # TW4 of the Rencana Aksi is the year's target; cumulative IKU never go down
    assert (pk["target_tw4"] == pk["target"]).all()
    tw = pk[["target_tw1", "target_tw2", "target_tw3", "target_tw4"]].to_numpy()
    assert (tw[:, 1:] >= tw[:, :-1]).all()
    iku2_2022 = pk[(pk["tahun"] == 2022) & (pk["kode_iku"] == "IKU2")]
    assert iku2_2022[["target_tw1", "target_tw2", "target_tw3"]].values.tolist() == [
        [1.92, 3.85, 5.77]]  # 1, 2, 3 koperasi of 52


def test_anggaran_contoh_masuk_akal(monkeypatch):
    a = _baca(FOLDER["data"], "anggaran", monkeypatch)
    per_tahun = a.groupby("tahun")
    assert per_tahun.size().tolist() == [14, 14, 14, 14]
    assert per_tahun["pagu"].sum().between(12e9, 15.5e9).all()
    assert (a["realisasi"] <= a["pagu"]).all() and (a["realisasi"] > 0).all()
    assert sorted(a["kode_iku"].unique()) == ["", "IKU1", "IKU2", "IKU3", "IKU4"]
    hasil = pd.DataFrame({"kode_iku": ["IKU1", "IKU2", "IKU3", "IKU4"],
                          "capaian_persen": [68.18, 100.0, 56.31, 83.33]})
    r = ag.ringkas_anggaran(a, hasil, 2025)
    assert r.per_iku["serapan_persen"].between(82, 99).all()
    assert r.peringatan == [] and len(r.kalimat) == 1  # every IKU has budget lines
    assert 20 < r.per_iku["porsi_anggaran_persen"].sum() < 50  # salaries are the bulk


def test_pembanding_contoh_bertanda_contoh(monkeypatch):
    p = _baca(FOLDER["data"], "pembanding", monkeypatch)
    assert len(p) == 16 and p["sumber"].str.contains("CONTOH sintetis").all()
    assert p.groupby("tahun")["kode_iku"].apply(sorted).tolist() == [
        ["IKU1", "IKU2", "IKU3", "IKU4"]] * 4


@pytest.mark.parametrize("versi", ["data", "mini"])
def test_kolom_triwulan(versi):
    kop = pd.read_csv(FOLDER[versi] / "evaluasi_koperasi.csv")
    uk = pd.read_csv(FOLDER[versi] / "evaluasi_usaha_kecil.csv")
    for df in (kop, uk):
        assert df.columns[-1] == "triwulan" and set(df["triwulan"]) == {1, 2, 3, 4}
    assert kop["triwulan"].isin([1, 2]).mean() > 0.7  # koperasi: after the RAT
    assert 0.15 < (uk["triwulan"] == 4).mean() < 0.35  # usaha kecil: spread over the year


def test_generator_mereproduksi_berkas(tmp_path):
    for versi, argumen in (("data", []), ("mini", ["--mini"])):
        keluar = tmp_path / versi
        subprocess.run([sys.executable, str(ROOT / "scripts/buat_data_contoh.py"), *argumen,
                        "--keluar", str(keluar)], check=True, capture_output=True)
        dibuat = sorted(p.name for p in keluar.glob("*.csv"))
        assert len(dibuat) == 9
        for nama in dibuat:
            assert (keluar / nama).read_bytes() == (FOLDER[versi] / nama).read_bytes(), nama
