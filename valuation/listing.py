"""The listing package of a trade (挂牌材料, policy clause 十): what the public resource trading platform publishes.

API::

    build_listing(reg, trade_id, parcels, *, precise=False, as_of=None, layer="parcels") -> Listing
    listing_paths(folder, trade_id) -> {"json"|"xlsx"|"geojson"|"gpkg"|"pdf": Path}
    staged(paths) -> context manager of temporary paths, renamed onto ``paths`` when the block succeeds
    write_listing(listing, paths)          # JSON, .xlsx, GeoJSON, GeoPackage (the PDF is QGIS's, see the algorithm)
    listing_html(listing, font_css, templates=None) -> str    # the PDF's text (resources/templates/listing.html)

The record holds the basic information (trade, product, county and location, sellers, platform reference), the
parcels with land use and area (m², 亩), totals, the appraisal result (appraiser, appraised value, date), the
permitted operating forms, the eligible operator scope, the proposed price (LISTING_PRICE) and terms, the contact,
and — kept apart and labelled — the accounted value, which is not a price. Every check fails with an error that
names the field or the parcels (docs/listing.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional, Union

import geopandas as gpd
import numpy as np
import pandas as pd

from . import __version__, trading
from .errors import Notice, ValuationError, short_list
from .parcels import area_m2, find_field
from .publication import (
    BoundarySettings,
    boundary_settings,
    dissolve_lots,
    lot_boundaries,
    map_review_note,
    map_review_notice,
    publication_parameters,
    to_geojson,
)
from .register import Register, utc_now

SCHEMA = "swc-ecovalue/listing"
SCHEMA_VERSION = 1
#: A listing package needs this status or a later one.
MIN_STATUS = "appraised"
MU_PER_M2 = 15 / 10000
KINDS = ("json", "xlsx", "geojson", "gpkg", "pdf")
#: Chinese labels of the record's fields (the trade's from valuation.trading.FIELD_LABELS).
LABELS: dict[str, str] = {
    "TRADE_ID": "交易编号", "STATUS": "交易状态", "COUNTY": "区县", "LOCATION": "坐落", "PLATFORM_REF": "交易平台编号",
    "PARCEL_ID": "图斑编号", "DLBM": "地类编码", "DLMC": "地类名称", "ZLDWMC": "坐落单位", "AREA_M2": "面积（m²）",
    "AREA_MU": "面积（亩）", "SELLER": "出让主体", "N_PARCELS": "图斑数", "LISTING_PRICE": "挂牌价",
    "OPERATING_FORMS": "允许的经营方式", "OPERATOR_SCOPE": "受让方资格条件", "CONTACT": "联系方式",
    **trading.FIELD_LABELS,
}
#: Chinese names of the trade statuses (sheet and PDF; the JSON keeps the status code).
STATUS_ZH = {"planned": "筹备", "accounted": "已核算", "appraised": "已评估", "listed": "已挂牌",
             "publicised": "公示中", "signed": "已签约", "filed": "已备案", "certified": "已发凭证", "closed": "已关闭"}
#: The 地块清单 sheet's columns.
PARCEL_COLUMNS = ("PARCEL_ID", "DLBM", "DLMC", "ZLDWMC", "AREA_M2", "AREA_MU", "SELLER")
ACCOUNTED_NOTE_ZH = "核算价值为年度生态产品价值（元/年），用于参考，不是评估价值，也不是挂牌价或成交价。"


def label(name: str) -> str:
    return LABELS.get(name, name)


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == ""


def _items(value: Any) -> list[str]:
    split = getattr(trading, "split_items", None)
    if split is not None:
        return list(split(value))
    return [] if _blank(value) else [p.strip() for p in str(value).replace("；", ";").split(";") if p.strip()]


def _num(v: Any) -> Optional[float]:
    if _blank(v):
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


@dataclass
class Listing:
    """A checked listing: the record (the JSON), the lot's parcels and boundaries, and notices."""

    trade_id: str
    record: dict[str, Any]
    parcels: gpd.GeoDataFrame            # PARCEL_COLUMNS + geometry, the parcels' CRS
    boundary: gpd.GeoDataFrame           # the precise dissolved lot (LOT_ID, TRADE_ID, N_PARCELS, AREA_M2, AREA_MU)
    public: gpd.GeoDataFrame             # the published boundary, EPSG:4326 (generalised unless precise)
    settings: BoundarySettings
    notices: list[Notice] = field(default_factory=list)


