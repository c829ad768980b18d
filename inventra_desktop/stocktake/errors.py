"""The refusals of the stock-take rules: each carries the one sentence a user reads.

`usage` marks what the user typed wrong (the CLI exits 2 for those); everything else is a
refusal of the shop's state (exit 1). Both faces show `str(error)` as it is (services/messages.py).
"""

from __future__ import annotations


class StockTakeError(Exception):
    """A rule said no; `str(err)` is one sentence saying why and what to do."""

    usage = False


class UsageProblem(StockTakeError):
    """Something typed that cannot be used (a name, a file, an option)."""

    usage = True


class SessionError(StockTakeError):
    """A session cannot do what was asked in its current state."""


class InvalidSessionName(UsageProblem, SessionError):
    def __init__(self, name: str, reason: str | None = None) -> None:
        super().__init__(reason or f"“{name}” cannot name a session: use letters, digits, '-' and '_' only "
                         "(it becomes part of a product tag).")


class SessionConflict(SessionError):
    def __init__(self, conflicts: list[tuple[str, str]]) -> None:
        self.conflicts = conflicts  # (product title, other session)
        lines = "; ".join(f"{title} (in {other})" for title, other in conflicts[:20])
        more = f" and {len(conflicts) - 20} more" if len(conflicts) > 20 else ""
        super().__init__(f"{len(conflicts)} of the chosen products are already in another open session, so "
                         f"nothing was tagged: {lines}{more}.")


class UnknownSession(SessionError):
    def __init__(self, name: str) -> None:
        super().__init__(f"There is no session named {name}. `inventra sessions` lists them.")


class SnapshotNeedsForce(SessionError):
    def __init__(self, name: str, counted: int) -> None:
        super().__init__(f"Session {name} already has counts for {counted} variants. Snapshotting again throws "
                         "them away; run it with --force if that is what you want.")


class TapRefused(StockTakeError):
    """A count that cannot be recorded (below zero, omitted, session closed): nothing was saved."""


class VariantNotFound(StockTakeError):
    """A code or id that names no variant, or several (`candidates`)."""

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []  # display names of the variants a code matched


class AreasInvalid(UsageProblem):
    """A list of storage areas that cannot be saved."""
