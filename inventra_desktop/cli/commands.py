"""The stock-take commands of `inventra` (issue 4's contract), over the engine's services."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..journal.store import Journal
from ..journal.sync import SyncEngine
from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..shopify.errors import ShopifyError
from ..stocktake import codec
from ..stocktake.finalize import finalize, release
from ..stocktake.install import install
from ..stocktake.models import Area, CountOperation, OpKind, SessionRecord, SessionState, Status
from ..stocktake.report import preflight, session_status
from ..stocktake.resolve import ResolveError, VariantRef, resolve_variant
from ..stocktake.sessions import SessionError, UnknownSession, create_session, get_session, set_persistent_omit
from ..stocktake.shopdata import ShopRecords, load_records, write_shop_metafield
from ..stocktake.snapshot import reset_variant, session_areas, snapshot
from ..stocktake.variants import load_session_variants
from ..stocktake.writer import Known, NewState, read_known, update_variants
from .connection import ConnectionProblem, Workspace, open_client, workspace
from .main import UsageError, default_device_name, emit


def sentence(exc: BaseException) -> str:
    """One sentence for any failure; the typed ones already carry theirs."""
    if isinstance(exc, (ShopifyError, SessionError, ResolveError, ConnectionProblem, codec.CodecError)):
        return str(exc)
    if isinstance(exc, OSError):
        return f"a file could not be read or written ({exc.strerror or exc})."
    return f"something unexpected went wrong ({type(exc).__name__}: {exc}). Run again with --debug for details."


async def run_command(args: argparse.Namespace) -> int:
    ws = workspace(args.data_dir, args.device_name or default_device_name())
    client = open_client(args.shop, args.client_id, ws.data_dir)
    async with client:
        try:
            return await _dispatch(args, client, ws)
        except SessionError as exc:
            if exc.usage:
                raise UsageError(str(exc)) from None
            raise


async def _dispatch(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    name = args.command
    if name == "session":
        name = f"session {args.session_command}"
    if name == "journal":
        name = f"journal {args.journal_command}"
    handler = HANDLERS[name]
    return await handler(args, client, ws)


def _ref(args: argparse.Namespace) -> dict[str, str | None]:
    return {"variant": args.variant, "sku": args.sku, "barcode": args.barcode}


# ---------------------------------------------------------------- setup
async def cmd_install(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    await client.connect()
    report = await install(client)
    lines = [f"Definitions created: {len(report.created)}, already there: {len(report.existing)}."]
    lines += ["Default storage areas created." if report.areas_created else "Storage areas: already set up."]
    lines += report.notices
    emit(args, {"created": report.created, "existing": report.existing, "incompatible": report.incompatible,
                "areas_created": report.areas_created, "settings_created": report.settings_created,
                "notices": report.notices}, "\n".join(lines))
    if not report.ok:
        print("inventra: " + " ".join(report.incompatible), file=sys.stderr)
        return 1
    return 0


async def cmd_areas(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    records = await load_records(client)
    if args.set_file:
        try:
            raw = json.loads(args.set_file.read_text(encoding="utf-8"))
            areas = [Area.model_validate(a) for a in raw]
        except (ValueError, ValidationError, TypeError) as exc:
            raise UsageError(f"{args.set_file} is not a list of areas like "
                             '[{"key": "showroom", "label": "Showroom", "location_id": "gid://shopify/Location/1", '
                             f'"standard": true}}] ({str(exc).splitlines()[0]})') from None
        keys = [a.key for a in areas]
        if len(set(keys)) != len(keys) or not areas:
            raise UsageError("Each area needs its own key, and there must be at least one area.")
        known = {loc.id for loc in records.locations}
        unknown = [a.location_id for a in areas if a.location_id and a.location_id not in known]
        if unknown:
            raise UsageError(f"These locations do not exist in the shop: {', '.join(unknown)}.")
        digest = records.digests.get("areas")
        await write_shop_metafield(client, records.shop_id, codec.Keys.AREAS, codec.encode_areas(areas),
                                   digest if digest else None)
        records = await load_records(client)
    areas = records.areas or []
    unmapped = [a.key for a in areas if not a.location_id]
    if unmapped:  # the JSON stays clean on stdout; the warning goes to stderr
        print(f"Warning: areas mapped to no location: {', '.join(unmapped)} (their counts cannot be applied).",
              file=sys.stderr)
    print(json.dumps([a.model_dump() for a in areas], indent=2, ensure_ascii=False))
    return 0


async def cmd_omit(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    ref = await resolve_variant(client, **_ref(args))
    await set_persistent_omit(client, ref.id, not args.undo)
    emit(args, {"variant": ref.id, "omit": not args.undo},
         f"{ref.title}: {'counted again from now on' if args.undo else 'never counted (omit flag set)'}.")
    return 0


async def cmd_sessions(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    records = await load_records(client)
    rows = [{"name": s.name, "state": s.state.value, "products": len(s.product_ids), "created_at": s.created_at,
             "created_by": s.created_by, "snapshot_at": s.snapshot_at} for s in records.sessions]
    emit(args, rows, "\n".join(f"{r['name']:20} {r['state']:12} {r['products']:6} products  created "
                                f"{r['created_at']} by {r['created_by']}" for r in rows) or "No sessions yet.")
    return 0


async def cmd_session_create(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    created = await create_session(client, args.name, by=ws.device.name, query=args.query,
                                   product_ids=args.product_ids)
    record = created.record
    emit(args, {"session": record.name, "products": len(record.product_ids), "tagged": created.tagged,
                "resumed": created.resumed},
         f"Session {record.name}: {len(record.product_ids)} products tagged {record.tag}.")
    return 0


async def _session_variant(client: AdminClient, session: SessionRecord, args: argparse.Namespace) -> VariantRef:
    ref = await resolve_variant(client, **_ref(args))
    if session.tag not in ref.product_tags and ref.product_id not in session.product_ids:
        raise ResolveError(f"{ref.title} is not in session {session.name}.")
    return ref


async def cmd_session_omit(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    session = await get_session(client, args.name)
    ref = await _session_variant(client, session, args)

    def change(variant_id: str, known: Known) -> NewState | None:
        counts = known.state.counts
        if counts is None or counts.session != session.name:
            raise SessionError(f"{ref.title} has no snapshot in session {session.name} yet: snapshot first.")
        counts = counts.model_copy(deep=True)
        counts.omitted = not args.undo
        return NewState(counts)
    await update_variants(client, [ref.id], change)
    emit(args, {"variant": ref.id, "omitted": not args.undo},
         f"{ref.title}: {'back in' if args.undo else 'omitted from'} session {session.name}.")
    return 0


async def cmd_preflight(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    session = await get_session(client, args.name)
    records = await load_records(client)
    variants = await load_session_variants(client, args.name)
    lines = preflight(session, variants, records.areas or [], {loc.id: loc.name for loc in records.locations})
    emit(args, [line.__dict__ for line in lines],
         "\n".join(f"[{line.kind}] {line.subject}: {line.detail} → {line.effect}" for line in lines)
         or f"Session {args.name}: nothing to report; {len(variants)} variants look healthy.")
    return 0


async def cmd_snapshot(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    report = await snapshot(client, args.name, by=ws.device.name, force=args.force)
    emit(args, {"session": args.name, "variants": report.written, "bundle_parents": report.skipped_bundles,
                "omitted": report.skipped_omitted, "snapshot_at": report.session.snapshot_at,
                "seconds": round(report.seconds, 2)},
         f"Snapshot of {args.name}: {report.written} variants ready to count "
         f"({report.skipped_bundles} bundles and {report.skipped_omitted} omitted left out).")
    return 0


# ---------------------------------------------------------------- counting
async def _counting_session(client: AdminClient, name: str) -> tuple[SessionRecord, ShopRecords]:
    records = await load_records(client)
    session = records.session(name)
    if session is None:
        raise UnknownSession(name)
    if session.state is not SessionState.SNAPSHOTTED or not session.snapshot_at:
        if session.state is SessionState.OPEN:
            raise SessionError(f"Session {name} has no snapshot yet: run `inventra snapshot {name}` first.")
        raise SessionError(f"Session {name} is {session.state.value}: it takes no more counts.")
    return session, records


def _local_area_qty(known: Known | None, journal: Journal, variant: str, area: str, device: str) -> int | None:
    """What this device knows the area holds: the shop's figure plus its own undelivered ops."""
    if known is None or known.state.counts is None:
        return None
    counts = known.state.counts
    qty = counts.areas.get(area).qty if area in counts.areas else 0
    watermark = counts.ops.get(device, 0)
    for op in journal.pending_for_variant(variant):
        if op.seq <= watermark or op.area != area:
            continue
        if op.kind is OpKind.SET:
            qty = op.value or 0
        elif op.kind is OpKind.ADD:
            qty += op.value or 0
    return qty


