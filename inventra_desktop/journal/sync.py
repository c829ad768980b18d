"""Delivering the journal's operations to Shopify, exactly once (DESIGN.md section 5).

Operations are grouped per variant and coalesced into one write; writes batch up to
Shopify's 25 metafields per call and carry the compare digest; the `ops` watermark in
`counts` turns a replay (after a crash or a lost answer) into a no-op.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable

from filelock import FileLock, Timeout

from ..shopify.client import AdminClient
from ..stocktake.clock import iso_ago
from ..stocktake.counting import ACTIVE_WINDOW, Outcome, apply_operations, counted_lately
from ..stocktake.models import CountOperation, SessionState
from ..gateway.records import load_session_states
from ..gateway.variant_state import update_variants
from ..stocktake.changes import Known, NewState
from .store import Journal

log = logging.getLogger(__name__)

# Variants per read-apply-write round: the CPU of a round (decoding, applying, encoding: about
# half a millisecond a variant) runs on the event loop between two requests, so a backlog of
# thousands of operations must not be one round. 50 is a whole read (50 ids a call) and fills
# whole writes (25 metafields a call) with 1, 2 or 3 metafields a variant.
DELIVERY_SLICE = 50

# A digest of a variant no other device has counted lately (stocktake/counting.ACTIVE_WINDOW, as
# last read) is trusted this long: another device starting on it meanwhile costs one refused
# write and a read, never a wrong count (the compare digest).
LONE_TRUST = 600.0

DbRunner = Callable[..., Awaitable[Any]]
# How long a delivery waits for another process of the same data folder to finish its own; after
# that the operations stay waiting (saved, delivered by the next delivery).
TURN_WAIT = 30.0


@asynccontextmanager
async def delivery_turn(journal_path: Path, wait: float = TURN_WAIT) -> AsyncIterator[bool]:
    """One delivery of a journal at a time, across processes: several `inventra count` started at
    once on one folder (a script that runs one per scan) would otherwise each send what another
    was sending, and read the other's landed writes as another machine using this device's id.
    Yields False when the turn did not come within `wait` seconds (nothing is delivered then)."""
    lock = FileLock(journal_path.with_name(journal_path.name + ".delivering"), mode=0o600, is_singleton=False)
    deadline = time.monotonic() + wait
    while True:
        try:
            lock.acquire(timeout=0)
            break
        except Timeout:
            if time.monotonic() > deadline:
                yield False
                return
            await asyncio.sleep(0.02)
    try:
        yield True
    finally:
        lock.release()


async def _inline(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(*args)


@dataclass
class SyncReport:
    delivered: int = 0
    rejected: list[tuple[CountOperation, str]] = field(default_factory=list)
    waiting: int = 0
    renewed: list[str] = field(default_factory=list)  # fresh device ids taken on the way (see `rekey`)


Renew = Callable[[str], str]  # the device id to replace -> a fresh one (persisted by the workspace)


def _fresh_id(_: str) -> str:
    return uuid.uuid4().hex


class SyncEngine:
    def __init__(self, client: AdminClient, journal: Journal, device_name: str, *,
                 db: DbRunner | None = None, renew: Renew | None = None) -> None:
        """`db` runs a journal call where the journal lives (the GUI's desk: its journal thread,
        so a commit's fsync never blocks the event loop); by default the call runs inline.
        `renew` gives this device a fresh id when the shop shows that another journal uses its
        id (journal/device.py); by default a fresh id for this journal only."""
        self.client, self.journal, self.device_name = client, journal, device_name
        self._db = db or _inline
        self._renew = renew or _fresh_id
        self.cache: dict[str, Known] = {}  # what this device last wrote: saves a read per delivery
        # A variant this device wrote moments ago is most likely still as we left it (the kiosk
        # is still tapping it); after that, another device has probably been there, unless no
        # other device has counted it lately (`lone_trust_seconds`: a kiosk works its own shelf).
        self.trust_seconds = 10.0
        self.lone_trust_seconds = LONE_TRUST

    def _max_age(self, known: Known) -> float:
        """How old a known digest may be and still be written against without reading first."""
        others = counted_lately(known.state.counts, iso_ago(ACTIVE_WINDOW)) - {self.device_name}
        return self.trust_seconds if others else max(self.trust_seconds, self.lone_trust_seconds)

    async def deliver(self, batch_limit: int = 2000) -> SyncReport:
        async with delivery_turn(self.journal.path) as turn:
            if not turn:
                return SyncReport(waiting=await self._db(self.journal.pending_count))
            return await self._deliver_all(batch_limit)

    async def _deliver_all(self, batch_limit: int) -> SyncReport:
        report = SyncReport()
        while True:
            ops = await self._db(self.journal.pending, batch_limit)
            if not ops:
                break
            conflicts = await self._deliver(ops, report)
            if conflicts:  # they wait again under a fresh id: deliver them now
                await self._rekey(conflicts, report)
                continue
            if len(ops) < batch_limit:
                break
        report.waiting = await self._db(self.journal.pending_count)
        return report

    async def _rekey(self, conflicts: list[CountOperation], report: SyncReport) -> None:
        """Another journal uses this device's id (the shop holds a watermark this journal never
        wrote): take a fresh id and give it the operations that would have been dropped."""
        old = {op.device_id for op in conflicts}
        current = self.journal.device_id
        # Only the id this journal records with now needs replacing; operations of an id it retired
        # before go to the current one.
        fresh = self._renew(current) if current in old else current
        log.warning("device id %s is used by another journal too (restored backup or cloned folder?); "
                    "%d operations go again as device %s", ", ".join(sorted(old)), len(conflicts), fresh)
        await self._db(self.journal.rekey, [op.op_id for op in conflicts], fresh)
        report.renewed.append(fresh)
        if len(report.renewed) > 3:  # a fresh id cannot be taken already: something else is wrong
            raise RuntimeError("the device id keeps clashing with the shop's records; the operations stay safe in "
                               "the journal")

    async def _deliver(self, ops: list[CountOperation], report: SyncReport) -> list[CountOperation]:
        """Deliver `ops`; returns those that must go again under a fresh device id."""
        states: dict[str, SessionState] = await load_session_states(self.client)
        by_variant: dict[str, list[CountOperation]] = {}
        for op in ops:
            by_variant.setdefault(op.variant, []).append(op)
        variants = list(by_variant)
        conflicts: list[CountOperation] = []
        for i in range(0, len(variants), DELIVERY_SLICE):
            conflicts += await self._deliver_slice({v: by_variant[v] for v in variants[i:i + DELIVERY_SLICE]},
                                                   states, report)
        return conflicts

    async def _deliver_slice(self, by_variant: dict[str, list[CountOperation]], states: dict[str, SessionState],
                             report: SyncReport) -> list[CountOperation]:
        outcomes: dict[str, list[Outcome]] = {}
        unreadable: dict[str, str] = {}

        def change(variant: str, known: Known) -> NewState | None:
            mine = by_variant[variant]
            if known.state.counts is None and known.problems:
                unreadable[variant] = dict(known.problems).get("counts", known.problems[0][1])
                return None
            unreadable.pop(variant, None)
            applied = apply_operations(known.state, mine, self.device_name, states.get(mine[0].session))
            outcomes[variant] = applied.outcomes
            if not applied.changed or applied.state.counts is None:
                return None
            before = known.state
            return NewState(applied.state.counts,
                            applied.state.status if applied.state.status != before.status else None,
                            applied.state.last_done if applied.state.last_done != before.last_done else None)

        async def sending(variants: list[str]) -> None:
            # From here on these may land: a watermark above them is a replay, not another journal.
            # Marked only now that the shop's watermark was read: an operation it shows as another
            # journal's (a conflict) goes in no write and must stay unsent.
            unsent = [o.op for v in variants for o in outcomes.get(v, []) if (o.applied or o.rejected) and not o.op.sent]
            if unsent:
                await self._db(self.journal.mark_sent, [op.op_id for op in unsent])
                for op in unsent:  # a retry after a lost answer must read our own watermark as a replay
                    op.sent = True

        # Every operation decides the status itself, so reading `counts` alone is enough.
        await update_variants(self.client, list(by_variant), change, self.cache, counts_only=True,
                              max_age=self._max_age, before_write=sending)
        delivered: list[str] = []
        rejected: list[tuple[CountOperation, str]] = []
        conflicts: list[CountOperation] = []
        for variant, mine in by_variant.items():
            if variant in unreadable:
                reason = (f"the variant's stock-take data in Shopify is unreadable ({unreadable[variant]}); "
                          "reset the variant, then count it again")
                rejected += [(op, reason) for op in mine]
                continue
            if variant not in outcomes:
                rejected += [(op, "the variant no longer exists in the shop") for op in mine]
                continue
            for outcome in outcomes[variant]:
                if outcome.conflict:
                    conflicts.append(outcome.op)
                elif outcome.rejected:
                    rejected.append((outcome.op, outcome.reason or ""))
                else:
                    delivered.append(outcome.op.op_id)
        for op, reason in rejected:
            log.warning("operation %s (seq %s) rejected: %s", op.op_id, op.seq, reason)

        def settle() -> None:
            for op, reason in rejected:
                self.journal.mark_rejected(op.op_id, reason)
            self.journal.mark_delivered(delivered)
        await self._db(settle)
        report.rejected += rejected
        report.delivered += len(delivered)
        return conflicts
