"""Shopify query cost rules as implemented by inventra_desktop.simulator.cost."""

from __future__ import annotations

from pathlib import Path

import graphql
import pytest

from inventra_desktop.simulator.cost import actual_cost, requested_cost

SDL = """
schema { query: QueryRoot mutation: Mutation }

enum CurrencyCode { USD EUR }

interface Node { id: ID! }

type PageInfo { hasNextPage: Boolean! endCursor: String }

type Shop { id: ID! name: String! currencyCode: CurrencyCode! }

type Location implements Node { id: ID! name: String! }

type ProductOption { name: String! values: [String!]! }

type Product implements Node {
  id: ID!
  title: String!
  options: [ProductOption!]!
  variants(first: Int): ProductVariantConnection!
}
type ProductEdge { cursor: String! node: Product! }
type ProductConnection { edges: [ProductEdge!]! nodes: [Product!]! pageInfo: PageInfo! }

type ProductVariant implements Node { id: ID! sku: String inventoryItem: InventoryItem! }
type ProductVariantEdge { cursor: String! node: ProductVariant! }
type ProductVariantConnection {
  edges: [ProductVariantEdge!]! nodes: [ProductVariant!]! pageInfo: PageInfo!
}

type InventoryItem implements Node {
  id: ID!
  sku: String
  inventoryLevels(first: Int): InventoryLevelConnection!
}
type InventoryLevel { id: ID! available: Int location: Location! }
type InventoryLevelEdge { cursor: String! node: InventoryLevel! }
type InventoryLevelConnection {
  edges: [InventoryLevelEdge!]! nodes: [InventoryLevel!]! pageInfo: PageInfo!
}

type QueryRoot {
  shop: Shop!
  products(first: Int, last: Int, after: String, query: String): ProductConnection!
  node(id: ID!): Node
}

input MetafieldsSetInput { ownerId: ID! namespace: String! key: String! value: String! type: String! }
type Metafield { id: ID! key: String! value: String! owner: Node }
type UserError { field: [String!] message: String! }
type MetafieldsSetPayload { metafields: [Metafield!] userErrors: [UserError!]! }

type Mutation { metafieldsSet(metafields: [MetafieldsSetInput!]!): MetafieldsSetPayload }
"""

SCHEMA = graphql.build_schema(SDL)
ADMIN_SDL = Path(__file__).resolve().parents[4] / "shared" / "shopify" / "admin-2026-04.graphql"  # ../shared


def cost(query: str, variables: dict | None = None, operation_name: str | None = None) -> int:
    document = graphql.parse(query)
    assert not graphql.validate(SCHEMA, document)
    return requested_cost(SCHEMA, document, variables, operation_name)


def actual(query: str, data: dict | None, variables: dict | None = None) -> int:
    return actual_cost(SCHEMA, graphql.parse(query), data, variables)


def test_scalar_only_shop_costs_one() -> None:
    assert cost("{ shop { id name currencyCode } }") == 1


def test_connection_costs_two_plus_page_size() -> None:
    assert cost("{ products(first: 10) { nodes { id } } }") == 12
    assert cost("{ products(last: 7) { edges { cursor node { id } } pageInfo { hasNextPage } } }") == 9


def test_connection_without_page_size_costs_two() -> None:
    assert cost("{ products { nodes { id } } }") == 2


def test_nested_connections_multiply() -> None:
    query = """{ products(first: 10) { nodes { variants(first: 5) {
        nodes { id inventoryItem { id } } } } } }"""
    assert cost(query) == 2 + 10 + 10 * (2 + 5 + 5 * 1)
    deep = """{ products(first: 2) { edges { node { variants(first: 3) { edges { node {
        inventoryItem { inventoryLevels(first: 4) { nodes { location { name } } } } } } } } } } }"""
    assert cost(deep) == 2 + 2 + 2 * (2 + 3 + 3 * (1 + (2 + 4 + 4 * 1)))


def test_plain_list_of_objects_charged_once_per_list() -> None:
    assert cost("{ products(first: 4) { nodes { options { name } } } }") == 2 + 4 + 4 * 1


def test_page_size_from_variables_and_defaults() -> None:
    query = "query Q($n: Int, $m: Int = 3) { a: products(first: $n) { nodes { id } } b: products(first: $m) { nodes { id } } }"
    assert cost(query, {"n": 25}) == (2 + 25) + (2 + 3)
    assert cost(query, {"n": 1, "m": 8}) == (2 + 1) + (2 + 8)


def test_aliases_are_separate_fields_and_duplicates_merge() -> None:
    assert cost("{ a: shop { id } b: shop { name } }") == 2
    assert cost("{ shop { id } shop { name } }") == 1


def test_named_and_inline_fragments() -> None:
    query = """
    query { products(first: 3) { ...P } ... on QueryRoot { shop { id } } }
    fragment P on ProductConnection { nodes { ...V } }
    fragment V on Product { variants(first: 2) { nodes { inventoryItem { id } } } }
    """
    assert cost(query) == (2 + 3 + 3 * (2 + 2 + 2 * 1)) + 1


