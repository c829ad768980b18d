"""Delivering the journal's operations to Shopify, exactly once (DESIGN.md section 5).

Operations are grouped per variant and coalesced into one write; writes batch up to
Shopify's 25 metafields per call and carry the compare digest; the `ops` watermark in
`counts` turns a replay (after a crash or a lost answer) into a no-op.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..shopify.client import AdminClient
from ..stocktake.counting import Outcome, apply_operations
from ..stocktake.models import CountOperation, SessionState
from ..stocktake.shopdata import load_session_states
from ..stocktake.writer import Known, NewState, update_variants
from .store import Journal

log = logging.getLogger(__name__)


@dataclass
class SyncReport:
    delivered: int = 0
    rejected: list[tuple[CountOperation, str]] = field(default_factory=list)
    waiting: int = 0


class SyncEngine:
    def __init__(self, client: AdminClient, journal: Journal, device_name: str) -> None:
        self.client, self.journal, self.device_name = client, journal, device_name
        self.cache: dict[str, Known] = {}  # what this device last wrote: saves a read per delivery
        # A variant this device wrote moments ago is most likely still as we left it (the kiosk
        # is still tapping it); after that, another device has probably been there.
        self.trust_seconds = 10.0

    async def deliver(self, batch_limit: int = 2000) -> SyncReport:
        report = SyncReport()
        while True:
            ops = self.journal.pending(limit=batch_limit)
            if not ops:
                break
            await self._deliver(ops, report)
            if len(ops) < batch_limit:
                break
        report.waiting = self.journal.pending_count()
        return report

    async def _deliver(self, ops: list[CountOperation], report: SyncReport) -> None:
        states: dict[str, SessionState] = await load_session_states(self.client)
        by_variant: dict[str, list[CountOperation]] = {}
        for op in ops:
            by_variant.setdefault(op.variant, []).append(op)
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
        for variant, mine in by_variant.items():
            if variant in unreadable:
                reason = (f"the variant's stock-take data in Shopify is unreadable ({unreadable[variant]}); "
                          "reset the variant, then count it again")
                for op in mine:
                    self._reject(op, reason, report)
                continue
            if variant not in outcomes:
                for op in mine:
                    self._reject(op, "the variant no longer exists in the shop", report)
                continue
            for outcome in outcomes[variant]:
                if outcome.rejected:
                    self._reject(outcome.op, outcome.reason or "", report)
                else:
                    delivered.append(outcome.op.op_id)
        self.journal.mark_delivered(delivered)
        report.delivered += len(delivered)

    def _reject(self, op: CountOperation, reason: str, report: SyncReport) -> None:
        log.warning("operation %s (seq %s) rejected: %s", op.op_id, op.seq, reason)
        self.journal.mark_rejected(op.op_id, reason)
        report.rejected.append((op, reason))
