"""Engine tests for splitting trading-scope lots by land-use parcels."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Polygon, box

from valuation.errors import ValuationError
from valuation.parcels import split_parcels as _split

E0, N0 = 400_000.0, 3_300_000.0  # EPSG:4545 (CGCS2000 GK CM 108°E), about 106.96°E 29.8°N
GRS80 = Geod(ellps="GRS80")
TO_LONLAT = Transformer.from_crs(4545, 4490, always_xy=True)


def split_parcels(scope, parcels, **kw):
    kw.setdefault("scope_id_field", "SCOPE_ID")
    return _split(scope, parcels, **kw)


def geod_area(poly: Polygon) -> float:
    """Independent reference: GRS 1980 geodesic area of the polygon's vertices taken to lon/lat."""
    lon, lat = TO_LONLAT.transform(*np.asarray(poly.exterior.coords).T)
    area = abs(GRS80.polygon_area_perimeter(lon, lat)[0])
    for ring in poly.interiors:
        lon, lat = TO_LONLAT.transform(*np.asarray(ring.coords).T)
        area -= abs(GRS80.polygon_area_perimeter(lon, lat)[0])
    return area


def sq(x0: float, y0: float, x1: float, y1: float) -> Polygon:
    return box(E0 + x0, N0 + y0, E0 + x1, N0 + y1)


def layers(parcel_geoms, codes, scope_geoms, scope_ids=None, crs=4545, **extra):
    parcels = gpd.GeoDataFrame({"BSM": [f"B{i}" for i in range(len(parcel_geoms))], "DLBM": codes, **extra},
                               geometry=parcel_geoms, crs=crs)
    scope = gpd.GeoDataFrame({"SCOPE_ID": scope_ids or [f"L{i}" for i in range(len(scope_geoms))]},
                             geometry=scope_geoms, crs=crs)
    return scope, parcels


def test_two_parcels_half_covered_areas_match_geod():
    # Parcels: 100 m × 100 m squares side by side; the lot covers x ∈ [50, 150] → half of each.
    scope, parcels = layers([sq(0, 0, 100, 100), sq(100, 0, 200, 100)], ["0301", "0103"], [sq(50, 0, 150, 100)])
    res = split_parcels(scope, parcels, scope_id_field="SCOPE_ID", min_area=0)
    out = res.parcels.sort_values("PARCEL_ID")
    assert list(out["PARCEL_ID"]) == ["L0-B0", "L0-B1"]
    assert list(out["ECO_TYPE"]) == ["forest", "cropland"]
    expected = [geod_area(sq(50, 0, 100, 100)), geod_area(sq(100, 0, 150, 100))]
    np.testing.assert_allclose(out["AREA_M2"], expected, rtol=1e-9)
    # Near the central meridian's west the GK scale factor is ~1.0001: 5,000 m² planar ≈ 4,999 m² on the ellipsoid.
    assert abs(out["AREA_M2"].iloc[0] - 5000) < 5
    np.testing.assert_allclose(out["AREA_MU"], out["AREA_M2"] * 15 / 10000, rtol=0, atol=0)
    np.testing.assert_allclose(out["AREA_HA"], out["AREA_M2"] / 10000)
    np.testing.assert_allclose(out["SHARE"], 0.5, rtol=1e-6)
    assert (out.crs.to_epsg()) == 4545


def test_area_conservation_random_parcels():
    # Voronoi parcels over a 1 km square; an irregular lot; MIN_AREA = 0 keeps everything.
    rng = np.random.default_rng(7)
    pts = shapely.multipoints(rng.uniform([E0, N0], [E0 + 1000, N0 + 1000], size=(300, 2)))
    cells = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=sq(-100, -100, 1100, 1100)))
    cells = shapely.intersection(cells, sq(0, 0, 1000, 1000))
    lot = Polygon([(E0 + 120, N0 + 80), (E0 + 870, N0 + 210), (E0 + 930, N0 + 760), (E0 + 400, N0 + 980),
                   (E0 + 60, N0 + 600)])
    scope, parcels = layers(list(cells), ["0301"] * len(cells), [lot])
    res = split_parcels(scope, parcels, min_area=0)
    expected = geod_area(shapely.intersection(lot, shapely.union_all(cells)))
    assert res.parcels["AREA_M2"].sum() == pytest.approx(expected, rel=1e-6)
    assert res.stats["uncovered_m2"] == pytest.approx(0, abs=0.01)
    assert res.parcels["PARCEL_ID"].is_unique


