"""The client's model of the shop's leaky bucket, shared by every concurrent caller.

Each request takes its expected cost from the model before it is sent and gets the unused
part back when the answer says what it really cost. Answers carry the shop's own view
(`extensions.cost.throttleStatus`); the model adopts it, less what is still on its way,
whenever that is lower than our own figure (another device on the same app spent points),
never when it is higher. Counting a request in flight that the shop has in fact already
charged only lowers the level a little; it does not lower the rate we achieve.
"""

from __future__ import annotations

import asyncio
import time
from typing import Callable


class CostBucket:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.maximum = 2000.0  # Shopify's standard plan until the first answer tells us better
        self.restore_rate = 100.0
        self._available = self.maximum
        self._at = clock()
        self._in_flight = 0.0  # points held by requests the shop has not answered yet
        self._lock = asyncio.Lock()
        self.waited = 0.0  # seconds spent waiting, for benchmarks and the status bar

    def _level(self) -> float:
        return min(self.maximum, self._available + (self._clock() - self._at) * self.restore_rate)

    def _set(self, level: float) -> None:
        self._available, self._at = min(self.maximum, level), self._clock()

    @property
    def fill(self) -> float:
        """How full the bucket is, 0..1 (the status bar shows it)."""
        return max(0.0, self._level()) / self.maximum

    async def reserve(self, cost: Callable[[], float] | float) -> float:
        """Wait until the bucket should hold the cost, take it, and return it. `cost` may be a
        function: it is read when this caller's turn comes, so it can use what earlier answers taught."""
        async with self._lock:  # one waiter at a time keeps callers in arrival order
            while True:
                needed = min(cost() if callable(cost) else cost, self.maximum)
                level = self._level()
                if level >= needed:
                    self._set(level - needed)
                    self._in_flight += needed
                    return needed
                pause = (needed - level) / self.restore_rate
                self.waited += pause
                await asyncio.sleep(pause)

    def settle(self, reserved: float, actual: float | None, status: dict | None) -> None:
        """The shop answered a request that held `reserved` points and charged `actual`."""
        self._in_flight = max(0.0, self._in_flight - reserved)
        level = self._level() + max(0.0, reserved - (actual if actual is not None else reserved))
        if status:
            self.maximum = float(status.get("maximumAvailable") or self.maximum)
            self.restore_rate = float(status.get("restoreRate") or self.restore_rate)
            if status.get("currentlyAvailable") is not None:
                level = min(level, float(status["currentlyAvailable"]) - self._in_flight)
        self._set(level)

    def release(self, reserved: float) -> None:
        """A request the shop did not charge gives its points back."""
        self._in_flight = max(0.0, self._in_flight - reserved)
        self._set(self._level() + reserved)

    def throttled(self, requested: float, status: dict | None) -> float:
        """After a THROTTLED answer: adopt the shop's numbers and return the exact wait,
        (requested − available) / restoreRate."""
        self.settle(0.0, 0.0, status)
        available = float((status or {}).get("currentlyAvailable") or 0.0)
        pause = max(0.0, (requested - available) / self.restore_rate)
        self.waited += pause
        return pause
