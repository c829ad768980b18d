"""GraphQL-facing views of the shop state.

graphql-core's default resolver reads an attribute named like the field and, when it is
callable, calls it with `(info, **arguments)`. So each view exposes Shopify's camelCase
field names directly; arguments arrive with their GraphQL names.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from graphql import GraphQLError

from .ids import decode_cursor, encode_cursor, gid, parse_gid
from .versions import LATEST, ApiVersion
from .state import (
    QUANTITY_NAMES,
    InventoryItem,
    InventoryLevel,
    Location,
    Metafield,
    MetafieldDefinition,
    Product,
    ShopState,
    Variant,
)

MAX_PAGE = 250
APP_NAMESPACE = "app--7654321"  # what `$app` expands to for the simulator's single app


@dataclass
class RequestContext:
    state: ShopState
    scopes: frozenset[str]
    base_url: str
    bulk: bool = False  # inside a bulk operation: connections need no page size
    bulk_engine: Any = None
    idempotency_key: str | None = None
    version: ApiVersion = LATEST  # the API version the request was sent to (its rules apply)
    # A bulk query's root rows, found and ordered at its first chunk (bulk_reads.py): response key ->
    # (rows, their sort keys). None outside bulk queries.
    bulk_memo: dict[str, tuple[list[Any], list[Any]]] | None = None


def _err(message: str, code: str, **extra: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, **extra})


# ---------------------------------------------------------------- connections
@dataclass
class PageInfo:
    hasNextPage: bool
    hasPreviousPage: bool
    startCursor: str | None
    endCursor: str | None


@dataclass
class Edge:
    cursor: str
    node: Any


@dataclass
class Connection:
    edges: list[Edge]
    nodes: list[Any]
    pageInfo: PageInfo


def paginate(info: Any, rows: Iterable[Any] | Callable[[], Iterable[Any]], wrap: Callable[[Any], Any], *,
             first: int | None = None, after: str | None = None, last: int | None = None,
             before: str | None = None, reverse: bool = False,
             key: Callable[[Any], Any] = lambda r: r.id) -> Connection:
    """Cursor pagination over rows already filtered (or a function finding them), ordered by
    `key` (ascending). A bulk query's root connection finds and orders its rows once."""
    ctx: RequestContext = info.context
    if not ctx.bulk:
        if first is None and last is None:
            raise _err("you must provide one of first or last", "BAD_REQUEST")
        for size in (first, last):
            if size is not None and (size < 0 or size > MAX_PAGE):
                raise _err(f"The page size must be between 0 and {MAX_PAGE}.", "BAD_REQUEST")
    memo = ctx.bulk_memo if ctx.bulk_memo is not None and info.path.prev is None else None
    if memo is not None and info.path.key in memo:
        ordered, keys = memo[info.path.key]
    else:
        ordered = sorted(rows() if callable(rows) else rows, key=key, reverse=reverse)
        keys = [key(r) for r in ordered]
        if memo is not None:
            memo[info.path.key] = (ordered, keys)
    lo, hi = 0, len(ordered)
    if after is not None:
        mark = decode_cursor(after)
        if mark is not None:
            mark = tuple(mark) if isinstance(mark, list) else mark
            lo = (bisect_right(keys, mark) if not reverse else
                  next((i for i, k in enumerate(keys) if k < mark), len(keys)))
    if before is not None:
        mark = decode_cursor(before)
        if mark is not None:
            mark = tuple(mark) if isinstance(mark, list) else mark
            hi = next((i for i, k in enumerate(keys) if not (k > mark if reverse else k < mark)), len(keys))
    window = list(range(lo, max(lo, hi)))
    has_prev = lo > 0
    has_next = hi < len(ordered)
    if first is not None and len(window) > first:
        window, has_next = window[:first], True
    if last is not None and len(window) > last:
        window, has_prev = window[-last:], True
    edges = [Edge(encode_cursor(_jsonable(keys[i])), wrap(ordered[i])) for i in window]
    return Connection(edges, [e.node for e in edges],
                      PageInfo(has_next, has_prev, edges[0].cursor if edges else None,
                               edges[-1].cursor if edges else None))


def _jsonable(key: Any) -> Any:
    return list(key) if isinstance(key, tuple) else key


@dataclass
class Count:
    count: int
    precision: str = "EXACT"


def count_of(n: int, limit: int | None) -> Count:
    if limit is not None and n > limit:
        return Count(limit, "AT_LEAST")
    return Count(n)


