"""Per-parcel drivers → physical quantities → values (元/a), current state and pre-treatment baseline.

Quantities are computed once (:func:`quantities`); pricing (:func:`values`, :func:`price_all`) needs only the
quantity table and a parameter set, so another scenario or price year never re-reads rasters.
:func:`evaluate` runs both stages with CPI re-basing to the set's ``price_year_target`` and returns the
notes and the provenance table; :func:`compute` is its table; :func:`compute_increment` gives the SWC
increment.
:func:`recompute_total` re-derives V_TOTAL of one parcel from its Q fields and the provenance rows alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd

from .errors import Notice, ValuationError, short_list
from .indicators import all_indicators
from .indicators.base import Status, text_columns_cached
from .indicators.cultural import attach_visitors, lot_notices
from .parameters import ParameterSet
from .progress import Monitor

REQUIRED_DRIVERS = ("ECO_TYPE", "AREA_M2")
CARRY = ("SCOPE_ID", "ECO_TYPE", "DLBM")
HEAD_QUANTITIES = ("Q_SOIL", "EROSION", "ER_MOD", "ER_GRADE", "Q_WATER", "Q_CO2", "Q_O2")
TOTALS = ("V_REG", "V_TOTAL", "V_TOT_LO", "V_TOT_HI")
#: Groups whose indicators must not both be positive on one parcel (checked after pricing).
EXCLUSIVE_GROUPS = ("nonpoint_vs_water_purification",)

#: Output fields (name, unit, English, Chinese). Material adds QM_<PRODUCT> per product of the parameter set.
OUTPUT_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("Q_SOIL", "t/a", "Soil retained", "土壤保持量"),
    ("EROSION", "t/a", "Actual soil loss", "实际土壤侵蚀量"),
    ("ER_MOD", "t/(km²·a)", "Soil-loss modulus", "土壤侵蚀模数"),
    ("ER_GRADE", "1-6", "Erosion grade (SL 190; 0 = no data)", "土壤侵蚀强度等级"),
    ("Q_WATER", "m3/a", "Water conserved", "水源涵养量"),
    ("Q_CO2", "t/a", "CO2 fixed", "固碳量(CO2)"),
    ("Q_O2", "t/a", "O2 released", "释氧量"),
    ("Q_SED", "m3/a", "Sediment deposition avoided", "减少泥沙淤积量"),
    ("Q_SOIL_N", "t/a", "Soil-bound N retained", "保持土壤氮量"),
    ("Q_SOIL_P", "t/a", "Soil-bound P retained", "保持土壤磷量"),
    ("Q_FLOOD", "m3/a", "Flood storage", "洪水调蓄量"),
    ("Q_AIR_SO2", "t/a", "SO2 absorbed", "吸收二氧化硫量"),
    ("Q_AIR_NOX", "t/a", "NOx absorbed", "吸收氮氧化物量"),
    ("Q_AIR_DUST", "t/a", "Dust retained", "滞尘量"),
    ("Q_WQ_COD", "t/a", "COD removed", "净化COD量"),
    ("Q_WQ_NH3N", "t/a", "NH3-N removed", "净化氨氮量"),
    ("Q_WQ_TN", "t/a", "TN removed", "净化总氮量"),
    ("Q_WQ_TP", "t/a", "TP removed", "净化总磷量"),
    ("Q_CLIM", "kWh/a", "Cooling/humidifying energy saved", "气候调节耗能量"),
    ("Q_VISIT", "visits/a", "Visits allocated", "分摊游客人次"),
    ("V_SED", "元/a", "Value: reduced sedimentation", "减少泥沙淤积价值"),
    ("V_NP", "元/a", "Value: reduced N/P loss", "减少面源污染价值"),
    ("V_WATER", "元/a", "Value: water conservation", "水源涵养价值"),
    ("V_FLOOD", "元/a", "Value: flood regulation", "洪水调蓄价值"),
    ("V_CO2", "元/a", "Value: carbon sequestration", "固碳价值"),
    ("V_O2", "元/a", "Value: oxygen release", "释氧价值"),
    ("V_AIR", "元/a", "Value: air purification", "空气净化价值"),
    ("V_WQ", "元/a", "Value: water purification", "水质净化价值"),
    ("V_CLIM", "元/a", "Value: climate regulation", "气候调节价值"),
    ("V_MAT", "元/a", "Value: material supply", "物质供给价值"),
    ("V_CUL", "元/a", "Value: cultural services", "文化服务价值"),
    ("V_REG", "元/a", "Value: regulating services", "调节服务价值"),
    ("V_TOTAL", "元/a", "Total value", "价值总量"),
    ("V_TOT_LO", "元/a", "Total value, low prices", "价值总量(低价)"),
    ("V_TOT_HI", "元/a", "Total value, high prices", "价值总量(高价)"),
    ("APPLIED", "", "Indicators applied", "已核算指标"),
    ("SKIPPED", "", "Indicators skipped", "未核算指标"),
    ("DQ_SOIL", "t/a", "Soil retained: increment over baseline", "土壤保持量增量"),
    ("V_TOT_BASE", "元/a", "Total value, baseline", "治理前价值总量"),
    ("DV_TOTAL", "元/a", "Total value increment (SWC measures)", "水土保持措施价值增量"),
)


@dataclass
class Valuation:
    """A run's table plus what explains it."""

    table: pd.DataFrame
    notes: pd.DataFrame
    provenance: pd.DataFrame
    params: ParameterSet
    parameter_hash: str
    notices: list[Notice] = field(default_factory=list)
    #: The quantity table and the priced table (:func:`price_all`) behind ``table``.
    quantity_table: pd.DataFrame | None = field(default=None, repr=False)
    value_table: pd.DataFrame | None = field(default=None, repr=False)


