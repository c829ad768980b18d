"""The product grid at 50,000 variants, offscreen: populate, filter keystrokes, sort, update, RSS.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/grid.py [--rows 50000]

Every timing includes the QTableView's repaint (events processed until the viewport painted).
Goals (issue 5): populate <= 0.5 s, filter keystroke <= 50 ms, RSS <= 400 MB. It also compares
the filter done with layoutChanged (what the model does) against a model reset.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import random
import statistics
import sys
import time
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView  # noqa: E402

from inventra_desktop.stocktake.models import AreaCount, Status, VariantCounts  # noqa: E402
from inventra_desktop.stocktake.variants import VariantRecord  # noqa: E402
from inventra_desktop.ui.grid_model import COL_TITLE, GridRow, ProductGridModel  # noqa: E402
from inventra_desktop.ui.status_badge import StatusBadgeDelegate  # noqa: E402

AREAS = [("shop", "Shop floor"), ("back", "Back room"), ("garage", "Garage")]
NOUNS = ["Cable", "Cabinet", "Candle", "Canvas bag", "Lamp", "Mug", "Scarf", "Teapot", "Vase", "Wallet",
         "Notebook", "Pillow", "Blanket", "Bottle", "Clock", "Frame", "Basket", "Bowl", "Chair", "Rug"]
ADJECTIVES = ["Linen", "Brass", "Oak", "Woven", "Ceramic", "Recycled", "Classic", "Cable-knit", "Glass", "Wool"]
VARIANTS = ["Default Title", "Red", "Blue", "Green", "Small", "Medium", "Large", "Red / L", "Blue / S"]
STATUSES = [Status.PENDING, Status.IN_PROGRESS, Status.DONE]
KEYSTROKES = ["c", "ca", "cab", "cabl", "cable", "cable ", "cable r", "cable re", "cable red"]


def pin_singletons() -> None:
    """PySide6 6.12's abi3 wheels return None (every void call) and True (every emit) without a new
    reference on Python < 3.12, where they are not immortal: the interpreter aborts (none_dealloc)
    after a few repaints. Pin them as Python 3.12 does; the timings are unaffected."""
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40  # ob_refcnt is the first field


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def synthetic_records(n: int, rnd: random.Random) -> list[VariantRecord]:
    """Variants as the engine reads them: counts for session BENCH, a few omitted or unreadable."""
    records = []
    for i in range(n):
        areas = {key: AreaCount(qty=q, counted=q > 0 or rnd.random() < 0.1)
                 for key, _ in AREAS for q in [rnd.choice((0, 0, rnd.randint(1, 30)))]}
        record = VariantRecord(
            id=f"gid://shopify/ProductVariant/{10_000_000 + i}", product_id=f"gid://shopify/Product/{i // 3}",
            product_title=f"{rnd.choice(ADJECTIVES)} {rnd.choice(NOUNS)} {i // 3}", vendor="Bench",
            title=rnd.choice(VARIANTS), sku=None if i % 17 == 0 else f"SKU-{i:06d}",
            barcode=None if i % 5 == 0 else str(4_000_000_000_000 + i), product_tags=[],
            inventory_item_id=f"gid://shopify/InventoryItem/{i}", tracked=True, bundle_parent=i % 301 == 0,
            on_hand={}, counts=VariantCounts(session="BENCH", snapshot_at="2026-11-23T00:00:00Z",
                                             baseline={"gid://shopify/Location/1": rnd.randint(0, 60)}, areas=areas),
            status=rnd.choice(STATUSES))
        if i % 997 == 0:
            record.problems.append(("status", "not one of pending, in_progress, done"))
        records.append(record)
    return records


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


class ResetFilterGrid(ProductGridModel):
    """The same model, but swapping the view order with a reset: only here for the comparison."""

    def _replace_order(self, order: list[int], hint: QAbstractItemModel.LayoutChangeHint) -> None:
        self.beginResetModel()
        self._order = order
        self._positions_cache = None
        self.endResetModel()


def make_view(model: ProductGridModel) -> tuple[QTableView, PaintCounter]:
    """The view set up as the main window should: fixed row height, no ResizeToContents."""
    view = QTableView()
    view.setModel(model)
    view.setIconSize(QSize(24, 24))
    view.setWordWrap(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(30)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    badge = StatusBadgeDelegate(view)

    def on_reset() -> None:  # the status column moves with the number of areas; blind hides columns
        for column in range(model.columnCount()):
            view.setItemDelegateForColumn(column, None)  # type: ignore[arg-type]
            view.setColumnHidden(column, column in model.hidden_columns())
        view.setItemDelegateForColumn(model.status_column, badge)
        view.setColumnWidth(COL_TITLE, 320)

    model.modelReset.connect(on_reset)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.resize(1400, 900)
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    view.show()
    return view, counter


class ChangeCounter(QObject):
    """Counts the model's layout, reset and data changes: a keystroke that changes nothing paints nothing."""

    def __init__(self, model: ProductGridModel) -> None:
        super().__init__()
        self.changes = 0
        model.layoutChanged.connect(self._on_change)
        model.modelReset.connect(self._on_change)
        model.dataChanged.connect(self._on_change)

    def _on_change(self, *_: object) -> None:
        self.changes += 1


_watchers: dict[int, ChangeCounter] = {}


