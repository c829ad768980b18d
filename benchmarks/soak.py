"""Soak: crash, fault and load trials in one go, counted as lost / doubled / misleading exits.

    .venv/bin/python benchmarks/soak.py [--kills 20] [--sync-kills 8] [--fault-taps 30] [--load-taps 60]
                                        [--devices 5] [--seed 14] [--only NAME ...]

Every trial runs the `inventra` command as a script would and reads the result back from the
shop's own state (the embedded simulator), never from the command's words:

- count kills: a device counting (`count --add 1 --key K`, one process per run of commands) is
  SIGKILLed at random moments; then `sync`. Lost: a tap acknowledged (exit 0 or 3) that the shop
  does not hold once everything is delivered; doubled: the shop holds more than was recorded.
- sync kills: taps recorded with --no-wait, `sync` SIGKILLed mid-delivery again and again.
- faults 20 % / 55 %: requests fail (502, 503, dropped before or after being processed); the
  script repeats with its key whatever exited 1 or 3, as the codes allow. Misleading: an exit
  that says something the journal contradicts (0 not delivered, 1 recorded, 3 not recorded).
- load: several devices count one session at once.
- apply kills: `apply` killed right after its first inventory call lands, run again with --fix
  (keep the difference) and, keeping the counted quantity, after a sale. Doubled: a line written
  twice; lost: a line never written; misleading: exit 0 with lines unwritten.
- identity: the journal deleted, the data folder restored from a backup, two kiosks imaged from
  one folder. Lost: taps the shop does not hold.

Goal: 0 / 0 / 0. Prints one line per trial and the totals (issue 14).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import httpx

from inventra_desktop.cli import main as inventra
from inventra_desktop.journal.store import Journal
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

HERE = Path(__file__).resolve()
AREAS = ["showroom", "warehouse", "garage"]


@dataclass
class Outcome:
    name: str
    ops: int = 0
    lost: int = 0
    doubled: int = 0
    misleading: int = 0
    seconds: float = 0.0
    note: str = ""


# ---- plumbing -------------------------------------------------------------------------------

def run(shop: EmbeddedShop, folder: Path, *args: str, device: str = "soak") -> int:
    """`inventra` in this process (quiet), as a script runs it."""
    devnull = open(os.devnull, "w")
    out, err = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = devnull
    try:
        return inventra(["--shop", shop.url, "--data-dir", str(folder), "--device-name", device, *args])
    finally:
        sys.stdout, sys.stderr = out, err
        devnull.close()


def spawn(shop: EmbeddedShop, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, "INVENTRA_TOKEN": shop.token})


def faults(shop: EmbeddedShop, **plan: object) -> None:
    httpx.post(f"{shop.url}/_simulator/faults", json=plan, headers=shop.admin_headers).raise_for_status()


def device_id(folder: Path) -> str:
    return json.loads((folder / "device.json").read_text())["device_id"]


def journal(folder: Path) -> list[tuple[object, str]]:
    if not (folder / "journal.sqlite3").exists():
        return []
    with Journal(folder / "journal.sqlite3", device_id(folder)) as j:
        return [(op, state) for op, state, _ in j.operations()]


def key_state(folder: Path, key: str) -> str | None:
    """What the device's journal holds for a script's key: None (nothing recorded) or the states."""
    if not (folder / "journal.sqlite3").exists():
        return None
    with Journal(folder / "journal.sqlite3", device_id(folder)) as j:
        found = j.by_caller_key(key)
    return None if found is None else ",".join(sorted(set(found.states)))


def misleading(code: int, state: str | None, *, no_wait: bool = False) -> bool:
    """Whether an exit says something the journal contradicts (README: exit codes). `state`: what
    the journal holds for the command's key just after it ended (None: nothing recorded)."""
    if code == 0:
        return state is None if no_wait else state != "delivered"
    if code == 1:
        return state is not None
    if code == 3:
        return state is None or ("waiting" not in state and state != "delivered")
    if code == 4:
        return state is None or "rejected" not in state
    return True  # 2 (a usage error) never happens in these scripts


