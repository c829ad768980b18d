"""Session tags in any script: `tag:` search finds them whatever their case, quoted or not, in
every query that takes Shopify's search (products, productsCount, productVariants,
productVariantsCount, bulk queries); tagsAdd/tagsRemove treat case variants as one tag and hold
Shopify's limits (255 characters a tag, counted in characters, not bytes)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sim_client import Gql

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

TAGS_ADD = """mutation($id: ID!, $t: [String!]!) { tagsAdd(id: $id, tags: $t) {
  node { ... on Product { tags } } userErrors { field message } } }"""
TAGS_REMOVE = """mutation($id: ID!, $t: [String!]!) { tagsRemove(id: $id, tags: $t) {
  node { ... on Product { tags } } userErrors { field message } } }"""
SEARCH = """query($q: String!) {
  products(first: 20, query: $q) { nodes { id } }
  productsCount(query: $q) { count }
  productVariants(first: 50, query: $q) { nodes { product { id } } }
  productVariantsCount(query: $q) { count }
}"""
# One product per tag; the last two are near misses that an exact tag search must not return.
TAGS = {
    "german": "Inventra-session-Inventur-März",
    "japanese": "Inventra-session-棚卸し-2026年",
    "cyrillic": "Inventra-session-Инвентаризация",
    "emoji": "Inventra-session-🎄-Zählung",
    "spaces": "Inventur Lager Nord",
    "colon": "Lager:Süd",
    "longer": "Inventra-session-Inventur-März-2",
    "untagged-twin": "inventra-session-inventur-mär",
}


@pytest.fixture(scope="module")
def tagged() -> Iterator[tuple[Gql, dict[str, str], dict[str, int]]]:
    """The shop, the product id per tag name, and each product's variant count."""
    with EmbeddedShop(ShopConfig(plan="plus", synthetic=12, seed=5, bulk_query_rate=5000.0)) as shop:
        gql = Gql(shop)
        nodes = gql.data('{ products(first: 20, query: "status:active") { nodes { id variantsCount { count } } } }'
                         )["products"]["nodes"]
        products, variants = {}, {}
        for (name, tag), node in zip(TAGS.items(), nodes):
            out = gql.data(TAGS_ADD, {"id": node["id"], "t": [tag]})["tagsAdd"]
            assert out["userErrors"] == [] and tag in out["node"]["tags"]
            products[name], variants[name] = node["id"], node["variantsCount"]["count"]
        yield gql, products, variants
        gql.http.close()


def _found(gql: Gql, query: str) -> dict[str, Any]:
    data = gql.data(SEARCH, {"q": query})
    return {"products": {n["id"] for n in data["products"]["nodes"]}, "count": data["productsCount"]["count"],
            "variant_products": {n["product"]["id"] for n in data["productVariants"]["nodes"]},
            "variants": data["productVariantsCount"]["count"]}


QUERIES = [
    ("german", "tag:Inventra-session-Inventur-März"),
    ("german", "tag:inventra-session-inventur-märz"),
    ("german", "tag:INVENTRA-SESSION-INVENTUR-MÄRZ"),
    ("german", "tag:'Inventra-session-Inventur-MÄRZ'"),
    ("german", 'tag:"inventra-SESSION-inventur-März"'),
    ("japanese", "tag:Inventra-session-棚卸し-2026年"),
    ("japanese", "tag:'INVENTRA-SESSION-棚卸し-2026年'"),
    ("cyrillic", "tag:inventra-session-инвентаризация"),
    ("cyrillic", 'tag:"INVENTRA-SESSION-ИНВЕНТАРИЗАЦИЯ"'),
    ("emoji", "tag:inventra-session-🎄-ZÄHLUNG"),
    ("spaces", "tag:'inventur lager nord'"),
    ("spaces", "tag:Inventur\\ LAGER\\ Nord"),
    ("colon", "tag:'lager:süd'"),
    ("colon", "tag:Lager\\:SÜD"),
]


@pytest.mark.parametrize(("name", "query"), QUERIES, ids=[q for _, q in QUERIES])
def test_tag_search_finds_the_tag_in_any_case_quoted_or_not(
        tagged: tuple[Gql, dict[str, str], dict[str, int]], name: str, query: str) -> None:
    gql, products, variants = tagged
    found = _found(gql, query)
    assert found == {"products": {products[name]}, "count": 1, "variant_products": {products[name]},
                     "variants": variants[name]}


def test_tag_search_is_exact_not_a_prefix_or_substring(tagged: tuple[Gql, dict[str, str], dict[str, int]]) -> None:
    gql, products, _ = tagged
    assert _found(gql, "tag:inventra-session-inventur-mär")["products"] == {products["untagged-twin"]}
    assert _found(gql, "tag:Inventra-session-Inventur")["products"] == set()
    assert _found(gql, "tag:Inventra-session-Inventur-März*")["products"] == {products["german"], products["longer"]}


