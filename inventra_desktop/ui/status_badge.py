"""The Status column's look: each status as a coloured rounded badge.

Each badge carries its own background and text colour, so it reads the same on a light or a
dark palette and on a selected row; every pair has a contrast of at least 4.5:1 (WCAG AA),
checked in tests/ui/test_grid_model.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap
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
    Unknown statuses fall back to the plain item look. Each badge is drawn once into a pixmap
    (per text, font and pixel ratio) and blitted: antialiased shapes and text layout per cell
    cost about as much as the rest of a repaint.
    """

    def __init__(self, parent: QObject | None = None, *, status_role: int = StatusRole) -> None:
        super().__init__(parent)
        self._status_role = status_role
        self._colours = {status: (QColor(c.background), QColor(c.text)) for status, c in BADGES.items()}
        self._base_font: QFont | None = None
        self._fonts: dict[bool, tuple[QFont, QFontMetrics]] = {}  # italic -> badge font and metrics
        self._pixmaps: dict[tuple[str, str, float], tuple[QPixmap, QSize]] = {}  # (status, text, pixel ratio)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        status = index.data(self._status_role) or ""
        if status not in BADGES:
            super().paint(painter, option, index)
            return
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The view's option holds no text (initStyleOption would add it): the style draws the
        # cell's background, selection and focus, and the badge alone shows the text.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)

        room = option.rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)
        pixmap, size = self._badge(status, text, option.font, painter.device().devicePixelRatioF())
        if size.width() <= room.width() and size.height() <= room.height():
            painter.drawPixmap(room.left(), room.top() + (room.height() - size.height()) // 2, pixmap)
        elif room.width() > 2 * PAD_X and room.height() > 0:  # a narrow column: draw it elided
            height = min(size.height(), room.height())
            badge = QRect(room.left(), room.top() + (room.height() - height) // 2, room.width(), height)
            self._draw(painter, badge, status, text, option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        status = index.data(self._status_role) or ""
        base = super().sizeHint(option, index)
        if status not in BADGES:
            return base
        size = self._badge_size(status, str(index.data(Qt.ItemDataRole.DisplayRole) or ""), option.font)
        return QSize(max(size.width() + 2 * MARGIN_X, base.width()), max(size.height() + 2 * MARGIN_Y, base.height()))

    def _badge_size(self, status: str, text: str, font: QFont) -> QSize:
        _, metrics = self._font(font, BADGES[status].italic)
        # +2: elidedText() measures in fractions and cut "Pending" to "Pendi…" at an exact fit.
        return QSize(metrics.horizontalAdvance(text) + 2 * PAD_X + 2, metrics.height() + 2 * PAD_Y)

    def _badge(self, status: str, text: str, font: QFont, ratio: float) -> tuple[QPixmap, QSize]:
        self._font(font, False)  # drops the cache when the view's font changed
        key = (status, text, ratio)
        cached = self._pixmaps.get(key)
        if cached is None:
            size = self._badge_size(status, text, font)
            pixmap = QPixmap(size * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            badge_painter = QPainter(pixmap)
            self._draw(badge_painter, QRect(0, 0, size.width(), size.height()), status, text, font)
            badge_painter.end()
            cached = self._pixmaps[key] = (pixmap, size)
        return cached

    def _draw(self, painter: QPainter, badge: QRect, status: str, text: str, font: QFont) -> None:
        badge_font, metrics = self._font(font, BADGES[status].italic)
        background, foreground = self._colours[status]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        radius = badge.height() / 2
        painter.drawRoundedRect(QRectF(badge), radius, radius)
        painter.setPen(foreground)
        painter.setFont(badge_font)
        inner = badge.adjusted(PAD_X, 0, -PAD_X, 0)
        painter.drawText(inner, Qt.AlignmentFlag.AlignCenter,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width()))
        painter.restore()

    def _font(self, font: QFont, italic: bool) -> tuple[QFont, QFontMetrics]:
        if self._base_font is None or font != self._base_font:  # the view's font changed: start over
            self._base_font = QFont(font)
            self._fonts.clear()
            self._pixmaps.clear()
        cached = self._fonts.get(italic)
        if cached is None:
            badge_font = QFont(font)
            badge_font.setWeight(QFont.Weight.DemiBold)
            badge_font.setItalic(italic)
            cached = self._fonts[italic] = (badge_font, QFontMetrics(badge_font))
        return cached
