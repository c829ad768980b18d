"""Applying count operations to a variant's state: the rules of DESIGN.md section 5, pure.

The sync engine reads a variant's metafields, calls `apply_operations`, and writes the
result with the compare digest it read. The `ops` watermark (last seq applied per device)
is what makes a replay after a crash or a lost answer land exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Iterable

from .models import AreaCount, CountOperation, OpKind, SessionState, Status, VariantCounts

CLOSED_STATES = (SessionState.FINALIZED, SessionState.APPLIED, SessionState.RELEASED)
# Who counts a session lately: by the `by` and `at` of its variants' areas, the shop's own record,
# the same on every device (issue 16: the bucket's share, whether a digest may be trusted).
ACTIVE_WINDOW = timedelta(minutes=15)


def devices_counting(variants_counts: Iterable[VariantCounts | None], since: str) -> set[str]:
    """The devices that counted in an area of these variants at `since` (a stored time) or later."""
    names: set[str] = set()
    for counts in variants_counts:
        if counts is not None:
            for a in counts.areas.values():
                if a.at and a.at >= since and a.by:
                    names.add(a.by)
    return names


def counted_lately(counts: VariantCounts | None, since: str) -> set[str]:
    """`devices_counting` of one variant."""
    return devices_counting((counts,), since)


@dataclass
class VariantState:
    counts: VariantCounts | None
    status: Status | None
    last_done: str | None = None


@dataclass
class Outcome:
    op: CountOperation
    applied: bool
    reason: str | None = None  # why it was rejected; None with applied=False: it had landed before
    # Not applied, not a replay: the shop's watermark for this device id is at or above an operation
    # this journal never sent, so another journal numbers operations for the same id (a restored
    # backup, a cloned folder, a lost journal). It must go again under a fresh device id.
    conflict: bool = False

    @property
    def rejected(self) -> bool:
        return self.reason is not None


@dataclass
class Applied:
    state: VariantState
    outcomes: list[Outcome] = field(default_factory=list)
    changed: bool = False


def apply_operations(state: VariantState, ops: list[CountOperation], device_name: str,
                     session_state: SessionState | None = None, *, display: bool = False) -> Applied:
    """Apply `ops` (one device's, any order) to a copy of `state`. An operation never sent whose
    sequence number the shop's watermark for its device id has reached is a `conflict`, and so is
    every later one of that id here (they go again, in order, under a fresh id). `display`: the
    device's own view of its waiting taps, which shows such operations as they will land."""
    counts = state.counts.model_copy(deep=True) if state.counts else None
    result = Applied(VariantState(counts, state.status, state.last_done))
    held: set[str] = set()
    for op in sorted(ops, key=lambda o: (o.device_id, o.seq)):
        if op.device_id in held:
            result.outcomes.append(Outcome(op, False, conflict=True))
            continue
        if (not display and not op.sent and counts is not None
                and op.seq <= counts.ops.get(op.device_id, 0)):
            held.add(op.device_id)
            result.outcomes.append(Outcome(op, False, conflict=True))
            continue
        outcome = _apply_one(result.state, op, device_name, session_state, display)
        result.outcomes.append(outcome)
        if outcome.applied or outcome.rejected:
            result.changed = True  # a rejection still moves the watermark
    return result


def _apply_one(state: VariantState, op: CountOperation, device_name: str,
               session_state: SessionState | None, display: bool = False) -> Outcome:
    counts = state.counts
    if counts is None:
        return Outcome(op, False, f"the variant has no stock-take data for session {op.session} (no snapshot)")
    if op.seq <= counts.ops.get(op.device_id, 0) and not (display and not op.sent):
        return Outcome(op, False)  # landed before: a replay
    reason = _refusal(counts, op, session_state)
    counts.ops[op.device_id] = op.seq
    if reason:
        return Outcome(op, False, reason)
    if op.kind in (OpKind.ADD, OpKind.SET, OpKind.COUNTED):
        assert op.area is not None
        area = counts.areas.setdefault(op.area, AreaCount())
        if op.kind is OpKind.ADD:
            area.qty += op.value or 0
            area.counted = True
        elif op.kind is OpKind.SET:
            area.qty = op.value or 0
            area.counted = True
        else:
            area.counted = bool(op.value)
        area.by, area.at = device_name, op.at
        state.status = Status.IN_PROGRESS  # the first count, or a count after done
    elif op.kind is OpKind.DONE:
        state.status = Status.DONE
        state.last_done = op.at
    elif op.kind is OpKind.REOPEN:
        state.status = Status.IN_PROGRESS
    return Outcome(op, True)


def _refusal(counts: VariantCounts, op: CountOperation, session_state: SessionState | None) -> str | None:
    if counts.session != op.session or counts.snapshot_at != op.snapshot_at:
        return (f"session {op.session} was released or snapshotted again after this count was made; "
                "the count no longer applies")
    if session_state in CLOSED_STATES:
        return f"session {op.session} was {session_state.value} before this count arrived"
    if counts.omitted:
        return "the variant is omitted in this session"
    if op.kind in (OpKind.ADD, OpKind.SET, OpKind.COUNTED) and not op.area:
        return "the count names no storage area"
    if op.kind is OpKind.ADD:
        current = counts.areas.get(op.area or "", AreaCount()).qty
        if current + (op.value or 0) < 0:
            return f"it would take the count in {op.area} below zero ({current} {op.value:+d})"
    if op.kind is OpKind.SET and (op.value or 0) < 0:
        return "a count cannot be negative"
    return None
