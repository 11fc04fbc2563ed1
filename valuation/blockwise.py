"""Block-wise zonal sums: exact partial-cell coverage per row block, reused by every raster of that block.

The working grid is processed in blocks of whole rows (:func:`row_blocks`), so no raster is ever held whole.
For each block the parcels that reach it (an STRtree query) get their exact covered fraction of every cell
(:func:`block_coverage`), computed once and reused for every raster read on that block
(:class:`BlockCoverage`); the sums of fraction × value per parcel are accumulated over the blocks.

Coverage by edge pieces (Green's theorem, linear in the boundary length): every ring edge, in cell units, is
cut at the grid lines into pieces that each lie in one cell. Inside a row strip, the area of a polygon
left of a vertical line is a sum over its boundary pieces; a piece in column c adds ``dv·(c + 1 − u_mid)`` to
its own cell and ``dv`` to every cell right of it in the row, so a cumulative sum along the row gives the
fraction of each boundary cell and the (0 or 1) fraction of the runs of cells between them. Parts of a
polygon outside the block are clipped exactly (a piece left of the block only adds its ``dv``). Results
equal :func:`valuation.rasters.coverage_matrix` to rounding.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional

import numpy as np
import rasterio
import shapely
from affine import Affine
from rasterio.enums import MaskFlags, Resampling
from rasterio.warp import reproject
from rasterio.windows import Window

from . import coverage_kernel
from .errors import ValuationError
from .progress import Monitor
from .rasters import Grid, _polygonal_all, _transform_bounds, nominal_resolution_m, same_crs

#: Cells per row block: about 16 MB per float64 raster block.
BLOCK_CELLS = 2_000_000
#: Pieces (edge parts in one cell) processed at once when computing one block's coverage.
_PIECE_CHUNK = 1_000_000


def row_blocks(grid: Grid, block_rows: Optional[int] = None,
               tiles: Optional[tuple[int, int]] = None) -> Iterator[tuple[int, int, Grid]]:
    """``(row0, row1, sub-grid)`` of consecutive blocks of whole rows covering ``grid``.

    ``tiles``: ``(tile height, row offset of the grid in the raster)`` of the rasters' tiles; without
    ``block_rows`` the blocks then end on tile rows (whole tile rows per block, so that no tile is
    decompressed for two blocks, which different threads read with their own datasets)."""
    rows = block_rows or max(1, BLOCK_CELLS // max(grid.width, 1))
    first = rows
    if tiles is not None and block_rows is None and tiles[0] > 0:
        th, off = tiles
        rows = max(1, round(rows / th)) * th
        first = (-off) % th or rows
    r0 = 0
    while r0 < grid.height:
        r1 = min(r0 + (first if r0 == 0 else rows), grid.height)
        yield r0, r1, Grid(grid.crs, grid.transform @ Affine.translation(0, r0), grid.width, r1 - r0)
        r0 = r1


# ----- coverage of one block -----------------------------------------------------------------------------
@dataclass
class BlockCoverage:
    """Exact covered fractions on one block: boundary cells one by one, interior runs of cells per row.

    ``cell_*``: parcel index, row, column and fraction of each boundary cell; ``run_*``: parcel index, row,
    first and end (exclusive) column and fraction (1 for valid polygons) of each run of cells between them.
    """

    shape: tuple[int, int]
    cell_poly: np.ndarray
    cell_row: np.ndarray
    cell_col: np.ndarray
    cell_frac: np.ndarray
    run_poly: np.ndarray
    run_row: np.ndarray
    run_c0: np.ndarray
    run_c1: np.ndarray
    run_frac: np.ndarray
    _spans: Optional[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = field(default=None, repr=False)

    @classmethod
    def empty(cls, shape: tuple[int, int]) -> BlockCoverage:
        i, f = np.zeros(0, dtype=np.int64), np.zeros(0)
        return cls(shape, i, i, i, f, i, i, i, i, f)

    @classmethod
    def concat(cls, shape: tuple[int, int], parts: list[BlockCoverage]) -> BlockCoverage:
        if not parts:
            return cls.empty(shape)
        if len(parts) == 1:
            return parts[0]
        names = ("cell_poly", "cell_row", "cell_col", "cell_frac", "run_poly", "run_row", "run_c0", "run_c1",
                 "run_frac")
        return cls(shape, *(np.concatenate([getattr(p, n) for p in parts]) for n in names))  # type: ignore[arg-type]

    def weights(self, n: int) -> np.ndarray:
        """Σ fraction (in cells) per parcel."""
        return (np.bincount(self.cell_poly, self.cell_frac, minlength=n)
                + np.bincount(self.run_poly, self.run_frac * (self.run_c1 - self.run_c0), minlength=n))

    def spans(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Flat indices of the boundary cells; the runs as ``reduceat`` indices of the flattened block (start,
        end, start, end, …, sorted by start; runs ending at the block's end last) and their order."""
        if self._spans is None:
            h, w = self.shape
            start = self.run_row * w + self.run_c0
            end = self.run_row * w + self.run_c1
            order = np.lexsort((start, end == h * w))  # np.add.reduceat cannot take the index h·w
            idx = np.empty(2 * start.size, dtype=np.intp)
            idx[0::2], idx[1::2] = start[order], end[order]
            self._spans = (self.cell_row * w + self.cell_col, idx, order, np.flatnonzero(end[order] == h * w))
        return self._spans

    def sums(self, values: np.ndarray, n: int) -> np.ndarray:
        """Σ fraction·value per parcel; ``values`` is the block as a (rows, cols) float array with 0 for
        invalid cells. Boundary cells are gathered one by one and each run of cells is summed on its own
        (``np.add.reduceat``: sorted by start, the runs and the gaps between them make one pass over the
        block), so a parcel's sum only ever adds its own cells."""
        cells, idx, order, at_end = self.spans()
        flat = np.ascontiguousarray(values, dtype=np.float64).ravel()
        out = np.bincount(self.cell_poly, self.cell_frac * flat[cells], minlength=n)
        if order.size:
            k = order.size - at_end.size  # runs ending before the block's end
            run = np.empty(order.size)
            if k:
                run[:k] = np.add.reduceat(flat, idx[:2 * k])[0::2]
            for i in at_end:  # at most a few runs end at the last cell
                run[i] = flat[idx[2 * i]:].sum()
            out += np.bincount(self.run_poly[order], self.run_frac[order] * run, minlength=n)
        return out


