"""Opening a session this device has opened before (issue 16, goal 1): from its own copy, with no
request to the shop, never older than its journal; then reconciled with the shop in the
background, exactly: the rows become what a device opening the session afresh sees, plus this
device's own operations the shop does not hold yet."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import httpx

from helpers import counting_session, shop_session

from inventra_desktop.journal.session_cache import CACHE_FILE
from inventra_desktop.services import setup
from inventra_desktop.services.counting_desk import CountingDesk
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.stocktake.counting import apply_operations
from inventra_desktop.stocktake.models import OpKind, Status
from inventra_desktop.stocktake.variant import VariantRecord

QUERY = "vendor:'Northbound Gear'"


def shown(record: VariantRecord) -> tuple:
    """What a screen shows of a row (and what a count is checked against)."""
    return (record.id, record.product_title, record.title, record.sku, record.barcode, record.counts,
            record.status, record.omit, record.problems, record.bundle_parent, record.image_url)


def test_a_warm_open_asks_the_shop_nothing_and_shows_the_devices_own_counts(tmp_path: Path) -> None:
    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        async def scenario() -> None:
            async with shop_session(shop, tmp_path / "kiosk", "kiosk") as kiosk:
                await counting_session(kiosk, "W", QUERY)
                desk = CountingDesk(kiosk, sync_delay=0.01)
                rows = await desk.open("W")
                assert not desk.warm
                target = next(r for r in rows if r.takes_part("W"))
                await desk.tap(target.id, OpKind.ADD, "showroom", 3)
                await desk.deliver()
                await desk.tap(target.id, OpKind.ADD, "showroom", 2)  # recorded, not delivered
                await desk.close()

                before = shop.api.request_count
                warm = CountingDesk(kiosk)
                rows = await warm.open("W")
                assert warm.warm and shop.api.request_count == before  # not one request
                row = next(r for r in rows if r.id == target.id)
                assert row.counts.areas["showroom"].qty == 5 and warm.waiting_for(target.id)
                await warm.tap(target.id, OpKind.ADD, "showroom", 1)  # taps are taken at once
                assert warm.view(target.id).counts.areas["showroom"].qty == 6
                await warm.close()
        asyncio.run(scenario())


def test_a_copy_saved_before_a_delivery_never_shows_a_count_older_than_the_journal(tmp_path: Path) -> None:
    """The copy is from before the device's last deliveries (e.g. `inventra sync` delivered them
    from another process, or the app was killed before it saved): the journal's delivered
    operations the copy does not hold are shown on top of it."""
    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        async def scenario() -> None:
            async with shop_session(shop, tmp_path / "kiosk", "kiosk") as kiosk:
                await counting_session(kiosk, "J", QUERY)
                desk = CountingDesk(kiosk, sync_delay=0.01)
                rows = await desk.open("J")
                await desk.close()
                old_copy = tmp_path / "old-copy"
                old_copy.mkdir()
                shutil.copy(tmp_path / "kiosk" / CACHE_FILE, old_copy / CACHE_FILE)
                target = next(r for r in rows if r.takes_part("J"))
                desk = CountingDesk(kiosk, sync_delay=0.01)
                await desk.open("J")
                await desk.tap(target.id, OpKind.SET, "warehouse", 7)
                await desk.tap(target.id, OpKind.DONE)
                await desk.deliver()
                await desk.close()
                for suffix in ("-wal", "-shm"):
                    (tmp_path / "kiosk" / f"{CACHE_FILE}{suffix}").unlink(missing_ok=True)
                shutil.copy(old_copy / CACHE_FILE, tmp_path / "kiosk" / CACHE_FILE)  # the copy of before

                warm = CountingDesk(kiosk)
                rows = await warm.open("J")
                assert warm.warm and not warm.waiting_for(target.id)  # delivered: nothing waits
                row = next(r for r in rows if r.id == target.id)
                assert row.counts.areas["warehouse"].qty == 7 and row.status is Status.DONE
                await warm.close()
        asyncio.run(scenario())


def test_reconciliation_is_exact_after_other_devices_counted_and_the_shop_changed(tmp_path: Path) -> None:
    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        async def scenario() -> None:
            async with shop_session(shop, tmp_path / "kiosk", "kiosk") as kiosk, \
                    shop_session(shop, tmp_path / "pc", "pc") as pc, \
                    shop_session(shop, tmp_path / "fresh", "fresh") as fresh:
                await counting_session(kiosk, "R", QUERY)
                desk = CountingDesk(kiosk, sync_delay=0.01)
                rows = await desk.open("R")
                counted = [r for r in rows if r.takes_part("R")]
                a, b, c = counted[0], counted[1], counted[2]
                await desk.tap(a.id, OpKind.ADD, "showroom", 4)
                await desk.deliver()
                await desk.close()

                # While the kiosk is closed: another device counts (the same variant too), the
                # merchant renames a product and flags a variant "never count", the kiosk itself
                # records a count it could not deliver (the shop was down for it).
                other = CountingDesk(pc, sync_delay=0.01)
                await other.open("R")
                await other.tap(a.id, OpKind.ADD, "warehouse", 2)
                await other.tap(b.id, OpKind.SET, "showroom", 9)
                await other.tap(b.id, OpKind.DONE)
                await other.deliver()
                await other.close()
                product = shop.state.products[int(c.product_id.rsplit("/", 1)[1])]
                with shop.state.lock:
                    product.title = "Renamed while the kiosk was closed"
                    shop.state.touch()
                await setup.set_never_count(pc, setup.VariantRef(variant=counted[3].id), True)
                httpx.post(f"{shop.url}/_simulator/faults", json={"rates": {"http_503": 1.0}},
                           headers=shop.admin_headers).raise_for_status()
                offline = CountingDesk(kiosk)
                await offline.open("R")  # warm: it needs no shop
                await offline.tap(c.id, OpKind.ADD, "garage", 5)
                await offline.sync_now()
                assert not offline.status.online and offline.waiting_for(c.id)
                await offline.close()
                httpx.post(f"{shop.url}/_simulator/faults", json={}, headers=shop.admin_headers).raise_for_status()

                warm = CountingDesk(kiosk)
                reported: list[VariantRecord] = []
                warm.on_rows_changed = reported.extend
                opened = {r.id: r for r in await warm.open("R")}
                assert warm.warm
                assert opened[a.id].counts.areas["warehouse"].qty == 0  # the copy does not know yet
                assert opened[c.id].counts.areas["garage"].qty == 5  # its own count, undelivered
                warm.start()
                await asyncio.wait_for(warm.reconciled.wait(), 20)
                await asyncio.sleep(0.2)  # the undelivered count goes now that the shop is back

                truth = CountingDesk(fresh, use_cache=False)  # a device opening the session afresh
                afresh = {r.id: r for r in await truth.open("R")}
                await truth.close()
                assert set(afresh) == set(opened)
                for variant_id, row in afresh.items():
                    mine = warm._pending.get(variant_id, [])
                    expected = row
                    if mine:  # the shop does not hold it yet: it shows on top of the shop's row
                        state = apply_operations(row.state(), mine, "kiosk").state
                        expected = row.__class__(**{**row.__dict__, "counts": state.counts, "status": state.status,
                                                    "last_done": state.last_done})
                    assert shown(warm.view(variant_id)) == shown(expected), variant_id
                assert warm.view(a.id).counts.areas["warehouse"].qty == 2
                assert warm.view(b.id).status is Status.DONE and warm.view(b.id).counts.areas["showroom"].qty == 9
                assert warm.view(c.id).product_title == "Renamed while the kiosk was closed"
                assert warm.view(counted[3].id).omit
                # The rows reported changed are those that differ from what the warm open showed.
                differing = {v for v in afresh if shown(warm.view(v)) != shown(opened[v])}
                assert differing and differing <= {r.id for r in reported}
                await warm.close()
        asyncio.run(scenario())
