"""The stock-take's data as it lives in the shop (DESIGN.md section 3) and in the journal.

Pydantic models at the boundary: what we read from Shopify is validated here, and a value
someone edited by hand into nonsense becomes a `CodecError` for that one variant (codec.py).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

NAMESPACE = "inventra"
SESSION_TAG_PREFIX = "Inventra-session-"
LOCATION_TAG_PREFIX = "Inventra-locations-"
ALERT_TAG_PREFIX = "Inventra-alert-"
MAX_TAG_LENGTH = 255  # Shopify's limit for one product tag
MAX_QUANTITY = 1_000_000_000  # the most Shopify keeps in one inventory quantity (INVALID_QUANTITY_TOO_HIGH)
AREA_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def name_key(name: str) -> str:
    """What makes two session names the same: Shopify matches tags ignoring case, and "März"
    typed on two keyboards may arrive composed or decomposed."""
    return unicodedata.normalize("NFKC", name).casefold()


def find_session(records: list[SessionRecord], name: str) -> SessionRecord | None:
    """The session called `name` (case and Unicode form ignored): the open one, else the most
    recent of the released ones a name that was used again leaves as history."""
    key = name_key(name)
    named = [r for r in records if name_key(r.name) == key]
    return next((r for r in named if r.is_open), named[-1] if named else None)


class Status(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class SessionState(StrEnum):
    OPEN = "open"  # tagged, no snapshot yet
    SNAPSHOTTED = "snapshotted"  # counting
    FINALIZED = "finalized"
    APPLIED = "applied"
    RELEASED = "released"


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Area(_Model):
    """A storage area, mapped to the Shopify location whose stock it holds."""

    key: str
    label: str
    location_id: str | None = None
    standard: bool = True

    @field_validator("key")
    @classmethod
    def _key(cls, v: str) -> str:
        if not AREA_KEY.match(v):
            raise ValueError("an area key is lowercase letters, digits, '-' or '_' (at most 40)")
        return v


class Settings(_Model):
    review_threshold_units: int = 5
    review_threshold_percent: float = 20.0
    low_stock_threshold: int = 2
    blind_count_default: bool = False
    area_scan_prefix: str = "AREA:"
    # Cycle counting (stocktake/cycle.py): the Pareto split of annual consumption value into A, B and
    # C (shares of the total value), the days between counts per class, the sales window read, and
    # the tolerance within which a counted line is accurate (inventory record accuracy).
    abc_a_share: float = Field(default=0.80, gt=0, lt=1)
    abc_b_share: float = Field(default=0.95, gt=0, le=1)
    count_every_days: dict[str, int] = Field(default_factory=lambda: {"A": 30, "B": 90, "C": 180})
    sales_window_days: int = Field(default=90, ge=1, le=730)
    accuracy_tolerance_units: int = Field(default=0, ge=0)
    accuracy_tolerance_percent: float = Field(default=0.0, ge=0)

    @field_validator("count_every_days")
    @classmethod
    def _every(cls, v: dict[str, int]) -> dict[str, int]:
        if set(v) != {"A", "B", "C"} or any(days < 1 for days in v.values()):
            raise ValueError("count_every_days names A, B and C, each at least 1 day")
        return v

    @model_validator(mode="after")
    def _shares(self) -> Settings:
        if self.abc_a_share >= self.abc_b_share:  # else class B would be empty
            raise ValueError("abc_a_share must be below abc_b_share")
        return self


class SessionEvent(_Model):
    what: str  # created, snapshot, finalized, applied, reverted, released, review
    at: str
    by: str
    note: str | None = None


class SessionRecord(_Model):
    name: str
    state: SessionState = SessionState.OPEN
    product_ids: list[str] = Field(default_factory=list)
    query: str | None = None
    areas: list[str] | None = None  # area keys counted in this session; None: every area
    blind: bool = False
    created_at: str
    created_by: str
    snapshot_at: str | None = None
    uncounted_choice: Literal["zero", "omit"] | None = None
    # The choices of an apply once started (variant@location keys that keep the other way), so
    # that an interrupted apply resumes with the same calls; cleared by revert.
    apply_keep: Literal["difference", "counted"] | None = None
    apply_exceptions: list[str] = Field(default_factory=list)
    apply_failed: list[list[str]] = Field(default_factory=list)  # [variant gid, why] of the last apply's failures
    events: list[SessionEvent] = Field(default_factory=list)

    @property
    def tag(self) -> str:
        return SESSION_TAG_PREFIX + self.name

    @property
    def is_open(self) -> bool:
        return self.state != SessionState.RELEASED

    def event(self, what: str) -> SessionEvent | None:
        return next((e for e in reversed(self.events) if e.what == what), None)


class AreaCount(_Model):
    qty: int = 0
    counted: bool = False
    by: str | None = None
    at: str | None = None


WriteState = Literal["sent", "landed", "refused"]


class LineWrite(_Model):
    """One line of an apply run as it went to Shopify (kept in `counts.writes`, per location).

    Written before the call that carries it (write-ahead), so whichever PC resumes an interrupted
    apply or revert knows which call (idempotency `key`, place `index` in it) holds the line and
    can send that very call again (Shopify then answers with the first result and writes nothing
    twice), and which lines landed and must never be sent again.
    """

    run: int
    key: str
    index: int
    keep: Literal["difference", "counted"]
    delta: int  # what the line changes: `available` (difference) or `on_hand` (counted) moves by this
    quantity: int | None = None  # keep counted: the on_hand it sets
    change_from: int | None = None  # keep counted: the on_hand read just before (compare-and-set)
    state: WriteState = "sent"
    revert_key: str | None = None  # the revert call that undoes this line, once one was started
    revert_index: int | None = None
    revert_state: WriteState | None = None


class VariantCounts(_Model):
    """The `counts` metafield: one variant's working state in the current (or last) session."""

    session: str | None
    snapshot_at: str | None
    baseline: dict[str, int] = Field(default_factory=dict)  # location gid -> on_hand at snapshot
    areas: dict[str, AreaCount] = Field(default_factory=dict)
    omitted: bool = False
    ops: dict[str, int] = Field(default_factory=dict)  # device id -> last seq applied
    # What the last apply run wrote to Shopify, per location gid (so a revert can undo exactly that).
    applied: dict[str, int] = Field(default_factory=dict)
    applied_run: int | None = None
    writes: dict[str, LineWrite] = Field(default_factory=dict)  # location gid -> this run's line as sent

    @property
    def total(self) -> int:
        return sum(a.qty for a in self.areas.values())


