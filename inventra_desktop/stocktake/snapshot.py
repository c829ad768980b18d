"""Snapshot: copy Shopify's on-hand stock into each variant's baseline and start the count."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from ..shopify.client import AdminClient
from ..shopify.documents import document
from .batch import run_many
from .models import Area, AreaCount, SessionRecord, SessionState, Status, VariantCounts
from .sessions import SessionError, get_session, set_state
from .shopdata import load_records
from .variants import VariantRecord, load_session_variants
from .writer import Known, NewState, update_variants

Progress = Callable[[int, int], None]


class SnapshotNeedsForce(SessionError):
    def __init__(self, name: str, counted: int) -> None:
        super().__init__(f"Session {name} already has counts for {counted} variants. Snapshotting again throws "
                         "them away; run it with --force if that is what you want.")


@dataclass
class SnapshotReport:
    session: SessionRecord
    written: int
    skipped_bundles: int
    skipped_omitted: int
    seconds: float


def session_areas(session: SessionRecord, areas: list[Area]) -> list[Area]:
    return [a for a in areas if session.areas is None or a.key in session.areas]


def mapped_locations(areas: list[Area]) -> list[str]:
    return list(dict.fromkeys(a.location_id for a in areas if a.location_id))


def fresh_counts(session: SessionRecord, snapshot_at: str, areas: list[Area], variant: VariantRecord) -> VariantCounts:
    baseline = {loc: variant.on_hand.get(loc, 0) for loc in mapped_locations(areas)}
    ops = dict(variant.counts.ops) if variant.counts else {}  # the watermark survives a new snapshot
    return VariantCounts(session=session.name, snapshot_at=snapshot_at, baseline=baseline,
                         areas={a.key: AreaCount() for a in areas}, omitted=False, ops=ops)


def has_counts(variant: VariantRecord, name: str) -> bool:
    c = variant.counts
    return bool(c and c.session == name and (any(a.counted or a.qty for a in c.areas.values())
                                             or variant.status in (Status.IN_PROGRESS, Status.DONE)))


async def snapshot(client: AdminClient, name: str, *, by: str, force: bool = False,
                   progress: Progress | None = None, bulk_threshold: int | None = None) -> SnapshotReport:
    started = datetime.now(timezone.utc)
    session = await get_session(client, name)
    if session.state not in (SessionState.OPEN, SessionState.SNAPSHOTTED):
        raise SessionError(f"Session {name} is {session.state.value}: it cannot be snapshotted again.")
    records = await load_records(client)
    if records.areas is None:
        raise SessionError("The shop has no storage areas yet: run `inventra install` first.")
    areas = session_areas(session, records.areas)
    variants = await load_session_variants(client, name)
    # Thousands of variants: even these passes over them are CPU work, kept off the event loop.
    counted, takers, bundles, omitted = await asyncio.to_thread(_survey, variants, name)
    if counted and not force:
        raise SnapshotNeedsForce(name, counted)
    # Milliseconds: a snapshot is identified by this stamp, and two may come within a second.
    snapshot_at = started.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    plans = await asyncio.to_thread(lambda: {v.id: fresh_counts(session, snapshot_at, areas, v) for v in takers})
    change = _renewal(plans)
    threshold = bulk_threshold if bulk_threshold is not None else 150
    if len(takers) >= threshold * 8:
        await _bulk_write(client, takers, plans, progress)
    else:
        cache = {v.id: Known(v.state(), v.digests.get("counts")) for v in takers}
        done = 0
        for i in range(0, len(takers), 200):
            chunk = [v.id for v in takers[i:i + 200]]
            await update_variants(client, chunk, change, cache)
            done += len(chunk)
            if progress:
                progress(done, len(takers))
    record = await set_state(client, name, SessionState.SNAPSHOTTED, "snapshot", by, snapshot_at=snapshot_at)
    written = len(takers)
    await _release(variants, takers, plans)
    return SnapshotReport(record, written, bundles, omitted, (datetime.now(timezone.utc) - started).total_seconds())


async def _release(*heaps: list[Any] | dict[Any, Any]) -> None:
    """Empty big structures in a worker thread, a slice at a time. Freeing ten thousand variants
    where the last reference goes took 60 ms on the event loop; freed in one call anywhere, it
    would hold the GIL as long. The callers no longer use them."""
    def drop() -> None:
        for heap in heaps:
            if isinstance(heap, dict):
                while heap:
                    heap.popitem()
            else:
                while heap:
                    del heap[-200:]
    await asyncio.to_thread(drop)


def _survey(variants: list[VariantRecord], name: str) -> tuple[int, list[VariantRecord], int, int]:
    """Variants already counted in `name`, the variants to snapshot, bundle parents, omitted ones."""
    counted = sum(1 for v in variants if has_counts(v, name))
    takers = [v for v in variants if not v.bundle_parent and not v.omit]
    return (counted, takers, sum(v.bundle_parent for v in variants),
            sum(1 for v in variants if v.omit and not v.bundle_parent))


async def _bulk_write(client: AdminClient, takers: list[VariantRecord], plans: dict[str, VariantCounts],
                      progress: Progress | None) -> None:
    """Thousands of variants: bulk mutations of metafieldsSet, 8 variants (24 metafields) a line,
    each `counts` guarded by the digest we read; lines that lost a race are redone one by one."""
    def build() -> tuple[list[dict], list[list[VariantRecord]]]:
        lines, members = [], []
        for i in range(0, len(takers), 8):
            group = takers[i:i + 8]
            inputs = []
            for v in group:
                new = NewState(plans[v.id], Status.PENDING, current_qty=sum(plans[v.id].baseline.values()))
                inputs += new.inputs(v.id, v.digests.get("counts"))
            lines.append({"metafields": inputs})
            members.append(group)
        return lines, members
    lines, members = await asyncio.to_thread(build)  # encoding 10,000 records: not on the event loop
    results = await run_many(client, document("VariantCountsWrite"), lines, bulk_threshold=1,
                             progress=(lambda d, t: progress(min(d * 8, len(takers)), len(takers))) if progress else None)
    retry = [v for group, result in zip(members, results) if result is None or result.get("userErrors") for v in group]
    await _release(results, lines)
    if retry:
        await update_variants(client, [v.id for v in retry], _renewal(plans))


def _renewal(plans: dict[str, VariantCounts]) -> Callable[[str, Known], NewState]:
    def change(variant_id: str, known: Known) -> NewState:
        counts = plans[variant_id].model_copy(deep=True)
        if known.state.counts:  # keep the newest watermark, even one written since we read
            counts.ops = {**counts.ops, **known.state.counts.ops}
        return NewState(counts, Status.PENDING, current_qty=sum(counts.baseline.values()))
    return change


async def reset_variant(client: AdminClient, session: SessionRecord, variant: VariantRecord,
                        areas: list[Area]) -> list[str]:
    """Rewrite one variant's stock-take data as a fresh snapshot would (baseline from Shopify
    now, counts at zero, status pending), keeping the ops watermark where it can still be read;
    metafields holding nonsense that cannot be rewritten are removed. Returns the keys cleared."""
    from . import codec

    if not session.snapshot_at:
        raise SessionError(f"Session {session.name} has no snapshot yet: there is nothing to reset.")

    def change(variant_id: str, known: Known) -> NewState:
        counts = fresh_counts(session, session.snapshot_at or "", areas, variant)
        if known.state.counts:
            counts.ops = {**counts.ops, **known.state.counts.ops}
        return NewState(counts, Status.PENDING, current_qty=sum(counts.baseline.values()))
    await update_variants(client, [variant.id], change)
    unreadable = [key for key, _ in variant.problems if key in (codec.Keys.LAST_DONE, codec.Keys.OMIT)]
    if unreadable:
        await client.mutate(document("MetafieldsDelete"), {"metafields": [
            {"ownerId": variant.id, "namespace": codec.NAMESPACE, "key": key} for key in unreadable]})
    return [key for key, _ in variant.problems]
