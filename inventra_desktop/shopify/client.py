"""The async Admin GraphQL client every feature uses to reach a shop.

It paces itself against the shop's cost bucket, retries what is safe to retry (reads
always; writes only when the caller says the write is safe to repeat), renews tokens,
and turns every failure into a typed error with a sentence (`errors.py`).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
import re
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, AsyncIterator, Callable

import httpx

from .address import ShopAddress
from .auth import Credentials
from .errors import (
    AuthenticationFailed,
    MissingScopes,
    QueryRejected,
    ShopLocked,
    ShopUnavailable,
    Throttled,
    UserError,
    UserErrors,
)
from .pacing import CostBucket

log = logging.getLogger(__name__)

REQUIRED_SCOPES = ("read_products", "write_products", "read_inventory", "write_inventory", "read_locations")
DEFAULT_COST = 50.0  # assumed for a query until the shop tells us its requested cost
MUTATION_COST = 10.0  # Shopify charges a mutation 10 points


@dataclass
class RetryPolicy:
    attempts: int = 6  # for 5xx and connection errors
    base_delay: float = 0.5
    max_delay: float = 8.0
    # Total seconds of THROTTLED/429 waits before one request gives up. A throttled request
    # waits (the shop answers and says how long); it does not fail after a number of answers.
    max_throttle_wait: float = 120.0
    # Seconds one request may go unanswered, over all its attempts (timeouts, refused or broken
    # connections, 5xx) and the pauses between them: a hanging shop held a command for 186 s
    # (six attempts of 30 s); now it gives up with a sentence. Throttle waits do not count.
    deadline: float = 30.0
    attempt_timeout: float = 20.0  # seconds one attempt may wait for the answer

    def backoff(self, attempt: int) -> float:
        """Capped exponential backoff with full jitter."""
        return random.uniform(0, min(self.max_delay, self.base_delay * 2 ** attempt))


@dataclass
class ShopInfo:
    name: str
    domain: str
    scopes: list[str]


class AdminClient:
    def __init__(self, address: ShopAddress, credentials: Credentials, *, timeout: float = 30.0,
                 retry: RetryPolicy | None = None, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.address = address
        self.credentials = credentials
        self.retry = retry or RetryPolicy()
        self.bucket = CostBucket()
        self._costs: dict[str, float] = {}  # document -> the shop's requested cost, learnt per answer
        # The process's SSL context once one is built (see `files`): a fresh one costs 50-80 ms of CPU.
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=10.0), transport=transport,
                                       limits=httpx.Limits(max_keepalive_connections=8),
                                       verify=_SSL if _SSL is not None else True)
        self.stats = {"requests": 0, "throttled": 0, "retries": 0, "points": 0.0}
        self.points_by_operation: dict[str, float] = {}  # operation name -> API points spent (benchmarks)
        self.learned: dict[str, float] = {}  # what the gateway measured of this shop (bulk rate, round trip)
        # Told what each answer's Date header says (the shop's clock) the moment it arrives: stored
        # times follow the shop's clock, not a device's that may be years off (stocktake/clock.py).
        self.on_shop_time: Callable[[datetime], None] | None = None
        self._files: httpx.AsyncClient | None = None

    async def files(self) -> httpx.AsyncClient:
        """The plain HTTP client for bulk files at signed URLs: no token goes there, no pacing.

        Made once per AdminClient and kept: every new httpx client builds an SSL context (it
        loads the CA bundle), 50-80 ms of CPU; made per bulk operation, on the event loop, that
        stalled the GUI. The context is built once, in a worker thread (OpenSSL releases the GIL).
        """
        if self._files is None:
            context = await _ssl_context()
            if self._files is None:  # another task may have made it meanwhile
                self._files = httpx.AsyncClient(verify=context, timeout=httpx.Timeout(120.0, connect=10.0))
        return self._files

    async def __aenter__(self) -> AdminClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()
        if self._files is not None:
            await self._files.aclose()
            self._files = None

    # ---- the one way to send ------------------------------------------------------
    async def execute(self, document: str, variables: dict[str, Any] | None = None, *,
                      retry_safe: bool = True, cost: float | None = None) -> dict[str, Any]:
        """Run one operation and return its `data`.

        `retry_safe=False` for a write that must not be sent twice: then only failures that
        prove the shop never saw the request (a refused connection, THROTTLED, 429) are retried.
        """
        body = {"query": document, "variables": variables or {}}
        default = MUTATION_COST if document.lstrip().startswith("mutation") else DEFAULT_COST

        def expected() -> float:  # read when our turn comes: earlier answers may have taught it
            return cost if cost is not None else self._costs.get(document, default)

        loop = asyncio.get_running_loop()
        attempt, throttle_waited, renewed = 0, 0.0, False
        unanswered = 0.0  # seconds spent on attempts that brought no answer, and the pauses after them

        def out_of_time(pause: float = 0.0) -> bool:
            return unanswered + pause >= self.retry.deadline

        while True:
            reserved = await self.bucket.reserve(expected)
            sent = loop.time()
            try:
                token = await self.credentials.token(self._http)
                limit = max(1.0, min(self.retry.attempt_timeout, self.retry.deadline - unanswered))
                response = await self._http.post(self.address.graphql_url, json=body, headers={
                    "X-Shopify-Access-Token": token, "Content-Type": "application/json"},
                    timeout=httpx.Timeout(limit, connect=min(10.0, limit)))
            except httpx.TransportError as exc:
                self.bucket.release(reserved)
                unanswered += loop.time() - sent
                never_sent = isinstance(exc, httpx.ConnectError)
                pause = self.retry.backoff(attempt + 1)
                if out_of_time(pause):
                    raise ShopUnavailable(f"it did not answer within {self.retry.deadline:.0f} s") from None
                if attempt + 1 >= self.retry.attempts or not (retry_safe or never_sent):
                    raise ShopUnavailable(_describe(exc)) from None
                attempt += 1
                self.stats["retries"] += 1
                unanswered += pause
                await asyncio.sleep(pause)
                continue
            except BaseException:
                self.bucket.release(reserved)
                raise
            self._note_shop_time(response)
            self.stats["requests"] += 1
            status = response.status_code
            if status == 401:
                self.bucket.release(reserved)
                if self.credentials.renewable and not renewed:
                    self.credentials.invalidate()
                    renewed = True
                    continue
                raise AuthenticationFailed()
            if status in (402, 423):
                self.bucket.release(reserved)
                raise ShopLocked(status)
            if status == 429:
                self.bucket.release(reserved)
                pause = _retry_after(response)
                throttle_waited += pause
                self.stats["throttled"] += 1
                if throttle_waited > self.retry.max_throttle_wait:
                    raise Throttled(throttle_waited)
                await asyncio.sleep(pause)
                continue
            if status >= 500 or status in (408,):
                self.bucket.release(reserved)
                unanswered += loop.time() - sent
                pause = self.retry.backoff(attempt + 1)
                if attempt + 1 >= self.retry.attempts or not retry_safe or out_of_time(pause):
                    raise ShopUnavailable(f"HTTP {status}")
                attempt += 1
                self.stats["retries"] += 1
                unanswered += pause
                await asyncio.sleep(pause)
                continue
            try:
                payload = response.json()
            except ValueError:
                self.bucket.release(reserved)
                raise ShopUnavailable(f"an unreadable answer (HTTP {status})") from None
            if status != 200:
                self.bucket.release(reserved)
                raise QueryRejected([str(payload.get("errors", payload))])
            cost_info = (payload.get("extensions") or {}).get("cost") or {}
            throttle = cost_info.get("throttleStatus")
            errors = payload.get("errors") or []
            if any((e.get("extensions") or {}).get("code") == "THROTTLED" for e in errors):
                requested = float(cost_info.get("requestedQueryCost") or reserved)
                self._costs[document] = requested
                self.bucket.release(reserved)
                # The exact wait the bucket needs; a floor so a shop that throttles while its
                # bucket looks full cannot spin us.
                pause = max(self.bucket.throttled(requested, throttle), 0.05)
                self.stats["throttled"] += 1
                if throttle_waited >= self.retry.max_throttle_wait:  # waited that long in fact: give up
                    raise Throttled(throttle_waited)
                pause = min(pause, self.retry.max_throttle_wait - throttle_waited)
                throttle_waited += pause
                await asyncio.sleep(pause)
                continue
            self.learned["round_trip_s"] = 0.8 * self.learned.get("round_trip_s", loop.time() - sent) \
                + 0.2 * (loop.time() - sent)
            self.bucket.settle(reserved, cost_info.get("actualQueryCost"), throttle)
            if cost_info.get("requestedQueryCost") is not None:
                self._costs[document] = float(cost_info["requestedQueryCost"])
                spent = float(cost_info.get("actualQueryCost") or 0)
                self.stats["points"] += spent
                name = _operation_name(document)
                self.points_by_operation[name] = self.points_by_operation.get(name, 0.0) + spent
            if errors:
                _raise_for_errors(errors)
            return payload.get("data") or {}

    def _note_shop_time(self, response: httpx.Response) -> None:
        if self.on_shop_time is None:
            return
        try:
            shop_now = parsedate_to_datetime(response.headers["date"])
        except (KeyError, TypeError, ValueError, IndexError):
            return  # no Date header, or one that does not parse: the device's clock stands
        if shop_now.tzinfo is not None:
            self.on_shop_time(shop_now)

    async def mutate(self, document: str, variables: dict[str, Any], *, retry_safe: bool = True,
                     raise_user_errors: bool = True) -> dict[str, Any]:
        """Run a mutation and return its payload (the single root field's value)."""
        data = await self.execute(document, variables, retry_safe=retry_safe)
        (field, payload), = data.items()
        errors = [UserError.from_json(e) for e in (payload or {}).get("userErrors") or []]
        if errors and raise_user_errors:
            raise UserErrors(field, errors)
        return payload or {}

    async def paginate(self, document: str, variables: dict[str, Any], path: tuple[str, ...], *,
                       expected: int = 0) -> AsyncIterator[Any]:
        """Yield every node of the connection at `path`, following `pageInfo.endCursor` via `$after`.
        With the number of nodes `expected`, the last page asks `$first` for only what is left:
        a page reserves its whole requested cost in the bucket before it is sent (two reads of 51
        variants in pages of 37 waited 4.5 s for points the short second pages never needed)."""
        after, seen, page = None, 0, variables.get("first")
        while True:
            asked, cost = dict(variables, after=after), None
            left = expected - seen
            if page and 0 < left < page:
                asked["first"] = left
                learnt = self._costs.get(document)
                cost = learnt * left / page if learnt else None
            data = await self.execute(document, asked, cost=cost)
            connection: Any = data
            for key in path:
                connection = connection[key] if connection is not None else None
            if connection is None:
                return
            nodes = connection.get("nodes")
            if nodes is None:
                nodes = [e["node"] for e in connection.get("edges", [])]
            for node in nodes:
                seen += 1
                yield node
            info = connection["pageInfo"]
            if not info["hasNextPage"]:
                return
            after = info["endCursor"]

    async def connect(self, required: tuple[str, ...] = REQUIRED_SCOPES) -> ShopInfo:
        """Check the credentials and the app's scopes; MissingScopes names what is missing."""
        from .documents import document

        data = await self.execute(document("CheckConnection"))
        granted = [s["handle"] for s in data["currentAppInstallation"]["accessScopes"]]
        have = set(granted) | {"read_" + s[6:] for s in granted if s.startswith("write_")}
        missing = [s for s in required if s not in have]
        if missing:
            raise MissingScopes(missing)
        return ShopInfo(data["shop"]["name"], data["shop"]["myshopifyDomain"], granted)


_SSL: ssl.SSLContext | None = None


async def _ssl_context() -> ssl.SSLContext:
    """httpx's default SSL context, built once per process in a worker thread."""
    global _SSL
    if _SSL is None:
        context = await asyncio.to_thread(httpx.create_ssl_context)
        _SSL = _SSL or context
    return _SSL


_NAMED = re.compile(r"\s*(?:query|mutation)\s+(\w+)")


@functools.lru_cache(maxsize=256)
def _operation_name(document: str) -> str:
    """A document's operation name (`query VariantsPage(...)` -> VariantsPage), else "anonymous"."""
    found = _NAMED.match(document)
    return found.group(1) if found else "anonymous"


def _raise_for_errors(errors: list[dict[str, Any]]) -> None:
    codes = [(e.get("extensions") or {}).get("code") for e in errors]
    if "ACCESS_DENIED" in codes:
        needed = []
        for e in errors:
            required = str((e.get("extensions") or {}).get("requiredAccess", ""))
            needed += [part.strip("`") for part in required.split() if part.startswith("`")]
        raise MissingScopes(needed or ["(unknown scope)"])
    raise QueryRejected([str(e.get("message", e)) for e in errors], next((c for c in codes if c), None))


def _retry_after(response: httpx.Response) -> float:
    try:
        return max(0.1, float(response.headers.get("Retry-After", "1")))
    except ValueError:
        return 1.0


def _describe(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return "no connection"
    if isinstance(exc, httpx.TimeoutException):
        return "it took too long to answer"
    return "the connection broke off"

