"""The simulator's own endpoints are not open to every process on the machine: `/_simulator/*`
needs the server's admin token, bulk result files need their unguessable URL, staged uploads
need a key that stagedUploadsCreate issued."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

API = "/admin/api/2026-04/graphql.json"
ENDPOINTS = [("GET", "health"), ("GET", "faults"), ("POST", "faults"), ("POST", "sales"), ("GET", "adjustments"),
             ("POST", "tokens"), ("POST", "save")]


@pytest.fixture(scope="module")
def shop() -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(synthetic=4, plan="plus", bulk_query_rate=5000.0)) as running:
        yield running


def _minted_token_works(shop: EmbeddedShop, token: str) -> bool:
    response = httpx.post(f"{shop.url}{API}", json={"query": "{ shop { name } }"},
                          headers={"X-Shopify-Access-Token": token})
    return response.status_code == 200


@pytest.mark.parametrize(("method", "name"), ENDPOINTS, ids=[f"{m} {n}" for m, n in ENDPOINTS])
@pytest.mark.parametrize("headers", [{}, {"X-Simulator-Admin-Token": "guess"}, "shop-token"],
                         ids=["no-token", "wrong-token", "admin-api-token"])
def test_every_own_endpoint_refuses_a_caller_without_the_admin_token(
        shop: EmbeddedShop, method: str, name: str, headers: dict[str, str] | str) -> None:
    if headers == "shop-token":  # the Admin API token the kiosks hold is not the admin token
        headers = {"X-Simulator-Admin-Token": shop.token, "X-Shopify-Access-Token": shop.token}
    assert isinstance(headers, dict)
    response = httpx.request(method, f"{shop.url}/_simulator/{name}", headers=headers,
                             json={"token": "shpat_stolen", "per_second": 50} if method == "POST" else None)
    assert response.status_code == 401
    assert "X-Simulator-Admin-Token" in response.json()["errors"]


def test_a_token_cannot_be_minted_without_the_admin_token(shop: EmbeddedShop) -> None:
    # What a web page in a browser could send: a "simple" request, no custom header.
    forged = httpx.post(f"{shop.url}/_simulator/tokens", content=b'{"token": "shpat_from_a_web_page"}',
                        headers={"Content-Type": "text/plain"})
    assert forged.status_code == 401 and not _minted_token_works(shop, "shpat_from_a_web_page")
    minted = httpx.post(f"{shop.url}/_simulator/tokens", json={"token": "shpat_for_a_test"},
                        headers=shop.admin_headers)
    assert minted.status_code == 200 and _minted_token_works(shop, "shpat_for_a_test")


def test_faults_are_not_switched_on_by_a_stranger(shop: EmbeddedShop) -> None:
    httpx.post(f"{shop.url}/_simulator/faults", json={"rates": {"http_503": 1.0}})
    assert httpx.post(f"{shop.url}{API}", json={"query": "{ shop { name } }"},
                      headers={"X-Shopify-Access-Token": shop.token}).status_code == 200


def test_a_bulk_result_is_reached_only_by_its_own_url(shop: EmbeddedShop) -> None:
    run = httpx.post(f"{shop.url}{API}", headers={"X-Shopify-Access-Token": shop.token}, json={
        "query": 'mutation { bulkOperationRunQuery(query: "{ products { edges { node { id title } } } }", '
                 "groupObjects: false) { bulkOperation { id } userErrors { message } } }"}).json()
    op_id = run["data"]["bulkOperationRunQuery"]["bulkOperation"]["id"]
    url = None
    for _ in range(100):
        op = httpx.post(f"{shop.url}{API}", headers={"X-Shopify-Access-Token": shop.token}, json={
            "query": "query($id: ID!) { bulkOperation(id: $id) { status url } }", "variables": {"id": op_id}}).json()
        url = op["data"]["bulkOperation"]["url"]
        if url:
            break
        httpx.get(f"{shop.url}/_simulator/health", headers=shop.admin_headers)  # a short pause
    assert url is not None
    assert httpx.get(url).status_code == 200 and "gid://shopify/Product/" in httpx.get(url).text
    number = op_id.rsplit("/", 1)[1]
    for guess in (f"/_bulk/{number}.jsonl", f"/_bulk/{number}-AAAAAAAAAAAAAAAAAAAAAA.jsonl"):
        assert httpx.get(f"{shop.url}{guess}").status_code == 404


def test_a_staged_upload_needs_a_key_that_was_issued(shop: EmbeddedShop) -> None:
    made_up = httpx.post(f"{shop.url}/_staged/upload", data={"key": "tmp/made-up/bulk/vars.jsonl"},
                         files={"file": ("vars.jsonl", b'{"id": 1}\n')})
    assert made_up.status_code == 403
    staged = httpx.post(f"{shop.url}{API}", headers={"X-Shopify-Access-Token": shop.token}, json={
        "query": 'mutation { stagedUploadsCreate(input: [{resource: BULK_MUTATION_VARIABLES, filename: "v.jsonl", '
                 'mimeType: "text/jsonl", httpMethod: POST}]) { stagedTargets { url parameters { name value } } } }'
    }).json()["data"]["stagedUploadsCreate"]["stagedTargets"][0]
    params = {p["name"]: p["value"] for p in staged["parameters"]}
    issued = httpx.post(staged["url"], data=params, files={"file": ("v.jsonl", b'{"id": 1}\n')})
    assert issued.status_code == 201