def test_tbdlmj_kcmj_prorated():
    # One parcel wholly inside (values unchanged), one cut in half (values halved).
    g = [sq(0, 0, 100, 100), sq(100, 0, 200, 100)]
    tbmj = [geod_area(x) for x in g]
    kcmj = [round(t * 0.1, 2) for t in tbmj]
    tbdlmj = [t - k for t, k in zip(tbmj, kcmj)]
    scope, parcels = layers(g, ["0103", "0103"], [sq(-10, -10, 150, 110)], TBMJ=tbmj, KCXS=[0.1, 0.1],
                            KCMJ=kcmj, TBDLMJ=tbdlmj)
    out = split_parcels(scope, parcels, min_area=0).parcels.set_index("PARCEL_ID")
    assert out.loc["L0-B0", "TBDLMJ"] == pytest.approx(tbdlmj[0], rel=1e-9)
    assert out.loc["L0-B0", "KCMJ"] == pytest.approx(kcmj[0], rel=1e-9)
    assert out.loc["L0-B1", "TBDLMJ"] == pytest.approx(tbdlmj[1] / 2, rel=1e-6)
    assert out.loc["L0-B1", "KCMJ"] == pytest.approx(kcmj[1] / 2, rel=1e-6)
    assert out.loc["L0-B1", "TBMJ"] == tbmj[1]  # the source parcel's own area is carried unchanged


def test_disjoint_piece_is_one_multipart_feature():
    # A U-shaped parcel cut by a lot across both arms → one MultiPolygon feature.
    u = sq(0, 0, 300, 100).difference(sq(100, 30, 200, 100))
    scope, parcels = layers([u], ["0301"], [sq(-10, 50, 310, 90)])
    out = split_parcels(scope, parcels, min_area=0).parcels
    assert len(out) == 1
    assert out.geometry.iloc[0].geom_type == "MultiPolygon"
    assert len(out.geometry.iloc[0].geoms) == 2


def test_ids_default_and_stable():
    scope, parcels = layers([sq(0, 0, 100, 100)], ["0301"], [sq(0, 0, 50, 50)])
    scope.index = [7]
    a = split_parcels(scope, parcels, scope_id_field=None).parcels
    b = split_parcels(scope, parcels, scope_id_field=None).parcels
    assert list(a["PARCEL_ID"]) == ["S7-B0"] == list(b["PARCEL_ID"])
    # Without BSM the source feature id is used.
    parcels2 = parcels.drop(columns="BSM")
    parcels2.index = [42]
    assert list(split_parcels(scope, parcels2, scope_id_field=None).parcels["PARCEL_ID"]) == ["S7-42"]


def test_landuse_field_case_insensitive_and_missing():
    scope, parcels = layers([sq(0, 0, 100, 100)], ["0301"], [sq(0, 0, 50, 50)])
    parcels = parcels.rename(columns={"DLBM": "dlbm"})
    assert len(split_parcels(scope, parcels, landuse_field="DLBM").parcels) == 1
    with pytest.raises(ValuationError) as e:
        split_parcels(scope, parcels, landuse_field="LANDUSE", parcels_layer="DLTB")
    assert e.value.code == "missing_field" and "DLTB" in str(e.value) and "LANDUSE" in str(e.value)


