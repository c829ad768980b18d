"""What every `inventra` command shares: exit codes, output (text or --json), confirmation."""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from typing import Any

# What a script may do next, by exit code (README, "The `inventra` command line"):
#   0 done (a count: saved on this device and delivered to the shop; with --no-wait: saved)
#   1 failed, and nothing was recorded: safe to run the same command again
#   2 usage error: nothing was done
#   3 a count saved on this device but not delivered yet: do not run it again (`inventra sync` delivers it)
#   4 a count recorded but refused by the shop (the reason is on stderr): it does not count
EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_SAVED, EXIT_REFUSED = 0, 1, 2, 3, 4


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
