"""Area reference: which codes exist, what they are called, which one is the total.

The default is Sulawesi Tengah (7200) and its 13 kabupaten/kota, shipped with the
package (``referensi/wilayah_sulteng.csv``). A data folder may name another reference
(another province, or a national table with several totals) through the ``wilayah``
entry of ``sumber_data.yaml``; nothing else in the code assumes Sulawesi Tengah.

Columns: kode_wilayah, nama_wilayah, alias (spellings separated by ";"), total
(ya/tidak), and optionally induk (the code of the total an area belongs to; needed
only when the reference holds more than one total, e.g. a national table).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .errors import DataIKUError, Masalah
from .parsing import NilaiTidakValid, normalisasi_nama, parse_ya_tidak


@dataclass(frozen=True)
class ReferensiWilayah:
    tabel: pd.DataFrame  # kode_wilayah (int), nama_wilayah, total (bool), induk (int)
    berkas: str

    @property
    def kode_total(self) -> list[int]:
        return self.tabel.loc[self.tabel["total"], "kode_wilayah"].tolist()

    @property
    def kode_provinsi(self) -> int:
        """The single total code (error if the reference has several)."""
        kode = self.kode_total
        if len(kode) != 1:
            raise DataIKUError(Masalah(self.berkas, "referensi wilayah harus punya tepat satu "
                                       f"baris total, ditemukan {len(kode)}", kolom="total"))
        return kode[0]

    def kode_bagian(self, induk: int | None = None) -> list[int]:
        """Codes of the areas (not totals), optionally only those under one total."""
        bagian = self.tabel[~self.tabel["total"]]
        if induk is not None:
            bagian = bagian[bagian["induk"] == induk]
        return bagian["kode_wilayah"].tolist()

    @cached_property
    def peta_nama(self) -> dict[int, str]:
        """{kode_wilayah: nama_wilayah}, for ``Series.map``."""
        return dict(zip(self.tabel["kode_wilayah"], self.tabel["nama_wilayah"], strict=True))

    def nama(self, kode: int) -> str:
        return self.peta_nama.get(int(kode), str(kode))

    def semua_kode(self) -> set[int]:
        return set(self.tabel["kode_wilayah"])

    def cari_kode(self, nama: object) -> int | None:
        """The code for an area name in any known spelling (the first area in the
        reference that has it), or None."""
        kode = self._indeks_nama.get(normalisasi_nama(nama))
        return kode[0] if kode else None

    def kode_untuk_nama(self, nama: object) -> tuple[int, ...]:
        """Every code a spelling may mean, in reference order (a reference may give one
        spelling to two areas); empty for an unknown spelling."""
        return self._indeks_nama.get(normalisasi_nama(nama), ())

    @cached_property
    def _indeks_nama(self) -> dict[str, tuple[int, ...]]:
        indeks: dict[str, tuple[int, ...]] = {}
        for _, baris in self.tabel.iterrows():
            kode = int(baris["kode_wilayah"])
            for ejaan in [baris["nama_wilayah"], *baris["alias"]]:
                kunci = normalisasi_nama(ejaan)
                if kode not in indeks.get(kunci, ()):
                    indeks[kunci] = (*indeks.get(kunci, ()), kode)
        return indeks


def baca_referensi_wilayah(path: Path | str, nama_berkas: str | None = None) -> ReferensiWilayah:
    """Read and check an area reference CSV/XLSX/Parquet."""
    from .loaders import baca_tabel, tolak_gabungan  # local: loaders imports this module

    path = Path(path)
    nama_berkas = nama_berkas or path.name
    df = baca_tabel(path, nama_berkas, ["kode_wilayah", "nama_wilayah", "total"])
    tolak_gabungan(df, ("kode_wilayah", "nama_wilayah", "total", "alias", "induk"))
    masalah: list[Masalah] = []
    kode, total, alias, induk = [], [], [], []
    for _, baris in df.iterrows():
        nomor = int(baris["_baris"])
        try:
            kode.append(int(float(str(baris["kode_wilayah"]).strip())))
        except ValueError:
            masalah.append(Masalah(nama_berkas, "kode wilayah bukan angka", nomor,
                                   "kode_wilayah", baris["kode_wilayah"]))
            kode.append(-1)
        try:
            total.append(parse_ya_tidak(baris["total"]))
        except NilaiTidakValid as e:
            masalah.append(Masalah(nama_berkas, str(e), nomor, "total", baris["total"]))
            total.append(False)
        teks_alias = baris.get("alias", "")
        alias.append(tuple(a.strip() for a in str(teks_alias).split(";") if a.strip())
                     if isinstance(teks_alias, str) else ())
        nilai_induk = baris.get("induk")
        induk.append(int(float(nilai_induk)) if isinstance(nilai_induk, (int, float, str))
                     and str(nilai_induk).strip() not in ("", "nan") else None)
    if masalah:
        raise DataIKUError(masalah)
    tabel = pd.DataFrame({
        "kode_wilayah": kode,
        "nama_wilayah": df["nama_wilayah"].astype(str).str.strip().tolist(),
        "alias": alias,
        "total": total,
        "induk": induk,
    })
    if not tabel["total"].any():
        raise DataIKUError(Masalah(nama_berkas, "tidak ada baris total (total = ya)",
                                   kolom="total"))
    totals = tabel.loc[tabel["total"], "kode_wilayah"].tolist()
    if len(totals) == 1:
        tabel["induk"] = [None if t else totals[0] for t in tabel["total"]]
    duplikat = tabel["kode_wilayah"].duplicated()
    if duplikat.any():
        i = int(duplikat.idxmax())
        raise DataIKUError(Masalah(nama_berkas, "kode wilayah ganda", int(df["_baris"].iloc[i]),
                                   "kode_wilayah", int(tabel["kode_wilayah"].iloc[i])))
    return ReferensiWilayah(tabel=tabel, berkas=nama_berkas)
