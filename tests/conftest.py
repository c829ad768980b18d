"""Shared test fixtures: the shared/ folder beside the clone, and a memory keyring.

A strict run (`INVENTRA_STRICT_TESTS=1`, set by `scripts/test.sh`, which installs every tool the
tests use) turns a skipped test into a failure: a test skipped in CI is a test that does not exist.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Iterator

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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if os.environ.get("INVENTRA_STRICT_TESTS") == "1" and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in a strict run (scripts/test.sh installs what tests need): {reason}"
