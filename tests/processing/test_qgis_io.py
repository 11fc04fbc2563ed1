"""The GeoPackage shortcuts of ``qgis_io`` give exactly what the feature-by-feature paths give."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import processing
import shapely
from osgeo import ogr, osr
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsVectorLayer,
)
from swc_ecovalue.processing_provider import qgis_io

ROOT = Path(__file__).resolve().parents[2]
GPKG = ROOT / "resources" / "sample" / "sample_watershed.gpkg"


def make_gpkg(path: Path) -> str:
    """A layer with text, integer, 64-bit integer, real, date and datetime fields, NULLs and a fid gap."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4545)
    lyr = ds.CreateLayer("t", srs, ogr.wkbMultiPolygon)
    kinds = [("BSM", ogr.OFTString), ("N", ogr.OFTInteger), ("N64", ogr.OFTInteger64), ("X", ogr.OFTReal),
             ("D", ogr.OFTDate), ("DT", ogr.OFTDateTime), ("名称", ogr.OFTString)]
    for name, kind in kinds:
        lyr.CreateField(ogr.FieldDefn(name, kind))
    for i in range(6):
        f = ogr.Feature(lyr.GetLayerDefn())
        if i != 2:
            f.SetField("BSM", f"B{i}")
            f.SetField("N", i)
            f.SetField("N64", 2 ** 40 + i)
            f.SetField("X", i / 3)
            f.SetField("D", f"2024/0{i + 1}/1{i}")
            f.SetField("DT", f"2024/0{i + 1}/1{i} 12:34:56")
            f.SetField("名称", f"村{i}")
        g = shapely.MultiPolygon([shapely.box(400000 + 10 * i, 3300000, 400005 + 10 * i, 3300007)])
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(g)))
        lyr.CreateFeature(f)
    lyr.DeleteFeature(4)
    ds = None
    return str(path)


def test_direct_read_equals_feature_loop(plugin, tmp_path):
    layer = QgsVectorLayer(f"{make_gpkg(tmp_path / 't.gpkg')}|layername=t", "t", "ogr")
    context = QgsProcessingContext()
    direct = qgis_io.direct_gpkg(layer.source(), layer, context)
    assert direct == (str(tmp_path / "t.gpkg"), "t")
    source = QgsProcessingFeatureSource(layer, context)
    slow = qgis_io.source_to_gdf(source)
    fast = qgis_io.source_to_gdf(source, direct=direct)
    assert list(slow.index) == [1, 2, 3, 5, 6] == list(fast.index)
    pd.testing.assert_frame_equal(pd.DataFrame(slow.drop(columns="geometry")),
                                  pd.DataFrame(fast.drop(columns="geometry")), check_exact=True)
    assert slow.crs == fast.crs
    assert shapely.equals_exact(np.asarray(slow.geometry.values), np.asarray(fast.geometry.values), 0).all()
    assert slow.loc[3, "BSM"] is None or pd.isna(slow.loc[3, "BSM"])
    assert slow.loc[1, "D"] == "2024-01-10" and slow.loc[1, "DT"] == "2024-01-10"


def test_direct_read_in_fid_ranges_equals_one_read(plugin, tmp_path, monkeypatch):
    """Large layers are read in ranges of fids (cancel is checked between them): the same frame as one read."""
    layer = QgsVectorLayer(f"{make_gpkg(tmp_path / 't.gpkg')}|layername=t", "t", "ogr")
    context = QgsProcessingContext()
    direct = qgis_io.direct_gpkg(layer.source(), layer, context)
    source = QgsProcessingFeatureSource(layer, context)
    whole = qgis_io.source_to_gdf(source, direct=direct)
    monkeypatch.setattr(qgis_io, "_READ_CHUNK", 2)  # 5 features, fids 1–6 without 4: [1, 3), [3, 5), [5, 7)
    ranged = qgis_io.source_to_gdf(source, direct=direct)
    assert list(ranged.index) == [1, 2, 3, 5, 6]
    pd.testing.assert_frame_equal(pd.DataFrame(whole.drop(columns="geometry")),
                                  pd.DataFrame(ranged.drop(columns="geometry")), check_exact=True)
    assert shapely.equals_exact(np.asarray(whole.geometry.values), np.asarray(ranged.geometry.values), 0).all()


