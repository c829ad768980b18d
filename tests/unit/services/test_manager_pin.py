from __future__ import annotations

import pytest

from inventra_desktop.services.manager_pin import hash_pin, verify_pin


def test_pins_are_salted_slow_hashes() -> None:
    stored = hash_pin("4711")
    assert "4711" not in stored and stored != hash_pin("4711")
    assert verify_pin("4711", stored) and not verify_pin("4712", stored)
    assert not verify_pin("4711", "garbage")
    with pytest.raises(ValueError):
        hash_pin("12")
