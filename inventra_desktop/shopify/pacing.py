"""The client's model of the shop's leaky bucket, shared by every concurrent caller.

Each request takes its expected cost from the model before it is sent and gets the unused
part back when the answer says what it really cost. Answers carry the shop's own view
(`extensions.cost.throttleStatus`); the model adopts it, less what is still on its way,
whenever that is lower than our own figure (another device on the same app spent points),
never when it is higher. Counting a request in flight that the shop has in fact already
charged only lowers the level a little; it does not lower the rate we achieve.

Devices of one shop share one bucket per app (Shopify's rule), so each also estimates what
the others spend: between two answers the shop's level should have moved by the restore rate
less what we spent; what is missing was spent by someone else. The model then refills at the
restore rate less that foreign rate, so devices that share a bucket slow down together and
settle on about equal shares instead of all running at the full rate and being throttled in
turn (issue 14, item 8: five devices saw 66-77 % of their requests answered THROTTLED).
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from typing import Callable

MIN_SHARE = 0.01  # never assume less than this share of the restore rate is ours (50 devices: 0.02 each)
SMOOTHING = 3.0  # seconds over which the foreign rate estimate follows what it sees
MIN_SPAN = 0.5  # seconds between two answers worth learning from (shorter ones are mostly timing noise)
# Our points in flight above this share of the bucket make the shop's figure unreadable: we cannot
# tell which of them the shop has charged yet (a burst of 300 writes holds thousands).
QUIET_IN_FLIGHT = 0.05
# With others on the bucket, leave this share of it to them: requests of several devices that
# arrive together then all fit, instead of all but one being answered THROTTLED.
HEADROOM = 0.1
# A request of this many points or fewer (a bulk operation's status read, the sessions record)
# does not queue behind the writes waiting for their 10 points each: it takes its point as soon
# as the bucket holds it. Behind a finalize's tag writes, the status reads of its bulk parts came
# 0.6 s late, and each part's end was seen that much later.
QUICK_COST = 2.0


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
        self.foreign_rate = 0.0  # points/s other clients of the same bucket spend, as estimated
        # (when, the shop's level plus our in-flight points, those in-flight points): some of them
        # the shop may not have charged yet, so that level may be too high by as much as they are.
        self._seen: tuple[float, float, float] | None = None
        self._spent_since = 0.0  # points the shop charged us since `_seen`

    @property
    def rate(self) -> float:
        """The points per second that refill for us: the restore rate less what others spend."""
        return max(self.restore_rate * MIN_SHARE, self.restore_rate - self.foreign_rate)

    def _level(self) -> float:
        return min(self.maximum, self._available + (self._clock() - self._at) * self.rate)

    def _set(self, level: float) -> None:
        self._available, self._at = min(self.maximum, level), self._clock()

    @property
    def fill(self) -> float:
        """How full the bucket is, 0..1 (the status bar shows it)."""
        return max(0.0, self._level()) / self.maximum

    def seconds_for(self, points: float) -> float:
        """How long `points` take to refill at our share of the restore rate (pacing a poll)."""
        return points / self.rate

    async def reserve(self, cost: Callable[[], float] | float) -> float:
        """Wait until the bucket should hold the cost, take it, and return it. `cost` may be a
        function: it is read when this caller's turn comes, so it can use what earlier answers taught.
        A request of `QUICK_COST` points or fewer does not wait for its turn behind larger ones."""
        if (cost() if callable(cost) else cost) <= QUICK_COST:
            return await self._take(cost)
        async with self._lock:  # one waiter at a time keeps callers in arrival order
            return await self._take(cost)

    async def _take(self, cost: Callable[[], float] | float) -> float:
        while True:
            needed = min(cost() if callable(cost) else cost, self.maximum)
            level = self._level()
            if level >= needed:
                self._set(level - needed)
                self._in_flight += needed
                return needed
            pause = (needed - level) / self.rate
            self.waited += pause
            await asyncio.sleep(pause)

    def settle(self, reserved: float, actual: float | None, status: dict | None) -> None:
        """The shop answered a request that held `reserved` points and charged `actual`."""
        self._in_flight = max(0.0, self._in_flight - reserved)
        charged = actual if actual is not None else reserved
        self._spent_since += charged
        level = self._level() + max(0.0, reserved - charged)
        if status:
            self.maximum = float(status.get("maximumAvailable") or self.maximum)
            self.restore_rate = float(status.get("restoreRate") or self.restore_rate)
            if status.get("currentlyAvailable") is not None:
                shop = float(status["currentlyAvailable"])
                self._learn(shop)
                level = min(level, shop - self._in_flight - self.headroom)
        self._set(level)

    @property
    def headroom(self) -> float:
        """Points we leave in the shared bucket while others spend from it (none when alone)."""
        return self.maximum * HEADROOM if self.foreign_rate > self.restore_rate * 0.02 else 0.0

    def _learn(self, shop: float) -> None:
        """Update the foreign rate from the shop's level now and at the last answer."""
        now = self._clock()
        if self._in_flight > self.maximum * QUIET_IN_FLIGHT:
            self._seen, self._spent_since = None, 0.0  # start again once our burst is answered
            return
        seen = shop + self._in_flight  # what the shop would show without our requests in flight
        if self._seen is None:
            self._seen, self._spent_since = (now, seen, self._in_flight), 0.0
            return
        then, before, unsure = self._seen
        span = now - then
        if span < MIN_SPAN:
            return
        expected = min(self.maximum, before + span * self.restore_rate - self._spent_since)
        # Spent by others (never negative: a full bucket hides nothing), less what our requests in
        # flight at the first answer may account for: counted there as not yet charged, they made
        # the expected level too high (a finalize's dozen writes in flight looked like another
        # device spending 17 points a second, and a tenth of the bucket was held back for nobody).
        missing = max(0.0, expected - seen - unsure)
        sample = min(self.restore_rate, missing / span)
        if seen >= self.maximum * 0.98:
            sample = 0.0  # a full bucket: nobody is short of points, whatever others spend
        weight = 1.0 - math.exp(-span / SMOOTHING)
        self.foreign_rate = min(self.restore_rate * (1 - MIN_SHARE),
                                self.foreign_rate + weight * (sample - self.foreign_rate))
        self._seen, self._spent_since = (now, seen, self._in_flight), 0.0

    def release(self, reserved: float) -> None:
        """A request the shop did not charge gives its points back."""
        self._in_flight = max(0.0, self._in_flight - reserved)
        self._set(self._level() + reserved)

    def throttled(self, requested: float, status: dict | None) -> float:
        """After a THROTTLED answer: adopt the shop's numbers and return the wait, (requested −
        available) / our share of the restore rate, plus a random part: devices throttled at the
        same moment must not all come back at the same moment and be throttled again."""
        self.settle(0.0, 0.0, status)
        available = float((status or {}).get("currentlyAvailable") or 0.0)
        # Never longer than the whole bucket takes to refill: a share estimated from one burst of
        # several devices (99 of 100 points/s "foreign") asked one page to wait 200 s.
        exact = min(max(0.0, (requested - available) / self.rate), self.maximum / self.restore_rate)
        pause = exact + random.uniform(0.0, 0.25 * exact + 0.05)
        self.waited += pause
        return pause
