"""Bulk operations: queries that write JSONL, mutations that read a staged JSONL upload.

They run in the background at a bounded rate (DESIGN.md section 8): Shopify publishes no
throughput figure, so the rates are deliberately conservative assumptions that keep a
benchmark from rewarding an instant simulator. Up to 5 run at once per shop (2026-01+).
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    get_operation_ast,
    parse,
    validate,
)
from graphql.error import GraphQLSyntaxError

from . import bulk_reads
from .ids import gid, parse_gid
from .state import now_iso
from .views import RequestContext, paginate

if TYPE_CHECKING:
    from .api import ShopifyAPI

log = logging.getLogger(__name__)
MAX_CONCURRENT = 5
MAX_CONNECTIONS = 5
MAX_NESTING = 2


@dataclass
class BulkRun:
    id: int
    type: str  # QUERY | MUTATION
    query: str
    created_at: str
    started: float  # time.monotonic()
    status: str = "RUNNING"
    error_code: str | None = None
    completed_at: str | None = None
    lines: list[str] = field(default_factory=list)  # result lines produced so far
    root_flags: list[bool] = field(default_factory=list)  # per line: is it a root object?
    total: int = 0  # lines the operation will process
    root_count: int = 0
    done: int = 0
    base_url: str = ""
    cancel: bool = False
    executing: bool = False  # a query still reading the shop (its lines grow meanwhile)
    file_bytes: int = 0  # size of every line so far, newlines included
    # Part of the result file's URL: Shopify hands out signed URLs, not guessable ones.
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(16))


class BulkEngine:
    def __init__(self, api: ShopifyAPI, *, query_rate: float, mutation_rate: float) -> None:
        self.api = api
        self.query_rate = query_rate
        self.mutation_rate = mutation_rate
        self.runs: dict[int, BulkRun] = {}
        self.uploads: dict[str, bytes] = {}
        self.issued_keys: set[str] = set()
        self._lock = threading.RLock()
        self._stop = threading.Event()

    def close(self) -> None:
        self._stop.set()

    # ---- views -----------------------------------------------------------------
    def _refresh(self, run: BulkRun) -> None:
        if run.type == "QUERY" and run.status == "RUNNING":
            run.done = min(run.total, int((time.monotonic() - run.started) * self.query_rate))
            if run.cancel:
                run.status, run.completed_at = "CANCELED", now_iso()
            elif not run.executing and run.done >= run.total:
                run.status, run.completed_at = ("FAILED", now_iso()) if run.error_code else ("COMPLETED", now_iso())

    def _as_view(self, run: BulkRun) -> dict[str, Any]:
        with self._lock:
            self._refresh(run)
            finished = run.status in ("COMPLETED", "CANCELED", "FAILED")
            has_file = finished and run.status == "COMPLETED" and run.total > 0
            partial = run.status in ("CANCELED", "FAILED") and run.done > 0
            url = f"{run.base_url}/_bulk/{run.id}-{run.secret}.jsonl"
            return {
                "id": gid("BulkOperation", run.id), "status": run.status, "errorCode": run.error_code,
                "type": run.type, "query": run.query, "createdAt": run.created_at, "completedAt": run.completed_at,
                "objectCount": str(run.done), "rootObjectCount": str(sum(run.root_flags[:run.done])),
                "fileSize": str(self._file_size(run)) if finished else None,
                "url": url if has_file else None, "partialDataUrl": url if partial else None,
                "TYPENAME": "BulkOperation",
            }

    def view(self, id_: str) -> dict[str, Any] | None:
        parsed = parse_gid(id_)
        run = self.runs.get(parsed[1]) if parsed and parsed[0] == "BulkOperation" else None
        return self._as_view(run) if run else None

    def current(self, type_: str) -> dict[str, Any] | None:
        runs = [r for r in self.runs.values() if r.type == type_]
        return self._as_view(max(runs, key=lambda r: r.id)) if runs else None

    def connection(self, info: Any, query: str | None, **page: Any) -> Any:
        rows = sorted(self.runs.values(), key=lambda r: r.id)
        if query:
            wanted = query.split(":", 1)[1].strip().strip("'\"").upper() if ":" in query else ""
            rows = [r for r in rows if not wanted or self._as_view(r)["status"] == wanted]
        return paginate(info, rows, self._as_view, **page)

    def _file_size(self, run: BulkRun) -> int:
        if run.done == len(run.lines):
            return run.file_bytes
        return sum(len(line.encode()) + 1 for line in run.lines[:run.done])

    def result_file(self, run_id: int, secret: str | None = None) -> bytes | None:
        """The run's JSONL so far; None for an unknown run or, when `secret` is given, a wrong one."""
        chunks = self.result_chunks(run_id, secret)
        return None if chunks is None else b"".join(chunks)

    def result_chunks(self, run_id: int, secret: str | None = None, lines: int = 5000) -> Iterator[bytes] | None:
        """The run's JSONL so far, `lines` lines a piece (a million-line file is served as a stream)."""
        run = self.runs.get(run_id)
        if run is None or (secret is not None and not secrets.compare_digest(secret, run.secret)):
            return None
        with self._lock:
            self._refresh(run)
            done = run.done

        def pieces() -> Iterator[bytes]:
            for start in range(0, done, lines):
                yield "".join(line + "\n" for line in run.lines[start:min(done, start + lines)]).encode()
        return pieces()

    def _running(self) -> int:
        with self._lock:
            for r in self.runs.values():
                self._refresh(r)
            return sum(1 for r in self.runs.values() if r.status in ("CREATED", "RUNNING", "CANCELING"))

    def _new_run(self, type_: str, text: str, ctx: RequestContext) -> BulkRun:
        run = BulkRun(self.api.state.new_id(), type_, text, now_iso(), time.monotonic(), base_url=ctx.base_url)
        self.runs[run.id] = run
        return run

    @staticmethod
    def _user_error(message: str, code: str, field: list[str] | None = None) -> dict[str, Any]:
        return {"bulkOperation": None, "userErrors": [{"field": field, "message": message, "code": code}]}

    # ---- queries ---------------------------------------------------------------
    def run_query(self, ctx: RequestContext, text: str) -> dict[str, Any]:
        try:
            document = parse(text)
        except GraphQLSyntaxError as exc:
            return self._user_error(f"Invalid bulk query: {exc.message}", "INVALID", ["query"])
        schema = self.api.schemas[ctx.version.handle]
        problems = validate(schema, document)
        if problems:
            return self._user_error(f"Invalid bulk query: {problems[0].message}", "INVALID", ["query"])
        operation = get_operation_ast(document)
        if operation is None or operation.operation.value != "query":
            return self._user_error("Bulk queries must be a single query operation.", "INVALID", ["query"])
        shape = self._connection_shape(operation, schema)
        if isinstance(shape, str):
            return self._user_error(shape, "INVALID", ["query"])
        if self._running() >= MAX_CONCURRENT:
            return self._user_error(f"A shop can run at most {MAX_CONCURRENT} bulk operations at once.",
                                    "LIMIT_REACHED")
        bulk_ctx = RequestContext(ctx.state, ctx.scopes, ctx.base_url, bulk=True, bulk_engine=self,
                                  version=ctx.version)
        run = self._new_run("QUERY", text, ctx)
        run.executing = True
        threading.Thread(target=self._query, args=(run, document, bulk_ctx), name=f"bulk-{run.id}",
                         daemon=True).start()
        return {"bulkOperation": self._as_view(run), "userErrors": []}

    def _query(self, run: BulkRun, document: Any, ctx: RequestContext) -> None:
        """Read the shop for a bulk query in the background (bulk_reads.py), its lines growing."""
        def emit(lines: list[str], roots: list[bool]) -> None:
            size = sum(len(line.encode()) + 1 for line in lines)
            with self._lock:
                run.lines += lines
                run.root_flags += roots
                run.total, run.root_count = len(run.lines), run.root_count + sum(roots)
                run.file_bytes += size
        try:
            errors = bulk_reads.read(self.api, document, ctx, emit, lambda: run.cancel or self._stop.is_set())
        except Exception:  # a bug of the simulator's: the operation fails as Shopify's would, not the thread
            log.exception("bulk query %s failed", run.id)
            errors = [GraphQLError("internal error", extensions={"code": "INTERNAL_SERVER_ERROR"})]
        with self._lock:
            if errors:
                run.error_code = _error_code(errors)
            run.executing = False

    def _connection_shape(self, operation: OperationDefinitionNode, schema: GraphQLSchema) -> str | None:
        """An error sentence when the query breaks the bulk rules, else None."""
        connections = 0
        deepest = 0

        def walk(selections: Any, parent_type: Any, depth: int) -> None:
            nonlocal connections, deepest
            for sel in selections:
                if not isinstance(sel, FieldNode):
                    if getattr(sel, "selection_set", None):
                        walk(sel.selection_set.selections, parent_type, depth)
                    continue
                fdef = getattr(parent_type, "fields", {}).get(sel.name.value)
                if fdef is None:
                    continue
                named = fdef.type
                while hasattr(named, "of_type"):
                    named = named.of_type
                is_conn = named.name.endswith("Connection")
                if is_conn:
                    connections += 1
                    deepest = max(deepest, depth + 1)
                if sel.selection_set:
                    walk(sel.selection_set.selections, schema.type_map.get(named.name), depth + int(is_conn))

        walk(operation.selection_set.selections, schema.query_type, 0)
        if connections == 0:
            return "Bulk queries must contain at least one connection."
        if connections > MAX_CONNECTIONS:
            return f"Bulk queries cannot contain more than {MAX_CONNECTIONS} connections."
        if deepest > MAX_NESTING:
            return f"Bulk queries cannot contain connections with a nesting depth greater than {MAX_NESTING}."
        return None

    # ---- mutations -------------------------------------------------------------
    def staged_targets(self, ctx: RequestContext, inputs: list[dict[str, Any]]) -> dict[str, Any]:
        targets, errors = [], []
        for i, item in enumerate(inputs):
            if item["resource"] != "BULK_MUTATION_VARIABLES":
                errors.append({"field": ["input", str(i), "resource"],
                               "message": "The simulator stages BULK_MUTATION_VARIABLES uploads only."})
                continue
            key = f"tmp/{uuid.uuid4().hex}/bulk/{item['filename']}"
            with self._lock:
                self.issued_keys.add(key)
            url = f"{ctx.base_url}/_staged/upload"
            targets.append({"url": url, "resourceUrl": f"{url}/{key}", "parameters": [
                {"name": "key", "value": key}, {"name": "Content-Type", "value": item["mimeType"]},
                {"name": "success_action_status", "value": "201"}, {"name": "acl", "value": "private"},
            ]})
        return {"stagedTargets": targets if not errors else None, "userErrors": errors}

    def store_upload(self, key: str, content: bytes) -> bool:
        """Keep an upload under a key stagedUploadsCreate issued; False for any other key."""
        with self._lock:
            if key not in self.issued_keys:
                return False
            self.uploads[key] = content
            return True

    def run_mutation(self, ctx: RequestContext, text: str, path: str, client_identifier: str | None) -> dict[str, Any]:
        try:
            document = parse(text)
        except GraphQLSyntaxError as exc:
            return self._user_error(f"Invalid mutation: {exc.message}", "INVALID_MUTATION", ["mutation"])
        operation = get_operation_ast(document)
        problems = validate(self.api.schemas[ctx.version.handle], document)
        if problems or operation is None or operation.operation.value != "mutation" \
                or len(operation.selection_set.selections) != 1:
            why = problems[0].message if problems else "it must hold exactly one mutation field"
            return self._user_error(f"Invalid bulk mutation: {why}", "INVALID_MUTATION", ["mutation"])
        content = self.uploads.get(path)
        if content is None:
            return self._user_error("The staged upload file does not exist.", "NO_SUCH_FILE", ["stagedUploadPath"])
        try:
            lines = [json.loads(line) for line in content.decode("utf-8").splitlines() if line.strip()]
            if not all(isinstance(x, dict) for x in lines):
                raise ValueError
        except ValueError:
            return self._user_error("The staged upload is not valid JSONL (one JSON object per line).",
                                    "INVALID_STAGED_UPLOAD_FILE", ["stagedUploadPath"])
        if self._running() >= MAX_CONCURRENT:
            return self._user_error(f"A shop can run at most {MAX_CONCURRENT} bulk operations at once.",
                                    "LIMIT_REACHED")
        run = self._new_run("MUTATION", text, ctx)
        run.total = run.root_count = len(lines)
        bulk_ctx = RequestContext(ctx.state, ctx.scopes, ctx.base_url, bulk=True, bulk_engine=self,
                                  version=ctx.version)
        threading.Thread(target=self._mutate, args=(run, document, lines, bulk_ctx),
                         name=f"bulk-{run.id}", daemon=True).start()
        return {"bulkOperation": self._as_view(run), "userErrors": []}

    def _mutate(self, run: BulkRun, document: Any, lines: list[dict[str, Any]], ctx: RequestContext) -> None:
        for number, variables in enumerate(lines):
            due = run.started + (number + 1) / self.mutation_rate
            while not self._stop.is_set() and not run.cancel and time.monotonic() < due:
                time.sleep(min(0.05, max(0.0, due - time.monotonic())))
            if self._stop.is_set() or run.cancel:
                break
            try:
                with ctx.state.lock:
                    result = self.api.execute(document, variables, ctx)
                    seq = ctx.state.commit()
                ctx.state.make_durable(seq)  # a result line is shown only once its write is on disk
            except OSError:
                with self._lock:
                    run.status, run.error_code, run.completed_at = "FAILED", "INTERNAL_SERVER_ERROR", now_iso()
                return
            line: dict[str, Any] = {"data": result.data, "__lineNumber": number}
            if result.errors:
                line["errors"] = [e.formatted for e in result.errors]
            with self._lock:
                run.lines.append(json.dumps(line))
                run.root_flags.append(True)
                run.done = len(run.lines)
        with self._lock:
            run.status = "CANCELED" if run.cancel or self._stop.is_set() else "COMPLETED"
            run.completed_at = now_iso()

    def cancel(self, id_: str) -> dict[str, Any]:
        parsed = parse_gid(id_)
        run = self.runs.get(parsed[1]) if parsed and parsed[0] == "BulkOperation" else None
        if run is None:
            return {"bulkOperation": None, "userErrors": [{"field": ["id"], "message": "Bulk operation does not exist"}]}
        with self._lock:
            self._refresh(run)
            if run.status not in ("CREATED", "RUNNING"):
                return {"bulkOperation": self._as_view(run), "userErrors": [
                    {"field": ["id"], "message": f"A bulk operation cannot be canceled when it is {run.status.lower()}"}]}
            run.cancel = True
            if run.type == "MUTATION":
                run.status = "CANCELING"
        return {"bulkOperation": self._as_view(run), "userErrors": []}


def _error_code(errors: list[GraphQLError]) -> str:
    codes = [(e.extensions or {}).get("code") for e in errors]
    return "ACCESS_DENIED" if "ACCESS_DENIED" in codes else "INTERNAL_SERVER_ERROR"
