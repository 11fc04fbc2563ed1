"""The compiled row-insert loop (numba) of :mod:`processing_provider.gpkg_insert`, loaded under the fixed module name
``swc_ecovalue_gpkg_insert_numba`` so that numba's on-disk cache (next to this file) is found again whatever
name the plugin's package is imported under. Imports only numpy and numba; SQLite's functions come in as
ctypes function objects (pointers passed as 64-bit integers)."""

from __future__ import annotations

import numba
import numpy as np

SQLITE_DONE = 101


@numba.njit(nogil=True, cache=True)
def insert(stmt: int, first_fid: int, n: int, kind: np.ndarray, head: np.ndarray, env: np.ndarray,
           wkb: np.ndarray, wkb_off: np.ndarray, scratch: np.ndarray, reals: np.ndarray, ints: np.ndarray,
           codes: np.ndarray, text: np.ndarray, text_off: np.ndarray, text_base: np.ndarray, bind_int64,
           bind_double, bind_null, bind_text, bind_blob, step, reset) -> tuple[int, int]:
    """Bind and step the prepared INSERT ``stmt`` for ``n`` rows (fids ``first_fid``, ``first_fid`` + 1, …);
    returns (rows done, SQLite code of the failing step or 0).

    Parameters in order: fid, geometry blob, the real columns (NaN → NULL), the integer columns, the text
    columns (``codes``: index of the row's value among its column's values, −1 → NULL; the value's UTF-8 bytes
    are ``text[text_off[k]:text_off[k + 1]]`` with ``k = text_base[column] + code``).
    The blob is a GeoPackage geometry as GDAL writes it: the 8 bytes of ``head`` (magic, version 0, flags 0x03,
    srs id), then — unless the geometry is empty (``kind`` 1: flags 0x11, no envelope) — the row's envelope
    (``env``: minx maxx miny maxy as 32 bytes), then the row's WKB (``wkb[wkb_off[r]:wkb_off[r + 1]]``),
    after a MultiPolygon-of-one head for a Polygon (``kind`` 2); ``kind`` 0 is NULL, 3 a MultiPolygon.
    """
    n_real = reals.shape[0]
    n_int = ints.shape[0]
    n_text = codes.shape[0]
    text_ptr = text.ctypes.data
    scratch_ptr = scratch.ctypes.data
    multi = np.array([1, 6, 0, 0, 0, 1, 0, 0, 0], dtype=np.uint8)  # little-endian MultiPolygon of 1 part
    for r in range(n):
        bind_int64(stmt, 1, first_fid + r)
        k = kind[r]
        if k == 0:
            bind_null(stmt, 2)
        else:
            scratch[:8] = head
            size = 8
            if k == 1:
                scratch[3] = 0x11
            else:
                scratch[8:40] = env[r]
                size = 40
            if k == 2:
                scratch[size:size + 9] = multi
                size += 9
            a, e = wkb_off[r], wkb_off[r + 1]
            scratch[size:size + e - a] = wkb[a:e]
            size += e - a
            bind_blob(stmt, 2, scratch_ptr, size, 0)  # static: read while stepping, before the next row
        p = 3
        for j in range(n_real):
            v = reals[j, r]
            if np.isnan(v):
                bind_null(stmt, p)
            else:
                bind_double(stmt, p, v)
            p += 1
        for j in range(n_int):
            bind_int64(stmt, p, ints[j, r])
            p += 1
        for j in range(n_text):
            c = codes[j, r]
            if c < 0:
                bind_null(stmt, p)
            else:
                t = text_base[j] + c
                bind_text(stmt, p, text_ptr + text_off[t], text_off[t + 1] - text_off[t], 0)
            p += 1
        rc = step(stmt)
        reset(stmt)
        if rc != SQLITE_DONE:
            return r, rc
    return n, 0


@numba.njit(nogil=True, cache=True)
def insert_pairs(stmt: int, a: np.ndarray, b: np.ndarray, bind_int64, step, reset) -> tuple[int, int]:
    """Bind ``a[r]``, ``b[r]`` as the two parameters of the prepared ``stmt`` and step it for every row r;
    returns (rows done, SQLite code of the failing step or 0)."""
    for r in range(a.shape[0]):
        bind_int64(stmt, 1, a[r])
        bind_int64(stmt, 2, b[r])
        rc = step(stmt)
        reset(stmt)
        if rc != SQLITE_DONE:
            return r, rc
    return a.shape[0], 0
