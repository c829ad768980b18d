"""A variant as a stock-take sees it: its product, codes, stock per location and its metafields."""

from __future__ import annotations

from dataclasses import dataclass, field

from .counting import VariantState
from .models import SESSION_TAG_PREFIX, Status, VariantCounts


@dataclass
class VariantRecord:
    id: str
    product_id: str
    product_title: str
    vendor: str
    title: str
    sku: str | None
    barcode: str | None
    product_tags: list[str]
    inventory_item_id: str
    tracked: bool
    bundle_parent: bool
    on_hand: dict[str, int]  # location gid -> on_hand, for the locations where it is stocked
    counts: VariantCounts | None = None
    status: Status | None = None
    current_qty: int | None = None
    last_done: str | None = None
    omit: bool = False  # the persistent "never count" flag
    unit_cost: str | None = None  # the inventory item's cost, a decimal string, when the shop keeps one
    image_url: str | None = None  # the variant's image, else the product's featured image
    # The `history` metafield as read (value, compare digest; both None: none yet), where the
    # reading asked for it; None where it did not.
    history: tuple[str | None, str | None] | None = None
    digests: dict[str, str | None] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (key, reason) of unreadable metafields

    @property
    def display_name(self) -> str:
        return self.product_title if self.title == "Default Title" else f"{self.product_title} – {self.title}"

    def state(self) -> VariantState:
        return VariantState(self.counts, self.status, self.last_done)

    def in_session(self, name: str) -> bool:
        return self.counts is not None and self.counts.session == name

    def takes_part(self, name: str) -> bool:
        """Counted in session `name`: snapshotted for it, not omitted, not a bundle parent."""
        return self.in_session(name) and not self.omit and not self.bundle_parent and not (
            self.counts is not None and self.counts.omitted)


def session_search(name: str) -> str:
    """The product search that finds a session's products (its tag)."""
    return f"tag:'{SESSION_TAG_PREFIX}{name}'"
