"""Per-cell CSLE layers for inspection: LS, B·E·T, potential and actual erosion, SL 190 grade.

The same grid, factors and rules as the accounting (``accounting.compute_drivers``), kept per
cell instead of summed per parcel, so a technician can see where the numbers come from.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Optional

import geopandas as gpd
import numpy as np
import rasterio
from rasterio.features import rasterize

from . import csle, rasters
from .accounting import FactorInputs, _grid_and_ls, _read, b_factor, prepare_parcels
from .errors import Notice
from .parameters import ParameterSet
from .progress import Monitor

LAYERS = ("LS", "BET", "POTENTIAL", "EROSION", "GRADE")
NODATA = -9999.0


def erosion_layers(parcels: gpd.GeoDataFrame, inputs: FactorInputs, params: ParameterSet,
                   landuse_field: str = "DLBM", layer: str = "PARCELS", monitor: Optional[Monitor] = None
                   ) -> tuple[rasters.Grid, dict[str, np.ndarray], list[Notice], str]:
    """Arrays on the working grid (NaN = no data). B·E·T: cropland E·T, other land B·E (B from cover,
    else the land-use table), CP_FACTOR replacing it when given; non-eroding types and cells outside
    the parcels have no B·E·T and no actual erosion. Potential and actual erosion in t/(hm²·a)."""
    mon = monitor or Monitor()
    prepared = prepare_parcels(parcels, landuse_field, layer)
    grid, desc, ls, _ = _grid_and_ls(inputs, prepared, params, mon.sub(0.0, 0.5))
    notices: list[Notice] = []

    def factor(key: str, constant: str) -> np.ndarray:
        arr = _read(inputs, key, grid)
        return np.full(grid.shape, params.value(constant)) if arr is None else arr.filled(np.nan)

    r, k = factor("R_FACTOR", "r_constant"), factor("K_FACTOR", "k_constant")
    notices += csle.check_k_units(k[np.isfinite(k)]) + csle.check_r_units(r[np.isfinite(r)], params.value("r_constant"))
    if ls is None:
        ls_arr = _read(inputs, "LS_FACTOR", grid)
        ls = ls_arr.filled(np.nan) if ls_arr is not None else np.full(grid.shape, np.nan)
    mon.report(0.6, "reading factors")
    geoms = prepared.to_crs(grid.pyproj_crs).geometry.values
    index = rasterize(((g, i + 1) for i, g in enumerate(geoms) if g is not None), out_shape=grid.shape,
                      transform=grid.transform, fill=0, dtype="int32")
    excluded = set(params.items("soil_conservation_excluded"))
    eco = prepared["ECO_TYPE"].to_numpy()
    gdlx = prepared["GDLX_N"].to_numpy()
    e_tt = params.value("e_factor.TT")
    t_crop = params.value("t_factor.cropland")
    e_parcel = np.where(gdlx == "TT", e_tt, params.value("e_factor.PD"))
    crop = eco == "cropland"
    ok = np.array([e not in excluded for e in eco])
    lookup = lambda values, fill: np.concatenate([[fill], values])[index]  # noqa: E731
    cover = _read(inputs, "VEG_COVER", grid)
    if cover is not None:
        b = b_factor(cover, params).filled(np.nan)
    else:
        b_table = params.table("b_factor") if params.keys("b_factor.") else {}
        b = lookup(np.array([b_table.get(e, np.nan) for e in eco], dtype=float), np.nan)
    bet = np.where(lookup(crop, False), lookup(e_parcel, 1.0) * t_crop, b * lookup(e_parcel, 1.0))
    cp = _read(inputs, "CP_FACTOR", grid)
    if cp is not None:
        bet = cp.filled(np.nan)
    bet = np.where(lookup(ok, False), bet, np.nan)
    potential = r * k * ls
    erosion = potential * bet
    modulus = erosion * 100.0
    grade = np.where(np.isfinite(modulus), csle.erosion_grade(np.nan_to_num(modulus),
                                                              params.value("sl190_tolerance")), np.nan)
    mon.report(1.0, "done")
    layers = {"LS": ls, "BET": bet, "POTENTIAL": potential, "EROSION": erosion, "GRADE": grade}
    return grid, layers, notices, desc


def write_raster(path: str, array: np.ndarray, grid: rasters.Grid, integer: bool = False) -> None:
    """Write a single-band GeoTIFF atomically (temporary file in the same folder, then rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".tif", dir=target.parent)
    os.close(fd)
    dtype = "int16" if integer else "float32"
    nodata = -1 if integer else NODATA
    data = np.where(np.isfinite(array), array, nodata).astype(dtype)
    try:
        with rasterio.open(tmp, "w", driver="GTiff", width=grid.width, height=grid.height, count=1, dtype=dtype,
                           crs=grid.rasterio_crs, transform=grid.transform, nodata=nodata, compress="deflate",
                           tiled=True, blockxsize=256, blockysize=256) as ds:
            ds.write(data, 1)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
