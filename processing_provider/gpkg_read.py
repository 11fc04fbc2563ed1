"""A GeoPackage layer's rows read by a compiled loop (C or numba: :mod:`valuation.compiled`) that calls SQLite's
C functions, into the arrays pyogrio's raw reader returns — fids, WKB, and per field float (NaN for NULL),
integer (float with NaN when there are NULLs) or text (None for NULL) — without a Python object per value until
the text is decoded, one column at a time. Reading the 205,546 benchmark pieces (16 fields) this way takes
1.2–1.3 s, pyogrio 2.6–3.2 s.

Used only when all of this holds, else :func:`read` returns None and the caller reads with pyogrio: the C
kernels are built or numba is installed (``SWC_NO_NUMBA`` unset), and either costs nothing more to load
(:func:`valuation.compiled.ready`) or the layer has at least :data:`gpkg_insert.MIN_VALUES` values; the file
is UTF-8; every field is declared INTEGER (or INT, MEDIUMINT, SMALLINT, TINYINT), REAL (or DOUBLE, FLOAT) or
TEXT; every value is of its field's type (or NULL), text has no NUL character and is valid UTF-8, and every
geometry is a standard GeoPackage blob (or NULL).
"""

from __future__ import annotations

import ctypes
import os
import re
import sqlite3
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np

from ..valuation import compiled
from . import gpkg_insert

#: Fixed module name of the kernel's source, whatever this package is imported as.
MODULE = "swc_ecovalue_gpkg_read_numba"

#: Rows read between two checks for cancelling.
BATCH = 50_000

_KINDS = {"INTEGER": 1, "INT": 1, "MEDIUMINT": 1, "SMALLINT": 1, "TINYINT": 1, "REAL": 0, "DOUBLE": 0, "FLOAT": 0,
          "TEXT": 2}
#: The integer type OGR gives each declared integer type (without NULLs; with NULLs pyogrio gives float).
_INT_TYPES = {"INTEGER": np.int64, "INT": np.int64, "MEDIUMINT": np.int32, "SMALLINT": np.int16, "TINYINT": np.int16}


def _kernel() -> Optional[Any]:
    return compiled.load(Path(__file__).with_name("_gpkg_read_numba.py"), MODULE)


def fid_range(con: sqlite3.Connection, layer: str, fid: str) -> Optional[tuple[int, int]]:
    """The smallest and largest fid of ``layer`` (None when it is empty)."""
    # two queries: SQLite answers a lone min() or max() of the key from the index, both at once by a scan
    lo = con.execute(f'SELECT min("{fid}") FROM "{layer}"').fetchone()[0]
    hi = con.execute(f'SELECT max("{fid}") FROM "{layer}"').fetchone()[0]
    return None if lo is None else (int(lo), int(hi))


def _declared_types(con: sqlite3.Connection, layer: str, fid: str, geom: str,
                    names: list[str]) -> Optional[list[str]]:
    """The declared type (of :data:`_KINDS`) of each field ``names``, or None when one has another type."""
    info = {r[1]: str(r[2] or "").upper() for r in con.execute(f'PRAGMA table_info("{layer}")')}
    if fid not in info or geom not in info:
        return None
    kinds = []
    for name in names:
        declared = re.sub(r"\(\s*\d+\s*\)$", "", info.get(name, "?")).strip()
        if declared not in _KINDS:
            return None
        kinds.append(declared)
    return kinds


Read = tuple[np.ndarray, np.ndarray, dict[str, Any], Optional[np.ndarray]]


