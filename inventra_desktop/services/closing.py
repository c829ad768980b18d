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
from ..gateway.batch import CALL_POINTS
from ..gateway.history import write_points
from ..gateway.products import add_tags, remove_tags
from ..gateway.records import get_session, load_records, session_of, set_state
from ..gateway.variant_state import BULK_WRITE_ABOVE, METAFIELDS_PER_CALL, WRITE_CONCURRENCY, as_read, update_variants
from ..gateway.variants import load_session_variants
from ..journal.sync import SyncEngine
from ..stocktake.apply_plan import DriftLine, drift_lines
from ..stocktake.areas import session_areas
from ..stocktake.blind import expected_hidden
from ..stocktake.clock import now_iso
from ..stocktake.errors import SessionError, UsageProblem
from ..stocktake.finalize import (
    FinalizeReport,
    GateClosed,
    Uncounted,
    check_usable,
    closing,
    not_done,
    releasing,
    retag,
)
from ..stocktake.integrity import data_problems
from ..stocktake.models import SessionRecord, SessionState, Settings
from ..stocktake.report import Exception_, SessionReport, build_report
from ..stocktake.review import Flagged, back_to_counting, flag_variances
from ..stocktake.variant import VariantRecord
from . import count_history
from .applying import RevertResult as RevertResult  # re-exported: the faces call closing.*
from .applying import apply as apply
from .applying import fix_items as fix_items
from .applying import plan_apply as plan_apply
from .applying import revert as revert
from .setup import readable_areas
from .shop import ShopSession

Progress = Callable[[int, int], None]
ExportKind = Literal["csv", "xlsx", "pdf"]


# ---- finalize -----------------------------------------------------------------------------

async def finalize(shop: ShopSession, name: str, *, uncounted: Uncounted | None = None) -> FinalizeReport:
    """The completion gate; with `uncounted`, the manager's choice for what is not done (on
    record); then the products' area tags, and the session becomes finalized."""
    client = shop.client
    records = await load_records(client)  # one read for the session and the areas
    session = session_of(records, name)
    name = session.name
    if session.state is SessionState.SNAPSHOTTED:
        with shop.journal() as journal:  # this device's counts go first
            await SyncEngine(client, journal, shop.by, renew=shop.renew_device).deliver()
    if session.state is not SessionState.SNAPSHOTTED:
        raise SessionError(f"Session {name} is already finalized." if session.state is SessionState.FINALIZED
                           else f"Session {name} is {session.state.value}; only a session being counted can be "
                           "finalized.")
    areas = session_areas(session, readable_areas(records))
    # With the histories finalize writes: one read of every variant, not a second for those.
    variants = await load_session_variants(client, name, reading="closing")
    check_usable(name, data_problems(variants, session))
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
        variants = await load_session_variants(client, name, reading="closing")
        pending = not_done(variants, name)
        if pending:  # counted again meanwhile (a kiosk is still at it): the choice was given, the gate still closed
            raise GateClosed(name, pending, still_counting=True)
    plan = retag(variants, name, areas)
    # The area tags and the count histories at once: the bucket and the bulk lanes both busy (at
    # 1,500 variants, one after the other took 3 s more). The tags' paced share leaves the points
    # the history and untagging calls will take. The histories are written before the state moves
    # on: a finalize interrupted after this runs again and replaces these entries.
    beside = write_points(len(participants)) + CALL_POINTS * len(plan.removes)
    outcomes = await asyncio.gather(add_tags(client, plan.adds, reserve=beside), remove_tags(client, plan.removes),
                                    count_history.record_finalized(shop, name, variants, at=now_iso()),
                                    return_exceptions=True)  # every write ends (or fails) before we go on
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    history = outcomes[2]
    assert isinstance(history, count_history.HistoryWritten)
    report.tags_added = sum(len(t) for t in plan.adds.values())
    report.tags_removed = sum(len(t) for t in plan.removes.values())
    report.alerts = plan.alerts
    report.histories, report.histories_reset = history.written, history.reset
    await set_state(client, name, SessionState.FINALIZED, "finalized", shop.by, note=uncounted,
                    expect=SessionState.SNAPSHOTTED, uncounted_choice=uncounted)
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
            if v.unit_cost is not None and Decimal(v.unit_cost).is_finite():
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
    report = build_report(session, records.areas or [], variants, settings=records.settings or Settings(),
                          unit_costs=_unit_costs(variants), moved=moved, applied=applied,
                          apply_failures=[(variant, why) for variant, why in session.apply_failed],
                          refused=refused, resets=resets, duplicates_met=duplicates_met)
    # Counts that read well but belong elsewhere (another session or snapshot, edited by hand) would
    # drop silently out of every line: listed with what to do (unreadable ones are listed already).
    unreadable = {v.id for v in variants if v.problems}
    report.exceptions += [Exception_("metafield_problem", why.split(":", 1)[0], why)
                          for variant_id, why in data_problems(variants, session).items() if variant_id not in unreadable]
    return report


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
    if expected_hidden(report.session):
        raise SessionError(f"Session {report.session.name} is a blind count still being counted: its report shows "
                           "the expected quantities, so it is written after finalize (the count sheet hides them).")
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


