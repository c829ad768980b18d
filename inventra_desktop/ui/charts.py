"""Two small charts painted with QPainter (PySide6-Essentials has no QtCharts): horizontal
stacked bars (status, areas) and a column histogram (variances). They show data; the
figures come from `stocktake.progress`. Each chart also says what it shows in words
(tooltip and accessible description) for screen readers and for anyone who prefers numbers.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from .theme import current_theme

Series = list[tuple[str, str]]  # (legend label, colour)


class StackedBars(QWidget):
    """One horizontal bar per row, split into the series' segments, with a legend above."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: Series = []
        self.rows: list[tuple[str, list[int]]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFont(current_theme().font("body"))

    def set_data(self, series: Series, rows: list[tuple[str, list[int]]]) -> None:
        self.series, self.rows = series, rows
        words = "; ".join(f"{label}: " + ", ".join(f"{v} {name}" for (name, _), v in zip(series, values))
                          for label, values in rows)
        self.setToolTip(words)
        self.setAccessibleDescription(words)
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return max(30, self.fontMetrics().height() + 14)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(480, self._row_height() * (len(self.rows) + 1) + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm, rh = self.fontMetrics(), self._row_height()
        text = self.palette().windowText().color()
        # Legend: a swatch and a name per series.
        x = 0
        for name, colour in self.series:
            painter.fillRect(QRectF(x, rh / 2 - 7, 14, 14), QColor(colour))
            painter.setPen(text)
            painter.drawText(QRectF(x + 20, 0, fm.horizontalAdvance(name) + 4, rh),
                             Qt.AlignmentFlag.AlignVCenter, name)
            x += 20 + fm.horizontalAdvance(name) + 24
        label_w = max((fm.horizontalAdvance(label) for label, _ in self.rows), default=0) + 14
        total_w = fm.horizontalAdvance("0000 / 0000") + 12
        bar_w = max(40, self.width() - label_w - total_w)
        for i, (label, values) in enumerate(self.rows):
            top = rh * (i + 1)
            painter.setPen(text)
            painter.drawText(QRectF(0, top, label_w - 8, rh), Qt.AlignmentFlag.AlignVCenter, label)
            total = sum(values)
            bar = QRectF(label_w, top + 5, bar_w, rh - 10)
            painter.fillRect(bar, self.palette().alternateBase())
            left = bar.left()
            for (_, colour), value in zip(self.series, values):
                width = bar.width() * value / total if total else 0
                painter.fillRect(QRectF(left, bar.top(), width, bar.height()), QColor(colour))
                left += width
            painter.setPen(text)
            first = values[0] if values else 0
            painter.drawText(QRectF(bar.right() + 8, top, total_w, rh), Qt.AlignmentFlag.AlignVCenter,
                             f"{first} / {total}")


class Histogram(QWidget):
    """Columns with their count on top and their label below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bins: list[tuple[str, int, str]] = []  # label, count, colour
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFont(current_theme().font("body"))

    def set_data(self, bins: list[tuple[str, int, str]], unit: str) -> None:
        self.bins = bins
        self.updateGeometry()
        words = "; ".join(f"{label}: {count} {unit}" for label, count, _ in bins)
        self.setToolTip(words)
        self.setAccessibleDescription(words)
        self.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Each column as wide as its label needs: labels must never run into each other."""
        widest = max((self.fontMetrics().horizontalAdvance(label) for label, _, _ in self.bins), default=0)
        return QSize(max(280, len(self.bins) * (widest + 12)), 200 + 2 * self.fontMetrics().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        minimum = self.minimumSizeHint()
        return QSize(max(480, minimum.width()), minimum.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self.bins:
            return
        painter = QPainter(self)
        fm = self.fontMetrics()
        text = self.palette().windowText().color()
        line = fm.height() + 6
        plot = QRectF(0, line, self.width(), self.height() - 2 * line)
        slot = plot.width() / len(self.bins)
        peak = max(count for _, count, _ in self.bins) or 1
        painter.setPen(self.palette().mid().color())
        painter.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))
        for i, (label, count, colour) in enumerate(self.bins):
            height = plot.height() * count / peak
            column = QRectF(plot.left() + i * slot + slot * 0.15, plot.bottom() - height, slot * 0.7, height)
            painter.fillRect(column, QColor(colour))
            painter.setPen(text)
            painter.drawText(QRectF(column.left() - 10, column.top() - line, column.width() + 20, line),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(count))
            painter.drawText(QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, line),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
