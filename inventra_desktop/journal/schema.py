"""The journal's file: its SQLite schema, the steps that migrate an older one, and the connection
settings durability rests on (WAL, `synchronous=FULL`), with a file readable by its user only."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 10_000  # another process's commit takes milliseconds; ten seconds is "stuck"
_SYNCHRONOUS_FULL = 2
WAITING, DELIVERED, REJECTED = "waiting", "delivered", "rejected"


class JournalError(Exception):
    """The journal cannot be used as asked."""


class JournalSchemaError(JournalError):
    """The file's schema is one this version of the app does not know (newer, or not a journal)."""


class UnknownOperationError(JournalError):
    """An op_id that this journal never recorded (a bug in the caller, never silently ignored)."""


_SCHEMA = f"""
CREATE TABLE operations (
    op_id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    session TEXT NOT NULL,
    snapshot_at TEXT NOT NULL,
    variant TEXT NOT NULL,
    area TEXT,
    kind TEXT NOT NULL,
    value INTEGER,
    at TEXT NOT NULL,
    sku TEXT,
    state TEXT NOT NULL DEFAULT '{WAITING}' CHECK (state IN ('{WAITING}', '{DELIVERED}', '{REJECTED}')),
    reason TEXT,
    sent INTEGER NOT NULL DEFAULT 0,
    caller_key TEXT,
    UNIQUE (device_id, seq)
);
CREATE INDEX operations_state_seq ON operations (state, seq);
CREATE INDEX operations_session ON operations (session);
CREATE INDEX operations_caller_key ON operations (caller_key);
CREATE TABLE duplicates_met (
    session TEXT NOT NULL,
    code TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (session, code)
);
"""


def _add_duplicates_met(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE duplicates_met (session TEXT NOT NULL, code TEXT NOT NULL, at TEXT NOT NULL,"
                 " PRIMARY KEY (session, code))")


def _add_sent_and_caller_key(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE operations ADD COLUMN sent INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE operations ADD COLUMN caller_key TEXT")
    conn.execute("CREATE INDEX operations_caller_key ON operations (caller_key)")
    # An older app may have sent what still waits (its answer lost): count it as sent, so that
    # its watermark in the shop reads as a replay, as it always did.
    conn.execute(f"UPDATE operations SET sent = 1 WHERE state = '{WAITING}'")


# version n -> the step that brings a journal from n to n + 1
_MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _add_duplicates_met, 2: _add_sent_and_caller_key}


def make_private(path: Path) -> None:
    """The journal says who counted what, when: readable by this user only. SQLite gives its -wal
    and -shm files the database file's permissions, so the file is made (or made) 0600 first."""
    if sys.platform == "win32":
        return  # a user's profile folder is private there already
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)
    except PermissionError:  # another user's file: SQLite says what it thinks of that
        pass


def configure(conn: sqlite3.Connection) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Both pragmas are silently ignored in some situations (e.g. WAL on a network share),
    # and durability rests on them, so refuse to run without them.
    (mode,) = conn.execute("PRAGMA journal_mode = WAL").fetchone()
    if str(mode).lower() != "wal":
        raise JournalError(f"SQLite refused WAL mode for the journal (got {mode!r}); is it on a network drive?")
    conn.execute("PRAGMA synchronous = FULL")
    (sync,) = conn.execute("PRAGMA synchronous").fetchone()
    if sync != _SYNCHRONOUS_FULL:
        raise JournalError(f"SQLite refused synchronous=FULL for the journal (got {sync!r})")


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the schema on a fresh file, migrate an older one, refuse an unknown one."""
    conn.execute("BEGIN IMMEDIATE")  # several processes may open a fresh file at once
    try:
        version = _schema_version(conn)
        if version is None:
            # not executescript: it would COMMIT our IMMEDIATE transaction halfway
            for statement in _statements(_SCHEMA):
                conn.execute(statement)
            _set_version(conn, SCHEMA_VERSION)
        elif version > SCHEMA_VERSION:
            raise JournalSchemaError(
                f"the journal was written by a newer Inventra (schema {version}, this app knows"
                f" {SCHEMA_VERSION}); update the app, nothing was changed"
            )
        else:
            _migrate(conn, version)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _schema_version(conn: sqlite3.Connection) -> int | None:
    """The recorded version; None for an empty file. A file with other tables is not ours."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return None
    if "meta" not in tables:
        raise JournalSchemaError(f"this file is not an Inventra journal (tables: {', '.join(sorted(tables))})")
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise JournalSchemaError("the journal has no readable schema version") from None


def _set_version(conn: sqlite3.Connection, version: int) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(version),))


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    while version < SCHEMA_VERSION:
        step = _MIGRATIONS.get(version)
        if step is None:
            raise JournalSchemaError(f"no migration from journal schema {version}; nothing was changed")
        step(conn)
        version += 1
        _set_version(conn, version)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
