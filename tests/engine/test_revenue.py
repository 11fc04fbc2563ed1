"""Revenue plan: exact cents, holder splits, share parsing and every error."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest

from valuation.errors import ValuationError
from valuation.revenue import largest_remainder, parse_shares, plan, reg_cul_share

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
