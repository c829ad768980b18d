"""Storage areas: which a session counts, which locations they map to, and what makes a valid list."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..sentences import say
from .errors import AreasInvalid
from .models import AREA_KEY, Area, SessionRecord


def session_areas(session: SessionRecord, areas: list[Area]) -> list[Area]:
    return [a for a in areas if session.areas is None or a.key in session.areas]


def mapped_locations(areas: list[Area]) -> list[str]:
    """The distinct locations the areas map to, in the areas' order."""
    return list(dict.fromkeys(a.location_id for a in areas if a.location_id))


def key_from_label(label: str) -> str:
    """A key for a new area from its label ("Back room" -> "back-room")."""
    return re.sub(r"[^a-z0-9_-]+", "-", label.strip().lower()).strip("-")[:40] or "area"


def area_problem(areas: list[Area], location_ids: Iterable[str]) -> str | None:
    """Why `areas` cannot be saved as the shop's areas, or None: at least one area, each key
    valid and its own, a label, and every mapped location one the shop has."""
    if not areas:
        return "Keep at least one area."
    keys = [a.key for a in areas]
    bad = [k for k in keys if not AREA_KEY.match(k)]
    if bad:
        return (f"The area key {bad[0]!r} cannot be used: a key is lowercase letters, digits, '-' or '_' "
                "(at most 40, starting with a letter or digit).")
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        return f"Two areas have the key {twice[0]!r}: each area needs its own key."
    if any(not a.label.strip() for a in areas):
        return "Every area needs a name."
    known = set(location_ids)
    unknown = [a.location_id for a in areas if a.location_id and a.location_id not in known]
    if unknown:
        return f"These locations do not exist in the shop: {', '.join(unknown)}."
    return None


def counted_area_problem(before: list[Area], after: list[Area], sessions: list[SessionRecord]) -> str | None:
    """Why `after` cannot replace `before` while sessions count, or None. A snapshotted session took
    each area's baseline at the location the area maps to, and its counts are applied there: an
    area it counts keeps its location, and stays, until the session is released (a warehouse
    count moved to another location wrote its 30 units there while the baseline stayed behind)."""
    now = {a.key: a for a in after}
    for session in sessions:
        if not session.is_open or not session.snapshot_at:
            continue
        for area in session_areas(session, before):
            changed = now.get(area.key)
            if changed is None:
                return say("The area “{area}” is counted in session {name}: it cannot be removed until that session "
                           "is released.", area=area.label, name=session.name)
            if changed.location_id != area.location_id:
                return say("The area “{area}” is counted in session {name}, whose baseline was taken at its "
                           "location: the location cannot change until that session is released.",
                           area=area.label, name=session.name)
    return None


def check_areas(areas: list[Area], location_ids: Iterable[str], *, before: list[Area] | None = None,
                sessions: list[SessionRecord] | None = None) -> None:
    """Raise `AreasInvalid` with the sentence of `area_problem`, or of `counted_area_problem`
    when the areas `before` and the shop's `sessions` are given."""
    problem = area_problem(areas, location_ids) or counted_area_problem(before or [], areas, sessions or [])
    if problem:
        raise AreasInvalid(problem)


def unmapped(areas: list[Area]) -> list[Area]:
    return [a for a in areas if not a.location_id]
