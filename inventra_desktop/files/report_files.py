"""The session report as files: CSV (UTF-8 with a BOM, for Excel) and XLSX, written atomically.

A line not counted yet says so in its Total cell and leaves Variance empty; an area nobody
counted is an empty cell, never 0 (stocktake/report.py). The exceptions that need action come
first; low-stock lines have a section (CSV) or sheet (XLSX) of their own."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..atomic import atomic_write
from ..stocktake.report import CENT, NOT_COUNTED, Exception_, ReportLine, SessionReport


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
        cols.append(_Column(header, INT, lambda ln, k=area.key: ln.areas.get(k), max(10, len(header) + 2),
                            lambda r, k=area.key: r.totals_by_area[k].units))
    cols += [
        _Column("Total", INT, lambda ln: NOT_COUNTED if ln.total is None else ln.total, 11, lambda r: r.total.units),
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
    if value is None:
        return ""
    try:
        return str(value.quantize(CENT))
    except InvalidOperation:  # a value no decimal holds to the cent: shown as it is, not a failed report
        return str(value)


def _safe_text(value: str) -> str:
    # A cell starting with = + - @ is a formula to Excel: a product titled "=HYPERLINK(…)" must stay text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


# -- CSV -----------------------------------------------------------------------------------------

def _csv_cell(col: _Column, value: Any) -> str:
    if value is None:
        return ""
    if col.kind == MONEY:
        return _money(value)
    if col.kind == INT and isinstance(value, int):
        return str(value)
    return _safe_text(str(value))


def _exception_rows(exceptions: list[Exception_]) -> list[list[str]]:
    return [[e.label, _safe_text(e.subject), _safe_text(e.detail)] for e in exceptions]


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
        w.writerow(["Totals per vendor", "Variants", "Units counted", "Variance units", "Variance value",
                    "Not counted"])
        for vendor, t in report.totals_by_vendor.items():
            w.writerow([_safe_text(vendor), t.lines, t.units, t.variance, _money(t.variance_value), t.not_counted])
        g = report.total
        w.writerow(["All vendors", g.lines, g.units, g.variance, _money(g.variance_value), g.not_counted])
        w.writerow([])
        w.writerow(["Exceptions", "Subject", "Detail"])
        w.writerows(_exception_rows(report.actions) or [["None", "", ""]])
        w.writerow([])
        w.writerow(["Low stock", "Subject", "Detail"])
        w.writerows(_exception_rows(report.low_stock) or [["None", "", ""]])


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
        if kind == TEXT or isinstance(value, str):
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
    for j, h in enumerate(["Vendor", "Variants", "Units counted", "Variance units", "Variance value",
                           "Not counted"], 1):
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
        put(ts, row, 6, t.not_counted, INT)
    for letter, width in zip("ABCDEF", (28, 16, 14, 16, 16, 12)):
        ts.column_dimensions[letter].width = width

    # What needs action on a sheet of its own; low stock (often hundreds of lines) on the next.
    for title, exceptions in (("Exceptions", report.actions), ("Low stock", report.low_stock)):
        es = wb.create_sheet(title)
        for j, h in enumerate(["Kind", "Subject", "Detail"], 1):
            put(es, 1, j, h).font = bold
        for i, e in enumerate(exceptions, 2):
            put(es, i, 1, e.label)
            put(es, i, 2, e.subject)
            put(es, i, 3, e.detail)
        es.freeze_panes = "A2"
        for letter, width in zip("ABC", (30, 24, 90)):
            es.column_dimensions[letter].width = width

    with atomic_write(path, "wb", shared=True) as f:
        wb.save(f)
