"""The dock's Trades tab on the split sample watershed (pytest-qgis, offscreen): a trade created from the selected
eligible parcels, refused with an ineligible one; advancing refused with the missing fields listed (nothing
written), then done with the fields given (an event row written); a received payment; the overdue flag on a
fixed date; a pledge's release; the feedback plan."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from swc_ecovalue.valuation.register import Register
from swc_ecovalue.valuation.trading import advance_trade, get_trade, record_pledge, trade_events

from tests.ui.dock_helpers import CREDIT, process_events

SELLER = "青杠村股份经济合作联合社"
TO_SIGNED = {"ACCOUNTED_VALUE": 1_000_000, "ACCOUNT_DATE": "2025-03-01", "APPRAISER": "某评估公司",
             "APPRAISED_VALUE": 800_000, "APPRAISAL_DATE": "2025-04-01", "LISTING_DATE": "2025-05-01",
             "LISTING_PRICE": 1_880_000, "OPERATING_FORMS": "生态旅游；林下种植", "OPERATOR_SCOPE": "依法设立的企业",
             "CONTACT": "县水利局 023-00000000", "PUBLICITY_START": "2025-05-02", "PUBLICITY_END": "2025-05-12",
             "PUBLICITY_OUTCOME": "无异议",
             "OPERATOR": "投资公司", "OPERATOR_CD": CREDIT, "TERM_YEARS": 10, "START_DATE": "2025-09-01",
             "PRICE": 500_000, "PAYMENT_METHOD": "分期", "PAYMENT_SCHEDULE": "2025-09-30:250000;2026-09-30:250000",
             "CONTRACT_NO": "HT-1", "SIGNING_DATE": "2025-08-31", "REVENUE_PLAN_NO": "府批〔2025〕1号",
             "REVENUE_PLAN_DATE": "2025-08-20"}


def assign(dock, fids: list[int]) -> None:
    dock.layer().selectByIds(fids)
    process_events()
    for k, v in {"OWN_TYPE": "COLLECTIVE", "HOLDER": "青杠村第一村民小组", "SELLER": SELLER, "SELLER_CD": CREDIT,
                 "DISPUTE": "NONE"}.items():
        dock.form.set_value(k, v)
    assert dock.apply_form() > 0


@pytest.fixture
def trades(dock, parcels, tmp_path):
    """The Trades tab of a dock bound to the parcels and a new register; parcels 0-2 eligible, 3 not."""
    dock.set_layer(parcels)
    dock.set_register_path(str(tmp_path / "register.gpkg"))
    fids = sorted(parcels.allFeatureIds())[:4]
    assign(dock, fids[:3])
    tab = dock.trades_tab
    tab.as_of = dt.date(2025, 9, 15)
    dock.tabs.setCurrentWidget(tab)
    tab.fids = fids
    return tab


def events(tab) -> int:
    return len(trade_events(Register.open(tab.dock.register_path()), tab.selected_trade_id() or "T1"))


def make_trade(tab, trade_id: str = "T1") -> None:
    tab.dock.layer().selectByIds(tab.fids[:3])
    process_events()
    tab.new_id_edit.setText(trade_id)
    tab.product_combo.setCurrentText("生态旅游经营权")
    assert tab.create_from_selection()


def test_tab_is_in_the_dock(dock):
    assert dock.tabs.indexOf(dock.trades_tab) >= 0
    assert dock.tabs.tabText(dock.tabs.indexOf(dock.trades_tab)) in ("Trades", "交易")


def test_create_from_selected_eligible_parcels(trades):
    make_trade(trades)
    assert trades.trade_ids() == ["T1"] and trades.selected_trade_id() == "T1"
    reg = Register.open(trades.dock.register_path())
    t = get_trade(reg, "T1")
    assert t["STATUS"] == "planned" and t["SELLERS"] == SELLER and t["PRODUCT"] == "生态旅游经营权"
    con = sqlite3.connect(reg.path)
    assert con.execute("SELECT COUNT(*) FROM trade_parcel WHERE TRADE_ID = 'T1'").fetchone()[0] == 3
    con.close()
    assert trades.trade_table.item(0, 2).text() in ("Planned", "拟交易")
    assert "3" in trades.trade_label.text()


def test_create_refused_with_an_ineligible_parcel(trades):
    layer = trades.dock.layer()
    layer.selectByIds(trades.fids)
    process_events()
    bad = layer.getFeature(trades.fids[3])["PARCEL_ID"]
    assert not trades.create_from_selection("T2", "碳汇")
    assert bad in trades.refusal_label.text() and bad in trades.dock.last_message
    assert trades.dock.last_level == "warning"
    reg = Register.open(trades.dock.register_path())
    assert get_trade(reg, "T2") is None and trades.trade_ids() == []


def test_advance_refused_then_done(trades):
    make_trade(trades)
    assert trades.highlighted() == {"ACCOUNTED_VALUE", "ACCOUNT_DATE"}
    n = events(trades)
    assert not trades.advance()
    text = trades.refusal_label.text()
    assert "ACCOUNTED_VALUE" in text and "ACCOUNT_DATE" in text
    assert get_trade(Register.open(trades.dock.register_path()), "T1")["STATUS"] == "planned"
    assert events(trades) == n  # nothing written
    trades.edits["ACCOUNTED_VALUE"].setText("1,000,000")
    trades.edits["ACCOUNT_DATE"].setText("2025-03-01")
    trades._update_highlight()  # noqa: SLF001 — textEdited is emitted only by typing
    assert trades.highlighted() == set()
    assert trades.advance()
    reg = Register.open(trades.dock.register_path())
    t = get_trade(reg, "T1")
    assert t["STATUS"] == "accounted" and t["ACCOUNTED_VALUE"] == 1_000_000.0
    ev = trade_events(reg, "T1")
    assert len(ev) == n + 3  # the status change and two fields
    assert ev.iloc[n]["action"] == "advance" and ev.iloc[n]["to_status"] == "accounted"
    assert trades.trade_table.item(0, 2).text() in ("Accounted", "已核算")
    assert trades.highlighted() == {"APPRAISER", "APPRAISED_VALUE", "APPRAISAL_DATE"}


def test_payment_overdue_flag_feedback_and_pledge(trades):
    make_trade(trades)
    reg = Register.open(trades.dock.register_path())
    advance_trade(reg, "T1", "signed", TO_SIGNED)
    trades.refresh()
    assert trades.trade_table.item(0, 5).text() == "2026-02-28"  # feedback plan due
    assert trades.trade_table.item(0, 6).text() == ""  # nothing overdue on 2025-09-15
    assert "(91" in trades.trade_table.item(0, 3).text() and CREDIT not in trades.trade_table.item(0, 3).text()
    trades.as_of = dt.date(2025, 10, 1)  # first payment (09-30) and the filings (signing + 30 days) overdue
    trades.refresh()
    assert trades.trade_table.item(0, 6).text() in ("Overdue", "逾期")
    assert trades.payment_table.rowCount() == 2
    trades.payment_table.selectRow(0)
    trades.paid_date_edit.setText("2025-09-29")
    assert trades.record_payment()
    assert [p for p in trades.payments["PAID_DATE"]] == ["2025-09-29", None]
    assert trades.payment_table.item(0, 4).text() == "250,000.00"
    assert "250,000.00" in trades.payment_label.text()
    ev = trade_events(reg, "T1").iloc[-1]
    assert (ev["action"], ev["field"], ev["new_value"]) == ("payment", "PAYMENT_1", "2025-09-29")
    # feedback plan: recorded without a status change
    trades.fb_edits["FEEDBACK_PLAN_NO"].setText("反哺〔2026〕1号")
    trades.fb_edits["FEEDBACK_PLAN_DATE"].setText("2026-02-01")
    assert trades.save_feedback()
    t = get_trade(reg, "T1")
    assert t["STATUS"] == "signed" and t["FEEDBACK_PLAN_DATE"] == "2026-02-01"
    assert trades.feedback_state_label.text()
    # pledge of the trade: listed, then released
    record_pledge(reg, "P1", "RIGHT", "银行", 100000, "2025-09-01", "2026-09-01", trade_id="T1")
    trades.refresh()
    assert trades.pledge_table.rowCount() == 1
    trades.pledge_table.selectRow(0)
    trades.release_date_edit.setText("2026-01-15")
    assert trades.record_release()
    assert trades.pledge_table.item(0, 6).text() == "2026-01-15"


def test_bad_payment_date_refused(trades):
    make_trade(trades)
    advance_trade(Register.open(trades.dock.register_path()), "T1", "signed", TO_SIGNED)
    trades.refresh()
    trades.payment_table.selectRow(1)
    assert not trades.record_payment(paid="31/09/2025")
    assert list(trades.payments["PAID_DATE"]) == [None, None]


def test_listed_group_holds_the_listing_fields(trades):
    """Clause 十: what the platform publishes is entered in the 'listed' group (TERM_YEARS moved there)."""
    listed = trades.groups["listed"]
    for name in ("LISTING_DATE", "LISTING_PRICE", "TERM_YEARS", "OPERATING_FORMS", "OPERATOR_SCOPE", "CONTACT",
                 "PLATFORM_REF"):
        assert trades.edits[name].parent() is listed, name
    assert trades.edits["OPERATOR"].parent() is trades.groups["signed"]
    make_trade(trades)
    reg = Register.open(trades.dock.register_path())
    advance_trade(reg, "T1", "appraised", {k: TO_SIGNED[k] for k in (
        "ACCOUNTED_VALUE", "ACCOUNT_DATE", "APPRAISER", "APPRAISED_VALUE", "APPRAISAL_DATE")})
    trades.refresh()
    trades.select_trade("T1")
    assert trades.highlighted() == {"LISTING_DATE", "LISTING_PRICE", "TERM_YEARS", "OPERATING_FORMS",
                                    "OPERATOR_SCOPE", "CONTACT"}
