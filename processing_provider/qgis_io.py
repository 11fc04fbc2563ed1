"""Feature sources ↔ GeoDataFrames, GeoDataFrames → feature sinks.

Reading through ``QgsFeatureSource`` keeps "selected features only", filters and every
provider working; writing through ``QgsFeatureSink`` keeps every destination QGIS offers.
Two shortcuts give the same result faster for large layers: a whole, unfiltered, unedited GeoPackage
layer is read with pyogrio (:func:`direct_gpkg`), and rows bound for a GeoPackage the sink has just
created are inserted with SQLite (:func:`write_to_sink`). Anything else goes feature by feature.

In-process hand-off: the frame last written to a GeoPackage layer by the fast path is kept (one slot, see
:data:`HANDOFF_ENV`); a direct read of that same layer while the file is unchanged (:func:`_file_key`: real
path, layer, inode, size, times, SQLite change counter, write-ahead log) takes it instead of reading the file —
e.g. ``accountvalues`` after ``splitparcels`` in one model, batch or desktop session.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from typing import Any, Callable, Optional

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
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from ..valuation.errors import Cancelled
from ..valuation.fields import catalogue
from ..valuation.progress import Monitor
from . import gpkg_insert, gpkg_read
from .source_wkb import SourceWkb
from .writeback import Writeback


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


_PLAIN = (str, int, float, bool, type(None))
#: Rows converted to Python values and inserted at once when writing a GeoPackage directly.
_ROW_CHUNK = 20_000
#: Whether the direct GeoPackage write binds rows with the compiled loop of :mod:`gpkg_insert` when it can
#: (tests switch it off to compare; ``SWC_NO_NUMBA=1`` does too).
bulk_insert_enabled = True
#: Whether whole GeoPackage layers are read by the compiled loop of :mod:`gpkg_read` when it can (else pyogrio).
gpkg_read_enabled = True
#: Field types the direct GeoPackage read reproduces exactly (QVariant type ids: Int, LongLong, Double, String,
#: Date, DateTime).
_DIRECT_TYPES = {QVariant.Int, QVariant.LongLong, QVariant.Double, QVariant.String, QVariant.Date,
                 QVariant.DateTime}


def _column(values: list[Any]) -> list[Any]:
    """Attribute values as plain Python (QVariant NULL → None, dates → text), converting only when needed."""
    if all(type(v) in _PLAIN for v in values):
        return values
    return [_plain(v) for v in values]


def source_to_gdf(source: QgsFeatureSource, feedback: Optional[QgsProcessingFeedback] = None,
                  progress_span: tuple[float, float] = (0.0, 5.0),
                  direct: Optional[tuple[str, str]] = None,
                  keep_wkb: Optional[SourceWkb] = None) -> gpd.GeoDataFrame:
    """Read every feature of ``source`` (index = feature id).

    ``direct``: ``(path, layer)`` of a GeoPackage layer that holds exactly what ``source`` gives
    (:func:`direct_gpkg`); it is then read with pyogrio, with the same columns, values and types.
    ``keep_wkb``: filled with the WKB the geometries were read from, when the compiled read gave it.
    """
    # A GeoPackage's "fid" column is the feature id (kept as the index), never an attribute to copy.
    keep = [i for i, f in enumerate(source.fields()) if f.name().lower() != "fid"]
    names = [source.fields().at(i).name() for i in keep]
    crs = to_pyproj(source.sourceCrs())
    if direct is not None:
        if feedback is not None:
            feedback.setProgress(progress_span[0])
        handed = _handoff_take(direct[0], direct[1], names, [source.fields().at(i).type() for i in keep], crs)
        if handed is not None:
            if feedback is not None:
                feedback.setProgress(progress_span[1])
            return handed
        gdf = _read_gpkg(direct[0], direct[1], names, [source.fields().at(i) for i in keep], crs, feedback,
                         progress_span, keep_wkb)
        if feedback is not None:
            if feedback.isCanceled():
                raise Cancelled()
            feedback.setProgress(progress_span[1])
        return gdf
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
        rows.append(feat.attributes())
    geoms = shapely.from_wkb(np.array(wkbs, dtype=object)) if wkbs else np.array([], dtype=object)
    columns = {name: _column([r[i] for r in rows]) for name, i in zip(names, keep)}
    df = pd.DataFrame(columns, columns=names, index=pd.Index(fids, name="fid"))
    # Drop Z/M: the engine works in 2D.
    if len(geoms):
        geoms = shapely.force_2d(geoms)
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, index=df.index), crs=crs)


def direct_gpkg(value: Any, layer: Optional[QgsVectorLayer],
                context: QgsProcessingContext) -> Optional[tuple[str, str]]:
    """``(path, layer name)`` when the feature source of parameter ``value`` is a whole GeoPackage layer that
    pyogrio reads to the same table: OGR provider, no subset filter, no selection, feature limit or
    expression, no unsaved edits, no geometry check, and only text, integer, real and date fields."""
    if layer is None or not layer.isValid() or layer.providerType() != "ogr" or layer.subsetString():
        return None
    if layer.isEditable() or context.invalidGeometryCheck() != QgsFeatureRequest.GeometryNoCheck:
        return None
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit != -1 or getattr(value, "filterExpression", ""):
            return None
        if value.flags & QgsProcessingFeatureSourceDefinition.FlagOverrideDefaultGeometryCheck \
                and value.geometryCheck != QgsFeatureRequest.GeometryNoCheck:
            return None
    if any(f.type() not in _DIRECT_TYPES for f in layer.fields() if f.name().lower() != "fid"):
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = str(parts.get("path") or "")
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path) or parts.get("subset"):
        return None
    name = parts.get("layerName") or ""
    if not name:
        import pyogrio

        names = [str(n) for n in pyogrio.list_layers(path)[:, 0] if str(n) != "layer_styles"]
        if len(names) != 1:
            return None
        name = names[0]
    return path, str(name)


#: Features read at once by the direct GeoPackage read (between reads it checks for cancelling).
_READ_CHUNK = 50_000


def _read_raw(path: str, layer: str, names: list[str], feedback: Optional[QgsProcessingFeedback] = None,
              progress_span: tuple[float, float] = (0.0, 5.0),
              polygonal: bool = False) -> gpkg_read.Read:
    """Fids, WKB and field arrays of a GeoPackage layer (NULL: None in text, NaN in numbers — integer fields
    with NULLs come as float), read in ranges of :data:`_READ_CHUNK` fids for large layers; and when
    ``polygonal`` and the compiled read was used, its mask of plain polygonal WKB (:func:`gpkg_read.read`),
    else None."""
    import pyogrio

    info = pyogrio.read_info(path, layer=layer)
    fid_col = str(info.get("fid_column") or "")
    count = int(info.get("features") or 0)
    geom_col = str(info.get("geometry_name") or "")
    if fid_col and geom_col and gpkg_read_enabled:

        def cancelled(fraction: float) -> bool:
            if feedback is None:
                return False
            if feedback.isCanceled():
                raise Cancelled()
            feedback.setProgress(progress_span[0] + (progress_span[1] - progress_span[0]) * fraction)
            return False

        got = gpkg_read.read(path, layer, fid_col, geom_col, names, count, cancelled, polygonal)
        if got is not None:
            return got
    ranges: list[Optional[tuple[int, int]]] = [None]
    if fid_col and count > 2 * _READ_CHUNK:
        import sqlite3

        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            bounds = gpkg_read.fid_range(con, layer, fid_col)
        if bounds is not None:
            ranges = [(a, a + _READ_CHUNK) for a in range(bounds[0], bounds[1] + 1, _READ_CHUNK)]
    parts = []
    for k, fid_range in enumerate(ranges):
        if feedback is not None:
            if feedback.isCanceled():
                raise Cancelled()
            feedback.setProgress(progress_span[0] + (progress_span[1] - progress_span[0]) * k / len(ranges))
        where = None if fid_range is None else f'"{fid_col}" >= {fid_range[0]} AND "{fid_col}" < {fid_range[1]}'
        parts.append(pyogrio.raw.read(path, layer=layer, columns=names, return_fids=True, where=where))
    meta = parts[0][0]
    fids = np.concatenate([np.asarray(p[1], dtype=np.int64) for p in parts])
    wkb = np.concatenate([np.asarray(p[2], dtype=object) for p in parts])
    fields = [str(n) for n in meta["fields"]]
    data = {name: np.concatenate([np.asarray(p[3][i]) for p in parts]) if len(parts) > 1 else np.asarray(parts[0][3][i])
            for i, name in enumerate(fields)}
    return fids, wkb, data, None


def _read_gpkg(path: str, layer: str, names: list[str], fields: list[QgsField],
               crs: Optional[CRS], feedback: Optional[QgsProcessingFeedback] = None,
               progress_span: tuple[float, float] = (0.0, 5.0),
               keep_wkb: Optional[SourceWkb] = None) -> gpd.GeoDataFrame:
    """The direct read of :func:`direct_gpkg`: the columns and types :func:`source_to_gdf` builds (and the WKB
    in ``keep_wkb``, see there)."""
    from ..valuation.parcels import in_halves

    fids, wkb, by_name, plain = _read_raw(path, layer, names, feedback, progress_span, keep_wkb is not None)
    columns: dict[str, Any] = {}
    for name, f in zip(names, fields):
        arr = np.asarray(by_name[name])
        if f.type() in (QVariant.Date, QVariant.DateTime):  # as QDate/QDateTime.toString("yyyy-MM-dd")
            stamps = pd.to_datetime(pd.Series(arr), errors="coerce")
            columns[name] = [None if pd.isna(t) else t.strftime("%Y-%m-%d") for t in stamps]
        elif f.type() in (QVariant.Int, QVariant.LongLong, QVariant.Double):
            # integers without NULLs are int64 (NULLs make the column float with NaN, as from Python values)
            columns[name] = arr.astype(np.int64) if arr.dtype.kind in "iu" else arr.astype(np.float64)
        else:
            columns[name] = arr.astype(object, copy=False)
    index = pd.Index(np.asarray(fids, dtype=np.int64), name="fid")
    # the arrays are this read's own: not copied, nor merged into one block per type (0.56 s for the 205,546
    # benchmark pieces, and the accounting's write of them was 0.3 s slower)
    df = pd.DataFrame(columns, columns=names, index=index, copy=False)
    geoms = in_halves(shapely.from_wkb, np.asarray(wkb, dtype=object)) if len(wkb) else np.empty(0, dtype=object)
    if len(geoms) and shapely.has_z(geoms).any():
        geoms = shapely.force_2d(geoms)
    elif keep_wkb is not None and plain is not None:
        keep_wkb.keep(geoms, wkb, plain)
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, index=df.index), crs=crs)


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


def _columns_as_python(gdf: pd.DataFrame, names: list[str]) -> list[list[Any]]:
    """Each column as a list of plain Python values (NaN and NA → None), converted column by column."""
    out = []
    for n in names:
        col = gdf[n]
        if pd.api.types.is_string_dtype(col.dtype) and col.dtype != object:  # pandas text: str or missing
            out.append(col.to_numpy(dtype=object, na_value=None).tolist())
            continue
        arr = col.to_numpy()
        if arr.dtype.kind == "f":
            values = arr.tolist()
            for i in np.flatnonzero(np.isnan(arr)):
                values[i] = None
        elif arr.dtype.kind in "iub":
            values = arr.tolist()
        else:
            values = [_py(v) for v in arr.astype(object)]
        out.append(values)
    return out


def write_gdf(gdf: gpd.GeoDataFrame, sink: QgsFeatureSink, fields: QgsFields,
              feedback: Optional[QgsProcessingFeedback] = None,
              progress_span: tuple[float, float] = (90.0, 100.0)) -> int:
    """Add every row of ``gdf`` to ``sink``; returns the count written."""
    names = [f.name() for f in fields]
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    n = len(gdf)
    for lo in range(0, n, 1000):
        hi = min(lo + 1000, n)
        wkb = shapely.to_wkb(geoms[lo:hi])
        rows = list(zip(*_columns_as_python(gdf.iloc[lo:hi], names))) if names else [()] * (hi - lo)
        batch: list[QgsFeature] = []
        for w, row in zip(wkb, rows):
            feat = QgsFeature(fields)
            g = QgsGeometry()
            if w is not None:
                g.fromWkb(w)
            feat.setGeometry(g)
            feat.setAttributes(list(row))
            batch.append(feat)
        if not sink.addFeatures(batch, QgsFeatureSink.FastInsert):
            raise RuntimeError(sink.lastError() if hasattr(sink, "lastError") else "sink error")
        if feedback is not None:
            if feedback.isCanceled():
                raise Cancelled()
            feedback.setProgress(progress_span[0] + (progress_span[1] - progress_span[0]) * hi / n)
    return n


def _multi_of_polygons(geoms: np.ndarray) -> np.ndarray:
    """``geoms`` with each non-empty Polygon as a MultiPolygon of itself (``geoms`` itself when there is none)."""
    single = np.flatnonzero((shapely.get_type_id(geoms) == 3) & ~shapely.is_empty(geoms))
    if not single.size:
        return geoms
    geoms = geoms.copy()
    geoms[single] = shapely.multipolygons(geoms[single], indices=np.arange(single.size))
    return geoms


def _multipolygons(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``gdf`` with each Polygon as a MultiPolygon of itself (for sinks of type MultiPolygon)."""
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    multi = _multi_of_polygons(geoms)
    if multi is geoms:
        return gdf
    return gdf.set_geometry(gpd.GeoSeries(multi, index=gdf.index, crs=gdf.crs))


