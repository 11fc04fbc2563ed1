"""``swcvalue:splitparcels`` through processing.run: sources, sinks, selections, help."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import processing
import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis_helpers import parcels_and_scope


def run_split(scope, parcels, output="TEMPORARY_OUTPUT", **extra):
    params = {"SCOPE": scope, "PARCELS": parcels, "SCOPE_ID_FIELD": "SCOPE_ID", "LANDUSE_FIELD": "DLBM",
              "MIN_AREA": 1.0, "OUTPUT": output, **extra}
    return processing.run("swcvalue:splitparcels", params)


def as_layer(out):
    """processing.run gives temporary outputs as layers, file outputs as paths."""
    if isinstance(out, str):
        return QgsProject.instance().mapLayer(out) or QgsVectorLayer(out, "out", "ogr")
    return out


def features(layer):
    return {f["PARCEL_ID"]: f for f in as_layer(layer).getFeatures()}


def test_provider_and_algorithms_registered(plugin):
    reg = QgsApplication.processingRegistry()
    prov = reg.providerById("swcvalue")
    assert prov is not None
    ids = {a.id() for a in prov.algorithms()}
    assert {"swcvalue:splitparcels", "swcvalue:environment"} <= ids


def test_every_parameter_has_help(plugin):
    for alg in QgsApplication.processingRegistry().providerById("swcvalue").algorithms():
        assert alg.shortHelpString().strip(), alg.id()
        for p in alg.parameterDefinitions():
            assert alg.param_help.get(p.name(), "").strip(), f"{alg.id()} {p.name()}"
            assert p.name() in alg.shortHelpString()


def test_memory_layers_to_temporary_output(plugin):
    parcels, scope = parcels_and_scope()
    res = run_split(scope, parcels)
    out = as_layer(res["OUTPUT"])
    feats = features(out)
    # JY01 covers half of B1 and half of B2; JY02 all of B3 → 3 pieces.
    assert set(feats) == {"JY01-B1", "JY01-B2", "JY02-B3"}
    assert res["PARCEL_COUNT"] == 3
    assert feats["JY01-B1"]["ECO_TYPE"] == "forest"
    assert feats["JY02-B3"]["SHARE"] == pytest.approx(1.0, rel=1e-9)
    assert feats["JY01-B1"]["SHARE"] == pytest.approx(0.5, rel=1e-6)
    # 4 × 5,000 m² planar at a GK scale factor ≈ 1.0001 → just under 20,000 m² on the ellipsoid.
    assert res["TOTAL_AREA_M2"] == pytest.approx(20000, rel=5e-4)
    assert sum(f["AREA_M2"] for f in feats.values()) == pytest.approx(res["TOTAL_AREA_M2"], rel=1e-12)
    assert out.fields().field("PARCEL_ID").alias() in ("地块编号", "Parcel id")
    # JY02-B3 is its whole parcel, kept a Polygon by the split: the MultiPolygon layer gets it as one
    assert {QgsWkbTypes.displayString(f.geometry().wkbType()) for f in feats.values()} == {"MultiPolygon"}


def test_selected_features_only(plugin, qgis_new_project):
    parcels, scope = parcels_and_scope()
    QgsProject.instance().addMapLayers([parcels, scope])
    scope.selectByExpression("\"SCOPE_ID\" = 'JY02'")
    src = QgsProcessingFeatureSourceDefinition(scope.id(), selectedFeaturesOnly=True)
    res = run_split(src, parcels.id())
    assert set(features(res["OUTPUT"])) == {"JY02-B3"}
    scope.removeSelection()
    src_empty = QgsProcessingFeatureSourceDefinition(scope.id(), selectedFeaturesOnly=True)
    with pytest.raises(QgsProcessingException, match="JYFW"):
        run_split(src_empty, parcels.id())


def test_geopackage_output_has_styles_and_aliases(plugin, tmp_path):
    parcels, scope = parcels_and_scope()
    path = tmp_path / "parcels.gpkg"
    res = run_split(scope, parcels, str(path))
    assert Path(res["OUTPUT"].split("|")[0]) == path
    with sqlite3.connect(path) as con:
        (n,) = con.execute("select count(*) from layer_styles where useAsDefault = 1").fetchone()
    assert n == 1
    layer = QgsVectorLayer(str(path), "p", "ogr")
    assert layer.featureCount() == 3
    assert layer.fields().field("AREA_MU").alias() in ("面积（亩）", "Area (mu)")


def test_shapefile_round_trip_keeps_chinese_text(plugin, tmp_path):
    parcels, scope = parcels_and_scope()
    path = tmp_path / "parcels.shp"
    run_split(scope, parcels, str(path))
    cpg = path.with_suffix(".cpg")
    assert cpg.exists() and cpg.read_text().strip().upper().replace("-", "") == "UTF8"
    assert path.with_suffix(".qml").exists()
    layer = QgsVectorLayer(str(path), "p", "ogr")
    names = [f.name() for f in layer.fields()]
    assert all(len(n) <= 10 for n in names)
    feats = features(layer)
    assert feats["JY01-B1"]["QSDWMC"] == "石岭村股份经济合作联合社"
    assert feats["JY02-B3"]["SCOPE_NAME"] == "林下种植经营权"
    assert "地块编号" in path.with_suffix(".qml").read_text(encoding="utf-8") or \
        "Parcel id" in path.with_suffix(".qml").read_text(encoding="utf-8")


def test_bad_input_gives_clear_error(plugin):
    parcels, scope = parcels_and_scope()
    with pytest.raises(QgsProcessingException, match="LANDUSE"):
        run_split(scope, parcels, LANDUSE_FIELD="LANDUSE")
