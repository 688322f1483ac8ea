"""Budget, Perjanjian Kinerja and comparison inputs of the LKjIP: pure computations.

Nothing here reads files or checks data: every function takes validated DataFrames (the
tables ``anggaran``, ``perjanjian_kinerja`` and ``pembanding`` as ``muat_data`` returns
them; their schemas and cross-table checks live in ``validasi.SKEMA`` and
``data_iku.PEMERIKSAAN_SILANG``) or plain numbers, and returns values, DataFrames and
Indonesian sentences.

Conventions (documented in data/README.md):

* serapan = realisasi / pagu x 100, rounded half up to 2 decimals; with pagu 0 it is
  not measurable (None) and the reason is given.
* A program is one program however its name is capitalised or spaced: rows are grouped on
  the name with letter case and runs of spaces ignored, printed as first written, and
  differing spellings are named in a warning.
* Efficiency method ``rasio`` (default): indeks efisiensi = capaian / serapan, both the
  published (rounded) percentages, rounded half up to 2 decimals; above 1 efficient.
  Method ``sisa_anggaran``: when capaian >= 100, efficiency = (pagu - realisasi) / pagu
  x 100 (the share of the budget saved); below 100 "tidak efisien".
* The Perjanjian Kinerja target of a year, when present, is the target measured
  against (``nasional.target_periode``); a PK target that differs from the Renstra's is
  named in one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from .errors import Peringatan
from .format_id import angka, gabung_kata, nama_iku, persen
from .format_id import poin as fmt_poin
from .indikator import bulatkan
from .parsing import kunci_nama

#: Columns of the ``anggaran-iku-<tahun>.csv`` output, in this order.
KOLOM_CSV_ANGGARAN_IKU = ("kode_iku", "pagu", "realisasi", "serapan_persen", "capaian_persen",
                          "indeks_efisiensi")

METODE_RASIO = "rasio"
METODE_SISA_ANGGARAN = "sisa_anggaran"
METODE_EFISIENSI = (METODE_RASIO, METODE_SISA_ANGGARAN)
METODE_BAWAAN = METODE_RASIO

#: One sentence per method, for the report (the method must be stated there).
PENJELASAN_METODE = {
    METODE_RASIO: (
        "Efisiensi diukur dengan indeks efisiensi, yaitu capaian kinerja (%) dibagi serapan "
        "anggaran (%), dibulatkan dua desimal; nilai di atas 1 berarti efisien (capaian lebih "
        "tinggi daripada anggaran yang terserap), tepat 1,00 berarti sebanding, nilai di "
        "bawah 1 berarti kurang efisien. Indeks ini membandingkan capaian dengan serapan "
        "anggaran; tercapai atau tidaknya target dinilai tersendiri pada capaian IKU."),
    METODE_SISA_ANGGARAN: (
        "Efisiensi diukur dengan sisa anggaran: jika capaian mencapai 100%, efisiensi adalah "
        "(pagu - realisasi) / pagu x 100, yaitu bagian anggaran yang dihemat; jika capaian "
        "di bawah 100%, penggunaan anggaran dinilai tidak efisien."),
}

LABEL_EFISIEN = "efisien"
LABEL_SEBANDING = "sebanding"
LABEL_KURANG_EFISIEN = "kurang efisien"
LABEL_TIDAK_EFISIEN = "tidak efisien"
LABEL_TANPA_SISA = "tanpa penghematan"
LABEL_TIDAK_TERUKUR = "tidak terukur"

#: Labels of the per-IKU budget table's closing rows (``RingkasanAnggaran.baris_penutup``).
LABEL_TIDAK_DIKAITKAN = "Tidak dikaitkan dengan satu IKU"
LABEL_JUMLAH = "Jumlah"

ALASAN_PAGU_NOL = "pagu Rp0: serapan anggaran tidak dapat dihitung (pembagian dengan nol)"


def _kosong(x: object) -> bool:
    return x is None or (not isinstance(x, str) and bool(pd.isna(x)))


# --------------------------------------------------------------------------- serapan


def serapan_dengan_alasan(pagu: float, realisasi: float) -> tuple[float | None, str | None]:
    """(serapan %, None), or (None, reason) when it cannot be measured (pagu 0)."""
    if _kosong(pagu) or _kosong(realisasi):
        return None, "pagu atau realisasi anggaran tidak diisi"
    if pagu == 0:
        return None, ALASAN_PAGU_NOL
    # Exact decimal quotient first, so that a true half (12,345) is not lost to binary
    # floating point before rounding half up.
    hasil = Decimal(str(realisasi)) * 100 / Decimal(str(pagu))
    return bulatkan(float(hasil)), None


def serapan(pagu: float, realisasi: float) -> float | None:
    """realisasi / pagu x 100, 2 decimals half up; None when pagu is 0 (see the reason
    with `serapan_dengan_alasan`)."""
    return serapan_dengan_alasan(pagu, realisasi)[0]


# --------------------------------------------------------------------------- efisiensi


@dataclass(frozen=True)
class Efisiensi:
    """The efficiency of one IKU under one method, labelled for the report."""

    metode: str
    nilai: float | None
    label: str
    penjelasan: str  # the method, in one sentence
    alasan: str | None = None  # why it is not measurable, when nilai is None and it isn't


def indeks_efisiensi(capaian: float | None, serapan_persen: float | None) -> float | None:
    """capaian / serapan, 2 decimals half up; None when either is missing or serapan 0."""
    if _kosong(capaian) or _kosong(serapan_persen) or serapan_persen == 0:
        return None
    return bulatkan(float(Decimal(str(capaian)) / Decimal(str(serapan_persen))))


def sisa_anggaran_persen(pagu: float, realisasi: float) -> float | None:
    """(pagu - realisasi) / pagu x 100, 2 decimals half up; None when pagu is 0."""
    if _kosong(pagu) or _kosong(realisasi) or pagu == 0:
        return None
    return bulatkan(float((Decimal(str(pagu)) - Decimal(str(realisasi))) * 100
                          / Decimal(str(pagu))))


def hitung_efisiensi(capaian: float | None, pagu: float | None, realisasi: float | None,
                     metode: str = METODE_BAWAAN) -> Efisiensi:
    """Efficiency of one IKU: value, Indonesian label and the method's explanation."""
    if metode not in METODE_EFISIENSI:
        raise ValueError(f"metode efisiensi tidak dikenal: {metode!r} (pilih "
                         f"{' atau '.join(METODE_EFISIENSI)})")
    penjelasan = PENJELASAN_METODE[metode]

    def tidak_terukur(alasan: str) -> Efisiensi:
        return Efisiensi(metode, None, LABEL_TIDAK_TERUKUR, penjelasan, alasan)

    if _kosong(pagu) or _kosong(realisasi):
        return tidak_terukur("tidak ada baris anggaran untuk IKU ini")
    serapan_persen, alasan = serapan_dengan_alasan(pagu, realisasi)
    if serapan_persen is None:
        return tidak_terukur(alasan)
    if _kosong(capaian):
        return tidak_terukur("capaian kinerja tidak terukur")
    if metode == METODE_RASIO:
        if serapan_persen == 0:
            return tidak_terukur("anggaran belum terserap (serapan 0%)")
        nilai = indeks_efisiensi(capaian, serapan_persen)
        label = (LABEL_EFISIEN if nilai > 1 else LABEL_SEBANDING if nilai == 1
                 else LABEL_KURANG_EFISIEN)
        return Efisiensi(metode, nilai, label, penjelasan)
    if capaian < 100:
        return Efisiensi(metode, None, LABEL_TIDAK_EFISIEN, penjelasan)
    nilai = sisa_anggaran_persen(pagu, realisasi)
    return Efisiensi(metode, nilai, LABEL_EFISIEN if nilai > 0 else LABEL_TANPA_SISA,
                     penjelasan)