def write_to_sink(alg: QgsProcessingAlgorithm, parameters: dict[str, Any], name: str,
                  context: QgsProcessingContext, gdf: gpd.GeoDataFrame, fields: QgsFields,
                  feedback: Optional[QgsProcessingFeedback] = None,
                  progress_span: tuple[float, float] = (90.0, 100.0),
                  also: Optional[Callable[[str], None]] = None, source_wkb: Optional[SourceWkb] = None) -> str:
    """Create the feature sink of parameter ``name`` (MultiPolygon, ``gdf``'s CRS) and write ``gdf``; returns
    the destination id. When the sink made a new GeoPackage layer, the rows are inserted into it with SQLite
    after the sink is closed (same fields, types, values and spatial index, a fraction of the time); else they
    go feature by feature. Cancelled while the rows are written, the new file is removed.
    ``also(destination)`` adds to the output (e.g. another table in its GeoPackage): called before the rows
    are inserted into a new GeoPackage (cheaper while it is small), else after they are written.
    ``source_wkb``: the WKB geometries were read from (:func:`source_to_gdf`), written again as it is.
    """
    handoff_clear()  # another layer is written: drop the kept frame
    sink, dest = alg.parameterAsSink(parameters, name, context, fields, QgsWkbTypes.MultiPolygon,
                                     to_qgis_crs(gdf.crs))
    # (a Polygon is written as a MultiPolygon of itself: by the GeoPackage writer, or below for QGIS's sinks)
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, name))
    path, _, option = str(dest).partition("|")
    if not len(gdf) or not path.lower().endswith(".gpkg") or (option and not option.startswith("layername=")):
        write_gdf(_multipolygons(gdf), sink, fields, feedback, progress_span)
        del sink
        if also is not None:
            also(dest)
        return dest
    del sink  # closes the file
    import pyogrio

    names = [f.name() for f in fields]
    layer = _new_gpkg_layer(path, option)
    info = pyogrio.read_info(path, layer=layer) if layer is not None else None
    if info is None or list(info["fields"]) != names or info["features"] != 0:  # unexpected: go through QGIS
        out = QgsVectorLayer(dest, "out", "ogr")
        write_gdf(_multipolygons(gdf), out.dataProvider(), out.fields(), feedback, progress_span)
        del out
        if also is not None:
            also(dest)
        return dest
    try:
        if feedback is not None and feedback.isCanceled():
            raise Cancelled()
        if also is not None:
            also(dest)
        handoff_clear()  # the slot never outlives a write
        _append_gpkg_rows(path, layer, gdf, names, feedback, progress_span, source_wkb, new_file=not option)
        _handoff_keep(path, layer, gdf, fields)
    except Cancelled:
        if not option:  # a file the sink has just made for this layer alone: no partial output
            for suffix in ("", "-wal", "-shm", "-journal"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
        raise
    return dest


# ----- in-process hand-off ---------------------------------------------------------------------------------
#: Environment variable: set to 1 to switch the hand-off off (each read then reads the file).
HANDOFF_ENV = "SWC_NO_HANDOFF"
#: Module switch for the hand-off (tests, debugging); the environment variable also switches it off.
handoff_enabled = True
#: The one kept frame: {"key": file key, "names": [...], "types": [...], "gdf": GeoDataFrame}, or empty.
_HANDOFF: dict[str, Any] = {}


def _handoff_on() -> bool:
    return handoff_enabled and os.environ.get(HANDOFF_ENV, "").strip() in ("", "0")


def handoff_clear() -> None:
    """Forget the kept frame."""
    _HANDOFF.clear()


def _file_key(path: str, layer: str) -> Optional[tuple[Any, ...]]:
    """What identifies the state of GeoPackage ``path``: real path, layer, inode, size, modification and change
    times, SQLite's file change counter (header bytes 24–27) and the write-ahead log's size and times."""
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
        with open(real, "rb") as f:
            header = f.read(100)
        wal = os.stat(real + "-wal") if os.path.exists(real + "-wal") else None
    except OSError:
        return None
    return (real, layer, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, header[24:28],
            None if wal is None else (wal.st_size, wal.st_mtime_ns, wal.st_ctime_ns))


def _as_read(gdf: gpd.GeoDataFrame, names: list[str], types: list[int]) -> Optional[gpd.GeoDataFrame]:
    """``gdf`` as :func:`_read_gpkg` returns it once written by :func:`_append_gpkg_rows` (fids 1…n, integers
    int64 or float64 with NaN when NULLs, reals float64, text str/None, MultiPolygons in 2D), or None when
    in any doubt (dates, booleans, values the file would change)."""
    n = len(gdf)
    columns: dict[str, Any] = {}
    for name, kind in zip(names, types):
        col = gdf[name]
        if kind in (QVariant.Int, QVariant.LongLong):
            arr = col.to_numpy()
            if arr.dtype.kind in "iu":
                if arr.dtype.kind == "u" and len(arr) and arr.max() > np.iinfo(np.int64).max:
                    return None
                arr = arr.astype(np.int64)
            elif arr.dtype.kind == "f":
                ok = ~np.isnan(arr)
                if not np.array_equal(arr[ok], np.trunc(arr[ok])) or (np.abs(arr[ok]) >= 2.0 ** 53).any():
                    return None
                arr = arr.astype(np.float64) if not ok.all() else arr.astype(np.int64)
            else:
                return None
            if kind == QVariant.Int and len(arr) and arr.dtype.kind == "i" and (
                    arr.min() < -2 ** 31 or arr.max() >= 2 ** 31):
                return None
            columns[name] = arr
        elif kind == QVariant.Double:
            arr = col.to_numpy()
            if arr.dtype.kind == "f":
                columns[name] = arr.astype(np.float64, copy=False)
            elif arr.dtype.kind in "iu" and (not len(arr) or np.abs(arr.astype(np.float64)).max() < 2.0 ** 53):
                columns[name] = arr.astype(np.float64)
            else:
                return None
        elif kind == QVariant.String:
            if pd.api.types.is_string_dtype(col.dtype) and col.dtype != object:  # pandas text: str or missing
                columns[name] = col.to_numpy(dtype=object, na_value=None)
                continue
            values = np.asarray(col.to_numpy(), dtype=object)
            missing = pd.isna(values)  # None, NaN and pd.NA: NULL
            if not set(map(type, values[~missing])) <= {str}:
                return None
            out = values.copy()
            out[missing] = None
            columns[name] = out
        else:
            return None
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    if shapely.is_missing(geoms).any() or shapely.is_empty(geoms).any():
        return None
    types = shapely.get_type_id(geoms)
    if not np.isin(types, (3, 6)).all():
        return None
    geoms = geoms.copy()  # the kept frame's array is not shared
    if shapely.has_z(geoms).any():
        geoms = shapely.force_2d(geoms)
    geoms = _multi_of_polygons(geoms)  # none is empty here
    index = pd.Index(np.arange(1, n + 1, dtype=np.int64), name="fid")
    df = pd.DataFrame(columns, columns=names, index=index)
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, index=index), crs=gdf.crs)


