"""The client's bucket model waits exactly as long as the shop's bucket needs."""

from __future__ import annotations

import asyncio

from inventra_desktop.shopify.pacing import CostBucket


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_reserve_waits_for_the_missing_points_only(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.now += seconds

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    bucket = CostBucket(clock)
    bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": 30, "restoreRate": 100})

    async def scenario() -> None:
        await bucket.reserve(10)  # 30 available: no wait
        await bucket.reserve(50)  # 20 left: wait 0.3 s
    asyncio.run(scenario())
    assert slept and abs(sum(slept) - 0.3) < 1e-9
    assert abs(bucket.waited - 0.3) < 1e-9


def test_settle_adopts_the_shops_numbers_and_throttle_wait_is_exact() -> None:
    clock = FakeClock()
    bucket = CostBucket(clock)
    bucket.settle(0, 0, {"maximumAvailable": 4000, "currentlyAvailable": 100, "restoreRate": 200})
    assert bucket.maximum == 4000 and bucket.restore_rate == 200
    assert bucket.throttled(300, {"maximumAvailable": 4000, "currentlyAvailable": 100, "restoreRate": 200}) == 1.0
    clock.now += 1
    assert abs(bucket.fill - 300 / 4000) < 1e-9


def test_refunds_come_back_but_the_shops_lower_number_wins() -> None:
    clock = FakeClock()
    bucket = CostBucket(clock)
    bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": 1000, "restoreRate": 100})
    asyncio.run(bucket.reserve(252))
    bucket.settle(252, 2, {"maximumAvailable": 2000, "currentlyAvailable": 998, "restoreRate": 100})
    assert bucket._level() == 998  # refund of 250 applied, then the shop said 998
    asyncio.run(bucket.reserve(100))
    bucket.settle(100, 100, {"maximumAvailable": 2000, "currentlyAvailable": 950, "restoreRate": 100})
    assert bucket._level() == 898  # the shop has not seen this one yet: keep our lower figure
