"""The shop-level records (areas, settings, sessions) and the shop's locations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..shopify.errors import UserErrors
from . import codec
from .models import Area, SessionRecord, SessionState, Settings

MAX_DIGEST_RETRIES = 10


@dataclass
class Location:
    id: str
    name: str
    is_active: bool
    ships_inventory: bool


@dataclass
class ShopRecords:
    shop_id: str
    name: str
    domain: str
    locations: list[Location]
    areas: list[Area] | None
    settings: Settings | None
    sessions: list[SessionRecord]
    digests: dict[str, str | None] = field(default_factory=dict)  # key -> compareDigest (None: absent)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (key, reason) of unreadable records

    def session(self, name: str) -> SessionRecord | None:
        return next((s for s in self.sessions if s.name == name), None)

    def location_name(self, location_id: str | None) -> str:
        return next((loc.name for loc in self.locations if loc.id == location_id), "no location")


async def load_records(client: AdminClient) -> ShopRecords:
    data = await client.execute(document("ShopData"))
    shop = data["shop"]
    locations = [Location(n["id"], n["name"], n["isActive"], n["shipsInventory"]) for n in data["locations"]["nodes"]]
    problems: list[tuple[str, str]] = []

    def raw(key: str) -> str | None:
        return (shop.get(key) or {}).get("value")

    def decoded(key: str, fn: Callable, empty: object) -> object:
        try:
            return fn(raw(key))
        except codec.CodecError as exc:
            problems.append((key, str(exc)))
            return empty
    records = ShopRecords(
        shop["id"], shop["name"], shop["myshopifyDomain"], locations,
        decoded("areas", codec.decode_areas, None),  # type: ignore[arg-type]
        decoded("settings", codec.decode_settings, None),  # type: ignore[arg-type]
        decoded("sessions", codec.decode_sessions, []),  # type: ignore[arg-type]
        {k: (shop.get(k) or {}).get("compareDigest") for k in ("areas", "sessions", "settings")},
        problems)
    return records


async def load_session_states(client: AdminClient) -> dict[str, SessionState]:
    """Just the sessions' states: a 2-point read the sync engine makes before each delivery."""
    data = await client.execute(document("SessionsRecord"))
    raw = (data["shop"].get("sessions") or {}).get("value")
    return {r.name: r.state for r in codec.decode_sessions(raw)}


async def write_shop_metafield(client: AdminClient, shop_id: str, key: str, value: str,
                               digest: str | None | object = codec.OMIT_DIGEST) -> None:
    await client.mutate(document("MetafieldsSet"), {"metafields": [codec.metafield_input(shop_id, key, value, digest)]})


async def update_sessions(client: AdminClient, change: Callable[[list[SessionRecord]], list[SessionRecord]]) -> list[SessionRecord]:
    """Read-modify-write of the shared `sessions` record with its compare digest: several PCs
    write it, so a stale write is re-read and `change` applied again."""
    for _ in range(MAX_DIGEST_RETRIES):
        records = await load_records(client)
        if any(key == "sessions" for key, _ in records.problems):
            raise codec.CodecError("sessions", dict(records.problems)["sessions"])
        updated = codec.prune_sessions(change([r.model_copy(deep=True) for r in records.sessions]))
        digest = records.digests.get("sessions")
        try:
            await write_shop_metafield(client, records.shop_id, codec.Keys.SESSIONS, codec.encode_sessions(updated),
                                       digest if digest is not None else None)
            return updated
        except UserErrors as exc:
            if not exc.codes() & {"STALE_OBJECT", "INVALID_COMPARE_DIGEST"}:
                raise
    raise RuntimeError("the sessions record kept changing under us; try again")
