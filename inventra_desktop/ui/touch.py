"""Buttons a finger can hit: never smaller than the theme's touch target, nor than their text."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QPushButton, QWidget

from .theme import Theme, current_theme


class TouchButton(QPushButton):
    """A push button never smaller than its touch target, nor than its text."""

    def __init__(self, text: str, parent: QWidget | None = None, target: QSize | None = None) -> None:
        super().__init__(text, parent)
        side = current_theme().touch_target
        self._target = QSize(target) if target is not None else QSize(side, side)

    def set_target(self, target: QSize) -> None:
        self._target = QSize(target)
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return super().sizeHint().expandedTo(self._target)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return super().minimumSizeHint().expandedTo(self._target)


def touch_button(text: str, parent: QWidget | None = None, *, name: str = "", role: str = "",
                 width: int = 0, height: int = 0, theme: Theme | None = None,
                 accessible: str | None = None) -> TouchButton:
    """A TouchButton at least the theme's touch target on each side (`width`/`height` ask for
    more), with an object name, a style role and an accessible name (its text unless given).
    Enter never clicks it by default: in the counter and the keypads Enter means Set/OK."""
    t = theme or current_theme()
    button = TouchButton(text, parent, QSize(max(width, t.touch_target), max(height, t.touch_target)))
    if name:
        button.setObjectName(name)
    button.setProperty("role", role)
    button.setAccessibleName(accessible if accessible is not None else text.replace("&&", "&"))
    button.setAutoDefault(False)
    button.setDefault(False)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


def touch_sized(*widgets: QWidget, theme: Theme | None = None) -> None:
    """At least a touch target high (inputs, choices), so a finger can hit them in kiosk mode."""
    target = (theme or current_theme()).touch_target
    for widget in widgets:
        widget.setMinimumHeight(max(widget.minimumHeight(), target))
