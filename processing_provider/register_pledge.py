"""``swcvalue:registerpledge`` — record a pledge (抵质押) of an operating right or of revenue, or its release."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..i18n import tr
from ..valuation.progress import Monitor
from ..valuation.register import Register
from ..valuation.trading import PLEDGE_KINDS, record_pledge
from . import qgis_io
from .base import SwcAlgorithm
from .reference_price import TRADING_GROUP, trading_group


class RegisterPledgeAlgorithm(SwcAlgorithm):
    ALG_ID = "registerpledge"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Register a pledge")

    def help_text(self) -> str:
        return tr(
            "Records in the project register a pledge (抵质押, green finance) of an operating right or of a "
            "revenue stream: the parcels or the trade, the lender, the amount, the term. Run again with the same "
            "pledge id and a release date to record its release. swcvalue:tradestatus lists pledges ending."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add_register(tr("The project's register."))
        self.add(QgsProcessingParameterString("PLEDGE_ID", tr("Pledge id")),
                 tr("The pledge's identifier, e.g. the loan contract number."))
        self.add(QgsProcessingParameterEnum("KIND", tr("Pledged"), [tr("Operating right"), tr("Revenue")],
                                            defaultValue=0),
                 tr("What is pledged: the operating right or its revenue."))
        self.add(QgsProcessingParameterString("TRADE_ID", tr("Trade id"), optional=True),
                 tr("The trade whose right or revenue is pledged (a trade id or parcels are needed)."))
        self.add(QgsProcessingParameterFeatureSource("PARCELS", tr("Pledged parcels"), [QgsProcessing.TypeVector],
                                                     optional=True),
                 tr("The pledged parcels (PARCEL_ID)."))
        self.add(QgsProcessingParameterString("LENDER", tr("Lender"), optional=True),
                 tr("The lending bank or institution."))
        self.add(QgsProcessingParameterNumber("AMOUNT", tr("Amount (元)"), QgsProcessingParameterNumber.Double,
                                              optional=True, minValue=0.0),
                 tr("The secured amount in 元."))
        self.add(QgsProcessingParameterString("START_DATE", tr("Start date"), optional=True),
                 tr("The pledge's start, YYYY-MM-DD."))
        self.add(QgsProcessingParameterString("END_DATE", tr("End date"), optional=True),
                 tr("The pledge's end, YYYY-MM-DD."))
        self.add(QgsProcessingParameterString("RELEASE_DATE", tr("Release date"), optional=True),
                 tr("The date the pledge was released (for an existing pledge id)."))
        self.addOutput(QgsProcessingOutputString("PLEDGE_ID", tr("Pledge id")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        reg = Register.open_or_create(self.parameterAsFile(parameters, "REGISTER", context))
        src = self.parameterAsSource(parameters, "PARCELS", context)
        parcels: list[str] = []
        if src is not None:
            gdf = qgis_io.source_to_gdf(src)
            if "PARCEL_ID" in gdf.columns:
                parcels = [str(p) for p in gdf["PARCEL_ID"].dropna()]
        amount = parameters.get("AMOUNT")
        pledge_id = self.parameterAsString(parameters, "PLEDGE_ID", context)
        rec = record_pledge(
            reg, pledge_id, PLEDGE_KINDS[self.parameterAsEnum(parameters, "KIND", context)],
            self.parameterAsString(parameters, "LENDER", context),
            None if amount in (None, "") else self.parameterAsDouble(parameters, "AMOUNT", context),
            self.parameterAsString(parameters, "START_DATE", context),
            self.parameterAsString(parameters, "END_DATE", context), parcels,
            self.parameterAsString(parameters, "TRADE_ID", context) or None,
            self.parameterAsString(parameters, "RELEASE_DATE", context) or None)
        if rec.get("RELEASE_DATE"):
            feedback.pushInfo(tr("Pledge {pledge} released on {date}.").format(pledge=pledge_id,
                                                                             date=rec["RELEASE_DATE"]))
        else:
            feedback.pushInfo(tr("Pledge {pledge} recorded: {amount:,.2f} 元 until {end}.").format(
                pledge=pledge_id, amount=rec["AMOUNT"], end=rec["END_DATE"]))
        return {"PLEDGE_ID": pledge_id}
