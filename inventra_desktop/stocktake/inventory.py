"""From count to stock: drift, apply (two choices), revert (DESIGN.md section 2, API_FACTS section 5).

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
from typing import Callable, Literal

from ..shopify.client import AdminClient
from ..shopify.documents import document
from .models import Area, SessionRecord, SessionState
from .sessions import SessionError, get_session, set_state
from .shopdata import load_records
from .snapshot import mapped_locations, session_areas
from .variants import VariantRecord, load_session_variants
from .writer import Known, NewState, update_variants

Keep = Literal["difference", "counted"]
BATCH = 250  # Shopify's input-array limit
REASON = "cycle_count_available"
MAX_FAILED_KEPT = 200  # lines an apply could not write, kept in the session record (it must stay small)
_KEYS = uuid.UUID("6a1f7d0e-8b43-4a44-9a1c-3d7f0c2e5b19")


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


async def plan_apply(client: AdminClient, name: str, keep: Keep) -> ApplyPlan:
    session = await get_session(client, name)
    records = await load_records(client)
    areas = session_areas(session, records.areas or [])
    if session.state is SessionState.FINALIZED and session.apply_keep:  # an apply was started and not finished
        keep = session.apply_keep
    plan = ApplyPlan(session, keep, apply_run(session), unmapped_areas=[a for a in areas if not a.location_id],
                     locked=bool(session.state is SessionState.FINALIZED and session.apply_keep),
                     location_names={loc.id: loc.name for loc in records.locations})
    other: Keep = "counted" if keep == "difference" else "difference"
    exceptions = set(session.apply_exceptions) if plan.locked else set()
    for v in await load_session_variants(client, name):
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


async def fix_items(client: AdminClient, plan: ApplyPlan) -> int:
    """Turn tracking on and stock items at their locations, explicitly, for the lines that need it."""
    fixed = 0
    for line in plan.lines:
        if line.problem and "tracking" in line.problem:
            await client.mutate(document("InventoryTrack"), {"id": line.inventory_item_id})
            line.problem, fixed = None, fixed + 1
        if line.now is None:
            key = _key(plan.session.name, plan.run, "activate", [line])
            await client.mutate(document("InventoryActivate"), {"item": line.inventory_item_id,
                                                                "location": line.location_id, "key": key})
            line.now, line.problem, fixed = 0, None, fixed + 1
            line.choose(line.keep)
    return fixed


def _key(session: str, run: int, mode: str, lines: list[Line]) -> str:
    """Same session, run, choice and lines → same key: a replay Shopify answers without applying."""
    digest = hashlib.sha256("|".join(f"{line.variant_id}@{line.location_id}" for line in lines).encode()).hexdigest()
    return str(uuid.uuid5(_KEYS, f"{session}|{run}|{mode}|{digest}"))


Progress = Callable[[int, int], None]


async def apply(client: AdminClient, plan: ApplyPlan, *, by: str, progress: Progress | None = None) -> ApplyResult:
    result = ApplyResult()
    session = plan.session
    if session.state is SessionState.APPLIED:
        result.already = True
        return result
    if session.state is not SessionState.FINALIZED:
        raise SessionError(f"Session {session.name} is {session.state.value}: finalize it before applying counts.")
    lines = plan.writable
    if not plan.locked:  # recorded before the first call: a resumed run must send the same calls
        await set_state(client, session.name, SessionState.FINALIZED, "apply-started", by,
                        note=f"keep {plan.keep}, run {plan.run}", apply_keep=plan.keep,
                        apply_exceptions=plan.exceptions)
        plan.locked = True
    groups = [[line for line in lines if line.keep == keep] for keep in ("difference", "counted")]
    batches = [group[start:start + BATCH] for group in groups for start in range(0, len(group), BATCH)]
    for batch in batches:
        while batch:
            errors = await _send(client, plan, batch)
            if not errors:
                await _remember(client, batch, plan.run)
                result.applied += batch
                break
            # The call is atomic: nothing of it was written. Stale lines wait for a fresh read;
            # the rest go again at once (a new set of lines, so a new key).
            stale = {int(e["field"][2]) for e in errors if e.get("code") == "CHANGE_FROM_QUANTITY_STALE"
                     and e.get("field") and len(e["field"]) > 2 and str(e["field"][2]).isdigit()}
            if not stale:
                result.failed += [(line, errors[0].get("message", "refused")) for line in batch]
                break
            result.stale += [line for i, line in enumerate(batch) if i in stale]
            batch = [line for i, line in enumerate(batch) if i not in stale]
        if progress:
            progress(len(result.applied), len(lines))
    if result.failed:  # kept in the shop for the report's exceptions, whichever device makes it
        failed = [[line.variant_id, f"{line.title} at {plan.location_names.get(line.location_id, line.location_id)}: "
                   f"{reason}"]
                  for line, reason in result.failed[:MAX_FAILED_KEPT]]
        await set_state(client, session.name, SessionState.FINALIZED, "apply-failed", by,
                        note=f"{len(result.failed)} lines not written", apply_failed=failed)
    elif not result.stale:
        note = f"keep {plan.keep}" + (f" ({len(plan.exceptions)} lines the other way)" if plan.exceptions else "")
        await set_state(client, session.name, SessionState.APPLIED, "applied", by,
                        note=f"{note}, run {plan.run}, {len(result.applied)} lines", apply_failed=[])
    return result


async def _send(client: AdminClient, plan: ApplyPlan, batch: list[Line]) -> list[dict]:
    keep = batch[0].keep  # a batch holds one choice
    key = _key(plan.session.name, plan.run, keep, batch)
    uri = reference_uri(plan.session.name)
    if keep == "difference":
        payload = await client.mutate(document("InventoryAdjust"), {"key": key, "input": {
            "name": "available", "reason": REASON, "referenceDocumentUri": uri,
            "changes": [{"inventoryItemId": line.inventory_item_id, "locationId": line.location_id,
                         "delta": line.change, "changeFromQuantity": None} for line in batch]}},
            raise_user_errors=False)
    else:
        payload = await client.mutate(document("InventorySet"), {"key": key, "input": {
            "name": "on_hand", "reason": REASON, "referenceDocumentUri": uri,
            "quantities": [{"inventoryItemId": line.inventory_item_id, "locationId": line.location_id,
                            "quantity": line.counted, "changeFromQuantity": line.now} for line in batch]}},
            raise_user_errors=False)
    return payload.get("userErrors") or []


async def _remember(client: AdminClient, batch: list[Line], run: int) -> None:
    """Keep what was written in each variant's counts, for revert and the report."""
    by_variant: dict[str, list[Line]] = {}
    for line in batch:
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
    await update_variants(client, list(by_variant), note)


