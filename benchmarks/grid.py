"""The product grid at 50,000 variants, offscreen: populate, filter keystrokes, sort, update, RSS.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/grid.py [--rows 50000]

Every timing includes the QTableView's repaint (events processed until the viewport painted).
Goals (issue 5): populate <= 0.5 s, filter keystroke <= 50 ms, RSS <= 400 MB. It also compares
the filter done with layoutChanged (what the model does) against a model reset.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import sys
import time
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6  # noqa: E402
from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView  # noqa: E402

from inventra_desktop.stocktake.models import AreaCount, Status, VariantCounts  # noqa: E402
from inventra_desktop.stocktake.variant import VariantRecord  # noqa: E402
from inventra_desktop.ui.grid_model import COL_TITLE, GridRow, ProductGridModel  # noqa: E402
from inventra_desktop.ui.status_badge import StatusBadgeDelegate  # noqa: E402

AREAS = [("shop", "Shop floor"), ("back", "Back room"), ("garage", "Garage")]
NOUNS = ["Cable", "Cabinet", "Candle", "Canvas bag", "Lamp", "Mug", "Scarf", "Teapot", "Vase", "Wallet",
         "Notebook", "Pillow", "Blanket", "Bottle", "Clock", "Frame", "Basket", "Bowl", "Chair", "Rug"]
ADJECTIVES = ["Linen", "Brass", "Oak", "Woven", "Ceramic", "Recycled", "Classic", "Cable-knit", "Glass", "Wool"]
VARIANTS = ["Default Title", "Red", "Blue", "Green", "Small", "Medium", "Large", "Red / L", "Blue / S"]
STATUSES = [Status.PENDING, Status.IN_PROGRESS, Status.DONE]
KEYSTROKES = ["c", "ca", "cab", "cabl", "cable", "cable ", "cable r", "cable re", "cable red"]


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


def synthetic_rows(n: int, rnd: random.Random) -> list[GridRow]:
    """GridRows as the grid holds them, built directly (what the goals measure)."""
    rows = []
    for i in range(n):
        qty = {key: rnd.choice((0, 0, rnd.randint(1, 30))) for key, _ in AREAS}
        counted = {key: q > 0 or rnd.random() < 0.1 for key, q in qty.items()}
        total = sum(qty.values())
        baseline = None if i % 401 == 0 else rnd.randint(0, 60)
        variant = rnd.choice(VARIANTS)
        status = "problem" if i % 997 == 0 else "omitted" if i % 301 == 0 else rnd.choice(STATUSES).value
        rows.append(GridRow(
            variant_id=f"gid://shopify/ProductVariant/{10_000_000 + i}", product_id=f"gid://shopify/Product/{i // 3}",
            title=f"{rnd.choice(ADJECTIVES)} {rnd.choice(NOUNS)} {i // 3}",
            variant="" if variant == "Default Title" else variant,
            sku="" if i % 17 == 0 else f"SKU-{i:06d}", barcode="" if i % 5 == 0 else str(4_000_000_000_000 + i),
            baseline=baseline, qty=qty, counted=counted, total=total,
            variance=None if baseline is None else total - baseline, status=status,  # type: ignore[arg-type]
            image_url=f"https://cdn.shopify.com/s/files/1/0001/{i}.jpg" if i % 2 else None,
            problem="The “status” metafield cannot be read: not a status." if status == "problem" else None))
    return rows


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
            model: ProductGridModel) -> tuple[float, float]:
    """Wall and CPU seconds for `action` plus the view's repaint that follows it, if the model changed.
    CPU time is what this process spent: close to the wall time on an idle machine."""
    watcher = _watchers.setdefault(id(model), ChangeCounter(model))
    paints, changes = counter.paints, watcher.changes
    started, cpu = time.perf_counter(), time.process_time()
    action()
    while watcher.changes != changes and counter.paints == paints and time.perf_counter() - started < 5:
        app.processEvents()
    app.processEvents()
    return time.perf_counter() - started, time.process_time() - cpu


def keystrokes(app: QApplication, model: ProductGridModel, counter: PaintCounter,
               rounds: int = 3) -> list[tuple[float, float]]:
    """Typing KEYSTROKES then clearing the field (the largest relayout), `rounds` times."""
    times = []
    for _ in range(rounds):
        times += [painted(app, counter, lambda t=text: model.set_filter(t), model) for text in KEYSTROKES]
        times.append(painted(app, counter, lambda: model.set_filter(""), model))
    return times


def ms(figure: tuple[float, float]) -> str:
    return f"{figure[0] * 1000:.1f} ms ({figure[1] * 1000:.1f} CPU)"


def mean_max(times: list[tuple[float, float]]) -> tuple[str, str]:
    walls, cpus = [t[0] for t in times], [t[1] for t in times]
    return (ms((statistics.mean(walls), statistics.mean(cpus))),
            ms(max(times)))


def line(label: str, value: str, goal: str = "") -> None:
    print(f"{label:<48} {value:>24}  {goal}".rstrip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    rnd = random.Random(5)
    model = ProductGridModel()
    view, counter = make_view(model)
    app.processEvents()
    start_rss = rss_mb()

    rows = synthetic_rows(args.rows, rnd)
    populate = painted(app, counter, lambda: model.set_rows(rows, AREAS, blind=False), model)
    populated_rss = rss_mb()
    shown = model.rowCount()

    typing = keystrokes(app, model, counter)
    matches = []
    for text in KEYSTROKES:
        model.set_filter(text)
        matches.append(model.rowCount())
    model.set_filter("")
    app.processEvents()

    sort_title = painted(app, counter, lambda: view.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder), model)
    sort_title_desc = painted(app, counter, lambda: view.sortByColumn(COL_TITLE, Qt.SortOrder.DescendingOrder), model)
    total_column = model.total_column
    sort_total = painted(app, counter, lambda: view.sortByColumn(total_column, Qt.SortOrder.AscendingOrder), model)
    typing_sorted = keystrokes(app, model, counter)

    picked = list(range(0, 40)) + rnd.sample(range(40, shown), 60)  # 40 on screen, 60 anywhere
    changed = []
    for row in (model.grid_row(r) for r in picked):
        total = row.total + 1
        changed.append(dataclasses.replace(row, qty=dict(row.qty, shop=row.qty["shop"] + 1),
                                           counted=dict(row.counted, shop=True), total=total,
                                           variance=None if row.baseline is None else total - row.baseline,
                                           status="in_progress"))
    update = painted(app, counter, lambda: model.update_rows(changed), model)
    repaint = painted(app, counter, lambda: view.viewport().repaint(), model)

    reset_model = ResetFilterGrid()
    reset_view, reset_counter = make_view(reset_model)
    reset_model.set_rows(rows, AREAS, blind=False)
    app.processEvents()
    typing_reset = keystrokes(app, reset_model, reset_counter)
    reset_view.close()

    records = synthetic_records(args.rows, rnd)  # after the RSS figure: these are not the grid's
    started = time.perf_counter()
    area_keys = [key for key, _ in AREAS]
    for record in records:
        GridRow.from_variant(record, area_keys, "BENCH")
    build = time.perf_counter() - started

    print(f"grid benchmark: {args.rows:,} variants, {len(AREAS)} areas, QTableView 1400x900 offscreen, "
          f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    line("set_rows + first paint", ms(populate), "goal <= 0.5 s")
    line("filter keystroke, mean ('c' … 'cable red', clear) x3", mean_max(typing)[0], "goal <= 50 ms")
    line("filter keystroke, max", mean_max(typing)[1], "goal <= 50 ms")
    line("  per keystroke, first round (wall ms)", " ".join(f"{t[0] * 1000:.0f}" for t in typing[:10]))
    line("  rows matching", " ".join(str(m) for m in matches))
    line("filter keystroke while sorted by total, mean", mean_max(typing_sorted)[0])
    line("filter keystroke while sorted by total, max", mean_max(typing_sorted)[1])
    line("filter through a model reset instead, mean", mean_max(typing_reset)[0])
    line("filter through a model reset instead, max", mean_max(typing_reset)[1])
    line("sort by title (header click), ascending", ms(sort_title))
    line("sort by title (header click), descending", ms(sort_title_desc))
    line("sort by total (header click)", ms(sort_total))
    line("update_rows of 100 rows (40 on screen)", ms(update))
    line("a bare repaint of the view (for scale)", ms(repaint))
    line("RSS before the rows (Qt, window, imports)", f"{start_rss:.0f} MB")
    line("RSS after populating", f"{populated_rss:.0f} MB", "goal <= 400 MB")
    line("GridRow.from_variant x all rows (not in populate)", f"{build:.3f} s")
    view.close()


if __name__ == "__main__":
    main()
