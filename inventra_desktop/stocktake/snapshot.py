"""Snapshot rules (DESIGN.md section 2): a fresh `counts` record per variant, baseline from
Shopify's on-hand stock at the mapped locations, and an empty `ops` watermark.

The watermark is pruned here, and only here: every operation carries the snapshot it was made
for, and one made before this snapshot is refused at delivery whatever its sequence number
(counting.py), so no entry of the old watermark is needed any more. That bounds `counts`: one
entry per device that counted the variant since its snapshot (issue 14 item 5: it used to grow
by 37 bytes per device id ever seen, until Shopify's 128 KB refused every write). A reset of one
variant keeps the watermark: it keeps the snapshot, so operations made before it still apply.
"""

from __future__ import annotations

from .areas import mapped_locations
from .changes import Change, Known, NewState
from .models import Area, AreaCount, SessionRecord, Status, VariantCounts
from .variant import VariantRecord


def fresh_counts(session: SessionRecord, snapshot_at: str, areas: list[Area], variant: VariantRecord) -> VariantCounts:
    baseline = {loc: variant.on_hand.get(loc, 0) for loc in mapped_locations(areas)}
    return VariantCounts(session=session.name, snapshot_at=snapshot_at, baseline=baseline,
                         areas={a.key: AreaCount() for a in areas}, omitted=False, ops={})


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
    """Write each variant's planned fresh counts (an operation delivered since we read was made
    for the old snapshot: refused if it comes again, so its watermark goes too)."""
    def change(variant_id: str, known: Known) -> NewState:
        return fresh_state(plans[variant_id].model_copy(deep=True))
    return change
