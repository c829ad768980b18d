"""Whether a tap may be recorded at all: refused at once, on the device, with the sentence the
user reads, so that nothing waits in the journal only to be rejected later (DESIGN.md section 5).
The same rules hold again at delivery (counting.py), where other devices' taps are known."""

from __future__ import annotations

from ..sentences import say
from .models import OpKind, SessionRecord, SessionState
from .variant import VariantRecord

MAX_COUNT = 1_000_000  # more in one area is a typo (a scanner's code in the quantity field), not a count


def tap_refusal(view: VariantRecord, session: SessionRecord | None, kind: OpKind, area: str | None,
                value: int | None, areas: list[str] | None = None) -> str | None:
    """Why this tap cannot be recorded for `view` (the variant as this device sees it, its own
    waiting taps included), or None. `areas`: the keys the session counts."""
    if session is None:
        return say("Open a session before counting.")
    if session.state is SessionState.OPEN or not session.snapshot_at:
        return say("Session {name} has no snapshot yet: run `inventra snapshot {name}` first.", name=session.name)
    if session.state is not SessionState.SNAPSHOTTED:
        return say("Session {name} is {state}: it takes no more counts.", name=session.name,
                   state=session.state.value)
    counts = view.counts
    unreadable = dict(view.problems).get("counts")
    if unreadable:
        return say("{name}'s stock-take data in Shopify cannot be read ({why}); reset the variant, then count it "
                   "again. Nothing was recorded.", name=view.display_name, why=unreadable)
    if view.bundle_parent:
        return say("{name} is a bundle: its components are counted instead. Nothing was recorded.",
                   name=view.display_name)
    if view.omit or (counts is not None and counts.session == session.name and counts.omitted):
        return say("{name} is left out of this count. Nothing was recorded.", name=view.display_name)
    if counts is None or counts.session != session.name or counts.snapshot_at != session.snapshot_at:
        return say("{name} has no snapshot in this session yet: it cannot be counted.", name=view.display_name)
    if kind in (OpKind.ADD, OpKind.SET, OpKind.COUNTED):
        if not area:
            return say("Choose the storage area this count is for.")
        if areas is not None and not areas:
            return say("Session {name} counts no area the shop's areas record still has; set the areas again "
                       "(Areas…, or inventra areas --set FILE). Nothing was recorded.", name=session.name)
        if areas is not None and area not in areas:
            return f"Session {session.name} counts these areas: {', '.join(areas)}; not {area!r}."
    qty = counts.areas[area].qty if area and area in counts.areas else 0
    if kind is OpKind.SET:
        if value is None or value < 0:
            return say("A count cannot be negative.")
        if value > MAX_COUNT:
            return f"{value:,} is more than one area can hold in a count (at most {MAX_COUNT:,}). Nothing was recorded."
    if kind is OpKind.ADD:
        if qty + (value or 0) < 0:
            return say("{name} has {qty} in {area}; taking away {taken} would go below zero, so nothing was "
                       "recorded.", name=view.display_name, qty=qty, area=area, taken=-(value or 0))
        if qty + (value or 0) > MAX_COUNT:
            return f"That would make {qty + (value or 0):,} in {area}, more than a count can hold (at most {MAX_COUNT:,})."
    return None
