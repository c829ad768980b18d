"""Shop addresses: what a user types, normalised to the shop's Admin API base URL."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import InsecureShopAddress, InvalidShopDomain

API_VERSION = "2026-04"  # the one place the Admin API version is pinned
_SHOP_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ShopAddress:
    """`base` is scheme://host[:port] of the shop; `name` is what we show and key secrets by."""

    base: str
    name: str

    @property
    def graphql_url(self) -> str:
        return f"{self.base}/admin/api/{API_VERSION}/graphql.json"

    @property
    def token_url(self) -> str:
        return f"{self.base}/admin/oauth/access_token"

    @property
    def is_local(self) -> bool:
        return is_loopback(urlsplit(self.base).hostname or "")

    @classmethod
    def parse(cls, text: str) -> ShopAddress:
        """Accepts `myshop`, `myshop.myshopify.com`, `https://myshop.myshopify.com/admin…`,
        and loopback URLs (`http://127.0.0.1:8787`) for the simulator."""
        raw = (text or "").strip()
        if not raw:
            raise InvalidShopDomain(text)
        if "://" in raw:
            parts = urlsplit(raw)
            host = (parts.hostname or "").lower()
            if parts.scheme not in ("http", "https") or not host:
                raise InvalidShopDomain(text)
            if is_loopback(host):
                return cls(f"{parts.scheme}://{parts.netloc}", parts.netloc)
            if parts.scheme == "http":
                raise InsecureShopAddress(host)
            if parts.port not in (None, 443):
                raise InvalidShopDomain(text)
            return cls._myshopify(host, text)
        host = raw.split("/", 1)[0].lower()
        if ":" in host and is_loopback(host.rsplit(":", 1)[0]):
            raise InsecureShopAddress(host)  # a bare loopback address: say http:// explicitly
        return cls._myshopify(host if "." in host else f"{host}.myshopify.com", text)

    @classmethod
    def _myshopify(cls, host: str, given: str) -> ShopAddress:
        name, _, domain = host.partition(".")
        if domain != "myshopify.com" or not _SHOP_NAME.match(name):
            raise InvalidShopDomain(given)
        return cls(f"https://{host}", host)