Edges = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # ua, va, ub, vb, sign, poly


def _edges(geoms: np.ndarray, index: np.ndarray, block: Grid) -> Edges:
    """Ring edges in the block's cell units (u = column, v = row, from its top-left corner), with the sign
    that orients each ring as the coverage formula wants (exteriors anticlockwise and holes clockwise on the
    map) and the parcel number; horizontal edges (no contribution) are left out."""
    parts, part_geom = shapely.get_parts(geoms, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    xy, ring = shapely.get_coordinates(rings, return_index=True)
    t = block.transform
    u, v = (xy[:, 0] - t.c) / t.a, (xy[:, 1] - t.f) / t.e
    same = ring[1:] == ring[:-1]
    ua, ub, va, vb, er = u[:-1][same], u[1:][same], v[:-1][same], v[1:][same], ring[:-1][same]
    # shoelace per ring, relative to its first vertex; v points down, so anticlockwise on the map is < 0 here
    first = np.searchsorted(ring, np.arange(rings.size))
    u0, v0 = u[first][er], v[first][er]
    signed = np.bincount(er, (ua - u0) * (vb - v0) - (ub - u0) * (va - v0), minlength=rings.size)
    exterior = np.r_[True, ring_part[1:] != ring_part[:-1]] if ring_part.size else np.zeros(0, bool)
    ring_sign = np.where(exterior == (signed < 0), 1.0, -1.0)
    live = va != vb
    er = er[live]
    return (ua[live], va[live], ub[live], vb[live], ring_sign[er],
            np.asarray(index, dtype=np.int64)[part_geom[ring_part[er]]])


def _clip_to_window(e: Edges, h: int, w: int) -> Edges:
    """Edges cut where they cross u = 0, u = w, v = 0, v = h, then clamped into the window.

    Exact for coverage: a piece left of the window keeps its dv (it only adds ``dv`` to the cells right of
    it, as a piece on u = 0 does); pieces above, below or right of the window contribute nothing.
    """
    ua, va, ub, vb, sign, poly = e
    umin, umax = np.minimum(ua, ub), np.maximum(ua, ub)
    vmin, vmax = np.minimum(va, vb), np.maximum(va, vb)
    cross = ((umin < 0) & (umax > 0)) | ((umin < w) & (umax > w)) | ((vmin < 0) & (vmax > 0)) \
        | ((vmin < h) & (vmax > h))
    if cross.any():
        c = np.flatnonzero(cross)
        cua, cva = ua[c], va[c]
        du, dv = ub[c] - cua, vb[c] - cva
        with np.errstate(divide="ignore", invalid="ignore"):
            ts = np.column_stack([-cua / du, (w - cua) / du, -cva / dv, (h - cva) / dv])
        ts = np.where((ts > 0.0) & (ts < 1.0), ts, np.nan)
        ts.sort(axis=1)
        nsplit = np.count_nonzero(~np.isnan(ts), axis=1)
        m = c.size
        seg = np.repeat(np.arange(m), nsplit + 1)
        t = np.full((m, 6), np.nan)
        t[:, 0] = 0.0
        t[:, 1:5] = ts
        t[np.arange(m), nsplit + 1] = 1.0
        start, end = t[:, :5].ravel(), t[:, 1:].ravel()
        keep = ~np.isnan(end)
        start, end = start[keep], end[keep]
        rest = ~cross
        su, sv, sdu, sdv = cua[seg], cva[seg], du[seg], dv[seg]
        # the split edges go right after the others of their parcel (parcels' edges stay together)
        order = np.argsort(np.concatenate([poly[rest], poly[c][seg]]), kind="stable")
        ua = np.concatenate([ua[rest], su + start * sdu])[order]
        va = np.concatenate([va[rest], sv + start * sdv])[order]
        ub = np.concatenate([ub[rest], su + end * sdu])[order]
        vb = np.concatenate([vb[rest], sv + end * sdv])[order]
        sign = np.concatenate([sign[rest], sign[c][seg]])[order]
        poly = np.concatenate([poly[rest], poly[c][seg]])[order]
    if ua.size and (min(ua.min(), ub.min()) < 0 or max(ua.max(), ub.max()) > w
                    or min(va.min(), vb.min()) < 0 or max(va.max(), vb.max()) > h):
        ua, ub = np.clip(ua, 0.0, w), np.clip(ub, 0.0, w)
        va, vb = np.clip(va, 0.0, h), np.clip(vb, 0.0, h)
    return ua, va, ub, vb, sign, poly


def _crossings(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integers strictly between a and b for each edge, in the direction of travel: (edge, value, count)."""
    up = b >= a
    first = np.where(up, np.floor(a) + 1, np.ceil(a) - 1)
    n = np.maximum(np.where(up, np.ceil(b) - first, first - np.floor(b)), 0).astype(np.int64)
    edge = np.repeat(np.arange(a.size), n)
    j = np.arange(edge.size) - np.repeat(np.cumsum(n) - n, n)
    return edge, np.repeat(first, n) + np.where(up[edge], j, -j), n


def _pieces(e: Edges, h: int, w: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cut window edges at every grid line: per piece its parcel, row, column, own-cell term and carry.

    Each edge's points (start, column-line and row-line crossings, end) are put in order along the edge
    without sorting: a column crossing's place among the row crossings follows from its v coordinate."""
    ua, va, ub, vb, sign, poly = e
    du, dv = ub - ua, vb - va
    seg_u, k_u, nu = _crossings(ua, ub)
    seg_v, k_v, nv = _crossings(va, vb)
    t_u = (k_u - ua[seg_u]) / du[seg_u]
    a = va[seg_u]
    v_at_u = a + t_u * dv[seg_u]
    # row crossings passed before each column crossing (clipped: rounding at grid corners)
    before = np.where(dv[seg_u] < 0, np.ceil(a) - np.floor(v_at_u) - 1, np.ceil(v_at_u) - np.floor(a) - 1)
    before = np.clip(before, 0, nv[seg_u]).astype(np.int64)
    total = nu + nv + 2
    base = np.cumsum(total) - total                      # slot of each edge's start point
    j_u = np.arange(seg_u.size) - np.repeat(np.cumsum(nu) - nu, nu)
    slot_u = base[seg_u] + 1 + j_u + before
    npts = int(total.sum())
    u = np.empty(npts)
    v = np.empty(npts)
    taken = np.zeros(npts, dtype=bool)
    ends = base + total - 1
    taken[base] = True
    taken[ends] = True
    taken[slot_u] = True
    u[base], v[base] = ua, va
    u[ends], v[ends] = ub, vb
    u[slot_u], v[slot_u] = k_u, v_at_u
    slot_v = np.flatnonzero(~taken)                      # the rest, in order, are the row crossings
    t_v = (k_v - va[seg_v]) / dv[seg_v]
    u[slot_v], v[slot_v] = ua[seg_v] + t_v * du[seg_v], k_v
    dpv = v[1:] - v[:-1]
    umid = 0.5 * (u[:-1] + u[1:])
    keep = (dpv != 0.0) & (umid < w)
    keep[ends[:-1]] = False                              # no piece from one edge's end to the next start
    idx = np.flatnonzero(keep)
    edge_of = np.repeat(np.arange(total.size), total)[idx]  # the edge of each piece
    carry = dpv[idx] * sign[edge_of]
    umid = umid[idx]
    col = np.floor(umid).astype(np.int64)
    row = np.minimum(np.floor(0.5 * (v[idx] + v[idx + 1])).astype(np.int64), h - 1)
    return poly[edge_of], row, col, carry * (col + 1 - umid), carry


def _runs(pid: np.ndarray, row: np.ndarray, col: np.ndarray, own: np.ndarray, carry: np.ndarray,
          h: int, w: int, shape: tuple[int, int]) -> BlockCoverage:
    """Boundary-cell fractions and interior runs from the pieces (see the module docstring)."""
    if not pid.size:
        return BlockCoverage.empty(shape)
    key = (pid * h + row) * (w + 1) + col
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    direct = np.add.reduceat(own[order], first)
    ksum = np.add.reduceat(carry[order], first)
    sel = order[first]
    poly_of, row_of, c = pid[sel], row[sel], col[sel]
    new_group = np.r_[True, (poly_of[1:] != poly_of[:-1]) | (row_of[1:] != row_of[:-1])]
    gstart = np.maximum.accumulate(np.where(new_group, np.arange(c.size), 0))
    before = np.cumsum(ksum) - ksum
    before = before - before[gstart]
    frac = np.clip(direct + before, 0.0, 1.0)
    keep = frac > 1e-12
    after = before + ksum
    same_next = np.r_[~new_group[1:], False]  # False where the next entry starts a new group (or at the end)
    nxt = np.where(same_next, np.r_[c[1:], 0], w)
    gap = np.flatnonzero(nxt - c > 1)
    rf = np.clip(after[gap], 0.0, 1.0)
    rf = np.where(np.abs(rf - 1.0) < 1e-9, 1.0, rf)
    live = rf > 1e-9
    gap = gap[live]
    return BlockCoverage(shape, poly_of[keep], row_of[keep], c[keep], frac[keep],
                         poly_of[gap], row_of[gap], c[gap] + 1, nxt[gap], rf[live])


def window_edges(geoms: np.ndarray, index: np.ndarray, block: Grid) -> Edges:
    """The ring edges of ``geoms`` (labelled ``index``) that reach the window of ``block``, cut at its border and
    clamped into it (:func:`_edges`, :func:`_clip_to_window`), without the horizontal ones."""
    h, w = block.height, block.width
    ua, va, ub, vb, sign, poly = _edges(np.asarray(geoms, dtype=object), index, block)
    near = (np.maximum(va, vb) > 0) & (np.minimum(va, vb) < h) & (np.minimum(ua, ub) < w)
    ua, va, ub, vb, sign, poly = _clip_to_window((ua[near], va[near], ub[near], vb[near], sign[near], poly[near]),
                                                 h, w)
    live = va != vb
    return ua[live], va[live], ub[live], vb[live], sign[live], poly[live]


def _piece_bounds(e: Edges) -> np.ndarray:
    """Per edge an upper bound of its pieces: the grid lines it crosses + 1."""
    return (np.abs(e[2] - e[0]) + np.abs(e[3] - e[1]) + 2).astype(np.int64)


def block_coverage(geoms: np.ndarray, index: np.ndarray, block: Grid,
                   monitor: Optional[Monitor] = None, use_kernel: bool = True) -> BlockCoverage:
    """Exact coverage on ``block`` of the valid (multi)polygons ``geoms`` (in the block's CRS, e.g. from
    :func:`prepare_geometries`), labelled with ``index`` (their parcel numbers); by the compiled kernel
    (:mod:`valuation.coverage_kernel`) when there is one and ``use_kernel``, else with numpy."""
    h, w = block.height, block.width
    if not len(geoms) or not h or not w:
        return BlockCoverage.empty((h, w))
    compiled = coverage_kernel.kernel() if use_kernel else None
    found = coverage_kernel.window_edges(geoms, index, block) if compiled is not None else None
    e, pieces = found if found is not None else (window_edges(geoms, index, block), None)
    poly = e[5]
    if not poly.size:
        return BlockCoverage.empty((h, w))
    bounds = np.r_[0, np.flatnonzero(poly[1:] != poly[:-1]) + 1, poly.size]  # parcels' edges are grouped
    if compiled is not None:
        if pieces is None:
            pieces = int(_piece_bounds(e).sum())
        return BlockCoverage((h, w), *compiled(*e, bounds.astype(np.int64), h, w, pieces))
    # numpy: in chunks of whole parcels
    cells = _piece_bounds(e)
    work = np.cumsum(cells)[bounds[1:] - 1]
    parts: list[BlockCoverage] = []
    lo, done = 0, 0
    while lo < bounds.size - 1:
        hi = int(np.searchsorted(work, done + _PIECE_CHUNK, side="right"))
        hi = max(hi, lo + 1)
        a, b = bounds[lo], bounds[hi]
        pid, row, col, own, carry = _pieces(tuple(x[a:b] for x in e), h, w)  # type: ignore[arg-type]
        parts.append(_runs(pid, row, col, own, carry, h, w, (h, w)))
        done = int(work[hi - 1])
        lo = hi
        if monitor is not None:
            monitor.check()
    return BlockCoverage.concat((h, w), parts)


def prepare_geometries(geoms: Any) -> np.ndarray:
    """Valid polygonal geometries (None when there is none), as :func:`rasters.coverage_matrix` uses them."""
    return _polygonal_all(np.asarray(geoms, dtype=object))


# ----- reading raster blocks -----------------------------------------------------------------------------
class BlockReader:
    """One raster band kept open and read onto row blocks of a working grid.

    The resampling is chosen once for the whole working grid, as :func:`rasters.read_on_grid` does. When
    the raster's cells are the grid's cells (same CRS and cell size, whole-cell offset) a block is a plain
    windowed read (what any resampling gives there); otherwise it is a GDAL warp of that block.
    """

    def __init__(self, path: str, grid: Grid, categorical: bool = False, band: int = 1) -> None:
        self.path = str(path)
        self.band = band
        self.src = rasterio.open(self.path)
        # GDAL datasets must not be shared between threads: every other thread reading opens its own
        self._local = threading.local()
        self._local.src = self.src
        self._opened: list[Any] = [self.src]
        self._lock = threading.Lock()
        try:
            if self.src.crs is None:
                raise ValuationError("raster_no_crs", "Raster {path} has no coordinate reference system.",
                                     path=self.path)
            if not 1 <= band <= self.src.count:
                raise ValuationError("raster_no_band", "Raster {path} has no band {band} (it has {count}).",
                                     path=self.path, band=band, count=self.src.count)
            self.resampling = _resampling_for(self.src, grid, categorical)
            self.offset = _aligned_offset(self.src, band, grid)
        except Exception:
            self.src.close()
            raise

    def _handle(self) -> Any:
        """This thread's open dataset."""
        src = getattr(self._local, "src", None)
        if src is None:
            src = rasterio.open(self.path)
            self._local.src = src
            with self._lock:
                self._opened.append(src)
        return src

    def read(self, block: Grid) -> np.ndarray:
        """The block as float64, NaN where nodata or outside the raster (callable from any thread)."""
        src = self._handle()
        if self.offset is not None and block.size:
            r_off, c_off = _offset(block.transform, src.transform)
            r0, c0 = max(r_off, 0), max(c_off, 0)
            r1, c1 = min(r_off + block.height, src.height), min(c_off + block.width, src.width)
            data = None
            if r1 > r0 and c1 > c0:
                data = src.read(self.band, window=Window(c0, r0, c1 - c0, r1 - r0), out_dtype=np.float64)
                nodata = src.nodatavals[self.band - 1]
                if nodata is not None and not np.isnan(nodata):
                    data[data == nodata] = np.nan
                if data.shape == block.shape:
                    return data
            dst = np.full(block.shape, np.nan, dtype=np.float64)
            if data is not None:
                dst[r0 - r_off:r1 - r_off, c0 - c_off:c1 - c_off] = data
            return dst
        dst = np.full(block.shape, np.nan, dtype=np.float64)
        if not block.size:
            return dst
        reproject(rasterio.band(src, self.band), dst, src_nodata=src.nodatavals[self.band - 1],
                  dst_transform=block.transform, dst_crs=block.rasterio_crs, dst_nodata=np.nan,
                  resampling=self.resampling, init_dest_nodata=True)
        return dst

    def tiles(self) -> Optional[tuple[int, int]]:
        """``(tile height, row offset of the working grid in the raster)`` when blocks are plain windowed reads
        of a tiled raster, else None."""
        if self.offset is None:
            return None
        height = self.src.block_shapes[self.band - 1][0]
        return (int(height), int(self.offset[0])) if 1 < height < self.src.height else None

    def close(self) -> None:
        with self._lock:
            for src in self._opened:
                src.close()
            self._opened.clear()

    def __enter__(self) -> BlockReader:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _resampling_for(src: Any, grid: Grid, categorical: bool) -> Resampling:
    if categorical:
        return Resampling.nearest
    src_grid = Grid(src.crs, src.transform, src.width, src.height)
    near = None
    if src_grid.pyproj_crs.is_geographic and grid.size:
        near = _transform_bounds(grid.bounds, grid.pyproj_crs, src_grid.pyproj_crs)
    fine = nominal_resolution_m(src_grid, near) * 2 < nominal_resolution_m(grid)
    return Resampling.average if fine else Resampling.bilinear


def _offset(block: Affine, src: Affine) -> tuple[int, int]:
    return int(round((block.f - src.f) / src.e)), int(round((block.c - src.c) / src.a))


def _aligned_offset(src: Any, band: int, grid: Grid) -> Optional[tuple[int, int]]:
    """The grid's (row, col) offset in the raster when their cells coincide, else None."""
    t, g = src.transform, grid.transform
    if t.b != 0 or t.d != 0 or t.e >= 0 or not same_crs(src.crs, grid.crs):
        return None
    if abs(t.a - g.a) > 1e-9 * abs(g.a) or abs(t.e - g.e) > 1e-9 * abs(g.e):
        return None
    col, row = (g.c - t.c) / t.a, (g.f - t.f) / t.e
    if abs(col - round(col)) > 1e-6 or abs(row - round(row)) > 1e-6:
        return None
    # only a nodata value (or nothing) marks invalid cells: other masks are left to the warper
    flags = src.mask_flag_enums[band - 1]
    if any(f not in (MaskFlags.all_valid, MaskFlags.nodata) for f in flags):
        return None
    return int(round(row)), int(round(col))


# ----- sums over all blocks ------------------------------------------------------------------------------
BlockSource = Callable[[int, int, Grid], np.ndarray]
Products = Callable[[int, int, dict[str, np.ndarray]], dict[str, np.ndarray]]


@dataclass(frozen=True)
class Chain:
    """Products that are a chain of the inputs: ``name`` is the product of the inputs ``factors`` taken left to right
    ((a·b)·c…), and each ``(name, input)`` of ``extras`` that product times one more input. The compiled kernel sums
    them per parcel in one sweep of a block, without making the products' arrays
    (:meth:`valuation.native.Coverage.block_sums`); :func:`zonal_totals`' ``products`` must give the same values."""

    name: str
    factors: tuple[str, ...]
    extras: tuple[tuple[str, str], ...] = ()

    @property
    def inputs(self) -> list[str]:
        return [*self.factors, *(key for _, key in self.extras)]


@dataclass
class ZonalTotals:
    """Per-parcel sums over the whole grid, and grid-wide figures of each input.

    ``weight``: Σ fraction (cells) per parcel; ``valid[key]``: Σ fraction over the cells where input ``key``
    is finite; ``sums[name]``: Σ fraction·value over the finite cells of product ``name``; ``finite_sum``,
    ``finite_count``, ``finite_max``: sum, count and maximum of the finite cells of each input over the grid.
    """

    weight: np.ndarray
    valid: dict[str, np.ndarray] = field(default_factory=dict)
    sums: dict[str, np.ndarray] = field(default_factory=dict)
    finite_sum: dict[str, float] = field(default_factory=dict)
    finite_count: dict[str, int] = field(default_factory=dict)
    finite_max: dict[str, float] = field(default_factory=dict)

    def mean(self, key: str) -> np.ndarray:
        """Per parcel Σ fraction·value / Σ fraction over the finite cells of input ``key`` (NaN when none)."""
        num, den = self.sums[key], self.valid[key]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)

    def valid_share(self, key: str) -> np.ndarray:
        """Per parcel the share of its on-grid area over finite cells of ``key`` (NaN when off the grid)."""
        den = self.weight
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(den > 0, self.valid[key] / np.where(den > 0, den, 1.0), np.nan)

    def grid_mean(self, key: str) -> float:
        n = self.finite_count.get(key, 0)
        return self.finite_sum[key] / n if n else math.nan


def zonal_totals(geoms: np.ndarray, grid: Grid, sources: dict[str, BlockSource], products: Products,
                 monitor: Optional[Monitor] = None, block_rows: Optional[int] = None,
                 means: tuple[str, ...] = (), maxima: tuple[str, ...] = (),
                 workers: Optional[int] = None, tiles: Optional[tuple[int, int]] = None,
                 chain: Optional[Chain] = None) -> ZonalTotals:
    """Sum products of the inputs over each parcel, one row block at a time.

    ``geoms``: valid (multi)polygons in the grid's CRS (:func:`prepare_geometries`); ``sources``: input name →
    ``f(row0, row1, block)`` giving that block as float (NaN invalid), callable from any thread; ``products(row0,
    row1, inputs)`` → name → per-cell array (NaN invalid), each summed per parcel over its finite cells.
    ``means`` and ``maxima``: inputs whose grid-wide mean or maximum of finite cells is wanted; ``tiles``: see
    :func:`row_blocks` (:meth:`BlockReader.tiles`). ``chain``: when ``products`` gives exactly these products
    (:class:`Chain`), the C kernels sum them in one sweep of each block (the same sums to rounding).

    ``workers`` threads (default :data:`WORKERS`) each take a whole block — its coverage, its reads, its
    products and per-parcel sums — while this thread adds the blocks' sums in block order (the same result
    whatever the number of threads), reports progress after each block and watches for cancelling. Numpy
    and GDAL release the GIL for most of that work. Memory: the arrays of ``workers`` blocks.
    The monitor's ``timing`` hook is told how the wall time split into coverage and raster work.
    """
    mon = monitor or Monitor()
    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    present = np.flatnonzero(~shapely.is_missing(geoms))
    tree = shapely.STRtree(geoms[present])
    totals = ZonalTotals(np.zeros(n))
    for key in sources:
        totals.valid[key] = np.zeros(n)
        totals.finite_sum[key], totals.finite_count[key], totals.finite_max[key] = 0.0, 0, -math.inf
    blocks = list(row_blocks(grid, block_rows, tiles))
    # the parcels reaching each block, queried here once (the tree is not shared between threads)
    candidates = [np.sort(present[tree.query(shapely.box(*sub.bounds))]) for _, _, sub in blocks]
    del tree
    workers = max(1, workers or WORKERS)
    chain_sums = coverage_kernel.chain_sums() if chain is not None else None

    def finite_values(arr: np.ndarray) -> tuple[np.ndarray, Optional[np.ndarray], float]:
        """``arr`` with 0 for non-finite cells, the finite mask (None when all are), the sum of the finite."""
        total = float(np.add.reduce(arr, axis=None))
        if math.isfinite(total):  # no NaN nor inf (an overflowing sum falls through to the exact test)
            return arr, None, total
        finite = np.isfinite(arr)
        vals = np.where(finite, arr, 0.0)
        return vals, finite, float(vals.sum())

    def block(i: int) -> _BlockPart:
        """Coverage, inputs, products and per-parcel sums of block ``i`` (in a worker thread)."""
        r0, r1, sub = blocks[i]
        t0 = time.perf_counter()
        mon.check()
        cand = candidates[i]
        cov = block_coverage(geoms[cand], cand, sub, mon)
        if chain_sums is None:
            cov.spans()
        t1 = time.perf_counter()
        mon.check()
        inputs = {key: np.asarray(src(r0, r1, sub), dtype=np.float64) for key, src in sources.items()}
        mon.check()
        part = _BlockPart(cov.weights(n))
        for key, arr in inputs.items():
            vals, finite, total = finite_values(arr)
            part.valid[key] = part.weight if finite is None else cov.sums(finite.astype(np.float64), n)
            if key in means:
                part.finite_sum[key] = total
                part.finite_count[key] = arr.size if finite is None else int(finite.sum())
            if key in maxima and (finite is None or finite.any()) and arr.size:
                part.finite_max[key] = float(vals.max() if finite is None else vals[finite].max())
        if chain_sums is not None and chain is not None:
            got = chain_sums([inputs[key] for key in chain.inputs], len(chain.factors),
                             (cov.cell_row, cov.cell_col, cov.cell_poly, cov.cell_frac),
                             (cov.run_row, cov.run_c0, cov.run_c1, cov.run_poly, cov.run_frac), n)
            for name, sums in zip([chain.name, *(name for name, _ in chain.extras)], got):
                part.sums[name] = sums
        else:
            for name, arr in products(r0, r1, inputs).items():
                part.sums[name] = cov.sums(finite_values(arr)[0], n)
        part.busy = {"coverage": t1 - t0, "raster": time.perf_counter() - t1}
        return part

    busy = {"coverage": 0.0, "raster": 0.0}
    start = time.perf_counter()
    mon.report(0.0, "coverage fractions")
    with gdal_cache_limit(GDAL_CACHE_BYTES):
        pool = ThreadPoolExecutor(max_workers=workers)
        pending: deque[Future] = deque()
        try:
            nxt = 0
            for i in range(len(blocks)):
                while nxt < len(blocks) and len(pending) < workers + 1:  # one queued: no worker waits for us
                    pending.append(pool.submit(block, nxt))
                    nxt += 1
                part = _result(pending.popleft(), mon)
                totals.weight += part.weight
                for key in sources:
                    totals.valid[key] += part.valid[key]
                    totals.finite_sum[key] += part.finite_sum.get(key, 0.0)
                    totals.finite_count[key] += part.finite_count.get(key, 0)
                    totals.finite_max[key] = max(totals.finite_max[key], part.finite_max.get(key, -math.inf))
                for name, value in part.sums.items():
                    _add(totals.sums, name, value)
                for stage, seconds in part.busy.items():
                    busy[stage] += seconds
                del part
                mon.report((i + 1) / len(blocks), "coverage fractions")
        finally:
            for f in pending:
                f.cancel()
            pool.shutdown(wait=True)  # the running blocks stop at their next cancel check
    mon.timing(time.perf_counter() - start, busy)
    mon.report(1.0, "reading factors")
    return totals


@dataclass
class _BlockPart(ZonalTotals):
    """One block's per-parcel sums (the fields of :class:`ZonalTotals`) and its work time per stage."""

    busy: dict[str, float] = field(default_factory=dict)


def _result(future: Future, mon: Monitor, poll: float = 0.2) -> Any:
    """``future``'s result, checking for cancelling every ``poll`` seconds while waiting."""
    while True:
        try:
            return future.result(timeout=poll)
        except FuturesTimeout:
            mon.check()


#: Threads working on blocks at once (the benchmark machine has two cores).
WORKERS = 2


#: GDAL raster block cache while reading blocks: tiles are read once, so a small cache keeps memory flat.
GDAL_CACHE_BYTES = 256 * 2 ** 20


@contextmanager
def gdal_cache_limit(limit: int) -> Iterator[None]:
    """Cap GDAL's (process-wide) raster block cache at ``limit`` bytes for the duration, then restore it.

    Without it the cache fills to its default (5 % of RAM) with tiles that are never read again."""
    try:
        from osgeo import gdal
    except ImportError:  # pragma: no cover - GDAL's own Python bindings come with QGIS
        yield
        return
    before = gdal.GetCacheMax()
    gdal.SetCacheMax(min(before, limit))
    try:
        yield
    finally:
        gdal.SetCacheMax(before)


def _add(acc: dict[str, np.ndarray], name: str, value: np.ndarray) -> None:
    if name in acc:
        acc[name] += value
    else:
        acc[name] = value


def outside_fraction(geoms: np.ndarray, weight: np.ndarray, cell_area: float) -> np.ndarray:
    """Per geometry 1 − (area on the grid)/(area), from the summed coverage ``weight`` (NaN without area)."""
    area = shapely.area(np.asarray(geoms, dtype=object))
    area = np.where(np.isnan(area), 0.0, area)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.clip(1.0 - weight * cell_area / area, 0.0, 1.0)
    out[area <= 0] = np.nan
    return out
