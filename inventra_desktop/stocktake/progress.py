"""How far a count has come: the figures behind the progress view's charts (pure, no shop)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import Area, Status
from .variant import VariantRecord

# Variance buckets (counted − baseline, units), as a manager reads them: small misses apart from big ones.
VARIANCE_BUCKETS: list[tuple[str, int | None, int | None]] = [
    ("≤ −10", None, -10), ("−9 … −5", -9, -5), ("−4 … −1", -4, -1), ("0", 0, 0),
    ("+1 … +4", 1, 4), ("+5 … +9", 5, 9), ("≥ +10", 10, None),
]


@dataclass(frozen=True)
class AreaProgress:
    key: str
    label: str
    counted: int  # variants with this area marked counted
    units: int  # units counted in this area
    total: int  # variants taking part


@dataclass(frozen=True)
class SessionProgress:
    statuses: dict[Status, int]  # pending / in progress / done among the variants taking part
    areas: list[AreaProgress]
    variances: list[tuple[str, int]] | None  # (bucket label, variants); None when the count is blind

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    @property
    def done(self) -> int:
        return self.statuses.get(Status.DONE, 0)


def session_progress(variants: Iterable[VariantRecord], areas: list[Area], name: str, *,
                     blind: bool) -> SessionProgress:
    """Counts per status and per area; the variance distribution of the variants counted so far
    (in progress or done), left out of a blind count, where the baseline is not shown."""
    taking = [v for v in variants if v.takes_part(name)]
    statuses = {s: 0 for s in (Status.PENDING, Status.IN_PROGRESS, Status.DONE)}
    buckets = [0] * len(VARIANCE_BUCKETS)
    per_area = {a.key: [0, 0] for a in areas}
    for v in taking:
        status = v.status or Status.PENDING
        statuses[status] = statuses.get(status, 0) + 1
        counts = v.counts
        if counts is None:
            continue
        for key, count in counts.areas.items():
            if key in per_area:
                per_area[key][0] += int(count.counted)
                per_area[key][1] += count.qty
        if status is not Status.PENDING and counts.baseline:
            buckets[bucket_of(counts.total - sum(counts.baseline.values()))] += 1
    return SessionProgress(
        statuses, [AreaProgress(a.key, a.label, per_area[a.key][0], per_area[a.key][1], len(taking)) for a in areas],
        None if blind else [(label, n) for (label, _, _), n in zip(VARIANCE_BUCKETS, buckets)])


def bucket_of(variance: int) -> int:
    for i, (_, low, high) in enumerate(VARIANCE_BUCKETS):
        if (low is None or variance >= low) and (high is None or variance <= high):
            return i
    raise AssertionError(variance)  # the buckets cover every integer
