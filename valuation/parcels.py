"""Split trading-scope lots (拟交易范围) by land-use parcels (三调 DLTB 地类图斑).

Each output piece is lot ∩ parcel: one feature per (lot, source parcel) pair, multipart when
the intersection is disjoint, in the parcels' CRS, carrying the parcel's fields, exact
ellipsoidal areas and the share of the source parcel used to pro-rate TBDLMJ and KCMJ.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from . import geodesy, landuse
from .errors import Notice, ValuationError, short_list
from .fields import PRORATED_FIELDS, SPLIT_FIELDS
from .progress import Monitor

#: Output names the engine owns; a source field with one of these names is carried as SRC_<name>.
RESERVED = {f.name for f in SPLIT_FIELDS}
#: Overlap between lots above this area (m²) is an error.
OVERLAP_TOLERANCE_M2 = 0.01
#: Uncovered share of a lot above which the run warns about a possible offset basemap.
UNCOVERED_WARN_PCT = 1.0


@dataclass
class SplitResult:
    """The parcel pieces plus what the run reported."""

    parcels: gpd.GeoDataFrame
    notices: list[Notice] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def find_field(columns: Any, name: str) -> Optional[str]:
    """The column matching ``name`` case-insensitively, or None."""
    wanted = name.strip().lower()
    for c in columns:
        if str(c).lower() == wanted:
            return str(c)
    return None


def require_crs(gdf: gpd.GeoDataFrame, layer: str) -> CRS:
    """The layer's CRS, or an error suggesting the likely CGCS2000 zone from its coordinates."""
    if gdf.crs is not None:
        return CRS.from_user_input(gdf.crs)
    geoms = gdf.geometry[~gdf.geometry.isna()]
    if len(geoms) == 0:
        raise ValuationError("no_crs", "Layer {layer} has no CRS.", layer=layer)
    x, y = shapely.get_coordinates(geoms.iloc[0])[0]
    code = geodesy.suggest_cgcs2000_crs(float(x), float(y))
    if code is not None:
        hint = f"EPSG:{code}"
    elif 3e5 <= x <= 7e5:
        hint = "EPSG:" + " / EPSG:".join(str(c) for c in geodesy.CHONGQING_ZONES) + " (CM 105/108/111°E)"
    else:
        hint = "?"
    raise ValuationError(
        "no_crs_hint",
        "Layer {layer} has no CRS. Its coordinates ({x:.0f}, {y:.0f}) suggest {hint}; "
        "set the layer's CRS and run again.",
        layer=layer, x=float(x), y=float(y), hint=hint,
    )


def in_halves(fn: Callable[..., np.ndarray], *arrays: np.ndarray) -> np.ndarray:
    """``fn(*arrays)`` computed on two halves in two threads (shapely's GEOS calls release the GIL); only for
    functions that touch each geometry alone (no shared prepared geometry)."""
    n = len(arrays[0])
    if n < 20000:
        return fn(*arrays)
    h = n // 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(fn, *(a[:h] for a in arrays))
        second = fn(*(a[h:] for a in arrays))
        return np.concatenate([first.result(), second])


def repair(geoms: gpd.GeoSeries, multi: bool = True) -> tuple[np.ndarray, int, int]:
    """Make geometries valid and polygonal (see :func:`polygonal` for ``multi``); return (geoms, repaired
    count, non-polygon parts dropped)."""
    arr = np.asarray(geoms.values, dtype=object)
    invalid = ~in_halves(shapely.is_valid, arr) & ~shapely.is_missing(arr)
    repaired = int(invalid.sum())
    if repaired:
        arr = arr.copy()
        arr[invalid] = shapely.make_valid(arr[invalid])
    out, dropped = polygonal(arr, multi)
    return out, repaired, dropped


