"""The trading work plan (交易工作计划, clause （四）): what a county drafts for one or more lots before accounting.

Per lot (a trade of the register, status ``planned`` or later): product type and scope (parcels, area in m², 亩
and hm², land use, villages), scale (area; accounted value by class when the parcels are valued), the schedule of
milestones, the sellers with their rights, the departments' division of duties, and blank approval fields for the
county government. No QGIS here.

API::

    load_schedule(path=None) -> DataFrame        # resources/templates/workplan_schedule.csv, validated
    load_duties(path=None) -> DataFrame           # resources/templates/workplan_duties.csv (department, duties, source)
    parse_overrides(cells) -> dict[str, date]    # SCHEDULE matrix cells: milestone, date, milestone, date, …
    workplan_model(reg, trade_ids, parcels, county="", start_date=None, overrides=None, schedule=None,
                   duties=None) -> WorkPlan
    plan_blocks(plan) -> list[Block]              # headings, paragraphs, tables (valuation/odf.py)
    plan_html(plan, font_css, templates=None) -> str   # resources/templates/workplan.html filled
    write_plan_odt(plan, path)                    # the editable .odt
    lots_frame(plan) -> GeoDataFrame              # TRADE_ID, PARCEL_ID, geometry of every lot's parcels (the map)

Schedule: each milestone is planned ``days`` (and ``months``) after the milestone it follows (``after``; ``start``
is START_DATE), lasting ``duration_days`` (公示). A date already in the register (``register_fields``) is shown as
done and later milestones follow from it. The feedback plan is always due 6 calendar months after the contract
(:func:`valuation.trading.feedback_due`, clause 十二). ``overrides`` fix a milestone's (start) date by hand.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

import pandas as pd

from .errors import Notice, ValuationError, short_list
from .landuse import load_code_table, normalise_code
from .odf import Block, Heading, Image, Paragraph, Table, write_odt
from .ownership import OWN_TYPE, blank, mask_identifier
from .register import Register
from .report_model import CLASSES, MU_PER_M2, TEMPLATES, fmt, render
from .trading import DATE_FIELDS, FEEDBACK_MONTHS, STATUSES, add_months, as_date, feedback_due, trade_parcels

SCHEDULE_PATH = TEMPLATES / "workplan_schedule.csv"
DUTIES_PATH = TEMPLATES / "workplan_duties.csv"
SCHEDULE_COLUMNS = ("milestone", "name_zh", "after", "days", "months", "duration_days", "register_fields", "source")
FEEDBACK_MILESTONE = "feedback_plan"
CONTRACT_MILESTONE = "contract"
#: The blank fields the county government fills in by hand.
APPROVAL_FIELDS = ("县人民政府审批意见", "签字", "盖章", "日期")
STATUS_ZH = {"planned": "计划", "accounted": "已核算", "appraised": "已评估", "listed": "已挂牌",
             "publicised": "已公示", "signed": "已签约", "filed": "已备案", "certified": "已发证", "closed": "已关闭"}
HA_PER_M2 = 1 / 10000
VALUE_FIELDS = ("V_MAT", "V_REG", "V_CUL", "V_TOTAL")


@dataclass
class Milestone:
    """One step of a lot's schedule: planned or done (a date in the register)."""

    key: str
    name_zh: str
    start: dt.date
    date: dt.date
    done: bool
    source: str
    overridden: bool = False


@dataclass
class Lot:
    """One trade of the work plan."""

    trade_id: str
    product: str
    status: str
    parcel_ids: list[str]
    area_m2: float
    landuse: pd.DataFrame            # DLBM, DLMC, N, AREA_M2 (empty without DLBM)
    villages: list[str]
    values: Optional[dict[str, float]]  # V_MAT, V_REG, V_CUL, V_TOTAL summed over the parcels (None: not valued)
    accounted_value: Optional[float]    # the register's ACCOUNTED_VALUE
    sellers: pd.DataFrame            # SELLER, SELLER_CD (masked), OWN_TYPE (zh), HOLDER, N, AREA_M2, RIGHTS
    milestones: list[Milestone]

    @property
    def area_mu(self) -> float:
        return self.area_m2 * MU_PER_M2

    @property
    def area_ha(self) -> float:
        return self.area_m2 * HA_PER_M2


