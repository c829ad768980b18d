"""The app's shell: the first-run welcome, the demo store that persists, its reset, the help window."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from inventra_desktop.app import DEMO, Shell, parse_args
from inventra_desktop.services.setup import create_session


@pytest.fixture
def shell_env(aio: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QSettings]:
    monkeypatch.setenv("INVENTRA_DATA_DIR", str(tmp_path / "data"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield settings
    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(True)


def start(qtbot: Any, settings: QSettings) -> tuple[Shell, asyncio.Task[int]]:
    shell = Shell(parse_args([]), settings)
    task = asyncio.ensure_future(shell.run())
    return shell, task


def finish(qtbot: Any, shell: Shell, task: asyncio.Task[int]) -> None:
    shell.quit_event.set()
    qtbot.waitUntil(task.done, timeout=15_000)
    assert task.result() == 0
    shell.stop_demo()
    QApplication.instance().lastWindowClosed.disconnect(shell._maybe_quit)


def welcome_dialog() -> Any:
    from inventra_desktop.ui.welcome import WelcomeDialog
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, WelcomeDialog) and w.isVisible()]
    return found[0] if found else None


def test_first_run_welcomes_then_the_demo_store_persists_between_runs(shell_env: QSettings, qtbot: Any,
                                                                       tmp_path: Path) -> None:
    shell, task = start(qtbot, shell_env)
    qtbot.waitUntil(lambda: welcome_dialog() is not None, timeout=10_000)
    welcome = welcome_dialog()
    assert welcome.connect_button.isVisible() and welcome.demo_button.minimumHeight() >= 48
    welcome.demo_button.click()
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=20_000)
    assert shell_env.value("shop/last") == DEMO
    qtbot.waitUntil(lambda: shell.window.sessions.count() == 1, timeout=10_000)  # the first-run hint
    created = asyncio.ensure_future(create_session(shell.shop, "KEPT", query="product_type:Tents"))
    qtbot.waitUntil(created.done, timeout=10_000)
    created.result()
    finish(qtbot, shell, task)
    assert (tmp_path / "data" / "demo-store.json").is_file()

    again, task = start(qtbot, shell_env)  # the second run: straight onto the demo store, state kept
    qtbot.waitUntil(lambda: again.window is not None and again.window.isVisible(), timeout=20_000)
    assert welcome_dialog() is None
    qtbot.waitUntil(lambda: again.controller.desk is not None, timeout=20_000)  # the session loaded
    qtbot.waitUntil(lambda: again.window.sessions.count() > 0 and "KEPT" in again.window.sessions.item(0).text(),
                    timeout=10_000)

    again.window._confirm_reset_demo()  # Shop ▸ Reset the demo store…
    again.window._reset_box.button(QMessageBox.StandardButton.Reset).click()
    qtbot.waitUntil(lambda: again.window is not None and again.window.isVisible()
                    and again.window.statusBar().currentMessage() == "The demo store was reset.", timeout=20_000)
    assert "KEPT" not in again.window.sessions.item(0).text()
    assert not task.done()  # closing the old window for the reset did not quit the app
    finish(qtbot, again, task)


def test_the_help_menu_opens_the_user_guide(qtbot: Any) -> None:
    from inventra_desktop.ui.help_viewer import HelpWindow, user_guide
    guide = user_guide()
    assert guide is not None and guide.name == "user-guide.md"
    window = HelpWindow(None, guide)
    qtbot.addWidget(window)
    window.show()
    text = window.browser.toPlainText()
    assert "stock" in text.lower() and "#" not in text.splitlines()[0]  # Markdown rendered, not shown raw
    images = window.browser.document().toHtml().count("<img")
    assert images >= 1


def test_a_saved_shop_opens_with_the_credentials_the_keyring_kept(shell_env: QSettings, qtbot: Any,
                                                                   memory_keyring: Any) -> None:
    from inventra_desktop.shopify.address import ShopAddress
    from inventra_desktop.shopify.secrets import SecretStore
    from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        address = ShopAddress.parse(shop.url)
        SecretStore().put(address.name, "token", shop.token)  # what the connect dialog kept last time
        shell_env.setValue("shop/last", address.base)
        shell, task = start(qtbot, shell_env)
        qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=20_000)
        assert welcome_dialog() is None  # no welcome, no questions: straight to the shop
        assert "demo" not in shell.window.windowTitle()
        qtbot.waitUntil(lambda: shell.controller is not None and shell.window.sessions.count() == 1, timeout=10_000)
        finish(qtbot, shell, task)


def connect_dialog() -> Any:
    from inventra_desktop.ui.connect_dialog import ConnectDialog
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConnectDialog) and w.isVisible()]
    return found[0] if found else None


def test_every_path_into_a_shop_opens_the_main_window_and_stays(shell_env: QSettings, qtbot: Any,
                                                                 memory_keyring: Any) -> None:
    """Welcome ▸ Connect ▸ a real shop opens the main window, which stays; Shop ▸ Connect closed
    without choosing keeps the shop that is open, and the app running."""
    from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        shell, task = start(qtbot, shell_env)
        qtbot.waitUntil(lambda: welcome_dialog() is not None, timeout=10_000)
        welcome_dialog().connect_button.click()
        qtbot.waitUntil(lambda: connect_dialog() is not None, timeout=10_000)
        dialog = connect_dialog()
        dialog.shop.setText(shop.url)
        dialog.token.setText(shop.token)
        dialog.connect_button.click()
        qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=20_000)
        qtbot.waitUntil(lambda: shell.controller is not None, timeout=10_000)
        assert not task.done() and connect_dialog() is None
        first = shell.shop
        shell.window.connect_requested.emit()  # Shop ▸ Connect to a shop…
        qtbot.waitUntil(lambda: connect_dialog() is not None, timeout=10_000)
        connect_dialog().reject()  # closed without choosing
        qtbot.waitUntil(lambda: connect_dialog() is None)
        assert not task.done() and shell.shop is first and shell.window.isVisible()
        assert shell_env.value("shop/last") == first.address
        finish(qtbot, shell, task)


def test_a_demo_store_open_in_another_app_is_said_not_a_crash(shell_env: QSettings, qtbot: Any, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Two copies of the app on one PC: the second cannot open the demo store (one process writes its
    state file); it says so in a sentence and exits 1, and the first keeps its demo store."""
    from inventra_desktop.services.demo_store import DemoStore

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: said.append(text)))
    first = DemoStore(tmp_path / "data")
    try:
        shell = Shell(parse_args(["--demo"]), shell_env)
        task = asyncio.ensure_future(shell.run())
        qtbot.waitUntil(task.done, timeout=15_000)
        assert task.result() == 1 and shell.window is None
        assert said == ["The demo store is open in another Inventra Desktop on this computer; close that one first, "
                        "or connect to your shop."]
        QApplication.instance().lastWindowClosed.disconnect(shell._maybe_quit)
        assert first.url.startswith("http://127.0.0.1")
    finally:
        first.stop()
