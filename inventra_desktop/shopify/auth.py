"""The two ways to connect: a static Admin API token, or the client-credentials grant."""

from __future__ import annotations

import asyncio
import time
from typing import Callable, Protocol

import httpx

from .address import ShopAddress
from .errors import AuthenticationFailed, ShopUnavailable

RENEW_MARGIN = 0.1  # renew when less than 10 % of a token's lifetime is left (~2.4 h of a day)


class Credentials(Protocol):
    async def token(self, http: httpx.AsyncClient) -> str: ...
    def invalidate(self) -> None: ...
    @property
    def renewable(self) -> bool: ...


class StaticToken:
    """An Admin API access token of an existing custom app; it does not expire."""

    renewable = False

    def __init__(self, token: str) -> None:
        if not token or not token.strip():
            raise AuthenticationFailed("the access token is empty")
        self._token = token.strip()

    async def token(self, http: httpx.AsyncClient) -> str:
        return self._token

    def invalidate(self) -> None:
        pass

    def __repr__(self) -> str:  # never show the secret
        return "StaticToken(***)"


class ClientCredentials:
    """Client ID + secret of a Dev Dashboard app: a ~24 h token, renewed before it expires
    and once after a 401. Concurrent callers share one renewal."""

    renewable = True

    def __init__(self, address: ShopAddress, client_id: str, client_secret: str,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._address, self._client_id, self._secret = address, client_id, client_secret
        self._clock = clock
        self._token: str | None = None
        self._renew_at = 0.0
        self._lock = asyncio.Lock()
        self.scopes: list[str] = []
        self.renewals = 0

    async def token(self, http: httpx.AsyncClient) -> str:
        async with self._lock:
            if self._token is None or self._clock() >= self._renew_at:
                await self._fetch(http)
            assert self._token is not None
            return self._token

    def invalidate(self) -> None:
        self._token = None

    async def _fetch(self, http: httpx.AsyncClient) -> None:
        try:
            response = await http.post(self._address.token_url, data={
                "grant_type": "client_credentials", "client_id": self._client_id, "client_secret": self._secret})
        except httpx.TransportError as exc:
            raise ShopUnavailable(type(exc).__name__) from None
        if response.status_code in (400, 401, 403):
            raise AuthenticationFailed("client ID or secret rejected")
        if response.status_code != 200:
            raise ShopUnavailable(f"HTTP {response.status_code} while getting a token")
        body = response.json()
        lifetime = float(body.get("expires_in") or 86399)
        self._token = body["access_token"]
        self._renew_at = self._clock() + lifetime * (1 - RENEW_MARGIN)
        self.scopes = [s for s in str(body.get("scope", "")).split(",") if s]
        self.renewals += 1

    def __repr__(self) -> str:
        return f"ClientCredentials({self._client_id!r}, ***)"
