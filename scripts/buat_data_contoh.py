"""Generate SAMPLE ("contoh") input data for the IKU workbook, seeded and deterministic.

Only one number is published: the 2022 province total of working people, 1.586.320
(1.586,32 ribu), from BPS Provinsi Sulawesi Tengah, Berita Resmi Statistik "Keadaan
Ketenagakerjaan Agustus 2022". Every other figure is SYNTHETIC and must not be cited.

Design choices:
- Years 2021 (Renstra baseline) to 2025; areas are BPS codes 7200 (province) and its 13
  kabupaten/kota. Randomness comes from ``numpy.random.default_rng([seed, table])``, one
  stream per table, so the full and the mini data share every table except usaha kecil.
  Money and indices are built as integers (rupiah, cents) and written without floats,
  rows are sorted, so two runs with the same seed give byte-identical files.
- penduduk_bekerja: province totals ~1,55 M (2021) rising to ~1,64 M (2025), 2022 exact.
  The 13 areas follow fixed shares (Palu, Parigi Moutong, Banggai, Donggala, Sigi, Poso
  largest; Banggai Laut, Banggai Kepulauan, Buol smallest) with small noise. Their sum
  equals the province row exactly in 2021 and differs by 0,02-0,25 % in other years, as
  rounding in real BPS tables does: code must use the 7200 row, not sum the areas.
- tenaga_kerja_kukm: 13 area rows only. The yearly total is round(bekerja x IKU1 / 100),
  so IKU1 rounds (half up) to 1,18 / 1,30 / 1,12 / 1,40 / 1,05 for 2021-2025; against
  the Renstra targets these land in different rating categories. Koperasi workers are
  15-20 % of the total; integers are split across areas by largest remainder.
- evaluasi_koperasi: 50 koperasi in 2021, 52 from 2022 (two new ones have no 2021 row,
  hence cannot "improve" in 2022). Improved in year t = rat "ya" and volume_usaha and
  aset both strictly above t-1. Improved counts 2022-2025: 3, 2, 1, 2 (of 52). The
  others fail in assigned ways: RAT not held, volume fell, aset fell, volume exactly
  equal (2022 and 2024, one each), two criteria, and in 2025 five near misses (one
  criterion missed by 1-3 %). Base values and growth bounds are chosen so values stay
  within volume 200 juta-40 miliar and aset 100 juta-25 miliar for any seed.
- evaluasi_usaha_kecil: 380/400/420/450/480 rows with 19/24/15/14/12 "ya", giving IKU3
  5,00 / 6,00 / 3,57 / 3,11 / 2,50. --mini uses the smallest row counts that round to
  the same percentages (e.g. 1 of 20, 3 of 50, 5 of 161).
- indeks_rb / komponen_rb: index 58,20 / 61,20 / 58,40 / 65,10 / 55,00; the seven
  weighted components (PermenPANRB 26/2020 weights) sum to the index to the cent.
- narasi/2025.md: an example analyst text for LAKIP items 5-7 (full data only).

Added later (issues 9 and 10), each from its own random stream (tables 6-9) so that
every earlier table keeps its exact bytes and values:
- triwulan: a last column of evaluasi_koperasi and evaluasi_usaha_kecil, the quarter
  (1-4) a row was collected in. Koperasi are evaluated after their RAT, so mostly TW1-TW2
  (45/35/12/8 %); usaha kecil evaluations are spread over the year (22/26/27/25 %).
- perjanjian_kinerja: PK targets 2022-2025 equal to the Renstra (data/target_iku.csv)
  except IKU1 2025 (1,50 instead of 1,54). TW1-TW4 of the Rencana Aksi: the year's target
  in every quarter for point values (IKU1, IKU4); cumulative for counts: IKU2 in whole
  koperasi of 52 (3 koperasi: 1/2/3/3 = 1,92/3,85/5,77/5,77), IKU3 25/50/75/100 % of
  the target. TW4 always equals the year's target. No randomness.
- anggaran: 14 sub-kegiatan per year 2022-2025 under the Permendagri 90/2019 programme
  names of urusan koperasi/UKM: 4 support lines (penunjang urusan, empty kode_iku, the
  largest being salaries) and 2/3/3/2 lines behind IKU1..IKU4. Pagu about Rp13-15 miliar
  a year, rounded to Rp1.000; realisasi 82-99 % of pagu in whole rupiah, never above.
- pembanding: one "Nasional (contoh)" row per IKU and year 2022-2025, plausible in scale,
  its source text saying it is synthetic.
"""

