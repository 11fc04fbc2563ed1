"""The accounting writes back the WKB its parcels were read from (``source_wkb``), only where it is what
``shapely.to_wkb(byte_order=1)`` would write: the stored rows are the same as when every WKB is made again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import ogr, osr
from qgis.core import QgsVectorLayer
from swc_ecovalue.processing_provider import gpkg_insert, gpkg_read, qgis_io
from swc_ecovalue.processing_provider.source_wkb import SourceWkb

pytestmark = [pytest.mark.skipif(gpkg_read._kernel() is None, reason="no compiled kernels (C or numba)"),
              pytest.mark.usefixtures("compiled_kernels")]

POLY = shapely.from_wkt("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))")
MULTI = shapely.MultiPolygon([POLY, shapely.box(10, 0, 11, 1)])


def plain(wkbs: list[bytes | None]) -> list[bool]:
    """The kernel's mask for these WKB, laid out in one buffer as the compiled read leaves them."""
    buf = b"".join(w for w in wkbs if w is not None)
    start, end, pos = [], [], 0
    for w in wkbs:
        start.append(-1 if w is None else pos)
        pos += 0 if w is None else len(w)
        end.append(pos)
    out = np.empty(len(wkbs), dtype=bool)
    gpkg_read._kernel().plain_polygonal(np.frombuffer(buf + b"\0", dtype=np.uint8), np.array(start),
                                        np.array(end), out)
    return out.tolist()


def test_plain_polygonal_marks_only_what_shapely_writes_back():
    le_poly, le_multi = shapely.to_wkb(POLY, byte_order=1), shapely.to_wkb(MULTI, byte_order=1)
    be_poly = shapely.to_wkb(POLY, byte_order=0)
    # a little-endian MultiPolygon header (type 6, 2 parts) with one big-endian part
    mixed = b"\x01\x06\x00\x00\x00\x02\x00\x00\x00" + le_poly + be_poly
    polygon_z = shapely.to_wkb(shapely.from_wkt("POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))"), byte_order=1,
                               flavor="iso")  # type 1003
    cases = {"LE Polygon": (le_poly, True), "LE MultiPolygon": (le_multi, True), "BE Polygon": (be_poly, False),
             "mixed parts": (mixed, False), "trailing byte": (le_poly + b"\0", False),
             "truncated": (le_poly[:-8], False), "Polygon Z": (polygon_z, False),
             "Point": (shapely.to_wkb(shapely.Point(1, 2), byte_order=1), False), "NULL": (None, False),
             "empty Polygon": (shapely.to_wkb(shapely.from_wkt("POLYGON EMPTY"), byte_order=1), True)}
    assert dict(zip(cases, plain([w for w, _ in cases.values()]))) == {k: v for k, (_, v) in cases.items()}
    for w, ok in cases.values():  # the claim checked independently: marked WKB is what shapely writes back
        if ok:
            assert shapely.to_wkb(shapely.from_wkb(w), byte_order=1) == w


def test_source_wkb_finds_the_kept_objects_only():
    geoms = np.array([POLY, MULTI, None, shapely.box(5, 5, 6, 6)], dtype=object)
    wkb = np.array([shapely.to_wkb(g, byte_order=1) if g is not None else None for g in geoms], dtype=object)
    kept = SourceWkb()
    assert kept.for_rows(geoms) is None  # nothing kept
    kept.keep(geoms, wkb, np.array([True, True, False, False]))  # the last one's WKB is not plain
    equal_copy = shapely.from_wkb(wkb[0])  # the same shape, another object: not found
    got = kept.for_rows(np.array([MULTI, geoms[3], equal_copy, POLY, None, POLY], dtype=object))
    assert got.tolist() == [wkb[1], None, None, wkb[0], None, wkb[0]]


def gdal_layer(path: Path, n: int) -> str:
    """A GeoPackage layer ``t`` made by GDAL: Polygons, MultiPolygons with holes, empty and NULL geometries, one
    text and one real field."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4545)
    lyr = ds.CreateLayer("t", srs, ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("NAME", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("A", ogr.OFTReal))
    lyr.StartTransaction()
    for k in range(n):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("NAME", f"P{k}")
        f.SetField("A", k / 3)
        shape = [POLY, MULTI, shapely.from_wkt("POLYGON EMPTY"), None][k % 4]
        if shape is not None:
            f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(shapely.affinity.translate(shape, 400000 + k,
                                                                                             3300000))))
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    return str(path)


def geometry_rows(path: str) -> list[tuple[int, bytes]]:
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT rtreecheck('rtree_t_geom')").fetchone()[0] == "ok"
        return con.execute("SELECT fid, geom FROM t ORDER BY fid").fetchall()


def test_written_back_wkb_stores_what_making_it_again_stores(plugin, tmp_path, monkeypatch):
    """3,000 parcels read with their WKB kept and written back: only the geometries that were replaced, are not
    plain or are empty have their WKB made again, and the stored rows equal those of a write that makes every
    WKB again."""
    monkeypatch.setattr(gpkg_insert, "MIN_VALUES", 0)
    monkeypatch.setattr(gpkg_read, "BATCH", 500)
    path = gdal_layer(tmp_path / "in.gpkg", 3000)
    with sqlite3.connect(path) as con:  # fid 2 (a MultiPolygon) stored as big-endian WKB: not written back
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            con.execute(f'DROP TRIGGER "{name}"')  # they call GDAL's SQL functions (the read needs none)
        blob = con.execute("SELECT geom FROM t WHERE fid = 2").fetchone()[0]
        big = shapely.to_wkb(shapely.from_wkb(blob[40:]), byte_order=0)
        con.execute("UPDATE t SET geom = ? WHERE fid = 2", (blob[:40] + big,))
    source = QgsVectorLayer(f"{path}|layername=t", "t", "ogr")
    kept = SourceWkb()
    gdf = qgis_io.source_to_gdf(source, direct=(path, "t"), keep_wkb=kept)
    geoms = gdf.geometry.values.copy()
    geoms[4] = shapely.affinity.translate(geoms[4], 1.0, 0.0)  # fid 5: replaced by a new object
    gdf = gdf.set_geometry(geoms)
    made = []
    real_to_wkb = shapely.to_wkb
    monkeypatch.setattr(gpkg_insert.shapely, "to_wkb", lambda g, *a, **k: made.append(len(g)) or
                        real_to_wkb(g, *a, **k))
    out_reused = str(tmp_path / "reused.gpkg")
    out_made = str(tmp_path / "made.gpkg")
    for out in (out_reused, out_made):
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(out)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(4545)
        lyr = ds.CreateLayer("t", srs, ogr.wkbMultiPolygon)
        lyr.CreateField(ogr.FieldDefn("NAME", ogr.OFTString))
        lyr.CreateField(ogr.FieldDefn("A", ogr.OFTReal))
        ds = None
    qgis_io._append_gpkg_rows(out_reused, "t", gdf, ["NAME", "A"], source_wkb=kept)
    # made again: fid 2 (big-endian), fid 5 (replaced) and the 750 empty Polygons (fids 3, 7, …)
    assert sum(made) == 2 + 750
    made.clear()
    qgis_io._append_gpkg_rows(out_made, "t", gdf, ["NAME", "A"])
    assert sum(made) == 3000 - 750  # every geometry but the NULL ones
    a, b = geometry_rows(out_reused), geometry_rows(out_made)
    assert len(a) == 3000 and a == b
    assert shapely.equals(shapely.from_wkb(a[1][1][40:]), shapely.from_wkb(big))  # fid 2, as little-endian
    assert a[1][1][40] == 1
