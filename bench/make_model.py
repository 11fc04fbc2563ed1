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


def build() -> QgsProcessingModelAlgorithm:
    m = QgsProcessingModelAlgorithm("native_pipeline", "swcvalue_bench")
    m.setHelpContent({"ALG_DESC": "Conserved soil per piece the native way: intersection, raster calculator "
                                  "R·K·LS·(1 − C·P), zonal sum. Benchmark reference for swcvalue:accountvalues."})
    for name, label in (("PARCELS", "Parcels (DLTB)"), ("LOTS", "Trading lots (JYFW)")):
        m.addModelParameter(QgsProcessingParameterVectorLayer(name, label, [QgsProcessing.TypeVectorPolygon]),
                            QgsProcessingModelParameter(name))
    for name in ("R", "K", "LS", "CP"):
        m.addModelParameter(QgsProcessingParameterRasterLayer(name, name), QgsProcessingModelParameter(name))

    src = QgsProcessingModelChildParameterSource
    inter = QgsProcessingModelChildAlgorithm("native:intersection")
    inter.setChildId("intersection")
    inter.setDescription("Intersection")
    inter.addParameterSources("INPUT", [src.fromModelParameter("LOTS")])
    inter.addParameterSources("OVERLAY", [src.fromModelParameter("PARCELS")])
    inter.addParameterSources("INPUT_FIELDS", [src.fromStaticValue(LOT_FIELDS)])
    inter.addParameterSources("OVERLAY_FIELDS", [src.fromStaticValue(PARCEL_FIELDS)])
    m.addChildAlgorithm(inter)

    calc = QgsProcessingModelChildAlgorithm("qgis:rastercalculator")
    calc.setChildId("calculator")
    calc.setDescription("R·K·LS·(1 − C·P)")
    calc.addParameterSources("EXPRESSION", [src.fromStaticValue(EXPRESSION)])
    calc.addParameterSources("LAYERS", [src.fromModelParameter(n) for n in ("R", "K", "LS", "CP")])
    calc.addParameterSources("CELLSIZE", [src.fromStaticValue(0)])
    out = QgsProcessingModelOutput("PRODUCT", "Per-cell conserved soil t/(hm²·a)")
    out.setChildId("calculator")
    out.setChildOutputName("OUTPUT")
    calc.setModelOutputs({"PRODUCT": out})
    m.addChildAlgorithm(calc)

    zonal = QgsProcessingModelChildAlgorithm("native:zonalstatisticsfb")
    zonal.setChildId("zonal")
    zonal.setDescription("Zonal sum")
    zonal.addParameterSources("INPUT", [src.fromChildOutput("intersection", "OUTPUT")])
    zonal.addParameterSources("INPUT_RASTER", [src.fromChildOutput("calculator", "OUTPUT")])
    zonal.addParameterSources("RASTER_BAND", [src.fromStaticValue(1)])
    zonal.addParameterSources("COLUMN_PREFIX", [src.fromStaticValue("q_")])
    zonal.addParameterSources("STATISTICS", [src.fromStaticValue([1])])
    out = QgsProcessingModelOutput("OUTPUT", "Pieces with the zonal sum")
    out.setChildId("zonal")
    out.setChildOutputName("OUTPUT")
    zonal.setModelOutputs({"OUTPUT": out})
    zonal.setDependencies([])
    m.addChildAlgorithm(zonal)
    m.updateDestinationParameters()
    return m


def main() -> int:
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    model = build()
    path = Path(__file__).with_name("native_pipeline.model3")
    ok = model.toFile(str(path))
    print(path, "written" if ok else "FAILED")
    del model
    app.exitQgis()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
