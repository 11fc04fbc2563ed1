"""Working grids, reading rasters onto them, exact coverage fractions and zonal sums.

Every factor raster is read onto one working grid (:func:`choose_working_grid`) in the parcels'
projected CRS; each parcel's exact covered fraction of every cell is computed once
(:func:`coverage_matrix`, a sparse matrix W) and reused for every raster and scenario:
``zonal_sum(W, a)`` is then one sparse product (style-anchors §4: cache coverage fractions).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional, Sequence

import numpy as np
import rasterio
import shapely
from affine import Affine
from pyproj import CRS, Transformer
from pyproj.aoi import AreaOfInterest
from pyproj.database import query_utm_crs_info
from rasterio.crs import CRS as RioCRS  # noqa: N811
from rasterio.enums import Resampling
from rasterio.warp import reproject

from .errors import ValuationError
from .geodesy import GK3_NO_PREFIX, geod_for
from .progress import Monitor

if TYPE_CHECKING:  # scipy is imported where the sparse coverage is built (it takes a while to import)
    from scipy import sparse

Bounds = tuple[float, float, float, float]  # left, bottom, right, top
_SNAP = 1e-9  # tolerance, in cells, when snapping bounds to cell edges


def to_pyproj(crs: Any) -> CRS:
    """A pyproj CRS from a pyproj/rasterio CRS, EPSG code, WKT or PROJ string (built once per distinct
    definition: building one from WKT takes about 15 ms)."""
    if isinstance(crs, CRS):
        return crs
    if isinstance(crs, RioCRS):
        return _crs_from_text(crs.to_wkt())
    if isinstance(crs, (str, int)):
        return _crs_from_text(crs)
    return CRS.from_user_input(crs)


@functools.lru_cache(maxsize=32)
def _crs_from_text(text: str | int) -> CRS:
    """pyproj CRSs are immutable and may be shared between threads."""
    return CRS.from_user_input(text)


def same_crs(a: Any, b: Any) -> bool:
    """Whether two CRSs are the same, ignoring axis order."""
    pa, pb = to_pyproj(a), to_pyproj(b)
    return pa.equals(pb, ignore_axis_order=True)


@dataclass(frozen=True)
class Grid:
    """A north-up raster grid: CRS, affine transform (top-left origin), width, height."""

    crs: Any
    transform: Affine
    width: int
    height: int

    def __post_init__(self) -> None:
        t = self.transform
        if t.b != 0 or t.d != 0 or t.a <= 0 or t.e >= 0:
            raise ValuationError("grid_not_north_up",
                                 "Raster grids must be north-up without rotation (transform {transform}).",
                                 transform=tuple(t)[:6])

    @property
    def shape(self) -> tuple[int, int]:
        return self.height, self.width

    @property
    def size(self) -> int:
        return self.height * self.width

    @property
    def res(self) -> tuple[float, float]:
        return self.transform.a, -self.transform.e

    @property
    def cell_area(self) -> float:
        """Cell area in CRS units² (m² on a projected grid in metres)."""
        return self.transform.a * -self.transform.e

    @property
    def bounds(self) -> Bounds:
        t = self.transform
        return t.c, t.f + t.e * self.height, t.c + t.a * self.width, t.f

    @property
    def pyproj_crs(self) -> CRS:
        return to_pyproj(self.crs)

    @property
    def rasterio_crs(self) -> RioCRS:
        return self.crs if isinstance(self.crs, RioCRS) else RioCRS.from_wkt(self.pyproj_crs.to_wkt())

    def window_offsets(self, bounds: Bounds, clip: bool = True) -> tuple[int, int, int, int]:
        """``(row0, col0, row1, col1)`` of the cells touching ``bounds``, snapped outwards."""
        left, bottom, right, top = bounds
        t = self.transform
        c0 = math.floor((left - t.c) / t.a + _SNAP)
        c1 = math.ceil((right - t.c) / t.a - _SNAP)
        r0 = math.floor((top - t.f) / t.e + _SNAP)
        r1 = math.ceil((bottom - t.f) / t.e - _SNAP)
        c1, r1 = max(c1, c0 + 1), max(r1, r0 + 1)  # a point or a line still touches one cell
        if clip:
            c0, c1 = max(c0, 0), min(c1, self.width)
            r0, r1 = max(r0, 0), min(r1, self.height)
            c1, r1 = max(c1, c0), max(r1, r0)
        return r0, c0, r1, c1

    def window_for(self, bounds: Bounds, clip: bool = True) -> Grid:
        """The sub-grid of cells touching ``bounds`` (aligned to this grid; empty when disjoint)."""
        r0, c0, r1, c1 = self.window_offsets(bounds, clip)
        t = self.transform @ Affine.translation(c0, r0)
        return Grid(self.crs, t, c1 - c0, r1 - r0)

    def offset_in(self, parent: Grid) -> tuple[int, int]:
        """``(row, col)`` of this grid's top-left cell in an aligned ``parent``."""
        col = (self.transform.c - parent.transform.c) / parent.transform.a
        row = (self.transform.f - parent.transform.f) / parent.transform.e
        return int(round(row)), int(round(col))

    def cell_centres(self) -> tuple[np.ndarray, np.ndarray]:
        """x and y of every cell centre, each (height, width)."""
        cols, rows = np.meshgrid(np.arange(self.width) + 0.5, np.arange(self.height) + 0.5)
        t = self.transform
        return t.c + cols * t.a, t.f + rows * t.e

    @classmethod
    def from_raster(cls, path: str) -> Grid:
        with rasterio.open(path) as src:
            if src.crs is None:
                raise ValuationError("raster_no_crs", "Raster {path} has no coordinate reference system.",
                                     path=str(path))
            return cls(src.crs, src.transform, src.width, src.height)