def shop_counts(shop: EmbeddedShop, variants: list[str]) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for v in variants:
        mf = shop.state.metafield(v, "inventra", "counts")
        for area, entry in (json.loads(mf.value)["areas"] if mf else {}).items():
            out[(v, area)] += entry["qty"]
    return out


def recorded(folders: list[Path]) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for folder in folders:
        for op, state in journal(folder):
            if state == "delivered":
                out[(op.variant, op.area or "")] += op.value or 0  # type: ignore[attr-defined]
    return out


def compare(expected: Counter[tuple[str, str]], held: Counter[tuple[str, str]]) -> tuple[int, int]:
    lost = sum(max(0, n - held.get(k, 0)) for k, n in expected.items())
    doubled = sum(max(0, n - expected.get(k, 0)) for k, n in held.items())
    return lost, doubled


def prepare(shop: EmbeddedShop, folder: Path, name: str, query: str = "vendor:'Northbound Gear'") -> list[str]:
    assert run(shop, folder, "install") == 0
    assert run(shop, folder, "session", "create", name, "--query", query) == 0
    assert run(shop, folder, "snapshot", name) == 0
    tag = f"Inventra-session-{name}"
    return [f"gid://shopify/ProductVariant/{v.id}" for v in shop.state.variants.values()
            if tag in shop.state.products[v.product_id].tags and not v.components]


def settle(shop: EmbeddedShop, folders: list[Path]) -> None:
    for folder in folders:
        for _ in range(5):
            if run(shop, folder, "sync") == 0:
                break


# ---- the worker: a counting device in its own process ----------------------------------------

def worker(argv: list[str]) -> None:
    shop_url, folder, device, session, plan_file = argv
    plan = json.loads(Path(plan_file).read_text())
    for index, (variant, area, delta, key) in enumerate(plan):
        code = inventra(["--shop", shop_url, "--data-dir", folder, "--device-name", device, "count", session,
                         "--variant", variant, "--area", area, "--add", str(delta), "--key", key])
        print(f"RES {index} {code} {key_state(Path(folder), key)}", flush=True)


def plan_file(folder: Path, plan: list[list[object]]) -> str:
    path = folder / f"plan-{time.monotonic_ns()}.json"
    path.write_text(json.dumps(plan))
    return str(path)


def results(out: str) -> list[tuple[int, int, str | None]]:
    rows = []
    for line in out.splitlines():
        if line.startswith("RES "):
            _, index, code, state = line.split(" ", 3)
            rows.append((int(index), int(code), None if state == "None" else state))
    return rows


# ---- trials ---------------------------------------------------------------------------------------

def count_kills(shop: EmbeddedShop, tmp: Path, rng: random.Random, kills: int) -> Outcome:
    out = Outcome(f"count kills ({kills})")
    variants = prepare(shop, tmp / "admin", "KILLS")[:6]
    kiosk = tmp / "kiosk"
    acked: list[str] = []
    codes: Counter[int] = Counter()
    for trial in range(kills):
        plan = [[rng.choice(variants), rng.choice(AREAS), 1, f"k{trial}-{i}"] for i in range(25)]
        proc = spawn(shop, str(HERE), "--worker", shop.url, str(kiosk), "kiosk", "KILLS", plan_file(tmp, plan))
        time.sleep(rng.uniform(0.8, 3.0))
        proc.send_signal(signal.SIGKILL)
        stdout, _ = proc.communicate(timeout=60)
        for _, code, state in results(stdout):
            out.misleading += misleading(code, state)
            codes[code] += 1
        acked += [plan[i][3] for i, code, _ in results(stdout) if code in (0, 3)]  # type: ignore[misc]
    settle(shop, [kiosk])
    keys = {op.op_id: op for op, _ in journal(kiosk)}  # type: ignore[attr-defined]
    out.ops = len(keys)
    out.lost = sum(1 for key in acked if key_state(kiosk, key) != "delivered")
    lost, out.doubled = compare(recorded([kiosk]), shop_counts(shop, variants))
    out.lost += lost
    out.note = f"{len(acked)} acknowledged before a kill; exits " + ", ".join(f"{c}: {n}" for c, n in sorted(codes.items()))
    return out


