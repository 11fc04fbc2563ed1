"""The plugin through ``qgis_process.bin``: where library-linking problems show up."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from valuation import native

ROOT = Path(__file__).resolve().parents[2]
QP = ROOT / "scripts" / "qgis_process.sh"
SAMPLE = ROOT / "resources" / "sample" / "sample_watershed.gpkg"

pytestmark = pytest.mark.qgis_process


def qgis_process(*args: str, locale: str = "en", timeout: int = 600) -> subprocess.CompletedProcess:
    env = dict(os.environ, SWC_LOCALE=locale)
    return subprocess.run([str(QP), *args], capture_output=True, text=True, env=env, timeout=timeout)


def run_json(alg: str, **params: str) -> dict:
    proc = qgis_process("--json", "run", alg, "--", *[f"{k}={v}" for k, v in params.items()])
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return json.loads(proc.stdout[proc.stdout.index("{"):])


def test_algorithms_listed():
    proc = qgis_process("list")
    assert proc.returncode == 0, proc.stderr
    assert "swcvalue:splitparcels" in proc.stdout
    assert "swcvalue:environment" in proc.stdout


def test_geo_stack_runs_on_qgis_libraries():
    """The probe round-trips shapely/pyproj/rasterio/geopandas inside qgis_process.bin and the
    versions its libraries report are QGIS's own (a bundled-library wheel would differ)."""
    proc = qgis_process("--json", "run", "swcvalue:environment")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Warning" not in proc.stderr, proc.stderr  # nothing for the user to wonder about (rasterio's from_origin)
    res = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    ver = qgis_process("--version").stdout
    gdal = re.search(r"GDAL[^\d]*(\d+\.\d+\.\d+)", ver).group(1)
    geos = re.search(r"GEOS[^\d]*(\d+\.\d+\.\d+)", ver).group(1)
    proj = re.search(r"PROJ[^\d]*(\d+\.\d+\.\d+)", ver).group(1)
    assert res["GDAL"] == gdal == res["QGIS_GDAL"]
    assert res["GEOS"].startswith(geos)
    assert res["PROJ"] == proj
    # the compiled kernels load and run inside qgis_process: the C library when it is built, else numba's;
    # the GeoPackage insert's and read's probes write and read back a row
    kind = "compiled (C" if native.library_path().is_file() else \
        "compiled (numba" if importlib.util.find_spec("numba") else None
    assert res["COVERAGE"].startswith(kind or "numpy"), res["COVERAGE"]
    if kind == "compiled (C" and sys.platform.startswith("linux"):  # one GEOS in the process, shapely's and QGIS's
        assert res["COVERAGE"].endswith("window edges read from GEOS"), res["COVERAGE"]
    assert res["GPKG_WRITE"].startswith(kind or "Python"), res["GPKG_WRITE"]
    assert res["GPKG_READ"].startswith(kind or "pyogrio"), res["GPKG_READ"]


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample watershed not generated")
def test_split_sample_watershed(tmp_path):
    out = tmp_path / "parcels.gpkg"
    res = run_json("swcvalue:splitparcels", SCOPE=f"{SAMPLE}|layername=JYFW", PARCELS=f"{SAMPLE}|layername=DLTB",
                   SCOPE_ID_FIELD="SCOPE_ID", OUTPUT=str(out))["results"]
    import geopandas as gpd

    gdf = gpd.read_file(out)
    assert res["PARCEL_COUNT"] == len(gdf) > 10
    assert res["TOTAL_AREA_M2"] == pytest.approx(gdf["AREA_M2"].sum(), rel=1e-9)
    assert gdf["PARCEL_ID"].is_unique
    assert gdf["QSDWMC"].str.contains("村|林场|政府").all()  # Chinese owner names survive the round trip


def test_chinese_help_and_errors():
    proc = qgis_process("help", "swcvalue:splitparcels", locale="zh-Hans")
    assert proc.returncode == 0
    assert "地类图斑" in proc.stdout and "交易范围" in proc.stdout
    assert "Split trading scope into land-use parcels" not in proc.stdout


def test_shapefile_output_through_qgis_process(tmp_path):
    if not SAMPLE.exists():
        pytest.skip("sample watershed not generated")
    out = tmp_path / "parcels.shp"
    run_json("swcvalue:splitparcels", SCOPE=f"{SAMPLE}|layername=JYFW", PARCELS=f"{SAMPLE}|layername=DLTB",
             SCOPE_ID_FIELD="SCOPE_ID", OUTPUT=str(out))
    assert out.with_suffix(".cpg").read_text().strip().upper().replace("-", "") == "UTF8"
    import geopandas as gpd

    gdf = gpd.read_file(out, encoding="utf-8")
    assert gdf["ZLDWMC"].str.contains("村").all()
