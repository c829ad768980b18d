"""Units sold per variant read from the shop's orders (gateway/sales.py): pages and a streamed bulk
query give the same figures, an order of many lines is read whole, cancelled and test orders and
orders before the window add nothing."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

from helpers import shop_session

from inventra_desktop.gateway.sales import read_sales
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig


def test_pages_and_a_bulk_query_read_the_same_sales_and_a_long_order_whole(tmp_path: Path) -> None:
    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        state = shop.state
        sellable = sorted(v.id for v in state.variants.values() if not v.components)
        now = datetime.now(timezone.utc)
        stamp = lambda days: (now - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
        state.add_order([[v, 2] for v in sellable[:25]], at=stamp(3))  # 25 lines: more than a page's 10
        since = now - timedelta(days=30)
        expected: Counter[str] = Counter()
        orders = 0
        for order in state.orders.values():
            if order.created_at >= since.strftime("%Y-%m-%dT%H:%M:%SZ") and not order.cancelled_at and not order.test:
                orders += 1
                for variant, qty in order.line_items:
                    expected[f"gid://shopify/ProductVariant/{variant}"] += qty
        session = shop_session(shop, tmp_path, "office")

        async def both() -> tuple:
            paged = await read_sales(session.client, since, bulk_from=10**9)
            bulk = await read_sales(session.client, since, bulk_from=0)
            await session.aclose()
            return paged, bulk
        paged, bulk = asyncio.run(both())
    assert not paged.bulk and bulk.bulk
    assert paged.sold == bulk.sold == dict(expected)
    assert paged.orders == bulk.orders == orders > 100
    assert paged.lines == bulk.lines == sum(1 for o in shop.state.orders.values()
                                            if o.created_at >= since.strftime("%Y-%m-%dT%H:%M:%SZ")
                                            and not o.cancelled_at and not o.test for _ in o.line_items)
