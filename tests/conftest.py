"""Test set-up: make ``valuation`` importable and install this checkout as plugin ``swc_ecovalue``.

The checkout may live in a folder of any name, so a symlink ``.build/plugins/swc_ecovalue``
points at it; processing tests load the plugin from there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
PLUGINS = ROOT / ".build" / "plugins"
REAL_DATA = ROOT.parent / "shared" / "data" / "real"
SAMPLE = ROOT / "resources" / "sample"

PLUGINS.mkdir(parents=True, exist_ok=True)
link = PLUGINS / "swc_ecovalue"
if not link.exists():
    os.symlink(ROOT, link)
for p in (str(ROOT), str(TESTS), str(PLUGINS)):
    if p not in sys.path:
        sys.path.insert(0, p)

import pytest  # noqa: E402

from tests.kernels import select_kernels  # noqa: E402


@pytest.fixture(params=["C", "numba"])
def compiled_kernels(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs a test once with the C kernels and once with numba's (:func:`tests.kernels.select_kernels`)."""
    select_kernels(request.param, monkeypatch)
    return request.param
