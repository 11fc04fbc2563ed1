"""Translation: one zh_CN catalogue, loaded for QGIS's ``zh-Hans`` as well as ``zh_CN`` and ``zh``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

#: pylupdate5 files bare ``tr("…")`` calls under the "@default" context.
CONTEXT = "@default"
I18N_DIR = Path(__file__).resolve().parent / "resources" / "i18n"
_translator: Optional[QTranslator] = None

#: QGIS locale names -> our catalogue.
_ALIASES = {"zh-hans": "zh_CN", "zh_cn": "zh_CN", "zh-cn": "zh_CN", "zh": "zh_CN", "zh_hans": "zh_CN"}


def tr(text: str) -> str:
    """Translate a source (English) string in the plugin's context."""
    return QCoreApplication.translate(CONTEXT, text)


def user_locale() -> str:
    """The locale QGIS uses for its UI (``locale/userLocale``), else the system's."""
    settings = QgsSettings()
    value = settings.value("locale/userLocale", "") or ""
    if not value:
        value = QgsApplication.locale() or QLocale.system().name()
    return str(value)


def catalogue_for(locale: str) -> Optional[Path]:
    """The .qm file for a locale name, or None for English/unknown."""
    key = locale.replace("@", "_").lower()
    name = _ALIASES.get(key) or _ALIASES.get(key.split("_")[0].split("-")[0])
    if name is None:
        return None
    path = I18N_DIR / f"swc_ecovalue_{name}.qm"
    return path if path.exists() else None


def install_translator(locale: Optional[str] = None) -> bool:
    """Install the plugin's translator once; True when a catalogue was loaded."""
    global _translator
    if _translator is not None:
        return True
    qm = catalogue_for(locale or user_locale())
    if qm is None:
        return False
    translator = QTranslator()
    if not translator.load(str(qm)):
        return False
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return True


def remove_translator() -> None:
    """Uninstall the translator (plugin unload)."""
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None
