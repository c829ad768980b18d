"""Reading a session's variants with their stock-take metafields, at any size."""

from __future__ import annotations

import asyncio
from typing import Any, Callable

from ..shopify.bulk import bulk_query
from ..shopify.client import AdminClient
from ..shopify.documents import document
from ..stocktake import codec
from ..stocktake.variant import VariantRecord, session_search

BULK_ABOVE = 600  # variants; below this, paginated reads are quicker than a bulk round trip


def parse_variant(node: dict[str, Any], levels: list[dict[str, Any]]) -> VariantRecord:
    product = node["product"]
    item = node["inventoryItem"]
    record = VariantRecord(
        id=node["id"], product_id=product["id"], product_title=product["title"], vendor=product.get("vendor") or "",
        title=node["title"], sku=node.get("sku") or None, barcode=node.get("barcode") or None,
        product_tags=list(product.get("tags") or []), inventory_item_id=item["id"], tracked=bool(item["tracked"]),
        bundle_parent=bool(node.get("requiresComponents")),
        on_hand={lv["location"]["id"]: (lv["quantities"][0]["quantity"] if lv["quantities"] else 0) for lv in levels},
        unit_cost=(item.get("unitCost") or {}).get("amount"),
        image_url=(node.get("image") or {}).get("url") or
        (((product.get("featuredMedia") or {}).get("preview") or {}).get("image") or {}).get("url"))
    raw = {key: (node.get(alias) or {}).get("value") for alias, key in
           (("counts", "counts"), ("status", "status"), ("currentQty", "current_qty"), ("lastDone", "last_done"),
            ("omit", "omit"))}
    record.digests = {"counts": (node.get("counts") or {}).get("compareDigest"),
                      "status": (node.get("status") or {}).get("compareDigest")}
    decoders: dict[str, tuple[str, Callable[[Any], Any]]] = {
        "counts": ("counts", codec.decode_counts),
        "status": ("status", codec.decode_status),
        "current_qty": ("current_qty", lambda v: codec.decode_int(v, "current_qty")),
        "last_done": ("last_done", lambda v: codec.decode_datetime(v, "last_done")),
        "omit": ("omit", lambda v: codec.decode_bool(v, "omit")),
    }
    for key, (attr, decode) in decoders.items():
        try:
            setattr(record, attr, decode(raw[key]))
        except codec.CodecError as exc:
            record.problems.append((key, str(exc)))
    return record


async def count_variants(client: AdminClient, search: str) -> int:
    data = await client.execute(document("VariantsCount"), {"query": search})
    return int(data["productVariantsCount"]["count"])


async def load_variants(client: AdminClient, search: str, *, force_bulk: bool | None = None) -> list[VariantRecord]:
    """Every variant matching `search`, in id order."""
    use_bulk = force_bulk if force_bulk is not None else await count_variants(client, search) > BULK_ABOVE
    records: list[VariantRecord] = []
    if use_bulk:
        text = document("BulkSessionVariants").replace("__SEARCH__", search.replace("\\", "\\\\").replace('"', '\\"'))
        rows = await bulk_query(client, text)

        def parse_all() -> list[VariantRecord]:
            parsed = []
            rows.reverse()
            while rows:  # each row's JSON dies here once parsed: freed on the event loop, it took tens of ms
                row = rows.pop()
                parsed.append(parse_variant(row, [c for c in row.pop("__children", []) if "location" in c]))
            return _in_id_order(parsed)
        # Decoding thousands of metafields (and sorting them) is CPU work: off the event loop, so the GUI stays live.
        return await asyncio.to_thread(parse_all)
    async for node in client.paginate(document("SessionVariants"), {"query": search}, ("productVariants",)):
        records.append(parse_variant(node, node["inventoryItem"]["inventoryLevels"]["nodes"]))
    return _in_id_order(records)


def _in_id_order(records: list[VariantRecord]) -> list[VariantRecord]:
    records.sort(key=lambda r: int(r.id.rsplit("/", 1)[1]))
    return records


async def load_session_variants(client: AdminClient, session: str, **kw: Any) -> list[VariantRecord]:
    return await load_variants(client, session_search(session), **kw)
