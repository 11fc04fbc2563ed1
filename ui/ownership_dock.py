"""The ownership dock (确定出让主体): assign ownership, sellers and dispute status to selected parcels.

Bound to a parcel layer (the active one by default, a layer combo to change it) and to the project register
(a GeoPackage, remembered per QGIS project with ``QgsProject.writeEntry``/``readEntry``).

* Table: :class:`ParcelTableModel` (lazy, by feature id) with filters, kept in sync both ways with the
  layer's selection (:class:`SelectionSync`); zoom to the selection.
* Form: :class:`OwnershipForm`; "Apply" writes the changed fields to every selected parcel as ONE undoable
  edit command (editing started and missing ownership fields added when needed), recomputing ELIGIBLE,
  INELIG_WHY and STATE_APPR with ``ownership.assess``; "Fill from 三调" fills empty values only.
* Saving the layer's edits writes the committed ownership values to the register
  (:class:`RegisterSync`, ``Register.apply``, one transaction with audit rows).
* Binding a layer whose values differ from the register offers to take them from it
  (``Register.join_assignments``), so assignments survive re-running the split and the accounting.
* Summary by ownership type and seller, ineligible area and value; PDF confirmation sheets per right holder.

Messages go to the status line; with ``interactive`` (the default) warnings also open a message box.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pandas as pd
from qgis.core import QgsMapLayer, QgsProject, QgsSettings, QgsVectorLayer
from qgis.gui import QgsDockWidget, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr
from ..processing_provider.messages import translate_error
from ..valuation.errors import ValuationError
from ..valuation.ownership import ASSIGNED_FIELDS, DERIVED_FIELDS, fill_from_sandiao, text
from ..valuation.register import Register
from . import confirmation, summary
from .editing import (
    NULL_MARK,
    SEP,
    EditRefused,
    apply_values,
    assess_rows,
    changed_values,
    field_name,
    prepare_edit,
    read_rows,
    same,
    scan_rows,
    scan_strings,
)
from .ownership_form import MIXED, OwnershipForm
from .parcel_model import FILTERS, ParcelTableModel
from .qgis_compat import polygon_geometry, polygon_layer_filter
from .register_sync import RegisterSync
from .selection_sync import SelectionSync
from .trades_tab import TradesTab

PROJECT_SCOPE = "swc_ecovalue"
PROJECT_KEY = "register_path"
OPERATOR_SETTING = "swc_ecovalue/operator"


def is_parcel_layer(layer: Any) -> bool:
    """A valid polygon vector layer."""
    return (isinstance(layer, QgsVectorLayer) and layer.isValid()
            and layer.geometryType() == polygon_geometry())


class OwnershipDock(QgsDockWidget):
    """The ownership and eligibility dock; see the module docstring."""

    def __init__(self, iface: Any = None, parent: Optional[QWidget] = None, canvas: Any = None,
                 interactive: bool = True) -> None:
        super().__init__(tr("Ownership and eligibility"), parent)
        self.setObjectName("SwcEcoValueOwnershipDock")
        self.iface = iface
        self.canvas = canvas
        self.interactive = interactive
        self.last_message = ""
        self.last_level = "info"
        self._layer: Optional[QgsVectorLayer] = None
        self._layer_connections: list[tuple[Any, Any]] = []
        self._loading_path = False
        self._summary_stale = True
        self._messages = 0
        self._join_text = ""

        self._build()
        self.model = self.table.model()
        self.sync = SelectionSync(self.table, self.model, self)
        self.sync.synced.connect(self._selection_synced)
        self.register_sync = RegisterSync(self.register_path, self.operator, self)
        self.register_sync.written.connect(self._register_written)
        self.register_sync.failed.connect(self._register_failed)
        self.register_sync.note.connect(self.message)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_now)
        self._need_reload = False
        self._form_timer = QTimer(self)
        self._form_timer.setSingleShot(True)
        self._form_timer.setInterval(0)
        self._form_timer.timeout.connect(self.load_form)
        self._register_timer = QTimer(self)
        self._register_timer.setSingleShot(True)
        self._register_timer.setInterval(400)
        self._register_timer.timeout.connect(self.check_register)

        project = QgsProject.instance()
        project.readProject.connect(self._read_project_entry)
        project.cleared.connect(self._read_project_entry)
        self._read_project_entry()
        self.bind_active_layer()

    # Building -------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(4)

        top = QFormLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(polygon_layer_filter())
        self.layer_combo.setAllowEmptyLayer(True)
        self.layer_combo.setLayer(None)
        self.layer_combo.layerChanged.connect(self._combo_layer_changed)
        top.addRow(tr("Parcel layer"), self.layer_combo)
        self.register_widget = QgsFileWidget()
        self.register_widget.setStorageMode(QgsFileWidget.SaveFile)
        self.register_widget.setConfirmOverwrite(False)
        self.register_widget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.register_widget.setDialogTitle(tr("Project register (GeoPackage)"))
        self.register_widget.setToolTip(tr("The project's register: saved ownership edits are written to it with "
                                           "an audit row per changed field. A new path creates the register."))
        self.register_widget.fileChanged.connect(self._register_path_changed)
        top.addRow(tr("Register"), self.register_widget)
        self.operator_edit = QLineEdit(str(QgsSettings().value(OPERATOR_SETTING, "") or ""))
        self.operator_edit.setPlaceholderText(tr("your name, for the register's audit (default: login name)"))
        self.operator_edit.editingFinished.connect(
            lambda: QgsSettings().setValue(OPERATOR_SETTING, self.operator_edit.text().strip()))
        top.addRow(tr("Operator"), self.operator_edit)
        outer.addLayout(top)
        self.register_label = QLabel()
        self.register_label.setWordWrap(True)
        outer.addWidget(self.register_label)

        self.banner = QFrame()
        self.banner.setFrameShape(QFrame.StyledPanel)
        self.banner.setStyleSheet("QFrame { background-color: #e3f2fd; }")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(6, 3, 6, 3)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        banner_layout.addWidget(self.banner_label, 1)
        self.join_button = QPushButton(tr("Take from register"))
        self.join_button.clicked.connect(lambda: self.join_from_register())
        banner_layout.addWidget(self.join_button)
        self.retry_button = QPushButton(tr("Retry register write"))
        self.retry_button.clicked.connect(lambda: self.register_sync.flush())
        banner_layout.addWidget(self.retry_button)
        self.banner.hide()
        outer.addWidget(self.banner)

        bar = QHBoxLayout()
        self.filter_combo = QComboBox()
        for key, label in zip(FILTERS, (tr("All parcels"), tr("Disputed"), tr("Rights unclear"),
                                        tr("No seller yet"), tr("Not eligible"))):
            self.filter_combo.addItem(label, key)
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        bar.addWidget(self.filter_combo)
        self.holder_combo = QComboBox()
        self.holder_combo.setMinimumContentsLength(10)
        self.holder_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.holder_combo.addItem(tr("All right holders"), None)
        self.holder_combo.currentIndexChanged.connect(self._filter_changed)
        bar.addWidget(self.holder_combo, 1)
        self.zoom_button = QToolButton()
        self.zoom_button.setText(tr("Zoom to selection"))
        self.zoom_button.clicked.connect(self.zoom_to_selection)
        bar.addWidget(self.zoom_button)
        outer.addLayout(bar)
        self.count_label = QLabel()
        outer.addWidget(self.count_label)

        splitter = QSplitter(Qt.Vertical)
        self.table = QTableView()
        self.table.setModel(ParcelTableModel(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(self._row_double_clicked)
        splitter.addWidget(self.table)

        self.tabs = QTabWidget()
        form_page = QWidget()
        form_layout = QVBoxLayout(form_page)
        form_layout.setContentsMargins(4, 4, 4, 4)
        self.selection_label = QLabel()
        form_layout.addWidget(self.selection_label)
        self.form = OwnershipForm()
        form_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        self.sandiao_button = QPushButton(tr("Fill from 三调"))
        self.sandiao_button.setToolTip(tr("Fill empty ownership types from QSXZ, right holders from QSDWMC and holder "
                                          "codes from QSDWDM for the selected parcels; values already set are kept."))
        self.sandiao_button.clicked.connect(lambda: self.fill_from_sandiao())
        buttons.addWidget(self.sandiao_button)
        self.reset_button = QPushButton(tr("Reset form"))
        self.reset_button.clicked.connect(self.reset_form)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        self.apply_button = QPushButton(tr("Apply to selected"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(lambda: self.apply_form())
        buttons.addWidget(self.apply_button)
        form_layout.addLayout(buttons)
        edit_row = QHBoxLayout()
        self.undo_button = QToolButton()
        self.undo_button.setText(tr("Undo"))
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = QToolButton()
        self.redo_button.setText(tr("Redo"))
        self.redo_button.clicked.connect(self.redo)
        self.save_button = QPushButton(tr("Save edits"))
        self.save_button.setToolTip(tr("Save the layer's edits; the ownership values are then written to the "
                                       "register."))
        self.save_button.clicked.connect(lambda: self.save())
        edit_row.addWidget(self.undo_button)
        edit_row.addWidget(self.redo_button)
        edit_row.addStretch(1)
        edit_row.addWidget(self.save_button)
        form_layout.addLayout(edit_row)
        form_layout.addStretch(1)
        self.tabs.addTab(form_page, tr("Assign"))

        summary_page = QWidget()
        summary_layout = QVBoxLayout(summary_page)
        summary_layout.setContentsMargins(4, 4, 4, 4)
        self.summary_view = QTextBrowser()
        summary_layout.addWidget(self.summary_view)
        srow = QHBoxLayout()
        refresh = QPushButton(tr("Refresh"))
        refresh.clicked.connect(lambda: self.refresh_summary())
        srow.addWidget(refresh)
        srow.addStretch(1)
        self.sheets_button = QPushButton(tr("Confirmation sheets (PDF)…"))
        self.sheets_button.setToolTip(tr("One PDF per right holder (the holder chosen in the filter, else those of "
                                         "the selected parcels, else all): parcels, areas, a map, signature lines."))
        self.sheets_button.clicked.connect(self._sheets_clicked)
        srow.addWidget(self.sheets_button)
        summary_layout.addLayout(srow)
        self.tabs.addTab(summary_page, tr("Summary"))
        self.trades_tab = TradesTab(self)
        self.tabs.addTab(self.trades_tab, tr("Trades"))
        self.tabs.currentChanged.connect(lambda _i: self._summary_if_visible())
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.status_label.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        outer.addWidget(self.status_label)
        self.setWidget(body)
        self._update_buttons()

    # Messages ---------------------------------------------------------------------
    def message(self, text_: str, level: str = "info") -> None:
        """Show a message in the status line (and, interactive, a message box for warnings and errors)."""
        self.last_message, self.last_level = text_, level
        self._messages += 1
        colour = {"info": "#1b5e20", "warning": "#8a4b00", "critical": "#b71c1c"}.get(level, "#000000")
        self.status_label.setStyleSheet(f"color: {colour};")
        self.status_label.setText(text_)
        if self.interactive and level in ("warning", "critical"):
            box = QMessageBox.critical if level == "critical" else QMessageBox.warning
            box(self, tr("Ownership and eligibility"), text_)

    # Layer binding ---------------------------------------------------------------
    def layer(self) -> Optional[QgsVectorLayer]:
        return self._layer

    def bind_active_layer(self) -> None:
        """Bind the active layer of QGIS when it is a polygon layer and nothing is bound yet."""
        if self._layer is not None or self.iface is None:
            return
        try:
            active = self.iface.activeLayer()
        except Exception:  # noqa: BLE001 — a stub iface without it
            active = None
        if is_parcel_layer(active):
            self.set_layer(active)

    def _combo_layer_changed(self, layer: Optional[QgsMapLayer]) -> None:
        if layer is not self._layer:
            self.set_layer(layer if is_parcel_layer(layer) else None)

    def set_layer(self, layer: Optional[QgsVectorLayer]) -> None:
        """Bind a parcel layer (None unbinds)."""
        if layer is not None and not is_parcel_layer(layer):
            raise ValueError("not a polygon vector layer")
        self._disconnect_layer()
        self._layer = layer
        if self.layer_combo.currentLayer() is not layer:
            self.layer_combo.blockSignals(True)
            self.layer_combo.setLayer(layer)
            self.layer_combo.blockSignals(False)
        self.filter_combo.blockSignals(True)
        self.filter_combo.setCurrentIndex(0)
        self.filter_combo.blockSignals(False)
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(-1, Qt.AscendingOrder)
        header.blockSignals(False)
        self.model.set_layer(layer)
        self._size_columns()
        self.sync.set_layer(layer)
        self.register_sync.set_layer(layer)
        self._refresh_holders()
        self._join_text = ""
        self._update_banner()
        if layer is not None:
            stack = layer.undoStack()
            for signal, slot in ((stack.indexChanged, self._edited), (layer.afterCommitChanges, self._reload),
                                 (layer.afterRollBack, self._reload), (layer.featureAdded, self._reload),
                                 (layer.featuresDeleted, self._reload), (layer.updatedFields, self._fields_changed),
                                 (layer.editingStarted, self._update_buttons),
                                 (layer.editingStopped, self._update_buttons),
                                 (stack.canUndoChanged, self._update_buttons),
                                 (stack.canRedoChanged, self._update_buttons),
                                 (layer.willBeDeleted, self._layer_deleted)):
                signal.connect(slot)
                self._layer_connections.append((signal, slot))
            if field_name(layer, "PARCEL_ID") is None:
                self.message(tr("Layer {layer} has no PARCEL_ID field: assignments can be made but not kept in "
                                "the register. Use the output of the split or the accounting.").format(
                    layer=layer.name()), "info")
            else:
                self.message("")
        self._summary_stale = True
        self._update_counts()
        self.load_form()
        self._update_buttons()
        self._summary_if_visible()
        if layer is not None and self.register_path():
            self._register_timer.start()

    def _disconnect_layer(self) -> None:
        for signal, slot in self._layer_connections:
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass
        self._layer_connections = []

    def _layer_deleted(self) -> None:
        self._layer_connections = []
        self._layer = None
        self.model.set_layer(None)
        self.sync._layer = None  # noqa: SLF001 — the layer is going away; nothing to disconnect
        self.register_sync._layer = None  # noqa: SLF001
        self._update_counts()
        self._update_buttons()

    def _size_columns(self) -> None:
        """Column widths from typical contents (not measured over the rows: that would read them all)."""
        samples = {"PARCEL_ID": "JY01-500115108000000000", "LANDUSE": "0301 乔木林地", "AREA_MU": "1,234.56",
                   "V_TOTAL": "12,345,678", "OWN_TYPE": "集体", "HOLDER": "青杠村股份经济合作联合社",
                   "SELLER": "青杠村股份经济合作联合社", "SELLER_CD": "913501********0Y43", "DISPUTE": "权属不清"}
        fm = self.table.fontMetrics()
        header = self.table.horizontalHeader().fontMetrics()
        for i, col in enumerate(self.model.columns()):
            if col.key in samples:
                width = max(fm.horizontalAdvance(samples[col.key]) + 14, header.horizontalAdvance(col.header) + 20)
                self.table.setColumnWidth(i, width)

    # Refreshing -------------------------------------------------------------------
    def _edited(self, *_args: object) -> None:
        self._refresh_timer.start()

    def _reload(self, *_args: object) -> None:
        self._need_reload = True
        self._refresh_timer.start()

    def _fields_changed(self) -> None:
        status, holder = self.model.filter()
        self.model.set_layer(self._layer)
        if (status, holder) != ("all", None):
            self.model.set_filter(status, holder)
        self._size_columns()

    def _refresh_now(self) -> None:
        """Bring table, holders, counts, form and summary up to date after edits."""
        if self._layer is None:
            return
        if self._need_reload or self.model.filter() != ("all", None):
            self._need_reload = False
            self.model.reload()
        else:
            self.model.invalidate()
        self._refresh_holders()
        self._summary_stale = True
        self._summary_if_visible()
        self._update_counts()
        self.load_form()
        self._update_buttons()

    def _refresh_holders(self) -> None:
        current = self.holder_combo.currentData()
        names: list[str] = []
        if self._layer is not None:
            name = field_name(self._layer, "HOLDER")
            if name is not None:
                idx = self._layer.fields().indexOf(name)
                names = sorted({t for t in (text(v) for v in self._layer.uniqueValues(idx)
                                            if not (v is None or getattr(v, "isNull", lambda: False)())) if t})
        self.holder_combo.blockSignals(True)
        self.holder_combo.clear()
        self.holder_combo.addItem(tr("All right holders"), None)
        for n in names:
            self.holder_combo.addItem(n, n)
        i = self.holder_combo.findData(current) if current is not None else 0
        self.holder_combo.setCurrentIndex(max(i, 0))
        self.holder_combo.blockSignals(False)
        if current is not None and i < 0:
            self._filter_changed()

    def _update_counts(self) -> None:
        total = self._layer.featureCount() if self._layer is not None else 0
        selected = self._layer.selectedFeatureCount() if self._layer is not None else 0
        self.count_label.setText(tr("{shown} of {total} parcels shown; {selected} selected").format(
            shown=self.model.rowCount(), total=total, selected=selected))
        self.selection_label.setText(tr("{n} parcels selected — changed fields (highlighted) are applied to all "
                                        "of them.").format(n=selected))

    def _update_buttons(self, *_args: object) -> None:
        layer = self._layer
        has_sel = layer is not None and layer.selectedFeatureCount() > 0
        self.apply_button.setEnabled(has_sel)
        self.sandiao_button.setEnabled(has_sel)
        self.zoom_button.setEnabled(has_sel)
        stack = layer.undoStack() if layer is not None else None
        self.undo_button.setEnabled(bool(stack and stack.canUndo()))
        self.redo_button.setEnabled(bool(stack and stack.canRedo()))
        self.save_button.setEnabled(bool(layer is not None and layer.isEditable()))
        self.sheets_button.setEnabled(layer is not None)

    def _selection_synced(self) -> None:
        self._update_counts()
        self._update_buttons()
        self._form_timer.start()

    # Filters ------------------------------------------------------------------------
    def _filter_changed(self, *_args: object) -> None:
        self.set_filter(self.filter_combo.currentData() or "all", self.holder_combo.currentData())

    def set_filter(self, status: str = "all", holder: Optional[str] = None) -> None:
        """Show only "disputed", "unclear", "no_seller" or "ineligible" parcels (or "all"), optionally of one
        right holder."""
        for combo, value in ((self.filter_combo, status), (self.holder_combo, holder)):
            i = combo.findData(value)
            if i >= 0 and combo.currentIndex() != i:
                combo.blockSignals(True)
                combo.setCurrentIndex(i)
                combo.blockSignals(False)
        self.model.set_filter(status, holder)  # the selection is shown again on the model reset
        self._update_counts()

    # Form ---------------------------------------------------------------------------
    def load_form(self) -> None:
        """Show the selected parcels' values in the form (common value or "several values")."""
        layer = self._layer
        fids = layer.selectedFeatureIds() if layer is not None else []
        if not fids:
            self.form.load({})
            return
        if len(fids) > 2000:  # e.g. everything selected: one C++ scan instead of reading features one by one
            rows = scan_rows(layer, ASSIGNED_FIELDS, selected_only=True)
        else:
            rows = read_rows(layer, fids, ASSIGNED_FIELDS)
        values: dict[str, Any] = {}
        for f in ASSIGNED_FIELDS:
            seen: list[Any] = []
            for row in rows.values():
                v = row.get(f)
                if not any(same(v, s) for s in seen):
                    seen.append(v)
                    if len(seen) > 1:
                        break
            values[f] = MIXED if len(seen) > 1 else (seen[0] if seen else None)
        self.form.load(values)

    def reset_form(self) -> None:
        self.form.clear_changes()
        self.load_form()

    def apply_form(self) -> int:
        """Apply the form's changed fields to the selected parcels as one undoable edit; returns the number of
        values written (0 when refused or nothing changed)."""
        layer = self._layer
        fids = layer.selectedFeatureIds() if layer is not None else []
        if not fids:
            self.message(tr("Select parcels first (in the table or on the map)."), "warning")
            return 0
        values, problems = self.form.validated()
        if problems:
            self.message(tr("Nothing was changed:") + "\n" + "\n".join(problems), "warning")
            return 0
        if not values:
            self.message(tr("Nothing to apply: change a field in the form first."), "info")
            return 0
        current = read_rows(layer, fids, ASSIGNED_FIELDS)
        final = assess_rows({fid: {**row, **values} for fid, row in current.items()})
        n = self._write(final, tr("Assign ownership to {n} parcels").format(n=len(fids)))
        if n is None:
            return 0
        self.form.clear_changes()
        self._refresh_now()
        if n:
            self.message(tr("Applied to {n} parcels: {v} values changed in one undoable edit. Save the edits to "
                            "write them to the register.").format(n=len(fids), v=n))
        else:
            self.message(tr("The selected parcels already have these values; nothing was changed."))
        return n

    def _write(self, rows: dict[int, dict[str, Any]], command: str) -> Optional[int]:
        """Prepare the layer and write ``rows`` as one edit command; None when refused (message shown)."""
        layer = self._layer
        if not changed_values(layer, rows):
            return 0
        try:
            prepare_edit(layer, ASSIGNED_FIELDS + DERIVED_FIELDS)
            return apply_values(layer, rows, command)
        except EditRefused as err:
            self.message(str(err), "critical")
            return None

    def fill_from_sandiao(self) -> int:
        """Fill empty OWN_TYPE/HOLDER/HOLDER_CD of the selected parcels from QSXZ/QSDWMC/QSDWDM (one undoable
        edit); values already set are never overwritten. Returns the number of values written."""
        layer = self._layer
        fids = layer.selectedFeatureIds() if layer is not None else []
        if not fids:
            self.message(tr("Select parcels first (in the table or on the map)."), "warning")
            return 0
        if all(field_name(layer, f) is None for f in ("QSXZ", "QSDWMC", "QSDWDM")):
            self.message(tr("Layer {layer} has none of the 三调 fields QSXZ, QSDWMC, QSDWDM.").format(
                layer=layer.name()), "warning")
            return 0
        rows = read_rows(layer, fids, ["QSXZ", "QSDWMC", "QSDWDM", *ASSIGNED_FIELDS])
        df = pd.DataFrame.from_dict(rows, orient="index", dtype=object)
        filled = fill_from_sandiao(df)
        new = {fid: {f: filled.at[fid, f] if f in ("OWN_TYPE", "HOLDER", "HOLDER_CD") else rows[fid][f]
                     for f in ASSIGNED_FIELDS} for fid in rows}
        counts = {f: sum(1 for fid in rows if not same(rows[fid][f], new[fid][f]))
                  for f in ("OWN_TYPE", "HOLDER", "HOLDER_CD")}
        n = self._write(assess_rows(new), tr("Fill ownership from 三调 for {n} parcels").format(n=len(fids)))
        if n is None:
            return 0
        self._refresh_now()
        self.message(tr("From 三调: ownership type filled for {a} parcels, right holder for {b}, holder code for {c}; "
                        "values already set were kept.").format(a=counts["OWN_TYPE"], b=counts["HOLDER"],
                                                                 c=counts["HOLDER_CD"]))
        return n

    # Editing ------------------------------------------------------------------------
    def undo(self) -> None:
        if self._layer is not None:
            self._layer.undoStack().undo()

    def redo(self) -> None:
        if self._layer is not None:
            self._layer.undoStack().redo()

    def save(self) -> bool:
        """Save the layer's edits (the register is then written); False with a message when it fails."""
        layer = self._layer
        if layer is None or not layer.isEditable():
            self.message(tr("There are no edits to save."))
            return False
        before = self._messages
        if not layer.commitChanges():
            errors = "\n".join(layer.commitErrors())
            self.message(tr("The edits of layer {layer} could not be saved:").format(layer=layer.name()) + "\n"
                         + errors, "critical")
            return False
        if self._messages == before:
            self.message(tr("Saved the edits of layer {layer}.").format(layer=layer.name()))
        return True

    def _register_written(self, n: int, parcels: int) -> None:
        self._update_banner()
        self.message(tr("Saved; register updated: {n} field changes for {p} parcels, each with an audit row.").format(
            n=n, p=parcels))
        self._update_register_label()

    def _register_failed(self, text_: str) -> None:
        self._update_banner()
        self.message(text_, "critical")

    def _update_banner(self) -> None:
        """The banner offers the join and, after a failed register write, a retry."""
        parts = []
        if self._join_text:
            parts.append(self._join_text)
        if self.register_sync.pending:
            parts.append(tr("{n} saved parcels are not yet in the register.").format(n=len(self.register_sync.pending)))
        self.join_button.setVisible(bool(self._join_text))
        self.retry_button.setVisible(bool(self.register_sync.pending))
        self.banner_label.setText("\n".join(parts))
        self.banner.setVisible(bool(parts))

    # Register -------------------------------------------------------------------------
    def register_path(self) -> str:
        return self.register_widget.filePath().strip()

    def operator(self) -> Optional[str]:
        return self.operator_edit.text().strip() or None

    def set_register_path(self, path: str) -> None:
        """Set the register (remembered in the current QGIS project) and check it."""
        self.register_widget.setFilePath(str(path))
        self._register_path_changed(str(path))
        self._register_timer.stop()
        self.check_register()

    def _register_path_changed(self, path: str) -> None:
        if self._loading_path:
            return
        project = QgsProject.instance()
        stored = project.writePath(path.strip()) if path.strip() else ""
        if project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")[0] != stored:
            project.writeEntry(PROJECT_SCOPE, PROJECT_KEY, stored)
        self._register_timer.start()

    def _read_project_entry(self) -> None:
        project = QgsProject.instance()
        stored = project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")[0]
        path = project.readPath(stored) if stored else ""
        self._loading_path = True
        try:
            self.register_widget.setFilePath(path)
        finally:
            self._loading_path = False
        self._register_timer.start()

    def _update_register_label(self) -> Optional[Register]:
        path = self.register_path()
        if not path:
            self.register_label.setText(tr("No register: saved ownership edits stay in the layer only."))
            return None
        if not Path(path).exists():
            self.register_label.setText(tr("The register will be created when the edits are first saved."))
            return None
        try:
            reg = Register.open(path)
            n = len(reg.assignments())
        except ValuationError as err:
            self.register_label.setText(translate_error(err))
            self.register_label.setStyleSheet("color: #b71c1c;")
            return None
        self.register_label.setStyleSheet("")
        self.register_label.setText(tr("Register: {n} parcels assigned.").format(n=n))
        return reg

    def check_register(self) -> int:
        """Check the register and whether it holds values this layer lacks; shows the join offer. Returns the
        number of parcels the join would change."""
        reg = self._update_register_label()
        self._join_text = ""
        differing = 0
        if reg is not None and self._layer is not None and field_name(self._layer, "PARCEL_ID") is not None:
            differing = self._join_count(reg)
        if differing:
            self._join_text = tr("The register holds ownership values for {n} parcels of this layer that the layer "
                                 "lacks or has differently.").format(n=differing)
        self._update_banner()
        return differing

    def _join_count(self, reg: Register) -> int:
        """How many parcels the join would change (assigned values only), as ``join_assignments`` matches them
        (PARCEL_ID, else a BSM whose register rows agree); one C++ scan of the layer, no per-feature Python
        reads, so the check after binding stays short on large layers."""
        layer = self._layer
        strings = scan_strings(layer, ["PARCEL_ID", "BSM", *ASSIGNED_FIELDS])
        if strings is None:
            return self._join_plan(reg)[2]
        table = reg.assignments()
        if table.empty:
            return 0

        def stored(v: Any) -> Optional[str]:
            return None if v is None or pd.isna(v) or text(v) is None else str(v)

        records = {str(pid): tuple(stored(v) for v in rec) for pid, rec in
                   zip(table.index, table[list(ASSIGNED_FIELDS)].astype(object).itertuples(index=False))}
        by_bsm: dict[str, set] = {}
        for pid, bsm in zip(table.index, table["BSM"]):
            if text(bsm) is not None:
                by_bsm.setdefault(text(bsm), set()).add(records[str(pid)])
        count = 0
        for v in strings:
            items = [None if x == NULL_MARK else x for x in v.split(SEP)]
            pid, bsm, current = text(items[1]), text(items[2]), tuple(items[3:])
            target = records.get(pid) if pid is not None else None
            if target is None and bsm is not None and len(by_bsm.get(bsm, ())) == 1:
                target = next(iter(by_bsm[bsm]))
            if target is not None and target != current and any(not same(a, b) for a, b in zip(current, target)):
                count += 1
        return count

    def _join_plan(self, reg: Register) -> tuple[dict[int, dict[str, Any]], dict[str, Any], int]:
        """The values the join would write (fid -> field -> value), the join counts and the number of parcels
        whose assigned values the register changes."""
        layer = self._layer
        fields = ASSIGNED_FIELDS + DERIVED_FIELDS
        rows = scan_rows(layer, ["PARCEL_ID", "BSM", *fields])
        if not rows:
            return {}, {}, 0
        df = pd.DataFrame.from_dict(rows, orient="index", dtype=object)
        joined = reg.join_assignments(df.drop(columns=list(DERIVED_FIELDS)))
        stats = dict(joined.attrs.get("register_join", {}))
        present = {f for f in fields if field_name(layer, f) is not None}
        changes: dict[int, dict[str, Any]] = {}
        differing = 0
        for fid, rec in zip(joined.index, joined[list(fields)].astype(object).itertuples(index=False)):
            current = rows[fid]
            new = {f: (None if pd.isna(v) else v) for f, v in zip(fields, rec)}
            diff = {f: v for f, v in new.items() if f not in present or not same(current.get(f), v, f)}
            if diff:
                changes[int(fid)] = diff
                differing += any(not same(current.get(f), new[f]) for f in ASSIGNED_FIELDS)
        return (changes if differing else {}), stats, differing

    def join_from_register(self) -> dict[str, Any]:
        """Take the register's assignments onto the layer (by PARCEL_ID, else BSM) as one undoable edit and
        recompute eligibility. Returns the join counts plus ``values`` (values written)."""
        path = self.register_path()
        if self._layer is None or not path or not Path(path).exists():
            self.message(tr("Choose a parcel layer and an existing register first."), "warning")
            return {}
        try:
            reg = Register.open(path)
        except ValuationError as err:
            self.message(translate_error(err), "critical")
            return {}
        if field_name(self._layer, "PARCEL_ID") is None:
            self.message(tr("Layer {layer} has no PARCEL_ID field.").format(layer=self._layer.name()), "warning")
            return {}
        changes, stats, _differing = self._join_plan(reg)
        n = self._write(changes, tr("Take ownership from the register")) if changes else 0
        if n is None:
            return {}
        self._join_text = ""
        self._update_banner()
        self._refresh_now()
        stats["values"] = n
        self.message(tr("From the register: {a} parcels by PARCEL_ID, {b} by BSM; {c} not in it. {v} values "
                        "changed in one undoable edit.").format(a=stats.get("by_parcel_id", 0),
                                                                 b=stats.get("by_bsm", 0),
                                                                 c=stats.get("unmatched", 0), v=n))
        return stats

    # Map --------------------------------------------------------------------------------
    def map_canvas(self) -> Any:
        if self.canvas is not None:
            return self.canvas
        if self.iface is not None:
            try:
                return self.iface.mapCanvas()
            except Exception:  # noqa: BLE001
                return None
        return None

    def zoom_to_selection(self) -> bool:
        """Zoom the map canvas to the selected parcels; False (with a message) without canvas or selection."""
        layer, canvas = self._layer, self.map_canvas()
        if layer is None or layer.selectedFeatureCount() == 0:
            self.message(tr("Select parcels first (in the table or on the map)."), "info")
            return False
        if canvas is None:
            self.message(tr("There is no map canvas to zoom."), "info")
            return False
        canvas.zoomToSelected(layer)
        canvas.refresh()
        return True

    def _row_double_clicked(self, index: Any) -> None:
        canvas = self.map_canvas()
        if canvas is not None and self._layer is not None and index.isValid():
            canvas.zoomToFeatureIds(self._layer, [self.model.fid(index.row())])
            canvas.refresh()

    # Summary and sheets ------------------------------------------------------------------
    def _summary_if_visible(self) -> None:
        if self._summary_stale and self.tabs.currentIndex() == 1 and self.isVisible():
            self.refresh_summary()

    def refresh_summary(self) -> summary.Summary:
        """Recompute the summary and show it."""
        result = summary.compute(self._layer)
        self.summary_view.setHtml(summary.to_html(result) if self._layer is not None else "")
        self._summary_stale = False
        return result

    def sheet_holders(self) -> list[str]:
        """The right holders for confirmation sheets: the holder filter, else the selected parcels', else all."""
        layer = self._layer
        if layer is None:
            return []
        chosen = self.holder_combo.currentData()
        if chosen:
            return [chosen]
        fids = layer.selectedFeatureIds()
        return confirmation.holders(layer, fids if fids else None)

    def write_confirmation_sheets(self, folder: str, names: Optional[list[str]] = None) -> list[Path]:
        """Write one PDF per right holder into ``folder``; returns the files."""
        layer = self._layer
        names = self.sheet_holders() if names is None else names
        if layer is None or not names:
            self.message(tr("No right holder to print: assign right holders first."), "warning")
            return []
        QCoreApplication.processEvents()
        files = confirmation.write_sheets(layer, names, Path(folder))
        self.message(tr("{n} confirmation sheets written to {folder}.").format(n=len(files), folder=folder))
        return files

    def _sheets_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder for the confirmation sheets"))
        if folder:
            self.write_confirmation_sheets(folder)

    # Lifecycle -----------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.bind_active_layer()
        self._summary_if_visible()

    def cleanup(self) -> None:
        """Disconnect from the layer and the project (plugin unload)."""
        self._disconnect_layer()
        self.sync.set_layer(None)
        self.register_sync.set_layer(None)
        project = QgsProject.instance()
        for signal in (project.readProject, project.cleared):
            try:
                signal.disconnect(self._read_project_entry)
            except (TypeError, RuntimeError):
                pass
        for timer in (self._refresh_timer, self._form_timer, self._register_timer):
            timer.stop()
        self._layer = None
