"""Catalog sources: synthetic generator, built-in demo catalog (the CSV loader: test_product_csv.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from inventra_desktop.simulator.catalog import demo_catalog, synthetic_catalog
from inventra_desktop.simulator.seed import SeedCatalog, SeedVariant


def _variants(catalog: SeedCatalog) -> list[SeedVariant]:
    return [v for p in catalog.products for v in p.variants]


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
    assert all(v.tracked for v in variants)  # the demo file says "shopify" on every row
    assert catalog.problems == []
    assert demo_catalog() == catalog  # deterministic
