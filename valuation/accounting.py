"""Parcels + factor grids + parameters → per-parcel drivers, quantities and values.

Every raster is read once onto one working grid (the LS/DEM grid when given, else the finest
factor grid, in a projected CRS); per-cell products (R·K·LS, R·K·LS·B, R·K·LS·CP …) are summed
over each parcel with exact partial-cell weights; parcel means are never multiplied. Pricing
then works on the per-parcel quantities only (``valuing``), so re-pricing never re-reads rasters.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Optional

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import CRS

from . import __version__, blockwise, csle, geodesy, rasters, terrain, valuing
from .errors import Notice, ValuationError, short_list
from .parameters import ParameterSet
from .parcels import classify_codes, find_field, polygonal, require_crs
from .progress import Monitor

#: Raster inputs: key → (description, categorical).
RASTER_INPUTS = {
    "R_FACTOR": "rainfall erosivity R (MJ·mm/(hm²·h·a))",
    "K_FACTOR": "soil erodibility K (SI, t·hm²·h/(hm²·MJ·mm))",
    "DEM": "elevation (m)",
    "LS_FACTOR": "slope length and steepness LS (-)",
    "CP_FACTOR": "C·P, replacing B·E·T (-)",
    "VEG_COVER": "fractional vegetation cover (0-1)",
    "NPP": "net primary productivity",
    "PRECIP": "annual precipitation (mm)",
    "ET": "annual evapotranspiration (mm)",
    "STORM_PRECIP": "annual storm-day rainfall (mm)",
    "BASELINE_CP_FACTOR": "baseline C·P (-)",
    "BASELINE_VEG_COVER": "baseline fractional vegetation cover (0-1)",
}
NPP_UNITS = ("gC", "gDM")
#: Valid share of a parcel below which a raster is said not to cover it.
COVER_TOLERANCE = 0.999


@dataclass
class FactorInputs:
    """Paths of the raster inputs (None when not given) and how to read them."""

    paths: dict[str, Optional[str]] = field(default_factory=dict)
    npp_units: str = "gC"

    def get(self, key: str) -> Optional[str]:
        p = self.paths.get(key)
        return str(p) if p else None


@dataclass
class AccountingResult:
    parcels: gpd.GeoDataFrame
    summary: pd.DataFrame
    provenance: pd.DataFrame
    notices: list[Notice]
    drivers: pd.DataFrame
    grid: rasters.Grid
    grid_description: str
    layers: dict[str, np.ndarray] = field(default_factory=dict)


# ----- parcels -------------------------------------------------------------------------------------------
def prepare_parcels(parcels: gpd.GeoDataFrame, landuse_field: str, layer: str,
                    keep_unknown: bool = False) -> gpd.GeoDataFrame:
    """PARCEL_ID, DLBM, ECO_TYPE, AREA_M2, NET_AREA_M2, GDLX, SCOPE_ID on every parcel (input kept)."""
    if len(parcels) == 0:
        raise ValuationError("empty_layer", "Layer {layer} has no features (or none selected).", layer=layer)
    crs = require_crs(parcels, layer)
    lu = find_field(parcels.columns, landuse_field)
    if lu is None:
        raise ValuationError("missing_field", "Layer {layer} has no field {field}.", layer=layer, field=landuse_field)
    out = parcels.copy()
    pid = find_field(out.columns, "PARCEL_ID")
    ids = out[pid].astype(str) if pid else pd.Series([f"P{i}" for i in out.index], index=out.index)
    if not ids.is_unique:
        dup = ids[ids.duplicated()].unique().tolist()
        raise ValuationError("duplicate_parcel_id", "PARCEL_ID values occur more than once in layer {layer}: {ids}.",
                             layer=layer, ids=short_list(dup))
    out["PARCEL_ID"] = ids.to_numpy()
    codes, eco = classify_codes(out[lu].to_numpy(), out["PARCEL_ID"].to_numpy(), keep_unknown)
    out["ECO_TYPE"] = eco
    out["DLBM_N"] = codes
    geoms, _ = polygonal(np.asarray(out.geometry.values, dtype=object))
    out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=crs))
    if "AREA_M2" not in out.columns:
        out["AREA_M2"] = geodesy.ellipsoidal_areas(geoms, crs, local=True)  # as the split measures them
    net = find_field(out.columns, "TBDLMJ")
    net_vals = pd.to_numeric(out[net], errors="coerce") if net else pd.Series(np.nan, index=out.index)
    out["NET_AREA_M2"] = net_vals.where(net_vals.notna(), out["AREA_M2"]).to_numpy()
    gdlx = find_field(out.columns, "GDLX")
    out["GDLX_N"] = out[gdlx].fillna("").astype(str).str.strip().str.upper() if gdlx else ""
    if "SCOPE_ID" not in out.columns:
        out["SCOPE_ID"] = ""
    return out


# ----- grids ---------------------------------------------------------------------------------------------
def _grid_and_ls(inputs: FactorInputs, parcels: gpd.GeoDataFrame, params: ParameterSet,
                 monitor: Monitor) -> tuple[rasters.Grid, str, Optional[np.ndarray], dict[str, np.ndarray]]:
    """The working grid and, when LS comes from a DEM, LS on it (computed over the whole DEM)."""
    crs = CRS.from_user_input(parcels.crs)
    bounds = tuple(parcels.total_bounds)
    ls_path, dem_path = inputs.get("LS_FACTOR"), inputs.get("DEM")
    others = [inputs.get(k) for k in RASTER_INPUTS if k not in ("LS_FACTOR", "DEM") and inputs.get(k)]
    if ls_path or not dem_path:
        if not ls_path and not dem_path:
            raise ValuationError("no_ls_source", "Soil conservation needs LS_FACTOR or a DEM.")
        grid, desc = rasters.choose_working_grid(ls_path, None, others, crs, bounds)
        return grid, desc, None, {}
    # LS from the DEM: on the DEM's whole extent, so slope lengths are not cut at the parcels' edge.
    dem_grid = rasters.Grid.from_raster(dem_path)
    dem_bounds = rasters._transform_bounds(dem_grid.bounds, dem_grid.pyproj_crs, crs) \
        if not rasters.same_crs(dem_grid.crs, crs) else dem_grid.bounds
    full, desc = rasters.choose_working_grid(None, dem_path, [], crs, dem_bounds, margin_cells=0)
    dem = rasters.read_on_grid(dem_path, full)
    monitor.report(0.05, "slope length")
    ls, details = terrain.ls_factor(np.ma.filled(dem, np.nan), full.res,
                                    cap_m=params.value("ls_lambda_cap"),
                                    channel_area_m2=params.value("ls_channel_area"), monitor=monitor.sub(0.05, 0.3))
    if not rasters.same_crs(full.crs, crs):  # geographic parcels: the grid is in their projected zone
        bounds = rasters._transform_bounds(bounds, crs, full.pyproj_crs)
    margin = 2 * full.res[0]
    window = full.window_for((bounds[0] - margin, bounds[1] - margin, bounds[2] + margin, bounds[3] + margin))
    r0, c0 = window.offset_in(full)
    crop = (slice(r0, r0 + window.height), slice(c0, c0 + window.width))
    layers = {k: np.asarray(details[k])[crop] for k in ("slope_deg", "L", "S") if k in details}
    desc = (f"{desc}; LS derived from the DEM over its whole extent (CSLE: Foster segmented L, McCool/Liu S, D8 flow), "
            f"then a {window.width}×{window.height}-cell window over the parcels")
    return window, desc, np.asarray(ls)[crop], layers


def b_factor(cover: np.ma.MaskedArray, params: ParameterSet) -> np.ma.MaskedArray:
    """B per cell from fractional cover by 蔡崇法's relation, constants from the parameter table."""
    b = csle.b_from_cover(cover.filled(np.nan), params.value("b_cover_a"), params.value("b_cover_b"),
                          params.value("b_cover_full"))
    return np.ma.masked_invalid(b)


