"""A counting device's part of the shop's API bucket: deliveries and polls stretch as devices
join, so that fifty kiosks on a standard plan fit its restore rate and a tap still reaches the shop
within about ten seconds (issue 16, goal 4)."""

from __future__ import annotations

import pytest

from inventra_desktop.services import bucket_share as b


def test_a_device_alone_on_a_full_bucket_delivers_at_once_and_polls_often() -> None:
    part = b.share(rate=100.0, restore_rate=100.0, devices=1)
    assert part == 100.0
    assert b.delivery_delay(part, sync_delay=2.0) == 2.0
    assert b.poll_interval(10.0, part) == b.MIN_POLL


@pytest.mark.parametrize("devices", [10, 30, 50, 65])
def test_devices_sharing_a_standard_bucket_fit_its_restore_rate(devices: int) -> None:
    part = b.share(rate=100.0, restore_rate=100.0, devices=devices)
    delay = b.delivery_delay(part, sync_delay=2.0)
    poll = b.poll_interval(10.0, part)
    spent = devices * (b.DELIVERY_POINTS / delay + 10.0 / poll)  # points/s of all of them, tapping non-stop
    assert spent <= 100.0
    assert delay <= b.MAX_DELAY  # a tap is in the shop within about ten seconds, however many share


def test_what_others_spend_shrinks_the_part_and_an_emptying_bucket_delays_deliveries() -> None:
    assert b.share(rate=20.0, restore_rate=100.0, devices=1) == 20.0  # another app spends 80 points/s
    assert b.delivery_delay(100.0, sync_delay=2.0, fill=0.1) > b.delivery_delay(100.0, sync_delay=2.0, fill=0.9)
    assert b.delivery_delay(0.001, sync_delay=2.0, fill=0.0) == b.MAX_DELAY
    assert b.poll_interval(10.0, 0.001) == b.MAX_POLL
