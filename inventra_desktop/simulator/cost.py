"""Shopify Admin GraphQL query cost, as the simulator charges it against the bucket.

Rules (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits):

* Scalars, enums and introspection fields (``__typename``) cost 0.
* An object field costs ``1 + cost(selection)``. A plain (non-connection) list of
  objects is charged once per list, not per element: ``1 + cost(selection)``; except
  ``nodes(ids:)``, which fetches one object per id and is charged per id.
* Interfaces and unions: ``1 + max`` over the possible concrete types of the
  selection that applies to that type (inline fragments / spreads by type condition).
* A connection field (named return type ends with ``Connection``) with page size
  ``n = max(first, last)`` (0 when neither is given) costs::

      2 + n + n * per_item

  where ``per_item`` is the cost of what is selected *inside* each item: for
  ``nodes { ... }`` the node's selection, for ``edges { node { ... } cursor }`` the
  node's selection plus other edge fields. The connection, ``edges``, ``node`` and
  ``nodes`` wrapper objects add nothing of their own (the ``+ n`` already pays for the
  n node objects); ``pageInfo`` costs 0. Other fields on the connection object itself
  are charged normally, once (not multiplied). Selecting both ``edges`` and
  ``nodes`` charges both item selections. Nesting multiplies through, e.g.
  ``products(first:50){nodes{variants(first:100){nodes{id}}}}`` = 2+50+50*(2+100).
* Mutations: every top-level mutation field costs 10; its payload costs nothing.
* Fields are merged by response key as in execution (fragments, aliases,
  ``@include``/``@skip`` with coerced variables), so a field selected twice is paid once.

Actual cost walks the response ``data`` by response key (aliases): a null object
costs 0, a connection costs ``2 + number of items returned`` (longest ``edges``/
``nodes`` list) plus each returned item's own cost, a list of objects costs 1 plus the
most expensive element, an abstract value uses its ``__typename`` when selected (else
the max over possible types), and a mutation field costs 10 when its key is in
``data``. The result is clamped to the requested cost.
"""

from __future__ import annotations

from typing import Any

import graphql
from graphql.execution.collect_fields import collect_fields, collect_sub_fields
from graphql.execution.values import get_argument_values, get_variable_values

MUTATION_COST = 10

# Marker passed instead of response data when computing the worst case up front.
_REQUESTED: Any = object()

FieldMap = dict[str, list[graphql.FieldNode]]


def requested_cost(
    schema: graphql.GraphQLSchema,
    document: graphql.DocumentNode,
    variables: dict | None = None,
    operation_name: str | None = None,
) -> int:
    """Worst-case cost, computed before execution from page sizes."""
    return _cost(schema, document, _REQUESTED, variables, operation_name)


def actual_cost(
    schema: graphql.GraphQLSchema,
    document: graphql.DocumentNode,
    data: dict | None,
    variables: dict | None = None,
    operation_name: str | None = None,
) -> int:
    """Cost of what was returned; never exceeds ``requested_cost``."""
    actual = _cost(schema, document, data, variables, operation_name)
    return min(actual, requested_cost(schema, document, variables, operation_name))


def _cost(
    schema: graphql.GraphQLSchema,
    document: graphql.DocumentNode,
    data: Any,
    variables: dict | None,
    operation_name: str | None,
) -> int:
    operation = graphql.get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    walker = _Walker(schema, document, operation, variables or {})
    fields = collect_fields(schema, walker.fragments, walker.variables, root, operation.selection_set)
    if operation.operation == graphql.OperationType.MUTATION:
        # Flat fee per mutation field; in actual mode only for fields that ran.
        if data is _REQUESTED:
            return MUTATION_COST * len(fields)
        return MUTATION_COST * sum(1 for key in fields if isinstance(data, dict) and key in data)
    return walker.fields_cost(root, fields, data)


def _child(data: Any, key: str) -> Any:
    """The value under response key ``key`` (or the requested-mode marker)."""
    if data is _REQUESTED:
        return _REQUESTED
    return data.get(key) if isinstance(data, dict) else None


def _items(value: Any) -> list[Any]:
    """Flatten (possibly nested) response lists, dropping nulls."""
    if value is None:
        return []
    if isinstance(value, list):
        return [item for element in value for item in _items(element)]
    return [value]


