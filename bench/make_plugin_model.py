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

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.append("/usr/share/qgis/python/plugins")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsProcessing,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterVectorLayer,
)


def _output(child: QgsProcessingModelChildAlgorithm, name: str, child_output: str, label: str) -> None:
    out = QgsProcessingModelOutput(name, label)
    out.setChildId(child.childId())
    out.setChildOutputName(child_output)
    outputs = dict(child.modelOutputs())
    outputs[name] = out
    child.setModelOutputs(outputs)


def build() -> QgsProcessingModelAlgorithm:
    m = QgsProcessingModelAlgorithm("plugin_pipeline", "swcvalue_bench")
    m.setHelpContent({"ALG_DESC": "swcvalue:splitparcels then swcvalue:accountvalues (R, K, LS, CP) in one run. "
                                  "Benchmark variant (a1) of make bench."})
    for name, label in (("PARCELS", "Parcels (DLTB)"), ("LOTS", "Trading lots (JYFW)")):
        m.addModelParameter(QgsProcessingParameterVectorLayer(name, label, [QgsProcessing.TypeVectorPolygon]),
                            QgsProcessingModelParameter(name))
    for name in ("R", "K", "LS", "CP"):
        m.addModelParameter(QgsProcessingParameterRasterLayer(name, name), QgsProcessingModelParameter(name))

    src = QgsProcessingModelChildParameterSource
    split = QgsProcessingModelChildAlgorithm("swcvalue:splitparcels")
    split.setChildId("split")
    split.setDescription("Split parcels by trading lots")
    split.addParameterSources("SCOPE", [src.fromModelParameter("LOTS")])
    split.addParameterSources("PARCELS", [src.fromModelParameter("PARCELS")])
    split.addParameterSources("SCOPE_ID_FIELD", [src.fromStaticValue("SCOPE_ID")])
    _output(split, "PIECES", "OUTPUT", "Parcels in the trading scope")
    m.addChildAlgorithm(split)

    account = QgsProcessingModelChildAlgorithm("swcvalue:accountvalues")
    account.setChildId("account")
    account.setDescription("Account values")
    account.addParameterSources("PARCELS", [src.fromChildOutput("split", "OUTPUT")])
    for param, model_param in (("R_FACTOR", "R"), ("K_FACTOR", "K"), ("LS_FACTOR", "LS"), ("CP_FACTOR", "CP")):
        account.addParameterSources(param, [src.fromModelParameter(model_param)])
    _output(account, "VALUED", "OUTPUT", "Valued parcels")
    _output(account, "SUMMARY", "SUMMARY", "Value summary")
    _output(account, "PROVENANCE", "PROVENANCE", "Provenance")
    m.addChildAlgorithm(account)
    m.updateDestinationParameters()
    return m


def main() -> int:
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    sys.path.insert(0, str(ROOT / ".build" / "plugins"))
    (ROOT / ".build" / "plugins").mkdir(parents=True, exist_ok=True)
    link = ROOT / ".build" / "plugins" / "swc_ecovalue"
    if not link.exists():
        link.symlink_to(ROOT)
    import swc_ecovalue

    plugin = swc_ecovalue.classFactory(None)
    plugin.initProcessing()
    model = build()
    path = Path(__file__).with_name("plugin_pipeline.model3")
    ok = model.toFile(str(path))
    print(path, "written" if ok else "FAILED")
    del model
    plugin.unload()
    app.exitQgis()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
