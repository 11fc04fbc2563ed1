"""Fixtures for the dock tests: the plugin, the split sample parcels and a dock beside the test canvas."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from qgis.core import QgsProject
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, Qt

from tests.ui.dock_helpers import load, split_sample


@pytest.fixture(scope="package")
def swcvalue_provider(qgis_app, qgis_processing):  # noqa: ARG001
    """The plugin's Processing provider. When the processing tests' session plugin already registered it, that one
    is used (two instances would register "swcvalue" twice); otherwise the plugin is loaded here, as qgis_process
    does, and unloaded after the last test of this package."""
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().providerById("swcvalue") is not None:
        yield None
        return
    import swc_ecovalue

    p = swc_ecovalue.classFactory(None)
    p.initProcessing()
    yield p
    p.unload()


@pytest.fixture(scope="package")
def split_gpkg(swcvalue_provider, tmp_path_factory) -> Path:  # noqa: ARG001
    return split_sample(tmp_path_factory.mktemp("split") / "parcels.gpkg")


@pytest.fixture
def parcels(split_gpkg, tmp_path, qgis_new_project):  # noqa: ARG001
    """A fresh copy of the split sample (200 parcels, no ownership fields), in the project."""
    path = tmp_path / "parcels.gpkg"
    shutil.copy(split_gpkg, path)
    layer = load(path)
    yield layer
    if not sip.isdeleted(layer) and layer.isEditable():
        layer.rollBack()
    QgsProject.instance().removeAllMapLayers()


@pytest.fixture
def dock(qgis_parent, qgis_canvas):
    """The dock, docked in the test main window, bound to nothing, messages to its status line only."""
    from swc_ecovalue.ui.ownership_dock import OwnershipDock

    d = OwnershipDock(iface=None, parent=qgis_parent, canvas=qgis_canvas, interactive=False)
    qgis_parent.addDockWidget(Qt.RightDockWidgetArea, d)
    yield d
    d.cleanup()
    qgis_parent.removeDockWidget(d)
    d.setParent(None)
    d.deleteLater()
    QCoreApplication.processEvents()
