"""This device's folder: its identity and its journal (one data dir = one device)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..paths import data_dir as default_data_dir
from .device import DeviceIdentity, load_device
from .store import Journal


@dataclass
class Workspace:
    data_dir: Path
    device: DeviceIdentity

    def journal(self) -> Journal:
        return Journal(self.data_dir / "journal.sqlite3", self.device.device_id)


def open_workspace(data_dir: Path | None = None, device_name: str | None = None) -> Workspace:
    folder = data_dir or default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return Workspace(folder, load_device(folder, device_name))
