# ruff: noqa: E501
"""Translated templates for the engine's error and notice codes.

Each entry repeats the engine's English template inside ``tr()`` so pylupdate5 collects it;
the placeholders are the same. Unknown codes fall back to the engine's English text.
"""

from __future__ import annotations

from ..i18n import tr
from ..valuation.errors import Notice, ValuationError


def templates() -> dict[str, str]:
    """code -> translated template (built on each call so the active translator applies)."""
    return {
        # Errors
        "empty_layer": tr("Layer {layer} has no features (or none selected)."),
        "no_crs": tr("Layer {layer} has no CRS."),
        "no_crs_hint": tr("Layer {layer} has no CRS. Its coordinates ({x:.0f}, {y:.0f}) suggest {hint}; "
                          "set the layer's CRS and run again."),
        "missing_field": tr("Layer {layer} has no field {field}."),
        "blank_scope_id": tr("Lots {fids} of layer {layer} have no {field}."),
        "duplicate_scope_id": tr("Lot ids {ids} occur more than once in layer {layer}."),
        "no_polygons": tr("Layer {layer} has no polygon geometry."),
        "overlapping_lots": tr("Lots overlap in layer {layer}: {pairs}."),
        "empty_intersection": tr("No parcel of layer {player} intersects layer {slayer}."),
        "all_slivers": tr("Every piece is smaller than MIN_AREA = {min} m²."),
        "unknown_landuse": tr("Unknown land-use codes {codes} in parcels {parcels}. "
                              "Add them to the code table or keep them as class 'unknown'."),
        # Parameters, rasters, tables and the indicator registry
        "b_from_table": tr("No VEG_COVER raster: B taken from the land-use table (b_factor.*)."),
        "cover_not_fraction": tr("Vegetation cover must be a 0–1 fraction; the largest value is {max:g} (percent? divide by 100)."),
        "drivers_duplicate_ids": tr("Parcel ids occur more than once in the driver table: {ids}."),
        "drivers_missing_columns": tr("The driver table lacks the column(s) {columns}."),
        "duplicate_parcel_id": tr("PARCEL_ID values occur more than once in layer {layer}: {ids}."),
        "factor_constant": tr("{factor} taken as the constant {value} from the parameter table."),
        "grid_not_north_up": tr("Raster grids must be north-up without rotation (transform {transform})."),
        "k_us_units": tr("Soil erodibility K averages {mean:.4g}, which looks like US customary units; SI K = US K × {factor} (t·ha·h/(ha·MJ·mm))."),
        "landuse_table_columns": tr("Land-use code table {path} lacks columns {columns}."),
        "landuse_table_duplicates": tr("Land-use code table {path} repeats codes {codes}."),
        "landuse_table_eco_type": tr("Land-use code table {path} has unknown eco_type {values}."),
        "no_grid_source": tr("No raster to define the working grid: give an LS raster, a DEM or a factor raster."),
        "no_ls_source": tr("Soil conservation needs LS_FACTOR or a DEM."),
        "param_bad_evidence": tr("Parameter {key} (row {row}): evidence {value!r} is not one of {allowed}."),
        "param_bad_header": tr("Parameter file {path} needs the columns key and value; it has {columns}."),
        "param_bad_overrides": tr("Overrides must be a CSV/JSON file, a dict or a list of rows."),
        "param_bad_product_id": tr("Material product ids must be ≤ 7 letters/digits: {ids}."),
        "param_bad_scenario": tr("Unknown price scenario {scenario}; use central, low or high."),
        "param_duplicate_key": tr("Parameter keys occur more than once: {keys}."),
        "param_is_text": tr("Parameter {key} holds text, not a number."),
        "param_missing_key": tr("Parameter row {row} has no key."),
        "param_missing_unit": tr("Parameter {key} (row {row}) has no unit."),
        "param_negative_price": tr("Parameter {key} (row {row}) is a price but its {column} is negative ({value:g})."),
        "param_not_integer": tr("Parameter {key} must be a whole number, got {value:g}."),
        "param_not_switch": tr("Parameter {key} must be 0 or 1, got {value:g}."),
        "param_order": tr("Parameter {key} (row {row}): expected low ≤ central ≤ high, got {low} / {value} / {high}."),
        "param_unknown_key": tr("Parameter {key} is not in parameter set {set_id}."),
        "param_unknown_keys": tr("Unknown parameter keys in the overrides: {keys}."),
        "r_unexpected_magnitude": tr("Rainfall erosivity R averages {mean:.4g}, {ratio:.3g} times the expected {expected:.6g} MJ·mm/(ha·h·a); check its units."),
        "r_us_units": tr("Rainfall erosivity R averages {mean:.4g}, about 1/17 of the expected {expected:.6g} MJ·mm/(ha·h·a): US customary units? SI R = US R × {factor}."),
        "raster_no_band": tr("Raster {path} has no band {band} (it has {count})."),
        "raster_no_crs": tr("Raster {path} has no coordinate reference system."),
        "raster_not_covering": tr("Raster {raster} does not cover parcels {parcels} (valid share in brackets). Extend the raster or choose to value the covered part only."),
        "raster_partial": tr("Raster {raster}: only part of parcels {parcels} has data; the covered part is valued."),
        "unknown_indicator": tr("Unknown indicator {id}."),
        "visitors_bad_rows": tr("Visitors table rows need a SCOPE_ID and non-negative numbers: rows {rows}."),
        "visitors_missing_columns": tr("The visitors table lacks the column(s) {columns}."),
        "visitors_mixed_years": tr("Lot {scope} has visitor rows in several price years."),
        "visitors_unknown_lots": tr("Visitors were given for lots with no parcel: {lots}; their value is not allocated."),
        # Notices
        "repaired": tr("Repaired invalid geometries: {scope} in {slayer}, {parcels} in {player}."),
        "reprojected": tr("Layer {layer} was reprojected from {src} to {dst}."),
        "geographic_crs": tr("Layer {layer} is in geographic {crs}; areas are computed on the ellipsoid."),
        "uncovered": tr("Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel."),
        "uncovered_large": tr("Lot {lot}: {m2:.2f} m² ({pct:.2f} %) is not covered by any parcel. "
                              "Was the lot drawn on an offset web basemap?"),
        "duplicate_bsm": tr("Parcels share BSM values ({ids}); their ids got the feature id appended."),
        "tbmj_deviation": tr("Geometry area vs TBMJ: mean deviation {mean:.4%}, max {max:.4%}, "
                             "{n} parcels over 1 %."),
        "slivers": tr("Dropped {n} slivers below {min} m² ({area:.3f} m² in all); kept {kept}."),
        "non_polygon": tr("Dropped {n} non-polygon geometry parts."),
    }


