"""Products: found by search or by id, and their tags added or removed."""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..stocktake.sessions import ProductChoice, with_statuses
from .batch import run_many, run_when_ready

Progress = Callable[[int, int], None]


def _choice(node: dict[str, Any]) -> ProductChoice:
    return ProductChoice(node["id"], node["title"], node.get("status") or "ACTIVE", tuple(node.get("tags") or ()))


async def find_products(client: AdminClient, query: str) -> list[ProductChoice]:
    """Every product the shop's search finds for `query` (active and draft unless it says)."""
    return [_choice(p) async for p in client.paginate(document("ProductsSearch"), {"query": with_statuses(query)},
                                                      ("products",))]


async def products_by_id(client: AdminClient, ids: list[str]) -> list[ProductChoice]:
    found: list[ProductChoice] = []
    for i in range(0, len(ids), 100):
        data = await client.execute(document("ProductsByIds"), {"ids": ids[i:i + 100]})
        found += [_choice(n) for n in data["nodes"] if n and n.get("id")]
    return found


async def add_tags(client: AdminClient, tags: dict[str, list[str]], progress: Progress | None = None, *,
                   reserve: float = 0.0) -> list[str]:
    """Add tags per product id; returns the ids whose tagging failed. `reserve`: points other
    writes running at the same time will take from the bucket (gateway.batch.run_many)."""
    ids = list(tags)
    results = await run_many(client, document("TagsAdd"), [{"id": p, "tags": tags[p]} for p in ids],
                             progress=progress, reserve=reserve)
    return [p for p, r in zip(ids, results) if r is None or r.get("userErrors")]


async def remove_tags(client: AdminClient, tags: dict[str, list[str]], *,
                      ready: dict[str, Callable[[], Awaitable[Any]]] | None = None, reserve: float = 0.0,
                      lead: float = 0.0) -> list[str]:
    """Remove tags per product id; returns the ids whose untagging failed. With `ready`, each
    product's tags go only once its `ready[p]()` has returned (products in the order they become
    ready, about `lead` seconds apart; `reserve`: the points what they wait for takes meanwhile,
    gateway.batch.run_when_ready)."""
    ids = list(tags)
    inputs = [{"id": p, "tags": tags[p]} for p in ids]
    if ready is None:
        results = await run_many(client, document("TagsRemove"), inputs)
    else:
        results = await run_when_ready(client, document("TagsRemove"), inputs, [ready[p] for p in ids],
                                       reserve=reserve, lead=lead)
    return [p for p, r in zip(ids, results) if r is None or r.get("userErrors")]
