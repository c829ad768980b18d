"""Render each main screen of the app to PNG on a demo store (offscreen or under Xvfb).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR] [--kiosk]   # default: screenshots/

The user guide (docs/user-guide.md) shows these. The demo store is set up the way the guide
describes: the warehouse area mapped to the "Back warehouse" location, and one mislabelled
barcode (the 750 ml bottle carries the 500 ml bottle's code) so that the pre-flight report and
the scan warning have something real to show.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DUPLICATE = ("NB-BTL-750", "NB-BTL-500")  # the first gets the second's barcode


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    import qasync
    from PySide6.QtWidgets import QApplication

    from inventra_desktop.journal.workspace import open_workspace
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.auth import StaticToken
    from inventra_desktop.shopify.client import AdminClient
    from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
    from inventra_desktop.services import setup
    from inventra_desktop.services.shop import ShopSession
    from inventra_desktop.stocktake.models import OpKind
    from inventra_desktop.ui import theme
    from inventra_desktop.ui.areas_editor import AreasEditor
    from inventra_desktop.ui.connect_dialog import ConnectDialog
    from inventra_desktop.ui.controller import MainController
    from inventra_desktop.ui.main_window import MainWindow
    from inventra_desktop.ui.welcome import WelcomeDialog
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
    suffix = "-kiosk" if kiosk else ""

    def save(widget, name: str, *, kiosk_aware: bool = True) -> None:  # type: ignore[no-untyped-def]
        if kiosk and not kiosk_aware:
            return  # the kiosk theme does not change this screen: one PNG is enough
        path = out / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        print(f"  {path}")

    async def settle(seconds: float = 0.3) -> None:
        await asyncio.sleep(seconds)  # the qasync loop paints meanwhile (processEvents here would re-enter tasks)

    async def wait_for(ready, what: str, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
        """Until `ready()` (a screen that loads in the background); a shot of a half-loaded screen is worse than none."""
        for _ in range(int(timeout / 0.1)):
            if ready():
                await settle(0.2)
                return
            await settle(0.1)
        raise RuntimeError(f"gave up waiting for {what}")

    async def shoot() -> None:
        with EmbeddedShop(ShopConfig(plan="plus")) as shop, tempfile.TemporaryDirectory() as folder:
            with shop.state.lock:  # a mislabelled bottle: two variants share one barcode
                by_sku = {v.sku: v for v in shop.state.variants.values()}
                by_sku[DUPLICATE[0]].barcode = by_sku[DUPLICATE[1]].barcode
            client = AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token))
            session = ShopSession(client, open_workspace(Path(folder), "kiosk-1"), demo=True)
            await setup.install(session)
            records = await setup.shop_records(session)
            warehouse = next(loc.id for loc in records.locations if loc.name == "Back warehouse")
            await setup.save_areas(session, [a.model_copy(update={"location_id": warehouse}) if a.key == "warehouse"
                                             else a for a in records.areas or []])

            window = MainWindow(kiosk=kiosk, demo=True)
            window.resize(1366, 800)

            # The wizard before the session exists: its areas and pre-flight pages.
            wizard = SessionWizard(window, session)
            wizard.resize(760, 470)
            wizard.show()
            await settle()
            wizard.name_page.name.setText("Spring-26")
            wizard.next()
            wizard.products_page.query.setText("vendor:'Northbound Gear'")
            await wizard.products_page.search()
            await settle(0.2)
            await wait_for(lambda: wizard.records is not None, "the shop's records")
            wizard.next()
            await wait_for(lambda: bool(wizard.areas_page.boxes), "the wizard's areas")
            save(wizard, "wizard-areas", kiosk_aware=False)
            wizard.next()
            await wait_for(lambda: "checked" in wizard.preflight_page.status.text(), "the pre-flight check")
            save(wizard, "wizard-preflight", kiosk_aware=False)
            wizard.close()

            await setup.create_session(session, "Spring-26", query="vendor:'Northbound Gear'")
            await setup.snapshot(session, "Spring-26")
            controller = MainController(window, session, kiosk=kiosk)
            window.show()
            await controller.start()
            desk = controller.desk
            assert desk is not None
            ids = list(desk.records)
            # Some rows counted, in the grid's order, so the screenshot shows every status.
            order = [v for v in window.model.visible_variant_ids() if desk.view(v).takes_part("Spring-26")]
            plan: list[list[tuple[OpKind, str | None, int | None]]] = [
                [(OpKind.SET, "showroom", 7), (OpKind.DONE, None, None)],
                [(OpKind.SET, "showroom", 2), (OpKind.COUNTED, "showroom", 1), (OpKind.SET, "warehouse", 1)],
                [(OpKind.SET, "showroom", 3), (OpKind.SET, "warehouse", 22), (OpKind.DONE, None, None)],
                [(OpKind.SET, "warehouse", 37), (OpKind.DONE, None, None)],
                [(OpKind.ADD, "showroom", 1)] * 4,
                [(OpKind.SET, "garage", 5)],
            ]
            for vid, ops in zip(order, plan):
                for kind, area, value in ops:
                    await desk.tap(vid, kind, area, value)
            await desk.sync_now()
            controller._on_rows_changed([desk.view(v) for v in ids])
            await settle()
            save(window, "main-window")
            controller.area = "showroom"
            controller.open_counter(order[1])  # a short SKU: the kiosk header clips a long SKU + barcode line
            await settle()
            save(controller.counter, "counter")
            controller.counter.close()

            # A scanned barcode two variants share: a loud warning, nothing counted.
            by_sku = {desk.view(v).sku: v for v in ids}
            controller._on_scan(desk.view(by_sku[DUPLICATE[1]]).barcode or "")
            await settle()
            box = window._last_warning
            save(box, "scan-warning", kiosk_aware=False)
            box.close()

            editor = AreasEditor(window, session)
            editor.show()
            await wait_for(lambda: editor.save.isEnabled(), "the storage areas")
            editor.table.horizontalHeader().resizeSection(3, 190)  # as a user drags it: the names in full
            await settle(0.2)
            save(editor, "areas-editor")
            editor.close()

            controller.open_progress()
            await wait_for(lambda: controller.progress_dialog.summary.text() != "", "the progress view")
            save(controller.progress_dialog, "progress")
            controller.progress_dialog.close()

            controller.open_close_dialog()  # the Finalize… button, minus the kiosk PIN: the gate first
            dialog = controller.close_dialog
            await wait_for(lambda: dialog.report is not None, "the session's results")
            save(dialog, "finalize")
            dialog.zero.setChecked(True)  # count the rest as 0: the results and the apply open by themselves
            dialog.go.click()
            await wait_for(lambda: controller.close_dialog is not dialog and controller.close_dialog.plan is not None,
                           "the finalized session")
            results = controller.close_dialog
            save(results, "results-alerts")
            results.show_tab("variances")
            await settle(0.2)
            save(results, "results-variances")
            results.show_tab("apply")
            await settle(0.2)
            save(results, "apply-preview")
            results.close()
            await controller.reload("Spring-26")
            await settle(0.3)

            welcome = WelcomeDialog()
            welcome.show()
            await settle(0.2)
            save(welcome, "welcome")
            welcome.close()
            connect = ConnectDialog(shop="my-shop")
            connect.show()
            await settle(0.2)
            save(connect, "connect")
            connect.close()
            wizard = SessionWizard(window, session)
            wizard.show()
            await settle(0.2)
            wizard.name_page.name.setText("Autumn-26")
            wizard.next()
            wizard.products_page.query.setText("product_type:Tents")
            await wizard.products_page.search()
            await settle(0.2)
            save(wizard, "wizard-products")
            wizard.close()
            await desk.close()
            await client.aclose()
    with loop:
        loop.run_until_complete(shoot())
    cpu.shutdown(wait=True)
    print(f"screenshots in {out}/")


if __name__ == "__main__":
    main()
