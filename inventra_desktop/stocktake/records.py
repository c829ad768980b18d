"""The shop-level records a stock-take reads: the shop, its locations, areas, settings, sessions."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Area, SessionRecord, Settings, find_session


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
        """The session called `name`, ignoring case and Unicode form (see `find_session`)."""
        return find_session(self.sessions, name)

    def location_name(self, location_id: str | None) -> str:
        return next((loc.name for loc in self.locations if loc.id == location_id), "no location")

    @property
    def location_names(self) -> dict[str, str]:
        return {loc.id: loc.name for loc in self.locations}

    def problem(self, key: str) -> str | None:
        """Why the shop's `key` record cannot be read, or None."""
        return dict(self.problems).get(key)
