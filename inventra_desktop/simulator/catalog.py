"""Catalog sources for the simulator: a synthetic generator and the demo shop (Shopify product
CSVs are read by `product_csv`).

Each returns a `SeedCatalog`; the store turns it into Shopify-shaped objects with gids.
"""

from __future__ import annotations

import importlib.resources
import random
import zlib

from .product_csv import load_shopify_csv, slug
from .seed import (
    SeedCatalog,
    SeedComponent,
    SeedLocation,
    SeedProduct,
    SeedVariant,
)

__all__ = ["DEMO_LOCATIONS", "demo_catalog", "load_shopify_csv", "synthetic_catalog"]

_DEFAULT_TITLE = "Default Title"


# --------------------------------------------------------------------------- synthetic generator

_LOCATION_NAMES = ["Main warehouse", "Shopfront", "Outlet", "Pop-up store", "Overflow storage"]
_ADJECTIVES = ["Classic", "Große", "Petite", "Nordic", "Rustic", "Deluxe", "Señorita", "Mini", "Smørbrød", "Urban"]
_NOUNS = [
    "Café table", "Kühlschrank-Magnet", "Ōsaka tea cup", "Crème brûlée dish", "Jalapeño jar",
    "Canvas tote", "Steel bottle", "Wool scarf", "Linen apron", "Façade lamp", "Zürich mug",
    "Oak stool", "Garden trowel", "Søren candle", "Piñata kit", "Cotton throw",
]
_VENDORS = ["Acme Goods", "Nordwind GmbH", "Maison Étoile", "Kettle & Pine", "Tōkyō Trading"]
_TYPES = ["Kitchen", "Home decor", "Apparel", "Garden", "Gifts", "Lighting"]
_TAGS = ["new", "sale", "bestseller", "eco", "gift", "winter", "summer", "limited"]
_SIZES = ["XS", "S", "M", "L", "XL", "XXL"]
_COLOURS = ["Black", "White", "Navy", "Olive", "Rouge", "Grün"]


def _ean13(number: int) -> str:
    # "20"-prefixed GTINs are reserved for in-store use, so they never clash with real products.
    base = f"20{number:010d}"
    total = sum(map(int, base[0::2])) + 3 * sum(map(int, base[1::2]))
    return base + str((10 - total % 10) % 10)


def _option_sets(count: int, two_dims: bool) -> list[list[tuple[str, str]]]:
    if count <= len(_SIZES) and not two_dims:
        return [[("Size", size)] for size in _SIZES[:count]]
    if count <= len(_SIZES) * len(_COLOURS):
        return [[("Size", s), ("Colour", c)] for s in _SIZES for c in _COLOURS][:count]
    return [[("Size", str(k + 1))] for k in range(count)]


def synthetic_catalog(
    n_products: int, *, variants_per_product: int = 3, locations: int = 2, seed: int = 0
) -> SeedCatalog:
    """A reproducible catalog with the rough edges of real shops (duplicate SKUs, gaps, bundles)."""
    if n_products < 0 or variants_per_product < 1 or locations < 1:
        raise ValueError("need n_products >= 0, variants_per_product >= 1 and locations >= 1")
    rng = random.Random(seed)
    names = [_LOCATION_NAMES[i] if i < len(_LOCATION_NAMES) else f"Location {i + 1}" for i in range(locations)]
    locs = [SeedLocation(name) for name in names]
    if locations >= 3:  # the last one is a stockroom that never ships, as in real multi-location shops
        locs[-1].ships_inventory = locs[-1].fulfills_online_orders = False
    bundle_count = max(1 if n_products >= 20 else 0, round(n_products / 100))
    bundle_indices = set(rng.sample(range(n_products), bundle_count)) if bundle_count else set()
    products: list[SeedProduct] = []
    plain: list[SeedVariant] = []  # non-bundle variants: the pool for bundle components
    skus: list[str] = []  # issued so far, for deliberate duplicates
    barcodes: list[str] = []
    bundles: list[SeedVariant] = []
    barcode_no = 0
    option_sets = [_option_sets(variants_per_product, two_dims) for two_dims in (False, True)]
    for i in range(n_products):
        title = f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}"
        r = rng.random()
        status = "DRAFT" if r < 0.05 else "ARCHIVED" if r < 0.07 else "ACTIVE"
        product = SeedProduct(
            handle=f"{slug(title)}-{i:06d}",
            title=title,
            vendor=rng.choice(_VENDORS),
            product_type=rng.choice(_TYPES),
            tags=sorted(rng.sample(_TAGS, rng.randint(0, 3))),
            status=status,
        )
        if i in bundle_indices:
            barcode_no += 1
            variant = SeedVariant(
                options=[("Title", _DEFAULT_TITLE)], sku=f"SYN-{i:06d}-KIT", barcode=_ean13(barcode_no),
                price=f"{rng.randint(40, 250)}.00",
                on_hand={name: 0 for name in names},  # a bundle's stock follows its components
            )
            product.variants.append(variant)
            bundles.append(variant)
            products.append(product)
            continue
        for j, options in enumerate(option_sets[rng.random() < 0.3]):
            barcode_no += 1
            price = rng.randint(3, 199)
            variant = SeedVariant(
                title=" / ".join(value for _, value in options),
                options=list(options),  # the option sets are shared templates
                sku=f"SYN-{i:06d}-{j + 1}",
                barcode=_ean13(barcode_no),
                price=f"{price}.{rng.choice(('00', '50', '95', '99'))}",
                unit_cost=f"{price * rng.uniform(0.3, 0.7):.2f}" if rng.random() < 0.9 else None,
                # random() scaled by hand: randint() would dominate the run time at 30,000 variants
                on_hand={name: int(rng.random() * 51) for name in names},
            )
            r = rng.random()
            if r < 0.01 and skus:
                variant.sku = rng.choice(skus)
            elif r < 0.02 and barcodes:
                variant.barcode = rng.choice(barcodes)
            elif r < 0.03:
                variant.sku = variant.barcode = None
            if variant.sku:
                skus.append(variant.sku)
            if variant.barcode:
                barcodes.append(variant.barcode)
            if rng.random() < 0.02:
                variant.tracked = False
            if rng.random() < 0.01:
                del variant.on_hand[rng.choice(names)]
            product.variants.append(variant)
            plain.append(variant)
        products.append(product)
    _attach_components(rng, bundles, plain)
    return SeedCatalog(locations=locs, products=products)


