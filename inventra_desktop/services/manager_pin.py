"""The manager PIN of kiosk mode: stored only as a salted hash from a slow KDF (scrypt), and
guarded against guessing by a wait that grows with every wrong PIN and survives a restart.

Used by the GUI's PIN prompt (any keypad): `pin_problem` checks a new PIN as it is typed,
`hash_pin` stores it, and a `PinGuard` answers each try:

    guard = PinGuard(data_dir / PIN_GUARD_FILE)
    answer = guard.check(typed, stored_hash)
    if answer.ok: ...                       # the action goes ahead; the count of wrong PINs is reset
    else: show(answer.message)              # wrong, or wait `answer.wait_seconds` before the next try

A 4-digit PIN has 10,000 values: without a limit a person at the kiosk (or a script typing into it)
finds it in minutes. Three wrong PINs are free (typos); then each wrong one doubles the wait, from
30 s up to an hour, so 10,000 tries take months. Longer PINs (up to 16 digits) are allowed too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..atomic import atomic_write

# scrypt at n=2**14, r=8: ~50 ms and 16 MB per try; a 4–16 digit PIN needs that slowness.
_N, _R, _P = 2**14, 8, 1
MIN_DIGITS, MAX_DIGITS = 4, 16
FREE_TRIES = 3  # wrong PINs before the first wait (typos on a touch keypad)
FIRST_WAIT, MAX_WAIT = 30.0, 3600.0  # seconds; the wait doubles with each wrong PIN after the free ones
PIN_GUARD_FILE = "manager_pin_guard.json"


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be a manager PIN, or None (for a form that checks as you type)."""
    if not pin.isascii() or not pin.isdigit() or not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return f"A manager PIN is {MIN_DIGITS} to {MAX_DIGITS} digits."
    return None


def hash_pin(pin: str) -> str:
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem)
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except ValueError:
        return False
    actual = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=len(expected))
    return hmac.compare_digest(actual, expected)


def wait_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong PINs in a row (0 for the free ones)."""
    if failures <= FREE_TRIES:
        return 0.0
    return min(MAX_WAIT, FIRST_WAIT * 2 ** min(failures - FREE_TRIES - 1, 32))


@dataclass(frozen=True)
class PinAnswer:
    ok: bool
    wait_seconds: float  # before the next try is taken (0: at once)
    failures: int  # wrong PINs in a row so far
    message: str  # what the prompt shows ("" when ok)


class PinGuard:
    """The attempt limit of one device's manager PIN, kept in a private file in its data folder
    (`path`), so that closing and opening the app does not start the count again."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock

    def wait_seconds(self) -> float:
        """Seconds before a try is taken (0: now). A clock set back cannot lock the PIN for longer
        than the longest wait."""
        _, until = self._load()
        return max(0.0, min(until - self._clock(), MAX_WAIT))

    def check(self, pin: str, stored_hash: str) -> PinAnswer:
        """Try `pin` against the stored hash. While a wait runs, the try is not taken (and not counted)."""
        failures, _ = self._load()
        waiting = self.wait_seconds()
        if waiting > 0:
            return PinAnswer(False, waiting, failures, _wait_message(waiting))
        if verify_pin(pin, stored_hash):
            if failures:
                self._save(0, 0.0)
            return PinAnswer(True, 0.0, 0, "")
        failures += 1
        wait = wait_after(failures)
        self._save(failures, self._clock() + wait)
        return PinAnswer(False, wait, failures, "Wrong PIN." + (f" {_wait_message(wait)}" if wait else ""))

    def _load(self) -> tuple[int, float]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return max(0, int(data["failures"])), float(data["locked_until"])
        except FileNotFoundError:
            return 0, 0.0
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged (or edited) file must not open the door: as if the free tries were used up.
            failures = FREE_TRIES + 1
            until = self._clock() + wait_after(failures)
            self._save(failures, until)
            return failures, until

    def _save(self, failures: int, locked_until: float) -> None:
        with atomic_write(self.path, "w", durable_rename=True, encoding="utf-8") as f:  # private (0600)
            json.dump({"failures": failures, "locked_until": locked_until}, f)
        if sys.platform != "win32":
            os.chmod(self.path, 0o600)


def _wait_message(seconds: float) -> str:
    whole = int(seconds + 0.999)
    said = f"{whole} seconds" if whole < 120 else f"{(whole + 59) // 60} minutes"
    return f"Too many wrong PINs: try again in {said}."
