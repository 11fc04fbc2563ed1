"""Public boundaries of lots: dissolve, generalise, WGS 84 lon/lat with reduced precision, RFC 7946 GeoJSON.

Shared by the listing package (:mod:`.listing`, ``swcvalue:listingpackage``) and the promotion map. API::

    PUBLICATION_TABLE, publication_parameters() -> ParameterSet           # resources/parameters/publication_v1.csv
    boundary_settings(precise=False) -> BoundarySettings                 # generalise_m, decimals, mode
    lot_boundaries(parcels, lots, *, generalise_m, decimals, layer="parcels") -> GeoDataFrame  # EPSG:4326
    dissolve_lots(parcels, lots, layer="parcels") -> GeoDataFrame        # precise, parcels' CRS
    to_geojson(gdf, decimals, layer="boundaries") -> str                 # RFC 7946 FeatureCollection
    map_review_note(settings, lang="zh"|"en") -> str; MAP_REVIEW_NOTICE  # the 审图号 note

Public (default): each lot's parcels are dissolved, simplified by ``public_generalise_m`` (10 m, topology
preserved) in the parcels' projected CRS, transformed to WGS 84 longitude/latitude and rounded to
``public_decimals`` (4, about 11 m). Precise (on request): no simplification, 7 decimals. Publishing a map in China
may require map review (审图号); generalising does not exempt a map from it (:data:`MAP_REVIEW_ZH`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.polygon import orient

from .errors import Notice, ValuationError, short_list
from .parameters import ParameterSet

PUBLICATION_TABLE = Path(__file__).resolve().parent.parent / "resources" / "parameters" / "publication_v1.csv"
WGS84 = "EPSG:4326"
#: Metres per degree of latitude (for the precision shown in the note: 1e-4° ≈ 11 m).
M_PER_DEGREE = 111_320.0

MAP_REVIEW_ZH = ("提示：在中国境内公开登载、展示或发布地图（含网页地图和附图），"
                 "可能需要依法送审并标注审图号（《地图管理条例》）。"
                 "{detail}边界仅为示意，不作为权属界线或测绘成果；精确边界仅应要求提供。")
MAP_REVIEW_EN = ("Note: publishing a map in China (web maps and figures included) may require map review and a review "
                 "number (审图号) under the Regulations on Map Management. {detail}The boundaries are illustrative, "
                 "not legal boundaries or survey results; precise boundaries are supplied only on request.")
_DETAIL_PUBLIC_ZH = ("本图边界已概化（约 {metres:g} 米）并降低坐标精度"
                     "（小数点后 {decimals} 位，约 {precision:.0f} 米）。")
_DETAIL_PUBLIC_EN = ("These boundaries are generalised (about {metres:g} m) with reduced coordinate precision "
                     "({decimals} decimals, about {precision:.0f} m). ")
_DETAIL_PRECISE_ZH = "本图为精确边界（未概化，小数点后 {decimals} 位），仅供交易平台和主管部门使用，公开前须送审。"
_DETAIL_PRECISE_EN = ("These are PRECISE boundaries ({decimals} decimals, not generalised), for the trading platform "
                      "and the authorities; have them reviewed before publishing. ")


@dataclass(frozen=True)
class BoundarySettings:
    """How boundaries are published: ``mode`` public or precise, tolerance (m) and decimals."""

    mode: str
    generalise_m: float
    decimals: int
    table: str = ""

    @property
    def precision_m(self) -> float:
        """The rounding step in metres (along a meridian)."""
        return M_PER_DEGREE * 10.0 ** -self.decimals


def publication_parameters(path: Optional[Union[str, Path]] = None) -> ParameterSet:
    """The versioned table of publication settings (default :data:`PUBLICATION_TABLE`)."""
    return ParameterSet.load(path or PUBLICATION_TABLE)


def boundary_settings(precise: bool = False, params: Optional[ParameterSet] = None) -> BoundarySettings:
    """Public (default) or precise settings from the publication table."""
    p = params or publication_parameters()
    prefix = "precise" if precise else "public"
    return BoundarySettings(prefix, p.value(f"{prefix}_generalise_m"), p.integer(f"{prefix}_decimals"),
                            f"{p.id} {p.version}")


def map_review_note(settings: BoundarySettings, lang: str = "zh") -> str:
    """The 审图号 note for a file or page made with ``settings`` (Chinese or English)."""
    zh = lang.lower().startswith("zh")
    values = {"metres": settings.generalise_m, "decimals": settings.decimals, "precision": settings.precision_m}
    if settings.mode == "precise":
        detail = (_DETAIL_PRECISE_ZH if zh else _DETAIL_PRECISE_EN).format(**values)
    else:
        detail = (_DETAIL_PUBLIC_ZH if zh else _DETAIL_PUBLIC_EN).format(**values)
    return (MAP_REVIEW_ZH if zh else MAP_REVIEW_EN).format(detail=detail)


def map_review_notice(settings: BoundarySettings) -> Notice:
    """The note as a notice for the Processing log."""
    if settings.mode == "precise":
        return Notice("publication_precise", "Precise boundaries ({decimals} decimals, not generalised) were "
                      "written: for the trading platform and the authorities only. Publishing a map in China may "
                      "require map review and a review number (审图号).", {"decimals": settings.decimals})
    return Notice("publication_map_review", "Public boundaries are generalised by {metres:g} m and rounded to "
                  "{decimals} decimals (about {precision:.0f} m). Publishing a map in China may still require map "
                  "review and a review number (审图号); precise boundaries only on request.",
                  {"metres": settings.generalise_m, "decimals": settings.decimals,
                   "precision": settings.precision_m})


# ----- boundaries ------------------------------------------------------------------------------------------------
def _lot_members(lots: Union[Mapping[str, Any], pd.Series]) -> dict[str, list[str]]:
    """{lot: [PARCEL_ID, …]} from a dict of lists or a Series PARCEL_ID -> lot (order kept)."""
    out: dict[str, list[str]] = {}
    if isinstance(lots, pd.Series):
        for pid, lot in lots.items():
            if lot is None or (isinstance(lot, float) and math.isnan(lot)):
                continue
            out.setdefault(str(lot), []).append(str(pid))
        return out
    for lot, ids in lots.items():
        out[str(lot)] = [str(i) for i in ([ids] if isinstance(ids, str) else ids)]
    return out


def _polygonal(geom: Any) -> Any:
    """The polygons of ``geom`` (lines and points left by a repair or by rounding are dropped)."""
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    parts = [g for g in shapely.get_parts(geom) if isinstance(g, (Polygon, MultiPolygon)) and not g.is_empty]
    if not parts:
        return None
    return shapely.union_all(parts)


def oriented(geom: Any) -> Any:
    """Polygons with counter-clockwise exteriors and clockwise holes (RFC 7946 right-hand rule)."""
    if isinstance(geom, Polygon):
        return orient(geom, sign=1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
    return geom


def _check_parcels(parcels: gpd.GeoDataFrame, layer: str) -> CRS:
    """The layer's CRS after checking it has one, a PARCEL_ID field and no duplicate PARCEL_ID."""
    if parcels.crs is None:
        raise ValuationError("no_crs", "Layer {layer} has no CRS.", layer=layer)
    if "PARCEL_ID" not in parcels.columns:
        raise ValuationError("missing_field", "Layer {layer} has no field {field}.", layer=layer, field="PARCEL_ID")
    ids = parcels["PARCEL_ID"].astype(str)
    dup = sorted(set(ids[ids.duplicated()]))
    if dup:
        raise ValuationError("duplicate_parcel_id", "PARCEL_ID values occur more than once in layer {layer}: {ids}.",
                             layer=layer, ids=short_list(dup))
    return CRS.from_user_input(parcels.crs)


