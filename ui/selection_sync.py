"""Two-way sync between a layer's selection and a table view's row selection, without feedback loops.

Layer → table: the selected feature ids become row ranges (consecutive rows merged) selected in one call.
Table → layer: the rows of the view's selection ranges become one ``selectByIds``. A flag stops each
direction from answering the signal the other one caused.
"""

from __future__ import annotations

from typing import Optional

from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QItemSelection, QItemSelectionModel, QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QAbstractItemView, QTableView

from .parcel_model import ParcelTableModel


class SelectionSync(QObject):
    """Keeps ``view``'s selection and the bound layer's selection equal."""

    #: Emitted after either side changed (the layer's selection is then final).
    synced = pyqtSignal()

    def __init__(self, view: QTableView, model: ParcelTableModel, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.view = view
        self.model = model
        self._layer: Optional[QgsVectorLayer] = None
        self._busy = False
        view.selectionModel().selectionChanged.connect(self._table_changed)
        # a reset (filter, sort, reload) clears the view's selection silently: show the layer's again
        model.modelReset.connect(self.layer_to_table)

    def set_layer(self, layer: Optional[QgsVectorLayer]) -> None:
        if self._layer is not None:
            try:
                self._layer.selectionChanged.disconnect(self._layer_changed)
            except (TypeError, RuntimeError):
                pass
        self._layer = layer
        if layer is not None:
            layer.selectionChanged.connect(self._layer_changed)
        self.layer_to_table()

    def _layer_changed(self, *_args: object) -> None:
        if not self._busy:
            self.layer_to_table()

    def _table_changed(self, *_args: object) -> None:
        if not self._busy:
            self.table_to_layer()

    def layer_to_table(self) -> None:
        """Select in the view the rows of the layer's selected features (shown ones)."""
        sm = self.view.selectionModel()
        self._busy = True
        try:
            fids = self._layer.selectedFeatureIds() if self._layer is not None else []
            rows = self.model.rows_of(fids)
            if not rows:
                sm.clearSelection()
            else:
                selection = QItemSelection()
                last_col = max(self.model.columnCount() - 1, 0)
                start = prev = rows[0]
                for r in rows[1:] + [None]:
                    if r is not None and r == prev + 1:
                        prev = r
                        continue
                    selection.select(self.model.index(start, 0), self.model.index(prev, last_col))
                    if r is not None:
                        start = prev = r
                sm.select(selection, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                if len(rows) <= 1000:
                    self.view.scrollTo(self.model.index(rows[0], 0), QAbstractItemView.EnsureVisible)
        finally:
            self._busy = False
        self.synced.emit()

    def table_to_layer(self) -> None:
        """Select on the layer the features of the view's selected rows."""
        if self._layer is None:
            return
        rows: set[int] = set()
        for rng in self.view.selectionModel().selection():
            rows.update(range(rng.top(), rng.bottom() + 1))
        fids = self.model.fids_of_rows(sorted(rows))
        self._busy = True
        try:
            self._layer.selectByIds(fids)
        finally:
            self._busy = False
        self.synced.emit()