def _copy_on_write() -> bool:
    return int(pd.__version__.split(".")[0]) >= 3 or pd.options.mode.copy_on_write is True


def _handoff_keep(path: str, layer: str, gdf: gpd.GeoDataFrame, fields: QgsFields) -> None:
    """Keep ``gdf`` as just written into ``layer`` of ``path`` (when the hand-off is on): a copy of its arrays
    (cheap: text and geometries are immutable objects, shared); it is turned into what a read returns only
    when taken (:func:`_as_read`), so an output nobody reads costs next to nothing."""
    handoff_clear()
    if not _handoff_on():
        return
    names = [f.name() for f in fields]
    key = _file_key(path, layer)
    if key is not None:
        # with pandas' copy-on-write (always on from pandas 3) a shallow copy is already safe from later changes
        _HANDOFF.update(key=key, names=names, types=[f.type() for f in fields],
                        gdf=gdf.copy(deep=not _copy_on_write()))


def _handoff_take(path: str, layer: str, names: list[str], types: list[int],
                  crs: Optional[CRS]) -> Optional[gpd.GeoDataFrame]:
    """The kept frame when it is ``layer`` of ``path`` unchanged since written, with the fields ``names`` of
    ``types`` (a subset in any order); it leaves the slot. Else None."""
    if not _HANDOFF or not _handoff_on():
        return None
    if _file_key(path, layer) != _HANDOFF["key"]:
        return None
    kept = dict(zip(_HANDOFF["names"], _HANDOFF["types"]))
    if any(n not in kept or kept[n] != t for n, t in zip(names, types)) or len(set(names)) != len(names):
        return None
    gdf = _as_read(_HANDOFF["gdf"], _HANDOFF["names"], _HANDOFF["types"])
    handoff_clear()
    if gdf is None:
        return None
    if list(gdf.columns[:-1]) != names:
        gdf = gdf[[*names, gdf.geometry.name]]
    if crs != gdf.crs:
        gdf = gdf.set_crs(crs, allow_override=True)
    return gdf


