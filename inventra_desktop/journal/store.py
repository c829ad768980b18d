"""The durable local outbox: every tap is committed here before the UI calls it saved.

SQLite in WAL mode with `synchronous=FULL`, so a committed operation survives a killed process
and a power cut. Several processes may share one data dir (the CLI beside the GUI): `seq` is
allocated inside a `BEGIN IMMEDIATE` transaction, which serialises writers across processes.
One `Journal` object is used from one worker thread at a time; a lock guards it anyway.
See DESIGN.md section 5.
"""

from __future__ import annotations

import csv
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from inventra_desktop.atomic import atomic_write
from inventra_desktop.journal.schema import BUSY_TIMEOUT_MS, configure, ensure_schema, make_private
from inventra_desktop.journal.schema import SCHEMA_VERSION as SCHEMA_VERSION  # re-exported
from inventra_desktop.journal.schema import JournalError as JournalError
from inventra_desktop.journal.schema import JournalSchemaError as JournalSchemaError
from inventra_desktop.journal.schema import UnknownOperationError
from inventra_desktop.stocktake.clock import now_iso
from inventra_desktop.stocktake.models import CountOperation, OpKind

JOURNAL_FILE = "journal.sqlite3"
_IN_CHUNK = 500  # stays under SQLite's bound-parameter limit on old builds (999)

OpState = Literal["delivered", "waiting", "rejected"]
WAITING: OpState = "waiting"
DELIVERED: OpState = "delivered"
REJECTED: OpState = "rejected"

CSV_HEADER = ("time", "device", "session", "variant", "sku", "area", "kind", "value", "state", "reason")

_OP_COLUMNS = "op_id, device_id, seq, session, snapshot_at, variant, area, kind, value, at, sku, sent"
_INSERT_COLUMNS = "op_id, device_id, seq, session, snapshot_at, variant, area, kind, value, at, sku, caller_key"
@dataclass(frozen=True)
class NewOperation:
    """One tap to record (the journal gives it its id, device, sequence number and time)."""

    session: str
    snapshot_at: str
    variant: str
    kind: OpKind
    area: str | None = None
    value: int | None = None
    sku: str | None = None


@dataclass
class Recorded:
    """What `record_all` recorded, or (`already`) what was recorded before under the caller's key."""

    operations: list[CountOperation]
    already: bool
    states: list[str]  # delivered, waiting or rejected, per operation
    reasons: list[str | None] = field(default_factory=list)


def utc_now() -> str:
    """Now in UTC as ISO 8601 with milliseconds and 'Z', the format every `at` uses, on the shop's
    clock as last seen (a tap's time goes into the shop: `at`, `last_done`)."""
    return now_iso()


