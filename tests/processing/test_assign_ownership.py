"""``swcvalue:assignownership`` through processing.run and qgis_process.bin: tables, the register, 三调
suggestions, all-or-nothing validation, masked identifiers, the default style's drop-downs."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from pathlib import Path

import geopandas as gpd
import processing
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

ROOT = Path(__file__).resolve().parents[2]
GPKG = ROOT / "resources" / "sample" / "sample_watershed.gpkg"
QP = ROOT / "scripts" / "qgis_process.sh"

# Valid identifiers (checked independently in tests/engine/test_ownership.py).
CREDIT = "91350100M000100Y43"
ID_NO = "11010519491231002X"
ASSIGNED = ("OWN_TYPE", "HOLDER", "HOLDER_CD", "INVESTOR", "PRIORITY", "SELLER", "SELLER_CD", "DISPUTE", "CONSENT",
            "CONS_DATE", "CONS_REF")


class LogFeedback(QgsProcessingFeedback):
    """Keeps every log line."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info: str) -> None:  # noqa: N802
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning: str) -> None:  # noqa: N802
        self.lines.append(warning)
        super().pushWarning(warning)

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802, N803
        self.lines.append(error)
        super().reportError(error, fatalError)


@pytest.fixture(scope="module")
def parcels(plugin, tmp_path_factory):
    """The sample watershed split into parcels (GeoPackage)."""
    out = tmp_path_factory.mktemp("split") / "parcels.gpkg"
    processing.run("swcvalue:splitparcels", {"SCOPE": f"{GPKG}|layername=JYFW", "PARCELS": f"{GPKG}|layername=DLTB",
                                             "SCOPE_ID_FIELD": "SCOPE_ID", "OUTPUT": str(out)})
    return out


@pytest.fixture(scope="module")
def split_gdf(parcels):
    return gpd.read_file(parcels, layer="parcels")


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    lines = [",".join(header)] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(parcels: Path, out: Path, feedback=None, **extra):
    params = {"INPUT": str(parcels), "OUTPUT": str(out), **extra}
    return processing.run("swcvalue:assignownership", params, feedback=feedback)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_registered_with_help(plugin):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("swcvalue:assignownership")
    assert alg is not None
    assert {p.name() for p in alg.parameterDefinitions()} == {"INPUT", "TABLE", "FROM_SANDIAO", "REGISTER",
                                                               "OUTPUT"}
    assert "REGISTER" in alg.shortHelpString()


