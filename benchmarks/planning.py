"""Cycle-count planning over a large shop (issue 15): 100,000 variants and 1,000,000 order lines,
served by the simulator in a process of its own, so that the peak RSS printed is the planner's.

    .venv/bin/python benchmarks/planning.py [--products 33600 --lines 1000000 --histories 0.3]

The shop: synthetic products of three variants each (~100,000 variants over two locations), a
seeded sales history of `--lines` order lines over the last `--days` (all inside the 90-day sales
window, so the planner reads every one of them), and a count history of three past
counts on a share of the variants (`--histories`). The planner reads every variant and the
90 days of orders with two streamed bulk queries at once, then plans (ABC, due list, a plan of
`--budget` variants) and works out the accuracy figures.

The bulk reads are reported apart: their time is the simulator's reading speed (it executes the
queries with graphql-core), and Shopify publishes no bulk throughput figure. The simulator's
bounded bulk rate (1,000 objects/s by default) is raised to `--bulk-rate` here, or the reads
alone would take half an hour. Goals: planning <= 60 s after the bulk reads, peak RSS <= 500 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

GOAL_SECONDS = 60.0
GOAL_MB = 500.0


def serve(args: dict[str, Any], ready: Any, stop: Any) -> None:
    """The simulator's process: build the shop, give back its address, serve until told to stop."""
    from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

    started = time.monotonic()
    config = ShopConfig(plan="plus", synthetic=args["products"], order_lines=args["lines"], seed=7,
                        orders_days=args["days"], bulk_query_rate=args["bulk_rate"])
    shop = EmbeddedShop(config)
    state = shop.state
    rng = random.Random(7)
    today = datetime.now(timezone.utc).replace(hour=10, minute=0, second=0, microsecond=0)
    sessions = [("PAST1", 300), ("PAST2", 170), ("PAST3", 45)]  # three past counts of parts of the shop
    with state.lock:  # past counts, as finalize leaves them, on a share of the variants
        for variant in state.variants.values():
            if rng.random() >= args["histories"]:
                continue
            entries = []
            for name, days in sorted(rng.sample(sessions, rng.randint(1, 3)), key=lambda s: -s[1]):
                snapshot = today - timedelta(days=days)
                counted = snapshot + timedelta(seconds=rng.randint(60, 8 * 3600))  # a day's counting
                baseline = rng.randint(0, 40)
                entries.append({"session": name, "snapshot_at": snapshot.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "at": (snapshot + timedelta(hours=9)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "baseline": baseline, "counted": max(0, baseline + rng.choice((0, 0, 0, -1, -2, 1))),
                                "by": [f"kiosk-{rng.randint(1, 3)}"], "areas": {"showroom": baseline},
                                "counted_at": counted.strftime("%Y-%m-%dT%H:%M:%SZ")})
            state.put_metafield(f"gid://shopify/ProductVariant/{variant.id}", "inventra", "history", "json",
                                json.dumps(entries))
        state.discard_changes()
    shop.start()
    ready.put({"url": shop.url, "token": shop.token, "variants": len(state.variants), "orders": len(state.orders),
               "lines": sum(len(o.line_items) for o in state.orders.values()), "seconds": time.monotonic() - started})
    stop.wait()
    shop.stop()


def peak_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux


async def plan(url: str, token: str, budget: int) -> None:
    from inventra_desktop.journal.workspace import open_workspace
    from inventra_desktop.services import planning, setup
    from inventra_desktop.services.shop import ShopSession
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.auth import StaticToken
    from inventra_desktop.shopify.client import AdminClient

    async with ShopSession(AdminClient(ShopAddress.parse(url), StaticToken(token)),
                           open_workspace(Path(tempfile.mkdtemp()), "bench")) as shop:
        await setup.install(shop)
        seen: dict[str, int] = {}
        last = [time.monotonic()]

        def progress(phase: str, n: int) -> None:
            seen[phase] = n
            if time.monotonic() - last[0] > 15:
                last[0] = time.monotonic()
                print("  … read " + ", ".join(f"{k} {v:,} objects" for k, v in seen.items()), flush=True)
        rss_before = peak_mb()
        facts = await planning.read_facts(shop, progress=progress)
        rss_read = peak_mb()
        sales = facts.sales
        assert sales is not None and sales.bulk, "the orders must be read by a bulk query here"
        print(f"bulk reads (at once): {facts.read_seconds:.1f} s in all; variants {len(facts.variants):,}; orders "
              f"{facts.orders_seconds:.1f} s for {sales.orders:,} orders, {sales.lines:,} order lines in "
              f"{facts.window_days} days ({len(sales.sold):,} variants sold)")
        started = time.monotonic()
        result = await asyncio.to_thread(planning.make_plan, facts, budget_variants=budget)
        planned = time.monotonic() - started
        accuracy_started = time.monotonic()
        report = await asyncio.to_thread(planning.accuracy_of, facts)
        accuracy_took = time.monotonic() - accuracy_started
        after_read = planned + accuracy_took
        print(f"plan: {planned:.2f} s — {result.considered:,} variants classed "
              + ", ".join(f"{c.cls} {c.variants:,}" for c in result.classes)
              + f"; {len(result.due):,} due; the plan: {len(result.plan.products)} products, {result.plan.variants} "
              f"variants, {result.plan.minutes:.0f} min at {result.plan.seconds_per_variant:.0f} s a variant")
        print(f"accuracy: {accuracy_took:.2f} s — {len(report.sessions)} sessions, {report.lines:,} counted lines, "
              f"{len(report.offenders):,} repeat offenders")
        peak = peak_mb()
        print(f"peak RSS of the planner: {peak:.0f} MB (before reading {rss_before:.0f} MB, after reading "
              f"{rss_read:.0f} MB)")
        print(f"goal planning_after_bulk_read: {after_read:.1f} s (goal <= {GOAL_SECONDS:.0f}) "
              f"{'held' if after_read <= GOAL_SECONDS else 'short'}")
        print(f"goal peak_rss: {peak:.0f} MB (goal <= {GOAL_MB:.0f}) {'held' if peak <= GOAL_MB else 'short'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=33600, help="synthetic products (3 variants each)")
    parser.add_argument("--lines", type=int, default=1_000_000, help="order lines of the sales history")
    parser.add_argument("--days", type=int, default=85, help="days the order lines span (inside the 90-day window)")
    parser.add_argument("--histories", type=float, default=0.3, help="share of variants with past counts")
    parser.add_argument("--bulk-rate", type=float, default=200_000.0, help="the simulator's bulk objects/s")
    parser.add_argument("--budget", type=int, default=200, help="variants in the plan")
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Queue(), context.Event()
    server = context.Process(target=serve, args=(vars(args), ready, stop), daemon=True)
    server.start()
    try:
        shop = ready.get(timeout=900)
        print(f"shop (its own process, built in {shop['seconds']:.0f} s): {shop['variants']:,} variants, "
              f"{shop['orders']:,} orders, {shop['lines']:,} order lines over {args.days} days; bulk rate "
              f"{args.bulk_rate:,.0f} objects/s", flush=True)
        asyncio.run(plan(shop["url"], shop["token"], args.budget))
    finally:
        stop.set()
        server.join(timeout=60)
        if server.is_alive():
            server.kill()


if __name__ == "__main__":
    main()
