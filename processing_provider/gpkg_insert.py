"""Rows of a frame inserted into a new GeoPackage table by a compiled loop (C or numba: :mod:`valuation.compiled`)
that calls SQLite's C functions on the caller's own ``sqlite3`` connection, inside its transaction.

Binding 200,000 rows of 67 fields from Python (``executemany`` of :func:`qgis_io._columns_as_python`'s values)
takes about twice as long as the compiled loop binding the same values from arrays: reals (NaN → NULL),
integers, text as the UTF-8 bytes of each column's distinct values, and each geometry blob (GeoPackage header,
envelope, little-endian ISO WKB; a Polygon as a MultiPolygon of one) assembled row by row. The rows stored are
the same, value for value and type for type (tests/processing/test_gpkg_insert.py).

Used only when all of this holds, else :meth:`BulkInsert.prepare` returns None and the caller binds from
Python: the C kernels are built or numba is installed (``SWC_NO_NUMBA`` unset), and either costs nothing more
to load (:func:`valuation.compiled.ready`) or the table has at least :data:`MIN_VALUES` values; every column
is real, integer, boolean or text and every geometry a 2-D Polygon or MultiPolygon (or missing); SQLite's
functions are found through the ``_sqlite3`` module's library; and the connection's SQLite handle (first in
CPython's connection object) is checked to be the file's.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np
import pandas as pd
import shapely

from ..valuation import compiled

#: Fixed module name of the kernel's source, whatever this package is imported as.
MODULE = "swc_ecovalue_gpkg_insert_numba"

#: Without numba loaded yet, the compiled loop is used from this many values (rows × fields) on: importing
#: numba and loading the cached loop take about 0.7 s, and the loop saves about 0.25 s a million values.
MIN_VALUES = 2_000_000

def _geometry_parts(geoms: np.ndarray, bounds: np.ndarray,
                    known: Optional[np.ndarray] = None) -> tuple[np.ndarray, ...]:
    """Polygons and MultiPolygons (2-D; None for missing) as the kernel writes them: kind (0 missing, 1 empty,
    2 Polygon, 3 MultiPolygon), envelopes (``bounds`` of ``shapely.bounds`` as minx maxx miny maxy, 32 bytes),
    little-endian ISO WKB (an empty Polygon as an empty MultiPolygon) in one buffer and its offsets.
    ``known``: per geometry its little-endian WKB when already known (else None), taken as it is."""
    missing = shapely.is_missing(geoms)
    empty = ~missing & shapely.is_empty(geoms)
    polygon = shapely.get_type_id(geoms) == 3
    if (empty & polygon).any():
        geoms = geoms.copy()
        geoms[empty & polygon] = shapely.from_wkt("MULTIPOLYGON EMPTY")
    kind = np.where(missing, 0, np.where(empty, 1, np.where(polygon, 2, 3))).astype(np.int8)
    env = np.ascontiguousarray(bounds[:, [0, 2, 1, 3]]).view(np.uint8).reshape(len(geoms), 32)
    todo = ~missing
    by_row = np.empty(len(geoms), dtype=object)
    if known is not None:
        reuse = todo & ~empty & ~pd.isna(known)
        by_row[reuse] = known[reuse]
        todo &= ~reuse
    by_row[todo] = shapely.to_wkb(geoms[todo], byte_order=1, flavor="iso")
    wkb = by_row[~missing].tolist()
    lengths = np.zeros(len(geoms), dtype=np.int64)
    lengths[~missing] = np.fromiter(map(len, wkb), dtype=np.int64, count=len(wkb))
    buffer = np.frombuffer(b"".join(wkb) or b"\0", dtype=np.uint8)
    return kind, env, buffer, np.concatenate([[0], np.cumsum(lengths)])


def _text_parts(part: pd.DataFrame, names: list[str]) -> tuple[np.ndarray, ...]:
    """The text columns ``names`` of ``part`` as the loop binds them: per row the index of its value among the
    column's distinct values (−1: NULL), those values' UTF-8 bytes in one buffer, their offsets, and each
    column's first value number."""
    codes, lengths, chunks, base = [], [], [], [0]
    for name in names:
        code, uniques = pd.factorize(part[name].array, use_na_sentinel=True)
        strings = [str(u) for u in np.asarray(uniques, dtype=object).tolist()]
        codes.append(np.asarray(code, dtype=np.int64))
        joined = "".join(strings)
        if joined.isascii():  # one byte a character
            chunks.append(joined.encode("ascii"))
            lengths.append(np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)))
        else:
            encoded = [v.encode("utf-8") for v in strings]
            chunks.append(b"".join(encoded))
            lengths.append(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)))
        base.append(base[-1] + len(strings))
    return (np.array(codes, dtype=np.int64).reshape(len(names), len(part)),
            np.frombuffer(b"".join(chunks) or b"\0", dtype=np.uint8),
            np.concatenate([[0], np.cumsum(np.concatenate(lengths or [np.zeros(0, np.int64)]))]),
            np.array(base[:-1], dtype=np.int64))


