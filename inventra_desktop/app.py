"""Composition root of the GUI: QApplication, the qasync loop, logging, the shop, the windows."""

from __future__ import annotations

import argparse
import asyncio
import logging
import logging.handlers
import sys
from pathlib import Path

from . import __version__
from .paths import data_dir, log_dir

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="inventra-desktop", description="Stock-takes for Shopify.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true", help="open on the embedded demo store, no questions asked")
    parser.add_argument("--kiosk", action="store_true", help="kiosk mode: full screen, large type, manager PIN")
    parser.add_argument("--shop", help="preselect a shop in the connect dialog")
    parser.add_argument("--self-test", action="store_true",
                        help="open on the demo store, render the main window, exit 0 when it works")
    parser.add_argument("--screenshot", type=Path, help="with --self-test: save the main window to this PNG")
    return parser.parse_args(argv)


def tune_gc() -> None:
    """Python's cyclic GC stops every thread while it walks the heap; with tens of thousands of
    variants loaded a full pass took 400 ms (benchmarks/gui_responsiveness.py). Collect the young
    generation less often; the controller freezes a loaded session out of later passes."""
    import gc

    gc.set_threshold(100_000, 50, 50)


def setup_logging() -> Path:
    """A rotating log file in the user's log folder; no secret ever goes there (tokens are
    only in request headers, which httpx does not log)."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "inventra-desktop.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return path


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .journal.workspace import open_workspace
    from .shopify.address import ShopAddress
    from .shopify.auth import StaticToken
    from .shopify.client import AdminClient
    from .simulator.embedded import EmbeddedShop, ShopConfig
    from .stocktake.install import install
    from .ui import theme
    from .ui.connect_dialog import ConnectDialog, Connection
    from .ui.controller import MainController
    from .ui.main_window import MainWindow
    from .ui.tasks import use_plain_executor

    tune_gc()
    log_path = setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Inventra Desktop")
    app.setOrganizationName("Inventra")
    app.setApplicationVersion(__version__)
    icon = Path(__file__).resolve().parent.parent / "resources" / "icons" / "inventra.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    theme.set_theme(theme.Theme(kiosk=args.kiosk))
    theme.apply_palette(app)

    def excepthook(kind, value, tb):  # type: ignore[no-untyped-def]
        log.error("unexpected error", exc_info=(kind, value, tb))
        QMessageBox.critical(None, "Inventra Desktop", f"Something unexpected went wrong: {value}\n\n"
                             f"Your counts are safe in the journal. The details are in {log_path}.")
    sys.excepthook = excepthook

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    cpu = use_plain_executor(loop)
    workspace = open_workspace()
    settings = QSettings()
    shops: list[EmbeddedShop] = []
    quit_event = asyncio.Event()
    app.lastWindowClosed.connect(quit_event.set)
    state: dict[str, object] = {}

    def demo_connection() -> Connection:
        shop = EmbeddedShop(ShopConfig(state_file=data_dir() / "demo-store.json")).start()
        shops.append(shop)
        return Connection(ShopAddress.parse(shop.url), StaticToken(shop.token), "Inventra Demo Store", demo=True)

    async def open_main(connection: Connection) -> bool:
        client = AdminClient(connection.address, connection.credentials)
        state["client"] = client
        await client.connect()
        report = await install(client)  # idempotent: runs on every connect
        window = MainWindow(kiosk=args.kiosk, demo=connection.demo)
        state["window"] = window
        geometry = settings.value("main/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        window.destroyed.connect(quit_event.set)
        controller = MainController(window, client, workspace, kiosk=args.kiosk)
        state["controller"] = controller
        window.showFullScreen() if args.kiosk else window.show()
        if report.notices:
            window.statusBar().showMessage(" ".join(report.notices), 15000)
        await controller.start()
        return True

    async def run() -> int:
        if args.demo or args.self_test:
            ok = await open_main(demo_connection())
        else:
            dialog = ConnectDialog(shop=args.shop or str(settings.value("shop/last", "")))
            chosen: asyncio.Future[Connection | None] = loop.create_future()
            dialog.connected.connect(lambda c: chosen.done() or chosen.set_result(c))
            dialog.demo_requested.connect(lambda: chosen.done() or chosen.set_result(demo_connection()))
            dialog.rejected.connect(lambda: chosen.done() or chosen.set_result(None))
            dialog.open()
            connection = await chosen
            if connection is None:
                return 0
            if not connection.demo:
                settings.setValue("shop/last", connection.address.name)  # the address only; secrets: keyring
            ok = await open_main(connection)
        window = state.get("window")
        if args.self_test:
            await asyncio.sleep(0.5)
            if args.screenshot and window is not None:
                window.grab().save(str(args.screenshot))  # type: ignore[attr-defined]
            return 0 if ok else 1
        await quit_event.wait()
        if window is not None:
            settings.setValue("main/geometry", window.saveGeometry())  # type: ignore[attr-defined]
        return 0

    try:
        with loop:
            return loop.run_until_complete(run())
    finally:
        for shop in shops:
            shop.stop()
        cpu.shutdown(wait=True)


if __name__ == "__main__":
    sys.exit(main())