# ----- checks ----------------------------------------------------------------------------------------------------
def _screen(reg: Register, trade_id: str, as_of: dt.date) -> None:
    """Refuse a trade whose operator or investors are on the excluded-operator list (valuation.screening)."""
    try:
        from . import screening
    except ImportError:
        return
    screen = getattr(screening, "screen_trade", None)
    if screen is None:
        return
    blocking = screen(reg, trade_id, as_of)
    if blocking is None or len(blocking) == 0:
        return
    if isinstance(blocking, pd.DataFrame):
        entries = [" ".join(str(v) for v in r if not _blank(v)) for r in blocking.itertuples(index=False)]
    else:
        entries = [_entry_text(e) for e in blocking]
    raise ValuationError("listing_blocked", "Trade {trade} cannot be listed; on the excluded-operator list: "
                         "{entries}.", trade=trade_id, entries=short_list(entries, 5))


def _entry_text(entry: Any) -> str:
    if isinstance(entry, dict):
        keys = ("ROLE", "role", "NAME", "name", "REASON", "reason")
        parts = [str(entry[k]) for k in keys if k in entry and not _blank(entry[k])]
        return " ".join(parts) if parts else str(entry)
    for attr in ("text", "describe"):
        fn = getattr(entry, attr, None)
        if callable(fn):
            return str(fn())
    return str(entry)


def _check_trade(reg: Register, trade_id: str) -> dict[str, Any]:
    t = trading.get_trade(reg, trade_id)
    if t is None:
        raise ValuationError("trade_missing", "Trade {trade} is not in the register.", trade=trade_id)
    status = str(t["STATUS"])
    if status not in trading.STATUSES or trading.STATUSES.index(status) < trading.STATUSES.index(MIN_STATUS):
        raise ValuationError("listing_not_appraised", "Trade {trade} is {status}; a listing package needs status "
                             "appraised or later.", trade=trade_id, status=status)
    missing = [f for f in trading.missing_for(t, "listed") if f != "LISTING_DATE"]
    if "OPERATING_FORMS" not in missing and not _items(t.get("OPERATING_FORMS")):
        missing.append("OPERATING_FORMS")  # only separators, no item
    if missing:
        raise ValuationError("listing_missing_fields", "Trade {trade}: the listing lacks {fields}.", trade=trade_id,
                             fields=", ".join(f"{f} ({label(f)})" for f in missing))
    for f in ("LISTING_PRICE", "TERM_YEARS"):
        v = _num(t.get(f))
        if v is None or not v > 0:
            raise ValuationError("listing_not_positive", "Trade {trade}: {field} ({label}) must be greater than 0, "
                                 "got {value}.", trade=trade_id, field=f, label=label(f), value=t.get(f))
    return t


