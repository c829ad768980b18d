"""Files written whole or not at all, and written where the user pointed: through a symbolic
link, and straight into what is not a regular file (`-o /dev/stdout`, a pipe)."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from inventra_desktop.atomic import atomic_write


def test_a_write_replaces_the_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_text("old")
    with atomic_write(path, "w", shared=True) as f:
        f.write("new")
    assert path.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["report.csv"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(path, "w") as f:
        f.write("half")
        raise RuntimeError("stopped")
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["report.csv"]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target, link = tmp_path / "target.csv", tmp_path / "link.csv"
    target.write_text("old")
    link.symlink_to(target)
    with atomic_write(link, "w") as f:
        f.write("new")
    assert link.is_symlink() and target.read_text() == "new"


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pipe")
def test_what_is_not_a_regular_file_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    with atomic_write(fifo, "w") as f:
        f.write("line\n")
    reader.join(10)
    assert got == [b"line\n"] and fifo.exists() and not fifo.is_file()  # still the pipe
