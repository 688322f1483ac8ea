"""The run: one validated snapshot per run, every output made from it; a batch checks
every year before writing anything."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import tulis_folder_data
from pypdf import PdfReader

from iku_helpers import cli, muat_data
from iku_helpers.indikator.periode import Periode
from iku_helpers.jalankan import KonteksJalan, buat_laporan
from iku_helpers.snapshot import muat_snapshot, simpan_snapshot


def test_snapshot_round_trip_keeps_tables_hashes_and_narrative(tmp_path):
    folder = tulis_folder_data(tmp_path / "data")
    (folder / "narasi").mkdir()
    (folder / "narasi" / "2025.md").write_text("# Narasi\n", encoding="utf-8")
    data = muat_data(folder)
    snap = simpan_snapshot(data, tmp_path / "snap")
    kembali = muat_snapshot(snap)
    assert kembali.data_dir == snap
    for kunci, tabel in data.tabel.items():
        pd.testing.assert_frame_equal(kembali.tabel[kunci], tabel)
        pd.testing.assert_frame_equal(pd.read_parquet(snap / f"{kunci}.parquet"), tabel,
                                      check_dtype=False)
    assert [s.sha256 for s in kembali.sumber] == [s.sha256 for s in data.sumber]
    assert (snap / "narasi" / "2025.md").read_text(encoding="utf-8") == "# Narasi\n"
    assert muat_snapshot(snap).peringatan == data.peringatan


def test_batch_with_one_year_not_computable_writes_nothing(tmp_path, capsys):
    # The mini folder has 2024 and 2025; IKU2 2024 needs 2023 koperasi rows, which do not
    # exist, so the batch 2024-2025 is refused before the 2025 report is made.
    folder = tulis_folder_data(tmp_path / "data")
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    kode = cli.main(["--tahun", "2024-2025", "--data-dir", str(folder), "--output-dir",
                     str(keluar), "--tanggal", "2026-11-27"])
    galat = capsys.readouterr().err
    assert kode == 2
    assert "tahun 2023" in galat and "evaluasi_koperasi.csv" in galat
    assert not [p for p in keluar.rglob("*") if p.is_file() and not p.name.startswith(".")]


def test_bad_arguments_exit_2_in_indonesian_without_traceback(tmp_path, capsys):
    kode = cli.main(["--tahun", "2025", "--tidak-ada"])
    galat = capsys.readouterr().err
    assert kode == 2
    assert "argumen tidak valid" in galat and "Traceback" not in galat


@pytest.mark.integration
def test_every_output_comes_from_the_snapshot_even_if_the_folder_changes(tmp_path):
    # Snapshot first, then an analyst "saves a correction" (every usaha kecil becomes
    # wirausaha: IKU3 would be 8/8 = 100 %). The run must still report the snapshot's
    # 3/8 = 37,50 % in the CSV, the executed notebook and the PDF alike.
    folder = tulis_folder_data(tmp_path / "data")
    snap = simpan_snapshot(muat_data(folder), tmp_path / "snap")
    berkas = folder / "evaluasi_usaha_kecil.csv"
    baris = berkas.read_text().splitlines()
    berkas.write_text("\n".join([baris[0]] + [",".join(b.split(",")[:4] + ["ya"])
                                              for b in baris[1:]]) + "\n")
    assert muat_data(folder).evaluasi_usaha_kecil["menjadi_wirausaha"].all()
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    konteks = KonteksJalan(Periode(2025), folder, snap, keluar, date(2026, 11, 27))
    hasil = {p.suffix: p for p in buat_laporan(konteks)}
    csv = pd.read_csv(hasil[".csv"]).set_index("kode_iku")
    assert csv.loc["IKU3", "realisasi"] == 37.5
    assert "37,50%" in Path(hasil[".ipynb"]).read_text(encoding="utf-8")
    teks = " ".join(h.extract_text() for h in PdfReader(hasil[".pdf"]).pages)
    assert "37,50%" in teks


def test_budget_csv_per_iku_is_hand_worked(tmp_path):
    # IKU1 lines: pagu 1.000.000 + 3.000.000, realisasi 900.000 + 2.700.000: serapan
    # 3.600.000 / 4.000.000 = 90,00 %; IKU1 capaian 100,00 % (1,60 / 1,60); indeks
    # efisiensi 100 / 90 = 1,11. IKU4 line: 500.000 / 1.000.000 = 50,00 %, capaian
    # 70 / 68 = 102,94 %, indeks 2,06. IKU2 and IKU3 have no line: empty. A support line
    # (no kode_iku) counts only in the Dinas total.
    import yaml

    from iku_helpers import hitung_iku
    from iku_helpers.tabel_hasil import tulis_csv_anggaran

    folder = tulis_folder_data(tmp_path / "data", {"anggaran.csv": [
        "tahun,kode_rekening,program,kegiatan,sub_kegiatan,kode_iku,pagu,realisasi",
        "2025,1.01,Program A,Keg A,Sub A,IKU1,1000000,900000",
        "2025,1.02,Program A,Keg A,Sub B,IKU1,3000000,2700000",
        "2025,2.01,Program B,Keg B,Sub C,IKU4,1000000,500000",
        "2025,9.01,Penunjang,Keg P,Sub P,,2000000,2000000"]})
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text())
    manifest["data"]["anggaran"] = {"berkas": "anggaran.csv", "sumber": "uji",
                                    "status": "contoh"}
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest))
    hasil = hitung_iku(2025, folder)
    assert tulis_csv_anggaran(hasil, tmp_path / "a.csv")
    a = pd.read_csv(tmp_path / "a.csv").set_index("kode_iku")
    assert list(a.columns) == ["pagu", "realisasi", "serapan_persen", "capaian_persen",
                               "indeks_efisiensi", "status_data"]
    assert set(a["status_data"]) == {"DATA CONTOH (sintetis, bukan data resmi)"}
    a = a.drop(columns="status_data")
    assert a.loc["IKU1"].tolist() == [4000000, 3600000, 90.0, 100.0, 1.11]
    assert a.loc["IKU4"].tolist() == [1000000, 500000, 50.0, 102.94, 2.06]
    # IKU2 has no budget line: only its capaian (25,00 / 30 = 83,33 %) is known
    assert a.loc["IKU2", ["pagu", "realisasi", "serapan_persen", "indeks_efisiensi"]
                 ].isna().all()
    assert a.loc["IKU2", "capaian_persen"] == 83.33
    assert hasil.anggaran.total_pagu == 7000000


def test_a_snapshot_is_never_unpickled_unless_asked_and_untouched(tmp_path):
    # A pickle runs code when read: muat_data treats a snapshot folder as a data folder
    # (its manifest copy names CSV files that are not there), and muat_snapshot refuses a
    # pickle that changed after the run wrote it.
    import pickle

    from iku_helpers import DataIKUError

    folder = tulis_folder_data(tmp_path / "data")
    snap = simpan_snapshot(muat_data(folder), tmp_path / "snap")
    with pytest.raises(DataIKUError):
        muat_data(snap)
    (snap / "data.pickle").write_bytes(pickle.dumps({"bukan": "DataIKU"}))
    with pytest.raises(DataIKUError) as e:
        muat_snapshot(snap)
    assert "berubah sejak snapshot dibuat" in str(e.value)


def test_snapshot_skips_fifos_in_the_narrative_folder(tmp_path):
    import os

    folder = tulis_folder_data(tmp_path / "data")
    (folder / "narasi").mkdir()
    (folder / "narasi" / "2025.md").write_text("# Narasi\n", encoding="utf-8")
    os.mkfifo(folder / "narasi" / "pipa.md")
    data = muat_data(folder)                      # the label check does not open the FIFO
    snap = simpan_snapshot(data, tmp_path / "snap")
    assert sorted(p.name for p in (snap / "narasi").iterdir()) == ["2025.md"]