def polygonal(arr: np.ndarray, multi: bool = True) -> tuple[np.ndarray, int]:
    """Keep only the polygon parts of each geometry, as a MultiPolygon (a Polygon stays one unless ``multi``);
    count dropped parts."""
    arr = np.asarray(arr, dtype=object)
    out = np.empty(len(arr), dtype=object)
    if not len(arr):
        return out, 0
    types = shapely.get_type_id(arr)
    live = (types >= 0) & ~shapely.is_empty(arr)
    single = np.flatnonzero(live & (types == 3))  # Polygon → MultiPolygon of itself
    if not multi:
        out[single] = arr[single]
    elif single.size:
        out[single] = shapely.multipolygons(arr[single], indices=np.arange(single.size))
    multis = live & (types == 6)
    out[multis] = arr[multis]
    dropped = 0
    for i in np.flatnonzero(live & ~np.isin(types, (3, 6))):
        polys: list[Any] = []
        for p in shapely.get_parts(arr[i]):
            pt = shapely.get_type_id(p)
            if pt == 3:
                polys.append(p)
            elif pt == 6:
                polys.extend(shapely.get_parts(p))
            elif pt == 7:
                sub, d = polygonal(np.array([p], dtype=object))
                dropped += d
                if sub[0] is not None:
                    polys.extend(shapely.get_parts(sub[0]))
            else:
                dropped += 1
        out[i] = shapely.MultiPolygon(polys) if polys else None
    return out, dropped


def classify_codes(values: Any, index: Any, keep_unknown: bool = False,
                   table: Optional[pd.DataFrame] = None) -> tuple[np.ndarray, np.ndarray]:
    """Normalised land-use codes and eco types of ``values`` (:func:`landuse.normalise_code`,
    :func:`landuse.classify`), each distinct value classified once; ``index`` names the parcels in errors."""
    values = np.asarray(values, dtype=object)
    codes_of, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    normalised = np.array([landuse.normalise_code(v) for v in uniques], dtype=object)
    distinct = pd.unique(normalised)
    try:
        eco_of = landuse.classify(pd.Series(distinct, index=distinct), keep_unknown=keep_unknown, table=table)
    except ValuationError:  # the same error as classifying every parcel, naming the parcels
        landuse.classify(pd.Series(normalised[codes_of], index=index), keep_unknown=keep_unknown, table=table)
        raise
    eco = eco_of.reindex(normalised).to_numpy(dtype=object)
    return normalised[codes_of], eco[codes_of]


def area_m2(geoms: np.ndarray, crs: CRS, monitor: Optional[Monitor] = None,
            exact: Optional[np.ndarray] = None) -> np.ndarray:
    """Ellipsoidal areas (m², :func:`geodesy.ellipsoidal_areas` with ``local``; ``exact``: always with Geod), in
    chunks of 50 000 geometries shared by two threads, between which ``monitor`` may cancel."""
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) <= 50000:
        return geodesy.ellipsoidal_areas(geoms, crs, exact, local=True)

    def chunk(start: int) -> np.ndarray:
        sl = slice(start, start + 50000)
        return geodesy.ellipsoidal_areas(geoms[sl], crs, None if exact is None else exact[sl], local=True)

    return np.concatenate(in_threads(chunk, range(0, len(geoms), 50000), monitor))


def in_threads(fn: Callable[[Any], Any], items: Any, monitor: Optional[Monitor] = None,
               done: Optional[Callable[[int], None]] = None) -> list[Any]:
    """``[fn(item) for item in items]`` in two threads (for work that releases the GIL: shapely, PROJ), in
    order. In the calling thread, after each result: ``done(number of results so far)``, and ``monitor``
    may cancel (the running items finish, the others are dropped)."""
    items = list(items)
    out: list[Any] = []
    if len(items) < 2:
        for item in items:
            if monitor is not None:
                monitor.check()
            out.append(fn(item))
            if done is not None:
                done(len(out))
        return out
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(fn, item) for item in items]
        try:
            for f in futures:
                if monitor is not None:
                    monitor.check()
                out.append(f.result())
                if done is not None:
                    done(len(out))
            return out
        finally:
            for f in futures:
                f.cancel()


