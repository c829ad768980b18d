"""The confirmation before a step that changes the shop for good (finalize, apply, release):
what it will do in numbers, the step that cannot be undone named, touch-sized buttons, and in
kiosk mode the manager PIN on an on-screen keypad in the same dialog."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .pin_dialog import ManagerPin, pin_keypad
from .screen_fit import fit_window, scrolling
from .theme import current_theme
from .touch import touch_button


class ConfirmDialog(QDialog):
    """Accepted when the user confirms (and, with `pin`, typed the right manager PIN)."""

    def __init__(self, parent: QWidget | None, *, title: str, consequences: list[str], irreversible: str,
                 confirm: str, pin: ManagerPin | None = None) -> None:
        super().__init__(parent)
        theme = current_theme()
        self.pin = pin
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.spacing)
        body = QHBoxLayout()  # the words, and beside them (kiosk) the PIN keypad: it fits a low screen
        said = QWidget()
        said.setAccessibleName(self.tr("What this will do"))
        words = QVBoxLayout(said)
        words.setContentsMargins(0, 0, 0, 0)
        body.addWidget(scrolling(said), 3)  # long consequences scroll on a low screen, never cut
        layout.addLayout(body, 1)
        self.consequences = QLabel("\n".join(f"• {line}" for line in consequences))
        self.consequences.setWordWrap(True)
        self.consequences.setMinimumWidth(theme.touch_target * 6)
        self.consequences.setFont(theme.font("caption"))
        self.consequences.setAccessibleName(self.tr("What this will do"))
        self.consequences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words.addWidget(self.consequences)
        self.irreversible = QLabel(irreversible)
        self.irreversible.setWordWrap(True)
        self.irreversible.setFont(theme.font("caption", bold=True))
        self.irreversible.setStyleSheet(f"color: {theme.status_colors('problem').fill};")
        self.irreversible.setAccessibleName(self.tr("What cannot be undone"))
        words.addWidget(self.irreversible)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("Confirmation message"))
        self.keypad = None
        if pin is not None:
            pad = QVBoxLayout()
            pad.addWidget(QLabel(self.tr("The manager PIN:")))
            self.keypad = pin_keypad(self)
            self.keypad.setMinimumSize(theme.touch_target * 4, theme.touch_target * 4)
            self.keypad.ok_button.hide()  # the confirm button below is the one OK
            self.keypad.changed.connect(lambda typed: self.confirm.setEnabled(bool(typed)))
            pad.addWidget(self.keypad, 1)
            body.addLayout(pad, 2)
        words.addWidget(self.note)
        words.addStretch(1)
        row = QHBoxLayout()
        self.cancel = touch_button(self.tr("Cancel"), self, name="confirmCancel")
        self.confirm = touch_button(confirm, self, name="confirmGo", role="primary")
        self.confirm.setEnabled(pin is None)
        self.cancel.clicked.connect(self.reject)
        self.confirm.clicked.connect(self._on_confirm)
        row.addWidget(self.cancel)
        row.addStretch(1)
        row.addWidget(self.confirm)
        layout.addLayout(row)
        fit_window(self, QSize(theme.touch_target * (16 if pin is not None else 11), theme.touch_target * 9))

    def type_pin(self, pin: str) -> None:
        assert self.keypad is not None
        for digit in pin:
            self.keypad.digit_buttons[int(digit)].click()

    def _on_confirm(self) -> None:
        if self.pin is not None and self.keypad is not None:
            typed = self.keypad.typed
            self.keypad.clear()
            answer = self.pin.check(typed)
            if not answer.ok:
                self.note.setText(answer.message if answer.wait_seconds or not self.pin.is_set() else
                                  self.tr("That PIN is not right."))
                return
        self.accept()
