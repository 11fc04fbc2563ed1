"""Committed ownership edits of a layer → the project register (``Register.apply``, one transaction).

The layer's ``committedAttributeValuesChanges`` and ``committedFeaturesAdded`` signals give exactly what
was saved; the assigned fields among them are kept until ``afterCommitChanges`` (or ``afterRollBack``,
for a partly failed save), then the PARCEL_ID and BSM of those features are read and the values written
with :meth:`Register.apply` on its own SQLite connection (it retries while the file is locked). Values
that are not valid (typed directly into the attribute table) are left out and reported, masked.
A failed write keeps the changes for :meth:`RegisterSync.flush` to retry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

import pandas as pd
from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..i18n import tr
from ..processing_provider.messages import translate_error
from ..valuation.errors import ValuationError
from ..valuation.ownership import ASSIGNED_FIELDS, CLEAR_VALUE, normalise_value, shown_value, text
from ..valuation.register import Register
from .editing import field_name, plain, read_rows


class RegisterSync(QObject):
    """Writes the saved ownership edits of the bound layer to the register at ``path_getter()``."""

    #: (audit rows written, parcels sent) after a successful write.
    written = pyqtSignal(int, int)
    #: A translated message: the register was not (fully) written.
    failed = pyqtSignal(str)
    #: A translated note and its level ("info", "warning"): no register set, values left out.
    note = pyqtSignal(str, str)

    def __init__(self, path_getter: Callable[[], str], user_getter: Callable[[], Optional[str]],
                 parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self._path = path_getter
        self._user = user_getter
        self._layer: Optional[QgsVectorLayer] = None
        #: fid -> {field: value} saved to the layer but not yet written to the register.
        self.pending: dict[int, dict[str, Any]] = {}
        self.last_written = 0
        #: Seconds a write waits for another program's lock on the register (``Register.lock_timeout``).
        self.lock_timeout = 10.0

    def set_layer(self, layer: Optional[QgsVectorLayer]) -> None:
        if self._layer is not None:
            for signal, slot in self._connections(self._layer):
                try:
                    signal.disconnect(slot)
                except (TypeError, RuntimeError):
                    pass
        self._layer = layer
        self.pending = {}
        if layer is not None:
            for signal, slot in self._connections(layer):
                signal.connect(slot)

    def _connections(self, layer: QgsVectorLayer) -> list[tuple[Any, Callable]]:
        return [(layer.committedAttributeValuesChanges, self._values_committed),
                (layer.committedFeaturesAdded, self._features_committed),
                (layer.afterCommitChanges, self.flush), (layer.afterRollBack, self._after_rollback)]

    # Collecting ----------------------------------------------------------------
    def _assigned_index(self) -> dict[int, str]:
        layer = self._layer
        out = {}
        for f in ASSIGNED_FIELDS:
            name = field_name(layer, f)
            if name is not None:
                out[layer.fields().indexOf(name)] = f
        return out

    def _values_committed(self, _layer_id: str, changes: dict) -> None:
        by_index = self._assigned_index()
        for fid, attrs in changes.items():
            values = {by_index[i]: plain(v) for i, v in attrs.items() if i in by_index}
            if values:
                self.pending.setdefault(int(fid), {}).update(values)

    def _features_committed(self, _layer_id: str, features: list) -> None:
        by_index = self._assigned_index()
        for feat in features:
            attrs = feat.attributes()
            values = {f: plain(attrs[i]) for i, f in by_index.items() if i < len(attrs)}
            values = {f: v for f, v in values.items() if text(v) is not None}
            if values:
                self.pending.setdefault(int(feat.id()), {}).update(values)

    def _after_rollback(self) -> None:
        if self.pending:  # a save that failed part-way still committed these values
            self.flush()

    # Writing ---------------------------------------------------------------------
    def changes_frame(self) -> tuple[pd.DataFrame, list[str]]:
        """The pending values as ``Register.apply`` changes (index PARCEL_ID, BSM + assigned fields; None =
        unchanged, "" = cleared) and the translated lines of the values left out."""
        problems: list[str] = []
        layer = self._layer
        if layer is None or not self.pending:
            return pd.DataFrame(columns=["BSM", *ASSIGNED_FIELDS]), problems
        keys = read_rows(layer, self.pending.keys(), ["PARCEL_ID", "BSM"])
        records: dict[str, dict[str, Any]] = {}
        for fid, values in self.pending.items():
            pid = text(keys.get(fid, {}).get("PARCEL_ID"))
            if pid is None:
                problems.append(tr("Feature {fid} has no PARCEL_ID; its ownership is not kept in the register.")
                                .format(fid=fid))
                continue
            rec = records.setdefault(pid, {"BSM": text(keys[fid].get("BSM"))})
            for f, v in values.items():
                try:
                    value = normalise_value(f, v)
                except ValuationError as err:
                    problems.append(tr("Parcel {row}: {field} = '{value}' — {reason}").format(
                        row=pid, field=f, value=shown_value(f, v), reason=translate_error(err)))
                    continue
                rec[f] = CLEAR_VALUE if value is None else value
        frame = pd.DataFrame.from_dict(records, orient="index", columns=["BSM", *ASSIGNED_FIELDS], dtype=object)
        frame = frame.astype(object).where(frame.notna(), None)
        frame.index.name = "PARCEL_ID"
        return frame, problems

    def flush(self) -> Optional[int]:
        """Write the pending values; returns the audit rows written, None when nothing was written."""
        if not self.pending:
            return None
        path = (self._path() or "").strip()
        if not path:
            self.pending = {}
            self.note.emit(tr("Saved. No project register is set: the ownership changes are in the layer only."),
                           "info")
            return None
        frame, problems = self.changes_frame()
        if problems:
            self.note.emit(tr("Left out of the register:") + "\n" + "\n".join(problems), "warning")
        if frame.empty:
            self.pending = {}
            return None
        try:
            register = Register.open_or_create(Path(path), lock_timeout=self.lock_timeout)
            n = register.apply(frame, user=self._user() or None)
        except ValuationError as err:
            self.failed.emit(tr("The layer was saved, but register {path} was not updated: {error}").format(
                path=path, error=translate_error(err)))
            return None
        except Exception as err:  # noqa: BLE001 — a disk or SQLite error must not lose the pending changes
            self.failed.emit(tr("The layer was saved, but register {path} was not updated: {error}").format(
                path=path, error=str(err)))
            return None
        self.pending = {}
        self.last_written = n
        self.written.emit(n, len(frame))
        return n
