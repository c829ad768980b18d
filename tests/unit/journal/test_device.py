"""One data dir is one device, with one id even when several processes start at once."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from inventra_desktop.journal.device import DEVICE_FILE, DeviceFileError, load_device


def test_the_id_is_made_once_and_kept(tmp_path: Path) -> None:
    first = load_device(tmp_path)
    assert len(first.device_id) == 32 and int(first.device_id, 16) >= 0
    assert first.name == socket.gethostname()
    assert load_device(tmp_path) == first


def test_two_data_dirs_are_two_devices(tmp_path: Path) -> None:
    assert load_device(tmp_path / "a").device_id != load_device(tmp_path / "b").device_id


def test_an_explicit_name_is_saved(tmp_path: Path) -> None:
    made = load_device(tmp_path)
    named = load_device(tmp_path, name="kiosk-2")
    assert (named.device_id, named.name) == (made.device_id, "kiosk-2")
    assert load_device(tmp_path).name == "kiosk-2"
    assert json.loads((tmp_path / DEVICE_FILE).read_text(encoding="utf-8"))["name"] == "kiosk-2"


def test_a_damaged_file_is_reported_not_replaced(tmp_path: Path) -> None:
    (tmp_path / DEVICE_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(DeviceFileError, match="not valid JSON"):
        load_device(tmp_path)
    (tmp_path / DEVICE_FILE).write_text('{"device_id": "x"}', encoding="utf-8")
    with pytest.raises(DeviceFileError, match="no device id"):
        load_device(tmp_path)


LOAD_AFTER_GO = """
    import sys, time
    from pathlib import Path
    from inventra_desktop.journal.device import load_device
    data = Path(sys.argv[1])
    while not (data.parent / "go").exists():  # line everyone up so the first starts really race
        time.sleep(0.001)
    print(load_device(data).device_id)
"""


def test_concurrent_first_starts_agree_on_one_id(tmp_path: Path) -> None:
    data = tmp_path / "data"
    procs = [
        subprocess.Popen([sys.executable, "-c", textwrap.dedent(LOAD_AFTER_GO), str(data)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    time.sleep(1.0)  # let the interpreters reach the starting line
    (tmp_path / "go").touch()
    ids = set()
    for p in procs:
        out, err = p.communicate(timeout=30)
        assert p.returncode == 0, err
        ids.add(out.strip())
    assert ids == {load_device(data).device_id}
    assert sorted(p.name for p in data.iterdir()) == ["device.json", "device.json.lock"]