# --------------------------------------------------------------------------- aggregation


@dataclass
class RingkasanAnggaran:
    """Budget of one year: per program, per IKU, totals, warnings and sentences."""

    tahun: int
    metode: str
    per_program: pd.DataFrame  # program, pagu, realisasi, serapan_persen
    per_iku: pd.DataFrame      # KOLOM_CSV_ANGGARAN_IKU + porsi_anggaran_persen + efficiency
    total_pagu: int
    total_realisasi: int
    total_serapan_persen: float | None
    kalimat: list[str] = field(default_factory=list)
    peringatan: list[Peringatan] = field(default_factory=list)

    def tabel_csv(self) -> pd.DataFrame:
        """The ``anggaran-iku-<tahun>.csv`` contract: exactly its six columns."""
        return self.per_iku[list(KOLOM_CSV_ANGGARAN_IKU)].copy()

    def baris_penutup(self) -> pd.DataFrame:
        """The per-IKU table's closing rows (PDF and XLSX alike): what no IKU is tagged
        with (salaries, office running costs), when anything, and the year's total, so the
        table adds up to the per-program one and its porsi pagu to 100 %. Columns
        ``kode_iku`` (the row's label), pagu, realisasi, serapan_persen,
        porsi_anggaran_persen."""
        ada = self.per_iku["pagu"].notna()
        sisa_pagu = int(self.total_pagu - self.per_iku.loc[ada, "pagu"].sum())
        sisa_realisasi = int(self.total_realisasi - self.per_iku.loc[ada, "realisasi"].sum())
        baris = []
        if sisa_pagu or sisa_realisasi:
            baris.append((LABEL_TIDAK_DIKAITKAN, sisa_pagu, sisa_realisasi,
                          serapan(sisa_pagu, sisa_realisasi), serapan(self.total_pagu,
                                                                      sisa_pagu)))
        baris.append((LABEL_JUMLAH, self.total_pagu, self.total_realisasi,
                      self.total_serapan_persen, 100.0 if self.total_pagu else None))
        return pd.DataFrame(baris, columns=["kode_iku", "pagu", "realisasi", "serapan_persen",
                                            "porsi_anggaran_persen"])