def test_invalid_geometry_repaired_and_counted():
    bowtie = Polygon([(E0, N0), (E0 + 100, N0 + 100), (E0 + 100, N0), (E0, N0 + 100)])
    scope, parcels = layers([bowtie], ["0301"], [sq(0, 0, 100, 100)])
    res = split_parcels(scope, parcels, min_area=0)
    assert res.stats["repaired_parcels"] == 1
    assert any(n.code == "repaired" for n in res.notices)
    # The bow-tie's valid form is two triangles of 2,500 m² (planar) each.
    assert res.parcels["AREA_M2"].sum() == pytest.approx(geod_area(sq(0, 0, 100, 100)) / 2, rel=1e-6)


def test_geographic_crs_gives_the_same_ellipsoidal_areas():
    g = [sq(0, 0, 100, 100), sq(100, 0, 200, 100)]
    scope, parcels = layers(g, ["0301", "0301"], [sq(50, 0, 150, 100)])
    proj = split_parcels(scope, parcels, min_area=0)
    geo = split_parcels(scope.to_crs(4490), parcels.to_crs(4490), min_area=0)
    assert any(n.code == "geographic_crs" for n in geo.notices)
    np.testing.assert_allclose(sorted(geo.parcels["AREA_M2"]), sorted(proj.parcels["AREA_M2"]), rtol=1e-6)


def test_scope_in_other_crs_is_reprojected_and_reported():
    scope, parcels = layers([sq(0, 0, 100, 100)], ["0301"], [sq(0, 0, 50, 100)])
    res = split_parcels(scope.to_crs(4490), parcels, min_area=0)
    assert any(n.code == "reprojected" for n in res.notices)
    assert res.parcels.crs.to_epsg() == 4545
    assert res.parcels["AREA_M2"].sum() == pytest.approx(geod_area(sq(0, 0, 50, 100)), rel=1e-6)


@pytest.mark.parametrize("x,y,hint", [
    (E0, N0, "EPSG:4544 / EPSG:4545 / EPSG:4546"),
    (36_400_000.0, N0, "EPSG:4524"),
    (107.0, 29.8, "EPSG:4490"),
])
def test_missing_crs_suggests_zone(x, y, hint):
    poly = box(x, y, x + (0.001 if x < 1000 else 100), y + (0.001 if x < 1000 else 100))
    parcels = gpd.GeoDataFrame({"DLBM": ["0301"]}, geometry=[poly], crs=None)
    scope = gpd.GeoDataFrame({"SCOPE_ID": ["L"]}, geometry=[poly], crs=None)
    with pytest.raises(ValuationError) as e:
        split_parcels(scope, parcels, parcels_layer="DLTB")
    assert e.value.code == "no_crs_hint"
    assert hint in str(e.value) and "DLTB" in str(e.value)


def test_unknown_codes_error_lists_codes_and_parcels_or_kept():
    scope, parcels = layers([sq(0, 0, 100, 100), sq(100, 0, 200, 100), sq(500, 0, 600, 100)],
                            ["9999", "0301", "8888"], [sq(0, 0, 200, 100)])
    with pytest.raises(ValuationError) as e:
        split_parcels(scope, parcels)
    assert e.value.code == "unknown_landuse"
    assert "9999" in str(e.value) and "B0" in str(e.value)
    assert "8888" not in str(e.value)  # outside the scope: irrelevant
    out = split_parcels(scope, parcels, keep_unknown=True).parcels.set_index("PARCEL_ID")
    assert out.loc["L0-B0", "ECO_TYPE"] == "unknown"


def test_overlapping_lots_error_names_them():
    scope, parcels = layers([sq(0, 0, 200, 100)], ["0301"], [sq(0, 0, 100, 100), sq(90, 0, 200, 100)],
                            scope_ids=["JY01", "JY02"])
    with pytest.raises(ValuationError) as e:
        split_parcels(scope, parcels, scope_id_field="SCOPE_ID")
    assert e.value.code == "overlapping_lots"
    assert "JY01/JY02" in str(e.value)
    # Lots that only touch along an edge are fine.
    scope2, _ = layers([sq(0, 0, 200, 100)], ["0301"], [sq(0, 0, 100, 100), sq(100, 0, 200, 100)])
    assert len(split_parcels(scope2, parcels).parcels) == 2


