"""``swcvalue:tradecertificate`` — the transaction certificate (交易凭证) of a certified trade, HTML or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..i18n import tr
from ..valuation.certificate import certificate_html
from ..valuation.progress import Monitor
from ..valuation.register import Register
from .base import SwcAlgorithm
from .reference_price import TRADING_GROUP, trading_group


def write_pdf(html_text: str, path: str) -> None:
    """Render HTML to a PDF file with QTextDocument and QPrinter."""
    from qgis.PyQt.QtGui import QTextDocument
    from qgis.PyQt.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(path)
    doc = QTextDocument()
    doc.setHtml(html_text)
    doc.print_(printer)


class TradeCertificateAlgorithm(SwcAlgorithm):
    ALG_ID = "tradecertificate"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Transaction certificate")

    def help_text(self) -> str:
        return tr(
            "Writes the transaction certificate (交易凭证) of a certified trade from the project register as HTML "
            "or PDF (by the file extension): certificate number, product, sellers, operator, term, accounted and "
            "appraised value, price, contract, revenue-plan approval, the three filings and the parcels. The "
            "operator's identifier is masked. The form's labels are Chinese."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterFile("REGISTER", tr("Project register (GeoPackage)"),
                                            QgsProcessingParameterFile.File, extension="gpkg"),
                 tr("The project's register."))
        self.add(QgsProcessingParameterString("TRADE_ID", tr("Trade id")),
                 tr("A trade with status certified or closed."))
        self.add(QgsProcessingParameterFileDestination("OUTPUT", tr("Certificate"),
                                                       tr("HTML (*.html);;PDF (*.pdf)")),
                 tr("The certificate file: .html or .pdf."))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        reg = Register.open(self.parameterAsFile(parameters, "REGISTER", context))
        trade_id = self.parameterAsString(parameters, "TRADE_ID", context).strip()
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not out:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        text = certificate_html(reg, trade_id)
        if Path(out).suffix.lower() == ".pdf":
            write_pdf(text, out)
        else:
            Path(out).write_text(text, encoding="utf-8")
        feedback.pushInfo(tr("Certificate of trade {trade} written to {path}.").format(trade=trade_id, path=out))
        return {"OUTPUT": out}
