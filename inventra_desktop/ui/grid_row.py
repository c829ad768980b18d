"""One variant as the product grid shows it: plain values, read once from its record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

from PySide6.QtCore import QCoreApplication

from ..stocktake.variant import VariantRecord

StatusName = Literal["pending", "in_progress", "done", "omitted", "problem"]
# Sort order of the Status column: what needs attention first.
STATUS_RANK: dict[str, int] = {"problem": 0, "pending": 1, "in_progress": 2, "done": 3, "omitted": 4}


@dataclass(slots=True)
class GridRow:
    """One variant as the grid shows it. Treat it as immutable: `update_rows` replaces rows."""

    variant_id: str
    product_id: str
    title: str  # the product's title
    variant: str  # the variant's title; "" for Shopify's "Default Title"
    sku: str
    barcode: str
    baseline: int | None  # on hand at snapshot, summed over locations; None before a snapshot
    qty: dict[str, int]  # area key -> quantity counted there
    counted: dict[str, bool]  # area key -> marked counted
    total: int  # over every area of the counts, also areas without a column
    variance: int | None  # total - baseline; None without a baseline
    status: StatusName
    image_url: str | None = None
    problem: str | None = None  # a sentence when a metafield cannot be read
    search: str = ""  # lowercase title, variant, SKU and barcode; filled in when left empty

    def __post_init__(self) -> None:
        if not self.search:
            # "\n" between fields so a typed word never matches across two of them.
            self.search = "\n".join((self.title, self.variant, self.sku, self.barcode)).lower()

    @classmethod
    def from_variant(cls, record: VariantRecord, areas: Sequence[str], session: str, *,
                     image_url: str | None = None) -> GridRow:
        """The row for `record` in session `session`, with one quantity per area key in `areas`.

        Counts left from another session are ignored (the variant shows as pending, no baseline).
        Status: "problem" when a metafield is unreadable, else "omitted" for bundle parents, the
        omit flag or omitted counts, else the status metafield ("pending" when absent).
        """
        counts = record.counts if record.in_session(session) else None
        qty: dict[str, int] = {}
        counted: dict[str, bool] = {}
        for key in areas:
            area = counts.areas.get(key) if counts is not None else None
            qty[key] = area.qty if area is not None else 0
            counted[key] = area.counted if area is not None else False
        baseline = sum(counts.baseline.values()) if counts is not None and counts.snapshot_at else None
        total = counts.total if counts is not None else 0
        status: StatusName
        problem: str | None = None
        if record.problems:
            status = "problem"
            problem = " ".join(QCoreApplication.translate(
                "ProductGridModel", "The “%1” metafield cannot be read: %2.").replace("%1", key).replace(
                "%2", reason.rstrip(".")) for key, reason in record.problems)
        elif record.bundle_parent or record.omit or (counts is not None and counts.omitted):
            status = "omitted"
        elif counts is not None and record.status is not None:
            status = record.status.value  # type: ignore[assignment]
        else:
            status = "pending"
        return cls(
            variant_id=record.id, product_id=record.product_id, title=record.product_title,
            variant="" if record.title == "Default Title" else record.title,
            sku=record.sku or "", barcode=record.barcode or "", baseline=baseline, qty=qty, counted=counted,
            total=total, variance=None if baseline is None else total - baseline, status=status,
            image_url=image_url if image_url is not None else getattr(record, "image_url", None), problem=problem)


def changed_spans(old: GridRow, new: GridRow, area_keys: list[str]) -> list[tuple[int, int]]:
    """Runs of adjacent columns whose cells differ between `old` and `new` (a grid with the
    fixed columns, one per key of `area_keys`, then Total, Variance, Last counted, Last variance
    and Status)."""
    if old.problem != new.problem:  # the tooltip is on every cell
        return [(0, 10 + len(area_keys) - 1)]
    differs = [old.title != new.title or old.image_url != new.image_url, old.variant != new.variant,
               old.sku != new.sku, old.barcode != new.barcode, old.baseline != new.baseline]
    differs += [old.qty.get(k) != new.qty.get(k) or old.counted.get(k) != new.counted.get(k)
                for k in area_keys]
    differs += [old.total != new.total, old.variance != new.variance, False, False, old.status != new.status]
    spans: list[tuple[int, int]] = []
    for column, changed in enumerate(differs):
        if not changed:
            continue
        if spans and spans[-1][1] == column - 1:
            spans[-1] = (spans[-1][0], column)
        else:
            spans.append((column, column))
    return spans


def find(order: list[int], i: int) -> int:
    try:
        return order.index(i) if i >= 0 else -1
    except ValueError:
        return -1
