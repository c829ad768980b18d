"""`inventra plan` and `inventra history`: cycle counting from the shop's own data (issue 15); and
`inventra settings`, where its class frequencies, sales window and tolerance are changed."""

from __future__ import annotations

import argparse
import json

from ..services import planning
from ..services.shop import ShopSession
from ..stocktake.cycle import DueItem
from .output import UsageError, emit, warn


def _line(d: DueItem, sku_width: int) -> str:
    last = d.last_counted.isoformat() if d.last_counted else "never"
    return f"{(d.item.sku or '-').ljust(sku_width)}  {d.item.title}  {d.cls}  {last}  {'; '.join(d.reasons)}"


async def cmd_plan(args: argparse.Namespace, shop: ShopSession) -> int:
    if args.create is not None:
        planning.session_name(args.create)  # a name that cannot be a session's is refused before the reading
    result = await planning.plan_count(shop, budget_variants=args.budget, budget_minutes=args.minutes, area=args.area)
    plan = result.plan
    for note in result.notes:
        warn(note)
    created = await planning.create_from_plan(shop, args.create, result) if args.create is not None else None
    others = plan.variants - len(plan.items)
    pace = "this shop's own pace" if result.speed_learnt else "a first guess until this shop has counted"
    head = (f"Plan for {result.scope.label} on {result.today.isoformat()}: {len(plan.items)} due variants in "
            f"{len(plan.products)} products ({plan.variants} variants to count"
            + (f", {others} of them not due but in the same products" if others > 0 else "")
            + f"), about {max(1, round(plan.minutes))} min at {plan.seconds_per_variant:.0f} s a variant ({pace}). "
            + f"Classes by {'sales over ' + str(result.window_days) + ' days' if result.by_sales else 'stock value'}: "
            + ", ".join(f"{c.cls} {c.variants}" for c in result.classes) + f"; {len(result.due)} variants are due.")
    width = max((len(d.item.sku or "-") for d in plan.items), default=1)
    text = "\n".join([head, *(_line(d, width) for d in plan.items)]) if plan.items else \
        f"Nothing is due for a count at {result.scope.label} on {result.today.isoformat()}."
    if created is not None:
        text += (f"\nSession {created.record.name} created from the plan: {created.tagged} products tagged. Next: "
                 f"inventra preflight {created.record.name}, then inventra snapshot {created.record.name}.")
    emit(args, {
        "today": result.today.isoformat(), "scope": result.scope.label, "areas": result.scope.area_keys,
        "by_sales": result.by_sales, "sales_window_days": result.window_days if result.by_sales else None,
        "notes": result.notes, "due": len(result.due),
        "classes": [{"class": c.cls, "variants": c.variants, "value": str(c.value), "count_every_days": c.every_days}
                    for c in result.classes],
        "plan": {"products": plan.products, "variants": plan.variants, "minutes": round(plan.minutes, 1),
                 "seconds_per_variant": round(plan.seconds_per_variant, 1), "speed_learnt": result.speed_learnt,
                 "over_budget": plan.over_budget},
        "lines": [{"variant": d.item.variant_id, "product": d.item.product_id, "sku": d.item.sku, "title": d.item.title,
                   "class": d.cls, "last_counted": d.last_counted.isoformat() if d.last_counted else None,
                   "due": d.due.isoformat() if d.due else None, "reasons": d.reasons} for d in plan.items],
        "created": {"session": created.record.name, "products_tagged": created.tagged,
                    "areas": created.record.areas} if created else None,
    }, text)
    return 0


def _money(value: object) -> str:
    return f"{value:.2f}" if value is not None else ""


async def cmd_history(args: argparse.Namespace, shop: ShopSession) -> int:
    if (args.format is None) != (args.output is None):
        raise UsageError("--format and -o FILE go together: --format csv -o accuracy.csv")
    if args.output is not None:
        report = await planning.export_accuracy(shop, args.format, args.output, by=args.by)
    else:
        report = await planning.accuracy_report(shop)
    if args.by:
        rows = report.breakdowns[args.by]
        width = max((len(r.key) for r in rows), default=4)
        text = "\n".join([f"Shrinkage at cost by {args.by}, over every finalized count (biggest first):",
                          *(f"{r.key.ljust(width)}  {r.lines} lines  {r.units_lost:g} units lost  "
                            f"{_money(r.shrinkage)}" for r in rows)]) if rows else "No finalized count yet."
        data: object = [{"key": r.key, "lines": r.lines, "units_lost": round(r.units_lost, 2),
                         "shrinkage": str(r.shrinkage)} for r in rows]
    else:
        sessions = report.sessions
        text = "\n".join([f"Inventory record accuracy per session (accurate: {report.tolerance}), oldest first:",
                          *(f"{s.session}  finalized {s.at[:10]}  {s.lines} lines  IRA {s.ira:.1f} %  shrinkage "
                            f"{_money(s.shrinkage)}  gain {_money(s.gain)}" for s in sessions),
                          f"Repeat offenders (off in 2 of their last 3 counts): {len(report.offenders)}",
                          *(f"  {o.item.sku or '-'}  {o.item.title}  {' '.join(f'{v:+d}' for v in o.variances)}"
                            for o in report.offenders[:20])]) if sessions else "No finalized count yet."
        data = {"tolerance": report.tolerance,
                "sessions": [{"session": s.session, "finalized_at": s.at, "lines": s.lines, "accurate": s.accurate,
                              "ira": round(s.ira, 2), "shrinkage": str(s.shrinkage), "gain": str(s.gain)}
                             for s in sessions],
                "repeat_offenders": [{"variant": o.item.variant_id, "sku": o.item.sku, "title": o.item.title,
                                      "variances": o.variances} for o in report.offenders]}
    if args.output is not None:
        text += f"\nAccuracy tables written to {args.output}."
    emit(args, data, text)
    return 0


def _value(text: str) -> object:
    """A setting's value as typed: a number or true/false when it reads as one, else the text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


async def cmd_settings(args: argparse.Namespace, shop: ShopSession) -> int:
    if args.set:
        pairs = [item.partition("=") for item in args.set]
        if any(not sep or not key.strip() for key, sep, _ in pairs):
            raise UsageError("--set takes KEY=VALUE, e.g. --set count_every_days.A=14")
        settings = await planning.save_settings(shop, {key.strip(): _value(value.strip()) for key, _, value in pairs})
    else:
        settings = await planning.shop_settings(shop)
    data = settings.model_dump(mode="json")
    emit(args, data, "\n".join(f"{key}: {value}" for key, value in data.items()))
    return 0


HANDLERS = {"plan": cmd_plan, "history": cmd_history, "settings": cmd_settings}
