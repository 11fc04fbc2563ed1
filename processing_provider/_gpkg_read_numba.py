"""The compiled row-reading loop (numba) of :mod:`processing_provider.gpkg_read`, loaded under the fixed module
name ``swc_ecovalue_gpkg_read_numba`` so that numba's on-disk cache (next to this file) is found again whatever
name the plugin's package is imported under. Imports only numpy and numba; SQLite's functions (and ``memcpy``)
come in as ctypes function objects (pointers passed as 64-bit integers)."""

from __future__ import annotations

import numba
import numpy as np

SQLITE_ROW = 100
SQLITE_DONE = 101
SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL = 1, 2, 3, 4, 5

#: Statuses returned by :func:`read`.
DONE, FULL, LIMIT, UNEXPECTED, FAILED = 0, 1, 2, 3, 4


@numba.njit(nogil=True, cache=True)
def read(stmt: int, kind: np.ndarray, slot: np.ndarray, row: int, limit: int, pending: int,
         fids: np.ndarray, reals: np.ndarray, ints: np.ndarray, nulls: np.ndarray, text: np.ndarray,
         text_start: np.ndarray, text_end: np.ndarray, text_pos: int, geom: np.ndarray, geom_start: np.ndarray,
         geom_end: np.ndarray, geom_pos: int, head: np.ndarray, column_type, column_int64, column_double,
         column_blob, column_bytes, step, memcpy) -> tuple[int, int, int, int, int]:
    """Step the prepared ``SELECT fid, geom, <columns>`` from row ``row`` on; returns (status, rows filled,
    text bytes used, geometry bytes used, column of an unexpected value).

    Status :data:`DONE`: SQLite has no more rows; :data:`LIMIT`: rows up to ``limit`` are filled (call again
    with the next limit); :data:`FULL`: the current row does not fit the text or geometry buffer (grow them
    and call again with ``pending`` 1: the row is read again without stepping); :data:`UNEXPECTED`: a value of
    another type than its column's kind (the caller reads the layer another way); :data:`FAILED`: SQLite's
    step failed (its code in the last field).

    ``kind[j]`` of column j (after fid and geometry): 0 real, 1 integer, 2 text; ``slot[j]``: its row in
    ``reals``, ``ints`` or ``text_start``/``text_end``, and ``nulls[j, r]`` marks NULL. Reals are NaN when NULL,
    text goes to ``text`` (its bytes from ``text_start`` to ``text_end``). The geometry's WKB (the GeoPackage
    blob without its header and envelope) goes to ``geom`` from ``geom_start`` to ``geom_end``, NULL as an
    empty range and ``geom_start`` −1; a blob that is not a standard GeoPackage geometry is unexpected (−1).
    """
    n_cols = kind.shape[0]
    head_ptr = head.ctypes.data
    text_ptr = text.ctypes.data
    geom_ptr = geom.ctypes.data
    while row < limit:
        if pending == 0:
            rc = step(stmt)
            if rc == SQLITE_DONE:
                return DONE, row, text_pos, geom_pos, 0
            if rc != SQLITE_ROW:
                return FAILED, row, text_pos, geom_pos, rc
        pending = 0
        # room for this row: checked first, so a full buffer leaves nothing half-written
        need_text = 0
        for j in range(n_cols):
            if kind[j] == 2 and column_type(stmt, j + 2) == SQLITE_TEXT:
                need_text += column_bytes(stmt, j + 2)
        need_geom = column_bytes(stmt, 1) if column_type(stmt, 1) == SQLITE_BLOB else 0
        if text_pos + need_text > text.shape[0] or geom_pos + need_geom > geom.shape[0]:
            return FULL, row, text_pos, geom_pos, 0
        fids[row] = column_int64(stmt, 0)
        t = column_type(stmt, 1)
        if t == SQLITE_NULL:
            geom_start[row] = -1
            geom_end[row] = geom_pos
        elif t == SQLITE_BLOB:
            size = column_bytes(stmt, 1)
            ptr = column_blob(stmt, 1)
            if size < 8:
                return UNEXPECTED, row, text_pos, geom_pos, -1
            memcpy(head_ptr, ptr, 8)
            flags = head[3]
            envelope = (flags >> 1) & 7
            if head[0] != 0x47 or head[1] != 0x50 or head[2] != 0 or flags & 0x20 or envelope > 4:
                return UNEXPECTED, row, text_pos, geom_pos, -1
            skip = 8 + (0 if envelope == 0 else 32 if envelope == 1 else 64 if envelope == 4 else 48)
            if size < skip:
                return UNEXPECTED, row, text_pos, geom_pos, -1
            memcpy(geom_ptr + geom_pos, ptr + skip, size - skip)
            geom_start[row] = geom_pos
            geom_pos += size - skip
            geom_end[row] = geom_pos
        else:
            return UNEXPECTED, row, text_pos, geom_pos, -1
        for j in range(n_cols):
            c = j + 2
            t = column_type(stmt, c)
            k = kind[j]
            s = slot[j]
            if t == SQLITE_NULL:
                nulls[j, row] = True
                if k == 0:
                    reals[s, row] = np.nan
                elif k == 2:
                    text_start[s, row] = text_pos
                    text_end[s, row] = text_pos
                continue
            if k == 0:
                if t != SQLITE_FLOAT and t != SQLITE_INTEGER:
                    return UNEXPECTED, row, text_pos, geom_pos, j
                reals[s, row] = column_double(stmt, c)
            elif k == 1:
                if t != SQLITE_INTEGER:
                    return UNEXPECTED, row, text_pos, geom_pos, j
                ints[s, row] = column_int64(stmt, c)
            else:
                if t != SQLITE_TEXT:
                    return UNEXPECTED, row, text_pos, geom_pos, j
                ptr = column_blob(stmt, c)  # the text's bytes (as UTF-8: SQLite keeps them so in a UTF-8 file)
                size = column_bytes(stmt, c)
                memcpy(text_ptr + text_pos, ptr, size)
                text_start[s, row] = text_pos
                text_pos += size
                text_end[s, row] = text_pos
        row += 1
    return LIMIT, row, text_pos, geom_pos, 0


