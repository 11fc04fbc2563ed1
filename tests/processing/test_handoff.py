"""The in-process hand-off of ``qgis_io``: a GeoPackage layer just written by the fast path is read back from memory
exactly as the file would be read, and only while the file is unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import processing
import pytest
import shapely
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsVectorLayer,
)
from swc_ecovalue.processing_provider import qgis_io

ROOT = Path(__file__).resolve().parents[2]
S = ROOT / "resources" / "sample"
GPKG = S / "sample_watershed.gpkg"
SPLIT = {"SCOPE": f"{GPKG}|layername=JYFW", "PARCELS": f"{GPKG}|layername=DLTB", "SCOPE_ID_FIELD": "SCOPE_ID"}
RASTERS = {"R_FACTOR": "r_factor.tif", "K_FACTOR": "k_factor.tif", "DEM": "dem.tif", "VEG_COVER": "veg_cover.tif",
           "NPP": "npp.tif", "PRECIP": "precip.tif", "ET": "et.tif", "STORM_PRECIP": "storm_precip.tif"}


@pytest.fixture
def reads(monkeypatch):
    """Counts of file reads and hand-offs taken by source_to_gdf."""
    count = {"file": 0, "handoff": 0}
    read, take = qgis_io._read_gpkg, qgis_io._handoff_take

    def counted_read(*a, **k):
        count["file"] += 1
        return read(*a, **k)

    def counted_take(*a, **k):
        got = take(*a, **k)
        count["handoff"] += got is not None
        return got

    monkeypatch.setattr(qgis_io, "_read_gpkg", counted_read)
    monkeypatch.setattr(qgis_io, "_handoff_take", counted_take)
    monkeypatch.setattr(qgis_io, "handoff_enabled", True)
    monkeypatch.delenv(qgis_io.HANDOFF_ENV, raising=False)
    return count


def split(out: Path) -> Path:
    processing.run("swcvalue:splitparcels", {**SPLIT, "OUTPUT": str(out)})
    return out


def read(path: Path, subset: str = "") -> gpd.GeoDataFrame:
    layer = QgsVectorLayer(f"{path}|layername={path.stem}", "p", "ogr")
    if subset:
        layer.setSubsetString(subset)
    context = QgsProcessingContext()
    direct = qgis_io.direct_gpkg(layer.source(), layer, context)
    return qgis_io.source_to_gdf(QgsProcessingFeatureSource(layer, context), direct=direct)


def assert_same(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> None:
    pd.testing.assert_frame_equal(pd.DataFrame(a.drop(columns="geometry")), pd.DataFrame(b.drop(columns="geometry")),
                                  check_dtype=True, check_exact=True)
    assert a.crs == b.crs and a.geometry.name == b.geometry.name
    ga, gb = np.asarray(a.geometry.values), np.asarray(b.geometry.values)
    assert (shapely.get_type_id(ga) == 6).all() and (shapely.get_type_id(gb) == 6).all()  # MultiPolygons
    assert shapely.to_wkb(ga).tolist() == shapely.to_wkb(gb).tolist()


def test_split_output_handed_off_equals_the_file_read(plugin, tmp_path, reads, monkeypatch):
    out = split(tmp_path / "parcels.gpkg")
    assert qgis_io._HANDOFF, "the split's output is kept (and still valid after its style was saved)"
    handed = read(out)
    assert reads == {"file": 0, "handoff": 1}
    assert not qgis_io._HANDOFF  # taken: one hand-off per write
    assert len(handed) > 100 and list(handed.index) == list(range(1, len(handed) + 1))
    assert handed["TBDLMJ"].dtype == np.float64 and handed["SRC_FID"].dtype == np.int64
    monkeypatch.setattr(qgis_io, "handoff_enabled", False)
    split(out.with_name("again.gpkg"))
    assert not qgis_io._HANDOFF
    from_file = read(out)
    assert reads == {"file": 1, "handoff": 1}
    assert_same(handed, from_file)


def test_modified_file_is_read_again(plugin, tmp_path, reads):
    out = split(tmp_path / "parcels.gpkg")
    st = os.stat(out)
    os.utime(out, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # touched
    read(out)
    assert reads == {"file": 1, "handoff": 0}

    out = split(tmp_path / "more.gpkg")
    layer = QgsVectorLayer(f"{out}|layername=more", "p", "ogr")
    n = layer.featureCount()
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromWkt("MultiPolygon(((0 0, 1 0, 1 1, 0 0)))"))
    assert layer.dataProvider().addFeatures([f])  # appended
    del layer
    again = read(out)
    assert reads == {"file": 2, "handoff": 0} and len(again) == n + 1


def test_subset_string_is_never_handed_off(plugin, tmp_path, reads):
    out = split(tmp_path / "parcels.gpkg")
    some = read(out, subset='"fid" <= 10')
    assert reads["handoff"] == 0 and len(some) == 10 and list(some.index) == list(range(1, 11))


def test_other_layer_written_drops_the_kept_frame(plugin, tmp_path, reads):
    first = split(tmp_path / "first.gpkg")
    split(tmp_path / "second.gpkg")
    read(first)
    assert reads == {"file": 1, "handoff": 0}


def account(parcels: Path, out: Path) -> dict:
    params = {"PARCELS": str(parcels), **{k: str(S / v) for k, v in RASTERS.items()},
              "VISITORS": str(S / "visitors.csv"), "OUTPUT": str(out / "valued.gpkg"),
              "SUMMARY": str(out / "summary.csv"), "PROVENANCE": str(out / "provenance.csv")}
    context = QgsProcessingContext()  # as qgis_process: no geometry check, so the direct read applies
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    return processing.run("swcvalue:accountvalues", params, context=context)


def test_accountvalues_identical_with_and_without_handoff(plugin, tmp_path, reads, monkeypatch):
    with_dir, without_dir = tmp_path / "with", tmp_path / "without"
    with_dir.mkdir()
    without_dir.mkdir()
    account(split(with_dir / "parcels.gpkg"), with_dir)
    assert reads == {"file": 0, "handoff": 1}
    monkeypatch.setenv(qgis_io.HANDOFF_ENV, "1")
    account(split(without_dir / "parcels.gpkg"), without_dir)
    assert reads == {"file": 1, "handoff": 1}
    a = gpd.read_file(with_dir / "valued.gpkg", layer="valued")
    b = gpd.read_file(without_dir / "valued.gpkg", layer="valued")
    pd.testing.assert_frame_equal(pd.DataFrame(a.drop(columns="geometry")), pd.DataFrame(b.drop(columns="geometry")),
                                  check_dtype=True, check_exact=True)  # to the bit
    assert shapely.to_wkb(np.asarray(a.geometry.values)).tolist() == shapely.to_wkb(
        np.asarray(b.geometry.values)).tolist()
    assert (with_dir / "summary.csv").read_bytes() == (without_dir / "summary.csv").read_bytes()


def test_kept_frame_is_safe_from_later_changes_and_doubt_means_reading(plugin, tmp_path, reads):
    from qgis.core import QgsField, QgsFields
    from qgis.PyQt.QtCore import QVariant

    path = tmp_path / "x.gpkg"
    path.write_bytes(b"\0" * 100)
    gdf = gpd.GeoDataFrame({"N": [1.0, 2.0], "X": [0.5, np.nan], "T": ["a", None]},
                           geometry=[shapely.box(0, 0, 1, 1), shapely.MultiPolygon([shapely.box(2, 2, 3, 3)])],
                           index=[7, 3])
    fields = QgsFields()
    for name, kind in (("N", QVariant.LongLong), ("X", QVariant.Double), ("T", QVariant.String)):
        fields.append(QgsField(name, kind))
    types = [f.type() for f in fields]
    qgis_io._handoff_keep(str(path), "x", gdf, fields)
    gdf.loc[7, "X"] = 9.0  # changed by the caller after writing: the kept frame is not
    got = qgis_io._handoff_take(str(path), "x", ["N", "X", "T"], types, None)
    # integral reals in an integer field without NULLs read as int64; fids 1, 2; the Polygon as a MultiPolygon
    assert got["N"].tolist() == [1, 2] and got["N"].dtype == np.int64 and list(got.index) == [1, 2]
    assert got["X"].iloc[0] == 0.5 and np.isnan(got["X"].iloc[1])
    assert got["T"].iloc[0] == "a" and pd.isna(got["T"].iloc[1])
    assert shapely.get_type_id(np.asarray(got.geometry.values)).tolist() == [6, 6]
    gdf.loc[7, "N"] = 1.5  # 1.5 in an integer field: the file would not give it back as written
    qgis_io._handoff_keep(str(path), "x", gdf, fields)
    assert qgis_io._handoff_take(str(path), "x", ["N", "X", "T"], types, None) is None
