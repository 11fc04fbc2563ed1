"""Present value of accounted value: arithmetic against hand-computed values."""

from __future__ import annotations

import pandas as pd
import pytest

from valuation.errors import ValuationError
from valuation.present_value import annuity_factor, parcels_pv, present_value


def test_no_growth_hand_computed():
    # 1000/1.05 + 1000/1.05² + 1000/1.05³
    expected = 1000 / 1.05 + 1000 / 1.05 ** 2 + 1000 / 1.05 ** 3
    assert present_value(1000, 3, 0.05) == pytest.approx(expected, abs=1e-9)
    assert expected == pytest.approx(2723.2480, abs=1e-4)


def test_with_growth_hand_computed():
    # t=1: 1000/1.08, t=2: 1030/1.08², t=3: 1060.9/1.08³
    expected = 1000 / 1.08 + 1030 / 1.08 ** 2 + 1060.9 / 1.08 ** 3
    assert present_value(1000, 3, 0.08, 0.03) == pytest.approx(expected, abs=1e-9)
    assert expected == pytest.approx(925.9259 + 883.0590 + 842.1766, abs=1e-3)


def test_r_equals_g():
    assert present_value(1000, 10, 0.04, 0.04) == pytest.approx(10 * 1000 / 1.04, abs=1e-9)
    # continuity near r = g
    assert present_value(1000, 10, 0.04, 0.0400001) == pytest.approx(10 * 1000 / 1.04, rel=1e-5)


def test_zero_rate():
    assert present_value(500, 20, 0.0) == pytest.approx(10000.0)
    # r = 0, g = 10 %: 100 + 110 + 121
    assert present_value(100, 3, 0.0, 0.10) == pytest.approx(331.0)


def test_bad_term_and_rate():
    with pytest.raises(ValuationError) as e:
        annuity_factor(0, 0.05)
    assert e.value.code == "pv_bad_term"
    with pytest.raises(ValuationError) as e:
        annuity_factor(5, -1.0)
    assert e.value.code == "pv_bad_rate"


def frame(**extra) -> pd.DataFrame:
    d = {"PARCEL_ID": ["A", "B", "C"], "V_MAT": [100.0, 200.0, 0.0], "V_REG": [1000.0, 500.0, 300.0],
         "V_CUL": [50.0, 0.0, 10.0], "V_CO2": [100.0, 50.0, 30.0]}
    d.update(extra)
    return pd.DataFrame(d)


def test_parcels_per_class_and_total():
    f = annuity_factor(2, 0.05)
    r = parcels_pv(frame(), ("material", "regulating", "cultural"), 2, 5.0)
    assert r.factor == pytest.approx(1 / 1.05 + 1 / 1.05 ** 2)
    a = r.parcels.set_index("PARCEL_ID")
    assert a.loc["A", "PV_MAT"] == pytest.approx(100 * f)
    assert a.loc["A", "PV_REG"] == pytest.approx(1000 * f)
    assert a.loc["A", "PV_VALUE"] == pytest.approx(1150 * f)
    assert r.total == pytest.approx(2160 * f)
    assert [n.code for n in r.notices] == ["pv_no_eligible_field"]


def test_classes_subset_and_eligible():
    r = parcels_pv(frame(ELIGIBLE=[1, 0, 1]), ("cultural",), 1, 0.0)
    assert list(r.parcels["PARCEL_ID"]) == ["A", "C"]
    assert r.total == pytest.approx(60.0)
    assert (r.parcels["PV_MAT"] == 0).all()
    assert r.notices[0].code == "pv_ineligible_dropped" and r.notices[0].params["n"] == 1
    r = parcels_pv(frame(ELIGIBLE=[1, 0, 1]), ("cultural",), 1, 0.0, eligible_only=False)
    assert len(r.parcels) == 3


def test_carbon_exclusion_all_and_by_parcel():
    r = parcels_pv(frame(), ("regulating",), 1, 0.0, exclude_carbon=True)
    assert r.total == pytest.approx(1800 - 180)
    assert r.carbon_excluded == pytest.approx(180)
    assert any(n.code == "pv_carbon_excluded" for n in r.notices)
    r = parcels_pv(frame(), ("regulating",), 1, 0.0, carbon_sold_parcels={"B"})
    assert r.total == pytest.approx(1800 - 50)
    r = parcels_pv(frame().drop(columns="V_CO2"), ("regulating",), 1, 0.0, exclude_carbon=True)
    assert r.total == pytest.approx(1800)
    assert any(n.code == "pv_no_carbon_field" for n in r.notices)


def test_errors():
    for kwargs, code in (({"classes": ()}, "pv_no_classes"), ({"classes": ("x",)}, "pv_unknown_class")):
        with pytest.raises(ValuationError) as e:
            parcels_pv(frame(), years=1, rate_pct=0.0, **kwargs)
        assert e.value.code == code
    with pytest.raises(ValuationError) as e:
        parcels_pv(frame().drop(columns="V_CUL"), ("cultural",), 1, 0.0)
    assert e.value.code == "pv_missing_values"
    with pytest.raises(ValuationError) as e:
        parcels_pv(frame(ELIGIBLE=[0, 0, 0]), ("cultural",), 1, 0.0)
    assert e.value.code == "pv_no_parcels"
