"""Shopify's inventory CSV (Products ▸ Inventory ▸ Export) applied to a `SeedCatalog`.

One row per variant and location: `Handle, Title, Option1 Name, Option1 Value … SKU, HS Code,
COO, Location, [Bin name,] Incoming, Unavailable, Committed, Available, On hand`. Newer exports
write `Incoming (not editable)` … `On hand (current)` and `On hand (new)`; both are read.
Rules from https://help.shopify.com/en/manual/products/inventory/getting-started-with-inventory/inventory-csv:
on hand is committed + unavailable + available; quantities are whole numbers, negative allowed;
`Not stocked` means the item is not stocked at that location (no inventory level); importing
`On hand (new)` sets on hand and moves available by the same amount; only the (variant, location)
pairs in the file change.

A row is matched to a catalog variant by Handle and option values, or by SKU when the handle is
blank. Every row that cannot be placed is listed with its line and reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .csv_text import CsvFileError, CsvRecord, CsvTable, Row, read_table
from .product_csv import DEFAULT_TITLE
from .seed import SeedCatalog, SeedLocation, SeedVariant

NOT_STOCKED = "not stocked"
_INTEGER = re.compile(r"[+-]?[0-9]+")
# Each quantity the file may give, and the header names Shopify has used for it (older first).
_QUANTITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "incoming": ("Incoming", "Incoming (not editable)"),
    "unavailable": ("Unavailable", "Unavailable (not editable)"),
    "committed": ("Committed", "Committed (not editable)"),
    "available": ("Available", "Available (not editable)"),
    "on_hand": ("On hand", "On hand (current)"),
    "on_hand_new": ("On hand (new)",),
}
KNOWN_COLUMNS = frozenset({
    "Handle", "Title", "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name",
    "Option3 Value", "SKU", "HS Code", "COO", "Location", "Bin name",
    *(name for names in _QUANTITY_COLUMNS.values() for name in names),
})
# The CSV gives unavailable stock as one sum; the simulator keeps it as `damaged`, the first of
# Shopify's unavailable states, so on_hand = available + committed + unavailable still holds.
UNAVAILABLE_AS = "damaged"


class _Refused(ValueError):
    """A row that cannot be placed; the message is the reason."""


_Cell = int | str | None  # a number, NOT_STOCKED, or None for blank


@dataclass
class _Level:
    """What one row says about one variant at one location (None: not stocked there)."""

    on_hand: int
    available: int
    committed: int
    unavailable: int
    incoming: int


class _Columns:
    def __init__(self, table: CsvTable) -> None:
        self.present = {key: next((n for n in names if table.has(n)), None)
                        for key, names in _QUANTITY_COLUMNS.items()}

    def cell(self, row: Row, key: str) -> _Cell:
        column = self.present[key]
        text = row[column] if column else ""
        if not text:
            return None
        if text.casefold() == NOT_STOCKED:
            return NOT_STOCKED
        if not _INTEGER.fullmatch(text):
            raise _Refused(f"{column} {text!r} is neither a whole number nor 'Not stocked'")
        return int(text)


def _level(columns: _Columns, row: Row) -> _Level | None:
    """The row's quantities, checked against each other; None for "not stocked here"."""
    cells = {key: columns.cell(row, key) for key in _QUANTITY_COLUMNS}
    new = cells.pop("on_hand_new")
    if new == NOT_STOCKED:
        return None
    for key in ("incoming", "unavailable", "committed"):
        value = cells[key]
        if isinstance(value, int) and value < 0:
            raise _Refused(f"{columns.present[key]} {value} cannot be negative")
    on_hand, available = cells["on_hand"], cells["available"]
    if on_hand == NOT_STOCKED or available == NOT_STOCKED:
        numbers = {k: v for k, v in cells.items() if isinstance(v, int) and v != 0}
        if numbers:
            names = ", ".join(f"{columns.present[k]} {v}" for k, v in numbers.items())
            raise _Refused(f"inconsistent quantities: 'Not stocked' beside {names}")
        if new is None:
            return None
        return _Level(int(new), int(new), 0, 0, 0)  # stocked now, by the import's On hand (new)
    committed = int(cells["committed"] or 0)
    unavailable = int(cells["unavailable"] or 0)
    incoming = int(cells["incoming"] or 0)
    held = committed + unavailable
    if on_hand is None and available is None and new is None:
        raise _Refused("no quantity: On hand and Available are both blank")
    if isinstance(on_hand, int) and isinstance(available, int) and on_hand != available + held:
        raise _Refused(f"inconsistent quantities: Available {available} + Committed {committed} + Unavailable "
                       f"{unavailable} = {available + held}, but On hand is {on_hand}")
    if on_hand is None and isinstance(available, int):
        on_hand = available + held
    if isinstance(new, int):
        on_hand = new  # the import sets on hand; available follows, the held parts stay
    assert isinstance(on_hand, int)
    return _Level(on_hand, on_hand - held, committed, unavailable, incoming)


