"""A screenshot of the dock (Chinese UI) beside a map canvas with the sample parcels, for a human to look at.

Saved to tests/screenshots/dock.png (git-ignored); with SWC_DOCS_SCREENSHOT=1 also to docs/images/dock.png,
the picture the README and docs/dock.md show.
"""

from __future__ import annotations

import os
import shutil
import time

from qgis.core import QgsProject
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QCoreApplication, QSize, Qt
from qgis.PyQt.QtWidgets import QMainWindow

from tests.ui.dock_helpers import CREDIT, ROOT, SCREENSHOTS, process_events


def test_screenshot_of_the_dock_beside_the_map(parcels, tmp_path, qgis_app):  # noqa: ARG001
    from swc_ecovalue import i18n
    from swc_ecovalue.processing_provider.output_style import style_layer
    from swc_ecovalue.ui.ownership_dock import OwnershipDock

    i18n.remove_translator()
    assert i18n.install_translator("zh_CN")
    window = QMainWindow()
    try:
        window.setWindowTitle("SWC EcoValue")
        window.resize(QSize(1500, 920))
        canvas = QgsMapCanvas(window)
        canvas.setCanvasColor(Qt.white)
        window.setCentralWidget(canvas)
        style_layer(parcels)
        canvas.setDestinationCrs(parcels.crs())
        canvas.setLayers([parcels])
        dock = OwnershipDock(iface=None, parent=window, canvas=canvas, interactive=False)
        window.addDockWidget(Qt.RightDockWidgetArea, dock)
        window.resizeDocks([dock], [700], Qt.Horizontal)
        dock.set_layer(parcels)
        dock.set_register_path("/data/青杠溪小流域/登记库.gpkg")
        dock.operator_edit.setText("张工")
        fids = dock.model.fids()
        parcels.selectByIds(fids[:6])
        dock.fill_from_sandiao()
        parcels.selectByIds(fids[4:5])
        dock.form.set_value("DISPUTE", "DISPUTED")
        dock.apply_form()
        parcels.selectByIds(fids[:4])
        process_events()
        for name, value in (("SELLER", "青杠村股份经济合作联合社"), ("SELLER_CD", CREDIT), ("DISPUTE", "NONE"),
                            ("INVESTOR", "重庆某生态旅游公司"), ("PRIORITY", 1)):
            dock.form.set_value(name, value)
        dock.apply_form()
        process_events()
        window.show()
        canvas.setExtent(parcels.extent())
        rendered: list[bool] = []
        canvas.mapCanvasRefreshed.connect(lambda: rendered.append(True))
        canvas.refresh()
        deadline = time.monotonic() + 20
        while not rendered and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.02)
        process_events()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        out = SCREENSHOTS / "dock.png"
        assert window.grab().save(str(out))
        assert rendered and out.stat().st_size > 50_000
        assert dock.windowTitle() == "权属与交易资格"
        if os.environ.get("SWC_DOCS_SCREENSHOT") == "1":
            (ROOT / "docs" / "images").mkdir(parents=True, exist_ok=True)
            shutil.copy(out, ROOT / "docs" / "images" / "dock.png")
        dock.cleanup()
        if parcels.isEditable():
            parcels.rollBack()
    finally:
        window.close()
        window.deleteLater()
        process_events()
        i18n.remove_translator()
        QgsProject.instance().removeAllMapLayers()
