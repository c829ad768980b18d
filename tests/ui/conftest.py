"""UI tests run offscreen with one qasync loop for the whole session (QT-NOTES.md)."""

from __future__ import annotations

import asyncio
import os
from typing import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
        qtbot.wait(50)
        asyncio.events._set_running_loop(None)
