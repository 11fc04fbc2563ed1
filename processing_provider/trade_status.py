"""``swcvalue:tradestatus`` — what is due or overdue on a date: feedback plans, filings, 公示, payments, pledges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..i18n import tr
from ..valuation.progress import Monitor
from ..valuation.register import Register
from ..valuation.trading import status_report
from .base import SwcAlgorithm
from .reference_price import TRADING_GROUP, trading_group


def item_texts() -> dict[str, str]:
    """ITEM code -> translated text."""
    return {"feedback_plan": tr("Feedback plan (反哺方案) due"), "filing_water": tr("Filing with the water bureau"),
            "filing_drc": tr("Filing with the development and reform commission"),
            "filing_finance": tr("Filing with the finance bureau"), "publicity_end": tr("公示 period ends"),
            "payment": tr("Scheduled payment"), "pledge_end": tr("Pledge ends")}


class TradeStatusAlgorithm(SwcAlgorithm):
    ALG_ID = "tradestatus"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Trade deadlines due or overdue")

    def help_text(self) -> str:
        return tr(
            "Lists, as of a date, what is overdue or due within the horizon: feedback plans (signing date + 6 "
            "months, clamped to the month's end), the filings with the water, development-reform and finance "
            "departments (30 days after signing, a project convention), 公示 periods ending, scheduled payments "
            "not received and pledges not released."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add_register(tr("The project's register."))
        self.add(QgsProcessingParameterString("AS_OF", tr("As of (YYYY-MM-DD)"), optional=True),
                 tr("The reference date; empty: today."))
        self.add(QgsProcessingParameterNumber("HORIZON_DAYS", tr("Horizon (days)"),
                                              QgsProcessingParameterNumber.Integer, 30, minValue=0),
                 tr("Items due up to this many days after the date are listed as due."))
        self.add(QgsProcessingParameterFeatureSink("OUTPUT", tr("Due and overdue items"), QgsProcessing.TypeVector),
                 tr("A table with TRADE_ID, ITEM, DUE_DATE, STATE (due/overdue), DAYS (negative: overdue) and "
                    "DETAIL."))
        self.addOutput(QgsProcessingOutputNumber("OVERDUE", tr("Overdue items")))
        self.addOutput(QgsProcessingOutputNumber("DUE", tr("Items due")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        reg = Register.open(self.parameterAsFile(parameters, "REGISTER", context))
        as_of = self.parameterAsString(parameters, "AS_OF", context).strip() or dt.date.today().isoformat()
        table = status_report(reg, as_of, self.parameterAsInt(parameters, "HORIZON_DAYS", context))
        texts = item_texts()
        for r in table.itertuples():
            line = f"{r.TRADE_ID or '—'}  {texts.get(r.ITEM, r.ITEM)}  {r.DUE_DATE}  {r.DETAIL}"
            if r.STATE == "overdue":
                feedback.pushWarning(tr("Overdue: {line}").format(line=line))
            else:
                feedback.pushInfo(tr("Due: {line}").format(line=line))
        context.setDefaultEncoding("UTF-8")
        dest_id = self.write_table(parameters, "OUTPUT", context, table)
        return {"OUTPUT": dest_id, "OVERDUE": int((table["STATE"] == "overdue").sum()),
                "DUE": int((table["STATE"] == "due").sum())}
