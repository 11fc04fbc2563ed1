"""Watershed-level accounting: a parcel accounting aggregated to small-watershed polygons.

Parcels are allocated to watersheds by the ellipsoidal area of their intersection (a parcel cut by a watershed
boundary counts with the share inside, so the watershed sums add up to the parcel totals when the watersheds
cover the parcels). Rights are read from the parcels' ``DISPUTE``/``ELIGIBLE`` fields when present
(``valuation/ownership.py`` codes). Erosion figures are computed cell by cell from the actual-erosion raster of
``swcvalue:cslefactors`` (t/(hm²·a)), weighting every cell by the exact share of it inside the watershed; the
mean vegetation cover likewise from the cover raster; the forest-and-grass cover rate from the parcels' eco types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
import shapely
from pyproj import CRS
from rasterio.features import rasterize

from . import csle, geodesy, landuse, rasters
from .errors import Notice, ValuationError, short_list
from .parameters import ParameterSet
from .parcels import find_field, polygonal, require_crs
from .progress import Monitor

#: Value fields summed (pro-rated by area share) from the parcels.
VALUE_FIELDS = ("V_MAT", "V_REG", "V_CUL", "V_TOTAL", "V_TOT_LO", "V_TOT_HI", "DV_TOTAL")
#: Eco types counted by the forest-and-grass cover rate (林草覆盖率).
FOREST_GRASS = ("forest", "shrub", "grassland")
#: Default eco types without soil erosion (the accounting's ``soil_conservation_excluded``).
NON_ERODING_DEFAULT = ("wetland_water", "built_up", "paddy")
M2_PER_KM2 = 1e6

#: Output fields: (name, kind, unit, English, Chinese).
WS_FIELDS: tuple[tuple[str, str, str, str, str], ...] = (
    ("WS_ID", "str", "", "Watershed id", "小流域编码"),
    ("WS_NAME", "str", "", "Watershed name", "小流域名称"),
    ("AREA_KM2", "float", "km²", "Area", "面积"),
    ("ACC_KM2", "float", "km²", "Accounted parcel area", "已核算地块面积"),
    ("ACC_PCT", "float", "%", "Accounted share of the area", "核算覆盖比例"),
    ("N_PARCELS", "int", "", "Parcels wholly or partly inside", "地块数"),
    ("V_MAT", "float", "元/a", "Value: material supply", "物质供给价值"),
    ("V_REG", "float", "元/a", "Value: regulating services", "调节服务价值"),
    ("V_CUL", "float", "元/a", "Value: cultural services", "文化服务价值"),
    ("V_TOTAL", "float", "元/a", "Total value", "价值总量"),
    ("V_TOT_LO", "float", "元/a", "Total value, low prices", "价值总量(低价)"),
    ("V_TOT_HI", "float", "元/a", "Total value, high prices", "价值总量(高价)"),
    ("DV_TOTAL", "float", "元/a", "SWC increment", "水土保持措施价值增量"),
    ("V_PER_KM2", "float", "元/(km²·a)", "Value per km² of accounted area", "单位面积核算价值"),
    ("RIGHTS_ST", "str", "", "Rights information (known / partial / unknown)", "权属信息"),
    ("RIGHTS_PCT", "float", "%", "Area with clear rights and no dispute", "权属清晰无争议面积比例"),
    ("RIGHTS_UNK", "float", "%", "Area with unknown rights status", "权属情况不明面积比例"),
    ("DISPUTE_N", "int", "", "Parcels with an unresolved dispute", "存在未解决争议地块数"),
    ("UNCLEAR_N", "int", "", "Parcels with unclear rights", "权属不清地块数"),
    ("ERO_G2", "float", "km²", "Eroded area, grade 2 light", "轻度侵蚀面积"),
    ("ERO_G3", "float", "km²", "Eroded area, grade 3 moderate", "中度侵蚀面积"),
    ("ERO_G4", "float", "km²", "Eroded area, grade 4 intense", "强烈侵蚀面积"),
    ("ERO_G5", "float", "km²", "Eroded area, grade 5 very intense", "极强烈侵蚀面积"),
    ("ERO_G6", "float", "km²", "Eroded area, grade 6 severe", "剧烈侵蚀面积"),
    ("ERO_KM2", "float", "km²", "Eroded area (modulus ≥ tolerance)", "水土流失面积"),
    ("ERO_NODATA", "float", "km²", "Area without erosion data", "无侵蚀数据面积"),
    ("SWC_RATE", "float", "%", "Soil-and-water-conservation rate", "水土保持率"),
    ("VEG_MEAN", "float", "0–1", "Mean fractional vegetation cover", "平均植被覆盖度"),
    ("FG_RATE", "float", "%", "Forest-and-grass cover rate", "林草覆盖率"),
)

#: DISPUTE values (codes of valuation/ownership.py, their Chinese labels, yes/no flags) → status.
_DISPUTE = {"NONE": "none", "无争议": "none", "RESOLVED": "resolved", "已解决": "resolved",
            "UNCLEAR": "unclear", "权属不清": "unclear", "DISPUTED": "disputed", "有争议": "disputed",
            "0": "none", "NO": "none", "N": "none", "FALSE": "none", "否": "none", "无": "none",
            "1": "disputed", "YES": "disputed", "Y": "disputed", "TRUE": "disputed", "是": "disputed",
            "有": "disputed"}
_FLAG = {"1": 1, "0": 0, "TRUE": 1, "FALSE": 0, "YES": 1, "NO": 0, "Y": 1, "N": 0, "T": 1, "F": 0,
         "是": 1, "否": 0}


def field_defs() -> dict[str, tuple[str, str, str, str]]:
    """name → (kind, unit, English, Chinese) of the summary fields."""
    return {n: (k, u, en, zh) for n, k, u, en, zh in WS_FIELDS}


@dataclass
class WatershedResult:
    table: gpd.GeoDataFrame
    allocation: pd.DataFrame
    notices: list[Notice] = field(default_factory=list)


# ----- small parsers -------------------------------------------------------------------------------------
def _text(value: Any) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, float):
        if np.isnan(value):
            return None
        if value.is_integer():
            value = int(value)
    if isinstance(value, bool):
        value = int(value)
    s = str(value).strip()
    return s or None


def parse_dispute(value: Any) -> Optional[str]:
    """none / resolved / unclear / disputed, "other" for an unrecognised text, None when blank."""
    s = _text(value)
    if s is None:
        return None
    return _DISPUTE.get(s.upper(), "other")


def parse_yes_no(value: Any) -> Optional[int]:
    """1/0 from 1/0, yes/no, true/false, 是/否 (and 已认定/未认定); None when blank or not a yes/no."""
    s = _text(value)
    if s is None:
        return None
    if s in ("已认定", "认定"):
        return 1
    if s in ("未认定",):
        return 0
    return _FLAG.get(s.upper())


def rights_status(parcels: pd.DataFrame) -> tuple[pd.Series, bool]:
    """Per parcel: clear / disputed / unclear / not_clear / unknown, and whether any rights field exists.

    - disputed: DISPUTE = DISPUTED (an unresolved dispute);
    - unclear: DISPUTE = UNCLEAR, or ELIGIBLE = 0 when there is no DISPUTE field;
    - clear: ELIGIBLE = 1 (if the field exists) and DISPUTE none/resolved (if the field exists);
    - not_clear: ELIGIBLE = 0 for another reason (e.g. no seller identified) — lowers the clear share only;
    - unknown: blank or unrecognised values.
    """
    d_col, e_col = find_field(parcels.columns, "DISPUTE"), find_field(parcels.columns, "ELIGIBLE")
    n = len(parcels)
    if d_col is None and e_col is None:
        return pd.Series(["unknown"] * n, index=parcels.index), False
    disp = [parse_dispute(v) for v in parcels[d_col]] if d_col else [None] * n
    elig = [parse_yes_no(v) for v in parcels[e_col]] if e_col else [None] * n
    out = []
    for d, e in zip(disp, elig):
        if d == "disputed":
            out.append("disputed")
        elif d == "unclear" or (d_col is None and e == 0):
            out.append("unclear")
        elif (d_col and d not in ("none", "resolved")) or (e_col and e is None):
            out.append("unknown")
        elif e == 0:
            out.append("not_clear")
        else:
            out.append("clear")
    return pd.Series(out, index=parcels.index), True


# ----- allocation -----------------------------------------------------------------------------------------
def allocate(parcels: gpd.GeoDataFrame, watersheds: gpd.GeoDataFrame, crs: CRS) -> pd.DataFrame:
    """(parcel row, watershed row, intersection m², parcel m², share) for every intersecting pair.

    Both layers in ``crs``; areas ellipsoidal on its ellipsoid; share = intersection / parcel area.
    """
    pg, _ = polygonal(np.asarray(parcels.geometry.values, dtype=object))
    wg, _ = polygonal(np.asarray(watersheds.geometry.values, dtype=object))
    tree = shapely.STRtree(wg)
    ok = ~shapely.is_missing(pg)
    pi, wi = tree.query(np.where(ok, pg, None), predicate="intersects")
    parcel_area = geodesy.ellipsoidal_areas(pg, crs)
    if len(pi) == 0:
        return pd.DataFrame({"parcel": [], "ws": [], "inter_m2": [], "parcel_m2": [], "share": []})
    with np.errstate(invalid="ignore"):
        inter = shapely.intersection(pg[pi], wg[wi])
    inter, _ = polygonal(np.asarray(inter, dtype=object))
    inter_m2 = geodesy.ellipsoidal_areas(inter, crs)
    p_m2 = parcel_area[pi]
    share = np.where(p_m2 > 0, inter_m2 / np.where(p_m2 > 0, p_m2, 1.0), 0.0)
    df = pd.DataFrame({"parcel": pi, "ws": wi, "inter_m2": inter_m2, "parcel_m2": p_m2,
                       "share": np.minimum(share, 1.0)})
    return df[df["inter_m2"] > 0].reset_index(drop=True)


# ----- cell-based figures ---------------------------------------------------------------------------------
def _open_grid(path: str) -> tuple[rasters.Grid, np.ma.MaskedArray]:
    grid = rasters.Grid.from_raster(path)
    with rasterio.open(path) as src:
        arr = src.read(1, masked=True).astype(np.float64)
    crs = grid.pyproj_crs
    if crs.is_geographic or (crs.axis_info and crs.axis_info[0].unit_name not in ("metre", "meter")):
        raise ValuationError("ws_raster_not_metric",
                             "Raster {path} must be in a projected CRS in metres (it is {crs}).",
                             path=str(path), crs=crs.name)
    return grid, arr


def erosion_statistics(ws_geoms: np.ndarray, ws_crs: CRS, erosion_path: str,
                       non_eroding: Optional[gpd.GeoSeries], tolerance: float = 500.0) -> pd.DataFrame:
    """Per watershed, from the actual-erosion raster A (t/(hm²·a)), cell by cell with exact cell shares.

    The modulus of a cell is A × 100 t/(km²·a) and its SL 190 grade follows ``csle.erosion_grade``. A cell without
    data whose centre lies in a non-eroding parcel (``non_eroding``: water, built-up, paddy) counts as land without
    erosion (the accounting gives those parcels erosion 0); any other cell without data, and the part of a
    watershed outside the raster, is ``ERO_NODATA``. ``SWC_RATE`` = 100 × (assessed − eroded) / assessed, where
    assessed = cells with data + non-eroding cells and eroded = cells with modulus ≥ ``tolerance``.
    """
    grid, arr = _open_grid(erosion_path)
    geoms = gpd.GeoSeries(ws_geoms, crs=ws_crs).to_crs(grid.pyproj_crs).values
    geoms, _ = polygonal(np.asarray(geoms, dtype=object))
    cover = rasters.coverage_matrix(geoms, grid)
    a = arr.filled(np.nan)
    valid = np.isfinite(a)
    if non_eroding is not None and len(non_eroding):
        ne_geoms = non_eroding.to_crs(grid.pyproj_crs).values
        shapes = [(g, 1) for g in ne_geoms if g is not None and not g.is_empty]
        in_ne = rasterize(shapes, out_shape=grid.shape, transform=grid.transform, fill=0,
                          dtype="uint8").astype(bool) if shapes else np.zeros(grid.shape, bool)
    else:
        in_ne = np.zeros(grid.shape, bool)
    grade = np.where(valid, csle.erosion_grade(np.nan_to_num(a) * 100.0, tolerance), 0)
    cell_m2 = grid.cell_area

    def area(mask: np.ndarray) -> np.ndarray:
        return np.asarray(cover @ mask.ravel().astype(np.float64)).ravel() * cell_m2

    out = pd.DataFrame(index=range(len(geoms)))
    for g in range(2, 7):
        out[f"ERO_G{g}"] = area(valid & (grade == g)) / M2_PER_KM2
    eroded = area(valid & (grade >= 2))
    assessed = area(valid) + area(~valid & in_ne)
    planar = np.array([0.0 if g is None else g.area for g in geoms])
    on_grid = np.asarray(cover.sum(axis=1)).ravel() * cell_m2
    nodata = area(~valid & ~in_ne) + np.maximum(planar - on_grid, 0.0)
    out["ERO_KM2"] = eroded / M2_PER_KM2
    out["ERO_NODATA"] = nodata / M2_PER_KM2
    with np.errstate(invalid="ignore", divide="ignore"):
        out["SWC_RATE"] = np.where(assessed > 0, 100.0 * (assessed - eroded) / np.where(assessed > 0, assessed, 1),
                                   np.nan)
    out["_NODATA_PCT"] = np.where(planar > 0, 100.0 * nodata / np.where(planar > 0, planar, 1), np.nan)
    return out


def cover_statistics(ws_geoms: np.ndarray, ws_crs: CRS, cover_path: str) -> np.ndarray:
    """Per watershed, the mean fractional vegetation cover of the raster's cells weighted by their share inside."""
    grid, arr = _open_grid(cover_path)
    finite = arr.compressed()
    finite = finite[np.isfinite(finite)]
    if finite.size and finite.max() > 1.5:
        raise ValuationError("cover_not_fraction",
                             "Vegetation cover must be a 0–1 fraction; the largest value is {max:g} "
                             "(percent? divide by 100).", max=float(finite.max()))
    geoms = gpd.GeoSeries(ws_geoms, crs=ws_crs).to_crs(grid.pyproj_crs).values
    geoms, _ = polygonal(np.asarray(geoms, dtype=object))
    cover = rasters.coverage_matrix(geoms, grid)
    return rasters.zonal_mean(cover, arr)