def _read(inputs: FactorInputs, key: str, grid: rasters.Grid) -> Optional[np.ma.MaskedArray]:
    path = inputs.get(key)
    return rasters.read_on_grid(path, grid) if path else None


# ----- drivers -------------------------------------------------------------------------------------------
#: Working grids up to this many cells also return LS, RKLS and B as whole arrays (``layers``, for inspection).
LAYER_MAX_CELLS = 4_000_000


def _soil_chain(sources: dict[str, Any], r_const: Optional[float], k_const: Optional[float],
                keep_layers: bool) -> Optional[blockwise.Chain]:
    """The drivers' products as a chain (:class:`blockwise.Chain`) when they are only R·K·LS and its products
    with C·P (and the baseline C·P), from rasters: then summed in one sweep of each block by the C kernels."""
    plain = {"R_FACTOR", "K_FACTOR", "LS_FACTOR", "CP_FACTOR"}
    if keep_layers or r_const is not None or k_const is not None or not plain <= set(sources) \
            or not set(sources) <= plain | {"BASELINE_CP_FACTOR"}:
        return None
    extras = (("RKLSCP", "CP_FACTOR"),) + ((("RKLSCP_BASE", "BASELINE_CP_FACTOR"),)
                                           if "BASELINE_CP_FACTOR" in sources else ())
    return blockwise.Chain("RKLS", ("R_FACTOR", "K_FACTOR", "LS_FACTOR"), extras)


