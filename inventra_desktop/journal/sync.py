"""Delivering the journal's operations to Shopify, exactly once (DESIGN.md section 5).

Operations are grouped per variant and coalesced into one write; writes batch up to
Shopify's 25 metafields per call and carry the compare digest; the `ops` watermark in
`counts` turns a replay (after a crash or a lost answer) into a no-op.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

from ..shopify.client import AdminClient
from ..stocktake.counting import Outcome, apply_operations
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

DbRunner = Callable[..., Awaitable[Any]]


async def _inline(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(*args)


@dataclass
class SyncReport:
    delivered: int = 0
    rejected: list[tuple[CountOperation, str]] = field(default_factory=list)
    waiting: int = 0


class SyncEngine:
    def __init__(self, client: AdminClient, journal: Journal, device_name: str, *,
                 db: DbRunner | None = None) -> None:
        """`db` runs a journal call where the journal lives (the GUI's desk: its journal thread,
        so a commit's fsync never blocks the event loop); by default the call runs inline."""
        self.client, self.journal, self.device_name = client, journal, device_name
        self._db = db or _inline
        self.cache: dict[str, Known] = {}  # what this device last wrote: saves a read per delivery
        # A variant this device wrote moments ago is most likely still as we left it (the kiosk
        # is still tapping it); after that, another device has probably been there.
        self.trust_seconds = 10.0

    async def deliver(self, batch_limit: int = 2000) -> SyncReport:
        report = SyncReport()
        while True:
            ops = await self._db(self.journal.pending, batch_limit)
            if not ops:
                break
            await self._deliver(ops, report)
            if len(ops) < batch_limit:
                break
        report.waiting = await self._db(self.journal.pending_count)
        return report

    async def _deliver(self, ops: list[CountOperation], report: SyncReport) -> None:
        states: dict[str, SessionState] = await load_session_states(self.client)
        by_variant: dict[str, list[CountOperation]] = {}
        for op in ops:
            by_variant.setdefault(op.variant, []).append(op)
        variants = list(by_variant)
        for i in range(0, len(variants), DELIVERY_SLICE):
            await self._deliver_slice({v: by_variant[v] for v in variants[i:i + DELIVERY_SLICE]}, states, report)

    async def _deliver_slice(self, by_variant: dict[str, list[CountOperation]], states: dict[str, SessionState],
                             report: SyncReport) -> None:
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

        # Every operation decides the status itself, so reading `counts` alone is enough.
        await update_variants(self.client, list(by_variant), change, self.cache, counts_only=True,
                              max_age=self.trust_seconds)
        delivered: list[str] = []
        rejected: list[tuple[CountOperation, str]] = []
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
                if outcome.rejected:
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
