"""Generate the synthetic sample watershed (青杠溪小流域, a made-up Chongqing small watershed).

    python resources/sample/generate_sample.py [outdir]        (default: this folder)

Everything comes from smooth analytic functions and seeded ``numpy.random.default_rng`` draws, so a
re-run gives the same attribute tables and geometries. Output (EPSG:4545, CGCS2000 / 3° GK CM 108°E):
``sample_watershed.gpkg`` (layers DLTB, JYFW, WATERSHED), ten-metre GeoTIFFs on one grid (dem, r_factor,
k_factor, veg_cover, precip, et, storm_precip, npp) and ``visitors.csv``. See README.md.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import shapely
from shapely import ops
from shapely.geometry import shape as to_shape

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
import pyogrio  # noqa: E402
import rasterio  # noqa: E402
from pyproj import CRS  # noqa: E402
from rasterio import features  # noqa: E402
from rasterio.transform import from_origin  # noqa: E402
from scipy import ndimage  # noqa: E402

from valuation.dltb_check import parcel_mean_slopes, slope_degrees, slope_grade  # noqa: E402
from valuation.geodesy import ellipsoidal_areas  # noqa: E402
from valuation.landuse import load_code_table  # noqa: E402

EPSG = 4545
CELL = 10.0
MARGIN = 100.0           # m of grid beyond the watershed on every side
GRID = 0.001             # m, precision grid of the parcel coverage
SEED = 20241129
NODATA = -9999.0

# Local frame: u along the valley axis from the outlet, v to its left (north-west).
ORIGIN = (400650.0, 3300350.0)
THETA = np.radians(38.0)
L = 2700.0               # axis length, m
U_END = 0.88 * L         # where the main stream starts

# Fictitious names on the real Chongqing admin code of 长寿区 (500115); see README.
TOWN_CODE = "500115108"
TOWN_NAME = "溪口镇"
VILLAGES = {  # id -> (12-digit code, name)
    1: (TOWN_CODE + "201", "青杠村"),
    2: (TOWN_CODE + "202", "石板村"),
    3: (TOWN_CODE + "203", "桂花村"),
}
STATE_FARM = (TOWN_CODE + "000" + "9100000", "溪口国有林场")
STATE_WATER = (TOWN_CODE + "000" + "0000000", "溪口镇人民政府")
CROPLAND_KCXS = {  # (GDPDJB, GDLX) -> 田坎系数 (KCXS), growing with the slope grade
    ("1", ""): 0.05,
    ("2", "TT"): 0.09, ("2", "PD"): 0.07,
    ("3", "TT"): 0.14, ("3", "PD"): 0.11,
    ("4", "TT"): 0.19, ("4", "PD"): 0.15,
    ("5", "TT"): 0.25, ("5", "PD"): 0.20,
}
FIELDS = ["BSM", "DLBM", "DLMC", "QSXZ", "QSDWDM", "QSDWMC", "ZLDWDM", "ZLDWMC",
          "TBMJ", "KCDLBM", "KCXS", "KCMJ", "TBDLMJ", "GDLX", "GDPDJB"]


# --------------------------------------------------------------------------- frame and shapes
def to_world(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c, s = np.cos(THETA), np.sin(THETA)
    return ORIGIN[0] + u * c - v * s, ORIGIN[1] + u * s + v * c


def to_local(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c, s = np.cos(THETA), np.sin(THETA)
    dx, dy = np.asarray(x) - ORIGIN[0], np.asarray(y) - ORIGIN[1]
    return dx * c + dy * s, -dx * s + dy * c


def line_uv(u: np.ndarray, v: np.ndarray) -> shapely.LineString:
    x, y = to_world(np.asarray(u, float), np.asarray(v, float))
    return shapely.LineString(np.column_stack([x, y]))


def wave(rng: np.random.Generator, ks: range, amp: float) -> Callable[[np.ndarray], np.ndarray]:
    """A smooth random 1-D function on [0, 1] (sum of sines with seeded phases, decaying amplitudes)."""
    phases = rng.uniform(0, 2 * np.pi, len(ks))
    amps = rng.uniform(0.5, 1.0, len(ks)) / np.asarray(list(ks), float)
    amps *= amp / amps.sum()
    return lambda t: sum(a * np.sin(2 * np.pi * k * np.asarray(t) + p) for a, k, p in zip(amps, ks, phases))


def blob(rng: np.random.Generator, cx: float, cy: float, a: float, b: float, angle: float,
         wobble: float = 0.08, n: int = 96) -> shapely.Polygon:
    """A hand-drawn-like closed outline: an ellipse with a few seeded low harmonics."""
    phi = np.linspace(0, 2 * np.pi, n, endpoint=False)
    r = 1.0 + sum(rng.uniform(-wobble, wobble) * np.cos(k * phi + rng.uniform(0, 2 * np.pi))
                  for k in (2, 3, 4, 5))
    x, y = a * r * np.cos(phi), b * r * np.sin(phi)
    ca, sa = np.cos(angle), np.sin(angle)
    return shapely.Polygon(np.column_stack([cx + x * ca - y * sa, cy + x * sa + y * ca]))


def smooth_noise(rng: np.random.Generator, shape: tuple[int, int], sigma: float) -> np.ndarray:
    """Gaussian-filtered white noise, zero mean, unit standard deviation."""
    a = ndimage.gaussian_filter(rng.standard_normal(shape), sigma, mode="reflect")
    return (a - a.mean()) / a.std()


# --------------------------------------------------------------------------- landscape
@dataclass
class Landscape:
    outline: shapely.Polygon
    stream: shapely.LineString          # main stream, outlet upwards
    gullies: list[tuple[shapely.LineString, float, float]]   # line, incision ratio, half-width
    halfwidth: tuple[Callable, Callable]
    centre: Callable[[np.ndarray], np.ndarray]


def make_landscape(rng: np.random.Generator) -> Landscape:
    wl, wr, wc = wave(rng, range(2, 7), 0.07), wave(rng, range(2, 7), 0.07), wave(rng, range(2, 5), 1.0)

    def shape(u: np.ndarray) -> np.ndarray:
        return np.sin(np.pi * np.clip(u / L, 0, 1)) ** 0.55

    def w_left(u: np.ndarray) -> np.ndarray:
        return 60 * (1 - u / L) + 880 * shape(u) * (1 + wl(u / L))

    def w_right(u: np.ndarray) -> np.ndarray:
        return 60 * (1 - u / L) + 780 * shape(u) * (1 + wr(u / L))

    ramp = lambda u: np.clip(u / 250.0, 0, 1) ** 2 * (3 - 2 * np.clip(u / 250.0, 0, 1))  # noqa: E731

    def centre(u: np.ndarray) -> np.ndarray:
        u = np.asarray(u, float)
        return ramp(u) * (0.5 * (w_left(u) - w_right(u)) * 0.6 + 35 * np.sin(2 * np.pi * u / 700 + 1.0)
                          + 15 * wc(u / L))

    u = np.arange(0, L + 1, 10.0)
    left = np.column_stack(to_world(u, w_left(u)))
    right = np.column_stack(to_world(u[::-1], -w_right(u[::-1])))
    outline = shapely.make_valid(shapely.Polygon(np.vstack([left, right[1:]])))
    outline = shapely.set_precision(max(shapely.get_parts(outline), key=lambda g: g.area), GRID)
    us = np.arange(-150, U_END + 1, 10.0)
    stream = line_uv(us, centre(us))

    gullies = []
    # (u at the junction, side, angle from the axis (°), share of the way to the ridge, incision, half-width)
    specs = [
        (0.16 * L, 1, 62, 0.75, 0.32, 80), (0.24 * L, -1, 55, 0.72, 0.34, 85),
        (0.40 * L, 1, 48, 0.78, 0.36, 90), (0.47 * L, -1, 64, 0.70, 0.32, 80),
        (0.58 * L, 1, 70, 0.68, 0.30, 80), (0.66 * L, -1, 50, 0.75, 0.34, 90),
        (0.80 * L, 1, 58, 0.70, 0.32, 80), (0.84 * L, -1, 66, 0.65, 0.30, 75),
    ]
    for uj, side, ang, reach, beta, hw in specs:
        uj = uj + rng.uniform(-30, 30)
        vj = float(centre(np.array([uj]))[0])
        a = np.radians(ang + rng.uniform(-6, 6))
        width = float((w_left if side > 0 else w_right)(np.array([uj + 300 * np.cos(a)]))[0])
        length = reach * (width - side * vj) / np.sin(a)
        t = np.linspace(0, 1, 40)
        bend = 0.08 * length * np.sin(np.pi * t) * rng.choice([-1, 1])
        gu = uj + t * length * np.cos(a) - side * bend * np.sin(a)
        gv = vj + side * t * length * np.sin(a) + bend * np.cos(a)
        gullies.append((line_uv(gu, gv), beta, float(hw)))
    return Landscape(outline, stream, gullies, (w_left, w_right), centre)


def at_u(ls: Landscape, u: float) -> shapely.Point:
    """The point of the stream's centre line at axis coordinate ``u``."""
    x, y = to_world(np.array([u]), ls.centre(np.array([u])))
    return shapely.Point(float(x[0]), float(y[0]))


