"""End-to-end engine tests of ``accounting``: synthetic rasters → drivers → quantities → values.

Every raster is written with rasterio into ``tmp_path`` as float64 (so 0.04 stays 0.04) on one 10 m grid in
EPSG:4545 (CGCS2000 3° GK, CM 105°E) with its top-left corner at (400000, 3300500); row r, column c is the
cell x ∈ [400000 + 10c, 400000 + 10(c+1)], y ∈ [3300500 − 10(r+1), 3300500 − 10r]. Parcels are squares
aligned to those cells unless stated.

Two areas are in play (state which one a quantity uses):

- planar cell areas (100 m² per cell on the grid): the raster sums RKLS_T, RKLSB_T, RKLSCP_T and so
  Q_SOIL, EROSION, Q_SED, Q_SOIL_N/P (t/a = Σ covered fraction · t/(hm²·a) · 0.01 hm²);
- the ellipsoidal parcel area AREA_M2 (三调 TBMJ convention, GRS 1980): Q_WATER, Q_FLOOD, Q_CO2, Q_O2, Q_AIR_*,
  Q_WQ_*, Q_CLIM, QM_* (through NET_AREA_M2 = AREA_M2 without TBDLMJ) and the denominator of ER_MOD.

At x = 400 100 m (≈ 100 km west of 105°E, 29.82°N) the GK areal scale is 1.000246, so a 100 m × 100 m square is
10 000 m² on the grid but 9 997.54 m² on the ellipsoid: the two differ by 2.5e-4, far above the 1e-9 checks.

Prices are read from the shipped table re-based to 2024 (``ParameterSet.load().rebase(2024).value(key)``);
the formulas are written out by hand in each test.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Optional, Union

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from pyproj import Geod, Proj, Transformer
from rasterio.transform import from_origin

from valuation import rasters, terrain, valuing
from valuation.accounting import AccountingResult, FactorInputs, account, compute_drivers, prepare_parcels
from valuation.errors import ValuationError
from valuation.indicators import all_indicators
from valuation.parameters import ParameterSet

EPSG = "EPSG:4545"
X0, Y0 = 400_000.0, 3_300_500.0
CELL = 10.0
SHAPE = (30, 30)
TRANSFORM = from_origin(X0, Y0, CELL, CELL)
HA_PER_CELL = CELL * CELL / 10_000.0  # 0.01 hm² of planar area per whole cell

#: The uniform inputs of the reference parcel (brief §1).
BASE: dict[str, float] = {"R_FACTOR": 5000.0, "K_FACTOR": 0.04, "LS_FACTOR": 2.0, "VEG_COVER": 0.5,
                          "PRECIP": 1200.0, "ET": 600.0, "STORM_PRECIP": 200.0, "NPP": 600.0}
V_FIELDS = ("V_SED", "V_NP", "V_WATER", "V_FLOOD", "V_CO2", "V_O2", "V_AIR", "V_WQ", "V_CLIM", "V_MAT", "V_CUL")
TOTALS = ("V_REG", "V_TOTAL", "V_TOT_LO", "V_TOT_HI")
Q_FIELDS = ("Q_SOIL", "EROSION", "ER_MOD", "ER_GRADE", "Q_WATER", "Q_CO2", "Q_O2", "Q_SED", "Q_SOIL_N",
            "Q_SOIL_P", "Q_FLOOD", "Q_AIR_SO2", "Q_AIR_NOX", "Q_AIR_DUST", "Q_WQ_COD", "Q_WQ_NH3N", "Q_WQ_TN",
            "Q_WQ_TP", "Q_CLIM", "Q_VISIT")

RasterValue = Union[float, np.ndarray]


# ----- helpers ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def params() -> ParameterSet:
    return ParameterSet.load()


@pytest.fixture(scope="module")
def p24(params: ParameterSet) -> ParameterSet:
    """The shipped set re-based to 2024, for reading prices (account() re-bases to 2024 by default)."""
    return params.rebase(2024)


def write_tif(path: Path, value: RasterValue, shape: tuple[int, int] = SHAPE, crs: str = EPSG,
              transform=TRANSFORM, nodata: Optional[float] = None) -> str:
    """A one-band float64 GeoTIFF: a constant ``value`` over ``shape`` or the array itself."""
    arr = np.full(shape, float(value)) if np.isscalar(value) else np.asarray(value, dtype=np.float64)
    with rasterio.open(path, "w", driver="GTiff", width=arr.shape[1], height=arr.shape[0], count=1,
                       dtype="float64", crs=crs, transform=transform, nodata=nodata) as dst:
        dst.write(arr, 1)
    return str(path)


def factor_inputs(folder: Path, values: dict[str, RasterValue], shape: tuple[int, int] = SHAPE) -> FactorInputs:
    """Write every raster of ``values`` (key → constant or array) into ``folder`` and name them."""
    folder.mkdir(parents=True, exist_ok=True)
    return FactorInputs({k: write_tif(folder / f"{k}.tif", v, shape) for k, v in values.items()})


def cells(col0: int, row0: int, ncols: int, nrows: int) -> shapely.Polygon:
    """The rectangle of whole cells columns col0 … col0+ncols−1, rows row0 … row0+nrows−1."""
    return shapely.box(X0 + col0 * CELL, Y0 - (row0 + nrows) * CELL, X0 + (col0 + ncols) * CELL, Y0 - row0 * CELL)


def parcel_layer(rows: list[tuple[str, str, shapely.Geometry]], **columns: list) -> gpd.GeoDataFrame:
    """A parcels layer in EPSG:4545 from (PARCEL_ID, DLBM, geometry) triples plus extra columns."""
    data = {"PARCEL_ID": [r[0] for r in rows], "DLBM": [r[1] for r in rows], **columns}
    return gpd.GeoDataFrame(data, geometry=[r[2] for r in rows], crs=EPSG)


def run(folder: Path, parcels: gpd.GeoDataFrame, values: dict[str, RasterValue],
        params: ParameterSet, shape: tuple[int, int] = SHAPE, **kw) -> AccountingResult:
    return account(parcels, factor_inputs(folder, values, shape), params, **kw)


def by_id(result: AccountingResult) -> pd.DataFrame:
    return result.parcels.set_index("PARCEL_ID")


def codes(result: AccountingResult) -> list[str]:
    return [n.code for n in result.notices]


def b_cai(f_fraction: np.ndarray | float) -> np.ndarray:
    """蔡崇法's B written out again (not csle.b_from_cover): 0.6508 − 0.3436·lg f% for 0 < f < 78.3 %, else 0/1."""
    pct = np.asarray(f_fraction, dtype=np.float64) * 100.0
    with np.errstate(divide="ignore"):
        b = np.clip(0.6508 - 0.3436 * np.log10(np.where(pct > 0, pct, 1.0)), 0.0, 1.0)
    return np.where(pct >= 78.3, 0.0, np.where(pct <= 0, 1.0, b))


