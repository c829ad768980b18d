"""Cold start to a usable window on the demo store, and the longest event-loop stall while a
large snapshot and a sync run in the background (offscreen), with each long stall explained.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_responsiveness.py [--variants 10000]
        [--shop-process (default) | --shop-in-process | --both] [--top 5] [--threshold-ms 30]
        [--profile] [--stacks] [--no-cold-start]
        [--gc-threshold N[,N,N]] [--switch-interval-ms MS] [--cpu-workers N]   (experiments)

Goals: cold start <= 2 s; longest stall <= 50 ms.

Where the shop runs:
- `--shop-process` (the default): the simulated shop runs in a child process, as a real shop is
  another machine; the figure is the app's own event loop.
- `--shop-in-process`: the shop runs in a thread of this process, as the GUI's demo store does;
  its work (GraphQL execution, JSON encoding, its garbage) then competes with the app's loop for
  the GIL and shows in the figure.
- `--both`: one after the other, both figures.

Each stall longer than `--threshold-ms` is attributed from what the process recorded meanwhile:
garbage-collection passes (gc.callbacks, with the thread that triggered them), callbacks that ran
on the loop thread (every asyncio handle is timed, wall and CPU), and the CPU time every Python
thread used during the stall (a thread that used the CPU while the loop thread did not was holding
the GIL). Diagnosis aids, which slow things down and so perturb the figures: `--profile` runs
every loop callback under cProfile and names the functions the long ones spent their time in
(freeing big structures shows as own time of the function where the last reference went);
`--stacks` samples every thread's stack each millisecond and prints the commonest frames per stall.
The experiment options replace the app's settings (its tune_gc(), Python's 5 ms switch interval,
the 2 threads of ui.tasks.use_plain_executor) to measure what changing them would do.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import cProfile
import gc
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TICK = 0.010  # the watch timer's interval: a stall is the gap between two ticks minus this
SESSION = "BIG"


# ---------------------------------------------------------------- attribution
def thread_group(name: str) -> str:
    """Who a thread works for: the app, or the in-process simulated shop."""
    if name == "MainThread":
        return "loop thread"
    if name.startswith("cpu"):
        return "app worker (cpu pool)"
    if name.startswith("journal"):
        return "app journal thread"
    if name.startswith(("shopify-simulator", "asyncio_", "bulk-", "autosave")):
        return "simulator"
    if name.startswith("stack-sampler"):
        return "stack sampler"
    return f"other ({name})"


def _handle_label(handle: asyncio.Handle) -> tuple[str, Any]:
    """A readable name for an asyncio handle, and the task it steps (if any)."""
    callback, args = handle._callback, handle._args  # type: ignore[attr-defined]
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, asyncio.Task):
        coro = owner.get_coro()
        return f"task step: {getattr(coro, '__qualname__', coro)}", owner
    name = getattr(callback, "__qualname__", None) or repr(callback)
    if name.endswith("__notifier_cb_wrapper") and len(args) >= 4:  # qasync: a socket became ready
        inner = args[3]
        name = "socket ready: " + (getattr(inner, "__qualname__", None) or repr(inner))
    return name, None


def _suspended_at(task: Any) -> str:
    """Where a task waits now: the innermost frames of its coroutine chain outside asyncio."""
    coro, frames = task.get_coro(), []
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is None:
            break
        if f"{os.sep}asyncio{os.sep}" not in frame.f_code.co_filename:
            frames.append(f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno} {frame.f_code.co_name}")
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    return " > ".join(frames[-2:])


def _top_functions(profiler: Any, n: int = 4) -> str:
    """The functions a profiled callback spent its time in (own time), heaviest first."""
    import pstats

    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = sorted(stats.items(), key=lambda kv: -kv[1][2])[:n]
    return ", ".join(f"{Path(f).name}:{line} {name} {tt * 1000:.0f} ms" for (f, line, name), (_, _, tt, _, _) in rows)


@dataclass
class Callback:
    start: float
    end: float
    cpu: float
    label: str
    where: str
    profile: str = ""


@dataclass
class Collection:
    start: float
    end: float
    generation: int
    thread: str


@dataclass
class Stall:
    start: float  # the tick before the gap
    end: float  # the tick after it
    phase: str
    cpu: dict[str, float]  # thread group -> CPU seconds used during the gap
    causes: list[tuple[str, float]] = field(default_factory=list)  # (cause, ms), largest first
    details: list[str] = field(default_factory=list)

    @property
    def ms(self) -> float:
        return (self.end - self.start - TICK) * 1000

    @property
    def cause(self) -> str:
        return self.causes[0][0] if self.causes else "unexplained"


class StackSampler:
    """Every thread's innermost frames every millisecond (only with --stacks)."""

    def __init__(self, interval: float = 0.001) -> None:
        self.interval = interval
        self.samples: list[tuple[float, dict[int, str]]] = []
        self.names: dict[int, str] = {}  # thread ident -> name, as sampled (idents are reused)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stack-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.wait(self.interval):
            now = time.perf_counter()
            stacks = {}
            names = {t.ident: t.name for t in threading.enumerate()}
            for ident, frame in sys._current_frames().items():
                if ident == me:
                    continue
                self.names[ident] = names.get(ident, str(ident))
                parts, f = [], frame
                while f is not None and len(parts) < 4:
                    parts.append(f"{Path(f.f_code.co_filename).name}:{f.f_lineno} {f.f_code.co_name}")
                    f = f.f_back
                stacks[ident] = " < ".join(parts)
            self.samples.append((now, stacks))

    def between(self, a: float, b: float) -> list[dict[int, str]]:
        return [s for t, s in self.samples if a <= t <= b + 0.002]


