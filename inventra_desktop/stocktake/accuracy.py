"""How accurate the stock record has been (issue 15; DESIGN.md section 7), from the variants' count
histories: inventory record accuracy (IRA) per session and over time, shrinkage at cost by vendor,
product type, area and counter, and the repeat offenders. Pure: the caller brings the histories.

IRA is the share of counted lines whose variance is within the tolerance in `settings`
(`accuracy_tolerance_units`, or `accuracy_tolerance_percent` of the baseline). Shrinkage is the
value at cost of the negative variances (stock the record had that the shelf did not); a line's
variance is spread over the areas it was counted in by their quantities, and over its counters
equally, since a count is not kept per area and counter after the session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from .cycle import CENT, ItemFacts, accurate
from .models import HistoryEntry, Settings

Dimension = Literal["vendor", "type", "area", "counter"]
UNKNOWN = "(none)"


@dataclass
class SessionAccuracy:
    session: str
    at: str  # when it was finalized
    lines: int
    accurate: int
    shrinkage: Decimal  # value at cost of the negative variances (a positive figure)
    gain: Decimal  # value at cost of the positive variances

    @property
    def ira(self) -> float:
        """Inventory record accuracy, percent."""
        return 100.0 * self.accurate / self.lines if self.lines else 100.0


def _value(item: ItemFacts, units: int) -> Decimal:
    return (item.unit_cost * units).quantize(CENT) if item.unit_cost is not None else Decimal(0)


def by_session(items: Iterable[ItemFacts], settings: Settings) -> list[SessionAccuracy]:
    """IRA and shrinkage per finalized session, oldest first (the trend)."""
    sessions: dict[tuple[str, str], SessionAccuracy] = {}
    for item in items:
        for e in item.history:
            s = sessions.setdefault((e.session, e.snapshot_at), SessionAccuracy(e.session, e.at, 0, 0, Decimal(0),
                                                                                Decimal(0)))
            s.lines += 1
            s.accurate += accurate(e, settings)
            if e.variance < 0:
                s.shrinkage += _value(item, -e.variance)
            elif e.variance > 0:
                s.gain += _value(item, e.variance)
    return sorted(sessions.values(), key=lambda s: s.at)


@dataclass
class Breakdown:
    key: str
    lines: int = 0
    shrinkage: Decimal = Decimal(0)
    units_lost: float = 0.0


def _shares(entry: HistoryEntry, dimension: Dimension, item: ItemFacts) -> dict[str, float]:
    """How a line's variance is attributed to the keys of a dimension (shares summing to 1)."""
    if dimension == "vendor":
        return {item.vendor or UNKNOWN: 1.0}
    if dimension == "type":
        return {item.product_type or UNKNOWN: 1.0}
    if dimension == "counter":
        who = entry.by or [UNKNOWN]
        return {name: 1.0 / len(who) for name in who}
    counted = {k: q for k, q in entry.areas.items() if q > 0}
    total = sum(counted.values())
    if not total:
        return {next(iter(entry.areas), UNKNOWN): 1.0}
    return {k: q / total for k, q in counted.items()}


def shrinkage_by(items: Iterable[ItemFacts], dimension: Dimension) -> list[Breakdown]:
    """Shrinkage at cost over every finalized count, by `dimension`, biggest first."""
    rows: dict[str, Breakdown] = {}
    for item in items:
        for e in item.history:
            for key, share in _shares(e, dimension, item).items():
                row = rows.setdefault(key, Breakdown(key))
                row.lines += 1
                if e.variance < 0:
                    row.units_lost += -e.variance * share
                    row.shrinkage += (_value(item, -e.variance) * Decimal(str(share))).quantize(CENT)
    return sorted(rows.values(), key=lambda r: (-r.shrinkage, r.key))


@dataclass
class Offender:
    item: ItemFacts
    variances: list[int] = field(default_factory=list)  # of the last three counts, oldest first


def repeat_offenders(items: Iterable[ItemFacts], settings: Settings) -> list[Offender]:
    """Items outside the tolerance in at least 2 of their last 3 counts, worst first."""
    out = []
    for item in items:
        last = list(item.history[-3:])
        if sum(not accurate(e, settings) for e in last) >= 2:
            out.append(Offender(item, [e.variance for e in last]))
    return sorted(out, key=lambda o: -sum(abs(v) for v in o.variances))
