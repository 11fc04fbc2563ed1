"""``swcvalue:excludedoperators`` — keep the excluded-operator list (clause 十七) of the project register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterString,
)

from ..i18n import tr
from ..valuation.errors import ValuationError
from ..valuation.matrix import matrix_cells
from ..valuation.ownership import mask_identifier
from ..valuation.progress import Monitor
from ..valuation.register import Register
from ..valuation.screening import (
    EXCLUSION_COLUMNS,
    add_exclusions,
    list_exclusions,
    parse_exclusions,
    read_exclusions_csv,
    remove_exclusions,
)
from .base import SwcAlgorithm
from .messages import translate_error
from .reference_price import TRADING_GROUP, trading_group

OUTPUT_COLUMNS = ["NAME", "IDENT", "REASON", "SOURCE", "LISTED_DATE", "EXPIRY", "STATE", "UPDATED_AT", "UPDATED_BY"]


def matrix_rows(value: Any, width: int) -> list[list[Any]]:
    """Rows of ``width`` cells from a matrix given nested (processing.run), flat or as one comma-separated string
    (qgis_process)."""
    cells = matrix_cells(value)
    if len(cells) % width:
        raise QgsProcessingException(tr("The matrix has {n} cells, not a multiple of {width}.").format(
            n=len(cells), width=width))
    return [cells[i:i + width] for i in range(0, len(cells), width)]


class ExcludedOperatorsAlgorithm(SwcAlgorithm):
    ALG_ID = "excludedoperators"
    GROUP_ID = TRADING_GROUP

    def group(self) -> str:
        return trading_group()

    def display(self) -> str:
        return tr("Excluded operators")

    def help_text(self) -> str:
        return tr(
            "Keeps the project register's list of operators that must be kept out of trades (clause 十七: "
            "operators that grab resources, chase subsidies or are seriously dishonest, 严重失信). Entries come "
            "from a CSV (UTF-8, with or without BOM) and/or the ROWS matrix with the columns NAME, IDENT, REASON, "
            "SOURCE, LISTED_DATE, EXPIRY; NAME, REASON and SOURCE are required, IDENT must be a valid unified "
            "social credit code or resident ID number. A bad row stops the run naming its row and column, and "
            "nothing is written. An entry with the identifier (else the normalised name) of an existing one "
            "updates it. REMOVE takes entries off the list. Every addition, change and removal is kept in the "
            "append-only excluded_operator_event table. Trades refuse an operator or parcel investor on the list "
            "from LISTED_DATE to EXPIRY (registertrade). The output lists the entries with STATE active, expired "
            "or pending on AS_OF, identifiers masked."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add_register(
            tr("The project's register; a path that does not exist creates one, an older one is upgraded."))
        self.add(QgsProcessingParameterFile("INPUT_CSV", tr("List to import (CSV)"), QgsProcessingParameterFile.File,
                                            extension="csv", optional=True),
                 tr("A CSV with a header row: NAME, IDENT, REASON, SOURCE, LISTED_DATE, EXPIRY (or the Chinese "
                    "headers 名称, 统一社会信用代码, 原因, 来源, 列入日期, 有效期至)."))
        self.add(QgsProcessingParameterMatrix("ROWS", tr("Entries to add"), numberRows=0, hasFixedNumberRows=False,
                                              headers=list(EXCLUSION_COLUMNS), optional=True),
                 tr("One row per entry: NAME, IDENT (may be empty), REASON, SOURCE, LISTED_DATE, EXPIRY "
                    "(YYYY-MM-DD, may be empty); with qgis_process give the six cells of each row flat, "
                    "comma-separated."))
        self.add(QgsProcessingParameterMatrix("REMOVE", tr("Entries to remove"), numberRows=0,
                                              hasFixedNumberRows=False, headers=["NAME", "IDENT"], optional=True),
                 tr("One row per entry to take off the list: NAME and/or IDENT."))
        self.add(QgsProcessingParameterString("REMOVE_NOTE", tr("Reason for removal"), optional=True),
                 tr("Recorded with each removal, e.g. the decision that took the operator off the list."))
        self.add(QgsProcessingParameterString("AS_OF", tr("As of (YYYY-MM-DD)"), optional=True),
                 tr("The date for STATE; empty: today."))
        self.add(QgsProcessingParameterFeatureSink("OUTPUT", tr("Excluded operators"), QgsProcessing.TypeVector),
                 tr("The list: NAME, IDENT (masked), REASON, SOURCE, LISTED_DATE, EXPIRY, STATE (active, expired, "
                    "pending), UPDATED_AT, UPDATED_BY."))
        for name, label in (("ADDED", tr("Entries added")), ("UPDATED", tr("Entries updated")),
                            ("REMOVED", tr("Entries removed")), ("ACTIVE", tr("Active entries")),
                            ("EXPIRED", tr("Expired entries"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        reg = Register.open_or_create(self.parameterAsFile(parameters, "REGISTER", context))
        as_of = self.parameterAsString(parameters, "AS_OF", context).strip() or dt.date.today().isoformat()
        csv_path = self.parameterAsFile(parameters, "INPUT_CSV", context)
        sources: list[tuple[str, Any]] = []
        if csv_path:
            sources.append((csv_path, read_exclusions_csv(csv_path)))
        rows = matrix_rows(parameters.get("ROWS"), len(EXCLUSION_COLUMNS))
        if rows:
            sources.append(("ROWS", pd.DataFrame(rows, columns=list(EXCLUSION_COLUMNS))))
        for label, table in sources:  # validate everything before writing anything
            try:
                parse_exclusions(table)
            except ValuationError as err:
                raise QgsProcessingException(f"{label}: {translate_error(err)}") from err
        user = None
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        for label, table in sources:
            got = add_exclusions(reg, table, user, note=f"import {Path(label).name}" if label != "ROWS" else "ROWS")
            counts = {k: counts[k] + got[k] for k in counts}
        removed = 0
        remove = [r for r in matrix_rows(parameters.get("REMOVE"), 2) if any(str(c or "").strip() for c in r)]
        if remove:
            note = self.parameterAsString(parameters, "REMOVE_NOTE", context).strip() or None
            removed = remove_exclusions(reg, remove, user, note)
        if sources or remove:
            feedback.pushInfo(tr("Excluded-operator list: {added} added, {updated} updated, {unchanged} unchanged, "
                                 "{removed} removed.").format(removed=removed, **counts))
        table = list_exclusions(reg, as_of)
        states = {"active": tr("active"), "expired": tr("expired"), "pending": tr("not yet in force")}
        for r in table.itertuples():
            feedback.pushInfo(f"  {r.NAME} {mask_identifier(r.IDENT)}  {r.REASON}  {r.SOURCE}  "
                              f"{r.LISTED_DATE or '…'} → {r.EXPIRY or '…'}  {states.get(r.STATE, r.STATE)}")
        out = table.copy()
        out["IDENT"] = [mask_identifier(v) or None for v in out["IDENT"]]
        out = out[OUTPUT_COLUMNS]
        context.setDefaultEncoding("UTF-8")
        dest_id = self.write_table(parameters, "OUTPUT", context, out)
        return {"OUTPUT": dest_id, "ADDED": counts["added"], "UPDATED": counts["updated"], "REMOVED": removed,
                "ACTIVE": int((table["STATE"] == "active").sum()), "EXPIRED": int((table["STATE"] == "expired").sum())}
