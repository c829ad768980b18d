"""The counting rules, without a shop: statuses, watermarks, rejections."""

from __future__ import annotations

from inventra_desktop.stocktake.counting import VariantState, apply_operations
from inventra_desktop.stocktake.models import AreaCount, CountOperation, OpKind, SessionState, Status, VariantCounts

SNAP = "2026-11-23T10:00:00Z"


def op(seq: int, kind: OpKind, area: str | None = "showroom", value: int | None = None, device: str = "dev1",
       session: str = "S1", snapshot_at: str = SNAP, sent: bool = False) -> CountOperation:
    return CountOperation(op_id=f"{device}-{seq}", device_id=device, seq=seq, session=session, snapshot_at=snapshot_at,
                          variant="gid://shopify/ProductVariant/1", area=area, kind=kind, value=value,
                          at=f"2026-11-23T10:{seq:02d}:00Z", sent=sent)


def fresh() -> VariantState:
    return VariantState(VariantCounts(session="S1", snapshot_at=SNAP, baseline={"gid://shopify/Location/1": 5},
                                      areas={"showroom": AreaCount(), "garage": AreaCount()}), Status.PENDING)


def test_first_count_makes_in_progress_and_done_sets_last_done() -> None:
    result = apply_operations(fresh(), [op(1, OpKind.ADD, value=3), op(2, OpKind.ADD, value=2), op(3, OpKind.DONE, None)],
                              "kiosk-2")
    state = result.state
    assert state.counts.areas["showroom"].qty == 5 and state.counts.areas["showroom"].counted
    assert state.counts.areas["showroom"].by == "kiosk-2"
    assert state.status is Status.DONE and state.last_done == "2026-11-23T10:03:00Z"
    assert state.counts.ops == {"dev1": 3}
    again = apply_operations(state, [op(4, OpKind.SET, "garage", 1)], "kiosk-2").state
    assert again.status is Status.IN_PROGRESS and again.last_done == "2026-11-23T10:03:00Z"


def test_replays_land_once() -> None:
    once = apply_operations(fresh(), [op(1, OpKind.ADD, value=3)], "k").state
    # The answer was lost: op 1 went out (sent) and waits again beside a new one.
    twice = apply_operations(once, [op(1, OpKind.ADD, value=3, sent=True), op(2, OpKind.ADD, value=1)], "k")
    assert twice.state.counts.areas["showroom"].qty == 4
    assert [o.applied for o in twice.outcomes] == [False, True] and not twice.outcomes[0].rejected
    assert not any(o.conflict for o in twice.outcomes)


def test_an_operation_never_sent_below_the_watermark_is_another_journals_id_not_a_replay() -> None:
    """Issue 14 item 3: a lost journal (or a restored backup, a cloned folder) numbers from below
    what the shop holds for the id; those taps were dropped as replays."""
    shop = apply_operations(fresh(), [op(s, OpKind.ADD, value=1) for s in range(1, 8)], "old kiosk").state
    result = apply_operations(shop, [op(3, OpKind.ADD, value=2), op(9, OpKind.SET, value=5)], "k")
    assert [o.conflict for o in result.outcomes] == [True, True]  # the later one waits too: order is kept
    assert not result.changed and result.state.counts.areas["showroom"].qty == 7
    shown = apply_operations(shop, [op(3, OpKind.ADD, value=2), op(9, OpKind.SET, value=5)], "k", display=True)
    assert shown.state.counts.areas["showroom"].qty == 5  # the kiosk shows its taps as they will land


def test_devices_have_their_own_watermarks() -> None:
    state = apply_operations(fresh(), [op(5, OpKind.ADD, value=1, device="a")], "a").state
    state = apply_operations(state, [op(1, OpKind.ADD, value=1, device="b")], "b").state
    assert state.counts.areas["showroom"].qty == 2 and state.counts.ops == {"a": 5, "b": 1}


def test_below_zero_other_session_and_closed_session_are_rejected_and_move_the_watermark() -> None:
    result = apply_operations(fresh(), [op(1, OpKind.ADD, value=-1), op(2, OpKind.ADD, value=2, session="S2"),
                                        op(3, OpKind.ADD, value=1, snapshot_at="2026-11-24T00:00:00Z")], "k")
    assert [o.rejected for o in result.outcomes] == [True, True, True]
    assert "below zero" in result.outcomes[0].reason
    assert "released or snapshotted again" in result.outcomes[1].reason
    assert result.state.counts.ops == {"dev1": 3} and result.state.counts.total == 0
    closed = apply_operations(fresh(), [op(1, OpKind.ADD, value=1)], "k", SessionState.FINALIZED)
    assert "finalized" in closed.outcomes[0].reason


def test_counted_flag_and_reopen() -> None:
    result = apply_operations(fresh(), [op(1, OpKind.COUNTED, "garage", 1), op(2, OpKind.DONE, None),
                                        op(3, OpKind.REOPEN, None)], "k").state
    assert result.counts.areas["garage"].counted and result.counts.areas["garage"].qty == 0
    assert result.status is Status.IN_PROGRESS


def test_omitted_variants_refuse_counts_and_missing_snapshot_is_explained() -> None:
    state = fresh()
    state.counts.omitted = True
    assert "omitted" in apply_operations(state, [op(1, OpKind.ADD, value=1)], "k").outcomes[0].reason
    none = apply_operations(VariantState(None, None), [op(1, OpKind.ADD, value=1)], "k")
    assert "no snapshot" in none.outcomes[0].reason


def test_who_counted_lately_is_read_from_the_areas_by_and_at() -> None:
    from inventra_desktop.stocktake.counting import counted_lately
    from inventra_desktop.stocktake.models import AreaCount, VariantCounts

    counts = VariantCounts(session="S", snapshot_at="2026-11-30T08:00:00.000Z", baseline={}, areas={
        "showroom": AreaCount(qty=2, counted=True, by="kiosk-1", at="2026-11-30T09:10:00.000Z"),
        "warehouse": AreaCount(qty=1, by="kiosk-2", at="2026-11-30T08:40:00.000Z"),
        "garage": AreaCount()})
    assert counted_lately(counts, "2026-11-30T08:55:00.000Z") == {"kiosk-1"}
    assert counted_lately(counts, "2026-11-30T08:00:00.000Z") == {"kiosk-1", "kiosk-2"}
    assert counted_lately(None, "2026-11-30T08:00:00.000Z") == set()
