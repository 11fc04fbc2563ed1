"""The project register (valuation/register.py): a GeoPackage with a versioned schema, transactional writes,
an append-only audit, lock retries and assignments that survive re-running the split."""

from __future__ import annotations

import getpass
import sqlite3
import threading
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from valuation import ownership as own
from valuation.errors import ValuationError
from valuation.parcels import split_parcels
from valuation.register import CLEAR, SCHEMA_VERSION, Register

#: The tables of schema version 2 (version 1 plus the trade tables).
V2_TABLES = {"swc_meta", "ownership", "audit", "trade", "trade_parcel", "trade_event", "pledge", "payment"}
#: The tables of schema version 3 (version 2 plus the excluded-operator list and its history).
V3_TABLES = V2_TABLES | {"excluded_operator", "excluded_operator_event"}

GPKG = Path(__file__).resolve().parents[2] / "resources" / "sample" / "sample_watershed.gpkg"
CREDIT = "91350100M000100Y43"
ID_NO = "11010519491231002X"
AUDIT = ["parcel_id", "field", "old_value", "new_value"]


@pytest.fixture
def reg(tmp_path) -> Register:
    return Register.create(tmp_path / "project.gpkg")


def audit_rows(reg: Register) -> list[tuple]:
    return [tuple(r) for r in reg.audit()[AUDIT].itertuples(index=False)]


# Creating and opening ------------------------------------------------------
def test_create_gives_a_valid_geopackage(reg):
    con = sqlite3.connect(reg.path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert con.execute("PRAGMA user_version").fetchone()[0] == 10200
    contents = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall())
    assert contents == {name: "attributes" for name in V3_TABLES}
    assert {r[0] for r in con.execute("SELECT srs_id FROM gpkg_spatial_ref_sys")} == {-1, 0, 4326}
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"audit_no_update", "audit_no_delete", "excluded_operator_event_no_update",
            "excluded_operator_event_no_delete"} <= triggers
    con.close()
    # GDAL (the library QGIS uses) lists and reads the tables.
    layers = {name for name, _ in pyogrio.list_layers(reg.path)}
    assert layers == V3_TABLES
    meta = pyogrio.read_dataframe(reg.path, layer="swc_meta")
    assert dict(zip(meta["key"], meta["value"]))["schema_version"] == "3"


def test_meta_and_open(reg):
    meta = reg.meta()
    assert meta["schema_version"] == str(SCHEMA_VERSION) == "3"
    assert meta["software"].startswith("SWC EcoValue ")
    assert meta["created"].endswith("Z") and meta["created"][:4].isdigit()
    again = Register.open(reg.path)
    assert again.assignments().empty and again.audit().empty
    assert Register.open_or_create(reg.path).path == reg.path


def test_create_refuses_an_existing_file_and_open_a_missing_one(reg, tmp_path):
    with pytest.raises(ValuationError) as exc:
        Register.create(reg.path)
    assert exc.value.code == "register_exists"
    with pytest.raises(ValuationError) as exc:
        Register.open(tmp_path / "nothing.gpkg")
    assert exc.value.code == "register_missing"
    with pytest.raises(ValuationError) as exc:
        Register.create(tmp_path / "no" / "folder.gpkg")
    assert exc.value.code == "register_no_folder"
    assert [p.name for p in tmp_path.iterdir()] == ["project.gpkg"]  # no temporary file left


@pytest.mark.parametrize("version, code", [("4", "register_newer"), ("99", "register_newer"),
                                           ("abc", "register_unknown_version"), ("0", "register_unknown_version")])
def test_schema_version_check(reg, version, code):
    con = sqlite3.connect(reg.path)
    con.execute("UPDATE swc_meta SET value = ? WHERE key = 'schema_version'", (version,))
    con.commit()
    con.close()
    with pytest.raises(ValuationError) as exc:
        Register.open(reg.path)
    assert exc.value.code == code


def test_open_rejects_files_that_are_not_registers(tmp_path):
    other = tmp_path / "parcels.gpkg"
    pyogrio.write_dataframe(pd.DataFrame({"a": ["x"]}), other, layer="t", driver="GPKG")
    text = tmp_path / "notes.gpkg"
    text.write_text("not a database at all, just some text" * 30)
    for path in (other, text):
        with pytest.raises(ValuationError) as exc:
            Register.open(path)
        assert exc.value.code == "register_not_a_register"


