"""Paper counts as people and spreadsheets write them (issue 12, items 3 and 4): thousands
separators read as the whole number they are or refused with the line, never shrunk; two rows
for one variant and area added up and listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import variant

from inventra_desktop.files.count_numbers import CountNotRead, read_count
from inventra_desktop.files.paper_counts import parse_paper_counts
from inventra_desktop.stocktake.taps import MAX_COUNT


@pytest.mark.parametrize(("raw", "delimiter", "count"), [
    # The field cases: a thousands separator read as the whole number.
    ("1,000", ",", 1000), ("1,250", ",", 1250), ("1.000", ";", 1000), ("1.250", ";", 1250),
    ("1 000", ",", 1000), ("1\u00a0000", ";", 1000), ("1\u202f000", "\t", 1000), ("1'000", ",", 1000),
    ("1\u2019000", ";", 1000), ("1,000,000", ",", 1_000_000), ("1.000.000", ";", 1_000_000),
    ("12,345", ",", 12345), ("1,00,000", ",", 100_000),  # the Indian lakh grouping
    # Whole numbers written with decimals stay what they are.
    ("5.0", ",", 5), ("5,00", ";", 5), ("5,00", ",", 5), ("5.0", "\t", 5), ("5.", ",", 5),
    ("1,000.00", ",", 1000), ("1.000,00", ";", 1000), ("1.000,00", ",", 1000), ("1 000,00", ";", 1000),
    # Plain numbers, signs, other digits and widths.
    ("7", ",", 7), ("+7", ";", 7), (" 007 ", ",", 7), ("0", "\t", 0), ("１２", ",", 12), ("٣٠", ";", 30),
    ("١٬٠٠٠", ",", 1000), ("1000000", ",", MAX_COUNT),
])
def test_counts_read_as_the_whole_number_they_are(raw: str, delimiter: str, count: int) -> None:
    assert read_count(raw, delimiter) == count


@pytest.mark.parametrize(("raw", "delimiter", "says"), [
    ("2,5", ";", "reads as 2.5"), ("2,5", ",", "reads as 2.5"), ("2.5", ",", "reads as 2.5"),
    ("0,5", "\t", "reads as 0.5"), ("1,000.5", ",", "reads as 1000.5"),
    # Two readings, and the file's convention would give the smaller: refused, never shrunk.
    ("1.000", ",", "1 or as 1000"), ("1,000", ";", "1 or as 1000"), ("1,000", "\t", "1 or as 1000"),
    ("1.000", "\t", "1 or as 1000"), ("1,250", ";", "1.25 or as 1250"), ("1.250", ",", "1.25 or as 1250"),
    # Separators not in the places of thousands, signs, words, sizes.
    ("1,2,3", ",", "not a whole number"), ("10,00,0", ",", "not a whole number"),
    ("1.000 000", ";", "not a whole number"), ("-3", ",", "0 or more"), ("\u22123", ";", "0 or more"),
    ("x", ",", "not a whole number"), ("five", ";", "not a whole number"), ("", ",", "No count"),
    ("1E+3", ",", "scientific notation"), ("2,5E+06", ";", "scientific notation"),
    ("1000001", ",", "at most 1,000,000"), ("2,000,000", ",", "at most 1,000,000"),
    ("2000000000", ";", "at most 1,000,000"),
])
def test_counts_refused_with_a_reason(raw: str, delimiter: str, says: str) -> None:
    with pytest.raises(CountNotRead, match=says.replace("+", r"\+").replace(".", r"\.")):
        read_count(raw, delimiter)


def variants() -> list:  # type: ignore[type-arg]
    return [variant(1, sku="MUG-1", barcode="012345678905"), variant(2, sku="MUG-2"), variant(3, sku="TENT")]


def parse(tmp_path: Path, text: str, area: str = "warehouse"):  # type: ignore[no-untyped-def]
    path = tmp_path / "paper.csv"
    path.write_text(text, encoding="utf-8")
    return parse_paper_counts(path, area=area, variants=variants())


def quantities(result) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {r.variant_id.rsplit("/", 1)[1]: r.quantity for r in result.rows}


def test_a_comma_file_reads_quoted_thousands(tmp_path: Path) -> None:
    result = parse(tmp_path, 'sku,count\nMUG-1,"1,000"\nMUG-2,"1,250"\nTENT,5.0\n')
    assert result.errors == []
    assert quantities(result) == {"1": 1000, "2": 1250, "3": 5}


def test_a_semicolon_file_reads_dots_as_thousands_and_refuses_fractions(tmp_path: Path) -> None:
    result = parse(tmp_path, "sku;count\nMUG-1;1.000\nMUG-2;5,00\nTENT;2,5\n")
    assert quantities(result) == {"1": 1000, "2": 5}
    assert [(line, code) for line, code, _ in result.errors] == [(4, "TENT")]
    assert "2.5" in result.errors[0][2]


def test_an_ambiguous_count_is_refused_with_its_line_and_nothing_shrinks(tmp_path: Path) -> None:
    result = parse(tmp_path, "sku,count\nMUG-1,1.000\nMUG-2,3\n")
    assert quantities(result) == {"2": 3}
    assert result.errors[0][0] == 2 and "1 or as 1000" in result.errors[0][2]


def test_two_rows_for_one_variant_and_area_are_summed(tmp_path: Path) -> None:
    # Two shelves of area SHELF-A (the field case), plus the same variant by barcode in its GTIN-13 form.
    text = ("sku,barcode,count,area\n"
            "MUG-1,,6,warehouse\n"
            "MUG-2,,2,showroom\n"
            "MUG-1,,4,warehouse\n"
            ",0012345678905,5,warehouse\n"
            "MUG-1,,3,showroom\n")
    result = parse(tmp_path, text)
    assert result.errors == []
    rows = {(r.variant_id.rsplit("/", 1)[1], r.area): r for r in result.rows}
    assert rows[("1", "warehouse")].quantity == 15 and rows[("1", "warehouse")].lines == [2, 4, 5]
    assert rows[("1", "showroom")].quantity == 3 and not rows[("1", "showroom")].summed
    assert [(r.title, r.area, r.parts) for r in result.summed] == [("Product 1 (MUG-1)", "warehouse", [6, 4, 5])]


def test_a_sum_above_the_limit_is_refused_whole(tmp_path: Path) -> None:
    result = parse(tmp_path, 'sku,count\nMUG-1,"600,000"\nMUG-1,"500,000"\nMUG-2,1\n')
    assert quantities(result) == {"2": 1}
    assert result.errors[0][0] == 2 and "1,100,000" in result.errors[0][2] and "Lines 2, 3" in result.errors[0][2]


def test_a_barcode_written_as_a_decimal_number_still_matches(tmp_path: Path) -> None:
    """pandas and some sheets write a numeric barcode column as 12345678905.0 (the leading zero lost too)."""
    result = parse(tmp_path, "barcode,count\n12345678905.0,3\n")
    assert result.errors == [] and quantities(result) == {"1": 3}


def test_a_row_whose_sku_and_barcode_name_different_items_is_refused(tmp_path: Path) -> None:
    result = parse(tmp_path, "sku,barcode,count\nMUG-2,012345678905,4\nMUG-1,0012345678905,2\nTENT,,1\n")
    assert quantities(result) == {"1": 2, "3": 1}  # the GTIN form of MUG-1's own barcode agrees
    assert [(line, code) for line, code, _ in result.errors] == [(2, "MUG-2")]
    assert "the barcode 012345678905 on the same row is not" in result.errors[0][2]


def test_a_count_column_given_twice_is_refused_not_guessed(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="the column 'count' more than once"):
        parse(tmp_path, "sku,count,count\nMUG-1,3,30\n")


def test_excels_unicode_text_is_read(tmp_path: Path) -> None:
    """Excel's "Unicode Text" export: UTF-16 with a byte-order mark, tab-separated."""
    path = tmp_path / "paper.txt"
    path.write_bytes("sku\tcount\nMUG-1\t1.000\nTENT\t7\n".encode("utf-16"))
    result = parse_paper_counts(path, area="warehouse", variants=variants())
    assert result.errors[0][0] == 2 and "1 or as 1000" in result.errors[0][2]  # a tab file: refused, not shrunk
    assert quantities(result) == {"3": 7}
