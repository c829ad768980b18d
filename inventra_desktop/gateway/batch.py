"""Running one mutation over many inputs: as paced calls, as bulk operations, or both at once.

Paced calls cost 10 points each and are quick while the bucket holds the points; a bulk operation
costs almost no points but starts slowly and works through its lines at Shopify's pace. So the
calls the bucket holds now, and those its restore pays for while the bulk parts run, go paced, and
the rest run as bulk operations beside them (issue 16, goal 5: a 1,500-variant finalize tags 500
products)."""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable

from ..shopify.bulk import bulk_mutation
from ..shopify.client import AdminClient

BULK_THRESHOLD = 150  # below this many calls, paced calls finish sooner than a bulk run's overhead
BULK_PARALLEL = 4  # Shopify runs up to 5 bulk operations per shop at once; leave one for others
BULK_PART = 40  # lines a bulk part at least: fewer and another part's start-up costs more than it saves
BULK_LINES_PER_S = 20.0  # lines a bulk mutation works through a second, until this client has measured one
BULK_START_S = 0.3  # seconds a bulk mutation costs beside its lines (staged upload, start, last poll, download)
CALL_CONCURRENCY = 6
CALL_POINTS = 10.0  # what Shopify charges a mutation

Progress = Callable[[int, int], None]  # done, total


def paced_share(client: AdminClient, calls: int, reserve: float = 0.0, *, bulk_start: float = BULK_START_S) -> int:
    """How many of `calls` to send as paced calls while the rest run as bulk operations beside
    them, so that both end together: the calls the bucket holds now (less `reserve` points that
    other writes running at the same time will take) and those its restore pays for while the
    bulk parts work through their lines at the rate measured. The rest as bulk lines only when
    they are enough for a part. `bulk_start`: seconds until the bulk parts work, on average."""
    bucket = client.bucket
    held = max(0.0, bucket.fill * bucket.maximum * 0.9 - reserve)
    lanes = BULK_PARALLEL * client.learned.get("bulk_mutation_lines_per_s", BULK_LINES_PER_S)
    restore = bucket.rate
    # paced * CALL_POINTS = held + restore * (bulk_start + (calls - paced) / lanes), solved for paced
    paced = int((held + restore * (bulk_start + calls / lanes)) / (CALL_POINTS + restore / lanes))
    paced = max(0, min(calls, paced))
    return paced if calls - paced >= BULK_PART else calls if paced else 0


async def run_many(client: AdminClient, mutation: str, inputs: list[dict[str, Any]], *,
                   retry_safe: bool = True, progress: Progress | None = None,
                   bulk_threshold: int = BULK_THRESHOLD, reserve: float = 0.0) -> list[dict[str, Any] | None]:
    """Run `mutation` once per variables dict; return each call's payload (the root field's
    value, with its `userErrors`), or None where a bulk line produced no data. From
    `bulk_threshold` calls on, those the bucket cannot pay for while the rest run in bulk go as
    bulk operations (`paced_share`; `reserve`: points other writes beside this one will take)."""
    if len(inputs) < bulk_threshold:
        return await _paced(client, mutation, inputs, retry_safe, progress, 0, len(inputs))
    paced = paced_share(client, len(inputs), reserve) if bulk_threshold > 1 else 0
    if paced >= len(inputs):
        return await _paced(client, mutation, inputs, retry_safe, progress, 0, len(inputs))
    seen = [0, 0]

    def both(which: int) -> Progress:
        def update(done: int, _: int) -> None:
            seen[which] = done
            if progress:
                progress(sum(seen), len(inputs))
        return update
    first, rest = await asyncio.gather(
        _paced(client, mutation, inputs[:paced], retry_safe, both(0), 0, paced),
        _bulk(client, mutation, inputs[paced:], both(1)))
    return first + rest


