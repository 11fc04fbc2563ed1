"""Small builders for processing tests."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

E0, N0 = 400_000.0, 3_300_000.0


def box_wkt(x0: float, y0: float, x1: float, y1: float) -> str:
    x0, x1, y0, y1 = E0 + x0, E0 + x1, N0 + y0, N0 + y1
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def memory_layer(name: str, fields: dict[str, QVariant.Type], rows: list[tuple[str, list]],
                 crs: str = "EPSG:4545") -> QgsVectorLayer:
    """A polygon memory layer from (wkt, attributes) rows."""
    layer = QgsVectorLayer(f"Polygon?crs={crs}", name, "memory")
    pr = layer.dataProvider()
    pr.addAttributes([QgsField(k, v) for k, v in fields.items()])
    layer.updateFields()
    feats = []
    for wkt, attrs in rows:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes(attrs)
        feats.append(f)
    pr.addFeatures(feats)
    layer.updateExtents()
    return layer


def parcels_and_scope() -> tuple[QgsVectorLayer, QgsVectorLayer]:
    """Three 100 m parcels in a row; two lots, JY01 over x ∈ [50, 150] and JY02 over [200, 300]."""
    parcels = memory_layer(
        "DLTB", {"BSM": QVariant.String, "DLBM": QVariant.String, "QSDWMC": QVariant.String},
        [(box_wkt(0, 0, 100, 100), ["B1", "0301", "石岭村股份经济合作联合社"]),
         (box_wkt(100, 0, 200, 100), ["B2", "0103", "石岭村股份经济合作联合社"]),
         (box_wkt(200, 0, 300, 100), ["B3", "1104", "国营林场"])])
    scope = memory_layer(
        "JYFW", {"SCOPE_ID": QVariant.String, "SCOPE_NAME": QVariant.String},
        [(box_wkt(50, 0, 150, 100), ["JY01", "生态旅游经营权"]),
         (box_wkt(200, 0, 300, 100), ["JY02", "林下种植经营权"])])
    return parcels, scope
