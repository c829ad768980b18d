"""Counting from the command line and from files: taps on one variant, paper counts, delivery,
status and the journal's export. Every count goes through the same desk the GUI drives
(services/counting_desk.py), so the same rule refuses it at once with the same sentence.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from ..files.paper_counts import PaperImport, parse_paper_counts
from ..gateway.records import get_session, load_records
from ..gateway.variants import load_session_variants
from ..journal.session_cache import CachedSession, SessionCache
from ..journal.sync import SyncEngine, SyncReport
from ..shopify.errors import ShopifyError
from ..stocktake.areas import session_areas
from ..stocktake.clock import now_iso
from ..stocktake import codec
from ..stocktake.errors import SessionError, TapRefused, UnknownSession, UsageProblem, VariantNotFound
from ..stocktake.models import Area, CountOperation, OpKind, SessionRecord, SessionState, Settings
from ..stocktake.records import ShopRecords
from ..stocktake.status import SessionStatus, session_status
from ..stocktake.variant import VariantRecord
from .counting_desk import CountingDesk
from .messages import describe
from .setup import VariantRef, choose_variant, readable_areas, resolve_variant
from .shop import ShopSession

Tap = tuple[OpKind, str | None, int | None]  # kind, area, value


@dataclass
class CountResult:
    variant: VariantRecord
    recorded: list[CountOperation]
    delivered: bool = False
    rejected: list[tuple[CountOperation, str]] = field(default_factory=list)
    waiting: int = 0
    delivery_error: str | None = None  # why what was recorded could not be delivered now (the shop)
    offline: bool = False  # recorded from this device's copy of the session, without asking the shop


class NotRecorded(SessionError):
    """Nothing was recorded (safe to repeat): the shop cannot be reached and this device has no
    copy of the session to check the count against."""


async def counting_session(shop: ShopSession, name: str) -> SessionRecord:
    """The record of a session that takes counts, or the sentence why it does not."""
    return _takes_counts(await get_session(shop.client, name))


def _named_session(records: ShopRecords, name: str) -> SessionRecord:
    session = records.session(name)
    if session is None:
        problem = records.problem(codec.Keys.SESSIONS)
        if problem:
            raise codec.CodecError(codec.Keys.SESSIONS, problem)
        raise UnknownSession(name)
    return session


def _takes_counts(session: SessionRecord) -> SessionRecord:
    if session.state is SessionState.OPEN or not session.snapshot_at:
        raise SessionError(f"Session {session.name} has no snapshot yet: run `inventra snapshot {session.name}` "
                           "first.")
    if session.state is not SessionState.SNAPSHOTTED:
        raise SessionError(f"Session {session.name} is {session.state.value}: it takes no more counts.")
    return session


def _local_copy(shop: ShopSession, name: str) -> CachedSession | None:
    """This device's copy of session `name` (journal/session_cache.py), or None."""
    try:
        with SessionCache(shop.workspace.data_dir) as cache:
            return cache.load(shop.address, name)
    except Exception:  # an unreadable copy is no copy: the shop is asked instead
        return None


def _from_copy(copy: CachedSession, ref: VariantRef) -> VariantRecord | None:
    """The variant `ref` names in this device's copy, when the copy can say for sure: by id in
    any copy, by code only in a complete one (a code unique in a part may be shared in the shop)."""
    if not (copy.complete or ref.variant):
        return None
    try:
        return choose_variant(ref, copy.rows, session=copy.session.name)
    except VariantNotFound:
        return None  # maybe added to the session since: the shop knows


