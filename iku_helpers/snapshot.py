"""One validated snapshot of a data folder, written once per run and read by every output.

A snapshot folder holds ``data.pickle`` (the validated :class:`DataIKU` the run computes
from; read back without re-validation), each table as Parquet (evidence anyone can
read), ``snapshot.json`` (when, from where, and the SHA-256 of every source and of the
pickle) and a copy of the manifest, narrative and image files the report reads. The run
hands its snapshot to the notebook explicitly (parameter ``dari_snapshot``); ``muat_data``
never loads one on its own, because a pickle runs code when it is read.
"""

from __future__ import annotations

import json
import pickle
import shutil
from datetime import datetime
from pathlib import Path

from .data_iku import DataIKU
from .errors import DataIKUError, Masalah

BERKAS_SNAPSHOT = "snapshot.json"
DATA_SNAPSHOT = "data.pickle"


def simpan_snapshot(data: DataIKU, folder: Path, tanggal_laporan=None) -> Path:
    """Write the validated data into ``folder`` (created): ``data.pickle`` (the DataIKU
    the run computes from), every table as Parquet (evidence, readable by anyone),
    ``snapshot.json`` (the sources with their SHA-256) and a copy of the narrative and
    image files the report reads; ``tanggal_laporan``, the run's report date, is recorded
    beside the clock time. Returns ``folder``."""
    import dataclasses

    folder.mkdir(parents=True, exist_ok=False)
    asal = Path(data.data_dir)
    for nama in ("narasi",):
        if (asal / nama).is_dir():
            shutil.copytree(asal / nama, folder / nama, symlinks=False,
                            ignore=_bukan_berkas_biasa)
    for gambar in asal.glob("*"):
        if gambar.suffix.lower() in (".png", ".jpg", ".jpeg", ".svg") and gambar.is_file():
            shutil.copy2(gambar, folder / gambar.name)
    manifest = asal / "sumber_data.yaml"
    if manifest.is_file():  # the manifest is evidence too (settings, statuses, file names)
        shutil.copy2(manifest, folder / manifest.name)
    beku = dataclasses.replace(data, data_dir=folder)
    with open(folder / DATA_SNAPSHOT, "wb") as f:
        pickle.dump(beku, f, protocol=pickle.HIGHEST_PROTOCOL)
    for kunci, tabel in data.tabel.items():
        tabel.to_parquet(folder / f"{kunci}.parquet", index=False)
    keterangan = {
        "dibuat": datetime.now().astimezone().isoformat(timespec="seconds"),
        # the report's own date (--tanggal), which later reports name it by
        **({"tanggal_laporan": tanggal_laporan.isoformat()} if tanggal_laporan else {}),
        "folder_data": str(asal),
        "sumber": [{"kunci": s.kunci, "berkas": s.berkas, "status": s.status,
                    "baris": s.baris, "sha256": s.sha256} for s in data.sumber],
    }
    if manifest.is_file():
        keterangan["manifest"] = {"berkas": manifest.name, "sha256": _sha256(manifest)}
    keterangan["data"] = {"berkas": DATA_SNAPSHOT, "sha256": _sha256(folder / DATA_SNAPSHOT)}
    (folder / BERKAS_SNAPSHOT).write_text(json.dumps(keterangan, indent=1, ensure_ascii=False),
                                          encoding="utf-8")
    return folder


def _bukan_berkas_biasa(folder: str, nama: list[str]) -> list[str]:
    """Entries copytree must not open: FIFOs, devices, sockets (reading one would hang)."""
    import os
    import stat

    return [n for n in nama if not (stat.S_ISREG(m := os.stat(os.path.join(folder, n)).st_mode)
                                    or stat.S_ISDIR(m))]


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def adalah_snapshot(folder: Path) -> bool:
    return (Path(folder) / BERKAS_SNAPSHOT).is_file() and (Path(folder) / DATA_SNAPSHOT).is_file()


def muat_snapshot(folder: Path) -> DataIKU:
    """The DataIKU a run saved with :func:`simpan_snapshot` (no re-validation).

    Only for the snapshot a run made itself and hands to its notebook explicitly: a
    pickle runs code when read, so ``muat_data`` never loads a snapshot on its own, and
    the file must still have the SHA-256 recorded when it was written."""
    folder = Path(folder)
    try:
        catatan = json.loads((folder / BERKAS_SNAPSHOT).read_text(encoding="utf-8"))
        harapan = catatan["data"]["sha256"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise DataIKUError(Masalah(str(folder), "bukan snapshot yang dibuat oleh iku-report "
                                   f"({BERKAS_SNAPSHOT} tidak terbaca)")) from e
    if _sha256(folder / DATA_SNAPSHOT) != harapan:
        raise DataIKUError(Masalah(str(folder), f"{DATA_SNAPSHOT} berubah sejak snapshot "
                                   "dibuat; jalankan ulang iku-report"))
    with open(folder / DATA_SNAPSHOT, "rb") as f:
        data = pickle.load(f)
    if not isinstance(data, DataIKU):
        raise TypeError(f"{folder} bukan snapshot data IKU")
    return data