@dataclass
class WorkPlan:
    county: str
    start_date: dt.date
    lots: list[Lot]
    duties: pd.DataFrame
    title: str = "水土保持生态产品交易工作计划"
    notices: list[Notice] = field(default_factory=list)
    geometry: Any = None  # GeoDataFrame TRADE_ID, PARCEL_ID, geometry (None when the parcels have no geometry)


# ----- tables ---------------------------------------------------------------------------------------------------
def _read_csv(path: Union[str, Path]) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def load_schedule(path: Optional[Union[str, Path]] = None) -> pd.DataFrame:
    """The milestone table, validated: known columns, whole non-negative numbers, ``after`` naming ``start`` or an
    earlier milestone, register fields that are trade dates, and the feedback plan 6 months after the contract."""
    path = Path(path or SCHEDULE_PATH)
    df = _read_csv(path)
    df.columns = [str(c).strip().lower() for c in df.columns]
    missing = [c for c in SCHEDULE_COLUMNS if c not in df.columns]
    if missing:
        raise ValuationError("workplan_schedule_columns", "Schedule table {path} lacks columns {columns}.",
                             path=str(path), columns=", ".join(missing))
    df = df[list(SCHEDULE_COLUMNS)].apply(lambda c: c.str.strip())
    dup = sorted(set(df["milestone"][df["milestone"].duplicated()]))
    if dup:
        raise ValuationError("workplan_schedule_duplicate", "Schedule table {path} repeats milestones {milestones}.",
                             path=str(path), milestones=", ".join(dup))
    seen = {"start"}
    for row in df.to_dict("records"):
        m = row["milestone"]
        if row["after"] not in seen:
            raise ValuationError("workplan_schedule_after", "Schedule table {path}: milestone {milestone} follows "
                                 "{after}, which is neither start nor an earlier milestone.", path=str(path),
                                 milestone=m, after=row["after"])
        seen.add(m)
        for col in ("days", "months", "duration_days"):
            v = row[col] or "0"
            if not v.isdigit():
                raise ValuationError("workplan_schedule_number", "Schedule table {path}: milestone {milestone} has "
                                     "a {column} that is not a whole number ≥ 0: {value}.", path=str(path),
                                     milestone=m, column=col, value=v)
        bad = [f for f in _fields(row["register_fields"]) if f not in DATE_FIELDS]
        if bad:
            raise ValuationError("workplan_schedule_field", "Schedule table {path}: milestone {milestone} names "
                                 "register fields that are not trade dates: {fields}.", path=str(path), milestone=m,
                                 fields=", ".join(bad))
    for col in ("days", "months", "duration_days"):
        df[col] = df[col].replace("", "0").astype(int)
    fb = df[df["milestone"] == FEEDBACK_MILESTONE]
    if (len(fb) != 1 or fb["after"].iloc[0] != CONTRACT_MILESTONE or int(fb["months"].iloc[0]) != FEEDBACK_MONTHS
            or int(fb["days"].iloc[0]) != 0):
        raise ValuationError("workplan_feedback_rule", "Schedule table {path}: the feedback plan "
                             "(milestone feedback_plan) is due {months} months after the contract (clause 十二); "
                             "keep that row as after = contract, days = 0, months = {months}.", path=str(path),
                             months=FEEDBACK_MONTHS)
    return df.reset_index(drop=True)


def _fields(text: str) -> list[str]:
    return [f.strip().upper() for f in str(text or "").replace(",", ";").split(";") if f.strip()]


def load_duties(path: Optional[Union[str, Path]] = None) -> pd.DataFrame:
    """The division of duties: one row per department (department, duties, source)."""
    path = Path(path or DUTIES_PATH)
    df = _read_csv(path)
    cols = {str(c).strip().lower(): c for c in df.columns}
    aliases = {"department": ("department", "部门", "单位"), "duties": ("duties", "职责", "工作职责"),
               "source": ("source", "依据", "来源")}
    found = {k: next((cols[a] for a in names if a in cols), None) for k, names in aliases.items()}
    if found["department"] is None or found["duties"] is None:
        raise ValuationError("workplan_duties_columns", "Duties table {path} needs the columns department and "
                             "duties; it has {columns}.", path=str(path), columns=", ".join(map(str, df.columns)))
    out = pd.DataFrame({k: (df[c].astype(str).str.strip() if c is not None else "") for k, c in found.items()})
    out = out[out["department"] != ""].reset_index(drop=True)
    if out.empty:
        raise ValuationError("workplan_duties_empty", "Duties table {path} has no rows.", path=str(path))
    return out


