"""Processing matrix parameters as plain cells."""

from __future__ import annotations

from typing import Any


def matrix_cells(value: Any) -> list[Any]:
    """The cells of a matrix parameter in row order: nested (``[[a, 1], [b, 2]]``, as processing.run passes it),
    flat (``[a, 1, b, 2]``) or one comma-separated string (as qgis_process passes it; cells stripped). Empty: []."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if isinstance(value, str):
        return [c.strip() for c in value.split(",")]
    cells: list[Any] = []
    for item in value:
        cells.extend(item if isinstance(item, (list, tuple)) else [item])
    return cells
