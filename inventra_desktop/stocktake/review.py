"""Review (DESIGN.md section 2): variances above a threshold, accepted by a manager or sent back
for a recount (status back to in_progress, with a note); both recorded in the session record."""

from __future__ import annotations

from dataclasses import dataclass

from ..shopify.client import AdminClient
from .models import SessionState, Settings, Status
from .sessions import SessionError, get_session, set_state
from .variants import VariantRecord
from .writer import Known, NewState, update_variants


@dataclass(frozen=True)
class Flagged:
    variant: VariantRecord
    baseline: int
    variance: int  # counted − baseline


def flag_variances(variants: list[VariantRecord], name: str, settings: Settings,
                   threshold: int | None = None) -> list[Flagged]:
    """Counted variants whose variance is above `threshold` units (or, without one, above the
    shop's units or percent threshold), biggest first."""
    units = settings.review_threshold_units if threshold is None else threshold
    out = []
    for v in variants:
        if not v.takes_part(name) or v.counts is None or v.status in (None, Status.PENDING):
            continue  # not counted yet: its zero says nothing about the shelf
        baseline = sum(v.counts.baseline.values())
        variance = v.counts.total - baseline
        share = abs(variance) * 100 / baseline if baseline else (100.0 if variance else 0.0)
        if abs(variance) > units or (threshold is None and share > settings.review_threshold_percent):
            out.append(Flagged(v, baseline, variance))
    return sorted(out, key=lambda f: -abs(f.variance))


async def send_back(client: AdminClient, name: str, variants: list[VariantRecord], *, by: str) -> None:
    """Back to in progress for a recount (the counts stay, so the counter corrects rather than restarts)."""
    session = await get_session(client, name)
    if session.state is not SessionState.SNAPSHOTTED:
        raise SessionError(f"Session {name} is {session.state.value}: recounts happen before finalize.")

    def back(variant_id: str, known: Known) -> NewState | None:
        if known.state.counts is None:
            return None
        return NewState(known.state.counts.model_copy(deep=True), Status.IN_PROGRESS)
    await update_variants(client, [v.id for v in variants], back)
    await set_state(client, name, session.state, "review", by,
                    note="recount: " + ", ".join(v.sku or v.id for v in variants))


async def accept(client: AdminClient, name: str, flagged: list[Flagged], *, by: str, units: int) -> None:
    session = await get_session(client, name)
    await set_state(client, name, session.state, "review", by,
                    note=f"accepted {len(flagged)} variances above {units} units")
