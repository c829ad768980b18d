"""Read what a session report needs from the shop (the CLI's `report` and the finalize dialog)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..shopify.client import AdminClient
from .models import Settings
from .reports import SessionReport, build_report
from .sessions import get_session
from .shopdata import load_records
from .variants import load_session_variants


async def load_session_report(client: AdminClient, name: str, *,
                              apply_failures: list[tuple[str, str]] | None = None) -> SessionReport:
    """The report of session `name` as the shop has it now; `apply_failures` are the
    (variant gid, reason) pairs this device's journal could not deliver; the lines the last
    apply could not write come from the session record."""
    session = await get_session(client, name)
    records = await load_records(client)
    variants = await load_session_variants(client, name)
    costs: dict[str, Decimal] = {}
    for v in variants:
        try:
            if v.unit_cost is not None:
                costs[v.id] = Decimal(v.unit_cost)
        except InvalidOperation:  # a cost someone typed oddly: no value for that line, not a failed report
            pass
    # What the apply wrote is ours, not a movement: it is taken out of what moved.
    moved = {v.id: sum(v.on_hand.get(loc, 0) - base - v.counts.applied.get(loc, 0)
                       for loc, base in v.counts.baseline.items())
             for v in variants if v.counts and v.in_session(name)}
    applied = {v.id: sum(v.counts.applied.values()) for v in variants if v.counts and v.counts.applied}
    failures = list(apply_failures or []) + [(variant, why) for variant, why in session.apply_failed]
    return build_report(session, records.areas or [], variants, settings=records.settings or Settings(),
                        unit_costs=costs, moved=moved, applied=applied, apply_failures=failures)