def floor_z(u: np.ndarray) -> np.ndarray:
    """Valley-floor (main stream) elevation as a function of the axis coordinate."""
    u = np.clip(u, -300, L)
    return 345.0 + 0.030 * u + 1.2e-5 * u * u


def floodplain_width(u: np.ndarray) -> np.ndarray:
    return np.clip(70.0 - 30.0 * np.clip(u, 0, L) / U_END, 35.0, 70.0)


def base_surface(ls: Landscape, x: np.ndarray, y: np.ndarray, ridge_noise: np.ndarray) -> np.ndarray:
    """Elevation without gullies, noise or reservoir: valley floor + hillslope profile up to the ridge."""
    pts = shapely.points(x, y)
    u, _ = to_local(x, y)
    d_stream = shapely.distance(pts, ls.stream)
    d_edge = shapely.distance(pts, ls.outline.boundary)
    inside = shapely.contains_xy(ls.outline, x, y)
    zf = floor_z(u)
    fw = floodplain_width(u)
    dfp = np.minimum(d_stream, fw)
    z_fp = zf + 0.03 * dfp
    d_out = np.hypot(x - ORIGIN[0], y - ORIGIN[1])
    pull = np.clip(d_out / 650.0, 0, 1)
    pull = pull * pull * (3 - 2 * pull)
    ridge = 545.0 + 150.0 * np.clip(u / L, 0, 1.1) + 25.0 * ridge_noise
    z_ridge = zf + (ridge - zf) * pull
    de = np.maximum(d_stream - fw, 0.0)
    t = de / (de + d_edge + 1e-6)
    f = 0.5 * t + 0.25 * (1 - np.cos(np.pi * t))      # straight lower slope, steeper middle, round crest
    relief = np.maximum(z_ridge - z_fp, 5.0)
    z_in = z_fp + relief * f
    # outside: down from the ridge, and the valley going on below the outlet
    valley = floor_z(u) + 0.03 * d_stream + 0.25 * np.maximum(d_stream - 40, 0)
    z_out = np.maximum(z_ridge - 0.3 * d_edge, np.minimum(valley, z_ridge))
    return np.where(inside, z_in, z_out)


