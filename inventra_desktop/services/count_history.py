"""The count history a session leaves in each counted variant (cycle counting, issue 15): written
at finalize, exactly once per session and snapshot even when finalize is interrupted and run
again; the change an apply wrote noted at the end of a successful apply, cleared by revert.
History is never touched by release: it is what the next plan and the accuracy figures read.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..gateway.history import StoredHistory, histories_by_ids, read_with, session_histories, update_histories
from ..gateway.variants import load_session_variants
from ..stocktake.history import LastCount, entry_for, with_applied, with_entry
from ..stocktake.models import HistoryEntry
from ..stocktake.variant import VariantRecord
from .shop import ShopSession


@dataclass
class HistoryWritten:
    written: int  # variants whose history now holds this count
    reset: int  # of them, histories that could not be read (edited by hand) and started afresh


async def _stored(shop: ShopSession, name: str, ids: list[str]) -> dict[str, StoredHistory]:
    found = await session_histories(shop.client, name)
    missing = [v for v in ids if v not in found]  # e.g. a product untagged by hand meanwhile
    if missing:
        found.update(await histories_by_ids(shop.client, missing))
    return {v: found.get(v, StoredHistory()) for v in ids}


async def record_finalized(shop: ShopSession, name: str, variants: list[VariantRecord], *, at: str) -> HistoryWritten:
    """Add each counted variant's count of session `name` to its history (replacing the same
    count written by an interrupted run)."""
    entries: dict[str, HistoryEntry] = {}
    for v in variants:
        if v.takes_part(name) and v.counts is not None and (entry := entry_for(v.counts, at)) is not None:
            entries[v.id] = entry
    if not entries:
        return HistoryWritten(0, 0)
    # The histories the variants' read brought (finalize's `closing` reading); the rest read here.
    known = {v.id: read_with(*v.history) for v in variants if v.id in entries and v.history is not None}
    unread = [v for v in entries if v not in known]
    stored = {**known, **(await _stored(shop, name, unread) if unread else {})}
    reset = sum(1 for s in stored.values() if s.problem)
    written = await update_histories(shop.client, stored, lambda v, old: with_entry(old, entries[v]))
    return HistoryWritten(written, reset)


async def _note(shop: ShopSession, name: str, *, reverted: bool, variants: list[VariantRecord] | None = None) -> int:
    if variants is None:
        variants = await load_session_variants(shop.client, name)
    changes = {v.id: (v.counts.snapshot_at, None if reverted else sum(v.counts.applied.values()))
               for v in variants if v.counts is not None and v.in_session(name) and v.counts.snapshot_at}
    if not changes:
        return 0
    # The histories the variants' read brought (apply's `applying` reading); the rest read here.
    known = {v.id: read_with(*v.history) for v in variants if v.id in changes and v.history is not None}
    unread = [v for v in changes if v not in known]
    stored = {**known, **(await _stored(shop, name, unread) if unread else {})}
    return await update_histories(shop.client, stored, lambda v, old: with_applied(old, name, *changes[v]))


async def note_applied(shop: ShopSession, name: str, variants: list[VariantRecord] | None = None) -> int:
    """After a successful apply: each count's `applied` is the change written to Shopify (0 where
    the record was right). Returns the histories changed. `variants`: the session's variants with
    the counts as the apply left them (and their histories, when read with them); without them
    they are read."""
    return await _note(shop, name, reverted=False, variants=variants)


async def note_reverted(shop: ShopSession, name: str) -> int:
    """After a revert: the counts of session `name` are no longer applied."""
    return await _note(shop, name, reverted=True)


async def last_counts(shop: ShopSession, name: str, last_done: dict[str, str | None]) -> dict[str, LastCount]:
    """What the grid and the counter show for the variants of session `name`: when each was last
    counted and by how much its last finalized count differed from the record. `last_done`:
    variant gid -> its `last_done` (the grid's rows have it), for counts from before histories."""
    stored = await session_histories(shop.client, name)
    return {v: LastCount.of(stored[v].entries if v in stored else [], done) for v, done in last_done.items()}
