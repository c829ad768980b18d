"""Shared test fixtures: the shared/ folder beside the clone, and a memory keyring.

Nothing a test does may reach the user's own settings, secrets or data: before any test runs,
the XDG folders (where QSettings, platformdirs and the app's data and logs live on Linux), the
app's data folder and the keyring all point at a temporary place for the whole session.

A strict run (`INVENTRA_STRICT_TESTS=1`, set by `scripts/test.sh`, which installs every tool the
tests use) turns a skipped test into a failure: a test skipped in CI is a test that does not exist.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/fakes.py, tests/helpers.py

_SANDBOX: Path | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Runs before any test module is imported, so before Qt or platformdirs read a path."""
    global _SANDBOX
    _SANDBOX = Path(tempfile.mkdtemp(prefix="inventra-tests-"))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[variable] = str(_SANDBOX / variable.lower())
    os.environ["INVENTRA_DATA_DIR"] = str(_SANDBOX / "data")
    os.environ.pop("INVENTRA_LANG", None)  # English, whatever the machine's language
    import keyring
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())  # a test that wants secrets kept uses `memory_keyring`


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SANDBOX is not None:
        shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture(scope="session")
def sandbox() -> Path:
    """The session's temporary home for settings, data and logs."""
    assert _SANDBOX is not None
    return _SANDBOX


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


@pytest.fixture(autouse=True)
def _unfrozen_heap() -> Iterator[None]:
    """A warm open freezes its rows out of the cyclic collector's sight (journal/session_cache.py),
    and everything else alive then with them; in a long-lived worker that runs hundreds of tests,
    what one test froze is handed back to the collector after it."""
    yield
    import gc

    if gc.get_freeze_count():
        gc.unfreeze()
