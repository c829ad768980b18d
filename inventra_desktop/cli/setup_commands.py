"""`inventra` before the count: install, areas, omit, sessions, pre-flight, snapshot, reset."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pydantic import ValidationError

from ..services import setup
from ..services.shop import ShopSession
from ..stocktake.models import Area
from .output import UsageError, emit, warn


def variant_ref(args: argparse.Namespace) -> setup.VariantRef:
    return setup.VariantRef(variant=args.variant, sku=args.sku, barcode=args.barcode)


async def cmd_install(args: argparse.Namespace, shop: ShopSession) -> int:
    report = await setup.install(shop)
    lines = [f"Definitions created: {len(report.created)}, already there: {len(report.existing)}."]
    lines += ["Default storage areas created." if report.areas_created else "Storage areas: already set up."]
    lines += report.notices
    emit(args, {"created": report.created, "existing": report.existing, "incompatible": report.incompatible,
                "areas_created": report.areas_created, "settings_created": report.settings_created,
                "notices": report.notices}, "\n".join(lines))
    if not report.ok:
        warn(" ".join(report.incompatible))
        return 1
    return 0


MAX_AREAS_FILE = 1_000_000  # bytes: an areas file holds a few dozen areas
MAX_AREAS = 500


def _read_areas(path: Path) -> list[Area]:
    def refuse(why: str) -> UsageError:
        return UsageError(f"{path} is not a list of areas like "
                          '[{"key": "showroom", "label": "Showroom", "location_id": "gid://shopify/Location/1", '
                          f'"standard": true}}]; `inventra locations` lists the location IDs ({why}).')
    if path.is_file() and path.stat().st_size > MAX_AREAS_FILE:
        raise refuse(f"it is {path.stat().st_size // 1_000_000} MB; an areas file holds a few dozen areas")
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))  # Notepad's byte-order mark is welcome
    except UnicodeDecodeError:
        raise refuse("it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise refuse(f"it is not JSON: {exc.msg.lower()} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise refuse("its lists are nested too deep") from None
    if not isinstance(raw, list):
        raise refuse("it holds no list")
    if len(raw) > MAX_AREAS:
        raise refuse(f"it lists {len(raw)} areas; at most {MAX_AREAS}")
    areas = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise refuse(f"area {number} is not an object like {{\"key\": …, \"label\": …}}")
        try:
            areas.append(Area.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            why = ("missing" if first["type"] == "missing" else
                   str(first.get("ctx", {}).get("error", "")) or first["msg"].lower())
            raise refuse(f"area {number}{f', {field}' if field else ''}: {why}") from None
    return areas


async def cmd_areas(args: argparse.Namespace, shop: ShopSession) -> int:
    if args.set_file:
        areas = await setup.save_areas(shop, _read_areas(args.set_file))
    else:
        areas = setup.readable_areas(await setup.shop_records(shop))
    unmapped = [a.key for a in areas if not a.location_id]
    if unmapped:  # the JSON stays clean on stdout; the warning goes to stderr
        warn(f"areas mapped to no location: {', '.join(unmapped)} (their counts cannot be applied).")
    print(json.dumps([a.model_dump() for a in areas], indent=2, ensure_ascii=False))
    return 0


async def cmd_locations(args: argparse.Namespace, shop: ShopSession) -> int:
    """The shop's locations with their IDs (what an areas file maps to) and the areas mapped to each."""
    records = await setup.shop_records(shop)
    mapped: dict[str, list[str]] = {}
    for area in records.areas or []:
        mapped.setdefault(area.location_id or "", []).append(area.key)
    rows = [{"id": loc.id, "name": loc.name, "active": loc.is_active, "areas": mapped.get(loc.id, [])}
            for loc in records.locations]
    emit(args, rows, "\n".join(f"{r['id']:34} {r['name']}{'' if r['active'] else ' (inactive)'}"
                               + (f"  (areas: {', '.join(r['areas'])})" if r["areas"] else "") for r in rows)
         or "The shop has no locations.")
    return 0


