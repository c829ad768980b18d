"""Accuracy over time (cycle counting, issue 15): inventory record accuracy per finalized session as
a trend, shrinkage at cost by vendor, product type, area or counter, the repeat offenders, and the
tables as CSV or XLSX. Presents `services.planning`'s accuracy report; the rules are the domain's.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services import planning
from ..services.messages import describe
from ..services.shop import ShopSession
from .charts import TrendLine, ValueBars
from .tasks import spawn
from .theme import current_theme

SHOWN = 12  # rows of a breakdown on screen (the export has them all)


class AccuracyWindow(QDialog):
    def __init__(self, parent: QWidget | None, shop: ShopSession) -> None:
        super().__init__(parent)
        self.shop = shop
        self.report: planning.AccuracyReport | None = None
        self._task: asyncio.Task[Any] | None = None
        theme = current_theme()
        self.setWindowTitle(self.tr("Accuracy"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.spacing)

        top = QHBoxLayout()
        self.status = QLabel(self.tr("Reading every variant's count history…"))
        self.status.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName(self.tr("Reading the shop"))
        top.addWidget(self.status, 1)
        top.addWidget(self.busy)
        layout.addLayout(top)

        self.trend_title = QLabel()
        self.trend_title.setFont(theme.font("body", bold=True))
        self.trend_title.setWordWrap(True)
        layout.addWidget(self.trend_title)
        self.trend = TrendLine()
        self.trend.setAccessibleName(self.tr("Inventory record accuracy per session"))
        layout.addWidget(self.trend, 2)

        # Shrinkage and the repeat offenders share the lower half: one tab each (a 600-pixel screen has room for one).
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Shrinkage and repeat offenders"))
        shrinkage = QWidget()
        shrinkage_layout = QVBoxLayout(shrinkage)
        by_row = QHBoxLayout()
        self.by = QComboBox()
        for key, label in (("vendor", self.tr("vendor")), ("type", self.tr("product type")), ("area", self.tr("area")),
                           ("counter", self.tr("counter"))):
            self.by.addItem(label, key)
        self.by.setAccessibleName(self.tr("Shrinkage by"))
        self.by.setMinimumHeight(theme.touch_target)
        by_row.addWidget(QLabel(self.tr("Shrinkage at cost by")))
        by_row.addWidget(self.by)
        by_row.addStretch(1)
        shrinkage_layout.addLayout(by_row)
        self.breakdown = ValueBars()
        self.breakdown.setAccessibleName(self.tr("Shrinkage breakdown"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.breakdown)
        shrinkage_layout.addWidget(scroll, 1)
        self.tabs.addTab(shrinkage, self.tr("Shrinkage"))

        self.offenders = QTableWidget(0, 3)
        self.offenders.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Variant"),
                                                  self.tr("Variance of the last counts")])
        self.offenders.verticalHeader().setVisible(False)
        self.offenders.horizontalHeader().setStretchLastSection(True)
        self.offenders.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.offenders.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.offenders.setAccessibleName(self.tr("Repeat offenders"))
        self.tabs.addTab(self.offenders, self.tr("Repeat offenders"))
        layout.addWidget(self.tabs, 3)

        bottom = QHBoxLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.export_csv = QPushButton(self.tr("Export CSV…"))
        self.export_xlsx = QPushButton(self.tr("Export Excel…"))
        close = QPushButton(self.tr("Close"))
        bottom.addWidget(self.message, 1)
        for button in (self.export_csv, self.export_xlsx, close):
            button.setMinimumHeight(theme.touch_target)
            bottom.addWidget(button)
        layout.addLayout(bottom)

        self.by.currentIndexChanged.connect(lambda _: self._show_breakdown())
        self.export_csv.clicked.connect(lambda: self._ask_export("csv"))
        self.export_xlsx.clicked.connect(lambda: self._ask_export("xlsx"))
        close.clicked.connect(self.close)
        for button in (self.export_csv, self.export_xlsx):
            button.setEnabled(False)
        self._task = spawn(self._load(), self._failed)

    async def _load(self) -> None:
        self.report = await planning.accuracy_report(self.shop, progress=lambda _, n: self.status.setText(
            self.tr("Reading every variant's count history: %1 objects so far…").replace("%1", f"{n:,}")))
        self.show_report(self.report)

    def show_report(self, report: planning.AccuracyReport) -> None:
        theme = current_theme()
        self.busy.setVisible(False)
        sessions = report.sessions
        tolerance = self.tr("exact") if report.tolerance == "exact" else report.tolerance
        if sessions:
            self.status.setText(self.tr("%1 finalized sessions, %2 counted lines in the variants' histories.")
                                .replace("%1", str(len(sessions))).replace("%2", f"{report.lines:,}"))
        else:
            self.status.setText(self.tr("No finalized count yet: accuracy shows after the first session is "
                                        "finalized."))
        latest = sessions[-1].ira if sessions else None
        self.trend_title.setText(self.tr("Inventory record accuracy per session (share of lines counted %1)%2")
                                 .replace("%1", tolerance)
                                 .replace("%2", self.tr(": last %1 %").replace("%1", f"{latest:.1f}")
                                          if latest is not None else ""))
        self.trend.set_data([(s.session, s.ira) for s in sessions], theme.status_colors("in_progress").fill)
        self._show_breakdown()
        offenders = report.offenders
        self.tabs.setTabText(1, self.tr("Repeat offenders (%1)").replace("%1", str(len(offenders))))
        self.tabs.setTabToolTip(1, self.tr("Variants off in 2 of their last 3 counts"))
        self.offenders.setRowCount(0)
        for o in offenders[:200]:
            row = self.offenders.rowCount()
            self.offenders.insertRow(row)
            for column, text in enumerate((o.item.sku or "—", o.item.title, "  ".join(f"{v:+d}" for v in o.variances))):
                self.offenders.setItem(row, column, QTableWidgetItem(text))
        self.offenders.resizeColumnsToContents()
        for button in (self.export_csv, self.export_xlsx):
            button.setEnabled(True)

    def _show_breakdown(self) -> None:
        if self.report is None:
            return
        rows = self.report.breakdowns[self.by.currentData()][:SHOWN]
        none = self.tr("(none)")
        self.breakdown.set_data([(none if r.key == "(none)" else r.key, float(r.shrinkage),
                                  self.tr("%1 (%2 units)").replace("%1", f"{r.shrinkage:,.2f}")
                                  .replace("%2", f"{r.units_lost:g}")) for r in rows],
                                current_theme().status_colors("problem").fill)

    # ---- exports --------------------------------------------------------------------------
    def _ask_export(self, kind: str) -> None:
        pattern = self.tr("CSV (*.csv)") if kind == "csv" else self.tr("Excel workbook (*.xlsx)")
        start = str(Path.home() / f"inventra-accuracy.{kind}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the accuracy tables"), start, pattern)
        if path:
            spawn(self.export_to(kind, Path(path)), self._failed)

    async def export_to(self, kind: str, path: Path) -> None:
        """Every table (sessions, the four breakdowns, repeat offenders), written off the GUI thread."""
        await planning.export_accuracy(self.shop, kind, path, report=self.report)  # type: ignore[arg-type]
        self.message.setText(self.tr("Saved %1").replace("%1", str(path)))

    def _failed(self, error: BaseException) -> None:
        self.busy.setVisible(False)
        self.status.setText(describe(error))

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().closeEvent(event)
