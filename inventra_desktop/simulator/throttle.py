"""Shopify's leaky bucket for GraphQL query cost, on a real (injectable) clock."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

# restore rate (points/s) and bucket size per plan; bucket = 20 x rate as seen in real responses.
PLANS: dict[str, tuple[float, float]] = {
    "standard": (100.0, 2000.0),
    "advanced": (200.0, 4000.0),
    "plus": (1000.0, 20000.0),
    "enterprise": (2000.0, 40000.0),
}
MAX_SINGLE_QUERY_COST = 1000


@dataclass
class ThrottleStatus:
    maximumAvailable: float
    currentlyAvailable: float
    restoreRate: float

    def as_dict(self) -> dict[str, float]:
        return {"maximumAvailable": self.maximumAvailable,
                "currentlyAvailable": round(self.currentlyAvailable, 3), "restoreRate": self.restoreRate}


class LeakyBucket:
    """One app's bucket on one shop. Thread-safe; `clock` is monotonic seconds."""

    def __init__(self, plan: str = "standard", clock: Callable[[], float] = time.monotonic) -> None:
        self.restore_rate, self.maximum = PLANS[plan]
        self._clock = clock
        self._available = self.maximum
        self._at = clock()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        now = self._clock()
        self._available = min(self.maximum, self._available + (now - self._at) * self.restore_rate)
        self._at = now

    def take(self, cost: float) -> bool:
        """Reserve `cost` points; False (and nothing taken) when the bucket holds less."""
        with self._lock:
            self._refill()
            if cost > self._available:
                return False
            self._available -= cost
            return True

    def refund(self, points: float) -> None:
        with self._lock:
            self._refill()
            self._available = min(self.maximum, self._available + max(0.0, points))

    def status(self) -> ThrottleStatus:
        with self._lock:
            self._refill()
            return ThrottleStatus(self.maximum, self._available, self.restore_rate)
