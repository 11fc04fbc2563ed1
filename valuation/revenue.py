"""Revenue distribution plan (收益分配方案, "一单一策") of one trade.

NET = GROSS − (accounting + appraisal + platform + other costs). Each share line (recipient, category,
percent; percents sum to 100) receives NET × percent; COLLECTIVE and VILLAGERS lines may be split further
among the parcels' right holders (HOLDER) by appraised-value share (APPR_MAT + APPR_REG + APPR_CUL, else
V_TOTAL) or by area share (AREA_M2). Amounts are in whole cents (0.01 元) and add up exactly: lines to NET,
holder rows to their line (largest remainder, ties to the earlier row). The regulating-and-cultural part
of NET (by those classes' share of value) is reported with its permitted uses.

Platform fee (clause 十六, "actual cost + reasonable profit"): ``platform_fee(items, margin_percent, cap)`` gives
COST_PLATFORM = Σ cost items + margin, margin = Σ items × margin_percent / 100 rounded half-up to the cent, all in
exact Decimal cents; a margin above the cap (parameter ``platform_margin_max``, :func:`margin_cap`) is refused.
``plan(..., platform=fee)`` uses fee.total as the platform cost; a COST_PLATFORM given as well must agree to the cent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Iterable, Optional, Sequence

import pandas as pd

from .errors import Notice, ValuationError, short_list
from .matrix import matrix_cells

#: category code -> Chinese label
CATEGORIES: dict[str, str] = {
    "FEEDBACK": "反哺水土流失治理",
    "COLLECTIVE": "村集体",
    "VILLAGERS": "村民",
    "INVESTOR": "投资主体",
    "OPERATOR": "经营主体",
    "OTHER": "其他",
}
#: categories split among the parcels' right holders
SPLIT_CATEGORIES = ("COLLECTIVE", "VILLAGERS")
ALLOCATE_MODES = ("value", "area", "none")
APPRAISED = ("APPR_MAT", "APPR_REG", "APPR_CUL")
#: permitted uses of the regulating-and-cultural part (clause 九)
PERMITTED_USES = ("rural infrastructure", "villagers' income", "soil and water conservation function")
COST_KEYS = ("accounting", "appraisal", "platform", "other")


@dataclass(frozen=True)
class Share:
    recipient: str
    category: str
    percent: Decimal


#: The parameter-table row capping the platform's reasonable-profit margin (percent of its cost items).
MARGIN_CAP_KEY = "platform_margin_max"


@dataclass(frozen=True)
class MarginCap:
    """The cap on the platform's margin and where it comes from (a parameter-table row)."""

    percent: Decimal
    key: str = MARGIN_CAP_KEY
    source: str = ""
    evidence: str = ""
    parameter_set: str = ""


@dataclass
class PlatformFee:
    """The platform fee: actual cost items, the reasonable-profit margin and the total (all exact cents)."""

    items: list[tuple[str, Decimal]]
    margin_percent: Decimal
    margin: Decimal
    total: Decimal
    cap: MarginCap

    @property
    def cost(self) -> Decimal:
        """Σ cost items."""
        return sum((a for _, a in self.items), Decimal(0))

    def rows(self) -> pd.DataFrame:
        """ITEM, KIND (``cost``, ``margin``, ``total``), PERCENT (margin row: its percent), AMOUNT (元)."""
        rows = [{"ITEM": name, "KIND": "cost", "PERCENT": None, "AMOUNT": float(a)} for name, a in self.items]
        rows.append({"ITEM": "MARGIN", "KIND": "margin", "PERCENT": float(self.margin_percent),
                     "AMOUNT": float(self.margin)})
        rows.append({"ITEM": "COST_PLATFORM", "KIND": "total", "PERCENT": None, "AMOUNT": float(self.total)})
        return pd.DataFrame(rows, columns=["ITEM", "KIND", "PERCENT", "AMOUNT"])


@dataclass
class RevenuePlan:
    """The table rows, NET and the regulating-and-cultural part."""

    rows: pd.DataFrame  # RECIPIENT, CATEGORY, HOLDER, PERCENT, AMOUNT
    gross: Decimal
    costs: dict[str, Decimal]
    net: Decimal
    reg_cul_share: float
    reg_cul_amount: Decimal
    weight_basis: str
    notices: list[Notice] = field(default_factory=list)
    platform: Optional[PlatformFee] = None