async def _record_and_deliver(args: argparse.Namespace, client: AdminClient, ws: Workspace, session: SessionRecord,
                              ref: VariantRef, ops: list[tuple[OpKind, str | None, int | None]]) -> int:
    with ws.journal() as journal:
        recorded: list[CountOperation] = []
        for kind, area, value in ops:
            recorded.append(journal.record(session=session.name, snapshot_at=session.snapshot_at or "",
                                           variant=ref.id, kind=kind, area=area, value=value, sku=ref.sku))
        summary = {"recorded": [op.op_id for op in recorded], "delivered": False, "rejected": []}
        if args.no_wait:
            emit(args, summary, f"Recorded {len(recorded)} operation(s) for {ref.title}; `inventra sync` delivers them.")
            return 0
        report = await SyncEngine(client, journal, ws.device.name).deliver()
        mine = {op.op_id for op in recorded}
        rejected = [(op, reason) for op, reason in report.rejected if op.op_id in mine]
        summary.update(delivered=not rejected, rejected=[{"op_id": op.op_id, "reason": r} for op, r in rejected],
                       waiting=report.waiting)
        if rejected:
            if args.json:
                emit(args, summary, "")
            print(f"inventra: recorded, but refused when delivered: {rejected[0][1]}.", file=sys.stderr)
            return 1
        emit(args, summary, f"Saved for {ref.title}.")
        return 0


