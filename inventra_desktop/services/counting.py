"""Counting from the command line and from files: taps on one variant, paper counts, delivery,
status and the journal's export. Every count goes through the same desk the GUI drives
(services/counting_desk.py), so the same rule refuses it at once with the same sentence.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..files.paper_counts import PaperImport, parse_paper_counts
from ..gateway.records import get_session, load_records
from ..gateway.variants import load_session_variants
from ..journal.session_cache import CachedSession
from ..journal.store import Recorded
from ..journal.sync import SyncEngine, SyncReport
from ..shopify.errors import ShopifyError, ShopUnavailable, Throttled
from ..stocktake import codec
from ..stocktake.areas import session_areas
from ..stocktake.errors import SessionError, TapRefused, UnknownSession, UsageProblem, VariantNotFound
from ..stocktake.models import Area, CountOperation, OpKind, SessionRecord, SessionState, Settings, name_key
from ..stocktake.records import ShopRecords
from ..stocktake.status import SessionStatus, session_status
from ..stocktake.variant import VariantRecord
from .counting_desk import CountingDesk
from . import device_copy
from .messages import describe, is_offline
from .setup import VariantRef, choose_variant, readable_areas, resolve_variant
from .shop import ShopSession

Tap = tuple[OpKind, str | None, int | None]  # kind, area, value


@dataclass
class CountResult:
    """What a count command did. `recorded` operations are durable in this device's journal
    (with `already`: recorded before, under the caller's key, and not again). `delivered`: every
    one of them is in the shop; else `rejected` lists what the shop refused and `delivery_error`
    says why delivery did not finish (the rest waits for `inventra sync`)."""

    variant: VariantRecord | None  # None when a repeated key was answered from the journal alone
    recorded: list[CountOperation]
    delivered: bool = False
    rejected: list[tuple[CountOperation, str]] = field(default_factory=list)
    waiting: int = 0
    already: bool = False
    delivery_error: str | None = None
    offline: bool = False  # recorded from this device's copy of the session, without asking the shop

    @property
    def title(self) -> str:
        return self.variant.display_name if self.variant else (self.recorded[0].sku or self.recorded[0].variant)


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


def _same_command(earlier: Recorded, name: str, ref: VariantRef, taps: list[Tap]) -> bool:
    ops = earlier.operations
    if [(op.kind, op.area, op.value) for op in ops] != [(OpKind(k), a, v) for k, a, v in taps]:
        return False
    if any(name_key(op.session) != name_key(name) for op in ops):
        return False
    if ref.variant:
        return all(op.variant.rsplit("/", 1)[-1] == ref.variant.rsplit("/", 1)[-1] for op in ops)
    if ref.sku:
        return all((op.sku or "").casefold() == ref.sku.casefold() for op in ops)
    return True  # a barcode is not kept in the journal: the key and the taps decide


def _settled(result: CountResult, states: list[str], reasons: list[str | None]) -> CountResult:
    result.rejected = [(op, reason or "refused") for op, state, reason in zip(result.recorded, states, reasons)
                       if state == "rejected"]
    result.delivered = all(state == "delivered" for state in states)
    return result


def _from_copy(copy: CachedSession, ref: VariantRef) -> VariantRecord | None:
    """The variant `ref` names in this device's copy, when the copy can say for sure: by id in
    any copy, by code only in a complete one (a code unique in a part may be shared in the shop)."""
    if not (copy.complete or ref.variant):
        return None
    try:
        variant = choose_variant(ref, copy.rows, session=copy.session.name)
    except VariantNotFound:
        return None  # maybe added to the session since: the shop knows
    if variant.counts is not None and variant.counts.snapshot_at != copy.session.snapshot_at:
        return None  # a row read after a new snapshot beside a session record of before: ask the shop
    return variant


def _check_areas(session: SessionRecord, shop_areas: list[Area], taps: list[Tap]) -> None:
    named = {area for _, area, _ in taps if area is not None}
    if named:
        keys = [a.key for a in session_areas(session, shop_areas)]
        if not keys:
            raise SessionError(f"Session {session.name} counts areas the shop's areas record no longer has "
                               f"({', '.join(session.areas or [])}); set the areas again (Areas…, or inventra areas "
                               "--set FILE). Nothing was recorded.")
        unknown = sorted(named - set(keys))
        if unknown:
            raise UsageProblem(f"Session {session.name} counts these areas: {', '.join(keys)}; not {unknown[0]!r}.")


async def count(shop: ShopSession, name: str, ref: VariantRef, taps: list[Tap], *, wait: bool = True,
                key: str | None = None, on_recorded: Callable[[list[CountOperation]], None] | None = None
                ) -> CountResult:
    """Record `taps` on the variant `ref` names (each checked first: a refused tap records
    nothing; all of them or none), then deliver them unless `wait` is False.

    Recording comes first and is all that must succeed: a delivery that fails leaves the taps
    safe in the journal (`delivery_error`), never raised. `key` (a script's key for this command):
    a command repeated with the same key counts nothing again and says what became of the first
    (the journal answers, without the shop; the same key for another count is a `UsageProblem`).
    `on_recorded` is called the moment the taps are durable.

    Recording needs no shop (issue 14, item 7): with this device's copy of the session (any
    session it has opened, counted or listed the status of), the count is checked against that
    copy and recorded without a request; only a device that has no copy asks the shop first (and
    with the shop out of reach, `NotRecorded` says nothing was)."""
    if key is not None:
        with shop.journal() as journal:
            earlier = journal.by_caller_key(key)
        if earlier is not None:
            return await _repeated(shop, earlier, name, ref, taps, key, wait)
    copy = await asyncio.to_thread(device_copy.load, shop, name)
    variant = _from_copy(copy, ref) if copy is not None else None
    if copy is not None and variant is not None:
        session, shop_areas, settings = _takes_counts(copy.session), copy.areas, copy.settings
    else:
        try:
            records = await load_records(shop.client)  # the session, the areas and the settings: one read
            session = _takes_counts(_named_session(records, name))
            shop_areas, settings = readable_areas(records), records.settings or Settings()
        except ShopifyError as exc:
            raise NotRecorded(f"{not_recorded(exc)} This device has no copy of session {name} to check the count "
                              "against without the shop; open it (or run `inventra status` for it) once while the "
                              "shop can be reached.") from None
    _check_areas(session, shop_areas, taps)
    offline = variant is not None
    if variant is None:
        variant = await resolve_variant(shop, ref, session=session.name)
        await asyncio.to_thread(device_copy.keep, shop, session, shop_areas, settings, [variant], whole=False)
    desk = CountingDesk(shop)
    try:
        await desk.open(session.name, variants=[variant], known=(session, shop_areas, settings))
        recorded = await desk.record_all(variant.id, taps, caller_key=key)
        if recorded.already:  # another process ran the same key a moment ago
            return await _repeated(shop, recorded, name, ref, taps, key or "", wait)
        if on_recorded:
            on_recorded(recorded.operations)
        result = CountResult(desk.view(variant.id), recorded.operations, offline=offline)
        if not wait:
            result.waiting = desk.status.waiting
            return result
        try:
            report = await desk.deliver()
        except Exception as exc:  # noqa: BLE001 - whatever stops delivery, the taps are safe and said to be
            result.delivery_error = describe(exc)
            return result
        mine = {op.op_id for op in recorded.operations}
        result.rejected = [(op, reason) for op, reason in report.rejected if op.op_id in mine]
        if result.rejected and offline:  # checked against a copy the shop disagrees with: read it next time
            await asyncio.to_thread(device_copy.forget, shop, session.name)
        with shop.journal() as journal:
            states = {op.op_id: state for op, state, _ in journal.operations(session.name) if op.op_id in mine}
        result.delivered = all(states.get(op.op_id) == "delivered" for op in recorded.operations)
        result.waiting = report.waiting
        return result
    finally:
        await desk.close()


async def _repeated(shop: ShopSession, earlier: Recorded, name: str, ref: VariantRef, taps: list[Tap], key: str,
                    wait: bool) -> CountResult:
    """A command repeated with its key: nothing is recorded again; what waits is delivered."""
    if not _same_command(earlier, name, ref, taps):
        raise UsageProblem(f"The key {key!r} was used for another count on this device; nothing was recorded. "
                           "Use a new key for a new count.")
    result = CountResult(None, earlier.operations, already=True)
    if wait and "waiting" in earlier.states:
        try:
            await deliver(shop)
        except Exception as exc:  # noqa: BLE001 - still safe in the journal
            result.delivery_error = describe(exc)
    with shop.journal() as journal:
        again = journal.by_caller_key(key)
    assert again is not None
    return _settled(result, again.states, again.reasons)


def not_recorded(error: BaseException) -> str:
    """The sentence for a count command that failed before it recorded anything: it says so,
    and never promises that the app keeps the work (there was none to keep)."""
    if isinstance(error, ShopUnavailable):
        said = f"The shop cannot be reached right now ({error.reason})."
    elif isinstance(error, Throttled):
        said = "The shop is busy and kept asking us to slow down."
    else:
        said = describe(error)
    if "othing was recorded" in said:
        return said
    # Run it again when the shop was the trouble; a refusal (a released session, an unknown area)
    # would only be refused again.
    again = isinstance(error, (ShopUnavailable, Throttled)) or is_offline(error)
    return f"{said} Nothing was recorded" + (": it is safe to run it again." if again else ".")


async def deliver(shop: ShopSession) -> SyncReport:
    """Deliver every operation waiting in this device's journal."""
    with shop.journal() as journal:
        return await SyncEngine(shop.client, journal, shop.by, renew=shop.renew_device).deliver()


@dataclass
class PaperResult:
    parsed: PaperImport
    report: SyncReport
    delivery_error: str | None = None  # the rows are recorded; delivery did not finish (see CountResult)


async def import_paper_counts(shop: ShopSession, name: str, path: Path, *, area: str,
                              on_recorded: Callable[[list[CountOperation]], None] | None = None) -> PaperResult:
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
        recorded: list[CountOperation] = []
        for row in list(parsed.rows):
            try:
                recorded.append((await desk.record(row.variant_id, OpKind.SET, row.area, row.quantity))[0])
            except TapRefused as exc:
                parsed.rows.remove(row)
                parsed.errors.append((row.line_number, desk.records[row.variant_id].sku or "", str(exc)))
            if on_recorded and recorded:
                on_recorded(recorded)
        parsed.errors.sort(key=lambda e: e[0])
        try:
            report = await desk.deliver()
        except Exception as exc:  # noqa: BLE001 - the rows are safe in the journal
            return PaperResult(parsed, SyncReport(waiting=len(recorded)), describe(exc))
    finally:
        await desk.close()
    return PaperResult(parsed, report)


async def status(shop: ShopSession, name: str) -> SessionStatus:
    """The session's variants per status, areas counted, and what waits or was refused here.
    What it reads becomes this device's copy of the session (counts can then be recorded offline)."""
    session = await get_session(shop.client, name)
    records = await load_records(shop.client)
    variants = await load_session_variants(shop.client, session.name, reading="state")

    await asyncio.to_thread(device_copy.keep, shop, session, records.areas or [], records.settings or Settings(),
                            variants, whole=True)
    with shop.journal() as journal:
        waiting = sum(1 for op in journal.pending() if op.session == session.name)
        rejected = journal.rejected_count(session.name)
    return session_status(session, variants, records.areas or [], waiting=waiting, rejected=rejected)


async def export_journal(shop: ShopSession, name: str, path: Path) -> int:
    """This device's operations of session `name` as CSV (the audit trail); rows written."""
    with shop.journal() as journal:
        return journal.export_csv(path, name)
