"""The variants' count histories (`history` metafield) read and written, each write guarded by the
compare digest it was computed from: two PCs finalizing (or finalize and apply) at once never
drop each other's entry; a refused write is read again and its change applied again.

A history someone edited by hand into nonsense is reported and replaced by the new count: it
cannot be kept, and finalize must not stop at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..shopify.bulk import bulk_query_stream
from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..shopify.errors import UserError, UserErrors
from ..stocktake import codec
from ..stocktake.models import HistoryEntry
from ..stocktake.variant import session_search
from .batch import CALL_POINTS, run_many
from .variants import bulk_is_quicker

PER_CALL = 25  # metafieldsSet takes at most 25 metafields
MAX_ROUNDS = 8
HistoryChange = Callable[[str, list[HistoryEntry]], list[HistoryEntry] | None]  # None: nothing to write


@dataclass
class StoredHistory:
    entries: list[HistoryEntry] = field(default_factory=list)
    digest: str | None = None  # None: no history yet (written "create only")
    problem: str | None = None  # why the stored value could not be read


def _stored(node: dict[str, Any] | None) -> StoredHistory:
    raw = node or {}
    try:
        return StoredHistory(codec.decode_history(raw.get("value")), raw.get("compareDigest"))
    except codec.CodecError as exc:
        return StoredHistory([], raw.get("compareDigest"), str(exc))


def write_points(histories: int) -> float:
    """The points writing `histories` histories takes from the bucket (25 a metafieldsSet call)."""
    return CALL_POINTS * -(-histories // PER_CALL)


def read_with(value: str | None, digest: str | None) -> StoredHistory:
    """A history as a variant read (the `closing` reading) brought it: no second read."""
    return _stored({"value": value, "compareDigest": digest} if value is not None or digest is not None else None)


async def session_histories(client: AdminClient, session: str) -> dict[str, StoredHistory]:
    """Variant gid -> its stored history, for every variant of the session's products."""
    search = session_search(session)
    found: dict[str, StoredHistory] = {}
    # A node and its history metafield (2 points), 100 a page; paged or bulk by which is quicker now.
    if await bulk_is_quicker(client, search, 2.0, 100):
        def consume(objects: list[dict[str, Any]]) -> None:
            for obj in objects:
                if "__parentId" not in obj:
                    found[obj["id"]] = _stored(obj.get("history"))
        text = document("BulkSessionHistories").replace("__SEARCH__", search.replace("\\", "\\\\").replace('"', '\\"'))
        await bulk_query_stream(client, text, consume)
        return found
    async for node in client.paginate(document("SessionHistories"), {"query": search}, ("productVariants",)):
        found[node["id"]] = _stored(node.get("history"))
    return found


async def histories_by_ids(client: AdminClient, ids: list[str]) -> dict[str, StoredHistory]:
    found: dict[str, StoredHistory] = {}
    for i in range(0, len(ids), 50):
        data = await client.execute(document("VariantHistories"), {"ids": ids[i:i + 50]})
        for node in data["nodes"]:
            if node and "id" in node:
                found[node["id"]] = _stored(node.get("history"))
    return found


async def update_histories(client: AdminClient, stored: dict[str, StoredHistory], change: HistoryChange) -> int:
    """Apply `change` to each variant's history in `stored` and write what changed, guarded by
    the digests read; returns how many histories were written."""
    written = 0
    todo = dict(stored)
    for _ in range(MAX_ROUNDS):
        plans = {v: new for v, s in todo.items() if (new := change(v, list(s.entries))) is not None}
        if not plans:
            return written
        ids = list(plans)
        calls = [ids[i:i + PER_CALL] for i in range(0, len(ids), PER_CALL)]
        inputs = [{"metafields": [codec.metafield_input(v, codec.Keys.HISTORY, codec.encode_history(plans[v]),
                                                        todo[v].digest) for v in call]} for call in calls]
        results = await run_many(client, document("MetafieldsSet"), inputs)
        stale: list[str] = []
        for call, result in zip(calls, results):
            errors = (result or {}).get("userErrors") or []
            if result is None or {e.get("code") for e in errors} & {"STALE_OBJECT", "INVALID_COMPARE_DIGEST"}:
                stale += call  # the call is atomic: nothing of it was written; read these again
            elif errors:
                raise UserErrors("metafieldsSet", [UserError.from_json(e) for e in errors])
            else:
                written += len(call)
        if not stale:
            return written
        todo = await histories_by_ids(client, stale)
    raise RuntimeError(f"{len(todo)} count histories kept changing while we wrote them; try again in a moment")