class _VariantIndex:
    def __init__(self, catalog: SeedCatalog) -> None:
        self.by_handle = {p.handle: p for p in catalog.products}
        self.by_sku: dict[str, list[tuple[str, SeedVariant]]] = {}
        for product in catalog.products:
            for variant in product.variants:
                if variant.sku:
                    self.by_sku.setdefault(variant.sku, []).append((product.handle, variant))

    def find(self, row: Row) -> tuple[str, SeedVariant]:
        handle, sku = row["Handle"], row["SKU"]
        values = [row[f"Option{n} Value"] for n in (1, 2, 3)]
        values = [v for v in values if v]
        if handle:
            product = self.by_handle.get(handle)
            if product is None:
                raise _Refused(f"no product with the handle {handle!r} in the catalog")
            wanted = [v.casefold() for v in values] or [DEFAULT_TITLE.casefold()]
            variant = next((v for v in product.variants
                            if [value.casefold() for _, value in v.options] == wanted), None)
            if variant is None:
                known = ", ".join(repr(v.title) for v in product.variants)
                raise _Refused(f"product {handle!r} has no variant {' / '.join(values) or DEFAULT_TITLE!r} "
                               f"(its variants: {known})")
            if sku and sku != (variant.sku or ""):
                raise _Refused(f"SKU {sku!r} does not match variant {variant.title!r} of {handle!r}, whose SKU is "
                               f"{variant.sku or 'blank'!r}")
            return handle, variant
        if not sku:
            raise _Refused("neither a Handle nor a SKU to find the variant by")
        found = self.by_sku.get(sku, [])
        if not found:
            raise _Refused(f"no variant with the SKU {sku!r} in the catalog")
        if len(found) > 1:
            raise _Refused(f"the SKU {sku!r} belongs to {len(found)} variants; give the Handle and options")
        return found[0]


def _read(path: Path) -> CsvTable:
    table = read_table(path, KNOWN_COLUMNS)
    if not table.has("Location"):
        raise CsvFileError(f"{table.name} has no Location column in its first line (read as {table.described}): "
                           "it is not a Shopify inventory CSV.")
    if not (table.has("Handle") or table.has("SKU")):
        raise CsvFileError(f"{table.name} has neither a Handle nor a SKU column: its rows cannot be matched to "
                           "variants.")
    if not any(table.has(n) for key in ("on_hand", "available", "on_hand_new") for n in _QUANTITY_COLUMNS[key]):
        raise CsvFileError(f"{table.name} has no On hand or Available column: it holds no quantities.")
    return table


def apply_inventory_csvs(catalog: SeedCatalog, paths: list[Path]) -> None:
    """Set the catalog's stock per location from inventory CSVs, in place.

    Creates the locations the files name (matched to the catalog's by name, ignoring case). A
    location a product CSV only implied is dropped when the files do not name it. Rows that cannot
    be placed go to `catalog.problems`; one summary line per file goes to `catalog.summaries`."""
    if not paths:
        return
    index = _VariantIndex(catalog)
    spelled = {loc.name.casefold(): loc.name for loc in catalog.locations}
    seen: dict[tuple[int, str], tuple[str, int]] = {}  # (id of variant, location) -> (file, line) that set it
    named: dict[str, None] = {}  # locations the files name, in order of appearance
    placed_variants: set[int] = set()
    for path in paths:
        table = _read(Path(path))
        columns = _Columns(table)
        catalog.problems.extend(table.problems)
        placed, here = 0, set()
        for record in table.records:
            try:
                variant, location, level = _place(table, columns, index, record, spelled, seen)
            except _Refused as exc:
                catalog.problems.append(table.problem(record, str(exc)))
                continue
            except Exception as exc:  # noqa: BLE001  a bug here must cost one listed row, not the file
                catalog.problems.append(table.problem(record, f"could not be read ({type(exc).__name__}: {exc})"))
                continue
            named[location] = None
            here.add(location)
            placed_variants.add(id(variant))
            placed += 1
            if level is None:
                variant.on_hand.pop(location, None)
                variant.held.pop(location, None)
            else:
                variant.on_hand[location] = level.on_hand
                variant.held[location] = {"committed": level.committed, UNAVAILABLE_AS: level.unavailable,
                                          "incoming": level.incoming}
        catalog.summaries.append(f"{table.name}: {placed} inventory rows at {len(here)} locations "
                                 f"({table.described})")
    _settle_locations(catalog, list(named))
    nowhere = sum(1 for p in catalog.products for v in p.variants if id(v) not in placed_variants and not v.on_hand)
    if nowhere:
        catalog.summaries.append(f"{nowhere} variants of the catalog are in no inventory row and stocked nowhere")


def _place(table: CsvTable, columns: _Columns, index: _VariantIndex, record: CsvRecord, spelled: dict[str, str],
           seen: dict[tuple[int, str], tuple[str, int]]) -> tuple[SeedVariant, str, _Level | None]:
    row = table.row(record)
    if not row["Location"]:
        raise _Refused("no Location")
    # The catalog's spelling of a known location; a new one is spelled as its first row has it.
    location = spelled.setdefault(row["Location"].casefold(), row["Location"])
    handle, variant = index.find(row)
    level = _level(columns, row)
    key = (id(variant), location)
    if key in seen:
        source, line = seen[key]
        where = f"line {line}" if source == table.name else f"{source} line {line}"
        raise _Refused(f"variant {variant.title!r} of {handle!r} at {location!r} is already set by {where}")
    seen[key] = (table.name, record.line)
    return variant, location, level


def _settle_locations(catalog: SeedCatalog, named: list[str]) -> None:
    known = {loc.name for loc in catalog.locations}
    catalog.locations.extend(SeedLocation(name) for name in named if name not in known)
    dropped = {loc.name for loc in catalog.locations if loc.implied and loc.name not in named}
    if not dropped:
        return
    catalog.locations = [loc for loc in catalog.locations if loc.name not in dropped]
    for product in catalog.products:
        for variant in product.variants:
            for name in dropped:
                variant.on_hand.pop(name, None)
                variant.held.pop(name, None)
