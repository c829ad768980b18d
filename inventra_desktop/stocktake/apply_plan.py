"""From count to stock, the rules (DESIGN.md section 2, API_FACTS section 5): the apply preview
with a choice per line, the idempotency keys, what moved since the snapshot.

Apply writes, per variant and mapped location, either the difference counted − baseline as an
adjustment of `available` (what sold during the count stays sold), or the counted quantity as
`on_hand` guarded by the quantity just read. Every call carries an idempotency key derived
from the session, the apply run and the lines of that call, so a retry or a re-run after a
crash applies nothing twice; what was written is kept in each variant's `counts` for revert.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Literal

from .areas import mapped_locations, unmapped
from .changes import Change, Known, NewState
from .errors import SessionError
from .models import Area, SessionRecord, SessionState
from .variant import VariantRecord

Keep = Literal["difference", "counted"]
BATCH = 250  # Shopify's input-array limit
REASON = "cycle_count_available"
MAX_FAILED_KEPT = 200  # lines an apply could not write, kept in the session record (it must stay small)
_KEYS = uuid.UUID("6a1f7d0e-8b43-4a44-9a1c-3d7f0c2e5b19")


def reference_uri(session: str) -> str:
    return f"gid://inventra/StockTake/{session}"


def call_key(session: str, run: int, mode: str, subjects: list[str]) -> str:
    """Same session, run, mode and lines ("variant@location") → the same idempotency key: a
    replay Shopify answers without applying again."""
    digest = hashlib.sha256("|".join(subjects).encode()).hexdigest()
    return str(uuid.uuid5(_KEYS, f"{session}|{run}|{mode}|{digest}"))


@dataclass
class Line:
    variant_id: str
    sku: str | None
    title: str
    location_id: str
    inventory_item_id: str
    baseline: int
    counted: int
    now: int | None  # on_hand just read; None when not stocked there
    keep: Keep = "difference"
    change: int = 0  # what this apply writes (adjust: delta; set: counted - now)
    problem: str | None = None  # why this line cannot be written as it is

    @property
    def key(self) -> str:
        return f"{self.variant_id}@{self.location_id}"

    @property
    def moved(self) -> int | None:
        return None if self.now is None else self.now - self.baseline

    def choose(self, keep: Keep) -> None:
        self.keep = keep
        self.change = (self.counted - self.baseline) if keep == "difference" else (self.counted - (self.now or 0))


@dataclass
class ApplyPlan:
    """`keep` is the choice for all lines; a line may choose the other (`Line.keep`). When an
    earlier run of this apply was interrupted, the choices recorded then come back and are
    `locked`: the same lines go out in the same calls, so their idempotency keys match."""

    session: SessionRecord
    keep: Keep
    run: int
    lines: list[Line] = field(default_factory=list)
    unmapped_areas: list[Area] = field(default_factory=list)
    locked: bool = False
    location_names: dict[str, str] = field(default_factory=dict)

    @property
    def writable(self) -> list[Line]:
        """Difference lines first, then counted lines: each group in a fixed order, so the calls repeat."""
        ready = [line for line in self.lines if line.problem is None and line.change != 0]
        return [line for line in ready if line.keep == "difference"] + [line for line in ready if line.keep == "counted"]

    @property
    def exceptions(self) -> list[str]:
        return [line.key for line in self.lines if line.keep != self.keep]

    def choose(self, keep: Keep, line: Line | None = None) -> None:
        """Keep the difference or the counted quantity, for one line or (without `line`) for all."""
        if self.locked:
            raise SessionError("An interrupted apply resumes with the choices it was started with.")
        if line is not None:
            line.choose(keep)
            return
        self.keep = keep
        for each in self.lines:
            each.choose(keep)


@dataclass
class ApplyResult:
    applied: list[Line] = field(default_factory=list)
    stale: list[Line] = field(default_factory=list)  # keep counted: the shop moved since we read
    failed: list[tuple[Line, str]] = field(default_factory=list)
    already: bool = False


def counted_by_location(variant: VariantRecord, areas: list[Area]) -> dict[str, int]:
    """The counted quantity per location: the areas mapped to it, added up."""
    out: dict[str, int] = {}
    counts = variant.counts
    for area in areas:
        if area.location_id and counts:
            out[area.location_id] = out.get(area.location_id, 0) + (counts.areas.get(area.key).qty
                                                                    if area.key in counts.areas else 0)
    return out


def apply_run(session: SessionRecord) -> int:
    """Apply runs are numbered: a revert starts a new one, with new idempotency keys."""
    return 1 + sum(1 for e in session.events if e.what == "reverted")


def build_plan(session: SessionRecord, variants: list[VariantRecord], areas: list[Area], keep: Keep,
               location_names: dict[str, str]) -> ApplyPlan:
    """The apply preview: a line per variant taking part and mapped location. An apply that was
    started and not finished comes back with its recorded choices, `locked`."""
    name = session.name
    locked = bool(session.state is SessionState.FINALIZED and session.apply_keep)
    if locked and session.apply_keep:
        keep = session.apply_keep
    plan = ApplyPlan(session, keep, apply_run(session), unmapped_areas=unmapped(areas), locked=locked,
                     location_names=location_names)
    other: Keep = "counted" if keep == "difference" else "difference"
    exceptions = set(session.apply_exceptions) if locked else set()
    for v in variants:
        if not v.takes_part(name) or v.counts is None:
            continue
        counted = counted_by_location(v, areas)
        for location in mapped_locations(areas):
            line = Line(v.id, v.sku, v.display_name, location, v.inventory_item_id, v.counts.baseline.get(location, 0),
                        counted.get(location, 0), v.on_hand.get(location))
            if not v.tracked:
                line.problem = "Shopify does not track this item's inventory (turn tracking on to apply it)"
            elif line.now is None:
                line.problem = "the item is not stocked at this location (activate it there to apply)"
            line.choose(other if line.key in exceptions else keep)
            plan.lines.append(line)
    plan.lines.sort(key=lambda line: (line.variant_id, line.location_id))
    return plan


def remembering(lines: list[Line], run: int) -> Change:
    """Keep what an apply wrote in each variant's counts, for revert and the report."""
    by_variant: dict[str, list[Line]] = {}
    for line in lines:
        by_variant.setdefault(line.variant_id, []).append(line)

    def note(variant_id: str, known: Known) -> NewState | None:
        counts = known.state.counts
        if counts is None:
            return None
        counts = counts.model_copy(deep=True)
        if counts.applied_run != run:
            counts.applied, counts.applied_run = {}, run
        for line in by_variant[variant_id]:
            counts.applied[line.location_id] = line.change
        return NewState(counts)
    return note