def test_open_adopts_a_geopackage_with_only_swc_tables(tmp_path):
    # Another module (the catalog) may have created the project GeoPackage with its own swc_* tables first.
    path = tmp_path / "project.gpkg"
    pyogrio.write_dataframe(pd.DataFrame({"start_year": [2025]}), path, layer="swc_catalog_period", driver="GPKG")
    reg = Register.open(path)
    assert reg.meta()["schema_version"] == "3"
    assert {name for name, _ in pyogrio.list_layers(path)} == {"swc_catalog_period", *V3_TABLES}
    reg.apply(pd.DataFrame({"PARCEL_ID": ["A"], "OWN_TYPE": ["STATE"]}))
    assert Register.open(path).assignments().loc["A", "OWN_TYPE"] == "STATE"
    assert pyogrio.read_dataframe(path, layer="swc_catalog_period")["start_year"].tolist() == [2025]


# Writing and the audit -----------------------------------------------------
def test_apply_writes_rows_and_exact_audit(reg):
    first = pd.DataFrame({"PARCEL_ID": ["JY01-B1", "JY01-B2"], "BSM": ["B1", "B2"],
                          "OWN_TYPE": ["集体", "state"], "SELLER_CD": [CREDIT.lower(), None],
                          "CONSENT": [None, "是"]})
    assert reg.apply(first, user="王工") == 4
    assert audit_rows(reg) == [("JY01-B1", "OWN_TYPE", None, "COLLECTIVE"), ("JY01-B1", "SELLER_CD", None, CREDIT),
                               ("JY01-B2", "OWN_TYPE", None, "STATE"), ("JY01-B2", "CONSENT", None, "1")]
    log = reg.audit()
    assert (log["os_user"] == getpass.getuser()).all() and (log["app_user"] == "王工").all()
    assert log["batch"].nunique() == 1 and log["time"].str.endswith("Z").all()
    rows = reg.assignments()
    assert rows.loc["JY01-B1", "OWN_TYPE"] == "COLLECTIVE" and rows.loc["JY01-B1", "SELLER_CD"] == CREDIT
    assert rows.loc["JY01-B2", "CONSENT"] == 1 and rows.loc["JY01-B2", "BSM"] == "B2"
    assert rows.loc["JY01-B1", "HOLDER"] is None and pd.isna(rows.loc["JY01-B1", "CONSENT"])
    assert (rows["UPDATED_BY"] == "王工").all()

    # Second batch (index-keyed): one change, one clear, one unchanged value, one new parcel.
    second = pd.DataFrame({"OWN_TYPE": ["INDIVIDUAL", "STATE", None], "CONSENT": [None, CLEAR, None],
                           "DISPUTE": [None, None, "权属不清"]},
                          index=pd.Index(["JY01-B1", "JY01-B2", "JY02-B3"], name="PARCEL_ID"))
    assert reg.preview(second)[AUDIT].values.tolist() == [["JY01-B1", "OWN_TYPE", "COLLECTIVE", "INDIVIDUAL"],
                                                          ["JY01-B2", "CONSENT", 1, None],
                                                          ["JY02-B3", "DISPUTE", None, "UNCLEAR"]]
    assert reg.apply(second) == 3
    assert audit_rows(reg)[4:] == [("JY01-B1", "OWN_TYPE", "COLLECTIVE", "INDIVIDUAL"),
                                   ("JY01-B2", "CONSENT", "1", None), ("JY02-B3", "DISPUTE", None, "UNCLEAR")]
    assert reg.audit()["app_user"].iloc[-1] == getpass.getuser()  # default user: the OS login
    assert reg.audit()["batch"].nunique() == 2
    # The same changes again write nothing; nor do all-empty rows for unknown parcels.
    assert reg.apply(second) == 0
    assert reg.apply(pd.DataFrame({"PARCEL_ID": ["JY09-B9"], "HOLDER": [CLEAR]})) == 0
    assert len(reg.audit()) == 7 and len(reg.assignments()) == 3
    assert reg.audit("JY01-B2")["field"].tolist() == ["OWN_TYPE", "CONSENT", "CONSENT"]


