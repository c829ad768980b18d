"""The Plan a count and Accuracy windows (issue 15) against the simulator, offscreen."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterator

import pytest

from helpers import run_async, shop_session

from inventra_desktop.services import setup
from inventra_desktop.services.planning import PlannedSession
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.stocktake.models import Area
from inventra_desktop.ui.accuracy_window import AccuracyWindow
from inventra_desktop.ui.plan_window import PlanWindow

NO_ORDERS = frozenset({"read_products", "write_products", "read_inventory", "write_inventory", "read_locations"})


@pytest.fixture
def shop() -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(plan="plus")) as running:
        yield running


@pytest.fixture
def connected(shop: EmbeddedShop, aio: Any, qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    session = shop_session(shop, tmp_path, "office")
    run_async(qtbot, setup.install(session))
    yield session
    run_async(qtbot, session.aclose())


def planned(window: PlanWindow, qtbot: Any) -> Any:
    qtbot.waitUntil(lambda: window.result is not None and window.plan_button.isEnabled(), timeout=30_000)
    return window.result


def test_the_plan_window_shows_the_due_list_the_abc_split_and_hands_the_plan_to_the_wizard(
        shop: EmbeddedShop, connected: Any, qtbot: Any) -> None:
    window = PlanWindow(None, connected)
    qtbot.addWidget(window)
    window.show()
    result = planned(window, qtbot)
    assert window.model.rowCount() == len(result.due) > 20
    ticked = [r for r in range(window.model.rowCount()) if window.model.index(r, 0).data() == "✓"]
    assert len(ticked) == len(result.plan.items) and result.plan.variants <= 50
    assert [label for label, _ in window.abc.rows] == ["Variants", "Value"]
    assert [name for name, _, _ in window.abc.rows[1][1]] == ["A", "B", "C"]
    assert "A " in window.abc.accessibleDescription() and not window.notes.isVisible()
    assert not window.scope.isVisible()  # one location: nothing to choose
    reads = len(shop.api.bulk.runs)
    window.variants.setValue(4)
    window.plan_button.click()
    qtbot.waitUntil(lambda: window.result is not result and window.plan_button.isEnabled(), timeout=30_000)
    small = window.result
    assert len(shop.api.bulk.runs) == reads  # another budget: planned again from the shop read a moment ago
    assert small.plan.variants <= 4 or small.plan.over_budget
    window.name.setText("bad name!")
    assert not window.create_button.isEnabled()
    window.name.setText("Cycle-UI")
    with qtbot.waitSignal(window.create_requested) as signal:
        window.create_button.click()
    session: PlannedSession = signal.args[0]
    assert session.name == "Cycle-UI" and [p.id for p in session.products] == small.plan.products
    assert session.area_keys is None


def test_a_plan_for_one_location_of_several(shop: EmbeddedShop, connected: Any, qtbot: Any) -> None:
    locations = {loc.name: f"gid://shopify/Location/{loc.id}" for loc in shop.state.locations.values()}
    run_async(qtbot, setup.save_areas(connected, [
        Area(key="showroom", label="Showroom", location_id=locations["Shop floor"]),
        Area(key="warehouse", label="Warehouse", location_id=locations["Back warehouse"]),
        Area(key="garage", label="Garage", location_id=locations["Back warehouse"], standard=False)]))
    window = PlanWindow(None, connected)
    qtbot.addWidget(window)
    window.show()
    planned(window, qtbot)
    assert window.scope.isVisible() and window.scope.count() == 3
    assert "Back warehouse (Warehouse, Garage)" in [window.scope.itemText(i) for i in range(3)]
    window.scope.setCurrentIndex(2)
    first = window.result
    window.plan_button.click()
    qtbot.waitUntil(lambda: window.result is not first and window.plan_button.isEnabled(), timeout=30_000)
    assert window.result.scope.area_keys == ["warehouse", "garage"]


def test_without_read_orders_the_window_says_the_plan_goes_by_stock_value(aio: Any, qtbot: Any,
                                                                         tmp_path: Path) -> None:
    with EmbeddedShop(ShopConfig(plan="plus", scopes=NO_ORDERS)) as shop:
        session = shop_session(shop, tmp_path, "office")
        run_async(qtbot, setup.install(session))
        window = PlanWindow(None, session)
        qtbot.addWidget(window)
        window.show()
        result = planned(window, qtbot)
        assert not result.by_sales and window.notes.isVisible() and "read_orders" in window.notes.text()
        assert "by stock value" in window.summary.text()
        run_async(qtbot, session.aclose())


def test_the_accuracy_window_shows_the_trend_the_breakdown_and_exports(shop: EmbeddedShop, connected: Any,
                                                                      qtbot: Any, tmp_path: Path) -> None:
    def entry(session: str, day: int, baseline: int, counted: int, by: str) -> dict[str, Any]:
        stamp = f"2026-{day:02d}-10T10:00:00Z"
        return {"session": session, "snapshot_at": stamp, "at": stamp, "baseline": baseline, "counted": counted,
                "by": [by], "areas": {"showroom": counted}}
    variants = sorted(shop.state.variants.values(), key=lambda v: v.id)[:4]
    for n, v in enumerate(variants):  # S1: two of four lines off; S2: all four right
        shop.state.put_metafield(f"gid://shopify/ProductVariant/{v.id}", "inventra", "history", "json", json.dumps(
            [entry("S1", 9, 5, 5 - (n % 2) * 2, "kiosk-1"), entry("S2", 10, 5, 5, "kiosk-2")]))
    window = AccuracyWindow(None, connected)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.report is not None, timeout=30_000)
    assert window.trend.points == [("S1", 50.0), ("S2", 100.0)]
    assert "last 100.0 %" in window.trend_title.text()
    window.by.setCurrentIndex(window.by.findData("counter"))
    assert [key for key, _, _ in window.breakdown.rows][0] == "kiosk-1"
    assert window.tabs.tabText(1).endswith("(0)") and window.offenders.rowCount() == 0
    target = tmp_path / "accuracy.csv"
    run_async(qtbot, window.export_to("csv", target))
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[2][0] == "S1" and rows[3][0] == "S2" and "Saved" in window.message.text()


def test_the_frequencies_are_edited_from_the_plan_window(shop: EmbeddedShop, connected: Any, qtbot: Any) -> None:
    from inventra_desktop.ui.plan_window import FrequenciesDialog

    window = PlanWindow(None, connected)
    qtbot.addWidget(window)
    window.show()
    first = planned(window, qtbot)
    window.frequencies.click()
    dialog = window.findChild(FrequenciesDialog)
    qtbot.waitUntil(dialog.save.isEnabled)
    assert dialog.every["A"].value() == 30 and dialog.window_days.value() == 90
    dialog.every["A"].setValue(7)
    dialog.window_days.setValue(30)
    dialog.save.click()
    qtbot.waitUntil(lambda: window.result is not first and window.plan_button.isEnabled(), timeout=30_000)
    assert window.result.window_days == 30 and window.result.classes[0].every_days == 7
    stored = json.loads(shop.state.metafield(shop.state.shop_gid(), "inventra", "settings").value)
    assert stored["count_every_days"]["A"] == 7 and stored["sales_window_days"] == 30


@pytest.mark.parametrize("kiosk", [False, True])
def test_both_windows_fit_a_1024_by_600_screen(connected: Any, qtbot: Any, kiosk: bool) -> None:
    from inventra_desktop.ui import theme

    before = theme.current_theme()
    theme.set_theme(theme.Theme(kiosk=kiosk))
    try:
        for window in (PlanWindow(None, connected), AccuracyWindow(None, connected)):
            qtbot.addWidget(window)
            hint = window.minimumSizeHint()
            assert hint.width() <= 1024 and hint.height() <= 600, (type(window).__name__, hint)
            window.close()
    finally:
        theme.set_theme(before)


def test_from_the_main_window_a_plan_becomes_a_session_and_the_grid_shows_the_last_counts(
        shop: EmbeddedShop, connected: Any, qtbot: Any) -> None:
    from inventra_desktop.ui.controller import MainController
    from inventra_desktop.ui.main_window import MainWindow
    from inventra_desktop.ui.wizard import SessionWizard

    window = MainWindow()
    qtbot.addWidget(window)
    controller = MainController(window, connected)
    window.show()
    run_async(qtbot, controller.start())
    assert [a.text() for a in window.menuBar().actions()][-2:] == ["&Cycle counting", "&Help"]
    window.plan_button.click()
    plan = controller.plan_window
    result = planned(plan, qtbot)
    products = set(result.plan.products)
    first = sorted(v for p in shop.state.products.values() if f"gid://shopify/Product/{p.id}" in products
                   for v in p.variant_ids)[0]
    shop.state.put_metafield(f"gid://shopify/ProductVariant/{first}", "inventra", "history", "json", json.dumps([
        {"session": "Earlier", "snapshot_at": "2026-06-01T08:00:00Z", "at": "2026-06-01T18:00:00Z",
         "baseline": 7, "counted": 5}]))  # counted before: the grid and the counter say how that went
    plan.name.setText("Cycle-Main")
    plan.create_button.click()
    wizard = window.findChild(SessionWizard)
    qtbot.waitUntil(lambda: wizard is not None and wizard.records is not None, timeout=10_000)
    assert wizard.name_page.name.text() == "Cycle-Main" and {p.id for p in wizard.products} == products
    assert wizard.products_page not in [wizard.page(i) for i in wizard.pageIds()]  # the plan chose them
    for _ in range(3):  # areas, pre-flight, options
        wizard.next()
    wizard.next()  # confirm
    wizard.next()  # tag and snapshot
    qtbot.waitUntil(lambda: controller.desk is not None and controller.desk.session is not None
                    and controller.desk.session.name == "Cycle-Main", timeout=30_000)
    tagged = {f"gid://shopify/Product/{p.id}" for p in shop.state.products.values() if "Inventra-session-Cycle-Main"
              in p.tags}
    assert tagged == products
    model = window.model
    variant = f"gid://shopify/ProductVariant/{first}"
    qtbot.waitUntil(lambda: model.data(model.index_for_variant(variant, model.last_counted_column)) == "2026-06-01",
                    timeout=15_000)
    assert model.data(model.index_for_variant(variant, model.last_variance_column)) == "-2"
    others = [model.data(model.index(r, model.last_counted_column)) for r in range(model.rowCount())]
    assert others.count("") == model.rowCount() - 1  # the rest were never counted
    controller.open_counter(variant)
    qtbot.waitUntil(lambda: controller.counter is not None and controller.counter.isVisible())
    assert "last counted 2026-06-01, off by -2" in controller.counter._codes.text()
    window.accuracy_button.click()
    qtbot.waitUntil(lambda: controller.accuracy_window is not None and controller.accuracy_window.report is not None,
                    timeout=30_000)
    assert controller.accuracy_window.trend.points == [("Earlier", 0.0)]
    controller.counter.close()
    if controller.desk:
        run_async(qtbot, controller.desk.close())
