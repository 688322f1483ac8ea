"""Property: the national vectorised path agrees, for every province, with the
one-province computation and with a plain-Python oracle written here.

Hypothesis generates a national data set: several provinces, each with its areas (an area
reference with an ``induk`` column), random counts of penduduk bekerja with or without a
province total row, tenaga kerja per area, koperasi over two years (small numbers, so
ties with last year are frequent), usaha kecil, and one indeks RB per province.
"""

from __future__ import annotations

import tempfile
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import yaml
from conftest import tulis_folder_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iku_helpers import hitung_iku, muat_data
from iku_helpers.nasional import hitung_per_induk

TAHUN = 2025


def _persen(p: int, q: int) -> float | None:
    """Oracle: p/q x 100 in exact arithmetic, rounded half up to 2 decimals."""
    if q == 0:
        return None
    nilai = Fraction(p * 100, q)
    d = Decimal(nilai.numerator) / Decimal(nilai.denominator)
    return float(d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@st.composite
def provinsi(draw, kode: int):
    """One province: its areas and every row that belongs to it."""
    area = [kode + j for j in range(1, draw(st.integers(1, 3)) + 1)]
    pb = {a: draw(st.integers(2_000, 5_000)) for a in area}
    tk = {a: (draw(st.integers(0, 300)), draw(st.integers(0, 300))) for a in area}
    total = draw(st.one_of(st.none(), st.integers(8_000, 20_000)))  # total row or none
    kop = []
    for i in range(draw(st.integers(1, 5))):
        a = draw(st.sampled_from(area))
        lalu = draw(st.one_of(st.none(), st.tuples(st.integers(0, 3), st.integers(0, 3))))
        kini = (draw(st.integers(0, 3)), draw(st.integers(0, 3)))
        kop.append((f"K{kode}-{i}", a, draw(st.booleans()), lalu, kini))
    if all(k[3] is None for k in kop):  # IKU2 needs some koperasi evaluated last year
        nomor, a, rat, _, kini = kop[0]
        kop[0] = (nomor, a, rat, (1, 1), kini)
    uk = [(f"U{kode}-{i}", draw(st.sampled_from(area)), draw(st.booleans()))
          for i in range(draw(st.integers(1, 6)))]
    indeks = draw(st.integers(0, 10_000)) / 100
    return {"kode": kode, "area": area, "pb": pb, "tk": tk, "total": total, "kop": kop,
            "uk": uk, "indeks": indeks}


@st.composite
def negeri(draw):
    n = draw(st.integers(2, 3))
    return [draw(provinsi(9100 + 10 * i)) for i in range(n)]


def _tabel(daftar: list[dict]) -> dict[str, list[str]]:
    ref = ["kode_wilayah,nama_wilayah,alias,total,induk"]
    pb = ["tahun,kode_wilayah,nama_wilayah,penduduk_bekerja"]
    tk = ["tahun,kode_wilayah,nama_wilayah,tenaga_kerja_koperasi,tenaga_kerja_ukm"]
    kop = ["tahun,nomor_induk_koperasi,nama_koperasi,kode_wilayah,rat,volume_usaha,aset"]
    uk = ["tahun,id_usaha,nama_usaha,kode_wilayah,menjadi_wirausaha"]
    rb = ["tahun,kode_wilayah,indeks"]
    for p in daftar:
        ref.append(f"{p['kode']},Provinsi {p['kode']},,ya,")
        ref += [f"{a},Wilayah {a},,tidak,{p['kode']}" for a in p["area"]]
        if p["total"] is not None:
            pb.append(f"{TAHUN},{p['kode']},Provinsi {p['kode']},{p['total']}")
        pb += [f"{TAHUN},{a},Wilayah {a},{n}" for a, n in p["pb"].items()]
        tk += [f"{TAHUN},{a},Wilayah {a},{k},{u}" for a, (k, u) in p["tk"].items()]
        for nomor, a, rat, lalu, kini in p["kop"]:
            if lalu is not None:
                kop.append(f"{TAHUN - 1},{nomor},Kop {nomor},{a},ya,{lalu[0]},{lalu[1]}")
            kop.append(f"{TAHUN},{nomor},Kop {nomor},{a},{'ya' if rat else 'tidak'},"
                       f"{kini[0]},{kini[1]}")
        uk += [f"{TAHUN},{i},Usaha {i},{a},{'ya' if ya else 'tidak'}" for i, a, ya in p["uk"]]
        rb.append(f"{TAHUN},{p['kode']},{p['indeks']:.2f}")
    return {"wilayah.csv": ref, "penduduk_bekerja.csv": pb, "tenaga_kerja_kukm.csv": tk,
            "evaluasi_koperasi.csv": kop, "evaluasi_usaha_kecil.csv": uk, "indeks_rb.csv": rb,
            "komponen_rb.csv": None}


def _folder(tujuan: Path, daftar: list[dict]) -> Path:
    folder = tulis_folder_data(tujuan, _tabel(daftar))
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    manifest["data"].pop("komponen_rb")
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    return folder


def _oracle(p: dict) -> dict[str, tuple]:
    """Plain Python: (pembilang, penyebut, realisasi) of each IKU for one province."""
    tk = sum(k + u for k, u in p["tk"].values())
    pb = p["total"] if p["total"] is not None else sum(p["pb"].values())
    naik = sum(1 for _, _, rat, lalu, kini in p["kop"]
               if rat and lalu is not None and kini[0] > lalu[0] and kini[1] > lalu[1])
    ya = sum(1 for _, _, y in p["uk"] if y)
    indeks = float(Decimal(f"{p['indeks']:.2f}"))
    return {"IKU1": (tk, pb, _persen(tk, pb)),
            "IKU2": (naik, len(p["kop"]), _persen(naik, len(p["kop"]))),
            "IKU3": (ya, len(p["uk"]), _persen(ya, len(p["uk"]))),
            "IKU4": (None, None, indeks)}


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(negeri())
def test_national_path_agrees_with_each_province_and_the_oracle(daftar):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        semua = hitung_per_induk(muat_data(_folder(tmp / "nasional", daftar)), TAHUN)
        semua = semua.set_index(["kode_wilayah", "kode_iku"])
        for p in daftar:
            harapan = _oracle(p)
            satu = hitung_iku(TAHUN, _folder(tmp / str(p["kode"]), [p])).tabel
            satu = satu.set_index("kode_iku")
            for kode, (pembilang, penyebut, realisasi) in harapan.items():
                b = semua.loc[(p["kode"], kode)]
                assert b["realisasi"] == realisasi, (p["kode"], kode)
                assert satu.loc[kode, "realisasi"] == realisasi, (p["kode"], kode)
                if pembilang is not None:
                    assert (b["pembilang"], b["penyebut"]) == (pembilang, penyebut)
                    assert (satu.loc[kode, "pembilang"], satu.loc[kode, "penyebut"]) == (
                        pembilang, penyebut)
        # nationally: the sums of the provinces (IKU1-3) and the mean of the indeks (IKU4)
        for kode in ("IKU1", "IKU2", "IKU3"):
            p_sum = sum(_oracle(p)[kode][0] for p in daftar)
            q_sum = sum(_oracle(p)[kode][1] for p in daftar)
            assert semua.loc[(0, kode), "realisasi"] == _persen(p_sum, q_sum)
        rata = sum(Fraction(f"{p['indeks']:.2f}") for p in daftar) / len(daftar)
        harapan_rata = float((Decimal(rata.numerator) / Decimal(rata.denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP))
        assert semua.loc[(0, "IKU4"), "realisasi"] == harapan_rata
