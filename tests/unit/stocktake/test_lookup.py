"""The one lookup: a scanned or typed code to the variant it means (stocktake/lookup.py)."""

from __future__ import annotations

from inventra_desktop.stocktake.lookup import CodeIndex, gtin_key, interpret_scan, match_code, misread
from inventra_desktop.stocktake.models import Area, AreaCount, VariantCounts
from inventra_desktop.stocktake.variant import VariantRecord


def record(n: int, sku: str | None, barcode: str | None, omitted: bool = False) -> VariantRecord:
    return VariantRecord(id=f"gid://shopify/ProductVariant/{n}", product_id="p", product_title=f"P{n}", vendor="",
                         title="Default Title", sku=sku, barcode=barcode, product_tags=[], inventory_item_id="i",
                         tracked=True, bundle_parent=False, on_hand={},
                         counts=VariantCounts(session="S", snapshot_at="x", areas={"showroom": AreaCount()},
                                              omitted=omitted))


AREAS = [Area(key="showroom", label="Showroom"), Area(key="garage", label="Garage", standard=False)]


def scan(code: str, rows: list[VariantRecord]):  # type: ignore[no-untyped-def]
    return interpret_scan(code, CodeIndex(rows), AREAS, session="S")


def test_scans_find_one_variant_switch_areas_and_refuse_unknown_or_shared_codes() -> None:
    rows = [record(1, "A-1", "111"), record(2, "B-2", "222"), record(3, "C-3", "222"), record(4, "D-4", "444", True)]
    assert scan("111", rows).variant_id == rows[0].id
    assert scan("b-2", rows).variant_id == rows[1].id  # SKU, any case
    assert scan("AREA:garage", rows).area == "garage"
    assert scan("area:Garage", rows).area == "garage"  # the prefix and the label in any case
    unknown = scan("999", rows)
    assert unknown.kind == "unknown" and "Nothing was counted" in unknown.sentence()
    shared = scan("222", rows)
    assert shared.kind == "ambiguous" and len(shared.candidates) == 2 and "B-2" in shared.sentence()
    assert scan("444", rows).kind == "not_counted"
    assert scan("AREA:attic", rows).kind == "unknown"


def test_one_gtin_in_every_form_finds_its_variant() -> None:
    upc = record(1, "MUG", "012345678905")  # UPC-A as printed on the label
    ean8 = record(2, "PEN", "96385074")
    rows = [upc, ean8, record(3, "X", "ABC-12")]
    for form in ("012345678905", "0012345678905", "00012345678905", "12345678905"):  # UPC-A, EAN-13, GTIN-14, zeros lost
        assert scan(form, rows).variant_id == upc.id, form
    assert scan("0000096385074", rows).variant_id == ean8.id  # EAN-8 padded to EAN-13
    assert scan("abc-12", rows).kind == "unknown"  # a non-GTIN barcode matches exactly (case counts)
    assert scan("ABC-12", rows).variant_id == rows[2].id


def test_two_variants_whose_barcodes_are_one_gtin_are_ambiguous_in_every_form() -> None:
    a, b = record(1, "A", "012345678905"), record(2, "B", "0012345678905")
    for code in ("012345678905", "0012345678905", "12345678905", "00012345678905"):
        result = scan(code, [a, b])
        assert result.kind == "ambiguous" and len(result.candidates) == 2, code  # never a silent guess
    duplicates = CodeIndex([a, b]).duplicates()
    assert [(kind, len(group)) for kind, _, group in duplicates] == [("barcode", 2)]


def test_a_wrong_check_digit_is_named_a_misread() -> None:
    rows = [record(1, "MUG", "012345678905")]
    result = scan("012345678906", rows)
    assert result.kind == "misread" and "check digit" in result.sentence() and "Nothing was counted" in result.sentence()
    assert misread("4006381333932") and not misread("4006381333931")  # EAN-13: 1 is its check digit
    assert not misread("ABC") and not misread("12345")  # no GTIN claimed
    assert gtin_key("0012345678905") == gtin_key("012345678905") == "12345678905"
    assert gtin_key("12345") is None


def test_sku_lookups_ignore_case_and_barcode_lookups_skip_skus() -> None:
    rows = [record(1, "Shelf-A", None), record(2, "X", "SHELF-A")]
    index = CodeIndex(rows)
    assert [v.id for v in index.find("shelf-a", "sku")] == [rows[0].id]
    assert [v.id for v in index.find("SHELF-A", "barcode")] == [rows[1].id]
    assert match_code("SHELF-A", index, session="S").variant_id == rows[1].id  # barcode first, as a scan


def test_gtins_typed_with_group_spaces_or_through_an_input_method_are_the_same_gtin() -> None:
    """Merchants type the groups printed under a barcode (`0 12345 67890 5`, `4-006381-33393-1`);
    a scanner behind a Japanese input method types full-width digits."""
    spaced, hyphened = record(1, "MUG", "0 12345 67890 5"), record(2, "PEN", "4-006381-33393-1")
    rows = [spaced, hyphened]
    for form in ("012345678905", "0012345678905", "０１２３４５６７８９０５", "0 12345 67890 5"):
        assert scan(form, rows).variant_id == spaced.id, form
    assert scan("4006381333931", rows).variant_id == hyphened.id
    assert scan("４００６３８１３３３９３２", rows).kind == "misread"  # full width, wrong check digit
    assert gtin_key("0 12345 67890 5") == gtin_key("012345678905")
    assert gtin_key("A-12345") is None and not misread("1234-5678")  # a part number, no GTIN claimed
