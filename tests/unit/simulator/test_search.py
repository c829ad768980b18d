"""Tests for the simulator's Shopify search-syntax parser and matcher."""

from __future__ import annotations

import pytest

from inventra_desktop.simulator.search import Accessor, parse_search


def obj(**fields: str | list[str]) -> Accessor:
    """A dict-backed accessor; free text ("default") falls back to the title."""
    data = {k: [v] if isinstance(v, str) else list(v) for k, v in fields.items()}
    data.setdefault("default", data.get("title", []))
    return lambda name: data.get(name, [])


SHIRT = obj(
    id="gid://shopify/Product/123",
    title="Blue Shirt",
    tag=["Inventra-session-1", "summer"],
    status="ACTIVE",
    sku="ABC-001",
    vendor="Acme: Ltd",
    inventory_total="12",
    updated_at="2024-05-01T10:00:00Z",
)
MUG = obj(
    id="gid://shopify/Product/456",
    title="Red Mug",
    tag=["Inventra-session-10"],
    status="DRAFT",
    sku="XYZ-9",
    vendor="Other",
    inventory_total="0",
)
HAT = obj(id="gid://shopify/Product/789", title="Green Hat", status="ARCHIVED")
ALL = {"shirt": SHIRT, "mug": MUG, "hat": HAT}


def hits(query: str | None) -> set[str]:
    q = parse_search(query)
    return {name for name, o in ALL.items() if q.matches(o)}


@pytest.mark.parametrize("query", [None, "", "   ", "\t\n", "()"])
def test_empty_query_matches_everything(query: str | None) -> None:
    assert hits(query) == {"shirt", "mug", "hat"}
    assert parse_search(query).fields() == set()


def test_implicit_and() -> None:
    assert hits("status:active tag:summer") == {"shirt"}
    assert hits("status:draft tag:summer") == set()
    assert hits("status:active AND tag:summer") == {"shirt"}


def test_or_binds_looser_than_and() -> None:
    # a OR b c == a OR (b AND c)
    assert hits("status:archived OR status:draft tag:summer") == {"hat"}
    assert hits("status:archived OR status:active tag:summer") == {"hat", "shirt"}


def test_parentheses_group() -> None:
    assert hits("(status:archived OR status:active) tag:summer") == {"shirt"}
    assert hits("tag:summer (sku:XYZ-9 OR sku:ABC-001)") == {"shirt"}


def test_dash_negation() -> None:
    assert hits("-tag:summer") == {"mug", "hat"}
    assert hits("-(status:active OR status:draft)") == {"hat"}


def test_not_negation() -> None:
    assert hits("NOT tag:summer") == {"mug", "hat"}
    assert hits("status:active NOT tag:summer") == set()
    assert hits("NOT (status:active OR status:draft)") == {"hat"}


def test_lowercase_connectives_are_plain_text() -> None:
    # Shopify only treats upper-case AND/OR/NOT as connectives.
    assert hits("shirt or mug") == set()


def test_quoted_values_with_spaces_and_colons() -> None:
    assert hits('title:"Blue shirt"') == {"shirt"}
    assert hits("title:'blue shirt'") == {"shirt"}
    assert hits('vendor:"Acme: Ltd"') == {"shirt"}
    assert hits('"blue shirt"') == {"shirt"}


def test_escaped_colon_and_backslash() -> None:
    assert hits(r"vendor:Acme\:\ Ltd") == {"shirt"}
    weird = obj(tag=[r"a\b(c)"])
    assert parse_search(r"tag:a\\b\(c\)").matches(weird)


def test_quoted_tag_is_exact_not_prefix() -> None:
    assert hits("tag:'Inventra-session-1'") == {"shirt"}
    assert hits("tag:Inventra-session-1") == {"shirt"}
    assert hits("tag:inventra-session-10") == {"mug"}


