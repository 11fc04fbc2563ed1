"""``swcvalue:monitorchange`` — post-trade monitoring of the soil-and-water-conservation function."""

from __future__ import annotations

import base64
import datetime as _dt
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import numpy as np
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
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from ..i18n import tr
from ..valuation.errors import ValuationError
from ..valuation.progress import Monitor
from . import qgis_io
from .base import SwcAlgorithm
from .messages import translate_error
from .watershed_summary import GROUP_ID, as_multipolygons, categories, finish_layer, group_name

if TYPE_CHECKING:
    from ..valuation.monitoring import MonitoringResult


def flag_texts() -> dict[str, str]:
    """FLAG_WHY codes → translated text."""
    return {"grade_worse": tr("erosion grade worse"),
            "over_tolerance": tr("erosion modulus above the tolerance where it was below"),
            "built_up": tr("land use turned built-up"),
            "value_drop": tr("value per mu down by more than the threshold"),
            "missing": tr("parcel missing later")}


def match_texts() -> dict[str, str]:
    return {"id": tr("same PARCEL_ID"), "geometry": tr("new id, same place (≥ 50 % mutual overlap)"),
            "split": tr("piece of a split parcel"), "merged": tr("merged from several parcels"),
            "missing": tr("missing later"), "new": tr("new parcel")}


