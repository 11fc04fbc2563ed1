"""Climate regulation (气候调节): latent heat of evapotranspiration on hot days as saved cooling power.

Evaporated volume on hot days W = ET_MM·10⁻³·A·d/365 (m³/a, d = ``clim_hot_days``). Cooling power
W·10⁶ g/m³·q/3.6·10⁶ J/kWh / EER (kWh/a) on ``climate_vegetation_types`` and ``climate_water_types``; water
surfaces add humidifying W·``humidifier_kwh_per_m3``. Q_CLIM (kWh/a) · electricity price = V_CLIM.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..parameters import ParameterSet
from .base import Indicator, PriceTerm, Status, col, eco_col, register

ID = "V_CLIM"


def quantify(drivers: pd.DataFrame, params: ParameterSet, status: Status,
             baseline: bool = False) -> pd.DataFrame:
    """Q_CLIM (kWh/a) per parcel."""
    status.track(ID)
    eco = eco_col(drivers)
    veg = eco.isin(params.items("climate_vegetation_types")).to_numpy()
    water = eco.isin(params.items("climate_water_types")).to_numpy()
    et, area = col(drivers, "ET_MM"), col(drivers, "AREA_M2")
    status.skip(ID, ~veg & ~water, "not_applicable",
                "eco type not in climate_vegetation_types/climate_water_types")
    status.skip(ID, et.isna(), "missing_input", "evapotranspiration ET_MM is missing")
    active = status.active(ID)
    hot_m3 = np.clip(np.nan_to_num(et.to_numpy()), 0.0, None) * 1e-3 * area.to_numpy() \
        * params.value("clim_hot_days") / 365.0
    cool_kwh = hot_m3 * 1e6 * params.value("latent_heat") / 3.6e6 / params.value("ac_eer")
    humid_kwh = np.where(water, hot_m3 * params.value("humidifier_kwh_per_m3"), 0.0)
    return pd.DataFrame({"Q_CLIM": np.where(active, cool_kwh + humid_kwh, 0.0)}, index=drivers.index)


def price(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    return q["Q_CLIM"] * params.value("electricity_price", scenario)


CLIM = register(Indicator(
    id=ID, service_class="regulating", name_en="Climate regulation", name_zh="气候调节",
    quantity="Q_CLIM", quantity_unit="kWh/a",
    formula="W = ET·10⁻³·A·d/365 (m³/a); Q_CLIM = W·ρ_w·q/3.6·10⁶/EER (+ W·γ on water) (kWh/a); "
            "V_CLIM = Q_CLIM·p_electricity",
    inputs=("ECO_TYPE", "ET_MM", "AREA_M2"),
    parameters=("climate_vegetation_types", "climate_water_types", "clim_hot_days", "latent_heat", "ac_eer",
                "humidifier_kwh_per_m3", "electricity_price"),
    eco_types=("forest", "shrub", "orchard", "grassland", "wetland_water"),
    quantity_fields=(("Q_CLIM", "kWh/a"),), price_terms=(PriceTerm("Q_CLIM", "electricity_price"),),
    quantify=quantify, price=price,
))
