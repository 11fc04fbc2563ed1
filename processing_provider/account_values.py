"""``swcvalue:accountvalues`` — value every parcel: material supply, regulating and cultural services."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ..i18n import tr
from ..valuation.progress import Monitor
from . import qgis_io
from .base import SwcAlgorithm
from .source_wkb import SourceWkb

#: Raster parameters: name → (label, help). Labels and help are translated at definition time.
RASTERS = ("R_FACTOR", "K_FACTOR", "DEM", "LS_FACTOR", "CP_FACTOR", "VEG_COVER", "NPP", "PRECIP", "ET",
           "STORM_PRECIP", "BASELINE_CP_FACTOR", "BASELINE_VEG_COVER")


def raster_texts() -> dict[str, tuple[str, str]]:
    return {
        "R_FACTOR": (tr("Rainfall erosivity R"), tr("R in MJ·mm/(hm²·h·a). Empty: the parameter table's constant "
                                                   "(Chongqing mean 5,784.04).")),
        "K_FACTOR": (tr("Soil erodibility K (SI)"), tr("K in SI units t·hm²·h/(hm²·MJ·mm). Values above 0.1 look "
                                                       "like US customary units (multiply by 0.1317) and are "
                                                       "warned about. Empty: the parameter table's constant.")),
        "DEM": (tr("Digital elevation model"), tr("Elevation in metres, used to derive LS (CSLE: Foster "
                                                  "segmented L, McCool/Liu S) when LS_FACTOR is not given; "
                                                  "for watershed-sized runs.")),
        "LS_FACTOR": (tr("Slope length and steepness LS"), tr("An LS grid (e.g. from the national soil-erosion "
                                                              "monitoring); defines the working grid.")),
        "CP_FACTOR": (tr("C·P factor"), tr("When given, replaces the product B·E·T in every cell (like USLE's "
                                           "C·P).")),
        "VEG_COVER": (tr("Fractional vegetation cover (0–1)"), tr("Gives B by 蔡崇法's relation (cover in percent): "
                                                                 "B = 1 at 0 %, 0.6508 − 0.3436·lg f below 78.3 %, "
                                                                 "0 above. Empty: B by land-use type from the "
                                                                 "parameter table.")),
        "NPP": (tr("Net primary productivity"), tr("NPP raster in the units chosen in NPP_UNITS; gives CO₂ fixed "
                                                   "(1.63 t per t dry matter) and O₂ released (1.19).")),
        "PRECIP": (tr("Annual precipitation (mm)"), tr("For water conservation Q = (P − α·P − ET)·A.")),
        "ET": (tr("Annual evapotranspiration (mm)"), tr("For water conservation and climate regulation.")),
        "STORM_PRECIP": (tr("Annual storm-day rainfall (mm)"), tr("Rainfall of days ≥ 50 mm, for vegetation "
                                                                   "flood regulation.")),
        "BASELINE_CP_FACTOR": (tr("Baseline C·P (before treatment)"), tr("C·P before the soil-and-water-"
                                                                         "conservation measures (治理前).")),
        "BASELINE_VEG_COVER": (tr("Baseline vegetation cover (before treatment)"),
                               tr("Cover before the measures; empty: the current cover, with terraces back "
                                  "to sloping land (E = 1).")),
    }


class AccountValuesAlgorithm(SwcAlgorithm):
    ALG_ID = "accountvalues"
    GROUP_ID = "accounting"

    def display(self) -> str:
        return tr("Account parcel values (material, regulating, cultural)")

    def help_text(self) -> str:
        return tr(
            "Accounts the annual value (元/a) of every parcel in three classes — material supply (物质供给), "
            "regulating services (调节服务) and cultural services (文化服务) — with the soil conservation of "
            "CSLE (A_p = R·K·L·S, A = R·K·L·S·B·E·T, Q = A_p − A, summed per cell with partial cells weighted "
            "by covered fraction), water conservation, flood regulation, carbon and oxygen, air and water "
            "purification, climate regulation, products and recreation. Every number comes from the versioned "
            "parameter table (unit, price year, source, evidence) and is listed in the provenance output. "
            "V_TOT_LO and V_TOT_HI price the same quantities with the low and high price sets; DV_TOTAL is the "
            "increment created by the soil-and-water-conservation measures against the baseline (治理前). "
            "Accounted value is not an appraised value nor a price."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterFeatureSource("PARCELS", tr("Parcels"), [QgsProcessing.TypeVectorPolygon]),
                 tr("Parcels to value, usually the output of the split algorithm; input fields are kept."))
        self.add(QgsProcessingParameterString("LANDUSE_FIELD", tr("Land-use code field"), "DLBM"),
                 tr("Field with the land-use code (matched case-insensitively)."))
        texts = raster_texts()
        for name in RASTERS:
            label, help_text = texts[name]
            self.add(QgsProcessingParameterRasterLayer(name, label, optional=True), help_text)
        self.add(QgsProcessingParameterEnum("NPP_UNITS", tr("NPP units"),
                                            [tr("g C/m²/a"), tr("g dry matter/m²/a")], defaultValue=0),
                 tr("Units of the NPP raster; carbon is converted to dry matter with the parameter "
                    "c_to_dry_matter (0.45 t C per t)."), advanced=True)
        self.add(QgsProcessingParameterFeatureSource("VISITORS", tr("Visitors table"), [QgsProcessing.TypeVector],
                                                     optional=True),
                 tr("Table with SCOPE_ID, VISITORS (per year), SPEND_PER_VISIT (元) and optionally PRICE_YEAR; "
                    "the lot's recreation value is allocated to its parcels by area × attractiveness weight."))
        self.add(QgsProcessingParameterFile("PARAMETERS", tr("Parameter overrides"), extension="csv",
                                            optional=True),
                 tr("CSV (key,value[,value_low,value_high,price_year,unit,source,note]) overriding rows of the "
                    "default Chongqing parameter table; each override is marked as user evidence."))
        self.add(QgsProcessingParameterNumber("PRICE_YEAR", tr("Price year"), QgsProcessingParameterNumber.Integer,
                                              optional=True, minValue=2005, maxValue=2100),
                 tr("Re-base every price to this year with the CPI rows; empty: the table's target year."))
        self.add(QgsProcessingParameterBoolean("KEEP_UNKNOWN", tr("Keep unknown land-use codes"), False),
                 tr("Value parcels whose land-use code is not in the code table as type 'unknown' (only "
                    "indicators without a land-use condition apply) instead of stopping with an error."),
                 advanced=True)
        self.add(QgsProcessingParameterBoolean("COVERED_ONLY", tr("Value the covered part only"), False),
                 tr("When a raster does not cover a parcel, value the covered part and report it instead of "
                    "stopping with an error."), advanced=True)
        self.add(QgsProcessingParameterFeatureSink("OUTPUT", tr("Valued parcels"), QgsProcessing.TypeVectorPolygon),
                 tr("Parcels with quantities (Q_*), values (V_*, 元/a), class totals, range and increment."))
        self.add(QgsProcessingParameterFeatureSink("SUMMARY", tr("Value summary"), QgsProcessing.TypeVector,
                                                   optional=True, createByDefault=True),
                 tr("Values by land-use code, by village, by lot and by class."))
        self.add(QgsProcessingParameterFeatureSink("PROVENANCE", tr("Provenance"), QgsProcessing.TypeVector,
                                                   optional=True, createByDefault=True),
                 tr("Every parameter used (value, unit, price year, source, evidence), the parameter set's hash, "
                    "the working grid, resampling and software version."))
        self.addOutput(QgsProcessingOutputNumber("PARCEL_COUNT", tr("Number of parcels")))
        self.addOutput(QgsProcessingOutputNumber("V_TOTAL", tr("Total value (元/a)")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        from ..valuation.accounting import NPP_UNITS, FactorInputs, account

        src = self.parameterAsSource(parameters, "PARCELS", context)
        if src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "PARCELS"))
        paths = self.raster_paths(parameters, RASTERS, context)
        npp_units = NPP_UNITS[self.parameterAsEnum(parameters, "NPP_UNITS", context)]
        params = self.parameter_set(parameters, context, feedback)
        year = parameters.get("PRICE_YEAR")
        price_year = self.parameterAsInt(parameters, "PRICE_YEAR", context) if year not in (None, "") else None
        visitors = self.read_table(parameters, "VISITORS", context)

        clock = qgis_io.StageClock(self.ALG_ID)
        clock.stage("read")
        feedback.setProgressText(tr("Reading parcels"))
        direct = qgis_io.direct_gpkg(parameters.get("PARCELS"),
                                     self.parameterAsVectorLayer(parameters, "PARCELS", context), context)
        read_wkb = SourceWkb()  # the parcels' geometries are written back as read: their WKB is kept
        parcels = qgis_io.source_to_gdf(src, feedback, (0.0, 5.0), direct=direct, keep_wkb=read_wkb)
        clock.stage("prepare")
        monitor = clock.monitor(monitor, {"coverage fractions": "coverage", "reading factors": "raster",
                                          "pricing": "valuing", "done": "valuing"}, "raster")
        result = account(parcels, FactorInputs(paths, npp_units), params, visitors,
                         landuse_field=self.parameterAsString(parameters, "LANDUSE_FIELD", context) or "DLBM",
                         price_year=price_year,
                         covered_only=self.parameterAsBool(parameters, "COVERED_ONLY", context),
                keep_unknown=self.parameterAsBool(parameters, "KEEP_UNKNOWN", context),
                         layer=src.sourceName() or "PARCELS", monitor=monitor)
        self.report(feedback, result.notices)
        feedback.pushInfo(tr("Working grid: {grid}").format(grid=result.grid_description))

        clock.stage("write")
        context.setDefaultEncoding("UTF-8")
        gdf = result.parcels
        fields = qgis_io.qgs_fields_for(gdf, src.fields())
        dest = qgis_io.write_to_sink(self, parameters, "OUTPUT", context, gdf, fields, feedback, (90.0, 97.0),
                                     also=lambda d: self.store_provenance_in_gpkg(d, result.provenance),
                                     source_wkb=read_wkb)
        read_wkb.clear()
        self.styled_outputs = [dest]
        out: dict[str, Any] = {"OUTPUT": dest, "PARCEL_COUNT": len(gdf), "V_TOTAL": float(gdf["V_TOTAL"].sum())}
        for name, table in (("SUMMARY", result.summary), ("PROVENANCE", self.flat_provenance(result.provenance))):
            table_id = self.write_table(parameters, name, context, table, required=False)
            if table_id is not None:
                out[name] = table_id
        self.print_totals(feedback, result.summary)
        clock.done()
        return out

    def read_table(self, parameters: dict[str, Any], name: str,
                   context: QgsProcessingContext) -> Optional[pd.DataFrame]:
        src = self.parameterAsSource(parameters, name, context)
        if src is None:
            return None
        df = qgis_io.source_to_gdf(src)
        return pd.DataFrame(df.drop(columns=df.geometry.name))

    @staticmethod
    def flat_provenance(prov: pd.DataFrame) -> pd.DataFrame:
        """Provenance with text columns as strings (stable field types for every format)."""
        out = prov.copy()
        for c in out.columns:
            if out[c].dtype == object or str(out[c].dtype).startswith(("string", "Int")):
                out[c] = out[c].astype(object).where(out[c].notna(), None)
                out[c] = [None if v is None else str(v) for v in out[c]]
        return out

    @staticmethod
    def store_provenance_in_gpkg(dest: str, prov: pd.DataFrame) -> None:
        """Also keep the provenance inside the output GeoPackage (layer ``swc_provenance``)."""
        path = dest.split("|")[0]
        if not path.lower().endswith(".gpkg") or not Path(path).exists():
            return
        import pyogrio

        table = AccountValuesAlgorithm.flat_provenance(prov)
        pyogrio.write_dataframe(table, path, layer="swc_provenance", driver="GPKG")

    @staticmethod
    def print_totals(feedback: QgsProcessingFeedback, summary: pd.DataFrame) -> None:
        total = summary[summary["GROUP_BY"] == "total"].iloc[0]
        feedback.pushInfo(tr("Material supply {mat:,.0f} 元/a; regulating services {reg:,.0f} 元/a; cultural "
                             "services {cul:,.0f} 元/a; total {tot:,.0f} 元/a (range {lo:,.0f}–{hi:,.0f}); "
                             "increment from SWC measures {dv:,.0f} 元/a.").format(
            mat=total["V_MAT"], reg=total["V_REG"], cul=total["V_CUL"], tot=total["V_TOTAL"],
            lo=total["V_TOT_LO"], hi=total["V_TOT_HI"], dv=total["DV_TOTAL"]))
