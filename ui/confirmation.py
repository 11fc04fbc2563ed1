"""Printable confirmation sheets (权属确认单), one PDF per right holder: their parcels with areas, a small
map with the parcels numbered as in the table, and lines for signatures.

Built with QTextDocument + QPrinter (PDF); the map is rendered with QgsMapSettings from the parcel layer
and a temporary memory layer that belongs to no project, so the user's project is never touched.
Identifiers are masked. A CJK font is chosen when one is installed (Windows: Microsoft YaHei/SimSun;
Debian: fonts-wqy-zenhei or Noto CJK).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from qgis.core import (
    Qgis,
    QgsDistanceArea,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsPalLayerSettings,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QMarginsF, QSize, QSizeF, QUrl
from qgis.PyQt.QtGui import QColor, QFont, QFontDatabase, QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from qgis.PyQt.QtPrintSupport import QPrinter

from ..i18n import tr
from ..processing_provider.assign_ownership import explain_reasons
from ..valuation.ownership import ASSIGNED_FIELDS, ineligibility_reasons, mask_identifier, text
from .editing import GEOMETRY, read_rows
from .parcel_model import dispute_label, own_type_label, seller_text

CJK_FAMILIES = ("Microsoft YaHei", "SimSun", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing CN")


def cjk_family() -> Optional[str]:
    """The first installed font family of :data:`CJK_FAMILIES`, None when there is none."""
    families = set(QFontDatabase().families())
    return next((f for f in CJK_FAMILIES if f in families), None)


def holders(layer: QgsVectorLayer, fids: Optional[Iterable[int]] = None) -> list[str]:
    """The distinct right holders of the parcels ``fids`` (None: all), sorted."""
    rows = read_rows(layer, fids, ["HOLDER"])
    return sorted({h for h in (text(r.get("HOLDER")) for r in rows.values()) if h})


def safe_filename(name: str) -> str:
    """A file-name-safe version of a holder's name (Chinese kept)."""
    s = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', "_", name).strip(" ._")
    return s[:80] or "holder"


def _holder_rows(layer: QgsVectorLayer, holder: str) -> list[dict]:
    names = ["PARCEL_ID", "BSM", "DLBM", "DLMC", "AREA_MU", "AREA_M2", *ASSIGNED_FIELDS]
    rows = read_rows(layer, None, names, geometry=True)
    chosen = [dict(r, fid=fid) for fid, r in rows.items() if text(r.get("HOLDER")) == holder]
    chosen.sort(key=lambda r: (text(r.get("PARCEL_ID")) or "", r["fid"]))
    da = QgsDistanceArea()
    da.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
    da.setEllipsoid(layer.crs().ellipsoidAcronym() or QgsProject.instance().ellipsoid() or "EPSG:7019")
    for r in chosen:
        geom = r[GEOMETRY]
        m2 = r.get("AREA_M2")
        if m2 is None and geom is not None and not geom.isNull():
            m2 = da.measureArea(geom)
        r["AREA_M2"] = None if m2 is None else float(m2)
        mu = r.get("AREA_MU")
        r["AREA_MU"] = float(mu) if mu is not None else (None if m2 is None else float(m2) * 15.0 / 10000.0)
    return chosen


