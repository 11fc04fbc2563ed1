"""The numbers and tables of the two documents, and their HTML from editable templates (no QGIS here).

* :func:`certificate_model` — a certified trade's certificate and dossier (交易凭证及交易档案): number, issuing
  departments, parcels with areas, ownership (identifiers masked) and values by class, terms, price and
  payments, the distribution plan, the operator's SWC protection duties and monitoring indicators, and the
  feedback-plan due date.
* :func:`valuation_model` — the accounting report a county submits (生态产品价值核算报告): parameters with unit,
  price year and source (from the PROVENANCE table), totals and low–high ranges by class and by land-use type, the
  SWC increment and the parcel table.

:func:`render` fills ``resources/templates/<name>.html`` (``string.Template``: ``$name`` placeholders), which a
county can edit; :func:`write_valuation_xlsx` writes the tables with Chinese headers.
"""

from __future__ import annotations

import html
import numbers
import string
from pathlib import Path
from typing import Any, Optional

import pandas as pd

from .errors import ValuationError
from .ownership import OWN_TYPE, mask_identifier
from .register import Register
from .trading import STATUSES, add_months, as_date, feedback_due, get_trade, trade_parcels

TEMPLATES = Path(__file__).resolve().parent.parent / "resources" / "templates"
MU_PER_M2 = 15 / 10000
CLASSES = (("V_MAT", "物质供给"), ("V_REG", "调节服务"), ("V_CUL", "文化服务"))
#: Chinese headers of the parcel table columns.
PARCEL_HEADERS = {"PARCEL_ID": "图斑编号", "SCOPE_ID": "交易范围", "DLBM": "地类编码", "DLMC": "地类名称",
                  "ZLDWMC": "坐落单位", "AREA_M2": "面积（m²）", "AREA_MU": "面积（亩）", "V_MAT": "物质供给（元/a）",
                  "V_REG": "调节服务（元/a）", "V_CUL": "文化服务（元/a）", "V_TOTAL": "合计（元/a）",
                  "V_TOT_LO": "下限（元/a）", "V_TOT_HI": "上限（元/a）", "DV_TOTAL": "水保增量（元/a）",
                  "V_PER_MU": "单位面积价值（元/(亩·a)）"}
CATEGORY_ZH = {"FEEDBACK": "反哺水土流失治理", "COLLECTIVE": "村集体", "VILLAGERS": "村民", "INVESTOR": "投资主体",
               "OPERATOR": "经营主体", "OTHER": "其他"}


def fmt(value: Any, digits: int = 2) -> str:
    """A cell: — for empty, thousands separators for numbers, HTML-escaped text."""
    if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
        return "—"
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, numbers.Real):
        return f"{value:,.{digits}f}"
    return html.escape(str(value))


def html_table(headers: list[str], rows: list[list[Any]], digits: int = 2, css: str = "grid") -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{fmt(c, digits)}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{css}"><tr>{head}</tr>\n{body}\n</table>'


def field_table(rows: list[tuple[str, Any]]) -> str:
    return '<table class="fields">' + "\n".join(
        f"<tr><th>{html.escape(k)}</th><td>{fmt(v)}</td></tr>" for k, v in rows) + "</table>"


def bar_chart(items: list[tuple[str, float]], unit: str) -> str:
    """A horizontal bar chart in HTML (bars scaled to the largest value)."""
    top = max([v for _, v in items if v == v] + [0.0])
    rows = []
    for label, value in items:
        width = 0 if top <= 0 or value != value else max(0.5, 100 * value / top)
        rows.append(f'<tr><td class="bl">{html.escape(label)}</td><td class="bc"><div class="bar" '
                    f'style="width:{width:.1f}%"></div></td><td class="bv">{fmt(value, 0)} {html.escape(unit)}'
                    "</td></tr>")
    return '<table class="chart">' + "\n".join(rows) + "</table>"