def _rollback_journal(path: str) -> None:
    """Put GeoPackage ``path`` back in rollback-journal mode when saving the style left it in write-ahead-log mode
    with no log and no reader (QGIS would switch it back on its next open, changing the file)."""
    import sqlite3

    try:
        with open(path, "rb") as f:
            wal_mode = f.read(20)[18:20] == b"\x02\x02"
        if not wal_mode or os.path.exists(path + "-wal") or os.path.exists(path + "-shm"):
            return
        con = sqlite3.connect(path, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode = DELETE")
        finally:
            con.close()
    except (OSError, sqlite3.Error):
        handoff_clear()


class handoff_kept:  # noqa: N801 - used as a context manager
    """While styling output ``dest`` (a table of its own in the GeoPackage), keep the kept frame's key current:
    when the file was unchanged before, its key is taken again afterwards."""

    def __init__(self, dest: str) -> None:
        path, _, option = str(dest).partition("|")
        self.path = path
        self.valid = bool(_HANDOFF) and _HANDOFF["key"][0] == os.path.realpath(path) \
            and _file_key(path, _HANDOFF["key"][1]) == _HANDOFF["key"]

    def __enter__(self) -> handoff_kept:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.valid and _HANDOFF and exc[0] is None:
            _rollback_journal(self.path)
            key = _file_key(self.path, _HANDOFF["key"][1])
            if key is None:
                handoff_clear()
            else:
                _HANDOFF["key"] = key


def _gpkg_blobs(geoms: np.ndarray, srs_id: int, bounds: np.ndarray) -> list[Optional[bytes]]:
    """GeoPackage geometry blobs (header with the xy envelope, little-endian ISO WKB) as GDAL writes them;
    Polygons become MultiPolygons. ``bounds``: ``shapely.bounds(geoms)``."""
    geoms = np.asarray(geoms, dtype=object)
    missing = shapely.is_missing(geoms)
    empty = ~missing & shapely.is_empty(geoms)
    # a non-empty Polygon becomes a MultiPolygon of itself: its WKB after a MultiPolygon header with one part
    single = (shapely.get_type_id(geoms) == 3) & ~empty
    if empty.any():
        geoms = geoms.copy()
        geoms[empty & (shapely.get_type_id(geoms) == 3)] = shapely.from_wkt("MULTIPOLYGON EMPTY")
    wkb = shapely.to_wkb(geoms, byte_order=1, flavor="iso")
    head = np.zeros(len(geoms), dtype=[("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs", "<i4"),
                                       ("env", "<f8", (4,))])
    head["magic"], head["flags"], head["srs"] = b"GP", np.where(empty, 0x11, 0x03), srs_id
    head["env"] = bounds[:, [0, 2, 1, 3]]  # minx, maxx, miny, maxy
    raw = head.tobytes()
    multi = b"\x01\x06\x00\x00\x00\x01\x00\x00\x00"  # little-endian MultiPolygon (6) of 1 part
    out: list[Optional[bytes]] = []
    for i in range(len(geoms)):
        if missing[i]:
            out.append(None)
        elif empty[i]:
            out.append(raw[40 * i:40 * i + 8] + wkb[i])
        elif single[i]:
            out.append(raw[40 * i:40 * i + 40] + multi + wkb[i])
        else:
            out.append(raw[40 * i:40 * i + 40] + wkb[i])
    return out


def _append_gpkg_rows(path: str, layer: str, gdf: gpd.GeoDataFrame, names: list[str],
                      feedback: Optional[QgsProcessingFeedback] = None,
                      progress_span: tuple[float, float] = (90.0, 100.0),
                      source_wkb: Optional[SourceWkb] = None, new_file: bool = False) -> None:
    """Insert ``gdf`` into the empty GeoPackage table ``layer`` (fields ``names``) in one SQLite transaction
    (geometries found in ``source_wkb`` with their WKB from there). ``new_file``: the sink has just made the
    file for this layer, which may then be given larger pages first (:func:`_larger_pages`).

    The table's triggers (R*Tree index, feature count) are set aside while inserting; the index is filled in
    bulk from the envelopes, and the feature count and the layer extent are set as GDAL would.
    """
    import sqlite3

    con = sqlite3.connect(path, isolation_level=None)
    early = Writeback(path)  # pages written back while inserting: the commit of the style syncs little
    try:
        # a new file the sink has just made: no write-ahead log or sync needed while filling it (its journal
        # mode is put back afterwards)
        journal = con.execute("PRAGMA journal_mode").fetchone()[0]
        con.execute("PRAGMA journal_mode = MEMORY")
        con.execute("PRAGMA synchronous = OFF")
        if new_file:
            _larger_pages(con, path)
        geom_col, srs_id = con.execute("SELECT column_name, srs_id FROM gpkg_geometry_columns "
                                       "WHERE lower(table_name) = lower(?)", (layer,)).fetchone()
        pk = [r[1] for r in con.execute(f'PRAGMA table_info("{layer}")') if r[5]]
        n = len(gdf)
        geoms = np.asarray(gdf.geometry.values, dtype=object)
        cols = ", ".join(f'"{c}"' for c in [pk[0], geom_col, *names])
        insert = f'INSERT INTO "{layer}" ({cols}) VALUES ({", ".join("?" * (len(names) + 2))})'
        rtree = f"rtree_{layer}_{geom_col}"
        # the R*Tree and feature-count triggers, set aside while inserting
        triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                               (layer,)).fetchall()
        has_rtree = con.execute("SELECT count(*) FROM sqlite_master WHERE name = ?", (rtree,)).fetchone()[0] > 0
        con.execute("BEGIN")
        for name, _ in triggers:
            con.execute(f'DROP TRIGGER "{name}"')
        bounds = shapely.bounds(geoms)  # the blobs' envelopes and the R*Tree's boxes
        ok = np.isfinite(bounds).all(axis=1)
        node_size = con.execute(f'SELECT length(data) FROM "{rtree}_node" WHERE nodeno = 1').fetchone()[0] \
            if has_rtree else 0
        # compiled binding from arrays when it can be used (one chunk inserted by a second thread, without the
        # GIL, while this thread makes the next), else Python values; one chunk of rows at a time
        bulk = gpkg_insert.BulkInsert.prepare(con, path, layer, pk[0], geom_col, gdf, names, int(srs_id),
                                              None if source_wkb is None else source_wkb.for_rows(geoms)) \
            if bulk_insert_enabled else None
        if bulk is None:  # Python binds in this thread: pages written once, at the commit
            con.execute("PRAGMA cache_size = -262144")
        # else the default small cache: SQLite writes pages out as it goes, in the inserting thread
        prepared = bulk  # its statement is finalized at the end, even when Python takes over
        pool = ThreadPoolExecutor(max_workers=1) if bulk is not None else None
        pending: Optional[Future] = None
        try:
            for lo in range(0, n, _ROW_CHUNK):
                hi = min(lo + _ROW_CHUNK, n)
                chunk = None
                if bulk is not None:
                    try:
                        chunk = bulk.chunk(lo, hi, bounds[lo:hi])
                    except UnicodeEncodeError:  # text SQLite would refuse too: the Python path reports it
                        bulk = None
                if pending is not None:
                    pending.result()
                    pending = None
                    early.kick()
                if chunk is not None and pool is not None:
                    pending = pool.submit(bulk.insert, chunk)  # type: ignore[union-attr]
                else:
                    con.executemany(insert, zip(range(lo + 1, hi + 1),
                                                _gpkg_blobs(geoms[lo:hi], int(srs_id), bounds[lo:hi]),
                                                *_columns_as_python(gdf.iloc[lo:hi], names)))
                    if hi < n:  # not after the last chunk: a small write does not wait for the disk
                        early.kick()
                if feedback is not None:
                    if feedback.isCanceled():
                        raise Cancelled()
                    feedback.setProgress(progress_span[0] + (progress_span[1] - progress_span[0]) * lo / n)
            # the R*Tree's rows are made while the last chunk is inserted
            rtree_rows = _rtree_rows(node_size, np.flatnonzero(ok) + 1, bounds[ok]) if has_rtree else None
            if pending is not None:
                pending.result()
        finally:
            if pool is not None:  # waits for a pending chunk: the connection is free again before a rollback
                pool.shutdown()
            if prepared is not None:
                prepared.close()
        if feedback is not None:
            feedback.setProgress(progress_span[1])
        if rtree_rows is not None:
            _insert_rtree(con, rtree, rtree_rows, path)
        for _, sql in triggers:
            con.execute(sql)
        con.execute("UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)", (n, layer))
        if ok.any():
            b = bounds[ok]
            con.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
                        "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE lower(table_name) = lower(?)",
                        (float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max()),
                         layer))
        con.execute("COMMIT")
        con.execute(f"PRAGMA journal_mode = {journal}")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()
        early.close()