def parse_overrides(cells: Optional[Sequence[Any]]) -> dict[str, dt.date]:
    """``[milestone, date, milestone, date, …]`` (a flat or nested SCHEDULE matrix) → {milestone: date}; blank
    cells only (a matrix left empty) → {}."""
    flat: list[Any] = []
    for c in cells or []:
        flat.extend(c if isinstance(c, (list, tuple)) else [c])
    if all(blank(c) for c in flat):
        return {}
    if len(flat) % 2:
        raise ValuationError("workplan_overrides_pairs", "SCHEDULE needs milestone, date pairs; it has {n} cells.",
                             n=len(flat))
    out: dict[str, dt.date] = {}
    for i in range(0, len(flat), 2):
        key = str(flat[i]).strip().lower()
        if key:
            out[key] = as_date(flat[i + 1], f"SCHEDULE {key}")
    return out


# ----- the model ------------------------------------------------------------------------------------------------
def _date(value: Any) -> Optional[dt.date]:
    return None if blank(value) else as_date(value)


def schedule_for(trade: dict[str, Any], start: dt.date, schedule: pd.DataFrame,
                 overrides: dict[str, dt.date]) -> tuple[list[Milestone], list[Notice]]:
    """A lot's milestones: register dates (done) first, else the override, else the table's durations."""
    done_at: dict[str, dt.date] = {"start": start}
    out: list[Milestone] = []
    notices: list[Notice] = []
    for row in schedule.to_dict("records"):
        key = row["milestone"]
        fields = _fields(row["register_fields"])
        dates = [_date(trade.get(f)) for f in fields]
        base = done_at[row["after"]]
        if key == FEEDBACK_MILESTONE:
            planned = feedback_due(base)
        else:
            planned = add_months(base, int(row["months"])) + dt.timedelta(days=int(row["days"]))
        overridden = key in overrides
        if overridden:
            planned = overrides[key]
        duration = dt.timedelta(days=int(row["duration_days"]))
        if int(row["duration_days"]) > 0 and len(fields) >= 2:  # a period: first field starts, last ends it
            start_d = dates[0] or planned
            end_d = dates[-1] or start_d + duration
            done = dates[-1] is not None
        else:
            done = bool(fields) and all(d is not None for d in dates)
            start_d = max(d for d in dates if d is not None) if done else planned
            end_d = start_d + duration
        if overridden and (done or (dates and dates[0] is not None)):
            notices.append(Notice("workplan_override_done", "Trade {trade}: milestone {milestone} is already in "
                                  "the register ({date}); the SCHEDULE date {override} is not used.",
                                  {"trade": trade["TRADE_ID"], "milestone": key, "date": start_d.isoformat(),
                                   "override": overrides[key].isoformat()}))
            overridden = False
        done_at[key] = end_d
        out.append(Milestone(key, row["name_zh"], start_d, end_d, done, row["source"], overridden))
    return out, notices


def _trades(reg: Register, trade_ids: Iterable[str]) -> list[dict[str, Any]]:
    import sqlite3

    with reg._read() as con:
        con.row_factory = sqlite3.Row
        rows = {r["TRADE_ID"]: dict(r) for r in con.execute("SELECT * FROM trade ORDER BY TRADE_ID")}
    ids = [str(i).strip() for i in trade_ids if str(i).strip()]
    if not ids:
        if not rows:
            raise ValuationError("workplan_no_trades", "Register {path} holds no trade.", path=str(reg.path))
        ids = list(rows)
    unknown = [i for i in ids if i not in rows]
    if unknown:
        raise ValuationError("workplan_unknown_trades", "Trades {trades} are not in register {path}.",
                             trades=", ".join(unknown), path=str(reg.path))
    bad = [f"{i} ({rows[i]['STATUS']})" for i in ids if rows[i]["STATUS"] not in STATUSES]
    if bad:
        raise ValuationError("workplan_bad_status", "Trades {trades} have no known status; a work plan needs "
                             "status planned or later.", trades=", ".join(bad))
    return [rows[i] for i in dict.fromkeys(ids)]


