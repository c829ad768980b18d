"""Setting up a count: install, storage areas, sessions (create, omit), pre-flight, snapshot, reset.

Every workflow both faces offer before counting starts; each rule it applies lives in the
domain (stocktake/), each read and write of the shop in the gateway (DESIGN.md section 2).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Callable

from ..gateway import definitions
from ..gateway.lookup import find_variants
from ..gateway.products import add_tags, find_products, products_by_id
from ..gateway.records import (
    create_shop_metafield,
    get_session,
    load_records,
    set_state,
    update_sessions,
    write_shop_metafield,
)
from ..gateway.snapshot_writes import write_fresh_counts
from ..gateway.variant_state import delete_variant_metafields, set_persistent_omit, update_variants
from ..gateway.variants import load_session_variants, load_variants
from ..heaps import free_off_loop
from ..stocktake import codec
from ..stocktake.areas import check_areas, session_areas
from ..stocktake.changes import Known, NewState
from ..stocktake.clock import now_iso
from ..stocktake.errors import SessionConflict, SessionError, SnapshotNeedsForce, UsageProblem, VariantNotFound
from ..stocktake.finalize import session_omission
from ..stocktake.lookup import CodeIndex, CodeKind, describe, match_code
from ..stocktake.models import Area, SessionEvent, SessionRecord, SessionState, Settings, find_session, name_key
from ..stocktake.preflight import PreflightLine, preflight
from ..stocktake.records import ShopRecords
from ..stocktake.sessions import ProductChoice, check_session_name, product_conflicts
from ..stocktake.snapshot import fresh_counts, fresh_state, survey
from . import device_copy
from ..stocktake.variant import VariantRecord
from .shop import ShopSession

Progress = Callable[[int, int], None]


# ---- install and the shop's records ------------------------------------------------------

@dataclass
class InstallReport:
    created: list[str] = field(default_factory=list)  # "PRODUCTVARIANT.status", ...
    existing: list[str] = field(default_factory=list)
    incompatible: list[str] = field(default_factory=list)  # sentences
    areas_created: bool = False
    settings_created: bool = False
    notices: list[str] = field(default_factory=list)
    several_locations: bool = False  # the default areas were all put on one of several locations

    @property
    def ok(self) -> bool:
        return not self.incompatible


def default_areas(records: ShopRecords) -> list[Area]:
    """Showroom and warehouse (standard), garage (non-standard), all on the shop's first
    active location that ships inventory (Shopify deprecated the "primary" location)."""
    shipping = [loc for loc in records.locations if loc.is_active and loc.ships_inventory]
    home = shipping[0].id if shipping else None
    return [Area(key="showroom", label="Showroom", location_id=home, standard=True),
            Area(key="warehouse", label="Warehouse", location_id=home, standard=True),
            Area(key="garage", label="Garage", location_id=home, standard=False)]


async def install(shop: ShopSession) -> InstallReport:
    """The metafield definitions, default areas and settings (idempotent: runs on every connect)."""
    client = shop.client
    report = InstallReport()
    existing = await definitions.existing(client)
    for definition in codec.DEFINITIONS:
        owner, key = definition["ownerType"], definition["key"]
        label = f"{owner}.{key}"
        found = existing.get((owner, key))
        if found is None:
            (report.created if await definitions.create(client, definition) else report.existing).append(label)
        elif found != definition["type"]:
            report.incompatible.append(
                f"The metafield definition {codec.NAMESPACE}.{key} ({owner.lower()}) has type {found}, "
                f"but Inventra needs {definition['type']}. Delete or rename it in Shopify admin "
                "(Settings → Custom data), then connect again.")
        else:
            report.existing.append(label)

    records = await load_records(client)
    areas_problem = records.problem(codec.Keys.AREAS)
    if records.areas is None and not areas_problem:
        areas = default_areas(records)
        if areas[0].location_id is None:
            report.notices.append("The shop has no active location that ships inventory: the areas are mapped to "
                                  "no location. Map them before counting (Areas…, or inventra areas --set).")
        await create_shop_metafield(client, records.shop_id, codec.Keys.AREAS, codec.encode_areas(areas))
        report.areas_created = True
        active = [loc for loc in records.locations if loc.is_active]
        if len(active) > 1:
            report.several_locations = True
            report.notices.append(
                f"This shop has {len(active)} locations; every area was mapped to "
                f"{records.location_name(areas[0].location_id)}. Review the mapping (Areas…, or inventra areas "
                "--set FILE).")
    elif areas_problem:
        report.notices.append(f"The shop's areas record is unreadable ({areas_problem}); fix it in Areas… or with "
                              "inventra areas --set FILE.")
    if records.settings is None and not records.problem(codec.Keys.SETTINGS):
        await create_shop_metafield(client, records.shop_id, codec.Keys.SETTINGS, codec.encode_settings(Settings()))
        report.settings_created = True
    return report


async def shop_records(shop: ShopSession) -> ShopRecords:
    """The shop's locations, areas, settings and sessions as the shop has them now."""
    return await load_records(shop.client)


