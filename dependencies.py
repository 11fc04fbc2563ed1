"""Python dependency check: the plugin loads without them and says how to install them."""

from __future__ import annotations

import importlib.util
from typing import Any

from qgis.core import Qgis, QgsMessageLog

from .i18n import tr

#: import name -> pip package name.
REQUIRED = {
    "numpy": "numpy<2",
    "pandas": "pandas",
    "shapely": "shapely>=2",
    "pyproj": "pyproj",
    "rasterio": "rasterio",
    "pyogrio": "pyogrio",
    "geopandas": "geopandas",
    "scipy": "scipy",
}


def missing_packages() -> list[str]:
    """pip names of the required packages that cannot be imported."""
    return [pip for mod, pip in REQUIRED.items() if importlib.util.find_spec(mod) is None]


def install_message(missing: list[str]) -> str:
    """A translated message naming the missing packages and how to install them."""
    names = " ".join(f'"{m}"' for m in missing)
    return tr(
        "SWC EcoValue needs Python packages that are missing: {names}.\n"
        "Debian/Ubuntu: sudo apt install python3-pip libgdal-dev libgeos-dev libproj-dev proj-bin g++ python3-dev, "
        "then python3 -m pip install --user --no-binary shapely,pyproj,rasterio,pyogrio {names} "
        "(built against the GDAL/GEOS/PROJ that QGIS uses).\n"
        "Windows: open the OSGeo4W Shell and run: python -m pip install {names}\n"
        "Then restart QGIS."
    ).format(names=names)


class MissingDependenciesPlugin:
    """Stand-in plugin that only reports the missing packages."""

    def __init__(self, iface: Any, missing: list[str]) -> None:
        self.iface = iface
        self.missing = missing

    def initProcessing(self) -> None:  # noqa: N802
        QgsMessageLog.logMessage(install_message(self.missing), "SWC EcoValue", Qgis.Critical)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()
        if self.iface is not None:
            self.iface.messageBar().pushMessage("SWC EcoValue", install_message(self.missing), Qgis.Critical, 0)

    def unload(self) -> None:
        pass