def _landuse(p: pd.DataFrame) -> pd.DataFrame:
    if "DLBM" not in p.columns:
        return pd.DataFrame(columns=["DLBM", "DLMC", "N", "AREA_M2"])
    codes = p["DLBM"].map(lambda c: normalise_code(c) if not blank(c) else "")
    names = load_code_table()["name_zh"].to_dict()
    dlmc = (p["DLMC"].astype(object) if "DLMC" in p.columns else pd.Series([None] * len(p), index=p.index))
    dlmc = [n if not blank(n) else names.get(c, "") for c, n in zip(codes, dlmc)]
    df = pd.DataFrame({"DLBM": codes, "DLMC": dlmc, "AREA_M2": p["AREA_M2"].astype(float)})
    g = df.groupby(["DLBM", "DLMC"], dropna=False)
    out = g["AREA_M2"].sum().to_frame()
    out["N"] = g.size()
    return out.reset_index()[["DLBM", "DLMC", "N", "AREA_M2"]].sort_values(
        ["AREA_M2", "DLBM"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _sellers(tp: pd.DataFrame, own: pd.DataFrame, layer: pd.DataFrame) -> pd.DataFrame:
    """Per seller: identifier (masked), ownership types, right holders, parcels, area and the rights it exercises."""
    t = tp.merge(layer[["PARCEL_ID", "AREA_M2"]], on="PARCEL_ID", how="left")
    for col in ("OWN_TYPE", "HOLDER", "SELLER_CD"):
        reg_vals = own[col].to_dict() if col in own.columns else {}
        lay_vals = layer.set_index("PARCEL_ID")[col].to_dict() if col in layer.columns else {}
        t[col] = [reg_vals.get(p) if not blank(reg_vals.get(p)) else lay_vals.get(p) for p in t["PARCEL_ID"]]
    rows = []
    for seller, g in t.groupby(t["SELLER"].fillna("").astype(str), sort=True):
        types = [OWN_TYPE.get(str(o), str(o)) for o in dict.fromkeys(g["OWN_TYPE"]) if not blank(o)]
        holders = [str(h) for h in dict.fromkeys(g["HOLDER"]) if not blank(h)]
        codes = [mask_identifier(c) for c in dict.fromkeys(g["SELLER_CD"]) if not blank(c)]
        own_types = "、".join(types) or "未登记"
        if holders and set(holders) == {seller}:
            rights = f"权利人（{own_types}），出让其图斑的经营权"
        elif holders:
            rights = f"经权利人{'、'.join(h for h in holders if h != seller)}同意出让经营权（{own_types}）"
        else:
            rights = f"出让经营权（权利人未登记，{own_types}）"
        if "STATE" in set(map(str, g["OWN_TYPE"])):
            rights += "；国有资产按国有资产评估管理规定评估"
        pri = g[pd.to_numeric(g["PRIORITY"], errors="coerce").fillna(0).astype(int) == 1]
        investors = [str(i) for i in dict.fromkeys(pri["INVESTOR"]) if not blank(i)]
        if investors:
            rights += f"；投资主体{'、'.join(investors)}依法享有优先经营权（{len(pri)} 个图斑）"
        rows.append({"SELLER": seller or "—", "SELLER_CD": "、".join(codes) or None, "OWN_TYPE": own_types,
                     "HOLDER": "、".join(holders) or None, "N": int(len(g)),
                     "AREA_M2": float(pd.to_numeric(g["AREA_M2"], errors="coerce").fillna(0).sum()), "RIGHTS": rights})
    return pd.DataFrame(rows, columns=["SELLER", "SELLER_CD", "OWN_TYPE", "HOLDER", "N", "AREA_M2", "RIGHTS"])


def workplan_model(reg: Register, trade_ids: Iterable[str], parcels: pd.DataFrame, county: str = "",
                   start_date: Optional[Any] = None, overrides: Optional[dict[str, dt.date]] = None,
                   schedule: Optional[pd.DataFrame] = None, duties: Optional[pd.DataFrame] = None,
                   layer_name: str = "PARCELS") -> WorkPlan:
    """The work plan of ``trade_ids`` (empty: every trade) from the register and the parcels layer (PARCEL_ID,
    AREA_M2; DLBM, DLMC, ZLDWMC, V_MAT, V_REG, V_CUL, V_TOTAL and ownership columns when present). ``county``
    empty: the trades' COUNTY when they name one; ``start_date`` empty: today."""
    for col in ("PARCEL_ID", "AREA_M2"):
        if col not in parcels.columns:
            raise ValuationError("missing_field", "Layer {layer} has no field {field}.", layer=layer_name, field=col)
    schedule = load_schedule() if schedule is None else schedule
    duties = load_duties() if duties is None else duties
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - set(schedule["milestone"]))
    if unknown:
        raise ValuationError("workplan_unknown_milestones", "Unknown milestones in SCHEDULE: {milestones}; use "
                             "{known}.", milestones=", ".join(unknown), known=", ".join(schedule["milestone"]))
    start = as_date(start_date, "START_DATE") if not blank(start_date) else dt.date.today()
    trades = _trades(reg, trade_ids)
    layer = pd.DataFrame(parcels).copy()
    layer["PARCEL_ID"] = layer["PARCEL_ID"].astype(str)
    layer["AREA_M2"] = pd.to_numeric(layer["AREA_M2"], errors="coerce").fillna(0.0)
    dup = layer["PARCEL_ID"][layer["PARCEL_ID"].duplicated()]
    if len(dup):
        raise ValuationError("duplicate_parcel_id", "PARCEL_ID values occur more than once in layer {layer}: {ids}.",
                             layer=layer_name, ids=short_list(sorted(set(dup))))
    by_id = layer.set_index("PARCEL_ID", drop=False)
    own = reg.assignments()
    valued = all(c in layer.columns for c in VALUE_FIELDS)
    lots: list[Lot] = []
    notices: list[Notice] = []
    geo_rows = []
    geo = None
    if isinstance(getattr(parcels, "geometry", None), pd.Series):
        geo = parcels.set_index(parcels["PARCEL_ID"].astype(str))
        geo = geo[~geo.index.duplicated()].geometry
    for t in trades:
        tid = t["TRADE_ID"]
        tp = trade_parcels(reg, tid)
        tp["PARCEL_ID"] = tp["PARCEL_ID"].astype(str)
        ids = list(tp["PARCEL_ID"])
        missing = [i for i in ids if i not in by_id.index]
        if missing:
            raise ValuationError("workplan_missing_parcels", "Trade {trade}: parcels {parcels} are not in layer "
                                 "{layer}.", trade=tid, parcels=short_list(missing), layer=layer_name)
        p = by_id.loc[ids]
        values = None
        if valued:
            values = {c: float(pd.to_numeric(p[c], errors="coerce").fillna(0).sum()) for c in VALUE_FIELDS}
        villages = ([str(v) for v in dict.fromkeys(p["ZLDWMC"]) if not blank(v)] if "ZLDWMC" in p.columns else [])
        milestones, n = schedule_for(t, start, schedule, overrides)
        notices += n
        acc = t.get("ACCOUNTED_VALUE")
        lots.append(Lot(tid, str(t.get("PRODUCT") or ""), t["STATUS"], ids, float(p["AREA_M2"].sum()), _landuse(p),
                        villages, values, None if blank(acc) else float(acc), _sellers(tp, own, layer), milestones))
        if geo is not None:
            geo_rows.append(pd.DataFrame({"TRADE_ID": tid, "PARCEL_ID": ids, "geometry": list(geo.loc[ids].values)}))
    geometry = None
    if geo is not None:
        import geopandas as gpd

        geometry = gpd.GeoDataFrame(pd.concat(geo_rows, ignore_index=True), geometry="geometry", crs=parcels.crs)
    county = county.strip()
    if not county:
        named = {str(t.get("COUNTY")).strip() for t in trades if not blank(t.get("COUNTY"))}
        county = named.pop() if len(named) == 1 else ""
    return WorkPlan(county, start, lots, duties, notices=notices, geometry=geometry)


def lots_frame(plan: WorkPlan, dissolve: bool = False) -> Any:
    """TRADE_ID, PARCEL_ID, geometry of every lot's parcels, or with ``dissolve`` one outline per lot (TRADE_ID,
    geometry); None when the parcels had no geometry."""
    if plan.geometry is None or not dissolve:
        return plan.geometry
    g = plan.geometry[~plan.geometry.geometry.isna()]
    return g.dissolve(by="TRADE_ID", as_index=False)[["TRADE_ID", "geometry"]]


# ----- the document ---------------------------------------------------------------------------------------------
def _n(value: Any, digits: int = 2) -> str:
    """A number as text (thousands separators); — for none."""
    return html.unescape(fmt(value, digits))


def _period(m: Milestone) -> str:
    return m.date.isoformat() if m.start == m.date else f"{m.start.isoformat()} 至 {m.date.isoformat()}"


def approval_blocks() -> list[Block]:
    """The county government's approval section: blank fields, the opinion drawn tall."""
    return [Heading(2, "七、县人民政府审批"),
            Table(["审批事项", "内容"], [[f, ""] for f in APPROVAL_FIELDS], tall_rows=(0,), widths=(1, 3))]


def plan_blocks(plan: WorkPlan, approval: bool = True, map_image: Optional[Image] = None) -> list[Block]:
    """The plan's text as headings, paragraphs and tables (the same for the PDF and the .odt); ``approval``:
    end with :func:`approval_blocks` (the PDF puts them on a page of their own); ``map_image``: the map of the
    lots, placed in section 二 (the PDF draws its map in the layout instead)."""
    lots = plan.lots
    ids = "、".join(lot.trade_id for lot in lots)
    total_m2 = sum(lot.area_m2 for lot in lots)
    b: list[Block] = [
        Paragraph(f"为推进{plan.county or '本县'}生态清洁小流域水土保持生态产品价值转化，依据《关于全面推进"
                  "生态清洁小流域水土保持生态产品价值转化的实施意见》第（四）条，制定本交易工作计划。"
                  f"本计划涉及交易 {len(lots)} 宗（{ids}），"
                  f"交易图斑 {sum(len(lot.parcel_ids) for lot in lots)} 个，面积合计 {_n(total_m2 * MU_PER_M2)} 亩"
                  f"（{_n(total_m2)} m²，{_n(total_m2 * HA_PER_M2, 4)} hm²）。本计划经县人民政府批准后组织实施，"
                  f"批准后方可开展价值核算。计划编制基准日 {plan.start_date.isoformat()}。"),
        Heading(2, "一、交易概况"),
        Table(["交易编号", "产品类型", "当前状态", "图斑数", "面积（亩）", "面积（hm²）", "核算价值（元/a）"],
              [[lot.trade_id, lot.product, STATUS_ZH.get(lot.status, lot.status), len(lot.parcel_ids),
                _n(lot.area_mu), _n(lot.area_ha, 4),
                _n(lot.values["V_TOTAL"] if lot.values else lot.accounted_value)] for lot in lots]),
        Heading(2, "二、交易产品类型及范围"),
        Paragraph("交易范围见图（各宗交易地块以不同颜色表示并标注交易编号）。"),
        *([map_image] if map_image is not None else []),
    ]
    for lot in lots:
        b.append(Heading(3, f"交易 {lot.trade_id}：{lot.product}"))
        b.append(Paragraph(
            f"产品类型：{lot.product}；交易图斑 {len(lot.parcel_ids)} 个，面积 {_n(lot.area_m2)} m²，"
            f"合 {_n(lot.area_mu)} 亩、{_n(lot.area_ha, 4)} hm²"
            + (f"；坐落：{'、'.join(lot.villages)}" if lot.villages else "") + "。"
            + f"图斑编号：{'、'.join(lot.parcel_ids[:60])}" + ("等" if len(lot.parcel_ids) > 60 else "") + "。"))
        if len(lot.landuse):
            b.append(Table(["地类编码", "地类名称", "图斑数", "面积（m²）", "面积（亩）", "占比"],
                           [[r.DLBM, r.DLMC, int(r.N), _n(r.AREA_M2), _n(r.AREA_M2 * MU_PER_M2),
                             f"{100 * r.AREA_M2 / lot.area_m2:.1f} %" if lot.area_m2 else "—"]
                            for r in lot.landuse.itertuples()]))
    b.append(Heading(2, "三、交易规模"))
    rows = []
    for lot in lots:
        v = lot.values or {}
        rows.append([lot.trade_id, _n(lot.area_mu), *[_n(v.get(c)) for c, _ in CLASSES], _n(v.get("V_TOTAL")),
                     _n(lot.accounted_value)])
    b.append(Table(["交易编号", "面积（亩）", *[f"{zh}（元/a）" for _, zh in CLASSES], "合计（元/a）",
                    "登记核算价值（元/a）"], rows))
    b.append(Paragraph("核算价值为年度生态产品价值流量，不是交易价格；尚未核算的交易以“—”表示，核算后据实填列。"))
    b.append(Heading(2, "四、时间安排"))
    for lot in lots:
        b.append(Heading(3, f"交易 {lot.trade_id}"))
        rows = [[m.name_zh, _period(m), "已完成" if m.done else ("计划（指定）" if m.overridden else "计划"), m.source]
                for m in lot.milestones]
        b.append(Table(["工作节点", "日期", "状态", "依据"], rows, widths=(2, 3, 1.5, 7.5)))
    b.append(Paragraph("已完成节点的日期取自项目登记簿；计划日期按上一节点日期加工作日程表（workplan_schedule.csv）的天数"
                       "推算；反哺方案于签订合同后 6 个月内报批。"))
    b.append(Heading(2, "五、出让主体及其权利"))
    for lot in lots:
        b.append(Heading(3, f"交易 {lot.trade_id}"))
        rows = [[r.SELLER, r.SELLER_CD or "—", r.OWN_TYPE, r.HOLDER or "—", int(r.N), _n(r.AREA_M2 * MU_PER_M2),
                 r.RIGHTS] for r in lot.sellers.itertuples()]
        b.append(Table(["出让主体", "证件号（脱敏）", "权属性质", "权利人", "图斑数", "面积（亩）", "权利"], rows,
                       widths=(2.5, 2.5, 1.2, 2.5, 1, 1.3, 5)))
    b.append(Heading(2, "六、部门职责分工"))
    duties = [[r.department, r.duties, r.source or ""] for r in plan.duties.itertuples()]
    b.append(Table(["部门", "职责", "依据"], duties, widths=(2, 8, 2.5)))
    return b + approval_blocks() if approval else b


def _html_block(block: Block) -> str:
    if isinstance(block, Image):
        data = base64.b64encode(block.png).decode("ascii")
        return f'<p style="text-align:center"><img alt="交易范围图" src="data:image/png;base64,{data}" ' \
               f'style="width:{block.width_cm}cm;height:{block.height_cm}cm"></p>'
    if isinstance(block, Heading):
        return f"<h{block.level}>{html.escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{'<b>' if block.bold else ''}{html.escape(block.text)}{'</b>' if block.bold else ''}</p>"
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in block.headers)
    rows = []
    for i, r in enumerate(block.rows):
        cls = ' class="tall"' if i in set(block.tall_rows) else ""
        rows.append(f"<tr{cls}>" + "".join(f"<td>{html.escape('' if c is None else str(c))}</td>" for c in r)
                    + "</tr>")
    css = "approval" if block.tall_rows else "grid"
    total = sum(block.widths) or 1.0
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths)
    return f'<table class="{css}">{cols}<tr>{head}</tr>\n' + "\n".join(rows) + "</table>"


