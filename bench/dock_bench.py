"""Responsiveness of the ownership dock on a large parcel layer (standalone, offscreen QGIS).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/dock_bench.py [--parcels 50000] [--repeat 3]

Builds a memory layer of N square parcels (PARCEL_ID, BSM, DLBM, DLMC, 三调 QSXZ/QSDWMC, AREA_MU, V_TOTAL and the
ownership fields, a third of them assigned), opens the dock beside nothing, and prints in milliseconds:

* open: bind the layer + first paint of the table;
* layer → table: select 1,000 features on the layer (scattered and contiguous) until the table shows them;
* table → layer: select 1,000 rows in the table until the layer has them;
* and, for orientation, form load for 1,000 selected parcels, apply to them (one edit command), a filter,
  the summary, and the register join check (a register holding a third of the parcels).
The median of ``--repeat`` runs is shown.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent


def _plugin_path() -> None:
    """Make this checkout importable as ``swc_ecovalue`` (as tests/conftest.py does)."""
    plugins = ROOT / ".build" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    link = plugins / "swc_ecovalue"
    if not link.exists():
        os.symlink(ROOT, link)
    if str(plugins) not in sys.path:
        sys.path.insert(0, str(plugins))


def make_layer(n: int = 50_000, name: str = "bench parcels"):
    """A polygon memory layer (EPSG:4545) of ``n`` 30 m squares with split/accounting/ownership fields."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    fields = ("field=PARCEL_ID:string(80)&field=BSM:string(18)&field=DLBM:string(4)&field=DLMC:string(20)"
              "&field=QSXZ:string(2)&field=QSDWDM:string(19)&field=QSDWMC:string(60)&field=AREA_MU:double"
              "&field=V_TOTAL:double&field=OWN_TYPE:string(12)&field=HOLDER:string(254)&field=HOLDER_CD:string(40)"
              "&field=INVESTOR:string(254)&field=PRIORITY:integer&field=SELLER:string(254)&field=SELLER_CD:string(40)"
              "&field=DISPUTE:string(12)&field=CONSENT:integer&field=CONS_DATE:string(10)&field=CONS_REF:string(120)"
              "&field=ELIGIBLE:integer&field=INELIG_WHY:string(254)&field=STATE_APPR:integer")
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:4545&{fields}", name, "memory")
    uses = [("0301", "乔木林地"), ("0103", "旱地"), ("0201", "果园"), ("0404", "其他草地")]
    side = 30.0
    per_row = 250
    feats = []
    for i in range(n):
        x0 = 500_000.0 + (i % per_row) * side
        y0 = 3_300_000.0 + (i // per_row) * side
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x0} {y0},{x0 + side} {y0},{x0 + side} {y0 + side},"
                                          f"{x0} {y0 + side},{x0} {y0}))"))
        code, label = uses[i % len(uses)]
        village = i // 5000
        assigned = i % 3 == 0
        f.setAttributes([f"JY{village:02d}-{500115108000000000 + i}", str(500115108000000000 + i), code, label,
                         "30", f"50011510820{village:02d}000000", f"第{village + 1}村股份经济合作联合社",
                         side * side * 15 / 10000, 1000.0 + (i % 97) * 10,
                         "COLLECTIVE" if assigned else None, f"第{village + 1}村第{i % 7 + 1}组" if assigned else None,
                         None, None, None, f"第{village + 1}村股份经济合作联合社" if assigned else None,
                         "91350100M000100Y43" if assigned else None, "NONE" if assigned else None, None, None, None,
                         1 if assigned else 0, "" if assigned else "no_own_type", 0])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


def _ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000.0


def make_register(path: Path, layer) -> Path:
    """A register holding the assignments of the layer's assigned parcels (a third), HOLDER changed so that the
    dock's join check finds every one of them different."""
    import pandas as pd
    from swc_ecovalue.ui.editing import scan_rows
    from swc_ecovalue.valuation.ownership import ASSIGNED_FIELDS
    from swc_ecovalue.valuation.register import Register

    rows = scan_rows(layer, ["PARCEL_ID", "BSM", *ASSIGNED_FIELDS])
    records = {r["PARCEL_ID"]: {"BSM": r["BSM"], **{f: r[f] for f in ASSIGNED_FIELDS}, "HOLDER": "登记簿权利人"}
               for r in rows.values() if r["OWN_TYPE"]}
    frame = pd.DataFrame.from_dict(records, orient="index", dtype=object)
    frame.index.name = "PARCEL_ID"
    Register.create(path).apply(frame, user="bench")
    return path


