"""``swcvalue:catalog`` — the county's catalog proposal (目录清单) and the catalog the city decided."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..i18n import tr
from ..valuation.errors import ValuationError
from ..valuation.parcels import find_field
from ..valuation.progress import Monitor
from . import qgis_io
from .base import SwcAlgorithm
from .messages import translate_error
from .watershed_summary import GROUP_ID, as_multipolygons, categories, finish_layer, group_name

if TYPE_CHECKING:
    from ..valuation.catalog import Change, Proposal


#: Output columns put first, before the candidate's own fields.
HEAD = ("RANK", "WS_ID", "WS_NAME", "SCORE", "PROPOSED", "STATUS", "BLOCKED_BY", "OVERRIDE")
IN_WORDS = {"in", "纳入", "调入", "列入", "add", "+"}
OUT_WORDS = {"out", "调出", "移出", "退出", "remove", "-"}


def field_texts() -> dict[str, tuple[str, str, str, str]]:
    """Aliases of the proposal's own fields: name → (kind, unit, English, Chinese)."""
    return {
        "RANK": ("int", "", "Rank", "排名"), "SCORE": ("float", "", "Score (0–100)", "综合得分"),
        "PROPOSED": ("int", "", "Proposed (1/0)", "建议纳入"), "STATUS": ("str", "", "Status", "状态"),
        "BLOCKED_BY": ("str", "", "Blocked by (rights)", "权属问题"),
        "OVERRIDE": ("str", "", "Override reason", "例外纳入理由"), "EVIDENCE": ("str", "", "Evidence", "评分依据"),
        "WS_ID": ("str", "", "Watershed id", "小流域编码"), "WS_NAME": ("str", "", "Watershed name", "小流域名称"),
    }


