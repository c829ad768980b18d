"""The simulated shop's data: products, variants, inventory, metafields, and their persistence.

Everything lives in memory behind one re-entrant lock (the HTTP thread, bulk operations
and the sales generator all write). Ids are integers here and become gids at the API edge.

Every write marks the rows it changed (`changed`, `removed`, `idempotency_changed`); `commit`
hands them, as one change set, to the write-ahead log when the shop has a state file
(`shop_file.py`), and `apply` replays such a change set on load. `save` writes a whole snapshot
as JSON, atomically.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from .ids import gid
from .orders import Order
from .seed import SeedCatalog
from .write_ahead_log import WriteAheadLog

# The named quantities that make up `on_hand` (Shopify: on_hand = available + committed +
# the unavailable states). `incoming` is tracked but is not part of on_hand.
ON_HAND_PARTS = ("available", "committed", "reserved", "damaged", "safety_stock", "quality_control")
QUANTITY_NAMES = (*ON_HAND_PARTS, "on_hand", "incoming")

SCHEMA_VERSION = 1


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class Location:
    id: int
    name: str
    is_active: bool = True
    ships_inventory: bool = True
    fulfills_online_orders: bool = True
    created_at: str = ""


@dataclass
class Product:
    id: int
    handle: str
    title: str
    vendor: str = ""
    product_type: str = ""
    status: str = "ACTIVE"
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    variant_ids: list[int] = field(default_factory=list)
    created_at: str = ""
    updated_at: str = ""


@dataclass
class Variant:
    id: int
    product_id: int
    inventory_item_id: int
    title: str = "Default Title"
    options: list[list[str]] = field(default_factory=list)  # [name, value]
    sku: str | None = None
    barcode: str | None = None
    price: str = "0.00"
    position: int = 1
    image_url: str | None = None
    components: list[list[int]] = field(default_factory=list)  # [variant id, quantity]
    created_at: str = ""
    updated_at: str = ""


@dataclass
class InventoryItem:
    id: int
    variant_id: int
    tracked: bool = True
    unit_cost: str | None = None
    requires_shipping: bool = True
    created_at: str = ""
    updated_at: str = ""


@dataclass
class InventoryLevel:
    id: int
    item_id: int
    location_id: int
    quantities: dict[str, int] = field(default_factory=dict)  # the ON_HAND_PARTS and incoming
    created_at: str = ""
    updated_at: str = ""

    def quantity(self, name: str) -> int:
        if name == "on_hand":
            return sum(self.quantities.get(n, 0) for n in ON_HAND_PARTS)
        return self.quantities.get(name, 0)


@dataclass
class Metafield:
    id: int
    owner: str  # the owner's gid
    namespace: str
    key: str
    type: str
    value: str
    version: int = 1
    created_at: str = ""
    updated_at: str = ""

    @property
    def compare_digest(self) -> str:
        # Changes with every write, like Shopify's digest; opaque to clients.
        return hashlib.sha256(f"{self.id}:{self.version}:{self.value}".encode()).hexdigest()


@dataclass
class MetafieldDefinition:
    id: int
    name: str
    namespace: str
    key: str
    type: str
    owner_type: str
    description: str | None = None
    validations: list[list[str]] = field(default_factory=list)  # [name, value]
    pinned_position: int | None = None
    admin_access: str | None = None
    storefront_access: str | None = None


@dataclass
class AdjustmentGroup:
    """One entry of the inventory history (an app's set/adjust call, or a simulated sale)."""

    id: int
    created_at: str
    reason: str
    reference_document_uri: str | None
    changes: list[dict[str, Any]]  # name, delta, quantity_after, ledger_document_uri, item_id, location_id
    source: str = "app"  # "app" | "sale"


@dataclass
class Shop:
    name: str = "Inventra Demo Store"
    domain: str = "inventra-demo.myshopify.com"
    currency: str = "EUR"
    timezone: str = "Europe/Berlin"
    id: int = 1


_TABLES: dict[str, type] = {
    "locations": Location, "products": Product, "variants": Variant, "items": InventoryItem,
    "levels": InventoryLevel, "metafields": Metafield, "definitions": MetafieldDefinition,
    "adjustments": AdjustmentGroup, "orders": Order,
}


class ShopState:
    """All data of one simulated shop. Callers hold `lock` around compound changes."""

    def __init__(self, shop: Shop | None = None) -> None:
        self.lock = threading.RLock()
        self.shop = shop or Shop()
        self.locations: dict[int, Location] = {}
        self.products: dict[int, Product] = {}
        self.variants: dict[int, Variant] = {}
        self.items: dict[int, InventoryItem] = {}
        self.levels: dict[int, InventoryLevel] = {}
        self.metafields: dict[int, Metafield] = {}
        self.definitions: dict[int, MetafieldDefinition] = {}
        self.adjustments: dict[int, AdjustmentGroup] = {}
        self.orders: dict[int, Order] = {}  # in creation order (ids only grow)
        # idempotency key -> {"fingerprint": str, "result": payload dict}
        self.idempotency: dict[str, dict[str, Any]] = {}
        self._next_id = 1000
        self._mf_index: dict[tuple[str, str, str], int] = {}
        self._level_index: dict[tuple[int, int], int] = {}
        # Rows changed since the last commit: (table, id) -> the row, or None when removed;
        # idempotency keys likewise (key -> entry or None).
        self._changed: dict[tuple[str, int], Any] = {}
        self._changed_keys: dict[str, dict[str, Any] | None] = {}
        self.unlogged_edits = False  # touch(): edits made around the tracked paths (benchmarks, tests)
        self.wal: WriteAheadLog | None = None  # set by ShopFile.open for a shop with a state file

    # ---- ids and indexes -------------------------------------------------
    def new_id(self) -> int:
        with self.lock:
            self._next_id += 1
            return self._next_id

    def touch(self) -> None:
        """Rows were edited directly, not through the tracked writes: the next snapshot keeps them
        (they are not in the log, so not durable before that)."""
        self.unlogged_edits = True

    # ---- change tracking -------------------------------------------------
    def changed(self, table: str, row: Any) -> None:
        """`row` of `table` (a key of `_TABLES`) was added or modified."""
        self._changed[(table, row.id)] = row

    def removed(self, table: str, row_id: int) -> None:
        self._changed[(table, row_id)] = None

    def idempotency_changed(self, key: str) -> None:
        self._changed_keys[key] = self.idempotency.get(key)

    def commit(self) -> int:
        """Log the changes made since the last commit as one change set (under `lock`, so the log
        orders change sets as they happened); returns the seq to wait for with `make_durable`."""
        with self.lock:
            if self.wal is None:  # nothing to log to: a shop without a state file
                self._changed, self._changed_keys = {}, {}
                return 0
            if not self._changed and not self._changed_keys:
                return self.wal.written
            record: dict[str, Any] = {"next_id": self._next_id, "rows": {}, "removed": {}}
            for (table, row_id), row in self._changed.items():
                if row is None:
                    record["removed"].setdefault(table, []).append(row_id)
                else:
                    record["rows"].setdefault(table, []).append(dataclasses.asdict(row))
            if self._changed_keys:
                record["idempotency"] = self._changed_keys
            seq = self.wal.append(record)  # on OSError the changes stay tracked for the next commit
            self._changed, self._changed_keys = {}, {}
            return seq

    def make_durable(self, seq: int) -> None:
        """Wait until the change sets up to `seq` are on disk (no-op without a state file)."""
        if self.wal is not None:
            self.wal.sync(seq)

    def discard_changes(self) -> None:
        """Forget the tracked changes (seeding: the first snapshot holds them)."""
        with self.lock:
            self._changed, self._changed_keys = {}, {}

    def apply(self, record: dict[str, Any]) -> None:
        """Replay one logged change set (rows are stored whole: replaying is idempotent)."""
        with self.lock:
            for table, rows in record.get("rows", {}).items():
                row_type, target = _TABLES[table], getattr(self, table)
                for row in rows:
                    target[row["id"]] = row_type(**row)
            for table, ids in record.get("removed", {}).items():
                target = getattr(self, table)
                for row_id in ids:
                    target.pop(row_id, None)
            for key, entry in record.get("idempotency", {}).items():
                if entry is None:
                    self.idempotency.pop(key, None)
                else:
                    self.idempotency[key] = entry
            self._next_id = max(self._next_id, record.get("next_id", 0))

    def reindex(self) -> None:
        self._mf_index = {(m.owner, m.namespace, m.key): m.id for m in self.metafields.values()}
        self._level_index = {(lv.item_id, lv.location_id): lv.id for lv in self.levels.values()}

    # ---- lookups ---------------------------------------------------------
    def metafield(self, owner: str, namespace: str, key: str) -> Metafield | None:
        mid = self._mf_index.get((owner, namespace, key))
        return self.metafields.get(mid) if mid is not None else None

    def metafields_of(self, owner: str) -> list[Metafield]:
        return sorted((m for m in self.metafields.values() if m.owner == owner), key=lambda m: m.id)

    def level(self, item_id: int, location_id: int) -> InventoryLevel | None:
        lid = self._level_index.get((item_id, location_id))
        return self.levels.get(lid) if lid is not None else None

    def levels_of_item(self, item_id: int) -> list[InventoryLevel]:
        return [lv for lv in (self.level(item_id, loc) for loc in sorted(self.locations)) if lv]

    def shop_gid(self) -> str:
        return gid("Shop", self.shop.id)

    # ---- writes ----------------------------------------------------------
    def put_metafield(self, owner: str, namespace: str, key: str, type_: str, value: str) -> Metafield:
        with self.lock:
            stamp = now_iso()
            existing = self.metafield(owner, namespace, key)
            if existing:
                existing.value, existing.type = value, type_
                existing.version += 1
                existing.updated_at = stamp
                self.changed("metafields", existing)
                return existing
            mf = Metafield(self.new_id(), owner, namespace, key, type_, value, 1, stamp, stamp)
            self.metafields[mf.id] = mf
            self._mf_index[(owner, namespace, key)] = mf.id
            self.changed("metafields", mf)
            return mf

    def delete_metafield(self, owner: str, namespace: str, key: str) -> Metafield | None:
        with self.lock:
            mf = self.metafield(owner, namespace, key)
            if mf:
                del self.metafields[mf.id]
                del self._mf_index[(owner, namespace, key)]
                self.removed("metafields", mf.id)
            return mf

    def activate(self, item_id: int, location_id: int, available: int = 0) -> InventoryLevel:
        with self.lock:
            existing = self.level(item_id, location_id)
            if existing:
                return existing
            stamp = now_iso()
            lv = InventoryLevel(self.new_id(), item_id, location_id,
                                {n: 0 for n in (*ON_HAND_PARTS, "incoming")}, stamp, stamp)
            lv.quantities["available"] = available
            self.levels[lv.id] = lv
            self._level_index[(item_id, location_id)] = lv.id
            self.changed("levels", lv)
            return lv

    def record_adjustment(self, reason: str, reference: str | None, changes: list[dict[str, Any]],
                          source: str = "app") -> AdjustmentGroup:
        with self.lock:
            group = AdjustmentGroup(self.new_id(), now_iso(), reason, reference, changes, source)
            self.adjustments[group.id] = group
            self.changed("adjustments", group)
            return group

    def add_order(self, lines: list[list[int]], *, at: str | None = None, source_name: str = "web") -> Order:
        """A new order of `[variant id, quantity]` lines, created `at` (now by default)."""
        with self.lock:
            stamp = at or now_iso()
            order = Order(self.new_id(), 1001 + len(self.orders), stamp, stamp, stamp, lines, source_name=source_name)
            self.orders[order.id] = order
            self.changed("orders", order)
            return order

    # ---- seeding ---------------------------------------------------------
    def load_catalog(self, catalog: SeedCatalog) -> None:
        """Add a catalog's locations (by name) and products, with fresh ids."""
        with self.lock:
            stamp = now_iso()
            by_name = {loc.name: loc.id for loc in self.locations.values()}
            for seed_loc in catalog.locations:
                if seed_loc.name not in by_name:
                    loc = Location(self.new_id(), seed_loc.name, seed_loc.active, seed_loc.ships_inventory,
                                   seed_loc.fulfills_online_orders, stamp)
                    self.locations[loc.id] = loc
                    by_name[loc.name] = loc.id
            pending_components: list[tuple[Variant, list]] = []
            for sp in catalog.products:
                product = Product(self.new_id(), sp.handle, sp.title, sp.vendor, sp.product_type,
                                  sp.status.upper(), list(sp.tags), sp.image_url, [], stamp, stamp)
                self.products[product.id] = product
                for position, sv in enumerate(sp.variants, start=1):
                    item_id, variant_id = self.new_id(), self.new_id()
                    variant = Variant(variant_id, product.id, item_id, sv.title,
                                      [list(o) for o in sv.options], sv.sku, sv.barcode, sv.price,
                                      position, sv.image_url, [], stamp, stamp)
                    self.variants[variant_id] = variant
                    product.variant_ids.append(variant_id)
                    self.items[item_id] = InventoryItem(item_id, variant_id, sv.tracked, sv.unit_cost,
                                                        True, stamp, stamp)
                    for loc_name, qty in sv.on_hand.items():
                        if loc_name not in by_name:
                            continue
                        held = sv.held.get(loc_name, {})
                        level = self.activate(item_id, by_name[loc_name],
                                              qty - sum(held.get(n, 0) for n in ON_HAND_PARTS))
                        for name, part in held.items():
                            level.quantities[name] = part
                    if sv.components:
                        pending_components.append((variant, sv.components))
            by_sku: dict[str, int] = {}
            for v in self.variants.values():
                if v.sku:
                    by_sku.setdefault(v.sku, v.id)
            for variant, components in pending_components:
                variant.components = [[by_sku[c.sku], c.quantity] for c in components if c.sku in by_sku]
            self._changed.clear()  # a seeded shop is saved as a snapshot, not as a log record
            self.unlogged_edits = True

    # ---- persistence -----------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        with self.lock:
            out: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "next_id": self._next_id,
                                   "shop": dataclasses.asdict(self.shop),
                                   "idempotency": dict(self.idempotency)}
            for table in _TABLES:
                out[table] = [dataclasses.asdict(row) for row in getattr(self, table).values()]
            return out

    @classmethod
    def from_json(cls, data: Any) -> ShopState:
        if not isinstance(data, dict):
            raise ValueError("the state file does not hold a JSON object")
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"state file has schema version {data.get('schema_version')}, expected {SCHEMA_VERSION}")
        state = cls(Shop(**data["shop"]))
        state._next_id = data["next_id"]
        state.idempotency = data.get("idempotency", {})
        for table, row_type in _TABLES.items():
            setattr(state, table, {row["id"]: row_type(**row) for row in data.get(table, [])})
        state.reindex()
        return state

    def save(self, path: str | Path, data: dict[str, Any] | None = None) -> None:
        """Write the state (or `data`, a `to_json()` taken earlier) atomically and durably: a crash
        mid-save leaves the previous file intact, and once this returns the new one survives a crash."""
        payload = json.dumps(data if data is not None else self.to_json(), separators=(",", ":"))
        with atomic_write(path, "w", encoding="utf-8", durable_rename=True) as fh:
            fh.write(payload)

    @classmethod
    def load(cls, path: str | Path) -> ShopState:
        """The snapshot alone; `ShopFile.open` also replays the log written after it."""
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
