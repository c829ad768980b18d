"""Helpers every kind of test shares: waiting on a condition, GraphQL against the simulator,
a shop session for the services, and a session ready to count. The simulator is the big fake."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any, Callable

import httpx
import pytest

from inventra_desktop.services import setup
from inventra_desktop.services.shop import ShopSession
from inventra_desktop.simulator.embedded import EmbeddedShop

API = "/admin/api/2026-04/graphql.json"


def wait_for(check: Callable[[], Any], timeout: float, interval: float = 0.05, what: str = "condition") -> Any:
    """Poll `check` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def gql_raw(shop: EmbeddedShop, query: str, variables: dict[str, Any] | None = None,
            timeout: float = 15) -> dict[str, Any]:
    """One Admin API request on a fresh connection; the whole answer (data and errors)."""
    response = httpx.post(f"{shop.url}{API}", json={"query": query, "variables": variables or {}},
                          headers={"X-Shopify-Access-Token": shop.token}, timeout=timeout)
    assert response.status_code == 200, response.text
    return response.json()


def gql(shop: EmbeddedShop, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """The data of one Admin API request that must succeed."""
    body = gql_raw(shop, query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


def quick_retries(monkeypatch: pytest.MonkeyPatch, **fields: Any) -> None:
    """Every client made from now on in this test retries with short pauses (attempts unchanged unless
    given): a shop that fails on purpose answers the commands in a second, not after ~12 s of backoff."""
    import dataclasses

    from inventra_desktop.shopify.client import RetryPolicy

    defaults = {f.name: f.default for f in dataclasses.fields(RetryPolicy)}
    defaults.update({"base_delay": 0.01, "max_delay": 0.05}, **fields)
    monkeypatch.setattr(RetryPolicy.__init__, "__defaults__", tuple(defaults.values()))


def shop_session(shop: EmbeddedShop, folder: Path, device: str = "test", **client_options: Any) -> ShopSession:
    """This device (its data in `folder`) connected to `shop`, as the services take it."""
    from inventra_desktop.journal.workspace import open_workspace
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.auth import StaticToken
    from inventra_desktop.shopify.client import AdminClient

    client = AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token), **client_options)
    return ShopSession(client, open_workspace(folder, device))


async def counting_session(shop: ShopSession, name: str, query: str, **create: Any) -> None:
    """install, tag the products `query` finds into session `name`, snapshot: ready to count."""
    await setup.install(shop)
    await setup.create_session(shop, name, query=query, **create)
    await setup.snapshot(shop, name)


def run_async(qtbot: Any, coro: Any, timeout: int = 20_000) -> Any:
    """In a UI test (the `aio` fixture running): run `coro` on the Qt loop and return its result."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def run(aio: Any, qtbot: Any, coro: Any, timeout: int = 20_000) -> Any:
    """`run_async` with the `aio` fixture named first (it must be running), as the UI tests call it."""
    return run_async(qtbot, coro, timeout)


def stored_qty(shop: EmbeddedShop, sku: str, area: str) -> int:
    """What the shop holds for `sku` in `area` (the variant's counts metafield)."""
    from inventra_desktop.stocktake import codec

    variant = next(v for v in shop.state.variants.values() if v.sku == sku)
    mf = shop.state.metafield(f"gid://shopify/ProductVariant/{variant.id}", "inventra", "counts")
    return codec.decode_counts(mf.value).areas[area].qty


def sent_documents(client: Any, *, names: bool = False) -> list[str]:
    """Every document `client` sends from now on, in order: with its variables (a bulk query's
    text is in them), or only its operation name (`names`)."""
    seen: list[str] = []
    execute = client.execute

    async def recording(document: str, variables: Any = None, **kw: Any) -> Any:
        seen.append(document.split("(")[0].split("{")[0].split()[-1] if names
                    else document + json.dumps(variables or {}))
        return await execute(document, variables, **kw)
    client.execute = recording
    return seen
