"""Every CLI step at every size: status, preflight, drift, review, finalize, report, apply, release on
sessions of 50, 150, 500, 1,500 and 10,000 variants, standard plan, a full bucket before each step,
each step its own `inventra` process (as a script runs them).

    .venv/bin/python benchmarks/every_size.py [--sizes 50,150,500,1500,10000]

Goals (issue 16, goal 5): each step <= 10 s up to 1,500 variants, and no size slower than a larger
one (beyond 1 s of noise). The session is snapshotted and counted straight into the simulator's
state (set-up, not measured): every variant counted, a tenth with a variance, all done. The shop
runs in a child process (shops.py) with the simulator's bulk rates.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SESSION = "SIZE"
STEPS: list[tuple[str, list[str]]] = [
    ("status", ["status", SESSION]),
    ("preflight", ["preflight", SESSION]),
    ("drift", ["drift", SESSION]),
    ("review", ["review", SESSION]),
    ("finalize", ["finalize", SESSION]),
    ("report", ["report", SESSION, "--format", "csv", "-o", "{out}/report.csv"]),
    ("apply", ["apply", SESSION, "--keep", "difference", "--yes", "--fix"]),  # the catalog has untracked items
    ("release", ["release", SESSION, "--yes"]),
]
LIMIT = 10.0
NOISE = 1.0  # seconds: a smaller size may be this much slower than a larger one before it counts


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


def one_size(variants: int) -> tuple[int, dict[str, float]]:
    """The seconds of each step on a session of about `variants` variants."""
    from shops import ShopProcess

    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp, ShopProcess(products=max(1, round(variants / 3))) as shop:
        folder = Path(tmp)
        asyncio.run(_install(shop.url, shop.token, folder / "office"))
        shop.call("session", name=SESSION)
        shop.call("count_all", name=SESSION)
        env = {**os.environ, "INVENTRA_TOKEN": shop.token,
               "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
        command = [str(Path(sys.executable).with_name("inventra")), "--shop", shop.url, "--data-dir",
                   str(folder / "manager"), "--device-name", "manager"]
        for name, args in STEPS:
            shop.call("full_bucket")
            argv = command + [a.replace("{out}", tmp) for a in args]
            started = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=1800)
            times[name] = time.perf_counter() - started
            if done.returncode != 0:
                print(f"  {name} at {shop.variants} variants exited {done.returncode}: {done.stderr.strip()[:300]}")
        return shop.variants, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,150,500,1500,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    table: list[tuple[int, dict[str, float]]] = []
    for size in sizes:
        real, times = one_size(size)
        table.append((real, times))
        print(f"{real:>6} variants: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items()), flush=True)
    print()
    print("step        " + "".join(f"{n:>9}" for n, _ in table))
    for name, _ in STEPS:
        print(f"{name:<12}" + "".join(f"{t[name]:>8.1f}s" for _, t in table))
    for line in goal_lines(table):
        print(line)


def goal_lines(table: list[tuple[int, dict[str, float]]]) -> list[str]:
    small = [t for n, t in table if n <= 1600]
    worst = max((v for t in small for v in t.values()), default=0.0)
    inversions = []
    for (n1, t1), (n2, t2) in zip(table, table[1:]):
        for name, _ in STEPS:
            if t1[name] > t2[name] + NOISE:
                inversions.append(f"{name} {n1} > {n2}")
    return [
        f"goal every step up to 1,500 variants: {worst:.1f} s (goal <= {LIMIT:g}) {'held' if worst <= LIMIT else 'short'}",
        f"goal no size slower than a larger one: {len(inversions)} steps (goal <= 0) "
        f"{'held' if not inversions else 'short'}" + (f" ({'; '.join(inversions)})" if inversions else ""),
    ]


if __name__ == "__main__":
    main()