class StallMonitor:
    """Ticks every 10 ms on the loop thread; names what each long gap between ticks went to."""

    def __init__(self, threshold_ms: float, stacks: bool, profile: bool = False) -> None:
        self.threshold = threshold_ms / 1000
        self.profile = profile
        self.loop_ident = threading.get_ident()
        self.collections: list[Collection] = []
        self.callbacks: list[Callback] = []
        self.stalls: list[Stall] = []
        self.worst = 0.0
        self.ticks = 0
        self._phase = "setup"
        self._gc_started: dict[int, float] = {}
        self._last = 0.0
        self._cpu_last: dict[int, tuple[str, float]] = {}
        self._timer: Any = None
        self._original_run: Any = None
        self.sampler = StackSampler() if stacks else None

    # ---- recording ------------------------------------------------------------
    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._gc_started[ident] = time.perf_counter()
        elif ident in self._gc_started:
            self.collections.append(Collection(self._gc_started.pop(ident), time.perf_counter(),
                                               info["generation"], threading.current_thread().name))

    def _patch_handles(self) -> None:
        monitor, original = self, asyncio.Handle._run
        self._original_run = original

        def timed_run(handle: asyncio.Handle) -> None:
            if threading.get_ident() != monitor.loop_ident:
                return original(handle)
            label, task = _handle_label(handle)
            profiler = cProfile.Profile() if monitor.profile else None
            t0, c0 = time.perf_counter(), time.thread_time()
            if profiler:
                profiler.enable()
            try:
                return original(handle)
            finally:
                if profiler:
                    profiler.disable()
                t1 = time.perf_counter()
                if t1 - t0 > 0.004:
                    monitor.callbacks.append(Callback(
                        t0, t1, time.thread_time() - c0, label, _suspended_at(task) if task is not None else "",
                        _top_functions(profiler) if profiler and t1 - t0 > monitor.threshold / 2 else ""))
        asyncio.Handle._run = timed_run  # type: ignore[method-assign]

    @staticmethod
    def _thread_cpu() -> dict[int, tuple[str, float]]:
        out = {}
        for t in threading.enumerate():
            try:
                clock = time.pthread_getcpuclockid(t.ident)  # type: ignore[arg-type]
                out[t.ident] = (t.name, time.clock_gettime(clock))
            except (OSError, TypeError):  # the thread ended meanwhile
                pass
        return out

    def _tick(self) -> None:
        now = time.perf_counter()
        cpu = self._thread_cpu()
        gap = now - self._last
        self.ticks += 1
        self.worst = max(self.worst, gap - TICK)
        if gap - TICK > self.threshold:
            used: dict[str, float] = collections.defaultdict(float)
            for ident, (name, seconds) in cpu.items():
                before = self._cpu_last.get(ident, (name, 0.0))[1]
                used[thread_group(name)] += max(0.0, seconds - before)
            self.stalls.append(Stall(self._last, now, self._phase, dict(used)))
        self._last, self._cpu_last = now, cpu

    # ---- control --------------------------------------------------------------
    def phase(self, name: str) -> None:
        self._phase = name

    def start(self) -> None:
        from PySide6.QtCore import QTimer

        gc.callbacks.append(self._on_gc)
        self._patch_handles()
        if self.sampler:
            self.sampler.start()
        self._last, self._cpu_last = time.perf_counter(), self._thread_cpu()
        self._timer = QTimer()
        self._timer.setInterval(int(TICK * 1000))
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.callbacks.remove(self._on_gc)
        asyncio.Handle._run = self._original_run  # type: ignore[method-assign]
        if self.sampler:
            self.sampler.stop()
        for stall in self.stalls:
            self._explain(stall)

    # ---- explaining -----------------------------------------------------------
    def _explain(self, stall: Stall) -> None:
        a, b = stall.start, stall.end

        def overlap(s: float, e: float) -> float:
            return max(0.0, min(e, b) - max(s, a))
        causes: dict[str, float] = collections.defaultdict(float)
        gc_total = 0.0
        for c in self.collections:
            ms = overlap(c.start, c.end) * 1000
            if ms > 0:
                gc_total += ms
                causes[f"GC gen {c.generation} (in {thread_group(c.thread)})"] += ms
                stall.details.append(f"gc gen {c.generation} in {c.thread}: {ms:.0f} ms")
        loop_gc = sum(overlap(c.start, c.end) for c in self.collections if c.thread == "MainThread") * 1000
        callbacks_cpu = 0.0
        for cb in self.callbacks:
            ms = overlap(cb.start, cb.end) * 1000
            if ms > 0:
                share = ms / ((cb.end - cb.start) * 1000)
                own = cb.cpu * 1000 * share  # the callback's own CPU within the stall
                callbacks_cpu += own
                causes[f"loop callback: {cb.label}"] += max(0.0, own - loop_gc)
                stall.details.append(f"callback {cb.label}: {ms:.0f} ms wall, {own:.0f} ms CPU"
                                     + (f" (then waits at {cb.where})" if cb.where else ""))
                if cb.profile:
                    stall.details.append(f"  profiled (x2 slower): {cb.profile}")
        loop_cpu = stall.cpu.get("loop thread", 0.0) * 1000
        rest = loop_cpu - callbacks_cpu - loop_gc
        if rest > 5:
            causes["loop thread: Qt / outside asyncio callbacks"] += rest
        for group, seconds in stall.cpu.items():
            if group == "loop thread" or seconds * 1000 < 5:
                continue
            gc_there = sum(overlap(c.start, c.end) for c in self.collections
                           if thread_group(c.thread) == group) * 1000
            held = seconds * 1000 - gc_there
            if held > 5:
                causes[f"GIL held by {group}"] += held
            stall.details.append(f"{group}: {seconds * 1000:.0f} ms CPU")
        stall.details.append(f"loop thread: {loop_cpu:.0f} ms CPU of {stall.ms + TICK * 1000:.0f} ms")
        if self.sampler:
            samples = self.sampler.between(a, b)
            for ident in sorted({i for s in samples for i in s}, key=lambda i: i != self.loop_ident):
                frames = collections.Counter(s[ident] for s in samples if ident in s)
                for frame, n in frames.most_common(3):
                    if ident != self.loop_ident and frame.startswith(("thread.py:81 _worker", "threading.py:")):
                        continue  # an idle pool thread
                    stall.details.append(f"stack {self.sampler.names.get(ident, ident)} x{n}: {frame}")
        stall.causes = sorted(causes.items(), key=lambda kv: -kv[1])

    # ---- reporting ------------------------------------------------------------
    def report(self, top: int, title: str) -> None:
        print(f"  {title}: longest event-loop stall {self.worst * 1000:.0f} ms; "
              f"{len(self.stalls)} stalls > {self.threshold * 1000:.0f} ms in {self.ticks} ticks")
        if not self.stalls:
            return
        print(f"  top {min(top, len(self.stalls))} stalls (cause: ms of the stall it explains):")
        for i, s in enumerate(sorted(self.stalls, key=lambda s: -s.ms)[:top], 1):
            causes = "; ".join(f"{c} {ms:.0f}" for c, ms in s.causes[:3]) or "unexplained"
            print(f"   {i}. {s.ms:4.0f} ms during {s.phase}: {causes}")
            for line in s.details:
                print(f"        {line}")
        by_gen: dict[int, list[float]] = collections.defaultdict(list)
        for c in self.collections:
            by_gen[c.generation].append((c.end - c.start) * 1000)
        print("  GC passes (any thread): " + "; ".join(
            f"gen {g}: {len(v)}, longest {max(v):.0f} ms, total {sum(v):.0f} ms" for g, v in sorted(by_gen.items())))
        table: dict[str, list[float]] = collections.defaultdict(list)
        for s in self.stalls:
            table[s.cause].append(s.ms)
        print(f"  attribution of the stalls > {self.threshold * 1000:.0f} ms (main cause → count, worst, total):")
        for cause, values in sorted(table.items(), key=lambda kv: -max(kv[1])):
            print(f"    {cause:60s} {len(values):3d}  {max(values):5.0f} ms  {sum(values):6.0f} ms")


