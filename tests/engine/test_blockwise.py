"""Block-wise zonal sums (``valuation.blockwise``) against the whole-raster computation, and cancelling.

The reference is the whole-raster method the accounting used before: every raster read whole onto the working
grid (``rasters.read_on_grid``), one sparse coverage matrix for all parcels (``rasters.coverage_matrix``) and
``zonal_sum``/``zonal_mean``. Block-wise processing is forced with tiny blocks (7 rows) on a 10 m grid in
EPSG:4545 so that most parcels span several blocks.
"""

from __future__ import annotations

import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from affine import Affine
from rasterio.transform import from_origin
from scipy import sparse

from tests.kernels import select_kernels
from valuation import csle, rasters
from valuation.accounting import FactorInputs, account, compute_drivers, prepare_parcels
from valuation.blockwise import BlockReader, block_coverage, prepare_geometries, row_blocks
from valuation.errors import Cancelled
from valuation.parameters import ParameterSet
from valuation.progress import Monitor

EPSG = "EPSG:4545"
X0, Y0, CELL = 400_000.0, 3_300_500.0, 10.0
SHAPE = (64, 90)  # rows, columns


def write_tif(path, array, nodata=None, transform=None):
    with rasterio.open(path, "w", driver="GTiff", width=array.shape[1], height=array.shape[0], count=1,
                       dtype="float64", crs=EPSG, transform=transform or from_origin(X0, Y0, CELL, CELL),
                       nodata=nodata, tiled=True, blockxsize=16, blockysize=16, compress="DEFLATE") as dst:
        dst.write(array, 1)
    return str(path)


def irregular_parcels(n_side=7, seed=3):
    """Jittered Voronoi cells over the grid (irregular, sharing edges), plus a parcel with a hole, a
    multipolygon, a parcel on cell lines and a sliver; all inside the grid."""
    rng = np.random.default_rng(seed)
    w, h = SHAPE[1] * CELL, SHAPE[0] * CELL
    g = (np.arange(n_side) + 0.5) / n_side
    pts = np.column_stack([a.ravel() for a in np.meshgrid(g * w, g * h)]) + rng.uniform(-20, 20, (n_side ** 2, 2))
    frame = shapely.box(15.0, 12.0, w - 13.0, h - 17.0)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame))
    cells = shapely.intersection(cells, frame)
    cells = [shapely.affinity.translate(c, X0, Y0 - h) for c in cells if c.area > 1.0]
    cx, cy = X0 + 300.0, Y0 - 300.0
    extra = [
        shapely.Point(cx, cy).buffer(75.0).difference(shapely.Point(cx + 10, cy - 5).buffer(30.0)),   # hole
        shapely.MultiPolygon([shapely.box(X0 + 20, Y0 - 90, X0 + 47, Y0 - 33),
                              shapely.box(X0 + 700, Y0 - 600, X0 + 731.3, Y0 - 420.7)]),             # two parts
        shapely.box(X0 + 500, Y0 - 200, X0 + 560, Y0 - 130),                                           # on cell lines
        shapely.box(X0 + 123.4, Y0 - 401.0, X0 + 124.1, Y0 - 300.2),                                    # sliver
    ]
    geoms = cells + extra
    codes = ["0301", "0305", "0103", "0201", "0404", "0307"]
    return gpd.GeoDataFrame({"PARCEL_ID": [f"P{i}" for i in range(len(geoms))],
                             "DLBM": [codes[i % len(codes)] for i in range(len(geoms))]},
                            geometry=geoms, crs=EPSG)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("blockwise")
    rng = np.random.default_rng(11)
    rows, cols = np.mgrid[0:SHAPE[0], 0:SHAPE[1]]

    def field(base, amp, scale):
        return base + amp * np.sin(cols / scale) * np.cos(rows / (1.3 * scale)) + 0.1 * amp * rng.random(SHAPE)

    arrays = {
        "R_FACTOR": field(5000.0, 800.0, 9.0), "K_FACTOR": field(0.04, 0.01, 5.0),
        "LS_FACTOR": np.exp(field(1.0, 0.8, 3.0)), "CP_FACTOR": field(0.2, 0.1, 4.0),
        "VEG_COVER": np.clip(field(0.5, 0.4, 6.0), 0.0, 1.0), "BASELINE_CP_FACTOR": field(0.4, 0.1, 7.0),
        "BASELINE_VEG_COVER": np.clip(field(0.3, 0.25, 5.0), 0.0, 1.0),
        "PRECIP": field(1200.0, 100.0, 8.0), "ET": field(600.0, 50.0, 6.0),
        "STORM_PRECIP": field(200.0, 20.0, 5.0), "NPP": field(600.0, 80.0, 4.0),
    }
    arrays["NPP"][30:33, 40:70] = -9999.0  # a nodata strip inside parcels
    paths = {k: write_tif(d / f"{k.lower()}.tif", v, nodata=-9999.0) for k, v in arrays.items()}
    return FactorInputs(paths)


