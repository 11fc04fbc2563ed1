"""The zh_CN catalogue is complete and the shipped .qm matches the .ts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "swc_ecovalue_zh_CN.ts"
QM = ROOT / "resources" / "i18n" / "swc_ecovalue_zh_CN.qm"


def test_no_unfinished_strings():
    """pylupdate5 over the current sources finds no string without a finished translation."""
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_shipped_qm_is_compiled_from_the_ts(tmp_path):
    out = tmp_path / "x.qm"
    subprocess.run(["lrelease", str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run `make translations`"


def test_placeholders_survive_translation():
    """Every {placeholder} of a source string appears in its translation."""
    import re
    import xml.etree.ElementTree as ET

    bad = []
    for msg in ET.parse(TS).iter("message"):
        src, dst = msg.findtext("source") or "", msg.findtext("translation") or ""
        if sorted(re.findall(r"\{[^}]*\}", src)) != sorted(re.findall(r"\{[^}]*\}", dst)):
            bad.append(src)
    assert not bad
