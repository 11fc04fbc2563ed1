"""``swcvalue:referenceprice`` — present value of accounted value (核算价值现值) over an operating term."""

from __future__ import annotations

from typing import Any

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
    QgsProcessingParameterNumber,
)

from ..i18n import tr
from ..valuation.present_value import CLASS_ORDER, parcels_pv
from ..valuation.progress import Monitor
from ..valuation.register import Register
from . import qgis_io
from .base import SwcAlgorithm

TRADING_GROUP = "trading"


def trading_group() -> str:
    return tr("Trading")


class ReferencePriceAlgorithm(SwcAlgorithm):
    ALG_ID = "referenceprice"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Present value of accounted value over a term")

    def help_text(self) -> str:
        return tr(
            "Computes, per parcel, the present value of the accounted annual value (核算价值现值) over an "
            "operating term: PV = Σ_{t=1..n} V·(1+g)^(t−1)/(1+r)^t, or n·V/(1+r) when r = g, with V the "
            "annual value of the chosen classes, r the discount rate and g the growth rate. This is not a "
            "price: the reference price (参考价) comes from a third-party appraisal and the transaction price "
            "from the trade. When the carbon sink of the parcels is sold separately as a carbon-sink trade, "
            "carbon sequestration (V_CO2) is left out of the regulating value and the amount is reported."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterFeatureSource("INPUT", tr("Valued parcels"), [QgsProcessing.TypeVector]),
                 tr("Parcels with V_MAT, V_REG and V_CUL (元/a), usually the accounting output; ELIGIBLE and "
                    "V_CO2 are used when present."))
        self.add(QgsProcessingParameterEnum("CLASSES", tr("Value classes"),
                                            [tr("Material supply"), tr("Regulating services"),
                                             tr("Cultural services")], allowMultiple=True,
                                            defaultValue=[0, 1, 2]),
                 tr("The classes whose value the operating right covers; the others get a present value of 0."))
        self.add(QgsProcessingParameterNumber("TERM_YEARS", tr("Term (years)"), QgsProcessingParameterNumber.Integer,
                                              10, minValue=1, maxValue=100),
                 tr("The operating term n in whole years; values arrive at the end of each year."))
        self.add(QgsProcessingParameterNumber("DISCOUNT_RATE", tr("Discount rate (% per year)"),
                                              QgsProcessingParameterNumber.Double, minValue=0.0, maxValue=100.0),
                 tr("The annual discount rate r in percent (required; 0 gives the undiscounted sum)."))
        self.add(QgsProcessingParameterNumber("GROWTH_RATE", tr("Growth rate (% per year)"),
                                              QgsProcessingParameterNumber.Double, 0.0, minValue=-99.0,
                                              maxValue=100.0),
                 tr("The annual growth g of the value in percent (default 0)."))
        self.add(QgsProcessingParameterBoolean("ELIGIBLE_ONLY", tr("Eligible parcels only"), True),
                 tr("Keep only parcels with ELIGIBLE = 1; without an ELIGIBLE field every parcel is kept and "
                    "that is reported."))
        self.add(QgsProcessingParameterBoolean("EXCLUDE_CARBON", tr("Carbon sink sold separately"), False),
                 tr("The carbon sink of these parcels is (or will be) sold as a carbon-sink trade: leave carbon "
                    "sequestration (V_CO2) out of the regulating value so it is not counted twice."))
        self.add_register(
            tr("When given, V_CO2 is also left out on every parcel covered by a trade in the register whose "
               "product type contains 碳汇 (carbon sink)."), optional=True)
        self.add(QgsProcessingParameterFeatureSink("OUTPUT", tr("Parcels with present value"),
                                                   QgsProcessing.TypeVectorAnyGeometry),
                 tr("The parcels with PV_MAT, PV_REG, PV_CUL and PV_VALUE (元, present value of accounted "
                    "value, not a price)."))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_PV", tr("Total present value of accounted value (元)")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        src = self.parameterAsSource(parameters, "INPUT", context)
        if src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        if parameters.get("DISCOUNT_RATE") in (None, ""):
            raise QgsProcessingException(tr("Give the discount rate (DISCOUNT_RATE)."))
        classes = tuple(CLASS_ORDER[i] for i in self.parameterAsEnums(parameters, "CLASSES", context))
        years = self.parameterAsInt(parameters, "TERM_YEARS", context)
        rate = self.parameterAsDouble(parameters, "DISCOUNT_RATE", context)
        growth = self.parameterAsDouble(parameters, "GROWTH_RATE", context)
        gdf = qgis_io.source_to_gdf(src, feedback, (0.0, 40.0))
        monitor.check()
        sold: set[str] = set()
        reg_path = self.parameterAsFile(parameters, "REGISTER", context)
        if reg_path and Register.inspect(reg_path) >= 2:  # version 1 has no trades: leave the file untouched
            from ..valuation.trading import carbon_sold_parcels

            sold = carbon_sold_parcels(Register.open(reg_path))
            feedback.pushInfo(tr("The register's carbon-sink trades cover {n} parcel(s).").format(n=len(sold)))
        result = parcels_pv(gdf, classes, years, rate, growth,
                            eligible_only=self.parameterAsBool(parameters, "ELIGIBLE_ONLY", context),
                            exclude_carbon=self.parameterAsBool(parameters, "EXCLUDE_CARBON", context),
                            carbon_sold_parcels=sold)
        self.report(feedback, result.notices)
        feedback.pushInfo(tr("Term {n} years, discount rate {r:g} %, growth rate {g:g} %: present-value factor "
                             "{f:.6f}.").format(n=years, r=rate, g=growth, f=result.factor))
        feedback.pushInfo(tr("Present value of accounted value (核算价值现值, not a price) of {n} parcel(s): "
                             "{total:,.2f} 元.").format(n=len(result.parcels), total=result.total))
        out = result.parcels
        context.setDefaultEncoding("UTF-8")
        fields = qgis_io.qgs_fields_for(out, src.fields())
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, fields, src.wkbType(), src.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        qgis_io.write_gdf(out, sink, fields, feedback)
        del sink
        return {"OUTPUT": dest_id, "TOTAL_PV": result.total}