def render(name: str, values: dict[str, Any], font_css: str = "sans-serif",
           templates: Optional[Path] = None) -> str:
    """``resources/templates/<name>.html`` with ``$font`` and the model's values substituted."""
    path = (templates or TEMPLATES) / f"{name}.html"
    return string.Template(path.read_text(encoding="utf-8")).safe_substitute({"font": font_css, **values})


# ----- the certificate and dossier -----------------------------------------------------------------------------
def _num(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if v != v else v


def _short(value: Any) -> Any:
    """A parameter cell for the report: numbers with up to 6 significant digits, years without decimals."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and value == value:
        return f"{float(value):.6g}"
    try:
        return f"{float(value):.6g}" if isinstance(value, str) and value.strip() else value
    except ValueError:
        return value


def certificate_model(reg: Register, trade_id: str, parcels: Optional[pd.DataFrame] = None,
                      plan: Optional[pd.DataFrame] = None) -> dict[str, Any]:
    """The values for ``templates/certificate.html`` of a trade that is at least ``certified``.

    ``parcels``: the valued parcels (PARCEL_ID, AREA_M2, DLMC, V_MAT, V_REG, V_CUL, V_TOTAL; ownership columns
    when present, else from the register); ``plan``: the revenue plan (RECIPIENT, CATEGORY, HOLDER, PERCENT,
    AMOUNT)."""
    t = get_trade(reg, trade_id)
    if t is None:
        raise ValuationError("trade_missing", "Trade {trade} is not in the register.", trade=trade_id)
    if STATUSES.index(t["STATUS"]) < STATUSES.index("certified"):
        raise ValuationError("cert_not_certified", "Trade {trade} is {status}; a certificate exists only from "
                             "status certified on.", trade=trade_id, status=t["STATUS"])
    tp = trade_parcels(reg, trade_id)
    ids = [str(i) for i in tp["PARCEL_ID"]]
    end = "—"
    if t.get("START_DATE") and t.get("TERM_YEARS"):
        end = add_months(as_date(t["START_DATE"]), int(round(float(t["TERM_YEARS"]) * 12))).isoformat()
    due = feedback_due(t["SIGNING_DATE"]).isoformat() if t.get("SIGNING_DATE") else "—"
    # parcels: areas, ownership (masked) and values
    own = reg.assignments()
    table = pd.DataFrame({"PARCEL_ID": ids})
    if parcels is not None and len(parcels):
        p = pd.DataFrame(parcels).copy()
        p["PARCEL_ID"] = p["PARCEL_ID"].astype(str)
        table = table.merge(p.drop(columns=[c for c in ("SELLER", "INVESTOR", "PRIORITY") if c in p.columns]),
                            on="PARCEL_ID", how="left")
    if len(own):
        o = own.reset_index() if "PARCEL_ID" not in own.columns else own
        o = o[[c for c in ("PARCEL_ID", "OWN_TYPE", "HOLDER", "HOLDER_CD", "SELLER_CD") if c in o.columns]]
        table = table.drop(columns=[c for c in o.columns if c != "PARCEL_ID" and c in table.columns])
        table = table.merge(o, on="PARCEL_ID", how="left")
    table = table.merge(tp[["PARCEL_ID", "SELLER"]], on="PARCEL_ID", how="left")
    for c in ("AREA_M2", "V_MAT", "V_REG", "V_CUL", "V_TOTAL"):
        if c not in table.columns:
            table[c] = float("nan")
    for c in ("DLMC", "OWN_TYPE", "HOLDER", "HOLDER_CD", "SELLER_CD"):
        if c not in table.columns:
            table[c] = None
    own_rows, val_rows = [], []
    for r in table.itertuples(index=False):
        a = _num(r.AREA_M2)
        own_rows.append([r.PARCEL_ID, r.DLMC, a * MU_PER_M2, OWN_TYPE.get(str(r.OWN_TYPE), r.OWN_TYPE), r.HOLDER,
                         mask_identifier(r.HOLDER_CD) or None, r.SELLER, mask_identifier(r.SELLER_CD) or None])
        val_rows.append([r.PARCEL_ID, a, a * MU_PER_M2, _num(r.V_MAT), _num(r.V_REG), _num(r.V_CUL), _num(r.V_TOTAL)])
    area = float(sum(r[1] for r in val_rows))
    totals = {c: float(sum(_num(v) for v in table[c])) for c in ("V_MAT", "V_REG", "V_CUL", "V_TOTAL")}
    val_rows.append(["合计", area, area * MU_PER_M2, totals["V_MAT"], totals["V_REG"], totals["V_CUL"],
                     totals["V_TOTAL"]])
    parcel_html = (html_table(["图斑编号", "地类", "面积（亩）", "权属性质", "权利人", "权利人证件号", "出让主体",
                               "出让主体证件号"], own_rows)
                   + "<p>各图斑面积与核算价值：</p>"
                   + html_table(["图斑编号", "面积（m²）", "面积（亩）", "物质供给（元/a）", "调节服务（元/a）",
                                 "文化服务（元/a）", "合计（元/a）"], val_rows))
    values_html = html_table(["价值类别", "核算价值（元/a）", "占比"],
                             [[zh, totals[c], f"{100 * totals[c] / totals['V_TOTAL']:.1f} %"
                               if totals["V_TOTAL"] else "—"] for c, zh in CLASSES]
                             + [["合计", totals["V_TOTAL"], "100.0 %" if totals["V_TOTAL"] else "—"]])
    # payments
    with reg._read() as con:
        pay = pd.read_sql_query("SELECT SEQ, DUE_DATE, AMOUNT, PAID_DATE FROM payment WHERE TRADE_ID = ? "
                                "ORDER BY SEQ", con, params=(trade_id,))
    pay_html = (html_table(["期次", "应付日期", "金额（元）", "实付日期"],
                           [[int(r.SEQ), r.DUE_DATE, float(r.AMOUNT), r.PAID_DATE] for r in pay.itertuples()])
                if len(pay) else "<p>付款方式见上；未登记分期付款计划。</p>")
    # distribution plan
    if plan is not None and len(plan):
        pl = pd.DataFrame(plan)
        plan_rows = [[r.get("RECIPIENT"), CATEGORY_ZH.get(str(r.get("CATEGORY")), r.get("CATEGORY")),
                      r.get("HOLDER"), _num(r.get("PERCENT")), _num(r.get("AMOUNT"))]
                     for r in pl.to_dict("records")]
        plan_html = html_table(["收益对象", "类别", "权利人", "比例（%）", "金额（元）"], plan_rows)
    else:
        plan_html = "<p>收益分配方案见批准文件（未附分配明细表）。</p>"
    fields = [
        ("凭证编号", t.get("CERT_NO")), ("发证日期", t.get("CERT_DATE")),
        ("发证部门", "区县水行政主管部门、区县发展改革部门"), ("交易编号", trade_id),
        ("交易平台编号", t.get("PLATFORM_REF")), ("产品类型", t.get("PRODUCT")), ("出让主体", t.get("SELLERS")),
        ("经营主体", t.get("OPERATOR")), ("经营主体证件号", mask_identifier(t.get("OPERATOR_CD")) or None),
        ("核算价值（元/年）", t.get("ACCOUNTED_VALUE")), ("核算日期", t.get("ACCOUNT_DATE")),
        ("评估机构", t.get("APPRAISER")), ("评估价值（元）", t.get("APPRAISED_VALUE")),
    ]
    terms = [
        ("经营期限", f"{fmt(t.get('TERM_YEARS'))} 年（{fmt(t.get('START_DATE'))} 至 {end}）"),
        ("成交价（元）", t.get("PRICE")), ("付款方式", t.get("PAYMENT_METHOD")), ("合同编号", t.get("CONTRACT_NO")),
        ("签订日期", t.get("SIGNING_DATE")), ("公示", f"{fmt(t.get('PUBLICITY_START'))} 至 "
                                              f"{fmt(t.get('PUBLICITY_END'))}（{fmt(t.get('PUBLICITY_OUTCOME'))}）"),
        ("收益分配方案批准文号", f"{fmt(t.get('REVENUE_PLAN_NO'))}（{fmt(t.get('REVENUE_PLAN_DATE'))}）"),
        ("水利部门备案", t.get("FILED_WATER")), ("发展改革部门备案", t.get("FILED_DRC")),
        ("财政部门备案", t.get("FILED_FINANCE")), ("反哺方案报批截止日期", due),
        ("反哺方案批准文号", t.get("FEEDBACK_PLAN_NO")),
    ]
    return {"title": "水土保持生态产品交易凭证", "cert_no": fmt(t.get("CERT_NO")), "trade_id": html.escape(trade_id),
            "fields": field_table(fields), "terms": field_table(terms), "values": values_html,
            "parcels": parcel_html, "n_parcels": str(len(ids)), "area_mu": fmt(area * MU_PER_M2),
            "payments": pay_html, "plan": plan_html, "feedback_due": due, "operator": fmt(t.get("OPERATOR")),
            "parcel_ids": ids, "total_value": totals["V_TOTAL"]}


# ----- the valuation report ------------------------------------------------------------------------------------
def valuation_model(valued: pd.DataFrame, provenance: Optional[pd.DataFrame], county: str = "",
                    year: str = "") -> dict[str, Any]:
    """The values for ``templates/valuation_report.html`` and the tables for the .xlsx."""
    v = pd.DataFrame(valued).copy()
    for c in ("AREA_M2", "V_MAT", "V_REG", "V_CUL", "V_TOTAL", "V_TOT_LO", "V_TOT_HI", "DV_TOTAL"):
        v[c] = pd.to_numeric(v[c], errors="coerce").fillna(0.0) if c in v.columns else 0.0
    for c in ("DLBM", "DLMC"):
        if c not in v.columns:
            v[c] = ""
    area = float(v["AREA_M2"].sum())
    mu = area * MU_PER_M2
    tot = {c: float(v[c].sum()) for c in ("V_MAT", "V_REG", "V_CUL", "V_TOTAL", "V_TOT_LO", "V_TOT_HI",
                                          "DV_TOTAL")}
    by_class = pd.DataFrame([{"价值类别": zh, "核算价值（元/a）": tot[c],
                              "占比（%）": 100 * tot[c] / tot["V_TOTAL"] if tot["V_TOTAL"] else 0.0}
                             for c, zh in CLASSES]
                            + [{"价值类别": "合计", "核算价值（元/a）": tot["V_TOTAL"], "占比（%）": 100.0},
                               {"价值类别": "合计下限", "核算价值（元/a）": tot["V_TOT_LO"], "占比（%）": None},
                               {"价值类别": "合计上限", "核算价值（元/a）": tot["V_TOT_HI"], "占比（%）": None},
                               {"价值类别": "水土保持措施提升价值增量", "核算价值（元/a）": tot["DV_TOTAL"],
                                "占比（%）": None}])
    g = v.groupby(["DLBM", "DLMC"], dropna=False)
    lu = g[["AREA_M2", "V_MAT", "V_REG", "V_CUL", "V_TOTAL", "V_TOT_LO", "V_TOT_HI", "DV_TOTAL"]].sum()
    lu["N"] = g.size()
    lu = lu.sort_values("V_TOTAL", ascending=False).reset_index()
    by_landuse = pd.DataFrame({
        "地类编码": lu["DLBM"].astype(str), "地类名称": lu["DLMC"].astype(str), "图斑数": lu["N"].astype(int),
        "面积（亩）": lu["AREA_M2"] * MU_PER_M2, "物质供给（元/a）": lu["V_MAT"], "调节服务（元/a）": lu["V_REG"],
        "文化服务（元/a）": lu["V_CUL"], "合计（元/a）": lu["V_TOTAL"], "下限（元/a）": lu["V_TOT_LO"],
        "上限（元/a）": lu["V_TOT_HI"], "水保增量（元/a）": lu["DV_TOTAL"],
        "单位面积价值（元/(亩·a)）": [t / (a * MU_PER_M2) if a else 0.0 for t, a in zip(lu["V_TOTAL"], lu["AREA_M2"])]})
    params = pd.DataFrame(columns=["参数", "取值", "下限", "上限", "单位", "价格年", "来源", "说明"])
    run_rows: list[tuple[str, Any]] = []
    if provenance is not None and len(provenance):
        pr = pd.DataFrame(provenance)
        kind = pr["kind"] if "kind" in pr.columns else pd.Series(["parameter"] * len(pr))
        par = pr[kind == "parameter"]

        def col(name: str) -> pd.Series:
            return par[name] if name in par.columns else pd.Series([None] * len(par), index=par.index)

        params = pd.DataFrame({"参数": col("key"), "取值": col("value"), "下限": col("value_low"),
                               "上限": col("value_high"), "单位": col("unit"), "价格年": col("price_year"),
                               "来源": col("source"), "说明": col("note")}).reset_index(drop=True)
        run_rows = [(str(r.get("key")), r.get("text")) for r in pr[kind == "run"].to_dict("records")]
    parcel_cols = [c for c in PARCEL_HEADERS if c in v.columns]
    parcels = v[parcel_cols].rename(columns=PARCEL_HEADERS)
    sort_col = PARCEL_HEADERS["V_TOTAL"]
    parcels = parcels.sort_values(sort_col, ascending=False).reset_index(drop=True)

    def df_html(df: pd.DataFrame, digits: int = 2) -> str:
        return html_table(list(df.columns), df.astype(object).where(df.notna(), None).values.tolist(), digits)

    summary = [("核算区域", county or "—"), ("核算年度", year or "—"), ("图斑数", f"{len(v):,}"),
               ("总面积", f"{area:,.2f} m² = {mu:,.2f} 亩"),
               ("核算价值合计（元/a）",
                f"{tot['V_TOTAL']:,.0f}（区间 {tot['V_TOT_LO']:,.0f} – {tot['V_TOT_HI']:,.0f}）"),
               ("单位面积价值（元/(亩·a)）", f"{tot['V_TOTAL'] / mu:,.0f}" if mu else "—"),
               ("水土保持措施提升价值增量（元/a）", f"{tot['DV_TOTAL']:,.0f}")]
    shown = parcels.head(200)
    return {
        "title": "水土保持生态产品价值核算报告", "county": html.escape(county or "—"), "year": html.escape(year or "—"),
        "summary": field_table(summary), "by_class": df_html(by_class), "by_landuse": df_html(by_landuse),
        "chart_class": bar_chart([(zh, tot[c]) for c, zh in CLASSES], "元/a"),
        "chart_landuse": bar_chart([(f"{a} {b}", t) for a, b, t in zip(by_landuse["地类编码"], by_landuse["地类名称"],
                                                                       by_landuse["合计（元/a）"])], "元/a"),
        "parameters": (df_html(params.apply(lambda c: c.map(_short))) if len(params)
                       else "<p>未提供核算参数来源表（PROVENANCE）。</p>"),
        "run": field_table(run_rows) if run_rows else "",
        "parcels": df_html(shown),
        "parcels_note": (f"<p>按核算价值由高到低列出前 {len(shown)} 个图斑，共 {len(parcels)} 个；"
                         "完整列表见 Excel 表。</p>"
                         if len(shown) < len(parcels) else ""),
        "total_value": tot["V_TOTAL"], "area_mu": mu,
        "tables": {"按价值类别": by_class, "按地类": by_landuse, "核算参数": params, "图斑": parcels,
                   "核算信息": pd.DataFrame(summary + run_rows, columns=["项目", "内容"])},
    }


def write_valuation_xlsx(model: dict[str, Any], path: str) -> None:
    """The report's tables, one sheet each, with Chinese headers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in model["tables"].items():
        ws = wb.create_sheet(name)
        ws.append(list(df.columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in df.astype(object).where(df.notna(), None).values.tolist():
            ws.append([c.item() if hasattr(c, "item") else c for c in row])
        for i, col in enumerate(df.columns, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(10, min(40, 2 * len(str(col)) + 2))
        ws.freeze_panes = "A2"
    wb.save(path)