def sync_kills(shop: EmbeddedShop, tmp: Path, rng: random.Random, kills: int) -> Outcome:
    out = Outcome(f"sync kills ({kills})")
    variants = prepare(shop, tmp / "admin", "SYNCK")[:8]
    kiosk = tmp / "kiosk-sync"
    expected: Counter[tuple[str, str]] = Counter()
    faults(shop, rates={"slow": 0.5}, slow_seconds=0.2, seed=rng.randint(0, 99))
    for trial in range(kills):
        for i in range(15):
            v, area = rng.choice(variants), rng.choice(AREAS)
            code = run(shop, kiosk, "count", "SYNCK", "--variant", v, "--area", area, "--add", "1", "--no-wait",
                       "--key", f"s{trial}-{i}")
            out.misleading += misleading(code, key_state(kiosk, f"s{trial}-{i}"), no_wait=True)
            if code == 0:
                expected[(v, area)] += 1
        proc = spawn(shop, "-m", "inventra_desktop.cli", "--shop", shop.url, "--data-dir", str(kiosk), "sync")
        time.sleep(rng.uniform(0.6, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
    faults(shop)
    settle(shop, [kiosk])
    out.ops = sum(expected.values())
    out.lost, out.doubled = compare(expected, shop_counts(shop, variants))
    return out


def fault_trial(shop: EmbeddedShop, tmp: Path, rng: random.Random, rate: float, taps: int) -> Outcome:
    out = Outcome(f"faults {rate:.0%} ({taps} taps)")
    name = f"F{int(rate * 100)}"
    variants = prepare(shop, tmp / "admin", name)[:6]
    kiosk = tmp / f"kiosk-{name}"
    each = rate / 4
    faults(shop, rates={"http_502": each, "http_503": each, "drop": each, "drop_after": each},
           seed=rng.randint(0, 99))
    expected: Counter[tuple[str, str]] = Counter()
    codes: Counter[int] = Counter()
    for n in range(taps):
        v, area, delta = rng.choice(variants), rng.choice(AREAS), rng.randint(1, 3)
        for _ in range(15):  # a script that repeats, with its key, whatever the code allows
            code = run(shop, kiosk, "count", name, "--variant", v, "--area", area, "--add", str(delta),
                       "--key", f"{name}-{n}")
            codes[code] += 1
            out.misleading += misleading(code, key_state(kiosk, f"{name}-{n}"))
            if code in (0, 4):
                break
        if key_state(kiosk, f"{name}-{n}") is not None:
            expected[(v, area)] += delta
        else:
            out.note = "a tap never got through; "
    out.note += "exits " + ", ".join(f"{code}: {n}" for code, n in sorted(codes.items()))
    faults(shop)
    settle(shop, [kiosk])
    out.ops = taps
    out.lost, out.doubled = compare(expected, shop_counts(shop, variants))
    return out


def load_trial(shop: EmbeddedShop, tmp: Path, rng: random.Random, devices: int, taps: int) -> Outcome:
    out = Outcome(f"load {devices} devices x {taps} taps")
    variants = prepare(shop, tmp / "admin", "LOAD")[:10]
    plans = {f"kiosk-{n}": [[rng.choice(variants), rng.choice(AREAS), 1, f"l{n}-{i}"] for i in range(taps)]
             for n in range(devices)}
    procs = {d: spawn(shop, str(HERE), "--worker", shop.url, str(tmp / d), d, "LOAD", plan_file(tmp, plan))
             for d, plan in plans.items()}
    expected: Counter[tuple[str, str]] = Counter()
    for d, proc in procs.items():
        stdout, _ = proc.communicate(timeout=3600)
        for index, code, state in results(stdout):
            out.misleading += misleading(code, state)
            if state is not None:
                variant, area = plans[d][index][0], plans[d][index][1]
                expected[(variant, area)] += 1  # type: ignore[index]
    settle(shop, [tmp / d for d in plans])
    out.ops = devices * taps
    out.lost, out.doubled = compare(expected, shop_counts(shop, variants))
    out.lost += out.ops - sum(expected.values())
    return out


def apply_writes(shop: EmbeddedShop, session: str) -> Counter[tuple[int, int]]:
    seen: Counter[tuple[int, int]] = Counter()
    for group in httpx.get(f"{shop.url}/_simulator/adjustments", headers=shop.admin_headers).json():
        if group["reference_document_uri"] == f"gid://inventra/StockTake/{session}":
            for change in group["changes"]:
                if change["name"] == "on_hand":
                    seen[(change["item_id"], change["location_id"])] += 1
    return seen


def kill_first_call(shop: EmbeddedShop, folder: Path, session: str, *args: str) -> None:
    faults(shop, rates={"slow": 1.0}, slow_seconds=0.4)
    proc = spawn(shop, "-m", "inventra_desktop.cli", "--shop", shop.url, "--data-dir", str(folder),
                 "apply", session, "--yes", *args)
    deadline = time.monotonic() + 60
    while not apply_writes(shop, session) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    faults(shop)


def apply_trial(shop: EmbeddedShop, tmp: Path, rng: random.Random) -> Outcome:
    out = Outcome("apply kills (--fix; keep counted + sale)")
    start = time.monotonic()
    folder = tmp / "manager"
    variants = prepare(shop, folder, "APPLY", "vendor:'Fjellkraft'")
    untracked = next(v for v in shop.state.variants.values()
                     if f"gid://shopify/ProductVariant/{v.id}" in variants)
    shop.state.items[untracked.inventory_item_id].tracked = False  # a line only --fix can write
    picked = rng.sample(variants, 8)
    for v in picked:
        run(shop, folder, "count", "APPLY", "--variant", v, "--area", "showroom", "--set", str(rng.randint(0, 40)),
            "--done")
    run(shop, folder, "finalize", "APPLY", "--uncounted", "zero")
    kill_first_call(shop, folder, "APPLY", "--keep", "difference")
    code = run(shop, folder, "apply", "APPLY", "--keep", "difference", "--yes", "--fix")
    writes = apply_writes(shop, "APPLY")
    plan_lines = len(writes)
    out.doubled += sum(n - 1 for n in writes.values() if n > 1)
    out.misleading += code not in (0,)  # everything could be written after --fix
    # keep counted: killed after it landed, one unit sold, applied again: the sale stays
    shop2 = tmp / "manager2"
    variants2 = prepare(shop, shop2, "SETK", "title:'Trail Running Cap'")
    v = variants2[0]
    run(shop, shop2, "count", "SETK", "--variant", v, "--area", "showroom", "--set", "40", "--done")
    run(shop, shop2, "finalize", "SETK", "--uncounted", "zero")
    kill_first_call(shop, shop2, "SETK", "--keep", "counted")
    variant = shop.state.variants[int(v.rsplit("/", 1)[1])]
    level = shop.state.level(variant.inventory_item_id, min(shop.state.locations))
    with shop.state.lock:
        level.quantities["available"] -= 1
    code = run(shop, shop2, "apply", "SETK", "--keep", "counted", "--yes")
    out.misleading += code != 0
    out.lost += int(level.quantity("on_hand") != 39)  # the sale erased would be a count written twice
    out.doubled += sum(n - 1 for n in apply_writes(shop, "SETK").values() if n > 1)
    out.ops = plan_lines + len(apply_writes(shop, "SETK"))
    out.seconds = time.monotonic() - start
    return out


def identity_trial(shop: EmbeddedShop, tmp: Path, rng: random.Random) -> Outcome:
    out = Outcome("identity (journal lost, backup, clone)")
    variants = prepare(shop, tmp / "admin", "IDENT")[:4]
    expected: Counter[tuple[str, str]] = Counter()
    folders: list[Path] = []

    def taps(folder: Path, device: str, n: int) -> None:
        for _ in range(n):
            v = rng.choice(variants)
            code = run(shop, folder, "count", "IDENT", "--variant", v, "--area", "showroom", "--add", "1",
                       device=device)
            out.misleading += code not in (0, 3)
            expected[(v, "showroom")] += 1
            out.ops += 1
    lost_dir = tmp / "lost"
    taps(lost_dir, "lost", 5)
    for suffix in ("", "-wal", "-shm"):
        (lost_dir / f"journal.sqlite3{suffix}").unlink(missing_ok=True)
    taps(lost_dir, "lost", 5)
    restored, backup = tmp / "restored", tmp / "backup"
    taps(restored, "restored", 3)
    shutil.copytree(restored, backup)
    taps(restored, "restored", 8)
    shutil.rmtree(restored)
    shutil.copytree(backup, restored)
    taps(restored, "restored", 8)
    a, b = tmp / "clone-a", tmp / "clone-b"
    taps(a, "clone", 3)
    shutil.copytree(a, b)
    for _ in range(10):
        taps(a, "clone", 1)
        taps(b, "clone", 1)
    folders += [lost_dir, restored, a, b]
    settle(shop, folders)
    out.lost, out.doubled = compare(expected, shop_counts(shop, variants))
    return out


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--sync-kills", type=int, default=8)
    parser.add_argument("--fault-taps", type=int, default=30)
    parser.add_argument("--load-taps", type=int, default=60)
    parser.add_argument("--devices", type=int, default=5)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--only", nargs="*", default=None,
                        choices=["counts", "syncs", "faults", "load", "apply", "identity"])
    args = parser.parse_args()
    rng = random.Random(args.seed)
    chosen = set(args.only or ["counts", "syncs", "faults", "load", "apply", "identity"])
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="inventra-soak-") as folder:
        root = Path(folder)
        trials: list[tuple[str, Callable[[EmbeddedShop, Path], Outcome]]] = [
            ("counts", lambda s, t: count_kills(s, t, rng, args.kills)),
            ("syncs", lambda s, t: sync_kills(s, t, rng, args.sync_kills)),
            ("faults", lambda s, t: fault_trial(s, t, rng, 0.20, args.fault_taps)),
            ("faults", lambda s, t: fault_trial(s, t, rng, 0.55, max(1, args.fault_taps // 2))),
            ("load", lambda s, t: load_trial(s, t, rng, args.devices, args.load_taps)),
            ("apply", lambda s, t: apply_trial(s, t, rng)),
            ("identity", lambda s, t: identity_trial(s, t, rng)),
        ]
        for index, (kind, trial) in enumerate(trials):
            if kind not in chosen:
                continue
            tmp = root / f"trial{index}"
            tmp.mkdir()
            with EmbeddedShop(ShopConfig(plan="plus")) as shop:
                os.environ["INVENTRA_TOKEN"] = shop.token
                started = time.monotonic()
                outcome = trial(shop, tmp)
                outcome.seconds = outcome.seconds or time.monotonic() - started
            outcomes.append(outcome)
            print(f"{outcome.name:44} ops {outcome.ops:5}  lost {outcome.lost:3}  doubled {outcome.doubled:3}  "
                  f"misleading {outcome.misleading:3}  {outcome.seconds:6.1f} s {outcome.note}", flush=True)
    lost, doubled, wrong = (sum(o.lost for o in outcomes), sum(o.doubled for o in outcomes),
                            sum(o.misleading for o in outcomes))
    print(f"{'TOTAL':44} ops {sum(o.ops for o in outcomes):5}  lost {lost:3}  doubled {doubled:3}  "
          f"misleading {wrong:3}   (goal 0 / 0 / 0)")
    sys.exit(0 if lost == doubled == wrong == 0 else 1)


if __name__ == "__main__":
    main()
