"""``swcvalue:assignownership`` — ownership, seller and dispute status per parcel; eligibility; the register.

Also the QGIS-side texts of the ownership codes, for the dock widget::

    reason_text(code) -> str            # one INELIG_WHY code, translated
    explain_reasons(why) -> str         # "no_own_type;disputed" -> translated texts joined by "; "
    problem_lines(err: TableError) -> list[str]   # translated "Row 3: OWN_TYPE = 'x' — …" lines
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
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsWkbTypes,
)

from ..i18n import tr
from ..valuation.ownership import REASONS, TableError, assign
from ..valuation.progress import Monitor
from ..valuation.register import Register
from . import qgis_io
from .base import SwcAlgorithm
from .messages import templates, translate_error


def reason_text(code: str) -> str:
    """The translated text of one INELIG_WHY code (the code itself when unknown)."""
    return templates().get(f"inelig_{code}", REASONS.get(code, code))


def explain_reasons(why: str) -> str:
    """INELIG_WHY ("no_own_type;disputed") as translated texts joined by "; "."""
    return "; ".join(reason_text(c) for c in str(why or "").split(";") if c)


def problem_lines(err: TableError) -> list[str]:
    """One translated line per bad value (identifiers are already masked in the problems)."""
    row_t = tr("Row {row}: {field} = '{value}' — {reason}")
    parcel_t = tr("Parcel {row}: {field} = '{value}' — {reason}")
    return [(row_t if isinstance(p.row, int) else parcel_t).format(
        row=p.row, field=p.field, value=p.value, reason=translate_error(p.error)) for p in err.problems]


class AssignOwnershipAlgorithm(SwcAlgorithm):
    ALG_ID = "assignownership"
    GROUP_ID = "parcels"

    def display(self) -> str:
        return tr("Assign ownership and check trade eligibility")

    def help_text(self) -> str:
        return tr(
            "Records for every parcel the ownership type (国有/集体/个人), the right holder, the investor and its "
            "priority operating right, the seller with its unified social credit code or resident ID number, and "
            "the dispute status with the right holders' consent (确定出让主体). Values come from the input layer, "
            "the project register, an assignment table (CSV, XLSX or any layer, keyed by PARCEL_ID or BSM) and, "
            "optionally, the 三调 fields (QSXZ → ownership type, QSDWMC → right holder, QSDWDM → holder code). "
            "A parcel is eligible for trade when it has an ownership type, a right holder and a seller with a "
            "valid identifier, and its dispute status is 'no dispute', or 'resolved' with consent; unclear or "
            "disputed rights exclude it. State-owned parcels are flagged for state-asset appraisal. Every row of "
            "the table is checked first: when one is bad, each problem is listed and nothing is applied. "
            "Identifiers are masked in the log."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterFeatureSource("INPUT", tr("Parcels"), [QgsProcessing.TypeVectorPolygon]),
                 tr("Parcels with PARCEL_ID (and BSM), usually the output of the split or the accounting; "
                    "ownership fields already present are kept unless the register or the table changes them."))
        self.add(QgsProcessingParameterFeatureSource("TABLE", tr("Assignment table"), [QgsProcessing.TypeVector],
                                                     optional=True),
                 tr("A CSV or XLSX file (or any layer) with a PARCEL_ID or BSM column and columns named like the "
                    "ownership fields (OWN_TYPE, HOLDER, HOLDER_CD, INVESTOR, PRIORITY, SELLER, SELLER_CD, "
                    "DISPUTE, CONSENT, CONS_DATE, CONS_REF) or their Chinese names; codes or Chinese labels; a "
                    "BSM row assigns every piece of that 三调 parcel; empty cells change nothing. Rows are "
                    "counted from 1 below the header."))
        self.add(QgsProcessingParameterBoolean("FROM_SANDIAO", tr("Suggest from 三调 fields"), False),
                 tr("Fill empty ownership types from QSXZ (10/20 state, 30–34/40 collective), right holders from "
                    "QSDWMC and holder codes from QSDWDM; values already set are never overwritten. QSDWDM is an "
                    "owner-unit code, not an identifier: the seller still needs a valid one."))
        self.add_register(
            tr("The project's register: its assignments are joined first (by PARCEL_ID, else BSM) and the "
               "result is written back in one transaction with an audit row per changed field. A path that "
               "does not exist yet creates a new register."), optional=True)
        self.add(QgsProcessingParameterFeatureSink("OUTPUT", tr("Parcels with ownership"),
                                                   QgsProcessing.TypeVectorPolygon),
                 tr("The parcels with the ownership fields, ELIGIBLE (1/0), INELIG_WHY (reason codes) and "
                    "STATE_APPR (1: state-asset appraisal); the GeoPackage's default style has Chinese "
                    "drop-downs for the codes."))
        self.addOutput(QgsProcessingOutputNumber("PARCEL_COUNT", tr("Number of parcels")))
        self.addOutput(QgsProcessingOutputNumber("ELIGIBLE_COUNT", tr("Number of eligible parcels")))
        self.addOutput(QgsProcessingOutputNumber("REGISTER_CHANGES", tr("Changes written to the register")))

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        src = self.parameterAsSource(parameters, "INPUT", context)
        if src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        table_src = self.parameterAsSource(parameters, "TABLE", context)
        from_sandiao = self.parameterAsBool(parameters, "FROM_SANDIAO", context)
        reg_path = self.parameterAsFile(parameters, "REGISTER", context) or ""
        out_path = (self.parameterAsOutputLayer(parameters, "OUTPUT", context) or "").split("|")[0]
        if reg_path and out_path and Path(out_path).resolve() == Path(reg_path).resolve():
            raise QgsProcessingException(tr("The register and the output must be different files."))

        feedback.setProgressText(tr("Reading parcels"))
        parcels = qgis_io.source_to_gdf(src, feedback, (0.0, 20.0))
        table = None
        if table_src is not None:
            t = qgis_io.source_to_gdf(table_src)
            table = pd.DataFrame(t.drop(columns=t.geometry.name))
            feedback.pushInfo(tr("Assignment table: {n} rows.").format(n=len(table)))
        # Read the register without changing it: nothing is written before every row has been checked.
        assignments = None
        if reg_path and Path(reg_path).exists() and Register.inspect(reg_path) > 0:
            assignments = Register(reg_path).assignments()
        monitor.check()

        try:
            result = assign(parcels, table, from_sandiao, assignments, layer=src.sourceName() or "INPUT")
        except TableError as err:
            lines = problem_lines(err)
            for line in lines:
                feedback.reportError(line, fatalError=False)
            header = tr("{n} row(s) of assignments are invalid; nothing was applied:").format(
                n=len({p.row for p in err.problems}))
            raise QgsProcessingException("\n".join([header, *lines])) from err
        self.log_stats(feedback, result.stats)
        monitor.check()

        changes = 0
        if reg_path:
            existed = Path(reg_path).exists()
            register = Register.open_or_create(reg_path)
            if not existed:
                feedback.pushInfo(tr("Created register {path}.").format(path=reg_path))
            changes = register.apply(result.changes)
            feedback.pushInfo(tr("Register {path}: {n} field change(s) written and audited.").format(
                path=reg_path, n=changes))

        gdf = result.parcels
        context.setDefaultEncoding("UTF-8")
        fields = qgis_io.qgs_fields_for(gdf, src.fields())
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.MultiPolygon,
                                             qgis_io.to_qgis_crs(gdf.crs))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        feedback.setProgressText(tr("Writing parcels"))
        qgis_io.write_gdf(gdf, sink, fields, feedback)
        del sink
        self.styled_outputs = [dest_id]
        return {"OUTPUT": dest_id, "PARCEL_COUNT": len(gdf), "ELIGIBLE_COUNT": result.stats["eligible"],
                "REGISTER_CHANGES": changes}

    @staticmethod
    def log_stats(feedback: QgsProcessingFeedback, stats: dict[str, Any]) -> None:
        """Counts only: no names or identifiers reach the log."""
        join = stats.get("register_join")
        if join:
            feedback.pushInfo(tr("From the register: {a} parcels by PARCEL_ID, {b} by BSM; {c} not in it.").format(
                a=join["by_parcel_id"], b=join["by_bsm"], c=join["unmatched"]))
            if join["ambiguous_bsm"]:
                feedback.pushWarning(tr("Register rows disagree for BSM {bsm}; those parcels were not matched.")
                                     .format(bsm=", ".join(join["ambiguous_bsm"][:20])))
        if "table_parcels" in stats:
            feedback.pushInfo(tr("The table assigns {n} parcels.").format(n=stats["table_parcels"]))
        if "sandiao_filled" in stats:
            s = stats["sandiao_filled"]
            feedback.pushInfo(tr("From 三调: OWN_TYPE filled for {a} parcels, HOLDER for {b}, HOLDER_CD for {c}.")
                              .format(a=s["OWN_TYPE"], b=s["HOLDER"], c=s["HOLDER_CD"]))
        feedback.pushInfo(tr("{e} of {n} parcels are eligible for trade; {s} need state-asset appraisal.").format(
            e=stats["eligible"], n=stats["parcels"], s=stats["state_appraisal"]))
        for code, count in sorted(stats["reasons"].items(), key=lambda kv: -kv[1]):
            feedback.pushInfo(f"  {reason_text(code)} ({code}): {count}")