def make_dem(ls: Landscape, rng: np.random.Generator, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """The synthetic DEM on the grid of cell centres ``xs`` (columns) × ``ys`` (rows)."""
    gx, gy = np.meshgrid(xs, ys)
    shape = gx.shape
    rn = smooth_noise(rng, shape, 25)
    z = base_surface(ls, gx.ravel(), gy.ravel(), rn.ravel()).reshape(shape)
    pts = shapely.points(gx.ravel(), gy.ravel())
    rn_at = lambda px, py: ndimage.map_coordinates(  # noqa: E731
        rn, [(ys[0] - py) / CELL, (px - xs[0]) / CELL], order=1, mode="nearest")
    incision = np.zeros(gx.size)
    for line, beta, hw in ls.gullies:
        s = np.linspace(0, line.length, 60)
        lp = shapely.line_interpolate_point(line, s)
        lx, ly = shapely.get_x(lp), shapely.get_y(lp)
        zl = base_surface(ls, lx, ly, rn_at(lx, ly))
        taper = np.clip((line.length - s) / (0.3 * line.length), 0, 1)
        depth = beta * np.maximum(zl - zl[0], 0) * taper
        d = shapely.distance(pts, line)
        sp = shapely.line_locate_point(line, pts)
        incision += np.interp(sp, s, depth) * np.exp(-((d / hw) ** 2))
    z = z - incision.reshape(shape)
    u, _ = to_local(gx, gy)
    d_stream = shapely.distance(pts, ls.stream).reshape(shape)
    calm = np.clip((d_stream - floodplain_width(u)) / 120.0, 0.1, 1.0)
    z = z + calm * (4.0 * smooth_noise(rng, shape, 6) + 1.0 * smooth_noise(rng, shape, 2))
    return z


# --------------------------------------------------------------------------- features
def add_reservoir(ls: Landscape, dem: np.ndarray, xs: np.ndarray, ys: np.ndarray,
                  transform) -> tuple[shapely.Polygon, shapely.Polygon, float, float]:
    """Dam the main stream at 0.70·L: reservoir and dam polygons, water level, dam position on the stream."""
    s_dam = float(ls.stream.project(at_u(ls, 0.70 * L)))
    p = ls.stream.interpolate(s_dam)
    row, col = int((ys[0] - p.y) / CELL + 0.5), int((p.x - xs[0]) / CELL + 0.5)
    level = float(dem[row - 1:row + 2, col - 1:col + 2].min()) + 11.0
    gx, gy = np.meshgrid(xs, ys)
    sx = shapely.line_locate_point(ls.stream, shapely.points(gx.ravel(), gy.ravel())).reshape(gx.shape)
    mask = (dem < level) & (sx > s_dam + 5) & (np.hypot(gx - p.x, gy - p.y) < 700)
    lab, _ = ndimage.label(mask)
    # the component reached from just above the dam
    q = ls.stream.interpolate(s_dam + 30)
    keep = lab == lab[int((ys[0] - q.y) / CELL + 0.5), int((q.x - xs[0]) / CELL + 0.5)]
    polys = [to_shape(g) for g, v in features.shapes(keep.astype("uint8"), transform=transform)
             if v == 1]
    res = max(polys, key=lambda g: g.area)
    res = shapely.Polygon(res.exterior).buffer(12, quad_segs=4).buffer(-14, quad_segs=4).simplify(1.5)
    # dam: a 10 m wide strip across the valley at s_dam
    a = ls.stream.interpolate(s_dam - 5)
    b = ls.stream.interpolate(s_dam + 5)
    dx, dy = b.x - a.x, b.y - a.y
    n = np.hypot(dx, dy)
    nx, ny = -dy / n, dx / n
    across = shapely.intersection(shapely.LineString([(p.x - 400 * nx, p.y - 400 * ny),
                                                      (p.x + 400 * nx, p.y + 400 * ny)]), res.buffer(15))
    span = min(shapely.get_parts(across), key=lambda g: g.distance(p))
    half = max(p.distance(shapely.Point(c)) for c in span.coords) + 10
    dam = shapely.LineString([(p.x - half * nx, p.y - half * ny), (p.x + half * nx, p.y + half * ny)]).buffer(
        5, cap_style="flat")
    res = res.difference(dam)
    res = max(shapely.get_parts(res), key=lambda g: g.area)
    return res, dam, level, s_dam


def flatten(dem: np.ndarray, poly: shapely.Polygon, level: float, transform) -> None:
    m = features.rasterize([(poly, 1)], out_shape=dem.shape, transform=transform, fill=0, dtype="uint8")
    dem[m == 1] = level


def piece(line: shapely.LineString, start: shapely.Point, end: shapely.Point) -> shapely.LineString:
    """The part of ``line`` between the points nearest to ``start`` and ``end``."""
    return ops.substring(line, line.project(start), line.project(end))


def make_features(ls: Landscape, rng: np.random.Generator, reservoir: shapely.Polygon, dam: shapely.Polygon,
                  s_dam: float, slope_at: Callable[[float, float], float]
                  ) -> list[tuple[shapely.Polygon, str]]:
    """Reservoir, dam, river, roads, ditches, ponds and homesteads as disjoint polygons with their DLBM."""
    ws = ls.outline
    st = ls.stream

    lower = ops.substring(st, 0, s_dam - 5)
    upper = ops.substring(st, s_dam, st.length)
    half = 0.5 * lower.length
    river = shapely.union_all([ops.substring(lower, 0, half).buffer(4.5, quad_segs=4),  # 9 m wide below
                               ops.substring(lower, half, lower.length).buffer(3.5, quad_segs=4),
                               upper.buffer(2.5, quad_segs=4)])
    smooth = st.simplify(8)
    left55, right40, left28 = smooth.offset_curve(55), smooth.offset_curve(-40), smooth.offset_curve(28)
    r1 = piece(left55, st.interpolate(0), st.interpolate(s_dam - 40))
    uu, cu = 0.45 * L, float(ls.centre(np.array([0.45 * L]))[0])
    r3 = line_uv(np.array([uu, uu + 10, 0.50 * L, 0.56 * L, 0.60 * L]),
                 np.array([cu + 55, cu - 60, cu - 250, cu - 400, cu - 470]))
    uu, cu = 0.15 * L, float(ls.centre(np.array([0.15 * L]))[0])
    r4 = line_uv(np.array([uu, 0.19 * L, 0.23 * L, 0.26 * L]),
                 np.array([cu + 55, cu + 200, cu + 330, cu + 420]))
    roads = shapely.union_all([r1.buffer(2.5, cap_style="flat", quad_segs=4), r3.buffer(2.0, quad_segs=4),
                               r4.buffer(1.75, quad_segs=4)])
    d1 = piece(right40, at_u(ls, 0.62 * L), at_u(ls, 0.12 * L))
    d1 = shapely.LineString(list(d1.coords) + [at_u(ls, 0.10 * L)])
    d2 = piece(left28, at_u(ls, 0.60 * L), at_u(ls, 0.30 * L))
    d2 = shapely.LineString(list(d2.coords) + [at_u(ls, 0.28 * L)])
    ditches = shapely.union_all([d1.buffer(1.0, quad_segs=2), d2.buffer(1.0, quad_segs=2)])

    water = shapely.union_all([river, reservoir, dam])
    taken = shapely.union_all([water.buffer(12), roads.buffer(12), ditches.buffer(12)])
    ponds: list[shapely.Polygon] = []
    for _ in range(400):
        if len(ponds) == 6:
            break
        s = rng.uniform(0.05, 0.95) * s_dam
        p, q = st.interpolate(s), st.interpolate(s + 5)
        n = np.hypot(q.x - p.x, q.y - p.y)
        off = rng.choice([-1, 1]) * rng.uniform(25, 110)
        cx, cy = p.x - (q.y - p.y) / n * off, p.y + (q.x - p.x) / n * off
        r = rng.uniform(10, 20)
        pond = blob(rng, cx, cy, r * rng.uniform(1.0, 1.5), r, rng.uniform(0, np.pi), 0.06, 32)
        if slope_at(cx, cy) < 8 and ws.contains(pond.buffer(10)) and not pond.intersects(taken):
            ponds.append(pond)
            taken = taken.union(pond.buffer(15))
    houses: list[shapely.Polygon] = []
    clear = shapely.union_all([water.buffer(15), roads.buffer(3), ditches.buffer(4)]
                              + [p.buffer(8) for p in ponds])
    hamlets = [at_u(ls, 0.08 * L), at_u(ls, 0.30 * L), r3.interpolate(1.0, normalized=True),
               r4.interpolate(1.0, normalized=True), at_u(ls, 0.55 * L)]
    for road, half_width in ((r1, 2.5), (r3, 2.0), (r4, 1.75)):
        for s in np.arange(10, road.length - 10, 9.0):
            p, q = road.interpolate(s), road.interpolate(s + 1)
            near = min(p.distance(h) for h in hamlets)
            if rng.uniform() > (0.5 if near < 150 else 0.03):
                continue
            tx, ty = q.x - p.x, q.y - p.y
            n = np.hypot(tx, ty)
            tx, ty = tx / n, ty / n
            w, d = rng.uniform(14, 24) / 2, rng.uniform(10, 16) / 2
            off = rng.choice([-1, 1]) * (half_width + 3 + d + rng.uniform(0, 8))
            cx, cy = p.x - ty * off, p.y + tx * off
            house = shapely.Polygon([(cx + tx * a - ty * b, cy + ty * a + tx * b)
                                     for a, b in ((-w, -d), (w, -d), (w, d), (-w, d))])
            if slope_at(cx, cy) < 18 and ws.contains(house.buffer(5)) and not house.intersects(clear):
                houses.append(house)
                clear = clear.union(house.buffer(5))
    ordered = [(reservoir, "1103"), (dam, "1109"), (river, "1101"), (roads, "1006"), (ditches, "1107")]
    ordered += [(p, "1104") for p in ponds] + [(h, "0702") for h in houses]
    out: list[tuple[shapely.Geometry, str]] = []
    used = shapely.Polygon()
    for geom, code in ordered:
        g = shapely.set_precision(geom.intersection(ws).difference(used), GRID)
        for part in shapely.get_parts(g):
            if part.geom_type == "Polygon" and part.area > 1.0:
                out.append((part, code))
        used = shapely.union_all([used, g], grid_size=GRID)
    return out


# --------------------------------------------------------------------------- villages, land use, parcels
def make_villages(ls: Landscape) -> dict[int, shapely.Polygon]:
    """Village territories: 青杠村 below u1, 桂花村 right of the stream from u1 to u2, 石板村 the rest."""
    u1, u2 = 0.36 * L, 0.62 * L

    def cut1(v: np.ndarray) -> np.ndarray:
        return u1 + 60 * np.sin(v / 400.0)

    def cut2(v: np.ndarray) -> np.ndarray:
        return u2 + 40 * np.sin(v / 300.0)

    v = np.linspace(-1500, 1500, 61)
    cross1 = line_uv(cut1(v), v)
    vr = np.linspace(-1500, float(ls.centre(np.array([u2]))[0]) + 5, 40)
    cross2 = line_uv(cut2(vr), vr)
    s1 = float(shapely.line_locate_point(ls.stream, cross1.intersection(ls.stream)))
    s2 = float(shapely.line_locate_point(ls.stream, cross2.intersection(ls.stream.buffer(20)).centroid))
    mid = ops.substring(ls.stream, s1 - 20, s2 + 20)
    lines = shapely.union_all([ls.outline.boundary, cross1, cross2, mid], grid_size=GRID)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    out: dict[int, list] = {1: [], 2: [], 3: []}
    for f in faces:
        p = f.representative_point()
        if not ls.outline.contains(p):
            continue
        pu, pv = to_local(p.x, p.y)
        if pu < cut1(pv):
            out[1].append(f)
        elif pu < cut2(pv) and pv < float(ls.centre(np.array([pu]))[0]):
            out[3].append(f)
        else:
            out[2].append(f)
    return {k: shapely.union_all(v, grid_size=GRID) for k, v in out.items()}


def jittered_seeds(rng: np.random.Generator, outline: shapely.Polygon, spacing_at: Callable,
                   base: float = 30.0) -> np.ndarray:
    x0, y0, x1, y1 = outline.bounds
    lx, ly = np.meshgrid(np.arange(x0, x1, base), np.arange(y0, y1, base))
    px = lx.ravel() + rng.uniform(-0.4, 0.4, lx.size) * base
    py = ly.ravel() + rng.uniform(-0.4, 0.4, ly.size) * base
    keep_p = (base / spacing_at(px, py)) ** 2
    draw = rng.uniform(size=px.size)
    inside = shapely.contains_xy(outline, px, py)
    ok = inside & (draw < keep_p)
    return np.column_stack([px[ok], py[ok]])


WEIGHTS = {
    "floor": {"0101": 0.80, "0103": 0.12, "0102": 0.08},
    "lower": {"0101": 0.10, "0103": 0.42, "0201": 0.18, "0202": 0.12, "0302": 0.05, "0301": 0.08,
              "0404": 0.05},
    "mid": {"0103": 0.24, "0201": 0.15, "0202": 0.10, "0302": 0.10, "0301": 0.28, "0305": 0.05, "0404": 0.08},
    "upper": {"0301": 0.58, "0305": 0.18, "0307": 0.10, "0302": 0.06, "0103": 0.03, "0404": 0.05},
    "state": {"0301": 0.85, "0305": 0.10, "0307": 0.05},
}


def pick(zone: str, q: float) -> str:
    codes, w = zip(*WEIGHTS[zone].items())
    cum = np.cumsum(w) / np.sum(w)
    return codes[int(np.searchsorted(cum, q, side="right").clip(0, len(codes) - 1))]


@dataclass
class Terrain:
    """Per-cell land-use zone, smoothed slope and a uniform [0, 1) noise field, looked up at points."""

    zone: np.ndarray
    slope: np.ndarray
    noise: np.ndarray
    x0: float
    y1: float

    def cell(self, px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        r = np.clip(((self.y1 - np.asarray(py)) / CELL).astype(int), 0, self.zone.shape[0] - 1)
        c = np.clip(((np.asarray(px) - self.x0) / CELL).astype(int), 0, self.zone.shape[1] - 1)
        return r, c

    def __call__(self, px: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        rc = self.cell(px, py)
        return self.zone[rc], self.slope[rc]

    def noise_at(self, px: np.ndarray, py: np.ndarray) -> np.ndarray:
        return self.noise[self.cell(px, py)]

    def slope_at(self, px: float, py: float) -> float:
        return float(self.slope[self.cell(np.array([px]), np.array([py]))][0])


def build_parcels(ls: Landscape, rng: np.random.Generator, feats: list, villages: dict[int, shapely.Polygon],
                  state_block: shapely.Polygon, terrain: Terrain) -> gpd.GeoDataFrame:
    """Seeded Voronoi cells → land use by terrain → random merges → planar partition with the features."""
    ws = ls.outline

    def spacing(px: np.ndarray, py: np.ndarray) -> np.ndarray:
        zone, _slope = terrain(px, py)
        sp = np.select([zone == "floor", zone == "lower", zone == "mid"], [40.0, 52.0, 78.0], 120.0)
        return np.where(shapely.contains_xy(state_block, px, py), 170.0, sp)

    seeds = jittered_seeds(rng, ws, spacing)
    zone, slope = terrain(seeds[:, 0], seeds[:, 1])
    q = terrain.noise_at(seeds[:, 0], seeds[:, 1])
    in_state = shapely.contains_xy(state_block, seeds[:, 0], seeds[:, 1])
    codes = np.array([pick("state" if s else z, float(v)) for z, v, s in zip(zone, q, in_state)],
                     dtype=object)
    codes[(codes == "0101") & (slope > 9)] = "0103"

    vor = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=ws.buffer(500)))
    tree = shapely.STRtree(vor)
    si, vi = tree.query(shapely.points(seeds), predicate="intersects")
    order = np.empty(len(seeds), dtype=int)
    order[si] = vi
    cells = shapely.intersection(vor[order], ws)

    # random merges of touching cells with the same land use and owner class
    parent = np.arange(len(cells))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return int(i)

    ctree = shapely.STRtree(cells)
    a, b = ctree.query(cells, predicate="intersects")
    keep = a < b
    a, b = a[keep], b[keep]
    shared = shapely.length(shapely.intersection(shapely.boundary(cells[a]), shapely.boundary(cells[b])))
    area = shapely.area(cells)
    group_area = area.copy()
    limit = {"0301": 30000.0, "0305": 20000.0, "0307": 20000.0, "0302": 10000.0, "0404": 8000.0}
    for k in rng.permutation(len(a)):
        i, j = int(a[k]), int(b[k])
        if shared[k] < 8 or codes[i] != codes[j] or in_state[i] != in_state[j] or rng.uniform() > 0.35:
            continue
        ri, rj = find(i), find(j)
        if ri == rj or group_area[ri] + group_area[rj] > limit.get(codes[i], 4500.0):
            continue
        parent[rj] = ri
        group_area[ri] += group_area[rj]
    roots = np.array([find(i) for i in range(len(cells))])
    group_ids, group_of = np.unique(roots, return_inverse=True)
    groups = [shapely.union_all(cells[group_of == g], grid_size=GRID) for g in range(len(group_ids))]
    g_code = [codes[r] for r in group_ids]
    g_state = [bool(in_state[r]) for r in group_ids]

    feat_geoms = [g for g, _ in feats]
    lines = [ws.boundary] + [shapely.boundary(g) for g in groups]
    lines += [shapely.boundary(v) for v in villages.values()] + [shapely.boundary(g) for g in feat_geoms]
    noded = shapely.union_all(lines, grid_size=GRID)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    faces = faces[shapely.area(faces) > 0]
    rp = shapely.point_on_surface(faces)
    inside = shapely.contains(ws.buffer(0.01), rp)      # keeps the mm-slivers along the outline
    faces, rp = faces[inside], rp[inside]

    def owner_of(polys: list, pts: np.ndarray) -> np.ndarray:
        out = np.full(len(pts), -1)
        p_i, g_i = shapely.STRtree(polys).query(pts, predicate="within")
        out[p_i] = g_i
        return out

    f_of = owner_of(feat_geoms, rp)
    g_of = owner_of(groups, rp)
    v_of = owner_of(list(villages.values()), rp)
    lost = np.flatnonzero(((f_of < 0) & (g_of < 0)) | (v_of < 0))   # mm-slivers left by snapping: nearest
    if len(lost):
        if shapely.area(faces[lost]).max() > 1.0:
            raise RuntimeError("a face fell outside every group")
        fix = lost[g_of[lost] < 0]
        g_of[fix] = shapely.STRtree(groups).query_nearest(rp[fix])[1]
        fix = lost[v_of[lost] < 0]
        v_of[fix] = shapely.STRtree(list(villages.values())).query_nearest(rp[fix])[1]
    v_of = np.asarray(list(villages))[v_of]
    keys = [("F", int(f), int(v)) if f >= 0 else ("G", int(g), int(v)) for f, g, v in zip(f_of, g_of, v_of)]
    rows = []
    for key in sorted(set(keys)):
        idx = [i for i, k in enumerate(keys) if k == key]
        merged = shapely.union_all(faces[idx])   # exact: faces share noded edges
        for part in shapely.get_parts(merged):
            if part.geom_type != "Polygon":
                continue
            if key[0] == "F":
                code, state, kind = feats[key[1]][1], False, "feature"
            else:
                code, state, kind = g_code[key[1]], g_state[key[1]], "group"
            rows.append({"DLBM": code, "state": state, "kind": kind, "village": key[2], "geometry": part})
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=EPSG)
    return merge_small(gdf)


