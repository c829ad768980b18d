"""The session report of DESIGN.md section 7: every variant, totals, exceptions.

`build_report` is pure (no shop, no files): the caller brings what it read (variants, costs,
drift, the apply results) and gets a `SessionReport` that the file writers (files/report_files.py)
and the GUI render.

Not counted is not zero (issue 12): before finalize, a line none of whose areas was counted has
no total and no variance and stays out of every variance total; an area not marked counted has
no quantity (None), whatever the state. After finalize a line is done or omitted, so its total is
what apply writes. The exceptions list puts what needs action first; low stock comes last and
the files give it a section (CSV) or sheet (XLSX) of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation

from .areas import session_areas
from .lookup import CodeIndex
from .models import (
    ALERT_TAG_PREFIX,
    LOCATION_TAG_PREFIX,
    Area,
    AreaCount,
    SessionRecord,
    SessionState,
    Settings,
    Status,
)
from .variant import VariantRecord

CENT = Decimal("0.01")
NO_VENDOR = "(no vendor)"

# In the order the exceptions list shows them: what needs action first (a scan that counted
# nothing, stock Shopify does not have right, counts that cannot be written), low stock last.
EXCEPTION_LABELS = {
    "duplicate_met": "Duplicate code met while counting",
    "apply_failed": "Not written by apply",
    "refused": "Count refused at delivery",
    "unmapped_area": "Area mapped to no location",
    "reset": "Variant reset",
    "metafield_problem": "Unreadable metafield",
    "duplicate_sku": "Duplicate SKU",
    "duplicate_barcode": "Duplicate barcode",
    "low_stock": "Low stock",
}
_ORDER = {kind: i for i, kind in enumerate(EXCEPTION_LABELS)}
NOT_COUNTED = "not counted"
BEFORE_FINALIZE = (SessionState.OPEN, SessionState.SNAPSHOTTED)


@dataclass
class ReportLine:
    """One variant taking part in the session."""

    variant_id: str
    product_title: str
    variant_title: str
    vendor: str
    sku: str | None
    barcode: str | None
    baseline: int | None  # on_hand at the snapshot, summed over the mapped locations
    areas: dict[str, int | None]  # area key -> counted quantity; None: the area is not counted
    total: int | None  # None: not counted yet (before finalize, no area counted)
    variance: int | None  # total - baseline; None when either is unknown
    unit_cost: Decimal | None
    variance_value: Decimal | None
    moved: int | None  # on_hand now - baseline, summed over locations; None when unknown
    applied: int | None  # the change written to Shopify
    status: str
    tags: list[str] = field(default_factory=list)  # Inventra-locations-* / Inventra-alert-* of the product
    alert: bool = False

    @property
    def display_name(self) -> str:
        return self.product_title if self.variant_title == "Default Title" else \
            f"{self.product_title} – {self.variant_title}"

    @property
    def subject(self) -> str:
        return self.sku or self.barcode or self.display_name

    @property
    def counted(self) -> bool:
        return self.total is not None


@dataclass
class Exception_:
    """One line of the exceptions list (DESIGN.md section 7)."""

    kind: str  # a key of EXCEPTION_LABELS
    subject: str
    detail: str
    met: bool = False  # a duplicate code a scan met while counting: first in the list

    @property
    def rank(self) -> int:
        return _ORDER["duplicate_met"] if self.met else _ORDER.get(self.kind, len(_ORDER))

    @property
    def label(self) -> str:
        return EXCEPTION_LABELS.get(self.kind, self.kind)

    @property
    def needs_action(self) -> bool:
        return self.kind != "low_stock"


@dataclass
class AreaTotals:
    label: str
    units: int = 0
    lines_counted: int = 0  # variants with this area marked counted


@dataclass
class Totals:
    lines: int = 0
    units: int = 0  # units counted
    variance: int = 0  # sum of the known variances (lines not counted have none)
    variance_value: Decimal | None = None  # None: no cost known for any line
    not_counted: int = 0  # lines with no count yet

    def add(self, line: ReportLine) -> None:
        self.lines += 1
        self.units += line.total or 0
        self.not_counted += int(not line.counted)
        self.variance += line.variance or 0
        if line.variance_value is not None:
            self.variance_value = (self.variance_value or Decimal(0)) + line.variance_value


@dataclass
class SessionReport:
    session: SessionRecord
    areas: list[Area]  # the columns: the session's areas (plus any unknown key met in the counts)
    lines: list[ReportLine]
    totals_by_area: dict[str, AreaTotals]
    totals_by_vendor: dict[str, Totals]
    exceptions: list[Exception_]
    generated_at: str
    blind: bool
    total: Totals = field(default_factory=Totals)

    @property
    def actions(self) -> list[Exception_]:
        """The exceptions that need someone to act, most pressing first."""
        return [e for e in self.exceptions if e.needs_action]

    @property
    def low_stock(self) -> list[Exception_]:
        return [e for e in self.exceptions if not e.needs_action]


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts "Mug 2" before "Mug 10", as a person reading a list expects."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text.casefold())
                 if part)


def _area_qty(count: AreaCount | None) -> int | None:
    """An area's quantity on the report: None (an empty cell) when nobody counted it."""
    if count is None or (not count.counted and count.qty == 0):
        return None
    return count.qty


