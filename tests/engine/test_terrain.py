"""CSLE terrain: slope, fill, D8, slope length, L/S/m and LS (hand-derived expectations)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from valuation import terrain as T  # noqa: N812
from valuation.errors import Cancelled
from valuation.progress import Monitor

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"
CS = 10.0


def plane_south(deg: float, rows: int, cols: int = 6, cs: float = CS) -> np.ndarray:
    """A plane falling southwards (row index grows) at ``deg`` degrees; ridge on row 0."""
    r = np.arange(rows, dtype=float)[:, None]
    return 500.0 - r * cs * math.tan(math.radians(deg)) + np.zeros((1, cols))


def follow_to_outlet(fdir: np.ndarray, r: int, c: int) -> tuple[int, int]:
    h, w = fdir.shape
    for _ in range(h * w):
        k = fdir[r, c]
        if k < 0:
            return r, c
        r, c = r + T.D8_DROW[k], c + T.D8_DCOL[k]
    raise AssertionError("cycle")


# --- slope -----------------------------------------------------------------------------------------

def test_slope_of_a_tilted_plane_is_exact_including_edges_corners_and_nodata_borders():
    # z = gx·x + gy·y with |grad| = tan 12°, aspect 30°: Horn is exact on a plane; missing
    # neighbours are extrapolated, so edges, corners and cells next to the NaN hole are exact too.
    g = math.tan(math.radians(12.0))
    gx, gy = g * math.sin(math.radians(30)), g * math.cos(math.radians(30))
    r, c = np.mgrid[0:7, 0:9].astype(float)
    dem = 100 + gx * c * CS + gy * r * CS
    dem[3, 4] = np.nan
    s = np.degrees(T.slope_radians(dem, CS))
    assert np.isnan(s[3, 4])
    np.testing.assert_allclose(s[~np.isnan(dem)], 12.0, atol=1e-9)


def test_slope_uses_dx_and_dy_separately():
    # rows 5 m apart, 1 m drop per row: tan θ = 1/5 → θ = 11.3099°
    dem = -np.arange(6, dtype=float)[:, None] + np.zeros((1, 4))
    s = np.degrees(T.slope_radians(dem, (10.0, 5.0)))
    np.testing.assert_allclose(s, math.degrees(math.atan(0.2)), atol=1e-9)


# --- S, m, L -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("deg, expected", [
    (4.0, 0.78336992),    # 10.8·sin4° + 0.03 = 10.8·0.0697565 + 0.03
    (5.0, 0.96421648),    # 5° takes the middle branch: 16.8·0.0871557 − 0.50
    (7.0, 1.54740497),    # 16.8·sin7° − 0.50 = 16.8·0.1218693 − 0.50
    (10.0, 2.84463157),   # 10° takes the steep branch: 21.91·0.1736482 − 0.96
    (15.0, 4.71072528),   # 21.91·sin15° − 0.96 = 21.91·0.2588190 − 0.96 (valuation-method §4.7: 4.71)
])
def test_s_factor_branches(deg, expected):
    assert T.s_factor(math.radians(deg)) == pytest.approx(expected, abs=1e-8)


def test_s_factor_array_keeps_nan():
    out = T.s_factor(np.array([np.nan, 0.0]))
    assert np.isnan(out[0]) and out[1] == pytest.approx(0.03)


@pytest.mark.parametrize("deg, m", [
    (0.0, 0.2), (0.4999, 0.2), (0.5, 0.3), (1.4999, 0.3), (1.5, 0.4), (2.9999, 0.4), (3.0, 0.5), (40.0, 0.5),
])
def test_m_exponent_breakpoints(deg, m):
    assert T.m_exponent(deg) == m


def test_l_factor_segment_form():
    # λ_in = 10, λ_out = 20, m = 0.5:
    # (20^1.5 − 10^1.5)/(10·22.13^0.5) = (89.4427 − 31.6228)/47.0425 = 1.229099
    assert T.l_factor(10.0, 20.0, 0.5) == pytest.approx(1.2290992, abs=1e-6)
    # λ_in = 0: λ_out^(m+1)/(λ_out·22.13^m) = (λ_out/22.13)^m
    assert T.l_factor(0.0, 30.0, 0.4) == pytest.approx((30 / 22.13) ** 0.4)
    # a cell wholly beyond the cap (λ_in = λ_out = cap): the mean L of a cap-long slope
    assert T.l_factor(100.0, 100.0, 0.5) == pytest.approx((100 / 22.13) ** 0.5)


def test_segment_l_telescopes_and_plain_l_is_low_by_about_one_over_m_plus_one():
    # 200 cells of 1 m: Σ (j^(m+1) − (j−1)^(m+1)) / 22.13^m / 200 = 200^(m+1)/200/22.13^m = (200/22.13)^m
    m = 0.5
    lam_out = np.arange(1, 201, dtype=float)
    seg = T.l_factor(lam_out - 1, lam_out, m)
    assert seg.mean() == pytest.approx((200 / 22.13) ** m, rel=1e-12)
    plain = ((lam_out / 22.13) ** m).mean()  # ≈ ∫0^1 x^m dx · (λ/22.13)^m = (λ/22.13)^m / (m+1)
    assert plain / seg.mean() == pytest.approx(1 / (m + 1), rel=0.01)


# --- planar hillslopes -------------------------------------------------------------------------------

@pytest.mark.parametrize("deg, m", [(10.0, 0.5), (15.0, 0.5), (4.0, 0.5), (2.0, 0.4), (1.0, 0.3)])
def test_planar_slope_area_mean_l_equals_whole_slope_l(deg, m):
    # 8 rows of 10 m falling south: λ = 80 m (< cap 100, 8 cells). Row i has λ_in = 10i, λ_out = 10(i+1);
    # the segment L telescopes: mean = 80^(m+1)/(80·22.13^m) = (80/22.13)^m.
    # (80/22.13)^0.5 = 1.901316, ^0.4 = 1.672028, ^0.3 = 1.470390
    ls, d = T.ls_factor(plane_south(deg, 8), CS, channel_area_m2=None)
    np.testing.assert_allclose(d["slope_deg"], deg, atol=1e-9)
    assert np.all(d["m"] == m)
    np.testing.assert_allclose(d["lambda_out"][:, 2], CS * np.arange(1, 9))
    np.testing.assert_allclose(d["lambda_in"][:, 2], CS * np.arange(0, 8))
    assert d["L"].mean() == pytest.approx((80 / 22.13) ** m, rel=0.01)
    assert d["L"].mean() == pytest.approx((80 / 22.13) ** m, rel=1e-9)  # in fact exact
    np.testing.assert_allclose(d["S"], T.s_factor(math.radians(deg)), rtol=1e-12)
    np.testing.assert_allclose(ls, d["L"] * d["S"])


def test_planar_slope_flowing_east_with_rectangular_cells():
    # cells 4 m wide (x), 10 m tall (y); a 6° plane falling east over 15 columns: λ = 60 m
    dem = plane_south(6.0, 15, cols=5, cs=4.0).T
    ls, d = T.ls_factor(dem, (4.0, 10.0), channel_area_m2=None)
    np.testing.assert_allclose(d["lambda_out"][2], 4.0 * np.arange(1, 16))
    assert d["L"].mean() == pytest.approx((60 / 22.13) ** 0.5, rel=1e-9)


def test_diagonal_flow_uses_sqrt2_lengths():
    # z falls along (+x, +y) at 10°: a diagonal step drops √2·cs·tanθ over √2·cs (rate tanθ), a cardinal
    # one cs·tanθ/√2 over cs (rate 0.707 tanθ), so cells flow SE. Along the main diagonal (k, k) every step
    # is √2·10 m: λ_out = (k+1)·14.142 m; the corner outlet continues its donor's diagonal step.
    n = 9
    r, c = np.mgrid[0:n, 0:n].astype(float)
    dem = 500 - (r + c) * CS * math.tan(math.radians(10)) / math.sqrt(2)
    _, d = T.ls_factor(dem, CS, cap_m=None, channel_area_m2=None)
    assert np.all(np.diag(d["fdir"])[:-1] == T.D8_NAMES.index("SE"))
    np.testing.assert_allclose(np.diag(d["lambda_out"]), math.sqrt(2) * CS * np.arange(1, n + 1))
    lam = n * math.sqrt(2) * CS  # 127.28 m along the diagonal path
    assert np.diag(d["L"]).mean() == pytest.approx((lam / 22.13) ** 0.5, rel=1e-9)


def test_cap_is_respected_and_long_slopes_average_to_the_capped_l():
    # 30 rows × 10 m = 300 m at 10°, cap 95 m. Row 9 straddles the cap (λ_in 90, ℓ 10):
    # L = [(95^1.5 − 90^1.5)/22.13^0.5 + 5·(95/22.13)^0.5]/10; rows ≥ 10 get (95/22.13)^0.5 = 2.071911.
    # The column mean telescopes to [95·(95/22.13)^0.5 + 205·(95/22.13)^0.5]/300 = (95/22.13)^0.5.
    _, d = T.ls_factor(plane_south(10.0, 30), CS, cap_m=95.0, channel_area_m2=None)
    assert np.nanmax(d["lambda_out"]) == 95.0 and np.nanmax(d["lambda_in"]) == 95.0
    capped = (95 / 22.13) ** 0.5
    np.testing.assert_allclose(d["L"][10:], capped)
    straddle = ((95 ** 1.5 - 90 ** 1.5) / 22.13 ** 0.5 + 5 * capped) / 10
    np.testing.assert_allclose(d["L"][9], straddle)
    assert d["L"].mean() == pytest.approx(capped, rel=1e-9)


def test_default_cap_is_100_m():
    _, d = T.ls_factor(plane_south(10.0, 30), CS, channel_area_m2=None)
    assert np.nanmax(d["lambda_out"]) == 100.0


# --- fill, D8, channels, slope breaks ----------------------------------------------------------------

def test_pit_is_filled_and_every_cell_drains_to_the_edge():
    dem = plane_south(5.0, 12, cols=12)
    dem[4:7, 5:8] -= 30.0            # a 3×3 pit, 30 m deep
    dem[9, 2] -= 50.0                # a single-cell pit
    filled = T.fill_depressions(dem)
    assert np.all(filled >= dem)
    untouched = np.ones(dem.shape, bool)
    untouched[4:7, 5:8] = untouched[9, 2] = False
    np.testing.assert_array_equal(filled[untouched], dem[untouched])
    # the pit rises to its spill level (the lowest rim cell), within ulps
    assert filled[5, 6] == pytest.approx(dem[7, 5:8].min(), abs=1e-9)
    fdir = T.flow_direction_d8(filled, CS)
    interior = fdir[1:-1, 1:-1]
    assert np.all(interior >= 0)     # no interior outlet is left
    for r in range(12):
        for c in range(12):
            orow, ocol = follow_to_outlet(fdir, r, c)
            assert orow in (0, 11) or ocol in (0, 11)


def test_closed_bowl_and_flat_drain_to_the_edge():
    r, c = np.mgrid[0:15, 0:15].astype(float)
    bowl = np.hypot(r - 7, c - 7)     # a cone pointing down: everything is one depression
    bowl[6:9, 6:9] = 0.0              # with a flat bottom
    filled = T.fill_depressions(bowl)
    fdir = T.flow_direction_d8(filled, CS)
    assert np.all(fdir[1:-1, 1:-1] >= 0)
    for rr in range(15):
        for cc in range(15):
            orow, ocol = follow_to_outlet(fdir, rr, cc)
            assert orow in (0, 14) or ocol in (0, 14)


def test_nodata_cells_are_edges_and_stay_nan():
    # rows 6– of columns 2–5 are nodata: cell (5, 3) has only nodata below it, so it is an outlet
    # with λ_out = 6 rows × 10 m; slopes next to the hole stay exact (8°).
    dem = plane_south(8.0, 10, cols=8)
    dem[6:, 2:6] = np.nan
    ls, d = T.ls_factor(dem, CS, channel_area_m2=None)
    ok = ~np.isnan(dem)
    assert np.isnan(ls[~ok]).all() and np.isfinite(ls[ok]).all()
    np.testing.assert_allclose(d["slope_deg"][ok], 8.0, atol=1e-9)
    assert d["fdir"][5, 3] == T.NO_FLOW
    assert d["lambda_out"][5, 3] == pytest.approx(60.0)


def test_valley_channel_cells_stop_slope_length():
    # V valley: sides fall 20° towards column 5, the floor falls 5° south. Side cells flow E/W to the
    # floor (cardinal rate tan20° = 0.364 beats the diagonal (tan20°+tan5°)/√2 = 0.319). Each row of
    # 11 cells × 100 m² drains into its floor cell, so floor row r has 1100·(r+1) m²: with a 5000 m²
    # threshold rows 0–3 are hillslope (≤ 4400) and rows ≥ 4 (≥ 5500) channel.
    # Slope breaks are switched off (cut-offs 0) to isolate the channel rule: floor λ_out =
    # 50 (side λ: 5 cells) + 10, then +10 per row: 60, 70, 80, 90; channel cells restart: λ_in 0, λ_out 10.
    rows, half = 10, 5
    r, c = np.mgrid[0:rows, 0:2 * half + 1].astype(float)
    side, floor_slope = math.tan(math.radians(20)), math.tan(math.radians(5))
    dem = 300 + np.abs(c - half) * CS * side + (rows - r) * CS * floor_slope
    _, d = T.ls_factor(dem, CS, cap_m=None, channel_area_m2=5000.0, cutoff_gentle=0.0, cutoff_steep=0.0)
    floor = d["channel"][:, half]
    assert not floor[:4].any() and floor[4:].all()
    assert d["channel"].sum() == rows - 4
    np.testing.assert_allclose(d["accumulation_m2"][:, half], 1100.0 * np.arange(1, rows + 1))
    np.testing.assert_allclose(d["lambda_out"][:4, half], [60, 70, 80, 90])
    np.testing.assert_allclose(d["lambda_in"][4:, half], 0.0)
    np.testing.assert_allclose(d["lambda_out"][4:, half], CS)
    np.testing.assert_allclose(d["lambda_out"][:, half - 1], 50.0)


def test_slope_break_restarts_slope_length():
    # 15° for rows 0–6 then 2°. Horn at row 6 sees (tan15° + tan2°)/2 = 0.151435 → 8.611°; row 7 sees 2°.
    # Row 5 → 6: donor 15° ≥ 2.86°, factor 0.5: 8.61 ≥ 7.5 → passes. Row 6 → 7: donor 8.61°, factor 0.5:
    # 2 < 4.31 → break: λ_in = 0 and λ restarts at row 7. Rows 7 → 8…: 2° donors, factor 0.7, 2 ≥ 1.4.
    k = 6
    z = np.zeros(16)
    for i in range(1, 16):
        z[i] = z[i - 1] - CS * math.tan(math.radians(15 if i <= k else 2))
    dem = z[:, None] + np.zeros((1, 5))
    _, d = T.ls_factor(dem, CS, cap_m=None, channel_area_m2=None)
    col = 2
    assert d["slope_deg"][k, col] == pytest.approx(8.6112, abs=1e-4)
    assert list(np.flatnonzero(d["slope_break"][:, col])) == [k + 1]
    np.testing.assert_allclose(d["lambda_out"][: k + 1, col], CS * np.arange(1, k + 2))
    np.testing.assert_allclose(d["lambda_out"][k + 1:, col], CS * np.arange(1, 16 - k))


def _two_slopes(upper: float, lower: float, k: int = 5, rows: int = 14) -> np.ndarray:
    z = np.zeros(rows)
    for i in range(1, rows):
        z[i] = z[i - 1] - CS * math.tan(math.radians(upper if i <= k else lower))
    return z[:, None] + np.zeros((1, 5))


def test_cut_off_factor_follows_the_donor_slope():
    # 4° then 2°: Horn at row 5 = atan((tan4° + tan2°)/2) = atan(0.052424) = 3.0009° (≥ 2.86°, factor 0.5).
    # Row 5 → 6: 2 ≥ 0.5·3.0009 = 1.50 → passes (a receiver-based factor, 0.7 for 2°, would break: 2 < 2.10).
    _, d = T.ls_factor(_two_slopes(4.0, 2.0), CS, cap_m=None, channel_area_m2=None)
    assert not d["slope_break"].any()
    # 2.5° then 1.2°: Horn at row 5 = atan((tan2.5° + tan1.2°)/2) = atan(0.032304) = 1.8502°, a gentle donor
    # (factor 0.7). Row 4 → 5: 1.85 ≥ 0.7·2.5 = 1.75 passes; row 5 → 6: 1.2 < 0.7·1.85 = 1.295 → break.
    _, d = T.ls_factor(_two_slopes(2.5, 1.2), CS, cap_m=None, channel_area_m2=None)
    assert list(np.flatnonzero(d["slope_break"][:, 2])) == [6]
    np.testing.assert_allclose(d["lambda_in"][6:, 2], CS * np.arange(0, 8))


def test_cancel_stops_ls():
    with pytest.raises(Cancelled):
        T.ls_factor(plane_south(10, 8), CS, monitor=Monitor(None, lambda: True))


def test_random_terrain_is_consistent():
    rng = np.random.default_rng(3)
    from scipy import ndimage
    dem = ndimage.gaussian_filter(rng.normal(size=(120, 90)), 4) * 80 + np.linspace(0, 40, 90)[None, :]
    ls, d = T.ls_factor(dem, CS)
    assert np.isfinite(ls).all() and (ls > 0).all()
    assert np.nanmax(d["lambda_out"]) <= 100.0
    lin, lout = d["lambda_in"], d["lambda_out"]
    assert np.all(lout >= lin) and np.all(lout - lin <= d["flow_len"] + 1e-9)
    # cells downstream of a channel cell are channel cells
    fd = d["fdir"]
    rr, cc = np.nonzero(d["channel"] & (fd >= 0))
    assert d["channel"][rr + T.D8_DROW[fd[rr, cc]], cc + T.D8_DCOL[fd[rr, cc]]].all()


@pytest.mark.skipif(not (REAL / "youwuzhen" / "ywzdem30m.tif").exists(), reason="shared real data absent")
def test_real_dem_youwuzhen():
    rasterio = pytest.importorskip("rasterio")
    with rasterio.open(REAL / "youwuzhen" / "ywzdem30m.tif") as src:
        dem = src.read(1, masked=True).astype(float).filled(np.nan)
        cs = src.res
    ls, d = T.ls_factor(dem, cs)
    ok = ~np.isnan(dem)
    assert np.isfinite(ls[ok]).all() and np.isnan(ls[~ok]).all()
    assert 0.03 <= np.nanmin(ls) and np.nanmax(d["lambda_out"]) <= 100.0
    assert 1.0 < np.nanmean(ls) < 30.0  # hilly 30 m DEM (278–550 m)
