"""Session rules: what may name a session, which products another session holds, what a search means."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import InvalidSessionName
from .models import MAX_TAG_LENGTH, SESSION_TAG_PREFIX, SessionRecord, name_key

DEFAULT_STATUSES = "status:active,draft"
MAX_NAME_LENGTH = MAX_TAG_LENGTH - len(SESSION_TAG_PREFIX)


def check_session_name(name: str) -> str:
    """The name in its composed (NFC) form, or `InvalidSessionName`: letters and digits of any
    script, '-' and '_', short enough that its tag stays within Shopify's 255 characters."""
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        raise InvalidSessionName(name, "A session needs a name.")
    if not all(_name_char(c, previous) for previous, c in zip(" " + name, name)):
        raise InvalidSessionName(name)
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidSessionName(name, f"“{name[:20]}…” is too long to name a session: its product tag would have "
                                 f"{len(SESSION_TAG_PREFIX) + len(name)} characters and Shopify keeps at most "
                                 f"{MAX_TAG_LENGTH} (use at most {MAX_NAME_LENGTH}).")
    return name


def _name_char(c: str, previous: str) -> bool:
    """A letter or digit of any script, '-' or '_'; a combining mark (Thai and Devanagari vowel
    signs and tone marks, Arabic vowels: written as part of their letter) after a letter or mark."""
    kind = unicodedata.category(c)[0]
    if c in "-_" or kind in "LN":
        return c in "-_" or c.isalnum()
    return kind == "M" and unicodedata.category(previous)[0] in "LM"


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a session, or None (for a form that checks as you type)."""
    try:
        check_session_name(name)
    except InvalidSessionName as exc:
        return str(exc)
    return None


def with_statuses(query: str) -> str:
    """Shopify's product search defaults to active products; we always say which statuses we mean."""
    return query if re.search(r"(^|[\s(-])status:", query) else f"({query}) {DEFAULT_STATUSES}"


@dataclass(frozen=True)
class ProductChoice:
    """A product found for a session: what the wizard lists and what gets tagged."""

    id: str
    title: str
    status: str  # ACTIVE, DRAFT, ARCHIVED, UNLISTED
    tags: tuple[str, ...]

    def sessions(self) -> list[str]:
        """The sessions whose tag the product carries."""
        return [t[len(SESSION_TAG_PREFIX):] for t in self.tags if t.startswith(SESSION_TAG_PREFIX)]


def product_conflicts(products: list[ProductChoice], name: str,
                      sessions: list[SessionRecord]) -> list[tuple[ProductChoice, str]]:
    """(product, other session) for each product already in another open session, by its tag or
    by that session's record; names compared as Shopify compares tags."""
    key = name_key(name)
    others = {name_key(s.name): s for s in sessions if name_key(s.name) != key and s.is_open}
    claimed = {pid: s.name for s in others.values() for pid in s.product_ids}
    out = []
    for p in products:
        tagged = [others[name_key(t)].name for t in p.sessions() if name_key(t) in others]
        other = (tagged[0] if tagged else None) or claimed.get(p.id)
        if other:
            out.append((p, other))
    return out
