"""An on-screen numeric keypad: the counter's quantity entry and the manager PIN's.

It holds the digits typed so far and shows them (or dots, for a PIN). Keyboard input comes
through `type_text`; a text that cannot be a number (letters, or more than `max_digits` digits)
is a code a wedge scanner typed, and `submitted` says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from .theme import Theme, current_theme
from .touch import TouchButton, touch_button


class Keypad(QFrame):
    """Digits 0–9, delete-last and an OK key (labelled `ok_text`) under a display.

    Signals:
        submitted(str text, bool is_code): OK (or Enter via `submit`) with something typed;
            `is_code` when the text cannot be a number of at most `max_digits` digits.
        changed(str text): what is typed changed.
    """

    submitted = Signal(str, bool)
    changed = Signal(str)
    full = Signal()  # a digit tapped when `max_digits` are typed already (it was not taken)

    def __init__(self, parent: QWidget | None = None, *, ok_text: str = "", max_digits: int = 6,
                 secret: bool = False, hint: str = "", theme: Theme | None = None) -> None:
        super().__init__(parent)
        t = self._theme = theme or current_theme()
        self.max_digits = max_digits
        self.secret = secret
        self._hint = hint or self.tr("Type a number")
        self._typed = ""
        self._is_code = False
        self._enabled = True
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(t.spacing // 2 + 2)
        self.display = QLabel(self)
        self.display.setObjectName("keypadDisplay")
        self._display_font = t.font("big_button", self.font(), bold=True)
        self._hint_font = t.font("body", self.font())
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.display.setMinimumHeight(t.touch_target)
        self.display.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.display.setAccessibleName(self.tr("Typed PIN") if secret else self.tr("Typed number"))
        col.addWidget(self.display)

        grid = QGridLayout()
        grid.setSpacing(t.spacing // 2 + 2)
        self.digit_buttons: dict[int, TouchButton] = {}
        for index, digit in enumerate((7, 8, 9, 4, 5, 6, 1, 2, 3)):
            grid.addWidget(self._digit(digit), index // 3, index % 3)
        self.backspace_button = touch_button("\u232b", self, name="keypadBackspace", role="key", theme=t,
                                             accessible=self.tr("Delete last digit"))
        self.backspace_button.setFont(t.font("big_button", self.font()))
        self.backspace_button.clicked.connect(self.backspace)
        grid.addWidget(self.backspace_button, 3, 0)
        grid.addWidget(self._digit(0), 3, 1)
        self.ok_button = touch_button(ok_text or self.tr("OK"), self, name="keypadSet", role="primary", theme=t)
        self.ok_button.setFont(t.font("big_button", self.font(), bold=True))
        self.ok_button.clicked.connect(self.submit)
        grid.addWidget(self.ok_button, 3, 2)
        for button in (self.backspace_button, self.ok_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        for r in range(4):
            grid.setRowStretch(r, 1)
        col.addLayout(grid, 1)
        self._refresh()

    def _digit(self, digit: int) -> TouchButton:
        button = touch_button(str(digit), self, name=f"keypad{digit}", role="key", theme=self._theme,
                              accessible=self.tr("Digit %1").replace("%1", str(digit)))
        button.setFont(self._theme.font("big_button", self.font()))
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.clicked.connect(lambda: self.tap_digit(digit))
        self.digit_buttons[digit] = button
        return button

    # ---- state ---------------------------------------------------------------------------
    @property
    def typed(self) -> str:
        return self._typed

    def set_keys_enabled(self, enabled: bool) -> None:
        """Disable every key (the counter without an area)."""
        self._enabled = enabled
        for button in self.digit_buttons.values():
            button.setEnabled(enabled)
        self._refresh()

    def tap_digit(self, digit: int) -> None:
        if self._is_code:
            self.clear()
        if len(self._typed) < self.max_digits:
            self._typed += str(digit)
        else:
            self.full.emit()
        self._refresh()

    def type_text(self, text: str) -> None:
        """Keyboard input: digits fill the keypad; anything a number cannot be marks a code."""
        self._typed += text
        if not self._typed.isdigit() or len(self._typed) > self.max_digits:
            self._is_code = True
        self._refresh()

    def backspace(self) -> None:
        self._typed = self._typed[:-1]
        if not self._typed:
            self._is_code = False
        self._refresh()

    def clear(self) -> None:
        self._typed = ""
        self._is_code = False
        self._refresh()

    def submit(self) -> None:
        typed, is_code = self._typed, self._is_code
        if not typed:
            return
        self.clear()
        self.submitted.emit(typed, is_code)

    def _refresh(self) -> None:
        typed = self._typed
        if typed:
            self.display.setProperty("role", "")
            self.display.setFont(self._display_font)
            self.display.setText("\u25cf" * len(typed) if self.secret and not self._is_code else typed)
        else:
            self.display.setProperty("role", "muted")
            self.display.setFont(self._hint_font)
            self.display.setText(self._hint)
        self.display.style().unpolish(self.display)
        self.display.style().polish(self.display)
        self.ok_button.setEnabled(self._enabled and bool(typed))
        self.backspace_button.setEnabled(self._enabled and bool(typed))
        self.changed.emit(typed)
