"""What every mutation resolver shares: the shop's state from the request, and a user error as
Shopify words it (`field`, `message`, `code`, `elementIndex`)."""

from __future__ import annotations

from typing import Any

from .state import ShopState


def shop_state(info: Any) -> ShopState:
    return info.context.state


def user_error(field: list[str] | None, message: str, code: str | None = None, index: int | None = None,
        with_index: bool = False) -> dict[str, Any]:
    err: dict[str, Any] = {"field": field, "message": message}
    if code is not None:
        err["code"] = code
    if with_index:
        err["elementIndex"] = index
    return err
