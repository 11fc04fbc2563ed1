"""The dock's icon, kept as SVG text so the packaged plugin needs no extra file."""

from __future__ import annotations

from qgis.PyQt.QtGui import QIcon, QPixmap

OWNERSHIP_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <rect x="2" y="2" width="60" height="60" rx="8" fill="#f3f7ee" stroke="#4a7a2c" stroke-width="3"/>
  <path d="M10 40 L30 30 L54 38 L34 52 Z" fill="#7fb04f" stroke="#2e5c1a" stroke-width="2"/>
  <path d="M30 30 L34 52" stroke="#2e5c1a" stroke-width="2"/>
  <rect x="34" y="8" width="22" height="26" rx="2" fill="#ffffff" stroke="#4a4a4a" stroke-width="2"/>
  <path d="M38 15 H52 M38 21 H52 M38 27 H46" stroke="#4a4a4a" stroke-width="2"/>
  <circle cx="18" cy="18" r="7" fill="#e9b949" stroke="#a9791c" stroke-width="2"/>
  <path d="M12 34 C12 26, 24 26, 24 34" fill="#e9b949" stroke="#a9791c" stroke-width="2"/>
</svg>"""


def ownership_icon() -> QIcon:
    """The ownership dock's icon (a parcel, a person and a register sheet)."""
    pixmap = QPixmap()
    pixmap.loadFromData(OWNERSHIP_SVG, "SVG")
    return QIcon(pixmap)
