"""The transaction certificate (交易凭证) of a certified trade as an HTML document.

The certificate is the county's Chinese form: its labels are Chinese whatever the interface language.
Identifiers (the operator's credit code or ID number) are masked: first 6 and last 4 characters shown.
"""

from __future__ import annotations

import html
from typing import Any

from .errors import ValuationError
from .ownership import mask_identifier
from .register import Register
from .trading import STATUSES, add_months, as_date, get_trade, trade_parcels


def _v(value: Any) -> str:
    if value is None or str(value).strip() == "":
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return html.escape(str(value))


def certificate_html(reg: Register, trade_id: str) -> str:
    """The certificate of a trade that is at least ``certified`` (else ``cert_not_certified``)."""
    t = get_trade(reg, trade_id)
    if t is None:
        raise ValuationError("trade_missing", "Trade {trade} is not in the register.", trade=trade_id)
    if STATUSES.index(t["STATUS"]) < STATUSES.index("certified"):
        raise ValuationError("cert_not_certified", "Trade {trade} is {status}; a certificate exists only from "
                             "status certified on.", trade=trade_id, status=t["STATUS"])
    parcels = trade_parcels(reg, trade_id)
    end = "—"
    if t.get("START_DATE") and t.get("TERM_YEARS"):
        end = add_months(as_date(t["START_DATE"]), int(round(float(t["TERM_YEARS"]) * 12))).isoformat()
    rows = [
        ("凭证编号", t.get("CERT_NO")), ("发证日期", t.get("CERT_DATE")), ("交易编号", trade_id),
        ("交易平台编号", t.get("PLATFORM_REF")), ("产品类型", t.get("PRODUCT")), ("出让主体", t.get("SELLERS")),
        ("经营主体", t.get("OPERATOR")), ("经营主体证件号", mask_identifier(t.get("OPERATOR_CD"))),
        ("经营期限", f"{_v(t.get('TERM_YEARS'))} 年（{_v(t.get('START_DATE'))} 至 {end}）"),
        ("核算价值（元/年）", t.get("ACCOUNTED_VALUE")), ("评估机构", t.get("APPRAISER")),
        ("评估价值（元）", t.get("APPRAISED_VALUE")), ("成交价（元）", t.get("PRICE")),
        ("付款方式", t.get("PAYMENT_METHOD")), ("合同编号", t.get("CONTRACT_NO")), ("签订日期", t.get("SIGNING_DATE")),
        ("收益分配方案批准文号", f"{_v(t.get('REVENUE_PLAN_NO'))}（{_v(t.get('REVENUE_PLAN_DATE'))}）"),
        ("水利部门备案", t.get("FILED_WATER")), ("发展改革部门备案", t.get("FILED_DRC")),
        ("财政部门备案", t.get("FILED_FINANCE")),
    ]
    preformatted = ("经营期限", "收益分配方案批准文号")  # built from _v() values already
    body = "\n".join(f"<tr><th>{html.escape(k)}</th><td>{v if k in preformatted else _v(v)}</td></tr>"
                     for k, v in rows)
    plist = "、".join(html.escape(str(p)) for p in parcels["PARCEL_ID"])
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>水土保持生态产品交易凭证 "
        f"{_v(t.get('CERT_NO'))}</title><style>body{{font-family:sans-serif;margin:2em}}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:4px 8px;text-align:left}"
        "th{width:30%;background:#eee}</style></head><body>\n"
        "<h1 style=\"text-align:center\">水土保持生态产品交易凭证</h1>\n"
        f"<table>\n{body}\n<tr><th>交易图斑（{len(parcels)} 个）</th><td>{plist}</td></tr>\n</table>\n"
        "<p>经营主体应履行合同约定的水土保持生态保护责任。</p>\n"
        "<p style=\"margin-top:3em\">区县水行政主管部门（盖章）　　　　区县发展改革部门（盖章）</p>\n"
        "</body></html>\n")