# ---------------------------------------------------------------- metafields
def expand_namespace(namespace: str | None) -> str:
    if namespace is None or namespace == "$app":
        return APP_NAMESPACE
    if namespace.startswith("$app:"):
        return f"{APP_NAMESPACE}--{namespace[5:]}"
    return namespace


def json_value(type_: str, value: str) -> Any:
    """`Metafield.jsonValue`: the value decoded by its type."""
    try:
        if type_ == "json" or type_.startswith("list."):
            return json.loads(value)
        if type_ == "number_integer":
            return int(value)
        if type_ == "number_decimal":
            return value
        if type_ == "boolean":
            return value == "true"
    except ValueError:
        return value
    return value


class MetafieldView:
    TYPENAME = "Metafield"

    def __init__(self, state: ShopState, mf: Metafield) -> None:
        self._state, self._mf = state, mf
        self.id = gid("Metafield", mf.id)
        self.namespace, self.key, self.value, self.type = mf.namespace, mf.key, mf.value, mf.type
        self.compareDigest = mf.compare_digest
        self.createdAt, self.updatedAt = mf.created_at, mf.updated_at
        self.jsonValue = json_value(mf.type, mf.value)
        kind = mf.owner.split("/")[3] if mf.owner.count("/") >= 4 else "Shop"
        self.ownerType = {"ProductVariant": "PRODUCTVARIANT", "Product": "PRODUCT", "Shop": "SHOP"}.get(kind, kind.upper())

    def owner(self, info: Any) -> Any:
        """The resource the metafield belongs to (`HasMetafields!`: Product, ProductVariant or Shop)."""
        parsed = parse_gid(self._mf.owner)
        kind, number = parsed if parsed else ("", 0)
        if kind == "Product" and number in self._state.products:
            return ProductView(self._state, self._state.products[number])
        if kind == "ProductVariant" and number in self._state.variants:
            return VariantView(self._state, self._state.variants[number])
        return ShopView(self._state)

    def definition(self, info: Any) -> DefinitionView | None:
        for d in self._state.definitions.values():
            if (d.owner_type, d.namespace, d.key) == (self.ownerType, self.namespace, self.key):
                return DefinitionView(d)
        return None


class HasMetafieldsMixin:
    _state: ShopState
    id: str

    def metafield(self, info: Any, key: str, namespace: str | None = None) -> MetafieldView | None:
        if namespace is None and "." in key:
            namespace, key = key.rsplit(".", 1)
        mf = self._state.metafield(self.id, expand_namespace(namespace), key)
        return MetafieldView(self._state, mf) if mf else None

    def metafields(self, info: Any, namespace: str | None = None, keys: list[str] | None = None,
                   **page: Any) -> Connection:
        rows = self._state.metafields_of(self.id)
        if namespace is not None:
            rows = [m for m in rows if m.namespace == expand_namespace(namespace)]
        if keys is not None:
            wanted = set()
            for k in keys:
                ns, _, kk = k.rpartition(".")
                wanted.add((expand_namespace(ns) if ns else None, kk))
            rows = [m for m in rows if (m.namespace, m.key) in wanted or (None, m.key) in wanted]
        return paginate(info, rows, lambda m: MetafieldView(self._state, m), **page)


class DefinitionView:
    TYPENAME = "MetafieldDefinition"

    def __init__(self, d: MetafieldDefinition) -> None:
        self.id = gid("MetafieldDefinition", d.id)
        self.name, self.namespace, self.key, self.description = d.name, d.namespace, d.key, d.description
        self.ownerType = d.owner_type
        self.type = {"name": d.type, "category": _type_category(d.type)}
        self.validations = [{"name": n, "type": "single_line_text_field", "value": v} for n, v in d.validations]
        self.pinnedPosition = d.pinned_position
        self.access = {"admin": d.admin_access or "PUBLIC_READ_WRITE",
                       "storefront": d.storefront_access or "NONE", "customerAccount": "NONE"}


def _type_category(type_: str) -> str:
    if type_.startswith("number"):
        return "NUMBER"
    if type_ in ("date", "date_time"):
        return "DATE_TIME"
    if type_ == "boolean":
        return "TRUE_FALSE"
    if type_ == "json":
        return "ADVANCED"
    return "TEXT"


