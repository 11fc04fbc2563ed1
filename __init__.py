"""SWC EcoValue QGIS plugin entry point (installed as ``swc_ecovalue``)."""

from __future__ import annotations

from typing import Any


def classFactory(iface: Any) -> Any:  # noqa: N802 (QGIS API name)
    """Return the plugin; works with ``iface=None`` (qgis_process).

    Installs the translator first, so even the missing-dependency message is translated.
    """
    from .dependencies import missing_packages
    from .i18n import install_translator

    install_translator()
    missing = missing_packages()
    if missing:
        from .dependencies import MissingDependenciesPlugin

        return MissingDependenciesPlugin(iface, missing)
    from .plugin import SwcEcoValuePlugin

    return SwcEcoValuePlugin(iface)