class MonitorChangeAlgorithm(SwcAlgorithm):
    ALG_ID = "monitorchange"
    GROUP_ID = GROUP_ID

    def group(self) -> str:
        return group_name()

    def display(self) -> str:
        return tr("Monitor change after a trade")

    def help_text(self) -> str:
        return tr(
            "Compares a later accounting of the same place (CURRENT) with the accounting at signing (BASELINE), "
            "parcel by parcel, at constant prices and parameters: both must share the parameter hash of their "
            "provenance, else the later quantities are re-priced with the baseline's parameters when only prices "
            "differ (a parameter that changes quantities stops the run, naming both hashes). R, K and LS must be "
            "the same long-term factors (only B·E·T, cover and land use may differ): a different R stops the run "
            "unless ALLOW_R_CHANGE. Parcels are matched by PARCEL_ID, then by geometry (≥ 50 % mutual overlap; "
            "splits and merges are reported; MATCH says how). FLAG = 1 when the erosion grade got worse, the "
            "modulus rose above the 500 t/(km²·a) tolerance, the land turned built-up, the value per mu fell by more "
            "than VALUE_DROP %, or the parcel is missing; FLAG_WHY lists the reasons."
        )

    def initAlgorithm(self, config: Any = None) -> None:  # noqa: N802
        self.add(QgsProcessingParameterFeatureSource("BASELINE", tr("Accounting at signing"),
                                                     [QgsProcessing.TypeVectorPolygon]),
                 tr("Valued parcels of swcvalue:accountvalues at the time of the trade (its GeoPackage keeps the "
                    "provenance in layer swc_provenance)."))
        self.add(QgsProcessingParameterFeatureSource("CURRENT", tr("Later accounting"),
                                                     [QgsProcessing.TypeVectorPolygon]),
                 tr("Valued parcels of a later accounting of the same place."))
        self.add(QgsProcessingParameterNumber("VALUE_DROP", tr("Value drop threshold (%)"),
                                              QgsProcessingParameterNumber.Double, 10.0, minValue=0.0, maxValue=100.0),
                 tr("A parcel is flagged when its value per mu fell by more than this percentage."))
        self.add(QgsProcessingParameterBoolean("ALLOW_R_CHANGE", tr("Allow a different R"), False),
                 tr("Compare even though rainfall erosivity R differs between the accountings (the change of R then "
                    "shows in soil conservation)."))
        for name, label in (("BASELINE_PROVENANCE", tr("Provenance at signing")),
                            ("CURRENT_PROVENANCE", tr("Later provenance"))):
            self.add(QgsProcessingParameterFeatureSource(name, label, [QgsProcessing.TypeVector], optional=True),
                     tr("The PROVENANCE table of that accounting; empty: the layer swc_provenance of its "
                        "GeoPackage."), advanced=True)
        for name, label in (("BASELINE_COVER", tr("Cover raster at signing")),
                            ("CURRENT_COVER", tr("Later cover raster"))):
            self.add(QgsProcessingParameterRasterLayer(name, label, optional=True),
                     tr("Vegetation cover (0–1) of that accounting when its layer has no VEG_COVER field; empty: the "
                        "VEG_COVER input named in its provenance, when the file exists."), advanced=True)
        self.add(QgsProcessingParameterFile("REGISTER", tr("Register GeoPackage"), extension="gpkg", optional=True),
                 tr("When given, the run and its per-trade results are appended to tables swc_monitoring_run and "
                    "swc_monitoring_trade."))
        self.add(QgsProcessingParameterFeatureSink("OUTPUT", tr("Change layer"), QgsProcessing.TypeVectorPolygon),
                 tr("One feature per later parcel (and per missing parcel) with both states, the changes, MATCH, "
                    "FLAG and FLAG_WHY; flagged parcels are drawn red."))
        self.add(QgsProcessingParameterFeatureSink("TRADES", tr("Per-trade table"), QgsProcessing.TypeVector,
                                                   optional=True, createByDefault=True),
                 tr("One row per trade (SCOPE_ID): parcels, totals at signing and later, flags by reason."))
        self.add(QgsProcessingParameterFileDestination("REPORT", tr("Monitoring report (HTML)"),
                                                       tr("HTML files (*.html)")),
                 tr("The report: comparison basis, per-trade table, flagged parcels and a map (PNG beside it)."))
        self.addOutput(QgsProcessingOutputNumber("FLAGGED", tr("Number of flagged rows")))
        self.addOutput(QgsProcessingOutputNumber("PARCEL_COUNT", tr("Number of rows")))

    def provenance(self, parameters: dict[str, Any], which: str, context: QgsProcessingContext
                   ) -> tuple[Optional[pd.DataFrame], str]:
        """The provenance table given, else the swc_provenance layer of the layer's GeoPackage; and its path."""
        from ..valuation.monitoring import read_gpkg_provenance

        src = self.parameterAsSource(parameters, f"{which}_PROVENANCE", context)
        layer = self.parameterAsVectorLayer(parameters, which, context)
        path = layer.source().split("|")[0] if layer is not None else str(parameters.get(which, ""))
        if src is not None:
            df = qgis_io.source_to_gdf(src)
            return pd.DataFrame(df.drop(columns=df.geometry.name)), path
        return read_gpkg_provenance(path), path

    def execute(self, parameters: dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback, monitor: Monitor) -> dict[str, Any]:
        from ..valuation.monitoring import change_map, monitor_change, record_monitoring

        bsrc = self.parameterAsSource(parameters, "BASELINE", context)
        csrc = self.parameterAsSource(parameters, "CURRENT", context)
        for src, name in ((bsrc, "BASELINE"), (csrc, "CURRENT")):
            if src is None:
                raise QgsProcessingException(self.invalidSourceError(parameters, name))
        bprov, bpath = self.provenance(parameters, "BASELINE", context)
        cprov, cpath = self.provenance(parameters, "CURRENT", context)
        covers = self.raster_paths(parameters, ("BASELINE_COVER", "CURRENT_COVER"), context)
        base = qgis_io.source_to_gdf(bsrc, feedback, (0.0, 4.0))
        cur = qgis_io.source_to_gdf(csrc, feedback, (4.0, 8.0))
        drop = self.parameterAsDouble(parameters, "VALUE_DROP", context)
        res = monitor_change(base, cur, bprov, cprov, drop, self.parameterAsBool(parameters, "ALLOW_R_CHANGE", context),
                             covers["BASELINE_COVER"], covers["CURRENT_COVER"], bsrc.sourceName() or "BASELINE",
                             csrc.sourceName() or "CURRENT", monitor)
        self.report(feedback, res.notices)
        for line in basis_lines(res):
            feedback.pushInfo(line)

        context.setDefaultEncoding("UTF-8")
        changes = as_multipolygons(res.changes)
        fields = qgis_io.qgs_fields_for(changes)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.MultiPolygon,
                                          qgis_io.to_qgis_crs(changes.crs))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        qgis_io.write_gdf(changes, sink, fields, feedback, (90.0, 95.0))
        del sink
        self.dest = dest
        out: dict[str, Any] = {"OUTPUT": dest, "FLAGGED": int(res.facts["flagged"]), "PARCEL_COUNT": len(changes)}
        tdest = self.write_table(parameters, "TRADES", context, res.trades, required=False)
        if tdest is not None:
            out["TRADES"] = tdest
            self.trades_dest = tdest

        report = self.parameterAsFileOutput(parameters, "REPORT", context)
        png: Optional[Path] = None
        try:
            png = change_map(Path(report).with_name(Path(report).stem + "_map.png"), res.changes,
                             tr("Change since signing: flagged parcels in red"))
        except ValuationError as err:
            if err.code != "matplotlib_missing":
                raise
            feedback.reportError(translate_error(err), fatalError=False)
        write_report(report, res, bpath, cpath, png)
        out["REPORT"] = report
        register = self.parameterAsFile(parameters, "REGISTER", context)
        if register:
            rid = record_monitoring(register, res, bpath, cpath)
            feedback.pushInfo(tr("Recorded monitoring run {id} in {path}.").format(id=rid, path=register))
        for _, t in res.trades.iterrows():
            feedback.pushInfo(tr("Trade {scope}: {flagged} of {n} parcels flagged; value {vb:,.0f} → {vc:,.0f} 元/a "
                                 "({pct}).").format(scope=t["SCOPE_ID"] or "—", flagged=t["N_FLAGGED"],
                                                    n=max(t["N_BASE"], t["N_CUR"]), vb=t["V_TOTAL_B"],
                                                    vc=t["V_TOTAL_C"], pct=_pct(t["V_PCT"], signed=True)))
        return out

    def postProcessAlgorithm(self, context: QgsProcessingContext,  # noqa: N802
                             feedback: QgsProcessingFeedback) -> dict[str, Any]:
        from ..valuation.monitoring import field_defs

        if getattr(self, "dest", None):
            finish_layer(self.dest, context, field_defs(), lambda: categories("FLAG", [
                (1, "#e53935", tr("Flagged")), (0, "#a5d6a7", tr("Not flagged"))]))
        if getattr(self, "trades_dest", None):
            finish_layer(self.trades_dest, context, field_defs())
        return {}


