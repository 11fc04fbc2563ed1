"""Cultural services (文化服务): a lot's travel-cost value shared among its parcels.

The visitors table (SCOPE_ID, VISITORS, SPEND_PER_VISIT[, PRICE_YEAR]) becomes parameter rows
``cul_visitors@<scope>`` (visits/a) and ``cul_spend@<scope>`` (元/visit, a price: CPI re-based like the
others), so every figure shows in the provenance table. Within a lot, Q_VISIT = VISITORS · w/Σw with
w = AREA_M2 · ``cul_weight.<eco>``; V_CUL = Q_VISIT · spend. Built-up (weight 0) gets nothing; lots without
visitors give 0 with a reason.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ..errors import Notice, ValuationError, short_list
from ..parameters import ParameterSet
from .base import Indicator, PriceTerm, Status, col, eco_col, map_distinct, register

ID = "V_CUL"
VISITORS_PREFIX = "cul_visitors@"
SPEND_PREFIX = "cul_spend@"
VISITOR_COLUMNS = ("SCOPE_ID", "VISITORS", "SPEND_PER_VISIT")


def scope_key(value: Any) -> str:
    """A lot id as text: 3, 3.0 and "3 " all give "3"; null gives ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def attach_visitors(params: ParameterSet, visitors: pd.DataFrame | None) -> ParameterSet:
    """``params`` plus one visitors/spend row pair per lot (earlier visitor rows replaced)."""
    if visitors is None:
        return params
    missing = [c for c in VISITOR_COLUMNS if c not in visitors.columns]
    if missing:
        raise ValuationError("visitors_missing_columns", "The visitors table lacks the column(s) {columns}.",
                             columns=short_list(missing))
    df = pd.DataFrame({"scope": visitors["SCOPE_ID"].map(scope_key),
                       "visitors": pd.to_numeric(visitors["VISITORS"], errors="coerce"),
                       "spend": pd.to_numeric(visitors["SPEND_PER_VISIT"], errors="coerce")})
    df["year"] = (pd.to_numeric(visitors["PRICE_YEAR"], errors="coerce") if "PRICE_YEAR" in visitors.columns
                  else float(params.price_year_target))
    bad = ((df["scope"] == "") | df["visitors"].isna() | df["spend"].isna() | (df["visitors"] < 0)
           | (df["spend"] < 0) | df["year"].isna()).to_numpy()
    if bad.any():
        raise ValuationError("visitors_bad_rows",
                             "Visitors table rows need a SCOPE_ID and non-negative numbers: rows {rows}.",
                             rows=short_list([int(i) + 1 for i in np.flatnonzero(bad)]))
    rows: list[dict[str, Any]] = []
    for scope, g in df.groupby("scope", sort=True):
        if g["year"].nunique() > 1:
            raise ValuationError("visitors_mixed_years",
                                 "Lot {scope} has visitor rows in several price years.", scope=scope)
        n = float(g["visitors"].sum())
        spend = float((g["visitors"] * g["spend"]).sum() / n) if n > 0 else float(g["spend"].mean())
        src = "visitors table (user)"
        rows.append({"key": VISITORS_PREFIX + scope, "value": n, "unit": "visits/a", "source": src,
                     "evidence": "user", "applies_to": scope, "note": "annual visits to the lot"})
        rows.append({"key": SPEND_PREFIX + scope, "value": spend, "unit": "元/visit",
                     "price_year": int(g["year"].iloc[0]), "source": src, "evidence": "user",
                     "applies_to": scope,
                     "note": "travel cost per visit (visitor-weighted mean of the lot's rows)"})
    base = params
    for prefix in (VISITORS_PREFIX, SPEND_PREFIX):
        if base.keys(prefix):
            base = base.with_rows([], replace_prefix=prefix)
    return base.with_rows(rows)


