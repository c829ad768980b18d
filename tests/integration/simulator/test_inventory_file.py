"""A shop built from Shopify's product and inventory exports, read back over the Admin API the way
any client reads it: every location of an item, with Shopify's named quantities."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from sim_client import Gql

from inventra_desktop.simulator.embedded import CatalogRefused, EmbeddedShop, ShopConfig

SEVEN = Path(__file__).resolve().parents[2] / "fixtures" / "seven-locations"
LEVELS = """query($q: String!) { productVariants(first: 5, query: $q) { nodes { sku inventoryQuantity
  inventoryItem { tracked inventoryLevels(first: 20) { nodes { location { name }
    quantities(names: ["available", "on_hand", "committed", "damaged", "incoming"]) { name quantity } } } } } } }"""


@pytest.fixture(scope="module")
def seven() -> Iterator[Gql]:
    config = ShopConfig(plan="plus", catalogs=[SEVEN / "products.csv"], inventories=[SEVEN / "inventory.csv"])
    with EmbeddedShop(config) as shop:
        client = Gql(shop)
        yield client
        client.http.close()


def _levels(gql: Gql, sku: str) -> dict[str, dict[str, int]]:
    [variant] = gql.data(LEVELS, {"q": f"sku:{sku}"})["productVariants"]["nodes"]
    return {lv["location"]["name"]: {q["name"]: q["quantity"] for q in lv["quantities"]}
            for lv in variant["inventoryItem"]["inventoryLevels"]["nodes"]}


def test_the_shop_has_the_seven_locations_of_the_file(seven: Gql) -> None:
    names = [n["name"] for n in seven.data("{ locations(first: 20) { nodes { name } } }")["locations"]["nodes"]]
    assert names == [f"Store {i}" for i in range(1, 8)]


def test_an_item_is_read_at_every_location_with_its_quantities(seven: Gql) -> None:
    mug = _levels(seven, "SM-1")
    assert list(mug) == [f"Store {i}" for i in range(1, 8)]
    assert mug["Store 7"] == {"available": 13, "on_hand": 16, "committed": 2, "damaged": 1, "incoming": 5}
    assert all(mug[f"Store {i}"] == {"available": 1, "on_hand": 1, "committed": 0, "damaged": 0, "incoming": 0}
               for i in range(1, 7))
    [variant] = seven.data(LEVELS, {"q": "sku:SM-1"})["productVariants"]["nodes"]
    assert variant["inventoryQuantity"] == 6 + 13 and variant["inventoryItem"]["tracked"] is True


def test_not_stocked_means_no_level_at_that_location(seven: Gql) -> None:
    assert list(_levels(seven, "LS-M")) == ["Store 1", "Store 2", "Store 3", "Store 5", "Store 6", "Store 7"]
    assert {name: q["on_hand"] for name, q in _levels(seven, "BC-1").items()} == {"Store 1": 8, "Store 3": 0}


def test_a_shop_is_not_built_from_an_inventory_file_with_rows_it_cannot_place(tmp_path: Path) -> None:
    broken = tmp_path / "inventory.csv"
    text = (SEVEN / "inventory.csv").read_text(encoding="utf-8")
    broken.write_text(text.replace("SM-1,,,Store 7,K-7,5,1,2,13,16", "SM-1,,,Store 7,K-7,5,1,2,13,17"), encoding="utf-8")
    with pytest.raises(CatalogRefused) as refused:
        EmbeddedShop(ShopConfig(catalogs=[SEVEN / "products.csv"], inventories=[broken]))
    assert [str(p) for p in refused.value.problems] == [
        "inventory.csv line 22: inconsistent quantities: Available 13 + Committed 2 + Unavailable 1 = 16, "
        "but On hand is 17"]


def test_the_inventory_file_also_applies_to_the_demo_shop(tmp_path: Path) -> None:
    inventory = tmp_path / "inventory.csv"
    inventory.write_text("SKU,Location,Available,On hand\nNB-TNT2-GRN,Shop floor,3,3\n"
                         "NB-TNT2-GRN,Annex,16,16\n", encoding="utf-8")
    with EmbeddedShop(ShopConfig(inventories=[inventory])) as shop:
        gql = Gql(shop)
        levels: Any = _levels(gql, "NB-TNT2-GRN")
        gql.http.close()
    assert levels["Shop floor"]["on_hand"] == 3 and levels["Annex"]["on_hand"] == 16
    assert "Back warehouse" in levels  # the pairs the file does not name stay as they were
