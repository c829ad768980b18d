"""The edge of async in the GUI: start a coroutine from a slot, keep it alive, report failures.

qasync keeps no reference to tasks it runs, so a fire-and-forget task could be collected
mid-flight; the registry holds them until they finish.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable, Coroutine

log = logging.getLogger(__name__)
_running: set[asyncio.Task[Any]] = set()


def spawn(coro: Coroutine[Any, Any, Any], on_error: Callable[[BaseException], None] | None = None,
          name: str | None = None) -> asyncio.Task[Any]:
    task = asyncio.ensure_future(coro)
    if name:
        task.set_name(name)
    _running.add(task)

    def finished(t: asyncio.Task[Any]) -> None:
        _running.discard(t)
        if t.cancelled():
            return
        error = t.exception()
        if error is not None:
            log.error("background task %s failed", t.get_name(), exc_info=error)
            if on_error:
                on_error(error)
    task.add_done_callback(finished)
    return task


def running() -> int:
    return len(_running)


def use_plain_executor(loop: asyncio.AbstractEventLoop) -> Any:
    """Give the qasync loop a plain thread pool for `asyncio.to_thread`: qasync's own default
    executor runs QThreads, which abort the interpreter at exit when still alive
    ("QThread: Destroyed while thread is still running"). Shut it down before the app ends."""
    from concurrent.futures import ThreadPoolExecutor

    executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="cpu")
    loop.set_default_executor(executor)
    return executor
