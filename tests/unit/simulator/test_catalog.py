"""Catalog sources: Shopify CSV loader, synthetic generator, built-in demo catalog."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from inventra_desktop.simulator import catalog as catalog_module
from inventra_desktop.simulator.catalog import demo_catalog, load_shopify_csv, synthetic_catalog
from inventra_desktop.simulator.seed import SeedCatalog, SeedProduct, SeedVariant

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures"  # ../shared beside the clone
needs_fixtures = pytest.mark.skipif(
    not FIXTURES.is_dir(), reason=f"real Shopify CSV exports not available at {FIXTURES}"
)


def _product(catalog: SeedCatalog, handle: str) -> SeedProduct:
    return next(p for p in catalog.products if p.handle == handle)


def _variants(catalog: SeedCatalog) -> list[SeedVariant]:
    return [v for p in catalog.products for v in p.variants]


# --------------------------------------------------------------------------- real exports


@needs_fixtures
@pytest.mark.parametrize(
    ("name", "products", "variants"),
    [
        ("shopify-sample-apparel.csv", 20, 22),
        ("shopify-sample-home-and-garden.csv", 20, 21),
        ("shopify-sample-jewelery.csv", 20, 23),
        ("theme-demo-default.csv", 18, 38),
        ("theme-demo-glow.csv", 18, 30),
    ],
)
def test_fixture_loads_with_expected_counts(name: str, products: int, variants: int) -> None:
    catalog = load_shopify_csv(FIXTURES / name)
    assert len(catalog.products) == products
    assert len(_variants(catalog)) == variants
    assert [loc.name for loc in catalog.locations] == ["Shop location"]
    assert len({p.handle for p in catalog.products}) == products
    for variant in _variants(catalog):
        assert set(variant.on_hand) == {"Shop location"}
        assert variant.tracked  # blank tracker column means tracked


@needs_fixtures
def test_continuation_rows_become_variants_of_their_product() -> None:
    catalog = load_shopify_csv(FIXTURES / "theme-demo-default.csv", location_name="Depot")
    candle = _product(catalog, "nordic-scented-candle")
    assert candle.title == "Nordic Scented Candle"
    assert candle.tags == ["home", "candles", "scented", "bestseller"]
    assert candle.status == "ACTIVE"
    assert [v.sku for v in candle.variants] == ["NH-CND-001", "NH-CND-002", "NH-CND-003"]
    assert [v.title for v in candle.variants] == ["Pine Forest", "Ocean Breeze", "Vanilla Cedar"]
    assert candle.variants[1].options == [("Scent", "Ocean Breeze")]
    assert [v.on_hand for v in candle.variants] == [{"Depot": 25}, {"Depot": 30}, {"Depot": 20}]
    assert candle.variants[0].price == "34.00" and candle.variants[0].unit_cost == "8.50"

    garden = load_shopify_csv(FIXTURES / "shopify-sample-home-and-garden.csv")
    pot = _product(garden, "clay-plant-pot")
    assert [(v.title, v.on_hand["Shop location"], v.price) for v in pot.variants] == [
        ("Regular", 1, "9.99"),
        ("Large", 3, "15.99"),
    ]
    assert pot.image_url and pot.image_url.endswith("single-sprout-in-a-pot_925x.jpg")
    assert pot.variants[0].image_url == pot.image_url  # first variant falls back to Image Src
    assert pot.variants[1].sku is None and pot.variants[1].barcode is None


@needs_fixtures
def test_image_only_rows_add_no_variant() -> None:
    catalog = load_shopify_csv(FIXTURES / "shopify-sample-jewelery.csv")
    anchor = _product(catalog, "leather-anchor")  # two variant rows and one image-only row
    assert [v.title for v in anchor.variants] == ["Gold", "Silver"]
    assert anchor.variants[1].image_url and "anchor-bracelet-for-men" in anchor.variants[1].image_url
    crane = _product(catalog, "origami-crane-necklace")  # one variant row and three image rows
    assert len(crane.variants) == 1
    assert crane.variants[0].title == "Default Title"
    assert crane.variants[0].options == [("Title", "Default Title")]


# --------------------------------------------------------------------------- hand-made CSVs


def _write(tmp_path: Path, text: str, *, bom: bool = False, crlf: bool = True) -> Path:
    if crlf:
        text = text.replace("\n", "\r\n")
    path = tmp_path / "products.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


REORDERED = """\
 variant price ,OPTION1 NAME,Option1 Value,Option2 Name,Option2 Value,Title,Handle,Variant SKU,Variant Barcode,Variant Inventory Qty,Tags,Body (HTML),Published,Variant Inventory Tracker
