"""Cycle counting, the rules (issue 15; DESIGN.md sections 3 and 7): what to count next, chosen by
value and by how often the stock record went wrong, and how accurate it has been.

- **ABC** by annual consumption value: units sold in the sales window, scaled to a year, × unit cost;
  the items making the first `abc_a_share` of the total value are A, up to `abc_b_share` B, the rest C
  (a Pareto split). Without sales data (no `read_orders` scope) the split is by stock value
  (on hand × unit cost) instead, and the plan says so.
- **Due**: an item is due `count_every_days[class]` days after its last count. The due list puts
  overdue items first (most overdue first), then items never counted, then items due now for a
  reason of their own: negative stock, sold but none on hand, counts that varied beyond the review
  threshold last time.
- **Plan**: due items up to a budget (variants, or minutes at this shop's own counting speed),
  whole products at a time because a session tags products.
- **Accuracy**: inventory record accuracy (IRA) is the share of counted lines within the tolerance;
  shrinkage is the value of negative variances at cost; a repeat offender varied in 2 of its last 3
  counts.

Everything here is pure: the caller reads the shop (variants, histories, sales) and brings the facts.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from .models import HistoryEntry, Settings

Cls = Literal["A", "B", "C"]
CENT = Decimal("0.01")
BREAK = 600.0  # seconds: a longer gap between two counts is a break, not counting speed
DEFAULT_SECONDS_PER_VARIANT = 30.0  # before this shop has counted anything


@dataclass(frozen=True)
class ItemFacts:
    """What planning knows of one variant, read from the shop."""

    variant_id: str
    product_id: str
    title: str
    sku: str | None
    vendor: str
    product_type: str
    unit_cost: Decimal | None
    on_hand: int  # summed over the shop's locations
    sold: int  # units sold in the sales window
    history: tuple[HistoryEntry, ...] = ()
    last_done: str | None = None

    @property
    def last_counted(self) -> date | None:
        stamps = [e.at for e in self.history] + ([self.last_done] if self.last_done else [])
        days = [day_of(s) for s in stamps]
        known = [d for d in days if d is not None]
        return max(known) if known else None


def day_of(stamp: str | None) -> date | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
    except ValueError:
        return None


# ---- ABC ------------------------------------------------------------------------------------

def consumption_value(item: ItemFacts, window_days: int) -> Decimal:
    """Units sold a year at this pace × unit cost (0 without a cost)."""
    if item.unit_cost is None or item.sold <= 0:
        return Decimal(0)
    return (Decimal(item.sold) * Decimal(365) / Decimal(window_days) * item.unit_cost).quantize(CENT)


def stock_value(item: ItemFacts) -> Decimal:
    if item.unit_cost is None or item.on_hand <= 0:
        return Decimal(0)
    return (item.unit_cost * item.on_hand).quantize(CENT)


def classify(items: Iterable[ItemFacts], settings: Settings, *, by_sales: bool = True) -> dict[str, Cls]:
    """Variant id → A, B or C by a Pareto split of consumption value (or stock value without sales).
    Items of no value are C; ties keep the items' order (stable)."""
    listed = list(items)
    value = {i.variant_id: (consumption_value(i, settings.sales_window_days) if by_sales else stock_value(i))
             for i in listed}
    total = sum(value.values(), Decimal(0))
    out: dict[str, Cls] = {}
    running = Decimal(0)
    for item in sorted(listed, key=lambda i: -value[i.variant_id]):
        v = value[item.variant_id]
        if v <= 0 or total <= 0:
            out[item.variant_id] = "C"
            continue
        share_before = running / total
        running += v
        if share_before < Decimal(str(settings.abc_a_share)):
            out[item.variant_id] = "A"
        elif share_before < Decimal(str(settings.abc_b_share)):
            out[item.variant_id] = "B"
        else:
            out[item.variant_id] = "C"
    return out


# ---- due ------------------------------------------------------------------------------------

@dataclass
class DueItem:
    item: ItemFacts
    cls: Cls
    due: date | None  # None: never counted
    reasons: list[str] = field(default_factory=list)
    overdue_days: int = 0

    @property
    def last_counted(self) -> date | None:
        return self.item.last_counted


def varied(entry: HistoryEntry, settings: Settings) -> bool:
    """Beyond the review threshold (units or percent of the baseline), as review flags a line."""
    variance = abs(entry.variance)
    # abs: a record below zero (more shipped than stocked) that was wrong is a variance too
    share = variance * 100 / abs(entry.baseline) if entry.baseline else (100.0 if variance else 0.0)
    return variance > settings.review_threshold_units or share > settings.review_threshold_percent


def accurate(entry: HistoryEntry, settings: Settings) -> bool:
    """Within the accuracy tolerance (units or percent of the baseline; 0 and 0: exact)."""
    variance = abs(entry.variance)
    if variance <= settings.accuracy_tolerance_units:
        return True
    return bool(entry.baseline) and variance * 100 / abs(entry.baseline) <= settings.accuracy_tolerance_percent


