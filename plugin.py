"""The plugin object: registers the Processing provider (also headless) and the GUI entries."""

from __future__ import annotations

from typing import Any, Optional

from qgis.core import QgsApplication

from .i18n import remove_translator
from .processing_provider.provider import SwcValueProvider


class SwcEcoValuePlugin:
    """Created by ``classFactory``; ``iface`` is None inside qgis_process."""

    def __init__(self, iface: Any) -> None:
        self.iface = iface
        self.provider: Optional[SwcValueProvider] = None

    def initProcessing(self) -> None:  # noqa: N802 (QGIS API name)
        """Register the provider; called by QGIS (and by qgis_process) before initGui."""
        if self.provider is None:
            self.provider = SwcValueProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()

    def unload(self) -> None:
        """Remove everything the plugin added."""
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