def _lot_parcels(reg: Register, trade_id: str, parcels: gpd.GeoDataFrame, layer: str,
                 tolerance_pct: float) -> tuple[gpd.GeoDataFrame, list[Notice]]:
    """The trade's parcels from the layer with PARCEL_COLUMNS, checked against the register."""
    if parcels.crs is None:
        raise ValuationError("no_crs", "Layer {layer} has no CRS.", layer=layer)
    pid_col = find_field(parcels.columns, "PARCEL_ID")
    if pid_col is None:
        raise ValuationError("missing_field", "Layer {layer} has no field {field}.", layer=layer, field="PARCEL_ID")
    gdf = parcels.rename(columns={pid_col: "PARCEL_ID"}).copy()
    gdf["PARCEL_ID"] = gdf["PARCEL_ID"].astype(str)
    tp = trading.trade_parcels(reg, trade_id)
    tp["PARCEL_ID"] = tp["PARCEL_ID"].astype(str)
    ids = list(tp["PARCEL_ID"])
    dup = sorted(set(gdf.loc[gdf["PARCEL_ID"].duplicated() & gdf["PARCEL_ID"].isin(ids), "PARCEL_ID"]))
    if dup:
        raise ValuationError("duplicate_parcel_id", "PARCEL_ID values occur more than once in layer {layer}: {ids}.",
                             layer=layer, ids=short_list(dup))
    missing = [p for p in ids if p not in set(gdf["PARCEL_ID"])]
    if missing:
        raise ValuationError("listing_parcels_missing", "Trade {trade}: parcels {parcels} are not in layer {layer}.",
                             trade=trade_id, parcels=short_list(missing), layer=layer)
    lot = gdf.set_index("PARCEL_ID").loc[ids].reset_index()
    empty = [p for p, g in zip(lot["PARCEL_ID"], lot.geometry) if g is None or g.is_empty]
    if empty:
        raise ValuationError("listing_parcels_no_geometry", "Trade {trade}: parcels {parcels} have no geometry in "
                             "layer {layer}.", trade=trade_id, parcels=short_list(empty), layer=layer)
    notices: list[Notice] = []
    geo_area = area_m2(np.asarray(lot.geometry.values, dtype=object), lot.crs)
    area_col = find_field(lot.columns, "AREA_M2")
    if area_col is None:
        area = geo_area
        notices.append(Notice("listing_area_computed", "Layer {layer} has no AREA_M2 field; the parcels' areas were "
                              "computed from their geometry (ellipsoidal).", {"layer": layer}))
    else:
        area = pd.to_numeric(lot[area_col], errors="coerce").to_numpy(dtype=float)
        bad = [p for p, a, g in zip(lot["PARCEL_ID"], area, geo_area)
               if not math.isfinite(a) or abs(a - g) > tolerance_pct / 100 * g + 1.0]
        if bad:
            raise ValuationError("listing_area_mismatch", "Layer {layer}: AREA_M2 of parcels {parcels} is missing or "
                                 "differs from the area of their geometry by more than {tolerance:g} %.",
                                 layer=layer, parcels=short_list(bad), tolerance=tolerance_pct)
    # sellers: the trade's (register) against the layer's and the ownership register's
    reg_seller = dict(zip(tp["PARCEL_ID"], tp["SELLER"]))
    diffs = []
    seller_col = find_field(lot.columns, "SELLER")
    if seller_col is not None:
        for p, s in zip(lot["PARCEL_ID"], lot[seller_col]):
            if not _blank(s) and not _blank(reg_seller.get(p)) and str(s).strip() != str(reg_seller[p]).strip():
                diffs.append(f"{p}: {s} ({layer}) / {reg_seller[p]} ({trade_id})")
    own = reg.assignments()
    if len(own) and "SELLER" in own.columns:
        for p in ids:
            if p in own.index:
                s = own.at[p, "SELLER"]
                if not _blank(s) and not _blank(reg_seller.get(p)) and str(s).strip() != str(reg_seller[p]).strip():
                    diffs.append(f"{p}: {s} (ownership) / {reg_seller[p]} ({trade_id})")
    if diffs:
        raise ValuationError("listing_seller_mismatch", "Trade {trade}: the seller of parcels differs from the "
                             "register's: {items}.", trade=trade_id, items=short_list(diffs, 5))
    out = gpd.GeoDataFrame({"PARCEL_ID": lot["PARCEL_ID"]}, geometry=lot.geometry.values, crs=lot.crs)
    for name in ("DLBM", "DLMC", "ZLDWMC"):
        col = find_field(lot.columns, name)
        out[name] = [None if col is None or _blank(v) else str(v).strip() for v in
                     (lot[col] if col is not None else [None] * len(lot))]
    if out["DLMC"].isna().all() and out["DLBM"].notna().any():
        out["DLMC"] = _landuse_names(out["DLBM"])
    out["AREA_M2"] = np.round(area, 2)
    out["AREA_MU"] = np.round(area * MU_PER_M2, 4)
    out["SELLER"] = [None if _blank(reg_seller.get(p)) else str(reg_seller[p]) for p in out["PARCEL_ID"]]
    return out[[*PARCEL_COLUMNS, "geometry"]], notices


