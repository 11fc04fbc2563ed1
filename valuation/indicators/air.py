"""Air purification (空气净化): SO₂, NOx and dust taken up per hm² of vegetation, priced at treatment cost.

Q_AIR_x = air_cap_x.<eco> (kg/hm²/a) · A_hm² / 1000 (t/a) on eco types with an ``air_cap_so2.<eco>`` row;
V_AIR = Σ Q_AIR_x · price_x.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..parameters import ParameterSet
from .base import Indicator, PriceTerm, Status, col, eco_col, register

ID = "V_AIR"
POLLUTANTS = (("Q_AIR_SO2", "so2"), ("Q_AIR_NOX", "nox"), ("Q_AIR_DUST", "dust"))


def quantify(drivers: pd.DataFrame, params: ParameterSet, status: Status,
             baseline: bool = False) -> pd.DataFrame:
    """Q_AIR_SO2, Q_AIR_NOX, Q_AIR_DUST (t/a) per parcel."""
    status.track(ID)
    eco = eco_col(drivers)
    hm2 = col(drivers, "AREA_M2").to_numpy() / 1e4
    applies = eco.isin(list(params.table("air_cap_so2")))
    status.skip(ID, ~applies, "not_applicable",
                "no air purification capacity (air_cap_so2) for this eco type")
    active = status.active(ID)
    out = {}
    for field, item in POLLUTANTS:
        cap = eco.map(params.table(f"air_cap_{item}")).astype("float64").fillna(0.0).to_numpy()
        out[field] = np.where(active, cap * np.nan_to_num(hm2) / 1000.0, 0.0)
    return pd.DataFrame(out, index=drivers.index)


def price(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    return sum(q[f] * params.value(f"price_{item}", scenario) for f, item in POLLUTANTS)


AIR = register(Indicator(
    id=ID, service_class="regulating", name_en="Air purification", name_zh="空气净化",
    quantity="Q_AIR_SO2", quantity_unit="t/a",
    formula="Q_AIR_x = cap_x(eco)·A_hm²/1000 (t/a), x = SO₂, NOx, dust; V_AIR = Σ Q_AIR_x·p_x",
    inputs=("ECO_TYPE", "AREA_M2"),
    parameters=("air_cap_so2.*", "air_cap_nox.*", "air_cap_dust.*", "price_so2", "price_nox", "price_dust"),
    eco_types=("forest", "shrub", "orchard", "grassland"),
    quantity_fields=tuple((f, "t/a") for f, _ in POLLUTANTS),
    price_terms=tuple(PriceTerm(f, f"price_{item}") for f, item in POLLUTANTS),
    quantify=quantify, price=price,
))