def due_list(items: Iterable[ItemFacts], classes: dict[str, Cls], settings: Settings, today: date) -> list[DueItem]:
    """The items due for a count on `today`, in the order to count them (see the module's docstring)."""
    out: list[DueItem] = []
    for item in items:
        cls = classes.get(item.variant_id, "C")
        last = item.last_counted
        every = settings.count_every_days.get(cls, 180)
        due = last + timedelta(days=every) if last else None
        entry = DueItem(item, cls, due)
        if due is None:
            entry.reasons.append("never counted")
        elif due <= today:
            entry.overdue_days = (today - due).days
            entry.reasons.append(f"class {cls}: due every {every} days, last counted {last.isoformat()}"
                                 if last else f"class {cls}")
        if item.on_hand < 0:
            entry.reasons.append("negative stock")
        if item.sold > 0 and item.on_hand == 0:
            entry.reasons.append("sold but none on hand")
        if item.history and varied(item.history[-1], settings):
            entry.reasons.append(f"last count varied by {item.history[-1].variance:+d}")
        if entry.reasons:
            out.append(entry)
    return sorted(out, key=_urgency)


def _urgency(d: DueItem) -> tuple[int, int, int, str]:
    rank = {"A": 0, "B": 1, "C": 2}[d.cls]
    if d.due is not None and d.overdue_days >= 0 and any(r.startswith("class") for r in d.reasons):
        return (0, -d.overdue_days, rank, d.item.title)
    if d.due is None:
        return (1, 0, rank, d.item.title)
    return (2, 0, rank, d.item.title)


# ---- the plan -------------------------------------------------------------------------------

@dataclass
class Plan:
    products: list[str]  # product ids, in the order chosen
    items: list[DueItem]  # the due items the plan counts
    variants: int  # every variant of the chosen products is counted (sessions tag products)
    minutes: float  # estimated at `seconds_per_variant`
    seconds_per_variant: float
    over_budget: bool = False  # the first product alone was larger than the budget


def counting_gaps(histories: Iterable[Iterable[HistoryEntry]]) -> list[float]:
    """Seconds between consecutive counts (by `counted_at`) within each past session, breaks
    longer than ten minutes left out."""
    by_session: dict[tuple[str, str], list[datetime]] = {}
    for history in histories:
        for e in history:
            if e.counted_at:
                try:
                    moment = datetime.fromisoformat(e.counted_at.replace("Z", "+00:00"))
                except ValueError:
                    continue
                by_session.setdefault((e.session, e.snapshot_at), []).append(moment)
    gaps = []
    for moments in by_session.values():
        moments.sort()
        gaps += [g for a, b in zip(moments, moments[1:]) if 0 < (g := (b - a).total_seconds()) <= BREAK]
    return gaps


def speed_from(gaps: list[float]) -> float:
    """Seconds per variant: the median of `counting_gaps`; `DEFAULT_SECONDS_PER_VARIANT` before any."""
    return statistics.median(gaps) if gaps else DEFAULT_SECONDS_PER_VARIANT


def counting_speed(histories: Iterable[Iterable[HistoryEntry]]) -> float:
    """Seconds per variant at this shop's own pace: the median gap between consecutive counts
    within a session, breaks left out."""
    return speed_from(counting_gaps(histories))


def plan(due: list[DueItem], variants_of: dict[str, int], *, budget_variants: int | None = None,
         budget_minutes: float | None = None, seconds_per_variant: float = DEFAULT_SECONDS_PER_VARIANT) -> Plan:
    """The due items to count next, whole products at a time, within one budget: a number of
    variants or minutes at `seconds_per_variant`. `variants_of`: product id → its variant count."""
    if budget_variants is None and budget_minutes is None:
        budget_variants = 50
    limit = budget_variants if budget_variants is not None else max(
        1, int((budget_minutes or 0) * 60 / max(seconds_per_variant, 0.1)))
    chosen: list[str] = []
    taken: set[str] = set()  # `chosen` as a set: a due list of 100,000 items meets it at every item
    size = 0
    for d in due:
        product = d.item.product_id
        more = variants_of.get(product, 1)
        if product not in taken and size + more <= limit:
            chosen.append(product)
            taken.add(product)
            size += more
        if size >= limit:
            break
    over = False
    if not chosen and due:  # even the smallest due product is larger than the budget: the most urgent, said so
        chosen, size, over = [due[0].item.product_id], variants_of.get(due[0].item.product_id, 1), True
    taken = set(chosen)
    items = [d for d in due if d.item.product_id in taken]
    return Plan(chosen, items, size, size * seconds_per_variant / 60, seconds_per_variant, over)
