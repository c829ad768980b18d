"""Bulk operations of the embedded simulator, seen by a client over a real loopback socket.

Bulk queries (JSONL with `__parentId`), the bulk-query rules (INVALID), the 5-at-once limit
(LIMIT_REACHED), bulk mutations through a staged upload, cancelling, and the default
bulk-mutation rate that keeps throughput bounded (DESIGN.md section 8, API_FACTS.md section 6).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from helpers import wait_for

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

API = "/admin/api/2026-04/graphql.json"
FINISHED = ("COMPLETED", "CANCELED", "FAILED", "EXPIRED")
FAST = 2000.0  # lines per second: bulk work finishes almost at once

PRODUCTS_AND_VARIANTS = "{ products { edges { node { id title variants { edges { node { id sku } } } } } } }"

RUN_QUERY = """
mutation run($q: String!) {
  bulkOperationRunQuery(query: $q, groupObjects: false) {
    bulkOperation { id status type objectCount rootObjectCount url }
    userErrors { field message code }
  }
}"""

RUN_MUTATION = """
mutation run($m: String!, $path: String!) {
  bulkOperationRunMutation(mutation: $m, stagedUploadPath: $path) {
    bulkOperation { id status type objectCount rootObjectCount url }
    userErrors { field message code }
  }
}"""

CANCEL = """
mutation cancel($id: ID!) {
  bulkOperationCancel(id: $id) {
    bulkOperation { id status objectCount }
    userErrors { field message }
  }
}"""

BULK_OPERATION = """
query op($id: ID!) {
  bulkOperation(id: $id) {
    id status type errorCode objectCount rootObjectCount fileSize url partialDataUrl completedAt
  }
}"""

STAGED_UPLOADS_CREATE = """
mutation stage($input: [StagedUploadInput!]!) {
  stagedUploadsCreate(input: $input) {
    stagedTargets { url resourceUrl parameters { name value } }
    userErrors { field message }
  }
}"""

METAFIELDS_SET = """
mutation set($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id namespace key value }
    userErrors { field message code }
  }
}"""

PRODUCT_METAFIELD = """
query mf($id: ID!, $ns: String!, $key: String!) {
  product(id: $id) { id metafield(namespace: $ns, key: $key) { value type } }
}"""


# ---------------------------------------------------------------- helpers
def gql(client: httpx.Client, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = client.post(API, json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]



def operation(client: httpx.Client, op_id: str) -> dict[str, Any]:
    return gql(client, BULK_OPERATION, {"id": op_id})["bulkOperation"]


def wait_finished(client: httpx.Client, op_id: str, timeout: float = 20.0) -> dict[str, Any]:
    def finished() -> dict[str, Any] | None:
        op = operation(client, op_id)
        return op if op["status"] in FINISHED else None
    return wait_for(finished, timeout, what=f"bulk operation {op_id} to finish")


def run_query(client: httpx.Client, text: str) -> dict[str, Any]:
    return gql(client, RUN_QUERY, {"q": text})["bulkOperationRunQuery"]


def run_mutation(client: httpx.Client, mutation: str, path: str) -> dict[str, Any]:
    return gql(client, RUN_MUTATION, {"m": mutation, "path": path})["bulkOperationRunMutation"]


def jsonl(url: str) -> list[dict[str, Any]]:
    response = httpx.get(url, timeout=10)
    assert response.status_code == 200, response.text
    text = response.text
    assert text == "" or text.endswith("\n"), "JSONL must end each line with a newline"
    return [json.loads(line) for line in text.splitlines()]


def stage_upload(client: httpx.Client, lines: list[dict[str, Any]] | bytes, filename: str = "vars.jsonl") -> str:
    """stagedUploadsCreate + the multipart POST a client does; returns the stagedUploadPath (the key)."""
    payload = gql(client, STAGED_UPLOADS_CREATE, {"input": [{
        "resource": "BULK_MUTATION_VARIABLES", "filename": filename, "mimeType": "text/jsonl", "httpMethod": "POST",
    }]})["stagedUploadsCreate"]
    assert payload["userErrors"] == []
    (target,) = payload["stagedTargets"]
    params = {p["name"]: p["value"] for p in target["parameters"]}
    assert "key" in params
    content = lines if isinstance(lines, bytes) else "".join(json.dumps(x) + "\n" for x in lines).encode()
    upload = httpx.post(target["url"], data=params, files={"file": (filename, content, "text/jsonl")}, timeout=10)
    assert upload.status_code in (200, 201, 204), upload.text
    return params["key"]


def product_ids(client: httpx.Client) -> list[str]:
    data = gql(client, "{ products(first: 100) { edges { node { id } } } }")
    return [e["node"]["id"] for e in data["products"]["edges"]]


def client_for(shop: EmbeddedShop) -> httpx.Client:
    return httpx.Client(base_url=shop.url, headers={"X-Shopify-Access-Token": shop.token}, timeout=15)


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def shop() -> Iterator[EmbeddedShop]:
    """A shop whose bulk operations run fast: for everything but the rate and limit tests."""
    with EmbeddedShop(ShopConfig(synthetic=30, seed=3, bulk_query_rate=FAST, bulk_mutation_rate=FAST)) as s:
        yield s


@pytest.fixture(scope="module")
def client(shop: EmbeddedShop) -> Iterator[httpx.Client]:
    with client_for(shop) as c:
        yield c


@pytest.fixture(scope="module")
def slow_shop() -> Iterator[EmbeddedShop]:
    """Bulk queries crawl at 1 line/s, so they stay RUNNING for the whole test."""
    with EmbeddedShop(ShopConfig(synthetic=10, seed=4, bulk_query_rate=1.0, bulk_mutation_rate=1.0)) as s:
        yield s


@pytest.fixture(scope="module")
def default_rate_shop() -> Iterator[EmbeddedShop]:
    """The shipped defaults: bulk mutations process 20 JSONL lines per second."""
    with EmbeddedShop(ShopConfig(synthetic=5, seed=5)) as s:
        yield s


# ---------------------------------------------------------------- bulk queries
def test_bulk_query_writes_jsonl_with_parent_ids_and_right_counts(client: httpx.Client) -> None:
    started = run_query(client, PRODUCTS_AND_VARIANTS)
    assert started["userErrors"] == []
    op = started["bulkOperation"]
    assert op["type"] == "QUERY" and op["status"] in ("CREATED", "RUNNING", "COMPLETED")

    done = wait_finished(client, op["id"])
    assert done["status"] == "COMPLETED" and done["errorCode"] is None
    assert done["completedAt"] and done["url"] and done["partialDataUrl"] is None

    raw = httpx.get(done["url"], timeout=10)
    assert raw.status_code == 200
    lines = jsonl(done["url"])
    assert int(done["fileSize"]) == len(raw.content)

    # What a paged (non-bulk) read of the same data gives.
    paged = gql(client, "{ products(first: 50) { edges { node { id title variants(first: 10) "
                        "{ edges { node { id sku } } } } } } }")["products"]["edges"]
    expected_products = {e["node"]["id"]: e["node"]["title"] for e in paged}
    expected_variants = {v["node"]["id"]: (e["node"]["id"], v["node"]["sku"])
                         for e in paged for v in e["node"]["variants"]["edges"]}
    assert expected_variants, "the synthetic shop should have variants"

    seen_products: dict[str, str] = {}
    seen_variants: dict[str, tuple[str, str | None]] = {}
    for line in lines:
        if "__parentId" not in line:
            assert line["id"].startswith("gid://shopify/Product/")
            assert set(line) == {"id", "title"}, "a parent line holds its own fields only, no nested connection"
            seen_products[line["id"]] = line["title"]
        else:
            assert line["id"].startswith("gid://shopify/ProductVariant/")
            assert line["__parentId"] in seen_products, "a child line must come after its parent's line"
            seen_variants[line["id"]] = (line["__parentId"], line["sku"])

    assert seen_products == expected_products
    assert seen_variants == expected_variants  # every variant's __parentId is its product's id
    assert int(done["objectCount"]) == len(lines) == len(expected_products) + len(expected_variants)
    assert int(done["rootObjectCount"]) == len(expected_products)


def test_bulk_operation_is_found_by_node_and_lists(client: httpx.Client) -> None:
    op = run_query(client, "{ locations { edges { node { id name } } } }")["bulkOperation"]
    wait_finished(client, op["id"])
    node = gql(client, "query($id: ID!) { node(id: $id) { id ... on BulkOperation { status type } } }",
               {"id": op["id"]})["node"]
    assert node == {"id": op["id"], "status": "COMPLETED", "type": "QUERY"}
    listed = gql(client, '{ bulkOperations(first: 50, query: "status:COMPLETED") { nodes { id status } } }')
    assert op["id"] in [n["id"] for n in listed["bulkOperations"]["nodes"]]
    assert all(n["status"] == "COMPLETED" for n in listed["bulkOperations"]["nodes"])
    current = gql(client, "{ currentBulkOperation(type: QUERY) { id } }")["currentBulkOperation"]
    assert current == {"id": op["id"]}


@pytest.mark.parametrize("text", [
    pytest.param("{ shop { name } }", id="no-connection"),
    pytest.param("{ products { edges { node { id variants { edges { node { id inventoryItem { "
                 "inventoryLevels { edges { node { id } } } } } } } } } } }", id="three-nested-connections"),
    pytest.param("{ products { edges { node { id ", id="syntax-error"),
    pytest.param("{ products { edges { node { id noSuchField } } } }", id="unknown-field"),
    pytest.param("{ products { edges { node { id variants { edges { node { id } } } } } } "
                 "locations { edges { node { id inventoryLevels { edges { node { id } } } } } } "
                 "inventoryItems { edges { node { id inventoryLevels { edges { node { id } } } } } } }",
                 id="six-connections"),
    pytest.param('mutation { tagsAdd(id: "gid://shopify/Product/1", tags: ["x"]) { userErrors { message } } }',
                 id="a-mutation"),
])
def test_invalid_bulk_query_is_refused_with_invalid(client: httpx.Client, text: str) -> None:
    before = gql(client, "{ bulkOperations(first: 250) { nodes { id } } }")["bulkOperations"]["nodes"]
    payload = run_query(client, text)
    assert payload["bulkOperation"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID"]
    assert payload["userErrors"][0]["message"]
    after = gql(client, "{ bulkOperations(first: 250) { nodes { id } } }")["bulkOperations"]["nodes"]
    assert after == before, "a refused bulk query must not create an operation"


def test_two_levels_of_nested_connections_are_allowed(client: httpx.Client) -> None:
    text = ("{ inventoryItems { edges { node { id inventoryLevels { edges { node { id "
            'quantities(names: ["available", "on_hand"]) { name quantity } } } } } } } }')
    payload = run_query(client, text)
    assert payload["userErrors"] == []
    done = wait_finished(client, payload["bulkOperation"]["id"])
    assert done["status"] == "COMPLETED"
    lines = jsonl(done["url"])
    items = {line["id"] for line in lines if "__parentId" not in line}
    levels = [line for line in lines if "__parentId" in line]
    assert levels and all(line["__parentId"] in items for line in levels)
    assert all({q["name"] for q in line["quantities"]} == {"available", "on_hand"} for line in levels)


def test_at_most_five_bulk_operations_run_at_once(slow_shop: EmbeddedShop) -> None:
    with client_for(slow_shop) as c:
        started: list[str] = []
        try:
            for _ in range(5):
                payload = run_query(c, PRODUCTS_AND_VARIANTS)
                assert payload["userErrors"] == []
                started.append(payload["bulkOperation"]["id"])
            assert all(operation(c, i)["status"] == "RUNNING" for i in started)

            sixth = run_query(c, PRODUCTS_AND_VARIANTS)
            assert sixth["bulkOperation"] is None
            assert [e["code"] for e in sixth["userErrors"]] == ["LIMIT_REACHED"]

            # The limit is per shop, across queries and mutations.
            key = stage_upload(c, [{"metafields": []}])
            refused = run_mutation(c, METAFIELDS_SET, key)
            assert refused["bulkOperation"] is None
            assert [e["code"] for e in refused["userErrors"]] == ["LIMIT_REACHED"]

            # Cancelling one frees a slot.
            cancelled = gql(c, CANCEL, {"id": started[0]})["bulkOperationCancel"]
            assert cancelled["userErrors"] == []
            assert cancelled["bulkOperation"]["status"] in ("CANCELING", "CANCELED")
            final = wait_finished(c, started[0])
            assert final["status"] == "CANCELED" and final["url"] is None
            seventh = run_query(c, PRODUCTS_AND_VARIANTS)
            assert seventh["userErrors"] == []
            started.append(seventh["bulkOperation"]["id"])
            assert operation(c, seventh["bulkOperation"]["id"])["status"] == "RUNNING"
        finally:
            for op_id in started:
                gql(c, CANCEL, {"id": op_id})


def test_cancelled_bulk_query_keeps_partial_data(slow_shop: EmbeddedShop) -> None:
    with client_for(slow_shop) as c:
        op_id = run_query(c, PRODUCTS_AND_VARIANTS)["bulkOperation"]["id"]
        try:
            wait_for(lambda: int(operation(c, op_id)["objectCount"]) >= 2, 10, what="two lines written")
        finally:
            gql(c, CANCEL, {"id": op_id})
        final = wait_finished(c, op_id)
        assert final["status"] == "CANCELED" and final["url"] is None
        assert final["partialDataUrl"]
        partial = jsonl(final["partialDataUrl"])
        assert len(partial) == int(final["objectCount"]) >= 2
        assert "__parentId" not in partial[0]
        # Nothing more is written after the cancel.
        time.sleep(1.2)
        assert operation(c, op_id)["objectCount"] == final["objectCount"]


def test_partial_root_object_count_counts_only_root_lines(slow_shop: EmbeddedShop) -> None:
    with client_for(slow_shop) as c:
        op_id = run_query(c, PRODUCTS_AND_VARIANTS)["bulkOperation"]["id"]
        try:
            # The first product has variants: by 3 lines at least one child line is in the file.
            wait_for(lambda: int(operation(c, op_id)["objectCount"]) >= 3, 10, what="three lines written")
        finally:
            gql(c, CANCEL, {"id": op_id})
        final = wait_finished(c, op_id)
        partial = jsonl(final["partialDataUrl"])
        roots = sum(1 for line in partial if "__parentId" not in line)
        assert roots < len(partial), "the partial file should hold child lines too"
        assert int(final["rootObjectCount"]) == roots


def test_bulk_query_outside_the_token_scopes_fails_with_access_denied(shop: EmbeddedShop) -> None:
    token = "shpat_bulk_products_only"
    response = httpx.post(f"{shop.url}/_simulator/tokens", json={"token": token, "scopes": ["read_products"]},
                          headers=shop.admin_headers)
    assert response.status_code == 200
    with httpx.Client(base_url=shop.url, headers={"X-Shopify-Access-Token": token}, timeout=15) as c:
        payload = run_query(c, "{ inventoryItems { edges { node { id } } } }")
        assert payload["userErrors"] == []
        done = wait_finished(c, payload["bulkOperation"]["id"])
        assert done["status"] == "FAILED" and done["errorCode"] == "ACCESS_DENIED"
        assert done["url"] is None


# ---------------------------------------------------------------- bulk mutations
def test_bulk_mutation_through_staged_upload_writes_metafields(client: httpx.Client) -> None:
    owners = product_ids(client)[:12]
    lines = [{"metafields": [{"ownerId": owner, "namespace": "inventra_bulk", "key": "count",
                              "type": "number_integer", "value": str(100 + i)}]}
             for i, owner in enumerate(owners)]
    # One line that fails on its own: the others still apply.
    lines.insert(5, {"metafields": [{"ownerId": owners[0], "namespace": "inventra_bulk", "key": "bad",
                                     "type": "number_integer", "value": "not a number"}]})
    key = stage_upload(client, lines)

    started = run_mutation(client, METAFIELDS_SET, key)
    assert started["userErrors"] == []
    assert started["bulkOperation"]["type"] == "MUTATION"
    done = wait_finished(client, started["bulkOperation"]["id"])
    assert done["status"] == "COMPLETED"
    assert int(done["objectCount"]) == len(lines)

    results = jsonl(done["url"])
    assert sorted(r["__lineNumber"] for r in results) == list(range(len(lines)))
    by_line = {r["__lineNumber"]: r for r in results}
    bad = by_line[5]["data"]["metafieldsSet"]
    assert bad["metafields"] == [] and [e["code"] for e in bad["userErrors"]] == ["INVALID_VALUE"]
    for number, variables in enumerate(lines):
        if number == 5:
            continue
        payload = by_line[number]["data"]["metafieldsSet"]
        assert payload["userErrors"] == []
        assert payload["metafields"][0]["value"] == variables["metafields"][0]["value"]

    for i, owner in enumerate(owners):
        read = gql(client, PRODUCT_METAFIELD, {"id": owner, "ns": "inventra_bulk", "key": "count"})["product"]
        assert read["metafield"] == {"value": str(100 + i), "type": "number_integer"}
    unwritten = gql(client, PRODUCT_METAFIELD, {"id": owners[0], "ns": "inventra_bulk", "key": "bad"})
    assert unwritten["product"]["metafield"] is None


def test_bulk_mutation_with_unknown_staged_path_is_no_such_file(client: httpx.Client) -> None:
    payload = run_mutation(client, METAFIELDS_SET, "tmp/does-not-exist/bulk/vars.jsonl")
    assert payload["bulkOperation"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["NO_SUCH_FILE"]


def test_bulk_mutation_refuses_bad_mutation_text_and_bad_jsonl(client: httpx.Client) -> None:
    key = stage_upload(client, [{"metafields": []}])
    for text in ("mutation { metafieldsSet(", "{ shop { name } }",
                 "mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { message } } "
                 "tagsAdd(id: \"gid://shopify/Product/1\", tags: [\"a\"]) { userErrors { message } } }"):
        payload = run_mutation(client, text, key)
        assert payload["bulkOperation"] is None
        assert [e["code"] for e in payload["userErrors"]] == ["INVALID_MUTATION"], text
    broken = stage_upload(client, b'{"metafields": []}\nthis is not json\n')
    payload = run_mutation(client, METAFIELDS_SET, broken)
    assert payload["bulkOperation"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_STAGED_UPLOAD_FILE"]


def test_default_bulk_mutation_rate_bounds_throughput(default_rate_shop: EmbeddedShop) -> None:
    """60 lines at the default 20 lines/s cannot finish in much under 3 s."""
    with client_for(default_rate_shop) as c:
        owner = product_ids(c)[0]
        lines = [{"metafields": [{"ownerId": owner, "namespace": "inventra_rate", "key": f"k{i:02d}",
                                  "type": "single_line_text_field", "value": f"v{i}"}]} for i in range(60)]
        key = stage_upload(c, lines)
        t0 = time.monotonic()
        op_id = run_mutation(c, METAFIELDS_SET, key)["bulkOperation"]["id"]
        midway = wait_for(lambda: (op := operation(c, op_id)) and int(op["objectCount"]) > 0 and op, 5,
                          what="the first line processed")
        assert midway["status"] in ("RUNNING", "COMPLETED")
        done = wait_finished(c, op_id, timeout=30)
        elapsed = time.monotonic() - t0
        assert done["status"] == "COMPLETED" and int(done["objectCount"]) == 60
        assert elapsed >= 2.5, f"60 lines finished in {elapsed:.2f} s: faster than 20 lines/s"
        assert elapsed < 20


def test_bulk_mutation_cancel_stops_writing(default_rate_shop: EmbeddedShop) -> None:
    with client_for(default_rate_shop) as c:
        owner = product_ids(c)[1]
        lines = [{"metafields": [{"ownerId": owner, "namespace": "inventra_cancel", "key": f"k{i:03d}",
                                  "type": "single_line_text_field", "value": f"v{i}"}]} for i in range(200)]
        op_id = run_mutation(c, METAFIELDS_SET, stage_upload(c, lines))["bulkOperation"]["id"]
        wait_for(lambda: int(operation(c, op_id)["objectCount"]) >= 3, 10, what="three lines processed")

        cancelled = gql(c, CANCEL, {"id": op_id})["bulkOperationCancel"]
        assert cancelled["userErrors"] == []
        assert cancelled["bulkOperation"]["status"] in ("CANCELING", "CANCELED")
        final = wait_finished(c, op_id, timeout=10)
        assert final["status"] == "CANCELED"
        processed = int(final["objectCount"])
        assert 3 <= processed < 200
        time.sleep(0.3)  # 6 more lines' worth at 20 lines/s: none must appear
        assert int(operation(c, op_id)["objectCount"]) == processed

        partial = jsonl(final["partialDataUrl"])
        assert sorted(r["__lineNumber"] for r in partial) == list(range(processed))
        written = gql(c, "query($id: ID!) { product(id: $id) { metafields(first: 250, namespace: "
                         '"inventra_cancel") { nodes { key } } } }', {"id": owner})
        keys = sorted(n["key"] for n in written["product"]["metafields"]["nodes"])
        assert keys == [f"k{i:03d}" for i in range(processed)], "only the processed lines were applied"

        again = gql(c, CANCEL, {"id": op_id})["bulkOperationCancel"]
        assert again["userErrors"], "a finished operation cannot be cancelled again"
        assert again["bulkOperation"]["status"] == "CANCELED"


def test_cancel_unknown_bulk_operation_is_a_user_error(client: httpx.Client) -> None:
    payload = gql(client, CANCEL, {"id": "gid://shopify/BulkOperation/999999999"})["bulkOperationCancel"]
    assert payload["bulkOperation"] is None
    assert payload["userErrors"] and payload["userErrors"][0]["field"] == ["id"]
