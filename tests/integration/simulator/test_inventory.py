"""Inventory mutations under the 2026-04 rules: changeFromQuantity, @idempotent, names, reasons."""

from __future__ import annotations

import uuid
from typing import Any

from sim_client import Gql, first_variant

SET = """mutation($i: InventorySetQuantitiesInput!, $k: String!) { inventorySetQuantities(input: $i) @idempotent(key: $k) {
  inventoryAdjustmentGroup { id reason referenceDocumentUri changes { name delta quantityAfterChange } }
  userErrors { field message code } } }"""
ADJUST = """mutation($i: InventoryAdjustQuantitiesInput!, $k: String!) { inventoryAdjustQuantities(input: $i) @idempotent(key: $k) {
  inventoryAdjustmentGroup { id changes { name delta quantityAfterChange } } userErrors { field message code } } }"""
LEVEL = """query($item: ID!, $loc: ID!) { inventoryItem(id: $item) { inventoryLevel(locationId: $loc) {
  quantities(names: ["available", "on_hand", "committed", "damaged"]) { name quantity } } } }"""


def _target(gql: Gql) -> tuple[str, str]:
    v = first_variant(gql)
    return v["inventoryItem"]["id"], v["inventoryItem"]["inventoryLevels"]["nodes"][0]["location"]["id"]


def _qty(gql: Gql, item: str, loc: str) -> dict[str, int]:
    level = gql.data(LEVEL, {"item": item, "loc": loc})["inventoryItem"]["inventoryLevel"]
    return {q["name"]: q["quantity"] for q in level["quantities"]}


def _set(gql: Gql, item: str, loc: str, quantity: int, change_from: Any, key: str | None = None,
         name: str = "on_hand", reason: str = "cycle_count_available") -> dict:
    entry = {"inventoryItemId": item, "locationId": loc, "quantity": quantity}
    if change_from != "omit":
        entry["changeFromQuantity"] = change_from
    return gql(SET, {"k": key or str(uuid.uuid4()), "i": {"name": name, "reason": reason,
                                                          "referenceDocumentUri": "gid://inventra/StockTake/T1",
                                                          "quantities": [entry]}})


def test_set_on_hand_with_a_matching_change_from_quantity(gql: Gql) -> None:
    item, loc = _target(gql)
    before = _qty(gql, item, loc)
    body = _set(gql, item, loc, before["on_hand"] + 4, before["on_hand"])
    group = body["data"]["inventorySetQuantities"]["inventoryAdjustmentGroup"]
    assert group["reason"] == "cycle_count_available"
    assert group["referenceDocumentUri"] == "gid://inventra/StockTake/T1"
    after = _qty(gql, item, loc)
    assert after["on_hand"] == before["on_hand"] + 4
    assert after["available"] == before["available"] + 4 and after["committed"] == before["committed"]


def test_a_stale_change_from_quantity_is_refused_and_null_skips_the_check(gql: Gql) -> None:
    item, loc = _target(gql)
    before = _qty(gql, item, loc)
    stale = _set(gql, item, loc, 1, before["on_hand"] + 99)["data"]["inventorySetQuantities"]
    assert stale["userErrors"][0]["code"] == "CHANGE_FROM_QUANTITY_STALE"
    assert _qty(gql, item, loc) == before
    unchecked = _set(gql, item, loc, 7, None)["data"]["inventorySetQuantities"]
    assert unchecked["userErrors"] == [] and _qty(gql, item, loc)["on_hand"] == 7


def test_a_missing_change_from_quantity_key_is_an_error(gql: Gql) -> None:
    item, loc = _target(gql)
    before = _qty(gql, item, loc)
    body = _set(gql, item, loc, 3, "omit")
    assert "changeFromQuantity" in body["errors"][0]["message"]
    assert _qty(gql, item, loc) == before


