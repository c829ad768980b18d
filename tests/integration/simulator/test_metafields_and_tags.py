"""Metafield writes with compareDigest, definitions with validations, tags: Shopify's rules."""

from __future__ import annotations

import json

from sim_client import Gql, first_variant

SET = """mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) {
  metafields { id key value type compareDigest } userErrors { field message code elementIndex } } }"""
READ = """query($id: ID!, $ns: String!, $key: String!) { productVariant(id: $id) {
  metafield(namespace: $ns, key: $key) { value jsonValue type compareDigest } } }"""


def _set(gql: Gql, *entries: dict) -> dict:
    return gql.data(SET, {"m": list(entries)})["metafieldsSet"]


def _read(gql: Gql, owner: str, key: str, ns: str = "inventra") -> dict | None:
    return gql.data(READ, {"id": owner, "ns": ns, "key": key})["productVariant"]["metafield"]


def test_write_then_read_json_with_digest(gql: Gql) -> None:
    owner = first_variant(gql)["id"]
    out = _set(gql, {"ownerId": owner, "namespace": "inventra", "key": "counts_rw", "type": "json",
                     "value": json.dumps({"areas": {"showroom": {"qty": 3}}})})
    assert out["userErrors"] == []
    back = _read(gql, owner, "counts_rw")
    assert back["jsonValue"] == {"areas": {"showroom": {"qty": 3}}}
    assert back["type"] == "json" and back["compareDigest"] == out["metafields"][0]["compareDigest"]


def test_compare_digest_null_means_create_only_and_stale_digests_are_refused(gql: Gql) -> None:
    owner = first_variant(gql)["id"]
    base = {"ownerId": owner, "namespace": "inventra", "key": "digest_t", "type": "number_integer"}
    created = _set(gql, {**base, "value": "1", "compareDigest": None})
    assert created["userErrors"] == []
    again = _set(gql, {**base, "value": "2", "compareDigest": None})
    assert again["userErrors"][0]["code"] == "STALE_OBJECT" and again["userErrors"][0]["elementIndex"] == 0
    digest = created["metafields"][0]["compareDigest"]
    ok = _set(gql, {**base, "value": "3", "compareDigest": digest})
    assert ok["userErrors"] == [] and ok["metafields"][0]["compareDigest"] != digest
    stale = _set(gql, {**base, "value": "4", "compareDigest": digest})
    assert stale["userErrors"][0]["code"] == "STALE_OBJECT"
    assert _read(gql, owner, "digest_t")["value"] == "3"
    unchecked = _set(gql, {**base, "value": "5"})  # no key: no check
    assert unchecked["userErrors"] == [] and _read(gql, owner, "digest_t")["value"] == "5"


def test_a_failing_entry_saves_nothing(gql: Gql) -> None:
    owner = first_variant(gql)["id"]
    out = _set(gql, {"ownerId": owner, "namespace": "inventra", "key": "atomic_ok", "type": "number_integer", "value": "7"},
               {"ownerId": owner, "namespace": "inventra", "key": "atomic_bad", "type": "number_integer", "value": "seven"})
    assert [e["code"] for e in out["userErrors"]] == ["INVALID_VALUE"]
    assert out["userErrors"][0]["elementIndex"] == 1
    assert _read(gql, owner, "atomic_ok") is None


def test_more_than_25_metafields_in_one_call_is_refused(gql: Gql) -> None:
    owner = first_variant(gql)["id"]
    entries = [{"ownerId": owner, "namespace": "inventra", "key": f"k{i:02d}", "type": "number_integer", "value": "1"}
               for i in range(26)]
    body = gql(SET, {"m": entries})
    assert body["errors"][0]["extensions"]["code"] == "MAX_INPUT_SIZE_EXCEEDED"
    assert _read(gql, owner, "k00") is None


def test_types_are_validated(gql: Gql) -> None:
    owner = first_variant(gql)["id"]
    cases = {"boolean": "yes", "date_time": "yesterday", "json": "{not json", "number_integer": "1.5"}
    for type_, value in cases.items():
        out = _set(gql, {"ownerId": owner, "namespace": "inventra", "key": f"typed_{type_}", "type": type_, "value": value})
        assert out["userErrors"][0]["code"] == "INVALID_VALUE", type_
    huge = json.dumps({"x": "a" * (128 * 1024)})
    out = _set(gql, {"ownerId": owner, "namespace": "inventra", "key": "too_big", "type": "json", "value": huge})
    assert out["userErrors"][0]["code"] == "INVALID_VALUE"
    missing = _set(gql, {"ownerId": owner, "namespace": "inventra", "key": "untyped", "value": "1"})
    assert missing["userErrors"][0]["code"] == "BLANK"


DEFINE = """mutation($d: MetafieldDefinitionInput!) { metafieldDefinitionCreate(definition: $d) {
  createdDefinition { id key namespace ownerType type { name } validations { name value } }
  userErrors { field message code } } }"""


