"""Shopify inventory writes of an apply: adjustments, absolute sets, tracking and activation
(API_FACTS section 5). Each call carries the idempotency key the caller derived."""

from __future__ import annotations

from typing import Any

from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..stocktake.apply_plan import REASON


async def adjust_available(client: AdminClient, key: str, uri: str,
                           changes: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """`available` moves by each (inventory item, location, delta); returns the user errors."""
    payload = await client.mutate(document("InventoryAdjust"), {"key": key, "input": {
        "name": "available", "reason": REASON, "referenceDocumentUri": uri,
        "changes": [{"inventoryItemId": item, "locationId": location, "delta": delta, "changeFromQuantity": None}
                    for item, location, delta in changes]}}, raise_user_errors=False)
    return payload.get("userErrors") or []


async def set_on_hand(client: AdminClient, key: str, uri: str,
                      quantities: list[tuple[str, str, int, int | None]]) -> list[dict[str, Any]]:
    """`on_hand` becomes each (inventory item, location, quantity, quantity read before) quantity,
    only where it still is the quantity read (`changeFromQuantity`); returns the user errors."""
    payload = await client.mutate(document("InventorySet"), {"key": key, "input": {
        "name": "on_hand", "reason": REASON, "referenceDocumentUri": uri,
        "quantities": [{"inventoryItemId": item, "locationId": location, "quantity": quantity,
                        "changeFromQuantity": change_from} for item, location, quantity, change_from in quantities]}},
        raise_user_errors=False)
    return payload.get("userErrors") or []


async def track(client: AdminClient, inventory_item_id: str) -> None:
    await client.mutate(document("InventoryTrack"), {"id": inventory_item_id})


async def activate(client: AdminClient, inventory_item_id: str, location_id: str, key: str) -> None:
    await client.mutate(document("InventoryActivate"), {"item": inventory_item_id, "location": location_id,
                                                        "key": key})
