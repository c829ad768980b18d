"""Creating sessions (tagging their products) and the two kinds of omission."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from ..shopify.client import AdminClient
from ..shopify.documents import document
from . import codec
from .batch import run_many
from .models import SESSION_NAME, SESSION_TAG_PREFIX, SessionEvent, SessionRecord, SessionState
from .shopdata import load_records, update_sessions

DEFAULT_STATUSES = "status:active,draft"


class SessionError(Exception):
    """A refusal with a sentence; `usage` marks what the user typed wrong (CLI exit 2)."""

    usage = False


class InvalidSessionName(SessionError):
    usage = True

    def __init__(self, name: str) -> None:
        super().__init__(f"“{name}” cannot name a session: use letters, digits, '-' and '_' only "
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


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def with_statuses(query: str) -> str:
    """Shopify's product search defaults to active products; we always say which statuses we mean."""
    return query if re.search(r"(^|[\s(-])status:", query) else f"({query}) {DEFAULT_STATUSES}"


async def find_products(client: AdminClient, query: str) -> list[dict[str, Any]]:
    return [p async for p in client.paginate(document("ProductsSearch"), {"query": with_statuses(query)}, ("products",))]


async def products_by_id(client: AdminClient, ids: list[str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for i in range(0, len(ids), 100):
        data = await client.execute(document("ProductsByIds"), {"ids": ids[i:i + 100]})
        found += [n for n in data["nodes"] if n and n.get("id")]
    return found


def _conflicts(products: list[dict[str, Any]], name: str, open_sessions: list[SessionRecord]) -> list[tuple[str, str]]:
    others = {s.name: s for s in open_sessions if s.name != name and s.is_open}
    claimed = {pid: s.name for s in others.values() for pid in s.product_ids}
    out = []
    for p in products:
        tagged = [t[len(SESSION_TAG_PREFIX):] for t in p["tags"] if t.startswith(SESSION_TAG_PREFIX)]
        other = next((t for t in tagged if t != name and t in others), None) or claimed.get(p["id"])
        if other:
            out.append((p["title"], other))
    return out


@dataclass
class CreatedSession:
    record: SessionRecord
    tagged: int
    resumed: bool


async def create_session(client: AdminClient, name: str, *, by: str, query: str | None = None,
                         product_ids: list[str] | None = None, areas: list[str] | None = None, blind: bool = False,
                         progress: Callable[[int, int], None] | None = None) -> CreatedSession:
    if not SESSION_NAME.match(name):
        raise InvalidSessionName(name)
    if query is not None:
        products = await find_products(client, query)
    else:
        wanted = [pid if pid.startswith("gid://") else f"gid://shopify/Product/{pid}" for pid in product_ids or []]
        products = await products_by_id(client, list(dict.fromkeys(wanted)))
        missing = set(wanted) - {p["id"] for p in products}
        if missing:
            raise SessionError(f"These products do not exist in the shop: {', '.join(sorted(missing))}.")
    if not products:
        raise SessionError("No product matches that choice, so no session was created.")
    ids = [p["id"] for p in products]
    resumed = False

    def add_record(records: list[SessionRecord]) -> list[SessionRecord]:
        nonlocal resumed
        conflicts = _conflicts(products, name, records)
        if conflicts:
            raise SessionConflict(conflicts)
        existing = next((r for r in records if r.name == name), None)
        if existing and existing.is_open:
            if set(existing.product_ids) != set(ids):
                raise SessionError(f"A session named {name} is already open with other products. Pick another name.")
            resumed = True  # an interrupted create: finish the tagging
            return records
        stamp = now_iso()
        record = SessionRecord(name=name, product_ids=ids, query=query, areas=areas, blind=blind, created_at=stamp,
                               created_by=by, events=[SessionEvent(what="created", at=stamp, by=by)])
        return [r for r in records if r.name != name] + [record]

    records = await update_sessions(client, add_record)
    record = next(r for r in records if r.name == name)
    tag = record.tag
    to_tag = [p for p in products if tag not in p["tags"]]
    results = await run_many(client, document("TagsAdd"), [{"id": p["id"], "tags": [tag]} for p in to_tag],
                             progress=progress)
    failed = [p["title"] for p, r in zip(to_tag, results) if r is None or r.get("userErrors")]
    if failed:
        raise SessionError(f"{len(failed)} products could not be tagged ({', '.join(failed[:5])}); run the same "
                           "command again to finish.")
    return CreatedSession(record, len(to_tag), resumed)


async def get_session(client: AdminClient, name: str) -> SessionRecord:
    records = await load_records(client)
    session = records.session(name)
    if session is None:
        raise UnknownSession(name)
    return session


async def set_state(client: AdminClient, name: str, state: SessionState, event: str, by: str,
                    note: str | None = None, **changes: Any) -> SessionRecord:
    def change(records: list[SessionRecord]) -> list[SessionRecord]:
        for r in records:
            if r.name == name:
                r.state = state
                for key, value in changes.items():
                    setattr(r, key, value)
                r.events.append(SessionEvent(what=event, at=now_iso(), by=by, note=note))
        return records
    records = await update_sessions(client, change)
    return next(r for r in records if r.name == name)


async def set_persistent_omit(client: AdminClient, variant_id: str, omit: bool) -> None:
    await client.mutate(document("MetafieldsSet"), {"metafields": [
        codec.metafield_input(variant_id, codec.Keys.OMIT, "true" if omit else "false")]})
