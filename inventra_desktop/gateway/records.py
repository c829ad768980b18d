"""The shop-level records (areas, settings, sessions) and the shop's locations, read and written."""

from __future__ import annotations

from typing import Any, Callable

from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..shopify.errors import UserErrors
from ..stocktake import codec
from ..stocktake.clock import now_iso
from ..stocktake.errors import SessionError, UnknownSession
from ..stocktake.models import SessionEvent, SessionRecord, SessionState, find_session, Settings
from ..stocktake.records import Location, ShopRecords

MAX_DIGEST_RETRIES = 10
SESSIONS_RECORD_POINTS = 2.0  # requested cost of SessionsRecordDigest (tests/integration/services/test_finalize_cost.py)


async def load_records(client: AdminClient) -> ShopRecords:
    data = await client.execute(document("ShopData"))
    shop = data["shop"]
    nodes = list(data["locations"]["nodes"])
    info = data["locations"]["pageInfo"]
    if info["hasNextPage"]:  # more locations than the first page: every one of them
        async for node in client.paginate(document("Locations"), {}, ("locations",)):
            nodes.append(node)
        nodes = list({n["id"]: n for n in nodes}.values())
    locations = [Location(n["id"], n["name"], n["isActive"], n["shipsInventory"]) for n in nodes]
    client.learned["locations"] = len(locations)
    problems: list[tuple[str, str]] = []

    def raw(key: str) -> str | None:
        return (shop.get(key) or {}).get("value")

    def decoded(key: str, fn: Callable[[str | None], Any], empty: object) -> Any:
        try:
            return fn(raw(key))
        except codec.CodecError as exc:
            problems.append((key, str(exc)))
            return empty
    return ShopRecords(
        shop["id"], shop["name"], shop["myshopifyDomain"], locations,
        decoded("areas", codec.decode_areas, None),
        decoded("settings", codec.decode_settings, None),
        decoded("sessions", codec.decode_sessions, []),
        {k: (shop.get(k) or {}).get("compareDigest") for k in ("areas", "sessions", "settings")},
        problems)


async def load_session_states(client: AdminClient) -> dict[str, SessionState]:
    """Just the sessions' states: a 2-point read the sync engine makes before each delivery."""
    data = await client.execute(document("SessionsRecord"))
    raw = (data["shop"].get("sessions") or {}).get("value")
    return {r.name: r.state for r in codec.decode_sessions(raw)}


async def write_shop_metafield(client: AdminClient, shop_id: str, key: str, value: str,
                               digest: str | None | object = codec.OMIT_DIGEST) -> None:
    await client.mutate(document("MetafieldsSet"), {"metafields": [codec.metafield_input(shop_id, key, value, digest)]})


async def update_sessions(client: AdminClient,
                          change: Callable[[list[SessionRecord]], list[SessionRecord]]) -> list[SessionRecord]:
    """Read-modify-write of the shared `sessions` record with its compare digest: several PCs
    write it, so a stale write is re-read and `change` applied again."""
    for _ in range(MAX_DIGEST_RETRIES):
        # The record and its digest alone: a few points, not the 100 of the locations ShopData
        # also reads (that wait for the bucket cost a 1,500-variant finalize a second at its end).
        # Its cost said (the shop and one metafield: 2 points), not the 50 assumed of a query not
        # sent before: at the end of a release's burst the model waited half a second for those 50.
        shop = (await client.execute(document("SessionsRecordDigest"), cost=SESSIONS_RECORD_POINTS))["shop"]
        raw = shop.get("sessions") or {}
        try:
            sessions = codec.decode_sessions(raw.get("value"))
        except codec.CodecError as exc:  # an unreadable record is not rewritten (as load_records reports it)
            raise codec.CodecError(codec.Keys.SESSIONS, str(exc)) from None
        updated = codec.prune_sessions(change([r.model_copy(deep=True) for r in sessions]))
        digest = raw.get("compareDigest")
        try:
            await write_shop_metafield(client, shop["id"], codec.Keys.SESSIONS, codec.encode_sessions(updated),
                                       digest if digest is not None else None)
            return updated
        except UserErrors as exc:
            if not exc.codes() & {"STALE_OBJECT", "INVALID_COMPARE_DIGEST"}:
                raise
    raise RuntimeError("the sessions record kept changing under us; try again")


async def update_settings(client: AdminClient, change: Callable[[Settings], Settings]) -> Settings:
    """Read-modify-write of the shop's `settings` record with its compare digest (an unreadable or
    absent record starts from the defaults)."""
    for _ in range(MAX_DIGEST_RETRIES):
        records = await load_records(client)
        updated = change((records.settings or Settings()).model_copy(deep=True))
        digest = records.digests.get(codec.Keys.SETTINGS)
        try:
            await write_shop_metafield(client, records.shop_id, codec.Keys.SETTINGS, codec.encode_settings(updated),
                                       digest if digest is not None else None)
            return updated
        except UserErrors as exc:
            if not exc.codes() & {"STALE_OBJECT", "INVALID_COMPARE_DIGEST"}:
                raise
    raise RuntimeError("the settings record kept changing under us; try again")


async def get_session(client: AdminClient, name: str) -> SessionRecord:
    return session_of(await load_records(client), name)


def session_of(records: ShopRecords, name: str) -> SessionRecord:
    """Session `name` of the records read (UnknownSession, or the record's problem, if it is not there)."""
    session = records.session(name)
    if session is None:
        problem = records.problem(codec.Keys.SESSIONS)
        if problem:
            raise codec.CodecError(codec.Keys.SESSIONS, problem)
        raise UnknownSession(name)
    return session


async def set_state(client: AdminClient, name: str, state: SessionState, event: str, by: str,
                    note: str | None = None, *, expect: SessionState | None = None, **changes: Any) -> SessionRecord:
    """Move session `name` to `state` and record `event` (who, when, a note) in its record. With
    `expect`, only from that state: another device that moved it first wins, and this call says
    so (`SessionError`) instead of recording a contradicting event. A session being released
    moves to the end of the list: the record's order is the order of release, which is what
    pruning keeps (codec.prune_sessions), whatever a device's clock says."""
    def change(records: list[SessionRecord]) -> list[SessionRecord]:
        r = find_session(records, name)
        if r is None:
            raise UnknownSession(name)
        if expect is not None and r.state is not expect:
            last = r.events[-1] if r.events else None
            by_whom = f" by {last.by} at {last.at}" if last else ""
            raise SessionError(f"Session {r.name} was {r.state.value}{by_whom} meanwhile: nothing more was done.")
        released = state is SessionState.RELEASED and r.state is not SessionState.RELEASED
        r.state = state
        for key, value in changes.items():
            setattr(r, key, value)
        r.events.append(SessionEvent(what=event, at=now_iso(), by=by, note=note))
        return [other for other in records if other is not r] + [r] if released else records
    records = await update_sessions(client, change)
    found = find_session(records, name)
    if found is None:
        raise UnknownSession(name)
    return found


async def create_shop_metafield(client: AdminClient, shop_id: str, key: str, value: str) -> bool:
    """Write a shop record only where none exists (compareDigest null); False when another PC
    created it first (theirs stands)."""
    try:
        await write_shop_metafield(client, shop_id, key, value, None)
    except UserErrors as exc:
        if "STALE_OBJECT" not in exc.codes():
            raise
        return False
    return True
