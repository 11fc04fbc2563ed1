"""``swcvalue:watershedsummary``, ``swcvalue:catalog`` and ``swcvalue:monitorchange`` on the sample watershed, through
processing.run and through qgis_process.bin. The later state and the catalog candidates come from
``resources/sample/generate_later_state.py``."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import processing
import pytest
from qgis.core import QgsProcessingException

ROOT = Path(__file__).resolve().parents[2]
S = ROOT / "resources" / "sample"
GPKG = S / "sample_watershed.gpkg"
FACTORS = {"R_FACTOR": "r_factor.tif", "K_FACTOR": "k_factor.tif", "DEM": "dem.tif", "PRECIP": "precip.tif",
           "ET": "et.tif", "STORM_PRECIP": "storm_precip.tif"}


def account(parcels: str, out: Path, cover: Path, npp: Path, visitors: bool = True) -> Path:
    params = {"PARCELS": parcels, **{k: str(S / v) for k, v in FACTORS.items()}, "VEG_COVER": str(cover),
              "NPP": str(npp), "OUTPUT": str(out)}
    if visitors:
        params["VISITORS"] = str(S / "visitors.csv")
    processing.run("swcvalue:accountvalues", params)
    return out


@pytest.fixture(scope="module")
def data(plugin, tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("issue6")
    subprocess.run([sys.executable, str(S / "generate_later_state.py"), str(d)], check=True, capture_output=True)
    files = {"dir": d}
    for name, gpkg in (("base", GPKG), ("later", d / "later_state.gpkg")):
        split = d / f"parcels_{name}.gpkg"
        processing.run("swcvalue:splitparcels", {"SCOPE": f"{gpkg}|layername=JYFW", "PARCELS": f"{gpkg}|layername=DLTB",
                                                 "SCOPE_ID_FIELD": "SCOPE_ID", "OUTPUT": str(split)})
        cover = S / "veg_cover.tif" if name == "base" else d / "veg_cover_later.tif"
        npp = S / "npp.tif" if name == "base" else d / "npp_later.tif"
        files[name] = account(str(split), d / f"valued_{name}.gpkg", cover, npp)
    rights = f"{d / 'candidates.gpkg'}|layername=DLTB_RIGHTS"
    files["watershed_parcels"] = account(rights, d / "valued_watershed.gpkg", S / "veg_cover.tif", S / "npp.tif",
                                         visitors=False)
    files["erosion"] = d / "erosion.tif"
    processing.run("swcvalue:cslefactors", {
        "PARCELS": rights, "R_FACTOR": str(S / "r_factor.tif"), "K_FACTOR": str(S / "k_factor.tif"),
        "DEM": str(S / "dem.tif"), "VEG_COVER": str(S / "veg_cover.tif"), "OUTPUT_EROSION": str(files["erosion"]),
        **{f"OUTPUT_{k}": "TEMPORARY_OUTPUT" for k in ("LS", "BET", "POTENTIAL", "GRADE")}})
    return files


@pytest.fixture(scope="module")
def summary(data) -> Path:
    out = data["dir"] / "watershed_summary.gpkg"
    res = processing.run("swcvalue:watershedsummary", {
        "PARCELS": str(data["watershed_parcels"]), "WATERSHEDS": f"{data['dir'] / 'candidates.gpkg'}|layername=XLY",
        "ID_FIELD": "WS_ID", "NAME_FIELD": "WS_NAME", "EROSION": str(data["erosion"]),
        "VEG_COVER": str(S / "veg_cover.tif"), "OUTPUT": str(out)})
    assert res["WATERSHED_COUNT"] == 3
    return out


def test_watershedsummary_sums_and_rates(data, summary):
    ws = gpd.read_file(summary, layer="watershed_summary").set_index("WS_ID")
    parcels = gpd.read_file(data["watershed_parcels"], layer="valued_watershed")
    for f in ("V_MAT", "V_REG", "V_CUL", "V_TOTAL", "DV_TOTAL"):
        assert ws[f].sum() == pytest.approx(parcels[f].sum(), rel=1e-9)
    assert ws["ACC_KM2"].sum() == pytest.approx(parcels["AREA_M2"].sum() / 1e6, rel=1e-9)
    assert ws["AREA_KM2"].sum() == pytest.approx(3.50, abs=0.01)
    assert ((ws["SWC_RATE"] > 0) & (ws["SWC_RATE"] < 100)).all()
    assert ((ws["VEG_MEAN"] > 0.3) & (ws["VEG_MEAN"] < 1)).all()
    assert (ws["ERO_KM2"] - ws[[f"ERO_G{g}" for g in range(2, 7)]].sum(axis=1)).abs().max() < 1e-12
    assert ws.loc["QGX01-2", "DISPUTE_N"] == 1 and ws.loc["QGX01-3", "RIGHTS_PCT"] < 100
    assert (ws["CLEAN_WS"].isin(["是", "否"])).all()  # the candidates' own fields are kept
    with sqlite3.connect(summary) as con:
        qml = con.execute("SELECT styleQML FROM layer_styles").fetchone()[0]
    assert "水土保持率" in qml or "Soil-and-water-conservation rate" in qml


def test_catalog_proposal_register_and_history(data, summary):
    d, reg = data["dir"], data["dir"] / "register.gpkg"
    ws = f"{summary}|layername=watershed_summary"
    res = processing.run("swcvalue:catalog", {
        "WATERSHEDS": ws, "YEAR": 2025, "COUNTY": "示例县", "REGISTER": str(reg), "RECORD": 1,
        "DECIDED_BY": "市水利局", "OUTPUT": str(d / "catalog_2025.gpkg"), "FORM": str(d / "catalog_2025.xlsx")})
    assert res["PROPOSED_COUNT"] == 2 and res["IN_FORCE"] == "QGX01-1;QGX01-3"
    ranked = gpd.read_file(d / "catalog_2025.gpkg", layer="catalog_2025")
    assert ranked["RANK"].tolist() == [1, 2, 3]
    blocked = ranked[ranked["STATUS"] == "blocked"]
    assert blocked["WS_ID"].tolist() == ["QGX01-2"] and blocked["BLOCKED_BY"].iloc[0] == "dispute"
    assert ranked["EVIDENCE"].str.contains("VALUE: V_PER_KM2=").all()
    assert Path(res["MAP"]).read_bytes()[:4] == b"\x89PNG"
    from openpyxl import load_workbook

    wb = load_workbook(res["FORM"])
    assert "小流域编码" in [c.value for c in wb["目录清单建议"][5]] and len(wb["地图"]._images) == 1

    overrides = d / "overrides.csv"
    overrides.write_text("WS_ID,REASON\nQGX01-2,dispute settled by township mediation; consent on file\n",
                         encoding="utf-8")
    res = processing.run("swcvalue:catalog", {
        "WATERSHEDS": ws, "YEAR": 2026, "REGISTER": str(reg), "RECORD": 2, "OVERRIDES": str(overrides),
        "OUTPUT": "TEMPORARY_OUTPUT", "FORM": str(d / "catalog_2026.xlsx")})
    assert res["IN_FORCE"] == "QGX01-1;QGX01-3;QGX01-2"
    from swc_ecovalue.valuation.catalog import catalog_as_of

    assert catalog_as_of(reg, 2025)["WS_ID"].tolist() == ["QGX01-1", "QGX01-3"]
    listed = catalog_as_of(reg, 2026).set_index("WS_ID")
    assert listed.loc["QGX01-2", "OVERRIDE"].startswith("dispute settled") and listed.loc["QGX01-2", "IN_SINCE"] == 2026
    # The same adjustment year cannot be recorded twice.
    with pytest.raises(QgsProcessingException, match="2026"):
        processing.run("swcvalue:catalog", {"WATERSHEDS": ws, "YEAR": 2026, "REGISTER": str(reg), "RECORD": 2,
                                            "MIN_SCORE": 60, "OUTPUT": "TEMPORARY_OUTPUT",
                                            "FORM": str(d / "catalog_2026b.xlsx")})


def test_monitorchange_sample(data):
    d = data["dir"]
    res = processing.run("swcvalue:monitorchange", {
        "BASELINE": str(data["base"]), "CURRENT": str(data["later"]), "OUTPUT": str(d / "monitoring.gpkg"),
        "TRADES": str(d / "trades.csv"), "REPORT": str(d / "report.html"), "REGISTER": str(d / "register.gpkg")})
    ch = gpd.read_file(d / "monitoring.gpkg", layer="monitoring")
    assert res["PARCEL_COUNT"] == len(ch) and res["FLAGGED"] == int(ch["FLAG"].sum()) > 0
    counts = ch["MATCH"].value_counts().to_dict()
    assert counts.get("split") == 2 and counts.get("geometry") == 1 and "missing" not in counts
    built = ch[ch["FLAG_WHY"].str.contains("built_up")]
    assert len(built) == 1 and built["DLBM_C"].iloc[0] == "0702"
    # Degraded forest of JY02 shows a worse erosion grade; the split and the renumbered parcel are not flagged.
    jy02 = ch[ch["SCOPE_ID"] == "JY02"]
    assert jy02["FLAG_WHY"].str.contains("grade_worse").sum() >= 5
    assert (ch.loc[ch["MATCH"].isin(["split", "geometry"]), "FLAG"] == 0).all()
    trades = pd.read_csv(d / "trades.csv")
    assert trades["SCOPE_ID"].tolist() == ["JY01", "JY02", "JY03"] and trades["N_SPLIT"].sum() == 2
    html = (d / "report.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "JY02" in html and "built" in html
    assert (d / "report_map.png").exists()
    with sqlite3.connect(d / "monitoring.gpkg") as con:
        qml = con.execute("SELECT styleQML FROM layer_styles").fetchone()[0]
    assert 'attr="FLAG"' in qml and "229,57,53" in qml  # flagged parcels red
    with sqlite3.connect(d / "register.gpkg") as con:
        assert con.execute("SELECT count(*) FROM swc_monitoring_trade").fetchone()[0] >= 3


def test_monitorchange_refuses_a_different_r(data, tmp_path):
    """The later provenance names another R raster (different content): refused unless ALLOW_R_CHANGE."""
    with sqlite3.connect(data["later"]) as con:
        prov = pd.read_sql_query("SELECT * FROM swc_provenance", con).drop(columns=["fid"])
    other = tmp_path / "r_2030.tif"
    other.write_bytes((S / "r_factor.tif").read_bytes() + b"\0")
    prov.loc[prov["key"] == "input_R_FACTOR", "text"] = str(other)
    prov.to_csv(tmp_path / "prov.csv", index=False)
    params = {"BASELINE": str(data["base"]), "CURRENT": str(data["later"]),
              "CURRENT_PROVENANCE": str(tmp_path / "prov.csv"), "OUTPUT": "TEMPORARY_OUTPUT",
              "TRADES": "TEMPORARY_OUTPUT", "REPORT": str(tmp_path / "r.html")}
    with pytest.raises(QgsProcessingException, match="R_FACTOR|erosivity"):
        processing.run("swcvalue:monitorchange", params)
    res = processing.run("swcvalue:monitorchange", {**params, "ALLOW_R_CHANGE": True})
    assert res["FLAGGED"] > 0


# ----- qgis_process.bin ------------------------------------------------------------------------------------------
def qgis_process(*args: str, locale: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / "scripts" / "qgis_process.sh"), *args], capture_output=True, text=True,
                          env=dict(os.environ, SWC_LOCALE=locale), timeout=600)


def run_json(alg: str, **params: str) -> dict:
    proc = qgis_process("--json", "run", alg, "--", *[f"{k}={v}" for k, v in params.items()])
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return json.loads(proc.stdout[proc.stdout.index("{"):])["results"]


@pytest.mark.qgis_process
def test_all_three_through_qgis_process(data, summary, tmp_path):
    d = data["dir"]
    res = run_json("swcvalue:watershedsummary", PARCELS=str(data["watershed_parcels"]),
                   WATERSHEDS=f"{d / 'candidates.gpkg'}|layername=XLY", ID_FIELD="WS_ID", NAME_FIELD="WS_NAME",
                   EROSION=str(data["erosion"]), VEG_COVER=str(S / "veg_cover.tif"), OUTPUT=str(tmp_path / "ws.gpkg"))
    ours = gpd.read_file(tmp_path / "ws.gpkg", layer="ws").set_index("WS_ID")
    ref = gpd.read_file(summary, layer="watershed_summary").set_index("WS_ID")
    assert res["WATERSHED_COUNT"] == 3
    pd.testing.assert_series_equal(ours["SWC_RATE"], ref["SWC_RATE"], rtol=1e-12)
    pd.testing.assert_series_equal(ours["V_TOTAL"], ref["V_TOTAL"], rtol=1e-12)

    res = run_json("swcvalue:catalog", WATERSHEDS=str(tmp_path / "ws.gpkg"), YEAR="2025", COUNTY="示例县",
                   REGISTER=str(tmp_path / "reg.gpkg"), RECORD="1", OUTPUT=str(tmp_path / "cat.gpkg"),
                   FORM=str(tmp_path / "cat.xlsx"))
    assert res["PROPOSED_COUNT"] == 2 and res["IN_FORCE"] == "QGX01-1;QGX01-3"
    assert (tmp_path / "cat.xlsx").exists() and (tmp_path / "cat_map.png").exists()

    res = run_json("swcvalue:monitorchange", BASELINE=str(data["base"]), CURRENT=str(data["later"]),
                   OUTPUT=str(tmp_path / "mon.gpkg"), TRADES=str(tmp_path / "trades.csv"),
                   REPORT=str(tmp_path / "report.html"))
    ch = gpd.read_file(tmp_path / "mon.gpkg", layer="mon")
    assert res["FLAGGED"] == int(ch["FLAG"].sum()) > 0 and (ch["MATCH"] == "split").sum() == 2


@pytest.mark.qgis_process
def test_chinese_help_of_the_new_algorithms():
    for alg, words in (("swcvalue:watershedsummary", "水土保持率"), ("swcvalue:catalog", "目录清单"),
                       ("swcvalue:monitorchange", "监测")):
        proc = qgis_process("help", alg, locale="zh-Hans")
        assert proc.returncode == 0 and words in proc.stdout, proc.stdout[-2000:]