def test_definitions_validate_choices_and_are_unique(gql: Gql) -> None:
    definition = {"name": "Status", "namespace": "defs_t", "key": "status", "ownerType": "PRODUCTVARIANT",
                  "type": "single_line_text_field",
                  "validations": [{"name": "choices", "value": json.dumps(["pending", "in_progress", "done"])}]}
    created = gql.data(DEFINE, {"d": definition})["metafieldDefinitionCreate"]
    assert created["userErrors"] == [] and created["createdDefinition"]["type"]["name"] == "single_line_text_field"
    taken = gql.data(DEFINE, {"d": definition})["metafieldDefinitionCreate"]
    assert taken["userErrors"][0]["code"] == "TAKEN"
    listed = gql.data('{ metafieldDefinitions(first: 10, ownerType: PRODUCTVARIANT, namespace: "defs_t") '
                      '{ nodes { key validations { name value } } } }')["metafieldDefinitions"]["nodes"]
    assert [d["key"] for d in listed] == ["status"]
    owner = first_variant(gql)["id"]
    bad = _set(gql, {"ownerId": owner, "namespace": "defs_t", "key": "status", "value": "lost"})
    assert bad["userErrors"][0]["code"] == "INCLUSION"
    good = _set(gql, {"ownerId": owner, "namespace": "defs_t", "key": "status", "value": "done"})
    assert good["userErrors"] == [] and good["metafields"][0]["type"] == "single_line_text_field"
    wrong_type = _set(gql, {"ownerId": owner, "namespace": "defs_t", "key": "status", "type": "json", "value": "{}"})
    assert wrong_type["userErrors"][0]["code"] == "INVALID_TYPE"


def test_metafields_delete_removes_and_tolerates_missing(gql: Gql) -> None:
    owner = first_variant(gql)["id"]
    _set(gql, {"ownerId": owner, "namespace": "inventra", "key": "doomed", "type": "boolean", "value": "true"})
    out = gql.data("""mutation($m: [MetafieldIdentifierInput!]!) { metafieldsDelete(metafields: $m) {
        deletedMetafields { key } userErrors { message } } }""",
                   {"m": [{"ownerId": owner, "namespace": "inventra", "key": "doomed"},
                          {"ownerId": owner, "namespace": "inventra", "key": "never_was"}]})
    assert out["metafieldsDelete"]["deletedMetafields"] == [{"key": "doomed"}, None]
    assert _read(gql, owner, "doomed") is None


def test_shop_metafields(gql: Gql) -> None:
    shop_id = gql.data("{ shop { id } }")["shop"]["id"]
    out = _set(gql, {"ownerId": shop_id, "namespace": "inventra", "key": "areas", "type": "json", "value": "[]"})
    assert out["userErrors"] == []
    read = gql.data('{ shop { metafield(namespace: "inventra", key: "areas") { jsonValue } } }')
    assert read["shop"]["metafield"]["jsonValue"] == []


TAGS_ADD = 'mutation($id: ID!, $t: [String!]!) { tagsAdd(id: $id, tags: $t) { node { ... on Product { tags } } userErrors { message } } }'
TAGS_REMOVE = 'mutation($id: ID!, $t: [String!]!) { tagsRemove(id: $id, tags: $t) { node { ... on Product { tags } } userErrors { message } } }'


def test_tags_add_and_remove_keep_other_tags(gql: Gql) -> None:
    product = gql.data("{ products(first: 1) { nodes { id tags } } }")["products"]["nodes"][0]
    added = gql.data(TAGS_ADD, {"id": product["id"], "t": ["Inventra-session-A", "Inventra-locations-garage"]})["tagsAdd"]
    assert set(added["node"]["tags"]) == set(product["tags"]) | {"Inventra-session-A", "Inventra-locations-garage"}
    again = gql.data(TAGS_ADD, {"id": product["id"], "t": ["inventra-session-a"]})["tagsAdd"]
    assert len(again["node"]["tags"]) == len(added["node"]["tags"])  # case-insensitive: no duplicate
    removed = gql.data(TAGS_REMOVE, {"id": product["id"], "t": ["Inventra-session-A"]})["tagsRemove"]
    assert set(removed["node"]["tags"]) == set(product["tags"]) | {"Inventra-locations-garage"}


def test_at_most_250_tags_per_product_and_250_items_per_input(gql: Gql) -> None:
    product = gql.data("{ products(first: 1, reverse: true) { nodes { id tags } } }")["products"]["nodes"][0]
    room = 250 - len(product["tags"])
    fill = gql.data(TAGS_ADD, {"id": product["id"], "t": [f"t{i}" for i in range(room)]})["tagsAdd"]
    assert fill["userErrors"] == [] and len(fill["node"]["tags"]) == 250
    over = gql.data(TAGS_ADD, {"id": product["id"], "t": ["one-too-many"]})["tagsAdd"]
    assert over["userErrors"] and "250" in over["userErrors"][0]["message"]
    body = gql(TAGS_ADD, {"id": product["id"], "t": [f"x{i}" for i in range(251)]})
    assert body["errors"][0]["extensions"]["code"] == "MAX_INPUT_SIZE_EXCEEDED"
    gql.data(TAGS_REMOVE, {"id": product["id"], "t": [f"t{i}" for i in range(room)]})


def test_tags_on_an_unknown_product_is_a_user_error(gql: Gql) -> None:
    out = gql.data(TAGS_ADD, {"id": "gid://shopify/Product/1", "t": ["x"]})["tagsAdd"]
    assert out["node"] is None and out["userErrors"]
