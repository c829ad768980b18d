"""This device's identity: the id its count operations carry, and the name shown as `by`.

One data dir is one device. The id is kept in `data_dir/device.json`; the shop's `ops` watermark
is keyed by it (DESIGN.md section 5), so two journals must never number operations for one id.
When that may have happened the device takes a fresh id (`renew_device`) and keeps the old ones
as `retired`: its journal was lost (a new journal would number from 1 again), or the shop holds a
watermark for the id that this journal never wrote (a restored backup, a cloned folder: the sync
engine finds that out).
"""

from __future__ import annotations

import json
import os
import socket
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..paths import make_private_dir

DEVICE_FILE = "device.json"
_LOCK_FILE = "device.json.lock"


class DeviceFileError(Exception):
    """`device.json` exists but does not hold a device id (edited by hand, or not ours)."""


MAX_RETIRED = 50  # old ids kept for the record (a renewal is rare; the list must not grow without end)


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str  # uuid4 hex, the id this device's new operations carry
    name: str  # human name shown as "who counted this"
    journal_made: bool = False  # a journal was made for this identity's folder at some point


def load_device(data_dir: Path, name: str | None = None) -> DeviceIdentity:
    """The identity of the device whose files live in `data_dir`, created on first use.

    An explicit `name` replaces the saved one; without a saved name the host name is used,
    read each time so a renamed machine shows its new name.
    """
    make_private_dir(data_dir)
    target = data_dir / DEVICE_FILE
    # The lock makes "read, else create" one step across processes: without it two processes
    # starting on a fresh dir could each make an id, and the loser's ops would carry a dead one.
    with _exclusive_lock(data_dir / _LOCK_FILE):
        saved = _read(target)
        if saved is None:
            saved = {"device_id": uuid.uuid4().hex, "name": name}
            _write_atomically(target, saved)
        elif name is not None and saved.get("name") != name:
            saved = {**saved, "name": name}
            _write_atomically(target, saved)
    return _identity(saved)


def _identity(saved: dict[str, Any]) -> DeviceIdentity:
    return DeviceIdentity(device_id=saved["device_id"], name=saved.get("name") or socket.gethostname(),
                          journal_made=bool(saved.get("journal_made")))


def renew_device(data_dir: Path, *, replacing: str | None = None) -> DeviceIdentity:
    """A fresh device id for this folder, the old one kept as retired. With `replacing`, only if
    the saved id is still that one (another process may have renewed it already: then its fresh
    id is the one to use)."""
    target = data_dir / DEVICE_FILE
    with _exclusive_lock(data_dir / _LOCK_FILE):
        saved = _read(target) or {}
        old = saved.get("device_id")
        if replacing is None or old == replacing or old is None:
            retired = [*(saved.get("retired") or []), *([old] if old else [])][-MAX_RETIRED:]
            saved = {**saved, "device_id": uuid.uuid4().hex, "retired": retired}
            _write_atomically(target, saved)
    return _identity(saved)


def note_journal_made(data_dir: Path) -> None:
    """Remember that this folder's identity has a journal: if the journal is gone later, its
    sequence numbers would start again from 1 under the same id, so a fresh id is taken then."""
    target = data_dir / DEVICE_FILE
    with _exclusive_lock(data_dir / _LOCK_FILE):
        saved = _read(target)
        if saved is not None and not saved.get("journal_made"):
            _write_atomically(target, {**saved, "journal_made": True})


def _read(path: Path) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DeviceFileError(f"{path} is not valid JSON ({exc}); restore it from a backup") from exc
    if not isinstance(data, dict) or not _is_device_id(data.get("device_id")):
        raise DeviceFileError(f"{path} holds no device id; restore it from a backup")
    if data.get("name") is not None and not isinstance(data["name"], str):
        raise DeviceFileError(f"{path}: the device name must be text")
    if not isinstance(data.get("retired", []), list):
        raise DeviceFileError(f"{path}: the retired device ids must be a list")
    return data


def _is_device_id(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return uuid.UUID(hex=value).hex == value
    except ValueError:
        return False


def _write_atomically(path: Path, data: dict[str, Any]) -> None:
    # Readers see the old file or the new one, never half a file, even after a crash.
    with atomic_write(path, "w", durable_rename=True, encoding="utf-8") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


@contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """An OS lock on `path`, released by the OS if the process dies (no stale lock files)."""
    with os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, 0o600), "r+b") as f:
        if sys.platform == "win32":
            import msvcrt

            while True:
                try:
                    f.seek(0)
                    msvcrt.locking(f.fileno(), msvcrt.LK_LOCK, 1)  # retries for ~10 s, then raises
                    break
                except OSError:
                    continue
            try:
                yield
            finally:
                f.seek(0)
                msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)
