"""``swcvalue:valuationreport`` — the accounting report a county submits (生态产品价值核算报告), PDF/HTML + .xlsx.

PDF: a QGIS print layout on a private project (:mod:`.report_layout`) with a choropleth of 元/(亩·a) (``V_PER_MU``)
and the report text from ``resources/templates/valuation_report.html``; the tables also go to an .xlsx workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..compat import algorithm_flag
from ..i18n import tr
from ..valuation.progress import Monitor
from ..valuation.report_model import render, valuation_model, write_valuation_xlsx
from . import report_layout
from .base import SwcAlgorithm
from .trade_certificate import layer_frame

REQUIRED = ("AREA_M2", "V_MAT", "V_REG", "V_CUL", "V_TOTAL")


class ValuationReportAlgorithm(SwcAlgorithm):
    ALG_ID = "valuationreport"
    GROUP_ID = "accounting"

    def flags(self) -> Any:
        return super().flags() | algorithm_flag("NoThreading")

    def display(self) -> str:
        return tr("Valuation report")

    def help_text(self) -> str:
        return tr(
            "Writes the accounting report a county submits (生态产品价值核算报告) from the valued parcels of "
            "swcvalue:accountvalues: method and formulas, every parameter with its unit, price year and source "
            "(from the PROVENANCE table), totals and low–high ranges by value class and by land-use type, the "
            "increment from soil and water conservation measures, a map of the value per mu (V_PER_MU), charts "
            "and the parcel table. The PDF is a QGIS print layout; the text comes from "
            "resources/templates/valuation_report.html, which a county can edit. TABLES writes the tables to an "
            "Excel workbook with Chinese headers."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterVectorLayer("INPUT", tr("Valued parcels"), [QgsProcessing.TypeVectorPolygon]),
                 tr("The OUTPUT of swcvalue:accountvalues (AREA_M2, DLBM, DLMC, V_MAT, V_REG, V_CUL, V_TOTAL, "
                    "V_TOT_LO, V_TOT_HI, DV_TOTAL, V_PER_MU)."))
        self.add(QgsProcessingParameterFile("PROVENANCE", tr("Provenance table (CSV)"),
                                            QgsProcessingParameterFile.File, extension="csv", optional=True),
                 tr("The PROVENANCE output of swcvalue:accountvalues: the parameters with unit, price year and "
                    "source."))
        self.add(QgsProcessingParameterString("COUNTY", tr("County"), optional=True),
                 tr("The accounting area named in the report."))
        self.add(QgsProcessingParameterString("YEAR", tr("Accounting year"), optional=True),
                 tr("The accounting year named in the report."))
        self.add(QgsProcessingParameterFile("TEMPLATES", tr("Templates folder"), QgsProcessingParameterFile.Folder,
                                            optional=True),
                 tr("A folder with an edited valuation_report.html; empty: the plugin's resources/templates."),
                 advanced=True)
        self.add(QgsProcessingParameterFileDestination("OUTPUT", tr("Report"), tr("PDF (*.pdf);;HTML (*.html)")),
                 tr("The report: .pdf or .html."))
        self.add(QgsProcessingParameterFileDestination("TABLES", tr("Report tables"), tr("Excel (*.xlsx)"),
                                                       optional=True, createByDefault=False),
                 tr("The report's tables as an .xlsx workbook with Chinese headers."))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not out:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        valued = layer_frame(layer)
        missing = [c for c in REQUIRED if c not in valued.columns]
        if missing:
            raise QgsProcessingException(tr("The parcels lack the fields {fields}; run swcvalue:accountvalues "
                                            "first.").format(fields=", ".join(missing)))
        prov_path = self.parameterAsFile(parameters, "PROVENANCE", context)
        provenance = pd.read_csv(prov_path, encoding="utf-8-sig") if prov_path else None
        if provenance is None:
            feedback.pushWarning(tr("No provenance table: the report lists no parameters."))
        model = valuation_model(valued, provenance, self.parameterAsString(parameters, "COUNTY", context).strip(),
                                self.parameterAsString(parameters, "YEAR", context).strip())
        templates = self.parameterAsFile(parameters, "TEMPLATES", context) or None
        body = render("valuation_report", model, report_layout.FONT_CSS, Path(templates) if templates else None)
        if Path(out).suffix.lower() == ".pdf":
            body = body.replace('<h1 class="doc-title">', '<h1 class="doc-title" style="display:none">', 1)
            project = report_layout.private_project()
            maps = []
            if "V_PER_MU" in valued.columns:
                maps = [report_layout.choropleth_layer(layer.source(), layer.providerType(), "V_PER_MU 元/(亩·a)")]
            else:
                feedback.pushWarning(tr("The parcels have no V_PER_MU field: the report has no map."))
            subtitle = f"{model['county']}　{model['year']}　核算价值 {model['total_value']:,.0f} 元/a"
            try:
                report_layout.document_pdf(out, model["title"], subtitle, maps, body, project,
                                           legend_title="单位面积价值" if maps else None)
            except RuntimeError as err:
                raise QgsProcessingException(tr("The PDF could not be written: {err}").format(err=err)) from err
        else:
            Path(out).write_text(body, encoding="utf-8")
        result = {"OUTPUT": out}
        tables = self.parameterAsFileOutput(parameters, "TABLES", context)
        if tables:
            write_valuation_xlsx(model, tables)
            result["TABLES"] = tables
        feedback.pushInfo(tr("Valuation report written to {path}.").format(path=out))
        return result