@dataclass
class Chunk:
    """A range of rows as the compiled loop binds them (see :func:`_geometry_parts` and :func:`_text_parts`)."""

    lo: int
    n: int
    kind: np.ndarray
    env: np.ndarray
    wkb: np.ndarray
    wkb_off: np.ndarray
    scratch: np.ndarray
    reals: np.ndarray
    ints: np.ndarray
    codes: np.ndarray
    text: np.ndarray
    text_off: np.ndarray
    text_base: np.ndarray


def _module() -> Optional[Any]:
    return compiled.load(Path(__file__).with_name("_gpkg_insert_numba.py"), MODULE)


def _kernel() -> Optional[Any]:
    mod = _module()
    return None if mod is None else mod.insert


def insert_pairs(con: sqlite3.Connection, path: str, sql: str, a: np.ndarray, b: np.ndarray) -> bool:
    """Run the two-parameter ``sql`` (an INSERT) for every pair ``a[r]``, ``b[r]`` of integers by the compiled
    loop, inside ``con``'s transaction; False (nothing done) when it cannot be used or would first have to load
    numba: the caller then binds the pairs from Python."""
    if not compiled.ready():
        return False
    mod, f = _module(), _sqlite()
    db = None if mod is None or f is None else _handle(con, path, f)
    if db is None:
        return False
    stmt = ctypes.c_uint64()
    encoded = sql.encode()
    if f.prepare(db, encoded, len(encoded), ctypes.byref(stmt), 0) != 0:
        raise sqlite3.OperationalError(f.errmsg(db).decode("utf-8", "replace"))
    try:
        done, rc = mod.insert_pairs(stmt.value, np.ascontiguousarray(a, dtype=np.int64),
                                    np.ascontiguousarray(b, dtype=np.int64), f.bind_int64, f.step, f.reset)
        if rc:
            raise sqlite3.OperationalError(f"{f.errmsg(db).decode('utf-8', 'replace')} (row {done + 1})")
    finally:
        f.finalize(stmt.value)
    return True


@functools.cache
def _sqlite() -> Optional[Any]:
    """SQLite's C functions, from the library the ``_sqlite3`` module uses (pointers as 64-bit integers), and the
    C library's ``memcpy``."""
    try:
        import _sqlite3

        lib = ctypes.CDLL(_sqlite3.__file__)
        ptr, i32, i64 = ctypes.c_uint64, ctypes.c_int, ctypes.c_int64

        def fn(name: str, restype: Any, *argtypes: Any) -> Any:
            f = getattr(lib, name)
            f.restype, f.argtypes = restype, list(argtypes)
            return f

        class Functions:
            db_filename = fn("sqlite3_db_filename", ctypes.c_char_p, ptr, ctypes.c_char_p)
            prepare = fn("sqlite3_prepare_v2", i32, ptr, ctypes.c_char_p, i32, ctypes.POINTER(ctypes.c_uint64), ptr)
            finalize = fn("sqlite3_finalize", i32, ptr)
            errmsg = fn("sqlite3_errmsg", ctypes.c_char_p, ptr)
            bind_int64 = fn("sqlite3_bind_int64", i32, ptr, i32, i64)
            bind_double = fn("sqlite3_bind_double", i32, ptr, i32, ctypes.c_double)
            bind_null = fn("sqlite3_bind_null", i32, ptr, i32)
            bind_text = fn("sqlite3_bind_text", i32, ptr, i32, ptr, i32, ptr)
            bind_blob = fn("sqlite3_bind_blob", i32, ptr, i32, ptr, i32, ptr)
            step = fn("sqlite3_step", i32, ptr)
            reset = fn("sqlite3_reset", i32, ptr)
            # for reading (gpkg_read)
            column_type = fn("sqlite3_column_type", i32, ptr, i32)
            column_int64 = fn("sqlite3_column_int64", i64, ptr, i32)
            column_double = fn("sqlite3_column_double", ctypes.c_double, ptr, i32)
            column_blob = fn("sqlite3_column_blob", ptr, ptr, i32)
            column_bytes = fn("sqlite3_column_bytes", i32, ptr, i32)
            memcpy = ctypes.CDLL(None).memcpy
            memcpy.restype, memcpy.argtypes = ptr, [ptr, ptr, ctypes.c_size_t]

        return Functions
    except (ImportError, OSError, AttributeError):
        return None


