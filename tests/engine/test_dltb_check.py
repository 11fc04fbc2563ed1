"""三调 DLTB consistency checks on the sample watershed and on deliberately broken copies of it."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.affinity import translate

from valuation.dltb_check import REQUIRED_FIELDS, check_dltb, slope_grade
from valuation.geodesy import ellipsoidal_areas

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
DEM = SAMPLE / "dem.tif"


@pytest.fixture(scope="module")
def sample() -> gpd.GeoDataFrame:
    return gpd.read_file(SAMPLE / "sample_watershed.gpkg", layer="DLTB")


@pytest.fixture
def dltb(sample: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return sample.copy()


def first(gdf: gpd.GeoDataFrame, mask) -> int:
    return int(np.flatnonzero(np.asarray(mask))[0])


def only_problem(problems: list[str], needle: str) -> str:
    hits = [p for p in problems if needle in p]
    assert len(hits) == 1, problems
    return hits[0]


def test_slope_grade_bounds() -> None:
    # 1 ≤2°, 2 (2–6°], 3 (6–15°], 4 (15–25°], 5 >25°
    assert list(slope_grade([0, 2, 2.01, 6, 6.5, 15, 15.1, 25, 25.1, 60])) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_sample_passes_with_dem(dltb: gpd.GeoDataFrame) -> None:
    assert check_dltb(dltb, dem_path=str(DEM)) == []


def test_null_text_fields_are_empty(dltb: gpd.GeoDataFrame) -> None:
    # Real layers hold NULL where the sample holds "": both mean "not set".
    for name in ("GDLX", "GDPDJB", "KCDLBM"):
        dltb[name] = dltb[name].where(dltb[name] != "", None)
    assert check_dltb(dltb) == []


def test_lower_case_field_names_and_numeric_codes(dltb: gpd.GeoDataFrame) -> None:
    dltb["QSXZ"] = dltb["QSXZ"].astype(int)
    dltb = dltb.rename(columns={c: c.lower() for c in dltb.columns if c != "geometry"})
    assert check_dltb(dltb) == []


def test_wrong_kcmj(dltb: gpd.GeoDataFrame) -> None:
    i = first(dltb, dltb["KCXS"] > 0)
    dltb.loc[i, "KCMJ"] += 0.5
    problems = check_dltb(dltb)
    assert dltb.at[i, "BSM"] in only_problem(problems, "KCMJ differs")
    assert dltb.at[i, "BSM"] in only_problem(problems, "TBDLMJ differs")   # TBDLMJ no longer TBMJ − KCMJ


def test_wrong_dlmc_and_unknown_code(dltb: gpd.GeoDataFrame) -> None:
    dltb.loc[3, "DLMC"] = "旱地" if dltb.at[3, "DLBM"] != "0103" else "水田"
    dltb.loc[5, "DLBM"] = "0199"
    problems = check_dltb(dltb)
    assert dltb.at[3, "BSM"] in only_problem(problems, "DLMC does not match")
    assert "0199" in only_problem(problems, "not in the code table")


def test_dlmc_without_yongdi_suffix_is_accepted(dltb: gpd.GeoDataFrame) -> None:
    i = first(dltb, dltb["DLBM"] == "1109")
    dltb.loc[i, "DLMC"] = "水工建筑"
    assert check_dltb(dltb) == []


def test_overlapping_parcel(dltb: gpd.GeoDataFrame) -> None:
    i = first(dltb, dltb["DLBM"] == "0301")
    moved = translate(dltb.geometry.iloc[i], xoff=5.0)
    dltb.loc[i, "geometry"] = moved
    problems = check_dltb(dltb)
    assert dltb.at[i, "BSM"] in only_problem(problems, "overlap")


def test_duplicate_parcel_is_an_overlap_and_a_repeated_bsm(dltb: gpd.GeoDataFrame) -> None:
    import pandas as pd

    dup = pd.concat([dltb, dltb.iloc[[10]]], ignore_index=True)
    problems = check_dltb(gpd.GeoDataFrame(dup, crs=dltb.crs))
    only_problem(problems, "overlap")
    assert dltb.at[10, "BSM"] in only_problem(problems, "BSM is empty or repeated")


def test_gdlx_on_forest(dltb: gpd.GeoDataFrame) -> None:
    i = first(dltb, dltb["DLBM"] == "0301")
    dltb.loc[i, "GDLX"] = "TT"
    problems = check_dltb(dltb)
    assert dltb.at[i, "BSM"] in only_problem(problems, "GDLX set on non-cropland")


def test_gdlx_at_grade_one_and_bad_grade(dltb: gpd.GeoDataFrame) -> None:
    i = first(dltb, dltb["GDLX"] == "TT")
    dltb.loc[i, "GDPDJB"] = "1"
    j = first(dltb, dltb["DLBM"] == "0103")
    dltb.loc[j, "GDPDJB"] = "7"
    k = first(dltb, dltb["DLBM"] == "0201")
    dltb.loc[k, "GDPDJB"] = "2"
    problems = check_dltb(dltb)
    assert dltb.at[i, "BSM"] in only_problem(problems, "slope grade 1")
    assert dltb.at[j, "BSM"] in only_problem(problems, "missing or not 1–5")
    assert dltb.at[k, "BSM"] in only_problem(problems, "GDPDJB set on non-cropland")


def test_qsxz_and_kcxs(dltb: gpd.GeoDataFrame) -> None:
    dltb.loc[0, "QSXZ"] = "50"
    dltb.loc[1, "KCXS"] = 1.5
    problems = check_dltb(dltb)
    assert "50" in only_problem(problems, "QSXZ not one of")
    assert dltb.at[1, "BSM"] in only_problem(problems, "KCXS outside")


def test_tbmj_against_ellipsoidal_area(dltb: gpd.GeoDataFrame) -> None:
    i = first(dltb, dltb["KCXS"] == 0)
    dltb.loc[i, "TBMJ"] += 0.02
    dltb.loc[i, "TBDLMJ"] += 0.02
    problems = check_dltb(dltb)
    assert dltb.at[i, "BSM"] in only_problem(problems, "ellipsoidal area")
    # 0.009 m² off the exact ellipsoidal area is within the 0.01 m² tolerance
    exact = ellipsoidal_areas([dltb.geometry.iloc[i]], dltb.crs)[0]
    dltb.loc[i, ["TBMJ", "TBDLMJ"]] = exact + 0.009
    assert check_dltb(dltb) == []


def test_planar_area_is_not_tbmj(dltb: gpd.GeoDataFrame) -> None:
    # At 100 km from the central meridian the Gauss-Krüger area is ~0.025 % larger than the ellipsoidal one.
    dltb["TBMJ"] = dltb.geometry.area.round(2)
    dltb["KCMJ"] = (dltb["TBMJ"] * dltb["KCXS"]).round(2)
    dltb["TBDLMJ"] = dltb["TBMJ"] - dltb["KCMJ"]
    problems = check_dltb(dltb)
    assert only_problem(problems, "ellipsoidal area")


def test_slope_grade_against_dem(dltb: gpd.GeoDataFrame) -> None:
    steep = first(dltb, dltb["GDPDJB"].isin(["4", "5"]))
    flat = first(dltb, dltb["GDPDJB"] == "2")
    dltb.loc[steep, ["GDPDJB", "GDLX"]] = ["2", "TT"]    # two or three grades too low
    dltb.loc[flat, "GDPDJB"] = "3"                       # one grade off: tolerated
    problems = check_dltb(dltb, dem_path=str(DEM))
    text = only_problem(problems, "more than one grade")
    assert dltb.at[steep, "BSM"] in text and dltb.at[flat, "BSM"] not in text
    assert check_dltb(dltb) == []                        # without the DEM the grades are not compared


def test_invalid_geometry_and_missing_fields(dltb: gpd.GeoDataFrame) -> None:
    bowtie = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    x, y = dltb.geometry.iloc[0].centroid.coords[0]
    dltb.loc[0, "geometry"] = translate(bowtie, x, y)
    dltb = dltb.drop(columns=["ZLDWMC", "GDLX"])
    problems = check_dltb(dltb)
    assert "ZLDWMC" in only_problem(problems, "Missing required fields") and "GDLX" in problems[0]
    assert dltb.at[0, "BSM"] in only_problem(problems, "Invalid geometry")


def test_all_required_fields_named() -> None:
    assert set(REQUIRED_FIELDS) >= {"BSM", "DLBM", "DLMC", "QSXZ", "TBMJ", "KCXS", "KCMJ", "TBDLMJ", "GDLX",
                                    "GDPDJB"}
