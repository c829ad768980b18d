"""Orders as the Admin API shows them (scope `read_orders`), and their search.

Shopify shows an app only the last 60 days of orders unless it also has `read_all_orders`
(https://shopify.dev/docs/api/admin-graphql/latest/objects/Order): older orders are not found,
not refused, so an app that wants 90 days of sales must ask for that scope or read less.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from .ids import gid, parse_gid
from .orders import LINES_PER_ORDER, Order, line_item_id
from .search import parse_search
from .state import ShopState
from .views import Connection, Count, ProductView, VariantView, count_of, paginate

VISIBLE_DAYS = 60  # without read_all_orders


def _money(amount: str, currency: str) -> dict[str, Any]:
    money = {"amount": amount, "currencyCode": currency}
    return {"shopMoney": money, "presentmentMoney": money}


class LineItemView:
    """One line of an order; its fields are worked out when asked (a bulk read asks a million lines
    for two of them)."""

    TYPENAME = "LineItem"

    def __init__(self, state: ShopState, order: Order, index: int) -> None:
        self._state = state
        variant_id, self.quantity = order.line_items[index]
        self._variant = state.variants.get(variant_id)  # None once the variant was deleted, as in Shopify
        self.id = gid("LineItem", line_item_id(order.id, index))
        # No refunds or edits are simulated: what was ordered is what is left on the order, unless cancelled.
        self.currentQuantity = 0 if order.cancelled_at else self.quantity

    @property
    def title(self) -> str:
        product = self._state.products.get(self._variant.product_id) if self._variant else None
        return product.title if product else "Deleted product"

    @property
    def variantTitle(self) -> str | None:  # noqa: N802 (Shopify's name)
        return self._variant.title if self._variant and self._variant.title != "Default Title" else None

    @property
    def name(self) -> str:
        return f"{self.title} - {self.variantTitle}" if self.variantTitle else self.title

    @property
    def sku(self) -> str | None:
        return self._variant.sku if self._variant else None

    @property
    def originalUnitPriceSet(self) -> dict[str, Any]:  # noqa: N802
        return _money(self._variant.price if self._variant else "0.00", self._state.shop.currency)

    def variant(self, info: Any) -> VariantView | None:
        return VariantView(self._state, self._variant) if self._variant else None

    def product(self, info: Any) -> ProductView | None:
        product = self._state.products.get(self._variant.product_id) if self._variant else None
        return ProductView(self._state, product) if product else None


class OrderView:
    TYPENAME = "Order"

    def __init__(self, state: ShopState, order: Order) -> None:
        self._state, self._order = state, order
        self.id = gid("Order", order.id)
        self.name = f"#{order.number}"
        self.createdAt, self.processedAt, self.updatedAt = order.created_at, order.processed_at, order.updated_at
        self.cancelledAt, self.test, self.sourceName = order.cancelled_at, order.test, order.source_name

    def lineItems(self, info: Any, **page: Any) -> Connection:  # noqa: N802 (Shopify's name)
        return paginate(info, range(len(self._order.line_items)),
                        lambda i: LineItemView(self._state, self._order, i), key=lambda i: i, **page)


def _status(order: Order) -> list[str]:
    return ["cancelled"] if order.cancelled_at else ["open", "not_closed"]


def _values(state: ShopState, order: Order) -> Callable[[str], list[str]]:
    def values(name: str) -> list[str]:
        simple = {"created_at": [order.created_at], "processed_at": [order.processed_at],
                  "updated_at": [order.updated_at], "id": [gid("Order", order.id)], "name": [f"#{order.number}",
                                                                                         str(order.number)],
                  "test": ["true" if order.test else "false"], "status": _status(order),
                  "source_name": [order.source_name]}
        if name in simple:
            return simple[name]
        if name in ("sku", "default"):
            skus = [v.sku for v in (state.variants.get(vid) for vid, _ in order.line_items) if v and v.sku]
            return skus + ([f"#{order.number}"] if name == "default" else [])
        return []
    return values


def _visible(info: Any) -> Callable[[Order], bool]:
    if "read_all_orders" in info.context.scopes:
        return lambda order: True
    since = (datetime.now(timezone.utc) - timedelta(days=VISIBLE_DAYS)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return lambda order: order.created_at >= since


def search_orders(state: ShopState, info: Any, query: str | None) -> list[Order]:
    q = parse_search(query)
    visible = _visible(info)
    return [o for o in list(state.orders.values()) if visible(o) and q.matches(_values(state, o))]


_SORT: dict[str, Callable[[Order], Any]] = {
    "CREATED_AT": lambda o: (o.created_at, o.id), "PROCESSED_AT": lambda o: (o.processed_at, o.id),
    "UPDATED_AT": lambda o: (o.updated_at, o.id), "ORDER_NUMBER": lambda o: o.number,
    "TOTAL_ITEMS_QUANTITY": lambda o: (sum(q for _, q in o.line_items), o.id),
}


def orders(_: Any, info: Any, query: str | None = None, sortKey: str = "PROCESSED_AT",  # noqa: N803
           savedSearchId: str | None = None, **page: Any) -> Connection:  # noqa: N803
    state: ShopState = info.context.state
    return paginate(info, lambda: search_orders(state, info, query), lambda o: OrderView(state, o),
                    key=_SORT.get(sortKey, lambda o: o.id), **page)


def orders_count(_: Any, info: Any, query: str | None = None, savedSearchId: str | None = None,  # noqa: N803
                 limit: int | None = 10000) -> Count:
    return count_of(len(search_orders(info.context.state, info, query)), limit)


def order(_: Any, info: Any, id: str) -> OrderView | None:  # noqa: A002 (Shopify's argument name)
    return node_of(info, id)


def node_of(info: Any, id: str) -> OrderView | LineItemView | None:  # noqa: A002
    """An Order or LineItem gid, as `node(id:)` finds them (None when out of the token's reach)."""
    state: ShopState = info.context.state
    parsed = parse_gid(id)
    if not parsed:
        return None
    kind, number = parsed
    owner = state.orders.get(number // LINES_PER_ORDER if kind == "LineItem" else number)
    if owner is None or not _visible(info)(owner):
        return None
    if kind == "Order":
        return OrderView(state, owner)
    index = number % LINES_PER_ORDER
    return LineItemView(state, owner, index) if kind == "LineItem" and index < len(owner.line_items) else None
