"""Bulk operations: large reads and writes that run inside Shopify and report back in JSONL."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable

import httpx

from .client import AdminClient
from .documents import document
from .errors import QueryRejected, ShopUnavailable

FINISHED = {"COMPLETED", "FAILED", "CANCELED", "EXPIRED"}
Progress = Callable[[int], None]  # objects processed so far


@dataclass
class BulkResult:
    id: str
    status: str
    object_count: int
    lines: list[dict[str, Any]]


async def _wait(client: AdminClient, op_id: str, progress: Progress | None, timeout: float) -> dict[str, Any]:
    """Poll until the operation finishes: quickly at first, then every few seconds."""
    delay, deadline = 0.25, time.monotonic() + timeout
    while True:
        op = (await client.execute(document("BulkOperationStatus"), {"id": op_id}))["bulkOperation"]
        if op is None:
            raise QueryRejected([f"bulk operation {op_id} vanished"])
        if progress:
            progress(int(op["objectCount"] or 0))
        if op["status"] in FINISHED:
            return op
        if time.monotonic() > deadline:
            await client.execute(document("BulkCancel"), {"id": op_id})
            raise ShopUnavailable(f"a bulk operation did not finish within {timeout:.0f} s")
        await asyncio.sleep(delay)
        delay = min(delay * 1.5, 3.0)


async def _download(url: str | None) -> list[dict[str, Any]]:
    if not url:
        return []
    async with httpx.AsyncClient(timeout=120) as http:  # a signed URL: no token goes there
        response = await http.get(url)
    if response.status_code != 200:
        raise ShopUnavailable(f"HTTP {response.status_code} while downloading bulk results")
    # Tens of thousands of lines: parse in a worker thread so the event loop (the GUI) keeps running.
    return await asyncio.to_thread(lambda: [json.loads(line) for line in response.text.splitlines() if line.strip()])


def nest(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rebuild the tree: each line with `__parentId` goes into its parent's `__children`."""
    by_id: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for line in lines:  # children always come after their parent
        parent = line.pop("__parentId", None)
        if "id" in line:
            by_id[line["id"]] = line
        if parent is None:
            roots.append(line)
        elif parent in by_id:
            by_id[parent].setdefault("__children", []).append(line)
    return roots


async def bulk_query(client: AdminClient, query: str, *, progress: Progress | None = None,
                     timeout: float = 3600) -> list[dict[str, Any]]:
    """Run a bulk query and return its root objects with their children nested."""
    started = await client.mutate(document("BulkRunQuery"), {"query": query})
    op = await _wait(client, started["bulkOperation"]["id"], progress, timeout)
    if op["status"] != "COMPLETED":
        raise ShopUnavailable(f"the bulk query ended {op['status'].lower()} ({op.get('errorCode') or 'no reason given'})")
    return await asyncio.to_thread(nest, await _download(op["url"]))


async def bulk_mutation(client: AdminClient, mutation: str, variables: list[dict[str, Any]], *,
                        progress: Progress | None = None, timeout: float = 3600) -> BulkResult:
    """Upload one variables object per line, run `mutation` over them, return the result lines
    ordered by `__lineNumber` (each `{"data": ..., "__lineNumber": n}`)."""
    staged = await client.mutate(document("StagedUploadsCreate"), {"input": [{
        "resource": "BULK_MUTATION_VARIABLES", "filename": f"inventra-{uuid.uuid4().hex}.jsonl",
        "mimeType": "text/jsonl", "httpMethod": "POST"}]})
    target = staged["stagedTargets"][0]
    params = {p["name"]: p["value"] for p in target["parameters"]}
    # Megabytes of JSON for thousands of lines: built off the event loop.
    content = await asyncio.to_thread(
        lambda: "".join(json.dumps(v, separators=(",", ":")) + "\n" for v in variables).encode())
    async with httpx.AsyncClient(timeout=300) as http:
        upload = await http.post(target["url"], data=params, files={"file": ("variables.jsonl", content, "text/jsonl")})
    if upload.status_code not in (200, 201, 204):
        raise ShopUnavailable(f"HTTP {upload.status_code} while uploading bulk variables")
    # Starting a run is not idempotent: never sent twice (a lost answer surfaces as an error).
    started = await client.mutate(document("BulkRunMutation"), {"mutation": mutation, "path": params["key"],
                                                                "clientIdentifier": params["key"]},
                                  retry_safe=False)
    op = await _wait(client, started["bulkOperation"]["id"], progress, timeout)
    lines = await _download(op["url"] or op["partialDataUrl"])
    lines.sort(key=lambda line: line.get("__lineNumber", 0))
    return BulkResult(op["id"], op["status"], int(op["objectCount"] or 0), lines)
