"""From count to stock, the rules (DESIGN.md section 2, API_FACTS section 5): the apply preview
with a choice per line, which lines are no-ops, which cannot be written yet, what moved since the
snapshot.

Apply writes, per variant and mapped location, either the difference counted − baseline as an
adjustment of `available` (what sold during the count stays sold), or the counted quantity as
`on_hand` guarded by the quantity just read. Each line is written exactly once per apply run,
whatever is re-run, fixed or added: before a call goes out, its lines are recorded in their
variants' `counts.writes` with the call's idempotency key (apply_writes.py), so a resumed run
sends an interrupted call again unchanged (Shopify answers with the first result) and never
sends a line that landed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .areas import mapped_locations, unmapped
from .errors import SessionError
from .models import MAX_QUANTITY, Area, LineWrite, SessionRecord, SessionState
from .variant import VariantRecord

Keep = Literal["difference", "counted"]
BATCH = 250  # Shopify's input-array limit
REASON = "cycle_count_available"
MAX_FAILED_KEPT = 200  # lines an apply could not write, kept in the session record (it must stay small)


def reference_uri(session: str) -> str:
    return f"gid://inventra/StockTake/{session}"


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
    fixable: bool = False  # `fix_items` can remove the problem (tracking off, not stocked there)
    written: LineWrite | None = None  # this apply run sent it already (state "sent" or "landed")
    # No area of this location was counted: the variant was marked done elsewhere, so it counts 0
    # here (DESIGN.md section 4, done) and its stock here goes; the preview says so.
    nothing_counted: bool = False

    @property
    def key(self) -> str:
        return f"{self.variant_id}@{self.location_id}"

    @property
    def emptied(self) -> bool:
        """Stock goes out where nothing of the variant was counted (it was marked done elsewhere)."""
        return self.nothing_counted and self.change < 0

    @property
    def moved(self) -> int | None:
        return None if self.now is None else self.now - self.baseline

    @property
    def landed(self) -> bool:
        """Written to Shopify by this apply run: never sent again."""
        return self.written is not None and self.written.state == "landed"

    @property
    def resend(self) -> bool:
        """Sent by an interrupted run without an answer: goes again in that very call."""
        return self.written is not None and self.written.state == "sent"

    def choose(self, keep: Keep) -> None:
        if self.written is not None:
            return  # sent already: its choice is on record
        self.keep = keep
        self.change = (self.counted - self.baseline) if keep == "difference" else (self.counted - (self.now or 0))
        if self.problem is None or not self.fixable:
            self.problem = _too_large(self)


def _too_large(line: Line) -> str | None:
    if line.counted > MAX_QUANTITY or abs(line.change) > MAX_QUANTITY:
        return (f"counted {line.counted:,} is more than Shopify keeps in one place (at most {MAX_QUANTITY:,}); "
                "check the count and correct it before applying")
    return None


@dataclass
class ApplyPlan:
    """`keep` is the choice for all lines; a line may choose the other (`Line.keep`). When an
    earlier run of this apply was interrupted, the choices recorded then come back and are
    `locked`, and the lines it sent keep theirs (`Line.written`)."""

    session: SessionRecord
    keep: Keep
    run: int
    lines: list[Line] = field(default_factory=list)
    unmapped_areas: list[Area] = field(default_factory=list)
    locked: bool = False
    location_names: dict[str, str] = field(default_factory=dict)
    # Variants taking part whose stock-take data cannot be used: (variant id, name, reason).
    unreadable: list[tuple[str, str, str]] = field(default_factory=list)
    # Calls that were answered (landed: True; refused: False) while some of their lines are still
    # recorded as sent (the bookkeeping was interrupted), and the variants holding those lines.
    unsettled: dict[str, bool] = field(default_factory=dict)
    unsettled_variants: dict[str, list[str]] = field(default_factory=dict)
    # The variants as the preview read them: what the apply's bookkeeping starts from (no second
    # read; a variant written since makes its write stale and is read again) and, with their
    # histories, what a successful apply notes its changes in.
    variants: list[VariantRecord] = field(default_factory=list, repr=False)

    @property
    def writable(self) -> list[Line]:
        """What this apply sends: calls an interrupted run left unanswered, then new lines,
        difference lines first, each group in a fixed order."""
        ready = [line for line in self.lines if not line.landed and line.problem is None
                 and (line.resend or line.change != 0)]
        return [line for line in ready if line.keep == "difference"] + [line for line in ready if line.keep == "counted"]

    @property
    def blocked(self) -> list[Line]:
        """Lines that would change Shopify's stock but cannot be written as they are."""
        return [line for line in self.lines if line.problem is not None and line.change != 0 and not line.written]

    @property
    def landed(self) -> list[Line]:
        return [line for line in self.lines if line.landed]

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
    blocked: list[Line] = field(default_factory=list)  # not written: a problem (see `Line.problem`)
    unreadable: list[tuple[str, str, str]] = field(default_factory=list)
    already: bool = False

    @property
    def complete(self) -> bool:
        """Every line of the session is in Shopify: the session may become applied."""
        return not (self.stale or self.failed or self.blocked or self.unreadable)


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
    """Apply runs are numbered: a revert starts a new one."""
    return 1 + sum(1 for e in session.events if e.what == "reverted")