def merge_small(gdf: gpd.GeoDataFrame, min_area: float = 60.0, min_feature: float = 3.0) -> gpd.GeoDataFrame:
    """Merge slivers into the same-village neighbour with the longest shared edge (land parcels preferred)."""
    gdf = gdf.reset_index(drop=True)
    geoms = list(gdf.geometry.values)
    alive = np.ones(len(gdf), dtype=bool)
    area = np.array([g.area for g in geoms])
    floor = np.where(gdf["kind"].to_numpy() == "feature", min_feature, min_area)
    small = [i for i in np.argsort(area) if area[i] < floor[i]]
    for i in small:
        if not alive[i]:
            continue
        best, best_len = -1, 0.0
        for j in range(len(geoms)):
            if j == i or not alive[j] or gdf.at[j, "village"] != gdf.at[i, "village"]:
                continue
            if not geoms[i].intersects(geoms[j]):
                continue
            shared = geoms[i].boundary.intersection(geoms[j].boundary).length
            bonus = 1e6 if gdf.at[j, "kind"] == "group" or gdf.at[i, "kind"] == "feature" else 0.0
            if shared > 0 and shared + bonus > best_len:
                best, best_len = j, shared + bonus
        if best < 0:
            continue
        geoms[best] = shapely.union_all([geoms[best], geoms[i]])
        alive[i] = False
    gdf = gdf.copy()
    gdf["geometry"] = geoms
    return gdf[alive].reset_index(drop=True)


