"""Where scans land: the scan box a keyboard-wedge scanner types into, the one area scans count
into (the same the counter shows), and the banner that lists every code not counted.

Nothing in the scan path is modal: a scanner ends each code with Enter, and a modal box would
take that Enter as "OK" and lose the next code. A code that counts nothing shows in the banner
(with a beep and a red flash) and stays listed until dismissed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .theme import current_theme
from .touch import touch_button
from .wheel_guard import guard_wheel

MAX_LISTED = 8  # codes not counted shown in the banner; the count says how many in all


class ScanBar(QWidget):
    """Signals: scan_submitted(str code), area_changed(str area key) when the user picks one."""

    scan_submitted = Signal(str)
    area_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme = current_theme()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(theme.spacing // 2)
        row = QHBoxLayout()
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(self.tr("Scan a barcode or type a SKU, then Enter"))
        self.scan.setAccessibleName(self.tr("Scan box"))
        self.scan.setMinimumHeight(theme.touch_target)
        big = QFont(self.scan.font())
        big.setPointSizeF(big.pointSizeF() * 1.3 * theme.font_scale)
        self.scan.setFont(big)
        self.area = QComboBox()
        self.area.setAccessibleName(self.tr("Area scans count into"))
        self.area.setMinimumHeight(theme.touch_target)
        self.area.setMinimumContentsLength(10)
        self.area.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        into = QLabel(self.tr("counts into"))
        into.setBuddy(self.area)
        row.addWidget(QLabel(self.tr("Scan:")))
        row.addWidget(self.scan, 1)
        row.addWidget(into)
        row.addWidget(self.area)
        outer.addLayout(row)

        self.banner = QFrame()
        self.banner.setObjectName("scanBanner")
        problem = theme.status_colors("problem")
        self.banner.setStyleSheet(f"QFrame#scanBanner {{ background: {problem.fill}; border-radius: 6px; }}"
                                  f"QFrame#scanBanner QLabel {{ color: {problem.text}; }}")
        banner_row = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setFont(theme.font("body", bold=True))
        self.banner_text.setAccessibleName(self.tr("Scans not counted"))
        self.banner_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = touch_button(self.tr("Dismiss"), self.banner, name="dismissScanBanner",
                                    accessible=self.tr("Dismiss the codes not counted"))
        self.dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a scanner's Enter must never reach it
        self.dismiss.clicked.connect(self.clear_not_counted)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.dismiss)
        self.banner.setVisible(False)
        outer.addWidget(self.banner)
        self.not_counted: list[tuple[str, str]] = []  # (code, why), oldest first

        self.scan.returnPressed.connect(self._on_entered)
        self.area.currentIndexChanged.connect(lambda i: self.area_changed.emit(self.area.itemData(i) or ""))
        guard_wheel(self, self.area)

    # ---- what the controller sets ----------------------------------------------------------
    def show_areas(self, areas: list[tuple[str, str]], current: str | None) -> None:
        self.area.blockSignals(True)
        self.area.clear()
        for key, label in areas:
            self.area.addItem(label, key)
        if current:
            self.area.setCurrentIndex(max(0, self.area.findData(current)))
        self.area.blockSignals(False)

    def set_area(self, key: str) -> None:
        """Shows `key` as the area scans count into (it changed elsewhere); emits nothing."""
        index = self.area.findData(key)
        if index >= 0 and index != self.area.currentIndex():
            self.area.blockSignals(True)
            self.area.setCurrentIndex(index)
            self.area.blockSignals(False)

    def current_area(self) -> str | None:
        return self.area.currentData()

    def flash(self, ok: bool) -> None:
        """Green for a counted scan, red for one that counted nothing."""
        theme = current_theme()
        colour = theme.status_colors("done" if ok else "problem")
        self.scan.setStyleSheet(f"background: {colour.fill}; color: {colour.text};")
        QTimer.singleShot(600, self.scan, lambda: self.scan.setStyleSheet(""))  # dies with the box

    def not_counted_scan(self, code: str, why: str) -> None:
        """A code that counted nothing: listed in the banner (non-modal), a beep, a red flash."""
        self.not_counted.append((code, why))
        self.flash(False)
        QApplication.beep()
        shown = self.not_counted[-MAX_LISTED:]
        lines = [self.tr("%n scan(s) not counted:", "", len(self.not_counted))]
        lines += [f"• {c} — {w}" for c, w in shown]
        if len(self.not_counted) > MAX_LISTED:
            lines.append(self.tr("… and %1 earlier.").replace("%1", str(len(self.not_counted) - MAX_LISTED)))
        self.banner_text.setText("\n".join(lines))
        self.banner.setVisible(True)

    def clear_not_counted(self) -> None:
        self.not_counted.clear()
        self.banner.setVisible(False)

    def _on_entered(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if code:
            self.scan_submitted.emit(code)


class WedgeRouter(QObject):
    """A keyboard-wedge scanner types the code and Enter wherever the focus is: printable keys
    that land on the window or the grid go to the scan box instead."""

    def __init__(self, parent: QObject, bar: ScanBar) -> None:
        super().__init__(parent)
        self.bar = bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if text and text.isprintable() and not event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                self.bar.scan.setFocus()
                self.bar.scan.insert(text)
                return True
        return False
