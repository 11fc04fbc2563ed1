"""The promotion map (推介图, clause 八 "云交易、云招商"): one self-contained offline HTML page of the lots on offer.

API::

    PROMOTED_FROM = "listed"                      # TRADE_IDS empty: every trade at this status or later
    promoted_trades(reg, trade_ids=None) -> list[dict]                # the trades, in TRADE_ID order
    lot_records(trades, trade_parcel_ids, parcels) -> list[dict]      # per lot: numbers and Chinese panel rows
    value_classes(values, n=5) -> (class index per value, legend rows)
    page_data(reg, parcels, trade_ids=None, *, title, precise=False, context=True) -> PromotionPage
    render_page(page, templates=None) -> str                          # the HTML (resources/templates/)
    write_page(path, html)                                            # atomic
    script_json(obj) -> str                                           # JSON safe inside <script>

The page: the vendored Leaflet (``resources/vendor/leaflet``, ``scripts/vendor_leaflet.sh``), its CSS and the data
are inlined, a Content-Security-Policy forbids every network request, there is no basemap. Lots are drawn from
:func:`valuation.publication.lot_boundaries` (public: generalised, 4 decimals; precise on request), coloured by
accounted value per 亩 (quantile classes), and a click opens a panel in Chinese with the lot's area, accounted values
by class (labelled 核算价值, never a price), the price (the signed PRICE; before signing LISTING_PRICE as 挂牌价; else
待定), term, permitted operating forms, operator conditions and contact. The 审图号 note is shown on the page.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
import string
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence, Union

import geopandas as gpd
import numpy as np
import pandas as pd

from . import __version__
from .errors import Notice, ValuationError, short_list
from .publication import boundary_settings, lot_boundaries, map_review_note, map_review_notice
from .register import Register
from .trading import FIELD_LABELS, STATUSES, get_trade, trade_parcels

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "resources" / "templates"
VENDOR = ROOT / "resources" / "vendor" / "leaflet"
TEMPLATE = "promotion_map"
MU_PER_M2 = 15 / 10000
HA_PER_M2 = 1 / 10000
#: TRADE_IDS empty: the trades at this status or later (a listed trade has its listing price, term and contact).
PROMOTED_FROM = "listed"
SIGNED = "signed"
#: Chinese status shown to the public (every status from signed on is a concluded deal).
STATUS_ZH = {"planned": "筹备中", "accounted": "已核算", "appraised": "已评估", "listed": "挂牌中",
             "publicised": "公示中", "signed": "已成交", "filed": "已成交", "certified": "已成交", "closed": "已成交"}
#: The valued parcels' fields the page needs (valuation/valuing.py OUTPUT_FIELDS; AREA_M2 from the split).
REQUIRED_FIELDS = ("PARCEL_ID", "AREA_M2", "V_MAT", "V_REG", "V_CUL", "V_TOTAL")
CLASSES = (("V_MAT", "物质供给"), ("V_REG", "调节服务"), ("V_CUL", "文化服务"))
#: Sequential greens for value per 亩, low to high (ColorBrewer Greens, 5 classes).
RAMP = ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c")
PENDING = "待定"
VALUE_UNIT = "元/(亩·年)"


@dataclass
class PromotionPage:
    """What :func:`render_page` fills in: the title, the embedded data and the notices of the run."""

    title: str
    data: dict[str, Any]
    notices: list[Notice] = field(default_factory=list)

    @property
    def lot_ids(self) -> list[str]:
        return [lot["id"] for lot in self.data["lots"]]


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == ""


def _num(v: Any) -> float:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(x) else x


def money(v: float) -> str:
    """元 with thousands separators and 2 decimals (as the certificate shows them)."""
    return f"{v:,.2f}"


def _years(v: Any) -> str:
    x = _num(v)
    return f"{x:g}"


# ----- trades and lots ---------------------------------------------------------------------------------------------
def promoted_trades(reg: Register, trade_ids: Optional[Sequence[str]] = None) -> list[dict[str, Any]]:
    """The named trades (all must exist; order kept, duplicates dropped), or, when none are named, every trade at
    :data:`PROMOTED_FROM` or later in TRADE_ID order."""
    ids = [str(t).strip() for t in (trade_ids or []) if str(t).strip()]
    if ids:
        ids = list(dict.fromkeys(ids))
        trades = [get_trade(reg, t) for t in ids]
        missing = [t for t, row in zip(ids, trades) if row is None]
        if missing:
            raise ValuationError("promotion_unknown_trades", "Trades {trades} are not in the register.",
                                 trades=short_list(missing))
        return [t for t in trades if t is not None]
    with reg._read() as con:
        rows = con.execute("SELECT TRADE_ID FROM trade ORDER BY TRADE_ID").fetchall()
    first = STATUSES.index(PROMOTED_FROM)
    out = []
    for (trade_id,) in rows:
        t = get_trade(reg, trade_id)
        if t is not None and t["STATUS"] in STATUSES and STATUSES.index(t["STATUS"]) >= first:
            out.append(t)
    if not out:
        raise ValuationError("promotion_no_trades", "No trade to promote: the register has no trade at status "
                             "{status} or later; name the trades in TRADE_IDS.", status=PROMOTED_FROM)
    return out


def price_of(trade: dict[str, Any]) -> tuple[str, Optional[float]]:
    """(label, 元): the contract price of a signed trade, else the listing price, else (价格, None) = 待定.
    The accounted and appraised values are never a price."""
    status = trade.get("STATUS")
    signed = status in STATUSES and STATUSES.index(status) >= STATUSES.index(SIGNED)
    if signed and not _blank(trade.get("PRICE")):
        return FIELD_LABELS.get("PRICE", "成交价"), _num(trade["PRICE"])
    if not _blank(trade.get("LISTING_PRICE")):
        return FIELD_LABELS.get("LISTING_PRICE", "挂牌价"), _num(trade["LISTING_PRICE"])
    return "价格", None


def _items(value: Any) -> list[str]:
    if _blank(value):
        return []
    return [p.strip() for p in str(value).replace(";", "；").split("；") if p.strip()]


def _check_fields(parcels: pd.DataFrame, layer: str) -> None:
    missing = [f for f in REQUIRED_FIELDS if f not in parcels.columns]
    if missing:
        raise ValuationError("promotion_missing_fields", "Layer {layer} lacks the field(s) {fields} (use the "
                             "valued parcels from swcvalue:accountvalues).", layer=layer, fields=", ".join(missing))


def lot_records(trades: list[dict[str, Any]], members: dict[str, list[str]], parcels: pd.DataFrame,
                layer: str = "parcels") -> list[dict[str, Any]]:
    """Per trade: the lot's numbers (area, values by class, value per 亩, price) and its panel rows in Chinese.

    ``members``: TRADE_ID -> its PARCEL_IDs (register ``trade_parcel``); ``parcels``: the valued parcels
    (:data:`REQUIRED_FIELDS`, DLMC when present). A lot's value per 亩 is its V_TOTAL over its area in 亩."""
    _check_fields(parcels, layer)
    geom = [parcels.geometry.name] if isinstance(parcels, gpd.GeoDataFrame) else []
    p = pd.DataFrame(parcels.drop(columns=geom))
    p["PARCEL_ID"] = p["PARCEL_ID"].astype(str)
    p = p.drop_duplicates("PARCEL_ID").set_index("PARCEL_ID")
    out = []
    for t in trades:
        tid = str(t["TRADE_ID"])
        ids = members.get(tid, [])
        missing = [i for i in ids if i not in p.index]
        if not ids or missing:
            raise ValuationError("publication_missing_parcels", "Lot {lot}: parcels {parcels} are not in layer "
                                 "{layer}.", lot=tid, parcels=short_list(missing or ["—"]), layer=layer)
        rows = p.loc[ids]
        area_m2 = float(sum(_num(v) for v in rows["AREA_M2"]))
        area_mu = area_m2 * MU_PER_M2
        values = {c: float(sum(_num(v) for v in rows[c])) for c, _ in CLASSES}
        v_total = float(sum(_num(v) for v in rows["V_TOTAL"]))
        per_mu = v_total / area_mu if area_mu > 0 else None
        label, price = price_of(t)
        status = str(t.get("STATUS"))
        term = PENDING
        if not _blank(t.get("TERM_YEARS")):
            term = f"{_years(t['TERM_YEARS'])} 年"
            if not _blank(t.get("START_DATE")):
                term += f"（{t['START_DATE']} 起）"
        panel: list[dict[str, str]] = [
            {"k": "交易编号", "v": tid},
            {"k": FIELD_LABELS.get("PRODUCT", "产品类型"), "v": str(t.get("PRODUCT") or "—")},
            {"k": "交易状态", "v": STATUS_ZH.get(status, status)},
            {"k": FIELD_LABELS.get("SELLERS", "出让主体"), "v": str(t.get("SELLERS") or "—")},
            {"k": "面积", "v": f"{area_mu:,.2f} 亩（{area_m2 * HA_PER_M2:,.4f} 公顷）", "f": "area"},
        ]
        if "DLMC" in rows.columns:
            by_type = rows.assign(_a=[_num(v) for v in rows["AREA_M2"]]).groupby("DLMC", sort=False)["_a"].sum()
            by_type = by_type.sort_values(ascending=False)
            panel.append({"k": "地类构成", "v": "；".join(f"{k} {a * MU_PER_M2:,.2f} 亩"
                                                         for k, a in by_type.items() if not _blank(k))})
        panel.append({"k": "核算价值（元/年）", "v": "生态产品价值核算结果，不是交易价格", "f": "section"})
        panel += [{"k": zh, "v": money(values[c]), "f": f"value_{c.lower()}"} for c, zh in CLASSES]
        panel += [{"k": "合计", "v": money(v_total), "f": "value_total"},
                  {"k": "单位面积核算价值", "v": f"{money(per_mu)} {VALUE_UNIT}" if per_mu is not None else "—",
                   "f": "per_mu"},
                  {"k": "交易条件", "v": "", "f": "section"},
                  {"k": label, "v": f"{money(price)} 元" if price is not None else PENDING, "f": "price"},
                  {"k": FIELD_LABELS.get("TERM_YEARS", "经营期限"), "v": term, "f": "term"},
                  {"k": FIELD_LABELS.get("OPERATING_FORMS", "允许的经营方式"),
                   "v": "、".join(_items(t.get("OPERATING_FORMS"))) or PENDING, "f": "forms"},
                  {"k": FIELD_LABELS.get("OPERATOR_SCOPE", "受让方资格条件"),
                   "v": str(t.get("OPERATOR_SCOPE") or PENDING), "f": "scope"}]
        for f in ("LISTING_DATE", "PLATFORM_REF"):
            if not _blank(t.get(f)):
                panel.append({"k": FIELD_LABELS.get(f, "交易平台编号" if f == "PLATFORM_REF" else f),
                              "v": str(t[f])})
        if status in STATUSES and STATUSES.index(status) >= STATUSES.index(SIGNED) and not _blank(t.get("OPERATOR")):
            panel.append({"k": FIELD_LABELS.get("OPERATOR", "经营主体"), "v": str(t["OPERATOR"])})
        panel.append({"k": FIELD_LABELS.get("CONTACT", "联系方式"), "v": str(t.get("CONTACT") or "—"),
                      "f": "contact"})
        out.append({"id": tid, "product": str(t.get("PRODUCT") or ""), "status": status,
                    "status_zh": STATUS_ZH.get(status, status), "parcels": len(ids), "area_m2": area_m2,
                    "area_mu": area_mu, "values": values, "v_total": v_total, "v_per_mu": per_mu,
                    "price_label": label, "price": price, "term_years": None if _blank(t.get("TERM_YEARS"))
                    else _num(t["TERM_YEARS"]), "contact": None if _blank(t.get("CONTACT")) else str(t["CONTACT"]),
                    "operating_forms": _items(t.get("OPERATING_FORMS")), "panel": panel})
    return out


