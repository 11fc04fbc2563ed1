"""The assignment form: ownership type, right holder, investor, seller, dispute status and consent.

The form edits the selected parcels at once. It shows a value when every selected parcel has it and
"(several values)" otherwise; only the fields the user changes (highlighted) are applied, so values that
differ between parcels are never overwritten by accident. Identifiers are validated as they are typed
(``is_valid_identifier``; the holder code may also be a 19-digit 三调 owner-unit code) and shown in full only
inside their edit boxes; messages mask them.
"""

from __future__ import annotations

from typing import Any, Optional

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from ..i18n import tr
from ..processing_provider.messages import translate_error
from ..valuation.errors import ValuationError
from ..valuation.ownership import (
    ASSIGNED_FIELDS,
    DISPUTE,
    OWN_TYPE,
    is_owner_unit_code,
    is_valid_identifier,
    normalise_value,
    shown_value,
    text,
)
from .parcel_model import dispute_label, own_type_label

#: Marks a field whose selected parcels hold different values.
MIXED = object()
COMBO_FIELDS = ("OWN_TYPE", "DISPUTE", "PRIORITY", "CONSENT")
_DIRTY_STYLE = "background-color: #fff3c4;"
_BAD_STYLE = "background-color: #ffd6d6;"


def field_labels() -> dict[str, str]:
    """Translated labels of the assigned fields."""
    return {
        "OWN_TYPE": tr("Ownership type"), "HOLDER": tr("Right holder"), "HOLDER_CD": tr("Right holder code"),
        "INVESTOR": tr("Investor"), "PRIORITY": tr("Priority operating right"), "SELLER": tr("Seller"),
        "SELLER_CD": tr("Seller identifier"), "DISPUTE": tr("Dispute status"),
        "CONSENT": tr("Consent obtained"), "CONS_DATE": tr("Consent date"), "CONS_REF": tr("Consent document"),
    }


