"""A variant's count history (stocktake/history.py): one entry per session and snapshot, at most
twelve, what apply and revert note, and what the grid and the counter show."""

from __future__ import annotations

from datetime import date

from inventra_desktop.stocktake.history import LastCount, entry_for, with_applied, with_entry
from inventra_desktop.stocktake.models import AreaCount, HistoryEntry, VariantCounts


def counts(session: str = "S1", snapshot: str = "2026-11-01T09:00:00Z") -> VariantCounts:
    return VariantCounts(session=session, snapshot_at=snapshot, baseline={"gid://shopify/Location/1": 7,
                                                                          "gid://shopify/Location/2": 3},
                         areas={"showroom": AreaCount(qty=4, counted=True, by="kiosk-1", at="2026-11-01T10:05:00Z"),
                                "garage": AreaCount(qty=2, counted=True, by="kiosk-2", at="2026-11-01T10:09:00Z"),
                                "warehouse": AreaCount(qty=0, counted=False)})


def entry(session: str, day: int, counted: int = 5) -> HistoryEntry:
    stamp = f"2026-10-{day:02d}T10:00:00Z"
    return HistoryEntry(session=session, snapshot_at=stamp, at=stamp, baseline=5, counted=counted)


def test_a_finalized_count_sums_the_baseline_and_names_the_counted_areas_and_counters() -> None:
    e = entry_for(counts(), "2026-11-01T18:00:00Z")
    assert e is not None
    assert (e.baseline, e.counted, e.variance) == (10, 6, -4)
    assert e.areas == {"showroom": 4, "garage": 2}  # the warehouse was not counted: not in the entry
    assert e.by == ["kiosk-1", "kiosk-2"] and e.counted_at == "2026-11-01T10:09:00Z" and e.applied is None
    assert entry_for(VariantCounts(session=None, snapshot_at=None), "2026-11-01T18:00:00Z") is None


def test_the_same_count_again_replaces_its_entry_and_keeps_what_was_applied() -> None:
    first = entry_for(counts(), "2026-11-01T18:00:00Z")
    assert first is not None
    applied = with_applied(with_entry([entry("OLD", 1)], first), "S1", "2026-11-01T09:00:00Z", -4)
    assert applied is not None and applied[-1].applied == -4
    again = with_entry(applied, entry_for(counts(), "2026-11-01T19:30:00Z"))  # finalize run again
    assert [(e.session, e.at, e.applied) for e in again] == [
        ("OLD", "2026-10-01T10:00:00Z", None), ("S1", "2026-11-01T19:30:00Z", -4)]
    other_snapshot = with_entry(again, entry_for(counts(snapshot="2026-11-02T09:00:00Z"), "2026-11-02T18:00:00Z"))
    assert len(other_snapshot) == 3  # a session snapshotted again is another count
    assert with_applied(again, "S1", "2026-11-01T09:00:00Z", -4) is None  # nothing to change
    reverted = with_applied(again, "S1", "2026-11-01T09:00:00Z", None)
    assert reverted is not None and reverted[-1].applied is None


def test_twelve_counts_are_kept() -> None:
    entries: list[HistoryEntry] = []
    for day in range(1, 16):
        entries = with_entry(entries, entry(f"S{day}", day))
    assert len(entries) == 12 and entries[0].session == "S4" and entries[-1].session == "S15"


def test_what_the_grid_shows() -> None:
    history = [entry("S1", 1), entry("S2", 20, counted=3)]
    assert LastCount.of(history, None) == LastCount(date(2026, 10, 20), -2)
    assert LastCount.of(history, "2026-11-05T10:00:00Z") == LastCount(date(2026, 11, 5), -2)  # done later
    assert LastCount.of([], "2026-11-05T10:00:00Z") == LastCount(date(2026, 11, 5), None)  # before histories
    assert LastCount.of([], None) == LastCount(None, None)
