"""Sales velocity from the shop's own orders (scope `read_orders`): units sold per variant since a
moment, read as pages for a small shop and as a bulk query for a large one, streamed and added up
per variant as the lines arrive (a million order lines are never in memory at once).

Units sold are the line items' `currentQuantity` (what is left on the order after removals and
refunds) of orders neither cancelled nor test orders. Shopify shows only the last 60 days of
orders without `read_all_orders` (the Order object's documentation); the caller decides the
window with `granted_scopes`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable

from ..shopify.bulk import bulk_query_stream
from ..shopify.client import AdminClient
from ..shopify.documents import document

BULK_FROM = 500  # orders; below this, pages (40 orders each) are quicker than a bulk round trip
Progress = Callable[[int], None]  # orders and order lines read so far


@dataclass
class Sales:
    since: str  # the window's start, as searched
    sold: dict[str, int] = field(default_factory=dict)  # variant gid -> units sold in the window
    orders: int = 0  # orders that count (neither cancelled nor test)
    lines: int = 0  # their lines that name a variant
    bulk: bool = False


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


async def granted_scopes(client: AdminClient) -> set[str]:
    """The access scopes the shop granted this app (write_X implies read_X)."""
    data = await client.execute(document("GrantedScopes"))
    granted = {s["handle"] for s in data["currentAppInstallation"]["accessScopes"]}
    return granted | {"read_" + s[6:] for s in granted if s.startswith("write_")}


async def count_orders(client: AdminClient, search: str) -> int:
    data = await client.execute(document("OrdersCount"), {"query": search})
    return int(data["ordersCount"]["count"])


class _Tally:
    """Adds up order lines per variant, skipping the lines of cancelled and test orders."""

    def __init__(self, sales: Sales) -> None:
        self.sales = sales
        self.sold: defaultdict[str, int] = defaultdict(int)
        self.skipped: set[str] = set()  # order gids that do not count (few: cancelled and test orders)

    def order(self, node: dict[str, Any]) -> bool:
        if node.get("cancelledAt") or node.get("test"):
            self.skipped.add(node["id"])
            return False
        self.sales.orders += 1
        return True

    def line(self, node: dict[str, Any]) -> None:
        variant = (node.get("variant") or {}).get("id")
        if variant:  # a line of a deleted variant names none
            self.sold[variant] += int(node.get("currentQuantity") or 0)
            self.sales.lines += 1

    def consume(self, objects: list[dict[str, Any]]) -> None:
        """A batch of a bulk file: orders, then their lines (each with `__parentId`)."""
        for obj in objects:
            parent = obj.get("__parentId")
            if parent is None:
                self.order(obj)
            elif parent not in self.skipped:
                self.line(obj)

    def done(self) -> Sales:
        self.sales.sold = {v: n for v, n in self.sold.items() if n > 0}
        return self.sales


async def read_sales(client: AdminClient, since: datetime, *, progress: Progress | None = None,
                     bulk_from: int = BULK_FROM) -> Sales:
    """Units sold per variant in orders created since `since`. Raises MissingScopes without
    `read_orders`."""
    sales = Sales(_stamp(since))
    search = f"created_at:>='{sales.since}'"
    tally = _Tally(sales)
    if await count_orders(client, search) >= bulk_from:
        sales.bulk = True
        text = document("BulkSales").replace("__SEARCH__", search.replace("\\", "\\\\").replace('"', '\\"'))
        await bulk_query_stream(client, text, tally.consume, progress=progress)
        return tally.done()
    async for order in client.paginate(document("SalesOrders"), {"query": search}, ("orders",)):
        if not tally.order(order):
            continue
        items = order["lineItems"]
        for line in items["nodes"]:
            tally.line(line)
        page = items["pageInfo"]
        while page["hasNextPage"]:  # a big order: the rest of its lines
            data = await client.execute(document("SalesOrderLines"), {"id": order["id"], "after": page["endCursor"]})
            rest = (data.get("order") or {}).get("lineItems") or {"nodes": [], "pageInfo": {"hasNextPage": False}}
            for line in rest["nodes"]:
                tally.line(line)
            page = rest["pageInfo"]
        if progress:
            progress(sales.orders)
    return tally.done()
