"""Where the seconds of apply and release go at one size: the session set up as every_size.py
does (counted straight into the shop, finalized by the CLI), then apply and release run in this
process with timers on the gateway calls, the client's request counts and points per operation.

    .venv/bin/python benchmarks/close_profile.py [--variants 1500] [--steps apply,release]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SESSION = "SIZE"
TIMES: dict[str, list[float]] = {}
T0 = [0.0]
TRACE: list[str] = []


def wrap(module: object, name: str, label: str | None = None) -> None:
    fn = getattr(module, name)
    label = label or f"{getattr(module, '__name__', '?').rsplit('.', 1)[-1]}.{name}"

    @functools.wraps(fn)
    async def timed(*a, **kw):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return await fn(*a, **kw)
        finally:
            end = time.perf_counter()
            TIMES.setdefault(label, []).append(end - start)
            TRACE.append(f"{start - T0[0]:6.2f}-{end - T0[0]:6.2f} {label}")
    setattr(module, name, timed)


def instrument() -> None:
    from inventra_desktop.shopify.client import AdminClient
    mutate = AdminClient.mutate

    async def timed_mutate(self, document, variables, **kw):  # type: ignore[no-untyped-def]
        name = document.split("(")[0].split("{")[0].split()[-1]
        start = time.perf_counter()
        try:
            return await mutate(self, document, variables, **kw)
        finally:
            TIMES.setdefault(f"mutation {name}", []).append(time.perf_counter() - start)
            TRACE.append(f"{start - T0[0]:6.2f}-{time.perf_counter() - T0[0]:6.2f} mutation {name} "
                         f"(bucket {self.bucket.fill * self.bucket.maximum:.0f})")
    AdminClient.mutate = timed_mutate  # type: ignore[method-assign]
    from inventra_desktop.gateway import batch, inventory, products, records, variant_state, variants
    from inventra_desktop.services import applying, closing, count_history
    for mod, names in [(applying, ["get_session", "load_records", "load_session_variants", "update_variants",
                                   "set_state", "_send"]),
                       (closing, ["get_session", "load_session_variants", "update_variants", "remove_tags",
                                  "set_state"]),
                       (count_history, ["note_applied", "load_session_variants", "session_histories",
                                        "histories_by_ids", "update_histories", "_stored"]),
                       (variant_state, ["read_known", "run_many"]),
                       (batch, ["bulk_mutation"]),
                       (inventory, ["adjust_available", "set_on_hand", "track", "activate"])]:
        for n in names:
            if hasattr(mod, n):
                wrap(mod, n, f"{mod.__name__.rsplit('.', 1)[-1]}.{n}")


async def run_step(url: str, token: str, folder: Path, step: str) -> None:
    from inventra_desktop.journal.workspace import open_workspace
    from inventra_desktop.services import closing
    from inventra_desktop.services.shop import ShopSession
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.auth import StaticToken
    from inventra_desktop.shopify.client import AdminClient

    async with ShopSession(AdminClient(ShopAddress.parse(url), StaticToken(token)),
                           open_workspace(folder, "manager")) as shop:
        TIMES.clear()
        TRACE.clear()
        T0[0] = time.perf_counter()
        if step == "apply":
            plan = await closing.plan_apply(shop, SESSION, "difference")
            t = time.perf_counter()
            await closing.fix_items(shop, plan)
            TIMES.setdefault("fix_items", []).append(time.perf_counter() - t)
            t = time.perf_counter()
            result = await closing.apply(shop, plan)
            TIMES.setdefault("apply()", []).append(time.perf_counter() - t)
            print(f"  applied {len(result.applied)} lines, writable {len(plan.writable)}, blocked {len(plan.blocked)}")
        else:
            report = await closing.release(shop, SESSION)
            print(f"  released {report.variants_reset} variants, {report.products_untagged} products")
        total = time.perf_counter() - T0[0]
        c = shop.client
        print(f"  {step} in process: {total:.2f} s; stats {c.stats}")
        for k, v in sorted(TIMES.items(), key=lambda kv: -sum(kv[1])):
            print(f"    {k:<40} {len(v):>4} calls {sum(v):7.2f} s")
        for k, v in sorted(c.points_by_operation.items(), key=lambda kv: -kv[1]):
            print(f"    points {k:<33} {v:8.0f}")
        if os.environ.get("TRACE"):
            print("\n".join(TRACE))


def main() -> None:
    from shops import ShopProcess
    from every_size import _install

    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=1500)
    parser.add_argument("--steps", default="apply,release")
    args = parser.parse_args()
    instrument()
    if os.environ.get("WRITE_CONCURRENCY"):  # experiments: metafield writes in flight at once
        from inventra_desktop.gateway import variant_state
        variant_state.WRITE_CONCURRENCY = int(os.environ["WRITE_CONCURRENCY"])
    if os.environ.get("BULK_CHUNK"):  # experiments: objects a part of a bulk read
        from inventra_desktop.gateway import variants
        variants.BULK_CHUNK = int(os.environ["BULK_CHUNK"])
    with tempfile.TemporaryDirectory() as tmp, ShopProcess(products=max(1, round(args.variants / 3))) as shop:
        folder = Path(tmp)
        asyncio.run(_install(shop.url, shop.token, folder / "office"))
        shop.call("session", name=SESSION)
        shop.call("count_all", name=SESSION)
        env = {**os.environ, "INVENTRA_TOKEN": shop.token, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
        command = [str(Path(sys.executable).with_name("inventra")), "--shop", shop.url, "--data-dir",
                   str(folder / "manager"), "--device-name", "manager"]
        shop.call("full_bucket")
        subprocess.run(command + ["finalize", SESSION], check=True, capture_output=True, env=env)
        steps = args.steps.split(",")
        if "apply" not in steps:
            shop.call("full_bucket")
            subprocess.run(command + ["apply", SESSION, "--keep", "difference", "--yes", "--fix"],
                           capture_output=True, env=env)
        for step in steps:
            shop.call("full_bucket")
            print(f"{step} at {shop.variants} variants (load {os.getloadavg()[0]:.2f})")
            asyncio.run(run_step(shop.url, shop.token, folder / "manager", step))


if __name__ == "__main__":
    main()
