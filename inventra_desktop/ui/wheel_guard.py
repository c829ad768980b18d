"""Combo boxes that a passing mouse wheel cannot change.

Scrolling a window with the pointer over a combo box changes the box: the area scans count
into, a filter, an area's Shopify location. Users of other count tools lost counts that way.
A guarded box takes the wheel only once it has focus (a click or Tab)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget


class _NoWheelUnlessFocused(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # passes on to the parent, which scrolls
            return True
        return False


def guard_wheel(owner: QObject, *widgets: QWidget) -> None:
    guard = owner.findChild(_NoWheelUnlessFocused) or _NoWheelUnlessFocused(owner)
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # no focus (and no change) from a passing wheel
        widget.installEventFilter(guard)
