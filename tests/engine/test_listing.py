"""The listing package of a trade (valuation/listing.py): every field against the register, the checks, the files."""

from __future__ import annotations

import json
import re
import sqlite3

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import box

from valuation import trading
from valuation.errors import ValuationError
from valuation.listing import build_listing, listing_paths, staged, write_listing
from valuation.register import Register

CRS = "EPSG:4545"
NUMBER = re.compile(r"-?\d+\.(\d+)")
LISTING_FIELDS = {"LISTING_PRICE": 28000, "TERM_YEARS": 20, "OPERATING_FORMS": "生态旅游；林下种植",
                  "OPERATOR_SCOPE": "依法设立、信用良好的企业或农民专业合作社", "CONTACT": "示例县水利局 023-12345678",
                  "COUNTY": "示例县", "PLATFORM_REF": "CQGGZY-2025-001", "PAYMENT_METHOD": "分期"}
APPRAISAL = {"ACCOUNTED_VALUE": 2600, "ACCOUNT_DATE": "2025-03-01", "APPRAISER": "评估公司",
             "APPRAISED_VALUE": 30000, "APPRAISAL_DATE": "2025-04-01"}


def parcels_layer() -> gpd.GeoDataFrame:
    """Six 100 m x 100 m parcels (AREA_M2 10,000 m² = 15 亩 each) in a 3 x 2 grid; S1-1, S1-2, S1-4 are the lot."""
    n = 6
    return gpd.GeoDataFrame({
        "PARCEL_ID": [f"S1-{i + 1}" for i in range(n)], "DLBM": ["0301", "0301", "0201", "0103", "0103", "1104"],
        "DLMC": ["乔木林地", "乔木林地", "果园", "旱地", "旱地", "坑塘水面"], "ZLDWMC": ["甲村"] * n,
        "SELLER": ["甲村委会"] * n, "AREA_M2": [10000.0] * n},
        geometry=[box(400000 + (i % 3) * 100, 3300000 + (i // 3) * 100, 400100 + (i % 3) * 100,
                      3300100 + (i // 3) * 100) for i in range(n)], crs=CRS)


def make_register(path, listing: dict | None = None, status: str = "appraised") -> Register:
    reg = Register.create(path)
    tp = pd.DataFrame({"PARCEL_ID": ["S1-1", "S1-2", "S1-4"], "SELLER": ["甲村委会"] * 3,
                       "INVESTOR": [None, "乙旅游公司", None]})
    trading.create_trade(reg, "T1", {"PRODUCT": "生态旅游经营权"}, tp)
    if status != "planned":
        trading.advance_trade(reg, "T1", status, APPRAISAL)
    fields = LISTING_FIELDS if listing is None else listing
    if fields:
        trading.update_trade(reg, "T1", fields)
    return reg


@pytest.fixture()
def reg(tmp_path) -> Register:
    return make_register(tmp_path / "project.gpkg")


def test_every_field_matches_the_register(reg):
    t = trading.get_trade(reg, "T1")  # the register row
    listing = build_listing(reg, "T1", parcels_layer())
    r = json.loads(json.dumps(listing.record, ensure_ascii=False))  # what the JSON file holds
    assert r["schema"] == "swc-ecovalue/listing" and r["schema_version"] == 1
    b = r["basic"]
    assert (b["TRADE_ID"], b["STATUS"], b["PRODUCT"], b["COUNTY"], b["PLATFORM_REF"]) == (
        t["TRADE_ID"], t["STATUS"], t["PRODUCT"], t["COUNTY"], t["PLATFORM_REF"])
    assert b["SELLERS"] == [t["SELLERS"]] == ["甲村委会"] and b["LOCATION"] == ["甲村"]
    tp = trading.trade_parcels(reg, "T1")
    assert [p["PARCEL_ID"] for p in r["parcels"]] == list(tp["PARCEL_ID"]) == ["S1-1", "S1-2", "S1-4"]
    assert [p["SELLER"] for p in r["parcels"]] == list(tp["SELLER"])
    assert [(p["DLBM"], p["DLMC"]) for p in r["parcels"]] == [("0301", "乔木林地"), ("0301", "乔木林地"),
                                                              ("0103", "旱地")]
    assert [(p["AREA_M2"], p["AREA_MU"]) for p in r["parcels"]] == [(10000.0, 15.0)] * 3  # 10,000 x 15/10,000
    assert r["totals"] == {"N_PARCELS": 3, "AREA_M2": 30000.0, "AREA_MU": 45.0, "BY_LANDUSE": [
        {"DLBM": "0103", "DLMC": "旱地", "N_PARCELS": 1, "AREA_M2": 10000.0, "AREA_MU": 15.0},
        {"DLBM": "0301", "DLMC": "乔木林地", "N_PARCELS": 2, "AREA_M2": 20000.0, "AREA_MU": 30.0}]}
    a = r["appraisal"]
    assert (a["APPRAISER"], a["APPRAISED_VALUE"], a["APPRAISAL_DATE"]) == (
        t["APPRAISER"], t["APPRAISED_VALUE"], t["APPRAISAL_DATE"])
    assert r["operating_forms"] == trading.split_items(t["OPERATING_FORMS"]) == ["生态旅游", "林下种植"]
    assert r["operator_scope"] == t["OPERATOR_SCOPE"] and r["contact"] == t["CONTACT"]
    p = r["price_and_terms"]
    assert (p["LISTING_PRICE"], p["TERM_YEARS"], p["PAYMENT_METHOD"]) == (
        t["LISTING_PRICE"], t["TERM_YEARS"], t["PAYMENT_METHOD"]) == (28000.0, 20.0, "分期")
    # the accounted value is kept apart, labelled as not a price; the three money figures never mix
    acc = r["accounted_value"]
    assert (acc["ACCOUNTED_VALUE"], acc["ACCOUNT_DATE"], acc["UNIT"]) == (2600.0, "2025-03-01", "元/年")
    assert "不是" in acc["NOTE"] and "ACCOUNTED_VALUE" not in {**a, **p}
    assert r["labels"]["LISTING_PRICE"] == "挂牌价" and r["labels"]["OPERATOR_SCOPE"] == "受让方资格条件"
    bd = r["boundary"]
    assert (bd["MODE"], bd["GENERALISE_M"], bd["DECIMALS"], bd["GPKG_CRS"]) == ("public", 10.0, 4, "EPSG:4545")
    assert "审图号" in bd["MAP_REVIEW_NOTE"]["zh"] and "审图号" in bd["MAP_REVIEW_NOTE"]["en"]
    # 28,000 < 30,000: a notice, not an error
    assert [n.code for n in listing.notices] == ["listing_below_appraisal", "publication_map_review"]
    assert r["notices"] == ["The proposed price 28,000.00 元 of trade T1 is below the appraised value 30,000.00 元."]


@pytest.mark.parametrize("drop", ["CONTACT", "OPERATING_FORMS", "LISTING_PRICE", "OPERATOR_SCOPE", "TERM_YEARS"])
def test_a_missing_field_is_named(tmp_path, drop):
    reg = make_register(tmp_path / "p.gpkg", {k: v for k, v in LISTING_FIELDS.items() if k != drop})
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T1", parcels_layer())
    assert e.value.code == "listing_missing_fields"
    label = trading.FIELD_LABELS[drop]
    assert f"{drop} ({label})" in str(e.value)
    assert "LISTING_DATE" not in str(e.value)  # set when the trade is listed, after the package


def test_status_before_appraised_is_refused(tmp_path):
    reg = make_register(tmp_path / "p.gpkg", status="accounted")
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T1", parcels_layer())
    assert e.value.code == "listing_not_appraised" and "accounted" in str(e.value)
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T9", parcels_layer())
    assert e.value.code == "trade_missing"


def test_price_must_be_positive(reg):
    with sqlite3.connect(reg.path) as con:  # a value the register's own checks would refuse
        con.execute("UPDATE trade SET LISTING_PRICE = 0 WHERE TRADE_ID = 'T1'")
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T1", parcels_layer())
    assert e.value.code == "listing_not_positive" and "LISTING_PRICE (挂牌价)" in str(e.value)


def test_a_price_at_or_above_the_appraisal_gives_no_notice(tmp_path):
    reg = make_register(tmp_path / "p.gpkg", {**LISTING_FIELDS, "LISTING_PRICE": 30000})
    listing = build_listing(reg, "T1", parcels_layer())
    assert [n.code for n in listing.notices] == ["publication_map_review"] and listing.record["notices"] == []


def test_layer_checks_name_the_parcel(reg):
    layer = parcels_layer()
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T1", layer[layer["PARCEL_ID"] != "S1-4"], layer="DLTB_valued")
    assert e.value.code == "listing_parcels_missing" and "S1-4" in str(e.value) and "DLTB_valued" in str(e.value)
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T1", pd.concat([layer, layer.iloc[[1]]]), layer="DLTB_valued")
    assert e.value.code == "duplicate_parcel_id" and "S1-2" in str(e.value)
    edited = layer.copy()
    edited.loc[edited["PARCEL_ID"] == "S1-2", "AREA_M2"] = 10500.0  # 5 % off the geometry's 10,000 m²
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T1", edited, layer="DLTB_valued")
    assert e.value.code == "listing_area_mismatch" and "S1-2" in str(e.value) and "S1-1" not in str(e.value)
    other = layer.copy()
    other.loc[other["PARCEL_ID"] == "S1-4", "SELLER"] = "乙村委会"
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T1", other, layer="DLTB_valued")
    assert e.value.code == "listing_seller_mismatch" and "S1-4: 乙村委会" in str(e.value)
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T1", layer.set_crs(None, allow_override=True), layer="DLTB_valued")
    assert e.value.code == "no_crs" and "DLTB_valued" in str(e.value)


def test_ownership_register_seller_must_agree(reg):
    reg.apply(pd.DataFrame({"PARCEL_ID": ["S1-1"], "SELLER": ["丙村委会"]}))
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T1", parcels_layer())
    assert e.value.code == "listing_seller_mismatch" and "S1-1: 丙村委会 (ownership)" in str(e.value)


def test_areas_computed_when_the_layer_has_none(reg):
    listing = build_listing(reg, "T1", parcels_layer().drop(columns=["AREA_M2", "DLMC"]))
    assert "listing_area_computed" in [n.code for n in listing.notices]
    # ellipsoidal area of a 100 m square 1° west of the central meridian (scale factor ≈ 1.00012): ~9,997.5 m²
    assert all(abs(p["AREA_M2"] - 10000) < 10 for p in listing.record["parcels"])
    assert [p["DLMC"] for p in listing.record["parcels"]] == ["乔木林地", "乔木林地", "旱地"]  # from the code table


def test_blocked_investor_is_refused(reg):
    screening = pytest.importorskip("valuation.screening")
    if not hasattr(screening, "screen_trade"):
        pytest.skip("valuation.screening.screen_trade not available yet")
    screening.add_exclusions(reg, pd.DataFrame({"NAME": ["乙旅游公司"], "REASON": ["骗取补贴"],
                                                "SOURCE": ["县发展改革委"], "LISTED_DATE": ["2025-01-01"]}))
    with pytest.raises(ValuationError) as e:
        build_listing(reg, "T1", parcels_layer(), as_of="2025-05-01")
    assert e.value.code == "listing_blocked" and "乙旅游公司" in str(e.value)
    # before the entry was listed the trade passes
    assert build_listing(reg, "T1", parcels_layer(), as_of="2024-12-31").trade_id == "T1"


def test_files(reg, tmp_path):
    from openpyxl import load_workbook

    listing = build_listing(reg, "T1", parcels_layer())
    paths = {k: v for k, v in listing_paths(tmp_path / "out", "T1").items() if k != "pdf"}
    with staged(paths) as tmp:
        write_listing(listing, tmp)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "T1_listing.geojson", "T1_listing.gpkg", "T1_listing.json", "T1_listing.xlsx"]  # no temporary file left
    doc = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1 and doc["price_and_terms"]["LISTING_PRICE"] == 28000.0
    assert "挂牌价" in paths["json"].read_text(encoding="utf-8")  # UTF-8, not \\u escapes
    wb = load_workbook(paths["xlsx"])
    assert wb.sheetnames == ["基本信息", "地块清单"]
    basic = {r[0]: r[1] for r in wb["基本信息"].iter_rows(min_row=2, values_only=True)}
    assert basic["交易编号"] == "T1" and basic["挂牌价（元）"] == 28000 and basic["评估价值（元）"] == 30000
    assert basic["核算价值（元/年，非价格）"] == 2600 and basic["允许的经营方式"] == "生态旅游；林下种植"
    rows = list(wb["地块清单"].iter_rows(values_only=True))
    assert rows[0] == ("图斑编号", "地类编码", "地类名称", "坐落单位", "面积（m²）", "面积（亩）", "出让主体")
    assert rows[1][0] == "S1-1" and rows[-1][0] == "合计" and rows[-1][4] == 30000 and rows[-1][5] == 45
    gj_text = paths["geojson"].read_text(encoding="utf-8")
    gj = json.loads(gj_text)
    assert "crs" not in gj and max(len(m.group(1)) for m in NUMBER.finditer(gj_text)) <= 4
    assert gj["features"][0]["properties"]["TRADE_ID"] == "T1" and "审图号" in gj["features"][0]["properties"]["NOTE"]
    assert pyogrio.list_layers(paths["gpkg"])[:, 0].tolist() == ["lot_boundary", "parcels"]
    lot = gpd.read_file(paths["gpkg"], layer="lot_boundary")
    assert lot.crs.to_epsg() == 4545 and lot.geometry.iloc[0].area == pytest.approx(30000)  # precise union
    assert (lot["TRADE_ID"].iloc[0], lot["N_PARCELS"].iloc[0], lot["AREA_MU"].iloc[0]) == ("T1", 3, 45.0)
    parcels = gpd.read_file(paths["gpkg"], layer="parcels")
    assert parcels["PARCEL_ID"].tolist() == ["S1-1", "S1-2", "S1-4"] and parcels.crs.to_epsg() == 4545


def test_precise_geojson_has_seven_decimals(reg, tmp_path):
    listing = build_listing(reg, "T1", parcels_layer(), precise=True)
    paths = {"geojson": tmp_path / "T1.geojson"}
    write_listing(listing, paths)
    text = paths["geojson"].read_text(encoding="utf-8")
    coords = json.loads(text)["features"][0]["geometry"]["coordinates"]
    assert max(len(str(c).split(".")[1]) for ring in coords for pt in ring for c in pt) == 7
    assert [n.code for n in listing.notices][-1] == "publication_precise"
    assert listing.record["boundary"]["MODE"] == "precise"


def test_staged_leaves_nothing_on_failure(reg, tmp_path):
    listing = build_listing(reg, "T1", parcels_layer())
    paths = {k: v for k, v in listing_paths(tmp_path, "T1").items() if k in ("json", "xlsx")}
    paths["json"].write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with staged(paths) as tmp:
            write_listing(listing, tmp)
            raise RuntimeError("PDF failed")
    assert paths["json"].read_text(encoding="utf-8") == "old" and not paths["xlsx"].exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "project.gpkg") == ["T1_listing.json"]


def test_summary_html_has_the_listing_and_the_note(reg):
    from valuation.listing import listing_html

    text = listing_html(build_listing(reg, "T1", parcels_layer()))
    for part in ("水土保持生态产品交易挂牌信息", "28,000.00", "30,000.00", "<li>生态旅游</li>", "<li>林下种植</li>",
                 "依法设立、信用良好的企业或农民专业合作社", "示例县水利局 023-12345678", "审图号", "S1-4", "45.00",
                 "已评估（appraised）", "核算价值（元/年，非价格）"):
        assert part in text, part
    assert "S1-3" not in text and "$" not in text.split("</style>")[1]  # every placeholder filled
