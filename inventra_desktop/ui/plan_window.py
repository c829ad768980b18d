"""Plan a count (cycle counting, issue 15): what is due, the ABC split as a chart, the budget, and
the session made from the plan. Presents `services.planning`; every rule is the domain's.

Signals: create_requested(object) with a `PlannedSession`: the session wizard takes it from
there (name, areas, pre-flight, snapshot).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..services import planning, setup
from ..services.messages import describe
from ..services.shop import ShopSession
from ..stocktake.cycle import DueItem
from ..stocktake.sessions import name_problem
from .charts import ShareBars
from .tasks import spawn
from .theme import current_theme

Index = QModelIndex | QPersistentModelIndex
FRESH_SECONDS = 300  # a plan made again within this reuses the shop read for the last one (budget, location)


class DueModel(QAbstractTableModel):
    """The due list, in the order to count; the rows the plan takes in bold and ticked."""

    def __init__(self) -> None:
        super().__init__()
        self.headers = [self.tr("In plan"), self.tr("SKU"), self.tr("Variant"), self.tr("Class"),
                        self.tr("Last counted"), self.tr("Due"), self.tr("Why")]
        self.rows: list[DueItem] = []
        self.planned: set[str] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    def show(self, rows: list[DueItem], planned: set[str]) -> None:
        self.beginResetModel()
        self.rows, self.planned = rows, planned
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.rows[index.row()]
        planned = d.item.product_id in self.planned
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return "✓" if planned else ""
            if column == 4:
                return d.last_counted.isoformat() if d.last_counted else self.tr("never")
            if column == 5:
                return d.due.isoformat() if d.due else "—"
            # The reasons come from the Qt-free domain (English, like pre-flight findings).
            return (None, d.item.sku or "", d.item.title, d.cls, None, None, "; ".join(d.reasons))[column]
        if role == Qt.ItemDataRole.FontRole and planned:
            return self._bold
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 0:
            return self.tr("in the plan") if planned else self.tr("not in the plan")
        return None


class PlanWindow(QDialog):
    create_requested = Signal(object)  # a planning.PlannedSession

    def __init__(self, parent: QWidget | None, shop: ShopSession, *, settings: bool = True) -> None:
        super().__init__(parent)
        self.shop = shop
        self.result: planning.CountPlan | None = None
        self.facts: planning.ShopFacts | None = None  # the shop as last read, and when
        self._facts_at = 0.0
        self._task: asyncio.Task[Any] | None = None
        theme = current_theme()
        self.setWindowTitle(self.tr("Plan a count"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.spacing)

        controls = QHBoxLayout()
        self.scope = QComboBox()
        self.scope.setAccessibleName(self.tr("Where to count"))
        self.scope.addItem(self.tr("All locations"), None)
        self.scope.setVisible(False)  # shown when the areas map to several locations
        self.by_variants = QRadioButton(self.tr("Variants"))
        self.by_variants.setChecked(True)
        self.variants = QSpinBox()
        self.variants.setRange(1, 10_000)
        self.variants.setValue(50)
        self.variants.setAccessibleName(self.tr("Budget in variants"))
        self.by_minutes = QRadioButton(self.tr("Minutes"))
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setValue(30)
        self.minutes.setAccessibleName(self.tr("Budget in minutes"))
        self.plan_button = QPushButton(self.tr("Plan"))
        self.frequencies = QPushButton(self.tr("Frequencies…"))
        self.frequencies.setToolTip(self.tr("How often each class is counted, and the sales window"))
        self.frequencies.setVisible(settings)
        budget = QLabel(self.tr("Budget:"))
        for widget in (self.scope, budget, self.by_variants, self.variants, self.by_minutes, self.minutes):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.frequencies)
        controls.addWidget(self.plan_button)
        for control in (self.scope, self.variants, self.minutes, self.plan_button, self.by_variants, self.by_minutes,
                        self.frequencies):
            control.setMinimumHeight(theme.touch_target)
        layout.addLayout(controls)

        busy_row = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName(self.tr("Reading the shop"))
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.cancel_button.setMinimumHeight(theme.touch_target)
        busy_row.addWidget(self.status, 1)
        busy_row.addWidget(self.busy)
        busy_row.addWidget(self.cancel_button)
        layout.addLayout(busy_row)

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(f"color: {theme.status_colors('warning').fill};")
        self.notes.setVisible(False)
        layout.addWidget(self.notes)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setFont(theme.font("caption", bold=True))
        layout.addWidget(self.summary)
        self.abc = ShareBars()
        self.abc.setAccessibleName(self.tr("ABC split"))
        layout.addWidget(self.abc)
        self.every = QLabel()
        self.every.setWordWrap(True)
        layout.addWidget(self.every)

        self.model = DueModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Due for a count"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.name = QLineEdit(planning.default_session_name())
        self.name.setAccessibleName(self.tr("Name of the new session"))
        self.name.setMinimumHeight(theme.touch_target)
        self.create_button = QPushButton(self.tr("Create session…"))
        self.create_button.setMinimumHeight(theme.touch_target)
        self.create_button.setEnabled(False)
        close = QPushButton(self.tr("Close"))
        close.setMinimumHeight(theme.touch_target)
        bottom.addWidget(QLabel(self.tr("Session name:")))
        bottom.addWidget(self.name, 1)
        bottom.addWidget(self.create_button)
        bottom.addWidget(close)
        layout.addLayout(bottom)

        self.plan_button.clicked.connect(self.replan)
        self.frequencies.clicked.connect(self._edit_frequencies)
        self.cancel_button.clicked.connect(self._cancel)
        self.create_button.clicked.connect(self._create)
        self.name.textChanged.connect(self._update_create)
        close.clicked.connect(self.close)
        self.by_variants.toggled.connect(lambda on: (self.variants.setEnabled(on), self.minutes.setEnabled(not on)))
        self.minutes.setEnabled(False)
        self._busy(False)
        self._task = spawn(self._start(), self._failed)

    # ---- reading and planning ----------------------------------------------------------------
    async def _start(self) -> None:
        self._busy(True, self.tr("Reading the shop's areas…"))
        records = await setup.shop_records(self.shop)
        for choice in planning.location_choices(records):
            self.scope.addItem(self.tr("%1 (%2)").replace("%1", choice.location).replace("%2", ", ".join(choice.areas)),
                               choice.area)
        self.scope.setVisible(self.scope.count() > 1)
        await self._plan()

    def replan(self) -> None:
        self._cancel()
        self._task = spawn(self._plan(), self._failed)

    async def _plan(self, reread: bool = False) -> None:
        if reread or self.facts is None or time.monotonic() - self._facts_at > FRESH_SECONDS:
            self._busy(True, self.tr("Reading the shop: every variant and the orders of the sales window…"))
            self.facts = await planning.read_facts(self.shop, progress=self._progress)
            self._facts_at = time.monotonic()
        self._busy(True, self.tr("Planning…"))
        budget_variants = self.variants.value() if self.by_variants.isChecked() else None
        budget_minutes = float(self.minutes.value()) if self.by_minutes.isChecked() else None
        self.result = await planning.plan_count(self.shop, budget_variants=budget_variants,
                                                budget_minutes=budget_minutes, area=self.scope.currentData(),
                                                facts=self.facts)
        self.show_plan(self.result)
        self._busy(False)

    def _progress(self, phase: str, objects: int) -> None:
        what = self.tr("variants") if phase == "variants" else self.tr("orders and their lines")
        self.status.setText(self.tr("Reading the shop: %1 objects of %2 so far…").replace("%1", f"{objects:,}")
                            .replace("%2", what))

    def show_plan(self, result: planning.CountPlan) -> None:
        """Show a plan (the window's own, or one made elsewhere)."""
        theme = current_theme()
        plan = result.plan
        self.model.show(result.due, set(plan.products))
        self.table.resizeColumnsToContents()
        self.notes.setText("\n".join(result.notes))  # sentences of the Qt-free layer (English)
        self.notes.setVisible(bool(result.notes))
        basis = (self.tr("by sales over %1 days").replace("%1", str(result.window_days)) if result.by_sales
                 else self.tr("by stock value"))
        pace = self.tr("this shop's own pace") if result.speed_learnt else self.tr("a first guess, no counts yet")
        self.summary.setText(
            self.tr("%1 variants are due. The plan: %2 products, %3 variants to count, about %4 min at %5 s a variant "
                    "(%6). Classes %7.").replace("%1", f"{len(result.due):,}").replace("%2", str(len(plan.products)))
            .replace("%3", str(plan.variants)).replace("%4", f"{plan.minutes:.0f}")
            .replace("%5", f"{plan.seconds_per_variant:.0f}").replace("%6", pace).replace("%7", basis))
        colours = {"A": theme.status_colors("problem").fill, "B": theme.status_colors("warning").fill,
                   "C": theme.status_colors("pending").fill}
        total_variants = sum(c.variants for c in result.classes) or 1
        total_value = float(sum(c.value for c in result.classes)) or 1.0
        self.abc.set_data([
            (self.tr("Variants"), [(c.cls, c.variants / total_variants, colours[c.cls]) for c in result.classes]),
            (self.tr("Value"), [(c.cls, float(c.value) / total_value, colours[c.cls]) for c in result.classes])])
        counts = {c.cls: c for c in result.classes}
        self.every.setText(self.tr("A: %1 variants, counted every %2 days · B: %3, every %4 days · C: %5, every %6 "
                                   "days").replace("%1", f"{counts['A'].variants:,}")
                           .replace("%2", str(counts["A"].every_days)).replace("%3", f"{counts['B'].variants:,}")
                           .replace("%4", str(counts["B"].every_days)).replace("%5", f"{counts['C'].variants:,}")
                           .replace("%6", str(counts["C"].every_days)))
        self._update_create()

    def _update_create(self) -> None:
        self.create_button.setEnabled(bool(self.result and self.result.plan.products)
                                      and name_problem(self.name.text()) is None)

    def _create(self) -> None:
        if self.result is None:
            return
        self.create_requested.emit(planning.planned_session(self.result, self.name.text()))

    def _edit_frequencies(self) -> None:
        dialog = FrequenciesDialog(self)
        dialog.accepted.connect(lambda: self._run_then_replan(planning.save_settings(self.shop, dialog.updates())))
        spawn(dialog.load(self.shop), self._failed)
        dialog.open()

    def _run_then_replan(self, saving: Any) -> None:
        async def go() -> None:
            await saving
            await self._plan(reread=True)  # the settings changed: read them (and the shop) again
        self._cancel()
        self._task = spawn(go(), self._failed)

    # ---- plumbing ----------------------------------------------------------------------------
    def _busy(self, busy: bool, text: str = "") -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.plan_button.setEnabled(not busy)
        if busy:
            self.status.setText(text)
        elif self.result is not None:
            self.status.setText(self.tr("Planned for %1 on %2.").replace("%1", self._scope_label())
                                .replace("%2", self.result.today.isoformat()))

    def _scope_label(self) -> str:
        return self.scope.currentText() if self.scope.isVisible() else self.tr("all locations")

    def _cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            self._busy(False)
            self.status.setText(self.tr("Stopped: the plan below (if any) is the last one made."))

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.status.setText(describe(error))

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self._cancel()
        super().closeEvent(event)


class FrequenciesDialog(QDialog):
    """The shop's cycle counting settings: days between counts per class, the sales window read."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        theme = current_theme()
        self.setWindowTitle(self.tr("Count frequencies"))
        form = QFormLayout(self)
        self.every: dict[str, QSpinBox] = {}
        for cls in ("A", "B", "C"):
            box = QSpinBox()
            box.setRange(1, 3650)
            box.setSuffix(self.tr(" days"))
            box.setAccessibleName(self.tr("Count class %1 every").replace("%1", cls))
            box.setMinimumHeight(theme.touch_target)
            self.every[cls] = box
            form.addRow(self.tr("Count class %1 every").replace("%1", cls), box)
        self.window_days = QSpinBox()
        self.window_days.setRange(1, 730)
        self.window_days.setSuffix(self.tr(" days"))
        self.window_days.setAccessibleName(self.tr("Sales read over the last"))
        self.window_days.setMinimumHeight(theme.touch_target)
        form.addRow(self.tr("Sales read over the last"), self.window_days)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        for button in buttons.buttons():
            button.setMinimumHeight(theme.touch_target)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.save = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save.setEnabled(False)  # until the shop's values are shown

    async def load(self, shop: ShopSession) -> None:
        settings = await planning.shop_settings(shop)
        for cls, box in self.every.items():
            box.setValue(settings.count_every_days.get(cls, 180))
        self.window_days.setValue(settings.sales_window_days)
        self.save.setEnabled(True)

    def updates(self) -> dict[str, Any]:
        return {"count_every_days": {cls: box.value() for cls, box in self.every.items()},
                "sales_window_days": self.window_days.value()}
