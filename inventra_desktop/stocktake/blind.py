"""Blind count (DESIGN.md section 9): while a blind session is counted, nobody sees what is
expected: no snapshot figure, no variance, no stock moved since the snapshot, on any screen, sheet
or report. After finalize the figures are the manager's."""

from __future__ import annotations

from .models import SessionRecord, SessionState


def expected_hidden(session: SessionRecord) -> bool:
    """Whether the expected quantities of `session` must stay hidden now."""
    return session.blind and session.state in (SessionState.OPEN, SessionState.SNAPSHOTTED)
