"""Finalize (the completion gate, the uncounted choice, area tags) and release."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Literal

from ..shopify.client import AdminClient
from ..shopify.documents import document
from .batch import run_many
from .models import (
    ALERT_TAG_PREFIX,
    LOCATION_TAG_PREFIX,
    Area,
    AreaCount,
    SessionState,
    Status,
)
from .sessions import SessionError, get_session, set_state
from .shopdata import load_records
from .snapshot import session_areas
from .variants import VariantRecord, load_session_variants
from .writer import Known, NewState, update_variants

Uncounted = Literal["zero", "omit"]


class GateClosed(SessionError):
    def __init__(self, name: str, not_done: list[VariantRecord]) -> None:
        self.not_done = not_done
        examples = ", ".join(v.sku or v.display_name for v in not_done[:5])
        super().__init__(f"Session {name} cannot be finalized: {len(not_done)} variants are not done ({examples}"
                         f"{', …' if len(not_done) > 5 else ''}). Count them and mark them done, or finalize with "
                         "--uncounted zero (count them as 0) or --uncounted omit (leave them out).")


@dataclass
class FinalizeReport:
    participants: int
    zeroed: int = 0
    omitted: int = 0
    tags_added: int = 0
    tags_removed: int = 0
    alerts: list[tuple[str, str]] = field(default_factory=list)  # (product title, area key)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def area_tags(variants: list[VariantRecord], name: str, areas: list[Area]) -> tuple[set[str], set[str]]:
    """The location tags and alert tags a product's counted stock calls for."""
    standard = {a.key: a.standard for a in areas}
    held = {key for v in variants if v.takes_part(name) and v.counts
            for key, count in v.counts.areas.items() if count.qty > 0}
    return ({LOCATION_TAG_PREFIX + k for k in held},
            {ALERT_TAG_PREFIX + k for k in held if not standard.get(k, True)})


async def finalize(client: AdminClient, name: str, *, by: str, uncounted: Uncounted | None = None) -> FinalizeReport:
    session = await get_session(client, name)
    if session.state is not SessionState.SNAPSHOTTED:
        raise SessionError(f"Session {name} is {session.state.value}; only a session being counted can be finalized."
                           if session.state is not SessionState.FINALIZED else f"Session {name} is already finalized.")
    records = await load_records(client)
    areas = session_areas(session, records.areas or [])
    variants = await load_session_variants(client, name)
    unreadable = [v for v in variants if not v.bundle_parent and not v.omit
                  and any(key == "counts" for key, _ in v.problems)]
    if unreadable:  # neither done nor omitted: the gate cannot pass over them, and no choice covers them
        raise SessionError(f"{len(unreadable)} variants of session {name} have unreadable stock-take data "
                           f"({', '.join(v.sku or v.display_name for v in unreadable[:5])}): reset them "
                           "(inventra reset) and count them before finalizing.")
    participants = [v for v in variants if v.takes_part(name)]
    not_done = [v for v in participants if v.status is not Status.DONE]
    report = FinalizeReport(len(participants))
    if not_done and uncounted is None:
        raise GateClosed(name, not_done)
    if not_done:
        stamp = _now()

        def close(variant_id: str, known: Known) -> NewState | None:
            counts, status = known.state.counts, known.state.status
            if counts is None or counts.session != name or status is Status.DONE or counts.omitted:
                return None  # someone finished it meanwhile
            counts = counts.model_copy(deep=True)
            if uncounted == "omit":
                counts.omitted = True
                return NewState(counts)
            for area in areas:  # exactly an explicit done: areas never counted become counted at 0
                entry = counts.areas.setdefault(area.key, AreaCount())
                if not entry.counted:
                    entry.counted, entry.by, entry.at = True, by, stamp
            return NewState(counts, Status.DONE, last_done=stamp)
        written = await update_variants(client, [v.id for v in not_done], close)
        if uncounted == "omit":
            report.omitted = len(written)
        else:
            report.zeroed = len(written)
        variants = await load_session_variants(client, name)
        not_done = [v for v in variants if v.takes_part(name) and v.status is not Status.DONE]
        if not_done:
            raise GateClosed(name, not_done)
    await _retag(client, variants, name, areas, report)
    await set_state(client, name, SessionState.FINALIZED, "finalized", by, note=uncounted,
                    uncounted_choice=uncounted)
    return report


async def _retag(client: AdminClient, variants: list[VariantRecord], name: str, areas: list[Area],
                 report: FinalizeReport) -> None:
    products: dict[str, list[VariantRecord]] = {}
    for v in variants:
        products.setdefault(v.product_id, []).append(v)
    adds, removes = [], []
    for product_id, members in products.items():
        wanted_locations, wanted_alerts = area_tags(members, name, areas)
        current = set(members[0].product_tags)
        ours = {t for t in current if t.startswith((LOCATION_TAG_PREFIX, ALERT_TAG_PREFIX))}
        wanted = wanted_locations | wanted_alerts
        if wanted - current:
            adds.append({"id": product_id, "tags": sorted(wanted - current)})
        if ours - wanted:
            removes.append({"id": product_id, "tags": sorted(ours - wanted)})
        report.alerts += [(members[0].product_title, t[len(ALERT_TAG_PREFIX):]) for t in sorted(wanted_alerts)]
    await run_many(client, document("TagsAdd"), adds)
    await run_many(client, document("TagsRemove"), removes)
    report.tags_added = sum(len(a["tags"]) for a in adds)
    report.tags_removed = sum(len(r["tags"]) for r in removes)


@dataclass
class ReleaseReport:
    variants_reset: int
    products_untagged: int


async def release(client: AdminClient, name: str, *, by: str) -> ReleaseReport:
    """Counters to zero, statuses pending, session omissions cleared, session tags removed.
    Area tags, alerts, current_qty, last_done, the omit flag and the ops watermark stay.
    Interrupted and run again, it finishes the job."""
    session = await get_session(client, name)
    if session.state is SessionState.SNAPSHOTTED:
        raise SessionError(f"Session {name} is still being counted: finalize it first.")
    variants = await load_session_variants(client, name)

    def reset(variant_id: str, known: Known) -> NewState | None:
        counts = known.state.counts
        if counts is None or counts.session != name:
            return None  # released already, or never part of it
        counts = counts.model_copy(deep=True)
        counts.areas = {key: AreaCount() for key in counts.areas}
        counts.omitted = False
        counts.session = None  # counts made for this session no longer apply
        return NewState(counts, Status.PENDING)
    written = await update_variants(client, [v.id for v in variants if v.in_session(name)], reset)
    tagged = sorted({v.product_id for v in variants if session.tag in v.product_tags} | set(session.product_ids))
    await run_many(client, document("TagsRemove"), [{"id": p, "tags": [session.tag]} for p in tagged])
    if session.state is not SessionState.RELEASED:
        await set_state(client, name, SessionState.RELEASED, "released", by)
    return ReleaseReport(len(written), len(tagged))
