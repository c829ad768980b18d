"""Tokens, the client-credentials grant, scopes, query cost and the leaky bucket."""

from __future__ import annotations

import time
from typing import Iterator

import httpx
import pytest
from sim_client import Gql

from inventra_desktop.simulator.embedded import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, EmbeddedShop, ShopConfig


@pytest.fixture(scope="module")
def standard() -> Iterator[Gql]:
    with EmbeddedShop(ShopConfig(plan="standard", synthetic=300)) as shop:
        client = Gql(shop)
        yield client
        client.http.close()


def test_a_wrong_token_gets_shopifys_401(gql: Gql) -> None:
    response = gql.raw("{ shop { name } }", token="shpat_wrong")
    assert response.status_code == 401
    assert response.json() == {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}


def test_a_missing_query_is_a_400(gql: Gql) -> None:
    response = gql.http.post(gql.url, json={"variables": {}}, headers={"X-Shopify-Access-Token": gql.token})
    assert response.status_code == 400


def test_client_credentials_grant_issues_an_expiring_token(gql: Gql) -> None:
    url = f"{gql.shop.url}/admin/oauth/access_token"
    granted = httpx.post(url, data={"grant_type": "client_credentials", "client_id": DEMO_CLIENT_ID,
                                    "client_secret": DEMO_CLIENT_SECRET})
    assert granted.status_code == 200
    body = granted.json()
    assert body["expires_in"] == 86399 and "write_inventory" in body["scope"].split(",")
    assert gql.raw("{ shop { name } }", token=body["access_token"]).status_code == 200
    wrong = httpx.post(url, data={"grant_type": "client_credentials", "client_id": DEMO_CLIENT_ID,
                                  "client_secret": "nope"})
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_client"


def test_an_expired_token_is_refused() -> None:
    with EmbeddedShop(ShopConfig()) as shop:
        shop.api.apps[DEMO_CLIENT_ID].token_lifetime = 1
        token = httpx.post(f"{shop.url}/admin/oauth/access_token", json={
            "grant_type": "client_credentials", "client_id": DEMO_CLIENT_ID,
            "client_secret": DEMO_CLIENT_SECRET}).json()["access_token"]
        client = Gql(shop, token)
        assert client.raw("{ shop { name } }").status_code == 200
        time.sleep(1.2)
        assert client.raw("{ shop { name } }").status_code == 401


def test_fields_outside_the_tokens_scopes_are_access_denied(gql: Gql) -> None:
    gql.admin("tokens", {"token": "shpat_readonly", "scopes": ["read_products"]})
    body = gql("{ locations(first: 1) { nodes { id } } }", token="shpat_readonly")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "ACCESS_DENIED" and "read_locations" in error["message"]
    assert gql("{ products(first: 1) { nodes { id } } }", token="shpat_readonly").get("errors") is None
    variant = gql.data("{ productVariants(first: 1) { nodes { id } } }")["productVariants"]["nodes"][0]["id"]
    write = gql("""mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { code } } }""",
                {"m": [{"ownerId": variant, "namespace": "inventra", "key": "status", "type": "single_line_text_field",
                        "value": "pending"}]}, token="shpat_readonly")
    assert write["errors"][0]["extensions"]["code"] == "ACCESS_DENIED"
    scopes = gql.data("{ currentAppInstallation { accessScopes { handle } } }")
    assert {s["handle"] for s in scopes["currentAppInstallation"]["accessScopes"]} >= {"write_inventory", "read_locations"}


def test_a_query_over_1000_points_is_refused_before_it_runs(standard: Gql) -> None:
    before = standard("{ shop { name } }")["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"]
    body = standard("{ products(first: 250) { nodes { variants(first: 10) { nodes { id } } } } }")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "MAX_COST_EXCEEDED" and error["extensions"]["cost"] > 1000
    after = standard("{ shop { name } }")["extensions"]["cost"]["throttleStatus"]["currentlyAvailable"]
    assert after >= before - 2  # nothing was charged for the refused query


def test_the_bucket_throttles_and_refills_at_the_plan_rate(standard: Gql) -> None:
    query = "{ products(first: 250) { nodes { id title } } }"  # 252 points requested
    throttled = None
    for _ in range(40):
        body = standard(query)
        if "errors" in body:
            throttled = body
            break
    assert throttled is not None, "a standard bucket of 2000 cannot serve 40 x 252 points at once"
    assert "data" not in throttled
    assert throttled["errors"][0]["extensions"]["code"] == "THROTTLED"
    status = throttled["extensions"]["cost"]["throttleStatus"]
    assert status["maximumAvailable"] == 2000 and status["restoreRate"] == 100
    assert throttled["extensions"]["cost"]["actualQueryCost"] is None
    wait = (252 - status["currentlyAvailable"]) / status["restoreRate"]
    time.sleep(wait + 0.05)
    assert "errors" not in standard(query)


def test_unused_points_are_refunded() -> None:
    with EmbeddedShop(ShopConfig(plan="standard", synthetic=5)) as shop:  # its own full bucket
        gql = Gql(shop)
        body = gql('{ products(first: 250, query: "title:zzzz-nothing") { nodes { id } } }')
        gql.http.close()
    cost = body["extensions"]["cost"]
    assert cost["requestedQueryCost"] == 252 and cost["actualQueryCost"] == 2
    assert cost["throttleStatus"]["currentlyAvailable"] == pytest.approx(1998, abs=1)  # 250 reserved, 248 back


def test_plans_have_their_rates() -> None:
    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        status = Gql(shop)("{ shop { name } }")["extensions"]["cost"]["throttleStatus"]
        assert (status["maximumAvailable"], status["restoreRate"]) == (20000, 1000)


def test_the_api_version_is_echoed(gql: Gql) -> None:
    assert gql.raw("{ shop { name } }").headers["X-Shopify-API-Version"] == "2026-04"
    response = gql.http.post(f"{gql.shop.url}/admin/api/nonsense/graphql.json", json={"query": "{ shop { name } }"},
                             headers={"X-Shopify-Access-Token": gql.token})
    assert response.status_code == 404


def test_nodes_by_ids_is_charged_per_id(gql: Gql) -> None:
    ids = [f"gid://shopify/Product/{n}" for n in range(1, 31)]
    body = gql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids})
    assert body["extensions"]["cost"]["requestedQueryCost"] == 30
