"""Water purification (水质净化): pollutant removal by wetlands and water bodies, priced at treatment cost.

Q_WQ_x = wq_removal_x.<eco> (t/hm²/a) · A_hm² on eco types with a ``wq_removal_cod.<eco>`` row
(wetland_water by default, where soil conservation is excluded: no overlap with V_NP);
V_WQ = Σ Q_WQ_x · price_x.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..parameters import ParameterSet
from .base import Indicator, PriceTerm, Status, col, eco_col, register

ID = "V_WQ"
#: (quantity field, removal-rate item, price key)
POLLUTANTS = (("Q_WQ_COD", "cod", "price_cod"), ("Q_WQ_NH3N", "nh3n", "price_nh3n"),
              ("Q_WQ_TN", "tn", "n_treatment_cost"), ("Q_WQ_TP", "tp", "p_treatment_cost"))


def quantify(drivers: pd.DataFrame, params: ParameterSet, status: Status,
             baseline: bool = False) -> pd.DataFrame:
    """Q_WQ_COD, Q_WQ_NH3N, Q_WQ_TN, Q_WQ_TP (t/a) per parcel."""
    status.track(ID)
    eco = eco_col(drivers)
    hm2 = col(drivers, "AREA_M2").to_numpy() / 1e4
    applies = eco.isin(list(params.table("wq_removal_cod")))
    status.skip(ID, ~applies, "not_applicable",
                "no water purification rate (wq_removal_cod) for this eco type")
    active = status.active(ID)
    out = {}
    for field, item, _ in POLLUTANTS:
        rate = eco.map(params.table(f"wq_removal_{item}")).astype("float64").fillna(0.0).to_numpy()
        out[field] = np.where(active, rate * np.nan_to_num(hm2), 0.0)
    return pd.DataFrame(out, index=drivers.index)


def price(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    return sum(q[f] * params.value(key, scenario) for f, _, key in POLLUTANTS)


WQ = register(Indicator(
    id=ID, service_class="regulating", name_en="Water purification", name_zh="水质净化",
    quantity="Q_WQ_COD", quantity_unit="t/a",
    formula="Q_WQ_x = r_x·A_hm² (t/a), x = COD, NH₃-N, TN, TP; V_WQ = Σ Q_WQ_x·p_x",
    inputs=("ECO_TYPE", "AREA_M2"),
    parameters=("wq_removal_cod.*", "wq_removal_nh3n.*", "wq_removal_tn.*", "wq_removal_tp.*", "price_cod",
                "price_nh3n", "n_treatment_cost", "p_treatment_cost"),
    eco_types=("wetland_water",),
    quantity_fields=tuple((f, "t/a") for f, _, _ in POLLUTANTS),
    price_terms=tuple(PriceTerm(f, key) for f, _, key in POLLUTANTS),
    double_counting="nonpoint_vs_water_purification", quantify=quantify, price=price,
))
