"""Cycle counting for both faces (issue 15): what to count next, from the shop's own data, and the
session made from it in one step.

It reads every variant (cost, stock per location, count history, last done) and the orders of
the sales window (units sold per variant), then applies the domain's rules (stocktake/cycle.py):
ABC classes, the due list, a plan of whole products within a budget of variants or minutes at
this shop's own counting speed. Where areas map to different locations a plan can be made for
the location of one area; the session it creates then counts that location's areas.

Whatever the shop does not allow or does not hold is said in `CountPlan.notes`, one sentence each:
no `read_orders` (the classes go by stock value), 60 days of orders only (no `read_all_orders`),
variants without a cost (class C), products held by open sessions (left out).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import ValidationError

from ..files.accuracy_files import write_accuracy_csv, write_accuracy_xlsx
from ..gateway.records import load_records, update_settings
from ..gateway.sales import Sales, granted_scopes, read_sales
from ..gateway.shop_variants import ShopVariant, read_shop_variants
from ..stocktake import accuracy, cycle
from ..stocktake.errors import SessionError, UsageProblem
from ..stocktake.models import SESSION_TAG_PREFIX, Area, HistoryEntry, Settings, name_key
from ..stocktake.records import ShopRecords
from ..stocktake.sessions import ProductChoice, check_session_name
from .setup import CreatedSession, create_session, readable_areas
from .shop import ShopSession

ORDERS_VISIBLE_DAYS = 60  # Shopify: the last 60 days of orders without read_all_orders
Phase = Literal["variants", "orders"]
Progress = Callable[[Phase, int], None]  # what is being read, objects read so far


@dataclass
class ShopFacts:
    """What planning and the accuracy figures read from the shop, before any rule."""

    records: ShopRecords
    settings: Settings
    areas: list[Area]
    variants: list[ShopVariant]
    sales: Sales | None  # None: the app may not read orders
    window_days: int  # the sales window read
    notes: list[str] = field(default_factory=list)
    read_seconds: float = 0.0  # reading variants and orders
    orders_seconds: float = 0.0  # of which the orders


async def read_facts(shop: ShopSession, *, sales: bool = True, progress: Progress | None = None) -> ShopFacts:
    """Every variant of the shop and, with `sales`, units sold per variant in the window (the two
    bulk reads run at once: Shopify runs up to five per shop)."""
    started = time.monotonic()
    client = shop.client
    records = await load_records(client)
    settings = records.settings or Settings()
    areas = readable_areas(records)
    notes: list[str] = []
    window = settings.sales_window_days
    read_orders = False
    if sales:
        scopes = await granted_scopes(client)
        read_orders = "read_orders" in scopes
        if not read_orders:
            notes.append("This app may not read the shop's orders (scope read_orders), so it cannot tell what sells: "
                         "the classes are by stock value (on hand × unit cost) instead. Add read_orders to the app's "
                         "access scopes to plan by sales.")
        elif "read_all_orders" not in scopes and window > ORDERS_VISIBLE_DAYS:
            notes.append(f"Shopify shows this app only the last {ORDERS_VISIBLE_DAYS} days of orders (no "
                         f"read_all_orders scope): sales are read over {ORDERS_VISIBLE_DAYS} days instead of the "
                         f"{window} in the settings.")
            window = ORDERS_VISIBLE_DAYS
    orders_took = [0.0]

    async def sold() -> Sales | None:
        if not read_orders:
            return None
        begun = time.monotonic()
        found = await read_sales(client, datetime.now(timezone.utc) - timedelta(days=window),
                                 progress=(lambda n: progress("orders", n)) if progress else None)
        orders_took[0] = time.monotonic() - begun
        return found
    variants, found_sales = await asyncio.gather(
        read_shop_variants(client, progress=(lambda n: progress("variants", n)) if progress else None), sold())
    return ShopFacts(records, settings, areas, variants, found_sales, window, notes,
                     time.monotonic() - started, orders_took[0])


# ---- the plan -------------------------------------------------------------------------------

@dataclass
class ClassShare:
    """One class of the ABC split, for the chart: its variants and their value."""

    cls: cycle.Cls
    variants: int
    value: Decimal  # consumption value a year (by sales) or stock value, at cost
    every_days: int


@dataclass
class Scope:
    """Where a plan counts: every mapped location, or the location of one area (and its areas)."""

    locations: list[str]  # location gids
    area_keys: list[str] | None  # the areas the session counts; None: every area
    label: str  # e.g. "all locations" or "Back warehouse"


@dataclass
class CountPlan:
    today: date
    scope: Scope
    by_sales: bool
    window_days: int
    classes: list[ClassShare]
    due: list[cycle.DueItem]
    plan: cycle.Plan
    variants_of: dict[str, int]  # product id -> its variants a session would count
    considered: int  # variants the rules looked at
    products: dict[str, ProductChoice]  # the plan's products, for the session wizard
    speed_learnt: bool  # seconds per variant from this shop's own past counts (else the default)
    notes: list[str] = field(default_factory=list)
    read_seconds: float = 0.0
    orders_seconds: float = 0.0
    plan_seconds: float = 0.0


def today_utc() -> date:
    return datetime.now(timezone.utc).date()


def _scope(areas: list[Area], area: str | None, records: ShopRecords) -> Scope:
    mapped = list(dict.fromkeys(a.location_id for a in areas if a.location_id))
    if area is None:
        label = "all locations" if len(mapped) > 1 else records.location_name(mapped[0]) if mapped else "no location"
        return Scope(mapped, None, label)
    chosen = next((a for a in areas if a.key == area.strip().casefold()), None)
    if chosen is None:
        raise UsageProblem(f"There is no area {area!r}; the areas are {', '.join(a.key for a in areas)}.")
    if not chosen.location_id:
        raise UsageProblem(f"Area {chosen.key} is mapped to no location: map it first (Areas…, or inventra areas --set).")
    keys = [a.key for a in areas if a.location_id == chosen.location_id]
    return Scope([chosen.location_id], keys, records.location_name(chosen.location_id))


def _open_session_tags(records: ShopRecords) -> dict[str, str]:
    """The tags of open sessions (as tags compare: name_key) -> the session's name."""
    return {name_key(SESSION_TAG_PREFIX + s.name): s.name for s in records.sessions if s.is_open}