def _baris_spreadsheet(df: pd.DataFrame) -> list[int]:
    if "_baris" in df.columns:
        return [int(b) for b in df["_baris"]]
    return [i + 2 for i in range(len(df))]


def _kode_iku_bersih(seri: pd.Series) -> pd.Series:
    return seri.astype(object).where(seri.notna(), "").astype(str).str.strip()


def _peringatan_ejaan_program(baris: pd.DataFrame, kunci: pd.Series, berkas: str
                              ) -> list[Peringatan]:
    """One warning per program written in more than one way, naming each spelling with
    its spreadsheet rows (``baris`` has columns program and _baris_ss)."""
    temuan = []
    for _, kelompok in baris.groupby(kunci, sort=False):
        ejaan: dict[str, list[int]] = {}
        for nama, nomor in zip(kelompok["program"], kelompok["_baris_ss"], strict=True):
            ejaan.setdefault(str(nama), []).append(int(nomor))
        if len(ejaan) < 2:
            continue
        rincian = gabung_kata([f"'{nama}' (baris {', '.join(str(b) for b in nomor)})"
                               for nama, nomor in ejaan.items()])
        pertama = next(iter(ejaan))
        temuan.append(Peringatan.di(
            berkas, "nama program yang sama ditulis dengan huruf besar/kecil atau spasi "
            f"berbeda: {rincian}; baris-baris ini dijumlahkan sebagai satu program dan "
            f"dicetak '{pertama}'. Seragamkan penulisannya", kolom="program"))
    return temuan