# ----- the summary ----------------------------------------------------------------------------------------
def _eco_types(parcels: gpd.GeoDataFrame) -> Optional[pd.Series]:
    eco = find_field(parcels.columns, "ECO_TYPE")
    if eco is not None:
        return parcels[eco].fillna("").astype(str)
    lu = find_field(parcels.columns, "DLBM")
    if lu is None:
        return None
    codes = pd.Series([landuse.normalise_code(v) for v in parcels[lu]], index=parcels.index)
    return landuse.classify(codes, keep_unknown=True)


def summarise_watersheds(parcels: gpd.GeoDataFrame, watersheds: gpd.GeoDataFrame, id_field: str = "WS_ID",
                         name_field: str = "WS_NAME", erosion_path: Optional[str] = None,
                         cover_path: Optional[str] = None, params: Optional[ParameterSet] = None,
                         parcels_layer: str = "PARCELS", watersheds_layer: str = "WATERSHEDS",
                         monitor: Optional[Monitor] = None) -> WatershedResult:
    """One row per watershed: its input fields plus :data:`WS_FIELDS` (geometry as given)."""
    mon = monitor or Monitor()
    notices: list[Notice] = []
    for gdf, name in ((parcels, parcels_layer), (watersheds, watersheds_layer)):
        if len(gdf) == 0:
            raise ValuationError("empty_layer", "Layer {layer} has no features (or none selected).", layer=name)
    missing = [f for f in VALUE_FIELDS if find_field(parcels.columns, f) is None]
    if missing:
        raise ValuationError("not_an_accounting",
                             "Layer {layer} is not a parcel accounting (swcvalue:accountvalues output): "
                             "it lacks {fields}.", layer=parcels_layer, fields=short_list(missing))
    id_col, name_col = find_field(watersheds.columns, id_field), find_field(watersheds.columns, name_field)
    for col, wanted in ((id_col, id_field), (name_col, name_field)):
        if col is None:
            raise ValuationError("missing_field", "Layer {layer} has no field {field}.", layer=watersheds_layer,
                                 field=wanted)
    ids = pd.Series([_text(v) for v in watersheds[id_col]], index=watersheds.index)
    if ids.isna().any():
        raise ValuationError("ws_blank_id", "Watersheds {fids} of layer {layer} have no {field}.",
                             fids=short_list([str(i) for i in ids.index[ids.isna()]]), layer=watersheds_layer,
                             field=id_col)
    if not ids.is_unique:
        raise ValuationError("ws_duplicate_id", "Watershed ids {ids} occur more than once in layer {layer}.",
                             ids=short_list(sorted(ids[ids.duplicated()].unique())), layer=watersheds_layer)
    p_crs = require_crs(parcels, parcels_layer)
    w_crs = require_crs(watersheds, watersheds_layer)
    ws_in_p = watersheds
    if not rasters.same_crs(p_crs, w_crs):
        ws_in_p = watersheds.to_crs(p_crs)
        notices.append(Notice("reprojected", "Layer {layer} was reprojected from {src} to {dst}.",
                              {"layer": watersheds_layer, "src": w_crs.to_string(), "dst": p_crs.to_string()}))
    mon.report(0.05, "intersecting")
    alloc = allocate(parcels, ws_in_p, p_crs)
    mon.check()
    n_ws = len(watersheds)
    wg, _ = polygonal(np.asarray(watersheds.geometry.values, dtype=object))
    ws_area = geodesy.ellipsoidal_areas(wg, w_crs)
    out = pd.DataFrame(index=range(n_ws))
    out["WS_ID"] = ids.to_numpy()
    out["WS_NAME"] = [_text(v) or "" for v in watersheds[name_col]]
    out["AREA_KM2"] = ws_area / M2_PER_KM2
    acc = np.bincount(alloc["ws"], weights=alloc["inter_m2"], minlength=n_ws)
    out["ACC_KM2"] = acc / M2_PER_KM2
    out["ACC_PCT"] = np.where(ws_area > 0, 100.0 * acc / np.where(ws_area > 0, ws_area, 1), np.nan)
    out["N_PARCELS"] = np.bincount(alloc["ws"], minlength=n_ws).astype(np.int64)
    for f in VALUE_FIELDS:
        vals = pd.to_numeric(parcels[find_field(parcels.columns, f)], errors="coerce").fillna(0.0).to_numpy()
        out[f] = np.bincount(alloc["ws"], weights=vals[alloc["parcel"]] * alloc["share"], minlength=n_ws)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["V_PER_KM2"] = np.where(acc > 0, out["V_TOTAL"] / (acc / M2_PER_KM2), np.nan)

    # Rights
    status, known = rights_status(parcels)
    st = status.to_numpy()[alloc["parcel"]]
    if known:
        clear = np.bincount(alloc["ws"], weights=alloc["inter_m2"] * (st == "clear"), minlength=n_ws)
        unk = np.bincount(alloc["ws"], weights=alloc["inter_m2"] * (st == "unknown"), minlength=n_ws)
        with np.errstate(invalid="ignore", divide="ignore"):
            out["RIGHTS_PCT"] = np.where(acc > 0, 100.0 * clear / np.where(acc > 0, acc, 1), np.nan)
            out["RIGHTS_UNK"] = np.where(acc > 0, 100.0 * unk / np.where(acc > 0, acc, 1), np.nan)
        out["RIGHTS_ST"] = np.where(out["RIGHTS_UNK"].fillna(100.0) >= 100.0 - 1e-9, "unknown",
                                    np.where(out["RIGHTS_UNK"] > 1e-9, "partial", "known"))
        out["DISPUTE_N"] = np.bincount(alloc["ws"], weights=(st == "disputed"), minlength=n_ws).astype(np.int64)
        out["UNCLEAR_N"] = np.bincount(alloc["ws"], weights=(st == "unclear"), minlength=n_ws).astype(np.int64)
    else:
        out["RIGHTS_ST"] = "unknown"
        out["RIGHTS_PCT"] = np.nan
        out["RIGHTS_UNK"] = 100.0
        out["DISPUTE_N"] = pd.array([pd.NA] * n_ws, dtype="Int64")
        out["UNCLEAR_N"] = pd.array([pd.NA] * n_ws, dtype="Int64")
        notices.append(Notice("ws_rights_unknown",
                              "Layer {layer} has no DISPUTE or ELIGIBLE field: rights are reported as unknown.",
                              {"layer": parcels_layer}))

    # Erosion and cover, cell by cell
    mon.report(0.3, "coverage fractions")
    eco = _eco_types(parcels)
    params = params or ParameterSet.load()
    tolerance = params.value("sl190_tolerance") if params.has("sl190_tolerance") else 500.0
    excluded = params.items("soil_conservation_excluded") if params.has("soil_conservation_excluded") \
        else NON_ERODING_DEFAULT
    for g in range(2, 7):
        out[f"ERO_G{g}"] = np.nan
    out["ERO_KM2"] = np.nan
    out["ERO_NODATA"] = np.nan
    out["SWC_RATE"] = np.nan
    if erosion_path:
        ne = None
        if eco is not None:
            ne = gpd.GeoSeries(parcels.geometry[eco.isin(excluded).to_numpy()].values, crs=p_crs)
        else:
            notices.append(Notice("ws_no_landuse",
                                  "Layer {layer} has neither ECO_TYPE nor DLBM: land use is not known.",
                                  {"layer": parcels_layer}))
        stats = erosion_statistics(wg, w_crs, erosion_path, ne, tolerance)
        for c in ("ERO_G2", "ERO_G3", "ERO_G4", "ERO_G5", "ERO_G6", "ERO_KM2", "ERO_NODATA", "SWC_RATE"):
            out[c] = stats[c].to_numpy()
        gaps = stats["_NODATA_PCT"] > 1.0
        if gaps.any():
            listing = [f"{i} ({p:.1f} %)" for i, p in zip(out["WS_ID"][gaps], stats["_NODATA_PCT"][gaps])]
            notices.append(Notice("ws_erosion_gaps",
                                  "No erosion data on part of watersheds {ids}; the soil-and-water-conservation "
                                  "rate covers the assessed part only.", {"ids": short_list(listing)}))
    else:
        notices.append(Notice("ws_no_erosion",
                              "No erosion raster: eroded areas and the soil-and-water-conservation rate are not "
                              "computed.", {}))
    mon.report(0.7, "coverage fractions")
    out["VEG_MEAN"] = cover_statistics(wg, w_crs, cover_path) if cover_path else np.nan
    if eco is not None:
        fg = eco.isin(FOREST_GRASS).to_numpy()[alloc["parcel"]]
        fg_m2 = np.bincount(alloc["ws"], weights=alloc["inter_m2"] * fg, minlength=n_ws)
        with np.errstate(invalid="ignore", divide="ignore"):
            out["FG_RATE"] = np.where(acc > 0, 100.0 * fg_m2 / np.where(acc > 0, acc, 1), np.nan)
    else:
        out["FG_RATE"] = np.nan

    # Allocation checks
    total_share = np.bincount(alloc["parcel"], weights=alloc["share"], minlength=len(parcels))
    v_total = pd.to_numeric(parcels[find_field(parcels.columns, "V_TOTAL")], errors="coerce").fillna(0).to_numpy()
    outside = total_share < 1.0 - 1e-6
    if outside.any():
        lost = float((v_total * (1.0 - np.minimum(total_share, 1.0)))[outside].sum())
        whole = float(v_total.sum())
        notices.append(Notice("ws_unallocated",
                              "{n} parcels lie wholly or partly outside every watershed: {value:,.0f} 元/a "
                              "({pct:.2f} %) of the parcel total is not allocated.",
                              {"n": int(outside.sum()), "value": lost,
                               "pct": 100.0 * lost / whole if whole else 0.0}))
    overlap = total_share > 1.0 + 1e-6
    if overlap.any():
        notices.append(Notice("ws_overlap",
                              "{n} parcels are counted in more than one watershed (the watersheds overlap).",
                              {"n": int(overlap.sum())}))

    keep = watersheds.drop(columns=[c for c in watersheds.columns
                                    if c != watersheds.geometry.name and str(c).upper() in field_defs()])
    keep = keep.reset_index(drop=True)
    table = pd.concat([out, keep.drop(columns=[keep.geometry.name])], axis=1)
    table = gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(keep.geometry.values, crs=w_crs))
    alloc = alloc.assign(WS_ID=out["WS_ID"].to_numpy()[alloc["ws"]])
    mon.report(1.0, "done")
    return WatershedResult(table, alloc, notices)