def lot_notices(drivers: pd.DataFrame, params: ParameterSet) -> list[Notice]:
    """Lots with visitors but no parcel among the drivers (their value is not allocated)."""
    scopes = set(map_distinct(drivers["SCOPE_ID"], scope_key).unique()) if "SCOPE_ID" in drivers.columns else set()
    orphan = sorted(k[len(VISITORS_PREFIX):] for k in params.keys(VISITORS_PREFIX)
                    if k[len(VISITORS_PREFIX):] not in scopes)
    if not orphan:
        return []
    return [Notice("visitors_unknown_lots",
                   "Visitors were given for lots with no parcel: {lots}; their value is not allocated.",
                   {"lots": short_list(orphan)})]


def quantify(drivers: pd.DataFrame, params: ParameterSet, status: Status,
             baseline: bool = False) -> pd.DataFrame:
    """Q_VISIT (visits/a allocated to the parcel) per parcel."""
    status.track(ID)
    n = len(drivers)
    scope = (map_distinct(drivers["SCOPE_ID"], scope_key) if "SCOPE_ID" in drivers.columns
             else pd.Series("", index=drivers.index)).astype(object)
    keys = params.keys(VISITORS_PREFIX)
    if not keys:
        status.skip(ID, np.ones(n, dtype=bool), "no_visitors", "no visitors table was given")
        return pd.DataFrame({"Q_VISIT": np.zeros(n)}, index=drivers.index)
    lot_visits = {k[len(VISITORS_PREFIX):]: params.value(k) for k in keys}
    visits = scope.map(lot_visits).astype("float64").fillna(0.0)
    weight = eco_col(drivers).map(params.table("cul_weight")).astype("float64").fillna(0.0)
    w = (col(drivers, "AREA_M2").fillna(0.0).clip(lower=0.0) * weight)
    status.skip(ID, visits.to_numpy() <= 0, "no_visitors", "the parcel's lot has no visitors")
    status.skip(ID, weight.to_numpy() <= 0, "zero_weight",
                "attractiveness weight cul_weight is 0 for this eco type")
    status.skip(ID, w.to_numpy() <= 0, "no_area", "parcel area is 0 or missing")
    active = status.active(ID)
    w_active = w.where(active, 0.0)
    total = w_active.groupby(scope).transform("sum")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = w_active.to_numpy() / total.to_numpy()
        q = np.where(active & (total.to_numpy() > 0), visits.to_numpy() * share, 0.0)
    return pd.DataFrame({"Q_VISIT": q}, index=drivers.index)


def spend_per_parcel(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    """元/visit of each parcel's lot (0 where the lot has none)."""
    lots = {k[len(SPEND_PREFIX):]: params.value(k, scenario) for k in params.keys(SPEND_PREFIX)}
    scope = map_distinct(q["SCOPE_ID"], scope_key) if "SCOPE_ID" in q.columns else pd.Series("", index=q.index)
    return scope.map(lots).astype("float64").fillna(0.0)


def price(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    return q["Q_VISIT"] * spend_per_parcel(q, params, scenario)


CUL = register(Indicator(
    id=ID, service_class="cultural", name_en="Recreation and tourism (travel cost)",
    name_zh="文化服务—休闲旅游",
    quantity="Q_VISIT", quantity_unit="visits/a",
    formula="Q_VISIT = VISITORS_lot·w/Σw_lot, w = AREA·weight(eco); V_CUL = Q_VISIT·SPEND_PER_VISIT_lot",
    inputs=("ECO_TYPE", "SCOPE_ID", "AREA_M2"),
    parameters=("cul_weight.*", "cul_visitors@*", "cul_spend@*"),
    eco_types=("wetland_water", "forest", "orchard", "paddy", "grassland", "shrub", "cropland", "bare"),
    quantity_fields=(("Q_VISIT", "visits/a"),), price_terms=(PriceTerm("Q_VISIT", "cul_spend@<SCOPE_ID>"),),
    quantify=quantify, price=price,
))
