"""The apply's rules without a shop: no-op lines, lines to fix, what an interrupted run left (issue 14
items 1-2, issue 12 item 6)."""

from __future__ import annotations

from builders import AREAS, LOC1, LOC2, session, variant

from inventra_desktop.stocktake.apply_plan import build_plan
from inventra_desktop.stocktake.apply_writes import intending, settling
from inventra_desktop.stocktake.changes import Known
from inventra_desktop.stocktake.counting import VariantState
from inventra_desktop.stocktake.models import LineWrite

NAMES = {LOC1: "Shop floor", LOC2: "Back warehouse"}


def test_nothing_counted_where_nothing_is_kept_is_no_line() -> None:
    untracked = variant(1, baseline=(0, 0), tracked=False)  # counted 0 at a baseline of 0
    unstocked = variant(2, showroom=4, baseline=(4, 0), on_hand={LOC1: 4})  # not stocked at LOC2, 0 counted there
    found_there = variant(3, warehouse=2, baseline=(0, 0), on_hand={LOC1: 0})  # counted 2 where it is not stocked
    plan = build_plan(session(), [untracked, unstocked, found_there], AREAS, "difference", NAMES)
    keys = {line.key for line in plan.lines}
    assert not any(k.startswith("gid://shopify/ProductVariant/1@") for k in keys)
    assert f"gid://shopify/ProductVariant/2@{LOC2}" not in keys
    assert [(line.key, line.fixable) for line in plan.blocked] == [(f"gid://shopify/ProductVariant/3@{LOC2}", True)]
    plan.choose("counted")
    assert len(plan.blocked) == 1  # the choice does not make a no-op a line, nor the other way round


def test_an_absurd_count_is_a_line_that_cannot_be_written_and_cannot_be_fixed() -> None:
    plan = build_plan(session(), [variant(1, showroom=600_000_000, warehouse=0, baseline=(0, 0)),
                                  variant(2, showroom=700_000_000, baseline=(0, 0))], AREAS, "difference", NAMES)
    assert not plan.blocked
    big = variant(3, baseline=(0, 0))
    big.counts.areas["showroom"].qty = 1_500_000_000  # type: ignore[union-attr]
    plan = build_plan(session(), [big], AREAS, "difference", NAMES)
    assert [(line.fixable, "1,500,000,000" in (line.problem or "")) for line in plan.blocked] == [(False, True)]


def test_a_call_known_to_have_landed_lands_all_its_lines_and_is_never_sent_again() -> None:
    one, two = variant(1, showroom=5, baseline=(3, 0)), variant(2, showroom=1, baseline=(3, 0))
    first = build_plan(session(), [one, two], AREAS, "difference", NAMES)
    lines = first.writable
    claimed: set[str] = set()
    for v in (one, two):  # the call recorded before it went out
        new = intending(lines, "K1", first.run, claimed)(v.id, Known(VariantState(v.counts, v.status), None))
        v.counts = new.counts  # type: ignore[union-attr]
    assert claimed == {line.key for line in lines}
    resumed = build_plan(session(apply_keep="difference"), [one, two], AREAS, "difference", NAMES)
    assert [line.resend for line in resumed.writable] == [True, True]  # no answer: the same call again
    # The answer came and only the first variant's bookkeeping was written before the crash:
    landed = settling("K1", landed=True)(one.id, Known(VariantState(one.counts, one.status), None))
    one.counts = landed.counts  # type: ignore[union-attr]
    again = build_plan(session(apply_keep="difference"), [one, two], AREAS, "difference", NAMES)
    assert again.writable == [] and len(again.landed) == 2  # its sibling landed with it: one call, atomic
    assert again.unsettled == {"K1": True}
    assert one.counts.applied == {LOC1: 2}  # type: ignore[union-attr]


def test_a_refused_call_frees_its_lines_for_a_new_call() -> None:
    one = variant(1, showroom=5, baseline=(3, 0))
    one.counts.writes[LOC1] = LineWrite(run=1, key="K1", index=0, keep="counted", delta=2, quantity=5,  # type: ignore[union-attr]
                                        change_from=3, state="refused")
    plan = build_plan(session(apply_keep="counted"), [one], AREAS, "counted", NAMES)
    assert [(line.resend, line.written) for line in plan.writable] == [(False, None)]
