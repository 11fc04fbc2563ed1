"""The C kernels (``valuation/_native.c``): preferred when built, checked arguments, and no numba loaded."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tests.kernels import select_kernels
from valuation import compiled, coverage_kernel, native

ROOT = native.library_path().parents[1]


@pytest.fixture
def c_kernels(monkeypatch):
    select_kernels("C", monkeypatch)


@pytest.mark.usefixtures("c_kernels")
def test_the_c_library_is_preferred_and_costs_nothing_to_load(monkeypatch):
    assert native.library().swc_abi_version() == native.ABI_VERSION
    assert isinstance(coverage_kernel.kernel().__self__, native.Coverage)
    assert coverage_kernel.describe() == "compiled (C, _native.so); window edges read from GEOS"
    monkeypatch.delitem(sys.modules, "numba", raising=False)
    assert compiled.ready()  # no numba to import first
    monkeypatch.setenv("SWC_NO_NUMBA", "1")  # every compiled kernel off
    assert not compiled.ready()


def test_without_the_library_numba_runs_and_must_be_loaded_first(monkeypatch):
    select_kernels("numba", monkeypatch)
    assert native.library() is None
    assert coverage_kernel.describe().startswith("compiled (numba")
    monkeypatch.delitem(sys.modules, "numba")
    assert not compiled.ready()  # numba would have to be imported: small tables stay with Python


@pytest.mark.usefixtures("c_kernels")
def test_arrays_of_another_type_or_shape_are_refused():
    """numba refuses arrays of another type; the C stand-ins check what they hand to C instead of writing
    past a buffer."""
    read = native.GpkgRead(native.library())
    geom = np.zeros(20, np.uint8)
    start, end = np.array([0, 5]), np.array([5, 20])
    with pytest.raises(TypeError):
        read.plain_polygonal(geom.astype(np.uint16), start, end, np.zeros(2, bool))
    with pytest.raises(TypeError):
        read.plain_polygonal(geom, start, end, np.zeros(4, bool)[::2])  # not contiguous
    with pytest.raises(ValueError):
        read.plain_polygonal(geom, start, np.array([5, 21]), np.zeros(2, bool))  # past the buffer
    with pytest.raises(ValueError):
        read.gather(geom, start, end, np.zeros(2, bool), np.zeros(10, np.uint8))  # 20 bytes + 2 NULs
    cov = native.Coverage(native.library())
    e = np.zeros(3)
    with pytest.raises(ValueError):
        cov.coverage(e, e, e, e, e, np.zeros(2, np.int64), np.array([0, 3]), 4, 4, 10)
    with pytest.raises(ValueError):
        cov.coverage(e, e, e, e, e, np.zeros(3, np.int64), np.array([0, 3, 1]), 4, 4, 10)


def test_coverage_in_a_fresh_interpreter_does_not_import_numba():
    """With the C library built, the coverage of a block (here a box, whose area is known) runs in C and numba
    (0.7 s of every process) is never imported."""
    if not native.library_path().is_file():
        pytest.skip("the C kernels are not built (scripts/build_native.sh)")
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import numpy as np, shapely
from affine import Affine
from valuation import blockwise, coverage_kernel, rasters
g = rasters.Grid("EPSG:4545", Affine(1, 0, 0, 0, -1, 40), 50, 40)
geoms = blockwise.prepare_geometries(np.array([shapely.box(3.5, 2.5, 20.2, 30.7)], dtype=object))
cov = blockwise.block_coverage(geoms, np.array([0]), g)
assert abs(cov.weights(1)[0] - 16.7 * 28.2) < 1e-9, cov.weights(1)
print(coverage_kernel.describe(), "|", "numba" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["compiled", "(C,", "_native.so);", "window", "edges", "read", "from", "GEOS", "|",
                                  "False"], out.stdout + out.stderr