def forgetting(variant_id: str, known: Known) -> NewState | None:
    """After a revert: nothing of the apply is left to undo."""
    counts = known.state.counts
    if counts is None or not counts.applied:
        return None
    counts = counts.model_copy(deep=True)
    counts.applied, counts.applied_run = {}, None
    return NewState(counts)


def revert_lines(variants: list[VariantRecord], run: int) -> list[tuple[VariantRecord, str, int]]:
    """(variant, location, delta the apply wrote) for the lines of apply run `run`."""
    return [(v, loc, delta) for v in variants if v.counts and v.counts.applied_run == run
            for loc, delta in sorted(v.counts.applied.items()) if delta]


@dataclass
class DriftLine:
    variant_id: str
    sku: str | None
    title: str
    location_id: str
    baseline: int
    now: int

    @property
    def moved(self) -> int:
        return self.now - self.baseline


def drift_lines(variants: list[VariantRecord], name: str) -> list[DriftLine]:
    """What moved in Shopify since the snapshot, per variant and location; what an apply wrote
    is ours, not a movement, and is taken out."""
    out = []
    for v in variants:
        if not v.in_session(name) or v.counts is None:
            continue
        for location, baseline in sorted(v.counts.baseline.items()):
            now = v.on_hand.get(location, 0) - v.counts.applied.get(location, 0)
            if now != baseline:
                out.append(DriftLine(v.id, v.sku, v.display_name, location, baseline, now))
    return out
