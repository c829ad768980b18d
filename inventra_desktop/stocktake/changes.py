"""A change to one variant's stock-take metafields: what we knew of it (`Known`) in, what to
write (`NewState`) out. The rules that make such changes are pure; the gateway reads, applies
them and writes with the compare digest it read (gateway/variant_state.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from . import codec
from .counting import VariantState
from .models import Status, VariantCounts


@dataclass
class Known:
    """What we last read or wrote of a variant: its state and the digest of its `counts`."""

    state: VariantState
    digest: str | None
    problems: list[tuple[str, str]] = field(default_factory=list)
    at: float = field(default_factory=time.monotonic)  # when we learnt it


@dataclass
class NewState:
    counts: VariantCounts
    status: Status | None = None  # written when not None
    last_done: str | None = None  # written when not None
    current_qty: int | None = None  # written when not None

    def inputs(self, variant_id: str, digest: str | None) -> list[dict]:
        out = [codec.metafield_input(variant_id, codec.Keys.COUNTS, codec.encode_counts(self.counts), digest)]
        if self.status is not None:
            out.append(codec.metafield_input(variant_id, codec.Keys.STATUS, self.status.value))
        if self.last_done is not None:
            out.append(codec.metafield_input(variant_id, codec.Keys.LAST_DONE, self.last_done))
        if self.current_qty is not None:
            out.append(codec.metafield_input(variant_id, codec.Keys.CURRENT_QTY, str(self.current_qty)))
        return out


Change = Callable[[str, Known], NewState | None]  # None: nothing to write for this variant