def _check_drivers(drivers: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED_DRIVERS if c not in drivers.columns]
    if missing:
        raise ValuationError("drivers_missing_columns", "The driver table lacks the column(s) {columns}.",
                             columns=short_list(missing))
    if not drivers.index.is_unique:
        dup = drivers.index[drivers.index.duplicated()].unique().tolist()
        raise ValuationError("drivers_duplicate_ids",
                             "Parcel ids occur more than once in the driver table: {ids}.",
                             ids=short_list(dup))


def _id_lists(status: Status, n: int) -> tuple[list[str], list[str]]:
    ids = [s.id for s in all_indicators()]
    skipped = np.column_stack([status.skipped.get(i, np.zeros(n, dtype=bool)) for i in ids]) if ids \
        else np.zeros((n, 0), dtype=bool)
    if not n:
        return [], []
    # few distinct rows: join each once (rows packed into integers when they fit)
    if len(ids) <= 62:
        keys = skipped.astype(np.int64) @ (np.int64(1) << np.arange(len(ids), dtype=np.int64))
        uniq, which = np.unique(keys, return_inverse=True)
        patterns = ((uniq[:, None] >> np.arange(len(ids))) & 1).astype(bool)
    else:
        patterns, which = np.unique(skipped, axis=0, return_inverse=True)
    applied = [";".join(i for i, s in zip(ids, row) if not s) for row in patterns]
    skip = [";".join(i for i, s in zip(ids, row) if s) for row in patterns]
    which = np.asarray(which).ravel()
    return [applied[k] for k in which], [skip[k] for k in which]


