"""Counting from the command line and from files: taps on one variant, paper counts, delivery,
status and the journal's export. Every count goes through the same desk the GUI drives
(services/counting_desk.py), so the same rule refuses it at once with the same sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..files.paper_counts import PaperImport, parse_paper_counts
from ..gateway.records import get_session, load_records
from ..gateway.variants import load_session_variants
from ..journal.sync import SyncEngine, SyncReport
from ..stocktake.areas import session_areas
from ..stocktake.errors import SessionError, TapRefused, UsageProblem
from ..stocktake.models import CountOperation, OpKind, SessionRecord, SessionState
from ..stocktake.status import SessionStatus, session_status
from ..stocktake.variant import VariantRecord
from .counting_desk import CountingDesk
from .setup import VariantRef, readable_areas, resolve_variant
from .shop import ShopSession

Tap = tuple[OpKind, str | None, int | None]  # kind, area, value


@dataclass
class CountResult:
    variant: VariantRecord
    recorded: list[CountOperation]
    delivered: bool = False
    rejected: list[tuple[CountOperation, str]] = field(default_factory=list)
    waiting: int = 0


async def counting_session(shop: ShopSession, name: str) -> SessionRecord:
    """The record of a session that takes counts, or the sentence why it does not."""
    session = await get_session(shop.client, name)
    if session.state is SessionState.OPEN or not session.snapshot_at:
        raise SessionError(f"Session {session.name} has no snapshot yet: run `inventra snapshot {session.name}` "
                           "first.")
    if session.state is not SessionState.SNAPSHOTTED:
        raise SessionError(f"Session {session.name} is {session.state.value}: it takes no more counts.")
    return session


async def count(shop: ShopSession, name: str, ref: VariantRef, taps: list[Tap], *, wait: bool = True) -> CountResult:
    """Record `taps` on the variant `ref` names (each checked first: a refused tap records
    nothing), then deliver them unless `wait` is False."""
    session = await counting_session(shop, name)
    named = {area for _, area, _ in taps if area is not None}
    if named:
        keys = [a.key for a in session_areas(session, readable_areas(await load_records(shop.client)))]
        unknown = sorted(named - set(keys))
        if unknown:
            raise UsageProblem(f"Session {session.name} counts these areas: {', '.join(keys)}; not {unknown[0]!r}.")
    variant = await resolve_variant(shop, ref, session=session.name)
    desk = CountingDesk(shop)
    try:
        await desk.open(session.name, variants=[variant])
        recorded = [(await desk.record(variant.id, kind, area, value))[0] for kind, area, value in taps]
        result = CountResult(desk.view(variant.id), recorded)
        if not wait:
            return result
        report = await desk.deliver()
        mine = {op.op_id for op in recorded}
        result.rejected = [(op, reason) for op, reason in report.rejected if op.op_id in mine]
        result.delivered = not result.rejected
        result.waiting = report.waiting
        return result
    finally:
        await desk.close()


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
    """The session's variants per status, areas counted, and what waits or was refused here."""
    session = await get_session(shop.client, name)
    records = await load_records(shop.client)
    variants = await load_session_variants(shop.client, session.name, reading="state")
    with shop.journal() as journal:
        waiting = sum(1 for op in journal.pending() if op.session == session.name)
        rejected = journal.rejected_count(session.name)
    return session_status(session, variants, records.areas or [], waiting=waiting, rejected=rejected)


async def export_journal(shop: ShopSession, name: str, path: Path) -> int:
    """This device's operations of session `name` as CSV (the audit trail); rows written."""
    with shop.journal() as journal:
        return journal.export_csv(path, name)
