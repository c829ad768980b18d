"""This device's folder: its identity and its journal (one data dir = one device)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..paths import data_dir as default_data_dir
from ..paths import make_private_dir
from .device import DeviceIdentity, load_device, note_journal_made, renew_device
from .store import JOURNAL_FILE, Journal


@dataclass
class Workspace:
    data_dir: Path
    device: DeviceIdentity

    def journal(self) -> Journal:
        journal = Journal(self.data_dir / JOURNAL_FILE, self.device.device_id)
        if not self.device.journal_made:
            note_journal_made(self.data_dir)
            self.device = DeviceIdentity(self.device.device_id, self.device.name, journal_made=True)
        return journal

    def renew_device(self, replacing: str | None = None) -> str:
        """Take a fresh device id (see journal/device.py) and return it."""
        self.device = renew_device(self.data_dir, replacing=replacing)
        return self.device.device_id


def open_workspace(data_dir: Path | None = None, device_name: str | None = None) -> Workspace:
    """This device's folder (private to the user). A folder whose journal is gone takes a fresh
    device id: a new journal numbers operations from 1 again, below what the shop already holds
    for the old id, and those taps would read as replays."""
    folder = data_dir or default_data_dir()
    make_private_dir(folder)
    workspace = Workspace(folder, load_device(folder, device_name))
    if workspace.device.journal_made and not (folder / JOURNAL_FILE).exists():
        workspace.renew_device(replacing=workspace.device.device_id)
    return workspace