def indicator_notice_template() -> str:
    return tr("{indicator}: {reason} — {count} parcel(s): {parcels}.")


def reason_texts() -> dict[str, str]:
    """The indicators' skip/note reasons (English) → translated."""
    return {
        "NPP_GC_M2 missing: npp_rate of the eco type used": tr("NPP_GC_M2 missing: npp_rate of the eco type used"),
        "P − R − ET < 0: water conservation set to 0": tr("P − R − ET < 0: water conservation set to 0"),
        "actual erosion exceeds potential erosion: Q_SOIL set to 0": tr("actual erosion exceeds potential erosion: Q_SOIL set to 0"),
        "attractiveness weight cul_weight is 0 for this eco type": tr("attractiveness weight cul_weight is 0 for this eco type"),
        "carbon sink sold separately (carbon_sink_sold = 1): V_CO2 left out of the lot": tr("carbon sink sold separately (carbon_sink_sold = 1): V_CO2 left out of the lot"),
        "eco type is non-eroding or unknown (soil_conservation_excluded)": tr("eco type is non-eroding or unknown (soil_conservation_excluded)"),
        "eco type not in carbon_eco_types": tr("eco type not in carbon_eco_types"),
        "eco type not in climate_vegetation_types/climate_water_types": tr("eco type not in climate_vegetation_types/climate_water_types"),
        "evapotranspiration ET_MM is missing": tr("evapotranspiration ET_MM is missing"),
        "negative NPP counted as 0": tr("negative NPP counted as 0"),
        "neither vegetation with a storm runoff coefficient nor a reservoir/pond water body": tr("neither vegetation with a storm runoff coefficient nor a reservoir/pond water body"),
        "net land-class area NET_AREA_M2 is missing": tr("net land-class area NET_AREA_M2 is missing"),
        "net primary productivity NPP_GC_M2 is missing": tr("net primary productivity NPP_GC_M2 is missing"),
        "no actual erosion could be computed": tr("no actual erosion could be computed"),
        "no actual erosion: RKLSB_T (vegetation cover) and RKLSCP_T are missing": tr("no actual erosion: RKLSB_T (vegetation cover) and RKLSCP_T are missing"),
        "no air purification capacity (air_cap_so2) for this eco type": tr("no air purification capacity (air_cap_so2) for this eco type"),
        "no material product is defined for this DLBM (mat_yield)": tr("no material product is defined for this DLBM (mat_yield)"),
        "no potential erosion: RKLS_T is missing": tr("no potential erosion: RKLS_T is missing"),
        "no runoff coefficient (runoff_coef) for this eco type": tr("no runoff coefficient (runoff_coef) for this eco type"),
        "no visitors table was given": tr("no visitors table was given"),
        "no water purification rate (wq_removal_cod) for this eco type": tr("no water purification rate (wq_removal_cod) for this eco type"),
        "oxygen release is switched off (oxygen_enabled = 0)": tr("oxygen release is switched off (oxygen_enabled = 0)"),
        "parcel area is 0 or missing": tr("parcel area is 0 or missing"),
        "precipitation P_MM is missing": tr("precipitation P_MM is missing"),
        "storm rainfall STORM_MM is missing": tr("storm rainfall STORM_MM is missing"),
        "the parcel's lot has no visitors": tr("the parcel's lot has no visitors"),
        "vegetation storm retention is switched off (flood_vegetation_enabled = 0)": tr("vegetation storm retention is switched off (flood_vegetation_enabled = 0)"),
    }