# ---------------------------------------------------------------- the shop
def _tag_all(shop: Any) -> None:
    from inventra_desktop.stocktake.models import SESSION_TAG_PREFIX

    with shop.state.lock:
        for p in shop.state.products.values():
            p.tags.append(SESSION_TAG_PREFIX + SESSION)


def _shop_process(conn: Any, products: int) -> None:
    """The child process of --shop-process: serve a tagged synthetic shop until told to stop."""
    from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

    shop = EmbeddedShop(ShopConfig(plan="plus", synthetic=products, synthetic_variants=3))
    _tag_all(shop)
    shop.start()
    conn.send((shop.url, shop.token, len(shop.state.variants)))
    conn.recv()
    shop.stop()
    conn.send("stopped")


class ShopRunner:
    """A big tagged shop, in a child process or in a thread of this one."""

    def __init__(self, products: int, in_process: bool) -> None:
        self.products, self.in_process = products, in_process
        self._shop: Any = None
        self._process: Any = None
        self._conn: Any = None

    def __enter__(self) -> tuple[str, str, int]:
        if self.in_process:
            from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

            self._shop = EmbeddedShop(ShopConfig(plan="plus", synthetic=self.products, synthetic_variants=3))
            _tag_all(self._shop)
            self._shop.start()
            return self._shop.url, self._shop.token, len(self._shop.state.variants)
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_shop_process, args=(child, self.products), name="shop", daemon=True)
        self._process.start()
        if not self._conn.poll(120):
            raise RuntimeError("the shop process did not start")
        return self._conn.recv()

    def __exit__(self, *exc: object) -> None:
        if self._shop is not None:
            self._shop.stop()
        if self._process is not None:
            self._conn.send("stop")
            self._conn.poll(10)
            self._process.join(10)
            if self._process.is_alive():
                self._process.terminate()


