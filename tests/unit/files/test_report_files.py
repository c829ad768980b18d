"""Reports, count sheets and paper counts, without a shop: files written and read back."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from builders import AREAS, LOC1, LOC2, SNAP, session, twenty, variant  # noqa: F401

from inventra_desktop.files.count_sheet import _sheet_rows, write_count_sheet
from inventra_desktop.files.fonts import FontChain
from inventra_desktop.files.paper_counts import parse_paper_counts
from inventra_desktop.files.report_files import write_csv, write_xlsx
from inventra_desktop.stocktake.models import (
    Settings,
    Status,
)
from inventra_desktop.stocktake.report import build_report
from inventra_desktop.stocktake.variant import VariantRecord


def report_of(vs: list[VariantRecord] | None = None):  # type: ignore[no-untyped-def]
    vs = vs if vs is not None else twenty()
    return build_report(session(), AREAS, vs, settings=Settings(low_stock_threshold=2),
                        unit_costs={"gid://shopify/ProductVariant/1": Decimal("2.50"),
                                    "gid://shopify/InventoryItem/17": Decimal("10")},
                        moved={"gid://shopify/ProductVariant/1": -1}, applied={"gid://shopify/ProductVariant/1": 2},
                        duplicates_met=["999", "ABC-OUTSIDE"],
                        apply_failures=[("gid://shopify/ProductVariant/2", "Not stocked at Warehouse.")],
                        resets=["gid://shopify/ProductVariant/3"])


# -- the report ----------------------------------------------------------------------------------

def test_build_report_lines_totals_and_exceptions() -> None:
    report = report_of()
    assert len(report.lines) == 20
    line = next(ln for ln in report.lines if ln.variant_id.endswith("/1"))
    assert (line.baseline, line.areas, line.total, line.variance) == \
        (6, {"showroom": 5, "warehouse": 3, "garage": None}, 8, 2)  # nobody counted the garage: no 0 there
    assert line.unit_cost == Decimal("2.50") and line.variance_value == Decimal("5.00")
    assert (line.moved, line.applied, line.status) == (-1, 2, "done")
    assert line.tags == ["Inventra-locations-showroom", "Inventra-alert-garage"] and line.alert
    by_item_cost = next(ln for ln in report.lines if ln.variant_id.endswith("/17"))
    assert by_item_cost.variance_value == Decimal("-20.00")  # cost found by inventory item id
    assert next(ln for ln in report.lines if ln.variant_id.endswith("/19")).alert  # stock in the garage
    assert next(ln for ln in report.lines if ln.variant_id.endswith("/2")).moved is None

    assert report.totals_by_area["garage"].units == 4 and report.totals_by_area["garage"].lines_counted == 1
    assert report.total.units == sum(ln.total for ln in report.lines)
    zeta = report.totals_by_vendor["Zeta"]
    assert (zeta.lines, zeta.units, zeta.variance, zeta.variance_value) == (4, 8, 2, Decimal("-20.00"))
    assert list(report.totals_by_vendor) == ["Acme", "Bolt & Co", "Zeta"]

    kinds = {(e.kind, e.subject) for e in report.exceptions}
    assert ("apply_failed", "SKU-2") in kinds
    assert ("unmapped_area", "Garage") in kinds
    assert ("duplicate_sku", "DUP") in kinds
    dup_barcode = next(e for e in report.exceptions if e.kind == "duplicate_barcode")
    assert dup_barcode.subject == "999" and "Met while counting" in dup_barcode.detail
    assert ("duplicate_met", "ABC-OUTSIDE") in kinds
    assert ("metafield_problem", "SKU-23") in kinds
    assert ("reset", "SKU-3") in kinds
    low = {e.subject for e in report.exceptions if e.kind == "low_stock"}
    assert low == {"DUP"}  # 1 counted; the pending variant at 0 has not been counted


def test_csv_reads_back(tmp_path: Path) -> None:
    report = report_of()
    path = tmp_path / "out" / "S1.csv"
    write_csv(report, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    assert not list(path.parent.glob("*.tmp"))
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    total_at = next(i for i, r in enumerate(rows) if r["Product"] == "Total")
    lines, total = rows[:total_at], rows[total_at]
    assert len(lines) == 20
    mug = next(r for r in lines if r["Variant ID"].endswith("/1"))
    assert (mug["Product"], mug["Variant"], mug["Baseline"], mug["Showroom"], mug["Warehouse"], mug["Total"],
            mug["Variance"], mug["Unit cost"], mug["Variance value"], mug["Moved since snapshot"],
            mug["Applied"], mug["Alert"]) == ("Mug", "Red / L", "6", "5", "3", "8", "2", "2.50", "5.00", "-1", "2",
                                              "yes")
    assert mug["Area tags"] == "Inventra-locations-showroom Inventra-alert-garage"
    assert int(total["Total"]) == sum(int(r["Total"]) for r in lines) == report.total.units
    assert int(total["Garage"]) == 4 and total["Variance value"] == "-15.00"
    # A title that Excel would run as a formula is quoted as text.
    assert any(r["Product"].startswith("'=HYPERLINK") for r in lines)

    plain = [r for r in csv.reader(raw.decode("utf-8-sig").splitlines()) if r]
    firsts = [r[0] for r in plain]
    for heading in ("Totals per area", "Totals per vendor", "All vendors", "Exceptions"):
        assert heading in firsts
    vendor_rows = {r[0]: r for r in plain if r[0] in ("Acme", "Bolt & Co", "Zeta")}
    assert vendor_rows["Zeta"][1:5] == ["4", "8", "2", "-20.00"]
    exceptions = plain[firsts.index("Exceptions") + 1:firsts.index("Low stock")]
    labels = [r[0] for r in exceptions]
    assert set(labels) == {"Not written by apply", "Area mapped to no location", "Duplicate SKU", "Duplicate barcode",
                           "Duplicate code met while counting", "Unreadable metafield", "Variant reset"}
    # What needs action first: the codes scans met (999 is a duplicate barcode), then lines not written.
    assert labels[:3] == ["Duplicate barcode", "Duplicate code met while counting", "Not written by apply"]
    assert labels[-1] == "Duplicate SKU"  # never met: fix the catalog when there is time
    assert len(exceptions) == len(report.actions)
    low = plain[firsts.index("Low stock") + 1:]
    assert [r[:2] for r in low] == [["Low stock", "DUP"]]


def test_xlsx_reads_back(tmp_path: Path) -> None:
    import openpyxl
    report = report_of()
    path = tmp_path / "S1.xlsx"
    write_xlsx(report, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Count", "Totals", "Exceptions", "Low stock"]
    ws = wb["Count"]
    header = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(header)}
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}21"
    assert ws.column_dimensions["A"].width > 20
    mug_row = next(r for r in range(2, 22) if ws.cell(r, col["Variant ID"]).value.endswith("/1"))
    assert ws.cell(mug_row, col["Variance"]).value == 2
    assert ws.cell(mug_row, col["Variance"]).number_format == "0"
    assert ws.cell(mug_row, col["Variance value"]).value == 5
    assert ws.cell(mug_row, col["Variance value"]).number_format == "#,##0.00"
    assert ws.cell(mug_row, col["Unit cost"]).number_format == "#,##0.00"
    formula_like = next(r for r in range(2, 22) if str(ws.cell(r, 1).value).startswith("=HYPERLINK"))
    assert ws.cell(formula_like, 1).data_type == "s"  # stored as text, never as a formula
    totals = 22
    assert ws.cell(totals, 1).value == "Total" and ws.cell(totals, 1).font.bold
    assert ws.cell(totals, col["Total"]).value == report.total.units
    assert ws.cell(totals, col["Garage"]).value == 4
    assert float(ws.cell(totals, col["Variance value"]).value) == -15.0

    values = [[c.value for c in row] for row in wb["Totals"].iter_rows()]
    assert ["Zeta", 4, 8, 2, -20, 0] == [float(v) if isinstance(v, Decimal) else v for v in
                                            next(r for r in values if r[0] == "Zeta")]
    assert next(r for r in values if r[0] == "Garage")[:4] == ["Garage", "garage", 4, 1]
    ex = wb["Exceptions"]
    assert [c.value for c in ex[1]] == ["Kind", "Subject", "Detail"]
    assert ex.max_row == 1 + len(report.actions)
    assert [c.value for c in wb["Low stock"]["B"]] == ["Subject", "DUP"]


def test_report_columns_follow_the_session_areas() -> None:
    only_two = session(areas=["showroom", "warehouse"])
    vs = [variant(1, showroom=1), variant(2, warehouse=2, garage=3)]  # garage is not counted in this session
    report = build_report(only_two, AREAS, vs, settings=Settings())
    assert [a.key for a in report.areas] == ["showroom", "warehouse", "garage"]  # a count there still shows
    assert report.lines[1].areas == {"showroom": 0, "warehouse": 2, "garage": 3}
    assert not any(e.kind == "unmapped_area" for e in report.exceptions)  # garage is not one of its areas
    quiet = build_report(only_two, AREAS, [variant(1, showroom=1)], settings=Settings())
    assert [a.key for a in quiet.areas] == ["showroom", "warehouse"]


def test_blind_session_report_still_shows_everything(tmp_path: Path) -> None:
    report = build_report(session(blind=True), AREAS, twenty(), settings=Settings())
    write_csv(report, tmp_path / "b.csv")
    with (tmp_path / "b.csv").open(encoding="utf-8-sig", newline="") as f:
        first = next(csv.DictReader(f))
    assert report.blind and first["Baseline"] != "" and first["Variance"] != ""


# -- the count sheet -----------------------------------------------------------------------------

def many(n: int) -> list[VariantRecord]:
    return [variant(i, baseline=(i % 7, i % 3), barcode=f"40063810{i:05d}" if i % 4 else None,
                    vendor=("Acme", "Bolt & Co", "Zeta")[i % 3], counted=False, status=Status.PENDING,
                    product=f"Ceramic mug {i // 3} with a long descriptive name",
                    title=("S", "M", "Default Title")[i % 3])
            for i in range(1, n + 1)]


def pages(pdf: Path) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
    return len(PdfReader(str(pdf)).pages)


def test_sheet_rows_blind_has_no_expected_column() -> None:
    vs = many(12)
    seen = _sheet_rows(session(), AREAS, vs, blind=False)
    blind = _sheet_rows(session(), AREAS, vs, blind=True)
    assert [s.title for s in seen] == ["Area: Showroom", "Area: Warehouse", "Area: Garage"]
    assert seen[0].header == ["Item", "SKU", "Barcode", "Expected", "Count"]
    expected = {r[1]: r[3] for r in seen[0].rows}
    assert expected["SKU-5"] == str(5 % 7 + 5 % 3)  # the baseline summed over the locations
    assert all(len(s.rows) == 12 for s in seen)  # every variant under every area
    for section in blind:
        assert "Expected" not in section.header and section.header == ["Item", "SKU", "Barcode", "Count"]
        assert all(len(r) == 4 and r[3] == "" for r in section.rows)


def test_sheet_rows_by_vendor_have_a_box_per_area_and_skip_non_participants() -> None:
    vs = many(9) + [variant(50, omitted=True, vendor="Acme"), variant(51, bundle_parent=True, vendor="Acme")]
    sections = _sheet_rows(session(), AREAS, vs, blind=True, group_by="vendor")
    assert [s.title for s in sections] == ["Vendor: Acme", "Vendor: Bolt & Co", "Vendor: Zeta"]
    assert sections[0].header == ["Item", "SKU", "Barcode", "Showroom", "Warehouse", "Garage"]
    assert sum(len(s.rows) for s in sections) == 9
    assert all(r[3:] == ["", "", ""] for s in sections for r in s.rows)
    with pytest.raises(ValueError):
        _sheet_rows(session(), AREAS, vs, blind=True, group_by="shelf")  # type: ignore[arg-type]


def test_count_sheet_pdf_has_pages(tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    write_count_sheet(session(), AREAS, many(200), path, blind=False)
    assert path.read_bytes().startswith(b"%PDF")
    assert pages(path) > 3  # 200 lines in each of three areas, every area on its own pages
    vendor = tmp_path / "vendor.pdf"
    write_count_sheet(session(), AREAS, many(200), vendor, blind=True, group_by="vendor")
    assert vendor.read_bytes().startswith(b"%PDF") and pages(vendor) > 1
    empty = tmp_path / "empty.pdf"
    write_count_sheet(session(), AREAS, [], empty, blind=True)
    assert pages(empty) == 3  # one page per area, saying there is nothing to count


def test_count_sheet_without_a_unicode_font(tmp_path: Path) -> None:
    """No TrueType font anywhere: Helvetica prints Latin-1, and the export names what it could not print."""
    none = FontChain("Helvetica", "Helvetica-Bold", finder=lambda ch: [], folders=[])
    vs = [variant(1, product="Tasse 日本 “Ünïcödé”", barcode="ÄÖ-not-ascii"), variant(2, barcode="1" * 60)]
    path = tmp_path / "latin.pdf"
    sheet = write_count_sheet(session(), AREAS, vs, path, blind=False, group_by="vendor", fonts=none)
    assert path.read_bytes().startswith(b"%PDF")
    assert sheet.illegible == ["Tasse 日本 “Ünïcödé” (U+65E5 U+672C)"]
    assert "Tasse 日本" in sheet.illegible_note() and "1 titles" in sheet.illegible_note()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_count_sheet_renders_to_png(tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    write_count_sheet(session(), AREAS, many(40), path, blind=False)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=60)
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 2000


@pytest.mark.slow
def test_count_sheet_of_ten_thousand_lines(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    write_count_sheet(session(areas=["showroom"]), AREAS, many(10_000), path, blind=True)
    assert pages(path) >= 10_000 // 25


# -- paper counts --------------------------------------------------------------------------------

def paper_variants() -> list[VariantRecord]:
    return [variant(1, sku="MUG-1", barcode="0400638133393"), variant(2, sku="MUG-2", barcode="4006381333931"),
            variant(3, sku="SHARED"), variant(4, sku="shared"), variant(5, sku="OMIT", omitted=True),
            variant(6, sku="OLD", session_name="S0"), variant(7, sku="BUNDLE", bundle_parent=True)]


def write(tmp_path: Path, text: str, name: str = "paper.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_paper_counts_by_sku_and_barcode(tmp_path: Path) -> None:
    by_sku = write(tmp_path, "\ufeffSKU,Count\nmug-1,3\nMUG-2, 0 \n\n", "sku.csv")
    result = parse_paper_counts(by_sku, area="showroom", variants=paper_variants())
    assert result.errors == []
    assert [(r.variant_id.rsplit("/", 1)[1], r.area, r.quantity, r.line_number) for r in result.rows] == \
        [("1", "showroom", 3, 2), ("2", "showroom", 0, 3)]

    by_barcode = write(tmp_path, "barcode;qty;area\n400638133393;7;garage\n4006381333931;2;\n", "bc.csv")
    result = parse_paper_counts(by_barcode, area="warehouse", variants=paper_variants())
    assert result.errors == []
    # Excel dropped the leading zero of the first barcode; the area column overrides per row.
    assert [(r.variant_id.rsplit("/", 1)[1], r.area, r.quantity) for r in result.rows] == \
        [("1", "garage", 7), ("2", "warehouse", 2)]

    by_code = write(tmp_path, "Code\tQuantity\nMUG-1\t4\n4006381333931\t5\n", "code.tsv")
    result = parse_paper_counts(by_code, area="showroom", variants=paper_variants(), areas=AREAS)
    assert [(r.variant_id.rsplit("/", 1)[1], r.quantity) for r in result.rows] == [("1", 4), ("2", 5)]


def test_paper_counts_report_every_bad_row_with_its_line(tmp_path: Path) -> None:
    text = ("sku,count,area\n"
            "NOPE,1,\n"          # 2 unknown code
            "SHARED,1,\n"        # 3 several variants
            "MUG-1,-1,\n"        # 4 negative
            "MUG-1,2.5,\n"       # 5 not whole
            "MUG-1,,\n"          # 6 no count
            "OMIT,1,\n"          # 7 omitted in the session
            "OLD,1,\n"           # 8 not snapshotted for it
            "BUNDLE,1,\n"        # 9 bundle parent
            "MUG-2,1,\n"         # 10 added to line 12 (two shelves of one area)
            ",4,\n"              # 11 no code
            "MUG-2,6,\n"         # 12 added to line 10: 7
            "MUG-1,3,attic\n"    # 13 unknown area
            "\"MUG-1\",\"9\",\"Showroom\"\n"  # 14 kept (area by label)
            "MUG-1,2000000000,\n")  # 15 more than one area holds in a count
    result = parse_paper_counts(write(tmp_path, text), area="warehouse", variants=paper_variants(), areas=AREAS)
    errors = {line: (code, reason) for line, code, reason in result.errors}
    assert sorted(errors) == [2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 15]
    assert "No variant" in errors[2][1] and errors[2][0] == "NOPE"
    assert "2 variants share" in errors[3][1] and "SKU-3" not in errors[3][1] and "Product 3" in errors[3][1] \
        and "Product 4" in errors[3][1]
    assert all("not a whole number" in errors[n][1] for n in (4, 5))
    assert "No count" in errors[6][1]
    assert "omitted" in errors[7][1] and "not snapshotted" in errors[8][1] and "bundle" in errors[9][1]
    assert "No SKU or barcode" in errors[11][1]
    assert "attic" in errors[13][1]
    assert "more than one area can hold" in errors[15][1] and "1,000,000" in errors[15][1]
    assert [(r.variant_id.rsplit("/", 1)[1], r.area, r.quantity, r.lines) for r in result.rows] == \
        [("2", "warehouse", 7, [10, 12]), ("1", "showroom", 9, [14])]
    assert [(r.title, r.parts) for r in result.summed] == [("Product 2 (MUG-2)", [1, 6])]


def test_paper_counts_excel_mangling_and_ansi(tmp_path: Path) -> None:
    text = "sku;barcode;Anzahl;count\n;4.00638E+12;;1\nMUG-1;;;2\n"
    result = parse_paper_counts(write(tmp_path, text, encoding="cp1252"), area="showroom", variants=paper_variants())
    assert result.errors[0][0] == 2 and "scientific notation" in result.errors[0][2]
    assert [r.quantity for r in result.rows] == [2]
    ansi = write(tmp_path, "sku,count,note\nMUG-1,1,Kühlraum\n", "ansi.csv", "cp1252")
    assert parse_paper_counts(ansi, area="showroom", variants=paper_variants()).rows[0].quantity == 1


def test_paper_counts_reject_files_that_are_not_counts(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="count column"):
        parse_paper_counts(write(tmp_path, "sku,name\nMUG-1,Mug\n"), area="showroom", variants=paper_variants())
    with pytest.raises(ValueError, match="code column"):
        parse_paper_counts(write(tmp_path, "title,count\nMug,1\n"), area="showroom", variants=paper_variants())
    with pytest.raises(ValueError, match="not a CSV"):
        (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
        parse_paper_counts(tmp_path / "book.xlsx", area="showroom", variants=paper_variants())
    with pytest.raises(ValueError, match="empty"):
        parse_paper_counts(write(tmp_path, ""), area="showroom", variants=paper_variants())
    with pytest.raises(ValueError, match="no area"):
        parse_paper_counts(write(tmp_path, "sku,count\n"), area="attic", variants=paper_variants(), areas=AREAS)
