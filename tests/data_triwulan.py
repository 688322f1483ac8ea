"""A hand-worked quarterly data set on the mini folder (tests/conftest.py).

Year 2025 by quarter (a row counts from its quarter on):

    IKU2 (koperasi, column triwulan): K1 TW1 improved; K2 TW2 no RAT; K3 TW3 volume tie;
         K4 TW4 no 2024 row.   TW1 1/1 = 100,00  TW2 1/2 = 50,00  TW3 1/3 = 33,33
         TW4 1/4 = 25,00 (= the annual figure)
    IKU3 (usaha kecil, column tanggal): U1 15-01 ya, U2 31-03 ya (TW1); U3 01-04 ya,
         U4 30-06 tidak (TW2); U5 01-07 tidak, U6 30-09 tidak (TW3); U7 01-10 tidak,
         U8 31-12 tidak (TW4).  TW1 2/2 = 100,00  TW2 3/4 = 75,00  TW3 3/6 = 50,00
         TW4 3/8 = 37,50 (= annual)
    IKU1 (nilai akhir, Sakernas Agustus released in November): TW1-TW3 use 2024:
         (40+60)+(30+17) = 147 / 9.800 = 1,50 %; TW4 uses 2025: 160 / 10.000 = 1,60 %
    IKU4 (nilai akhir, review known in December): TW1-TW3 2024's 65,50; TW4 70,00

Perjanjian Kinerja 2025 (year / TW1..TW4):
    IKU1 1,60 / 1,50 1,52 1,55 1,60     IKU2 40 / 10 20 30 40
    IKU3 60 / 50 55 60 60               IKU4 68 / 65,5 65,5 65,5 68

TW3 2025 by hand: IKU1 1,50/1,55 = 96,77 % perlu perhatian; IKU2 33,33/30 = 111,10 %
on track; IKU3 50/60 = 83,33 % tidak tercapai; IKU4 65,5/65,5 = 100 % on track.
Still needed for the year's target: IKU1 157 - 147 = 10 tenaga kerja (156/9.800 = 1,59,
157/9.800 = 1,60); IKU2 2 of 3 - 1 = 1 koperasi; IKU3 4 of 6 - 3 = 1 usaha kecil;
IKU4 68 - 65,5 = 2,5 poin. Change from TW2: IKU2 -16,67; IKU3 -25,00; IKU1, IKU4 0.
Largest contributors: IKU1 Kota Dua 63 - 47 = 16 (Kab. Satu 100/5.900 = 1,69 % is
above); IKU2 Kota Dua 1 (K3 only, 0/1); IKU3 Kota Dua 1 (1 of 3; Kab. Satu 2 of 3).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import TABEL_MINI, tulis_folder_data

KOPERASI_TW = [
    "tahun,triwulan,nomor_induk_koperasi,nama_koperasi,kode_wilayah,rat,volume_usaha,aset",
    "2024,2,K1,Koperasi Satu,9901,ya,100,50",
    "2024,3,K2,Koperasi Dua,9901,ya,100,50",
    "2024,4,K3,Koperasi Tiga,9902,ya,100,50",
    "2025,1,K1,Koperasi Satu,9901,ya,110,60",
    "2025,2,K2,Koperasi Dua,9901,tidak,120,70",
    "2025,3,K3,Koperasi Tiga,9902,ya,100,55",
    "2025,4,K4,Koperasi Empat,9902,ya,500,500",
]
USAHA_KECIL_TGL = [
    "tahun,tanggal,id_usaha,nama_usaha,kode_wilayah,menjadi_wirausaha",
    "2024,2024-05-01,U1,Usaha A,9901,ya",
    "2024,11/11/2024,U2,Usaha B,9901,tidak",
    "2025,2025-01-15,U1,Usaha A,9901,ya",
    "2025,2025-03-31,U2,Usaha B,9901,YA",
    "2025,2025-04-01,U3,Usaha C,9902,ya",
    "2025,2025-06-30,U4,Usaha D,9902,tidak",
    "2025,2025-07-01,U5,Usaha E,9902,t",
    "2025,30/09/2025,U6,Usaha F,9901,0",
    "2025,2025-10-01,U7,Usaha G,9901,false",
    "2025,2025-12-31,U8,Usaha H,9902,Tidak",
]
PK_TW = [
    "tahun,kode_iku,target,target_tw1,target_tw2,target_tw3,target_tw4",
    "2025,IKU1,1.60,1.50,1.52,1.55,1.60",
    "2025,IKU2,40,10,20,30,40",
    "2025,IKU3,60,50,55,60,60",
    "2025,IKU4,68,65.5,65.5,65.5,68",
]


def tulis_folder_triwulan(folder: Path, ubah: dict | None = None,
                          pengaturan: dict | None = None, dengan_pk: bool = True) -> Path:
    """The mini folder with quarters (koperasi by triwulan, usaha kecil by tanggal) and a
    Perjanjian Kinerja with TW targets; ``ubah`` replaces whole files as in conftest."""
    tabel = {"evaluasi_koperasi.csv": KOPERASI_TW, "evaluasi_usaha_kecil.csv": USAHA_KECIL_TGL,
             **({"perjanjian_kinerja.csv": PK_TW} if dengan_pk else {}), **(ubah or {})}
    tulis_folder_data(folder, ubah={k: v for k, v in tabel.items() if k in TABEL_MINI})
    for nama, baris in tabel.items():
        if nama not in TABEL_MINI and baris is not None:
            (folder / nama).write_text("\n".join(baris) + "\n", encoding="utf-8")
    manifest = yaml.safe_load((folder / "sumber_data.yaml").read_text(encoding="utf-8"))
    if dengan_pk:
        manifest["data"]["perjanjian_kinerja"] = {"berkas": "perjanjian_kinerja.csv",
                                                  "sumber": "PK uji", "status": "contoh"}
    if pengaturan:
        manifest["pengaturan"] = pengaturan
    (folder / "sumber_data.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                             encoding="utf-8")
    return folder