def soil_price(p: ParameterSet) -> float:
    """元 per t of retained soil: λ/ρ·c_dredge (V_SED) + C_N·p_N + C_P·p_P (V_NP).

    At 2024 prices: 0.24/1.125·19.8001 + 0.001·3840.42 + 0.0006·12289.33 = 4.22403 + 3.84042 + 7.37360 = 15.43804.
    """
    return (p.value("lambda_sediment") / p.value("soil_bulk_density") * p.value("dredge_cost")
            + p.value("soil_n_content") * p.value("n_treatment_cost")
            + p.value("soil_p_content") * p.value("p_treatment_cost"))


# ----- 1. one uniform forest parcel, every field by hand ---------------------------------------------------------
def test_uniform_forest_parcel_every_quantity_and_value_by_hand(tmp_path, params, p24):
    # Parcel: columns 10–19, rows 10–19 = x 400100–400200, y 3300300–3300400: 100 whole cells, 1 hm² planar.
    square = cells(10, 10, 10, 10)
    layer = parcel_layer([("F1", "0301", square)], SCOPE_ID=["L1"])
    visitors = pd.DataFrame({"SCOPE_ID": ["L1"], "VISITORS": [1000], "SPEND_PER_VISIT": [50.0]})
    res = run(tmp_path, layer, BASE, params, visitors=visitors)
    row = by_id(res).loc["F1"]
    drv = res.drivers.loc["F1"]
    v = p24.value

    # --- areas. Planar: 100 cells × 100 m² = 10 000 m² exactly. Ellipsoidal: the corners in lon/lat on GRS 1980
    # measured with Geod, ≈ 9 997.54 m²; the engine's own computation for a parcel this small, repeated here:
    # 10 000 / the projection's areal scale at the centroid (1.000246), the same to ~1e-11.
    assert square.area == 10_000.0
    tr = Transformer.from_crs(EPSG, "EPSG:4490", always_xy=True)
    lon, lat = tr.transform(*np.asarray(square.exterior.coords).T)
    area = abs(Geod(ellps="GRS80").polygon_area_perimeter(lon, lat)[0])
    assert row["AREA_M2"] == pytest.approx(area, rel=1e-9)
    scale = Proj(EPSG).get_factors(*tr.transform(square.centroid.x, square.centroid.y)).areal_scale
    assert row["AREA_M2"] == pytest.approx(10_000.0 / scale, rel=1e-12)
    assert abs(area / 10_000.0 - 1.0) > 2e-4  # the two areas really differ: the checks below tell them apart
    km2, hm2 = area / 1e6, area / 1e4

    # --- soil (planar). A_p = R·K·LS = 5000·0.04·2.0 = 400 t/(hm²·a) per cell × 1 hm² → RKLS_T = 400 t/a.
    # B = 0.6508 − 0.3436·lg 50 = 0.6508 − 0.3436·1.698970 = 0.0670339; forest, GDLX blank → E = e_factor.PD = 1:
    # A = 400·B·1 = 26.8136 t/a; Q_SOIL = A_p − A = 400·(1 − B) = 373.186 t/a.
    rkls = 5000.0 * 0.04 * 2.0 * 1.0
    b = 0.6508 - 0.3436 * math.log10(50.0)
    assert v("e_factor.PD") == 1.0
    assert drv["RKLS_T"] == pytest.approx(rkls, rel=1e-12)
    assert drv["RKLSB_T"] == pytest.approx(rkls * b, rel=1e-12)
    assert drv["VEG_COVER"] == pytest.approx(0.5, rel=1e-12)
    erosion = rkls * b * v("e_factor.PD")
    q_soil = rkls - erosion
    assert row["EROSION"] == pytest.approx(erosion, rel=1e-9)
    assert row["Q_SOIL"] == pytest.approx(q_soil, rel=1e-9)
    # ER_MOD = A / AREA(km², ellipsoidal) = 26.8136 / 0.00999754 = 2682.02 t/(km²·a): 2500 ≤ 2682 < 5000 → grade 3.
    assert row["ER_MOD"] == pytest.approx(erosion / km2, rel=1e-9)
    assert row["ER_MOD"] != pytest.approx(erosion / 0.01, rel=1e-6)  # not the planar 2681.36
    assert row["ER_GRADE"] == 3
    # Q_SED = λ·Q/ρ = 0.24·373.186/1.125 = 79.613 m³/a; V_SED = Q_SED·19.76·(152.91/152.6) = 79.613·19.800 = 1576.35.
    q_sed = v("lambda_sediment") * q_soil / v("soil_bulk_density")
    assert row["Q_SED"] == pytest.approx(q_sed, rel=1e-9)
    assert row["V_SED"] == pytest.approx(q_sed * v("dredge_cost"), rel=1e-9)
    # V_NP = Q·C_N·p_N + Q·C_P·p_P = 373.186·(0.001·3840.42 + 0.0006·12289.33) = 4184.92 元/a.
    assert row["Q_SOIL_N"] == pytest.approx(q_soil * 0.001, rel=1e-9)
    assert row["Q_SOIL_P"] == pytest.approx(q_soil * 0.0006, rel=1e-9)
    v_np = q_soil * (v("soil_n_content") * v("n_treatment_cost") + v("soil_p_content") * v("p_treatment_cost"))
    assert row["V_NP"] == pytest.approx(v_np, rel=1e-9)

    # --- water (ellipsoidal). Q_WATER = (P − α·P − ET)·A·10⁻³ = (1200 − 0.0267·1200 − 600)·9997.54/1000
    # = 567.96·9.99754 = 5678.20 m³/a; V_WATER = Q·7.06·(152.91/115.55) = 5678.20·9.3427 = 53 049.5.
    q_water = (1200.0 - v("runoff_coef.forest") * 1200.0 - 600.0) * area * 1e-3
    assert row["Q_WATER"] == pytest.approx(q_water, rel=1e-9)
    assert row["V_WATER"] == pytest.approx(q_water * v("reservoir_unit_cost"), rel=1e-9)
    # Q_FLOOD = STORM·(1 − c_storm)·A·10⁻³ = 200·(1 − 0.4)·9.99754 = 1199.70 m³/a (forest is no water body).
    q_flood = 200.0 * (1.0 - v("storm_runoff_coef.forest")) * area * 1e-3
    assert row["Q_FLOOD"] == pytest.approx(q_flood, rel=1e-9)
    assert row["V_FLOOD"] == pytest.approx(q_flood * v("reservoir_unit_cost"), rel=1e-9)

    # --- carbon (ellipsoidal). DM = NPP/0.45·A·10⁻⁶ = 600/0.45·0.00999754 = 13.3300 t/a;
    # Q_CO2 = 1.63·DM = 21.728 t/a (V = ·29.63); Q_O2 = 1.19·DM = 15.863 t/a (V = ·1000·152.91/112.65 = ·1357.39).
    dm = 600.0 / v("c_to_dry_matter") * area * 1e-6
    assert row["Q_CO2"] == pytest.approx(v("co2_per_npp") * dm, rel=1e-9)
    assert row["Q_O2"] == pytest.approx(v("o2_per_npp") * dm, rel=1e-9)
    assert row["V_CO2"] == pytest.approx(v("co2_per_npp") * dm * v("carbon_price"), rel=1e-9)
    assert row["V_O2"] == pytest.approx(v("o2_per_npp") * dm * v("oxygen_price"), rel=1e-9)

    # --- air (ellipsoidal). Q_x = cap_x·A_hm²/1000: SO2 88.65, NOx 6.0, dust 11 400 kg/(hm²·a) × 0.999754 hm²;
    # V_AIR = 0.0886 t·3772.8 + 0.0060 t·3772.8 + 11.397 t·896.10 = 10 570.0 元/a.
    caps = {x: v(f"air_cap_{x}.forest") for x in ("so2", "nox", "dust")}
    assert caps == {"so2": 88.65, "nox": 6.0, "dust": 11400.0}
    assert row["Q_AIR_DUST"] == pytest.approx(11400.0 * hm2 / 1000.0, rel=1e-9)
    v_air = sum(caps[x] * hm2 / 1000.0 * v(f"price_{x}") for x in caps)
    assert row["V_AIR"] == pytest.approx(v_air, rel=1e-9)
    # --- water purification: forest has no wq_removal row → 0.
    assert row["V_WQ"] == 0.0 and row["Q_WQ_COD"] == 0.0

    # --- climate (ellipsoidal). W = ET·10⁻³·A·60/365 = 0.6·9997.54·60/365 = 986.06 m³;
    # Q_CLIM = W·10⁶·2450/3.6·10⁶/3 = 223 689 kWh/a; V_CLIM = ·0.52·152.91/152.6 = 116 554.7 元/a.
    w = 600.0 * 1e-3 * area * v("clim_hot_days") / 365.0
    q_clim = w * 1e6 * v("latent_heat") / 3.6e6 / v("ac_eer")
    assert row["Q_CLIM"] == pytest.approx(q_clim, rel=1e-9)
    assert row["V_CLIM"] == pytest.approx(q_clim * v("electricity_price"), rel=1e-9)

    # --- material (NET_AREA_M2 = AREA_M2, ellipsoidal): 0301 → timber 4.5 m³/hm² · 0.999754 hm² = 4.4989 m³/a,
    # × 414.88·(152.91/130.77) = 485.12 元/m³ → V_MAT = 2182.51 元/a (gross mode).
    q_timber = v("mat_yield.timber") * hm2
    assert row["QM_TIMBER"] == pytest.approx(q_timber, rel=1e-9)
    assert row["V_MAT"] == pytest.approx(q_timber * v("mat_price.timber"), rel=1e-9)

    # --- cultural: the only parcel of lot L1 gets all 1000 visits × 50 元 (price year 2024 = target) = 50 000 元/a.
    assert row["Q_VISIT"] == pytest.approx(1000.0, rel=1e-12)
    assert row["V_CUL"] == pytest.approx(50_000.0, rel=1e-9)

    # --- totals: V_REG = SED + NP + WATER + FLOOD + CO2 + O2 + AIR + WQ + CLIM; V_TOTAL = V_REG + V_MAT + V_CUL.
    v_reg = (q_sed * v("dredge_cost") + v_np + q_water * v("reservoir_unit_cost")
             + q_flood * v("reservoir_unit_cost") + dm * (v("co2_per_npp") * v("carbon_price")
                                                          + v("o2_per_npp") * v("oxygen_price"))
             + v_air + q_clim * v("electricity_price"))
    assert row["V_REG"] == pytest.approx(v_reg, rel=1e-9)
    assert row["V_TOTAL"] == pytest.approx(v_reg + q_timber * v("mat_price.timber") + 50_000.0, rel=1e-9)
    assert row["V_PER_MU"] == pytest.approx(row["V_TOTAL"] / (row["AREA_M2"] * 15 / 10_000), rel=1e-12)
    # no terrace and no baseline raster: the baseline equals the current state
    assert row["DV_TOTAL"] == 0.0 and row["DQ_SOIL"] == 0.0
    # SI units: no unit warnings
    assert not {"k_us_units", "r_us_units", "r_unexpected_magnitude"} & set(codes(res))


