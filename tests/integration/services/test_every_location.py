"""Every location of an item is read (issue 12, item 1): pre-flight, snapshot, drift and the apply
preview see the item's stock at a sixth, seventh or hundred-and-thirtieth location.

The shops here get their extra locations by seeding the simulator's state directly (the
simulator's inventory-CSV loader is another branch's work).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from helpers import shop_session

from inventra_desktop.gateway.records import load_records
from inventra_desktop.gateway.variants import FIRST_LEVELS_CAP, load_variants
from inventra_desktop.services import closing, counting, setup
from inventra_desktop.services.counting_desk import CountingDesk
from inventra_desktop.services.setup import VariantRef
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.simulator.state import Location, ShopState
from inventra_desktop.stocktake.models import Area, OpKind


def add_locations(state: ShopState, names: list[str]) -> dict[str, int]:
    """New active locations by name; returns every location's id by name."""
    with state.lock:
        for name in names:
            loc = Location(state.new_id(), name, True, True, True, "2026-11-23T00:00:00Z")
            state.locations[loc.id] = loc
        state.touch()
        return {loc.name: loc.id for loc in state.locations.values()}


def stock_everywhere(state: ShopState, sku: str, quantities: dict[int, int]) -> int:
    """Stock the variant with `sku` at each location id with that many available; its item id."""
    variant = next(v for v in state.variants.values() if v.sku == sku)
    with state.lock:
        for location_id, qty in quantities.items():
            level = state.activate(variant.inventory_item_id, location_id)
            level.quantities["available"] = qty
        state.touch()
    return variant.inventory_item_id


def on_hand(state: ShopState, item_id: int, location_id: int) -> int:
    level = state.level(item_id, location_id)
    return level.quantity("on_hand") if level else 0


def test_an_area_at_the_seventh_location_sees_its_stock_from_preflight_to_apply(tmp_path: Path) -> None:
    """The issue's case: an area mapped to "Store 7" where the item has 16 on hand. Before, the
    first five levels were read: pre-flight said "not stocked at Store 7", the baseline was 0, a
    count of 16 showed +16 and the apply wrote +16 (32 on the shelf of 16)."""
    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        state = shop.state
        ids = add_locations(state, [f"Store {n}" for n in range(4, 8)])
        assert len(ids) == 7
        sku = next(v.sku for v in state.variants.values() if v.sku)
        variant = next(v for v in state.variants.values() if v.sku == sku)
        product_gid = f"gid://shopify/Product/{variant.product_id}"
        # Stocked everywhere, Store 7 last in id order (the read used to stop after five).
        item = stock_everywhere(state, sku, {loc: 3 for loc in ids.values()} | {ids["Store 7"]: 16})
        store7 = f"gid://shopify/Location/{ids['Store 7']}"

        async def scenario() -> None:
            async with shop_session(shop, tmp_path, "pc") as pc:
                await setup.install(pc)
                await setup.save_areas(pc, [Area(key="store7", label="Store 7", location_id=store7)])
                await setup.create_session(pc, "S7", product_ids=[product_gid])
                lines, _ = await setup.session_preflight(pc, "S7")
                assert not [ln for ln in lines if ln.kind == "not_stocked" and ln.subject == sku], lines
                await setup.snapshot(pc, "S7")
                rows = await load_variants(pc.client, "tag:'Inventra-session-S7'", reading="full")
                row = next(r for r in rows if r.sku == sku)
                assert row.counts is not None and row.counts.baseline == {store7: 16}
                assert len(row.on_hand) == 7

                for other in (r for r in rows if r.takes_part("S7")):  # every variant done, this one at 16
                    qty = 16 if other.sku == sku else 0
                    await counting.count(pc, "S7", VariantRef(variant=other.id),
                                         [(OpKind.SET, "store7", qty), (OpKind.DONE, None, None)])
                drift, _ = await closing.drift(pc, "S7")
                assert not [d for d in drift if d.variant_id == row.id and d.moved]
                await closing.finalize(pc, "S7")
                plan = await closing.plan_apply(pc, "S7", "difference")
                line = next(ln for ln in plan.lines if ln.variant_id == row.id and ln.location_id == store7)
                assert (line.baseline, line.counted, line.now, line.change) == (16, 16, 16, 0)
                await closing.fix_items(pc, plan)
                await closing.apply(pc, plan)
        asyncio.run(scenario())
        assert on_hand(state, item, ids["Store 7"]) == 16  # nothing written: the count matched


@pytest.mark.parametrize("bulk", [False, True], ids=["paged", "bulk"])
def test_an_item_at_130_locations_is_read_at_all_of_them(tmp_path: Path, bulk: bool) -> None:
    """More locations than a page of variants asks levels for (FIRST_LEVELS_CAP), and more than
    the shop record's first page of locations: both are read to the end."""
    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        state = shop.state
        ids = add_locations(state, [f"Depot {n:03d}" for n in range(127)])
        assert len(ids) == 130 > FIRST_LEVELS_CAP
        sku = next(v.sku for v in state.variants.values() if v.sku)
        stock_everywhere(state, sku, {loc: i + 1 for i, loc in enumerate(sorted(ids.values()))})

        async def scenario() -> None:
            async with shop_session(shop, tmp_path, "pc") as pc:
                records = await load_records(pc.client)
                assert len(records.locations) == 130
                rows = await load_variants(pc.client, f"sku:{sku}", reading="full", force_bulk=bulk)
                (row,) = rows
                assert len(row.on_hand) == 130
                assert row.on_hand == {f"gid://shopify/Location/{loc}": i + 1
                                       for i, loc in enumerate(sorted(ids.values()))}
                # The readings that need no stock levels read none, and cost less.
                before = pc.client.stats["points"]
                (state_row,) = await load_variants(pc.client, f"sku:{sku}", reading="state", force_bulk=bulk)
                assert state_row.on_hand == {} and state_row.sku == sku
                if not bulk:
                    assert pc.client.stats["points"] - before < 20
        asyncio.run(scenario())


def test_the_desk_reads_no_stock_levels(tmp_path: Path) -> None:
    """The counting screens show counts, not Shopify's stock: the desk's read asks for none."""
    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        async def scenario() -> None:
            async with shop_session(shop, tmp_path, "pc") as pc:
                await setup.install(pc)
                await setup.create_session(pc, "G", query="vendor:'Northbound Gear'")
                await setup.snapshot(pc, "G")
                desk = CountingDesk(pc)
                try:
                    rows = await desk.open("G")
                finally:
                    await desk.close()
                assert rows and all(r.on_hand == {} for r in rows)
                assert all(r.counts is not None for r in rows if r.takes_part("G"))
        asyncio.run(scenario())