def test_direct_read_only_when_nothing_filters_the_source(plugin, tmp_path):
    path = make_gpkg(tmp_path / "t.gpkg")
    context = QgsProcessingContext()
    layer = QgsVectorLayer(f"{path}|layername=t", "t", "ogr")
    assert qgis_io.direct_gpkg(path, layer, context) is not None
    assert qgis_io.direct_gpkg(QgsProcessingFeatureSourceDefinition(path, True), layer, context) is None
    assert qgis_io.direct_gpkg(QgsProcessingFeatureSourceDefinition(path, False, 3), layer, context) is None
    checked = QgsProcessingContext()
    checked.setInvalidGeometryCheck(QgsFeatureRequest.GeometrySkipInvalid)
    assert qgis_io.direct_gpkg(path, layer, checked) is None
    subset = QgsVectorLayer(f"{path}|layername=t", "t", "ogr")
    subset.setSubsetString('"N" > 1')
    assert qgis_io.direct_gpkg(path, subset, context) is None
    editing = QgsVectorLayer(f"{path}|layername=t", "t", "ogr")
    editing.startEditing()
    assert qgis_io.direct_gpkg(path, editing, context) is None
    editing.rollBack()


def test_gpkg_output_equals_the_feature_sink_output(plugin, tmp_path):
    """The split written to a GeoPackage (rows appended by pyogrio) equals its memory-layer output (sink)."""
    params = {"SCOPE": f"{GPKG}|layername=JYFW", "PARCELS": f"{GPKG}|layername=DLTB", "SCOPE_ID_FIELD": "SCOPE_ID"}
    out = tmp_path / "parcels.gpkg"
    processing.run("swcvalue:splitparcels", {**params, "OUTPUT": str(out)})
    memory = processing.run("swcvalue:splitparcels", {**params, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    written = QgsVectorLayer(f"{out}|layername=parcels", "p", "ogr")
    assert written.featureCount() == memory.featureCount() > 100
    assert [f.name() for f in written.fields() if f.name() != "fid"] == [f.name() for f in memory.fields()]
    by_id = {f["PARCEL_ID"]: f for f in memory.getFeatures()}
    for f in written.getFeatures():
        m = by_id[f["PARCEL_ID"]]
        for field in memory.fields():
            a, b = f[field.name()], m[field.name()]
            assert a == b or (isinstance(a, float) and abs(a - b) <= 1e-9 * abs(b)), field.name()
        assert f.geometry().equals(m.geometry())


def test_gpkg_output_has_a_working_spatial_index_count_and_extent(plugin, tmp_path):
    import sqlite3

    import pyogrio

    out = tmp_path / "parcels.gpkg"
    processing.run("swcvalue:splitparcels", {"SCOPE": f"{GPKG}|layername=JYFW", "PARCELS": f"{GPKG}|layername=DLTB",
                                             "SCOPE_ID_FIELD": "SCOPE_ID", "OUTPUT": str(out)})
    all_rows = pyogrio.read_dataframe(out, layer="parcels")
    info = pyogrio.read_info(out, layer="parcels", force_feature_count=False, force_total_bounds=False)
    assert info["features"] == len(all_rows)
    np.testing.assert_allclose(info["total_bounds"], all_rows.total_bounds)
    x0, y0, x1, y1 = all_rows.total_bounds
    box = (x0, y0, (x0 + x1) / 2, (y0 + y1) / 2)
    hits = pyogrio.read_dataframe(out, layer="parcels", bbox=box)  # through the R*Tree
    expected = shapely.intersects(np.asarray(all_rows.geometry.values), shapely.box(*box))
    assert 0 < len(hits) and set(hits["PARCEL_ID"]) == set(all_rows.loc[expected, "PARCEL_ID"])
    with sqlite3.connect(out) as con:
        assert con.execute('SELECT count(*) FROM "rtree_parcels_geom"').fetchone()[0] == len(all_rows)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT rtreecheck('rtree_parcels_geom')").fetchone()[0] == "ok"


def test_packed_rtree_answers_like_a_scan(plugin, tmp_path):
    """The R*Tree written by sort-tile-recursive packing passes SQLite's own check and finds every box."""
    import sqlite3

    path = tmp_path / "r.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4545)
    ds.CreateLayer("t", srs, ogr.wkbMultiPolygon)
    ds = None
    rng = np.random.default_rng(4)
    xy = rng.uniform(400000, 420000, (20000, 2))
    boxes = np.column_stack([xy, xy + rng.uniform(0.001, 300, (20000, 2))])
    with sqlite3.connect(path) as con:
        qgis_io._pack_rtree(con, "rtree_t_geom", np.arange(1, 20001), boxes)
        assert con.execute("SELECT rtreecheck('rtree_t_geom')").fetchone()[0] == "ok"
        for qx, qy in rng.uniform(400000, 420000, (20, 2)):
            q = (qx, qx + 500, qy, qy + 700)
            hits = {r[0] for r in con.execute('SELECT id FROM "rtree_t_geom" WHERE maxx >= ? AND minx <= ? '
                                              "AND maxy >= ? AND miny <= ?", q)}
            expected = set((np.flatnonzero((boxes[:, 2] >= q[0]) & (boxes[:, 0] <= q[1]) & (boxes[:, 3] >= q[2])
                                           & (boxes[:, 1] <= q[3])) + 1).tolist())
            assert hits == expected


def test_stage_clock_shares_parallel_time_by_work(plugin, tmp_path, monkeypatch):
    """Coverage and raster work run in parallel threads: the clock books their wall time in proportion."""
    import json

    from swc_ecovalue.valuation.progress import Monitor

    now = [0.0]
    monkeypatch.setattr(qgis_io.time, "perf_counter", lambda: now[0])
    monkeypatch.setenv(qgis_io.StageClock.ENV, str(tmp_path / "times.jsonl"))
    clock = qgis_io.StageClock("accountvalues")
    clock.stage("read")
    now[0] = 2.0
    mon = clock.monitor(Monitor(), {"coverage fractions": "coverage", "pricing": "valuing"}, "raster")
    mon.report(0.3, "coverage fractions")
    now[0] = 12.0  # 10 s of two threads: 6 s of coverage work and 14 s of raster work in all
    mon.timing(10.0, {"coverage": 6.0, "raster": 14.0})
    mon.report(0.9, "pricing")
    now[0] = 13.0
    clock.done()
    rec = json.loads((tmp_path / "times.jsonl").read_text(encoding="utf-8"))
    assert rec["stages"] == {"read": 2.0, "coverage": 3.0, "raster": 7.0, "valuing": 1.0}
    assert rec["total"] == 13.0


def test_kept_frame_text_as_a_read_returns_it(plugin):
    """The hand-off's frame (``_as_read``): text NULLs (None, NaN, pd.NA) become missing, text stays, "" stays "",
    as the read builds them; an object column holding anything else than text (a number) is left to the file
    (None); a Polygon comes back as a MultiPolygon."""
    import geopandas as gpd
    from qgis.PyQt.QtCore import QVariant

    gdf = gpd.GeoDataFrame({"T": np.array([None, np.nan, pd.NA, "水田", ""], dtype=object)},
                           geometry=[shapely.box(0, 0, 1, 1)] * 5, crs="EPSG:4545")
    kept = qgis_io._as_read(gdf, ["T"], [QVariant.String])
    read_like = pd.DataFrame({"T": np.array([None, None, None, "水田", ""], dtype=object)})["T"]
    assert kept["T"].dtype == read_like.dtype and kept["T"].isna().tolist() == [True, True, True, False, False]
    assert kept["T"].tolist()[3:] == ["水田", ""]
    assert kept.index.tolist() == [1, 2, 3, 4, 5]
    assert set(shapely.get_type_id(kept.geometry.values)) == {6}
    other = gdf.assign(T=pd.Series([None, "a", 5, "b", ""], dtype=object))
    assert other["T"].dtype == object and qgis_io._as_read(other, ["T"], [QVariant.String]) is None


def test_a_new_gpkg_output_gets_large_pages_and_an_added_layer_does_not(plugin, tmp_path):
    """A GeoPackage the sink makes for the output alone is given 64 KiB pages before its rows go in (fewer pages
    to allocate and fill: the benchmark's valued pieces are written faster and take 14 % less space); a layer
    added to an existing GeoPackage leaves the file's pages, and its other layers, as they were."""
    import sqlite3

    params = {"SCOPE": f"{GPKG}|layername=JYFW", "PARCELS": f"{GPKG}|layername=DLTB", "SCOPE_ID_FIELD": "SCOPE_ID"}
    new = tmp_path / "parcels.gpkg"
    processing.run("swcvalue:splitparcels", {**params, "OUTPUT": str(new)})
    with sqlite3.connect(new) as con:
        assert con.execute("PRAGMA page_size").fetchone()[0] == qgis_io.GPKG_PAGE_SIZE == 65536
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG", kept by VACUUM
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = con.execute('SELECT count(*) FROM "parcels"').fetchone()[0]
    assert QgsVectorLayer(f"{new}|layername=parcels", "p", "ogr").featureCount() == count > 100
    existing = make_gpkg(tmp_path / "existing.gpkg")  # GDAL's pages
    with sqlite3.connect(existing) as con:
        pages = con.execute("PRAGMA page_size").fetchone()[0]
        rows = con.execute('SELECT * FROM "t"').fetchall()
    assert pages < 65536
    out = f"ogr:dbname='{existing}' table=\"parcels\" (geom)"
    dest = processing.run("swcvalue:splitparcels", {**params, "OUTPUT": out})["OUTPUT"]
    assert str(dest).endswith("|layername=parcels")
    with sqlite3.connect(existing) as con:
        assert con.execute("PRAGMA page_size").fetchone()[0] == pages
        assert con.execute('SELECT * FROM "t"').fetchall() == rows
        assert con.execute('SELECT count(*) FROM "parcels"').fetchone()[0] == count
