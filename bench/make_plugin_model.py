"""Write ``bench/plugin_pipeline.model3``, variant (a1) of ``make bench``: the plugin's two algorithms chained in one
model, so one ``qgis_process.bin`` run (one QGIS start-up) splits and values, and the valuing takes the split's
pieces from memory (the in-process hand-off of ``processing_provider/qgis_io.py``).

Run with the project's Python (``.venv/bin/python bench/make_plugin_model.py``); the model file is committed, so
this is only needed to change it. The model:

1. ``swcvalue:splitparcels`` of the parcels (PARCELS) by the trading lots (LOTS, id field SCOPE_ID); its output
   is the model output ``split:PIECES`` — a real file (e.g. ``parcels.gpkg``), as a user of the model gets it;
2. ``swcvalue:accountvalues`` of those pieces with R, K, LS and CP, outputs ``account:VALUED``,
   ``account:SUMMARY`` and ``account:PROVENANCE`` — what (a)'s second run writes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from make_model import add_output, new_child, new_model, write  # bench/: QGIS set up there
from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingModelChildParameterSource

ROOT = Path(__file__).resolve().parents[1]


def build() -> QgsProcessingModelAlgorithm:
    m = new_model("plugin_pipeline", "swcvalue:splitparcels then swcvalue:accountvalues (R, K, LS, CP) in one run. "
                                     "Benchmark variant (a1) of make bench.")
    src = QgsProcessingModelChildParameterSource
    split = new_child("swcvalue:splitparcels", "split", "Split parcels by trading lots", {
        "SCOPE": [src.fromModelParameter("LOTS")], "PARCELS": [src.fromModelParameter("PARCELS")],
        "SCOPE_ID_FIELD": [src.fromStaticValue("SCOPE_ID")]})
    add_output(split, "PIECES", "OUTPUT", "Parcels in the trading scope")
    m.addChildAlgorithm(split)

    factors = {"R_FACTOR": "R", "K_FACTOR": "K", "LS_FACTOR": "LS", "CP_FACTOR": "CP"}
    account = new_child("swcvalue:accountvalues", "account", "Account values", {
        "PARCELS": [src.fromChildOutput("split", "OUTPUT")],
        **{param: [src.fromModelParameter(model_param)] for param, model_param in factors.items()}})
    add_output(account, "VALUED", "OUTPUT", "Valued parcels")
    add_output(account, "SUMMARY", "SUMMARY", "Value summary")
    add_output(account, "PROVENANCE", "PROVENANCE", "Provenance")
    m.addChildAlgorithm(account)
    m.updateDestinationParameters()
    return m


def load_plugin() -> Callable[[], None]:
    """Load this checkout as the plugin swc_ecovalue and register its provider; returns the unload."""
    plugins = ROOT / ".build" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(plugins))
    link = plugins / "swc_ecovalue"
    if not link.exists():
        link.symlink_to(ROOT)
    import swc_ecovalue

    plugin = swc_ecovalue.classFactory(None)
    plugin.initProcessing()
    return plugin.unload


def main() -> int:
    return write(build, "plugin_pipeline.model3", load_plugin)


if __name__ == "__main__":
    sys.exit(main())
