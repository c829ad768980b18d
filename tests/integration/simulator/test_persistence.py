"""The demo store's state file: what a client wrote survives a restart of the simulator.

Metafields (value and compareDigest), tags, inventory quantities and idempotency keys are
kept; a corrupt file is moved aside and the shop starts afresh; saving is atomic
(DESIGN.md section 8).
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers import wait_for

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.simulator.shop_file import StateFileInUse, log_path
from inventra_desktop.simulator.state import ShopState

API = "/admin/api/2026-04/graphql.json"

METAFIELDS_SET = """
mutation set($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id value compareDigest }
    userErrors { field message code }
  }
}"""

TAGS_ADD = """
mutation tag($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) { node { id ... on Product { tags } } userErrors { field message } }
}"""

SET_QUANTITIES = """
mutation count($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id createdAt reason referenceDocumentUri changes { name delta quantityAfterChange } }
    userErrors { field message code }
  }
}"""

ADJUST = """
mutation adjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id }
    userErrors { field message code }
  }
}"""

PRODUCT = """
query p($id: ID!) {
  product(id: $id) {
    id title tags
    metafield(namespace: "inventra", key: "last_count") { id value compareDigest type }
    variants(first: 5) { nodes { id sku inventoryItem { id inventoryLevels(first: 5) { nodes {
      id location { id } quantities(names: ["available", "on_hand", "committed"]) { name quantity }
    } } } } }
  }
}"""


# ---------------------------------------------------------------- helpers
def gql_raw(shop: EmbeddedShop, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = httpx.post(f"{shop.url}{API}", json={"query": query, "variables": variables or {}},
                          headers={"X-Shopify-Access-Token": shop.token}, timeout=15)
    assert response.status_code == 200, response.text
    return response.json()


def gql(shop: EmbeddedShop, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = gql_raw(shop, query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]



def first_product(shop: EmbeddedShop) -> dict[str, Any]:
    pid = gql(shop, "{ products(first: 1) { nodes { id } } }")["products"]["nodes"][0]["id"]
    return gql(shop, PRODUCT, {"id": pid})["product"]


def level_of(product: dict[str, Any]) -> dict[str, Any]:
    """The first variant's first level, flattened: ids and quantities by name."""
    variant = product["variants"]["nodes"][0]
    level = variant["inventoryItem"]["inventoryLevels"]["nodes"][0]
    return {"item": variant["inventoryItem"]["id"], "location": level["location"]["id"], "id": level["id"],
            **{q["name"]: q["quantity"] for q in level["quantities"]}}


def config(state_file: Path) -> ShopConfig:
    return ShopConfig(synthetic=6, seed=21, state_file=state_file)


