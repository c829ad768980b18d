"""UI tests run offscreen with one qasync loop for the whole session (QT-NOTES.md).

Fixtures every UI test module shares live here: the session's loop (`aio`), a fresh simulated
shop (`shop`), and a main window with its controller on a session ready to count (`ready`).
QSettings write to the session's sandbox (tests/conftest.py), never to the user's own.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any, Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from helpers import counting_session, run, shop_session  # noqa: E402

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def settings_in_the_sandbox(sandbox: Path) -> None:
    """Every QSettings() of the app (the manager PIN, the last shop, window geometry) lands here."""
    folder = sandbox / "qsettings"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "user"))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp: Any) -> None:
    """What the app loads for English: our plural forms ("1 line", "2 lines")."""
    from inventra_desktop.ui.translations import install_english_plurals

    assert install_english_plurals(qapp), "inventra_en.qm is missing: run scripts/update-translations.sh"


@pytest.fixture(autouse=True)
def fresh_settings(qapp: Any) -> Iterator[None]:
    """Each test starts with empty settings (no PIN, no last shop, no count of wrong PINs) and
    leaves none behind."""
    from inventra_desktop.paths import data_dir
    from inventra_desktop.services.manager_pin import PIN_GUARD_FILE

    def clear() -> None:
        QSettings().clear()
        (data_dir() / PIN_GUARD_FILE).unlink(missing_ok=True)
    clear()
    yield
    clear()


@pytest.fixture(scope="session")
def qasync_loop(qapp):  # type: ignore[no-untyped-def]
    import qasync

    from inventra_desktop.ui.tasks import use_plain_executor

    loop = qasync.QEventLoop(qapp, already_running=True)
    executor = use_plain_executor(loop)
    yield loop
    executor.shutdown(wait=True)


@pytest.fixture
def aio(qasync_loop, qtbot) -> Iterator[asyncio.AbstractEventLoop]:  # type: ignore[no-untyped-def]
    """Marks the session's qasync loop as running for one test, then cleans up its tasks."""
    asyncio.events._set_running_loop(qasync_loop)
    asyncio.set_event_loop(qasync_loop)
    try:
        yield qasync_loop
    finally:
        for task in asyncio.all_tasks(qasync_loop):
            task.cancel()
        qtbot.wait(50)  # lets the cancelled tasks run their cleanup on the loop
        asyncio.events._set_running_loop(None)


@pytest.fixture
def shop() -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(plan="plus")) as running:
        yield running


@pytest.fixture
def ready(shop: EmbeddedShop, aio: Any, qtbot: Any, tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    """The main window and its controller on session "UI" (Northbound Gear), snapshotted."""
    from inventra_desktop.ui.controller import MainController
    from inventra_desktop.ui.main_window import MainWindow

    session = shop_session(shop, tmp_path, "kiosk-ui")
    run(aio, qtbot, counting_session(session, "UI", "vendor:'Northbound Gear'"))
    window = MainWindow()
    qtbot.addWidget(window)
    controller = MainController(window, session)
    window.show()
    run(aio, qtbot, controller.start())
    yield window, controller
    if controller.desk:
        run(aio, qtbot, controller.desk.close())
    run(aio, qtbot, session.aclose())
