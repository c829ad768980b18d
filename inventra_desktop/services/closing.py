"""Closing a count: finalize, review, the report and its exports, drift, apply, revert, release.

The workflows of DESIGN.md section 2 from the gate to the release, for both faces; the rules
are the domain's (stocktake/finalize.py, review.py, apply_plan.py, report.py).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Literal

from ..files.count_sheet import CountSheet, write_count_sheet
from ..files.report_files import write_csv, write_xlsx
from ..gateway import inventory
from ..gateway.products import add_tags, remove_tags
from ..gateway.records import get_session, load_records, set_state
from ..gateway.variant_state import as_read, update_variants
from ..gateway.variants import load_session_variants
from ..journal.sync import SyncEngine
from ..stocktake.apply_plan import (
    BATCH,
    MAX_FAILED_KEPT,
    ApplyPlan,
    ApplyResult,
    DriftLine,
    Keep,
    Line,
    apply_run,
    build_plan,
    call_key,
    drift_lines,
    forgetting,
    reference_uri,
    remembering,
    revert_lines,
)
from ..stocktake.areas import session_areas
from ..stocktake.clock import now_iso
from ..stocktake.errors import SessionError, UsageProblem
from ..stocktake.finalize import (
    FinalizeReport,
    GateClosed,
    Uncounted,
    check_readable,
    closing,
    not_done,
    releasing,
    retag,
)
from ..stocktake.models import SessionRecord, SessionState, Settings
from ..stocktake.report import SessionReport, build_report
from ..stocktake.review import Flagged, back_to_counting, flag_variances
from ..stocktake.variant import VariantRecord
from .setup import readable_areas
from .shop import ShopSession

Progress = Callable[[int, int], None]
ExportKind = Literal["csv", "xlsx", "pdf"]


# ---- finalize -----------------------------------------------------------------------------

async def finalize(shop: ShopSession, name: str, *, uncounted: Uncounted | None = None) -> FinalizeReport:
    """The completion gate; with `uncounted`, the manager's choice for what is not done (on
    record); then the products' area tags, and the session becomes finalized."""
    client = shop.client
    session = await get_session(client, name)
    name = session.name
    if session.state is SessionState.SNAPSHOTTED:
        with shop.journal() as journal:  # this device's counts go first
            await SyncEngine(client, journal, shop.by).deliver()
    if session.state is not SessionState.SNAPSHOTTED:
        raise SessionError(f"Session {name} is already finalized." if session.state is SessionState.FINALIZED
                           else f"Session {name} is {session.state.value}; only a session being counted can be "
                           "finalized.")
    areas = session_areas(session, readable_areas(await load_records(client)))
    variants = await load_session_variants(client, name, reading="state")
    check_readable(name, variants)
    participants = [v for v in variants if v.takes_part(name)]
    pending = not_done(variants, name)
    report = FinalizeReport(len(participants))
    if pending and uncounted is None:
        raise GateClosed(name, pending)
    if pending:
        assert uncounted is not None
        zeroed: set[str] = set()
        written = await update_variants(client, [v.id for v in pending],
                                        closing(name, areas, uncounted, by=shop.by, at=now_iso(), zeroed=zeroed),
                                        as_read(pending))
        if uncounted == "omit":
            report.omitted = len(written)
        else:  # only what had no count is "counted as 0"; the rest keep the counts entered
            report.zeroed = len(zeroed & written.keys())
            report.closed_with_counts = len(written) - report.zeroed
        variants = await load_session_variants(client, name, reading="state")
        pending = not_done(variants, name)
        if pending:
            raise GateClosed(name, pending)
    plan = retag(variants, name, areas)
    await asyncio.gather(add_tags(client, plan.adds), remove_tags(client, plan.removes))  # other tags: at once
    report.tags_added = sum(len(t) for t in plan.adds.values())
    report.tags_removed = sum(len(t) for t in plan.removes.values())
    report.alerts = plan.alerts
    await set_state(client, name, SessionState.FINALIZED, "finalized", shop.by, note=uncounted,
                    uncounted_choice=uncounted)
    return report


# ---- review -------------------------------------------------------------------------------