def dissolve_lots(parcels: gpd.GeoDataFrame, lots: Union[Mapping[str, Any], pd.Series],
                  layer: str = "parcels") -> gpd.GeoDataFrame:
    """One row per lot (``LOT_ID``, ``N_PARCELS``, geometry) in the parcels' CRS: the union of the lot's parcels
    (repaired, polygons only), precise. ``lots``: {lot: [PARCEL_ID, …]} or a Series PARCEL_ID -> lot."""
    crs = _check_parcels(parcels, layer)
    geom_by_id = dict(zip(parcels["PARCEL_ID"].astype(str),
                          shapely.make_valid(np.asarray(parcels.geometry.values, dtype=object))))
    lot_ids, counts, geoms = [], [], []
    for lot, pids in _lot_members(lots).items():
        missing = [p for p in pids if geom_by_id.get(p) is None]
        if missing:
            raise ValuationError("publication_missing_parcels", "Lot {lot}: parcels {parcels} are not in layer "
                                 "{layer}.", lot=lot, parcels=short_list(missing), layer=layer)
        union = _polygonal(shapely.union_all([geom_by_id[p] for p in pids]))
        if union is None:
            raise ValuationError("publication_empty_lot", "Lot {lot} has no polygon area in layer {layer}.",
                                 lot=lot, layer=layer)
        lot_ids.append(lot)
        counts.append(len(pids))
        geoms.append(union)
    return gpd.GeoDataFrame({"LOT_ID": lot_ids, "N_PARCELS": counts}, geometry=geoms, crs=crs)