def _landuse_names(codes: pd.Series) -> list[Optional[str]]:
    """DLMC from the land-use code table where the layer has only DLBM."""
    from .landuse import load_code_table, normalise_code

    table = load_code_table()
    names = dict(zip(table.index.astype(str), table["name_zh"]))
    out = []
    for c in codes:
        try:
            out.append(names.get(normalise_code(c)) if not _blank(c) else None)
        except ValuationError:
            out.append(None)
    return out


# ----- the record ------------------------------------------------------------------------------------------------
def build_listing(reg: Register, trade_id: str, parcels: gpd.GeoDataFrame, *, precise: bool = False,
                  as_of: Optional[Union[dt.date, str]] = None, layer: str = "parcels") -> Listing:
    """The checked listing of ``trade_id`` from the register and the parcels layer (PARCEL_ID, AREA_M2, DLBM/DLMC,
    ZLDWMC, SELLER when present). ``as_of``: the day the excluded-operator list is checked (default today)."""
    trade_id = str(trade_id or "").strip()
    t = _check_trade(reg, trade_id)
    day = trading.as_date(as_of, "as_of") if as_of is not None else dt.date.today()
    _screen(reg, trade_id, day)
    params = publication_parameters()
    settings = boundary_settings(precise, params)
    lot, notices = _lot_parcels(reg, trade_id, parcels, layer, params.value("listing_area_tolerance_pct"))
    lots = {trade_id: list(lot["PARCEL_ID"])}
    boundary = dissolve_lots(lot, lots, layer)
    area = float(lot["AREA_M2"].sum())
    boundary["TRADE_ID"] = trade_id
    boundary["AREA_M2"] = round(area, 2)
    boundary["AREA_MU"] = round(area * MU_PER_M2, 4)
    boundary = boundary[["LOT_ID", "TRADE_ID", "N_PARCELS", "AREA_M2", "AREA_MU", "geometry"]]
    public = lot_boundaries(lot, lots, generalise_m=settings.generalise_m, decimals=settings.decimals, layer=layer)
    price, appraised = float(t["LISTING_PRICE"]), _num(t.get("APPRAISED_VALUE"))
    if appraised is not None and price < appraised:
        notices.append(Notice("listing_below_appraisal", "The proposed price {price:,.2f} 元 of trade {trade} is "
                              "below the appraised value {appraised:,.2f} 元.",
                              {"price": price, "trade": trade_id, "appraised": appraised}))
    notices.append(map_review_notice(settings))
    centre = boundary.geometry.iloc[0].representative_point()
    lon, lat = gpd.GeoSeries([centre], crs=boundary.crs).to_crs("EPSG:4326").iloc[0].coords[0]
    record = _record(t, lot, settings, (round(lon, settings.decimals), round(lat, settings.decimals)),
                     str(boundary.crs.to_string()) if boundary.crs is not None else "", notices)
    return Listing(trade_id, record, lot, boundary, public, settings, notices)


