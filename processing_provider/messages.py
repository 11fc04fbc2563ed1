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


def progress_texts() -> dict[str, str]:
    """The engine's progress messages, translated."""
    return {
        "checking geometries": tr("checking geometries"),
        "checking lots for overlaps": tr("checking lots for overlaps"),
        "intersecting": tr("intersecting"),
        "measuring ellipsoidal areas": tr("measuring ellipsoidal areas"),
        "building attributes": tr("building attributes"),
        "done": tr("done"),
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
    return _render(notice.code, notice.text(), notice.params)