async def cmd_omit(args: argparse.Namespace, shop: ShopSession) -> int:
    variant, omitted_in = await setup.set_never_count(shop, variant_ref(args), not args.undo)
    emit(args, {"variant": variant.id, "omit": not args.undo, "omitted_in_session": omitted_in},
         f"{variant.display_name}: {'counted again from the next snapshot' if args.undo else 'never counted (omit flag set)'}"
         + (f"; omitted in session {omitted_in}, which was counting it." if omitted_in else "."))
    return 0


async def cmd_sessions(args: argparse.Namespace, shop: ShopSession) -> int:
    sessions = await setup.list_sessions(shop)
    rows = [{"name": s.name, "state": s.state.value, "products": len(s.product_ids), "created_at": s.created_at,
             "created_by": s.created_by, "snapshot_at": s.snapshot_at} for s in sessions]
    emit(args, rows, "\n".join(f"{r['name']:20} {r['state']:12} {r['products']:6} products  created "
                                f"{r['created_at']} by {r['created_by']}" for r in rows) or "No sessions yet.")
    return 0


async def cmd_session_create(args: argparse.Namespace, shop: ShopSession) -> int:
    created = await setup.create_session(shop, args.name, query=args.query, product_ids=args.product_ids)
    record = created.record
    emit(args, {"session": record.name, "products": len(record.product_ids), "tagged": created.tagged,
                "resumed": created.resumed},
         f"Session {record.name}: {len(record.product_ids)} products tagged {record.tag}.")
    return 0


async def cmd_session_omit(args: argparse.Namespace, shop: ShopSession) -> int:
    variant = await setup.omit_in_session(shop, args.name, variant_ref(args), not args.undo)
    emit(args, {"variant": variant.id, "omitted": not args.undo},
         f"{variant.display_name}: {'back in' if args.undo else 'omitted from'} session {args.name}.")
    return 0


async def cmd_preflight(args: argparse.Namespace, shop: ShopSession) -> int:
    lines, variants = await setup.session_preflight(shop, args.name)
    emit(args, [line.__dict__ for line in lines],
         "\n".join(f"[{line.kind}] {line.subject}: {line.detail} → {line.effect}" for line in lines)
         or f"Session {args.name}: nothing to report; {variants} variants look healthy.")
    return 0


async def cmd_snapshot(args: argparse.Namespace, shop: ShopSession) -> int:
    report = await setup.snapshot(shop, args.name, force=args.force)
    name = report.session.name
    emit(args, {"session": name, "variants": report.written, "bundle_parents": report.skipped_bundles,
                "omitted": report.skipped_omitted, "snapshot_at": report.session.snapshot_at,
                "counts_cleared": report.cleared, "seconds": round(report.seconds, 2)},
         f"Snapshot of {name}: {report.written} variants ready to count "
         f"({report.skipped_bundles} bundles and {report.skipped_omitted} omitted left out)."
         + (f" The counts entered for {report.cleared} variant{'s' if report.cleared != 1 else ''} were thrown "
            "away (--force); counts still waiting on devices for the old snapshot will be refused."
            if report.cleared else ""))
    return 0


async def cmd_reset(args: argparse.Namespace, shop: ShopSession) -> int:
    session = await setup.open_session_record(shop, args.name)
    target = await setup.resolve_variant(shop, variant_ref(args), session=session.name)
    variant = await setup.reset_variant(shop, session.name, target.id)
    emit(args, {"variant": variant.id, "reset": True, "problems_cleared": variant.problems},
         f"{variant.display_name}: stock-take data rewritten (baseline from Shopify now, counts at zero, "
         "status pending).")
    return 0


HANDLERS = {
    "install": cmd_install, "areas": cmd_areas, "locations": cmd_locations, "omit": cmd_omit, "sessions": cmd_sessions,
    "session create": cmd_session_create, "session omit": cmd_session_omit, "preflight": cmd_preflight,
    "snapshot": cmd_snapshot, "reset": cmd_reset,
}
