"""The simulator on a real loopback socket: an ASGI app served by uvicorn.

Shopify's URL space (`/admin/...`) is subject to faults; the simulator's own endpoints
(`/_staged`, `/_bulk`, `/_simulator`) never are.

`/_simulator/*` can mint tokens, inject faults and sell stock, so every call must carry the
server's admin token in `X-Simulator-Admin-Token` (a random secret printed at start, distinct
from the Admin API token the kiosks hold). A custom header also keeps a web page in a browser on
this machine from driving these endpoints: it cannot send one without a CORS preflight, which
is never granted. Bulk result files (`/_bulk/...`) are reached by an unguessable URL, as
Shopify's signed result URLs are, and staged uploads accept only the keys `stagedUploadsCreate`
issued.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
import threading
import time
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qs

import uvicorn
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse

from . import versions
from .api import DEFAULT_SCOPES, Reply, ShopifyAPI
from .faults import FaultPlan
from .sales import SalesGenerator
from .shop_file import ShopFile

log = logging.getLogger(__name__)

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

_GRAPHQL = re.compile(r"^/admin/api/(?P<version>[^/]+)/graphql\.json$")
_BULK_FILE = re.compile(r"^/_bulk/(?P<id>\d+)-(?P<secret>[A-Za-z0-9_-]+)\.jsonl$")
ADMIN_HEADER = "X-Simulator-Admin-Token"


class DroppedConnection(Exception):
    """Raised after the response has started: uvicorn then closes the socket mid-answer."""


class _HideDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], DroppedConnection))


logging.getLogger("uvicorn.error").addFilter(_HideDrops())


class SimulatorApp:
    """ASGI application over one ShopifyAPI."""

    def __init__(self, api: ShopifyAPI, faults: FaultPlan | None = None,
                 shop_file: ShopFile | None = None, admin_token: str | None = None) -> None:
        self.api = api
        self.admin_token = admin_token or secrets.token_urlsafe(24)
        self.faults = faults or FaultPlan()
        self.shop_file = shop_file
        self.sales: SalesGenerator | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        path, method = scope["path"], scope["method"]
        base_url = f"{scope.get('scheme', 'http')}://{request.headers.get('host', 'localhost')}"
        if path.startswith("/admin/"):
            try:
                await self._shopify(request, path, method, base_url, send)
            except ClientDisconnect:  # the client went away mid-request (killed, timed out): nothing to answer
                pass
            return
        response = await self._own(request, path, method)
        await response(scope, receive, send)

    # ---- Shopify's URL space -------------------------------------------------------
    async def _shopify(self, request: Request, path: str, method: str, base_url: str, send: Send) -> None:
        scope, receive = request.scope, request.receive
        match = _GRAPHQL.match(path)
        if method != "POST" or not (match or path == "/admin/oauth/access_token"):
            await JSONResponse({"errors": "Not Found"}, status_code=404)(scope, receive, send)
            return
        fault = self.faults.draw()
        if fault == "slow":
            await asyncio.sleep(self.faults.slow_seconds)
        elif fault in ("http_502", "http_503"):
            status = int(fault[-3:])
            await PlainTextResponse("Bad Gateway" if status == 502 else "Service Unavailable",
                                    status_code=status)(scope, receive, send)
            return
        elif fault == "http_429":
            await JSONResponse({"errors": "Exceeded 2 calls per second for api client. Reduce request rates to "
                                "resume uninterrupted service."}, status_code=429,
                               headers={"Retry-After": "1.0"})(scope, receive, send)
            return
        elif fault == "drop":
            await self._drop(send)
        body = await request.body()
        if match:
            version = versions.resolve(match["version"])
            if version is None:
                await JSONResponse({"errors": "Not Found"}, status_code=404,
                                   headers={"X-Simulator-Note": versions.not_served_note(match["version"])}
                                   )(scope, receive, send)
                return
            if fault == "throttled":
                token = request.headers.get("x-shopify-access-token")
                auth = self.api.authenticate(token)
                reply = self.api.throttled(self.api.bucket(auth.app_id), 0) if auth else Reply(401, {})
            else:
                try:
                    payload = json.loads(body or b"null")
                except ValueError:
                    payload = None
                reply = await asyncio.to_thread(self.api.graphql, request.headers.get("x-shopify-access-token"),
                                                payload, base_url, version)
            reply.headers.setdefault("X-Shopify-API-Version", version.handle)
        else:
            reply = self.api.grant_client_credentials(self._form(request, body))
        if fault == "drop_after":
            await self._drop(send)
        await JSONResponse(reply.body, status_code=reply.status, headers=reply.headers)(scope, receive, send)

    @staticmethod
    def _form(request: Request, body: bytes) -> dict[str, str]:
        if request.headers.get("content-type", "").startswith("application/json"):
            try:
                data = json.loads(body)
                return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}
            except ValueError:
                return {}
        return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}

    @staticmethod
    async def _drop(send: Send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000")]})
        raise DroppedConnection()

    # ---- the simulator's own endpoints -----------------------------------------------
    def _is_admin(self, request: Request) -> bool:
        return secrets.compare_digest(request.headers.get(ADMIN_HEADER, "").encode(), self.admin_token.encode())

    async def _own(self, request: Request, path: str, method: str) -> Response:
        if path == "/_staged/upload" and method == "POST":
            form = await request.form(max_part_size=200 * 1024 * 1024)
            key, upload = form.get("key"), form.get("file")
            if not isinstance(key, str) or upload is None or isinstance(upload, str):
                return PlainTextResponse("Expected form fields 'key' and 'file'.", status_code=400)
            if not self.api.bulk.store_upload(key, await upload.read()):
                return PlainTextResponse("Access Denied: this key was not issued by stagedUploadsCreate.",
                                         status_code=403)
            return Response(status_code=201)
        if (m := _BULK_FILE.match(path)) and method == "GET":
            chunks = self.api.bulk.result_chunks(int(m["id"]), m["secret"])
            if chunks is None:
                return PlainTextResponse("Not Found", status_code=404)
            return StreamingResponse(chunks, media_type="application/jsonl")  # hundreds of MB: a piece at a time
        if path.startswith("/_simulator/") and not self._is_admin(request):
            return JSONResponse({"errors": f"The simulator's own endpoints need its admin token in {ADMIN_HEADER} "
                                           "(printed when the server starts)."}, status_code=401)
        if path == "/_simulator/health":
            with self.api.state.lock:
                return JSONResponse({"ok": True, "products": len(self.api.state.products),
                                     "variants": len(self.api.state.variants), "plan": self.api.plan,
                                     "requests": self.api.request_count})
        if path == "/_simulator/faults":
            if method == "POST":
                try:
                    self.faults = FaultPlan(**(await request.json()))
                except (TypeError, ValueError) as exc:
                    return JSONResponse({"error": str(exc)}, status_code=400)
            return JSONResponse(self.faults.as_dict())
        if path == "/_simulator/sales" and method == "POST":
            try:
                data = await request.json()
                per_second = float(data.get("per_second", 0))
            except (ValueError, TypeError, AttributeError):
                return JSONResponse({"error": 'expected JSON like {"per_second": 5, "seed": 1}'}, status_code=400)
            if self.sales:
                self.sales.stop()
            self.sales = SalesGenerator(self.api.state, per_second, data.get("seed"))
            self.sales.start()
            return JSONResponse({"per_second": self.sales.per_second})
        if path == "/_simulator/adjustments":
            with self.api.state.lock:
                rows = [vars(g).copy() for g in self.api.state.adjustments.values()]
            return JSONResponse(rows)
        if path == "/_simulator/tokens" and method == "POST":
            data = await request.json()
            self.api.add_token(data["token"], frozenset(data.get("scopes", DEFAULT_SCOPES)),
                               expires_in=data.get("expires_in"))
            return JSONResponse({"ok": True})
        if path == "/_simulator/save" and method == "POST":
            if not self.shop_file:
                return JSONResponse({"error": "this simulator has no state file"}, status_code=400)
            await asyncio.to_thread(self.shop_file.compact)  # every write is in the log already
            return JSONResponse({"saved": str(self.shop_file.path)})
        return PlainTextResponse("Not Found", status_code=404)


class SimulatorServer:
    """Runs the app under uvicorn: in a background thread (tests, GUI demo) or blocking."""

    def __init__(self, app: SimulatorApp, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        config = uvicorn.Config(app, host=host, port=port, lifespan="off", http="h11",
                                log_level="warning", access_log=False, timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None
        self.host = host

    @property
    def port(self) -> int:
        return self._server.servers[0].sockets[0].getsockname()[1]

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self, timeout: float = 10.0) -> str:
        self._thread = threading.Thread(target=self._server.run, name="shopify-simulator", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the simulator could not start on {self.host}")
            time.sleep(0.01)
        return self.url

    def wait(self) -> None:
        """Block until the server stops (Ctrl+C raises KeyboardInterrupt here)."""
        while self._thread and self._thread.is_alive():
            self._thread.join(timeout=0.5)

    def request_exit(self) -> None:
        self._server.should_exit = True

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread:
            self._thread.join(timeout=5)
        self.app.api.bulk.close()
        if self.app.sales:
            self.app.sales.stop()
