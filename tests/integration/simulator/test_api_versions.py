"""API versions as Shopify serves them: the simulator answers 2026-01 and 2026-04 each by its own
schema and rules, lets retired versions fall forward to the oldest one, and answers 404 for any
version it cannot serve (https://shopify.dev/docs/api/usage/versioning). Also `Metafield.owner`."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sim_client import Gql, first_variant

SET = """mutation($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { id } userErrors { field code } } }"""
SET_KEYED = """mutation($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id } userErrors { field code } } }"""


def _post(gql: Gql, version: str, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
    return gql.http.post(f"{gql.shop.url}/admin/api/{version}/graphql.json",
                         json={"query": query, "variables": variables or {}},
                         headers={"X-Shopify-Access-Token": gql.token})


def _level(gql: Gql) -> tuple[str, str, int]:
    """(item, location, on_hand) of a countable level."""
    variant = first_variant(gql)
    item = variant["inventoryItem"]
    level = item["inventoryLevels"]["nodes"][0]
    on_hand = next(q["quantity"] for q in level["quantities"] if q["name"] == "on_hand")
    return item["id"], level["location"]["id"], on_hand


def _set_input(item: str, location: str, quantity: int, **extra: Any) -> dict[str, Any]:
    entry = {"inventoryItemId": item, "locationId": location, "quantity": quantity}
    entry.update({k: v for k, v in extra.items() if k != "ignoreCompareQuantity"})
    out: dict[str, Any] = {"name": "on_hand", "reason": "correction", "quantities": [entry]}
    if "ignoreCompareQuantity" in extra:
        out["ignoreCompareQuantity"] = extra["ignoreCompareQuantity"]
    return out


# --------------------------------------------------------------------------- which version answers


@pytest.mark.parametrize(("asked", "served"), [
    ("2026-04", "2026-04"), ("2026-01", "2026-01"),
    ("2025-10", "2026-01"), ("2024-01", "2026-01"), ("2019-04", "2026-01"),  # retired: falls forward
])
def test_served_versions_and_retired_ones_falling_forward(gql: Gql, asked: str, served: str) -> None:
    response = _post(gql, asked, "{ shop { name } }")
    assert response.status_code == 200 and response.json()["data"]["shop"]["name"]
    assert response.headers["X-Shopify-API-Version"] == served


@pytest.mark.parametrize("asked", ["2099-01", "2026-05", "2026-07", "2027-01", "unstable", "2019-01", "latest",
                                   "banana", "2026-4"])
def test_versions_it_cannot_serve_are_a_404(gql: Gql, asked: str) -> None:
    response = _post(gql, asked, "{ shop { name } }")
    assert response.status_code == 404
    assert response.json() == {"errors": "Not Found"}
    assert "2026-01, 2026-04" in response.headers["X-Simulator-Note"]


# --------------------------------------------------------------------------- each version's rules


def test_2026_04_requires_the_key_and_change_from_and_knows_no_compare_quantity(gql: Gql) -> None:
    item, location, on_hand = _level(gql)
    no_key = _post(gql, "2026-04", SET, {"input": _set_input(item, location, on_hand, changeFromQuantity=on_hand)})
    assert "@idempotent directive is required" in no_key.json()["errors"][0]["message"]
    legacy = _post(gql, "2026-04", SET_KEYED, {"key": str(uuid.uuid4()),
                                               "input": _set_input(item, location, on_hand, compareQuantity=on_hand)})
    assert "compareQuantity" in legacy.json()["errors"][0]["message"]  # not a field of the 2026-04 input


def test_2026_01_takes_the_legacy_compare_fields_and_no_key(gql: Gql) -> None:
    item, location, on_hand = _level(gql)

    def set_(**extra: Any) -> dict[str, Any]:
        body = _post(gql, "2026-01", SET, {"input": _set_input(item, location, extra.pop("to"), **extra)}).json()
        assert "errors" not in body, body
        return body["data"]["inventorySetQuantities"]

    assert set_(to=on_hand, compareQuantity=on_hand + 5)["userErrors"] == [
        {"field": ["input", "quantities", "0", "compareQuantity"], "code": "COMPARE_QUANTITY_STALE"}]
    assert set_(to=on_hand)["userErrors"] == [
        {"field": ["input", "quantities", "0", "compareQuantity"], "code": "COMPARE_QUANTITY_REQUIRED"}]
    assert set_(to=on_hand + 1, compareQuantity=on_hand)["userErrors"] == []
    assert set_(to=on_hand + 2, ignoreCompareQuantity=True)["userErrors"] == []
    # Any changeFromQuantity, null included, overrides the legacy fields.
    assert set_(to=on_hand + 3, changeFromQuantity=None, compareQuantity=0)["userErrors"] == []
    assert set_(to=on_hand, changeFromQuantity=on_hand + 3)["userErrors"] == []
    assert _level(gql)[2] == on_hand


# --------------------------------------------------------------------------- Metafield.owner


METAFIELDS_SET_OWNER = """mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) {
  metafields { key owner { __typename ... on ProductVariant { id sku } ... on Product { id title }
    ... on Shop { id } } }
  userErrors { field message } } }"""


def test_metafields_set_answers_with_each_metafields_owner(gql: Gql) -> None:
    variant = first_variant(gql)
    product = gql.data("query($id: ID!) { productVariant(id: $id) { product { id title } } }",
                       {"id": variant["id"]})["productVariant"]["product"]
    shop = gql.data("{ shop { id } }")["shop"]["id"]
    out = gql.data(METAFIELDS_SET_OWNER, {"m": [
        {"ownerId": variant["id"], "namespace": "inventra", "key": "owner_v", "type": "boolean", "value": "true"},
        {"ownerId": product["id"], "namespace": "inventra", "key": "owner_p", "type": "boolean", "value": "true"},
        {"ownerId": shop, "namespace": "inventra", "key": "owner_s", "type": "boolean", "value": "true"},
    ]})["metafieldsSet"]
    assert out["userErrors"] == []
    assert [m["owner"] for m in out["metafields"]] == [
        {"__typename": "ProductVariant", "id": variant["id"], "sku": variant["sku"]},
        {"__typename": "Product", "id": product["id"], "title": product["title"]},
        {"__typename": "Shop", "id": shop},
    ]
    read = gql.data('query($id: ID!) { productVariant(id: $id) { metafield(namespace: "inventra", key: "owner_v") '
                    "{ owner { ... on ProductVariant { id } } } } }", {"id": variant["id"]})
    assert read["productVariant"]["metafield"]["owner"] == {"id": variant["id"]}
