"""The manifest and catalog are read strictly: safe YAML (duplicate keys, aliases, size,
encoding) and a schema (unknown keys, types, ranges), every message naming the file,
the key path and the line."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, tulis_folder_data

from iku_helpers import compute_results, muat_data
from iku_helpers.data_iku import TABEL_OPSIONAL, TABEL_WAJIB, baca_katalog, baca_manifest
from iku_helpers.errors import DataIKUError
from iku_helpers.konfigurasi import BagianData, periksa_manifest
from iku_helpers.yaml_aman import MAKS_ALIAS, DokumenYaml, muat_yaml


def _tulis(tmp_path: Path, teks: str, nama: str = "x.yaml") -> Path:
    p = tmp_path / nama
    p.write_text(textwrap.dedent(teks), encoding="utf-8")
    return p


def _galat(fungsi, *arg) -> DataIKUError:
    with pytest.raises(DataIKUError) as e:
        fungsi(*arg)
    return e.value


# --------------------------------------------------------------------------- safe YAML
def test_duplicate_key_names_path_and_both_lines(tmp_path):
    p = _tulis(tmp_path, """\
        data:
          indeks_rb:
            berkas: indeks_rb.csv
            status: resmi
            status: contoh
        """)
    e = _galat(muat_yaml, p, "x.yaml")
    assert (e.berkas, e.baris, e.kolom) == ("x.yaml", 5, "data.indeks_rb.status")
    assert "dua kali" in str(e) and "baris 4" in str(e)


def test_duplicate_key_inside_a_list_item(tmp_path):
    p = _tulis(tmp_path, """\
        iku:
          - kode_iku: IKU1
            arah: naik
          - kode_iku: IKU2
            arah: naik
            arah: turun
        """)
    e = _galat(muat_yaml, p, "x.yaml")
    assert (e.baris, e.kolom) == (6, "iku.2.arah")


def test_alias_bomb_refused_quickly(tmp_path):
    tingkat = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        tingkat.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    p = _tulis(tmp_path, "\n".join(tingkat) + "\n")
    e = _galat(muat_yaml, p, "x.yaml")
    assert "alias" in str(e) and e.baris == 3  # 9 aliases per line: the 11th is on line 3


def test_a_few_aliases_are_fine(tmp_path):
    p = _tulis(tmp_path, "a: &s resmi\nb: *s\n")
    assert muat_yaml(p, "x.yaml").isi == {"a": "resmi", "b": "resmi"}
    assert MAKS_ALIAS >= 1


@pytest.mark.parametrize("teks, pesan, baris", [
    ("a: 1\nb: [1, 2\nc: 3\n", "YAML tidak sah", 3),
    ("a: 1\n  b: 2\n", "YAML tidak sah", 2),
    ("", "berkas kosong", None),
    ("# hanya komentar\n", "berkas kosong", None),
    ("- satu\n- dua\n", "pemetaan", 1),
    ("sekadar teks\n", "pemetaan", 1),
])
def test_invalid_documents_have_indonesian_messages(tmp_path, teks, pesan, baris):
    p = tmp_path / "x.yaml"
    p.write_text(teks, encoding="utf-8")
    e = _galat(muat_yaml, p, "x.yaml")
    assert pesan in str(e) and e.baris == baris and e.berkas == "x.yaml"
    assert "Error" not in str(e) and "expected" not in str(e)


def test_not_utf8_names_the_line(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_bytes("a: 1\nb: Se\u00f1or\n".encode("latin-1"))
    e = _galat(muat_yaml, p, "x.yaml")
    assert "UTF-8" in str(e) and e.baris == 2


def test_document_size_limit(tmp_path):
    p = _tulis(tmp_path, "a: " + "x" * 5000 + "\n")
    assert "batas" in str(_galat(muat_yaml, p, "x.yaml", 1024))


def test_line_map_points_at_keys(tmp_path):
    p = _tulis(tmp_path, "a: 1\nb:\n  c: 2\n  d: [1, 2]\n")
    dok = muat_yaml(p, "x.yaml")
    assert dok.baris[("b", "c")] == 3 and dok.baris_dari(("b", "zz")) == 2


# ----------------------------------------------------------------------- the manifest
def _manifest(tmp_path, **tambahan) -> Path:
    return tulis_folder_data(tmp_path / "data", manifest_tambahan=tambahan)


def _ganti_manifest(folder: Path, lama: str, baru: str) -> None:
    p = folder / "sumber_data.yaml"
    teks = p.read_text()
    assert lama in teks
    p.write_text(teks.replace(lama, baru, 1))


def _baris_dari(folder: Path, potongan: str) -> int:
    baris = (folder / "sumber_data.yaml").read_text().splitlines()
    return next(i for i, b in enumerate(baris, start=1) if potongan in b)


def test_misspelt_setting_is_refused_with_a_suggestion(tmp_path):
    folder = _manifest(tmp_path, pengaturan={"batas_capain": 110})
    e = _galat(muat_data, folder)
    assert e.kolom == "pengaturan.batas_capain"
    assert "mungkin maksudnya 'batas_capaian'" in str(e)
    assert e.baris == _baris_dari(folder, "batas_capain")


def test_unknown_table_entry_is_refused(tmp_path):
    folder = _manifest(tmp_path)
    _ganti_manifest(folder, "  indeks_rb:", "  indeks_rbb:\n    berkas: a.csv\n    "
                    "status: resmi\n  indeks_rb:")
    e = _galat(muat_data, folder)
    assert e.kolom == "data.indeks_rbb" and "mungkin maksudnya 'indeks_rb'" in str(e)


def test_duplicate_key_in_manifest_names_the_line(tmp_path):
    folder = _manifest(tmp_path)
    _ganti_manifest(folder, "    status: contoh\n", "    status: contoh\n    status: resmi\n")
    e = _galat(muat_data, folder)
    assert e.berkas == "sumber_data.yaml" and "dua kali" in str(e)
    assert e.baris == _baris_dari(folder, "status: resmi") and e.kolom.endswith(".status")


@pytest.mark.parametrize("pengaturan, kolom, pesan", [
    ({"batas_capaian": -5}, "pengaturan.batas_capaian", "paling kecil 100"),
    ({"batas_capaian": 50}, "pengaturan.batas_capaian", "paling kecil 100"),
    ({"batas_capaian": "110"}, "pengaturan.batas_capaian", "harus berupa angka"),
    ({"batas_capaian": True}, "pengaturan.batas_capaian", "harus berupa angka"),
    ({"batas_capaian": float("inf")}, "pengaturan.batas_capaian", "terhingga"),
    ({"ambang_selisih_penyebut_persen": -1}, "pengaturan.ambang_selisih_penyebut_persen",
     "paling kecil 0"),
    ({"batas_ukuran_berkas_mb": 0}, "pengaturan.batas_ukuran_berkas_mb", "lebih besar dari 0"),
    ({"izinkan_symlink_luar": "ya"}, "pengaturan.izinkan_symlink_luar", "true atau false"),
    ({"metode_efisiensi": "lain"}, "pengaturan.metode_efisiensi",
     "harus rasio atau sisa_anggaran"),
    ({"skala_kategori": [{"kategori": "A", "di_atas": 50}, {"kategori": "B", "di_atas": 60},
                         {"kategori": "C", "di_atas": None}]},
     "pengaturan.skala_kategori", "menurun"),
    ({"skala_kategori": [{"kategori": "A", "di_atas": 50}, {"kategori": "B", "di_atas": 50},
                         {"kategori": "C", "di_atas": None}]},
     "pengaturan.skala_kategori", "menurun"),
    ({"skala_kategori": [{"kategori": "A", "di_atas": 50}, {"kategori": "B", "di_atas": 10}]},
     "pengaturan.skala_kategori", "tingkat terakhir"),
    ({"skala_kategori": [{"kategori": "A", "di_atas": 50}, {"kategori": "B"}],
      "ambang_status_triwulan": [1, 2]}, "pengaturan.ambang_status_triwulan", "pemetaan"),
    ("110", "pengaturan", "pemetaan"),
])
def test_settings_types_and_ranges(tmp_path, pengaturan, kolom, pesan):
    folder = _manifest(tmp_path, pengaturan=pengaturan)
    e = _galat(muat_data, folder)
    assert e.berkas == "sumber_data.yaml" and e.kolom == kolom and pesan in str(e), str(e)
    assert e.baris is not None


def test_wrong_type_of_entry_and_missing_berkas(tmp_path):
    folder = _manifest(tmp_path)
    m = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    m["data"]["indeks_rb"] = "indeks_rb.csv"
    del m["data"]["komponen_rb"]["berkas"]
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(m))
    e = _galat(baca_manifest, folder)
    kolom = {x.kolom: x.pesan for x in e.masalah}
    assert "pemetaan" in kolom["data.indeks_rb"]
    assert "'berkas' tidak ada" in kolom["data.komponen_rb.berkas"]


def test_keys_of_other_features_are_accepted(tmp_path):
    folder = _manifest(tmp_path, penandatangan={
        "tempat": "Palu", "jabatan": "Kepala Dinas", "nama": "X", "nip": 197001011990031001},
        pengaturan={"metode_efisiensi": "sisa_anggaran", "ambang_status_triwulan": {
                        "on_track": 95},
                    "batas_ukuran_berkas_mb": 50, "izinkan_symlink_luar": False,
                    "batas_capaian": 110})
    data = muat_data(folder)
    assert data.pengaturan.batas_capaian == 110
    assert data.pengaturan.batas_ukuran_berkas_mb == 50
    assert (data.pengaturan.ambang_status_triwulan.on_track,
            data.pengaturan.ambang_status_triwulan.perlu_perhatian) == (95.0, 90.0)
    m = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    for kunci in ("perjanjian_kinerja", "anggaran", "pembanding"):
        m["data"][kunci] = {"berkas": f"{kunci}.csv", "sumber": "x", "status": "contoh",
                            "format": "tabel"}
    manifest = periksa_manifest(DokumenYaml(m), "sumber_data.yaml")
    assert manifest.penandatangan.nip == "197001011990031001"   # unquoted NIP kept exact
    assert manifest.data.pembanding.berkas == "pembanding.csv"


def test_schema_knows_exactly_the_manifest_entries_of_the_input_registry():
    """konfigurasi.BagianData and the registry (validasi.SKEMA) name the same tables, and
    agree on which are required, so a table added to one is not refused by the other."""
    wajib = {k for k, f in BagianData.model_fields.items() if f.is_required()}
    assert wajib == set(TABEL_WAJIB)
    assert set(BagianData.model_fields) - wajib == set(TABEL_OPSIONAL)


def test_real_manifests_are_accepted():
    for folder in (ROOT / "data", ROOT / "tests" / "fixtures" / "data_mini"):
        assert "data" in baca_manifest(folder)


# ------------------------------------------------------------------------ the catalog
def _katalog(tmp_path, ubah) -> Path:
    folder = tulis_folder_data(tmp_path / "data")
    p = folder / "katalog_iku.yaml"
    p.write_text(ubah(p.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_duplicate_catalog_entry_is_refused(tmp_path):
    """A second IKU2 entry silently replaced the first before."""
    def ubah(teks):
        awal = teks.index("  - kode_iku: IKU2")
        akhir = teks.index("  - kode_iku: IKU3")
        return teks[:akhir] + teks[awal:akhir].replace("naik", "turun") + teks[akhir:]
    folder = _katalog(tmp_path, ubah)
    e = _galat(muat_data, folder)
    baris = (folder / "katalog_iku.yaml").read_text().splitlines()
    kedua = [i for i, b in enumerate(baris, start=1) if "kode_iku: IKU2" in b][1]
    assert (e.berkas, e.baris, e.kolom) == ("katalog_iku.yaml", kedua, "iku.3.kode_iku")
    assert "sudah ada" in str(e)


def test_empty_catalog_list_and_wrong_types(tmp_path):
    p = tmp_path / "k.yaml"
    p.write_text("dokumen: x\niku: []\n")
    e = _galat(baca_katalog, p, "k.yaml")
    assert e.kolom == "iku" and "tidak boleh kosong" in str(e) and e.baris == 2
    p.write_text("iku:\n  - kode_iku: IKU1\n    indikator: [a]\n    satuan: '%'\n"
                 "    arah: naik\n    formula: f\n    sumber_data: s\n    nomor: satu\n")
    e = _galat(baca_katalog, p, "k.yaml")
    kolom = {x.kolom: (x.baris, x.pesan) for x in e.masalah}
    assert kolom["iku.1.indikator"][0] == 3 and "teks" in kolom["iku.1.indikator"][1]
    assert kolom["iku.1.nomor"][0] == 8 and "bilangan bulat" in kolom["iku.1.nomor"][1]


@pytest.mark.parametrize("isi, pesan", [("", "berkas kosong"), ("- a\n", "pemetaan"),
                                         ("iku: [\n", "YAML tidak sah")])
def test_catalog_not_valid_yaml_is_exit_2_material(tmp_path, isi, pesan):
    folder = tulis_folder_data(tmp_path / "data")
    (folder / "katalog_iku.yaml").write_text(isi)
    e = _galat(compute_results, 2025, folder)
    assert e.berkas == "katalog_iku.yaml" and pesan in str(e)


def test_catalog_unknown_key_and_sifat_data(tmp_path):
    assert muat_data(tulis_folder_data(tmp_path / "a")).katalog["IKU1"]["sifat_data"] in (
        "kumulatif", "nilai_akhir")
    folder = _katalog(tmp_path / "c", lambda t: re.sub(r"sifat_data: \w+",
                                                       "sifat_data: lainnya", t, count=1))
    e = _galat(muat_data, folder)
    assert e.kolom == "iku.1.sifat_data" and "kumulatif atau nilai_akhir" in str(e)
    folder = _katalog(tmp_path / "b", lambda t: t.replace("    satuan_hitung:",
                                                          "    satuan_hitungg:", 1))
    e = _galat(muat_data, folder)
    assert e.kolom == "iku.1.satuan_hitungg" and "'satuan_hitung'" in str(e)


def test_real_catalog_round_trip():
    katalog, meta = baca_katalog(ROOT / "data" / "katalog_iku.yaml", "katalog_iku.yaml")
    assert list(katalog) == ["IKU1", "IKU2", "IKU3", "IKU4"]
    assert meta["tahun_awal"] == 2022 and katalog["IKU4"]["pembilang"] is None


def test_settings_read_alone_are_checked_too():
    """_baca_pengaturan on a mapping that did not pass baca_manifest: same rules."""
    from iku_helpers.data_iku import _baca_pengaturan

    e = _galat(_baca_pengaturan, {"pengaturan": {"batas_capain": 110}})
    assert e.kolom == "pengaturan.batas_capain" and "'batas_capaian'" in str(e)
    p = _baca_pengaturan({"pengaturan": {"skala_kategori": [
        {"kategori": "Baik", "di_atas": 80}, {"kategori": "Kurang", "di_atas": None}]}})
    assert [t.kategori for t in p.skala_kategori] == ["Baik", "Kurang"]
    assert p.skala_kategori[0].di_atas == 80 and p.batas_ukuran_berkas_mb == 500