# ----- report ---------------------------------------------------------------------------------------------------
def _pct(x: Any, signed: bool = False) -> str:
    if x is None or (isinstance(x, float) and not np.isfinite(x)) or pd.isna(x):
        return "—"
    return f"{x:+.1f} %" if signed else f"{x:.1f} %"


def _num(x: Any, digits: int = 0) -> str:
    if x is None or pd.isna(x):
        return "—"
    return f"{float(x):,.{digits}f}"


def basis_lines(res: MonitoringResult) -> list[str]:
    """The comparison basis in words: parameters and prices, R/K/LS, cover."""
    f = res.facts
    lines = []
    if f["parameters"] == "same":
        lines.append(tr("Both accountings used the same parameters (hash {hash}): values are compared as they are.")
                     .format(hash=f["base_hash"][:16]))
    else:
        lines.append(tr("The parameter hashes differ (at signing {base}, later {cur}) in prices only ({keys}): the "
                        "later quantities were re-priced with the parameters at signing.").format(
            base=f["base_hash"][:16], cur=f["cur_hash"][:16], keys=", ".join(f.get("differing_prices", [])) or "—"))
    ratio = f.get("rkls_ratio")
    evidence = (tr("potential erosion per area later / at signing = {ratio:.4f} on {n} unchanged parcels")
                .format(ratio=ratio, n=f.get("rkls_pairs", 0)) if ratio is not None
                else tr("no unchanged parcel to compare potential erosion on"))
    lines.append(tr("R, K and LS: {factors}; {evidence}.").format(
        factors="; ".join(f["factors"].values()), evidence=evidence))
    if f.get("r_changed"):
        lines.append(tr("R differs between the accountings and the comparison was allowed (ALLOW_R_CHANGE)."))
    return lines