def make_plan(facts: ShopFacts, *, budget_variants: int | None = None, budget_minutes: float | None = None,
              area: str | None = None, today: date | None = None) -> CountPlan:
    """The rules over the facts (CPU only: run it off the event loop for a large shop)."""
    started = time.monotonic()
    today = today or today_utc()
    scope = _scope(facts.areas, area, facts.records)
    location_of = {a.key: a.location_id for a in facts.areas}
    in_scope = set(scope.locations)
    busy = _open_session_tags(facts.records)
    by_sales = facts.sales is not None
    sold = facts.sales.sold if facts.sales else {}
    settings = facts.settings.model_copy(update={"sales_window_days": facts.window_days})
    notes = list(facts.notes)
    items: list[cycle.ItemFacts] = []  # what may be planned
    classed: list[cycle.ItemFacts] = []  # and those in open sessions' products too
    variants_of: dict[str, int] = {}
    held: dict[str, int] = {}  # open session -> variants left out
    no_cost = 0
    for v in facts.variants:
        if v.bundle_parent or v.omit:
            continue
        holding = [busy[k] for k in (name_key(t) for t in v.product_tags) if k in busy]
        for session in holding:
            held[session] = held.get(session, 0) + 1
        if not holding:
            variants_of[v.product_id] = variants_of.get(v.product_id, 0) + 1  # what a session of it would count
        stocked = [q for loc, q in v.stock.items() if loc in in_scope]
        if not v.tracked or not stocked:
            continue  # nothing on record to be wrong about here
        history = v.history if area is None else tuple(e for e in v.history if _at(e, location_of, in_scope))
        item = cycle.ItemFacts(
            variant_id=v.id, product_id=v.product_id, title=v.display_name, sku=v.sku, vendor=v.vendor,
            product_type=v.product_type, unit_cost=v.unit_cost, on_hand=sum(stocked), sold=sold.get(v.id, 0),
            history=history, last_done=v.last_done if not v.history else None)
        classed.append(item)  # the classes are the shop's, whatever a session holds right now
        if not holding:
            if v.unit_cost is None:
                no_cost += 1
            items.append(item)
    classes = cycle.classify(classed, settings, by_sales=by_sales)
    due = cycle.due_list(items, classes, settings, today)
    gaps = cycle.counting_gaps(v.history for v in facts.variants)
    speed = cycle.speed_from(gaps)
    plan = cycle.plan(due, variants_of, budget_variants=budget_variants, budget_minutes=budget_minutes,
                      seconds_per_variant=speed)
    if no_cost:
        notes.append(f"{no_cost} of {len(items)} variants have no unit cost in Shopify: they are valued at 0 and "
                     "fall in class C. Enter their costs for a truer split.")
    unreadable = sum(1 for v in facts.variants if v.problem)
    if unreadable:
        notes.append(f"{unreadable} variants have an Inventra metafield that cannot be read (edited by hand?): they "
                     "are planned as if never counted.")
    if held:
        names = sorted(held)
        notes.append(f"{sum(held.values())} variants are in products of open sessions ({', '.join(names[:5])}) and "
                     "are not planned.")
    if plan.over_budget:
        notes.append(f"The most urgent product alone has {plan.variants} variants, more than the budget: it is "
                     "planned anyway.")
    chosen = set(plan.products)
    products = {v.product_id: ProductChoice(v.product_id, v.product_title, v.product_status, tuple(v.product_tags))
                for v in facts.variants if v.product_id in chosen}
    return CountPlan(today, scope, by_sales, facts.window_days, _shares(classed, classes, settings, by_sales), due,
                     plan, variants_of, len(items), {p: products[p] for p in plan.products if p in products},
                     bool(gaps), notes, facts.read_seconds, facts.orders_seconds, time.monotonic() - started)


