"""The compiled GeoPackage read (``gpkg_read``) returns exactly what pyogrio's raw reader returns, or leaves the
layer to pyogrio."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pyogrio.raw
import pytest
import shapely
from osgeo import ogr, osr
from swc_ecovalue.processing_provider import gpkg_read, qgis_io
from swc_ecovalue.processing_provider.qgis_io import Cancelled

pytestmark = [pytest.mark.skipif(gpkg_read._kernel() is None, reason="no compiled kernels (C or numba)"),
              pytest.mark.usefixtures("compiled_kernels")]

FIELDS = {"PARCEL_ID": ogr.OFTString, "DLMC": ogr.OFTString, "AREA": ogr.OFTReal, "N64": ogr.OFTInteger64,
          "N": ogr.OFTInteger, "FULL": ogr.OFTInteger}
NAMES = list(FIELDS)


def layer(path: Path, n: int, extra: dict[str, int] | None = None) -> str:
    """A GeoPackage layer ``t`` of ``n`` features made by GDAL, every 7th deleted (fids with gaps): text with
    Chinese, "" and NULL, reals with NULL, integers with NULLs (come back as float) and without; Polygons,
    MultiPolygons with holes, 3-D polygons, empty and NULL geometries."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4545)
    lyr = ds.CreateLayer("t", srs, ogr.wkbUnknown)
    for name, kind in {**FIELDS, **(extra or {})}.items():
        lyr.CreateField(ogr.FieldDefn(name, kind))
    shapes = ["POLYGON ((0 0, 4 0, 4 6.25, 0 0))", "MULTIPOLYGON (((10 0, 15 0, 15 5, 10 5, 10 0), "
              "(12 2, 13 2, 13 3, 12 2)), ((20 0, 21 0, 21 1, 20 0)))", "POLYGON Z ((0 0 1, 1 0 2, 1 1 3, 0 0 1))",
              "POLYGON EMPTY", None]
    lyr.StartTransaction()
    for k in range(n):
        f = ogr.Feature(lyr.GetLayerDefn())
        if k % 13 != 3:
            f.SetField("PARCEL_ID", f"S1-{k:06d}")
        f.SetField("DLMC", ["水田", "乔木林地", "", "x"][k % 4])
        if k % 4 == 3:
            f.SetFieldNull("DLMC")
        if k % 5:
            f.SetField("AREA", k * 1.25 + 1e-9)
        f.SetField("N64", 2 ** 40 + k)
        if k % 9 == 0:
            f.SetFieldNull("N")
        else:
            f.SetField("N", k)
        f.SetField("FULL", k)
        wkt = shapes[k % 5]
        if wkt is not None:
            g = ogr.CreateGeometryFromWkt(wkt)
            f.SetGeometry(g)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    for fid in range(1, n + 1, 7):
        lyr.DeleteFeature(fid)
    ds = None
    return str(path)


def pyogrio_read(path: str, names: list[str]) -> gpkg_read.Read:
    meta, fids, wkb, values = pyogrio.raw.read(path, layer="t", columns=names, return_fids=True)[:4]
    return np.asarray(fids, dtype=np.int64), np.asarray(wkb, dtype=object), dict(zip(meta["fields"], values)), None


def assert_same(a: gpkg_read.Read, b: gpkg_read.Read) -> None:
    assert a[0].dtype == np.int64 and np.array_equal(a[0], b[0])
    missing = [w is None for w in b[1]]
    assert [w is None for w in a[1]] == missing
    # the same geometries (the stored WKB, or OGR's writing of it): compared as shapely writes them back
    ga, gb = shapely.from_wkb(a[1]), shapely.from_wkb(b[1])
    assert shapely.to_wkb(ga, output_dimension=3).tolist() == shapely.to_wkb(gb, output_dimension=3).tolist()
    assert sorted(a[2]) == sorted(b[2])
    for name, values in b[2].items():
        got = a[2][name]
        assert got.dtype == values.dtype, name
        if values.dtype == object:
            assert got.tolist() == values.tolist(), name
        else:
            assert np.array_equal(got, values, equal_nan=True), name


