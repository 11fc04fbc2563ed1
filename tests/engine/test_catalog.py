"""``valuation.catalog``: scores and ranking on a hand-made set, blocking and overrides, the register's history,
the proposal form and the map."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import shapely

from valuation.catalog import (
    CatalogRegister,
    Change,
    catalog_as_of,
    load_criteria,
    proposal_changes,
    proposal_map,
    propose,
    write_form,
)
from valuation.errors import ValuationError

CRITERIA = """criterion,field,weight,direction,scale,label_en,label_zh,note,if_missing
VALUE,V_PER_KM2,2,higher,minmax,Value per km²,单位面积核算价值,,error
TRADED,TRADED_PCT,1,lower,percent,Traded,已交易比例,,zero
CLEAN,CLEAN_WS,1,higher,boolean,Clean,已认定生态清洁小流域,,unknown
"""


@pytest.fixture()
def candidates() -> pd.DataFrame:
    return pd.DataFrame({
        "WS_ID": ["A", "B", "C", "D"], "WS_NAME": ["甲沟", "乙沟", "丙沟", "丁沟"],
        "V_PER_KM2": [100.0, 300.0, 200.0, 300.0], "TR": [0.0, 20.0, 100.0, 0.0],
        "CLEAN_WS": ["是", "否", 1, None], "DISPUTE_N": [0, 0, 0, 2], "UNCLEAR_N": [0, 0, 0, 0],
    })


@pytest.fixture()
def criteria(tmp_path: Path):
    path = tmp_path / "criteria.csv"
    path.write_text(CRITERIA, encoding="utf-8")
    return load_criteria(path)


def test_scores_and_ranking_by_hand(candidates, criteria):
    """Weights 2:1:1 → 50 %, 25 %, 25 %. VALUE min–max over 100…300; TRADED lower is better (1 − %/100);
    CLEAN yes = 1, no = 0, unknown = 0.
    A: 0·50 + 1·25 + 1·25 = 50; B: 1·50 + 0.8·25 + 0 = 70; C: 0.5·50 + 0 + 25 = 50; D: 50 + 25 + 0 = 75.
    Rank: D 75, B 70, then the tie C/A broken by value per km² (C 200 > A 100). D has 2 disputed parcels: blocked."""
    p = propose(candidates, criteria, field_map={"TRADED": "TR"})
    t = p.table.set_index("WS_ID")
    assert t["SCORE"].to_dict() == pytest.approx({"A": 50.0, "B": 70.0, "C": 50.0, "D": 75.0})
    assert t["S_VALUE"].to_dict() == pytest.approx({"A": 0.0, "B": 50.0, "C": 25.0, "D": 50.0})
    assert t["S_TRADED"].to_dict() == pytest.approx({"A": 25.0, "B": 20.0, "C": 0.0, "D": 25.0})
    assert t["S_CLEAN"].to_dict() == pytest.approx({"A": 25.0, "B": 0.0, "C": 25.0, "D": 0.0})
    assert p.table["WS_ID"].tolist() == ["D", "B", "C", "A"]
    assert p.table["RANK"].tolist() == [1, 2, 3, 4]
    assert t["STATUS"].to_dict() == {"D": "blocked", "B": "proposed", "C": "proposed", "A": "proposed"}
    assert p.proposed["WS_ID"].tolist() == ["B", "C", "A"]
    assert t.loc["D", "BLOCKED_BY"] == "dispute"
    # The evidence names each field, value, normalised figure, weight and points.
    assert "VALUE: V_PER_KM2=200 → 0.500 × 50.0 % = 25.00" in t.loc["C", "EVIDENCE"]
    assert "CLEAN: CLEAN_WS=unknown → unknown→0" in t.loc["D", "EVIDENCE"]
    assert "BLOCKED: dispute" in t.loc["D", "EVIDENCE"]


def test_override_threshold_and_limit(candidates, criteria):
    p = propose(candidates, criteria, field_map={"TRADED": "TR"},
                overrides={"D": "dispute settled by the township on 2025-01-10", "A": "not needed"})
    t = p.table.set_index("WS_ID")
    assert t.loc["D", "STATUS"] == "proposed" and t.loc["D", "OVERRIDE"].startswith("dispute settled")
    assert "OVERRIDE: dispute settled" in t.loc["D", "EVIDENCE"]
    assert t.loc["A", "OVERRIDE"] == "" and "catalog_override_unused" in {n.code for n in p.notices}
    p = propose(candidates, criteria, field_map={"TRADED": "TR"}, min_score=60)
    assert p.table.set_index("WS_ID")["STATUS"].to_dict() == {"D": "blocked", "B": "proposed", "C": "below_min",
                                                              "A": "below_min"}
    p = propose(candidates, criteria, field_map={"TRADED": "TR"}, max_entries=1)
    assert p.proposed["WS_ID"].tolist() == ["B"]
    assert set(p.table.loc[p.table["STATUS"] == "over_limit", "WS_ID"]) == {"C", "A"}
    with pytest.raises(ValuationError) as err:
        propose(candidates, criteria, overrides={"D": "  "})
    assert err.value.code == "catalog_override_no_reason"
    with pytest.raises(ValuationError) as err:
        propose(candidates, criteria, overrides={"X": "why"})
    assert err.value.code == "catalog_override_unknown"


def test_missing_fields(candidates, criteria):
    # TRADED: no field → 0 (with a notice); a required criterion's field missing → error naming it.
    p = propose(candidates, criteria)
    assert p.table.set_index("WS_ID")["S_TRADED"].eq(25.0).all()
    assert "catalog_field_absent" in {n.code for n in p.notices}
    with pytest.raises(ValuationError) as err:
        propose(candidates.drop(columns=["V_PER_KM2"]), criteria)
    assert err.value.code == "catalog_missing_field" and "V_PER_KM2" in str(err.value)
    # No rights fields: nobody is blocked, and the notice says rights were not checked.
    p = propose(candidates.drop(columns=["DISPUTE_N", "UNCLEAR_N"]), criteria)
    assert (p.table["STATUS"] == "proposed").all()
    assert "catalog_rights_unknown" in {n.code for n in p.notices}


def test_shipped_criteria_table():
    crits = load_criteria()
    assert [c.id for c in crits] == ["VALUE", "INCR", "RIGHTS", "TRADED", "CLEAN", "SWCRATE", "FGRATE"]
    assert sum(c.weight for c in crits) == pytest.approx(100.0)
    assert all(c.label_zh for c in crits)


def test_bad_criteria_table(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("criterion,field,weight,scale\nX,F,1,log\n", encoding="utf-8")
    with pytest.raises(ValuationError) as err:
        load_criteria(path)
    assert err.value.code == "catalog_criteria_bad" and "log" in str(err.value)


def entries(*ids: str, action: str = "in") -> list[Change]:
    return [Change(i, action, f"reason {i}", ws_name=f"name {i}") for i in ids]


def test_register_reproduces_earlier_years_after_adjustments(tmp_path):
    path = tmp_path / "register.gpkg"
    reg = CatalogRegister(path)
    pid = reg.record_period(2025, entries("A", "B", "C"), decided_on="2025-02-20", decided_by="市水利局")
    y2025 = reg.as_of(2025)
    assert y2025["WS_ID"].tolist() == ["A", "B", "C"] and (y2025["PERIOD"] == "2025–2027").all()
    adjust = [Change("B", "out", "rights dispute"),
              Change("D", "in", "recognised clean watershed", override="dispute settled")]
    assert reg.record_adjustment(2026, adjust) == 2
    y2026 = reg.as_of(2026)
    assert y2026["WS_ID"].tolist() == ["A", "C", "D"]
    assert y2026.set_index("WS_ID").loc["D", "IN_SINCE"] == 2026
    reg.record_adjustment(2027, [Change("A", "out", "fully traded")])
    assert reg.as_of(2027)["WS_ID"].tolist() == ["C", "D"]
    # Earlier years come back exactly, from a fresh handle on the file.
    pd.testing.assert_frame_equal(catalog_as_of(path, 2025), y2025)
    pd.testing.assert_frame_equal(catalog_as_of(path, 2026), y2026)
    assert catalog_as_of(path, 2024).empty and catalog_as_of(path, 2028).empty
    # A new period after the old one; history of the old one untouched.
    reg.record_period(2028, entries("E"))
    assert reg.as_of(2028)["WS_ID"].tolist() == ["E"]
    pd.testing.assert_frame_equal(reg.as_of(2025), y2025)
    ev = reg.events()
    assert len(ev) == 3 + 2 + 1 + 1 and set(ev["quarter"]) == {"Q1"} and (ev["period_id"] >= pid).all()


def test_register_refuses_to_rewrite_history(tmp_path):
    path = tmp_path / "register.gpkg"
    reg = CatalogRegister(path)
    reg.record_period(2025, entries("A", "B"))
    reg.record_adjustment(2026, [Change("A", "out", "x")])
    codes = []
    for call in (lambda: reg.record_adjustment(2026, [Change("C", "in", "y")]),   # one adjustment per year
                 lambda: reg.record_adjustment(2025, [Change("C", "in", "y")]),   # not in the first year
                 lambda: reg.record_adjustment(2029, [Change("C", "in", "y")]),   # no period
                 lambda: reg.record_period(2027, entries("C")),                   # overlapping period
                 lambda: reg.record_adjustment(2027, [Change("B", "in", "y")]),   # already listed
                 lambda: reg.record_adjustment(2027, [Change("A", "out", "y")]),  # not listed
                 lambda: reg.record_adjustment(2027, [Change("C", "in", " ")]),   # no reason
                 lambda: reg.record_period(2030, [])):
        with pytest.raises(ValuationError) as err:
            call()
        codes.append(err.value.code)
    assert codes == ["catalog_adjust_exists", "catalog_adjust_year", "catalog_no_period", "catalog_period_overlap",
                     "catalog_change_conflict", "catalog_change_conflict", "catalog_no_reason", "catalog_empty"]
    with sqlite3.connect(path) as con:
        for sql in ("UPDATE swc_catalog_event SET reason = 'rewritten'", "DELETE FROM swc_catalog_period"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                con.execute(sql)
    assert reg.as_of(2026)["WS_ID"].tolist() == ["B"]


def test_register_is_a_geopackage_with_listed_tables(tmp_path):
    import pyogrio

    path = tmp_path / "new" / "register.gpkg"
    CatalogRegister(path).record_period(2025, entries("A"))
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
        listed = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'attributes'")}
    assert {"swc_catalog_period", "swc_catalog_event"} <= listed
    events = pyogrio.read_dataframe(path, layer="swc_catalog_event")
    assert events["ws_id"].tolist() == ["A"]


def test_proposal_changes(candidates, criteria):
    p = propose(candidates, criteria, field_map={"TRADED": "TR"})
    ch = proposal_changes(p, in_force={"A", "D", "Z"})
    # In rank order; Z is in force but not a candidate, so it stays.
    assert [(c.ws_id, c.action) for c in ch] == [("D", "out"), ("B", "in"), ("C", "in")]
    assert ch[2].reason == "proposal rank 3, score 50.0" and ch[0].reason == "not proposed: blocked"


def test_form_and_map(candidates, criteria, tmp_path):
    from openpyxl import load_workbook

    p = propose(candidates, criteria, field_map={"TRADED": "TR"})
    geoms = [shapely.box(i, 0, i + 1, 1) for i in range(4)]
    png = proposal_map(tmp_path / "map.png", p, [geoms["ABCD".index(w)] for w in p.table["WS_ID"]], 2025, "示例县")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    form = write_form(tmp_path / "form.xlsx", p, {"county": "示例县", "year": 2025}, png)
    wb = load_workbook(form)
    assert wb.sheetnames == ["目录清单建议", "评分规则", "地图"]
    ws = wb["目录清单建议"]
    assert "示例县" in ws["A1"].value and "2025—2027" in ws["A1"].value
    headers = [c.value for c in ws[5]]
    assert headers[:3] == ["排名", "小流域编码", "小流域名称"] and "综合得分" in headers and "评分依据" in headers
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=6)]
    assert [r[1] for r in rows] == ["D", "B", "C", "A"]
    proposed = headers.index("是否建议纳入")
    assert [r[proposed] for r in rows] == ["否（权属）", "是", "是", "是"]
    assert "单位面积核算价值" in rows[0][headers.index("评分依据")]
    assert len(wb["地图"]._images) == 1
