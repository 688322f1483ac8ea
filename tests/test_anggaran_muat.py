"""The LKjIP inputs through the loader: refusals name file, row and column; the budget
summary on loaded data gives the hand-worked numbers.

The hand-made folder of conftest.py gives for 2025 (targets IKU1 1,60, IKU2 30, IKU3 50,
IKU4 68): capaian IKU1 1,60/1,60 = 100,00; IKU2 25,00/30 = 83,33; IKU3 37,50/50 = 75,00;
IKU4 70/68 = 102,94. Budget 2025 below:

    IKU1  pagu 1.000.000 (written the Indonesian way)  realisasi   900.000 -> serapan 90,00
          indeks 100,00 / 90,00 = 1,111 -> 1,11
    IKU2  pagu 2.000.000  realisasi 1.000.000 -> serapan 50,00; 83,33 / 50 = 1,6666 -> 1,67
    penunjang pagu 1.000.000, realisasi 1.000.000
    total 4.000.000 / 2.900.000 -> 72,50; IKU1 25,00 % of the budget, IKU2 50,00 %
"""

from __future__ import annotations

import pytest
import yaml
from conftest import tulis_folder_data

from iku_helpers import DataIKUError, anggaran, cli, muat_data
from iku_helpers.hitung import hitung_iku

ANGGARAN = [
    "tahun,kode_rekening,program,kegiatan,sub_kegiatan,kode_iku,pagu,realisasi",
    '2025,1.01,Program A,Kegiatan A,Sub A,IKU1,"1.000.000",900000',
    "2025,2.01,Program B,Kegiatan B,Sub B,IKU2,2000000,1000000",
    "2025,9.01,Penunjang,Kegiatan P,Sub P,,1000000,1000000",
]
PK = ["tahun,kode_iku,target,target_tw1,target_tw2,target_tw3,target_tw4",
      "2025,IKU2,30,10,20,30,30"]
PEMBANDING = ["tahun,kode_iku,pembanding,nilai,sumber",
              "2025,IKU3,Nasional,40.25,Sumber uji"]


def _folder(tmp_path, **ubah):
    tabel = {"anggaran.csv": ANGGARAN, "perjanjian_kinerja.csv": PK,
             "pembanding.csv": PEMBANDING}
    tabel.update({f"{k}.csv": v for k, v in ubah.items()})
    folder = tulis_folder_data(tmp_path / "data", tabel)
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text(encoding="utf-8"))
    for kunci in ("anggaran", "perjanjian_kinerja", "pembanding"):
        manifest["data"][kunci] = {"berkas": f"{kunci}.csv", "sumber": "Data uji",
                                   "status": "contoh"}
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return folder


def test_ringkasan_dari_data_termuat(tmp_path):
    data = muat_data(_folder(tmp_path))
    hasil = hitung_iku(2025, data)
    assert hasil.tabel["capaian_persen"].tolist() == [100.0, 83.33, 75.0, 102.94]
    r = anggaran.ringkas_anggaran(data.tabel["anggaran"], hasil.tabel, 2025,
                                  berkas=data.berkas("anggaran"))
    t = r.per_iku.set_index("kode_iku")
    assert t.loc["IKU1", ["pagu", "realisasi"]].tolist() == [1_000_000, 900_000]
    assert t.loc["IKU1", "serapan_persen"] == 90.0 and t.loc["IKU1", "indeks_efisiensi"] == 1.11
    assert t.loc["IKU2", "serapan_persen"] == 50.0 and t.loc["IKU2", "indeks_efisiensi"] == 1.67
    assert t.loc[["IKU1", "IKU2"], "porsi_anggaran_persen"].tolist() == [25.0, 50.0]
    assert r.total_serapan_persen == 72.5
    assert r.kalimat == [
        "IKU3 dan IKU4 tidak memiliki baris anggaran tahun 2025 di berkas 'anggaran.csv', "
        "sehingga serapan dan efisiensinya tidak dapat dihitung.",
        "Anggaran telah terserap tetapi target tidak tercapai pada IKU 2 (serapan 50,00%, "
        "capaian 83,33%)."]
    p = anggaran.bandingkan(hasil.tabel, data.tabel["pembanding"], 2025)
    assert p.tabel[["kode_iku", "realisasi", "nilai", "selisih"]].values.tolist() == [
        ["IKU3", 37.5, 40.25, -2.75]]
    assert p.kalimat_tanpa_pembanding.endswith("tahun 2025 untuk IKU1, IKU2 dan IKU4.")
    ringkas = hasil.ringkasan.set_index("kode_iku")
    kalimat = {k: anggaran.kalimat_target_pk(2025, ringkas.loc[k, "target"],
                                             ringkas.loc[k, "target_renstra"])
               for k in ringkas.index}
    assert set(kalimat.values()) == {anggaran.KALIMAT_PK_SAMA}  # PK IKU2 30 = Renstra 30


