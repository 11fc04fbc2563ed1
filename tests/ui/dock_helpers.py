"""Helpers shared by the dock tests."""

from __future__ import annotations

from pathlib import Path

import processing
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]
GPKG = ROOT / "resources" / "sample" / "sample_watershed.gpkg"
SCREENSHOTS = ROOT / "tests" / "screenshots"

# Valid identifiers (checked independently in tests/engine/test_ownership.py).
CREDIT = "91350100M000100Y43"
ID_NO = "11010519491231002X"


def split_sample(out: Path) -> Path:
    """Run swcvalue:splitparcels on the sample watershed into ``out`` (GeoPackage)."""
    processing.run("swcvalue:splitparcels", {"SCOPE": f"{GPKG}|layername=JYFW", "PARCELS": f"{GPKG}|layername=DLTB",
                                             "SCOPE_ID_FIELD": "SCOPE_ID", "OUTPUT": str(out)})
    return out


def load(path: Path, name: str = "parcels") -> QgsVectorLayer:
    """The layer of a split output GeoPackage (named like the file), added to the current project."""
    layer = QgsVectorLayer(f"{path}|layername={Path(path).stem}", name, "ogr")
    assert layer.isValid(), path
    QgsProject.instance().addMapLayer(layer)
    return layer


def process_events(rounds: int = 3) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()
