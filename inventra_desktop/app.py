"""Composition root of the GUI: QApplication, the qasync loop, the shop, the main window."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from . import __version__
from .paths import data_dir

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="inventra-desktop", description="Stock-takes for Shopify.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true", help="open on the embedded demo store (the default for now)")
    parser.add_argument("--kiosk", action="store_true", help="kiosk mode (arrives with issue 5)")
    parser.add_argument("--shop", help="preselect a shop (arrives with issue 5)")
    parser.add_argument("--self-test", action="store_true",
                        help="open on the demo store, render the main window, save a screenshot, exit 0")
    parser.add_argument("--screenshot", type=Path, help="with --self-test: where to save the PNG")
    return parser.parse_args(argv)


async def show_shop(window: object, url: str, token: str) -> bool:
    from .shopify.address import ShopAddress
    from .shopify.auth import StaticToken
    from .shopify.client import AdminClient
    from .shopify.documents import document
    from .shopify.errors import ShopifyError

    client = AdminClient(ShopAddress.parse(url), StaticToken(token))
    try:
        data = await client.execute(document("ShopSummary"), {"productQuery": "status:active,draft,archived"})
        window.show_summary(data["shop"]["name"], data["productsCount"]["count"])  # type: ignore[attr-defined]
        return True
    except ShopifyError as exc:
        window.show_error(str(exc))  # type: ignore[attr-defined]
        return False
    finally:
        await client.aclose()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    import qasync
    from PySide6.QtWidgets import QApplication

    from .simulator.embedded import EmbeddedShop, ShopConfig
    from .ui.main_window import MainWindow

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Inventra Desktop")
    app.setOrganizationName("Inventra")
    app.setStyle("Fusion")
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    shop = EmbeddedShop(ShopConfig(state_file=data_dir() / "demo-store.json")).start()
    window = MainWindow(shop.url, demo=True)
    window.show()
    done = asyncio.Event()
    app.lastWindowClosed.connect(done.set)

    async def run() -> int:
        ok = await show_shop(window, shop.url, shop.token)
        if args.self_test:
            if args.screenshot:
                window.grab().save(str(args.screenshot))
            return 0 if ok else 1
        await done.wait()
        return 0

    try:
        with loop:
            return loop.run_until_complete(run())
    finally:
        shop.stop()


if __name__ == "__main__":
    sys.exit(main())
