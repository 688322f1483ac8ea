"""``iku-ambil-bps``: fetch penduduk bekerja (Sakernas Agustus) from the BPS Web API.

    BPS_API_KEY=... iku-ambil-bps --tahun 2022-2024 [--data-dir data] [--var 218]
                                  [--domain 7200] [--base-url URL] [--timeout 30]

One request per year to the dynamic-table endpoint

    {base}/v1/api/list/model/data/lang/ind/domain/{domain}/var/{var}/th/{th}/key/{KEY}/

with th = year - 1900. The answers are merged into one JSON in the answer's own format,
checked with the package's reader (`bps.baca_bps_json`) *before* anything is written,
then written into the data folder under a dated name that never replaces an earlier
file, with a provenance file beside it (request URLs without the key, retrieval time,
BPS domain and variable id, SHA-256 of the file and of each raw answer). Finally the
manifest entry ``penduduk_bekerja`` is pointed at the new file (format bps-json, status
resmi, sumber naming the BPS table), editing only that entry's lines so that comments
elsewhere in the manifest stay.

The API key comes only from the environment variable BPS_API_KEY, never from a file.

Assumption: the default variable id 218 is the one of the fixture modelled on BPS
Provinsi Sulawesi Tengah's dynamic table "Penduduk Berumur 15 Tahun Ke Atas yang
Bekerja Menurut Kabupaten/Kota"; BPS numbers variables per domain, so check the id on
https://webapi.bps.go.id (list of variables of domain 7200) and pass ``--var`` if it
differs.

Exit codes: 0 done; 2 bad parameters or data (no key, bad years, BPS answered with an
error or no data, the answer does not read as a penduduk bekerja table); 1 network
failure or timeout (nothing written; try again later), or the data folder not writable.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from . import config
from .errors import DataIKUError, Masalah, ParameterError

BASE_URL_BAWAAN = "https://webapi.bps.go.id"
DOMAIN_BAWAAN = "7200"  # BPS Provinsi Sulawesi Tengah
VAR_BAWAAN = 218  # assumption, see the module docstring
TIMEOUT_BAWAAN = 30.0
ENV_KUNCI = "BPS_API_KEY"
ENV_BASE_URL = "BPS_API_BASE_URL"
KUNCI_MANIFEST = "penduduk_bekerja"
PREFIKS_BERKAS = "penduduk_bekerja_bps"
KODE_SUKSES, KODE_GALAT_JARINGAN, KODE_GALAT_DATA = 0, 1, 2
TAHUN_MIN, TAHUN_MAKS = 2000, 2100


class GalatJaringan(Exception):
    """The BPS server could not be reached, timed out or answered with an HTTP error."""


@dataclass(frozen=True)
class HasilAmbil:
    berkas_json: Path
    berkas_asal: Path
    manifest: Path
    komentar_hilang: bool


# --------------------------------------------------------------------------- parameters


def urai_tahun(teks: list[str]) -> list[int]:
    """"2023", "2022-2024", "2022,2024" (repeatable) -> sorted distinct years."""
    tahun: set[int] = set()
    for bagian in (b.strip() for t in teks for b in t.split(",")):
        m = re.fullmatch(r"(\d{4})(?:\s*-\s*(\d{4}))?", bagian)
        if not m:
            raise ParameterError("tahun harus berbentuk 2023, 2022-2024 atau 2022,2024",
                                 bagian, "--tahun")
        awal, akhir = int(m.group(1)), int(m.group(2) or m.group(1))
        if awal > akhir:
            raise ParameterError("awal rentang tahun lebih besar daripada akhirnya", bagian,
                                 "--tahun")
        if awal < TAHUN_MIN or akhir > TAHUN_MAKS:
            raise ParameterError(f"tahun harus antara {TAHUN_MIN} dan {TAHUN_MAKS}", bagian,
                                 "--tahun")
        tahun.update(range(awal, akhir + 1))
    if not tahun:
        raise ParameterError("sebutkan paling sedikit satu tahun", None, "--tahun")
    return sorted(tahun)


def buat_url(base: str, domain: str, var: int, tahun: int, kunci: str) -> str:
    """The dynamic-table request URL of one year (th = tahun - 1900)."""
    return (f"{base.rstrip('/')}/v1/api/list/model/data/lang/ind/domain/{domain}/var/{var}"
            f"/th/{tahun - 1900}/key/{kunci}/")


def sembunyikan_kunci(url: str) -> str:
    """The URL as it may be recorded: the key replaced by the variable's name."""
    return re.sub(r"/key/[^/]*/", f"/key/${{{ENV_KUNCI}}}/", url)


