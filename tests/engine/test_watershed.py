"""``valuation.watershed``: parcel accountings aggregated to watersheds; cell-based erosion and cover figures.

Hand-made set (EPSG:4545, 10 m grid with its top-left corner at (400000, 3300500)): four 100 m × 100 m parcels in a
row, P1 … P4 at x = 400000–400100 … 400300–400400, y = 3300400–3300500. Watershed W1 is x 400000–400155 (P1 and
55 % of P2, so column 15 of the grid is cut in half), W2 is x 400155–400450 (the rest of P2, P3, P4 and a 50 m
strip east of the parcels and of the rasters).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from pyproj import Geod, Transformer
from rasterio.transform import from_origin

from valuation.errors import ValuationError
from valuation.watershed import parse_dispute, rights_status, summarise_watersheds

EPSG = "EPSG:4545"
X0, Y0, CELL = 400_000.0, 3_300_500.0, 10.0
GEOD = Geod(ellps="GRS80")
TO_LL = Transformer.from_crs(EPSG, "EPSG:4490", always_xy=True)


def ell_area(geom: shapely.Geometry) -> float:
    """Ellipsoidal area by pyproj directly (not through the engine)."""
    ll = shapely.transform(geom, lambda xy: np.column_stack(TO_LL.transform(xy[:, 0], xy[:, 1])))
    return abs(GEOD.geometry_area_perimeter(ll)[0])


def box(x0: float, x1: float) -> shapely.Polygon:
    return shapely.box(x0, 3_300_400.0, x1, 3_300_500.0)


@pytest.fixture()
def parcels() -> gpd.GeoDataFrame:
    rows = {
        "PARCEL_ID": ["P1", "P2", "P3", "P4"],
        "ECO_TYPE": ["forest", "cropland", "paddy", "grassland"],
        "DISPUTE": ["NONE", "DISPUTED", "无争议", None],
        "ELIGIBLE": [1, 0, 0, None],
        "V_MAT": [100.0, 200.0, 300.0, 400.0],
        "V_REG": [1000.0, 2000.0, 3000.0, 4000.0],
        "V_CUL": [10.0, 20.0, 30.0, 40.0],
        "DV_TOTAL": [5.0, 6.0, 7.0, 8.0],
    }
    df = pd.DataFrame(rows)
    df["V_TOTAL"] = df["V_MAT"] + df["V_REG"] + df["V_CUL"]
    df["V_TOT_LO"] = 0.5 * df["V_TOTAL"]
    df["V_TOT_HI"] = 2.0 * df["V_TOTAL"]
    geoms = [box(X0 + 100 * i, X0 + 100 * (i + 1)) for i in range(4)]
    return gpd.GeoDataFrame(df, geometry=geoms, crs=EPSG)


@pytest.fixture()
def watersheds() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"XLYDM": ["5001150001", "5001150002"], "NAME": ["上沟", "下沟"]},
                            geometry=[box(X0, X0 + 155), box(X0 + 155, X0 + 450)], crs=EPSG)


def write_tif(path: Path, arr: np.ndarray) -> str:
    with rasterio.open(path, "w", driver="GTiff", width=arr.shape[1], height=arr.shape[0], count=1, dtype="float64",
                       crs=EPSG, transform=from_origin(X0, Y0, CELL, CELL), nodata=-9999.0) as dst:
        dst.write(np.where(np.isfinite(arr), arr, -9999.0), 1)
    return str(path)


@pytest.fixture()
def rasters_(tmp_path: Path) -> tuple[str, str]:
    """Erosion A in t/(hm²·a) (× 100 = modulus t/(km²·a)) and cover, 10 rows × 40 columns over the parcels.

    P1 (columns 0–9): rows 0–4 A = 30 (3000, grade 3), rows 5–9 A = 3 (300, grade 1); P2 (10–19): A = 10 (grade 2);
    P3 (20–29, paddy): no data, a non-eroding parcel; P4 (30–39): columns 30–34 A = 60 (grade 4), 35–39 no data.
    Cover: 0.8 / 0.4 / 0.3 / 0.6 on P1 … P4.
    """
    a = np.full((10, 40), np.nan)
    a[:5, :10], a[5:, :10] = 30.0, 3.0
    a[:, 10:20] = 10.0
    a[:, 30:35] = 60.0
    cov = np.repeat(np.array([0.8, 0.4, 0.3, 0.6]), 10)[None, :].repeat(10, axis=0)
    return write_tif(tmp_path / "erosion.tif", a), write_tif(tmp_path / "cover.tif", cov)


def test_sums_equal_parcel_totals_and_shares_are_exact(parcels, watersheds):
    res = summarise_watersheds(parcels, watersheds, id_field="XLYDM", name_field="NAME")
    t = res.table.set_index("WS_ID")
    # Watershed sums add up to the parcel totals (every parcel lies inside the watersheds); the pieces' geodesic
    # areas add up to the whole parcel's to ~1e-11 (a cut edge is two geodesics instead of one).
    for f in ("V_MAT", "V_REG", "V_CUL", "V_TOTAL", "V_TOT_LO", "V_TOT_HI", "DV_TOTAL"):
        assert t[f].sum() == pytest.approx(parcels[f].sum(), rel=1e-9)
    # P2 is cut: its share in W1 is the ellipsoidal area of the part over the whole (≈ 0.55).
    share = ell_area(box(X0 + 100, X0 + 155)) / ell_area(box(X0 + 100, X0 + 200))
    assert share == pytest.approx(0.55, rel=1e-4)
    assert t.loc["5001150001", "V_TOTAL"] == pytest.approx(1110.0 + 2220.0 * share, rel=1e-12)
    share2 = ell_area(box(X0 + 155, X0 + 200)) / ell_area(box(X0 + 100, X0 + 200))
    assert t.loc["5001150002", "V_TOTAL"] == pytest.approx(2220.0 * share2 + 3330.0 + 4440.0, rel=1e-12)
    assert t.loc["5001150001", "N_PARCELS"] == 2 and t.loc["5001150002", "N_PARCELS"] == 3
    # Areas: the watershed's own; the accounted part; value per km² of the accounted part.
    w2_area = ell_area(box(X0 + 155, X0 + 450))
    acc2 = ell_area(box(X0 + 155, X0 + 400))
    assert t.loc["5001150002", "AREA_KM2"] == pytest.approx(w2_area / 1e6, rel=1e-9)
    assert t.loc["5001150002", "ACC_KM2"] == pytest.approx(acc2 / 1e6, rel=1e-9)
    assert t.loc["5001150002", "ACC_PCT"] == pytest.approx(100 * acc2 / w2_area, rel=1e-9)
    assert t.loc["5001150002", "V_PER_KM2"] == pytest.approx(t.loc["5001150002", "V_TOTAL"] / (acc2 / 1e6), rel=1e-9)
    assert t.loc["5001150001", "WS_NAME"] == "上沟" and "XLYDM" in res.table.columns
    # Forest-and-grass cover rate: forest P1 in W1, grassland P4 in W2 (cropland and paddy do not count).
    acc1 = ell_area(box(X0, X0 + 155))
    assert t.loc["5001150001", "FG_RATE"] == pytest.approx(100 * ell_area(box(X0, X0 + 100)) / acc1, rel=1e-9)
    assert t.loc["5001150002", "FG_RATE"] == pytest.approx(100 * ell_area(box(X0 + 300, X0 + 400)) / acc2, rel=1e-9)


def test_rights_shares_and_counts(parcels, watersheds):
    t = summarise_watersheds(parcels, watersheds, "XLYDM", "NAME").table.set_index("WS_ID")
    # P1 clear; P2 disputed; P3 "无争议" but ELIGIBLE 0 (not clear, not blocking); P4 blank (unknown).
    acc1 = ell_area(box(X0, X0 + 155))
    assert t.loc["5001150001", "RIGHTS_PCT"] == pytest.approx(100 * ell_area(box(X0, X0 + 100)) / acc1, rel=1e-9)
    assert t.loc["5001150001", "RIGHTS_ST"] == "known"
    assert (t["DISPUTE_N"] == 1).all() and (t["UNCLEAR_N"] == 0).all()
    acc2 = ell_area(box(X0 + 155, X0 + 400))
    assert t.loc["5001150002", "RIGHTS_PCT"] == 0.0
    assert t.loc["5001150002", "RIGHTS_UNK"] == pytest.approx(100 * ell_area(box(X0 + 300, X0 + 400)) / acc2, rel=1e-9)
    assert t.loc["5001150002", "RIGHTS_ST"] == "partial"
    # Without the fields, rights are unknown (and said so).
    res = summarise_watersheds(parcels.drop(columns=["DISPUTE", "ELIGIBLE"]), watersheds, "XLYDM", "NAME")
    assert (res.table["RIGHTS_ST"] == "unknown").all() and res.table["RIGHTS_PCT"].isna().all()
    assert "ws_rights_unknown" in {n.code for n in res.notices}


def test_rights_parsing():
    assert [parse_dispute(v) for v in ("none", "有争议", "UNCLEAR", "已解决", 0, 1, None, "boundary?")] == \
        ["none", "disputed", "unclear", "resolved", "none", "disputed", None, "other"]
    # ELIGIBLE only: 0 means unclear rights (blocking).
    st, known = rights_status(pd.DataFrame({"ELIGIBLE": [1, 0, None]}))
    assert known and st.tolist() == ["clear", "unclear", "unknown"]


def test_cell_based_erosion_rates_and_cover_on_a_hand_made_raster(parcels, watersheds, rasters_):
    erosion, cover = rasters_
    res = summarise_watersheds(parcels, watersheds, "XLYDM", "NAME", erosion_path=erosion, cover_path=cover)
    t = res.table.set_index("WS_ID")
    w1, w2 = t.loc["5001150001"], t.loc["5001150002"]
    # W1 = columns 0–14 and half of column 15: P1 50 cells grade 3 + 50 cells grade 1; P2 55 cells grade 2.
    assert w1["ERO_G3"] == pytest.approx(50 * 100 / 1e6, rel=1e-9)
    assert w1["ERO_G2"] == pytest.approx(55 * 100 / 1e6, rel=1e-9)
    assert w1["ERO_G4"] == w1["ERO_G5"] == w1["ERO_G6"] == 0.0
    assert w1["ERO_KM2"] == pytest.approx(105 * 100 / 1e6, rel=1e-9)
    assert w1["SWC_RATE"] == pytest.approx(100 * (155 - 105) / 155, rel=1e-9)
    assert w1["ERO_NODATA"] == 0.0
    # W2: P2 45 cells grade 2; P3 100 cells non-eroding (paddy, no data: counted as land without erosion);
    # P4 50 cells grade 4 and 50 cells without data; 50 m × 100 m outside the raster.
    assert w2["ERO_G2"] == pytest.approx(45 * 100 / 1e6, rel=1e-9)
    assert w2["ERO_G4"] == pytest.approx(50 * 100 / 1e6, rel=1e-9)
    assert w2["ERO_KM2"] == pytest.approx(95 * 100 / 1e6, rel=1e-9)
    assert w2["SWC_RATE"] == pytest.approx(100 * (195 - 95) / 195, rel=1e-9)
    assert w2["ERO_NODATA"] == pytest.approx((50 * 100 + 50 * 100) / 1e6, rel=1e-9)
    assert "ws_erosion_gaps" in {n.code for n in res.notices}
    # Mean cover weighted by the share of each cell inside: W1 = (100·0.8 + 55·0.4)/155.
    assert w1["VEG_MEAN"] == pytest.approx((100 * 0.8 + 55 * 0.4) / 155, rel=1e-12)
    assert w2["VEG_MEAN"] == pytest.approx((45 * 0.4 + 100 * 0.3 + 100 * 0.6) / 245, rel=1e-12)


def test_cover_in_percent_is_refused(parcels, watersheds, tmp_path):
    path = write_tif(tmp_path / "pct.tif", np.full((10, 40), 80.0))
    with pytest.raises(ValuationError) as err:
        summarise_watersheds(parcels, watersheds, "XLYDM", "NAME", cover_path=path)
    assert err.value.code == "cover_not_fraction"


def test_unallocated_parcels_and_bad_input(parcels, watersheds):
    res = summarise_watersheds(parcels, watersheds.iloc[:1], "XLYDM", "NAME")
    n = {n.code: n for n in res.notices}["ws_unallocated"]
    assert n.params["n"] == 3  # P2 partly, P3 and P4 wholly outside W1
    with pytest.raises(ValuationError) as err:
        summarise_watersheds(parcels.drop(columns=["V_TOTAL"]), watersheds, "XLYDM", "NAME")
    assert err.value.code == "not_an_accounting" and "V_TOTAL" in str(err.value)
    dup = watersheds.assign(XLYDM=["A", "A"])
    with pytest.raises(ValuationError) as err:
        summarise_watersheds(parcels, dup, "XLYDM", "NAME")
    assert err.value.code == "ws_duplicate_id"
    with pytest.raises(ValuationError) as err:
        summarise_watersheds(parcels, watersheds, "WS_ID", "NAME")
    assert err.value.code == "missing_field"


def test_watersheds_in_another_crs_are_reprojected(parcels, watersheds):
    res = summarise_watersheds(parcels, watersheds.to_crs("EPSG:4490"), "XLYDM", "NAME")
    assert res.table["V_TOTAL"].sum() == pytest.approx(parcels["V_TOTAL"].sum(), rel=1e-6)  # edges re-projected
    assert res.table.crs.to_epsg() == 4490
    assert "reprojected" in {n.code for n in res.notices}
