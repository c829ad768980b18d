"""Review (DESIGN.md section 2): variances above a threshold, which a manager accepts or sends
back for a recount (status back to in progress; the counts stay, so the counter corrects)."""

from __future__ import annotations

from dataclasses import dataclass

from .changes import Known, NewState
from .models import Settings, Status
from .variant import VariantRecord


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


def back_to_counting(variant_id: str, known: Known) -> NewState | None:
    """A recount: back to in progress, the counts kept."""
    if known.state.counts is None:
        return None
    return NewState(known.state.counts.model_copy(deep=True), Status.IN_PROGRESS)