def _record(t: dict[str, Any], lot: gpd.GeoDataFrame, settings: BoundarySettings, centre: tuple[float, float],
            crs: str, notices: list[Notice]) -> dict[str, Any]:
    trade_id = str(t["TRADE_ID"])
    parcels = [{c: (None if _blank(r[c]) else (float(r[c]) if c in ("AREA_M2", "AREA_MU") else str(r[c])))
                for c in PARCEL_COLUMNS} for _, r in lot.iterrows()]
    by_use = (pd.DataFrame(lot.drop(columns="geometry")).fillna({"DLBM": "", "DLMC": ""})
              .groupby(["DLBM", "DLMC"], sort=True).agg(N_PARCELS=("PARCEL_ID", "size"), AREA_M2=("AREA_M2", "sum"))
              .reset_index())
    area = float(lot["AREA_M2"].sum())
    locations = list(dict.fromkeys(str(z) for z in lot["ZLDWMC"] if not _blank(z)))
    return {
        "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "generated_at": utc_now(),
        "software": f"SWC EcoValue {__version__}",
        "basic": {"TRADE_ID": trade_id, "STATUS": t["STATUS"], "PRODUCT": t.get("PRODUCT"),
                  "COUNTY": t.get("COUNTY"), "LOCATION": locations, "SELLERS": _items(t.get("SELLERS")),
                  "PLATFORM_REF": t.get("PLATFORM_REF"), "LISTING_DATE": t.get("LISTING_DATE")},
        "parcels": parcels,
        "totals": {"N_PARCELS": len(parcels), "AREA_M2": round(area, 2), "AREA_MU": round(area * MU_PER_M2, 4),
                   "BY_LANDUSE": [{"DLBM": r.DLBM or None, "DLMC": r.DLMC or None, "N_PARCELS": int(r.N_PARCELS),
                                   "AREA_M2": round(float(r.AREA_M2), 2),
                                   "AREA_MU": round(float(r.AREA_M2) * MU_PER_M2, 4)}
                                  for r in by_use.itertuples(index=False)]},
        "appraisal": {"APPRAISER": t.get("APPRAISER"), "APPRAISED_VALUE": _num(t.get("APPRAISED_VALUE")),
                      "APPRAISAL_DATE": t.get("APPRAISAL_DATE"), "UNIT": "元"},
        "operating_forms": _items(t.get("OPERATING_FORMS")),
        "operator_scope": t.get("OPERATOR_SCOPE"),
        "price_and_terms": {"LISTING_PRICE": _num(t.get("LISTING_PRICE")), "UNIT": "元",
                            "TERM_YEARS": _num(t.get("TERM_YEARS")), "PAYMENT_METHOD": t.get("PAYMENT_METHOD")},
        "contact": t.get("CONTACT"),
        "accounted_value": {"ACCOUNTED_VALUE": _num(t.get("ACCOUNTED_VALUE")), "ACCOUNT_DATE": t.get("ACCOUNT_DATE"),
                            "UNIT": "元/年", "NOTE": ACCOUNTED_NOTE_ZH},
        "boundary": {"GEOJSON": f"{trade_id}_listing.geojson", "GEOJSON_CRS": "EPSG:4326 (WGS 84 lon/lat)",
                     "MODE": settings.mode, "GENERALISE_M": settings.generalise_m, "DECIMALS": settings.decimals,
                     "SETTINGS_TABLE": settings.table, "CENTRE_LONLAT": list(centre),
                     "GPKG": f"{trade_id}_listing.gpkg", "GPKG_CRS": crs,
                     "MAP_REVIEW_NOTE": {"zh": map_review_note(settings, "zh"), "en": map_review_note(settings, "en")}},
        "labels": {k: label(k) for k in ("TRADE_ID", "STATUS", "PRODUCT", "COUNTY", "LOCATION", "SELLERS",
                                         "PLATFORM_REF", "LISTING_DATE", *PARCEL_COLUMNS, "N_PARCELS", "APPRAISER",
                                         "APPRAISED_VALUE", "APPRAISAL_DATE", "OPERATING_FORMS", "OPERATOR_SCOPE",
                                         "LISTING_PRICE", "TERM_YEARS", "PAYMENT_METHOD", "CONTACT",
                                         "ACCOUNTED_VALUE", "ACCOUNT_DATE")},
        "notices": [n.text() for n in notices if n.code == "listing_below_appraisal"],
    }


