"""Water conservation (水源涵养) and flood regulation (洪水调蓄), both priced at reservoir unit-capacity cost.

Q_WATER = (P − α·P − ET)·A·10⁻³ m³/a on eco types with a ``runoff_coef.<eco>`` row; a negative balance gives 0
when ``water_negative_to_zero`` = 1. Q_FLOOD = vegetation storm retention STORM_MM·(1 − c_storm)·A·10⁻³ on eco
types with a ``storm_runoff_coef.<eco>`` row (switch ``flood_vegetation_enabled``) + water-body storage
``flood_capacity.<kind>`` (m³/hm²)·A_hm²·``reservoir_flood_fraction`` on the DLBM codes of each capacity row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..parameters import ParameterSet
from .base import Indicator, PriceTerm, Status, col, eco_col, match_codes, register, text_col

WATER_ID, FLOOD_ID = "V_WATER", "V_FLOOD"


def _quantify_water(drivers: pd.DataFrame, params: ParameterSet, status: Status) -> np.ndarray:
    eco = eco_col(drivers)
    alpha = eco.map(params.table("runoff_coef")).astype("float64")
    p, et, area = col(drivers, "P_MM"), col(drivers, "ET_MM"), col(drivers, "AREA_M2")
    status.skip(WATER_ID, alpha.isna(), "not_applicable",
                "no runoff coefficient (runoff_coef) for this eco type")
    status.skip(WATER_ID, p.isna(), "missing_input", "precipitation P_MM is missing")
    status.skip(WATER_ID, et.isna(), "missing_input", "evapotranspiration ET_MM is missing")
    active = status.active(WATER_ID)
    balance = (p - alpha * p - et).to_numpy()
    negative = active & (balance < 0)
    if params.flag("water_negative_to_zero"):
        status.note(WATER_ID, negative, "negative_balance", "P − R − ET < 0: water conservation set to 0")
        balance = np.clip(balance, 0.0, None)
    return np.where(active, np.nan_to_num(balance) * area.to_numpy() * 1e-3, 0.0)


def _quantify_flood(drivers: pd.DataFrame, params: ParameterSet, status: Status) -> np.ndarray:
    eco = eco_col(drivers)
    dlbm = text_col(drivers, "DLBM")
    area = col(drivers, "AREA_M2").to_numpy()
    storm = col(drivers, "STORM_MM")
    coef = eco.map(params.table("storm_runoff_coef")).astype("float64")
    veg = coef.notna().to_numpy()
    fraction = params.value("reservoir_flood_fraction")
    capacity = np.zeros(len(drivers))
    body = np.zeros(len(drivers), dtype=bool)
    for key in sorted(params.keys("flood_capacity."), key=lambda k: -max(len(c) for c in params.applies(k))):
        m = match_codes(dlbm, params.applies(key)).to_numpy() & ~body
        capacity[m] = params.value(key)
        body |= m
    status.skip(FLOOD_ID, ~veg & ~body, "not_applicable",
                "neither vegetation with a storm runoff coefficient nor a reservoir/pond water body")
    veg_on = params.flag("flood_vegetation_enabled")
    status.skip(FLOOD_ID, veg & ~body & (not veg_on), "disabled",
                "vegetation storm retention is switched off (flood_vegetation_enabled = 0)")
    status.skip(FLOOD_ID, veg & ~body & storm.isna().to_numpy(), "missing_input",
                "storm rainfall STORM_MM is missing")
    active = status.active(FLOOD_ID)
    q_veg = np.where(veg & veg_on, np.nan_to_num((storm * (1.0 - coef)).to_numpy()) * area * 1e-3, 0.0)
    q_body = np.where(body, capacity * area / 1e4 * fraction, 0.0)
    return np.where(active, q_veg + q_body, 0.0)


def quantify(drivers: pd.DataFrame, params: ParameterSet, status: Status,
             baseline: bool = False) -> pd.DataFrame:
    """Q_WATER and Q_FLOOD (m³/a) per parcel."""
    status.track(WATER_ID, FLOOD_ID)
    return pd.DataFrame({"Q_WATER": _quantify_water(drivers, params, status),
                         "Q_FLOOD": _quantify_flood(drivers, params, status)}, index=drivers.index)


def price_water(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    return q["Q_WATER"] * params.value("reservoir_unit_cost", scenario)


def price_flood(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    return q["Q_FLOOD"] * params.value("reservoir_unit_cost", scenario)


WATER = register(Indicator(
    id=WATER_ID, service_class="regulating", name_en="Water conservation", name_zh="水源涵养",
    quantity="Q_WATER", quantity_unit="m3/a",
    formula="Q_WATER = max(P − α·P − ET, 0)·A·10⁻³ (m³/a); V_WATER = Q_WATER·P_reservoir",
    inputs=("ECO_TYPE", "P_MM", "ET_MM", "AREA_M2"),
    parameters=("runoff_coef.*", "water_negative_to_zero", "reservoir_unit_cost"),
    eco_types=("forest", "shrub", "orchard", "grassland", "wetland_water"),
    quantity_fields=(("Q_WATER", "m3/a"),), price_terms=(PriceTerm("Q_WATER", "reservoir_unit_cost"),),
    double_counting="water_conservation_vs_vegetation_flood", quantify=quantify, price=price_water,
))
FLOOD = register(Indicator(
    id=FLOOD_ID, service_class="regulating", name_en="Flood regulation", name_zh="洪水调蓄",
    quantity="Q_FLOOD", quantity_unit="m3/a",
    formula="Q_FLOOD = STORM·(1 − c_storm)·A·10⁻³ (vegetation) + cap_hm²·A_hm²·0.35 (reservoirs, ponds); "
            "V_FLOOD = Q_FLOOD·P_reservoir",
    inputs=("ECO_TYPE", "DLBM", "STORM_MM", "AREA_M2"),
    parameters=("storm_runoff_coef.*", "flood_vegetation_enabled", "flood_capacity.*",
                "reservoir_flood_fraction", "reservoir_unit_cost"),
    eco_types=("forest", "shrub", "orchard", "grassland", "wetland_water"),
    quantity_fields=(("Q_FLOOD", "m3/a"),), price_terms=(PriceTerm("Q_FLOOD", "reservoir_unit_cost"),),
    double_counting="water_conservation_vs_vegetation_flood", quantify=quantify, price=price_flood,
))
