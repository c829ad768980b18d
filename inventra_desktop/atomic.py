"""Write a file so that readers see the old one or the new one, never half of either, even
after a crash: write beside it, flush to disk, then rename over it."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", *, shared: bool = False, durable_rename: bool = False,
                 **open_kw: Any) -> Iterator[Any]:
    """`shared`: readable by others (mkstemp makes files private; exports are meant to be shared).
    `durable_rename`: also flush the directory entry, so the rename itself survives a power cut.

    A symbolic link is written through (its target is replaced, the link stays a link), and what
    is not a regular file (`-o /dev/stdout`, a pipe, a terminal) is written to as it is: a rename
    over it would replace the device itself."""
    target = Path(path)
    try:
        regular = stat.S_ISREG(os.stat(target).st_mode)  # follows links
    except FileNotFoundError:
        regular = True  # a new file (or a link to one not made yet)
    if not regular:
        with open(target, mode, **open_kw) as f:
            yield f
        return
    target = Path(os.path.realpath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **open_kw) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if shared:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable_rename and sys.platform != "win32":  # POSIX only: Windows cannot open a directory
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
