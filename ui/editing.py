"""Reading parcel attributes and changing them safely through the layer's edit buffer.

    plain(value) -> Any                          # QVariant NULL -> None, QDate -> "YYYY-MM-DD"
    field_name(layer, name) -> str | None        # the layer's spelling of a field (case-insensitive)
    read_rows(layer, fids, names, geometry=False) -> {fid: {name: value}}   # missing fields read as None
    scan_strings(layer, names, selected_only=False) -> ["fid␟v1␟v2…"]   # evaluated in C++ (whole-layer scans)
    scan_rows(layer, names, selected_only=False) -> like read_rows, values as text, through scan_strings
    assess_rows(rows) -> {fid: row + ELIGIBLE/INELIG_WHY/STATE_APPR}        # ownership.assess
    ReasonCache()(row) -> list[str]              # ineligibility_reasons, once per distinct assignment
    changed_values(layer, rows) -> {fid: {name: value}}                     # only values that differ
    prepare_edit(layer, fields) -> bool          # checks, startEditing, adds missing fields; raises EditRefused
    apply_values(layer, values, text) -> int     # ONE undoable edit command; number of values written

Nothing here pops up dialogs: refusals are :class:`EditRefused` with a translated message.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

import pandas as pd
from qgis.core import QgsExpression, QgsFeatureRequest, QgsGeometry, QgsVectorLayer, QgsVectorLayerUtils
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from ..i18n import tr
from ..valuation.fields import catalogue
from ..valuation.ownership import ASSIGNED_FIELDS, DERIVED_FIELDS, assess, blank, ineligibility_reasons, text
from .qgis_compat import new_field, no_geometry_flag, provider_can

#: Geometry of a row in :func:`read_rows` results (when asked for).
GEOMETRY = "__geometry__"


class EditRefused(Exception):
    """The layer cannot be changed; ``str(err)`` is a translated message. Nothing was changed."""


def plain(value: Any) -> Any:
    """QGIS attribute values as plain Python: NULL -> None, dates -> ISO text."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else plain(value.value())
    if isinstance(value, QDateTime):
        return value.date().toString("yyyy-MM-dd") if value.isValid() else None
    if isinstance(value, (QDate, QTime)):
        return value.toString("yyyy-MM-dd") if value.isValid() else None
    return value


def field_name(layer: Optional[QgsVectorLayer], name: str) -> Optional[str]:
    """The name a layer gives a field, matched case-insensitively; None when absent."""
    if layer is None:
        return None
    fields = layer.fields()
    if fields.indexOf(name) >= 0:
        return name
    for f in fields:
        if f.name().upper() == name.upper():
            return f.name()
    return None


def read_rows(layer: QgsVectorLayer, fids: Optional[Iterable[int]], names: Iterable[str],
              geometry: bool = False) -> dict[int, dict[str, Any]]:
    """Attributes ``names`` (canonical spellings; absent fields read as None) of the features ``fids``
    (None: all), through the edit buffer, without geometry unless asked (then under :data:`GEOMETRY`)."""
    names = list(dict.fromkeys(names))
    actual = {n: field_name(layer, n) for n in names}
    idx = {n: layer.fields().indexOf(a) for n, a in actual.items() if a is not None}
    request = QgsFeatureRequest()
    if fids is not None:
        fids = list(fids)
        if not fids:
            return {}
        request.setFilterFids(fids)
    request.setSubsetOfAttributes(sorted(set(idx.values())))
    if not geometry:
        request.setFlags(no_geometry_flag())
    out: dict[int, dict[str, Any]] = {}
    for feat in layer.getFeatures(request):
        attrs = feat.attributes()
        row = {n: (plain(attrs[i]) if n in idx and (i := idx[n]) < len(attrs) else None) for n in names}
        if geometry:
            row[GEOMETRY] = QgsGeometry(feat.geometry())
        out[feat.id()] = row
    return out


SEP, NULL_MARK = "\x1f", "\x1e"


def scan_strings(layer: QgsVectorLayer, names: Iterable[str], selected_only: bool = False) -> Optional[list[str]]:
    """One string per (selected) feature, ``fid SEP value SEP value …`` (NULL and absent fields as
    :data:`NULL_MARK`), evaluated in C++ by one expression (``QgsVectorLayerUtils.getValues``): whole-layer
    scans of 50,000 parcels avoid reading attributes one by one from Python. None when it cannot be used
    (expression failed, or a value contains the separator)."""
    parts = ["to_string($id)"]
    for n in names:
        actual = field_name(layer, n)
        parts.append(f"coalesce(to_string({QgsExpression.quotedColumnRef(actual)}), char(30))" if actual
                     else "char(30)")
    values, ok = QgsVectorLayerUtils.getValues(layer, "concat(" + ", char(31), ".join(parts) + ")", selected_only)
    if not ok:
        return None
    out = [str(v) for v in values]
    expected = len(parts) - 1
    if any(v.count(SEP) != expected for v in out):
        return None
    return out


