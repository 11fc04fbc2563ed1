"""The plugin object: registers the Processing provider (also headless) and the GUI entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
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
        #: The checkable action showing/hiding the ownership dock (kept apart from the algorithm actions).
        self.dock_action: Optional[QAction] = None
        self.dock: Any = None

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
        from .ui.icons import ownership_icon

        self.dock_action = QAction(ownership_icon(), tr("Ownership and eligibility"), self.iface.mainWindow())
        self.dock_action.setObjectName("swcvalue_ownership_dock")
        self.dock_action.setCheckable(True)
        self.dock_action.setToolTip(tr("Assign ownership, sellers and dispute status to parcels; check trade "
                                       "eligibility"))
        self.dock_action.toggled.connect(self.toggle_dock)
        self.iface.addPluginToMenu(self.menu_name, self.dock_action)
        self.iface.addToolBarIcon(self.dock_action)

    def toggle_dock(self, checked: bool) -> None:
        """Show (creating it the first time) or hide the ownership dock."""
        if checked and self.dock is None:
            from .ui.ownership_dock import OwnershipDock

            self.dock = OwnershipDock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)
            self.dock.visibilityChanged.connect(self._dock_visibility)
        if self.dock is not None:
            self.dock.setUserVisible(checked)

    def _dock_visibility(self, visible: bool) -> None:
        if self.dock_action is not None and self.dock is not None and self.dock_action.isChecked() != \
                self.dock.isUserVisible():
            self.dock_action.blockSignals(True)
            self.dock_action.setChecked(self.dock.isUserVisible())
            self.dock_action.blockSignals(False)

    @staticmethod
    def open_algorithm(alg_id: str) -> None:
        import processing

        processing.execAlgorithmDialog(alg_id, {})

    def unload(self) -> None:
        """Remove everything the plugin added."""
        if self.dock is not None:
            self.dock.cleanup()
            if self.iface is not None:
                self.iface.removeDockWidget(self.dock)
            self.dock.setParent(None)
            self.dock.deleteLater()
            self.dock = None
        if self.dock_action is not None:
            if self.iface is not None:
                self.iface.removePluginMenu(self.menu_name, self.dock_action)
                self.iface.removeToolBarIcon(self.dock_action)
            self.dock_action.deleteLater()
            self.dock_action = None
        for action in self.actions:
            if self.iface is not None:
                self.iface.removePluginMenu(self.menu_name, action)
                self.iface.removeToolBarIcon(action)
            action.deleteLater()
        self.actions = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
            from .processing_provider import qgis_io

            qgis_io.handoff_clear()  # the split output kept in memory for a following accountvalues
        remove_translator()
