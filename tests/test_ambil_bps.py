"""``iku-ambil-bps`` against a local HTTP server on 127.0.0.1 replaying BPS answers.

The recorded answer is tests/fixtures/bps/penduduk_bekerja_webapi.json (years 2021-2023,
var 218, the province row labelled "<b>Sulawesi Tengah</b>" with val 9999); the server
answers each year's request with that year's slice, as the Web API does.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from iku_helpers import ambil_bps
from iku_helpers.bps import baca_bps_json
from iku_helpers.wilayah import baca_referensi_wilayah

ROOT = Path(__file__).resolve().parents[1]
REKAMAN = json.loads((ROOT / "tests/fixtures/bps/penduduk_bekerja_webapi.json")
                     .read_text(encoding="utf-8"))
KUNCI = "kunciRahasia123"
SEKARANG = datetime(2026, 11, 28, 6, 0, 0, tzinfo=UTC)


def irisan_tahun(th: int) -> dict:
    """The recorded answer cut to one year, as BPS answers a request for th."""
    data = json.loads(json.dumps(REKAMAN))
    data["tahun"] = [t for t in data["tahun"] if t["val"] == th]
    data["datacontent"] = {k: v for k, v in data["datacontent"].items()
                           if k.endswith(f"{th}0")}
    if not data["tahun"]:
        return {"status": "OK", "data-availability": "list-not-available"}
    return data


class Server:
    """A local server: ``rute(path) -> (status, body bytes, delay seconds)``."""

    def __init__(self, rute):
        self.jalur: list[str] = []
        induk = self

        class Penangan(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                induk.jalur.append(self.path)
                status, isi, jeda = rute(self.path)
                if jeda:
                    time.sleep(jeda)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(isi)))
                    self.end_headers()
                    self.wfile.write(isi)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Penangan)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def tutup(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _rute_rekaman(path: str):
    th = int(path.split("/th/")[1].split("/")[0])
    return 200, json.dumps(irisan_tahun(th)).encode(), 0


@pytest.fixture
def server(request):
    s = Server(getattr(request, "param", _rute_rekaman))
    yield s
    s.tutup()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    shutil.copy(ROOT / "data/sumber_data.yaml", tmp_path / "sumber_data.yaml")
    monkeypatch.setenv(ambil_bps.ENV_KUNCI, KUNCI)
    monkeypatch.delenv(ambil_bps.ENV_BASE_URL, raising=False)
    return tmp_path


def _isi_folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_ambil_menulis_json_asal_dan_manifest(folder, server):
    asli = (folder / "sumber_data.yaml").read_text(encoding="utf-8")
    hasil = ambil_bps.ambil_penduduk_bekerja([2022, 2023], folder, KUNCI, base_url=server.url,
                                             timeout=2, sekarang=SEKARANG)
    assert server.jalur == [
        f"/v1/api/list/model/data/lang/ind/domain/7200/var/218/th/122/key/{KUNCI}/",
        f"/v1/api/list/model/data/lang/ind/domain/7200/var/218/th/123/key/{KUNCI}/"]
    assert hasil.berkas_json.name == "penduduk_bekerja_bps_20261128T060000Z.json"
    assert hasil.berkas_asal.name == "penduduk_bekerja_bps_20261128T060000Z.asal.json"
    # the written JSON reads as the province and its 13 areas for both years
    ref = baca_referensi_wilayah(ROOT / "iku_helpers/referensi/wilayah_sulteng.csv")
    tabel = baca_bps_json(hasil.berkas_json, hasil.berkas_json.name, ref)
    assert sorted(set(tabel["tahun"])) == [2022, 2023]
    assert len(tabel) == 28
    total_2022 = tabel[(tabel["tahun"] == 2022) & (tabel["kode_wilayah"] == 7200)]
    assert total_2022["penduduk_bekerja"].tolist() == [1586320.0]
    # provenance: URLs without the key, time, ids, the file's hash
    asal = json.loads(hasil.berkas_asal.read_text(encoding="utf-8"))
    assert asal["sha256"] == hashlib.sha256(hasil.berkas_json.read_bytes()).hexdigest()
    assert asal["diambil_pada"] == "2026-11-28T06:00:00+00:00"
    assert (asal["domain"], asal["var"], asal["tahun"]) == ("7200", 218, [2022, 2023])
    assert asal["permintaan"][0]["url"] == (
        f"{server.url}/v1/api/list/model/data/lang/ind/domain/7200/var/218/th/122/key/"
        "${BPS_API_KEY}/")
    assert asal["judul_tabel"].startswith("Penduduk Berumur 15 Tahun Ke Atas yang Bekerja")
    for isi in _isi_folder(folder).values():
        assert KUNCI.encode() not in isi
    # manifest: only the penduduk_bekerja entry changed, comments kept
    baru = (folder / "sumber_data.yaml").read_text(encoding="utf-8")
    assert not hasil.komentar_hilang
    assert "# Manifest of the data folder" in baru and "#   batas_capaian: null" in baru
    lama, kini = yaml.safe_load(asli), yaml.safe_load(baru)
    entri = kini["data"].pop("penduduk_bekerja")
    lama["data"].pop("penduduk_bekerja")
    assert kini == lama
    assert entri["berkas"] == hasil.berkas_json.name
    assert (entri["format"], entri["status"]) == ("bps-json", "resmi")
    assert "var 218" in entri["sumber"] and "Sakernas Agustus 2022-2023" in entri["sumber"]
    assert "Penduduk Berumur 15 Tahun Ke Atas yang Bekerja" in entri["sumber"]


def test_ambil_kedua_kali_tidak_menimpa(folder, server):
    pertama = ambil_bps.ambil_penduduk_bekerja([2022], folder, KUNCI, base_url=server.url,
                                               timeout=2, sekarang=SEKARANG)
    isi_pertama = pertama.berkas_json.read_bytes()
    kedua = ambil_bps.ambil_penduduk_bekerja([2022, 2023], folder, KUNCI, base_url=server.url,
                                             timeout=2, sekarang=SEKARANG)
    assert kedua.berkas_json.name == "penduduk_bekerja_bps_20261128T060000Z-2.json"
    assert pertama.berkas_json.read_bytes() == isi_pertama
    assert yaml.safe_load((folder / "sumber_data.yaml").read_text())["data"][
        "penduduk_bekerja"]["berkas"] == kedua.berkas_json.name
    assert not [p for p in folder.iterdir() if p.name.startswith(".ambil-bps-")]


def test_cli_sukses_lewat_variabel_lingkungan(folder, server, monkeypatch, capsys):
    monkeypatch.setenv(ambil_bps.ENV_BASE_URL, server.url)
    kode = ambil_bps.main(["--tahun", "2023", "--data-dir", str(folder), "--timeout", "2"])
    assert kode == 0
    keluar = capsys.readouterr().out
    assert "penduduk_bekerja_bps_" in keluar and "diperbarui" in keluar
    assert server.jalur[0].endswith(f"/th/123/key/{KUNCI}/")


def _jalankan(folder, server, *tahun, timeout="2"):
    argumen = [x for t in tahun for x in ("--tahun", t)]
    return ambil_bps.main([*argumen, "--data-dir", str(folder), "--base-url", server.url,
                           "--timeout", timeout])


@pytest.mark.parametrize("server", [lambda p: (200, json.dumps(
    {"status": "Error", "message": "Invalid API key"}).encode(), 0)], indirect=True)
def test_jawaban_error_keluar_2_tanpa_menulis(folder, server, capsys):
    sebelum = _isi_folder(folder)
    assert _jalankan(folder, server, "2023") == 2
    galat = capsys.readouterr().err
    assert "BPS menolak permintaan (status 'Error': Invalid API key)" in galat
    assert "BPS_API_KEY" in galat and "Tidak ada berkas yang ditulis" in galat
    assert _isi_folder(folder) == sebelum


def test_tahun_tidak_tersedia_keluar_2(folder, server, capsys):
    sebelum = _isi_folder(folder)
    assert _jalankan(folder, server, "2022", "2026") == 2  # 2022 fine, 2026 not there
    galat = capsys.readouterr().err
    assert "BPS tidak memiliki data untuk tahun 2026" in galat
    assert "'list-not-available'" in galat
    assert _isi_folder(folder) == sebelum


@pytest.mark.parametrize("server", [lambda p: (200, json.dumps(
    {**irisan_tahun(122), "datacontent": {}}).encode(), 0)], indirect=True)
def test_hasil_kosong_keluar_2(folder, server, capsys):
    sebelum = _isi_folder(folder)
    assert _jalankan(folder, server, "2022") == 2
    assert "tidak memiliki data untuk tahun 2022" in capsys.readouterr().err
    assert _isi_folder(folder) == sebelum


@pytest.mark.parametrize("server", [lambda p: (200, json.dumps(
    {**irisan_tahun(122), "vervar": [{"val": 8888, "label": "Kabupaten Entah"}]}).encode(), 0)],
    indirect=True)
def test_jawaban_tak_terbaca_pembaca_paket_keluar_2(folder, server, capsys):
    sebelum = _isi_folder(folder)
    assert _jalankan(folder, server, "2022") == 2
    assert "wilayah 'Kabupaten Entah' tidak ada di referensi" in capsys.readouterr().err
    assert _isi_folder(folder) == sebelum


@pytest.mark.parametrize("server", [lambda p: (200, json.dumps(irisan_tahun(122)).encode(),
                                                1.5)], indirect=True)
def test_batas_waktu_keluar_1(folder, server, capsys):
    sebelum = _isi_folder(folder)
    mulai = time.monotonic()
    assert _jalankan(folder, server, "2022", timeout="0.4") == 1
    assert time.monotonic() - mulai < 1.4
    galat = capsys.readouterr().err
    assert "GALAT JARINGAN: server BPS tidak menjawab dalam 0.4 detik" in galat
    assert "Periksa sambungan internet" in galat
    assert KUNCI not in galat
    assert _isi_folder(folder) == sebelum


@pytest.mark.parametrize("server", [lambda p: (503, b"<html>Maintenance</html>", 0)],
                         indirect=True)
def test_http_503_keluar_1(folder, server, capsys):
    assert _jalankan(folder, server, "2022") == 1
    galat = capsys.readouterr().err
    assert "HTTP 503" in galat and KUNCI not in galat


def test_tanpa_kunci_dan_parameter_buruk_keluar_2(folder, monkeypatch, capsys):
    assert ambil_bps.main(["--tahun", "20x2", "--data-dir", str(folder)]) == 2
    assert "Parameter --tahun" in capsys.readouterr().err
    monkeypatch.delenv(ambil_bps.ENV_KUNCI)
    assert ambil_bps.main(["--tahun", "2023", "--data-dir", str(folder)]) == 2
    assert "kunci API BPS belum diatur" in capsys.readouterr().err
    monkeypatch.setenv(ambil_bps.ENV_KUNCI, KUNCI)
    assert ambil_bps.main(["--tahun", "2023", "--data-dir", str(folder / "tidak-ada")]) == 2
    assert "folder data tidak ditemukan" in capsys.readouterr().err


def test_urai_tahun():
    assert ambil_bps.urai_tahun(["2022-2024", "2021,2024"]) == [2021, 2022, 2023, 2024]
    with pytest.raises(ambil_bps.ParameterError, match="awal rentang"):
        ambil_bps.urai_tahun(["2024-2022"])


def test_perbarui_manifest_gaya_alir_dan_entri_baru():
    teks = ("# komentar atas\ndata:\n"
            "  iku: {berkas: katalog.yaml, status: resmi}\n"
            "  penduduk_bekerja: {berkas: pb.csv, sumber: x, status: contoh}\n"
            "  indeks_rb: {berkas: rb.csv, status: contoh}  # komentar entri lain\n")
    entri = {"berkas": "baru.json", "format": "bps-json", "sumber": "BPS", "status": "resmi"}
    hasil, hilang = ambil_bps.perbarui_manifest(teks, entri)
    assert not hilang
    assert hasil == ("# komentar atas\ndata:\n"
                     "  iku: {berkas: katalog.yaml, status: resmi}\n"
                     "  penduduk_bekerja:\n    berkas: baru.json\n    format: bps-json\n"
                     "    sumber: BPS\n    status: resmi\n"
                     "  indeks_rb: {berkas: rb.csv, status: contoh}  # komentar entri lain\n")
    tanpa, hilang = ambil_bps.perbarui_manifest("data:\n  iku: {berkas: k.yaml}\n", entri)
    assert not hilang
    assert yaml.safe_load(tanpa)["data"] == {"penduduk_bekerja": entri,
                                             "iku": {"berkas": "k.yaml"}}


def test_tanpa_tautan_keras_tetap_tidak_menimpa(folder, server, monkeypatch):
    def tolak(*args, **kwargs):
        raise PermissionError("hard links not supported")

    pertama = ambil_bps.ambil_penduduk_bekerja([2022], folder, KUNCI, base_url=server.url,
                                               timeout=2, sekarang=SEKARANG)
    isi_pertama = pertama.berkas_json.read_bytes()
    monkeypatch.setattr(ambil_bps.os, "link", tolak)
    kedua = ambil_bps.ambil_penduduk_bekerja([2023], folder, KUNCI, base_url=server.url,
                                             timeout=2, sekarang=SEKARANG)
    assert kedua.berkas_json.name == "penduduk_bekerja_bps_20261128T060000Z-2.json"
    assert pertama.berkas_json.read_bytes() == isi_pertama
    assert json.loads(kedua.berkas_json.read_text())["tahun"] == [{"val": 123, "label": "2023"}]
    assert not [p for p in folder.iterdir() if p.name.startswith(".ambil-bps-")]
