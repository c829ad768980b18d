"""A session of 100,000 variants on the standard plan: snapshot, warm open, finalize, apply and
release, each step its own process with its peak memory, and the grid's memory at 100,000 rows.

    .venv/bin/python benchmarks/hundred_thousand.py [--variants 100000] [--skip-grid]

Goals (issue 16, goal 3): snapshot <= 10 min; warm open <= 3 s; finalize, apply and release
complete with bounded memory (each step streams: the session's JSON is never held whole twice;
bound used here: a step's peak <= 2,000 MB, printed beside the size of the session's JSON); the grid
<= 700 MB. The shop runs in a child process (shops.py) at the simulator's bulk rates (queries 1,000
objects/s, mutations 20 lines/s, 5 at once), which bound the snapshot, finalize and release.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SESSION = "HUGE"
MEMORY_BOUND_MB = 2000.0
GRID_BOUND_MB = 700.0

STEP = r"""
import json, resource, sys, time
from inventra_desktop.cli import main
started = time.perf_counter()
code = main(sys.argv[1:])
print(json.dumps({"code": code, "seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), file=sys.stderr)
"""


def step(command: list[str], env: dict[str, str]) -> dict:
    """One `inventra` step in its own process: exit code, seconds, peak memory."""
    done = subprocess.run([sys.executable, "-c", STEP, *command], capture_output=True, text=True, env=env,
                          timeout=7200)
    last = done.stderr.strip().splitlines()[-1]
    figures = json.loads(last)
    if figures["code"] != 0:
        figures["error"] = "\n".join(done.stderr.strip().splitlines()[:-1])[-400:]
    return figures


def grid_memory(rows: int) -> float | None:
    """The grid benchmark's RSS after populating `rows` rows (it runs offscreen, its own process)."""
    here = Path(__file__).resolve().parent
    done = subprocess.run([sys.executable, str(here / "grid.py"), "--rows", str(rows)], capture_output=True,
                          text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=1800)
    found = re.search(r"RSS after populating\s+(\d+) MB", done.stdout)
    return float(found.group(1)) if found else None


async def _install(url: str, token: str, folder: Path) -> None:
    from inventra_desktop.journal.workspace import open_workspace
    from inventra_desktop.services.setup import install
    from inventra_desktop.services.shop import ShopSession
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.auth import StaticToken
    from inventra_desktop.shopify.client import AdminClient

    async with ShopSession(AdminClient(ShopAddress.parse(url), StaticToken(token)),
                           open_workspace(folder, "office")) as shop:
        await install(shop)


def run(variants: int, grid: bool = True) -> list[str]:
    from open_session import goal_line, warm_open
    from shops import ShopProcess

    lines: list[str] = []
    size = f"{round(variants / 1000)}k"
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, ShopProcess(products=max(1, round(variants / 3))) as shop:
        folder = Path(tmp)
        print(f"shop: {shop.variants} variants, standard plan (started in {time.perf_counter() - started:.0f} s)",
              flush=True)
        asyncio.run(_install(shop.url, shop.token, folder / "office"))
        shop.call("session", name=SESSION, snapshot=False)  # tagged and recorded; the snapshot is measured
        env = {**os.environ, "INVENTRA_TOKEN": shop.token, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
        cli = ["--shop", shop.url, "--data-dir", str(folder / "manager"), "--device-name", "manager"]
        results: dict[str, dict] = {}
        shop.call("full_bucket")
        results["snapshot"] = step(cli + ["snapshot", SESSION], env)
        print(f"snapshot: {results['snapshot']}", flush=True)
        # A kiosk opens the session once (cold), then starts again: the warm open.
        results["status"] = step(cli[:3] + [str(folder / "kiosk"), "--device-name", "kiosk-1", "status", SESSION],
                                 env)  # leaves the kiosk its copy of the session
        warm = warm_open(shop.url, shop.token, folder / "kiosk", SESSION)
        print(f"warm open: {warm}", flush=True)
        shop.call("count_all", name=SESSION)
        for name, args in (("finalize", ["finalize", SESSION]), ("apply", ["apply", SESSION, "--yes", "--fix"]),
                           ("release", ["release", SESSION, "--yes"])):
            shop.call("full_bucket")
            results[name] = step(cli + args, env)
            print(f"{name}: {results[name]}", flush=True)
    json_mb = shop.variants * 1.1 / 1024  # a variant's JSON in a full read is about 1.1 KB
    print(f"the session's JSON (a full read): about {json_mb:.0f} MB")
    snap = results["snapshot"]
    lines.append(goal_line(f"snapshot {size}", snap["seconds"] / 60, "min", 10.0)
                 + ("" if snap["code"] == 0 else f" (exit {snap['code']}: {snap.get('error', '')})"))
    lines.append(goal_line(f"warm open {size}", warm["tapped"], "s", 3.0))
    for name in ("finalize", "apply", "release"):
        r = results[name]
        ok = r["code"] == 0
        lines.append(f"goal {name} {size} completes in bounded memory: {r['peak_mb']:.0f} MB peak in "
                     f"{r['seconds'] / 60:.1f} min (goal <= {MEMORY_BOUND_MB:g}) "
                     f"{'held' if ok and r['peak_mb'] <= MEMORY_BOUND_MB else 'short'}"
                     + ("" if ok else f" (exit {r['code']}: {r.get('error', '')})"))
    if grid:
        mb = grid_memory(variants)
        lines.append(goal_line(f"grid {size} memory", mb if mb is not None else float("inf"), "MB", GRID_BOUND_MB))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=100_000)
    parser.add_argument("--skip-grid", action="store_true")
    args = parser.parse_args()
    for line in run(args.variants, grid=not args.skip_grid):
        print(line)


if __name__ == "__main__":
    main()