# --------------------------------------------------------------------------- attributes
def assign_attributes(gdf: gpd.GeoDataFrame, rng: np.random.Generator, dem_path: Path,
                      villages: dict[int, shapely.Polygon]) -> gpd.GeoDataFrame:
    table = load_code_table()
    crs = CRS.from_epsg(EPSG)
    rp = shapely.point_on_surface(gdf.geometry.values)
    # deterministic order: village, then north to south, west to east
    order = np.lexsort((np.round(shapely.get_x(rp), 1), -np.round(shapely.get_y(rp), 1),
                        gdf["village"].to_numpy()))
    gdf = gdf.iloc[order].reset_index(drop=True)
    rp = rp[order]
    n = len(gdf)
    codes = gdf["DLBM"].to_numpy()
    # villagers' groups (村民小组, QSXZ 31) own the farmland and homesteads: 3–4 seeded centres per village,
    # each parcel to the nearest; groups are numbered 1, 2, … in the order of their centres
    state = gdf["state"].to_numpy(dtype=bool)
    farm = np.array([c.startswith(("01", "02")) or c == "0702" for c in codes]) & ~state
    group_no = np.zeros(n, dtype=int)
    for vid, vpoly in villages.items():
        k = 4 if vid == 1 else 3
        x0, y0, x1, y1 = vpoly.bounds
        centres = []
        while len(centres) < k:
            cx, cy = rng.uniform(x0, x1), rng.uniform(y0, y1)
            if vpoly.contains(shapely.Point(cx, cy)):
                centres.append((cx, cy))
        c = np.array(centres)
        m = (gdf["village"].to_numpy() == vid) & farm
        d = np.hypot(shapely.get_x(rp[m])[:, None] - c[:, 0], shapely.get_y(rp[m])[:, None] - c[:, 1])
        nearest = d.argmin(1)
        group_no[m] = np.searchsorted(np.unique(nearest), nearest) + 1
    cols: dict[str, list] = {f: [] for f in FIELDS}
    cropland = np.array([c.startswith("01") for c in codes])
    slopes = np.full(n, np.nan)
    slopes[cropland] = parcel_mean_slopes(gdf.geometry.values[cropland], crs, str(dem_path))
    grades = slope_grade(slopes)
    tbmj = np.round(ellipsoidal_areas(gdf.geometry.values, crs), 2)
    tt_share = {2: 0.35, 3: 0.55, 4: 0.65, 5: 0.55}
    for i in range(n):
        code = codes[i]
        vid = int(gdf.at[i, "village"])
        vcode, vname = VILLAGES[vid]
        if code in ("1101", "1103", "1109"):
            qsxz, (qdm, qmc) = "10", STATE_WATER
        elif state[i]:
            qsxz, (qdm, qmc) = "20", STATE_FARM
        elif code in ("0301", "0302", "0305", "0307"):
            qsxz, qdm, qmc = "32", vcode + "8000000", vname + "股份经济合作联合社"
        elif farm[i]:
            g = int(group_no[i])
            qsxz, qdm, qmc = "31", vcode + f"{g:02d}00000", f"{vname}{g}社"
        else:
            qsxz, qdm, qmc = "30", vcode + "0000000", vname + "村民委员会"
        gdpdjb = gdlx = kcdlbm = ""
        kcxs = 0.0
        if cropland[i]:
            gdpdjb = str(int(grades[i]))
            if code == "0101":
                gdlx = "TT" if gdpdjb != "1" else ""
            elif gdpdjb != "1":
                gdlx = "TT" if rng.uniform() < tt_share[int(gdpdjb)] else "PD"
            kcxs = CROPLAND_KCXS[(gdpdjb, gdlx)]
            kcdlbm = "1203"
        kcmj = round(float(tbmj[i]) * kcxs, 2)
        values = {
            "BSM": f"5001151080{i + 1:08d}", "DLBM": code, "DLMC": str(table.at[code, "name_zh"]),
            "QSXZ": qsxz, "QSDWDM": qdm, "QSDWMC": qmc, "ZLDWDM": vcode + "0000000", "ZLDWMC": vname,
            "TBMJ": float(tbmj[i]), "KCDLBM": kcdlbm, "KCXS": kcxs, "KCMJ": kcmj,
            "TBDLMJ": round(float(tbmj[i]) - kcmj, 2), "GDLX": gdlx, "GDPDJB": gdpdjb,
        }
        for f in FIELDS:
            cols[f].append(values[f])
    return gpd.GeoDataFrame(cols, geometry=list(gdf.geometry.values), crs=EPSG)


