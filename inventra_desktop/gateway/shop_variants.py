"""Every variant of the shop as cycle counting plans with it: product, cost, stock per location,
count history, last done. One bulk query whatever the shop's size (planning reads the whole shop;
a small shop's bulk read takes about a second), streamed: each variant is kept as a small record
as its lines arrive, never the bulk file's objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from ..shopify.bulk import bulk_query_stream
from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..stocktake import codec
from ..stocktake.models import HistoryEntry

SEARCH = "product_status:active,draft"  # archived products are neither sold nor counted
Progress = Callable[[int], None]  # objects the shop has read so far


@dataclass(slots=True)
class ShopVariant:
    id: str
    product_id: str
    product_title: str
    product_status: str  # ACTIVE or DRAFT
    title: str
    sku: str | None
    vendor: str
    product_type: str
    product_tags: list[str]
    tracked: bool
    bundle_parent: bool
    unit_cost: Decimal | None
    omit: bool
    stock: dict[str, int] = field(default_factory=dict)  # location gid -> on hand, where it is stocked
    history: tuple[HistoryEntry, ...] = ()
    last_done: str | None = None
    problem: str | None = None  # a metafield of it that could not be read (history, last_done, omit)

    @property
    def display_name(self) -> str:
        return self.product_title if self.title == "Default Title" else f"{self.product_title} – {self.title}"


def _cost(raw: Any) -> Decimal | None:
    try:
        return Decimal(str(raw["amount"])) if raw and raw.get("amount") is not None else None
    except (InvalidOperation, TypeError, KeyError):
        return None  # a cost that does not read: no value for that variant, not a failed plan


def parse_variant(node: dict[str, Any]) -> ShopVariant:
    product, item = node["product"], node["inventoryItem"]
    variant = ShopVariant(
        id=node["id"], product_id=product["id"], product_title=product["title"],
        product_status=product.get("status") or "ACTIVE", title=node["title"],
        sku=node.get("sku") or None, vendor=product.get("vendor") or "", product_type=product.get("productType") or "",
        product_tags=list(product.get("tags") or []), tracked=bool(item["tracked"]),
        bundle_parent=bool(node.get("requiresComponents")), unit_cost=_cost(item.get("unitCost")), omit=False)
    problems = []
    try:
        variant.history = tuple(codec.decode_history((node.get("history") or {}).get("value")))
    except codec.CodecError as exc:
        problems.append(str(exc))
    try:
        variant.last_done = codec.decode_datetime((node.get("lastDone") or {}).get("value"), codec.Keys.LAST_DONE)
    except codec.CodecError as exc:
        problems.append(str(exc))
    try:
        variant.omit = codec.decode_bool((node.get("omit") or {}).get("value"), codec.Keys.OMIT)
    except codec.CodecError as exc:
        problems.append(str(exc))
    variant.problem = "; ".join(problems) or None
    return variant


async def read_shop_variants(client: AdminClient, *, progress: Progress | None = None) -> list[ShopVariant]:
    """Every variant of the shop's active and draft products, in the shop's order."""
    found: dict[str, ShopVariant] = {}

    def consume(objects: list[dict[str, Any]]) -> None:
        for obj in objects:
            parent = obj.get("__parentId")
            if parent is None:
                found[obj["id"]] = parse_variant(obj)
            elif "location" in obj and parent in found:  # an inventory level (children come after parents)
                quantities = obj.get("quantities") or []
                found[parent].stock[obj["location"]["id"]] = int(quantities[0]["quantity"]) if quantities else 0
    text = document("BulkPlanningVariants").replace("__SEARCH__", SEARCH)
    await bulk_query_stream(client, text, consume, progress=progress)
    return list(found.values())
