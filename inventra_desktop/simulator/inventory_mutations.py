"""Resolvers of the inventory mutations (set, adjust, activate, item update), with the rules
Shopify enforces beyond the schema: `changeFromQuantity` on every absolute set (2026-04), the
names and reasons each accepts, quantities within Shopify's limit (API_FACTS section 5).
Every call is atomic: a user error writes nothing."""

from __future__ import annotations

import re
from typing import Any

from graphql import GraphQLError

from .ids import parse_gid
from .mutation_support import shop_state, user_error
from .state import ShopState, now_iso
from .views import InventoryItemView, LevelView, adjustment_group_view

MAX_QUANTITY = 1_000_000_000

REASONS = frozenset({
    "correction", "cycle_count_available", "damaged", "movement_created", "movement_updated",
    "movement_received", "movement_canceled", "other", "promotion", "quality_control", "received",
    "reservation_created", "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
})
SET_NAMES = frozenset({"available", "on_hand"})
ADJUST_NAMES = frozenset({"available", "damaged", "quality_control", "reserved", "safety_stock"})
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def _require_change_from(info: Any, entries: list[dict[str, Any]], path: str) -> None:
    # 2026-04: the key must be present on every entry (null skips the check); the schema
    # cannot say so, so a missing key is a request error here. 2026-01 leaves it optional.
    if not info.context.version.change_from_required:
        return
    missing = [i for i, e in enumerate(entries) if "changeFromQuantity" not in e]
    if missing:
        raise GraphQLError(
            f"{path}[{missing[0]}].changeFromQuantity must be provided explicitly (an integer to compare "
            "against, or null to skip the check) from API version 2026-04.",
            extensions={"code": "BAD_REQUEST"})


def _check_common(input_: dict[str, Any], codes_prefix: str) -> list[dict[str, Any]]:
    errors = []
    if input_["reason"] not in REASONS:
        errors.append(user_error(["input", "reason"], "The specified reason is invalid. Valid values: "
                          + ", ".join(sorted(REASONS)) + ".", "INVALID_REASON"))
    uri = input_.get("referenceDocumentUri")
    if uri is not None and not _URI.match(uri):
        errors.append(user_error(["input", "referenceDocumentUri"], "The reference document URI is invalid.",
                          "INVALID_REFERENCE_DOCUMENT"))
    return errors


def _locate(state: ShopState, entry: dict[str, Any], field: list[str]) -> tuple[Any, Any, list[dict[str, Any]]]:
    item_ref, loc_ref = parse_gid(entry["inventoryItemId"]), parse_gid(entry["locationId"])
    item = state.items.get(item_ref[1]) if item_ref and item_ref[0] == "InventoryItem" else None
    loc = state.locations.get(loc_ref[1]) if loc_ref and loc_ref[0] == "Location" else None
    if item is None:
        return None, None, [user_error([*field, "inventoryItemId"], "The specified inventory item could not be found.",
                                "INVALID_INVENTORY_ITEM")]
    if loc is None or not loc.is_active:
        return None, None, [user_error([*field, "locationId"], "The specified location could not be found.",
                                "INVALID_LOCATION")]
    if not item.tracked or state.variants[item.variant_id].components:
        return None, None, [user_error([*field, "inventoryItemId"], "The specified inventory item is not tracked, or "
                                "its quantities are derived from components.", "NON_MUTABLE_INVENTORY_ITEM")]
    level = state.level(item.id, loc.id)
    if level is None:
        return None, None, [user_error([*field, "locationId"], "The specified inventory item is not stocked at the "
                                "location.", "ITEM_NOT_STOCKED_AT_LOCATION")]
    return item, level, []


