"""The compiled GeoPackage row insert (``gpkg_insert``) stores exactly what binding Python values stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from osgeo import ogr, osr
from swc_ecovalue.processing_provider import gpkg_insert, qgis_io

pytestmark = [pytest.mark.skipif(gpkg_insert._kernel() is None, reason="no compiled kernels (C or numba)"),
              pytest.mark.usefixtures("compiled_kernels")]

#: Field name → OGR type of the test layer.
FIELDS = {"PARCEL_ID": ogr.OFTString, "DLMC": ogr.OFTString, "NOTE": ogr.OFTString, "EMPTY": ogr.OFTString,
          "AREA": ogr.OFTReal, "Q": ogr.OFTReal, "N64": ogr.OFTInteger64, "FLAG": ogr.OFTInteger,
          "SMALL": ogr.OFTInteger}


def empty_layer(path: Path) -> str:
    """A new GeoPackage with an empty MultiPolygon layer ``t`` (R*Tree and triggers as GDAL makes them)."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4545)
    lyr = ds.CreateLayer("t", srs, ogr.wkbMultiPolygon)
    for name, kind in FIELDS.items():
        lyr.CreateField(ogr.FieldDefn(name, kind))
    ds = None
    return str(path)


def frame(n: int) -> gpd.GeoDataFrame:
    """Every kind of value the writer meets: text with NULLs, Chinese and "", object text, all-NULL text,
    reals with NaN, ±inf and −0.0, large integers, booleans, small unsigned integers; Polygons, MultiPolygons
    with holes, empty Polygons and MultiPolygons and missing geometries."""
    i = np.arange(n)
    hole = shapely.box(400002, 3300002, 400003, 3300003)
    shapes = [shapely.box(400000, 3300000, 400004.5, 3300006.25),
              shapely.MultiPolygon([shapely.box(400010, 3300000, 400015, 3300005).difference(hole.buffer(0)),
                                    shapely.box(400020, 3300000, 400021, 3300001)]),
              shapely.from_wkt("POLYGON EMPTY"), shapely.from_wkt("MULTIPOLYGON EMPTY"), None,
              shapely.box(400000, 3300000, 400005, 3300005).difference(hole)]
    geoms = np.array([shapely.affinity.translate(shapes[k % 6], 7.0 * k, 0.0) if shapes[k % 6] is not None
                      and not shapes[k % 6].is_empty else shapes[k % 6] for k in i], dtype=object)
    reals = np.array([1.5, np.nan, np.inf, -np.inf, -0.0, 1e-300, 123456.789])
    return gpd.GeoDataFrame({
        "PARCEL_ID": pd.array([None if k % 11 == 3 else f"S1-{k:06d}" for k in i], dtype="str"),
        "DLMC": pd.array([["水田", "乔木林地", "", None][k % 4] for k in i], dtype="str"),
        "NOTE": np.array([None if k % 5 == 0 else np.nan if k % 5 == 1 else f"备注 {k % 7}" for k in i],
                         dtype=object),
        "EMPTY": np.array([None] * n, dtype=object),
        "AREA": reals[i % 7] * (i + 1),
        "Q": np.where(i % 3 == 0, np.nan, i / 7.0),
        "N64": (2 ** 40 + i).astype(np.int64),
        "FLAG": i % 2 == 0,
        "SMALL": (i % 250).astype(np.uint8),
    }, geometry=geoms, crs="EPSG:4545")


def without_triggers(path: str) -> str:
    """Drop the layer's triggers (they call GDAL's SQL functions; the writer sets them aside likewise)."""
    with sqlite3.connect(path) as con:
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            con.execute(f'DROP TRIGGER "{name}"')
    return path