def kalimat_pagu_nol(per_program: pd.DataFrame, per_iku: pd.DataFrame) -> str | None:
    """The sentence naming the programs and IKU whose serapan cannot be measured because
    their pagu is 0 (the reason the report promises), or None."""
    nama = [str(p) for p, pagu in zip(per_program["program"], per_program["pagu"], strict=True)
            if pagu == 0]
    nama += [nama_iku(k) for k, pagu in zip(per_iku["kode_iku"], per_iku["pagu"], strict=True)
             if not _kosong(pagu) and pagu == 0]
    if not nama:
        return None
    return (f"Serapan anggaran {gabung_kata(nama)} tidak dapat dihitung karena pagunya Rp0 "
            "(pembagian dengan nol).")


def ringkas_anggaran(anggaran: pd.DataFrame, hasil: pd.DataFrame, tahun: int,
                     metode: str = METODE_BAWAAN, berkas: str = "anggaran.csv",
                     kode_iku: list[str] | None = None) -> RingkasanAnggaran:
    """Realisasi anggaran of one year per program and per IKU, with efficiency.

    (Realisasi above pagu is accepted by the loader with a warning naming file, row and
    column: ``data_iku.periksa_anggaran``; it is simply counted here.)

    ``anggaran``: validated rows (tahun, kode_rekening, program, kegiatan, sub_kegiatan,
    kode_iku - empty for support lines -, pagu, realisasi). ``hasil``: the results table,
    at least kode_iku and capaian_persen (filtered on ``tahun`` when it has that column).
    ``kode_iku``: the IKU to report (default: those of ``hasil``, in its order).
    """
    if metode not in METODE_EFISIENSI:
        raise ValueError(f"metode efisiensi tidak dikenal: {metode!r}")
    # spreadsheet rows numbered on the whole table, before the year is picked
    anggaran = anggaran.assign(_baris_ss=_baris_spreadsheet(anggaran))
    tahun_ini = anggaran[anggaran["tahun"] == tahun].copy()
    tahun_ini["kode_iku"] = _kode_iku_bersih(tahun_ini["kode_iku"])
    if "tahun" in hasil.columns:
        hasil = hasil[hasil["tahun"] == tahun]
    capaian = dict(zip(hasil["kode_iku"], hasil["capaian_persen"], strict=True))
    daftar_iku = list(kode_iku) if kode_iku is not None else list(hasil["kode_iku"])

    total_pagu = int(tahun_ini["pagu"].sum())
    total_realisasi = int(tahun_ini["realisasi"].sum())

    # one program however its name is capitalised or spaced, named as first written
    kunci = tahun_ini["program"].map(kunci_nama).rename("_kunci_program")
    kelompok = tahun_ini.groupby(kunci, sort=False)
    program = kelompok[["pagu", "realisasi"]].sum()
    program.insert(0, "program", kelompok["program"].first())
    program = program.reset_index(drop=True)
    program["pagu"] = program["pagu"].astype("int64")
    program["realisasi"] = program["realisasi"].astype("int64")
    program["serapan_persen"] = [serapan(p, r) for p, r in
                                 zip(program["pagu"], program["realisasi"], strict=True)]

    per_iku_jumlah = tahun_ini[tahun_ini["kode_iku"] != ""].groupby("kode_iku")[
        ["pagu", "realisasi"]].sum()
    rekaman = []
    tanpa_anggaran = []
    for kode in daftar_iku:
        c = capaian.get(kode)
        c = None if _kosong(c) else float(c)
        if kode in per_iku_jumlah.index:
            pagu = int(per_iku_jumlah.at[kode, "pagu"])
            realisasi = int(per_iku_jumlah.at[kode, "realisasi"])
            s = serapan(pagu, realisasi)
            porsi = serapan(total_pagu, pagu)  # pagu / total pagu x 100, same rounding
        else:
            tanpa_anggaran.append(kode)
            pagu = realisasi = s = porsi = None
        efisiensi = hitung_efisiensi(c, pagu, realisasi, metode)
        rekaman.append({
            "kode_iku": kode, "pagu": pagu, "realisasi": realisasi, "serapan_persen": s,
            "capaian_persen": c, "indeks_efisiensi": indeks_efisiensi(c, s),
            "porsi_anggaran_persen": porsi, "metode_efisiensi": metode,
            "nilai_efisiensi": efisiensi.nilai, "label_efisiensi": efisiensi.label,
            "alasan_efisiensi": efisiensi.alasan,
        })
    per_iku = pd.DataFrame(rekaman, columns=[
        *KOLOM_CSV_ANGGARAN_IKU, "porsi_anggaran_persen", "metode_efisiensi",
        "nilai_efisiensi", "label_efisiensi", "alasan_efisiensi"])
    for k in ("pagu", "realisasi"):
        per_iku[k] = per_iku[k].astype("Int64")
    for k in ("serapan_persen", "capaian_persen", "indeks_efisiensi", "porsi_anggaran_persen",
              "nilai_efisiensi"):
        per_iku[k] = per_iku[k].astype("float64")

    kalimat = []
    if tahun_ini.empty:
        kalimat.append(f"Berkas '{berkas}' tidak memuat baris anggaran tahun {tahun}; "
                       "realisasi anggaran dan efisiensi tidak dapat dihitung.")
    elif tanpa_anggaran:
        kalimat.append(f"{gabung_kata(tanpa_anggaran)} tidak memiliki baris anggaran tahun "
                       f"{tahun} di berkas '{berkas}', sehingga serapan dan efisiensinya "
                       "tidak dapat dihitung.")
    if (nol := kalimat_pagu_nol(program, per_iku)) is not None:
        kalimat.append(nol)
    kalimat.append(kalimat_terserap_tidak_tercapai(per_iku))
    return RingkasanAnggaran(
        tahun=tahun, metode=metode, per_program=program, per_iku=per_iku,
        total_pagu=total_pagu, total_realisasi=total_realisasi,
        total_serapan_persen=serapan(total_pagu, total_realisasi), kalimat=kalimat,
        peringatan=_peringatan_ejaan_program(tahun_ini, kunci, berkas))