def _quantile(ordered: list[float], i: int, k: int) -> float:
    """The i/k quantile of sorted values (linear interpolation, exact where it falls on a value)."""
    num = i * (len(ordered) - 1)
    lo, rest = divmod(num, k)
    if rest == 0:
        return ordered[lo]
    return ordered[lo] + (ordered[lo + 1] - ordered[lo]) * rest / k


def value_classes(values: Sequence[Optional[float]], n: int = 5) -> tuple[list[int], list[dict[str, str]]]:
    """Quantile classes of value per 亩: (class index per value, -1 for none; legend rows ``label``/``colour``).

    The breaks are the 0, 1/k, …, 1 quantiles of the distinct values with k = min(n, number of distinct values);
    equal breaks merge. A value falls into the last class whose lower break it reaches."""
    have = sorted({float(v) for v in values if v is not None and math.isfinite(v)})
    if not have:
        return [-1] * len(values), []
    k = max(1, min(n, len(have)))
    breaks = list(dict.fromkeys(_quantile(have, i, k) for i in range(k + 1)))
    if len(breaks) == 1:
        breaks = breaks * 2
    m = len(breaks) - 1
    colours = [RAMP[int(round(i))] for i in (np.linspace(0, len(RAMP) - 1, m) if m > 1 else [2])]
    idx = []
    for v in values:
        if v is None or not math.isfinite(v):
            idx.append(-1)
        else:
            idx.append(int(min(m - 1, max(0, np.searchsorted(breaks[1:-1], float(v), side="right")))))
    legend = [{"label": (f"{breaks[i]:,.0f} – {breaks[i + 1]:,.0f}" if breaks[i] != breaks[i + 1]
                         else f"{breaks[i]:,.0f}"), "colour": colours[i]} for i in range(m)]
    return idx, legend


