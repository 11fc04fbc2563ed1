"""The promotion map's data and HTML (valuation/promotion.py) against a register built here (tests/promotion_data.py).

Hand-computed figures: T1 = 3 × 10,000 m² = 30,000 m² = 45 亩 (× 15 / 10,000) = 3 公顷, V_TOTAL 1200 + 800 + 600 =
2600 元/a → 2600 / 45 = 57.78 元/(亩·a), classes 260 / 2080 / 260; T2 = 20,000 m² = 30 亩, 300 + 150 = 450 →
15.00 元/(亩·a); T3 = 15 亩, 90 → 6.00 元/(亩·a)."""

from __future__ import annotations

import json
import re

import pytest
from promotion_data import HOSTILE, build_register, valued_parcels

from valuation.errors import ValuationError
from valuation.promotion import (
    RAMP,
    page_data,
    price_of,
    promoted_trades,
    render_page,
    script_json,
    value_classes,
    write_page,
)
from valuation.register import Register


@pytest.fixture(scope="module")
def parcels():
    return valued_parcels()


@pytest.fixture(scope="module")
def reg(parcels, tmp_path_factory):
    return Register.open(build_register(tmp_path_factory.mktemp("promotion") / "project.gpkg", parcels))


def rows(lot):
    return {r["k"]: r["v"] for r in lot["panel"]}


def test_default_trades_are_listed_or_later(reg):
    assert [t["TRADE_ID"] for t in promoted_trades(reg)] == ["T1", "T2"]  # T3 is only appraised
    assert [t["TRADE_ID"] for t in promoted_trades(reg, ["T3", " T1", "T3"])] == ["T3", "T1"]
    with pytest.raises(ValuationError) as e:
        promoted_trades(reg, ["T1", "T9"])
    assert e.value.code == "promotion_unknown_trades" and "T9" in str(e.value)


def test_price_is_never_the_accounted_value():
    assert price_of({"STATUS": "signed", "PRICE": 28000.0, "LISTING_PRICE": 30000.0}) == ("成交价", 28000.0)
    assert price_of({"STATUS": "listed", "PRICE": 28000.0, "LISTING_PRICE": 30000.0}) == ("挂牌价", 30000.0)
    assert price_of({"STATUS": "appraised", "ACCOUNTED_VALUE": 90.0, "APPRAISED_VALUE": 2000.0}) == ("价格", None)


def test_lot_figures_and_panel(reg, parcels):
    page = page_data(reg, parcels, title="示例县水土保持生态产品推介图")
    lots = {lot["id"]: lot for lot in page.data["lots"]}
    assert list(lots) == ["T1", "T2"]
    t1, t2 = lots["T1"], lots["T2"]
    assert t1["area_m2"] == pytest.approx(30_000) and t1["area_mu"] == pytest.approx(45.0)
    assert t1["values"] == pytest.approx({"V_MAT": 260.0, "V_REG": 2080.0, "V_CUL": 260.0})
    assert t1["v_total"] == pytest.approx(2600.0) and t1["v_per_mu"] == pytest.approx(2600 / 45)
    assert (t1["price_label"], t1["price"]) == ("成交价", 28000.0)
    assert (t2["price_label"], t2["price"]) == ("挂牌价", 12000.0)
    assert t2["area_mu"] == pytest.approx(30.0) and t2["v_per_mu"] == pytest.approx(15.0)
    r1 = rows(t1)
    assert r1["面积"] == "45.00 亩（3.0000 公顷）"
    assert r1["成交价"] == "28,000.00 元" and "挂牌价" not in r1
    assert r1["合计"] == "2,600.00" and r1["调节服务"] == "2,080.00"
    assert r1["单位面积核算价值"] == "57.78 元/(亩·年)"
    assert r1["经营期限"] == "20 年（2025-09-01 起）"
    assert r1["允许的经营方式"] == "生态旅游、林下种植"
    assert r1["联系方式"] == "示例县水利局 023-12345678"
    assert r1["交易状态"] == "已成交" and r1["经营主体"] == "山水旅游公司"
    assert r1["地类构成"] == "乔木林地 30.00 亩；果园 15.00 亩"
    assert rows(t2)["挂牌价"] == "12,000.00 元" and rows(t2)["交易状态"] == "挂牌中"
    assert rows(t2)["受让方资格条件"] == HOSTILE  # stored as text; escaped only when written into the page
    # two lots, two classes: the lower gets the lightest colour, the higher the darkest
    assert (t2["colour"], t1["colour"]) == (RAMP[0], RAMP[-1])
    assert page.data["legend"][0]["label"] == "15 – 36" and page.data["legend"][1]["label"] == "36 – 58"
    codes = [n.code for n in page.notices]
    assert "publication_map_review" in codes and "promotion_not_listed" not in codes


