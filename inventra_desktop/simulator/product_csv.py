"""Shopify's product CSV (Products ▸ Export) as a `SeedCatalog`, with every row it cannot take listed.

Column meanings follow Shopify's product CSV description
(https://help.shopify.com/en/manual/products/import-export/using-csv): rows are grouped by
Handle, the first row of a handle carries the product, continuation rows carry a variant (or only
an image); `Variant Inventory Tracker` is `shopify` or a fulfilment service's handle when the
variant is tracked and blank when it is not; `Variant Inventory Qty` is a whole number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .csv_text import CsvFileError, CsvRecord, CsvTable, Row, read_table
from .seed import SeedCatalog, SeedLocation, SeedProduct, SeedVariant
from .tags import MAX_TAG_LENGTH, MAX_TAGS_PER_PRODUCT, split_tags, tag_key

DEFAULT_TITLE = "Default Title"
_STATUSES = {"active": "ACTIVE", "draft": "DRAFT", "archived": "ARCHIVED"}
# What people type to mean "not tracked"; Shopify's CSV wants the cell blank for that.
_NEGATIVES = frozenset({"no", "none", "false", "0", "not tracked", "not_tracked", "untracked", "n", "nein"})
_SERVICE_HANDLE = re.compile(r"[a-z0-9][a-z0-9_-]*")
_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?", re.ASCII)
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+", re.ASCII)
KNOWN_COLUMNS = frozenset({
    "Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Published", "Status",
    "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value",
    "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty",
    "Variant Inventory Policy", "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price",
    "Variant Requires Shipping", "Variant Taxable", "Variant Barcode", "Image Src", "Image Position",
    "Image Alt Text", "Gift Card", "Variant Image", "Variant Weight Unit", "Cost per item",
})


class _Refused(ValueError):
    """A row the loader cannot take; the message is the reason."""


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _decimal(text: str, column: str, comma_decimals: bool) -> Decimal | None:
    """A money cell as a Decimal (None when blank). `comma_decimals`: "12,50" means 12.50, as
    in the ';'-separated files of locales that write a decimal comma."""
    text = text.strip()
    if not text:
        return None
    if comma_decimals and _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _Refused(f"{column} {text!r} is not a number") from None
    if not value.is_finite():
        raise _Refused(f"{column} {text!r} is not a number")
    return value


def _money(value: Decimal) -> str:
    """At least two decimals, as Shopify prints prices ("12.5" → "12.50")."""
    exponent = value.as_tuple().exponent
    return str(value.quantize(Decimal("0.01")) if isinstance(exponent, int) and exponent > -2 else value)


def whole_number(text: str, column: str) -> int:
    """A quantity cell: digits with an optional sign ("5.0" is 5); "2.5" or "lots" is refused."""
    text = text.strip()
    if not _WHOLE.fullmatch(text):
        raise _Refused(f"{column} {text!r} is not a whole number")
    return int(Decimal(text))


def _tracked(text: str) -> bool:
    value = text.strip().lower()
    if not value:
        return False  # Shopify: blank means the variant's inventory is not tracked
    if value == "shopify":
        return True
    if value in _NEGATIVES or not _SERVICE_HANDLE.fullmatch(value):
        raise _Refused(f"Variant Inventory Tracker {text.strip()!r} is neither 'shopify' nor a fulfilment "
                       "service's handle (leave it blank for not tracked)")
    return True  # a fulfilment service tracks it


def _barcode(text: str) -> str | None:
    # Exports edited in Excel often carry a leading apostrophe that kept the digits as text.
    text = text.strip().lstrip("'").strip()
    return text or None


@dataclass
class _Product:
    seed: SeedProduct
    line: int
    option_names: list[str]
    combinations: dict[tuple[str, ...], int] = field(default_factory=dict)  # option values -> line


class _ProductLoader:
    def __init__(self, table: CsvTable, location: str) -> None:
        self.table, self.location = table, location
        self.comma_decimals = table.delimiter != ","
        self.products: dict[str, _Product] = {}
        self.refused_handles: dict[str, int] = {}  # handle -> line of its refused first row

    def add(self, record: CsvRecord) -> None:
        row = self.table.row(record)
        handle = row["Handle"] or slug(row["Title"])
        if not handle:
            raise _Refused("neither a Handle nor a Title")
        if handle in self.refused_handles:
            raise _Refused(f"the first row of product {handle!r} (line {self.refused_handles[handle]}) was refused")
        product = self.products.get(handle)
        if product is None:
            if self.table.has("Title") and not row["Title"]:
                # Only a product's first row carries its Title: this is a continuation row whose
                # first row is missing or was refused at the CSV level (cut short, shifted cells).
                raise _Refused(f"product {handle!r} starts on this row but it has no Title (was its first row "
                               "refused?)")
            try:
                self._new_product(row, handle, record.line)
            except _Refused:
                self.refused_handles[handle] = record.line
                raise
            return
        # Continuation row: only variant fields count. Without option values or a SKU it is an
        # image-only row and adds no variant.
        if product.seed.image_url is None and row["Image Src"]:
            product.seed.image_url = row["Image Src"]
        if any(row[f"Option{n} Value"] for n in (1, 2, 3)) or row["Variant SKU"]:
            self._add_variant(product, row, record.line, first=False)

    def _new_product(self, row: Row, handle: str, line: int) -> None:
        status_text = row["Status"]
        status = _STATUSES.get(status_text.lower(), "ACTIVE" if not status_text else "")
        if not status:
            raise _Refused(f"Status {status_text!r} is not active, draft or archived")
        tags: dict[str, str] = {}
        for tag in split_tags([row["Tags"]]):
            if len(tag) > MAX_TAG_LENGTH:
                raise _Refused(f"the tag {tag[:30] + '…'!r} is longer than {MAX_TAG_LENGTH} characters")
            tags.setdefault(tag_key(tag), tag)  # Shopify keeps one of tags that differ only in case
        if len(tags) > MAX_TAGS_PER_PRODUCT:
            raise _Refused(f"{len(tags)} tags, more than the {MAX_TAGS_PER_PRODUCT} a product may have")
        seed = SeedProduct(
            handle=handle,
            title=row["Title"] or handle,
            vendor=row["Vendor"],
            product_type=row["Type"],
            tags=list(tags.values()),
            status=status,
            image_url=row["Image Src"] or None,
        )
        product = _Product(seed, line, [row[f"Option{n} Name"] for n in (1, 2, 3)])
        self._add_variant(product, row, line, first=True)
        self.products[handle] = product

    def _add_variant(self, product: _Product, row: Row, line: int, *, first: bool) -> None:
        options: list[tuple[str, str]] = []
        for n in (1, 2, 3):
            value = row[f"Option{n} Value"]
            if value:
                # The product's first row names the options; later rows usually leave names blank.
                name = product.option_names[n - 1] or row[f"Option{n} Name"]
                options.append((name or f"Option{n}", value))
        is_default = not options or (len(options) == 1 and options[0][1] == DEFAULT_TITLE)
        if not options:
            options = [("Title", DEFAULT_TITLE)]
        title = DEFAULT_TITLE if is_default else " / ".join(value for _, value in options)
        combination = tuple(value.casefold() for _, value in options)
        if combination in product.combinations:
            raise _Refused(f"product {product.seed.handle!r} already has the variant {title!r} (line "
                           f"{product.combinations[combination]}); each option combination may occur once")
        price = _decimal(row["Variant Price"], "Variant Price", self.comma_decimals)
        cost = _decimal(row["Cost per item"], "Cost per item", self.comma_decimals)
        qty_text = row["Variant Inventory Qty"]
        quantity = whole_number(qty_text, "Variant Inventory Qty") if qty_text else 0
        image = row["Variant Image"] or (row["Image Src"] if first else "")
        product.seed.variants.append(SeedVariant(
            title=title,
            options=options,
            sku=row["Variant SKU"] or None,
            barcode=_barcode(row["Variant Barcode"]),
            price=_money(price) if price is not None else "0.00",
            unit_cost=_money(cost) if cost is not None else None,
            tracked=_tracked(row["Variant Inventory Tracker"]),
            on_hand={self.location: quantity},
            image_url=image or None,
        ))
        product.combinations[combination] = line


def load_shopify_csv(path: str | Path, *, location_name: str = "Shop location") -> SeedCatalog:
    """Read a Shopify product CSV export into a catalog stocked at one location.

    Rows it cannot take are in `catalog.problems` (line and reason), never dropped silently;
    a file that is no CSV, or has neither a Handle nor a Title column, raises `CsvFileError`."""
    table = read_table(path, KNOWN_COLUMNS)
    if not (table.has("Handle") or table.has("Title")):
        raise CsvFileError(f"{table.name} has neither a Handle nor a Title column in its first line "
                           f"(read as {table.described}): it is not a Shopify product CSV.")
    loader = _ProductLoader(table, location_name)
    catalog = SeedCatalog(locations=[SeedLocation(location_name, implied=True)], problems=list(table.problems))
    for record in table.records:
        try:
            loader.add(record)
        except _Refused as exc:
            catalog.problems.append(table.problem(record, str(exc)))
        except Exception as exc:  # noqa: BLE001  a bug here must cost one listed row, not the file
            catalog.problems.append(table.problem(record, f"could not be read ({type(exc).__name__}: {exc})"))
    catalog.problems.sort(key=lambda p: p.line)
    catalog.products = [p.seed for p in loader.products.values()]
    variants = sum(len(p.variants) for p in catalog.products)
    catalog.summaries.append(f"{table.name}: {len(catalog.products)} products, {variants} variants "
                             f"({table.described})")
    return catalog
