"""This device's copy of a session (journal/session_cache.py) as the CLI's commands use it: kept
when they read the session, used to record a count without the shop, forgotten when it can no
longer be right. A copy is a cache: nothing here ever fails a command (a copy that cannot be
read or written only means asking the shop next time)."""

from __future__ import annotations

import logging

from ..journal.session_cache import CachedSession, SessionCache
from ..stocktake.clock import now_iso
from ..stocktake.models import Area, SessionRecord, Settings
from ..stocktake.variant import VariantRecord
from .shop import ShopSession

log = logging.getLogger(__name__)


def load(shop: ShopSession, name: str) -> CachedSession | None:
    """The copy of session `name`, or None (none, or unreadable)."""
    try:
        with SessionCache(shop.workspace.data_dir) as cache:
            return cache.load(shop.address, name)
    except Exception:
        log.debug("this device's copy of session %s cannot be read", name, exc_info=True)
        return None


def keep(shop: ShopSession, session: SessionRecord, areas: list[Area], settings: Settings,
         rows: list[VariantRecord], *, whole: bool) -> None:
    """Put rows read from the shop into the copy: `whole` (every variant of the session, as of one
    read) replaces it; otherwise they join it (the next count of them then needs no shop)."""
    try:
        with SessionCache(shop.workspace.data_dir) as cache:
            if whole:
                cache.save(shop.address, session, areas, settings, rows, saved_at=now_iso())
            else:
                cache.update(shop.address, session, rows, areas=areas, settings=settings)
    except Exception:
        log.debug("this device's copy of session %s cannot be written", session.name, exc_info=True)


def forget(shop: ShopSession, name: str) -> None:
    """Drop the copy of session `name`: after a snapshot (every row changed), or when the shop
    refused a count made against it."""
    try:
        with SessionCache(shop.workspace.data_dir) as cache:
            cache.forget(shop.address, name)
    except Exception:
        log.debug("this device's copy of session %s cannot be dropped", name, exc_info=True)