#: Page size given to a GeoPackage the sink has just made for one layer, before its rows are inserted. With 64 KiB
#: pages instead of GDAL's 4 KiB, fewer pages are allocated, linked and left part-empty: the benchmark's
#: 205,546 valued pieces take 183 MB instead of 213 MB, and writing them and the pieces took 0.3 s less each
#: (medians of four alternating runs).
GPKG_PAGE_SIZE = 65536
#: Only a file this small (just made: its empty tables) is rewritten with larger pages.
_REPAGE_MAX_BYTES = 16 * 2 ** 20


def _larger_pages(con: Any, path: str) -> None:
    """Give the new, still small GeoPackage ``path`` pages of :data:`GPKG_PAGE_SIZE` bytes (``VACUUM`` rewrites
    its few pages; not in write-ahead-log mode, where SQLite keeps the page size). When another connection keeps
    the file busy the pages stay as they are: only the speed of the insert depends on them."""
    import sqlite3

    if con.execute("PRAGMA page_size").fetchone()[0] < GPKG_PAGE_SIZE and os.path.getsize(path) <= _REPAGE_MAX_BYTES:
        try:
            con.execute(f"PRAGMA page_size = {GPKG_PAGE_SIZE}")
            con.execute("VACUUM")
        except sqlite3.OperationalError:  # e.g. "database is locked"
            pass


