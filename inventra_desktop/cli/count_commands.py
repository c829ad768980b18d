"""`inventra` while counting: count, done, reopen, import-counts, sync, status, journal export."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..services import counting
from ..services.counting import Tap
from ..services.shop import ShopSession
from ..stocktake.models import OpKind
from .output import EXIT_SAVED_NOT_DELIVERED, UsageError, emit, warn
from .setup_commands import variant_ref


async def _record(args: argparse.Namespace, shop: ShopSession, taps: list[Tap]) -> int:
    result = await counting.count(shop, args.name, variant_ref(args), taps, wait=not args.no_wait)
    title = result.variant.display_name
    summary = {"recorded": [op.op_id for op in result.recorded], "delivered": result.delivered,
               "rejected": [{"op_id": op.op_id, "reason": r} for op, r in result.rejected], "waiting": result.waiting,
               "error": result.delivery_error}
    if result.delivery_error:
        emit(args, summary, f"Saved {len(result.recorded)} operation(s) for {title} on this device.")
        warn(f"saved on this device but not delivered yet: {result.delivery_error} Do not count it again; "
             "`inventra sync` delivers it.")
        return EXIT_SAVED_NOT_DELIVERED
    if args.no_wait:
        emit(args, summary, f"Recorded {len(result.recorded)} operation(s) for {title}; `inventra sync` delivers them.")
        return 0
    if result.rejected:
        if args.json:
            emit(args, summary, "")
        warn(f"recorded, but refused when delivered: {result.rejected[0][1]}.")
        return 1
    emit(args, summary, f"Saved for {title}.")
    return 0


async def cmd_count(args: argparse.Namespace, shop: ShopSession) -> int:
    if args.add is not None:
        tap: Tap = (OpKind.ADD, args.area, args.add)
    elif args.set_value is not None:
        if args.set_value < 0:
            raise UsageError("A count cannot be negative.")
        tap = (OpKind.SET, args.area, args.set_value)
    else:
        tap = (OpKind.COUNTED, args.area, 1)
    return await _record(args, shop, [tap] + ([(OpKind.DONE, None, None)] if args.done else []))


async def cmd_done(args: argparse.Namespace, shop: ShopSession) -> int:
    return await _record(args, shop, [(OpKind.DONE, None, None)])


async def cmd_reopen(args: argparse.Namespace, shop: ShopSession) -> int:
    return await _record(args, shop, [(OpKind.REOPEN, None, None)])


async def cmd_import_counts(args: argparse.Namespace, shop: ShopSession) -> int:
    """Paper counts go through the journal like any other count: a `set` per row."""
    outcome = await counting.import_paper_counts(shop, args.name, args.file, area=args.area)
    parsed, report = outcome.parsed, outcome.report
    errors = [{"line": n, "code": code, "reason": reason} for n, code, reason in parsed.errors]
    summed = [{"variant": row.variant_id, "title": row.title, "area": row.area, "lines": row.lines,
               "quantities": row.parts, "total": row.quantity} for row in parsed.summed]
    emit(args, {"recorded": len(parsed.rows), "delivered": report.delivered, "errors": errors, "summed": summed,
                "rejected": [{"op_id": op.op_id, "reason": r} for op, r in report.rejected]},
         f"Recorded {len(parsed.rows)} counts from {args.file} ({report.delivered} delivered)."
         + "".join(f"\n  summed: {row.title} in {row.area}: lines {', '.join(map(str, row.lines))}: "
                   f"{' + '.join(map(str, row.parts))} = {row.quantity}" for row in parsed.summed)
         + "".join(f"\n  line {n}: {code}: {reason}" for n, code, reason in parsed.errors))
    return 1 if parsed.errors or report.rejected else 0


async def cmd_sync(args: argparse.Namespace, shop: ShopSession) -> int:
    report = await counting.deliver(shop)
    emit(args, {"delivered": report.delivered, "rejected": [{"op_id": op.op_id, "reason": r}
                                                            for op, r in report.rejected],
                "waiting": report.waiting},
         f"Delivered {report.delivered}, rejected {len(report.rejected)}, waiting {report.waiting}."
         + "".join(f"\n  rejected {op.sku or op.variant} ({op.kind.value}): {r}" for op, r in report.rejected))
    return 0


async def cmd_status(args: argparse.Namespace, shop: ShopSession) -> int:
    status = await counting.status(shop, args.name)
    text = (f"Session {status.session} ({status.state}): {status.variants} variants; "
            + ", ".join(f"{k} {v}" for k, v in status.by_status.items()) + f", omitted {status.omitted}.\n"
            + "Areas counted: " + ", ".join(f"{k} {v}" for k, v in status.areas_counted.items())
            + f"\nThis device: {status.waiting} waiting, {status.rejected} rejected."
            + "".join(f"\nProblem: {p.sku or p.variant} {p.key}: {p.reason}" for p in status.problems))
    emit(args, status.as_json(), text)
    return 0


async def cmd_journal_export(args: argparse.Namespace, shop: ShopSession) -> int:
    rows = await counting.export_journal(shop, args.name, Path(args.output))
    emit(args, {"rows": rows, "file": str(args.output)}, f"Wrote {rows} operations to {args.output}.")
    return 0


HANDLERS = {
    "count": cmd_count, "done": cmd_done, "reopen": cmd_reopen, "import-counts": cmd_import_counts,
    "sync": cmd_sync, "status": cmd_status, "journal export": cmd_journal_export,
}
