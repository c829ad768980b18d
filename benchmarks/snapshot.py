"""Snapshot of a large session on the standard plan, real clock, the simulator's bulk rates
(bulk mutations 20 lines/s each, up to 5 at once; bulk queries 1,000 objects/s).

    .venv/bin/python benchmarks/snapshot.py [--products 3334 --variants 3]   # ~10,000 variants

Prints the snapshot time (goal <= 60 s for 10,000 variants) and, for the ratio, the time the
plan that writes one variant per call would take: measured on a sample after the bucket is
spent, then extrapolated to the whole session (goal: >= 10x slower).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from inventra_desktop.shopify.address import ShopAddress
from inventra_desktop.shopify.auth import StaticToken
from inventra_desktop.shopify.client import AdminClient
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.stocktake import codec
from inventra_desktop.gateway.records import set_state, update_sessions
from inventra_desktop.journal.workspace import open_workspace
from inventra_desktop.services.setup import install, snapshot
from inventra_desktop.services.shop import ShopSession
from inventra_desktop.stocktake.models import SESSION_TAG_PREFIX, SessionEvent, SessionRecord, SessionState

SESSION = "BENCH"


def tag_directly(shop: EmbeddedShop) -> list[int]:
    """Tagging is not what we measure here: put the session tag on every product in the state."""
    with shop.state.lock:
        for product in shop.state.products.values():
            product.tags.append(SESSION_TAG_PREFIX + SESSION)
        shop.state.touch()
        return [p.id for p in shop.state.products.values()]


async def run(shop: EmbeddedShop, sample: int) -> None:
    async with ShopSession(AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token)),
                           open_workspace(Path(tempfile.mkdtemp()), "bench")) as session:
        client = session.client
        await install(session)
        ids = tag_directly(shop)
        stamp = "2026-11-23T00:00:00Z"
        await update_sessions(client, lambda rs: rs + [SessionRecord(
            name=SESSION, product_ids=[f"gid://shopify/Product/{i}" for i in ids], created_at=stamp,
            created_by="bench", events=[SessionEvent(what="created", at=stamp, by="bench")])])
        await asyncio.sleep(20)  # let the bucket fill again after install
        started = time.monotonic()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if time.monotonic() - last[0] > 10:
                last[0] = time.monotonic()
                print(f"  … {done}/{total} variants written ({time.monotonic() - started:.0f} s)", flush=True)
        report = await snapshot(session, SESSION, progress=progress)
        took = time.monotonic() - started
        print(f"snapshot: {report.written} variants in {took:.1f} s "
              f"({report.skipped_bundles} bundle parents left out); requests {client.stats['requests']}, "
              f"points {client.stats['points']:.0f}, THROTTLED {client.stats['throttled']}")
        await set_state(client, SESSION, SessionState.OPEN, "bench", "bench")

        # One variant per call, the naive plan: measure its steady rate on a spent bucket.
        variants = sorted(shop.state.variants)[:sample]
        t0 = None
        for n, vid in enumerate(variants):
            gid = f"gid://shopify/ProductVariant/{vid}"
            await client.mutate(codec_document(), {"metafields": [
                codec.metafield_input(gid, codec.Keys.STATUS, "pending"),
                codec.metafield_input(gid, codec.Keys.CURRENT_QTY, "0"),
                codec.metafield_input(gid, codec.Keys.COUNTS, codec.encode_counts(
                    codec.decode_counts('{"session": "BENCH", "snapshot_at": null}')))]})
            if t0 is None and client.bucket.waited > 0:
                t0, n0 = time.monotonic(), n
        assert t0 is not None, "sample too small to spend the bucket"
        per_call = (time.monotonic() - t0) / (sample - 1 - n0)
        naive = report.written * per_call
        print(f"one variant per call: {per_call * 1000:.0f} ms a call once the bucket is spent → "
              f"{naive:.0f} s for {report.written} variants (≥ {naive - 20:.0f} s even with a full bucket first)")
        print(f"ratio: {naive / took:.1f}x faster")


def codec_document() -> str:
    from inventra_desktop.shopify.documents import document
    return document("VariantCountsWrite")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=3334)
    parser.add_argument("--variants", type=int, default=3)
    parser.add_argument("--sample", type=int, default=400)
    args = parser.parse_args()
    config = ShopConfig(plan="standard", synthetic=args.products, synthetic_variants=args.variants)
    with EmbeddedShop(config) as shop:
        print(f"shop: {len(shop.state.products)} products, {len(shop.state.variants)} variants, standard plan")
        asyncio.run(run(shop, args.sample))


if __name__ == "__main__":
    main()
