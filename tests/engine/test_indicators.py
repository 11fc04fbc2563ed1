"""Engine tests for the indicator registry and drivers → quantities → values (hand-derived expectations).

Unless stated, prices are the shipped central figures as printed (``rebase=False``):
dredge 19.76 元/m³, N 3,750 / P 12,000 元/t, reservoir 7.06 元/m³, CO2 29.57, O2 1,000 元/t,
SO2 = NOx 3,684, dust 875 元/t, electricity 0.52 元/kWh, timber 414.88 元/m³.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from valuation import valuing
from valuation.errors import ValuationError
from valuation.indicators import DOUBLE_COUNTING_GROUPS, all_indicators, get
from valuation.parameters import ParameterSet

V_FIELDS = ["V_SED", "V_NP", "V_WATER", "V_FLOOD", "V_CO2", "V_O2", "V_AIR", "V_WQ", "V_CLIM", "V_MAT",
            "V_CUL"]
NUMERIC_DRIVERS = ["AREA_M2", "NET_AREA_M2", "RKLS_T", "RKLSB_T", "RKLSCP_T", "P_MM", "ET_MM", "STORM_MM",
                   "NPP_GC_M2", "VEG_COVER"]
DRIVER_COLUMNS = {"ECO_TYPE", "DLBM", "SCOPE_ID", "AREA_M2", "NET_AREA_M2", "GDLX", "RKLS_T", "RKLSB_T",
                  "RKLSCP_T", "RKLSB_BASE_T", "RKLSCP_BASE_T", "P_MM", "ET_MM", "STORM_MM", "NPP_GC_M2",
                  "VEG_COVER"}


@pytest.fixture(scope="module")
def params() -> ParameterSet:
    return ParameterSet.load()


def parcel(eco="forest", dlbm="0301", gdlx="", scope="S1", **kw) -> dict:
    """A 1 hm² parcel with uniform drivers (overridable by keyword)."""
    row = dict(ECO_TYPE=eco, DLBM=dlbm, SCOPE_ID=scope, AREA_M2=10_000.0, NET_AREA_M2=10_000.0, GDLX=gdlx,
               RKLS_T=1000.0, RKLSB_T=100.0, RKLSCP_T=np.nan, RKLSB_BASE_T=np.nan, RKLSCP_BASE_T=np.nan,
               P_MM=1200.0, ET_MM=700.0, STORM_MM=300.0, NPP_GC_M2=600.0, VEG_COVER=0.8)
    row.update(kw)
    return row


def drivers(*rows: dict, ids=None) -> pd.DataFrame:
    ids = ids or [f"P{i}" for i in range(len(rows))]
    return pd.DataFrame(list(rows), index=pd.Index(ids, name="PARCEL_ID"))


VISITORS = pd.DataFrame({"SCOPE_ID": ["S1"], "VISITORS": [1000], "SPEND_PER_VISIT": [100.0]})


def mixed() -> pd.DataFrame:
    """One parcel of each eco type, two lots, distinct values so that allocations are not trivial."""
    rows = [parcel("forest", "0301"), parcel("shrub", "0305"), parcel("orchard", "0201"),
            parcel("cropland", "0103", gdlx="TT"), parcel("cropland", "0103", gdlx="PD", scope="S2"),
            parcel("paddy", "0101"), parcel("grassland", "0404", scope="S2"),
            parcel("wetland_water", "1104", scope="S2"), parcel("wetland_water", "1103"),
            parcel("built_up", "0702"), parcel("bare", "1206", scope="S2")]
    for i, r in enumerate(rows):
        r["AREA_M2"] = r["NET_AREA_M2"] = 5_000.0 + 1_000.0 * i
    return drivers(*rows)


MIXED_VISITORS = pd.DataFrame({"SCOPE_ID": ["S1", "S2"], "VISITORS": [2000, 500],
                               "SPEND_PER_VISIT": [80.0, 120.0]})


# ----- registry ---------------------------------------------------------------------------------------------
def test_registry_specs(params):
    specs = all_indicators()
    assert [s.id for s in specs] == V_FIELDS
    assert get("V_SED").service_class == "regulating" and get("V_MAT").service_class == "material"
    assert get("V_CUL").service_class == "cultural"
    with pytest.raises(ValuationError):
        get("V_NOPE")
    for s in specs:
        assert len(s.id) <= 10 and s.id.isupper() and s.formula and s.quantify and s.price
        assert set(s.inputs) | set(s.baseline_inputs) <= DRIVER_COLUMNS
        assert s.double_counting is None or s.double_counting in DOUBLE_COUNTING_GROUPS
        for key in s.parameters:  # every parameter a spec names exists (wildcards: at least one row)
            if key.endswith("*"):
                stem = key[:-1]
                assert stem.startswith("cul_") or params.keys(stem), (s.id, key)
            else:
                assert params.has(key), (s.id, key)
        for term in s.price_terms:
            assert "<" in term.price_key or params.has(term.price_key), (s.id, term)
    groups = {s.double_counting for s in specs} - {None}
    assert groups == set(DOUBLE_COUNTING_GROUPS)


# ----- one forest parcel, every indicator by hand -----------------------------------------------------------
def test_forest_parcel_hand_values(params):
    t = valuing.compute(drivers(parcel()), params, VISITORS, rebase=False).iloc[0]
    # Soil: A_p = 1000 t/a, A = RKLSB·E = 100·1 → Q_SOIL = 900 t/a;
    # modulus 100 t / 0.01 km² = 10,000 t/(km²·a) → SL 190 grade 5 (8,000–15,000)
    assert t.Q_SOIL == pytest.approx(900)
    assert t.EROSION == pytest.approx(100) and t.ER_MOD == pytest.approx(10_000) and t.ER_GRADE == 5
    # V_SED = 0.24·900/1.125·19.76 = 192 m³ · 19.76 = 3,793.92
    assert t.Q_SED == pytest.approx(192) and t.V_SED == pytest.approx(3_793.92)
    # V_NP = 900·0.001·3,750 + 900·0.0006·12,000 = 3,375 + 6,480 = 9,855
    assert t.V_NP == pytest.approx(9_855)
    # Water: (1200 − 0.0267·1200 − 700)·10,000·10⁻³ = 467.96·10 = 4,679.6 m³; ·7.06 = 33,037.976
    assert t.Q_WATER == pytest.approx(4_679.6) and t.V_WATER == pytest.approx(33_037.976)
    # Flood: 300·(1 − 0.40)·10 = 1,800 m³; ·7.06 = 12,708
    assert t.Q_FLOOD == pytest.approx(1_800) and t.V_FLOOD == pytest.approx(12_708)
    # Carbon: DM = 600/0.45·10,000·10⁻⁶ = 13.333 t; CO2 = 1.63·DM = 21.733 t → ·29.57 = 642.653
    dm = 600 / 0.45 * 0.01
    assert t.Q_CO2 == pytest.approx(1.63 * dm) and t.V_CO2 == pytest.approx(1.63 * dm * 29.57)
    # O2 = 1.19·DM = 15.867 t → ·1,000 = 15,866.67
    assert t.Q_O2 == pytest.approx(1.19 * dm) and t.V_O2 == pytest.approx(15_866.6667)
    # Air (1 hm²): SO2 88.65 kg, NOx 6 kg, dust 11,400 kg → 0.08865·3684 + 0.006·3684 + 11.4·875 = 10,323.6906
    assert t.Q_AIR_DUST == pytest.approx(11.4) and t.V_AIR == pytest.approx(10_323.6906)
    assert t.V_WQ == 0  # forest: water purification is for wetland_water only
    # Climate: W = 0.7 m·10,000 m²·60/365 = 1,150.685 m³; kWh = W·10⁶·2450/3.6·10⁶/3 = W·226.852 = 261,035.0
    w = 7_000 * 60 / 365
    assert t.Q_CLIM == pytest.approx(w * 2450 / 3.6 / 3)
    assert t.V_CLIM == pytest.approx(w * 2450 / 3.6 / 3 * 0.52)
    # Material: 0301 → timber 4.5 m³/hm²·1 hm²·414.88 = 1,866.96 (gross mode)
    assert t.QM_TIMBER == pytest.approx(4.5) and t.V_MAT == pytest.approx(1_866.96)
    # Cultural: the lot's only parcel takes all 1,000 visits · 100 元 = 100,000
    assert t.Q_VISIT == pytest.approx(1000) and t.V_CUL == pytest.approx(100_000)
    regulating = 3_793.92 + 9_855 + 33_037.976 + 12_708 + 1.63 * dm * 29.57 + 1.19 * dm * 1000 \
        + 10_323.6906 + w * 2450 / 3.6 / 3 * 0.52
    assert t.V_REG == pytest.approx(regulating)
    assert t.V_TOTAL == pytest.approx(regulating + 1_866.96 + 100_000)
    # Low prices: dredge 12.6, N 875, P 2,800, reservoir 6.1107, CO2 18, O2 727, SO2 1,200, NOx 630, dust 150
    low = (192 * 12.6 + 0.9 * 875 + 0.54 * 2800 + (4_679.6 + 1_800) * 6.1107 + 1.63 * dm * 18
           + 1.19 * dm * 727 + 0.08865 * 1200 + 0.006 * 630 + 11.4 * 150 + w * 2450 / 3.6 / 3 * 0.52
           + 1_866.96 + 100_000)
    assert t.V_TOT_LO == pytest.approx(low)
    # High prices: reservoir 82.18, CO2 95.8, O2 1,160.70; the rest have no high figure (= central)
    high = (3_793.92 + 9_855 + (4_679.6 + 1_800) * 82.18 + 1.63 * dm * 95.8 + 1.19 * dm * 1160.70
            + 10_323.6906 + w * 2450 / 3.6 / 3 * 0.52 + 1_866.96 + 100_000)
    assert t.V_TOT_HI == pytest.approx(high)
    assert t.APPLIED == "V_SED;V_NP;V_WATER;V_FLOOD;V_CO2;V_O2;V_AIR;V_CLIM;V_MAT;V_CUL"
    assert t.SKIPPED == "V_WQ"


def test_output_fields_are_short_and_upper(params):
    t = valuing.compute(mixed(), params, MIXED_VISITORS)
    for c in t.columns:
        assert len(c) <= 10 and c == c.upper(), c
    for name in ("Q_SOIL", "EROSION", "ER_MOD", "ER_GRADE", "Q_WATER", "Q_CO2", "Q_O2", *V_FIELDS, "V_REG",
                 "V_TOTAL", "V_TOT_LO", "V_TOT_HI", "APPLIED", "SKIPPED"):
        assert name in t.columns
    catalogued = {f[0] for f in valuing.OUTPUT_FIELDS}
    assert {c for c in t.columns if not c.startswith("QM_")} - catalogued <= set(valuing.CARRY)


# ----- soil rules -------------------------------------------------------------------------------------------
def test_no_soil_conservation_on_water_built_up_and_paddy(params):
    t = valuing.compute(drivers(parcel("wetland_water", "1104"), parcel("built_up", "0702"),
                                parcel("paddy", "0101")), params, rebase=False)
    assert (t.Q_SOIL == 0).all() and (t.V_SED == 0).all() and (t.V_NP == 0).all()
    assert (t.EROSION == 0).all() and (t.ER_GRADE == 1).all()  # non-eroding: modulus 0 → 微度
    assert all("V_SED" in s.split(";") for s in t.SKIPPED)


def test_cropland_uses_t_not_b(params):
    d = drivers(parcel("cropland", "0103"))
    # default T = 1, no terrace: A = RKLS·E·T = 1000·1·1 → Q_SOIL = 0 (RKLSB_T = 100 is ignored on cropland)
    assert valuing.compute(d, params, rebase=False).iloc[0].Q_SOIL == pytest.approx(0)
    # T = 0.5: A = 500 → Q_SOIL = 500 (the B route would have given 900)
    t = valuing.compute(d, params.with_overrides({"t_factor.cropland": 0.5}), rebase=False).iloc[0]
    assert t.Q_SOIL == pytest.approx(500) and t.EROSION == pytest.approx(500)
    # a CP raster replaces B·E·T: A = RKLSCP_T = 50 → Q_SOIL = 950
    d_cp = drivers(parcel("cropland", "0103", RKLSCP_T=50.0))
    assert valuing.compute(d_cp, params, rebase=False).iloc[0].Q_SOIL == pytest.approx(950)


def test_terraced_parcel_increment(params):
    d = drivers(parcel("cropland", "0103", gdlx="TT"))
    cur = valuing.compute(d, params, rebase=False).iloc[0]
    # current: A = 1000·0.121·1 = 121 → Q_SOIL = 879; baseline (E = 1): A = 1000 → Q_SOIL = 0
    assert cur.Q_SOIL == pytest.approx(879)
    inc = valuing.compute_increment(d, params, rebase=False).iloc[0]
    assert inc.DQ_SOIL == pytest.approx(879)
    # DV_SED = 0.24·879/1.125·19.76 = 187.52·19.76 = 3,705.3952
    assert inc.DV_SED == pytest.approx(3_705.3952)
    # DV_NP = 0.879·3,750 + 0.5274·12,000 = 3,296.25 + 6,328.8 = 9,625.05
    assert inc.DV_NP == pytest.approx(9_625.05)
    assert inc.DV_TOTAL == pytest.approx(13_330.4452) and inc.DV_REG == pytest.approx(13_330.4452)
    # low prices: 187.52·12.6 + 0.879·875 + 0.5274·2,800 = 2,362.752 + 769.125 + 1,476.72 = 4,608.597
    assert inc.DV_TOT_LO == pytest.approx(4_608.597)
    assert inc.V_TOT_BASE == pytest.approx(cur.V_TOTAL - 13_330.4452)
    for f in V_FIELDS[2:]:
        assert inc["D" + f] == 0  # nothing but soil changes in the baseline


def test_baseline_drivers_take_precedence(params):
    d = drivers(parcel(RKLSB_BASE_T=400.0), parcel(RKLSCP_BASE_T=700.0), parcel(RKLSCP_T=80.0),
                parcel("cropland", "0103", gdlx="TT", RKLSCP_T=60.0))
    inc = valuing.compute_increment(d, params, rebase=False)
    # forest, baseline B part 400 → Q_base 600, current 900 → +300
    # forest, baseline CP 700 → Q_base 300 → +600
    # forest valued by CP without terrace or baseline rasters: baseline = current → 0
    # terraced cropland valued by CP: baseline falls back to RKLS·E·T with E = 1 → A 1000, Q_base 0 → +940
    assert list(inc.DQ_SOIL) == pytest.approx([300, 600, 0, 940])


# ----- dependency matrix ------------------------------------------------------------------------------------
def perturb(d: pd.DataFrame, column: str) -> pd.DataFrame:
    out = d.copy()
    if column == "GDLX":
        out[column] = ["" if g == "TT" else "TT" for g in out[column]]
        return out
    factor = 1.0 + 0.1 * (np.arange(len(out)) + 1)  # row-varying, so shares within a lot change too
    base = out[column].where(out[column].notna(), 0.3 * out["RKLS_T"])  # NaN rasters: give them values
    out[column] = base * factor
    return out


def changed(a: pd.DataFrame, b: pd.DataFrame, fields) -> set[str]:
    return {f for f in fields if not np.allclose(a[f], b[f], rtol=1e-12, atol=1e-9)}


@pytest.mark.parametrize("column", [*NUMERIC_DRIVERS, "GDLX"])
def test_each_driver_changes_exactly_its_indicators(params, column):
    d = mixed()
    base = valuing.compute(d, params, MIXED_VISITORS)
    after = valuing.compute(perturb(d, column), params, MIXED_VISITORS)
    declared = {s.id for s in all_indicators() if column in s.inputs}
    assert changed(base, after, V_FIELDS) == declared


@pytest.mark.parametrize("column", ["RKLSB_BASE_T", "RKLSCP_BASE_T"])
def test_baseline_drivers_change_only_increments(params, column):
    d = mixed()
    assert changed(valuing.compute(d, params), valuing.compute(perturb(d, column), params), V_FIELDS) == set()
    inc0 = valuing.compute_increment(d, params)
    inc1 = valuing.compute_increment(perturb(d, column), params)
    declared = {s.id for s in all_indicators() if column in s.baseline_inputs}
    assert declared and changed(inc0, inc1, ["D" + f for f in V_FIELDS]) == {"D" + f for f in declared}


# ----- pricing: CPI, overrides, scenarios, recomputation ----------------------------------------------------
def test_cpi_rebasing_scales_values_and_not_quantities(params):
    d = mixed()
    p24 = valuing.prepare(params, MIXED_VISITORS, 2024)
    p20 = valuing.prepare(params, MIXED_VISITORS, 2020)
    q24, q20 = valuing.quantities(d, p24), valuing.quantities(d, p20)
    pd.testing.assert_frame_equal(q24, q20)
    v24, v20 = valuing.price_all(q24, p24), valuing.price_all(q24, p20)
    ratio = 147.98 / 152.91  # cpi_2020 / cpi_2024
    for c in v24.columns:
        np.testing.assert_allclose(v20[c], v24[c] * ratio, rtol=1e-12, atol=1e-9)
    # compute() re-bases to price_year_target (2024) by default
    pd.testing.assert_series_equal(valuing.compute(d, params, MIXED_VISITORS)["V_TOTAL"], v24["V_TOTAL"])


def test_dredge_cost_override_changes_only_sediment_and_totals(params):
    d = mixed()
    a = valuing.compute(d, params, MIXED_VISITORS, rebase=False)
    b = valuing.compute(d, params.with_overrides({"dredge_cost": 25.0}), MIXED_VISITORS, rebase=False)
    assert changed(a, b, [*V_FIELDS, "V_REG", "V_TOTAL", "V_TOT_LO", "V_TOT_HI"]) == \
        {"V_SED", "V_REG", "V_TOTAL", "V_TOT_LO", "V_TOT_HI"}
    eroding = a.V_SED > 0
    np.testing.assert_allclose(b.V_SED[eroding], a.V_SED[eroding] * 25.0 / 19.76, rtol=1e-12)
    qcols = [c for c in a.columns if c.startswith("Q") or c in ("EROSION", "ER_MOD", "ER_GRADE")]
    pd.testing.assert_frame_equal(a[qcols], b[qcols])


def test_low_central_high_order(params):
    t = valuing.compute(mixed(), params, MIXED_VISITORS)
    assert (t.V_TOT_LO <= t.V_TOTAL + 1e-9).all() and (t.V_TOTAL <= t.V_TOT_HI + 1e-9).all()
    assert (t.V_TOT_LO < t.V_TOT_HI).any()


@pytest.mark.parametrize("overrides", [{},
                                       {"material_net_mode": 1, "carbon_sink_sold": 1, "oxygen_enabled": 0}])
def test_recompute_total_from_provenance(params, overrides):
    p = params.with_overrides(overrides) if overrides else params
    run = valuing.evaluate(mixed(), p, MIXED_VISITORS)
    assert run.parameter_hash == run.params.content_hash()
    assert set(run.provenance["parameter_hash"]) == {run.parameter_hash}
    for _, row in run.table.iterrows():
        for scenario, field in (("central", "V_TOTAL"), ("low", "V_TOT_LO"), ("high", "V_TOT_HI")):
            again = valuing.recompute_total(row, run.provenance, scenario)
            assert again == pytest.approx(row[field], rel=1e-12)


def test_switches(params):
    d = drivers(parcel())
    t = valuing.compute(d, params.with_overrides({"oxygen_enabled": 0}), rebase=False).iloc[0]
    assert t.Q_O2 == 0 and t.V_O2 == 0 and "V_O2" in t.SKIPPED.split(";")
    t = valuing.compute(d, params.with_overrides({"carbon_sink_sold": 1}), rebase=False).iloc[0]
    assert t.Q_CO2 > 0 and t.V_CO2 == 0 and "V_CO2" in t.SKIPPED.split(";")
    t = valuing.compute(d, params.with_overrides({"flood_vegetation_enabled": 0}), rebase=False).iloc[0]
    assert t.V_FLOOD == 0
    # net mode: timber 4.5·414.88·(1 − 0.30) = 1,306.872
    t = valuing.compute(d, params.with_overrides({"material_net_mode": 1}), rebase=False).iloc[0]
    assert t.V_MAT == pytest.approx(1_306.872)


def test_water_bodies_flood_and_purification(params):
    d = drivers(parcel("wetland_water", "1103", STORM_MM=np.nan), parcel("wetland_water", "1104A"),
                parcel("wetland_water", "1101"))
    t = valuing.compute(d, params, rebase=False)
    # reservoir: 50,000 m³/hm²·1 hm²·0.35 = 17,500 m³; pond (1104A → 1104): 15,000·0.35 = 5,250 m³;
    # river (1101): no flood storage
    assert list(t.Q_FLOOD) == pytest.approx([17_500, 5_250, 0])
    # purification per hm²: 0.8·3,000 + 0.08·3,750 + 0.15·3,750 + 0.02·12,000 = 2,400 + 300 + 562.5 + 240
    assert list(t.V_WQ) == pytest.approx([3_502.5] * 3)
    assert list(t.QM_FISH) == pytest.approx([0, 4.5, 0])
    # water surface: α = 0 → (1200 − 700)·10 = 5,000 m³; climate adds humidifying W·120 kWh
    w = 7_000 * 60 / 365
    assert t.Q_WATER.iloc[0] == pytest.approx(5_000)
    assert t.Q_CLIM.iloc[0] == pytest.approx(w * 2450 / 3.6 / 3 + w * 120)
    assert (t.V_SED == 0).all() and (t.V_NP == 0).all()


def test_cultural_allocation(params):
    d = drivers(parcel("forest", AREA_M2=30_000.0), parcel("cropland", "0103", AREA_M2=20_000.0),
                parcel("built_up", "0702"), parcel("forest", scope="S9"))
    t = valuing.compute(d, params, VISITORS, rebase=False)
    # weights: forest 3 hm²·1.0 = 3, cropland 2 hm²·0.5 = 1 → 750 and 250 visits of 1,000; built-up 0
    assert list(t.Q_VISIT) == pytest.approx([750, 250, 0, 0])
    assert list(t.V_CUL) == pytest.approx([75_000, 25_000, 0, 0])
    notes = valuing.evaluate(d, params, VISITORS, rebase=False).notes
    codes = dict(zip(notes[notes.INDICATOR == "V_CUL"].PARCEL_ID, notes[notes.INDICATOR == "V_CUL"].CODE))
    assert codes == {"P2": "zero_weight", "P3": "no_visitors"}
    # the notes' text stays Python objects (pandas' string type would check and convert every row, twice)
    assert [str(t) for t in notes.dtypes] == ["object"] * 4 + ["bool"]
    t = valuing.compute(d, params, None, rebase=False)
    assert (t.V_CUL == 0).all() and all("V_CUL" in s.split(";") for s in t.SKIPPED)


def test_visitor_table_errors_and_orphans(params):
    with pytest.raises(ValuationError) as err:
        valuing.compute(drivers(parcel()), params, pd.DataFrame({"SCOPE_ID": ["S1"], "VISITORS": [1]}))
    assert err.value.code == "visitors_missing_columns" and "SPEND_PER_VISIT" in str(err.value)
    with pytest.raises(ValuationError) as err:
        valuing.compute(drivers(parcel()), params,
                        pd.DataFrame({"SCOPE_ID": ["S1"], "VISITORS": [-1], "SPEND_PER_VISIT": [10]}))
    assert err.value.code == "visitors_bad_rows"
    vis = pd.DataFrame({"SCOPE_ID": ["S1", "X"], "VISITORS": [10, 5], "SPEND_PER_VISIT": [10.0, 10.0]})
    run = valuing.evaluate(drivers(parcel()), params, vis)
    assert any(n.code == "visitors_unknown_lots" and "X" in n.text() for n in run.notices)


# ----- missing inputs ---------------------------------------------------------------------------------------
def test_missing_inputs_give_zero_with_reason(params):
    d = drivers(parcel(P_MM=np.nan, NPP_GC_M2=np.nan, STORM_MM=np.nan),
                parcel(RKLSB_T=np.nan, ET_MM=np.nan))
    run = valuing.evaluate(d, params, rebase=False)
    t, notes = run.table, run.notes
    assert t.loc["P0", ["V_WATER", "V_CO2", "V_O2", "V_FLOOD"]].tolist() == [0, 0, 0, 0]
    assert t.loc["P1", ["V_SED", "V_NP", "V_CLIM"]].tolist() == [0, 0, 0]
    assert t.loc["P1", "V_WATER"] == 0 and math.isnan(t.loc["P1", "EROSION"]) and t.loc["P1", "ER_GRADE"] == 0
    assert t.loc["P0", "V_SED"] > 0 and t.loc["P1", "V_CO2"] > 0
    assert set(t.loc["P0", "SKIPPED"].split(";")) == {"V_WATER", "V_FLOOD", "V_CO2", "V_O2", "V_WQ", "V_CUL"}

    def reason(pid, ind):
        r = notes[(notes.PARCEL_ID == pid) & (notes.INDICATOR == ind) & notes.SKIPPED]
        assert list(r.CODE) == ["missing_input"]
        return r.REASON.iloc[0]

    assert "P_MM" in reason("P0", "V_WATER") and "NPP_GC_M2" in reason("P0", "V_CO2")
    assert "STORM_MM" in reason("P0", "V_FLOOD") and "RKLSB_T" in reason("P1", "V_SED")
    assert "ET_MM" in reason("P1", "V_CLIM")
    assert any("P_MM" in n.text() for n in run.notices)


def test_absent_columns_and_npp_fallback(params):
    d = drivers(parcel()).drop(columns=["NPP_GC_M2", "P_MM"])
    t = valuing.compute(d, params, rebase=False).iloc[0]
    assert t.V_CO2 == 0 and t.V_WATER == 0
    # fallback rate for forest 550 g C/m²/a: DM = 550/0.45·0.01 = 12.222 t → CO2 19.922 t
    t = valuing.compute(d, params.with_overrides({"carbon_rate_fallback": 1}), rebase=False).iloc[0]
    assert t.Q_CO2 == pytest.approx(1.63 * 550 / 0.45 * 0.01)
    with pytest.raises(ValuationError) as err:
        valuing.compute(d.drop(columns=["AREA_M2"]), params)
    assert err.value.code == "drivers_missing_columns" and "AREA_M2" in str(err.value)


def test_negative_water_balance_is_zero_and_noted(params):
    run = valuing.evaluate(drivers(parcel(ET_MM=1500.0)), params, rebase=False)
    assert run.table.iloc[0].Q_WATER == 0 and "V_WATER" in run.table.iloc[0].APPLIED.split(";")
    assert "negative_balance" in set(run.notes.CODE)
    keep_negative = params.with_overrides({"water_negative_to_zero": 0})
    kept = valuing.compute(drivers(parcel(ET_MM=1500.0)), keep_negative, rebase=False)
    assert kept.iloc[0].Q_WATER == pytest.approx((1200 - 32.04 - 1500) * 10)


def test_no_double_counting_of_soil_np_and_water_purification(params):
    run = valuing.evaluate(mixed(), params, MIXED_VISITORS)
    assert not ((run.table.V_NP > 0) & (run.table.V_WQ > 0)).any()
    assert "double_counting" not in set(run.notes.CODE)


def test_baseline_recomputes_only_the_soil_family(params):
    """The increment's baseline reuses the current quantities of every family without a baseline: its table
    equals a full baseline computation in every column (one parcel of each eco type, terraced and sloping
    cropland, and baseline rasters on two parcels so that the soil columns do change)."""
    d = mixed()
    d.iloc[0, d.columns.get_loc("RKLSB_BASE_T")] = 400.0
    d.iloc[1, d.columns.get_loc("RKLSCP_BASE_T")] = 700.0
    p = valuing.prepare(params, VISITORS)
    current = valuing.quantities(d, p)
    full = valuing.quantities(d, p, baseline=True)
    reused = valuing.baseline_quantities(d, p, current)
    assert list(reused.columns) == list(full.columns)
    pd.testing.assert_frame_equal(reused.drop(columns=["APPLIED", "SKIPPED"]),
                                  full.drop(columns=["APPLIED", "SKIPPED"]))
    # the baseline did change soil, where it should (RKLS_T = 1000, RKLSB_T = 100 → current Q_SOIL 900):
    # P0 baseline B part 400 → 1000 − 400 = 600; P1 baseline C·P part 700 → 300; P3 terraced (TT) cropland,
    # current A = 1000·0.121 = 121 → 879, baseline E = 1 → A = 1000 → 0; every other parcel as now
    assert list(current["Q_SOIL"]) == pytest.approx([900, 900, 900, 879, 0, 0, 900, 0, 0, 0, 900])
    assert list(reused["Q_SOIL"]) == pytest.approx([600, 300, 900, 0, 0, 0, 900, 0, 0, 0, 900])


def test_summarise_notes_groups_every_run_of_a_key_in_first_seen_order():
    """Notes come in runs (one note's parcels); a key seen again later joins its first group: A has P1, P2 and
    P9 (3 parcels, in row order), then B with P3–P8 and P10–P15 (12 parcels: 10 shown, "… (+2)")."""
    rows = [("A", "P1"), ("A", "P2"), *[("B", f"P{i}") for i in range(3, 9)], ("A", "P9"),
            *[("B", f"P{i}") for i in range(10, 16)]]
    notes = pd.DataFrame({"PARCEL_ID": [p for _, p in rows], "INDICATOR": [k for k, _ in rows],
                          "CODE": "missing_input", "REASON": [f"reason {k}" for k, _ in rows], "SKIPPED": True})
    out = valuing.summarise_notes(notes)
    assert [(n.code, n.params["indicator"], n.params["count"], n.params["parcels"]) for n in out] == [
        ("indicator_missing_input", "A", 3, "P1, P2, P9"),
        ("indicator_missing_input", "B", 12, "P3, P4, P5, P6, P7, P8, P10, P11, P12, P13 … (+2)"),
    ]
    assert out[0].params["reason"] == "reason A"


def test_row_sums_are_dataframe_sums_with_nan_as_zero():
    """V_REG and V_TOTAL add the value columns per row as ``DataFrame.sum(axis=1)`` does (NaN counts 0, a row
    of NaN is 0), to rounding: e.g. row 0 is 1.5 + 0 (NaN) + 2.25 = 3.75 exactly."""
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"A": rng.random(1000) * 1e6, "B": rng.random(1000), "C": rng.random(1000) * 1e3})
    frame.loc[::7, "B"] = np.nan
    frame.loc[5, ["A", "B", "C"]] = np.nan
    frame.loc[0, ["A", "B", "C"]] = [1.5, np.nan, 2.25]
    got = valuing._row_sums(frame, ["A", "B", "C"])
    np.testing.assert_allclose(got, frame.sum(axis=1).to_numpy(), rtol=1e-15, atol=0)
    assert got[0] == 3.75 and got[5] == 0.0
    assert valuing._row_sums(frame, []).tolist() == [0.0] * 1000
