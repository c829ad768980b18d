"""The session report of DESIGN.md section 7: every variant, totals, exceptions; CSV and XLSX.

`build_report` is pure (no shop, no files): the caller brings what it read (variants, costs,
drift, the apply results) and gets a `SessionReport` that both writers and the GUI render.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from ..atomic import atomic_write
from .models import ALERT_TAG_PREFIX, LOCATION_TAG_PREFIX, Area, SessionRecord, Settings, Status
from .snapshot import session_areas
from .variants import VariantRecord

CENT = Decimal("0.01")
NO_VENDOR = "(no vendor)"

EXCEPTION_LABELS = {
    "apply_failed": "Apply failed",
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


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts "Mug 2" before "Mug 10", as a person reading a list expects."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text.casefold())
                 if part)


def _area_tags(v: VariantRecord) -> list[str]:
    return [t for t in v.product_tags if t.startswith((LOCATION_TAG_PREFIX, ALERT_TAG_PREFIX))]


def build_report(session: SessionRecord, areas: list[Area], variants: list[VariantRecord], *, settings: Settings,
                 unit_costs: dict[str, Decimal] | None = None, moved: dict[str, int] | None = None,
                 applied: dict[str, int] | None = None, duplicates_met: list[str] | None = None,
                 apply_failures: list[tuple[str, str]] | None = None,
                 resets: list[str] | None = None) -> SessionReport:
    """The report of `session`. Dicts are keyed by variant gid (`unit_costs` also by inventory item
    gid); `apply_failures` are (variant gid or code, reason); `resets` are variant gids or codes."""
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
    lines.sort(key=lambda ln: _natural(ln.product_title))  # stable: a product's variants keep their order

    by_vendor: dict[str, Totals] = {}
    grand = Totals()
    for line in lines:
        by_vendor.setdefault(line.vendor or NO_VENDOR, Totals()).add(line)
        grand.add(line)
    by_vendor = dict(sorted(by_vendor.items(), key=lambda kv: kv[0].casefold()))

    return SessionReport(session, columns, lines, area_totals, by_vendor,
                         _exceptions(lines, used, variants, settings, duplicates_met or [], apply_failures or [],
                                     resets or []),
                         datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
                         session.blind, grand)


def _exceptions(lines: list[ReportLine], used: list[Area], variants: list[VariantRecord], settings: Settings,
                duplicates_met: list[str], apply_failures: list[tuple[str, str]],
                resets: list[str]) -> list[Exception_]:
    out: list[Exception_] = []
    names = {v.id: (v.sku or v.barcode or v.display_name) for v in variants}

    for subject, reason in apply_failures:
        out.append(Exception_("apply_failed", names.get(subject, subject), reason))
    for area in used:
        if not area.location_id:
            out.append(Exception_("unmapped_area", area.label,
                                  f"Area {area.key} is mapped to no location: its counts cannot be written to "
                                  "Shopify's inventory."))

    met = list(dict.fromkeys(c.strip() for c in duplicates_met if c and c.strip()))
    reported: set[str] = set()
    for attr, kind, label in (("sku", "duplicate_sku", "SKU"), ("barcode", "duplicate_barcode", "barcode")):
        groups: dict[str, list[ReportLine]] = {}
        for line in lines:
            code = getattr(line, attr)
            if code:
                groups.setdefault(code.casefold() if attr == "sku" else code, []).append(line)
        for group in sorted((g for g in groups.values() if len(g) > 1), key=lambda g: str(getattr(g[0], attr))):
            code = str(getattr(group[0], attr))
            seen = any(m == code or (attr == "sku" and m.casefold() == code.casefold()) for m in met)
            reported.add(code.casefold())
            out.append(Exception_(kind, code, f"{len(group)} variants share the {label} {code}: "
                                  + "; ".join(ln.display_name for ln in group[:5])
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


# -- the table both writers share --------------------------------------------------------------

INT, MONEY, TEXT = "int", "money", "text"


@dataclass
class _Column:
    header: str
    kind: str
    get: Callable[[ReportLine], Any]
    width: float  # XLSX character widths
    total: Callable[[SessionReport], Any] | None = None


def _columns(report: SessionReport) -> list[_Column]:
    def known_sum(attr: str) -> Callable[[SessionReport], int | None]:
        def total(r: SessionReport) -> int | None:
            values = [getattr(ln, attr) for ln in r.lines if getattr(ln, attr) is not None]
            return sum(values) if values else None
        return total

    cols = [
        _Column("Product", TEXT, lambda ln: ln.product_title, 36),
        _Column("Variant", TEXT, lambda ln: "" if ln.variant_title == "Default Title" else ln.variant_title, 20),
        _Column("Vendor", TEXT, lambda ln: ln.vendor, 18),
        _Column("SKU", TEXT, lambda ln: ln.sku or "", 16),
        _Column("Barcode", TEXT, lambda ln: ln.barcode or "", 16),
        _Column("Status", TEXT, lambda ln: ln.status, 12),
        _Column("Baseline", INT, lambda ln: ln.baseline, 10, known_sum("baseline")),
    ]
    taken = {c.header.casefold() for c in cols} | {"total", "variance", "unit cost", "variance value",
                                                   "moved since snapshot", "applied", "area tags", "alert",
                                                   "variant id"}
    for area in report.areas:
        header = area.label if area.label.casefold() not in taken else f"{area.label} ({area.key})"
        taken.add(header.casefold())
        cols.append(_Column(header, INT, lambda ln, k=area.key: ln.areas.get(k, 0), max(10, len(header) + 2),
                            lambda r, k=area.key: r.totals_by_area[k].units))
    cols += [
        _Column("Total", INT, lambda ln: ln.total, 9, lambda r: r.total.units),
        _Column("Variance", INT, lambda ln: ln.variance, 10, known_sum("variance")),
        _Column("Unit cost", MONEY, lambda ln: ln.unit_cost, 11),
        _Column("Variance value", MONEY, lambda ln: ln.variance_value, 15, lambda r: r.total.variance_value),
        _Column("Moved since snapshot", INT, lambda ln: ln.moved, 12, known_sum("moved")),
        _Column("Applied", INT, lambda ln: ln.applied, 10, known_sum("applied")),
        _Column("Area tags", TEXT, lambda ln: " ".join(ln.tags), 30),
        _Column("Alert", TEXT, lambda ln: "yes" if ln.alert else "", 8),
        _Column("Variant ID", TEXT, lambda ln: ln.variant_id, 34),
    ]
    return cols


def _money(value: Decimal | None) -> str:
    return "" if value is None else str(value.quantize(CENT))


def _safe_text(value: str) -> str:
    # A cell starting with = + - @ is a formula to Excel: a product titled "=HYPERLINK(…)" must stay text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


# -- CSV -----------------------------------------------------------------------------------------

def _csv_cell(col: _Column, value: Any) -> str:
    if value is None:
        return ""
    if col.kind == MONEY:
        return _money(value)
    if col.kind == INT:
        return str(value)
    return _safe_text(str(value))


def write_csv(report: SessionReport, path: str | os.PathLike[str]) -> None:
    """One row per line, a blank row, totals per area and per vendor, then the exceptions.
    UTF-8 with a BOM so Excel reads accents right; written atomically."""
    cols = _columns(report)
    with atomic_write(path, "w", shared=True, encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([c.header for c in cols])
        for line in report.lines:
            w.writerow([_csv_cell(c, c.get(line)) for c in cols])
        totals: list[str] = []
        for c in cols:
            value = c.total(report) if c.total else None
            totals.append(_csv_cell(c, value) if value is not None else "")
        totals[0] = "Total"
        w.writerow(totals)
        w.writerow([])
        s = report.session
        w.writerow(["Session", s.name, "State", s.state.value, "Generated at", report.generated_at,
                    "Blind count", "yes" if report.blind else "no"])
        w.writerow([])
        w.writerow(["Totals per area", "Area key", "Units counted", "Variants counted"])
        for key, t in report.totals_by_area.items():
            w.writerow([_safe_text(t.label), key, t.units, t.lines_counted])
        w.writerow([])
        w.writerow(["Totals per vendor", "Variants", "Units counted", "Variance units", "Variance value"])
        for vendor, t in report.totals_by_vendor.items():
            w.writerow([_safe_text(vendor), t.lines, t.units, t.variance, _money(t.variance_value)])
        g = report.total
        w.writerow(["All vendors", g.lines, g.units, g.variance, _money(g.variance_value)])
        w.writerow([])
        w.writerow(["Exceptions", "Subject", "Detail"])
        for e in report.exceptions:
            w.writerow([e.label, _safe_text(e.subject), _safe_text(e.detail)])
        if not report.exceptions:
            w.writerow(["None", "", ""])


# -- XLSX ----------------------------------------------------------------------------------------

INT_FORMAT = "0"
MONEY_FORMAT = "#,##0.00"


def write_xlsx(report: SessionReport, path: str | os.PathLike[str]) -> None:
    """Sheets Count (frozen bold header, autofilter, number formats, totals row), Totals and
    Exceptions. Blind sessions show everything too: a report is for the manager after the count."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE3EA")
    wb = Workbook()
    ws = wb.active
    ws.title = "Count"
    cols = _columns(report)

    def put(sheet: Any, row: int, col: int, value: Any, kind: str = TEXT) -> Any:
        cell = sheet.cell(row=row, column=col)
        if value is None or value == "":
            return cell
        if kind == TEXT:
            cell.value = str(value)
            cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
        else:
            cell.value = value
            cell.number_format = MONEY_FORMAT if kind == MONEY else INT_FORMAT
        return cell

    for j, c in enumerate(cols, 1):
        cell = put(ws, 1, j, c.header)
        cell.font, cell.fill = bold, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(j)].width = c.width
    for i, line in enumerate(report.lines, 2):
        for j, c in enumerate(cols, 1):
            put(ws, i, j, c.get(line), c.kind)
    last = len(report.lines) + 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{last}"
    # Values, not SUM formulas: openpyxl stores no cached results, and a reader that does not
    # recalculate (or a script reading the file back) would see nothing.
    total_row = last + 1
    put(ws, total_row, 1, "Total").font = bold
    for j, c in enumerate(cols, 1):
        if c.total:
            value = c.total(report)
            if value is not None:
                put(ws, total_row, j, value, c.kind).font = bold

    ts = wb.create_sheet("Totals")
    s = report.session
    info = [("Session", s.name), ("State", s.state.value), ("Generated at", report.generated_at),
            ("Blind count", "yes" if report.blind else "no")]
    row = 1
    for label, value in info:
        put(ts, row, 1, label).font = bold
        put(ts, row, 2, value)
        row += 1
    row += 1
    for j, h in enumerate(["Area", "Area key", "Units counted", "Variants counted"], 1):
        put(ts, row, j, h).font = bold
    for key, t in report.totals_by_area.items():
        row += 1
        put(ts, row, 1, t.label)
        put(ts, row, 2, key)
        put(ts, row, 3, t.units, INT)
        put(ts, row, 4, t.lines_counted, INT)
    row += 2
    for j, h in enumerate(["Vendor", "Variants", "Units counted", "Variance units", "Variance value"], 1):
        put(ts, row, j, h).font = bold
    for vendor, t in [*report.totals_by_vendor.items(), ("All vendors", report.total)]:
        row += 1
        cell = put(ts, row, 1, vendor)
        if t is report.total:
            cell.font = bold
        put(ts, row, 2, t.lines, INT)
        put(ts, row, 3, t.units, INT)
        put(ts, row, 4, t.variance, INT)
        put(ts, row, 5, t.variance_value, MONEY)
    for letter, width in zip("ABCDE", (28, 16, 14, 16, 16)):
        ts.column_dimensions[letter].width = width

    es = wb.create_sheet("Exceptions")
    for j, h in enumerate(["Kind", "Subject", "Detail"], 1):
        put(es, 1, j, h).font = bold
    for i, e in enumerate(report.exceptions, 2):
        put(es, i, 1, e.label)
        put(es, i, 2, e.subject)
        put(es, i, 3, e.detail)
    es.freeze_panes = "A2"
    for letter, width in zip("ABC", (30, 24, 90)):
        es.column_dimensions[letter].width = width

    with atomic_write(path, "wb", shared=True) as f:
        wb.save(f)
