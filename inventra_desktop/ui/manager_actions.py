"""The manager's actions (MainController holds one): the kiosk PIN before each, closing the count
(finalize, results, apply), progress, release, storage areas, a new session, leaving kiosk mode,
and the history of released sessions."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from ..services import setup
from ..stocktake.blind import expected_hidden
from ..stocktake.models import SessionState
from ..stocktake.progress import session_progress
from .confirm_dialog import ConfirmDialog
from .pin_dialog import ManagerPin, PinDialog
from .screen_fit import fit_window
from .theme import current_theme
from .touch import touch_button
from .controller_parts import ControllerParts


# The action in "Enter the manager PIN to %1." (translated under this context at run time).
ACTIONS = {
    "finalize": QT_TRANSLATE_NOOP("ManagerActions", "finalize"),
    "release": QT_TRANSLATE_NOOP("ManagerActions", "release"),
    "settings": QT_TRANSLATE_NOOP("ManagerActions", "settings"),
    "leave kiosk mode": QT_TRANSLATE_NOOP("ManagerActions", "leave kiosk mode"),
    "reset a variant": QT_TRANSLATE_NOOP("ManagerActions", "reset a variant"),
}


class ManagerActions(QObject):
    def __init__(self, controller: ControllerParts) -> None:
        super().__init__(controller)
        self.c = controller
        self.close_dialog: Any = None
        self.progress_dialog: Any = None
        self.pin_dialog: PinDialog | None = None
        self.confirm: ConfirmDialog | None = None
        self.plan_window: Any = None  # cycle counting's windows, kept while open
        self.accuracy_window: Any = None
        w = controller.window
        w.finalize_requested.connect(lambda: self.guarded("finalize", self.open_close_dialog))
        w.progress_requested.connect(self.open_progress)
        w.release_requested.connect(lambda: self.guarded("release", self.confirm_release))
        w.new_session_requested.connect(lambda: self.new_session())
        w.plan_requested.connect(self.open_plan)
        w.accuracy_requested.connect(self.open_accuracy)
        w.areas_requested.connect(lambda: self.guarded("settings", self.edit_areas))
        w.leave_kiosk_requested.connect(lambda: self.guarded("leave kiosk mode", self.leave_kiosk))
        w.forget_pin_requested.connect(self.forget_pin)

    # ---- the kiosk PIN -------------------------------------------------------------------------
    def guarded(self, action: str, then: Callable[[], Any]) -> None:
        """Kiosk mode: `then` once the manager PIN (set once; a salted scrypt hash) was typed."""
        if not self.c.kiosk:
            then()
            return
        words = QCoreApplication.translate("ManagerActions", ACTIONS.get(action, action))
        self.pin_dialog = PinDialog(self.c.window, words, ManagerPin())
        self.pin_dialog.accepted.connect(then)
        self.pin_dialog.open()

    def pin(self) -> ManagerPin | None:
        """The PIN confirmations ask for: in kiosk mode only."""
        return ManagerPin() if self.c.kiosk else None

    def forget_pin(self) -> None:
        """Desktop mode's way out of a lost PIN: the next kiosk action sets a new one."""
        if self.c.kiosk:
            return
        self.confirm = ConfirmDialog(self.c.window, title=self.tr("Forget the kiosk's manager PIN"), consequences=[
            self.tr("The manager PIN of kiosk mode on this computer is forgotten; the next manager action in kiosk "
                    "mode asks the store manager to set a new one.")],
            irreversible=self.tr("The old PIN cannot be brought back."), confirm=self.tr("Forget the PIN"))
        self.confirm.accepted.connect(lambda: (ManagerPin().forget(), self.c.window.statusBar().showMessage(
            self.tr("The manager PIN was forgotten."), 8000)))
        self.confirm.open()

    # ---- closing the count ----------------------------------------------------------------------
    def open_close_dialog(self, tab: str | None = None) -> None:
        """Finalize (while counting), then the results, the apply and revert (once finalized)."""
        from .finalize_dialog import FinalizeDialog
        desk = self.c.desk
        if not desk or not desk.session:
            return
        dialog = self.close_dialog = FinalizeDialog(self.c.window, self.c.shop, desk, pin=self.pin())
        dialog.finalized.connect(lambda name: self.c._run(self._after_finalize(name)))
        dialog.session_changed.connect(lambda name: self.c._run(self.c.reload(name)))
        dialog.show_not_done_requested.connect(lambda: self.c.window.filter_status.setCurrentIndex(1))
        state = desk.session.state
        dialog.show_tab(tab or ("apply" if state in (SessionState.FINALIZED, SessionState.APPLIED) else "finalize"))
        fit_window(dialog, dialog.sizeHint().expandedTo(current_size(980, 680)))
        dialog.open()

    async def _after_finalize(self, name: str) -> None:
        await self.c.reload(name)
        self.open_close_dialog(tab="alerts")  # the results and the apply, on the finalized session

    def confirm_release(self) -> None:
        desk = self.c.desk
        if not desk or not desk.session:
            return
        name = desk.session.name
        taking = sum(1 for v in desk.records.values() if v.in_session(name))
        products = len({v.product_id for v in desk.records.values()})
        self.confirm = ConfirmDialog(self.c.window, title=self.tr("Release session %1").replace("%1", name),
                                     consequences=[
            self.tr("The counters of %1 variants go back to 0 and not counted; their status to not started.")
            .replace("%1", str(taking)),
            self.tr("The session tag comes off %1 products, so they can join a new session.").replace(
                "%1", str(products)),
            self.tr("Area tags, alerts, the last counted dates and Shopify's stock stay; the session stays in the "
                    "history with its record.")],
            irreversible=self.tr("Release cannot be undone: the counts of this session are cleared from the "
                                 "products (export the report first if you need it)."),
            confirm=self.tr("Release the session"), pin=self.pin())
        self.confirm.accepted.connect(lambda: self.c._run(self._release(name)))
        self.confirm.open()

    async def _release(self, name: str) -> None:
        from ..services import closing
        await closing.release(self.c.shop, name)
        await self.c.reload(None)
        self.c.window.statusBar().showMessage(self.tr("Session %1 was released; it stays in the history.")
                                              .replace("%1", name), 10000)

    def open_history(self, name: str) -> None:
        """A released session, read-only: its record (who did what, when)."""
        self.c._run(self._history(name))

    async def _history(self, name: str) -> None:
        record = await setup.open_session_record(self.c.shop, name)
        dialog = QDialog(self.c.window)
        dialog.setWindowTitle(self.tr("Session %1 (released)").replace("%1", record.name))
        dialog.setAccessibleName(dialog.windowTitle())
        layout = QVBoxLayout(dialog)
        lines = [self.tr("%1 — %2 by %3").replace("%1", e.at[:16].replace("T", " ")).replace("%2", e.what)
                 .replace("%3", e.by) + (f": {e.note}" if e.note else "") for e in record.events]
        text = QLabel("\n".join(lines) or self.tr("No events recorded."))
        text.setWordWrap(True)
        text.setAccessibleName(self.tr("Session history"))
        layout.addWidget(QLabel(self.tr("Released sessions keep their record; their counts were cleared from the "
                                        "products at release (the report exported then has them).")))
        layout.addWidget(text, 1)
        close = touch_button(self.tr("Close this window"), dialog)
        close.clicked.connect(dialog.accept)
        layout.addWidget(close)
        self.history_dialog = dialog
        fit_window(dialog, current_size(640, 420))
        dialog.open()

    # ---- progress --------------------------------------------------------------------------------
    def open_progress(self) -> None:
        from .progress_view import ProgressDialog
        desk = self.c.desk
        if not desk or not desk.session:
            return
        if self.progress_dialog is None or self.progress_dialog.session != desk.session.name:
            self.progress_dialog = ProgressDialog(self.c.window, desk.session.name)
        self.refresh_progress_view()
        fit_window(self.progress_dialog, self.progress_dialog.sizeHint())
        self.progress_dialog.show()
        self.progress_dialog.raise_()

    def refresh_progress_view(self) -> None:
        dialog, desk = self.progress_dialog, self.c.desk
        if dialog is None or desk is None or desk.session is None or dialog.session != desk.session.name:
            return
        dialog.show_progress(session_progress([desk.view(v) for v in desk.records], desk.areas, desk.session.name,
                                              blind=expected_hidden(desk.session)))

    # ---- settings, sessions, kiosk -------------------------------------------------------------
    def edit_areas(self, first_run: bool = False) -> None:
        from .areas_editor import AreasEditor
        editor = self.areas_editor = AreasEditor(self.c.window, self.c.shop, first_run=first_run)
        desk = self.c.desk
        editor.saved.connect(lambda: self.c._run(self.c.reload(desk.session.name if desk and desk.session
                                                                 else None)))
        editor.saved.connect(self.c.window.statusBar().clearMessage)  # "review the mapping": reviewed now
        fit_window(editor, current_size(760, 460))
        editor.open()

    def leave_kiosk(self) -> None:
        self.c.kiosk = False
        self.c.window.leave_kiosk()

    def new_session(self, planned: Any = None) -> None:
        """The session wizard; with `planned` (a planning.PlannedSession), from a plan's products and areas."""
        from .wizard import SessionWizard
        wizard = self.wizard = SessionWizard(self.c.window, self.c.shop, planned=planned)
        wizard.session_ready.connect(lambda name: self.c._run(self.c.reload(name)))
        fit_window(wizard, current_size(820, 640))
        wizard.open()


    # ---- cycle counting ------------------------------------------------------------------------
    def open_plan(self) -> None:
        from .plan_window import PlanWindow
        if self.plan_window is None or not self.plan_window.isVisible():
            # In kiosk mode the class frequencies (settings) stay with the manager: no Frequencies… here.
            self.plan_window = PlanWindow(self.c.window, self.c.shop, settings=not self.c.kiosk)
            self.plan_window.create_requested.connect(self.new_session)
        self.plan_window.show()
        self.plan_window.raise_()

    def open_accuracy(self) -> None:
        from .accuracy_window import AccuracyWindow
        if self.accuracy_window is None or not self.accuracy_window.isVisible():
            self.accuracy_window = AccuracyWindow(self.c.window, self.c.shop)
        self.accuracy_window.show()
        self.accuracy_window.raise_()


def current_size(width: int, height: int) -> Any:
    """A preferred size in the current theme's scale (kiosk type is larger)."""
    from PySide6.QtCore import QSize
    scale = 1.25 if current_theme().kiosk else 1.0
    return QSize(round(width * scale), round(height * scale))