def readable_sessions(records: ShopRecords) -> list[SessionRecord]:
    """The sessions, or a sentence naming the broken record (never "no sessions" for unreadable)."""
    problem = records.problem(codec.Keys.SESSIONS)
    if problem:
        raise codec.CodecError(codec.Keys.SESSIONS, f"The shop's sessions record cannot be read: {problem}. "
                               "Fix or delete the inventra.sessions metafield in Shopify admin.")
    return records.sessions


def readable_areas(records: ShopRecords) -> list[Area]:
    """The shop's areas, or a sentence naming the broken record."""
    problem = records.problem(codec.Keys.AREAS)
    if problem:
        raise codec.CodecError(codec.Keys.AREAS, f"The shop's areas record cannot be read: {problem}. "
                               "Set the areas again (Areas…, or inventra areas --set FILE).")
    if records.areas is None:
        raise SessionError("The shop has no storage areas yet: run `inventra install` first.")
    return records.areas


async def save_areas(shop: ShopSession, areas: list[Area]) -> list[Area]:
    """Replace the shop's storage areas after every check (keys, names, locations that exist, and an
    area a snapshotted session counts keeps its location: stocktake/areas.py);
    guarded by the record's compare digest so two PCs cannot overwrite each other blindly."""
    records = await load_records(shop.client)
    check_areas(areas, (loc.id for loc in records.locations), before=records.areas or [], sessions=records.sessions)
    digest = records.digests.get(codec.Keys.AREAS)
    await write_shop_metafield(shop.client, records.shop_id, codec.Keys.AREAS, codec.encode_areas(areas),
                               digest if digest else None)
    return areas


# ---- naming a variant --------------------------------------------------------------------

@dataclass(frozen=True)
class VariantRef:
    """How a user named a variant: by id, SKU or barcode (exactly one)."""

    variant: str | None = None
    sku: str | None = None
    barcode: str | None = None

    @property
    def label(self) -> str:
        return (f"variant {self.variant}" if self.variant else f"SKU {self.sku}" if self.sku
                else f"barcode {self.barcode}")


async def resolve_variant(shop: ShopSession, ref: VariantRef, *, session: str | None = None) -> VariantRecord:
    """The one variant `ref` names, by the domain's one lookup policy (stocktake/lookup.py):
    nothing or several is a `VariantNotFound` naming them, and nothing is recorded."""
    if not (ref.variant or ref.sku or ref.barcode):
        raise UsageProblem("Name a variant by --variant ID, --sku SKU or --barcode CODE.")
    found = await find_variants(shop.client, variant=ref.variant, sku=ref.sku, barcode=ref.barcode)
    return choose_variant(ref, found, session=session)


def choose_variant(ref: VariantRef, found: list[VariantRecord], *, session: str | None = None) -> VariantRecord:
    """The one variant of `found` (the shop's search hits, or all of a session's rows) that `ref`
    names, or `VariantNotFound` with the sentence why not."""
    if not (ref.variant or ref.sku or ref.barcode):
        raise UsageProblem("Name a variant by --variant ID, --sku SKU or --barcode CODE.")
    if ref.variant:
        number = ref.variant.rsplit("/", 1)[-1]
        hits = [v for v in found if v.id.rsplit("/", 1)[-1] == number]
    else:
        by: CodeKind = "sku" if ref.sku else "barcode"
        result = match_code(ref.sku or ref.barcode or "", CodeIndex(found), session=session or "", by=by)
        if result.kind == "misread":
            raise VariantNotFound(result.sentence())
        hits = result.candidates
    if not hits:
        raise VariantNotFound(f"No variant has {ref.label}. Nothing was recorded.")
    if len(hits) > 1:
        raise VariantNotFound(f"{len(hits)} variants have {ref.label}, so nothing was recorded: "
                              + "; ".join(f"{describe(v)}, {v.id}" for v in hits) + ". Use --variant ID to pick one.",
                              [v.display_name for v in hits])
    variant = hits[0]
    if session is not None and not any(name_key(t) == name_key(f"Inventra-session-{session}")
                                       for t in variant.product_tags) and not variant.in_session(session):
        raise VariantNotFound(f"{variant.display_name} is not in session {session}.")
    return variant


