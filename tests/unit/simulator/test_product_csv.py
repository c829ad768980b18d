"""The Shopify product CSV loader: what it takes, and that it never hides what it could not take.

The failure cases are the ones found with real catalogs: a European Excel re-save (';' and
Windows-1252), a workbook picked instead of the CSV, a file cut short, a duplicate option
combination, quantities that are no whole number.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from inventra_desktop.simulator.csv_text import CsvFileError
from inventra_desktop.simulator.product_csv import load_shopify_csv
from inventra_desktop.simulator.seed import SeedCatalog, SeedProduct, SeedVariant

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures"  # ../shared beside the clone
needs_fixtures = pytest.mark.skipif(
    not FIXTURES.is_dir(), reason=f"real Shopify CSV exports not available at {FIXTURES}"
)
HEADER = ["Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Option1 Name", "Option1 Value",
          "Option2 Name", "Option2 Value", "Variant SKU", "Variant Inventory Tracker", "Variant Inventory Qty",
          "Variant Price", "Cost per item", "Status"]


def _product(catalog: SeedCatalog, handle: str) -> SeedProduct:
    return next(p for p in catalog.products if p.handle == handle)


def _variants(catalog: SeedCatalog) -> list[SeedVariant]:
    return [v for p in catalog.products for v in p.variants]


def _rows(n_products: int) -> list[dict[str, str]]:
    """n products of two variants each, with multi-line HTML bodies like real exports."""
    rows = []
    for i in range(n_products):
        for j, size in enumerate(("S", "M")):
            rows.append({"Handle": f"shirt-{i:03d}", "Title": f"Shirt {i}" if j == 0 else "",
                         "Body (HTML)": f"<p>Soft cotton,\nshirt number {i}.</p>" if j == 0 else "",
                         "Vendor": "Nordwind" if j == 0 else "", "Option1 Name": "Size" if j == 0 else "",
                         "Option1 Value": size, "Variant SKU": f"SH-{i:03d}-{size}",
                         "Variant Inventory Tracker": "shopify", "Variant Inventory Qty": str(i % 7 + j),
                         "Variant Price": "19.90", "Cost per item": "7.25", "Status": "active" if j == 0 else ""})
    return rows


def _csv(rows: list[dict[str, str]], *, delimiter: str = ",", header: list[str] = HEADER) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, delimiter=delimiter, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _file(tmp_path: Path, content: str | bytes, name: str = "products.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _reasons(catalog: SeedCatalog) -> list[tuple[int, str]]:
    return [(p.line, p.reason) for p in catalog.problems]


# --------------------------------------------------------------------------- real exports


@needs_fixtures
@pytest.mark.parametrize(
    ("name", "products", "variants", "tracked"),
    [
        ("shopify-sample-apparel.csv", 20, 22, 0),
        ("shopify-sample-home-and-garden.csv", 20, 21, 1),
        ("shopify-sample-jewelery.csv", 20, 23, 0),
        ("theme-demo-default.csv", 18, 38, 0),
        ("theme-demo-glow.csv", 18, 30, 0),
    ],
)
def test_fixture_loads_whole_and_a_blank_tracker_means_not_tracked(
        name: str, products: int, variants: int, tracked: int) -> None:
    catalog = load_shopify_csv(FIXTURES / name)
    assert catalog.problems == []
    assert len(catalog.products) == products
    assert len(_variants(catalog)) == variants
    assert [loc.name for loc in catalog.locations] == ["Shop location"]
    assert len({p.handle for p in catalog.products}) == products
    for variant in _variants(catalog):
        assert set(variant.on_hand) == {"Shop location"}
    # These exports leave "Variant Inventory Tracker" blank (Shopify: not tracked) except one
    # row of home-and-garden, which says "shopify".
    assert sum(v.tracked for v in _variants(catalog)) == tracked
    assert catalog.summaries == [f"{name}: {products} products, {variants} variants (UTF-8, comma-separated)"]


@needs_fixtures
def test_the_one_shopify_tracker_row_is_the_tracked_variant() -> None:
    garden = load_shopify_csv(FIXTURES / "shopify-sample-home-and-garden.csv")
    [tracked] = [p.handle for p in garden.products for v in p.variants if v.tracked]
    assert tracked == "biodegradable-cardboard-pots"


@needs_fixtures
def test_continuation_rows_become_variants_of_their_product() -> None:
    catalog = load_shopify_csv(FIXTURES / "theme-demo-default.csv", location_name="Depot")
    candle = _product(catalog, "nordic-scented-candle")
    assert candle.title == "Nordic Scented Candle"
    assert candle.tags == ["home", "candles", "scented", "bestseller"]
    assert candle.status == "ACTIVE"
    assert [v.sku for v in candle.variants] == ["NH-CND-001", "NH-CND-002", "NH-CND-003"]
    assert [v.title for v in candle.variants] == ["Pine Forest", "Ocean Breeze", "Vanilla Cedar"]
    assert candle.variants[1].options == [("Scent", "Ocean Breeze")]
    assert [v.on_hand for v in candle.variants] == [{"Depot": 25}, {"Depot": 30}, {"Depot": 20}]
    assert candle.variants[0].price == "34.00" and candle.variants[0].unit_cost == "8.50"

    garden = load_shopify_csv(FIXTURES / "shopify-sample-home-and-garden.csv")
    pot = _product(garden, "clay-plant-pot")
    assert [(v.title, v.on_hand["Shop location"], v.price) for v in pot.variants] == [
        ("Regular", 1, "9.99"),
        ("Large", 3, "15.99"),
    ]
    assert pot.image_url and pot.image_url.endswith("single-sprout-in-a-pot_925x.jpg")
    assert pot.variants[0].image_url == pot.image_url  # first variant falls back to Image Src
    assert pot.variants[1].sku is None and pot.variants[1].barcode is None


@needs_fixtures
def test_image_only_rows_add_no_variant() -> None:
    catalog = load_shopify_csv(FIXTURES / "shopify-sample-jewelery.csv")
    anchor = _product(catalog, "leather-anchor")  # two variant rows and one image-only row
    assert [v.title for v in anchor.variants] == ["Gold", "Silver"]
    assert anchor.variants[1].image_url and "anchor-bracelet-for-men" in anchor.variants[1].image_url
    crane = _product(catalog, "origami-crane-necklace")  # one variant row and three image rows
    assert len(crane.variants) == 1
    assert crane.variants[0].title == "Default Title"
    assert crane.variants[0].options == [("Title", "Default Title")]


@needs_fixtures
def test_a_european_excel_resave_reads_like_the_original(tmp_path: Path) -> None:
    """';'-separated, Windows-1252, decimal commas: what Excel writes on a German or French PC."""
    original = load_shopify_csv(FIXTURES / "theme-demo-default.csv")
    with open(FIXTURES / "theme-demo-default.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = list(rows[0])
    for row in rows:
        for column in ("Variant Price", "Cost per item"):
            row[column] = row[column].replace(".", ",")
    resaved = _file(tmp_path, _csv(rows, delimiter=";", header=header).encode("cp1252"))
    catalog = load_shopify_csv(resaved)
    assert catalog.problems == []
    assert catalog.products == original.products
    assert "\ufffd" not in repr(catalog.products)
    assert catalog.summaries == ["products.csv: 18 products, 38 variants (Windows-1252, ';'-separated)"]


# --------------------------------------------------------------------------- encodings and delimiters


ACCENTED = [{"Handle": "kuehlschrank-magnet", "Title": "Kühlschrank-Magnet „Grüße“", "Option1 Name": "Farbe",
             "Option1 Value": "Rosé", "Variant SKU": "KM-ROSÉ", "Variant Inventory Tracker": "shopify",
             "Variant Inventory Qty": "3", "Variant Price": "4,50", "Status": "active"},
            {"Handle": "kuehlschrank-magnet", "Option1 Value": "Crème", "Variant SKU": "KM-CRÈME",
             "Variant Inventory Tracker": "shopify", "Variant Inventory Qty": "12", "Variant Price": "4,50"}]


@pytest.mark.parametrize(("encode", "delimiter", "described"), [
    (lambda t: t.encode("utf-8"), ";", "UTF-8, ';'-separated"),
    (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), ";", "UTF-8 with BOM, ';'-separated"),
    (lambda t: t.encode("cp1252"), ";", "Windows-1252, ';'-separated"),
    (lambda t: t.encode("utf-16"), "\t", "UTF-16, tab-separated"),  # Excel's "Unicode text"
    (lambda t: ("sep=;\r\n" + t).encode("cp1252"), ";", "Windows-1252, ';'-separated"),
], ids=["utf8", "utf8-bom", "cp1252", "utf16-tabs", "excel-sep-line"])
def test_accents_survive_every_encoding_excel_writes(tmp_path: Path, encode: Any, delimiter: str,
                                                     described: str) -> None:
    catalog = load_shopify_csv(_file(tmp_path, encode(_csv(ACCENTED, delimiter=delimiter))))
    assert catalog.problems == []
    [magnet] = catalog.products
    assert magnet.title == "Kühlschrank-Magnet „Grüße“"
    assert [(v.title, v.sku, v.price, v.on_hand) for v in magnet.variants] == [
        ("Rosé", "KM-ROSÉ", "4.50", {"Shop location": 3}), ("Crème", "KM-CRÈME", "4.50", {"Shop location": 12})]
    assert catalog.summaries == [f"products.csv: 1 products, 2 variants ({described})"]


def test_a_comma_file_keeps_commas_in_prices_a_problem(tmp_path: Path) -> None:
    """In a comma-separated file "4,50" can only be a shifted cell or a typo: refused, not guessed."""
    rows = [{**ACCENTED[0], "Variant Price": "4.50"}, {**ACCENTED[1], "Variant Price": "4;50"}]
    catalog = load_shopify_csv(_file(tmp_path, _csv(rows)))
    assert _reasons(catalog) == [(3, "Variant Price '4;50' is not a number")]


def test_reordered_and_oddly_cased_columns(tmp_path: Path) -> None:
    text = ("\ufeff variant price ,OPTION1 NAME,Option1 Value,Title,Handle,Variant SKU,Variant Barcode,"
            "Variant Inventory Qty,Tags,Published,Variant Inventory Tracker\r\n"
            "12.5,Size,Small,Café Mug,cafe-mug,CM-S,'4006381333931,7,\"mugs, , gift ,\",false,shopify\r\n"
            "12.5,,Large,,cafe-mug,CM-L,,,,,\r\n"
            ",,,,cafe-mug,,,,,,\r\n")
    catalog = load_shopify_csv(_file(tmp_path, text), location_name="Till")
    assert catalog.problems == []
    [mug] = catalog.products
    assert mug.title == "Café Mug" and mug.status == "ACTIVE" and mug.tags == ["mugs", "gift"]
    small, large = mug.variants
    assert small.options == [("Size", "Small")] and large.options == [("Size", "Large")]
    assert small.barcode == "4006381333931"  # the Excel-guard apostrophe is dropped
    assert small.price == "12.50" and small.unit_cost is None
    assert small.on_hand == {"Till": 7} and large.on_hand == {"Till": 0}  # blank quantity: 0
    assert small.tracked and not large.tracked  # a blank tracker: not tracked


# --------------------------------------------------------------------------- refused files


def test_an_xlsx_workbook_is_refused_with_a_sentence(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["mug", "Mug"])
    path = tmp_path / "products.xlsx"
    book.save(path)
    with pytest.raises(CsvFileError, match=r"products.xlsx is an Excel workbook .* save it as \"CSV UTF-8"):
        load_shopify_csv(path)
    renamed = _file(tmp_path, path.read_bytes(), "products.csv")  # the workbook renamed to .csv
    with pytest.raises(CsvFileError, match="products.csv is an Excel workbook"):
        load_shopify_csv(renamed)


@pytest.mark.parametrize(("content", "message"), [
    (bytes(range(256)) * 8, "not a text file"),
    (b"%PDF-1.7\n...", "is a PDF document"),
    (b"", "is empty"),
    (b"foo,bar\n1,2\n", "neither a Handle nor a Title column"),
], ids=["binary", "pdf", "empty", "not-a-product-csv"])
def test_files_that_are_no_product_csv_are_refused_whole(tmp_path: Path, content: bytes, message: str) -> None:
    with pytest.raises(CsvFileError, match=message):
        load_shopify_csv(_file(tmp_path, content))


# --------------------------------------------------------------------------- refused rows


def test_a_file_cut_mid_row_says_so_with_the_line(tmp_path: Path) -> None:
    whole = _csv(_rows(99))
    cut = whole[: whole.index("shirt-018,,") + 40]  # inside the 19th product's second row
    catalog = load_shopify_csv(_file(tmp_path, cut))
    assert len(catalog.products) == 19  # whatever came before the cut is there ...
    assert len(_product(catalog, "shirt-018").variants) == 1
    [(line, reason)] = _reasons(catalog)
    assert line == cut.count("\n") + 1  # the last, partial line
    assert reason.endswith("cells where the header has 16 columns: the row is cut short (an incomplete file?)")


def test_a_file_cut_inside_a_quoted_body_says_so(tmp_path: Path) -> None:
    whole = _csv(_rows(30))
    cut = whole[: whole.index("shirt number 12") + 5]
    catalog = load_shopify_csv(_file(tmp_path, cut))
    assert len(catalog.products) == 12
    [(line, reason)] = _reasons(catalog)
    assert line == cut[: cut.index("shirt-012")].count("\n") + 1
    assert reason == "the file ends inside a quoted cell: it looks cut short"


def test_quantities_that_are_no_whole_number_are_refused_not_rounded(tmp_path: Path) -> None:
    rows = _rows(4)
    rows[1]["Variant Inventory Qty"] = "2.5"
    rows[4]["Variant Inventory Qty"] = "lots"
    rows[6]["Variant Inventory Qty"] = "-3"  # oversold: Shopify allows negative stock
    rows[7]["Variant Inventory Qty"] = "5.0"
    catalog = load_shopify_csv(_file(tmp_path, _csv(rows)))
    # A product's first row spans two lines (its body has a line break): lines 2, 5, 8 … start products.
    assert _reasons(catalog) == [
        (4, "Variant Inventory Qty '2.5' is not a whole number"),
        (8, "Variant Inventory Qty 'lots' is not a whole number"),
        (10, "the first row of product 'shirt-002' (line 8) was refused"),
    ]
    assert [p.handle for p in catalog.products] == ["shirt-000", "shirt-001", "shirt-003"]
    assert [v.sku for v in _product(catalog, "shirt-000").variants] == ["SH-000-S"]
    assert [v.on_hand["Shop location"] for v in _product(catalog, "shirt-003").variants] == [-3, 5]


def test_a_duplicate_option_combination_is_refused_with_both_lines(tmp_path: Path) -> None:
    rows = _rows(2)
    rows.insert(2, {**rows[1], "Variant SKU": "SH-000-M2", "Option1 Value": "m"})  # same combination, other case
    catalog = load_shopify_csv(_file(tmp_path, _csv(rows)))
    assert _reasons(catalog) == [(5, "product 'shirt-000' already has the variant 'm' (line 4); each option "
                                     "combination may occur once")]
    assert [v.sku for v in _product(catalog, "shirt-000").variants] == ["SH-000-S", "SH-000-M"]


def test_trackers_status_prices_and_shifted_cells(tmp_path: Path) -> None:
    rows = _rows(6)
    rows[0]["Variant Inventory Tracker"] = "not tracked"
    rows[2]["Status"] = "weird"
    rows[4]["Cost per item"] = "n/a"
    rows[6]["Variant Inventory Tracker"] = "shipwire"  # a fulfilment service's handle: tracked
    rows[8]["Variant Inventory Tracker"] = ""
    text = _csv(rows).replace("Shirt 5,", "Shirt 5, with a comma,")  # an unquoted delimiter shifts the cells
    catalog = load_shopify_csv(_file(tmp_path, text))
    assert _reasons(catalog) == [
        (2, "Variant Inventory Tracker 'not tracked' is neither 'shopify' nor a fulfilment service's handle "
            "(leave it blank for not tracked)"),
        (4, "the first row of product 'shirt-000' (line 2) was refused"),
        (5, "Status 'weird' is not active, draft or archived"),
        (7, "the first row of product 'shirt-001' (line 5) was refused"),
        (8, "Cost per item 'n/a' is not a number"),
        (10, "the first row of product 'shirt-002' (line 8) was refused"),
        (17, "17 cells where the header has 16 columns: a value holds an unquoted ','"),
        (19, "product 'shirt-005' starts on this row but it has no Title (was its first row refused?)"),
    ]
    assert [p.handle for p in catalog.products] == ["shirt-003", "shirt-004"]
    assert [v.tracked for v in _product(catalog, "shirt-003").variants] == [True, True]
    assert [v.tracked for v in _product(catalog, "shirt-004").variants] == [False, True]


def test_rows_without_handle_or_title_are_listed_and_blank_lines_are_not(tmp_path: Path) -> None:
    text = "Handle,Title,Variant SKU\r\nfirst,First,A\r\n,,\r\n\r\n,,orphan-sku\r\nlast,Last,B\r\n"
    catalog = load_shopify_csv(_file(tmp_path, text))
    assert [p.handle for p in catalog.products] == ["first", "last"]
    assert _reasons(catalog) == [(5, "neither a Handle nor a Title")]
    assert str(catalog.problems[0]) == "products.csv line 5: neither a Handle nor a Title"


def test_a_bug_in_one_row_costs_that_row_listed_not_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from inventra_desktop.simulator import product_csv

    real = product_csv._ProductLoader._new_product

    def flaky(self: Any, row: Any, handle: str, line: int) -> None:
        if handle == "bad":
            raise KeyError("boom")
        real(self, row, handle, line)

    monkeypatch.setattr(product_csv._ProductLoader, "_new_product", flaky)
    catalog = load_shopify_csv(_file(tmp_path, "Handle,Title\nfirst,First\nbad,Bad\nlast,Last\n"))
    assert [p.handle for p in catalog.products] == ["first", "last"]
    assert _reasons(catalog) == [(3, "could not be read (KeyError: 'boom')")]


def test_tags_are_kept_as_shopify_keeps_them(tmp_path: Path) -> None:
    """Case variants are one tag (the first spelling stays), whitespace runs become one space,
    and a tag over 255 characters refuses its row."""
    text = ('Handle,Title,Tags\r\nmug,Mug,"Sale, SALE,  Winter   Sale ,Inventra-session-März,inventra-SESSION-MÄRZ"\r\n'
            f'cup,Cup,"ok, {"ä" * 256}"\r\n')
    catalog = load_shopify_csv(_file(tmp_path, text))
    assert catalog.products[0].tags == ["Sale", "Winter Sale", "Inventra-session-März"]
    assert _reasons(catalog) == [(3, f"the tag {'ä' * 30 + '…'!r} is longer than 255 characters")]
