"""An order as the simulator keeps it (its views are in order_views.py, its seeding in
order_history.py): compact, since a benchmark shop holds hundreds of thousands."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)  # slots: a benchmark shop holds hundreds of thousands of orders
class Order:
    """An order as planning reads it: when, whether it counts (cancelled, test), and its lines.

    A line is `[variant id, quantity]`; its LineItem id is derived (`line_item_id`), so a shop with
    a million order lines keeps two small integers per line."""

    id: int
    number: int  # the order's name is "#<number>"
    created_at: str
    processed_at: str
    updated_at: str
    line_items: list[list[int]] = field(default_factory=list)
    cancelled_at: str | None = None
    test: bool = False
    source_name: str = "web"


LINES_PER_ORDER = 1000  # line item ids are order id × this + the line's index


def line_item_id(order_id: int, index: int) -> int:
    return order_id * LINES_PER_ORDER + index