def test_invalid_changes_write_nothing(reg):
    reg.apply(pd.DataFrame({"PARCEL_ID": ["A"], "OWN_TYPE": ["STATE"]}))
    before = (reg.assignments(), reg.audit())
    bad = pd.DataFrame({"PARCEL_ID": ["A", "B"], "OWN_TYPE": ["COLLECTIVE", "公有"],
                        "SELLER_CD": [None, "500101199001011235"]})
    with pytest.raises(own.TableError) as exc:
        reg.apply(bad)
    assert [(p.row, p.field, p.value) for p in exc.value.problems] == [("B", "OWN_TYPE", "公有"),
                                                                       ("B", "SELLER_CD", "500101********1235")]
    for frame, kind in ((pd.DataFrame({"PARCEL_ID": ["A", "A"], "HOLDER": ["x", "y"]}), "changes_duplicate_ids"),
                        (pd.DataFrame({"PARCEL_ID": ["A"], "COLOUR": ["red"]}), "changes_unknown_fields"),
                        (pd.DataFrame({"HOLDER": ["x"]}), "changes_no_parcel_id")):
        with pytest.raises(ValuationError) as err:
            reg.apply(frame)
        assert err.value.code == kind
    pd.testing.assert_frame_equal(reg.assignments(), before[0])
    pd.testing.assert_frame_equal(reg.audit(), before[1])


def test_audit_refuses_update_and_delete(reg):
    reg.apply(pd.DataFrame({"PARCEL_ID": ["A"], "OWN_TYPE": ["STATE"]}))
    con = sqlite3.connect(reg.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE audit SET new_value = 'COLLECTIVE'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM audit")
    con.rollback()
    con.close()
    assert audit_rows(reg) == [("A", "OWN_TYPE", None, "STATE")]


def test_ownership_codes_are_checked_by_sqlite_too(reg):
    con = sqlite3.connect(reg.path)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO ownership (PARCEL_ID, OWN_TYPE) VALUES ('X', 'PUBLIC')")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO ownership (PARCEL_ID, CONSENT) VALUES ('X', 2)")
    con.close()


def hold_write_lock(path: Path, seconds: float, ready: threading.Event) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO swc_meta (key, value) VALUES ('other_program', 'busy')")
    ready.set()
    time.sleep(seconds)
    con.execute("ROLLBACK")
    con.close()


def test_apply_retries_while_another_connection_holds_the_lock(reg):
    ready = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(reg.path, 0.3, ready))
    holder.start()
    ready.wait(5)
    start = time.monotonic()
    n = reg.apply(pd.DataFrame({"PARCEL_ID": ["A"], "OWN_TYPE": ["STATE"]}))
    waited = time.monotonic() - start
    holder.join()
    assert n == 1 and reg.last_attempts > 1
    assert waited >= 0.25
    assert audit_rows(reg) == [("A", "OWN_TYPE", None, "STATE")]
    assert "other_program" not in reg.meta()


def test_apply_gives_up_after_the_lock_timeout(tmp_path):
    reg = Register.create(tmp_path / "p.gpkg", lock_timeout=0.4)
    ready = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(reg.path, 2.0, ready))
    holder.start()
    ready.wait(5)
    try:
        with pytest.raises(ValuationError) as exc:
            reg.apply(pd.DataFrame({"PARCEL_ID": ["A"], "OWN_TYPE": ["STATE"]}))
        assert exc.value.code == "register_locked"
    finally:
        holder.join()
    assert reg.audit().empty and reg.assignments().empty


# Joining onto parcels ------------------------------------------------------
@pytest.fixture(scope="module")
def sample():
    return gpd.read_file(GPKG, layer="JYFW"), gpd.read_file(GPKG, layer="DLTB")


def split(sample, rename: bool = False) -> gpd.GeoDataFrame:
    lots, dltb = sample
    if rename:
        lots = lots.assign(SCOPE_ID="NEW-" + lots["SCOPE_ID"].astype(str))
    return split_parcels(lots, dltb, scope_id_field="SCOPE_ID").parcels


