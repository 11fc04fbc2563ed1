"""Working grids, warped reads, exact coverage fractions and zonal sums (hand-derived expectations)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import rasterio
import shapely
from affine import Affine
from pyproj import Transformer
from rasterio.transform import from_origin

from valuation.errors import Cancelled, ValuationError
from valuation.progress import Monitor
from valuation.rasters import (
    Grid,
    cell_fractions,
    choose_working_grid,
    coverage_matrix,
    outside_fraction,
    read_on_grid,
    zonal_mean,
    zonal_sum,
    zonal_valid_fraction,
)

# A 10 × 10 grid of 1 m cells, top-left at (0, 10): cell (row r, col c) spans x c..c+1, y 9−r..10−r,
# flat index r·10 + c.
G = Grid("EPSG:4545", Affine(1, 0, 0, 0, -1, 10), 10, 10)


def as_dict(geom, grid=G):
    idx, val = cell_fractions(geom, grid)
    return dict(zip(idx.tolist(), val.tolist()))


def write_tif(path, array, crs, transform, nodata=None, dtype="float32"):
    with rasterio.open(path, "w", driver="GTiff", width=array.shape[1], height=array.shape[0], count=1,
                       dtype=dtype, crs=crs, transform=transform, nodata=nodata) as dst:
        dst.write(array.astype(dtype), 1)
    return str(path)


# --- Grid ----------------------------------------------------------------------------------------------

def test_grid_basics_and_windows():
    g = Grid("EPSG:4545", Affine(10, 0, 500000, 0, -10, 3300000), 100, 50)
    assert g.cell_area == 100.0 and g.shape == (50, 100) and g.res == (10, 10)
    assert g.bounds == (500000, 3299500, 501000, 3300000)
    # bounds 500012..500031 × 3299955..3299981 snap outwards to columns 1..3, rows 1..4
    sub = g.window_for((500012, 3299955, 500031, 3299981))
    assert (sub.width, sub.height) == (3, 4) and sub.offset_in(g) == (1, 1)
    assert sub.transform.c == 500010 and sub.transform.f == 3299990
    # edges exactly on cell lines do not add a cell
    assert g.window_for((500010, 3299960, 500030, 3299990)).shape == (3, 2)
    # clipped to the grid, or not
    assert g.window_for((499950, 3299950, 500020, 3300100)).shape == (5, 2)
    assert g.window_for((499950, 3299950, 500020, 3300100), clip=False).shape == (15, 7)
    assert g.window_for((0, 0, 1, 1)).size == 0


def test_grid_rejects_rotation():
    with pytest.raises(ValuationError) as err:
        Grid("EPSG:4545", Affine(10, 1, 0, 0, -10, 0), 5, 5)
    assert err.value.code == "grid_not_north_up"


# --- coverage fractions ---------------------------------------------------------------------------------

def test_square_covering_exactly_four_cells():
    # x 2..4, y 4..6 → columns 2, 3 and rows 10−6 = 4, 5: cells 42, 43, 52, 53, each fully covered
    assert as_dict(shapely.box(2, 4, 4, 6)) == {42: 1.0, 43: 1.0, 52: 1.0, 53: 1.0}


def test_square_offset_by_half_a_cell():
    # x 2.5..4.5, y 3.5..5.5: rows 4..6, columns 2..4. Corner cells ½×½ = 0.25, edge cells ½×1 = 0.5,
    # the centre cell (5, 3) 1.0; total 4 × 0.25 + 4 × 0.5 + 1 = 4 = the area.
    d = as_dict(shapely.box(2.5, 3.5, 4.5, 5.5))
    assert d == pytest.approx({42: 0.25, 43: 0.5, 44: 0.25, 52: 0.5, 53: 1.0, 54: 0.5,
                               62: 0.25, 63: 0.5, 64: 0.25})


def test_triangle():
    # right triangle (0,0) (4,0) (0,4): area 8. Its hypotenuse x + y = 4 cuts the diagonal cells in half:
    # cells with c + (9 − r) = 3 (the 4 cells on the hypotenuse) get 0.5, cells below it 1.0.
    d = as_dict(shapely.Polygon([(0, 0), (4, 0), (0, 4)]))
    assert sum(d.values()) == pytest.approx(8.0, rel=1e-12)
    for idx, f in d.items():
        r, c = divmod(idx, 10)
        assert f == pytest.approx(0.5 if c + (9 - r) == 3 else 1.0)
    assert len(d) == 10  # 4 halves + 6 full (3 + 2 + 1)


def test_polygon_with_a_hole():
    # 1..9 square minus 3..6.5 hole (x) × 3..6 (y): area 64 − 3.5·3 = 53.5; the hole's right edge
    # x = 6.5 halves column 6 in rows 4..6 (y 3..6).
    p = shapely.box(1, 1, 9, 9).difference(shapely.box(3, 3, 6.5, 6))
    d = as_dict(p)
    assert sum(d.values()) == pytest.approx(53.5)
    assert 5 * 10 + 4 not in d                 # inside the hole
    assert d[5 * 10 + 6] == pytest.approx(0.5)  # row 5 (y 4..5), column 6 (x 6..7)
    assert d[8 * 10 + 8] == 1.0


def test_multipolygon():
    # a unit square on cell 90 (x 0..1, y 0..1) and one centred on the corner (6, 4): 4 quarters
    mp = shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(5.5, 3.5, 6.5, 4.5)])
    assert as_dict(mp) == pytest.approx({90: 1.0, 55: 0.25, 56: 0.25, 65: 0.25, 66: 0.25})


def test_sliver_smaller_than_a_cell():
    # 0.1 × 0.05 inside cell (6, 3): fraction 0.005
    assert as_dict(shapely.box(3.2, 3.2, 3.3, 3.25)) == pytest.approx({63: 0.005})
    # a 1e-3 m wide strip along a whole row of cells
    d = as_dict(shapely.box(0, 5.2, 10, 5.201))
    assert list(d) == list(range(40, 50)) and all(v == pytest.approx(1e-3) for v in d.values())


def test_invalid_and_empty_geometries():
    bowtie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])  # made valid: two triangles of area 1
    assert sum(as_dict(bowtie).values()) == pytest.approx(2.0)
    cov = coverage_matrix([None, shapely.Polygon(), shapely.LineString([(0, 0), (3, 3)])], G)
    assert cov.shape == (3, 100) and cov.nnz == 0


def test_vertices_and_edges_on_cell_lines_and_corners():
    # a diamond whose edges run through cell corners: |x − 5| + |y − 5| ≤ 3, area 18; cells crossed by an
    # edge through their corners are halved, the others are whole.
    diamond = shapely.Polygon([(5, 2), (8, 5), (5, 8), (2, 5)])
    d = as_dict(diamond)
    assert sum(d.values()) == pytest.approx(18.0)
    assert set(np.round(list(d.values()), 12)) == {0.5, 1.0}


def test_random_polygons_conserve_area_and_match_shapely():
    # Σ_cells W · cell area = polygon area for polygons wholly inside the grid (1e-9 relative), and each
    # fraction equals shapely's intersection with the cell box.
    rng = np.random.default_rng(42)
    g = Grid("EPSG:4545", Affine(2.5, 0, 1000, 0, -2.5, 2000), 80, 60)  # 200 m × 150 m
    geoms = []
    for _ in range(60):
        cx, cy = rng.uniform(1030, 1170), rng.uniform(1880, 1970)
        n = int(rng.integers(3, 30))
        step = 2 * np.pi / n  # one vertex per sector: star-shaped, so simple
        ang = np.arange(n) * step + rng.uniform(0, 0.9 * step, n)
        rad = rng.uniform(0.5, 25) * rng.uniform(0.3, 1.0, n)
        p = shapely.Polygon(np.c_[cx + rad * np.cos(ang), cy + rad * np.sin(ang)])
        if rng.random() < 0.3:  # punch a hole
            p = p.difference(shapely.Point(cx, cy).buffer(rad.min() * 0.4))
        geoms.append(p)
    corners = [shapely.box(1001, 1851, 1003, 1853), shapely.box(1190, 1990, 1195, 1995)]
    geoms.append(shapely.MultiPolygon(corners))  # one part in each far corner of the grid
    cov = coverage_matrix(geoms, g)
    areas = shapely.area(np.array(geoms, dtype=object))
    np.testing.assert_allclose(np.asarray(cov.sum(axis=1)).ravel() * g.cell_area, areas, rtol=1e-9)
    assert cov.data.min() > 0 and cov.data.max() <= 1.0
    for i in (0, 7, 33, 60):
        row = cov.getrow(i)
        r, c = np.divmod(row.indices, g.width)
        boxes = shapely.box(1000 + c * 2.5, 2000 - (r + 1) * 2.5, 1000 + (c + 1) * 2.5, 2000 - r * 2.5)
        exact = shapely.area(shapely.intersection(geoms[i], boxes)) / g.cell_area
        np.testing.assert_allclose(row.data, exact, atol=1e-9)


def test_big_detailed_polygons_are_tiled_with_the_same_result(monkeypatch):
    # force the tiled path (8×8-cell tiles) and compare with the direct one
    from valuation import rasters
    rng = np.random.default_rng(7)
    g = Grid("EPSG:4545", Affine(1, 0, 0, 0, -1, 60), 70, 60)
    ang = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    rad = 22 + 4 * np.sin(ang * 9) + rng.normal(0, 0.3, ang.size)
    star = shapely.Polygon(np.c_[35 + rad * np.cos(ang), 30 + rad * np.sin(ang)])
    geoms = [star.difference(shapely.box(30, 25, 37.5, 33.3)), shapely.box(-5, -5, 12.5, 7.25)]
    direct = coverage_matrix(geoms, g)
    monkeypatch.setattr(rasters, "_TILE", 8)
    monkeypatch.setattr(rasters, "_TILE_WORK", 0)
    tiled = coverage_matrix(geoms, g)
    assert abs(direct - tiled).max() < 1e-9
    np.testing.assert_allclose(np.asarray(tiled.sum(axis=1)).ravel()[0], geoms[0].area, rtol=1e-9)


def test_partly_outside_the_grid():
    # x −2..3, y 7..12 (area 25): on the grid only x 0..3, y 7..10 = 9 m² → outside share 16/25 = 0.64
    p = shapely.box(-2, 7, 3, 12)
    d = as_dict(p)
    assert d == {0: 1.0, 1: 1.0, 2: 1.0, 10: 1.0, 11: 1.0, 12: 1.0, 20: 1.0, 21: 1.0, 22: 1.0}
    far = shapely.box(50, 50, 60, 60)
    out = outside_fraction([p, far, shapely.box(1, 1, 2, 2), shapely.Polygon()], G)
    np.testing.assert_allclose(out[:3], [0.64, 1.0, 0.0])
    assert np.isnan(out[3])


def test_coverage_matrix_reports_and_cancels():
    seen = []
    coverage_matrix([shapely.box(0, 0, 1, 1)], G, Monitor(lambda f, m: seen.append(f)))
    assert seen[-1] == 1.0
    with pytest.raises(Cancelled):
        coverage_matrix([shapely.box(0, 0, 1, 1)], G, Monitor(None, lambda: True))


# --- zonal statistics ------------------------------------------------------------------------------------

def test_zonal_sum_mean_and_valid_fraction_with_nodata():
    # the half-cell-offset square: fractions 0.25/0.5/1 over rows 4..6, columns 2..4 (see above)
    half = shapely.box(2.5, 3.5, 4.5, 5.5)
    four = shapely.box(2, 4, 4, 6)
    cov = coverage_matrix([half, four], G)
    values = np.arange(100, dtype=float).reshape(10, 10)  # value = flat index
    arr = np.ma.masked_array(values, mask=np.zeros((10, 10), bool))
    arr.mask[4, 2] = True   # a 0.25 corner of `half`, a whole cell of `four`
    arr.data[6, 4] = np.nan  # another 0.25 corner of `half`, not in `four`: NaN counts as nodata too
    # half: 0.25·(44 + 62) + 0.5·(43 + 52 + 54 + 63) + 1·53 = 26.5 + 106 + 53 = 185.5
    # four: 43 + 52 + 53 = 148 (42 masked)
    np.testing.assert_allclose(zonal_sum(cov, arr), [185.5, 148.0])
    # valid share: half (4 − 0.5)/4 = 0.875; four 3/4
    np.testing.assert_allclose(zonal_valid_fraction(cov, arr), [0.875, 0.75])
    np.testing.assert_allclose(zonal_valid_fraction(cov, np.ma.getmaskarray(arr) | np.isnan(arr.data)),
                               [0.875, 0.75])
    # weighted mean over valid cells: 185.5 / 3.5 = 53; 148 / 3
    np.testing.assert_allclose(zonal_mean(cov, arr), [53.0, 148 / 3])


def test_zonal_on_uncovered_geometry_is_nan_or_zero():
    cov = coverage_matrix([shapely.box(50, 50, 60, 60)], G)
    arr = np.ones((10, 10))
    assert zonal_sum(cov, arr)[0] == 0.0
    assert np.isnan(zonal_mean(cov, arr)[0]) and np.isnan(zonal_valid_fraction(cov, arr)[0])


# --- reading rasters onto the grid -----------------------------------------------------------------------

RES = 0.0002  # degrees (≈ 19 m × 22 m at 29.5°N)


@pytest.fixture()
def ramp_4490(tmp_path):
    """A float ramp on EPSG:4490 over 108.0–108.2 °E, 29.4–29.6 °N:
    v = 1000·(lon − 108)/0.2 + 500·(29.6 − lat)/0.2, i.e. +1 per pixel eastwards and +0.5 per pixel
    southwards; a 20×20-pixel nodata block at rows/cols 100..119."""
    w = h = 1000
    lon = 108.0 + (np.arange(w) + 0.5) * RES
    lat = 29.6 - (np.arange(h) + 0.5) * RES
    v = 1000 * (lon[None, :] - 108.0) / 0.2 + 500 * (29.6 - lat[:, None]) / 0.2
    v[100:120, 100:120] = -9999
    return write_tif(tmp_path / "ramp.tif", v, "EPSG:4490", from_origin(108.0, 29.6, RES, RES), nodata=-9999)


def _expected_ramp(grid):
    x, y = grid.cell_centres()
    lon, lat = Transformer.from_crs(4545, 4490, always_xy=True).transform(x, y)
    return 1000 * (lon - 108.0) / 0.2 + 500 * (29.6 - lat) / 0.2, lon, lat


def test_read_geographic_ramp_onto_projected_grid_bilinear(ramp_4490):
    # parcels' extent 108.05–108.15 °E, 29.45–29.55 °N in EPSG:4545; the DEM role gives a 4545 grid at the
    # source's nominal resolution: √(19.4 m × 22.2 m) ≈ 20.7 m
    bounds = Transformer.from_crs(4490, 4545, always_xy=True).transform_bounds(108.05, 29.45, 108.15, 29.55)
    grid, desc = choose_working_grid(None, ramp_4490, [], "EPSG:4545", bounds)
    assert grid.res == (20.7, 20.7) and "EPSG:4545" in desc and "20.7 m" in desc
    arr = read_on_grid(ramp_4490, grid)
    assert arr.dtype == np.float64
    expected, lon, lat = _expected_ramp(grid)
    assert not arr.mask.any()  # the nodata block (108.02 °E) is outside this window
    # bilinear reproduces a linear function; GDAL's approximate transformer allows 0.125 px (≤ 0.19 units)
    np.testing.assert_allclose(arr.filled(np.nan), expected, atol=0.2)


def test_read_masks_nodata_and_cells_outside_the_source(ramp_4490):
    # a 4545 grid straddling the source's west edge (108.0 °E) and its nodata block (108.02–108.024 °E)
    to4545 = Transformer.from_crs(4490, 4545, always_xy=True)
    x0, y0 = to4545.transform(107.99, 29.578)
    grid = Grid("EPSG:4545", Affine(20, 0, round(x0), 0, -20, round(y0)), 200, 30)
    arr = read_on_grid(ramp_4490, grid)
    expected, lon, lat = _expected_ramp(grid)
    outside = lon < 108.0 - RES
    in_hole = (abs(lon - 108.022) < 0.0015) & (abs(lat - 29.578) < 0.0015)
    assert arr.mask[outside].all() and arr.mask[in_hole].all()
    clear = (lon > 108.0 + 2 * RES) & ((abs(lon - 108.022) > 0.003) | (abs(lat - 29.578) > 0.003))
    assert not arr.mask[clear].any()
    np.testing.assert_allclose(arr.data[clear], expected[clear], atol=0.2)


def test_read_categorical_uses_nearest(tmp_path):
    # four classes in quadrants of a 4490 raster; nearest keeps only the class codes, and cells well
    # inside a quadrant get its code
    w = h = 400
    cls = np.ones((h, w), dtype="uint8")
    cls[:, 200:] = 2
    cls[200:, :200] = 3
    cls[200:, 200:] = 4
    path = write_tif(tmp_path / "lc.tif", cls, "EPSG:4490", from_origin(108.0, 29.6, RES, RES), nodata=0,
                     dtype="uint8")
    bounds = Transformer.from_crs(4490, 4545, always_xy=True).transform_bounds(108.01, 29.53, 108.07, 29.59)
    grid, _ = choose_working_grid(None, None, [path], "EPSG:4545", bounds)
    lc = read_on_grid(path, grid, categorical=True)
    assert set(np.unique(lc.compressed())) <= {1.0, 2.0, 3.0, 4.0}
    _, lon, lat = _expected_ramp(grid)
    east, south = lon > 108.04, lat < 29.56
    code = np.where(east, 2, 1) + np.where(south, 2, 0)
    far = (abs(lon - 108.04) > 2 * RES) & (abs(lat - 29.56) > 2 * RES)
    np.testing.assert_array_equal(lc.data[far], code[far])
    # bilinear would blend codes across the quadrant borders
    blended = read_on_grid(path, grid)
    assert not set(np.unique(np.round(blended.compressed(), 6))) <= {1.0, 2.0, 3.0, 4.0}


def test_read_finer_continuous_raster_averages(tmp_path):
    # 1 m cells alternating 0/4 by column onto a 10 m grid: bilinear would pick 0 or 4 (or 2 between);
    # the area average of every 10 m cell is exactly 2
    v = np.tile(np.array([0.0, 4.0]), (200, 100))
    path = write_tif(tmp_path / "fine.tif", v, "EPSG:4545", from_origin(500000, 3300000, 1, 1))
    grid = Grid("EPSG:4545", Affine(10, 0, 500020, 0, -10, 3299980), 10, 10)
    np.testing.assert_allclose(read_on_grid(path, grid), 2.0)


# --- choosing the working grid ---------------------------------------------------------------------------

def test_working_grid_keeps_ls_grid_in_target_crs(tmp_path):
    tr = from_origin(500000, 3300000, 10, 10)
    ls = write_tif(tmp_path / "ls.tif", np.ones((100, 100)), "EPSG:4545", tr)
    dem = write_tif(tmp_path / "dem.tif", np.ones((500, 500)), "EPSG:4545",
                    from_origin(500000, 3300000, 2, 2))
    # parcels' extent 500123..500456 × 3299321..3299789, + 1 cell: 500110..500470 × 3299310..3299800
    grid, desc = choose_working_grid(ls, dem, [], "EPSG:4545", (500123, 3299321, 500456, 3299789))
    assert grid.res == (10, 10)
    assert grid.bounds == (500110, 3299310, 500470, 3299800)
    assert desc.startswith("LS grid")
    # without LS the DEM's 2 m grid: 500121..500458 × 3299319..3299791
    grid, desc = choose_working_grid(None, dem, [], "EPSG:4545", (500123, 3299321, 500456, 3299789))
    assert grid.res == (2, 2) and grid.bounds == (500120, 3299318, 500458, 3299792)
    assert desc.startswith("DEM grid")


def test_working_grid_from_the_finest_factor_and_rebuilt_in_another_projected_crs(tmp_path):
    coarse = write_tif(tmp_path / "r.tif", np.ones((10, 10)), "EPSG:4545",
                       from_origin(500000, 3300000, 100, 100))
    fine = write_tif(tmp_path / "k.tif", np.ones((40, 40)), "EPSG:4545", from_origin(500000, 3300000, 25, 25))
    extent = (500100, 3299400, 500500, 3299800)
    grid, desc = choose_working_grid(None, None, [coarse, fine], "EPSG:4545", extent)
    assert grid.res == (25, 25) and "k.tif" in desc
    # the parcels are in zone 4544 (CM 105°E): a 25 m grid there, aligned to multiples of 25 m
    b = Transformer.from_crs(4545, 4544, always_xy=True).transform_bounds(*extent)
    grid, desc = choose_working_grid(None, None, [coarse, fine], "EPSG:4544", b)
    assert grid.pyproj_crs.to_epsg() == 4544 and grid.res == (25, 25)
    assert grid.transform.c % 25 == 0 and grid.transform.f % 25 == 0
    assert grid.bounds[0] <= b[0] - 25 and grid.bounds[2] >= b[2] + 25
    assert "rebuilt in EPSG:4544" in desc


def test_working_grid_for_geographic_parcels_uses_the_cgcs2000_zone(tmp_path, ramp_4490):
    grid, desc = choose_working_grid(None, ramp_4490, [], "EPSG:4490", (108.05, 29.45, 108.15, 29.55))
    assert grid.pyproj_crs.to_epsg() == 4545 and "replaced by EPSG:4545" in desc


def test_working_grid_needs_a_raster():
    with pytest.raises(ValuationError) as err:
        choose_working_grid(None, None, [], "EPSG:4545", (0, 0, 1, 1))
    assert err.value.code == "no_grid_source"


def test_end_to_end_sum_of_a_constant_raster_equals_area(tmp_path):
    # a constant 2.0 raster: Σ fraction·value = 2 · area / cell area for each parcel
    tif = write_tif(tmp_path / "c.tif", np.full((100, 100), 2.0), "EPSG:4545",
                    from_origin(500000, 3300000, 10, 10))
    parcels = [shapely.Point(500300, 3299600).buffer(37.0), shapely.box(500010, 3299010, 500015.5, 3299013)]
    bounds = tuple(shapely.total_bounds(np.array(parcels, dtype=object)))
    grid, _ = choose_working_grid(None, tif, [], "EPSG:4545", bounds)
    cov = coverage_matrix(parcels, grid)
    arr = read_on_grid(tif, grid)
    areas = np.array([p.area for p in parcels])
    np.testing.assert_allclose(zonal_sum(cov, arr) * grid.cell_area, 2.0 * areas, rtol=1e-9)
    assert math.isclose(zonal_mean(cov, arr)[0], 2.0)
