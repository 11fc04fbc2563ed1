"""Trading deadlines and the trade lifecycle (register schema versions 2 and 3, docs/trading.md).

API::

    feedback_due(signing_date) -> date
    STATUSES, REQUIRED, required_fields(status)
    create_trade(reg, trade_id, fields, parcels, user=None) -> TradeMove        # status "planned"
    advance_trade(reg, trade_id, to_status, fields, user=None, cert_scheme=...) -> TradeMove
    record_payment(reg, trade_id, seq, paid_date, user=None)
    next_status(status), missing_for(trade, status), update_trade(reg, trade_id, fields, user=None)
    list_trades(reg, as_of), trade_payments(reg, id), trade_pledges(reg, id), trade_events(reg, id)   # the dock
    record_pledge(reg, pledge_id, kind, lender, amount, start, end, parcels=(), trade_id=None, release=None)
    status_report(reg, as_of, horizon_days=30) -> DataFrame  # TRADE_ID, ITEM, DUE_DATE, STATE, DAYS, DETAIL
    carbon_sold_parcels(reg) -> set[str]                     # parcels of 碳汇 trades
    screen_trade(reg, trade_id, as_of=None) -> list[ScreeningHit]   # operator/investors on the excluded list
    split_items(text) -> list[str]                           # OPERATING_FORMS items ("；" or ";")

Excluded operators (clause 十七, valuation/screening.py): create_trade, advance_trade and update_trade refuse
(``operator_excluded``) a trade whose OPERATOR/OPERATOR_CD or a parcel's INVESTOR is on the list on the trade's
SIGNING_DATE (today while it has none): creating, every move up to ``signed`` (so listing re-screens whoever is
already known) and any change of OPERATOR, OPERATOR_CD or SIGNING_DATE. Later moves (filed, certified, closed) are
not refused but warned about (``operator_excluded_now``) when a party is on the list today.

``feedback_due(signing_date)``: the feedback plan (反哺方案) is due 6 calendar months after the contract is
signed (clause 十二), clamped to the month's end: 2025-08-31 → 2026-02-28, 2027-08-31 → 2028-02-29.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

import pandas as pd

from .dates import DateLike, as_date
from .errors import Notice, ValuationError, short_list
from .register import Register, os_user, utc_now
from .screening import ROLE_LABELS, ScreeningHit, screen_parties
from .screening import screen_trade as screen_trade  # re-exported: trading.screen_trade

FEEDBACK_MONTHS = 6


def add_months(day: DateLike, months: int) -> dt.date:
    """``day`` plus calendar months, clamped to the last day of the target month."""
    d = as_date(day)
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def feedback_due(signing_date: DateLike) -> dt.date:
    """The feedback plan's deadline: signing date + 6 calendar months (clamped to the month's end)."""
    return add_months(as_date(signing_date, "signing date"), FEEDBACK_MONTHS)


# Lifecycle ----------------------------------------------------------------------------------------------------
#: The statuses in order; a trade only moves forward.
STATUSES: tuple[str, ...] = ("planned", "accounted", "appraised", "listed", "publicised", "signed", "filed",
                             "certified", "closed")
#: Suggested product types (free text is accepted); 碳汇 marks a carbon-sink trade.
PRODUCT_TYPES: tuple[str, ...] = ("生态旅游经营权", "林下种植经营权", "水土保持生态产品经营权", "碳汇")
CARBON_PRODUCT = "碳汇"
#: status -> fields it adds to the requirements (entering a status needs its own and every earlier status's).
REQUIRED: dict[str, tuple[str, ...]] = {
    "planned": ("PRODUCT", "PARCELS", "SELLERS"),
    "accounted": ("ACCOUNTED_VALUE", "ACCOUNT_DATE"),
    "appraised": ("APPRAISER", "APPRAISED_VALUE", "APPRAISAL_DATE"),
    "listed": ("LISTING_DATE", "LISTING_PRICE", "TERM_YEARS", "OPERATING_FORMS", "OPERATOR_SCOPE", "CONTACT"),
    "publicised": ("PUBLICITY_START", "PUBLICITY_END"),
    "signed": ("PUBLICITY_OUTCOME", "OPERATOR", "OPERATOR_CD", "START_DATE", "PRICE",
               "PAYMENT_METHOD", "CONTRACT_NO", "SIGNING_DATE", "REVENUE_PLAN_NO", "REVENUE_PLAN_DATE"),
    "filed": ("FILED_WATER", "FILED_DRC", "FILED_FINANCE"),
    "certified": ("CERT_NO", "CERT_DATE"),
    "closed": ("FEEDBACK_PLAN_NO", "FEEDBACK_PLAN_DATE", "CLOSE_DATE"),
}
DATE_FIELDS = ("ACCOUNT_DATE", "APPRAISAL_DATE", "LISTING_DATE", "PUBLICITY_START", "PUBLICITY_END", "START_DATE",
               "SIGNING_DATE", "REVENUE_PLAN_DATE", "FILED_WATER", "FILED_DRC", "FILED_FINANCE", "CERT_DATE",
               "FEEDBACK_PLAN_DATE", "CLOSE_DATE")
DEFAULT_CERT_SCHEME = "{county}-{year}-{seq:04d}"
#: Days after signing by which the three filings are expected (a project convention, not a rule of the policy).
FILING_DAYS = 30
#: Chinese labels of the fields (for lists of what is missing).
FIELD_LABELS: dict[str, str] = {
    "PRODUCT": "产品类型", "PARCELS": "交易图斑", "SELLERS": "出让主体", "ACCOUNTED_VALUE": "核算价值",
    "ACCOUNT_DATE": "核算日期", "APPRAISER": "评估机构", "APPRAISED_VALUE": "评估价值", "APPRAISAL_DATE": "评估日期",
    "LISTING_DATE": "挂牌日期", "LISTING_PRICE": "挂牌价", "OPERATING_FORMS": "允许的经营方式",
    "OPERATOR_SCOPE": "受让方资格条件", "CONTACT": "联系方式", "PUBLICITY_START": "公示开始",
    "PUBLICITY_END": "公示结束",
    "PUBLICITY_OUTCOME": "公示结果", "OPERATOR": "经营主体", "OPERATOR_CD": "经营主体证件号", "TERM_YEARS": "经营期限",
    "START_DATE": "起始日期", "PRICE": "成交价", "PAYMENT_METHOD": "付款方式", "CONTRACT_NO": "合同编号",
    "SIGNING_DATE": "签订日期", "REVENUE_PLAN_NO": "收益分配方案批准文号", "REVENUE_PLAN_DATE": "收益分配方案批准日期",
    "FILED_WATER": "水利部门备案", "FILED_DRC": "发展改革部门备案", "FILED_FINANCE": "财政部门备案",
    "CERT_NO": "交易凭证编号", "CERT_DATE": "凭证日期", "FEEDBACK_PLAN_NO": "反哺方案批准文号",
    "FEEDBACK_PLAN_DATE": "反哺方案批准日期", "CLOSE_DATE": "关闭日期",
}


def required_fields(status: str) -> tuple[str, ...]:
    """Every field a trade needs to be in ``status`` (cumulative)."""
    if status not in STATUSES:
        raise ValuationError("trade_bad_status", "Unknown trade status {status}; use {statuses}.", status=status,
                             statuses=", ".join(STATUSES))
    out: list[str] = []
    for s in STATUSES[: STATUSES.index(status) + 1]:
        out += REQUIRED[s]
    return tuple(out)


#: Fields that must be greater than 0 when given.
POSITIVE_FIELDS = ("LISTING_PRICE", "TERM_YEARS")
#: How list-valued text fields (OPERATING_FORMS) are stored: items joined by the full-width semicolon.
ITEM_SEPARATOR = "；"


def split_items(value: Any) -> list[str]:
    """The items of a list-valued text field (OPERATING_FORMS): separated by "；" or ";", trimmed, blanks dropped
    (``"生态旅游；林下种植; "`` -> ``["生态旅游", "林下种植"]``)."""
    if _blank(value):
        return []
    return [p.strip() for p in str(value).replace(";", ITEM_SEPARATOR).split(ITEM_SEPARATOR) if p.strip()]


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == ""


def normalise_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Upper-case keys, known fields only, dates as ISO text, numbers as floats; blank values dropped."""
    from .register import TRADE_REAL_FIELDS, TRADE_TEXT_FIELDS

    known = set(TRADE_TEXT_FIELDS) | set(TRADE_REAL_FIELDS)
    out: dict[str, Any] = {}
    unknown = []
    for key, value in fields.items():
        k = str(key).strip().upper()
        if k not in known:
            unknown.append(str(key))
            continue
        if _blank(value):
            continue
        if k in DATE_FIELDS:
            out[k] = as_date(value, k).isoformat()
        elif k in TRADE_REAL_FIELDS:
            try:
                out[k] = float(str(value).replace(",", ""))
            except ValueError:
                raise ValuationError("trade_bad_number", "{field} must be a number, got {value}.", field=k,
                                     value=str(value)) from None
        else:
            out[k] = str(value).strip()
    if unknown:
        raise ValuationError("trade_unknown_fields", "Unknown trade fields {fields}.", fields=short_list(unknown))
    for k in POSITIVE_FIELDS:
        if k in out and not out[k] > 0:
            raise ValuationError("trade_not_positive", "{field} must be greater than 0, got {value}.", field=k,
                                 value=f"{out[k]:g}")
    if "OPERATING_FORMS" in out:
        forms = split_items(out["OPERATING_FORMS"])
        if forms:
            out["OPERATING_FORMS"] = ITEM_SEPARATOR.join(forms)
        else:
            del out["OPERATING_FORMS"]
    if "OPERATOR_CD" in out:
        from .ownership import is_valid_identifier

        if not is_valid_identifier(out["OPERATOR_CD"]):
            raise ValuationError("trade_bad_operator_id", "OPERATOR_CD is not a valid unified social credit code "
                                 "or resident ID number.")
        out["OPERATOR_CD"] = out["OPERATOR_CD"].upper()
    return out