def _pack_rtree(con: Any, rtree: str, ids: np.ndarray, bounds: np.ndarray) -> None:
    """Fill the empty 2-D SQLite R*Tree ``rtree`` with the boxes ``bounds`` of ``ids`` (see :func:`_rtree_rows`)."""
    size = con.execute(f'SELECT length(data) FROM "{rtree}_node" WHERE nodeno = 1').fetchone()[0]
    _insert_rtree(con, rtree, _rtree_rows(size, ids, bounds))


def _insert_rtree(con: Any, rtree: str, rows: tuple[list, np.ndarray, np.ndarray], path: str = "") -> None:
    """Insert :func:`_rtree_rows`' rows; the parent and rowid pairs by the compiled loop when it can be used."""
    nodes, parents, rowids = rows
    con.executemany(f'INSERT OR REPLACE INTO "{rtree}_node" (nodeno, data) VALUES (?, ?)', nodes)
    for table, pairs in (("parent", parents), ("rowid", rowids)):
        first, second = ("nodeno", "parentnode") if table == "parent" else ("rowid", "nodeno")
        sql = f'INSERT INTO "{rtree}_{table}" ({first}, {second}) VALUES (?, ?)'
        if not (path and bulk_insert_enabled and gpkg_insert.insert_pairs(con, path, sql, pairs[:, 0], pairs[:, 1])):
            con.executemany(sql, pairs.tolist())


