"""Plain HTTP to a simulated shop, as any Shopify client would send it (the simulator's tests)."""

from __future__ import annotations

from typing import Any

import httpx

from inventra_desktop.simulator.embedded import EmbeddedShop


class Gql:
    """Plain HTTP to one simulated shop: what any Shopify client would send."""

    def __init__(self, shop: EmbeddedShop, token: str | None = None) -> None:
        self.shop = shop
        self.url = f"{shop.url}/admin/api/2026-04/graphql.json"
        self.token = token or shop.token
        self.http = httpx.Client(timeout=30)

    def raw(self, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> httpx.Response:
        return self.http.post(self.url, json={"query": query, "variables": variables or {}},
                              headers={"X-Shopify-Access-Token": token or self.token})

    def __call__(self, query: str, variables: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
        response = self.raw(query, variables, **kw)
        assert response.status_code == 200, response.text
        return response.json()

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    def admin(self, path: str, payload: dict[str, Any] | None = None) -> Any:
        response = self.http.post(f"{self.shop.url}/_simulator/{path}", json=payload or {},
                                  headers=self.shop.admin_headers)
        assert response.status_code == 200, response.text
        return response.json()


def first_variant(gql: Gql, query: str = "product_status:active") -> dict[str, Any]:
    """A tracked, stocked, non-bundle variant with its item and first level."""
    data = gql.data("""query($q: String) { productVariants(first: 50, query: $q) { nodes {
        id sku requiresComponents inventoryItem { id tracked inventoryLevels(first: 5) { nodes {
        location { id } quantities(names: ["available", "on_hand", "committed"]) { name quantity } } } } } } }""",
                    {"q": query})
    for v in data["productVariants"]["nodes"]:
        item = v["inventoryItem"]
        if item["tracked"] and not v["requiresComponents"] and item["inventoryLevels"]["nodes"]:
            return v
    raise AssertionError("no countable variant in the demo catalog")
