"""Consistency checks for a 三调 DLTB (地类图斑) layer.

:func:`check_dltb` returns human-readable problems (an empty list means the layer passed). It checks the
attribute arithmetic that 三调 data must satisfy (KCMJ, TBDLMJ, TBMJ against the ellipsoidal area), the
code lists (DLBM/DLMC, QSXZ, GDPDJB, GDLX), the geometry (valid, no overlaps) and, given a DEM, the
cropland slope grade GDPDJB against the terrain.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

import numpy as np
import pandas as pd
import shapely
from affine import Affine
from pyproj import CRS, Transformer

from .errors import short_list
from .geodesy import ellipsoidal_areas
from .landuse import load_code_table, normalise_code

REQUIRED_FIELDS: tuple[str, ...] = (
    "BSM", "DLBM", "DLMC", "QSXZ", "QSDWDM", "QSDWMC", "ZLDWDM", "ZLDWMC",
    "TBMJ", "KCDLBM", "KCXS", "KCMJ", "TBDLMJ", "GDLX", "GDPDJB",
)
QSXZ_CODES = frozenset({"10", "20", "30", "31", "32", "33", "34", "40"})
GDPDJB_CODES = ("1", "2", "3", "4", "5")
GDLX_CODES = frozenset({"TT", "PD"})
#: Upper slope bound (degrees, inclusive) of GDPDJB grades 1–4; grade 5 is above 25°.
SLOPE_GRADE_BOUNDS = (2.0, 6.0, 15.0, 25.0)

AREA_TOL = 0.01          # m², absolute tolerance of KCMJ, TBDLMJ and TBMJ
AREA_REL_TOL = 1e-6      # relative tolerance of TBMJ against the ellipsoidal area
OVERLAP_TOL = 0.01       # m², total overlap allowed
_EPS = 1e-9


def text_value(value: Any) -> str:
    """A field value as stripped text; None/NaN → "", 3.0 → "3"."""
    if value is None:
        return ""
    if isinstance(value, float) or isinstance(value, np.floating):
        if math.isnan(value):
            return ""
        if float(value).is_integer():
            return str(int(value))
    text = str(value).strip()
    return "" if text.upper() in ("NAN", "NONE", "NULL", "<NA>") else text


def slope_grade(slope_deg: np.ndarray | float) -> np.ndarray:
    """GDPDJB grade 1–5 of slopes in degrees (1 ≤2°, 2 (2–6°], 3 (6–15°], 4 (15–25°], 5 >25°)."""
    bounds = np.asarray(SLOPE_GRADE_BOUNDS)
    return np.searchsorted(bounds, np.asarray(slope_deg, dtype=float), side="left") + 1


def slope_degrees(dem: np.ndarray, xres: float, yres: float) -> np.ndarray:
    """Slope in degrees from ``numpy.gradient`` (central differences, one-sided at edges); NaN stays NaN."""
    dzdy, dzdx = np.gradient(np.asarray(dem, dtype=np.float64), abs(yres), abs(xres))
    return np.degrees(np.arctan(np.hypot(dzdx, dzdy)))


def parcel_mean_slopes(geoms: Sequence[Any] | np.ndarray, crs: Optional[CRS], dem_path: str) -> np.ndarray:
    """Mean DEM slope (degrees) of each polygon over the cells whose centre falls inside it.

    A polygon that holds no cell centre takes the slope of the cell under its representative point;
    NaN where the polygon lies off the DEM or on nodata. The DEM must be north-up with metre cells.
    """
    import rasterio
    from rasterio import features, windows

    geoms = np.asarray(geoms, dtype=object)
    out = np.full(len(geoms), np.nan)
    if not any(g is not None and not g.is_empty for g in geoms):
        return out
    with rasterio.open(dem_path) as src:
        tr = src.transform
        if tr.b != 0 or tr.d != 0:
            raise ValueError("rotated DEM grids are not supported")
        dem_crs = CRS.from_user_input(src.crs) if src.crs is not None else None
        if crs is not None and dem_crs is not None and dem_crs != CRS.from_user_input(crs):
            t = Transformer.from_crs(crs, dem_crs, always_xy=True)
            geoms = shapely.transform(geoms, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
        x0, y0, x1, y1 = shapely.total_bounds(geoms)
        # Window over the parcels plus two cells, so that the central differences inside the parcels match
        # a full-grid computation.
        cols = sorted(((x0 - tr.c) / tr.a, (x1 - tr.c) / tr.a))
        rows = sorted(((y0 - tr.f) / tr.e, (y1 - tr.f) / tr.e))
        c0, r0 = max(math.floor(cols[0]) - 2, 0), max(math.floor(rows[0]) - 2, 0)
        c1, r1 = min(math.ceil(cols[1]) + 2, src.width), min(math.ceil(rows[1]) + 2, src.height)
        if c1 <= c0 or r1 <= r0:
            return out
        win = windows.Window(c0, r0, c1 - c0, r1 - r0)
        dem = src.read(1, window=win, masked=True).astype(np.float64).filled(np.nan)
        wtr = Affine(tr.a, 0.0, tr.c + c0 * tr.a, 0.0, tr.e, tr.f + r0 * tr.e)
    slope = slope_degrees(dem, wtr.a, wtr.e)
    nrows, ncols = slope.shape
    labels = features.rasterize(
        ((g, i + 1) for i, g in enumerate(geoms) if g is not None and not g.is_empty),
        out_shape=slope.shape, transform=wtr, fill=0, all_touched=False, dtype="int32",
    )
    ok = (labels > 0) & np.isfinite(slope)
    counts = np.bincount(labels[ok], minlength=len(geoms) + 1)[1:]
    sums = np.bincount(labels[ok], weights=slope[ok], minlength=len(geoms) + 1)[1:]
    has = counts > 0
    out[has] = sums[has] / counts[has]
    for i in np.flatnonzero(~has):
        g = geoms[i]
        if g is None or g.is_empty:
            continue
        p = g.representative_point()
        col = int(math.floor((p.x - wtr.c) / wtr.a))
        row = int(math.floor((p.y - wtr.f) / wtr.e))
        if 0 <= row < nrows and 0 <= col < ncols:
            out[i] = slope[row, col]
    return out


def _find_fields(columns: Sequence[str]) -> dict[str, str]:
    """Upper-case field name → the layer's own spelling (field names are matched case-insensitively)."""
    return {str(c).upper(): str(c) for c in columns}


