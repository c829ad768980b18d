"""What closing a count will do, in numbers, before it is done: the figures the finalize and the
apply confirmations state (how many lines go to 0, units in and out, their value at cost).

Pure: the caller brings the session's variants (with their unit costs) or the apply plan.
Finalize itself writes no inventory; its consequence is what an apply keeping the difference
would then write, which is what the manager commits to by closing the count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .apply_plan import ApplyPlan, Line
from .finalize import Uncounted
from .models import Status
from .variant import VariantRecord

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Consequence:
    """`lines`: variants in the step; `to_zero`: variants that end at 0 where the shop had stock;
    `units_in`/`units_out`: stock added/taken (both ≥ 0); values at cost, None when no line
    involved has a known cost; `not_done` and `left_out`: finalize's lines not done, and those
    its choice leaves out of the session."""

    lines: int
    to_zero: int
    units_in: int
    units_out: int
    value_in: Decimal | None = None
    value_out: Decimal | None = None
    not_done: int = 0
    left_out: int = 0
    to_zero_units: int = 0  # units the lines that go to 0 take out
    changes: int = 0  # apply: the inventory changes written (a variant at each location)


def unit_cost(variant: VariantRecord) -> Decimal | None:
    """The variant's inventory item cost, or None when unknown or unreadable."""
    try:
        return None if variant.unit_cost is None else Decimal(variant.unit_cost)
    except InvalidOperation:
        return None


def _add(total: Decimal | None, cost: Decimal | None, units: int) -> Decimal | None:
    if cost is None or units == 0:
        return total
    return (total or Decimal(0)) + (cost * units).quantize(CENT)


def _value(total: Decimal | None, units: int) -> Decimal | None:
    """No units are worth 0.00 (not "unknown"); units whose cost nobody kept are unknown."""
    return Decimal("0.00") if units == 0 else total


def of_finalize(variants: Iterable[VariantRecord], name: str, uncounted: Uncounted | None) -> Consequence:
    """Finalizing session `name` with `uncounted` for the variants not done (None: all are done):
    each line's variance counted − snapshot, as an apply keeping the difference would write it.
    With "zero" a line not done keeps what was entered and counts 0 elsewhere; with "omit" it
    leaves the session and changes nothing."""
    lines = to_zero = to_zero_units = units_in = units_out = not_done = left_out = 0
    value_in: Decimal | None = None
    value_out: Decimal | None = None
    for v in variants:
        if not v.takes_part(name) or v.counts is None:
            continue
        open_line = v.status is not Status.DONE
        not_done += open_line
        if open_line and uncounted == "omit":
            left_out += 1
            continue
        lines += 1
        baseline = sum(v.counts.baseline.values())
        variance = v.counts.total - baseline
        if v.counts.total == 0 and baseline > 0:
            to_zero += 1
            to_zero_units += baseline
        cost = unit_cost(v)
        if variance > 0:
            units_in += variance
            value_in = _add(value_in, cost, variance)
        elif variance < 0:
            units_out -= variance
            value_out = _add(value_out, cost, -variance)
    return Consequence(lines, to_zero, units_in, units_out, _value(value_in, units_in), _value(value_out, units_out),
                       not_done, left_out, to_zero_units)


def of_apply(plan: ApplyPlan, variants: Iterable[VariantRecord]) -> Consequence:
    """Writing `plan` to Shopify: the variants it covers, those counted 0 everywhere where the
    snapshot had stock (they go to 0), the units in and out it writes and their value at cost."""
    costs = {v.id: unit_cost(v) for v in variants}
    writable = plan.writable
    units_in = units_out = 0
    value_in: Decimal | None = None
    value_out: Decimal | None = None
    for line in writable:
        cost = costs.get(line.variant_id)
        if line.change > 0:
            units_in += line.change
            value_in = _add(value_in, cost, line.change)
        else:
            units_out -= line.change
            value_out = _add(value_out, cost, -line.change)
    by_variant: dict[str, list[Line]] = {}
    for line in plan.lines:
        by_variant.setdefault(line.variant_id, []).append(line)
    zeroed = [lines for lines in by_variant.values()
              if all(line.counted == 0 for line in lines) and sum(line.baseline for line in lines) > 0]
    to_zero_units = sum(-line.change for lines in zeroed for line in lines if line in writable and line.change < 0)
    return Consequence(len(by_variant), len(zeroed), units_in, units_out, _value(value_in, units_in),
                       _value(value_out, units_out),
                       to_zero_units=to_zero_units, changes=len(writable))
