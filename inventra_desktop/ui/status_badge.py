"""The Status column's look: each status as a coloured rounded badge.

Each badge carries its own background and text colour, so it reads the same on a light or a
dark palette and on a selected row; every pair has a contrast of at least 4.5:1 (WCAG AA),
checked in tests/ui/test_grid_model.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .grid_model import StatusRole


@dataclass(frozen=True, slots=True)
class BadgeColours:
    background: str
    text: str
    italic: bool = False


BADGES: dict[str, BadgeColours] = {
    "pending": BadgeColours("#DDE1E6", "#272E37"),  # grey
    "in_progress": BadgeColours("#F6B73C", "#3B2500"),  # amber: dark text, white on amber fails contrast
    "done": BadgeColours("#1A7443", "#FFFFFF"),  # green
    "omitted": BadgeColours("#F0F1F3", "#555D67", italic=True),  # light grey: out of the count
    "problem": BadgeColours("#B8232B", "#FFFFFF"),  # red
}

PAD_X, PAD_Y = 8, 2  # inside the badge
MARGIN_X, MARGIN_Y = 4, 3  # between the badge and the cell's edges


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""

    def luminance(name: str) -> float:
        c = QColor(name)
        channels = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            channels.append(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints a cell's status (`StatusRole`) as a badge holding its DisplayRole text.

    Set it on the Status column: `view.setItemDelegateForColumn(model.status_column, delegate)`.
    Unknown statuses fall back to the plain item look.
    """

    def __init__(self, parent: QObject | None = None, *, status_role: int = StatusRole) -> None:
        super().__init__(parent)
        self._status_role = status_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        colours = BADGES.get(index.data(self._status_role) or "")
        if colours is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""  # the style draws background, selection and focus; the badge draws the text
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        font = self._font(opt.font, colours)
        metrics = QFontMetrics(font)
        room = opt.rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)
        height = min(metrics.height() + 2 * PAD_Y, room.height())
        width = min(metrics.horizontalAdvance(text) + 2 * PAD_X, room.width())
        if width <= 2 * PAD_X or height <= 0:
            return
        badge = QRect(room.left(), room.top() + (room.height() - height) // 2, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours.background))
        radius = height / 2
        painter.drawRoundedRect(QRectF(badge), radius, radius)
        painter.setPen(QColor(colours.text))
        painter.setFont(font)
        inner = badge.adjusted(PAD_X, 0, -PAD_X, 0)
        painter.drawText(inner, Qt.AlignmentFlag.AlignCenter,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        colours = BADGES.get(index.data(self._status_role) or "")
        base = super().sizeHint(option, index)
        if colours is None:
            return base
        metrics = QFontMetrics(self._font(option.font, colours))
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = metrics.horizontalAdvance(text) + 2 * (PAD_X + MARGIN_X)
        height = metrics.height() + 2 * (PAD_Y + MARGIN_Y)
        return QSize(max(width, base.width()), max(height, base.height()))

    @staticmethod
    def _font(font: QFont, colours: BadgeColours) -> QFont:
        badge_font = QFont(font)
        badge_font.setWeight(QFont.Weight.DemiBold)
        badge_font.setItalic(colours.italic)
        return badge_font
