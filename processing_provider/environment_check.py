"""``swcvalue:environment`` — show the geo stack's versions next to QGIS's and exercise it."""

from __future__ import annotations

from typing import Any

from qgis.core import Qgis, QgsProcessingContext, QgsProcessingFeedback, QgsProcessingOutputString

from ..i18n import tr
from ..valuation.progress import Monitor
from . import gpkg_insert, gpkg_read
from .base import SwcAlgorithm


def qgis_versions() -> dict[str, str]:
    """GDAL, GEOS and PROJ versions of the running QGIS."""
    from osgeo import gdal

    geos = Qgis.geosVersion() if hasattr(Qgis, "geosVersion") else ""
    proj = ""
    try:
        from qgis.core import QgsProjUtils

        proj = f"{QgsProjUtils.projVersionMajor()}.{QgsProjUtils.projVersionMinor()}"
    except (ImportError, AttributeError):
        pass
    return {"GDAL": gdal.__version__, "GEOS": str(geos), "PROJ": proj}


class EnvironmentCheckAlgorithm(SwcAlgorithm):
    ALG_ID = "environment"
    GROUP_ID = "tools"

    def display(self) -> str:
        return tr("Check the Python geo stack")

    def help_text(self) -> str:
        return tr("Reports the GDAL, GEOS and PROJ versions that the plugin's Python libraries use, next to "
                  "QGIS's own, and runs a small round trip through each library. Mismatched versions mean a "
                  "library bundles its own GDAL/GEOS/PROJ and may give wrong results inside QGIS.")

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.addOutput(QgsProcessingOutputString("GEOS", "GEOS"))
        self.addOutput(QgsProcessingOutputString("PROJ", "PROJ"))
        self.addOutput(QgsProcessingOutputString("GDAL", "GDAL"))
        self.addOutput(QgsProcessingOutputString("QGIS_GDAL", "QGIS GDAL"))
        self.addOutput(QgsProcessingOutputString("QGIS_GEOS", "QGIS GEOS"))
        self.addOutput(QgsProcessingOutputString("COVERAGE", tr("Coverage computation")))
        self.addOutput(QgsProcessingOutputString("GPKG_WRITE", tr("GeoPackage row writing")))
        self.addOutput(QgsProcessingOutputString("GPKG_READ", tr("GeoPackage layer reading")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
            feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        from ..valuation.environment import probe

        libs = probe()
        libs["gpkg_write"] = gpkg_insert.describe()
        libs["gpkg_read"] = gpkg_read.describe()
        ours = qgis_versions()
        for k, v in libs.items():
            feedback.pushInfo(f"{k}: {v}")
        feedback.pushInfo(f"QGIS GDAL: {ours['GDAL']}, QGIS GEOS: {ours['GEOS']}")
        if ours["GDAL"] and libs["GDAL"] != ours["GDAL"]:
            feedback.reportError(tr("rasterio uses GDAL {ours} but QGIS uses GDAL {qgis}.").format(
                ours=libs["GDAL"], qgis=ours["GDAL"]))
        return {"GEOS": libs["GEOS"], "PROJ": libs["PROJ"], "GDAL": libs["GDAL"],
                "QGIS_GDAL": ours["GDAL"], "QGIS_GEOS": ours["GEOS"], "COVERAGE": libs["coverage"],
                "GPKG_WRITE": libs["gpkg_write"], "GPKG_READ": libs["gpkg_read"]}
