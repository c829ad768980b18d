"""What a device writes about who counted what stays readable by its user only (issue 14, low)."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest


def test_the_gui_log_and_its_folder_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from inventra_desktop.app import setup_logging

    monkeypatch.setenv("INVENTRA_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data" / "logs").mkdir(parents=True, mode=0o755)  # made open by an older version
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging()
        logging.getLogger("inventra_desktop.test").warning("counted 3 in the garage")
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
