"""Shared test fixtures: the shared/ folder beside the clone, and a memory keyring."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/fakes.py


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent (a clone outside the workspace): {SHARED}")
    return SHARED


@pytest.fixture
def memory_keyring():  # type: ignore[no-untyped-def]
    """An in-memory keyring for one test; the previous backend comes back afterwards."""
    import keyring

    from fakes import MemoryKeyring

    previous = keyring.get_keyring()
    fake = MemoryKeyring()
    keyring.set_keyring(fake)
    yield fake
    keyring.set_keyring(previous)