def call_states(variants: list[VariantRecord], run: int) -> dict[str, str]:
    """What became of each call of apply run `run`, by idempotency key. A call is atomic, so one
    line of it recorded as landed (or refused) says the same of all its lines, even when the
    bookkeeping of the others was interrupted."""
    rank = {"sent": 0, "refused": 1, "landed": 2}
    states: dict[str, str] = {}
    for v in variants:
        for w in (v.counts.writes.values() if v.counts else ()):
            if w.run == run and rank[w.state] > rank.get(states.get(w.key, ""), -1):
                states[w.key] = w.state
    return states


def build_plan(session: SessionRecord, variants: list[VariantRecord], areas: list[Area], keep: Keep,
               location_names: dict[str, str], problems: dict[str, str] | None = None) -> ApplyPlan:
    """The apply preview: a line per variant taking part and mapped location. An apply that was
    started and not finished comes back with its recorded choices, `locked`, and the lines it
    sent. A line with nothing to do where the item cannot be written (untracked, or not stocked
    there, counted 0 at a baseline of 0) is no line at all. `problems`: variant id -> why its
    stock-take data cannot be used (listed, never written)."""
    name = session.name
    locked = bool(session.state is SessionState.FINALIZED and session.apply_keep)
    if locked and session.apply_keep:
        keep = session.apply_keep
    run = apply_run(session)
    plan = ApplyPlan(session, keep, run, unmapped_areas=unmapped(areas), locked=locked,
                     location_names=location_names, variants=variants)
    other: Keep = "counted" if keep == "difference" else "difference"
    exceptions = set(session.apply_exceptions) if locked else set()
    states = call_states(variants, run)
    for v in variants:
        if problems and v.id in problems:
            plan.unreadable.append((v.id, v.sku or v.display_name, problems[v.id]))
            continue
        if not v.takes_part(name) or v.counts is None:
            continue
        counted = counted_by_location(v, areas)
        for location in mapped_locations(areas):
            line = Line(v.id, v.sku, v.display_name, location, v.inventory_item_id, v.counts.baseline.get(location, 0),
                        counted.get(location, 0), v.on_hand.get(location))
            line.nothing_counted = not any(v.counts.areas[a.key].counted for a in areas
                                           if a.location_id == location and a.key in v.counts.areas)
            written = v.counts.writes.get(location)
            state = states.get(written.key) if written is not None and written.run == run else None
            if written is not None and state is not None and state != written.state:
                plan.unsettled[written.key] = state == "landed"
                plan.unsettled_variants.setdefault(written.key, []).append(v.id)
            if written is not None and state in ("sent", "landed"):
                line.written = written.model_copy(update={"state": state})
                line.keep, line.change = written.keep, written.delta
                plan.lines.append(line)
                continue
            if not v.tracked:
                line.problem, line.fixable = ("Shopify does not track this item's inventory (turn tracking on to "
                                              "apply it)"), True
            elif line.now is None:
                line.problem, line.fixable = "the item is not stocked at this location (activate it there to apply)", True
            if line.problem and line.counted == line.baseline == (line.now or 0):
                continue  # nothing counted where nothing is kept: no line, nothing to fix
            line.choose(other if line.key in exceptions else keep)
            plan.lines.append(line)
    plan.lines.sort(key=lambda line: (line.variant_id, line.location_id))
    return plan


def call_entries(lines: list[Line]) -> list[Line]:
    """A call's lines in the order they were sent (a resent call must be the same call)."""
    return sorted(lines, key=lambda line: line.written.index if line.written else 0)


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