def test_a_named_trade_before_listing_has_no_price(reg, parcels):
    page = page_data(reg, parcels, ["T3"], title="T")
    lot = page.data["lots"][0]
    assert rows(lot)["价格"] == "待定" and lot["price"] is None
    assert rows(lot)["单位面积核算价值"] == "6.00 元/(亩·年)"
    assert "promotion_not_listed" in [n.code for n in page.notices]


def test_value_classes_are_quantiles():
    # six values, five classes: the quantiles fall on the values themselves (positions 0, 1, …, 5)
    idx, legend = value_classes([10, 20, 30, 40, 50, 60])
    assert idx == [0, 1, 2, 3, 4, 4]
    assert [r["label"] for r in legend] == ["10 – 20", "20 – 30", "30 – 40", "40 – 50", "50 – 60"]
    assert [r["colour"] for r in legend] == list(RAMP)
    # one lot: one class in the middle colour; a lot without area gets none
    idx, legend = value_classes([7.0, None])
    assert idx == [0, -1] and legend == [{"label": "7", "colour": RAMP[2]}]


def test_public_and_precise_boundaries(reg, parcels):
    public = page_data(reg, parcels, title="T").data
    precise = page_data(reg, parcels, title="T", precise=True).data

    def decimals(fc):
        text = json.dumps(fc["features"][0]["geometry"]["coordinates"])
        return max(len(d) for d in re.findall(r"\.(\d+)", text))

    assert decimals(public["lots_geojson"]) <= 4 and public["boundaries"]["mode"] == "public"
    assert 5 <= decimals(precise["lots_geojson"]) <= 7 and precise["boundaries"]["decimals"] == 7
    assert [f["properties"]["LOT_ID"] for f in public["lots_geojson"]["features"]] == ["T1", "T2"]
    assert public["context_geojson"]["features"][0]["properties"]["LOT_ID"] == "context"
    assert "审图号" in public["note"] and "概化" in public["note"] and "精确边界" in precise["note"]
    assert page_data(reg, parcels, title="T", context=False).data["context_geojson"] is None


def test_missing_value_field_names_the_layer(reg, parcels):
    with pytest.raises(ValuationError) as e:
        page_data(reg, parcels.drop(columns="V_CUL"), title="T", layer="valued")
    assert e.value.code == "promotion_missing_fields" and "valued" in str(e.value) and "V_CUL" in str(e.value)
    with pytest.raises(ValuationError) as e:
        page_data(reg, parcels[parcels["PARCEL_ID"] != "S1-2"], title="T", layer="valued")
    assert e.value.code == "publication_missing_parcels" and "S1-2" in str(e.value)


def test_script_json_cannot_close_the_script():
    text = script_json({"a": "</script><!-- & \u2028", "b": 1.5})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028", "b": 1.5}


def test_page_is_self_contained_and_escapes_the_data(reg, parcels, tmp_path):
    page = page_data(reg, parcels, title='示例县<推介图> & "测试"')
    text = render_page(page)
    # the only script ends are the page's own three (data, Leaflet, page script); the hostile value adds none
    assert text.lower().count("</script") == 3
    assert "pwned" in text and 'document.title="pwned"' not in text
    assert "<title>示例县&lt;推介图&gt; &amp; &quot;测试&quot;</title>" in text
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src 'none'" in csp and "img-src data:" in csp and "connect-src" not in csp
    # no external resource of any kind: no src/href attributes, no <link>, no url() other than Leaflet's unused
    # images and VML behaviour (blocked by the policy)
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", text) and "<link" not in text
    assert "BSD 2-Clause License" in text and "Leaflet 1.9.4" in text  # the vendored library and its licence
    data = json.loads(re.search(r'<script type="application/json" id="swc-data">(.*?)</script>', text, re.S).group(1))
    assert data["lots"][1]["panel"] and rows(data["lots"][1])["受让方资格条件"] == HOSTILE
    out = write_page(tmp_path / "promotion.html", text)
    assert out.read_text(encoding="utf-8") == text and not list(tmp_path.glob(".*.tmp"))


def test_vendored_leaflet_is_unchanged():
    """resources/vendor/leaflet holds the files scripts/vendor_leaflet.sh verified (sha256 in VENDORED.txt)."""
    import hashlib

    from valuation.promotion import VENDOR

    listed = dict(reversed(line.split()) for line in (VENDOR / "VENDORED.txt").read_text().splitlines()
                  if re.fullmatch(r"[0-9a-f]{64}  \S+", line))
    assert set(listed) == {"leaflet.js", "leaflet.css", "LICENSE", "package.json"}
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert json.loads((VENDOR / "package.json").read_text())["version"] == "1.9.4"
    assert "sha512-" in (VENDOR / "VENDORED.txt").read_text()
