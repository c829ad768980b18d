"""The `inventra` metafield definitions in the shop (DESIGN.md section 3)."""

from __future__ import annotations

from typing import Any

from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..shopify.errors import UserErrors
from ..stocktake.codec import NAMESPACE


async def existing(client: AdminClient) -> dict[tuple[str, str], str]:
    """(owner type, key) -> type name of the definitions the shop has in our namespace."""
    found: dict[tuple[str, str], str] = {}
    for owner in ("PRODUCTVARIANT", "SHOP"):  # every page: a merchant may keep more in our namespace
        async for node in client.paginate(document("MetafieldDefinitions"), {"namespace": NAMESPACE,
                                                                             "ownerType": owner},
                                          ("metafieldDefinitions",)):
            found[(owner, node["key"])] = node["type"]["name"]
    return found


async def create(client: AdminClient, definition: dict[str, Any]) -> bool:
    """Create one definition; False when another PC created it a moment ago (fine)."""
    try:
        await client.mutate(document("MetafieldDefinitionCreate"), {"definition": definition})
    except UserErrors as exc:
        if "TAKEN" not in exc.codes():
            raise
        return False
    return True
