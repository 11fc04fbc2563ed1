"""Feature sources ↔ GeoDataFrames, GeoDataFrames → feature sinks.

Reading through ``QgsFeatureSource`` keeps "selected features only", filters and every
provider working; writing through ``QgsFeatureSink`` keeps every destination QGIS offers.
"""

from __future__ import annotations

from typing import Any, Optional

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingFeedback,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from ..valuation.errors import Cancelled
from ..valuation.fields import catalogue


def to_pyproj(crs: QgsCoordinateReferenceSystem) -> Optional[CRS]:
    """pyproj CRS for a QGIS CRS, None when the layer has none."""
    if crs is None or not crs.isValid():
        return None
    authid = crs.authid()
    if authid and authid.upper().startswith("EPSG:"):
        return CRS.from_user_input(authid)
    return CRS.from_wkt(crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED))


def to_qgis_crs(crs: Optional[CRS]) -> QgsCoordinateReferenceSystem:
    if crs is None:
        return QgsCoordinateReferenceSystem()
    epsg = crs.to_epsg()
    if epsg:
        return QgsCoordinateReferenceSystem(f"EPSG:{epsg}")
    return QgsCoordinateReferenceSystem.fromWkt(crs.to_wkt())


def _plain(value: Any) -> Any:
    """QVariant-ish attribute values to plain Python."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if isinstance(value, (QDate, QDateTime, QTime)):
        return value.toString("yyyy-MM-dd") if value.isValid() else None
    return value


def source_to_gdf(source: QgsFeatureSource, feedback: Optional[QgsProcessingFeedback] = None,
                  progress_span: tuple[float, float] = (0.0, 5.0)) -> gpd.GeoDataFrame:
    """Read every feature of ``source`` (index = feature id)."""
    # A GeoPackage's "fid" column is the feature id (kept as the index), never an attribute to copy.
    keep = [i for i, f in enumerate(source.fields()) if f.name().lower() != "fid"]
    names = [source.fields().at(i).name() for i in keep]
    fids: list[int] = []
    wkbs: list[Optional[bytes]] = []
    rows: list[list[Any]] = []
    total = max(source.featureCount(), 1)
    for i, feat in enumerate(source.getFeatures(QgsFeatureRequest())):
        if feedback is not None and i % 2000 == 0:
            if feedback.isCanceled():
                raise Cancelled()
            feedback.setProgress(progress_span[0] + (progress_span[1] - progress_span[0]) * i / total)
        fids.append(feat.id())
        geom = feat.geometry()
        wkbs.append(bytes(geom.asWkb()) if geom is not None and not geom.isNull() else None)
        attrs = feat.attributes()
        rows.append([_plain(attrs[i]) for i in keep])
    geoms = shapely.from_wkb(np.array(wkbs, dtype=object)) if wkbs else np.array([], dtype=object)
    df = pd.DataFrame(rows, columns=names, index=pd.Index(fids, name="fid"))
    # Drop Z/M: the engine works in 2D.
    if len(geoms):
        geoms = shapely.force_2d(geoms)
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, index=df.index), crs=to_pyproj(source.sourceCrs()))


def qgs_fields_for(gdf: pd.DataFrame, source_fields: Optional[QgsFields] = None) -> QgsFields:
    """Output fields: catalogue types for known names, the source's definition for carried
    fields, else inferred from the column dtype."""
    cat = catalogue()
    by_name = {f.name(): f for f in source_fields} if source_fields is not None else {}
    fields = QgsFields()
    for col in gdf.columns:
        if col == getattr(gdf, "_geometry_column_name", None) or col == "geometry":
            continue
        if col in cat:
            d = cat[col]
            vtype = {"str": QVariant.String, "int": QVariant.LongLong, "float": QVariant.Double}[d.kind]
            # Doubles keep full precision (a width/precision would round them in some formats).
            fields.append(QgsField(col, vtype, len=d.length if d.kind == "str" else 0))
        elif col in by_name:
            fields.append(QgsField(by_name[col]))
        else:
            kind = gdf[col].dtype.kind
            vtype = QVariant.Double if kind == "f" else QVariant.LongLong if kind in "iu" else \
                QVariant.Bool if kind == "b" else QVariant.String
            fields.append(QgsField(str(col), vtype))
    return fields


def _py(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, (np.floating, float)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.bool_):
        return bool(v)
    if v is pd.NA or v is pd.NaT:
        return None
    return v


def write_gdf(gdf: gpd.GeoDataFrame, sink: QgsFeatureSink, fields: QgsFields,
              feedback: Optional[QgsProcessingFeedback] = None,
              progress_span: tuple[float, float] = (90.0, 100.0)) -> int:
    """Add every row of ``gdf`` to ``sink``; returns the count written."""
    names = [f.name() for f in fields]
    wkb = shapely.to_wkb(np.asarray(gdf.geometry.values, dtype=object))
    cols = [gdf[n].to_numpy(dtype=object) for n in names]
    n = len(gdf)
    batch: list[QgsFeature] = []
    for i in range(n):
        feat = QgsFeature(fields)
        g = QgsGeometry()
        if wkb[i] is not None:
            g.fromWkb(wkb[i])
        feat.setGeometry(g)
        feat.setAttributes([_py(c[i]) for c in cols])
        batch.append(feat)
        if len(batch) >= 1000 or i == n - 1:
            if not sink.addFeatures(batch, QgsFeatureSink.FastInsert):
                raise RuntimeError(sink.lastError() if hasattr(sink, "lastError") else "sink error")
            batch = []
            if feedback is not None:
                if feedback.isCanceled():
                    raise Cancelled()
                feedback.setProgress(progress_span[0] + (progress_span[1] - progress_span[0]) * (i + 1) / n)
    return n


def write_table(df: pd.DataFrame, sink: QgsFeatureSink, fields: QgsFields) -> int:
    """Add the rows of a table without geometry to ``sink``."""
    names = [f.name() for f in fields]
    cols = [df[n].to_numpy(dtype=object) for n in names]
    feats = []
    for i in range(len(df)):
        feat = QgsFeature(fields)
        feat.setAttributes([_py(c[i]) for c in cols])
        feats.append(feat)
    if feats and not sink.addFeatures(feats, QgsFeatureSink.FastInsert):
        raise RuntimeError("sink error")
    return len(feats)
