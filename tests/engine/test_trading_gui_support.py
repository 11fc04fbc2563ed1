"""Engine functions behind the dock's Trades tab: the trade list with its overdue flag, payments, pledges and
events of a trade, recording fields without a status change, the next status and what it still needs."""

from __future__ import annotations

import pandas as pd
import pytest

from valuation.errors import ValuationError
from valuation.register import Register
from valuation.trading import (
    STATUSES,
    advance_trade,
    create_trade,
    get_trade,
    list_trades,
    missing_for,
    next_status,
    record_payment,
    record_pledge,
    trade_events,
    trade_payments,
    trade_pledges,
    update_trade,
)

from .test_trading import STEPS, parcels


@pytest.fixture
def reg(tmp_path) -> Register:
    return Register.create(tmp_path / "project.gpkg")


def signed_trade(reg: Register, trade_id: str = "T1") -> None:
    create_trade(reg, trade_id, {"PRODUCT": "生态旅游经营权"}, parcels())
    fields = {}
    for s in ("accounted", "appraised", "listed", "publicised", "signed"):
        fields.update(STEPS[s])
    advance_trade(reg, trade_id, "signed", fields)


def test_next_status_and_missing_for():
    assert next_status("planned") == "accounted" and next_status("certified") == "closed"
    assert next_status("closed") is None and next_status("sold") is None
    assert missing_for({"PRODUCT": "碳汇", "SELLERS": "甲"}, "accounted") == ["ACCOUNTED_VALUE", "ACCOUNT_DATE"]
    assert missing_for({"CERT_DATE": "2025-01-01", "COUNTY": "WL"}, "certified")[-1] == "FILED_FINANCE"
    assert "CERT_NO" in missing_for({"CERT_DATE": "2025-01-01"}, "certified")


def test_list_trades_overdue_on_a_fixed_date(reg):
    signed_trade(reg)
    create_trade(reg, "T2", {"PRODUCT": "碳汇"}, parcels(PARCEL_ID=["L2-1", "L2-2"]))
    df = list_trades(reg, "2025-09-15")
    assert list(df["TRADE_ID"]) == ["T1", "T2"]
    t1 = df.iloc[0]
    assert t1["STATUS"] == "signed" and t1["FEEDBACK_DUE"] == "2026-02-28" and t1["OPERATOR_CD"]
    assert not t1["OVERDUE"] and not df.iloc[1]["OVERDUE"] and df["FEEDBACK_DUE"].iloc[1] is None
    # 2025-10-01: the first payment (2025-09-30) and the filings (signing + 30 days) are overdue
    assert list(list_trades(reg, "2025-10-01")["OVERDUE"]) == [True, False]


def test_payments_record_received(reg):
    signed_trade(reg)
    p = trade_payments(reg, "T1")
    assert list(p["SEQ"]) == [1, 2] and list(p["AMOUNT"]) == [250000.0, 250000.0]
    assert list(p["PAID_DATE"]) == [None, None]
    record_payment(reg, "T1", 1, "2025-09-29", user="李四")
    assert list(trade_payments(reg, "T1")["PAID_DATE"]) == ["2025-09-29", None]
    ev = trade_events(reg, "T1").iloc[-1]
    assert (ev["action"], ev["field"], ev["new_value"], ev["app_user"]) == ("payment", "PAYMENT_1", "2025-09-29",
                                                                          "李四")
    with pytest.raises(ValuationError) as e:
        record_payment(reg, "T1", 9, "2025-09-29")
    assert e.value.code == "trade_no_payment"


def test_update_trade_keeps_status_and_appends_events(reg):
    signed_trade(reg)
    n = len(trade_events(reg, "T1"))
    move = update_trade(reg, "T1", {"FEEDBACK_PLAN_NO": "反哺〔2026〕1号", "FEEDBACK_PLAN_DATE": "2026-02-01",
                                    "FILED_WATER": "", "NOTE": None}, user="王五")
    assert move.status == "signed" and set(move.fields) == {"FEEDBACK_PLAN_NO", "FEEDBACK_PLAN_DATE"}
    t = get_trade(reg, "T1")
    assert t["STATUS"] == "signed" and t["FEEDBACK_PLAN_DATE"] == "2026-02-01" and t["UPDATED_BY"] == "王五"
    ev = trade_events(reg, "T1").iloc[n:]
    assert list(ev["action"]) == ["update"] * 3 and set(ev["field"].dropna()) == {"FEEDBACK_PLAN_NO",
                                                                                 "FEEDBACK_PLAN_DATE"}
    assert "feedback_plan" not in set(list_trades(reg, "2026-03-01").columns)  # the list is per trade
    # unchanged values write nothing
    assert update_trade(reg, "T1", {"FEEDBACK_PLAN_DATE": "2026-02-01"}).fields == {}
    assert len(trade_events(reg, "T1")) == n + 3
    for bad, code in (({"SELLERS": "乙"}, "trade_fixed_fields"), ({"PAYMENT_SCHEDULE": "2026-01-01:1"},
                                                                  "trade_fixed_fields"),
                      ({"SIGNING_DATE": "not a date"}, "trade_bad_date"), ({"BOGUS": 1}, "trade_unknown_fields")):
        with pytest.raises(ValuationError) as e:
            update_trade(reg, "T1", bad)
        assert e.value.code == code
    with pytest.raises(ValuationError):
        update_trade(reg, "T9", {"NOTE": "x"})
    assert get_trade(reg, "T1")["STATUS"] == "signed" and len(trade_events(reg, "T1")) == n + 3
    assert STATUSES.index("signed") < STATUSES.index("closed")


def test_trade_pledges_by_trade_or_parcel(reg):
    signed_trade(reg)
    record_pledge(reg, "P1", "RIGHT", "银行", 100000, "2025-09-01", "2026-09-01", trade_id="T1")
    record_pledge(reg, "P2", "REVENUE", "信用社", 5000, "2025-09-01", "2026-03-01", parcels=["L1-2"])
    record_pledge(reg, "P3", "REVENUE", "信用社", 5000, "2025-09-01", "2026-03-01", parcels=["X-9"])
    df = trade_pledges(reg, "T1")
    assert list(df["PLEDGE_ID"]) == ["P1", "P2"] and list(df["RELEASE_DATE"]) == [None, None]
    record_pledge(reg, "P2", "", "", None, "2025-09-01", "2026-03-01", release="2026-01-15")
    assert list(trade_pledges(reg, "T1")["RELEASE_DATE"]) == [None, "2026-01-15"]
    assert isinstance(df, pd.DataFrame)