def make_lots(ls: Landscape, rng: np.random.Generator, reservoir: shapely.Polygon,
              state_block: shapely.Polygon) -> gpd.GeoDataFrame:
    """Three trading lots with smooth outlines that ignore parcel edges."""
    ws = ls.outline.buffer(-15)
    rc = reservoir.centroid
    down = to_world(np.array([0.58 * L]), ls.centre(np.array([0.58 * L])))
    cx, cy = (rc.x + down[0][0]) / 2, (rc.y + down[1][0]) / 2
    ang = np.arctan2(rc.y - down[1][0], rc.x - down[0][0])
    half = np.hypot(rc.x - down[0][0], rc.y - down[1][0]) / 2
    jy01 = blob(rng, cx, cy, half + 230, 230, ang, 0.06)
    ju = 0.44 * L
    jx, jy = to_world(np.array([ju]), ls.centre(np.array([ju])) - 0.55 * ls.halfwidth[1](np.array([ju])))
    jy02 = blob(rng, float(jx[0]), float(jy[0]), 260, 170, THETA + 0.3, 0.07)
    ju = 0.84 * L
    jx, jy = to_world(np.array([ju]), ls.centre(np.array([ju])) - 0.5 * ls.halfwidth[1](np.array([ju])))
    jy03 = blob(rng, float(jx[0]), float(jy[0]), 300, 190, THETA + 0.1, 0.07)
    lots, used = [], shapely.Polygon()
    for geom in (jy01, jy02, jy03):
        g = geom.intersection(ws).difference(used.buffer(20))
        g = max(shapely.get_parts(g), key=lambda p: p.area)
        g = shapely.set_precision(g.buffer(10, quad_segs=4).buffer(-10, quad_segs=4).intersection(ws), 0.01)
        lots.append(g)
        used = used.union(g)
    return gpd.GeoDataFrame({
        "SCOPE_ID": ["JY01", "JY02", "JY03"],
        "SCOPE_NAME": ["青杠溪水库生态旅游经营权地块", "桂花村林下中药材种植经营权地块",
                       "溪口国有林场水土保持碳汇地块"],
        "PRODUCT": ["生态旅游经营权", "林下种植经营权", "水土保持碳汇"],
    }, geometry=lots, crs=EPSG)


