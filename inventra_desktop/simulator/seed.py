"""What a catalog source (Shopify CSV, synthetic generator) hands to the simulator's store.

Plain data, no ids: the store assigns Shopify-style gids when it loads a catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SeedLocation:
    name: str
    ships_inventory: bool = True
    fulfills_online_orders: bool = True
    active: bool = True
    # Made up by a product CSV, which holds one quantity per variant and names no location; an
    # inventory CSV that names the shop's real locations replaces it.
    implied: bool = False


@dataclass
class SeedComponent:
    """One part of a fixed bundle: the component variant is found by its SKU."""

    sku: str
    quantity: int = 1


@dataclass
class SeedVariant:
    title: str = "Default Title"
    options: list[tuple[str, str]] = field(default_factory=list)  # (option name, value)
    sku: str | None = None
    barcode: str | None = None
    price: str = "0.00"
    unit_cost: str | None = None  # "Cost per item", as a decimal string
    tracked: bool = True
    # On-hand quantity per location name; a location absent here means "not stocked there".
    on_hand: dict[str, int] = field(default_factory=dict)
    # Per location, the parts of on_hand that are not available ("committed", "damaged" …) and
    # "incoming"; available is on_hand minus the parts. Absent: everything on hand is available.
    held: dict[str, dict[str, int]] = field(default_factory=dict)
    image_url: str | None = None
    components: list[SeedComponent] = field(default_factory=list)  # non-empty: a bundle parent


@dataclass
class SeedProduct:
    handle: str
    title: str
    vendor: str = ""
    product_type: str = ""
    tags: list[str] = field(default_factory=list)
    status: str = "ACTIVE"  # ACTIVE | DRAFT | ARCHIVED, as Shopify's ProductStatus enum
    image_url: str | None = None
    variants: list[SeedVariant] = field(default_factory=list)


@dataclass(frozen=True)
class RowProblem:
    """A row of a merchant's file the simulator could not take, and why (one sentence)."""

    source: str  # the file's name
    line: int  # 1-based physical line where the record starts
    reason: str

    def __str__(self) -> str:
        return f"{self.source} line {self.line}: {self.reason}"


@dataclass
class SeedCatalog:
    locations: list[SeedLocation] = field(default_factory=list)
    products: list[SeedProduct] = field(default_factory=list)
    # Rows of the source files that are not in this catalog: never dropped silently.
    problems: list[RowProblem] = field(default_factory=list)
    # One line per file read, e.g. "shop.csv: 20 products, 22 variants (UTF-8, ';'-separated)".
    summaries: list[str] = field(default_factory=list)

    def extend(self, other: SeedCatalog) -> None:
        """Merge another catalog in: locations by name, products, problems and summaries appended."""
        known = {loc.name for loc in self.locations}
        self.locations.extend(loc for loc in other.locations if loc.name not in known)
        self.products.extend(other.products)
        self.problems.extend(other.problems)
        self.summaries.extend(other.summaries)