def parse_schedule(text: str) -> list[tuple[str, float]]:
    """``"2026-01-31:100000;2027-01-31:100000"`` -> [(due date, amount)] (a single date:amount is one payment)."""
    out = []
    for part in str(text or "").replace("；", ";").split(";"):
        if not part.strip():
            continue
        date_s, _, amount = part.partition(":")
        try:
            out.append((as_date(date_s, "PAYMENT_SCHEDULE").isoformat(), float(amount.replace(",", ""))))
        except ValueError:
            raise ValuationError("trade_bad_schedule", "PAYMENT_SCHEDULE must be date:amount pairs separated by "
                                 "';', got {value}.", value=part.strip()) from None
    return out


@dataclass
class TradeMove:
    """A create/advance result: the stored trade fields and warnings."""

    trade_id: str
    status: str
    fields: dict[str, Any]
    notices: list[Notice] = field(default_factory=list)


def _ineligible(parcels: pd.DataFrame) -> list[str]:
    if "ELIGIBLE" not in parcels.columns:
        return []
    ok = pd.to_numeric(parcels["ELIGIBLE"], errors="coerce").fillna(0).astype(int) == 1
    return [str(p) for p in parcels.loc[~ok, "PARCEL_ID"]]


def _priority_notice(trade: dict[str, Any], parcels: pd.DataFrame) -> list[Notice]:
    """Warn when parcels carry an investor's priority operating right and another operator signs without waiver."""
    if _blank(trade.get("OPERATOR")) or not _blank(trade.get("PRIORITY_WAIVER")):
        return []
    pr = parcels[pd.to_numeric(parcels.get("PRIORITY"), errors="coerce").fillna(0).astype(int) == 1] \
        if "PRIORITY" in parcels.columns else parcels.iloc[0:0]
    others = sorted({str(i) for i in pr.get("INVESTOR", pd.Series(dtype=object)).dropna()
                     if str(i).strip() and str(i).strip() != str(trade["OPERATOR"]).strip()})
    if not others:
        return []
    return [Notice("trade_priority_not_operator", "Parcels {parcels} carry the priority operating right of "
                   "investor(s) {investors}, but the operator is someone else and no PRIORITY_WAIVER is recorded.",
                   {"parcels": short_list(list(pr["PARCEL_ID"].astype(str))), "investors": short_list(others)})]


