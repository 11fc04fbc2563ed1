"""Choosing the compiled kernels a test runs: the C library (``valuation/_native.so``) or numba's."""

from __future__ import annotations

import importlib
import importlib.util

import pytest


def select_kernels(which: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the compiled kernels ``which`` ("C" or "numba") the ones loaded for the test, in both import names of
    the package (``valuation`` and ``swc_ecovalue.valuation``), skipping the test when they are not there."""
    if which == "numba":
        if importlib.util.find_spec("numba") is None:
            pytest.skip("numba is not installed")
        monkeypatch.setenv("SWC_NO_NATIVE", "1")
    else:
        monkeypatch.delenv("SWC_NO_NATIVE", raising=False)
    for package in ("valuation", "swc_ecovalue.valuation"):
        compiled = importlib.import_module(package + ".compiled")
        native = importlib.import_module(package + ".native")
        monkeypatch.setattr(compiled, "_LOADED", {})
        monkeypatch.setattr(native, "_LIB", {})
        if which == "C" and native.library() is None:
            pytest.skip("the C kernels are not built (scripts/build_native.sh)")