# --------------------------------------------------------------------------- network


def ambil_satu(url: str, timeout: float) -> bytes:
    """GET one URL; GalatJaringan on timeouts, unreachable hosts and HTTP errors."""
    permintaan = urllib.request.Request(url, headers={"Accept": "application/json",
                                                      "User-Agent": "iku-ambil-bps"})
    aman = sembunyikan_kunci(url)
    try:
        with urllib.request.urlopen(permintaan, timeout=timeout) as jawaban:
            return jawaban.read()
    except urllib.error.HTTPError as e:
        isi = e.read() or b""
        try:  # BPS may answer an error as JSON with a status: let the caller read it
            json.loads(isi.decode("utf-8-sig"))
            return isi
        except (UnicodeDecodeError, json.JSONDecodeError):
            pass
        raise GalatJaringan(f"server BPS menjawab HTTP {e.code} untuk {aman}") from e
    except TimeoutError as e:
        raise GalatJaringan(f"server BPS tidak menjawab dalam {timeout:g} detik ({aman})") from e
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise GalatJaringan(f"server BPS tidak menjawab dalam {timeout:g} detik "
                                f"({aman})") from e
        raise GalatJaringan(f"server BPS tidak dapat dihubungi ({e.reason}; {aman})") from e
    except (ConnectionError, OSError) as e:
        raise GalatJaringan(f"koneksi ke server BPS terputus ({e}; {aman})") from e