def painted(app: QApplication, counter: PaintCounter, action: Callable[[], object],
            model: ProductGridModel) -> float:
    """Seconds for `action` plus the view's repaint that follows it, if the model changed."""
    watcher = _watchers.setdefault(id(model), ChangeCounter(model))
    paints, changes = counter.paints, watcher.changes
    started = time.perf_counter()
    action()
    while watcher.changes != changes and counter.paints == paints and time.perf_counter() - started < 5:
        app.processEvents()
    app.processEvents()
    return time.perf_counter() - started


def keystrokes(app: QApplication, model: ProductGridModel, counter: PaintCounter, rounds: int = 3) -> list[float]:
    """Typing KEYSTROKES then clearing the field (the largest relayout), `rounds` times."""
    times = []
    for _ in range(rounds):
        times += [painted(app, counter, lambda t=text: model.set_filter(t), model) for text in KEYSTROKES]
        times.append(painted(app, counter, lambda: model.set_filter(""), model))
    return times


def line(label: str, value: str, goal: str = "") -> None:
    print(f"{label:<46} {value:>12}  {goal}".rstrip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    pin_singletons()
    app = QApplication.instance() or QApplication([])
    rnd = random.Random(5)
    start_rss = rss_mb()
    area_keys = [key for key, _ in AREAS]

    records = synthetic_records(args.rows, rnd)
    started = time.perf_counter()
    rows = [GridRow.from_variant(r, area_keys, "BENCH") for r in records]
    build = time.perf_counter() - started
    del records

    model = ProductGridModel()
    view, counter = make_view(model)
    app.processEvents()
    populate = painted(app, counter, lambda: model.set_rows(rows, AREAS, blind=False), model)
    populated_rss = rss_mb()
    shown = model.rowCount()

    times = keystrokes(app, model, counter)
    matches = []
    for text in KEYSTROKES:
        model.set_filter(text)
        matches.append(model.rowCount())
    model.set_filter("")
    app.processEvents()

    sort_title = painted(app, counter, lambda: view.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder), model)
    sort_title_desc = painted(app, counter, lambda: view.sortByColumn(COL_TITLE, Qt.SortOrder.DescendingOrder), model)
    sort_total = painted(app, counter, lambda: view.sortByColumn(model.total_column, Qt.SortOrder.AscendingOrder), model)
    sorted_times = keystrokes(app, model, counter)

    visible = [model.grid_row(r) for r in range(0, 40)] + [model.grid_row(r) for r in rnd.sample(range(shown), 60)]
    changed = []
    for row in visible:
        qty = dict(row.qty)
        qty["shop"] += 1
        counted = dict(row.counted, shop=True)
        total = row.total + 1
        changed.append(GridRow(row.variant_id, row.product_id, row.title, row.variant, row.sku, row.barcode,
                               row.baseline, qty, counted, total,
                               None if row.baseline is None else total - row.baseline, "in_progress",
                               row.image_url, row.problem, row.search))
    update = painted(app, counter, lambda: model.update_rows(changed), model)

    reset_model = ResetFilterGrid()
    reset_view, reset_counter = make_view(reset_model)
    reset_model.set_rows(rows, AREAS, blind=False)
    app.processEvents()
    reset_times = keystrokes(app, reset_model, reset_counter)

    ms = 1000.0
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (other work on the machine inflates times)")
    print(f"grid benchmark: {args.rows:,} variants, {len(AREAS)} areas, QTableView 1400x900 offscreen, "
          f"PySide6 {__import__('PySide6').__version__}")
    line("GridRow.from_variant x all rows (off the goal)", f"{build:.3f} s")
    line("set_rows + first paint", f"{populate:.3f} s", "goal <= 0.5 s")
    line("filter keystroke, mean (c … 'cable red', clear) x3", f"{statistics.mean(times) * ms:.1f} ms", "goal <= 50 ms")
    line("filter keystroke, max", f"{max(times) * ms:.1f} ms", "goal <= 50 ms")
    line("  per keystroke, first round (ms)", " ".join(f"{t * ms:.0f}" for t in times[:len(KEYSTROKES) + 1]))
    line("  rows matching", " ".join(str(m) for m in matches))
    line("filter keystroke while sorted by total, mean", f"{statistics.mean(sorted_times) * ms:.1f} ms")
    line("filter keystroke while sorted by total, max", f"{max(sorted_times) * ms:.1f} ms")
    line("filter via model reset instead, mean", f"{statistics.mean(reset_times) * ms:.1f} ms")
    line("filter via model reset instead, max", f"{max(reset_times) * ms:.1f} ms")
    line("sort by title (header), ascending", f"{sort_title * ms:.1f} ms")
    line("sort by title (header), descending", f"{sort_title_desc * ms:.1f} ms")
    line("sort by total (header)", f"{sort_total * ms:.1f} ms")
    line("update_rows of 100 rows (40 on screen)", f"{update * ms:.1f} ms")
    line("RSS before building rows", f"{start_rss:.0f} MB")
    line("RSS after populating", f"{populated_rss:.0f} MB", "goal <= 400 MB")
    line("RSS at the end (two models, two views)", f"{rss_mb():.0f} MB")
    reset_view.close()
    view.close()


if __name__ == "__main__":
    main()