def scan_rows(layer: QgsVectorLayer, names: Iterable[str], selected_only: bool = False) -> dict[int, dict[str, Any]]:
    """Like :func:`read_rows` for every (or every selected) feature, through :func:`scan_strings`; values come
    back as text (numbers included), NULL and absent fields as None."""
    names = list(dict.fromkeys(names))
    strings = scan_strings(layer, names, selected_only)
    if strings is None:
        return read_rows(layer, layer.selectedFeatureIds() if selected_only else None, names)
    out: dict[int, dict[str, Any]] = {}
    for v in strings:
        items = v.split(SEP)
        out[int(items[0])] = {n: (None if x == NULL_MARK else x) for n, x in zip(names, items[1:])}
    return out


def _normal(value: Any) -> Any:
    """A value for comparison: blank -> None, whole numbers -> int, the rest as stripped text."""
    if blank(value):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else float(value)
    s = text(value)
    try:
        return int(s) if s is not None and s.lstrip("-").isdigit() and len(s) < 10 else s
    except ValueError:
        return s


def same(a: Any, b: Any, name: str = "") -> bool:
    """True when two attribute values mean the same (None == "" == NULL, 1 == "1" == 1.0). For INELIG_WHY
    "" (eligible: no reason) and NULL (not assessed) differ."""
    if name == "INELIG_WHY" and (a is None) != (b is None):
        return False
    return _normal(a) == _normal(b)


class ReasonCache:
    """``ineligibility_reasons`` of rows, computed once per distinct assignment (parcels of one holder and
    seller share theirs) — summaries and filters over 50,000 parcels stay fast."""

    def __init__(self) -> None:
        self._cache: dict[tuple, list[str]] = {}

    def __call__(self, row: Mapping[str, Any]) -> list[str]:
        key = tuple(row.get(f) for f in ASSIGNED_FIELDS)  # plain values hash; 1 == 1.0, "" != None is harmless
        why = self._cache.get(key)
        if why is None:
            why = self._cache[key] = ineligibility_reasons(row)
        return why


