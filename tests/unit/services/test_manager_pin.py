from __future__ import annotations

from pathlib import Path

import pytest

from inventra_desktop.services.manager_pin import (
    FIRST_WAIT,
    MAX_WAIT,
    PinGuard,
    hash_pin,
    pin_problem,
    verify_pin,
    wait_after,
)


def test_pins_are_salted_slow_hashes() -> None:
    stored = hash_pin("4711")
    assert "4711" not in stored and stored != hash_pin("4711")
    assert verify_pin("4711", stored) and not verify_pin("4712", stored)
    assert not verify_pin("4711", "garbage")
    with pytest.raises(ValueError):
        hash_pin("12")


def test_longer_pins_are_allowed_and_only_digits() -> None:
    assert pin_problem("1234567890123456") is None and verify_pin("1234567890123456", hash_pin("1234567890123456"))
    assert pin_problem("12345678901234567") and pin_problem("12a4") and pin_problem("١٢٣٤")  # Arabic-Indic digits


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_pins_make_a_wait_that_grows_and_survives_a_restart(tmp_path: Path) -> None:
    """Issue 14 (low): a 4-digit PIN fell to a guesser in minutes."""
    stored, clock = hash_pin("2468"), Clock()
    guard = PinGuard(tmp_path / "guard.json", clock=clock)
    for _ in range(3):  # typos are free
        answer = guard.check("1111", stored)
        assert not answer.ok and answer.wait_seconds == 0
    answer = guard.check("1111", stored)
    assert not answer.ok and answer.wait_seconds == FIRST_WAIT and "try again in 30 seconds" in answer.message
    restarted = PinGuard(tmp_path / "guard.json", clock=clock)  # the app was closed and opened again
    refused = restarted.check("2468", stored)  # even the right PIN waits: the try is not taken
    assert not refused.ok and refused.wait_seconds == FIRST_WAIT
    clock.now += FIRST_WAIT
    assert restarted.check("1111", stored).wait_seconds == 2 * FIRST_WAIT  # it doubles
    assert (tmp_path / "guard.json").stat().st_mode & 0o077 == 0
    clock.now += 2 * FIRST_WAIT
    assert restarted.check("2468", stored).ok  # the right PIN resets the count
    assert restarted.check("1111", stored).wait_seconds == 0


def test_ten_thousand_guesses_take_months_and_a_clock_set_back_locks_no_longer_than_an_hour(tmp_path: Path) -> None:
    assert sum(wait_after(n) for n in range(1, 10_001)) > 90 * 24 * 3600
    clock = Clock()
    guard = PinGuard(tmp_path / "guard.json", clock=clock)
    stored = hash_pin("2468")
    for _ in range(12):
        clock.now += MAX_WAIT
        guard.check("1111", stored)
    clock.now -= 10 * 365 * 24 * 3600
    assert guard.wait_seconds() == MAX_WAIT


def test_a_damaged_guard_file_does_not_open_the_door(tmp_path: Path) -> None:
    (tmp_path / "guard.json").write_text("{nonsense")
    guard = PinGuard(tmp_path / "guard.json", clock=Clock())
    assert guard.wait_seconds() > 0