@dataclass
class Review:
    session: SessionRecord
    flagged: list[Flagged]
    units: int  # the threshold in units used
    variants: list[VariantRecord]


async def review(shop: ShopSession, name: str, *, threshold: int | None = None) -> Review:
    """Variances above the threshold (units given, or the shop's units and percent), biggest first."""
    session = await get_session(shop.client, name)
    records = await load_records(shop.client)
    settings = records.settings or Settings()
    variants = await load_session_variants(shop.client, session.name, reading="state")
    units = threshold if threshold is not None else settings.review_threshold_units
    return Review(session, flag_variances(variants, session.name, settings, threshold), units, variants)


async def send_back(shop: ShopSession, name: str, variant_ids: list[str], *, labels: list[str]) -> None:
    """Lines back to in progress for a recount; recorded in the session record."""
    session = await get_session(shop.client, name)
    if session.state is not SessionState.SNAPSHOTTED:
        raise SessionError(f"Session {session.name} is {session.state.value}: recounts happen before finalize.")
    if not variant_ids:
        raise UsageProblem("Choose the lines to count again.")
    await update_variants(shop.client, variant_ids, back_to_counting)
    await set_state(shop.client, session.name, session.state, "review", shop.by, note="recount: " + ", ".join(labels))


async def accept(shop: ShopSession, name: str, flagged: list[Flagged], *, units: int) -> None:
    """The manager accepts the listed variances; recorded in the session record."""
    session = await get_session(shop.client, name)
    await set_state(shop.client, session.name, session.state, "review", shop.by,
                    note=f"accepted {len(flagged)} variances above {units} units")


def choose_recount(reviewed: Review, skus: list[str]) -> list[VariantRecord]:
    """The lines a user names by SKU for a recount: flagged ones first, else any in the session."""
    wanted = {s.casefold() for s in skus}
    name = reviewed.session.name
    chosen = [f.variant for f in reviewed.flagged if (f.variant.sku or "").casefold() in wanted] or \
             [v for v in reviewed.variants if v.takes_part(name) and (v.sku or "").casefold() in wanted]
    if not chosen:
        raise UsageProblem("None of those SKUs is in the session.")
    return chosen


# ---- the report and its files ------------------------------------------------------------

def _unit_costs(variants: list[VariantRecord]) -> dict[str, Decimal]:
    costs: dict[str, Decimal] = {}
    for v in variants:
        try:
            if v.unit_cost is not None:
                costs[v.id] = Decimal(v.unit_cost)
        except InvalidOperation:  # a cost someone typed oddly: no value for that line, not a failed report
            pass
    return costs


async def load_report(shop: ShopSession, name: str) -> SessionReport:
    """The report of session `name` as the shop has it now, with this device's counts the shop
    refused and the lines the last apply could not write (from the session record)."""
    client = shop.client
    session = await get_session(client, name)
    name = session.name
    records = await load_records(client)
    variants = await load_session_variants(client, name)
    with shop.journal() as journal:
        refused = [(op.variant, reason) for op, reason in journal.rejected(name)]
        duplicates_met = journal.duplicates_met(name)
    # What the apply wrote is ours, not a movement: it is taken out of what moved.
    moved = {v.id: sum(v.on_hand.get(loc, 0) - base - v.counts.applied.get(loc, 0)
                       for loc, base in v.counts.baseline.items())
             for v in variants if v.counts and v.in_session(name)}
    applied = {v.id: sum(v.counts.applied.values()) for v in variants if v.counts and v.counts.applied}
    resets = [e.note for e in session.events if e.what == "reset" and e.note]
    return build_report(session, records.areas or [], variants, settings=records.settings or Settings(),
                        unit_costs=_unit_costs(variants), moved=moved, applied=applied,
                        apply_failures=[(variant, why) for variant, why in session.apply_failed],
                        refused=refused, resets=resets, duplicates_met=duplicates_met)


@dataclass
class Exported:
    """What an export wrote: the report (CSV, XLSX) or the count sheet (PDF)."""

    report: SessionReport | None = None
    sheet: CountSheet | None = None

    @property
    def warning(self) -> str:
        """A sentence for the user when part of the file could not be printed, else ""."""
        return self.sheet.illegible_note() if self.sheet is not None else ""


