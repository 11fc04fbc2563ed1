"""``accounting.account`` end to end on the shared real data (skipped when ``../shared/data/real`` is absent).

- Youwuzhen (Changting, Fujian; Beijing 1954 / 3° GK zone 39 with zone prefix, EPSG:2415, 30 m): the 194 land-use
  parcels polygonised from the SEIMS land-use grid, crosswalked to DLBM (tests/fixtures/youwuzhen.py), with the
  derived R (Zhang 2002 daily model, constant 9 660.1), K (EPIC × 0.1317, SI 0.024–0.033) and the 30 m DEM (LS
  derived). No VEG_COVER raster: B comes from the land-use table.
- Willamette (Oregon; UTM 10N, EPSG:26910, 30 m DEM): the 9 sub-watersheds, all given DLBM 0301 (forest), K at 60 m in
  US-customary magnitude (≈ 0.28) and a constant R of 1 215.02.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from fixtures.youwuzhen import REAL_DATA, load_youwuzhen_parcels

from valuation import csle
from valuation.accounting import AccountingResult, FactorInputs, account
from valuation.errors import ValuationError
from valuation.geodesy import ellipsoidal_areas
from valuation.parameters import ParameterSet

pytestmark = pytest.mark.skipif(
    not REAL_DATA.exists(), reason=f"shared real data not found: {REAL_DATA} (expected at <repo>/../shared/data/real)")

YWZ = REAL_DATA / "youwuzhen"
WIL = REAL_DATA / "willamette"
#: Crosswalked DLBM codes of Youwuzhen that do not erode (soil_conservation_excluded: wetland_water, built_up, paddy):
#: 1101 river water, 0101 paddy, 0601 industrial, 0702 rural homestead.
YWZ_NON_ERODING = {"1101", "0101", "0601", "0702"}
YWZ_BUILT_UP = {"0601", "0702"}
UNIT_CODES = {"k_us_units", "r_us_units", "r_unexpected_magnitude"}


@pytest.fixture(scope="module")
def params() -> ParameterSet:
    return ParameterSet.load()


# ----- Youwuzhen -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def youwuzhen(params) -> AccountingResult:
    parcels = load_youwuzhen_parcels()
    inputs = FactorInputs({"R_FACTOR": str(YWZ / "derived_R_zhang2002_const.tif"),
                           "K_FACTOR": str(YWZ / "derived_K_epic_si.tif"), "DEM": str(YWZ / "ywzdem30m.tif")})
    return account(parcels, inputs, params)


def test_youwuzhen_every_parcel_is_valued(youwuzhen):
    t = youwuzhen.parcels
    assert len(t) == 194 and t["PARCEL_ID"].is_unique
    assert set(t["DLBM"]) == {"0101", "0201", "0301", "0601", "0702", "1101"}
    for f in ("Q_SOIL", "EROSION", "ER_MOD", "V_SED", "V_NP", "V_MAT", "V_REG", "V_TOTAL", "DV_TOTAL"):
        assert np.isfinite(t[f].to_numpy(dtype=float)).all(), f
    # every raster covers every parcel: no partial or constant factors
    codes = {n.code for n in youwuzhen.notices}
    assert not {"raster_partial", "factor_constant"} & codes
    assert "b_from_table" in codes  # no VEG_COVER raster
    # built-up has no indicator here (no visitors table, no NPP) → 0; all other land gets a value:
    # forest/orchard soil + air, paddy rice, river water purification
    built = t["DLBM"].isin(YWZ_BUILT_UP)
    assert (t.loc[built, "V_TOTAL"] == 0).all()
    assert (t.loc[~built, "V_TOTAL"] > 0).all()
    assert t["V_TOTAL"].sum() > 0
    # no terrace (GDLX) and no baseline raster: no increment
    assert (t["DV_TOTAL"] == 0).all()


def test_youwuzhen_soil_conservation_by_land_use(youwuzhen):
    t = youwuzhen.parcels
    assert (t["Q_SOIL"] >= 0).all()
    non_eroding = t["DLBM"].isin(YWZ_NON_ERODING)
    assert non_eroding.sum() == 35 + 43 + 6 + 25  # water, paddy, industrial, homestead parcels (crosswalk counts)
    assert (t.loc[non_eroding, ["Q_SOIL", "EROSION", "V_SED", "V_NP"]] == 0).all().all()
    # forest (B = 0.03) and orchard (B = 0.2) on slopes: every one retains soil; potential erosion is > 0 on all
    assert (t.loc[~non_eroding, "Q_SOIL"] > 0).all()
    assert (youwuzhen.drivers["RKLS_T"] > 0).all()
    # Q = A_p·(1 − B) with B from the table (b_factor.forest 0.03, b_factor.orchard 0.2; E = 1, no GDLX)
    eroding = youwuzhen.drivers.loc[t.loc[~non_eroding, "PARCEL_ID"]]
    b = eroding["ECO_TYPE"].map({"forest": 0.03, "orchard": 0.2})
    q = t.set_index("PARCEL_ID").loc[eroding.index, "Q_SOIL"]
    np.testing.assert_allclose(q, eroding["RKLS_T"] * (1 - b), rtol=1e-9)


def test_youwuzhen_units_and_areas(youwuzhen):
    # R 9 660.1 / 5 784.04 = 1.67 ∈ [0.2, 5] and not ≈ 1/17; K ≤ 0.033 < 0.1: SI units, no warnings
    assert not UNIT_CODES & {n.code for n in youwuzhen.notices}
    # the parcels tile the footprint (same 30 m grid): Σ AREA_M2 = the footprint's ellipsoidal area (Krassowsky
    # 1940), and both ≈ the stated 657.9 ha (7 310 cells × 900 m² = 657.9 ha planar)
    fp = gpd.read_file(YWZ / "derived_watershed_footprint.gpkg")
    fp_area = ellipsoidal_areas(fp.geometry.values, fp.crs).sum()
    total = youwuzhen.parcels["AREA_M2"].sum()
    assert total == pytest.approx(fp_area, rel=1e-6)
    assert total / 1e4 == pytest.approx(657.9, rel=0.01)


def test_youwuzhen_parcel_sums_equal_the_raster_total_over_the_footprint(youwuzhen):
    # The parcels are made of whole 30 m cells of the DEM grid (the working grid): Σ RKLS_T over the parcels =
    # Σ R·K·LS·0.09 hm² over the cells whose centre lies in the footprint.
    fp = gpd.read_file(YWZ / "derived_watershed_footprint.gpkg").geometry.iloc[0]
    grid = youwuzhen.grid
    assert grid.res == (30.0, 30.0)
    x, y = grid.cell_centres()
    inside = shapely.contains_xy(fp, x, y)
    rkls = youwuzhen.layers["RKLS"]
    assert inside.sum() == 7310 and np.isfinite(rkls[inside]).all()
    assert youwuzhen.drivers["RKLS_T"].sum() == pytest.approx(rkls[inside].sum() * 0.09, rel=1e-9)


# ----- Willamette ------------------------------------------------------------------------------------------------
def crs_epsg(gdf: gpd.GeoDataFrame) -> int:
    return int(gdf.crs.to_epsg())


def willamette_parcels() -> gpd.GeoDataFrame:
    sub = gpd.read_file(WIL / "subwatersheds.shp")
    sub["DLBM"] = "0301"
    return sub


def willamette_inputs() -> FactorInputs:
    return FactorInputs({"R_FACTOR": str(WIL / "erosivity_const_mean1215.tif"),
                         "K_FACTOR": str(WIL / "erodibility_from_ovr_60m.tif"), "DEM": str(WIL / "dem.tif")})


@pytest.fixture(scope="module")
def willamette(params) -> AccountingResult:
    return account(willamette_parcels(), willamette_inputs(), params, covered_only=True)


def test_willamette_k_has_holes_inside_the_subwatersheds(params):
    # The 60 m K raster has nodata inside five sub-watersheds (P1 only 80.2 % covered): a strict run refuses.
    with pytest.raises(ValuationError) as err:
        account(willamette_parcels(), willamette_inputs(), params)
    assert err.value.code == "raster_not_covering" and err.value.params["raster"] == "K_FACTOR"
    assert err.value.params["parcels"].startswith("P1 (80.2 %)")


def test_willamette_runs_end_to_end_with_the_covered_part(willamette):
    t = willamette.parcels
    assert len(t) == 9 and crs_epsg(t) == 26910
    partial = [n for n in willamette.notices if n.code == "raster_partial"]
    assert [n.params["raster"] for n in partial] == ["K_FACTOR"]
    assert (t["Q_SOIL"] > 0).all() and (t["V_SED"] > 0).all() and (t["V_TOTAL"] > 0).all()
    assert (willamette.drivers["RKLS_T"] > 0).all()
    # AREA_M2 (ellipsoidal, GRS 1980) vs Shape_Area (planar UTM 10N, k ≈ 0.9996 at ~40 km west of the central
    # meridian: planar/ellipsoidal ≈ k² ≈ 0.9993): within 0.2 %, but not equal
    ratio = t["AREA_M2"].sum() / t["Shape_Area"].sum()
    assert ratio == pytest.approx(1.0, rel=2e-3) and abs(ratio - 1.0) > 1e-4


def test_willamette_unit_notices(willamette):
    found = {n.code: n for n in willamette.notices}
    # K averages ≈ 0.25 (0.14–0.36, US-customary magnitude as InVEST uses it) > 0.1 → k_us_units, × 0.1317
    k = found["k_us_units"]
    assert 0.14 < k.params["mean"] < 0.36
    assert k.params["suggested_mean"] == pytest.approx(k.params["mean"] * csle.K_US_TO_SI, rel=1e-12)
    # R = 1 215.02: 1 215.02 / 5 784.04 = 0.2101. Not US units (1/17.02 = 0.0588, × 3 = 0.176 < 0.2101) and inside
    # the plausible band [0.2, 5]: check_r_units says nothing, although it is ~1/5 of Chongqing's mean.
    assert 1215.02 / 5784.04 == pytest.approx(0.2101, abs=1e-4)
    assert "r_us_units" not in found and "r_unexpected_magnitude" not in found
    assert csle.check_r_units([1215.0193]) == []
