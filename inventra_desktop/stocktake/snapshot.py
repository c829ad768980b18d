"""Snapshot rules (DESIGN.md section 2): a fresh `counts` record per variant, baseline from
Shopify's on-hand stock at the mapped locations; the `ops` watermark survives it."""

from __future__ import annotations

from .areas import mapped_locations
from .changes import Change, Known, NewState
from .models import Area, AreaCount, SessionRecord, Status, VariantCounts
from .variant import VariantRecord


def fresh_counts(session: SessionRecord, snapshot_at: str, areas: list[Area], variant: VariantRecord) -> VariantCounts:
    baseline = {loc: variant.on_hand.get(loc, 0) for loc in mapped_locations(areas)}
    ops = dict(variant.counts.ops) if variant.counts else {}  # the watermark survives a new snapshot
    return VariantCounts(session=session.name, snapshot_at=snapshot_at, baseline=baseline,
                         areas={a.key: AreaCount() for a in areas}, omitted=False, ops=ops)


def has_counts(variant: VariantRecord, name: str) -> bool:
    """Counted in session `name` already (a new snapshot would throw that away)."""
    c = variant.counts
    return bool(c and c.session == name and (any(a.counted or a.qty for a in c.areas.values())
                                             or variant.status in (Status.IN_PROGRESS, Status.DONE)))


def survey(variants: list[VariantRecord], name: str) -> tuple[int, list[VariantRecord], int, int]:
    """Variants already counted in `name`, the variants to snapshot, bundle parents, omitted ones."""
    counted = sum(1 for v in variants if has_counts(v, name))
    takers = [v for v in variants if not v.bundle_parent and not v.omit]
    return (counted, takers, sum(v.bundle_parent for v in variants),
            sum(1 for v in variants if v.omit and not v.bundle_parent))


def fresh_state(counts: VariantCounts) -> NewState:
    """What a snapshot writes: the counts, status pending, current_qty the baseline's sum."""
    return NewState(counts, Status.PENDING, current_qty=sum(counts.baseline.values()))


def renewal(plans: dict[str, VariantCounts]) -> Change:
    """Write each variant's planned fresh counts, keeping the newest watermark (even one written
    since we read)."""
    def change(variant_id: str, known: Known) -> NewState:
        counts = plans[variant_id].model_copy(deep=True)
        if known.state.counts:
            counts.ops = {**counts.ops, **known.state.counts.ops}
        return fresh_state(counts)
    return change
