"""A shop's past sales: months of orders, seeded with the catalog, so that cycle counting has a
sales velocity to read (orders are what `read_orders` shows an app).

Like real shops, a few variants sell fast and many slowly: each sellable variant gets a
popularity from a Pareto law (shape 1.16, the 80/20 rule) and a fifth never sell. Orders hold
one to four lines, mostly one unit each; about 2 % are cancelled and a few are test orders (an
app must leave both out of its sales). The seeded orders do not move stock: the catalog's
quantities are the stock after them.

Deterministic: the same catalog, seed and day give the same orders (times are offsets from the
day's start, UTC).
"""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import datetime, timedelta, timezone
from itertools import accumulate

from .orders import Order
from .state import ShopState

DEFAULT_DAYS = 180
LINES_PER_VARIANT = 4  # the default history: four order lines per sellable variant over the window
DEMO_LINES = 2400  # the demo shop's ~80 variants: about thirteen order lines a day
_SIZES = ((1, 55), (2, 25), (3, 12), (4, 8))  # lines per order, weight
_QUANTITIES = ((1, 75), (2, 17), (3, 5), (5, 3))  # units per line, weight


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _pick(rng: random.Random, table: tuple[tuple[int, int], ...]) -> int:
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def seed_order_history(state: ShopState, *, lines: int | None = None, days: int = DEFAULT_DAYS, seed: int = 0,
                       until: datetime | None = None) -> int:
    """Add about `lines` order lines (default: `LINES_PER_VARIANT` per sellable variant) spread
    over the `days` before `until` (default: today's start, UTC). Returns the lines added. The
    orders are not tracked as changes: a seeded shop is saved as a snapshot."""
    end = (until or datetime.now(timezone.utc)).astimezone(timezone.utc)
    end = end.replace(hour=0, minute=0, second=0, microsecond=0) if until is None else end
    rng = random.Random(f"orders:{seed}")
    with state.lock:
        sellable = [v.id for v in sorted(state.variants.values(), key=lambda v: v.id)
                    if not v.components and state.items[v.inventory_item_id].tracked
                    and state.products[v.product_id].status == "ACTIVE"]
        target = LINES_PER_VARIANT * len(sellable) if lines is None else lines
        if not sellable or target <= 0 or days <= 0:
            return 0
        weights = [0.0 if rng.random() < 0.2 else rng.paretovariate(1.16) for _ in sellable]
        if not any(weights):
            weights[0] = 1.0
        cumulative = list(accumulate(weights))
        total = cumulative[-1]
        sizes: list[int] = []
        planned = 0
        while planned < target:
            size = min(_pick(rng, _SIZES), target - planned)
            sizes.append(size)
            planned += size
        span = days * 86400
        offsets = sorted(int(rng.random() * span) for _ in sizes)
        start = end - timedelta(seconds=span)
        number = 1001 + len(state.orders)
        for size, offset in zip(sizes, offsets):
            picked: dict[int, int] = {}
            for _ in range(size):
                for _ in range(8):  # a line per variant: a drawn variant already on the order is drawn again
                    variant = sellable[min(bisect_right(cumulative, rng.random() * total), len(sellable) - 1)]
                    if variant not in picked:
                        break
                picked[variant] = picked.get(variant, 0) + _pick(rng, _QUANTITIES)
            created = start + timedelta(seconds=offset)
            stamp = _stamp(created)
            order = Order(state.new_id(), number, stamp, stamp, stamp, [[v, q] for v, q in picked.items()])
            roll = rng.random()
            if roll < 0.02:
                order.cancelled_at = order.updated_at = _stamp(created + timedelta(hours=1 + int(roll * 1000)))
            elif roll < 0.025:
                order.test = True
            state.orders[order.id] = order
            number += 1
        state.unlogged_edits = True
        return sum(len(o.line_items) for o in list(state.orders.values())[-len(sizes):])
