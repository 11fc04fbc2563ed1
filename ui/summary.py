"""Counts, area (亩) and accounted value (V_TOTAL) of a parcel layer by ownership type and by seller, and what
is excluded as ineligible. Sellers are shown with masked identifiers."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Optional

from qgis.core import QgsDistanceArea, QgsProject, QgsVectorLayer

from ..i18n import tr
from ..processing_provider.assign_ownership import reason_text
from ..valuation.errors import ValuationError
from ..valuation.ownership import ASSIGNED_FIELDS, ineligibility_reasons, parse_own_type, text
from .editing import GEOMETRY, NULL_MARK, SEP, field_name, read_rows, scan_strings
from .parcel_model import own_type_label, seller_text


@dataclass
class Group:
    """Parcel count, area in 亩 and V_TOTAL (元/a) of a group of parcels."""

    parcels: int = 0
    area_mu: float = 0.0
    value: float = 0.0

    def merge(self, other: Group) -> None:
        self.parcels += other.parcels
        self.area_mu += other.area_mu
        self.value += other.value


@dataclass
class Summary:
    total: Group = field(default_factory=Group)
    eligible: Group = field(default_factory=Group)
    ineligible: Group = field(default_factory=Group)
    #: label -> group; labels are translated, identifiers masked.
    by_type: dict[str, Group] = field(default_factory=dict)
    by_seller: dict[str, Group] = field(default_factory=dict)
    #: translated reason -> parcels
    reasons: dict[str, int] = field(default_factory=dict)
    has_value: bool = False


def _number(v: Any) -> Optional[float]:
    try:
        return None if v is None or v == "" else float(v)
    except (TypeError, ValueError):
        return None


def compute(layer: Optional[QgsVectorLayer]) -> Summary:
    """The summary of every parcel of ``layer`` (through its edit buffer); eligibility by the ownership rules."""
    out = Summary()
    if layer is None:
        return out
    out.has_value = field_name(layer, "V_TOTAL") is not None
    need_geometry = field_name(layer, "AREA_MU") is None
    da = None
    if need_geometry:
        da = QgsDistanceArea()
        da.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
        da.setEllipsoid(layer.crs().ellipsoidAcronym() or QgsProject.instance().ellipsoid() or "EPSG:7019")
    # parcels with the same assignment are counted together: one pass, one eligibility check per assignment
    groups: dict[Any, list[float]] = {}
    names = ["AREA_MU", "V_TOTAL", *ASSIGNED_FIELDS]
    strings = None if need_geometry else scan_strings(layer, names)
    if strings is not None:
        for v in strings:
            _fid, area, value, rest = v.split(SEP, 3)
            g = groups.get(rest)
            if g is None:
                g = groups[rest] = [0, 0.0, 0.0]
            g[0] += 1
            g[1] += 0.0 if area == NULL_MARK else float(area)
            g[2] += 0.0 if value == NULL_MARK else float(value)
        assignments = {key: dict(zip(ASSIGNED_FIELDS, (None if x == NULL_MARK else x for x in key.split(SEP))))
                       for key in groups}
    else:
        assignments = {}
        for row in read_rows(layer, None, names, geometry=need_geometry).values():
            if need_geometry:
                geom = row.pop(GEOMETRY, None)
                area = da.measureArea(geom) * 15.0 / 10000.0 if geom is not None and not geom.isNull() else None
            else:
                area = _number(row.get("AREA_MU"))
            key = tuple(row.get(f) for f in ASSIGNED_FIELDS)
            assignments.setdefault(key, {f: row.get(f) for f in ASSIGNED_FIELDS})
            g = groups.setdefault(key, [0, 0.0, 0.0])
            g[0] += 1
            g[1] += area or 0.0
            g[2] += _number(row.get("V_TOTAL")) or 0.0
    type_order = {"STATE": 0, "COLLECTIVE": 1, "INDIVIDUAL": 2}
    types: dict[Any, Group] = {}
    sellers: dict[tuple[str, str], Group] = {}
    reason_counts: dict[str, int] = {}
    for key, (n, area, value) in groups.items():
        row = assignments[key]
        part = Group(int(n), area, value)
        out.total.merge(part)
        why = ineligibility_reasons(row)
        (out.ineligible if why else out.eligible).merge(part)
        for code in why:
            reason_counts[code] = reason_counts.get(code, 0) + part.parcels
        try:
            own = parse_own_type(row.get("OWN_TYPE"))
        except ValuationError:
            own = text(row.get("OWN_TYPE"))
        types.setdefault(own, Group()).merge(part)
        sellers.setdefault((text(row.get("SELLER")) or "", text(row.get("SELLER_CD")) or ""), Group()).merge(part)
    out.reasons = {reason_text(code): n for code, n in reason_counts.items()}
    for own in sorted(types, key=lambda c: (type_order.get(c, 3), str(c))):
        out.by_type[own_type_label(own) if own else tr("(not set)")] = types[own]
    for name, code in sorted(sellers, key=lambda k: (k == ("", ""), k)):
        label = seller_text(name, code) if (name or code) else tr("(no seller yet)")
        out.by_seller[label] = sellers[(name, code)]
    return out


def to_html(summary: Summary) -> str:
    """The summary as HTML for a QTextBrowser."""
    def num(v: float, digits: int) -> str:
        return f"{v:,.{digits}f}"

    parcels_t, area_t, value_t = tr("Parcels"), tr("Area (亩)"), tr("V_TOTAL (元/a)")
    value_part = tr(", V_TOTAL {value} 元/a")

    def table(title: str, groups: dict[str, Group], head: str) -> str:
        cells = [f"<th align='left'>{html.escape(head)}</th><th align='right'>{html.escape(parcels_t)}</th>"
                 f"<th align='right'>{html.escape(area_t)}</th>"]
        if summary.has_value:
            cells.append(f"<th align='right'>{html.escape(value_t)}</th>")
        lines = [f"<h4>{html.escape(title)}</h4><table cellspacing='0' cellpadding='2' width='100%'>",
                 "<tr>" + "".join(cells) + "</tr>"]
        for label, g in groups.items():
            row = (f"<td>{html.escape(label)}</td><td align='right'>{g.parcels}</td>"
                   f"<td align='right'>{num(g.area_mu, 2)}</td>")
            if summary.has_value:
                row += f"<td align='right'>{num(g.value, 0)}</td>"
            lines.append(f"<tr>{row}</tr>")
        lines.append("</table>")
        return "\n".join(lines)

    t, inel = summary.total, summary.ineligible
    headline = tr("{n} parcels, {area} 亩").format(n=t.parcels, area=num(t.area_mu, 2))
    if summary.has_value:
        headline += value_part.format(value=num(t.value, 0))
    parts = [f"<p><b>{html.escape(headline)}</b></p>"]
    excluded = tr("Excluded as ineligible: {n} parcels, {area} 亩").format(n=inel.parcels, area=num(inel.area_mu, 2))
    if summary.has_value:
        excluded += value_part.format(value=num(inel.value, 0))
    parts.append(f"<p style='color:#b71c1c'>{html.escape(excluded)}</p>")
    if summary.reasons:
        items = "".join(f"<li>{html.escape(r)}: {n}</li>" for r, n in
                        sorted(summary.reasons.items(), key=lambda kv: -kv[1]))
        parts.append(f"<ul style='margin-top:0'>{items}</ul>")
    parts.append(table(tr("By ownership type"), summary.by_type, tr("Ownership type")))
    parts.append(table(tr("By seller"), summary.by_seller, tr("Seller")))
    return "\n".join(parts)