class OwnershipForm(QWidget):
    """Widgets for the assigned fields; :meth:`validated` gives the changed values, normalised."""

    #: A field was changed by the user.
    edited = pyqtSignal(str)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.dirty: set[str] = set()
        self._loading = False
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        labels = field_labels()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(4)
        placement = [("OWN_TYPE", 0, 0), ("DISPUTE", 0, 2), ("HOLDER", 1, 0), ("HOLDER_CD", 1, 2),
                     ("INVESTOR", 2, 0), ("PRIORITY", 2, 2), ("SELLER", 3, 0), ("SELLER_CD", 3, 2),
                     ("CONSENT", 4, 0), ("CONS_DATE", 4, 2), ("CONS_REF", 5, 0)]
        for name, row, col in placement:
            widget = self._make(name)
            label = QLabel(labels[name])
            label.setBuddy(widget)
            self.widgets[name] = widget
            self.labels[name] = label
            layout.addWidget(label, row, col)
            layout.addWidget(widget, row, col + 1, 1, 3 if name == "CONS_REF" else 1)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)
        self._placeholders = {"HOLDER_CD": tr("credit code, ID number or 三调 QSDWDM"),
                              "SELLER_CD": tr("credit code or ID number"), "CONS_DATE": "YYYY-MM-DD"}
        for name, hint in self._placeholders.items():
            self.widgets[name].setPlaceholderText(hint)

    def _make(self, name: str) -> QWidget:
        if name in COMBO_FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"form_{name}")
            combo.addItem(tr("(not set)"), None)
            if name == "OWN_TYPE":
                for code in OWN_TYPE:
                    combo.addItem(own_type_label(code), code)
            elif name == "DISPUTE":
                for code in DISPUTE:
                    combo.addItem(dispute_label(code), code)
            else:
                combo.addItem(tr("Yes"), 1)
                combo.addItem(tr("No"), 0)
            combo.activated.connect(lambda _i, n=name: self._user_edit(n))
            return combo
        edit = QLineEdit()
        edit.setObjectName(f"form_{name}")
        edit.setClearButtonEnabled(True)
        edit.textEdited.connect(lambda _t, n=name: self._user_edit(n))
        edit.textChanged.connect(lambda _t, n=name: self._check(n))
        return edit

    # State ---------------------------------------------------------------------
    def _user_edit(self, name: str) -> None:
        if self._loading:
            return
        self.dirty.add(name)
        self._style(name)
        self.edited.emit(name)

    def _style(self, name: str) -> None:
        widget = self.widgets[name]
        bad = name in self.dirty and self.problem(name) is not None
        widget.setStyleSheet(_BAD_STYLE if bad else _DIRTY_STYLE if name in self.dirty else "")

    def _check(self, name: str) -> None:
        problem = self.problem(name)
        widget = self.widgets[name]
        widget.setToolTip(problem or "")
        self._style(name)

    def set_value(self, name: str, value: Any) -> None:
        """Enter a value as the user would (marks the field changed). Combos take codes or 1/0."""
        self._show(name, value)
        self.dirty.add(name)
        self._style(name)
        self.edited.emit(name)

    def _show(self, name: str, value: Any) -> None:
        widget = self.widgets[name]
        if isinstance(widget, QComboBox):
            if value is MIXED:
                widget.setCurrentIndex(-1)
                if hasattr(widget, "setPlaceholderText"):  # Qt >= 5.15
                    widget.setPlaceholderText(tr("(several values)"))
                return
            try:
                code = normalise_value(name, value)
            except ValuationError:
                code = None
            i = widget.findData(code) if code is not None else 0
            widget.setCurrentIndex(max(i, 0))
        else:
            if value is MIXED:
                widget.setText("")
                widget.setPlaceholderText(tr("(several values)"))
            else:
                widget.setText(text(value) or "")
                widget.setPlaceholderText(self._placeholders.get(name, ""))

    def load(self, values: dict[str, Any]) -> None:
        """Show the selected parcels' values (a value, None or :data:`MIXED` per field); fields the user has
        changed keep the user's value."""
        self._loading = True
        try:
            for name in ASSIGNED_FIELDS:
                if name not in self.dirty:
                    self._show(name, values.get(name))
                    self._style(name)
        finally:
            self._loading = False

    def clear_changes(self) -> None:
        """Forget the user's changes (the next :meth:`load` shows the parcels' values again)."""
        self.dirty.clear()
        for name in ASSIGNED_FIELDS:
            self._style(name)

    def raw_value(self, name: str) -> Any:
        widget = self.widgets[name]
        if isinstance(widget, QComboBox):
            return widget.currentData() if widget.currentIndex() >= 0 else None
        return widget.text()

    # Validation ----------------------------------------------------------------
    def problem(self, name: str) -> Optional[str]:
        """A translated problem with the field's current value, None when it is fine (or empty)."""
        raw = self.raw_value(name)
        if text(raw) is None:
            return None
        if name == "SELLER_CD" and not is_valid_identifier(raw):
            return tr("Seller identifier {value}: not a valid unified social credit code (GB 32100, 18 characters) "
                      "or resident ID number (GB 11643, 18 digits).").format(value=shown_value(name, raw))
        if name == "HOLDER_CD" and not (is_valid_identifier(raw) or is_owner_unit_code(raw)):
            return tr("Right holder code {value}: neither a valid unified social credit code or resident ID number "
                      "nor a 19-digit 三调 owner-unit code (QSDWDM).").format(value=shown_value(name, raw))
        try:
            normalise_value(name, raw)
        except ValuationError as err:
            return tr("{field} = '{value}': {reason}").format(field=field_labels()[name],
                                                               value=shown_value(name, raw),
                                                               reason=translate_error(err))
        return None

    def validated(self) -> tuple[dict[str, Any], list[str]]:
        """The changed fields' values, normalised (None clears a field), and the translated problems."""
        values: dict[str, Any] = {}
        problems: list[str] = []
        for name in ASSIGNED_FIELDS:
            if name not in self.dirty:
                continue
            problem = self.problem(name)
            if problem is not None:
                problems.append(problem)
                continue
            values[name] = normalise_value(name, self.raw_value(name))
        return values, problems
