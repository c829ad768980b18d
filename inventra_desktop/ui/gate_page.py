"""Finalize's page of the close-the-count dialog: the completion gate explained, the choice for
what is not done, and the Finalize button (confirmed with its consequence in numbers)."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from ..stocktake.models import Status
from ..stocktake.variant import VariantRecord
from .theme import current_theme
from .touch import touch_button

Choice = Literal["zero", "omit"]


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class GatePage(QWidget):
    """Signals: finalize_requested(choice or None), show_not_done_requested()."""

    finalize_requested = Signal(object)
    show_not_done_requested = Signal()

    def __init__(self, views: list[VariantRecord], name: str, waiting: int) -> None:
        super().__init__()
        theme = current_theme()
        self.setAccessibleName(self.tr("Finalize"))
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.spacing)
        taking = [v for v in views if v.takes_part(name)]
        self.not_done = [v for v in taking if v.status is not Status.DONE]
        done = len(taking) - len(self.not_done)
        self.gate = wrapped()
        self.gate.setAccessibleName(self.tr("Completion gate"))
        if self.not_done:
            self.gate.setText(self.tr("%1 of %2 variants are done. %3 are not done yet: finalizing needs every "
                                      "variant done, or a decision for the rest.").replace("%1", str(done))
                              .replace("%2", str(len(taking))).replace("%3", str(len(self.not_done))))
        else:
            self.gate.setText(self.tr("All %1 variants are done. Finalizing tags the products by area, raises "
                                      "alerts for stock in non-standard areas, and stops the count.")
                              .replace("%1", str(done)))
        layout.addWidget(self.gate)
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
            b.setStyleSheet(f"QRadioButton::indicator {{ width: {theme.touch_target // 2}px; "
                            f"height: {theme.touch_target // 2}px; }}")  # a target for a finger, not a pin
            b.setVisible(bool(self.not_done))
            layout.addWidget(b)
            note = wrapped(explain[b])
            note.setContentsMargins(theme.touch_target // 2 + 12, 0, 0, 0)
            note.setVisible(bool(self.not_done))
            layout.addWidget(note)
        self.show_them = touch_button(self.tr("Show the %1 not done").replace("%1", str(len(self.not_done))), self)
        self.show_them.setVisible(bool(self.not_done))
        self.show_them.clicked.connect(self.show_not_done_requested)
        if waiting:
            layout.addWidget(wrapped(self.tr("%n count(s) of this device still waiting to be sent go first.", "",
                                             waiting)))
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.show_them)
        row.addStretch(1)
        # "Finalize the count", never a bare "Finalize": in German it would read Abschließen beside Schließen.
        self.go = touch_button(self.tr("Finalize the count…"), self, name="finalizeGo", role="primary")
        self.go.setDefault(True)
        self.go.clicked.connect(self._on_go)
        row.addWidget(self.go)
        layout.addLayout(row)
        self.message = wrapped()
        self.message.setAccessibleName(self.tr("Finalize message"))
        layout.addWidget(self.message)

    def choice(self) -> Choice | None:
        return "zero" if self.zero.isChecked() else "omit" if self.omit.isChecked() else None

    def _on_go(self) -> None:
        choice = self.choice()
        if self.not_done and choice is None:
            self.message.setText(self.tr("Choose what happens to the variants not done, or count them first."))
            return
        self.message.setText("")
        self.finalize_requested.emit(choice)
