"""Writing a snapshot's fresh counts: batched calls, or bulk mutations for thousands of variants."""

from __future__ import annotations

import asyncio
from typing import Callable

from ..heaps import free_off_loop
from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..stocktake.changes import Known
from ..stocktake.models import VariantCounts
from ..stocktake.snapshot import fresh_state, renewal
from ..stocktake.variant import VariantRecord
from .batch import BULK_THRESHOLD, run_many
from .variant_state import update_variants

Progress = Callable[[int, int], None]
VARIANTS_PER_LINE = 8  # 24 metafields: within Shopify's 25 per metafieldsSet


async def write_fresh_counts(client: AdminClient, takers: list[VariantRecord], plans: dict[str, VariantCounts], *,
                             progress: Progress | None = None, bulk_threshold: int | None = None) -> None:
    """Write `plans[v.id]` (with status pending and current_qty) for every taker, each `counts`
    guarded by the digest we read."""
    threshold = bulk_threshold if bulk_threshold is not None else BULK_THRESHOLD
    if len(takers) >= threshold * 8:
        await _bulk_write(client, takers, plans, progress)
        return
    cache = {v.id: Known(v.state(), v.digests.get("counts")) for v in takers}
    change = renewal(plans)
    done = 0
    for i in range(0, len(takers), 200):
        chunk = [v.id for v in takers[i:i + 200]]
        await update_variants(client, chunk, change, cache)
        done += len(chunk)
        if progress:
            progress(done, len(takers))


async def _bulk_write(client: AdminClient, takers: list[VariantRecord], plans: dict[str, VariantCounts],
                      progress: Progress | None) -> None:
    """Bulk mutations of metafieldsSet, 8 variants a line; lines that lost a race are redone one by one."""
    def build() -> tuple[list[dict], list[list[VariantRecord]]]:  # type: ignore[type-arg]
        lines, members = [], []
        for i in range(0, len(takers), VARIANTS_PER_LINE):
            group = takers[i:i + VARIANTS_PER_LINE]
            inputs = []
            for v in group:
                inputs += fresh_state(plans[v.id]).inputs(v.id, v.digests.get("counts"))
            lines.append({"metafields": inputs})
            members.append(group)
        return lines, members
    lines, members = await asyncio.to_thread(build)  # encoding 10,000 records: not on the event loop
    results = await run_many(client, document("VariantCountsWrite"), lines, bulk_threshold=1,
                             progress=(lambda d, t: progress(min(d * VARIANTS_PER_LINE, len(takers)), len(takers)))
                             if progress else None)
    retry = [v for group, result in zip(members, results) if result is None or result.get("userErrors") for v in group]
    await free_off_loop(results, lines)
    if retry:
        await update_variants(client, [v.id for v in retry], renewal(plans))
