"""``swcvalue:workplan`` — the trading work plan as PDF (map of the lots per trade) and editable .odt, through
processing.run and qgis_process.bin; read back with pdftotext / pdftoppm and by parsing the .odt's content.xml."""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import processing
import pytest
from qgis.core import QgsProcessingException
from shapely.geometry import box

ROOT = Path(__file__).resolve().parents[2]
QP = ROOT / "scripts" / "qgis_process.sh"
CREDIT = "91350100M000100Y43"
MILESTONES = ("价值核算", "价值评估", "挂牌交易", "交易结果公示", "签订交易合同", "出具交易凭证", "报批反哺方案")
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"

needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
                                   reason="poppler-utils (pdftotext, pdftoppm) not installed")


@pytest.fixture(scope="module")
def parcels(tmp_path_factory) -> Path:
    """Six 50 m × 50 m parcels (2,500 m² each, EPSG:4545); A-1..A-3 are trade T1, B-1 and B-2 trade T2."""
    path = tmp_path_factory.mktemp("workplan") / "parcels.gpkg"
    ids = ["A-1", "A-2", "A-3", "B-1", "B-2", "C-1"]
    gdf = gpd.GeoDataFrame({
        "PARCEL_ID": ids, "DLBM": ["0301", "0301", "0201", "0103", "0103", "1104"],
        "DLMC": ["乔木林地", "乔木林地", "果园", "旱地", "旱地", "坑塘水面"], "ZLDWMC": ["甲村"] * 3 + ["乙村"] * 3,
        "AREA_M2": [2500.0] * 6, "V_MAT": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0],
        "V_REG": [100.0, 200.0, 300.0, 400.0, 500.0, 600.0], "V_CUL": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]},
        geometry=[box(400000 + i * 60, 3300000, 400050 + i * 60, 3300050) for i in range(6)], crs="EPSG:4545")
    gdf["V_TOTAL"] = gdf["V_MAT"] + gdf["V_REG"] + gdf["V_CUL"]
    gdf.to_file(path, layer="parcels", driver="GPKG")
    return path


@pytest.fixture(scope="module")
def register(plugin, parcels, tmp_path_factory) -> Path:
    """T1 (生态旅游经营权, planned: 甲村委会) and T2 (林下种植经营权, accounted on 2026-02-20: 乙村委会)."""
    from swc_ecovalue.valuation.register import Register
    from swc_ecovalue.valuation.trading import advance_trade, create_trade

    path = tmp_path_factory.mktemp("workplan_reg") / "project.gpkg"
    reg = Register.create(path)
    reg.apply(pd.DataFrame({"PARCEL_ID": ["A-1", "A-2", "A-3", "B-1", "B-2"], "OWN_TYPE": ["COLLECTIVE"] * 5,
                            "HOLDER": ["甲村委会"] * 3 + ["乙村委会"] * 2,
                            "SELLER": ["甲村委会"] * 3 + ["乙村委会"] * 2,
                            "SELLER_CD": [CREDIT] * 5, "DISPUTE": ["NONE"] * 5}).set_index("PARCEL_ID"))
    create_trade(reg, "T1", {"PRODUCT": "生态旅游经营权"},
                 pd.DataFrame({"PARCEL_ID": ["A-1", "A-2", "A-3"], "SELLER": ["甲村委会"] * 3}))
    create_trade(reg, "T2", {"PRODUCT": "林下种植经营权"},
                 pd.DataFrame({"PARCEL_ID": ["B-1", "B-2"], "SELLER": ["乙村委会"] * 2}))
    advance_trade(reg, "T2", "accounted", {"ACCOUNTED_VALUE": 999, "ACCOUNT_DATE": "2026-02-20"})
    return path


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def odt_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        first = z.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        ET.fromstring(z.read("META-INF/manifest.xml"))
        root = ET.fromstring(z.read("content.xml"))
    return "\n".join("".join(el.itertext()) for el in root.iter() if el.tag in (TEXT_NS + "p", TEXT_NS + "h"))


def check_fields(text: str) -> None:
    """The register's fields in a rendered plan (T1: 3 × 2,500 m² = 7,500 m² = 11.25 亩; T2: 5,000 m² = 7.50 亩)."""
    for item in ("T1", "T2", "生态旅游经营权", "林下种植经营权", "11.25", "7.50", "18.75", "县人民政府",
                 "县人民政府审批意见", "甲村委会", "乙村委会", "913501********0Y43", "县水利局", "公共资源交易中心",
                 *MILESTONES,
                 # T1 from 2026-01-05: accounting + 60 d = 2026-03-06; T2 accounted (register) 2026-02-20
                 "2026-03-06", "2026-02-20", "已完成"):
        assert item in text, item
    assert CREDIT not in text