async def set_never_count(shop: ShopSession, ref: VariantRef, omit: bool) -> tuple[VariantRecord, str | None]:
    """The merchant's persistent "never count this" flag on one variant; and the session still
    counting it, if one is, where it is omitted too (DESIGN.md section 4: every session honours
    the flag; a session snapshotted before it would otherwise go on taking its counts, since a
    delivery reads only `counts`). Undoing the flag leaves that omission: `session omit --undo`."""
    variant = await resolve_variant(shop, ref)
    await set_persistent_omit(shop.client, variant.id, omit)
    counting = variant.counts.session if variant.counts is not None else None
    if omit and counting and not variant.counts.omitted:  # type: ignore[union-attr]
        session = find_session(readable_sessions(await load_records(shop.client)), counting)
        if session is not None and session.state in (SessionState.OPEN, SessionState.SNAPSHOTTED):
            await update_variants(shop.client, [variant.id], session_omission(session.name, True, variant.display_name))
            return variant, session.name
    return variant, None


# ---- sessions ------------------------------------------------------------------------------

async def list_sessions(shop: ShopSession) -> list[SessionRecord]:
    return readable_sessions(await load_records(shop.client))


@dataclass
class ProductSearch:
    """The wizard's live list: every product found, and which are held by another open session."""

    products: list[ProductChoice]
    conflicts: dict[str, str]  # product id -> the other session holding it

    @property
    def pickable(self) -> list[ProductChoice]:
        return [p for p in self.products if p.id not in self.conflicts]


async def search_products(shop: ShopSession, query: str, *, for_session: str,
                          records: ShopRecords | None = None) -> ProductSearch:
    """Products the shop's search finds (active and draft unless the query says), each marked
    when another open session holds it (a product is in at most one open session)."""
    records = records or await load_records(shop.client)
    products = await find_products(shop.client, query)
    conflicts = {p.id: other for p, other in product_conflicts(products, for_session, records.sessions)}
    return ProductSearch(products, conflicts)


@dataclass
class CreatedSession:
    record: SessionRecord
    tagged: int
    resumed: bool


async def create_session(shop: ShopSession, name: str, *, query: str | None = None,
                         product_ids: list[str] | None = None, areas: list[str] | None = None, blind: bool = False,
                         progress: Progress | None = None) -> CreatedSession:
    """Tag the chosen products `Inventra-session-<name>` and write the session record. If any
    product is in another open session, nothing is tagged and no record is written."""
    name = check_session_name(name)
    client = shop.client
    if query is not None:
        products = await find_products(client, query)
    else:
        wanted = [pid if pid.startswith("gid://") else f"gid://shopify/Product/{pid}" for pid in product_ids or []]
        products = await products_by_id(client, list(dict.fromkeys(wanted)))
        missing = set(wanted) - {p.id for p in products}
        if missing:
            raise SessionError(f"These products do not exist in the shop: {', '.join(sorted(missing))}.")
    if not products:
        raise SessionError("No product matches that choice, so no session was created.")
    ids = [p.id for p in products]
    resumed = False
    key = name_key(name)

    def add_record(records: list[SessionRecord]) -> list[SessionRecord]:
        nonlocal resumed
        conflicts = product_conflicts(products, name, records)
        if conflicts:
            raise SessionConflict([(p.title, other) for p, other in conflicts])
        existing = next((r for r in records if name_key(r.name) == key and r.is_open), None)
        if existing:
            if existing.name != name or set(existing.product_ids) != set(ids):
                raise SessionError(f"A session named {existing.name} is already open"
                                   f"{'' if existing.name != name else ' with other products'}; session names "
                                   "differ by more than case (Shopify matches tags ignoring case). Pick another "
                                   "name.")
            resumed = True  # an interrupted create: finish the tagging
            return records
        stamp = now_iso()
        record = SessionRecord(name=name, product_ids=ids, query=query, areas=areas, blind=blind, created_at=stamp,
                               created_by=shop.by, events=[SessionEvent(what="created", at=stamp, by=shop.by)])
        return records + [record]  # a released session of that name stays as history

    records = await update_sessions(client, add_record)
    record = next(r for r in records if name_key(r.name) == key and r.is_open)
    to_tag = [p for p in products if record.tag not in p.tags]
    failed = await add_tags(client, {p.id: [record.tag] for p in to_tag}, progress=progress)
    if failed:
        titles = [p.title for p in to_tag if p.id in set(failed)]
        raise SessionError(f"{len(failed)} products could not be tagged ({', '.join(titles[:5])}); run the same "
                           "command again to finish.")
    return CreatedSession(record, len(to_tag), resumed)


async def open_session_record(shop: ShopSession, name: str) -> SessionRecord:
    """The record of session `name` (case and Unicode form ignored), or `UnknownSession`."""
    return await get_session(shop.client, name)