def _at(entry: HistoryEntry, location_of: dict[str, str | None], locations: set[str]) -> bool:
    """Whether a past count counted one of `locations` (a count that names no area: any)."""
    return not entry.areas or any(location_of.get(k) in locations for k in entry.areas)


def _shares(items: list[cycle.ItemFacts], classes: dict[str, cycle.Cls], settings: Settings,
            by_sales: bool) -> list[ClassShare]:
    out = {c: ClassShare(c, 0, Decimal(0), settings.count_every_days.get(c, 180)) for c in ("A", "B", "C")}
    for item in items:
        share = out[classes.get(item.variant_id, "C")]
        share.variants += 1
        share.value += (cycle.consumption_value(item, settings.sales_window_days) if by_sales
                        else cycle.stock_value(item))
    return list(out.values())


async def plan_count(shop: ShopSession, *, budget_variants: int | None = None, budget_minutes: float | None = None,
                     area: str | None = None, progress: Progress | None = None,
                     facts: ShopFacts | None = None) -> CountPlan:
    """Read the shop (unless `facts` read a moment ago are given) and plan the next count (see the
    module's docstring). Budgets: at most one; neither means 50 variants. Errors: UsageProblem
    for a bad budget or area."""
    if budget_variants is not None and budget_minutes is not None:
        raise UsageProblem("Give a budget in variants or in minutes, not both.")
    if (budget_variants is not None and budget_variants < 1) or (budget_minutes is not None and budget_minutes <= 0):
        raise UsageProblem("A budget is at least 1 variant or more than 0 minutes.")
    facts = facts or await read_facts(shop, progress=progress)
    return await asyncio.to_thread(make_plan, facts, budget_variants=budget_variants, budget_minutes=budget_minutes,
                                   area=area)


async def shop_settings(shop: ShopSession) -> Settings:
    """The shop's settings (the defaults where it has none)."""
    return (await load_records(shop.client)).settings or Settings()


async def save_settings(shop: ShopSession, updates: dict[str, Any]) -> Settings:
    """Change shop settings (e.g. `count_every_days.A`: 14, `sales_window_days`: 60), checked
    against the model before anything is written. Errors: UsageProblem naming the setting."""
    def change(current: Settings) -> Settings:
        data = current.model_dump()
        for key, value in updates.items():
            head, _, part = key.partition(".")
            if head not in Settings.model_fields or (part and not isinstance(data[head], dict)):
                raise UsageProblem(f"There is no setting {key!r}; the settings are "
                                   f"{', '.join(Settings.model_fields)}.")
            data[head] = {**data[head], part: value} if part else value
        try:
            return Settings.model_validate(data)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(p) for p in error["loc"]) or "settings"
            raise UsageProblem(f"{where}: {error['msg']}.") from None
    return await update_settings(shop.client, change)


@dataclass(frozen=True)
class LocationChoice:
    """A location a plan can be made for: the key of one of its areas, its name, its areas' labels."""

    area: str
    location: str
    areas: tuple[str, ...]


