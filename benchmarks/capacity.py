"""The capacity model of the user guide (issue 16, goal 6), from measured costs: what one delivery
and one poll cost on a shop, then how many devices each Shopify plan's bucket carries at a tap rate.

    .venv/bin/python benchmarks/capacity.py [--seconds 60]

One device counts a 3,000-variant session at 1 tap/s (3-7 taps a variant, as a shelf is counted)
on the standard plan; its deliveries and polls are metered. The model then applies the app's own
pacing rules (services/bucket_share.py: a device takes its part of the restore rate; a delivery
comes no oftener than that part pays for and at most MAX_DELAY after a tap; a poll costs at most
POLL_SHARE of that part) to N devices on each plan. Restore rates: standard 100 points/s, Advanced
200, Plus 1,000, Enterprise 2,000 (Shopify's GraphQL Admin API limits).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PLANS = {"standard": 100.0, "Advanced": 200.0, "Plus": 1000.0, "Enterprise": 2000.0}
VARIANTS_PER_WRITE = 12  # a delivery writes counts and status: 24 of Shopify's 25 metafields a call
TAPS_PER_VARIANT = 5.0  # a shelf counted by scanning: 3 to 7 scans a variant


async def measure(url: str, token: str, folder: Path, seconds: float) -> dict[str, float]:
    """Points one delivery and one poll cost, metered on one device counting at 1 tap/s."""
    import shutil

    from devices import SESSION, _session, first_open
    from inventra_desktop.journal.session_cache import CACHE_FILE
    from inventra_desktop.services.counting_desk import CountingDesk
    from inventra_desktop.services.setup import install
    from inventra_desktop.stocktake.models import OpKind

    async with _session(url, token, folder / "office", "office") as office:
        await install(office)
    variants = await first_open(url, token, folder)
    (folder / "kiosk").mkdir(parents=True, exist_ok=True)
    shutil.copy(folder / "seed" / CACHE_FILE, folder / "kiosk" / CACHE_FILE)
    async with _session(url, token, folder / "kiosk", "kiosk") as shop:
        desk = CountingDesk(shop)
        await desk.open(SESSION)
        client = shop.client
        spent = {"delivery": [0.0, 0], "poll": [0.0, 0]}

        def metered(kind: str, fn):  # type: ignore[no-untyped-def]
            async def run(*args, **kw):  # type: ignore[no-untyped-def]
                before = client.stats["points"]
                result = await fn(*args, **kw)
                spent[kind][0] += client.stats["points"] - before
                spent[kind][1] += 1
                return result
            return run
        await desk.reconcile()
        desk.engine.deliver = metered("delivery", desk.engine.deliver)  # type: ignore[method-assign]
        desk.refresh = metered("poll", desk.refresh)  # type: ignore[method-assign]
        desk.start()
        rng = random.Random(1)
        shelf = variants[:400]
        index, left, taps = 0, rng.randint(3, 7), 0
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            await desk.record(shelf[index % len(shelf)], OpKind.ADD, "showroom", 1)
            taps += 1
            left -= 1
            if not left:
                index, left = index + 1, rng.randint(3, 7)
            await asyncio.sleep(max(0.0, start + taps - time.monotonic()))
        await desk.refresh()  # one poll at least, metered
        await desk.close()
    return {"delivery_points": spent["delivery"][0] / max(1, spent["delivery"][1]),
            "deliveries": spent["delivery"][1], "poll_points": spent["poll"][0] / max(1, spent["poll"][1]),
            "taps": taps}


def model(delivery_points: float, poll_points: float, restore: float, devices: int, taps_per_s: float) -> dict:
    """One device's pacing among `devices` on a bucket restoring `restore` points/s, by the desk's rules."""
    from inventra_desktop.services import bucket_share

    share = bucket_share.share(restore, restore, devices)
    delay = bucket_share.delivery_delay(share, 2.0)  # the desk's sync_delay: 2 s
    variants = max(1.0, taps_per_s * delay / TAPS_PER_VARIANT)
    writes = math.ceil(variants / VARIANTS_PER_WRITE)
    per_delivery = delivery_points + 10.0 * (writes - 1)
    poll_every = bucket_share.poll_interval(poll_points, share)
    per_device = per_delivery / delay + poll_points / poll_every
    return {"delay": delay, "points_per_tap": per_device / taps_per_s, "total": per_device * devices,
            "fits": per_device * devices <= restore, "poll_every": poll_every}


def most_devices(delivery_points: float, poll_points: float, restore: float, taps_per_s: float) -> int:
    n = 1
    while n < 5000 and model(delivery_points, poll_points, restore, n + 1, taps_per_s)["fits"]:
        n += 1
    return n


def main() -> None:
    from shops import ShopProcess

    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ShopProcess(products=1000, plan="standard") as shop:
        shop.call("session", name="MANY")
        shop.call("full_bucket")
        figures = asyncio.run(measure(shop.url, shop.token, Path(tmp), args.seconds))
    d, p = figures["delivery_points"], figures["poll_points"]
    print(f"measured on a {shop.variants}-variant session: a delivery {d:.1f} points "
          f"({figures['deliveries']} deliveries of {figures['taps']} taps), a poll of the others' counts "
          f"{p:.1f} points")
    print()
    print("devices a shop's bucket carries with every tap in Shopify within ~10 s (points a tap when it is full):")
    rates = (0.5, 1.0, 2.0, 5.0)
    print(f"{'plan':<11}{'restore':>9}" + "".join(f"{f'{r:g} tap/s':>18}" for r in rates))
    for plan, restore in PLANS.items():
        cells = []
        for rate in rates:
            n = most_devices(d, p, restore, rate)
            full = model(d, p, restore, n, rate)
            cells.append(f"{n:>5} ({full['points_per_tap']:.1f} pt)")
        print(f"{plan:<11}{restore:>7g}/s" + "".join(f"{c:>18}" for c in cells))
    for devices_n in (1, 10, 30, 50):
        m = model(d, p, 100.0, devices_n, 1.0)
        print(f"standard, {devices_n:>2} devices at 1 tap/s: a delivery every {m['delay']:.1f} s, a poll every "
              f"{m['poll_every']:.0f} s, {m['points_per_tap']:.2f} points a tap, {m['total']:.0f} of 100 points/s")


if __name__ == "__main__":
    main()