# ---------------------------------------------------------------- catalog
class ShopView(HasMetafieldsMixin):
    TYPENAME = "Shop"

    def __init__(self, state: ShopState) -> None:
        self._state = state
        s = state.shop
        self.id = state.shop_gid()
        self.name, self.myshopifyDomain, self.currencyCode, self.ianaTimezone = s.name, s.domain, s.currency, s.timezone
        self.plan = {"partnerDevelopment": True, "shopifyPlus": False, "publicDisplayName": "Development"}


class ImageView:
    TYPENAME = "Image"

    def __init__(self, url: str, owner_id: int, alt: str | None = None) -> None:
        self.id = gid("ProductImage", owner_id)
        self.url, self.altText, self.width, self.height = url, alt, None, None


class MediaImageView:
    TYPENAME = "MediaImage"

    def __init__(self, product: Product) -> None:
        self.id = gid("MediaImage", product.id)
        self.alt = product.title
        self.mediaContentType = "IMAGE"
        self.image = ImageView(product.image_url or "", product.id, product.title)
        self.preview = {"image": self.image, "status": "READY"}


class ProductView(HasMetafieldsMixin):
    TYPENAME = "Product"

    def __init__(self, state: ShopState, p: Product) -> None:
        self._state, self._p = state, p
        self.id = gid("Product", p.id)
        self.title, self.handle, self.vendor, self.productType = p.title, p.handle, p.vendor, p.product_type
        self.status = p.status
        self.tags = sorted(p.tags, key=str.lower)
        self.createdAt, self.updatedAt = p.created_at, p.updated_at

    def _variants(self) -> list[Variant]:
        return [self._state.variants[v] for v in self._p.variant_ids if v in self._state.variants]

    def totalInventory(self, info: Any) -> int:
        return sum(variant_available(self._state, v) for v in self._variants())

    def tracksInventory(self, info: Any) -> bool:
        return any(self._state.items[v.inventory_item_id].tracked for v in self._variants())

    def hasOnlyDefaultVariant(self, info: Any) -> bool:
        vs = self._variants()
        return len(vs) == 1 and vs[0].title == "Default Title"

    def hasVariantsThatRequiresComponents(self, info: Any) -> bool:
        return any(v.components for v in self._variants())

    def featuredMedia(self, info: Any) -> MediaImageView | None:
        return MediaImageView(self._p) if self._p.image_url else None

    def variants(self, info: Any, **page: Any) -> Connection:
        sort_key = page.pop("sortKey", "POSITION")
        key = (lambda v: v.id) if sort_key == "ID" else (lambda v: (v.position, v.id))
        return paginate(info, self._variants(), lambda v: VariantView(self._state, v), key=key, **page)

    def variantsCount(self, info: Any, **_: Any) -> Count:
        return Count(len(self._variants()))


def variant_available(state: ShopState, v: Variant) -> int:
    item = state.items[v.inventory_item_id]
    if not item.tracked:
        return 0
    return sum(lv.quantity("available") for lv in state.levels_of_item(item.id))


class VariantView(HasMetafieldsMixin):
    TYPENAME = "ProductVariant"

    def __init__(self, state: ShopState, v: Variant) -> None:
        self._state, self._v = state, v
        self.id = gid("ProductVariant", v.id)
        self.title, self.sku, self.barcode, self.price, self.position = v.title, v.sku, v.barcode, v.price, v.position
        self.createdAt, self.updatedAt = v.created_at, v.updated_at
        self.selectedOptions = [{"name": n, "value": val} for n, val in v.options]
        self.requiresComponents = bool(v.components)

    def displayName(self, info: Any) -> str:
        title = self._state.products[self._v.product_id].title
        return title if self._v.title == "Default Title" else f"{title} - {self._v.title}"

    def product(self, info: Any) -> ProductView:
        return ProductView(self._state, self._state.products[self._v.product_id])

    def inventoryItem(self, info: Any) -> InventoryItemView:
        return InventoryItemView(self._state, self._state.items[self._v.inventory_item_id])

    def inventoryQuantity(self, info: Any) -> int:
        return variant_available(self._state, self._v)

    def image(self, info: Any, **_: Any) -> ImageView | None:  # maxWidth/scale… are not simulated
        return ImageView(self._v.image_url, self._v.id) if self._v.image_url else None

    def productVariantComponents(self, info: Any, **page: Any) -> Connection:
        rows = [(i, vid, qty) for i, (vid, qty) in enumerate(self._v.components) if vid in self._state.variants]
        return paginate(info, rows, lambda r: {
            "id": gid("ProductVariantComponent", self._v.id * 100 + r[0]), "quantity": r[2],
            "productVariant": VariantView(self._state, self._state.variants[r[1]])}, key=lambda r: r[0], **page)


