"""Opening a 10,000-variant session on the standard plan: cold (first time on this device, with a
progress bar's figures) and warm (a device that opened it before: a fresh process that shows the
rows and records a tap), then the warm device's background reconciliation with the shop.

    .venv/bin/python benchmarks/open_session.py [--variants 10000]

Goals (issue 16): warm open <= 2 s for 10,000 variants (<= 3 s for 100,000), from the start of
the process to a tap recorded; cold open <= 15 s for 10,000 variants. Beside them, the baseline of
this machine in the same run: a fresh process that only starts Python and imports the services.
The shop runs in a child process (shops.py) with the simulator's bulk rates (queries 1,000
objects/s each, 5 at once); a cold open is bounded by that rate.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SESSION = "BIG"


def _session(url: str, token: str, folder: Path, device: str):  # type: ignore[no-untyped-def]
    from inventra_desktop.journal.workspace import open_workspace
    from inventra_desktop.services.shop import ShopSession
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.auth import StaticToken
    from inventra_desktop.shopify.client import AdminClient

    return ShopSession(AdminClient(ShopAddress.parse(url), StaticToken(token)), open_workspace(folder, device))


async def cold_open(url: str, token: str, folder: Path) -> dict:
    """First open on a device: the shop read with what the grid needs; progress as it goes."""
    from inventra_desktop.gateway.variants import plan_read
    from inventra_desktop.services.counting_desk import CountingDesk
    from inventra_desktop.stocktake.variant import session_search

    async with _session(url, token, folder, "kiosk-1") as shop:
        plan = await plan_read(shop.client, session_search(SESSION), "grid", 0)
        shop.client.stats["points"] = 0.0
        progress: list[tuple[float, int, int]] = []
        started = time.perf_counter()
        desk = CountingDesk(shop)
        rows = await desk.open(SESSION, progress=lambda d, t: progress.append((time.perf_counter() - started, d, t)))
        took = time.perf_counter() - started
        await desk.close()
        return {"seconds": took, "rows": len(rows), "plan": str(plan), "points": shop.client.stats["points"],
                "bulk_rate": shop.client.learned.get("bulk_objects_per_s"), "progress_updates": len(progress),
                "first_progress_s": progress[0][0] if progress else None}


WARM_CHILD = r"""
import sys, time
started = float(sys.argv[1])
import asyncio, json
from pathlib import Path
sys.path.insert(0, sys.argv[6])
from open_session import _session
SESSION = sys.argv[5]
from inventra_desktop.services.counting_desk import CountingDesk
from inventra_desktop.stocktake.models import OpKind
imported = time.time() - started

async def main():
    async with _session(sys.argv[2], sys.argv[3], Path(sys.argv[4]), "kiosk-1") as shop:
        desk = CountingDesk(shop)
        rows = await desk.open(SESSION)
        shown = time.time() - started
        target = next(r for r in rows if r.takes_part(SESSION))
        await desk.tap(target.id, OpKind.ADD, "showroom", 1)
        tapped = time.time() - started
        before = shop.client.stats["requests"]
        t0 = time.perf_counter()
        desk.start()
        await asyncio.wait_for(desk.reconciled.wait(), 600)
        reconciled = time.perf_counter() - t0
        await desk.close()
        print(json.dumps({"warm": desk.warm, "rows": len(rows), "imported": imported, "shown": shown,
                          "tapped": tapped, "requests_before_tap": before, "reconcile_s": reconciled,
                          "reconcile_points": shop.client.stats["points"]}))
asyncio.run(main())
"""

BASELINE_CHILD = r"""
import sys, time
started = float(sys.argv[1])
import json
from inventra_desktop.services.counting_desk import CountingDesk  # noqa: F401
print(json.dumps({"imported": time.time() - started}))
"""


def warm_open(url: str, token: str, folder: Path, session: str = SESSION) -> dict:
    """A fresh process on a device that opened the session before: start to rows and a tap."""
    here = str(Path(__file__).resolve().parent)
    out = subprocess.run([sys.executable, "-c", WARM_CHILD, repr(time.time()), url, token, str(folder), session, here],
                         capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(f"the warm open failed: {out.stderr.strip()[-800:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def baseline() -> float:
    out = subprocess.run([sys.executable, "-c", BASELINE_CHILD, repr(time.time())], capture_output=True, text=True,
                         check=True, timeout=120)
    return float(json.loads(out.stdout)["imported"])


def cpu_baseline() -> float:
    """Seconds for a fixed piece of pure-Python work: how fast this machine is right now."""
    started = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i % 7
    return time.perf_counter() - started


async def prepare(url: str, token: str, folder: Path) -> None:
    from inventra_desktop.services.setup import install

    async with _session(url, token, folder, "office") as shop:
        await install(shop)


def run(variants: int, warm_goal: float, cold_goal: float | None) -> list[str]:
    """Both opens on a shop of about `variants` variants; returns the goal lines."""
    from shops import ShopProcess

    lines = []
    with tempfile.TemporaryDirectory() as tmp, ShopProcess(products=max(1, variants // 3), plan="standard") as shop:
        folder = Path(tmp)
        asyncio.run(prepare(shop.url, shop.token, folder / "office"))
        shop.call("session", name=SESSION)
        shop.call("full_bucket")
        print(f"shop: {shop.variants} variants, standard plan, bulk queries 1,000 objects/s each (simulator)")
        print(f"baseline: python start + import of the services {baseline():.2f} s; "
              f"fixed CPU work {cpu_baseline():.2f} s")
        cold = asyncio.run(cold_open(shop.url, shop.token, folder / "kiosk"))
        print(f"cold open: {cold['rows']} rows in {cold['seconds']:.1f} s ({cold['plan']}; measured bulk rate "
              f"{(cold['bulk_rate'] or 0):.0f} objects/s; {cold['points']:.0f} API points; "
              f"{cold['progress_updates']} progress updates, the first after {cold['first_progress_s'] or 0:.1f} s)")
        print("  bounded by the simulator's bulk query rate: 1,000 objects/s per operation, up to 4 at once here")
        warm = warm_open(shop.url, shop.token, folder / "kiosk")
        assert warm["warm"] and warm["requests_before_tap"] == 0, warm
        print(f"warm open: imports {warm['imported']:.2f} s, rows shown {warm['shown']:.2f} s, a tap recorded "
              f"{warm['tapped']:.2f} s after the process started, with {warm['requests_before_tap']} requests; "
              f"then reconciled in the background in {warm['reconcile_s']:.1f} s "
              f"({warm['reconcile_points']:.0f} API points)")
        size = f"{round(shop.variants / 1000)}k" if shop.variants >= 1000 else str(shop.variants)
        lines.append(goal_line(f"warm open {size}", warm["tapped"], "s", warm_goal))
        if cold_goal is not None:
            lines.append(goal_line(f"cold open {size}", cold["seconds"], "s", cold_goal))
    return lines


def goal_line(name: str, figure: float, unit: str, limit: float) -> str:
    return f"goal {name}: {figure:.2f} {unit} (goal <= {limit:g}) {'held' if figure <= limit else 'short'}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=10_000)
    args = parser.parse_args()
    warm_goal = 2.0 if args.variants <= 10_000 else 3.0
    cold_goal = 15.0 if args.variants <= 10_000 else None
    for line in run(args.variants, warm_goal, cold_goal):
        print(line)


if __name__ == "__main__":
    main()
