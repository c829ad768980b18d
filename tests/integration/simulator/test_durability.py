"""A shop with a state file logs every change before answering: its snapshot plus its log,
read by a new process at any moment, are the shop as it was (no write answered is missing).

The first test drives every kind of write the simulator has (each mutation, a bulk mutation,
sales) and rebuilds the shop from a copy of its files taken while it still runs, as after a
crash; the rebuilt shop must equal the live one row for row. So a write path that forgot to log
its change fails here. (The same under SIGKILL, with a separate process: tests/e2e/test_demo_server.py.)
"""

from __future__ import annotations

import json
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.simulator.shop_file import ShopFile, log_path
from inventra_desktop.simulator.state import ShopState

API = "/admin/api/2026-04/graphql.json"


def _gql(shop: EmbeddedShop, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = httpx.post(f"{shop.url}{API}", json={"query": query, "variables": variables or {}},
                      headers={"X-Shopify-Access-Token": shop.token}, timeout=15).json()
    assert "errors" not in body, body
    return body["data"]


def _crash_copy(shop: EmbeddedShop, state_file: Path, into: Path) -> ShopState:
    """The shop a new process would open from the files as they are now (no clean stop)."""
    into.mkdir()
    with shop.state.lock:  # a consistent cut: nothing is appended while the files are copied
        shutil.copy(state_file, into / state_file.name)
        if log_path(state_file).exists():
            shutil.copy(log_path(state_file), log_path(into / state_file.name))
    copy = ShopFile(into / state_file.name)
    state, resumed = copy.open(seed=ShopState)
    assert resumed
    copy.close()
    return state


def _comparable(state: ShopState) -> dict[str, Any]:
    return json.loads(json.dumps(state.to_json()))


def _workload(shop: EmbeddedShop) -> None:
    """One of each write, through the Admin API as a client sends them."""
    variant = _gql(shop, """{ productVariants(first: 5, query: "product_status:active") { nodes { id product { id }
        inventoryItem { id inventoryLevels(first: 5) { nodes { location { id }
        quantities(names: ["on_hand", "damaged"]) { name quantity } } } } } } }""")["productVariants"]["nodes"][1]
    item, product = variant["inventoryItem"]["id"], variant["product"]["id"]
    level = variant["inventoryItem"]["inventoryLevels"]["nodes"][0]
    location, on_hand = level["location"]["id"], level["quantities"][0]["quantity"]
    all_locations = [n["id"] for n in _gql(shop, "{ locations(first: 10) { nodes { id } } }")["locations"]["nodes"]]
    key = lambda: str(uuid.uuid4())  # noqa: E731
    _gql(shop, """mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { message } } }""",
         {"m": [{"ownerId": variant["id"], "namespace": "inventra", "key": "counts", "type": "json", "value": "{\"a\": 1}"},
                {"ownerId": product, "namespace": "inventra", "key": "gone", "type": "boolean", "value": "true"}]})
    _gql(shop, """mutation($m: [MetafieldIdentifierInput!]!) { metafieldsDelete(metafields: $m) {
        userErrors { message } } }""", {"m": [{"ownerId": product, "namespace": "inventra", "key": "gone"}]})
    _gql(shop, """mutation { metafieldDefinitionCreate(definition: {name: "Counts", namespace: "inventra",
        key: "counts", type: "json", ownerType: PRODUCTVARIANT}) { userErrors { message } } }""")
    _gql(shop, """mutation($id: ID!) { a: tagsAdd(id: $id, tags: ["Inventra-session-Dürability", "x"]) {
        userErrors { message } } r: tagsRemove(id: $id, tags: ["X"]) { userErrors { message } } }""", {"id": product})
    changes = {"name": "on_hand", "reason": "cycle_count_available", "referenceDocumentUri": "gid://inventra/S/1",
               "quantities": [{"inventoryItemId": item, "locationId": location, "quantity": on_hand + 4,
                               "changeFromQuantity": on_hand}]}
    _gql(shop, """mutation($i: InventorySetQuantitiesInput!, $k: String!) { inventorySetQuantities(input: $i)
        @idempotent(key: $k) { userErrors { code } } }""", {"i": changes, "k": key()})
    for name, uri in (("available", None), ("damaged", "app://inventra/damage/1")):
        _gql(shop, """mutation($i: InventoryAdjustQuantitiesInput!, $k: String!) { inventoryAdjustQuantities(
            input: $i) @idempotent(key: $k) { userErrors { code } } }""", {"k": key(), "i": {
            "name": name, "reason": "correction", "changes": [{"inventoryItemId": item, "locationId": location,
                                                               "delta": 2, "changeFromQuantity": None,
                                                               "ledgerDocumentUri": uri}]}})
    unstocked = _gql(shop, """{ productVariants(first: 30) { nodes { inventoryItem { id inventoryLevels(first: 5) {
        nodes { location { id } } } } } } }""")["productVariants"]["nodes"]
    for node in unstocked:
        stocked = {lv["location"]["id"] for lv in node["inventoryItem"]["inventoryLevels"]["nodes"]}
        free = [loc for loc in all_locations if loc not in stocked]
        if free:
            _gql(shop, """mutation($i: ID!, $l: ID!, $k: String!) { inventoryActivate(inventoryItemId: $i,
                locationId: $l, onHand: 7) @idempotent(key: $k) { userErrors { message } } }""",
                 {"i": node["inventoryItem"]["id"], "l": free[0], "k": key()})
            break
    _gql(shop, """mutation($id: ID!) { inventoryItemUpdate(id: $id, input: {tracked: true, cost: "3.25",
        sku: "DUR-1"}) { userErrors { message } } }""", {"id": item})
    # A bulk mutation: each line's write is logged before the line shows in the result.
    target = _gql(shop, """mutation { stagedUploadsCreate(input: [{resource: BULK_MUTATION_VARIABLES,
        filename: "v.jsonl", mimeType: "text/jsonl", httpMethod: POST}]) { stagedTargets { url
        parameters { name value } } } }""")["stagedUploadsCreate"]["stagedTargets"][0]
    params = {p["name"]: p["value"] for p in target["parameters"]}
    lines = "".join(json.dumps({"id": product, "tags": [f"bulk-{i}"]}) + "\n" for i in range(3))
    assert httpx.post(target["url"], data=params, files={"file": ("v.jsonl", lines.encode())}).status_code == 201
    op = _gql(shop, """mutation($m: String!, $p: String!) { bulkOperationRunMutation(mutation: $m,
        stagedUploadPath: $p) { bulkOperation { id } } }""", {"p": params["key"], "m": (
        "mutation($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { userErrors { message } } }")}
              )["bulkOperationRunMutation"]["bulkOperation"]["id"]
    deadline = time.monotonic() + 10
    while _gql(shop, "query($id: ID!) { bulkOperation(id: $id) { status } }", {"id": op})["bulkOperation"][
            "status"] != "COMPLETED":
        assert time.monotonic() < deadline, "the bulk mutation did not finish"
        time.sleep(0.05)
    # Orders selling stock in the background write too.
    httpx.post(f"{shop.url}/_simulator/sales", json={"per_second": 200, "seed": 4},
               headers=shop.admin_headers).raise_for_status()
    time.sleep(0.3)
    httpx.post(f"{shop.url}/_simulator/sales", json={"per_second": 0}, headers=shop.admin_headers).raise_for_status()


def test_snapshot_plus_log_is_the_live_shop_after_every_kind_of_write(tmp_path: Path) -> None:
    state_file = tmp_path / "shop.json"
    config = ShopConfig(synthetic=8, seed=3, state_file=state_file, plan="plus", bulk_mutation_rate=200.0)
    with EmbeddedShop(config) as shop:
        shop.shop_file.interval = 3600  # no compaction: the log alone must carry the writes
        _workload(shop)
        assert shop.state.wal is not None and shop.state.wal.written > 10
        rebuilt = _crash_copy(shop, state_file, tmp_path / "after-crash")
        assert _comparable(rebuilt) == _comparable(shop.state)
        # And after a compaction, from the new snapshot and the (now short) log.
        shop.shop_file.compact()
        _gql(shop, """mutation($id: ID!) { tagsAdd(id: $id, tags: ["after-compaction"]) { userErrors { message } } }""",
             {"id": _gql(shop, "{ products(first: 1) { nodes { id } } }")["products"]["nodes"][0]["id"]})
        rebuilt = _crash_copy(shop, state_file, tmp_path / "after-compaction")
        assert _comparable(rebuilt) == _comparable(shop.state)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["after-compaction", "after-crash", "shop.json",
                                                          "shop.json.lock"]


def test_a_mutation_waits_for_its_fsync_and_a_query_does_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The order that makes an answer trustworthy: log, fsync, then answer."""
    with EmbeddedShop(ShopConfig(synthetic=2, state_file=tmp_path / "shop.json")) as shop:
        wal = shop.state.wal
        assert wal is not None
        before = wal.fsyncs
        product = _gql(shop, "{ products(first: 1) { nodes { id } } }")["products"]["nodes"][0]["id"]
        assert wal.fsyncs == before  # a read does not wait for the disk
        _gql(shop, 'mutation($id: ID!) { tagsAdd(id: $id, tags: ["durable"]) { userErrors { message } } }',
             {"id": product})
        assert wal.fsyncs == before + 1 and wal.synced == wal.written

        import os

        def broken_fsync(fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", broken_fsync)
        failed = httpx.post(f"{shop.url}{API}", headers={"X-Shopify-Access-Token": shop.token}, json={
            "query": 'mutation($id: ID!) { tagsAdd(id: $id, tags: ["lost"]) { userErrors { message } } }',
            "variables": {"id": product}})
        assert failed.status_code == 503 and "not acknowledged" in failed.json()["errors"]
        monkeypatch.undo()
