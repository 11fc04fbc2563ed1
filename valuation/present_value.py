"""Present value of accounted value (核算价值现值) over an operating term.

For an annual value V received at the end of each year t = 1..n, growing by g per year and discounted at r::

    PV = Σ_{t=1..n} V·(1+g)^(t−1) / (1+r)^t
       = V / (r − g) · (1 − ((1+g)/(1+r))^n)      (r ≠ g)
       = n·V / (1+r)                               (r = g)

This is the present value of the *accounted* annual value, not a price (参考价 comes from a third-party
appraisal). Carbon sold as a carbon-sink trade on the same parcels is left out of the regulating class
(V_REG − V_CO2) so it is not counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import Notice, ValuationError, short_list

#: class key -> (value field, PV field)
CLASSES: dict[str, tuple[str, str]] = {
    "material": ("V_MAT", "PV_MAT"),
    "regulating": ("V_REG", "PV_REG"),
    "cultural": ("V_CUL", "PV_CUL"),
}
CLASS_ORDER = ("material", "regulating", "cultural")
CARBON_FIELD = "V_CO2"


def annuity_factor(years: int, rate: float, growth: float = 0.0) -> float:
    """Σ_{t=1..n} (1+g)^(t−1)/(1+r)^t for fractions ``rate`` and ``growth`` (n·1/(1+r) when r = g)."""
    if years < 1:
        raise ValuationError("pv_bad_term", "The term must be at least 1 year, got {years}.", years=years)
    if rate <= -1.0 or growth <= -1.0:
        raise ValuationError("pv_bad_rate", "Discount and growth rates must be above −100 %.")
    if abs(rate - growth) < 1e-12:
        return years / (1.0 + rate)
    ratio = (1.0 + growth) / (1.0 + rate)
    return (1.0 - ratio ** years) / (rate - growth)


def present_value(value: float, years: int, rate: float, growth: float = 0.0) -> float:
    """PV of an annual value ``value`` over ``years`` (rates as fractions: 0.05 = 5 %)."""
    return float(value) * annuity_factor(years, rate, growth)


@dataclass
class PvResult:
    """Parcels with PV_* fields, the total and the notices."""

    parcels: pd.DataFrame
    total: float
    factor: float
    carbon_excluded: float = 0.0
    notices: list[Notice] = field(default_factory=list)


def parcels_pv(parcels: pd.DataFrame, classes: tuple[str, ...], years: int, rate_pct: float,
               growth_pct: float = 0.0, eligible_only: bool = True, exclude_carbon: bool = False,
               carbon_sold_parcels: frozenset[str] | set[str] = frozenset()) -> PvResult:
    """Add ``PV_MAT``, ``PV_REG``, ``PV_CUL`` and ``PV_VALUE`` (元) to each parcel.

    ``classes`` are keys of :data:`CLASSES`; classes left out get PV 0. With ``eligible_only`` the parcels
    whose ELIGIBLE is not 1 are dropped (all kept, with a notice, when there is no ELIGIBLE field). V_CO2 is
    taken out of the regulating value on every parcel when ``exclude_carbon``, and on the parcels in
    ``carbon_sold_parcels`` (PARCEL_ID) in any case.
    """
    if not classes:
        raise ValuationError("pv_no_classes", "Choose at least one value class.")
    unknown = [c for c in classes if c not in CLASSES]
    if unknown:
        raise ValuationError("pv_unknown_class", "Unknown value classes {classes}.", classes=short_list(unknown))
    missing = [CLASSES[c][0] for c in classes if CLASSES[c][0] not in parcels.columns]
    if missing:
        raise ValuationError("pv_missing_values", "The parcels lack the value field(s) {fields}; run the "
                             "accounting first.", fields=short_list(missing))
    factor = annuity_factor(int(years), rate_pct / 100.0, growth_pct / 100.0)
    notices: list[Notice] = []
    out = parcels.copy()
    if eligible_only:
        if "ELIGIBLE" in out.columns:
            keep = pd.to_numeric(out["ELIGIBLE"], errors="coerce").fillna(0).astype(int) == 1
            dropped = int((~keep).sum())
            out = out.loc[keep].copy()
            if dropped:
                notices.append(Notice("pv_ineligible_dropped", "{n} parcel(s) not eligible for trade were left out.",
                                      {"n": dropped}))
        else:
            notices.append(Notice("pv_no_eligible_field", "No ELIGIBLE field: every parcel is included; run "
                                  "the ownership assignment to check eligibility.", {}))
    if out.empty:
        raise ValuationError("pv_no_parcels", "No parcel is left to value.")

    excluded = 0.0
    for key in CLASS_ORDER:
        vfield, pvfield = CLASSES[key]
        if key not in classes:
            out[pvfield] = 0.0
            continue
        values = pd.to_numeric(out[vfield], errors="coerce").fillna(0.0).to_numpy(dtype=float)
        if key == "regulating" and (exclude_carbon or carbon_sold_parcels):
            if CARBON_FIELD not in out.columns:
                notices.append(Notice("pv_no_carbon_field", "Carbon exclusion asked but the parcels have no "
                                      "V_CO2 field; nothing was taken out.", {}))
            else:
                if exclude_carbon:
                    mask = np.ones(len(out), dtype=bool)
                else:
                    ids = out["PARCEL_ID"].astype(str) if "PARCEL_ID" in out.columns else pd.Series("", out.index)
                    mask = ids.isin(set(carbon_sold_parcels)).to_numpy()
                co2 = pd.to_numeric(out[CARBON_FIELD], errors="coerce").fillna(0.0).to_numpy(dtype=float)
                co2 = np.where(mask, co2, 0.0)
                values = values - co2
                excluded = float(co2.sum())
                notices.append(Notice("pv_carbon_excluded", "Carbon sequestration sold as a carbon-sink trade "
                                      "was left out on {n} parcel(s): {value:,.2f} 元/a (V_CO2).",
                                      {"n": int(mask.sum()), "value": excluded}))
        out[pvfield] = values * factor
    out["PV_VALUE"] = out[[CLASSES[k][1] for k in CLASS_ORDER]].sum(axis=1)
    return PvResult(out, float(out["PV_VALUE"].sum()), factor, excluded, notices)
