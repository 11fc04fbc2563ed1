"""The dock's Trades tab (交易): the trades of the project register, their fields by status, payments, the feedback
plan and pledges (docs/dock.md, "Trades tab").

Everything is read from and written to the register through :mod:`valuation.trading` (one transaction per action,
append-only ``trade_event`` rows): create a trade from the parcels selected on the dock's layer (ineligible
parcels refused and listed), record fields, advance to the next status (refused with the missing fields listed,
nothing written), record a received payment, the feedback plan and a pledge's release. Operator identifiers are
masked in the list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional

import pandas as pd
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr
from ..processing_provider.messages import translate_error
from ..valuation.errors import ValuationError
from ..valuation.register import Register
from ..valuation.trading import (
    PRODUCT_TYPES,
    REQUIRED,
    STATUSES,
    advance_trade,
    create_trade,
    feedback_due,
    get_trade,
    list_trades,
    missing_for,
    next_status,
    record_payment,
    record_pledge,
    trade_parcels,
    trade_payments,
    trade_pledges,
    update_trade,
)
from .editing import field_name, read_rows
from .parcel_model import seller_text

#: Optional fields shown in a status's group besides the required ones.
EXTRA_FIELDS: dict[str, tuple[str, ...]] = {"listed": ("PLATFORM_REF",), "signed": ("PAYMENT_SCHEDULE",
                                                                                   "PRIORITY_WAIVER"),
                                            "certified": ("COUNTY",), "closed": ("NOTE",)}
#: Fields set when the trade is created or signed, not edited afterwards.
READ_ONLY = ("PRODUCT", "SELLERS")
HIGHLIGHT = "background-color: #fff3c4;"
OVERDUE_COLOUR = "#b71c1c"
PARCEL_FIELDS = ("PARCEL_ID", "ELIGIBLE", "SELLER", "INVESTOR", "PRIORITY")


def status_text(status: Optional[str]) -> str:
    labels = {"planned": tr("Planned"), "accounted": tr("Accounted"), "appraised": tr("Appraised"),
              "listed": tr("Listed"), "publicised": tr("Publicised"), "signed": tr("Signed"), "filed": tr("Filed"),
              "certified": tr("Certified"), "closed": tr("Closed")}
    return labels.get(str(status), str(status or ""))


def field_text(name: str) -> str:
    labels = {
        "PRODUCT": tr("Product type"), "SELLERS": tr("Sellers"), "ACCOUNTED_VALUE": tr("Accounted value (yuan/a)"),
        "ACCOUNT_DATE": tr("Accounting date"), "APPRAISER": tr("Appraiser"),
        "APPRAISED_VALUE": tr("Appraised value (yuan)"), "APPRAISAL_DATE": tr("Appraisal date"),
        "LISTING_DATE": tr("Listing date"), "PLATFORM_REF": tr("Platform reference"),
        "LISTING_PRICE": tr("Proposed price (yuan)"),
        "OPERATING_FORMS": tr("Permitted operating forms (separate with ；)"),
        "OPERATOR_SCOPE": tr("Eligible operator scope"), "CONTACT": tr("Contact for enquiries"),
        "PUBLICITY_START": tr("Publicity start"), "PUBLICITY_END": tr("Publicity end"),
        "PUBLICITY_OUTCOME": tr("Publicity outcome"), "OPERATOR": tr("Operating party"),
        "OPERATOR_CD": tr("Operating party identifier"), "TERM_YEARS": tr("Term (years)"),
        "START_DATE": tr("Start date"),
        "PRICE": tr("Price (yuan)"), "PAYMENT_METHOD": tr("Payment method"),
        "PAYMENT_SCHEDULE": tr("Payment schedule (date:amount;…)"), "PRIORITY_WAIVER": tr("Priority right waiver"),
        "CONTRACT_NO": tr("Contract number"), "SIGNING_DATE": tr("Signing date"),
        "REVENUE_PLAN_NO": tr("Revenue plan approval number"), "REVENUE_PLAN_DATE": tr("Revenue plan approval date"),
        "FILED_WATER": tr("Filed with the water department"),
        "FILED_DRC": tr("Filed with the development and reform department"),
        "FILED_FINANCE": tr("Filed with the finance department"), "COUNTY": tr("County code"),
        "CERT_NO": tr("Certificate number"), "CERT_DATE": tr("Certificate date"),
        "FEEDBACK_PLAN_NO": tr("Feedback plan approval number"),
        "FEEDBACK_PLAN_DATE": tr("Feedback plan approval date"), "CLOSE_DATE": tr("Closing date"), "NOTE": tr("Note"),
    }
    return labels.get(name, name)


def _shown(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _money(value: Any) -> str:
    try:
        return f"{float(value):,.2f}"
    except (TypeError, ValueError):
        return ""


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setSelectionMode(QAbstractItemView.SingleSelection)
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.verticalHeader().hide()
    t.horizontalHeader().setStretchLastSection(True)
    t.setAlternatingRowColors(True)
    return t


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()


class TradesTab(QWidget):
    """The Trades tab of the ownership dock (``dock``: register path, operator, parcel layer and messages)."""

    LIST_HEADERS = ("TRADE_ID", "PRODUCT", "STATUS", "OPERATOR", "SIGNING_DATE", "FEEDBACK_DUE", "OVERDUE")

    def __init__(self, dock: Any, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.dock = dock
        #: The day overdue items are judged on (None: today).
        self.as_of: Optional[dt.date] = None
        self.trades = pd.DataFrame()
        self.payments = pd.DataFrame()
        self.pledges = pd.DataFrame()
        self._trade: Optional[dict[str, Any]] = None
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.groups: dict[str, QGroupBox] = {}
        self._highlighted: set[str] = set()
        self._build()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(300)
        self._refresh_timer.timeout.connect(self.refresh)
        dock.register_widget.fileChanged.connect(lambda _p: self._refresh_timer.start())
        dock.tabs.currentChanged.connect(lambda _i: self.refresh() if dock.tabs.currentWidget() is self else None)

    # Building -------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        create_row = QHBoxLayout()
        self.new_id_edit = QLineEdit()
        self.new_id_edit.setPlaceholderText(tr("New trade id"))
        create_row.addWidget(self.new_id_edit, 1)
        self.product_combo = QComboBox()
        self.product_combo.setEditable(True)
        self.product_combo.addItems(list(PRODUCT_TYPES))
        self.product_combo.setToolTip(tr("Product type (a suggestion or free text; 碳汇 marks a carbon-sink trade)"))
        create_row.addWidget(self.product_combo, 1)
        self.create_button = QPushButton(tr("Create from selected parcels"))
        self.create_button.setToolTip(tr("Create a trade (status: planned) from the parcels selected on the map; "
                                         "every parcel must be eligible and have a seller."))
        self.create_button.clicked.connect(lambda: self.create_from_selection())
        create_row.addWidget(self.create_button)
        refresh = QPushButton(tr("Refresh"))
        refresh.clicked.connect(lambda: self.refresh())
        create_row.addWidget(refresh)
        outer.addLayout(create_row)

        splitter = QSplitter(Qt.Vertical)
        self.trade_table = _table([tr("Trade"), tr("Product"), tr("Status"), tr("Operating party"), tr("Signing date"),
                                   tr("Feedback plan due"), tr("Overdue")])
        self.trade_table.itemSelectionChanged.connect(self._trade_selected)
        splitter.addWidget(self.trade_table)

        self.detail_tabs = QTabWidget()
        # Fields
        fields_page = QWidget()
        fl = QVBoxLayout(fields_page)
        fl.setContentsMargins(2, 2, 2, 2)
        self.trade_label = QLabel()
        self.trade_label.setWordWrap(True)
        fl.addWidget(self.trade_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        il = QVBoxLayout(inner)
        for status in STATUSES:
            box = QGroupBox(status_text(status))
            form = QFormLayout(box)
            for name in [f for f in REQUIRED[status] if f != "PARCELS"] + list(EXTRA_FIELDS.get(status, ())):
                edit = QLineEdit()
                label = QLabel(field_text(name))
                label.setToolTip(name)
                edit.setToolTip(name)
                self.edits[name], self.labels[name] = edit, label
                edit.textEdited.connect(lambda _t: self._update_highlight())
                form.addRow(label, edit)
            self.groups[status] = box
            il.addWidget(box)
        il.addStretch(1)
        scroll.setWidget(inner)
        fl.addWidget(scroll, 1)
        self.refusal_label = QLabel()
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.refusal_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        fl.addWidget(self.refusal_label)
        brow = QHBoxLayout()
        self.save_fields_button = QPushButton(tr("Save fields"))
        self.save_fields_button.setToolTip(tr("Record the changed fields without changing the status."))
        self.save_fields_button.clicked.connect(lambda: self.save_fields())
        brow.addWidget(self.save_fields_button)
        brow.addStretch(1)
        self.advance_button = QPushButton(tr("Advance to next status"))
        self.advance_button.setToolTip(tr("Record the changed fields and move the trade to its next status; refused, "
                                          "with the missing fields listed, unless every required field is known."))
        self.advance_button.clicked.connect(lambda: self.advance())
        brow.addWidget(self.advance_button)
        fl.addLayout(brow)
        self.detail_tabs.addTab(fields_page, tr("Fields"))

        # Payments
        pay_page = QWidget()
        pl = QVBoxLayout(pay_page)
        pl.setContentsMargins(2, 2, 2, 2)
        self.payment_table = _table([tr("No."), tr("Due"), tr("Scheduled (yuan)"), tr("Received"),
                                     tr("Received (yuan)")])
        pl.addWidget(self.payment_table, 1)
        self.payment_label = QLabel()
        pl.addWidget(self.payment_label)
        prow = QHBoxLayout()
        self.paid_date_edit = QLineEdit()
        self.paid_date_edit.setPlaceholderText(tr("Date received (YYYY-MM-DD)"))
        prow.addWidget(self.paid_date_edit, 1)
        self.pay_button = QPushButton(tr("Record received payment"))
        self.pay_button.setToolTip(tr("Mark the selected scheduled payment as received on the date given."))
        self.pay_button.clicked.connect(lambda: self.record_payment())
        prow.addWidget(self.pay_button)
        pl.addLayout(prow)
        self.detail_tabs.addTab(pay_page, tr("Payments"))

        # Feedback plan
        fb_page = QWidget()
        fbl = QFormLayout(fb_page)
        self.feedback_due_label = QLabel()
        fbl.addRow(tr("Due"), self.feedback_due_label)
        self.fb_edits: dict[str, QLineEdit] = {}
        for name in ("FEEDBACK_PLAN_NO", "FEEDBACK_PLAN_DATE", "FILED_WATER", "FILED_DRC", "FILED_FINANCE"):
            self.fb_edits[name] = QLineEdit()
            fbl.addRow(field_text(name), self.fb_edits[name])
        self.feedback_state_label = QLabel()
        self.feedback_state_label.setWordWrap(True)
        fbl.addRow(self.feedback_state_label)
        self.feedback_button = QPushButton(tr("Save feedback plan"))
        self.feedback_button.setToolTip(tr("Record the feedback plan's approval and the filings without changing the "
                                           "status."))
        self.feedback_button.clicked.connect(lambda: self.save_feedback())
        fbl.addRow(self.feedback_button)
        self.detail_tabs.addTab(fb_page, tr("Feedback plan"))

        # Pledges
        pledge_page = QWidget()
        pgl = QVBoxLayout(pledge_page)
        pgl.setContentsMargins(2, 2, 2, 2)
        self.pledge_table = _table([tr("Pledge"), tr("Kind"), tr("Lender"), tr("Amount (yuan)"), tr("Start"),
                                    tr("End"), tr("Released")])
        pgl.addWidget(self.pledge_table, 1)
        rrow = QHBoxLayout()
        self.release_date_edit = QLineEdit()
        self.release_date_edit.setPlaceholderText(tr("Release date (YYYY-MM-DD)"))
        rrow.addWidget(self.release_date_edit, 1)
        self.release_button = QPushButton(tr("Record release"))
        self.release_button.clicked.connect(lambda: self.record_release())
        rrow.addWidget(self.release_button)
        pgl.addLayout(rrow)
        self.detail_tabs.addTab(pledge_page, tr("Pledges"))

        splitter.addWidget(self.detail_tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        outer.addWidget(splitter, 1)
        self._show_trade(None)

    # Register -------------------------------------------------------------------
    def _register(self, create: bool = False) -> Optional[Register]:
        """The dock's register (None, with a message when ``create``, when none is chosen or it cannot be read)."""
        path = self.dock.register_path()
        if not path:
            if create:
                self.dock.message(tr("Choose the project register first."), "warning")
            return None
        try:
            if create:
                return Register.open_or_create(path)
            return Register.open(path) if Path(path).is_file() else None
        except ValuationError as err:
            self.dock.message(translate_error(err), "critical")
            return None

    def _day(self) -> dt.date:
        return self.as_of or dt.date.today()

    def selected_trade_id(self) -> Optional[str]:
        return None if self._trade is None else str(self._trade["TRADE_ID"])

    # Listing ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the trades from the register, keeping the selected trade."""
        keep = self.selected_trade_id()
        reg = self._register()
        try:
            self.trades = list_trades(reg, self._day()) if reg is not None else pd.DataFrame()
        except ValuationError as err:
            self.trades = pd.DataFrame()
            self.dock.message(translate_error(err), "critical")
        rows = []
        for _, t in self.trades.iterrows():
            rows.append([str(t["TRADE_ID"]), _shown(t["PRODUCT"]), status_text(t["STATUS"]),
                         seller_text(t["OPERATOR"], t["OPERATOR_CD"]), _shown(t["SIGNING_DATE"]),
                         _shown(t["FEEDBACK_DUE"]), tr("Overdue") if t["OVERDUE"] else ""])
        self.trade_table.blockSignals(True)
        _fill(self.trade_table, rows)
        for r, (_, t) in enumerate(self.trades.iterrows()):
            if t["OVERDUE"]:
                for c in range(self.trade_table.columnCount()):
                    self.trade_table.item(r, c).setForeground(QBrush(QColor(OVERDUE_COLOUR)))
        self.trade_table.blockSignals(False)
        self.select_trade(keep)

    def trade_ids(self) -> list[str]:
        return [] if self.trades.empty else [str(t) for t in self.trades["TRADE_ID"]]

    def select_trade(self, trade_id: Optional[str]) -> None:
        """Select a trade of the list (None or unknown: nothing) and show it."""
        ids = self.trade_ids()
        self.trade_table.blockSignals(True)
        self.trade_table.clearSelection()
        if trade_id in ids:
            self.trade_table.selectRow(ids.index(trade_id))
        self.trade_table.blockSignals(False)
        self._trade_selected()

    def _trade_selected(self) -> None:
        rows = sorted({i.row() for i in self.trade_table.selectedIndexes()})
        ids = self.trade_ids()
        trade_id = ids[rows[0]] if rows and rows[0] < len(ids) else None
        reg = self._register() if trade_id else None
        self._show_trade(get_trade(reg, trade_id) if reg is not None else None, reg)

    # Detail ---------------------------------------------------------------------
    def _show_trade(self, trade: Optional[dict[str, Any]], reg: Optional[Register] = None) -> None:
        self._trade = trade
        self.refusal_label.clear()
        status = trade["STATUS"] if trade else None
        nxt = next_status(status) if status else None
        for name, edit in self.edits.items():
            edit.setText(_shown(trade.get(name)) if trade else "")
            locked = (trade is None or name in READ_ONLY
                      or (name == "PAYMENT_SCHEDULE" and STATUSES.index(status) >= STATUSES.index("signed")))
            edit.setReadOnly(locked)
        for s, box in self.groups.items():
            box.setTitle(status_text(s) + ("  ← " + tr("next") if s == nxt else "")
                         + ("  ✓" if status and STATUSES.index(s) <= STATUSES.index(status) else ""))
        self._update_highlight()
        self.save_fields_button.setEnabled(trade is not None)
        self.advance_button.setEnabled(nxt is not None)
        self.advance_button.setText(tr("Advance to {status}").format(status=status_text(nxt)) if nxt
                                    else tr("Advance to next status"))
        if trade is None:
            self.trade_label.setText(tr("Select a trade, or create one from the parcels selected on the map."))
        else:
            n = len(trade_parcels(reg, trade["TRADE_ID"])) if reg is not None else 0
            self.trade_label.setText(tr("Trade {trade}: {status}, {n} parcels, sellers {sellers}.").format(
                trade=trade["TRADE_ID"], status=status_text(status), n=n, sellers=_shown(trade.get("SELLERS"))))
        self._show_payments(reg)
        self._show_feedback()
        self._show_pledges(reg)

    def _pending(self) -> dict[str, str]:
        """Form values that differ from the stored trade (blank edits are ignored: nothing is erased)."""
        if self._trade is None:
            return {}
        out = {}
        for name, edit in self.edits.items():
            if edit.isReadOnly():
                continue
            value = edit.text().strip()
            if value and value != _shown(self._trade.get(name)):
                out[name] = value
        return out

    def _update_highlight(self) -> None:
        """Highlight the fields the next status still needs (stored values and form entries count)."""
        self._highlighted = set()
        if self._trade is not None and next_status(self._trade["STATUS"]):
            merged = {**self._trade, **{n: e.text().strip() for n, e in self.edits.items() if e.text().strip()}}
            self._highlighted = set(missing_for(merged, next_status(self._trade["STATUS"])))
        for name, edit in self.edits.items():
            on = name in self._highlighted
            edit.setStyleSheet(HIGHLIGHT if on else "")
            font = self.labels[name].font()
            font.setBold(on)
            self.labels[name].setFont(font)

    def highlighted(self) -> set[str]:
        """The fields highlighted as required for the next status."""
        return set(self._highlighted)

    def _show_payments(self, reg: Optional[Register]) -> None:
        trade_id = self.selected_trade_id()
        self.payments = trade_payments(reg, trade_id) if reg is not None and trade_id else pd.DataFrame()
        rows = [[str(p["SEQ"]), _shown(p["DUE_DATE"]), _money(p["AMOUNT"]), _shown(p["PAID_DATE"]),
                 _money(p["AMOUNT"]) if p["PAID_DATE"] else ""] for _, p in self.payments.iterrows()]
        _fill(self.payment_table, rows)
        day = self._day().isoformat()
        for r, (_, p) in enumerate(self.payments.iterrows()):
            if not p["PAID_DATE"] and str(p["DUE_DATE"]) < day:
                for c in range(self.payment_table.columnCount()):
                    self.payment_table.item(r, c).setForeground(QBrush(QColor(OVERDUE_COLOUR)))
        if self.payments.empty:
            self.payment_label.setText(tr("No payment schedule (it is recorded when signing, as "
                                          "PAYMENT_SCHEDULE)."))
        else:
            scheduled = float(self.payments["AMOUNT"].sum())
            received = float(sum(a for a, d in zip(self.payments["AMOUNT"], self.payments["PAID_DATE"]) if d))
            self.payment_label.setText(tr("Scheduled {scheduled} yuan, received {received} yuan, outstanding "
                                          "{outstanding} yuan.").format(scheduled=_money(scheduled),
                                                                        received=_money(received),
                                                                        outstanding=_money(scheduled - received)))
        self.pay_button.setEnabled(not self.payments.empty)

    def _show_feedback(self) -> None:
        t = self._trade or {}
        for name, edit in self.fb_edits.items():
            edit.setText(_shown(t.get(name)))
        signed = t.get("SIGNING_DATE")
        if not signed:
            self.feedback_due_label.setText(tr("(after signing: signing date + 6 months)"))
            self.feedback_state_label.setText("")
        else:
            due = feedback_due(signed)
            self.feedback_due_label.setText(due.isoformat())
            if t.get("FEEDBACK_PLAN_DATE"):
                state = tr("Approved on {date}.").format(date=t["FEEDBACK_PLAN_DATE"])
            elif due < self._day():
                state = tr("Overdue by {n} days.").format(n=(self._day() - due).days)
            else:
                state = tr("Due in {n} days.").format(n=(due - self._day()).days)
            self.feedback_state_label.setText(state)
        self.feedback_button.setEnabled(self._trade is not None)

    def _show_pledges(self, reg: Optional[Register]) -> None:
        trade_id = self.selected_trade_id()
        self.pledges = trade_pledges(reg, trade_id) if reg is not None and trade_id else pd.DataFrame()
        kinds = {"RIGHT": tr("Operating right"), "REVENUE": tr("Revenue")}
        rows = [[str(p["PLEDGE_ID"]), kinds.get(p["KIND"], str(p["KIND"])), _shown(p["LENDER"]), _money(p["AMOUNT"]),
                 _shown(p["START_DATE"]), _shown(p["END_DATE"]), _shown(p["RELEASE_DATE"])]
                for _, p in self.pledges.iterrows()]
        _fill(self.pledge_table, rows)
        self.release_button.setEnabled(not self.pledges.empty)

    # Actions --------------------------------------------------------------------
    def _refused(self, err: ValuationError) -> None:
        text_ = translate_error(err)
        self.refusal_label.setText(text_)
        self.dock.message(text_, "warning")

    def selected_parcels(self) -> pd.DataFrame:
        """PARCEL_ID, ELIGIBLE, SELLER, INVESTOR, PRIORITY of the parcels selected on the dock's layer (through
        its edit buffer); values the layer lacks come from the register."""
        layer = self.dock.layer()
        if layer is None or layer.selectedFeatureCount() == 0:
            return pd.DataFrame(columns=list(PARCEL_FIELDS))
        rows = read_rows(layer, layer.selectedFeatureIds(), PARCEL_FIELDS)
        df = pd.DataFrame(list(rows.values()), columns=list(PARCEL_FIELDS))
        if field_name(layer, "SELLER") is None or field_name(layer, "ELIGIBLE") is None:
            reg = self._register()
            if reg is not None:
                df = pd.DataFrame(reg.join_assignments(df))
        return df

    def create_from_selection(self, trade_id: Optional[str] = None, product: Optional[str] = None) -> bool:
        """Create a trade from the parcels selected on the map; False when refused (the reasons shown)."""
        self.refusal_label.clear()
        trade_id = (trade_id if trade_id is not None else self.new_id_edit.text()).strip()
        product = (product if product is not None else self.product_combo.currentText()).strip()
        layer = self.dock.layer()
        if layer is None or layer.selectedFeatureCount() == 0:
            self.dock.message(tr("Select the trade's parcels on the map first."), "warning")
            return False
        if field_name(layer, "PARCEL_ID") is None:
            self.dock.message(tr("Layer {layer} has no PARCEL_ID field: a trade needs parcel ids.").format(
                layer=layer.name()), "warning")
            return False
        parcels = self.selected_parcels()
        if parcels["PARCEL_ID"].isna().any():
            self.dock.message(tr("Some selected parcels have no PARCEL_ID."), "warning")
            return False
        reg = self._register(create=True)
        if reg is None:
            return False
        try:
            move = create_trade(reg, trade_id, {"PRODUCT": product}, parcels, user=self.dock.operator())
        except ValuationError as err:
            self._refused(err)
            return False
        self.dock.message(tr("Trade {trade} created with {n} parcels (status: {status}).").format(
            trade=move.trade_id, n=len(parcels), status=status_text(move.status)))
        self.new_id_edit.clear()
        self._trade = {"TRADE_ID": move.trade_id}
        self.refresh()
        return True

    def save_fields(self) -> bool:
        """Record the changed fields without changing the status."""
        return self._update(self._pending())

    def _update(self, values: dict[str, str]) -> bool:
        trade_id = self.selected_trade_id()
        reg = self._register(create=True) if trade_id else None
        if reg is None:
            return False
        if not values:
            self.dock.message(tr("Nothing changed."))
            return False
        try:
            move = update_trade(reg, trade_id, values, user=self.dock.operator())
        except ValuationError as err:
            self._refused(err)
            return False
        self.dock.message(tr("Trade {trade}: {n} fields recorded.").format(trade=trade_id, n=len(move.fields)))
        self.refresh()
        return True

    def advance(self) -> bool:
        """Record the changed fields and move the selected trade to its next status; False when refused."""
        self.refusal_label.clear()
        trade_id = self.selected_trade_id()
        nxt = next_status(self._trade["STATUS"]) if self._trade else None
        reg = self._register(create=True) if trade_id and nxt else None
        if reg is None:
            return False
        try:
            move = advance_trade(reg, trade_id, nxt, self._pending(), user=self.dock.operator())
        except ValuationError as err:
            self._update_highlight()
            self._refused(err)
            return False
        self.dock.message(tr("Trade {trade} is now {status}.").format(trade=trade_id, status=status_text(move.status)))
        for notice in move.notices:
            from ..processing_provider.messages import translate_notice

            self.dock.message(translate_notice(notice), "warning")
        self.refresh()
        return True

    def save_feedback(self) -> bool:
        """Record the feedback plan's approval and the filing dates (blank entries are ignored)."""
        t = self._trade or {}
        values = {n: e.text().strip() for n, e in self.fb_edits.items()
                  if e.text().strip() and e.text().strip() != _shown(t.get(n))}
        return self._update(values)

    def _selected_row(self, table: QTableWidget) -> Optional[int]:
        rows = sorted({i.row() for i in table.selectedIndexes()})
        return rows[0] if rows else None

    def record_payment(self, seq: Optional[int] = None, paid: Optional[str] = None) -> bool:
        """Mark a scheduled payment (the selected one by default) as received on a date (the date field)."""
        trade_id = self.selected_trade_id()
        if seq is None:
            row = self._selected_row(self.payment_table)
            if row is None or row >= len(self.payments):
                self.dock.message(tr("Select a scheduled payment first."), "warning")
                return False
            seq = int(self.payments.iloc[row]["SEQ"])
        paid = (paid if paid is not None else self.paid_date_edit.text()).strip() or self._day().isoformat()
        reg = self._register(create=True) if trade_id else None
        if reg is None:
            return False
        try:
            record_payment(reg, trade_id, seq, paid, user=self.dock.operator())
        except ValuationError as err:
            self._refused(err)
            return False
        self.dock.message(tr("Trade {trade}: payment {seq} received on {date}.").format(trade=trade_id, seq=seq,
                                                                                       date=paid))
        self.paid_date_edit.clear()
        self.refresh()
        return True

    def record_release(self, pledge_id: Optional[str] = None, release: Optional[str] = None) -> bool:
        """Record the release date of a pledge (the selected one by default)."""
        if pledge_id is None:
            row = self._selected_row(self.pledge_table)
            if row is None or row >= len(self.pledges):
                self.dock.message(tr("Select a pledge first."), "warning")
                return False
            pledge_id = str(self.pledges.iloc[row]["PLEDGE_ID"])
        release = (release if release is not None else self.release_date_edit.text()).strip()
        if not release:
            self.dock.message(tr("Give the release date."), "warning")
            return False
        reg = self._register(create=True)
        if reg is None:
            return False
        try:
            record_pledge(reg, pledge_id, "", "", 0, release, release, release=release, user=self.dock.operator())
        except ValuationError as err:
            self._refused(err)
            return False
        self.dock.message(tr("Pledge {pledge} released on {date}.").format(pledge=pledge_id, date=release))
        self.release_date_edit.clear()
        self.refresh()
        return True