class _Walker:
    def __init__(
        self,
        schema: graphql.GraphQLSchema,
        document: graphql.DocumentNode,
        operation: graphql.OperationDefinitionNode,
        raw_variables: dict,
    ) -> None:
        self.schema = schema
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, graphql.FragmentDefinitionNode)
        }
        # Coerce so defaults apply to @include/@skip and first/last; inputs are
        # assumed validated, so on errors fall back to the raw values.
        coerced = get_variable_values(schema, operation.variable_definitions or (), raw_variables)
        self.variables: dict[str, Any] = coerced if isinstance(coerced, dict) else dict(raw_variables)

    def fields_cost(self, parent: graphql.GraphQLObjectType, fields: FieldMap, data: Any) -> int:
        return sum(self.field_cost(parent, nodes, _child(data, key)) for key, nodes in fields.items())

    def field_cost(self, parent: graphql.GraphQLObjectType, nodes: list[graphql.FieldNode], value: Any) -> int:
        field_def = parent.fields.get(nodes[0].name.value)
        if field_def is None:  # introspection fields are free
            return 0
        named = graphql.get_named_type(field_def.type)
        if not graphql.is_composite_type(named) or value is None:
            return 0  # scalars/enums, or a null object in the response
        if named.name.endswith("Connection") and isinstance(named, graphql.GraphQLObjectType):
            return self.connection_cost(field_def, named, nodes, value)
        if "ids" in field_def.args:
            # `nodes(ids:)` fetches one object per id: Shopify charges each, like a page of that size.
            if value is _REQUESTED:
                count = self.id_count(field_def, nodes[0])
                return count * (1 + self.selection_cost(named, nodes, _REQUESTED))
            return sum(1 + self.selection_cost(named, nodes, item) for item in _items(value))
        if value is _REQUESTED:
            return 1 + self.selection_cost(named, nodes, _REQUESTED)
        # One charge per object or per list, plus its most expensive element.
        return 1 + max((self.selection_cost(named, nodes, item) for item in _items(value)), default=0)

    def id_count(self, field_def: graphql.GraphQLField, node: graphql.FieldNode) -> int:
        try:
            ids = get_argument_values(field_def, node, self.variables).get("ids")
        except graphql.GraphQLError:
            return 1
        return max(1, len(ids)) if isinstance(ids, list) else 1

    def selection_cost(self, type_: Any, nodes: list[graphql.FieldNode], data: Any) -> int:
        """Sub-selection cost of ``nodes`` on ``type_``; abstract types take the max."""
        if data is None:
            return 0
        candidates = self.schema.get_possible_types(type_) if graphql.is_abstract_type(type_) else [type_]
        costs: list[int] = []
        for candidate in candidates:
            fields = collect_sub_fields(self.schema, self.fragments, self.variables, candidate, nodes)
            cost = self.fields_cost(candidate, fields, data)
            if isinstance(data, dict) and any(
                f[0].name.value == "__typename" and data.get(k) == candidate.name for k, f in fields.items()
            ):
                return cost  # the response names its concrete type
            costs.append(cost)
        return max(costs, default=0)

    def page_size(self, field_def: graphql.GraphQLField, node: graphql.FieldNode) -> int:
        try:
            args = get_argument_values(field_def, node, self.variables)
        except graphql.GraphQLError:
            return 0
        sizes = [v for k, v in args.items() if k in ("first", "last") and isinstance(v, int)]
        return max([0, *sizes])

    def connection_cost(
        self,
        field_def: graphql.GraphQLField,
        conn: graphql.GraphQLObjectType,
        nodes: list[graphql.FieldNode],
        value: Any,
    ) -> int:
        requested = value is _REQUESTED
        n = self.page_size(field_def, nodes[0])
        returned = 0  # longest edges/nodes list in the response
        cost = 2
        fields = collect_sub_fields(self.schema, self.fragments, self.variables, conn, nodes)
        for key, sub_nodes in fields.items():
            name = sub_nodes[0].name.value
            sub_def = conn.fields.get(name)
            if sub_def is None or name == "pageInfo":
                continue
            if name not in ("edges", "nodes"):
                cost += self.field_cost(conn, sub_nodes, _child(value, key))
                continue
            item_type = graphql.get_named_type(sub_def.type)
            if requested:
                cost += n * self.item_cost(name, item_type, sub_nodes, _REQUESTED)
            else:
                items = _items(_child(value, key))
                returned = max(returned, len(items))
                cost += sum(self.item_cost(name, item_type, sub_nodes, item) for item in items)
        return cost + (n if requested else returned)

    def item_cost(self, name: str, item_type: Any, nodes: list[graphql.FieldNode], item: Any) -> int:
        """Cost of one connection item, without the node/edge objects themselves."""
        if name == "nodes" or not isinstance(item_type, graphql.GraphQLObjectType):
            return self.selection_cost(item_type, nodes, item)
        cost = 0
        for key, sub_nodes in collect_sub_fields(self.schema, self.fragments, self.variables, item_type, nodes).items():
            sub_def = item_type.fields.get(sub_nodes[0].name.value)
            if sub_def is None:
                continue
            sub_value = _child(item, key)
            if sub_nodes[0].name.value == "node":
                cost += self.selection_cost(graphql.get_named_type(sub_def.type), sub_nodes, sub_value)
            else:
                cost += self.field_cost(item_type, sub_nodes, sub_value)
        return cost