def render_map(layer: QgsVectorLayer, rows: list[dict], size: Optional[QSize] = None) -> QImage:
    """The holder's parcels (red, numbered 1…n as in the sheet's table) over the parcel layer."""
    size = size or QSize(1200, 600)
    hl = QgsVectorLayer(f"Polygon?crs={layer.crs().authid() or 'EPSG:4326'}&field=NO:integer", "sheet", "memory")
    if not layer.crs().authid():
        hl.setCrs(layer.crs())
    feats = []
    extent = QgsRectangle()
    extent.setMinimal()
    for i, r in enumerate(rows, start=1):
        geom = r[GEOMETRY]
        if geom is None or geom.isNull():
            continue
        f = QgsFeature(hl.fields())
        f.setGeometry(geom)
        f.setAttributes([i])
        feats.append(f)
        extent.combineExtentWith(geom.boundingBox())
    hl.dataProvider().addFeatures(feats)
    hl.updateExtents()
    hl.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "255,112,67,150", "outline_color": "#b71c1c", "outline_width": "0.7"})))
    fmt = QgsTextFormat()
    fmt.setSize(11)
    fmt.setColor(QColor("#000000"))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(1.0)
    buf.setColor(QColor("#ffffff"))
    fmt.setBuffer(buf)
    pal = QgsPalLayerSettings()
    pal.fieldName = "NO"
    pal.setFormat(fmt)
    hl.setLabeling(QgsVectorLayerSimpleLabeling(pal))
    hl.setLabelsEnabled(True)

    if not extent.isEmpty():
        extent.scale(1.25)
    else:
        extent = layer.extent()
    # the surrounding parcels, plain grey (the user's layer and its style are left alone)
    context = QgsVectorLayer(f"Polygon?crs={layer.crs().authid() or 'EPSG:4326'}", "context", "memory")
    if not layer.crs().authid():
        context.setCrs(layer.crs())
    around = []
    wide = QgsRectangle(extent)
    wide.scale(2.0)
    request = QgsFeatureRequest().setFilterRect(wide).setNoAttributes()
    for feat in layer.getFeatures(request):
        g = QgsFeature()
        g.setGeometry(feat.geometry())
        around.append(g)
    context.dataProvider().addFeatures(around)
    context.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "#f4f4f0", "outline_color": "#9a9a9a", "outline_width": "0.2"})))

    settings = QgsMapSettings()
    settings.setLayers([hl, context])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(size)
    settings.setOutputDpi(150)
    settings.setBackgroundColor(QColor("#ffffff"))
    settings.setFlag(Qgis.MapSettingsFlag.DrawSelection, False)
    settings.setFlag(Qgis.MapSettingsFlag.DrawLabeling, True)
    settings.setFlag(Qgis.MapSettingsFlag.Antialiasing, True)
    settings.setExtent(extent)
    image = QImage(size, QImage.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.start()
    job.waitForFinished()
    painter.end()
    image.setText("scale", f"{settings.scale():.0f}")
    return image


def _zh_label(code: Any, label: Callable[[Any], str]) -> str:
    """The Chinese label only (the sheet is signed by Chinese right holders)."""
    return label(code).split(" (")[0]


def sheet_html(layer: QgsVectorLayer, holder: str, rows: list[dict], scale: float, map_size: tuple[int, int]) -> str:
    """The sheet's HTML (the map as resource ``map.png``, shown at ``map_size`` document pixels)."""
    e = html.escape
    codes = sorted({mask_identifier(r.get("HOLDER_CD")) for r in rows if text(r.get("HOLDER_CD"))})
    heads = [tr("No."), tr("Parcel id"), tr("Land use"), tr("Area (亩)"), tr("Area (m²)"), tr("Ownership type"),
             tr("Seller"), tr("Dispute status"), tr("Eligibility")]
    title, holder_t, code_t = tr("Confirmation of parcel ownership"), tr("Right holder"), tr("Right holder code")
    layer_t, printed_t, total_t = tr("Parcel layer"), tr("Printed"), tr("Total")
    map_t = tr("Map: the numbers are the table rows; scale about 1:{scale}.").format(scale=f"{scale:,.0f}")
    statement = tr("The right holder confirms that the parcels listed above and outlined on the map are theirs "
                   "and that the ownership recorded for them is correct.")
    sign_holder, sign_tech, date_t = tr("Right holder (signature or seal)"), tr("Technician"), tr("Date")
    code_part = f" &nbsp; <b>{e(code_t)}:</b> {e(', '.join(codes))}" if codes else ""
    lines = [
        f"<h2 align='center'>{e(title)}</h2>",
        f"<p><b>{e(holder_t)}:</b> {e(holder)}{code_part}</p>",
        f"<p>{e(layer_t)}: {e(layer.name())} &nbsp; {e(printed_t)}: {dt.date.today().isoformat()}</p>",
        "<table border='1' cellspacing='0' cellpadding='3' width='100%' style='border-collapse:collapse'>",
        "<tr>" + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr>",
    ]
    total_mu = total_m2 = 0.0
    eligible_t = tr("Eligible")
    for i, r in enumerate(rows, start=1):
        why = ineligibility_reasons(r)
        land = " ".join(p for p in (text(r.get("DLBM")), text(r.get("DLMC"))) if p)
        mu, m2 = r.get("AREA_MU"), r.get("AREA_M2")
        total_mu += mu or 0.0
        total_m2 += m2 or 0.0
        cells = [str(i), text(r.get("PARCEL_ID")) or "", land,
                 "" if mu is None else f"{mu:,.2f}", "" if m2 is None else f"{m2:,.1f}",
                 _zh_label(r.get("OWN_TYPE"), own_type_label), seller_text(r.get("SELLER"), r.get("SELLER_CD")),
                 _zh_label(r.get("DISPUTE"), dispute_label), eligible_t if not why else explain_reasons(";".join(why))]
        style = {1: " style='white-space:nowrap'", 3: " align='right'", 4: " align='right'"}
        lines.append("<tr>" + "".join(f"<td{style.get(j, '')}>{e(c)}</td>" for j, c in enumerate(cells)) + "</tr>")
    lines += [
        f"<tr><td colspan='3'><b>{e(total_t)}</b></td><td align='right'><b>{total_mu:,.2f}</b></td>"
        f"<td align='right'><b>{total_m2:,.1f}</b></td><td colspan='4'></td></tr>",
        "</table>",
        f"<p align='center'><img src='map.png' width='{map_size[0]}' height='{map_size[1]}'></p>",
        f"<p align='center' style='font-size:small'>{e(map_t)}</p>",
        f"<p>{e(statement)}</p>",
        "<br><table width='100%' cellpadding='6'><tr>"
        f"<td>{e(sign_holder)}: ____________________</td><td>{e(date_t)}: ______________</td></tr><tr>"
        f"<td>{e(sign_tech)}: ____________________</td><td>{e(date_t)}: ______________</td></tr></table>",
    ]
    return "\n".join(lines)


def write_sheet(layer: QgsVectorLayer, holder: str, path: Path) -> Path:
    """Write the confirmation sheet of one right holder as a PDF; returns ``path``."""
    rows = _holder_rows(layer, holder)
    image = render_map(layer, rows)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(15, 15, 15, 15),
                                      QPageLayout.Millimeter))
    printer.setCreator("SWC EcoValue")
    printer.setDocName(tr("Confirmation of parcel ownership") + f" — {holder}")
    page = printer.pageRect(QPrinter.DevicePixel)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(printer)  # lay out in printer pixels: the page width is the text width
    doc.setPageSize(QSizeF(page.width(), page.height()))
    family = cjk_family()
    font = QFont(family) if family else QFont()
    font.setPointSizeF(9.0)
    doc.setDefaultFont(font)
    doc.addResource(QTextDocument.ImageResource, QUrl("map.png"), image)
    width = int(page.width() * 0.9 * 96.0 / printer.logicalDpiX())  # images are sized in 96-dpi pixels
    map_size = (width, int(width * image.height() / max(image.width(), 1)))
    doc.setHtml(sheet_html(layer, holder, rows, float(image.text("scale") or 0), map_size))
    doc.print_(printer)
    return Path(path)


def write_sheets(layer: QgsVectorLayer, names: Iterable[str], folder: Path) -> list[Path]:
    """One PDF per right holder in ``folder`` (``confirmation_<holder>.pdf``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_sheet(layer, h, folder / f"confirmation_{safe_filename(h)}.pdf") for h in names]
