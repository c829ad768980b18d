"""Table models of the finalize dialog: report rows (variances, moved stock, alerts) and the
apply preview, whose "keep counted" column is the manager's choice per line."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ..stocktake.apply_plan import ApplyPlan, Line
from .theme import current_theme

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def signed(value: int | None) -> str:
    """+3, −2, 0; a dash when unknown (a real minus sign reads better at arm's length)."""
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else f"−{-value}" if value < 0 else "0"


def money(value: Decimal | None) -> str:
    """1,234.50 or −12.00 at cost; "unknown" when no cost is kept for the lines."""
    if value is None:
        return QCoreApplication.translate("ApplyLinesModel", "unknown")
    return f"{value:,.2f}".replace("-", "−")


def report_table(model: Any) -> QTableView:
    """A read-only table of the close-the-count dialog: whole rows selected, touch-high rows,
    columns the user can widen, the last one filling the width."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(max(32, current_theme().touch_target - 12))
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setMinimumHeight(120)
    return view


def _numeric(value: Any) -> bool:
    """Numbers and signed figures (+3, −2, 0, —) align right; codes made of digits (barcodes) do not."""
    return isinstance(value, int) or (isinstance(value, str) and (value[:1] in ("+", "−", "—") or value == "0"))


class _Table(QAbstractTableModel):
    """A flat table: `headers` and a list of `items`, one per row."""

    headers: list[str]
    items: list[Any]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's names)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class RowsModel(_Table):
    """Read-only rows; numbers (int) are right-aligned."""

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[list[Any]] = []
        self.tips: list[str | None] = []

    @property
    def items(self) -> list[Any]:  # type: ignore[override]
        return self.rows

    def set_rows(self, rows: list[list[Any]], tips: list[str | None] | None = None) -> None:
        self.beginResetModel()
        self.rows, self.tips = rows, tips or [None] * len(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and _numeric(value):
            return int(RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[index.row()]
        return None


class ApplyLinesModel(_Table):
    """The apply preview. Column KEEP is checkable: checked = keep counted, unchecked = keep the difference."""

    KEEP = 7

    def __init__(self, location_name: Callable[[str], str], parent: Any = None) -> None:
        super().__init__(parent)
        self.location_name = location_name
        self.plan: ApplyPlan | None = None
        self.lines: list[Line] = []
        self.on_choice: Callable[[], None] | None = None
        self.headers = [self.tr("Variant"), self.tr("SKU"), self.tr("Location"), self.tr("Snapshot"),
                        self.tr("Counted"), self.tr("Shopify now"), self.tr("Moved"), self.tr("Keep counted"),
                        self.tr("Change")]

    @property
    def items(self) -> list[Any]:  # type: ignore[override]
        return self.lines

    def set_plan(self, plan: ApplyPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        # Lines that change nothing stay out of the way; problems come first so they are seen.
        self.lines = [] if plan is None else sorted(
            (line for line in plan.lines if line.problem or line.counted != line.baseline or line.moved),
            key=lambda line: (line.problem is None, line.title))
        self.endResetModel()

    def flags(self, index: Index) -> Qt.ItemFlag:
        # The choice is not a user-checkable item: Qt would toggle it only on its small indicator.
        # A tap anywhere in the cell (or Enter/Space on it) toggles it instead, through `toggle`.
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def choosable(self, index: Index) -> bool:
        return (index.isValid() and index.column() == self.KEEP and self.lines[index.row()].problem is None
                and self.plan is not None and not self.plan.locked)

    def toggle(self, index: Index) -> bool:
        """Keep counted ↔ keep the difference for the line of `index` (a tap on its "Keep counted" cell)."""
        if not self.choosable(index):
            return False
        checked = self.lines[index.row()].keep != "counted"
        return self.setData(index, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked,
                            Qt.ItemDataRole.CheckStateRole)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line, column = self.lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [line.title, line.sku or "", self.location_name(line.location_id), line.baseline, line.counted,
                    "—" if line.now is None else line.now, signed(line.moved), None,
                    self.tr("not written") if line.problem else signed(line.change)][column]
        if role == Qt.ItemDataRole.CheckStateRole and column == self.KEEP and line.problem is None:
            return Qt.CheckState.Checked if line.keep == "counted" else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and 3 <= column <= 8 and column != self.KEEP:
            return int(RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole:  # the name whole where a narrow screen cuts it
            return line.problem or (line.title if column == 0 else None)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not self.choosable(index) or self.plan is None:
            return False
        line = self.lines[index.row()]
        checked = value if isinstance(value, bool) else Qt.CheckState(value) == Qt.CheckState.Checked
        self.plan.choose("counted" if checked else "difference", line)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        if self.on_choice:
            self.on_choice()
        return True

    def refresh(self) -> None:
        if self.lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.lines) - 1, self.columnCount() - 1))