def _value(cost: Decimal, units: int) -> Decimal | None:
    """Units at cost in cents; None when a hand-typed cost makes it no amount (NaN, or more digits
    than a decimal holds): a missing value, never a report that cannot be written."""
    try:
        value = (cost * units).quantize(CENT)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _area_tags(v: VariantRecord) -> list[str]:
    return [t for t in v.product_tags if t.startswith((LOCATION_TAG_PREFIX, ALERT_TAG_PREFIX))]


def build_report(session: SessionRecord, areas: list[Area], variants: list[VariantRecord], *, settings: Settings,
                 unit_costs: dict[str, Decimal] | None = None, moved: dict[str, int] | None = None,
                 applied: dict[str, int] | None = None, duplicates_met: list[str] | None = None,
                 apply_failures: list[tuple[str, str]] | None = None,
                 refused: list[tuple[str, str]] | None = None,
                 resets: list[str] | None = None) -> SessionReport:
    """The report of `session`. Dicts are keyed by variant gid (`unit_costs` also by inventory item
    gid); `apply_failures` are the lines the last apply could not write and `refused` the counts the
    shop refused at delivery, each (variant gid or code, reason); `resets` are variant gids or codes;
    `duplicates_met` are codes a scan found on several variants."""
    name = session.name
    used = session_areas(session, areas)
    columns = list(used)
    keys = {a.key for a in columns}
    by_key = {a.key: a for a in areas}
    for v in variants:  # a count in an area the session does not list (or the shop no longer has)
        if v.takes_part(name) and v.counts:
            for key, count in v.counts.areas.items():
                if key not in keys and (count.qty or count.counted):
                    # not validated: a report shows whatever key the shop holds, it never refuses to be written
                    columns.append(by_key.get(key) or Area.model_construct(key=key, label=key, location_id=None,
                                                                           standard=True))
                    keys.add(key)
    standard = {a.key: a.standard for a in columns}
    costs = unit_costs or {}
    counting = session.state in BEFORE_FINALIZE

    lines: list[ReportLine] = []
    area_totals = {a.key: AreaTotals(a.label) for a in columns}
    for v in variants:
        if not v.takes_part(name) or v.counts is None:
            continue
        c = v.counts
        qty = {a.key: _area_qty(c.areas.get(a.key)) for a in columns}
        # Not counted yet: no area counted, nothing entered, not marked done (a done line counts 0).
        unknown = counting and v.status is not Status.DONE and all(q is None for q in qty.values()) and not c.total
        total = None if unknown else c.total
        baseline = sum(c.baseline.values()) if c.baseline else v.current_qty
        variance = None if baseline is None or total is None else total - baseline
        cost = costs.get(v.id, costs.get(v.inventory_item_id))
        cost = None if cost is None else Decimal(cost)
        value = None if cost is None or variance is None else _value(cost, variance)
        tags = _area_tags(v)
        alert = any(t.startswith(ALERT_TAG_PREFIX) for t in tags) or any(
            (q or 0) > 0 and not standard.get(key, True) for key, q in qty.items())
        line = ReportLine(v.id, v.product_title, v.title, v.vendor, v.sku, v.barcode, baseline, qty, total, variance,
                          cost, value, None if moved is None else moved.get(v.id),
                          None if applied is None else applied.get(v.id), (v.status or Status.PENDING).value, tags,
                          alert)
        lines.append(line)
        for key, area in c.areas.items():
            if key in area_totals:
                area_totals[key].units += area.qty
                area_totals[key].lines_counted += int(area.counted)
    lines.sort(key=lambda ln: natural_key(ln.product_title))  # stable: a product's variants keep their order

    by_vendor: dict[str, Totals] = {}
    grand = Totals()
    for line in lines:
        by_vendor.setdefault(line.vendor or NO_VENDOR, Totals()).add(line)
        grand.add(line)
    by_vendor = dict(sorted(by_vendor.items(), key=lambda kv: kv[0].casefold()))

    return SessionReport(session, columns, lines, area_totals, by_vendor,
                         _exceptions(lines, used, variants, settings, duplicates_met or [], apply_failures or [],
                                     refused or [], resets or []),
                         datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
                         session.blind, grand)


