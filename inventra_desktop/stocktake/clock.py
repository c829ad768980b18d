"""The one format every stored time uses (UTC, ISO 8601, milliseconds, 'Z'), on the shop's clock.

Several PCs and kiosks write times into one shop (who counted when, when a variant was last
done, the sessions' events), and a device's clock can be wrong by years. So times are the device's
clock corrected by how far it is from the shop's: the Admin API client tells `observe_shop_time`
what each answer's `Date` header says (HTTP's own clock, one-second resolution). Until a first
answer, and offline, the device's clock is all there is. Nothing prunes or orders records by these
times where that order matters (codec.prune_sessions keeps the order of the writes instead).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

# Larger than the Date header's rounding and a request's time on the wire: within it, the device's
# clock stands (so times of one device never jump about by a second).
_TOLERANCE_SECONDS = 2.0
_offset = 0.0  # the shop's clock minus the device's, in seconds


def _device_now() -> datetime:
    return datetime.now(timezone.utc)


def observe_shop_time(shop_now: datetime, device_now: datetime | None = None) -> None:
    """The shop said it is `shop_now` (an answer's Date header) when the device read `device_now`."""
    global _offset
    seen = (shop_now - (device_now or _device_now())).total_seconds() + 0.5  # the header drops the fraction
    if abs(seen - _offset) > _TOLERANCE_SECONDS:
        _offset = seen


def shop_offset() -> float:
    """How many seconds the shop's clock is ahead of this device's (as last seen)."""
    return _offset


def now_iso() -> str:
    """Now on the shop's clock, as every stored time is written."""
    return iso_ago(timedelta(0))


def iso_ago(delta: timedelta) -> str:
    """That long before now, on the shop's clock, in the stored format (comparable as text)."""
    then = _device_now() + timedelta(seconds=_offset) - delta
    return then.isoformat(timespec="milliseconds").replace("+00:00", "Z")
