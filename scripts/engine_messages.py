"""List the engine's message codes and English templates (ValuationError and Notice calls).

    python scripts/engine_messages.py         # code<TAB>template, one per line

Used by the tests to check that processing_provider/messages.py translates every code.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _literal(node: ast.AST) -> str | None:
    """A string literal, also implicit concatenations and "a" + "b" of literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def engine_messages() -> dict[str, str]:
    """code -> template for every ValuationError(...) and Notice(...) with literal arguments."""
    out: dict[str, str] = {}
    for path in sorted((ROOT / "valuation").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name not in ("ValuationError", "Notice"):
                continue
            code, template = _literal(node.args[0]), _literal(node.args[1])
            if code is not None and template is not None:
                out[code] = template
    return out


def indicator_reasons() -> list[str]:
    """The English reasons of every ``status.skip(...)`` / ``status.note(...)`` in the indicators."""
    out: set[str] = set()
    for path in sorted((ROOT / "valuation" / "indicators").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("skip", "note")
            if call and len(node.args) >= 4:
                reason = _literal(node.args[3])
                if reason is not None:
                    out.add(reason)
    return sorted(out)


if __name__ == "__main__":
    for code, template in sorted(engine_messages().items()):
        sys.stdout.write(f"{code}\t{template}\n")
    for reason in indicator_reasons():
        sys.stdout.write(f"reason\t{reason}\n")
