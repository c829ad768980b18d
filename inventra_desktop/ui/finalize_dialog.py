"""Close a count: the finalize gate, the results (variances, stock moved since the snapshot,
alerts and exceptions), the apply preview with a choice per line, revert, and exports.

Every figure comes from the services and the domain (`load_report`, `plan_apply`,
`consequences`); the dialog shows it and forwards the manager's choices. It does not know the
main window: it says what happened through its signals.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..services import closing, setup
from ..services.counting_desk import CountingDesk
from .sentences import describe, translated
from ..services.shop import ShopSession
from ..stocktake.blind import expected_hidden
from ..stocktake.consequences import of_finalize
from ..stocktake.models import ALERT_TAG_PREFIX, SessionRecord, SessionState, Settings
from ..stocktake.report import EXCEPTION_LABELS, SessionReport
from ..stocktake.review import flag_variances
from .apply_page import ApplyPage
from .confirm_dialog import ConfirmDialog
from .finalize_tables import RowsModel, money, report_table, signed
from .gate_page import GatePage, wrapped
from .pin_dialog import ManagerPin
from .screen_fit import scrolling
from .status_words import session_state_word
from .tasks import spawn
from .theme import current_theme
from .touch import touch_button

EXPORTS = {"csv": ("CSV (*.csv)", "report.csv"), "xlsx": ("Excel (*.xlsx)", "report.xlsx"),
           "pdf": ("PDF (*.pdf)", "count-sheet.pdf")}


def _alerts(report: SessionReport) -> dict[str, list[str]]:
    """Product title → the non-standard areas holding its stock (finalize tags the product,
    so an alert is per product, not per variant)."""
    labels = {a.key: a.label for a in report.areas}
    out: dict[str, list[str]] = {}
    for ln in report.lines:
        if not ln.alert:
            continue
        places = out.setdefault(ln.product_title, [])
        tagged = [t.removeprefix(ALERT_TAG_PREFIX) for t in ln.tags if t.startswith(ALERT_TAG_PREFIX)]
        counted = [a.key for a in report.areas if not a.standard and ln.areas.get(a.key)]
        for key in tagged + counted:
            label = labels.get(key, key)
            if label not in places:
                places.append(label)
    return out


class FinalizeDialog(QDialog):
    """Signals: finalized(str session), session_changed(str session) after an apply or revert,
    show_not_done_requested() (the grid should list what is not done)."""

    finalized = Signal(str)
    session_changed = Signal(str)
    show_not_done_requested = Signal()

    def __init__(self, parent: QWidget | None, shop: ShopSession, desk: CountingDesk, *,
                 pin: ManagerPin | None = None) -> None:
        super().__init__(parent)
        self.shop, self.desk, self.pin = shop, desk, pin
        session = desk.session
        assert session is not None
        self.session, self.name = session, session.name
        self.report: SessionReport | None = None
        self.location_names: dict[str, str] = {}
        self.variance_ids: list[str] = []
        self.confirm: ConfirmDialog | None = None
        theme = current_theme()
        self.setWindowTitle(self.tr("Close the count: %1").replace("%1", self.name))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.spacing)
        self.heading = QLabel()
        self.heading.setFont(theme.font("caption", bold=True))
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName(self.tr("Session state"))
        layout.addWidget(self.heading)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Close the count"))
        layout.addWidget(self.tabs, 1)
        hidden = expected_hidden(session)
        self.finalize_tab: GatePage | None = None
        if session.state is SessionState.SNAPSHOTTED:
            self.finalize_tab = GatePage([desk.view(v) for v in desk.records], self.name, desk.status.waiting)
            self.finalize_tab.finalize_requested.connect(self.confirm_finalize)
            self.finalize_tab.show_not_done_requested.connect(self._show_not_done)
            self.tabs.addTab(scrolling(self.finalize_tab), self.tr("Finalize"))
        self.variances = RowsModel([self.tr("Variant"), self.tr("SKU"), self.tr("Snapshot"), self.tr("Counted"),
                                    self.tr("Variance"), self.tr("Value at cost")], self)
        self.moved = RowsModel([self.tr("Variant"), self.tr("SKU"), self.tr("Snapshot"), self.tr("Moved since"),
                                self.tr("Counted")], self)
        self.alerts = RowsModel([self.tr("Kind"), self.tr("Subject"), self.tr("What it means")], self)
        self.tables: dict[int, QTableView] = {}
        self.variances_tab = self.moved_tab = None
        if not hidden:  # a blind count shows no expected figure anywhere while it is counted
            self.variances_tab = self._rows_page(self.variances, self.tr("Variances"), self.tr(
                "Variants whose count differs from Shopify's stock at the snapshot, biggest first."))
            if session.state is SessionState.SNAPSHOTTED:
                self._review_row(self.variances_tab)
            self.moved_tab = self._rows_page(self.moved, self.tr("Moved since snapshot"), self.tr(
                "Stock that changed in Shopify since the snapshot (sales, returns, transfers) while the count went "
                "on. Keep the difference when applying, and these movements stay."))
            self.tabs.addTab(self.variances_tab, self.tr("Variances"))
            self.tabs.addTab(self.moved_tab, self.tr("Moved since snapshot"))
        self.alerts_tab = self._rows_page(self.alerts, self.tr("Alerts and exceptions"), self.tr(
            "Stock kept in non-standard areas, and everything the report lists as an exception."))
        self.tabs.addTab(self.alerts_tab, self.tr("Alerts and exceptions"))
        self.apply_tab: ApplyPage | None = None
        if session.state in (SessionState.FINALIZED, SessionState.APPLIED):
            self.apply_tab = ApplyPage(shop, session, lambda: [desk.view(v) for v in desk.records],
                                       lambda loc: self.location_names.get(loc, loc), pin)
            self.apply_tab.said.connect(self.say)
            self.apply_tab.changed.connect(self._on_applied)
            self.tabs.addTab(scrolling(self.apply_tab), self.tr("Apply to Shopify"))

        self.message = wrapped()
        self.message.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Export:")))
        self.export_buttons: dict[str, QPushButton] = {}
        for kind, text in (("csv", self.tr("Report (CSV)…")), ("xlsx", self.tr("Report (Excel)…")),
                           ("pdf", self.tr("Count sheet (PDF)…"))):
            button = touch_button(text, self)
            button.clicked.connect(lambda _=False, k=kind: self._ask_export(k))
            buttons.addWidget(button)
            self.export_buttons[kind] = button
        buttons.addStretch(1)
        # Not "Close": beside the Finalize tab it would read Schließen beside Abschließen in German.
        self.close_button = touch_button(self.tr("Close this window"), self, name="closeWindow")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._show_state(session)
        self.loaded = spawn(self._load(), self._failed)

    def show_tab(self, which: str) -> None:
        """`finalize`, `variances`, `moved`, `alerts` or `apply`, when the session has it."""
        page = getattr(self, f"{which}_tab", None)
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if page is not None and (tab is page or getattr(tab, "widget", lambda: None)() is page):
                self.tabs.setCurrentIndex(index)

    def say(self, text: str) -> None:
        self.message.setText(text)

    # ---- pages ---------------------------------------------------------------------------
    def _rows_page(self, model: RowsModel, name: str, explanation: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(wrapped(explanation))
        view = report_table(model)
        view.setAccessibleName(name)
        view.horizontalHeader().resizeSection(0, 300 if model is not self.alerts else 130)
        view.horizontalHeader().resizeSection(1, 140 if model is not self.alerts else 300)
        layout.addWidget(view, 1)
        self.tables[id(model)] = view
        return page

    def _review_row(self, page: QWidget) -> None:
        """While counting: a manager sends doubtful lines back for a recount, or accepts the variances."""
        self.review_note = wrapped()
        self.review_note.setAccessibleName(self.tr("Review"))
        self.recount = touch_button(self.tr("Send the selected back for a recount"), self)
        self.accept_variances = touch_button(self.tr("Accept the variances"), self)
        row = QHBoxLayout()
        row.addWidget(self.review_note, 1)
        for b in (self.recount, self.accept_variances):
            b.setEnabled(False)
            row.addWidget(b)
        page.layout().addLayout(row)  # type: ignore[union-attr]
        self.recount.clicked.connect(lambda: spawn(self._send_back(), self._failed))
        self.accept_variances.clicked.connect(lambda: spawn(self._accept(), self._failed))
        self.tables[id(self.variances)].setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def _show_state(self, session: SessionRecord) -> None:
        self.session = session
        text = self.tr("Session %1: %2.").replace("%1", self.name).replace("%2", session_state_word(
            session.state.value))
        hidden = expected_hidden(session)
        if hidden:
            text += " " + self.tr("Blind count: the expected quantities, variances and the report show after "
                                  "finalize.")
        self.heading.setText(text)
        for kind in ("csv", "xlsx"):
            self.export_buttons[kind].setEnabled(not hidden)
            self.export_buttons[kind].setToolTip(self.tr("After finalize: a blind count's report shows the expected "
                                                         "quantities.") if hidden else "")

    def _show_review(self, settings: Settings) -> None:
        self.settings = settings
        flagged = flag_variances([self.desk.view(v) for v in self.desk.records], self.name, settings)
        self.flagged = flagged
        self.review_note.setText(self.tr("%n variance(s) above the review threshold (%2 units or %3 %). Select "
                                         "lines to send them back for a recount.", "", len(flagged))
                                 .replace("%2", str(settings.review_threshold_units))
                                 .replace("%3", f"{settings.review_threshold_percent:g}"))
        self.recount.setEnabled(bool(self.variance_ids))
        self.accept_variances.setEnabled(bool(flagged))

    async def _send_back(self) -> None:
        rows = sorted({i.row() for i in self.tables[id(self.variances)].selectionModel().selectedRows()})
        ids = [self.variance_ids[r] for r in rows]
        if not ids:
            self.say(self.tr("Select the lines to recount first."))
            return
        await closing.send_back(self.shop, self.name, ids, labels=[self.desk.view(v).sku or v for v in ids])
        await self.desk.refresh(ids)
        self.say(self.tr("%n line(s) went back for a recount: they show as in progress.", "", len(ids)))

    async def _accept(self) -> None:
        await closing.accept(self.shop, self.name, self.flagged, units=self.settings.review_threshold_units)
        self.say(self.tr("%n variance(s) above the threshold accepted (recorded in the session).", "",
                         len(self.flagged)))

    # ---- loading -------------------------------------------------------------------------
    async def _load(self) -> None:
        self.say(self.tr("Reading the session's results from Shopify…"))
        report = await closing.load_report(self.shop, self.name)
        records = await setup.shop_records(self.shop)
        self.location_names = records.location_names
        self.show_report(report)
        if hasattr(self, "review_note"):
            self._show_review(records.settings or Settings())
        if self.apply_tab is not None and self.session.state is SessionState.FINALIZED:
            await self.apply_tab.load_plan()
        self.say("")

    def show_report(self, report: SessionReport) -> None:
        self.report = report
        lines = sorted((ln for ln in report.lines if ln.variance), key=lambda ln: -abs(ln.variance or 0))
        self.variance_ids = [ln.variant_id for ln in lines]
        moved = [ln for ln in report.lines if ln.moved]
        alerts = [[self.tr("Alert"), product, self.tr("Stock kept in %1, a non-standard area.")
                   .replace("%1", ", ".join(places))] for product, places in _alerts(report).items()]
        alerts += [[EXCEPTION_LABELS.get(e.kind, e.kind), e.subject, e.detail] for e in report.exceptions]
        self.alerts.set_rows(alerts, [row[2] for row in alerts])
        tabs = [(self.alerts_tab, self.tr("Alerts and exceptions"), len(alerts))]
        if self.variances_tab is not None and self.moved_tab is not None:
            self.variances.set_rows([[ln.display_name, ln.sku or "", ln.baseline, ln.total, signed(ln.variance),
                                      "" if ln.variance_value is None else money(ln.variance_value)]
                                     for ln in lines])
            self.moved.set_rows([[ln.display_name, ln.sku or "", ln.baseline, signed(ln.moved), ln.total]
                                 for ln in moved])
            tabs += [(self.variances_tab, self.tr("Variances"), len(lines)),
                     (self.moved_tab, self.tr("Moved since snapshot"), len(moved))]
        for tab, title, n in tabs:
            self.tabs.setTabText(self.tabs.indexOf(tab), f"{title} ({n})")

    # ---- finalize ------------------------------------------------------------------------
    def _show_not_done(self) -> None:
        self.show_not_done_requested.emit()
        self.reject()

    def finalize_consequences(self, choice: str | None) -> list[str]:
        c = of_finalize([self.desk.view(v) for v in self.desk.records], self.name, choice)  # type: ignore[arg-type]
        lines = [self.tr("Counting stops on every device; the products get their area tags and alerts.")]
        if c.not_done and choice == "zero":
            lines.append(self.tr("%1 variants not done count as 0 where they were not counted; %2 of them were "
                                 "never counted at all: %3 units would go out.").replace("%1", str(c.not_done))
                         .replace("%2", str(c.to_zero)).replace("%3", str(c.to_zero_units)))
        elif c.left_out:
            lines.append(self.tr("%1 variants not done are left out of this session: their stock stays as it is.")
                         .replace("%1", str(c.left_out)))
        lines.append(self.tr("Applied later (keeping the difference): %1 (%2 at cost), %3 (%4 at cost), over %5.")
                     .replace("%1", self.tr("%n unit(s) in", "", c.units_in)).replace("%2", money(c.value_in))
                     .replace("%3", self.tr("%n unit(s) out", "", c.units_out)).replace("%4", money(c.value_out))
                     .replace("%5", self.tr("%n variant(s)", "", c.lines)))
        return lines

    def confirm_finalize(self, choice: str | None) -> None:
        self.confirm = ConfirmDialog(self, title=self.tr("Finalize the count"),
                                     consequences=self.finalize_consequences(choice),
                                     irreversible=self.tr("Finalize cannot be undone: the session takes no more "
                                                          "counts. Shopify's stock changes only when you apply."),
                                     confirm=self.tr("Finalize the count"), pin=self.pin)
        self.confirm.accepted.connect(lambda: self._start_finalize(choice))
        self.confirm.open()

    def _start_finalize(self, choice: str | None) -> None:
        assert self.finalize_tab is not None
        self.finalize_tab.go.setEnabled(False)
        self.say(self.tr("Finalizing…"))
        spawn(self._finalize(choice), self._failed)

    async def _finalize(self, choice: str | None) -> None:
        await self.desk.sync_now()
        await closing.finalize(self.shop, self.name, uncounted=choice)  # type: ignore[arg-type]
        self.accept()
        self.finalized.emit(self.name)

    def _on_applied(self) -> None:
        # Exports wait for this reload: a report written now must know the apply (or the revert).
        self.loaded = spawn(self._after_apply(), self._failed)

    async def _after_apply(self) -> None:
        """After an apply or a revert: the session, the report and its exports are current again."""
        session = await setup.open_session_record(self.shop, self.name)
        self._show_state(session)
        if self.apply_tab is not None:
            self.apply_tab.show_session(session)
            if session.state is SessionState.FINALIZED:
                await self.apply_tab.load_plan()
        self.show_report(await closing.load_report(self.shop, self.name))
        self.session_changed.emit(self.name)

    # ---- exports -------------------------------------------------------------------------
    def _ask_export(self, kind: str) -> None:
        pattern, suffix = EXPORTS[kind]
        start = str(Path.home() / f"{self.name}-{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), start, pattern)
        if path:
            spawn(self.export_to(kind, Path(path)), self._failed)

    async def export_to(self, kind: str, path: Path) -> None:
        """Write the report (CSV, XLSX) or the count sheet (PDF) off the GUI thread."""
        if kind != "pdf":
            await asyncio.shield(self.loaded)
        exported = await closing.export(self.shop, self.name, kind, path, report=self.report)  # type: ignore[arg-type]
        # A note on titles no font could print comes from the Qt-free layer, translated where it was said with say().
        self.say(" ".join(filter(None, [self.tr("Saved %1").replace("%1", str(path)), translated(exported.warning)])))

    def _failed(self, error: BaseException) -> None:
        self.say(describe(error))
        if self.finalize_tab is not None:
            self.finalize_tab.go.setEnabled(True)

