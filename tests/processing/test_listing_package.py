"""``swcvalue:listingpackage``: the five files through processing.run and through qgis_process.bin (PDF text read
back with pdftotext)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import geopandas as gpd
import processing
import pytest
from qgis.core import QgsVectorLayer
from shapely.geometry import box
from swc_ecovalue.valuation import fields

ROOT = Path(__file__).resolve().parents[2]
QP = ROOT / "scripts" / "qgis_process.sh"
KINDS = ("json", "xlsx", "geojson", "gpkg", "pdf")
NUMBER = re.compile(r"-?\d+\.(\d+)")

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")


@pytest.fixture(scope="module")
def valued(tmp_path_factory) -> Path:
    """Six 50 m parcels (EPSG:4545, AREA_M2 2,500 m² = 3.75 亩); S1-1..S1-3 are the lot."""
    path = tmp_path_factory.mktemp("listing") / "valued.gpkg"
    n = 6
    gpd.GeoDataFrame({
        "PARCEL_ID": [f"S1-{i + 1}" for i in range(n)], "DLBM": ["0301", "0301", "0201", "0103", "0103", "1104"],
        "DLMC": ["乔木林地", "乔木林地", "果园", "旱地", "旱地", "坑塘水面"], "ZLDWMC": ["甲村"] * n,
        "SELLER": ["甲村委会"] * n, "ELIGIBLE": [1] * n, "AREA_M2": [2500.0] * n},
        geometry=[box(400000 + (i % 3) * 50, 3300000 + (i // 3) * 50, 400050 + (i % 3) * 50,
                      3300050 + (i // 3) * 50) for i in range(n)], crs="EPSG:4545").to_file(path, layer="valued")
    return path


def make_register(path: Path, valued: Path, contact: bool = True) -> Path:
    lot = f"{valued}|layername=valued|subset=\"PARCEL_ID\" IN ('S1-1','S1-2','S1-3')"
    processing.run("swcvalue:registertrade", {"REGISTER": str(path), "TRADE_ID": "T1", "ACTION": 0,
                                              "PARCELS": lot, "FIELDS": ["PRODUCT", "生态旅游经营权"]})
    fields = {"ACCOUNTED_VALUE": 2600, "ACCOUNT_DATE": "2025-03-01", "APPRAISER": "评估公司", "APPRAISED_VALUE": 30000,
              "APPRAISAL_DATE": "2025-04-01", "COUNTY": "示例县", "PLATFORM_REF": "CQGGZY-2025-001",
              "LISTING_PRICE": 28000, "TERM_YEARS": 20, "OPERATING_FORMS": "生态旅游；林下种植",
              "OPERATOR_SCOPE": "依法设立的企业", "PAYMENT_METHOD": "分期"}
    if contact:
        fields["CONTACT"] = "示例县水利局 023-12345678"
    processing.run("swcvalue:registertrade", {"REGISTER": str(path), "TRADE_ID": "T1", "TO_STATUS": 2,
                                              "FIELDS": [[k, v] for k, v in fields.items()]})
    return path


@pytest.fixture(scope="module")
def register(plugin, valued, tmp_path_factory) -> Path:
    """A project register with trade T1 (S1-1..S1-3) appraised, with every listing field."""
    return make_register(tmp_path_factory.mktemp("listing_reg") / "project.gpkg", valued)


def test_listing_package_through_processing_run(plugin, valued, register, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "out"
    res = processing.run("swcvalue:listingpackage", {"REGISTER": str(register), "TRADE_ID": "T1",
                                                     "PARCELS": str(valued), "OUTPUT_FOLDER": str(out)})
    for kind in KINDS:
        path = out / f"T1_listing.{kind}"
        assert path.is_file() and res[kind.upper()] == str(path), kind
    assert sorted(p.name for p in out.iterdir()) == sorted(f"T1_listing.{k}" for k in KINDS)
    assert res["LISTING_PRICE"] == 28000 and res["N_PARCELS"] == 3
    doc = json.loads((out / "T1_listing.json").read_text(encoding="utf-8"))
    assert [p["PARCEL_ID"] for p in doc["parcels"]] == ["S1-1", "S1-2", "S1-3"]
    assert doc["totals"]["AREA_M2"] == 7500.0 and doc["totals"]["AREA_MU"] == 11.25  # 3 x 2,500 m² x 15/10,000
    assert doc["operating_forms"] == ["生态旅游", "林下种植"] and doc["basic"]["PLATFORM_REF"] == "CQGGZY-2025-001"
    text = (out / "T1_listing.geojson").read_text(encoding="utf-8")
    assert "crs" not in json.loads(text) and max(len(m.group(1)) for m in NUMBER.finditer(text)) <= 4
    assert load_workbook(out / "T1_listing.xlsx").sheetnames == ["基本信息", "地块清单"]
    assert (out / "T1_listing.pdf").read_bytes()[:5] == b"%PDF-"
    # both GeoPackage layers carry their default style with the catalogue's aliases
    with sqlite3.connect(out / "T1_listing.gpkg") as con:
        styled = sorted(r[0] for r in con.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault"))
    assert styled == ["lot_boundary", "parcels"]
    parcels = QgsVectorLayer(f"{out / 'T1_listing.gpkg'}|layername=parcels", "p", "ogr")
    assert parcels.isValid()
    aliases = {f.name(): f.alias() for f in parcels.fields()}
    assert aliases["AREA_M2"] == fields.alias("AREA_M2", "en") == "Area (m²)"
    assert aliases["PARCEL_ID"] == "Parcel id" and aliases["DLBM"] == "Land-use code"


def test_precise_boundaries_on_request(plugin, valued, register, tmp_path):
    processing.run("swcvalue:listingpackage", {"REGISTER": str(register), "TRADE_ID": "T1", "PARCELS": str(valued),
                                               "PRECISE": True, "OUTPUT_FOLDER": str(tmp_path)})
    gj = json.loads((tmp_path / "T1_listing.geojson").read_text(encoding="utf-8"))
    coords = [c for ring in gj["features"][0]["geometry"]["coordinates"] for pt in ring for c in pt]
    assert max(len(repr(c).split(".")[1]) for c in coords) == 7
    assert gj["features"][0]["properties"]["MODE"] == "precise"


def test_missing_field_stops_and_writes_nothing(plugin, valued, tmp_path):
    from qgis.core import QgsProcessingException

    reg = make_register(tmp_path / "p.gpkg", valued, contact=False)
    out = tmp_path / "out"
    with pytest.raises(QgsProcessingException, match=r"CONTACT \(联系方式\)"):
        processing.run("swcvalue:listingpackage", {"REGISTER": str(reg), "TRADE_ID": "T1", "PARCELS": str(valued),
                                                   "OUTPUT_FOLDER": str(out)})
    assert not out.exists() or not any(out.iterdir())


@needs_poppler
@pytest.mark.qgis_process
def test_listing_package_through_qgis_process(plugin, valued, register, tmp_path):
    out = tmp_path / "pkg"
    proc = subprocess.run([str(QP), "run", "swcvalue:listingpackage", "--", f"REGISTER={register}", "TRADE_ID=T1",
                           f"PARCELS={valued}", f"OUTPUT_FOLDER={out}"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "审图号" in proc.stdout + proc.stderr  # the map-review note is logged
    for kind in KINDS:
        assert (out / f"T1_listing.{kind}").is_file(), kind
    pdf = subprocess.run(["pdftotext", "-layout", str(out / "T1_listing.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    for text in ("T1", "28,000.00", "挂牌价", "生态旅游", "依法设立的企业", "审图号", "S1-3", "11.25"):
        assert text in pdf, text
    assert "S1-4" not in pdf
    if shutil.which("pdftoppm"):  # the lot is drawn in the map frame (report_layout.LOT_FILL)
        import numpy as np
        from PIL import Image
        from swc_ecovalue.processing_provider.report_layout import LOT_FILL, MAP_RECT, PAGE_H, PAGE_W

        subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-singlefile", "-png",
                        str(out / "T1_listing.pdf"), str(tmp_path / "page")], check=True)
        img = np.asarray(Image.open(tmp_path / "page.png").convert("RGB")).astype(int)
        sy, sx = img.shape[0] / PAGE_H, img.shape[1] / PAGE_W
        x, y, w, h = MAP_RECT
        frame = img[int(y * sy) + 2:int((y + h) * sy) - 2, int(x * sx) + 2:int((x + w) * sx) - 2]
        lot = (np.abs(frame - np.array(LOT_FILL)) <= 12).all(axis=2)
        assert lot.sum() > 0.15 * lot.size, lot.sum()
