"""Wires the main window, the counter and the session dialogs to the services.

All I/O is async on the qasync loop; every failure becomes a sentence in the window. The
counter's wiring is in counter_control.py, the manager's actions (PIN, finalize, release,
areas, wizard) in manager_actions.py.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer

from ..services import count_history, messages, setup
from ..services.counting_desk import CountingDesk, DeskStatus
from ..services.messages import is_offline
from ..services.shop import ShopSession
from ..stocktake.blind import expected_hidden
from ..stocktake.models import CountOperation, OpKind, SessionState, Settings, Status
from ..stocktake.variant import VariantRecord
from .counter_control import CounterControl
from .grid_row import GridRow
from .main_window import MainWindow
from .manager_actions import ManagerActions
from .sentences import describe, translated
from .tasks import spawn

log = logging.getLogger(__name__)


class MainController(QObject):
    def __init__(self, window: MainWindow, shop: ShopSession, *, kiosk: bool = False) -> None:
        super().__init__(window)
        self.window, self.shop, self.kiosk = window, shop, kiosk
        self.journal = shop.journal()  # one for the window's life: each session's desk writes through it
        self.desk: CountingDesk | None = None
        self.settings = Settings()
        self.area: str | None = None  # the one area this device counts into: scans and the counter
        self.last_counts: dict[str, Any] = {}  # variant gid -> LastCount of the open session's variants
        self.counting = CounterControl(self)
        self.actions = ManagerActions(self)
        self._progress_timer = QTimer(self)  # many deliveries in a burst: one chart refresh
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(250)
        self._progress_timer.timeout.connect(self.actions.refresh_progress_view)
        window.session_selected.connect(lambda name: self._run(self.select_session(name)))
        window.scan_submitted.connect(self._on_scan)
        window.open_counter_requested.connect(self.open_counter)
        window.area_for_scans_changed.connect(self.set_area)

    # The dialogs, as tests and the screenshots reach them.
    @property
    def counter(self):  # type: ignore[no-untyped-def]
        return self.counting.counter

    @property
    def counter_variant(self) -> str | None:
        return self.counting.counter_variant

    @property
    def close_dialog(self):  # type: ignore[no-untyped-def]
        return self.actions.close_dialog

    @property
    def progress_dialog(self):  # type: ignore[no-untyped-def]
        return self.actions.progress_dialog

    @property
    def plan_window(self):  # type: ignore[no-untyped-def]
        return self.actions.plan_window

    @property
    def accuracy_window(self):  # type: ignore[no-untyped-def]
        return self.actions.accuracy_window

    def open_counter(self, variant_id: str) -> None:
        self.counting.open_counter(variant_id)

    def open_close_dialog(self, tab: str | None = None) -> None:
        self.actions.open_close_dialog(tab)

    def open_progress(self) -> None:
        self.actions.open_progress()

    # ---- plumbing --------------------------------------------------------------------
    def _run(self, coro) -> None:  # type: ignore[no-untyped-def]
        spawn(coro, self._on_error)

    def _on_error(self, error: BaseException) -> None:
        if messages.describe(error) == messages.UNEXPECTED:  # a bug, not a refusal: the log keeps its traceback
            log.error("unexpected error", exc_info=error)
        self.window.show_status(online=not is_offline(error), waiting=self._waiting(),
                                error=describe(error), bucket=self.shop.bucket_fill)

    def _waiting(self) -> int:
        return self.desk.status.waiting if self.desk else 0

    def set_area(self, area: str) -> None:
        """The area this device counts into from now on, shown wherever a scan can land."""
        if not area or (self.desk and area not in {a.key for a in self.desk.areas}):
            return
        self.area = area
        self.window.show_area(area)
        if self.counting.counter is not None:
            self.counting.counter.set_current_area(area)

    # ---- sessions ---------------------------------------------------------------------
    async def start(self) -> None:
        records = await setup.shop_records(self.shop)
        self.settings = records.settings or Settings()
        sessions = [(s.name, s.state.value) for s in records.sessions]
        working = [(n, st) for n, st in sessions if st != SessionState.RELEASED.value]
        current = next((name for name, state in working if state == SessionState.SNAPSHOTTED.value),
                       working[0][0] if working else None)
        self.window.show_sessions(sessions, current)
        if current:
            await self.open_session(current)
        else:
            self.window.show_status(online=True, waiting=0, bucket=self.shop.bucket_fill,
                                    error=self.tr("No session yet: start one with New session…"))

    async def select_session(self, name: str) -> None:
        """A session picked in the list: an open one loads into the grid; a released one shows its record."""
        if self.window.selected_session_state() == SessionState.RELEASED.value:
            await self.close_session()
            self.actions.open_history(name)
            return
        await self.open_session(name)

    async def close_session(self) -> None:
        """No session in the grid (after a release, or a released one picked from the history)."""
        if self.desk:
            desk, self.desk = self.desk, None
            await desk.close()
        if self.counting.counter is not None:
            self.counting.counter.close()
        self.window.model.set_rows([], [], False)
        self.window.size_columns()
        self.window.show_areas([], None)
        self.window.show_session_actions(None)
        self.window.show_status(online=True, waiting=0, error=None, bucket=self.shop.bucket_fill)

    async def open_session(self, name: str, *, fresh: bool = False) -> None:
        if self.desk:
            await self.desk.close()
        desk = CountingDesk(self.shop, self.journal)
        # A session opened before shows at once from this device's copy and is reconciled in the
        # background (desk.start); after a change made here (`fresh`), it is read from the shop.
        rows = await desk.open(name, fresh=fresh)
        gc.freeze()  # the session's rows live as long as it is open: keep them out of GC passes
        self.desk = desk
        session = desk.session
        assert session is not None
        areas = [(a.key, a.label) for a in desk.areas]
        self.area = self.area if self.area in dict(areas) else (areas[0][0] if areas else None)
        self.window.show_areas(areas, self.area)
        self.window.show_session_state(session.state.value)
        self.window.model.set_rows([GridRow.from_variant(r, [k for k, _ in areas], name) for r in rows], areas,
                                   expected_hidden(session))
        self.window.size_columns()
        self.window.grid.setItemDelegateForColumn(self.window.model.status_column, self.window.badge)
        desk.on_rows_changed = self._on_rows_changed
        desk.on_status = self._on_desk_status
        desk.on_rejected = self._on_rejected
        desk.start()
        self._update_progress()
        self._on_desk_status(desk.status)
        self._run(self._load_last_counts(name))

    async def _load_last_counts(self, name: str) -> None:
        """Last counted and last variance (the count histories), after the grid is up."""
        desk = self.desk
        if desk is None:
            return
        last_done = {v: desk.view(v).last_done for v in desk.records}
        last_counts = await count_history.last_counts(self.shop, name, last_done)
        if self.desk is not desk:  # another session was opened meanwhile
            return
        self.last_counts = last_counts
        self.window.model.set_last_counts({v: (c.counted.isoformat() if c.counted else "", c.variance)
                                           for v, c in last_counts.items()})
        self.counting._show_counter()

    def _update_progress(self) -> None:
        if not self.desk or not self.desk.session:
            return
        name = self.desk.session.name
        views = [self.desk.view(v) for v in self.desk.records]
        taking = [v for v in views if v.takes_part(name)]
        self.window.show_progress(sum(1 for v in taking if v.status is Status.DONE), len(taking))
        if self.progress_dialog is not None and self.progress_dialog.isVisible():
            self._progress_timer.start()

    def _on_rows_changed(self, rows: list[VariantRecord]) -> None:
        if not self.desk or not self.desk.session:
            return
        keys = [a.key for a in self.desk.areas]
        self.window.model.update_rows([GridRow.from_variant(r, keys, self.desk.session.name) for r in rows])
        self._update_progress()
        if self.counter and self.counter_variant and any(r.id == self.counter_variant for r in rows):
            self.counting._show_counter()

    def _on_desk_status(self, status: DeskStatus) -> None:
        self.window.show_status(online=status.online, waiting=status.waiting, error=translated(status.last_error),
                                bucket=status.bucket_fill)
        if self.counter:
            self.counting._show_counter()

    def _on_rejected(self, rejected: list[tuple[CountOperation, str]]) -> None:
        # Said in the status bar (and the counter): a modal box here could take a scanner's Enter.
        op, reason = rejected[-1]
        self.window.statusBar().showMessage(
            self.tr("%n count(s) could not be saved in Shopify: %1", "", len(rejected)).replace("%1", translated(reason)),
            30000)

    # ---- taps and scans --------------------------------------------------------------------
    def tap(self, variant_id: str, kind: OpKind, area: str | None = None, value: int | None = None) -> None:
        async def go() -> None:
            assert self.desk is not None
            view = await self.desk.tap(variant_id, kind, area, value)
            self._on_rows_changed([view])

        def refused(error: BaseException) -> None:  # said where the finger is too, not only in the status bar
            self._on_error(error)
            self.counting.tap_refused(variant_id, describe(error))
        spawn(go(), refused)

    def _on_scan(self, code: str) -> None:
        desk = self.desk
        if desk is None or desk.session is None:
            self.window.scan_not_counted(code, self.tr("Open a session before scanning."))
            return
        result = desk.interpret(code)
        if result.kind == "area" and result.area:  # at once: the next scan already counts there
            self.set_area(result.area)
            label = next((a.label for a in desk.areas if a.key == result.area), result.area)
            self.window.flash_scan(True, self.tr("Now counting into %1").replace("%1", label))
            return
        area = self.area

        async def go() -> None:
            try:
                outcome = await desk.scan(result, area)
            except Exception as exc:  # noqa: BLE001 (a refused scan is listed, never lost)
                self.window.scan_not_counted(code, describe(exc))
                raise
            if outcome.view is None:
                why = translated(outcome.result.sentence())
                self.window.scan_not_counted(code, why)
                self.counting.counter_note(code, why)
                return
            self._on_rows_changed([outcome.view])
            row = self.window.model.row_for_variant(outcome.view.id)
            if row is not None:
                self.window.grid.selectRow(row)
                self.window.grid.scrollTo(self.window.model.index(row, 0))
            self.window.flash_scan(True, self.tr("+1 %1").replace("%1", outcome.view.display_name))
            self.counting.counter_scanned(outcome.view)
        self._run(go())

    async def reload(self, name: str | None = None) -> None:
        records = await setup.shop_records(self.shop)
        sessions = [(s.name, s.state.value) for s in records.sessions]
        self.window.show_sessions(sessions, name)
        if name:
            await self.open_session(name, fresh=True)
        else:
            await self.close_session()