# ----- the page ------------------------------------------------------------------------------------------------------
def page_data(reg: Register, parcels: gpd.GeoDataFrame, trade_ids: Optional[Sequence[str]] = None, *,
              title: str, precise: bool = False, context: bool = True, layer: str = "parcels") -> PromotionPage:
    """The page's data: lots with their panels, boundaries as GeoJSON (public or precise), legend and notes.

    ``context``: also draw the union of every parcel of ``parcels`` in grey (same generalisation)."""
    from .publication import to_geojson

    _check_fields(parcels, layer)
    trades = promoted_trades(reg, trade_ids)
    tp = trade_parcels(reg)
    members = {str(t["TRADE_ID"]): [str(p) for p in tp.loc[tp["TRADE_ID"] == t["TRADE_ID"], "PARCEL_ID"]]
               for t in trades}
    lots = lot_records(trades, members, parcels, layer)
    notices: list[Notice] = []
    early = [lot["id"] for lot in lots
             if lot["status"] not in STATUSES or STATUSES.index(lot["status"]) < STATUSES.index(PROMOTED_FROM)]
    if early:
        notices.append(Notice("promotion_not_listed", "Trades {trades} are not listed yet; their price is shown as "
                              "待定 unless a listing price is recorded.", {"trades": short_list(early)}))
    settings = boundary_settings(precise)
    notices.append(map_review_notice(settings))
    shapes = lot_boundaries(parcels, {lot["id"]: members[lot["id"]] for lot in lots},
                            generalise_m=settings.generalise_m, decimals=settings.decimals, layer=layer)
    ctx = None
    if context:
        all_ids = list(dict.fromkeys(parcels["PARCEL_ID"].astype(str)))
        ctx_gdf = lot_boundaries(parcels, {"context": all_ids}, generalise_m=settings.generalise_m,
                                 decimals=settings.decimals, layer=layer)
        ctx = json.loads(to_geojson(ctx_gdf, settings.decimals))
    classes, legend = value_classes([lot["v_per_mu"] for lot in lots])
    for lot, c in zip(lots, classes):
        lot["class"] = c
        lot["colour"] = legend[c]["colour"] if c >= 0 else "#cccccc"
    area_m2 = sum(lot["area_m2"] for lot in lots)
    summary = f"共 {len(lots)} 宗地块，合计 {area_m2 * MU_PER_M2:,.2f} 亩（{area_m2 * HA_PER_M2:,.2f} 公顷）"
    data = {
        "title": title, "summary": summary, "lots": lots, "legend": legend,
        "legend_title": f"单位面积核算价值（{VALUE_UNIT}）",
        "lots_geojson": json.loads(to_geojson(shapes, settings.decimals)), "context_geojson": ctx,
        "note": map_review_note(settings, "zh"),
        "value_note": "核算价值是按生态产品价值核算方法得出的年度生态效益，不是交易价格；价格以挂牌价或成交价为准。",
        "boundaries": {"mode": settings.mode, "generalise_m": settings.generalise_m,
                       "decimals": settings.decimals},
        "generated": f"{dt.date.today().isoformat()} · SWC EcoValue {__version__}",
    }
    return PromotionPage(title, data, notices)


