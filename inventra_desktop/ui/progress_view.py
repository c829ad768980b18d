"""The progress view: how far the count has come, per status and per area, and how the
variances spread so far. It stays open beside the grid and follows every delivery."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from ..stocktake.models import Status
from ..stocktake.progress import VARIANCE_BUCKETS, SessionProgress
from .charts import Histogram, StackedBars
from .screen_fit import scrolling
from .status_words import status_word
from .theme import current_theme


class ProgressDialog(QDialog):
    def __init__(self, parent: QWidget, session: str) -> None:
        super().__init__(parent)
        self.session = session
        theme = current_theme()
        self.setWindowTitle(self.tr("Progress of %1").replace("%1", session))
        self.setAccessibleName(self.windowTitle())
        # No fixed minimum width: the layout's own (from the charts' labels at this type size) must rule.
        # The charts scroll on a screen too low for all of them.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        content.setAccessibleName(self.tr("Progress"))
        layout = QVBoxLayout(content)
        layout.setSpacing(theme.spacing)
        outer.addWidget(scrolling(content))
        self.summary = QLabel()
        self.summary.setFont(theme.font("caption", bold=True))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.statuses = StackedBars()
        self.statuses.setAccessibleName(self.tr("Variants by status"))
        layout.addWidget(self.statuses)
        layout.addWidget(self._heading(self.tr("Areas marked counted")))
        self.areas = StackedBars()
        self.areas.setAccessibleName(self.tr("Areas marked counted"))
        layout.addWidget(self.areas)
        layout.addWidget(self._heading(self.tr("Variance so far (counted − snapshot, units)")))
        self.variances = Histogram()
        self.variances.setAccessibleName(self.tr("Variance distribution"))
        layout.addWidget(self.variances)
        self.blind_note = QLabel(self.tr("Blind count: variances are shown after finalize."))
        self.blind_note.setWordWrap(True)
        layout.addWidget(self.blind_note)
        layout.addStretch(1)

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setFont(current_theme().font("body", bold=True))
        return label

    def show_progress(self, progress: SessionProgress) -> None:
        theme = current_theme()
        colour = {s: theme.status_colors(s).fill for s in ("done", "in_progress", "pending", "problem", "warning")}
        done, total = progress.done, progress.total
        share = round(100 * done / total) if total else 0
        self.summary.setText(self.tr("%1 of %2 variants done (%3 %)").replace("%1", str(done))
                             .replace("%2", str(total)).replace("%3", str(share)))
        self.statuses.set_data(
            [(status_word("done"), colour["done"]), (status_word("in_progress"), colour["in_progress"]),
             (status_word("pending"), colour["pending"])],
            [(self.tr("All variants"), [progress.statuses.get(Status.DONE, 0),
                                        progress.statuses.get(Status.IN_PROGRESS, 0),
                                        progress.statuses.get(Status.PENDING, 0)])])
        self.areas.set_data(
            [(self.tr("counted"), colour["done"]), (self.tr("not yet"), colour["pending"])],
            [(a.label, [a.counted, a.total - a.counted]) for a in progress.areas])
        blind = progress.variances is None
        self.variances.setVisible(not blind)
        self.blind_note.setVisible(blind)
        if progress.variances is not None:
            self.variances.set_data([(label, n, colour[_tone(high)]) for (label, n), (_, _, high)
                                     in zip(progress.variances, VARIANCE_BUCKETS)], self.tr("variants"))


def _tone(high: int | None) -> str:
    """Big shortfalls read red, small ones amber, exact green, surpluses blue."""
    if high is None or high > 0:
        return "in_progress"
    return "done" if high == 0 else "problem" if high <= -5 else "warning"
