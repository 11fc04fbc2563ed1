"""The compiled kernels built ahead of time in C (``valuation/_native.c``, built by ``scripts/build_native.sh``
when the environment is set up), loaded with ctypes, which releases the GIL around every call.

They are the numba kernels step for step and give the same bits; each object below has the call signature of
the numba module it stands for, so the callers need not know which one runs. Loading the library takes a
millisecond where numba's import and first call take about 0.7 s in every process (``qgis_process`` run or
QGIS session). :func:`valuation.compiled.load` prefers them; without the built library (a plugin installed from
its ZIP, no C compiler) numba's kernels run, and without numba the numpy and Python paths.

``SWC_NO_NATIVE=1`` turns the library off (numba's kernels then), ``SWC_NO_NUMBA=1`` every compiled kernel.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys
import threading
from pathlib import Path
from typing import Any, Optional

import numpy as np

#: The library's interface version (``swc_abi_version`` in ``_native.c``); another value: not used.
ABI_VERSION = 3

#: SQLite's functions in the order of the address array the kernels take (``sqlite_functions`` in ``_native.c``).
SQLITE_FUNCTIONS = ("step", "reset", "column_type", "column_int64", "column_double", "column_blob",
                    "column_bytes", "bind_int64", "bind_double", "bind_null", "bind_text", "bind_blob")

#: GEOS's functions, then shapely's ``PyGEOS_GetGEOSGeometry``, in the order of the address array
#: ``swc_block_edges`` takes (``geos_functions`` in ``_native.c``).
GEOS_FUNCTIONS = ("GEOS_init_r", "GEOS_finish_r", "GEOSGeomTypeId_r", "GEOSGetNumGeometries_r", "GEOSGetGeometryN_r",
                  "GEOSGetExteriorRing_r", "GEOSGetNumInteriorRings_r", "GEOSGetInteriorRingN_r",
                  "GEOSGeom_getCoordSeq_r", "GEOSCoordSeq_getSize_r", "GEOSCoordSeq_copyToBuffer_r",
                  "PyGEOS_GetGEOSGeometry")

_P, _I, _D = ctypes.c_void_p, ctypes.c_int64, ctypes.c_double


def library_path() -> Path:
    """Where the built library is expected: next to its source."""
    suffix = ".dll" if sys.platform == "win32" else ".dylib" if sys.platform == "darwin" else ".so"
    return Path(__file__).with_name("_native" + suffix)


def switched_off() -> bool:
    return os.environ.get("SWC_NO_NATIVE", "") not in ("", "0")


_LOCK = threading.Lock()
_LIB: dict[str, Optional[ctypes.CDLL]] = {}


def library() -> Optional[ctypes.CDLL]:
    """The loaded library with its functions' types set, or None (not built, another interface version,
    switched off); decided once."""
    with _LOCK:
        if "lib" not in _LIB:
            _LIB["lib"] = None if switched_off() else _load(library_path())
        return _LIB["lib"]


def _load(path: Path) -> Optional[ctypes.CDLL]:
    if not path.is_file():
        return None
    try:
        lib = ctypes.CDLL(str(path))
        if lib.swc_abi_version() != ABI_VERSION:
            return None
    except (OSError, AttributeError):
        return None
    lib.swc_coverage.restype = ctypes.c_int
    lib.swc_coverage.argtypes = [_P] * 7 + [_I, _I, _I] + [_P] * 10
    lib.swc_gpkg_read.restype = ctypes.c_int
    lib.swc_gpkg_read.argtypes = [_P, _P, _P, _I, _I, _I, _I, _I, _P, _P, _P, _P, _P, _I, _P, _P, _I, _P, _I, _P,
                                  _P, _I, _P, _P]
    lib.swc_gather.restype = ctypes.c_int64
    lib.swc_gather.argtypes = [_P, _P, _P, _P, _I, _P]
    lib.swc_plain_polygonal.restype = None
    lib.swc_plain_polygonal.argtypes = [_P, _P, _P, _I, _P]
    lib.swc_gpkg_insert.restype = None
    lib.swc_gpkg_insert.argtypes = [_P, _I, _I, _P, _P, _P, _P, _P, _P, _P, _I, _P, _I, _P, _I, _P, _P, _P, _P, _P]
    lib.swc_insert_pairs.restype = None
    lib.swc_insert_pairs.argtypes = [_P, _P, _P, _I, _P, _P]
    lib.swc_block_sums.restype = ctypes.c_int
    lib.swc_block_sums.argtypes = [_P, _I, _I, _I, _I] + [_P] * 4 + [_I] + [_P] * 5 + [_I, _I, _P]
    lib.swc_block_edges.restype = ctypes.c_int64
    lib.swc_block_edges.argtypes = [_P, _P, _P, _I, _D, _D, _D, _D, _I, _I] + [_P] * 6 + [_I, _P]
    return lib


def describe() -> str:
    return f"compiled (C, {library_path().name})"


def _ptr(array: np.ndarray, dtype: Any, ndim: Optional[int] = None) -> int:
    """The address of ``array``'s data, which must be C-contiguous of ``dtype`` (what numba would insist on)."""
    if not isinstance(array, np.ndarray) or array.dtype != np.dtype(dtype) or not array.flags.c_contiguous \
            or (ndim is not None and array.ndim != ndim):
        raise TypeError(f"expected a C-contiguous {np.dtype(dtype)} array, got {type(array).__name__} "
                        f"{getattr(array, 'dtype', '')}")
    return array.ctypes.data


