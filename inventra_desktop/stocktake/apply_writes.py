"""The bookkeeping that makes every line of an apply (and of its revert) land exactly once.

A call to Shopify's inventory carries many lines and one idempotency key, and it is atomic. So
before a call goes out, each of its lines is recorded in its variant's `counts.writes` with the
key and its place in the call ("sent"); after the answer, as "landed" or "refused". Whoever
resumes an interrupted run (any PC, any time) finds the calls still "sent", sends each again
unchanged (Shopify answers a repeated key with the first result and writes nothing) and never
sends a landed line again; a fix or a re-read adds new lines in new calls with new keys.
These are pure changes; the gateway writes them with compare digests (gateway/variant_state.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from .apply_plan import Line, call_states
from .changes import Change, Known, NewState
from .models import LineWrite, VariantCounts
from .variant import VariantRecord


def new_key() -> str:
    """A fresh idempotency key (Shopify recommends a UUID per distinct request)."""
    return str(uuid.uuid4())


def _edit(known: Known) -> VariantCounts | None:
    return known.state.counts.model_copy(deep=True) if known.state.counts is not None else None


def intending(lines: list[Line], key: str, run: int, claimed: set[str]) -> Change:
    """Record `lines` as sent in the call `key` (write-ahead). A line another run of this apply
    has sent already (another PC, at the same moment) is left to it: `claimed` collects the
    lines (`Line.key`) recorded here, and only those go into the call."""
    by_variant: dict[str, list[tuple[int, Line]]] = {}
    for index, line in enumerate(lines):
        by_variant.setdefault(line.variant_id, []).append((index, line))

    def note(variant_id: str, known: Known) -> NewState | None:
        counts = _edit(known)
        if counts is None:
            return None
        for index, line in by_variant.get(variant_id, []):
            there = counts.writes.get(line.location_id)
            if there is not None and there.run == run and there.state != "refused" and there.key != key:
                continue
            counts.writes[line.location_id] = LineWrite(
                run=run, key=key, index=index, keep=line.keep, delta=line.change,
                quantity=line.counted if line.keep == "counted" else None,
                change_from=line.now if line.keep == "counted" else None)
            claimed.add(line.key)
        return NewState(counts)
    return note


def settling(key: str, landed: bool) -> Change:
    """The answer to call `key`: its lines landed (kept for revert and the report in `applied`)
    or were refused (nothing of the call was written; the lines are free for a new call)."""
    def note(variant_id: str, known: Known) -> NewState | None:
        counts = _edit(known)
        if counts is None:
            return None
        mine = [(loc, w) for loc, w in counts.writes.items() if w.key == key]
        if not mine:
            return None
        for location, w in mine:
            w.state = "landed" if landed else "refused"
            if landed:
                if counts.applied_run != w.run:
                    counts.applied, counts.applied_run = {}, w.run
                counts.applied[location] = w.delta
        return NewState(counts)
    return note


@dataclass
class RevertLine:
    """One landed line of an apply run, to undo with the opposite adjustment of `available`."""

    variant_id: str
    inventory_item_id: str
    location_id: str
    write: LineWrite

    @property
    def key(self) -> str:
        return f"{self.variant_id}@{self.location_id}"


def reverting(lines: list[RevertLine], key: str) -> Change:
    """Record `lines` as sent in the revert call `key` (write-ahead, as `intending`)."""
    index = {line.key: i for i, line in enumerate(lines)}

    def note(variant_id: str, known: Known) -> NewState | None:
        counts = _edit(known)
        if counts is None:
            return None
        for location, w in counts.writes.items():
            i = index.get(f"{variant_id}@{location}")
            if i is not None:
                w.revert_key, w.revert_index, w.revert_state = key, i, "sent"
        return NewState(counts)
    return note


def revert_settling(key: str, done: bool) -> Change:
    """The answer to revert call `key`: its lines were undone, or nothing of it was written."""
    def note(variant_id: str, known: Known) -> NewState | None:
        counts = _edit(known)
        if counts is None:
            return None
        mine = [w for w in counts.writes.values() if w.revert_key == key]
        if not mine:
            return None
        for w in mine:
            w.revert_state = "landed" if done else "refused"
        return NewState(counts)
    return note


def forgetting(variant_id: str, known: Known) -> NewState | None:
    """After a revert: nothing of the apply is left to undo, and the next run starts clean."""
    counts = known.state.counts
    if counts is None or not (counts.applied or counts.writes):
        return None
    counts = counts.model_copy(deep=True)
    counts.applied, counts.applied_run, counts.writes = {}, None, {}
    return NewState(counts)


def revert_todo(variants: list[VariantRecord], run: int) -> tuple[dict[str, list[RevertLine]], list[RevertLine]]:
    """What a revert of apply run `run` still has to do: the revert calls an interrupted revert
    left unanswered (by key, in their order) and the landed lines no revert call holds yet."""
    applied = call_states(variants, run)
    lines: list[RevertLine] = []
    for v in variants:
        for location, w in sorted((v.counts.writes.items() if v.counts else ()), key=lambda kv: kv[0]):
            if w.run == run and applied.get(w.key) == "landed" and w.delta:
                lines.append(RevertLine(v.id, v.inventory_item_id, location, w))
    rank = {"sent": 0, "refused": 1, "landed": 2}
    reverts: dict[str, str] = {}
    for line in lines:
        w = line.write
        if w.revert_key and w.revert_state and rank[w.revert_state] > rank.get(reverts.get(w.revert_key, ""), -1):
            reverts[w.revert_key] = w.revert_state
    resend: dict[str, list[RevertLine]] = {}
    fresh: list[RevertLine] = []
    for line in lines:
        state = reverts.get(line.write.revert_key or "")
        if state == "landed":
            continue
        if state == "sent":
            resend.setdefault(line.write.revert_key or "", []).append(line)
        else:
            fresh.append(line)
    for group in resend.values():
        group.sort(key=lambda line: line.write.revert_index or 0)
    return resend, fresh


def reverted_lines(variants: list[VariantRecord], run: int) -> list[RevertLine]:
    """The landed lines of apply run `run` (what a finished revert undid)."""
    applied = call_states(variants, run)
    return [RevertLine(v.id, v.inventory_item_id, loc, w) for v in variants
            for loc, w in sorted((v.counts.writes.items() if v.counts else ()), key=lambda kv: kv[0])
            if w.run == run and applied.get(w.key) == "landed" and w.delta]
