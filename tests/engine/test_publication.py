"""Public lot boundaries (valuation/publication.py): dissolve, generalise, WGS 84 lon/lat, RFC 7946 GeoJSON."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Geod, Transformer
from shapely.geometry import Polygon, box, shape

from valuation.errors import ValuationError
from valuation.publication import (
    boundary_settings,
    dissolve_lots,
    lot_boundaries,
    map_review_note,
    publication_parameters,
    to_geojson,
)

CRS = "EPSG:4545"  # CGCS2000 / 3-degree Gauss-Kruger CM 108E: x = 500000 is the meridian 108°E
X0, Y0 = 500000.0, 3300000.0
NUMBER = re.compile(r"-?\d+(?:\.(\d+))?(?:[eE][-+]?\d+)?")


def jagged_parcels() -> gpd.GeoDataFrame:
    """Lot A: a 1000 m x 600 m block of three parcels whose top edge zigzags (2 m teeth every 10 m); lot B: a
    3 x 3 ring of 100 m squares around a hole (the centre square is not in the lot).

    Lot A's precise area: 1000 x 600 + 100 teeth x (10 m base x 2 m height / 2) = 600,000 + 1,000 = 601,000 m²."""
    top = [(X0 + 1000 - 5 * i, Y0 + 600 + (2 if i % 2 else 0)) for i in range(201)]  # right to left
    a3 = Polygon([(X0, Y0 + 400), (X0 + 1000, Y0 + 400), *top])
    geoms = [box(X0, Y0, X0 + 1000, Y0 + 200), box(X0, Y0 + 200, X0 + 1000, Y0 + 400), a3]
    ids = ["A1", "A2", "A3"]
    bx, by = X0 + 3000, Y0
    for i in range(9):
        ids.append(f"B{i + 1}")
        geoms.append(box(bx + (i % 3) * 100, by + (i // 3) * 100, bx + (i % 3) * 100 + 100, by + (i // 3) * 100 + 100))
    return gpd.GeoDataFrame({"PARCEL_ID": ids}, geometry=geoms, crs=CRS)


LOTS = {"A": ["A1", "A2", "A3"], "B": ["B1", "B2", "B3", "B4", "B6", "B7", "B8", "B9"]}  # B5 is the hole


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace: > 0 for a counter-clockwise ring."""
    xy = np.asarray(ring)
    return 0.5 * float(np.sum(xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1]))


def geodesic_area(geom) -> float:
    return abs(Geod(ellps="WGS84").geometry_area_perimeter(geom)[0])


def decimals_in(text: str) -> list[int]:
    return [len(m.group(1) or "") for m in NUMBER.finditer(text)]


def test_parameter_table_is_versioned_with_the_public_and_precise_figures():
    p = publication_parameters()
    assert (p.id, p.version) == ("publication_v1", "1.0.0")
    assert boundary_settings().__dict__ == {"mode": "public", "generalise_m": 10.0, "decimals": 4,
                                             "table": "publication_v1 1.0.0"}
    precise = boundary_settings(precise=True)
    assert (precise.generalise_m, precise.decimals) == (0.0, 7)
    # 1e-4 degree of latitude is about 11 m (111,320 m per degree)
    assert boundary_settings().precision_m == pytest.approx(11.132)
    assert "审图号" in map_review_note(boundary_settings()) and "10 米" in map_review_note(boundary_settings())
    assert "审图号" in map_review_note(precise, "en") and "PRECISE" in map_review_note(precise, "en")


def test_public_geojson_is_rfc7946_lonlat_with_four_decimals():
    parcels = jagged_parcels()
    out = lot_boundaries(parcels, LOTS, generalise_m=10, decimals=4)
    assert list(out["LOT_ID"]) == ["A", "B"] and out.crs.to_epsg() == 4326
    text = to_geojson(out, 4)
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    assert all("crs" not in f for f in doc["features"])
    assert max(decimals_in(text)) <= 4
    # the lots' own lon/lat bounds, transformed independently from the projected corners (always_xy: lon, lat)
    to_ll = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True)
    for feature, lot in zip(doc["features"], ("A", "B")):
        part = parcels[parcels["PARCEL_ID"].isin(LOTS[lot])]
        x0, y0, x1, y1 = part.total_bounds
        lons, lats = to_ll.transform([x0, x0, x1, x1], [y0, y1, y0, y1])
        coords = np.array([c for ring in feature["geometry"]["coordinates"] for c in ring])
        tol = 0.5e-4 + 1e-9  # rounding to 4 decimals moves a coordinate by at most half a step
        assert coords[:, 0].min() >= min(lons) - tol and coords[:, 0].max() <= max(lons) + tol
        assert coords[:, 1].min() >= min(lats) - tol and coords[:, 1].max() <= max(lats) + tol
        assert 107 < coords[:, 0].min() < 109 and 29 < coords[:, 1].min() < 31  # longitude first
        rings = feature["geometry"]["coordinates"]
        assert signed_area(rings[0]) > 0  # exterior counter-clockwise
        assert all(signed_area(r) < 0 for r in rings[1:])  # holes clockwise
    # lot A starts on the central meridian x = 500000: its western edge is exactly 108°E
    a = np.array(doc["features"][0]["geometry"]["coordinates"][0])
    assert a[:, 0].min() == 108.0
    assert len(doc["features"][1]["geometry"]["coordinates"]) == 2  # lot B keeps its 100 m hole


def test_generalised_area_is_close_to_the_precise_area():
    parcels = jagged_parcels()
    public = lot_boundaries(parcels, LOTS, generalise_m=10, decimals=4)
    precise = lot_boundaries(parcels, LOTS, generalise_m=0, decimals=7)
    a_pub, a_pre = geodesic_area(public.geometry.iloc[0]), geodesic_area(precise.geometry.iloc[0])
    # precise: 601,000 m² planar, reduced by the Gauss-Kruger scale (k ≈ 1 on the central meridian)
    assert a_pre == pytest.approx(601_000, rel=2e-3)
    assert abs(a_pub / a_pre - 1) < 0.03
    # the 2 m teeth are gone: far fewer vertices than the 205 of the precise boundary
    assert len(public.geometry.iloc[0].exterior.coords) < 12 < len(precise.geometry.iloc[0].exterior.coords)
    b_pub, b_pre = geodesic_area(public.geometry.iloc[1]), geodesic_area(precise.geometry.iloc[1])
    assert abs(b_pub / b_pre - 1) < 0.05  # 80,000 m² ring, ±5.5 m rounding on 1,600 m of edges


def test_precise_mode_keeps_seven_decimals():
    out = lot_boundaries(jagged_parcels(), LOTS, generalise_m=0, decimals=7)
    text = to_geojson(out, 7)
    dec = decimals_in(text)
    assert max(dec) == 7
    assert all(s.is_valid for s in out.geometry)
    # unsimplified: the first lot still has every tooth (201 top points + 3 corners + closing point)
    assert len(shape(json.loads(text)["features"][0]["geometry"]).exterior.coords) >= 200


def test_lots_as_a_series_and_dissolve_in_the_parcels_crs():
    parcels = jagged_parcels()
    series = pd.Series({"A1": "A", "A2": "A", "A3": "A", "B1": None})
    out = lot_boundaries(parcels, series, generalise_m=10, decimals=4)
    assert list(out["LOT_ID"]) == ["A"]
    dis = dissolve_lots(parcels, {"A": ["A1", "A2"]})
    assert dis.crs.to_epsg() == 4545 and dis["N_PARCELS"].tolist() == [2]
    assert dis.geometry.iloc[0].area == pytest.approx(1000 * 400)  # two 1000 x 200 m parcels


def test_refusals_name_the_layer():
    parcels = jagged_parcels()
    with pytest.raises(ValuationError) as e:
        lot_boundaries(parcels.set_crs(None, allow_override=True), LOTS, generalise_m=10, decimals=4,
                       layer="DLTB_lots")
    assert e.value.code == "no_crs" and "DLTB_lots" in str(e.value)
    geographic = parcels.to_crs("EPSG:4490")
    with pytest.raises(ValuationError) as e:
        lot_boundaries(geographic, LOTS, generalise_m=10, decimals=4, layer="DLTB_lots")
    assert e.value.code == "publication_geographic_crs" and "DLTB_lots" in str(e.value)
    assert len(lot_boundaries(geographic, LOTS, generalise_m=0, decimals=7)) == 2  # precise needs no metres
    with pytest.raises(ValuationError) as e:
        lot_boundaries(parcels, {"A": ["A1", "A9"]}, generalise_m=10, decimals=4, layer="DLTB_lots")
    assert e.value.code == "publication_missing_parcels" and "A9" in str(e.value) and "DLTB_lots" in str(e.value)
    dup = pd.concat([parcels, parcels.iloc[[0]]])
    with pytest.raises(ValuationError) as e:
        lot_boundaries(dup, LOTS, generalise_m=10, decimals=4)
    assert e.value.code == "duplicate_parcel_id" and "A1" in str(e.value)
    tiny = gpd.GeoDataFrame({"PARCEL_ID": ["T"]}, geometry=[box(X0, Y0, X0 + 3, Y0 + 3)], crs=CRS)
    with pytest.raises(ValuationError) as e:  # 3 m x 3 m is less than one 1e-4 degree cell
        lot_boundaries(tiny, {"T": ["T"]}, generalise_m=0, decimals=4)
    assert e.value.code == "publication_collapsed"


def test_to_geojson_transforms_a_projected_frame():
    gdf = gpd.GeoDataFrame({"LOT_ID": ["A"], "AREA": [np.float64(1.5)]},
                           geometry=[box(X0, Y0, X0 + 100, Y0 + 100).reverse()], crs=CRS)
    doc = json.loads(to_geojson(gdf, 4))
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    assert signed_area(ring) > 0 and min(c[0] for c in ring) == 108.0  # x = 500000 is 108°E
    assert doc["features"][0]["properties"] == {"LOT_ID": "A", "AREA": 1.5}