@numba.njit(nogil=True, cache=True)
def gather(text: np.ndarray, start: np.ndarray, end: np.ndarray, nulls: np.ndarray, out: np.ndarray) -> int:
    """One column's non-NULL values from ``text``, each followed by a NUL byte, into ``out``; returns the bytes
    written."""
    pos = 0
    for r in range(start.shape[0]):
        if nulls[r]:
            continue
        a, b = start[r], end[r]
        out[pos:pos + b - a] = text[a:b]
        pos += b - a
        out[pos] = 0
        pos += 1
    return pos


@numba.njit(nogil=True, cache=True)
def _u32(buf: np.ndarray, p: int) -> int:
    return np.int64(buf[p]) | (np.int64(buf[p + 1]) << 8) | (np.int64(buf[p + 2]) << 16) | (np.int64(buf[p + 3]) << 24)


@numba.njit(nogil=True, cache=True)
def _polygon_end(buf: np.ndarray, p: int, b: int) -> int:
    """Where the little-endian 2-D Polygon at ``p`` ends (−1: it is not one, or passes ``b``)."""
    if p + 9 > b or buf[p] != 1 or _u32(buf, p + 1) != 3:
        return -1
    rings = _u32(buf, p + 5)
    p += 9
    for _ in range(rings):
        if p + 4 > b:
            return -1
        p += 4 + 16 * _u32(buf, p)
        if p > b:
            return -1
    return p


@numba.njit(nogil=True, cache=True)
def plain_polygonal(geom: np.ndarray, start: np.ndarray, end: np.ndarray, out: np.ndarray) -> None:
    """``out[r]``: whether ``geom[start[r]:end[r]]`` is a little-endian 2-D Polygon, or MultiPolygon of such
    Polygons, and nothing more — the bytes ``shapely.to_wkb(byte_order=1)`` writes for the geometry read from
    it (ISO and extended WKB agree in 2-D)."""
    for r in range(start.shape[0]):
        a, b = start[r], end[r]
        out[r] = False
        if a < 0 or a + 9 > b or geom[a] != 1:
            continue
        t = _u32(geom, a + 1)
        if t == 3:
            out[r] = _polygon_end(geom, a, b) == b
        elif t == 6:
            p = a + 9
            for _ in range(_u32(geom, a + 5)):
                p = _polygon_end(geom, p, b)
                if p < 0:
                    break
            out[r] = p == b
