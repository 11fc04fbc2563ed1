"""Trading deadlines across month ends and leap years; the trade lifecycle, pledges and the status list."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd
import pytest

from valuation.errors import ValuationError
from valuation.register import Register
from valuation.trading import (
    STATUSES,
    add_months,
    advance_trade,
    carbon_sold_parcels,
    create_trade,
    feedback_due,
    get_trade,
    record_payment,
    record_pledge,
    required_fields,
    status_report,
    trade_parcels,
)


@pytest.mark.parametrize("signed, due", [
    ("2025-08-31", "2026-02-28"),
    ("2027-08-31", "2028-02-29"),  # leap year
    ("2023-08-29", "2024-02-29"),
    ("2023-08-30", "2024-02-29"),
    ("2025-08-28", "2026-02-28"),
    ("2025-01-15", "2025-07-15"),
    ("2025-07-31", "2026-01-31"),
    ("2025-12-31", "2026-06-30"),
    ("2025-03-31", "2025-09-30"),
    ("2024-02-29", "2024-08-29"),
    ("2025-06-30", "2025-12-30"),
    ("2099-12-31", "2100-06-30"),
])
def test_feedback_due(signed, due):
    assert feedback_due(signed) == dt.date.fromisoformat(due)
    assert feedback_due(dt.date.fromisoformat(signed)) == dt.date.fromisoformat(due)


def test_datetime_and_negative_months():
    assert feedback_due(dt.datetime(2025, 8, 31, 15, 0)) == dt.date(2026, 2, 28)
    assert add_months("2024-03-31", -1) == dt.date(2024, 2, 29)
    assert add_months("2100-03-31", -1) == dt.date(2100, 2, 28)  # 2100 is not a leap year


def test_bad_date():
    with pytest.raises(ValuationError) as e:
        feedback_due("31/08/2025")
    assert e.value.code == "trade_bad_date"


# Lifecycle ---------------------------------------------------------------------------------------------------
CREDIT = "91350100M000100Y43"

STEPS = {
    "accounted": {"ACCOUNTED_VALUE": 1_000_000, "ACCOUNT_DATE": "2025-03-01"},
    "appraised": {"APPRAISER": "某评估公司", "APPRAISED_VALUE": 800_000, "APPRAISAL_DATE": "2025-04-01"},
    "listed": {"LISTING_DATE": "2025-05-01", "PLATFORM_REF": "CQGGZY-1", "LISTING_PRICE": 1_880_000, "TERM_YEARS": 10,
               "OPERATING_FORMS": "生态旅游；林下种植", "OPERATOR_SCOPE": "依法设立的企业或农民专业合作社",
               "CONTACT": "示例县水利局 023-00000000"},
    "publicised": {"PUBLICITY_START": "2025-05-02", "PUBLICITY_END": "2025-05-12"},
    "signed": {"PUBLICITY_OUTCOME": "无异议", "OPERATOR": "投资公司", "OPERATOR_CD": CREDIT, "TERM_YEARS": 10,
               "START_DATE": "2025-09-01", "PRICE": 500_000, "PAYMENT_METHOD": "分期",
               "PAYMENT_SCHEDULE": "2025-09-30:250000;2026-09-30:250000", "CONTRACT_NO": "HT-1",
               "SIGNING_DATE": "2025-08-31", "REVENUE_PLAN_NO": "府批〔2025〕1号", "REVENUE_PLAN_DATE": "2025-08-20"},
    "filed": {"FILED_WATER": "2025-09-05", "FILED_DRC": "2025-09-06", "FILED_FINANCE": "2025-09-07"},
    "certified": {"COUNTY": "WL", "CERT_DATE": "2025-09-10"},
    "closed": {"FEEDBACK_PLAN_NO": "反哺〔2026〕1号", "FEEDBACK_PLAN_DATE": "2026-02-01", "CLOSE_DATE": "2035-09-01"},
}


def parcels(**extra) -> pd.DataFrame:
    d = {"PARCEL_ID": ["L1-1", "L1-2"], "ELIGIBLE": [1, 1], "SELLER": ["甲村委会", "甲村委会"],
         "INVESTOR": ["投资公司", None], "PRIORITY": [1, 0]}
    d.update(extra)
    return pd.DataFrame(d)


@pytest.fixture
def reg(tmp_path) -> Register:
    return Register.create(tmp_path / "project.gpkg")


def test_required_fields_are_cumulative():
    assert required_fields("planned") == ("PRODUCT", "PARCELS", "SELLERS")
    assert set(required_fields("accounted")) >= {"PRODUCT", "ACCOUNTED_VALUE"}
    with pytest.raises(ValuationError) as e:
        required_fields("sold")
    assert e.value.code == "trade_bad_status"


def test_full_lifecycle(reg):
    move = create_trade(reg, "T1", {"PRODUCT": "生态旅游经营权"}, parcels(), user="张三")
    assert move.status == "planned" and move.fields["SELLERS"] == "甲村委会"
    for status in STATUSES[1:]:
        move = advance_trade(reg, "T1", status, STEPS[status], user="张三")
        assert get_trade(reg, "T1")["STATUS"] == status
    t = get_trade(reg, "T1")
    assert t["CERT_NO"] == "WL-2025-0001" and t["PRICE"] == 500_000
    con = sqlite3.connect(reg.path)
    assert con.execute("SELECT SEQ, DUE_DATE, AMOUNT FROM payment ORDER BY SEQ").fetchall() == [
        (1, "2025-09-30", 250000.0), (2, "2026-09-30", 250000.0)]
    events = con.execute("SELECT action, to_status FROM trade_event WHERE field IS NULL ORDER BY id").fetchall()
    assert [e[1] for e in events] == list(STATUSES)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM trade_event")
    con.close()
    assert list(trade_parcels(reg, "T1")["PARCEL_ID"]) == ["L1-1", "L1-2"]


def test_create_refusals(reg):
    with pytest.raises(ValuationError) as e:
        create_trade(reg, "T1", {"PRODUCT": "碳汇"}, parcels(ELIGIBLE=[1, 0]))
    assert e.value.code == "trade_ineligible_parcels" and "L1-2" in str(e.value)
    with pytest.raises(ValuationError) as e:
        create_trade(reg, "T1", {}, parcels())
    assert e.value.code == "trade_missing_fields" and "PRODUCT" in str(e.value)
    with pytest.raises(ValuationError) as e:
        create_trade(reg, "T1", {"PRODUCT": "碳汇"}, parcels(SELLER=["a", None]))
    assert e.value.code == "trade_parcels_no_seller"
    with pytest.raises(ValuationError) as e:
        create_trade(reg, "T1", {"PRODUCT": "碳汇", "BOGUS": 1}, parcels())
    assert e.value.code == "trade_unknown_fields"
    create_trade(reg, "T1", {"PRODUCT": "碳汇"}, parcels())
    with pytest.raises(ValuationError) as e:
        create_trade(reg, "T1", {"PRODUCT": "碳汇"}, parcels())
    assert e.value.code == "trade_exists"
    assert carbon_sold_parcels(reg) == {"L1-1", "L1-2"}


def test_advance_refusals_list_missing_fields(reg):
    create_trade(reg, "T1", {"PRODUCT": "林下种植经营权"}, parcels())
    with pytest.raises(ValuationError) as e:
        advance_trade(reg, "T1", "appraised", STEPS["accounted"])
    assert e.value.code == "trade_missing_fields"
    assert "APPRAISER (评估机构)" in str(e.value) and "APPRAISED_VALUE" in str(e.value)
    assert get_trade(reg, "T1")["STATUS"] == "planned"  # nothing written
    advance_trade(reg, "T1", "accounted", STEPS["accounted"])
    with pytest.raises(ValuationError) as e:
        advance_trade(reg, "T1", "planned", {})
    assert e.value.code == "trade_not_forward"
    with pytest.raises(ValuationError) as e:
        advance_trade(reg, "T2", "accounted", {})
    assert e.value.code == "trade_missing"
    with pytest.raises(ValuationError) as e:
        advance_trade(reg, "T1", "appraised", {**STEPS["appraised"], "APPRAISAL_DATE": "yesterday"})
    assert e.value.code == "trade_bad_date"
    # several statuses at once when every field is there
    fields = {**STEPS["appraised"], **STEPS["listed"], **STEPS["publicised"]}
    assert advance_trade(reg, "T1", "publicised", fields).status == "publicised"
    with pytest.raises(ValuationError) as e:
        advance_trade(reg, "T1", "signed", {**STEPS["signed"], "OPERATOR_CD": "123"})
    assert e.value.code == "trade_bad_operator_id"


def test_priority_warning_and_waiver(reg, tmp_path):
    for tid, waiver in (("T1", None), ("T2", "投资公司书面放弃 2025-08-01")):
        create_trade(reg, tid, {"PRODUCT": "生态旅游经营权"}, parcels())
        pre = {**STEPS["accounted"], **STEPS["appraised"], **STEPS["listed"], **STEPS["publicised"]}
        advance_trade(reg, tid, "publicised", pre)
        signed = {**STEPS["signed"], "OPERATOR": "另一公司"}
        if waiver:
            signed["PRIORITY_WAIVER"] = waiver
        move = advance_trade(reg, tid, "signed", signed)
        codes = [n.code for n in move.notices]
        assert codes == ([] if waiver else ["trade_priority_not_operator"])
        if not waiver:
            assert "L1-1" in move.notices[0].text() and "投资公司" in move.notices[0].text()


def test_certificate_numbers_follow_the_scheme(reg):
    for tid in ("T1", "T2"):
        create_trade(reg, tid, {"PRODUCT": "碳汇"}, parcels())
        fields = {}
        for s in STATUSES[1:8]:
            fields.update(STEPS[s])
        advance_trade(reg, tid, "certified", fields, cert_scheme="渝{county}凭{year}第{seq:03d}号")
    assert get_trade(reg, "T2")["CERT_NO"] == "渝WL凭2025第002号"
    create_trade(reg, "T3", {"PRODUCT": "碳汇"}, parcels())
    with pytest.raises(ValuationError) as e:
        advance_trade(reg, "T3", "certified", fields, cert_scheme="{nope}")
    assert e.value.code == "trade_bad_cert_scheme"


def test_pledges(reg):
    create_trade(reg, "T1", {"PRODUCT": "碳汇"}, parcels())
    rec = record_pledge(reg, "P1", "revenue", "某银行", 5_000_000, "2025-01-01", "2027-12-31", trade_id="T1")
    assert rec["KIND"] == "REVENUE"
    for kwargs, code in (
            ({"pledge_id": "P1"}, "pledge_exists"),
            ({"pledge_id": "P2", "kind": "house"}, "pledge_bad_kind"),
            ({"pledge_id": "P2", "lender": ""}, "pledge_missing"),
            ({"pledge_id": "P2", "trade_id": None, "parcels": ()}, "pledge_missing"),
            ({"pledge_id": "P2", "amount": 0}, "pledge_bad_amount"),
            ({"pledge_id": "P2", "end": "2024-01-01"}, "pledge_bad_term"),
            ({"pledge_id": "P2", "trade_id": "T9"}, "trade_missing")):
        args = {"pledge_id": "P2", "kind": "RIGHT", "lender": "银行", "amount": 1.0, "start": "2025-01-01",
                "end": "2026-01-01", "trade_id": "T1", **kwargs}
        with pytest.raises(ValuationError) as e:
            record_pledge(reg, **args)
        assert e.value.code == code, kwargs
    record_pledge(reg, "P1", "", "", 0, "", "", release="2026-06-30")
    con = sqlite3.connect(reg.path)
    assert con.execute("SELECT RELEASE_DATE FROM pledge WHERE PLEDGE_ID = 'P1'").fetchone()[0] == "2026-06-30"
    con.close()


def test_status_list_on_a_fixed_date(reg):
    # T1 signed 2025-08-31: feedback plan due 2026-02-28; filings due 2025-09-30; payments 2025-09-30, 2026-09-30
    create_trade(reg, "T1", {"PRODUCT": "生态旅游经营权"}, parcels())
    fields = {}
    for s in STATUSES[1:6]:
        fields.update(STEPS[s])
    advance_trade(reg, "T1", "signed", fields)
    # T2 publicised, 公示 ends 2026-02-20
    create_trade(reg, "T2", {"PRODUCT": "碳汇"}, parcels())
    advance_trade(reg, "T2", "publicised", {**STEPS["accounted"], **STEPS["appraised"], **STEPS["listed"],
                                            "PUBLICITY_START": "2026-02-10", "PUBLICITY_END": "2026-02-20"})
    record_pledge(reg, "P1", "RIGHT", "某银行", 1_000_000, "2025-01-01", "2026-03-10", parcels=["L1-1"])
    record_pledge(reg, "P2", "RIGHT", "某银行", 1_000_000, "2025-01-01", "2026-12-31", parcels=["L1-2"])
    record_payment(reg, "T1", 1, "2025-09-29")
    got = status_report(reg, "2026-02-25", horizon_days=30)
    rows = [tuple(r) for r in got[["TRADE_ID", "ITEM", "DUE_DATE", "STATE", "DAYS"]].itertuples(index=False)]
    assert rows == [
        ("T1", "filing_drc", "2025-09-30", "overdue", -148),
        ("T1", "filing_finance", "2025-09-30", "overdue", -148),
        ("T1", "filing_water", "2025-09-30", "overdue", -148),
        ("T2", "publicity_end", "2026-02-20", "overdue", -5),
        ("T1", "feedback_plan", "2026-02-28", "due", 3),
        ("", "pledge_end", "2026-03-10", "due", 13),
    ]
    later = status_report(reg, "2026-09-15", horizon_days=30)
    assert ("payment", "2026-09-30", "due") in {(r.ITEM, r.DUE_DATE, r.STATE) for r in later.itertuples()}
    assert ("feedback_plan", "overdue") in {(r.ITEM, r.STATE) for r in later.itertuples()}


def test_certificate_html_masks_the_identifier(reg):
    from valuation.certificate import certificate_html

    create_trade(reg, "T1", {"PRODUCT": "生态旅游经营权"}, parcels())
    with pytest.raises(ValuationError) as e:
        certificate_html(reg, "T1")
    assert e.value.code == "cert_not_certified"
    fields = {}
    for s in STATUSES[1:8]:
        fields.update(STEPS[s])
    advance_trade(reg, "T1", "certified", fields)
    text = certificate_html(reg, "T1")
    assert "WL-2025-0001" in text and "L1-1、L1-2" in text
    assert CREDIT not in text and "913501********0Y43" in text
    assert "2025-09-01 至 2035-09-01" in text
