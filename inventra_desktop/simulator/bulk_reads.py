"""How a bulk query reads the shop: in the background, a chunk of its root connection at a time.

A bulk query over a large shop (a million order lines) takes minutes of resolver work and, read
at once, gigabytes of result tree. So the query's one root connection is read `CHUNK` root
objects at a time, each chunk under the shop's lock (other requests go on between chunks), and
each chunk is turned into JSONL lines at once. The root connection's rows are found and ordered
once, at the first chunk (`RequestContext.bulk_memo`, see `views.paginate`): the operation
reads the shop as it was when it started, as Shopify's does.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    GraphQLError,
    IntValueNode,
    NameNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    get_operation_ast,
)

from .views import RequestContext

if TYPE_CHECKING:
    from .api import ShopifyAPI

CHUNK = 2000  # root objects per execution
PAGE_ALIAS = "bulkPage__"  # the page info a chunk adds to the root connection (never in the file)
Emit = Callable[[list[str], list[bool]], None]  # JSONL lines, and per line whether it is a root object


def _field(name: str, alias: str | None = None, selections: tuple[Any, ...] | None = None) -> FieldNode:
    return FieldNode(alias=NameNode(value=alias) if alias else None, name=NameNode(value=name), arguments=(),
                     directives=(), selection_set=SelectionSetNode(selections=selections) if selections else None)


def _chunkable_root(document: DocumentNode, ctx: RequestContext, api: ShopifyAPI) -> FieldNode | None:
    """The query's single root connection when it can be read in chunks (no page arguments of its own)."""
    operation = get_operation_ast(document)
    assert operation is not None
    fields = [s for s in operation.selection_set.selections if isinstance(s, FieldNode)]
    if len(fields) != 1 or len(operation.selection_set.selections) != 1:
        return None
    root = fields[0]
    definition = api.schemas[ctx.version.handle].query_type.fields.get(root.name.value)
    named = definition.type if definition else None
    while named is not None and hasattr(named, "of_type"):
        named = named.of_type
    if named is None or not named.name.endswith("Connection"):
        return None
    if any(a.name.value in ("first", "last", "after", "before") for a in root.arguments or ()):
        return None
    return root


def _chunk(document: DocumentNode, root: FieldNode, cursor: str | None) -> DocumentNode:
    operation = get_operation_ast(document)
    assert isinstance(operation, OperationDefinitionNode)
    arguments = [*(root.arguments or ()), _argument("first", IntValueNode(value=str(CHUNK)))]
    if cursor is not None:
        arguments.append(_argument("after", StringValueNode(value=cursor)))
    page = _field("pageInfo", PAGE_ALIAS, (_field("hasNextPage"), _field("endCursor")))
    field = FieldNode(alias=root.alias, name=root.name, arguments=tuple(arguments), directives=root.directives,
                      selection_set=SelectionSetNode(selections=(*root.selection_set.selections, page)))
    chunked = OperationDefinitionNode(operation=operation.operation, name=operation.name,
                                      variable_definitions=operation.variable_definitions,
                                      directives=operation.directives,
                                      selection_set=SelectionSetNode(selections=(field,)))
    others = tuple(d for d in document.definitions if d is not operation)
    return DocumentNode(definitions=(chunked, *others))


def _argument(name: str, value: Any) -> ArgumentNode:
    return ArgumentNode(name=NameNode(value=name), value=value)


def read(api: ShopifyAPI, document: DocumentNode, ctx: RequestContext, emit: Emit,
         stop: Callable[[], bool]) -> list[GraphQLError] | None:
    """Execute a validated bulk query, handing its JSONL lines to `emit` chunk by chunk; the
    errors of a chunk that failed (the lines before it were emitted), else None."""
    ctx.bulk_memo = {}
    root = _chunkable_root(document, ctx, api)
    if root is None:  # several root fields, or one with page arguments: read at once
        with ctx.state.lock:
            result = api.execute(document, {}, ctx)
        if result.errors:
            return list(result.errors)
        emit(*flatten(result.data or {}))
        return None
    key = root.alias.value if root.alias else root.name.value
    cursor: str | None = None
    while not stop():
        with ctx.state.lock:
            result = api.execute(_chunk(document, root, cursor), {}, ctx)
        if result.errors:
            return list(result.errors)
        data = result.data or {}
        page = (data.get(key) or {}).pop(PAGE_ALIAS, None) or {}
        emit(*flatten(data))
        if not page.get("hasNextPage"):
            break
        cursor = page["endCursor"]
    return None


def flatten(data: dict[str, Any]) -> tuple[list[str], list[bool]]:
    """Bulk JSONL: each connection node on its own line, children with `__parentId`.
    Returns the lines and, per line, whether it is a root object."""
    lines: list[str] = []
    roots: list[bool] = []

    def nodes_of(conn: dict[str, Any]) -> list[dict[str, Any]]:
        if "edges" in conn:
            return [e["node"] for e in conn["edges"] if e and e.get("node") is not None]
        return [n for n in conn.get("nodes", []) if n is not None]

    def is_connection(value: Any) -> bool:
        return isinstance(value, dict) and ("edges" in value or "nodes" in value)

    def strip(obj: dict[str, Any], found: list[dict[str, Any]]) -> dict[str, Any]:
        """A copy of `obj` without its connections (also inside plain nested objects, such as
        a variant's inventoryItem), which are collected in `found`."""
        out = {}
        for key, value in obj.items():
            if is_connection(value):
                found.append(value)
            elif isinstance(value, dict):
                out[key] = strip(value, found)
            else:
                out[key] = value
        return out

    def emit(node: dict[str, Any], parent: str | None) -> None:
        nested: list[dict[str, Any]] = []
        own = strip(node, nested)
        if parent is not None:
            own["__parentId"] = parent
        lines.append(json.dumps(own, ensure_ascii=False))
        roots.append(parent is None)
        for connection in nested:
            for child in nodes_of(connection):
                emit(child, node.get("id"))

    for value in data.values():
        if is_connection(value):
            for node in nodes_of(value):
                emit(node, None)
    return lines, roots
