"""Print the mutation score from mutmut's results (mutants/**/*.meta), and the survivors.

    score = killed / (mutants run - documented equivalents) x 100

A mutant that no selected test reaches ("no tests") counts as not killed. Equivalent
mutants are listed in tests/mutasi_ekuivalen.txt, one per line: ``<mutant name> | <why it
cannot change any result>``. Mutants not run yet (an interrupted run) are counted and
named, and left out of the score. Exit code 1 when the score is below ``--minimum``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EKUIVALEN = ROOT / "tests" / "mutasi_ekuivalen.txt"

# mutmut 3's exit codes (mutmut/stats.py): 1 and 3 kill, 0 survives, 5/33 no tests, the
# timeouts (signals) count as killed as mutmut itself counts them.
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests",
          34: "skipped", 35: "suspicious", 36: "timeout", -24: "timeout", 24: "timeout",
          152: "timeout", 255: "timeout", 37: "caught by type check", -11: "segfault",
          -9: "segfault"}


def baca_hasil(folder: Path) -> dict[str, str | None]:
    """Mutant name -> status (None: not run yet)."""
    hasil: dict[str, str | None] = {}
    for meta in sorted(folder.rglob("*.meta")):
        isi = json.loads(meta.read_text(encoding="utf-8"))
        for nama, kode in isi.get("exit_code_by_key", {}).items():
            hasil[nama] = None if kode is None else STATUS.get(kode, "suspicious")
    return hasil


def baca_ekuivalen(path: Path) -> dict[str, str]:
    """Mutant name -> the reason it is equivalent."""
    daftar = {}
    if not path.exists():
        return daftar
    for baris in path.read_text(encoding="utf-8").splitlines():
        baris = baris.strip()
        if not baris or baris.startswith("#"):
            continue
        nama, _, alasan = baris.partition("|")
        if not alasan.strip():
            sys.exit(f"{path.name}: '{nama.strip()}' tanpa alasan (format: nama | alasan)")
        daftar[nama.strip()] = alasan.strip()
    return daftar


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "mutants")
    parser.add_argument("--minimum", type=float, default=90.0)
    arg = parser.parse_args(argv)

    hasil = baca_hasil(arg.folder)
    if not hasil:
        print(f"Tidak ada hasil mutmut di {arg.folder}; jalankan 'make mutasi'.")
        return 1
    ekuivalen = baca_ekuivalen(EKUIVALEN)
    hitung = Counter(s for s in hasil.values())
    belum = [n for n, s in hasil.items() if s is None]
    dijalankan = {n: s for n, s in hasil.items() if s is not None}
    mati = sum(1 for s in dijalankan.values() if s in ("killed", "timeout"))
    ekuiv_ada = [n for n in ekuivalen if dijalankan.get(n) not in (None, "killed", "timeout")]
    hidup = [n for n, s in dijalankan.items()
             if s not in ("killed", "timeout") and n not in ekuivalen]
    penyebut = len(dijalankan) - len(ekuiv_ada)

    print("Mutasi: " + ", ".join(f"{s or 'belum dijalankan'} {j}" for s, j in
                                 sorted(hitung.items(), key=lambda x: str(x[0]))))
    print(f"Ekuivalen (terdokumentasi di {EKUIVALEN.relative_to(ROOT)}): {len(ekuiv_ada)}")
    for nama in sorted(hidup):
        print(f"  bertahan: {nama} ({dijalankan[nama]})")
    if belum:
        print(f"PERHATIAN: {len(belum)} mutan belum dijalankan (proses terhenti?); skor "
              "hanya atas mutan yang sudah dijalankan.")
    skor = 100.0 * mati / penyebut if penyebut else 0.0
    print(f"Skor mutasi: {mati} / ({len(dijalankan)} - {len(ekuiv_ada)}) = {skor:.1f}% "
          f"(minimum {arg.minimum:.0f}%)")
    return 0 if skor >= arg.minimum and not belum else 1


if __name__ == "__main__":
    sys.exit(main())
