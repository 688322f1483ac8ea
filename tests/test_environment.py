"""environment.yml (conda) and pyproject.toml (pip) must name the same packages."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _nama(spesifikasi: str) -> str:
    return re.split(r"[<>=!~ \[]", spesifikasi.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _batas(spesifikasi: str) -> str:
    return spesifikasi.strip()[len(_nama(spesifikasi)):].replace(" ", "")


def test_environment_yml_matches_pyproject():
    proyek = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip = proyek["dependencies"] + proyek["optional-dependencies"]["dev"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)
             and _nama(d) not in ("python", "pip")]
    assert {_nama(d): _batas(d) for d in conda} == {_nama(d): _batas(d) for d in pip}


def test_environment_yml_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_bagian = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert pip_bagian and "-e ." in pip_bagian[0]["pip"]