def script_json(obj: Any) -> str:
    """JSON for an inline ``<script type="application/json">``: ``<``, ``>``, ``&`` and the JavaScript line
    separators are written as ``\\uXXXX`` escapes, so no value can close the script element or start markup."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch in ("&", "<", ">", "\u2028", "\u2029"):
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def _inline(path: Path, closing: str) -> str:
    """A vendored file's text, refusing text that could end its inline element early."""
    if not path.is_file():
        raise ValuationError("promotion_vendor_missing", "The map library file {path} is missing; run "
                             "scripts/vendor_leaflet.sh.", path=str(path))
    text = path.read_text(encoding="utf-8")
    low = text.lower()
    if closing in low or "<!--" in low:
        raise ValuationError("promotion_vendor_unsafe", "The map library file {path} contains {text} and cannot be "
                             "inlined.", path=str(path), text=closing)
    return text


def render_page(page: PromotionPage, templates: Optional[Path] = None) -> str:
    """The HTML of the page: ``resources/templates/promotion_map.html`` (``$name`` placeholders) with the page
    script ``promotion_map.js``, Leaflet's JS/CSS and licence, and the data inlined."""
    folder = templates or TEMPLATES
    template = folder / f"{TEMPLATE}.html"
    script = folder / f"{TEMPLATE}.js"
    if not template.is_file():
        template = TEMPLATES / f"{TEMPLATE}.html"
    if not script.is_file():
        script = TEMPLATES / f"{TEMPLATE}.js"
    version = json.loads((VENDOR / "package.json").read_text(encoding="utf-8")).get("version", "")
    licence = (VENDOR / "LICENSE").read_text(encoding="utf-8").replace("--", "—")
    values = {
        "title": html.escape(page.title), "note": html.escape(page.data["note"]),
        "value_note": html.escape(page.data["value_note"]), "summary": html.escape(page.data["summary"]),
        "generated": html.escape(page.data["generated"]),
        "leaflet_css": _inline(VENDOR / "leaflet.css", "</style"),
        "leaflet_js": _inline(VENDOR / "leaflet.js", "</script"),
        "leaflet_version": html.escape(version), "leaflet_licence": licence,
        "page_js": _inline(script, "</script"), "data": script_json(page.data),
    }
    return string.Template(template.read_text(encoding="utf-8")).safe_substitute(values)


def write_page(path: Union[str, Path], text: str) -> Path:
    """Write the page atomically (a temporary file in the same folder renamed into place)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ValuationError("promotion_no_folder", "Folder {folder} does not exist.", folder=str(path.parent))
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
