"""What the counter's taps and keys mean (a part of CounterDialog, kept apart for its size): each
becomes one intent signal for the current area; a keyboard-wedge scanner's code goes to the scan
path, never into a quantity."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from .counter_view import CounterView
    from .keypad import Keypad


class CounterInput:
    """Mixed into CounterDialog, whose signals and state it uses."""

    _area_keys: list[str]
    _current_area: str | None
    _view: CounterView | None
    keypad: Keypad
    add_requested: Any
    set_requested: Any
    counted_requested: Any
    done_requested: Any
    reopen_requested: Any
    navigate_requested: Any
    area_changed: Any
    scan_requested: Any

    def _refresh(self) -> None: ...

    # -- intents -----------------------------------------------------------------------------
    def _on_area_group_id_clicked(self, index: int) -> None:
        key = self._area_keys[index]
        if key != self._current_area:
            self._current_area = key
            self._refresh()
            self.area_changed.emit(key)

    def _add(self, delta: int) -> None:
        area = self._current_area
        if area is None or self._view is None:
            return
        if delta < 0 and self._view.qty.get(area, 0) + delta < 0:
            return  # never below zero, also from the keyboard
        self.add_requested.emit(area, delta)

    def _on_counted_button_clicked(self, checked: bool) -> None:
        if self._current_area is not None:
            self.counted_requested.emit(self._current_area, checked)

    def _on_done_button_clicked(self) -> None:
        if self._view is not None and self._view.status == "done":
            self.reopen_requested.emit()
        else:
            self.done_requested.emit()

    # -- keypad ------------------------------------------------------------------------------
    def _on_keypad_submitted(self, typed: str, is_code: bool) -> None:
        if is_code:
            self.scan_requested.emit(typed)
        elif self._current_area is not None:
            self.set_requested.emit(self._current_area, int(typed))

    # -- keyboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if key == Qt.Key.Key_PageUp:
            self.navigate_requested.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.navigate_requested.emit(1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.keypad.submit()
        elif key == Qt.Key.Key_Backspace:
            self.keypad.backspace()
        elif key == Qt.Key.Key_Delete:
            self.keypad.clear()
        elif key == Qt.Key.Key_Escape:
            super().keyPressEvent(event)  # type: ignore[misc]
        elif text and text.isprintable() and not text.isspace() and not (
            event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            # + and − count only when nothing is being typed: inside a scanned code they are characters.
            if not self.keypad.typed and text == "+":
                self._add(1)
            elif not self.keypad.typed and text in ("-", "\u2212"):
                self._add(-1)
            else:
                self.keypad.type_text(text)
        else:
            super().keyPressEvent(event)  # type: ignore[misc]