def kalimat_terserap_tidak_tercapai(per_iku: pd.DataFrame) -> str:
    """The sentence naming the IKU where money was spent and the target was missed."""
    gagal = per_iku[(per_iku["realisasi"].fillna(0) > 0)
                    & (per_iku["capaian_persen"] < 100)]
    if gagal.empty:
        return ("Tidak ada IKU yang anggarannya terserap sementara targetnya tidak tercapai.")
    rincian = [f"{nama_iku(r.kode_iku)} (serapan {persen(r.serapan_persen)}, capaian "
               f"{persen(r.capaian_persen)})" for r in gagal.itertuples()]
    return ("Anggaran telah terserap tetapi target tidak tercapai pada "
            f"{gabung_kata(rincian)}.")


# --------------------------------------------------------------------------- Perjanjian Kinerja

KALIMAT_PK_SAMA = "target PK sama dengan target Renstra"


def format_nilai(nilai: float, satuan: str = "%") -> str:
    """A target or value as the report writes it: "1,54%" for percentages, "66,00" else."""
    return persen(nilai) if satuan.strip() == "%" else angka(nilai)


def kalimat_target_pk(tahun: int, target: float | None, target_renstra: float | None,
                      satuan: str = "%") -> str:
    """The sentence on the PK target of a year: "target PK 2025 1,50% berbeda dari target
    Renstra 1,54%", or "target PK sama dengan target Renstra" when there is no PK target
    (``target`` is then the Renstra one) or both are equal to 2 decimals.

    ``target``: the target measured against (``nasional.target_periode``: the PK's when
    the folder has one, else the Renstra's); ``target_renstra``: the Renstra's.
    """
    if _kosong(target):
        return KALIMAT_PK_SAMA if _kosong(target_renstra) else (
            f"target PK {tahun} tidak ada; target Renstra "
            f"{format_nilai(target_renstra, satuan)} dipakai")
    if _kosong(target_renstra):
        return (f"target PK {tahun} {format_nilai(target, satuan)}; target Renstra tahun ini "
                "tidak ada")
    if bulatkan(float(target)) == bulatkan(float(target_renstra)):
        return KALIMAT_PK_SAMA
    return (f"target PK {tahun} {format_nilai(target, satuan)} berbeda dari target Renstra "
            f"{format_nilai(target_renstra, satuan)}")


