"""``swcvalue:revenueplan`` — the revenue distribution plan (收益分配方案) of one trade."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, Optional

import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterNumber,
)

from ..i18n import tr
from ..valuation.progress import Monitor
from ..valuation.revenue import (
    ALLOCATE_MODES,
    CATEGORIES,
    PlatformFee,
    margin_cap,
    parse_cost_items,
    parse_shares,
    percent_text,
    plan,
    platform_fee,
    shares_from_table,
)
from . import qgis_io
from .base import SwcAlgorithm
from .reference_price import TRADING_GROUP, trading_group


def category_texts() -> dict[str, str]:
    """Category code -> translated label."""
    return {"FEEDBACK": tr("Feedback to soil erosion control (反哺水土流失治理)"),
            "COLLECTIVE": tr("Village collective (村集体)"), "VILLAGERS": tr("Villagers (村民)"),
            "INVESTOR": tr("Investor (投资主体)"), "OPERATOR": tr("Operator (经营主体)"), "OTHER": tr("Other (其他)")}


def read_shares_csv(path: str) -> pd.DataFrame:
    """The shares CSV as three columns; a first row whose percent cell is not a number is a header."""
    table = pd.read_csv(path, header=None, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if len(table) and table.shape[1] >= 3:
        try:
            Decimal(str(table.iloc[0, 2]).strip().rstrip("%"))
        except InvalidOperation:
            table = table.iloc[1:]
    return table


def fee_table(fee: Optional[PlatformFee], given: float) -> pd.DataFrame:
    """The PLATFORM_FEE rows: ITEM, AMOUNT (元), BASIS (translated)."""
    rows: list[dict[str, Any]] = []
    if fee is not None:
        for name, amount in fee.items:
            rows.append({"ITEM": name, "AMOUNT": float(amount), "BASIS": tr("actual cost (实际成本)")})
        rows.append({"ITEM": tr("Reasonable profit (合理利润)"), "AMOUNT": float(fee.margin),
                     "BASIS": tr("{percent} % of the cost items {cost} 元; cap {cap} % (parameter {key}, {evidence}: "
                                 "{source})").format(percent=percent_text(fee.margin_percent),
                                                     cost=f"{fee.cost:,.2f}", cap=percent_text(fee.cap.percent),
                                                     key=fee.cap.key, evidence=fee.cap.evidence,
                                                     source=fee.cap.source)})
        rows.append({"ITEM": "COST_PLATFORM", "AMOUNT": float(fee.total),
                     "BASIS": tr("actual cost + reasonable profit (clause 十六)")})
    elif given:
        rows.append({"ITEM": "COST_PLATFORM", "AMOUNT": given,
                     "BASIS": tr("given as one figure; basis not documented")})
    return pd.DataFrame(rows, columns=["ITEM", "AMOUNT", "BASIS"])


class RevenuePlanAlgorithm(SwcAlgorithm):
    ALG_ID = "revenueplan"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Revenue distribution plan")

    def help_text(self) -> str:
        return tr(
            "Distributes a trade's revenue (一单一策): NET = GROSS − (accounting + appraisal + platform + other "
            "costs); each share line (recipient, category, percent; the percents sum to 100) receives NET × "
            "percent. Village-collective and villager lines can be split among the parcels' right holders "
            "(HOLDER) by appraised-value share (APPR_MAT + APPR_REG + APPR_CUL; V_TOTAL when there are no "
            "appraised values, which is reported) or by area share. Amounts are whole cents (0.01 元) and add up "
            "to NET exactly (largest remainder). The regulating-and-cultural part of NET, by those classes' "
            "share of value, is reported with its permitted uses: rural infrastructure, villagers' income and "
            "soil and water conservation function. The plan must be approved by the county government. The "
            "platform fee follows actual cost + reasonable profit (clause 十六): give the platform's cost items "
            "(PLATFORM_COSTS) and its profit margin (PLATFORM_MARGIN, percent of the items, at most the cap "
            "platform_margin_max of the parameter table); COST_PLATFORM = items + margin, exact to the cent, and "
            "the breakdown goes to PLATFORM_FEE."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterFeatureSource("INPUT", tr("Trade parcels"), [QgsProcessing.TypeVector]),
                 tr("The trade's parcels with HOLDER, APPR_MAT/APPR_REG/APPR_CUL or V_TOTAL, AREA_M2 and "
                    "V_MAT/V_REG/V_CUL."))
        self.add(QgsProcessingParameterNumber("GROSS", tr("Gross revenue (元)"), QgsProcessingParameterNumber.Double,
                                              minValue=0.0),
                 tr("The trade's gross revenue in 元."))
        for name, label, text in (
                ("COST_ACCOUNTING", tr("Accounting fee (元)"), tr("The value-accounting fee in 元.")),
                ("COST_APPRAISAL", tr("Appraisal fee (元)"), tr("The third-party appraisal fee in 元.")),
                ("COST_PLATFORM", tr("Platform fee (元)"),
                 tr("The trading platform's fee in 元 as one figure (kept for saved models; 0: not given). "
                    "Prefer PLATFORM_COSTS and PLATFORM_MARGIN; when both are given they must agree to the "
                    "cent.")),
                ("COST_OTHER", tr("Other transaction costs (元)"), tr("Other transaction costs in 元."))):
            self.add(QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Double, 0.0,
                                                  minValue=0.0), text)
        self.add(QgsProcessingParameterMatrix("PLATFORM_COSTS", tr("Platform cost items"), numberRows=0,
                                              hasFixedNumberRows=False, headers=[tr("Item"), tr("Amount (元)")],
                                              optional=True),
                 tr("The trading platform's actual cost items (实际成本), one row per item: name and amount in 元; "
                    "with qgis_process give the cells flat: PLATFORM_COSTS=交易服务成本,6000,公告发布成本,2500."))
        self.add(QgsProcessingParameterNumber("PLATFORM_MARGIN", tr("Platform profit margin (%)"),
                                              QgsProcessingParameterNumber.Double, 0.0, minValue=0.0),
                 tr("The platform's reasonable profit (合理利润) in percent of the cost items; at most the cap "
                    "platform_margin_max of the parameter table (a placeholder: 10 %)."))
        self.add(QgsProcessingParameterFile("PARAMETERS", tr("Parameter overrides"),
                                            QgsProcessingParameterFile.File, optional=True),
                 tr("A CSV or JSON file overriding rows of the parameter table, e.g. platform_margin_max."),
                 advanced=True)
        self.add(QgsProcessingParameterMatrix("SHARES", tr("Shares"), numberRows=0, hasFixedNumberRows=False,
                                              headers=[tr("Recipient"), tr("Category"), tr("Percent")],
                                              optional=True),
                 tr("One row per share: recipient label, category (FEEDBACK, COLLECTIVE, VILLAGERS, INVESTOR, "
                    "OPERATOR, OTHER or the Chinese label) and percent of NET; with qgis_process give the cells "
                    "flat: SHARES=县水利局,FEEDBACK,20,村集体,COLLECTIVE,80."))
        self.add(QgsProcessingParameterFile("SHARES_TABLE", tr("Shares table (CSV)"),
                                            QgsProcessingParameterFile.File, extension="csv", optional=True),
                 tr("Instead of SHARES: a CSV with the columns recipient, category and percent (a header row is "
                    "allowed)."))
        self.add(QgsProcessingParameterEnum("ALLOCATE_BY", tr("Split collective and villager shares by"),
                                            [tr("Appraised value"), tr("Area"), tr("Do not split")],
                                            defaultValue=0),
                 tr("How COLLECTIVE and VILLAGERS lines are split among the right holders: by appraised value "
                    "(V_TOTAL when there are none), by area, or not at all."))
        self.add(QgsProcessingParameterFeatureSink("OUTPUT", tr("Revenue distribution"), QgsProcessing.TypeVector),
                 tr("A table with RECIPIENT, CATEGORY, HOLDER, PERCENT (of NET) and AMOUNT (元)."))
        self.add(QgsProcessingParameterFeatureSink("PLATFORM_FEE", tr("Platform fee breakdown"),
                                                   QgsProcessing.TypeVector, optional=True, createByDefault=False),
                 tr("A table with ITEM, AMOUNT (元) and BASIS: each cost item, the profit margin with its percent "
                    "and cap, and the total COST_PLATFORM."))
        self.addOutput(QgsProcessingOutputNumber("NET", tr("Net revenue (元)")))
        self.addOutput(QgsProcessingOutputNumber("REG_CUL_AMOUNT", tr("Regulating and cultural part (元)")))
        self.addOutput(QgsProcessingOutputNumber("COST_PLATFORM", tr("Platform fee (元)")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        src = self.parameterAsSource(parameters, "INPUT", context)
        if src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        table_path = self.parameterAsFile(parameters, "SHARES_TABLE", context)
        matrix = parameters.get("SHARES")
        if table_path and matrix not in (None, "", []):
            raise QgsProcessingException(tr("Give SHARES or SHARES_TABLE, not both."))
        shares = shares_from_table(read_shares_csv(table_path)) if table_path else parse_shares(matrix)
        gdf = qgis_io.source_to_gdf(src, feedback, (0.0, 40.0))
        mode = ALLOCATE_MODES[self.parameterAsEnum(parameters, "ALLOCATE_BY", context)]
        costs = {k: self.parameterAsDouble(parameters, f"COST_{k.upper()}", context)
                 for k in ("accounting", "appraisal", "platform", "other")}
        fee = None
        items = parse_cost_items(parameters.get("PLATFORM_COSTS"))
        margin = self.parameterAsDouble(parameters, "PLATFORM_MARGIN", context)
        if items or margin:
            cap = margin_cap(self.parameter_set(parameters, context, feedback))
            fee = platform_fee(items, Decimal(str(margin)), cap)
        result = plan(self.parameterAsDouble(parameters, "GROSS", context), costs, shares, gdf, mode, fee)
        self.report(feedback, result.notices)
        if fee is not None:
            for name, amount in fee.items:
                feedback.pushInfo(f"  {name}: {amount:,.2f} 元")
        feedback.pushInfo(tr("Gross {gross:,.2f} 元 − costs {costs:,.2f} 元 = net {net:,.2f} 元.").format(
            gross=result.gross, costs=sum(result.costs.values()), net=result.net))
        if result.weight_basis:
            basis = {"APPR": tr("appraised value"), "V_TOTAL": tr("accounted value V_TOTAL"),
                     "AREA_M2": tr("area")}[result.weight_basis]
            feedback.pushInfo(tr("Collective and villager shares split among right holders by {basis}.").format(
                basis=basis))
        labels = category_texts()
        for cat in CATEGORIES:
            part = result.rows.loc[result.rows["CATEGORY"] == cat, "AMOUNT"].sum()
            if part:
                feedback.pushInfo(f"  {labels[cat]}: {part:,.2f} 元")
        feedback.pushInfo(tr("Regulating and cultural part ({share:.1%} of value): {amount:,.2f} 元, in principle "
                             "for rural infrastructure, villagers' income and soil and water conservation "
                             "function.").format(share=result.reg_cul_share, amount=result.reg_cul_amount))
        context.setDefaultEncoding("UTF-8")
        dest_id = self.write_table(parameters, "OUTPUT", context, result.rows)
        out = {"OUTPUT": dest_id, "NET": float(result.net), "REG_CUL_AMOUNT": float(result.reg_cul_amount),
               "COST_PLATFORM": float(result.costs["platform"])}
        if parameters.get("PLATFORM_FEE") not in (None, ""):
            fee_id = self.write_table(parameters, "PLATFORM_FEE", context,
                                      fee_table(fee, float(result.costs["platform"])), required=False)
            if fee_id is not None:
                out["PLATFORM_FEE"] = fee_id
        return out