from __future__ import annotations

import argparse
import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
YEARS = [2021, 2022, 2023, 2024, 2025]
PROVINCE = (7200, "Sulawesi Tengah")
# code, name, share of the province's working population
AREAS = [
    (7201, "Banggai Kepulauan", 0.042), (7202, "Banggai", 0.124), (7203, "Morowali", 0.058),
    (7204, "Poso", 0.080), (7205, "Donggala", 0.099), (7206, "Toli-Toli", 0.072),
    (7207, "Buol", 0.047), (7208, "Parigi Moutong", 0.150), (7209, "Tojo Una-Una", 0.054),
    (7210, "Sigi", 0.082), (7211, "Banggai Laut", 0.025), (7212, "Morowali Utara", 0.050),
    (7271, "Kota Palu", 0.167),
]
AREA_NAME = {code: name for code, name, _ in AREAS}
PROVINCE_TOTAL = {2021: 1552840, 2022: 1586320, 2023: 1603915, 2024: 1621470, 2025: 1642188}
IKU1 = {2021: "1.18", 2022: "1.30", 2023: "1.12", 2024: "1.40", 2025: "1.05"}
IKU2_IMPROVED = {2022: 3, 2023: 2, 2024: 1, 2025: 2}
IKU3_FULL = {2021: (19, 380), 2022: (24, 400), 2023: (15, 420), 2024: (14, 450), 2025: (12, 480)}
RB_INDEX = {2021: 5820, 2022: 6120, 2023: 5840, 2024: 6510, 2025: 5500}  # cents
RB_COMPONENTS = [
    ("pengungkit", "Pemenuhan", 20), ("pengungkit", "Hasil Antara Area Perubahan", 10),
    ("pengungkit", "Reform", 30), ("hasil", "Akuntabilitas Kinerja dan Keuangan", 10),
    ("hasil", "Kualitas Pelayanan Publik", 10),
    ("hasil", "Pemerintah yang Bersih dan Bebas KKN", 10), ("hasil", "Kinerja Organisasi", 10),
]


