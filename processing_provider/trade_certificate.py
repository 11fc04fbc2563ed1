"""``swcvalue:tradecertificate`` — the transaction certificate and dossier (交易凭证) of a certified trade.

PDF: a QGIS print layout (title, a map of the lots, the dossier text from ``resources/templates/certificate.html``)
built on a private project (:mod:`.report_layout`); HTML: the same dossier text without the map.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..compat import algorithm_flag
from ..i18n import tr
from ..valuation.progress import Monitor
from ..valuation.register import Register
from ..valuation.report_model import certificate_model, render
from . import qgis_io, report_layout
from .base import SwcAlgorithm
from .reference_price import TRADING_GROUP, trading_group


def layer_frame(layer: Any) -> Any:
    """A layer's attributes as a DataFrame (geometry dropped)."""
    import pandas as pd

    gdf = qgis_io.source_to_gdf(layer)
    geom = getattr(gdf, "geometry", None)
    return pd.DataFrame(gdf.drop(columns=geom.name) if geom is not None else gdf)


class TradeCertificateAlgorithm(SwcAlgorithm):
    ALG_ID = "tradecertificate"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Transaction certificate")

    def flags(self) -> Any:
        return super().flags() | algorithm_flag("NoThreading")

    def help_text(self) -> str:
        return tr(
            "Writes the transaction certificate and dossier (交易凭证) of a certified trade from the project "
            "register as PDF or HTML (by the file extension): certificate number and issuing departments, "
            "product, sellers, operator, the parcels with areas, ownership and values by class, term, price and "
            "payments, the distribution plan, the operator's soil and water conservation duties and monitoring "
            "indicators, and the feedback-plan due date. The PDF is a QGIS print layout with a map of the lots. "
            "Identifiers are masked. The text comes from resources/templates/certificate.html, which a county "
            "can edit; its labels are Chinese."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add_register(tr("The project's register."))
        self.add(QgsProcessingParameterString("TRADE_ID", tr("Trade id")),
                 tr("A trade with status certified or closed."))
        self.add(QgsProcessingParameterVectorLayer("PARCELS", tr("Valued parcels"),
                                                   [QgsProcessing.TypeVectorPolygon], optional=True),
                 tr("The valued parcels (PARCEL_ID, AREA_M2, DLMC, V_MAT, V_REG, V_CUL, V_TOTAL): areas, values "
                    "and the map of the trade's lots. Without it the certificate lists the parcel ids only."))
        self.add(QgsProcessingParameterFeatureSource("REVENUE_PLAN", tr("Revenue plan"), [QgsProcessing.TypeVector],
                                                     optional=True),
                 tr("The trade's distribution plan from swcvalue:revenueplan (RECIPIENT, CATEGORY, HOLDER, "
                    "PERCENT, AMOUNT)."))
        self.add(QgsProcessingParameterFile("TEMPLATES", tr("Templates folder"), QgsProcessingParameterFile.Folder,
                                            optional=True),
                 tr("A folder with an edited certificate.html; empty: the plugin's resources/templates."),
                 advanced=True)
        self.add(QgsProcessingParameterFileDestination("OUTPUT", tr("Certificate"),
                                                       tr("PDF (*.pdf);;HTML (*.html)")),
                 tr("The certificate file: .pdf or .html."))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        reg = Register.open(self.parameterAsFile(parameters, "REGISTER", context))
        trade_id = self.parameterAsString(parameters, "TRADE_ID", context).strip()
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not out:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        layer = self.parameterAsVectorLayer(parameters, "PARCELS", context)
        parcels = layer_frame(layer) if layer is not None else None
        if parcels is not None and "PARCEL_ID" not in parcels.columns:
            raise QgsProcessingException(tr("The parcels have no PARCEL_ID field."))
        plan_src = self.parameterAsSource(parameters, "REVENUE_PLAN", context)
        plan = layer_frame(plan_src) if plan_src is not None else None
        templates = self.parameterAsFile(parameters, "TEMPLATES", context) or None
        model = certificate_model(reg, trade_id, parcels, plan)
        pdf = Path(out).suffix.lower() == ".pdf"
        body = render("certificate", model, report_layout.FONT_CSS, Path(templates) if templates else None)
        if pdf:
            if parcels is not None:
                missing = sorted(set(model["parcel_ids"]) - set(parcels["PARCEL_ID"].astype(str)))
                if missing:
                    feedback.pushWarning(tr("{n} parcel(s) of the trade are not in the parcels layer: {ids}").format(
                        n=len(missing), ids=", ".join(missing[:10])))
            body = body.replace('<h1 class="doc-title">', '<h1 class="doc-title" style="display:none">', 1)
            project = report_layout.private_project()
            lots = []
            if layer is not None:
                lots = [report_layout.lots_layer(layer.source(), layer.providerType(), tr("Trade lots"),
                                                 model["parcel_ids"])]
            subtitle = f"凭证编号 {model['cert_no']}　交易编号 {model['trade_id']}　经营主体 {model['operator']}"
            try:
                report_layout.document_pdf(out, model["title"], subtitle, lots, body, project)
            except RuntimeError as err:
                raise QgsProcessingException(tr("The PDF could not be written: {err}").format(err=err)) from err
        else:
            Path(out).write_text(body, encoding="utf-8")
        feedback.pushInfo(tr("Certificate of trade {trade} written to {path}.").format(trade=trade_id, path=out))
        return {"OUTPUT": out}