def money(value: Any, name: str) -> Decimal:
    """A non-negative amount in 元, rounded half-up to 0.01."""
    try:
        d = Decimal(str(value if value not in (None, "") else 0)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ValuationError("revenue_bad_amount", "{name} is not an amount: {value}.", name=name,
                             value=str(value)) from None
    if not d.is_finite() or d < 0:
        raise ValuationError("revenue_negative_amount", "{name} must not be negative ({value}).", name=name,
                             value=str(value))
    return d


def percent_text(d: Decimal) -> str:
    """A percent without trailing zeros: 8, 7.5."""
    t = f"{d:f}"
    return t.rstrip("0").rstrip(".") if "." in t else t


def margin_cap(params: Any) -> MarginCap:
    """The cap row of a :class:`valuation.parameters.ParameterSet` (value in %, source, evidence)."""
    value = params.value(MARGIN_CAP_KEY)
    row = params.rows.loc[MARGIN_CAP_KEY]
    return MarginCap(Decimal(str(value)), MARGIN_CAP_KEY, str(row.get("source") or ""),
                     str(row.get("evidence") or ""), str(getattr(params, "id", "")))


def parse_cost_items(value: Any) -> list[tuple[str, Decimal]]:
    """Platform cost items (ITEM, AMOUNT 元) from a matrix: flat (``[a, 6000, b, 2500]`` or one comma-separated
    string, as qgis_process passes it) or nested (``[[a, 6000], [b, 2500]]``). Empty: no items."""
    cells = matrix_cells(value)
    if not cells:
        return []
    if len(cells) % 2:
        raise ValuationError("platform_items_not_pairs", "PLATFORM_COSTS has {n} cells, not item and amount pairs.",
                             n=len(cells))
    items = []
    for i in range(0, len(cells), 2):
        name = str(cells[i] if cells[i] is not None else "").strip()
        if not name:
            raise ValuationError("platform_item_no_name", "PLATFORM_COSTS row {row} has no item name.",
                                 row=i // 2 + 1)
        items.append((name, money(cells[i + 1], f"PLATFORM_COSTS {name}")))
    return items


def platform_fee(items: Sequence[tuple[str, Any]], margin_percent: Any, cap: MarginCap) -> PlatformFee:
    """COST_PLATFORM = Σ items + Σ items × margin_percent / 100 (half-up to the cent); margin ≤ cap."""
    clean = [(str(n), money(a, f"PLATFORM_COSTS {n}")) for n, a in items]
    try:
        pct = Decimal(str(margin_percent if margin_percent not in (None, "") else 0))
    except InvalidOperation:
        pct = Decimal("NaN")
    if not pct.is_finite() or pct < 0:
        raise ValuationError("platform_bad_margin", "PLATFORM_MARGIN must be a percentage ≥ 0, got {value}.",
                             value=str(margin_percent))
    if not clean and pct > 0:
        raise ValuationError("platform_margin_without_costs", "PLATFORM_MARGIN is a percentage of the platform's "
                             "cost items; give PLATFORM_COSTS.")
    if pct > cap.percent:
        raise ValuationError("platform_margin_above_cap", "The platform's profit margin {margin} % exceeds the cap "
                             "{cap} % (parameter {key}, {evidence}: {source}).", margin=percent_text(pct),
                             cap=percent_text(cap.percent), key=cap.key, evidence=cap.evidence, source=cap.source)
    cost = sum((a for _, a in clean), Decimal(0))
    margin = (cost * pct / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return PlatformFee(clean, pct, margin, cost + margin, cap)


def platform_notice(fee: PlatformFee) -> Notice:
    """The basis of the platform fee, for the log."""
    return Notice("revenue_platform_fee", "Platform fee (clause 十六, actual cost + reasonable profit): cost items "
                  "{cost} 元 + {percent} % profit {margin} 元 = {total} 元; the margin cap is {cap} % (parameter "
                  "{key}, {evidence}).", {"cost": f"{fee.cost:,.2f}", "percent": percent_text(fee.margin_percent),
                                          "margin": f"{fee.margin:,.2f}", "total": f"{fee.total:,.2f}",
                                          "cap": percent_text(fee.cap.percent), "key": fee.cap.key,
                                          "evidence": fee.cap.evidence})


def category_code(value: Any) -> Optional[str]:
    """The category code for a code (any case) or its Chinese label; None when unknown."""
    s = str(value or "").strip()
    if s.upper() in CATEGORIES:
        return s.upper()
    for code, label in CATEGORIES.items():
        if s == label:
            return code
    return None


def parse_shares(value: Any) -> list[Share]:
    """Share lines from a matrix: flat (``[a, FEEDBACK, 20, b, COLLECTIVE, 80]``, as qgis_process passes it,
    also one comma-separated string) or nested (``[[a, FEEDBACK, 20], …]``, as processing.run passes it)."""
    cells = matrix_cells(value)
    if not cells:
        raise ValuationError("shares_missing", "Give the shares (SHARES or SHARES_TABLE).")
    if len(cells) % 3:
        raise ValuationError("shares_not_triples", "The shares have {n} cells, not a multiple of three "
                             "(recipient, category, percent).", n=len(cells))
    shares: list[Share] = []
    bad_cat: list[str] = []
    bad_pct: list[str] = []
    for i in range(0, len(cells), 3):
        recipient, cat, pct = (str(cells[i] if cells[i] is not None else "").strip(), cells[i + 1], cells[i + 2])
        code = category_code(cat)
        if code is None:
            bad_cat.append(str(cat))
        try:
            p = Decimal(str(pct).strip().rstrip("%"))
            if not p.is_finite() or p < 0:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            bad_pct.append(str(pct))
            p = Decimal(0)
        shares.append(Share(recipient or CATEGORIES.get(code or "", str(cat)), code or "", p))
    if bad_cat:
        raise ValuationError("shares_bad_category", "Unknown share categories {values}; use FEEDBACK, COLLECTIVE, "
                             "VILLAGERS, INVESTOR, OPERATOR or OTHER.", values=short_list(bad_cat))
    if bad_pct:
        raise ValuationError("shares_bad_percent", "Share percentages must be numbers ≥ 0: {values}.",
                             values=short_list(bad_pct))
    total = sum((s.percent for s in shares), Decimal(0))
    if total != Decimal(100):
        raise ValuationError("shares_sum", "The share percentages add up to {total} %, not 100 %.",
                             total=f"{total:f}".rstrip("0").rstrip(".") if "." in f"{total:f}" else f"{total:f}")
    return shares


def shares_from_table(table: pd.DataFrame) -> list[Share]:
    """Share lines from a table whose first three columns are recipient, category and percent."""
    if table.shape[1] < 3:
        raise ValuationError("shares_table_columns", "The shares table needs three columns (recipient, "
                             "category, percent); it has {n}.", n=int(table.shape[1]))
    rows = table.iloc[:, :3].astype(object).where(table.iloc[:, :3].notna(), "").values.tolist()
    return parse_shares(rows)


def largest_remainder(total_cents: int, weights: Sequence[Fraction]) -> list[int]:
    """Split ``total_cents`` in proportion to ``weights`` into whole cents adding up exactly."""
    wsum = sum(weights, Fraction(0))
    if wsum <= 0:
        return [0] * len(weights)
    quotas = [Fraction(total_cents) * w / wsum for w in weights]
    base = [math.floor(q) for q in quotas]
    rest = total_cents - sum(base)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - base[i]), i))
    for i in order[:rest]:
        base[i] += 1
    return base


