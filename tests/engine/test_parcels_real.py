"""The split on the real Youwuzhen parcels (SEIMS land use crosswalked to DLBM; Beijing 1954 GK zone 39)."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from fixtures.youwuzhen import REAL_DATA, load_youwuzhen_parcels

from valuation.errors import ValuationError
from valuation.geodesy import ellipsoidal_areas
from valuation.parcels import split_parcels

FOOTPRINT = REAL_DATA / "youwuzhen" / "derived_watershed_footprint.gpkg"


@pytest.fixture(scope="module")
def parcels() -> gpd.GeoDataFrame:
    return load_youwuzhen_parcels()


@pytest.fixture(scope="module")
def lots() -> gpd.GeoDataFrame:
    """The footprint cut into a west and an east lot at its centroid's easting."""
    fp = gpd.read_file(FOOTPRINT)
    geom = fp.geometry.iloc[0]
    cx = geom.centroid.x
    minx, miny, maxx, maxy = geom.bounds
    west = shapely.intersection(geom, shapely.box(minx - 1, miny - 1, cx, maxy + 1))
    east = shapely.intersection(geom, shapely.box(cx, miny - 1, maxx + 1, maxy + 1))
    return gpd.GeoDataFrame({"SCOPE_ID": ["W", "E"], "SCOPE_NAME": ["西片", "东片"]}, geometry=[west, east], crs=fp.crs)


def test_youwuzhen_split_conserves_area(parcels, lots):
    res = split_parcels(lots, parcels, scope_id_field="SCOPE_ID", min_area=0)
    out = res.parcels
    # The parcels tile the footprint (both come from the same 30 m grid): Σ pieces = footprint's ellipsoidal
    # area on the Krassowsky ellipsoid of Beijing 1954.
    expected = ellipsoidal_areas(lots.geometry.values, lots.crs).sum()
    assert out["AREA_M2"].sum() == pytest.approx(expected, rel=1e-6)
    assert res.stats["uncovered_m2"] == pytest.approx(0, abs=1.0)
    # ≈ 657.9 ha footprint (README of the data); ellipsoidal vs planar differ by the GK scale only.
    assert out["AREA_M2"].sum() / 1e4 == pytest.approx(657.9, rel=2e-3)
    assert set(out["ECO_TYPE"]) <= {"orchard", "forest", "wetland_water", "paddy", "built_up"}
    assert out["PARCEL_ID"].is_unique
    # Parcels on the cut line are split in two pieces whose shares add up to 1.
    shares = out.groupby("SRC_FID")["SHARE"].sum()
    assert shares.to_numpy() == pytest.approx(1.0, abs=1e-9)
    assert (out.groupby("SRC_FID").size() == 2).any()


def test_youwuzhen_without_crs_suggests_prefixed_zone(parcels, lots):
    # Eastings 39xxxxxx carry the zone-39 prefix: the CGCS2000 zone-39 code is EPSG:4527.
    with pytest.raises(ValuationError) as e:
        split_parcels(lots.set_crs(None, allow_override=True), parcels.set_crs(None, allow_override=True),
                      parcels_layer="derived_lulc_parcels")
    assert "EPSG:4527" in str(e.value) and "derived_lulc_parcels" in str(e.value)
