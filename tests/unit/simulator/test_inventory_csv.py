"""Shopify's inventory CSV applied to a catalog: locations, quantities per location, and every
row that cannot be placed listed with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from inventra_desktop.simulator.catalog import demo_catalog
from inventra_desktop.simulator.csv_text import CsvFileError
from inventra_desktop.simulator.inventory_csv import apply_inventory_csvs
from inventra_desktop.simulator.product_csv import load_shopify_csv
from inventra_desktop.simulator.seed import SeedCatalog, SeedVariant
from inventra_desktop.simulator.state import ShopState

SEVEN = Path(__file__).resolve().parents[2] / "fixtures" / "seven-locations"
STORES = [f"Store {i}" for i in range(1, 8)]
HEADER = ("Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,SKU,"
          "HS Code,COO,Location,Incoming,Unavailable,Committed,Available,On hand\n")


def _variant(catalog: SeedCatalog, sku: str) -> SeedVariant:
    return next(v for p in catalog.products for v in p.variants if v.sku == sku)


def _seven() -> SeedCatalog:
    catalog = load_shopify_csv(SEVEN / "products.csv")
    apply_inventory_csvs(catalog, [SEVEN / "inventory.csv"])
    return catalog


def _shop_catalog(tmp_path: Path) -> SeedCatalog:
    products = tmp_path / "products.csv"
    products.write_text(
        "Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Inventory Tracker,"
        "Variant Inventory Qty\n"
        "tee,Tee,Size,S,Colour,Red,T-S-R,shopify,4\n"
        "tee,,,S,,Blue,T-S-B,shopify,4\n"
        "tee,,,M,,Red,DUP,shopify,4\n"
        "cup,Cup,Title,Default Title,,,DUP,shopify,9\n"
        "bowl,Bowl,Title,Default Title,,,BOWL,shopify,2\n", encoding="utf-8")
    return load_shopify_csv(products)


def _apply(tmp_path: Path, catalog: SeedCatalog, body: str, header: str = HEADER) -> list[tuple[int, str]]:
    path = tmp_path / "inventory.csv"
    path.write_text(header + body, encoding="utf-8")
    apply_inventory_csvs(catalog, [path])
    return [(p.line, p.reason) for p in catalog.problems]


# --------------------------------------------------------------------------- the seven-location fixture


def test_seven_locations_are_created_and_the_implied_one_is_not() -> None:
    catalog = _seven()
    assert catalog.problems == []
    assert [loc.name for loc in catalog.locations] == STORES  # no "Shop location"
    assert catalog.summaries[-1] == "inventory.csv: 28 inventory rows at 7 locations (UTF-8, comma-separated)"


def test_seven_location_quantities_per_variant() -> None:
    catalog = _seven()
    mug = _variant(catalog, "SM-1")
    assert mug.on_hand == {store: 16 if store == "Store 7" else 1 for store in STORES}
    assert mug.held["Store 7"] == {"committed": 2, "damaged": 1, "incoming": 5}
    shirt_m = _variant(catalog, "LS-M")
    assert list(shirt_m.on_hand) == ["Store 1", "Store 2", "Store 3", "Store 5", "Store 6", "Store 7"]  # 4: not stocked
    candle = _variant(catalog, "BC-1")  # its rows give only the SKU
    assert candle.on_hand == {"Store 1": 8, "Store 3": 0}


def test_the_store_holds_shopifys_quantity_model() -> None:
    state = ShopState()
    state.load_catalog(_seven())
    by_name = {loc.name: loc.id for loc in state.locations.values()}
    mug = next(v for v in state.variants.values() if v.sku == "SM-1")
    level = state.level(mug.inventory_item_id, by_name["Store 7"])
    assert level is not None
    assert {n: level.quantity(n) for n in ("on_hand", "available", "committed", "damaged", "incoming")} == {
        "on_hand": 16, "available": 13, "committed": 2, "damaged": 1, "incoming": 5}
    assert len(state.levels_of_item(mug.inventory_item_id)) == 7


# --------------------------------------------------------------------------- what it cannot place


def test_rows_it_cannot_place_are_listed_with_line_and_reason(tmp_path: Path) -> None:
    catalog = _shop_catalog(tmp_path)
    problems = _apply(tmp_path, catalog, (
        "tee,Tee,Size,S,Colour,Red,,,T-S-R,,,Depot,0,0,0,3,3\n"            # 2: fine
        "mug,Mug,Title,Default Title,,,,,,,,Depot,0,0,0,1,1\n"             # 3: unknown handle
        "tee,Tee,Size,XL,Colour,Red,,,,,,Depot,0,0,0,1,1\n"                # 4: unknown options
        ",,,,,,,,NOPE,,,Depot,0,0,0,1,1\n"                                 # 5: unknown SKU
        ",,,,,,,,DUP,,,Depot,0,0,0,1,1\n"                                  # 6: ambiguous SKU
        "tee,Tee,Size,S,Colour,Blue,,,T-S-R,,,Depot,0,0,0,1,1\n"           # 7: SKU of another variant
        "cup,Cup,Title,Default Title,,,,,,,,Depot,0,0,0,2.5,2.5\n"         # 8: not whole
        "cup,Cup,Title,Default Title,,,,,,,,Depot,0,0,1,5,7\n"             # 9: 5 + 1 + 0 != 7
        "cup,Cup,Title,Default Title,,,,,,,,Depot,0,0,-1,5,4\n"            # 10: negative committed
        "cup,Cup,Title,Default Title,,,,,,,,,0,0,0,5,5\n"                  # 11: no location
        "cup,Cup,Title,Default Title,,,,,,,,Depot,0,0,0,,\n"               # 12: no quantity
        "cup,Cup,Title,Default Title,,,,,,,,Depot,0,0,0,Not stocked,4\n"   # 13: not stocked beside 4
        "tee,Tee,Size,s,Colour,red,,,,,,depot,0,0,0,8,8\n"                 # 14: the same as line 2
        "cup,Cup,Title,Default Title,,,,,,,,Depot,lots,0,0,5,5\n"          # 15: not a number
        ",,,,,,,,,,,Depot,0,0,0,5,5\n"                                    # 16: nothing to match by
        "bowl,Bowl,Title,Default Title,,,,,,,,Depot,0,0,0,--5,1\n"))      # 17: not a number
    assert problems == [
        (3, "no product with the handle 'mug' in the catalog"),
        (4, "product 'tee' has no variant 'XL / Red' (its variants: 'S / Red', 'S / Blue', 'M / Red')"),
        (5, "no variant with the SKU 'NOPE' in the catalog"),
        (6, "the SKU 'DUP' belongs to 2 variants; give the Handle and options"),
        (7, "SKU 'T-S-R' does not match variant 'S / Blue' of 'tee', whose SKU is 'T-S-B'"),
        (8, "Available '2.5' is neither a whole number nor 'Not stocked'"),
        (9, "inconsistent quantities: Available 5 + Committed 1 + Unavailable 0 = 6, but On hand is 7"),
        (10, "Committed -1 cannot be negative"),
        (11, "no Location"),
        (12, "no quantity: On hand and Available are both blank"),
        (13, "inconsistent quantities: 'Not stocked' beside On hand 4"),
        (14, "variant 'S / Red' of 'tee' at 'Depot' is already set by line 2"),
        (15, "Incoming 'lots' is neither a whole number nor 'Not stocked'"),
        (16, "neither a Handle nor a SKU to find the variant by"),
        (17, "Available '--5' is neither a whole number nor 'Not stocked'"),
    ]
    assert _variant(catalog, "T-S-R").on_hand == {"Depot": 3}
    assert [loc.name for loc in catalog.locations] == ["Depot"]


def test_a_duplicate_across_two_files_names_the_first_file(tmp_path: Path) -> None:
    catalog = _shop_catalog(tmp_path)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(HEADER + ",,,,,,,,BOWL,,,Depot,0,0,0,1,1\n", encoding="utf-8")
    second.write_text(HEADER + "bowl,,,,,,,,,,,Depot,0,0,0,2,2\n", encoding="utf-8")
    apply_inventory_csvs(catalog, [first, second])
    assert [str(p) for p in catalog.problems] == [
        "b.csv line 2: variant 'Default Title' of 'bowl' at 'Depot' is already set by a.csv line 2"]


# --------------------------------------------------------------------------- Shopify's rules


def test_derived_quantities_and_negative_available(tmp_path: Path) -> None:
    catalog = _shop_catalog(tmp_path)
    assert _apply(tmp_path, catalog, (
        ",,,,,,,,T-S-R,,,Depot,2,1,3,,10\n"      # available derived: 10 - 3 - 1 = 6
        ",,,,,,,,T-S-B,,,Depot,,,2,-4,\n"        # on hand derived: -4 + 2 = -2 (oversold)
        ",,,,,,,,BOWL,,,Depot,,,,7,7\n")) == []   # blank committed/unavailable/incoming: 0
    assert _variant(catalog, "T-S-R").on_hand == {"Depot": 10}
    assert _variant(catalog, "T-S-R").held == {"Depot": {"committed": 3, "damaged": 1, "incoming": 2}}
    assert _variant(catalog, "T-S-B").on_hand == {"Depot": -2}
    state = ShopState()
    state.load_catalog(catalog)
    levels = {state.variants[state.items[lv.item_id].variant_id].sku: lv for lv in state.levels.values()}
    assert levels["T-S-R"].quantity("available") == 6 and levels["T-S-R"].quantity("on_hand") == 10
    assert levels["T-S-B"].quantity("available") == -4 and levels["T-S-B"].quantity("on_hand") == -2


def test_the_newer_export_with_on_hand_new(tmp_path: Path) -> None:
    """`On hand (new)` is what an import sets: on hand becomes it and available moves with it."""
    header = ("Handle,Option1 Value,Option2 Value,Option3 Value,SKU,Location,Bin name,Incoming (not editable),"
              "Unavailable (not editable),Committed (not editable),Available (not editable),On hand (current),"
              "On hand (new)\n")
    catalog = _shop_catalog(tmp_path)
    assert _apply(tmp_path, catalog, (
        "tee,S,Red,,T-S-R,Depot,B-1,0,0,1,4,5,9\n"      # 9 on hand, 8 available
        "tee,S,Blue,,T-S-B,Depot,,0,0,0,4,4,\n"         # no new value: as exported
        "cup,Default Title,,,DUP,Depot,,,,,Not stocked,Not stocked,3\n"  # stocked by the import
        "bowl,Default Title,,,BOWL,Depot,,0,0,0,2,2,Not stocked\n"), header=header) == []
    assert _variant(catalog, "T-S-R").on_hand == {"Depot": 9}
    assert _variant(catalog, "T-S-B").on_hand == {"Depot": 4}
    assert [v.on_hand for v in catalog.products[1].variants] == [{"Depot": 3}]
    assert _variant(catalog, "BOWL").on_hand == {}


def test_not_stocked_removes_the_level_the_catalog_gave(tmp_path: Path) -> None:
    catalog = demo_catalog()  # stocks its variants at its own, real locations
    variant = catalog.products[0].variants[0]
    assert "Back warehouse" in variant.on_hand
    problems = _apply(tmp_path, catalog, f",,,,,,,,{variant.sku},,,back warehouse,,,,Not stocked,Not stocked\n"
                                         f",,,,,,,,{variant.sku},,,Shop floor,0,0,0,11,11\n")
    assert problems == []
    assert "Back warehouse" not in variant.on_hand and variant.on_hand["Shop floor"] == 11
    # The demo shop's locations are real: the file changes only the pairs it names.
    assert [loc.name for loc in catalog.locations] == ["Shop floor", "Back warehouse", "Pop-up stand"]
    other = catalog.products[1].variants[0]
    assert "Back warehouse" in other.on_hand


def test_a_variant_in_no_row_is_reported_when_it_ends_up_stocked_nowhere(tmp_path: Path) -> None:
    catalog = _shop_catalog(tmp_path)
    assert _apply(tmp_path, catalog, ",,,,,,,,BOWL,,,Depot,0,0,0,1,1\n") == []
    assert catalog.summaries[-1] == "4 variants of the catalog are in no inventory row and stocked nowhere"
    assert _variant(catalog, "T-S-R").on_hand == {}


@pytest.mark.parametrize(("header", "message"), [
    ("Handle,SKU,Available,On hand\n", "has no Location column"),
    ("Title,Location,Available\n", "neither a Handle nor a SKU column"),
    ("Handle,Location,Incoming\n", "has no On hand or Available column"),
])
def test_files_that_are_no_inventory_csv_are_refused_whole(tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "inventory.csv"
    path.write_text(header, encoding="utf-8")
    with pytest.raises(CsvFileError, match=message):
        apply_inventory_csvs(_shop_catalog(tmp_path), [path])
