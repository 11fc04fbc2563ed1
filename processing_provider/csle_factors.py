"""``swcvalue:cslefactors`` — CSLE layers to inspect on the map: LS, B·E·T, erosion, grade."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ..i18n import tr
from ..valuation.progress import Monitor
from . import qgis_io
from .account_values import raster_texts
from .base import SwcAlgorithm

INPUTS = ("R_FACTOR", "K_FACTOR", "DEM", "LS_FACTOR", "CP_FACTOR", "VEG_COVER")


def output_texts() -> dict[str, tuple[str, str]]:
    return {
        "LS": (tr("LS factor"), tr("Slope length and steepness factor (-), from LS_FACTOR or derived from the DEM.")),
        "BET": (tr("B·E·T factor"), tr("Cropland E·T, other land B·E, or C·P when given (-); no data on "
                                       "non-eroding land (water, built-up, paddy) and outside the parcels.")),
        "POTENTIAL": (tr("Potential erosion R·K·L·S"), tr("Potential soil loss A_p in t/(hm²·a).")),
        "EROSION": (tr("Actual erosion R·K·L·S·B·E·T"), tr("Actual soil loss A in t/(hm²·a).")),
        "GRADE": (tr("Erosion grade (SL 190-2007)"), tr("1 微度 … 6 剧烈 from the modulus A × 100 t/(km²·a), with "
                                                        "the 500 t/(km²·a) tolerance of the south-western "
                                                        "purple-soil region as the first bound.")),
    }


class CsleFactorsAlgorithm(SwcAlgorithm):
    ALG_ID = "cslefactors"
    GROUP_ID = "accounting"

    def display(self) -> str:
        return tr("CSLE factor and erosion rasters")

    def help_text(self) -> str:
        return tr("Writes the rasters behind the soil-conservation accounting on its working grid — LS, B·E·T, "
                  "potential and actual erosion and the SL 190-2007 erosion grade — so they can be inspected on "
                  "the map. Same inputs and rules as the accounting algorithm.")

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterFeatureSource("PARCELS", tr("Parcels"), [QgsProcessing.TypeVectorPolygon]),
                 tr("Parcels: their extent, land-use types (E, T, non-eroding land) and GDLX terraces."))
        self.add(QgsProcessingParameterString("LANDUSE_FIELD", tr("Land-use code field"), "DLBM"),
                 tr("Field with the land-use code (matched case-insensitively)."))
        texts = raster_texts()
        for name in INPUTS:
            label, help_text = texts[name]
            self.add(QgsProcessingParameterRasterLayer(name, label, optional=True), help_text)
        self.add(QgsProcessingParameterFile("PARAMETERS", tr("Parameter overrides"), extension="csv", optional=True),
                 tr("CSV overriding rows of the default parameter table."))
        for key, (label, help_text) in output_texts().items():
            self.add(QgsProcessingParameterRasterDestination(f"OUTPUT_{key}", label), help_text)

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        from ..valuation.accounting import FactorInputs
        from ..valuation.erosion_maps import erosion_layers, write_raster

        src = self.parameterAsSource(parameters, "PARCELS", context)
        if src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "PARCELS"))
        paths = self.raster_paths(parameters, INPUTS, context)
        params = self.parameter_set(parameters, context, feedback)
        parcels = qgis_io.source_to_gdf(src, feedback, (0.0, 5.0))
        grid, layers, notices, desc = erosion_layers(
            parcels, FactorInputs(paths), params,
            landuse_field=self.parameterAsString(parameters, "LANDUSE_FIELD", context) or "DLBM",
            layer=src.sourceName() or "PARCELS", monitor=monitor)
        self.report(feedback, notices)
        feedback.pushInfo(tr("Working grid: {grid}").format(grid=desc))
        out: dict[str, Any] = {}
        for key in output_texts():
            path = self.parameterAsOutputLayer(parameters, f"OUTPUT_{key}", context)
            write_raster(path, layers[key], grid, integer=(key == "GRADE"))
            out[f"OUTPUT_{key}"] = path
        return out
