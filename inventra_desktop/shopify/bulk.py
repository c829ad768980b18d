"""Bulk operations: large reads and writes that run inside Shopify and report back in JSONL."""

from __future__ import annotations

import asyncio
import gc
import json
import random
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from typing import IO, Any, Callable

from .client import AdminClient
from .documents import document
from .errors import BulkBusy, QueryRejected, ShopUnavailable, UserErrors

FINISHED = {"COMPLETED", "FAILED", "CANCELED", "EXPIRED"}
BUSY = {"LIMIT_REACHED", "OPERATION_IN_PROGRESS"}  # Shopify runs at most 5 bulk operations per shop and app
BUSY_WAIT = 180.0  # seconds a bulk operation waits for a free slot before it gives up with a sentence
Progress = Callable[[int], None]  # objects processed so far
Consume = Callable[[list[dict[str, Any]]], None]  # a batch of a bulk file's objects, in file order
_CPU = threading.Lock()  # see _offload


async def _offload(fn: Callable[..., Any], *args: Any) -> Any:
    """Run CPU work on a bulk file in a worker thread, one such job at a time. Several bulk
    operations run at once; two threads running Python together keep the GIL from the event
    loop far longer than one (each time the loop gives it up for a socket call, it must win it
    back against every running thread)."""
    def alone() -> Any:
        with _CPU:
            return fn(*args)
    return await asyncio.to_thread(alone)


@dataclass
class BulkResult:
    id: str
    status: str
    object_count: int
    lines: list[dict[str, Any]]


async def _wait(client: AdminClient, op_id: str, progress: Progress | None, timeout: float,
                expected: int | None = None, *, learn: str = "bulk_objects_per_s") -> dict[str, Any]:
    """Poll until the operation finishes: quickly at first, then every few seconds; with the
    number of objects `expected`, at about the moment the rate seen so far says it will end (a
    status read costs a point; a late one costs the user seconds). The rate seen is learnt as
    `learn`: queries and mutations run at very different rates (a mutation's 20 lines a second
    taken for a query's rate made a 3 s bulk read look like 77 s)."""
    delay, started, deadline = 0.25, time.monotonic(), time.monotonic() + timeout
    while True:
        op = (await client.execute(document("BulkOperationStatus"), {"id": op_id}))["bulkOperation"]
        if op is None:
            raise QueryRejected([f"bulk operation {op_id} vanished"])
        done = int(op["objectCount"] or 0)
        if progress:
            progress(done)
        if op["status"] in FINISHED:
            if op["status"] == "COMPLETED" and done:
                client.learned[learn] = done / max(0.05, time.monotonic() - started)
            return op
        if time.monotonic() > deadline:
            await client.execute(document("BulkCancel"), {"id": op_id})
            raise ShopUnavailable(f"a bulk operation did not finish within {timeout:.0f} s")
        pause = min(delay, 3.0)
        elapsed = time.monotonic() - started
        if expected and done and elapsed > 0.2:
            remaining = max(0, expected - done) / (done / elapsed)
            pause = min(3.0, max(0.2, remaining + 0.05))
        await asyncio.sleep(pause)
        delay = min(delay * 1.5, 3.0)


async def _start(client: AdminClient, name: str, variables: dict[str, Any], *, retry_safe: bool = True) -> str:
    """Start a bulk operation and return its id, waiting for a free slot while the shop runs as
    many as it allows (other devices' polls and snapshots): a refused start started nothing."""
    waited, pause = 0.0, 1.0
    while True:
        try:
            started = await client.mutate(document(name), variables, retry_safe=retry_safe)
            return str(started["bulkOperation"]["id"])
        except UserErrors as exc:
            if not exc.codes() & BUSY:
                raise
            if waited >= BUSY_WAIT:
                raise BulkBusy(waited) from None
        step = random.uniform(0.5, 1.0) * pause  # jitter: several devices waiting do not retry in step
        await asyncio.sleep(step)
        waited += step
        pause = min(pause * 1.6, 10.0)


async def _download(client: AdminClient, url: str | None) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    await _stream(client, url, objects.extend)
    return objects


STREAM_BATCH = 1 << 20  # bytes parsed per worker job: a megabyte is a few thousand objects
SPOOL_IN_MEMORY = 8 << 20  # bytes of a bulk mutation's upload kept in memory before it goes to a file


