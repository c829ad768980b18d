"""Render each main screen of the app to PNG on a demo store (offscreen or under Xvfb).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]   # default: screenshots/
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    import qasync
    from PySide6.QtWidgets import QApplication

    from inventra_desktop.journal.workspace import open_workspace
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.auth import StaticToken
    from inventra_desktop.shopify.client import AdminClient
    from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
    from inventra_desktop.stocktake.install import install
    from inventra_desktop.stocktake.models import OpKind
    from inventra_desktop.stocktake.sessions import create_session
    from inventra_desktop.stocktake.snapshot import snapshot
    from inventra_desktop.ui import theme
    from inventra_desktop.ui.connect_dialog import ConnectDialog
    from inventra_desktop.ui.controller import MainController
    from inventra_desktop.ui.finalize_dialog import FinalizeDialog
    from inventra_desktop.ui.main_window import MainWindow
    from inventra_desktop.ui.wizard import SessionWizard

    app = QApplication([])
    app.setOrganizationName("Inventra-screenshots")
    kiosk = "--kiosk" in sys.argv
    theme.set_theme(theme.Theme(kiosk=kiosk))
    theme.apply_palette(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    from inventra_desktop.ui.tasks import use_plain_executor
    cpu = use_plain_executor(loop)

    async def shoot() -> None:
        with EmbeddedShop(ShopConfig(plan="plus")) as shop, tempfile.TemporaryDirectory() as folder:
            client = AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token))
            await install(client)
            await create_session(client, "Spring-26", by="back-office", query="vendor:'Northbound Gear'")
            await snapshot(client, "Spring-26", by="back-office")
            window = MainWindow(kiosk=kiosk, demo=True)
            window.resize(1366, 800)
            controller = MainController(window, client, open_workspace(Path(folder), "kiosk-1"), kiosk=kiosk)
            window.show()
            await controller.start()
            desk = controller.desk
            assert desk is not None
            ids = list(desk.records)
            for n, vid in enumerate(ids[:8]):
                if desk.view(vid).takes_part("Spring-26"):
                    for _ in range(n % 4 + 1):
                        await desk.tap(vid, OpKind.ADD, "showroom", 1)
                    if n % 3 == 0:
                        await desk.tap(vid, OpKind.DONE)
            await desk.sync_now()
            controller._on_rows_changed([desk.view(v) for v in ids])
            await asyncio.sleep(0.3)
            suffix = "-kiosk" if kiosk else ""
            window.grab().save(str(out / f"main-window{suffix}.png"))
            controller.open_counter(ids[1])
            await asyncio.sleep(0.3)
            controller.counter.grab().save(str(out / f"counter{suffix}.png"))
            controller.counter.close()
            dialog = FinalizeDialog(window, client, controller.workspace, desk, controller)
            dialog.show()
            await asyncio.sleep(0.2)
            dialog.grab().save(str(out / f"finalize{suffix}.png"))
            dialog.close()
            connect = ConnectDialog(shop="my-shop")
            connect.show()
            await asyncio.sleep(0.2)
            connect.grab().save(str(out / f"connect{suffix}.png"))
            connect.close()
            wizard = SessionWizard(window, client, "back-office")
            wizard.show()
            await asyncio.sleep(0.2)
            wizard.name_page.name.setText("Autumn-26")
            wizard.next()
            wizard.products_page.query.setText("product_type:Tents")
            await wizard.products_page.search()
            await asyncio.sleep(0.2)
            wizard.grab().save(str(out / f"wizard-products{suffix}.png"))
            wizard.close()
            await desk.close()
            await client.aclose()
    with loop:
        loop.run_until_complete(shoot())
    cpu.shutdown(wait=True)
    print(f"screenshots in {out}/")


if __name__ == "__main__":
    main()
