"""Load the plugin through ``classFactory(None)`` once, as qgis_process does."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def plugin(qgis_app, qgis_processing):  # noqa: ARG001
    import swc_ecovalue

    p = swc_ecovalue.classFactory(None)
    p.initProcessing()
    yield p
    p.unload()