def _event_rows(now: str, user: str, trade_id: str, action: str, old_status: Optional[str], new_status: str,
                old: dict[str, Any], new: dict[str, Any]) -> list[tuple]:
    rows = [(now, os_user(), user, trade_id, action, old_status, new_status, None, None, None)]
    for k, v in new.items():
        if old.get(k) != v:
            rows.append((now, os_user(), user, trade_id, action, old_status, new_status, k,
                         None if _blank(old.get(k)) else str(old.get(k)), str(v)))
    return rows


def _insert_events(con: sqlite3.Connection, rows: list[tuple]) -> None:
    con.executemany("INSERT INTO trade_event (time, os_user, app_user, trade_id, action, from_status, to_status, "
                    "field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def get_trade(reg: Register, trade_id: str) -> Optional[dict[str, Any]]:
    """The stored trade as a dict (None when absent)."""
    with reg._read() as con:
        con.row_factory = sqlite3.Row
        row = con.execute("SELECT * FROM trade WHERE TRADE_ID = ?", (trade_id,)).fetchone()
    return None if row is None else {k: row[k] for k in row.keys()}


def trade_parcels(reg: Register, trade_id: Optional[str] = None) -> pd.DataFrame:
    """Rows of ``trade_parcel`` (all trades, or one)."""
    sql = "SELECT TRADE_ID, PARCEL_ID, SELLER, INVESTOR, PRIORITY FROM trade_parcel"
    with reg._read() as con:
        if trade_id is None:
            return pd.read_sql_query(sql, con)
        return pd.read_sql_query(sql + " WHERE TRADE_ID = ?", con, params=(trade_id,))


def carbon_sold_parcels(reg: Register) -> set[str]:
    """PARCEL_IDs covered by a trade whose product type contains 碳汇."""
    with reg._read() as con:
        rows = con.execute("SELECT p.PARCEL_ID FROM trade_parcel p JOIN trade t ON t.TRADE_ID = p.TRADE_ID "
                           "WHERE t.PRODUCT LIKE ?", (f"%{CARBON_PRODUCT}%",)).fetchall()
    return {r[0] for r in rows}


# Excluded operators -------------------------------------------------------------------------------------------
#: Fields whose change makes update_trade / advance_trade re-screen the parties.
SCREENED_FIELDS = ("OPERATOR", "OPERATOR_CD", "SIGNING_DATE")


def _investors(parcels: pd.DataFrame) -> dict[str, list[str]]:
    """Investor name -> PARCEL_IDs naming it."""
    out: dict[str, list[str]] = {}
    if parcels is None or "INVESTOR" not in parcels.columns:
        return out
    for pid, inv in zip(parcels["PARCEL_ID"], parcels["INVESTOR"]):
        if not _blank(inv):
            out.setdefault(str(inv).strip(), []).append(str(pid))
    return out


def _screen_date(trade: dict[str, Any]) -> dt.date:
    """The date a trade's parties are screened on: its SIGNING_DATE, else today."""
    return dt.date.today() if _blank(trade.get("SIGNING_DATE")) else as_date(trade["SIGNING_DATE"], "SIGNING_DATE")


def _hit_params(trade_id: str, hits: list[ScreeningHit], day: dt.date) -> dict[str, Any]:
    h = hits[0]
    return {"trade": trade_id, "name": h.candidate, "role": f"{h.role} ({ROLE_LABELS.get(h.role, h.role)})",
            "as_of": day.isoformat(), "reason": h.entry.reason, "source": h.entry.source,
            "expiry": h.entry.expiry or "—", "count": len(hits), "parties": "; ".join(x.describe() for x in hits)}


def _refuse_excluded(trade_id: str, hits: list[ScreeningHit], day: dt.date) -> None:
    if hits:
        raise ValuationError("operator_excluded", "Trade {trade} refused: {role} {name} is on the excluded-operator "
                             "list on {as_of} — reason: {reason}; source: {source}; expiry: {expiry}. Parties on "
                             "the list: {count} ({parties}).", **_hit_params(trade_id, hits, day))


def create_trade(reg: Register, trade_id: str, fields: dict[str, Any], parcels: pd.DataFrame,
                 user: Optional[str] = None) -> TradeMove:
    """Create a trade in status ``planned`` with its parcels (PARCEL_ID; ELIGIBLE, SELLER, INVESTOR, PRIORITY
    when present). Refuses ineligible parcels, a missing product type or parcels without a seller."""
    trade_id = str(trade_id or "").strip()
    if not trade_id:
        raise ValuationError("trade_no_id", "Give a trade id.")
    if get_trade(reg, trade_id) is not None:
        raise ValuationError("trade_exists", "Trade {trade} already exists.", trade=trade_id)
    values = normalise_fields(fields)
    if parcels is None or parcels.empty or "PARCEL_ID" not in parcels.columns:
        raise ValuationError("trade_missing_fields", "Trade {trade} cannot be {status}: missing {fields}.",
                             trade=trade_id, status="planned", fields="PARCELS (交易图斑)")
    bad = _ineligible(parcels)
    if bad:
        raise ValuationError("trade_ineligible_parcels", "Trade {trade}: parcels not eligible for trade: "
                             "{parcels}.", trade=trade_id, parcels=short_list(bad))
    sellers = parcels["SELLER"] if "SELLER" in parcels.columns else pd.Series([None] * len(parcels))
    no_seller = [str(p) for p, s in zip(parcels["PARCEL_ID"], sellers) if _blank(s)]
    if no_seller:
        raise ValuationError("trade_parcels_no_seller", "Trade {trade}: parcels without a seller: {parcels}.",
                             trade=trade_id, parcels=short_list(no_seller))
    values["SELLERS"] = "; ".join(dict.fromkeys(str(s).strip() for s in sellers))
    missing = [f for f in REQUIRED["planned"] if f != "PARCELS" and _blank(values.get(f))]
    if missing:
        raise ValuationError("trade_missing_fields", "Trade {trade} cannot be {status}: missing {fields}.",
                             trade=trade_id, status="planned",
                             fields=", ".join(f"{f} ({FIELD_LABELS.get(f, f)})" for f in missing))
    day = _screen_date(values)
    _refuse_excluded(trade_id, screen_parties(reg, values.get("OPERATOR"), values.get("OPERATOR_CD"),
                                              _investors(parcels), day), day)
    user = user or os_user()
    now = utc_now()

    def body(con: sqlite3.Connection) -> None:
        cols = ["TRADE_ID", "STATUS", *values, "UPDATED_AT", "UPDATED_BY"]
        con.execute(f"INSERT INTO trade ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [trade_id, "planned", *values.values(), now, user])
        rows = []
        for _, p in parcels.iterrows():
            pr = p.get("PRIORITY")
            rows.append((trade_id, str(p["PARCEL_ID"]), None if _blank(p.get("SELLER")) else str(p.get("SELLER")),
                         None if _blank(p.get("INVESTOR")) else str(p.get("INVESTOR")),
                         None if _blank(pr) else int(float(pr))))
        con.executemany("INSERT INTO trade_parcel (TRADE_ID, PARCEL_ID, SELLER, INVESTOR, PRIORITY) "
                        "VALUES (?, ?, ?, ?, ?)", rows)
        _insert_events(con, _event_rows(now, user, trade_id, "create", None, "planned", {}, values))

    reg._write(body)
    return TradeMove(trade_id, "planned", values)


def next_cert_no(reg: Register, county: str, year: int, scheme: str = DEFAULT_CERT_SCHEME) -> str:
    """The next certificate number of the scheme (``{county}``, ``{year}``, ``{seq}``: certificates of that
    county and year so far + 1)."""
    with reg._read() as con:
        n = con.execute("SELECT COUNT(*) FROM trade WHERE CERT_NO IS NOT NULL AND COUNTY IS ? "
                        "AND substr(CERT_DATE, 1, 4) = ?", (county, f"{year:04d}")).fetchone()[0]
    try:
        return scheme.format(county=county, year=year, seq=n + 1)
    except (KeyError, IndexError, ValueError) as err:
        raise ValuationError("trade_bad_cert_scheme", "Certificate numbering scheme {scheme} is not valid "
                             "(use {{county}}, {{year}} and {{seq}}, e.g. {{county}}-{{year}}-{{seq:04d}}).",
                             scheme=scheme) from err


def advance_trade(reg: Register, trade_id: str, to_status: str, fields: dict[str, Any],
                  user: Optional[str] = None, cert_scheme: str = DEFAULT_CERT_SCHEME) -> TradeMove:
    """Record ``fields`` and move the trade forward to ``to_status`` (also past several statuses at once).

    Refused, listing what is missing, unless every field required up to ``to_status`` is known. At
    ``certified`` a missing CERT_NO is numbered from ``cert_scheme`` (COUNTY and CERT_DATE needed). At
    ``signed`` PAYMENT_SCHEDULE (``date:amount;…``) becomes rows of ``payment``."""
    trade = get_trade(reg, trade_id)
    if trade is None:
        raise ValuationError("trade_missing", "Trade {trade} is not in the register.", trade=trade_id)
    required_fields(to_status)
    old_status = trade["STATUS"]
    if STATUSES.index(to_status) <= STATUSES.index(old_status):
        raise ValuationError("trade_not_forward", "Trade {trade} is {status}; it can only move forward (not to "
                             "{to}).", trade=trade_id, status=old_status, to=to_status)
    values = normalise_fields(fields)
    merged = {**{k: v for k, v in trade.items() if not _blank(v)}, **values}
    if (STATUSES.index(to_status) >= STATUSES.index("certified") and _blank(merged.get("CERT_NO"))
            and not _blank(merged.get("COUNTY")) and not _blank(merged.get("CERT_DATE"))):
        values["CERT_NO"] = merged["CERT_NO"] = next_cert_no(
            reg, merged["COUNTY"], as_date(merged["CERT_DATE"]).year, cert_scheme)
    missing = [f for f in required_fields(to_status) if f not in ("PARCELS",) and _blank(merged.get(f))]
    if missing:
        raise ValuationError("trade_missing_fields", "Trade {trade} cannot be {status}: missing {fields}.",
                             trade=trade_id, status=to_status,
                             fields=", ".join(f"{f} ({FIELD_LABELS.get(f, f)})" for f in missing))
    parcels = trade_parcels(reg, trade_id)
    notices = _priority_notice(merged, parcels)
    if (STATUSES.index(to_status) <= STATUSES.index("signed")
            or any(k in values and values[k] != trade.get(k) for k in SCREENED_FIELDS)):
        day = _screen_date(merged)
        _refuse_excluded(trade_id, screen_parties(reg, merged.get("OPERATOR"), merged.get("OPERATOR_CD"),
                                                  _investors(parcels), day), day)
    else:
        day = dt.date.today()
        hits = screen_parties(reg, merged.get("OPERATOR"), merged.get("OPERATOR_CD"), _investors(parcels), day)
        if hits:
            notices.append(Notice("operator_excluded_now", "Trade {trade}: {role} {name} is on the excluded-operator "
                                  "list on {as_of} — reason: {reason}; source: {source}; expiry: {expiry}. Parties "
                                  "on the list: {count} ({parties}).", _hit_params(trade_id, hits, day)))
    schedule = parse_schedule(values["PAYMENT_SCHEDULE"]) if "PAYMENT_SCHEDULE" in values else None
    user = user or os_user()
    now = utc_now()

    def body(con: sqlite3.Connection) -> None:
        sets = {**values, "STATUS": to_status, "UPDATED_AT": now, "UPDATED_BY": user}
        con.execute(f"UPDATE trade SET {', '.join(f'{k} = ?' for k in sets)} WHERE TRADE_ID = ?",
                    [*sets.values(), trade_id])
        if schedule is not None:
            con.execute("DELETE FROM payment WHERE TRADE_ID = ? AND PAID_DATE IS NULL", (trade_id,))
            seq0 = con.execute("SELECT COALESCE(MAX(SEQ), 0) FROM payment WHERE TRADE_ID = ?",
                               (trade_id,)).fetchone()[0]
            con.executemany("INSERT INTO payment (TRADE_ID, SEQ, DUE_DATE, AMOUNT) VALUES (?, ?, ?, ?)",
                            [(trade_id, seq0 + i + 1, d, a) for i, (d, a) in enumerate(schedule)])
        _insert_events(con, _event_rows(now, user, trade_id, "advance", old_status, to_status, trade, values))

    reg._write(body)
    return TradeMove(trade_id, to_status, merged, notices)


def record_payment(reg: Register, trade_id: str, seq: int, paid_date: DateLike, user: Optional[str] = None) -> None:
    """Mark scheduled payment ``seq`` of a trade as received (``user``: the operator of the event row)."""
    day = as_date(paid_date, "paid date").isoformat()
    app_user = user or os_user()

    def body(con: sqlite3.Connection) -> None:
        cur = con.execute("UPDATE payment SET PAID_DATE = ? WHERE TRADE_ID = ? AND SEQ = ?", (day, trade_id, seq))
        if cur.rowcount == 0:
            raise ValuationError("trade_no_payment", "Trade {trade} has no scheduled payment {seq}.",
                                 trade=trade_id, seq=seq)
        _insert_events(con, [(utc_now(), os_user(), app_user, trade_id, "payment", None, None, f"PAYMENT_{seq}",
                              None, day)])

    reg._write(body)


# Reading and editing for the dock (docs/dock.md, "Trades tab") ---------------------------------------------------
#: Fields ``update_trade`` will not touch: set at creation (SELLERS) or turned into payment rows when signing.
FIXED_FIELDS = ("SELLERS", "PAYMENT_SCHEDULE")
TRADE_LIST_COLUMNS = ["TRADE_ID", "PRODUCT", "STATUS", "OPERATOR", "OPERATOR_CD", "SIGNING_DATE", "FEEDBACK_DUE",
                      "OVERDUE"]


def next_status(status: str) -> Optional[str]:
    """The status after ``status`` (None after ``closed`` or for an unknown status)."""
    if status not in STATUSES or status == STATUSES[-1]:
        return None
    return STATUSES[STATUSES.index(status) + 1]


def missing_for(trade: dict[str, Any], status: str) -> list[str]:
    """The fields required up to ``status`` that ``trade`` (a stored trade, maybe with pending values) lacks
    (PARCELS is never listed: it is set at creation). CERT_NO is not missing when COUNTY and CERT_DATE let
    :func:`advance_trade` number it."""
    out = []
    for f in required_fields(status):
        if f == "PARCELS" or not _blank(trade.get(f)):
            continue
        if f == "CERT_NO" and not _blank(trade.get("COUNTY")) and not _blank(trade.get("CERT_DATE")):
            continue
        out.append(f)
    return out


def list_trades(reg: Register, as_of: DateLike) -> pd.DataFrame:
    """Every trade (by TRADE_ID): :data:`TRADE_LIST_COLUMNS`. FEEDBACK_DUE is the feedback plan's deadline of a
    signed trade (None before signing); OVERDUE is True when :func:`status_report` lists an overdue item of the
    trade on ``as_of`` (feedback plan, filings, payments, pledges)."""
    with reg._read() as con:
        con.row_factory = sqlite3.Row
        trades = [dict(r) for r in con.execute("SELECT * FROM trade ORDER BY TRADE_ID")]
    overdue = set(status_report(reg, as_of, 0).query("STATE == 'overdue'")["TRADE_ID"])
    rows = []
    for t in trades:
        signed = not _blank(t.get("SIGNING_DATE"))
        rows.append({"TRADE_ID": t["TRADE_ID"], "PRODUCT": t.get("PRODUCT"), "STATUS": t["STATUS"],
                     "OPERATOR": t.get("OPERATOR"), "OPERATOR_CD": t.get("OPERATOR_CD"),
                     "SIGNING_DATE": t.get("SIGNING_DATE"),
                     "FEEDBACK_DUE": feedback_due(t["SIGNING_DATE"]).isoformat() if signed else None,
                     "OVERDUE": t["TRADE_ID"] in overdue})
    df = pd.DataFrame(rows, columns=TRADE_LIST_COLUMNS).astype(object)
    return df.where(df.notna(), None)


def trade_payments(reg: Register, trade_id: str) -> pd.DataFrame:
    """The scheduled payments of a trade in order: SEQ, DUE_DATE, AMOUNT, PAID_DATE (None while unpaid)."""
    with reg._read() as con:
        df = pd.read_sql_query("SELECT SEQ, DUE_DATE, AMOUNT, PAID_DATE FROM payment WHERE TRADE_ID = ? ORDER BY SEQ",
                               con, params=(trade_id,))
    return df.astype(object).where(df.notna(), None)


def trade_pledges(reg: Register, trade_id: str) -> pd.DataFrame:
    """The pledges of a trade: those recorded with its TRADE_ID or on one of its parcels, by PLEDGE_ID."""
    parcels = set(trade_parcels(reg, trade_id)["PARCEL_ID"].astype(str))
    with reg._read() as con:
        df = pd.read_sql_query("SELECT PLEDGE_ID, TRADE_ID, KIND, PARCELS, LENDER, AMOUNT, START_DATE, END_DATE, "
                               "RELEASE_DATE FROM pledge ORDER BY PLEDGE_ID", con)
    on_parcel = df["PARCELS"].fillna("").map(lambda s: bool(parcels & {p.strip() for p in s.split(";")}))
    df = df[(df["TRADE_ID"] == trade_id) | on_parcel].reset_index(drop=True)
    return df.astype(object).where(df.notna(), None)


def trade_events(reg: Register, trade_id: str) -> pd.DataFrame:
    """The append-only event rows of a trade in write order."""
    with reg._read() as con:
        return pd.read_sql_query("SELECT id, time, os_user, app_user, action, from_status, to_status, field, "
                                 "old_value, new_value FROM trade_event WHERE trade_id = ? ORDER BY id", con,
                                 params=(trade_id,))


def update_trade(reg: Register, trade_id: str, fields: dict[str, Any], user: Optional[str] = None) -> TradeMove:
    """Record ``fields`` of a trade without changing its status (e.g. the feedback plan of a signed trade, the
    filings, a note); one transaction with an ``update`` event row per changed field. Blank values are ignored
    (nothing is erased); SELLERS and PAYMENT_SCHEDULE are refused (:data:`FIXED_FIELDS`). Returns the move with
    the changed fields only (nothing written when nothing changes)."""
    trade = get_trade(reg, trade_id)
    if trade is None:
        raise ValuationError("trade_missing", "Trade {trade} is not in the register.", trade=trade_id)
    values = normalise_fields(fields)
    fixed = [k for k in values if k in FIXED_FIELDS]
    if fixed:
        raise ValuationError("trade_fixed_fields", "Trade {trade}: {fields} cannot be changed here.", trade=trade_id,
                             fields=", ".join(fixed))
    changed = {k: v for k, v in values.items() if trade.get(k) != v}
    status = trade["STATUS"]
    if not changed:
        return TradeMove(trade_id, status, {})
    if any(k in changed for k in SCREENED_FIELDS):
        merged = {**trade, **changed}
        day = _screen_date(merged)
        _refuse_excluded(trade_id, screen_parties(reg, merged.get("OPERATOR"), merged.get("OPERATOR_CD"),
                                                  _investors(trade_parcels(reg, trade_id)), day), day)
    user = user or os_user()
    now = utc_now()

    def body(con: sqlite3.Connection) -> None:
        sets = {**changed, "UPDATED_AT": now, "UPDATED_BY": user}
        con.execute(f"UPDATE trade SET {', '.join(f'{k} = ?' for k in sets)} WHERE TRADE_ID = ?",
                    [*sets.values(), trade_id])
        _insert_events(con, _event_rows(now, user, trade_id, "update", status, status, trade, changed))

    reg._write(body)
    return TradeMove(trade_id, status, changed)


# Pledges ------------------------------------------------------------------------------------------------------
PLEDGE_KINDS = ("RIGHT", "REVENUE")


def record_pledge(reg: Register, pledge_id: str, kind: str, lender: str, amount: float, start: DateLike,
                  end: DateLike, parcels: Sequence[str] = (), trade_id: Optional[str] = None,
                  release: Optional[DateLike] = None, user: Optional[str] = None) -> dict[str, Any]:
    """Create a pledge (抵质押 of an operating right or of revenue), or, for an existing PLEDGE_ID, record its
    release date (the other values must then match or be left empty)."""
    pledge_id = str(pledge_id or "").strip()
    if not pledge_id:
        raise ValuationError("pledge_no_id", "Give a pledge id.")
    user = user or os_user()
    with reg._read() as con:
        con.row_factory = sqlite3.Row
        row = con.execute("SELECT * FROM pledge WHERE PLEDGE_ID = ?", (pledge_id,)).fetchone()
    release_s = None if release in (None, "") else as_date(release, "release date").isoformat()
    if row is not None:
        if release_s is None:
            raise ValuationError("pledge_exists", "Pledge {pledge} already exists; give a release date to release "
                                 "it.", pledge=pledge_id)

        def release_body(con: sqlite3.Connection) -> None:
            con.execute("UPDATE pledge SET RELEASE_DATE = ?, UPDATED_AT = ?, UPDATED_BY = ? WHERE PLEDGE_ID = ?",
                        (release_s, utc_now(), user, pledge_id))
            _insert_events(con, [(utc_now(), os_user(), user, row["TRADE_ID"] or f"pledge:{pledge_id}",
                                  "pledge_release", None, None, "RELEASE_DATE", row["RELEASE_DATE"], release_s)])

        reg._write(release_body)
        return {**{k: row[k] for k in row.keys()}, "RELEASE_DATE": release_s}
    kind_u = str(kind or "").strip().upper()
    if kind_u not in PLEDGE_KINDS:
        raise ValuationError("pledge_bad_kind", "Pledge kind must be RIGHT or REVENUE, got {kind}.", kind=str(kind))
    missing = [n for n, v in (("LENDER", lender), ("AMOUNT", amount)) if _blank(v)]
    if not parcels and _blank(trade_id):
        missing.append("PARCELS/TRADE_ID")
    if missing:
        raise ValuationError("pledge_missing", "Pledge {pledge} lacks {fields}.", pledge=pledge_id,
                             fields=", ".join(missing))
    if float(amount) <= 0:
        raise ValuationError("pledge_bad_amount", "The pledge amount must be positive.")
    s, e = as_date(start, "start date"), as_date(end, "end date")
    if e < s:
        raise ValuationError("pledge_bad_term", "The pledge ends ({end}) before it starts ({start}).",
                             start=s.isoformat(), end=e.isoformat())
    if not _blank(trade_id) and get_trade(reg, str(trade_id)) is None:
        raise ValuationError("trade_missing", "Trade {trade} is not in the register.", trade=str(trade_id))
    rec = {"PLEDGE_ID": pledge_id, "TRADE_ID": None if _blank(trade_id) else str(trade_id), "KIND": kind_u,
           "PARCELS": ";".join(str(p) for p in parcels) or None, "LENDER": str(lender).strip(),
           "AMOUNT": float(amount), "START_DATE": s.isoformat(), "END_DATE": e.isoformat(),
           "RELEASE_DATE": release_s, "UPDATED_AT": utc_now(), "UPDATED_BY": user}

    def body(con: sqlite3.Connection) -> None:
        con.execute(f"INSERT INTO pledge ({', '.join(rec)}) VALUES ({', '.join('?' * len(rec))})", list(rec.values()))
        _insert_events(con, [(rec["UPDATED_AT"], os_user(), user, rec["TRADE_ID"] or f"pledge:{pledge_id}",
                              "pledge", None, None, "PLEDGE_ID", None, pledge_id)])

    reg._write(body)
    return rec


# What is due -------------------------------------------------------------------------------------------------
STATUS_COLUMNS = ["TRADE_ID", "ITEM", "DUE_DATE", "STATE", "DAYS", "DETAIL"]


def status_report(reg: Register, as_of: DateLike, horizon_days: int = 30) -> pd.DataFrame:
    """What is overdue (due before ``as_of``) or due within ``horizon_days`` after it.

    Items: ``feedback_plan`` (signing + 6 months, until FEEDBACK_PLAN_DATE), ``filing_water``/``filing_drc``/
    ``filing_finance`` (signing + :data:`FILING_DAYS`, until filed), ``publicity_end`` (a publicised trade whose
    公示 ends, until it moves on), ``payment`` (scheduled and unpaid), ``pledge_end`` (not released). DAYS is
    due date − as_of (negative: overdue)."""
    day = as_date(as_of, "AS_OF")
    horizon = day + dt.timedelta(days=int(horizon_days))
    rows: list[dict[str, Any]] = []

    def add(trade: str, item: str, due: dt.date, detail: str) -> None:
        if due <= horizon:
            rows.append({"TRADE_ID": trade, "ITEM": item, "DUE_DATE": due.isoformat(),
                         "STATE": "overdue" if due < day else "due", "DAYS": (due - day).days, "DETAIL": detail})

    with reg._read() as con:
        con.row_factory = sqlite3.Row
        trades = [dict(r) for r in con.execute("SELECT * FROM trade")]
        payments = [dict(r) for r in con.execute("SELECT * FROM payment WHERE PAID_DATE IS NULL")]
        pledges = [dict(r) for r in con.execute("SELECT * FROM pledge WHERE RELEASE_DATE IS NULL")]
    for t in trades:
        idx = STATUSES.index(t["STATUS"]) if t["STATUS"] in STATUSES else 0
        if t["STATUS"] == "closed":
            continue
        if idx >= STATUSES.index("signed") and not _blank(t.get("SIGNING_DATE")):
            signed = as_date(t["SIGNING_DATE"])
            if _blank(t.get("FEEDBACK_PLAN_DATE")):
                add(t["TRADE_ID"], "feedback_plan", feedback_due(signed), "反哺方案")
            for item, col, label in (("filing_water", "FILED_WATER", "水利部门备案"),
                                     ("filing_drc", "FILED_DRC", "发展改革部门备案"),
                                     ("filing_finance", "FILED_FINANCE", "财政部门备案")):
                if _blank(t.get(col)):
                    add(t["TRADE_ID"], item, signed + dt.timedelta(days=FILING_DAYS), label)
        if t["STATUS"] == "publicised" and not _blank(t.get("PUBLICITY_END")):
            add(t["TRADE_ID"], "publicity_end", as_date(t["PUBLICITY_END"]), "公示期结束")
    for p in payments:
        add(p["TRADE_ID"], "payment", as_date(p["DUE_DATE"]), f"#{p['SEQ']}: {p['AMOUNT']:,.2f} 元")
    for p in pledges:
        add(p["TRADE_ID"] or "", "pledge_end", as_date(p["END_DATE"]),
            f"{p['PLEDGE_ID']} ({p['KIND']}, {p['LENDER']}): {p['AMOUNT']:,.2f} 元")
    out = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    return out.sort_values(["DUE_DATE", "TRADE_ID", "ITEM"], kind="stable").reset_index(drop=True)
