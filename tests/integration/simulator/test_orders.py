"""Orders in the simulator (issue 15): search by created_at with a connection's cost rules, line
items with variant and quantity, the 60-day view without read_all_orders, no orders without
read_orders, orders in bulk queries, a seeded history with fast and slow movers (deterministic by
seed), real orders from the sales generator, and orders kept by the state file and its log."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

from sim_client import Gql

UNTIL = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
ORDERS = """query($q: String, $after: String) { orders(first: 40, after: $after, query: $q, sortKey: CREATED_AT) {
    pageInfo { hasNextPage endCursor } nodes { id name createdAt cancelledAt test
    lineItems(first: 10) { nodes { quantity currentQuantity sku variant { id } } } } } }"""


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def shop() -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(plan="plus", orders_until=UNTIL)) as running:
        yield running


def all_orders(gql: Gql, query: str) -> list[dict[str, Any]]:
    found, after = [], None
    while True:
        page = gql.data(ORDERS, {"q": query, "after": after})["orders"]
        found += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


def test_orders_are_found_by_created_at_and_carry_their_lines(shop: EmbeddedShop, gql: Gql) -> None:
    since = stamp(UNTIL - timedelta(days=30))
    found = all_orders(gql, f"created_at:>='{since}'")
    expected = [o for o in shop.state.orders.values() if o.created_at >= since]
    assert len(found) == len(expected) > 100  # months of orders: hundreds in a month of the demo shop
    assert all(o["createdAt"] >= since for o in found)
    assert [o["createdAt"] for o in found] == sorted(o["createdAt"] for o in found)
    by_id = {f"gid://shopify/Order/{o.id}": o for o in expected}
    for node in found[:50]:
        order = by_id[node["id"]]
        lines = [(line["variant"]["id"], line["quantity"]) for line in node["lineItems"]["nodes"]]
        assert lines == [(f"gid://shopify/ProductVariant/{v}", q) for v, q in order.line_items]
        assert node["name"] == f"#{order.number}"
    older = all_orders(gql, f"created_at:<'{since}'")
    assert len(older) + len(found) == len(shop.state.orders)
    assert gql.data("query($q: String) { ordersCount(query: $q, limit: null) { count precision } }",
                    {"q": f"created_at:>='{since}'"})["ordersCount"] == {"count": len(found), "precision": "EXACT"}


def test_cancelled_and_test_orders_are_marked_and_a_cancelled_orders_lines_are_gone(gql: Gql) -> None:
    found = all_orders(gql, "")
    cancelled = [o for o in found if o["cancelledAt"]]
    assert cancelled and any(o["test"] for o in found)
    assert all(line["currentQuantity"] == 0 for o in cancelled for line in o["lineItems"]["nodes"])
    assert len(all_orders(gql, "status:cancelled")) == len(cancelled)
    assert all_orders(gql, "test:true") == [o for o in found if o["test"]]


def test_a_page_of_orders_costs_what_a_connection_costs(gql: Gql) -> None:
    body = gql(ORDERS, {"q": ""})
    # orders(first: 40) with lineItems(first: 10) { variant }: 2 + 40 + 40 × (2 + 10 + 10 × 1)
    assert body["extensions"]["cost"]["requestedQueryCost"] == 922
    assert body["extensions"]["cost"]["actualQueryCost"] < 922  # refunded down to what came back
    too_big = gql("{ orders(first: 250) { nodes { lineItems(first: 250) { nodes { id } } } } }")
    assert too_big["errors"][0]["extensions"]["code"] == "MAX_COST_EXCEEDED"


def test_without_read_orders_orders_are_refused_and_without_read_all_orders_only_60_days_show(
        shop: EmbeddedShop, gql: Gql) -> None:
    shop.api.add_token("shpat_no_orders", frozenset({"read_products", "read_inventory", "read_locations"}))
    refused = gql('{ orders(first: 1) { nodes { id } } }', token="shpat_no_orders")
    assert refused["errors"][0]["extensions"]["code"] == "ACCESS_DENIED" and "read_orders" in refused["errors"][0]["message"]
    shop.api.add_token("shpat_60_days", frozenset({"read_products", "read_orders"}))
    recent = Gql(shop, "shpat_60_days")
    try:
        seen = all_orders(recent, "")
    finally:
        recent.http.close()
    limit = stamp(datetime.now(timezone.utc) - timedelta(days=60))
    assert seen and all(o["createdAt"] >= limit for o in seen)
    assert len(seen) < len(shop.state.orders)  # the 180-day history holds older ones


def test_orders_in_a_bulk_query_are_jsonl_with_their_lines(gql: Gql) -> None:
    started = gql.data("""mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) {
        bulkOperation { id } userErrors { message } } }""", {"q": """{ orders(query: "created_at:>='2000-01-01'") {
        edges { node { id test lineItems { edges { node { currentQuantity variant { id } } } } } } } }"""})
    op_id = started["bulkOperationRunQuery"]["bulkOperation"]["id"]
    deadline = time.monotonic() + 60
    while (op := gql.data("query($id: ID!) { bulkOperation(id: $id) { status url objectCount rootObjectCount } }",
                          {"id": op_id})["bulkOperation"])["status"] != "COMPLETED":
        assert time.monotonic() < deadline and op["status"] == "RUNNING", op
        time.sleep(0.2)
    lines = [json.loads(line) for line in httpx.get(op["url"], timeout=30).text.splitlines()]
    orders = [x for x in lines if "__parentId" not in x]
    items = [x for x in lines if "__parentId" in x]
    assert len(orders) == int(op["rootObjectCount"]) == len(gql.shop.state.orders)
    assert len(lines) == int(op["objectCount"])
    ids = {o["id"] for o in orders}
    assert items and all(x["__parentId"] in ids and x["variant"]["id"].startswith("gid://shopify/ProductVariant/")
                         for x in items)
    assert sum(len(o.line_items) for o in gql.shop.state.orders.values()) == len(items)


def test_the_seeded_history_has_fast_and_slow_movers_and_follows_its_seed() -> None:
    def history(seed: int) -> list[Any]:
        with EmbeddedShop(ShopConfig(synthetic=60, seed=seed, orders_until=UNTIL)) as s:
            return [(o.created_at, o.line_items, o.cancelled_at, o.test) for o in s.state.orders.values()]
    first, again, other = history(1), history(1), history(2)
    assert first == again and first != other
    sold = Counter()
    for _, lines, cancelled, test in first:
        for variant, qty in lines:
            sold[variant] += qty
    units = sorted(sold.values(), reverse=True)
    top = units[:max(1, len(units) // 5)]
    assert sum(top) > 0.5 * sum(units)  # a fifth of the variants sell more than half the units
    assert 150 < sum(len(lines) for _, lines, _, _ in first) <= 4 * 60 * 3  # about four lines a sellable variant
    assert min(created for created, *_ in first) >= stamp(UNTIL - timedelta(days=180))


def test_the_sales_generator_creates_real_orders(gql: Gql, shop: EmbeddedShop) -> None:
    before = len(shop.state.orders)
    gql.admin("sales", {"per_second": 100, "seed": 3})
    try:
        deadline = time.monotonic() + 10
        while len(shop.state.orders) < before + 5:
            assert time.monotonic() < deadline, "no orders were created"
            time.sleep(0.05)
    finally:
        gql.admin("sales", {"per_second": 0})
    newest = gql.data("{ orders(first: 3, reverse: true, sortKey: CREATED_AT) { nodes { createdAt lineItems(first: 5)"
                      " { nodes { quantity variant { id } } } } } }")["orders"]["nodes"]
    assert newest[0]["createdAt"] >= stamp(datetime.now(timezone.utc) - timedelta(minutes=5))
    assert newest[0]["lineItems"]["nodes"][0]["quantity"] == 1


def test_orders_survive_a_restart_from_the_state_file(tmp_path: Path) -> None:
    config = ShopConfig(synthetic=5, seed=4, state_file=tmp_path / "shop.json", orders_until=UNTIL)
    with EmbeddedShop(config) as running:
        seeded = len(running.state.orders)
        httpx.post(f"{running.url}/_simulator/sales", json={"per_second": 200, "seed": 1},
                   headers=running.admin_headers).raise_for_status()
        time.sleep(0.3)
        httpx.post(f"{running.url}/_simulator/sales", json={"per_second": 0},
                   headers=running.admin_headers).raise_for_status()
        live = {o.id: o.line_items for o in running.state.orders.values()}
    assert len(live) > seeded > 0
    with EmbeddedShop(config) as again:
        assert {o.id: o.line_items for o in again.state.orders.values()} == live