def _ids(mask: np.ndarray | pd.Series, ids: np.ndarray) -> str:
    return short_list(list(ids[np.asarray(mask, dtype=bool)]))


def check_dltb(gdf: Any, dem_path: Optional[str] = None, table: Optional[pd.DataFrame] = None) -> list[str]:
    """Problems found in a 三调 DLTB GeoDataFrame (empty list: consistent).

    Checks: the fields of :data:`REQUIRED_FIELDS` exist (names matched case-insensitively); DLBM is in the
    code table and DLMC is its name (a trailing 用地 is ignored on both sides); QSXZ is one of 10, 20, 30–34,
    40; KCXS lies in [0, 1); KCMJ = round(TBMJ·KCXS, 2) and TBDLMJ = TBMJ − KCMJ within 0.01 m²; TBMJ is the
    ellipsoidal area of the geometry within 0.01 m² or 1e-6 of it, whichever is larger; GDPDJB is "1"–"5" on
    cropland (01xx) and empty elsewhere; GDLX is TT/PD or empty, set only on cropland and empty at grade 1;
    geometries are valid and overlap by less than 0.01 m² in total; BSM values are unique.

    With ``dem_path``, each cropland parcel's GDPDJB is compared with the grade of its mean slope
    (:func:`parcel_mean_slopes`, slope by ``numpy.gradient``): **the recorded grade may differ from the
    slope's grade by at most 1** (三调 grades come from a different DEM and from field checks).
    Parcels are named by BSM when present, else by the frame's index.
    """
    problems: list[str] = []
    fields = _find_fields(gdf.columns)
    missing = [f for f in REQUIRED_FIELDS if f not in fields]
    if missing:
        problems.append(f"Missing required fields: {', '.join(missing)}.")
    n = len(gdf)
    if n == 0:
        return problems

    def col(name: str) -> Optional[pd.Series]:
        return gdf[fields[name]] if name in fields else None

    bsm = col("BSM")
    ids = np.asarray([text_value(v) for v in bsm]) if bsm is not None else np.asarray(gdf.index)
    if bsm is not None:
        dup = pd.Series(ids).duplicated(keep=False).to_numpy() | (ids == "")
        if dup.any():
            problems.append(f"BSM is empty or repeated: {short_list(sorted(set(ids[dup])))}.")

    if table is None:
        table = load_code_table()
    codes = np.asarray([normalise_code(v) for v in col("DLBM")]) if col("DLBM") is not None else None
    cropland = np.zeros(n, dtype=bool)
    if codes is not None:
        known = np.isin(codes, table.index.to_numpy())
        if (~known).any():
            problems.append(f"DLBM not in the code table ({short_list(sorted(set(codes[~known])))}) "
                            f"in parcels {_ids(~known, ids)}.")
        cropland = np.char.startswith(codes.astype(str), "01")
        if col("DLMC") is not None:
            names = np.asarray([text_value(v) for v in col("DLMC")])
            wrong = np.zeros(n, dtype=bool)
            for i in np.flatnonzero(known):
                expected = str(table.at[codes[i], "name_zh"])
                if names[i].removesuffix("用地") != expected.removesuffix("用地"):
                    wrong[i] = True
            if wrong.any():
                problems.append(f"DLMC does not match the name of its DLBM in parcels {_ids(wrong, ids)}.")

    if col("QSXZ") is not None:
        qsxz = np.asarray([text_value(v) for v in col("QSXZ")])
        bad = ~np.isin(qsxz, list(QSXZ_CODES))
        if bad.any():
            problems.append(f"QSXZ not one of 10, 20, 30, 31, 32, 33, 34, 40 "
                            f"({short_list(sorted(set(qsxz[bad])))}) in parcels {_ids(bad, ids)}.")

    nums: dict[str, np.ndarray] = {}
    for name in ("TBMJ", "KCXS", "KCMJ", "TBDLMJ"):
        if col(name) is not None:
            values = pd.to_numeric(col(name), errors="coerce").to_numpy(dtype=float)
            if np.isnan(values).any():
                problems.append(f"{name} is empty or not a number in parcels {_ids(np.isnan(values), ids)}.")
            nums[name] = values
    with np.errstate(invalid="ignore"):
        if "KCXS" in nums:
            bad = (nums["KCXS"] < 0) | (nums["KCXS"] >= 1)
            if bad.any():
                problems.append(f"KCXS outside [0, 1) in parcels {_ids(bad, ids)}.")
        if {"TBMJ", "KCXS", "KCMJ"} <= nums.keys():
            bad = np.abs(nums["KCMJ"] - np.round(nums["TBMJ"] * nums["KCXS"], 2)) > AREA_TOL + _EPS
            if bad.any():
                problems.append(f"KCMJ differs from round(TBMJ × KCXS, 2) by more than {AREA_TOL} m² "
                                f"in parcels {_ids(bad, ids)}.")
        if {"TBMJ", "KCMJ", "TBDLMJ"} <= nums.keys():
            bad = np.abs(nums["TBDLMJ"] - (nums["TBMJ"] - nums["KCMJ"])) > AREA_TOL + _EPS
            if bad.any():
                problems.append(f"TBDLMJ differs from TBMJ − KCMJ by more than {AREA_TOL} m² "
                                f"in parcels {_ids(bad, ids)}.")

    geoms = np.asarray(gdf.geometry.values, dtype=object)
    crs = CRS.from_user_input(gdf.crs) if gdf.crs is not None else None
    empty = np.asarray([g is None or g.is_empty for g in geoms])
    if empty.any():
        problems.append(f"Empty geometry in parcels {_ids(empty, ids)}.")
    invalid = ~empty & ~shapely.is_valid(np.where(empty, None, geoms))
    if invalid.any():
        first = geoms[np.flatnonzero(invalid)[0]]
        problems.append(f"Invalid geometry in parcels {_ids(invalid, ids)} "
                        f"(first: {shapely.is_valid_reason(first)}).")
    if "TBMJ" in nums:
        if crs is None:
            problems.append("The layer has no CRS: TBMJ cannot be compared with the ellipsoidal area.")
        else:
            area = ellipsoidal_areas(np.where(empty, None, geoms), crs)
            with np.errstate(invalid="ignore"):
                bad = np.abs(nums["TBMJ"] - area) > np.maximum(AREA_TOL, AREA_REL_TOL * area) + _EPS
            if bad.any():
                problems.append(f"TBMJ differs from the ellipsoidal area of the geometry in parcels "
                                f"{_ids(bad, ids)}.")
    problems.extend(_overlaps(geoms, empty | invalid, crs, ids))

    grade = np.asarray([text_value(v) for v in col("GDPDJB")]) if col("GDPDJB") is not None else None
    if grade is not None and codes is not None:
        bad = cropland & ~np.isin(grade, GDPDJB_CODES)
        if bad.any():
            problems.append(f"GDPDJB missing or not 1–5 on cropland parcels {_ids(bad, ids)}.")
        bad = ~cropland & (grade != "")
        if bad.any():
            problems.append(f"GDPDJB set on non-cropland parcels {_ids(bad, ids)}.")
    if col("GDLX") is not None:
        gdlx = np.asarray([text_value(v).upper() for v in col("GDLX")])
        bad = (gdlx != "") & ~np.isin(gdlx, list(GDLX_CODES))
        if bad.any():
            problems.append(f"GDLX not TT/PD in parcels {_ids(bad, ids)}.")
        if codes is not None:
            bad = (gdlx != "") & ~cropland
            if bad.any():
                problems.append(f"GDLX set on non-cropland parcels {_ids(bad, ids)}.")
        if grade is not None:
            bad = (gdlx != "") & (grade == "1")
            if bad.any():
                problems.append(f"GDLX set on cropland of slope grade 1 in parcels {_ids(bad, ids)}.")

    if dem_path is not None and grade is not None and codes is not None:
        check = cropland & np.isin(grade, GDPDJB_CODES) & ~empty
        idx = np.flatnonzero(check)
        if len(idx):
            slopes = parcel_mean_slopes(geoms[idx], crs, dem_path)
            off = np.isnan(slopes)
            if off.any():
                problems.append(f"No DEM slope for cropland parcels {short_list(list(ids[idx[off]]))}.")
            recorded = grade[idx].astype(int)
            with np.errstate(invalid="ignore"):
                bad = ~off & (np.abs(recorded - slope_grade(slopes)) > 1)
            if bad.any():
                detail = short_list([f"{ids[i]} ({grade[i]} vs {s:.1f}°)"
                                     for i, s in zip(idx[bad], slopes[bad])], limit=10)
                problems.append(f"GDPDJB differs by more than one grade from the DEM slope in parcels "
                                f"{detail}.")
    return problems


def _polygonal(geom: Any) -> Any:
    """The polygonal part of an intersection result (drops touching points and lines)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _overlaps(geoms: np.ndarray, skip: np.ndarray, crs: Optional[CRS], ids: np.ndarray) -> list[str]:
    """A problem when the parcels overlap by OVERLAP_TOL m² or more in total."""
    usable = np.flatnonzero(~skip)
    if len(usable) < 2:
        return []
    tree = shapely.STRtree(geoms[usable])
    left, right = tree.query(geoms[usable], predicate="intersects")
    keep = left < right
    a, b = usable[left[keep]], usable[right[keep]]
    if len(a) == 0:
        return []
    inter = shapely.intersection(geoms[a], geoms[b])
    areas = shapely.area(inter)
    poly = areas > 0
    if crs is not None and poly.any():
        areas[poly] = ellipsoidal_areas([_polygonal(g) for g in inter[poly]], crs)
    if areas.sum() < OVERLAP_TOL:
        return []
    pairs = [f"{ids[i]}/{ids[j]}" for i, j, s in zip(a, b, areas) if s > 0.001]
    return [f"Parcels overlap by {areas.sum():.2f} m² in total: {short_list(pairs, limit=10)}."]
