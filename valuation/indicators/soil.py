"""Soil conservation (土壤保持): retained soil from CSLE drivers, valued as avoided sediment and N/P loss.

A_p = RKLS_T (potential erosion, t/a). Actual erosion A (t/a):
  RKLSCP_T when a CP raster was given (it replaces B·E·T); else cropland A = RKLS_T·E·T (T instead of B),
  other land A = RKLSB_T·E, with E = e_factor.TT for GDLX = TT and 1 otherwise.
Q_SOIL = max(A_p − A, 0); 0 on the eco types of ``soil_conservation_excluded`` (non-eroding, A = 0).
Baseline (治理前): RKLSCP_BASE_T when given; else B·E·T with E = e_factor_baseline (terraces back to sloping
land) and B from RKLSB_BASE_T when given; a parcel valued through CP without a terrace keeps its current A.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..landuse import ECO_TYPES
from ..parameters import ParameterSet
from .base import Indicator, PriceTerm, Status, col, eco_col, map_distinct, register, text_col

IDS = ("V_SED", "V_NP")
EXCLUDED_KEY = "soil_conservation_excluded"
SOIL_INPUTS = ("ECO_TYPE", "GDLX", "RKLS_T", "RKLSB_T", "RKLSCP_T")
SOIL_BASELINE_INPUTS = ("RKLSB_BASE_T", "RKLSCP_BASE_T")
ERODING = tuple(e for e in ECO_TYPES if e not in ("wetland_water", "built_up", "paddy", "unknown"))


def _erosion_grades(modulus: np.ndarray, tolerance: float) -> np.ndarray:
    from ..csle import erosion_grade  # imported lazily: csle is a sibling module owned elsewhere

    return np.asarray(erosion_grade(modulus, tolerance=tolerance), dtype=np.int64).reshape(modulus.shape)


def quantify(drivers: pd.DataFrame, params: ParameterSet, status: Status,
             baseline: bool = False) -> pd.DataFrame:
    """Q_SOIL, EROSION, ER_MOD, ER_GRADE, Q_SED (m³/a), Q_SOIL_N, Q_SOIL_P (t/a) per parcel."""
    status.track(*IDS)
    eco = eco_col(drivers)
    gdlx = map_distinct(text_col(drivers, "GDLX"), str.upper)
    rkls, rklsb, rklscp = col(drivers, "RKLS_T"), col(drivers, "RKLSB_T"), col(drivers, "RKLSCP_T")
    area = col(drivers, "AREA_M2")
    excluded = eco.isin(params.items(EXCLUDED_KEY)) | (eco == "unknown") | ~eco.isin(ECO_TYPES)
    crop = eco == "cropland"
    terrace = gdlx == "TT"
    t = params.value("t_factor.cropland")
    e_tt, e_pd = params.value("e_factor.TT"), params.value("e_factor.PD")
    has_cp = rklscp.notna()

    if not baseline:
        e = pd.Series(np.where(terrace, e_tt, e_pd), index=drivers.index)
        a_bet = pd.Series(np.where(crop, rkls * e * t, rklsb * e), index=drivers.index)
        a = a_bet.where(~has_cp, rklscp)
    else:
        e = params.value("e_factor_baseline")
        b_base_given = col(drivers, "RKLSB_BASE_T")
        cp_base = col(drivers, "RKLSCP_BASE_T")
        b_part = b_base_given.where(b_base_given.notna(), rklsb)
        a_bet = pd.Series(np.where(crop, rkls * e * t, b_part * e), index=drivers.index)
        keep_cp = has_cp & ~terrace & b_base_given.isna()
        a = a_bet.where(~keep_cp, rklscp).where(cp_base.isna(), cp_base)

    status.skip(IDS, excluded, "not_applicable",
                "eco type is non-eroding or unknown (soil_conservation_excluded)")
    status.skip(IDS, rkls.isna(), "missing_input", "no potential erosion: RKLS_T is missing")
    status.skip(IDS, a.isna() & ~crop, "missing_input",
                "no actual erosion: RKLSB_T (vegetation cover) and RKLSCP_T are missing")
    status.skip(IDS, a.isna(), "missing_input", "no actual erosion could be computed")
    active = status.active("V_SED")
    retained = (rkls - a).to_numpy()
    negative = active & (retained < 0)
    status.note(IDS, negative, "negative_retention",
                "actual erosion exceeds potential erosion: Q_SOIL set to 0")
    q = np.where(active, np.clip(np.nan_to_num(retained), 0.0, None), 0.0)

    erosion = np.where(excluded, 0.0, np.where(active, a.to_numpy(), np.nan))
    with np.errstate(divide="ignore", invalid="ignore"):
        km2 = area.to_numpy() / 1e6
        modulus = np.where(km2 > 0, erosion / km2, np.nan)
    grade = _erosion_grades(modulus, params.value("sl190_tolerance"))

    lam, rho = params.value("lambda_sediment"), params.value("soil_bulk_density")
    cn, cp = params.value("soil_n_content"), params.value("soil_p_content")
    return pd.DataFrame({
        "Q_SOIL": q, "EROSION": erosion, "ER_MOD": modulus, "ER_GRADE": grade,
        "Q_SED": lam * q / rho, "Q_SOIL_N": q * cn, "Q_SOIL_P": q * cp,
    }, index=drivers.index)


def price_sed(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    return q["Q_SED"] * params.value("dredge_cost", scenario)


def price_np(q: pd.DataFrame, params: ParameterSet, scenario: str) -> pd.Series:
    return (q["Q_SOIL_N"] * params.value("n_treatment_cost", scenario)
            + q["Q_SOIL_P"] * params.value("p_treatment_cost", scenario))


_COMMON = dict(
    service_class="regulating", quantity="Q_SOIL", quantity_unit="t/a", inputs=SOIL_INPUTS,
    baseline_inputs=SOIL_BASELINE_INPUTS, eco_types=ERODING, quantify=quantify,
)
SED = register(Indicator(
    id="V_SED", name_en="Soil conservation — reduced sedimentation", name_zh="土壤保持—减少泥沙淤积",
    formula="Q_SOIL = A_p − A (t/a); Q_SED = λ·Q_SOIL/ρ (m³/a); V_SED = Q_SED·c_dredge",
    parameters=(EXCLUDED_KEY, "e_factor.TT", "e_factor.PD", "e_factor_baseline", "t_factor.cropland",
                "sl190_tolerance", "lambda_sediment", "soil_bulk_density", "dredge_cost"),
    quantity_fields=(("Q_SOIL", "t/a"), ("Q_SED", "m3/a")), price_terms=(PriceTerm("Q_SED", "dredge_cost"),),
    price=price_sed, **_COMMON,
))
NP = register(Indicator(
    id="V_NP", name_en="Soil conservation — reduced non-point N/P loss", name_zh="土壤保持—减少面源污染",
    formula="Q_SOIL_N = Q_SOIL·C_N, Q_SOIL_P = Q_SOIL·C_P (t/a); V_NP = Q_SOIL_N·p_N + Q_SOIL_P·p_P",
    parameters=(EXCLUDED_KEY, "e_factor.TT", "e_factor.PD", "e_factor_baseline", "t_factor.cropland",
                "soil_n_content", "soil_p_content", "n_treatment_cost", "p_treatment_cost"),
    quantity_fields=(("Q_SOIL", "t/a"), ("Q_SOIL_N", "t/a"), ("Q_SOIL_P", "t/a")),
    price_terms=(PriceTerm("Q_SOIL_N", "n_treatment_cost"), PriceTerm("Q_SOIL_P", "p_treatment_cost")),
    double_counting="nonpoint_vs_water_purification", price=price_np, **_COMMON,
))