async def export(shop: ShopSession, name: str, kind: ExportKind, path: Path, *, blind: bool | None = None,
                 report: SessionReport | None = None) -> Exported:
    """Write the report (CSV, XLSX) or the count sheet (PDF) to `path`, off the event loop.
    A blind session's sheet never shows expected quantities; `blind` asks for that anyway."""
    if kind == "pdf":
        session = await get_session(shop.client, name)
        areas = session_areas(session, readable_areas(await load_records(shop.client)))
        variants = await load_session_variants(shop.client, session.name)
        sheet = await asyncio.to_thread(write_count_sheet, session, areas, variants, path,
                                        blind=bool(blind) or session.blind)
        return Exported(sheet=sheet)
    report = report or await load_report(shop, name)
    await asyncio.to_thread(write_csv if kind == "csv" else write_xlsx, report, path)
    return Exported(report=report)


# ---- drift --------------------------------------------------------------------------------

async def drift(shop: ShopSession, name: str) -> tuple[list[DriftLine], dict[str, str]]:
    """What moved in Shopify since the snapshot, and the location names to show it with."""
    session = await get_session(shop.client, name)
    if not session.snapshot_at:
        raise SessionError(f"Session {session.name} has no snapshot yet: nothing can have moved.")
    variants = await load_session_variants(shop.client, session.name)
    records = await load_records(shop.client)
    return drift_lines(variants, session.name), records.location_names


# ---- apply and revert ------------------------------------------------------------------------

async def plan_apply(shop: ShopSession, name: str, keep: Keep) -> ApplyPlan:
    """The apply preview: a line per variant and mapped location, with Shopify's quantity now."""
    session = await get_session(shop.client, name)
    records = await load_records(shop.client)
    areas = session_areas(session, readable_areas(records))
    variants = await load_session_variants(shop.client, session.name)
    return build_plan(session, variants, areas, keep, records.location_names)


async def fix_items(shop: ShopSession, plan: ApplyPlan) -> int:
    """Turn tracking on and stock items at their locations, explicitly, for the lines that need it."""
    if plan.session.state not in (SessionState.FINALIZED, SessionState.APPLIED):
        raise SessionError(f"Session {plan.session.name} is {plan.session.state.value}: finalize it before "
                           "applying counts.")
    fixed = 0
    for line in plan.lines:
        if line.problem and "tracking" in line.problem:
            await inventory.track(shop.client, line.inventory_item_id)
            line.problem, fixed = None, fixed + 1
        if line.now is None:
            key = call_key(plan.session.name, plan.run, "activate", [line.key])
            await inventory.activate(shop.client, line.inventory_item_id, line.location_id, key)
            line.now, line.problem, fixed = 0, None, fixed + 1
            line.choose(line.keep)
    return fixed


async def apply(shop: ShopSession, plan: ApplyPlan, *, progress: Progress | None = None) -> ApplyResult:
    """Write the plan's lines to Shopify's inventory, each call with its idempotency key."""
    client = shop.client
    result = ApplyResult()
    session = plan.session
    if session.state is SessionState.APPLIED:
        result.already = True
        return result
    if session.state is not SessionState.FINALIZED:
        raise SessionError(f"Session {session.name} is {session.state.value}: finalize it before applying counts.")
    lines = plan.writable
    if not plan.locked:  # recorded before the first call: a resumed run must send the same calls
        await set_state(client, session.name, SessionState.FINALIZED, "apply-started", shop.by,
                        note=f"keep {plan.keep}, run {plan.run}", apply_keep=plan.keep,
                        apply_exceptions=plan.exceptions)
        plan.locked = True
    groups = [[line for line in lines if line.keep == keep] for keep in ("difference", "counted")]
    batches = [group[start:start + BATCH] for group in groups for start in range(0, len(group), BATCH)]
    for batch in batches:
        while batch:
            errors = await _send(shop, plan, batch)
            if not errors:
                await update_variants(client, sorted({line.variant_id for line in batch}),
                                      remembering(batch, plan.run))
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
                   f"{reason}"] for line, reason in result.failed[:MAX_FAILED_KEPT]]
        await set_state(client, session.name, SessionState.FINALIZED, "apply-failed", shop.by,
                        note=f"{len(result.failed)} lines not written", apply_failed=failed)
    elif not result.stale:
        note = f"keep {plan.keep}" + (f" ({len(plan.exceptions)} lines the other way)" if plan.exceptions else "")
        await set_state(client, session.name, SessionState.APPLIED, "applied", shop.by,
                        note=f"{note}, run {plan.run}, {len(result.applied)} lines", apply_failed=[])
    return result


