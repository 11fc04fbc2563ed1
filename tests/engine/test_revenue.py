"""Revenue plan: exact cents, holder splits, share parsing and every error."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest

from valuation.errors import ValuationError
from valuation.revenue import (
    MarginCap,
    largest_remainder,
    margin_cap,
    parse_cost_items,
    parse_shares,
    plan,
    platform_fee,
    reg_cul_share,
)

COSTS = {"accounting": 1000, "appraisal": 500.5, "platform": 0.25, "other": 0}


def parcels(**extra) -> pd.DataFrame:
    d = {"PARCEL_ID": ["P1", "P2", "P3", "P4"], "HOLDER": ["甲村", "乙村", "甲村", "丙组"],
         "AREA_M2": [1000.0, 2000.0, 1000.0, 3000.0], "V_TOTAL": [10.0, 10.0, 10.0, 10.0],
         "V_MAT": [1.0, 1.0, 1.0, 1.0], "V_REG": [6.0, 6.0, 6.0, 6.0], "V_CUL": [3.0, 3.0, 3.0, 3.0]}
    d.update(extra)
    return pd.DataFrame(d)


def test_largest_remainder_exact():
    assert largest_remainder(100, [Fraction(1)] * 3) == [34, 33, 33]
    assert sum(largest_remainder(1_000_001, [Fraction(1, 7)] * 7)) == 1_000_001
    assert largest_remainder(0, [Fraction(1)]) == [0]


def test_awkward_split_adds_to_net_exactly():
    shares = parse_shares([["a", "FEEDBACK", 33.33], ["b", "INVESTOR", 33.33], ["c", "OPERATOR", 33.33],
                           ["d", "OTHER", 0.01]])
    p = plan(1_000_000.01, COSTS, shares, None, "none")
    assert p.net == Decimal("998499.26")
    cents = [round(a * 100) for a in p.rows["AMOUNT"]]
    assert sum(cents) == 99849926
    # quotas in cents: 33,279,980.3358 (×3) and 9,984.9926; floors leave 2 cents for the largest remainders
    # (0.9926 → d, then 0.3358 → a, the earliest of the ties)
    assert cents == [33279981, 33279980, 33279980, 9985]
    assert p.rows["HOLDER"].eq("").all()


def test_split_by_area_several_holders():
    shares = parse_shares(["f", "FEEDBACK", 20, "c", "COLLECTIVE", 50, "v", "村民", 30])
    p = plan(7000, {}, shares, parcels(), "area")
    rows = p.rows
    coll = rows[rows.CATEGORY == "COLLECTIVE"].set_index("HOLDER")
    # areas: 甲村 2000, 乙村 2000, 丙组 3000 of 7000; collective line 3500.00
    assert coll.AMOUNT.to_dict() == {"甲村": 1000.0, "乙村": 1000.0, "丙组": 1500.0}
    assert coll.loc["丙组", "PERCENT"] == pytest.approx(50 * 3 / 7)
    vil = rows[rows.CATEGORY == "VILLAGERS"]
    assert round(vil.AMOUNT.sum() * 100) == 210000
    assert round(rows.AMOUNT.sum() * 100) == 700000
    assert p.weight_basis == "AREA_M2"


def test_split_by_value_appraised_and_fallback():
    shares = parse_shares([["c", "COLLECTIVE", 100]])
    appr = parcels(APPR_MAT=[1.0, 0, 0, 0], APPR_REG=[0, 1.0, 0, 0], APPR_CUL=[0, 0, 1.0, 0])
    p = plan(100, {}, shares, appr, "value")
    got = p.rows.set_index("HOLDER").AMOUNT.to_dict()
    # 甲村 2/3, 乙村 1/3, 丙组 0 → 66.67 + 33.33 + 0
    assert got == {"甲村": 66.67, "乙村": 33.33, "丙组": 0.0}
    assert p.weight_basis == "APPR" and not p.notices
    p = plan(100, {}, shares, parcels(), "value")
    assert p.rows.set_index("HOLDER").AMOUNT.to_dict() == {"甲村": 50.0, "乙村": 25.0, "丙组": 25.0}
    assert p.weight_basis == "V_TOTAL" and p.notices[0].code == "revenue_weight_v_total"


def test_reg_cul_part():
    p = plan(1000, {"platform": 100}, parse_shares("a,FEEDBACK,100"), parcels(), "none")
    assert reg_cul_share(parcels()) == pytest.approx(0.9)
    assert p.reg_cul_amount == Decimal("810.00")


def test_flat_and_nested_equal():
    flat = parse_shares(["a", "FEEDBACK", "20", "b", "COLLECTIVE", "80"])
    nested = parse_shares([["a", "FEEDBACK", 20], ["b", "COLLECTIVE", 80]])
    text = parse_shares("a,FEEDBACK,20,b,COLLECTIVE,80")
    assert flat == nested == text
    assert flat[1].category == "COLLECTIVE"


@pytest.mark.parametrize("shares, code", [
    (["a", "FEEDBACK", 20, "b", "COLLECTIVE"], "shares_not_triples"),
    (["a", "BANK", 100], "shares_bad_category"),
    (["a", "FEEDBACK", "x"], "shares_bad_percent"),
    (["a", "FEEDBACK", -5, "b", "OTHER", 105], "shares_bad_percent"),
    (["a", "FEEDBACK", 33.33, "b", "OTHER", 66.66], "shares_sum"),
    ([], "shares_missing"),
])
def test_share_errors(shares, code):
    with pytest.raises(ValuationError) as e:
        parse_shares(shares)
    assert e.value.code == code


def test_plan_errors():
    shares = parse_shares([["c", "COLLECTIVE", 100]])
    cases = [
        (dict(gross=100, costs={"accounting": 60, "other": 40.01}), "revenue_costs_exceed"),
        (dict(gross=-1, costs={}), "revenue_negative_amount"),
        (dict(gross="abc", costs={}), "revenue_bad_amount"),
        (dict(gross=100, costs={}, allocate_by="x"), "revenue_bad_mode"),
        (dict(gross=100, costs={}, parcels=None), "revenue_no_parcels"),
        (dict(gross=100, costs={}, parcels=parcels().drop(columns="HOLDER")), "revenue_no_holder_field"),
        (dict(gross=100, costs={}, parcels=parcels(HOLDER=["a", None, "", "b"])), "revenue_blank_holder"),
        (dict(gross=100, costs={}, parcels=parcels().drop(columns="AREA_M2"), allocate_by="area"),
         "revenue_no_area"),
        (dict(gross=100, costs={}, parcels=parcels().drop(columns="V_TOTAL")), "revenue_no_values"),
        (dict(gross=100, costs={}, parcels=parcels(V_TOTAL=[0.0] * 4)), "revenue_zero_weights"),
    ]
    for kwargs, code in cases:
        kwargs.setdefault("parcels", parcels())
        with pytest.raises(ValuationError) as e:
            plan(shares=shares, **kwargs)
        assert e.value.code == code, kwargs
    # costs equal to gross: NET 0 is allowed
    assert plan(100, {"other": 100}, shares, parcels()).net == 0


# Platform fee (clause 十六: actual cost + reasonable profit) ---------------------------------------------------
CAP = MarginCap(Decimal("10"), "platform_margin_max", "placeholder source", "[ASSUMPTION]")


def test_platform_fee_hand_computed():
    items = parse_cost_items([["交易服务成本", "6000.00"], ["公告发布成本", 2500]])
    fee = platform_fee(items, 8, CAP)
    # (6,000.00 + 2,500.00) × 8 % = 680.00; total 8,500.00 + 680.00 = 9,180.00
    assert (fee.cost, fee.margin, fee.total) == (Decimal("8500.00"), Decimal("680.00"), Decimal("9180.00"))
    assert fee.rows()[["ITEM", "KIND", "AMOUNT"]].values.tolist() == [
        ["交易服务成本", "cost", 6000.0], ["公告发布成本", "cost", 2500.0], ["MARGIN", "margin", 680.0],
        ["COST_PLATFORM", "total", 9180.0]]
    # the margin is rounded half-up to the cent: 0.05 × 7.5 % = 0.00375 → 0.00; 333.33 × 7.5 % = 24.99975 → 25.00
    assert platform_fee([("a", "0.05")], "7.5", CAP).margin == Decimal("0.00")
    assert platform_fee([("a", "333.33")], "7.5", CAP).total == Decimal("358.33")
    # flat cells as qgis_process passes them
    assert parse_cost_items("交易服务成本,6000,公告发布成本,2500") == items
    assert parse_cost_items(["交易服务成本", 6000, "公告发布成本", 2500.0]) == items


def test_platform_margin_above_the_cap_is_refused():
    items = [("交易服务成本", 6000), ("公告发布成本", 2500)]
    with pytest.raises(ValuationError) as e:
        platform_fee(items, 12, CAP)
    assert e.value.code == "platform_margin_above_cap"
    assert "12 %" in str(e.value) and "cap 10 %" in str(e.value) and "placeholder source" in str(e.value)
    assert platform_fee(items, 10, CAP).total == Decimal("9350.00")  # the cap itself is allowed
    for args, code in (((items, -1), "platform_bad_margin"), (([], 5), "platform_margin_without_costs"),
                       (([("a", -5)], 0), "revenue_negative_amount")):
        with pytest.raises(ValuationError) as e:
            platform_fee(*args, CAP)
        assert e.value.code == code
    for cells, code in ((["a", 1, "b"], "platform_items_not_pairs"), (["", 1], "platform_item_no_name"),
                        (["a", "x"], "revenue_bad_amount")):
        with pytest.raises(ValuationError) as e:
            parse_cost_items(cells)
        assert e.value.code == code


def test_the_cap_comes_from_the_parameter_table():
    from valuation.parameters import ParameterSet

    cap = margin_cap(ParameterSet.load())
    assert (cap.percent, cap.key, cap.evidence) == (Decimal("10"), "platform_margin_max", "[ASSUMPTION]")
    assert "实际成本+合理利润" in cap.source and cap.parameter_set == "cq_default_v1"
    lower = margin_cap(ParameterSet.load().with_overrides({"platform_margin_max": 5}))
    with pytest.raises(ValuationError) as e:
        platform_fee([("a", 100)], 8, lower)
    assert "cap 5 %" in str(e.value)


def test_plan_uses_the_platform_fee():
    fee = platform_fee([("交易服务成本", 6000), ("公告发布成本", 2500)], 8, CAP)
    shares = parse_shares("a,FEEDBACK,100")
    # NET = 100,000.00 − (1,000.00 + 9,180.00) = 89,820.00
    p = plan(100_000, {"accounting": 1000}, shares, None, "none", platform=fee)
    assert p.net == Decimal("89820.00") and p.costs["platform"] == Decimal("9180.00") and p.platform is fee
    assert [n.code for n in p.notices] == ["revenue_platform_fee"]
    assert "8,500.00 元 + 8 % profit 680.00 元 = 9,180.00 元" in p.notices[0].text()
    # COST_PLATFORM as well: must agree to the cent
    assert plan(100_000, {"accounting": 1000, "platform": "9180.00"}, shares, None, "none", fee).net == p.net
    with pytest.raises(ValuationError) as e:
        plan(100_000, {"platform": 9180.01}, shares, None, "none", fee)
    assert e.value.code == "platform_fee_mismatch" and "9,180.01" in str(e.value) and "9,180.00" in str(e.value)
    # a bare COST_PLATFORM still works (saved models) and is reported as undocumented
    old = plan(100_000, {"accounting": 1000, "platform": 9180}, shares, None, "none")
    assert old.net == p.net and old.platform is None
    assert [n.code for n in old.notices] == ["revenue_platform_fee_undocumented"]
