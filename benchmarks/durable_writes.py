"""Mutations per second the demo store answers when every answer waits for its write to be on disk.

Each client sends `inventoryAdjustQuantities` (+1 available, with an idempotency key) over loopback
HTTP, one request after the other, as a counting device does; the shop runs with a state file
(durable: logged and fsynced before the answer) and, for comparison, without one (memory only):

    .venv/bin/python benchmarks/durable_writes.py [--seconds 5] [--clients 1 3 8] [--dir PATH]

Pass --dir to measure the disk the state file will live on (the default is a temporary folder).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

ADJUST = """mutation($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) { userErrors { code } } }"""
TARGETS = """{ productVariants(first: 40, query: "product_status:active requires_components:false") { nodes {
  inventoryItem { id tracked inventoryLevels(first: 1) { nodes { location { id } } } } } } }"""


def _client(shop: EmbeddedShop, target: dict[str, Any], until: float, latencies: list[float]) -> None:
    change = {"name": "available", "reason": "correction", "changes": [{
        "inventoryItemId": target["id"], "locationId": target["inventoryLevels"]["nodes"][0]["location"]["id"],
        "delta": 1, "changeFromQuantity": None}]}
    with httpx.Client(timeout=30) as http:
        while time.monotonic() < until:
            started = time.perf_counter()
            body = http.post(f"{shop.url}/admin/api/2026-04/graphql.json",
                             json={"query": ADJUST, "variables": {"input": change, "key": str(uuid.uuid4())}},
                             headers={"X-Shopify-Access-Token": shop.token}).json()
            assert body["data"]["inventoryAdjustQuantities"]["userErrors"] == [], body
            latencies.append((time.perf_counter() - started) * 1000)


def measure(state_file: Path | None, clients: int, seconds: float) -> tuple[float, list[float], int]:
    """(mutations per second, latencies in ms, fsyncs done)."""
    with EmbeddedShop(ShopConfig(plan="enterprise", state_file=state_file)) as shop:
        items = [n["inventoryItem"] for n in httpx.post(
            f"{shop.url}/admin/api/2026-04/graphql.json", json={"query": TARGETS},
            headers={"X-Shopify-Access-Token": shop.token}).json()["data"]["productVariants"]["nodes"]
            if n["inventoryItem"]["tracked"] and n["inventoryItem"]["inventoryLevels"]["nodes"]]
        latencies: list[float] = []
        fsyncs_before = shop.state.wal.fsyncs if shop.state.wal else 0
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=_client, args=(shop, items[i % len(items)], until, latencies))
                   for i in range(clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        fsyncs = (shop.state.wal.fsyncs - fsyncs_before) if shop.state.wal else 0
    return len(latencies) / elapsed, latencies, fsyncs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 3, 8])
    parser.add_argument("--dir", type=Path, default=None, help="folder for the state file (default: a temp dir)")
    args = parser.parse_args()
    print(f"{'clients':>7} {'state file':>11} {'mutations/s':>12} {'p50 ms':>7} {'p99 ms':>7} {'fsyncs':>7}")
    for clients in args.clients:
        for durable in (True, False):
            with tempfile.TemporaryDirectory(dir=args.dir) as folder:
                rate, latencies, fsyncs = measure(Path(folder) / "shop.json" if durable else None, clients,
                                                  args.seconds)
            cuts = statistics.quantiles(latencies, n=100)
            print(f"{clients:>7} {'yes' if durable else 'no':>11} {rate:>12.0f} {cuts[49]:>7.1f} {cuts[98]:>7.1f} "
                  f"{fsyncs if durable else '-':>7}", flush=True)


if __name__ == "__main__":
    main()
