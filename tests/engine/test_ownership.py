"""Ownership codes, identifiers, 三调 suggestions and eligibility (valuation/ownership.py).

Check characters are recomputed here by a second, independent derivation of each standard:
GB 32100-2015 weights are 3^i mod 31 (1, 3, 9, 27, 81 mod 31 = 19, …), GB 11643 / ISO 7064 MOD 11-2 weights
are 2^(17−i) mod 11 and the check value is (12 − Σ mod 11) mod 11 with 10 written as X.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from valuation import ownership as own
from valuation.errors import ValuationError

CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, Z, S, V
TODAY = dt.date(2026, 11, 29)


def credit_check(first17: str) -> str:
    """GB 32100 check character: C18 = 31 − (Σ Ci·Wi mod 31), Wi = 3^(i−1) mod 31; 31 becomes 0."""
    total = sum(CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return CHARS[(31 - total % 31) % 31]


def id_check(first17: str) -> str:
    """ISO 7064 MOD 11-2: Σ ai·2^(18−i) (i = 1…17) and the check a1 with (Σ + a1·1) ≡ 1 (mod 11)."""
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def test_independent_weights_equal_the_published_ones():
    assert tuple(pow(3, i, 31) for i in range(17)) == own.CREDIT_WEIGHTS
    assert tuple(pow(2, 17 - i, 11) for i in range(17)) == own.ID_WEIGHTS


# Unified social credit codes ------------------------------------------------
@pytest.mark.parametrize("body", ["91350100M000100Y4", "91500000MA5U8E7W5", "12500000000000000",
                                  "52500103MJP123456", "Y1500101ABCDEFGHJ", "93500115MA60BL0X1"])
def test_credit_codes_with_independent_check(body):
    code = body + credit_check(body)
    assert own.identifier_kind(code) == "credit"
    assert own.is_valid_identifier(code)
    assert own.is_valid_identifier(code.lower())  # case-insensitive
    assert own.is_valid_identifier(f" {code} ")
    wrong = CHARS[(CHARS.index(code[-1]) + 1) % 31]
    assert not own.is_valid_identifier(code[:-1] + wrong)


def test_published_credit_code_validates():
    # The GB 32100-2015 example cited in the brief.
    assert credit_check("91350100M000100Y4") == "3"
    assert own.identifier_kind("91350100M000100Y43") == "credit"


@pytest.mark.parametrize("code", ["91350100M000100Y44",  # wrong check character
                                  "91350100M000100Y4",  # 17 characters
                                  "91350100M000100Y430",  # 19
                                  "91350100I000100Y43",  # I is not in the character set
                                  "91350100O000100Y43", "", None, "5001151082020100000"])
def test_invalid_credit_codes(code):
    assert own.identifier_kind(code) is None
    assert not own.is_valid_identifier(code)


# Resident ID numbers --------------------------------------------------------
def test_standard_example_id_number():
    # GB 11643-1999's example: Beijing Chaoyang 110105, born 1949-12-31, sequence 002, check X.
    assert id_check("11010519491231002") == "X"
    assert own.identifier_kind("11010519491231002X") == "id"
    assert own.identifier_kind("11010519491231002x") == "id"


@pytest.mark.parametrize("body", ["50010119900101123", "50011520000229004", "50023319800101001"])
def test_id_numbers_with_independent_check(body):
    code = body + id_check(body)
    assert own.identifier_kind(code) == "id"
    for other in "0123456789X":
        if other != code[-1]:  # Chongqing numbers (50…) can never pass as credit codes (category digit 0)
            assert not own.is_valid_identifier(code[:-1] + other)


def test_all_digit_strings_may_be_credit_codes():
    # 12345678901234567 + its GB 32100 check is a well-formed credit code (category 2, division 345678).
    code = "12345678901234567" + credit_check("12345678901234567")
    assert own.identifier_kind(code) == "credit"
    # A credit code's institution-category digit is never 0.
    body = "10345678901234567"
    assert own.identifier_kind(body + credit_check(body)) is None


@pytest.mark.parametrize("body", ["50010119900230123",  # 30 February
                                  "50010118991231123",  # born before 1900
                                  "50010121000101123",  # born in the future
                                  "01010119900101123"])  # region code starting with 0
def test_id_numbers_need_a_plausible_birth_date_and_region(body):
    assert not own.is_valid_identifier(body + id_check(body))


def test_fifteen_digit_and_short_numbers_are_not_identifiers():
    assert not own.is_valid_identifier("110105491231002")
    assert not own.is_valid_identifier("12345")


def test_owner_unit_code_is_not_an_identifier():
    qsdwdm = "5001151082020100000"
    assert own.is_owner_unit_code(qsdwdm)
    assert not own.is_valid_identifier(qsdwdm)
    assert own.normalise_value("HOLDER_CD", qsdwdm) == qsdwdm
    with pytest.raises(ValuationError) as exc:
        own.normalise_value("SELLER_CD", qsdwdm)
    assert exc.value.code == "invalid_identifier"
    assert exc.value.params["value"] == "500115*********0000"


# Masking -------------------------------------------------------------------
@pytest.mark.parametrize("code, masked", [
    ("500101199001011234", "500101********1234"),
    ("91350100M000100Y43", "913501********0Y43"),
    ("11010519491231002X", "110105********002X"),
    ("5001151082020100000", "500115*********0000"),
    ("12345678901", "123456*8901"),
    ("1234567890", "12******90"),
    ("12345", "12*45"),
    ("1234", "****"),
    ("", ""), (None, ""),
])
def test_mask_identifier(code, masked):
    assert own.mask_identifier(code) == masked


# Parsing -------------------------------------------------------------------
@pytest.mark.parametrize("value, code", [("STATE", "STATE"), ("state", "STATE"), (" Collective ", "COLLECTIVE"),
                                         ("国有", "STATE"), ("集体", "COLLECTIVE"), (" 个人 ", "INDIVIDUAL"),
                                         ("individual", "INDIVIDUAL"), ("", None), (None, None),
                                         (float("nan"), None)])
def test_parse_own_type(value, code):
    assert own.parse_own_type(value) == code


@pytest.mark.parametrize("value, code", [("NONE", "NONE"), ("none", "NONE"), ("无争议", "NONE"),
                                         ("权属不清", "UNCLEAR"), ("unclear", "UNCLEAR"), ("有争议", "DISPUTED"),
                                         ("Disputed", "DISPUTED"), ("已解决", "RESOLVED"), (" resolved", "RESOLVED"),
                                         ("  ", None)])
def test_parse_dispute(value, code):
    assert own.parse_dispute(value) == code


def test_unknown_codes_raise_coded_errors():
    with pytest.raises(ValuationError) as exc:
        own.parse_own_type("国营")
    assert exc.value.code == "unknown_own_type" and exc.value.params["value"] == "国营"
    with pytest.raises(ValuationError) as exc:
        own.parse_dispute("maybe")
    assert exc.value.code == "unknown_dispute"


def test_labels_are_stable():
    assert own.OWN_TYPE == {"STATE": "国有", "COLLECTIVE": "集体", "INDIVIDUAL": "个人"}
    assert own.DISPUTE == {"NONE": "无争议", "UNCLEAR": "权属不清", "DISPUTED": "有争议", "RESOLVED": "已解决"}
    assert all(c.isascii() and c.isupper() for c in [*own.OWN_TYPE, *own.DISPUTE])


@pytest.mark.parametrize("value, flag", [(1, 1), (0, 0), ("1", 1), ("0", 0), (1.0, 1), (True, 1), (False, 0),
                                         ("yes", 1), ("NO", 0), ("是", 1), ("否", 0), ("true", 1), ("", None),
                                         (None, None)])
def test_parse_flag(value, flag):
    assert own.parse_flag(value) == flag


def test_parse_flag_rejects_other_values():
    for bad in ("2", "maybe", "-1"):
        with pytest.raises(ValuationError) as exc:
            own.parse_flag(bad)
        assert exc.value.code == "not_a_flag"


@pytest.mark.parametrize("value, iso", [("2025-03-01", "2025-03-01"), ("2025/3/1", "2025-03-01"),
                                        ("2025.03.01", "2025-03-01"), ("20250301", "2025-03-01"),
                                        ("2025年3月1日", "2025-03-01"), (dt.date(2025, 3, 1), "2025-03-01"),
                                        (pd.Timestamp("2025-03-01 10:00"), "2025-03-01"),
                                        ("2025-03-01T08:00:00", "2025-03-01"), ("", None)])
def test_parse_date(value, iso):
    assert own.parse_date(value, today=TODAY) == iso


@pytest.mark.parametrize("value, code", [("2025-02-29", "invalid_date"), ("01/03/2025", "invalid_date"),
                                         ("soon", "invalid_date"), ("2026-11-30", "future_date")])
def test_bad_dates(value, code):
    with pytest.raises(ValuationError) as exc:
        own.parse_date(value, today=TODAY)
    assert exc.value.code == code


# 三调 suggestions -------------------------------------------------------------
@pytest.mark.parametrize("qsxz, code", [("10", "STATE"), ("20", "STATE"), ("30", "COLLECTIVE"), ("31", "COLLECTIVE"),
                                        ("32", "COLLECTIVE"), ("33", "COLLECTIVE"), ("34", "COLLECTIVE"),
                                        ("40", "COLLECTIVE"), (31, "COLLECTIVE"), (20.0, "STATE"), ("50", None),
                                        ("", None), (None, None)])
def test_qsxz_mapping(qsxz, code):
    assert own.qsxz_own_type(qsxz) == code


def test_sandiao_suggestion_row():
    row = {"qsxz": "32", "QSDWMC": "石板村股份经济合作联合社", "QSDWDM": "5001151082028000000", "DLBM": "0301"}
    assert own.sandiao_suggestion(row) == {"OWN_TYPE": "COLLECTIVE", "HOLDER": "石板村股份经济合作联合社",
                                           "HOLDER_CD": "5001151082028000000"}
    assert own.sandiao_suggestion({"QSXZ": "99"}) == {}


def test_fill_from_sandiao_never_overwrites():
    df = pd.DataFrame({
        "PARCEL_ID": ["a", "b", "c", "d"],
        "QSXZ": ["10", "31", "31", "77"],
        "QSDWMC": ["溪口国有林场", "石板村1社", "石板村1社", "某单位"],
        "QSDWDM": ["5001151082000000001", "5001151082020100000", "5001151082020100000", ""],
        "OWN_TYPE": [None, "INDIVIDUAL", "", None],
        "HOLDER": ["国有林场（已填）", None, "张三", float("nan")],
    })
    before = df.copy()
    out = own.fill_from_sandiao(df)
    assert out["OWN_TYPE"].tolist() == ["STATE", "INDIVIDUAL", "COLLECTIVE", None]
    assert out["HOLDER"].tolist() == ["国有林场（已填）", "石板村1社", "张三", "某单位"]
    assert out["HOLDER_CD"].tolist() == ["5001151082000000001", "5001151082020100000", "5001151082020100000", None]
    pd.testing.assert_frame_equal(df, before)  # input untouched
    # Filling twice changes nothing.
    again = own.fill_from_sandiao(out)
    assert again[["OWN_TYPE", "HOLDER", "HOLDER_CD"]].equals(out[["OWN_TYPE", "HOLDER", "HOLDER_CD"]])


def test_fill_from_sandiao_without_sandiao_fields():
    out = own.fill_from_sandiao(pd.DataFrame({"PARCEL_ID": ["a"], "HOLDER": ["x"]}))
    assert out.loc[0, "HOLDER"] == "x" and out.loc[0, "OWN_TYPE"] is None


# Eligibility ---------------------------------------------------------------
CREDIT = "91350100M000100Y43"
ID_NO = "11010519491231002X"
OK = {"OWN_TYPE": "COLLECTIVE", "HOLDER": "石板村1社", "SELLER": "石板村股份经济合作联合社", "SELLER_CD": CREDIT,
      "DISPUTE": "NONE"}


@pytest.mark.parametrize("change, why", [
    ({}, []),
    ({"SELLER_CD": ID_NO, "OWN_TYPE": "INDIVIDUAL"}, []),
    ({"OWN_TYPE": "国有", "DISPUTE": "无争议"}, []),  # labels are accepted too
    ({"OWN_TYPE": None}, ["no_own_type"]),
    ({"OWN_TYPE": "PRIVATE"}, ["bad_own_type"]),
    ({"HOLDER": " "}, ["no_holder"]),
    ({"SELLER": None}, ["no_seller"]),
    ({"SELLER_CD": None}, ["no_seller_id"]),
    ({"SELLER_CD": "91350100M000100Y44"}, ["bad_seller_id"]),
    ({"SELLER_CD": "5001151082020100000"}, ["bad_seller_id"]),  # a QSDWDM is no identifier
    ({"DISPUTE": None}, ["no_dispute"]),
    ({"DISPUTE": "MAYBE"}, ["bad_dispute"]),
    ({"DISPUTE": "UNCLEAR"}, ["unclear"]),
    ({"DISPUTE": "UNCLEAR", "CONSENT": 1}, ["unclear"]),  # consent does not cure unclear rights
    ({"DISPUTE": "DISPUTED", "CONSENT": 1}, ["disputed"]),
    ({"DISPUTE": "RESOLVED"}, ["no_consent"]),
    ({"DISPUTE": "RESOLVED", "CONSENT": 0}, ["no_consent"]),
    ({"DISPUTE": "RESOLVED", "CONSENT": 1}, []),
    ({"DISPUTE": "RESOLVED", "CONSENT": "是"}, []),
    ({"NONE": 1, "OWN_TYPE": None, "HOLDER": None, "SELLER": None, "SELLER_CD": None, "DISPUTE": None},
     ["no_own_type", "no_holder", "no_seller", "no_seller_id", "no_dispute"]),
])
def test_every_eligibility_rule(change, why):
    row = {**OK, **change}
    assert own.ineligibility_reasons(row) == why
    out = own.assess(pd.DataFrame([row]))
    assert out.loc[0, "ELIGIBLE"] == (0 if why else 1)
    assert out.loc[0, "INELIG_WHY"] == ";".join(why)


def test_every_reason_has_a_text_and_is_ascii():
    assert set(own.REASONS) == {"no_own_type", "bad_own_type", "no_holder", "no_seller", "no_seller_id",
                                "bad_seller_id", "no_dispute", "bad_dispute", "unclear", "disputed", "no_consent"}
    assert all(c.isascii() and ";" not in c for c in own.REASONS)


def test_state_appraisal_flag():
    df = pd.DataFrame([{**OK, "OWN_TYPE": t} for t in ("STATE", "国有", "COLLECTIVE", "INDIVIDUAL", None, "x")])
    assert own.assess(df)["STATE_APPR"].tolist() == [1, 1, 0, 0, 0, 0]


# Assignment tables ---------------------------------------------------------
PARCELS = pd.DataFrame({"PARCEL_ID": ["JY01-B1", "JY01-B2", "JY02-B2", "JY02-B3"],
                        "BSM": ["B1", "B2", "B2", "B3"],
                        "QSXZ": ["31", "10", "10", "32"],
                        "QSDWMC": ["石板村1社", "溪口国有林场", "溪口国有林场", "青杠村村民委员会"],
                        "QSDWDM": ["5001151082020100000", "5001151082000000001", "5001151082000000001",
                                   "5001151082018000000"]})


def test_check_table_by_id_bsm_and_chinese_headers():
    table = pd.DataFrame({"地块编号": ["JY01-B1", None, None],
                          "bsm": [None, "B2", None],
                          "权属类型": ["集体", "国有", None],
                          "seller_cd": [CREDIT.lower(), "", None],
                          "CONSENT": ["", "1", None],
                          "备注": ["ignored", "x", None]})
    changes = own.check_table(table, PARCELS, today=TODAY)
    assert list(changes.index) == ["JY01-B1", "JY01-B2", "JY02-B2"]  # the BSM row assigns both pieces
    assert changes.loc["JY01-B1", "OWN_TYPE"] == "COLLECTIVE" and changes.loc["JY01-B1", "SELLER_CD"] == CREDIT
    assert changes.loc["JY01-B1", "CONSENT"] is None  # blank: unchanged
    assert changes.loc["JY02-B2", "OWN_TYPE"] == "STATE" and changes.loc["JY02-B2", "CONSENT"] == 1
    assert changes.loc["JY02-B2", "BSM"] == "B2"


def test_check_table_lists_every_problem_with_row_value_reason():
    table = pd.DataFrame({"PARCEL_ID": ["JY01-B1", "JY01-B9", None, "JY01-B1", None],
                          "BSM": [None, None, "B7", None, None],
                          "OWN_TYPE": ["PUBLIC", "STATE", "STATE", "STATE", "STATE"],
                          "SELLER_CD": [CREDIT, "500101199001011235", None, None, None],
                          "CONS_DATE": [None, "2025-13-01", None, None, None],
                          "PRIORITY": [None, None, "2", None, None]})
    with pytest.raises(own.TableError) as exc:
        own.check_table(table, PARCELS, today=TODAY)
    got = [(p.row, p.field, p.value, p.error.code) for p in exc.value.problems]
    assert got == [
        (1, "OWN_TYPE", "PUBLIC", "unknown_own_type"),
        (2, "PARCEL_ID", "JY01-B9", "unknown_parcel_id"),
        (2, "SELLER_CD", "500101********1235", "invalid_identifier"),
        (2, "CONS_DATE", "2025-13-01", "invalid_date"),
        (3, "BSM", "B7", "unknown_bsm"),
        (3, "PRIORITY", "2", "not_a_flag"),
        (4, "PARCEL_ID", "JY01-B1", "duplicate_key"),
        (5, "PARCEL_ID", "", "no_key"),
    ]
    assert exc.value.code == "invalid_assignments" and exc.value.params["n"] == 5
    assert "500101199001011235" not in str(exc.value)


def test_check_table_header_in_first_row_and_missing_key_column():
    # A spreadsheet read without header detection: columns Field1…, the header in the first row.
    table = pd.DataFrame({"Field1": ["PARCEL_ID", "JY02-B3"], "Field2": ["DISPUTE", "有争议"]})
    changes = own.check_table(table, PARCELS)
    assert changes.loc["JY02-B3", "DISPUTE"] == "DISPUTED"
    with pytest.raises(ValuationError) as exc:
        own.check_table(pd.DataFrame({"ID": ["x"], "OWN_TYPE": ["STATE"]}), PARCELS)
    assert exc.value.code == "no_key_column"
    with pytest.raises(ValuationError) as exc:
        own.check_table(pd.DataFrame({"PARCEL_ID": ["JY02-B3"], "NOTE": ["x"]}), PARCELS)
    assert exc.value.code == "no_assignment_columns"


def test_assign_order_layer_register_table_sandiao():
    layer = PARCELS.assign(OWN_TYPE=["INDIVIDUAL", None, None, None], HOLDER=[None, "层值", None, None])
    register = pd.DataFrame({"BSM": ["B2"], "OWN_TYPE": ["COLLECTIVE"], "HOLDER": [None], "HOLDER_CD": [None],
                             "INVESTOR": [None], "PRIORITY": [None], "SELLER": ["溪口镇人民政府"],
                             "SELLER_CD": [CREDIT], "DISPUTE": ["NONE"], "CONSENT": [None], "CONS_DATE": [None],
                             "CONS_REF": [None]}, index=pd.Index(["JY01-B2"], name="PARCEL_ID"))
    table = pd.DataFrame({"PARCEL_ID": ["JY02-B3"], "OWN_TYPE": ["STATE"]})
    res = own.assign(layer, table, from_sandiao=True, assignments=register, today=TODAY)
    out = res.parcels.set_index("PARCEL_ID")
    # Layer value kept, sandiao fills only what is empty.
    assert out.loc["JY01-B1", "OWN_TYPE"] == "INDIVIDUAL" and out.loc["JY01-B1", "HOLDER"] == "石板村1社"
    # The register wins over the layer (HOLDER None there), then 三调 fills the empty HOLDER.
    assert out.loc["JY01-B2", "OWN_TYPE"] == "COLLECTIVE" and out.loc["JY01-B2", "HOLDER"] == "溪口国有林场"
    # JY02-B2 has no register row but its BSM matches one: it inherits the assignment.
    assert out.loc["JY02-B2", "SELLER_CD"] == CREDIT
    # The table wins over 三调.
    assert out.loc["JY02-B3", "OWN_TYPE"] == "STATE" and out.loc["JY02-B3", "STATE_APPR"] == 1
    assert out.loc["JY01-B2", "ELIGIBLE"] == 1 and out.loc["JY01-B1", "ELIGIBLE"] == 0
    assert res.stats["register_join"] == {"by_parcel_id": 1, "by_bsm": 1, "unmatched": 2, "ambiguous_bsm": []}
    assert res.stats["eligible"] == 2 and res.stats["state_appraisal"] == 1
    # Changes for the register: every parcel's values, None written as "" (cleared).
    assert res.changes.loc["JY02-B3", "OWN_TYPE"] == "STATE" and res.changes.loc["JY02-B3", "INVESTOR"] == ""
    assert list(res.parcels.columns[-14:]) == list(own.OWNERSHIP_COLUMNS)


def test_assign_rejects_bad_layer_values_and_duplicate_ids():
    with pytest.raises(own.TableError) as exc:
        own.assign(PARCELS.assign(SELLER_CD=["500101199001011235", None, None, None]))
    p = exc.value.problems[0]
    assert (p.row, p.field, p.value) == ("JY01-B1", "SELLER_CD", "500101********1235")
    with pytest.raises(ValuationError) as exc2:
        own.assign(pd.concat([PARCELS, PARCELS.iloc[:1]]))
    assert exc2.value.code == "duplicate_parcel_id"


def test_join_ambiguous_bsm_is_not_matched():
    reg = pd.DataFrame({"BSM": ["B2", "B2"], **{f: [None, None] for f in own.ASSIGNED_FIELDS}},
                       index=pd.Index(["OLD-B2a", "OLD-B2b"], name="PARCEL_ID"))
    reg["OWN_TYPE"] = ["STATE", "COLLECTIVE"]
    out = own.join_assignments(PARCELS, reg)
    assert out["OWN_TYPE"].isna().all()
    assert out.attrs["register_join"]["ambiguous_bsm"] == ["B2"]
