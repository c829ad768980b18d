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
    row TEXT NOT NULL,
    PRIMARY KEY (shop, session, id)
);
"""


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


def encode_row(v: VariantRecord) -> str:
    return json.dumps({
        "p": v.product_id, "pt": v.product_title, "vn": v.vendor, "t": v.title, "s": v.sku, "b": v.barcode,
        "tg": v.product_tags, "ii": v.inventory_item_id, "tr": v.tracked, "bp": v.bundle_parent, "oh": v.on_hand,
        "c": v.counts.model_dump_json() if v.counts is not None else None,
        "st": v.status.value if v.status is not None else None, "cq": v.current_qty, "ld": v.last_done,
        "om": v.omit, "uc": v.unit_cost, "im": v.image_url, "dg": v.digests, "pr": v.problems,
    }, separators=(",", ":"), ensure_ascii=False)


def decode_row(variant_id: str, text: str) -> VariantRecord:
    d = json.loads(text)
    return VariantRecord(
        id=variant_id, product_id=d["p"], product_title=d["pt"], vendor=d["vn"], title=d["t"], sku=d["s"],
        barcode=d["b"], product_tags=d["tg"], inventory_item_id=d["ii"], tracked=d["tr"], bundle_parent=d["bp"],
        on_hand=d["oh"], counts=VariantCounts.model_validate_json(d["c"]) if d["c"] is not None else None,
        status=Status(d["st"]) if d["st"] is not None else None, current_qty=d["cq"], last_done=d["ld"],
        omit=d["om"], unit_cost=d["uc"], image_url=d["im"], digests=d["dg"], problems=[tuple(p) for p in d["pr"]])


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
            if found is None:
                return None
            raw = self._conn.execute("SELECT id, row FROM variants WHERE shop = ? AND session = ?",
                                     (shop, found[0])).fetchall() if rows else []
        return CachedSession(SessionRecord.model_validate_json(found[1]),
                             [Area.model_validate(a) for a in json.loads(found[2])],
                             Settings.model_validate_json(found[3]),
                             [decode_row(i, text) for i, text in raw], bool(found[4]), found[5])

    # ---- writing -----------------------------------------------------------------------
    def save(self, shop: str, session: SessionRecord, areas: list[Area], settings: Settings,
             rows: Iterable[VariantRecord], *, saved_at: str, complete: bool = True) -> None:
        """Replace the copy of `session` with these rows (all of them: `complete`)."""
        key = name_key(session.name)
        encoded = [(shop, key, v.id, encode_row(v)) for v in rows]
        with self._lock, self._transaction():
            self._put_session(shop, session, areas, settings, complete, saved_at)
            self._conn.execute("DELETE FROM variants WHERE shop = ? AND session = ?", (shop, key))
            self._conn.executemany("INSERT INTO variants VALUES (?, ?, ?, ?)", encoded)

    def update(self, shop: str, session: SessionRecord, rows: Iterable[VariantRecord], *,
               areas: list[Area] | None = None, settings: Settings | None = None) -> None:
        """Put changed rows (and the session's record) into an existing copy; a session with no
        copy yet gets one that is not complete."""
        key = name_key(session.name)
        encoded = [(shop, key, v.id, encode_row(v)) for v in rows]
        with self._lock, self._transaction():
            old = self._conn.execute("SELECT areas, settings, complete, saved_at FROM sessions WHERE shop = ? "
                                     "AND name = ?", (shop, key)).fetchone()
            self._put_session(shop, session,
                              areas if areas is not None else
                              [Area.model_validate(a) for a in json.loads(old[0])] if old else [],
                              settings if settings is not None else
                              Settings.model_validate_json(old[1]) if old else Settings(),
                              bool(old[2]) if old else False, old[3] if old else "")
            self._conn.executemany("INSERT OR REPLACE INTO variants VALUES (?, ?, ?, ?)", encoded)

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
