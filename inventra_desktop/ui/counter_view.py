"""What the counter shows for one variant, as plain values the controller fills in."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QPixmap


@dataclass
class CounterView:
    """Everything the counter shows for one variant; the controller fills it after each change."""

    variant_id: str
    title: str
    variant_title: str = ""
    sku: str = ""
    barcode: str = ""
    image: QPixmap | None = None
    areas: list[tuple[str, str]] = field(default_factory=list)  # (key, label), in display order
    qty: dict[str, int] = field(default_factory=dict)
    counted: dict[str, bool] = field(default_factory=dict)
    status: str = "pending"  # pending | in_progress | done | omitted | problem
    baseline: int | None = None  # None in a blind count: the expected quantity stays hidden
    position: str = ""  # "3 of 120"
    saved_state: str = "saved"  # saved | waiting | offline | error
    message: str | None = None  # a rejection or warning, in plain words
    last_counted: str | None = None  # ISO date of the last finalized count (cycle counting); None: unknown yet
    last_variance: int | None = None  # how far that count was off; None in a blind count or without one


MAX_QUANTITY_DIGITS = 6  # more digits than this from the keyboard is a scanned code, not a count
