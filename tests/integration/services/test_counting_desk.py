"""The counting desk the GUI drives: instant local view, durable taps, coalesced delivery."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from helpers import counting_session, shop_session

from inventra_desktop.services.counting_desk import CountingDesk
from inventra_desktop.shopify.client import RetryPolicy
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.stocktake import codec
from inventra_desktop.stocktake.clock import now_iso
from inventra_desktop.stocktake.errors import TapRefused
from inventra_desktop.stocktake.models import OpKind, Status


def test_taps_show_at_once_and_land_once(tmp_path: Path) -> None:
    async def scenario(shop: EmbeddedShop) -> None:
        async with shop_session(shop, tmp_path, "kiosk-7", retry=RetryPolicy(attempts=2, base_delay=0.01)) as session:
            await counting_session(session, "DESK", "vendor:'Northbound Gear'")
            desk = CountingDesk(session, sync_delay=0.05)
            rows = await desk.open("DESK")
            changed: list[str] = []
            desk.on_rows_changed = lambda records: changed.extend(r.id for r in records)
            target = next(r for r in rows if r.takes_part("DESK"))
            for _ in range(5):
                view = await desk.tap(target.id, OpKind.ADD, "showroom", 1)
            assert view.counts.areas["showroom"].qty == 5 and view.status is Status.IN_PROGRESS
            assert desk.status.waiting == 5
            with pytest.raises(TapRefused):
                await desk.tap(target.id, OpKind.ADD, "garage", -1)
            assert desk.status.waiting == 5  # the refused tap recorded nothing

            # Offline: taps stay safe and visible; the status says so in words.
            httpx.post(f"{shop.url}/_simulator/faults", json={"rates": {"http_503": 1.0}},
                       headers=shop.admin_headers).raise_for_status()
            await desk.sync_now()
            assert not desk.status.online and "cannot be reached" in (desk.status.last_error or "")
            assert desk.view(target.id).counts.areas["showroom"].qty == 5
            httpx.post(f"{shop.url}/_simulator/faults", json={}, headers=shop.admin_headers).raise_for_status()

            writes_before = shop.api.request_count
            await desk.sync_now()
            assert desk.status.online and desk.status.waiting == 0
            assert shop.api.request_count - writes_before <= 4  # states, one read, one write (coalesced)
            stored = codec.decode_counts(shop.state.metafield(target.id, "inventra", "counts").value)
            assert stored.areas["showroom"].qty == 5 and stored.areas["showroom"].by == "kiosk-7"
            assert target.id in changed

            # Another device counts: a refresh brings it in.
            def bump(counts):  # type: ignore[no-untyped-def]
                counts.areas["warehouse"].qty = 9
                return counts
            mf = shop.state.metafield(target.id, "inventra", "counts")
            updated = bump(codec.decode_counts(mf.value))
            shop.state.put_metafield(target.id, "inventra", "counts", "json", codec.encode_counts(updated))
            await desk.refresh([target.id])
            assert desk.view(target.id).counts.areas["warehouse"].qty == 9
            await desk.close()

    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        asyncio.run(scenario(shop))


def test_a_variant_nobody_else_counts_is_written_without_a_read_and_a_stale_guess_costs_no_count(
        tmp_path: Path) -> None:
    """A kiosk working its own shelf needs no read before each write (issue 16, points a tap): a
    digest of a variant no other device counted lately is trusted for minutes. Where the shop
    has moved on meanwhile, the compare digest refuses the write, and the count lands whole after
    a read; a variant another device counts lately is read first."""
    async def scenario(shop: EmbeddedShop) -> None:
        async with shop_session(shop, tmp_path, "kiosk-7", retry=RetryPolicy(attempts=2, base_delay=0.01)) as session:
            await counting_session(session, "LONE", "vendor:'Northbound Gear'")
            desk = CountingDesk(session, sync_delay=0.05)
            rows = await desk.open("LONE")
            mine, shared, moved = [r.id for r in rows if r.takes_part("LONE")][:3]

            def minutes_ago(minutes: float) -> None:  # as if the rows were read that long ago
                for known in desk.engine.cache.values():
                    known.at -= minutes * 60
                desk._read_at = (desk._read_at or 0) - minutes * 60

            def another_device_counts(variant: str, qty: int) -> None:
                mf = shop.state.metafield(variant, "inventra", "counts")
                counts = codec.decode_counts(mf.value)
                counts.areas["warehouse"].qty, counts.areas["warehouse"].by = qty, "kiosk-9"
                counts.areas["warehouse"].at = now_iso()
                shop.state.put_metafield(variant, "inventra", "counts", "json", codec.encode_counts(counts))

            reads = lambda: session.client.points_by_operation.get("VariantCountsRead", 0.0)  # noqa: E731
            desk._seed([mine, shared, moved])
            minutes_ago(5)
            await desk.tap(mine, OpKind.ADD, "showroom", 2)
            before = reads()
            await desk.sync_now()
            assert reads() == before and desk.status.waiting == 0  # written on the 5-minute-old digest

            another_device_counts(shared, 4)
            await desk.refresh([shared])  # this device now knows kiosk-9 works there
            minutes_ago(5)
            await desk.tap(shared, OpKind.ADD, "showroom", 1)
            before = reads()
            await desk.sync_now()
            assert reads() > before  # read first: the other device is likely to have moved on

            minutes_ago(5)
            another_device_counts(moved, 7)  # after this device's read: its digest is stale
            await desk.tap(moved, OpKind.ADD, "showroom", 3)
            await desk.sync_now()
            assert desk.status.waiting == 0
            for variant, showroom, warehouse in ((mine, 2, 0), (shared, 1, 4), (moved, 3, 7)):
                stored = codec.decode_counts(shop.state.metafield(variant, "inventra", "counts").value)
                assert (stored.areas["showroom"].qty, stored.areas["warehouse"].qty) == (showroom, warehouse)
            await desk.close()

    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        asyncio.run(scenario(shop))
