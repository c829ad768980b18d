"""Walk every window and dialog of the app on one simulated screen: check its layout, and save
screenshots when asked.

    .venv/bin/python scripts/screen_walk.py --size 1366x768 [--kiosk] [--scale 2] [--shots DIR] [--report FILE]

It starts itself on Qt's offscreen platform with a screen of that size (and device pixel ratio),
sets up the demo catalog the way the user guide describes (the warehouse area on the "Back
warehouse" location, one mislabelled barcode, a session half counted), and opens each screen the
way the app does. For every screen it lists, as JSON in --report:

- any visible button or input that lies outside the screen, or is clipped by its parent;
- in kiosk mode, any such control smaller than 48 px on a side;
- any interactive widget without an accessible name (screen readers and UI automation find
  widgets by name);
- a window larger than the screen.

tests/ui/test_layout.py runs it at 1024×600, 1366×768 and 1920×1080, normal and kiosk, and at 2×
scaling; scripts/screenshots.py runs it for the user guide's pictures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

DUPLICATE = ("NB-BTL-750", "NB-BTL-500")  # the first gets the second's barcode
KIOSK_TARGET = 48


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--kiosk", action="store_true")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio (2: a HiDPI screen)")
    parser.add_argument("--shots", type=Path, help="save a PNG of each screen here")
    parser.add_argument("--suffix", default="", help="added to each PNG's name (e.g. -1024x600)")
    parser.add_argument("--report", type=Path, help="write the layout findings here as JSON")
    parser.add_argument("--lang", default="", help="INVENTRA_LANG for the walk (de: German)")
    return parser.parse_args()


def start_platform(args: argparse.Namespace, folder: Path) -> None:
    width, height = (int(n) for n in args.size.lower().split("x"))
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "walk", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": args.scale}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["INVENTRA_DATA_DIR"] = str(folder / "data")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    if args.lang:
        os.environ["INVENTRA_LANG"] = args.lang


def check(window: Any, name: str, kiosk: bool) -> list[dict[str, Any]]:
    """The layout findings for one top-level window and what it shows."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox,
                                   QComboBox, QHeaderView, QLineEdit, QScrollBar, QTabBar,
                                   QWidget)

    # Scroll bars are not counted as touch targets: a finger drags the content itself (kinetic scrolling).
    controls = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)
    interactive = controls + (QAbstractScrollArea, QTabBar, QAbstractSlider)
    screen = window.screen().availableGeometry()
    findings: list[dict[str, Any]] = []

    def label(w: QWidget) -> str:
        text = w.text() if hasattr(w, "text") and callable(w.text) else ""
        return f"{type(w).__name__}({w.objectName() or w.accessibleName() or str(text)[:30]!r})"

    frame = window.frameGeometry()
    if not screen.contains(frame):
        findings.append({"window": name, "widget": label(window), "problem": "window outside the screen",
                         "rect": [frame.x(), frame.y(), frame.width(), frame.height()]})
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisibleTo(window) or not w.isVisible() or not isinstance(w, interactive):
            continue
        if isinstance(w, QAbstractScrollArea) and w.parent() and isinstance(w.parent(), QComboBox):
            continue
        inside_scroll = False
        rect = w.rect()
        top_left = w.mapTo(window, rect.topLeft())
        for ancestor in _ancestors(w, window):
            if isinstance(ancestor, QAbstractScrollArea) or ancestor.objectName() == "qt_scrollarea_viewport":
                inside_scroll = True  # scrolled content: reachable by scrolling, not clipped
                break
            mapped = w.mapTo(ancestor, rect.topLeft())
            if not ancestor.rect().contains(mapped) or not ancestor.rect().contains(
                    w.mapTo(ancestor, rect.bottomRight())):
                findings.append({"window": name, "widget": label(w), "problem": f"clipped by {label(ancestor)}"})
                break
        global_rect = w.rect().translated(w.mapToGlobal(rect.topLeft()) - rect.topLeft())
        if not inside_scroll and not screen.contains(global_rect):
            findings.append({"window": name, "widget": label(w), "problem": "outside the screen",
                             "rect": [global_rect.x(), global_rect.y(), global_rect.width(), global_rect.height()]})
        if kiosk and isinstance(w, controls) and (
                w.width() < KIOSK_TARGET or w.height() < KIOSK_TARGET) and not w.objectName().startswith("qt_"):
            findings.append({"window": name, "widget": label(w), "problem": f"under {KIOSK_TARGET} px for a finger",
                             "size": [w.width(), w.height()]})
        if isinstance(w, (QHeaderView, QScrollBar)):
            continue  # parts of a table or a scrolled view, which carry the name
        accessible = QAccessible.queryAccessibleInterface(w)
        named = accessible is not None and accessible.text(QAccessible.Text.Name).strip()
        if not named and not w.objectName().startswith("qt_"):
            findings.append({"window": name, "widget": label(w), "problem": "no accessible name"})
        del top_left
    return findings


