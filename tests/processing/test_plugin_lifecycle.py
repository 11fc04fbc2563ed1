"""Loading, unloading, translation and the missing-dependency path of the plugin."""

from __future__ import annotations

import importlib.util

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication


def test_load_with_iface_and_unload_leaves_nothing(plugin, qgis_iface):
    import swc_ecovalue

    reg = QgsApplication.processingRegistry()
    plugin.unload()  # the session's instance steps aside, then is restored below
    try:
        before = {p.id() for p in reg.providers()}
        p = swc_ecovalue.classFactory(qgis_iface)
        p.initGui()
        assert reg.providerById("swcvalue") is not None
        assert len(p.actions) == 1
        p.unload()
        assert reg.providerById("swcvalue") is None
        assert p.actions == []
        assert {q.id() for q in reg.providers()} == before
    finally:
        plugin.initProcessing()


def test_class_factory_without_iface_registers_in_init_processing(plugin):
    import swc_ecovalue

    reg = QgsApplication.processingRegistry()
    plugin.unload()
    try:
        p = swc_ecovalue.classFactory(None)
        p.initProcessing()
        p.initGui()  # no iface: adds no GUI, raises nothing
        assert reg.providerById("swcvalue") is not None
        assert p.actions == []
        p.unload()
        assert reg.providerById("swcvalue") is None
    finally:
        plugin.initProcessing()


def test_translator_loads_for_every_chinese_locale_name(qgis_app):
    from swc_ecovalue import i18n

    for name in ("zh-Hans", "zh_CN", "zh"):
        assert i18n.catalogue_for(name) is not None, name
    assert i18n.catalogue_for("en_US") is None
    i18n.remove_translator()
    assert i18n.install_translator("zh-Hans")
    assert i18n.tr("Split trading scope into land-use parcels") == "按地类图斑切分交易范围"
    i18n.remove_translator()
    assert QCoreApplication.translate("@default", "Split trading scope into land-use parcels") == \
        "Split trading scope into land-use parcels"


def test_missing_dependencies_give_a_translated_message(monkeypatch, qgis_app):
    import swc_ecovalue
    from swc_ecovalue import dependencies

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("rasterio", "pyogrio") else real(name, *a))
    p = swc_ecovalue.classFactory(None)
    assert isinstance(p, dependencies.MissingDependenciesPlugin)
    assert p.missing == ["rasterio", "pyogrio"]
    msg = dependencies.install_message(p.missing)
    assert '"rasterio"' in msg and '"pyogrio"' in msg
    assert "apt install" in msg and "OSGeo4W" in msg
    p.initProcessing()  # logs, does not raise
    p.unload()
