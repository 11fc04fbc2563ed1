"""``swcvalue:workplan`` — the trading work plan (交易工作计划, clause （四）) of one or more lots, PDF/HTML + .odt.

PDF: a QGIS print layout on a private project (:mod:`.report_layout`) with a map of the lots (each trade in its own
colour, labelled with its id) and the plan's text from ``resources/templates/workplan.html``; the same text goes to
an editable OpenDocument file (``OUTPUT_DOC``) written by the engine (:mod:`..valuation.odf`).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any, Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemHtml,
    QgsLayoutItemPage,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsPalLayerSettings,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterString,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QVariant
from qgis.PyQt.QtGui import QColor

from ..compat import algorithm_flag
from ..i18n import tr
from ..valuation.odf import Image
from ..valuation.progress import Monitor
from ..valuation.register import Register
from ..valuation.workplan import (
    DUTIES_PATH,
    SCHEDULE_PATH,
    WorkPlan,
    approval_blocks,
    load_duties,
    load_schedule,
    lots_frame,
    parse_overrides,
    plan_blocks,
    plan_html,
    plan_title,
    workplan_model,
    write_plan_odt,
)
from . import qgis_io, report_layout
from .base import SwcAlgorithm
from .messages import translate_notice
from .reference_price import TRADING_GROUP, trading_group

#: The lots' fills in the map, one per trade in order (the first is the certificate's LOT_FILL).
LOT_COLOURS = (report_layout.LOT_FILL, (0, 114, 178), (230, 159, 0), (0, 158, 115), (86, 180, 233),
               (213, 94, 0), (204, 121, 167), (240, 228, 66))


def _memory_layer(gdf: Any, name: str, crs: QgsCoordinateReferenceSystem, with_parcel: bool) -> QgsVectorLayer:
    fields = "&field=TRADE_ID:string(80)" + ("&field=PARCEL_ID:string(120)" if with_parcel else "")
    layer = QgsVectorLayer(f"MultiPolygon?index=yes{fields}", name, "memory")
    layer.setCrs(crs)
    feats = []
    for row in gdf.itertuples(index=False):
        if row.geometry is None or row.geometry.is_empty:
            continue
        f = QgsFeature(layer.fields())
        geom = QgsGeometry()
        geom.fromWkb(row.geometry.wkb)
        geom.convertToMultiType()
        f.setGeometry(geom)
        f.setAttributes([row.TRADE_ID, row.PARCEL_ID] if with_parcel else [row.TRADE_ID])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


def map_layers(plan: WorkPlan, crs: QgsCoordinateReferenceSystem) -> list[QgsVectorLayer]:
    """The lots' parcels filled per trade (:data:`LOT_COLOURS`) and the lots' outlines labelled with their ids."""
    parcels = lots_frame(plan)
    if parcels is None or not len(parcels):
        return []
    fill = _memory_layer(parcels, "交易地块", crs, True)
    cats = []
    for i, lot in enumerate(plan.lots):
        r, g, b = LOT_COLOURS[i % len(LOT_COLOURS)]
        sym = QgsFillSymbol.createSimple({"color": f"{r},{g},{b},255", "outline_color": "40,40,40,255",
                                          "outline_width": "0.1", "outline_width_unit": "MM"})
        cats.append(QgsRendererCategory(lot.trade_id, sym, f"{lot.trade_id} {lot.product}"))
    fill.setRenderer(QgsCategorizedSymbolRenderer("TRADE_ID", cats))
    outline = _memory_layer(lots_frame(plan, dissolve=True), "交易编号", crs, False)
    sym = QgsFillSymbol.createSimple({"style": "no", "outline_color": "0,0,0,255", "outline_width": "0.4",
                                      "outline_width_unit": "MM"})
    outline.setRenderer(QgsSingleSymbolRenderer(sym))
    settings = QgsPalLayerSettings()
    settings.fieldName = "TRADE_ID"
    settings.placement = QgsPalLayerSettings.OverPoint
    fmt = QgsTextFormat.fromQFont(report_layout.font(10, bold=True))
    fmt.setSize(10)
    fmt.setColor(QColor(0, 0, 0))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setColor(QColor(255, 255, 255))
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    outline.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    outline.setLabelsEnabled(True)
    return [outline, fill]


def approval_page(layout: Any, html_text: str) -> None:
    """The approval section on a new last page of the layout (never split across pages)."""
    page = QgsLayoutItemPage(layout)
    page.setPageSize("A4", QgsLayoutItemPage.Portrait)
    pages = layout.pageCollection()
    pages.addPage(page)
    item = QgsLayoutItemHtml(layout)
    item.setContentMode(QgsLayoutItemHtml.ManualHtml)
    item.setResizeMode(QgsLayoutMultiFrame.UseExistingFrames)
    layout.addMultiFrame(item)
    m = report_layout.MARGIN
    frame = QgsLayoutFrame(layout, item)
    frame.attemptSetSceneRect(QRectF(m, m, report_layout.PAGE_W - 2 * m, report_layout.PAGE_H - 2 * m))
    frame.attemptMove(QgsLayoutPoint(m, m, QgsUnitTypes.LayoutMillimeters), page=pages.pageCount() - 1)
    item.addFrame(frame)
    item.setHtml(html_text)
    item.loadHtml()


def write_pdf(path: str, plan: WorkPlan, layers: list[QgsVectorLayer], body: str, approval: str) -> None:
    """Title, subtitle, the map of the lots, the plan's text, and the approval page, exported to ``path``."""
    project = report_layout.private_project()
    for lyr in layers:
        project.addMapLayer(lyr)  # in the private project's layer tree, for the legend
    layout = report_layout.new_layout(project, plan_title(plan))
    report_layout.add_label(layout, plan_title(plan), report_layout.TITLE_RECT, 20, bold=True)
    ids = "、".join(lot.trade_id for lot in plan.lots)
    report_layout.add_label(layout, f"交易编号 {ids}　编制基准日 {plan.start_date.isoformat()}",
                            report_layout.SUBTITLE_RECT, 10)
    report_layout.add_map(layout, layers, report_layout.MAP_RECT, "图例" if layers else None)
    report_layout.add_html(layout, body, report_layout.MAP_RECT[1] + report_layout.MAP_RECT[3] + 4)
    approval_page(layout, approval)
    report_layout.export_pdf(layout, path)


