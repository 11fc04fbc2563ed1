"""Carbon sequestration (固碳) and oxygen release (释氧) from NPP.

Dry matter DM = NPP_GC_M2 / c_to_dry_matter · A · 10⁻⁶ (t/a); Q_CO2 = co2_per_npp·DM;
Q_O2 = o2_per_npp·DM when ``oxygen_enabled``. Applies to ``carbon_eco_types``. Where NPP is missing and
``carbon_rate_fallback`` = 1, the eco type's ``npp_rate.<eco>`` (g C/m²/a) stands in.
``carbon_sink_sold`` = 1 leaves V_CO2 out of the lot.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..parameters import ParameterSet
from .base import Indicator, PriceTerm, Status, col, eco_col, register

IDS = ("V_CO2", "V_O2")


def quantify(drivers: pd.DataFrame, params: ParameterSet, status: Status,
             baseline: bool = False) -> pd.DataFrame:
    """Q_CO2 and Q_O2 (t/a) per parcel."""
    status.track(*IDS)
    eco = eco_col(drivers)
    npp, area = col(drivers, "NPP_GC_M2"), col(drivers, "AREA_M2")
    applies = eco.isin(params.items("carbon_eco_types"))
    status.skip(IDS, ~applies, "not_applicable", "eco type not in carbon_eco_types")
    fallback = applies & npp.isna()
    if params.flag("carbon_rate_fallback"):
        rate = eco.map(params.table("npp_rate")).astype("float64")
        status.note(IDS, fallback & rate.notna(), "fallback_rate",
                    "NPP_GC_M2 missing: npp_rate of the eco type used")
        npp = npp.where(~fallback, rate)
    status.skip(IDS, npp.isna(), "missing_input", "net primary productivity NPP_GC_M2 is missing")
    if not params.flag("oxygen_enabled"):
        status.skip("V_O2", np.ones(len(drivers), dtype=bool), "disabled", "oxygen release is switched off "
                    "(oxygen_enabled = 0)")
    if params.flag("carbon_sink_sold"):
        status.skip("V_CO2", applies, "sold_separately",
                    "carbon sink sold separately (carbon_sink_sold = 1): V_CO2 left out of the lot")
    negative = status.active("V_CO2") & (npp.to_numpy() < 0)
    status.note(IDS, negative, "negative_npp", "negative NPP counted as 0")
    npp_c = np.clip(np.nan_to_num(npp.to_numpy()), 0.0, None)
    dm = npp_c / params.value("c_to_dry_matter") * area.to_numpy() * 1e-6
    carbon_ok = applies.to_numpy() & ~np.isnan(npp.to_numpy())
    q_co2 = np.where(carbon_ok, params.value("co2_per_npp") * dm, 0.0)
    q_o2 = np.where(status.active("V_O2"), params.value("o2_per_npp") * dm, 0.0)
    return pd.DataFrame({"Q_CO2": q_co2, "Q_O2": q_o2}, index=drivers.index)


def price_co2(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    if params.flag("carbon_sink_sold"):
        return pd.Series(0.0, index=q.index)
    return q["Q_CO2"] * params.value("carbon_price", scenario)


def price_o2(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    return q["Q_O2"] * params.value("oxygen_price", scenario)


_PARAMS = ("carbon_eco_types", "carbon_rate_fallback", "npp_rate.*", "c_to_dry_matter")
CO2 = register(Indicator(
    id="V_CO2", service_class="regulating", name_en="Carbon sequestration", name_zh="固碳",
    quantity="Q_CO2", quantity_unit="t/a",
    formula="DM = NPP/0.45·A·10⁻⁶ (t/a); Q_CO2 = 1.63·DM; V_CO2 = Q_CO2·P_CO2 (0 if carbon_sink_sold)",
    inputs=("ECO_TYPE", "NPP_GC_M2", "AREA_M2"),
    parameters=(*_PARAMS, "co2_per_npp", "carbon_sink_sold", "carbon_price"),
    eco_types=("forest", "shrub", "orchard", "cropland", "paddy", "grassland", "wetland_water"),
    quantity_fields=(("Q_CO2", "t/a"),), price_terms=(PriceTerm("Q_CO2", "carbon_price"),),
    double_counting="carbon_oxygen_vs_carbon_sink_sale", quantify=quantify, price=price_co2,
))
O2 = register(Indicator(
    id="V_O2", service_class="regulating", name_en="Oxygen release", name_zh="释氧",
    quantity="Q_O2", quantity_unit="t/a",
    formula="Q_O2 = 1.19·DM when oxygen_enabled; V_O2 = Q_O2·P_O2",
    inputs=("ECO_TYPE", "NPP_GC_M2", "AREA_M2"),
    parameters=(*_PARAMS, "o2_per_npp", "oxygen_enabled", "oxygen_price"),
    eco_types=("forest", "shrub", "orchard", "cropland", "paddy", "grassland", "wetland_water"),
    quantity_fields=(("Q_O2", "t/a"),), price_terms=(PriceTerm("Q_O2", "oxygen_price"),),
    double_counting="carbon_oxygen_vs_carbon_sink_sale", quantify=quantify, price=price_o2,
))