class InventoryItemView:
    TYPENAME = "InventoryItem"

    def __init__(self, state: ShopState, item: InventoryItem) -> None:
        self._state, self._item = state, item
        self.id = gid("InventoryItem", item.id)
        self.tracked, self.requiresShipping = item.tracked, item.requires_shipping
        self.createdAt, self.updatedAt = item.created_at, item.updated_at
        self.sku = state.variants[item.variant_id].sku
        self.unitCost = ({"amount": item.unit_cost, "currencyCode": state.shop.currency}
                         if item.unit_cost is not None else None)

    def variants(self, info: Any, **page: Any) -> Connection:
        return paginate(info, [self._state.variants[self._item.variant_id]],
                        lambda v: VariantView(self._state, v), **page)

    def inventoryLevel(self, info: Any, locationId: str) -> LevelView | None:
        parsed = parse_gid(locationId)
        lv = self._state.level(self._item.id, parsed[1]) if parsed and parsed[0] == "Location" else None
        return LevelView(self._state, lv) if lv else None

    def inventoryLevels(self, info: Any, query: str | None = None, **page: Any) -> Connection:
        return paginate(info, self._state.levels_of_item(self._item.id),
                        lambda lv: LevelView(self._state, lv), **page)


class LevelView:
    TYPENAME = "InventoryLevel"

    def __init__(self, state: ShopState, lv: InventoryLevel) -> None:
        self._state, self._lv = state, lv
        self.id = f"{gid('InventoryLevel', lv.id)}?inventory_item_id={lv.item_id}"
        self.createdAt, self.updatedAt = lv.created_at, lv.updated_at

    def item(self, info: Any) -> InventoryItemView:
        return InventoryItemView(self._state, self._state.items[self._lv.item_id])

    def location(self, info: Any) -> LocationView:
        return LocationView(self._state, self._state.locations[self._lv.location_id])

    def quantities(self, info: Any, names: list[str]) -> list[dict[str, Any]]:
        unknown = [n for n in names if n not in QUANTITY_NAMES]
        if unknown:
            raise _err(f"Invalid quantity names: {', '.join(unknown)}. Valid names are: "
                       f"{', '.join(QUANTITY_NAMES)}.", "BAD_REQUEST")
        return [{"id": f"gid://shopify/InventoryQuantity/{self._lv.id}?name={n}", "name": n,
                 "quantity": self._lv.quantity(n), "updatedAt": self._lv.updated_at} for n in names]


class LocationView:
    TYPENAME = "Location"

    def __init__(self, state: ShopState, loc: Location) -> None:
        self._state, self._loc = state, loc
        self.id = gid("Location", loc.id)
        self.name, self.isActive = loc.name, loc.is_active
        self.shipsInventory, self.fulfillsOnlineOrders = loc.ships_inventory, loc.fulfills_online_orders
        self.activatable, self.deactivatable = not loc.is_active, loc.is_active
        self.createdAt = self.updatedAt = loc.created_at

    def inventoryLevel(self, info: Any, inventoryItemId: str) -> LevelView | None:
        parsed = parse_gid(inventoryItemId)
        lv = self._state.level(parsed[1], self._loc.id) if parsed and parsed[0] == "InventoryItem" else None
        return LevelView(self._state, lv) if lv else None

    def inventoryLevels(self, info: Any, query: str | None = None, **page: Any) -> Connection:
        rows = [lv for lv in self._state.levels.values() if lv.location_id == self._loc.id]
        return paginate(info, rows, lambda lv: LevelView(self._state, lv), **page)


def adjustment_group_view(state: ShopState, group: Any) -> dict[str, Any]:
    return {
        "id": gid("InventoryAdjustmentGroup", group.id), "createdAt": group.created_at,
        "reason": group.reason, "referenceDocumentUri": group.reference_document_uri,
        "changes": [{
            "name": c["name"], "delta": c["delta"], "quantityAfterChange": c.get("quantity_after"),
            "ledgerDocumentUri": c.get("ledger_document_uri"),
            "item": InventoryItemView(state, state.items[c["item_id"]]),
            "location": LocationView(state, state.locations[c["location_id"]]),
        } for c in group.changes],
    }
