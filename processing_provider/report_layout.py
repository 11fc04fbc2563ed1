"""QGIS print layouts for the documents (the trade certificate and the valuation report), exported to PDF.

Each document is an A4 portrait :class:`QgsPrintLayout` built in code on a **private** :class:`QgsProject` (never
the user's current project): a title, a map frame (the trade's lots in :data:`LOT_FILL`, or a choropleth of
元/(亩·a)), and the text parts as an HTML multi-frame that adds pages until the text is finished. The HTML comes
from the editable templates in ``resources/templates`` (see :mod:`..valuation.report_model`).

Fonts are named with Windows fallbacks first and WenQuanYi Zen Hei last (:data:`FONT_FAMILIES`). The algorithms
that call this run with the NoThreading flag.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import (
    QgsClassificationQuantile,
    QgsFillSymbol,
    QgsGradientColorRamp,
    QgsGraduatedSymbolRenderer,
    QgsLayout,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemHtml,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemScaleBar,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF
from qgis.PyQt.QtGui import QColor, QFont

#: Font families in order of preference (Windows county PCs first; WenQuanYi Zen Hei on Linux).
FONT_FAMILIES = ("Microsoft YaHei", "SimSun", "WenQuanYi Zen Hei")
FONT_CSS = ", ".join(f"'{f}'" for f in FONT_FAMILIES) + ", sans-serif"
#: The lots' fill in the certificate map: a distinctive magenta the tests look for in the rendered page.
LOT_FILL = (230, 0, 126)
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 15.0
#: The map frame (x, y, width, height in mm on page 1).
MAP_RECT = (MARGIN, 34.0, PAGE_W - 2 * MARGIN, 110.0)
TITLE_RECT = (MARGIN, 12.0, PAGE_W - 2 * MARGIN, 12.0)
#: Width (mm) kept free for the legend at the right of a map frame.
LEGEND_WIDTH = 64.0
SUBTITLE_RECT = (MARGIN, 24.0, PAGE_W - 2 * MARGIN, 8.0)
CHOROPLETH_COLOURS = ("#ffffcc", "#006837")


def font(size: float, bold: bool = False) -> QFont:
    """A QFont naming the preferred family with the others as fallbacks."""
    f = QFont(FONT_FAMILIES[0])
    f.setPointSizeF(size)
    f.setBold(bold)
    if hasattr(f, "setFamilies"):  # Qt ≥ 5.13
        f.setFamilies(list(FONT_FAMILIES))
    for fam in FONT_FAMILIES[:-1]:
        QFont.insertSubstitutions(fam, [x for x in FONT_FAMILIES if x != fam])
    return f


def private_project() -> QgsProject:
    """A new project that is never QgsProject.instance()."""
    return QgsProject()


def lots_layer(source: str, provider: str, name: str, ids: Optional[list[str]] = None) -> QgsVectorLayer:
    """A copy of a parcels layer, limited to ``ids`` (PARCEL_ID), filled with :data:`LOT_FILL`."""
    layer = QgsVectorLayer(source, name, provider)
    if ids is not None and layer.isValid():
        quoted = ",".join("'" + str(i).replace("'", "''") + "'" for i in ids)
        layer.setSubsetString(f'"PARCEL_ID" IN ({quoted})')
    r, g, b = LOT_FILL
    symbol = QgsFillSymbol.createSimple({"color": f"{r},{g},{b},255", "outline_color": "40,40,40,255",
                                         "outline_width": "0.15", "outline_width_unit": "MM"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def choropleth_layer(source: str, provider: str, name: str, field: str = "V_PER_MU",
                     classes: int = 5) -> QgsVectorLayer:
    """A copy of a valued parcels layer as a quantile choropleth of ``field``."""
    layer = QgsVectorLayer(source, name, provider)
    renderer = QgsGraduatedSymbolRenderer(field)
    renderer.setSourceSymbol(QgsFillSymbol.createSimple({"outline_color": "90,90,90,255", "outline_width": "0.1",
                                                         "outline_width_unit": "MM"}))
    renderer.setClassificationMethod(QgsClassificationQuantile())
    renderer.updateClasses(layer, classes)
    renderer.updateColorRamp(QgsGradientColorRamp(QColor(CHOROPLETH_COLOURS[0]), QColor(CHOROPLETH_COLOURS[1])))
    for i, rng in enumerate(renderer.ranges()):
        renderer.updateRangeLabel(i, f"{rng.lowerValue():,.0f} – {rng.upperValue():,.0f}")
    layer.setRenderer(renderer)
    return layer


def _place(item, rect: tuple[float, float, float, float], page: int = 0) -> None:
    x, y, w, h = rect
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters), page=page)
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))


def new_layout(project: QgsProject, name: str) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # one A4 page
    page = layout.pageCollection().page(0)
    page.setPageSize("A4", page.Portrait)
    layout.setName(name)
    return layout


def add_label(layout: QgsLayout, text: str, rect: tuple[float, float, float, float], size: float,
              bold: bool = False) -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    if hasattr(label, "setTextFormat"):  # 3.24+
        from qgis.core import QgsTextFormat

        fmt = QgsTextFormat.fromQFont(font(size, bold))
        fmt.setSize(size)
        label.setTextFormat(fmt)
    else:
        label.setFont(font(size, bold))
    label.setHAlign(0x0004)  # Qt.AlignHCenter
    layout.addLayoutItem(label)
    _place(label, rect)
    return label


def add_map(layout: QgsLayout, layers: list[QgsVectorLayer], rect: tuple[float, float, float, float],
            legend_title: Optional[str] = None) -> QgsLayoutItemMap:
    """A map frame showing ``layers`` (zoomed to their extent with a margin), a frame line and a scale bar."""
    item = QgsLayoutItemMap(layout)
    item.setLayers(layers)
    item.setKeepLayerSet(True)
    item.setFrameEnabled(True)
    item.setFrameStrokeColor(QColor(60, 60, 60))
    layout.addLayoutItem(item)
    _place(item, rect)
    extent: Optional[QgsRectangle] = None
    for lyr in layers:
        lyr.updateExtents()
        if extent is None:
            extent = QgsRectangle(lyr.extent())
        else:
            extent.combineExtentWith(lyr.extent())
    if layers:
        item.setCrs(layers[0].crs())
    if extent is not None and not extent.isEmpty():
        extent.scale(1.1)
        # the frame's aspect ratio (zoomToExtent gives an empty extent on some 3.22 builds); with a legend the
        # features are fitted into the frame left of it, so the legend never hides them
        free = rect[2] - (LEGEND_WIDTH if legend_title is not None else 0.0)
        aspect = free / rect[3]
        cx, cy = extent.center().x(), extent.center().y()
        w, h = extent.width(), extent.height()
        if w / max(h, 1e-9) < aspect:
            w = h * aspect
        else:
            h = w / aspect
        x0 = cx - w / 2
        item.setExtent(QgsRectangle(x0, cy - h / 2, x0 + w * rect[2] / free, cy + h / 2))
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(item)
    if hasattr(bar, "setTextFormat"):
        from qgis.core import QgsTextFormat

        fmt = QgsTextFormat.fromQFont(font(7))
        fmt.setSize(7)
        bar.setTextFormat(fmt)
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    bar.applyDefaultSize()
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(rect[0] + 2, rect[1] + rect[3] - 12, QgsUnitTypes.LayoutMillimeters))
    if legend_title is not None:
        legend = QgsLayoutItemLegend(layout)
        legend.setTitle(legend_title)
        legend.setLinkedMap(item)
        for style in (QgsLegendStyle.Title, QgsLegendStyle.Symbol, QgsLegendStyle.SymbolLabel):
            st = legend.style(style)
            if hasattr(st, "setTextFormat"):  # 3.30+
                from qgis.core import QgsTextFormat

                fmt = QgsTextFormat.fromQFont(font(9 if style == QgsLegendStyle.Title else 8))
                st.setTextFormat(fmt)
            else:
                st.setFont(font(9 if style == QgsLegendStyle.Title else 8))
            legend.setStyle(style, st)
        legend.setBackgroundEnabled(True)
        legend.setFrameEnabled(True)
        layout.addLayoutItem(legend)
        legend.attemptMove(QgsLayoutPoint(rect[0] + rect[2] - LEGEND_WIDTH + 1, rect[1] + 2,
                                          QgsUnitTypes.LayoutMillimeters))
        legend.adjustBoxSize()
    return item


def add_html(layout: QgsLayout, html_text: str, top: float) -> QgsLayoutItemHtml:
    """The HTML text, in a frame from ``top`` to the foot of page 1, continued on full new pages as needed."""
    html = QgsLayoutItemHtml(layout)
    html.setContentMode(QgsLayoutItemHtml.ManualHtml)
    html.setResizeMode(QgsLayoutMultiFrame.UseExistingFrames)
    html.setUseSmartBreaks(True)
    layout.addMultiFrame(html)
    width = PAGE_W - 2 * MARGIN

    def frame_on(page: int, y: float) -> QgsLayoutFrame:
        frame = QgsLayoutFrame(layout, html)
        frame.attemptSetSceneRect(QRectF(MARGIN, y, width, PAGE_H - MARGIN - y))
        if page:
            frame.attemptMove(QgsLayoutPoint(MARGIN, y, QgsUnitTypes.LayoutMillimeters), page=page)
        html.addFrame(frame)
        return frame

    last = frame_on(0, top)
    html.setHtml(html_text)
    html.loadHtml()
    total = html.totalSize().height()
    pages = layout.pageCollection()
    for _ in range(1000):
        html.recalculateFrameSizes()
        if last.extent().bottom() >= total - 0.5:
            break
        page = QgsLayoutItemPage(layout)
        page.setPageSize("A4", QgsLayoutItemPage.Portrait)
        pages.addPage(page)
        last = frame_on(pages.pageCount() - 1, MARGIN)
    return html


def export_pdf(layout: QgsLayout, path: str) -> None:
    """Export the layout to ``path``; raises RuntimeError on failure."""
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 200
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True
    result = QgsLayoutExporter(layout).exportToPdf(path, settings)
    if result != QgsLayoutExporter.Success:
        raise RuntimeError(f"PDF export failed ({result})")


def document_pdf(path: str, title: str, subtitle: str, map_layers: list[QgsVectorLayer], body_html: str,
                 project: QgsProject, legend_title: Optional[str] = None) -> QgsPrintLayout:
    """Title, subtitle, the map frame at :data:`MAP_RECT` and the HTML body, exported to ``path``."""
    for lyr in map_layers:
        project.addMapLayer(lyr)  # in the private project's layer tree, for the legend
    layout = new_layout(project, title)
    add_label(layout, title, TITLE_RECT, 20, bold=True)
    add_label(layout, subtitle, SUBTITLE_RECT, 10)
    add_map(layout, map_layers, MAP_RECT, legend_title)
    add_html(layout, body_html, MAP_RECT[1] + MAP_RECT[3] + 4)
    export_pdf(layout, path)
    return layout