def grid_findings(window: Any, name: str) -> list[dict[str, Any]]:
    """What a counter looks for in the grid, the title, the total and the status, shown without
    scrolling sideways (on a 1024×600 kiosk too: less needed columns step aside)."""
    from PySide6.QtCore import Qt

    grid, model = window.grid, window.model
    header = grid.horizontalHeader()
    findings = []
    for column in (model.total_column, model.status_column):
        left = header.sectionViewportPosition(column)
        if grid.isColumnHidden(column) or left < 0 or left + header.sectionSize(column) > grid.viewport().width():
            heading = model.headerData(column, Qt.Orientation.Horizontal)
            findings.append({"window": name, "widget": f"grid column {heading!r}",
                             "problem": "out of view: the grid must be scrolled sideways to see it"})
    return findings


def _ancestors(w: Any, top: Any) -> list[Any]:
    out = []
    parent = w.parentWidget()
    while parent is not None:
        out.append(parent)
        if parent is top:
            break
        parent = parent.parentWidget()
    return out


def main() -> int:
    args = parse()
    folder = Path(tempfile.mkdtemp(prefix="inventra-walk-"))
    start_platform(args, folder)
    import qasync
    from PySide6.QtWidgets import QApplication

    from inventra_desktop.ui import theme
    from inventra_desktop.ui.tasks import use_plain_executor
    from inventra_desktop.ui.translations import install_translators

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("Inventra-walk")
    install_translators(app)
    theme.set_theme(theme.theme_for_screen(args.kiosk, app.primaryScreen().availableGeometry().height()))
    theme.apply_palette(app, dark=False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    cpu = use_plain_executor(loop)
    findings: list[dict[str, Any]] = []
    walk = Walk(args, findings)
    try:
        with loop:
            loop.run_until_complete(walk.run(folder))
    finally:
        cpu.shutdown(wait=True)
    if args.report:
        args.report.write_text(json.dumps({"screens": walk.seen, "findings": findings}, indent=1))
    for f in findings:
        print(f"{f['window']}: {f['widget']}: {f['problem']}")
    print(f"{len(walk.seen)} screens, {len(findings)} findings")
    return 0


class Walk:
    def __init__(self, args: argparse.Namespace, findings: list[dict[str, Any]]) -> None:
        self.args, self.findings = args, findings
        self.seen: list[str] = []

    async def look(self, widget: Any, name: str) -> None:
        # Settled on the loop, never with processEvents(): that would run other tasks' steps
        # inside this one; meanwhile the qasync loop lays the screen out.
        await self.settle(0.15)
        self.seen.append(name)
        self.findings += check(widget, name, self.args.kiosk)
        if self.args.shots:
            self.args.shots.mkdir(parents=True, exist_ok=True)
            path = self.args.shots / f"{name}{'-kiosk' if self.args.kiosk else ''}{self.args.suffix}.png"
            widget.grab().save(str(path))
            print(f"  {path}")

    async def settle(self, seconds: float = 0.25) -> None:
        await asyncio.sleep(seconds)  # the qasync loop lays out and paints meanwhile

    async def until(self, ready: Any, what: str, timeout: float = 60.0) -> None:
        for _ in range(int(timeout / 0.1)):
            if ready():
                await self.settle(0.2)
                return
            await self.settle(0.1)
        raise RuntimeError(f"gave up waiting for {what}")

    async def run(self, folder: Path) -> None:
        from inventra_desktop.journal.workspace import open_workspace
        from inventra_desktop.services import setup
        from inventra_desktop.services.shop import ShopSession
        from inventra_desktop.shopify.address import ShopAddress
        from inventra_desktop.shopify.auth import StaticToken
        from inventra_desktop.shopify.client import AdminClient
        from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
        from inventra_desktop.stocktake.models import OpKind
        from inventra_desktop.ui.connect_dialog import ConnectDialog
        from inventra_desktop.ui.controller import MainController
        from inventra_desktop.ui.main_window import MainWindow
        from inventra_desktop.ui.screen_fit import open_fitting
        from inventra_desktop.ui.welcome import WelcomeDialog

        kiosk = self.args.kiosk
        with EmbeddedShop(ShopConfig(plan="plus")) as shop:
            with shop.state.lock:  # a mislabelled bottle: two variants share one barcode
                by_sku = {v.sku: v for v in shop.state.variants.values()}
                by_sku[DUPLICATE[0]].barcode = by_sku[DUPLICATE[1]].barcode
            client = AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token))
            session = ShopSession(client, open_workspace(folder / "device", "kiosk-1"), demo=True)
            await setup.install(session)
            records = await setup.shop_records(session)
            warehouse = next(loc.id for loc in records.locations if loc.name == "Back warehouse")
            await setup.save_areas(session, [a.model_copy(update={"location_id": warehouse}) if a.key == "warehouse"
                                             else a for a in records.areas or []])

            welcome = WelcomeDialog()
            open_fitting(welcome)
            await self.settle()
            await self.look(welcome, "welcome")
            welcome.close()
            connect = ConnectDialog(shop="my-shop")
            open_fitting(connect)
            await self.settle()
            await self.look(connect, "connect")
            connect.close()

            window = MainWindow(kiosk=kiosk, demo=True)
            controller = MainController(window, session, kiosk=kiosk)
            window.showFullScreen() if kiosk else window.show()
            await controller.start()

            controller.kiosk = False  # the walk opens the manager's screens without the PIN in between
            controller.actions.new_session()
            wizard = controller.actions.wizard
            await self.until(lambda: wizard.records is not None, "the wizard's records")
            await self.look(wizard, "wizard-name")
            wizard.name_page.name.setText("Spring-26")
            wizard.next()
            wizard.products_page.query.setText("vendor:'Northbound Gear'")
            await wizard.products_page.search()
            await self.settle()
            await self.look(wizard, "wizard-products")
            wizard.next()
            await self.until(lambda: bool(wizard.areas_page.boxes), "the wizard's areas")
            await self.look(wizard, "wizard-areas")
            wizard.next()
            await self.until(lambda: getattr(wizard.preflight_page, "checked", False), "the pre-flight check")
            await self.look(wizard, "wizard-preflight")
            wizard.next()
            await self.look(wizard, "wizard-options")
            wizard.next()
            await self.look(wizard, "wizard-confirm")
            wizard.reject()

            await setup.create_session(session, "Spring-26", query="vendor:'Northbound Gear'")
            await setup.snapshot(session, "Spring-26")
            await controller.reload("Spring-26")
            desk = controller.desk
            assert desk is not None
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
            controller._on_rows_changed([desk.view(v) for v in desk.records])
            await self.settle()
            await self.look(window, "main-window")
            self.findings += grid_findings(window, "main-window")
            controller._on_scan(desk.view(next(v for v in desk.records if desk.view(v).sku == DUPLICATE[1])).barcode
                                or "")
            controller._on_scan("0000000000000")
            await self.until(lambda: len(window.scan_bar.not_counted) == 2, "the scan warnings")
            await self.look(window, "scan-warning")
            window.scan_bar.clear_not_counted()

            controller.set_area("showroom")
            controller.kiosk = kiosk  # the counter as the kiosk shows it: full screen
            controller.open_counter(order[1])
            await self.settle()
            await self.look(controller.counter, "counter")
            status = desk.status  # offline, with a long message: nothing may collapse or be cut
            status.online, status.last_error = False, ("The shop cannot be reached right now (the connection timed "
                                                       "out). Check the internet connection; the app keeps your work "
                                                       "and tries again.")
            controller.counting._show_counter()
            await self.look(controller.counter, "counter-offline")
            status.online, status.last_error = True, None
            controller.counting._show_counter()
            controller.counter.close()
            controller.kiosk = False

            controller.actions.edit_areas()
            editor = controller.actions.areas_editor
            await self.until(lambda: editor.save.isEnabled(), "the storage areas")
            await self.look(editor, "areas-editor")
            editor.close()

            controller.open_progress()
            await self.until(lambda: controller.progress_dialog.summary.text() != "", "the progress view")
            await self.look(controller.progress_dialog, "progress")
            controller.progress_dialog.close()

            controller.kiosk = kiosk
            from inventra_desktop.ui.pin_dialog import ManagerPin, PinDialog
            setting = PinDialog(window, "finalize", ManagerPin())
            open_fitting(setting)
            await self.settle()
            await self.look(setting, "pin-set")
            setting.close()
            ManagerPin().set("2468")
            entering = PinDialog(window, "finalize", ManagerPin())
            open_fitting(entering)
            await self.settle()
            await self.look(entering, "pin")
            entering.close()

            controller.open_close_dialog()
            dialog = controller.close_dialog
            await self.until(lambda: dialog.report is not None, "the session's results")
            await self.look(dialog, "finalize")
            for tab in ("variances", "moved", "alerts"):
                dialog.show_tab(tab)
                await self.settle(0.1)
                await self.look(dialog, f"results-{tab}-counting")
            dialog.show_tab("finalize")
            dialog.finalize_tab.zero.setChecked(True)
            dialog.finalize_tab.go.click()
            await self.until(lambda: dialog.confirm is not None and dialog.confirm.isVisible(), "the confirmation")
            await self.look(dialog.confirm, "finalize-confirm")
            if kiosk:
                dialog.confirm.type_pin("2468")
            dialog.confirm.confirm.click()
            await self.until(lambda: controller.close_dialog is not dialog and controller.close_dialog is not None
                             and controller.close_dialog.apply_tab is not None
                             and controller.close_dialog.apply_tab.plan is not None, "the finalized session")
            results = controller.close_dialog
            await self.look(results, "results-alerts")
            results.show_tab("variances")
            await self.settle(0.1)
            await self.look(results, "results-variances")
            results.show_tab("apply")
            await self.settle(0.1)
            await self.look(results, "apply-preview")
            results.apply_tab.apply_button.click()
            await self.until(lambda: results.apply_tab.confirm is not None and results.apply_tab.confirm.isVisible(),
                             "the apply confirmation")
            await self.look(results.apply_tab.confirm, "apply-confirm")
            results.apply_tab.confirm.reject()
            results.close()
            await self.settle()
            await desk.close()
            await client.aclose()


if __name__ == "__main__":
    sys.exit(main())
