"""``swcvalue:promotionmap`` — the offline promotion page (推介图) of the lots on offer (clause 八, 云招商)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..i18n import tr
from ..valuation.errors import Cancelled
from ..valuation.progress import Monitor
from ..valuation.promotion import page_data, render_page, write_page
from ..valuation.register import Register
from . import qgis_io
from .base import SwcAlgorithm
from .reference_price import TRADING_GROUP, trading_group

DEFAULT_TITLE = "水土保持生态产品推介图"


def page_title(title: str, county: str) -> str:
    """TITLE when given, else ``<COUNTY>水土保持生态产品推介图``."""
    return title.strip() or f"{county.strip()}{DEFAULT_TITLE}"


class PromotionMapAlgorithm(SwcAlgorithm):
    ALG_ID = "promotionmap"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Promotion map (offline web page)")

    def help_text(self) -> str:
        return tr(
            "Writes one self-contained HTML page for promoting the lots at fairs and online (云交易、云招商): a map "
            "of the lots coloured by accounted value per mu, and for each lot a panel in Chinese with product, "
            "area, accounted value by class (labelled 核算价值, not a price), price (the contract price once "
            "signed, else the listing price 挂牌价, else 待定), term, permitted operating forms, operator "
            "conditions and contact. The page needs no network: the map library (Leaflet, with its licence) and "
            "the data are inside the file and there is no basemap, so it can be sent as one file or opened from "
            "a USB stick. Boundaries are generalised with reduced coordinate precision unless PRECISE is set; "
            "publishing a map in China may require map review (审图号), which the page notes."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add_register(tr("The project's register with the trades."))
        self.add(QgsProcessingParameterString("TRADE_IDS", tr("Trade ids (comma-separated)"), optional=True),
                 tr("The trades to show, one lot each; empty: every trade at status listed or later (a listed "
                    "trade has its listing price, term, operating forms and contact)."))
        self.add(QgsProcessingParameterFeatureSource("PARCELS", tr("Valued parcels"),
                                                     [QgsProcessing.TypeVectorPolygon]),
                 tr("The valued parcels from swcvalue:accountvalues (PARCEL_ID, AREA_M2, V_MAT, V_REG, V_CUL, "
                    "V_TOTAL; DLMC when present) in a projected CRS; every parcel of the trades must be in it."))
        self.add(QgsProcessingParameterBoolean("PRECISE", tr("Precise boundaries"), False),
                 tr("false (default): boundaries generalised and coordinates rounded for the public "
                    "(resources/parameters/publication_v1.csv); true: precise boundaries, only on request (e.g. "
                    "for the trading platform)."))
        self.add(QgsProcessingParameterString("COUNTY", tr("County"), optional=True),
                 tr("The county's name; the title is the county's name followed by 水土保持生态产品推介图 "
                    "unless TITLE is given."))
        self.add(QgsProcessingParameterString("TITLE", tr("Title"), optional=True),
                 tr("The page's title (Chinese)."))
        self.add(QgsProcessingParameterBoolean("CONTEXT", tr("Draw all parcels as grey context"), True),
                 tr("Also draw the union of every parcel of the layer in grey behind the lots (generalised like "
                    "the lots)."), advanced=True)
        self.add(QgsProcessingParameterFile("TEMPLATES", tr("Templates folder"), QgsProcessingParameterFile.Folder,
                                            optional=True),
                 tr("A folder with an edited promotion_map.html and/or promotion_map.js; empty: the plugin's "
                    "resources/templates."), advanced=True)
        self.add(QgsProcessingParameterFileDestination("OUTPUT", tr("Promotion page"), tr("HTML files (*.html)")),
                 tr("The page, one .html file."))
        self.addOutput(QgsProcessingOutputNumber("LOT_COUNT", tr("Lots shown")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        reg = Register.open(self.parameterAsFile(parameters, "REGISTER", context))
        ids = [t.strip() for t in self.parameterAsString(parameters, "TRADE_IDS", context).replace("，", ",")
               .split(",") if t.strip()]
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not out:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        source = self.parameterAsSource(parameters, "PARCELS", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "PARCELS"))
        layer_name = source.sourceName() or "PARCELS"
        parcels = qgis_io.source_to_gdf(source, feedback, (0.0, 40.0))
        if feedback.isCanceled():
            raise Cancelled()
        title = page_title(self.parameterAsString(parameters, "TITLE", context),
                           self.parameterAsString(parameters, "COUNTY", context))
        page = page_data(reg, parcels, ids or None, title=title,
                         precise=self.parameterAsBool(parameters, "PRECISE", context),
                         context=self.parameterAsBool(parameters, "CONTEXT", context), layer=layer_name)
        feedback.setProgress(80)
        self.report(feedback, page.notices)
        if feedback.isCanceled():
            raise Cancelled()
        templates = self.parameterAsFile(parameters, "TEMPLATES", context) or None
        path = write_page(out, render_page(page, Path(templates) if templates else None))
        feedback.pushInfo(tr("Promotion page with {n} lot(s) ({ids}) written to {path}.").format(
            n=len(page.lot_ids), ids=", ".join(page.lot_ids), path=str(path)))
        return {"OUTPUT": str(path), "LOT_COUNT": len(page.lot_ids)}
