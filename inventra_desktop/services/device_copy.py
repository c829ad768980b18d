"""This device's copy of a session (journal/session_cache.py): kept when the session is read,
used to open it at once and to record a count without the shop, forgotten when it can no longer
be right. The CLI's commands use the functions (a file opened per call); the counting desk keeps
one open in its journal thread (`KeptCopy`). A copy is a cache: nothing here ever fails a count
or a command (a copy that cannot be read or written only means asking the shop next time)."""

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


class KeptCopy:
    """The copy file kept open by one user (the counting desk's journal thread: every call comes
    from that one thread). A copy filled one variant at a time is not `complete`, and `load`
    gives only complete ones (a code unique in a part may be shared in the shop)."""

    def __init__(self, shop: ShopSession) -> None:
        self.shop = shop
        self._file: SessionCache | None = None

    def _cache(self) -> SessionCache:
        if self._file is None:
            self._file = SessionCache(self.shop.workspace.data_dir)
        return self._file

    def load(self, name: str) -> CachedSession | None:
        try:
            cached = self._cache().load(self.shop.address, name)
        except Exception:
            log.warning("this device's copy of session %s cannot be read", name, exc_info=True)
            return None
        return cached if cached is not None and cached.complete else None

    def save(self, session: SessionRecord, areas: list[Area], settings: Settings, rows: list[VariantRecord]) -> None:
        """Every row of the session, as of one read."""
        try:
            self._cache().save(self.shop.address, session, areas, settings, rows, saved_at=now_iso())
        except Exception:
            log.warning("could not save this device's copy of session %s", session.name, exc_info=True)

    def update(self, session: SessionRecord, rows: list[VariantRecord]) -> None:
        """Rows learnt since (a delivery's answer, a poll)."""
        try:
            self._cache().update(self.shop.address, session, rows)
        except Exception:
            log.warning("could not update this device's copy of session %s", session.name, exc_info=True)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