def _handle(con: sqlite3.Connection, path: str, functions: Any) -> Optional[int]:
    """The ``sqlite3*`` of ``con`` — CPython keeps it first in the connection object (relied on for 3.8–3.13
    only) — checked to be the connection to ``path``."""
    if sys.implementation.name != "cpython" or not (3, 8) <= sys.version_info[:2] <= (3, 13) \
            or type(con) is not sqlite3.Connection:
        return None
    db = ctypes.c_uint64.from_address(id(con) + object.__basicsize__).value
    if not db:
        return None
    name = functions.db_filename(db, b"main")
    return db if name and os.path.realpath(os.fsdecode(name)) == os.path.realpath(path) else None


def _column_kind(values: pd.Series) -> Optional[str]:
    """"real", "int" or "text" as :func:`qgis_io._columns_as_python` makes the column's values (floats with
    None for NaN, integers, text with None), else None."""
    dtype = values.dtype
    plain = isinstance(dtype, np.dtype)  # numpy: no nullable extension types
    if pd.api.types.is_string_dtype(dtype) and not (plain and dtype.kind == "O"):
        return "text"
    if plain and dtype.kind == "f":
        return "real"
    if plain and (dtype.kind in "ib" or (dtype.kind == "u" and (not len(values) or int(values.max()) < 2 ** 63))):
        return "int"
    if plain and dtype.kind == "O" and pd.api.types.infer_dtype(values.to_numpy(), skipna=True) in ("string",
                                                                                                     "empty"):
        return "text"
    return None


class BulkInsert:
    """One prepared INSERT into ``table`` of a GeoPackage being filled through ``con``; :meth:`rows` inserts
    a range of the frame's rows, :meth:`close` finalizes the statement."""

    def __init__(self, db: int, functions: Any, kernel: Any, frame: pd.DataFrame, geoms: np.ndarray, srs_id: int,
                 kinds: dict[str, str], sql: str, known_wkb: Optional[np.ndarray] = None) -> None:
        self.db, self.f, self.kernel, self.frame, self.geoms = db, functions, kernel, frame, geoms
        self.known_wkb = known_wkb
        self.reals = [n for n, k in kinds.items() if k == "real"]
        self.ints = [n for n, k in kinds.items() if k == "int"]
        self.texts = [n for n, k in kinds.items() if k == "text"]
        # magic "GP", version 0, flags (little-endian, xy envelope), srs id
        self.head = np.frombuffer(b"GP\x00\x03" + int(srs_id).to_bytes(4, "little", signed=True), dtype=np.uint8)
        stmt = ctypes.c_uint64()
        encoded = sql.encode("utf-8")
        if functions.prepare(db, encoded, len(encoded), ctypes.byref(stmt), 0) != 0:
            raise sqlite3.OperationalError(functions.errmsg(db).decode("utf-8", "replace"))
        self.stmt = stmt.value

    @classmethod
    def prepare(cls, con: sqlite3.Connection, path: str, table: str, pk: str, geom_col: str, frame: pd.DataFrame,
                names: list[str], srs_id: int, known_wkb: Optional[np.ndarray] = None) -> Optional[BulkInsert]:
        """The bulk insert of ``frame``'s columns ``names`` (and geometry) into ``table``, or None when the
        compiled path cannot be used (see the module's description). ``known_wkb``: per row the geometry's
        little-endian WKB when already known, else None (see :func:`_geometry_parts`)."""
        if not compiled.ready() and len(frame) * (len(names) + 2) < MIN_VALUES:
            return None  # loading numba would cost more than the compiled loop saves
        kinds = {n: _column_kind(frame[n]) for n in names}
        if any(k is None for k in kinds.values()):
            return None
        geoms = np.asarray(frame.geometry.values, dtype=object)
        types = shapely.get_type_id(geoms)
        if not np.isin(types, (-1, 3, 6)).all() or shapely.has_z(geoms).any():
            return None
        kernel, functions = _kernel(), _sqlite()
        if kernel is None or functions is None:
            return None
        db = _handle(con, path, functions)
        if db is None:
            return None
        order = [n for k in ("real", "int", "text") for n in names if kinds[n] == k]
        cols = ", ".join(f'"{c}"' for c in [pk, geom_col, *order])
        sql = f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" * (len(order) + 2))})'
        try:
            return cls(db, functions, kernel, frame, geoms, srs_id, {n: str(kinds[n]) for n in order}, sql,
                       known_wkb)
        except UnicodeEncodeError:  # text SQLite would refuse too: the Python path reports it
            return None

    def chunk(self, lo: int, hi: int, bounds: np.ndarray) -> Chunk:
        """Rows ``lo``…``hi`` − 1 as the arrays the loop binds (``bounds``: their geometries' bounds). Holds the
        GIL (WKB, text); :meth:`insert` does not, so the next chunk can be made while one is inserted."""
        n = hi - lo
        kind, env, wkb, wkb_off = _geometry_parts(self.geoms[lo:hi], bounds,
                                                  None if self.known_wkb is None else self.known_wkb[lo:hi])
        part = self.frame.iloc[lo:hi]
        reals = np.ascontiguousarray(part[self.reals].to_numpy(dtype=np.float64).T) if self.reals \
            else np.empty((0, n))
        ints = np.ascontiguousarray(part[self.ints].to_numpy(dtype=np.int64).T) if self.ints \
            else np.empty((0, n), dtype=np.int64)
        codes, text, text_off, text_base = _text_parts(part, self.texts)
        return Chunk(lo, n, kind, env, wkb, wkb_off, np.empty(int(np.diff(wkb_off).max(initial=0)) + 49, np.uint8),
                     reals, ints, codes, text, text_off, text_base)

    def insert(self, c: Chunk) -> None:
        """Insert the rows of ``c`` as fids ``c.lo`` + 1, …: SQLite's functions called by the compiled loop,
        without the GIL (from any one thread at a time; the connection must not be used meanwhile)."""
        f = self.f
        done, rc = self.kernel(self.stmt, c.lo + 1, c.n, c.kind, self.head, c.env, c.wkb, c.wkb_off, c.scratch,
                               c.reals, c.ints, c.codes, c.text, c.text_off, c.text_base, f.bind_int64,
                               f.bind_double, f.bind_null, f.bind_text, f.bind_blob, f.step, f.reset)
        if rc:
            message = f.errmsg(self.db).decode("utf-8", "replace")
            error = sqlite3.IntegrityError if rc & 0xFF == 19 else sqlite3.OperationalError
            raise error(f"{message} (row {c.lo + done + 1})")

    def rows(self, lo: int, hi: int, bounds: np.ndarray) -> None:
        """Insert rows ``lo``…``hi`` − 1 as fids ``lo`` + 1…``hi`` (``bounds``: their geometries' bounds)."""
        self.insert(self.chunk(lo, hi, bounds))

    def close(self) -> None:
        if self.stmt:
            self.f.finalize(self.stmt)
            self.stmt = 0