def pct_half_up(num: int, den: int) -> str:
    """num / den * 100 rounded half up to 2 decimals, as a string like '1.30'."""
    return str((Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def cents(value: int) -> str:
    return f"{value // 100}.{value % 100:02d}"


def allocate(total: int, weights) -> list[int]:
    """Split an integer total in proportion to weights (largest remainder), exact sum."""
    w = np.asarray(weights, dtype=float)
    raw = total * w / w.sum()
    base = np.floor(raw).astype(int)
    order = np.argsort(-(raw - base), kind="stable")
    base[order[: total - base.sum()]] += 1
    return [int(x) for x in base]


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def make_penduduk(rng) -> dict[int, dict[int, int]]:
    """{year: {code: persons}} including the province row."""
    out = {}
    shares = np.array([s for _, _, s in AREAS])
    for year in YEARS:
        total = PROVINCE_TOTAL[year]
        weights = shares * rng.uniform(0.985, 1.015, len(AREAS))
        if year == 2021:
            area_sum = total
        else:  # BPS-like rounding gap between the areas and the total row
            gap = rng.uniform(0.0002, 0.0025) * rng.choice([-1, 1])
            area_sum = int(round(total * (1 + gap)))
        values = allocate(area_sum, weights)
        out[year] = {PROVINCE[0]: total}
        out[year].update({c: v for (c, _, _), v in zip(AREAS, values, strict=True)})
        diff = abs(sum(values) / total - 1)
        assert diff <= 0.003 and (diff == 0) == (year == 2021), (year, diff)
    return out


def make_tenaga_kerja(rng, penduduk) -> list[list]:
    rows = []
    for year in YEARS:
        pb = penduduk[year][PROVINCE[0]]
        total = int((Decimal(pb) * Decimal(IKU1[year]) / 100).to_integral_value(ROUND_HALF_UP))
        kop_total = int(round(total * rng.uniform(0.155, 0.195)))
        shares = np.array([s for _, _, s in AREAS])
        kop = allocate(kop_total, shares * rng.uniform(0.6, 1.4, len(AREAS)))
        ukm = allocate(total - kop_total, shares * rng.uniform(0.7, 1.3, len(AREAS)))
        for (code, name, _), k, u in zip(AREAS, kop, ukm, strict=True):
            rows.append([year, code, name, k, u])
        assert pct_half_up(sum(kop) + sum(ukm), pb) == IKU1[year], year
        assert 0.15 <= sum(kop) / total <= 0.20
    return rows


KOP_TEMPLATES = [
    ("KSP {a} {b}", 0.2), ("Koperasi Konsumen Pegawai {inst} {area}", 0.15),
    ("KUD {tani}", 0.15), ("Koperasi Produsen {kom} {area}", 0.2),
    ("KSU Nelayan {laut}", 0.1), ("Koperasi Syariah {syariah}", 0.1),
    ("Koperasi Serba Usaha {a} {b}", 0.1),
]
WORDS = {
    "a": ["Sejahtera", "Maju", "Karya", "Sinar", "Mitra", "Harapan", "Bina", "Citra", "Usaha"],
    "b": ["Bersama", "Mandiri", "Jaya", "Abadi", "Sentosa", "Utama", "Makmur", "Lestari"],
    "inst": ["Negeri", "Dinas Pendidikan", "RSUD", "Pemda", "Dinas Kesehatan"],
    "tani": ["Tani Makmur", "Sumber Tani", "Tani Jaya", "Harapan Tani", "Bumi Subur",
             "Padi Mas", "Sawah Lestari", "Tunas Harapan"],
    "kom": ["Kakao", "Kopra", "Cengkeh", "Rumput Laut", "Bawang Goreng", "Durian", "Kopi",
            "Sagu", "Padi", "Nilam"],
    "laut": ["Teluk Tomini", "Teluk Palu", "Selat Makassar", "Teluk Tolo", "Pesisir Togean",
             "Bahari Mandiri", "Samudra Jaya"],
    "syariah": ["Baitul Maal Palu", "Amanah Ummat", "Al-Ikhlas", "Berkah Madani",
                "Nurul Iman", "Al-Hijrah", "Barokah Sejahtera"],
}
KOP_AREA_WEIGHTS = {7271: 14, 7202: 5, 7208: 5, 7205: 4, 7210: 4, 7204: 4, 7203: 3, 7206: 3,
                    7212: 3, 7209: 2, 7207: 2, 7201: 2, 7211: 1}


def make_koperasi_identities(rng, n: int) -> list[tuple[str, str, int]]:
    codes = list(KOP_AREA_WEIGHTS)
    p = np.array(list(KOP_AREA_WEIGHTS.values()), dtype=float)
    tpl_p = np.array([w for _, w in KOP_TEMPLATES])
    names, niks, out = set(), set(), []
    while len(out) < n:
        code = int(rng.choice(codes, p=p / p.sum()))
        tpl = KOP_TEMPLATES[rng.choice(len(KOP_TEMPLATES), p=tpl_p / tpl_p.sum())][0]
        fill = {k: v[rng.integers(len(v))] for k, v in WORDS.items()}
        name = tpl.format(area=AREA_NAME[code].replace("Kota ", ""), **fill)
        nik = f"{code}{rng.integers(1, 20):02d}{rng.integers(0, 10**10):010d}"
        if name in names or nik in niks:
            continue
        names.add(name)
        niks.add(nik)
        out.append((nik, name, code))
    return out


def step(rng, kind: str, vol: int, aset: int) -> tuple[str, int, int]:
    """Next year's (rat, volume, aset) for an outcome kind, values rounded to Rp1.000."""
    def up(x, hi=1.12):
        return int(round(x * rng.uniform(1.01, hi), -3))

    def down(x, lo=0.86):
        return int(round(x * rng.uniform(lo, 0.97), -3))

    if kind == "naik":
        return "ya", up(vol, 1.15), up(aset, 1.10)
    if kind == "tanpa_rat":
        return "tidak", up(vol), up(aset)
    if kind == "volume_turun":
        return "ya", down(vol), up(aset)
    if kind == "aset_turun":
        return "ya", up(vol), down(aset, 0.88)
    if kind == "volume_sama":
        return "ya", vol, up(aset)
    if kind == "dua_gagal":
        if rng.random() < 0.5:
            return "tidak", down(vol), up(aset)
        return "ya", down(vol), down(aset, 0.88)
    if kind == "nyaris":  # one criterion missed by 1-3 %
        if rng.random() < 0.7:
            return "ya", int(round(vol * rng.uniform(0.97, 0.99), -3)), up(aset, 1.08)
        return "ya", up(vol, 1.08), int(round(aset * rng.uniform(0.98, 0.99), -3))
    raise ValueError(kind)


def add_triwulan(rows: list[list], rng, p: list[float]) -> list[list]:
    """Append the quarter (1-4) each row was collected in; values from ``rng`` only."""
    tw = rng.choice([1, 2, 3, 4], size=len(rows), p=p)
    return [[*r, int(t)] for r, t in zip(rows, tw, strict=True)]


def make_koperasi(rng) -> list[list]:
    ident = make_koperasi_identities(rng, 52)
    new_ids = {ident[50][0], ident[51][0]}  # appear from 2022
    state = {}  # nik -> (vol, aset)
    rows = []
    for nik, _, _ in ident:  # log-uniform base values, wide enough for any growth path
        vol = np.exp(rng.uniform(np.log(5e8), np.log(2e10)))
        aset = vol * rng.uniform(0.3, 0.9)
        state[nik] = (int(round(vol, -3)), int(round(min(max(aset, 2e8), 1.2e10), -3)))
    fails = ["tanpa_rat", "volume_turun", "aset_turun", "dua_gagal"]
    for year in YEARS:
        present = [i for i in ident if year > 2021 or i[0] not in new_ids]
        if year == 2021:
            for nik, name, code in present:
                rat = "ya" if rng.random() < 0.8 else "tidak"
                rows.append([year, nik, name, code, rat, *state[nik]])
            continue
        eligible = [i[0] for i in present if not (year == 2022 and i[0] in new_ids)]
        order = list(rng.permutation(eligible))
        kinds = {}
        n_up = IKU2_IMPROVED[year]
        special = (["volume_sama"] if year in (2022, 2024) else []) + (
            ["nyaris"] * 5 if year == 2025 else [])
        for k, nik in enumerate(order):
            if k < n_up:
                kinds[nik] = "naik"
            elif k < n_up + len(special):
                kinds[nik] = special[k - n_up]
            else:
                kinds[nik] = fails[int(rng.choice(4, p=[0.25, 0.3, 0.3, 0.15]))]
        for nik, name, code in present:
            if nik not in kinds:  # new koperasi, first year on record
                rows.append([year, nik, name, code, "ya", *state[nik]])
                continue
            rat, vol, aset = step(rng, kinds[nik], *state[nik])
            state[nik] = (vol, aset)
            rows.append([year, nik, name, code, rat, vol, aset])
    rows.sort(key=lambda r: (r[0], r[1]))
    check_koperasi(rows)
    return rows


def check_koperasi(rows: list[list]) -> None:
    prev = {(r[0], r[1]): r for r in rows}
    for year in YEARS:
        cur = [r for r in rows if r[0] == year]
        assert len(cur) == (50 if year == 2021 else 52), year
        assert all(2e8 <= r[5] <= 4e10 and 1e8 <= r[6] <= 2.5e10 for r in cur), year
        if year == 2021:
            continue
        improved = sum(
            1 for r in cur if (p := prev.get((year - 1, r[1]))) and r[4] == "ya"
            and r[5] > p[5] and r[6] > p[6])
        assert improved == IKU2_IMPROVED[year], (year, improved)
    assert len({r[2] for r in rows}) == 52 and len({r[1] for r in rows}) == 52


UK_PREFIX = ["UD", "Toko", "Toko Kelontong", "Bengkel Las", "Bengkel Motor", "Kios",
             "Warung Makan", "Rumah Makan", "CV", "Usaha Tenun Donggala", "Konveksi",
             "Percetakan", "Depot Air Minum", "Toko Bangunan", "Katering", "Salon",
             "Penggilingan Padi", "Kios Bawang Goreng", "Keripik Pisang", "Abon Ikan",
             "Kue Tradisional", "Meubel", "Toko Pertanian", "Kopi Bubuk"]
UK_SUFFIX = ["Sumber Rejeki", "Maju Jaya", "Ibu Ani", "Pak Haris", "Berkah", "Cahaya Baru",
             "Sinar Palu", "Tadulako", "Kaili Indah", "Lestari", "Karya Mandiri", "Dua Putri",
             "Sejahtera", "Anugerah", "Bintang Timur", "Mutiara Tomini", "Rezeki Halal",
             "Ibu Fatma", "Pak Yusuf", "Teluk Indah", "Sulteng Jaya", "Ibu Nurhayati",
             "Pak Rahman", "Sinar Harapan", "Bunga Tanjung", "Amanah"]


def smallest_pair(pct: str, min_rows: int = 20) -> tuple[int, int]:
    """Smallest (ya, rows) with rows >= min_rows whose share rounds to pct."""
    for n in range(min_rows, 1000):
        for k in range(1, n):
            got = Decimal(pct_half_up(k, n))
            if got == Decimal(pct):
                return k, n
            if got > Decimal(pct):
                break
    raise ValueError(pct)


def make_usaha_kecil(rng, mini: bool) -> list[list]:
    rows = []
    codes = [c for c, _, _ in AREAS]
    p = np.array([s for _, _, s in AREAS])
    for year in YEARS:
        ya, n = IKU3_FULL[year]
        if mini:
            ya, n = smallest_pair(pct_half_up(ya, n))
        ya_idx = set(rng.choice(n, size=ya, replace=False).tolist())
        for i in range(n):
            name = f"{UK_PREFIX[rng.integers(len(UK_PREFIX))]} " \
                   f"{UK_SUFFIX[rng.integers(len(UK_SUFFIX))]}"
            code = int(rng.choice(codes, p=p / p.sum()))
            rows.append([year, f"UK-{year}-{i + 1:04d}", name, code,
                         "ya" if i in ya_idx else "tidak"])
        got = pct_half_up(sum(r[4] == "ya" for r in rows[-n:]), n)
        assert got == pct_half_up(*IKU3_FULL[year]), (year, got)
    return rows


def make_komponen_rb(rng) -> list[list]:
    rows = []
    for year in YEARS:
        ratios = RB_INDEX[year] / 10000 * rng.uniform(0.85, 1.15, len(RB_COMPONENTS))
        weights = [b * r for (_, _, b), r in zip(RB_COMPONENTS, ratios, strict=True)]
        values = allocate(RB_INDEX[year], weights)
        assert sum(values) == RB_INDEX[year]
        for (kel, kom, bobot), v in zip(RB_COMPONENTS, values, strict=True):
            assert 0 <= v <= bobot * 100, (year, kom, v)
            rows.append([year, kel, kom, bobot, cents(v)])
    return rows


def read_renstra() -> dict[tuple[str, int], str]:
    """{(kode_iku, tahun): target text} from the official data/target_iku.csv."""
    with (ROOT / "data" / "target_iku.csv").open(encoding="utf-8") as f:
        return {(r["kode_iku"], int(r["tahun"])): r["target"] for r in csv.DictReader(f)}


PK_YEARS = [2022, 2023, 2024, 2025]
PK_CHANGED = {("IKU1", 2025): "1.50"}  # the one PK target that differs from the Renstra


def make_perjanjian_kinerja() -> list[list]:
    renstra = read_renstra()
    rows = []
    for year in PK_YEARS:
        for kode in ("IKU1", "IKU2", "IKU3", "IKU4"):
            target = PK_CHANGED.get((kode, year), renstra[(kode, year)])
            t = Decimal(target)
            # Every IKU's quarterly realisasi is comparable with the year's target at
            # every quarter: IKU1 and IKU4 are point values, IKU2 and IKU3 the share among
            # the units evaluated so far (a rising Rencana Aksi target would be read as
            # progress and is warned about). So the year's target in every quarter.
            tw = [str(t.quantize(Decimal("0.01")))] * 4
            assert Decimal(tw[3]) == t, (kode, year, tw)
            rows.append([year, kode, str(t.quantize(Decimal("0.01"))), *tw])
    return rows


PROG_PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah Provinsi"
PROG_PENGAWASAN = "Program Pengawasan dan Pemeriksaan Koperasi"
PROG_PEMBERDAYAAN_KOP = "Program Pemberdayaan dan Perlindungan Koperasi"
PROG_DIKLAT = "Program Pendidikan dan Latihan Perkoperasian"
PROG_PEMBERDAYAAN_UMKM = "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)"
PROG_PENGEMBANGAN_UMKM = "Program Pengembangan UMKM"
KEG_PERENCANAAN = "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
KEG_PEMBERDAYAAN_UK = ("Pemberdayaan Usaha Kecil melalui Pendataan, Kemitraan, Kemudahan "
                       "Perizinan dan Penguatan Kelembagaan")
# kode_rekening, program, kegiatan, sub_kegiatan, kode_iku ("" = penunjang), pagu (juta Rp)
BUDGET_LINES = [
    ("2.17.01.1.01.01", PROG_PENUNJANG, KEG_PERENCANAAN,
     "Penyusunan Dokumen Perencanaan Perangkat Daerah", "", 350),
    ("2.17.01.1.01.07", PROG_PENUNJANG, KEG_PERENCANAAN, "Evaluasi Kinerja Perangkat Daerah",
     "IKU4", 250),
    ("2.17.01.1.02.01", PROG_PENUNJANG, "Administrasi Keuangan Perangkat Daerah",
     "Penyediaan Gaji dan Tunjangan ASN", "", 7600),
    ("2.17.01.1.05.09", PROG_PENUNJANG, "Administrasi Kepegawaian Perangkat Daerah",
     "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "IKU4", 300),
    ("2.17.01.1.06.04", PROG_PENUNJANG, "Administrasi Umum Perangkat Daerah",
     "Penyediaan Bahan Logistik Kantor", "", 420),
    ("2.17.01.1.08.02", PROG_PENUNJANG, "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
     "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "", 610),
    ("2.17.03.1.01.01", PROG_PENGAWASAN,
     "Pemeriksaan dan Pengawasan Koperasi Lintas Daerah Kabupaten/Kota",
     "Pemeriksaan dan Pengawasan Koperasi dan Unit Simpan Pinjam Koperasi", "IKU2", 450),
    ("2.17.05.1.01.01", PROG_PEMBERDAYAAN_KOP,
     "Pemberdayaan dan Perlindungan Koperasi Lintas Daerah Kabupaten/Kota",
     "Peningkatan Produktivitas, Nilai Tambah, Akses Pasar dan Akses Pembiayaan Koperasi",
     "IKU2", 700),
    ("2.17.06.1.01.01", PROG_DIKLAT, "Pendidikan dan Latihan Perkoperasian Lintas Daerah",
     "Peningkatan Kapasitas dan Kompetensi SDM Koperasi", "IKU2", 500),
    ("2.17.08.1.01.01", PROG_PEMBERDAYAAN_UMKM, KEG_PEMBERDAYAAN_UK,
     "Fasilitasi Kemudahan Perizinan Berusaha bagi Usaha Kecil", "IKU3", 400),
    ("2.17.08.1.01.02", PROG_PEMBERDAYAAN_UMKM, KEG_PEMBERDAYAAN_UK,
     "Pelatihan Kewirausahaan dan Peningkatan Kapasitas Usaha Kecil", "IKU3", 850),
    ("2.17.08.1.01.03", PROG_PEMBERDAYAAN_UMKM, KEG_PEMBERDAYAAN_UK,
     "Fasilitasi Kemitraan dan Akses Pembiayaan Usaha Kecil", "IKU3", 500),
    ("2.17.09.1.01.01", PROG_PENGEMBANGAN_UMKM,
     "Pengembangan Usaha Kecil Menuju Skala Usaha Menengah",
     "Fasilitasi Pengembangan Produk dan Pemasaran UMKM", "IKU1", 600),
    ("2.17.09.1.01.02", PROG_PENGEMBANGAN_UMKM,
     "Pengembangan Usaha Kecil Menuju Skala Usaha Menengah",
     "Pendataan Tenaga Kerja Sektor Koperasi dan UKM", "IKU1", 200),
]


def make_anggaran(rng) -> list[list]:
    rows = []
    for year in PK_YEARS:
        for kode_rek, prog, keg, sub, iku, juta in BUDGET_LINES:
            pagu = int(round(juta * 1_000_000 * rng.uniform(0.92, 1.08), -3))
            low = 0.95 if iku == "" else 0.82  # salaries and office costs are spent
            realisasi = int(round(pagu * rng.uniform(low, 0.99)))
            assert 0 < realisasi <= pagu
            rows.append([year, kode_rek, prog, keg, sub, iku, pagu, realisasi])
    for year in PK_YEARS:
        total = sum(r[6] for r in rows if r[0] == year)
        assert 12_000_000_000 <= total <= 15_500_000_000, (year, total)
    assert len(BUDGET_LINES) == 14 and {r[5] for r in rows} == {"", "IKU1", "IKU2", "IKU3",
                                                                "IKU4"}
    return rows


# plausible national levels per IKU (sample, not official): (low, high), 2 decimals
PEMBANDING_RANGE = {"IKU1": (1.10, 1.60), "IKU2": (3.00, 6.00), "IKU3": (3.00, 6.00),
                    "IKU4": (60.00, 70.00)}
PEMBANDING_SOURCE = ("CONTOH sintetis, bukan angka nasional "
                     "resmi; ganti dengan angka Kementerian Koperasi dan UKM atau KemenPANRB")


def make_pembanding(rng) -> list[list]:
    rows = []
    for year in PK_YEARS:
        for kode, (low, high) in PEMBANDING_RANGE.items():
            cents_value = int(rng.integers(int(low * 100), int(high * 100) + 1))
            rows.append([year, kode, "Nasional (contoh)", cents(cents_value), PEMBANDING_SOURCE])
    return rows


NARASI_2025 = """\
> CONTOH: teks ini adalah contoh narasi analis, bukan narasi resmi.

## Kata Pengantar

Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas tersusunnya Laporan Kinerja \
Instansi Pemerintah (LKjIP) Dinas Koperasi, Usaha Kecil dan Menengah Provinsi Sulawesi \
Tengah Tahun 2025. Laporan ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan \
tugas dan fungsi Dinas dalam mencapai sasaran strategis yang ditetapkan dalam Rencana \
Strategis 2021–2026 dan Perjanjian Kinerja tahun 2025, sesuai Peraturan Menteri PANRB \
Nomor 53 Tahun 2014.

Laporan ini memuat capaian empat Indikator Kinerja Utama, analisis keberhasilan dan \
hambatannya, serta langkah perbaikan yang akan ditempuh. Kami berharap laporan ini menjadi \
bahan evaluasi dan umpan balik bagi peningkatan kinerja Dinas pada tahun-tahun berikutnya. \
(CONTOH)

## Latar Belakang

Koperasi dan usaha mikro, kecil dan menengah menyerap sebagian besar tenaga kerja di \
Provinsi Sulawesi Tengah. Pemerintah Provinsi menempatkan pemberdayaan koperasi dan UKM \
sebagai salah satu jalan untuk memperluas kesempatan kerja dan pemerataan pendapatan. \
Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) mewajibkan setiap perangkat \
daerah melaporkan capaian kinerjanya setiap tahun. (CONTOH)

## Tugas dan Fungsi

Dinas Koperasi, Usaha Kecil dan Menengah melaksanakan urusan pemerintahan bidang koperasi \
dan usaha kecil menengah yang menjadi kewenangan provinsi, meliputi perizinan, pengawasan \
dan pemeriksaan koperasi, pendidikan dan pelatihan perkoperasian, pemberdayaan dan \
perlindungan koperasi, serta pengembangan usaha kecil. (CONTOH)

## Struktur Organisasi

Dinas dipimpin oleh Kepala Dinas yang dibantu Sekretaris dan para Kepala Bidang: Bidang \
Kelembagaan dan Pengawasan Koperasi, Bidang Pemberdayaan Koperasi, dan Bidang Usaha Kecil \
dan Menengah, serta Unit Pelaksana Teknis Daerah. (CONTOH)

## Isu Strategis

Isu strategis periode Renstra meliputi rendahnya kualitas kelembagaan koperasi, \
terbatasnya akses usaha kecil pada permodalan dan pasar, serta belum optimalnya tata \
kelola perangkat daerah. (CONTOH)

## Penyebab keberhasilan/kegagalan dan solusi

### IKU1
Proporsi tenaga kerja sektor koperasi dan UKM turun karena tenaga kerja KUKM yang terdata \
berkurang 5.458 orang, terbesar di Sigi, Toli-Toli, Kota Palu dan Poso; hanya Morowali dan \
Buol yang bertambah. Pendataan tenaga kerja koperasi di beberapa kabupaten juga belum \
lengkap. Solusinya, Dinas bersama kabupaten/kota memutakhirkan data tenaga kerja KUKM \
setiap semester dan menelusuri penurunan di empat daerah tersebut.

### IKU2
Dua koperasi meningkat kualitasnya sehingga target tercapai. Beberapa koperasi lain nyaris \
memenuhi kriteria, tetapi volume usahanya sedikit turun. Pendampingan RAT dan penyusunan \
rencana usaha akan difokuskan pada koperasi tersebut.

### IKU3
Usaha kecil yang menjadi wirausaha mapan masih sedikit karena keterbatasan akses \
permodalan dan pasar. Solusinya adalah kurasi produk dan fasilitasi kemitraan dengan \
lembaga pembiayaan.

### IKU4
Indeks RB turun terutama pada komponen Pemenuhan dan Reform. Rencana aksi RB akan dipantau \
setiap triwulan oleh tim RB Dinas.

## Efisiensi penggunaan sumber daya

Realisasi anggaran program pemberdayaan koperasi dan UMKM mencapai sebagian besar pagu, \
namun capaian IKU 1, IKU 3 dan IKU 4 belum sebanding dengan anggaran yang terserap. Pelatihan \
dilaksanakan secara daring bagi peserta dari kabupaten jauh untuk menekan biaya \
perjalanan.

## Program dan kegiatan pendukung

Program Pengawasan dan Pemeriksaan Koperasi, Program Pemberdayaan dan Perlindungan \
Koperasi serta Program Pendidikan dan Latihan Perkoperasian mendukung IKU 2 melalui \
pemeriksaan koperasi, fasilitasi RAT dan pelatihan pengelola. Program Pemberdayaan UMKM \
mendukung IKU 3 melalui pelatihan kewirausahaan, fasilitasi perizinan dan kemitraan. \
Program Pengembangan UMKM mendukung IKU 1 melalui pengembangan produk dan pemasaran serta \
pendataan tenaga kerja KUKM. IKU 4 didukung kegiatan evaluasi kinerja serta pendidikan dan \
pelatihan pegawai pada Program Penunjang Urusan Pemerintahan Daerah. Keterbatasan tenaga \
pendamping di kabupaten kepulauan menjadi faktor penghambat.

## Penutup

Capaian tahun 2025 menunjukkan bahwa target kualitas koperasi tercapai, sedangkan proporsi \
tenaga kerja koperasi dan UKM, usaha kecil yang menjadi wirausaha dan indeks reformasi \
birokrasi masih di bawah target. Pada tahun 2026 Dinas akan memutakhirkan data tenaga \
kerja KUKM setiap semester, memperluas pendampingan koperasi, dan memantau rencana aksi \
reformasi birokrasi setiap triwulan. (CONTOH)
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Buat data contoh (sintetis) untuk IKU.")
    parser.add_argument("--keluar", type=Path, help="folder keluaran")
    parser.add_argument("--mini", action="store_true", help="versi kecil untuk fixture tes")
    parser.add_argument("--seed", type=int, default=20260127)
    args = parser.parse_args(argv)
    out = args.keluar or (ROOT / ("tests/fixtures/data_mini" if args.mini else "data"))

    def rng(table: int):
        return np.random.default_rng([args.seed, table])

    penduduk = make_penduduk(rng(1))
    pb_rows = [[y, c, AREA_NAME.get(c, PROVINCE[1]), v]
               for y in YEARS for c, v in sorted(penduduk[y].items())]
    written = [
        write_csv(out / "penduduk_bekerja.csv",
                  ["tahun", "kode_wilayah", "nama_wilayah", "penduduk_bekerja"], pb_rows),
        write_csv(out / "tenaga_kerja_kukm.csv",
                  ["tahun", "kode_wilayah", "nama_wilayah", "tenaga_kerja_koperasi",
                   "tenaga_kerja_ukm"], make_tenaga_kerja(rng(2), penduduk)),
        write_csv(out / "evaluasi_koperasi.csv",
                  ["tahun", "nomor_induk_koperasi", "nama_koperasi", "kode_wilayah", "rat",
                   "volume_usaha", "aset", "triwulan"],
                  add_triwulan(make_koperasi(rng(3)), rng(7), [0.45, 0.35, 0.12, 0.08])),
        write_csv(out / "evaluasi_usaha_kecil.csv",
                  ["tahun", "id_usaha", "nama_usaha", "kode_wilayah", "menjadi_wirausaha",
                   "triwulan"],
                  add_triwulan(make_usaha_kecil(rng(4), args.mini), rng(8),
                               [0.22, 0.26, 0.27, 0.25])),
        write_csv(out / "indeks_rb.csv", ["tahun", "indeks"],
                  [[y, cents(RB_INDEX[y])] for y in YEARS]),
        write_csv(out / "komponen_rb.csv", ["tahun", "kelompok", "komponen", "bobot", "nilai"],
                  make_komponen_rb(rng(5))),
        write_csv(out / "perjanjian_kinerja.csv",
                  ["tahun", "kode_iku", "target", "target_tw1", "target_tw2", "target_tw3",
                   "target_tw4"], make_perjanjian_kinerja()),
        write_csv(out / "anggaran.csv",
                  ["tahun", "kode_rekening", "program", "kegiatan", "sub_kegiatan", "kode_iku",
                   "pagu", "realisasi"], make_anggaran(rng(6))),
        write_csv(out / "pembanding.csv", ["tahun", "kode_iku", "pembanding", "nilai", "sumber"],
                  make_pembanding(rng(9))),
    ]
    if not args.mini:
        narasi = out / "narasi" / "2025.md"
        narasi.parent.mkdir(parents=True, exist_ok=True)
        narasi.write_text(NARASI_2025, encoding="utf-8")
        written.append(narasi)
    print(f"Data contoh (sintetis, seed {args.seed}) ditulis ke {out}:")
    for path in written:
        print(f"  - {path.relative_to(out)}")


if __name__ == "__main__":
    main()
