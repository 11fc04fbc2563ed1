"""PyQGIS API differences the widgets meet between QGIS 3.22 and later LTRs (3.34, 3.40).

Enums moved to ``Qgis`` (``Qgis.GeometryType`` 3.30, ``Qgis.LayerFilter`` 3.34, ``Qgis.FeatureRequestFlag`` 3.36,
``Qgis.VectorProviderCapability`` 3.40) and ``QgsField`` takes ``QMetaType.Type`` from 3.38; the old names still
work there but are deprecated, so each helper prefers the new one when it exists.
"""

from __future__ import annotations

from typing import Any

from qgis.core import Qgis, QgsFeatureRequest, QgsField, QgsMapLayerProxyModel, QgsVectorDataProvider, QgsWkbTypes
from qgis.PyQt.QtCore import QMetaType, QVariant

QGIS_VERSION_INT: int = Qgis.QGIS_VERSION_INT


def _enum(new_enum: str, name: str, old_owner: Any, old_name: str = "") -> Any:
    enum = getattr(Qgis, new_enum, None)
    if enum is not None and hasattr(enum, name):
        return getattr(enum, name)
    return getattr(old_owner, old_name or name)


def polygon_layer_filter() -> Any:
    """The layer-combo filter for polygon layers."""
    return _enum("LayerFilter", "PolygonLayer", QgsMapLayerProxyModel)


def polygon_geometry() -> Any:
    """The polygon geometry type, as ``QgsVectorLayer.geometryType()`` returns it."""
    return _enum("GeometryType", "Polygon", QgsWkbTypes, "PolygonGeometry")


def no_geometry_flag() -> Any:
    """``QgsFeatureRequest`` flag: do not fetch geometries."""
    return _enum("FeatureRequestFlag", "NoGeometry", QgsFeatureRequest)


def provider_can(provider: QgsVectorDataProvider, name: str) -> bool:
    """Whether a vector data provider has a capability (``ChangeAttributeValues``, ``AddAttributes`` …)."""
    if provider is None:
        return False
    flag = _enum("VectorProviderCapability", name, QgsVectorDataProvider)
    return bool(provider.capabilities() & flag)


def new_field(name: str, kind: str, length: int = 0) -> QgsField:
    """A field of kind "str", "int" or "float" (QMetaType from 3.38, QVariant before)."""
    if QGIS_VERSION_INT >= 33800:
        vtype = {"str": QMetaType.QString, "int": QMetaType.LongLong, "float": QMetaType.Double}[kind]
    else:
        vtype = {"str": QVariant.String, "int": QVariant.LongLong, "float": QVariant.Double}[kind]
    return QgsField(name, vtype, len=length if kind == "str" else 0)