def test_csv_table_fields_register_and_masked_log(parcels, split_gdf, tmp_path):
    p0, p1, p2 = split_gdf["PARCEL_ID"].iloc[:3]
    # A BSM row assigns every piece of that 三调 parcel; pick a BSM cut by two lots if there is one.
    counts = split_gdf.loc[~split_gdf["PARCEL_ID"].isin([p0, p1, p2]), "BSM"].value_counts()
    counts = counts[~counts.index.isin(split_gdf["BSM"].iloc[:3])]
    bsm = counts.index[0]
    bsm_pieces = set(split_gdf.loc[split_gdf["BSM"] == bsm, "PARCEL_ID"])
    table = write_csv(tmp_path / "owners.csv",
                      ["PARCEL_ID", "BSM", "OWN_TYPE", "HOLDER", "SELLER", "SELLER_CD", "DISPUTE", "CONSENT",
                       "CONS_DATE", "PRIORITY", "INVESTOR"],
                      [[p0, "", "集体", "石板村1社", "石板村股份经济合作联合社", CREDIT, "无争议", "", "", "1",
                        "某公司"],
                       [p1, "", "individual", "张三", "张三", ID_NO, "RESOLVED", "是", "2025/3/1", "", ""],
                       [p2, "", "STATE", "溪口国有林场", "溪口国有林场", CREDIT, "DISPUTED", "1", "", "", ""],
                       ["", bsm, "COLLECTIVE", "青杠村1社", "青杠村村民委员会", CREDIT, "UNCLEAR", "", "", "", ""]])
    reg = tmp_path / "register.gpkg"
    fb = LogFeedback()
    res = run(parcels, tmp_path / "owned.gpkg", fb, TABLE=str(table), REGISTER=str(reg))
    out = gpd.read_file(tmp_path / "owned.gpkg", layer="owned").set_index("PARCEL_ID")
    assert res["PARCEL_COUNT"] == len(out) == len(split_gdf)
    assert set(ASSIGNED) | {"ELIGIBLE", "INELIG_WHY", "STATE_APPR"} <= set(out.columns)
    assert {"BSM", "QSXZ", "AREA_M2"} <= set(out.columns)  # input fields kept
    a, b, c = out.loc[p0], out.loc[p1], out.loc[p2]
    assert (a["OWN_TYPE"], a["HOLDER"], a["DISPUTE"], a["PRIORITY"], a["INVESTOR"]) == (
        "COLLECTIVE", "石板村1社", "NONE", 1, "某公司")
    assert a["ELIGIBLE"] == 1 and not a["INELIG_WHY"] and a["STATE_APPR"] == 0
    assert (b["OWN_TYPE"], b["DISPUTE"], b["CONSENT"], b["CONS_DATE"]) == ("INDIVIDUAL", "RESOLVED", 1, "2025-03-01")
    assert b["ELIGIBLE"] == 1
    assert c["ELIGIBLE"] == 0 and c["INELIG_WHY"] == "disputed" and c["STATE_APPR"] == 1
    for pid in bsm_pieces:
        assert out.loc[pid, "INELIG_WHY"] == "unclear" and out.loc[pid, "HOLDER"] == "青杠村1社"
    others = out.drop(index=[p0, p1, p2, *bsm_pieces])
    assert (others["ELIGIBLE"] == 0).all()
    assert (others["INELIG_WHY"] == "no_own_type;no_holder;no_seller;no_seller_id;no_dispute").all()
    assert res["ELIGIBLE_COUNT"] == 2

    # The register holds the same assignments; one audit row per assigned value.
    con = sqlite3.connect(reg)
    rows = dict(con.execute("SELECT PARCEL_ID, SELLER_CD FROM ownership").fetchall())
    assert rows[p0] == CREDIT and rows[p1] == ID_NO
    n_values = 7 + 7 + 6 + 5 * len(bsm_pieces)  # the non-empty cells of each row
    assert con.execute("SELECT count(*) FROM audit").fetchone()[0] == n_values == res["REGISTER_CHANGES"]
    assert con.execute("SELECT old_value, new_value FROM audit WHERE parcel_id = ? AND field = 'CONS_DATE'",
                       (p1,)).fetchone() == (None, "2025-03-01")
    con.close()
    # Identifiers never reach the log in full.
    log = "\n".join(fb.lines)
    assert CREDIT not in log and ID_NO not in log
    assert "2 of" in log

    # Run again without a table: the register's assignments come back, nothing new is audited.
    res2 = run(parcels, tmp_path / "again.gpkg", REGISTER=str(reg))
    again = gpd.read_file(tmp_path / "again.gpkg", layer="again").set_index("PARCEL_ID")
    assert res2["REGISTER_CHANGES"] == 0
    assert again.loc[p1, "SELLER_CD"] == ID_NO and again.loc[p0, "ELIGIBLE"] == 1