def test_join_survives_rerunning_the_split(sample, reg):
    first = split(sample)
    picked = first.iloc[[0, 5, 17, 40]]
    changes = pd.DataFrame({"PARCEL_ID": picked["PARCEL_ID"], "BSM": picked["BSM"],
                            "OWN_TYPE": ["STATE", "COLLECTIVE", "INDIVIDUAL", "COLLECTIVE"],
                            "HOLDER": ["溪口国有林场", "石板村1社", "张三", "青杠村2社"],
                            "SELLER": ["溪口国有林场", "石板村股份经济合作联合社", "张三", "青杠村村民委员会"],
                            "SELLER_CD": [CREDIT, CREDIT, ID_NO, "50010119900101123X"],
                            "DISPUTE": ["NONE", "RESOLVED", "NONE", "DISPUTED"],
                            "CONSENT": [None, 1, None, 1]})
    reg.apply(changes)
    joined_first = reg.join_assignments(first)

    again = split(sample)  # the split again: same PARCEL_IDs
    joined = reg.join_assignments(again)
    cols = ["PARCEL_ID", *own.OWNERSHIP_COLUMNS]
    pd.testing.assert_frame_equal(joined[cols].reset_index(drop=True), joined_first[cols].reset_index(drop=True))
    assert joined.attrs["register_join"]["by_parcel_id"] == 4
    by_id = joined.set_index("PARCEL_ID")
    assert by_id.loc[picked["PARCEL_ID"].iloc[0], "STATE_APPR"] == 1
    assert by_id.loc[picked["PARCEL_ID"].iloc[1], "ELIGIBLE"] == 1  # resolved with consent
    assert by_id.loc[picked["PARCEL_ID"].iloc[3], "INELIG_WHY"] == "disputed"
    assert joined["OWN_TYPE"].notna().sum() == 4

    # Lots renamed: the PARCEL_IDs change, the BSM carries the assignments over.
    renamed = reg.join_assignments(split(sample, rename=True)).set_index("BSM")
    assert renamed.attrs["register_join"]["by_parcel_id"] == 0
    assert renamed.attrs["register_join"]["by_bsm"] >= 4
    for _, row in picked.iterrows():
        got = renamed.loc[[row["BSM"]]]
        assert (got["HOLDER"] == changes.set_index("PARCEL_ID").loc[row["PARCEL_ID"], "HOLDER"]).all()


def test_an_older_register_is_upgraded_through_migrations(tmp_path, monkeypatch):
    """A version-1 register (made with the version-1 code) is upgraded in place to version 3 (trade tables, then
    the listing columns and the excluded-operator tables)."""
    from valuation import register as register_module

    with monkeypatch.context() as m:
        m.setattr(register_module, "SCHEMA_VERSION", 1)
        m.setattr(register_module, "MIGRATIONS", {})
        old = Register.create(tmp_path / "v1.gpkg")
        old.apply(pd.DataFrame({"PARCEL_ID": ["A"], "OWN_TYPE": ["STATE"]}))
        assert {name for name, _ in pyogrio.list_layers(old.path)} == {"swc_meta", "ownership", "audit"}
    assert Register.inspect(old.path) == 1
    upgraded = Register.open(old.path)
    assert upgraded.meta()["schema_version"] == "3"
    assert {name for name, _ in pyogrio.list_layers(old.path)} == V3_TABLES
    assert upgraded.assignments().loc["A", "OWN_TYPE"] == "STATE"
    fresh = Register.create(tmp_path / "fresh.gpkg")
    con_new, con_old = sqlite3.connect(fresh.path), sqlite3.connect(old.path)
    schema = "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    assert con_new.execute(schema).fetchall() == con_old.execute(schema).fetchall()
    con_new.close()
    con_old.close()


#: The trade columns of schema version 2, in the order version 2 created them.
V2_TRADE_COLUMNS = [
    "fid", "TRADE_ID", "STATUS", "PRODUCT", "SELLERS", "ACCOUNT_DATE", "APPRAISER", "APPRAISAL_DATE", "LISTING_DATE",
    "PLATFORM_REF", "PUBLICITY_START", "PUBLICITY_END", "PUBLICITY_OUTCOME", "OPERATOR", "OPERATOR_CD",
    "PRIORITY_WAIVER", "START_DATE", "PAYMENT_METHOD", "PAYMENT_SCHEDULE", "CONTRACT_NO", "SIGNING_DATE",
    "REVENUE_PLAN_NO", "REVENUE_PLAN_DATE", "FILED_WATER", "FILED_DRC", "FILED_FINANCE", "COUNTY", "CERT_NO",
    "CERT_DATE", "FEEDBACK_PLAN_NO", "FEEDBACK_PLAN_DATE", "CLOSE_DATE", "NOTE", "ACCOUNTED_VALUE", "APPRAISED_VALUE",
    "TERM_YEARS", "PRICE", "UPDATED_AT", "UPDATED_BY"]


