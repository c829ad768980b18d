"""Composition root of the GUI: QApplication, the qasync loop, logging, the shop, the windows."""

from __future__ import annotations

import argparse
import asyncio
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .paths import data_dir, log_dir, make_private_dir
from .ui.tasks import spawn

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
    variants loaded a full pass took 400 ms (benchmarks/gui_responsiveness.py). A young pass every
    20,000 allocations stays under ~35 ms; the middle generation, collected every 1,000 young
    passes, stays out of a session's load (a pass over a 10,000-variant load's survivors took
    70-200 ms); the controller freezes a loaded session out of later passes."""
    import gc

    gc.set_threshold(20_000, 1_000, 50)


def setup_logging() -> Path:
    """A rotating log file in the user's log folder; no secret ever goes there (tokens are
    only in request headers, which httpx does not log)."""
    folder = log_dir()
    make_private_dir(folder)  # what was counted, by whom: for this user's eyes (and support's, when sent)
    path = folder / "inventra-desktop.log"
    if sys.platform != "win32":
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600))
        os.chmod(path, 0o600)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return path


DEMO = "demo"  # the value of settings' shop/last when the demo store was used last


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    import qasync
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .ui import theme
    from .ui.tasks import use_plain_executor

    tune_gc()
    log_path = setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Inventra Desktop")
    app.setOrganizationName("Inventra")
    app.setApplicationVersion(__version__)
    from .ui.translations import install_translators

    log.info("translation catalogs: %s", install_translators(app) or "none (English)")
    from .icons import icon_files  # package data: there after a pip install and in the bundle

    window_icon = QIcon()
    for icon_file in icon_files():
        window_icon.addFile(str(icon_file))
    if not window_icon.isNull():
        app.setWindowIcon(window_icon)
    theme.set_theme(theme.theme_for_screen(args.kiosk, app.primaryScreen().availableGeometry().height()))
    theme.apply_palette(app)

    def excepthook(kind, value, tb):  # type: ignore[no-untyped-def]
        log.error("unexpected error", exc_info=(kind, value, tb))
        QMessageBox.critical(None, "Inventra Desktop", f"Something unexpected went wrong: {value}\n\n"
                             f"Your counts are safe in the journal. The details are in {log_path}.")
    sys.excepthook = excepthook

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    cpu = use_plain_executor(loop)
    shell = Shell(args)
    try:
        with loop:
            return loop.run_until_complete(shell.run())
    finally:
        shell.stop_demo()
        cpu.shutdown(wait=True)


class Shell:
    """Which shop the app is on, and the windows: first-run welcome, connect, the main window;
    switching shops and resetting the demo store close one main window and open another."""

    def __init__(self, args: argparse.Namespace, settings: Any = None) -> None:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        self.args = args
        self.settings = settings if settings is not None else QSettings()
        self.demo_store: Any = None  # the DemoStore while the demo store runs
        self.window: Any = None
        self.controller: Any = None
        self.shop: Any = None  # the ShopSession the main window works with
        self.switching = False
        self.start_failed = False
        self.quit_event = asyncio.Event()
        app = QApplication.instance()
        app.setQuitOnLastWindowClosed(False)  # switching shops closes the last window for a moment
        app.lastWindowClosed.connect(self._maybe_quit)  # type: ignore[union-attr]

    def _maybe_quit(self) -> None:
        # Only the main window's closing quits: the welcome or connect dialog closing as a shop is
        # chosen is the last window closing too (Qt says so), and must not end the app.
        if not self.switching and self.window is not None and not self.window.isVisible():
            self.quit_event.set()

    # ---- choosing a shop -------------------------------------------------------------------
    async def open_demo(self) -> Any:
        from .services.demo_store import DemoStore

        self.stop_demo()
        self.demo_store = DemoStore(data_dir())
        return await self.demo_store.connect()

    def stop_demo(self) -> None:
        if self.demo_store is not None:
            self.demo_store.stop()
            self.demo_store = None

    async def _ask(self, dialog: Any, outcomes: dict[str, Any]) -> Any:
        """Open `dialog` and wait for the first of its signals named in `outcomes` (or its closing)."""
        chosen: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        for signal, value in outcomes.items():
            getattr(dialog, signal).connect(lambda *a, v=value: chosen.done() or chosen.set_result(v(*a)
                                                                                                 if callable(v) else v))
        dialog.rejected.connect(lambda: chosen.done() or chosen.set_result(None))
        from .ui.screen_fit import open_fitting
        open_fitting(dialog)
        return await chosen

    async def choose_shop(self, *, welcome: bool) -> Any:
        """The shop to open: the demo store, a saved shop (reconnected by itself), or one the user
        connects to; None when the user closes the dialogs."""
        from PySide6.QtCore import QTimer

        from .ui.connect_dialog import ConnectDialog
        from .ui.welcome import WelcomeDialog

        last = str(self.settings.value("shop/last", ""))
        if welcome and not self.args.shop:
            if last == DEMO:
                return await self.open_demo()  # the demo again, no questions; Shop ▸ Connect switches
            if not last:
                dialog = WelcomeDialog()
                dialog.guide_requested.connect(lambda: self.show_help(dialog))
                choice = await self._ask(dialog, {"connect_chosen": "connect", "demo_chosen": DEMO})
                if choice is None:
                    return None
                if choice == DEMO:
                    return await self.open_demo()
        dialog = ConnectDialog(shop=self.args.shop or ("" if last == DEMO else last))
        if last and last != DEMO and str(self.settings.value("shop/secret_kept", "true")).lower() == "false":
            dialog.explain_forgotten_secret()
        if welcome and dialog.has_saved_secret:  # a PC or kiosk that starts again goes straight to its shop
            QTimer.singleShot(0, dialog, dialog.connect_now)
        choice = await self._ask(dialog, {"connected": lambda shop: shop, "demo_requested": DEMO})
        if choice == DEMO:
            return await self.open_demo()
        return choice

    # ---- the main window -------------------------------------------------------------------
    async def open_main(self, shop: Any) -> None:
        from .services import setup
        from .ui.controller import MainController
        from .ui.main_window import MainWindow

        # The address only (the full URL: a loopback shop's name alone does not parse back); secrets: keyring.
        self.settings.setValue("shop/last", DEMO if shop.demo else shop.address)
        self.settings.setValue("shop/secret_kept", shop.secret_kept)
        self.shop = shop
        report = await setup.install(shop)  # idempotent: runs on every connect
        window = MainWindow(kiosk=self.args.kiosk, demo=shop.demo)
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        controller = self.controller = MainController(window, shop, kiosk=self.args.kiosk)
        window.connect_requested.connect(lambda: spawn(self.switch_shop(), self._failed))
        window.reset_demo_requested.connect(lambda: spawn(self.reset_demo(), self._failed))
        window.help_requested.connect(lambda: self.show_help(window))
        self.window = window
        window.showFullScreen() if self.args.kiosk else window.show()
        notes = shop.notes + report.notices
        if notes:
            window.statusBar().showMessage(" ".join(notes), 30000)
        log.info("main window open on %s (%s), %dx%d", shop.shop_name or shop.address, "demo" if shop.demo else "shop",
                 window.width(), window.height())
        if report.several_locations:  # the first run on a shop with several locations: map the areas here
            controller.actions.edit_areas(first_run=True)
        try:
            await controller.start()
        except Exception as exc:  # noqa: BLE001 (a shop that fails now is shown, not a crash)
            if controller is not self.controller:
                return  # the window was replaced meanwhile (reset, another shop): its loading no longer matters
            log.error("loading the shop failed", exc_info=exc)
            self.start_failed = True
            controller._on_error(exc)

    async def close_main(self) -> None:
        self.switching = True
        try:
            if self.window is not None:
                self.settings.setValue("main/geometry", self.window.saveGeometry())
                self.window.close()
                self.window.deleteLater()
                self.window = None
            if self.controller is not None and self.controller.desk is not None:
                await self.controller.desk.close()
            self.controller = None
            if self.shop is not None:
                await self.shop.aclose()
                self.shop = None
        finally:
            self.switching = False

    async def switch_shop(self) -> None:
        """Shop ▸ Connect to a shop…: another shop (or the demo) in place of this one. Closing the
        dialog keeps the shop that is open."""
        from .ui.connect_dialog import ConnectDialog

        self.switching = True
        try:
            dialog = ConnectDialog(self.window)
            choice = await self._ask(dialog, {"connected": lambda shop: shop, "demo_requested": DEMO})
            if choice is None:
                return
            old_demo = self.demo_store
            if choice == DEMO and old_demo is None:
                # Started before this shop closes: a demo store that cannot start (another app on
                # this PC has it open) leaves this window as it was, with the reason.
                shop = await self.open_demo()
                await self.close_main()
            else:
                self.demo_store = None
                await self.close_main()
                self.switching = True
                if old_demo is not None:
                    old_demo.stop()
                shop = await self.open_demo() if choice == DEMO else choice
        finally:
            self.switching = False
        await self.open_main(shop)

    async def reset_demo(self) -> None:
        """Shop ▸ Reset the demo store: its state file and its journal go; a fresh demo store opens."""
        from PySide6.QtCore import QCoreApplication

        from .services.demo_store import forget_demo_store

        self.switching = True
        try:
            await self.close_main()
            self.switching = True
            self.stop_demo()
            forget_demo_store(data_dir())
            shop = await self.open_demo()
        finally:
            self.switching = False
        await self.open_main(shop)
        if self.window is not None:
            self.window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "The demo store was reset."),
                                                10000)

    def show_help(self, parent: Any) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        from .ui.help_viewer import HelpWindow, user_guide

        guide = user_guide()
        if guide is None:
            QMessageBox.information(parent, "Inventra Desktop", QCoreApplication.translate(
                "MainWindow", "The user guide is not installed with this copy; it is docs/user-guide.md in the source."))
            return
        self.help_window = HelpWindow(parent, guide)  # closes with its window; never keeps the app alive
        self.help_window.show()

    def _failed(self, error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .services.messages import describe

        log.error("switching shops failed", exc_info=error)
        QMessageBox.warning(self.window, "Inventra Desktop", describe(error))

    async def run(self) -> int:
        from PySide6.QtWidgets import QMessageBox

        from .services.messages import describe
        from .stocktake.errors import StockTakeError

        args = self.args
        self.switching = True  # the first dialogs closing is not the app closing
        try:
            shop = await (self.open_demo() if args.demo or args.self_test else self.choose_shop(welcome=True))
        except StockTakeError as exc:  # e.g. the demo store is open in another app on this PC
            log.error("no shop to open", exc_info=exc)
            QMessageBox.critical(None, "Inventra Desktop", describe(exc))
            return 1
        finally:
            self.switching = False
        if shop is None:
            return 0
        await self.open_main(shop)
        if args.self_test:
            await asyncio.sleep(0.5)
            if args.screenshot and self.window is not None:
                self.window.grab().save(str(args.screenshot))
            return 1 if self.start_failed else 0
        await self.quit_event.wait()
        await self.close_main()
        return 0


if __name__ == "__main__":
    sys.exit(main())
