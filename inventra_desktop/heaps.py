"""Big structures freed off the event loop.

Freeing ten thousand variants where the last reference goes took 60 ms on the event loop
(benchmarks/gui_responsiveness.py); freed in one call anywhere, it would hold the GIL as long.
"""

from __future__ import annotations

import asyncio
from typing import Any


async def free_off_loop(*heaps: list[Any] | dict[Any, Any]) -> None:
    """Empty each list or dict in a worker thread, a slice at a time. The callers no longer use them."""
    def drop() -> None:
        for heap in heaps:
            if isinstance(heap, dict):
                while heap:
                    heap.popitem()
            else:
                while heap:
                    del heap[-200:]
    await asyncio.to_thread(drop)
