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
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
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

        by_row = QHBoxLayout()
        by_label = QLabel(self.tr("Shrinkage at cost by"))
        by_label.setFont(theme.font("body", bold=True))
        self.by = QComboBox()
        for key, label in (("vendor", self.tr("vendor")), ("type", self.tr("product type")), ("area", self.tr("area")),
                           ("counter", self.tr("counter"))):
            self.by.addItem(label, key)
        self.by.setAccessibleName(self.tr("Shrinkage by"))
        self.by.setMinimumHeight(theme.touch_target)
        by_row.addWidget(by_label)
        by_row.addWidget(self.by)
        by_row.addStretch(1)
        layout.addLayout(by_row)
        self.breakdown = ValueBars()
        self.breakdown.setAccessibleName(self.tr("Shrinkage breakdown"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.breakdown)
        scroll.setMinimumHeight(self.breakdown.minimumSizeHint().height() * 3)
        layout.addWidget(scroll, 2)

        self.offenders_title = QLabel()
        self.offenders_title.setWordWrap(True)
        layout.addWidget(self.offenders_title)
        self.offenders = QListWidget()
        self.offenders.setAccessibleName(self.tr("Repeat offenders"))
        self.offenders.setMaximumHeight(6 * self.fontMetrics().height() + 12)
        layout.addWidget(self.offenders, 1)

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
        self.offenders_title.setText(self.tr("Repeat offenders (off in 2 of their last 3 counts): %1")
                                     .replace("%1", str(len(offenders))))
        self.offenders.clear()
        for o in offenders[:100]:
            self.offenders.addItem(f"{o.item.sku or '—'}  {o.item.title}  "
                                   + " ".join(f"{v:+d}" for v in o.variances))
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
