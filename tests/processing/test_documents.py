"""``swcvalue:tradecertificate`` (PDF with a map of the lots) and ``swcvalue:valuationreport`` (PDF + .xlsx),
produced headless through qgis_process.bin and read back with pdftotext / pdftoppm."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import processing
import pytest
from shapely.geometry import box

ROOT = Path(__file__).resolve().parents[2]
QP = ROOT / "scripts" / "qgis_process.sh"
CREDIT = "91350100M000100Y43"
DPI = 50

needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
                                   reason="poppler-utils (pdftotext, pdftoppm) not installed")


@pytest.fixture(scope="module")
def valued(tmp_path_factory) -> Path:
    """Six valued parcels (EPSG:4545); S1-1..S1-3 will be the trade's lot."""
    path = tmp_path_factory.mktemp("documents") / "valued.gpkg"
    n = 6
    area = [2500.0] * n
    vt = [1200.0, 800.0, 600.0, 300.0, 150.0, 90.0]
    gdf = gpd.GeoDataFrame({
        "PARCEL_ID": [f"S1-{i + 1}" for i in range(n)], "DLBM": ["0301", "0301", "0201", "0103", "0103", "1104"],
        "DLMC": ["乔木林地", "乔木林地", "果园", "旱地", "旱地", "坑塘水面"], "ZLDWMC": ["甲村"] * n,
        "HOLDER": ["甲村委会"] * n, "SELLER": ["甲村委会"] * n, "ELIGIBLE": [1] * n, "AREA_M2": area,
        "V_MAT": [v * 0.1 for v in vt], "V_REG": [v * 0.8 for v in vt], "V_CUL": [v * 0.1 for v in vt],
        "V_TOTAL": vt, "V_TOT_LO": [v * 0.8 for v in vt], "V_TOT_HI": [v * 1.3 for v in vt],
        "DV_TOTAL": [v * 0.05 for v in vt], "V_PER_MU": [v / (a * 15 / 10000) for v, a in zip(vt, area)]},
        geometry=[box(400000 + (i % 3) * 50, 3300000 + (i // 3) * 50, 400050 + (i % 3) * 50,
                      3300050 + (i // 3) * 50) for i in range(n)], crs="EPSG:4545")
    gdf.to_file(path, layer="valued", driver="GPKG")
    return path


@pytest.fixture(scope="module")
def register(plugin, valued, tmp_path_factory) -> Path:
    """A project register with trade T1 (parcels S1-1..S1-3) moved to certified."""
    reg = tmp_path_factory.mktemp("documents_reg") / "project.gpkg"
    lot = f"{valued}|layername=valued|subset=\"PARCEL_ID\" IN ('S1-1','S1-2','S1-3')"
    processing.run("swcvalue:registertrade", {"REGISTER": str(reg), "TRADE_ID": "T1", "ACTION": 0,
                                              "PARCELS": lot, "FIELDS": ["PRODUCT", "生态旅游经营权"]})
    fields = {"ACCOUNTED_VALUE": 2600, "ACCOUNT_DATE": "2025-03-01", "APPRAISER": "评估公司", "APPRAISED_VALUE": 30000,
              "APPRAISAL_DATE": "2025-04-01", "LISTING_DATE": "2025-05-01", "LISTING_PRICE": 1880000,
              "OPERATING_FORMS": "生态旅游；林下种植", "OPERATOR_SCOPE": "依法设立的企业", "CONTACT": "县水利局",
              "PUBLICITY_START": "2025-05-02",
              "PUBLICITY_END": "2025-05-12", "PUBLICITY_OUTCOME": "无异议", "OPERATOR": "山水旅游公司",
              "OPERATOR_CD": CREDIT, "TERM_YEARS": 20, "START_DATE": "2025-09-01", "PRICE": 28000,
              "PAYMENT_METHOD": "分期", "CONTRACT_NO": "HT-1", "SIGNING_DATE": "2025-08-31",
              "REVENUE_PLAN_NO": "府批1号", "REVENUE_PLAN_DATE": "2025-08-20", "FILED_WATER": "2025-09-05",
              "FILED_DRC": "2025-09-06", "FILED_FINANCE": "2025-09-07", "COUNTY": "示例县", "CERT_DATE": "2025-09-10",
              "PAYMENT_SCHEDULE": "2025-09-01:14000;2026-09-01:14000"}
    res = processing.run("swcvalue:registertrade", {"REGISTER": str(reg), "TRADE_ID": "T1", "TO_STATUS": 7,
                                                    "FIELDS": [[k, v] for k, v in fields.items()]})
    assert res["CERT_NO"] == "示例县-2025-0001"
    return reg


def qgis_process(alg: str, *params: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(QP), "run", alg, "--", *params], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def pdf_text(pdf: Path, first: int = 1, last: int = 1) -> str:
    return subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def first_page(pdf: Path, tmp_path: Path) -> np.ndarray:
    """Page 1 rendered at :data:`DPI` as an RGB array."""
    from PIL import Image

    stem = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", "-png", str(pdf), str(stem)],
                   check=True)
    return np.asarray(Image.open(f"{stem}.png").convert("RGB")).astype(int)


def map_frame(img: np.ndarray) -> tuple[slice, slice]:
    """The rows and columns of the layout's map frame (report_layout.MAP_RECT, mm) in the rendered page."""
    from swc_ecovalue.processing_provider.report_layout import MAP_RECT, PAGE_H, PAGE_W

    sy, sx = img.shape[0] / PAGE_H, img.shape[1] / PAGE_W
    x, y, w, h = MAP_RECT
    return slice(int(y * sy) + 2, int((y + h) * sy) - 2), slice(int(x * sx) + 2, int((x + w) * sx) - 2)


def colour_mask(img: np.ndarray, rgb: tuple[int, int, int], tol: int = 12) -> np.ndarray:
    return (np.abs(img - np.array(rgb)) <= tol).all(axis=2)


@needs_poppler
@pytest.mark.qgis_process
def test_certificate_pdf_through_qgis_process(plugin, valued, register, tmp_path):
    from swc_ecovalue.processing_provider.report_layout import LOT_FILL

    plan = tmp_path / "plan.csv"
    plan.write_text("RECIPIENT,CATEGORY,HOLDER,PERCENT,AMOUNT\n县水利局,FEEDBACK,,20,5600\n"
                    "甲村委会,COLLECTIVE,甲村委会,80,22400\n", encoding="utf-8")
    pdf = tmp_path / "certificate.pdf"
    qgis_process("swcvalue:tradecertificate", f"REGISTER={register}", "TRADE_ID=T1", f"PARCELS={valued}",
                 f"REVENUE_PLAN={plan}", f"OUTPUT={pdf}")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    page1 = pdf_text(pdf)
    assert "水土保持生态产品交易凭证" in page1
    assert "示例县-2025-0001" in page1
    everything = pdf_text(pdf, 1, 99)
    assert CREDIT not in everything and "913501********0Y43" in everything  # masked identifier
    for text in ("发证部门", "S1-1", "S1-3", "生态保护责任", "监测指标", "2026-02-28", "反哺水土流失治理", "22,400.00",
                 "14,000.00"):
        assert text in everything, text
    assert "S1-4" not in everything  # not part of the trade
    img = first_page(pdf, tmp_path)
    rows, cols = map_frame(img)
    lots = colour_mask(img, LOT_FILL)
    inside = int(lots[rows, cols].sum())
    assert inside > 0.15 * lots[rows, cols].size, inside  # the lots fill a good part of the map frame
    assert int(lots.sum()) - inside < 20  # and the fill appears nowhere else


def test_certificate_html_lists_the_dossier(plugin, valued, register, tmp_path):
    out = tmp_path / "certificate.html"
    processing.run("swcvalue:tradecertificate", {"REGISTER": str(register), "TRADE_ID": "T1",
                                                 "PARCELS": str(valued), "OUTPUT": str(out)})
    text = out.read_text(encoding="utf-8")
    assert "水土保持生态产品交易凭证" in text and CREDIT not in text and "2026-02-28" in text
    assert "2,600.00" in text  # the lot's accounted value, the sum of V_TOTAL over S1-1..S1-3


@needs_poppler
@pytest.mark.qgis_process
def test_valuation_report_pdf_and_xlsx(plugin, valued, tmp_path):
    from openpyxl import load_workbook
    from swc_ecovalue.processing_provider.report_layout import CHOROPLETH_COLOURS

    prov = tmp_path / "provenance.csv"
    prov.write_text("kind,key,value,text,value_low,value_high,unit,price_year,source,note\n"
                    "run,parameter_set,,cq_default_v1,,,,,,\n"
                    "parameter,price_sediment,12.6,,10,15,元/m³,2024,水利部定额,泥沙清淤单价\n", encoding="utf-8")
    pdf, xlsx = tmp_path / "report.pdf", tmp_path / "report.xlsx"
    qgis_process("swcvalue:valuationreport", f"INPUT={valued}", f"PROVENANCE={prov}", "COUNTY=示例县", "YEAR=2025",
                 f"OUTPUT={pdf}", f"TABLES={xlsx}")
    assert "水土保持生态产品价值核算报告" in pdf_text(pdf)
    everything = pdf_text(pdf, 1, 99)
    for text in ("核算方法与公式", "price_sediment", "元/m³", "水利部定额", "乔木林地", "3,140",
                 "水土保持措施提升价值增量"):
        assert text in everything, text
    img = first_page(pdf, tmp_path)
    rows, cols = map_frame(img)
    dark = tuple(int(CHOROPLETH_COLOURS[1][i:i + 2], 16) for i in (1, 3, 5))
    assert colour_mask(img[rows, cols], dark, 20).sum() > 50  # the highest class of the choropleth
    wb = load_workbook(xlsx)
    assert {"按价值类别", "按地类", "核算参数", "图斑"} <= set(wb.sheetnames)
    assert [c.value for c in wb["图斑"][1]][:2] == ["图斑编号", "地类编码"]
    assert wb["图斑"].max_row == 7
    headers = [c.value for c in wb["核算参数"][1]]
    assert headers[:6] == ["参数", "取值", "下限", "上限", "单位", "价格年"]
    assert wb["核算参数"].cell(2, 7).value == "水利部定额"


def test_valuation_report_registered(plugin):
    from qgis.core import QgsApplication
    from swc_ecovalue.compat import algorithm_flag

    for alg_id in ("swcvalue:valuationreport", "swcvalue:tradecertificate"):
        alg = QgsApplication.processingRegistry().algorithmById(alg_id)
        assert alg is not None
        assert alg.flags() & algorithm_flag("NoThreading")
