"""The kiosk's manager PIN: entered on an on-screen keypad (a kiosk has no keyboard), set the
first time by the store manager, twice, and kept on this device as a salted scrypt hash only
(services/manager_pin.py). A lost PIN is forgotten from the desktop (not kiosk) mode's Shop menu."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..paths import data_dir
from ..services.manager_pin import MAX_DIGITS, MIN_DIGITS, PIN_GUARD_FILE, PinAnswer, PinGuard, hash_pin, pin_problem
from .keypad import Keypad
from .theme import current_theme
from .touch import touch_button

PIN_DIGITS = MAX_DIGITS


class ManagerPin:
    """The PIN as this device's settings keep it (`kiosk/manager_pin_hash`)."""

    KEY = "kiosk/manager_pin_hash"

    def __init__(self, settings: Any = None) -> None:
        self.settings = settings if settings is not None else QSettings()

    def is_set(self) -> bool:
        return bool(self.settings.value(self.KEY, ""))

    def check(self, pin: str) -> PinAnswer:
        """One try, through the device's attempt limit (services/manager_pin.py): after a few wrong
        PINs each next try waits longer, also across a restart."""
        stored = str(self.settings.value(self.KEY, ""))
        if not stored:
            return PinAnswer(False, 0.0, 0, QCoreApplication.translate(
                "PinDialog", "No manager PIN is set on this device yet."))
        return PinGuard(data_dir() / PIN_GUARD_FILE).check(pin, stored)

    def set(self, pin: str) -> None:
        """Raises ValueError with the sentence when `pin` is not a valid PIN (services/manager_pin.py)."""
        self.settings.setValue(self.KEY, hash_pin(pin))
        self.settings.sync()

    def forget(self) -> None:
        self.settings.remove(self.KEY)
        self.settings.sync()


def pin_keypad(parent: QWidget) -> Keypad:
    """A keypad that shows dots for the digits typed."""
    return Keypad(parent, max_digits=PIN_DIGITS, secret=True,
                  hint=QCoreApplication.translate("PinDialog", "Tap the PIN"))


class PinDialog(QDialog):
    """Asks for the manager PIN before `action` ("finalize", …, already translated); accepted
    when it is right. With no PIN yet, the manager sets one: typed twice, then accepted."""

    def __init__(self, parent: QWidget | None, action: str, pin: ManagerPin | None = None) -> None:
        super().__init__(parent)
        self.pin = pin or ManagerPin()
        self.setting = not self.pin.is_set()
        self._first: str | None = None
        theme = current_theme()
        self.setWindowTitle(self.tr("Set the manager PIN") if self.setting else self.tr("Manager PIN"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.spacing)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setFont(theme.font("caption", bold=True))
        self.prompt.setAccessibleName(self.tr("What to type"))
        layout.addWidget(self.prompt)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("PIN message"))
        layout.addWidget(self.note)
        self.keypad = pin_keypad(self)
        self.keypad.setMinimumSize(theme.touch_target * 4, theme.touch_target * 4)
        self.keypad.submitted.connect(self._on_submitted)
        layout.addWidget(self.keypad, 1)
        row = QHBoxLayout()
        self.cancel = touch_button(self.tr("Cancel"), self, name="pinCancel")
        self.cancel.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(self.cancel)
        layout.addLayout(row)
        self.action = action
        if self.setting:
            # The words stay and the prompt keeps two lines' room through both entries: the keypad
            # does not move between them, so the same taps type the same PIN.
            self.prompt.setMinimumHeight(2 * QFontMetrics(self.prompt.font()).lineSpacing())
            self.prompt.setText(self.tr("Set the manager PIN: %1 to %2 digits.").replace("%1", str(MIN_DIGITS))
                                .replace("%2", str(MAX_DIGITS)))
            self.note.setText(self.tr(
                "The store manager sets this PIN, not the person counting: it is asked for before finalize, apply, "
                "release, settings and leaving kiosk mode. Type it twice. A lost PIN is reset from the desktop mode "
                "of this computer (Shop ▸ Forget the kiosk's manager PIN)."))
        else:
            self.prompt.setText(self.tr("Enter the manager PIN to %1.").replace("%1", action))

    def type_pin(self, pin: str) -> None:
        """Taps `pin` on the keypad and OK (what a manager's finger does)."""
        for digit in pin:
            self.keypad.digit_buttons[int(digit)].click()
        self.keypad.ok_button.click()

    def _on_submitted(self, typed: str, is_code: bool) -> None:
        said = self.prompt if self.setting else self.note  # setting: the explanation below stays put
        if is_code:
            said.setText(self.tr("A PIN is digits only."))
            return
        if not self.setting:
            answer = self.pin.check(typed)
            if answer.ok:
                self.accept()
            elif answer.wait_seconds:
                self.note.setText(answer.message)  # the attempt limit's own words: wrong, and how long to wait
            else:
                self.note.setText(self.tr("That PIN is not right. Try again."))
            return
        if self._first is None:
            if pin_problem(typed):
                said.setText(self.tr("A manager PIN is %1 to %2 digits.").replace("%1", str(MIN_DIGITS))
                             .replace("%2", str(MAX_DIGITS)))
                return
            self._first = typed
            self.prompt.setText(self.tr("Type the same PIN again."))
        elif typed != self._first:
            self._first = None
            self.prompt.setText(self.tr("The two PINs differ. Set the PIN again: %1 to %2 digits.")
                                .replace("%1", str(MIN_DIGITS)).replace("%2", str(MAX_DIGITS)))
        else:
            self.pin.set(typed)
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key, text = event.key(), event.text()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.keypad.submit()
        elif key == Qt.Key.Key_Backspace:
            self.keypad.backspace()
        elif text and text.isprintable() and not text.isspace():
            self.keypad.type_text(text)
        else:
            super().keyPressEvent(event)
