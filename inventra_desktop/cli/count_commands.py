"""`inventra` while counting: count, done, reopen, import-counts, sync, status, journal export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from ..services import counting
from ..services.counting import Tap
from ..services.shop import ShopSession
from ..stocktake.models import CountOperation, OpKind
from .output import EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, EXIT_SAVED, UsageError, emit, warn
from .setup_commands import variant_ref


def _recorded(args: argparse.Namespace) -> Callable[[list[CountOperation]], None]:
    """Let `main` know the moment taps are durable: whatever stops the command after that (an
    interrupt, a bug) must say they were saved (exit 3), never "nothing was recorded"."""
    def note(ops: list[CountOperation]) -> None:
        args.recorded = list(ops)
    return note


async def _record(args: argparse.Namespace, shop: ShopSession, taps: list[Tap]) -> int:
    result = await counting.count(shop, args.name, variant_ref(args), taps, wait=not args.no_wait, key=args.key,
                                  on_recorded=_recorded(args))
    args.recorded = result.recorded
    title = result.title
    summary = {"recorded": [op.op_id for op in result.recorded], "delivered": result.delivered,
               "already": result.already, "rejected": [{"op_id": op.op_id, "reason": r} for op, r in result.rejected],
               "waiting": result.waiting, "error": result.delivery_error}
    again = f" (recorded before under the key {args.key}: nothing was counted again)" if result.already else ""
    if result.rejected:
        if args.json:
            emit(args, summary, "")
        warn(f"recorded, but the shop refused it: {result.rejected[0][1]}. It does not count{again}.")
        return EXIT_REFUSED
    if result.delivered:
        emit(args, summary, f"Saved for {title}{again}.")
        return EXIT_OK
    if args.no_wait and not result.delivery_error:
        emit(args, summary, f"Recorded {len(result.recorded)} operation(s) for {title}{again}; `inventra sync` "
             "delivers them.")
        return EXIT_OK
    if args.json:
        emit(args, summary, "")
    why = f": {result.delivery_error.rstrip('.')}" if result.delivery_error else ""
    warn(f"saved on this device, not delivered to the shop yet{why}. `inventra sync` delivers it; do not count it "
         f"again{again}.")
    return EXIT_SAVED


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
    """Paper counts go through the journal like any other count: a `set` per row. Exit 4 when
    rows were refused (listed) and the others recorded, 1 when no row could be recorded, 3 when
    delivery did not finish."""
    outcome = await counting.import_paper_counts(shop, args.name, args.file, area=args.area,
                                                 on_recorded=_recorded(args))
    parsed, report = outcome.parsed, outcome.report
    errors = [{"line": n, "code": code, "reason": reason} for n, code, reason in parsed.errors]
    summed = [{"variant": row.variant_id, "title": row.title, "area": row.area, "lines": row.lines,
               "quantities": row.parts, "total": row.quantity} for row in parsed.summed]
    emit(args, {"recorded": len(parsed.rows), "delivered": report.delivered, "errors": errors, "summed": summed,
                "rejected": [{"op_id": op.op_id, "reason": r} for op, r in report.rejected],
                "error": outcome.delivery_error},
         f"Recorded {len(parsed.rows)} counts from {args.file} ({report.delivered} delivered)."
         + "".join(f"\n  summed: {row.title} in {row.area}: lines {', '.join(map(str, row.lines))}: "
                   f"{' + '.join(map(str, row.parts))} = {row.quantity}" for row in parsed.summed)
         + "".join(f"\n  line {n}: {code}: {reason}" for n, code, reason in parsed.errors))
    if outcome.delivery_error:
        warn(f"the counts are saved on this device, not delivered to the shop yet: "
             f"{outcome.delivery_error.rstrip('.')}. `inventra sync` delivers them; do not import the file again.")
        return EXIT_SAVED
    if parsed.errors and not parsed.rows:
        return EXIT_FAILURE  # nothing was recorded: fix the file and import it again
    return EXIT_REFUSED if parsed.errors or report.rejected else EXIT_OK


async def cmd_sync(args: argparse.Namespace, shop: ShopSession) -> int:
    """Exit 0 when nothing waits any more (what the shop refused is listed), 3 when some still wait."""
    report = await counting.deliver(shop)
    emit(args, {"delivered": report.delivered, "rejected": [{"op_id": op.op_id, "reason": r}
                                                            for op, r in report.rejected],
                "waiting": report.waiting},
         f"Delivered {report.delivered}, rejected {len(report.rejected)}, waiting {report.waiting}."
         + "".join(f"\n  rejected {op.sku or op.variant} ({op.kind.value}): {r}" for op, r in report.rejected))
    return EXIT_SAVED if report.waiting else EXIT_OK  # refusals are settled (listed), not failures of sync


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