# --------------------------------------------------------------------------- rasters
ECO_INDEX = {"forest": 0, "shrub": 1, "orchard": 2, "cropland": 3, "paddy": 4, "grassland": 5,
             "wetland_water": 6, "built_up": 7, "bare": 8}
COVER = {0: (0.75, 0.95), 1: (0.60, 0.80), 2: (0.40, 0.70), 3: (0.20, 0.50), 4: (0.20, 0.50),
         5: (0.50, 0.75), 6: (0.0, 0.0), 7: (0.05, 0.20), 8: (0.02, 0.10)}
NPP = {0: (500, 750), 1: (420, 560), 2: (350, 500), 3: (300, 450), 4: (300, 450), 5: (280, 400),
       6: (0, 50), 7: (0, 50), 8: (0, 50)}


def factor_rasters(dltb: gpd.GeoDataFrame, dem: np.ndarray, transform, rng: np.random.Generator
                   ) -> dict[str, np.ndarray]:
    table = load_code_table()
    shape = dem.shape
    eco = dltb["DLBM"].map(table["eco_type"]).map(ECO_INDEX).to_numpy()
    pid = features.rasterize(((g, i + 1) for i, g in enumerate(dltb.geometry.values)), out_shape=shape,
                             transform=transform, fill=0, dtype="int32")
    cls = np.where(pid > 0, eco[np.maximum(pid - 1, 0)], ECO_INDEX["forest"])
    base = rng.uniform(0.2, 0.8, len(dltb) + 1)
    base[0] = 0.7
    frac = np.clip(base[pid] + 0.12 * smooth_noise(rng, shape, 3) + 0.04 * rng.standard_normal(shape), 0, 1)
    lo = np.vectorize(lambda c: COVER[c][0])(cls)
    hi = np.vectorize(lambda c: COVER[c][1])(cls)
    cover = lo + (hi - lo) * frac
    nlo = np.vectorize(lambda c: NPP[c][0])(cls)
    nhi = np.vectorize(lambda c: NPP[c][1])(cls)
    npp = nlo + (nhi - nlo) * np.clip(frac + 0.08 * smooth_noise(rng, shape, 2), 0, 1)
    et = np.where(cls == ECO_INDEX["wetland_water"], 735.0, 560.0 + 180.0 * cover)
    et = np.clip(et + 6.0 * smooth_noise(rng, shape, 4), 550, 750)
    rows, cols = np.indices(shape)
    xs = transform.c + (cols + 0.5) * transform.a
    ys = transform.f + (rows + 0.5) * transform.e
    u, _ = to_local(xs, ys)
    g = np.clip(u / L, -0.1, 1.1) * 2 - 1      # −1 at the outlet … +1 at the head
    r = np.clip(5784.0 + 230.0 * g + 0.35 * (dem - 560.0) + 30.0 * smooth_noise(rng, shape, 20),
                5300, 6200)
    purple = 1 / (1 + np.exp((dem - 600.0) / 25.0))
    k = 0.033 + 0.012 * purple + 0.003 * smooth_noise(rng, shape, 8) + 0.001 * rng.standard_normal(shape)
    k = np.clip(k, 0.025, 0.06)
    precip = np.clip(1085.0 + 0.22 * (dem - 345.0) + 25.0 * g + 8.0 * smooth_noise(rng, shape, 25),
                     1050, 1250)
    storm = np.clip(212.0 + 0.09 * (dem - 345.0) + 20.0 * g + 5.0 * smooth_noise(rng, shape, 25), 180, 280)
    return {
        "r_factor": np.round(r, 1), "k_factor": np.round(k, 4), "veg_cover": np.round(cover, 3),
        "precip": np.round(precip, 1), "et": np.round(et, 1), "storm_precip": np.round(storm, 1),
        "npp": np.round(npp, 1),
    }


