"""Finalize a session (the gate explained, the uncounted choice) and release it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..journal.desk import CountingDesk
from ..journal.workspace import Workspace
from ..shopify.client import AdminClient
from ..stocktake.finalize import finalize, release
from ..stocktake.models import Status
from .tasks import spawn
from .theme import current_theme

if TYPE_CHECKING:
    from .controller import MainController


class FinalizeDialog(QDialog):
    def __init__(self, parent: QWidget, client: AdminClient, workspace: Workspace, desk: CountingDesk,
                 controller: MainController) -> None:
        super().__init__(parent)
        self.client, self.workspace, self.desk, self.controller = client, workspace, desk, controller
        session = desk.session
        assert session is not None
        self.name = session.name
        theme = current_theme()
        self.setWindowTitle(self.tr("Finalize session %1").replace("%1", self.name))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.spacing)
        views = [desk.view(v) for v in desk.records]
        taking = [v for v in views if v.takes_part(self.name)]
        self.not_done = [v for v in taking if v.status is not Status.DONE]
        done = len(taking) - len(self.not_done)
        gate = QLabel()
        gate.setWordWrap(True)
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
        group = QButtonGroup(self)
        for b in (self.zero, self.omit):
            group.addButton(b)
            b.setMinimumHeight(theme.touch_target)
            b.setVisible(bool(self.not_done))
            layout.addWidget(b)
            note = QLabel(explain[b])
            note.setWordWrap(True)
            note.setContentsMargins(28, 0, 0, 0)
            note.setVisible(bool(self.not_done))
            layout.addWidget(note)
        self.show_them = QPushButton(self.tr("Show the %1 not done").replace("%1", str(len(self.not_done))))
        self.show_them.setVisible(bool(self.not_done))
        self.show_them.setMinimumHeight(theme.touch_target)
        self.show_them.clicked.connect(self._show_not_done)
        layout.addWidget(self.show_them)
        if self.desk.status.waiting:
            waiting = QLabel(self.tr("%1 counts of this device are still waiting to be sent; they go first.")
                             .replace("%1", str(self.desk.status.waiting)))
            waiting.setWordWrap(True)
            layout.addWidget(waiting)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        cancel = QPushButton(self.tr("Cancel"))
        self.go = QPushButton(self.tr("Finalize"))
        self.go.setDefault(True)
        for b in (cancel, self.go):
            b.setMinimumHeight(theme.touch_target)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.go)
        layout.addLayout(buttons)
        cancel.clicked.connect(self.reject)
        self.go.clicked.connect(self._on_go)

    def _show_not_done(self) -> None:
        self.controller.window.filter_status.setCurrentIndex(1)  # pending first; the rest follow by status
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
        report = await finalize(self.client, self.name, by=self.workspace.device.name, uncounted=choice)  # type: ignore[arg-type]
        alerts = "".join(f"\n• {product}: stock in {area}" for product, area in report.alerts)
        QMessageBox.information(self.parentWidget(), self.tr("Session finalized"),
                                self.tr("Session %1 is finalized.").replace("%1", self.name) + alerts)
        self.accept()
        await self.controller.reload(self.name)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(str(error))
        self.go.setEnabled(True)


def confirm_release(parent: QWidget, client: AdminClient, workspace: Workspace, name: str,
                    controller: MainController) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, parent.tr("Release session"), parent.tr(
        "Release %1? Counters go back to zero and the session tags are removed; area tags, alerts and the last "
        "counted dates stay. The session stays in the history.").replace("%1", name),
        QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes, parent)

    def answered(result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            async def go() -> None:
                await release(client, name, by=workspace.device.name)
                await controller.reload(None)
            spawn(go(), controller._on_error)
    box.finished.connect(answered)
    box.open()