@dataclass
class RevertResult:
    reverted: int
    lines: list[tuple[str, str, int]]  # variant, location, the opposite delta posted


async def revert(client: AdminClient, name: str, *, by: str) -> RevertResult:
    """Post the opposite adjustment of what the last apply wrote (never a delete), and
    return the session to finalized so that a new apply run is possible."""
    session = await get_session(client, name)
    if session.state is not SessionState.APPLIED:
        raise SessionError(f"Session {name} is {session.state.value}: only an applied session can be reverted.")
    variants = await load_session_variants(client, name)
    run = apply_run(session)
    todo = [(v, loc, delta) for v in variants if v.counts and v.counts.applied_run == run
            for loc, delta in sorted(v.counts.applied.items()) if delta]
    for start in range(0, len(todo), BATCH):
        batch = todo[start:start + BATCH]
        key = str(uuid.uuid5(_KEYS, f"{name}|{run}|revert|" + hashlib.sha256(
            "|".join(f"{v.id}@{loc}" for v, loc, _ in batch).encode()).hexdigest()))
        await client.mutate(document("InventoryAdjust"), {"key": key, "input": {
            "name": "available", "reason": REASON, "referenceDocumentUri": reference_uri(name) + "/revert",
            "changes": [{"inventoryItemId": v.inventory_item_id, "locationId": loc, "delta": -delta,
                         "changeFromQuantity": None} for v, loc, delta in batch]}})

    def forget(variant_id: str, known: Known) -> NewState | None:
        counts = known.state.counts
        if counts is None or not counts.applied:
            return None
        counts = counts.model_copy(deep=True)
        counts.applied, counts.applied_run = {}, None
        return NewState(counts)
    await update_variants(client, sorted({v.id for v, _, _ in todo}), forget)
    await set_state(client, name, SessionState.FINALIZED, "reverted", by, note=f"run {run}, {len(todo)} lines",
                    apply_keep=None, apply_exceptions=[], apply_failed=[])
    return RevertResult(len(todo), [(v.id, loc, -delta) for v, loc, delta in todo])


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


async def drift(client: AdminClient, name: str) -> list[DriftLine]:
    """What moved in Shopify since the snapshot, per variant and location (counting goes on)."""
    session = await get_session(client, name)
    if not session.snapshot_at:
        raise SessionError(f"Session {name} has no snapshot yet: nothing can have moved.")
    out = []
    for v in await load_session_variants(client, name):
        if not v.in_session(name) or v.counts is None:
            continue
        for location, baseline in sorted(v.counts.baseline.items()):
            now = v.on_hand.get(location, 0) - v.counts.applied.get(location, 0)  # the apply's own change is not drift
            if now != baseline:
                out.append(DriftLine(v.id, v.sku, v.display_name, location, baseline, now))
    return out
