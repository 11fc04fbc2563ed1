"""Land-use code table, code normalisation and eco_type classification."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuation.errors import ValuationError
from valuation.landuse import DEFAULT_TABLE_PATH, ECO_TYPES, classify, load_code_table, normalise_code

# GB/T 21010-2017 second-level codes, as listed in valuation-method.md §8.1.
GBT_21010_2017 = """
0101 0102 0103  0201 0202 0203 0204  0301 0302 0303 0304 0305 0306 0307  0401 0402 0403 0404
0501 0502 0503 0504 0505 0506 0507  0601 0602 0603 0604  0701 0702
0801 0802 0803 0804 0805 0806 0807 0808 0809 0810  0901 0902 0903 0904 0905 0906
1001 1002 1003 1004 1005 1006 1007 1008 1009  1101 1102 1103 1104 1105 1106 1107 1108 1109 1110
1201 1202 1203 1204 1205 1206 1207
""".split()
# 三调 working codes (§8.1): merged/new codes, K-suffixed adjustable codes, 1208.
SANDIAO = """05H1 0508 08H1 08H2 08H2A 0810A 1104A 1208
0201K 0202K 0203K 0204K 0301K 0302K 0307K 0403K 1104K""".split()
# 三调 first-level 00 湿地 groups these codes.
WETLAND_GROUP = ["0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108"]


def test_table_has_every_code_once() -> None:
    table = load_code_table()
    assert len(GBT_21010_2017) == 73
    assert set(GBT_21010_2017 + SANDIAO + WETLAND_GROUP) <= set(table.index)
    assert table.index.is_unique
    assert list(table.columns) == ["name_zh", "name_en", "level1_zh", "eco_type", "source"]
    assert set(table["eco_type"]) <= set(ECO_TYPES) - {"unknown"}
    assert (table[["name_zh", "name_en", "level1_zh", "source"]] != "").all().all()


def test_file_is_utf8_with_fixed_header() -> None:
    text = DEFAULT_TABLE_PATH.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "code,name_zh,name_en,level1_zh,eco_type,source"
    assert "水田" in text


@pytest.mark.parametrize("code, eco", [
    ("0101", "paddy"), ("0102", "cropland"), ("0103", "cropland"), ("1203", "cropland"),
    ("0201", "orchard"), ("0202K", "orchard"), ("0301", "forest"), ("0302", "forest"), ("0307", "forest"),
    ("0301K", "forest"), ("0305", "shrub"), ("0306", "wetland_water"), ("0402", "wetland_water"),
    ("0401", "grassland"), ("0404", "grassland"), ("0702", "built_up"), ("1006", "built_up"),
    ("05H1", "built_up"), ("08H2A", "built_up"), ("1101", "wetland_water"), ("1104A", "wetland_water"),
    ("1107", "wetland_water"), ("1109", "built_up"), ("1110", "bare"), ("1201", "built_up"),
    ("1202", "built_up"), ("1206", "bare"), ("1207", "bare"),
])
def test_mappings(code: str, eco: str) -> None:
    assert load_code_table().at[code, "eco_type"] == eco


def test_mangrove_and_forest_swamp_choice_is_stated() -> None:
    table = load_code_table()
    for code in ("0303", "0304"):
        assert table.at[code, "eco_type"] == "wetland_water"
        assert "wetland_water" in table.at[code, "source"]


def test_names_match_the_standard() -> None:
    table = load_code_table()
    assert table.at["0101", "name_zh"] == "水田"
    assert table.at["0301", "name_zh"] == "乔木林地"
    assert table.at["1006", "name_zh"] == "农村道路"
    assert table.at["1203", "name_zh"] == "田坎"
    assert table.at["0702", "level1_zh"] == "住宅用地"


@pytest.mark.parametrize("value, expected", [
    (301, "0301"), (301.0, "0301"), ("301", "0301"), ("0301", "0301"), (" 0301 ", "0301"), ("301.0", "0301"),
    (1101, "1101"), (np.int64(101), "0101"), (np.float64(1203.0), "1203"), ("0201k", "0201K"),
    (" 1104a", "1104A"), ("5h1", "05H1"), ("08h2a", "08H2A"), ("201K", "0201K"), (None, ""), ("", ""),
    ("  ", ""), (float("nan"), ""), (pd.NA, ""), ("abc", "ABC"),
])
def test_normalise_code(value: object, expected: str) -> None:
    assert normalise_code(value) == expected


def test_classify_keeps_index_and_normalises() -> None:
    codes = pd.Series([101, "0103", "0301k", " 1101 ", 1006.0], index=[10, 11, 12, 13, 14], name="DLBM")
    eco = classify(codes)
    assert list(eco.index) == [10, 11, 12, 13, 14]
    assert eco.name == "DLBM"
    assert list(eco) == ["paddy", "cropland", "forest", "wetland_water", "built_up"]


def test_unknown_codes_raise_with_codes_and_parcels() -> None:
    codes = pd.Series(["0101", "9999", "0301", "9999", "", "0X01"], index=["A", "B", "C", "D", "E", "F"])
    with pytest.raises(ValuationError) as err:
        classify(codes)
    e = err.value
    assert e.code == "unknown_landuse"
    assert e.params["codes"] == "(empty), 0X01, 9999"
    assert e.params["parcels"] == "B, D, E, F"
    assert "9999" in str(e) and "keep them as class 'unknown'" in str(e)


def test_unknown_list_is_shortened() -> None:
    codes = pd.Series([f"99{i:02d}" for i in range(30)])
    with pytest.raises(ValuationError) as err:
        classify(codes)
    assert "(+10)" in err.value.params["codes"]
    assert "(+10)" in err.value.params["parcels"]


def test_keep_unknown() -> None:
    codes = pd.Series(["0101", "9999", None], index=[1, 2, 3])
    assert list(classify(codes, keep_unknown=True)) == ["paddy", "unknown", "unknown"]


def test_custom_table(tmp_path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("code,name_zh,name_en,level1_zh,eco_type,source\n0101,水田,Paddy,耕地,cropland,test\n",
                    encoding="utf-8")
    table = load_code_table(path)
    assert list(classify(pd.Series(["0101"]), table=table)) == ["cropland"]
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name_zh,name_en,level1_zh,eco_type,source\n0101,水田,Paddy,耕地,jungle,test\n",
                   encoding="utf-8")
    with pytest.raises(ValuationError) as err:
        load_code_table(bad)
    assert err.value.code == "landuse_table_eco_type"


def test_youwuzhen_crosswalk_classifies() -> None:
    from tests.fixtures.youwuzhen import load_youwuzhen_parcels

    parcels = load_youwuzhen_parcels()
    assert len(parcels) == 194
    assert parcels["DLBM"].notna().all()
    eco = classify(parcels["DLBM"])
    assert set(eco) == {"orchard", "forest", "wetland_water", "paddy", "built_up"}
    area = parcels.geometry.area.groupby(eco).sum() / 1e4
    assert area["forest"] > area["paddy"] > area["built_up"]