def _h(tag: str, text: str) -> str:
    return f"<{tag}>{html.escape(text)}</{tag}>"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def write_report(path: str, res: MonitoringResult, baseline: str, current: str, png: Optional[Path]) -> None:
    """The monitoring report (HTML, self-contained: the map is embedded and also written beside it)."""
    from ..valuation.monitoring import CHANGE_FIELDS, TRADE_FIELDS

    f = res.facts
    flags, matches = flag_texts(), match_texts()
    parts = [_h("h1", tr("Monitoring report: soil-and-water-conservation function after the trade")),
             "<p>" + html.escape(tr("Accounting at signing: {base}. Later accounting: {cur}. Created {time} by "
                                    "{software}.").format(base=baseline, cur=current,
                                                          time=_dt.datetime.now().isoformat(timespec="seconds"),
                                                          software=f["software"])) + "</p>",
             _h("h2", tr("Comparison basis")),
             "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in basis_lines(res)) + "</ul>",
             "<p>" + html.escape(tr("Flags: grade worse; modulus at or above the tolerance {tol:g} t/(km²·a) where it "
                                    "was below; turned built-up; value per mu down by more than {drop:g} %; missing "
                                    "later.").format(tol=f["tolerance"], drop=f["value_drop"])) + "</p>",
             _h("h2", tr("Summary"))]
    parts.append(_table([tr("How matched"), tr("Rows")],
                        [[f"{k} — {matches[k]}", n] for k, n in f["counts"].items() if n]))
    parts.append(_table([tr("Flag"), tr("Rows")], [[f"{k} — {flags[k]}", n] for k, n in f["flags"].items()]))
    parts.append(_h("h2", tr("Per trade")))
    t = res.trades
    parts.append(_table(
        [tr("Trade"), tr("Parcels at signing"), tr("Parcels later"), tr("Flagged"), tr("Value at signing (元/a)"),
         tr("Value later (元/a)"), tr("Change"), tr("Status")],
        [[r.SCOPE_ID or "—", r.N_BASE, r.N_CUR, r.N_FLAGGED, _num(r.V_TOTAL_B), _num(r.V_TOTAL_C),
          _pct(r.V_PCT, signed=True), tr("attention") if r.STATUS == "attention" else tr("stable")]
         for r in t.itertuples()]))
    parts.append(_h("h2", tr("Flagged parcels")))
    flagged = res.changes[res.changes["FLAG"] == 1]
    rows = []
    for i, (_, r) in enumerate(flagged.iterrows(), start=1):
        rows.append([i, r["PARCEL_ID"] or "—", r["BASE_ID"] or "—", r["MATCH"],
                     "; ".join(flags.get(c, c) for c in r["FLAG_WHY"].split(";") if c),
                     f"{_num(r['ER_MOD_B'])} → {_num(r['ER_MOD_C'])}",
                     f"{_num(r['GRADE_B'])} → {_num(r['GRADE_C'])}",
                     f"{_num(r['COVER_B'], 2)} → {_num(r['COVER_C'], 2)}",
                     f"{r['DLBM_B'] or '—'} → {r['DLBM_C'] or '—'}",
                     f"{_num(r['VMU_B'])} → {_num(r['VMU_C'])} ({_pct(r['VMU_PCT'], signed=True)})"])
    parts.append(_table([tr("No."), tr("Parcel"), tr("At signing"), tr("Match"), tr("Why"),
                         tr("Erosion modulus t/(km²·a)"), tr("Grade"), tr("Cover"), tr("Land use"),
                         tr("Value per mu 元/(亩·a)")], rows) if rows else
                 _h("p", tr("No parcel is flagged.")))
    if png is not None and Path(png).exists():
        data = base64.b64encode(Path(png).read_bytes()).decode("ascii")
        parts.append(_h("h2", tr("Map")) + "<p><img alt='map' style='max-width:100%' "
                     f"src='data:image/png;base64,{data}'></p><p>{html.escape(Path(png).name)}</p>")
    parts.append("<p><small>" + html.escape(tr("Field names of the change layer: {names}. Per-trade table: "
                                               "{trade}.").format(names=", ".join(n for n, *_ in CHANGE_FIELDS),
                                                                  trade=", ".join(n for n, *_ in TRADE_FIELDS)))
                 + "</small></p>")
    style = ("body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}"
             "td,th{border:1px solid #999;padding:3px 6px;font-size:90%}th{background:#eef}")
    doc = ("<!DOCTYPE html><html><head><meta charset='utf-8'>" + _h("title", tr("Monitoring report"))
           + f"<style>{style}</style></head><body>{''.join(parts)}</body></html>")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(doc, encoding="utf-8")