def inventory_set_quantities(_: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    state = shop_state(info)
    _require_change_from(info, input["quantities"], "input.quantities")
    with state.lock:
        errors = _check_common(input, "set")
        name = input["name"]
        if name not in SET_NAMES:
            errors.append(user_error(["input", "name"], "The quantity name must be either 'available' or 'on_hand'.",
                              "INVALID_NAME"))
        plan, seen = [], set()
        for i, q in enumerate(input["quantities"]):
            field = ["input", "quantities", str(i)]
            item, level, errs = _locate(state, q, field)
            errors += errs
            if errs:
                continue
            if (item.id, level.location_id) in seen:
                errors.append(user_error(field, "The combination of inventoryItemId and locationId must be unique.",
                                  "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR"))
                continue
            seen.add((item.id, level.location_id))
            if q["quantity"] > MAX_QUANTITY:
                errors.append(user_error([*field, "quantity"], "The quantity is too high.", "INVALID_QUANTITY_TOO_HIGH"))
                continue
            if q["quantity"] < 0 and name == "on_hand":
                errors.append(user_error([*field, "quantity"], "The quantity can't be negative.", "INVALID_QUANTITY_NEGATIVE"))
                continue
            stale = _stale_set(input, q, level.quantity(name) if name in SET_NAMES else None, field)
            if stale:
                errors.append(stale)
                continue
            plan.append((level, q["quantity"]))
        if errors:
            return {"inventoryAdjustmentGroup": None, "userErrors": errors}
        changes = []
        for level, quantity in plan:
            delta = quantity - level.quantity(name)
            # Setting on_hand moves available by the same amount: the other states stay as they are.
            level.quantities["available"] = level.quantities.get("available", 0) + delta
            level.updated_at = now_iso()
            state.changed("levels", level)
            changes.append(_change(name, delta, level.quantity(name), None, level))
            changes.append(_change("on_hand" if name == "available" else "available", delta,
                                   level.quantity("on_hand" if name == "available" else "available"), None, level))
        group = state.record_adjustment(input["reason"], input.get("referenceDocumentUri"), changes)
        return {"inventoryAdjustmentGroup": adjustment_group_view(state, group), "userErrors": []}


def _stale_set(input_: dict[str, Any], entry: dict[str, Any], current: int | None,
               field: list[str]) -> dict[str, Any] | None:
    """The compare-and-set check of one inventorySetQuantities entry, or None when it passes.

    `changeFromQuantity` (any value, null included) decides when present. Without it (only
    possible before 2026-04) the 2026-01 legacy fields apply: `ignoreCompareQuantity: true` skips
    the check, else `compareQuantity` is required and compared (Shopify changelog,
    compare-and-swap-redesign-for-inventory-set-quantities)."""
    if current is None:
        return None  # an invalid name is reported already
    if "changeFromQuantity" in entry:
        expected = entry["changeFromQuantity"]
        if expected is not None and expected != current:
            return user_error([*field, "changeFromQuantity"], "The specified compare quantity does not match the current "
                       "quantity.", "CHANGE_FROM_QUANTITY_STALE")
        return None
    if input_.get("ignoreCompareQuantity"):
        return None
    if entry.get("compareQuantity") is None:
        return user_error([*field, "compareQuantity"], "The compareQuantity argument must be given to each quantity or "
                   "ignored using ignoreCompareQuantity.", "COMPARE_QUANTITY_REQUIRED")
    if entry["compareQuantity"] != current:
        return user_error([*field, "compareQuantity"], "The specified compare quantity does not match the current quantity.",
                   "COMPARE_QUANTITY_STALE")
    return None


def _change(name: str, delta: int, after: int, ledger: str | None, level: Any) -> dict[str, Any]:
    return {"name": name, "delta": delta, "quantity_after": after, "ledger_document_uri": ledger,
            "item_id": level.item_id, "location_id": level.location_id}


def inventory_adjust_quantities(_: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    state = shop_state(info)
    _require_change_from(info, input["changes"], "input.changes")
    with state.lock:
        errors = _check_common(input, "adjust")
        name = input["name"]
        if name not in ADJUST_NAMES:
            errors.append(user_error(["input", "name"], f"The quantity name '{name}' cannot be adjusted. Valid names: "
                              + ", ".join(sorted(ADJUST_NAMES)) + ".", "INVALID_QUANTITY_NAME"))
        plan = []
        for i, c in enumerate(input["changes"]):
            field = ["input", "changes", str(i)]
            ledger = c.get("ledgerDocumentUri")
            if name != "available" and not ledger:
                errors.append(user_error([*field, "ledgerDocumentUri"], "A ledger document URI is required for "
                                  f"quantity name '{name}'.", "INVALID_QUANTITY_DOCUMENT"))
                continue
            if name == "available" and ledger:
                errors.append(user_error([*field, "ledgerDocumentUri"], "A ledger document URI is not allowed when "
                                  "adjusting available.", "INVALID_AVAILABLE_DOCUMENT"))
                continue
            if ledger and (ledger.startswith("gid://shopify/") or not _URI.match(ledger)):
                errors.append(user_error([*field, "ledgerDocumentUri"], "The ledger document URI is invalid.",
                                  "INVALID_LEDGER_DOCUMENT"))
                continue
            item, level, errs = _locate(state, c, field)
            errors += errs
            if errs or name not in ADJUST_NAMES:
                continue
            current = level.quantity(name)
            if c.get("changeFromQuantity") is not None and current != c["changeFromQuantity"]:
                errors.append(user_error([*field, "changeFromQuantity"], "The specified compare quantity does not match "
                                  "the current quantity.", "CHANGE_FROM_QUANTITY_STALE"))
                continue
            after = current + c["delta"]
            if after > MAX_QUANTITY:
                errors.append(user_error([*field, "delta"], "The quantity is too high.", "INVALID_QUANTITY_TOO_HIGH"))
                continue
            if after < -MAX_QUANTITY or (name != "available" and after < 0):
                errors.append(user_error([*field, "delta"], "The quantity is too low.", "INVALID_QUANTITY_TOO_LOW"))
                continue
            plan.append((level, c["delta"], ledger))
        if errors:
            return {"inventoryAdjustmentGroup": None, "userErrors": errors}
        changes = []
        for level, delta, ledger in plan:
            level.quantities[name] = level.quantities.get(name, 0) + delta
            level.updated_at = now_iso()
            state.changed("levels", level)
            changes.append(_change(name, delta, level.quantity(name), ledger, level))
            changes.append(_change("on_hand", delta, level.quantity("on_hand"), None, level))
        group = state.record_adjustment(input["reason"], input.get("referenceDocumentUri"), changes)
        return {"inventoryAdjustmentGroup": adjustment_group_view(state, group), "userErrors": []}


def inventory_activate(_: Any, info: Any, inventoryItemId: str, locationId: str, available: int | None = None,
                       onHand: int | None = None, stockAtLegacyLocation: bool = False) -> dict[str, Any]:
    state = shop_state(info)
    item_ref, loc_ref = parse_gid(inventoryItemId), parse_gid(locationId)
    with state.lock:
        item = state.items.get(item_ref[1]) if item_ref and item_ref[0] == "InventoryItem" else None
        loc = state.locations.get(loc_ref[1]) if loc_ref and loc_ref[0] == "Location" else None
        if item is None:
            return {"inventoryLevel": None, "userErrors": [user_error(["inventoryItemId"], "Inventory item does not exist")]}
        if loc is None or not loc.is_active:
            return {"inventoryLevel": None, "userErrors": [user_error(["locationId"], "Location does not exist or is inactive")]}
        existing = state.level(item.id, loc.id)
        if existing:
            return {"inventoryLevel": LevelView(state, existing), "userErrors": []}
        level = state.activate(item.id, loc.id, 0)
        start = onHand if onHand is not None else available
        if start:
            level.quantities["available"] = start
            state.changed("levels", level)
        return {"inventoryLevel": LevelView(state, level), "userErrors": []}


def inventory_item_update(_: Any, info: Any, id: str, input: dict[str, Any]) -> dict[str, Any]:
    state = shop_state(info)
    ref = parse_gid(id)
    with state.lock:
        item = state.items.get(ref[1]) if ref and ref[0] == "InventoryItem" else None
        if item is None:
            return {"inventoryItem": None, "userErrors": [user_error(["id"], "Inventory item does not exist")]}
        if "tracked" in input and input["tracked"] is not None:
            item.tracked = bool(input["tracked"])
        if "cost" in input:
            item.unit_cost = None if input["cost"] is None else str(input["cost"])
        if "sku" in input and input["sku"] is not None:
            state.variants[item.variant_id].sku = input["sku"] or None
            state.changed("variants", state.variants[item.variant_id])
        if "requiresShipping" in input and input["requiresShipping"] is not None:
            item.requires_shipping = bool(input["requiresShipping"])
        item.updated_at = now_iso()
        state.changed("items", item)
        return {"inventoryItem": InventoryItemView(state, item), "userErrors": []}