def test_idempotent_is_required_and_a_replay_applies_nothing(gql: Gql) -> None:
    item, loc = _target(gql)
    no_key = gql("""mutation($i: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $i) { userErrors { code } } }""",
                 {"i": {"name": "on_hand", "reason": "correction", "quantities": [
                     {"inventoryItemId": item, "locationId": loc, "quantity": 1, "changeFromQuantity": None}]}})
    assert "@idempotent" in no_key["errors"][0]["message"]
    key = str(uuid.uuid4())
    delta = {"inventoryItemId": item, "locationId": loc, "delta": 2, "changeFromQuantity": None}
    first = gql(ADJUST, {"k": key, "i": {"name": "available", "reason": "correction", "changes": [delta]}})
    after_first = _qty(gql, item, loc)
    replay = gql(ADJUST, {"k": key, "i": {"name": "available", "reason": "correction", "changes": [delta]}})
    assert replay["data"] == first["data"]
    assert _qty(gql, item, loc) == after_first
    other = gql(ADJUST, {"k": key, "i": {"name": "available", "reason": "correction", "changes": [{**delta, "delta": 3}]}})
    assert other["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_PARAMETER_MISMATCH"
    assert _qty(gql, item, loc) == after_first
    blank = gql(ADJUST, {"k": "  ", "i": {"name": "available", "reason": "correction", "changes": [delta]}})
    assert blank["errors"]


def test_adjust_available_moves_on_hand_and_on_hand_cannot_be_adjusted(gql: Gql) -> None:
    item, loc = _target(gql)
    before = _qty(gql, item, loc)
    change = {"inventoryItemId": item, "locationId": loc, "delta": -2, "changeFromQuantity": before["available"]}
    ok = gql.data(ADJUST, {"k": str(uuid.uuid4()), "i": {"name": "available", "reason": "cycle_count_available",
                                                        "changes": [change]}})["inventoryAdjustQuantities"]
    assert ok["userErrors"] == []
    assert {c["name"]: c["delta"] for c in ok["inventoryAdjustmentGroup"]["changes"]} == {"available": -2, "on_hand": -2}
    after = _qty(gql, item, loc)
    assert after["on_hand"] == before["on_hand"] - 2 and after["available"] == before["available"] - 2
    refused = gql.data(ADJUST, {"k": str(uuid.uuid4()), "i": {"name": "on_hand", "reason": "correction", "changes": [
        {**change, "changeFromQuantity": None}]}})["inventoryAdjustQuantities"]
    assert "INVALID_QUANTITY_NAME" in [e["code"] for e in refused["userErrors"]]
    assert _qty(gql, item, loc) == after


def test_ledger_document_rules_for_unavailable_states(gql: Gql) -> None:
    item, loc = _target(gql)
    change = {"inventoryItemId": item, "locationId": loc, "delta": 1, "changeFromQuantity": None}
    without = gql.data(ADJUST, {"k": str(uuid.uuid4()), "i": {"name": "damaged", "reason": "damaged",
                                                             "changes": [change]}})["inventoryAdjustQuantities"]
    assert without["userErrors"] and without["userErrors"][0]["field"][-1] == "ledgerDocumentUri"
    shopify_gid = gql.data(ADJUST, {"k": str(uuid.uuid4()), "i": {"name": "damaged", "reason": "damaged", "changes": [
        {**change, "ledgerDocumentUri": "gid://shopify/Order/1"}]}})["inventoryAdjustQuantities"]
    assert shopify_gid["userErrors"][0]["code"] == "INVALID_LEDGER_DOCUMENT"
    before = _qty(gql, item, loc)
    ok = gql.data(ADJUST, {"k": str(uuid.uuid4()), "i": {"name": "damaged", "reason": "damaged", "changes": [
        {**change, "ledgerDocumentUri": "inventra://damage/1"}]}})["inventoryAdjustQuantities"]
    assert ok["userErrors"] == []
    after = _qty(gql, item, loc)
    assert after["damaged"] == before["damaged"] + 1 and after["on_hand"] == before["on_hand"] + 1


def test_reasons_names_and_reference_documents_are_checked(gql: Gql) -> None:
    item, loc = _target(gql)
    bad_reason = _set(gql, item, loc, 1, None, reason="stocktake")["data"]["inventorySetQuantities"]
    assert bad_reason["userErrors"][0]["code"] == "INVALID_REASON"
    bad_name = _set(gql, item, loc, 1, None, name="committed")["data"]["inventorySetQuantities"]
    assert bad_name["userErrors"][0]["code"] == "INVALID_NAME"
    body = gql(SET, {"k": str(uuid.uuid4()), "i": {"name": "on_hand", "reason": "correction",
                                                   "referenceDocumentUri": "no scheme", "quantities": [
        {"inventoryItemId": item, "locationId": loc, "quantity": 1, "changeFromQuantity": None}]}})
    assert body["data"]["inventorySetQuantities"]["userErrors"][0]["code"] == "INVALID_REFERENCE_DOCUMENT"


def test_items_not_stocked_untracked_and_activation(gql: Gql) -> None:
    locations = [n["id"] for n in gql.data("{ locations(first: 10) { nodes { id } } }")["locations"]["nodes"]]
    item = None
    for v in gql.data('{ productVariants(first: 90) { nodes { requiresComponents inventoryItem { id tracked '
                      'inventoryLevels(first: 3) { nodes { location { id } } } } } } }')["productVariants"]["nodes"]:
        stocked = {n["location"]["id"] for n in v["inventoryItem"]["inventoryLevels"]["nodes"]}
        if v["inventoryItem"]["tracked"] and not v["requiresComponents"] and set(locations) - stocked:
            item, loc = v["inventoryItem"]["id"], sorted(set(locations) - stocked)[0]
            break
    assert item, "the demo catalog has items not stocked everywhere"
    refused = _set(gql, item, loc, 5, None)["data"]["inventorySetQuantities"]
    assert refused["userErrors"][0]["code"] == "ITEM_NOT_STOCKED_AT_LOCATION"
    activate = """mutation($i: ID!, $l: ID!, $k: String!) { inventoryActivate(inventoryItemId: $i, locationId: $l)
        @idempotent(key: $k) { inventoryLevel { id } userErrors { message } } }"""
    assert gql.data(activate, {"i": item, "l": loc, "k": str(uuid.uuid4())})["inventoryActivate"]["userErrors"] == []
    assert _set(gql, item, loc, 5, 0)["data"]["inventorySetQuantities"]["userErrors"] == []
    assert _qty(gql, item, loc)["on_hand"] == 5


def test_250_changes_at_most(gql: Gql) -> None:
    item, loc = _target(gql)
    change = {"inventoryItemId": item, "locationId": loc, "delta": 1, "changeFromQuantity": None}
    body = gql(ADJUST, {"k": str(uuid.uuid4()), "i": {"name": "available", "reason": "correction",
                                                      "changes": [change] * 251}})
    assert body["errors"][0]["extensions"]["code"] == "MAX_INPUT_SIZE_EXCEEDED"


def test_duplicate_item_location_pairs_are_refused(gql: Gql) -> None:
    item, loc = _target(gql)
    entry = {"inventoryItemId": item, "locationId": loc, "quantity": 3, "changeFromQuantity": None}
    out = gql.data(SET, {"k": str(uuid.uuid4()), "i": {"name": "on_hand", "reason": "correction",
                                                       "quantities": [entry, entry]}})["inventorySetQuantities"]
    assert out["userErrors"][0]["code"] == "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR"


def test_the_inventory_history_is_kept(gql: Gql) -> None:
    item, loc = _target(gql)
    key = str(uuid.uuid4())
    gql(SET, {"k": key, "i": {"name": "on_hand", "reason": "cycle_count_available",
                              "referenceDocumentUri": "gid://inventra/StockTake/HIST", "quantities": [
        {"inventoryItemId": item, "locationId": loc, "quantity": 11, "changeFromQuantity": None}]}})
    history = gql.http.get(f"{gql.shop.url}/_simulator/adjustments", headers=gql.shop.admin_headers).json()
    mine = [h for h in history if h["reference_document_uri"] == "gid://inventra/StockTake/HIST"]
    assert len(mine) == 1 and mine[0]["reason"] == "cycle_count_available"