# ----- files -----------------------------------------------------------------------------------------------------
def listing_paths(folder: Union[str, Path], trade_id: str) -> dict[str, Path]:
    """``<folder>/<TRADE_ID>_listing.<ext>`` for every kind (characters unsafe in file names replaced by _)."""
    safe = "".join(c if c not in '<>:"/\\|?*' and ord(c) >= 32 else "_" for c in str(trade_id)).strip() or "trade"
    return {k: Path(folder) / f"{safe}_listing.{k}" for k in KINDS}


@contextlib.contextmanager
def staged(paths: dict[str, Path]) -> Iterator[dict[str, Path]]:
    """Temporary files next to the targets (same suffix). When the block succeeds every one is renamed onto its
    target; when it fails they are removed and no target is touched."""
    tmps = {k: p.with_name(f".{p.stem}.{uuid.uuid4().hex[:8]}.tmp{p.suffix}") for k, p in paths.items()}
    for p in paths.values():
        p.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield tmps
        for k, p in paths.items():
            if not tmps[k].exists():
                raise ValuationError("listing_not_written", "{path} was not written.", path=str(p))
        for k, p in paths.items():
            os.replace(tmps[k], p)
    finally:
        for t in tmps.values():
            for extra in (t, *(t.with_name(t.name + s) for s in ("-wal", "-shm", "-journal"))):
                with contextlib.suppress(OSError):
                    extra.unlink()