async def _send(shop: ShopSession, plan: ApplyPlan, batch: list[Line]) -> list[dict]:  # type: ignore[type-arg]
    keep = batch[0].keep  # a batch holds one choice
    key = call_key(plan.session.name, plan.run, keep, [line.key for line in batch])
    uri = reference_uri(plan.session.name)
    if keep == "difference":
        return await inventory.adjust_available(shop.client, key, uri, [
            (line.inventory_item_id, line.location_id, line.change) for line in batch])
    return await inventory.set_on_hand(shop.client, key, uri, batch)


@dataclass
class RevertResult:
    reverted: int
    lines: list[tuple[str, str, int]]  # variant, location, the opposite delta posted


async def revert(shop: ShopSession, name: str) -> RevertResult:
    """Post the opposite adjustment of what the last apply wrote (never a delete), and return the
    session to finalized so that a new apply run is possible."""
    client = shop.client
    session = await get_session(client, name)
    name = session.name
    if session.state is not SessionState.APPLIED:
        raise SessionError(f"Session {name} is {session.state.value}: only an applied session can be reverted.")
    variants = await load_session_variants(client, name)
    run = apply_run(session)
    todo = revert_lines(variants, run)
    for start in range(0, len(todo), BATCH):
        batch = todo[start:start + BATCH]
        key = call_key(name, run, "revert", [f"{v.id}@{loc}" for v, loc, _ in batch])
        errors = await inventory.adjust_available(client, key, reference_uri(name) + "/revert",
                                                  [(v.inventory_item_id, loc, -delta) for v, loc, delta in batch])
        if errors:
            raise SessionError(f"Shopify refused the revert: {errors[0].get('message', 'refused')}.")
    await update_variants(client, sorted({v.id for v, _, _ in todo}), forgetting)
    await set_state(client, name, SessionState.FINALIZED, "reverted", shop.by, note=f"run {run}, {len(todo)} lines",
                    apply_keep=None, apply_exceptions=[], apply_failed=[])
    return RevertResult(len(todo), [(v.id, loc, -delta) for v, loc, delta in todo])


# ---- release ------------------------------------------------------------------------------

@dataclass
class ReleaseReport:
    variants_reset: int
    products_untagged: int
    already: bool = False


async def release(shop: ShopSession, name: str) -> ReleaseReport:
    """Counters to zero, statuses pending, session omissions cleared, session tags removed.
    Area tags, alerts, current_qty, last_done, the omit flag and the ops watermark stay.
    Interrupted and run again, it finishes the job; a released session says so."""
    client = shop.client
    session = await get_session(client, name)
    name = session.name
    if session.state is SessionState.SNAPSHOTTED:
        raise SessionError(f"Session {name} is still being counted: finalize it first.")
    variants = await load_session_variants(client, name, reading="state")
    in_session = [v.id for v in variants if v.in_session(name)]
    tagged = sorted({v.product_id for v in variants if session.tag in v.product_tags})
    if session.state is SessionState.RELEASED and not in_session and not tagged:
        return ReleaseReport(0, 0, already=True)
    written = await update_variants(client, in_session, releasing(name), as_read(variants))
    if session.state is not SessionState.RELEASED:
        tagged = sorted(set(tagged) | set(session.product_ids))
    await remove_tags(client, {p: [session.tag] for p in tagged})
    if session.state is not SessionState.RELEASED:
        await set_state(client, name, SessionState.RELEASED, "released", shop.by)
    return ReleaseReport(len(written), len(tagged))
