"""Small per-cell CSLE helpers: B from vegetation cover, SL 190-2007 grades, R and K unit checks."""

from __future__ import annotations

import math
from typing import Any, Optional

import numpy as np

from .errors import Notice, ValuationError

#: Cover (percent) at and above which 蔡崇法's B is 0.
B_ZERO_COVER_PCT = 78.3
#: SI K = US-customary K × this (t·ha·h/(ha·MJ·mm) per ton·acre·h/(hundreds of acre·ft·tonf·in)).
K_US_TO_SI = 0.1317
#: SI R (MJ·mm/(ha·h·a)) = US R (hundreds of ft·tonf·in/(acre·h·a)) × this.
R_US_TO_SI = 17.02
#: Chongqing multi-year mean R, MJ·mm/(ha·h·a) (valuation-method.md §4.5).
R_CHONGQING_MEAN = 5784.04
#: Mean K above which the values look like US customary units (SI K rarely exceeds ~0.08).
K_SI_MAX_PLAUSIBLE = 0.1


def b_from_cover(f_fraction: Any, a: float = 0.6508, b: float = 0.3436, full_pct: Optional[float] = None) -> Any:
    """CSLE biological factor B from fractional vegetation cover (蔡崇法 et al. 2000).

    Cover is converted to percent f: B = 1 at f = 0; ``a − b·lg f`` (0.6508 − 0.3436·lg f) for
    0 < f < ``full_pct`` (78.3 %); 0 at f ≥ ``full_pct`` (the parameter table holds a, b and
    full_pct); clamped to [0, 1] (the log term exceeds 1 below f ≈ 0.1 %). Input is a
    0..1 fraction: values below 0 count as 0 and up to 1.5 are clipped to 1 (NDVI-based cover
    overshoots); anything above 1.5 looks like percent and raises ``cover_not_fraction``.
    NaN stays NaN. Scalars in, float out.
    """
    f = np.asarray(f_fraction, dtype=np.float64)
    finite = f[np.isfinite(f)]
    if finite.size and finite.max() > 1.5:
        raise ValuationError("cover_not_fraction",
                             "Vegetation cover must be a 0–1 fraction; the largest value is {max:g} "
                             "(percent? divide by 100).", max=float(finite.max()))
    pct = np.clip(f, 0.0, 1.0) * 100.0
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(pct <= 0.0, 1.0, a - b * np.log10(np.where(pct > 0, pct, 1.0)))
    out = np.where(pct >= (B_ZERO_COVER_PCT if full_pct is None else full_pct), 0.0, out)
    out = np.where(np.isnan(f), np.nan, np.clip(out, 0.0, 1.0))
    return out if out.ndim else float(out)


#: SL 190-2007 erosion-intensity grades: number → (zh, en). 0 = no data.
GRADE_NAMES: dict[int, dict[str, str]] = {
    0: {"zh": "无数据", "en": "No data"},
    1: {"zh": "微度", "en": "Slight"},
    2: {"zh": "轻度", "en": "Light"},
    3: {"zh": "中度", "en": "Moderate"},
    4: {"zh": "强烈", "en": "Intense"},
    5: {"zh": "极强烈", "en": "Very intense"},
    6: {"zh": "剧烈", "en": "Severe"},
}
#: Lower bounds (t/(km²·a)) of grades 3..6; grade 2 starts at the tolerance.
GRADE_BOUNDS = (2500.0, 5000.0, 8000.0, 15000.0)


def erosion_grade(modulus_t_km2_a: Any, tolerance: float = 500.0) -> Any:
    """SL 190-2007 water-erosion grade 1–6 of a soil-loss modulus in t/(km²·a); 0 for NaN.

    Lower bounds are inclusive, upper exclusive: 1 微度 A < tolerance (500 in the southwest
    rocky-mountain region, 200/1000 elsewhere); 2 轻度 tolerance ≤ A < 2500; 3 中度 2500 ≤ A < 5000;
    4 强烈 5000 ≤ A < 8000; 5 极强烈 8000 ≤ A < 15000; 6 剧烈 A ≥ 15000.
    """
    if not 0 < tolerance <= GRADE_BOUNDS[0]:
        raise ValueError(f"tolerance must be in (0, {GRADE_BOUNDS[0]:g}], got {tolerance}")
    a = np.asarray(modulus_t_km2_a, dtype=np.float64)
    edges = np.array((tolerance, *GRADE_BOUNDS))
    with np.errstate(invalid="ignore"):
        grade = np.searchsorted(edges, a, side="right") + 1
    grade = np.where(np.isnan(a), 0, grade).astype(np.int8)
    return grade if grade.ndim else int(grade)


def _finite_mean(values: Any) -> float:
    v = np.ma.asarray(values, dtype=np.float64).compressed() if np.ma.isMaskedArray(values) \
        else np.asarray(values, dtype=np.float64).ravel()
    v = v[np.isfinite(v)]
    return float(v.mean()) if v.size else math.nan


def check_k_units(k_values: Any) -> list[Notice]:
    """Notices about a K raster/column: ``k_us_units`` when the mean exceeds 0.1 (SI K of Chinese
    soils is about 0.002–0.08; US-customary K is about 0.1–0.7): multiply by 0.1317."""
    mean = _finite_mean(k_values)
    out: list[Notice] = []
    if math.isfinite(mean) and mean > K_SI_MAX_PLAUSIBLE:
        out.append(Notice("k_us_units",
                          "Soil erodibility K averages {mean:.4g}, which looks like US customary units; "
                          "SI K = US K × {factor} (t·ha·h/(ha·MJ·mm)).",
                          {"mean": mean, "factor": K_US_TO_SI, "suggested_mean": mean * K_US_TO_SI}))
    return out


def check_r_units(r_values: Any, expected_mean: float = R_CHONGQING_MEAN) -> list[Notice]:
    """Notices about an R raster/column against the expected regional mean.

    ``r_us_units`` when mean/expected lies within a factor 3 of 1/17.02 (US customary units:
    multiply by 17.02); otherwise ``r_unexpected_magnitude`` when it is outside [0.2, 5].
    """
    mean = _finite_mean(r_values)
    out: list[Notice] = []
    if not (math.isfinite(mean) and expected_mean > 0):
        return out
    ratio = mean / expected_mean
    us = 1.0 / R_US_TO_SI
    if us / 3.0 <= ratio <= us * 3.0:
        out.append(Notice("r_us_units",
                          "Rainfall erosivity R averages {mean:.4g}, about 1/17 of the expected "
                          "{expected:.6g} MJ·mm/(ha·h·a): US customary units? SI R = US R × {factor}.",
                          {"mean": mean, "expected": expected_mean, "ratio": ratio, "factor": R_US_TO_SI}))
    elif not 0.2 <= ratio <= 5.0:
        out.append(Notice("r_unexpected_magnitude",
                          "Rainfall erosivity R averages {mean:.4g}, {ratio:.3g} times the expected "
                          "{expected:.6g} MJ·mm/(ha·h·a); check its units.",
                          {"mean": mean, "expected": expected_mean, "ratio": ratio}))
    return out
