"""How one counting device spends its part of the shop's API bucket (issue 16, goal 4; the
capacity model in the user guide and benchmarks/capacity.py).

A device's part: what refills for it (the restore rate less what other clients spend, as the
client's bucket model measures it) and no more than the restore rate divided among the devices
counting the session (those whose counts its rows show lately: stocktake/counting.py). Its
deliveries come no oftener than that part pays for, its polls for the other devices' counts
rarer as devices join; a tap still reaches the shop within about ten seconds.
"""

from __future__ import annotations

# A poll may cost this share of the device's part of the bucket, so the interval stretches as
# devices join; at least every MAX_POLL, at most every MIN_POLL seconds (a manager watching the
# kiosks' progress sees it within half a minute when the bucket allows).
POLL_SHARE = 0.05
MIN_POLL = 20.0
MAX_POLL = 600.0
BULK_POLL_ABOVE = 100  # variants: above this a bulk read of the session's counts costs fewer points
# A delivery costs about DELIVERY_POINTS (a 10-point write and the 2-point read of the sessions'
# states) however many taps it carries; it may use DELIVERY_SHARE of the device's part (the rest
# is for polls) and comes at most MAX_DELAY seconds after a tap.
MAX_DELAY = 9.0
DELIVERY_POINTS = 12.0
DELIVERY_SHARE = 0.8


def share(rate: float, restore_rate: float, devices: int) -> float:
    """Points per second a device may count on: `rate` (what refills for it, points/s), at most
    `restore_rate` divided among `devices`."""
    return min(rate, restore_rate / max(1, devices))


def poll_interval(poll_points: float, part: float) -> float:
    """Seconds between polls that cost `poll_points`, on a part of `part` points/s."""
    return min(MAX_POLL, max(MIN_POLL, poll_points / (POLL_SHARE * part)))


def delivery_delay(part: float, sync_delay: float, fill: float = 1.0) -> float:
    """Seconds from a tap to its delivery: `sync_delay` while the device may spend freely; longer
    as its part shrinks (no oftener than DELIVERY_SHARE of it pays for) or the bucket empties
    (`fill`, 0..1, below half); at most MAX_DELAY."""
    by_share = DELIVERY_POINTS / max(1e-6, DELIVERY_SHARE * part)
    scarce = max(0.0, min(1.0, 1.0 - fill / 0.5))
    by_fill = sync_delay + max(0.0, MAX_DELAY - sync_delay) * scarce
    return min(MAX_DELAY, max(sync_delay, by_share, by_fill))