async def count(shop: ShopSession, name: str, ref: VariantRef, taps: list[Tap], *, wait: bool = True) -> CountResult:
    """Record `taps` on the variant `ref` names (each checked first: a refused tap records
    nothing), then deliver them unless `wait` is False.

    Recording needs no shop (issue 14, item 7): with this device's copy of the session (any
    session it has opened, counted or listed the status of), the count is checked against that
    copy and recorded without a request; only a device that has no copy asks the shop first.
    Once recorded, a shop that cannot be reached or does not answer makes `delivery_error` say why
    (the operations wait in the journal for `sync`); it never makes the count look unrecorded."""
    copy = await asyncio.to_thread(_local_copy, shop, name)
    variant = _from_copy(copy, ref) if copy is not None else None
    if copy is not None and variant is not None:
        session, shop_areas, settings = _takes_counts(copy.session), copy.areas, copy.settings
    else:
        try:
            records = await load_records(shop.client)  # the session, the areas and the settings: one read
            session = _takes_counts(_named_session(records, name))
            shop_areas, settings = readable_areas(records), records.settings or Settings()
        except ShopifyError as exc:
            raise NotRecorded(f"Nothing was recorded: {describe(exc)} This device has no copy of session {name} "
                              "to check the count against; open it (or run `inventra status` for it) once while "
                              "the shop can be reached, or try again later.") from None
    _check_areas(session, shop_areas, taps)
    offline = variant is not None
    if variant is None:
        variant = await resolve_variant(shop, ref, session=session.name)
        await asyncio.to_thread(_keep_copy, shop, session, shop_areas, settings, variant)
    desk = CountingDesk(shop)
    try:
        await desk.open(session.name, variants=[variant], known=(session, shop_areas, settings))
        recorded = [(await desk.record(variant.id, kind, area, value))[0] for kind, area, value in taps]
        result = CountResult(desk.view(variant.id), recorded, offline=offline)
        if not wait:
            result.waiting = desk.status.waiting
            return result
        try:
            report = await desk.deliver()
        except ShopifyError as exc:
            result.delivery_error, result.waiting = describe(exc), desk.status.waiting
            return result
        mine = {op.op_id for op in recorded}
        result.rejected = [(op, reason) for op, reason in report.rejected if op.op_id in mine]
        result.delivered = not result.rejected
        result.waiting = report.waiting
        return result
    finally:
        await desk.close()


def _check_areas(session: SessionRecord, shop_areas: list[Area], taps: list[Tap]) -> None:
    named = {area for _, area, _ in taps if area is not None}
    if named:
        keys = [a.key for a in session_areas(session, shop_areas)]
        unknown = sorted(named - set(keys))
        if unknown:
            raise UsageProblem(f"Session {session.name} counts these areas: {', '.join(keys)}; not {unknown[0]!r}.")


def _keep_copy(shop: ShopSession, session: SessionRecord, areas: list[Area], settings: Settings,
               variant: VariantRecord) -> None:
    """Put a variant read from the shop into this device's copy (the next count of it then needs no shop)."""
    try:
        with SessionCache(shop.workspace.data_dir) as cache:
            cache.update(shop.address, session, [variant], areas=areas, settings=settings)
    except Exception:  # a copy we cannot write only means asking the shop next time
        pass


async def deliver(shop: ShopSession) -> SyncReport:
    """Deliver every operation waiting in this device's journal."""
    with shop.journal() as journal:
        return await SyncEngine(shop.client, journal, shop.by).deliver()


@dataclass
class PaperResult:
    parsed: PaperImport
    report: SyncReport


async def import_paper_counts(shop: ShopSession, name: str, path: Path, *, area: str) -> PaperResult:
    """Record paper counts from a CSV (by SKU or barcode) as `set` operations through the journal,
    then deliver them; every row that cannot be taken is listed with its line and reason."""
    session = await counting_session(shop, name)
    records = await load_records(shop.client)
    areas = session_areas(session, readable_areas(records))
    variants = await load_session_variants(shop.client, session.name, reading="state")
    try:
        parsed = parse_paper_counts(path, area=area, variants=variants, areas=areas, session=session.name)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    desk = CountingDesk(shop)
    try:
        await desk.open(session.name, variants=variants)
        for row in list(parsed.rows):
            try:
                await desk.tap(row.variant_id, OpKind.SET, row.area, row.quantity)
            except TapRefused as exc:
                parsed.rows.remove(row)
                parsed.errors.append((row.line_number, desk.records[row.variant_id].sku or "", str(exc)))
        parsed.errors.sort(key=lambda e: e[0])
        report = await desk.deliver()
    finally:
        await desk.close()
    return PaperResult(parsed, report)


async def status(shop: ShopSession, name: str) -> SessionStatus:
    """The session's variants per status, areas counted, and what waits or was refused here.
    What it reads becomes this device's copy of the session (counts can then be recorded offline)."""
    session = await get_session(shop.client, name)
    records = await load_records(shop.client)
    variants = await load_session_variants(shop.client, session.name, reading="state")

    def keep() -> None:
        try:
            with SessionCache(shop.workspace.data_dir) as cache:
                cache.save(shop.address, session, records.areas or [], records.settings or Settings(), variants,
                           saved_at=now_iso())
        except Exception:  # the status stands without a copy
            pass
    await asyncio.to_thread(keep)
    with shop.journal() as journal:
        waiting = sum(1 for op in journal.pending() if op.session == session.name)
        rejected = journal.rejected_count(session.name)
    return session_status(session, variants, records.areas or [], waiting=waiting, rejected=rejected)


async def export_journal(shop: ShopSession, name: str, path: Path) -> int:
    """This device's operations of session `name` as CSV (the audit trail); rows written."""
    with shop.journal() as journal:
        return journal.export_csv(path, name)
