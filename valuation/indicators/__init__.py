"""Indicator registry: one module per family, each registering its specs on import.

Output order (base.ORDER): soil (V_SED, V_NP), water (V_WATER, V_FLOOD),
carbon (V_CO2, V_O2), air (V_AIR), water quality (V_WQ), climate (V_CLIM), material (V_MAT), cultural (V_CUL).
The accounting pipeline (quantities → values) lives in :mod:`valuation.valuing`.
"""

from __future__ import annotations

from . import air, carbon, climate, cultural, material, soil, water, water_quality  # noqa: F401  (register)
from .base import (
    DOUBLE_COUNTING_GROUPS,
    SERVICE_CLASSES,
    Indicator,
    PriceTerm,
    Status,
    all_indicators,
    get,
    register,
)

__all__ = ["DOUBLE_COUNTING_GROUPS", "SERVICE_CLASSES", "Indicator", "PriceTerm", "Status", "all_indicators",
           "get", "register"]