def staggered_parts(lines: int, parts: int, rate: float, lead: float) -> list[int]:
    """Sizes of `parts` bulk parts over `lines` lines that become ready one after another, `lead`
    seconds apart, a part starting once its last line is ready and working `rate` lines a second:
    the earlier parts take more, so that all end together."""
    if parts <= 1 or lead <= 0:
        size = -(-lines // max(1, parts))
        return [min(size, lines - i) for i in range(0, lines, size)] if lines else []

    def sizes(end: float) -> list[float]:
        out, before = [], 0.0
        for _ in range(parts):  # a part of n lines: ready at (before + n) * lead, done n / rate later
            n = max(0.0, rate * (end - lead * before) / (1 + rate * lead))
            out.append(n)
            before += n
        return out
    low, high = 0.0, lines / rate + lead * lines
    for _ in range(50):
        middle = (low + high) / 2
        low, high = (middle, high) if sum(sizes(middle)) < lines else (low, middle)
    counts = [int(n) for n in sizes(high)]
    counts[0] += lines - sum(counts)
    return [n for n in counts if n > 0]


async def run_when_ready(client: AdminClient, mutation: str, inputs: list[dict[str, Any]],
                         ready: list[Callable[[], Awaitable[Any]]], *, reserve: float = 0.0, lead: float = 0.0,
                         bulk_threshold: int = BULK_THRESHOLD) -> list[dict[str, Any] | None]:
    """`run_many`, with each call going out only once `ready[i]()` has returned: the first calls
    as bulk parts, each part starting as soon as all its calls are ready, the last ones paced,
    each as soon as it is ready. Give the calls in the order they become ready, about `lead`
    seconds apart: the bulk lanes then start while what the calls wait for is still under way
    (`reserve`: the points it takes from the bucket meanwhile), the earlier parts longer."""
    calls = len(inputs)
    paced = calls if calls < bulk_threshold else paced_share(client, calls, reserve,
                                                             bulk_start=BULK_START_S + lead * calls / 2)
    first = calls - paced
    rate = client.learned.get("bulk_mutation_lines_per_s", BULK_LINES_PER_S)
    sizes = staggered_parts(first, max(1, min(BULK_PARALLEL, first // BULK_PART)), rate, lead) if first else []
    starts = [sum(sizes[:k]) for k in range(len(sizes))]
    results: list[dict[str, Any] | None] = [None] * len(inputs)
    gate = asyncio.Semaphore(CALL_CONCURRENCY)

    async def part(start: int, size: int) -> None:
        lines = list(range(start, start + size))
        for i in lines:
            await ready[i]()
        outcome = await bulk_mutation(client, mutation, [inputs[i] for i in lines])
        by_line = {line.get("__lineNumber"): line for line in outcome.lines}
        for n, i in enumerate(lines):
            data = (by_line.get(n) or {}).get("data") or {}
            results[i] = next(iter(data.values()), None) if data else None

    async def one(i: int) -> None:
        await ready[i]()
        async with gate:
            results[i] = await client.mutate(mutation, inputs[i], raise_user_errors=False)
    outcomes = await asyncio.gather(*(part(s, n) for s, n in zip(starts, sizes)), *(one(i) for i in range(first, calls)),
                                    return_exceptions=True)  # every call ends (or fails) before we go on
    failure = next((o for o in outcomes if isinstance(o, BaseException)), None)
    if failure is not None:
        raise failure
    return results


async def _paced(client: AdminClient, mutation: str, inputs: list[dict[str, Any]], retry_safe: bool,
                 progress: Progress | None, done: int, total: int) -> list[dict[str, Any] | None]:
    results: list[dict[str, Any] | None] = [None] * len(inputs)
    gate = asyncio.Semaphore(CALL_CONCURRENCY)

    async def one(i: int) -> None:
        nonlocal done
        async with gate:
            results[i] = await client.mutate(mutation, inputs[i], retry_safe=retry_safe, raise_user_errors=False)
        done += 1
        if progress:
            progress(done, total)
    await asyncio.gather(*(one(i) for i in range(len(inputs))))
    return results


async def _bulk(client: AdminClient, mutation: str, inputs: list[dict[str, Any]],
                progress: Progress | None) -> list[dict[str, Any] | None]:
    chunks = max(1, min(BULK_PARALLEL, len(inputs) // BULK_PART))
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
