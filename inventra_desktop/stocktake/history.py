"""A variant's count history (`history` metafield, DESIGN.md section 3): what finalize adds, what
apply and revert note, and what the grid and the counter show of it.

A count is one entry per session and snapshot (`session` + `snapshot_at`): finalize run again
after an interruption replaces its entry, never adds a second one; the last `HISTORY_KEPT`
counts are kept (codec.encode_history).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .codec import HISTORY_KEPT
from .cycle import day_of
from .models import HistoryEntry, VariantCounts


def entry_for(counts: VariantCounts, at: str) -> HistoryEntry | None:
    """The finalized count of a variant whose `counts` are the session's (None without a snapshot):
    baseline summed over the counted locations, the areas counted (0 too), who counted them and
    when the last of them was counted."""
    if counts.session is None or counts.snapshot_at is None:
        return None
    counted = {key: area for key, area in counts.areas.items() if area.counted}
    stamps = [a.at for a in counted.values() if a.at]
    return HistoryEntry(session=counts.session, snapshot_at=counts.snapshot_at, at=at,
                        baseline=sum(counts.baseline.values()), counted=counts.total,
                        by=sorted({a.by for a in counted.values() if a.by}),
                        areas={key: area.qty for key, area in counted.items()},
                        counted_at=max(stamps) if stamps else None)


def _same(a: HistoryEntry, session: str, snapshot_at: str) -> bool:
    return a.session == session and a.snapshot_at == snapshot_at


def with_entry(entries: list[HistoryEntry], entry: HistoryEntry) -> list[HistoryEntry]:
    """`entries` with `entry` as the newest count, replacing the same count written before
    (what the apply wrote to it stays)."""
    before = next((e for e in entries if _same(e, entry.session, entry.snapshot_at)), None)
    if before is not None and before.applied is not None and entry.applied is None:
        entry = entry.model_copy(update={"applied": before.applied})
    kept = [e for e in entries if not _same(e, entry.session, entry.snapshot_at)]
    return (kept + [entry])[-HISTORY_KEPT:]


def with_applied(entries: list[HistoryEntry], session: str, snapshot_at: str,
                 applied: int | None) -> list[HistoryEntry] | None:
    """`entries` with the change an apply wrote for that count (None: reverted), or None when
    there is nothing to change."""
    out, changed = [], False
    for e in entries:
        if _same(e, session, snapshot_at) and e.applied != applied:
            e, changed = e.model_copy(update={"applied": applied}), True
        out.append(e)
    return out if changed else None


@dataclass(frozen=True)
class LastCount:
    """What the grid and the counter show: when the variant was last counted, and by how much the
    count differed from the record then (None before its first finalized count)."""

    counted: date | None
    variance: int | None

    @classmethod
    def of(cls, entries: list[HistoryEntry] | tuple[HistoryEntry, ...], last_done: str | None) -> LastCount:
        newest = entries[-1] if entries else None
        days = [d for d in (day_of(e.at) for e in entries) if d] + [d for d in (day_of(last_done),) if d]
        return cls(max(days) if days else None, newest.variance if newest else None)
