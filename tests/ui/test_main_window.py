"""The minimal main window shows the demo store it runs on, fetched over loopback HTTP."""

from __future__ import annotations

import asyncio

from inventra_desktop.app import show_shop
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.ui.main_window import MainWindow


def test_the_window_shows_the_shops_name_and_product_count(qtbot, aio) -> None:  # type: ignore[no-untyped-def]
    with EmbeddedShop(ShopConfig()) as shop:
        window = MainWindow(shop.url, demo=True)
        qtbot.addWidget(window)
        window.show()
        task = asyncio.ensure_future(show_shop(window, shop.url, shop.token))
        qtbot.waitUntil(task.done, timeout=10_000)
        assert task.result() is True
        assert window.shop_name.text() == "Inventra Demo Store"
        assert window.product_count.text() == f"{len(shop.state.products)} products"
        assert window.address.text() == shop.url


def test_a_wrong_token_is_a_sentence_in_the_status_bar(qtbot, aio) -> None:  # type: ignore[no-untyped-def]
    with EmbeddedShop(ShopConfig()) as shop:
        window = MainWindow(shop.url, demo=True)
        qtbot.addWidget(window)
        task = asyncio.ensure_future(show_shop(window, shop.url, "shpat_wrong"))
        qtbot.waitUntil(task.done, timeout=10_000)
        assert task.result() is False
        assert "access token" in window.statusBar().currentMessage()
        assert "Traceback" not in window.statusBar().currentMessage()