def _attach_components(rng: random.Random, bundles: list[SeedVariant], pool: list[SeedVariant]) -> None:
    counts: dict[str, int] = {}
    for variant in pool:
        if variant.sku:
            counts[variant.sku] = counts.get(variant.sku, 0) + 1
    # Only SKUs that identify exactly one variant make an unambiguous component reference.
    unique = sorted(sku for sku, n in counts.items() if n == 1)
    for bundle in bundles:
        if len(unique) < 2:
            break
        picks = rng.sample(unique, min(len(unique), rng.randint(2, 3)))
        bundle.components = [SeedComponent(sku, rng.randint(1, 2)) for sku in picks]


# --------------------------------------------------------------------------- demo catalog

DEMO_LOCATIONS = ("Shop floor", "Back warehouse", "Pop-up stand")
DEMO_BUNDLES: dict[str, list[tuple[str, int]]] = {
    "camping-starter-kit": [("NB-TNT2-GRN", 1), ("FK-SBS-REG", 2), ("LC-HL300-BLK", 2)],
}


def _stable_hash(text: str) -> int:
    return zlib.crc32(text.encode())  # unlike hash(), stable across processes


def demo_catalog() -> SeedCatalog:
    """The built-in demo shop: an outdoor/home goods store with three locations and a bundle."""
    resource = importlib.resources.files("inventra_desktop.simulator") / "data" / "demo-catalog.csv"
    with importlib.resources.as_file(resource) as csv_path:
        catalog = load_shopify_csv(csv_path, location_name=DEMO_LOCATIONS[0])
    if catalog.problems:  # the file ships with the package: a refused row is a bug of ours
        raise RuntimeError("the built-in demo catalog has rows it cannot load: "
                           + "; ".join(map(str, catalog.problems)))
    catalog.summaries = [f"the built-in demo shop: {len(catalog.products)} products, "
                         f"{sum(len(p.variants) for p in catalog.products)} variants"]
    floor, warehouse, popup = DEMO_LOCATIONS
    catalog.locations = [
        SeedLocation(floor),
        SeedLocation(warehouse),
        SeedLocation(popup, ships_inventory=False, fulfills_online_orders=False),
    ]
    for product in catalog.products:
        components = DEMO_BUNDLES.get(product.handle)
        for variant in product.variants:
            if components:
                variant.components = [SeedComponent(sku, qty) for sku, qty in components]
                variant.on_hand = {floor: 0, warehouse: 0}  # a bundle's stock follows its components
                continue
            key = _stable_hash(variant.sku or f"{product.handle}/{variant.title}")
            variant.on_hand[warehouse] = key % 41
            if product.status == "ACTIVE" and key % 4 == 0:  # the stand carries a quarter of the range
                variant.on_hand[popup] = 1 + key // 7 % 6
    return catalog