def lot_boundaries(parcels: gpd.GeoDataFrame, lots: Union[Mapping[str, Any], pd.Series], *,
                   generalise_m: float, decimals: int, layer: str = "parcels") -> gpd.GeoDataFrame:
    """One row per lot (``LOT_ID``, geometry) in EPSG:4326 longitude/latitude.

    Each lot's parcels (``parcels.PARCEL_ID``) are dissolved (:func:`dissolve_lots`); with ``generalise_m`` > 0
    the union is simplified (topology preserved) by that tolerance in the parcels' CRS, which must then be
    projected; the result is transformed to WGS 84 (lon/lat order), snapped to a 10^-decimals degree grid (valid
    geometry kept) and oriented by the right-hand rule. Errors name ``layer``: no CRS, a geographic CRS with
    generalisation, parcels of a lot missing from it, duplicate PARCEL_IDs, or a lot that vanishes when rounded.
    ``result.attrs["publication"]`` records generalise_m, decimals and the source CRS."""
    crs = _check_parcels(parcels, layer)
    if not (generalise_m >= 0 and math.isfinite(generalise_m)):
        raise ValuationError("publication_bad_tolerance", "The generalisation tolerance must be 0 or more metres, "
                             "got {value}.", value=generalise_m)
    if int(decimals) != decimals or not 0 <= decimals <= 15:
        raise ValuationError("publication_bad_decimals", "Coordinate decimals must be a whole number from 0 to 15, "
                             "got {value}.", value=decimals)
    if generalise_m > 0 and not crs.is_projected:
        raise ValuationError("publication_geographic_crs", "Layer {layer} is in {crs}, not a projected CRS; "
                             "generalising boundaries by {metres:g} m needs metres (e.g. CGCS2000 3-degree "
                             "Gauss-Kruger).", layer=layer, crs=crs.name, metres=generalise_m)
    lots_gdf = dissolve_lots(parcels, lots, layer)
    geoms = list(lots_gdf.geometry)
    if generalise_m > 0:
        geoms = [_polygonal(shapely.make_valid(shapely.simplify(g, generalise_m, preserve_topology=True)))
                 for g in geoms]
    out = gpd.GeoDataFrame({"LOT_ID": list(lots_gdf["LOT_ID"])}, geometry=geoms, crs=crs).to_crs(WGS84)
    grid = 10.0 ** -int(decimals)
    rounded = []
    for lot, g in zip(out["LOT_ID"], out.geometry):
        r = _polygonal(shapely.set_precision(g, grid)) if g is not None else None
        if r is None or r.is_empty:
            raise ValuationError("publication_collapsed", "Lot {lot} vanishes when its coordinates are rounded to "
                                 "{decimals} decimals; publish it with more decimals (precise boundaries).",
                                 lot=lot, decimals=decimals)
        rounded.append(oriented(r))
    out = out.set_geometry(gpd.GeoSeries(rounded, index=out.index, crs=WGS84))
    out.attrs["publication"] = {"generalise_m": float(generalise_m), "decimals": int(decimals),
                                "source_crs": crs.to_string()}
    return out


# ----- GeoJSON ---------------------------------------------------------------------------------------------------
def _round_coords(obj: Any, decimals: int) -> Any:
    if isinstance(obj, (list, tuple)):
        if obj and all(isinstance(v, (int, float)) for v in obj):
            return [round(float(v), decimals) + 0.0 for v in obj[:2]]  # 2-D; + 0.0 turns -0.0 into 0.0
        return [_round_coords(v, decimals) for v in obj]
    return obj


def _json_value(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def to_geojson(gdf: gpd.GeoDataFrame, decimals: int, layer: str = "boundaries") -> str:
    """An RFC 7946 FeatureCollection: WGS 84 longitude/latitude (transformed if needed), no ``crs`` member,
    exterior rings counter-clockwise and holes clockwise, every coordinate with at most ``decimals`` decimals;
    the other columns become properties."""
    if gdf.crs is None:
        raise ValuationError("no_crs", "Layer {layer} has no CRS.", layer=layer)
    if not CRS.from_user_input(gdf.crs).equals(CRS.from_user_input(WGS84), ignore_axis_order=True):
        gdf = gdf.to_crs(WGS84)
    props = [c for c in gdf.columns if c != gdf.geometry.name]
    features = []
    for i in range(len(gdf)):
        row = gdf.iloc[i]
        g = row[gdf.geometry.name]
        geometry = None
        if g is not None and not g.is_empty:
            geometry = mapping(oriented(shapely.force_2d(g)))
            geometry["coordinates"] = _round_coords(geometry["coordinates"], int(decimals))
        features.append({"type": "Feature", "properties": {c: _json_value(row[c]) for c in props},
                         "geometry": geometry})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":"))
