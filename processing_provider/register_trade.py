"""``swcvalue:registertrade`` — create a trade in the project register and move it through its lifecycle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterString,
)

from ..i18n import tr
from ..valuation.errors import Notice
from ..valuation.matrix import matrix_cells
from ..valuation.progress import Monitor
from ..valuation.register import Register
from ..valuation.trading import DEFAULT_CERT_SCHEME, STATUSES, advance_trade, create_trade
from . import qgis_io
from .base import SwcAlgorithm
from .messages import translate_notice
from .reference_price import TRADING_GROUP, trading_group

ACTIONS = ("create", "advance")


def read_fields(value: Any) -> dict[str, Any]:
    """Trade fields from a matrix of key, value (flat or nested) or from a JSON object / two-column CSV file."""
    if value in (None, "", []):
        return {}
    cells = [value] if isinstance(value, str) and Path(value.strip()).suffix.lower() in (".json", ".csv") \
        else matrix_cells(value)
    if len(cells) == 1 and Path(str(cells[0]).strip()).suffix.lower() in (".json", ".csv"):
        path = Path(str(cells[0]).strip())
        if not path.is_file():
            raise QgsProcessingException(tr("Fields file {path} does not exist.").format(path=path))
        if path.suffix.lower() == ".json":
            data = json.loads(path.read_text(encoding="utf-8-sig"))
            if not isinstance(data, dict):
                raise QgsProcessingException(tr("Fields file {path} must hold one JSON object.").format(path=path))
            return data
        table = pd.read_csv(path, header=None, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if table.shape[1] < 2:
            raise QgsProcessingException(tr("Fields file {path} needs two columns: key and value.").format(path=path))
        rows = [(k.strip(), v) for k, v in zip(table.iloc[:, 0], table.iloc[:, 1])]
        if rows and rows[0][0].lower() == "key":
            rows = rows[1:]
        return dict(rows)
    if len(cells) % 2:
        raise QgsProcessingException(tr("FIELDS needs key, value pairs; it has {n} cells.").format(n=len(cells)))
    return {str(cells[i]).strip(): cells[i + 1] for i in range(0, len(cells), 2)}


def report_notices(feedback: QgsProcessingFeedback, notices: list[Notice]) -> None:
    """Trade notices are warnings."""
    for n in notices:
        feedback.pushWarning(translate_notice(n))


class RegisterTradeAlgorithm(SwcAlgorithm):
    ALG_ID = "registertrade"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Register a trade or move it forward")

    def help_text(self) -> str:
        return tr(
            "Keeps a trade in the project register through its lifecycle: planned → accounted → appraised → "
            "listed → publicised (公示) → signed → filed → certified → closed. Each status needs its fields "
            "(see docs/trading.md); a move whose fields are missing is refused, listing them, and nothing is "
            "written. A trade is created with its parcels, which must all be eligible; the sellers come from the "
            "parcels. At signing a warning is given when parcels carry an investor's priority operating right "
            "(PRIORITY = 1) and the operator is someone else without a recorded PRIORITY_WAIVER. Every change is "
            "kept in the append-only trade_event table. Listing (clause 十) needs what the platform publishes: "
            "LISTING_DATE, LISTING_PRICE (proposed price, 元), TERM_YEARS, OPERATING_FORMS (permitted operating "
            "forms separated by ；), OPERATOR_SCOPE (eligible operator scope) and CONTACT. A trade whose operator "
            "(OPERATOR, OPERATOR_CD) or parcel investor is on the excluded-operator list (swcvalue:excludedoperators, "
            "clause 十七) on the signing date, or today before signing, is refused: at creation, at every move up to "
            "signed and when the operator or signing date changes."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add_register(tr("The project's register; an older register is upgraded to the current schema version (3: "
                             "listing fields and the excluded-operator list)."))
        self.add(QgsProcessingParameterString("TRADE_ID", tr("Trade id")),
                 tr("The trade's identifier, e.g. the platform's transaction number."))
        self.add(QgsProcessingParameterEnum("ACTION", tr("Action"), [tr("Create"), tr("Advance")], defaultValue=1),
                 tr("Create a new trade (status planned) or move an existing one forward."))
        self.add(QgsProcessingParameterEnum("TO_STATUS", tr("New status"), list(STATUSES), defaultValue=1),
                 tr("The status to move to (advance only); it may skip statuses when every field they need is "
                    "given."))
        self.add(QgsProcessingParameterFeatureSource("PARCELS", tr("Trade parcels"), [QgsProcessing.TypeVector],
                                                     optional=True),
                 tr("For create: the trade's parcels with PARCEL_ID, ELIGIBLE and SELLER (INVESTOR and PRIORITY "
                    "when present); missing ownership fields are taken from the register."))
        self.add(QgsProcessingParameterMatrix("FIELDS", tr("Trade fields"), numberRows=0, hasFixedNumberRows=False,
                                              headers=[tr("Key"), tr("Value")], optional=True),
                 tr("Key, value pairs such as PRODUCT, 生态旅游经营权, SIGNING_DATE, 2025-08-31; or a single cell "
                    "holding the path of a JSON object or a two-column CSV file (key, value)."))
        self.add(QgsProcessingParameterString("CERT_SCHEME", tr("Certificate numbering scheme"),
                                              DEFAULT_CERT_SCHEME),
                 tr("Numbers certificates when CERT_NO is not given: {county} (COUNTY), {year} (of CERT_DATE), "
                    "{seq} (the county's certificates that year + 1)."), advanced=True)
        self.addOutput(QgsProcessingOutputString("STATUS", tr("Status")))
        self.addOutput(QgsProcessingOutputString("CERT_NO", tr("Certificate number")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        reg_path = self.parameterAsFile(parameters, "REGISTER", context)
        reg = Register.open_or_create(reg_path)
        trade_id = self.parameterAsString(parameters, "TRADE_ID", context).strip()
        action = ACTIONS[self.parameterAsEnum(parameters, "ACTION", context)]
        fields = read_fields(parameters.get("FIELDS"))
        if action == "create":
            src = self.parameterAsSource(parameters, "PARCELS", context)
            parcels = pd.DataFrame()
            if src is not None:
                gdf = qgis_io.source_to_gdf(src)
                parcels = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
                if "PARCEL_ID" in parcels.columns and not {"SELLER", "ELIGIBLE"} <= set(parcels.columns):
                    parcels = pd.DataFrame(reg.join_assignments(parcels))
                    feedback.pushInfo(tr("Ownership and eligibility taken from the register."))
            move = create_trade(reg, trade_id, fields, parcels)
            feedback.pushInfo(tr("Trade {trade} created with {n} parcel(s): status {status}.").format(
                trade=trade_id, n=len(parcels), status=move.status))
        else:
            to_status = STATUSES[self.parameterAsEnum(parameters, "TO_STATUS", context)]
            scheme = self.parameterAsString(parameters, "CERT_SCHEME", context) or DEFAULT_CERT_SCHEME
            move = advance_trade(reg, trade_id, to_status, fields, cert_scheme=scheme)
            feedback.pushInfo(tr("Trade {trade} is now {status}.").format(trade=trade_id, status=move.status))
        report_notices(feedback, move.notices)
        return {"STATUS": move.status, "CERT_NO": move.fields.get("CERT_NO") or ""}
