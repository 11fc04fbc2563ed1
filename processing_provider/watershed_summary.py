"""``swcvalue:watershedsummary`` — a parcel accounting aggregated to small watersheds."""

from __future__ import annotations

from typing import Any, Callable, Optional

import numpy as np
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeatureRenderer,
    QgsFillSymbol,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterRasterLayer,
    QgsProcessingUtils,
    QgsRendererCategory,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..i18n import tr, user_locale
from ..valuation.fields import alias
from ..valuation.parcels import polygonal
from ..valuation.progress import Monitor
from . import qgis_io
from .base import SwcAlgorithm
from .output_style import save_style

GROUP_ID = "catalog"


def group_name() -> str:
    return tr("Catalog and monitoring")


def finish_layer(dest_id: str, context: QgsProcessingContext, defs: dict[str, tuple[str, str, str, str]],
                 renderer: Optional[Callable[[], QgsFeatureRenderer]] = None) -> None:
    """Field aliases (Chinese or English with the unit, from the engine's tables) and a renderer, stored with the
    output (GeoPackage ``layer_styles`` or ``.qml``)."""
    layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return
    zh = user_locale().lower().startswith("zh")
    for i, f in enumerate(layer.fields()):
        d = defs.get(f.name())
        if d is not None:
            _, unit, en, zh_name = d
            text = zh_name if zh else en
            a = f"{text}（{unit}）" if unit and zh else f"{text} ({unit})" if unit else text
        else:
            a = alias(f.name(), "zh" if zh else "en")
        if a:
            layer.setFieldAlias(i, a)
    if renderer is not None and layer.geometryType() == QgsWkbTypes.PolygonGeometry:
        layer.setRenderer(renderer())
    if layer.dataProvider() is not None and layer.dataProvider().name() != "memory":
        save_style(layer)


