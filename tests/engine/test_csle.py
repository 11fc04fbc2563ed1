"""Per-cell CSLE helpers: B from cover, SL 190-2007 grades, K and R unit checks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from valuation.csle import (
    GRADE_NAMES,
    K_US_TO_SI,
    R_US_TO_SI,
    b_from_cover,
    check_k_units,
    check_r_units,
    erosion_grade,
)
from valuation.errors import ValuationError

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"


# --- B (蔡崇法) -------------------------------------------------------------------------------------------

def test_b_at_0_50_and_80_percent_cover():
    assert b_from_cover(0.0) == 1.0
    # 0.6508 − 0.3436·lg 50 = 0.6508 − 0.3436 × 1.69897 = 0.6508 − 0.583766 = 0.067034
    assert b_from_cover(0.5) == pytest.approx(0.0670339, abs=1e-7)
    assert b_from_cover(0.8) == 0.0   # ≥ 78.3 %


def test_b_edges_clamping_and_nan():
    f = np.array([np.nan, 0.783, 0.7829, 0.0001, 0.01, -0.02, 1.05])
    b = b_from_cover(f)
    assert np.isnan(b[0])
    assert b[1] == 0.0
    # 78.29 %: 0.6508 − 0.3436 × 1.893707 = 0.0001 (continuous with 0 at 78.3 %)
    assert b[2] == pytest.approx(0.6508 - 0.3436 * np.log10(78.29)) and 0 < b[2] < 1e-3
    # 0.01 %: 0.6508 + 0.3436 × 2 = 1.338 → clamped to 1
    assert b[3] == 1.0
    # 1 %: lg 1 = 0 → 0.6508
    assert b[4] == pytest.approx(0.6508)
    assert b[5] == 1.0 and b[6] == 0.0  # below 0 counts as bare; slight overshoot as full cover
    assert b.shape == f.shape


def test_b_rejects_percent_input():
    with pytest.raises(ValuationError) as err:
        b_from_cover(np.array([12.0, 50.0]))
    assert err.value.code == "cover_not_fraction" and err.value.params["max"] == 50.0


# --- SL 190-2007 grades -----------------------------------------------------------------------------------

@pytest.mark.parametrize("edge, below, at", [
    (500.0, 1, 2), (2500.0, 2, 3), (5000.0, 3, 4), (8000.0, 4, 5), (15000.0, 5, 6),
])
def test_grade_thresholds_lower_bound_inclusive(edge, below, at):
    assert erosion_grade(edge - 0.001) == below
    assert erosion_grade(edge) == at
    assert erosion_grade(edge + 0.001) == at


def test_grade_arrays_other_tolerances_and_nan():
    a = np.array([0.0, 199.999, 200.0, 499.999, np.nan, 1e6])
    np.testing.assert_array_equal(erosion_grade(a), [1, 1, 1, 1, 0, 6])
    np.testing.assert_array_equal(erosion_grade(a, tolerance=200), [1, 1, 2, 2, 0, 6])
    assert erosion_grade(999.999, tolerance=1000) == 1 and erosion_grade(1000, tolerance=1000) == 2
    with pytest.raises(ValueError):
        erosion_grade(1.0, tolerance=3000)


def test_grade_names():
    assert [GRADE_NAMES[g]["zh"] for g in range(1, 7)] == ["微度", "轻度", "中度", "强烈", "极强烈", "剧烈"]
    assert all(GRADE_NAMES[g]["en"] for g in range(0, 7))


# --- unit checks ----------------------------------------------------------------------------------------

def test_k_in_us_units_is_flagged():
    # Willamette's K (InVEST sample, mean 0.2823) is US-customary-like: × 0.1317 → 0.0372 SI
    notes = check_k_units(np.array([0.14, 0.28, 0.36, np.nan]))
    assert [n.code for n in notes] == ["k_us_units"]
    assert notes[0].params["factor"] == K_US_TO_SI == 0.1317
    assert notes[0].params["suggested_mean"] == pytest.approx(0.26 * 0.1317)
    assert "0.26" in notes[0].text()


def test_k_in_si_units_passes():
    assert check_k_units(np.ma.masked_array([0.035, 0.058, 9999.0], mask=[False, False, True])) == []
    assert check_k_units(np.array([np.nan])) == []


@pytest.mark.skipif(not (REAL / "willamette" / "erodibility_from_ovr_60m.tif").exists(),
                    reason="shared real data absent")
def test_k_of_willamette_raster():
    rasterio = pytest.importorskip("rasterio")
    with rasterio.open(REAL / "willamette" / "erodibility_from_ovr_60m.tif") as src:
        k = src.read(1, masked=True)
    notes = check_k_units(k)
    assert [n.code for n in notes] == ["k_us_units"]
    assert notes[0].params["mean"] == pytest.approx(0.28, abs=0.02)


def test_r_checks():
    # 5784.04 / 17.02 = 339.84: US customary magnitude
    notes = check_r_units(np.full(4, 5784.04 / 17.02))
    assert [n.code for n in notes] == ["r_us_units"]
    assert notes[0].params["factor"] == R_US_TO_SI and notes[0].params["ratio"] == pytest.approx(1 / 17.02)
    assert check_r_units(np.array([5000.0, 6500.0])) == []
    # Willamette's 1215 MJ·mm/(ha·h·a) is 0.21 of Chongqing's mean: low but plausible, no notice
    assert check_r_units(1215.0193) == []
    assert [n.code for n in check_r_units(40000.0)] == ["r_unexpected_magnitude"]
    assert check_r_units(300.0, expected_mean=4000.0)[0].code == "r_us_units"  # 300/4000 = 1/13.3
