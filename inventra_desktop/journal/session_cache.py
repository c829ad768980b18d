"""This device's copy of the sessions it has opened: the session record, its areas and settings,
and every variant row as last read from the shop, in its own SQLite file beside the journal.

It lets a kiosk that restarts show its session and take taps within two seconds, before a byte
has come from the shop (issue 16, goal 1), and lets a count be recorded when the shop cannot be
reached (issue 14, item 7). It is a cache, not a record: the shop stays the truth and the journal
stays this device's truth. What the screen shows from it is always the cached row plus this
device's own operations the row does not hold yet (the desk's rule), so a copy saved before a
delivery never shows a count older than the journal; a background read of the shop replaces it.

Each save is one transaction (WAL), so a process killed at any moment leaves the copy as it was
before or after a save, never half of one. `synchronous=NORMAL`: a power cut may lose the last
saves, which only makes the next start read more from the shop. A file this version cannot read
is set aside and started afresh (nothing in it is needed to count correctly).
"""

from __future__ import annotations

import gc
import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..stocktake.models import Area, SessionRecord, Settings, Status, VariantCounts, name_key
from ..stocktake.variant import VariantRecord

log = logging.getLogger(__name__)

CACHE_FILE = "session-cache.sqlite3"
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sessions (
    shop TEXT NOT NULL,
    name TEXT NOT NULL,  -- name_key(): sessions are named ignoring case, as their tags are
    record TEXT NOT NULL,
    areas TEXT NOT NULL,
    settings TEXT NOT NULL,
    complete INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (shop, name)
);
CREATE TABLE variants (
    shop TEXT NOT NULL,
    session TEXT NOT NULL,
    id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    product_title TEXT NOT NULL,
    vendor TEXT NOT NULL,
    title TEXT NOT NULL,
    sku TEXT,
    barcode TEXT,
    product_tags TEXT NOT NULL,
    inventory_item_id TEXT NOT NULL,
    tracked INTEGER NOT NULL,
    bundle_parent INTEGER NOT NULL,
    on_hand TEXT NOT NULL,
    counts TEXT,
    status TEXT,
    current_qty INTEGER,
    last_done TEXT,
    omit INTEGER NOT NULL,
    unit_cost TEXT,
    image_url TEXT,
    digests TEXT NOT NULL,
    problems TEXT NOT NULL,
    PRIMARY KEY (shop, session, id)
);
"""
# One column per field, the nested ones as JSON: SQLite hands back tuples in C, and pydantic reads a
# `counts` from its own JSON text in 6 µs; 100,000 rows come back in well under two seconds.
_COLUMNS = 23
_INSERT = f"INSERT INTO variants VALUES ({', '.join('?' * _COLUMNS)})"
_SELECT = ("id, product_id, product_title, vendor, title, sku, barcode, product_tags, inventory_item_id, tracked, "
           "bundle_parent, on_hand, counts, status, current_qty, last_done, omit, unit_cost, image_url, digests, "
           "problems")


@dataclass
class CachedSession:
    """A session as this device last saw it. `complete`: the rows are all of the session's
    variants as of one read (a copy filled one variant at a time is not: a code unique in it may
    be shared in the shop)."""

    session: SessionRecord
    areas: list[Area]
    settings: Settings
    rows: list[VariantRecord]
    complete: bool
    saved_at: str


def encode_row(shop: str, session: str, v: VariantRecord) -> tuple[Any, ...]:
    return (shop, session, v.id, v.product_id, v.product_title, v.vendor, v.title, v.sku, v.barcode,
            json.dumps(v.product_tags, ensure_ascii=False), v.inventory_item_id, int(v.tracked), int(v.bundle_parent),
            json.dumps(v.on_hand), v.counts.model_dump_json() if v.counts is not None else None,
            v.status.value if v.status is not None else None, v.current_qty, v.last_done, int(v.omit), v.unit_cost,
            v.image_url, json.dumps(v.digests), json.dumps(v.problems, ensure_ascii=False))


_STATUS = {s.value: s for s in Status}


def decode_row(row: tuple[Any, ...]) -> VariantRecord:
    """A row of the `variants` table, without its shop and session, as the record it was."""
    (vid, product_id, product_title, vendor, title, sku, barcode, tags, item, tracked, bundle, on_hand, counts,
     status, current_qty, last_done, omit, unit_cost, image_url, digests, problems) = row
    return VariantRecord(
        id=vid, product_id=product_id, product_title=product_title, vendor=vendor, title=title, sku=sku,
        barcode=barcode, product_tags=_loads(tags), inventory_item_id=item, tracked=bool(tracked),
        bundle_parent=bool(bundle), on_hand=_loads(on_hand),
        counts=VariantCounts.model_validate_json(counts) if counts is not None else None,
        status=_STATUS[status] if status is not None else None, current_qty=current_qty, last_done=last_done,
        omit=bool(omit), unit_cost=unit_cost, image_url=image_url, digests=_loads(digests),
        problems=[(k, r) for k, r in json.loads(problems)] if problems != "[]" else [])


def _loads(text: str) -> Any:
    return {} if text == "{}" else [] if text == "[]" else json.loads(text)


class SessionCache:
    """The copy in `data_dir/session-cache.sqlite3`. One object is used from one thread at a time
    (the desk's journal thread); a lock guards it anyway. Several processes may share the file."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / CACHE_FILE
        self._lock = threading.Lock()
        self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for attempt in (1, 2):
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("BEGIN IMMEDIATE")
                try:
                    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                    if not tables:
                        for statement in (s.strip() for s in _SCHEMA.split(";")):
                            if statement:
                                conn.execute(statement)
                        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                    else:
                        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                        if row is None or int(row[0]) != SCHEMA_VERSION:
                            raise sqlite3.DatabaseError(f"session cache schema {row[0] if row else None}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                return conn
            except sqlite3.DatabaseError as exc:  # unreadable or another version's: a cache can start afresh
                conn.close()
                if attempt == 2:
                    raise
                log.warning("session cache %s is unusable (%s); starting a fresh one", self.path, exc)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SessionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- reading -----------------------------------------------------------------------
    def load(self, shop: str, name: str, *, rows: bool = True) -> CachedSession | None:
        """The copy of session `name` of `shop` (its base URL), or None; `rows=False` for the
        record, areas and settings only."""
        with self._lock:
            found = self._conn.execute("SELECT name, record, areas, settings, complete, saved_at FROM sessions "
                                       "WHERE shop = ? AND name = ?", (shop, name_key(name))).fetchone()
            decoded = self._rows(shop, found[0]) if found is not None and rows else []
        if found is None:
            return None
        return CachedSession(SessionRecord.model_validate_json(found[1]),
                             [Area.model_validate(a) for a in json.loads(found[2])],
                             Settings.model_validate_json(found[3]), decoded, bool(found[4]), found[5])

    def _rows(self, shop: str, session: str) -> list[VariantRecord]:
        # Hundreds of thousands of new objects, none of them garbage: the collector's passes over
        # them would more than double the time (100,000 rows: 4.2 s with them, 1.8 s without).
        # They live as long as the session is open, so they are frozen out of its sight before it
        # is back: its first passes over them, while the rows are shown and the first tap is
        # recorded, cost that tap another 1.5 s. Frozen objects are still freed when nothing
        # refers to them (the rows a later read replaces); the garbage of before is collected
        # first, so no reference cycle is frozen with them.
        gc.collect()
        collecting = gc.isenabled()
        gc.disable()
        try:
            raw = self._conn.execute(f"SELECT {_SELECT} FROM variants WHERE shop = ? AND session = ?",
                                     (shop, session)).fetchall()
            decoded = [decode_row(r) for r in raw]
            del raw
            gc.freeze()
        finally:
            if collecting:
                gc.enable()
        return decoded

    # ---- writing -----------------------------------------------------------------------
    def save(self, shop: str, session: SessionRecord, areas: list[Area], settings: Settings,
             rows: Iterable[VariantRecord], *, saved_at: str, complete: bool = True) -> None:
        """Replace the copy of `session` with these rows (all of them: `complete`)."""
        key = name_key(session.name)
        encoded = [encode_row(shop, key, v) for v in rows]
        with self._lock, self._transaction():
            self._put_session(shop, session, areas, settings, complete, saved_at)
            self._conn.execute("DELETE FROM variants WHERE shop = ? AND session = ?", (shop, key))
            self._conn.executemany(_INSERT, encoded)

    def update(self, shop: str, session: SessionRecord, rows: Iterable[VariantRecord], *,
               areas: list[Area] | None = None, settings: Settings | None = None) -> None:
        """Put changed rows (and the session's record) into an existing copy; a session with no
        copy yet gets one that is not complete."""
        key = name_key(session.name)
        encoded = [encode_row(shop, key, v) for v in rows]
        with self._lock, self._transaction():
            old = self._conn.execute("SELECT areas, settings, complete, saved_at FROM sessions WHERE shop = ? "
                                     "AND name = ?", (shop, key)).fetchone()
            self._put_session(shop, session,
                              areas if areas is not None else
                              [Area.model_validate(a) for a in json.loads(old[0])] if old else [],
                              settings if settings is not None else
                              Settings.model_validate_json(old[1]) if old else Settings(),
                              bool(old[2]) if old else False, old[3] if old else "")
            self._conn.executemany(_INSERT.replace("INSERT", "INSERT OR REPLACE", 1), encoded)

    def forget(self, shop: str, name: str) -> None:
        with self._lock, self._transaction():
            self._conn.execute("DELETE FROM sessions WHERE shop = ? AND name = ?", (shop, name_key(name)))
            self._conn.execute("DELETE FROM variants WHERE shop = ? AND session = ?", (shop, name_key(name)))

    def _put_session(self, shop: str, session: SessionRecord, areas: list[Area], settings: Settings,
                     complete: bool, saved_at: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)", (
            shop, name_key(session.name), session.model_dump_json(), json.dumps([a.model_dump(mode="json") for a in areas]),
            settings.model_dump_json(), int(complete), saved_at))

    def _transaction(self) -> Any:
        conn = self._conn

        class _Tx:
            def __enter__(self) -> None:
                conn.execute("BEGIN IMMEDIATE")

            def __exit__(self, exc_type: object, *_: object) -> None:
                conn.execute("ROLLBACK" if exc_type else "COMMIT")
        return _Tx()