def baca_jawaban(isi: bytes, tahun: int, url_aman: str) -> dict:
    """The JSON answer of one year, refused (DataIKUError) unless it carries data."""
    sumber = f"jawaban Web API BPS tahun {tahun}"
    try:
        data = json.loads(isi.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise GalatJaringan(f"server BPS mengirim jawaban yang bukan JSON ({url_aman}); "
                            "mungkin sedang pemeliharaan") from e
    if not isinstance(data, dict):
        raise DataIKUError(Masalah(sumber, "jawaban bukan objek JSON Web API BPS"))
    status = str(data.get("status", ""))
    if status.upper() != "OK":
        pesan = data.get("message") or data.get("data") or ""
        raise DataIKUError(Masalah(
            sumber, f"BPS menolak permintaan (status '{status}'"
            + (f": {pesan}" if pesan else "") + "); periksa kunci API (BPS_API_KEY), "
            "domain dan nomor variabel (--var)", kolom="status", nilai=status))
    tersedia = data.get("data-availability")
    if tersedia != "available" or not data.get("datacontent"):
        raise DataIKUError(Masalah(
            sumber, f"BPS tidak memiliki data untuk tahun {tahun} pada variabel ini "
            f"(data-availability: {tersedia!r}); hasil Sakernas Agustus biasanya dirilis awal "
            "November, atau nomor variabel (--var) salah", kolom="data-availability",
            nilai=tersedia))
    return data


def gabung_jawaban(jawaban: list[dict]) -> dict:
    """One JSON in the API's format holding every year: years and datacontent merged."""
    gabungan = json.loads(json.dumps(jawaban[0]))  # deep copy
    nilai_val = {k: sorted(str(x.get("val")) for x in gabungan.get(k, []))
                 for k in ("var", "vervar", "turvar", "turtahun")}
    tahun_ada = {str(t.get("val")) for t in gabungan.get("tahun", [])}
    for lain in jawaban[1:]:
        for k, nilai in nilai_val.items():
            if sorted(str(x.get("val")) for x in lain.get(k, [])) != nilai:
                raise DataIKUError(Masalah("jawaban Web API BPS", "jawaban antar-tahun tidak "
                                           "berbentuk sama; ambil tahun satu per satu",
                                           kolom=k))
        for t in lain.get("tahun", []):
            if str(t.get("val")) not in tahun_ada:
                gabungan["tahun"].append(t)
                tahun_ada.add(str(t.get("val")))
        gabungan["datacontent"].update(lain.get("datacontent", {}))
    gabungan["tahun"].sort(key=lambda t: int(t.get("val")))
    return gabungan


# --------------------------------------------------------------------------- files


def _sha256(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def _tulis_baru(folder: Path, nama: str, akhiran: str, isi: bytes) -> Path:
    """Write atomically under ``nama + akhiran`` (or ``nama-2 + akhiran``...): never
    replaces an existing file, never leaves a half-written one under the final name."""
    fd, tmp = tempfile.mkstemp(prefix=".ambil-bps-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(isi)
            f.flush()
            os.fsync(f.fileno())
        for n in range(1, 1000):
            tujuan = folder / (nama + ("" if n == 1 else f"-{n}") + akhiran)
            try:
                os.link(tmp, tujuan)  # fails if the name exists: no overwrite
                return tujuan
            except FileExistsError:
                continue
            except OSError:  # no hard links on this file system: exclusive create instead
                try:
                    with open(tujuan, "xb") as f:
                        f.write(isi)
                    return tujuan
                except FileExistsError:
                    continue
        raise OSError(f"tidak ada nama bebas untuk {nama}{akhiran} di {folder}")
    finally:
        os.unlink(tmp)


def _ganti_atomik(path: Path, teks: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".ambil-bps-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(teks)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _teks_entri(entri: dict, indentasi: str) -> list[str]:
    """The manifest entry as block YAML lines at ``indentasi`` (the key's indent + 2)."""
    isi = yaml.safe_dump(entri, allow_unicode=True, sort_keys=False, width=88)
    return [indentasi + b if b.strip() else b for b in isi.splitlines()]


def perbarui_manifest(teks: str, entri: dict, kunci: str = KUNCI_MANIFEST
                      ) -> tuple[str, bool]:
    """Manifest text with the ``data.<kunci>`` entry replaced by ``entri``.

    Only that entry's lines change (comments and layout elsewhere stay); when the layout
    defeats the line edit, the whole file is dumped again and comments are lost: the
    second value says so. The result is checked to differ from the original only there.
    """
    asli = yaml.safe_load(teks)
    harapan = json.loads(json.dumps(asli))
    harapan["data"][kunci] = entri
    baris = teks.splitlines(keepends=True)
    i_data = next((i for i, b in enumerate(baris) if re.match(r"data:\s*(#.*)?$", b)), None)
    hasil = None
    if i_data is not None:
        pola = re.compile(rf"^(\s+){re.escape(kunci)}:(.*)$")
        i = next((j for j in range(i_data + 1, len(baris)) if pola.match(baris[j].rstrip("\n"))),
                 None)
        if i is not None:
            indentasi = pola.match(baris[i].rstrip("\n")).group(1)
            akhir = i + 1
            while akhir < len(baris):
                b = baris[akhir]
                if b.strip() and not b.startswith(indentasi + " "):
                    break
                akhir += 1
            while akhir > i + 1 and not baris[akhir - 1].strip():
                akhir -= 1  # keep blank lines that follow the entry
            baru = [f"{indentasi}{kunci}:\n"] + [
                b + "\n" for b in _teks_entri(entri, indentasi + "  ")]
            hasil = "".join(baris[:i] + baru + baris[akhir:])
        else:
            sisip = [f"  {kunci}:\n"] + [b + "\n" for b in _teks_entri(entri, "    ")]
            hasil = "".join(baris[:i_data + 1] + sisip + baris[i_data + 1:])
    try:
        if hasil is not None and yaml.safe_load(hasil) == harapan:
            return hasil, False
    except yaml.YAMLError:
        pass
    return yaml.safe_dump(harapan, allow_unicode=True, sort_keys=False, width=88), True


def _referensi(data_dir: Path, manifest: dict):
    from .wilayah import baca_referensi_wilayah

    entri = (manifest.get("data") or {}).get("wilayah")
    if isinstance(entri, dict) and entri.get("berkas"):
        return baca_referensi_wilayah(data_dir / str(entri["berkas"]), str(entri["berkas"]))
    return baca_referensi_wilayah(config.WILAYAH_BAWAAN,
                                  f"{config.WILAYAH_BAWAAN.name} (bawaan paket)")


def ambil_penduduk_bekerja(daftar_tahun: list[int], data_dir: Path, kunci_api: str,
                           var: int = VAR_BAWAAN, domain: str = DOMAIN_BAWAAN,
                           base_url: str = BASE_URL_BAWAAN, timeout: float = TIMEOUT_BAWAAN,
                           sekarang: datetime | None = None) -> HasilAmbil:
    """Fetch, check, write the JSON and its provenance, point the manifest at it."""
    from .bps import baca_bps_json

    data_dir = Path(data_dir)
    path_manifest = data_dir / config.MANIFEST
    if not path_manifest.is_file():
        raise ParameterError(f"berkas {config.MANIFEST} tidak ada di folder data", str(data_dir),
                             "--data-dir")
    teks_manifest = path_manifest.read_text(encoding="utf-8")
    try:
        manifest = yaml.safe_load(teks_manifest)
    except yaml.YAMLError as e:
        raise DataIKUError(Masalah(config.MANIFEST, f"YAML tidak dapat dibaca: {e}")) from e
    if not isinstance(manifest, dict) or not isinstance(manifest.get("data"), dict):
        raise DataIKUError(Masalah(config.MANIFEST, "harus berisi bagian 'data:'", kolom="data"))
    referensi = _referensi(data_dir, manifest)

    sekarang = sekarang or datetime.now(UTC)
    permintaan = []
    jawaban = []
    for tahun in daftar_tahun:
        url = buat_url(base_url, domain, var, tahun, kunci_api)
        isi = ambil_satu(url, timeout)
        aman = sembunyikan_kunci(url)
        jawaban.append(baca_jawaban(isi, tahun, aman))
        permintaan.append({"tahun": tahun, "url": aman, "sha256_jawaban": _sha256(isi)})
    gabungan = gabung_jawaban(jawaban)
    isi_json = (json.dumps(gabungan, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    nama = f"{PREFIKS_BERKAS}_{sekarang.strftime('%Y%m%dT%H%M%SZ')}"
    with tempfile.TemporaryDirectory() as tmp:  # check with the real reader first
        uji = Path(tmp) / f"{nama}.json"
        uji.write_bytes(isi_json)
        tabel = baca_bps_json(uji, uji.name, referensi)
    tahun_ada = set(int(t) for t in tabel["tahun"])
    kurang = [t for t in daftar_tahun if t not in tahun_ada]
    if kurang:
        raise DataIKUError(Masalah(f"jawaban Web API BPS ({nama}.json)", "tidak ada nilai "
                                   f"penduduk bekerja untuk tahun {', '.join(map(str, kurang))}",
                                   kolom="datacontent"))
    provinsi = referensi.kode_provinsi
    tanpa_total = sorted(t for t in daftar_tahun
                         if not ((tabel["tahun"] == t) & (tabel["kode_wilayah"] == provinsi)).any())
    if tanpa_total:
        raise DataIKUError(Masalah(f"jawaban Web API BPS ({nama}.json)", "baris total provinsi "
                                   f"(kode {provinsi}) tidak ada untuk tahun "
                                   f"{', '.join(map(str, tanpa_total))}", kolom="vervar"))

    var_info = gabungan["var"][0]
    label_var = re.sub(r"<[^>]+>", "", str(var_info.get("label", ""))).strip()
    rentang = (str(daftar_tahun[0]) if len(daftar_tahun) == 1
               else f"{daftar_tahun[0]}-{daftar_tahun[-1]}")
    # Everything is checked: write the JSON, then its provenance, then the manifest.
    berkas_json = _tulis_baru(data_dir, nama, ".json", isi_json)
    asal = {
        "keterangan": "Asal data: diambil otomatis oleh iku-ambil-bps dari Web API BPS "
                      "(tabel dinamis). Kunci API tidak dicatat.",
        "berkas": berkas_json.name,
        "sha256": _sha256(isi_json),
        "diambil_pada": sekarang.isoformat(timespec="seconds"),
        "domain": domain,
        "var": var,
        "judul_tabel": label_var,
        "satuan": var_info.get("unit"),
        "last_update_bps": gabungan.get("last_update"),
        "tahun": daftar_tahun,
        "permintaan": permintaan,
    }
    berkas_asal = _tulis_baru(
        data_dir, berkas_json.stem + ".asal", ".json",
        (json.dumps(asal, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    entri = {
        "berkas": berkas_json.name,
        "format": "bps-json",
        "sumber": (f"BPS, Web API tabel dinamis domain {domain} var {var}: {label_var} "
                   f"(Sakernas Agustus {rentang}), diambil "
                   f"{sekarang.strftime('%Y-%m-%d')}; asal data di {berkas_asal.name}"),
        "status": "resmi",
    }
    teks_baru, komentar_hilang = perbarui_manifest(teks_manifest, entri)
    _ganti_atomik(path_manifest, teks_baru)
    return HasilAmbil(berkas_json, berkas_asal, path_manifest, komentar_hilang)


# --------------------------------------------------------------------------- command


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="iku-ambil-bps",
        description="Mengambil jumlah penduduk bekerja (Sakernas Agustus) provinsi dan "
        "kabupaten/kota dari Web API BPS, lalu mencatatnya di manifest data. Butuh internet "
        f"dan kunci API BPS di variabel lingkungan {ENV_KUNCI}.")
    p.add_argument("--tahun", action="append", required=True,
                   help="tahun data: 2023, 2022-2024 atau 2022,2024 (boleh diulang)")
    p.add_argument("--data-dir", default=str(config.DATA_DIR),
                   help="folder data berisi sumber_data.yaml (bawaan: data/)")
    p.add_argument("--var", type=int, default=VAR_BAWAAN,
                   help=f"nomor variabel tabel dinamis BPS (bawaan {VAR_BAWAAN}; asumsi, "
                   "periksa di webapi.bps.go.id)")
    p.add_argument("--domain", default=DOMAIN_BAWAAN,
                   help=f"domain BPS (bawaan {DOMAIN_BAWAAN}, Sulawesi Tengah)")
    p.add_argument("--base-url", default=None,
                   help=f"alamat Web API (bawaan: ${ENV_BASE_URL} atau {BASE_URL_BAWAAN})")
    p.add_argument("--timeout", type=float, default=TIMEOUT_BAWAAN,
                   help=f"batas waktu tiap permintaan, detik (bawaan {TIMEOUT_BAWAAN:g})")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        daftar_tahun = urai_tahun(args.tahun)
        kunci = os.environ.get(ENV_KUNCI, "").strip()
        if not kunci:
            raise ParameterError(f"kunci API BPS belum diatur; daftar di webapi.bps.go.id lalu "
                                 f"jalankan: export {ENV_KUNCI}=<kunci>", None, ENV_KUNCI)
        if not re.fullmatch(r"[A-Za-z0-9_-]+", kunci):
            raise ParameterError("kunci API hanya boleh berisi huruf, angka, '-' dan '_'",
                                 None, ENV_KUNCI)
        if not re.fullmatch(r"\d{4}", args.domain):
            raise ParameterError("domain BPS harus empat angka, mis. 7200", args.domain,
                                 "--domain")
        if args.var <= 0:
            raise ParameterError("nomor variabel harus bilangan bulat positif", args.var, "--var")
        if not args.timeout > 0:
            raise ParameterError("batas waktu harus lebih dari 0 detik", args.timeout,
                                 "--timeout")
        base = args.base_url or os.environ.get(ENV_BASE_URL) or BASE_URL_BAWAAN
        if not re.match(r"https?://", base):
            raise ParameterError("alamat harus diawali http:// atau https://", base,
                                 "--base-url")
        data_dir = Path(args.data_dir)
        if not data_dir.is_dir():
            raise ParameterError("folder data tidak ditemukan", str(data_dir), "--data-dir")
        hasil = ambil_penduduk_bekerja(daftar_tahun, data_dir, kunci, args.var, args.domain,
                                       base, args.timeout)
    except DataIKUError as e:
        jenis = "PARAMETER" if isinstance(e, ParameterError) else "DATA"
        print(f"GALAT {jenis}: {e}\nTidak ada berkas yang ditulis.", file=sys.stderr)
        return KODE_GALAT_DATA
    except OSError as e:
        print(f"GALAT: tidak dapat menulis ke folder data ({e}). Periksa izin tulis dan ruang "
              "disk; berkas JSON lama dan manifest tidak ditimpa.", file=sys.stderr)
        return KODE_GALAT_JARINGAN
    except GalatJaringan as e:
        print(f"GALAT JARINGAN: {e}.\nTidak ada berkas yang ditulis. Periksa sambungan "
              "internet (perintah ini butuh akses ke webapi.bps.go.id), lalu jalankan ulang; "
              "jika masih gagal, coba lagi nanti atau naikkan --timeout.", file=sys.stderr)
        return KODE_GALAT_JARINGAN
    print(hasil.berkas_json)
    print(hasil.berkas_asal)
    print(f"Manifest {hasil.manifest} diperbarui: entri '{KUNCI_MANIFEST}' kini menunjuk "
          f"{hasil.berkas_json.name} (status resmi).")
    if hasil.komentar_hilang:
        print("Catatan: tata letak manifest tidak dapat disunting per baris, jadi berkas ditulis "
              "ulang; komentar di dalamnya hilang.", file=sys.stderr)
    return KODE_SUKSES


if __name__ == "__main__":
    sys.exit(main())