def whole_raster_drivers(prepared, inputs, params):
    """The former whole-raster computation: every raster whole, one sparse coverage matrix (COVERED_ONLY)."""
    grid, _ = rasters.choose_working_grid(inputs.get("LS_FACTOR"), None, [], prepared.crs,
                                          tuple(prepared.total_bounds))
    cover = rasters.coverage_matrix(prepared.geometry.values, grid)
    read = {k: rasters.read_on_grid(inputs.get(k), grid) for k in inputs.paths}
    ha = grid.cell_area / 10000.0
    rkls = read["R_FACTOR"] * read["K_FACTOR"] * read["LS_FACTOR"]

    def b(cov):
        return np.ma.masked_invalid(csle.b_from_cover(cov.filled(np.nan), params.value("b_cover_a"),
                                                      params.value("b_cover_b"), params.value("b_cover_full")))

    # COVERED_ONLY: means scaled by the share of the parcel with valid cells
    outside = rasters.outside_fraction(prepared.geometry.values, grid, cover)

    def mean(key):
        share = rasters.zonal_valid_fraction(cover, read[key]) * (1.0 - np.nan_to_num(outside))
        return rasters.zonal_mean(cover, read[key]) * np.minimum(share, 1.0)

    return pd.DataFrame({
        "RKLS_T": rasters.zonal_sum(cover, rkls) * ha,
        "RKLSB_T": rasters.zonal_sum(cover, rkls * b(read["VEG_COVER"])) * ha,
        "RKLSCP_T": rasters.zonal_sum(cover, rkls * read["CP_FACTOR"]) * ha,
        "RKLSCP_BASE_T": rasters.zonal_sum(cover, rkls * read["BASELINE_CP_FACTOR"]) * ha,
        "RKLSB_BASE_T": rasters.zonal_sum(cover, rkls * b(read["BASELINE_VEG_COVER"])) * ha,
        "VEG_COVER": rasters.zonal_mean(cover, read["VEG_COVER"]),
        "P_MM": mean("PRECIP"), "ET_MM": mean("ET"), "STORM_MM": mean("STORM_PRECIP"), "NPP_GC_M2": mean("NPP"),
    }, index=pd.Index(prepared["PARCEL_ID"].to_numpy(), name="PARCEL_ID"))


