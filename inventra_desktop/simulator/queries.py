"""Resolvers of the QueryRoot fields the simulator serves."""

from __future__ import annotations

from typing import Any, Callable

from . import order_views
from .ids import gid, parse_gid
from .search import parse_search
from .state import ShopState, Variant
from .views import (
    Connection,
    Count,
    DefinitionView,
    InventoryItemView,
    LevelView,
    LocationView,
    MetafieldView,
    ProductView,
    ShopView,
    VariantView,
    count_of,
    paginate,
    variant_available,
)


def has_scope(scopes: frozenset[str], needed: str) -> bool:
    return needed in scopes or (needed.startswith("read_") and "write_" + needed[5:] in scopes)


def _state(info: Any) -> ShopState:
    return info.context.state


# ---------------------------------------------------------------- search accessors
def product_values(state: ShopState, p: Any) -> Callable[[str], list[str]]:
    def values(name: str) -> list[str]:
        variants = [state.variants[v] for v in p.variant_ids if v in state.variants]
        if name == "default":
            return [p.title, p.vendor, p.product_type, *p.tags,
                    *(v.sku for v in variants if v.sku), *(v.barcode for v in variants if v.barcode)]
        simple = {"title": [p.title], "tag": p.tags, "vendor": [p.vendor], "product_type": [p.product_type],
                  "status": [p.status.lower()], "handle": [p.handle], "id": [gid("Product", p.id)],
                  "created_at": [p.created_at], "updated_at": [p.updated_at], "gift_card": ["false"]}
        if name in simple:
            return simple[name]
        if name == "sku":
            return [v.sku for v in variants if v.sku]
        if name == "barcode":
            return [v.barcode for v in variants if v.barcode]
        if name in ("bundles", "has_variant_with_components"):
            return ["true" if any(v.components for v in variants) else "false"]
        if name == "inventory_total":
            return [str(sum(variant_available(state, v) for v in variants))]
        return []
    return values


def variant_values(state: ShopState, v: Variant) -> Callable[[str], list[str]]:
    p = state.products[v.product_id]
    item = state.items[v.inventory_item_id]

    def values(name: str) -> list[str]:
        if name == "default":
            return [p.title, v.title, *(x for x in (v.sku, v.barcode) if x)]
        simple = {"title": [v.title, p.title], "sku": [v.sku] if v.sku else [],
                  "barcode": [v.barcode] if v.barcode else [], "tag": p.tags, "vendor": [p.vendor],
                  "product_type": [p.product_type], "product_status": [p.status.lower()],
                  "product_id": [gid("Product", p.id), str(p.id)], "id": [gid("ProductVariant", v.id)],
                  "requires_components": ["true" if v.components else "false"],
                  "location_id": [gid("Location", lv.location_id) for lv in state.levels_of_item(item.id)],
                  "inventory_quantity": [str(variant_available(state, v))],
                  "created_at": [v.created_at], "updated_at": [v.updated_at]}
        return simple.get(name, [])
    return values


def search_products(state: ShopState, query: str | None) -> list[Any]:
    q = parse_search(query)
    # Shopify's `products` defaults to active products when the query names no status.
    default_active = "status" not in q.fields()
    return [p for p in state.products.values()
            if (not default_active or p.status == "ACTIVE") and q.matches(product_values(state, p))]


def search_variants(state: ShopState, query: str | None) -> list[Variant]:
    q = parse_search(query)
    return [v for v in state.variants.values() if q.matches(variant_values(state, v))]


def _sort_key(sort_key: str | None, title: Callable[[Any], str]) -> Callable[[Any], Any]:
    if sort_key == "TITLE":
        return lambda r: (title(r).lower(), r.id)
    return lambda r: r.id


# ---------------------------------------------------------------- root fields
def shop(_: Any, info: Any) -> ShopView:
    return ShopView(_state(info))


def locations(_: Any, info: Any, query: str | None = None, includeInactive: bool = False,
              includeLegacy: bool = False, sortKey: str = "NAME", **page: Any) -> Connection:
    state = _state(info)
    q = parse_search(query)
    rows = [loc for loc in state.locations.values()
            if (includeInactive or loc.is_active)
            and q.matches(lambda n, loc=loc: {"name": [loc.name], "default": [loc.name],
                                               "id": [gid("Location", loc.id)]}.get(n, []))]
    key = (lambda r: (r.name.lower(), r.id)) if sortKey == "NAME" else (lambda r: r.id)
    return paginate(info, rows, lambda loc: LocationView(state, loc), key=key, **page)


def location(_: Any, info: Any, id: str | None = None) -> LocationView | None:
    state = _state(info)
    if id is None:  # Shopify: the shop's primary location
        active = sorted((loc for loc in state.locations.values() if loc.is_active), key=lambda r: r.id)
        return LocationView(state, active[0]) if active else None
    parsed = parse_gid(id)
    loc = state.locations.get(parsed[1]) if parsed and parsed[0] == "Location" else None
    return LocationView(state, loc) if loc else None


def products(_: Any, info: Any, query: str | None = None, sortKey: str = "ID", savedSearchId: str | None = None,
             **page: Any) -> Connection:
    state = _state(info)
    return paginate(info, lambda: search_products(state, query), lambda p: ProductView(state, p),
                    key=_sort_key(sortKey, lambda p: p.title), **page)


def products_count(_: Any, info: Any, query: str | None = None, limit: int | None = 10000, **_k: Any) -> Count:
    return count_of(len(search_products(_state(info), query)), limit)


def product(_: Any, info: Any, id: str) -> ProductView | None:
    return node(_, info, id, want="Product")