@pytest.mark.parametrize(("tabel", "nomor", "baris_baru", "berkas", "kolom", "potongan"), [
    ("anggaran", 3, "2025,2.01,Program B,Kegiatan B,Sub B,IKU2,-2000000,1000000",
     "anggaran.csv", "pagu", "negatif"),
    ("anggaran", 3, "2025,2.01,Program B,Kegiatan B,Sub B,IKU2,2000000,1000000.50",
     "anggaran.csv", "realisasi", "bulat"),
    ("anggaran", 4, "2025,9.01,Penunjang,Kegiatan P,Sub P,IKU7,1000000,1000000",
     "anggaran.csv", "kode_iku", "tidak ada di katalog"),
    ("anggaran", 4, "2025,2.01,Penunjang,Kegiatan P,Sub P,,1000000,1000000",
     "anggaran.csv", "kode_rekening", "kunci ganda"),
    ("anggaran", 2, "2025,1.01,,Kegiatan A,Sub A,IKU1,1000000,900000",
     "anggaran.csv", "program", "sel kosong"),
    ("perjanjian_kinerja", 2, "2021,IKU2,30,10,20,30,30",
     "perjanjian_kinerja.csv", "tahun", "di luar periode Renstra"),
    ("perjanjian_kinerja", 2, "2025,IKU2,tiga puluh,10,20,30,30",
     "perjanjian_kinerja.csv", "target", "bukan angka"),
    ("pembanding", 2, "2025,IKU3,Nasional,40.25,",
     "pembanding.csv", "sumber", "sel kosong"),
])
def test_masukan_buruk_ditolak_dengan_lokasi(tmp_path, tabel, nomor, baris_baru, berkas, kolom,
                                             potongan):
    baris = {"anggaran": ANGGARAN, "perjanjian_kinerja": PK, "pembanding": PEMBANDING}[tabel]
    baris = list(baris)
    baris[nomor - 1] = baris_baru
    with pytest.raises(DataIKUError) as e:
        muat_data(_folder(tmp_path, **{tabel: baris}))
    assert (e.value.berkas, e.value.baris, e.value.kolom) == (berkas, nomor, kolom)
    assert potongan in str(e.value)


def test_realisasi_melebihi_pagu_diterima_dengan_peringatan(tmp_path):
    baris = list(ANGGARAN)
    baris[2] = "2025,2.01,Program B,Kegiatan B,Sub B,IKU2,2000000,2500000"
    data = muat_data(_folder(tmp_path, anggaran=baris))
    lebih = [p for p in data.peringatan if getattr(p, "kolom", None) == "realisasi"]
    assert [(p.berkas, p.baris) for p in lebih] == [("anggaran.csv", 3)]
    r = anggaran.ringkas_anggaran(data.tabel["anggaran"], hitung_iku(2025, data).tabel, 2025)
    assert r.per_iku.set_index("kode_iku").loc["IKU2", "serapan_persen"] == 125.0


@pytest.mark.parametrize("strip", ["-", " - ", "\u2013", "\u2014"])
def test_kode_iku_strip_adalah_baris_penunjang(tmp_path, strip):
    """A support line whose kode_iku is "-" (or an en/em dash), as clerks write "nothing",
    is the empty-code line of the hand-worked budget: the same total 4.000.000 /
    2.900.000 (72,50 %), IKU1 25,00 % and IKU2 50,00 % of it; nothing to warn about."""
    baris = list(ANGGARAN)
    baris[3] = f"2025,9.01,Penunjang,Kegiatan P,Sub P,{strip},1000000,1000000"
    data = muat_data(_folder(tmp_path, anggaran=baris))
    assert data.tabel["anggaran"]["kode_iku"].tolist() == ["IKU1", "IKU2", ""]
    assert [p for p in data.peringatan if getattr(p, "kolom", None) == "kode_iku"] == []
    r = anggaran.ringkas_anggaran(data.tabel["anggaran"], hitung_iku(2025, data).tabel, 2025)
    assert r.total_serapan_persen == 72.5
    t = r.per_iku.set_index("kode_iku")
    assert t.loc[["IKU1", "IKU2"], "porsi_anggaran_persen"].tolist() == [25.0, 50.0]


def test_strip_di_kolom_kode_wajib_tetap_ditolak(tmp_path):
    """Only the optional code column reads a dash as empty: a PK row for IKU "-" is not an
    IKU of the catalog."""
    with pytest.raises(DataIKUError) as e:
        muat_data(_folder(tmp_path, perjanjian_kinerja=[PK[0], "2025,-,30,10,20,30,30"]))
    assert (e.value.berkas, e.value.baris, e.value.kolom) == ("perjanjian_kinerja.csv", 2,
                                                              "kode_iku")


def test_nama_program_beda_huruf_besar_kecil_diperingatkan_di_hasil(tmp_path):
    """A second Program A line (row 5) spelt "program a": one program of 1.000.000 +
    500.000 = 1.500.000 pagu, 900.000 + 400.000 = 1.300.000 realisasi -> 86,666.. -> 86,67,
    and the warning reaches the results' warnings (log and Lampiran)."""
    baris = [*ANGGARAN, "2025,1.02,program a,Kegiatan A,Sub A2,IKU1,500000,400000"]
    data = muat_data(_folder(tmp_path, anggaran=baris))
    hasil = hitung_iku(2025, data)
    p = hasil.anggaran.per_program.set_index("program")
    assert list(p.index) == ["Program A", "Program B", "Penunjang"]
    assert p.loc["Program A"].tolist() == [1_500_000, 1_300_000, 86.67]
    ejaan = [w for w in hasil.peringatan if getattr(w, "kolom", None) == "program"]
    assert len(ejaan) == 1 and ejaan[0].berkas == "anggaran.csv"
    assert "'Program A' (baris 2)" in ejaan[0] and "'program a' (baris 5)" in ejaan[0]


def test_cli_keluar_2_tanpa_menulis(tmp_path, capsys):
    baris = list(ANGGARAN)
    baris[1] = "2025,1.01,Program A,Kegiatan A,Sub A,IKU9,1000000,900000"
    folder = _folder(tmp_path, anggaran=baris)
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    kode = cli.main(["--tahun", "2025", "--data-dir", str(folder), "--output-dir", str(keluar)])
    assert kode == 2
    galat = capsys.readouterr().err
    assert "'anggaran.csv', baris 2, kolom 'kode_iku'" in galat
    assert list(keluar.rglob("*")) == []