def read(path: str, layer: str, fid: str, geom: str, names: list[str], count: int,
         cancelled: Optional[Callable[[float], bool]] = None, polygonal: bool = False) -> Optional[Read]:
    """Fids, WKB (bytes, None for NULL) and field arrays of ``layer``'s fields ``names``, in fid order, as
    pyogrio's raw reader gives them, and when ``polygonal`` (else None) a mask of the WKB that is what
    ``shapely.to_wkb(byte_order=1)`` makes of the geometry read from it (``plain_polygonal`` of the kernel:
    2-D little-endian Polygons and MultiPolygons); None when the compiled loop cannot read this layer (the
    caller then reads it with pyogrio). ``count``: the expected number of rows (a hint); ``cancelled(fraction
    done)`` is asked between batches of rows (in this thread) and stops the read (None is returned) when it
    says so.

    A large layer is read in two halves of its fids, the second by another thread with its own connection
    (the loop runs without the GIL)."""
    if compiled.switched_off() or (not compiled.ready() and count * (len(names) + 2) < gpkg_insert.MIN_VALUES):
        return None
    kernel, f = _kernel(), gpkg_insert._sqlite()
    if kernel is None or f is None:
        return None
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        if con.execute("PRAGMA encoding").fetchone()[0] != "UTF-8":
            return None
        declared = _declared_types(con, layer, fid, geom, names)
        if declared is None:
            return None
        ranges: list[Optional[tuple[int, int]]] = [None]
        bounds = fid_range(con, layer, fid) if count > 2 * BATCH else None
        if bounds is not None and bounds[1] > bounds[0]:
            lo, hi = bounds
            mid = (lo + hi + 1) // 2
            ranges = [(lo, mid), (mid, hi + 1)]
    kind = np.array([_KINDS[d] for d in declared], dtype=np.int8)
    ints = [_INT_TYPES.get(d, np.int64) for d in declared]
    cap = max(count // len(ranges) + 1, 1)
    if len(ranges) == 1:
        return _read_range(kernel, f, path, layer, fid, geom, names, kind, ints, None, cap, cancelled, polygonal)
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        second = pool.submit(_read_range, kernel, f, path, layer, fid, geom, names, kind, ints, ranges[1], cap,
                             lambda _: stop.is_set(), polygonal)
        first = None
        try:
            first = _read_range(kernel, f, path, layer, fid, geom, names, kind, ints, ranges[0], cap,
                                None if cancelled is None else lambda done: cancelled(done / 2), polygonal)
        finally:
            if first is None:
                stop.set()
        other = second.result()
    if first is None or other is None:
        return None
    return (np.concatenate([first[0], other[0]]), np.concatenate([first[1], other[1]]),
            {name: np.concatenate([first[2][name], other[2][name]]) for name in names},
            None if first[3] is None or other[3] is None else np.concatenate([first[3], other[3]]))


def _read_range(kernel: Any, f: Any, path: str, layer: str, fid: str, geom: str, names: list[str],
                kind: np.ndarray, ints: list[type], fids: Optional[tuple[int, int]], cap: int,
                cancelled: Optional[Callable[[float], bool]], polygonal: bool = False) -> Optional[Read]:
    """The rows with fids in ``[fids[0], fids[1])`` (all when None), on a connection of its own."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)) as con:
        db = gpkg_insert._handle(con, path, f)
        if db is None:
            return None
        cols = ", ".join(f'"{c}"' for c in [fid, geom, *names])
        where = "" if fids is None else f' WHERE "{fid}" >= {fids[0]} AND "{fid}" < {fids[1]}'
        sql = f'SELECT {cols} FROM "{layer}"{where} ORDER BY "{fid}"'.encode()
        stmt = ctypes.c_uint64()
        if f.prepare(db, sql, len(sql), ctypes.byref(stmt), 0) != 0:
            return None
        try:
            return _read_rows(kernel, f, db, stmt.value, kind, ints, names, cap, cancelled, polygonal)
        finally:
            f.finalize(stmt.value)


def _read_rows(kernel: Any, f: Any, db: int, stmt: int, kind: np.ndarray, int_types: list[type], names: list[str],
               cap: int, cancelled: Optional[Callable[[float], bool]], polygonal: bool = False) -> Optional[Read]:
    n_cols = len(names)
    slot = np.zeros(n_cols, dtype=np.int64)
    for k in range(3):
        slot[kind == k] = np.arange(int((kind == k).sum()))
    n_real, n_int, n_text = (int((kind == k).sum()) for k in range(3))
    fids = np.empty(cap, dtype=np.int64)
    reals = np.empty((n_real, cap))
    ints = np.empty((n_int, cap), dtype=np.int64)
    nulls = np.zeros((n_cols, cap), dtype=bool)
    text_start = np.empty((n_text, cap), dtype=np.int64)
    text_end = np.empty((n_text, cap), dtype=np.int64)
    geom_start = np.empty(cap, dtype=np.int64)
    geom_end = np.empty(cap, dtype=np.int64)
    text = np.empty(max(cap * n_text * 16, 1 << 16), dtype=np.uint8)
    geom = np.empty(max(cap * 512, 1 << 16), dtype=np.uint8)
    head = np.zeros(8, dtype=np.uint8)
    row, text_pos, geom_pos, pending = 0, 0, 0, 0
    kernel_read = kernel.read

    def grow(a: np.ndarray, size: int) -> np.ndarray:
        out = np.empty(a.shape[:-1] + (size,), dtype=a.dtype)
        out[..., :a.shape[-1]] = a
        return out

    while True:
        status, row, text_pos, geom_pos, extra = kernel_read(
            stmt, kind, slot, row, min(row + BATCH, cap), pending, fids, reals, ints, nulls, text, text_start,
            text_end, text_pos, geom, geom_start, geom_end, geom_pos, head, f.column_type, f.column_int64,
            f.column_double, f.column_blob, f.column_bytes, f.step, f.memcpy)
        pending = 0
        if status == 0:  # DONE
            break
        if status == 3:  # UNEXPECTED: another reader
            return None
        if status == 4:  # FAILED
            raise sqlite3.OperationalError(f.errmsg(db).decode("utf-8", "replace"))
        if status == 1:  # FULL: the current row again, with room
            pending = 1
            text, geom = grow(text, 2 * text.size), grow(geom, 2 * geom.size)
        elif row == cap:  # more rows than expected
            cap *= 2
            fids, reals, ints, nulls = grow(fids, cap), grow(reals, cap), grow(ints, cap), grow(nulls, cap)
            nulls[:, row:] = False
            text_start, text_end = grow(text_start, cap), grow(text_end, cap)
            geom_start, geom_end = grow(geom_start, cap), grow(geom_end, cap)
        if cancelled is not None and cancelled(row / cap):
            return None
    n = row
    data: dict[str, Any] = {}
    for j, name in enumerate(names):
        s, null = slot[j], nulls[j, :n]
        if kind[j] == 0:
            data[name] = reals[s, :n].copy()
        elif kind[j] == 1:
            values = ints[s, :n]
            if null.any():
                data[name] = values.astype(np.float64)
                data[name][null] = np.nan
            else:
                typed = values.astype(int_types[j])
                if not np.array_equal(typed, values):  # out of the field's range: OGR's reading decides
                    return None
                data[name] = typed
        else:
            values = _decode(kernel, text, text_start[s, :n], text_end[s, :n], null)
            if values is None:
                return None
            data[name] = values
    blob = geom[:geom_pos].tobytes()
    wkb = np.empty(n, dtype=object)
    starts, ends = geom_start[:n], geom_end[:n]
    present = starts >= 0
    wkb[present] = [blob[a:b] for a, b in zip(starts[present].tolist(), ends[present].tolist())]
    plain = None
    if polygonal:
        plain = np.empty(n, dtype=bool)
        kernel.plain_polygonal(geom, starts, ends, plain)
    return fids[:n].copy(), wkb, data, plain


def _decode(kernel: Any, text: np.ndarray, start: np.ndarray, end: np.ndarray,
            null: np.ndarray) -> Optional[np.ndarray]:
    """One text column as an object array of str (None for NULL), or None when a value holds a NUL character or
    is not valid UTF-8: the values are joined with NUL bytes, decoded and split at once."""
    out = np.empty(len(start), dtype=object)
    live = ~null
    k = int(live.sum())
    if not k:
        return out
    buf = np.empty(int((end - start)[live].sum()) + k, dtype=np.uint8)
    size = kernel.gather(text, start, end, null, buf)
    try:
        values = buf[:size - 1].tobytes().decode("utf-8").split("\0")
    except UnicodeDecodeError:
        return None
    if len(values) != k:
        return None
    out[live] = values
    return out


def describe() -> str:
    """How GeoPackage layers are read, for the environment report: the compiled loop is tried on a one-row table
    (raises when it returns something else than the row holds)."""
    reason = gpkg_insert.unavailable(_kernel, gpkg_insert._sqlite)
    if reason:
        return f"pyogrio ({reason})"
    import shapely

    box = shapely.to_wkb(shapely.box(0, 0, 1, 1), byte_order=1)
    blob = b"GP\x00\x01" + (4545).to_bytes(4, "little") + box  # no envelope
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "probe.sqlite")
        with closing(sqlite3.connect(path)) as con:
            con.execute("CREATE TABLE t (fid INTEGER PRIMARY KEY, geom BLOB, a REAL, b INTEGER, c TEXT)")
            con.execute("INSERT INTO t VALUES (7, ?, 1.5, 7, '水土保持')", (blob,))
            con.commit()
        got = read(path, "t", "fid", "geom", ["a", "b", "c"], 1)
    if got is None:
        return "pyogrio (the compiled read could not read a test table)"
    fids, wkb, data, _ = got
    row = (fids.tolist(), wkb.tolist(), data["a"].tolist(), data["b"].tolist(), data["c"].tolist())
    assert row == ([7], [box], [1.5], [7], ["水土保持"]), f"compiled GeoPackage read returned {row}"
    return compiled.describe(MODULE) or "compiled"