async def _stream(client: AdminClient, url: str | None, consume: Consume) -> int:
    """Download a bulk file and hand its objects to `consume` a megabyte at a time, parsed in a
    worker thread: only one batch's text and objects live at once (a 100,000-variant file is
    hundreds of megabytes as Python objects). Returns the number of objects."""
    if not url:
        return 0
    http = await client.files()  # a signed URL: no token goes there
    pending: list[bytes] = []
    size, rest, count = 0, [b""], [0]

    def parse_batch(chunks: list[bytes], last: bool) -> None:
        # Thousands of new objects that all live on: the collector's passes over them are wasted
        # time (and the GIL the event loop waits for).
        collecting = gc.isenabled()
        gc.disable()
        try:
            objects = parse_jsonl([rest[0], *chunks], keep_tail=not last)
            if not last and objects and isinstance(objects[-1], bytes):
                rest[0] = objects.pop()  # type: ignore[assignment]
            else:
                rest[0] = b""
            count[0] += len(objects)
            consume(objects)
        finally:
            if collecting:
                gc.enable()
    async with http.stream("GET", url, timeout=120) as response:
        if response.status_code != 200:
            raise ShopUnavailable(f"HTTP {response.status_code} while downloading bulk results")
        async for chunk in response.aiter_bytes():
            pending.append(chunk)
            size += len(chunk)
            if size >= STREAM_BATCH:
                batch, pending, size = pending, [], 0
                await _offload(parse_batch, batch, False)
    await _offload(parse_batch, pending, True)
    return count[0]


def parse_jsonl(chunks: list[bytes], *, keep_tail: bool = False) -> list[Any]:
    """The objects of a JSONL file received in chunks, one line at a time: joining, decoding or
    splitting megabytes in one call holds the GIL for tens of milliseconds, which stalls the event
    loop even from a worker thread. With `keep_tail`, an unfinished last line is returned as the
    list's last item, as bytes, for the next batch to complete."""
    objects: list[Any] = []
    rest = b""
    for chunk in chunks:
        *complete, rest = (rest + chunk).split(b"\n")
        objects += [json.loads(line) for line in complete if line.strip()]
    if keep_tail:
        objects.append(rest)
    elif rest.strip():
        objects.append(json.loads(rest))
    return objects


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
    lines: list[dict[str, Any]] = []
    await bulk_query_stream(client, query, lines.extend, progress=progress, timeout=timeout)
    return await _offload(nest, lines)


async def bulk_query_stream(client: AdminClient, query: str, consume: Consume, *, progress: Progress | None = None,
                            timeout: float = 3600, expected: int | None = None,
                            one_start_at_a_time: asyncio.Lock | None = None) -> int:
    """Run a bulk query and hand its objects to `consume` (in a worker thread, in file order,
    children after their parents, each child with `__parentId`) as the file streams in.
    `expected` (objects) lets the status polls come when the operation should be done. Several
    queries that share `one_start_at_a_time` start one after the other and then run together (a
    shop that takes long to accept a big query then keeps answering the others' status reads).
    Returns the number of objects."""
    if one_start_at_a_time is not None:
        async with one_start_at_a_time:
            op_id = await _start(client, "BulkRunQuery", {"query": query})
    else:
        op_id = await _start(client, "BulkRunQuery", {"query": query})
    op = await _wait(client, op_id, progress, timeout, expected)
    if op["status"] != "COMPLETED":
        raise ShopUnavailable(f"the bulk query ended {op['status'].lower()} ({op.get('errorCode') or 'no reason given'})")
    return await _stream(client, op["url"], consume)


async def bulk_mutation(client: AdminClient, mutation: str, variables: list[dict[str, Any]], *,
                        progress: Progress | None = None, timeout: float = 3600) -> BulkResult:
    """Upload one variables object per line, run `mutation` over them, return the result lines
    ordered by `__lineNumber` (each `{"data": ..., "__lineNumber": n}`)."""
    staged = await client.mutate(document("StagedUploadsCreate"), {"input": [{
        "resource": "BULK_MUTATION_VARIABLES", "filename": f"inventra-{uuid.uuid4().hex}.jsonl",
        "mimeType": "text/jsonl", "httpMethod": "POST"}]})
    target = staged["stagedTargets"][0]
    params = {p["name"]: p["value"] for p in target["parameters"]}
    # Megabytes of JSON for thousands of lines: written off the event loop, a line at a time, to a
    # file that spills to disk past a few megabytes (the lines are held once, not twice more as a
    # joined text and its bytes).
    def write() -> IO[bytes]:
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)
        for v in variables:
            spool.write(json.dumps(v, separators=(",", ":")).encode())
            spool.write(b"\n")
        spool.seek(0)
        return spool  # type: ignore[return-value]
    content = await _offload(write)
    http = await client.files()
    try:
        upload = await http.post(target["url"], data=params, files={"file": ("variables.jsonl", content,
                                                                             "text/jsonl")}, timeout=300)
    finally:
        content.close()
    if upload.status_code not in (200, 201, 204):
        raise ShopUnavailable(f"HTTP {upload.status_code} while uploading bulk variables")
    # Starting a run is not idempotent: never sent twice (a lost answer surfaces as an error); a
    # start refused for want of a free slot started nothing and is tried again.
    op_id = await _start(client, "BulkRunMutation", {"mutation": mutation, "path": params["key"],
                                                     "clientIdentifier": params["key"]}, retry_safe=False)
    op = await _wait(client, op_id, progress, timeout, len(variables), learn="bulk_mutation_lines_per_s")
    lines = await _download(client, op["url"] or op["partialDataUrl"])
    lines.sort(key=lambda line: line.get("__lineNumber", 0))
    return BulkResult(op["id"], op["status"], int(op["objectCount"] or 0), lines)
