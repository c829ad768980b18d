"""`inventra` closing the count: finalize, drift, review, report, apply, revert, release."""

from __future__ import annotations

import argparse

from ..services import closing
from ..services.shop import ShopSession
from ..stocktake.apply_plan import Line
from ..stocktake.models import SessionState
from .output import confirm, emit, warn


async def cmd_finalize(args: argparse.Namespace, shop: ShopSession) -> int:
    report = await closing.finalize(shop, args.name, uncounted=args.uncounted)
    emit(args, {"session": args.name, "state": "finalized", "participants": report.participants,
                "zeroed": report.zeroed, "closed_with_counts": report.closed_with_counts, "omitted": report.omitted,
                "tags_added": report.tags_added, "tags_removed": report.tags_removed,
                "histories": report.histories, "histories_reset": report.histories_reset,
                "alerts": [{"product": p, "area": a} for p, a in report.alerts]},
         f"Session {args.name} finalized: {report.participants} variants"
         + (f", {report.zeroed} never counted and now counted as 0" if report.zeroed else "")
         + (f", {report.closed_with_counts} not marked done closed with the counts entered"
            if report.closed_with_counts else "")
         + (f", {report.omitted} omitted" if report.omitted else "")
         + f"; {report.tags_added} area tags added, {report.tags_removed} removed; the count is in the "
         f"history of {report.histories} variants."
         + (f" {report.histories_reset} count {'history' if report.histories_reset == 1 else 'histories'} could not "
            "be read (edited by hand) and started afresh with this count." if report.histories_reset else "")
         + "".join(f"\nAlert: {p} has stock in {a}." for p, a in report.alerts))
    return 0


async def cmd_release(args: argparse.Namespace, shop: ShopSession) -> int:
    if not confirm(args, f"Release session {args.name}? Its counts are cleared from the products and their session "
                         "tags removed; this cannot be undone (export the report first if you need it)."):
        return 1
    report = await closing.release(shop, args.name)
    if report.already:
        emit(args, {"session": args.name, "state": "released", "already": True},
             f"Session {args.name} was released already: nothing was changed.")
        return 0
    emit(args, {"session": args.name, "state": "released", "variants_reset": report.variants_reset,
                "products_untagged": report.products_untagged},
         f"Session {args.name} released: {report.variants_reset} variants reset, "
         f"{report.products_untagged} products untagged.")
    return 0


async def cmd_drift(args: argparse.Namespace, shop: ShopSession) -> int:
    lines, names = await closing.drift(shop, args.name)
    emit(args, [{"variant": d.variant_id, "sku": d.sku, "title": d.title, "location": d.location_id,
                 "baseline": d.baseline, "now": d.now, "moved": d.moved} for d in lines],
         "\n".join(f"{d.sku or d.title}: {d.moved:+d} at {names.get(d.location_id, 'no location')} "
                   f"(snapshot {d.baseline}, now {d.now})" for d in lines) or "Nothing moved since the snapshot.")
    return 0


async def cmd_review(args: argparse.Namespace, shop: ShopSession) -> int:
    reviewed = await closing.review(shop, args.name, threshold=args.threshold)
    done = ""
    if args.recount:
        chosen = closing.choose_recount(reviewed, args.recount)
        await closing.send_back(shop, args.name, [v.id for v in chosen], labels=[v.sku or v.id for v in chosen])
        done = (f"\nSent back for a recount (in progress again): {', '.join(v.sku or v.display_name for v in chosen)}.")
    elif args.accept:
        await closing.accept(shop, args.name, reviewed.flagged, units=reviewed.units)
        n = len(reviewed.flagged)
        done = f"\nAccepted as counted, on the session's record: {n} variance{'' if n == 1 else 's'}."
    flagged = reviewed.flagged
    emit(args, [{"variant": f.variant.id, "sku": f.variant.sku, "baseline": f.baseline,
                 "counted": f.baseline + f.variance, "variance": f.variance} for f in flagged],
         ("\n".join(f"{f.variant.sku or f.variant.display_name}: counted {f.baseline + f.variance}, expected "
                    f"{f.baseline} ({f.variance:+d})" for f in flagged) + done).strip()
         or "No variance above the threshold.")
    return 0


def _lines(n: int) -> str:
    return f"{n} line was" if n == 1 else f"{n} lines were"