def write_listing(listing: Listing, paths: dict[str, Path]) -> None:
    """The JSON, .xlsx, GeoJSON and GeoPackage of ``paths`` (keys json, xlsx, geojson, gpkg; others ignored)."""
    if "json" in paths:
        Path(paths["json"]).write_text(json.dumps(listing.record, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    if "xlsx" in paths:
        write_xlsx(listing, paths["xlsx"])
    if "geojson" in paths:
        pub = listing.public.copy()
        pub["TRADE_ID"] = listing.trade_id
        pub["MODE"] = listing.settings.mode
        pub["GENERAL_M"] = listing.settings.generalise_m
        pub["DECIMALS"] = listing.settings.decimals
        pub["NOTE"] = map_review_note(listing.settings, "zh")
        Path(paths["geojson"]).write_text(to_geojson(pub, listing.settings.decimals) + "\n", encoding="utf-8")
    if "gpkg" in paths:
        listing.boundary.to_file(paths["gpkg"], layer="lot_boundary", driver="GPKG")
        listing.parcels.to_file(paths["gpkg"], layer="parcels", driver="GPKG")


def basic_rows(listing: Listing) -> list[tuple[str, Any]]:
    """(label, value) rows of the 基本信息 sheet and the PDF's first table, in order."""
    r = listing.record
    b, a, p, tot, acc = r["basic"], r["appraisal"], r["price_and_terms"], r["totals"], r["accounted_value"]
    return [
        ("交易编号", b["TRADE_ID"]), ("产品类型", b["PRODUCT"]), ("区县", b["COUNTY"]),
        ("坐落", "、".join(b["LOCATION"]) or None), ("出让主体", "；".join(b["SELLERS"]) or None),
        ("交易平台编号", b["PLATFORM_REF"]),
        ("交易状态", f"{STATUS_ZH.get(b['STATUS'], b['STATUS'])}（{b['STATUS']}）"),
        ("图斑数", tot["N_PARCELS"]), ("面积合计（m²）", tot["AREA_M2"]), ("面积合计（亩）", tot["AREA_MU"]),
        ("评估机构", a["APPRAISER"]), ("评估价值（元）", a["APPRAISED_VALUE"]), ("评估日期", a["APPRAISAL_DATE"]),
        ("允许的经营方式", "；".join(r["operating_forms"])), ("受让方资格条件", r["operator_scope"]),
        ("挂牌价（元）", p["LISTING_PRICE"]), ("经营期限（年）", p["TERM_YEARS"]), ("付款方式", p["PAYMENT_METHOD"]),
        ("联系方式", r["contact"]),
        ("核算价值（元/年，非价格）", acc["ACCOUNTED_VALUE"]), ("核算日期", acc["ACCOUNT_DATE"]),
        ("边界说明", r["boundary"]["MAP_REVIEW_NOTE"]["zh"]),
    ]


def parcel_rows(listing: Listing) -> tuple[list[str], list[list[Any]]]:
    """Headers (Chinese) and rows of the 地块清单 sheet, with a 合计 row."""
    headers = [label(c) for c in PARCEL_COLUMNS]
    rows = [[p[c] for c in PARCEL_COLUMNS] for p in listing.record["parcels"]]
    tot = listing.record["totals"]
    rows.append(["合计", None, None, None, tot["AREA_M2"], tot["AREA_MU"], None])
    return headers, rows


def write_xlsx(listing: Listing, path: Union[str, Path]) -> None:
    """Sheets 基本信息 (项目, 内容) and 地块清单 (Chinese headers, a 合计 row)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "基本信息"
    ws.append(["项目", "内容"])
    for k, v in basic_rows(listing):
        ws.append([k, v])
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 70
    for row in ws.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    sheet = wb.create_sheet("地块清单")
    headers, rows = parcel_rows(listing)
    sheet.append(headers)
    for r in rows:
        sheet.append(r)
    for i, h in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(12, 2 * len(h) + 2)
    for s in (ws, sheet):
        for cell in s[1]:
            cell.font = Font(bold=True)
        s.freeze_panes = "A2"
    wb.save(str(path))


def listing_html(listing: Listing, font_css: str = "sans-serif", templates: Optional[Path] = None) -> str:
    """The PDF's text from ``resources/templates/listing.html``."""
    from .report_model import field_table, html_table, render

    r = listing.record
    headers, rows = parcel_rows(listing)
    by_use = [[u["DLBM"], u["DLMC"], u["N_PARCELS"], u["AREA_M2"], u["AREA_MU"]] for u in r["totals"]["BY_LANDUSE"]]
    rows_basic = basic_rows(listing)
    skip = {"边界说明", "核算价值（元/年，非价格）", "核算日期", "允许的经营方式", "受让方资格条件", "联系方式",
            "挂牌价（元）", "经营期限（年）", "付款方式", "评估机构", "评估价值（元）", "评估日期"}
    values = {
        "title": "水土保持生态产品交易挂牌信息", "trade_id": listing.trade_id,
        "basic": field_table([(k, v) for k, v in rows_basic if k not in skip]),
        "parcels": html_table(headers, rows), "landuse": html_table(
            ["地类编码", "地类名称", "图斑数", "面积（m²）", "面积（亩）"], by_use),
        "appraisal": field_table([(k, v) for k, v in rows_basic if k in ("评估机构", "评估价值（元）", "评估日期")]),
        "operating_forms": "".join(f"<li>{_esc(f)}</li>" for f in r["operating_forms"]),
        "operator_scope": _esc(r["operator_scope"]),
        "terms": field_table([(k, v) for k, v in rows_basic if k in ("挂牌价（元）", "经营期限（年）", "付款方式")]),
        "contact": _esc(r["contact"]),
        "accounted": field_table([(k, v) for k, v in rows_basic if k in ("核算价值（元/年，非价格）", "核算日期")]),
        "accounted_note": _esc(ACCOUNTED_NOTE_ZH),
        "map_note": _esc(r["boundary"]["MAP_REVIEW_NOTE"]["zh"]),
        "generated_at": _esc(r["generated_at"]),
    }
    return render("listing", values, font_css, templates)


def _esc(v: Any) -> str:
    import html

    return "—" if _blank(v) else html.escape(str(v))