def leftovers(folder: Path, name: str = "shop.json") -> list[str]:
    """Files in the folder other than the state file itself and its lock file (kept: an OS lock on
    it is what matters, and the OS releases that when the process ends)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in (name, name + ".lock"))


def set_quantities_vars(level: dict[str, Any], quantity: int, key: str) -> dict[str, Any]:
    return {"key": key, "input": {
        "name": "on_hand", "reason": "cycle_count_available", "referenceDocumentUri": "gid://inventra/StockTake/7",
        "quantities": [{"inventoryItemId": level["item"], "locationId": level["location"], "quantity": quantity,
                        "changeFromQuantity": level["on_hand"]}]}}


# ---------------------------------------------------------------- restarts
def test_writes_survive_a_restart_and_idempotency_keys_still_replay(tmp_path: Path) -> None:
    state_file = tmp_path / "shop.json"
    key = f"count-{uuid.uuid4()}"

    with EmbeddedShop(config(state_file)) as shop:
        product = first_product(shop)
        written = gql(shop, METAFIELDS_SET, {"metafields": [{
            "ownerId": product["id"], "namespace": "inventra", "key": "last_count",
            "type": "json", "value": json.dumps({"counted": 17, "by": "kiosk-1"})}]})["metafieldsSet"]
        assert written["userErrors"] == []
        tags = gql(shop, TAGS_ADD, {"id": product["id"], "tags": ["counted-2026", "Aisle 4"]})["tagsAdd"]
        assert tags["userErrors"] == []
        level = level_of(product)
        counted = level["on_hand"] + 9
        first = gql(shop, SET_QUANTITIES, set_quantities_vars(level, counted, key))["inventorySetQuantities"]
        assert first["userErrors"] == []
        before = gql(shop, PRODUCT, {"id": product["id"]})["product"]
        adjustments_before = httpx.get(f"{shop.url}/_simulator/adjustments", headers=shop.admin_headers).json()
    # stop() flushed the state file
    assert state_file.exists()
    assert leftovers(tmp_path) == [], "no temporary files are left behind"

    with EmbeddedShop(config(state_file)) as shop:
        after = gql(shop, PRODUCT, {"id": product["id"]})["product"]
        assert after == before
        assert after["metafield"]["value"] == json.dumps({"counted": 17, "by": "kiosk-1"})
        assert after["metafield"]["compareDigest"] == written["metafields"][0]["compareDigest"]
        assert {"counted-2026", "Aisle 4"} <= set(after["tags"])
        assert level_of(after)["on_hand"] == counted
        assert httpx.get(f"{shop.url}/_simulator/adjustments", headers=shop.admin_headers).json() == adjustments_before

        # The same key and input after the restart: the first result, nothing applied again.
        # (Applied again, the stale changeFromQuantity would give CHANGE_FROM_QUANTITY_STALE.)
        replay = gql(shop, SET_QUANTITIES, set_quantities_vars(level, counted, key))["inventorySetQuantities"]
        assert replay == first
        assert level_of(gql(shop, PRODUCT, {"id": product["id"]})["product"])["on_hand"] == counted
        assert httpx.get(f"{shop.url}/_simulator/adjustments", headers=shop.admin_headers).json() == adjustments_before

        # The same key with other input is still recognised as a reuse.
        other = gql_raw(shop, SET_QUANTITIES, set_quantities_vars(level, counted + 1, key))
        assert other["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_PARAMETER_MISMATCH"

        # The digest read before the restart still guards a compare-and-set write.
        guarded = gql(shop, METAFIELDS_SET, {"metafields": [{
            "ownerId": product["id"], "namespace": "inventra", "key": "last_count", "type": "json",
            "value": json.dumps({"counted": 18}), "compareDigest": before["metafield"]["compareDigest"]}]})
        assert guarded["metafieldsSet"]["userErrors"] == []
        assert guarded["metafieldsSet"]["metafields"][0]["id"] == before["metafield"]["id"]


def test_new_objects_after_a_restart_get_fresh_ids(tmp_path: Path) -> None:
    state_file = tmp_path / "shop.json"
    with EmbeddedShop(config(state_file)) as shop:
        product = first_product(shop)
        a = gql(shop, METAFIELDS_SET, {"metafields": [{"ownerId": product["id"], "namespace": "inventra",
                                                       "key": "k_a", "type": "boolean", "value": "true"}]})
    with EmbeddedShop(config(state_file)) as shop:
        b = gql(shop, METAFIELDS_SET, {"metafields": [{"ownerId": product["id"], "namespace": "inventra",
                                                       "key": "k_b", "type": "boolean", "value": "false"}]})
        ids = {a["metafieldsSet"]["metafields"][0]["id"], b["metafieldsSet"]["metafields"][0]["id"]}
        assert len(ids) == 2
        nodes = gql(shop, "query($id: ID!) { product(id: $id) { metafields(first: 10, namespace: \"inventra\") "
                          "{ nodes { id key value } } } }", {"id": product["id"]})["product"]["metafields"]["nodes"]
        assert {n["key"]: n["value"] for n in nodes} == {"k_a": "true", "k_b": "false"}


def test_the_snapshot_catches_up_with_the_log_while_the_shop_runs(tmp_path: Path) -> None:
    state_file = tmp_path / "shop.json"
    with EmbeddedShop(config(state_file)) as shop:
        product = first_product(shop)
        gql(shop, TAGS_ADD, {"id": product["id"], "tags": ["compacted-tag"]})
        assert "compacted-tag" in log_path(state_file).read_text(encoding="utf-8")  # durable at once, in the log

        def compacted() -> bool:
            return ("compacted-tag" in state_file.read_text(encoding="utf-8")
                    and log_path(state_file).stat().st_size == 0)
        wait_for(compacted, 5, interval=0.1, what="the log to be compacted into the snapshot once the shop is quiet")


def test_a_second_simulator_on_the_same_state_file_is_refused(tmp_path: Path) -> None:
    """Two writers of one log would lose each other's writes: the second one does not start."""
    state_file = tmp_path / "shop.json"
    with EmbeddedShop(config(state_file)):
        with pytest.raises(StateFileInUse, match="in use by another simulator process"):
            EmbeddedShop(config(state_file))
    with EmbeddedShop(config(state_file)) as again:  # free again once the first one stopped
        assert first_product(again)["title"]


