"""Write ``bench/native_pipeline.model3``, the QGIS-native pipeline that ``make bench`` times against the plugin.

Run with QGIS's Python (``/usr/bin/python3 bench/make_model.py``); the model file is committed, so this is
only needed to change it. The model chains three native algorithms:

1. ``native:intersection`` of the trading lots (INPUT) with the parcels (OVERLAY) — of the two orders the
   faster one here (the lots' prepared geometry is reused for every parcel): 36 s against 62 s at the medium
   size. The fields to keep are named so that the GeoPackage ``fid`` of the lots is not carried: every piece
   would otherwise take its lot's fid and the temporary GeoPackage would keep one piece per lot;
2. ``qgis:rastercalculator`` for the per-cell product R·K·LS·(1 − C·P) in t/(hm²·a) (file names r, k, ls, cp);
3. ``native:zonalstatisticsfb`` (sum) of that product over each piece, in field ``q_sum``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Optional

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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

EXPRESSION = '"r@1" * "k@1" * "ls@1" * (1 - "cp@1")'
#: Fields of bench/generate.py's lots and parcels kept by the intersection (all but the GeoPackage fid).
LOT_FIELDS = ["SCOPE_ID", "SCOPE_NAME"]
PARCEL_FIELDS = ["BSM", "DLBM", "DLMC", "ZLDWMC", "TBMJ", "TBDLMJ"]


def new_model(name: str, description: str) -> QgsProcessingModelAlgorithm:
    """A model of group swcvalue_bench with the benchmark's inputs: PARCELS, LOTS and the rasters R, K, LS, CP
    (shared with bench/make_plugin_model.py)."""
    m = QgsProcessingModelAlgorithm(name, "swcvalue_bench")
    m.setHelpContent({"ALG_DESC": description})
    for param, label in (("PARCELS", "Parcels (DLTB)"), ("LOTS", "Trading lots (JYFW)")):
        m.addModelParameter(QgsProcessingParameterVectorLayer(param, label, [QgsProcessing.TypeVectorPolygon]),
                            QgsProcessingModelParameter(param))
    for param in ("R", "K", "LS", "CP"):
        m.addModelParameter(QgsProcessingParameterRasterLayer(param, param), QgsProcessingModelParameter(param))
    return m


def new_child(alg_id: str, child_id: str, description: str,
              sources: dict[str, list[QgsProcessingModelChildParameterSource]]) -> QgsProcessingModelChildAlgorithm:
    """Child algorithm ``alg_id`` of a model, named ``child_id``, with its parameters' ``sources``
    (shared with bench/make_plugin_model.py)."""
    child = QgsProcessingModelChildAlgorithm(alg_id)
    child.setChildId(child_id)
    child.setDescription(description)
    for param, values in sources.items():
        child.addParameterSources(param, values)
    return child


def add_output(child: QgsProcessingModelChildAlgorithm, name: str, child_output: str, label: str) -> None:
    """Make ``child``'s output ``child_output`` the model output ``name``."""
    out = QgsProcessingModelOutput(name, label)
    out.setChildId(child.childId())
    out.setChildOutputName(child_output)
    outputs = dict(child.modelOutputs())
    outputs[name] = out
    child.setModelOutputs(outputs)


def build() -> QgsProcessingModelAlgorithm:
    m = new_model("native_pipeline", "Conserved soil per piece the native way: intersection, raster calculator "
                                     "R·K·LS·(1 − C·P), zonal sum. Benchmark reference for swcvalue:accountvalues.")

    src = QgsProcessingModelChildParameterSource
    inter = new_child("native:intersection", "intersection", "Intersection", {
        "INPUT": [src.fromModelParameter("LOTS")], "OVERLAY": [src.fromModelParameter("PARCELS")],
        "INPUT_FIELDS": [src.fromStaticValue(LOT_FIELDS)], "OVERLAY_FIELDS": [src.fromStaticValue(PARCEL_FIELDS)]})
    m.addChildAlgorithm(inter)

    calc = new_child("qgis:rastercalculator", "calculator", "R·K·LS·(1 − C·P)", {
        "EXPRESSION": [src.fromStaticValue(EXPRESSION)],
        "LAYERS": [src.fromModelParameter(n) for n in ("R", "K", "LS", "CP")],
        "CELLSIZE": [src.fromStaticValue(0)]})
    add_output(calc, "PRODUCT", "OUTPUT", "Per-cell conserved soil t/(hm²·a)")
    m.addChildAlgorithm(calc)

    zonal = new_child("native:zonalstatisticsfb", "zonal", "Zonal sum", {
        "INPUT": [src.fromChildOutput("intersection", "OUTPUT")],
        "INPUT_RASTER": [src.fromChildOutput("calculator", "OUTPUT")],
        "RASTER_BAND": [src.fromStaticValue(1)], "COLUMN_PREFIX": [src.fromStaticValue("q_")],
        "STATISTICS": [src.fromStaticValue([1])]})
    add_output(zonal, "OUTPUT", "OUTPUT", "Pieces with the zonal sum")
    zonal.setDependencies([])
    m.addChildAlgorithm(zonal)
    m.updateDestinationParameters()
    return m


def write(build_model: Callable[[], QgsProcessingModelAlgorithm], filename: str,
          before: Optional[Callable[[], Callable[[], None]]] = None) -> int:
    """Start QGIS and Processing, call ``before`` (which returns its undo), write ``build_model()`` beside this
    script as ``filename``; 0 on success."""
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    undo = before() if before is not None else None
    model = build_model()
    path = Path(__file__).with_name(filename)
    ok = model.toFile(str(path))
    print(path, "written" if ok else "FAILED")
    del model
    if undo is not None:
        undo()
    app.exitQgis()
    return 0 if ok else 1


def main() -> int:
    return write(build, "native_pipeline.model3")


if __name__ == "__main__":
    sys.exit(main())
