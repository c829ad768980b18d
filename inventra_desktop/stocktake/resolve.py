"""Finding the one variant a user means by id, SKU or barcode."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..shopify.client import AdminClient
from ..shopify.documents import document


class ResolveError(Exception):
    def __init__(self, message: str, candidates: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


@dataclass
class VariantRef:
    id: str
    sku: str | None
    barcode: str | None
    title: str
    product_id: str
    product_tags: list[str]


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _describe(node: dict[str, Any]) -> str:
    title = node["product"]["title"] + ("" if node["title"] == "Default Title" else f" – {node['title']}")
    return f"{title} (SKU {node.get('sku') or '—'}, barcode {node.get('barcode') or '—'}, {node['id']})"


async def resolve_variant(client: AdminClient, *, variant: str | None = None, sku: str | None = None,
                          barcode: str | None = None) -> VariantRef:
    if variant:
        gid = variant if variant.startswith("gid://") else f"gid://shopify/ProductVariant/{variant}"
        query = f"id:{gid.rsplit('/', 1)[1]}"
        label = f"variant {variant}"
    elif sku:
        query, label = f"sku:{_quote(sku)}", f"SKU {sku}"
    elif barcode:
        query, label = f"barcode:{_quote(barcode)}", f"barcode {barcode}"
    else:
        raise ResolveError("Name a variant by --variant ID, --sku SKU or --barcode CODE.")
    nodes = (await client.execute(document("VariantLookup"), {"query": query}))["productVariants"]["nodes"]
    if sku:
        nodes = [n for n in nodes if (n.get("sku") or "").lower() == sku.lower()]
    if barcode:
        nodes = [n for n in nodes if (n.get("barcode") or "") == barcode]
    if not nodes:
        raise ResolveError(f"No variant has {label}.")
    if len(nodes) > 1:
        listing = "; ".join(_describe(n) for n in nodes)
        raise ResolveError(f"{len(nodes)} variants have {label}, so nothing was recorded: {listing}. "
                           "Use --variant ID to pick one.", nodes)
    n = nodes[0]
    return VariantRef(n["id"], n.get("sku"), n.get("barcode"), _describe(n), n["product"]["id"], n["product"]["tags"])
