"""The accuracy tables (cycle counting, issue 15) as files: inventory record accuracy per session,
shrinkage at cost by vendor, product type, area or counter, and the repeat offenders.

CSV: one section per table, a title row above its header and a blank row after it (UTF-8 with a
BOM, for Excel). XLSX: one sheet per table, bold frozen headers, number formats. Both written
atomically; text that Excel would take for a formula stays text (report_files.py).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..atomic import atomic_write
from ..stocktake.accuracy import Breakdown, Dimension, Offender, SessionAccuracy
from .report_files import INT, INT_FORMAT, MONEY, MONEY_FORMAT, TEXT, _money, _safe_text

PERCENT = "percent"
TITLES: dict[Dimension, str] = {"vendor": "Shrinkage by vendor", "type": "Shrinkage by product type",
                                "area": "Shrinkage by area", "counter": "Shrinkage by counter"}
KEYS: dict[Dimension, str] = {"vendor": "Vendor", "type": "Product type", "area": "Area", "counter": "Counter"}


@dataclass
class Table:
    title: str  # the CSV section's title and the XLSX sheet's name (at most 31 characters)
    headers: list[str]
    kinds: list[str]
    rows: list[list[Any]]


def tables(sessions: list[SessionAccuracy], breakdowns: Mapping[Dimension, list[Breakdown]],
           offenders: list[Offender], tolerance: str) -> list[Table]:
    """The tables an accuracy export holds, in order."""
    out = [Table(f"Accuracy per session (tolerance: {tolerance})",
                 ["Session", "Finalized at", "Lines counted", "Lines accurate", "IRA %", "Shrinkage at cost",
                  "Gain at cost"], [TEXT, TEXT, INT, INT, PERCENT, MONEY, MONEY],
                 [[s.session, s.at, s.lines, s.accurate, round(s.ira, 1), s.shrinkage, s.gain] for s in sessions])]
    for dimension, rows in breakdowns.items():
        out.append(Table(TITLES[dimension], [KEYS[dimension], "Lines counted", "Units lost", "Shrinkage at cost"],
                         [TEXT, INT, PERCENT, MONEY],
                         [[r.key, r.lines, round(r.units_lost, 2), r.shrinkage] for r in rows]))
    out.append(Table("Repeat offenders (outside the tolerance in 2 of their last 3 counts)",
                     ["SKU", "Product", "Vendor", "Variances of the last counts (oldest first)"],
                     [TEXT, TEXT, TEXT, TEXT],
                     [[o.item.sku or "", o.item.title, o.item.vendor, " ".join(f"{v:+d}" for v in o.variances)]
                      for o in offenders]))
    return out


def _csv_cell(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == MONEY:
        return _money(value if isinstance(value, Decimal) else Decimal(str(value)))
    if kind in (INT, PERCENT):
        return str(value)
    return _safe_text(str(value))


def write_accuracy_csv(sessions: list[SessionAccuracy], breakdowns: Mapping[Dimension, list[Breakdown]],
                       offenders: list[Offender], tolerance: str, path: str | os.PathLike[str]) -> None:
    with atomic_write(path, "w", shared=True, encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        for n, table in enumerate(tables(sessions, breakdowns, offenders, tolerance)):
            if n:
                w.writerow([])
            w.writerow([table.title])
            w.writerow(table.headers)
            for row in table.rows:
                w.writerow([_csv_cell(k, v) for k, v in zip(table.kinds, row)])
            if not table.rows:
                w.writerow(["None"])


def write_accuracy_xlsx(sessions: list[SessionAccuracy], breakdowns: Mapping[Dimension, list[Breakdown]],
                        offenders: list[Offender], tolerance: str, path: str | os.PathLike[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    wb = Workbook()
    wb.remove(wb.active)
    sheet_names = {"Accuracy per session": "Sessions", "Repeat offenders": "Repeat offenders"}
    for table in tables(sessions, breakdowns, offenders, tolerance):
        name = next((v for k, v in sheet_names.items() if table.title.startswith(k)), table.title)[:31]
        ws = wb.create_sheet(name)
        ws.cell(row=1, column=1, value=table.title).font = bold
        for j, header in enumerate(table.headers, 1):
            ws.cell(row=2, column=j, value=header).font = bold
            ws.column_dimensions[get_column_letter(j)].width = max(12, min(48, len(header) + 4))
        for i, row in enumerate(table.rows, 3):
            for j, (kind, value) in enumerate(zip(table.kinds, row), 1):
                cell = ws.cell(row=i, column=j)
                if value is None:
                    continue
                if kind == TEXT:
                    cell.value = str(value)
                    cell.data_type = "s"  # a leading "=" stays text
                else:
                    cell.value = value
                    cell.number_format = {MONEY: MONEY_FORMAT, INT: INT_FORMAT, PERCENT: "0.0#"}[kind]
        ws.freeze_panes = "A3"
    with atomic_write(path, "wb", shared=True) as f:
        wb.save(f)
