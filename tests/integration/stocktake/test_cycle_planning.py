"""Issue 15 through `inventra plan` and `inventra history`: the ABC split and due dates of a
hand-computed small shop read from its own orders, a shop without read_orders planned by stock
value (and told so), 60 days of orders without read_all_orders, a plan per location, the session
created from a plan, and the accuracy of a session with known variances."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pytest

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

if TYPE_CHECKING:
    from conftest import Cli, ShopView

TODAY = datetime.now(timezone.utc).date()
# SKU: (title, unit cost, on hand, units sold in the last 90 days)
CATALOG = {"A1": ("Anchor", "10.00", 5, 45), "B1": ("Buoy", "2.00", 40, 45), "C1": ("Cleat", "1.00", 10, 9),
           "D1": ("Davit", "50.00", 1, 0), "E1": ("Ensign", "", 0, 5)}
NO_ORDERS = frozenset({"read_products", "write_products", "read_inventory", "write_inventory", "read_locations"})


def at(days_ago: int, hour: int = 10) -> str:
    moment = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), timezone.utc)
    return (moment + timedelta(hours=hour)).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_catalog(folder: Path) -> Path:
    path = folder / "boatyard.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Handle", "Title", "Vendor", "Type", "Variant SKU", "Variant Inventory Tracker",
                    "Variant Inventory Qty", "Variant Price", "Cost per item", "Status"])
        for sku, (title, cost, qty, _) in CATALOG.items():
            w.writerow([title.lower(), title, "Harbour" if sku < "C" else "Quay", "Deck", sku, "shopify", qty, "20.00",
                        cost, "active"])
    return path


def entry(session: str, days_ago: int, baseline: int, counted: int) -> dict[str, Any]:
    return {"session": session, "snapshot_at": at(days_ago, 9), "at": at(days_ago), "baseline": baseline,
            "counted": counted, "by": ["kiosk-1"], "areas": {"showroom": counted}}


def boatyard(scopes: frozenset[str] | None, folder: Path) -> EmbeddedShop:
    config = ShopConfig(plan="plus", catalogs=[write_catalog(folder)], order_lines=0)
    if scopes is not None:
        config.scopes = scopes
    shop = EmbeddedShop(config)
    state = shop.state
    by_sku = {v.sku: v.id for v in state.variants.values()}
    for sku, (*_, sold) in CATALOG.items():
        while sold:  # the units sold in the window, a few a day
            units = min(sold, 4)
            state.add_order([[by_sku[sku], units]], at=at(5 + sold % 80))
            sold -= units
    state.orders[state.add_order([[by_sku["A1"], 30]], at=at(3)).id].cancelled_at = at(2)  # never counts
    state.add_order([[by_sku["C1"], 50]], at=at(120))  # before the window
    state.add_order([[by_sku["D1"], 2]], at=at(70))  # in the window, beyond the 60 days without read_all_orders
    return shop


@pytest.fixture
def yard(tmp_path: Path, cli_for: Callable[[EmbeddedShop], tuple[Cli, ShopView]]) -> Iterator[tuple[Cli, ShopView]]:
    with boatyard(None, tmp_path) as shop:
        cli, view = cli_for(shop)
        cli.ok("install")
        for sku, history in {"A1": [entry("OLD", 40, 5, 5)], "B1": [entry("OLDER", 120, 40, 40)],
                             "D1": [entry("OLD", 10, 4, 1)], "E1": [entry("OLD", 5, 3, 3)]}.items():
            view.hand_edit(sku, "history", "json", json.dumps(history))
        yield cli, view


def test_abc_split_and_due_dates_of_a_hand_computed_shop(yard: tuple[Cli, ShopView]) -> None:
    cli, _ = yard
    out = cli.json("plan", "--budget", "50")
    # Consumption a year: A1 45 × 10 × 365/90 = 1825.00, D1 2 × 50 × 365/90 = 405.56, B1 45 × 2 × 365/90 = 365.00,
    # C1 9 × 1 × 365/90 = 36.50; the 30 cancelled units of A1, C1's 50 units of four months ago and the cost-less E1
    # add nothing. Of 2632.06, A1 starts at 0 % (A), D1 at 69.3 % (A), B1 at 84.7 % (B), C1 at 98.6 % (C); E1 (C).
    assert out["by_sales"] and out["sales_window_days"] == 90
    assert {c["class"]: (c["variants"], c["value"]) for c in out["classes"]} == {
        "A": (2, "2230.56"), "B": (1, "365.00"), "C": (2, "36.50")}
    lines = {line["sku"]: line for line in out["lines"]}
    # The order to count: most overdue first (B1: every 90 days, counted 120 days ago), then A1 (every 30, counted
    # 40 days ago), then the never counted C1, then the due for a reason of their own, by class (D1 is A).
    assert [line["sku"] for line in out["lines"]] == ["B1", "A1", "C1", "D1", "E1"]
    assert {sku: (line["class"], line["due"]) for sku, line in lines.items()} == {
        "B1": ("B", (TODAY - timedelta(days=30)).isoformat()), "A1": ("A", (TODAY - timedelta(days=10)).isoformat()),
        "C1": ("C", None), "D1": ("A", (TODAY + timedelta(days=20)).isoformat()),
        "E1": ("C", (TODAY + timedelta(days=175)).isoformat())}
    assert lines["C1"]["reasons"] == ["never counted"] and lines["C1"]["last_counted"] is None
    assert lines["D1"]["reasons"] == ["last count varied by -3"]  # 3 of 4: beyond the 20 % review threshold
    assert lines["E1"]["reasons"] == ["sold but none on hand"]
    assert lines["A1"]["last_counted"] == (TODAY - timedelta(days=40)).isoformat()
    assert any("have no unit cost" in note for note in out["notes"])  # E1
    text = cli.ok("plan", "--budget", "2").out.splitlines()
    assert len(text) == 3 and text[1].split()[:3] == ["B1", "Buoy", "B"] and "never" not in text[1]
    assert text[2].startswith("A1  Anchor  A  " + (TODAY - timedelta(days=40)).isoformat())


def test_without_read_orders_the_plan_goes_by_stock_value_and_says_so(
        tmp_path: Path, cli_for: Callable[[EmbeddedShop], tuple[Cli, ShopView]]) -> None:
    with boatyard(NO_ORDERS, tmp_path) as shop:
        cli, _ = cli_for(shop)
        cli.ok("install")
        result = cli.run("plan", as_json=True)
        assert result.code == 0
        assert "read_orders" in result.err and "stock value" in result.err
        out = result.data
        # Stock value: B1 80, A1 50, D1 50, C1 10, E1 0 (of 190): B1, A1 (42 %) and D1 (68 %) are A, C1 (94.7 %) B.
        assert not out["by_sales"] and out["sales_window_days"] is None
        classes = {line["sku"]: line["class"] for line in out["lines"]}
        assert classes == {"B1": "A", "A1": "A", "D1": "A", "C1": "B", "E1": "C"}


def test_without_read_all_orders_sales_are_read_over_sixty_days(
        tmp_path: Path, cli_for: Callable[[EmbeddedShop], tuple[Cli, ShopView]]) -> None:
    with boatyard(NO_ORDERS | {"read_orders"}, tmp_path) as shop:
        cli, _ = cli_for(shop)
        cli.ok("install")
        result = cli.run("plan", as_json=True)
        assert result.code == 0 and "60 days" in result.err
        out = result.data
        assert out["by_sales"] and out["sales_window_days"] == 60
        value = {c["class"]: c["value"] for c in out["classes"]}
        assert value["A"] == "2737.50"  # A1's 45 units over 60 days: 45 × 10 × 365/60


def test_a_plan_is_whole_products_within_the_budget_and_creates_its_session(cli: Cli, view: ShopView) -> None:
    cli.ok("install")
    out = cli.json("plan", "--budget", "6")
    assert out["by_sales"] and out["plan"]["variants"] <= 6 and out["lines"]
    products = set(out["plan"]["products"])
    assert {line["product"] for line in out["lines"]} == products
    created = cli.json("plan", "--budget", "6", "--create", "Cycle1")
    assert created["created"]["session"] == "Cycle1" and created["plan"]["products"] == out["plan"]["products"]
    record = view.session("Cycle1")
    assert set(record["product_ids"]) == products and record["state"] == "open"
    tagged = {f"gid://shopify/Product/{p.id}" for p in view.state.products.values() if "Inventra-session-Cycle1" in p.tags}
    assert tagged == products
    again = cli.json("plan", "--budget", "6")  # products in an open session are not planned again
    assert not products & set(again["plan"]["products"])
    assert any("open sessions (Cycle1)" in note for note in again["notes"])
    # The classes are the shop's: a session holding some products changes what is planned, not the split.
    assert again["classes"] == out["classes"]


def test_a_plan_for_the_location_of_one_area_counts_that_locations_areas(cli: Cli, view: ShopView,
                                                                         tmp_path: Path) -> None:
    cli.ok("install")
    floor, back = (f"gid://shopify/Location/{view.location_id(n)}" for n in ("Shop floor", "Back warehouse"))
    areas = [{"key": "showroom", "label": "Showroom", "location_id": floor},
             {"key": "warehouse", "label": "Warehouse", "location_id": back},
             {"key": "cellar", "label": "Cellar", "location_id": back, "standard": False}]
    (tmp_path / "areas.json").write_text(json.dumps(areas))
    cli.ok("areas", "--set", str(tmp_path / "areas.json"))
    out = cli.json("plan", "--area", "warehouse", "--budget", "8", "--create", "Back1")
    assert out["scope"] == "Back warehouse" and out["areas"] == ["warehouse", "cellar"]
    assert view.session("Back1")["areas"] == ["warehouse", "cellar"]
    stocked_back = {f"gid://shopify/ProductVariant/{v.id}" for v in view.state.variants.values()
                    if view.state.level(v.inventory_item_id, view.location_id("Back warehouse"))}
    assert {line["variant"] for line in out["lines"]} <= stocked_back
    assert cli.usage("plan", "--area", "attic").err.count("There is no area 'attic'") == 1
    cli.usage("plan", "--budget", "0")
    assert "bad name!" in cli.usage("plan", "--create", "bad name!").err  # refused before the shop is read
    with pytest.raises(SystemExit) as parsed:  # argparse's own usage error (in-process it raises)
        cli.run("plan", "--budget", "3", "--minutes", "5")
    assert parsed.value.code == 2


def test_accuracy_of_a_session_with_known_variances(cli: Cli, view: ShopView, tmp_path: Path) -> None:
    mugs = f"gid://shopify/Product/{view.product('Enamel Camping Mug').id}"
    name = cli.counting(mugs)
    base = {sku: sum(json.loads(view.vraw(sku, "counts"))["baseline"].values())
            for sku in ("KP-MUG-CRM", "KP-MUG-NVY", "KP-MUG-RED")}
    counted = {"KP-MUG-CRM": base["KP-MUG-CRM"], "KP-MUG-NVY": base["KP-MUG-NVY"] - 2,
               "KP-MUG-RED": base["KP-MUG-RED"] + 1}
    for sku, qty in counted.items():
        cli.ok("count", name, "--sku", sku, "--area", "showroom", "--set", str(qty), "--done")
    cli.ok("finalize", name)
    cost = {v.sku: view.state.items[v.inventory_item_id].unit_cost for v in view.variants_of(view.product_of("KP-MUG-CRM"))}
    out = cli.json("history")
    [session] = out["sessions"]
    assert (session["session"], session["lines"], session["accurate"]) == (name, 3, 1)
    assert session["ira"] == pytest.approx(33.33, abs=0.01)  # one line of three exact (tolerance 0)
    assert session["shrinkage"] == f"{2 * float(cost['KP-MUG-NVY']):.2f}"
    assert session["gain"] == f"{float(cost['KP-MUG-RED']):.2f}"
    by_counter = cli.json("history", "--by", "counter")
    assert by_counter == [{"key": "pc1", "lines": 3, "units_lost": 2.0, "shrinkage": session["shrinkage"]}]
    target = tmp_path / "accuracy.csv"
    cli.ok("history", "--format", "csv", "-o", str(target))
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["Accuracy per session (tolerance: exact)"]
    assert rows[2][:5] == [name, session["finalized_at"], "3", "1", "33.3"]
    assert ["Shrinkage by vendor"] in rows and ["Shrinkage by counter"] in rows
    cli.usage("history", "--format", "csv")  # -o missing
    workbook = tmp_path / "accuracy.xlsx"
    cli.ok("history", "--by", "vendor", "--format", "xlsx", "-o", str(workbook))
    from openpyxl import load_workbook
    sheets = load_workbook(workbook).sheetnames
    assert sheets == ["Sessions", "Shrinkage by vendor", "Repeat offenders"]




def test_the_class_frequencies_and_window_are_settings_of_the_shop(yard: tuple[Cli, ShopView]) -> None:
    cli, view = yard
    assert cli.json("settings")["count_every_days"] == {"A": 30, "B": 90, "C": 180}
    cli.ok("settings", "--set", "count_every_days.A=50", "--set", "sales_window_days=60")
    assert view.shop_json("settings")["count_every_days"]["A"] == 50
    out = cli.json("plan")
    assert out["sales_window_days"] == 60
    assert "A1" not in {line["sku"] for line in out["lines"]}  # every 50 days: counted 40 days ago, not due
    refused = cli.usage("settings", "--set", "count_every_days.A=0")
    assert "count_every_days" in refused.err and view.shop_json("settings")["count_every_days"]["A"] == 50
    assert "no setting 'colour'" in cli.usage("settings", "--set", "colour=blue").err
    assert "abc_a_share" in cli.usage("settings", "--set", "abc_a_share=0.99").err  # above the B share
