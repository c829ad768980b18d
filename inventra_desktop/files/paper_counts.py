"""Counts written on paper and typed into a spreadsheet: a CSV read into `set` operations.

Every bad row becomes an error with its line number; only a file that is not a CSV of counts at
all raises. Numbers are read as count_numbers.py says (by the file's delimiter, never shrunk).
Rows for the same variant and area (two shelves of one area on two lines) are added up, and the
result lists each sum. The caller records each resulting row as a `set` through the journal.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..stocktake.lookup import CodeIndex, describe
from ..stocktake.models import Area
from ..stocktake.taps import MAX_COUNT
from ..stocktake.variant import VariantRecord
from .count_numbers import CountNotRead, read_count

CODE_COLUMNS = ("sku", "barcode", "code")
COUNT_COLUMNS = ("count", "qty", "quantity")
MAX_BYTES = 50 * 1024 * 1024  # a paper count of 10,000 lines is well under 1 MB
_FLOAT_CODE = re.compile(r"^\d{6,}\.0+$")
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")


@dataclass
class PaperRow:
    """One count to record: a variant in an area, the quantities of every row naming them added up."""

    variant_id: str
    area: str
    quantity: int
    line_number: int  # the first row naming this variant and area
    lines: list[int] = field(default_factory=list)  # every row added up into `quantity`
    parts: list[int] = field(default_factory=list)  # each row's quantity, in file order
    title: str = ""  # the variant as people read it (product – variant, SKU)

    @property
    def summed(self) -> bool:
        return len(self.lines) > 1


@dataclass
class PaperImport:
    rows: list[PaperRow] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line number, raw code, reason)

    @property
    def summed(self) -> list[PaperRow]:
        """The counts made of several rows (each listed in the import's summary)."""
        return [row for row in self.rows if row.summed]


def _read_text(path: Path) -> str:
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB, too big for a CSV of counts.")
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode Text": UTF-16 with its mark, tab-separated
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError(f"{path.name} says it is UTF-16 text but cannot be read as such.") from None
    if b"\x00" in data[:8192] or data[:4] == b"PK\x03\x04":
        raise ValueError(f"{path.name} is not a CSV file (save the spreadsheet as CSV first).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV (comma delimited)" in the ANSI code page.
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    # Excel in most of Europe separates with ';' (the decimal comma takes ','): the header row,
    # which holds no numbers, tells which one this file uses.
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return max((",", ";", "\t"), key=lambda d: (first.count(d), d == ","))


def _session_of(variants: list[VariantRecord]) -> str | None:
    names = Counter(v.counts.session for v in variants if v.counts and v.counts.session)
    return names.most_common(1)[0][0] if names else None


def parse_paper_counts(path: str | os.PathLike[str], *, area: str, variants: list[VariantRecord],
                       areas: list[Area] | None = None, session: str | None = None) -> PaperImport:
    """Read `path` (a header row with a `sku`, `barcode` or `code` column and a `count`, `qty` or
    `quantity` column; an optional `area` column overrides `area` per row).

    `variants` are the session's variants; `session` defaults to the session their counts belong
    to. With `areas`, a row's area may be a key or a label and an unknown one is an error."""
    p = Path(path)
    text = _read_text(p)
    if not text.strip():
        raise ValueError(f"{p.name} is empty.")
    delimiter = _delimiter(text)  # also what tells a decimal mark from a thousands separator
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ValueError(f"{p.name} is not a readable CSV file ({exc}).") from None
    names = [h.strip().strip("\ufeff").casefold() for h in header]

    def column(*wanted: str) -> int | None:
        return next((names.index(w) for w in wanted if w in names), None)

    twice = [n for n in dict.fromkeys(names) if n and names.count(n) > 1 and n in (*CODE_COLUMNS, *COUNT_COLUMNS, "area")]
    if twice:  # which of two count columns holds the count? guessing could take the wrong one
        raise ValueError(f"{p.name} has the column {twice[0]!r} more than once; keep one and import again.")
    sku_col, barcode_col, code_col = column("sku"), column("barcode"), column("code")
    count_col = column(*COUNT_COLUMNS)
    area_col = column("area")
    if (sku_col is None and barcode_col is None and code_col is None) or count_col is None:
        raise ValueError(f"{p.name} needs a header row with a code column (sku, barcode or code) and a count column "
                         f"(count, qty or quantity); it has: {', '.join(h.strip() for h in header) or 'nothing'}.")

    session_name = session if session is not None else _session_of(variants)
    area_keys: dict[str, str] | None = None
    if areas is not None:
        area_keys = {a.key.casefold(): a.key for a in areas} | {a.label.casefold(): a.key for a in areas}
        if area and area.casefold() not in area_keys:
            raise ValueError(f"There is no area {area!r}; the areas are {', '.join(a.key for a in areas)}.")
        area = area_keys.get(area.casefold(), area) if area else area

    index = CodeIndex(variants)

    def find(kind: str, code: str) -> list[VariantRecord]:
        return index.find(code, "any" if kind == "code" else kind)  # type: ignore[arg-type]

    result = PaperImport()
    kept: dict[tuple[str, str], PaperRow] = {}
    previous_line = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append((previous_line + 1, "", f"Unreadable row ({exc})."))
            previous_line = reader.line_num
            continue
        line = previous_line + 1  # where the row starts (a quoted cell may span lines)
        previous_line = reader.line_num
        if not any(c.strip() for c in cells):
            continue

        def cell(index: int | None) -> str:
            return cells[index].strip() if index is not None and index < len(cells) else ""

        kind, code = "code", ""
        for k, idx in (("sku", sku_col), ("barcode", barcode_col), ("code", code_col)):
            if cell(idx):
                kind, code = k, cell(idx)
                break
        raw_count = cell(count_col)
        row_area = cell(area_col) or area
        if not code:
            result.errors.append((line, "", "No SKU or barcode on this row."))
            continue
        if kind != "sku" and _FLOAT_CODE.match(code):  # a barcode a script or sheet wrote as a decimal: 12345678905.0
            code = code.split(".", 1)[0]
        if _SCIENTIFIC.match(code):
            result.errors.append((line, code, "The spreadsheet turned this code into a number in scientific notation "
                                              "and lost digits; format the column as text and export again."))
            continue
        hits = find(kind, code)
        if not hits:
            result.errors.append((line, code, f"No variant of this session has the {kind} {code}."))
            continue
        if len(hits) > 1:
            result.errors.append((line, code, f"{len(hits)} variants share the {kind} {code}: "
                                  + "; ".join(describe(v) for v in hits[:5]) + (" …" if len(hits) > 5 else "")
                                  + ". Enter this count by hand."))
            continue
        variant = hits[0]
        others = [(k, cell(idx)) for k, idx in (("sku", sku_col), ("barcode", barcode_col), ("code", code_col))
                  if k != kind and cell(idx)]
        disagree = [(k, c) for k, c in others if variant.id not in {v.id for v in find(k, c)}]
        if disagree:  # a row's codes must name one item: which did the counter mean?
            k, c = disagree[0]
            result.errors.append((line, code, f"The {kind} {code} is {variant.display_name}, but the {k} {c} on the "
                                              "same row is not: fix the row and import again."))
            continue
        try:
            quantity = read_count(raw_count, delimiter)
        except CountNotRead as exc:
            result.errors.append((line, code, str(exc)))
            continue
        if session_name is None or not variant.takes_part(session_name):
            why = "it is omitted" if variant.omit or (variant.counts and variant.counts.omitted) else \
                "it is a bundle (its components are counted)" if variant.bundle_parent else \
                "it was not snapshotted for it"
            result.errors.append((line, code, f"{variant.display_name} is not counted in this session: {why}."))
            continue
        if not row_area:
            result.errors.append((line, code, "No area: give one for the import or in an area column."))
            continue
        if area_keys is not None:
            if row_area.casefold() not in area_keys:
                result.errors.append((line, code, f"There is no area {row_area!r}."))
                continue
            row_area = area_keys[row_area.casefold()]
        key = (variant.id, row_area)
        if key not in kept:  # two shelves of one area on two rows: their counts add up
            title = variant.display_name + (f" ({variant.sku})" if variant.sku else "")
            kept[key] = PaperRow(variant.id, row_area, 0, line, title=title)
        row = kept[key]
        row.quantity += quantity
        row.lines.append(line)
        row.parts.append(quantity)
    for row in list(kept.values()):
        if row.quantity > MAX_COUNT:
            del kept[(row.variant_id, row.area)]
            result.errors.append((row.line_number, row.title, f"Lines {', '.join(map(str, row.lines))} add up to "
                                  f"{row.quantity:,} for {row.title} in {row.area}, more than one area can hold "
                                  f"in a count (at most {MAX_COUNT:,}); nothing was recorded for it."))
    result.rows = sorted(kept.values(), key=lambda r: r.line_number)
    result.errors.sort(key=lambda e: e[0])
    return result