def test_tag_not() -> None:
    asked: list[str] = []

    def spy(name: str) -> list[str]:
        asked.append(name)
        return ["summer"] if name == "tag" else []

    assert not parse_search("tag_not:summer").matches(spy)
    assert asked == ["tag"]
    assert hits("tag_not:summer") == {"mug", "hat"}
    assert hits("tag_not:summer,Inventra-session-10") == {"hat"}


def test_status_comma_list() -> None:
    assert hits("status:active,draft") == {"shirt", "mug"}
    assert hits("status:ACTIVE,archived") == {"shirt", "hat"}
    assert hits("-status:active,draft") == {"hat"}


def test_comparators() -> None:
    assert hits("inventory_total:>0") == {"shirt"}
    assert hits("inventory_total:>=0") == {"shirt", "mug"}
    assert hits("inventory_total:<12") == {"mug"}
    assert hits("inventory_total:<=12") == {"shirt", "mug"}
    # 12 > 9 numerically even though "12" < "9" as strings.
    assert hits("inventory_total:>9") == {"shirt"}
    assert hits("updated_at:>2024-01-01") == {"shirt"}
    assert hits("updated_at:<'2024-01-01'") == set()


def test_prefix_wildcard() -> None:
    assert hits("sku:ABC*") == {"shirt"}
    assert hits("sku:abc-0*") == {"shirt"}
    assert hits("sku:ABC") == set()
    assert hits("tag:Inventra-session-1*") == {"shirt", "mug"}


def test_field_exists() -> None:
    assert hits("sku:*") == {"shirt", "mug"}
    assert hits("-sku:*") == {"hat"}


def test_id_numeric_tail() -> None:
    assert hits("id:123") == {"shirt"}
    assert hits("id:gid://shopify/Product/456") == {"mug"}
    assert hits("id:12") == set()
    assert hits("id:123,789") == {"shirt", "hat"}
    assert hits("id:>200") == {"mug", "hat"}
    loc = obj(location_id="gid://shopify/Location/77")
    assert parse_search("location_id:77").matches(loc)


def test_free_text_matches_title_substring() -> None:
    assert hits("shirt") == {"shirt"}
    assert hits("RED") == {"mug"}
    assert hits("e") == {"shirt", "mug", "hat"}
    assert hits("shi*") == {"shirt"}
    assert hits("title:mug") == {"mug"}


def test_free_text_uses_default_field() -> None:
    asked: list[str] = []

    def spy(name: str) -> list[str]:
        asked.append(name)
        return ["Blue Shirt"]

    assert parse_search("blue").matches(spy)
    assert asked == ["default"]


@pytest.mark.parametrize(
    "query",
    [
        "(status:active",
        "status:active)",
        "((",
        ")))",
        "tag:'unterminated",
        'title:"Blue shirt',
        "\\",
        "tag:",
        "OR",
        "AND OR NOT",
        "NOT",
        "-",
        "a OR",
        "status:active NOT",
        ":::",
        "field:>",
        "'",
        '"',
        "men's shirt",
        "(-)",
    ],
)
def test_malformed_query_does_not_raise(query: str) -> None:
    q = parse_search(query)
    for o in ALL.values():
        assert isinstance(q.matches(o), bool)
    assert isinstance(q.fields(), set)


def test_malformed_query_is_lenient() -> None:
    assert hits("(status:active") == {"shirt"}
    assert hits("status:active)") == {"shirt"}
    # An unterminated quote takes the rest of the query as the literal value.
    assert hits('title:"Blue shirt') == {"shirt"}
    assert hits("status:active OR") == {"shirt"}


def test_fields() -> None:
    q = parse_search("Tag:x (STATUS:active OR -sku:A*) tag_not:y inventory_total:>1")
    assert q.fields() == {"tag", "status", "sku", "tag_not", "inventory_total"}
    assert parse_search("tag:a blue").fields() == {"tag", "default"}
    assert parse_search('"a:b"').fields() == {"default"}
