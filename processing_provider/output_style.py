"""Readable outputs: field aliases (zh/en) and a default style, stored with the data.

GeoPackage outputs keep them in ``layer_styles``; Shapefiles in a sidecar ``.qml``; memory
layers get them directly. Runs from ``postProcessAlgorithm`` (main thread), never touching
the project.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsEditorWidgetSetup,
    QgsFillSymbol,
    QgsProcessingContext,
    QgsProcessingUtils,
    QgsRendererCategory,
    QgsVectorLayer,
)

from ..i18n import tr, user_locale
from ..valuation.fields import alias
from ..valuation.ownership import DISPUTE, FLAG_FIELDS, OWN_TYPE

#: Ecosystem type -> (fill colour, English label); labels are translated at styling time.
ECO_COLOURS = {
    "forest": ("#2e7d32", "Forest"),
    "shrub": ("#7cb342", "Shrub"),
    "orchard": ("#f9a825", "Orchard / tea"),
    "cropland": ("#e6c07b", "Cropland"),
    "paddy": ("#aed581", "Paddy"),
    "grassland": ("#c5e1a5", "Grassland"),
    "wetland_water": ("#4fc3f7", "Wetland / water"),
    "built_up": ("#9e9e9e", "Built-up"),
    "bare": ("#d7ccc8", "Bare"),
    "unknown": ("#ff00ff", "Unknown"),
}


def eco_label(key: str) -> str:
    labels = {
        "forest": tr("Forest"), "shrub": tr("Shrub"), "orchard": tr("Orchard / tea"),
        "cropland": tr("Cropland"), "paddy": tr("Paddy"), "grassland": tr("Grassland"),
        "wetland_water": tr("Wetland / water"), "built_up": tr("Built-up"), "bare": tr("Bare"),
        "unknown": tr("Unknown"),
    }
    return labels.get(key, key)


def apply_aliases(layer: QgsVectorLayer, lang: Optional[str] = None) -> None:
    lang = lang or ("zh" if user_locale().lower().startswith("zh") else "en")
    for i, f in enumerate(layer.fields()):
        a = alias(f.name(), lang)
        if a:
            layer.setFieldAlias(i, a)


def apply_eco_renderer(layer: QgsVectorLayer) -> None:
    if layer.fields().indexOf("ECO_TYPE") < 0:
        return
    cats = []
    for key, (colour, _) in ECO_COLOURS.items():
        sym = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#404040", "outline_width": "0.2"})
        cats.append(QgsRendererCategory(key, sym, eco_label(key)))
    layer.setRenderer(QgsCategorizedSymbolRenderer("ECO_TYPE", cats))


#: QGIS's ValueMap stand-in for NULL (QgsValueMapFieldFormatter::NULL_VALUE).
VALUE_MAP_NULL = "{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"


def value_maps(lang: Optional[str] = None) -> dict[str, list[tuple[str, str]]]:
    """Ownership drop-downs: field -> [(label, stored value)]. OWN_TYPE and DISPUTE show the Chinese labels
    (in other locales followed by the English one); the 1/0 fields show yes/no."""
    lang = lang or ("zh" if user_locale().lower().startswith("zh") else "en")
    english = {
        "STATE": tr("State-owned"), "COLLECTIVE": tr("Collective"), "INDIVIDUAL": tr("Individual"),
        "NONE": tr("No dispute"), "UNCLEAR": tr("Rights unclear"), "DISPUTED": tr("Disputed"),
        "RESOLVED": tr("Resolved"),
    }

    def label(code: str, zh: str) -> str:
        return zh if lang.startswith("zh") else f"{zh} ({english[code]})"

    yes_no = [(tr("Yes"), "1"), (tr("No"), "0")]
    maps = {
        "OWN_TYPE": [(label(c, zh), c) for c, zh in OWN_TYPE.items()],
        "DISPUTE": [(label(c, zh), c) for c, zh in DISPUTE.items()],
    }
    for name in (*FLAG_FIELDS, "ELIGIBLE", "STATE_APPR"):
        maps[name] = list(yes_no)
    return maps


def apply_value_maps(layer: QgsVectorLayer, lang: Optional[str] = None) -> None:
    """Drop-downs (ValueMap, with an empty choice) for the ownership fields and a calendar for CONS_DATE."""
    fields = layer.fields()
    for name, entries in value_maps(lang).items():
        i = fields.indexOf(name)
        if i < 0:
            continue
        mapping = [{tr("(not set)"): VALUE_MAP_NULL}] + [{lab: value} for lab, value in entries]
        layer.setEditorWidgetSetup(i, QgsEditorWidgetSetup("ValueMap", {"map": mapping}))
    i = fields.indexOf("CONS_DATE")
    if i >= 0:
        layer.setEditorWidgetSetup(i, QgsEditorWidgetSetup("DateTime", {
            "field_format": "yyyy-MM-dd", "display_format": "yyyy-MM-dd", "calendar_popup": True,
            "allow_null": True}))


def style_layer(layer: QgsVectorLayer) -> None:
    apply_aliases(layer)
    apply_eco_renderer(layer)
    apply_value_maps(layer)


def save_style(layer: QgsVectorLayer) -> None:
    """Store the style as the layer's default: GeoPackage table or .qml sidecar."""
    provider = layer.dataProvider()
    if provider is None:
        return
    source = layer.source().split("|")[0]
    if provider.name() == "ogr" and source.lower().endswith(".gpkg"):
        layer.saveStyleToDatabase("default", tr("SWC EcoValue default style"), True, "")
    elif provider.name() == "ogr":
        base = source.rsplit(".", 1)[0]
        layer.saveNamedStyle(base + ".qml")


def style_output(dest_id: str, context: QgsProcessingContext) -> None:
    """Alias and style the algorithm's output (file or temporary layer)."""
    layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return
    style_layer(layer)
    if layer.dataProvider() is not None and layer.dataProvider().name() != "memory":
        save_style(layer)
