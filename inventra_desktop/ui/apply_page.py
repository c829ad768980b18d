"""Apply's page of the close-the-count dialog: the preview with keep the difference or keep the
counted quantity (for all lines and per line), the confirmation in numbers, progress and stop,
and revert. Every figure comes from the services and the domain (plan_apply, consequences)."""

from __future__ import annotations

import asyncio
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QProgressBar, QRadioButton, QVBoxLayout, QWidget

from ..services import closing
from .sentences import describe, translated
from ..services.shop import ShopSession
from ..stocktake.apply_plan import ApplyPlan, ApplyResult
from ..stocktake.consequences import of_apply
from ..stocktake.models import SessionRecord, SessionState
from ..stocktake.variant import VariantRecord
from .confirm_dialog import ConfirmDialog
from .finalize_tables import ApplyLinesModel, money, report_table
from .gate_page import wrapped
from .pin_dialog import ManagerPin
from .tasks import spawn
from .theme import current_theme
from .touch import touch_button


LOW_SCREEN = 700  # available height (px) under which the page keeps its height for the lines (1024×600)


def _screen_height() -> int:
    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry().height() if screen is not None else 10_000


class ApplyPage(QWidget):
    """Signals: changed() after an apply or a revert (the session's state moved), said(str) for
    the dialog's message line."""

    changed = Signal()
    said = Signal(str)

    def __init__(self, shop: ShopSession, session: SessionRecord, variants: Callable[[], list[VariantRecord]],
                 location_name: Callable[[str], str], pin: ManagerPin | None) -> None:
        super().__init__()
        theme = current_theme()
        self.setAccessibleName(self.tr("Apply to Shopify"))
        self.shop, self.session, self.name = shop, session, session.name
        self._variants, self.pin = variants, pin
        self.plan: ApplyPlan | None = None
        self.confirm: ConfirmDialog | None = None
        self._apply_task: asyncio.Task[Any] | None = None
        layout = QVBoxLayout(self)
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
        group = QButtonGroup(self)
        # A low screen (1024×600) keeps its height for the lines: the two choices side by side, their
        # words as tooltips.
        low = theme.compact or _screen_height() < LOW_SCREEN
        choices = QHBoxLayout() if low else layout
        for b in (self.keep_difference, self.keep_counted):
            group.addButton(b)
            b.setMinimumHeight(theme.touch_target)
            b.setStyleSheet(f"QRadioButton::indicator {{ width: {theme.touch_target // 2}px; "
                            f"height: {theme.touch_target // 2}px; }}")
            choices.addWidget(b)
            b.setToolTip(explain[b])
            b.setAccessibleDescription(explain[b])
            if not low:
                note = wrapped(explain[b])
                note.setContentsMargins(theme.touch_target // 2 + 12, 0, 0, 0)
                layout.addWidget(note)
        if choices is not layout:
            choices.addStretch(1)
            layout.addLayout(choices)
        self.keep_difference.toggled.connect(lambda on: self._choose_all("difference" if on else "counted"))
        how = self.tr("Tap “Keep counted” on a line to make an exception for it (or Space on the keyboard).")
        self.lines_hint = wrapped(how)
        self.lines_hint.setVisible(not low)
        self.lines_model = ApplyLinesModel(location_name, self)
        self.lines_model.on_choice = self._update_summary
        self.lines_view = report_table(self.lines_model)
        layout.addWidget(self.lines_hint)
        self.lines_view.setAccessibleName(self.tr("Changes to apply"))
        self.lines_view.setToolTip(how)
        self.lines_view.clicked.connect(self.lines_model.toggle)  # the whole cell is the touch target
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.lines_view, context=Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(lambda: self.lines_model.toggle(self.lines_view.currentIndex()))  # the keyboard's way
        self.lines_view.verticalHeader().setDefaultSectionSize(max(40, theme.touch_target))
        self.lines_view.setWordWrap(False)  # a name cut short ends in "…"; the tooltip has it whole
        layout.addWidget(self.lines_view, 1)
        self.summary = wrapped()
        self.summary.setAccessibleName(self.tr("Apply summary"))
        layout.addWidget(self.summary)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setFormat(self.tr("%v of %m written"))
        self.progress.setAccessibleName(self.tr("Apply progress"))
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        self.fix = touch_button(self.tr("Track and stock these items"), self)
        self.fix.setToolTip(self.tr("Turns inventory tracking on, and stocks items at the locations where they "
                                    "are not stocked yet, so their counts can be written."))
        self.fix.setVisible(False)
        self.fix.clicked.connect(lambda: spawn(self._fix(), self._failed))
        self.apply_button = touch_button(self.tr("Apply to Shopify…"), self, role="primary")
        self.cancel_apply = touch_button(self.tr("Stop"), self)
        self.cancel_apply.setVisible(False)
        self.revert_button = touch_button(self.tr("Revert…"), self)
        self.revert_button.setToolTip(self.tr("Posts the opposite adjustment of what the apply wrote."))
        row.addWidget(self.fix)
        row.addStretch(1)
        row.addWidget(self.cancel_apply)
        row.addWidget(self.revert_button)
        row.addWidget(self.apply_button)
        layout.addLayout(row)
        self.apply_button.clicked.connect(self.confirm_apply)
        self.cancel_apply.clicked.connect(self._stop_apply)
        self.revert_button.clicked.connect(self.confirm_revert)
        self.show_session(session)

    # ---- state ---------------------------------------------------------------------------
    def show_session(self, session: SessionRecord) -> None:
        """The session as the shop has it now: applied (revert offered) or finalized (apply offered)."""
        self.session = session
        applied = session.state is SessionState.APPLIED
        for w in (self.keep_difference, self.keep_counted, self.lines_view, self.apply_button):
            w.setEnabled(not applied)
        self.revert_button.setVisible(applied)
        if applied:
            event = session.event("applied")
            when = (self.tr("%1 by %2").replace("%1", event.at[:16].replace("T", " ")).replace("%2", event.by)
                    if event else "")
            self.summary.setText(self.tr("Applied to Shopify %1 (%2). Revert posts the opposite adjustment and "
                                         "makes a new apply possible.").replace("%1", when)
                                 .replace("%2", (event.note or "") if event else "").replace(" ()", ""))

    async def load_plan(self) -> None:
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
        self._fit_lines()
        self._update_summary()

    def _fit_lines(self) -> None:
        """A line's choice and its change stay in view without scrolling sideways (a 1024×600
        screen): the SKU steps aside (the variant's name says which it is), then the name gives way
        (cut, whole in its tooltip)."""
        header, view = self.lines_view.horizontalHeader(), self.lines_view
        view.setColumnHidden(1, False)
        least = view.fontMetrics().horizontalAdvance("Collapsible Water Carrier – 10 L") + 12

        def room() -> int:  # for the name; the vertical scroll bar counted whether it shows yet or not
            others = sum(header.sectionSize(c) for c in range(1, self.lines_model.columnCount())
                         if not view.isColumnHidden(c))
            return view.width() - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width() - others
        if min(header.sectionSize(0), least) > room():
            view.setColumnHidden(1, True)
        if header.sectionSize(0) > room():
            header.resizeSection(0, max(least // 2, room()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.plan is not None and event.oldSize().width() != event.size().width():
            QTimer.singleShot(0, self, self._refit_lines)

    def _refit_lines(self) -> None:
        self.lines_view.resizeColumnToContents(0)
        self._fit_lines()

    def _choose_all(self, keep: str) -> None:
        if self.plan is not None and not self.plan.locked:
            self.plan.choose(keep)  # type: ignore[arg-type]
            self.lines_model.refresh()
            self._update_summary()

    def _update_summary(self) -> None:
        plan = self.plan
        if plan is None:
            return
        writable = plan.writable
        problems = plan.blocked  # lines that would change stock and cannot be written as they are
        units_in = sum(line.change for line in writable if line.change > 0)
        units_out = -sum(line.change for line in writable if line.change < 0)
        parts = [self.tr("%1 (%2, %3).").replace("%1", self.tr("%n change(s) to write", "", len(writable)))
                 .replace("%2", self.tr("%n unit(s) in", "", units_in))
                 .replace("%3", self.tr("%n unit(s) out", "", units_out))]
        if plan.exceptions:
            parts.append(self.tr("%n line(s) keep the other way.", "", len(plan.exceptions)))
        if problems:
            parts.append(self.tr("%n line(s) cannot be written as they are: items Shopify does not track or does "
                                 "not stock at the location (shown first).", "", len(problems)))
        for area in plan.unmapped_areas:
            parts.append(self.tr("Area %1 is mapped to no location: its counts are not written (Storage areas… "
                                 "maps it).").replace("%1", area.label))
        if plan.locked:
            parts.append(self.tr("An earlier apply was interrupted: it resumes with the choices it was started "
                                 "with, and writes nothing twice."))
        self.summary.setText(" ".join(parts))
        self.fix.setVisible(any(line.fixable for line in problems))
        self.apply_button.setText(self.tr("Apply %n change(s) to Shopify…", "", len(writable)))
        self.apply_button.setEnabled(True)  # even with nothing to change: it records that Shopify matches

    # ---- apply ---------------------------------------------------------------------------
    def consequence_lines(self) -> list[str]:
        """The apply's consequence in numbers, as the confirmation states it."""
        assert self.plan is not None
        c = of_apply(self.plan, self._variants())
        keep = (self.tr("keeping the difference: what sold during the count stays sold") if self.plan.keep ==
                "difference" else self.tr("keeping the counted quantity: Shopify's stock becomes the count"))
        lines = [self.tr("Writes %n change(s) to Shopify's inventory, %1.", "", c.changes).replace("%1", keep),
                 self.tr("%1 (%2 at cost), %3 (%4 at cost).").replace("%1", self.tr("%n unit(s) in", "", c.units_in))
                 .replace("%2", money(c.value_in)).replace("%3", self.tr("%n unit(s) out", "", c.units_out))
                 .replace("%4", money(c.value_out))]
        if c.to_zero:
            lines.append(self.tr("%1 of %2 variants were counted as 0 (never counted, or nothing found): their "
                                 "stock goes to 0, %3 units out.").replace("%1", str(c.to_zero))
                         .replace("%2", str(c.lines)).replace("%3", str(c.to_zero_units)))
        return lines

    def confirm_apply(self) -> None:
        if self.plan is None:
            return
        self.confirm = ConfirmDialog(self, title=self.tr("Apply to Shopify"), consequences=self.consequence_lines(),
                                     irreversible=self.tr("Shopify's stock changes at once for every sales channel. "
                                                          "Revert can post the opposite adjustment later, but "
                                                          "orders placed meanwhile see the new stock."),
                                     confirm=self.tr("Write to Shopify"), pin=self.pin)
        self.confirm.accepted.connect(self.start_apply)
        self.confirm.open()

    def start_apply(self) -> None:
        assert self.plan is not None
        self.apply_button.setEnabled(False)
        self.cancel_apply.setVisible(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, max(1, len(self.plan.writable)))
        self.progress.setValue(0)
        self._apply_task = spawn(self._apply(self.plan), self._failed)

    def _stop_apply(self) -> None:
        if self._apply_task and not self._apply_task.done():
            self._apply_task.cancel()
            self.said.emit(self.tr("Apply stopped. Apply again to finish: what was written is not written twice."))
            self.cancel_apply.setVisible(False)
            spawn(self.load_plan(), self._failed)

    async def _apply(self, plan: ApplyPlan) -> None:
        result: ApplyResult = await closing.apply(self.shop, plan,
                                                  progress=lambda done, total: self.progress.setValue(done))
        self.cancel_apply.setVisible(False)
        if result.stale:
            self.said.emit(self.tr("%n line(s) changed in Shopify while you decided. They were read again: check "
                                   "them and apply again.", "", len(result.stale)))
            await self.load_plan()
            return
        failed = ([why for _, why in result.failed] + [line.problem or "" for line in result.blocked]
                  + [why for _, _, why in result.unreadable])
        if failed:  # the session stays finalized: what was written stays written, the rest waits
            self.said.emit(self.tr("%n line(s) could not be written: %1 Apply again to retry them.", "",
                                   len(failed)).replace("%1", translated(failed[0])))
            await self.load_plan()
            return
        self.said.emit(self.tr("Session %1 was applied already: nothing was written again.").replace("%1", self.name)
                       if result.already else
                       self.tr("Applied %n change(s) to Shopify's inventory.", "", len(result.applied)))
        self.changed.emit()

    async def _fix(self) -> None:
        assert self.plan is not None
        fixed = await closing.fix_items(self.shop, self.plan)
        self.said.emit(self.tr("%n item(s) are now tracked and stocked where they were counted.", "", fixed))
        await self.load_plan()

    # ---- revert --------------------------------------------------------------------------
    def confirm_revert(self) -> None:
        self.confirm = ConfirmDialog(self, title=self.tr("Revert the apply"), consequences=[self.tr(
            "Posts the opposite adjustment of what session %1 wrote to Shopify's inventory; the session goes back "
            "to finalized, and a new apply is possible.").replace("%1", self.name)],
            irreversible=self.tr("Shopify's stock changes at once; nothing is deleted, the history keeps both."),
            confirm=self.tr("Revert in Shopify"), pin=self.pin)
        self.confirm.accepted.connect(lambda: spawn(self._revert(), self._failed))
        self.confirm.open()

    async def _revert(self) -> None:
        result = await closing.revert(self.shop, self.name)
        self.said.emit(self.tr("Reverted %n change(s); the session is finalized again.", "", result.reverted))
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        self.said.emit(describe(error))
        if self.session.state is SessionState.FINALIZED:
            self.apply_button.setEnabled(True)
            self.cancel_apply.setVisible(False)
