"""Shopify global ids (`gid://shopify/Product/123`) and opaque pagination cursors."""

from __future__ import annotations

import base64
import json


def gid(kind: str, number: int) -> str:
    return f"gid://shopify/{kind}/{number}"


def parse_gid(value: str) -> tuple[str, int] | None:
    """(kind, number) of a Shopify gid, or None for anything else."""
    prefix = "gid://shopify/"
    if not isinstance(value, str) or not value.startswith(prefix):
        return None
    kind, _, rest = value[len(prefix):].partition("/")
    number = rest.split("?", 1)[0]
    if not kind or not number.isdigit():
        return None
    return kind, int(number)


def encode_cursor(key: object) -> str:
    return base64.urlsafe_b64encode(json.dumps({"last": key}).encode()).decode()


def decode_cursor(cursor: str) -> object | None:
    try:
        return json.loads(base64.urlsafe_b64decode(cursor.encode()))["last"]
    except (ValueError, KeyError, TypeError):
        return None
