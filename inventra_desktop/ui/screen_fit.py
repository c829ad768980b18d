"""Windows that fit the screen they open on, from 1024×600 to 4K (DESIGN.md section 9).

A window asks for the size it would like; it gets that, or the screen's available area less room
for the window frame, whichever is smaller, and opens centred there. Layouts then adapt within.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = QSize(16, 40)  # a window manager's frame and title bar around a top-level window


def available(widget: QWidget | None = None) -> QRect:
    """The available geometry (without panels and docks) of the screen `widget` is on."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitting(preferred: QSize, widget: QWidget | None = None) -> QSize:
    """`preferred`, made no larger than the screen's available area less the frame."""
    room = available(widget).size() - FRAME
    return preferred.boundedTo(room)


def fit_window(widget: QWidget, preferred: QSize) -> None:
    """Resize `widget` to `preferred` bounded by its screen, and centre it there."""
    size = fitting(preferred.expandedTo(widget.minimumSizeHint()), widget)
    widget.resize(size)
    area = available(widget)
    widget.move(area.x() + max(0, (area.width() - size.width()) // 2),
                area.y() + max(0, (area.height() - size.height() - FRAME.height() + 8) // 2))


def too_small_for(widget: QWidget, height: int) -> bool:
    """Whether the screen of `widget` is lower than `height` (a layout then goes compact)."""
    return available(widget).height() < height


def open_fitting(dialog: Any, preferred: QSize | None = None) -> None:
    """Open `dialog` (window-modal, never blocking) at its preferred size bounded by its screen."""
    fit_window(dialog, preferred or dialog.sizeHint())
    dialog.open()


def scrolling(content: QWidget) -> QWidget:
    """`content` in a frameless scroll area: on a low screen it scrolls instead of being cut."""
    from PySide6.QtWidgets import QFrame, QScrollArea

    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setAccessibleName(content.accessibleName() or "")
    return area