def nominal_resolution_m(grid: Grid, near: Optional[Bounds] = None) -> float:
    """The grid's cell size in metres, √(dx·dy); on a geographic grid dx, dy are measured on the
    ellipsoid at the centre of ``near`` (lon/lat bounds; default the grid's own) and the result is
    rounded to 3 significant digits."""
    crs = grid.pyproj_crs
    dx, dy = grid.res
    if crs.is_geographic:
        left, bottom, right, top = near or grid.bounds
        lon, lat = (left + right) / 2, (bottom + top) / 2  # raster transforms are lon/lat (GIS order)
        geod = geod_for(crs)
        _, _, mx = geod.inv(lon - dx / 2, lat, lon + dx / 2, lat)
        _, _, my = geod.inv(lon, lat - dy / 2, lon, lat + dy / 2)
        r = math.sqrt(mx * my)
        return float(f"{r:.3g}")
    factor = crs.axis_info[0].unit_conversion_factor if crs.axis_info else 1.0
    return math.sqrt(dx * dy) * factor


def projected_crs_for(crs: CRS, lon: float, lat: float) -> CRS:
    """A metric CRS for a geographic ``crs``: the CGCS2000 3° GK zone (no prefix) on CGCS2000, else UTM."""
    datum = (crs.datum.name if crs.datum else "").lower()
    if "2000" in datum and "china" in datum:
        cm = int(round(lon / 3.0)) * 3
        if cm in GK3_NO_PREFIX:
            return CRS.from_epsg(GK3_NO_PREFIX[cm])
    info = query_utm_crs_info(datum_name="WGS 84",
                              area_of_interest=AreaOfInterest(lon, lat, lon, lat))
    return CRS.from_epsg(int(info[0].code))


def _transform_bounds(bounds: Bounds, src: CRS, dst: CRS) -> Bounds:
    tr = Transformer.from_crs(src, dst, always_xy=True)
    return tr.transform_bounds(*bounds, densify_pts=21)


