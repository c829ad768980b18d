"""Cold start to a usable window on the demo store, and the longest event-loop stall while a
large snapshot and a sync run in the background (offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_responsiveness.py [--variants 10000]

Goals: cold start <= 2 s; longest stall <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

STARTED = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", type=int, default=10_000)
    args = parser.parse_args()
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from inventra_desktop.journal.workspace import open_workspace
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.auth import StaticToken
    from inventra_desktop.shopify.client import AdminClient
    from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
    from inventra_desktop.stocktake.install import install
    from inventra_desktop.stocktake.models import OpKind, SESSION_TAG_PREFIX, SessionEvent, SessionRecord
    from inventra_desktop.stocktake.shopdata import update_sessions
    from inventra_desktop.stocktake.snapshot import snapshot
    from inventra_desktop.ui import theme
    from inventra_desktop.ui.controller import MainController
    from inventra_desktop.ui.main_window import MainWindow

    from inventra_desktop.app import tune_gc
    tune_gc()  # as the app does
    app = QApplication([])
    theme.apply_palette(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    from inventra_desktop.ui.tasks import use_plain_executor
    cpu = use_plain_executor(loop)
    folder = Path(tempfile.mkdtemp())

    async def cold_start() -> None:
        with EmbeddedShop(ShopConfig(plan="plus")) as shop:
            client = AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token))
            await client.connect()
            await install(client)
            window = MainWindow(demo=True)
            controller = MainController(window, client, open_workspace(Path(tempfile.mkdtemp()), "bench"))
            window.show()
            await controller.start()
            app.processEvents()
            print(f"cold start to a usable window (process start → demo store served, installed, window shown): "
                  f"{time.perf_counter() - STARTED:.2f} s")
            await client.aclose()

    async def stalls() -> None:
        products = max(1, args.variants // 3)
        with EmbeddedShop(ShopConfig(plan="plus", synthetic=products, synthetic_variants=3)) as shop:
            client = AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token))
            await install(client)
            with shop.state.lock:
                for p in shop.state.products.values():
                    p.tags.append(SESSION_TAG_PREFIX + "BIG")
            stamp = "2026-11-23T00:00:00Z"
            await update_sessions(client, lambda rs: rs + [SessionRecord(
                name="BIG", product_ids=[], created_at=stamp, created_by="b",
                events=[SessionEvent(what="created", at=stamp, by="b")])])
            worst, last = [0.0], [time.perf_counter()]

            def tick() -> None:
                now = time.perf_counter()
                worst[0] = max(worst[0], now - last[0] - 0.01)
                last[0] = now
            timer = QTimer()
            timer.setInterval(10)
            timer.timeout.connect(tick)
            timer.start()
            started = time.perf_counter()
            await snapshot(client, "BIG", by="bench")
            snap_took = time.perf_counter() - started
            from inventra_desktop.journal.desk import CountingDesk
            device = open_workspace(folder, "bench").device
            journal = open_workspace(folder, "bench").journal()
            desk = CountingDesk(client, journal, device, sync_delay=0.1)
            rows = await desk.open("BIG")
            import gc
            gc.freeze()  # as the controller does after opening a session
            for r in rows[:200]:
                if r.takes_part("BIG"):
                    await desk.tap(r.id, OpKind.ADD, "showroom", 1)
            await desk.sync_now()
            timer.stop()
            print(f"{len(shop.state.variants)} variants: snapshot {snap_took:.1f} s, then a session load and a "
                  f"200-tap sync; longest event-loop stall: {worst[0] * 1000:.0f} ms")
            await desk.close()
            await client.aclose()

    with loop:
        loop.run_until_complete(cold_start())
        loop.run_until_complete(stalls())
    cpu.shutdown(wait=True)


if __name__ == "__main__":
    main()
