"""Loading the plugin's algorithms does not load what only running some of them needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_loading_the_provider_leaves_rasterio_and_gdal_unloaded(plugin):
    """rasterio (and GDAL's Python bindings) cost 0.15 s of every start of QGIS or ``qgis_process``: the
    algorithms that read rasters import them when they run."""
    package_parent = str(Path(sys.modules["swc_ecovalue"].__file__).parent.parent)  # .build/plugins
    code = (f"import sys; sys.path.insert(0, {package_parent!r}); import swc_ecovalue.processing_provider.provider; "
            "print(sorted(m for m in ('rasterio', 'osgeo', 'swc_ecovalue.valuation.accounting') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
