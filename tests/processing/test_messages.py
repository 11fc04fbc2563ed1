"""Every engine message code has a translatable template identical to the engine's English text."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from engine_messages import engine_messages, indicator_reasons  # noqa: E402


def test_every_engine_code_has_the_same_template(qgis_app):
    from swc_ecovalue.i18n import remove_translator
    from swc_ecovalue.processing_provider import messages

    remove_translator()  # compare the English source texts
    ours = messages.templates()
    engine = engine_messages()
    missing = sorted(set(engine) - set(ours))
    assert not missing, missing
    differ = {c: (engine[c], ours[c]) for c in engine if ours[c] != engine[c]}
    assert not differ, differ
    # Dynamic codes built in the engine.
    assert {"uncovered", "uncovered_large"} <= set(ours)


def test_every_indicator_reason_is_translatable(qgis_app):
    from swc_ecovalue.processing_provider import messages

    assert set(indicator_reasons()) <= set(messages.reason_texts())


def test_translated_notice_keeps_values(qgis_app):
    from swc_ecovalue.i18n import install_translator, remove_translator
    from swc_ecovalue.processing_provider.messages import translate_error, translate_notice
    from swc_ecovalue.valuation.errors import Notice, ValuationError

    remove_translator()
    install_translator("zh_CN")
    try:
        err = ValuationError("missing_field", "Layer {layer} has no field {field}.", layer="DLTB", field="DLBM")
        assert translate_error(err) == "图层 DLTB 没有字段 DLBM。"
        n = Notice("indicator_missing_input", "{indicator}: {reason} — {count} parcel(s): {parcels}.",
                   {"indicator": "V_WATER", "reason": "precipitation P_MM is missing", "count": 2, "parcels": "A, B"})
        text = translate_notice(n)
        assert "V_WATER" in text and "A, B" in text and "P_MM" in text and "precipitation" not in text
    finally:
        remove_translator()