class CatalogProposalAlgorithm(SwcAlgorithm):
    ALG_ID = "catalog"
    GROUP_ID = GROUP_ID

    def group(self) -> str:
        return group_name()

    def display(self) -> str:
        return tr("Catalog proposal and decided catalog (目录清单)")

    def help_text(self) -> str:
        return tr(
            "Scores candidate small watersheds with a transparent, configurable score — value per km², the "
            "increment from soil-and-water-conservation measures, the share of area with clear rights, the share "
            "already traded or pledged, recognition as an ecologically clean small watershed (生态清洁小流域) and "
            "the other criteria of the weights table (resources/catalog/criteria.csv) — and writes the county's "
            "proposal: a ranked table with the evidence behind each score, an .xlsx proposal form with Chinese "
            "headers and a map. A watershed whose parcels have unresolved disputes or unclear rights is not proposed "
            "unless an override gives a reason, which is recorded. With a register, the catalog the city decided "
            "is kept: a three-year period from YEAR with its entries, and each year's first-quarter adjustment (in/"
            "out with reasons), never rewriting history, so any earlier year's list can be reproduced."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterFeatureSource("WATERSHEDS", tr("Candidate watersheds"),
                                                     [QgsProcessing.TypeVector]),
                 tr("Usually the output of swcvalue:watershedsummary; any layer or table with the criteria's "
                    "fields."))
        self.add(QgsProcessingParameterField("ID_FIELD", tr("Watershed id field"), "WS_ID", "WATERSHEDS",
                                             optional=True),
                 tr("Unique id of each candidate."))
        self.add(QgsProcessingParameterField("NAME_FIELD", tr("Watershed name field"), "WS_NAME", "WATERSHEDS",
                                             optional=True),
                 tr("Name of each candidate."))
        self.add(QgsProcessingParameterField("RECOGNISED_FIELD", tr("Recognised clean-watershed field"), None,
                                             "WATERSHEDS", optional=True),
                 tr("Field saying whether the watershed is recognised as an ecologically clean small watershed "
                    "(yes/no, 是/否, 1/0); empty: the criteria table's field (CLEAN_WS), unknown when absent."))
        self.add(QgsProcessingParameterField("TRADED_FIELD", tr("Traded or pledged share field (%)"), None,
                                             "WATERSHEDS", QgsProcessingParameterField.Numeric, optional=True),
                 tr("Share of the area already traded or pledged, in percent; empty: the criteria table's field "
                    "(TRADED_PCT), 0 when absent."))
        self.add(QgsProcessingParameterFile("CRITERIA", tr("Criteria and weights"), extension="csv", optional=True),
                 tr("CSV with criterion, field, weight, direction (higher/lower), scale (minmax/percent/fraction/"
                    "boolean), labels and if_missing (error/zero/unknown); empty: resources/catalog/criteria.csv."))
        self.add(QgsProcessingParameterFeatureSource("OVERRIDES", tr("Overrides"), [QgsProcessing.TypeVector],
                                                     optional=True),
                 tr("Table with WS_ID and REASON: watersheds proposed despite disputes or unclear rights; the reason "
                    "is recorded."))
        self.add(QgsProcessingParameterNumber("MIN_SCORE", tr("Minimum score"), QgsProcessingParameterNumber.Double,
                                              0.0, minValue=0.0, maxValue=100.0),
                 tr("Candidates scoring below this are not proposed."))
        self.add(QgsProcessingParameterNumber("MAX_ENTRIES", tr("Maximum number of entries"),
                                              QgsProcessingParameterNumber.Integer, 0, minValue=0),
                 tr("At most this many watersheds are proposed, best first; 0: no limit."))
        self.add(QgsProcessingParameterNumber("YEAR", tr("Year"), QgsProcessingParameterNumber.Integer,
                                              _dt.date.today().year, minValue=2000, maxValue=2100),
                 tr("Start year of the proposed three-year catalog, or the year of the first-quarter adjustment."))
        self.add(QgsProcessingParameterString("COUNTY", tr("County"), "", optional=True),
                 tr("County name for the form's title."))
        self.add(QgsProcessingParameterFile("REGISTER", tr("Register GeoPackage"), extension="gpkg", optional=True),
                 tr("GeoPackage keeping the decided catalog (tables swc_catalog_period and swc_catalog_event, created "
                    "on demand; a new file is created when it does not exist)."))
        self.add(QgsProcessingParameterEnum("RECORD", tr("Record in the register"), [
            tr("No: proposal only"), tr("The city's decided catalog: a new three-year period from YEAR"),
            tr("YEAR's first-quarter adjustment")], defaultValue=0),
                 tr("What to record: nothing; the decided catalog (the DECISION table, else the proposed watersheds); "
                    "or the adjustment (the DECISION table, else the changes that make the catalog equal the "
                    "proposal)."))
        self.add(QgsProcessingParameterFeatureSource("DECISION", tr("City decision"), [QgsProcessing.TypeVector],
                                                     optional=True),
                 tr("Table with WS_ID, ACTION (in/out, 纳入/调出) and REASON: what the city decided, when it differs "
                    "from the proposal."))
        self.add(QgsProcessingParameterString("DECIDED_BY", tr("Decided by"), "", optional=True),
                 tr("Body that decided (e.g. the city water bureau)."), advanced=True)
        self.add(QgsProcessingParameterString("DECIDED_ON", tr("Decision date"), "", optional=True),
                 tr("Date of the decision (YYYY-MM-DD)."), advanced=True)
        self.add(QgsProcessingParameterFeatureSink("OUTPUT", tr("Ranked proposal"), QgsProcessing.TypeVector),
                 tr("Candidates ranked, with SCORE, S_<criterion> points, STATUS, BLOCKED_BY, OVERRIDE and EVIDENCE."))
        self.add(QgsProcessingParameterFileDestination("FORM", tr("Proposal form (.xlsx)"),
                                                       tr("Excel workbook (*.xlsx)")),
                 tr("The proposal form with Chinese headers: ranked list, scoring rules and the map."))
        self.add(QgsProcessingParameterFileDestination("MAP", tr("Proposal map (.png)"), tr("PNG image (*.png)"),
                                                       optional=True, createByDefault=False),
                 tr("Map of the candidates by status; empty: written beside the form."))
        self.addOutput(QgsProcessingOutputNumber("PROPOSED_COUNT", tr("Number of proposed watersheds")))
        self.addOutput(QgsProcessingOutputString("IN_FORCE", tr("Catalog in force in YEAR")))

    # ------------------------------------------------------------------------------------------------------------
    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        from ..valuation.catalog import CatalogRegister, load_criteria, proposal_map, propose, write_form

        src = self.parameterAsSource(parameters, "WATERSHEDS", context)
        if src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "WATERSHEDS"))
        gdf = qgis_io.source_to_gdf(src, feedback, (0.0, 5.0))
        has_geometry = src.wkbType() != QgsWkbTypes.NoGeometry and gdf.geometry.notna().any()
        crit_path = self.parameterAsFile(parameters, "CRITERIA", context)
        criteria = load_criteria(crit_path or None)
        field_map = {"CLEAN": self.parameterAsString(parameters, "RECOGNISED_FIELD", context),
                     "TRADED": self.parameterAsString(parameters, "TRADED_FIELD", context)}
        overrides = self.table_rows(parameters, "OVERRIDES", context, ("WS_ID", "REASON"))
        year = self.parameterAsInt(parameters, "YEAR", context)
        candidates = pd.DataFrame(gdf.drop(columns=gdf.geometry.name)).reset_index(drop=True)
        candidates["_ROW"] = range(len(candidates))
        proposal = propose(
            candidates, criteria,
            self.parameterAsString(parameters, "ID_FIELD", context) or "WS_ID",
            self.parameterAsString(parameters, "NAME_FIELD", context) or "WS_NAME", field_map,
            {r["WS_ID"]: r["REASON"] for r in overrides} if overrides else None,
            self.parameterAsDouble(parameters, "MIN_SCORE", context),
            self.parameterAsInt(parameters, "MAX_ENTRIES", context), src.sourceName() or "WATERSHEDS")
        self.report(feedback, proposal.notices)
        for _, r in proposal.table.iterrows():
            feedback.pushInfo(tr("{rank}. {id} {name}: score {score:.2f}, {status}").format(
                rank=r["RANK"], id=r["WS_ID"], name=r["WS_NAME"], score=r["SCORE"],
                status=self.status_text(r["STATUS"]) + (f" ({r['OVERRIDE']})" if r["OVERRIDE"] else "")))

        # Ranked table
        out = self.ranked_frame(proposal, gdf)
        context.setDefaultEncoding("UTF-8")
        fields = qgis_io.qgs_fields_for(out, src.fields())
        wkb = QgsWkbTypes.MultiPolygon if has_geometry and src.wkbType() != QgsWkbTypes.NoGeometry and \
            QgsWkbTypes.geometryType(src.wkbType()) == QgsWkbTypes.PolygonGeometry else \
            (src.wkbType() if has_geometry else QgsWkbTypes.NoGeometry)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, wkb, src.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        if wkb == QgsWkbTypes.NoGeometry:
            qgis_io.write_table(out, sink, fields)
        else:
            qgis_io.write_gdf(as_multipolygons(out) if wkb == QgsWkbTypes.MultiPolygon else out, sink, fields)
        del sink
        self.dest = dest

        # Map and form
        form = self.parameterAsFileOutput(parameters, "FORM", context)
        map_path = self.parameterAsFileOutput(parameters, "MAP", context) or \
            str(Path(form).with_name(Path(form).stem + "_map.png"))
        county = self.parameterAsString(parameters, "COUNTY", context)
        register = self.parameterAsFile(parameters, "REGISTER", context)
        record = self.parameterAsEnum(parameters, "RECORD", context)
        if record and not register:
            raise QgsProcessingException(tr("Recording the catalog needs a register GeoPackage (REGISTER)."))
        period: Optional[tuple[int, int]] = None
        if record == 2:
            found = CatalogRegister(register).period_for(year)
            if found is None:
                raise ValuationError("catalog_no_period", "The register has no catalog period covering {year}.",
                                     year=year)
            period = (int(found["start_year"]), int(found["end_year"]))
        png: Optional[Path] = None
        if has_geometry:
            try:
                png = proposal_map(map_path, proposal, list(out.geometry.values), year, county, period, record == 2)
            except ValuationError as err:
                if err.code != "matplotlib_missing":
                    raise
                feedback.reportError(translate_error(err), fatalError=False)
        else:
            feedback.pushInfo(tr("The candidates have no geometry: no map."))
        write_form(form, proposal, {"county": county, "year": year, "period": period, "adjustment": record == 2},
                   png)
        feedback.pushInfo(tr("Proposal form: {path}").format(path=form))
        result: dict[str, Any] = {"OUTPUT": dest, "FORM": form, "PROPOSED_COUNT": int(proposal.table["PROPOSED"].sum())}
        if png is not None:
            result["MAP"] = str(png)

        # Register
        if register:
            reg = CatalogRegister(register)
            decided_by = self.parameterAsString(parameters, "DECIDED_BY", context)
            decided_on = self.parameterAsString(parameters, "DECIDED_ON", context)
            decision = self.table_rows(parameters, "DECISION", context, ("WS_ID", "REASON"))
            if record == 1:
                entries = self.decided_entries(decision, proposal, year, initial=True)
                reg.record_period(year, entries, decided_on, decided_by)
                feedback.pushInfo(tr("Recorded the catalog {start}–{end} with {n} watersheds in {path}.").format(
                    start=year, end=year + 2, n=len(entries), path=register))
            elif record == 2:
                in_force = set(reg.as_of(year - 1)["WS_ID"]) if period and year > period[0] else set()
                changes = self.decided_entries(decision, proposal, year, initial=False, in_force=in_force)
                if changes:
                    reg.record_adjustment(year, changes, decided_on, decided_by)
                    feedback.pushInfo(tr("Recorded the first-quarter adjustment of {year}: {changes}.").format(
                        year=year, changes=", ".join(f"{c.action} {c.ws_id}" for c in changes)))
                else:
                    feedback.pushInfo(tr("The proposal equals the catalog in force: no adjustment recorded for "
                                         "{year}.").format(year=year))
            listed = reg.as_of(year)
            result["IN_FORCE"] = ";".join(listed["WS_ID"])
            feedback.pushInfo(tr("Catalog in force in {year}: {ids}").format(
                year=year, ids=", ".join(listed["WS_ID"]) or "—"))
        return result

    def postProcessAlgorithm(self, context: QgsProcessingContext,  # noqa: N802
                             feedback: QgsProcessingFeedback) -> dict[str, Any]:
        from ..valuation.catalog import load_criteria

        if getattr(self, "dest", None):
            defs = {**field_texts(), **{f"S_{c.id}"[:10]: ("float", "", c.label_en, c.label_zh)
                                         for c in load_criteria()}}
            finish_layer(self.dest, context, defs, lambda: categories("STATUS", [
                ("proposed", "#4caf50", self.status_text("proposed")),
                ("blocked", "#e53935", self.status_text("blocked")),
                ("below_min", "#bdbdbd", self.status_text("below_min")),
                ("over_limit", "#9e9e9e", self.status_text("over_limit"))]))
        return {}

    # helpers ----------------------------------------------------------------------------------------------------
    @staticmethod
    def status_text(status: str) -> str:
        return {"proposed": tr("proposed"), "blocked": tr("not proposed: disputed or unclear rights"),
                "below_min": tr("not proposed: below the minimum score"),
                "over_limit": tr("not proposed: over the maximum number")}.get(status, status)

    @staticmethod
    def ranked_frame(proposal: Proposal, gdf: Any) -> Any:
        """Ranked rows: the proposal's own fields first, then the candidate's fields, with its geometry
        (``_ROW`` is the candidate's row in ``gdf``)."""
        import geopandas as gpd

        t = proposal.table
        own = [c for c in HEAD if c in t.columns] + [c for c in t.columns if c.startswith("S_")] + ["EVIDENCE"]
        rest = [c for c in t.columns if c not in own and c != "_ROW"]
        geoms = gdf.geometry.to_numpy()[t["_ROW"].to_numpy(dtype=int)]
        return gpd.GeoDataFrame(t[own + rest].reset_index(drop=True), geometry=gpd.GeoSeries(geoms, crs=gdf.crs))

    def table_rows(self, parameters: dict[str, Any], name: str, context: QgsProcessingContext,
                   required: tuple[str, ...]) -> list[dict[str, str]]:
        """Rows of an optional table parameter as {COLUMN: text}; columns matched case-insensitively."""
        src = self.parameterAsSource(parameters, name, context)
        if src is None:
            return []
        df = qgis_io.source_to_gdf(src)
        cols = {c: find_field(df.columns, c) for c in (*required, "ACTION", "WS_NAME")}
        missing = [c for c in required if cols[c] is None]
        if missing:
            raise ValuationError("catalog_table_columns", "Table {table} lacks the column(s) {columns}.",
                                 table=src.sourceName() or name, columns=", ".join(missing))
        rows = []
        for _, r in df.iterrows():
            rows.append({c: ("" if col is None or r[col] is None or pd.isna(r[col]) else str(r[col]).strip())
                         for c, col in cols.items()})
        return [r for r in rows if r["WS_ID"]]

    def decided_entries(self, decision: list[dict[str, str]], proposal: Proposal, year: int, initial: bool,
                        in_force: Optional[set[str]] = None) -> list[Change]:
        """What to record: the DECISION rows when given, else the proposal (as entries or as changes)."""
        from ..valuation.catalog import Change, proposal_changes

        t = proposal.table.set_index("WS_ID")
        if decision:
            out = []
            for r in decision:
                word = r["ACTION"].lower() if r["ACTION"] else "in"
                action = "in" if word in IN_WORDS else "out" if word in OUT_WORDS else word
                if initial and action == "out":
                    continue
                known = r["WS_ID"] in t.index
                out.append(Change(r["WS_ID"], action, r["REASON"],
                                  ws_name=r["WS_NAME"] or (str(t.loc[r["WS_ID"], "WS_NAME"]) if known else ""),
                                  override=str(t.loc[r["WS_ID"], "OVERRIDE"]) if known else "",
                                  score=float(t.loc[r["WS_ID"], "SCORE"]) if known else None,
                                  evidence=str(t.loc[r["WS_ID"], "EVIDENCE"]) if known else ""))
            return out
        if initial:
            reason = tr("County proposal {year}: rank {rank}, score {score:.1f}")
            return [Change(w, "in", reason.format(year=year, rank=int(r["RANK"]), score=float(r["SCORE"])),
                           ws_name=str(r["WS_NAME"]), override=str(r["OVERRIDE"] or ""), score=float(r["SCORE"]),
                           evidence=str(r["EVIDENCE"])) for w, r in t.iterrows() if r["PROPOSED"] == 1]
        out = []
        for c in proposal_changes(proposal, in_force):
            r = t.loc[c.ws_id]
            reason = (tr("Proposed in {year}: rank {rank}, score {score:.1f}").format(
                year=year, rank=int(r["RANK"]), score=float(r["SCORE"])) if c.action == "in" else
                tr("Not proposed in {year}: {status}").format(year=year, status=self.status_text(r["STATUS"])))
            out.append(Change(c.ws_id, c.action, reason, c.ws_name, c.override, c.score, c.evidence))
        return out