# ---- apply and revert: services/applying.py (re-exported: both faces call them from here) ------

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
    if session.state is not SessionState.RELEASED:
        tagged = sorted(set(tagged) | set(session.product_ids))
    if len(in_session) >= BULK_WRITE_ABOVE:  # the resets run as bulk operations: the lanes are theirs first
        written = await update_variants(client, in_session, releasing(name), as_read(variants))
        await remove_tags(client, {p: [session.tag] for p in tagged})
    else:
        written = await _reset_then_untag(shop, name, session.tag, variants, in_session, tagged)
    if session.state is not SessionState.RELEASED:
        await set_state(client, name, SessionState.RELEASED, "released", shop.by)
    return ReleaseReport(len(written), len(tagged))


async def _reset_then_untag(shop: ShopSession, name: str, tag: str, variants: list[VariantRecord],
                            in_session: list[str], tagged: list[str]) -> dict[str, object]:
    """Reset the counts and remove the session tag of each product as soon as every variant of it
    is reset, not once all are: the bulk lanes work on the first products' tags while the bucket
    pays for the later resets (1,490 variants: the tags' bulk parts started 1 s later otherwise).
    A product never loses its tag before its counts are reset: a release interrupted at any point
    and run again still finds, by the tag, every variant it has not reset."""
    client = shop.client
    product_of = {v.id: v.product_id for v in variants}
    waiting: dict[str, set[str]] = {p: set() for p in tagged}
    for v in in_session:
        if product_of[v] in waiting:
            waiting[product_of[v]].add(v)
    ready = {p: asyncio.Event() for p in tagged}
    # Products with nothing to reset first, then in the order their variants are reset.
    order = sorted(tagged, key=lambda p: bool(waiting[p]))  # stable: the rest keep their order
    rank = {p: i for i, p in enumerate(order)}
    in_session = sorted(in_session, key=lambda v: rank.get(product_of[v], len(rank)))
    for p in order:
        if not waiting[p]:
            ready[p].set()

    def settled(ids: list[str]) -> None:
        for v in ids:
            pending = waiting.get(product_of.get(v, ""))
            if pending is not None and v in pending:
                pending.discard(v)
                if not pending:
                    ready[product_of[v]].set()
    reset_calls = -(-2 * len(in_session) // METAFIELDS_PER_CALL)  # counts and status, 25 a call
    # A product is ready about this often: the resets' calls, a few at once, each a round trip.
    lead = reset_calls * client.learned.get("round_trip_s", 0.05) / WRITE_CONCURRENCY / max(1, len(order))
    untag = asyncio.ensure_future(remove_tags(client, {p: [tag] for p in order},
                                              ready={p: ready[p].wait for p in order},
                                              reserve=CALL_POINTS * reset_calls, lead=lead))
    try:
        written = await update_variants(client, in_session, releasing(name), as_read(variants), settled=settled)
    except BaseException:
        untag.cancel()  # what waits for a reset that failed never goes; a release run again finishes it
        await asyncio.gather(untag, return_exceptions=True)
        raise
    await untag
    return dict(written)