def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").fillna(0.0).astype(float)


def holder_weights(parcels: pd.DataFrame, mode: str) -> tuple[dict[str, Fraction], str, list[Notice]]:
    """Right holder -> weight (value or area) and the basis used ("APPR", "V_TOTAL" or "AREA_M2")."""
    notices: list[Notice] = []
    if "HOLDER" not in parcels.columns:
        raise ValuationError("revenue_no_holder_field", "The parcels have no HOLDER field; assign ownership "
                             "first or choose not to split.")
    holders = parcels["HOLDER"].map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v))
                                    else str(v).strip())
    blank = holders == ""
    if blank.any():
        ids = parcels.loc[blank, "PARCEL_ID"] if "PARCEL_ID" in parcels.columns else parcels.index[blank]
        raise ValuationError("revenue_blank_holder", "Parcels without a right holder (HOLDER): {parcels}.",
                             parcels=short_list(list(ids)))
    if mode == "area":
        if "AREA_M2" not in parcels.columns:
            raise ValuationError("revenue_no_area", "The parcels have no AREA_M2 field.")
        w, basis = _num(parcels["AREA_M2"]), "AREA_M2"
    else:
        present = [c for c in APPRAISED if c in parcels.columns]
        if present:
            w, basis = sum(_num(parcels[c]) for c in present), "APPR"
        elif "V_TOTAL" in parcels.columns:
            w, basis = _num(parcels["V_TOTAL"]), "V_TOTAL"
            notices.append(Notice("revenue_weight_v_total", "No appraised values (APPR_MAT, APPR_REG, APPR_CUL): "
                                  "holders' shares follow the accounted value V_TOTAL instead.", {}))
        else:
            raise ValuationError("revenue_no_values", "The parcels have neither appraised values (APPR_MAT, "
                                 "APPR_REG, APPR_CUL) nor V_TOTAL.")
    weights: dict[str, Fraction] = {}
    for h, v in zip(holders, w):
        weights[h] = weights.get(h, Fraction(0)) + Fraction(Decimal(str(max(v, 0.0))))
    if sum(weights.values(), Fraction(0)) <= 0:
        raise ValuationError("revenue_zero_weights", "Every parcel has a zero {basis}; the holders' shares "
                             "cannot be computed.", basis=basis)
    return weights, basis, notices


