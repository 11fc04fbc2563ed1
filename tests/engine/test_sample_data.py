"""The committed synthetic sample watershed (resources/sample) against its specification."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from rasterio import features

from valuation.dltb_check import check_dltb, slope_degrees
from valuation.landuse import classify

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
GPKG = SAMPLE / "sample_watershed.gpkg"
# name -> (min, max) of every cell
RASTERS = {
    "dem": (300.0, 900.0),
    "r_factor": (5300.0, 6200.0),
    "k_factor": (0.025, 0.06),
    "veg_cover": (0.0, 1.0),
    "precip": (1050.0, 1250.0),
    "et": (550.0, 750.0),
    "storm_precip": (180.0, 280.0),
    "npp": (0.0, 750.0),
}
# eco_type -> range of veg_cover and npp in the cells whose centre lies in a parcel of that type
COVER = {"forest": (0.75, 0.95), "orchard": (0.4, 0.7), "cropland": (0.2, 0.5), "paddy": (0.2, 0.5),
         "wetland_water": (0.0, 0.0), "built_up": (0.05, 0.2)}
NPP = {"forest": (500, 750), "orchard": (350, 500), "cropland": (300, 450), "paddy": (300, 450),
       "wetland_water": (0, 50), "built_up": (0, 50)}


@pytest.fixture(scope="module")
def dltb() -> gpd.GeoDataFrame:
    return gpd.read_file(GPKG, layer="DLTB")


@pytest.fixture(scope="module")
def lots() -> gpd.GeoDataFrame:
    return gpd.read_file(GPKG, layer="JYFW")


@pytest.fixture(scope="module")
def grids() -> dict[str, tuple[np.ndarray, dict]]:
    out = {}
    for name in RASTERS:
        with rasterio.open(SAMPLE / f"{name}.tif") as src:
            out[name] = (src.read(1), {**src.profile, "bounds": src.bounds, "res": src.res})
    return out


def test_files_present_and_small() -> None:
    names = [f"{n}.tif" for n in RASTERS] + ["sample_watershed.gpkg", "visitors.csv", "README.md",
                                               "generate_sample.py"]
    for name in names:
        assert (SAMPLE / name).is_file(), name
    total = sum(p.stat().st_size for p in SAMPLE.iterdir() if p.is_file())
    assert total < 5 * 1024 * 1024


def test_validator_passes_with_dem(dltb: gpd.GeoDataFrame) -> None:
    assert check_dltb(dltb, dem_path=str(SAMPLE / "dem.tif")) == []


def test_parcel_count_size_and_crs(dltb: gpd.GeoDataFrame) -> None:
    assert dltb.crs.to_epsg() == 4545
    assert 400 <= len(dltb) <= 900
    ha = dltb["TBMJ"] / 1e4
    assert 0.1 <= ha.median() <= 0.5
    assert 300 <= ha.sum() <= 500                       # a 3–5 km² watershed
    assert ha.min() > 0.005                              # no slivers
    assert set(dltb.geom_type) == {"Polygon"}
    x0, y0, x1, y1 = dltb.total_bounds                   # eastern Chongqing, ≈ 107 °E 29.8 °N
    assert 399_000 < x0 < x1 < 404_000 and 3_299_000 < y0 < y1 < 3_304_000


def test_no_gaps_against_watershed_outline(dltb: gpd.GeoDataFrame) -> None:
    ws = gpd.read_file(GPKG, layer="WATERSHED").geometry.iloc[0]
    union = shapely.union_all(dltb.geometry.values)
    assert union.symmetric_difference(ws).area < 1.0
    assert len(shapely.get_parts(union)) == 1 and len(union.interiors) == 0


def test_land_use_mix(dltb: gpd.GeoDataFrame) -> None:
    codes = set(dltb["DLBM"])
    assert {"0101", "0103", "0201", "0202", "0301", "0302", "0305", "0307", "0404", "0702", "1006", "1101",
            "1103", "1104", "1107"} <= codes
    assert (dltb["DLBM"] == "1103").sum() == 1
    eco = classify(dltb["DLBM"])
    area = dltb.groupby(eco)["TBMJ"].sum()
    assert area["forest"] > area["cropland"] > area["paddy"]


def test_ownership_fields(dltb: gpd.GeoDataFrame) -> None:
    assert dltb["BSM"].is_unique and dltb["BSM"].str.startswith("5001").all()
    assert set(dltb["QSXZ"]) == {"10", "20", "30", "31", "32"}
    for name in ("QSDWDM", "ZLDWDM"):
        assert dltb[name].str.fullmatch(r"500\d{16}").all()
    assert 2 <= dltb["ZLDWDM"].nunique() <= 4
    assert dltb.groupby("ZLDWDM")["ZLDWMC"].nunique().eq(1).all()
    assert dltb.groupby("QSDWDM")["QSDWMC"].nunique().eq(1).all()
    state = dltb[dltb["QSXZ"] == "20"]
    assert len(state) >= 5 and state["QSDWMC"].nunique() == 1 and "国有林场" in state["QSDWMC"].iloc[0]
    assert set(state["DLBM"]) <= {"0301", "0305", "0307"}
    assert dltb.loc[dltb["QSXZ"] == "32", "QSDWMC"].str.endswith("股份经济合作联合社").all()


def test_cropland_fields_follow_slope_grade(dltb: gpd.GeoDataFrame) -> None:
    crop = dltb["DLBM"].str.startswith("01")
    assert (dltb.loc[crop, "KCDLBM"] == "1203").all() and (dltb.loc[~crop, "KCDLBM"] == "").all()
    assert (dltb.loc[~crop, "KCXS"] == 0).all()
    assert dltb.loc[crop, "KCXS"].between(0.05, 0.25).all()
    by_grade = dltb[crop].groupby("GDPDJB")["KCXS"].mean()
    assert by_grade.is_monotonic_increasing and len(by_grade) >= 4
    dry = dltb["DLBM"].isin(["0102", "0103"]) & (dltb["GDPDJB"] != "1")
    assert set(dltb.loc[dry, "GDLX"]) == {"TT", "PD"}
    assert (dltb.loc[dltb["GDPDJB"] == "1", "GDLX"] == "").all()
    assert (dltb["TBDLMJ"] - (dltb["TBMJ"] - dltb["KCMJ"])).abs().max() < 0.011


@pytest.mark.filterwarnings("ignore:invalid value encountered in intersection:RuntimeWarning")
def test_trading_lots(dltb: gpd.GeoDataFrame, lots: gpd.GeoDataFrame) -> None:
    assert list(lots["SCOPE_ID"]) == ["JY01", "JY02", "JY03"]
    assert lots["SCOPE_NAME"].str.len().min() > 4 and lots["PRODUCT"].str.len().min() > 1
    assert lots.crs.to_epsg() == 4545 and lots.is_valid.all()
    geoms = lots.geometry.values
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            assert geoms[i].intersection(geoms[j]).area == 0
    ws = shapely.union_all(dltb.geometry.values).buffer(0.01)
    for lot in geoms:
        assert ws.contains(lot)
        cut = shapely.area(shapely.intersection(dltb.geometry.values, lot))
        inside = shapely.area(dltb.geometry.values)
        assert ((cut > 1.0) & (cut < inside - 1.0)).sum() >= 5     # parcels the lot cuts through
        assert (cut > 1.0).sum() >= 5


def test_rasters_share_one_grid(grids: dict) -> None:
    ref = grids["dem"][1]
    for name, (data, prof) in grids.items():
        assert prof["crs"].to_epsg() == 4545, name
        assert prof["transform"] == ref["transform"] and (prof["width"], prof["height"]) == (ref["width"],
                                                                                           ref["height"])
        assert prof["res"] == (10.0, 10.0)
        assert prof["dtype"] == "float32" and prof["nodata"] == -9999
        assert prof["tiled"] and prof["blockxsize"] == 256 and prof["blockysize"] == 256
        assert prof["compress"] == "deflate"
        assert data.dtype == np.float32


def test_rasters_cover_parcels_with_margin(grids: dict, dltb: gpd.GeoDataFrame) -> None:
    b = grids["dem"][1]["bounds"]
    x0, y0, x1, y1 = dltb.total_bounds
    assert min(x0 - b.left, y0 - b.bottom, b.right - x1, b.top - y1) >= 50


def test_raster_value_ranges(grids: dict) -> None:
    for name, (lo, hi) in RASTERS.items():
        data = grids[name][0]
        assert (data != -9999).all(), name
        assert lo <= data.min() and data.max() <= hi, (name, data.min(), data.max())
    r = grids["r_factor"][0]
    assert abs(float(r.mean()) - 5784) < 150
    assert 0.035 < float(np.median(grids["k_factor"][0])) < 0.05


def test_terrain_is_a_valley(grids: dict, dltb: gpd.GeoDataFrame) -> None:
    dem, prof = grids["dem"]
    inside = features.geometry_mask(dltb.geometry.values, dem.shape, prof["transform"], invert=True)
    slope = slope_degrees(dem, 10, 10)[inside]
    assert 10 < np.median(slope) < 25 and np.percentile(slope, 95) <= 36
    river = dltb[dltb["DLBM"] == "1101"].geometry.values
    on_river = features.geometry_mask(river, dem.shape, prof["transform"], invert=True, all_touched=True)
    assert dem[on_river].mean() < np.percentile(dem[inside], 20)


def test_cover_and_npp_follow_land_use(grids: dict, dltb: gpd.GeoDataFrame) -> None:
    eco = classify(dltb["DLBM"]).to_numpy()
    transform = grids["dem"][1]["transform"]
    pid = features.rasterize(((g, i + 1) for i, g in enumerate(dltb.geometry.values)),
                             out_shape=grids["dem"][0].shape, transform=transform, fill=0, dtype="int32")
    cell_eco = np.where(pid > 0, eco[np.maximum(pid - 1, 0)], "outside")
    for name, ranges in (("veg_cover", COVER), ("npp", NPP)):
        data = grids[name][0]
        for kind, (lo, hi) in ranges.items():
            values = data[cell_eco == kind]
            assert len(values) > 0, kind
            assert lo - 1e-3 <= values.min() and values.max() <= hi + 1e-3, (name, kind)


def test_visitors(lots: gpd.GeoDataFrame) -> None:
    v = pd.read_csv(SAMPLE / "visitors.csv", dtype={"SCOPE_ID": str})
    assert list(v.columns) == ["SCOPE_ID", "VISITORS", "SPEND_PER_VISIT", "PRICE_YEAR", "SOURCE"]
    assert set(v["SCOPE_ID"]) <= set(lots["SCOPE_ID"])
    assert (v["VISITORS"] > 0).all() and (v["SPEND_PER_VISIT"] > 0).all()
    assert (v["SOURCE"] == "synthetic sample").all()


def test_generator_is_deterministic(tmp_path: Path, dltb: gpd.GeoDataFrame, lots: gpd.GeoDataFrame,
                                    grids: dict) -> None:
    subprocess.run([sys.executable, str(SAMPLE / "generate_sample.py"), str(tmp_path)], check=True,
                   capture_output=True, timeout=300)
    for layer, committed in (("DLTB", dltb), ("JYFW", lots)):
        fresh = gpd.read_file(tmp_path / "sample_watershed.gpkg", layer=layer)
        pd.testing.assert_frame_equal(pd.DataFrame(fresh.drop(columns="geometry")),
                                      pd.DataFrame(committed.drop(columns="geometry")))
        assert list(shapely.to_wkb(fresh.geometry.values)) == list(shapely.to_wkb(committed.geometry.values))
    for name in RASTERS:
        with rasterio.open(tmp_path / f"{name}.tif") as src:
            assert np.array_equal(src.read(1), grids[name][0]), name
    assert (tmp_path / "visitors.csv").read_bytes() == (SAMPLE / "visitors.csv").read_bytes()
