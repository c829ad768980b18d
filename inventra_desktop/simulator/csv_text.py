"""A merchant's CSV file as Shopify exports it and spreadsheet programs re-save it.

Shopify writes UTF-8 and commas. The same file saved by a European Excel comes back as
Windows-1252 with ';' between cells (the list separator of locales whose decimal mark is a
comma), sometimes with a `sep=;` first line; "CSV UTF-8" adds a byte-order mark; "Unicode
text" is UTF-16 with tabs. `read_table` takes all of these and says which it found. A file that
is no CSV text at all (a workbook, a PDF) is refused whole with a sentence (`CsvFileError`);
a record it cannot split into the header's columns becomes a `RowProblem` with its line.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field
from pathlib import Path

from .seed import RowProblem

# Header cells may hold long HTML bodies; csv's 128 KiB default limit is too small for real exports.
_FIELD_LIMIT = 16 * 1024 * 1024
_DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma-separated", ";": "';'-separated", "\t": "tab-separated", "|": "'|'-separated"}
# File signatures of things people pick by mistake instead of the CSV.
_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel workbook (.xls)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
_SAVE_AS_CSV = "open it in the spreadsheet program and save it as \"CSV UTF-8 (comma delimited)\", then load that file"
# C0 controls other than tab, LF and CR hardly occur in spreadsheet text (a stray one may): many mean binary.
_CONTROL = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r"}


class CsvFileError(ValueError):
    """The whole file cannot be read as CSV text; the message is one sentence naming it."""


@dataclass
class CsvRecord:
    line: int  # physical line where the record starts (a quoted cell may span several lines)
    cells: list[str]


@dataclass
class CsvTable:
    name: str
    encoding: str  # "UTF-8", "UTF-8 with BOM", "Windows-1252", "UTF-16"
    delimiter: str
    header: list[str]
    records: list[CsvRecord] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, name in enumerate(self.header):
            self._index.setdefault(_column_key(name), i)

    @property
    def described(self) -> str:
        """How the file was read, for the merchant: "Windows-1252, ';'-separated"."""
        return f"{self.encoding}, {_DELIMITER_NAMES[self.delimiter]}"

    def has(self, column: str) -> bool:
        return _column_key(column) in self._index

    def row(self, record: CsvRecord) -> Row:
        return Row(self._index, record.cells)

    def problem(self, record: CsvRecord | int, reason: str) -> RowProblem:
        line = record.line if isinstance(record, CsvRecord) else record
        return RowProblem(self.name, line, reason)


class Row:
    """Header-name access to one record: case- and space-insensitive, blank when the column is absent."""

    def __init__(self, index: dict[str, int], cells: list[str]) -> None:
        self._index, self._cells = index, cells

    def __getitem__(self, column: str) -> str:
        i = self._index.get(_column_key(column))
        return self._cells[i].strip() if i is not None and i < len(self._cells) else ""


@functools.lru_cache(maxsize=1024)  # asked for every cell read; a file has few distinct column names
def _column_key(name: str) -> str:
    return " ".join(name.split()).lower()


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """The file's text and the encoding's name; `CsvFileError` when it is not text.

    Valid UTF-8 is taken as UTF-8 (a Windows-1252 file with accents is almost never valid UTF-8);
    anything else must be Windows-1252, which Excel writes on Western European Windows."""
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            raise CsvFileError(f"{name} is {what}, not a CSV file: {_SAVE_AS_CSV}.")
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and b"\x00" in raw[:65536]:
        raise CsvFileError(f"{name} is not a text file (it holds binary data): {_SAVE_AS_CSV}.")
    if utf16:
        try:
            text, encoding = raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise CsvFileError(f"{name} starts like UTF-16 text but is not: {_SAVE_AS_CSV}.") from None
    elif raw.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = raw[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as exc:
            raise CsvFileError(f"{name} says it is UTF-8 but byte {exc.start + 3} is not: {_SAVE_AS_CSV}.") from None
    else:
        try:
            text, encoding = raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            try:
                text, encoding = raw.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError:
                raise CsvFileError(f"{name} is neither UTF-8 nor Windows-1252 text: {_SAVE_AS_CSV}.") from None
    sample = text[:65536]
    if "\x00" in sample or sum(c in _CONTROL for c in sample) > len(sample) // 100:
        raise CsvFileError(f"{name} is not a text file (it holds binary data): {_SAVE_AS_CSV}.")
    return text, encoding


def _first_record(text: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        return []


def _delimiter(text: str, known_columns: frozenset[str]) -> str:
    """The delimiter that splits the header into the most known column names (commas on a tie)."""
    def score(d: str) -> tuple[int, int]:
        cells = _first_record(text, d)
        return sum(_column_key(c) in known_columns for c in cells), len(cells)
    return max(_DELIMITERS, key=score)  # max() keeps the first of equals: "," wins ties


def read_table(path: str | Path, known_columns: set[str] | frozenset[str]) -> CsvTable:
    """Read `path` as a CSV table whose header should hold some of `known_columns`.

    Records that do not fit the header (too few cells: a file cut short; too many non-blank
    cells: an unquoted delimiter; broken quoting) are left out of `records` and listed in
    `problems`. Blank lines are skipped."""
    path = Path(path)
    name = path.name
    text, encoding = decode(path.read_bytes(), name)
    keys = frozenset(_column_key(c) for c in known_columns)
    first_line, _, rest = text.partition("\n")
    explicit = first_line.strip().lower()
    if explicit.startswith("sep=") and len(explicit) == 5:  # Excel's own "this file uses X" line
        delimiter, text, line_offset = first_line.strip()[4], rest, 1
    else:
        delimiter, line_offset = _delimiter(text, keys), 0
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    # strict: a quote in the wrong place or a file that ends inside a quoted cell is an error,
    # where the lenient reader would glue the rest of the file into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise CsvFileError(f"{name} is empty.") from None
    except csv.Error as exc:
        raise CsvFileError(f"{name}: the header line cannot be read ({exc}).") from None
    table = CsvTable(name, encoding, delimiter, [c.strip() for c in header])
    width = len(header)
    previous_end = reader.line_num
    while True:
        start = previous_end + 1 + line_offset
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            reason = ("the file ends inside a quoted cell: it looks cut short" if "end of data" in str(exc)
                      else f"the quoting is broken ({exc})")
            table.problems.append(table.problem(start, reason))
            previous_end = reader.line_num
            continue
        previous_end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < width:
            table.problems.append(table.problem(start, f"{len(cells)} cells where the header has {width} columns: "
                                                "the row is cut short (an incomplete file?)"))
            continue
        if any(cell.strip() for cell in cells[width:]):
            table.problems.append(table.problem(start, f"{len(cells)} cells where the header has {width} columns: "
                                                f"a value holds an unquoted {delimiter!r}"))
            continue
        table.records.append(CsvRecord(start, cells[:width]))
    return table