def reg_cul_share(parcels: Optional[pd.DataFrame]) -> float:
    """(REG + CUL) / (MAT + REG + CUL) from appraised values when present, else accounted V_* (0 when none)."""
    if parcels is None or parcels.empty:
        return 0.0
    if any(c in parcels.columns for c in APPRAISED):
        cols = APPRAISED
    else:
        cols = ("V_MAT", "V_REG", "V_CUL")
    vals = [float(_num(parcels[c]).sum()) if c in parcels.columns else 0.0 for c in cols]
    total = sum(vals)
    return (vals[1] + vals[2]) / total if total > 0 else 0.0


def plan(gross: Any, costs: dict[str, Any], shares: Iterable[Share], parcels: Optional[pd.DataFrame] = None,
         allocate_by: str = "value", platform: Optional[PlatformFee] = None) -> RevenuePlan:
    """The distribution table; see the module docstring. ``costs`` keys are :data:`COST_KEYS`. With ``platform``
    the platform cost is its total; ``costs["platform"]`` (0 or None: not given) must then agree to the cent.
    A platform cost given only as a number gets a notice that its basis is not documented."""
    if allocate_by not in ALLOCATE_MODES:
        raise ValuationError("revenue_bad_mode", "Unknown allocation {mode}; use value, area or none.",
                             mode=allocate_by)
    g = money(gross, "GROSS")
    c = {k: money(costs.get(k, 0), f"COST_{k.upper()}") for k in COST_KEYS}
    fee_notices: list[Notice] = []
    if platform is not None:
        if c["platform"] and c["platform"] != platform.total:
            raise ValuationError("platform_fee_mismatch", "COST_PLATFORM {given} 元 differs from the platform fee "
                                 "{computed} 元 computed from PLATFORM_COSTS and PLATFORM_MARGIN; give one or make "
                                 "them agree.", given=f"{c['platform']:,.2f}", computed=f"{platform.total:,.2f}")
        c["platform"] = platform.total
        fee_notices.append(platform_notice(platform))
    elif c["platform"]:
        fee_notices.append(Notice("revenue_platform_fee_undocumented", "The platform fee {amount} 元 is given as one "
                                  "figure; its basis (actual cost + reasonable profit, clause 十六) is not "
                                  "documented: give PLATFORM_COSTS and PLATFORM_MARGIN.",
                                  {"amount": f"{c['platform']:,.2f}"}))
    total_cost = sum(c.values(), Decimal(0))
    if total_cost > g:
        raise ValuationError("revenue_costs_exceed", "The costs ({costs} 元) exceed the gross revenue "
                             "({gross} 元).", costs=f"{total_cost:,.2f}", gross=f"{g:,.2f}")
    net = g - total_cost
    shares = list(shares)
    notices: list[Notice] = fee_notices
    net_cents = int(net * 100)
    line_cents = largest_remainder(net_cents, [Fraction(s.percent) for s in shares])
    split = allocate_by != "none" and any(s.category in SPLIT_CATEGORIES for s in shares)
    weights: dict[str, Fraction] = {}
    basis = ""
    if split:
        if parcels is None or parcels.empty:
            raise ValuationError("revenue_no_parcels", "Splitting among right holders needs the trade's parcels.")
        weights, basis, notes = holder_weights(parcels, allocate_by)
        notices += notes
    wsum = sum(weights.values(), Fraction(0))
    rows: list[dict[str, Any]] = []
    for s, cents in zip(shares, line_cents):
        if split and s.category in SPLIT_CATEGORIES:
            holders = list(weights)
            parts = largest_remainder(cents, [weights[h] for h in holders])
            for h, part in zip(holders, parts):
                pct = float(Fraction(s.percent) * weights[h] / wsum)
                rows.append({"RECIPIENT": s.recipient, "CATEGORY": s.category, "HOLDER": h, "PERCENT": pct,
                             "AMOUNT": part / 100})
        else:
            rows.append({"RECIPIENT": s.recipient, "CATEGORY": s.category, "HOLDER": "",
                         "PERCENT": float(s.percent), "AMOUNT": cents / 100})
    share = reg_cul_share(parcels)
    rc = (net * Decimal(str(share))).quantize(Decimal("0.01"), ROUND_HALF_UP)
    table = pd.DataFrame(rows, columns=["RECIPIENT", "CATEGORY", "HOLDER", "PERCENT", "AMOUNT"])
    return RevenuePlan(table, g, c, net, share, rc, basis, notices, platform)