def _alternating(fn: Callable[[int], Any], count: int, monitor: Optional[Monitor] = None) -> list[Any]:
    """``[fn(k) for k in range(count)]`` with the even ``k`` in this thread and the odd in another (so ``fn``
    may use per-thread data indexed by ``k % 2``); ``monitor`` may cancel between items (the other thread stops
    after its current item)."""
    out: list[Any] = [None] * count
    stop = threading.Event()

    def odd() -> None:
        for k in range(1, count, 2):
            if stop.is_set():
                return
            out[k] = fn(k)

    with ThreadPoolExecutor(max_workers=1) as pool:
        other = pool.submit(odd)
        try:
            for k in range(0, count, 2):
                if monitor is not None:
                    monitor.check()
                out[k] = fn(k)
            other.result()
        finally:
            stop.set()
    return out


def split_parcels(
    scope: gpd.GeoDataFrame,
    parcels: gpd.GeoDataFrame,
    scope_id_field: Optional[str] = None,
    landuse_field: str = "DLBM",
    min_area: float = 1.0,
    keep_unknown: bool = False,
    scope_layer: str = "SCOPE",
    parcels_layer: str = "PARCELS",
    code_table: Optional[pd.DataFrame] = None,
    monitor: Optional[Monitor] = None,
) -> SplitResult:
    """Cut each lot of ``scope`` by ``parcels``.

    The GeoDataFrames' indexes are the source feature ids. ``min_area`` (m²) drops slivers.
    Raises :class:`ValuationError` on bad input; repairs and data-quality figures are notices.
    """
    mon = monitor or Monitor()
    notices: list[Notice] = []
    stats: dict[str, Any] = {}

    if len(scope) == 0:
        raise ValuationError("empty_layer", "Layer {layer} has no features (or none selected).", layer=scope_layer)
    if len(parcels) == 0:
        raise ValuationError("empty_layer", "Layer {layer} has no features (or none selected).",
                             layer=parcels_layer)
    pcrs = require_crs(parcels, parcels_layer)
    scrs = require_crs(scope, scope_layer)
    lu_col = find_field(parcels.columns, landuse_field)
    if lu_col is None:
        raise ValuationError("missing_field", "Layer {layer} has no field {field}.",
                             layer=parcels_layer, field=landuse_field)

    # Lot ids and names.
    if scope_id_field:
        sid_col = find_field(scope.columns, scope_id_field)
        if sid_col is None:
            raise ValuationError("missing_field", "Layer {layer} has no field {field}.",
                                 layer=scope_layer, field=scope_id_field)
        sids = [str(v).strip() if v is not None and not pd.isna(v) else "" for v in scope[sid_col]]
        blank = [str(fid) for fid, s in zip(scope.index, sids) if not s]
        if blank:
            raise ValuationError("blank_scope_id", "Lots {fids} of layer {layer} have no {field}.",
                                 fids=short_list(blank), layer=scope_layer, field=sid_col)
    else:
        sids = [f"S{fid}" for fid in scope.index]
    dup = sorted({s for s in sids if sids.count(s) > 1})
    if dup:
        raise ValuationError("duplicate_scope_id", "Lot ids {ids} occur more than once in layer {layer}.",
                             ids=short_list(dup), layer=scope_layer)
    name_col = find_field(scope.columns, "SCOPE_NAME")
    prod_col = find_field(scope.columns, "PRODUCT")

    def text(col: Optional[str]) -> list[str]:
        if col is None:
            return [""] * len(scope)
        return ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in scope[col]]

    names, products = text(name_col), text(prod_col)

    # Geometries: repair, reproject the scope to the parcels' CRS.
    mon.report(0.02, "checking geometries")
    sgeom, s_rep, s_drop = repair(scope.geometry)
    # the parcels' Polygons stay Polygons (their pieces are written as MultiPolygons, see qgis_io)
    pgeom, p_rep, p_drop = repair(parcels.geometry, multi=False)
    if s_rep or p_rep:
        notices.append(Notice("repaired", "Repaired invalid geometries: {scope} in {slayer}, {parcels} in {player}.",
                              {"scope": s_rep, "slayer": scope_layer, "parcels": p_rep, "player": parcels_layer}))
    stats["repaired_scope"], stats["repaired_parcels"] = s_rep, p_rep
    if not scrs.equals(pcrs):
        sgs = gpd.GeoSeries(sgeom, crs=scrs).to_crs(pcrs)
        sgeom = np.asarray(sgs.values, dtype=object)
        notices.append(Notice("reprojected", "Layer {layer} was reprojected from {src} to {dst}.",
                              {"layer": scope_layer, "src": scrs.to_string(), "dst": pcrs.to_string()}))
    if pcrs.is_geographic:
        notices.append(Notice("geographic_crs",
                              "Layer {layer} is in geographic {crs}; areas are computed on the ellipsoid.",
                              {"layer": parcels_layer, "crs": pcrs.to_string()}))
    valid_scope = ~shapely.is_missing(sgeom)
    if not valid_scope.any():
        raise ValuationError("no_polygons", "Layer {layer} has no polygon geometry.", layer=scope_layer)
    mon.check()

    # Overlapping lots.
    mon.report(0.08, "checking lots for overlaps")
    lot_idx = np.flatnonzero(valid_scope)
    tree = shapely.STRtree(sgeom[lot_idx])
    a_idx, b_idx = tree.query(sgeom[lot_idx], predicate="intersects")
    pairs = [(lot_idx[a], lot_idx[b]) for a, b in zip(a_idx, b_idx) if a < b]
    overlaps = []
    if pairs:
        inter = shapely.intersection(sgeom[[p[0] for p in pairs]], sgeom[[p[1] for p in pairs]])
        inter_poly, _ = polygonal(np.asarray(inter, dtype=object))
        ov_area = area_m2(inter_poly, pcrs)
        overlaps = [f"{sids[a]}/{sids[b]} ({ar:.2f} m²)" for (a, b), ar in zip(pairs, ov_area)
                    if ar > OVERLAP_TOLERANCE_M2]
    if overlaps:
        raise ValuationError("overlapping_lots", "Lots overlap in layer {layer}: {pairs}.",
                             layer=scope_layer, pairs=short_list(overlaps))
    mon.check()

    # Candidate (lot, parcel) pairs.
    mon.report(0.15, "intersecting")
    pvalid = np.flatnonzero(~shapely.is_missing(pgeom))
    ptree = shapely.STRtree(pgeom[pvalid])
    s_hits, p_hits = ptree.query(sgeom[lot_idx], predicate="intersects")
    s_pos = lot_idx[s_hits]
    p_pos = pvalid[p_hits]
    if len(p_pos) == 0:
        raise ValuationError("empty_intersection", "No parcel of layer {player} intersects layer {slayer}.",
                             player=parcels_layer, slayer=scope_layer)

    # Land-use codes of the parcels that matter.
    touched = np.unique(p_pos)
    bsm_col = find_field(parcels.columns, "BSM")
    ident = (parcels[bsm_col].astype(str).to_numpy() if bsm_col else parcels.index.astype(str).to_numpy())
    _, eco_touched = classify_codes(parcels[lu_col].to_numpy()[touched], ident[touched], keep_unknown, code_table)
    eco = np.empty(len(parcels), dtype=object)
    eco[touched] = eco_touched
    mon.check()

    # A parcel wholly inside its lot is its own piece (no overlay); the others are intersected.
    # two threads, each with prepared lots of its own (a prepared geometry is not shared between threads)
    lots = [sgeom.copy(), sgeom.copy()]
    lots[1][lot_idx] = shapely.from_wkb(shapely.to_wkb(sgeom[lot_idx]))
    for own_lots in lots:
        shapely.prepare(own_lots[lot_idx])
    chunk = 25000
    starts = list(range(0, len(s_pos), chunk))

    def contained(k: int) -> np.ndarray:
        sl = slice(starts[k], starts[k] + chunk)
        return shapely.contains_properly(lots[k % 2][s_pos[sl]], pgeom[p_pos[sl]])

    inside = np.concatenate(_alternating(contained, len(starts), mon)) if starts else np.zeros(0, dtype=bool)
    mon.report(0.2, "intersecting")
    pieces = pgeom[p_pos]
    cut = np.flatnonzero(~inside)
    chunk = 2000
    starts = range(0, len(cut), chunk)

    def intersect(start: int) -> tuple[np.ndarray, int]:
        sl = cut[start:start + chunk]
        return polygonal(np.asarray(shapely.intersection(sgeom[s_pos[sl]], pgeom[p_pos[sl]]), dtype=object),
                         multi=False)

    def intersected(k: int) -> None:
        mon.report(0.2 + 0.4 * min(1.0, k * chunk / len(cut)), "intersecting")

    dropped_parts = 0
    for start, (out, d) in zip(starts, in_threads(intersect, starts, mon, intersected)):
        pieces[cut[start:start + chunk]] = out
        dropped_parts += d
    nonempty = ~shapely.is_missing(pieces) & ~shapely.is_empty(pieces)
    pieces, s_pos, p_pos = pieces[nonempty], s_pos[nonempty], p_pos[nonempty]
    if len(pieces) == 0:
        raise ValuationError("empty_intersection", "No parcel of layer {player} intersects layer {slayer}.",
                             player=parcels_layer, slayer=scope_layer)
    stats["non_polygon_parts_dropped"] = dropped_parts + s_drop + p_drop

    mon.report(0.62, "measuring ellipsoidal areas")
    src_unique, src_inv = np.unique(p_pos, return_inverse=True)
    src_area_unique = area_m2(pgeom[src_unique], pcrs, mon)
    src_area = src_area_unique[src_inv]
    mon.check()
    own = inside[nonempty]  # the same geometry as the source parcel: the same area
    piece_area = src_area.copy()
    # a piece is measured as its parcel was (so the shares of a parcel add up to 1)
    src_exact = ~geodesy.measured_locally(pgeom[src_unique], pcrs)
    piece_area[~own] = area_m2(pieces[~own], pcrs, mon, exact=src_exact[src_inv][~own])
    share = np.divide(piece_area, src_area, out=np.zeros_like(piece_area), where=src_area > 0)
    share = np.minimum(share, 1.0)
    mon.report(0.8, "building attributes")

    # Uncovered scope area per lot (before slivers are dropped).
    lot_area = area_m2(sgeom[lot_idx], pcrs)
    covered = pd.Series(piece_area).groupby(s_pos).sum().reindex(lot_idx, fill_value=0.0).to_numpy()
    uncovered = np.maximum(lot_area - covered, 0.0)
    stats["scope_area_m2"] = float(lot_area.sum())
    stats["uncovered_m2"] = float(uncovered.sum())
    stats["uncovered_pct"] = float(100.0 * uncovered.sum() / lot_area.sum()) if lot_area.sum() > 0 else 0.0
    for li, un, la in zip(lot_idx, uncovered, lot_area):
        pct = 100.0 * un / la if la > 0 else 0.0
        if un > OVERLAP_TOLERANCE_M2:
            code = "uncovered_large" if pct > UNCOVERED_WARN_PCT else "uncovered"
            tmpl = ("Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel."
                    + (" Was the lot drawn on an offset web basemap?" if code == "uncovered_large" else ""))
            notices.append(Notice(code, tmpl, {"lot": sids[li], "m2": float(un), "pct": float(pct)}))

    # Attribute table.
    src = parcels.drop(columns=parcels.geometry.name).iloc[p_pos].reset_index(drop=True)
    src.columns = [f"SRC_{c}" if str(c).upper() in RESERVED else c for c in src.columns]
    sid_arr = np.asarray(sids, dtype=object)
    parcel_keys = ident[p_pos]
    pid = [f"{s}-{k}" for s, k in zip(sid_arr[s_pos], parcel_keys)]
    if len(set(pid)) != len(pid):
        seen: dict[str, int] = {}
        for p in pid:
            seen[p] = seen.get(p, 0) + 1
        fids = parcels.index.to_numpy()[p_pos]
        dups = sorted(p for p, n in seen.items() if n > 1)
        pid = [f"{p}-{f}" if seen[p] > 1 else p for p, f in zip(pid, fids)]
        notices.append(Notice("duplicate_bsm",
                              "Parcels share BSM values ({ids}); their ids got the feature id appended.",
                              {"ids": short_list(dups)}))
    out = pd.DataFrame({
        "PARCEL_ID": pid,
        "SCOPE_ID": sid_arr[s_pos],
        "SCOPE_NAME": np.asarray(names, dtype=object)[s_pos],
        "PRODUCT": np.asarray(products, dtype=object)[s_pos],
        "SRC_FID": parcels.index.to_numpy()[p_pos].astype("int64"),
    })
    out = pd.concat([out, src], axis=1)
    out["ECO_TYPE"] = eco[p_pos]
    out["AREA_M2"] = piece_area
    out["AREA_MU"] = piece_area * 15.0 / 10000.0
    out["AREA_HA"] = piece_area / 10000.0
    out["SHARE"] = share
    for name in PRORATED_FIELDS:
        col = find_field(out.columns, name)
        if col is not None:
            out[col] = pd.to_numeric(out[col], errors="coerce") * share

    # Data quality: geometry area vs TBMJ of the source parcels.
    tbmj_col = find_field(parcels.columns, "TBMJ")
    if tbmj_col is not None:
        tbmj = pd.to_numeric(parcels[tbmj_col], errors="coerce").to_numpy()[src_unique]
        geo_area = src_area_unique
        with np.errstate(divide="ignore", invalid="ignore"):
            dev = np.abs(geo_area - tbmj) / tbmj
        dev = dev[np.isfinite(dev)]
        if len(dev):
            stats["tbmj_deviation_max"] = float(dev.max())
            stats["tbmj_deviation_mean"] = float(dev.mean())
            stats["tbmj_deviation_over_1pct"] = int((dev > 0.01).sum())
            notices.append(Notice(
                "tbmj_deviation",
                "Geometry area vs TBMJ: mean deviation {mean:.4%}, max {max:.4%}, {n} parcels over 1 %.",
                {"mean": stats["tbmj_deviation_mean"], "max": stats["tbmj_deviation_max"],
                 "n": stats["tbmj_deviation_over_1pct"]}))

    # Slivers.
    keep = piece_area >= min_area
    stats["total_pieces"] = int(len(pieces))
    stats["dropped_slivers"] = int((~keep).sum())
    stats["dropped_area_m2"] = float(piece_area[~keep].sum())
    stats["parcel_count"] = int(keep.sum())
    if stats["dropped_slivers"]:
        notices.append(Notice("slivers", "Dropped {n} slivers below {min} m² ({area:.3f} m² in all); kept {kept}.",
                              {"n": stats["dropped_slivers"], "min": min_area,
                               "area": stats["dropped_area_m2"], "kept": stats["parcel_count"]}))
    if stats["non_polygon_parts_dropped"]:
        notices.append(Notice("non_polygon", "Dropped {n} non-polygon geometry parts.",
                              {"n": stats["non_polygon_parts_dropped"]}))
    if not keep.any():
        raise ValuationError("all_slivers", "Every piece is smaller than MIN_AREA = {min} m².", min=min_area)
    result = gpd.GeoDataFrame(out[keep].reset_index(drop=True), geometry=pieces[keep], crs=pcrs)
    stats["total_area_m2"] = float(result["AREA_M2"].sum())
    mon.report(1.0, "done")
    return SplitResult(result, notices, stats)