class HistoryEntry(_Model):
    """One finalized count of a variant, kept in its `history` metafield (DESIGN.md section 3)."""

    session: str
    snapshot_at: str  # with `session`, what makes an entry the same count when finalize runs again
    at: str  # when the session was finalized
    baseline: int  # on hand at the snapshot, summed over the counted locations
    counted: int
    applied: int | None = None  # the change an apply wrote to Shopify, once applied
    by: list[str] = Field(default_factory=list)  # who counted (the devices' names)
    areas: dict[str, int] = Field(default_factory=dict)  # area key -> counted quantity
    counted_at: str | None = None  # the variant's last count in the session (counting speed)

    @property
    def variance(self) -> int:
        return self.counted - self.baseline


class OpKind(StrEnum):
    ADD = "add"
    SET = "set"
    COUNTED = "counted"
    DONE = "done"
    REOPEN = "reopen"


class CountOperation(_Model):
    """One tap, durable in the journal before the UI calls it saved (DESIGN.md section 5)."""

    op_id: str
    device_id: str
    seq: int
    session: str
    snapshot_at: str
    variant: str  # ProductVariant gid
    area: str | None = None  # None for done / reopen
    kind: OpKind
    value: int | None = None  # add: delta; set: quantity; counted: 1 or 0
    at: str
    sku: str | None = None  # for the journal export only
    sent: bool = False  # journal only: it went out in a delivery at least once (it may have landed)
