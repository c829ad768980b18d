"""Search and cursor pagination across a catalog of 1,200 products, over loopback HTTP."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from sim_client import Gql

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

PAGE = """query($q: String, $after: String) { products(first: 250, after: $after, query: $q) {
  pageInfo { hasNextPage endCursor } nodes { id title status } } }"""


@pytest.fixture(scope="module")
def big() -> Iterator[Gql]:
    with EmbeddedShop(ShopConfig(synthetic=1200, synthetic_variants=2, plan="enterprise")) as shop:
        client = Gql(shop)
        yield client
        client.http.close()


def all_pages(gql: Gql, query: str | None) -> list[dict[str, Any]]:
    seen, after = [], None
    while True:
        page = gql.data(PAGE, {"q": query, "after": after})["products"]
        seen += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        after = page["pageInfo"]["endCursor"]


def test_paging_returns_every_product_once_in_id_order(big: Gql) -> None:
    everything = all_pages(big, "status:active,draft,archived")
    ids = [int(p["id"].rsplit("/", 1)[1]) for p in everything]
    assert len(ids) == 1200 == len(set(ids))
    assert ids == sorted(ids)
    count = big.data('{ productsCount(query: "status:active,draft,archived") { count precision } }')
    assert count["productsCount"] == {"count": 1200, "precision": "EXACT"}


def test_products_without_a_status_term_are_active_only(big: Gql) -> None:
    plain = all_pages(big, None)
    assert plain and {p["status"] for p in plain} == {"ACTIVE"}
    with_drafts = all_pages(big, "status:active,draft")
    assert {p["status"] for p in with_drafts} == {"ACTIVE", "DRAFT"}
    assert len(with_drafts) > len(plain)
    not_active = all_pages(big, "-status:active")
    assert {p["status"] for p in not_active} == {"DRAFT", "ARCHIVED"}


def test_backward_pages_with_last_and_before(big: Gql) -> None:
    q = "status:active,draft,archived"
    last = big.data('query($q: String) { products(last: 5, query: $q) { pageInfo { hasPreviousPage startCursor } '
                    'nodes { id } } }', {"q": q})["products"]
    assert last["pageInfo"]["hasPreviousPage"] is True
    before = big.data('query($q: String, $b: String) { products(last: 5, before: $b, query: $q) { nodes { id } } }',
                      {"q": q, "b": last["pageInfo"]["startCursor"]})["products"]["nodes"]
    everything = [p["id"] for p in all_pages(big, q)]
    assert [n["id"] for n in before] + [n["id"] for n in last["nodes"]] == everything[-10:]


def test_page_size_is_required_and_capped(big: Gql) -> None:
    missing = big("{ products { nodes { id } } }")
    assert "first or last" in missing["errors"][0]["message"]
    too_big = big("{ products(first: 251) { nodes { id } } }")
    assert "250" in too_big["errors"][0]["message"]


def test_tag_search_is_exact_and_tag_not_excludes(big: Gql) -> None:
    ids = [p["id"] for p in all_pages(big, "status:active")[:3]]
    for pid in ids:
        big.data('mutation($id: ID!) { tagsAdd(id: $id, tags: ["Inventra-session-S1"]) { userErrors { message } } }',
                 {"id": pid})
    big.data('mutation($id: ID!) { tagsAdd(id: $id, tags: "Inventra-session-S10, other") { userErrors { message } } }',
             {"id": all_pages(big, "status:active")[5]["id"]})
    tagged = all_pages(big, "tag:'Inventra-session-S1' status:active,draft,archived")
    assert sorted(p["id"] for p in tagged) == sorted(ids)
    untagged = all_pages(big, "tag_not:'Inventra-session-S1'")
    assert not set(ids) & {p["id"] for p in untagged}
    assert len(untagged) == len(all_pages(big, None)) - 3


def test_sku_and_barcode_search_on_variants_including_duplicates(big: Gql) -> None:
    variants = []
    after = None
    while True:
        page = big.data('query($a: String) { productVariants(first: 250, after: $a) { pageInfo { hasNextPage endCursor } '
                        'nodes { id sku barcode } } }', {"a": after})["productVariants"]
        variants += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(variants) == len(big.shop.state.variants) > 2000
    by_sku: dict[str, list[str]] = {}
    for v in variants:
        if v["sku"]:
            by_sku.setdefault(v["sku"], []).append(v["id"])
    unique = next(s for s, ids in by_sku.items() if len(ids) == 1)
    duplicate = next(s for s, ids in by_sku.items() if len(ids) > 1)
    q = 'query($q: String) { productVariants(first: 10, query: $q) { nodes { id sku } } }'
    assert [n["id"] for n in big.data(q, {"q": f"sku:{unique}"})["productVariants"]["nodes"]] == by_sku[unique]
    assert len(big.data(q, {"q": f"sku:'{duplicate}'"})["productVariants"]["nodes"]) == len(by_sku[duplicate])
    code = next(v["barcode"] for v in variants if v["barcode"])
    found = big.data(q, {"q": f"barcode:{code}"})["productVariants"]["nodes"]
    assert found and all(n["id"] in [v["id"] for v in variants if v["barcode"] == code] for n in found)


def test_or_and_negation_and_quoted_values(big: Gql) -> None:
    products = big.data('{ products(first: 250, query: "status:active") { nodes { vendor productType } } }')
    vendors = sorted({p["vendor"] for p in products["products"]["nodes"]})
    a, b = vendors[0], vendors[1]
    either = all_pages(big, f"vendor:'{a}' OR vendor:'{b}'")
    only_a = all_pages(big, f"vendor:'{a}'")
    only_b = all_pages(big, f"vendor:'{b}'")
    assert len(either) == len(only_a) + len(only_b)
    not_a = all_pages(big, f"-vendor:'{a}'")
    assert len(not_a) + len(only_a) == len(all_pages(big, None))


def test_node_and_nodes_resolve_by_type(gql: Gql) -> None:
    product = gql.data("{ products(first: 1) { nodes { id variants(first: 1) { nodes { id } } } } }")["products"]["nodes"][0]
    variant_id = product["variants"]["nodes"][0]["id"]
    data = gql.data("""query($ids: [ID!]!, $p: ID!) { node(id: $p) { id ... on Product { title } }
        nodes(ids: $ids) { id __typename } }""",
                    {"p": product["id"], "ids": [product["id"], variant_id, "gid://shopify/Product/999999"]})
    assert data["node"]["id"] == product["id"] and data["node"]["title"]
    assert [n and n["__typename"] for n in data["nodes"]] == ["Product", "ProductVariant", None]


def test_bundle_parents_expose_their_components(gql: Gql) -> None:
    bundles = gql.data('{ productVariants(first: 10, query: "requires_components:true") { nodes { id requiresComponents '
                       'productVariantComponents(first: 10) { nodes { quantity productVariant { id sku } } } } } }')
    nodes = bundles["productVariants"]["nodes"]
    assert nodes and all(n["requiresComponents"] for n in nodes)
    parts = nodes[0]["productVariantComponents"]["nodes"]
    assert len(parts) >= 2 and all(p["productVariant"]["sku"] and p["quantity"] >= 1 for p in parts)
    products = gql.data('{ products(first: 5, query: "has_variant_with_components:true") { nodes { '
                        'hasVariantsThatRequiresComponents } } }')["products"]["nodes"]
    assert products and all(p["hasVariantsThatRequiresComponents"] for p in products)


def test_every_answer_carries_its_cost(gql: Gql) -> None:
    body = gql("{ shop { name } products(first: 10) { nodes { id } } }")
    cost = body["extensions"]["cost"]
    assert cost["requestedQueryCost"] == 1 + 2 + 10
    assert cost["actualQueryCost"] <= cost["requestedQueryCost"]
    assert set(cost["throttleStatus"]) == {"maximumAvailable", "currentlyAvailable", "restoreRate"}


def test_unknown_fields_are_validation_errors(gql: Gql) -> None:
    body = gql("{ shop { name inventoryHeist } }")
    assert "data" not in body and "inventoryHeist" in body["errors"][0]["message"]