async def cmd_apply(args: argparse.Namespace, shop: ShopSession) -> int:
    plan = await closing.plan_apply(shop, args.name, args.keep)
    if plan.session.state is SessionState.APPLIED:
        emit(args, {"session": args.name, "applied": 0, "already": True},
             f"Session {args.name} was applied already: nothing was written again. (revert first to apply anew)")
        return 0
    if plan.locked and plan.keep != args.keep:
        warn(f"an earlier apply of {args.name} was interrupted; it resumes keeping the {plan.keep}, as it was "
             "started.")
    if args.fix:
        await closing.fix_items(shop, plan)
    names = plan.location_names

    def where(line: Line) -> str:
        return f"{line.sku or line.title} at {names.get(line.location_id, 'no location')}"
    preview = "\n".join(f"{where(line)}: baseline {line.baseline}, counted {line.counted}, Shopify now "
                        f"{line.now if line.now is not None else '—'} → {line.change:+d}"
                        + (" (sent before without an answer: sent again as it was)" if line.resend else "")
                        + (" (nothing was counted here: marked done elsewhere)" if line.emptied else "")
                        for line in plan.writable)
    skipped = "".join(f"\nNot applied: {where(line)}: {line.problem}" + (" (use --fix)." if line.fixable else ".")
                      for line in plan.blocked)
    skipped += "".join(f"\nNot applied: {why}." for _, _, why in plan.unreadable)
    skipped += "".join(f"\nNot applied: area {a.label} is mapped to no location." for a in plan.unmapped_areas)
    if plan.landed:
        skipped += f"\nAlready in Shopify from the interrupted run: {len(plan.landed)} lines (not written again)."
    emptied = [line for line in plan.writable if line.emptied]
    if emptied:
        n = len(emptied)
        skipped += (f"\n{n} line{'' if n == 1 else 's'} take{'s' if n == 1 else ''} "
                    f"{sum(-line.change for line in emptied)} units out at locations where nothing of them was "
                    "counted (marked done elsewhere): check them before you confirm.")
    if not args.json:
        print("\n".join(part for part in (f"Keep the {plan.keep}: {len(plan.writable)} changes.", preview,
                                           skipped.lstrip("\n")) if part))
    if not confirm(args, f"Write {len(plan.writable)} changes to Shopify's inventory?"):
        return 1
    result = await closing.apply(shop, plan)
    data = {"session": args.name, "keep": plan.keep, "applied": len(result.applied), "complete": result.complete,
            "already_written": len(plan.landed),
            "stale": [{"variant": s.variant_id, "sku": s.sku, "location": s.location_id} for s in result.stale],
            "failed": [{"variant": f.variant_id, "sku": f.sku, "location": f.location_id, "reason": r}
                       for f, r in result.failed],
            "not_applied": [{"variant": p.variant_id, "sku": p.sku, "location": p.location_id, "reason": p.problem,
                             "fixable": p.fixable} for p in result.blocked]
            + [{"variant": v, "sku": label, "reason": why} for v, label, why in result.unreadable]}
    emit(args, data, f"Applied {len(result.applied)} changes to Shopify.")
    if result.complete:
        return 0
    parts = []
    if result.stale:
        parts.append(f"{_lines(len(result.stale))} changed in Shopify while you decided (run apply again to see them "
                     "with the new quantities)")
    if result.failed:
        parts.append(f"{_lines(len(result.failed))} refused ({result.failed[0][1]})")
    if result.blocked:
        fixable = sum(1 for line in result.blocked if line.fixable)
        parts.append(f"{_lines(len(result.blocked))} not written" + (" (apply --fix stocks and tracks the items "
                                                                       "where they were counted)" if fixable else ""))
    if result.unreadable:
        parts.append(f"{len(result.unreadable)} variants have stock-take data that cannot be used (reset them)")
    warn("; ".join(parts) + f". Session {args.name} stays finalized: what was written stays written and is not "
         "written again.")
    return 1


async def cmd_revert(args: argparse.Namespace, shop: ShopSession) -> int:
    if not confirm(args, f"Post the opposite of session {args.name}'s apply to Shopify's inventory?"):
        return 1
    result = await closing.revert(shop, args.name)
    emit(args, {"session": args.name, "reverted": result.reverted},
         f"Reverted {result.reverted} changes; session {args.name} is finalized again.")
    return 0


async def cmd_report(args: argparse.Namespace, shop: ShopSession) -> int:
    exported = await closing.export(shop, args.name, args.format, args.output, blind=args.blind)
    if exported.sheet is not None:  # the sheet is written either way: a warning, not a failure
        emit(args, {"file": str(args.output), "pages": exported.sheet.pages, "illegible": exported.sheet.illegible},
             f"Count sheet written to {args.output} ({exported.sheet.pages} pages).")
        if exported.warning:
            warn(exported.warning)
        return 0
    report = exported.report
    assert report is not None
    emit(args, {"file": str(args.output), "lines": len(report.lines), "exceptions": len(report.actions),
                "low_stock": len(report.low_stock)},
         f"Report of {args.name} ({len(report.lines)} variants, {len(report.actions)} exceptions to act on, "
         f"{len(report.low_stock)} low-stock lines) written to {args.output}.")
    return 0


HANDLERS = {
    "finalize": cmd_finalize, "release": cmd_release, "drift": cmd_drift, "review": cmd_review,
    "apply": cmd_apply, "revert": cmd_revert, "report": cmd_report,
}