def test_interface_costs_most_expensive_possible_selection() -> None:
    query = """{ node(id: "gid://shopify/Product/1") {
        id
        ... on Product { variants(first: 3) { nodes { id } } }
        ... on InventoryItem { inventoryLevels(first: 5) { edges { node { location { name } } } } }
    } }"""
    assert cost(query) == 1 + max(2 + 3, 2 + 5 + 5 * 1)


def test_include_and_skip_with_variables() -> None:
    query = """query Q($x: Boolean!, $y: Boolean = false) {
        shop { id }
        products(first: 10) @include(if: $x) { nodes { id } }
        node(id: "1") @skip(if: $y) { id }
    }"""
    assert cost(query, {"x": True}) == 1 + 12 + 1
    assert cost(query, {"x": False}) == 1 + 1
    assert cost(query, {"x": False, "y": True}) == 1


def test_mutation_costs_ten_per_field_regardless_of_payload() -> None:
    query = """mutation M($m: [MetafieldsSetInput!]!) {
        metafieldsSet(metafields: $m) { metafields { id owner { id } } userErrors { message } }
    }"""
    assert cost(query, {"m": []}) == 10
    two = "mutation { a: metafieldsSet(metafields: []) { userErrors { message } } b: metafieldsSet(metafields: []) { userErrors { message } } }"
    assert cost(two) == 20
    assert actual(query, {"metafieldsSet": None}, {"m": []}) == 10
    assert actual(query, None, {"m": []}) == 0


def test_operation_selection() -> None:
    doc = "query A { shop { id } } query B { products(first: 5) { nodes { id } } }"
    assert cost(doc, operation_name="A") == 1
    assert cost(doc, operation_name="B") == 7
    assert requested_cost(SCHEMA, graphql.parse(doc)) == 0  # ambiguous: no operation
    assert requested_cost(SCHEMA, graphql.parse(doc), operation_name="C") == 0
    assert actual_cost(SCHEMA, graphql.parse(doc), {"shop": {"id": "1"}}) == 0


def test_actual_cost_counts_returned_nodes_and_respects_aliases() -> None:
    query = "{ shop { id } items: products(first: 10) { list: nodes { id variants(first: 5) { nodes { id } } } } }"
    data = {
        "shop": {"id": "s"},
        "items": {"list": [{"id": "p1", "variants": {"nodes": [{"id": "v1"}]}}, {"id": "p2", "variants": {"nodes": []}}]},
    }
    requested = cost(query)
    assert requested == 1 + 2 + 10 + 10 * (2 + 5)
    got = actual(query, data)
    assert got == 1 + (2 + 2 + (2 + 1) + (2 + 0))
    assert got < requested
    # Data under the field name instead of the alias is not looked at.
    assert actual(query, {"shop": {"id": "s"}, "products": data["items"]}) == 1


def test_actual_cost_with_edges_and_full_page_equals_requested() -> None:
    query = "{ products(first: 2) { edges { cursor node { id inventory: variants(first: 1) { edges { node { inventoryItem { id } } } } } } } }"
    variant = {"node": {"inventoryItem": {"id": "i"}}}
    edge = {"cursor": "c", "node": {"id": "p", "inventory": {"edges": [variant]}}}
    assert actual(query, {"products": {"edges": [edge, edge]}}) == cost(query) == 2 + 2 + 2 * (2 + 1 + 1)


def test_actual_cost_for_null_object_is_zero() -> None:
    query = '{ node(id: "x") { id ... on Product { variants(first: 3) { nodes { id } } } } }'
    assert actual(query, {"node": None}) == 0
    assert actual(query, None) == 0


def test_actual_cost_uses_typename_for_abstract_values() -> None:
    query = """{ node(id: "x") { kind: __typename
        ... on Product { variants(first: 3) { nodes { id } } }
        ... on InventoryItem { inventoryLevels(first: 5) { nodes { location { id } } } } } }"""
    assert cost(query) == 1 + (2 + 5 + 5)
    product = {"kind": "Product", "variants": {"nodes": [{"id": "v"}]}}
    assert actual(query, {"node": product}) == 1 + 2 + 1
    assert actual(query, {"node": {"kind": "Location"}}) == 1


def test_actual_never_exceeds_requested() -> None:
    query = "{ products(first: 1) { nodes { id } } }"
    too_many = {"products": {"nodes": [{"id": str(i)} for i in range(5)]}}
    assert actual(query, too_many) == cost(query) == 3


@pytest.mark.skipif(not ADMIN_SDL.exists(), reason="shared Admin API schema not present")
def test_real_admin_schema_products_with_variants() -> None:
    schema = graphql.build_schema(ADMIN_SDL.read_text())
    document = graphql.parse("query { products(first: 50) { nodes { id variants(first: 100) { nodes { id } } } } }")
    assert not graphql.validate(schema, document)
    assert requested_cost(schema, document) == 2 + 50 + 50 * (2 + 100) == 5152
