"""The session report of DESIGN.md section 7: every variant, totals, exceptions.

`build_report` is pure (no shop, no files): the caller brings what it read (variants, costs,
drift, the apply results) and gets a `SessionReport` that the file writers (files/report_files.py)
and the GUI render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal

from .areas import session_areas
from .lookup import CodeIndex
from .models import ALERT_TAG_PREFIX, LOCATION_TAG_PREFIX, Area, SessionRecord, Settings, Status
from .variant import VariantRecord

CENT = Decimal("0.01")
NO_VENDOR = "(no vendor)"

EXCEPTION_LABELS = {
    "refused": "Count refused at delivery",
    "apply_failed": "Not written by apply",
    "unmapped_area": "Area mapped to no location",
    "duplicate_sku": "Duplicate SKU",
    "duplicate_barcode": "Duplicate barcode",
    "duplicate_met": "Duplicate code met while counting",
    "metafield_problem": "Unreadable metafield",
    "reset": "Variant reset",
    "low_stock": "Low stock",
}


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
    areas: dict[str, int]  # area key -> counted quantity
    total: int
    variance: int | None  # total - baseline
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


@dataclass
class Exception_:
    """One line of the exceptions list (DESIGN.md section 7)."""

    kind: str  # a key of EXCEPTION_LABELS
    subject: str
    detail: str

    @property
    def label(self) -> str:
        return EXCEPTION_LABELS.get(self.kind, self.kind)


@dataclass
class AreaTotals:
    label: str
    units: int = 0
    lines_counted: int = 0  # variants with this area marked counted


@dataclass
class Totals:
    lines: int = 0
    units: int = 0  # units counted
    variance: int = 0  # sum of the known variances
    variance_value: Decimal | None = None  # None: no cost known for any line

    def add(self, line: ReportLine) -> None:
        self.lines += 1
        self.units += line.total
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


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts "Mug 2" before "Mug 10", as a person reading a list expects."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text.casefold())
                 if part)


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
                    columns.append(by_key.get(key) or Area(key=key, label=key, standard=True))
                    keys.add(key)
    standard = {a.key: a.standard for a in columns}
    costs = unit_costs or {}

    lines: list[ReportLine] = []
    area_totals = {a.key: AreaTotals(a.label) for a in columns}
    for v in variants:
        if not v.takes_part(name) or v.counts is None:
            continue
        c = v.counts
        qty = {a.key: (c.areas[a.key].qty if a.key in c.areas else 0) for a in columns}
        total = c.total
        baseline = sum(c.baseline.values()) if c.baseline else v.current_qty
        variance = None if baseline is None else total - baseline
        cost = costs.get(v.id, costs.get(v.inventory_item_id))
        cost = None if cost is None else Decimal(cost)
        value = None if cost is None or variance is None else (cost * variance).quantize(CENT)
        tags = _area_tags(v)
        alert = any(t.startswith(ALERT_TAG_PREFIX) for t in tags) or any(
            q > 0 and not standard.get(key, True) for key, q in qty.items())
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
                              + (". Met while counting." if seen else ".")))
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
        # A pending line has not been counted yet: its 0 says nothing about the shelf.
        if line.status != Status.PENDING.value and line.total < threshold:
            out.append(Exception_("low_stock", line.subject,
                                  f"{line.display_name}: {line.total} counted, below the low-stock threshold of "
                                  f"{threshold}."))
    return out
