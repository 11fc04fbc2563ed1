"""The plugin object: registers the Processing provider (also headless) and the GUI entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .i18n import remove_translator, tr
from .processing_provider.provider import SwcValueProvider

ICON = Path(__file__).resolve().parent / "resources" / "icons" / "icon.svg"


class SwcEcoValuePlugin:
    """Created by ``classFactory``; ``iface`` is None inside qgis_process."""

    def __init__(self, iface: Any) -> None:
        self.iface = iface
        self.provider: Optional[SwcValueProvider] = None
        self.actions: list[QAction] = []

    @property
    def menu_name(self) -> str:
        return tr("&SWC EcoValue")

    def initProcessing(self) -> None:  # noqa: N802 (QGIS API name)
        """Register the provider; called by QGIS (and by qgis_process) before initGui."""
        if self.provider is None:
            self.provider = SwcValueProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()
        if self.iface is None:
            return
        entries = [("swcvalue:splitparcels", tr("Split trading scope into land-use parcels…"))]
        for alg_id, text in entries:
            action = QAction(QIcon(str(ICON)), text, self.iface.mainWindow())
            action.setObjectName(alg_id.replace(":", "_"))
            action.triggered.connect(lambda _checked=False, a=alg_id: self.open_algorithm(a))
            self.iface.addPluginToMenu(self.menu_name, action)
            self.actions.append(action)
        self.iface.addToolBarIcon(self.actions[0])

    @staticmethod
    def open_algorithm(alg_id: str) -> None:
        import processing

        processing.execAlgorithmDialog(alg_id, {})

    def unload(self) -> None:
        """Remove everything the plugin added."""
        for action in self.actions:
            if self.iface is not None:
                self.iface.removePluginMenu(self.menu_name, action)
                self.iface.removeToolBarIcon(action)
            action.deleteLater()
        self.actions = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