12.5,Size,Small,Colour,Red,Café Mug,cafe-mug,CM-S-R,'4006381333931,7,"mugs, , gift ,","<p>Big, bold
and red</p>",false,
12.5,,Small,,Blue,,cafe-mug,CM-S-B,,,,,,not tracked
,,,,,,cafe-mug,,,,,,,
abc,Title,Default Title,,,Plain Plate,plain-plate,,,x,,,,shopify
"""


@pytest.mark.parametrize("bom", [False, True])
def test_reordered_columns_without_cost_or_status(tmp_path: Path, bom: bool) -> None:
    catalog = load_shopify_csv(_write(tmp_path, REORDERED, bom=bom), location_name="Till")
    assert [p.handle for p in catalog.products] == ["cafe-mug", "plain-plate"]
    mug = catalog.products[0]
    assert mug.title == "Café Mug" and mug.status == "ACTIVE"  # Published=false, no Status column
    assert mug.tags == ["mugs", "gift"]
    assert [v.title for v in mug.variants] == ["Small / Red", "Small / Blue"]
    red, blue = mug.variants
    assert red.options == [("Size", "Small"), ("Colour", "Red")]
    assert blue.options == [("Size", "Small"), ("Colour", "Blue")]  # names from the first row
    assert red.barcode == "4006381333931"  # Excel-guard apostrophe stripped
    assert red.price == "12.50" and red.unit_cost is None
    assert red.on_hand == {"Till": 7} and blue.on_hand == {"Till": 0}
    assert red.tracked and not blue.tracked
    plate = catalog.products[1]
    assert plate.variants[0].title == "Default Title"
    assert plate.variants[0].price == "0.00" and plate.variants[0].on_hand == {"Till": 0}


def test_status_column_maps_to_enum_names(tmp_path: Path) -> None:
    text = "Handle,Title,Status,Cost per item\na,A,draft,1.5\nb,B,ARCHIVED,\nc,C,active,2\nd,D,weird,\n"
    catalog = load_shopify_csv(_write(tmp_path, text, crlf=False))
    assert [p.status for p in catalog.products] == ["DRAFT", "ARCHIVED", "ACTIVE", "ACTIVE"]
    assert [p.variants[0].unit_cost for p in catalog.products] == ["1.50", None, "2.00", None]


def test_broken_row_is_skipped_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_add_row = catalog_module._add_row

    def flaky(row: Any, *args: Any) -> None:
        if row["Handle"] == "bad":
            raise ValueError("boom")
        real_add_row(row, *args)

    monkeypatch.setattr(catalog_module, "_add_row", flaky)
    text = "Handle,Title\nfirst,First\nbad,Bad\n,\nlast,Last,extra,cells\nshort\n"
    catalog = load_shopify_csv(_write(tmp_path, text))
    assert [p.handle for p in catalog.products] == ["first", "last", "short"]


def test_empty_and_headerless_files(tmp_path: Path) -> None:
    assert load_shopify_csv(_write(tmp_path, "")).products == []
    assert load_shopify_csv(_write(tmp_path, "foo,bar\n1,2\n")).products == []


# --------------------------------------------------------------------------- synthetic


def test_synthetic_is_deterministic() -> None:
    assert synthetic_catalog(300, seed=7) == synthetic_catalog(300, seed=7)
    assert synthetic_catalog(300, seed=7) != synthetic_catalog(300, seed=8)


def test_synthetic_locations() -> None:
    assert [loc.name for loc in synthetic_catalog(5).locations] == ["Main warehouse", "Shopfront"]
    locs = synthetic_catalog(5, locations=4).locations
    assert len({loc.name for loc in locs}) == 4
    assert locs[0].ships_inventory and not locs[-1].ships_inventory


def test_synthetic_proportions_roughly_hold() -> None:
    catalog = synthetic_catalog(2000, locations=3, seed=1)
    assert len(catalog.products) == 2000
    titles = " ".join(p.title for p in catalog.products)
    assert not titles.isascii() and len({p.handle for p in catalog.products}) == 2000
    plain = [v for v in _variants(catalog) if not v.components]
    n = len(plain)
    assert n > 5800  # 3 variants for every non-bundle product
    skus = Counter(v.sku for v in plain if v.sku)
    barcodes = Counter(v.barcode for v in plain if v.barcode)
    shared_sku = sum(c for c in skus.values() if c > 1)
    shared_barcode = sum(c for c in barcodes.values() if c > 1)
    neither = sum(1 for v in plain if v.sku is None and v.barcode is None)
    untracked = sum(1 for v in plain if not v.tracked)
    unstocked = sum(1 for v in plain if len(v.on_hand) < 3)
    # Sharing counts both ends of each pair, so allow up to ~2x the 1% rate.
    assert 0.005 * n < shared_sku < 0.03 * n
    assert 0.005 * n < shared_barcode < 0.03 * n
    assert 0.005 * n < neither < 0.02 * n
    assert 0.01 * n < untracked < 0.035 * n
    assert 0.004 * n < unstocked < 0.02 * n
    assert all(0 <= q <= 50 for v in plain for q in v.on_hand.values())
    statuses = Counter(p.status for p in catalog.products)
    assert 0.03 * 2000 < statuses["DRAFT"] < 0.08 * 2000
    assert 0.008 * 2000 < statuses["ARCHIVED"] < 0.035 * 2000
    assert all(len(v.barcode) == 13 and v.barcode.isdigit() for v in plain if v.barcode)


@pytest.mark.parametrize("n_products", [20, 150, 2000])
def test_synthetic_bundles_reference_existing_unique_skus(n_products: int) -> None:
    catalog = synthetic_catalog(n_products, seed=3)
    bundles = [p for p in catalog.products if any(v.components for v in p.variants)]
    assert len(bundles) == max(1, round(n_products / 100))
    sku_counts = Counter(v.sku for v in _variants(catalog) if v.sku)
    for bundle in bundles:
        (variant,) = bundle.variants
        assert 2 <= len(variant.components) <= 3
        for component in variant.components:
            assert sku_counts[component.sku] == 1 and component.sku != variant.sku
            assert 1 <= component.quantity <= 2


def test_synthetic_small_catalogs() -> None:
    assert synthetic_catalog(0).products == []
    assert not any(v.components for v in _variants(synthetic_catalog(10)))
    with pytest.raises(ValueError):
        synthetic_catalog(5, locations=0)


def test_synthetic_ten_thousand_products() -> None:
    # How fast it is belongs in a benchmark (benchmarks/snapshot.py builds one), not in a timed test.
    catalog = synthetic_catalog(10_000)
    assert len(_variants(catalog)) > 29_000


# --------------------------------------------------------------------------- demo


def test_demo_catalog() -> None:
    catalog = demo_catalog()
    assert [(loc.name, loc.ships_inventory) for loc in catalog.locations] == [
        ("Shop floor", True),
        ("Back warehouse", True),
        ("Pop-up stand", False),
    ]
    assert len(catalog.products) >= 30
    assert {p.status for p in catalog.products} >= {"ACTIVE", "DRAFT"}
    assert any(p.variants[0].title == "Default Title" for p in catalog.products)
    variants = _variants(catalog)
    skus = Counter(v.sku for v in variants)
    assert all(v.sku and skus[v.sku] == 1 for v in variants)
    assert all(v.barcode and len(v.barcode) == 13 and v.unit_cost for v in variants)
    assert all(v.image_url is None for v in variants)
    assert any("Pop-up stand" in v.on_hand for v in variants)
    assert all("Back warehouse" in v.on_hand for v in variants)
    (bundle,) = [p for p in catalog.products if any(v.components for v in p.variants)]
    assert len(bundle.variants) == 1 and 2 <= len(bundle.variants[0].components) <= 3
    assert all(skus[c.sku] == 1 for c in bundle.variants[0].components)
    assert demo_catalog() == catalog  # deterministic