def test_save_endpoint_writes_at_once(tmp_path: Path) -> None:
    state_file = tmp_path / "shop.json"
    with EmbeddedShop(config(state_file)) as shop:
        product = first_product(shop)
        gql(shop, TAGS_ADD, {"id": product["id"], "tags": ["saved-now"]})
        response = httpx.post(f"{shop.url}/_simulator/save", headers=shop.admin_headers)
        assert response.status_code == 200
        assert "saved-now" in state_file.read_text(encoding="utf-8")


# ---------------------------------------------------------------- corrupt files
@pytest.mark.parametrize("content", [
    pytest.param(b'{"schema_version": 1, "next_id": 5, "shop": {', id="truncated-json"),
    pytest.param(b"", id="empty"),
    pytest.param(b"\xff\xfe\x00garbage\x81", id="binary"),
    pytest.param(b'{"schema_version": 999, "shop": {}}', id="unknown-schema-version"),
    pytest.param(b'{"schema_version": 1, "next_id": 5, "shop": {}, "products": [{"id": 1}]}', id="bad-rows"),
    pytest.param(b"[]", id="json-list"),
    pytest.param(b"null", id="json-null"),
])
def test_corrupt_state_file_is_moved_aside_and_the_shop_starts_fresh(tmp_path: Path, content: bytes) -> None:
    state_file = tmp_path / "shop.json"
    state_file.write_bytes(content)
    with EmbeddedShop(config(state_file)) as shop:
        health = httpx.get(f"{shop.url}/_simulator/health", headers=shop.admin_headers).json()
        assert health["ok"] is True and health["products"] == 6
        product = first_product(shop)
        assert product["title"]
        gql(shop, TAGS_ADD, {"id": product["id"], "tags": ["after-corruption"]})
    broken = tmp_path / "shop.json.broken"
    assert broken.read_bytes() == content, "the unreadable file is kept for inspection"
    saved = json.loads(state_file.read_text(encoding="utf-8"))
    assert any("after-corruption" in p["tags"] for p in saved["products"]), "the fresh shop saves a new file"


# ---------------------------------------------------------------- atomic saves
def test_state_file_is_replaced_whole_never_seen_half_written(tmp_path: Path) -> None:
    """A reader polling the file while the shop writes and saves in a loop only ever sees complete JSON."""
    state_file = tmp_path / "shop.json"
    with EmbeddedShop(ShopConfig(synthetic=150, seed=22, state_file=state_file)) as shop:
        product = first_product(shop)
        assert httpx.post(f"{shop.url}/_simulator/save", headers=shop.admin_headers).status_code == 200
        size = state_file.stat().st_size
        assert size > 50_000, "the file should be big enough for a torn write to be visible"

        stop = threading.Event()
        problems: list[str] = []
        reads = 0
        inodes: set[int] = set()

        def reader() -> None:
            nonlocal reads
            while not stop.is_set():
                try:
                    inodes.add(state_file.stat().st_ino)
                    json.loads(state_file.read_bytes())
                    reads += 1
                except (ValueError, OSError) as exc:
                    problems.append(repr(exc))

        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        try:
            with httpx.Client(base_url=shop.url, timeout=15, headers=shop.admin_headers) as own:
                for i in range(15):
                    gql(shop, TAGS_ADD, {"id": product["id"], "tags": [f"round-{i}"]})
                    assert own.post("/_simulator/save").status_code == 200
        finally:
            stop.set()
            thread.join(timeout=10)
        assert problems == []
        assert reads > 0
        assert len(inodes) > 1, "each save replaces the file (rename), it does not rewrite it in place"
    assert leftovers(tmp_path) == []
    assert "round-14" in state_file.read_text(encoding="utf-8")


def test_failed_save_keeps_the_old_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    """ShopState.save when the final rename cannot happen: the target stays as it was, no temp file remains."""
    target = tmp_path / "shop.json"
    target.mkdir()  # a directory where the file should go: os.replace over it fails
    (target / "keep.txt").write_text("old")
    state = ShopState()
    with pytest.raises(OSError):
        state.save(target)
    assert (target / "keep.txt").read_text() == "old"
    assert leftovers(tmp_path) == []

    good = tmp_path / "good.json"
    state.save(good)
    state.save(good)
    assert ShopState.load(good).to_json() == state.to_json()
    assert sorted(os.listdir(tmp_path)) == ["good.json", "shop.json"]
