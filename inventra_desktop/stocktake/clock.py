"""The one format every stored time uses: UTC, ISO 8601, milliseconds, 'Z'."""

from __future__ import annotations

from datetime import datetime, timezone


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
