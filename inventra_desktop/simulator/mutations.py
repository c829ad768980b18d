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
from .inventory_mutations import (
    inventory_activate,
    inventory_adjust_quantities,
    inventory_item_update,
    inventory_set_quantities,
)
from .mutation_support import shop_state, user_error
from .state import Metafield, MetafieldDefinition, ShopState, now_iso
from .tags import MAX_TAG_LENGTH, MAX_TAGS_PER_PRODUCT, split_tags, tag_key
from .views import (
    APP_NAMESPACE,
    DefinitionView,
    MetafieldView,
    ProductView,
    expand_namespace,
)

METAFIELDS_PER_CALL = 25
JSON_LIMIT = 128 * 1024  # bytes, for apps that started using json metafields after 2026-04-01
DEFINITIONS_PER_OWNER_TYPE = 256
PINNED_PER_OWNER_TYPE = 20

KNOWN_TYPES = frozenset({
    "single_line_text_field", "multi_line_text_field", "number_integer", "number_decimal", "boolean",
    "date", "date_time", "json", "url", "color", "rating", "weight", "volume", "dimension", "money",
    "product_reference", "variant_reference", "file_reference", "page_reference", "collection_reference",
})
_NAME_CHARS = re.compile(r"^[A-Za-z0-9_-]+$")


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
    state = shop_state(info)
    if len(metafields) > METAFIELDS_PER_CALL:
        raise GraphQLError(
            f"The input array size of {len(metafields)} is greater than the maximum allowed of {METAFIELDS_PER_CALL}.",
            extensions={"code": "MAX_INPUT_SIZE_EXCEEDED"})
    with state.lock:
        errors: list[dict[str, Any]] = []
        planned: list[tuple[str, str, str, str, str]] = []
        for i, m in enumerate(metafields):
            def bad(field: str, message: str, code: str, i: int = i) -> None:
                errors.append(user_error(["metafields", str(i), field], message, code, i, with_index=True))
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
    state = shop_state(info)
    deleted: list[dict[str, str] | None] = []
    with state.lock:
        for m in metafields:
            namespace = expand_namespace(m["namespace"])
            gone: Metafield | None = state.delete_metafield(m["ownerId"], namespace, m["key"])
            deleted.append({"ownerId": m["ownerId"], "namespace": namespace, "key": m["key"]} if gone else None)
    return {"deletedMetafields": deleted, "userErrors": []}


def metafield_definition_create(_: Any, info: Any, definition: dict[str, Any]) -> dict[str, Any]:
    state = shop_state(info)
    d = definition
    raw_ns = d.get("namespace")
    namespace = expand_namespace(raw_ns)
    key, owner_type, type_ = d["key"], d["ownerType"], d["type"]

    def fail(field: str, message: str, code: str) -> dict[str, Any]:
        return {"createdDefinition": None, "userErrors": [user_error(["definition", field], message, code)]}

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
    state = shop_state(info)
    parsed = parse_gid(id)
    with state.lock:
        product = state.products.get(parsed[1]) if parsed and parsed[0] == "Product" else None
        if product is None:
            return {"node": None, "userErrors": [user_error(["id"], "Product does not exist")]}
        wanted = split_tags(tags)
        if add:
            # Message text unverified: Shopify's UserError for this carries no code.
            too_long = [t for t in wanted if len(t) > MAX_TAG_LENGTH]
            if too_long:
                return {"node": None, "userErrors": [user_error(["tags"], f"Tag is too long (maximum is {MAX_TAG_LENGTH} "
                                                                   "characters)")]}
        current = {tag_key(t): t for t in product.tags}
        if add:
            for t in wanted:
                current.setdefault(tag_key(t), t)  # an existing spelling wins
            if len(current) > MAX_TAGS_PER_PRODUCT:
                return {"node": None, "userErrors": [user_error(["tags"], f"Product can have at most "
                                                                   f"{MAX_TAGS_PER_PRODUCT} tags")]}
        else:
            for t in wanted:
                current.pop(tag_key(t), None)
        if list(current.values()) != product.tags:
            product.tags = list(current.values())
            product.updated_at = now_iso()
            state.changed("products", product)
        return {"node": ProductView(state, product), "userErrors": []}


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
