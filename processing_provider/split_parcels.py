"""``swcvalue:splitparcels`` — split trading-scope lots by 三调 land-use parcels."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..i18n import tr
from ..valuation.parcels import split_parcels
from ..valuation.progress import Monitor
from . import qgis_io
from .base import SwcAlgorithm
from .source_wkb import SourceWkb


class SplitParcelsAlgorithm(SwcAlgorithm):
    ALG_ID = "splitparcels"
    GROUP_ID = "parcels"

    def display(self) -> str:
        return tr("Split trading scope into land-use parcels")

    def help_text(self) -> str:
        return tr(
            "Cuts each lot of the proposed trading scope (拟交易范围) by the Third National Land Survey "
            "land-use parcels (三调 DLTB 地类图斑). Every output feature is one lot ∩ one parcel, in the "
            "parcels' CRS, with PARCEL_ID = SCOPE_ID-BSM, the parcel's fields, the ellipsoidal area in m², "
            "mu (亩 = m² × 15 / 10000) and ha, the share of the source parcel, TBDLMJ and KCMJ pro-rated "
            "by that share, and the ecosystem type of the land-use code. Invalid geometries are repaired "
            "and counted; slivers below the minimum area are dropped and counted."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterFeatureSource("SCOPE", tr("Trading scope (lots)"),
                                                     [QgsProcessing.TypeVectorPolygon]),
                 tr("Polygons of the proposed trading scope; each feature is one lot."))
        self.add(QgsProcessingParameterFeatureSource("PARCELS", tr("Land-use parcels (三调 DLTB)"),
                                                     [QgsProcessing.TypeVectorPolygon]),
                 tr("The land-use parcel layer; only the land-use field is required, 三调 fields are "
                    "carried when present."))
        self.add(QgsProcessingParameterField("SCOPE_ID_FIELD", tr("Lot id field"), None, "SCOPE",
                                             QgsProcessingParameterField.Any, optional=True),
                 tr("Field of the scope layer holding the lot id; empty: S<feature id>."))
        self.add(QgsProcessingParameterString("LANDUSE_FIELD", tr("Land-use code field"), "DLBM"),
                 tr("Field of the parcel layer with the land-use code (GB/T 21010-2017 or 三调 working "
                    "codes), matched case-insensitively."))
        self.add(QgsProcessingParameterNumber("MIN_AREA", tr("Minimum piece area (m²)"),
                                              QgsProcessingParameterNumber.Double, 1.0, minValue=0.0),
                 tr("Pieces smaller than this are dropped as slivers and counted."))
        self.add(QgsProcessingParameterBoolean("KEEP_UNKNOWN", tr("Keep unknown land-use codes"), False),
                 tr("Keep parcels whose code is not in the code table, with ecosystem type 'unknown', "
                    "instead of stopping with an error."), advanced=True)
        self.add(QgsProcessingParameterFeatureSink("OUTPUT", tr("Parcels in the trading scope"),
                                                   QgsProcessing.TypeVectorPolygon),
                 tr("The parcel pieces (GeoPackage by default; Shapefile gets a UTF-8 .cpg and a .qml "
                    "with aliases)."))
        self.addOutput(QgsProcessingOutputNumber("PARCEL_COUNT", tr("Number of parcels")))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_AREA_M2", tr("Total area (m²)")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
            feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        scope_src = self.parameterAsSource(parameters, "SCOPE", context)
        parcel_src = self.parameterAsSource(parameters, "PARCELS", context)
        if scope_src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "SCOPE"))
        if parcel_src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "PARCELS"))
        scope_field = self.parameterAsString(parameters, "SCOPE_ID_FIELD", context) or None
        lu_field = self.parameterAsString(parameters, "LANDUSE_FIELD", context) or "DLBM"
        min_area = self.parameterAsDouble(parameters, "MIN_AREA", context)
        keep_unknown = self.parameterAsBool(parameters, "KEEP_UNKNOWN", context)

        clock = qgis_io.StageClock(self.ALG_ID)
        clock.stage("read")
        feedback.setProgressText(tr("Reading layers"))
        scope = qgis_io.source_to_gdf(scope_src, feedback, (0.0, 2.0))
        direct = qgis_io.direct_gpkg(parameters.get("PARCELS"),
                                     self.parameterAsVectorLayer(parameters, "PARCELS", context), context)
        read_wkb = SourceWkb()  # a parcel wholly inside its lot is its own piece: written with the WKB read
        parcels = qgis_io.source_to_gdf(parcel_src, feedback, (2.0, 8.0), direct=direct, keep_wkb=read_wkb)
        clock.stage("overlay")
        result = split_parcels(
            scope, parcels, scope_id_field=scope_field, landuse_field=lu_field, min_area=min_area,
            keep_unknown=keep_unknown, scope_layer=scope_src.sourceName() or "SCOPE",
            parcels_layer=parcel_src.sourceName() or "PARCELS", monitor=monitor,
        )
        self.report(feedback, result.notices)

        clock.stage("write")
        gdf = result.parcels
        fields = qgis_io.qgs_fields_for(gdf, parcel_src.fields())
        context.setDefaultEncoding("UTF-8")
        feedback.setProgressText(tr("Writing parcels"))
        dest_id = qgis_io.write_to_sink(self, parameters, "OUTPUT", context, gdf, fields, feedback,
                                        source_wkb=read_wkb)
        read_wkb.clear()
        self.styled_outputs = [dest_id]
        clock.done()

        self.summarise(feedback, gdf, result.stats)
        return {"OUTPUT": dest_id, "PARCEL_COUNT": int(len(gdf)),
                "TOTAL_AREA_M2": float(result.stats["total_area_m2"])}

    @staticmethod
    def summarise(feedback: QgsProcessingFeedback, gdf: Any, stats: dict[str, Any]) -> None:
        feedback.pushInfo(tr("{n} parcels, {m2:.2f} m² ({mu:.2f} mu) in all.").format(
            n=len(gdf), m2=stats["total_area_m2"], mu=stats["total_area_m2"] * 15 / 10000))
        by_type: dict[str, float] = defaultdict(float)
        codes, types = pd.factorize(gdf["ECO_TYPE"].astype(object).to_numpy(), use_na_sentinel=False)
        sums = np.bincount(codes, weights=gdf["AREA_M2"].to_numpy(dtype=float), minlength=len(types))
        for t, a in zip(types, sums):
            by_type[str(t)] += float(a)
        for t, a in sorted(by_type.items(), key=lambda kv: -kv[1]):
            feedback.pushInfo(f"  {t}: {a:.2f} m²")