def _exceptions(lines: list[ReportLine], used: list[Area], variants: list[VariantRecord], settings: Settings,
                duplicates_met: list[str], apply_failures: list[tuple[str, str]],
                refused: list[tuple[str, str]], resets: list[str]) -> list[Exception_]:
    out: list[Exception_] = []
    names = {v.id: (v.sku or v.barcode or v.display_name) for v in variants}

    for subject, reason in refused:
        out.append(Exception_("refused", names.get(subject, subject), reason))
    for subject, reason in apply_failures:
        out.append(Exception_("apply_failed", names.get(subject, subject), reason))
    for area in used:
        if not area.location_id:
            out.append(Exception_("unmapped_area", area.label,
                                  f"Area {area.key} is mapped to no location: its counts cannot be written to "
                                  "Shopify's inventory."))

    met = list(dict.fromkeys(c.strip() for c in duplicates_met if c and c.strip()))
    taking = {line.variant_id for line in lines}
    index = CodeIndex(v for v in variants if v.id in taking)
    reported: set[str] = set()
    for kind, code, group in index.duplicates():
        label = "barcode" if kind == "barcode" else "SKU"
        forms = {(v.barcode or "") if kind == "barcode" else (v.sku or "").casefold() for v in group}
        seen = [m for m in met if any(v.id in {h.id for h in group} for v in index.find(m, kind))]  # type: ignore[arg-type]
        reported.update(m.casefold() for m in seen)
        reported.update(f.casefold() for f in forms)
        out.append(Exception_(f"duplicate_{kind}", code, f"{len(group)} variants share the {label} {code}: "
                              + "; ".join(v.display_name for v in group[:5])
                              + (" …" if len(group) > 5 else "")
                              + (". Met while counting." if seen else "."), met=bool(seen)))
    for code in met:
        if code.casefold() not in reported:
            out.append(Exception_("duplicate_met", code,
                                  f"The code {code} was scanned while counting and matched several variants; "
                                  "nothing was counted for that scan."))

    for v in variants:
        for key, reason in v.problems:
            out.append(Exception_("metafield_problem", v.sku or v.barcode or v.display_name,
                                  f"{v.display_name}: the {key} metafield cannot be read ({reason})."))
    for subject in dict.fromkeys(resets):
        out.append(Exception_("reset", names.get(subject, subject),
                              "A hand-edited stock-take metafield was reset during this session."))

    threshold = settings.low_stock_threshold
    for line in lines:
        # A line not counted yet (or still pending): its 0 says nothing about the shelf.
        if line.total is not None and line.status != Status.PENDING.value and line.total < threshold:
            out.append(Exception_("low_stock", line.subject,
                                  f"{line.display_name}: {line.total} counted, below the low-stock threshold of "
                                  f"{threshold}."))
    return sorted(out, key=lambda e: e.rank)  # stable: each kind keeps its order