def _rtree_rows(size: int, ids: np.ndarray, bounds: np.ndarray) -> tuple[list, np.ndarray, np.ndarray]:
    """The node, parent and rowid rows of an SQLite R*Tree (2-D, nodes of ``size`` bytes) holding the boxes
    ``bounds`` (minx, miny, maxx, maxy) of ``ids``, packed sort-tile-recursive (inserting row by row costs about
    15 µs a box). Node format as SQLite's rtree module keeps them: big-endian 64-bit ids and 32-bit float
    coordinates rounded outwards, the tree depth in the root node (number 1)."""
    fanout = (size - 4) // 24
    cell = np.dtype([("id", ">i8"), ("c", ">f4", (4,))])

    def outward(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        lo32, hi32 = lo.astype(np.float32), hi.astype(np.float32)
        lo32 = np.where(lo32.astype(np.float64) > lo, np.nextafter(lo32, np.float32(-np.inf)), lo32)
        hi32 = np.where(hi32.astype(np.float64) < hi, np.nextafter(hi32, np.float32(np.inf)), hi32)
        return np.column_stack([lo32[:, 0], hi32[:, 0], lo32[:, 1], hi32[:, 1]])

    def str_order(b: np.ndarray) -> np.ndarray:
        """Sort-tile-recursive order: vertical slices by x centre, then by y centre within each."""
        n = len(b)
        leaves = -(-n // fanout)
        slices = max(1, int(np.ceil(np.sqrt(leaves))))
        per = slices * fanout
        by_x = np.argsort((b[:, 0] + b[:, 2]) / 2, kind="stable")
        slice_of = np.empty(n, dtype=np.int64)
        slice_of[by_x] = np.arange(n) // per
        return np.lexsort(((b[:, 1] + b[:, 3]) / 2, slice_of))

    nodes: list[tuple[int, bytes]] = []
    parents: list[np.ndarray] = []
    rowids: list[np.ndarray] = []
    level_ids, level_box, depth, next_no = ids.astype(np.int64), bounds.astype(np.float64), 0, 2
    while True:
        order = str_order(level_box)
        level_ids, level_box = level_ids[order], level_box[order]
        count = -(-len(level_ids) // fanout)
        root = count == 1
        numbers = np.array([1]) if root else np.arange(next_no, next_no + count)
        next_no += 0 if root else count
        coords = outward(level_box[:, :2], level_box[:, 2:])
        for k, no in enumerate(numbers.tolist()):
            lo, hi = k * fanout, min((k + 1) * fanout, len(level_ids))
            cells = np.zeros(hi - lo, dtype=cell)
            cells["id"], cells["c"] = level_ids[lo:hi], coords[lo:hi]
            head = np.array([depth if root else 0, hi - lo], dtype=">u2").tobytes()
            nodes.append((no, (head + cells.tobytes()).ljust(size, b"\0")))
        # each entry's node: its rowid (leaves) or its parent node (inner nodes)
        owner = numbers[np.arange(len(level_ids)) // fanout]
        (rowids if depth == 0 else parents).append(np.column_stack([level_ids, owner]))
        if root:
            break
        starts = np.arange(0, len(level_ids), fanout)
        box = np.column_stack([np.minimum.reduceat(level_box[:, :2], starts),
                               np.maximum.reduceat(level_box[:, 2:], starts)])
        level_ids, level_box, depth = numbers.astype(np.int64), box, depth + 1
    def stacked(pairs: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(pairs).astype(np.int64) if pairs else np.zeros((0, 2), dtype=np.int64)

    return nodes, stacked(parents), stacked(rowids)


def _new_gpkg_layer(path: str, option: str) -> Optional[str]:
    """The layer a closed sink wrote into GeoPackage ``path`` (``option``: ``layername=…`` or empty)."""
    import pyogrio

    try:
        layers = [str(n) for n in pyogrio.list_layers(path)[:, 0]]
    except Exception:  # noqa: BLE001 - not readable by pyogrio: the caller goes through QGIS
        return None
    if option:
        name = option[len("layername="):]
        return name if name in layers else None
    return layers[0] if len(layers) == 1 else None


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


class StageClock:
    """Wall time per stage of one run, for ``make bench``: appended as one JSON line to the file named by the
    environment variable ``SWC_STAGE_TIMES`` when it is set (nothing is shown to the user)."""

    ENV = "SWC_STAGE_TIMES"

    def __init__(self, algorithm: str) -> None:
        self.algorithm = algorithm
        self.times: dict[str, float] = {}
        self._stage = ""
        self._start = self._since = time.perf_counter()

    def stage(self, name: str) -> None:
        """Start stage ``name`` (ending the current one)."""
        now = time.perf_counter()
        if self._stage:
            self.times[self._stage] = self.times.get(self._stage, 0.0) + now - self._since
        self._stage, self._since = name, now

    def monitor(self, monitor: Monitor, stages: dict[str, str], default: str) -> Monitor:
        """``monitor`` that also starts the stage ``stages[message]`` (else ``default``) on each progress
        message of the engine."""
        def progress(fraction: float, message: str) -> None:
            if message:
                stage = stages.get(message, default)
                if stage != self._stage:
                    self.stage(stage)
            monitor.report(fraction, message)

        def cancelled() -> bool:
            try:
                monitor.check()
            except Cancelled:
                return True
            return False

        return Monitor(progress, cancelled, self.apportion)

    def apportion(self, wall: float, busy: dict[str, float]) -> None:
        """Re-book the last ``wall`` seconds of the current stage to the stages of ``busy`` in proportion to
        their work (parallel work has no single current stage)."""
        total = sum(busy.values())
        if not self._stage or total <= 0:
            return
        current = self._stage
        self.stage(current)  # book the current stage's time so far
        wall = min(wall, self.times.get(current, 0.0))
        self.times[current] -= wall
        for name, seconds in busy.items():
            self.times[name] = self.times.get(name, 0.0) + wall * seconds / total

    def done(self) -> None:
        """End the current stage and write the times when ``SWC_STAGE_TIMES`` names a file."""
        self.stage("")
        path = os.environ.get(self.ENV)
        if path:
            with open(path, "a", encoding="utf-8") as f:
                f.write(json.dumps({"algorithm": self.algorithm, "stages": self.times,
                                    "total": time.perf_counter() - self._start,
                                    "end": time.time()}) + "\n")
