"""How close the client's pacing gets to the shop's restore rate.

Drives the Admin client against a standard-plan simulator (100 points/s, bucket 2000) with
several concurrent writers for about a minute, and prints the points per second actually
charged after the initial full bucket has been spent (its head start does not count):

    .venv/bin/python benchmarks/pacing.py [--seconds 60] [--workers 8]

Goal: X >= 0.9 Y with no THROTTLED answer surfacing.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from inventra_desktop.shopify.address import ShopAddress
from inventra_desktop.shopify.auth import StaticToken
from inventra_desktop.shopify.client import AdminClient
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

SET_MF = """mutation BenchSet($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) {
  metafields { id } userErrors { code } } }"""


async def drive(shop: EmbeddedShop, seconds: float, workers: int) -> None:
    owner = f"gid://shopify/ProductVariant/{sorted(shop.state.variants)[0]}"
    spent: list[tuple[float, float, float]] = []  # (time, points charged so far, seconds waited so far)
    async with AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token)) as client:
        start = time.monotonic()

        async def worker(n: int) -> None:
            i = 0
            while time.monotonic() - start < seconds:
                await client.mutate(SET_MF, {"m": [{"ownerId": owner, "namespace": "bench", "key": f"w{n}_{i % 50}",
                                                    "type": "number_integer", "value": str(i)}]})
                spent.append((time.monotonic(), client.stats["points"], client.bucket.waited))
                i += 1
        await asyncio.gather(*(worker(n) for n in range(workers)))
        stats = client.stats
    spent.sort()
    maximum, rate = 2000.0, 100.0
    # Measure from the first answer after the client first had to wait: the initial full
    # bucket (and what flowed in meanwhile) was spent by then.
    t0, p0 = next(((at, total) for at, total, waited in spent if waited > 0), (None, None))
    assert t0 is not None and p0 is not None, "the run was too short to spend the initial bucket"
    t1, p1, _ = spent[-1]
    achieved = (p1 - p0) / (t1 - t0)
    print(f"requests: {stats['requests']}, retries: {stats['retries']}, THROTTLED seen by the client: "
          f"{stats['throttled']}, THROTTLED answered by the shop: {shop.api.throttled_count}")
    print(f"measured over {t1 - t0:.1f} s, from when the initial {maximum:.0f}-point bucket was spent")
    print(f"points/s: {achieved:.1f} of {rate:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    with EmbeddedShop(ShopConfig(plan="standard")) as shop:
        asyncio.run(drive(shop, args.seconds, args.workers))


if __name__ == "__main__":
    main()
