"""Deterministic county-like inputs for ``make bench``: 三调-like parcels, trading lots and CSLE factor rasters.

One size is a square of ``cells × cells`` 10 m cells in EPSG:4545 (CGCS2000 3° GK, CM 108°E):

- ``dltb.gpkg`` layer ``DLTB``: irregular parcels tiling the square — Voronoi cells of jittered grid points whose
  edges are densified and bent by a smooth displacement field (shared borders stay shared), with 三调 fields
  (BSM, DLBM, DLMC, ZLDWMC, TBMJ, TBDLMJ); land use mostly forest, some shrub, orchard, dry land, grassland and a
  few paddy fields (where soil conservation does not apply);
- ``dltb.gpkg`` layer ``JYFW``: one large lot with a wavy border over most of the square plus three small lots;
- ``r.tif``, ``k.tif``, ``ls.tif``, ``cp.tif``: R, K (SI), LS and C·P as float32 GeoTIFFs, 256×256 tiles,
  DEFLATE, written one strip of tiles at a time (generation never holds a whole raster).

Everything is a function of the size and a fixed seed, so two runs give byte-identical inputs.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
import shapely
from rasterio.transform import from_origin
from rasterio.windows import Window

EPSG = 4545
X0, Y_TOP = 380_000.0, 3_420_000.0
RES = 10.0
TILE = 256
SEED = 20261129


@dataclass(frozen=True)
class Size:
    """One benchmark size: raster side in cells and the number of parcels under the lots."""

    name: str
    cells: int
    parcels: int


SIZES = {
    "small": Size("small", 2_000, 10_000),
    "medium": Size("medium", 5_000, 50_000),
    "large": Size("large", 10_000, 200_000),
}
#: Share of the square inside the large lot (its border runs 2–8 % of the side in from the edge).
LOT_SHARE = 0.87
#: Land-use codes and their shares.
LANDUSE = (("0301", "乔木林地", 0.48), ("0305", "灌木林地", 0.14), ("0307", "其他林地", 0.10),
           ("0201", "果园", 0.06), ("0103", "旱地", 0.12), ("0404", "其他草地", 0.06), ("0101", "水田", 0.04))
RASTERS = ("r", "k", "ls", "cp")


# ----- parcels ---------------------------------------------------------------------------------------
def _warp(xy: np.ndarray, spacing: float) -> np.ndarray:
    """A smooth displacement (Lipschitz < 0.5, so the map stays one-to-one and shared edges stay shared)."""
    x, y = xy[:, 0], xy[:, 1]
    amp, lam = 0.07 * spacing, 2.3 * spacing
    dx = amp * (np.sin(2 * np.pi * y / lam + 0.3) + 0.6 * np.sin(2 * np.pi * (x + y) / (1.7 * lam)))
    dy = amp * (np.sin(2 * np.pi * x / (1.3 * lam) + 1.1) + 0.6 * np.cos(2 * np.pi * (x - y) / (2.1 * lam)))
    return np.column_stack([x + dx, y + dy])


def _lot_polygons(side: float) -> list[shapely.Polygon]:
    """One large lot with a wavy border plus three small round-ish lots near the corners, outside it."""
    n = 4000
    t = np.linspace(0.0, 1.0, n, endpoint=False)
    # a rounded square walked anticlockwise; the inset varies between 2 % and 8 % of the side
    inset = side * (0.05 + 0.02 * np.sin(2 * np.pi * 7 * t) + 0.01 * np.sin(2 * np.pi * 23 * t + 0.7))
    k = (t * 4).astype(int)
    u = t * 4 - k
    px = np.choose(k, [u, np.ones_like(u), 1 - u, np.zeros_like(u)]) * side
    py = np.choose(k, [np.zeros_like(u), u, np.ones_like(u), 1 - u]) * side
    nx = np.choose(k, [np.zeros_like(u), -np.ones_like(u), np.zeros_like(u), np.ones_like(u)])
    ny = np.choose(k, [np.ones_like(u), np.zeros_like(u), -np.ones_like(u), np.zeros_like(u)])
    big = shapely.Polygon(np.column_stack([px + nx * inset, py + ny * inset])).buffer(0)
    small = []
    for cx, cy, r in ((0.012, 0.012, 0.008), (0.988, 0.015, 0.01), (0.015, 0.985, 0.009)):
        a = np.linspace(0, 2 * np.pi, 96, endpoint=False)
        rr = r * side * (1 + 0.15 * np.sin(3 * a))
        small.append(shapely.Polygon(np.column_stack([cx * side + rr * np.cos(a), cy * side + rr * np.sin(a)])))
    lots = [big] + [s.difference(big) for s in small]
    return [shapely.affinity.translate(p, X0, Y_TOP - side) for p in lots]


def make_vectors(size: Size, out: Path) -> dict[str, float]:
    """Write ``dltb.gpkg`` (layers DLTB and JYFW); return a few counts."""
    side = size.cells * RES
    lots = _lot_polygons(side)
    lot_area = sum(p.area for p in lots)
    n_total = int(math.ceil(size.parcels * side * side / lot_area * 1.02))
    per_row = int(math.ceil(math.sqrt(n_total)))
    spacing = side / per_row
    rng = np.random.default_rng(SEED + size.cells)
    gx, gy = np.meshgrid(np.arange(per_row) + 0.5, np.arange(per_row) + 0.5)
    pts = np.column_stack([gx.ravel(), gy.ravel()]) * spacing
    pts += rng.uniform(-0.42, 0.42, pts.shape) * spacing
    box = shapely.box(0.0, 0.0, side, side)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=box))
    cells = shapely.clip_by_rect(cells, 0.0, 0.0, side, side)
    # a fixed order (Voronoi output order is GEOS's): by the cell's representative point, row-major
    rp = shapely.get_coordinates(shapely.point_on_surface(cells))
    cells = cells[np.lexsort((rp[:, 0], -rp[:, 1]))]
    cells = shapely.segmentize(cells, spacing / 5.0)
    cells = shapely.transform(cells, lambda xy: _warp(xy, spacing))
    cells = shapely.transform(cells, lambda xy: xy + (X0, Y_TOP - side))
    cells = shapely.make_valid(shapely.set_precision(cells, 0.001))
    cells = cells[shapely.get_type_id(cells) == 3]
    n = len(cells)
    codes = np.array([c for c, _, _ in LANDUSE])
    names = dict((c, m) for c, m, _ in LANDUSE)
    shares = np.array([s for _, _, s in LANDUSE])
    lu = codes[rng.choice(len(codes), n, p=shares / shares.sum())]
    cx = shapely.get_coordinates(shapely.centroid(cells))
    village = ((cx[:, 0] - X0) // (side / 5)).astype(int) * 5 + ((Y_TOP - cx[:, 1]) // (side / 5)).astype(int) + 1
    area = np.round(shapely.area(cells), 2)
    dltb = gpd.GeoDataFrame({
        "BSM": [f"5001{i:08d}" for i in range(n)],
        "DLBM": lu,
        "DLMC": [names[c] for c in lu],
        "ZLDWMC": [f"{v}村" for v in village],
        "TBMJ": area,
        "TBDLMJ": np.round(area * 0.97, 2),
    }, geometry=cells, crs=f"EPSG:{EPSG}")
    jyfw = gpd.GeoDataFrame({"SCOPE_ID": ["L1", "L2", "L3", "L4"],
                             "SCOPE_NAME": ["大地块", "小地块一", "小地块二", "小地块三"]},
                            geometry=lots, crs=f"EPSG:{EPSG}")
    path = out / "dltb.gpkg"
    path.unlink(missing_ok=True)
    dltb.to_file(path, layer="DLTB", driver="GPKG", engine="pyogrio")
    jyfw.to_file(path, layer="JYFW", driver="GPKG", engine="pyogrio")
    verts = int(shapely.get_num_coordinates(cells).sum())
    return {"dltb_parcels": n, "vertices_per_parcel": verts / n, "lot_share": lot_area / side / side}


# ----- rasters ---------------------------------------------------------------------------------------
def _field(name: str, x: np.ndarray, y: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """Smooth, realistic-looking values of one factor at cell centres (x, y in km from the corner)."""
    if name == "r":   # rainfall erosivity, MJ·mm/(hm²·h·a): a regional gradient plus storm tracks
        v = 5200 + 900 * np.sin(x / 37.0) * np.cos(y / 53.0) + 400 * np.sin((x + 2 * y) / 11.0) + 30 * noise
    elif name == "k":  # SI soil erodibility
        v = 0.038 + 0.012 * np.sin(x / 3.1 + 1.0) * np.sin(y / 4.3) + 0.006 * np.sin((x - y) / 0.9) \
            + 0.002 * noise
    elif name == "ls":  # slope length and steepness: ridges and valleys at several scales
        h = np.sin(x / 0.7) * np.cos(y / 0.9) + 0.5 * np.sin((x + y) / 0.23) + 0.25 * np.cos((x - 2 * y) / 0.071)
        v = np.exp(1.1 + 0.9 * h + 0.15 * noise)
    else:  # C·P: patches of cover
        v = 0.18 + 0.12 * np.sin(x / 0.37) * np.sin(y / 0.29) + 0.07 * np.sin((2 * x + y) / 0.13) + 0.02 * noise
    return np.clip(v, {"r": 1000, "k": 0.005, "ls": 0.05, "cp": 0.005}[name], None).astype(np.float32)


def make_rasters(size: Size, out: Path) -> None:
    """Write the four factor rasters strip by strip (256 rows at a time)."""
    n = size.cells
    profile = dict(driver="GTiff", width=n, height=n, count=1, dtype="float32", crs=f"EPSG:{EPSG}",
                   transform=from_origin(X0, Y_TOP, RES, RES), nodata=-9999.0, tiled=True, blockxsize=TILE,
                   blockysize=TILE, compress="DEFLATE", bigtiff="IF_SAFER",
                   num_threads="ALL_CPUS")
    xs = (np.arange(n) + 0.5) * RES / 1000.0
    for k, name in enumerate(RASTERS):
        with rasterio.open(out / f"{name}.tif", "w", **profile) as dst:
            for r0 in range(0, n, TILE):
                h = min(TILE, n - r0)
                ys = (np.arange(r0, r0 + h) + 0.5) * RES / 1000.0
                noise = np.random.default_rng([SEED, k, r0]).standard_normal((h, n))
                dst.write(_field(name, xs[None, :], ys[:, None], noise), 1, window=Window(0, r0, n, h))


def generate(size: Size, out: Path) -> dict[str, float]:
    """Both vectors and rasters for ``size`` into ``out``; returns counts and timings."""
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    info = make_vectors(size, out)
    t1 = time.perf_counter()
    make_rasters(size, out)
    info.update(vector_s=t1 - t0, raster_s=time.perf_counter() - t1, cells=float(size.cells) ** 2)
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("size", choices=sorted(SIZES))
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    info = generate(SIZES[args.size], args.out)
    print(pd.Series(info).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