def _addresses(**functions: Any) -> np.ndarray:
    """SQLite's functions (ctypes function objects) as the address array of :data:`SQLITE_FUNCTIONS` (0 where not
    given)."""
    return np.array([ctypes.cast(functions[name], ctypes.c_void_p).value or 0 if name in functions else 0
                     for name in SQLITE_FUNCTIONS], dtype=np.uint64)


def _mapped_libraries(stem: str) -> set[str]:
    """The files named ``stem``… mapped into this process (Linux), e.g. the GEOS C library shapely uses."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split(None, 5)[-1].strip() for line in maps if "/" + stem in line}
    except OSError:
        return set()
    return {p for p in paths if os.path.basename(p).startswith(stem)}


@functools.cache
def geos_addresses() -> Optional[np.ndarray]:
    """The addresses of :data:`GEOS_FUNCTIONS`: GEOS's from the one GEOS C library mapped into the process, which
    must then be the one shapely uses, and ``PyGEOS_GetGEOSGeometry`` from shapely 2's C API capsule; None when
    any of that is not so (another shapely, several GEOS libraries, not Linux, a GEOS before 3.10)."""
    try:
        import shapely
        import shapely.lib

        if not shapely.__version__.startswith("2."):
            return None  # the capsule's order of functions is shapely 2's
        paths = _mapped_libraries("libgeos_c")
        if len(paths) != 1:
            return None
        geos = ctypes.CDLL(paths.pop())
        addresses = [ctypes.cast(getattr(geos, name), ctypes.c_void_p).value for name in GEOS_FUNCTIONS[:-1]]
        get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
        get_pointer.restype, get_pointer.argtypes = ctypes.c_void_p, [ctypes.py_object, ctypes.c_char_p]
        api = get_pointer(shapely.lib._C_API, b"shapely.lib._C_API")
        addresses.append(ctypes.cast(api, ctypes.POINTER(ctypes.c_void_p))[1])  # PyGEOS_GetGEOSGeometry_NUM
    except (ImportError, OSError, AttributeError, ValueError, TypeError):
        return None
    if not all(addresses):
        return None
    return np.array(addresses, dtype=np.uint64)


class Coverage:
    """:mod:`valuation._coverage_numba`'s ``coverage`` in C, and :meth:`window_edges` and :meth:`block_sums`, which
    numba has not."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib = lib

    def window_edges(self, geoms: np.ndarray, labels: np.ndarray, transform: Any, h: int, w: int,
                     ) -> Optional[tuple[tuple[np.ndarray, ...], int]]:
        """The edges :func:`valuation.blockwise.window_edges` gives (the same bits, in the same order) and the sum of
        their pieces bound, read in C from the GEOS geometries of ``geoms`` (valid (multi)polygons or None)
        labelled by the strictly increasing ``labels``, on a window of ``h`` × ``w`` cells at the north-up affine
        ``transform``; None when that cannot be done here (the caller computes them with numpy)."""
        fns = geos_addresses()
        geoms = np.ascontiguousarray(geoms, dtype=object)
        labels = np.ascontiguousarray(labels, dtype=np.int64)
        n = geoms.shape[0]
        if fns is None or geoms.ndim != 1 or labels.shape != (n,) or (n > 1 and (np.diff(labels) <= 0).any()):
            return None
        import shapely

        vertices = int(shapely.get_num_coordinates(geoms).sum())
        cap = vertices + vertices // 4 + 64  # edges, and the few cut at the window's border
        while True:
            floats = [np.empty(cap) for _ in range(5)]
            poly = np.empty(cap, np.int64)
            out = np.zeros(1, np.int64)
            m = self.lib.swc_block_edges(fns.ctypes.data, geoms.ctypes.data, labels.ctypes.data, n, float(transform.c),
                                         float(transform.a), float(transform.f), float(transform.e), int(h), int(w),
                                         *(x.ctypes.data for x in floats), poly.ctypes.data, cap, out.ctypes.data)
            if m < 0:
                return None
            if m <= cap:
                return (*(x[:m] for x in floats), poly[:m]), int(out[0])
            cap = int(m)

    def coverage(self, ua: np.ndarray, va: np.ndarray, ub: np.ndarray, vb: np.ndarray, sign: np.ndarray,
                 poly: np.ndarray, starts: np.ndarray, h: int, w: int, cap: int) -> tuple[np.ndarray, ...]:
        edges = [np.ascontiguousarray(x, dtype=np.float64) for x in (ua, va, ub, vb, sign)]
        poly = np.ascontiguousarray(poly, dtype=np.int64)
        starts = np.ascontiguousarray(starts, dtype=np.int64)
        n = poly.size
        if any(x.size != n for x in edges) or (starts.size and (
                starts[0] < 0 or starts[-1] > n or (np.diff(starts) < 0).any())):
            raise ValueError("coverage: edge arrays of different lengths, or parcels' edges out of order")
        cap = max(int(cap), 0)
        ints = [np.empty(cap, np.int64) for _ in range(7)]
        cell_frac, run_frac = np.empty(cap), np.empty(cap)
        counts = np.zeros(2, np.int64)
        rc = self.lib.swc_coverage(*(x.ctypes.data for x in edges), poly.ctypes.data, starts.ctypes.data,
                                   starts.size, int(h), int(w), ints[0].ctypes.data, ints[1].ctypes.data,
                                   ints[2].ctypes.data, cell_frac.ctypes.data, ints[3].ctypes.data,
                                   ints[4].ctypes.data, ints[5].ctypes.data, ints[6].ctypes.data,
                                   run_frac.ctypes.data, counts.ctypes.data)
        if rc != 0:
            raise MemoryError("coverage kernel: out of memory")
        nc, nr = int(counts[0]), int(counts[1])
        return (ints[0][:nc], ints[1][:nc], ints[2][:nc], cell_frac[:nc],
                ints[3][:nr], ints[4][:nr], ints[5][:nr], ints[6][:nr], run_frac[:nr])

    def block_sums(self, inputs: list[np.ndarray], chain: int, cells: tuple[np.ndarray, ...],
                   runs: tuple[np.ndarray, ...], n: int) -> np.ndarray:
        """Per parcel (``n``) sums of fraction × value over one block where the value is finite, for P, the product
        of the first ``chain`` of ``inputs`` (the block's arrays, float64, one 2-D shape) taken left to right, and
        for P times each further input; ``cells`` the boundary cells (row, column, parcel, fraction), ``runs`` the
        runs of cells (row, first and end column, parcel, fraction). A (1 + further inputs, n) array."""
        arrays = [np.ascontiguousarray(a, dtype=np.float64) for a in inputs]
        shape = arrays[0].shape if arrays else ()
        cell_row, cell_col, cell_poly = (np.ascontiguousarray(a, dtype=np.int64) for a in cells[:3])
        cell_frac = np.ascontiguousarray(cells[3], dtype=np.float64)
        run_row, run_c0, run_c1, run_poly = (np.ascontiguousarray(a, dtype=np.int64) for a in runs[:4])
        run_frac = np.ascontiguousarray(runs[4], dtype=np.float64)
        extras = len(arrays) - chain
        if len(shape) != 2 or any(a.shape != shape for a in arrays) or not 1 <= chain <= 64 or not 0 <= extras <= 8 \
                or len({cell_row.size, cell_col.size, cell_poly.size, cell_frac.size}) != 1 \
                or len({run_row.size, run_c0.size, run_c1.size, run_poly.size, run_frac.size}) != 1:
            raise ValueError("block_sums: inputs or coverage of other shapes")
        h, w = shape
        if (cell_row.size and (cell_row.min() < 0 or cell_row.max() >= h or cell_col.min() < 0
                               or cell_col.max() >= w or cell_poly.min() < 0 or cell_poly.max() >= n)) \
                or (run_row.size and (run_row.min() < 0 or run_row.max() >= h or run_c0.min() < 0
                                      or (run_c1 < run_c0).any() or run_c1.max() > w or run_poly.min() < 0
                                      or run_poly.max() >= n)):
            raise ValueError("block_sums: cells outside the block or parcels outside the sums")
        out = np.zeros((1 + extras, n))
        addresses = np.array([a.ctypes.data for a in arrays], dtype=np.uint64)
        rc = self.lib.swc_block_sums(addresses.ctypes.data, chain, extras, h, w, cell_row.ctypes.data,
                                     cell_col.ctypes.data, cell_poly.ctypes.data, cell_frac.ctypes.data, cell_row.size,
                                     run_row.ctypes.data, run_c0.ctypes.data, run_c1.ctypes.data, run_poly.ctypes.data,
                                     run_frac.ctypes.data, run_row.size, n, out.ctypes.data)
        if rc == -2:
            raise MemoryError("block_sums: out of memory")
        return out