def map_image(plan: WorkPlan, layers: list[QgsVectorLayer], dpi: float = 150.0) -> Optional[Image]:
    """The map of the lots as in the PDF (legend beside them), as a PNG picture for the .odt; None without
    layers. ``layers`` must be new ones (a layer belongs to one project)."""
    if not layers:
        return None
    project = report_layout.private_project()
    for lyr in layers:
        project.addMapLayer(lyr)
    layout = report_layout.new_layout(project, plan_title(plan))
    rect = report_layout.MAP_RECT
    report_layout.add_map(layout, layers, rect, "图例")
    image = QgsLayoutExporter(layout).renderRegionToImage(QRectF(*rect), QSize(), dpi)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image(bytes(data), rect[2] / 10, rect[3] / 10)


def _atomic(path: str, write: Any) -> None:
    """Call ``write(tmp)`` for a temporary file beside ``path`` with the same suffix, then rename it into place."""
    target = Path(path)
    tmp = target.with_name(f".{target.stem}.{uuid.uuid4().hex}{target.suffix}")
    try:
        write(str(tmp))
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


class WorkPlanAlgorithm(SwcAlgorithm):
    ALG_ID = "workplan"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Trading work plan")

    def flags(self) -> Any:
        return super().flags() | algorithm_flag("NoThreading")

    def help_text(self) -> str:
        return tr(
            "Writes the trading work plan (交易工作计划) a county drafts before the accounting (clause （四）) for "
            "one or more trades of the project register (status planned or later), as PDF or HTML and as an "
            "editable OpenDocument text (.odt): product types and scope with a map of the lots, scale (area in m², "
            "mu and hm²; accounted value by class when the parcels are valued), the schedule of milestones "
            "(accounting, appraisal, listing, publicity, contract, certificate, feedback plan), the sellers with "
            "their rights, the departments' division of duties and blank approval fields for the county "
            "government. Milestone dates already in the register are shown as done; the others follow from "
            "START_DATE and the durations of resources/templates/workplan_schedule.csv, each with its basis; the "
            "feedback plan is due 6 months after the contract."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add_register(tr("The project's register holding the trades."))
        self.add(QgsProcessingParameterString("TRADE_IDS", tr("Trade ids"), optional=True),
                 tr("Comma-separated trade ids; empty: every trade in the register."))
        self.add(QgsProcessingParameterFeatureSource("PARCELS", tr("Parcels"), [QgsProcessing.TypeVectorPolygon]),
                 tr("The parcels with PARCEL_ID and AREA_M2 (from swcvalue:splitparcels or swcvalue:accountvalues); "
                    "DLBM/DLMC give the land-use breakdown, ZLDWMC the villages, V_MAT, V_REG, V_CUL and V_TOTAL "
                    "the accounted value by class."))
        self.add(QgsProcessingParameterString("COUNTY", tr("County"), optional=True),
                 tr("The county named in the plan; empty: the trades' COUNTY in the register, if any."))
        self.add(QgsProcessingParameterString("START_DATE", tr("Start date (YYYY-MM-DD)"), optional=True),
                 tr("The date the schedule starts from (the plan's approval); empty: today."))
        self.add(QgsProcessingParameterMatrix("SCHEDULE", tr("Milestone dates"), numberRows=0,
                                              hasFixedNumberRows=False, headers=[tr("Milestone"), tr("Date")],
                                              optional=True),
                 tr("Planned dates fixed by hand, as milestone, date pairs (accounting, appraisal, listing, "
                    "publicity, contract, certificate), e.g. contract, 2026-08-31; later milestones follow from "
                    "them. Dates already in the register take precedence."))
        self.add(QgsProcessingParameterFile("DUTIES_TABLE", tr("Division of duties (CSV)"),
                                            QgsProcessingParameterFile.File, extension="csv", optional=True),
                 tr("A CSV with the columns department and duties (optional source) replacing "
                    "resources/templates/workplan_duties.csv."))
        self.add(QgsProcessingParameterFile("TEMPLATES", tr("Templates folder"), QgsProcessingParameterFile.Folder,
                                            optional=True),
                 tr("A folder with an edited workplan.html, workplan_schedule.csv and/or workplan_duties.csv; "
                    "empty: the plugin's resources/templates."), advanced=True)
        self.add(QgsProcessingParameterFileDestination("OUTPUT", tr("Work plan"), tr("PDF (*.pdf);;HTML (*.html)")),
                 tr("The work plan: .pdf (with the map) or .html."))
        self.add(QgsProcessingParameterFileDestination("OUTPUT_DOC", tr("Editable work plan"),
                                                       tr("OpenDocument text (*.odt)"), optional=True,
                                                       createByDefault=False),
                 tr("The same plan as an OpenDocument text (.odt) to edit in WPS, Word or LibreOffice."))
        self.addOutput(QgsProcessingOutputNumber("LOT_COUNT", tr("Trades in the plan")))
        self.addOutput(QgsProcessingOutputNumber("AREA_MU", tr("Area (mu)")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        reg = Register.open(self.parameterAsFile(parameters, "REGISTER", context))
        ids = [s.strip() for s in self.parameterAsString(parameters, "TRADE_IDS", context).replace("，", ",")
               .split(",") if s.strip()]
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not out:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        doc = self.parameterAsFileOutput(parameters, "OUTPUT_DOC", context)
        if doc and Path(doc).suffix.lower() != ".odt":
            raise QgsProcessingException(tr("The editable work plan must be an .odt file, not {path}.").format(
                path=doc))
        source = self.parameterAsSource(parameters, "PARCELS", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "PARCELS"))
        gdf = qgis_io.source_to_gdf(source, feedback, (0.0, 30.0))
        monitor.check()
        templates_dir = self.parameterAsFile(parameters, "TEMPLATES", context) or None
        templates: Optional[Path] = Path(templates_dir) if templates_dir else None
        sched_path = templates / SCHEDULE_PATH.name if templates and (templates / SCHEDULE_PATH.name).is_file() \
            else None
        duties_path = self.parameterAsFile(parameters, "DUTIES_TABLE", context) or None
        if duties_path is None and templates and (templates / DUTIES_PATH.name).is_file():
            duties_path = str(templates / DUTIES_PATH.name)
        html_templates = templates if templates and (templates / "workplan.html").is_file() else None
        layer_name = source.sourceName() if hasattr(source, "sourceName") else "PARCELS"
        cells = [None if isinstance(c, QVariant) and c.isNull() else c  # an empty matrix is [NULL]
                 for c in self.parameterAsMatrix(parameters, "SCHEDULE", context)]
        overrides = parse_overrides(cells)
        plan = workplan_model(reg, ids, gdf, self.parameterAsString(parameters, "COUNTY", context),
                              self.parameterAsString(parameters, "START_DATE", context).strip() or None,
                              overrides, load_schedule(sched_path), load_duties(duties_path),
                              layer_name=layer_name or "PARCELS")
        for n in plan.notices:
            feedback.pushWarning(translate_notice(n))
        feedback.setProgress(40)
        if Path(out).suffix.lower() == ".pdf":
            hide = ('<h1 class="doc-title">', '<h1 class="doc-title" style="display:none">')
            body = plan_html(plan, report_layout.FONT_CSS, html_templates,
                             plan_blocks(plan, approval=False)).replace(*hide, 1)
            approval = plan_html(plan, report_layout.FONT_CSS, html_templates, approval_blocks()).replace(*hide, 1)
            layers = map_layers(plan, source.sourceCrs())
            if not layers:
                feedback.pushWarning(tr("The parcels have no geometry: the work plan has no map."))
            try:
                _atomic(out, lambda tmp: write_pdf(tmp, plan, layers, body, approval))
            except RuntimeError as err:
                raise QgsProcessingException(tr("The PDF could not be written: {err}").format(err=err)) from err
        else:
            body = plan_html(plan, report_layout.FONT_CSS, html_templates)
            _atomic(out, lambda tmp: Path(tmp).write_text(body, encoding="utf-8"))
        feedback.setProgress(90)
        result: dict[str, Any] = {"OUTPUT": out, "LOT_COUNT": len(plan.lots),
                                  "AREA_MU": sum(lot.area_mu for lot in plan.lots)}
        if doc:
            picture = map_image(plan, map_layers(plan, source.sourceCrs()))
            write_plan_odt(plan, doc, report_layout.FONT_FAMILIES[1], picture)
            result["OUTPUT_DOC"] = doc
        feedback.pushInfo(tr("Work plan for {n} trade(s), {mu:,.2f} mu, written to {path}.").format(
            n=len(plan.lots), mu=result["AREA_MU"], path=out))
        return result