def stored(path: str) -> list[list[tuple[str, object]]]:
    """Every row of every table the write fills: (SQLite type, value) of each column, in key order."""
    with sqlite3.connect(path) as con:
        out = []
        for table in ("t", "rtree_t_geom_node", "rtree_t_geom_rowid", "rtree_t_geom_parent"):
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            typed = ", ".join(f'typeof("{c}"), "{c}"' for c in cols)
            out.extend([list(zip(r[::2], r[1::2])) for r in con.execute(f'SELECT {typed} FROM "{table}" ORDER BY 1')])
        out.append(list(con.execute("SELECT feature_count FROM gpkg_ogr_contents")))
        out.append(list(con.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents")))
    return out


def test_compiled_insert_stores_what_python_binding_stores(plugin, tmp_path, monkeypatch):
    """25,000 rows (two chunks of 20,000) written both ways: every value and its type, the R*Tree tables, the
    feature count and extent are equal, and the compiled path did write the rows."""
    monkeypatch.setattr(gpkg_insert, "MIN_VALUES", 0)
    gdf = frame(25_000)
    names = list(FIELDS)
    used = []
    real_insert = gpkg_insert.BulkInsert.insert
    monkeypatch.setattr(gpkg_insert.BulkInsert, "insert", lambda self, chunk: used.append(chunk.n)
                        or real_insert(self, chunk))
    compiled = empty_layer(tmp_path / "compiled.gpkg")
    qgis_io._append_gpkg_rows(compiled, "t", gdf, names)
    assert used == [20_000, 5_000]
    monkeypatch.setattr(qgis_io, "bulk_insert_enabled", False)
    python = empty_layer(tmp_path / "python.gpkg")
    qgis_io._append_gpkg_rows(python, "t", gdf, names)
    assert used == [20_000, 5_000]
    a, b = stored(compiled), stored(python)
    assert len(a) == len(b) and a == b
    # what was stored is what the frame holds (fid k + 1; columns fid, geom, then FIELDS in order): k = 1 has a
    # NaN AREA → NULL, k = 3 a NULL PARCEL_ID and DLMC, k = 4 a missing geometry, FLAG is k even
    rows = {r[0][1]: r for r in a[:25_000]}
    assert rows[2][6] == ("null", None) and rows[1][6] == ("real", 1.5) and rows[3][6] == ("real", np.inf * 3)
    assert rows[4][2] == ("null", None) and rows[1][2] == ("text", "S1-000000")
    assert rows[1][3] == ("text", "水田") and rows[3][3] == ("text", "") and rows[4][3] == ("null", None)
    assert rows[3][4] == ("text", "备注 2") and rows[1][4] == rows[2][4] == ("null", None)
    assert rows[1][9] == ("integer", 1) and rows[2][9] == ("integer", 0) and rows[1][8] == ("integer", 2 ** 40)
    assert rows[5][1] == ("null", None) and rows[3][1][0] == "blob"
    with sqlite3.connect(compiled) as con:
        assert con.execute("SELECT rtreecheck('rtree_t_geom')").fetchone()[0] == "ok"
    back = gpd.read_file(compiled, layer="t")
    assert shapely.equals(back.geometry.values[1], gdf.geometry.values[1])  # a MultiPolygon with a hole


def test_compiled_insert_leaves_to_python_what_it_cannot_bind(plugin, tmp_path, monkeypatch):
    monkeypatch.setattr(gpkg_insert, "MIN_VALUES", 0)
    path = without_triggers(empty_layer(tmp_path / "t.gpkg"))
    gdf = frame(30)
    names = list(FIELDS)
    with sqlite3.connect(path) as con:
        args = (con, path, "t", "fid", "geom")
        ok = gpkg_insert.BulkInsert.prepare(*args, gdf, names, 4545)
        assert ok is not None
        ok.close()
        mixed = gdf.assign(NOTE=np.array([1, "a"] * 15, dtype=object))  # not all text: Python binds it
        assert gpkg_insert.BulkInsert.prepare(*args, mixed, names, 4545) is None
        lines = gdf.set_geometry(shapely.boundary(gdf.geometry.values))  # not polygons
        assert gpkg_insert.BulkInsert.prepare(*args, lines, names, 4545) is None
        raised = gdf.set_geometry(shapely.force_3d(gdf.geometry.values))  # 3-D
        assert gpkg_insert.BulkInsert.prepare(*args, raised, names, 4545) is None
        other = str(tmp_path / "other.gpkg")  # the handle is checked against the file
        assert gpkg_insert.BulkInsert.prepare(con, other, "t", "fid", "geom", gdf, names, 4545) is None
    monkeypatch.setattr(gpkg_insert, "MIN_VALUES", 10 ** 9)
    with sqlite3.connect(path) as con:  # a small table: kernels that cost nothing to load still bind it
        assert gpkg_insert.BulkInsert.prepare(con, path, "t", "fid", "geom", gdf, names, 4545) is not None
    monkeypatch.setattr(gpkg_insert.compiled, "ready", lambda: False)  # numba not loaded yet: Python binds it
    with sqlite3.connect(path) as con:
        assert gpkg_insert.BulkInsert.prepare(con, path, "t", "fid", "geom", gdf, names, 4545) is None


def test_compiled_insert_reports_sqlite_errors(plugin, tmp_path, monkeypatch):
    """A failing row raises SQLite's error with the row number; the caller's transaction is then rolled
    back and the table keeps only what it had."""
    monkeypatch.setattr(gpkg_insert, "MIN_VALUES", 0)
    path = without_triggers(empty_layer(tmp_path / "t.gpkg"))
    gdf = frame(10)
    with sqlite3.connect(path, isolation_level=None) as con:
        con.execute("INSERT INTO t (fid, PARCEL_ID) VALUES (4, 'taken')")
        con.execute("BEGIN")
        bulk = gpkg_insert.BulkInsert.prepare(con, path, "t", "fid", "geom", gdf, list(FIELDS), 4545)
        try:
            with pytest.raises(sqlite3.IntegrityError, match="row 4"):
                bulk.rows(0, 10, shapely.bounds(gdf.geometry.values))
        finally:
            bulk.close()
        con.execute("ROLLBACK")
        assert con.execute("SELECT fid, PARCEL_ID FROM t").fetchall() == [(4, "taken")]


def test_failing_or_cancelled_pipelined_write_leaves_the_table_as_it_was(plugin, tmp_path, monkeypatch):
    """The compiled loop inserts one chunk in a second thread while the next is made: a row failing in the
    first chunk (its fid is taken) raises SQLite's error naming the row, and cancelling after the first chunk
    raises Cancelled; either way the connection is free before the rollback, which leaves the table with
    only what it had and no R*Tree entries."""
    monkeypatch.setattr(gpkg_insert, "MIN_VALUES", 0)
    gdf = frame(45_000)  # three chunks of 20,000
    path = without_triggers(empty_layer(tmp_path / "t.gpkg"))
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO t (fid, PARCEL_ID) VALUES (15000, 'taken')")
    with pytest.raises(sqlite3.IntegrityError, match="row 15000"):
        qgis_io._append_gpkg_rows(path, "t", gdf, list(FIELDS))

    class Feedback:
        calls = 0

        def isCanceled(self) -> bool:  # noqa: N802
            self.calls += 1
            return True

        def setProgress(self, value: float) -> None:  # noqa: N802
            pass

    feedback = Feedback()
    with pytest.raises(qgis_io.Cancelled):
        qgis_io._append_gpkg_rows(path, "t", gdf, list(FIELDS), feedback)
    assert feedback.calls == 1
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT fid, PARCEL_ID FROM t").fetchall() == [(15000, "taken")]
        assert con.execute('SELECT count(*) FROM "rtree_t_geom"').fetchone()[0] == 0
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_text_sqlite_cannot_take_is_reported_by_python_binding(plugin, tmp_path, monkeypatch):
    """A lone surrogate in the second chunk: the compiled loop hands over to Python's binding, which raises
    the encoding error; the transaction is rolled back (the table stays empty) and the statement finalized."""
    monkeypatch.setattr(gpkg_insert, "MIN_VALUES", 0)
    gdf = frame(25_000)
    gdf["DLMC"] = gdf["DLMC"].astype(object)
    gdf.loc[21_000, "DLMC"] = "水\ud800田"
    path = empty_layer(tmp_path / "t.gpkg")
    with pytest.raises(UnicodeEncodeError):
        qgis_io._append_gpkg_rows(path, "t", gdf, list(FIELDS))
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 0
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    import os

    open_files = {os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")}
    assert os.path.realpath(path) not in open_files  # no connection left open on the file
