"""``swcvalue:excludedoperators`` through processing.run and qgis_process.bin; registertrade refusing an excluded
operator (clause 十七)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import geopandas as gpd
import processing
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer
from shapely.geometry import box

ROOT = Path(__file__).resolve().parents[2]
QP = ROOT / "scripts" / "qgis_process.sh"
GRAB = "91500115MA5U7X3K2C"
SIGNER = "91350100M000100Y43"


def rows_of(path: str) -> list[dict]:
    layer = QgsVectorLayer(str(path), "x", "ogr")
    return [{f.name(): ft[f.name()] for f in layer.fields()} for ft in layer.getFeatures()]


def write_csv(path: Path) -> Path:
    path.write_bytes(b"\xef\xbb\xbf" + (
        "NAME,IDENT,REASON,SOURCE,LISTED_DATE,EXPIRY\n"
        f"重庆某某（集团）有限公司,{GRAB},圈占资源,县发展改革委 2025-3号,2025-01-10,2027-01-09\n"
        "某失信个体,,严重失信,信用中国,2024-06-01,2025-06-01\n").encode())
    return path


def test_import_list_and_mask(plugin, tmp_path):
    reg = tmp_path / "project.gpkg"
    res = processing.run("swcvalue:excludedoperators", {
        "REGISTER": str(reg), "INPUT_CSV": str(write_csv(tmp_path / "list.csv")),
        "ROWS": [["投资 公司", "", "套取补贴", "县财政局通报", "2025-02-01", ""]], "AS_OF": "2025-07-01",
        "OUTPUT": str(tmp_path / "list.gpkg")})
    assert (res["ADDED"], res["UPDATED"], res["REMOVED"], res["ACTIVE"], res["EXPIRED"]) == (3, 0, 0, 2, 1)
    got = {r["NAME"]: r for r in rows_of(res["OUTPUT"])}
    assert got["重庆某某（集团）有限公司"]["IDENT"] == "915001********3K2C"
    assert got["重庆某某（集团）有限公司"]["STATE"] == "active" and got["某失信个体"]["STATE"] == "expired"
    assert got["投资 公司"]["SOURCE"] == "县财政局通报"
    # a register trade with parcel investor 投资公司 is refused
    parcels = tmp_path / "parcels.gpkg"
    gpd.GeoDataFrame({"PARCEL_ID": ["P1", "P2"], "ELIGIBLE": [1, 1], "SELLER": ["甲村委会"] * 2,
                      "INVESTOR": ["投资公司", None], "PRIORITY": [1, 0]},
                     geometry=[box(0, 0, 10, 10), box(20, 0, 30, 10)], crs="EPSG:4545").to_file(parcels)
    with pytest.raises(QgsProcessingException, match="套取补贴"):
        processing.run("swcvalue:registertrade", {"REGISTER": str(reg), "TRADE_ID": "T1", "ACTION": 0,
                                                  "PARCELS": str(parcels), "FIELDS": ["PRODUCT", "碳汇"]})
    # removal, with its reason recorded
    res = processing.run("swcvalue:excludedoperators", {
        "REGISTER": str(reg), "REMOVE": ["投资公司", ""], "REMOVE_NOTE": "县财政局 2025-9号 撤销",
        "AS_OF": "2025-07-01", "OUTPUT": str(tmp_path / "list2.gpkg")})
    assert (res["REMOVED"], res["ACTIVE"]) == (1, 1)
    assert processing.run("swcvalue:registertrade", {
        "REGISTER": str(reg), "TRADE_ID": "T1", "ACTION": 0, "PARCELS": str(parcels),
        "FIELDS": ["PRODUCT", "碳汇"]})["STATUS"] == "planned"
    con = sqlite3.connect(reg)
    assert con.execute("SELECT action, NOTE FROM excluded_operator_event ORDER BY id").fetchall() == [
        ("add", "import list.csv"), ("add", "import list.csv"), ("add", "ROWS"), ("remove", "县财政局 2025-9号 撤销")]
    con.close()


def test_bad_row_names_row_and_column_and_writes_nothing(plugin, tmp_path):
    reg = tmp_path / "project.gpkg"
    with pytest.raises(QgsProcessingException, match="ROWS: .*row 2, column EXPIRY"):
        processing.run("swcvalue:excludedoperators", {
            "REGISTER": str(reg), "INPUT_CSV": str(write_csv(tmp_path / "list.csv")),
            "ROWS": ["甲公司", "", "圈占资源", "县发改委", "", "",
                     "乙公司", "", "圈占资源", "县发改委", "2025-01-01", "31.12.2025"],
            "OUTPUT": str(tmp_path / "x.gpkg")})
    con = sqlite3.connect(reg)
    assert con.execute("SELECT COUNT(*) FROM excluded_operator_event").fetchone()[0] == 0
    con.close()
    with pytest.raises(QgsProcessingException, match="not a multiple of 6"):
        processing.run("swcvalue:excludedoperators", {"REGISTER": str(reg), "ROWS": ["甲公司", "", "x"],
                                                      "OUTPUT": str(tmp_path / "x.gpkg")})


@pytest.mark.qgis_process
def test_qgis_process(tmp_path):
    reg = tmp_path / "project.gpkg"
    out = tmp_path / "list.csv.out.gpkg"
    env = dict(os.environ, SWC_LOCALE="en")
    proc = subprocess.run([str(QP), "run", "swcvalue:excludedoperators", "--", f"REGISTER={reg}",
                           f"INPUT_CSV={write_csv(tmp_path / 'list.csv')}",
                           f"ROWS=某某生态公司,{SIGNER},严重失信,信用中国,2025-01-01,", "AS_OF=2025-07-01",
                           f"OUTPUT={out}"], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ADDED:\t3" in proc.stdout or "ADDED: 3" in proc.stdout, proc.stdout
    got = {r["NAME"]: (r["IDENT"], r["STATE"]) for r in rows_of(str(out))}
    assert got == {"重庆某某（集团）有限公司": ("915001********3K2C", "active"), "某失信个体": (None, "expired"),
                   "某某生态公司": ("913501********0Y43", "active")}
    # qgis_process echoes the inputs; the algorithm's own log shows identifiers masked
    log = proc.stdout.split("Excluded-operator list:", 1)[1]
    assert "913501********0Y43" in log and SIGNER not in log
