"""Shared test fixtures: the shared/ folder beside the clone, and a memory keyring."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent (a clone outside the workspace): {SHARED}")
    return SHARED