class GpkgRead:
    """:mod:`processing_provider._gpkg_read_numba`'s ``read``, ``gather`` and ``plain_polygonal`` in C."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib = lib

    def read(self, stmt: int, kind: np.ndarray, slot: np.ndarray, row: int, limit: int, pending: int,
             fids: np.ndarray, reals: np.ndarray, ints: np.ndarray, nulls: np.ndarray, text: np.ndarray,
             text_start: np.ndarray, text_end: np.ndarray, text_pos: int, geom: np.ndarray, geom_start: np.ndarray,
             geom_end: np.ndarray, geom_pos: int, head: np.ndarray, column_type: Any, column_int64: Any,
             column_double: Any, column_blob: Any, column_bytes: Any, step: Any,
             memcpy: Any) -> tuple[int, int, int, int, int]:
        stride = fids.shape[0]
        for a in (reals, ints, nulls, text_start, text_end):
            if a.ndim != 2 or a.shape[1] != stride:
                raise ValueError("row arrays of different lengths")
        if not (geom_start.shape[0] == geom_end.shape[0] == stride and 0 <= row <= limit <= stride):
            raise ValueError("row arrays of different lengths")
        n_cols = kind.shape[0]
        if slot.shape[0] != n_cols or nulls.shape[0] != n_cols:
            raise ValueError("one kind and slot per column")
        fns = _addresses(step=step, column_type=column_type, column_int64=column_int64, column_double=column_double,
                         column_blob=column_blob, column_bytes=column_bytes)
        out = np.zeros(4, np.int64)
        status = self.lib.swc_gpkg_read(
            stmt, _ptr(kind, np.int8, 1), _ptr(slot, np.int64, 1), n_cols, stride, row, limit, pending,
            _ptr(fids, np.int64, 1), _ptr(reals, np.float64), _ptr(ints, np.int64), _ptr(nulls, np.bool_),
            _ptr(text, np.uint8, 1), text.shape[0], _ptr(text_start, np.int64), _ptr(text_end, np.int64), text_pos,
            _ptr(geom, np.uint8, 1), geom.shape[0], _ptr(geom_start, np.int64, 1), _ptr(geom_end, np.int64, 1),
            geom_pos, fns.ctypes.data, out.ctypes.data)
        return int(status), int(out[0]), int(out[1]), int(out[2]), int(out[3])

    def gather(self, text: np.ndarray, start: np.ndarray, end: np.ndarray, nulls: np.ndarray,
               out: np.ndarray) -> int:
        start, end = np.ascontiguousarray(start, np.int64), np.ascontiguousarray(end, np.int64)
        nulls = np.ascontiguousarray(nulls, np.bool_)
        n = start.shape[0]
        live = ~nulls
        if end.shape[0] != n or nulls.shape[0] != n or (live.any() and (
                int(start[live].min()) < 0 or int(end[live].max()) > text.shape[0]
                or int((end - start)[live].sum()) + int(live.sum()) > out.shape[0])):
            raise ValueError("gather: ranges outside the buffers")
        return int(self.lib.swc_gather(_ptr(text, np.uint8, 1), start.ctypes.data, end.ctypes.data,
                                       nulls.ctypes.data, n, _ptr(out, np.uint8, 1)))

    def plain_polygonal(self, geom: np.ndarray, start: np.ndarray, end: np.ndarray, out: np.ndarray) -> None:
        start, end = np.ascontiguousarray(start, np.int64), np.ascontiguousarray(end, np.int64)
        n = start.shape[0]
        if end.shape[0] != n or out.shape[0] != n or (n and int(end.max()) > geom.shape[0]):
            raise ValueError("plain_polygonal: ranges outside the buffers")
        self.lib.swc_plain_polygonal(_ptr(geom, np.uint8, 1), start.ctypes.data, end.ctypes.data, n,
                                     _ptr(out, np.bool_, 1))


class GpkgInsert:
    """:mod:`processing_provider._gpkg_insert_numba`'s ``insert`` and ``insert_pairs`` in C."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib = lib

    def insert(self, stmt: int, first_fid: int, n: int, kind: np.ndarray, head: np.ndarray, env: np.ndarray,
               wkb: np.ndarray, wkb_off: np.ndarray, scratch: np.ndarray, reals: np.ndarray, ints: np.ndarray,
               codes: np.ndarray, text: np.ndarray, text_off: np.ndarray, text_base: np.ndarray, bind_int64: Any,
               bind_double: Any, bind_null: Any, bind_text: Any, bind_blob: Any, step: Any,
               reset: Any) -> tuple[int, int]:
        if not (kind.shape[0] >= n and env.shape == (kind.shape[0], 32) and wkb_off.shape[0] >= n + 1
                and reals.shape[1:] == (n,) and ints.shape[1:] == (n,) and codes.shape[1:] == (n,)
                and head.shape[0] == 8 and text_base.shape[0] == codes.shape[0]):
            raise ValueError("insert: arrays of other shapes than the rows")
        if n and (int(wkb_off[n]) > wkb.shape[0] or int(np.diff(wkb_off[:n + 1]).max()) + 49 > scratch.shape[0]):
            raise ValueError("insert: geometry outside the buffers")
        fns = _addresses(step=step, reset=reset, bind_int64=bind_int64, bind_double=bind_double,
                         bind_null=bind_null, bind_text=bind_text, bind_blob=bind_blob)
        out = np.zeros(2, np.int64)
        self.lib.swc_gpkg_insert(
            stmt, first_fid, n, _ptr(kind, np.int8, 1), _ptr(head, np.uint8, 1), _ptr(env, np.uint8, 2),
            _ptr(wkb, np.uint8, 1), _ptr(wkb_off, np.int64, 1), _ptr(scratch, np.uint8, 1),
            _ptr(reals, np.float64, 2), reals.shape[0], _ptr(ints, np.int64, 2), ints.shape[0],
            _ptr(codes, np.int64, 2), codes.shape[0], _ptr(text, np.uint8, 1), _ptr(text_off, np.int64, 1),
            _ptr(text_base, np.int64, 1), fns.ctypes.data, out.ctypes.data)
        return int(out[0]), int(out[1])

    def insert_pairs(self, stmt: int, a: np.ndarray, b: np.ndarray, bind_int64: Any, step: Any,
                     reset: Any) -> tuple[int, int]:
        if a.shape != b.shape:
            raise ValueError("insert_pairs: a and b of different lengths")
        fns = _addresses(step=step, reset=reset, bind_int64=bind_int64)
        out = np.zeros(2, np.int64)
        self.lib.swc_insert_pairs(stmt, _ptr(a, np.int64, 1), _ptr(b, np.int64, 1), a.shape[0], fns.ctypes.data,
                                  out.ctypes.data)
        return int(out[0]), int(out[1])


#: Kernel module name (:func:`valuation.compiled.load`) → the class standing for it in C.
KERNELS: dict[str, type] = {"swc_ecovalue_coverage_numba": Coverage, "swc_ecovalue_gpkg_read_numba": GpkgRead,
                            "swc_ecovalue_gpkg_insert_numba": GpkgInsert}


def kernels(module: str) -> Optional[Any]:
    """The C stand-in for the numba kernel module ``module``, or None (no library, or none for that module)."""
    lib = library()
    cls = KERNELS.get(module)
    return None if lib is None or cls is None else cls(lib)
