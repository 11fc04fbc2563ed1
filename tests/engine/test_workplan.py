"""The trading work plan (valuation/workplan.py): areas, land use, values, schedule, sellers, duties, the .odt."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
import zipfile

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from valuation.errors import ValuationError
from valuation.ownership import credit_check_char
from valuation.register import Register
from valuation.trading import advance_trade, create_trade, required_fields
from valuation.workplan import (
    APPROVAL_FIELDS,
    load_duties,
    load_schedule,
    parse_overrides,
    plan_blocks,
    plan_html,
    workplan_model,
    write_plan_odt,
)

CREDIT_A = "91350100M000100Y43"
CREDIT_B = "91500101MA00000001"[:17] + credit_check_char("91500101MA00000001"[:17])
LISTING_EXTRA = {"LISTING_PRICE": 3000, "TERM_YEARS": 10, "OPERATING_FORMS": "林下种植",
                 "OPERATOR_SCOPE": "依法设立的企业", "CONTACT": "县水利局"}
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def parcels() -> gpd.GeoDataFrame:
    """P1–P3: trade T1 (6,000 m²); P4: trade T2; P5: no trade. V_TOTAL = V_MAT + V_REG + V_CUL."""
    return gpd.GeoDataFrame({
        "PARCEL_ID": ["P1", "P2", "P3", "P4", "P5"], "DLBM": ["0301", "0301", "103", "0201", "0301"],
        "DLMC": ["乔木林地", "乔木林地", None, "果园", "乔木林地"], "ZLDWMC": ["甲村", "甲村", "乙村", "甲村", "甲村"],
        "AREA_M2": [2000.0, 1000.0, 3000.0, 4000.0, 500.0],
        "V_MAT": [10.0, 5.0, 300.0, 50.0, 1.0], "V_REG": [900.0, 450.0, 60.0, 200.0, 9.0],
        "V_CUL": [90.0, 45.0, 0.0, 0.0, 0.0], "V_TOTAL": [1000.0, 500.0, 360.0, 250.0, 10.0]},
        geometry=[box(i * 100, 0, i * 100 + 50, 40) for i in range(5)], crs="EPSG:4545")


@pytest.fixture()
def reg(tmp_path) -> Register:
    r = Register.create(tmp_path / "project.gpkg")
    r.apply(pd.DataFrame({
        "PARCEL_ID": ["P1", "P2", "P3", "P4"], "OWN_TYPE": ["COLLECTIVE", "COLLECTIVE", "COLLECTIVE", "STATE"],
        "HOLDER": ["甲村委会", "甲村委会", "乙村民小组", "县林场"],
        "SELLER": ["甲村委会", "甲村委会", "乙村委会", "县林场"],
        "SELLER_CD": [CREDIT_A, CREDIT_A, CREDIT_B, CREDIT_B], "DISPUTE": ["NONE"] * 4,
        "INVESTOR": [None, "山水公司", None, None], "PRIORITY": [None, 1, None, None]}).set_index("PARCEL_ID"))
    create_trade(r, "T1", {"PRODUCT": "生态旅游经营权"}, pd.DataFrame({
        "PARCEL_ID": ["P1", "P2", "P3"], "SELLER": ["甲村委会", "甲村委会", "乙村委会"],
        "INVESTOR": [None, "山水公司", None], "PRIORITY": [None, 1, None]}))
    create_trade(r, "T2", {"PRODUCT": "林下种植经营权"}, pd.DataFrame({"PARCEL_ID": ["P4"], "SELLER": ["县林场"]}))
    fields = {"ACCOUNTED_VALUE": 250, "ACCOUNT_DATE": "2026-02-10", "APPRAISER": "评估公司", "APPRAISED_VALUE": 3000,
              "APPRAISAL_DATE": "2026-03-01", "LISTING_DATE": "2026-03-20", "PUBLICITY_START": "2026-04-25",
              "PUBLICITY_END": "2026-05-05"}
    # listing fields of later register schemas, given only where this version requires them
    fields.update({k: v for k, v in LISTING_EXTRA.items() if k in required_fields("publicised")})
    advance_trade(r, "T2", "publicised", fields)
    return r


def dates(lot) -> dict[str, tuple[str, str, bool]]:
    return {m.key: (m.start.isoformat(), m.date.isoformat(), m.done) for m in lot.milestones}


def test_areas_landuse_values_and_sellers(reg):
    plan = workplan_model(reg, ["T1"], parcels(), "示例县", "2026-01-05")
    (lot,) = plan.lots
    assert (lot.trade_id, lot.product, lot.status) == ("T1", "生态旅游经营权", "planned")
    # 2,000 + 1,000 + 3,000 = 6,000 m² = 6,000 × 15 / 10,000 = 9 亩 = 0.6 hm²
    assert (lot.area_m2, lot.area_mu, lot.area_ha) == (6000.0, 9.0, 0.6)
    assert lot.villages == ["甲村", "乙村"]
    lu = lot.landuse.set_index("DLBM")
    # "103" is normalised to 0103 and named from the land-use code table (DLMC empty)
    assert lu.loc["0103", "DLMC"] == "旱地" and lu.loc["0103", "AREA_M2"] == 3000.0
    assert (lu.loc["0301", "N"], lu.loc["0301", "AREA_M2"]) == (2, 3000.0)
    # V_MAT 10 + 5 + 300; V_REG 900 + 450 + 60; V_CUL 90 + 45; total 1000 + 500 + 360
    assert lot.values == {"V_MAT": 315.0, "V_REG": 1410.0, "V_CUL": 135.0, "V_TOTAL": 1860.0}
    s = lot.sellers.set_index("SELLER")
    assert list(s.index) == ["乙村委会", "甲村委会"]
    assert (s.loc["甲村委会", "N"], s.loc["甲村委会", "AREA_M2"]) == (2, 3000.0)
    assert s.loc["甲村委会", "SELLER_CD"] == "913501********0Y43"
    assert s.loc["甲村委会", "RIGHTS"].startswith("权利人（集体）")
    assert "投资主体山水公司依法享有优先经营权（1 个图斑）" in s.loc["甲村委会", "RIGHTS"]
    assert s.loc["乙村委会", "RIGHTS"].startswith("经权利人乙村民小组同意出让经营权")
    assert plan.geometry is not None and list(plan.geometry["PARCEL_ID"]) == ["P1", "P2", "P3"]


def test_schedule_from_start_date(reg):
    plan = workplan_model(reg, ["T1"], parcels(), start_date="2026-01-05")
    # Jan 5 + 60 d = Mar 6; + 30 d = Apr 5; + 15 d = Apr 20; 公示 Apr 20 + 30 d = May 20 to May 27 (7 d);
    # contract May 27 + 10 d = Jun 6; certificate Jun 6 + 45 d = Jul 21; feedback plan Jun 6 + 6 months = Dec 6
    assert dates(plan.lots[0]) == {
        "accounting": ("2026-03-06", "2026-03-06", False), "appraisal": ("2026-04-05", "2026-04-05", False),
        "listing": ("2026-04-20", "2026-04-20", False), "publicity": ("2026-05-20", "2026-05-27", False),
        "contract": ("2026-06-06", "2026-06-06", False), "certificate": ("2026-07-21", "2026-07-21", False),
        "feedback_plan": ("2026-12-06", "2026-12-06", False)}


def test_register_dates_are_done_and_overrides(reg):
    over = parse_overrides([["contract", "2026-08-31"], ["accounting", "2026-01-31"]])
    plan = workplan_model(reg, ["T1", "T2"], parcels(), start_date="2026-01-05", overrides=over)
    t1, t2 = plan.lots
    d1 = dates(t1)
    # T1: accounting fixed at Jan 31 → appraisal Mar 2, listing Mar 17, 公示 Apr 16–23; contract fixed Aug 31 →
    # certificate Aug 31 + 45 d = Oct 15; feedback plan Aug 31 + 6 months, clamped = 2027-02-28
    assert d1["accounting"] == ("2026-01-31", "2026-01-31", False)
    assert d1["appraisal"][1] == "2026-03-02" and d1["publicity"][:2] == ("2026-04-16", "2026-04-23")
    assert d1["contract"][1] == "2026-08-31" and [m.overridden for m in t1.milestones][4] is True
    assert d1["certificate"][1] == "2026-10-15" and d1["feedback_plan"][1] == "2027-02-28"
    d2 = dates(t2)
    # T2: the register's dates are done; contract = 公示 end May 5 + 10 d = May 15 (override not used: notice)
    assert d2["accounting"] == ("2026-02-10", "2026-02-10", True)
    assert d2["publicity"] == ("2026-04-25", "2026-05-05", True)
    assert d2["contract"] == ("2026-08-31", "2026-08-31", False)  # the override applies to T2 too
    assert [n.params["trade"] for n in plan.notices if n.code == "workplan_override_done"] == ["T2"]
    assert t2.accounted_value == 250.0 and t2.values["V_TOTAL"] == 250.0
    assert t2.sellers.iloc[0]["RIGHTS"].endswith("国有资产按国有资产评估管理规定评估")


def test_without_values_and_all_trades(reg):
    plain = parcels()[["PARCEL_ID", "AREA_M2", "geometry"]]
    plan = workplan_model(reg, [], plain, start_date=dt.date(2026, 1, 5))
    assert [lot.trade_id for lot in plan.lots] == ["T1", "T2"]
    assert plan.lots[0].values is None and plan.lots[0].landuse.empty
    blocks = plan_blocks(plan)
    scale = blocks[[i for i, b in enumerate(blocks) if getattr(b, "text", "") == "三、交易规模"][0] + 1]
    assert scale.rows[0][:6] == ["T1", "9.00", "—", "—", "—", "—"] and scale.rows[1][-1] == "250.00"


def test_errors(reg, tmp_path):
    with pytest.raises(ValuationError) as e:
        workplan_model(reg, ["T1", "T9", "T8"], parcels())
    assert e.value.code == "workplan_unknown_trades" and e.value.params["trades"] == "T9, T8"
    with pytest.raises(ValuationError) as e:
        workplan_model(reg, ["T1"], parcels()[parcels()["PARCEL_ID"] != "P2"])
    assert e.value.code == "workplan_missing_parcels" and e.value.params["parcels"] == "P2"
    twice = pd.concat([parcels(), parcels().iloc[[1]]], ignore_index=True)
    with pytest.raises(ValuationError) as e:
        workplan_model(reg, ["T1"], twice)
    assert e.value.code == "duplicate_parcel_id" and e.value.params["ids"] == "P2"
    with pytest.raises(ValuationError) as e:
        workplan_model(reg, ["T1"], parcels().drop(columns="AREA_M2"), layer_name="lots")
    assert (e.value.code, e.value.params["field"], e.value.params["layer"]) == ("missing_field", "AREA_M2", "lots")
    with pytest.raises(ValuationError) as e:
        workplan_model(reg, ["T1"], parcels(), overrides={"signing": dt.date(2026, 1, 1)})
    assert e.value.code == "workplan_unknown_milestones"
    assert parse_overrides([""]) == {} and parse_overrides(None) == {}
    with pytest.raises(ValuationError) as e:
        parse_overrides(["contract", "2026-08-31", "listing"])
    assert e.value.code == "workplan_overrides_pairs"
    with pytest.raises(ValuationError) as e:
        parse_overrides(["contract", "31/08/2026"])
    assert e.value.code == "trade_bad_date"
    empty = Register.create(tmp_path / "empty.gpkg")
    with pytest.raises(ValuationError) as e:
        workplan_model(empty, [], parcels())
    assert e.value.code == "workplan_no_trades"


def test_schedule_and_duties_tables(tmp_path):
    sched = load_schedule()
    assert list(sched["milestone"]) == ["accounting", "appraisal", "listing", "publicity", "contract", "certificate",
                                        "feedback_plan"]
    assert sched["source"].str.len().min() > 10  # every duration carries its basis
    bad = tmp_path / "s.csv"
    text = (sched.to_csv(index=False))
    bad.write_text(text.replace("feedback_plan,报批反哺方案,contract,0,6", "feedback_plan,报批反哺方案,contract,0,9"),
                   encoding="utf-8")
    with pytest.raises(ValuationError) as e:
        load_schedule(bad)
    assert e.value.code == "workplan_feedback_rule"
    bad.write_text(text.replace("appraisal,价值评估,accounting", "appraisal,价值评估,listing"), encoding="utf-8")
    with pytest.raises(ValuationError) as e:
        load_schedule(bad)
    assert e.value.code == "workplan_schedule_after"
    duties = load_duties()
    assert {"县水利局", "县发展改革委", "县财政局", "县规划自然资源局", "公共资源交易中心", "乡镇人民政府",
            "村集体经济组织"} <= set(duties["department"])
    mine = tmp_path / "d.csv"
    mine.write_text("部门,职责\n县水利局,牵头\n", encoding="utf-8")
    assert load_duties(mine).to_dict("records") == [{"department": "县水利局", "duties": "牵头", "source": ""}]
    mine.write_text("who,what\n县水利局,牵头\n", encoding="utf-8")
    with pytest.raises(ValuationError) as e:
        load_duties(mine)
    assert e.value.code == "workplan_duties_columns"


def test_html_and_odt(reg, tmp_path):
    plan = workplan_model(reg, ["T1", "T2"], parcels(), "示例县", "2026-01-05")
    page = plan_html(plan, "'WenQuanYi Zen Hei'")
    assert "示例县水土保持生态产品交易工作计划" in page and "$body" not in page
    assert page.startswith("<!DOCTYPE html>") and page.count("<h2>一、交易概况</h2>") == 1
    for text in ("T1", "T2", "9.00", "生态旅游经营权", "2026-12-06", "县人民政府审批意见", "部门职责分工"):
        assert text in page, text
    out = tmp_path / "plan.odt"
    write_plan_odt(plan, out)
    with zipfile.ZipFile(out) as z:
        first = z.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert {"META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"} <= set(z.namelist())
        for name in ("META-INF/manifest.xml", "styles.xml", "meta.xml"):
            ET.fromstring(z.read(name))  # well-formed
        root = ET.fromstring(z.read("content.xml"))
    text = "\n".join("".join(el.itertext()) for el in root.iter() if el.tag in (TEXT_NS + "p", TEXT_NS + "h"))
    for item in ("示例县水土保持生态产品交易工作计划", "T1", "T2", "9.00", "6.00", "生态旅游经营权", "林下种植经营权",
                 "价值核算", "价值评估", "挂牌交易", "交易结果公示", "签订交易合同", "出具交易凭证", "报批反哺方案",
                 "2026-03-06", "2026-12-06", "913501********0Y43", "县规划自然资源局", *APPROVAL_FIELDS):
        assert item in text, item
    assert CREDIT_A not in text
    assert not list(tmp_path.glob(".plan.odt.*"))  # no temporary file left behind
