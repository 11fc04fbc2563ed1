"""Compiled coverage of one block (the C library, else numba), used by :func:`valuation.blockwise.block_coverage`
when there is one; the numpy path there gives the same cells and runs in the same order, fractions equal to
rounding, and is used otherwise. The C library alone also reads a block's window edges straight from the GEOS
geometries (:func:`window_edges`) and sums a chain of products per parcel in one sweep of a block
(:func:`chain_sums`); numpy does that work without it.

Same method as the numpy path (see :mod:`valuation.blockwise`): every window edge is walked through the grid
lines it crosses; each piece adds its own-cell term and its carry to its cell, accumulated per parcel in a
dense scratch box over the parcel's cells; a scan of each row turns them into boundary-cell fractions and the
runs of cells between them. The kernel itself is :mod:`valuation._coverage_numba`; numba compiles it on first
use and keeps the result in ``__pycache__`` (or its user cache when that folder is read-only).

``SWC_NO_NUMBA=1`` in the environment turns it off (numpy path), e.g. to compare the two.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from . import compiled

#: Fixed module name of the kernel's source, whatever this package is imported as.
MODULE = "swc_ecovalue_coverage_numba"


def _module() -> Optional[Any]:
    """The loaded kernels (:func:`valuation.compiled.load`): the C library's stand-in or numba's module, or None."""
    return compiled.load(Path(__file__).with_name("_coverage_numba.py"), MODULE)


def kernel() -> Optional[Any]:
    """The compiled ``coverage(ua, va, ub, vb, sign, poly, starts, h, w, cap)``, or None (numba missing or
    switched off); loaded on the first call (:func:`valuation.compiled.load`), not when the plugin loads."""
    mod = _module()
    return None if mod is None else mod.coverage


def window_edges(geoms: Any, index: Any, block: Any) -> Optional[tuple[tuple[Any, ...], int]]:
    """:func:`valuation.blockwise.window_edges` and the sum of the pieces bound, read in C from the GEOS geometries
    (:meth:`valuation.native.Coverage.window_edges`) when the C kernels run; else None (numpy computes them)."""
    method = getattr(_module(), "window_edges", None)
    return None if method is None else method(geoms, index, block.transform, block.height, block.width)


def chain_sums() -> Optional[Callable[..., Any]]:
    """The per-parcel sums of a chain of products in one sweep of a block
    (:meth:`valuation.native.Coverage.block_sums`) when the C kernels run, else None (numpy's products and
    sums then)."""
    return getattr(_module(), "block_sums", None)


def describe() -> str:
    """Which coverage path runs, for the environment report."""
    mod = _module()
    if mod is not None:
        how = compiled.describe(MODULE) or "compiled"
        if hasattr(mod, "window_edges"):
            from .native import geos_addresses

            how += "; window edges read from GEOS" if geos_addresses() is not None else \
                "; window edges by numpy (GEOS's functions not found)"
        return how
    if compiled.switched_off():
        return "numpy (SWC_NO_NUMBA is set)"
    return "numpy (neither the C kernels are built nor numba is installed)"