def test_blockwise_equals_whole_raster_computation(inputs):
    params = ParameterSet.load()
    prepared = prepare_parcels(irregular_parcels(), "DLBM", "PARCELS")
    reference = whole_raster_drivers(prepared, inputs, params)
    tiny, _, grid, _, _ = compute_drivers(prepared, inputs, params, block_rows=7, covered_only=True)
    one, _, _, _, _ = compute_drivers(prepared, inputs, params, block_rows=10 ** 6, covered_only=True)
    assert grid.height > 5 * 7  # many blocks; parcels span several of them
    spans = [len({r // 7 for r in range(*grid.window_offsets(g.bounds)[::2])}) for g in prepared.geometry]
    assert max(spans) >= 4
    for col in reference.columns:
        np.testing.assert_allclose(tiny[col], reference[col], rtol=1e-9, atol=0, err_msg=col)
        np.testing.assert_allclose(tiny[col], one[col], rtol=1e-9, atol=0, err_msg=col)
    # the nodata strip lies inside parcels: their NPP is the valid cells' mean times the valid share
    share = one["NPP_GC_M2"] / whole_raster_drivers(prepared, inputs, params)["NPP_GC_M2"]
    assert np.isfinite(tiny["NPP_GC_M2"]).all() and (share < 1).any()


def test_threads_and_tile_aligned_blocks_give_the_same_sums(inputs, monkeypatch):
    """Blocks computed by 1 or 3 worker threads are added in block order: bitwise the same drivers; blocks that
    end on the rasters' 16-row tile rows (the default when the grid is read tile-aligned) agree to rounding."""
    from valuation import blockwise

    params = ParameterSet.load()
    prepared = prepare_parcels(irregular_parcels(), "DLBM", "PARCELS")
    monkeypatch.setattr(blockwise, "WORKERS", 1)
    one, _, grid, _, _ = compute_drivers(prepared, inputs, params, block_rows=5, covered_only=True)
    monkeypatch.setattr(blockwise, "WORKERS", 3)
    three, _, _, _, _ = compute_drivers(prepared, inputs, params, block_rows=5, covered_only=True)
    pd.testing.assert_frame_equal(one, three, check_exact=True)
    # default blocks with BLOCK_CELLS shrunk to 30 rows: two whole 16-row tile rows each, ending on tile rows
    monkeypatch.setattr(blockwise, "BLOCK_CELLS", 30 * grid.width)
    with BlockReader(inputs.get("LS_FACTOR"), grid) as reader:
        tiles = reader.tiles()
    assert tiles is not None and tiles[0] == 16
    bounds = [(r0, r1) for r0, r1, _ in row_blocks(grid, tiles=tiles)]
    assert all((r1 + tiles[1]) % 16 == 0 for _, r1 in bounds[:-1]) and bounds[-1][1] == grid.height
    assert len(bounds) >= 2 and all(0 < r1 - r0 <= 32 for r0, r1 in bounds)
    # a grid starting 5 rows into the rasters: the first block ends on the first tile row (row 11 of the grid)
    assert [r1 for _, r1, _ in row_blocks(grid, tiles=(16, 5))][:2] == [11, 43]
    aligned, _, _, _, _ = compute_drivers(prepared, inputs, params, covered_only=True)
    for col in one.columns:
        if one[col].dtype.kind == "f":
            np.testing.assert_allclose(aligned[col], one[col], rtol=1e-9, atol=0, err_msg=col)


@pytest.mark.filterwarnings("ignore:overflow encountered in multiply:RuntimeWarning")  # numpy's products
def test_chain_of_products_summed_in_c_equals_numpys_products(inputs, monkeypatch):
    """The accounting's soil products (R·K·LS, times C·P and times the baseline C·P) summed by the C kernel in one
    sweep of each block, without making the products' arrays: the drivers equal those of numpy's products and sums
    to rounding, in blocks of 7 and 1,000 rows, with a nodata strip in C·P inside parcels and a cell whose product
    overflows to infinity (left out by both)."""
    select_kernels("C", monkeypatch)
    from valuation import accounting, blockwise, coverage_kernel

    d = Path(inputs.get("R_FACTOR")).parent
    cp = rasters.read_on_grid(inputs.get("CP_FACTOR"), rasters.Grid(EPSG, from_origin(X0, Y0, CELL, CELL),
                                                                      SHAPE[1], SHAPE[0])).filled(-9999.0)
    cp[20:23, 10:60] = -9999.0  # nodata inside parcels
    cp[40, 30] = 1e308          # R·K·LS·C·P overflows: not finite
    soil = FactorInputs({k: inputs.get(k) for k in ("R_FACTOR", "K_FACTOR", "LS_FACTOR", "BASELINE_CP_FACTOR")}
                        | {"CP_FACTOR": write_tif(d / "cp_holes.tif", cp, nodata=-9999.0)})
    params = ParameterSet.load()
    prepared = prepare_parcels(irregular_parcels(), "DLBM", "PARCELS")
    monkeypatch.setattr(accounting, "LAYER_MAX_CELLS", 0)  # no per-cell layers: the chain applies
    chains, swept = [], []
    zonal, kernel = blockwise.zonal_totals, coverage_kernel.chain_sums()
    monkeypatch.setattr(blockwise, "zonal_totals", lambda *a, **k: chains.append(k.get("chain")) or zonal(*a, **k))
    monkeypatch.setattr(coverage_kernel, "chain_sums", lambda: lambda *a: swept.append(1) or kernel(*a))
    for rows in (7, 1000):
        fast, *_ = compute_drivers(prepared, soil, params, block_rows=rows, covered_only=True)
        with monkeypatch.context() as m:
            m.setattr(coverage_kernel, "chain_sums", lambda: None)
            slow, *_ = compute_drivers(prepared, soil, params, block_rows=rows, covered_only=True)
        for col in ("RKLS_T", "RKLSCP_T", "RKLSCP_BASE_T"):
            assert np.isfinite(fast[col]).all() and (fast[col] > 0).all()
            np.testing.assert_allclose(fast[col], slow[col], rtol=1e-12, atol=0, err_msg=col)
        pd.testing.assert_frame_equal(fast.drop(columns=["RKLS_T", "RKLSCP_T", "RKLSCP_BASE_T"]),
                                      slow.drop(columns=["RKLS_T", "RKLSCP_T", "RKLSCP_BASE_T"]))
    assert len(swept) > 10  # the C sweep ran, block by block
    assert chains[0] == blockwise.Chain("RKLS", ("R_FACTOR", "K_FACTOR", "LS_FACTOR"),
                                        (("RKLSCP", "CP_FACTOR"), ("RKLSCP_BASE", "BASELINE_CP_FACTOR")))
    # the strip and the overflowing cell leave C·P out there only: R·K·LS·C·P falls below R·K·LS·(mean C·P)
    with_holes = fast["RKLSCP_T"] / fast["RKLS_T"]
    assert with_holes.min() < 0.9 * with_holes.median()


def test_chain_sums_by_hand():
    """One 3 × 4 block: a boundary cell at (0, 1) of fraction 0.5 and a run over (2, 0…3) of fraction 1 for parcel
    1, a run over (1, 2…4) for parcel 0; P = a·b, and P·c. By hand: parcel 1: 0.5·(2·3) + (1·1 + 2·2 + 3·3) = 17
    and 0.5·(2·3·10) + (1·1·1 + 2·2·2 + 3·3·3) = 66; parcel 0: cells (1, 2) and (1, 3), where a is NaN at (1, 3):
    P = 5·5 = 25 and P·c = 25·7 = 175 (parcel 2 has no cells: 0)."""
    from valuation import native

    lib = native.library()
    if lib is None:
        pytest.skip("the C kernels are not built (scripts/build_native.sh)")
    a = np.array([[0.0, 2.0, 0.0, 0.0], [0.0, 0.0, 5.0, np.nan], [1.0, 2.0, 3.0, 9.0]])
    b = np.array([[0.0, 3.0, 0.0, 0.0], [0.0, 0.0, 5.0, 1.0], [1.0, 2.0, 3.0, 9.0]])
    c = np.array([[0.0, 10.0, 0.0, 0.0], [0.0, 0.0, 7.0, 1.0], [1.0, 2.0, 3.0, 9.0]])
    cells = (np.array([0]), np.array([1]), np.array([1]), np.array([0.5]))
    runs = (np.array([2, 1]), np.array([0, 2]), np.array([3, 4]), np.array([1, 0]), np.array([1.0, 1.0]))
    got = native.Coverage(lib).block_sums([a, b, c], 2, cells, runs, 3)
    np.testing.assert_array_equal(got, [[25.0, 17.0, 0.0], [175.0, 66.0, 0.0]])
    with pytest.raises(ValueError):  # a cell outside the block
        native.Coverage(lib).block_sums([a, b, c], 2, (np.array([3]), *cells[1:]), runs, 3)
    with pytest.raises(ValueError):  # a parcel outside the sums
        native.Coverage(lib).block_sums([a, b, c], 2, cells, runs, 1)


def _random_parcels() -> list:
    """150 random star-shaped polygons (some with a hole, some grid-aligned boxes) around and across a 50 × 40
    grid of 1 m cells, a missing and an empty geometry, and one box over the whole grid."""
    rng = np.random.default_rng(5)
    geoms = []
    for i in range(150):
        cx, cy = rng.uniform(-5, 55), rng.uniform(-5, 45)
        ang = np.sort(rng.uniform(0, 2 * np.pi, int(rng.integers(3, 30))))
        rad = rng.uniform(0.2, 12, ang.size)
        p = shapely.Polygon(np.column_stack([cx + rad * np.cos(ang), cy + rad * np.sin(ang)]))
        if i % 7 == 0:
            p = p.difference(shapely.Point(cx, cy).buffer(1.5))
        if i % 13 == 0:
            p = shapely.box(int(cx), int(cy), int(cx) + 3, int(cy) + 2)
        geoms.append(p)
    geoms += [None, shapely.Polygon(), shapely.box(-20, -20, 80, 80)]
    return geoms


@pytest.mark.parametrize("kernels", ["numpy", "C", "numba"])
def test_block_coverage_equals_the_coverage_matrix(kernels, monkeypatch):
    """Every block size gives each parcel's exact fractions, clipped where parcels leave the grid."""
    use_kernel = kernels != "numpy"
    if use_kernel:
        select_kernels(kernels, monkeypatch)
    g = rasters.Grid(EPSG, Affine(1, 0, 0, 0, -1, 40), 50, 40)
    geoms = _random_parcels()
    reference = rasters.coverage_matrix(geoms, g)
    prepared = prepare_geometries(geoms)
    live = np.flatnonzero(~shapely.is_missing(prepared))
    for rows in (1, 3, 7, 1000):
        parts = []
        for r0, _, sub in row_blocks(g, rows):
            cov = block_coverage(prepared[live], live, sub, use_kernel=use_kernel)
            length = cov.run_c1 - cov.run_c0
            run_col = np.repeat(cov.run_c0 - np.cumsum(length) + length, length) + np.arange(length.sum())
            parts.append((cov.cell_poly, (cov.cell_row + r0) * g.width + cov.cell_col, cov.cell_frac))
            parts.append((np.repeat(cov.run_poly, length), np.repeat(cov.run_row + r0, length) * g.width + run_col,
                          np.repeat(cov.run_frac, length)))
        poly, idx, frac = (np.concatenate(x) for x in zip(*parts))
        blocked = sparse.csr_matrix((frac, (poly, idx)), shape=reference.shape)
        assert abs(blocked - reference).max() < 1e-9
        assert blocked.nnz == reference.nnz


@pytest.mark.usefixtures("compiled_kernels")
def test_compiled_coverage_gives_the_numpy_cells_and_runs():
    """The compiled kernel (C and numba) emits the numpy path's boundary cells and runs, in the same order, with
    the same fractions to rounding, on blocks that cut the parcels (3 rows) and on the whole grid."""
    g = rasters.Grid(EPSG, Affine(1, 0, 0, 0, -1, 40), 50, 40)
    prepared = prepare_geometries(_random_parcels())
    live = np.flatnonzero(~shapely.is_missing(prepared))
    names = ("cell_poly", "cell_row", "cell_col", "run_poly", "run_row", "run_c0", "run_c1")
    cells = 0
    for rows in (3, 1000):
        for _, _, sub in row_blocks(g, rows):
            fast = block_coverage(prepared[live], live, sub, use_kernel=True)
            slow = block_coverage(prepared[live], live, sub, use_kernel=False)
            for name in names:
                np.testing.assert_array_equal(getattr(fast, name), getattr(slow, name), err_msg=name)
            np.testing.assert_allclose(fast.cell_frac, slow.cell_frac, rtol=0, atol=1e-12)
            np.testing.assert_allclose(fast.run_frac, slow.run_frac, rtol=0, atol=1e-12)
            cells += fast.cell_poly.size
    assert cells > 1000  # the comparison saw real work


def test_c_and_numba_coverage_agree_to_the_bit(monkeypatch):
    """The C kernel is numba's step for step, in the same floating-point order: the same cells, runs and
    fractions to the bit, on 600 random parcels in blocks of 7 rows of a 200 × 160 grid."""
    g = rasters.Grid(EPSG, Affine(0.25, 0, 0, 0, -0.25, 40), 200, 160)
    prepared = prepare_geometries(_random_parcels() * 4)
    live = np.flatnonzero(~shapely.is_missing(prepared))
    names = ("cell_poly", "cell_row", "cell_col", "cell_frac", "run_poly", "run_row", "run_c0", "run_c1", "run_frac")
    got = {}
    for which in ("C", "numba"):
        select_kernels(which, monkeypatch)
        got[which] = [block_coverage(prepared[live], live, sub, use_kernel=True) for _, _, sub in row_blocks(g, 7)]
    assert sum(c.cell_poly.size for c in got["C"]) > 10000
    for c, n in zip(got["C"], got["numba"]):
        for name in names:
            np.testing.assert_array_equal(getattr(c, name), getattr(n, name), err_msg=name)


def _edge_cases() -> list:
    """Parcels whose vertices lie on the grid lines and the window's border: boxes on whole cells, a box with a box
    hole, a two-part multipolygon, a triangle with a horizontal and a vertical edge, and a diamond whose corners
    are grid corners (its edges cross grid corners)."""
    hole = shapely.box(2, 2, 48, 38).difference(shapely.box(10, 14, 20, 21))
    two = shapely.MultiPolygon([shapely.box(0, 0, 3, 7), shapely.box(30, 21, 41, 28)])
    return [shapely.box(0, 0, 50, 40), hole, two, shapely.Polygon([(5, 7), (25, 7), (5, 33)]),
            shapely.Polygon([(25, 0), (50, 20), (25, 40), (0, 20)]), shapely.box(-3, 33.5, 7, 47)]


def test_window_edges_from_geos_are_numpys_to_the_bit(monkeypatch):
    """The C library reads the window edges straight from the GEOS geometries: the same edges, in the same order,
    as numpy (``window_edges``), to the bit, with the same pieces bound; for random parcels (holes, parts across
    the grid's border, a missing and an empty geometry) and parcels on grid lines, in blocks of 7 rows (edges cut
    at the blocks' borders) and of the whole grid, for a grid whose origin is not a whole number of cells."""
    select_kernels("C", monkeypatch)
    from valuation import blockwise, coverage_kernel, native

    if native.geos_addresses() is None:
        pytest.skip("GEOS's functions were not found (not Linux, or several GEOS libraries loaded)")
    parcels = prepare_geometries(_random_parcels() + _edge_cases())
    live = np.flatnonzero(~shapely.is_missing(parcels))
    edges = cut = 0
    for transform in (Affine(1, 0, 0, 0, -1, 40), Affine(0.25, 0, 0.1, 0, -0.25, 40.3)):
        g = rasters.Grid(EPSG, transform, 50 if transform.a == 1 else 200, 40 if transform.a == 1 else 160)
        for rows in (7, g.height):
            for _, _, sub in row_blocks(g, rows):
                expected = blockwise.window_edges(parcels[live], live, sub)
                got, pieces = coverage_kernel.window_edges(parcels[live], live, sub)
                for name, a, b in zip(("ua", "va", "ub", "vb", "sign", "poly"), expected, got):
                    assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), name
                assert pieces == int(blockwise._piece_bounds(expected).sum())
                edges += expected[0].size
                cut += int(((expected[1] == 0) | (expected[3] == 0)).sum())
    assert edges > 10000 and cut > 2000  # real work (13,696 and 3,819), with many edges cut at a block's top border
    # labels that are not strictly increasing, or a geometry GEOS's polygon readers cannot take: numpy's turn
    assert coverage_kernel.window_edges(parcels[live][::-1], live[::-1], sub) is None
    line = np.array([shapely.LineString([(0, 0), (5, 5)])], dtype=object)
    assert coverage_kernel.window_edges(line, np.array([0]), sub) is None


def test_block_coverage_uses_geos_edges_when_the_c_kernels_run(monkeypatch):
    """With the C kernels the window edges come from C, not from numpy's ``window_edges``."""
    select_kernels("C", monkeypatch)
    from valuation import blockwise, native

    if native.geos_addresses() is None:
        pytest.skip("GEOS's functions were not found")
    calls = []
    monkeypatch.setattr(blockwise, "window_edges", lambda *a: calls.append(a) or None)
    g = rasters.Grid(EPSG, Affine(1, 0, 0, 0, -1, 40), 50, 40)
    cov = block_coverage(np.array([shapely.box(1, 1, 4, 3)], dtype=object), np.array([0]), g)
    assert not calls and cov.weights(1)[0] == pytest.approx(6.0)  # 3 × 2 cells


def test_block_reader_matches_read_on_grid(tmp_path):
    """Aligned cells are read directly, others warped; both as ``read_on_grid`` gives them."""
    v = np.arange(40 * 50, dtype=float).reshape(40, 50)
    v[5:8, 10:20] = -1.0
    path = write_tif(tmp_path / "v.tif", v, nodata=-1.0)
    aligned = rasters.Grid(EPSG, Affine(CELL, 0, X0 - 3 * CELL, 0, -CELL, Y0 - 4 * CELL), 30, 50)  # spills over
    coarse = rasters.Grid(EPSG, Affine(25.0, 0, X0 + 5.0, 0, -25.0, Y0 - 7.0), 12, 10)
    for grid, direct in ((aligned, True), (coarse, False)):
        with BlockReader(path, grid) as reader:
            assert (reader.offset is not None) == direct
            blocks = [reader.read(sub) for _, _, sub in row_blocks(grid, 4)]
        whole = rasters.read_on_grid(path, grid).filled(np.nan)
        np.testing.assert_array_equal(np.vstack(blocks), whole)


def test_cancel_at_the_first_progress_report_is_prompt(tmp_path):
    """A 2000 × 2000-cell grid under 4000 parcels: cancelling at the first report stops within a second."""
    n = 2000
    v = np.full((n, n), 2.0)
    inputs = FactorInputs({k: write_tif(tmp_path / f"{k}.tif", v) for k in ("R_FACTOR", "K_FACTOR", "LS_FACTOR",
                                                                            "CP_FACTOR")})
    side = n * CELL
    pts = np.random.default_rng(2).uniform(0, side, (4000, 2))
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts),
                                                       extend_to=shapely.box(0, 0, side, side)))
    cells = shapely.clip_by_rect(cells, 1.0, 1.0, side - 1.0, side - 1.0)
    layer = gpd.GeoDataFrame({"DLBM": ["0301"] * len(cells)},
                             geometry=shapely.transform(cells, lambda xy: xy + (X0, Y0 - side)), crs=EPSG)
    stop: dict[str, float] = {}

    def progress(fraction: float, message: str) -> None:
        stop.setdefault("at", time.perf_counter())

    t = time.perf_counter()
    with pytest.raises(Cancelled):
        account(layer, inputs, ParameterSet.load(), monitor=Monitor(progress, lambda: "at" in stop))
    assert "at" in stop and time.perf_counter() - stop["at"] < 2.0
    assert time.perf_counter() - t < 20.0
