"""The ownership dock on the split sample watershed (pytest-qgis, offscreen): lazy table, two-way selection sync,
filters, zoom, the assignment form (one undoable edit per apply, undo, redo), saving into the register with audit
rows, eligibility, masking, refusals, 三调 suggestions, the per-project register path and the join after a re-split."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from qgis.core import QgsProject, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtCore import QItemSelection, QItemSelectionModel, Qt
from qgis.PyQt.QtTest import QTest
from swc_ecovalue.ui.ownership_dock import PROJECT_KEY, PROJECT_SCOPE
from swc_ecovalue.ui.parcel_model import ParcelTableModel
from swc_ecovalue.valuation.ownership import ASSIGNED_FIELDS, OWNERSHIP_COLUMNS
from swc_ecovalue.valuation.register import Register

from tests.ui.dock_helpers import CREDIT, ID_NO, load, process_events, split_sample

HOLDER = "青杠村第一村民小组"
SELLER = "青杠村股份经济合作联合社"


def attrs(layer: QgsVectorLayer, fid: int, fields=OWNERSHIP_COLUMNS) -> dict:
    f = layer.getFeature(fid)
    out = {}
    for name in fields:
        v = f[name] if layer.fields().indexOf(name) >= 0 else None
        out[name] = None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
    return out


def table_fids(dock) -> list[int]:
    rows = sorted({i.row() for i in dock.table.selectionModel().selectedRows()})
    return [dock.model.fid(r) for r in rows]


def select_rows(dock, rows: list[int]) -> None:
    sel = QItemSelection()
    for r in rows:
        sel.select(dock.model.index(r, 0), dock.model.index(r, dock.model.columnCount() - 1))
    dock.table.selectionModel().select(sel, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)


def assign_basic(dock, fids: list[int], **extra) -> int:
    dock.layer().selectByIds(fids)
    process_events()
    values = {"OWN_TYPE": "COLLECTIVE", "HOLDER": HOLDER, "SELLER": SELLER, "SELLER_CD": CREDIT, "DISPUTE": "NONE"}
    values.update(extra)
    for k, v in values.items():
        dock.form.set_value(k, v)
    return dock.apply_form()


def all_cells(dock) -> list[str]:
    m = dock.model
    out = []
    for r in range(m.rowCount()):
        for c in range(m.columnCount()):
            for role in (Qt.DisplayRole, Qt.ToolTipRole, ParcelTableModel.ValueRole):
                v = m.data(m.index(r, c), role)
                if v is not None:
                    out.append(str(v))
    return out


# Table -----------------------------------------------------------------------------
def test_table_is_lazy_and_shows_the_parcels(dock, parcels):
    dock.set_layer(parcels)
    m = dock.model
    assert m.rowCount() == parcels.featureCount() == 200
    assert [c.key for c in m.columns()] == ["PARCEL_ID", "LANDUSE", "AREA_MU", "OWN_TYPE", "HOLDER", "SELLER",
                                            "SELLER_CD", "DISPUTE", "ELIGIBLE"]  # no V_TOTAL before accounting
    assert m._cache == {}  # noqa: SLF001 — nothing read until a cell is asked for
    fid = m.fid(0)
    f = parcels.getFeature(fid)
    assert m.data(m.index(0, 0)) == f["PARCEL_ID"]
    assert m.data(m.index(0, 1)) == f"{f['DLBM']} {f['DLMC']}"
    assert m.data(m.index(0, 2)) == f"{f['AREA_MU']:,.2f}"
    assert len(m._cache) == min(ParcelTableModel.BLOCK, 200)  # noqa: SLF001 — one block read
    assert "no ownership type" in m.data(m.index(0, m.column_of("ELIGIBLE")))
    assert dock.count_label.text() == "200 of 200 parcels shown; 0 selected"


def test_v_total_column_when_present(dock, qgis_new_project):  # noqa: ARG001
    layer = QgsVectorLayer("Polygon?crs=EPSG:4545&field=PARCEL_ID:string&field=AREA_MU:double&field=V_TOTAL:double",
                           "acc", "memory")
    from qgis.core import QgsFeature, QgsGeometry

    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0,10 0,10 10,0 10,0 0))"))
    f.setAttributes(["P1", 1.5, 12345.6])
    layer.dataProvider().addFeatures([f])
    QgsProject.instance().addMapLayer(layer)
    dock.set_layer(layer)
    m = dock.model
    col = m.column_of("V_TOTAL")
    assert col == 3 and m.headerData(col, Qt.Horizontal) == "V_TOTAL (元/a)"
    assert m.data(m.index(0, col)) == "12,346"
    assert dock.refresh_summary().total.value == pytest.approx(12345.6)


def test_binding_50000_parcels_reads_one_block(dock, qgis_new_project):  # noqa: ARG001
    from bench.dock_bench import make_layer

    layer = make_layer(50_000)
    QgsProject.instance().addMapLayer(layer)
    dock.set_layer(layer)
    dock.table.viewport().grab()  # first paint
    assert dock.model.rowCount() == 50_000
    assert len(dock.model._cache) <= 2 * ParcelTableModel.BLOCK  # noqa: SLF001
    layer.selectByIds(dock.model.fids()[10_000:11_000])
    assert len(table_fids(dock)) == 1000


def test_map_and_table_selections_follow_each_other(dock, parcels):
    dock.set_layer(parcels)
    emitted = []
    parcels.selectionChanged.connect(lambda *a: emitted.append(a))
    fids = dock.model.fids()
    parcels.selectByIds([fids[5], fids[6], fids[40]])
    assert table_fids(dock) == [fids[5], fids[6], fids[40]]
    assert len(emitted) == 1  # the table answered without selecting back
    select_rows(dock, [1, 2, 3])
    assert sorted(parcels.selectedFeatureIds()) == sorted(fids[1:4])
    assert len(emitted) == 2
    parcels.removeSelection()
    assert table_fids(dock) == []
    # a click in the view selects one parcel on the map
    rect = dock.table.visualRect(dock.model.index(0, 0))
    QTest.mouseClick(dock.table.viewport(), Qt.LeftButton, Qt.NoModifier, rect.center())
    assert parcels.selectedFeatureIds() == [fids[0]]
    process_events()
    assert dock.count_label.text() == "200 of 200 parcels shown; 1 selected"


def test_filters(dock, parcels):
    dock.set_layer(parcels)
    fids = dock.model.fids()
    assign_basic(dock, fids[0:3])
    assign_basic(dock, fids[3:5], DISPUTE="DISPUTED")
    assign_basic(dock, fids[5:6], DISPUTE="UNCLEAR", HOLDER="国营林场")
    parcels.selectByIds([fids[5]])
    dock.form.set_value("SELLER", "")
    dock.apply_form()
    dock.set_filter("disputed")
    assert dock.model.fids() == fids[3:5]
    dock.set_filter("unclear")
    assert dock.model.fids() == fids[5:6]
    assert table_fids(dock) == [fids[5]]  # the selection is shown again after filtering
    dock.set_filter("no_seller")
    assert dock.model.rowCount() == 195 and fids[5] in dock.model.fids() and fids[0] not in dock.model.fids()
    dock.set_filter("all", "国营林场")
    assert dock.model.fids() == [fids[5]]
    assert dock.holder_combo.currentText() == "国营林场"
    dock.set_filter("ineligible", HOLDER)
    assert dock.model.fids() == fids[3:5]
    dock.set_filter("all", None)
    assert dock.model.rowCount() == 200
    # sorting by a column and back
    dock.table.sortByColumn(dock.model.column_of("DISPUTE"), Qt.DescendingOrder)
    assert dock.model.rowCount() == 200
    first = {dock.model.data(dock.model.index(r, dock.model.column_of("DISPUTE"))) for r in range(6)}
    assert "" not in first


def test_zoom_to_selection(dock, parcels, qgis_canvas):
    dock.set_layer(parcels)
    qgis_canvas.setDestinationCrs(parcels.crs())
    qgis_canvas.setExtent(QgsRectangle(0, 0, 1, 1))
    fid = dock.model.fid(10)
    parcels.selectByIds([fid])
    assert dock.zoom_to_selection()
    assert qgis_canvas.extent().intersects(parcels.getFeature(fid).geometry().boundingBox())
    dock.canvas = None  # no iface and no canvas: a message, no error
    assert not dock.zoom_to_selection()
    assert "no map canvas" in dock.last_message


# Assign, apply, undo, redo, save -------------------------------------------------------
def test_assign_apply_undo_redo_save_register_and_audit(dock, parcels, tmp_path):
    reg_path = tmp_path / "register.gpkg"
    dock.set_layer(parcels)
    dock.set_register_path(str(reg_path))
    dock.operator_edit.setText("张工")
    fids = dock.model.fids()[:3]
    pids = [parcels.getFeature(f)["PARCEL_ID"] for f in fids]
    bsms = [parcels.getFeature(f)["BSM"] for f in fids]
    assert parcels.fields().indexOf("OWN_TYPE") < 0  # the split output has no ownership fields yet

    written = assign_basic(dock, fids, PRIORITY=1, INVESTOR="重庆某生态公司")
    assert written == 3 * (7 + 3)  # 7 assigned values, ELIGIBLE, INELIG_WHY ("") and STATE_APPR per parcel
    assert [parcels.fields().indexOf(f) >= 0 for f in OWNERSHIP_COLUMNS] == [True] * 14  # fields added
    assert parcels.isEditable()
    assert parcels.undoStack().count() == 1  # ONE undoable command
    assert parcels.undoStack().text(0) == "Assign ownership to 3 parcels"
    expected = {"OWN_TYPE": "COLLECTIVE", "HOLDER": HOLDER, "HOLDER_CD": None, "INVESTOR": "重庆某生态公司",
                "PRIORITY": 1, "SELLER": SELLER, "SELLER_CD": CREDIT, "DISPUTE": "NONE", "CONSENT": None,
                "CONS_DATE": None, "CONS_REF": None, "ELIGIBLE": 1, "INELIG_WHY": "", "STATE_APPR": 0}
    for fid in fids:
        assert attrs(parcels, fid) == expected
    untouched = dock.model.fids()[3]
    assert all(v is None for v in attrs(parcels, untouched, ASSIGNED_FIELDS).values())

    parcels.undoStack().undo()
    process_events()
    for fid in fids:
        assert all(v is None for v in attrs(parcels, fid).values())
    assert dock.model.data(dock.model.index(0, dock.model.column_of("HOLDER"))) == ""
    parcels.undoStack().redo()
    process_events()
    assert attrs(parcels, fids[0])["HOLDER"] == HOLDER
    assert dock.model.data(dock.model.index(0, dock.model.column_of("HOLDER"))) == HOLDER

    assert dock.save()
    assert not parcels.isEditable()
    assert "register updated: 21 field changes for 3 parcels" in dock.last_message
    reg = Register.open(reg_path)
    table = reg.assignments()
    assert sorted(table.index) == sorted(pids)
    for pid, bsm in zip(pids, bsms):
        row = table.loc[pid]
        assert row["BSM"] == bsm
        assert {f: (None if row[f] is None or str(row[f]) == "<NA>" else row[f]) for f in ASSIGNED_FIELDS} == \
            {f: expected[f] for f in ASSIGNED_FIELDS}
        assert row["UPDATED_BY"] == "张工"
    audit = reg.audit()
    assert len(audit) == 21
    assert set(audit["app_user"]) == {"张工"} and audit["batch"].nunique() == 1
    got = sorted(zip(audit["parcel_id"], audit["field"], audit["old_value"], audit["new_value"]))
    want = sorted((pid, f, None, str(expected[f])) for pid in pids for f in ASSIGNED_FIELDS
                  if expected[f] is not None)
    assert got == want

    # A second change: one parcel becomes disputed -> ineligible; one audit row
    parcels.selectByIds([fids[1]])
    process_events()
    assert dock.form.raw_value("SELLER_CD") == CREDIT  # the edit box shows the identifier in full
    dock.form.set_value("DISPUTE", "DISPUTED")
    assert dock.apply_form() == 3  # DISPUTE, ELIGIBLE, INELIG_WHY
    assert attrs(parcels, fids[1])["ELIGIBLE"] == 0 and attrs(parcels, fids[1])["INELIG_WHY"] == "disputed"
    assert dock.save()
    audit = reg.audit()
    assert len(audit) == 22
    last = audit.iloc[-1]
    assert (last["parcel_id"], last["field"], last["old_value"], last["new_value"]) == (pids[1], "DISPUTE", "NONE",
                                                                                     "DISPUTED")
    assert reg.assignments().loc[pids[1], "DISPUTE"] == "DISPUTED"

    con = sqlite3.connect(reg_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE audit SET new_value = 'x'")
    con.close()
    assert len(Register.open(reg_path).audit()) == 22


def test_multi_selection_form_keeps_differing_values(dock, parcels):
    dock.set_layer(parcels)
    fids = dock.model.fids()[:2]
    assign_basic(dock, fids[:1], HOLDER="甲组")
    assign_basic(dock, fids[1:], HOLDER="乙组")
    parcels.selectByIds(fids)
    dock.form.clear_changes()
    dock.load_form()
    assert dock.form.raw_value("HOLDER") == "" and dock.form.widgets["HOLDER"].placeholderText() == "(several values)"
    assert dock.form.raw_value("OWN_TYPE") == "COLLECTIVE"
    dock.form.set_value("CONS_REF", "确认书2026-01")
    assert dock.apply_form() == 2
    assert [attrs(parcels, f)["HOLDER"] for f in fids] == ["甲组", "乙组"]  # not overwritten
    assert [attrs(parcels, f)["CONS_REF"] for f in fids] == ["确认书2026-01"] * 2
    # typing in the box (not set_value) marks the field as changed
    dock.form.widgets["INVESTOR"].setFocus()
    QTest.keyClicks(dock.form.widgets["INVESTOR"], "ABC")
    assert "INVESTOR" in dock.form.dirty


def test_eligibility_and_reasons(dock, parcels):
    dock.set_layer(parcels)
    f = dock.model.fids()
    assign_basic(dock, f[0:1], DISPUTE="RESOLVED")
    assign_basic(dock, f[1:2], DISPUTE="RESOLVED", CONSENT=1, CONS_DATE="2026年1月5日", CONS_REF="调解书1号")
    assign_basic(dock, f[2:3], DISPUTE="UNCLEAR", CONSENT=1)
    assign_basic(dock, f[3:4], OWN_TYPE="STATE", HOLDER="国营林场", SELLER_CD=ID_NO)
    parcels.selectByIds(f[4:5])
    dock.form.set_value("HOLDER", "丙组")
    dock.apply_form()
    got = {i: attrs(parcels, f[i], ("ELIGIBLE", "INELIG_WHY", "STATE_APPR", "CONS_DATE")) for i in range(5)}
    assert got[0] == {"ELIGIBLE": 0, "INELIG_WHY": "no_consent", "STATE_APPR": 0, "CONS_DATE": None}
    assert got[1] == {"ELIGIBLE": 1, "INELIG_WHY": "", "STATE_APPR": 0, "CONS_DATE": "2026-01-05"}
    assert got[2] == {"ELIGIBLE": 0, "INELIG_WHY": "unclear", "STATE_APPR": 0, "CONS_DATE": None}
    assert got[3] == {"ELIGIBLE": 1, "INELIG_WHY": "", "STATE_APPR": 1, "CONS_DATE": None}
    assert got[4]["INELIG_WHY"] == "no_own_type;no_seller;no_seller_id;no_dispute" and got[4]["ELIGIBLE"] == 0
    m, col = dock.model, dock.model.column_of("ELIGIBLE")
    shown = [m.data(m.index(r, col)) for r in range(5)]
    assert shown[0] == "dispute resolved but the right holders' consent is not recorded"
    assert shown[1] == shown[3] == "Eligible"
    assert shown[2] == "rights unclear (权属不清)"
    assert shown[4] == "no ownership type; no seller; the seller has no identifier; dispute status not stated"
    s = dock.refresh_summary()
    assert s.eligible.parcels == 2 and s.ineligible.parcels == 198
    assert s.ineligible.area_mu == pytest.approx(s.total.area_mu - s.eligible.area_mu)


def test_invalid_values_are_refused_with_a_clear_message(dock, parcels):
    dock.set_layer(parcels)
    parcels.selectByIds(dock.model.fids()[:2])
    bad = "91350100M000100Y44"  # wrong check character
    dock.form.set_value("SELLER", SELLER)
    dock.form.set_value("SELLER_CD", bad)
    dock.form.set_value("CONS_DATE", "2099-01-01")
    assert dock.form.widgets["SELLER_CD"].toolTip().startswith("Seller identifier 913501********0Y44: not a valid")
    assert dock.apply_form() == 0
    assert dock.last_level == "warning"
    assert "Seller identifier 913501********0Y44: not a valid unified social credit code" in dock.last_message
    assert "the date lies in the future" in dock.last_message
    assert bad not in dock.last_message
    assert not parcels.isEditable() and parcels.fields().indexOf("SELLER") < 0  # nothing changed


def test_identifiers_masked_in_table_and_summary(dock, parcels, tmp_path):
    dock.set_layer(parcels)
    assign_basic(dock, dock.model.fids()[:2], HOLDER_CD=ID_NO)
    cells = all_cells(dock)
    assert not any(CREDIT in c or ID_NO in c for c in cells)
    assert "913501********0Y43" in cells
    html = dock.summary_view.toHtml() if dock.refresh_summary() else ""
    assert "913501********0Y43" in html and CREDIT not in html and ID_NO not in html
    assert CREDIT not in dock.last_message


def test_read_only_layers_are_refused_cleanly(dock, parcels, tmp_path, monkeypatch):
    dock.set_layer(parcels)
    fids = dock.model.fids()[:2]
    parcels.setReadOnly(True)
    assert assign_basic(dock, fids) == 0
    assert dock.last_level == "critical" and "is read-only; nothing was changed" in dock.last_message
    assert not parcels.isEditable() and parcels.fields().indexOf("OWN_TYPE") < 0
    parcels.setReadOnly(False)

    # another edit command running on the layer (a map tool half-way through)
    parcels.startEditing()
    parcels.beginEditCommand("someone else")
    assert assign_basic(dock, fids) == 0
    assert "in the middle of another edit" in dock.last_message
    parcels.endEditCommand()
    parcels.rollBack()

    # editing cannot start (the provider refuses, e.g. a file locked by another program)
    monkeypatch.setattr(parcels, "startEditing", lambda: False, raising=False)
    assert assign_basic(dock, fids) == 0
    assert "Editing could not be started on layer parcels" in dock.last_message
    assert not parcels.isEditable() and parcels.fields().indexOf("OWN_TYPE") < 0
    monkeypatch.undo()

    # a data source that cannot change attributes (delimited text)
    csv = tmp_path / "p.csv"
    csv.write_text("PARCEL_ID;WKT\nA;POLYGON((0 0,1 0,1 1,0 1,0 0))\n", encoding="utf-8")
    layer = QgsVectorLayer(f"file://{csv}?delimiter=;&wktField=WKT&crs=EPSG:4545", "csv", "delimitedtext")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    dock.set_layer(layer)
    assert assign_basic(dock, layer.allFeatureIds()) == 0
    assert "cannot change attribute values" in dock.last_message
    assert not layer.isEditable()


def test_fill_from_sandiao_never_overwrites(dock, parcels):
    dock.set_layer(parcels)
    fids = dock.model.fids()[:2]
    parcels.selectByIds(fids[:1])
    dock.form.set_value("HOLDER", "用户填写的权利人")
    dock.apply_form()
    before = parcels.undoStack().count()
    parcels.selectByIds(fids)
    assert dock.fill_from_sandiao() > 0
    assert parcels.undoStack().count() == before + 1
    a, b = (attrs(parcels, f) for f in fids)
    src = [parcels.getFeature(f) for f in fids]
    assert a["HOLDER"] == "用户填写的权利人"  # kept
    assert b["HOLDER"] == src[1]["QSDWMC"] and b["HOLDER_CD"] == src[1]["QSDWDM"]
    assert a["OWN_TYPE"] == b["OWN_TYPE"] == "COLLECTIVE"  # QSXZ 30-34
    assert a["HOLDER_CD"] == src[0]["QSDWDM"]
    assert "right holder for 1" in dock.last_message
    assert a["ELIGIBLE"] == 0 and "no_own_type" not in a["INELIG_WHY"]


def test_register_path_is_remembered_per_project(dock, parcels, tmp_path):  # noqa: ARG001
    project = QgsProject.instance()
    path = tmp_path / "reg.gpkg"
    dock.set_register_path(str(path))
    assert project.readPath(project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")[0]) == str(path)
    qgz = tmp_path / "project.qgz"
    assert project.write(str(qgz))
    project.clear()
    process_events()
    assert dock.register_path() == ""
    assert project.read(str(qgz))
    process_events()
    assert dock.register_path() == str(path)


def test_register_locked_then_released(dock, parcels, tmp_path):
    reg_path = tmp_path / "register.gpkg"
    Register.create(reg_path)
    dock.set_layer(parcels)
    dock.set_register_path(str(reg_path))
    assign_basic(dock, dock.model.fids()[:1])
    # another program holds the write lock for 0.6 s: the save waits and then writes
    con = sqlite3.connect(reg_path, isolation_level=None, check_same_thread=False)
    con.execute("BEGIN IMMEDIATE")
    threading.Timer(0.6, lambda: con.execute("COMMIT")).start()
    assert dock.save()
    assert "register updated: 5 field changes" in dock.last_message
    con.close()
    assert len(Register.open(reg_path).audit()) == 5

    # locked for longer than the timeout: the layer is saved, the register write is kept for a retry
    dock.register_sync.lock_timeout = 0.3
    parcels.selectByIds(dock.model.fids()[:1])
    dock.form.set_value("CONS_REF", "文书7号")
    dock.apply_form()
    con = sqlite3.connect(reg_path, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    assert dock.save()
    assert dock.last_level == "critical" and "was not updated" in dock.last_message
    assert dock.register_sync.pending and dock.retry_button.isVisibleTo(dock.banner)
    con.execute("COMMIT")
    con.close()
    assert dock.register_sync.flush() == 1
    assert not dock.register_sync.pending and not dock.banner.isVisibleTo(dock)
    assert Register.open(reg_path).audit().iloc[-1]["new_value"] == "文书7号"


def test_assignments_survive_resplit(dock, parcels, tmp_path):
    reg_path = tmp_path / "register.gpkg"
    dock.set_layer(parcels)
    dock.set_register_path(str(reg_path))
    fids = dock.model.fids()
    assign_basic(dock, fids[0:4])
    assign_basic(dock, fids[4:6], OWN_TYPE="STATE", HOLDER="国营林场", DISPUTE="RESOLVED", CONSENT=1,
                 CONS_DATE="2026-02-01", CONS_REF="协议2号", SELLER_CD=ID_NO)
    assign_basic(dock, fids[6:7], DISPUTE="DISPUTED")
    assert dock.save()
    before = {parcels.getFeature(f)["PARCEL_ID"]: attrs(parcels, f) for f in parcels.allFeatureIds()}

    new = load(split_sample(tmp_path / "resplit.gpkg"), "parcels (re-split)")
    assert new.fields().indexOf("OWN_TYPE") < 0
    dock.set_layer(new)
    assert dock.check_register() == 7
    assert dock.banner.isVisibleTo(dock) and dock.join_button.isVisibleTo(dock.banner)
    stats = dock.join_from_register()
    assert stats["by_parcel_id"] == 7 and stats["unmatched"] == 193
    assert new.undoStack().count() == 1
    assert dock.check_register() == 0 and not dock.banner.isVisibleTo(dock)
    after = {new.getFeature(f)["PARCEL_ID"]: attrs(new, f) for f in new.allFeatureIds()}
    assert after.keys() == before.keys()
    for pid, values in before.items():
        got = after[pid]
        if values["OWN_TYPE"] is None:
            assert all(got[f] is None for f in ASSIGNED_FIELDS)
        else:
            assert got == values, pid
    assert sum(v["ELIGIBLE"] == 1 for v in after.values()) == 6
    # saving the joined layer writes nothing new to the register
    n_audit = len(Register.open(reg_path).audit())
    assert dock.save()
    assert len(Register.open(reg_path).audit()) == n_audit


def test_confirmation_sheet_pdf(dock, parcels, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    dock.set_layer(parcels)
    fids = dock.model.fids()
    assign_basic(dock, fids[0:3], HOLDER_CD=ID_NO)
    assign_basic(dock, fids[3:4], HOLDER="国营林场", OWN_TYPE="STATE")
    parcels.selectByIds(fids[0:1])
    assert dock.sheet_holders() == [HOLDER]
    files = dock.write_confirmation_sheets(str(tmp_path / "sheets"))
    assert [p.name for p in files] == [f"confirmation_{HOLDER}.pdf"]
    def pdftotext(*options: str) -> str:
        return subprocess.run(["pdftotext", *options, str(files[0]), "-"], capture_output=True, text=True,
                              check=True).stdout

    text = pdftotext("-layout")
    squashed = "".join(pdftotext("-raw").split())  # cells in drawing order, wrapped lines joined
    assert "Confirmation of parcel ownership" in text
    assert HOLDER in squashed and SELLER in squashed
    for f in fids[0:3]:
        assert parcels.getFeature(f)["PARCEL_ID"] in squashed
    total = sum(parcels.getFeature(f)["AREA_MU"] for f in fids[0:3])
    assert f"{total:,.2f}" in text
    assert "110105********002X" in squashed and ID_NO not in squashed and CREDIT not in squashed
    assert "国营林场" not in squashed
    assert "Right holder (signature or seal)" in text


def test_plugin_dock_action(qgis_iface, qgis_parent, monkeypatch, parcels):
    """The checkable menu/toolbar action creates, shows and hides the dock; unload removes both."""
    import swc_ecovalue

    monkeypatch.setattr(qgis_iface, "addDockWidget", qgis_parent.addDockWidget, raising=False)
    monkeypatch.setattr(qgis_iface, "removeDockWidget", qgis_parent.removeDockWidget, raising=False)
    qgis_iface.setActiveLayer(parcels)
    qgis_parent.show()
    p = swc_ecovalue.classFactory(qgis_iface)
    p.initProcessing = lambda: None  # the provider is registered already (tests/processing/test_plugin_lifecycle.py)
    try:
        p.initGui()
        action = p.dock_action
        assert action.isCheckable() and not action.isChecked() and p.dock is None
        assert len(p.actions) == 1  # the algorithm entry; the dock action is kept apart
        action.trigger()
        process_events()
        assert p.dock is not None and p.dock.isUserVisible()
        assert p.dock.layer() is parcels  # the active layer by default
        assert p.dock.layer_combo.currentLayer() is parcels
        action.trigger()
        assert not p.dock.isUserVisible()
        p.dock.setUserVisible(True)
        assert action.isChecked()
        p.unload()
        assert p.dock is None and p.dock_action is None and p.actions == []
    finally:
        p.unload()
        qgis_parent.hide()