def write_tif(path: Path, data: np.ndarray, transform) -> None:
    profile = dict(driver="GTiff", width=data.shape[1], height=data.shape[0], count=1, dtype="float32",
                   crs=CRS.from_epsg(EPSG).to_wkt(), transform=transform, nodata=NODATA, compress="deflate",
                   predictor=3, tiled=True, blockxsize=256, blockysize=256)
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(data.astype("float32"), 1)
    stale = path.with_name(path.name + ".aux.xml")     # statistics GDAL cached for the previous file
    if stale.exists():
        stale.unlink()


# --------------------------------------------------------------------------- main
def generate(outdir: Path) -> dict[str, object]:
    """Write all sample files into ``outdir``; returns a few figures for the README."""
    outdir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    ls = make_landscape(rng)
    x0, y0, x1, y1 = ls.outline.bounds
    gx0, gy1 = np.floor((x0 - MARGIN) / CELL) * CELL, np.ceil((y1 + MARGIN) / CELL) * CELL
    gx1, gy0 = np.ceil((x1 + MARGIN) / CELL) * CELL, np.floor((y0 - MARGIN) / CELL) * CELL
    transform = from_origin(gx0, gy1, CELL, CELL)
    xs = np.arange(gx0 + CELL / 2, gx1, CELL)
    ys = np.arange(gy1 - CELL / 2, gy0, -CELL)
    dem = make_dem(ls, rng, xs, ys)
    reservoir, dam, level, s_dam = add_reservoir(ls, dem, xs, ys, transform)
    flatten(dem, reservoir, level, transform)
    dem = np.round(dem, 2)
    write_tif(outdir / "dem.tif", dem, transform)

    slope = ndimage.gaussian_filter(slope_degrees(dem, CELL, CELL), 1.5)
    gx, gy = np.meshgrid(xs, ys)
    pts = shapely.points(gx.ravel(), gy.ravel())
    d_stream = shapely.distance(pts, ls.stream).reshape(dem.shape)
    d_edge = shapely.distance(pts, ls.outline.boundary).reshape(dem.shape)
    fw = floodplain_width(to_local(gx, gy)[0])
    de = np.maximum(d_stream - fw, 0)
    t = de / (de + d_edge + 1e-6)
    zone = np.select([(d_stream < fw + 10) & (slope < 7), (t < 0.30) & (slope < 16),
                      (t < 0.60) & (slope < 27)], ["floor", "lower", "mid"], "upper")
    noise = smooth_noise(rng, dem.shape, 4)
    noise = (np.argsort(np.argsort(noise.ravel())) / noise.size).reshape(dem.shape)
    terrain = Terrain(zone, slope, noise, float(gx0), float(gy1))
    feats = make_features(ls, rng, reservoir, dam, s_dam, terrain.slope_at)
    villages = make_villages(ls)
    head_u = 0.92 * L
    hx, hy = to_world(np.array([head_u]), ls.centre(np.array([head_u])) - 60)
    state_block = blob(rng, float(hx[0]), float(hy[0]), 430, 330, THETA + 0.2, 0.06)
    state_block = state_block.intersection(ls.outline)
    parcels = build_parcels(ls, rng, feats, villages, state_block, terrain)
    dltb = assign_attributes(parcels, rng, outdir / "dem.tif", villages)
    lots = make_lots(ls, rng, reservoir, state_block)
    outline = shapely.union_all(dltb.geometry.values)   # exactly the union of the parcels
    watershed = gpd.GeoDataFrame({"WS_ID": ["QGX01"], "WS_NAME": ["青杠溪小流域"]}, geometry=[outline],
                                 crs=EPSG)

    gpkg = outdir / "sample_watershed.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2024-12-31T00:00:00.000Z"})   # byte-stable GPKG
    try:
        for layer, frame in (("DLTB", dltb), ("JYFW", lots), ("WATERSHED", watershed)):
            frame.to_file(gpkg, layer=layer, driver="GPKG")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
    for name, data in factor_rasters(dltb, dem, transform, rng).items():
        write_tif(outdir / f"{name}.tif", data, transform)
    visitors = pd.DataFrame({"SCOPE_ID": ["JY01"], "VISITORS": [18600], "SPEND_PER_VISIT": [86.0],
                             "PRICE_YEAR": [2024], "SOURCE": ["synthetic sample"]})
    visitors.to_csv(outdir / "visitors.csv", index=False, encoding="utf-8")
    return {"parcels": len(dltb), "area_ha": float(dltb["TBMJ"].sum() / 1e4)}


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    print(generate(target))