# ----- 2. zonal sums over irregular parcels ----------------------------------------------------------------------
def voronoi_parcels(seed: int = 7, n: int = 9) -> tuple[list[shapely.Polygon], shapely.Polygon]:
    """``n`` Voronoi cells of random points clipped to an irregular pentagon whose edges cut cells."""
    rng = np.random.default_rng(seed)
    outline = shapely.Polygon([(X0 + 33.3, Y0 - 41.7), (X0 + 251.9, Y0 - 28.4), (X0 + 268.2, Y0 - 197.5),
                               (X0 + 140.6, Y0 - 263.1), (X0 + 47.5, Y0 - 230.8)])
    pts = shapely.multipoints(np.column_stack([X0 + rng.uniform(50, 250, n), Y0 - rng.uniform(50, 250, n)]))
    regions = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=outline.buffer(200.0)))
    return [shapely.intersection(r, outline) for r in regions], outline


def cell_box_areas(geom: shapely.Geometry, shape: tuple[int, int] = SHAPE) -> np.ndarray:
    """Exact area (m²) of geom ∩ each grid cell, by shapely, as a (rows, cols) array."""
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]]
    boxes = shapely.box(X0 + cols * CELL, Y0 - (rows + 1) * CELL, X0 + (cols + 1) * CELL, Y0 - rows * CELL)
    with np.errstate(invalid="ignore"):  # GEOS leaves a harmless floating-point flag on some clips
        return shapely.area(shapely.intersection(geom, boxes))


def test_parcel_sums_equal_the_raster_total_over_their_union_with_partial_cells(tmp_path, params):
    rng = np.random.default_rng(11)
    r = rng.uniform(3000.0, 8000.0, SHAPE)
    k = rng.uniform(0.02, 0.06, SHAPE)
    ls = rng.uniform(0.5, 12.0, SHAPE)
    cover = rng.uniform(0.01, 0.99, SHAPE)  # both sides of the 78.3 % cut of B
    geoms, outline = voronoi_parcels()
    layer = parcel_layer([(f"V{i}", "0301", g) for i, g in enumerate(geoms)])
    inputs = factor_inputs(tmp_path, {"R_FACTOR": r, "K_FACTOR": k, "LS_FACTOR": ls, "VEG_COVER": cover})
    d, _, _, _, _ = compute_drivers(prepare_parcels(layer, "DLBM", "PARCELS"), inputs, params)
    res = account(layer, inputs, params)
    q = by_id(res)

    # Independent: per cell, a = area(parcel ∩ cell) by shapely (m²); RKLS_T = Σ a/10⁴·R·K·LS (t/a),
    # Q_SOIL = Σ a/10⁴·R·K·LS·(1 − B(cover)) (forest, E = 1).
    rkls = r * k * ls
    keep = rkls * (1.0 - b_cai(cover))
    union = cell_box_areas(outline)
    partial = (union > 1e-6) & (union < CELL * CELL - 1e-6)
    assert partial.sum() > 40  # the outline really cuts cells: partial cells are in play
    for i, g in enumerate(geoms):
        a = cell_box_areas(g)
        assert d.loc[f"V{i}", "RKLS_T"] == pytest.approx((a * rkls).sum() / 1e4, rel=1e-6)
        assert q.loc[f"V{i}", "Q_SOIL"] == pytest.approx((a * keep).sum() / 1e4, rel=1e-6)
    # Σ over the parcels = the raster total over their union (the outline), edge cells pro rata.
    assert d["RKLS_T"].sum() == pytest.approx((union * rkls).sum() / 1e4, rel=1e-6)
    assert q["Q_SOIL"].sum() == pytest.approx((union * keep).sum() / 1e4, rel=1e-6)
    # and the union holds partial cells worth a few percent of the total: counting them whole (or dropping
    # them) would miss by far more than the tolerance
    assert (partial * rkls * CELL * CELL).sum() / (union * rkls).sum() > 0.05


