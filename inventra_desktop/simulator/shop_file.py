"""A shop kept in a state file: a JSON snapshot `FILE`, a write-ahead log `FILE.wal` beside it,
and `FILE.lock`, held by the one simulator that writes them.

Every acknowledged write is in the log before its answer leaves (`ShopState.commit` and
`make_durable`); the snapshot is rewritten when the shop is quiet and on a clean stop, after which
the log lines it holds are dropped ("compaction"). Opening reads the snapshot and replays the log
lines written after it (`log_seq` in the snapshot), so a crash at any moment loses no write that
was answered. A second simulator on the same file would write a log of its own over the first
one's: it is refused (`StateFileInUse`). The embedded demo store of the GUI and
`inventra demo-server --state FILE` both go through here.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .state import ShopState
from .write_ahead_log import WriteAheadLog

log = logging.getLogger(__name__)
# Compaction rewrites the whole snapshot, so it waits for a quiet moment or enough log.
QUIET_SECONDS = 1.0
MAX_LOG_BYTES = 4 * 1024 * 1024
MAX_LOG_AGE_SECONDS = 10.0


class StateFileInUse(RuntimeError):
    """Another simulator process has this state file open; the message is one sentence."""


def log_path(state_file: Path) -> Path:
    return state_file.with_name(state_file.name + ".wal")


def _try_lock(path: Path) -> BinaryIO | None:
    """An exclusive OS lock on `path` (released by the OS if the process dies), or None if taken."""
    fh = open(path, "a+b")
    try:
        if sys.platform == "win32":
            import msvcrt

            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        return None
    return fh


class ShopFile:
    """The state file of one running shop: opening (with replay), compaction, closing."""

    def __init__(self, state_file: str | Path, interval: float = 0.5) -> None:
        self.path = Path(state_file)
        self.interval = interval
        self.state: ShopState | None = None
        self._lock_file: BinaryIO | None = None
        self._compacting = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="shop-file", daemon=True)
        self._compacted_seq = 0
        self._compacted_at = self._quiet_since = time.monotonic()
        self._last_written = 0

    # ---- opening ---------------------------------------------------------------------
    def open(self, seed: Callable[[], ShopState]) -> tuple[ShopState, bool]:
        """The shop in the file with its log replayed, or a new one from `seed()` saved there.

        Returns (state, resumed). An unreadable snapshot is moved aside (`.broken`, its log with
        it) and the shop starts afresh: a demo store must start."""
        self.moved_aside: str | None = None  # a sentence when an unreadable state file was moved aside
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_file = _try_lock(self.path.with_name(self.path.name + ".lock"))
        if self._lock_file is None:
            raise StateFileInUse(f"{self.path} is in use by another simulator process; stop that one first "
                                 "(one process writes a state file, and several app processes share it).")
        try:
            state, resumed = self._load() if self.path.exists() else (None, False)
            if state is None:
                state = self._seed(seed)
        except BaseException:
            self._release()
            raise
        self.state = state
        assert state.wal is not None
        self._compacted_seq = self._last_written = state.wal.written
        return state, resumed

    def _load(self) -> tuple[ShopState | None, bool]:
        wal = WriteAheadLog(log_path(self.path))
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            state = ShopState.from_json(data)
            snapshot_seq = int(data.get("log_seq", 0))
            records = wal.read(after=snapshot_seq)
            if records and records[0]["seq"] != snapshot_seq + 1:
                log.warning("%s: the log starts at change %d but the snapshot holds only up to %d",
                            wal.path, records[0]["seq"], snapshot_seq)
            for record in records:
                state.apply(record)
            state.reindex()
        except (OSError, ValueError, KeyError, TypeError) as exc:
            broken = self.path.with_name(self.path.name + ".broken")
            self.path.replace(broken)
            if wal.path.exists():
                wal.path.replace(wal.path.with_name(wal.path.name + ".broken"))
            log.warning("demo store state %s was unreadable (%s); moved it to %s and started afresh",
                        self.path, exc, broken)
            self.moved_aside = (f"The saved shop in {self.path.name} could not be read ({str(exc).splitlines()[0][:120]}); "
                                f"it was kept as {broken.name} and the shop started afresh.")
            return None, False
        wal.open(max(snapshot_seq, wal.written))
        state.wal = wal
        return state, True

    def _seed(self, seed: Callable[[], ShopState]) -> ShopState:
        state = seed()
        state.discard_changes()
        state.unlogged_edits = False
        data = state.to_json()
        data["log_seq"] = 0
        state.save(self.path, data)
        wal = WriteAheadLog(log_path(self.path))
        wal.open(0, fresh=True)  # a log left from an older shop in this file does not belong to this one
        state.wal = wal
        return state

    # ---- compaction --------------------------------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def compact(self) -> None:
        """Write a snapshot of everything logged so far, then drop those lines from the log."""
        state = self.state
        assert state is not None and state.wal is not None, "open the shop file first"
        wal = state.wal
        with self._compacting:
            with state.lock:  # no change set is appended meanwhile: seq and offset agree
                data = state.to_json()
                seq, offset = wal.written, wal.size
                state.unlogged_edits = False
            data["log_seq"] = seq
            state.save(self.path, data)
            wal.drop_through(seq, offset)
            self._compacted_seq, self._compacted_at = seq, time.monotonic()

    def _due(self) -> bool:
        state = self.state
        assert state is not None and state.wal is not None
        wal, now = state.wal, time.monotonic()
        if wal.written != self._last_written:
            self._last_written, self._quiet_since = wal.written, now
        pending = wal.written > self._compacted_seq
        return state.unlogged_edits or pending and (
            now - self._quiet_since >= QUIET_SECONDS or wal.size >= MAX_LOG_BYTES
            or now - self._compacted_at >= MAX_LOG_AGE_SECONDS)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                if self._due():
                    self.compact()
            except OSError:  # the log still holds everything: nothing is lost, try again later
                log.exception("could not write the snapshot %s", self.path)

    # ---- closing -------------------------------------------------------------------------
    def close(self) -> None:
        """Stop compacting, write a last snapshot, remove the then empty log, release the lock."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        state = self.state
        if state is not None and state.wal is not None:
            wal = state.wal
            try:
                self.compact()
                wal.close()
                if wal.size == 0:
                    wal.path.unlink(missing_ok=True)
            except OSError:
                log.exception("could not write the snapshot %s; its log %s keeps every change", self.path, wal.path)
                wal.close()
            state.wal = None
        self._release()

    def _release(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()  # closing the file releases the OS lock
            self._lock_file = None