def assess_rows(rows: Mapping[int, Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
    """Rows (by fid) with their assigned fields plus ELIGIBLE (1/0), INELIG_WHY and STATE_APPR, computed by
    :func:`valuation.ownership.assess`."""
    if not rows:
        return {}
    fids = list(rows)
    df = pd.DataFrame([{f: rows[fid].get(f) for f in ASSIGNED_FIELDS} for fid in fids], index=fids, dtype=object)
    assessed = assess(df)
    out: dict[int, dict[str, Any]] = {}
    for fid, eligible, why, state in zip(fids, assessed["ELIGIBLE"], assessed["INELIG_WHY"], assessed["STATE_APPR"]):
        row = {f: rows[fid].get(f) for f in ASSIGNED_FIELDS}
        row.update({"ELIGIBLE": int(eligible), "INELIG_WHY": str(why), "STATE_APPR": int(state)})
        out[fid] = row
    return out


def changed_values(layer: QgsVectorLayer, rows: Mapping[int, Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
    """The values of ``rows`` that differ from the layer's (a field the layer lacks always differs)."""
    names = sorted({n for r in rows.values() for n in r})
    current = read_rows(layer, rows.keys(), names)
    present = {n for n in names if field_name(layer, n) is not None}
    out: dict[int, dict[str, Any]] = {}
    for fid, row in rows.items():
        cur = current.get(fid)
        if cur is None:
            continue
        diff = {n: v for n, v in row.items() if n not in present or not same(cur.get(n), v, n)}
        if diff:
            out[fid] = diff
    return out


def ownership_field(name: str):
    """The QgsField of an ownership field, as the field catalogue defines it."""
    d = catalogue()[name]
    return new_field(name, d.kind, d.length)


def prepare_edit(layer: Optional[QgsVectorLayer], fields: Iterable[str] = ASSIGNED_FIELDS + DERIVED_FIELDS) -> bool:
    """Make ``layer`` ready for an ownership edit: checks that it can be edited, starts editing if needed and
    adds the missing ``fields`` through the data provider. Returns True when editing was started here.
    Raises :class:`EditRefused` (translated message) and changes nothing when the layer is read-only, its
    source cannot change attributes or add the missing fields, another edit command is running, or editing
    cannot start."""
    if layer is None or not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        raise EditRefused(tr("No valid parcel layer is selected; nothing was changed."))
    name = layer.name()
    if layer.readOnly():
        raise EditRefused(tr("Layer {layer} is read-only; nothing was changed.").format(layer=name))
    provider = layer.dataProvider()
    if not provider_can(provider, "ChangeAttributeValues"):
        raise EditRefused(tr("The data source of layer {layer} cannot change attribute values (a read-only file "
                             "or format); nothing was changed. Save the parcels as a GeoPackage and use that "
                             "layer.").format(layer=name))
    missing = [f for f in fields if field_name(layer, f) is None]
    if missing and not provider_can(provider, "AddAttributes"):
        raise EditRefused(tr("Layer {layer} lacks the fields {fields} and its data source cannot add fields; "
                             "nothing was changed.").format(layer=name, fields=", ".join(missing)))
    if layer.isEditCommandActive():
        raise EditRefused(tr("Layer {layer} is in the middle of another edit; finish it and try again. Nothing "
                             "was changed.").format(layer=name))
    buffer = layer.editBuffer()
    if missing and buffer is not None and buffer.addedAttributes():
        raise EditRefused(tr("Layer {layer} has new fields that are not saved yet; save or discard them first. "
                             "Nothing was changed.").format(layer=name))
    started = False
    if not layer.isEditable():
        if not layer.startEditing():
            raise EditRefused(tr("Editing could not be started on layer {layer} (locked by another program or "
                                 "edit?); nothing was changed.").format(layer=name))
        started = True
    if missing:
        ok = provider.addAttributes([ownership_field(f) for f in missing])
        layer.updateFields()
        still = [f for f in missing if field_name(layer, f) is None]
        if not ok or still:
            error = provider.lastError() if hasattr(provider, "lastError") else ""
            if started:
                layer.rollBack()
            raise EditRefused(tr("The fields {fields} could not be added to layer {layer} ({error}); nothing was "
                                 "changed.").format(fields=", ".join(still or missing), layer=name, error=error))
        from ..processing_provider.output_style import apply_aliases, apply_value_maps

        apply_aliases(layer)
        apply_value_maps(layer)
    return started


def _for_field(layer: QgsVectorLayer, idx: int, value: Any) -> Any:
    """A plain value converted for the field's type (NULL as None)."""
    if blank(value) and not (isinstance(value, str) and value == ""):
        return None
    vtype = layer.fields().at(idx).type()
    if vtype in (QVariant.Int, QVariant.LongLong, QVariant.UInt, QVariant.ULongLong):
        return None if blank(value) else int(float(value))
    if vtype == QVariant.Double:
        return None if blank(value) else float(value)
    if vtype == QVariant.Date:
        return QDate.fromString(str(value), "yyyy-MM-dd") if not blank(value) else None
    if vtype == QVariant.DateTime:
        return QDateTime(QDate.fromString(str(value), "yyyy-MM-dd"), QTime(0, 0)) if not blank(value) else None
    if vtype == QVariant.String:
        return str(value)
    return value


def apply_values(layer: QgsVectorLayer, values: Mapping[int, Mapping[str, Any]], command: str) -> int:
    """Write ``values`` (fid -> field -> value) as ONE undoable edit command named ``command``; the layer
    must be editable and have the fields (:func:`prepare_edit`). Only values that differ are written.
    Returns the number of values written."""
    names = sorted({n for r in values.values() for n in r})
    current = read_rows(layer, values.keys(), names)
    idx = {n: layer.fields().indexOf(field_name(layer, n)) for n in names}
    count = 0
    layer.beginEditCommand(command)
    try:
        for fid, row in values.items():
            cur = current.get(fid)
            if cur is None:
                continue
            new, old = {}, {}
            for n, v in row.items():
                if idx[n] < 0 or same(cur.get(n), v, n):
                    continue
                new[idx[n]] = _for_field(layer, idx[n], v)
                old[idx[n]] = _for_field(layer, idx[n], cur.get(n))
            if new:
                if not layer.changeAttributeValues(fid, new, old):
                    raise EditRefused(tr("Feature {fid} of layer {layer} could not be changed; nothing was "
                                         "changed.").format(fid=fid, layer=layer.name()))
                count += len(new)
    except BaseException:
        layer.destroyEditCommand()
        raise
    if count:
        layer.endEditCommand()
    else:
        layer.destroyEditCommand()
    return count
