"""Where this device keeps its files (journal, settings, the demo store's state)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir


def data_dir() -> Path:
    """`INVENTRA_DATA_DIR` when set (tests, several devices on one machine), else the user's data dir."""
    override = os.environ.get("INVENTRA_DATA_DIR")
    return Path(override) if override else Path(user_data_dir("inventra-desktop", appauthor=False))


def log_dir() -> Path:
    override = os.environ.get("INVENTRA_DATA_DIR")
    return Path(override) / "logs" if override else Path(user_log_dir("inventra-desktop", appauthor=False))