async def omit_in_session(shop: ShopSession, name: str, ref: VariantRef, omitted: bool) -> VariantRecord:
    """Leave one variant out of session `name` (or bring it back); ends with the session."""
    session = await get_session(shop.client, name)
    variant = await resolve_variant(shop, ref, session=session.name)
    await update_variants(shop.client, [variant.id], session_omission(session.name, omitted, variant.display_name))
    return variant


# ---- pre-flight, snapshot, reset -------------------------------------------------------------

async def session_preflight(shop: ShopSession, name: str) -> tuple[list[PreflightLine], int]:
    """The health report of session `name` and how many variants it covers."""
    session = await get_session(shop.client, name)
    records = await load_records(shop.client)
    variants = await load_session_variants(shop.client, session.name)
    return preflight(session, variants, readable_areas(records), records.location_names), len(variants)


async def preview_preflight(shop: ShopSession, name: str, product_ids: list[str], areas: list[Area], *,
                            records: ShopRecords, blind: bool = False) -> tuple[list[PreflightLine], int]:
    """The health report of products about to be tagged (the wizard, before anything is written),
    and how many variants it checked (those of the first 250 products)."""
    ids = [p.rsplit("/", 1)[-1] for p in product_ids][:250]
    variants = await load_variants(shop.client, " OR ".join(f"product_id:{i}" for i in ids))
    record = SessionRecord(name=name or "new", product_ids=product_ids, areas=[a.key for a in areas], blind=blind,
                           created_at=now_iso(), created_by=shop.by)
    return preflight(record, variants, areas, records.location_names), len(variants)


@dataclass
class SnapshotReport:
    session: SessionRecord
    written: int
    skipped_bundles: int
    skipped_omitted: int
    seconds: float
    cleared: int = 0  # variants whose counts a forced snapshot threw away


async def snapshot(shop: ShopSession, name: str, *, force: bool = False, progress: Progress | None = None,
                   bulk_threshold: int | None = None) -> SnapshotReport:
    """Copy Shopify's on-hand stock into each variant's baseline and start the count."""
    started = time.monotonic()
    client = shop.client
    session = await get_session(client, name)
    name = session.name
    if session.state not in (SessionState.OPEN, SessionState.SNAPSHOTTED):
        raise SessionError(f"Session {name} is {session.state.value}: it cannot be snapshotted again.")
    records = await load_records(client)
    areas = session_areas(session, readable_areas(records))
    variants = await load_session_variants(client, name)
    # Thousands of variants: even these passes over them are CPU work, kept off the event loop.
    counted, takers, bundles, omitted = await asyncio.to_thread(survey, variants, name)
    if counted and not force:
        raise SnapshotNeedsForce(name, counted)
    # Milliseconds: a snapshot is identified by this stamp, and two may come within a second.
    snapshot_at = now_iso()
    plans = await asyncio.to_thread(lambda: {v.id: fresh_counts(session, snapshot_at, areas, v) for v in takers})
    await write_fresh_counts(client, takers, plans, progress=progress, bulk_threshold=bulk_threshold)
    record = await set_state(client, name, SessionState.SNAPSHOTTED, "snapshot", shop.by, snapshot_at=snapshot_at)
    await asyncio.to_thread(device_copy.forget, shop, name)  # every row of it changed
    written = len(takers)
    await free_off_loop(variants, takers, plans)
    return SnapshotReport(record, written, bundles, omitted, time.monotonic() - started, cleared=counted)


async def reset_variant(shop: ShopSession, name: str, variant_id: str) -> VariantRecord:
    """Rewrite one variant's stock-take data as a fresh snapshot would (baseline from Shopify
    now, counts at zero, status pending), keeping the ops watermark where it can still be read;
    metafields holding nonsense that cannot be rewritten are removed. Recorded in the session."""
    session = await get_session(shop.client, name)
    if not session.snapshot_at:
        raise SessionError(f"Session {session.name} has no snapshot yet: there is nothing to reset.")
    records = await load_records(shop.client)
    areas = session_areas(session, readable_areas(records))
    variant = next((v for v in await find_variants(shop.client, variant=variant_id, reading="full")
                    if v.id == variant_id), None)
    if variant is None:
        raise VariantNotFound(f"The variant {variant_id} was not found in the shop.")
    snapshot_at = session.snapshot_at

    def change(_: str, known: Known) -> NewState:
        counts = fresh_counts(session, snapshot_at, areas, variant)
        if known.state.counts:
            counts.ops = {**counts.ops, **known.state.counts.ops}
        return fresh_state(counts)
    await update_variants(shop.client, [variant.id], change)
    unreadable = [key for key, _ in variant.problems if key in (codec.Keys.LAST_DONE, codec.Keys.OMIT)]
    if unreadable:
        await delete_variant_metafields(shop.client, variant.id, unreadable)
    await set_state(shop.client, session.name, session.state, "reset", shop.by, note=variant.id)
    return variant