def product_variants(_: Any, info: Any, query: str | None = None, sortKey: str = "ID",
                     savedSearchId: str | None = None, **page: Any) -> Connection:
    state = _state(info)
    return paginate(info, lambda: search_variants(state, query), lambda v: VariantView(state, v),
                    key=_sort_key(sortKey, lambda v: v.title), **page)


def product_variants_count(_: Any, info: Any, query: str | None = None, limit: int | None = 10000) -> Count:
    return count_of(len(search_variants(_state(info), query)), limit)


def product_variant(_: Any, info: Any, id: str) -> VariantView | None:
    return node(_, info, id, want="ProductVariant")


def inventory_items(_: Any, info: Any, query: str | None = None, **page: Any) -> Connection:
    state = _state(info)
    q = parse_search(query)

    def values(item: Any) -> Callable[[str], list[str]]:
        sku = state.variants[item.variant_id].sku
        return lambda n: {"sku": [sku] if sku else [], "default": [sku] if sku else [],
                          "id": [gid("InventoryItem", item.id)], "created_at": [item.created_at],
                          "updated_at": [item.updated_at]}.get(n, [])
    rows = [i for i in state.items.values() if q.matches(values(i))]
    return paginate(info, rows, lambda i: InventoryItemView(state, i), **page)


def inventory_item(_: Any, info: Any, id: str) -> InventoryItemView | None:
    return node(_, info, id, want="InventoryItem")


def inventory_level(_: Any, info: Any, id: str) -> LevelView | None:
    return node(_, info, id, want="InventoryLevel")


def node(_: Any, info: Any, id: str, want: str | None = None) -> Any:
    state = _state(info)
    parsed = parse_gid(id)
    if not parsed or (want and parsed[0] != want):
        return None
    kind, number = parsed
    table: dict[str, tuple[dict, Callable[[Any], Any]]] = {
        "Product": (state.products, lambda r: ProductView(state, r)),
        "ProductVariant": (state.variants, lambda r: VariantView(state, r)),
        "InventoryItem": (state.items, lambda r: InventoryItemView(state, r)),
        "InventoryLevel": (state.levels, lambda r: LevelView(state, r)),
        "Location": (state.locations, lambda r: LocationView(state, r)),
        "Metafield": (state.metafields, lambda r: MetafieldView(state, r)),
        "MetafieldDefinition": (state.definitions, DefinitionView),
    }
    if kind == "Shop" and number == state.shop.id:
        return ShopView(state)
    if kind == "BulkOperation" and info.context.bulk_engine is not None:
        return info.context.bulk_engine.view(id)
    if kind in ("Order", "LineItem"):
        return order_views.node_of(info, id) if has_scope(info.context.scopes, "read_orders") else None
    if kind not in table:
        return None
    rows, wrap = table[kind]
    row = rows.get(number)
    return wrap(row) if row is not None else None


def nodes(_: Any, info: Any, ids: list[str]) -> list[Any]:
    return [node(_, info, i) for i in ids]


def metafield_definitions(_: Any, info: Any, ownerType: str, namespace: str | None = None, key: str | None = None,
                          query: str | None = None, sortKey: str = "ID", pinnedStatus: str = "ANY",
                          constraintSubtype: Any = None, constraintStatus: Any = None, **page: Any) -> Connection:
    from .views import expand_namespace
    state = _state(info)
    rows = [d for d in state.definitions.values() if d.owner_type == ownerType
            and (namespace is None or d.namespace == expand_namespace(namespace))
            and (key is None or d.key == key)]
    return paginate(info, rows, DefinitionView, **page)


def current_app_installation(_: Any, info: Any) -> dict[str, Any]:
    return {"id": "gid://shopify/AppInstallation/7654321",
            "accessScopes": [{"handle": s, "description": None} for s in sorted(info.context.scopes)]}


def inventory_properties(_: Any, info: Any) -> dict[str, Any]:
    parts = ["available", "committed", "damaged", "quality_control", "reserved", "safety_stock"]
    names = [{"name": n, "displayName": n.replace("_", " ").capitalize(), "belongsTo": ["on_hand"] if n in parts else [],
              "comprises": [], "isInUse": True} for n in (*parts, "incoming")]
    names.append({"name": "on_hand", "displayName": "On hand", "belongsTo": [], "comprises": parts, "isInUse": True})
    return {"quantityNames": names}


def bulk_operation(_: Any, info: Any, id: str) -> Any:
    return info.context.bulk_engine.view(id)


def current_bulk_operation(_: Any, info: Any, type: str = "QUERY") -> Any:
    return info.context.bulk_engine.current(type)


def bulk_operations(_: Any, info: Any, query: str | None = None, sortKey: str = "CREATED_AT", **page: Any) -> Connection:
    return info.context.bulk_engine.connection(info, query, **page)


RESOLVERS: dict[str, Callable[..., Any]] = {
    "shop": shop, "locations": locations, "location": location, "products": products,
    "product": product, "productsCount": products_count, "productVariants": product_variants,
    "productVariant": product_variant, "productVariantsCount": product_variants_count,
    "inventoryItems": inventory_items, "inventoryItem": inventory_item, "inventoryLevel": inventory_level,
    "node": node, "nodes": nodes, "metafieldDefinitions": metafield_definitions,
    "currentAppInstallation": current_app_installation, "inventoryProperties": inventory_properties,
    "bulkOperation": bulk_operation, "currentBulkOperation": current_bulk_operation,
    "bulkOperations": bulk_operations, "orders": order_views.orders, "ordersCount": order_views.orders_count,
    "order": order_views.order,
}