def plan_title(plan: WorkPlan) -> str:
    return f"{plan.county}{plan.title}" if plan.county else plan.title


def plan_html(plan: WorkPlan, font_css: str = "sans-serif", templates: Optional[Path] = None,
              blocks: Optional[Sequence[Block]] = None) -> str:
    """``resources/templates/workplan.html`` filled with the plan (``$title``, ``$county``, ``$trade_ids``,
    ``$start_date``, ``$body``: ``blocks``, by default the whole :func:`plan_blocks`)."""
    body = "\n".join(_html_block(b) for b in (plan_blocks(plan) if blocks is None else blocks))
    return render("workplan", {"title": html.escape(plan_title(plan)), "county": html.escape(plan.county or "—"),
                               "trade_ids": html.escape("、".join(lot.trade_id for lot in plan.lots)),
                               "start_date": plan.start_date.isoformat(), "body": body}, font_css, templates)


def write_plan_odt(plan: WorkPlan, path: Union[str, Path], font: str = "SimSun",
                   map_image: Optional[Image] = None) -> None:
    """The plan as an editable OpenDocument text (.odt), with the map of the lots when given, written atomically."""
    write_odt(path, [Heading(1, plan_title(plan)), *plan_blocks(plan, map_image=map_image)], plan_title(plan), font)
