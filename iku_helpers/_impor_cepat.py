"""Faster imports for the report process: defer ``rfc3987_syntax`` until it is used.

``jsonschema`` (imported by ``nbformat``) imports ``rfc3987_syntax`` when it is
installed (JupyterLab's ``jupyter-events`` asks for it), and that module builds a Lark
grammar at import time: about 1 s in every process that imports nbformat, for an "iri"
format checker the report never uses (nbformat validates with fastjsonschema).

``tunda_rfc3987_syntax()`` puts a small stand-in module in ``sys.modules`` before
jsonschema is imported. The stand-in has the one name jsonschema takes from it,
``is_valid_syntax``, which imports the real module the first time it is called, so
nothing is lost: an "iri" check still works, it just pays the grammar when it happens.
Nothing is uninstalled and JupyterLab (another process) is untouched.

Call it first thing in the CLI, before anything imports nbformat/papermill/nbconvert:

    from iku_helpers._impor_cepat import tunda_rfc3987_syntax
    tunda_rfc3987_syntax()
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

_NAMA = "rfc3987_syntax"


def _muat_asli() -> types.ModuleType:
    """Import the real module in place of the stand-in (once) and return it."""
    modul = sys.modules.get(_NAMA)
    if modul is not None and not getattr(modul, "_pengganti_tunda", False):
        return modul
    sys.modules.pop(_NAMA, None)
    return importlib.import_module(_NAMA)


def _pengganti() -> types.ModuleType:
    modul = types.ModuleType(_NAMA, "Stand-in for rfc3987_syntax: the real module is "
                                    "imported on first use (iku_helpers._impor_cepat).")
    modul._pengganti_tunda = True

    def is_valid_syntax(*args, **kwargs):
        return _muat_asli().is_valid_syntax(*args, **kwargs)

    def __getattr__(nama: str):  # any other name: the real module's
        if nama.startswith("__"):
            raise AttributeError(nama)
        return getattr(_muat_asli(), nama)

    modul.is_valid_syntax = is_valid_syntax
    modul.__getattr__ = __getattr__
    return modul


def tunda_rfc3987_syntax() -> bool:
    """Install the stand-in; True when it was installed. Does nothing when the module
    is absent, already imported, or jsonschema was imported already (too late)."""
    if _NAMA in sys.modules or "jsonschema" in sys.modules:
        return False
    if importlib.util.find_spec(_NAMA) is None:
        return False
    sys.modules[_NAMA] = _pengganti()
    return True
