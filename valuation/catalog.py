"""Catalog proposals (目录清单): transparent scoring of candidate watersheds, the proposal form, the map, and
the catalog the city decided, kept in a register GeoPackage without rewriting history.

Scoring: every criterion of a weights table (``resources/catalog/criteria.csv``: criterion, field, weight,
direction, scale, labels, ``if_missing``) turns one field into a 0–1 figure s (``minmax`` over the candidates,
``percent``/100, ``fraction``, ``boolean`` yes/no; ``lower`` is better → 1 − s; an unknown value → 0); the score is
100 × Σ wᵢ·sᵢ / Σ wᵢ. A watershed with parcels in unresolved dispute (``DISPUTE_N`` > 0) or with unclear rights
(``UNCLEAR_N`` > 0) is not proposed unless an override gives a reason, which is kept with the entry.

The register: tables ``swc_catalog_period`` (one row per three-year period) and ``swc_catalog_event`` (the
initial list and each year's first-quarter adjustment, in/out with a reason), created on demand in any
GeoPackage (a new one is created when the file does not exist); both are append-only (SQLite triggers refuse
UPDATE and DELETE), so :func:`catalog_as_of` reproduces any earlier year's list. See docs/register-catalog.md.
"""

from __future__ import annotations

import csv
import datetime as _dt
import math
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

import numpy as np
import pandas as pd

from . import __version__
from .errors import Notice, ValuationError, short_list
from .parcels import find_field
from .watershed import parse_yes_no

CRITERIA_PATH = Path(__file__).resolve().parent.parent / "resources" / "catalog" / "criteria.csv"
CRITERIA_COLUMNS = ("criterion", "field", "weight", "direction", "scale", "label_en", "label_zh", "note",
                    "if_missing", "note_zh")
SCALES = ("minmax", "percent", "fraction", "boolean")
DIRECTIONS = ("higher", "lower")
IF_MISSING = ("error", "zero", "unknown")
PERIOD_YEARS = 3
STATUSES = ("proposed", "blocked", "below_min", "over_limit")


# ----- criteria -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Criterion:
    id: str
    field: str
    weight: float
    direction: str = "higher"
    scale: str = "minmax"
    label_en: str = ""
    label_zh: str = ""
    note: str = ""
    if_missing: str = "error"
    note_zh: str = ""


