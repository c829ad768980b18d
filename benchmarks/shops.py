"""Simulated shops for the scale benchmarks: a synthetic shop in a child process (a real shop is
another machine; in this process its work would compete with the app's for the GIL), driven
through a pipe for what is set-up, not measurement: tagging a session, a snapshot or counts
written straight into its state, a full bucket before a step, its request counters.

    with ShopProcess(products=3334, plan="standard") as shop:
        shop.url, shop.token, shop.variants
        shop.call("session", name="BIG")          # tag every product, record + snapshot in the state
        shop.call("count_all", name="BIG")        # every variant counted and done (some variances)
        shop.call("full_bucket")
"""

from __future__ import annotations

import multiprocessing
import random
from typing import Any

SEED_TIME = "2026-11-23T10:00:00.000Z"


def _session(shop: Any, name: str, snapshot: bool = True) -> dict[str, Any]:
    """Tag every product into session `name` and write its record; with `snapshot`, write each
    variant's fresh counts as the app's snapshot would (baseline at the mapped locations)."""
    from inventra_desktop.stocktake import codec
    from inventra_desktop.stocktake.models import (
        SESSION_TAG_PREFIX,
        SessionEvent,
        SessionRecord,
        SessionState,
    )
    from inventra_desktop.stocktake.snapshot import fresh_counts, fresh_state

    state = shop.state
    with state.lock:
        shop_gid = state.shop_gid()
        raw_areas = state.metafield(shop_gid, codec.NAMESPACE, codec.Keys.AREAS)
        areas = codec.decode_areas(raw_areas.value if raw_areas else None) or []
        for product in state.products.values():
            product.tags.append(SESSION_TAG_PREFIX + name)
        # The sessions record holds every session in one metafield of at most 128 KB: product ids of
        # more than about 3,000 products do not fit (`inventra session create` refuses such a
        # session today). The products' session tag is what the app reads a session by, so a large
        # session is recorded here without its ids.
        ids = [f"gid://shopify/Product/{p}" for p in state.products] if len(state.products) <= 2000 else []
        record = SessionRecord(name=name, product_ids=ids,
                               created_at=SEED_TIME, created_by="bench",
                               events=[SessionEvent(what="created", at=SEED_TIME, by="bench")])
        written = 0
        if snapshot:
            from inventra_desktop.gateway.variants import parse_variant

            record.state, record.snapshot_at = SessionState.SNAPSHOTTED, SEED_TIME
            for variant in state.variants.values():
                if variant.components:
                    continue
                gid = f"gid://shopify/ProductVariant/{variant.id}"
                levels = [{"location": {"id": f"gid://shopify/Location/{lv.location_id}"},
                           "quantities": [{"quantity": lv.quantity("on_hand")}]}
                          for lv in state.levels_of_item(variant.inventory_item_id)]
                product = state.products[variant.product_id]
                view = parse_variant({"id": gid, "title": variant.title, "product": {
                    "id": f"gid://shopify/Product/{product.id}", "title": product.title, "tags": product.tags},
                    "inventoryItem": {"id": f"gid://shopify/InventoryItem/{variant.inventory_item_id}",
                                      "tracked": True}}, levels)
                new = fresh_state(fresh_counts(record, SEED_TIME, areas, view))
                for entry in new.inputs(gid, None):
                    state.put_metafield(gid, entry["namespace"], entry["key"], entry["type"], entry["value"])
                written += 1
        sessions = state.metafield(shop_gid, codec.NAMESPACE, codec.Keys.SESSIONS)
        others = codec.decode_sessions(sessions.value if sessions else None)
        state.put_metafield(shop_gid, codec.NAMESPACE, codec.Keys.SESSIONS, "json",
                            codec.encode_sessions([r for r in others if r.name != name] + [record]))
        state.touch()
    return {"variants": written}


def _count_all(shop: Any, name: str, variance: float = 0.1, seed: int = 1) -> dict[str, Any]:
    """Every variant of the session counted in its first area (the baseline, or off by one for a
    share `variance` of them) and done, as if the devices had delivered it all."""
    from inventra_desktop.stocktake import codec
    from inventra_desktop.stocktake.models import AreaCount

    rng = random.Random(seed)
    state = shop.state
    counted = 0
    with state.lock:
        for variant in state.variants.values():
            gid = f"gid://shopify/ProductVariant/{variant.id}"
            raw = state.metafield(gid, codec.NAMESPACE, codec.Keys.COUNTS)
            counts = codec.decode_counts(raw.value if raw else None)
            if counts is None or counts.session != name or not counts.areas:
                continue
            first = next(iter(counts.areas))
            qty = sum(counts.baseline.values()) + (rng.choice((-1, 1)) if rng.random() < variance else 0)
            counts.areas[first] = AreaCount(qty=max(0, qty), counted=True, by="bench", at=SEED_TIME)
            state.put_metafield(gid, codec.NAMESPACE, codec.Keys.COUNTS, "json", codec.encode_counts(counts))
            state.put_metafield(gid, codec.NAMESPACE, codec.Keys.STATUS, "single_line_text_field", "done")
            state.put_metafield(gid, codec.NAMESPACE, codec.Keys.LAST_DONE, "date_time", SEED_TIME)
            counted += 1
        state.touch()
    return {"counted": counted}


def _child(conn: Any, products: int, variants_per_product: int, plan: str, bulk_query_rate: float) -> None:
    from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

    shop = EmbeddedShop(ShopConfig(plan=plan, synthetic=products, synthetic_variants=variants_per_product,
                                   bulk_query_rate=bulk_query_rate))
    shop.start()
    conn.send((shop.url, shop.token, len(shop.state.variants)))
    while True:
        command, kw = conn.recv()
        try:
            if command == "stop":
                break
            if command == "session":
                result: Any = _session(shop, **kw)
            elif command == "count_all":
                result = _count_all(shop, **kw)
            elif command == "full_bucket":
                with shop.api._lock:
                    shop.api._buckets.clear()  # a fresh bucket per app: full
                result = None
            elif command == "stats":
                result = {"requests": shop.api.request_count, "throttled": shop.api.throttled_count}
            else:
                raise ValueError(f"unknown command {command}")
            conn.send(("ok", result))
        except Exception as exc:  # the parent shows it; the shop keeps serving
            conn.send(("error", repr(exc)))
    shop.stop()
    conn.send(("ok", "stopped"))


class ShopProcess:
    """A synthetic shop served by a child process until the `with` block ends."""

    def __init__(self, products: int, *, variants_per_product: int = 3, plan: str = "standard",
                 bulk_query_rate: float = 1000.0) -> None:
        self.args = (products, variants_per_product, plan, bulk_query_rate)
        self.url = self.token = ""
        self.variants = 0

    def __enter__(self) -> ShopProcess:
        context = multiprocessing.get_context("spawn")  # never fork a process that may run Qt
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_child, args=(child, *self.args), name="shop", daemon=True)
        self._process.start()
        if not self._conn.poll(900):
            raise RuntimeError("the shop process did not start")
        self.url, self.token, self.variants = self._conn.recv()
        return self

    def call(self, command: str, **kw: Any) -> Any:
        self._conn.send((command, kw))
        status, result = self._conn.recv()
        if status != "ok":
            raise RuntimeError(f"shop: {command} failed: {result}")
        return result

    def __exit__(self, *exc: object) -> None:
        try:
            self._conn.send(("stop", {}))
            self._conn.poll(20)
        finally:
            self._process.join(20)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(5)
