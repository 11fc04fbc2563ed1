"""The excluded-operator list (valuation/screening.py) and its enforcement in the trade lifecycle (clause 十七)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd
import pytest

from valuation.errors import ValuationError
from valuation.register import Register
from valuation.screening import (
    add_exclusions,
    exclusion_events,
    find_exclusion,
    import_exclusions_csv,
    list_exclusions,
    normalise_ident,
    normalise_name,
    remove_exclusions,
)
from valuation.trading import STATUSES, advance_trade, create_trade, get_trade, screen_trade, update_trade

from .test_trading import STEPS, parcels

GRAB = "91500115MA5U7X3K2C"    # valid unified social credit codes (GB 32100 check characters)
OTHER = "91500000MA6000000D"
SIGNER = "91350100M000100Y43"  # the operator in test_trading.STEPS


@pytest.fixture
def reg(tmp_path) -> Register:
    return Register.create(tmp_path / "project.gpkg")


# Normalisation ---------------------------------------------------------------------------------------------
def test_names_compare_after_normalisation():
    a = normalise_name("重庆 某某（集团）有限公司")
    assert a == normalise_name("重庆某某(集团)有限公司") == normalise_name("重庆某某（集团） 有限公司")
    assert a == "重庆某某(集团)有限公司"
    assert normalise_name("重庆某某【集团】有限公司") == normalise_name("重庆某某[集团]有限公司") == a
    # full-width Latin letters and digits, ideographic space, tabs, upper case
    assert normalise_name("ＡＢＣ　生态\t科技１号") == normalise_name("abc生态科技1号") == "abc生态科技1号"
    assert normalise_name("Green Valley LLC") == normalise_name("GREENVALLEYllc")
    assert normalise_name(None) == ""


def test_identifiers_are_normalised():
    assert normalise_ident(" 91500115ma5u7x3k2c ") == GRAB
    assert normalise_ident("９１５００１１５ＭＡ５Ｕ７Ｘ３Ｋ２Ｃ") == GRAB  # full width
    assert normalise_ident("9150 0115 MA5U 7X3K 2C") == GRAB
    assert normalise_ident("") is None and normalise_ident(float("nan")) is None


# The list ---------------------------------------------------------------------------------------------------
ROWS = [
    {"NAME": "重庆某某（集团）有限公司", "IDENT": GRAB, "REASON": "圈占资源、套取补贴",
     "SOURCE": "县发展改革委 2025-3号",
     "LISTED_DATE": "2025-01-10", "EXPIRY": "2027-01-09"},
    {"NAME": "某失信个体", "REASON": "严重失信主体", "SOURCE": "信用中国", "LISTED_DATE": "2024-06-01",
     "EXPIRY": "2025-06-01"},
]


def test_add_find_and_expire(reg):
    assert add_exclusions(reg, ROWS, user="李四") == {"added": 2, "updated": 0, "unchanged": 0}
    # by identifier, whatever the name is written like
    hit = find_exclusion(reg, "另一个名字", GRAB.lower(), "2025-06-30")
    assert hit is not None and hit.reason == "圈占资源、套取补贴" and hit.expiry == "2027-01-09"
    # by normalised name when the candidate has no identifier
    assert find_exclusion(reg, "重庆某某(集团) 有限公司", None, "2025-06-30").ident == GRAB
    # a candidate with another identifier is another legal person, even under the same name
    assert find_exclusion(reg, "重庆某某(集团)有限公司", OTHER, "2025-06-30") is None
    # a name-only entry matches a candidate with an identifier by name
    assert find_exclusion(reg, "某失信个体", OTHER, "2025-05-31").source == "信用中国"
    # EXPIRY is the last day the entry blocks; before LISTED_DATE it does not block yet
    assert find_exclusion(reg, "某失信个体", None, "2025-06-01") is not None
    assert find_exclusion(reg, "某失信个体", None, "2025-06-02") is None
    assert find_exclusion(reg, "重庆某某(集团)有限公司", None, "2025-01-09") is None
    states = list_exclusions(reg, "2025-06-02").set_index("NAME")["STATE"].to_dict()
    assert states == {"重庆某某（集团）有限公司": "active", "某失信个体": "expired"}
    assert list_exclusions(reg, "2024-01-01")["STATE"].tolist() == ["pending", "pending"]
    # the same entries again change nothing; a new expiry updates the entry (one event row)
    assert add_exclusions(reg, ROWS) == {"added": 0, "updated": 0, "unchanged": 2}
    assert add_exclusions(reg, [{**ROWS[1], "EXPIRY": "2026-06-01"}], user="王五") == {
        "added": 0, "updated": 1, "unchanged": 0}
    assert find_exclusion(reg, "某失信个体", None, "2025-06-02") is not None
    ev = exclusion_events(reg)
    assert ev["action"].tolist() == ["add", "add", "update"]
    assert ev["app_user"].tolist() == ["李四", "李四", "王五"]
    assert ev.iloc[2]["EXPIRY"] == "2026-06-01"


def test_removal_is_traceable(reg):
    add_exclusions(reg, ROWS)
    assert remove_exclusions(reg, [{"IDENT": GRAB}], user="张三", note="县发展改革委 2026-1号 移出") == 1
    assert find_exclusion(reg, "重庆某某（集团）有限公司", GRAB, "2025-06-30") is None
    assert list_exclusions(reg)["NAME"].tolist() == ["某失信个体"]
    ev = exclusion_events(reg)
    last = ev.iloc[-1]
    assert (last["action"], last["NAME"], last["IDENT"], last["REASON"], last["NOTE"], last["app_user"]) == (
        "remove", "重庆某某（集团）有限公司", GRAB, "圈占资源、套取补贴", "县发展改革委 2026-1号 移出", "张三")
    with pytest.raises(ValuationError) as e:
        remove_exclusions(reg, [("某失信个体", None), ("不在名单上的公司", None)])
    assert e.value.code == "exclusion_not_listed" and "不在名单上的公司" in str(e.value)
    assert list_exclusions(reg)["NAME"].tolist() == ["某失信个体"]  # nothing removed
    con = sqlite3.connect(reg.path)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM excluded_operator_event")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("UPDATE excluded_operator_event SET NAME = 'x'")
    con.close()


@pytest.mark.parametrize("bom", [True, False])
def test_import_csv_with_or_without_bom(reg, tmp_path, bom):
    path = tmp_path / "list.csv"
    text = ("NAME,IDENT,REASON,SOURCE,LISTED_DATE,EXPIRY\n"
            f"重庆某某（集团）有限公司,{GRAB},圈占资源,县发展改革委,2025-01-10,2027-01-09\n"
            "某失信个体,,严重失信,信用中国,2024/6/1,\n")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    assert import_exclusions_csv(reg, path, user="李四") == {"added": 2, "updated": 0, "unchanged": 0}
    got = list_exclusions(reg, "2025-07-01")
    assert got[["NAME", "IDENT", "LISTED_DATE", "EXPIRY", "STATE"]].values.tolist() == [
        ["重庆某某（集团）有限公司", GRAB, "2025-01-10", "2027-01-09", "active"],
        ["某失信个体", None, "2024-06-01", None, "active"]]
    assert exclusion_events(reg)["NOTE"].tolist() == ["import list.csv"] * 2


@pytest.mark.parametrize("row, code, words", [
    ("某公司,,圈占资源,,2025-01-01,", "exclusion_missing_value", ["row 2", "SOURCE"]),
    ("某公司,915001,圈占资源,信用中国,,", "exclusion_bad_ident", ["row 2", "IDENT"]),
    ("某公司,,圈占资源,信用中国,2025-13-01,", "exclusion_bad_date", ["row 2", "LISTED_DATE", "2025-13-01"]),
    ("某公司,,圈占资源,信用中国,2025-02-01,2025-01-31", "exclusion_expiry_before_listed", ["row 2", "EXPIRY"]),
    ("另一公司,,圈占资源,信用中国,,\n另一 公司,,套取补贴,信用中国,,", "exclusion_duplicate",
     ["row 3", "NAME", "row 2"]),
])
def test_a_bad_row_writes_nothing(reg, tmp_path, row, code, words):
    path = tmp_path / "list.csv"
    path.write_text("NAME,IDENT,REASON,SOURCE,LISTED_DATE,EXPIRY\n"
                    "好的一行公司,,圈占资源,信用中国,2025-01-01,\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValuationError) as e:
        import_exclusions_csv(reg, path)
    assert e.value.code == code
    assert all(w in str(e.value) for w in words), str(e.value)
    assert list_exclusions(reg).empty and exclusion_events(reg).empty


def test_csv_columns_and_encoding(reg, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("NAME,REASON,SOURSE\n某公司,x,y\n", encoding="utf-8")
    with pytest.raises(ValuationError) as e:
        import_exclusions_csv(reg, path)
    assert e.value.code == "exclusion_unknown_columns" and "SOURSE" in str(e.value)
    path.write_text("NAME,IDENT\n某公司,\n", encoding="utf-8")
    with pytest.raises(ValuationError) as e:
        import_exclusions_csv(reg, path)
    assert e.value.code == "exclusion_missing_columns" and "REASON, SOURCE" in str(e.value)
    path.write_bytes("NAME,REASON,SOURCE\n某公司,圈占资源,信用中国\n".encode("gbk"))
    with pytest.raises(ValuationError) as e:
        import_exclusions_csv(reg, path)
    assert e.value.code == "exclusion_not_utf8"
    # Chinese headers
    path.write_text("名称,统一社会信用代码,原因,来源\n某公司,,圈占资源,信用中国\n", encoding="utf-8")
    assert import_exclusions_csv(reg, path)["added"] == 1


# Enforcement in the lifecycle -------------------------------------------------------------------------------
def to(status: str) -> dict:
    fields: dict = {}
    for s in STATUSES[1: STATUSES.index(status) + 1]:
        fields.update(STEPS[s])
    return fields


def test_create_refuses_an_excluded_investor(reg):
    add_exclusions(reg, [{"NAME": "投资 公司", "REASON": "套取补贴", "SOURCE": "县财政局通报", "EXPIRY": "2099-12-31"}])
    with pytest.raises(ValuationError) as e:
        create_trade(reg, "T1", {"PRODUCT": "生态旅游经营权"}, parcels())
    assert e.value.code == "operator_excluded"
    text = str(e.value)
    for word in ("INVESTOR (投资主体) 投资公司", "套取补贴", "县财政局通报", "2099-12-31", "[L1-1]"):
        assert word in text, text
    assert get_trade(reg, "T1") is None


def test_listing_and_signing_refuse_an_excluded_operator(reg):
    create_trade(reg, "T1", {"PRODUCT": "生态旅游经营权"}, parcels(INVESTOR=[None, None]))
    advance_trade(reg, "T1", "appraised", to("appraised"))
    # the operator is known early (a negotiated transfer); it was put on the list afterwards
    update_trade(reg, "T1", {"OPERATOR": "投资公司", "OPERATOR_CD": SIGNER})
    add_exclusions(reg, [{"NAME": "别的名字", "IDENT": SIGNER, "REASON": "严重失信", "SOURCE": "信用中国",
                          "LISTED_DATE": "2025-01-01"}])
    assert [h.role for h in screen_trade(reg, "T1", "2025-06-01")] == ["OPERATOR"]
    assert screen_trade(reg, "T1", "2024-12-31") == []
    with pytest.raises(ValuationError) as e:
        advance_trade(reg, "T1", "listed", STEPS["listed"])
    assert e.value.code == "operator_excluded"
    assert "OPERATOR (经营主体) 投资公司" in str(e.value) and "严重失信" in str(e.value) and "信用中国" in str(e.value)
    assert "expiry: —" in str(e.value)
    assert get_trade(reg, "T1")["STATUS"] == "appraised"  # nothing written
    # changing the operator to one not on the list goes through; signing with the excluded one is refused
    update_trade(reg, "T1", {"OPERATOR": "另一公司", "OPERATOR_CD": OTHER})
    advance_trade(reg, "T1", "publicised", {**STEPS["listed"], **STEPS["publicised"]})
    with pytest.raises(ValuationError) as e:
        advance_trade(reg, "T1", "signed", STEPS["signed"])  # OPERATOR_CD = SIGNER again
    assert e.value.code == "operator_excluded"
    with pytest.raises(ValuationError) as e:
        update_trade(reg, "T1", {"OPERATOR_CD": SIGNER})
    assert e.value.code == "operator_excluded"
    assert get_trade(reg, "T1")["OPERATOR_CD"] == OTHER


def test_screening_date_is_the_signing_date(reg):
    # listed on 2025-09-01, after the contract was signed on 2025-08-31: the signing stands
    add_exclusions(reg, [{"NAME": "投资公司", "IDENT": SIGNER, "REASON": "严重失信", "SOURCE": "信用中国",
                          "LISTED_DATE": "2025-09-01"}])
    create_trade(reg, "T1", {"PRODUCT": "生态旅游经营权"}, parcels(INVESTOR=[None, None]))
    assert advance_trade(reg, "T1", "signed", to("signed")).status == "signed"
    # later moves are not refused but warned about: the operator is on the list today
    move = advance_trade(reg, "T1", "filed", STEPS["filed"])
    assert move.status == "filed" and [n.code for n in move.notices] == ["operator_excluded_now"]
    assert "严重失信" in move.notices[0].text()
    # moving the signing date after the listing is refused
    with pytest.raises(ValuationError) as e:
        update_trade(reg, "T1", {"SIGNING_DATE": "2025-09-02"})
    assert e.value.code == "operator_excluded"
    # an entry that expired before the signing date does not block
    create_trade(reg, "T2", {"PRODUCT": "碳汇"}, parcels(INVESTOR=[None, None]))
    remove_exclusions(reg, [{"IDENT": SIGNER}])
    add_exclusions(reg, [{"NAME": "投资公司", "IDENT": SIGNER, "REASON": "严重失信", "SOURCE": "信用中国",
                          "LISTED_DATE": "2023-01-01", "EXPIRY": "2025-08-30"}])
    assert advance_trade(reg, "T2", "signed", to("signed")).status == "signed"


def test_screen_trade_of_a_missing_trade(reg):
    with pytest.raises(ValuationError) as e:
        screen_trade(reg, "T9", dt.date(2025, 1, 1))
    assert e.value.code == "trade_missing"


def test_rows_as_a_dataframe_with_lower_case_headers(reg):
    df = pd.DataFrame({"name": ["某公司"], "reason": ["圈占资源"], "source": ["信用中国"]})
    assert add_exclusions(reg, df)["added"] == 1


def test_screen_trade_lives_in_screening_too(reg):
    from valuation import screening, trading

    assert trading.screen_trade is screening.screen_trade
    create_trade(reg, "T1", {"PRODUCT": "碳汇"}, parcels())
    add_exclusions(reg, [{"NAME": "投资公司", "REASON": "圈占资源", "SOURCE": "县发展改革委",
                          "LISTED_DATE": "2026-01-01", "EXPIRY": "2026-12-31"}])
    hits = screening.screen_trade(reg, "T1", "2026-06-30")
    assert [(h.role, h.candidate, h.parcels) for h in hits] == [("INVESTOR", "投资公司", ("L1-1",))]
    assert hits[0].describe() == "INVESTOR (投资主体) 投资公司 [L1-1]: 圈占资源; 县发展改革委; 2026-01-01 → 2026-12-31"
    assert screening.screen_trade(reg, "T1", "2027-01-01") == []


def test_an_entry_recorded_after_signing_only_warns_later_moves(reg):
    """Signed before the entry was recorded (backdated LISTED_DATE): filing the contract is warned about, not
    refused, even when the dock sends the unchanged operator again; changing the operator is refused."""
    create_trade(reg, "T1", {"PRODUCT": "生态旅游经营权"}, parcels(INVESTOR=[None, None]))
    advance_trade(reg, "T1", "signed", to("signed"))
    add_exclusions(reg, [{"NAME": "投资公司", "IDENT": SIGNER, "REASON": "严重失信", "SOURCE": "信用中国",
                          "LISTED_DATE": "2025-01-01"}])
    move = advance_trade(reg, "T1", "filed", {**STEPS["filed"], "OPERATOR": "投资公司", "OPERATOR_CD": SIGNER})
    assert move.status == "filed" and [n.code for n in move.notices] == ["operator_excluded_now"]
    with pytest.raises(ValuationError) as e:
        advance_trade(reg, "T1", "certified", {**STEPS["certified"], "OPERATOR": "投资公司（新）"})
    assert e.value.code == "operator_excluded"  # OPERATOR_CD still the listed one
    assert get_trade(reg, "T1")["STATUS"] == "filed"
