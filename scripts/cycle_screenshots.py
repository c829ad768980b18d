"""Screenshots of the cycle counting windows (Plan a count, Accuracy) on the demo store.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/cycle_screenshots.py docs/screenshots [--kiosk]
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/cycle_screenshots.py OUT [--kiosk] [--size 1024x600]

The demo store gets three past counts in its variants' histories (as finalize leaves them) so that
the accuracy window has a trend to show, and its areas are mapped to two locations so that the
plan window offers a choice of location. Each window opens sized to the screen (`--size`, else the
screen's own), and is saved as plan-a-count[-WxH][-kiosk].png and accuracy[-WxH][-kiosk].png.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path


def seed_histories(shop) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(3)
    today = datetime.now(timezone.utc).replace(hour=9, minute=0, second=0, microsecond=0)
    sessions = [("Spring", 160, 0.55), ("Summer", 95, 0.35), ("Autumn", 40, 0.2), ("November", 12, 0.12)]
    with shop.state.lock:
        variants = sorted(shop.state.variants.values(), key=lambda v: v.id)
        for n, variant in enumerate(variants[: len(variants) * 2 // 3]):
            entries = []
            for name, days, error_rate in sessions:
                snapshot = today - timedelta(days=days)
                baseline = rng.randint(2, 30)
                off = rng.random() < error_rate
                counted = max(0, baseline + (rng.choice((-3, -2, -1, -1, 1)) if off else 0))
                area = rng.choice(("showroom", "warehouse", "garage"))
                entries.append({"session": name, "snapshot_at": snapshot.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "at": (snapshot + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "baseline": baseline, "counted": counted,
                                "by": [rng.choice(("kiosk-1", "kiosk-2", "back-office"))], "areas": {area: counted},
                                # one variant after the other, about 40 s apart
                                "counted_at": (snapshot + timedelta(seconds=600 + 40 * n + rng.randint(0, 15)))
                                .strftime("%Y-%m-%dT%H:%M:%SZ")})
            shop.state.put_metafield(f"gid://shopify/ProductVariant/{variant.id}", "inventra", "history", "json",
                                     json.dumps(entries))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    kiosk = "--kiosk" in sys.argv
    size = next((sys.argv[i + 1] for i, a in enumerate(sys.argv) if a == "--size"), None)
    import qasync
    from PySide6.QtWidgets import QApplication

    from inventra_desktop.journal.workspace import open_workspace
    from inventra_desktop.services import setup
    from inventra_desktop.services.shop import ShopSession
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.auth import StaticToken
    from inventra_desktop.shopify.client import AdminClient
    from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
    from inventra_desktop.stocktake.models import Area
    from inventra_desktop.ui import theme
    from inventra_desktop.ui.accuracy_window import AccuracyWindow
    from inventra_desktop.ui.plan_window import PlanWindow
    from inventra_desktop.ui.tasks import use_plain_executor

    app = QApplication([])
    app.setOrganizationName("Inventra-screenshots")
    app.setQuitOnLastWindowClosed(False)  # closing a shot window must not stop the loop
    theme.set_theme(theme.Theme(kiosk=kiosk))
    theme.apply_palette(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    cpu = use_plain_executor(loop)
    screen = app.primaryScreen().availableGeometry()
    width, height = (int(n) for n in size.split("x")) if size else (screen.width(), screen.height())
    suffix = (f"-{width}x{height}" if size or (width, height) != (1366, 768) else "") + ("-kiosk" if kiosk else "")

    async def shoot() -> None:
        with EmbeddedShop(ShopConfig(plan="plus")) as shop:
            seed_histories(shop)
            client = AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token))
            async with ShopSession(client, open_workspace(Path(tempfile.mkdtemp()), "back-office")) as session:
                await setup.install(session)
                where = {loc.name: f"gid://shopify/Location/{loc.id}" for loc in shop.state.locations.values()}
                await setup.save_areas(session, [
                    Area(key="showroom", label="Showroom", location_id=where["Shop floor"]),
                    Area(key="warehouse", label="Warehouse", location_id=where["Back warehouse"]),
                    Area(key="garage", label="Garage", location_id=where["Back warehouse"], standard=False)])
                for name, window, ready in (
                        ("plan-a-count", PlanWindow(None, session), lambda w: w.result is not None),
                        ("accuracy", AccuracyWindow(None, session), lambda w: w.report is not None)):
                    window.resize(width, height)
                    window.show()
                    for _ in range(600):
                        if ready(window) and all(not b.isVisible() for b in (window.busy,)):
                            break
                        await asyncio.sleep(0.1)
                    await asyncio.sleep(0.5)
                    window.grab().save(str(out / f"{name}{suffix}.png"))
                    print(f"saved {out / f'{name}{suffix}.png'} ({window.width()}×{window.height()})")
                    window.close()

    with loop:
        loop.run_until_complete(shoot())
    cpu.shutdown(wait=True)


if __name__ == "__main__":
    main()
