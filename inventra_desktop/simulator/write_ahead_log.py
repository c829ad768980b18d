"""An append-only log of the shop's changes, so that an answer is never sent before its write is on disk.

Shopify does not lose a write it has acknowledged; the demo store, shared by several kiosks on one
machine, must not either. Each committed change set is one line `<crc32 hex> <json>\\n` with a
sequence number; `sync(seq)` returns once every line up to `seq` is fsynced. Syncs are grouped:
requests that wait at the same time share one fsync, so throughput grows with concurrency while
each answer still waits for its own durability. A line cut by a crash (no newline, or a CRC that
does not match) can only be the last one, never acknowledged; it is cut off on open.

The log is emptied by `drop_through(seq)` once a snapshot holds everything up to `seq`
(`shop_file.py`); the lines after it are rewritten to a new file that replaces the old one
atomically.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import zlib
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def _line(record: dict[str, Any]) -> bytes:
    body = json.dumps(record, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return b"%08x %s\n" % (zlib.crc32(body), body)


def _parse(line: bytes) -> dict[str, Any] | None:
    """The record of one complete line, or None when the line is damaged."""
    if not line.endswith(b"\n") or len(line) < 11 or line[8:9] != b" ":
        return None
    body = line[9:-1]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        record = json.loads(body)
    except ValueError:
        return None
    return record if isinstance(record, dict) and isinstance(record.get("seq"), int) else None


def _lines(data: bytes) -> list[bytes]:
    """Split on b"\n" only, keeping it (the last piece has none when the file ends mid-line)."""
    pieces = data.split(b"\n")
    return [p + b"\n" for p in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])


def _fsync_dir(folder: Path) -> None:
    if sys.platform != "win32":  # Windows cannot open a directory; its renames are journaled by NTFS
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class WriteAheadLog:
    """One log file; `append` under the caller's lock (it orders the changes), `sync` outside it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._io = threading.Lock()  # the file handle, `written` and the byte size
        self._syncing = threading.Lock()  # one fsync (or rotation) at a time
        self._fd = -1
        self.written = 0  # seq of the last appended record
        self.synced = 0  # seq up to which records are on disk
        self.size = 0  # bytes in the file
        self.fsyncs = 0  # how many fsyncs were needed (group commit makes it < records)

    # ---- opening -------------------------------------------------------------------
    def read(self, after: int) -> list[dict[str, Any]]:
        """The intact records with seq > `after`, in order; the file is cut after the last intact
        line. A torn last line (a crash mid-write: never acknowledged) is dropped quietly; anything
        more is kept beside the log as `.damaged` and logged."""
        if not self.path.exists():
            return []
        data = self.path.read_bytes()
        records: list[dict[str, Any]] = []
        good_end, expected = 0, None
        for raw in _lines(data):
            record = _parse(raw)
            if record is None or (expected is not None and record["seq"] != expected):
                break
            good_end, expected = good_end + len(raw), record["seq"] + 1
            self.written = record["seq"]
            if record["seq"] > after:
                records.append(record)
        if good_end < len(data):
            tail = data[good_end:]
            if b"\n" in tail[:-1] or tail.endswith(b"\n"):  # more than one torn line: keep it to look at
                self.path.with_name(self.path.name + ".damaged").write_bytes(tail)
                log.warning("%s: %d bytes after seq %d are damaged; kept in %s.damaged", self.path,
                            len(tail), self.written, self.path.name)
            with open(self.path, "r+b") as fh:
                fh.truncate(good_end)
                fh.flush()
                os.fsync(fh.fileno())
        return records

    def open(self, start_seq: int, *, fresh: bool = False) -> None:
        """Open for appending; `fresh` empties the file (a new shop: an old log would not fit it)."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if fresh else 0)
        self._fd = os.open(self.path, flags, 0o600)
        os.fsync(self._fd)
        _fsync_dir(self.path.parent)
        self.size = os.fstat(self._fd).st_size
        self.written = self.synced = max(start_seq, 0 if fresh else self.written)

    def close(self) -> None:
        with self._syncing, self._io:
            if self._fd >= 0:
                os.fsync(self._fd)
                os.close(self._fd)
                self._fd = -1
                self.synced = self.written

    # ---- writing ---------------------------------------------------------------------
    def append(self, record: dict[str, Any]) -> int:
        """Add one change set (not yet durable); returns its seq."""
        with self._io:
            seq = self.written + 1
            line = _line({"seq": seq, **record})
            os.write(self._fd, line)  # O_APPEND: one write() puts the whole line at the end
            self.written, self.size = seq, self.size + len(line)
            return seq

    def sync(self, seq: int) -> None:
        """Return once every record up to `seq` is on disk (sharing an fsync with concurrent callers)."""
        if self.synced >= seq:
            return
        with self._syncing:
            if self.synced >= seq:
                return  # a concurrent caller's fsync covered it
            with self._io:
                target, fd = self.written, self._fd
            os.fsync(fd)
            self.fsyncs += 1
            self.synced = max(self.synced, target)

    def drop_through(self, seq: int, offset: int) -> None:
        """Forget the records up to `seq`, which end at byte `offset` (a snapshot holds them now)."""
        with self._syncing, self._io:
            with open(self.path, "rb") as fh:
                fh.seek(offset)
                rest = fh.read()
            tmp = self.path.with_name(self.path.name + ".tmp")
            with open(tmp, "wb") as fh:
                fh.write(rest)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
            _fsync_dir(self.path.parent)
            os.close(self._fd)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
            self.size = len(rest)
            self.synced = self.written  # the new file was fsynced whole
