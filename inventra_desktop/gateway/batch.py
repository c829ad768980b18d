"""Running one mutation over many inputs: as paced calls, or as bulk operations when that is faster."""

from __future__ import annotations

import asyncio
from typing import Any, Callable

from ..shopify.bulk import bulk_mutation
from ..shopify.client import AdminClient

BULK_THRESHOLD = 150  # below this many calls, paced calls finish sooner than a bulk run's overhead
BULK_PARALLEL = 4  # Shopify runs up to 5 bulk operations per shop at once; leave one for others
CALL_CONCURRENCY = 4

Progress = Callable[[int, int], None]  # done, total


async def run_many(client: AdminClient, mutation: str, inputs: list[dict[str, Any]], *,
                   retry_safe: bool = True, progress: Progress | None = None,
                   bulk_threshold: int = BULK_THRESHOLD) -> list[dict[str, Any] | None]:
    """Run `mutation` once per variables dict; return each call's payload (the root field's
    value, with its `userErrors`), or None where a bulk line produced no data."""
    if len(inputs) >= bulk_threshold:
        return await _bulk(client, mutation, inputs, progress)
    results: list[dict[str, Any] | None] = [None] * len(inputs)
    done = 0
    gate = asyncio.Semaphore(CALL_CONCURRENCY)

    async def one(i: int) -> None:
        nonlocal done
        async with gate:
            results[i] = await client.mutate(mutation, inputs[i], retry_safe=retry_safe, raise_user_errors=False)
        done += 1
        if progress:
            progress(done, len(inputs))
    await asyncio.gather(*(one(i) for i in range(len(inputs))))
    return results


async def _bulk(client: AdminClient, mutation: str, inputs: list[dict[str, Any]],
                progress: Progress | None) -> list[dict[str, Any] | None]:
    chunks = max(1, min(BULK_PARALLEL, len(inputs) // BULK_THRESHOLD or 1))
    size = -(-len(inputs) // chunks)
    parts = [inputs[i:i + size] for i in range(0, len(inputs), size)]
    seen = [0] * len(parts)

    def report(index: int) -> Callable[[int], None]:
        def update(objects: int) -> None:
            seen[index] = objects
            if progress:
                progress(sum(seen), len(inputs))
        return update
    outcomes = await asyncio.gather(*(bulk_mutation(client, mutation, part, progress=report(i))
                                      for i, part in enumerate(parts)))
    results: list[dict[str, Any] | None] = []
    for part, outcome in zip(parts, outcomes):
        by_line = {line.get("__lineNumber"): line for line in outcome.lines}
        for n in range(len(part)):
            data = (by_line.get(n) or {}).get("data") or {}
            results.append(next(iter(data.values()), None) if data else None)
    return results
