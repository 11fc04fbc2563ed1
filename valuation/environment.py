"""Report the geo stack's library versions and exercise it (the probe run inside qgis_process)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any


def probe() -> dict[str, Any]:
    """Library versions plus a small round trip through each library; raises on failure."""
    import geopandas as gpd
    import numpy as np
    import pyproj
    import rasterio
    import shapely
    from affine import Affine

    from . import coverage_kernel
    from .blockwise import block_coverage
    from .rasters import Grid

    bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    fixed = shapely.make_valid(bowtie)
    back = shapely.from_wkb(shapely.to_wkb(fixed))
    assert abs(back.area - 0.5) < 1e-12, "shapely make_valid/WKB round trip"
    tr = pyproj.Transformer.from_crs(4545, 4490, always_xy=True)
    lon, lat = tr.transform(500000.0, 3300000.0)
    assert abs(lon - 108.0) < 1e-9, "pyproj transform"
    with tempfile.TemporaryDirectory() as tmp:
        tif = Path(tmp) / "probe.tif"
        with rasterio.open(tif, "w", driver="GTiff", width=2, height=2, count=1, dtype="float32",
                           crs="EPSG:4545", transform=Affine(1, 0, 0, 0, -1, 2)) as ds:
            ds.write(np.arange(4, dtype="float32").reshape(1, 2, 2))
        with rasterio.open(tif) as ds:
            assert float(ds.read(1).sum()) == 6.0, "rasterio write/read"
        gpkg = Path(tmp) / "probe.gpkg"
        gpd.GeoDataFrame({"a": [1]}, geometry=[fixed], crs=4545).to_file(gpkg, layer="t")
        assert len(gpd.read_file(gpkg, layer="t")) == 1, "geopandas GeoPackage round trip"
    # the coverage path the accounting uses: a 2 × 1 box over whole 1 m cells covers two of them
    grid = Grid("EPSG:4545", Affine(1, 0, 0, 0, -1, 3), 4, 3)
    cov = block_coverage(np.array([shapely.box(1, 1, 3, 2)], dtype=object), np.array([0]), grid)
    assert abs(float(cov.weights(1)[0]) - 2.0) < 1e-12, "coverage of a box"
    return {
        "GEOS": shapely.geos_version_string,
        "PROJ": pyproj.proj_version_str,
        "GDAL": rasterio.__gdal_version__,
        "numpy": np.__version__,
        "shapely": shapely.__version__,
        "pyproj": pyproj.__version__,
        "rasterio": rasterio.__version__,
        "geopandas": gpd.__version__,
        "coverage": coverage_kernel.describe(),
    }