def progress_texts() -> dict[str, str]:
    """The engine's progress messages, translated."""
    return {
        "checking geometries": tr("checking geometries"),
        "checking lots for overlaps": tr("checking lots for overlaps"),
        "intersecting": tr("intersecting"),
        "measuring ellipsoidal areas": tr("measuring ellipsoidal areas"),
        "building attributes": tr("building attributes"),
        "done": tr("done"),
        "filling depressions": tr("filling depressions"),
        "slope and flow direction": tr("slope and flow direction"),
        "slope length": tr("slope length"),
        "coverage fractions": tr("coverage fractions"),
        "reading factors": tr("reading factors"),
        "pricing": tr("pricing"),
    }


def translate_progress(message: str) -> str:
    return progress_texts().get(message, message)


def _render(code: str, english: str, params: dict) -> str:
    template = templates().get(code)
    if template is None:
        return english
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return english


def translate_error(err: ValuationError) -> str:
    return _render(err.code, str(err), err.params)


def translate_notice(notice: Notice) -> str:
    if notice.code.startswith("indicator_"):
        params = dict(notice.params)
        params["reason"] = reason_texts().get(str(params.get("reason", "")), params.get("reason", ""))
        try:
            return indicator_notice_template().format(**params)
        except (KeyError, IndexError, ValueError):
            return notice.text()
    return _render(notice.code, notice.text(), notice.params)
