"""The suite itself: nothing a UI test does reaches the user's real settings or data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from inventra_desktop.paths import data_dir


def test_settings_and_data_live_in_the_sessions_sandbox(qapp, sandbox: Path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings()
    settings.setValue("kiosk/manager_pin_hash", "scrypt$x$y")
    settings.sync()
    assert Path(settings.fileName()).is_relative_to(sandbox), settings.fileName()
    assert data_dir().is_relative_to(sandbox)