def test_uncovered_scope_area_reported():
    # The lot sticks out 20 m beyond the parcel layer: 20 × 100 of 120 × 100 m² ≈ 16.67 % uncovered.
    scope, parcels = layers([sq(0, 0, 100, 100)], ["0301"], [sq(0, 0, 120, 100)])
    res = split_parcels(scope, parcels, min_area=0)
    assert res.stats["uncovered_pct"] == pytest.approx(100 * 20 / 120, rel=1e-3)
    assert res.stats["uncovered_m2"] == pytest.approx(geod_area(sq(100, 0, 120, 100)), rel=1e-6)
    assert any(n.code == "uncovered_large" and "offset" in n.text() for n in res.notices)


def test_empty_intersection_errors():
    scope, parcels = layers([sq(0, 0, 100, 100)], ["0301"], [sq(500, 500, 600, 600)])
    with pytest.raises(ValuationError) as e:
        split_parcels(scope, parcels)
    assert e.value.code == "empty_intersection"


def test_empty_layer_errors():
    scope, parcels = layers([sq(0, 0, 100, 100)], ["0301"], [sq(0, 0, 50, 50)])
    with pytest.raises(ValuationError) as e:
        split_parcels(scope.iloc[0:0], parcels, scope_layer="JYFW")
    assert e.value.code == "empty_layer" and "JYFW" in str(e.value)


def test_slivers_dropped_and_counted():
    # The lot catches 0.5 m × 100 m (≈50 m²) of parcel B1 and 0.005 m × 100 m (0.5 m²) of B2.
    g = [sq(0, 0, 100, 100), sq(100, 0, 200, 100), sq(-100, 0, 0, 100)]
    scope, parcels = layers(g, ["0301"] * 3, [sq(-0.005, 0, 100.5, 100)])
    res = split_parcels(scope, parcels, min_area=1.0)
    assert res.stats["dropped_slivers"] == 1
    assert res.stats["parcel_count"] + res.stats["dropped_slivers"] == res.stats["total_pieces"] == 3
    assert set(res.parcels["PARCEL_ID"]) == {"L0-B0", "L0-B1"}
    assert res.stats["dropped_area_m2"] == pytest.approx(0.5, rel=1e-3)


def test_non_polygon_bits_dropped():
    # The second parcel only touches the lot along an edge: a line intersection, dropped.
    scope, parcels = layers([sq(0, 0, 100, 100), sq(100, 0, 200, 100)], ["0301", "0301"], [sq(0, 0, 100, 100)])
    res = split_parcels(scope, parcels, min_area=0)
    assert list(res.parcels["PARCEL_ID"]) == ["L0-B0"]
    assert res.stats["non_polygon_parts_dropped"] >= 1
    # A geometry collection parcel keeps its polygon part only.
    gc = shapely.GeometryCollection([sq(0, 0, 50, 50), LineString([(E0, N0), (E0 + 80, N0 + 80)])])
    scope2, parcels2 = layers([gc], ["0301"], [sq(0, 0, 100, 100)])
    out = split_parcels(scope2, parcels2, min_area=0).parcels
    assert out["AREA_M2"].sum() == pytest.approx(geod_area(sq(0, 0, 50, 50)), rel=1e-6)


def test_source_fields_carried_reserved_names_prefixed():
    scope, parcels = layers([sq(0, 0, 100, 100)], ["0301"], [sq(0, 0, 50, 50)], QSDWMC=["石岭村"],
                            AREA_M2=[1.0])
    out = split_parcels(scope, parcels).parcels
    assert out["QSDWMC"].iloc[0] == "石岭村"
    assert out["SRC_AREA_M2"].iloc[0] == 1.0
    assert out["AREA_M2"].iloc[0] > 2000


def test_cancel_stops():
    from valuation.errors import Cancelled
    from valuation.progress import Monitor

    scope, parcels = layers([sq(0, 0, 100, 100)], ["0301"], [sq(0, 0, 50, 50)])
    with pytest.raises(Cancelled):
        split_parcels(scope, parcels, monitor=Monitor(None, lambda: True))
