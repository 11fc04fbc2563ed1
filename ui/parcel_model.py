"""A lazy table of parcels: rows are feature ids, attributes are read in blocks when a row is shown.

Only the feature ids (one ``allFeatureIds`` call, or one filtered request) are held for every row; the
attributes of 256 neighbouring rows are fetched together (no geometry unless AREA_MU is missing) and cached
by feature id, so binding a 50,000-parcel layer and painting the first screen costs milliseconds.
Filters run as QGIS expressions on the layer (through its edit buffer); sorting reads one column.
Identifiers are masked in every role the model returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from qgis.core import QgsDistanceArea, QgsExpression, QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, Qt
from qgis.PyQt.QtGui import QBrush, QColor

from ..i18n import tr, user_locale
from ..processing_provider.assign_ownership import explain_reasons
from ..processing_provider.output_style import eco_label
from ..valuation.errors import ValuationError
from ..valuation.ownership import (
    ASSIGNED_FIELDS,
    DISPUTE,
    OWN_TYPE,
    mask_identifier,
    parse_dispute,
    parse_own_type,
    text,
)
from .editing import GEOMETRY, ReasonCache, field_name, read_rows, scan_rows
from .qgis_compat import no_geometry_flag

#: Filter keys of :meth:`ParcelTableModel.set_filter`.
FILTERS = ("all", "disputed", "unclear", "no_seller", "ineligible")


def own_type_label(code: Any) -> str:
    """The shown label of an ownership type (Chinese; in other locales followed by the English one)."""
    try:
        c = parse_own_type(code)
    except ValuationError:
        return text(code) or ""
    if c is None:
        return ""
    english = {"STATE": tr("State-owned"), "COLLECTIVE": tr("Collective"), "INDIVIDUAL": tr("Individual")}
    return OWN_TYPE[c] if _zh() else f"{OWN_TYPE[c]} ({english[c]})"


def dispute_label(code: Any) -> str:
    """The shown label of a dispute status."""
    try:
        c = parse_dispute(code)
    except ValuationError:
        return text(code) or ""
    if c is None:
        return ""
    english = {"NONE": tr("No dispute"), "UNCLEAR": tr("Rights unclear"), "DISPUTED": tr("Disputed"),
               "RESOLVED": tr("Resolved")}
    return DISPUTE[c] if _zh() else f"{DISPUTE[c]} ({english[c]})"


def _zh() -> bool:
    return user_locale().lower().startswith("zh") or tr("Yes") != "Yes"


def seller_text(name: Any, code: Any) -> str:
    """A seller as shown outside the edit box: the name and the masked identifier."""
    n, c = text(name) or "", mask_identifier(code)
    return f"{n} ({c})" if n and c else n or c


@dataclass(frozen=True)
class Column:
    """A table column: ``key`` (a field or a computed value) and its header."""

    key: str
    header: str
    numeric: bool = False


class ParcelTableModel(QAbstractTableModel):
    """Rows are the (filtered, sorted) feature ids of the bound layer; cells are read on demand."""

    BLOCK = 256
    CACHE_LIMIT = 20_000
    FidRole = Qt.UserRole + 1
    #: A cell's raw value for tests and sorting (identifiers masked).
    ValueRole = Qt.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._layer: Optional[QgsVectorLayer] = None
        self._fids: list[int] = []
        self._row_of: Optional[dict[int, int]] = None
        self._cache: dict[int, dict[str, Any]] = {}
        self._columns: list[Column] = []
        self._needs: list[str] = []
        self._area_from_geometry = False
        self._da: Optional[QgsDistanceArea] = None
        self._filter = ("all", None)
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.AscendingOrder)
        self._reasons = ReasonCache()
        self._reason_texts: dict[str, str] = {}

    # Binding ---------------------------------------------------------------
    def layer(self) -> Optional[QgsVectorLayer]:
        return self._layer

    def set_layer(self, layer: Optional[QgsVectorLayer]) -> None:
        """Bind a layer (None: empty table); filter and sort are reset."""
        self.beginResetModel()
        self._layer = layer
        self._filter = ("all", None)
        self._sort = (-1, Qt.AscendingOrder)
        self._build_columns()
        self._fids = self._all_fids()
        self._row_of = None
        self._cache.clear()
        self.endResetModel()

    def _build_columns(self) -> None:
        layer = self._layer
        cols = [Column("PARCEL_ID", tr("Parcel id")), Column("LANDUSE", tr("Land use")),
                Column("AREA_MU", tr("Area (亩)"), True)]
        if field_name(layer, "V_TOTAL") is not None:
            cols.append(Column("V_TOTAL", tr("V_TOTAL (元/a)"), True))
        cols += [Column("OWN_TYPE", tr("Ownership type")), Column("HOLDER", tr("Right holder")),
                 Column("SELLER", tr("Seller")), Column("SELLER_CD", tr("Seller identifier")),
                 Column("DISPUTE", tr("Dispute status")), Column("ELIGIBLE", tr("Eligibility"))]
        self._columns = cols
        self._needs = ["PARCEL_ID", "DLBM", "DLMC", "ECO_TYPE", "AREA_MU", "V_TOTAL", *ASSIGNED_FIELDS]
        self._area_from_geometry = layer is not None and field_name(layer, "AREA_MU") is None
        self._da = None
        if self._area_from_geometry and layer is not None:
            da = QgsDistanceArea()
            da.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
            da.setEllipsoid(layer.crs().ellipsoidAcronym() or QgsProject.instance().ellipsoid() or "EPSG:7019")
            self._da = da

    def columns(self) -> list[Column]:
        return list(self._columns)

    def column_of(self, key: str) -> int:
        """The column index of a key (``PARCEL_ID``, ``SELLER_CD``, ``ELIGIBLE`` …), -1 when not shown."""
        for i, c in enumerate(self._columns):
            if c.key == key:
                return i
        return -1

    def _all_fids(self) -> list[int]:
        if self._layer is None:
            return []
        return sorted(self._layer.allFeatureIds())

    # Rows and feature ids ---------------------------------------------------
    def fid(self, row: int) -> int:
        return self._fids[row]

    def fids(self) -> list[int]:
        """The feature ids of the rows, in row order."""
        return list(self._fids)

    def _index_map(self) -> dict[int, int]:
        if self._row_of is None:
            self._row_of = {fid: i for i, fid in enumerate(self._fids)}
        return self._row_of

    def row_of(self, fid: int) -> Optional[int]:
        return self._index_map().get(fid)

    def rows_of(self, fids: Iterable[int]) -> list[int]:
        """Rows of the feature ids that are shown (sorted)."""
        m = self._index_map()
        return sorted(r for r in (m.get(f) for f in fids) if r is not None)

    def fids_of_rows(self, rows: Iterable[int]) -> list[int]:
        n = len(self._fids)
        return [self._fids[r] for r in rows if 0 <= r < n]

    # Cache -------------------------------------------------------------------
    def invalidate(self) -> None:
        """Forget cached attributes (after edits) and repaint the shown rows."""
        self._cache.clear()
        if self._fids and self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._fids) - 1, len(self._columns) - 1))

    def reload(self) -> None:
        """Re-read the feature ids (features added or deleted), keeping filter and sort."""
        status, holder = self._filter
        self.set_filter(status, holder)

    def _row(self, row: int) -> dict[str, Any]:
        fid = self._fids[row]
        cached = self._cache.get(fid)
        if cached is not None:
            return cached
        start = (row // self.BLOCK) * self.BLOCK
        block = [f for f in self._fids[start:start + self.BLOCK] if f not in self._cache]
        if len(self._cache) + len(block) > self.CACHE_LIMIT:
            self._cache.clear()
        for f, values in self._read(block).items():
            self._cache[f] = values
        return self._cache.setdefault(fid, {})

    def _read(self, fids: list[int]) -> dict[int, dict[str, Any]]:
        if self._layer is None:
            return {}
        rows = read_rows(self._layer, fids, self._needs, geometry=self._area_from_geometry)
        for values in rows.values():
            geom = values.pop(GEOMETRY, None)
            if self._area_from_geometry:
                area = self._da.measureArea(geom) if geom is not None and not geom.isNull() else None
                values["AREA_MU"] = None if area is None else area * 15.0 / 10000.0
            values["_why"] = self._reasons(values)
        return rows

    def values(self, row: int) -> dict[str, Any]:
        """The (cached) attribute values of a row; identifiers unmasked — not for display."""
        return dict(self._row(row))

    # Qt model ----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._fids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(self._columns):
            return self._columns[section].header
        if orientation == Qt.Vertical and role == Qt.DisplayRole:
            return str(section + 1)
        return None

    def cell_value(self, values: dict[str, Any], key: str) -> Any:
        """The value of a column as sorted and returned by ValueRole (identifiers masked)."""
        if key == "LANDUSE":
            code, name = text(values.get("DLBM")), text(values.get("DLMC"))
            if code or name:
                return " ".join(p for p in (code, name) if p)
            eco = text(values.get("ECO_TYPE"))
            return eco_label(eco) if eco else ""
        if key in ("AREA_MU", "V_TOTAL"):
            v = values.get(key)
            try:
                return None if v is None else float(v)
            except (TypeError, ValueError):
                return None
        if key == "OWN_TYPE":
            return own_type_label(values.get("OWN_TYPE"))
        if key == "DISPUTE":
            return dispute_label(values.get("DISPUTE"))
        if key == "SELLER_CD":
            return mask_identifier(values.get("SELLER_CD"))
        if key == "ELIGIBLE":
            return 0 if values.get("_why") else 1
        return text(values.get(key)) or ""

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._fids)):
            return None
        if role == self.FidRole:
            return self._fids[index.row()]
        if role not in (Qt.DisplayRole, Qt.ToolTipRole, Qt.TextAlignmentRole, Qt.ForegroundRole, self.ValueRole):
            return None
        col = self._columns[index.column()]
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter) if col.numeric else int(Qt.AlignLeft | Qt.AlignVCenter)
        values = self._row(index.row())
        value = self.cell_value(values, col.key)
        if role == self.ValueRole:
            return value
        if col.key == "ELIGIBLE":
            why = values.get("_why") or []
            if role == Qt.ForegroundRole:
                return QBrush(QColor("#1b5e20" if not why else "#b71c1c"))
            key = ";".join(why)
            shown = self._reason_texts.get(key)
            if shown is None:
                shown = self._reason_texts[key] = tr("Eligible") if not why else explain_reasons(key)
            return shown
        if role == Qt.ForegroundRole:
            return None
        if col.key == "AREA_MU":
            return "" if value is None else f"{value:,.2f}"
        if col.key == "V_TOTAL":
            return "" if value is None else f"{value:,.0f}"
        return value

    # Filtering and sorting -----------------------------------------------------
    def filter(self) -> tuple[str, Optional[str]]:
        return self._filter

    def set_filter(self, status: str = "all", holder: Optional[str] = None) -> None:
        """Show only parcels matching ``status`` (one of :data:`FILTERS`) and, when given, ``holder``."""
        if status not in FILTERS:
            raise ValueError(status)
        self.beginResetModel()
        self._filter = (status, holder)
        self._fids = self._filtered_fids(status, holder)
        self._row_of = None
        self._apply_sort()
        self.endResetModel()

    def _filtered_fids(self, status: str, holder: Optional[str]) -> list[int]:
        layer = self._layer
        if layer is None:
            return []
        if status == "all" and holder is None:
            return self._all_fids()
        clauses = []
        dispute, seller, holder_f = (field_name(layer, n) for n in ("DISPUTE", "SELLER", "HOLDER"))
        if status in ("disputed", "unclear"):
            if dispute is None:
                return []
            code = "DISPUTED" if status == "disputed" else "UNCLEAR"
            ref, label = QgsExpression.quotedColumnRef(dispute), QgsExpression.quotedString(DISPUTE[code])
            clauses.append(f"(upper(trim({ref})) = '{code}' OR trim({ref}) = {label})")
        elif status == "no_seller" and seller is not None:
            ref = QgsExpression.quotedColumnRef(seller)
            clauses.append(f"({ref} IS NULL OR trim(to_string({ref})) = '')")
        if holder is not None:
            if holder_f is None:
                return []
            clauses.append(f"trim({QgsExpression.quotedColumnRef(holder_f)}) = {QgsExpression.quotedString(holder)}")
        if status == "ineligible":
            keep = set(self._expression_fids(" AND ".join(clauses))) if clauses else None
            rows = scan_rows(layer, ASSIGNED_FIELDS)
            return sorted(fid for fid, row in rows.items() if (keep is None or fid in keep) and self._reasons(row))
        return self._expression_fids(" AND ".join(clauses)) if clauses else self._all_fids()

    def _expression_fids(self, expression: str) -> list[int]:
        layer = self._layer
        request = QgsFeatureRequest(QgsExpression(expression))
        request.setFlags(no_geometry_flag())
        request.setSubsetOfAttributes(QgsExpression(expression).referencedColumns(), layer.fields())
        return sorted(f.id() for f in layer.getFeatures(request))

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Sort by a column (reads that column for every shown row); -1 restores feature order."""
        self.beginResetModel()
        self._sort = (column, order)
        self._apply_sort()
        self.endResetModel()

    def _apply_sort(self) -> None:
        column, order = self._sort
        fids = sorted(self._fids)
        if 0 <= column < len(self._columns) and self._layer is not None:
            key = self._columns[column].key
            if key == "AREA_MU" and self._area_from_geometry:
                rows = self._read(fids)
            else:  # one C++ scan of the layer; eligibility computed once per distinct assignment
                rows = scan_rows(self._layer, self._needs)
                for values in rows.values():
                    values["_why"] = self._reasons(values)
            values = {fid: self.cell_value(rows.get(fid, {}), key) for fid in fids}
            filled = [f for f in fids if values[f] is not None and values[f] != ""]
            empty = [f for f in fids if values[f] is None or values[f] == ""]
            get: Callable[[int], Any] = values.__getitem__
            numeric = all(isinstance(values[f], (int, float)) for f in filled)
            filled.sort(key=get if numeric else (lambda f: str(get(f))), reverse=order == Qt.DescendingOrder)
            fids = filled + empty  # empty cells last in either order
        self._fids = fids
        self._row_of = None
