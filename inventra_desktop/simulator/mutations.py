"""Resolvers of the Mutation fields, with the rules Shopify enforces beyond the schema.

User errors come back in each payload's `userErrors` (HTTP 200, nothing written: every
mutation here is atomic); request-level problems raise a GraphQLError.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from graphql import GraphQLError

from .ids import parse_gid
from .state import Metafield, MetafieldDefinition, ShopState, now_iso
from .tags import MAX_TAG_LENGTH, MAX_TAGS_PER_PRODUCT, split_tags, tag_key
from .views import (
    APP_NAMESPACE,
    DefinitionView,
    InventoryItemView,
    LevelView,
    MetafieldView,
    ProductView,
    adjustment_group_view,
    expand_namespace,
)

METAFIELDS_PER_CALL = 25
JSON_LIMIT = 128 * 1024  # bytes, for apps that started using json metafields after 2026-04-01
MAX_QUANTITY = 1_000_000_000
DEFINITIONS_PER_OWNER_TYPE = 256
PINNED_PER_OWNER_TYPE = 20

REASONS = frozenset({
    "correction", "cycle_count_available", "damaged", "movement_created", "movement_updated",
    "movement_received", "movement_canceled", "other", "promotion", "quality_control", "received",
    "reservation_created", "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
})
SET_NAMES = frozenset({"available", "on_hand"})
ADJUST_NAMES = frozenset({"available", "damaged", "quality_control", "reserved", "safety_stock"})
KNOWN_TYPES = frozenset({
    "single_line_text_field", "multi_line_text_field", "number_integer", "number_decimal", "boolean",
    "date", "date_time", "json", "url", "color", "rating", "weight", "volume", "dimension", "money",
    "product_reference", "variant_reference", "file_reference", "page_reference", "collection_reference",
})
_NAME_CHARS = re.compile(r"^[A-Za-z0-9_-]+$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def _state(info: Any) -> ShopState:
    return info.context.state


def _ue(field: list[str] | None, message: str, code: str | None = None, index: int | None = None,
        with_index: bool = False) -> dict[str, Any]:
    err: dict[str, Any] = {"field": field, "message": message}
    if code is not None:
        err["code"] = code
    if with_index:
        err["elementIndex"] = index
    return err


def _owner_exists(state: ShopState, owner: str) -> bool:
    parsed = parse_gid(owner)
    if not parsed:
        return False
    kind, number = parsed
    tables = {"ProductVariant": state.variants, "Product": state.products}
    if kind == "Shop":
        return number == state.shop.id
    return kind in tables and number in tables[kind]


def _owner_type(owner: str) -> str:
    kind = (parse_gid(owner) or ("", 0))[0]
    return {"ProductVariant": "PRODUCTVARIANT", "Product": "PRODUCT", "Shop": "SHOP"}.get(kind, kind.upper())


def _definition(state: ShopState, owner_type: str, namespace: str, key: str) -> MetafieldDefinition | None:
    for d in state.definitions.values():
        if (d.owner_type, d.namespace, d.key) == (owner_type, namespace, key):
            return d
    return None


def validate_value(type_: str, value: str) -> str | None:
    """A sentence saying why `value` is not a valid `type_`, or None."""
    try:
        if type_ == "single_line_text_field" and ("\n" in value or "\r" in value):
            return "Value must be a single line of text."
        if type_ == "number_integer":
            n = int(value)
            if abs(n) > 9_007_199_254_740_991:
                return "Value is out of range for number_integer."
        elif type_ == "number_decimal":
            Decimal(value)
        elif type_ == "boolean" and value not in ("true", "false"):
            return "Value must be true or false."
        elif type_ == "date":
            date.fromisoformat(value)
        elif type_ == "date_time":
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif type_ == "json" or type_.startswith("list."):
            if len(value.encode()) > JSON_LIMIT:
                return f"Value exceeds the maximum size of {JSON_LIMIT // 1024} KB for the json type."
            parsed = json.loads(value)
            if type_.startswith("list.") and (not isinstance(parsed, list) or len(parsed) > 128):
                return "Value must be a list of at most 128 items."
    except (ValueError, InvalidOperation):
        return f"Value is invalid JSON or not a valid {type_}." if type_ == "json" else f"Value is not a valid {type_}."
    return None


# ---------------------------------------------------------------- metafields
def metafields_set(_: Any, info: Any, metafields: list[dict[str, Any]]) -> dict[str, Any]:
    state = _state(info)
    if len(metafields) > METAFIELDS_PER_CALL:
        raise GraphQLError(
            f"The input array size of {len(metafields)} is greater than the maximum allowed of {METAFIELDS_PER_CALL}.",
            extensions={"code": "MAX_INPUT_SIZE_EXCEEDED"})
    with state.lock:
        errors: list[dict[str, Any]] = []
        planned: list[tuple[str, str, str, str, str]] = []
        for i, m in enumerate(metafields):
            def bad(field: str, message: str, code: str, i: int = i) -> None:
                errors.append(_ue(["metafields", str(i), field], message, code, i, with_index=True))
            owner, key = m["ownerId"], m["key"]
            namespace = expand_namespace(m.get("namespace"))
            if not _owner_exists(state, owner):
                bad("ownerId", "Owner does not exist.", "INVALID_VALUE")
                continue
            if not 2 <= len(key) <= 64:
                bad("key", "Key must be between 2 and 64 characters.", "TOO_SHORT" if len(key) < 2 else "TOO_LONG")
                continue
            if not 3 <= len(namespace) <= 255:
                bad("namespace", "Namespace must be between 3 and 255 characters.",
                    "TOO_SHORT" if len(namespace) < 3 else "TOO_LONG")
                continue
            if not _NAME_CHARS.match(key) or not _NAME_CHARS.match(namespace.replace("--", "-")):
                bad("key", "Key and namespace may contain only letters, digits, '-' and '_'.", "INVALID_VALUE")
                continue
            existing = state.metafield(owner, namespace, key)
            definition = _definition(state, _owner_type(owner), namespace, key)
            type_ = m.get("type") or (definition.type if definition else None) or (existing.type if existing else None)
            if not type_:
                bad("type", "Type can't be blank.", "BLANK")
                continue
            if definition and type_ != definition.type:
                bad("type", f"Type must be {definition.type}, the type of its definition.", "INVALID_TYPE")
                continue
            if type_ not in KNOWN_TYPES and not type_.startswith("list."):
                bad("type", f"Type {type_!r} is not a valid metafield type.", "INVALID_TYPE")
                continue
            problem = validate_value(type_, m["value"])
            if problem:
                bad("value", problem, "INVALID_VALUE")
                continue
            if definition:
                choices = next((json.loads(v) for n, v in definition.validations if n == "choices"), None)
                if choices is not None and m["value"] not in choices:
                    bad("value", f"Value does not exist in provided choices: {choices}.", "INCLUSION")
                    continue
            if "compareDigest" in m:
                digest = m["compareDigest"]
                if digest is None:
                    if existing:  # null means "create only"
                        bad("compareDigest", "The resource has been updated since it was loaded. Try again with "
                            "an updated `compareDigest` value.", "STALE_OBJECT")
                        continue
                elif not re.fullmatch(r"[0-9a-f]{64}", digest or ""):
                    bad("compareDigest", "The compareDigest is invalid.", "INVALID_COMPARE_DIGEST")
                    continue
                elif existing is None or existing.compare_digest != digest:
                    bad("compareDigest", "The resource has been updated since it was loaded. Try again with "
                        "an updated `compareDigest` value.", "STALE_OBJECT")
                    continue
            planned.append((owner, namespace, key, type_, m["value"]))
        if errors:
            return {"metafields": [], "userErrors": errors}
        written = [state.put_metafield(*p) for p in planned]
        return {"metafields": [MetafieldView(state, mf) for mf in written], "userErrors": []}


def metafields_delete(_: Any, info: Any, metafields: list[dict[str, Any]]) -> dict[str, Any]:
    state = _state(info)
    deleted: list[dict[str, str] | None] = []
    with state.lock:
        for m in metafields:
            namespace = expand_namespace(m["namespace"])
            gone: Metafield | None = state.delete_metafield(m["ownerId"], namespace, m["key"])
            deleted.append({"ownerId": m["ownerId"], "namespace": namespace, "key": m["key"]} if gone else None)
    return {"deletedMetafields": deleted, "userErrors": []}


def metafield_definition_create(_: Any, info: Any, definition: dict[str, Any]) -> dict[str, Any]:
    state = _state(info)
    d = definition
    raw_ns = d.get("namespace")
    namespace = expand_namespace(raw_ns)
    key, owner_type, type_ = d["key"], d["ownerType"], d["type"]

    def fail(field: str, message: str, code: str) -> dict[str, Any]:
        return {"createdDefinition": None, "userErrors": [_ue(["definition", field], message, code)]}

    with state.lock:
        if not 2 <= len(key) <= 64:
            return fail("key", "Key must be between 2 and 64 characters.", "TOO_SHORT" if len(key) < 2 else "TOO_LONG")
        if not _NAME_CHARS.match(key):
            return fail("key", "Key contains one or more invalid characters.", "INVALID_CHARACTER")
        if namespace.startswith("shopify") or namespace == "app":
            return fail("namespace", "Namespace is reserved.", "RESERVED_NAMESPACE_KEY")
        if type_ not in KNOWN_TYPES and not type_.startswith("list."):
            return fail("type", f"Type {type_!r} is not a valid metafield type.", "INCLUSION")
        if _definition(state, owner_type, namespace, key):
            return fail("key", "Key is in use for this namespace and owner type.", "TAKEN")
        same_owner = [x for x in state.definitions.values() if x.owner_type == owner_type]
        if len(same_owner) >= DEFINITIONS_PER_OWNER_TYPE:
            return fail("ownerType", "Definitions limit reached for this resource type.", "RESOURCE_TYPE_LIMIT_EXCEEDED")
        access = d.get("access") or {}
        if access.get("admin") and not namespace.startswith(APP_NAMESPACE):
            return fail("access", "Admin access can only be specified on metafield definitions that have an "
                        "app namespace.", "ADMIN_ACCESS_INPUT_NOT_ALLOWED")
        validations = [[v["name"], v["value"]] for v in d.get("validations") or []]
        for name, value in validations:
            if name == "choices":
                try:
                    ok = isinstance(json.loads(value), list)
                except ValueError:
                    ok = False
                if not ok:
                    return fail("validations", "Choices must be a JSON list.", "INVALID_OPTION")
        pinned = None
        if d.get("pin"):
            pins = [x.pinned_position for x in same_owner if x.pinned_position is not None]
            if len(pins) >= PINNED_PER_OWNER_TYPE:
                return fail("pin", "Limit of pinned definitions reached.", "PINNED_LIMIT_REACHED")
            pinned = max(pins, default=0) + 1
        row = MetafieldDefinition(state.new_id(), d["name"], namespace, key, type_, owner_type, d.get("description"),
                                  validations, pinned, access.get("admin"), access.get("storefront"))
        state.definitions[row.id] = row
        state.changed("definitions", row)
        return {"createdDefinition": DefinitionView(row), "userErrors": []}


# ---------------------------------------------------------------- tags
def tags_add(_: Any, info: Any, id: str, tags: list[str]) -> dict[str, Any]:
    return _change_tags(info, id, tags, add=True)


def tags_remove(_: Any, info: Any, id: str, tags: list[str]) -> dict[str, Any]:
    return _change_tags(info, id, tags, add=False)


def _change_tags(info: Any, id: str, tags: list[str], *, add: bool) -> dict[str, Any]:
    """Add or remove tags, compared case-insensitively (tags.py); all or nothing."""
    state = _state(info)
    parsed = parse_gid(id)
    with state.lock:
        product = state.products.get(parsed[1]) if parsed and parsed[0] == "Product" else None
        if product is None:
            return {"node": None, "userErrors": [_ue(["id"], "Product does not exist")]}
        wanted = split_tags(tags)
        if add:
            # Message text unverified: Shopify's UserError for this carries no code.
            too_long = [t for t in wanted if len(t) > MAX_TAG_LENGTH]
            if too_long:
                return {"node": None, "userErrors": [_ue(["tags"], f"Tag is too long (maximum is {MAX_TAG_LENGTH} "
                                                                   "characters)")]}
        current = {tag_key(t): t for t in product.tags}
        if add:
            for t in wanted:
                current.setdefault(tag_key(t), t)  # an existing spelling wins
            if len(current) > MAX_TAGS_PER_PRODUCT:
                return {"node": None, "userErrors": [_ue(["tags"], f"Product can have at most "
                                                                   f"{MAX_TAGS_PER_PRODUCT} tags")]}
        else:
            for t in wanted:
                current.pop(tag_key(t), None)
        if list(current.values()) != product.tags:
            product.tags = list(current.values())
            product.updated_at = now_iso()
            state.changed("products", product)
        return {"node": ProductView(state, product), "userErrors": []}


# ---------------------------------------------------------------- inventory
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
        errors.append(_ue(["input", "reason"], "The specified reason is invalid. Valid values: "
                          + ", ".join(sorted(REASONS)) + ".", "INVALID_REASON"))
    uri = input_.get("referenceDocumentUri")
    if uri is not None and not _URI.match(uri):
        errors.append(_ue(["input", "referenceDocumentUri"], "The reference document URI is invalid.",
                          "INVALID_REFERENCE_DOCUMENT"))
    return errors


def _locate(state: ShopState, entry: dict[str, Any], field: list[str]) -> tuple[Any, Any, list[dict[str, Any]]]:
    item_ref, loc_ref = parse_gid(entry["inventoryItemId"]), parse_gid(entry["locationId"])
    item = state.items.get(item_ref[1]) if item_ref and item_ref[0] == "InventoryItem" else None
    loc = state.locations.get(loc_ref[1]) if loc_ref and loc_ref[0] == "Location" else None
    if item is None:
        return None, None, [_ue([*field, "inventoryItemId"], "The specified inventory item could not be found.",
                                "INVALID_INVENTORY_ITEM")]
    if loc is None or not loc.is_active:
        return None, None, [_ue([*field, "locationId"], "The specified location could not be found.",
                                "INVALID_LOCATION")]
    if not item.tracked or state.variants[item.variant_id].components:
        return None, None, [_ue([*field, "inventoryItemId"], "The specified inventory item is not tracked, or "
                                "its quantities are derived from components.", "NON_MUTABLE_INVENTORY_ITEM")]
    level = state.level(item.id, loc.id)
    if level is None:
        return None, None, [_ue([*field, "locationId"], "The specified inventory item is not stocked at the "
                                "location.", "ITEM_NOT_STOCKED_AT_LOCATION")]
    return item, level, []


def inventory_set_quantities(_: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    state = _state(info)
    _require_change_from(info, input["quantities"], "input.quantities")
    with state.lock:
        errors = _check_common(input, "set")
        name = input["name"]
        if name not in SET_NAMES:
            errors.append(_ue(["input", "name"], "The quantity name must be either 'available' or 'on_hand'.",
                              "INVALID_NAME"))
        plan, seen = [], set()
        for i, q in enumerate(input["quantities"]):
            field = ["input", "quantities", str(i)]
            item, level, errs = _locate(state, q, field)
            errors += errs
            if errs:
                continue
            if (item.id, level.location_id) in seen:
                errors.append(_ue(field, "The combination of inventoryItemId and locationId must be unique.",
                                  "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR"))
                continue
            seen.add((item.id, level.location_id))
            if q["quantity"] > MAX_QUANTITY:
                errors.append(_ue([*field, "quantity"], "The quantity is too high.", "INVALID_QUANTITY_TOO_HIGH"))
                continue
            if q["quantity"] < 0 and name == "on_hand":
                errors.append(_ue([*field, "quantity"], "The quantity can't be negative.", "INVALID_QUANTITY_NEGATIVE"))
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
            return _ue([*field, "changeFromQuantity"], "The specified compare quantity does not match the current "
                       "quantity.", "CHANGE_FROM_QUANTITY_STALE")
        return None
    if input_.get("ignoreCompareQuantity"):
        return None
    if entry.get("compareQuantity") is None:
        return _ue([*field, "compareQuantity"], "The compareQuantity argument must be given to each quantity or "
                   "ignored using ignoreCompareQuantity.", "COMPARE_QUANTITY_REQUIRED")
    if entry["compareQuantity"] != current:
        return _ue([*field, "compareQuantity"], "The specified compare quantity does not match the current quantity.",
                   "COMPARE_QUANTITY_STALE")
    return None


def _change(name: str, delta: int, after: int, ledger: str | None, level: Any) -> dict[str, Any]:
    return {"name": name, "delta": delta, "quantity_after": after, "ledger_document_uri": ledger,
            "item_id": level.item_id, "location_id": level.location_id}


def inventory_adjust_quantities(_: Any, info: Any, input: dict[str, Any]) -> dict[str, Any]:
    state = _state(info)
    _require_change_from(info, input["changes"], "input.changes")
    with state.lock:
        errors = _check_common(input, "adjust")
        name = input["name"]
        if name not in ADJUST_NAMES:
            errors.append(_ue(["input", "name"], f"The quantity name '{name}' cannot be adjusted. Valid names: "
                              + ", ".join(sorted(ADJUST_NAMES)) + ".", "INVALID_QUANTITY_NAME"))
        plan = []
        for i, c in enumerate(input["changes"]):
            field = ["input", "changes", str(i)]
            ledger = c.get("ledgerDocumentUri")
            if name != "available" and not ledger:
                errors.append(_ue([*field, "ledgerDocumentUri"], "A ledger document URI is required for "
                                  f"quantity name '{name}'.", "INVALID_QUANTITY_DOCUMENT"))
                continue
            if name == "available" and ledger:
                errors.append(_ue([*field, "ledgerDocumentUri"], "A ledger document URI is not allowed when "
                                  "adjusting available.", "INVALID_AVAILABLE_DOCUMENT"))
                continue
            if ledger and (ledger.startswith("gid://shopify/") or not _URI.match(ledger)):
                errors.append(_ue([*field, "ledgerDocumentUri"], "The ledger document URI is invalid.",
                                  "INVALID_LEDGER_DOCUMENT"))
                continue
            item, level, errs = _locate(state, c, field)
            errors += errs
            if errs or name not in ADJUST_NAMES:
                continue
            current = level.quantity(name)
            if c.get("changeFromQuantity") is not None and current != c["changeFromQuantity"]:
                errors.append(_ue([*field, "changeFromQuantity"], "The specified compare quantity does not match "
                                  "the current quantity.", "CHANGE_FROM_QUANTITY_STALE"))
                continue
            after = current + c["delta"]
            if after > MAX_QUANTITY:
                errors.append(_ue([*field, "delta"], "The quantity is too high.", "INVALID_QUANTITY_TOO_HIGH"))
                continue
            if after < -MAX_QUANTITY or (name != "available" and after < 0):
                errors.append(_ue([*field, "delta"], "The quantity is too low.", "INVALID_QUANTITY_TOO_LOW"))
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
    state = _state(info)
    item_ref, loc_ref = parse_gid(inventoryItemId), parse_gid(locationId)
    with state.lock:
        item = state.items.get(item_ref[1]) if item_ref and item_ref[0] == "InventoryItem" else None
        loc = state.locations.get(loc_ref[1]) if loc_ref and loc_ref[0] == "Location" else None
        if item is None:
            return {"inventoryLevel": None, "userErrors": [_ue(["inventoryItemId"], "Inventory item does not exist")]}
        if loc is None or not loc.is_active:
            return {"inventoryLevel": None, "userErrors": [_ue(["locationId"], "Location does not exist or is inactive")]}
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
    state = _state(info)
    ref = parse_gid(id)
    with state.lock:
        item = state.items.get(ref[1]) if ref and ref[0] == "InventoryItem" else None
        if item is None:
            return {"inventoryItem": None, "userErrors": [_ue(["id"], "Inventory item does not exist")]}
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


# ---------------------------------------------------------------- bulk and uploads
def bulk_operation_run_query(_: Any, info: Any, query: str, groupObjects: bool = False) -> dict[str, Any]:
    return info.context.bulk_engine.run_query(info.context, query)


def bulk_operation_run_mutation(_: Any, info: Any, mutation: str, stagedUploadPath: str,
                                groupObjects: bool = True, clientIdentifier: str | None = None) -> dict[str, Any]:
    return info.context.bulk_engine.run_mutation(info.context, mutation, stagedUploadPath, clientIdentifier)


def bulk_operation_cancel(_: Any, info: Any, id: str) -> dict[str, Any]:
    return info.context.bulk_engine.cancel(id)


def staged_uploads_create(_: Any, info: Any, input: list[dict[str, Any]]) -> dict[str, Any]:
    return info.context.bulk_engine.staged_targets(info.context, input)


RESOLVERS: dict[str, Callable[..., Any]] = {
    "metafieldsSet": metafields_set, "metafieldsDelete": metafields_delete,
    "metafieldDefinitionCreate": metafield_definition_create, "tagsAdd": tags_add, "tagsRemove": tags_remove,
    "inventorySetQuantities": inventory_set_quantities, "inventoryAdjustQuantities": inventory_adjust_quantities,
    "inventoryActivate": inventory_activate, "inventoryItemUpdate": inventory_item_update,
    "bulkOperationRunQuery": bulk_operation_run_query, "bulkOperationRunMutation": bulk_operation_run_mutation,
    "bulkOperationCancel": bulk_operation_cancel, "stagedUploadsCreate": staged_uploads_create,
}

# Mutations that need @idempotent(key:) from 2026-04 (the ones of these the simulator serves).
IDEMPOTENT_REQUIRED = frozenset({"inventorySetQuantities", "inventoryAdjustQuantities", "inventoryActivate"})

# What each mutation writes, for the scope check.
MUTATION_SCOPES: dict[str, str | None] = {
    "metafieldsSet": None,  # depends on the owners; checked per entry in api.py
    "metafieldsDelete": None, "metafieldDefinitionCreate": None,
    "tagsAdd": "write_products", "tagsRemove": "write_products",
    "inventorySetQuantities": "write_inventory", "inventoryAdjustQuantities": "write_inventory",
    "inventoryActivate": "write_inventory", "inventoryItemUpdate": "write_inventory",
    "bulkOperationRunQuery": None, "bulkOperationRunMutation": None, "bulkOperationCancel": None,
    "stagedUploadsCreate": None,
}