def location_choices(records: ShopRecords) -> list[LocationChoice]:
    """The locations the areas map to, when they are more than one (else a plan is for all of them)."""
    areas = readable_areas(records)
    by_location: dict[str, list[Area]] = {}
    for a in areas:
        if a.location_id:
            by_location.setdefault(a.location_id, []).append(a)
    if len(by_location) < 2:
        return []
    return [LocationChoice(members[0].key, records.location_name(loc), tuple(a.label for a in members))
            for loc, members in by_location.items()]


@dataclass(frozen=True)
class PlannedSession:
    """What the session wizard starts from when a plan becomes a session: its name, products and areas."""

    name: str
    products: tuple[ProductChoice, ...]
    area_keys: tuple[str, ...] | None  # None: every area


def planned_session(plan: CountPlan, name: str) -> PlannedSession:
    return PlannedSession(name.strip(), tuple(plan.products.values()),
                          tuple(plan.scope.area_keys) if plan.scope.area_keys else None)


def default_session_name(today: date | None = None) -> str:
    return f"Cycle-{(today or today_utc()).isoformat()}"


def session_name(name: str) -> str:
    """`name` as a session name, or InvalidSessionName (a usage error) saying why not: checked
    before a plan is read for it."""
    return check_session_name(name)


async def create_from_plan(shop: ShopSession, name: str, plan: CountPlan, *, blind: bool = False) -> CreatedSession:
    """Tag the plan's products into a new session `name` (the plan's areas only, for a plan of one
    location). Pre-flight and snapshot follow as for any session. Errors: SessionError when
    nothing is due."""
    if not plan.plan.products:
        raise SessionError("Nothing is due for a count, so no session was created.")
    return await create_session(shop, name, product_ids=plan.plan.products, areas=plan.scope.area_keys, blind=blind)


# ---- accuracy over time ------------------------------------------------------------------

@dataclass
class AccuracyReport:
    """Inventory record accuracy per finalized session (oldest first: the trend), shrinkage at cost
    by vendor, product type, area and counter, and the repeat offenders."""

    sessions: list[accuracy.SessionAccuracy]
    breakdowns: dict[accuracy.Dimension, list[accuracy.Breakdown]]
    offenders: list[accuracy.Offender]
    settings: Settings
    lines: int  # counted lines in the histories

    @property
    def tolerance(self) -> str:
        """The tolerance within which a line counts as accurate, in words."""
        units, percent = self.settings.accuracy_tolerance_units, self.settings.accuracy_tolerance_percent
        if not units and not percent:
            return "exact"
        return " or ".join(part for part in (f"±{units} units" if units else "",
                                             f"±{percent:g} %" if percent else "") if part)


DIMENSIONS: tuple[accuracy.Dimension, ...] = ("vendor", "type", "area", "counter")


def accuracy_of(facts: ShopFacts) -> AccuracyReport:
    items = [cycle.ItemFacts(variant_id=v.id, product_id=v.product_id, title=v.display_name, sku=v.sku,
                             vendor=v.vendor, product_type=v.product_type, unit_cost=v.unit_cost,
                             on_hand=sum(v.stock.values()), sold=0, history=v.history, last_done=v.last_done)
             for v in facts.variants if v.history]
    return AccuracyReport(accuracy.by_session(items, facts.settings),
                          {d: accuracy.shrinkage_by(items, d) for d in DIMENSIONS},
                          accuracy.repeat_offenders(items, facts.settings), facts.settings,
                          sum(len(i.history) for i in items))


async def accuracy_report(shop: ShopSession, *, progress: Progress | None = None) -> AccuracyReport:
    """How accurate the stock record has been, from every variant's count history."""
    facts = await read_facts(shop, sales=False, progress=progress)
    return await asyncio.to_thread(accuracy_of, facts)


async def export_accuracy(shop: ShopSession, kind: Literal["csv", "xlsx"], path: Path, *,
                          by: accuracy.Dimension | None = None, report: AccuracyReport | None = None) -> AccuracyReport:
    """The accuracy tables as CSV or XLSX (`by`: that breakdown only, else all four), off the event loop."""
    report = report or await accuracy_report(shop)
    breakdowns = {d: report.breakdowns[d] for d in ((by,) if by else DIMENSIONS)}
    await asyncio.to_thread(write_accuracy_csv if kind == "csv" else write_accuracy_xlsx, report.sessions, breakdowns,
                            report.offenders, report.tolerance, path)
    return report
