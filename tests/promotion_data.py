"""Test data of the promotion map (engine and browser tests): six valued 100 m × 100 m parcels and a register.

Parcels S1-1..S1-6 (EPSG:4545), AREA_M2 = 10,000 m² = 15 亩 each; V_TOTAL 1200, 800, 600, 300, 150, 90 元/a, split
10 % material supply, 80 % regulating, 10 % cultural. Trades (register schema 3):

* T1 = S1-1..S1-3, signed: 45 亩, V_TOTAL 2600 → 57.78 元/(亩·a); LISTING_PRICE 30,000, contract PRICE 28,000.
* T2 = S1-4, S1-5, listed: 30 亩, V_TOTAL 450 → 15.00 元/(亩·a); LISTING_PRICE 12,000. Its operator conditions hold
  markup and a closing script tag, which must show as text.
* T3 = S1-6, appraised (not promoted by default): 15 亩, V_TOTAL 90 → 6.00 元/(亩·a); no price yet.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from valuation.register import Register
from valuation.trading import advance_trade, create_trade

CREDIT = "91350100M000100Y43"
V_TOTAL = [1200.0, 800.0, 600.0, 300.0, 150.0, 90.0]
HOSTILE = '<b>须具备</b></script><script>document.title="pwned"</script>经营资质'
LOTS = {"T1": ["S1-1", "S1-2", "S1-3"], "T2": ["S1-4", "S1-5"], "T3": ["S1-6"]}


def valued_parcels() -> gpd.GeoDataFrame:
    n = len(V_TOTAL)
    return gpd.GeoDataFrame({
        "PARCEL_ID": [f"S1-{i + 1}" for i in range(n)], "DLBM": ["0301", "0301", "0201", "0103", "0103", "1104"],
        "DLMC": ["乔木林地", "乔木林地", "果园", "旱地", "旱地", "坑塘水面"], "SELLER": ["甲村委会"] * n,
        "ELIGIBLE": [1] * n, "AREA_M2": [10_000.0] * n, "AREA_MU": [15.0] * n,
        "V_MAT": [v * 0.1 for v in V_TOTAL], "V_REG": [v * 0.8 for v in V_TOTAL], "V_CUL": [v * 0.1 for v in V_TOTAL],
        "V_TOTAL": V_TOTAL, "V_PER_MU": [v / 15.0 for v in V_TOTAL]},
        geometry=[box(400000 + (i % 3) * 100, 3300000 + (i // 3) * 150, 400100 + (i % 3) * 100,
                      3300100 + (i // 3) * 150) for i in range(n)], crs="EPSG:4545")


LISTING = {"ACCOUNT_DATE": "2025-03-01", "APPRAISER": "评估公司", "APPRAISAL_DATE": "2025-04-01",
           "LISTING_DATE": "2025-05-01", "TERM_YEARS": 20, "OPERATING_FORMS": "生态旅游；林下种植",
           "OPERATOR_SCOPE": "依法设立的企业或合作社", "CONTACT": "示例县水利局 023-12345678"}


def build_register(path: Path, parcels: gpd.GeoDataFrame) -> Path:
    """The register with T1 signed, T2 listed and T3 appraised."""
    reg = Register.create(path)
    frame = pd.DataFrame(parcels.drop(columns="geometry"))
    for tid, product in (("T1", "生态旅游经营权"), ("T2", "林下种植经营权"), ("T3", "碳汇")):
        create_trade(reg, tid, {"PRODUCT": product}, frame[frame["PARCEL_ID"].isin(LOTS[tid])])
    accounted = {t: sum(V_TOTAL[int(p[3:]) - 1] for p in ids) for t, ids in LOTS.items()}
    advance_trade(reg, "T1", "signed", {
        **LISTING, "ACCOUNTED_VALUE": accounted["T1"], "APPRAISED_VALUE": 30_000, "LISTING_PRICE": 30_000,
        "PUBLICITY_START": "2025-05-02", "PUBLICITY_END": "2025-05-12", "PUBLICITY_OUTCOME": "无异议",
        "OPERATOR": "山水旅游公司", "OPERATOR_CD": CREDIT, "START_DATE": "2025-09-01", "PRICE": 28_000,
        "PAYMENT_METHOD": "一次性", "CONTRACT_NO": "HT-1", "SIGNING_DATE": "2025-08-31", "REVENUE_PLAN_NO": "府批1号",
        "REVENUE_PLAN_DATE": "2025-08-20"})
    advance_trade(reg, "T2", "listed", {**LISTING, "ACCOUNTED_VALUE": accounted["T2"], "APPRAISED_VALUE": 12_500,
                                        "LISTING_PRICE": 12_000, "OPERATOR_SCOPE": HOSTILE})
    advance_trade(reg, "T3", "appraised", {"ACCOUNTED_VALUE": accounted["T3"], "ACCOUNT_DATE": "2025-03-01",
                                           "APPRAISER": "评估公司", "APPRAISED_VALUE": 2_000,
                                           "APPRAISAL_DATE": "2025-04-01"})
    return path