def choose_working_grid(ls_path: Optional[str], dem_path: Optional[str], other_paths: Sequence[str],
                        target_crs: Any, bounds: Bounds, margin_cells: int = 1) -> tuple[Grid, str]:
    """The grid every factor is read onto, and a one-line description for provenance.

    Source: the LS raster, else the DEM, else the finest of ``other_paths``. When its CRS is the
    projected ``target_crs`` (the parcels'), its own cells are kept; otherwise (geographic, or
    another CRS) a grid in ``target_crs`` with the source's nominal resolution in metres is built,
    aligned to multiples of that resolution. Either way it is cropped to ``bounds`` (the parcels'
    extent in ``target_crs``) plus ``margin_cells``. A geographic ``target_crs`` is replaced by
    the CGCS2000 3° zone (or UTM zone) of the extent's centre; the description says so.
    """
    candidates: list[tuple[str, str]] = []
    if ls_path:
        candidates = [("LS", ls_path)]
    elif dem_path:
        candidates = [("DEM", dem_path)]
    else:
        candidates = [("factor", p) for p in other_paths if p]
    if not candidates:
        raise ValuationError("no_grid_source", "No raster to define the working grid: "
                             "give an LS raster, a DEM or a factor raster.")
    target = to_pyproj(target_crs)
    note = ""
    if target.is_geographic:
        left, bottom, right, top = bounds
        proj = projected_crs_for(target, (left + right) / 2, (bottom + top) / 2)
        bounds = _transform_bounds(bounds, target, proj)
        note = f"; parcels' geographic CRS replaced by EPSG:{proj.to_epsg()}"
        target = proj
    best: Optional[tuple[float, str, str, Grid]] = None
    for role, path in candidates:
        g = Grid.from_raster(path)
        near = _transform_bounds(bounds, target, g.pyproj_crs) if g.pyproj_crs.is_geographic else None
        r = nominal_resolution_m(g, near)
        if best is None or r < best[0]:
            best = (r, role, path, g)
    assert best is not None
    res_m, role, path, src = best
    src_epsg = src.pyproj_crs.to_epsg()
    src_name = f"EPSG:{src_epsg}" if src_epsg else src.pyproj_crs.name
    left, bottom, right, top = bounds
    if not src.pyproj_crs.is_geographic and same_crs(src.crs, target):
        mx, my = src.res[0] * margin_cells, src.res[1] * margin_cells
        grid = src.window_for((left - mx, bottom - my, right + mx, top + my), clip=False)
        desc = (f"{role} grid of {path} ({src_name}, {src.res[0]:g}×{src.res[1]:g}), "
                f"{grid.width}×{grid.height} cells over the parcels + {margin_cells} cell{note}")
        return grid, desc
    r = res_m
    x0 = math.floor((left - margin_cells * r) / r) * r
    x1 = math.ceil((right + margin_cells * r) / r) * r
    y0 = math.floor((bottom - margin_cells * r) / r) * r
    y1 = math.ceil((top + margin_cells * r) / r) * r
    grid = Grid(target, Affine(r, 0.0, x0, 0.0, -r, y1), int(round((x1 - x0) / r)), int(round((y1 - y0) / r)))
    t_epsg = target.to_epsg()
    t_name = f"EPSG:{t_epsg}" if t_epsg else target.name
    desc = (f"grid rebuilt in {t_name} at {r:g} m, the nominal "
            f"resolution of the {role} raster {path} ({src_name}, {src.res[0]:g}×{src.res[1]:g}); "
            f"{grid.width}×{grid.height} cells over the parcels + {margin_cells} cell{note}")
    return grid, desc


def read_on_grid(path: str, grid: Grid, categorical: bool = False, band: int = 1,
                 resampling: Optional[Resampling] = None) -> np.ma.MaskedArray:
    """Band ``band`` of ``path`` warped onto ``grid`` as float64; nodata and outside cells masked.

    Nearest for categorical values; for continuous ones bilinear, or the area-weighted average
    when the source is more than twice as fine as the grid (bilinear would alias); ``resampling``
    overrides. Only the source blocks under the grid are read (GDAL warp on the open dataset).
    """
    dst = np.full(grid.shape, np.nan, dtype=np.float64)
    with rasterio.open(path) as src:
        if src.crs is None:
            raise ValuationError("raster_no_crs", "Raster {path} has no coordinate reference system.",
                                 path=str(path))
        if not 1 <= band <= src.count:
            raise ValuationError("raster_no_band", "Raster {path} has no band {band} (it has {count}).",
                                 path=str(path), band=band, count=src.count)
        if resampling is None:
            if categorical:
                resampling = Resampling.nearest
            else:
                src_grid = Grid(src.crs, src.transform, src.width, src.height)
                near = None
                if src_grid.pyproj_crs.is_geographic and grid.size:
                    near = _transform_bounds(grid.bounds, grid.pyproj_crs, src_grid.pyproj_crs)
                fine = nominal_resolution_m(src_grid, near) * 2 < nominal_resolution_m(grid)
                resampling = Resampling.average if fine else Resampling.bilinear
        if grid.size:
            reproject(rasterio.band(src, band), dst, src_nodata=src.nodatavals[band - 1],
                      dst_transform=grid.transform, dst_crs=grid.rasterio_crs, dst_nodata=np.nan,
                      resampling=resampling, init_dest_nodata=True)
    return np.ma.masked_invalid(dst, copy=False)


