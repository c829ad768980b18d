"""Finding variants in the whole shop by id, SKU or barcode (the CLI names a variant this way);
which of them a code means is the domain's one lookup (stocktake/lookup.py)."""

from __future__ import annotations

from ..shopify.client import AdminClient
from ..stocktake.lookup import gtin_key
from ..stocktake.variant import VariantRecord
from .variants import Reading, load_variants


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _barcode_forms(code: str) -> list[str]:
    """The code as written and, for a GTIN, its other lengths (leading zeros added or dropped)."""
    key = gtin_key(code)
    if key is None:
        return [code]
    return list(dict.fromkeys([code] + [key.zfill(n) for n in (8, 12, 13, 14) if len(key) <= n]))


async def find_variants(client: AdminClient, *, variant: str | None = None, sku: str | None = None,
                        barcode: str | None = None, reading: Reading = "state") -> list[VariantRecord]:
    """The variants the shop's search returns for one of `variant` (gid or number), `sku` or
    `barcode` (every GTIN form of it), with their stock-take metafields (and their stock at every
    location with `reading="full"`)."""
    if variant:
        number = variant.rsplit("/", 1)[-1]
        return await load_variants(client, f"id:{number}", force_bulk=False, reading=reading) if number.isdigit() else []
    if sku:
        return await load_variants(client, f"sku:{_quote(sku)}", force_bulk=False, reading=reading)
    if barcode:
        query = " OR ".join(f"barcode:{_quote(form)}" for form in _barcode_forms(barcode))
        return await load_variants(client, query, force_bulk=False, reading=reading)
    return []
