"""The direct GeoPackage write has the file's pages written back while it inserts (``writeback``), on a
descriptor of its own that is closed afterwards; without ``os.fdatasync`` (Windows) it writes the same."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from osgeo import ogr, osr
from swc_ecovalue.processing_provider import qgis_io


def new_layer(path: Path) -> str:
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4545)
    lyr = ds.CreateLayer("t", srs, ogr.wkbMultiPolygon)
    lyr.CreateField(ogr.FieldDefn("NAME", ogr.OFTString))
    ds = None
    return str(path)


def boxes(n: int) -> gpd.GeoDataFrame:
    x = 400000.0 + 3 * np.arange(n)
    return gpd.GeoDataFrame({"NAME": [f"P{k}" for k in range(n)]},
                            geometry=shapely.box(x, 3300000.0, x + 2, 3300002.0), crs="EPSG:4545")


def open_descriptors(path: str) -> int:
    target = os.path.realpath(path)
    return sum(os.path.realpath(f"/proc/self/fd/{fd}") == target for fd in os.listdir("/proc/self/fd"))


def test_pages_are_written_back_while_inserting(plugin, tmp_path, monkeypatch):
    """45,000 rows (three chunks of 20,000): after an inserted chunk a write-back of the output file itself is
    asked for, and no descriptor of it is left open."""
    path = new_layer(tmp_path / "out.gpkg")
    synced: list[int] = []
    real = os.fdatasync
    monkeypatch.setattr(os, "fdatasync", lambda fd: synced.append(os.fstat(fd).st_ino) or real(fd))
    qgis_io._append_gpkg_rows(path, "t", boxes(45_000), ["NAME"])
    assert synced and set(synced) == {os.stat(path).st_ino}
    assert open_descriptors(path) == 0
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*), max(NAME) FROM t WHERE fid = 45000").fetchone() == (1, "P44999")


def test_without_fdatasync_the_write_is_the_same(plugin, tmp_path, monkeypatch):
    with_sync = new_layer(tmp_path / "a.gpkg")
    qgis_io._append_gpkg_rows(with_sync, "t", boxes(25_000), ["NAME"])
    monkeypatch.delattr(os, "fdatasync")
    without = new_layer(tmp_path / "b.gpkg")
    qgis_io._append_gpkg_rows(without, "t", boxes(25_000), ["NAME"])
    rows = []
    for path in (with_sync, without):
        with sqlite3.connect(path) as con:
            rows.append(con.execute("SELECT fid, geom, NAME FROM t ORDER BY fid").fetchall())
    assert len(rows[0]) == 25_000 and rows[0] == rows[1]


def test_a_write_of_one_chunk_does_not_wait_for_the_disk(plugin, tmp_path, monkeypatch):
    """Rows bound from Python: a write-back after each chunk but the last, so 5,000 rows (one chunk) ask for
    none and 45,000 rows (three chunks) for two at most."""
    monkeypatch.setattr(qgis_io, "bulk_insert_enabled", False)
    synced: list[int] = []
    real = os.fdatasync
    monkeypatch.setattr(os, "fdatasync", lambda fd: synced.append(fd) or real(fd))
    qgis_io._append_gpkg_rows(new_layer(tmp_path / "small.gpkg"), "t", boxes(5_000), ["NAME"])
    assert synced == []
    qgis_io._append_gpkg_rows(new_layer(tmp_path / "large.gpkg"), "t", boxes(45_000), ["NAME"])
    assert 1 <= len(synced) <= 2