def quantities_and_notes(drivers: pd.DataFrame, params: ParameterSet, baseline: bool = False,
                         monitor: Monitor | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Quantity table (Q fields, APPLIED, SKIPPED, SCOPE_ID/ECO_TYPE/DLBM) and the per-parcel notes;
    ``monitor`` may cancel between indicator families."""
    mon = monitor or Monitor()
    _check_drivers(drivers)
    status = Status(drivers.index)
    parts, seen = [], set()
    with text_columns_cached():  # every family reads ECO_TYPE/DLBM/…: normalised once
        for spec in all_indicators():
            if spec.quantify is None or spec.quantify in seen:
                continue
            seen.add(spec.quantify)
            parts.append(spec.quantify(drivers, params, status, baseline))
            mon.check()
    q = pd.concat(parts, axis=1) if parts else pd.DataFrame(index=drivers.index)
    head = [c for c in HEAD_QUANTITIES if c in q.columns]
    q = q[head + [c for c in q.columns if c not in head]]
    q["APPLIED"], q["SKIPPED"] = _id_lists(status, len(drivers))
    for c in CARRY:
        q[c] = drivers[c] if c in drivers.columns else ""
    return q, status.notes_frame()


def quantities(drivers: pd.DataFrame, params: ParameterSet, baseline: bool = False,
               monitor: Monitor | None = None) -> pd.DataFrame:
    """Per-parcel physical quantities (current state, or the pre-treatment baseline)."""
    return quantities_and_notes(drivers, params, baseline, monitor)[0]


def values(quantities: pd.DataFrame, params: ParameterSet, scenario: str = "central") -> pd.DataFrame:
    """V_* (元/a) of every indicator for one price scenario, V_REG and V_TOTAL; ``params`` used as given."""
    specs = all_indicators()
    out = pd.DataFrame({s.id: s.price(quantities, params, scenario).astype("float64")
                        for s in specs if s.price}, index=quantities.index)
    reg = [s.id for s in specs if s.service_class == "regulating" and s.id in out.columns]
    out["V_REG"] = _row_sums(out, reg)
    out["V_TOTAL"] = _row_sums(out, [s.id for s in specs if s.id in out.columns])
    return out


def _row_sums(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Σ of the float ``columns`` per row, NaN counted as 0 (as ``frame[columns].sum(axis=1)``, column by column
    from the left: a sixth of the time, without copying the columns into one block)."""
    total = np.zeros(len(frame))
    for name in columns:
        v = frame[name].to_numpy(dtype=np.float64)
        total += np.where(np.isnan(v), 0.0, v)
    return total


def price_all(quantities: pd.DataFrame, params: ParameterSet, scenario: str = "central") -> pd.DataFrame:
    """:func:`values` for ``scenario`` plus V_TOT_LO and V_TOT_HI (the same quantities at low/high prices)."""
    out = values(quantities, params, scenario)
    out["V_TOT_LO"] = values(quantities, params, "low")["V_TOTAL"]
    out["V_TOT_HI"] = values(quantities, params, "high")["V_TOTAL"]
    return out


def prepare(params: ParameterSet, visitors: pd.DataFrame | None = None, price_year: int | None = None,
            rebase: bool = True) -> ParameterSet:
    """A fresh copy of ``params`` with the visitor rows attached and, if ``rebase``, CPI re-based
    to ``price_year`` (default: the set's ``price_year_target``)."""
    p = attach_visitors(params.copy(), visitors)
    if rebase:
        p = p.rebase(price_year if price_year is not None else p.price_year_target)
    return p


def _exclusive_notes(v: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for group in EXCLUSIVE_GROUPS:
        ids = [s.id for s in all_indicators() if s.double_counting == group and s.id in v.columns]
        if len(ids) < 2:
            continue
        both = (v[ids] > 0).sum(axis=1) > 1
        for pid in v.index[both]:
            rows.append({"PARCEL_ID": pid, "INDICATOR": ";".join(ids), "CODE": "double_counting",
                         "REASON": f"{group}: {' and '.join(ids)} are both positive", "SKIPPED": False})
    return pd.DataFrame(rows)


def summarise_notes(notes: pd.DataFrame, limit: int = 10) -> list[Notice]:
    """One Notice per (indicator, code, reason) with the parcel count and the first ids."""
    out = []
    if notes.empty:
        return out
    # the rows come in runs of one key (a note's parcels): the runs' keys are grouped, first-seen order kept
    keys = [notes[c].to_numpy(dtype=object) for c in ("INDICATOR", "CODE", "REASON")]
    change = np.zeros(len(notes), dtype=bool)
    change[0] = True
    for k in keys:
        change[1:] |= np.asarray(k[1:] != k[:-1], dtype=bool)
    heads = np.flatnonzero(change)
    head_keys = np.empty(len(heads), dtype=object)
    head_keys[:] = list(zip(*(k[heads] for k in keys)))
    group = pd.factorize(head_keys, use_na_sentinel=False)[0][np.cumsum(change) - 1]
    order = np.argsort(group, kind="stable")
    bounds = np.r_[0, np.flatnonzero(np.diff(group[order])) + 1, len(order)]
    ids = notes["PARCEL_ID"].to_numpy(dtype=object)[order]
    first = order[bounds[:-1]]
    for k, row in enumerate(first):
        ind, code, reason = (key[row] for key in keys)
        members = ids[bounds[k]:bounds[k + 1]]
        shown = short_list(list(members[:limit]), limit)
        if len(members) > limit:
            shown += f" … (+{len(members) - limit})"
        out.append(Notice(f"indicator_{code}", "{indicator}: {reason} — {count} parcel(s): {parcels}.",
                          {"indicator": ind, "reason": reason, "count": len(members), "parcels": shown}))
    return out


def evaluate(drivers: pd.DataFrame, params: ParameterSet, visitors: pd.DataFrame | None = None,
             scenario: str = "central", price_year: int | None = None, rebase: bool = True,
             monitor: Monitor | None = None) -> Valuation:
    """Quantities and values of every parcel, with notes and the provenance of every parameter used;
    ``monitor`` may cancel between its steps."""
    mon = monitor or Monitor()
    p = prepare(params, visitors, price_year, rebase)
    q, notes = quantities_and_notes(drivers, p, monitor=mon)
    v = price_all(q, p, scenario)
    mon.check()
    status_cols = ["APPLIED", "SKIPPED", *CARRY]
    table = pd.concat([q.drop(columns=status_cols), v, q[status_cols]], axis=1)
    extra = _exclusive_notes(v)
    if not extra.empty:
        notes = pd.concat([notes, extra], ignore_index=True)
    mon.check()
    return Valuation(table=table, notes=notes, provenance=p.as_provenance_rows(used_only=True), params=p,
                     parameter_hash=p.content_hash(),
                     notices=summarise_notes(notes) + lot_notices(drivers, p), quantity_table=q, value_table=v)


def compute(drivers: pd.DataFrame, params: ParameterSet, visitors: pd.DataFrame | None = None,
            scenario: str = "central", price_year: int | None = None, rebase: bool = True) -> pd.DataFrame:
    """The per-parcel table of :func:`evaluate`: Q fields, V_*, totals, APPLIED, SKIPPED."""
    return evaluate(drivers, params, visitors, scenario, price_year, rebase).table


def compute_increment(drivers: pd.DataFrame, params: ParameterSet, visitors: pd.DataFrame | None = None,
                      scenario: str = "central", price_year: int | None = None,
                      rebase: bool = True, current: Valuation | None = None,
                      monitor: Monitor | None = None) -> pd.DataFrame:
    """Current minus baseline (治理前): DQ_SOIL, V_TOT_BASE and DV_<x> for every value field and total.

    The baseline changes only the soil drivers (RKLSB_BASE_T / RKLSCP_BASE_T, else terraces back to E = 1).
    ``current``: the :func:`evaluate` of the same drivers with the same arguments, whose quantities, values
    and parameters are then reused rather than computed again. ``monitor`` may cancel between its steps.
    """
    mon = monitor or Monitor()
    if current is not None and current.quantity_table is not None and current.value_table is not None:
        p, q_cur, v_cur = current.params, current.quantity_table, current.value_table
    else:
        p = prepare(params, visitors, price_year, rebase)
        q_cur = quantities(drivers, p, monitor=mon)
        v_cur = price_all(q_cur, p, scenario)
    q_base = baseline_quantities(drivers, p, q_cur, monitor=mon)
    v_base = price_all(q_base, p, scenario)
    mon.check()
    out = pd.DataFrame({"DQ_SOIL": q_cur["Q_SOIL"] - q_base["Q_SOIL"], "V_TOT_BASE": v_base["V_TOTAL"]},
                       index=drivers.index)
    for c in v_cur.columns:
        out["D" + c] = v_cur[c] - v_base[c]
    return out


def baseline_quantities(drivers: pd.DataFrame, params: ParameterSet, current: pd.DataFrame,
                        monitor: Monitor | None = None) -> pd.DataFrame:
    """The baseline (治理前) quantity table: the ``current`` quantities (of the same drivers and parameters)
    with the columns of the families that have a baseline — those with an indicator declaring
    ``baseline_inputs`` — computed again with ``baseline=True``. Equal to ``quantities(drivers, params,
    baseline=True)`` in every Q field while the other families ignore ``baseline``, as they do."""
    mon = monitor or Monitor()
    families: list[Any] = []
    for spec in all_indicators():
        if spec.quantify is not None and spec.baseline_inputs and spec.quantify not in families:
            families.append(spec.quantify)
    out = current.copy()
    status = Status(drivers.index)
    with text_columns_cached():
        for quantify in families:
            part = quantify(drivers, params, status, True)
            out[list(part.columns)] = part
            mon.check()
    return out


# ----- independent recomputation (for tests and auditors) ---------------------------------------------------
#: Quantity field → price key of every linear term except material (QM_*) and cultural (Q_VISIT).
_TERMS = {
    "Q_SED": "dredge_cost", "Q_SOIL_N": "n_treatment_cost", "Q_SOIL_P": "p_treatment_cost",
    "Q_WATER": "reservoir_unit_cost", "Q_FLOOD": "reservoir_unit_cost", "Q_CO2": "carbon_price",
    "Q_O2": "oxygen_price", "Q_AIR_SO2": "price_so2", "Q_AIR_NOX": "price_nox", "Q_AIR_DUST": "price_dust",
    "Q_WQ_COD": "price_cod", "Q_WQ_NH3N": "price_nh3n", "Q_WQ_TN": "n_treatment_cost",
    "Q_WQ_TP": "p_treatment_cost", "Q_CLIM": "electricity_price",
}


def recompute_total(row_quantities: Mapping[str, Any] | pd.Series, provenance_rows: pd.DataFrame | list[dict],
                    scenario: str = "central") -> float:
    """V_TOTAL of one parcel from its Q fields and a provenance table (key, value, value_low, value_high).

    Written apart from the indicator modules: Σ Q × price over the fixed terms, QM_<P> × ``mat_price.<p>``
    (× (1 − ``mat_cost_share.<p>``) in net mode) and Q_VISIT × ``cul_spend@<SCOPE_ID>``; V_CO2 is left out
    when ``carbon_sink_sold`` = 1.
    """
    records = (provenance_rows.to_dict("records") if isinstance(provenance_rows, pd.DataFrame)
               else provenance_rows)
    prov = {r["key"]: r for r in records}
    column = {"central": "value", "low": "value_low", "high": "value_high"}[scenario]

    def price(key: str) -> float:
        r = prov[key]
        x = r.get(column)
        return float(r["value"] if x is None or (isinstance(x, float) and math.isnan(x)) else x)

    def flag(key: str) -> bool:
        return key in prov and float(prov[key]["value"]) == 1.0

    row = dict(row_quantities)
    total = 0.0
    for q_field, key in _TERMS.items():
        if q_field == "Q_CO2" and flag("carbon_sink_sold"):
            continue
        total += float(row.get(q_field, 0.0) or 0.0) * price(key)
    for q_field, qty in row.items():
        if str(q_field).startswith("QM_") and qty:
            product = str(q_field)[3:].lower()
            share = float(prov[f"mat_cost_share.{product}"]["value"]) if flag("material_net_mode") else 0.0
            total += float(qty) * price(f"mat_price.{product}") * (1.0 - share)
    visits = float(row.get("Q_VISIT", 0.0) or 0.0)
    if visits:
        scope = row.get("SCOPE_ID")
        scope = str(int(scope)) if isinstance(scope, float) and scope.is_integer() else str(scope).strip()
        total += visits * price(f"cul_spend@{scope}")
    return total