async def cmd_count(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    session, records = await _counting_session(client, args.name)
    areas = [a.key for a in session_areas(session, records.areas or [])]
    if args.area not in areas:
        raise UsageError(f"Session {session.name} counts these areas: {', '.join(areas)}; not {args.area!r}.")
    ref = await _session_variant(client, session, args)
    if args.add is not None:
        op = (OpKind.ADD, args.area, args.add)
    elif args.set_value is not None:
        if args.set_value < 0:
            raise UsageError("A count cannot be negative.")
        op = (OpKind.SET, args.area, args.set_value)
    else:
        op = (OpKind.COUNTED, args.area, 1)
    if op[0] is OpKind.ADD and args.add < 0:
        known = (await read_known(client, [ref.id])).get(ref.id)
        with ws.journal() as journal:
            qty = _local_area_qty(known, journal, ref.id, args.area, ws.device.device_id)
        if qty is not None and qty + args.add < 0:
            raise SessionError(f"{ref.title} has {qty} in {args.area}; taking away {-args.add} would go below zero, "
                               "so nothing was recorded.")
    ops = [op] + ([(OpKind.DONE, None, None)] if args.done else [])
    return await _record_and_deliver(args, client, ws, session, ref, ops)


async def cmd_done(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    session, _ = await _counting_session(client, args.name)
    ref = await _session_variant(client, session, args)
    return await _record_and_deliver(args, client, ws, session, ref, [(OpKind.DONE, None, None)])


async def cmd_reopen(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    session, _ = await _counting_session(client, args.name)
    ref = await _session_variant(client, session, args)
    return await _record_and_deliver(args, client, ws, session, ref, [(OpKind.REOPEN, None, None)])


async def cmd_reset(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    session = await get_session(client, args.name)
    if not session.snapshot_at:
        raise SessionError(f"Session {session.name} has no snapshot yet: there is nothing to reset.")
    ref = await _session_variant(client, session, args)
    records = await load_records(client)
    areas = session_areas(session, records.areas or [])
    variant = next((v for v in await load_session_variants(client, session.name) if v.id == ref.id), None)
    if variant is None:
        raise ResolveError(f"{ref.title} was not found in session {session.name}.")

    await reset_variant(client, session, variant, areas)
    emit(args, {"variant": ref.id, "reset": True, "problems_cleared": variant.problems},
         f"{ref.title}: stock-take data rewritten (baseline from Shopify now, counts at zero, status pending).")
    return 0


async def cmd_sync(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    with ws.journal() as journal:
        report = await SyncEngine(client, journal, ws.device.name).deliver()
    emit(args, {"delivered": report.delivered, "rejected": [{"op_id": op.op_id, "reason": r}
                                                            for op, r in report.rejected],
                "waiting": report.waiting},
         f"Delivered {report.delivered}, rejected {len(report.rejected)}, waiting {report.waiting}."
         + "".join(f"\n  rejected {op.sku or op.variant} ({op.kind.value}): {r}" for op, r in report.rejected))
    return 0


async def cmd_status(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    session = await get_session(client, args.name)
    records = await load_records(client)
    variants = await load_session_variants(client, args.name)
    with ws.journal() as journal:
        waiting = len([op for op in journal.pending() if op.session == args.name])
        rejected = journal.rejected_count(args.name)
    status = session_status(session, variants, records.areas or [], waiting=waiting, rejected=rejected)
    data = status.as_json()
    text = (f"Session {status.session} ({status.state}): {status.variants} variants; "
            + ", ".join(f"{k} {v}" for k, v in status.by_status.items()) + f", omitted {status.omitted}.\n"
            + "Areas counted: " + ", ".join(f"{k} {v}" for k, v in status.areas_counted.items())
            + f"\nThis device: {waiting} waiting, {rejected} rejected."
            + "".join(f"\nProblem: {p.sku or p.variant} {p.key}: {p.reason}" for p in status.problems))
    emit(args, data, text)
    return 0


async def cmd_finalize(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    with ws.journal() as journal:  # this device's counts go first
        await SyncEngine(client, journal, ws.device.name).deliver()
    report = await finalize(client, args.name, by=ws.device.name, uncounted=args.uncounted)
    emit(args, {"session": args.name, "state": "finalized", "participants": report.participants,
                "zeroed": report.zeroed, "omitted": report.omitted, "tags_added": report.tags_added,
                "tags_removed": report.tags_removed, "alerts": [{"product": p, "area": a} for p, a in report.alerts]},
         f"Session {args.name} finalized: {report.participants} variants"
         + (f", {report.zeroed} counted as 0" if report.zeroed else "")
         + (f", {report.omitted} omitted" if report.omitted else "")
         + f"; {report.tags_added} area tags added, {report.tags_removed} removed."
         + "".join(f"\nAlert: {p} has stock in {a}." for p, a in report.alerts))
    return 0


async def cmd_release(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    report = await release(client, args.name, by=ws.device.name)
    emit(args, {"session": args.name, "state": "released", "variants_reset": report.variants_reset,
                "products_untagged": report.products_untagged},
         f"Session {args.name} released: {report.variants_reset} variants reset, "
         f"{report.products_untagged} products untagged.")
    return 0


async def cmd_journal_export(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    with ws.journal() as journal:
        rows = journal.export_csv(Path(args.output), args.name)
    emit(args, {"rows": rows, "file": str(args.output)}, f"Wrote {rows} operations to {args.output}.")
    return 0


from .stock_commands import (  # noqa: E402
    cmd_apply,
    cmd_drift,
    cmd_import_counts,
    cmd_report,
    cmd_revert,
    cmd_review,
)

HANDLERS: dict[str, Any] = {
    "install": cmd_install, "areas": cmd_areas, "omit": cmd_omit, "sessions": cmd_sessions,
    "session create": cmd_session_create, "session omit": cmd_session_omit, "preflight": cmd_preflight,
    "snapshot": cmd_snapshot, "count": cmd_count, "done": cmd_done, "reopen": cmd_reopen, "reset": cmd_reset,
    "sync": cmd_sync, "status": cmd_status, "finalize": cmd_finalize, "release": cmd_release,
    "journal export": cmd_journal_export, "drift": cmd_drift, "review": cmd_review, "apply": cmd_apply,
    "revert": cmd_revert, "report": cmd_report, "import-counts": cmd_import_counts,
}
