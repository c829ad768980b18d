"""Faults on demand: what a flaky network or a busy Shopify does to a request.

Set at start (`FaultPlan(...)`) or at run time through the admin endpoint. Each request
draws at most one fault; "fail the next N" comes before the random rates.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from typing import Any

# http_502 / http_503: Shopify-side trouble; http_429: REST-style throttle with Retry-After;
# throttled: GraphQL THROTTLED in a 200; drop: the connection closes before the request is
# processed; drop_after: processed, then the connection closes before the answer (the case
# that makes a retried write dangerous); slow: the answer comes `slow_seconds` late.
KINDS = ("http_502", "http_503", "http_429", "throttled", "drop", "drop_after", "slow")


@dataclass
class FaultPlan:
    rates: dict[str, float] = field(default_factory=dict)  # kind -> probability per request
    fail_next: list[str] = field(default_factory=list)  # kinds for the next requests, in order
    slow_seconds: float = 2.0
    seed: int | None = None

    def __post_init__(self) -> None:
        unknown = [k for k in [*self.rates, *self.fail_next] if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown fault kind(s): {', '.join(unknown)}; known: {', '.join(KINDS)}")
        if not all(isinstance(r, (int, float)) and 0 <= r <= 1 for r in self.rates.values()):
            raise ValueError("fault rates are probabilities between 0 and 1")
        if not isinstance(self.slow_seconds, (int, float)) or self.slow_seconds < 0:
            raise ValueError("slow_seconds must be a number of seconds")
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()

    def draw(self) -> str | None:
        with self._lock:
            if self.fail_next:
                return self.fail_next.pop(0)
            roll = self._rng.random()
            for kind in KINDS:
                rate = self.rates.get(kind, 0.0)
                if roll < rate:
                    return kind
                roll -= rate
            return None

    def as_dict(self) -> dict[str, Any]:
        return {"rates": dict(self.rates), "fail_next": list(self.fail_next), "slow_seconds": self.slow_seconds,
                "seed": self.seed}