def load_criteria(path: Optional[str | Path] = None) -> list[Criterion]:
    """The criteria table at ``path`` (default: the shipped one), validated."""
    p = Path(path) if path else CRITERIA_PATH
    try:
        with p.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
            header = [h.strip().lower() for h in (rows[0].keys() if rows else [])]
    except OSError as exc:
        raise ValuationError("catalog_criteria_unreadable", "Cannot read the criteria table {path}: {error}.",
                             path=str(p), error=str(exc)) from exc
    missing = [c for c in ("criterion", "field", "weight") if c not in header]
    if missing:
        raise ValuationError("catalog_criteria_columns", "The criteria table {path} lacks the column(s) {columns}.",
                             path=str(p), columns=", ".join(missing))
    out: list[Criterion] = []
    for i, raw in enumerate(rows, start=2):
        r = {str(k).strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not r.get("criterion"):
            continue
        values = {"direction": r.get("direction") or "higher", "scale": r.get("scale") or "minmax",
                  "if_missing": r.get("if_missing") or "error"}
        allowed = {"direction": DIRECTIONS, "scale": SCALES, "if_missing": IF_MISSING}
        for col, val in values.items():
            if val not in allowed[col]:
                raise ValuationError("catalog_criteria_bad",
                                     "Criteria table {path}, line {line}: {column} {value!r} is not one of {allowed}.",
                                     path=p.name, line=i, column=col, value=val, allowed=", ".join(allowed[col]))
        try:
            weight = float(r["weight"])
        except ValueError:
            weight = math.nan
        if not math.isfinite(weight) or weight < 0:
            raise ValuationError("catalog_criteria_bad",
                                 "Criteria table {path}, line {line}: {column} {value!r} is not one of {allowed}.",
                                 path=p.name, line=i, column="weight", value=r["weight"],
                                 allowed="numbers ≥ 0")
        out.append(Criterion(r["criterion"], r["field"], weight, values["direction"], values["scale"],
                             r.get("label_en", ""), r.get("label_zh", ""), r.get("note", ""), values["if_missing"],
                             r.get("note_zh", "")))
    ids = [c.id for c in out]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValuationError("catalog_criteria_duplicate", "Criteria occur more than once: {ids}.", ids=", ".join(dup))
    if not out or sum(c.weight for c in out) <= 0:
        raise ValuationError("catalog_criteria_empty", "The criteria table {path} has no criterion with a weight.",
                             path=p.name)
    return out


# ----- scoring --------------------------------------------------------------------------------------------
@dataclass
class Proposal:
    """The ranked candidates (input columns plus RANK, SCORE, S_<criterion>, STATUS …) and how they came about."""

    table: pd.DataFrame
    criteria: list[Criterion]
    evidence: dict[str, list[dict[str, Any]]]
    notices: list[Notice] = field(default_factory=list)

    @property
    def proposed(self) -> pd.DataFrame:
        return self.table[self.table["PROPOSED"] == 1]


def _numeric(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").astype("float64").to_numpy()


def _normalise(c: Criterion, raw: pd.Series) -> tuple[np.ndarray, np.ndarray, str]:
    """(values shown, 0–1 figures with NaN for unknown, note on the scale)."""
    if c.scale == "boolean":
        x = np.array([np.nan if (f := parse_yes_no(v)) is None else float(f) for v in raw], dtype=float)
        s, note = x.copy(), "yes = 1, no = 0"
    else:
        x = _numeric(raw)
        if c.scale == "minmax":
            finite = x[np.isfinite(x)]
            lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (math.nan, math.nan)
            s = (x - lo) / (hi - lo) if hi > lo else np.where(np.isfinite(x), 1.0, np.nan)
            note = f"min–max {lo:.6g} … {hi:.6g}"
        elif c.scale == "percent":
            s, note = np.clip(x / 100.0, 0.0, 1.0), "percent / 100"
        else:
            s, note = np.clip(x, 0.0, 1.0), "fraction"
    if c.direction == "lower":
        s = 1.0 - s
        note += "; lower is better (1 − s)"
    return x, s, note


def _count(table: pd.DataFrame, name: str) -> Optional[np.ndarray]:
    col = find_field(table.columns, name)
    return None if col is None else _numeric(table[col])


def propose(candidates: pd.DataFrame, criteria: Sequence[Criterion], id_field: str = "WS_ID",
            name_field: str = "WS_NAME", field_map: Optional[Mapping[str, str]] = None,
            overrides: Optional[Mapping[str, str]] = None, min_score: float = 0.0, max_entries: int = 0,
            layer: str = "WATERSHEDS") -> Proposal:
    """Score, rank and propose the candidates; ``field_map`` maps a criterion id to another field."""
    notices: list[Notice] = []
    if len(candidates) == 0:
        raise ValuationError("empty_layer", "Layer {layer} has no features (or none selected).", layer=layer)
    id_col, name_col = find_field(candidates.columns, id_field), find_field(candidates.columns, name_field)
    if id_col is None:
        raise ValuationError("missing_field", "Layer {layer} has no field {field}.", layer=layer, field=id_field)
    table = candidates.copy().reset_index(drop=True)
    ids = pd.Series([str(v).strip() if v is not None and not (isinstance(v, float) and math.isnan(v)) else ""
                     for v in table[id_col]])
    if (ids == "").any() or not ids.is_unique:
        raise ValuationError("ws_duplicate_id", "Watershed ids {ids} occur more than once in layer {layer}.",
                             ids=short_list(sorted(set(ids[ids.duplicated() | (ids == "")]))), layer=layer)
    table["WS_ID"] = ids.to_numpy()
    table["WS_NAME"] = table[name_col].fillna("").astype(str).to_numpy() if name_col else ""
    mapping = {k: v for k, v in (field_map or {}).items() if v}
    total_w = sum(c.weight for c in criteria)
    evidence: dict[str, list[dict[str, Any]]] = {i: [] for i in table["WS_ID"]}
    score = np.zeros(len(table))
    for c in criteria:
        fname = mapping.get(c.id, c.field)
        col = find_field(table.columns, fname)
        if col is None:
            if c.if_missing == "error":
                raise ValuationError("catalog_missing_field",
                                     "Criterion {criterion} needs the field {field}, which layer {layer} lacks.",
                                     criterion=c.id, field=fname, layer=layer)
            fill = 0.0 if c.if_missing == "zero" else None
            notices.append(Notice("catalog_field_absent",
                                  "Criterion {criterion}: layer {layer} has no field {field}; every candidate "
                                  "counts as {value}.", {"criterion": c.id, "field": fname, "layer": layer,
                                                         "value": "0" if fill is not None else "unknown"}))
            raw = pd.Series([fill] * len(table))
        else:
            raw = table[col]
        x, s, note = _normalise(c, raw)
        share = c.weight / total_w
        points = np.where(np.isfinite(s), s, 0.0) * share * 100.0
        table[f"S_{c.id}"[:10]] = points
        score += points
        for i, wid in enumerate(table["WS_ID"]):
            evidence[wid].append({"criterion": c.id, "field": fname, "label_en": c.label_en, "label_zh": c.label_zh,
                                  "value": None if not np.isfinite(x[i]) else float(x[i]),
                                  "s": None if not np.isfinite(s[i]) else float(s[i]),
                                  "weight_pct": 100.0 * share, "points": float(points[i]), "scale": note})
    table["SCORE"] = score

    # Rights: block unresolved disputes and unclear rights.
    disputes, unclear = _count(table, "DISPUTE_N"), _count(table, "UNCLEAR_N")
    blocked_by = []
    for i in range(len(table)):
        why = []
        if disputes is not None and np.isfinite(disputes[i]) and disputes[i] > 0:
            why.append("dispute")
        if unclear is not None and np.isfinite(unclear[i]) and unclear[i] > 0:
            why.append("unclear")
        blocked_by.append(";".join(why))
    table["BLOCKED_BY"] = blocked_by
    if disputes is None and unclear is None:
        notices.append(Notice("catalog_rights_unknown",
                              "Layer {layer} has no DISPUTE_N/UNCLEAR_N fields: rights were not checked "
                              "(run swcvalue:watershedsummary on parcels with DISPUTE/ELIGIBLE fields).",
                              {"layer": layer}))
    ov = {str(k).strip(): (v or "").strip() for k, v in (overrides or {}).items()}
    unknown = sorted(set(ov) - set(table["WS_ID"]))
    if unknown:
        raise ValuationError("catalog_override_unknown", "Overrides name watersheds that are not candidates: {ids}.",
                             ids=short_list(unknown))
    no_reason = sorted(k for k, v in ov.items() if not v)
    if no_reason:
        raise ValuationError("catalog_override_no_reason", "Overrides need a reason: {ids}.",
                             ids=short_list(no_reason))
    unused = sorted(k for k in ov if not table.loc[table["WS_ID"] == k, "BLOCKED_BY"].iloc[0])
    if unused:
        notices.append(Notice("catalog_override_unused",
                              "Watersheds {ids} were not blocked; their override is not needed and not recorded.",
                              {"ids": short_list(unused)}))
    table["OVERRIDE"] = [ov.get(w, "") if b else "" for w, b in zip(table["WS_ID"], table["BLOCKED_BY"])]

    # Rank: score, then value per km² (if present), then id.
    v = _count(table, "V_PER_KM2")
    order_keys = pd.DataFrame({"score": -np.round(score, 9), "v": -np.nan_to_num(v, nan=-np.inf) if v is not None
                               else 0.0, "id": table["WS_ID"]})
    order = order_keys.sort_values(["score", "v", "id"], kind="mergesort").index
    table = table.loc[order].reset_index(drop=True)
    table["RANK"] = np.arange(1, len(table) + 1, dtype=np.int64)
    status, n = [], 0
    for _, row in table.iterrows():
        if row["BLOCKED_BY"] and not row["OVERRIDE"]:
            status.append("blocked")
        elif row["SCORE"] < min_score:
            status.append("below_min")
        elif max_entries and n >= max_entries:
            status.append("over_limit")
        else:
            status.append("proposed")
            n += 1
    table["STATUS"] = status
    table["PROPOSED"] = np.array([1 if s == "proposed" else 0 for s in status], dtype=np.int64)
    table["EVIDENCE"] = [evidence_text(evidence[w], b, o) for w, b, o in
                         zip(table["WS_ID"], table["BLOCKED_BY"], table["OVERRIDE"])]
    return Proposal(table, list(criteria), evidence, notices)


def _fmt(x: Optional[float]) -> str:
    if x is None:
        return "unknown"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def evidence_text(items: list[dict[str, Any]], blocked_by: str = "", override: str = "") -> str:
    """Language-neutral evidence: ``CRIT: FIELD=value → s × weight % = points`` per criterion, then rights."""
    parts = []
    for e in items:
        s = "unknown→0" if e["s"] is None else f"{e['s']:.3f}"
        parts.append(f"{e['criterion']}: {e['field']}={_fmt(e['value'])} → {s} × {e['weight_pct']:.1f} % "
                     f"= {e['points']:.2f}")
    if blocked_by:
        parts.append(f"BLOCKED: {blocked_by}" + (f"; OVERRIDE: {override}" if override else ""))
    return "; ".join(parts)


def evidence_text_zh(items: list[dict[str, Any]], blocked_by: str = "", override: str = "") -> str:
    """The evidence in Chinese, for the proposal form (a Chinese document)."""
    parts = []
    for e in items:
        s = "未知，计0" if e["s"] is None else f"{e['s']:.3f}"
        value = "未知" if e["value"] is None else _fmt(e["value"])
        parts.append(f"{e['label_zh'] or e['criterion']}（{e['field']}）={value}，标准化 {s} × 权重 "
                     f"{e['weight_pct']:.1f}% = {e['points']:.2f} 分")
    if blocked_by:
        why = "、".join({"dispute": "存在未解决的权属争议", "unclear": "存在权属不清地块"}.get(b, b)
                       for b in blocked_by.split(";"))
        parts.append(f"不予建议：{why}" + (f"；例外纳入理由：{override}" if override else ""))
    return "；".join(parts)


# ----- the proposal form and the map ----------------------------------------------------------------------
#: Form columns: (Chinese header, column, scale, number format, width).
FORM_COLUMNS: tuple[tuple[str, str, float, str, int], ...] = (
    ("排名", "RANK", 1.0, "0", 6),
    ("小流域编码", "WS_ID", 1.0, "@", 16),
    ("小流域名称", "WS_NAME", 1.0, "@", 22),
    ("面积（km²）", "AREA_KM2", 1.0, "0.00", 10),
    ("已核算面积（km²）", "ACC_KM2", 1.0, "0.00", 10),
    ("核算价值（万元/年）", "V_TOTAL", 1e-4, "#,##0.00", 13),
    ("价值下限（万元/年）", "V_TOT_LO", 1e-4, "#,##0.00", 13),
    ("价值上限（万元/年）", "V_TOT_HI", 1e-4, "#,##0.00", 13),
    ("物质供给（万元/年）", "V_MAT", 1e-4, "#,##0.00", 12),
    ("调节服务（万元/年）", "V_REG", 1e-4, "#,##0.00", 12),
    ("文化服务（万元/年）", "V_CUL", 1e-4, "#,##0.00", 12),
    ("单位面积价值（万元/(km²·年)）", "V_PER_KM2", 1e-4, "#,##0.00", 14),
    ("水土保持措施价值增量（万元/年）", "DV_TOTAL", 1e-4, "#,##0.00", 14),
    ("水土保持率（%）", "SWC_RATE", 1.0, "0.0", 10),
    ("林草覆盖率（%）", "FG_RATE", 1.0, "0.0", 10),
    ("平均植被覆盖度", "VEG_MEAN", 1.0, "0.00", 10),
    ("权属清晰无争议面积比例（%）", "RIGHTS_PCT", 1.0, "0.0", 12),
    ("争议地块数", "DISPUTE_N", 1.0, "0", 8),
    ("权属不清地块数", "UNCLEAR_N", 1.0, "0", 8),
    ("综合得分", "SCORE", 1.0, "0.00", 9),
    ("是否建议纳入", "_PROPOSED_ZH", 1.0, "@", 10),
    ("不纳入原因 / 例外纳入理由", "_WHY_ZH", 1.0, "@", 30),
    ("评分依据", "_EVIDENCE_ZH", 1.0, "@", 80),
)
STATUS_ZH = {"proposed": "是", "blocked": "否（权属）", "below_min": "否（得分低于门槛）",
             "over_limit": "否（超出名额）"}


def _why_zh(row: pd.Series) -> str:
    if row["STATUS"] == "blocked":
        return "；".join({"dispute": "存在未解决的权属争议", "unclear": "存在权属不清地块"}.get(b, b)
                        for b in str(row["BLOCKED_BY"]).split(";") if b)
    if row["STATUS"] == "below_min":
        return "综合得分低于门槛"
    if row["STATUS"] == "over_limit":
        return "超出建议名额"
    if row.get("OVERRIDE"):
        return f"例外纳入：{row['OVERRIDE']}"
    return ""


def write_form(path: str | Path, proposal: Proposal, meta: Mapping[str, Any],
               map_png: Optional[str | Path] = None) -> Path:
    """The proposal form (.xlsx, Chinese headers): the ranked list, the scoring rules and the map."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
    except ImportError as exc:
        raise ValuationError("openpyxl_missing",
                             "Writing the .xlsx form needs the Python package openpyxl "
                             "(python -m pip install openpyxl).") from exc
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "目录清单建议"
    county = str(meta.get("county") or "")
    year = int(meta.get("year") or _dt.date.today().year)
    start, end = meta.get("period") or (year, year + PERIOD_YEARS - 1)
    title = f"{county}水土保持生态产品交易目录清单（建议）　{start}—{end}年"
    if meta.get("adjustment"):
        title += f"（{year}年第一季度调整）"
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    ws.cell(row=2, column=1, value=(f"生成时间：{meta.get('created', _dt.datetime.now().isoformat(timespec='seconds'))}"
                                    f"；软件：SWC EcoValue {__version__}；候选小流域：{len(proposal.table)} 个；"
                                    f"建议纳入：{int(proposal.table['PROPOSED'].sum())} 个。"))
    ws.cell(row=3, column=1, value="注：核算价值为年度生态产品价值流量（元/年），不是评估价值，也不是交易价格。")
    head_row = 5
    fill = PatternFill("solid", fgColor="DDEBF7")
    for j, (header, _, _, _, width) in enumerate(FORM_COLUMNS, start=1):
        c = ws.cell(row=head_row, column=j, value=header)
        c.font, c.fill = Font(bold=True), fill
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.row_dimensions[head_row].height = 45
    t = proposal.table
    for i, (_, row) in enumerate(t.iterrows(), start=head_row + 1):
        derived = {"_PROPOSED_ZH": STATUS_ZH.get(row["STATUS"], row["STATUS"]), "_WHY_ZH": _why_zh(row),
                   "_EVIDENCE_ZH": evidence_text_zh(proposal.evidence[row["WS_ID"]], row["BLOCKED_BY"],
                                                    row["OVERRIDE"])}
        for j, (_, col, scale, fmt, _) in enumerate(FORM_COLUMNS, start=1):
            if col in derived:
                value: Any = derived[col]
            else:
                src = find_field(t.columns, col)
                value = row[src] if src is not None else None
                if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
                    value = None if not np.isfinite(float(value)) else float(value) * scale
                    if value is not None and fmt == "0":
                        value = int(round(value))
                elif value is not None and not isinstance(value, str):
                    value = None if pd.isna(value) else str(value)
            c = ws.cell(row=i, column=j, value=value)
            c.number_format = fmt
            c.alignment = Alignment(wrap_text=col in ("_EVIDENCE_ZH", "_WHY_ZH", "WS_NAME"), vertical="top")
    ws.freeze_panes = ws.cell(row=head_row + 1, column=4)

    rules = wb.create_sheet("评分规则")
    rules.append(["指标", "字段", "权重", "权重占比（%）", "方向", "标准化方法", "缺失时", "说明"])
    total = sum(c.weight for c in proposal.criteria)
    scale_zh = {"minmax": "候选间极差标准化", "percent": "百分比÷100", "fraction": "比例（0–1）",
                "boolean": "是=1，否=0"}
    missing_zh = {"error": "报错", "zero": "按0计", "unknown": "按未知（0分）计"}
    for c in proposal.criteria:
        rules.append([c.label_zh or c.id, c.field, c.weight, round(100.0 * c.weight / total, 2),
                      "越高越好" if c.direction == "higher" else "越低越好", scale_zh[c.scale],
                      missing_zh[c.if_missing], c.note_zh or c.note])
    rules.append([])
    rules.append(["综合得分 = 100 × Σ(权重 × 标准化值) / Σ权重；未知值计 0 分。"])
    rules.append(["存在未解决权属争议（DISPUTE_N > 0）或权属不清地块（UNCLEAR_N > 0）的小流域不予建议，"
                  "除非填写例外理由（记录在案）。"])
    for j, w in enumerate((28, 14, 8, 12, 10, 18, 14, 60), start=1):
        rules.column_dimensions[get_column_letter(j)].width = w
    if map_png and Path(map_png).exists():
        sheet = wb.create_sheet("地图")
        try:
            from openpyxl.drawing.image import Image

            sheet.add_image(Image(str(map_png)), "A1")
        except ImportError:  # Pillow missing: the PNG stays beside the form
            sheet["A1"] = f"地图见 {Path(map_png).name}"
    wb.save(target)
    return target


_CJK_FONTS = ("Noto Sans CJK", "Noto Serif CJK", "Source Han", "WenQuanYi", "SimHei", "Microsoft YaHei",
              "PingFang", "Heiti", "AR PL", "Droid Sans Fallback")


def cjk_font() -> Optional[str]:
    """The name of an installed font with Chinese glyphs, or None."""
    try:
        from matplotlib import font_manager
    except ImportError:
        return None

    for f in font_manager.fontManager.ttflist:
        if any(k.lower() in f.name.lower() for k in _CJK_FONTS):
            return f.name
    return None


def polygon_patch(geom: Any, **kw: Any) -> Any:
    """A matplotlib PathPatch of a (multi)polygon with its holes."""
    import shapely
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MPath

    verts, codes = [], []
    for poly in shapely.get_parts(geom):
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 3:
                continue
            verts.append(xy)
            codes.append(np.array([MPath.MOVETO] + [MPath.LINETO] * (len(xy) - 2) + [MPath.CLOSEPOLY]))
    if not verts:
        return None
    return PathPatch(MPath(np.concatenate(verts), np.concatenate(codes)), **kw)


def draw_map(path: str | Path, geoms: Sequence[Any], colours: Sequence[str], labels: Sequence[str],
             title: str, legend: Sequence[tuple[str, str]], edge: str = "#404040", size: tuple[float, float] = (8, 7),
             font: Optional[str] = None) -> Path:
    """A PNG map of polygons (fill colours, labels at a point inside each, legend (colour, text))."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch
    except ImportError as exc:
        raise ValuationError("matplotlib_missing",
                             "Drawing the map needs the Python package matplotlib (Debian: python3-matplotlib); "
                             "no map was drawn.") from exc

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fig = Figure(figsize=size, dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    fontdict = {"family": font} if font else {}
    family = {"fontfamily": font} if font else {}
    for g, colour, label in zip(geoms, colours, labels):
        if g is None or g.is_empty:
            continue
        patch = polygon_patch(g, facecolor=colour, edgecolor=edge, linewidth=0.4)
        if patch is not None:
            ax.add_patch(patch)
        if label:
            p = g.representative_point()
            ax.annotate(label, (p.x, p.y), ha="center", va="center", fontsize=7, **family)
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.ticklabel_format(useOffset=False, style="plain")
    ax.tick_params(labelsize=6)
    ax.set_title(title, fontdict=fontdict)
    if legend:
        ax.legend(handles=[Patch(facecolor=c, edgecolor=edge, label=t) for c, t in legend], loc="best", fontsize=7,
                  prop={"family": font, "size": 7} if font else None)
    fig.tight_layout()
    fig.savefig(target, format="png")
    return target


#: Map colours by status.
STATUS_COLOURS = {"proposed": "#4caf50", "overridden": "#ff9800", "blocked": "#e53935", "below_min": "#bdbdbd",
                  "over_limit": "#9e9e9e"}


def proposal_map(path: str | Path, proposal: Proposal, geoms: Sequence[Any], year: int, county: str = "",
                 period: Optional[tuple[int, int]] = None, adjustment: bool = False) -> Path:
    """The proposal map: candidates coloured by status, labelled ``rank. id``; Chinese when a CJK font exists."""
    start, end = period or (year, year + PERIOD_YEARS - 1)
    font = cjk_font()
    t = proposal.table
    keys = ["overridden" if s == "proposed" and o else s for s, o in zip(t["STATUS"], t["OVERRIDE"])]
    colours = [STATUS_COLOURS[k] for k in keys]
    labels = [f"{r}. {w}" for r, w in zip(t["RANK"], t["WS_ID"])]
    if font:
        names = {"proposed": "建议纳入", "overridden": "例外纳入", "blocked": "权属问题，不予建议",
                 "below_min": "得分低于门槛", "over_limit": "超出名额"}
        title = f"{county}目录清单建议 {start}—{end}" + (f"（{year}年第一季度调整）" if adjustment else "")
    else:
        names = {"proposed": "proposed", "overridden": "proposed by override", "blocked": "blocked (rights)",
                 "below_min": "below the minimum score", "over_limit": "over the limit"}
        title = f"Catalog proposal {start}-{end}" + (f" (Q1 {year} adjustment)" if adjustment else "")
    legend = [(STATUS_COLOURS[k], names[k]) for k in STATUS_COLOURS if k in keys]
    return draw_map(path, geoms, colours, labels, title, legend, font=font)


# ----- the register ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """One catalog entry decision: ``in`` (listed) or ``out`` (removed), with its reason."""

    ws_id: str
    action: str
    reason: str
    ws_name: str = ""
    override: str = ""
    score: Optional[float] = None
    evidence: str = ""


_GPKG_APPLICATION_ID = 0x47504B47
_GPKG_USER_VERSION = 10400
_GPKG_DDL = (
    """CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
       organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
       description TEXT)""",
    """INSERT INTO gpkg_spatial_ref_sys VALUES
       ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
       ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
       ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,'
        || '298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY['
        || '"EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],'
        || 'AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]', 'longitude/latitude coordinates in decimal degrees')""",
    """CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
       identifier TEXT UNIQUE, description TEXT DEFAULT '',
       last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE,
       max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
       CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
       geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
       CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
       CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
       CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
)
_CATALOG_DDL = (
    """CREATE TABLE IF NOT EXISTS swc_catalog_period (
       fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, start_year INTEGER NOT NULL, end_year INTEGER NOT NULL,
       decided_on TEXT, decided_by TEXT, note TEXT, recorded_at TEXT NOT NULL, software TEXT)""",
    """CREATE TABLE IF NOT EXISTS swc_catalog_event (
       fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
       period_id INTEGER NOT NULL REFERENCES swc_catalog_period(fid), year INTEGER NOT NULL,
       quarter TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('initial', 'adjustment')),
       action TEXT NOT NULL CHECK (action IN ('in', 'out')), ws_id TEXT NOT NULL, ws_name TEXT,
       reason TEXT NOT NULL CHECK (length(trim(reason)) > 0), override TEXT, score REAL, evidence TEXT,
       decided_on TEXT, decided_by TEXT, recorded_at TEXT NOT NULL)""",
)
_APPEND_ONLY = ("swc_catalog_period", "swc_catalog_event")


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def ensure_gpkg(path: str | Path) -> Path:
    """``path`` as a GeoPackage: an empty one (the required metadata tables) is created when it does not exist."""
    p = Path(path)
    if p.exists():
        return p
    p.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(p)) as con, con:
        con.execute(f"PRAGMA application_id = {_GPKG_APPLICATION_ID}")
        con.execute(f"PRAGMA user_version = {_GPKG_USER_VERSION}")
        for stmt in _GPKG_DDL:
            con.execute(stmt)
    return p


def ensure_tables(con: sqlite3.Connection, ddl: Iterable[str], tables: Sequence[str],
                  descriptions: Mapping[str, str]) -> None:
    """Create ``tables`` (append-only: triggers refuse UPDATE and DELETE) and list them in gpkg_contents."""
    for stmt in ddl:
        con.execute(stmt)
    for t in tables:
        for op in ("UPDATE", "DELETE"):
            con.execute(f"CREATE TRIGGER IF NOT EXISTS {t}_no_{op.lower()} BEFORE {op} ON {t} "
                        f"BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END")
    has_contents = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='gpkg_contents'").fetchone()
    if has_contents:
        for t in tables:
            con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                        "VALUES (?, 'attributes', ?, ?)", (t, t, descriptions.get(t, "")))


class CatalogRegister:
    """The catalog the city decided, kept in a GeoPackage (see the module docstring)."""

    def __init__(self, path: str | Path) -> None:
        self.path = ensure_gpkg(path)
        with self._connect() as con, con:
            ensure_tables(con, _CATALOG_DDL, _APPEND_ONLY, {
                "swc_catalog_period": "SWC EcoValue: catalog periods (3 years), append-only",
                "swc_catalog_event": "SWC EcoValue: catalog entries and Q1 adjustments, append-only"})

    def _connect(self) -> closing:
        con = sqlite3.connect(self.path)
        con.execute("PRAGMA foreign_keys = ON")
        return closing(con)

    # reading ---------------------------------------------------------------------------------------------
    def periods(self) -> pd.DataFrame:
        with self._connect() as con:
            return pd.read_sql_query("SELECT * FROM swc_catalog_period ORDER BY fid", con)

    def events(self) -> pd.DataFrame:
        with self._connect() as con:
            return pd.read_sql_query("SELECT * FROM swc_catalog_event ORDER BY fid", con)

    def period_for(self, year: int) -> Optional[dict[str, Any]]:
        """The period that covers ``year``, or None."""
        p = self.periods()
        hit = p[(p["start_year"] <= year) & (p["end_year"] >= year)]
        return None if hit.empty else hit.iloc[-1].to_dict()

    def as_of(self, year: int) -> pd.DataFrame:
        """The catalog in force in ``year`` (after that year's Q1 adjustment): the period's initial list with every
        adjustment of the years up to ``year`` applied in the order recorded."""
        cols = ["WS_ID", "WS_NAME", "IN_SINCE", "REASON", "OVERRIDE", "SCORE", "PERIOD"]
        period = self.period_for(int(year))
        if period is None:
            return pd.DataFrame(columns=cols)
        ev = self.events()
        ev = ev[(ev["period_id"] == period["fid"]) & (ev["year"] <= int(year))]
        state: dict[str, dict[str, Any]] = {}

        def text(v: Any) -> str:
            return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)

        for _, e in ev.iterrows():
            if e["action"] == "in":
                score = e["score"]
                state[e["ws_id"]] = {"WS_ID": e["ws_id"], "WS_NAME": text(e["ws_name"]), "IN_SINCE": int(e["year"]),
                                     "REASON": text(e["reason"]), "OVERRIDE": text(e["override"]),
                                     "SCORE": math.nan if score is None else float(score),
                                     "PERIOD": f"{period['start_year']}–{period['end_year']}"}
            else:
                state.pop(e["ws_id"], None)
        out = pd.DataFrame(list(state.values()), columns=cols)
        return out.astype({"WS_ID": object, "WS_NAME": object, "REASON": object, "OVERRIDE": object,
                           "SCORE": "float64", "PERIOD": object, "IN_SINCE": "int64"})

    # writing ---------------------------------------------------------------------------------------------
    def record_period(self, start_year: int, entries: Sequence[Change], decided_on: str = "",
                      decided_by: str = "", note: str = "") -> int:
        """A new three-year period from ``start_year`` with its initial entries; returns the period id."""
        start, end = int(start_year), int(start_year) + PERIOD_YEARS - 1
        p = self.periods()
        clash = p[(p["start_year"] <= end) & (p["end_year"] >= start)]
        if not clash.empty:
            r = clash.iloc[0]
            raise ValuationError("catalog_period_overlap",
                                 "The register already has a catalog for {start}–{end}; periods cannot overlap "
                                 "and are never rewritten (record a Q1 adjustment instead).",
                                 start=int(r["start_year"]), end=int(r["end_year"]))
        if not entries:
            raise ValuationError("catalog_empty", "A catalog needs at least one watershed.")
        self._check_changes(entries, set(), initial=True)
        now = _now()
        with self._connect() as con, con:
            cur = con.execute("INSERT INTO swc_catalog_period (start_year, end_year, decided_on, decided_by, note, "
                              "recorded_at, software) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              (start, end, decided_on, decided_by, note, now, f"SWC EcoValue {__version__}"))
            pid = int(cur.lastrowid)
            self._insert(con, pid, start, "initial", entries, decided_on, decided_by, now)
        return pid

    def record_adjustment(self, year: int, changes: Sequence[Change], decided_on: str = "",
                          decided_by: str = "") -> int:
        """The first-quarter adjustment of ``year`` (the second or third year of a period); returns the count."""
        year = int(year)
        period = self.period_for(year)
        if period is None:
            raise ValuationError("catalog_no_period", "The register has no catalog period covering {year}.", year=year)
        if year <= int(period["start_year"]):
            raise ValuationError("catalog_adjust_year",
                                 "Q1 adjustments are for the second and third year of a period ({start}–{end}), "
                                 "not {year}.", start=int(period["start_year"]), end=int(period["end_year"]),
                                 year=year)
        ev = self.events()
        if ((ev["period_id"] == period["fid"]) & (ev["year"] == year)).any():
            raise ValuationError("catalog_adjust_exists",
                                 "The Q1 adjustment of {year} is already recorded; history is never rewritten.",
                                 year=year)
        if not changes:
            raise ValuationError("catalog_no_changes", "The adjustment of {year} has no change.", year=year)
        in_force = set(self.as_of(year - 1)["WS_ID"])
        self._check_changes(changes, in_force, initial=False)
        with self._connect() as con, con:
            self._insert(con, int(period["fid"]), year, "adjustment", changes, decided_on, decided_by, _now())
        return len(changes)

    @staticmethod
    def _check_changes(changes: Sequence[Change], in_force: set[str], initial: bool) -> None:
        ids = [c.ws_id for c in changes]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValuationError("catalog_duplicate_change", "Watersheds {ids} occur more than once in one decision.",
                                 ids=short_list(dup))
        bad = [c.ws_id for c in changes if c.action not in ("in", "out") or (initial and c.action != "in")]
        if bad:
            raise ValuationError("catalog_bad_action", "Watersheds {ids}: the action must be in or out (an initial "
                                 "list has only in).", ids=short_list(bad))
        no_reason = [c.ws_id for c in changes if not (c.reason or "").strip()]
        if no_reason:
            raise ValuationError("catalog_no_reason", "Every catalog decision needs a reason: {ids}.",
                                 ids=short_list(no_reason))
        already = [c.ws_id for c in changes if c.action == "in" and c.ws_id in in_force]
        absent = [c.ws_id for c in changes if c.action == "out" and c.ws_id not in in_force]
        if already or absent:
            raise ValuationError("catalog_change_conflict",
                                 "Cannot list watersheds already in the catalog ({listed}) or remove watersheds "
                                 "not in it ({absent}).", listed=short_list(already) or "-",
                                 absent=short_list(absent) or "-")

    @staticmethod
    def _insert(con: sqlite3.Connection, pid: int, year: int, kind: str, changes: Sequence[Change],
                decided_on: str, decided_by: str, now: str) -> None:
        con.executemany(
            "INSERT INTO swc_catalog_event (period_id, year, quarter, kind, action, ws_id, ws_name, reason, "
            "override, score, evidence, decided_on, decided_by, recorded_at) "
            "VALUES (?, ?, 'Q1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(pid, year, kind, c.action, c.ws_id, c.ws_name, c.reason.strip(), c.override or None,
              None if c.score is None or not math.isfinite(c.score) else float(c.score), c.evidence,
              decided_on or None, decided_by or None, now) for c in changes])


def catalog_as_of(register: str | Path, year: int) -> pd.DataFrame:
    """The catalog in force in ``year`` as recorded in ``register`` (empty when no period covers it)."""
    return CatalogRegister(register).as_of(year)


def proposal_changes(proposal: Proposal, in_force: Optional[set[str]] = None,
                     reasons: Optional[Mapping[str, str]] = None) -> list[Change]:
    """Changes that would make the catalog equal to the proposal: ``in`` for proposed watersheds not in force
    and ``out`` for watersheds in force that are candidates but not proposed (in force but not candidates stay).
    ``reasons`` maps ``in``/``out`` to templates with {rank}, {score}, {status}."""
    in_force = in_force or set()
    texts = {"in": "proposal rank {rank}, score {score:.1f}", "out": "not proposed: {status}", **(reasons or {})}
    out = []
    for _, r in proposal.table.iterrows():
        listed = r["WS_ID"] in in_force
        action = "in" if r["PROPOSED"] == 1 and not listed else "out" if r["PROPOSED"] != 1 and listed else ""
        if action:
            out.append(Change(r["WS_ID"], action, texts[action].format(rank=int(r["RANK"]), score=float(r["SCORE"]),
                                                                         status=r["STATUS"]),
                              ws_name=str(r["WS_NAME"]), override=str(r["OVERRIDE"] or ""),
                              score=float(r["SCORE"]), evidence=str(r["EVIDENCE"])))
    return out
