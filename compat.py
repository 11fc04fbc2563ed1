"""Absorbs the PyQGIS API differences between QGIS 3.22 and later LTRs (3.34, 3.40)."""

from __future__ import annotations

from typing import Any

from qgis.core import Qgis, QgsProcessingAlgorithm, QgsVectorLayer

QGIS_VERSION_INT: int = Qgis.QGIS_VERSION_INT


def algorithm_flag(name: str) -> Any:
    """A processing algorithm flag by name ('NoThreading', 'RequiresProject', …).

    3.36 moved the flags to ``Qgis.ProcessingAlgorithmFlag``; 3.22 has them on the class.
    """
    enum = getattr(Qgis, "ProcessingAlgorithmFlag", None)
    if enum is not None and hasattr(enum, name):
        return getattr(enum, name)
    return getattr(QgsProcessingAlgorithm, "Flag" + name)


def save_default_style(layer: QgsVectorLayer) -> tuple[bool, str]:
    """Save a layer's style as its default (.qml sidecar or the GeoPackage's layer_styles)."""
    try:  # 3.26+: categories argument, returns (msg, ok)
        from qgis.core import QgsMapLayer

        msg, ok = layer.saveDefaultStyle(QgsMapLayer.AllStyleCategories)
    except TypeError:
        msg, ok = layer.saveDefaultStyle()
    return bool(ok), str(msg)
