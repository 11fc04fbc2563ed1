"""``swcvalue:referenceprice`` and ``swcvalue:revenueplan`` through processing.run and qgis_process.bin."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import geopandas as gpd
import processing
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer
from shapely.geometry import box

ROOT = Path(__file__).resolve().parents[2]
QP = ROOT / "scripts" / "qgis_process.sh"


@pytest.fixture(scope="module")
def valued(tmp_path_factory) -> Path:
    """Four valued parcels with owners (EPSG:4545)."""
    path = tmp_path_factory.mktemp("trading") / "valued.gpkg"
    gdf = gpd.GeoDataFrame({
        "PARCEL_ID": ["S1-1", "S1-2", "S1-3", "S1-4"], "HOLDER": ["甲村", "乙村", "甲村", "丙组"],
        "ELIGIBLE": [1, 1, 0, 1], "AREA_M2": [1000.0, 2000.0, 1000.0, 3000.0],
        "V_MAT": [100.0, 200.0, 50.0, 0.0], "V_REG": [1000.0, 500.0, 10.0, 300.0],
        "V_CUL": [50.0, 0.0, 0.0, 10.0], "V_CO2": [100.0, 50.0, 1.0, 30.0],
        "V_TOTAL": [1150.0, 700.0, 60.0, 310.0], "SELLER": ["甲村委会", "乙村委会", "甲村委会", "丙组"],
        "INVESTOR": ["投资公司", None, None, None], "PRIORITY": [1, 0, 0, 0]},
        geometry=[box(i * 100, 0, i * 100 + 50, 50) for i in range(4)], crs="EPSG:4545")
    gdf.to_file(path, layer="valued", driver="GPKG")
    return path


def factor(n: int, r: float, g: float = 0.0) -> float:
    return sum((1 + g) ** (t - 1) / (1 + r) ** t for t in range(1, n + 1))


def test_registered_in_trading_group(plugin):
    from qgis.core import QgsApplication

    for alg_id in ("swcvalue:referenceprice", "swcvalue:revenueplan"):
        alg = QgsApplication.processingRegistry().algorithmById(alg_id)
        assert alg is not None and alg.groupId() == "trading"
        assert "<code>OUTPUT</code>" in alg.shortHelpString()


def test_reference_price_pv(plugin, valued, tmp_path):
    out = tmp_path / "pv.gpkg"
    res = processing.run("swcvalue:referenceprice", {
        "INPUT": str(valued), "CLASSES": [0, 1, 2], "TERM_YEARS": 5, "DISCOUNT_RATE": 6.0, "GROWTH_RATE": 2.0,
        "OUTPUT": str(out)})
    f = factor(5, 0.06, 0.02)
    # eligible parcels: 1, 2, 4 -> 1150 + 700 + 310
    assert res["TOTAL_PV"] == pytest.approx(2160 * f, rel=1e-9)
    layer = QgsVectorLayer(str(out), "pv", "ogr")
    rows = {ft["PARCEL_ID"]: ft for ft in layer.getFeatures()}
    assert set(rows) == {"S1-1", "S1-2", "S1-4"}
    assert rows["S1-1"]["PV_REG"] == pytest.approx(1000 * f)
    assert rows["S1-2"]["PV_VALUE"] == pytest.approx(700 * f)


def test_reference_price_carbon_and_classes(plugin, valued, tmp_path):
    res = processing.run("swcvalue:referenceprice", {
        "INPUT": str(valued), "CLASSES": [1], "TERM_YEARS": 3, "DISCOUNT_RATE": 0.0, "ELIGIBLE_ONLY": False,
        "EXCLUDE_CARBON": True, "OUTPUT": str(tmp_path / "pv.gpkg")})
    assert res["TOTAL_PV"] == pytest.approx(3 * (1810 - 181))


def test_reference_price_requires_discount_rate(plugin, valued, tmp_path):
    with pytest.raises(QgsProcessingException):
        processing.run("swcvalue:referenceprice", {"INPUT": str(valued), "TERM_YEARS": 3,
                                                   "OUTPUT": str(tmp_path / "pv.gpkg")})


def amounts(path: Path) -> list[tuple]:
    layer = QgsVectorLayer(str(path), "t", "ogr")
    return [(f["RECIPIENT"], f["CATEGORY"], f["HOLDER"], f["AMOUNT"]) for f in layer.getFeatures()]


def test_revenue_plan_nested_shares_area(plugin, valued, tmp_path):
    out = tmp_path / "plan.gpkg"
    res = processing.run("swcvalue:revenueplan", {
        "INPUT": str(valued), "GROSS": 10000.0, "COST_ACCOUNTING": 2000.0, "COST_APPRAISAL": 500.0,
        "COST_PLATFORM": 300.0, "COST_OTHER": 200.0,
        "SHARES": [["县水利局", "FEEDBACK", 20], ["村集体", "COLLECTIVE", 50], ["村民", "VILLAGERS", 30]],
        "ALLOCATE_BY": 1, "OUTPUT": str(out)})
    assert res["NET"] == pytest.approx(7000.0)
    rows = amounts(out)
    assert round(sum(r[3] for r in rows) * 100) == 700000
    coll = {r[2]: r[3] for r in rows if r[1] == "COLLECTIVE"}
    assert coll == {"甲村": 1000.0, "乙村": 1000.0, "丙组": 1500.0}


def test_revenue_plan_flat_shares_and_csv(plugin, valued, tmp_path):
    flat = processing.run("swcvalue:revenueplan", {
        "INPUT": str(valued), "GROSS": 100.0, "SHARES": ["a", "INVESTOR", 33.33, "b", "OPERATOR", 33.33,
                                                          "c", "OTHER", 33.33, "d", "FEEDBACK", 0.01],
        "OUTPUT": str(tmp_path / "flat.gpkg")})
    rows = amounts(Path(flat["OUTPUT"]))
    assert [r[3] for r in rows] == [33.33, 33.33, 33.33, 0.01]
    csv = tmp_path / "shares.csv"
    csv.write_text("recipient,category,percent\na,INVESTOR,33.33\nb,OPERATOR,33.33\nc,OTHER,33.33\n"
                   "d,FEEDBACK,0.01\n", encoding="utf-8")
    table = processing.run("swcvalue:revenueplan", {"INPUT": str(valued), "GROSS": 100.0,
                                                    "SHARES_TABLE": str(csv), "OUTPUT": str(tmp_path / "t.gpkg")})
    assert amounts(Path(table["OUTPUT"])) == rows


@pytest.mark.parametrize("extra, text", [
    ({"SHARES": ["a", "FEEDBACK", 20, "b", "COLLECTIVE"]}, "not a multiple of three"),
    ({"SHARES": ["a", "FEEDBACK", 20, "b", "COLLECTIVE", 70]}, "add up to 90"),
    ({"SHARES": ["a", "BANK", 100]}, "Unknown share categories BANK"),
    ({"SHARES": ["a", "FEEDBACK", 100], "COST_OTHER": 100.01}, "exceed the gross revenue"),
    ({}, "Give the shares"),
])
def test_revenue_plan_errors(plugin, valued, tmp_path, extra, text):
    params = {"INPUT": str(valued), "GROSS": 100.0, "OUTPUT": str(tmp_path / "x.gpkg"), **extra}
    with pytest.raises(QgsProcessingException, match=text):
        processing.run("swcvalue:revenueplan", params)


@pytest.mark.qgis_process
def test_qgis_process_flat_shares(valued, tmp_path):
    out = tmp_path / "plan.gpkg"
    env = dict(os.environ, SWC_LOCALE="en")
    proc = subprocess.run([str(QP), "run", "swcvalue:revenueplan", "--", f"INPUT={valued}", "GROSS=1000",
                           "COST_PLATFORM=100", "SHARES=fb,FEEDBACK,20,coll,COLLECTIVE,80", "ALLOCATE_BY=0",
                           f"OUTPUT={out}"], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "NET:\t900" in proc.stdout or "NET: 900" in proc.stdout, proc.stdout
    rows = amounts(out)
    assert round(sum(r[3] for r in rows) * 100) == 90000
    # value share (V_TOTAL, no appraised values): 甲村 1150+60, 乙村 700, 丙组 310 of 2220
    assert {r[2] for r in rows if r[1] == "COLLECTIVE"} == {"甲村", "乙村", "丙组"}
    bad = subprocess.run([str(QP), "run", "swcvalue:revenueplan", "--", f"INPUT={valued}", "GROSS=1000",
                          "SHARES=fb,FEEDBACK,20,coll", f"OUTPUT={tmp_path / 'bad.gpkg'}"],
                         capture_output=True, text=True, env=env, timeout=600)
    assert bad.returncode != 0 and "multiple of three" in bad.stdout + bad.stderr


# Trade lifecycle ----------------------------------------------------------------------------------------------
class LogFeedback(QgsProcessingFeedback):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info: str) -> None:  # noqa: N802
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning: str) -> None:  # noqa: N802
        self.lines.append(warning)
        super().pushWarning(warning)


STATUS = {s: i for i, s in enumerate(("planned", "accounted", "appraised", "listed", "publicised", "signed",
                                      "filed", "certified", "closed"))}
CREDIT = "91350100M000100Y43"


def test_trade_lifecycle_through_processing(plugin, valued, tmp_path):
    import json
    import sqlite3

    reg = tmp_path / "project.gpkg"
    eligible = f"{valued}|layername=valued|subset=\"ELIGIBLE\" = 1"
    base = {"REGISTER": str(reg), "TRADE_ID": "T1"}
    with pytest.raises(QgsProcessingException, match="S1-3"):
        processing.run("swcvalue:registertrade", {**base, "ACTION": 0, "PARCELS": str(valued),
                                                  "FIELDS": ["PRODUCT", "碳汇"]})
    res = processing.run("swcvalue:registertrade", {**base, "ACTION": 0, "PARCELS": eligible,
                                                    "FIELDS": [["PRODUCT", "碳汇"]]})
    assert res["STATUS"] == "planned"
    with pytest.raises(QgsProcessingException, match="APPRAISER"):
        processing.run("swcvalue:registertrade", {**base, "TO_STATUS": STATUS["appraised"],
                                                  "FIELDS": ["ACCOUNTED_VALUE", "2160", "ACCOUNT_DATE", "2025-03-01"]})
    fields = tmp_path / "fields.json"
    fields.write_text(json.dumps({
        "ACCOUNTED_VALUE": 2160, "ACCOUNT_DATE": "2025-03-01", "APPRAISER": "评估公司", "APPRAISED_VALUE": 1000,
        "APPRAISAL_DATE": "2025-04-01", "LISTING_DATE": "2025-05-01", "LISTING_PRICE": 1880000,
        "OPERATING_FORMS": "生态旅游；林下种植", "OPERATOR_SCOPE": "依法设立的企业", "CONTACT": "县水利局",
        "PUBLICITY_START": "2025-05-02", "PUBLICITY_END": "2025-05-12", "PUBLICITY_OUTCOME": "无异议",
        "OPERATOR": "另一公司", "OPERATOR_CD": CREDIT,
        "TERM_YEARS": 10, "START_DATE": "2025-09-01", "PRICE": 500000, "PAYMENT_METHOD": "一次性",
        "PAYMENT_SCHEDULE": "2025-09-30:500000", "CONTRACT_NO": "HT-1", "SIGNING_DATE": "2025-08-31",
        "REVENUE_PLAN_NO": "府批1号", "REVENUE_PLAN_DATE": "2025-08-20"}, ensure_ascii=False), encoding="utf-8")
    fb = LogFeedback()
    res = processing.run("swcvalue:registertrade", {**base, "TO_STATUS": STATUS["signed"], "FIELDS": str(fields)},
                         feedback=fb)
    assert res["STATUS"] == "signed"
    assert any("priority operating right" in line and "S1-1" in line for line in fb.lines), fb.lines
    con = sqlite3.connect(reg)
    assert con.execute("SELECT value FROM swc_meta WHERE key = 'schema_version'").fetchone()[0] == "3"
    assert con.execute("SELECT COUNT(*) FROM trade_parcel WHERE TRADE_ID = 'T1'").fetchone()[0] == 3
    con.close()

    processing.run("swcvalue:registerpledge", {"REGISTER": str(reg), "PLEDGE_ID": "P1", "KIND": 1,
                                               "TRADE_ID": "T1", "LENDER": "某银行", "AMOUNT": 1e6,
                                               "START_DATE": "2025-10-01", "END_DATE": "2026-03-01"})
    out = tmp_path / "due.gpkg"
    res = processing.run("swcvalue:tradestatus", {"REGISTER": str(reg), "AS_OF": "2026-02-20", "HORIZON_DAYS": 10,
                                                  "OUTPUT": str(out)})
    rows = [(f["ITEM"], f["DUE_DATE"], f["STATE"]) for f in QgsVectorLayer(str(out), "d", "ogr").getFeatures()]
    assert rows == [("filing_drc", "2025-09-30", "overdue"), ("filing_finance", "2025-09-30", "overdue"),
                    ("filing_water", "2025-09-30", "overdue"), ("payment", "2025-09-30", "overdue"),
                    ("feedback_plan", "2026-02-28", "due"), ("pledge_end", "2026-03-01", "due")]
    assert (res["OVERDUE"], res["DUE"]) == (4, 2)

    # the register's 碳汇 trade covers S1-1, S1-2, S1-4: V_CO2 is left out of their regulating value
    pv = processing.run("swcvalue:referenceprice", {"INPUT": str(valued), "CLASSES": [1], "TERM_YEARS": 1,
                                                    "DISCOUNT_RATE": 0.0, "REGISTER": str(reg),
                                                    "OUTPUT": str(tmp_path / "pv.gpkg")})
    assert pv["TOTAL_PV"] == pytest.approx(1800 - 180)


def test_trade_certificate_html_and_pdf(plugin, valued, tmp_path):
    reg = tmp_path / "project.gpkg"
    eligible = f"{valued}|layername=valued|subset=\"ELIGIBLE\" = 1"
    processing.run("swcvalue:registertrade", {"REGISTER": str(reg), "TRADE_ID": "T9", "ACTION": 0,
                                              "PARCELS": eligible, "FIELDS": ["PRODUCT", "林下种植经营权"]})
    with pytest.raises(QgsProcessingException, match="certified"):
        processing.run("swcvalue:tradecertificate", {"REGISTER": str(reg), "TRADE_ID": "T9",
                                                     "OUTPUT": str(tmp_path / "c.html")})
    fields = {"ACCOUNTED_VALUE": 2160, "ACCOUNT_DATE": "2025-03-01", "APPRAISER": "评估公司", "APPRAISED_VALUE": 1000,
              "APPRAISAL_DATE": "2025-04-01", "LISTING_DATE": "2025-05-01", "LISTING_PRICE": 1880000,
              "OPERATING_FORMS": "生态旅游；林下种植", "OPERATOR_SCOPE": "依法设立的企业", "CONTACT": "县水利局",
              "PUBLICITY_START": "2025-05-02",
              "PUBLICITY_END": "2025-05-12", "PUBLICITY_OUTCOME": "无异议", "OPERATOR": "投资公司",
              "OPERATOR_CD": CREDIT, "TERM_YEARS": 20, "START_DATE": "2025-09-01", "PRICE": 1840000,
              "PAYMENT_METHOD": "一次性", "CONTRACT_NO": "HT-9", "SIGNING_DATE": "2025-08-31",
              "REVENUE_PLAN_NO": "府批9号", "REVENUE_PLAN_DATE": "2025-08-20", "FILED_WATER": "2025-09-05",
              "FILED_DRC": "2025-09-06", "FILED_FINANCE": "2025-09-07", "COUNTY": "武隆", "CERT_DATE": "2025-09-10"}
    res = processing.run("swcvalue:registertrade", {"REGISTER": str(reg), "TRADE_ID": "T9", "TO_STATUS": 7,
                                                    "FIELDS": [[k, v] for k, v in fields.items()]})
    assert res["CERT_NO"] == "武隆-2025-0001"
    html_out = tmp_path / "c.html"
    processing.run("swcvalue:tradecertificate", {"REGISTER": str(reg), "TRADE_ID": "T9", "OUTPUT": str(html_out)})
    text = html_out.read_text(encoding="utf-8")
    assert "武隆-2025-0001" in text and CREDIT not in text and "1,840,000.00" in text
    pdf = tmp_path / "c.pdf"
    processing.run("swcvalue:tradecertificate", {"REGISTER": str(reg), "TRADE_ID": "T9", "OUTPUT": str(pdf)})
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 1000


# Platform fee (clause 十六) ------------------------------------------------------------------------------------
def fee_rows(path: str) -> list[tuple]:
    return [(f["ITEM"], f["AMOUNT"], f["BASIS"]) for f in QgsVectorLayer(str(path), "f", "ogr").getFeatures()]


def test_revenue_plan_platform_fee(plugin, valued, tmp_path):
    fb = LogFeedback()
    res = processing.run("swcvalue:revenueplan", {
        "INPUT": str(valued), "GROSS": 100000.0, "COST_ACCOUNTING": 1000.0,
        "PLATFORM_COSTS": [["交易服务成本", 6000], ["公告发布成本", 2500]], "PLATFORM_MARGIN": 8.0,
        "SHARES": [["县水利局", "FEEDBACK", 100]], "OUTPUT": str(tmp_path / "plan.gpkg"),
        "PLATFORM_FEE": str(tmp_path / "fee.gpkg")}, feedback=fb)
    # items 6,000.00 + 2,500.00, margin 8 % = 680.00, total 9,180.00; NET = 100,000 − 1,000 − 9,180 = 89,820
    assert res["COST_PLATFORM"] == 9180.0 and res["NET"] == 89820.0
    rows = fee_rows(res["PLATFORM_FEE"])
    assert [(r[0], r[1]) for r in rows] == [("交易服务成本", 6000.0), ("公告发布成本", 2500.0),
                                            ("Reasonable profit (合理利润)", 680.0), ("COST_PLATFORM", 9180.0)]
    assert rows[2][2].startswith("8 % of the cost items 8,500.00 元; cap 10 % (parameter platform_margin_max, "
                                 "[ASSUMPTION]")
    assert "clause 十六" in rows[3][2]
    assert any("8,500.00 元 + 8 % profit 680.00 元 = 9,180.00 元" in line for line in fb.lines), fb.lines
    # COST_PLATFORM agreeing to the cent is accepted; disagreeing is refused
    ok = processing.run("swcvalue:revenueplan", {
        "INPUT": str(valued), "GROSS": 100000.0, "COST_PLATFORM": 9180.0,
        "PLATFORM_COSTS": "交易服务成本,6000,公告发布成本,2500",
        "PLATFORM_MARGIN": 8.0, "SHARES": ["a", "FEEDBACK", 100], "OUTPUT": str(tmp_path / "ok.gpkg")})
    assert ok["NET"] == 90820.0
    with pytest.raises(QgsProcessingException, match="9,180.50 元 differs .* 9,180.00 元"):
        processing.run("swcvalue:revenueplan", {
            "INPUT": str(valued), "GROSS": 100000.0, "COST_PLATFORM": 9180.5,
            "PLATFORM_COSTS": ["交易服务成本", 6000, "公告发布成本", 2500], "PLATFORM_MARGIN": 8.0,
            "SHARES": ["a", "FEEDBACK", 100], "OUTPUT": str(tmp_path / "bad.gpkg")})


def test_revenue_plan_margin_above_cap(plugin, valued, tmp_path):
    params = {"INPUT": str(valued), "GROSS": 100000.0, "PLATFORM_COSTS": ["交易服务成本", 6000, "公告发布成本", 2500],
              "PLATFORM_MARGIN": 12.0, "SHARES": ["a", "FEEDBACK", 100], "OUTPUT": str(tmp_path / "x.gpkg")}
    with pytest.raises(QgsProcessingException, match=r"margin 12 % exceeds the cap 10 % \(parameter "
                                                     r"platform_margin_max, \[ASSUMPTION\]: Clause 十六"):
        processing.run("swcvalue:revenueplan", params)
    # a county with a published higher cap overrides the parameter row
    override = tmp_path / "cap.csv"
    override.write_text("key,value,source,evidence\nplatform_margin_max,15,县发展改革委 价格文件,user\n",
                        encoding="utf-8")
    res = processing.run("swcvalue:revenueplan", {**params, "PARAMETERS": str(override),
                                                  "PLATFORM_FEE": str(tmp_path / "fee.gpkg")})
    # 8,500.00 × 12 % = 1,020.00 → 9,520.00
    assert res["COST_PLATFORM"] == 9520.0
    assert "cap 15 %" in fee_rows(res["PLATFORM_FEE"])[2][2]


def test_revenue_plan_bare_cost_platform_is_noted(plugin, valued, tmp_path):
    fb = LogFeedback()
    res = processing.run("swcvalue:revenueplan", {
        "INPUT": str(valued), "GROSS": 1000.0, "COST_PLATFORM": 100.0, "SHARES": ["a", "FEEDBACK", 100],
        "OUTPUT": str(tmp_path / "p.gpkg"), "PLATFORM_FEE": str(tmp_path / "fee.gpkg")}, feedback=fb)
    assert res["NET"] == 900.0
    assert fee_rows(res["PLATFORM_FEE"]) == [("COST_PLATFORM", 100.0, "given as one figure; basis not documented")]
    assert any("basis (actual cost + reasonable profit" in line for line in fb.lines)


@pytest.mark.qgis_process
def test_qgis_process_platform_fee(valued, tmp_path):
    fee = tmp_path / "fee.csv"
    env = dict(os.environ, SWC_LOCALE="en")
    proc = subprocess.run([str(QP), "run", "swcvalue:revenueplan", "--", f"INPUT={valued}", "GROSS=100000",
                           "PLATFORM_COSTS=交易服务成本,6000,公告发布成本,2500", "PLATFORM_MARGIN=8",
                           "SHARES=fb,FEEDBACK,100", f"OUTPUT={tmp_path / 'plan.gpkg'}", f"PLATFORM_FEE={fee}"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "COST_PLATFORM:\t9180" in proc.stdout or "COST_PLATFORM: 9180" in proc.stdout, proc.stdout
    text = fee.read_text(encoding="utf-8")
    assert "交易服务成本,6000" in text and "COST_PLATFORM,9180" in text
    bad = subprocess.run([str(QP), "run", "swcvalue:revenueplan", "--", f"INPUT={valued}", "GROSS=100000",
                          "PLATFORM_COSTS=交易服务成本,6000,公告发布成本,2500", "PLATFORM_MARGIN=12",
                          "SHARES=fb,FEEDBACK,100", f"OUTPUT={tmp_path / 'bad.gpkg'}"],
                         capture_output=True, text=True, env=env, timeout=600)
    assert bad.returncode != 0 and "exceeds the cap 10 %" in bad.stdout + bad.stderr