def _polygonal(geom: Any) -> Any:
    """The polygonal part of a geometry (made valid), or None when it has none."""
    if geom is None or geom.is_empty:
        return None
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None
    return shapely.union_all(parts)


def _polygonal_all(geoms: np.ndarray) -> np.ndarray:
    """:func:`_polygonal` of each geometry; valid (multi)polygons pass through without a copy."""
    geoms = np.asarray(geoms, dtype=object)
    out = geoms.copy()
    from .parcels import in_halves  # two threads for many geometries (GEOS releases the GIL)

    ok = ~shapely.is_missing(geoms)
    ok[ok] = in_halves(shapely.is_valid, geoms[ok]) & np.isin(shapely.get_type_id(geoms[ok]), (3, 6)) \
        & ~shapely.is_empty(geoms[ok])
    for i in np.flatnonzero(~ok):
        out[i] = _polygonal(geoms[i])
    return out


_MAX_BLOCK = 2_000_000  # edges × corners evaluated at once


def _all_edges(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Non-horizontal ring edges (xa, ya, xb, yb) of valid (multi)polygons, exteriors counter-clockwise
    and holes clockwise, and the first edge of each geometry (``len(geoms) + 1`` offsets)."""
    n = len(geoms)
    present = np.flatnonzero(~shapely.is_missing(geoms))
    parts, part_geom = shapely.get_parts(geoms[present], return_index=True)
    part_geom = present[part_geom]
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    exterior = np.r_[True, ring_part[1:] != ring_part[:-1]] if ring_part.size else np.zeros(0, bool)
    xy, ring = shapely.get_coordinates(rings, return_index=True)
    same = ring[1:] == ring[:-1]
    xa, xb, er = xy[:-1][same], xy[1:][same], ring[:-1][same]
    # shoelace per ring (relative to the ring's first vertex for precision)
    first = np.searchsorted(ring, np.arange(rings.size))
    o = xy[first[er]]
    cross = (xa[:, 0] - o[:, 0]) * (xb[:, 1] - o[:, 1]) - (xb[:, 0] - o[:, 0]) * (xa[:, 1] - o[:, 1])
    signed = np.bincount(er, weights=cross, minlength=rings.size)
    flip = (signed > 0) != exterior        # exterior must be CCW (+), holes CW (−)
    f = flip[er]
    xa, xb = np.where(f[:, None], xb, xa), np.where(f[:, None], xa, xb)
    keep = xa[:, 1] != xb[:, 1]
    edges = np.column_stack([xa[keep], xb[keep]])
    edge_geom = part_geom[ring_part[er[keep]]]
    offsets = np.searchsorted(edge_geom, np.arange(n + 1))
    return edges, offsets


def _quadrant_areas(edges: np.ndarray, xq: np.ndarray, yq: np.ndarray) -> np.ndarray:
    """Area of polygon ∩ {x ≤ X, y ≤ Y} at each corner (X, Y) = (xq[i], yq[i]), by Green's theorem.

    On a scanline the signed edge crossings (+ upward, − downward) of a CCW polygon sum
    ``min(x, X)`` to the inside length left of X; integrate each edge's ``min(x(y), X)`` over its
    part below Y (closed form: trapezoid minus the triangle/trapezoid beyond X).
    """
    up = edges[:, 3] > edges[:, 1]
    sign = np.where(up, 1.0, -1.0)[:, None]
    ylo = np.where(up, edges[:, 1], edges[:, 3])[:, None]
    yhi = np.where(up, edges[:, 3], edges[:, 1])[:, None]
    xlo = np.where(up, edges[:, 0], edges[:, 2])[:, None]
    xhi = np.where(up, edges[:, 2], edges[:, 0])[:, None]
    dxdy = (xhi - xlo) / (yhi - ylo)
    out = np.empty(xq.size)
    step = max(1, _MAX_BLOCK // max(1, edges.shape[0]))
    for s in range(0, xq.size, step):
        xc, yc = xq[None, s:s + step], yq[None, s:s + step]
        length = np.clip(yc - ylo, 0.0, yhi - ylo)
        xe = xlo + dxdy * length
        ua, ub = xlo - xc, xe - xc
        umax, umin = np.maximum(ua, ub), np.minimum(ua, ub)
        with np.errstate(invalid="ignore", divide="ignore"):
            beyond = np.where(umin >= 0, 0.5 * (ua + ub),
                              np.where(umax <= 0, 0.0, 0.5 * umax * umax / (umax - umin)))
        out[s:s + step] = (sign * length * (0.5 * (xlo + xe) - beyond)).sum(axis=0)
    return out


def _supercover(edges: np.ndarray, a: float, e: float, h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the window cells that the edges pass through or touch (unique)."""
    u = edges[:, [0, 2]] / a          # column units
    v = edges[:, [1, 3]] / e          # row units (e < 0: rows grow downwards)
    umin, umax = u.min(axis=1), u.max(axis=1)
    vmin, vmax = v.min(axis=1), v.max(axis=1)
    ok = (umax >= 0) & (umin <= w) & (vmax >= 0) & (vmin <= h)
    idx = np.flatnonzero(ok)
    c0 = np.clip(np.floor(umin[idx]), 0, w - 1).astype(np.int64)
    c1 = np.clip(np.floor(umax[idx]), 0, w - 1).astype(np.int64)
    n = c1 - c0 + 1
    ei = np.repeat(idx, n)
    col = np.repeat(c0 - np.cumsum(n) + n, n) + np.arange(n.sum())
    ua = np.maximum(col, umin[ei])
    ub = np.minimum(col + 1.0, umax[ei])
    du = u[ei, 1] - u[ei, 0]
    vert = du == 0
    slope = (v[ei, 1] - v[ei, 0]) / np.where(vert, 1.0, du)
    va = np.where(vert, vmin[ei], v[ei, 0] + (ua - u[ei, 0]) * slope)
    vb = np.where(vert, vmax[ei], v[ei, 0] + (ub - u[ei, 0]) * slope)
    r0 = np.clip(np.floor(np.minimum(va, vb)), 0, h - 1).astype(np.int64)
    r1 = np.clip(np.floor(np.maximum(va, vb)), 0, h - 1).astype(np.int64)
    m = r1 - r0 + 1
    rows = np.repeat(r0 - np.cumsum(m) + m, m) + np.arange(m.sum())
    cols = np.repeat(col, m)
    flat = np.unique(rows * w + cols)
    return flat // w, flat % w


def _window_fractions(edges: np.ndarray, a: float, e: float, h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Flat window indices and exact covered fractions of a polygon (edges relative to the window corner).

    Boundary cells (the edges' supercover) get ``area / cell area`` from the quadrant areas at
    their four corners. Every run of other cells in a row, between boundary cells or the window
    sides, is wholly inside or outside: its area, from the quadrant areas at its ends, is spread
    over it (so the total is conserved even if a crossing were missed).
    """
    br, bc = _supercover(edges, a, e, h, w)
    # runs: consecutive boundary columns per row, with sentinels −1 and w on every row
    rows = np.concatenate([br, np.arange(h), np.arange(h)])
    cols = np.concatenate([bc, np.full(h, -1), np.full(h, w)])
    order = np.lexsort((cols, rows))
    rows, cols = rows[order], cols[order]
    gap = (rows[1:] == rows[:-1]) & (cols[1:] - cols[:-1] > 1)
    rr, ca, cb = rows[:-1][gap], cols[:-1][gap] + 1, cols[1:][gap]  # run = columns ca .. cb−1
    w1 = w + 1
    corners = np.concatenate([br * w1 + bc, br * w1 + bc + 1, (br + 1) * w1 + bc, (br + 1) * w1 + bc + 1,
                              rr * w1 + ca, (rr + 1) * w1 + ca, rr * w1 + cb, (rr + 1) * w1 + cb])
    uniq, inv = np.unique(corners, return_inverse=True)
    quad = _quadrant_areas(edges, (uniq % w1) * a, (uniq // w1) * e)[inv]
    nb, nr = br.size, rr.size
    cell = a * -e
    fb = quad[:4 * nb].reshape(4, nb)   # top-left, top-right, bottom-left, bottom-right
    frac_b = np.clip((fb[1] - fb[0] - fb[3] + fb[2]) / cell, 0.0, 1.0)
    fr = quad[4 * nb:].reshape(4, nr)   # (top, ca), (bottom, ca), (top, cb), (bottom, cb)
    # the row strip's area left of X is F(X, top) − F(X, bottom)
    run_len = cb - ca
    frac_r = np.clip(((fr[2] - fr[3]) - (fr[0] - fr[1])) / (cell * run_len), 0.0, 1.0)
    frac_r = np.where(np.abs(frac_r - 1.0) < 1e-9, 1.0, frac_r)
    live = frac_r > 1e-9
    run_len, frac_r = run_len[live], frac_r[live]
    run_rows = np.repeat(rr[live], run_len)
    run_cols = np.repeat(ca[live] - np.cumsum(run_len) + run_len, run_len) + np.arange(run_len.sum())
    keep = frac_b > 1e-12  # drops cells only touched along an edge (rounding noise)
    flat = np.concatenate([br[keep] * w + bc[keep], run_rows * w + run_cols])
    vals = np.concatenate([frac_b[keep], np.repeat(frac_r, run_len)])
    return flat, vals


_TILE = 64                # cells per side of the tiles a big, detailed polygon is cut into
_TILE_WORK = 2_000_000    # edges × window (rows + cols) above which a polygon is tiled


def _window_part(edges: np.ndarray, grid: Grid, r0: int, c0: int, r1: int, c1: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    h, w = r1 - r0, c1 - c0
    t = grid.transform @ Affine.translation(c0, r0)
    flat, vals = _window_fractions(edges - (t.c, t.f, t.c, t.f), t.a, t.e, h, w)
    return (flat // w + r0) * grid.width + flat % w + c0, vals


def _fractions(geom: Any, edges: np.ndarray, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """Sorted flat cell indices and fractions of one valid (multi)polygon with its oriented edges."""
    r0, c0, r1, c1 = grid.window_offsets(geom.bounds, clip=True)
    if r1 <= r0 or c1 <= c0 or not edges.size:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    if edges.shape[0] * (r1 - r0 + c1 - c0) <= _TILE_WORK or max(r1 - r0, c1 - c0) <= _TILE:
        out, vals = _window_part(edges, grid, r0, c0, r1, c1)
    else:  # cut into tiles so each tile's corners meet only the edges of its own piece
        outs, valss = [], []
        t = grid.transform
        for tr in range(r0, r1, _TILE):
            for tc in range(c0, c1, _TILE):
                tr1, tc1 = min(tr + _TILE, r1), min(tc + _TILE, c1)
                piece = _polygonal(shapely.clip_by_rect(geom, t.c + tc * t.a, t.f + tr1 * t.e,
                                                        t.c + tc1 * t.a, t.f + tr * t.e))
                if piece is None:
                    continue
                o, v = _window_part(_all_edges(np.array([piece], dtype=object))[0], grid, tr, tc, tr1, tc1)
                outs.append(o)
                valss.append(v)
        if not outs:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        out, vals = np.concatenate(outs), np.concatenate(valss)
    order = np.argsort(out)
    return out[order], vals[order]


def cell_fractions(geom: Any, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """``(flat cell indices, covered fractions)`` of one polygon on ``grid``: exact, in (0, 1], sorted."""
    geoms = _polygonal_all(np.array([geom], dtype=object))
    if geoms[0] is None:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return _fractions(geoms[0], _all_edges(geoms)[0], grid)


def coverage_matrix(geoms: Sequence[Any] | np.ndarray, grid: Grid,
                    monitor: Optional[Monitor] = None) -> sparse.csr_matrix:
    """Sparse (n_geoms, height·width) matrix of the exact fraction of each cell covered by each polygon.

    Per polygon, on its bounding window only (cost grows with its boundary, not the grid):
    the cells its rings pass through (supercover of the edges) get exact fractions from the
    polygon's area in the quadrant below-left of each cell corner (Green's theorem, vectorised);
    the runs of cells between them in a row are wholly inside or outside, decided from the same
    quadrant areas, so no point-in-polygon or GDAL rasterization is needed. A big polygon with many
    vertices is cut into 64×64-cell tiles first. Multipolygons, holes,
    slivers and parts outside the grid (which contribute nothing) are handled; invalid polygons are
    made valid first. Geometries must be in the grid's CRS (planar areas).
    """
    monitor = monitor or Monitor()
    geoms = _polygonal_all(np.asarray(geoms, dtype=object))
    n = len(geoms)
    edges, offsets = _all_edges(geoms)
    present = ~shapely.is_missing(geoms)
    indptr = np.zeros(n + 1, dtype=np.int64)
    idx_parts: list[np.ndarray] = []
    val_parts: list[np.ndarray] = []
    for i in range(n):
        if not i % 200:
            monitor.check()
            monitor.report(i / max(n, 1), "coverage fractions")
        if present[i]:
            idx, val = _fractions(geoms[i], edges[offsets[i]:offsets[i + 1]], grid)
            idx_parts.append(idx)
            val_parts.append(val)
            indptr[i + 1] = indptr[i] + idx.size
        else:
            indptr[i + 1] = indptr[i]
    indices = np.concatenate(idx_parts) if idx_parts else np.zeros(0, dtype=np.int64)
    data = np.concatenate(val_parts) if val_parts else np.zeros(0)
    monitor.report(1.0, "coverage fractions")
    from scipy import sparse

    return sparse.csr_matrix((data, indices, indptr), shape=(n, grid.size))


def outside_fraction(geoms: Sequence[Any] | np.ndarray, grid: Grid,
                     cover: Optional[sparse.csr_matrix] = None) -> np.ndarray:
    """Per geometry, 1 − (area on the grid)/(area): the share lying outside the grid (NaN if no area)."""
    geoms = np.asarray(geoms, dtype=object)
    if cover is None:
        cover = coverage_matrix(geoms, grid)
    area = np.array([0.0 if (g := _polygonal(x)) is None else g.area for x in geoms])
    covered = np.asarray(cover.sum(axis=1)).ravel() * grid.cell_area
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.clip(1.0 - covered / area, 0.0, 1.0)
    out[area <= 0] = np.nan
    return out


def _values_and_valid(array: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a = np.ma.asarray(array)
    data = np.asarray(a.data, dtype=np.float64).ravel()
    valid = ~np.ma.getmaskarray(a).ravel() & np.isfinite(data)
    return np.where(valid, data, 0.0), valid


def zonal_sum(cover: sparse.csr_matrix, array: np.ndarray) -> np.ndarray:
    """Per geometry Σ fraction·value over valid cells (masked, NaN and inf cells count 0)."""
    v, _ = _values_and_valid(array)
    return np.asarray(cover @ v).ravel()


def zonal_valid_fraction(cover: sparse.csr_matrix, mask: np.ndarray) -> np.ndarray:
    """Per geometry, the share of its on-grid area over valid cells (NaN when none of it is on the grid).

    ``mask`` is a masked array (its mask and NaNs are invalid) or a boolean array, True = invalid.
    """
    if isinstance(mask, np.ma.MaskedArray) or np.asarray(mask).dtype != bool:
        _, valid = _values_and_valid(mask)
    else:
        valid = ~np.asarray(mask).ravel()
    total = np.asarray(cover.sum(axis=1)).ravel()
    good = np.asarray(cover @ valid.astype(np.float64)).ravel()
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, good / np.where(total > 0, total, 1.0), np.nan)


def zonal_mean(cover: sparse.csr_matrix, array: np.ndarray) -> np.ndarray:
    """Per geometry mean of the valid cells weighted by covered fraction (NaN when none is valid)."""
    v, valid = _values_and_valid(array)
    num = np.asarray(cover @ v).ravel()
    den = np.asarray(cover @ valid.astype(np.float64)).ravel()
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
