"""API points spent per count operation: 5 devices counting 10 operations/s each.

    .venv/bin/python benchmarks/delivery_cost.py [--seconds 60] [--sync-every 2]

Each device has its own journal and sync engine and walks its own shelf (the session's
variants in its own order), tapping 3-7 times per variant in its area; its sync loop
delivers what waits every few seconds. Devices share the app's bucket, as kiosks of one
shop do. Prints points per operation (goal <= 1; one call per tap would be 10), with and
without the one session read each device makes at start (the grid's load).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from pathlib import Path

from inventra_desktop.journal.device import load_device
from inventra_desktop.journal.store import Journal
from inventra_desktop.journal.sync import SyncEngine
from inventra_desktop.shopify.address import ShopAddress
from inventra_desktop.shopify.auth import StaticToken
from inventra_desktop.shopify.client import AdminClient
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.gateway.records import get_session
from inventra_desktop.gateway.variants import load_session_variants
from inventra_desktop.journal.workspace import open_workspace
from inventra_desktop.services.setup import create_session, install, snapshot
from inventra_desktop.services.shop import ShopSession
from inventra_desktop.stocktake.models import OpKind

AREAS = ["showroom", "warehouse", "garage", "showroom", "warehouse"]


async def device(n: int, shop: EmbeddedShop, folder: Path, seconds: float, sync_every: float,
                 rate: float, totals: dict) -> None:
    identity = load_device(folder / f"dev{n}", f"kiosk-{n}")
    async with AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token)) as client:
        session = await get_session(client, "COST")
        variants = await load_session_variants(client, "COST")
        prime_points = client.stats["points"]
        shelf = [v for v in variants if v.takes_part("COST")]
        random.Random(n).shuffle(shelf)
        with Journal(folder / f"dev{n}" / "journal.sqlite3", identity.device_id) as journal:
            engine = SyncEngine(client, journal, identity.name)
            rng = random.Random(100 + n)
            stop = time.monotonic() + seconds
            recorded = 0

            async def syncer() -> None:
                while time.monotonic() < stop:
                    await asyncio.sleep(sync_every)
                    await engine.deliver()
            loop_task = asyncio.create_task(syncer())
            index, taps_left = 0, rng.randint(3, 7)
            while time.monotonic() < stop:
                v = shelf[index % len(shelf)]
                journal.record(session="COST", snapshot_at=session.snapshot_at or "", variant=v.id, kind=OpKind.ADD,
                               area=AREAS[n], value=1, sku=v.sku)
                recorded += 1
                taps_left -= 1
                if taps_left == 0:
                    index, taps_left = index + 1, rng.randint(3, 7)
                await asyncio.sleep(1 / rate)
            await loop_task
            report = await engine.deliver()
            assert report.waiting == 0 and not report.rejected, report
        totals[n] = (recorded, client.stats["points"], prime_points, client.stats["throttled"])


async def run(shop: EmbeddedShop, seconds: float, sync_every: float) -> None:
    with tempfile.TemporaryDirectory() as office:
        async with ShopSession(AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token)),
                               open_workspace(Path(office), "bench")) as admin:
            await install(admin)
            await create_session(admin, "COST", query="status:active")
            await snapshot(admin, "COST")
    await asyncio.sleep(5)
    totals: dict[int, tuple[int, float, float, int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        await asyncio.gather(*(device(n, shop, Path(folder), seconds, sync_every, 10.0, totals) for n in range(5)))
    ops = sum(t[0] for t in totals.values())
    points = sum(t[1] for t in totals.values())
    prime = sum(t[2] for t in totals.values())
    print(f"5 devices x 10 ops/s for {seconds:.0f} s, sync every {sync_every:g} s: {ops} operations delivered, "
          f"THROTTLED seen {sum(t[3] for t in totals.values())}")
    print(f"points per operation: {(points - prime) / ops:.2f} (delivery only), {points / ops:.2f} "
          f"(with each device's session read at start)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--sync-every", type=float, default=3.0)
    args = parser.parse_args()
    with EmbeddedShop(ShopConfig(plan="standard")) as shop:
        asyncio.run(run(shop, args.seconds, args.sync_every))


if __name__ == "__main__":
    main()
