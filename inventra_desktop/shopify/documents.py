"""Every GraphQL operation the app sends is a file in `documents/`; this loads them by name."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def document(name: str) -> str:
    """The text of `documents/<name>.graphql`."""
    return (resources.files("inventra_desktop.shopify") / "documents" / f"{name}.graphql").read_text(encoding="utf-8")


def all_documents() -> dict[str, str]:
    folder = resources.files("inventra_desktop.shopify") / "documents"
    return {p.name.removesuffix(".graphql"): p.read_text(encoding="utf-8")
            for p in folder.iterdir() if p.name.endswith(".graphql")}