def test_xlsx_table_with_chinese_headers(parcels, split_gdf, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    p0, p1 = split_gdf["PARCEL_ID"].iloc[:2]
    book = openpyxl.Workbook()
    sheet = book.active
    # Every cell is text, so GDAL cannot tell the header from the data: the first row is recognised as header.
    for row in (["地块编号", "权属类型", "出让主体", "出让主体证件号码", "权属争议状态", "权利人"],
                [p0, "国有", "溪口国有林场", CREDIT, "无争议", "溪口国有林场"],
                [p1, "集体", "", "", "权属不清", ""]):
        sheet.append(row)
    xlsx = tmp_path / "owners.xlsx"
    book.save(xlsx)
    res = run(parcels, tmp_path / "owned.gpkg", TABLE=str(xlsx))
    out = gpd.read_file(tmp_path / "owned.gpkg", layer="owned").set_index("PARCEL_ID")
    assert (out.loc[p0, "OWN_TYPE"], out.loc[p0, "SELLER_CD"], out.loc[p0, "ELIGIBLE"]) == ("STATE", CREDIT, 1)
    assert (out.loc[p1, "OWN_TYPE"], out.loc[p1, "DISPUTE"]) == ("COLLECTIVE", "UNCLEAR")
    assert res["ELIGIBLE_COUNT"] == 1


def test_register_opens_in_qgis(parcels, split_gdf, tmp_path):
    p0 = split_gdf["PARCEL_ID"].iloc[0]
    table = write_csv(tmp_path / "t.csv", ["PARCEL_ID", "OWN_TYPE"], [[p0, "STATE"]])
    reg = tmp_path / "register.gpkg"
    run(parcels, tmp_path / "owned.gpkg", TABLE=str(table), REGISTER=str(reg))
    for name, count in (("swc_meta", 3), ("ownership", 1), ("audit", 1)):
        layer = QgsVectorLayer(f"{reg}|layername={name}", name, "ogr")
        assert layer.isValid(), name
        assert layer.featureCount() == count, name
    own = QgsVectorLayer(f"{reg}|layername=ownership", "o", "ogr")
    feat = next(own.getFeatures())
    assert feat["PARCEL_ID"] == p0 and feat["OWN_TYPE"] == "STATE"


def test_one_bad_row_applies_nothing(parcels, split_gdf, tmp_path):
    p0, p1 = split_gdf["PARCEL_ID"].iloc[:2]
    reg = tmp_path / "register.gpkg"
    good = write_csv(tmp_path / "good.csv", ["PARCEL_ID", "OWN_TYPE"], [[p0, "STATE"]])
    run(parcels, tmp_path / "first.gpkg", TABLE=str(good), REGISTER=str(reg))
    before = sha(reg)
    bad = write_csv(tmp_path / "bad.csv", ["PARCEL_ID", "OWN_TYPE", "SELLER_CD"],
                    [[p0, "COLLECTIVE", CREDIT], [p1, "COOPERATIVE", ""], ["NO-SUCH-ID", "", ""],
                     [p1 + "", "", "91350100M000100Y44"]])
    fb = LogFeedback()
    with pytest.raises(QgsProcessingException) as exc:
        run(parcels, tmp_path / "owned.gpkg", fb, TABLE=str(bad), REGISTER=str(reg))
    msg = str(exc.value)
    assert "Row 2: OWN_TYPE = 'COOPERATIVE'" in msg and "unknown ownership type" in msg
    assert "Row 3: PARCEL_ID = 'NO-SUCH-ID'" in msg and "no parcel has this PARCEL_ID" in msg
    assert "Row 4: SELLER_CD = '913501********0Y44'" in msg and "not a valid unified social credit code" in msg
    assert "Row 4: PARCEL_ID" in msg  # p1 assigned twice
    assert "nothing was applied" in msg
    assert "91350100M000100Y44" not in msg + "\n".join(fb.lines)
    assert sha(reg) == before
    assert not (tmp_path / "owned.gpkg").exists()


def test_register_must_not_be_the_output(parcels, tmp_path):
    with pytest.raises(QgsProcessingException, match="different files"):
        run(parcels, tmp_path / "same.gpkg", REGISTER=str(tmp_path / "same.gpkg"))
    assert not (tmp_path / "same.gpkg").exists()


def test_from_sandiao_never_overwrites(parcels, split_gdf, tmp_path):
    p0 = split_gdf["PARCEL_ID"].iloc[0]
    table = write_csv(tmp_path / "t.csv", ["PARCEL_ID", "OWN_TYPE", "HOLDER"], [[p0, "INDIVIDUAL", "李四"]])
    fb = LogFeedback()
    run(parcels, tmp_path / "owned.gpkg", fb, TABLE=str(table), FROM_SANDIAO=True)
    out = gpd.read_file(tmp_path / "owned.gpkg", layer="owned").set_index("PARCEL_ID")
    src = split_gdf.set_index("PARCEL_ID")
    rest = out.index != p0
    expected = src["QSXZ"].astype(str).map(lambda q: "STATE" if q in ("10", "20") else "COLLECTIVE")
    assert (out.loc[rest, "OWN_TYPE"] == expected[rest]).all()
    assert (out.loc[rest, "HOLDER"] == src.loc[rest, "QSDWMC"]).all()
    assert (out.loc[rest, "HOLDER_CD"] == src.loc[rest, "QSDWDM"]).all()
    assert (out.loc[p0, "OWN_TYPE"], out.loc[p0, "HOLDER"]) == ("INDIVIDUAL", "李四")
    assert out.loc[p0, "HOLDER_CD"] == src.loc[p0, "QSDWDM"]  # empty before: filled
    # STATE_APPR follows the state parcels (QSXZ 10/20 in the sample: the state forest farm and the township).
    assert (out.loc[rest, "STATE_APPR"] == (expected[rest] == "STATE").astype(int)).all()
    assert (out.loc[rest, "STATE_APPR"] == 1).any()
    # Owner-unit codes are not identifiers: no parcel becomes eligible from 三调 alone.
    assert (out["ELIGIBLE"] == 0).all()
    assert any(f"{len(out) - 1} parcels" in line for line in fb.lines)


def test_default_style_has_value_maps(parcels, tmp_path):
    out = tmp_path / "owned.gpkg"
    run(parcels, out, FROM_SANDIAO=True)
    layer = QgsVectorLayer(f"{out}|layername=owned", "owned", "ogr")
    assert layer.isValid()
    layer.loadDefaultStyle()
    setup = layer.editorWidgetSetup(layer.fields().indexOf("OWN_TYPE"))
    assert setup.type() == "ValueMap"
    mapping = {k: v for d in setup.config()["map"] for k, v in d.items()}
    assert set(mapping.values()) >= {"STATE", "COLLECTIVE", "INDIVIDUAL"}
    assert any(k.startswith("国有") for k, v in mapping.items() if v == "STATE")
    dispute = layer.editorWidgetSetup(layer.fields().indexOf("DISPUTE"))
    labels = {v: k for d in dispute.config()["map"] for k, v in d.items()}
    assert labels["UNCLEAR"].startswith("权属不清") and labels["RESOLVED"].startswith("已解决")
    assert layer.editorWidgetSetup(layer.fields().indexOf("CONSENT")).type() == "ValueMap"
    assert layer.editorWidgetSetup(layer.fields().indexOf("CONS_DATE")).type() == "DateTime"
    con = sqlite3.connect(out)
    (qml,) = con.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = 'owned' AND useAsDefault").fetchone()
    con.close()
    assert "ValueMap" in qml and "COLLECTIVE" in qml and "集体" in qml


def test_reason_and_label_texts(plugin):
    from swc_ecovalue.i18n import install_translator, remove_translator
    from swc_ecovalue.processing_provider.assign_ownership import explain_reasons, reason_text
    from swc_ecovalue.processing_provider.messages import templates
    from swc_ecovalue.valuation.ownership import REASONS

    remove_translator()
    ours = templates()
    assert {f"inelig_{c}": t for c, t in REASONS.items()} == {k: v for k, v in ours.items() if k.startswith("inelig_")}
    assert explain_reasons("no_own_type;disputed") == "no ownership type; rights disputed (有争议)"
    install_translator("zh_CN")
    try:
        assert reason_text("no_consent") != REASONS["no_consent"]
        assert "争议" in reason_text("disputed")
    finally:
        remove_translator()


# qgis_process.bin ----------------------------------------------------------
def qgis_process(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SWC_LOCALE="en")
    return subprocess.run([str(QP), *args], capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.qgis_process
def test_qgis_process_bad_table_exits_nonzero_without_register(parcels, split_gdf, tmp_path):
    p0 = split_gdf["PARCEL_ID"].iloc[0]
    bad = write_csv(tmp_path / "bad.csv", ["PARCEL_ID", "OWN_TYPE", "DISPUTE"], [[p0, "STATE", "maybe"]])
    reg = tmp_path / "new_register.gpkg"
    proc = qgis_process("run", "swcvalue:assignownership", "--", f"INPUT={parcels}", f"TABLE={bad}",
                        f"REGISTER={reg}", f"OUTPUT={tmp_path / 'owned.gpkg'}")
    assert proc.returncode != 0
    assert "DISPUTE = 'maybe'" in proc.stdout + proc.stderr
    assert not reg.exists()
    assert not (tmp_path / "owned.gpkg").exists()


@pytest.mark.qgis_process
def test_qgis_process_creates_and_keeps_register(parcels, split_gdf, tmp_path):
    p0 = split_gdf["PARCEL_ID"].iloc[0]
    good = write_csv(tmp_path / "good.csv", ["PARCEL_ID", "OWN_TYPE", "SELLER_CD"], [[p0, "国有", CREDIT]])
    reg = tmp_path / "register.gpkg"
    proc = qgis_process("run", "swcvalue:assignownership", "--", f"INPUT={parcels}", f"TABLE={good}",
                        f"REGISTER={reg}", f"OUTPUT={tmp_path / 'owned.gpkg'}")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert CREDIT not in proc.stdout + proc.stderr
    con = sqlite3.connect(reg)
    assert con.execute("SELECT OWN_TYPE, SELLER_CD FROM ownership WHERE PARCEL_ID = ?", (p0,)).fetchone() == (
        "STATE", CREDIT)
    con.close()
    before = sha(reg)
    bad = write_csv(tmp_path / "bad.csv", ["PARCEL_ID", "SELLER_CD"], [[p0, "500101199001011235"]])
    proc = qgis_process("run", "swcvalue:assignownership", "--", f"INPUT={parcels}", f"TABLE={bad}",
                        f"REGISTER={reg}", f"OUTPUT={tmp_path / 'owned2.gpkg'}")
    assert proc.returncode != 0
    assert "500101********1235" in proc.stdout + proc.stderr
    assert "500101199001011235" not in proc.stdout + proc.stderr
    assert sha(reg) == before