# ---------------------------------------------------------------- the benchmark
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=10_000)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--shop-process", dest="mode", action="store_const", const="process",
                       help="run the shop in a child process, as a real shop is remote (default)")
    where.add_argument("--shop-in-process", dest="mode", action="store_const", const="thread",
                       help="run the shop in a thread of this process, as the demo store does")
    where.add_argument("--both", dest="mode", action="store_const", const="both", help="both, one after the other")
    parser.add_argument("--top", type=int, default=5, help="stalls to list with their causes")
    parser.add_argument("--threshold-ms", type=float, default=30.0, help="stalls to attribute: longer than this")
    parser.add_argument("--stacks", action="store_true", help="sample every thread's stack each ms (perturbs)")
    parser.add_argument("--profile", action="store_true",
                        help="profile every loop callback (cProfile) and name the functions of the long ones")
    parser.add_argument("--no-cold-start", action="store_true")
    parser.add_argument("--gc-threshold", default=None, metavar="N[,N,N]",
                        help="experiment: gc.set_threshold(...) instead of the app's tune_gc()")
    parser.add_argument("--cpu-workers", type=int, default=None,
                        help="experiment: threads of the app's CPU pool instead of use_plain_executor's")
    parser.add_argument("--switch-interval-ms", type=float, default=None,
                        help="experiment: sys.setswitchinterval instead of Python's 5 ms")
    parser.set_defaults(mode="process")
    args = parser.parse_args()
    import qasync
    from PySide6.QtWidgets import QApplication

    from inventra_desktop.journal.workspace import open_workspace
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.auth import StaticToken
    from inventra_desktop.shopify.client import AdminClient
    from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
    from inventra_desktop.gateway.records import update_sessions
    from inventra_desktop.services.counting_desk import CountingDesk
    from inventra_desktop.services.setup import install, snapshot
    from inventra_desktop.services.shop import ShopSession
    from inventra_desktop.stocktake.models import OpKind, SessionEvent, SessionRecord
    from inventra_desktop.ui import theme
    from inventra_desktop.ui.controller import MainController
    from inventra_desktop.ui.main_window import MainWindow

    from inventra_desktop.app import tune_gc
    tune_gc()  # as the app does
    if args.gc_threshold:
        given = [int(n) for n in args.gc_threshold.split(",")]
        gc.set_threshold(*given, *gc.get_threshold()[len(given):])
    if args.switch_interval_ms is not None:
        sys.setswitchinterval(args.switch_interval_ms / 1000)
    app = QApplication([])
    theme.apply_palette(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    from inventra_desktop.ui.tasks import use_plain_executor
    cpu = use_plain_executor(loop)
    if args.cpu_workers:
        from concurrent.futures import ThreadPoolExecutor

        cpu.shutdown()
        cpu = ThreadPoolExecutor(max_workers=args.cpu_workers, thread_name_prefix="cpu")
        loop.set_default_executor(cpu)
    knobs = {"gc.get_threshold()": gc.get_threshold(), "switch interval ms": sys.getswitchinterval() * 1000,
             "cpu pool threads": cpu._max_workers}
    print("settings: " + ", ".join(f"{k} {v}" for k, v in knobs.items()))

    async def cold_start() -> None:
        with EmbeddedShop(ShopConfig(plan="plus")) as shop:  # the demo store runs in-process in the app
            client = AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token))
            await client.connect()
            session = ShopSession(client, open_workspace(Path(tempfile.mkdtemp()), "bench"), demo=True)
            await install(session)
            window = MainWindow(demo=True)
            controller = MainController(window, session)
            window.show()
            await controller.start()
            app.processEvents()
            print(f"cold start to a usable window (process start → demo store served, installed, window shown): "
                  f"{time.perf_counter() - STARTED:.2f} s")
            await client.aclose()

    async def stalls(in_process: bool) -> None:
        products = max(1, args.variants // 3)
        title = "shop in this process (demo store)" if in_process else "shop in a separate process"
        with ShopRunner(products, in_process) as (url, token, variants):
            client = AdminClient(ShopAddress.parse(url), StaticToken(token))
            folder = Path(tempfile.mkdtemp())  # the app opens its workspace once, at start: not measured
            session = ShopSession(client, open_workspace(folder, "bench"))
            await install(session)
            stamp = "2026-11-23T00:00:00Z"
            await update_sessions(client, lambda rs: rs + [SessionRecord(
                name=SESSION, product_ids=[], created_at=stamp, created_by="b",
                events=[SessionEvent(what="created", at=stamp, by="b")])])
            desk = CountingDesk(session, sync_delay=0.1)
            monitor = StallMonitor(args.threshold_ms, args.stacks, args.profile)
            monitor.start()
            took: dict[str, float] = {}
            started = time.perf_counter()
            monitor.phase("snapshot")
            await snapshot(session, SESSION)
            took["snapshot"] = time.perf_counter() - started
            monitor.phase("session load")
            started = time.perf_counter()
            rows = await desk.open(SESSION)
            gc.freeze()  # as the controller does after opening a session
            took["session load"] = time.perf_counter() - started
            monitor.phase("200 taps + sync")
            started = time.perf_counter()
            for r in rows[:200]:
                if r.takes_part(SESSION):
                    await desk.tap(r.id, OpKind.ADD, "showroom", 1)
            await desk.sync_now()
            took["taps + sync"] = time.perf_counter() - started
            monitor.stop()
            print(f"{title}: {variants} variants: " + ", ".join(f"{k} {v:.1f} s" for k, v in took.items())
                  + f"; longest event-loop stall: {monitor.worst * 1000:.0f} ms")
            monitor.report(args.top, title)
            await desk.close()
            await client.aclose()
        gc.unfreeze()  # the next run starts from a heap like this one's
        gc.collect()

    with loop:
        if not args.no_cold_start:
            loop.run_until_complete(cold_start())
        for in_process in {"process": [False], "thread": [True], "both": [False, True]}[args.mode]:
            loop.run_until_complete(stalls(in_process))
    cpu.shutdown(wait=True)


if __name__ == "__main__":
    main()