def test_a_version_2_register_is_upgraded_to_version_3(tmp_path, monkeypatch):
    """A version-2 register made by the version-2 code path, holding a listed trade, gains the listing columns
    (NULL on the old trade) and the excluded-operator tables; its rows survive; the schema equals a new one's."""
    from valuation import register as register_module
    from valuation.trading import advance_trade, create_trade, get_trade, missing_for

    with monkeypatch.context() as m:
        m.setattr(register_module, "SCHEMA_VERSION", 2)
        m.setattr(register_module, "MIGRATIONS", {1: register_module._v1_to_v2})
        m.setattr(register_module, "TRADE_TEXT_FIELDS", register_module._TRADE_TEXT_FIELDS_V2)
        m.setattr(register_module, "TRADE_REAL_FIELDS", register_module._TRADE_REAL_FIELDS_V2)
        old = Register.create(tmp_path / "v2.gpkg")
        old.apply(pd.DataFrame({"PARCEL_ID": ["A"], "OWN_TYPE": ["STATE"]}))
        create_trade(old, "T1", {"PRODUCT": "碳汇"}, pd.DataFrame({"PARCEL_ID": ["A"], "SELLER": ["甲村"]}))
        con = sqlite3.connect(old.path)
        con.execute("UPDATE trade SET STATUS = 'listed', ACCOUNTED_VALUE = 1000, ACCOUNT_DATE = '2025-03-01', "
                    "APPRAISER = '评估公司', APPRAISED_VALUE = 800, APPRAISAL_DATE = '2025-04-01', "
                    "LISTING_DATE = '2025-05-01', TERM_YEARS = 10")
        con.commit()
        assert [r[1] for r in con.execute("PRAGMA table_info(trade)")] == V2_TRADE_COLUMNS
        con.close()
        assert {name for name, _ in pyogrio.list_layers(old.path)} == V2_TABLES
        assert Register.inspect(old.path) == 2
    assert Register.inspect(old.path) == 2  # inspecting does not upgrade
    upgraded = Register.open(old.path)
    assert upgraded.meta()["schema_version"] == "3" == str(Register.inspect(old.path))
    assert {name for name, _ in pyogrio.list_layers(old.path)} == V3_TABLES
    con = sqlite3.connect(old.path)
    assert [r[1] for r in con.execute("PRAGMA table_info(trade)")] == V2_TRADE_COLUMNS + [
        "OPERATING_FORMS", "OPERATOR_SCOPE", "CONTACT", "LISTING_PRICE"]
    con.close()
    t = get_trade(upgraded, "T1")
    assert (t["STATUS"], t["TERM_YEARS"], t["LISTING_PRICE"], t["OPERATING_FORMS"]) == ("listed", 10.0, None, None)
    # the old listed trade lacks the new listing fields; it moves on once they are given
    assert missing_for(t, "publicised") == ["LISTING_PRICE", "OPERATING_FORMS", "OPERATOR_SCOPE", "CONTACT",
                                            "PUBLICITY_START", "PUBLICITY_END"]
    advance_trade(upgraded, "T1", "publicised", {
        "LISTING_PRICE": 1_880_000, "OPERATING_FORMS": "生态旅游; 林下种植", "OPERATOR_SCOPE": "依法设立的企业",
        "CONTACT": "县水利局 023-00000000", "PUBLICITY_START": "2025-05-02", "PUBLICITY_END": "2025-05-12"})
    assert get_trade(upgraded, "T1")["OPERATING_FORMS"] == "生态旅游；林下种植"
    assert upgraded.assignments().loc["A", "OWN_TYPE"] == "STATE"
    fresh = Register.create(tmp_path / "fresh.gpkg")
    con_new, con_old = sqlite3.connect(fresh.path), sqlite3.connect(old.path)
    schema = "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    assert con_new.execute(schema).fetchall() == con_old.execute(schema).fetchall()
    con_new.close()
    con_old.close()
    # GDAL still reads the upgraded trade table, new columns included
    trades = pyogrio.read_dataframe(old.path, layer="trade")
    assert trades.loc[0, "LISTING_PRICE"] == 1_880_000 and trades.loc[0, "CONTACT"] == "县水利局 023-00000000"


def test_a_newer_register_is_refused_untouched(reg):
    con = sqlite3.connect(reg.path)
    con.execute("UPDATE swc_meta SET value = '4' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = reg.path.read_bytes()
    for call in (Register.open, Register.inspect, Register.open_or_create):
        with pytest.raises(ValuationError) as exc:
            call(reg.path)
        assert exc.value.code == "register_newer"
        assert "schema version 4" in str(exc.value) and "up to version 3" in str(exc.value)
    assert reg.path.read_bytes() == before


def test_inspect_leaves_the_file_untouched(reg, tmp_path):
    assert Register.inspect(reg.path) == SCHEMA_VERSION
    path = tmp_path / "catalog_first.gpkg"
    pyogrio.write_dataframe(pd.DataFrame({"start_year": [2025]}), path, layer="swc_catalog_period", driver="GPKG")
    before = path.read_bytes()
    assert Register.inspect(path) == 0
    assert path.read_bytes() == before
    with pytest.raises(ValuationError) as exc:
        Register.inspect(tmp_path / "missing.gpkg")
    assert exc.value.code == "register_missing"