def test_tag_not_and_or_with_unicode_tags(tagged: tuple[Gql, dict[str, str], dict[str, int]]) -> None:
    gql, products, _ = tagged
    either = _found(gql, "tag:INVENTRA-SESSION-INVENTUR-MÄRZ OR tag:'inventra-session-棚卸し-2026年'")
    assert either["products"] == {products["german"], products["japanese"]}
    rest = _found(gql, "tag:inventra-session* tag_not:inventra-session-inventur-märz")["products"]
    assert products["german"] not in rest and products["longer"] in rest and products["japanese"] in rest


def test_a_bulk_query_uses_the_same_tag_search(tagged: tuple[Gql, dict[str, str], dict[str, int]]) -> None:
    gql, products, variants = tagged
    document = ('{ products(query: "tag:\\"INVENTRA-SESSION-INVENTUR-MÄRZ\\"") { edges { node { id '
                'variants { edges { node { id } } } } } } }')
    run = gql.data("""mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) {
        bulkOperation { id } userErrors { message } } }""", {"q": document})["bulkOperationRunQuery"]
    assert run["userErrors"] == []
    deadline = time.monotonic() + 10
    while True:
        op = gql.data("query($id: ID!) { bulkOperation(id: $id) { status url } }",
                      {"id": run["bulkOperation"]["id"]})["bulkOperation"]
        if op["status"] == "COMPLETED" or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert op["status"] == "COMPLETED"
    lines = [json.loads(line) for line in httpx.get(op["url"]).text.splitlines()]
    assert [line["id"] for line in lines if "__parentId" not in line] == [products["german"]]
    assert len([line for line in lines if line.get("__parentId") == products["german"]]) == variants["german"]


# --------------------------------------------------------------------------- tagsAdd / tagsRemove


@pytest.fixture
def product(tagged: tuple[Gql, dict[str, str], dict[str, int]]) -> Iterator[tuple[Gql, str]]:
    """A product of the shop with no tags of these tests, cleaned up afterwards."""
    gql, _, _ = tagged
    pid = gql.data('{ products(first: 1, reverse: true, query: "status:active") { nodes { id } } }'
                   )["products"]["nodes"][0]["id"]
    before = gql.data("query($id: ID!) { product(id: $id) { tags } }", {"id": pid})["product"]["tags"]
    yield gql, pid
    after = gql.data("query($id: ID!) { product(id: $id) { tags } }", {"id": pid})["product"]["tags"]
    extra = [t for t in after if t not in before]
    if extra:
        gql.data(TAGS_REMOVE, {"id": pid, "t": extra})


def test_case_variants_in_any_script_are_one_tag(product: tuple[Gql, str]) -> None:
    gql, pid = product
    first = gql.data(TAGS_ADD, {"id": pid, "t": ["Inventra-session-Inventur-Mai", "Inventra-session-Склад"]})
    size = len(first["tagsAdd"]["node"]["tags"])
    again = gql.data(TAGS_ADD, {"id": pid, "t": ["INVENTRA-SESSION-INVENTUR-MAI", "inventra-session-склад"]})
    assert again["tagsAdd"]["node"]["tags"] == first["tagsAdd"]["node"]["tags"]  # the first spelling stays
    assert len(again["tagsAdd"]["node"]["tags"]) == size
    removed = gql.data(TAGS_REMOVE, {"id": pid, "t": ["inventra-session-inventur-mai", "INVENTRA-SESSION-СКЛАД"]})
    tags = removed["tagsRemove"]["node"]["tags"]
    assert "Inventra-session-Inventur-Mai" not in tags and "Inventra-session-Склад" not in tags


def test_whitespace_inside_a_tag_is_stored_as_one_space(product: tuple[Gql, str]) -> None:
    gql, pid = product
    out = gql.data(TAGS_ADD, {"id": pid, "t": ["  Lager   West \t 3 ", "Lager Ost, Regal  7"]})["tagsAdd"]
    assert {"Lager West 3", "Lager Ost", "Regal 7"} <= set(out["node"]["tags"])


@pytest.mark.parametrize("letter", ["x", "ä", "棚", "🎄"], ids=["ascii", "latin", "cjk", "emoji"])
def test_a_tag_of_255_characters_is_taken_and_256_is_refused(product: tuple[Gql, str], letter: str) -> None:
    gql, pid = product
    longest = "Inventra-" + letter * 246  # 255 characters, up to 1,000 bytes in UTF-8
    assert len(longest) == 255
    ok = gql.data(TAGS_ADD, {"id": pid, "t": [longest]})["tagsAdd"]
    assert ok["userErrors"] == [] and longest in ok["node"]["tags"]
    assert _found(gql, f"tag:'{longest.upper()}'")["products"] == {pid}
    too_long = gql.data(TAGS_ADD, {"id": pid, "t": ["Inventra-kept-out", longest + letter]})["tagsAdd"]
    assert too_long["node"] is None
    assert too_long["userErrors"] == [{"field": ["tags"], "message": "Tag is too long (maximum is 255 characters)"}]
    tags = gql.data("query($id: ID!) { product(id: $id) { tags } }", {"id": pid})["product"]["tags"]
    assert "Inventra-kept-out" not in tags  # all or nothing