@needs_poppler
@pytest.mark.qgis_process
def test_workplan_pdf_and_odt_through_qgis_process(plugin, parcels, register, tmp_path):
    from PIL import Image
    from swc_ecovalue.processing_provider.report_layout import MAP_RECT, PAGE_H, PAGE_W
    from swc_ecovalue.processing_provider.workplan import LOT_COLOURS

    pdf, odt = tmp_path / "plan.pdf", tmp_path / "plan.odt"
    proc = subprocess.run([str(QP), "run", "swcvalue:workplan", "--", f"REGISTER={register}", "TRADE_IDS=T1,T2",
                           f"PARCELS={parcels}", "COUNTY=示例县", "START_DATE=2026-01-05", f"OUTPUT={pdf}",
                           f"OUTPUT_DOC={odt}"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "LOT_COUNT:\t2" in proc.stdout and "AREA_MU:\t18.75" in proc.stdout
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(pdf)
    assert "示例县水土保持生态产品交易工作计划" in text and text.count("一、交易概况") == 1
    check_fields(text)
    assert "C-1" not in text  # not part of either trade
    check_fields(odt_text(odt))
    # page 1: the map frame shows T1 in the first colour and T2 in the second, nothing else in those colours
    stem = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-singlefile", "-png", str(pdf), str(stem)],
                   check=True)
    img = np.asarray(Image.open(f"{stem}.png").convert("RGB")).astype(int)
    sy, sx = img.shape[0] / PAGE_H, img.shape[1] / PAGE_W
    x, y, w, h = MAP_RECT
    rows, cols = slice(int(y * sy) + 2, int((y + h) * sy) - 2), slice(int(x * sx) + 2, int((x + w) * sx) - 2)
    t1, t2 = ((np.abs(img - np.array(c)) <= 12).all(axis=2) for c in LOT_COLOURS[:2])
    assert t1[rows, cols].sum() > 100 and t2[rows, cols].sum() > 60
    assert t1[rows, cols].sum() > t2[rows, cols].sum()  # three parcels against two
    assert t1.sum() - t1[rows, cols].sum() < 20
    # the .odt embeds the same map as a PNG, declared in the manifest and placed in section 二
    with zipfile.ZipFile(odt) as z:
        png = z.read("Pictures/image1.png")
        assert b'manifest:full-path="Pictures/image1.png" manifest:media-type="image/png"' in z.read(
            "META-INF/manifest.xml")
        content = z.read("content.xml").decode()
    assert content.index('xlink:href="Pictures/image1.png"') > content.index("交易范围见图")
    pic = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    p1, p2 = ((np.abs(pic - np.array(c)) <= 12).all(axis=2).sum() for c in LOT_COLOURS[:2])
    assert p1 > p2 > 100


def test_schedule_overrides_duties_and_html(plugin, parcels, register, tmp_path):
    duties = tmp_path / "duties.csv"
    duties.write_text("部门,职责\n县水利局,牵头编制工作计划\n示例镇人民政府,组织村集体\n", encoding="utf-8")
    out = tmp_path / "plan.html"
    res = processing.run("swcvalue:workplan", {
        "REGISTER": str(register), "TRADE_IDS": "T2", "PARCELS": str(parcels), "START_DATE": "2026-01-05",
        "SCHEDULE": ["contract", "2026-08-31", "accounting", "2026-01-10"], "DUTIES_TABLE": str(duties),
        "OUTPUT": str(out)})
    assert res["LOT_COUNT"] == 1 and res["AREA_MU"] == pytest.approx(7.5)
    html = out.read_text(encoding="utf-8")
    # contract fixed on 2026-08-31 → certificate + 45 d = 2026-10-15, feedback plan + 6 months = 2027-02-28;
    # the accounting date of the register (2026-02-20) wins over the SCHEDULE date
    for item in ("2026-08-31", "2026-10-15", "2027-02-28", "2026-02-20", "示例镇人民政府", "计划（指定）"):
        assert item in html, item
    assert "2026-01-10" not in html and "公共资源交易中心" not in html  # the duties table replaced the default


def test_errors(plugin, parcels, register, tmp_path):
    base = {"REGISTER": str(register), "PARCELS": str(parcels), "OUTPUT": str(tmp_path / "p.html")}
    with pytest.raises(QgsProcessingException, match="T9"):
        processing.run("swcvalue:workplan", {**base, "TRADE_IDS": "T1, T9"})
    subset = f"{parcels}|layername=parcels|subset=\"PARCEL_ID\" <> 'A-2'"
    with pytest.raises(QgsProcessingException, match="A-2"):
        processing.run("swcvalue:workplan", {**base, "TRADE_IDS": "T1", "PARCELS": subset})
    with pytest.raises(QgsProcessingException, match="signing"):
        processing.run("swcvalue:workplan", {**base, "SCHEDULE": ["signing", "2026-08-31"]})
    assert not (tmp_path / "p.html").exists()  # nothing half-written


def test_registered(plugin):
    from qgis.core import QgsApplication
    from swc_ecovalue.compat import algorithm_flag

    alg = QgsApplication.processingRegistry().algorithmById("swcvalue:workplan")
    assert alg is not None and alg.flags() & algorithm_flag("NoThreading") and alg.groupId() == "trading"
    assert "<code>OUTPUT_DOC</code>" in alg.shortHelpString()
    assert {"REGISTER", "TRADE_IDS", "PARCELS", "COUNTY", "START_DATE", "SCHEDULE", "DUTIES_TABLE", "OUTPUT",
            "OUTPUT_DOC"} <= {p.name() for p in alg.parameterDefinitions()}
