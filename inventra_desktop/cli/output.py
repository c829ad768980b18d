"""What every `inventra` command shares: exit codes, output (text or --json), confirmation."""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from typing import Any

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
# A count saved in this device's journal that could not be delivered now (the shop cannot be
# reached or does not answer): it is not lost and must not be repeated; `inventra sync` delivers it.
EXIT_SAVED_NOT_DELIVERED = EXIT_SAVED = 3


class UsageError(Exception):
    """The user typed something we cannot use: exit 2."""


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else text)


def warn(text: str) -> None:
    """One sentence on stderr, the command's prefix before it."""
    print(f"inventra: {text}", file=sys.stderr)


def confirm(args: argparse.Namespace, question: str) -> bool:
    if getattr(args, "yes", False):
        return True
    if not sys.stdin.isatty():
        raise UsageError(f"{question} Add --yes to confirm when not run interactively.")
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def default_device_name() -> str:
    return os.environ.get("INVENTRA_DEVICE_NAME") or socket.gethostname()
