"""Typed engine errors and notices.

The engine speaks in codes plus values; the QGIS side maps each code to a translated
template (``processing_provider/messages.py``), so the engine needs no ``tr()``.
Every code has an English template here, used outside QGIS and as the source text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Notice:
    """A reported fact about a run (a repair, a dropped sliver, a data-quality figure)."""

    code: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        return self.template.format(**self.params)


class ValuationError(Exception):
    """Bad input or an impossible request; ``code`` identifies it, ``params`` fill the template."""

    def __init__(self, code: str, template: str, **params: Any) -> None:
        self.code = code
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


class Cancelled(Exception):
    """Raised when the caller's ``cancelled()`` callable returned True."""


def short_list(items: list[Any] | tuple[Any, ...], limit: int = 20) -> str:
    """Join items for a message, cutting long lists with a count of the rest."""
    items = [str(i) for i in items]
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" … (+{len(items) - limit})"
