"""The sessions beside the grid: the open ones with their progress, then the history (applied
and released sessions, read-only, with their report)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from .status_words import session_state_word

PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
COUNTING = ("open", "snapshotted", "finalized")  # what the list shows first; applied and released are history


class SessionList(QListWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Sessions"))
        self.setItemDelegate(_SessionDelegate(self))
        self._progress: dict[str, tuple[int, int]] = {}  # session -> (done, total), as last seen on this PC

    def show_sessions(self, sessions: list[tuple[str, str]], current: str | None) -> None:
        """(name, state) for every session the shop keeps; `current` is selected."""
        self.blockSignals(True)
        self.clear()
        working = [(n, s) for n, s in sessions if s in COUNTING or s == "applied"]
        history = [(n, s) for n, s in sessions if s == "released"]
        if not working:  # first run, or all released: say what to do rather than show an empty list
            hint = QListWidgetItem(self.tr("No session being counted.\nNew session… starts one."))
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(hint)
        for name, state in working:
            self._add(name, state, current)
        if history:
            heading = QListWidgetItem(self.tr("History"))
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            self.addItem(heading)
            for name, state in reversed(history):  # the latest first
                self._add(name, state, current)
        self.blockSignals(False)

    def _add(self, name: str, state: str, current: str | None) -> None:
        item = QListWidgetItem(f"{name}\n{session_state_word(state)}")
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setData(STATE_ROLE, state)
        if state == "released":
            item.setForeground(QBrush(self.palette().placeholderText().color()))
        self._set_item_progress(item)
        self.addItem(item)
        if name == current:
            self.setCurrentItem(item)

    def show_progress(self, done: int, total: int) -> None:
        """The open session's progress: a bar under its name in the list (kept for the others
        as last seen, since reading every session's variants on each start would cost too much)."""
        item = self.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item else None
        if name:
            self._progress[name] = (done, total)
            self._set_item_progress(item)

    def _set_item_progress(self, item: QListWidgetItem) -> None:
        known = self._progress.get(item.data(Qt.ItemDataRole.UserRole))
        if item.data(STATE_ROLE) == "released":
            known = None
        item.setData(PROGRESS_ROLE, known)
        done_text = self.tr("%1 of %2 done").replace("%1", str(known[0])).replace("%2", str(known[1])) if known else ""
        item.setToolTip(done_text)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, done_text)


class _SessionDelegate(QStyledItemDelegate):
    """A session in the list: its name and state, and a progress bar with "n of m done" under them."""

    @staticmethod
    def _bar_height(option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.height() + 8

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint(option, index)
        extra = self._bar_height(option) + 10 if index.data(PROGRESS_ROLE) else 8
        return QSize(hint.width(), hint.height() + extra)

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Any) -> None:
        known = index.data(PROGRESS_ROLE)
        if not known:
            super().paint(painter, option, index)
            return
        bar_height = self._bar_height(option)
        top = QStyleOptionViewItem(option)
        top.rect = option.rect.adjusted(0, 2, 0, -(bar_height + 8))
        super().paint(painter, top, index)
        done, total = known
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(6, option.rect.height() - bar_height - 5, -6, -5)
        bar.minimum, bar.maximum, bar.progress = 0, max(1, total), done
        bar.text = QCoreApplication.translate("SessionList", "%1 of %2 done").replace("%1", str(done)).replace(
            "%2", str(total))
        bar.textVisible = True
        bar.state = option.state
        QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
