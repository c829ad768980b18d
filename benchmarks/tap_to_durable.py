"""How long a tap waits until its operation is committed to the journal (DESIGN.md section 5).

Records operations one by one through `Journal.record` (WAL, synchronous=FULL: one fsync per
commit) in a temporary data dir and prints the latency of each call:

    .venv/bin/python benchmarks/tap_to_durable.py [--ops 2000] [--dir PATH]

Goal: p99 <= 20 ms. Pass --dir to measure the disk the real data dir lives on.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from inventra_desktop.journal.store import Journal
from inventra_desktop.stocktake.models import OpKind

KINDS = (OpKind.ADD, OpKind.ADD, OpKind.ADD, OpKind.SET, OpKind.COUNTED)


def measure(data_dir: Path, ops: int) -> list[float]:
    """Milliseconds each `record` call took, in order."""
    timings: list[float] = []
    with Journal(data_dir, uuid.uuid4().hex) as journal:
        for i in range(ops):
            start = time.perf_counter()
            journal.record(
                session="BENCH", snapshot_at="2026-11-23T10:00:00Z",
                variant=f"gid://shopify/ProductVariant/{i % 300 + 1}", kind=KINDS[i % len(KINDS)],
                area="showroom", value=1, sku=f"SKU-{i % 300 + 1}",
            )
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=2000)
    parser.add_argument("--dir", type=Path, help="a directory on the disk to measure (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        timings = measure(Path(tmp), args.ops)
    print(f"tap to durable: p50 {percentile(timings, 50):.2f} ms, p99 {percentile(timings, 99):.2f} ms"
          f" ({len(timings)} ops)")


if __name__ == "__main__":
    main()
