"""Where this device keeps its files (journal, settings, the demo store's state)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir


def data_dir() -> Path:
    """`INVENTRA_DATA_DIR` when set (tests, several devices on one machine), else the user's data dir."""
    override = os.environ.get("INVENTRA_DATA_DIR")
    return Path(override) if override else Path(user_data_dir("inventra-desktop", appauthor=False))


def log_dir() -> Path:
    override = os.environ.get("INVENTRA_DATA_DIR")
    return Path(override) / "logs" if override else Path(user_log_dir("inventra-desktop", appauthor=False))


def make_private_dir(folder: Path) -> None:
    """Create `folder` readable by this user only (the journal says who counted what, when; the
    settings name the shop; the log tells what was done); tighten it when it exists and is ours."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if sys.platform == "win32":
        return  # a user's profile folders are private there already
    try:
        stat = folder.stat()
        if stat.st_uid == os.getuid() and stat.st_mode & 0o077:
            os.chmod(folder, 0o700)
    except OSError:
        pass
