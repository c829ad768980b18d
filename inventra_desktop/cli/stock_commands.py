"""The count-to-stock commands of `inventra` (issue 6): drift, review, apply, revert."""

from __future__ import annotations

import argparse
import sys

from ..journal.workspace import Workspace
from ..shopify.client import AdminClient
from ..stocktake.inventory import apply, drift, fix_items, plan_apply, revert
from ..stocktake.models import SessionState, Settings
from ..stocktake.review import accept, flag_variances, send_back
from ..stocktake.sessions import SessionError, get_session
from ..stocktake.shopdata import load_records
from ..stocktake.variants import load_session_variants
from .main import UsageError, emit


def _confirm(args: argparse.Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError(f"{question} Add --yes to confirm when not run interactively.")
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


async def cmd_drift(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    lines = await drift(client, args.name)
    records = await load_records(client)
    emit(args, [{"variant": d.variant_id, "sku": d.sku, "title": d.title, "location": d.location_id,
                 "baseline": d.baseline, "now": d.now, "moved": d.moved} for d in lines],
         "\n".join(f"{d.sku or d.title}: {d.moved:+d} at {records.location_name(d.location_id)} "
                   f"(snapshot {d.baseline}, now {d.now})" for d in lines) or "Nothing moved since the snapshot.")
    return 0


async def cmd_review(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    records = await load_records(client)
    settings = records.settings or Settings()
    units = args.threshold if args.threshold is not None else settings.review_threshold_units
    variants = await load_session_variants(client, args.name)
    flagged = flag_variances(variants, args.name, settings, args.threshold)
    if args.recount:
        wanted = {s.lower() for s in args.recount}
        chosen = [f.variant for f in flagged if (f.variant.sku or "").lower() in wanted] or \
                 [v for v in variants if v.takes_part(args.name) and (v.sku or "").lower() in wanted]
        if not chosen:
            raise UsageError("None of those SKUs is in the session.")
        await send_back(client, args.name, chosen, by=ws.device.name)
    elif args.accept:
        await accept(client, args.name, flagged, by=ws.device.name, units=units)
    emit(args, [{"variant": f.variant.id, "sku": f.variant.sku, "baseline": f.baseline,
                 "counted": f.baseline + f.variance, "variance": f.variance} for f in flagged],
         "\n".join(f"{f.variant.sku or f.variant.display_name}: counted {f.baseline + f.variance}, expected "
                   f"{f.baseline} ({f.variance:+d})" for f in flagged) or "No variance above the threshold.")
    return 0


async def cmd_apply(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    plan = await plan_apply(client, args.name, args.keep)
    if plan.session.state is SessionState.APPLIED:
        emit(args, {"session": args.name, "applied": 0, "already": True},
             f"Session {args.name} was applied already: nothing was written again. (revert first to apply anew)")
        return 0
    if plan.locked and plan.keep != args.keep:
        print(f"inventra: an earlier apply of {args.name} was interrupted; it resumes keeping the {plan.keep}, "
              "as it was started.", file=sys.stderr)
    if args.fix:
        await fix_items(client, plan)
    records = await load_records(client)
    problems = [line for line in plan.lines if line.problem]
    preview = "\n".join(f"{line.sku or line.title} at {records.location_name(line.location_id)}: baseline "
                        f"{line.baseline}, counted {line.counted}, Shopify now {line.now if line.now is not None else '—'}"
                        f" → {line.change:+d}" for line in plan.writable)
    skipped = "".join(f"\nNot applied: {line.sku or line.title} at {records.location_name(line.location_id)}: "
                      f"{line.problem} (use --fix)." for line in problems)
    skipped += "".join(f"\nNot applied: area {a.label} is mapped to no location." for a in plan.unmapped_areas)
    if not args.json:
        print(f"Keep the {plan.keep}: {len(plan.writable)} changes.\n{preview}{skipped}")
    if not _confirm(args, f"Write {len(plan.writable)} changes to Shopify's inventory?"):
        return 1
    result = await apply(client, plan, by=ws.device.name)
    data = {"session": args.name, "keep": plan.keep, "applied": len(result.applied),
            "stale": [{"variant": s.variant_id, "sku": s.sku, "location": s.location_id} for s in result.stale],
            "failed": [{"variant": f.variant_id, "sku": f.sku, "reason": r} for f, r in result.failed],
            "not_applied": [{"variant": p.variant_id, "sku": p.sku, "reason": p.problem} for p in problems]}
    emit(args, data, f"Applied {len(result.applied)} changes to Shopify.")
    if result.stale:
        print(f"inventra: {len(result.stale)} lines changed in Shopify while you decided; run apply again to see "
              "them with the new quantities.", file=sys.stderr)
        return 1
    if result.failed:
        print(f"inventra: {len(result.failed)} lines could not be written: {result.failed[0][1]}", file=sys.stderr)
        return 1
    return 0


async def cmd_revert(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    if not _confirm(args, f"Post the opposite of session {args.name}'s apply to Shopify's inventory?"):
        return 1
    result = await revert(client, args.name, by=ws.device.name)
    emit(args, {"session": args.name, "reverted": result.reverted},
         f"Reverted {result.reverted} changes; session {args.name} is finalized again.")
    return 0


async def cmd_report(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    from ..stocktake.count_sheet import write_count_sheet
    from ..stocktake.reports import write_csv, write_xlsx
    from ..stocktake.session_report import load_session_report
    from ..stocktake.snapshot import session_areas

    if args.format == "pdf":
        session = await get_session(client, args.name)
        records = await load_records(client)
        variants = await load_session_variants(client, args.name)
        write_count_sheet(session, session_areas(session, records.areas or []), variants, args.output,
                          blind=args.blind or session.blind)
        emit(args, {"file": str(args.output)}, f"Count sheet written to {args.output}.")
        return 0
    with ws.journal() as journal:
        rejected = journal.rejected(args.name)
    report = await load_session_report(client, args.name,
                                       apply_failures=[(op.variant, reason) for op, reason in rejected])
    (write_csv if args.format == "csv" else write_xlsx)(report, args.output)
    emit(args, {"file": str(args.output), "lines": len(report.lines), "exceptions": len(report.exceptions)},
         f"Report of {args.name} ({len(report.lines)} variants, {len(report.exceptions)} exceptions) written to "
         f"{args.output}.")
    return 0


async def cmd_import_counts(args: argparse.Namespace, client: AdminClient, ws: Workspace) -> int:
    """Paper counts go through the journal like any other count: a `set` per row."""
    from ..journal.sync import SyncEngine
    from ..stocktake.models import OpKind
    from ..stocktake.paper_counts import parse_paper_counts
    from ..stocktake.snapshot import session_areas

    session = await get_session(client, args.name)
    if session.state is not SessionState.SNAPSHOTTED or not session.snapshot_at:
        raise SessionError(f"Session {args.name} is {session.state.value}: it takes no counts.")
    records = await load_records(client)
    areas = session_areas(session, records.areas or [])
    variants = await load_session_variants(client, args.name)
    try:
        parsed = parse_paper_counts(args.file, area=args.area, variants=variants, areas=areas, session=args.name)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    by_id = {v.id: v for v in variants}
    with ws.journal() as journal:
        for row in parsed.rows:
            journal.record(session=args.name, snapshot_at=session.snapshot_at, variant=row.variant_id,
                           kind=OpKind.SET, area=row.area, value=row.quantity, sku=by_id[row.variant_id].sku)
        report = await SyncEngine(client, journal, ws.device.name).deliver()
    errors = [{"line": n, "code": code, "reason": reason} for n, code, reason in parsed.errors]
    emit(args, {"recorded": len(parsed.rows), "delivered": report.delivered, "errors": errors,
                "rejected": [{"op_id": op.op_id, "reason": r} for op, r in report.rejected]},
         f"Recorded {len(parsed.rows)} counts from {args.file} ({report.delivered} delivered)."
         + "".join(f"\n  line {n}: {code}: {reason}" for n, code, reason in parsed.errors))
    return 1 if parsed.errors or report.rejected else 0