# --------------------------------------------------------------------------- pembanding


@dataclass
class Perbandingan:
    """The year's values against every pembanding, and the sentence for IKU without one."""

    tabel: pd.DataFrame  # kode_iku, pembanding, nilai, sumber, realisasi, selisih
    tanpa_pembanding: list[str]
    kalimat_tanpa_pembanding: str | None


def bandingkan(hasil: pd.DataFrame, pembanding: pd.DataFrame | None, tahun: int
               ) -> Perbandingan:
    """selisih = realisasi - nilai (2 decimals half up) for each pembanding of each IKU.

    ``hasil``: kode_iku and realisasi (filtered on ``tahun`` when it has that column), in
    report order. IKU without any pembanding are named once, in one sentence.
    """
    if "tahun" in hasil.columns:
        hasil = hasil[hasil["tahun"] == tahun]
    if pembanding is None:
        pembanding = pd.DataFrame(columns=["tahun", "kode_iku", "pembanding", "nilai",
                                           "sumber"])
    pb = pembanding[pembanding["tahun"] == tahun]
    rekaman = []
    tanpa = []
    for kode, realisasi in zip(hasil["kode_iku"], hasil["realisasi"], strict=True):
        baris = pb[pb["kode_iku"] == kode]
        if baris.empty:
            tanpa.append(kode)
            continue
        r = None if _kosong(realisasi) else float(realisasi)
        for b in baris.itertuples():
            selisih = None if r is None else bulatkan(
                float(Decimal(str(r)) - Decimal(str(float(b.nilai)))))
            rekaman.append({"kode_iku": kode, "pembanding": b.pembanding,
                            "nilai": float(b.nilai), "sumber": b.sumber, "realisasi": r,
                            "selisih": selisih})
    tabel = pd.DataFrame(rekaman, columns=["kode_iku", "pembanding", "nilai", "sumber",
                                           "realisasi", "selisih"])
    kalimat = None
    if tanpa:
        if len(tanpa) == len(hasil):
            kalimat = (f"Belum ada data pembanding (standar nasional, provinsi lain atau target "
                       f"kementerian) tahun {tahun} untuk IKU mana pun.")
        else:
            kalimat = (f"Belum ada data pembanding (standar nasional, provinsi lain atau target "
                       f"kementerian) tahun {tahun} untuk {gabung_kata(tanpa)}.")
    return Perbandingan(tabel, tanpa, kalimat)


def kalimat_selisih(kode_iku: str, pembanding: str, realisasi: float, nilai: float,
                    selisih: float, sumber: str, satuan: str = "%") -> str:
    """"Realisasi IKU 1 sebesar 1,05% berada 0,45 poin persen di bawah Nasional (1,50%;
    sumber: ...)."; an index differs in "poin indeks"."""
    if selisih is None:
        return f"Realisasi {kode_iku} tidak terukur, sehingga tidak dapat dibandingkan."
    poin = fmt_poin(satuan)
    letak = ("sama dengan" if selisih == 0 else
             f"berada {angka(abs(selisih))} {poin} {'di atas' if selisih > 0 else 'di bawah'}")
    return (f"Realisasi {kode_iku} sebesar {format_nilai(realisasi, satuan)} {letak} {pembanding} "
            f"({format_nilai(nilai, satuan)}; sumber: {sumber}).")