def compute_drivers(parcels: gpd.GeoDataFrame, inputs: FactorInputs, params: ParameterSet,
                    covered_only: bool = False, layer: str = "PARCELS",
                    monitor: Optional[Monitor] = None, block_rows: Optional[int] = None,
                    ) -> tuple[pd.DataFrame, list[Notice], rasters.Grid, str, dict[str, np.ndarray]]:
    """Per-parcel driver table (see ``valuing``) from the rasters; ``parcels`` from :func:`prepare_parcels`.

    Block-wise (:func:`blockwise.zonal_totals`): the working grid is read in blocks of whole rows
    (``block_rows``; default about 4 million cells), each parcel's exact coverage of a block is computed once
    and reused for every raster, and per-cell products are summed per parcel block by block, so memory does
    not grow with the rasters. Only LS derived from a DEM is computed on the whole grid (slope lengths need
    it; meant for watershed-sized runs). ``layers`` holds LS, RKLS and B on the working grid only when it
    has at most :data:`LAYER_MAX_CELLS` cells.
    """
    mon = monitor or Monitor()
    notices: list[Notice] = []
    grid, desc, ls, layers = _grid_and_ls(inputs, parcels, params, mon)
    mon.check()
    geoms = parcels.to_crs(grid.pyproj_crs).geometry.values if not rasters.same_crs(parcels.crs, grid.crs) \
        else parcels.geometry.values
    geoms = blockwise.prepare_geometries(geoms)
    ids = parcels["PARCEL_ID"].to_numpy()
    hectares = grid.cell_area / 10000.0
    keys = [k for k in RASTER_INPUTS if k != "DEM" and inputs.get(k)]
    r_const = None if inputs.get("R_FACTOR") else params.value("r_constant")
    k_const = None if inputs.get("K_FACTOR") else params.value("k_constant")
    keep_layers = grid.size <= LAYER_MAX_CELLS
    if keep_layers:
        for name in ("LS", "RKLS") + (("B",) if "VEG_COVER" in keys else ()):
            layers[name] = np.full(grid.shape, np.nan)

    def b_or_none(cover: np.ndarray) -> Optional[np.ndarray]:
        """B of a block; None when the block holds percent cover (the error is raised after the loop)."""
        try:
            return b_factor(np.ma.masked_invalid(cover), params).filled(np.nan)
        except ValuationError as err:
            if err.code != "cover_not_fraction":
                raise
            return None

    def products(r0: int, r1: int, x: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        r = x["R_FACTOR"] if r_const is None else r_const
        k = x["K_FACTOR"] if k_const is None else k_const
        ls_b = x["LS_FACTOR"] if "LS_FACTOR" in x else x["DEM"]
        rkls = r * k  # t/(hm²·a) per cell: R·K·LS, in this order
        rkls *= ls_b
        out = {"RKLS": rkls}
        if "VEG_COVER" in x:
            out["VEG_COVER"] = x["VEG_COVER"]
            b = b_or_none(x["VEG_COVER"])
            if b is not None:
                out["RKLSB"] = rkls * b
                if keep_layers:
                    layers["B"][r0:r1] = b
        for key, name in (("CP_FACTOR", "RKLSCP"), ("BASELINE_CP_FACTOR", "RKLSCP_BASE")):
            if key in x:
                out[name] = rkls * x[key]
        if "BASELINE_VEG_COVER" in x:
            b0 = b_or_none(x["BASELINE_VEG_COVER"])
            if b0 is not None:
                out["RKLSB_BASE"] = rkls * b0
        for key in ("PRECIP", "ET", "STORM_PRECIP", "NPP"):
            if key in x:
                out[key] = x[key]
        if keep_layers:
            layers["LS"][r0:r1] = np.where(np.isfinite(ls_b), ls_b, np.nan)
            layers["RKLS"][r0:r1] = np.where(np.isfinite(rkls), rkls, np.nan)
        return out

    mon.report(0.32, "coverage fractions")
    totals: Optional[blockwise.ZonalTotals] = None
    readers: list[blockwise.BlockReader] = []
    try:
        sources: dict[str, blockwise.BlockSource] = {}
        for key in keys:
            reader = blockwise.BlockReader(str(inputs.get(key)), grid)
            readers.append(reader)
            sources[key] = lambda r0, r1, sub, rd=reader: rd.read(sub)
        if ls is not None:
            ls_grid = np.asarray(ls, dtype=np.float64)
            sources["DEM"] = lambda r0, r1, sub: ls_grid[r0:r1]
        tiles = [t for t in (reader.tiles() for reader in readers) if t is not None]
        totals = blockwise.zonal_totals(geoms, grid, sources, products, mon.sub(0.32, 0.97), block_rows,
                                        means=("R_FACTOR", "K_FACTOR"), maxima=("VEG_COVER", "BASELINE_VEG_COVER"),
                                        tiles=tiles[0] if tiles else None,
                                        chain=_soil_chain(sources, r_const, k_const, keep_layers))
    finally:
        for reader in readers:
            reader.close()
    outside = blockwise.outside_fraction(geoms, totals.weight, grid.cell_area)

    def check_cover(name: str, key: Optional[str] = None) -> np.ndarray:
        """The share of each parcel with valid cells of raster ``key``; error (or notice) below tolerance."""
        valid = totals.valid_share(key or name)
        share = valid * (1.0 - np.nan_to_num(outside))
        share[np.isnan(valid) & (outside >= 1.0)] = 0.0  # wholly off the grid (beyond the DEM): NaN → 0
        bad = share < COVER_TOLERANCE
        if not bad.any():
            return share
        listing = [f"{p} ({100 * s:.1f} %)" for p, s in zip(ids[bad], share[bad])]
        if not covered_only:
            raise ValuationError("raster_not_covering",
                                 "Raster {raster} does not cover parcels {parcels} (valid share in brackets). "
                                 "Extend the raster or choose to value the covered part only.",
                                 raster=name, parcels=short_list(listing))
        notices.append(Notice("raster_partial", "Raster {raster}: only part of parcels {parcels} has data; "
                              "the covered part is valued.", {"raster": name, "parcels": short_list(listing)}))
        return share

    def factor(key: str, value: Optional[float]) -> np.ndarray:
        """The grid-wide finite values' mean as a one-cell array (for the unit checks), or the constant."""
        if value is not None:
            notices.append(Notice("factor_constant", "{factor} taken as the constant {value} from the parameter table.",
                                  {"factor": key, "value": value}))
            return np.array([value])
        check_cover(key)
        return np.array([totals.grid_mean(key)])

    def check_percent_cover(key: str) -> None:
        """Raise the percent-cover error of :func:`csle.b_from_cover` with the grid's largest cover."""
        if totals.finite_max[key] > 1.5:
            b_factor(np.ma.masked_array([totals.finite_max[key]]), params)

    # the raster the working grid comes from first: a parcel beyond it is beyond every raster read on the grid
    check_cover("LS_FACTOR" if ls is None else "DEM")
    r = factor("R_FACTOR", r_const)
    k = factor("K_FACTOR", k_const)
    notices += csle.check_k_units(k) + csle.check_r_units(r, params.value("r_constant"))
    mon.check()

    d = pd.DataFrame(index=pd.Index(ids, name="PARCEL_ID"))
    d["ECO_TYPE"] = parcels["ECO_TYPE"].to_numpy()
    d["DLBM"] = parcels["DLBM_N"].to_numpy()
    d["SCOPE_ID"] = parcels["SCOPE_ID"].fillna("").astype(str).to_numpy()
    d["AREA_M2"] = parcels["AREA_M2"].to_numpy(dtype=float)
    d["NET_AREA_M2"] = parcels["NET_AREA_M2"].to_numpy(dtype=float)
    d["GDLX"] = parcels["GDLX_N"].to_numpy()
    d["RKLS_T"] = totals.sums["RKLS"] * hectares

    if "VEG_COVER" in keys:
        check_cover("VEG_COVER")
        check_percent_cover("VEG_COVER")
        d["RKLSB_T"] = totals.sums["RKLSB"] * hectares
        d["VEG_COVER"] = totals.mean("VEG_COVER")
    else:
        b_table = params.table("b_factor") if params.keys("b_factor.") else {}
        b_eco = d["ECO_TYPE"].map(b_table).astype(float)
        d["RKLSB_T"] = d["RKLS_T"] * b_eco
        d["VEG_COVER"] = np.nan
        notices.append(Notice("b_from_table", "No VEG_COVER raster: B taken from the land-use table (b_factor.*).", {}))
    for key, name, col in (("CP_FACTOR", "RKLSCP", "RKLSCP_T"), ("BASELINE_CP_FACTOR", "RKLSCP_BASE", "RKLSCP_BASE_T")):
        if key in keys:
            check_cover(key)
            d[col] = totals.sums[name] * hectares
        else:
            d[col] = np.nan
    if "BASELINE_VEG_COVER" in keys:
        check_cover("BASELINE_VEG_COVER")
        check_percent_cover("BASELINE_VEG_COVER")
        d["RKLSB_BASE_T"] = totals.sums["RKLSB_BASE"] * hectares
    else:
        d["RKLSB_BASE_T"] = np.nan
    npp_scale = 1.0 if inputs.npp_units == "gC" else params.value("c_to_dry_matter")
    for key, col, scale in (("PRECIP", "P_MM", 1.0), ("ET", "ET_MM", 1.0), ("STORM_PRECIP", "STORM_MM", 1.0),
                            ("NPP", "NPP_GC_M2", npp_scale)):
        if key not in keys:
            d[col] = np.nan
            continue
        share = check_cover(key)
        # Means of the valid cells; with COVERED_ONLY scaled by the valid share, so the whole-parcel
        # formulas (mean × area) value the covered part only, as the soil sums do.
        d[col] = totals.mean(key) * scale * (np.minimum(share, 1.0) if covered_only else 1.0)
    mon.report(1.0, "reading factors")
    return d, notices, grid, desc, layers


# ----- summary and provenance ----------------------------------------------------------------------------
SUMMARY_VALUES = ("V_MAT", "V_REG", "V_CUL", "V_TOTAL", "V_TOT_LO", "V_TOT_HI", "DV_TOTAL")


def summarise(table: gpd.GeoDataFrame, landuse_col: str) -> pd.DataFrame:
    """Values by land-use code, by village and by class (a long table)."""
    rows: list[dict[str, Any]] = []
    name_col = find_field(table.columns, "DLMC")
    village = find_field(table.columns, "ZLDWMC") or find_field(table.columns, "QSDWMC")
    groupings = [("landuse", [landuse_col] + ([name_col] if name_col else []))]
    if village:
        groupings.append(("village", [village]))
    groupings.append(("lot", ["SCOPE_ID"]))
    for group, cols in groupings:
        g = table.groupby(cols, dropna=False)
        agg = g[["AREA_M2", *SUMMARY_VALUES]].sum()
        counts = g.size()
        for key, row in agg.iterrows():
            key_t = key if isinstance(key, tuple) else (key,)
            rows.append({"GROUP_BY": group, "KEY": str(key_t[0]), "NAME": str(key_t[1]) if len(key_t) > 1 else "",
                         "PARCELS": int(counts[key]), "AREA_M2": float(row["AREA_M2"]),
                         "AREA_MU": float(row["AREA_M2"]) * 15 / 10000,
                         **{v: float(row[v]) for v in SUMMARY_VALUES}})
    total = {v: float(table[v].sum()) for v in SUMMARY_VALUES}
    area = float(table["AREA_M2"].sum())
    for cls, col, zh in (("material", "V_MAT", "物质供给"), ("regulating", "V_REG", "调节服务"),
                         ("cultural", "V_CUL", "文化服务")):
        rows.append({"GROUP_BY": "class", "KEY": cls, "NAME": zh, "PARCELS": len(table), "AREA_M2": area,
                     "AREA_MU": area * 15 / 10000, **{v: (total[v] if v == col else 0.0) for v in SUMMARY_VALUES}})
    rows.append({"GROUP_BY": "total", "KEY": "total", "NAME": "合计", "PARCELS": len(table), "AREA_M2": area,
                 "AREA_MU": area * 15 / 10000, **total})
    return pd.DataFrame(rows)


def provenance_table(valuation: valuing.Valuation, meta: dict[str, Any], used: set[str]) -> pd.DataFrame:
    """Parameter rows used (value, unit, price year, source, evidence) plus run facts as KEY/VALUE rows.

    ``used`` adds the keys read while computing the drivers (R/K constants, LS rules, B table …),
    taken from the same CPI re-based set as the prices."""
    prov = valuation.params.as_provenance_rows()
    prov = prov[prov["key"].isin(used)].reset_index(drop=True)
    prov.insert(0, "kind", "parameter")
    meta_rows = pd.DataFrame([{"kind": "run", "key": k, "value": None, "text": str(v)} for k, v in meta.items()])
    prov["text"] = ""
    return pd.concat([meta_rows, prov], ignore_index=True)


# ----- the whole accounting ------------------------------------------------------------------------------
def account(parcels: gpd.GeoDataFrame, inputs: FactorInputs, params: ParameterSet,
            visitors: Optional[pd.DataFrame] = None, landuse_field: str = "DLBM",
            price_year: Optional[int] = None, covered_only: bool = False, keep_unknown: bool = False,
            layer: str = "PARCELS", monitor: Optional[Monitor] = None) -> AccountingResult:
    """Account every parcel: quantities, values (central, low, high), the SWC increment, V_PER_MU."""
    mon = monitor or Monitor()
    if inputs.npp_units not in NPP_UNITS:
        raise ValueError(inputs.npp_units)
    prepared = prepare_parcels(parcels, landuse_field, layer, keep_unknown)
    drivers, notices, grid, desc, layers = compute_drivers(prepared, inputs, params, covered_only, layer,
                                                           mon.sub(0.0, 0.85))
    mon.report(0.87, "pricing")
    val = valuing.evaluate(drivers, params, visitors, price_year=price_year, monitor=mon)
    mon.report(0.92, "pricing")
    inc = valuing.compute_increment(drivers, params, visitors, price_year=price_year, current=val, monitor=mon)
    mon.report(0.96, "pricing")
    table = val.table.drop(columns=[c for c in valuing.CARRY if c in val.table.columns])
    table["DV_TOTAL"] = inc["DV_TOTAL"]
    table["V_TOT_BASE"] = inc["V_TOT_BASE"]
    table["DQ_SOIL"] = inc["DQ_SOIL"]
    out = prepared.drop(columns=["DLBM_N", "NET_AREA_M2", "GDLX_N"]).set_index("PARCEL_ID", drop=False)
    out = out.drop(columns=[c for c in table.columns if c in out.columns])
    out = out.join(table)
    area_mu = out["AREA_M2"] * 15.0 / 10000.0
    out["V_PER_MU"] = np.where(area_mu > 0, out["V_TOTAL"] / area_mu, 0.0)
    out = gpd.GeoDataFrame(out.reset_index(drop=True), geometry=prepared.geometry.name, crs=prepared.crs)
    meta = {
        "software": f"SWC EcoValue {__version__}",
        "created": _dt.datetime.now().isoformat(timespec="seconds"),
        "parameter_set": val.params.id, "parameter_version": val.params.version,
        "parameter_hash": val.parameter_hash, "price_year": val.params.price_year_target,
        "working_grid": desc,
        "resampling": "continuous factors bilinear (area-average when the source is >2× finer); "
                      "categorical nearest",
        "baseline_rule": ("BASELINE_CP_FACTOR / BASELINE_VEG_COVER rasters" if
                          inputs.get("BASELINE_CP_FACTOR") or inputs.get("BASELINE_VEG_COVER") else
                          "terraces back to sloping land: E = 1 (e_factor_baseline)"),
        "npp_units": "g C/m²/a" if inputs.npp_units == "gC" else "g dry matter/m²/a (converted to C)",
        **{f"input_{k}": v for k, v in inputs.paths.items() if v},
    }
    used = set(val.params.used_keys) | set(params.used_keys)
    prov = provenance_table(val, meta, used)
    summary = summarise(out, find_field(out.columns, landuse_field) or landuse_field)
    mon.report(1.0, "done")
    return AccountingResult(out, summary, prov, notices + val.notices, drivers, grid, desc, layers)
