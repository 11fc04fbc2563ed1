"""``valuation.monitoring``: every flag on hand-made parcel pairs, matching by id, geometry, split and merge,
constant prices (a price-only change flags nothing) and the R/K/LS rule.

Parcels are 100 m × 100 m boxes (EPSG:4545) in a row; AREA_M2 is given (10 000 m²). Potential erosion is
0.1 t/(m²·a) everywhere (A_p = 1000 t/a per parcel), so EROSION = ER_MOD · AREA/10⁶ and Q_SOIL = A_p − EROSION;
values are split 10 / 80 / 10 % into material, regulating and cultural services.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from valuation import csle, valuing
from valuation.errors import ValuationError
from valuation.monitoring import MATCHES, match_parcels, monitor_change, record_monitoring
from valuation.parameters import ParameterSet

EPSG = "EPSG:4545"
X0, Y0 = 400_000.0, 3_300_000.0


def box(x0: float, x1: float) -> shapely.Polygon:
    return shapely.box(X0 + x0, Y0, X0 + x1, Y0 + 100)


def parcel(pid: str, geom: shapely.Polygon, scope: str, er_mod: float, v: float, cover: float = 0.8,
           eco: str = "forest", dlbm: str = "0301", ap: float = 0.1) -> dict[str, Any]:
    area = geom.area
    eroding = eco not in ("built_up", "paddy", "wetland_water")
    erosion = er_mod * area / 1e6 if eroding else 0.0
    return {"PARCEL_ID": pid, "SCOPE_ID": scope, "DLBM": dlbm, "ECO_TYPE": eco, "AREA_M2": area,
            "Q_SOIL": ap * area - erosion if eroding else 0.0, "EROSION": erosion,
            "ER_MOD": er_mod if eroding else 0.0, "ER_GRADE": int(csle.erosion_grade(er_mod if eroding else 0.0)),
            "VEG_COVER": cover, "V_MAT": 0.1 * v, "V_REG": 0.8 * v, "V_CUL": 0.1 * v, "V_TOTAL": v,
            "geometry": geom}


def layer(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=EPSG)


def provenance(phash: str = "h1", r: Optional[str] = None, r_constant: float = 5784.04, k: Optional[str] = None,
               params: Optional[ParameterSet] = None) -> pd.DataFrame:
    run = [{"kind": "run", "key": "parameter_hash", "text": phash},
           {"kind": "run", "key": "price_year", "text": "2024"},
           {"kind": "run", "key": "input_DEM", "text": "/data/dem.tif"}]
    if r:
        run.append({"kind": "run", "key": "input_R_FACTOR", "text": r})
    if k:
        run.append({"kind": "run", "key": "input_K_FACTOR", "text": k})
    if params is not None:
        rows = params.as_provenance_rows().assign(kind="parameter", text="")
    else:
        rows = pd.DataFrame([{"kind": "parameter", "key": "sl190_tolerance", "value": 500.0, "unit": "t/(km2·a)"},
                             {"kind": "parameter", "key": "r_constant", "value": r_constant, "unit": "x"},
                             {"kind": "parameter", "key": "k_constant", "value": 0.045, "unit": "x"},
                             {"kind": "parameter", "key": "ls_lambda_cap", "value": 100.0, "unit": "m"},
                             {"kind": "parameter", "key": "ls_channel_area", "value": 10000.0, "unit": "m2"}])
    return pd.concat([pd.DataFrame(run), rows], ignore_index=True)


@pytest.fixture()
def pair() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    base = layer([
        parcel("T1-1", box(0, 100), "T1", 200, 1000),
        parcel("T1-2", box(100, 200), "T1", 800, 1000),
        parcel("T1-3", box(200, 300), "T1", 300, 1000),
        parcel("T1-4", box(300, 400), "T1", 200, 1000),
        parcel("T1-5", box(400, 500), "T1", 200, 1000),
        parcel("T2-6", box(500, 600), "T2", 200, 1000),
        parcel("T2-7", box(600, 700), "T2", 1000, 2000, cover=0.5),
        parcel("T2-8", box(700, 800), "T2", 200, 1000),
        parcel("T2-9a", box(800, 850), "T2", 200, 400, cover=0.6),
        parcel("T2-9b", box(850, 900), "T2", 400, 600, cover=0.8),
    ])
    cur = layer([
        parcel("T1-1", box(0, 100), "T1", 450, 950, cover=0.6),      # worse but within limits: no flag
        parcel("T1-2", box(100, 200), "T1", 3000, 900),              # grade 2 → 3; value −10 % exactly (not more)
        parcel("T1-3", box(200, 300), "T1", 600, 980),               # grade 1 → 2 and above the tolerance
        parcel("T1-4", box(300, 400), "T1", 0, 100, cover=0.1, eco="built_up", dlbm="0702"),  # built-up, value −90 %
        parcel("T1-5", box(400, 500), "T1", 200, 850),               # value per mu −15 %
        parcel("T2-60", box(500, 600), "T2", 200, 1000),             # new id, same place
        parcel("T2-71", box(600, 660), "T2", 1000, 1200, cover=0.5),  # split 60 / 40, same value per mu
        parcel("T2-72", box(660, 700), "T2", 1000, 800, cover=0.5),
        parcel("T2-90", box(800, 900), "T2", 300, 1000, cover=0.7),   # T2-9a + T2-9b merged
        parcel("T2-NEW", box(1000, 1100), "T2", 200, 1000),
    ])
    return base, cur


def by_id(res) -> pd.DataFrame:
    ch = res.changes.copy()
    ch["KEY"] = np.where(ch["PARCEL_ID"] != "", ch["PARCEL_ID"], "was " + ch["BASE_ID"])
    return ch.set_index("KEY")


def test_every_flag_and_every_match(pair):
    base, cur = pair
    res = monitor_change(base, cur, provenance(), provenance())
    t = by_id(res)
    assert t["MATCH"].to_dict() == {
        "T1-1": "id", "T1-2": "id", "T1-3": "id", "T1-4": "id", "T1-5": "id", "T2-60": "geometry", "T2-71": "split",
        "T2-72": "split", "T2-90": "merged", "T2-NEW": "new", "was T2-8": "missing"}
    assert t["FLAG_WHY"].to_dict() == {
        "T1-1": "", "T1-2": "grade_worse", "T1-3": "grade_worse;over_tolerance", "T1-4": "built_up;value_drop",
        "T1-5": "value_drop", "T2-60": "", "T2-71": "", "T2-72": "", "T2-90": "", "T2-NEW": "", "was T2-8": "missing"}
    assert t["FLAG"].to_dict() == {k: int(bool(v)) for k, v in t["FLAG_WHY"].items()}
    assert set(res.changes["MATCH"]) <= set(MATCHES)
    # Figures of an id match: both states and the change.
    r = t.loc["T1-1"]
    assert (r["Q_SOIL_B"], r["Q_SOIL_C"], r["Q_SOIL_D"]) == pytest.approx((998.0, 995.5, -2.5))
    assert (r["ER_MOD_B"], r["ER_MOD_C"], r["GRADE_B"], r["GRADE_C"]) == (200, 450, 1, 1)
    assert (r["COVER_B"], r["COVER_C"], r["COVER_D"]) == pytest.approx((0.8, 0.6, -0.2))
    assert (r["V_REG_B"], r["V_REG_C"], r["V_TOTAL_D"]) == pytest.approx((800, 760, -50))
    assert r["VMU_PCT"] == pytest.approx(-5.0)
    assert (t.loc["T1-4", "DLBM_B"], t.loc["T1-4", "DLBM_C"], t.loc["T1-4", "ECO_C"]) == ("0301", "0702", "built_up")
    assert t.loc["T2-60", "BASE_ID"] == "T2-6"
    # A split piece gets the parent's figures pro-rated by its share: 60 % of T2-7.
    s = t.loc["T2-71"]
    assert s["BASE_ID"] == "T2-7"
    assert (s["AREA_B"], s["V_TOTAL_B"], s["Q_SOIL_B"]) == pytest.approx((6000.0, 1200.0, 0.6 * (1000 - 10)))
    assert (s["ER_MOD_B"], s["GRADE_B"], s["VMU_PCT"]) == pytest.approx((1000.0, 2, 0.0))
    # A merged parcel sums its parents; intensive figures are area-weighted.
    mg = t.loc["T2-90"]
    assert mg["BASE_ID"] == "T2-9a;T2-9b"
    assert (mg["V_TOTAL_B"], mg["AREA_B"]) == pytest.approx((1000.0, 10000.0))
    assert mg["ER_MOD_B"] == pytest.approx(300.0) and mg["COVER_B"] == pytest.approx(0.7)
    # The missing parcel keeps its baseline figures and geometry.
    miss = t.loc["was T2-8"]
    assert miss["V_TOTAL_B"] == 1000 and np.isnan(miss["V_TOTAL_C"]) and miss.geometry.equals(box(700, 800))
    assert res.facts["parameters"] == "same" and res.facts["rkls_ratio"] == pytest.approx(1.0)


def test_value_drop_threshold(pair):
    base, cur = pair
    t = by_id(monitor_change(base, cur, provenance(), provenance(), value_drop=20.0))
    assert t.loc["T1-5", "FLAG"] == 0 and t.loc["T1-4", "FLAG_WHY"] == "built_up;value_drop"
    t = by_id(monitor_change(base, cur, provenance(), provenance(), value_drop=4.0))
    assert t.loc["T1-1", "FLAG_WHY"] == "value_drop" and t.loc["T1-2", "FLAG_WHY"] == "grade_worse;value_drop"


def test_trade_table(pair):
    base, cur = pair
    tr = monitor_change(base, cur, provenance(), provenance()).trades.set_index("SCOPE_ID")
    t1, t2 = tr.loc["T1"], tr.loc["T2"]
    assert (t1["N_BASE"], t1["N_CUR"], t1["N_FLAGGED"], t1["N_GRADE"], t1["N_TOLER"], t1["N_BUILT"],
            t1["N_DROP"]) == (5, 5, 4, 2, 1, 1, 2)
    assert t1["V_TOTAL_B"] == 5000 and t1["V_TOTAL_C"] == pytest.approx(950 + 900 + 980 + 100 + 850)
    assert t1["STATUS"] == "attention"
    assert (t2["N_BASE"], t2["N_CUR"], t2["N_FLAGGED"], t2["N_MISSING"], t2["N_SPLIT"], t2["N_MERGED"],
            t2["N_GEOM"], t2["N_NEW"]) == (5, 5, 1, 1, 2, 1, 1, 1)


def test_split_keeping_the_id_and_partial_overlaps():
    ids_b = ["A", "B", "C"]
    gb = np.array([box(0, 100), box(200, 300), box(400, 500)], dtype=object)
    # A split with the id kept on the larger piece; B renumbered and moved by 70 m (30 % overlap both ways: not a
    # match); C renumbered and shifted by 20 m (80 % both ways: a geometry match).
    ids_c = ["A", "A2", "B9", "C9"]
    gc = np.array([box(0, 70), box(70, 100), box(270, 370), box(420, 520)], dtype=object)
    m = match_parcels(ids_b, gb, ids_c, gc)
    got = {(ids_c[c] if c is not None else None, tuple(ids_b[b] for b, _ in w), kind) for c, w, kind in m.rows}
    assert got == {("A", ("A",), "split"), ("A2", ("A",), "split"), ("C9", ("C",), "geometry"),
                   (None, ("B",), "missing"), ("B9", (), "new")}


def test_missing_provenance_is_an_error(pair):
    base, cur = pair
    with pytest.raises(ValuationError) as err:
        monitor_change(base, cur, provenance(), None)
    assert err.value.code == "monitor_no_provenance" and "CURRENT" in str(err.value)


# ----- constant prices and parameters ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def p2024() -> ParameterSet:
    return valuing.prepare(ParameterSet.load())


def priced_layer(params: ParameterSet, q_co2: float = 50.0) -> gpd.GeoDataFrame:
    """Two forest parcels whose quantities are set by hand and priced with ``params``."""
    q = pd.DataFrame({"Q_SED": [10.0, 20.0], "Q_WATER": [1000.0, 500.0], "Q_CO2": [q_co2, q_co2],
                      "Q_SOIL": [50.0, 90.0], "SCOPE_ID": ["T1", "T1"], "ECO_TYPE": ["forest", "forest"],
                      "DLBM": ["0301", "0301"]})
    for name, *_ in valuing.OUTPUT_FIELDS:
        if name.startswith("Q_") and name not in q:
            q[name] = 0.0
    for p in ParameterSet.load().table("mat_yield"):
        q[f"QM_{p.upper()}"] = 0.0
    v = valuing.price_all(q, params)
    rows = []
    for i in range(2):
        r = parcel(f"T1-{i}", box(100 * i, 100 * (i + 1)), "T1", 200.0, float(v["V_TOTAL"][i]))
        r.update({c: float(q[c][i]) for c in q.columns if c.startswith("Q") and c != "Q_SOIL"})
        r.update({c: float(v[c][i]) for c in ("V_MAT", "V_REG", "V_CUL", "V_TOTAL")})
        rows.append(r)
    return layer(rows)


def test_a_price_only_change_flags_nothing(p2024):
    cheap = valuing.prepare(ParameterSet.load().with_overrides({"carbon_price": 0.5, "dredge_cost": 1.0}))
    base, cur = priced_layer(p2024), priced_layer(cheap)
    # At the later prices the value per mu is down by more than 10 %…
    assert (cur["V_TOTAL"] < 0.9 * base["V_TOTAL"]).all()
    res = monitor_change(base, cur, provenance(p2024.content_hash(), params=p2024),
                         provenance(cheap.content_hash(), params=cheap))
    # …but the later quantities are re-priced with the baseline's parameters: nothing changed, nothing flagged.
    assert res.facts["parameters"] == "repriced"
    assert set(res.facts["differing_prices"]) == {"carbon_price", "dredge_cost"}
    assert (res.changes["FLAG"] == 0).all()
    np.testing.assert_allclose(res.changes["V_TOTAL_C"], base["V_TOTAL"], rtol=1e-12)
    np.testing.assert_allclose(res.changes["V_REG_D"], 0.0, atol=1e-6)
    assert "monitor_repriced" in {n.code for n in res.notices}
    # A real change in the quantities still shows at constant prices.
    worse = priced_layer(cheap, q_co2=5.0)
    res = monitor_change(base, worse, provenance(p2024.content_hash(), params=p2024),
                         provenance(cheap.content_hash(), params=cheap))
    assert (res.changes["FLAG_WHY"] == "value_drop").all()


def test_a_quantity_parameter_change_names_both_hashes(p2024):
    other = valuing.prepare(ParameterSet.load().with_overrides({"soil_bulk_density": 1.3}))
    base, cur = priced_layer(p2024), priced_layer(p2024)
    with pytest.raises(ValuationError) as err:
        monitor_change(base, cur, provenance(p2024.content_hash(), params=p2024),
                       provenance(other.content_hash(), params=other))
    assert err.value.code == "monitor_parameters_differ"
    assert "soil_bulk_density" in str(err.value)
    assert p2024.content_hash() in str(err.value) and other.content_hash() in str(err.value)


# ----- R, K, LS ---------------------------------------------------------------------------------------------
def test_a_different_r_is_refused(pair, tmp_path: Path):
    base, cur = pair
    # Constants: 5784.04 vs 6000.
    with pytest.raises(ValuationError) as err:
        monitor_change(base, cur, provenance(), provenance(r_constant=6000.0))
    assert err.value.code == "monitor_r_changed" and "5784.04 ≠ 6000" in str(err.value)
    # Rasters with different content (paths differ, files readable).
    r1, r2, r3 = tmp_path / "r1.tif", tmp_path / "r2.tif", tmp_path / "r3.tif"
    r1.write_bytes(b"R 2015-2020")
    r2.write_bytes(b"R 2021-2025")
    r3.write_bytes(b"R 2015-2020")
    with pytest.raises(ValuationError) as err:
        monitor_change(base, cur, provenance(r=str(r1)), provenance(r=str(r2)))
    assert err.value.code == "monitor_r_changed" and "≠" in str(err.value) and "sha256" in str(err.value)
    # Same content under another name is the same R.
    assert monitor_change(base, cur, provenance(r=str(r1)), provenance(r=str(r3))).facts["r_changed"] is False
    # Allowed explicitly: compared, and said so.
    res = monitor_change(base, cur, provenance(r=str(r1)), provenance(r=str(r2)), allow_r_change=True)
    assert res.facts["r_changed"] is True and "monitor_r_allowed" in {n.code for n in res.notices}


def test_r_change_seen_in_the_parcels_alone(pair):
    """Provenance says nothing, but potential erosion per area is 20 % higher on every unchanged parcel."""
    base, cur = pair
    cur = cur.copy()
    cur["Q_SOIL"] = np.where(cur["Q_SOIL"] > 0, cur["Q_SOIL"] + 0.2 * 0.1 * cur["AREA_M2"], 0.0)
    with pytest.raises(ValuationError) as err:
        monitor_change(base, cur, provenance(), provenance())
    assert err.value.code == "monitor_r_changed" and "+20.00 %" in str(err.value)


def test_a_different_k_is_always_refused(pair):
    base, cur = pair
    with pytest.raises(ValuationError) as err:
        monitor_change(base, cur, provenance(k="/a/k.tif"), provenance(), allow_r_change=True)
    assert err.value.code == "monitor_kls_changed"


def test_monitoring_run_is_recorded(pair, tmp_path):
    import sqlite3

    base, cur = pair
    res = monitor_change(base, cur, provenance(), provenance())
    reg = tmp_path / "register.gpkg"
    rid = record_monitoring(reg, res, "base.gpkg", "later.gpkg")
    with sqlite3.connect(reg) as con:
        assert con.execute("SELECT flagged FROM swc_monitoring_run WHERE fid = ?", (rid,)).fetchone()[0] == 5
        assert con.execute("SELECT count(*) FROM swc_monitoring_trade").fetchone()[0] == 2
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute("DELETE FROM swc_monitoring_run")


def test_split_pieces_are_judged_together_except_built_up():
    """Parent: modulus 1000 (grade 2), 2000 元/a on 1 hm² (133.3 元/亩). Pieces 60 % / 40 %: the western one alone
    would be grade 3 (2700) and 8 % down in value per mu, but pooled the split keeps grade 2 (1740) and its value."""
    base = layer([parcel("P", box(0, 100), "T", 1000, 2000)])
    cur = layer([parcel("P1", box(0, 60), "T", 2700, 1100), parcel("P2", box(60, 100), "T", 300, 900)])
    res = monitor_change(base, cur, provenance(), provenance(), value_drop=5.0)
    t = by_id(res)
    assert t["MATCH"].tolist() == ["split", "split"] and (t["FLAG"] == 0).all()
    assert (t.loc["P1", "GRADE_C"], t.loc["P1", "VMU_PCT"]) == (3, pytest.approx(-8.3333, rel=1e-4))
    # One piece built up: that piece is flagged built-up; the split as a whole lost value (both pieces say so).
    cur = layer([parcel("P1", box(0, 60), "T", 0, 0, eco="built_up", dlbm="0702"),
                 parcel("P2", box(60, 100), "T", 300, 900)])
    t = by_id(monitor_change(base, cur, provenance(), provenance(), value_drop=5.0))
    assert t["FLAG_WHY"].to_dict() == {"P1": "built_up;value_drop", "P2": "value_drop"}
