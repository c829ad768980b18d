"""Read-modify-write of variants' stock-take metafields, safe with several devices at once.

Every write of `counts` carries the compare digest it was computed from; when another
device wrote first, Shopify refuses the whole call (metafieldsSet is atomic), and the
variants of that call are read again and the change applied again.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Awaitable, Callable

from ..shopify.bulk import bulk_query_stream
from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..shopify.errors import UserError, UserErrors
from ..stocktake import codec
from ..stocktake.changes import Change, Known, NewState
from ..stocktake.counting import VariantState
from ..stocktake.variant import VariantRecord
from .batch import run_many
from .variants import bulk_document

METAFIELDS_PER_CALL = 25
MAX_ROUNDS = 8
WRITE_CONCURRENCY = 4  # writes in flight at once: a 1,500-variant release is 120 calls
BULK_WRITE_ABOVE = 2000  # variants: from here a change goes as bulk operations (100,000: 8,400 calls)


def _known(node: dict[str, Any]) -> Known:
    problems: list[tuple[str, str]] = []
    counts = status = last_done = None
    try:
        counts = codec.decode_counts((node.get("counts") or {}).get("value"))
    except codec.CodecError as exc:
        problems.append(("counts", str(exc)))
    try:
        status = codec.decode_status((node.get("status") or {}).get("value"))
    except codec.CodecError as exc:
        problems.append(("status", str(exc)))
    try:
        last_done = codec.decode_datetime((node.get("lastDone") or {}).get("value"), "last_done")
    except codec.CodecError as exc:
        problems.append(("last_done", str(exc)))
    return Known(VariantState(counts, status, last_done), (node.get("counts") or {}).get("compareDigest"), problems)


async def read_known(client: AdminClient, ids: list[str], *, counts_only: bool = False) -> dict[str, Known]:
    """The variants' state as the shop has it now. `counts_only` (half the cost) leaves status
    and last_done unknown (None): fine for a change that sets them itself."""
    known: dict[str, Known] = {}
    for i in range(0, len(ids), 50):
        data = await client.execute(document("VariantCountsRead" if counts_only else "VariantsByIds"),
                                    {"ids": ids[i:i + 50]})
        for node in data["nodes"]:
            if node and "id" in node:
                known[node["id"]] = _known(node)
    return known


# Points a variant costs in `read_known` (a node and three metafields); a bulk read of a session's
# counts costs about `BULK_READ_POINTS` whatever its size (the start, a few status reads).
KNOWN_POINTS_PER_VARIANT = 4
BULK_READ_POINTS = 20


async def read_session_known(client: AdminClient, search: str) -> dict[str, Known]:
    """Every matching variant's state in one bulk query: what a poll of a large session reads
    (a few points for any number of variants, where `read_known` costs 4 a variant)."""
    known: dict[str, Known] = {}

    def consume(objects: list[dict[str, Any]]) -> None:
        for node in objects:
            if "id" in node and node.get("__parentId") is None:
                known[node["id"]] = _known(node)
    await bulk_query_stream(client, bulk_document("BulkSessionCounts", search), consume)
    return known


def as_read(variants: list[VariantRecord]) -> dict[str, Known]:
    """What a read of these variants saw, as `update_variants`' cache: a change right after the
    read needs no second read (a variant written since makes its write stale: it is read again)."""
    return {v.id: Known(v.state(), v.digests.get("counts"),
                        [(k, why) for k, why in v.problems if k in ("counts", "status", "last_done")])
            for v in variants}


async def update_variants(client: AdminClient, ids: list[str], change: Change,
                          cache: dict[str, Known] | None = None, *, counts_only: bool = False,
                          max_age: float | Callable[[Known], float] | None = None,
                          before_write: Callable[[list[str]], Awaitable[None]] | None = None,
                          settled: Callable[[list[str]], None] | None = None) -> dict[str, NewState]:
    """Apply `change` to each variant and write the results; returns what was written.
    `cache` (variant -> Known) skips reads for variants we learnt in the last `max_age` seconds
    (or what `max_age(known)` allows for each; a stale guess costs a refused 10-point write, a
    read costs 2), and is kept current.
    `before_write` is awaited with the variants of each write just before it goes out; `settled` is
    told the variants that are done with as soon as they are: written, or nothing to write."""
    cache = cache if cache is not None else {}
    todo = list(dict.fromkeys(ids))
    written: dict[str, NewState] = {}
    if max_age is not None:
        now = time.monotonic()
        allowed = max_age if callable(max_age) else (lambda _known: max_age)
        for v in todo:
            if v in cache and now - cache[v].at > allowed(cache[v]):
                del cache[v]
    for _ in range(MAX_ROUNDS):
        if not todo:
            return written
        unknown = [v for v in todo if v not in cache]
        if unknown:
            cache.update(await read_known(client, unknown, counts_only=counts_only))
        plans = {}
        for v in todo:
            if v in cache:
                new = change(v, cache[v])
                if new is not None:
                    plans[v] = new
        if settled is not None:
            settled([v for v in todo if v not in plans])  # nothing to write (or no such variant now)
        stale: list[str] = []
        used = {v: cache[v] for v in plans}  # what each plan was made from (the cache may change meanwhile)
        gate = asyncio.Semaphore(WRITE_CONCURRENCY)

        async def write(batch: list[str]) -> None:
            inputs = [i for v in batch for i in plans[v].inputs(v, used[v].digest)]
            async with gate:
                if before_write is not None:
                    await before_write(batch)
                payload = await client.mutate(document("VariantCountsWrite"), {"metafields": inputs},
                                              raise_user_errors=False)
            settle(batch, payload)

        def settle(batch: list[str], payload: dict[str, Any]) -> None:
            """A batch's answer: written (the cache learns the new digests), or refused as stale
            (read again next round; a line without an answer counts as refused), or an error."""
            errors = payload.get("userErrors") or []
            if errors:
                codes = {e.get("code") for e in errors}
                if not codes <= {"STALE_OBJECT", "INVALID_COMPARE_DIGEST"}:
                    raise UserErrors("metafieldsSet", [UserError.from_json(e) for e in errors])
                for v in batch:  # the whole call was refused: read these again
                    cache.pop(v, None)
                stale.extend(batch)
                return
            digests = [m["compareDigest"] for m in payload.get("metafields") or [] if m["key"] == codec.Keys.COUNTS]
            for v, digest in zip(batch, digests):
                new = plans[v]
                old = used[v].state
                cache[v] = Known(VariantState(new.counts, new.status or old.status, new.last_done or old.last_done),
                                 digest)
                written[v] = new
            if settled is not None:
                settled(batch)
        batches = _batches(plans, used)
        if len(plans) >= BULK_WRITE_ABOVE:  # thousands of variants: bulk operations, a batch a line
            if before_write is not None:
                for batch in batches:
                    await before_write(batch)
            results = await run_many(client, document("VariantCountsWrite"), [
                {"metafields": [i for v in batch for i in plans[v].inputs(v, used[v].digest)]} for batch in batches],
                bulk_threshold=1)
            for batch, payload in zip(batches, results):
                settle(batch, payload if payload is not None else {"userErrors": [{"code": "STALE_OBJECT"}]})
        else:  # batches hold distinct variants, each write guarded by its digests: they may go at once
            outcomes = await asyncio.gather(*(write(b) for b in batches), return_exceptions=True)
            failure = next((o for o in outcomes if isinstance(o, BaseException)), None)
            if failure is not None:
                raise failure
        todo = stale
    raise RuntimeError(f"{len(todo)} variants kept changing while we wrote them; try again in a moment")


def _batches(plans: dict[str, NewState], cache: dict[str, Known]) -> list[list[str]]:
    batches: list[list[str]] = [[]]
    size = 0
    for v, new in plans.items():
        n = len(new.inputs(v, cache[v].digest))
        if size + n > METAFIELDS_PER_CALL:
            batches.append([])
            size = 0
        batches[-1].append(v)
        size += n
    return [b for b in batches if b]


async def set_persistent_omit(client: AdminClient, variant_id: str, omit: bool) -> None:
    """The variant's `omit` metafield: the merchant's "never count this" (DESIGN.md section 3)."""
    await client.mutate(document("MetafieldsSet"), {"metafields": [
        codec.metafield_input(variant_id, codec.Keys.OMIT, "true" if omit else "false")]})


async def delete_variant_metafields(client: AdminClient, variant_id: str, keys: list[str]) -> None:
    await client.mutate(document("MetafieldsDelete"), {"metafields": [
        {"ownerId": variant_id, "namespace": codec.NAMESPACE, "key": key} for key in keys]})
