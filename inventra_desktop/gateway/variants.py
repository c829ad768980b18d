"""Reading a session's variants with their stock-take metafields, at any size, completely.

Three readings, each with only what its callers need (issue 16, goal 5: read only what a step
needs):
- `full`: everything, with the item's on-hand quantity at every location where it is stocked
  (pre-flight, snapshot, drift, the report, revert);
- `applying`: `full` and each variant's count history with its digest (the apply preview's
  "Shopify now", and the histories a successful apply notes its changes in: no second read);
- `grid`: what the counting screens show (no stock levels, no unit cost);
- `state`: the stock-take state alone (status, review, release);
- `closing`: the state and each variant's count history with its digest (finalize writes both:
  one read instead of a second read of every variant for the histories).

Every location of an item is read (issue 12, item 1): a page of variants asks for as many levels
per item as the shop has locations, and an item with more goes on with `InventoryLevelsPage`
until Shopify says there is no next page. A bulk query reads every level by itself.

Paged reads or a bulk query are chosen by their estimated time (`plan_read`): the points a paged
read needs against what the bucket holds and restores, and a bulk query's start-up against the
objects it must produce; a bulk query of many objects is split into id ranges that run at once.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass
from typing import Any, Callable, Literal

from ..shopify.bulk import bulk_query_stream
from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..stocktake import codec
from ..stocktake.variant import VariantRecord, session_search

Reading = Literal["full", "grid", "state", "closing", "applying"]
Progress = Callable[[int, int], None]  # done so far, done at the end (variants, or bulk objects)

PAGED: dict[Reading, str] = {"full": "SessionVariants", "grid": "SessionVariantsGrid", "state": "SessionVariantsState",
                             "closing": "SessionVariantsClosing", "applying": "SessionVariantsApplying"}
BULK: dict[Reading, str] = {"full": "BulkSessionVariants", "grid": "BulkSessionVariantsGrid",
                            "state": "BulkSessionVariantsState", "closing": "BulkSessionVariantsClosing",
                            "applying": "BulkSessionVariantsApplying"}
# Requested points per variant in a page, as the shop computes them (checked against the simulator in
# tests/integration/services/test_reading.py): `full` and `applying` add 2 + 3 a location for the
# levels' page.
REQUESTED = {"full": 13, "grid": 12, "state": 8, "closing": 9, "applying": 14}
# Points a variant actually costs with its five metafields present; `full` and `applying` add 3 a
# stocked level.
ACTUAL = {"full": 13, "grid": 9, "state": 7, "closing": 8, "applying": 14}
LEVELED = ("full", "applying")  # the readings with the items' inventory levels
PAGE_POINTS = 900  # requested points per page: under Shopify's 1,000-point single-query cap
MAX_PAGE = 250
FIRST_LEVELS_CAP = 25  # levels asked per item in a page of variants; an item with more pages on
BULK_RATE = 1000.0  # objects/s one bulk query produces, until this client has measured one
BULK_START = 1.2  # seconds a bulk query costs before its first object (start, status polls, download)
BULK_PARALLEL = 4  # Shopify runs up to 5 bulk operations per shop at once; leave one for others
BULK_CHUNK = 800  # objects a part: fewer and one more parallel query saves less than its start-up (measured at
# 1,490 variants: release's state read 1.7 s in one part -> 1.1 s in two, apply's levels read 2.8 s -> 2.0 s in
# four; 500 objects a part gained nothing more)


def parse_variant(node: dict[str, Any], levels: list[dict[str, Any]]) -> VariantRecord:
    product = node["product"]
    item = node["inventoryItem"]
    record = VariantRecord(
        id=node["id"], product_id=product["id"], product_title=product["title"], vendor=product.get("vendor") or "",
        title=node["title"], sku=node.get("sku") or None, barcode=node.get("barcode") or None,
        product_tags=list(product.get("tags") or []), inventory_item_id=item["id"], tracked=bool(item["tracked"]),
        bundle_parent=bool(node.get("requiresComponents")),
        on_hand={lv["location"]["id"]: _on_hand(lv) for lv in levels},
        unit_cost=(item.get("unitCost") or {}).get("amount"),
        image_url=(node.get("image") or {}).get("url") or
        (((product.get("featuredMedia") or {}).get("preview") or {}).get("image") or {}).get("url"))
    raw = {key: (node.get(alias) or {}).get("value") for alias, key in
           (("counts", "counts"), ("status", "status"), ("currentQty", "current_qty"), ("lastDone", "last_done"),
            ("omit", "omit"))}
    record.digests = {"counts": (node.get("counts") or {}).get("compareDigest"),
                      "status": (node.get("status") or {}).get("compareDigest")}
    if "history" in node:  # the `closing` and `applying` readings: kept as read, decoded by whoever writes it
        record.history = ((node["history"] or {}).get("value"), (node["history"] or {}).get("compareDigest"))
    decoders: dict[str, tuple[str, Callable[[Any], Any]]] = {
        "counts": ("counts", codec.decode_counts),
        "status": ("status", codec.decode_status),
        "current_qty": ("current_qty", lambda v: codec.decode_int(v, "current_qty")),
        "last_done": ("last_done", lambda v: codec.decode_datetime(v, "last_done")),
        "omit": ("omit", lambda v: codec.decode_bool(v, "omit")),
    }
    for key, (attr, decode) in decoders.items():
        try:
            setattr(record, attr, decode(raw[key]))
        except codec.CodecError as exc:
            record.problems.append((key, str(exc)))
    return record


def _on_hand(level: dict[str, Any]) -> int:
    return level["quantities"][0]["quantity"] if level.get("quantities") else 0


# ---- choosing how to read --------------------------------------------------------------

@dataclass
class ReadPlan:
    """How a read will go and why: the estimated seconds of each way, the chosen one."""

    variants: int
    bulk: bool
    paged_s: float
    bulk_s: float
    chunks: int = 1
    lowest: int | None = None  # the lowest and highest variant id number, to split a bulk read
    highest: int | None = None

    def __str__(self) -> str:
        way = f"bulk in {self.chunks} part(s)" if self.bulk else "paged"
        return f"{self.variants} variants: {way} (paged ~{self.paged_s:.1f} s, bulk ~{self.bulk_s:.1f} s)"


def page_size(reading: Reading, levels: int) -> int:
    """Variants per page so that a page's requested cost stays under `PAGE_POINTS`."""
    per = REQUESTED[reading] + ((2 + 3 * levels) if reading in LEVELED else 0)
    return max(1, min(MAX_PAGE, (PAGE_POINTS - 2) // per))


def estimate(client: AdminClient, reading: Reading, variants: int, levels: int,
             lanes: int = BULK_PARALLEL) -> tuple[float, float, int]:
    """(seconds paged, seconds bulk, bulk parts) for reading `variants` with `reading` now:
    paged by the points against what the bucket holds and restores for us, bulk by its start-up
    and the objects it produces (levels are objects of their own) at the rate last measured, in
    at most `lanes` parts at once."""
    stocked = min(levels, 2)  # levels an item usually has: most items are stocked at one or two places
    actual = ACTUAL[reading] + (3 * stocked if reading in LEVELED else 0)
    points = variants * actual
    pages = math.ceil(variants / page_size(reading, levels)) if variants else 1
    trip = client.learned.get("round_trip_s", 0.15)
    available = client.bucket.fill * client.bucket.maximum
    paged = pages * trip + max(0.0, points - available) / client.bucket.rate
    objects = variants * (1 + (stocked if reading in LEVELED else 0))
    rate = client.learned.get("bulk_objects_per_s", BULK_RATE)
    chunks = max(1, min(lanes, math.ceil(objects / BULK_CHUNK)))
    bulk = BULK_START + trip * 3 + objects / (rate * chunks)
    return paged, bulk, chunks


def seconds(client: AdminClient, variants: int, points_per_variant: float, page: int,
            objects_per_variant: float = 1.0) -> tuple[float, float]:
    """(seconds paged, seconds in one bulk query) to read `variants` costing `points_per_variant`
    each in pages of `page`, by what the bucket holds and restores for us and the bulk rate measured."""
    trip = client.learned.get("round_trip_s", 0.15)
    available = client.bucket.fill * client.bucket.maximum
    paged = math.ceil(max(1, variants) / page) * trip + max(0.0, variants * points_per_variant - available) \
        / client.bucket.rate
    rate = client.learned.get("bulk_objects_per_s", BULK_RATE)
    return paged, BULK_START + trip * 3 + variants * objects_per_variant / rate


async def bulk_is_quicker(client: AdminClient, search: str, points_per_variant: float, page: int) -> bool:
    """Whether a bulk query reads what `search` finds sooner than pages of `page` (other readers of
    the session's variants: histories); one count first, a couple of points."""
    paged, bulk = seconds(client, await count_variants(client, search), points_per_variant, page)
    return bulk < paged


async def plan_read(client: AdminClient, search: str, reading: Reading, levels: int,
                    lanes: int = BULK_PARALLEL) -> ReadPlan:
    """Count the variants (and their id range) and choose the quicker way to read them."""
    data = await client.execute(document("VariantIdBounds"), {"query": search})
    count = int(data["productVariantsCount"]["count"])
    ids = [(data[k]["nodes"] or [{}])[0].get("id") for k in ("first", "last")]
    paged, bulk, chunks = estimate(client, reading, count, levels, lanes)
    lowest, highest = (int(i.rsplit("/", 1)[1]) if i else None for i in ids)
    return ReadPlan(count, bulk < paged, paged, bulk, chunks, lowest, highest)


# ---- reading ---------------------------------------------------------------------------

async def location_count(client: AdminClient) -> int:
    """How many locations the shop has (the page of levels asked per item); learnt once per client."""
    if "locations" not in client.learned:
        total = 0
        async for _ in client.paginate(document("Locations"), {}, ("locations",)):
            total += 1
        client.learned["locations"] = total
    return int(client.learned["locations"])


async def load_variants(client: AdminClient, search: str, *, reading: Reading = "full",
                        force_bulk: bool | None = None, progress: Progress | None = None,
                        plan: ReadPlan | None = None, lanes: int = BULK_PARALLEL) -> list[VariantRecord]:
    """Every variant matching `search`, in id order, read as `reading` says (see the module);
    paged or in bulk as `plan_read` chooses unless `force_bulk` says. `lanes`: bulk queries at once
    at most (a read nobody waits for takes one: the shop's five are shared by every device)."""
    levels = min(FIRST_LEVELS_CAP, max(1, await location_count(client))) if reading in LEVELED else 0
    if force_bulk is None:
        plan = plan or await plan_read(client, search, reading, levels, lanes)
        use_bulk = plan.bulk
    else:
        use_bulk = force_bulk
    if use_bulk:
        return await _bulk(client, search, reading, plan, progress)
    return await _paged(client, search, reading, levels, plan.variants if plan else 0, progress)


async def _paged(client: AdminClient, search: str, reading: Reading, levels: int, expected: int,
                 progress: Progress | None) -> list[VariantRecord]:
    records: list[VariantRecord] = []
    variables: dict[str, Any] = {"query": search, "first": page_size(reading, levels)}
    if reading in LEVELED:
        variables["levels"] = levels
    async for node in client.paginate(document(PAGED[reading]), variables, ("productVariants",), expected=expected):
        found = []
        if reading in LEVELED:
            connection = node["inventoryItem"]["inventoryLevels"]
            found = list(connection["nodes"])
            info = connection["pageInfo"]
            while info["hasNextPage"]:  # more locations than one page asked for: read them all
                data = await client.execute(document("InventoryLevelsPage"),
                                            {"id": node["inventoryItem"]["id"], "after": info["endCursor"]})
                connection = data["inventoryItem"]["inventoryLevels"]
                found += connection["nodes"]
                info = connection["pageInfo"]
        records.append(parse_variant(node, found))
        if progress and len(records) % 50 == 0:
            progress(len(records), max(expected, len(records)))
    if progress:
        progress(len(records), len(records))
    return _in_id_order(records)


def bulk_document(name: str, search: str) -> str:
    """A bulk query document with `search` in place of its `__SEARCH__` (bulk queries take no
    variables), quoted as a GraphQL string."""
    return document(name).replace("__SEARCH__", search.replace("\\", "\\\\").replace('"', '\\"'))


def _bulk_text(reading: Reading, search: str) -> str:
    return bulk_document(BULK[reading], search)


def _ranges(plan: ReadPlan | None) -> list[str]:
    """Id ranges that split a bulk read into the plan's parts (one unbounded part without one)."""
    if not plan or plan.chunks <= 1 or plan.lowest is None or plan.highest is None or plan.highest <= plan.lowest:
        return [""]
    span = plan.highest - plan.lowest + 1
    cuts = [plan.lowest + span * i // plan.chunks for i in range(1, plan.chunks)]
    # Open at both ends: a variant created below or above the bounds read a moment ago is still read.
    return ([f" id:<{cuts[0]}"] + [f" id:>={lo} id:<{hi}" for lo, hi in zip(cuts, cuts[1:])]
            + [f" id:>={cuts[-1]}"])


async def _bulk(client: AdminClient, search: str, reading: Reading, plan: ReadPlan | None,
                progress: Progress | None) -> list[VariantRecord]:
    """Bulk queries (several at once over id ranges when the plan says), each file parsed as it
    streams in, straight into records: the JSON of 100,000 variants is never held whole."""
    records: dict[str, VariantRecord] = {}
    parts = _ranges(plan)
    seen = [0] * len(parts)

    def consume(objects: list[dict[str, Any]]) -> None:  # in a worker thread, in file order
        for line in objects:
            parent = line.get("__parentId")
            if parent is None:
                records[line["id"]] = parse_variant(line, [])
            elif "location" in line and parent in records:  # children come after their parent
                records[parent].on_hand[line["location"]["id"]] = _on_hand(line)

    per_object = 2 if reading in LEVELED else 1  # a level is an object of its own
    total = max(1, plan.variants * per_object) if plan else 0

    def report(index: int) -> Callable[[int], None]:
        def update(objects: int) -> None:
            seen[index] = objects
            if progress and total:
                progress(min(sum(seen), total), total)
        return update

    texts = [_bulk_text(reading, f"({search}){where}" if where else search) for where in parts]
    started = time.monotonic()
    starting = asyncio.Lock()
    await asyncio.gather(*(bulk_query_stream(client, text, consume, progress=report(i),
                                             expected=total // len(parts) if total else None,
                                             one_start_at_a_time=starting)
                           for i, text in enumerate(texts)))
    client.learned["bulk_read_s"] = time.monotonic() - started
    if progress:
        progress(len(records), len(records))
    return await asyncio.to_thread(_in_id_order, list(records.values()))


def _in_id_order(records: list[VariantRecord]) -> list[VariantRecord]:
    records.sort(key=lambda r: int(r.id.rsplit("/", 1)[1]))
    return records


async def load_session_variants(client: AdminClient, session: str, **kw: Any) -> list[VariantRecord]:
    """The variants of session `session` (its tagged products); see `load_variants`."""
    return await load_variants(client, session_search(session), **kw)


async def count_variants(client: AdminClient, search: str) -> int:
    data = await client.execute(document("VariantsCount"), {"query": search})
    return int(data["productVariantsCount"]["count"])
