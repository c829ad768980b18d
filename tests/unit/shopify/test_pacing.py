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
    pause = bucket.throttled(300, {"maximumAvailable": 4000, "currentlyAvailable": 100, "restoreRate": 200})
    # the exact wait (200 points missing at 200 points/s), plus a random part of at most a quarter
    assert 1.0 <= pause <= 1.0 + 0.25 + 0.05
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


def test_devices_throttled_together_come_back_at_different_moments() -> None:
    status = {"maximumAvailable": 2000, "currentlyAvailable": 0, "restoreRate": 100}
    pauses = {round(CostBucket(FakeClock()).throttled(100, status), 6) for _ in range(20)}
    assert len(pauses) > 10 and min(pauses) >= 1.0


def _share_of_a_bucket_with_others(others: float, seconds: int = 180) -> tuple[CostBucket, float, int]:
    """One client spending as fast as its model allows from a bucket where `others` points/s go to
    other devices; returns the bucket, the points per second it got in the last third, and how
    often it asked while the shop did not have the points (a THROTTLED answer)."""
    clock = FakeClock()
    bucket = CostBucket(clock)
    shop = 2000.0
    got_late = 0.0
    throttled = 0
    bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": shop, "restoreRate": 100})
    step = 0.25
    for tick in range(int(seconds / step)):
        clock.now += step
        shop = min(2000.0, shop + 100 * step) - others * step
        want = 25.0
        if bucket._level() < want:
            continue  # the model says wait
        if shop < want:  # the shop would answer THROTTLED: the model adopts its level
            throttled += 1
            bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": max(shop, 0), "restoreRate": 100})
            continue
        bucket._set(bucket._level() - want)
        bucket._in_flight += want
        shop -= want
        bucket.settle(want, want, {"maximumAvailable": 2000, "currentlyAvailable": shop, "restoreRate": 100})
        if tick * step >= seconds * 2 / 3:
            got_late += want
    return bucket, got_late / (seconds / 3), throttled


def test_the_foreign_rate_is_learnt_from_the_shops_level_and_slows_our_refill() -> None:
    bucket, got, throttled = _share_of_a_bucket_with_others(60.0)
    assert 45 <= bucket.foreign_rate <= 75
    assert 25 <= bucket.rate <= 55
    assert 30 <= got <= 48  # about the 40 points/s the others leave, not the full restore rate
    assert throttled <= 10  # out of hundreds of requests


def test_alone_on_the_bucket_the_whole_restore_rate_is_ours() -> None:
    bucket, got, throttled = _share_of_a_bucket_with_others(0.0)
    assert bucket.foreign_rate < 5
    assert got >= 90 and throttled == 0


def test_a_throttled_wait_is_never_longer_than_the_whole_bucket_takes_to_refill() -> None:
    """Five devices reading at once: one saw the others spend 99 of 100 points/s and computed 200 s
    for a 200-point shortfall (then gave up at once, "we waited 210 s", after 43 s in all)."""
    bucket = CostBucket(FakeClock())
    bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": 2000, "restoreRate": 100})
    bucket.foreign_rate = 99.0
    pause = bucket.throttled(900, {"maximumAvailable": 2000, "currentlyAvailable": 700, "restoreRate": 100})
    assert pause <= 2000 / 100 * 1.25 + 0.05  # a full bucket's refill, and the random part


def test_a_one_point_read_does_not_queue_behind_writes_waiting_for_their_points(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A bulk operation's status read (1 point) among a finalize's tag writes (10 each) on an empty
    bucket: it goes as soon as one point is there, not after every write queued before it."""
    clock = FakeClock()
    order: list[str] = []

    async def _yield() -> None:  # a real turn of the loop (asyncio.sleep is faked below)
        await asyncio.get_running_loop().run_in_executor(None, lambda: None)

    async def fake_sleep(seconds: float) -> None:
        clock.now += seconds
        await _yield()

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    bucket = CostBucket(clock)
    bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": 0, "restoreRate": 100})

    async def take(name: str, points: float) -> None:
        await bucket.reserve(points)
        order.append(name)

    async def scenario() -> None:
        writes = [asyncio.ensure_future(take(f"write {i}", 10)) for i in range(5)]
        await _yield()  # the writes are queued first
        await asyncio.gather(take("status read", 1), *writes)
    asyncio.run(scenario())
    assert order.index("status read") < 2, order  # before the writes queued ahead of it (0.5 s of points)


def test_our_own_requests_in_flight_are_not_taken_for_another_devices_spending() -> None:
    """A burst of our writes: at one answer 90 points of ours were still in flight, some of them
    not yet charged by the shop. When all are answered the shop's level is lower than the first
    answer's figure made it look; that is ours, not someone else's."""
    clock = FakeClock()
    bucket = CostBucket(clock)
    bucket._in_flight = 90.0  # nine writes of 10 reserved, not all of them at the shop yet
    bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": 1000, "restoreRate": 100})
    bucket._in_flight = 0.0
    clock.now += 0.5  # the nine answered (charged 90), 50 points restored
    bucket._spent_since = 90.0
    bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": 960, "restoreRate": 100})
    assert bucket.foreign_rate == 0.0 and bucket.rate == 100.0
    # Someone else spending is still seen: between two quiet answers 40 points went missing.
    clock.now += 1.0
    bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": 1020, "restoreRate": 100})
    assert bucket.foreign_rate > 5.0
