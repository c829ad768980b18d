"""A minimal async Admin GraphQL client (issue 3 grows it: pacing, retries, typed errors, bulk)."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

import httpx

API_VERSION = "2026-04"


class ShopifyError(Exception):
    """A failure with a sentence a stockroom clerk understands."""


class AuthenticationFailed(ShopifyError):
    pass


class ShopUnavailable(ShopifyError):
    pass


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def graphql_endpoint(shop_url: str) -> str:
    """The Admin GraphQL URL of a shop; plain http only to loopback (the simulator)."""
    parts = urlsplit(shop_url if "://" in shop_url else f"https://{shop_url}")
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise ShopifyError("Plain http is only allowed to this computer (the demo store); use https for a real shop.")
    return f"{parts.scheme}://{parts.netloc}/admin/api/{API_VERSION}/graphql.json"


class AdminClient:
    def __init__(self, shop_url: str, token: str, *, timeout: float = 30.0) -> None:
        self.endpoint = graphql_endpoint(shop_url)
        self._http = httpx.AsyncClient(timeout=timeout, headers={"X-Shopify-Access-Token": token})

    async def execute(self, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            response = await self._http.post(self.endpoint, json={"query": document, "variables": variables or {}})
        except httpx.TransportError as exc:
            raise ShopUnavailable(f"The shop could not be reached ({type(exc).__name__}).") from None
        if response.status_code == 401:
            raise AuthenticationFailed("The shop refused the access token: check it, or connect again.")
        if response.status_code >= 400:
            raise ShopUnavailable(f"The shop answered with HTTP {response.status_code}; try again in a moment.")
        body = response.json()
        if body.get("errors"):
            raise ShopifyError("The shop refused the request: " + "; ".join(e.get("message", "?") for e in body["errors"]))
        return body["data"]

    async def aclose(self) -> None:
        await self._http.aclose()