def test_compiled_read_returns_what_pyogrio_returns(plugin, tmp_path, monkeypatch):
    """3,000 features (2,571 left) read in two halves by two threads, in batches of 400, from a row-count hint of
    10 and small buffers (so every buffer grows): the same fids, geometries, field types and values as
    pyogrio; hand-checked cells: the first fid is 2 (1 was deleted), text NULL is None, an integer field with
    NULLs comes as float with NaN."""
    monkeypatch.setattr(gpkg_read, "BATCH", 400)
    path = layer(tmp_path / "t.gpkg", 3000)
    got = gpkg_read.read(path, "t", "fid", "geom", NAMES, 10)
    assert got is not None
    expected = pyogrio_read(path, NAMES)
    assert_same(got, expected)
    fids, wkb, data, plain = got
    assert plain is None  # not asked for
    assert len(fids) == 3000 - len(range(1, 3001, 7)) == 2571
    assert fids[0] == 2 and data["PARCEL_ID"][0] == "S1-000001"
    # fid k + 1 holds feature k: fids 2, 3, 4 are DLMC[1 % 4], DLMC[2 % 4] and the NULL of k % 4 == 3
    assert data["DLMC"][:3].tolist() == ["乔木林地", "", None]
    # N is NULL for k % 9 == 0: fid 10 (index 7, after fids 2–7 and 9); FULL (MEDIUMINT) is int32 as in OGR
    assert data["N"].dtype == np.float64 and np.isnan(data["N"][7]) and data["N"][6] == 8
    assert data["FULL"].dtype == np.int32 and data["FULL"][7] == 9
    assert wkb[3] is None  # fid 5: the fifth shape, no geometry
    # one thread, no halves: the same again
    assert_same(gpkg_read.read(path, "t", "fid", "geom", NAMES, 100), expected)
    # the mask of plain polygonal WKB (both halves) against shapely: 2-D Polygons and MultiPolygons that it
    # writes back byte for byte (here not the 3-D polygons, nor NULL)
    plain = gpkg_read.read(path, "t", "fid", "geom", NAMES, 10, polygonal=True)[3]
    geoms = shapely.from_wkb(wkb)
    independent = [w is not None and shapely.get_type_id(g) in (3, 6) and not shapely.has_z(g)
                   and shapely.to_wkb(g, byte_order=1) == w for w, g in zip(wkb, geoms)]
    assert plain.tolist() == independent and 0 < sum(independent) < len(wkb)


def test_compiled_read_leaves_other_layers_to_pyogrio(plugin, tmp_path):
    """A date field, a value of another type than its field, a NUL character in text or a blob that is not a
    GeoPackage geometry: None (pyogrio reads the layer)."""
    path = layer(tmp_path / "t.gpkg", 50, {"WHEN": ogr.OFTDate})
    assert gpkg_read.read(path, "t", "fid", "geom", NAMES, 50) is not None
    assert gpkg_read.read(path, "t", "fid", "geom", [*NAMES, "WHEN"], 50) is None
    for sql in ("UPDATE t SET AREA = 'many' WHERE fid = 9", "UPDATE t SET N64 = 1.5 WHERE fid = 9",
                "UPDATE t SET DLMC = 'a' || char(0) || 'b' WHERE fid = 9",
                "UPDATE t SET geom = x'0102' WHERE fid = 9"):
        copy = tmp_path / "c.gpkg"
        copy.write_bytes(Path(path).read_bytes())
        with sqlite3.connect(copy) as con:
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                con.execute(f'DROP TRIGGER "{name}"')
            con.execute(sql)
        assert gpkg_read.read(str(copy), "t", "fid", "geom", NAMES, 50) is None, sql


def test_cancelling_a_compiled_read_stops_both_halves(plugin, tmp_path, monkeypatch):
    """Cancelled at the first batch: the read stops (Cancelled from the caller's check, as ``_read_raw`` raises
    it) and the second half's thread is stopped too (the call returns)."""
    monkeypatch.setattr(gpkg_read, "BATCH", 100)
    path = layer(tmp_path / "t.gpkg", 2000)
    asked = []

    def cancelled(done: float) -> bool:
        asked.append(done)
        raise Cancelled()

    with pytest.raises(Cancelled):
        gpkg_read.read(path, "t", "fid", "geom", NAMES, 2000, cancelled)
    assert len(asked) == 1 and 0 < asked[0] <= 0.5
    assert gpkg_read.read(path, "t", "fid", "geom", NAMES, 2000, lambda done: True) is None


def test_direct_read_is_the_same_either_way(plugin, tmp_path, monkeypatch):
    """``qgis_io._read_raw`` (the direct read of whole GeoPackage layers) gives the same with the compiled read
    as with pyogrio."""
    path = layer(tmp_path / "t.gpkg", 1000)
    monkeypatch.setattr(gpkg_read, "BATCH", 200)
    used = []
    real_read = gpkg_read.read
    monkeypatch.setattr(gpkg_read, "read", lambda *a, **k: used.append(real_read(*a, **k)) or used[-1])
    compiled = qgis_io._read_raw(path, "t", NAMES)
    assert used and used[0] is not None  # the compiled read did read it
    monkeypatch.setattr(qgis_io, "gpkg_read_enabled", False)
    assert_same(compiled, qgis_io._read_raw(path, "t", NAMES))