def run_once(app, window, layer, record: Callable[[str, float], None], register: Path) -> None:
    """One measurement round: a new dock in ``window`` bound to ``layer``."""
    from qgis.PyQt.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt
    from swc_ecovalue.ui.ownership_dock import OwnershipDock

    class PaintWatch(QObject):
        painted = False

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Paint:
                self.painted = True
            return False

    dock = OwnershipDock(iface=None, parent=window, interactive=False)
    window.addDockWidget(Qt.RightDockWidgetArea, dock)
    app.processEvents()
    watch = PaintWatch()
    dock.table.viewport().installEventFilter(watch)
    t0 = time.perf_counter()
    dock.set_layer(layer)
    bind = (time.perf_counter() - t0) * 1000.0
    deadline = time.perf_counter() + 10
    while not watch.painted and time.perf_counter() < deadline:
        app.processEvents()
    record("open: bind", bind)
    record("open: bind + first paint", (time.perf_counter() - t0) * 1000.0)

    fids = dock.model.fids()
    scattered = fids[::max(len(fids) // 1000, 1)][:1000]
    contiguous = fids[20_000:21_000] if len(fids) > 21_000 else fids[:1000]
    for label, ids in (("scattered", scattered), ("contiguous", contiguous)):
        layer.removeSelection()
        t0 = time.perf_counter()
        layer.selectByIds(ids)
        ms = (time.perf_counter() - t0) * 1000.0
        rows = dock.table.selectionModel().selectedRows()
        assert len(rows) == len(ids), (label, len(rows))
        record(f"layer → table, 1,000 {label}", ms)
    layer.removeSelection()
    app.processEvents()
    sel = QItemSelection()
    step = max(dock.model.rowCount() // 1000, 1)
    for r in range(0, step * 1000, step):
        sel.select(dock.model.index(r, 0), dock.model.index(r, dock.model.columnCount() - 1))
    t0 = time.perf_counter()
    dock.table.selectionModel().select(sel, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    ms = (time.perf_counter() - t0) * 1000.0
    assert layer.selectedFeatureCount() == 1000, layer.selectedFeatureCount()
    record("table → layer, 1,000 scattered", ms)
    record("form load, 1,000 selected", _ms(dock.load_form))
    dock.form.set_value("INVESTOR", "基准测试投资主体")
    record("apply to 1,000 selected (one edit command)", _ms(dock.apply_form))
    layer.rollBack()
    record("filter: no seller yet", _ms(lambda: dock.set_filter("no_seller")))
    record("filter: all parcels", _ms(lambda: dock.set_filter("all")))
    record("summary (all parcels)", _ms(dock.refresh_summary))
    layer.removeSelection()
    dock.set_register_path(str(register))
    found: list[int] = []
    record("register join check (a third in the register)", _ms(lambda: found.append(dock.check_register())))
    assert found[0] > 0, found
    dock.set_register_path("")
    dock.cleanup()
    window.removeDockWidget(dock)
    dock.setParent(None)
    dock.deleteLater()
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _plugin_path()

    from qgis.core import QgsApplication, QgsProject
    from qgis.PyQt.QtWidgets import QMainWindow

    app = QgsApplication([], True)
    app.initQgis()
    results: dict[str, list[float]] = {}

    def record(key: str, value: float) -> None:
        results.setdefault(key, []).append(value)

    t0 = time.perf_counter()
    layer = make_layer(args.parcels)
    build_s = time.perf_counter() - t0
    QgsProject.instance().addMapLayer(layer)

    tmp = tempfile.TemporaryDirectory()
    t0 = time.perf_counter()
    register = make_register(Path(tmp.name) / "register.gpkg", layer)
    register_s = time.perf_counter() - t0
    window = QMainWindow()
    window.resize(1400, 900)
    window.show()
    for _ in range(args.repeat):
        run_once(app, window, layer, record, register)

    print(f"SWC EcoValue dock bench: {args.parcels:,} parcels (memory layer built in {build_s:.1f} s, register in "
          f"{register_s:.1f} s), median of {args.repeat} runs, QGIS {__import__('qgis.core').core.Qgis.QGIS_VERSION}")
    for key, values in results.items():
        print(f"  {key:<46} {statistics.median(values):9.1f} ms")
    QgsProject.instance().removeAllMapLayers()
    del layer
    window.close()
    del window
    tmp.cleanup()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
