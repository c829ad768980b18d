"""What closing a count will do, in numbers (stocktake/consequences.py)."""

from __future__ import annotations

from decimal import Decimal

from builders import LOC1, LOC2, session, variant

from inventra_desktop.stocktake.apply_plan import build_plan
from inventra_desktop.stocktake.consequences import of_apply, of_finalize
from inventra_desktop.stocktake.models import Area, AreaCount, Status

AREAS = [Area(key="showroom", label="Showroom", location_id=LOC1),
         Area(key="warehouse", label="Warehouse", location_id=LOC2)]


def never_counted(n: int, baseline: tuple[int, int], cost: str | None = None) -> object:
    return variant(n, baseline=baseline, status=Status.PENDING, counted=False, unit_cost=cost)


def test_finalize_counting_the_rest_as_zero_takes_their_stock_out_at_cost() -> None:
    done = variant(1, showroom=7, baseline=(5, 0), unit_cost="2.50")  # +2
    rest = [never_counted(n, (10, 2), "1.00") for n in range(2, 5)]  # 3 lines, 12 units each
    outcome = of_finalize([done, *rest], "S1", "zero")
    assert (outcome.lines, outcome.not_done, outcome.to_zero) == (4, 3, 3)
    assert (outcome.units_in, outcome.units_out, outcome.to_zero_units) == (2, 36, 36)
    assert outcome.value_in == Decimal("5.00") and outcome.value_out == Decimal("36.00")


def test_finalize_leaving_the_rest_out_changes_nothing_for_them() -> None:
    done = variant(1, showroom=3, baseline=(5, 0))  # −2, no cost known
    outcome = of_finalize([done, never_counted(2, (10, 0))], "S1", "omit")
    assert (outcome.lines, outcome.left_out, outcome.to_zero, outcome.units_out) == (1, 1, 0, 2)
    assert outcome.value_out is None  # units whose cost nobody kept
    assert outcome.value_in == Decimal("0.00")  # no units in: nothing, not "unknown"


def test_apply_names_the_lines_that_go_to_zero() -> None:
    counted = variant(1, showroom=6, baseline=(5, 0), unit_cost="3")
    zero = [variant(n, baseline=(4, 1)) for n in range(2, 26)]  # counted 0 everywhere
    for v in zero:
        v.counts.areas = {"showroom": AreaCount(qty=0, counted=True)}
    plan = build_plan(session(), [counted, *zero], AREAS, "difference", {})
    outcome = of_apply(plan, [counted, *zero])
    assert outcome.to_zero == 24 and outcome.to_zero_units == 24 * 5
    assert (outcome.units_in, outcome.units_out) == (1, 120)
    assert outcome.value_in == Decimal("3.00") and outcome.value_out is None
    assert outcome.lines == 25 and outcome.changes == 1 + 24 * 2  # a change per variant and location
