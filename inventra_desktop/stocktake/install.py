"""First connect: the metafield definitions and the shop's default areas and settings (idempotent)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..shopify.errors import UserErrors
from . import codec
from .models import NAMESPACE, Area, Settings
from .shopdata import ShopRecords, load_records, write_shop_metafield


@dataclass
class InstallReport:
    created: list[str] = field(default_factory=list)  # "PRODUCTVARIANT.status", ...
    existing: list[str] = field(default_factory=list)
    incompatible: list[str] = field(default_factory=list)  # sentences
    areas_created: bool = False
    settings_created: bool = False
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.incompatible


class NoShippingLocation(Exception):
    pass


def default_areas(records: ShopRecords) -> list[Area]:
    """Showroom and warehouse (standard), garage (non-standard), all on the shop's first
    active location that ships inventory (Shopify deprecated the "primary" location)."""
    shipping = [loc for loc in records.locations if loc.is_active and loc.ships_inventory]
    home = shipping[0].id if shipping else None
    return [Area(key="showroom", label="Showroom", location_id=home, standard=True),
            Area(key="warehouse", label="Warehouse", location_id=home, standard=True),
            Area(key="garage", label="Garage", location_id=home, standard=False)]


async def install(client: AdminClient) -> InstallReport:
    report = InstallReport()
    data = await client.execute(document("MetafieldDefinitions"), {"namespace": NAMESPACE})
    existing = {("PRODUCTVARIANT", n["key"]): n for n in data["variant"]["nodes"]}
    existing |= {("SHOP", n["key"]): n for n in data["shop"]["nodes"]}
    for definition in codec.DEFINITIONS:
        owner, key = definition["ownerType"], definition["key"]
        label = f"{owner}.{key}"
        found = existing.get((owner, key))
        if found is None:
            try:
                await client.mutate(document("MetafieldDefinitionCreate"), {"definition": definition})
                report.created.append(label)
                continue
            except UserErrors as exc:
                if "TAKEN" not in exc.codes():  # another PC created it a moment ago: fine
                    raise
                report.existing.append(label)
                continue
        if found["type"]["name"] != definition["type"]:
            report.incompatible.append(
                f"The metafield definition {NAMESPACE}.{key} ({owner.lower()}) has type {found['type']['name']}, "
                f"but Inventra needs {definition['type']}. Delete or rename it in Shopify admin "
                "(Settings → Custom data), then connect again.")
        else:
            report.existing.append(label)

    records = await load_records(client)
    problems = dict(records.problems)
    if records.areas is None and "areas" not in problems:
        areas = default_areas(records)
        if areas[0].location_id is None:
            report.notices.append("The shop has no active location that ships inventory: the areas are mapped to "
                                  "no location. Map them before counting (inventra areas --set).")
        await _create_only(client, records.shop_id, codec.Keys.AREAS, codec.encode_areas(areas))
        report.areas_created = True
        active = [loc for loc in records.locations if loc.is_active]
        if len(active) > 1:
            report.notices.append(
                f"This shop has {len(active)} locations; every area was mapped to "
                f"{records.location_name(areas[0].location_id)}. Review the mapping (inventra areas --set FILE).")
    elif "areas" in problems:
        report.notices.append(f"The shop's areas record is unreadable ({problems['areas']}); fix it with "
                              "inventra areas --set FILE.")
    if records.settings is None and "settings" not in problems:
        await _create_only(client, records.shop_id, codec.Keys.SETTINGS, codec.encode_settings(Settings()))
        report.settings_created = True
    return report


async def _create_only(client: AdminClient, shop_id: str, key: str, value: str) -> None:
    try:
        await write_shop_metafield(client, shop_id, key, value, None)  # compareDigest null: create only
    except UserErrors as exc:
        if "STALE_OBJECT" not in exc.codes():  # another PC created it first: theirs stands
            raise