# ----- 3. non-eroding land ---------------------------------------------------------------------------------------
def test_soil_conservation_is_zero_on_water_built_up_and_paddy_but_not_on_forest(tmp_path, params):
    kinds = ["0301", "1101", "1103", "1104", "0702", "1006", "0101"]
    layer = parcel_layer([(f"P{c}", c, cells(2 + 4 * (i % 6), 2 + 6 * (i // 6), 3, 3)) for i, c in enumerate(kinds)])
    res = run(tmp_path, layer, BASE, params)
    t, d = by_id(res), res.drivers
    # every parcel sits on the same rasters: A_p = 400 t/(hm²·a) × 9 cells × 0.01 hm² = 36 t/a everywhere
    np.testing.assert_allclose(d["RKLS_T"], 36.0, rtol=1e-12)
    # forest: Q = 36·(1 − B(50 %)) = 36·0.932966 = 33.587 t/a > 0
    assert t.loc["P0301", "Q_SOIL"] == pytest.approx(36.0 * (1 - (0.6508 - 0.3436 * math.log10(50))), rel=1e-9)
    assert t.loc["P0301", ["V_SED", "V_NP"]].gt(0).all()
    for c in kinds[1:]:
        assert t.loc[f"P{c}", ["Q_SOIL", "EROSION", "Q_SED", "V_SED", "V_NP"]].eq(0.0).all(), c
        assert "V_SED" in t.loc[f"P{c}", "SKIPPED"].split(";") and "V_NP" in t.loc[f"P{c}", "SKIPPED"].split(";")
        assert t.loc[f"P{c}", "ER_GRADE"] == 1  # modulus 0 → 微度, not "no data"


# ----- 4. SWC increment over the baseline --------------------------------------------------------------------------
def test_increment_of_a_terrace_and_of_a_baseline_cover(tmp_path, params, p24):
    layer = parcel_layer([("TT", "0103", cells(2, 2, 10, 10)), ("PD", "0103", cells(14, 2, 10, 10)),
                          ("F", "0301", cells(2, 14, 10, 10))], GDLX=["TT", "PD", ""])
    price = soil_price(p24)
    e_tt, t_crop = p24.value("e_factor.TT"), p24.value("t_factor.cropland")

    # (a) no baseline rasters: baseline = terraces back to E = e_factor_baseline = 1.
    res = run(tmp_path / "a", layer, BASE, params)
    t = by_id(res)
    # terrace (cropland: T, not B): A = R·K·LS·E_TT·T = 400·0.121·1 = 48.4 t/a, Q = 351.6; baseline A = 400·1·1,
    # Q_base = 0 → DQ_SOIL = 400·T·(1 − E_TT) = 351.6 t/a; DV_TOTAL = 351.6·(0.24/1.125·19.80 + 0.001·3840.42
    # + 0.0006·12289.33) = 351.6·15.43804 = 5428.0 元/a (only V_SED and V_NP move).
    assert p24.value("e_factor_baseline") == 1.0
    dq = 400.0 * t_crop * (1.0 - e_tt)
    assert t.loc["TT", "Q_SOIL"] == pytest.approx(400.0 - 400.0 * e_tt * t_crop, rel=1e-9)
    assert t.loc["TT", "DQ_SOIL"] == pytest.approx(dq, rel=1e-9)
    assert t.loc["TT", "DV_TOTAL"] == pytest.approx(dq * price, rel=1e-9)
    assert t.loc["TT", "V_TOT_BASE"] == pytest.approx(t.loc["TT", "V_TOTAL"] - dq * price, rel=1e-9)
    # sloping cropland: A = 400·1·1 = A_p → Q = 0, and nothing to add over the baseline
    assert t.loc["PD", "Q_SOIL"] == 0.0 and t.loc["PD", "DV_TOTAL"] == 0.0
    # forest without terrace and without baseline rasters: baseline = current
    assert t.loc["F", "Q_SOIL"] > 0 and t.loc["F", "DV_TOTAL"] == 0.0 and t.loc["F", "DQ_SOIL"] == 0.0

    # cropland uses T, not B: another VEG_COVER leaves the terrace unchanged but moves the forest
    res_c = run(tmp_path / "c", layer, {**BASE, "VEG_COVER": 0.2}, params)
    tc = by_id(res_c)
    assert tc.loc["TT", "Q_SOIL"] == t.loc["TT", "Q_SOIL"] and tc.loc["TT", "V_TOTAL"] == t.loc["TT", "V_TOTAL"]
    assert tc.loc["F", "Q_SOIL"] < t.loc["F", "Q_SOIL"]

    # (b) BASELINE_VEG_COVER = 0.2 < current 0.5: forest baseline A = 400·B(20 %) with B(20 %) = 0.6508 −
    # 0.3436·lg 20 = 0.203775 (vs B(50 %) = 0.067034) → DQ = 400·0.3436·lg 2.5 = 400·0.136732 = 54.693 t/a;
    # DV_TOTAL = 54.693·15.43804 = 844.35 元/a. The terrace's baseline keeps using T (its DV is as in (a)).
    res_b = run(tmp_path / "b", layer, {**BASE, "BASELINE_VEG_COVER": 0.2}, params)
    tb = by_id(res_b)
    dq_f = 400.0 * ((0.6508 - 0.3436 * math.log10(20.0)) - (0.6508 - 0.3436 * math.log10(50.0)))
    assert dq_f == pytest.approx(400.0 * 0.3436 * math.log10(2.5), rel=1e-12)
    assert tb.loc["F", "DQ_SOIL"] == pytest.approx(dq_f, rel=1e-9)
    assert tb.loc["F", "DV_TOTAL"] == pytest.approx(dq_f * price, rel=1e-9)
    assert tb.loc["F", "DV_TOTAL"] > 0
    assert tb.loc["TT", "DV_TOTAL"] == pytest.approx(dq * price, rel=1e-9)
    assert tb.loc["F", "V_TOTAL"] == t.loc["F", "V_TOTAL"]  # the baseline never changes the current value
    assert (res_b.provenance["key"] == "input_BASELINE_VEG_COVER").any()


# ----- 5. dependency matrix ----------------------------------------------------------------------------------------
SOIL = {"V_SED", "V_NP"}
#: The values each raster moves, stated: soil (V_SED, V_NP) reads R·K·LS sums; V_CO2/V_O2 read NPP; V_WATER reads P
#: and ET; V_CLIM reads ET; V_FLOOD reads storm rain. V_AIR, V_WQ, V_MAT and V_CUL read no raster.
DEPENDS: dict[str, set[str]] = {
    "R_FACTOR": SOIL, "K_FACTOR": SOIL, "LS_FACTOR": SOIL, "CP_FACTOR": SOIL, "VEG_COVER": SOIL,
    "NPP": {"V_CO2", "V_O2"}, "PRECIP": {"V_WATER"}, "ET": {"V_WATER", "V_CLIM"}, "STORM_PRECIP": {"V_FLOOD"},
}
#: Driver columns each raster feeds in compute_drivers (R, K and LS enter every R·K·LS product).
RASTER_DRIVERS: dict[str, set[str]] = {
    **{k: {"RKLS_T", "RKLSB_T", "RKLSCP_T"} for k in ("R_FACTOR", "K_FACTOR", "LS_FACTOR")},
    "VEG_COVER": {"RKLSB_T", "VEG_COVER"}, "CP_FACTOR": {"RKLSCP_T"}, "NPP": {"NPP_GC_M2"}, "PRECIP": {"P_MM"},
    "ET": {"ET_MM"}, "STORM_PRECIP": {"STORM_MM"},
}


def depends_from_specs(key: str) -> set[str]:
    """The V_* whose indicator spec reads (``Indicator.inputs``) a driver column the raster feeds."""
    return {s.id for s in all_indicators() if RASTER_DRIVERS[key] & set(s.inputs)}


#: The quantity fields behind each value that a raster can move.
Q_OF: dict[str, set[str]] = {
    "V_SED": {"Q_SOIL", "EROSION", "ER_MOD", "ER_GRADE", "Q_SED", "Q_SOIL_N", "Q_SOIL_P"},
    "V_WATER": {"Q_WATER"}, "V_FLOOD": {"Q_FLOOD"}, "V_CO2": {"Q_CO2"}, "V_O2": {"Q_O2"}, "V_CLIM": {"Q_CLIM"},
}
Q_OF["V_NP"] = Q_OF["V_SED"]
#: Inputs whose values enter their V_* linearly: +10 % gives exactly ×1.1 there.
LINEAR = {"R_FACTOR", "K_FACTOR", "LS_FACTOR", "NPP", "STORM_PRECIP"}


def dependency_layer() -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Forest, terraced cropland and a fish pond, in one lot with visitors, so every V_* is non-zero somewhere."""
    layer = parcel_layer([("F", "0301", cells(2, 2, 8, 8)), ("TT", "0103", cells(14, 2, 8, 8)),
                          ("W", "1104", cells(2, 14, 8, 8))], GDLX=["", "TT", ""], SCOPE_ID=["L1"] * 3)
    visitors = pd.DataFrame({"SCOPE_ID": ["L1"], "VISITORS": [500], "SPEND_PER_VISIT": [80.0]})
    return layer, visitors


def changed_fields(a: pd.DataFrame, b: pd.DataFrame) -> set[str]:
    return {f for f in (*V_FIELDS, *TOTALS) if not np.allclose(a[f], b[f], rtol=1e-12, atol=0.0)}


@pytest.mark.parametrize("with_cp", [True, False], ids=["with_CP", "without_CP"])
def test_each_raster_changes_exactly_the_values_that_depend_on_it(tmp_path, params, with_cp):
    layer, visitors = dependency_layer()
    values = {**BASE, **({"CP_FACTOR": 0.1} if with_cp else {})}
    base = by_id(run(tmp_path / "base", layer, values, params, visitors=visitors))
    # every V_* is non-zero on some parcel, so a leak into any of them would show
    for f in V_FIELDS:
        assert base[f].abs().max() > 0, f
    # the stated table agrees with the specs …
    assert {k: depends_from_specs(k) for k in DEPENDS} == DEPENDS
    depends = dict(DEPENDS)
    if with_cp:  # … except that a CP raster replaces B·E·T (A = R·K·LS·CP), so cover then moves no value
        depends["VEG_COVER"] = set()
    else:  # without CP, A = R·K·LS·B(cover)·E off cropland and R·K·LS·E·T on it
        del depends["CP_FACTOR"]
    for key, expected in depends.items():
        bumped = by_id(run(tmp_path / key, layer, {**values, key: values[key] * 1.1}, params, visitors=visitors))
        want = set(expected) | (set(TOTALS) if expected else set())
        assert changed_fields(base, bumped) == want, key
        free = set(Q_FIELDS).difference(*(Q_OF[f] for f in expected))
        for f in sorted(free):  # the quantities behind the other values are bit-for-bit the same
            np.testing.assert_array_equal(base[f].to_numpy(), bumped[f].to_numpy(), err_msg=f"{key}: {f}")
        if key in LINEAR:  # where a value moves it scales by exactly 1.1 (e.g. the pond's V_FLOOD is storage,
            for f in expected:  # not storm retention: it stays); on the forest every such value moves
                moved = bumped[f] != base[f]
                assert moved["F"], (key, f)
                np.testing.assert_allclose(bumped.loc[moved, f], 1.1 * base.loc[moved, f], rtol=1e-9,
                                           err_msg=f"{key}: {f}")


# ----- 6. CPI re-basing and a parameter override -------------------------------------------------------------------
def mixed_layer() -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Seven land uses in two lots: forest, orchard, terraced and sloping dry land, paddy, pond, homestead."""
    kinds = [("F", "0301", "", "A"), ("O", "0201", "", "A"), ("TT", "0103", "TT", "A"), ("PD", "0103", "PD", "B"),
             ("R", "0101", "", "B"), ("W", "1104", "", "B"), ("H", "0702", "", "A")]
    rows = [(pid, dlbm, cells(1 + 7 * (i % 4), 1 + 10 * (i // 4), 6, 4 + i)) for i, (pid, dlbm, _, _) in
            enumerate(kinds)]
    layer = parcel_layer(rows, GDLX=[k[2] for k in kinds], SCOPE_ID=[k[3] for k in kinds])
    visitors = pd.DataFrame({"SCOPE_ID": ["A", "B"], "VISITORS": [2000, 700], "SPEND_PER_VISIT": [60.0, 95.0]})
    return layer, visitors


def test_cpi_rebasing_scales_every_value_and_no_quantity(tmp_path, params):
    layer, visitors = mixed_layer()
    inputs = factor_inputs(tmp_path, BASE)
    r24 = by_id(account(layer, inputs, params, visitors=visitors))
    r20 = by_id(account(layer, inputs, params, visitors=visitors, price_year=2020))
    # every priced row is re-based from its own year: x·cpi_t/cpi_y, so 2020 vs 2024 is cpi_2020/cpi_2024
    # = 147.98/152.91 = 0.967759 for every value, whatever the row's year (the visitors' spend is in the
    # target year, so it is re-based too).
    ratio = params.value("cpi_2020") / params.value("cpi_2024")
    assert ratio == pytest.approx(147.98 / 152.91, rel=1e-12) and abs(ratio - 1) > 0.03
    for f in (*V_FIELDS, *TOTALS, "DV_TOTAL", "V_TOT_BASE", "V_PER_MU"):
        np.testing.assert_allclose(r20[f], r24[f] * ratio, rtol=1e-9, err_msg=f)
    for f in (*Q_FIELDS, "QM_TIMBER", "QM_FISH", "QM_RICE", "QM_MAIZE", "QM_CITRUS", "DQ_SOIL", "AREA_M2"):
        np.testing.assert_array_equal(r20[f].to_numpy(), r24[f].to_numpy(), err_msg=f)
    assert r24["V_TOTAL"].gt(0).sum() >= 6


def test_dredge_cost_override_changes_only_v_sed_and_the_totals(tmp_path, params, p24):
    layer, visitors = mixed_layer()
    inputs = factor_inputs(tmp_path, BASE)
    base = by_id(account(layer, inputs, params, visitors=visitors))
    over = params.with_overrides({"dredge_cost": 30.0})
    new = by_id(account(layer, inputs, over, visitors=visitors))
    # the override keeps the row's price year (2023): V_SED = Q_SED·30·152.91/152.6 = Q_SED·30.0609
    c = 30.0 * params.value("cpi_2024") / params.value("cpi_2023")
    np.testing.assert_allclose(new["V_SED"], base["Q_SED"] * c, rtol=1e-9)
    assert changed_fields(base, new) == {"V_SED", *TOTALS}
    np.testing.assert_allclose(new["V_TOTAL"] - base["V_TOTAL"], new["V_SED"] - base["V_SED"], rtol=1e-9,
                               atol=1e-6)
    # without value_low/high the override replaces the whole range: the low total moves from 12.6 to 30
    low_old = params.value("dredge_cost", "low") * params.value("cpi_2024") / params.value("cpi_2023")
    np.testing.assert_allclose(new["V_TOT_LO"] - base["V_TOT_LO"], base["Q_SED"] * (c - low_old), rtol=1e-9,
                               atol=1e-6)
    for f in Q_FIELDS:
        np.testing.assert_array_equal(new[f].to_numpy(), base[f].to_numpy(), err_msg=f)
    assert p24.value("dredge_cost") != pytest.approx(c)


# ----- 7. provenance is enough to recompute V_TOTAL -----------------------------------------------------------------
@pytest.mark.parametrize("overrides", [{}, {"material_net_mode": 1, "carbon_sink_sold": 1}],
                         ids=["default", "net_material_carbon_sold"])
def test_total_recomputed_from_the_provenance_rows(tmp_path, params, overrides):
    layer, visitors = mixed_layer()
    p = params.with_overrides(overrides) if overrides else params
    res = run(tmp_path, layer, BASE, p, visitors=visitors)
    prov = res.provenance[res.provenance["kind"] == "parameter"]
    assert (res.provenance["kind"] == "run").any()  # run facts are there too, and recompute ignores them
    for _, row in res.parcels.iterrows():
        for scenario, col in (("central", "V_TOTAL"), ("low", "V_TOT_LO"), ("high", "V_TOT_HI")):
            got = valuing.recompute_total(row, prov, scenario)
            assert got == pytest.approx(row[col], rel=1e-9, abs=1e-9), (row["PARCEL_ID"], scenario)
            assert valuing.recompute_total(row, res.provenance, scenario) == got
    t = by_id(res)
    if overrides:  # the switches really act: V_CO2 is out and the material value is net
        assert t["V_CO2"].eq(0).all() and t["Q_CO2"].gt(0).any()
    assert t["V_TOTAL"].gt(0).sum() >= 6 and t["V_CUL"].gt(0).sum() >= 5


# ----- 8. bad input ------------------------------------------------------------------------------------------------
def two_squares() -> gpd.GeoDataFrame:
    return parcel_layer([("IN", "0301", cells(2, 2, 6, 6)), ("EDGE", "0301", cells(10, 10, 10, 10))])


def test_raster_not_covering_names_the_parcels_or_values_the_covered_part(tmp_path, params):
    layer = two_squares()
    # R covers columns 0–14 only: EDGE (columns 10–19) is half covered, IN wholly
    half = factor_inputs(tmp_path, BASE)
    half.paths["R_FACTOR"] = write_tif(tmp_path / "R_half.tif", 5000.0, shape=(30, 15))
    with pytest.raises(ValuationError) as err:
        account(layer, half, params)
    assert err.value.code == "raster_not_covering"
    assert err.value.params["raster"] == "R_FACTOR"
    assert err.value.params["parcels"] == "EDGE (50.0 %)"
    res = account(layer, half, params, covered_only=True)
    partial = [n for n in res.notices if n.code == "raster_partial"]
    assert len(partial) == 1 and partial[0].params == {"raster": "R_FACTOR", "parcels": "EDGE (50.0 %)"}
    # the covered half is valued: 50 cells × 400 t/(hm²·a) × 0.01 hm² = 200 t/a of potential erosion
    assert res.drivers.loc["EDGE", "RKLS_T"] == pytest.approx(200.0, rel=1e-12)
    assert res.drivers.loc["IN", "RKLS_T"] == pytest.approx(36 * 4.0, rel=1e-12)
    b = 0.6508 - 0.3436 * math.log10(50.0)
    assert by_id(res).loc["EDGE", "Q_SOIL"] == pytest.approx(200.0 * (1 - b), rel=1e-9)


def test_nodata_inside_a_parcel_is_reported(tmp_path, params):
    layer = two_squares()
    k = np.full(SHAPE, 0.04)
    k[12:14, 12:14] = -9999.0  # 4 of EDGE's 100 cells
    inputs = factor_inputs(tmp_path, BASE)
    inputs.paths["K_FACTOR"] = write_tif(tmp_path / "K_holes.tif", k, nodata=-9999.0)
    with pytest.raises(ValuationError) as err:
        account(layer, inputs, params)
    assert err.value.code == "raster_not_covering" and err.value.params["raster"] == "K_FACTOR"
    assert err.value.params["parcels"] == "EDGE (96.0 %)"
    res = account(layer, inputs, params, covered_only=True)
    assert [n.params["parcels"] for n in res.notices if n.code == "raster_partial"] == ["EDGE (96.0 %)"]
    assert res.drivers.loc["EDGE", "RKLS_T"] == pytest.approx(96 * 4.0, rel=1e-12)


def test_raster_in_geographic_cgcs2000_gives_the_same_values(tmp_path, params):
    layer = two_squares()
    # R is a plane in the projected coordinates, R = 4000 + 3·(x − X0) + 2·(Y0 − y); written (a) on the 4545
    # grid at its cell centres and (b) on a 0.0001° EPSG:4490 grid at its cell centres (≈ 9.7 × 11.1 m).
    rows, cols = np.mgrid[0:SHAPE[0], 0:SHAPE[1]]
    xc, yc = X0 + (cols + 0.5) * CELL, Y0 - (rows + 0.5) * CELL
    r_proj = 4000.0 + 3.0 * (xc - X0) + 2.0 * (Y0 - yc)
    to_geo = Transformer.from_crs(EPSG, "EPSG:4490", always_xy=True)
    lon0, lat0, lon1, lat1 = to_geo.transform_bounds(X0 - 50, Y0 - 350, X0 + 350, Y0 + 50)
    d = 1e-4
    nx, ny = math.ceil((lon1 - lon0) / d), math.ceil((lat1 - lat0) / d)
    glon, glat = np.meshgrid(lon0 + (np.arange(nx) + 0.5) * d, lat1 - (np.arange(ny) + 0.5) * d)
    gx, gy = Transformer.from_crs("EPSG:4490", EPSG, always_xy=True).transform(glon, glat)
    r_geo = 4000.0 + 3.0 * (gx - X0) + 2.0 * (Y0 - gy)
    proj_in = factor_inputs(tmp_path / "proj", {**BASE, "R_FACTOR": r_proj})
    geo_in = factor_inputs(tmp_path / "geo", BASE)
    geo_in.paths["R_FACTOR"] = write_tif(tmp_path / "R_4490.tif", r_geo, shape=r_geo.shape, crs="EPSG:4490",
                                         transform=from_origin(lon0, lat1, d, d))
    a, b = account(layer, proj_in, params), account(layer, geo_in, params)
    # IN: Σ R over its 36 cells: the plane's mean at the centre (x − X0 = 50, Y0 − y = 50) = 4250 → 36·4250·4·0.01
    assert a.drivers.loc["IN", "RKLS_T"] == pytest.approx(36 * 4250.0 * 0.04 * 2.0 * 0.01, rel=1e-12)
    np.testing.assert_allclose(b.drivers["RKLS_T"], a.drivers["RKLS_T"], rtol=1e-6)
    np.testing.assert_allclose(by_id(b)["V_TOTAL"], by_id(a)["V_TOTAL"], rtol=1e-6)
    assert rasters.same_crs(b.grid.crs, EPSG) and b.grid == a.grid  # still the LS grid, in the parcels' CRS


def test_no_ls_and_no_dem_is_an_error(tmp_path, params):
    values = {k: v for k, v in BASE.items() if k != "LS_FACTOR"}
    with pytest.raises(ValuationError) as err:
        run(tmp_path, two_squares(), values, params)
    assert err.value.code == "no_ls_source"


def test_unknown_land_use_codes_are_listed(tmp_path, params):
    layer = parcel_layer([("A", "0301", cells(2, 2, 3, 3)), ("B", "9999", cells(6, 2, 3, 3)),
                          ("C", "12X", cells(10, 2, 3, 3)), ("D", "9999", cells(14, 2, 3, 3))])
    with pytest.raises(ValuationError) as err:
        run(tmp_path, layer, BASE, params)
    assert err.value.code == "unknown_landuse"
    assert err.value.params["codes"] == "12X, 9999"
    assert err.value.params["parcels"] == "B, C, D"
    # kept as "unknown" on request: valued as nothing eroding and no soil value
    res = run(tmp_path / "keep", layer, BASE, params, keep_unknown=True)
    t = by_id(res)
    assert list(t["ECO_TYPE"]) == ["forest", "unknown", "unknown", "unknown"]
    assert t.loc[["B", "C", "D"], ["Q_SOIL", "V_SED", "V_NP"]].eq(0).all().all()


@pytest.mark.parametrize("key, value, code", [("K_FACTOR", 0.28, "k_us_units"), ("R_FACTOR", 340.0, "r_us_units")])
def test_unit_warnings_for_us_customary_k_and_r(tmp_path, params, key, value, code):
    # K 0.28 > 0.1 (SI K of Chinese soils ≤ ~0.08) → k_us_units, suggesting 0.28·0.1317 = 0.0369;
    # R 340 / 5784.04 = 0.0588 ≈ 1/17.02 (within a factor 3) → r_us_units.
    res = run(tmp_path, two_squares(), {**BASE, key: value}, params)
    found = [n for n in res.notices if n.code == code]
    assert len(found) == 1 and found[0].params["mean"] == pytest.approx(value, rel=1e-12)
    if code == "k_us_units":
        assert found[0].params["suggested_mean"] == pytest.approx(0.28 * 0.1317, rel=1e-12)
    else:
        assert found[0].params["ratio"] == pytest.approx(340.0 / 5784.04, rel=1e-12)
    ok = run(tmp_path / "si", two_squares(), BASE, params)
    assert code not in codes(ok)


# ----- 9. SL 190 grades at the thresholds -------------------------------------------------------------------------
def test_erosion_grades_at_the_sl190_thresholds_end_to_end(tmp_path, params):
    # R = 2560, K = 0.0625, LS = 1: R·K·LS = 160 t/(hm²·a), exact in binary. Each parcel is a 10 × 10-cell block
    # (1 hm² planar) with its own CP, so A = Σ 100 cells · 160·CP · 0.01 = 160·CP t/a. The layer carries AREA_M2
    # = 10 000 (as the lot split writes it), so ER_MOD = A/0.01 km² = 16 000·CP: CP = 500/16 000 = 1/32 gives
    # exactly 500, 2 500 → 5/32, 5 000 → 5/16, 8 000 → 1/2, 15 000 → 15/16 (all dyadic, hence exact).
    # Grades (tolerance 500, lower bounds inclusive): <500 → 1, [500, 2500) → 2, [2500, 5000) → 3,
    # [5000, 8000) → 4, [8000, 15000) → 5, ≥ 15000 → 6.
    moduli = [499.0, 500.0, 2499.0, 2500.0, 4999.0, 5000.0, 7999.0, 8000.0, 14999.0, 15000.0]
    grades = [1, 2, 2, 3, 3, 4, 4, 5, 5, 6]
    shape = (20, 50)
    cp = np.ones(shape)
    rows = []
    for i, m in enumerate(moduli):
        c0, r0 = 10 * (i % 5), 10 * (i // 5)
        cp[r0:r0 + 10, c0:c0 + 10] = m / 16000.0
        rows.append((f"M{int(m)}", "0301", cells(c0, r0, 10, 10)))
    layer = parcel_layer(rows, AREA_M2=[10_000.0] * len(rows))
    values = {"R_FACTOR": 2560.0, "K_FACTOR": 0.0625, "LS_FACTOR": 1.0, "CP_FACTOR": cp}
    t = by_id(run(tmp_path, layer, values, params, shape=shape))
    assert params.value("sl190_tolerance") == 500.0
    for m, g in zip(moduli, grades):
        row = t.loc[f"M{int(m)}"]
        if m % 500 == 0:  # the thresholds themselves come out exactly
            assert row["ER_MOD"] == m
        else:
            assert row["ER_MOD"] == pytest.approx(m, rel=1e-12)
        assert row["ER_GRADE"] == g, m
        assert row["EROSION"] == pytest.approx(160.0 * m / 16000.0, rel=1e-12)


# ----- 10. LS from a DEM ---------------------------------------------------------------------------------------------
def dem_plane(shape: tuple[int, int] = (60, 40), deg: float = 15.0) -> np.ndarray:
    """Elevations of a plane falling south at ``deg`` over ``shape`` cells (row centres)."""
    return 1000.0 - math.tan(math.radians(deg)) * CELL * (np.arange(shape[0])[:, None] + 0.5) * np.ones(shape)


def test_dem_derived_ls_uses_the_whole_dem_not_the_parcel_window(tmp_path, params):
    # A plane falling south at 15° over 60 rows (600 m; 60 · 40 · 100 m² = 0.24 km², so no cell reaches the
    # 10 000 m² channel area: at most 60 cells · 100 m² = 6000 m² drain through one). The parcel is rows 30–34,
    # columns 10–29: 200 m × 50 m = 1 hm², 300–350 m below the top, so every cell has λ_in ≥ 100 m = cap:
    # L = (100/22.13)^0.5 = 2.125736, S = 21.91·sin 15° − 0.96 = 4.710725, LS = 10.013758.
    shape = (60, 40)
    dem = dem_plane(shape)
    layer = parcel_layer([("S", "0301", cells(10, 30, 20, 5))])
    inputs = factor_inputs(tmp_path, {"R_FACTOR": 5000.0, "K_FACTOR": 0.04, "VEG_COVER": 0.5}, shape)
    inputs.paths["DEM"] = write_tif(tmp_path / "DEM.tif", dem, shape=shape)
    res = account(layer, inputs, params)
    assert params.value("ls_lambda_cap") == 100.0 and params.value("ls_channel_area") == 10_000.0
    mean_ls = res.drivers.loc["S", "RKLS_T"] / (5000.0 * 0.04 * 1.0)  # RKLS_T = R·K·mean LS·1 hm²
    ls_hand = (100.0 / 22.13) ** 0.5 * (21.91 * math.sin(math.radians(15.0)) - 0.96)
    assert mean_ls == pytest.approx(ls_hand, rel=1e-9)
    # the same as terrain.ls_factor on the whole DEM, averaged over the parcel's cells
    ls_full, _ = terrain.ls_factor(dem, CELL, cap_m=100.0, channel_area_m2=10_000.0)
    assert mean_ls == pytest.approx(ls_full[30:35, 10:30].mean(), rel=1e-12)
    # LS on the parcel's own 50 m would start every slope at its top edge: mean L = (50/22.13)^0.5 = 1.503
    # (segment L telescopes), LS = 7.0808: 29 % lower. The engine does not do that.
    ls_cut, _ = terrain.ls_factor(dem[30:35, 10:30], CELL, cap_m=100.0, channel_area_m2=10_000.0)
    assert ls_cut.mean() == pytest.approx((50 / 22.13) ** 0.5 * (21.91 * math.sin(math.radians(15.0)) - 0.96),
                                          rel=1e-9)
    assert mean_ls > 1.3 * ls_cut.mean()
    # Q_SOIL = 1 hm² · 5000·0.04·LS·(1 − B(50 %)) = 200·10.013758·0.932966 = 1868.50 t/a
    b = 0.6508 - 0.3436 * math.log10(50.0)
    assert by_id(res).loc["S", "Q_SOIL"] == pytest.approx(200.0 * ls_hand * (1 - b), rel=1e-9)


def test_dem_derived_ls_for_parcels_in_geographic_cgcs2000(tmp_path, params):
    # The same 15° plane and parcel as above, the parcels given in EPSG:4490 (lon/lat): the working grid is the
    # DEM's (EPSG:4545) and the parcel's window must be found in that CRS, not with degrees as metres.
    # (Found by this test: the window was taken from the lon/lat bounds, came out 0 × 0 and RKLS_T was 0.)
    shape = (60, 40)
    layer = parcel_layer([("S", "0301", cells(10, 30, 20, 5))])
    inputs = factor_inputs(tmp_path, {"R_FACTOR": 5000.0, "K_FACTOR": 0.04, "VEG_COVER": 0.5}, shape)
    inputs.paths["DEM"] = write_tif(tmp_path / "DEM.tif", dem_plane(shape), shape=shape)
    proj = account(layer, inputs, params)
    geo = account(layer.to_crs("EPSG:4490"), inputs, params)
    ls_hand = (100.0 / 22.13) ** 0.5 * (21.91 * math.sin(math.radians(15.0)) - 0.96)  # 10.013758, see above
    assert proj.drivers.loc["S", "RKLS_T"] == pytest.approx(200.0 * ls_hand, rel=1e-9)
    # the parcel's vertices go to lon/lat and back: the same cells, up to ~1e-9 m of round trip
    assert geo.drivers.loc["S", "RKLS_T"] == pytest.approx(proj.drivers.loc["S", "RKLS_T"], rel=1e-9)
    assert geo.drivers.loc["S", "AREA_M2"] == pytest.approx(proj.drivers.loc["S", "AREA_M2"], rel=1e-9)
    assert rasters.same_crs(geo.grid.crs, EPSG)


def test_parcel_beyond_the_dem_is_not_valued_silently(tmp_path, params):
    # DEM: 40 columns (x < X0 + 400). IN lies on it; OUT (columns 45–49) wholly east of it, HALF (columns 38–41)
    # half on it. The factor rasters cover all three. LS exists only on the DEM, so OUT has no potential erosion
    # at all: it must be reported, not valued with RKLS_T = 0. (Found by this test: a parcel wholly off the
    # DEM had a NaN valid share, which no "< 0.999" test catches.)
    layer = parcel_layer([("IN", "0301", cells(10, 30, 20, 5)), ("OUT", "0301", cells(45, 30, 5, 5)),
                          ("HALF", "0301", cells(38, 30, 4, 5))])
    inputs = factor_inputs(tmp_path, {"R_FACTOR": 5000.0, "K_FACTOR": 0.04, "VEG_COVER": 0.5}, (60, 60))
    inputs.paths["DEM"] = write_tif(tmp_path / "DEM.tif", dem_plane(), shape=(60, 40))
    with pytest.raises(ValuationError) as err:
        account(layer, inputs, params)
    assert err.value.code == "raster_not_covering"
    assert err.value.params["raster"] == "DEM"  # the raster to extend, not R (which covers them)
    assert set(err.value.params["parcels"].split(", ")) == {"OUT (0.0 %)", "HALF (50.0 %)"}
    res = account(layer, inputs, params, covered_only=True)
    listed = {n.params["parcels"] for n in res.notices if n.code == "raster_partial"}
    assert listed and all(set(x.split(", ")) == {"OUT (0.0 %)", "HALF (50.0 %)"} for x in listed)
    assert res.drivers.loc["OUT", "RKLS_T"] == 0.0 and by_id(res).loc["OUT", "Q_SOIL"] == 0.0
    # HALF: its western 2 columns × 5 rows (0.1 hm²) are on the DEM; IN as in the whole-DEM test
    assert res.drivers.loc["HALF", "RKLS_T"] > 0
    ls_hand = (100.0 / 22.13) ** 0.5 * (21.91 * math.sin(math.radians(15.0)) - 0.96)  # 10.013758
    assert res.drivers.loc["IN", "RKLS_T"] == pytest.approx(200.0 * ls_hand, rel=1e-9)
