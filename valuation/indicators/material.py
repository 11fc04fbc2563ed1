"""Material supply (物质供给): product yield on the net land-class area × farm-gate price.

Each product ``p`` has rows ``mat_yield.p`` (per hm², ``applies_to`` = DLBM codes), ``mat_price.p`` and
``mat_cost_share.p``. QM_<P> = yield · NET_AREA_M2/10⁴ on parcels whose DLBM matches (a 4-character code also
covers its suffixed variants, e.g. 1104 → 1104A). V_MAT = Σ QM_<P>·price_p, times (1 − cost share) when
``material_net_mode`` = 1.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ValuationError
from ..parameters import ParameterSet
from .base import Indicator, PriceTerm, Status, col, match_codes, register, text_col

ID = "V_MAT"
PREFIX = "QM_"


def products(params: ParameterSet) -> list[str]:
    """Product ids of the set (``mat_yield.<id>`` rows), checked to give field names ≤ 10 characters."""
    ids = list(params.table("mat_yield"))
    bad = [p for p in ids if len(PREFIX + p) > 10 or not p.isidentifier()]
    if bad:
        raise ValuationError("param_bad_product_id",
                             "Material product ids must be ≤ 7 letters/digits: {ids}.", ids=", ".join(bad))
    return ids


def field_name(product: str) -> str:
    return PREFIX + product.upper()


def quantify(drivers: pd.DataFrame, params: ParameterSet, status: Status,
             baseline: bool = False) -> pd.DataFrame:
    """QM_<PRODUCT> (product unit per year, t/a or m³/a) per parcel."""
    status.track(ID)
    dlbm = text_col(drivers, "DLBM")
    net_hm2 = col(drivers, "NET_AREA_M2") / 1e4
    masks = {p: match_codes(dlbm, params.applies(f"mat_yield.{p}")).to_numpy() for p in products(params)}
    any_product = np.zeros(len(drivers), dtype=bool)
    for m in masks.values():
        any_product |= m
    status.skip(ID, ~any_product, "no_product", "no material product is defined for this DLBM (mat_yield)")
    status.skip(ID, net_hm2.isna(), "missing_input", "net land-class area NET_AREA_M2 is missing")
    active = status.active(ID)
    net = np.nan_to_num(net_hm2.to_numpy())
    out = {field_name(p): np.where(active & m, params.value(f"mat_yield.{p}") * net, 0.0)
           for p, m in masks.items()}
    return pd.DataFrame(out, index=drivers.index)


def price(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    net = params.flag("material_net_mode")
    total = pd.Series(0.0, index=q.index)
    for p in products(params):
        factor = 1.0 - params.value(f"mat_cost_share.{p}") if net else 1.0
        total = total + q[field_name(p)] * params.value(f"mat_price.{p}", scenario) * factor
    return total


MAT = register(Indicator(
    id=ID, service_class="material", name_en="Material supply", name_zh="物质供给",
    quantity="QM_*", quantity_unit="t/a (timber m3/a)",
    formula="QM_p = yield_p·NET_AREA_hm² ; V_MAT = Σ QM_p·price_p·(1 − cost_share_p if net mode)",
    inputs=("DLBM", "NET_AREA_M2"),
    parameters=("mat_yield.*", "mat_price.*", "mat_cost_share.*", "material_net_mode"),
    eco_types=("paddy", "cropland", "orchard", "forest", "wetland_water"),
    price_terms=(PriceTerm("QM_<P>", "mat_price.<p>"),),
    quantify=quantify, price=price,
))
