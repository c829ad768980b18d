"""What a session looks like now: variants per status, areas counted, what waits or was refused."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .areas import session_areas
from .models import Area, SessionRecord, Status
from .variant import VariantRecord


@dataclass
class Problem:
    variant: str
    sku: str | None
    key: str
    reason: str


@dataclass
class SessionStatus:
    session: str
    state: str
    variants: int
    by_status: dict[str, int]
    omitted: int
    areas_counted: dict[str, int]  # area key -> variants with that area counted
    waiting: int
    rejected: int
    problems: list[Problem] = field(default_factory=list)
    not_snapshotted: int = 0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def session_status(record: SessionRecord, variants: list[VariantRecord], areas: list[Area], *,
                   waiting: int, rejected: int) -> SessionStatus:
    name = record.name
    statuses: Counter[str] = Counter()
    counted: Counter[str] = Counter({a.key: 0 for a in session_areas(record, areas)})
    omitted = not_snapshotted = 0
    problems = [Problem(v.id, v.sku, key, reason) for v in variants for key, reason in v.problems]
    for v in variants:
        if v.bundle_parent or v.omit or (v.counts and v.counts.session == name and v.counts.omitted):
            omitted += 1
            continue
        if not v.in_session(name):
            if record.snapshot_at and not any(k == "counts" for k, _ in v.problems):
                not_snapshotted += 1
            continue
        statuses[(v.status or Status.PENDING).value] += 1
        for key, area in (v.counts.areas if v.counts else {}).items():
            if area.counted:
                counted[key] += 1
    return SessionStatus(name, record.state.value, len(variants),
                         {s.value: statuses.get(s.value, 0) for s in Status}, omitted, dict(counted), waiting,
                         rejected, problems, not_snapshotted)
