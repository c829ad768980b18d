"""Wires the main window, the counter dialog and the session dialogs to the services.

All I/O is async on the qasync loop; every failure becomes a sentence in the window.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from ..services import setup
from ..services.counting_desk import CountingDesk, DeskStatus
from ..services.manager_pin import hash_pin, verify_pin
from ..services.messages import UNEXPECTED, describe, is_offline
from ..services.shop import ShopSession
from ..stocktake.models import CountOperation, OpKind, SessionState, Settings, Status
from ..stocktake.progress import session_progress
from ..stocktake.variant import VariantRecord
from .counter_dialog import CounterDialog, CounterView
from .grid_model import GridRow
from .main_window import MainWindow
from .tasks import spawn

log = logging.getLogger(__name__)
MANAGER_ACTIONS = ("finalize", "release", "settings", "leave kiosk mode", "reset a variant")


class MainController(QObject):
    def __init__(self, window: MainWindow, shop: ShopSession, *, kiosk: bool = False) -> None:
        super().__init__(window)
        self.window, self.shop, self.kiosk = window, shop, kiosk
        self.journal = shop.journal()  # one for the window's life: each session's desk writes through it
        self.desk: CountingDesk | None = None
        self.settings = Settings()
        self.area: str | None = None
        self.counter: CounterDialog | None = None
        self.counter_variant: str | None = None
        self.close_dialog: Any = None
        self.progress_dialog: Any = None
        self._progress_timer = QTimer(self)  # many deliveries in a burst: one chart refresh
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(250)
        self._progress_timer.timeout.connect(self._refresh_progress_view)
        window.session_selected.connect(lambda name: self._run(self.open_session(name)))
        window.scan_submitted.connect(self._on_scan)
        window.open_counter_requested.connect(self.open_counter)
        window.area_for_scans_changed.connect(self._on_area_changed)
        window.finalize_requested.connect(lambda: self._guarded("finalize", self.open_close_dialog))
        window.progress_requested.connect(self.open_progress)
        window.release_requested.connect(lambda: self._guarded("release", self._release))
        window.new_session_requested.connect(self._new_session)
        window.areas_requested.connect(lambda: self._guarded("settings", self._edit_areas))
        window.leave_kiosk_requested.connect(lambda: self._guarded("leave kiosk mode", self._leave_kiosk))

    # ---- plumbing --------------------------------------------------------------------
    def _run(self, coro: Any) -> None:
        spawn(coro, self._on_error)

    def _on_error(self, error: BaseException) -> None:
        if describe(error) == UNEXPECTED:
            log.error("unexpected error", exc_info=error)
        self.window.show_status(online=not is_offline(error), waiting=self._waiting(),
                                error=describe(error), bucket=self.shop.bucket_fill)

    def _waiting(self) -> int:
        return self.desk.status.waiting if self.desk else 0

    # ---- sessions ---------------------------------------------------------------------
    async def start(self) -> None:
        records = await setup.shop_records(self.shop)
        self.settings = records.settings or Settings()
        sessions = [(s.name, s.state.value) for s in records.sessions if s.is_open]
        current = next((name for name, state in sessions if state == SessionState.SNAPSHOTTED.value),
                       sessions[0][0] if sessions else None)
        self.window.show_sessions(sessions, current)
        if current:
            await self.open_session(current)
        else:
            self.window.show_status(online=True, waiting=0, bucket=self.shop.bucket_fill,
                                    error=self.tr("No session yet: start one with New session…"))

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
                                   session.blind)
        self.window.size_columns()
        self.window.grid.setItemDelegateForColumn(self.window.model.columnCount() - 1, self.window.badge)
        desk.on_rows_changed = self._on_rows_changed
        desk.on_status = self._on_desk_status
        desk.on_rejected = self._on_rejected
        desk.start()
        self._update_progress()
        self._on_desk_status(desk.status)

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
            self._show_counter()

    def _on_desk_status(self, status: DeskStatus) -> None:
        self.window.show_status(online=status.online, waiting=status.waiting, error=status.last_error,
                                bucket=status.bucket_fill)
        if self.counter:
            self._show_counter()

    def _on_rejected(self, rejected: list[tuple[CountOperation, str]]) -> None:
        op, reason = rejected[-1]
        self.window.warn(self.tr("A count was refused"),
                         self.tr("%1 count(s) could not be saved in Shopify: %2").replace("%1", str(len(rejected)))
                         .replace("%2", reason))

    def _on_area_changed(self, area: str) -> None:
        if area:
            self.area = area

    # ---- taps ----------------------------------------------------------------------------
    def tap(self, variant_id: str, kind: OpKind, area: str | None = None, value: int | None = None) -> None:
        async def go() -> None:
            assert self.desk is not None
            view = await self.desk.tap(variant_id, kind, area, value)
            self._on_rows_changed([view])
        self._run(go())

    def _on_scan(self, code: str) -> None:
        desk = self.desk
        if desk is None or desk.session is None:
            self.window.flash_scan(False, self.tr("Open a session before scanning."))
            return

        result = desk.interpret(code)
        if result.kind == "area" and result.area:  # at once: the next scan already counts there
            self.area = result.area
            self.window.show_areas([(a.key, a.label) for a in desk.areas], result.area)
            self.window.flash_scan(True, self.tr("Now counting into %1").replace("%1", result.area))
            return

        async def go() -> None:
            outcome = await desk.scan(result, self.area)
            if outcome.view is None:
                self.window.flash_scan(False)
                self.window.warn(self.tr("Scan not counted"), outcome.result.sentence())
                return
            self._on_rows_changed([outcome.view])
            row = self.window.model.row_for_variant(outcome.view.id)
            if row is not None:
                self.window.grid.selectRow(row)
                self.window.grid.scrollTo(self.window.model.index(row, 0))
            self.window.flash_scan(True, self.tr("+1 %1").replace("%1", outcome.view.display_name))
        self._run(go())

    # ---- the counter dialog --------------------------------------------------------------------
    def open_counter(self, variant_id: str) -> None:
        if self.desk is None:
            return
        if self.desk.view(variant_id).problems:  # nothing true can be counted on top of nonsense
            self._offer_reset(variant_id)
            return
        if self.counter is None:
            self.counter = CounterDialog(self.window)
            c = self.counter
            c.add_requested.connect(lambda area, delta: self._counter_tap(OpKind.ADD, area, delta))
            c.set_requested.connect(lambda area, value: self._counter_tap(OpKind.SET, area, value))
            c.counted_requested.connect(lambda area, on: self._counter_tap(OpKind.COUNTED, area, int(on)))
            c.done_requested.connect(lambda: self._counter_tap(OpKind.DONE))
            c.reopen_requested.connect(lambda: self._counter_tap(OpKind.REOPEN))
            c.navigate_requested.connect(self._counter_step)
            c.area_changed.connect(self._on_area_changed)
            c.scan_requested.connect(self._on_scan)
            c.finished.connect(self._counter_closed)
        self.counter_variant = variant_id
        self._show_counter()
        self.counter.open()

    def _counter_closed(self) -> None:
        self.counter_variant = None

    def _counter_tap(self, kind: OpKind, area: str | None = None, value: int | None = None) -> None:
        if self.counter_variant:
            if area:
                self.area = area
            self.tap(self.counter_variant, kind, area, value)

    def _counter_step(self, step: int) -> None:
        order = self.window.model.visible_variant_ids()
        if not order or self.counter_variant not in order:
            return
        index = order.index(self.counter_variant) + step
        if 0 <= index < len(order):
            self.counter_variant = order[index]
            self._show_counter()

    def _show_counter(self) -> None:
        desk, variant_id = self.desk, self.counter_variant
        if not self.counter or not desk or not variant_id or variant_id not in desk.records:
            return
        v = desk.view(variant_id)
        order = self.window.model.visible_variant_ids()
        counts = v.counts
        session = desk.session
        blind = bool(session and session.blind)
        status = v.status.value if v.status else "pending"
        if not (session and v.takes_part(session.name)):
            status = "problem" if v.problems else "omitted"
        self.counter.show_view(CounterView(
            variant_id=v.id, title=v.product_title, variant_title="" if v.title == "Default Title" else v.title,
            sku=v.sku or "", barcode=v.barcode or "", image=None, areas=[(a.key, a.label) for a in desk.areas],
            qty={k: a.qty for k, a in (counts.areas.items() if counts else [])},
            counted={k: a.counted for k, a in (counts.areas.items() if counts else [])},
            status=status, baseline=None if blind or not counts else sum(counts.baseline.values()),
            position=self.tr("%1 of %2").replace("%1", str(order.index(v.id) + 1)).replace("%2", str(len(order)))
            if v.id in order else "",
            saved_state=("offline" if not desk.status.online else
                         "waiting" if desk.waiting_for(v.id) else "saved"),
            message=desk.status.last_error))
        if self.area:
            self.counter.set_current_area(self.area)

    def _offer_reset(self, variant_id: str) -> None:
        """A hand-edited metafield: say what is wrong and offer the one-click reset."""
        assert self.desk is not None
        v = self.desk.view(variant_id)
        problems = " ".join(self.tr("The “%1” metafield cannot be read: %2.").replace("%1", key)
                            .replace("%2", reason.rstrip(".")) for key, reason in v.problems)
        self.reset_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("This variant cannot be counted"), self.tr(
            "%1 cannot be counted as it is. %2\n\nReset rewrites its stock-take data as a new snapshot would: the "
            "baseline from Shopify now, counts at zero, status pending. Then it can be counted again.")
            .replace("%1", v.display_name).replace("%2", problems),
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Reset, self.window)
        self.reset_box.finished.connect(lambda result: result == QMessageBox.StandardButton.Reset and self._guarded(
            "reset a variant", lambda: self._run(self._reset(variant_id))))
        self.reset_box.open()

    async def _reset(self, variant_id: str) -> None:
        desk = self.desk
        assert desk is not None and desk.session is not None
        name = desk.session.name
        await setup.reset_variant(self.shop, name, variant_id)
        await self.reload(name)
        self.window.statusBar().showMessage(self.tr("%1 was reset: it can be counted again.")
                                            .replace("%1", desk.records[variant_id].display_name), 8000)

    # ---- manager actions ---------------------------------------------------------------------
    def _guarded(self, action: str, then: Any) -> None:
        if self.kiosk and not self.check_pin(action):
            return
        then()

    def check_pin(self, action: str) -> bool:
        """Kiosk mode: the manager PIN (set once; stored as a salted scrypt hash) guards `action`."""
        settings = QSettings()
        stored = settings.value("kiosk/manager_pin_hash", "")
        if not stored:
            pin, ok = QInputDialog.getText(self.window, self.tr("Set the manager PIN"), self.tr(
                "Choose a manager PIN (4 to 12 digits). It is asked for before finalize, release, settings and "
                "leaving kiosk mode."), QLineEdit.EchoMode.Password)
            if not ok:
                return False
            try:
                settings.setValue("kiosk/manager_pin_hash", hash_pin(pin))
            except ValueError as exc:
                QMessageBox.warning(self.window, self.tr("Manager PIN"), str(exc))
                return False
            return True
        pin, ok = QInputDialog.getText(self.window, self.tr("Manager PIN"),
                                       self.tr("Enter the manager PIN to %1.").replace("%1", self.tr(action)),
                                       QLineEdit.EchoMode.Password)
        if ok and verify_pin(pin, str(stored)):
            return True
        if ok:
            QMessageBox.warning(self.window, self.tr("Manager PIN"), self.tr("That PIN is not right."))
        return False

    def open_close_dialog(self, tab: str | None = None) -> None:
        """Finalize (while counting), then the results, the apply and revert (once finalized)."""
        from .finalize_dialog import FinalizeDialog
        if not self.desk or not self.desk.session:
            return
        self.close_dialog = FinalizeDialog(self.window, self.shop, self.desk, self)
        state = self.desk.session.state
        self.close_dialog.show_tab(tab or ("apply" if state in (SessionState.FINALIZED, SessionState.APPLIED)
                                           else "finalize"))
        self.close_dialog.open()

    def open_progress(self) -> None:
        from .progress_view import ProgressDialog
        if not self.desk or not self.desk.session:
            return
        if self.progress_dialog is None or self.progress_dialog.session != self.desk.session.name:
            self.progress_dialog = ProgressDialog(self.window, self.desk.session.name)
        self._refresh_progress_view()
        self.progress_dialog.show()
        self.progress_dialog.raise_()

    def _refresh_progress_view(self) -> None:
        dialog, desk = self.progress_dialog, self.desk
        if dialog is None or desk is None or desk.session is None or dialog.session != desk.session.name:
            return
        dialog.show_progress(session_progress([desk.view(v) for v in desk.records], desk.areas, desk.session.name,
                                              blind=desk.session.blind and desk.session.state is SessionState.SNAPSHOTTED))

    def _release(self) -> None:
        from .finalize_dialog import confirm_release
        if self.desk and self.desk.session:
            confirm_release(self.window, self.shop, self.desk.session.name, self)

    def _edit_areas(self) -> None:
        from .areas_editor import AreasEditor
        editor = AreasEditor(self.window, self.shop)
        editor.saved.connect(lambda: self._run(self.reload(self.desk.session.name if self.desk and self.desk.session
                                                           else None)))
        editor.open()

    def _leave_kiosk(self) -> None:
        self.kiosk = False
        self.window.leave_kiosk()

    def _new_session(self) -> None:
        from .wizard import SessionWizard
        wizard = SessionWizard(self.window, self.shop)
        wizard.session_ready.connect(lambda name: self._run(self.reload(name)))
        wizard.open()

    async def reload(self, name: str | None = None) -> None:
        records = await setup.shop_records(self.shop)
        sessions = [(s.name, s.state.value) for s in records.sessions if s.is_open]
        self.window.show_sessions(sessions, name)
        if name:
            await self.open_session(name, fresh=True)