def unavailable(kernel: Callable[[], Any], functions: Callable[[], Any]) -> Optional[str]:
    """Why a compiled GeoPackage loop cannot run (``kernel()`` and ``functions()`` load it and SQLite's
    functions), or None when it can."""
    if compiled.switched_off():
        return "SWC_NO_NUMBA is set"
    if kernel() is None:
        return "neither the C kernels are built nor numba is installed"
    if functions() is None:
        return "SQLite's C functions were not found"
    return None


def describe() -> str:
    """How GeoPackage rows are bound, for the environment report: the compiled loop is tried on a one-row table
    (raises when it stores something else than it was given)."""
    reason = unavailable(_kernel, _sqlite)
    if reason:
        return f"Python ({reason})"
    import geopandas as gpd

    frame = gpd.GeoDataFrame({"a": [1.5], "b": [7], "c": ["水土保持"]}, geometry=[shapely.box(0, 0, 1, 1)])
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "probe.sqlite")
        con = sqlite3.connect(path, isolation_level=None)
        try:
            con.execute("CREATE TABLE t (fid INTEGER PRIMARY KEY, geom BLOB, a REAL, b INTEGER, c TEXT)")
            bulk = BulkInsert.prepare(con, path, "t", "fid", "geom", frame, ["a", "b", "c"], 4545)
            if bulk is None:
                return "Python (the connection's SQLite handle was not found)"
            try:
                bulk.rows(0, 1, shapely.bounds(frame.geometry.values))
            finally:
                bulk.close()
            row = con.execute("SELECT fid, a, b, c, length(geom) FROM t").fetchone()
        finally:
            con.close()
    # a box: 40-byte header with envelope, MultiPolygon head (9), polygon head (9), ring count (4), 5 points
    assert row == (1, 1.5, 7, "水土保持", 40 + 9 + 9 + 4 + 5 * 16), f"compiled GeoPackage insert stored {row}"
    return compiled.describe(MODULE) or "compiled"
