"""Faults on demand and the sales generator, seen by a client over a real loopback socket.

Each fault kind does to a request what a flaky network or a busy Shopify does (DESIGN.md
section 8, API_FACTS.md section 2); the simulator's own endpoints are never faulted.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from helpers import wait_for

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.simulator.faults import FaultPlan

API = "/admin/api/2026-04/graphql.json"
KINDS = ("http_502", "http_503", "http_429", "throttled", "drop", "drop_after", "slow")
QUANTITY_NAMES = ["available", "on_hand", "committed", "reserved", "damaged", "safety_stock",
                  "quality_control", "incoming"]
ON_HAND_PARTS = ("available", "committed", "reserved", "damaged", "safety_stock", "quality_control")

METAFIELDS_SET = """
mutation set($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id value }
    userErrors { field message code }
  }
}"""

PRODUCT_METAFIELD = """
query mf($id: ID!, $key: String!) {
  product(id: $id) { metafield(namespace: "inventra_faults", key: $key) { value } }
}"""

ADJUST = """
mutation adjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id changes { name delta quantityAfterChange } }
    userErrors { field message code }
  }
}"""

LEVELS = """
query levels($names: [String!]!) {
  inventoryItems(first: 50) {
    pageInfo { hasNextPage }
    edges { node { id inventoryLevels(first: 2) { edges { node {
      id location { id } quantities(names: $names) { name quantity }
    } } } } }
  }
}"""

SHOP_NAME = "{ shop { name } }"


# ---------------------------------------------------------------- helpers

def post(shop: EmbeddedShop, query: str, variables: dict[str, Any] | None = None, timeout: float = 15) -> httpx.Response:
    """One request on a fresh connection, as a client retrying after a fault would make."""
    return httpx.post(f"{shop.url}{API}", json={"query": query, "variables": variables or {}},
                      headers={"X-Shopify-Access-Token": shop.token}, timeout=timeout)


def gql(shop: EmbeddedShop, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = post(shop, query, variables)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def set_faults(shop: EmbeddedShop, plan: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{shop.url}/_simulator/faults", json=plan, timeout=5, headers=shop.admin_headers)
    assert response.status_code == 200, response.text
    return response.json()


def first_product(shop: EmbeddedShop) -> str:
    return gql(shop, "{ products(first: 1) { nodes { id } } }")["products"]["nodes"][0]["id"]


def read_metafield(shop: EmbeddedShop, product: str, key: str) -> str | None:
    mf = gql(shop, PRODUCT_METAFIELD, {"id": product, "key": key})["product"]["metafield"]
    return mf["value"] if mf else None


def set_metafield_vars(product: str, key: str, value: str) -> dict[str, Any]:
    return {"metafields": [{"ownerId": product, "namespace": "inventra_faults", "key": key,
                            "type": "single_line_text_field", "value": value}]}


def levels(shop: EmbeddedShop) -> list[dict[str, Any]]:
    data = gql(shop, LEVELS, {"names": QUANTITY_NAMES})
    assert data["inventoryItems"]["pageInfo"]["hasNextPage"] is False, "the shop should fit in one page"
    out = []
    for item in data["inventoryItems"]["edges"]:
        for level in item["node"]["inventoryLevels"]["edges"]:
            node = level["node"]
            out.append({"id": node["id"], "item": item["node"]["id"], "location": node["location"]["id"],
                        **{q["name"]: q["quantity"] for q in node["quantities"]}})
    return out


def total(rows: list[dict[str, Any]], name: str) -> int:
    return sum(r[name] for r in rows)


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def shop() -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(synthetic=8, seed=11, bulk_query_rate=2000, bulk_mutation_rate=2000)) as s:
        yield s


@pytest.fixture(autouse=True)
def no_faults_after(shop: EmbeddedShop) -> Iterator[None]:
    yield
    set_faults(shop, {})


@pytest.fixture()
def sales_shop() -> Iterator[EmbeddedShop]:
    """A shop of its own: the sales generator changes stock everywhere."""
    with EmbeddedShop(ShopConfig(synthetic=15, seed=12)) as s:
        yield s


# ---------------------------------------------------------------- the fault kinds
@pytest.mark.parametrize("kind,status", [("http_502", 502), ("http_503", 503)])
def test_http_5xx_fault_answers_with_that_status_once(shop: EmbeddedShop, kind: str, status: int) -> None:
    assert set_faults(shop, {"fail_next": [kind]})["fail_next"] == [kind]
    response = post(shop, SHOP_NAME)
    assert response.status_code == status
    assert post(shop, SHOP_NAME).status_code == 200, "fail_next faults one request only"


def test_fail_next_is_consumed_in_order_then_requests_succeed(shop: EmbeddedShop) -> None:
    set_faults(shop, {"fail_next": ["http_503", "http_502", "http_503"]})
    assert [post(shop, SHOP_NAME).status_code for _ in range(5)] == [503, 502, 503, 200, 200]
    current = httpx.get(f"{shop.url}/_simulator/faults", headers=shop.admin_headers).json()
    assert current["fail_next"] == []


def test_http_429_carries_retry_after(shop: EmbeddedShop) -> None:
    set_faults(shop, {"fail_next": ["http_429"]})
    response = post(shop, SHOP_NAME)
    assert response.status_code == 429
    assert float(response.headers["Retry-After"]) > 0
    assert "errors" in response.json()
    assert post(shop, SHOP_NAME).status_code == 200


def test_throttled_fault_is_a_200_with_a_graphql_throttled_error(shop: EmbeddedShop) -> None:
    product = first_product(shop)
    set_faults(shop, {"fail_next": ["throttled"]})
    response = post(shop, METAFIELDS_SET, set_metafield_vars(product, "throttled", "x"))
    assert response.status_code == 200
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "THROTTLED"
    status = body["extensions"]["cost"]["throttleStatus"]
    assert {"maximumAvailable", "currentlyAvailable", "restoreRate"} <= set(status)
    assert read_metafield(shop, product, "throttled") is None, "a throttled request must not be executed"


def test_drop_closes_the_connection_before_the_request_is_processed(shop: EmbeddedShop) -> None:
    product = first_product(shop)
    set_faults(shop, {"fail_next": ["drop"]})
    with pytest.raises(httpx.TransportError) as caught:
        post(shop, METAFIELDS_SET, set_metafield_vars(product, "dropped", "never"))
    assert isinstance(caught.value, (httpx.RemoteProtocolError, httpx.ReadError))
    assert read_metafield(shop, product, "dropped") is None


def test_drop_after_closes_the_connection_after_the_write_was_applied(shop: EmbeddedShop) -> None:
    product = first_product(shop)
    set_faults(shop, {"fail_next": ["drop_after"]})
    with pytest.raises(httpx.TransportError) as caught:
        post(shop, METAFIELDS_SET, set_metafield_vars(product, "applied", "yes"))
    assert isinstance(caught.value, (httpx.RemoteProtocolError, httpx.ReadError))
    assert read_metafield(shop, product, "applied") == "yes"


def test_retrying_a_dropped_idempotent_adjustment_applies_it_once(shop: EmbeddedShop) -> None:
    """The dangerous case: the write happened but the answer was lost; the same key makes the retry safe."""
    before = levels(shop)[0]
    variables = {"key": str(uuid.uuid4()), "input": {
        "name": "available", "reason": "correction", "referenceDocumentUri": "gid://inventra/StockTake/1",
        "changes": [{"inventoryItemId": before["item"], "locationId": before["location"], "delta": 5,
                     "changeFromQuantity": None}]}}
    set_faults(shop, {"fail_next": ["drop_after"]})
    with pytest.raises(httpx.TransportError):
        post(shop, ADJUST, variables)
    retried = gql(shop, ADJUST, variables)["inventoryAdjustQuantities"]
    assert retried["userErrors"] == []
    again = gql(shop, ADJUST, variables)["inventoryAdjustQuantities"]
    assert again == retried
    after = next(r for r in levels(shop) if r["id"] == before["id"])
    assert after["available"] == before["available"] + 5
    assert after["on_hand"] == before["on_hand"] + 5


def test_slow_fault_delays_the_answer(shop: EmbeddedShop) -> None:
    set_faults(shop, {"fail_next": ["slow"], "slow_seconds": 0.8})
    t0 = time.monotonic()
    response = post(shop, SHOP_NAME)
    elapsed = time.monotonic() - t0
    assert response.status_code == 200 and response.json()["data"]["shop"]["name"]
    assert elapsed >= 0.8
    set_faults(shop, {"fail_next": ["slow"], "slow_seconds": 2.0})
    with pytest.raises(httpx.ReadTimeout):  # what a client with a short timeout sees
        post(shop, SHOP_NAME, timeout=0.3)


def test_fault_applies_to_the_token_endpoint_too(shop: EmbeddedShop) -> None:
    set_faults(shop, {"fail_next": ["http_503"]})
    form = {"grant_type": "client_credentials", "client_id": shop.config.client_id,
            "client_secret": shop.config.client_secret}
    assert httpx.post(f"{shop.url}/admin/oauth/access_token", data=form).status_code == 503
    granted = httpx.post(f"{shop.url}/admin/oauth/access_token", data=form)
    assert granted.status_code == 200 and granted.json()["access_token"]


@pytest.mark.parametrize("kind", KINDS)
def test_simulator_own_endpoints_are_never_faulted(shop: EmbeddedShop, kind: str) -> None:
    # Things to fetch later, prepared while no fault is set.
    run = gql(shop, 'mutation { bulkOperationRunQuery(query: "{ locations { edges { node { id } } } }") '
                    "{ bulkOperation { id } userErrors { message } } }")["bulkOperationRunQuery"]
    op_id = run["bulkOperation"]["id"]
    op = wait_for(lambda: (o := gql(shop, "query($id: ID!) { bulkOperation(id: $id) { status url } }",
                                    {"id": op_id})["bulkOperation"])["status"] == "COMPLETED" and o, 10,
                  what="bulk query")
    staged = gql(shop, 'mutation { stagedUploadsCreate(input: [{resource: BULK_MUTATION_VARIABLES, '
                       'filename: "f.jsonl", mimeType: "text/jsonl", httpMethod: POST}]) '
                       "{ stagedTargets { url parameters { name value } } } }")["stagedUploadsCreate"]
    target = staged["stagedTargets"][0]

    set_faults(shop, {"rates": {kind: 1.0}, "slow_seconds": 3.0})
    t0 = time.monotonic()
    with httpx.Client(base_url=shop.url, timeout=10, headers=shop.admin_headers) as own:
        assert own.get("/_simulator/health").json()["ok"] is True
        assert own.get("/_simulator/faults").json()["rates"] == {kind: 1.0}
        assert own.get("/_simulator/adjustments").status_code == 200
        bulk_file = own.get(op["url"].removeprefix(shop.url))
        assert bulk_file.status_code == 200 and bulk_file.text.count("\n") >= 1
        params = {p["name"]: p["value"] for p in target["parameters"]}
        upload = own.post(target["url"].removeprefix(shop.url), data=params,
                          files={"file": ("f.jsonl", b'{"a": 1}\n', "text/jsonl")})
        assert upload.status_code == 201
    assert time.monotonic() - t0 < 2.5, "the simulator's own endpoints must not be slowed"

    # ...while Shopify's URL space is faulted at that rate.
    if kind in ("http_502", "http_503", "http_429"):
        assert post(shop, SHOP_NAME).status_code == int(kind[-3:])
    elif kind in ("drop", "drop_after"):
        with pytest.raises(httpx.TransportError):
            post(shop, SHOP_NAME)
    elif kind == "throttled":
        assert post(shop, SHOP_NAME).json()["errors"][0]["extensions"]["code"] == "THROTTLED"


def test_fail_next_is_not_consumed_by_the_simulator_endpoints(shop: EmbeddedShop) -> None:
    set_faults(shop, {"fail_next": ["http_503"]})
    for _ in range(3):
        assert httpx.get(f"{shop.url}/_simulator/health", headers=shop.admin_headers).status_code == 200
    assert post(shop, SHOP_NAME).status_code == 503


def test_random_faults_follow_the_rate_and_repeat_with_the_seed(shop: EmbeddedShop) -> None:
    def statuses() -> list[int]:
        set_faults(shop, {"rates": {"http_503": 0.5}, "seed": 1})
        return [post(shop, SHOP_NAME).status_code for _ in range(30)]

    first, second = statuses(), statuses()
    assert first == second, "the same seed gives the same faults"
    assert set(first) == {200, 503}
    assert 5 <= first.count(503) <= 25


def test_unknown_fault_kind_is_refused_and_the_plan_kept(shop: EmbeddedShop) -> None:
    set_faults(shop, {"fail_next": ["http_502"]})
    response = httpx.post(f"{shop.url}/_simulator/faults", json={"fail_next": ["meteor"]}, headers=shop.admin_headers)
    assert response.status_code == 400
    assert "meteor" in response.json()["error"]
    assert httpx.get(f"{shop.url}/_simulator/faults", headers=shop.admin_headers).json()["fail_next"] == ["http_502"]
    assert post(shop, SHOP_NAME).status_code == 502


def test_faults_set_at_start_apply_from_the_first_request() -> None:
    with EmbeddedShop(ShopConfig(synthetic=2, faults=FaultPlan(fail_next=["http_503", "http_429"]))) as s:
        assert [post(s, SHOP_NAME).status_code for _ in range(3)] == [503, 429, 200]


# ---------------------------------------------------------------- the sales generator
def start_sales(shop: EmbeddedShop, per_second: float, seed: int | None = 1) -> None:
    response = httpx.post(f"{shop.url}/_simulator/sales", json={"per_second": per_second, "seed": seed},
                          headers=shop.admin_headers)
    assert response.status_code == 200 and response.json()["per_second"] == per_second


def sale_entries(shop: EmbeddedShop) -> list[dict[str, Any]]:
    response = httpx.get(f"{shop.url}/_simulator/adjustments", timeout=5, headers=shop.admin_headers)
    assert response.status_code == 200
    return [a for a in response.json() if a["source"] == "sale"]


def test_sales_sell_stock_and_keep_on_hand_consistent(sales_shop: EmbeddedShop) -> None:
    before = levels(sales_shop)
    assert before and sale_entries(sales_shop) == []

    start_sales(sales_shop, 50, seed=1)
    try:
        wait_for(lambda: len(sale_entries(sales_shop)) >= 20, 5, interval=0.1, what="20 units sold")
    finally:
        start_sales(sales_shop, 0)  # stops the generator
    after = levels(sales_shop)
    time.sleep(0.2)
    assert levels(sales_shop) == after, "per_second 0 stops the sales"

    sold = total(before, "available") - total(after, "available")
    assert sold >= 20
    for row in after:
        assert row["on_hand"] == sum(row[n] for n in ON_HAND_PARTS), row
        assert min(row[n] for n in ON_HAND_PARTS) >= 0, row
    # A sale moves available to committed (on_hand unchanged); a shipment takes committed out of on_hand.
    shipped = total(before, "on_hand") - total(after, "on_hand")
    assert total(after, "committed") - total(before, "committed") == sold - shipped
    assert 0 <= shipped <= sold

    sales = sale_entries(sales_shop)
    assert len(sales) == sold, "one history entry per sale"
    for entry in sales:
        deltas: dict[str, int] = {}
        for change in entry["changes"]:
            deltas[change["name"]] = deltas.get(change["name"], 0) + change["delta"]
        assert deltas.get("available") == -1


def test_sold_units_show_as_committed_until_shipped(sales_shop: EmbeddedShop) -> None:
    before = levels(sales_shop)
    assert total(before, "committed") == 0
    start_sales(sales_shop, 50, seed=2)
    try:
        wait_for(lambda: len(sale_entries(sales_shop)) >= 20, 5, interval=0.1, what="20 units sold")
    finally:
        start_sales(sales_shop, 0)
    assert total(levels(sales_shop), "committed") > 0
