"""The product grid's model and status badge: checked with qtmodeltester, sorted, filtered, updated."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QIcon, QImage, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

from inventra_desktop.stocktake.models import AreaCount, Status, VariantCounts
from inventra_desktop.stocktake.variant import VariantRecord
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from inventra_desktop.ui.grid_model import (COL_BASELINE, COL_SKU, COL_TITLE, COL_VARIANT, STATUS_RANK, CountedRole,
                                            GridRow, HiddenRole, ProductGridModel, SortRole, StatusRole,
                                            ThumbnailLoader, VariantIdRole, placeholder_icon)
from inventra_desktop.ui.status_badge import BADGES, StatusBadgeDelegate, contrast_ratio

AREAS = [("shop", "Shop floor"), ("back", "Back room")]
STATUSES = ["pending", "in_progress", "done", "omitted", "problem"]
WORDS = ["Cable", "Cabinet", "Candle", "Lamp", "Mug", "Scarf", "Teapot", "Vase", "Wallet", "Zip bag"]


def make_rows(n: int, seed: int = 7) -> list[GridRow]:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        baseline = None if i % 13 == 0 else rnd.randint(0, 40)
        qty = {"shop": rnd.randint(0, 20), "back": rnd.choice([0, 0, rnd.randint(1, 9)])}
        counted = {"shop": qty["shop"] > 0 or i % 5 == 0, "back": qty["back"] > 0}
        total = sum(qty.values())
        status = STATUSES[i % 5]
        rows.append(GridRow(
            variant_id=f"gid://shopify/ProductVariant/{1000 + i}", product_id=f"gid://shopify/Product/{i // 3}",
            title=f"{rnd.choice(WORDS)} {i // 3}", variant="" if i % 3 == 0 else rnd.choice(["Red", "blue", "Large"]),
            sku="" if i % 11 == 0 else f"SKU-{rnd.randint(0, 99999):05d}",
            barcode="" if i % 7 == 0 else f"{rnd.randint(10**11, 10**12 - 1)}",
            baseline=baseline, qty=qty, counted=counted, total=total,
            variance=None if baseline is None else total - baseline, status=status,  # type: ignore[arg-type]
            problem="The “counts” metafield cannot be read: not JSON." if status == "problem" else None))
    return rows


def column_values(model: ProductGridModel, column: int, role: int = SortRole) -> list[object]:
    return [model.data(model.index(r, column), role) for r in range(model.rowCount())]


@pytest.fixture
def model(qapp: object) -> ProductGridModel:
    m = ProductGridModel()
    m.set_rows(make_rows(1000), AREAS, blind=False)
    return m


# ---- GridRow.from_variant ----------------------------------------------------------------------

def record(**kw: object) -> VariantRecord:
    base: dict[str, object] = dict(
        id="gid://shopify/ProductVariant/1", product_id="gid://shopify/Product/1", product_title="Brass Lamp",
        vendor="Acme", title="Default Title", sku="LAMP-1", barcode="4006381333931", product_tags=[],
        inventory_item_id="gid://shopify/InventoryItem/1", tracked=True, bundle_parent=False, on_hand={})
    base.update(kw)
    return VariantRecord(**base)  # type: ignore[arg-type]


def counts(session: str = "S1", **kw: object) -> VariantCounts:
    base: dict[str, object] = dict(
        session=session, snapshot_at="2026-11-20T08:00:00Z",
        baseline={"gid://shopify/Location/1": 5, "gid://shopify/Location/2": 3},
        areas={"shop": AreaCount(qty=4, counted=True), "back": AreaCount(qty=0, counted=False)})
    base.update(kw)
    return VariantCounts(**base)  # type: ignore[arg-type]


def test_a_row_from_a_counted_variant() -> None:
    row = GridRow.from_variant(record(counts=counts(), status=Status.IN_PROGRESS), ["shop", "back", "garage"], "S1")
    assert (row.title, row.variant, row.sku, row.barcode) == ("Brass Lamp", "", "LAMP-1", "4006381333931")
    assert row.baseline == 8 and row.total == 4 and row.variance == -4
    assert row.qty == {"shop": 4, "back": 0, "garage": 0}
    assert row.counted == {"shop": True, "back": False, "garage": False}
    assert row.status == "in_progress" and row.problem is None and row.image_url is None
    assert row.search == "brass lamp\n\nlamp-1\n4006381333931"


def test_rows_that_are_omitted_pending_or_a_problem() -> None:
    areas = ["shop"]
    assert GridRow.from_variant(record(counts=counts(), bundle_parent=True), areas, "S1").status == "omitted"
    assert GridRow.from_variant(record(counts=counts(), omit=True), areas, "S1").status == "omitted"
    assert GridRow.from_variant(record(counts=counts(omitted=True)), areas, "S1").status == "omitted"
    other = GridRow.from_variant(record(counts=counts("OLD"), status=Status.DONE, title="Red"), areas, "S1")
    assert (other.status, other.baseline, other.variance, other.total) == ("pending", None, None, 0)
    assert other.variant == "Red"
    broken = GridRow.from_variant(record(problems=[("counts", "not JSON")]), areas, "S1")
    assert broken.status == "problem"
    assert broken.problem is not None and "counts" in broken.problem and "not JSON" in broken.problem
    assert GridRow.from_variant(record(), areas, "S1", image_url="https://x/y.png").image_url == "https://x/y.png"


# ---- the Qt model contract ---------------------------------------------------------------------

def test_qtmodeltester_through_filter_sort_update_and_blind(qtmodeltester: ModelTester,
                                                            model: ProductGridModel) -> None:
    qtmodeltester.check(model, force_py=True)  # Python checks assert; every signal re-runs them
    model.set_filter("ca")
    model.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)
    model.set_filter("ca", status="done")
    model.sort(model.total_column, Qt.SortOrder.AscendingOrder)
    model.update_rows([dataclasses.replace(model.grid_row(0), total=99, variance=None)])
    model.set_filter(area="back")
    model.set_filter()
    model.set_rows(make_rows(1000, seed=8), AREAS[:1], blind=True)
    model.sort(-1)


@pytest.mark.qt_log_level_fail("WARNING")
def test_qt_own_model_tester_reports_nothing(qtmodeltester: ModelTester, model: ProductGridModel) -> None:
    qtmodeltester.check(model)  # Qt's C++ QAbstractItemModelTester: failures are Qt warnings
    model.sort(COL_SKU, Qt.SortOrder.AscendingOrder)
    model.set_filter("cab")
    model.update_rows([dataclasses.replace(model.grid_row(1), status="done")])
    model.set_filter()


def test_columns_headers_and_display(model: ProductGridModel) -> None:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Title", "Variant", "SKU", "Barcode", "Baseline", "Shop floor", "Back room",
                       "Total", "Variance", "Last counted", "Last variance", "Status"]
    assert (model.total_column, model.variance_column, model.status_column) == (7, 8, 11)
    assert (model.last_counted_column, model.last_variance_column) == (9, 10)
    assert model.area_column("back") == 6 and model.area_at(6) == "back" and model.area_at(7) is None
    row = dataclasses.replace(make_rows(1)[0], qty={"shop": 0, "back": 2}, counted={"shop": False, "back": True},
                              total=2, baseline=5, variance=-3, status="in_progress")
    model.set_rows([row], AREAS)
    assert column_values(model, COL_BASELINE, Qt.ItemDataRole.DisplayRole) == ["5"]
    assert [model.data(model.index(0, c)) for c in range(5, 12)] == ["–", "2", "2", "-3", "", "", "In progress"]
    model.set_last_counts({row.variant_id: ("2026-10-01", -2)})  # from the count history, after the rows
    assert [model.data(model.index(0, c)) for c in (9, 10)] == ["2026-10-01", "-2"]
    assert model.data(model.index(0, 6), CountedRole) is True and model.data(model.index(0, 5), CountedRole) is False
    assert model.data(model.index(0, COL_TITLE), CountedRole) is None
    assert model.data(model.index(0, 7), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(0, COL_TITLE), Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.data(model.index(0, 0), VariantIdRole) == row.variant_id
    assert model.data(model.index(0, 3), StatusRole) == "in_progress"


def test_problem_rows_explain_themselves_in_a_tooltip(model: ProductGridModel) -> None:
    model.set_filter(status="problem")
    assert model.rowCount() == 200
    assert "cannot be read" in model.data(model.index(0, COL_SKU), Qt.ItemDataRole.ToolTipRole)
    model.set_filter(status="done")
    assert model.data(model.index(0, COL_SKU), Qt.ItemDataRole.ToolTipRole) is None


def test_not_done_shows_what_still_needs_a_counter(model: ProductGridModel) -> None:
    counts = {}
    for status in ("pending", "in_progress", "not_done"):
        model.set_filter(status=status)
        counts[status] = model.rowCount()
    assert counts["pending"] and counts["in_progress"]
    assert counts["not_done"] == counts["pending"] + counts["in_progress"]
    statuses = {model.data(model.index(r, 0), StatusRole) for r in range(model.rowCount())}
    assert statuses == {"pending", "in_progress"}


# ---- sorting -----------------------------------------------------------------------------------

@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sorting_by_each_column(model: ProductGridModel, order: Qt.SortOrder) -> None:
    for column in range(model.columnCount()):
        model.sort(column, order)
        keys = column_values(model, column)
        present = [k for k in keys if k is not None]
        assert keys == present + [None] * (len(keys) - len(present)), f"empty values last in column {column}"
        assert present == sorted(present, reverse=order == Qt.SortOrder.DescendingOrder), f"column {column}"
        assert model.sort_column() == column and model.rowCount() == 1000
    model.sort(model.status_column, Qt.SortOrder.AscendingOrder)
    assert column_values(model, 0, StatusRole)[0] == "problem"
    assert [STATUS_RANK[s] for s in column_values(model, 0, StatusRole)] == sorted(STATUS_RANK[s] for s in STATUSES
                                                                                    for _ in range(200))


def test_ties_keep_title_order_and_minus_one_restores_the_given_order(model: ProductGridModel) -> None:
    model.sort(model.status_column, Qt.SortOrder.DescendingOrder)
    omitted = [model.grid_row(r).search for r in range(model.rowCount()) if model.grid_row(r).status == "omitted"]
    assert omitted == sorted(omitted)
    model.sort(-1)
    assert model.visible_variant_ids() == [r.variant_id for r in make_rows(1000)]


def test_sort_keeps_the_filter_and_row_for_variant_follows(model: ProductGridModel) -> None:
    model.set_filter("lamp")
    shown = model.rowCount()
    model.sort(COL_SKU, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == shown
    for row in (0, 7, shown - 1):
        variant_id = model.variant_at(row)
        assert model.row_for_variant(variant_id) == row
        assert model.index_for_variant(variant_id).row() == row
    hidden = next(r for r in make_rows(1000) if "lamp" not in r.search)
    assert model.row_for_variant(hidden.variant_id) is None
    assert model.row_for_variant("gid://shopify/ProductVariant/0") is None
    ids = model.visible_variant_ids()
    assert ids == [model.variant_at(r) for r in range(shown)] and len(set(ids)) == shown


def test_selection_follows_its_row_through_sort_and_filter(qtbot: QtBot, model: ProductGridModel) -> None:
    model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(10)
    chosen = model.variant_at(10)
    current = QPersistentModelIndex(model.index(10, 2))
    model.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)
    assert current.row() == model.row_for_variant(chosen) == 989 and current.column() == 2
    assert [model.variant_at(i.row()) for i in view.selectionModel().selectedRows()] == [chosen]
    model.set_filter("zzz-nothing")
    assert model.rowCount() == 0 and not current.isValid()


def test_the_view_keeps_column_widths_and_hidden_columns_through_filter_and_sort(qtbot: QtBot) -> None:
    model = ProductGridModel()
    model.set_rows(make_rows(1000), AREAS, blind=True)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    for column in model.hidden_columns():
        view.setColumnHidden(column, True)
    view.setColumnWidth(COL_TITLE, 333)
    view.setColumnWidth(COL_SKU, 77)
    first = model.variant_at(0)
    model.set_filter("lamp")  # row 0 is filtered out
    assert model.row_for_variant(first) is None
    model.sort(COL_SKU, Qt.SortOrder.DescendingOrder)
    model.set_filter("")
    qtbot.wait(10)
    assert (view.columnWidth(COL_TITLE), view.columnWidth(COL_SKU)) == (333, 77)
    assert [c for c in range(model.columnCount()) if view.isColumnHidden(c)] == model.hidden_columns()


def test_painting_reads_every_role_in_one_call(model: ProductGridModel) -> None:
    delegate = QStyledItemDelegate()
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(0, COL_TITLE))  # Qt asks multiData for seven roles
    assert option.text == model.grid_row(0).title and not option.icon.isNull()
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(0, model.total_column))
    assert option.text == str(model.grid_row(0).total)
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight and option.icon.isNull()
    model.set_rows(make_rows(3), AREAS, blind=True)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, model.index(1, COL_BASELINE))
    assert option.text == ""
    image = QImage(800, 200, QImage.Format.Format_ARGB32)
    view = QTableView()
    view.setModel(model)
    view.resize(800, 200)
    view.render(image)  # the whole paint path, through multiData, without error
    view.deleteLater()


def test_a_header_click_sorts_through_the_model(qtbot: QtBot, model: ProductGridModel) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.horizontalHeader().setSortIndicator(COL_TITLE, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    assert (model.sort_column(), model.sort_order()) == (COL_TITLE, Qt.SortOrder.AscendingOrder)
    view.sortByColumn(model.total_column, Qt.SortOrder.DescendingOrder)
    assert model.sort_column() == model.total_column
    totals = column_values(model, model.total_column)
    assert totals == sorted(totals, reverse=True)


# ---- filtering ---------------------------------------------------------------------------------

def test_filter_by_text_status_and_area(model: ProductGridModel) -> None:
    rows = make_rows(1000)

    def expect(predicate: Callable[[GridRow], object]) -> set[str]:
        return {r.variant_id for r in rows if predicate(r)}

    model.set_filter("CAB")
    assert set(model.visible_variant_ids()) == expect(lambda r: "cab" in r.search)
    model.set_filter("  cab   red ")
    assert set(model.visible_variant_ids()) == expect(lambda r: "cab" in r.search and "red" in r.search)
    sku = rows[5].sku
    model.set_filter(sku.lower())
    assert rows[5].variant_id in model.visible_variant_ids()
    model.set_filter(rows[5].barcode)
    assert model.visible_variant_ids() == [rows[5].variant_id]
    model.set_filter(status="done")
    assert set(model.visible_variant_ids()) == expect(lambda r: r.status == "done")
    model.set_filter(area="back")
    assert set(model.visible_variant_ids()) == expect(lambda r: r.counted["back"] or r.qty["back"])
    model.set_filter("lamp", status="pending", area="shop")
    assert set(model.visible_variant_ids()) == expect(
        lambda r: "lamp" in r.search and r.status == "pending" and (r.counted["shop"] or r.qty["shop"]))
    assert model.filter() == ("lamp", "pending", "shop")
    model.set_filter()
    assert model.rowCount() == 1000


def test_typing_narrows_and_deleting_widens(model: ProductGridModel) -> None:
    rows = make_rows(1000)
    for text in ("c", "ca", "cab", "cab 1", "ca", "", "b"):
        model.set_filter(text, status="pending")
        words = text.split()
        assert model.visible_variant_ids() == [r.variant_id for r in rows if r.status == "pending"
                                               and all(w in r.search for w in words)], text


def test_filter_keeps_the_sort(model: ProductGridModel) -> None:
    model.sort(model.variance_column, Qt.SortOrder.AscendingOrder)
    model.set_filter("a")
    keys = [k for k in column_values(model, model.variance_column) if k is not None]
    assert keys == sorted(keys) and 0 < model.rowCount() < 1000


# ---- update_rows -------------------------------------------------------------------------------

def test_update_rows_emits_data_changed_for_exactly_the_changed_cells(model: ProductGridModel) -> None:
    model.sort(model.total_column, Qt.SortOrder.AscendingOrder)
    changes: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda tl, br, roles: changes.append((tl.row(), tl.column(), br.row(), br.column())))
    a, b, c = model.grid_row(3), model.grid_row(500), model.grid_row(42)
    counted_more = dataclasses.replace(a, qty={**a.qty, "shop": a.qty["shop"] + 50}, total=a.total + 50,
                                       variance=None if a.variance is None else a.variance + 50)
    renamed = dataclasses.replace(b, sku="NEW-SKU", search="")
    same = dataclasses.replace(c)
    unknown = dataclasses.replace(c, variant_id="gid://shopify/ProductVariant/1")
    assert model.update_rows([counted_more, renamed, same, unknown]) == 2
    # Shop floor (5) and Total (7), Variance (8) when there is a baseline; Back room (6) is unchanged.
    last = model.total_column if a.variance is None else model.variance_column
    assert sorted(changes) == [(3, 5, 3, 5), (3, model.total_column, 3, last), (500, COL_SKU, 500, COL_SKU)]
    # The total is now the largest, yet the row stays put until the next sort.
    assert model.variant_at(3) == a.variant_id and model.data(model.index(3, model.total_column)) == str(a.total + 50)
    model.sort(model.total_column, Qt.SortOrder.AscendingOrder)
    assert model.row_for_variant(a.variant_id) > 900
    model.set_filter("new-sku")
    assert model.visible_variant_ids() == [b.variant_id]


def test_update_rows_spans_only_adjacent_changed_columns(model: ProductGridModel) -> None:
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda tl, br, roles: changes.append((tl.column(), br.column())))
    row = model.grid_row(0)
    model.update_rows([dataclasses.replace(row, title="Other", search="", status="problem" if row.status != "problem"
                                           else "done")])
    assert changes == [(COL_TITLE, COL_TITLE), (model.status_column, model.status_column)]


def test_updates_to_filtered_out_rows_emit_nothing_until_the_filter_runs(model: ProductGridModel) -> None:
    model.set_filter(status="done")
    hidden = next(r for r in make_rows(1000) if r.status == "pending")
    changes: list[object] = []
    model.dataChanged.connect(lambda *args: changes.append(args))
    model.update_rows([dataclasses.replace(hidden, status="done")])
    assert changes == [] and model.row_for_variant(hidden.variant_id) is None
    model.set_filter(status="done")  # same filter, but rows changed: it runs again
    assert model.row_for_variant(hidden.variant_id) is not None


# ---- blind count -------------------------------------------------------------------------------

def test_blind_count_hides_baseline_and_variance(model: ProductGridModel) -> None:
    model.sort(COL_BASELINE, Qt.SortOrder.AscendingOrder)
    model.set_rows(make_rows(1000), AREAS, blind=True)
    hidden = model.hidden_columns()
    assert hidden == [COL_BASELINE, model.variance_column, model.last_variance_column]
    assert model.sort_column() == -1  # a sort by a hidden figure would give it away
    for column in hidden:
        assert all(model.data(model.index(r, column), role) is None for r in range(0, 1000, 97)
                   for role in (Qt.ItemDataRole.DisplayRole, SortRole, Qt.ItemDataRole.ToolTipRole))
        assert model.headerData(column, Qt.Orientation.Horizontal, HiddenRole) is True
        model.sort(column, Qt.SortOrder.AscendingOrder)
        assert model.sort_column() == -1
    assert model.headerData(model.total_column, Qt.Orientation.Horizontal, HiddenRole) is False
    assert model.data(model.index(0, model.total_column)) is not None
    model.set_rows(make_rows(10), AREAS, blind=False)
    assert model.hidden_columns() == [] and model.data(model.index(1, COL_BASELINE)) is not None


# ---- thumbnails --------------------------------------------------------------------------------

def test_thumbnails_are_placeholders_when_the_loader_is_off(model: ProductGridModel) -> None:
    loader = ThumbnailLoader(enabled=False)
    model = ProductGridModel(thumbnails=loader)
    model.set_rows([dataclasses.replace(r, image_url=f"https://cdn.shopify.com/{i}.png")
                    for i, r in enumerate(make_rows(5))], AREAS)
    icon = model.data(model.index(0, COL_TITLE), Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and icon.cacheKey() == placeholder_icon().cacheKey()
    assert model.data(model.index(0, COL_SKU), Qt.ItemDataRole.DecorationRole) is None
    assert loader.downloads_running() == 0


def test_a_thumbnail_arrives_later_and_only_its_cell_changes(qtbot: QtBot, tmp_path: Path) -> None:
    image = QImage(200, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor("#2266AA"))
    assert image.save(str(tmp_path / "lamp.png"))
    url = QUrl.fromLocalFile(str(tmp_path / "lamp.png")).toString()  # file: is not the network
    loader = ThumbnailLoader(enabled=True, cache_size=1)
    model = ProductGridModel(thumbnails=loader)
    rows = make_rows(3)
    model.set_rows([dataclasses.replace(rows[0], image_url=url), rows[1]], AREAS)
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as blocker:
        first = model.data(model.index(0, COL_TITLE), Qt.ItemDataRole.DecorationRole)
        assert first.cacheKey() == placeholder_icon().cacheKey()
    top_left, bottom_right, roles = blocker.args
    assert (top_left.row(), top_left.column(), bottom_right.row(), bottom_right.column()) == (0, 0, 0, 0)
    assert list(roles) == [int(Qt.ItemDataRole.DecorationRole)]
    icon = model.data(model.index(0, COL_TITLE), Qt.ItemDataRole.DecorationRole)
    assert icon.cacheKey() != placeholder_icon().cacheKey()
    assert icon.availableSizes()[0] == QSize(64, 32)
    with qtbot.waitSignal(loader.failed, timeout=5000):
        assert loader.icon(QUrl.fromLocalFile(str(tmp_path / "missing.png")).toString()) is None
    assert loader.is_cached(url)


def test_the_loader_runs_four_downloads_at_most_and_forgets_the_least_recent(qtbot: QtBot, tmp_path: Path) -> None:
    urls = []
    for i in range(6):
        image = QImage(8, 8, QImage.Format.Format_ARGB32)
        image.fill(QColor(i * 40, 0, 0))
        image.save(str(tmp_path / f"{i}.png"))
        urls.append(QUrl.fromLocalFile(str(tmp_path / f"{i}.png")).toString())
    loader = ThumbnailLoader(enabled=True, cache_size=3)
    loaded: list[str] = []
    loader.loaded.connect(loaded.append)
    for url in urls:
        assert loader.icon(url) is None
    assert loader.downloads_running() == 4
    qtbot.waitUntil(lambda: len(loaded) == 6, timeout=5000)
    assert sorted(loaded[:4]) == sorted(urls[:4]) and sorted(loaded[4:]) == sorted(urls[4:])
    assert [loader.is_cached(u) for u in loaded] == [False, False, False, True, True, True]
    assert loader.icon(loaded[3]) is not None  # a hit makes it the most recent
    assert loader.icon(loaded[0]) is None  # evicted: asked again
    qtbot.waitUntil(lambda: len(loaded) == 7, timeout=5000)
    assert loader.is_cached(loaded[3]) and not loader.is_cached(loaded[4])


# ---- the status badge --------------------------------------------------------------------------

def test_badges_are_readable() -> None:
    assert set(BADGES) == set(STATUSES)
    for status, colours in BADGES.items():
        assert contrast_ratio(colours.background, colours.text) >= 4.5, status
    assert BADGES["omitted"].italic


def test_the_badge_paints_each_status_into_an_image(model: ProductGridModel) -> None:
    delegate = StatusBadgeDelegate()
    model.sort(model.status_column, Qt.SortOrder.AscendingOrder)
    for status in STATUSES:
        row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), StatusRole) == status)
        index = model.index(row, model.status_column)
        option = QStyleOptionViewItem()
        hint = delegate.sizeHint(option, index)
        text_width = option.fontMetrics.horizontalAdvance(model.data(index))
        assert hint.width() >= text_width + 16 and hint.height() >= option.fontMetrics.height()
        image = QImage(hint.width() + 20, hint.height(), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        option.rect = image.rect()
        painter = QPainter(image)
        delegate.paint(painter, option, index)
        painter.end()
        badge = QColor(BADGES[status].background)
        colours = {image.pixelColor(x, image.height() // 2).name() for x in range(image.width())}
        assert badge.name() in colours, status
    plain = QImage(100, 24, QImage.Format.Format_ARGB32)
    painter = QPainter(plain)
    option = QStyleOptionViewItem()
    option.rect = plain.rect()
    delegate.paint(painter, option, model.index(0, COL_VARIANT))  # no status badge there: the plain look
    delegate.paint(painter, option, QModelIndex())
    option.rect = plain.rect().adjusted(0, 0, -70, 0)  # narrower than any badge: drawn elided
    delegate.paint(painter, option, model.index(0, model.status_column))
    painter.end()