def categories(field: str, items: list[tuple[Any, str, str]]) -> QgsCategorizedSymbolRenderer:
    """A categorized fill renderer: (value, colour, label) per category."""
    cats = [QgsRendererCategory(value, QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": "#404040", "outline_width": "0.2"}), label)
        for value, colour, label in items]
    return QgsCategorizedSymbolRenderer(field, cats)


def as_multipolygons(gdf: Any) -> Any:
    """The same frame with every geometry a MultiPolygon (sinks of type MultiPolygon)."""
    geoms, _ = polygonal(np.asarray(gdf.geometry.values, dtype=object))
    return gdf.set_geometry(type(gdf.geometry)(geoms, index=gdf.index, crs=gdf.crs))


class WatershedSummaryAlgorithm(SwcAlgorithm):
    ALG_ID = "watershedsummary"
    GROUP_ID = GROUP_ID

    def group(self) -> str:
        return group_name()

    def display(self) -> str:
        return tr("Watershed-level accounting summary")

    def help_text(self) -> str:
        return tr(
            "Aggregates a parcel accounting (the output of swcvalue:accountvalues) to small watersheds: area, value "
            "by class with its low–high range, value per km² of the accounted area, the increment from soil-and-"
            "water-conservation measures (DV_TOTAL) and the share of area with clear rights and no dispute (from the "
            "parcels' DISPUTE/ELIGIBLE fields; unknown without them). Parcels are allocated by the ellipsoidal area "
            "of their intersection with each watershed (exact, pro-rated). From the actual-erosion raster of "
            "swcvalue:cslefactors, cell by cell with the exact share of each cell inside: eroded area by SL 190 "
            "grade and the soil-and-water-conservation rate (水土保持率: share of the assessed land with erosion below "
            "the tolerance of 500 t/(km²·a)); from the cover raster the mean fractional vegetation cover; from the "
            "parcels' ecosystem types the forest-and-grass cover rate (林草覆盖率)."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterFeatureSource("PARCELS", tr("Parcel accounting"),
                                                     [QgsProcessing.TypeVectorPolygon]),
                 tr("Valued parcels from swcvalue:accountvalues (V_MAT, V_REG, V_CUL, V_TOTAL, V_TOT_LO, V_TOT_HI, "
                    "DV_TOTAL, ECO_TYPE); DISPUTE and ELIGIBLE fields are used when present."))
        self.add(QgsProcessingParameterFeatureSource("WATERSHEDS", tr("Small watersheds"),
                                                     [QgsProcessing.TypeVectorPolygon]),
                 tr("Any polygon layer with an id and a name, e.g. the national small-watershed layer; its fields "
                    "are kept."))
        self.add(QgsProcessingParameterField("ID_FIELD", tr("Watershed id field"), "WS_ID", "WATERSHEDS",
                                             optional=True),
                 tr("Unique id of each watershed; the national small-watershed code is accepted (kept as text)."))
        self.add(QgsProcessingParameterField("NAME_FIELD", tr("Watershed name field"), "WS_NAME", "WATERSHEDS",
                                             optional=True),
                 tr("Name of each watershed."))
        self.add(QgsProcessingParameterRasterLayer("EROSION", tr("Actual erosion raster"), optional=True),
                 tr("OUTPUT_EROSION of swcvalue:cslefactors, t/(hm²·a), made from the same parcels; empty: eroded "
                    "areas and the soil-and-water-conservation rate are not computed."))
        self.add(QgsProcessingParameterRasterLayer("VEG_COVER", tr("Fractional vegetation cover (0–1)"),
                                                   optional=True),
                 tr("Cover raster for the mean fractional vegetation cover of each watershed."))
        self.add(QgsProcessingParameterFile("PARAMETERS", tr("Parameter overrides"), extension="csv", optional=True),
                 tr("CSV overriding rows of the default parameter table (sl190_tolerance, "
                    "soil_conservation_excluded)."), advanced=True)
        self.add(QgsProcessingParameterFeatureSink("OUTPUT", tr("Watershed summary"), QgsProcessing.TypeVectorPolygon),
                 tr("One feature per watershed with its fields and the summary fields (aliases name each figure)."))
        self.addOutput(QgsProcessingOutputNumber("WATERSHED_COUNT", tr("Number of watersheds")))
        self.addOutput(QgsProcessingOutputNumber("V_TOTAL", tr("Total value (元/a)")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        from ..valuation.watershed import summarise_watersheds

        psrc = self.parameterAsSource(parameters, "PARCELS", context)
        wsrc = self.parameterAsSource(parameters, "WATERSHEDS", context)
        for src, name in ((psrc, "PARCELS"), (wsrc, "WATERSHEDS")):
            if src is None:
                raise QgsProcessingException(self.invalidSourceError(parameters, name))
        rasters = self.raster_paths(parameters, ("EROSION", "VEG_COVER"), context)
        params = self.parameter_set(parameters, context, feedback)
        parcels = qgis_io.source_to_gdf(psrc, feedback, (0.0, 4.0))
        watersheds = qgis_io.source_to_gdf(wsrc, feedback, (4.0, 8.0))
        res = summarise_watersheds(
            parcels, watersheds, self.parameterAsString(parameters, "ID_FIELD", context) or "WS_ID",
            self.parameterAsString(parameters, "NAME_FIELD", context) or "WS_NAME", rasters["EROSION"],
            rasters["VEG_COVER"], params, psrc.sourceName() or "PARCELS", wsrc.sourceName() or "WATERSHEDS", monitor)
        self.report(feedback, res.notices)
        context.setDefaultEncoding("UTF-8")
        table = as_multipolygons(res.table)
        fields = qgis_io.qgs_fields_for(table, wsrc.fields())
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.MultiPolygon,
                                          qgis_io.to_qgis_crs(table.crs))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        qgis_io.write_gdf(table, sink, fields, feedback, (92.0, 98.0))
        del sink
        self.dest = dest
        for _, r in res.table.iterrows():
            feedback.pushInfo(tr("{id} {name}: {value:,.0f} 元/a on {acc:.3f} km² accounted of {area:.3f} km²; "
                                 "soil-and-water-conservation rate {swc}; forest-and-grass cover rate {fg}.").format(
                id=r["WS_ID"], name=r["WS_NAME"], value=r["V_TOTAL"], acc=r["ACC_KM2"], area=r["AREA_KM2"],
                swc=_pct(r["SWC_RATE"]), fg=_pct(r["FG_RATE"])))
        return {"OUTPUT": dest, "WATERSHED_COUNT": len(table), "V_TOTAL": float(res.table["V_TOTAL"].sum())}

    def postProcessAlgorithm(self, context: QgsProcessingContext,  # noqa: N802
                             feedback: QgsProcessingFeedback) -> dict[str, Any]:
        from ..valuation.watershed import field_defs

        if getattr(self, "dest", None):
            finish_layer(self.dest, context, field_defs())
        return {}


def _pct(x: float) -> str:
    return "—" if x is None or not np.isfinite(x) else f"{x:.1f} %"