class Journal:
    """The outbox of one device's count operations, kept in SQLite.

    `path` is a data dir (an existing directory, or a path without a suffix, created if missing),
    whose file is `journal.sqlite3`; or the database file itself (`something.sqlite3`).
    """

    def __init__(self, path: Path, device_id: str) -> None:
        self.path = path / JOURNAL_FILE if path.is_dir() or not path.suffix else path
        self.device_id = device_id
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        make_private(self.path)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so the commit point is explicit.
        self._conn: sqlite3.Connection | None = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            configure(self._conn)
            ensure_schema(self._conn)
        except BaseException:
            self._conn.close()
            self._conn = None
            raise

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def record(
        self,
        *,
        session: str,
        snapshot_at: str,
        variant: str,
        kind: OpKind,
        area: str | None = None,
        value: int | None = None,
        sku: str | None = None,
        at: str | None = None,
    ) -> CountOperation:
        """Append one operation with the next `seq`; it is durable when this returns."""
        new = NewOperation(session, snapshot_at, variant, OpKind(kind), area, value, sku)
        return self.record_all([new], at=at).operations[0]

    def record_all(self, new: list[NewOperation], *, caller_key: str | None = None,
                   at: str | None = None) -> Recorded:
        """Append `new` in one transaction (all or nothing), each with the next `seq`; durable
        when this returns. With `caller_key` (a script's key for one command), operations already
        recorded under that key come back instead and nothing is recorded (`Recorded.already`),
        so a repeated command never counts twice."""
        with self._write() as conn:
            if caller_key is not None:
                rows = conn.execute(f"SELECT {_OP_COLUMNS}, state, reason FROM operations WHERE caller_key = ?"
                                    " ORDER BY device_id, seq", (caller_key,)).fetchall()
                if rows:
                    return Recorded([_op(row) for row in rows], True, [row["state"] for row in rows])
            (last,) = conn.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM operations WHERE device_id = ?", (self.device_id,)
            ).fetchone()
            stamp = at or utc_now()
            ops = []
            for i, each in enumerate(new):
                op = CountOperation(op_id=uuid.uuid4().hex, device_id=self.device_id, seq=last + 1 + i,
                                    session=each.session, snapshot_at=each.snapshot_at, variant=each.variant,
                                    area=each.area, kind=OpKind(each.kind), value=each.value, at=stamp, sku=each.sku)
                conn.execute(
                    f"INSERT INTO operations ({_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (op.op_id, op.device_id, op.seq, op.session, op.snapshot_at, op.variant,
                     op.area, op.kind.value, op.value, op.at, op.sku, caller_key),
                )
                ops.append(op)
        return Recorded(ops, False, [WAITING] * len(ops))  # only now: the COMMIT above is the durability point

    def by_caller_key(self, caller_key: str) -> Recorded | None:
        """The operations recorded under a script's `caller_key`, with their states, or None."""
        rows = self._read(f"SELECT {_OP_COLUMNS}, state, reason FROM operations WHERE caller_key = ?"
                          " ORDER BY device_id, seq", (caller_key,))
        if not rows:
            return None
        return Recorded([_op(row) for row in rows], True, [row["state"] for row in rows],
                        [row["reason"] for row in rows])

    def mark_sent(self, op_ids: Iterable[str]) -> None:
        """These operations go out in a delivery now: from here on they may have landed, so a
        watermark above them in the shop is a replay, not another journal using this id."""
        ids = list(dict.fromkeys(op_ids))
        if not ids:
            return
        with self._write() as conn:
            for chunk in _chunks(ids):
                conn.execute(f"UPDATE operations SET sent = 1 WHERE sent = 0 AND op_id IN ({_marks(chunk)})", chunk)

    def rekey(self, op_ids: Iterable[str], device_id: str) -> list[CountOperation]:
        """Give these waiting operations (never in a write: conflicts) to `device_id` (a fresh identity of this device)
        with new sequence numbers in their old order, and record from now on as `device_id`.
        Used when the shop holds a watermark for the old id that this journal never wrote: another
        journal (a restored backup, a cloned folder) uses that id, and these operations would read
        as replays there and be dropped."""
        ids = list(dict.fromkeys(op_ids))
        with self._write() as conn:
            rows = []
            for chunk in _chunks(ids):  # one another process of this folder sent meanwhile is a replay: it stays
                rows += conn.execute(f"SELECT op_id, device_id, seq FROM operations WHERE state = ? AND sent = 0"
                                     f" AND op_id IN ({_marks(chunk)})", (WAITING, *chunk)).fetchall()
            rows.sort(key=lambda r: (r["seq"], r["device_id"]))
            (last,) = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM operations WHERE device_id = ?",
                                   (device_id,)).fetchone()
            for i, row in enumerate(rows):
                conn.execute("UPDATE operations SET device_id = ?, seq = ?, sent = 0 WHERE op_id = ?",
                             (device_id, last + 1 + i, row["op_id"]))
            self.device_id = device_id
            moved = [row["op_id"] for row in rows]
        return [op for op in self.pending() if op.op_id in set(moved)]

    def mark_delivered(self, op_ids: Iterable[str]) -> None:
        """Waiting operations become delivered; already delivered or rejected ones stay as they are."""
        ids = list(dict.fromkeys(op_ids))
        if not ids:
            return
        with self._write() as conn:
            _require_known(conn, ids)
            for chunk in _chunks(ids):
                conn.execute(
                    f"UPDATE operations SET state = ? WHERE state = ? AND op_id IN ({_marks(chunk)})",
                    (DELIVERED, WAITING, *chunk),
                )

    def mark_rejected(self, op_id: str, reason: str) -> None:
        """A waiting operation becomes rejected with `reason`; a second call changes nothing."""
        with self._write() as conn:
            _require_known(conn, [op_id])
            conn.execute(
                "UPDATE operations SET state = ?, reason = ? WHERE state = ? AND op_id = ?",
                (REJECTED, reason, WAITING, op_id),
            )

    def note_duplicate(self, session: str, code: str) -> None:
        """A scanned code that named several variants (for the report's exceptions); once per code."""
        with self._write() as conn:
            conn.execute("INSERT OR IGNORE INTO duplicates_met (session, code, at) VALUES (?, ?, ?)",
                         (session, code, utc_now()))

    # -- reading ---------------------------------------------------------------------------

    def duplicates_met(self, session: str) -> list[str]:
        """The codes noted by `note_duplicate` in `session`, oldest first."""
        rows = self._read("SELECT code FROM duplicates_met WHERE session = ? ORDER BY at, code", (session,))
        return [row["code"] for row in rows]

    def pending(self, limit: int | None = None) -> list[CountOperation]:
        """Operations neither delivered nor rejected, oldest `seq` first."""
        if limit is not None and limit < 0:
            raise ValueError("limit must be zero or more")
        rows = self._read(
            f"SELECT {_OP_COLUMNS} FROM operations WHERE state = ? ORDER BY seq, device_id LIMIT ?",
            (WAITING, -1 if limit is None else limit),
        )
        return [_op(row) for row in rows]

    def pending_for_variant(self, variant: str) -> list[CountOperation]:
        """This variant's operations not delivered yet, oldest `seq` first."""
        rows = self._read(
            f"SELECT {_OP_COLUMNS} FROM operations WHERE state = ? AND variant = ? ORDER BY seq, device_id",
            (WAITING, variant),
        )
        return [_op(row) for row in rows]

    def pending_count(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM operations WHERE state = ?", (WAITING,))[0][0])

    def rejected_count(self, session: str | None = None) -> int:
        where, params = _session_filter(session)
        rows = self._read(f"SELECT COUNT(*) FROM operations WHERE state = ?{where}", (REJECTED, *params))
        return int(rows[0][0])

    def rejected(self, session: str | None = None) -> list[tuple[CountOperation, str]]:
        """Rejected operations with their reasons, oldest `seq` first."""
        where, params = _session_filter(session)
        rows = self._read(
            f"SELECT {_OP_COLUMNS}, reason FROM operations WHERE state = ?{where} ORDER BY seq, device_id",
            (REJECTED, *params),
        )
        return [(_op(row), row["reason"] or "") for row in rows]

    def operations(self, session: str | None = None) -> list[tuple[CountOperation, str, str | None]]:
        """Every operation with its state (`delivered`, `waiting`, `rejected`) and reason."""
        where, params = _session_filter(session)
        rows = self._read(
            f"SELECT {_OP_COLUMNS}, state, reason FROM operations WHERE 1 = 1{where} ORDER BY seq, device_id",
            params,
        )
        return [(_op(row), row["state"], row["reason"]) for row in rows]

    def export_csv(self, path: Path, session: str) -> int:
        """Write this device's operations of `session` to `path` (replaced atomically); rows written.
        Every operation in this journal is this device's, under each identity it had (see `rekey`)."""
        rows = self._read(
            f"SELECT {_OP_COLUMNS}, state, reason FROM operations WHERE session = ? ORDER BY rowid",
            (session,),
        )
        _write_csv_atomically(path, [_csv_row(row) for row in rows])
        return len(rows)

    # -- plumbing --------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise JournalError(f"the journal {self.path} is closed")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front (waiting up to busy_timeout), so a read-then-write
        # like max(seq)+1 cannot interleave with another process's and cannot fail to upgrade.
        with self._lock:
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._connection().execute(sql, tuple(params)).fetchall()


def _require_known(conn: sqlite3.Connection, ids: list[str]) -> None:
    found: set[str] = set()
    for chunk in _chunks(ids):
        rows = conn.execute(f"SELECT op_id FROM operations WHERE op_id IN ({_marks(chunk)})", chunk)
        found.update(row[0] for row in rows)
    missing = [i for i in ids if i not in found]
    if missing:
        raise UnknownOperationError(f"unknown operation id(s): {', '.join(missing[:5])}")


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


def _marks(items: list[str]) -> str:
    return ", ".join("?" * len(items))


def _session_filter(session: str | None) -> tuple[str, tuple[str, ...]]:
    return ("", ()) if session is None else (" AND session = ?", (session,))


def _op(row: sqlite3.Row) -> CountOperation:
    return CountOperation(
        op_id=row["op_id"],
        device_id=row["device_id"],
        seq=row["seq"],
        session=row["session"],
        snapshot_at=row["snapshot_at"],
        variant=row["variant"],
        area=row["area"],
        kind=OpKind(row["kind"]),
        value=row["value"],
        at=row["at"],
        sku=row["sku"],
        sent=bool(row["sent"]),
    )


def _csv_row(row: sqlite3.Row) -> list[object]:
    return [
        row["at"], row["device_id"], row["session"], row["variant"], row["sku"] or "", row["area"] or "",
        row["kind"], "" if row["value"] is None else row["value"], row["state"], row["reason"] or "",
    ]


def _write_csv_atomically(path: Path, rows: list[list[object]]) -> None:
    with atomic_write(path, "w", shared=True, encoding="utf-8", newline="") as f:  # an export is shared
        writer = csv.writer(f)
        writer.writerow(CSV_HEADER)
        writer.writerows(rows)
