"""Typed failures of the Shopify client, each with a sentence a stockroom clerk understands.

`str(error)` is that sentence; it never contains a token or a secret.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..sentences import say


class ShopifyError(Exception):
    """Base class: something about the shop went wrong; the message says what to do."""


class InvalidShopDomain(ShopifyError):
    def __init__(self, given: str) -> None:
        super().__init__(say("“{given}” is not a Shopify shop address. Enter the shop's myshopify name, for example "
                             "“my-shop” or “my-shop.myshopify.com”.", given=given))
        self.given = given


class InsecureShopAddress(ShopifyError):
    def __init__(self, host: str) -> None:
        super().__init__(f"The address of {host} uses plain http. Real shops are reached over https only; "
                         "plain http is allowed only to this computer (the demo store).")


class AuthenticationFailed(ShopifyError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(say("The shop did not accept the access token or app credentials. Check them in the shop's "
                             "app settings and connect again.") if not detail else
                         say("The shop did not accept the access token or app credentials. Check them in the shop's "
                             "app settings and connect again. ({detail})", detail=detail))


class MissingScopes(ShopifyError):
    def __init__(self, missing: list[str]) -> None:
        self.missing = sorted(missing)
        super().__init__(say("The app is missing permissions in this shop: {scopes}. Add them to the app's access "
                             "scopes in Shopify, reinstall it, and connect again.", scopes=", ".join(self.missing)))


class Throttled(ShopifyError):
    def __init__(self, waited: float) -> None:
        super().__init__(say("The shop is busy and kept asking us to slow down (we waited {seconds} s). Nothing is "
                             "lost; try again in a minute.", seconds=f"{waited:.0f}"))


class ShopUnavailable(ShopifyError):
    def __init__(self, reason: str) -> None:
        super().__init__(say("The shop cannot be reached right now ({reason}). Check the internet connection; the "
                             "app keeps your work and tries again.", reason=reason))
        self.reason = reason


class BulkBusy(ShopifyError):
    """Shopify runs at most five bulk operations per shop and app at once; none became free."""

    def __init__(self, waited: float) -> None:
        super().__init__(f"Shopify is already running as many bulk operations for this shop as it allows (other "
                         f"devices are reading or writing in bulk; we waited {waited:.0f} s). Nothing is lost; "
                         "try again in a minute.")


class ShopLocked(ShopifyError):
    """402 (frozen for unpaid bills) or 423 (locked): retrying will not help."""

    def __init__(self, status: int) -> None:
        why = "is frozen (HTTP 402: unpaid bills)" if status == 402 else "is locked (HTTP 423)"
        super().__init__(f"The shop {why}. Its owner must sort this out in Shopify before the app can continue.")
        self.status = status


class QueryRejected(ShopifyError):
    """Shopify refused the request itself (validation, cost over 1000, bad input): a bug on our side."""

    def __init__(self, messages: list[str], code: str | None = None) -> None:
        self.messages, self.code = messages, code
        super().__init__("The shop refused a request from the app: " + "; ".join(messages[:3])
                         + ". Please report this to the Inventra team.")


@dataclass
class UserError:
    message: str
    code: str | None = None
    field: list[str] | None = None
    element_index: int | None = None

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> UserError:
        return cls(raw.get("message", ""), raw.get("code"), raw.get("field"), raw.get("elementIndex"))


@dataclass
class UserErrors(ShopifyError):
    """A mutation's `userErrors`: nothing was written (Shopify's mutations here are atomic)."""

    mutation: str
    errors: list[UserError] = field(default_factory=list)

    def __post_init__(self) -> None:
        first = self.errors[0] if self.errors else UserError("unknown problem")
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        super().__init__(f"Shopify refused the change: {first.message}{more}")

    def codes(self) -> set[str]:
        return {e.code for e in self.errors if e.code}

    def __str__(self) -> str:
        return self.args[0]


class KeyringUnavailable(ShopifyError):
    def __init__(self) -> None:
        super().__init__(say("This computer has no password store (keyring) the app can use, so it cannot remember "
                             "the shop's secret. On Linux, install and unlock a Secret Service keyring such as GNOME "
                             "Keyring or KWallet, or set INVENTRA_TOKEN for this session."))
