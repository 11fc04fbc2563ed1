"""zh_CN catalogue maintenance around pylupdate5 and lrelease.

    python scripts/translations.py update        # pylupdate5 -> resources/i18n/swc_ecovalue_zh_CN.ts
    python scripts/translations.py check         # exit 1 listing strings without a finished translation
    python scripts/translations.py fill FILE.tsv # set translations from "source<TAB>translation" lines

``update`` keeps existing translations (pylupdate5 merges) and drops obsolete entries.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "swc_ecovalue_zh_CN.ts"
EXCLUDE_DIRS = {"tests", "scripts", ".venv", ".build", ".ci", "demo_output", "dist", ".git"}


def sources() -> list[str]:
    """Plugin Python files that may contain tr() strings (relative paths, sorted)."""
    out = []
    for p in sorted(ROOT.rglob("*.py")):
        rel = p.relative_to(ROOT)
        if rel.parts[0] in EXCLUDE_DIRS or "sample" in rel.parts:
            continue
        out.append(str(rel))
    return out


def run_pylupdate(ts: Path) -> None:
    subprocess.run(["pylupdate5", "-noobsolete", *sources(), "-ts", str(ts)], cwd=ROOT, check=True,
                   stderr=subprocess.DEVNULL)


def unfinished(ts: Path) -> list[str]:
    """Source strings with an empty or unfinished translation."""
    tree = ET.parse(ts)
    missing = []
    for msg in tree.iter("message"):
        tr = msg.find("translation")
        src = msg.findtext("source") or ""
        if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not (tr.text or "").strip():
            if tr is not None and tr.get("type") in ("obsolete", "vanished"):
                continue
            missing.append(src)
    return missing


def update() -> None:
    TS.parent.mkdir(parents=True, exist_ok=True)
    run_pylupdate(TS)


def check() -> int:
    """Update a temporary copy (so new tr() strings show) and list unfinished strings."""
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / TS.name
        if TS.exists():
            shutil.copy(TS, ts)
        run_pylupdate(ts)
        missing = unfinished(ts)
    for m in missing:
        print("unfinished:", m)
    return 1 if missing else 0


def fill(tsv: Path) -> None:
    pairs = {}
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            src, dst = line.split("\t", 1)
            pairs[src.replace("\\n", "\n")] = dst.replace("\\n", "\n")
    tree = ET.parse(TS)
    for msg in tree.iter("message"):
        src = msg.findtext("source") or ""
        if src in pairs:
            tr = msg.find("translation")
            tr.text = pairs[src]
            tr.attrib.pop("type", None)
    tree.write(TS, encoding="utf-8", xml_declaration=True)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "update"
    if cmd == "update":
        update()
    elif cmd == "check":
        sys.exit(check())
    elif cmd == "fill":
        fill(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
