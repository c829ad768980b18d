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


def _describe(widget: QWidget, words: str) -> None:
    widget.setToolTip(words)
    widget.setAccessibleDescription(words)


class ShareBars(QWidget):
    """Rows of whole (100 %) bars split into shares, each segment labelled when it has room:
    the ABC split (variants and value per class) reads at a glance as a Pareto chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, list[tuple[str, float, str]]]] = []  # row label, [(segment, share, colour)]
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFont(current_theme().font("body"))

    def set_data(self, rows: list[tuple[str, list[tuple[str, float, str]]]]) -> None:
        self.rows = rows
        _describe(self, "; ".join(f"{label}: " + ", ".join(f"{name} {share:.0%}" for name, share, _ in segments)
                                  for label, segments in rows))
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return max(32, self.fontMetrics().height() + 16)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(420, self._row_height() * len(self.rows) + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(220, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        fm, rh = self.fontMetrics(), self._row_height()
        text = self.palette().windowText().color()
        label_w = max((fm.horizontalAdvance(label) for label, _ in self.rows), default=0) + 12
        for i, (label, segments) in enumerate(self.rows):
            top = rh * i
            painter.setPen(text)
            painter.drawText(QRectF(0, top, label_w, rh), Qt.AlignmentFlag.AlignVCenter, label)
            bar = QRectF(label_w, top + 4, max(40, self.width() - label_w), rh - 8)
            painter.fillRect(bar, self.palette().alternateBase())
            left = bar.left()
            total = sum(share for _, share, _ in segments) or 1.0
            for name, share, colour in segments:
                width = bar.width() * share / total
                cell = QRectF(left, bar.top(), width, bar.height())
                painter.fillRect(cell, QColor(colour))
                caption = f"{name} {share / total:.0%}"
                if fm.horizontalAdvance(caption) + 8 <= width:
                    painter.setPen(QColor(_readable_on(colour)))
                    painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, caption)
                left += width


def _readable_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour`."""
    c = QColor(colour)
    return "#111418" if (0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()) > 150 else "#FFFFFF"


class TrendLine(QWidget):
    """A percentage over time (0–100 %): a point per entry, joined, its value above it and its
    label below (every label that has room)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[str, float]] = []
        self.colour = "#1A56C4"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFont(current_theme().font("body"))

    def set_data(self, points: list[tuple[str, float]], colour: str, unit: str = "%") -> None:
        self.points, self.colour = points, colour
        _describe(self, "; ".join(f"{label}: {value:.1f} {unit}" for label, value in points))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 200)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, 120 + 2 * self.fontMetrics().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        text, grid = self.palette().windowText().color(), self.palette().mid().color()
        line = fm.height() + 4
        axis_w = fm.horizontalAdvance("100 %") + 8
        widest = max([fm.horizontalAdvance(label) for label, _ in self.points] + [fm.horizontalAdvance("100 %")]) + 10
        pad = widest / 2  # the first and last points' labels stay inside the widget
        plot = QRectF(axis_w + pad, line * 1.5, max(20, self.width() - axis_w - 2 * pad),
                      max(20, self.height() - 2.5 * line - 4))
        for value in (0, 50, 100):  # a light grid at 0, 50 and 100 %
            y = plot.bottom() - plot.height() * value / 100
            painter.setPen(grid)
            painter.drawLine(int(axis_w), int(y), int(plot.right() + pad / 2), int(y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - line / 2, axis_w - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value} %")
        if not self.points:
            return
        step = plot.width() / max(1, len(self.points) - 1) if len(self.points) > 1 else 0
        xs = [plot.left() + (step * i if len(self.points) > 1 else plot.width() / 2) for i in range(len(self.points))]
        ys = [plot.bottom() - plot.height() * max(0.0, min(100.0, v)) / 100 for _, v in self.points]
        pen = painter.pen()
        pen.setColor(QColor(self.colour))
        pen.setWidth(3)
        painter.setPen(pen)
        for i in range(1, len(xs)):
            painter.drawLine(int(xs[i - 1]), int(ys[i - 1]), int(xs[i]), int(ys[i]))
        every = max(1, int(widest // step) + 1) if step else 1  # labels that would overlap are skipped
        for i, ((label, value), x, y) in enumerate(zip(self.points, xs, ys)):
            painter.setBrush(QColor(self.colour))
            painter.drawEllipse(int(x) - 4, int(y) - 4, 8, 8)
            painter.setPen(text)
            painter.drawText(QRectF(x - 40, y - line - 4, 80, line), Qt.AlignmentFlag.AlignHCenter, f"{value:.0f} %")
            if i % every == 0 or i == len(xs) - 1:
                painter.drawText(QRectF(x - widest / 2, plot.bottom() + 4, widest, line),
                                 Qt.AlignmentFlag.AlignHCenter, label)
            pen.setColor(QColor(self.colour))
            painter.setPen(pen)


class ValueBars(QWidget):
    """One horizontal bar per key, as long as its value, the value written beside it (largest first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float, str]] = []  # key, value, the value as text
        self.colour = "#B3261E"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFont(current_theme().font("body"))

    def set_data(self, rows: list[tuple[str, float, str]], colour: str) -> None:
        self.rows, self.colour = rows, colour
        _describe(self, "; ".join(f"{key}: {shown}" for key, _, shown in rows))
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return max(26, self.fontMetrics().height() + 10)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, self._row_height() * max(1, len(self.rows)) + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(220, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        fm, rh = self.fontMetrics(), self._row_height()
        text = self.palette().windowText().color()
        label_w = min(self.width() // 3, max((fm.horizontalAdvance(k) for k, _, _ in self.rows), default=0) + 12)
        value_w = max((fm.horizontalAdvance(s) for _, _, s in self.rows), default=0) + 12
        span = max(20, self.width() - label_w - value_w)
        peak = max((v for _, v, _ in self.rows), default=0) or 1
        for i, (key, value, shown) in enumerate(self.rows):
            top = rh * i
            painter.setPen(text)
            painter.drawText(QRectF(0, top, label_w - 6, rh), Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(key, Qt.TextElideMode.ElideRight, label_w - 6))
            width = span * max(0.0, value) / peak
            painter.fillRect(QRectF(label_w, top + 5, width, rh - 10), QColor(self.colour))
            painter.drawText(QRectF(label_w + width + 6, top, value_w, rh), Qt.AlignmentFlag.AlignVCenter, shown)
