"""``swcvalue:listingpackage`` — what the public resource trading platform publishes for a trade (挂牌材料, 十).

Writes ``<TRADE_ID>_listing.json/.xlsx/.geojson/.gpkg/.pdf`` into OUTPUT_FOLDER from :mod:`..valuation.listing`;
the PDF is a QGIS print layout (:mod:`.report_layout`) with a map of the published lot boundary and the text from
``resources/templates/listing.html``. All five files are written to temporary names and renamed at the end.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..compat import algorithm_flag
from ..i18n import tr
from ..valuation.errors import Cancelled
from ..valuation.listing import build_listing, listing_html, listing_paths, staged, write_listing
from ..valuation.progress import Monitor
from ..valuation.register import Register
from . import qgis_io, report_layout
from .base import SwcAlgorithm
from .reference_price import TRADING_GROUP, trading_group

#: Listing notices shown as warnings.
WARNINGS = {"listing_below_appraisal", "publication_precise", "publication_map_review"}
OUTPUTS = {"JSON": "json", "XLSX": "xlsx", "GEOJSON": "geojson", "GPKG": "gpkg", "PDF": "pdf"}


class ListingPackageAlgorithm(SwcAlgorithm):
    ALG_ID = "listingpackage"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Listing package")

    def flags(self) -> Any:
        return super().flags() | algorithm_flag("NoThreading")

    def help_text(self) -> str:
        return tr(
            "Writes what the public resource trading platform publishes for a trade (挂牌材料, clause 十): the "
            "basic information, the parcels with land use and areas, the appraisal result, the permitted operating "
            "forms, the eligible operator scope, the proposed price and terms and the contact, as JSON and .xlsx; "
            "the lot boundary as GeoJSON (WGS 84 longitude/latitude) and as GeoPackage in the parcels' CRS (lot and "
            "parcels, precise); and a PDF summary with a map. The trade must be appraised or later and have every "
            "listing field; each trade parcel must be in the parcels layer with a consistent area and seller; an "
            "operator or investor on the excluded-operator list stops it. The GeoJSON and the PDF map are "
            "generalised (10 m) with 4 decimals unless PRECISE is set. Publishing a map in China may require map "
            "review (审图号)."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add_register(tr("The project's register."))
        self.add(QgsProcessingParameterString("TRADE_ID", tr("Trade id")),
                 tr("A trade with status appraised or later and the listing fields LISTING_PRICE, TERM_YEARS, "
                    "OPERATING_FORMS, OPERATOR_SCOPE and CONTACT (swcvalue:registertrade)."))
        self.add(QgsProcessingParameterVectorLayer("PARCELS", tr("Parcels"), [QgsProcessing.TypeVectorPolygon]),
                 tr("The parcels with PARCEL_ID (AREA_M2, DLBM, DLMC, ZLDWMC and SELLER used when present), in a "
                    "projected CRS."))
        self.add(QgsProcessingParameterBoolean("PRECISE", tr("Precise boundaries"), defaultValue=False),
                 tr("Write the GeoJSON and the PDF map with precise boundaries (7 decimals, not generalised), only "
                    "on request; the default is the public generalised boundary. The GeoPackage is always precise."))
        self.add(QgsProcessingParameterString("AS_OF", tr("Screening date"), optional=True),
                 tr("The day (YYYY-MM-DD) the excluded-operator list is checked; empty: today."), advanced=True)
        self.add(QgsProcessingParameterFile("TEMPLATES", tr("Templates folder"), QgsProcessingParameterFile.Folder,
                                            optional=True),
                 tr("A folder with an edited listing.html; empty: the plugin's resources/templates."), advanced=True)
        self.add(QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", tr("Output folder")),
                 tr("The folder for the files [TRADE_ID]_listing.json, .xlsx, .geojson, .gpkg and .pdf (existing "
                    "files of those names are replaced)."))
        for name, text in (("JSON", tr("Listing (JSON)")), ("XLSX", tr("Listing (.xlsx)")),
                           ("GEOJSON", tr("Lot boundary (GeoJSON)")), ("GPKG", tr("Lot and parcels (GeoPackage)")),
                           ("PDF", tr("Listing summary (PDF)"))):
            self.addOutput(QgsProcessingOutputFile(name, text))
        self.addOutput(QgsProcessingOutputNumber("LISTING_PRICE", tr("Proposed price (元)")))
        self.addOutput(QgsProcessingOutputNumber("N_PARCELS", tr("Parcels")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        reg = Register.open(self.parameterAsFile(parameters, "REGISTER", context))
        trade_id = self.parameterAsString(parameters, "TRADE_ID", context).strip()
        layer = self.parameterAsVectorLayer(parameters, "PARCELS", context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "PARCELS"))
        folder = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        if not folder:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT_FOLDER"))
        precise = self.parameterAsBoolean(parameters, "PRECISE", context)
        as_of = self.parameterAsString(parameters, "AS_OF", context).strip() or None
        templates = self.parameterAsFile(parameters, "TEMPLATES", context) or None
        gdf = qgis_io.source_to_gdf(layer, feedback, (0.0, 20.0))
        feedback.setProgressText(tr("Checking the listing"))
        listing = build_listing(reg, trade_id, gdf, precise=precise, as_of=as_of, layer=layer.name())
        self.report_listing(feedback, listing.notices)
        paths = listing_paths(folder, trade_id)
        with staged(paths) as tmp, tempfile.TemporaryDirectory() as work:
            write_listing(listing, tmp)
            if feedback.isCanceled():
                raise Cancelled()
            feedback.setProgress(60)
            self.write_pdf(listing, str(tmp["pdf"]), Path(work), Path(templates) if templates else None)
        feedback.setProgress(100)
        feedback.pushInfo(tr("Listing package of trade {trade} written to {folder}.").format(trade=trade_id,
                                                                                          folder=folder))
        out: dict[str, Any] = {name: str(paths[kind]) for name, kind in OUTPUTS.items()}
        # aliases and the default style for the GeoPackage's two layers (postProcessAlgorithm, main thread)
        self.styled_outputs = [f"{paths['gpkg']}|layername={name}" for name in ("lot_boundary", "parcels")]
        out.update({"OUTPUT_FOLDER": folder, "LISTING_PRICE": listing.record["price_and_terms"]["LISTING_PRICE"],
                    "N_PARCELS": listing.record["totals"]["N_PARCELS"]})
        return out

    @staticmethod
    def report_listing(feedback: QgsProcessingFeedback, notices: list) -> None:
        """Notices in the log; the price below the appraisal and the map-review note as warnings."""
        from .messages import translate_notice

        for n in notices:
            text = translate_notice(n)
            if n.code in WARNINGS and hasattr(feedback, "pushWarning"):
                feedback.pushWarning(text)
            else:
                feedback.pushInfo(text)

    @staticmethod
    def write_pdf(listing: Any, path: str, work: Path, templates: Any) -> None:
        """The summary: title, subtitle (trade id, proposed price), a map of the published boundary, the text."""
        body = listing_html(listing, report_layout.FONT_CSS, templates)
        body = body.replace('<h1 class="doc-title">', '<h1 class="doc-title" style="display:none">', 1)
        # the published boundary (generalised unless precise), drawn in the parcels' projected CRS
        shown = listing.public.to_crs(listing.boundary.crs) if listing.boundary.crs is not None else listing.public
        gpkg = work / "lot.gpkg"
        shown.to_file(gpkg, layer="lot", driver="GPKG")
        project = report_layout.private_project()
        lots = [report_layout.lots_layer(f"{gpkg}|layername=lot", "ogr", tr("Lot boundary"), None)]
        price = listing.record["price_and_terms"]["LISTING_PRICE"]
        subtitle = f"交易编号 {listing.trade_id}　挂牌价 {price:,.2f} 元　{listing.record['basic']['PRODUCT'] or ''}"
        try:
            report_layout.document_pdf(path, "水土保持生态产品交易挂牌信息", subtitle, lots, body, project)
        except RuntimeError as err:
            raise QgsProcessingException(tr("The PDF could not be written: {err}").format(err=err)) from err
        finally:
            project.removeAllMapLayers()
