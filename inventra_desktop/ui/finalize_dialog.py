"""Close a count: the finalize gate, the results (variances, stock moved since the snapshot,
alerts and exceptions), the apply preview with a choice per line, revert, exports; and release.

Every figure comes from the engine (`load_session_report`, `plan_apply`); the dialog shows it
and forwards the manager's choices.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..services import closing, setup
from ..services.counting_desk import CountingDesk
from ..services.messages import describe
from ..services.shop import ShopSession
from ..stocktake.apply_plan import ApplyPlan, ApplyResult
from ..stocktake.models import ALERT_TAG_PREFIX, SessionState, Settings, Status
from ..stocktake.report import EXCEPTION_LABELS, SessionReport
from ..stocktake.review import flag_variances
from .finalize_tables import ApplyLinesModel, RowsModel, signed
from .tasks import spawn
from .theme import current_theme

if TYPE_CHECKING:
    from .controller import MainController

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


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(max(32, current_theme().touch_target - 12))
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setMinimumHeight(220)
    return view


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class FinalizeDialog(QDialog):
    def __init__(self, parent: QWidget, shop: ShopSession, desk: CountingDesk, controller: MainController) -> None:
        super().__init__(parent)
        self.shop, self.desk, self.controller = shop, desk, controller
        session = desk.session
        assert session is not None
        self.session, self.name = session, session.name
        self.report: SessionReport | None = None
        self.plan: ApplyPlan | None = None
        self.location_names: dict[str, str] = {}
        self._apply_task: asyncio.Task[Any] | None = None
        theme = current_theme()
        self.setWindowTitle(self.tr("Close the count: %1").replace("%1", self.name))
        self.resize(980, 680)
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.spacing)
        state_words = {SessionState.SNAPSHOTTED: self.tr("being counted"), SessionState.FINALIZED: self.tr("finalized"),
                       SessionState.APPLIED: self.tr("applied to Shopify's inventory"),
                       SessionState.OPEN: self.tr("not snapshotted yet")}
        heading = QLabel(self.tr("Session %1 is %2.").replace("%1", self.name)
                         .replace("%2", state_words.get(session.state, session.state.value)))
        heading.setFont(theme.font("caption", bold=True))
        layout.addWidget(heading)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        if session.state is SessionState.SNAPSHOTTED:
            self.tabs.addTab(self._gate_page(), self.tr("Finalize"))
        self.variances = RowsModel([self.tr("Variant"), self.tr("SKU"), self.tr("Snapshot"), self.tr("Counted"),
                                    self.tr("Variance"), self.tr("Value at cost")], self)
        self.moved = RowsModel([self.tr("Variant"), self.tr("SKU"), self.tr("Snapshot"), self.tr("Moved since"),
                                self.tr("Counted")], self)
        self.alerts = RowsModel([self.tr("Kind"), self.tr("Subject"), self.tr("What it means")], self)
        self.tables: dict[int, QTableView] = {}
        self.variances_tab = self._rows_page(self.variances, self.tr("Variances"), self.tr(
            "Variants whose count differs from Shopify's stock at the snapshot, biggest first."))
        if session.state is SessionState.SNAPSHOTTED:
            self._review_row(self.variances_tab)
        self.moved_tab = self._rows_page(self.moved, self.tr("Moved since snapshot"), self.tr(
            "Stock that changed in Shopify since the snapshot (sales, returns, transfers) while the count went on. "
            "Keep the difference when applying, and these movements stay."))
        self.alerts_tab = self._rows_page(self.alerts, self.tr("Alerts and exceptions"), self.tr(
            "Stock kept in non-standard areas, and everything the report lists as an exception."))
        self.tabs.addTab(self.variances_tab, self.tr("Variances"))
        self.tabs.addTab(self.moved_tab, self.tr("Moved since snapshot"))
        self.tabs.addTab(self.alerts_tab, self.tr("Alerts and exceptions"))
        if session.state in (SessionState.FINALIZED, SessionState.APPLIED):
            self.apply_tab = self._apply_page(session.state is SessionState.APPLIED)
            self.tabs.addTab(self.apply_tab, self.tr("Apply to Shopify"))

        self.message = _wrapped()
        self.message.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Export:")))
        self.export_buttons: dict[str, QPushButton] = {}
        for kind, text in (("csv", self.tr("Report (CSV)…")), ("xlsx", self.tr("Report (Excel)…")),
                           ("pdf", self.tr("Count sheet (PDF)…"))):
            button = QPushButton(text)
            button.setMinimumHeight(theme.touch_target)
            button.clicked.connect(lambda _=False, k=kind: self._ask_export(k))
            buttons.addWidget(button)
            self.export_buttons[kind] = button
        buttons.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.setMinimumHeight(theme.touch_target)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.loaded = spawn(self._load(), self._failed)

    def show_tab(self, which: str) -> None:
        """`finalize`, `variances`, `moved`, `alerts` or `apply`, when the session has it."""
        page = getattr(self, f"{which}_tab", None) or (self.tabs.widget(0) if which == "finalize" else None)
        if page is not None and self.tabs.indexOf(page) >= 0:
            self.tabs.setCurrentWidget(page)

    # ---- pages ---------------------------------------------------------------------------
    def _rows_page(self, model: RowsModel, name: str, explanation: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_wrapped(explanation))
        view = _table(model)
        view.setAccessibleName(name)
        view.horizontalHeader().resizeSection(0, 300 if model is not self.alerts else 130)
        view.horizontalHeader().resizeSection(1, 140 if model is not self.alerts else 300)
        layout.addWidget(view, 1)
        self.tables[id(model)] = view
        return page

    def _review_row(self, page: QWidget) -> None:
        """While counting: a manager sends doubtful lines back for a recount, or accepts the variances."""
        theme = current_theme()
        self.review_note = _wrapped()
        self.recount = QPushButton(self.tr("Send the selected back for a recount"))
        self.accept_variances = QPushButton(self.tr("Accept the variances"))
        row = QHBoxLayout()
        row.addWidget(self.review_note, 1)
        for b in (self.recount, self.accept_variances):
            b.setMinimumHeight(theme.touch_target)
            b.setEnabled(False)
            row.addWidget(b)
        page.layout().addLayout(row)  # type: ignore[union-attr]
        self.recount.clicked.connect(lambda: spawn(self._send_back(), self._failed))
        self.accept_variances.clicked.connect(lambda: spawn(self._accept(), self._failed))
        self.tables[id(self.variances)].setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def _show_review(self, settings: Settings) -> None:
        self.settings = settings
        flagged = flag_variances([self.desk.view(v) for v in self.desk.records], self.name, settings)
        self.flagged = flagged
        self.review_note.setText(self.tr("%1 variances are above the review threshold (%2 units or %3 %). Select "
                                         "lines to send them back for a recount.").replace("%1", str(len(flagged)))
                                 .replace("%2", str(settings.review_threshold_units))
                                 .replace("%3", f"{settings.review_threshold_percent:g}"))
        self.recount.setEnabled(bool(self.variance_ids))
        self.accept_variances.setEnabled(bool(flagged))

    async def _send_back(self) -> None:
        rows = sorted({i.row() for i in self.tables[id(self.variances)].selectionModel().selectedRows()})
        ids = [self.variance_ids[r] for r in rows]
        if not ids:
            self.message.setText(self.tr("Select the lines to recount first."))
            return
        await closing.send_back(self.shop, self.name, ids, labels=[self.desk.view(v).sku or v for v in ids])
        await self.desk.refresh(ids)
        self.message.setText(self.tr("%1 lines went back for a recount: they show as in progress.")
                             .replace("%1", str(len(ids))))

    async def _accept(self) -> None:
        await closing.accept(self.shop, self.name, self.flagged, units=self.settings.review_threshold_units)
        self.message.setText(self.tr("The %1 variances above the threshold are accepted (recorded in the session).")
                             .replace("%1", str(len(self.flagged))))

    def _gate_page(self) -> QWidget:
        theme = current_theme()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(theme.spacing)
        views = [self.desk.view(v) for v in self.desk.records]
        taking = [v for v in views if v.takes_part(self.name)]
        self.not_done = [v for v in taking if v.status is not Status.DONE]
        done = len(taking) - len(self.not_done)
        gate = _wrapped()
        if self.not_done:
            gate.setText(self.tr("%1 of %2 variants are done. %3 are not done yet: finalizing needs every variant "
                                 "done, or a decision for the rest.").replace("%1", str(done))
                         .replace("%2", str(len(taking))).replace("%3", str(len(self.not_done))))
        else:
            gate.setText(self.tr("All %1 variants are done. Finalizing tags the products by area, raises alerts "
                                 "for stock in non-standard areas, and stops the count.").replace("%1", str(done)))
        layout.addWidget(gate)
        self.zero = QRadioButton(self.tr("Count the rest as 0"))
        self.omit = QRadioButton(self.tr("Leave the rest out of this session"))
        explain = {
            self.zero: self.tr("Each becomes done; areas never counted count as 0; counts already entered stay."),
            self.omit: self.tr("They are omitted from this session and take no part in its results."),
        }
        group = QButtonGroup(page)
        for b in (self.zero, self.omit):
            group.addButton(b)
            b.setMinimumHeight(theme.touch_target)
            b.setVisible(bool(self.not_done))
            layout.addWidget(b)
            note = _wrapped(explain[b])
            note.setContentsMargins(28, 0, 0, 0)
            note.setVisible(bool(self.not_done))
            layout.addWidget(note)
        self.show_them = QPushButton(self.tr("Show the %1 not done").replace("%1", str(len(self.not_done))))
        self.show_them.setVisible(bool(self.not_done))
        self.show_them.setMinimumHeight(theme.touch_target)
        self.show_them.clicked.connect(self._show_not_done)
        if self.desk.status.waiting:
            layout.addWidget(_wrapped(self.tr("%1 counts of this device are still waiting to be sent; they go first.")
                                      .replace("%1", str(self.desk.status.waiting))))
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.show_them)
        row.addStretch(1)
        self.go = QPushButton(self.tr("Finalize"))
        self.go.setDefault(True)
        self.go.setMinimumHeight(theme.touch_target)
        self.go.clicked.connect(self._on_go)
        row.addWidget(self.go)
        layout.addLayout(row)
        return page

    def _apply_page(self, applied: bool) -> QWidget:
        theme = current_theme()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(theme.spacing)
        self.keep_difference = QRadioButton(self.tr("Keep the difference (recommended)"))
        self.keep_counted = QRadioButton(self.tr("Keep the counted quantity"))
        self.keep_difference.setChecked(True)
        explain = {
            self.keep_difference: self.tr("Shopify's stock moves by counted − snapshot at each location: what sold "
                                          "while you counted stays sold."),
            self.keep_counted: self.tr("Shopify's stock becomes exactly what was counted. A line whose stock "
                                       "changes while you decide is read again and shown once more."),
        }
        group = QButtonGroup(page)
        for b in (self.keep_difference, self.keep_counted):
            group.addButton(b)
            b.setMinimumHeight(theme.touch_target)
            layout.addWidget(b)
            note = _wrapped(explain[b])
            note.setContentsMargins(28, 0, 0, 0)
            layout.addWidget(note)
        self.keep_difference.toggled.connect(lambda on: self._choose_all("difference" if on else "counted"))
        layout.addWidget(_wrapped(self.tr("Tap “Keep counted” on a line to make an exception for it (or Space on the keyboard).")))
        self.lines_model = ApplyLinesModel(lambda loc: self.location_names.get(loc, loc), self)
        self.lines_model.on_choice = self._update_apply_summary
        self.lines_view = _table(self.lines_model)
        self.lines_view.setAccessibleName(self.tr("Changes to apply"))
        self.lines_view.clicked.connect(self.lines_model.toggle)  # the whole cell is the touch target
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.lines_view, context=Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(lambda: self.lines_model.toggle(self.lines_view.currentIndex()))  # the keyboard's way
        self.lines_view.verticalHeader().setDefaultSectionSize(max(40, current_theme().touch_target))
        layout.addWidget(self.lines_view, 1)
        self.apply_summary = _wrapped()
        layout.addWidget(self.apply_summary)
        self.apply_progress = QProgressBar()
        self.apply_progress.setVisible(False)
        self.apply_progress.setFormat(self.tr("%v of %m written"))
        self.apply_progress.setAccessibleName(self.tr("Apply progress"))
        layout.addWidget(self.apply_progress)
        row = QHBoxLayout()
        self.fix = QPushButton(self.tr("Track and stock these items"))
        self.fix.setToolTip(self.tr("Turns inventory tracking on, and stocks items at the locations where they "
                                    "are not stocked yet, so their counts can be written."))
        self.fix.setVisible(False)
        self.fix.clicked.connect(lambda: spawn(self._fix(), self._failed))
        self.apply_button = QPushButton(self.tr("Apply to Shopify…"))
        self.cancel_apply = QPushButton(self.tr("Stop"))
        self.cancel_apply.setVisible(False)
        self.revert_button = QPushButton(self.tr("Revert…"))
        self.revert_button.setToolTip(self.tr("Posts the opposite adjustment of what the apply wrote."))
        for b in (self.fix, self.apply_button, self.cancel_apply, self.revert_button):
            b.setMinimumHeight(theme.touch_target)
        row.addWidget(self.fix)
        row.addStretch(1)
        row.addWidget(self.cancel_apply)
        row.addWidget(self.revert_button)
        row.addWidget(self.apply_button)
        layout.addLayout(row)
        self.apply_button.clicked.connect(self._confirm_apply)
        self.cancel_apply.clicked.connect(self._stop_apply)
        self.revert_button.clicked.connect(self._confirm_revert)
        self._show_applied(applied)
        return page

    def _show_applied(self, applied: bool) -> None:
        for w in (self.keep_difference, self.keep_counted, self.lines_view, self.apply_button):
            w.setEnabled(not applied)
        self.revert_button.setVisible(applied)
        if applied:
            event = self.session.event("applied")
            self.apply_summary.setText(self.tr("Applied to Shopify (%1). Revert posts the opposite adjustment and "
                                               "makes a new apply possible.")
                                       .replace("%1", (event.note or "") if event else ""))

    # ---- loading ---------------------------------------------------------------------
    async def _load(self) -> None:
        self.message.setText(self.tr("Reading the session's results from Shopify…"))
        report = await closing.load_report(self.shop, self.name)
        records = await setup.shop_records(self.shop)
        self.location_names = records.location_names
        self.show_report(report)
        if hasattr(self, "review_note"):
            self._show_review(records.settings or Settings())
        if hasattr(self, "apply_tab") and self.session.state is SessionState.FINALIZED:
            await self._plan()
        self.message.setText("")

    def show_report(self, report: SessionReport) -> None:
        self.report = report
        lines = sorted((ln for ln in report.lines if ln.variance), key=lambda ln: -abs(ln.variance or 0))
        self.variance_ids = [ln.variant_id for ln in lines]
        self.variances.set_rows([[ln.display_name, ln.sku or "", ln.baseline, ln.total, signed(ln.variance),
                                  "" if ln.variance_value is None else f"{ln.variance_value:+,.2f}".replace("-", "−")]
                                 for ln in lines])
        moved = [ln for ln in report.lines if ln.moved]
        self.moved.set_rows([[ln.display_name, ln.sku or "", ln.baseline, signed(ln.moved), ln.total]
                             for ln in moved])
        alerts = [[self.tr("Alert"), product, self.tr("Stock kept in %1, a non-standard area.")
                   .replace("%1", ", ".join(places))] for product, places in _alerts(report).items()]
        alerts += [[EXCEPTION_LABELS.get(e.kind, e.kind), e.subject, e.detail] for e in report.exceptions]
        self.alerts.set_rows(alerts, [row[2] for row in alerts])
        for tab, title, n in ((self.variances_tab, self.tr("Variances"), len(lines)),
                              (self.moved_tab, self.tr("Moved since snapshot"), len(moved)),
                              (self.alerts_tab, self.tr("Alerts and exceptions"), len(alerts))):
            self.tabs.setTabText(self.tabs.indexOf(tab), f"{title} ({n})")

    async def _plan(self) -> None:
        self.plan = await closing.plan_apply(self.shop, self.name, "counted" if self.keep_counted.isChecked()
                                             else "difference")
        locked = self.plan.locked
        self.keep_difference.blockSignals(True)
        (self.keep_difference if self.plan.keep == "difference" else self.keep_counted).setChecked(True)
        self.keep_difference.blockSignals(False)
        for b in (self.keep_difference, self.keep_counted):
            b.setEnabled(not locked)
        self.lines_model.set_plan(self.plan)
        self.lines_view.resizeColumnsToContents()
        self._update_apply_summary()

    def _choose_all(self, keep: str) -> None:
        if self.plan is not None and not self.plan.locked:
            self.plan.choose(keep)  # type: ignore[arg-type]
            self.lines_model.refresh()
            self._update_apply_summary()

    def _update_apply_summary(self) -> None:
        plan = self.plan
        if plan is None:
            return
        writable = plan.writable
        problems = [line for line in plan.lines if line.problem]
        parts = [self.tr("%1 changes to write (%2 units in, %3 units out).").replace("%1", str(len(writable)))
                 .replace("%2", str(sum(line.change for line in writable if line.change > 0)))
                 .replace("%3", str(-sum(line.change for line in writable if line.change < 0)))]
        if plan.exceptions:
            parts.append(self.tr("%1 lines keep the other way.").replace("%1", str(len(plan.exceptions))))
        if problems:
            parts.append(self.tr("%1 lines cannot be written as they are: items Shopify does not track or does not "
                                 "stock at the location (shown first).").replace("%1", str(len(problems))))
        for area in plan.unmapped_areas:
            parts.append(self.tr("Area %1 is mapped to no location: its counts are not written (Storage areas… "
                                 "maps it).").replace("%1", area.label))
        if plan.locked:
            parts.append(self.tr("An earlier apply was interrupted: it resumes with the choices it was started "
                                 "with, and writes nothing twice."))
        self.apply_summary.setText(" ".join(parts))
        self.fix.setVisible(bool(problems))
        self.apply_button.setText(self.tr("Apply %1 changes to Shopify…").replace("%1", str(len(writable))))
        self.apply_button.setEnabled(True)  # even with nothing to change: it records that Shopify matches

    # ---- finalize ----------------------------------------------------------------------
    def _show_not_done(self) -> None:
        self.controller.window.filter_status.setCurrentIndex(1)  # "not done": pending and in progress
        self.reject()

    def _on_go(self) -> None:
        choice = "zero" if self.zero.isChecked() else "omit" if self.omit.isChecked() else None
        if self.not_done and choice is None:
            self.message.setText(self.tr("Choose what happens to the variants not done, or count them first."))
            return
        self.go.setEnabled(False)
        self.message.setText(self.tr("Finalizing…"))
        spawn(self._finalize(choice), self._failed)

    async def _finalize(self, choice: str | None) -> None:
        await self.desk.sync_now()
        await closing.finalize(self.shop, self.name, uncounted=choice)  # type: ignore[arg-type]
        self.accept()
        await self.controller.reload(self.name)
        self.controller.open_close_dialog(tab="alerts")  # the results and the apply, on the finalized session

    # ---- apply and revert ----------------------------------------------------------------
    def _confirm_apply(self) -> None:
        plan = self.plan
        if plan is None:
            return
        keep = self.tr("keeping the difference") if plan.keep == "difference" else self.tr("keeping the counted "
                                                                                              "quantity")
        self.confirm = QMessageBox(QMessageBox.Icon.Question, self.tr("Apply to Shopify"), self.tr(
            "Write %1 changes to Shopify's inventory, %2? Shopify's stock changes at once; Revert can undo it.")
            .replace("%1", str(len(plan.writable))).replace("%2", keep),
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes, self)
        self.confirm.finished.connect(lambda result: result == QMessageBox.StandardButton.Yes and self.start_apply())
        self.confirm.open()

    def start_apply(self) -> None:
        assert self.plan is not None
        self.apply_button.setEnabled(False)
        self.cancel_apply.setVisible(True)
        self.apply_progress.setVisible(True)
        self.apply_progress.setRange(0, max(1, len(self.plan.writable)))
        self.apply_progress.setValue(0)
        self._apply_task = spawn(self._apply(self.plan), self._failed)

    def _stop_apply(self) -> None:
        if self._apply_task and not self._apply_task.done():
            self._apply_task.cancel()
            self.message.setText(self.tr("Apply stopped. Apply again to finish: what was written is not written "
                                         "twice."))
            self.cancel_apply.setVisible(False)
            spawn(self._plan(), self._failed)

    async def _apply(self, plan: ApplyPlan) -> None:
        result: ApplyResult = await closing.apply(self.shop, plan,
                                                  progress=lambda done, total: self.apply_progress.setValue(done))
        self.cancel_apply.setVisible(False)
        if result.stale:
            self.message.setText(self.tr("%1 lines changed in Shopify while you decided. They were read again: check "
                                         "them and apply again.").replace("%1", str(len(result.stale))))
            await self._plan()
            return
        if result.failed:
            self.message.setText(self.tr("%1 lines could not be written: %2 Apply again to retry them.")
                                 .replace("%1", str(len(result.failed))).replace("%2", result.failed[0][1]))
            await self._plan()
            return
        self.message.setText(self.tr("Session %1 was applied already: nothing was written again.")
                             .replace("%1", self.name) if result.already else
                             self.tr("Applied %1 changes to Shopify's inventory.").replace("%1", str(len(result.applied))))
        self.session = plan.session.model_copy(update={"state": SessionState.APPLIED})
        self._show_applied(True)
        await self.controller.reload(self.name)

    async def _fix(self) -> None:
        assert self.plan is not None
        fixed = await closing.fix_items(self.shop, self.plan)
        self.message.setText(self.tr("%1 items are now tracked and stocked where they were counted.")
                             .replace("%1", str(fixed)))
        await self._plan()

    def _confirm_revert(self) -> None:
        self.confirm = QMessageBox(QMessageBox.Icon.Question, self.tr("Revert the apply"), self.tr(
            "Post the opposite adjustment of what session %1 wrote to Shopify's inventory? The session goes back to "
            "finalized, and a new apply is possible.").replace("%1", self.name),
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes, self)
        self.confirm.finished.connect(
            lambda result: result == QMessageBox.StandardButton.Yes and spawn(self._revert(), self._failed))
        self.confirm.open()

    async def _revert(self) -> None:
        result = await closing.revert(self.shop, self.name)
        self.message.setText(self.tr("Reverted %1 changes; the session is finalized again.")
                             .replace("%1", str(result.reverted)))
        self.session = self.session.model_copy(update={"state": SessionState.FINALIZED})
        self._show_applied(False)
        await self._plan()
        await self.controller.reload(self.name)

    # ---- exports --------------------------------------------------------------------------
    def _ask_export(self, kind: str) -> None:
        pattern, suffix = EXPORTS[kind]
        start = str(Path.home() / f"{self.name}-{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), start, pattern)
        if path:
            spawn(self.export_to(kind, Path(path)), self._failed)

    async def export_to(self, kind: str, path: Path) -> None:
        """Write the report (CSV, XLSX) or the count sheet (PDF) off the GUI thread."""
        if kind != "pdf":
            await self.loaded
        exported = await closing.export(self.shop, self.name, kind, path, report=self.report)  # type: ignore[arg-type]
        # The sentence on titles no font could print comes from the Qt-free layer (English, like Shopify's errors).
        self.message.setText(" ".join(filter(None, [self.tr("Saved %1").replace("%1", str(path)), exported.warning])))

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe(error))
        if hasattr(self, "go"):
            self.go.setEnabled(True)
        if hasattr(self, "apply_button") and self.session.state is SessionState.FINALIZED:
            self.apply_button.setEnabled(True)
            self.cancel_apply.setVisible(False)


def confirm_release(parent: QWidget, shop: ShopSession, name: str, controller: MainController) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("MainWindow", "Release session"),
                      QCoreApplication.translate(
        "MainWindow", "Release %1? Counters go back to zero and the session tags are removed; area tags, alerts and "
        "the last counted dates stay. The session stays in the history.").replace("%1", name),
        QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes, parent)

    def answered(result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            async def go() -> None:
                await closing.release(shop, name)
                await controller.reload(None)
            spawn(go(), controller._on_error)
    box.finished.connect(answered)
    box.open()
