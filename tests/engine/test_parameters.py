"""Engine tests for parameter tables: loading, validation, overrides, CPI re-basing, hash, provenance."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from valuation.errors import ValuationError
from valuation.parameters import EVIDENCE, TEXT_UNITS, ParameterSet

HEADER = "key,value,value_low,value_high,unit,price_year,source,evidence,applies_to,note\n"


@pytest.fixture(scope="module")
def default() -> ParameterSet:
    return ParameterSet.load()


def write(tmp_path, body: str, name: str = "t.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


# ----- the shipped table ------------------------------------------------------------------------------------
def test_default_set_metadata_and_core_values(default):
    assert (default.id, default.version) == ("cq_default_v1", "1.1.0")
    assert default.title_zh and default.title_en and default.date
    assert default.value("lambda_sediment") == 0.24
    assert default.value("dredge_cost") == 19.76 and default.value("dredge_cost", "low") == 12.6
    assert default.value("dredge_cost", "high") == 19.76  # blank high falls back to central
    assert default.value("soil_n_content") == 0.001  # 0.10 % as a mass fraction
    assert default.scenario_values("carbon_price") == (29.57, 18.0, 95.8)
    assert default.scenario_values("reservoir_unit_cost") == (7.06, 6.1107, 82.18)
    assert default.scenario_values("n_treatment_cost") == (3750.0, 875.0, 3750.0)
    assert default.scenario_values("p_treatment_cost") == (12000.0, 2800.0, 12000.0)
    assert default.items("soil_conservation_excluded") == ("wetland_water", "built_up", "paddy")
    assert default.value("e_factor.TT") == 0.121 and default.value("e_factor_baseline") == 1.0
    assert default.price_year_target == 2024
    assert default.flag("oxygen_enabled") is True
    assert default.table("runoff_coef")["forest"] == 0.0267
    assert default.value("runoff_coef.forest", "high") == 0.0465  # 龚诗涵 2017 national table


def test_every_row_is_labelled_and_ordered(default):
    rows = default.rows
    assert set(rows["evidence"]) <= set(EVIDENCE)
    assert (rows["unit"].str.len() > 0).all() and (rows["source"].str.len() > 0).all()
    for key, r in rows.iterrows():
        if r["unit"] in TEXT_UNITS:
            continue
        mid, low, high = default.scenario_values(key)  # (central, low, high)
        assert low <= mid <= high, key
        if not pd.isna(r["price_year"]):
            assert f"cpi_{int(r['price_year'])}" in rows.index, key
    # physical constants carry no price year; prices do
    assert pd.isna(rows.loc["co2_per_npp", "price_year"]) and rows.loc["carbon_price", "price_year"] == 2023
    assert [k for k in rows.index if k.startswith("cpi_")] == [f"cpi_{y}" for y in range(2005, 2026)]


def test_cpi_rows_reproduce_published_rebasings(default):
    # Garzé's 7.06 (2010) is LY/T 1721-2008's 6.1107 (2005) re-based: 6.1107 × 115.55/100 = 7.061
    assert 6.1107 * default.cpi(2010) / default.cpi(2005) == pytest.approx(7.06, abs=0.005)
    # Gaotianyan's 1,160.70 元/t O2 (2014) from 1,000 (2008): 1000 × 130.77/112.65 = 1160.85
    assert 1000 * default.cpi(2014) / default.cpi(2008) == pytest.approx(1160.70, rel=1e-3)


# ----- validation -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("row, code, column", [
    ("dredge_cost,abc,,,元/m3,2023,src,[FOUND],,\n", "param_not_numeric", "value"),
    ("dredge_cost,19.76,x1,,元/m3,2023,src,[FOUND],,\n", "param_not_numeric", "value_low"),
    ("dredge_cost,-1,,,元/m3,2023,src,[FOUND],,\n", "param_negative_price", "value"),
    ("dredge_cost,19.76,20,,元/m3,2023,src,[FOUND],,\n", "param_order", None),
    ("dredge_cost,19.76,,15,元/m3,2023,src,[FOUND],,\n", "param_order", None),
    ("dredge_cost,19.76,,,,2023,src,[FOUND],,\n", "param_missing_unit", None),
    ("dredge_cost,19.76,,,元/m3,2023,src,[GUESS],,\n", "param_bad_evidence", None),
    ("dredge_cost,19.76,,,元/m3,20x3,src,[FOUND],,\n", "param_not_numeric", "price_year"),
])
def test_validation_names_key_and_row(tmp_path, row, code, column):
    path = write(tmp_path, "lambda_sediment,0.24,,,-,,src,[FOUND],,\n" + row)
    with pytest.raises(ValuationError) as err:
        ParameterSet.load(path)
    assert err.value.code == code
    assert err.value.params["key"] == "dredge_cost"
    assert err.value.params["row"] == "t.csv:3"  # header is line 1
    assert "dredge_cost" in str(err.value) and "t.csv:3" in str(err.value)
    if column:
        assert err.value.params["column"] == column


def test_duplicate_keys_and_bad_header(tmp_path):
    path = write(tmp_path, "a,1,,,-,,s,[FOUND],,\na,2,,,-,,s,[FOUND],,\n")
    with pytest.raises(ValuationError, match="a") as err:
        ParameterSet.load(path)
    assert err.value.code == "param_duplicate_key"
    bad = tmp_path / "h.csv"
    bad.write_text("name,amount\nx,1\n", encoding="utf-8")
    with pytest.raises(ValuationError) as err:
        ParameterSet.load(bad)
    assert err.value.code == "param_bad_header"


def test_text_rows_and_typed_getters(tmp_path):
    path = write(tmp_path, "types,forest;shrub,,,list,,s,[ASSUMPTION],,\nsw,1,,,0/1,,s,[ASSUMPTION],,\n"
                           "n,2.5,,,-,,s,[ASSUMPTION],,\n")
    p = ParameterSet.load(path)
    assert p.id == "t" and p.version == "unversioned"  # no sidecar JSON
    assert p.items("types") == ("forest", "shrub") and p.flag("sw") is True
    with pytest.raises(ValuationError) as err:
        p.value("types")
    assert err.value.code == "param_is_text"
    with pytest.raises(ValuationError) as err:
        p.integer("n")
    assert err.value.code == "param_not_integer"
    with pytest.raises(ValuationError) as err:
        p.flag("n")
    assert err.value.code == "param_not_switch"
    with pytest.raises(ValuationError) as err:
        p.value("nope")
    assert err.value.code == "param_unknown_key" and "nope" in str(err.value)
    with pytest.raises(ValuationError) as err:
        p.value("n", "median")
    assert err.value.code == "param_bad_scenario"


# ----- overrides --------------------------------------------------------------------------------------------
def test_override_from_dict_marks_user_and_replaces_range(default):
    p = default.with_overrides({"dredge_cost": 25, "carbon_price": {"value": 50, "value_low": 40,
                                                                    "source": "2025 CCER quote"}})
    assert p.scenario_values("dredge_cost") == (25.0, 25.0, 25.0)  # no low/high given: user value only
    assert p.scenario_values("carbon_price") == (50.0, 40.0, 50.0)
    assert p.rows.loc["dredge_cost", "evidence"] == "user"
    assert p.rows.loc["dredge_cost", "source"] == "user override"
    assert p.rows.loc["carbon_price", "source"] == "2025 CCER quote"
    assert "19.76" in p.rows.loc["dredge_cost", "note"]  # the replaced figure stays visible
    assert p.rows.loc["dredge_cost", "price_year"] == 2023  # kept unless the override gives one
    assert default.value("dredge_cost") == 19.76  # the original set is unchanged
    assert p.version == "1.1.0+user"


def test_override_files_csv_and_json(default, tmp_path):
    csv_path = tmp_path / "o.csv"
    csv_path.write_text("key,value,price_year\ndredge_cost,21,2024\n", encoding="utf-8")
    p = default.with_overrides(csv_path)
    assert p.value("dredge_cost") == 21 and p.rows.loc["dredge_cost", "price_year"] == 2024
    csv_path.write_text("key,value,price_year\ndredge_cost,21,\n", encoding="utf-8")
    assert default.with_overrides(csv_path).rows.loc["dredge_cost", "price_year"] == 2023  # blank: kept
    json_path = tmp_path / "o.json"
    json_path.write_text(json.dumps({"overrides": [{"key": "oxygen_enabled", "value": 0}]}), encoding="utf-8")
    assert default.with_overrides(json_path).flag("oxygen_enabled") is False
    json_path.write_text(json.dumps({"lambda_sediment": 0.3}), encoding="utf-8")
    assert default.with_overrides(json_path).value("lambda_sediment") == 0.3


def test_override_unknown_keys_are_listed(default):
    with pytest.raises(ValuationError) as err:
        default.with_overrides({"dredge_cost": 20, "dreg_cost": 1, "carbon": 2})
    assert err.value.code == "param_unknown_keys"
    assert "dreg_cost" in str(err.value) and "carbon" in str(err.value)


def test_override_is_validated(default):
    with pytest.raises(ValuationError) as err:
        default.with_overrides({"dredge_cost": {"value": 20, "value_high": 10}})
    assert err.value.code == "param_order" and err.value.params["key"] == "dredge_cost"
    with pytest.raises(ValuationError) as err:
        default.with_overrides({"carbon_price": -5})
    assert err.value.code == "param_negative_price"


# ----- CPI re-basing ----------------------------------------------------------------------------------------
def test_rebase_scales_prices_only(default):
    p = default.rebase(2024)
    ratio = 152.91 / 115.55  # cpi_2024 / cpi_2010
    assert p.value("reservoir_unit_cost") == pytest.approx(7.06 * ratio, rel=1e-12)
    assert p.value("reservoir_unit_cost", "high") == pytest.approx(82.18 * ratio, rel=1e-12)
    assert p.value("carbon_price") == pytest.approx(29.57 * 152.91 / 152.60, rel=1e-12)
    assert p.value("lambda_sediment") == 0.24 and p.value("cpi_2010") == 115.55  # untouched
    assert p.rows.loc["reservoir_unit_cost", "price_year"] == 2024
    assert p.rows.loc["reservoir_unit_cost", "base_price_year"] == 2010
    assert p.rows.loc["reservoir_unit_cost", "cpi_factor"] == pytest.approx(ratio)
    # re-basing again starts from the original figures: 2024 → 2020 equals 2010 → 2020 directly
    assert p.rebase(2020).value("reservoir_unit_cost") == pytest.approx(7.06 * 147.98 / 115.55, rel=1e-12)
    assert default.rebase(2010).value("reservoir_unit_cost") == 7.06


def test_rebase_missing_cpi_names_the_year(default, tmp_path):
    with pytest.raises(ValuationError) as err:
        default.rebase(2030)
    assert err.value.code == "param_missing_cpi" and "2030" in str(err.value)
    path = write(tmp_path, "cpi_2005,100,,,index,,s,[RECALLED],,\nold_price,5,,,元/t,1999,s,[FOUND],,\n")
    with pytest.raises(ValuationError) as err:
        ParameterSet.load(path).rebase(2005)
    assert "1999" in str(err.value) and "old_price" in str(err.value)


# ----- hash and provenance ----------------------------------------------------------------------------------
def test_content_hash_is_stable_and_sensitive(default):
    h = default.content_hash()
    assert len(h) == 64 and ParameterSet.load().content_hash() == h
    assert default.with_overrides({"dredge_cost": 19.77}).content_hash() != h
    assert default.rebase(2024).content_hash() != h


def test_provenance_rows(default):
    p = default.copy()
    p.value("dredge_cost")
    used = p.as_provenance_rows(used_only=True)
    assert list(used["key"]) == ["dredge_cost"]
    row = used.iloc[0]
    assert (row["unit"], row["price_year"], row["evidence"]) == ("元/m3", 2023, "[FOUND]")
    assert row["parameter_set"] == "cq_default_v1" and row["parameter_hash"] == p.content_hash()
    full = default.as_provenance_rows()
    assert len(full) == len(default.rows)
    assert {"key", "value", "value_low", "value_high", "unit", "price_year", "source", "evidence",
            "base_value", "base_price_year", "cpi_factor"} <= set(full.columns)
    assert math.isnan(full.set_index("key").loc["co2_per_npp", "cpi_factor"])
