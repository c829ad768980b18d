"""Every connection the app reads is read completely (paged) or provably bounded (issue 12, item 1).

A `first: 5` on a nested connection silently drops the sixth item: a sixth location of an
inventory item read as "not stocked" corrupted stock (baseline 0, variance +16, apply wrote +16).
So every connection in `shopify/documents/` either
- is paged: it selects `pageInfo { hasNextPage endCursor }` and takes `after:` from a variable, or
  it selects `pageInfo` and another document continues the same field with `after:` (a first page
  sized to fit, e.g. an item's levels inside a page of variants; the gateway follows it, and
  tests/integration/services/test_every_location.py proves it does);
- is read by a bulk operation (no `first:` at all: Shopify reads a bulk query's connections whole);
- or is listed in BOUNDED below with the reason it cannot hold more than it asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from graphql import (
    FieldNode,
    GraphQLSchema,
    TypeInfo,
    TypeInfoVisitor,
    VariableNode,
    build_schema,
    get_named_type,
    parse,
    visit,
)
from graphql.language import Visitor

from inventra_desktop.shopify.documents import all_documents

SHARED_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "shopify" / "admin-2026-04.graphql"

# (document, response path of the connection) -> why it is complete without paging.
BOUNDED: dict[tuple[str, str], str] = {
    ("VariantIdBounds", "first"): "asks for the lowest id only: one item by design",
    ("VariantIdBounds", "last"): "asks for the highest id only: one item by design",
}


@cache
def _schema() -> GraphQLSchema:
    return build_schema(SHARED_SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real() -> GraphQLSchema:
    if not SHARED_SCHEMA.is_file():
        pytest.skip(f"Shopify's real schema is not beside this clone ({SHARED_SCHEMA}): ../shared is absent")
    return _schema()


@dataclass
class ConnectionUse:
    document: str
    path: str  # response keys from the root, dotted
    parent_type: str
    field: str
    arguments: dict[str, object]  # name -> literal value, or "$variable"
    page_info: set[str]
    nested: bool  # inside another connection's items


def _connections(schema: GraphQLSchema, name: str, text: str) -> list[ConnectionUse]:
    found: list[ConnectionUse] = []
    info = TypeInfo(schema)
    stack: list[tuple[str, bool]] = []  # (response key, is a connection) of the fields we are in

    class Walk(Visitor):
        def enter_field(self, node: FieldNode, *_: object) -> None:
            field_def = info.get_field_def()
            named = get_named_type(field_def.type) if field_def else None
            is_connection = bool(named and named.name.endswith("Connection"))
            key = node.alias.value if node.alias else node.name.value
            if is_connection:
                arguments = {a.name.value: (f"${a.value.name.value}" if isinstance(a.value, VariableNode)
                                            else getattr(a.value, "value", a.value)) for a in node.arguments or ()}
                page_info: set[str] = set()
                for selection in node.selection_set.selections if node.selection_set else ():
                    if isinstance(selection, FieldNode) and selection.name.value == "pageInfo":
                        page_info = {s.name.value for s in selection.selection_set.selections
                                     if isinstance(s, FieldNode)}
                parent = info.get_parent_type()
                found.append(ConnectionUse(name, ".".join([k for k, _ in stack] + [key]),
                                           parent.name if parent else "?", node.name.value, arguments, page_info,
                                           any(conn for _, conn in stack)))
            stack.append((key, is_connection))

        def leave_field(self, *_: object) -> None:
            stack.pop()

    visit(parse(text), TypeInfoVisitor(info, Walk()))
    return found


def _all(schema: GraphQLSchema) -> list[ConnectionUse]:
    return [use for name, text in sorted(all_documents().items()) for use in _connections(schema, name, text)]


def _problem(use: ConnectionUse, everything: list[ConnectionUse]) -> str | None:
    if (use.document, use.path) in BOUNDED:
        return None
    sized = "first" in use.arguments or "last" in use.arguments
    if not sized:
        return None if use.document.startswith("Bulk") else "has no page size and is not a bulk query"
    if not {"hasNextPage", "endCursor"} <= use.page_info:
        return "reads one page and cannot tell whether there are more (no pageInfo { hasNextPage endCursor })"
    if str(use.arguments.get("after", "")).startswith("$"):
        return None  # paged in place
    continued = [o for o in everything if o is not use and (o.parent_type, o.field) == (use.parent_type, use.field)
                 and str(o.arguments.get("after", "")).startswith("$") and {"hasNextPage", "endCursor"} <= o.page_info]
    if continued:
        return None
    return ("is nested, and no document continues it with `after:`" if use.nested
            else "is a top-level connection without `after:` from a variable, and no document continues it")


def test_every_connection_is_paged_bounded_or_bulk(real: GraphQLSchema) -> None:
    everything = _all(real)
    assert everything, "the walk found no connection at all"
    problems = [f"{u.document}: {u.path} ({u.parent_type}.{u.field}) {why}"
                for u in everything if (why := _problem(u, everything))]
    assert problems == []


def test_the_bounded_list_names_only_connections_that_exist(real: GraphQLSchema) -> None:
    present = {(u.document, u.path) for u in _all(real)}
    assert set(BOUNDED) <= present


@pytest.mark.parametrize("text, expected", [
    # The shape that corrupted stock: a nested first: 5 that nobody continues.
    ("query A($q: String!) { productVariants(first: 10, query: $q) { pageInfo { hasNextPage endCursor } nodes { "
     "inventoryItem { inventoryLevels(first: 5) { nodes { id } } } } } }", "cannot tell whether there are more"),
    ("query B($q: String!) { productVariants(first: 10, query: $q) { pageInfo { hasNextPage endCursor } nodes { "
     "inventoryItem { inventoryLevels(first: 5) { pageInfo { hasNextPage endCursor } nodes { id } } } } } }",
     "no document continues it"),
    ("query C { locations(first: 50) { nodes { id } } }", "cannot tell whether there are more"),
    ("query D { locations(first: 50) { pageInfo { hasNextPage endCursor } nodes { id } } }", "without `after:`"),
])
def test_the_rule_catches_what_it_is_for(real: GraphQLSchema, text: str, expected: str) -> None:
    uses = _connections(real, "Sample", text)
    problems = [why for u in uses if (why := _problem(u, uses))]
    assert any(expected in p for p in problems), problems
