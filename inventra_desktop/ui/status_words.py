"""One word per status, everywhere a status is shown (grid, counter, filter, progress, lists)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_WORDS = {
    "pending": QT_TRANSLATE_NOOP("Status", "Not started"),
    "in_progress": QT_TRANSLATE_NOOP("Status", "In progress"),
    "done": QT_TRANSLATE_NOOP("Status", "Done"),
    "omitted": QT_TRANSLATE_NOOP("Status", "Omitted"),
    "problem": QT_TRANSLATE_NOOP("Status", "Problem"),
}
_SESSION_STATES = {
    "open": QT_TRANSLATE_NOOP("Status", "Not snapshotted yet"),
    "snapshotted": QT_TRANSLATE_NOOP("Status", "Counting"),
    "finalized": QT_TRANSLATE_NOOP("Status", "Finalized"),
    "applied": QT_TRANSLATE_NOOP("Status", "Applied to Shopify"),
    "released": QT_TRANSLATE_NOOP("Status", "Released"),
}


def status_word(status: str) -> str:
    """The word for a variant's status (`pending`, `in_progress`, `done`, `omitted`, `problem`)."""
    word = _WORDS.get(status)
    return QCoreApplication.translate("Status", word) if word else status


def session_state_word(state: str) -> str:
    """The words for a session's state (`open`, `snapshotted`, `finalized`, `applied`, `released`)."""
    word = _SESSION_STATES.get(state)
    return QCoreApplication.translate("Status", word) if word else state
