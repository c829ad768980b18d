"""The simulator's SDL and the app's documents, held to Shopify's real 2026-04 schema."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    is_required_argument,
    parse,
    validate,
)

from inventra_desktop.shopify.documents import all_documents
from inventra_desktop.simulator.api import load_schema
from inventra_desktop.simulator.versions import LATEST, SERVED

SHARED_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "shopify" / "admin-2026-04.graphql"


@cache
def _real() -> GraphQLSchema:
    return build_schema(SHARED_SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real() -> GraphQLSchema:
    if not SHARED_SCHEMA.is_file():
        pytest.skip(f"Shopify's real schema is not beside this clone ({SHARED_SCHEMA}): ../shared is absent")
    return _real()


def _ours() -> GraphQLSchema:
    return load_schema()


def test_root_types_have_shopifys_names() -> None:
    ours = _ours()
    assert ours.query_type.name == "QueryRoot"
    assert ours.mutation_type.name == "Mutation"


def test_every_type_field_and_argument_exists_in_the_real_schema_with_the_same_type(real: GraphQLSchema) -> None:
    assert _differences(_ours(), real) == []


@pytest.mark.parametrize("version", [v for v in SERVED if v != LATEST.handle])
def test_the_subset_of_each_older_served_version_matches_its_real_schema(version: str) -> None:
    path = SHARED_SCHEMA.with_name(f"admin-{version}.graphql")
    if not path.is_file():
        pytest.skip(f"Shopify's {version} schema is not beside this clone ({path})")
    assert _differences(load_schema(SERVED[version]), build_schema(path.read_text(encoding="utf-8"))) == []


def _differences(ours: GraphQLSchema, real: GraphQLSchema) -> list[str]:
    problems = []
    for name, ours_t in ours.type_map.items():
        if name.startswith("__"):
            continue
        real_t = real.type_map.get(name)
        if real_t is None or type(real_t) is not type(ours_t):
            problems.append(f"type {name} missing or of another kind")
            continue
        if isinstance(ours_t, (GraphQLObjectType, GraphQLInterfaceType)):
            for fname, f in ours_t.fields.items():
                rf = real_t.fields.get(fname)
                if rf is None or str(rf.type) != str(f.type):
                    problems.append(f"{name}.{fname}: {f.type} vs {rf.type if rf else 'absent'}")
                    continue
                for aname, a in f.args.items():
                    ra = rf.args.get(aname)
                    if ra is None or str(ra.type) != str(a.type) or ra.default_value != a.default_value:
                        problems.append(f"{name}.{fname}({aname}): {a.type} vs {ra.type if ra else 'absent'}")
                missing_required = [a for a, ra in rf.args.items() if is_required_argument(ra) and a not in f.args]
                problems += [f"{name}.{fname} lacks required argument {a}" for a in missing_required]
            for iface in ours_t.interfaces:
                if iface.name not in {i.name for i in real_t.interfaces}:
                    problems.append(f"{name} implements {iface.name} only here")
        elif isinstance(ours_t, GraphQLInputObjectType):
            if set(ours_t.fields) != set(real_t.fields):
                problems.append(f"input {name} fields differ")
            for fname, f in ours_t.fields.items():
                rf = real_t.fields.get(fname)
                if rf is not None and str(rf.type) != str(f.type):
                    problems.append(f"input {name}.{fname}: {f.type} vs {rf.type}")
        elif isinstance(ours_t, GraphQLEnumType):
            if set(ours_t.values) != set(real_t.values):
                problems.append(f"enum {name} values differ")
    return problems


def test_the_idempotent_directive_matches(real: GraphQLSchema) -> None:
    ours = {d.name: d for d in _ours().directives}["idempotent"]
    theirs = {d.name: d for d in real.directives}["idempotent"]
    assert str(ours.args["key"].type) == str(theirs.args["key"].type)
    assert set(ours.locations) == set(theirs.locations)


@pytest.mark.parametrize("name", sorted(all_documents()))
def test_every_app_document_validates_against_the_real_schema(real: GraphQLSchema, name: str) -> None:
    document = parse(all_documents()[name])
    assert [e.message for e in validate(real, document)] == []
    operations = [d for d in document.definitions if d.kind == "operation_definition"]
    assert len(operations) == 1, "one operation per file"
