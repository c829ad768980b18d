"""Not counted is not zero (issue 12, item 5): mid-count, a line nobody counted has no total and
no variance and stays out of every variance total; an area not counted is an empty cell; the
exceptions that need action come before low stock, which has its own section and sheet."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
from builders import AREAS, session, variant

from inventra_desktop.files.report_files import write_csv, write_xlsx
from inventra_desktop.stocktake.models import AreaCount, SessionState, Settings, Status
from inventra_desktop.stocktake.report import build_report
from inventra_desktop.stocktake.variant import VariantRecord

COST = {"gid://shopify/ProductVariant/1": Decimal("4"), "gid://shopify/ProductVariant/2": Decimal("4")}


def mid_count() -> list[VariantRecord]:
    never = variant(1, baseline=(5, 0), counted=False, status=Status.PENDING, sku="NEVER")
    zero = variant(2, baseline=(5, 0), counted=True, status=Status.IN_PROGRESS, sku="ZERO")  # counted as 0
    partly = variant(3, showroom=2, baseline=(1, 1), status=Status.IN_PROGRESS, sku="PARTLY", counted=False)
    assert partly.counts is not None
    partly.counts.areas["showroom"] = AreaCount(qty=2, counted=True)  # showroom counted, warehouse not yet
    done_empty = variant(4, baseline=(3, 0), counted=False, status=Status.DONE, sku="DONE0")  # done: a real 0
    return [never, zero, partly, done_empty]


def csv_lines(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return {r["SKU"]: r for r in rows[:next(i for i, r in enumerate(rows) if r["Product"] == "Total")]}


def test_mid_count_a_line_never_counted_has_no_total_and_no_variance(tmp_path: Path) -> None:
    report = build_report(session(state=SessionState.SNAPSHOTTED), AREAS, mid_count(), settings=Settings(),
                          unit_costs=COST)
    lines = {ln.sku: ln for ln in report.lines}
    never, zero = lines["NEVER"], lines["ZERO"]
    assert (never.total, never.variance, never.variance_value, never.counted) == (None, None, None, False)
    assert never.areas == {"showroom": None, "warehouse": None, "garage": None}
    assert (zero.total, zero.variance, zero.variance_value) == (0, -5, Decimal("-20.00"))  # a real 0
    assert lines["PARTLY"].areas == {"showroom": 2, "warehouse": None, "garage": None}
    assert (lines["PARTLY"].total, lines["PARTLY"].variance) == (2, 0)
    assert (lines["DONE0"].total, lines["DONE0"].variance) == (0, -3)
    # Only the counted lines add up: ZERO −5, PARTLY 0, DONE0 −3; NEVER is counted apart.
    assert (report.total.variance, report.total.variance_value, report.total.not_counted) == \
        (-8, Decimal("-20.00"), 1)
    assert not [e for e in report.exceptions if e.subject == "NEVER"]  # not low stock either

    write_csv(report, tmp_path / "mid.csv")
    rows = csv_lines(tmp_path / "mid.csv")
    assert (rows["NEVER"]["Total"], rows["NEVER"]["Variance"], rows["NEVER"]["Variance value"]) == \
        ("not counted", "", "")
    assert (rows["NEVER"]["Showroom"], rows["NEVER"]["Warehouse"]) == ("", "")
    assert (rows["ZERO"]["Showroom"], rows["ZERO"]["Total"], rows["ZERO"]["Variance value"]) == ("0", "0", "-20.00")
    assert (rows["PARTLY"]["Showroom"], rows["PARTLY"]["Warehouse"]) == ("2", "")
    raw = list(csv.reader((tmp_path / "mid.csv").read_text(encoding="utf-8-sig").splitlines()))
    total_row = next(r for r in raw if r and r[0] == "Total")
    header = raw[0]
    assert total_row[header.index("Variance")] == "-8" and total_row[header.index("Variance value")] == "-20.00"
    assert next(r for r in raw if r and r[0] == "All vendors")[1:] == ["4", "2", "-8", "-20.00", "1"]

    write_xlsx(report, tmp_path / "mid.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "mid.xlsx")["Count"]
    col = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["SKU"]).value == "NEVER")
    assert ws.cell(row, col["Total"]).value == "not counted" and ws.cell(row, col["Variance"]).value is None
    assert ws.cell(row, col["Showroom"]).value is None


def test_after_finalize_with_zero_they_are_real_zeros() -> None:
    finalized = mid_count()
    for v in finalized:  # what `finalize --uncounted zero` leaves: every area counted, done
        assert v.counts is not None
        for entry in v.counts.areas.values():
            entry.counted = True
        v.status = Status.DONE
    report = build_report(session(), AREAS, finalized, settings=Settings(), unit_costs=COST)
    never = next(ln for ln in report.lines if ln.sku == "NEVER")
    assert (never.total, never.variance, never.variance_value) == (0, -5, Decimal("-20.00"))
    assert never.areas == {"showroom": 0, "warehouse": 0, "garage": 0}
    assert report.total.not_counted == 0 and report.total.variance == -5 - 5 + 0 - 3


def test_what_needs_action_is_not_buried_under_low_stock(tmp_path: Path) -> None:
    # The field case: 1,572 variants, 1,448 of them low stock, 46 sharing a SKU two by two.
    vs = [variant(i, showroom=1 if i <= 1448 else 9, baseline=(1, 0), sku=f"SKU-{i}") for i in range(1, 1573)]
    for i in range(1500, 1546):
        vs[i].sku = f"PAIR-{i // 2}"
    report = build_report(session(), AREAS, vs, settings=Settings(low_stock_threshold=2),
                          duplicates_met=["PAIR-750"])
    kinds = [e.kind for e in report.exceptions]
    assert report.exceptions[0].subject == "PAIR-750" and "Met while counting" in report.exceptions[0].detail
    assert kinds.index("low_stock") > max(i for i, k in enumerate(kinds) if k != "low_stock")
    assert (len(report.actions), len(report.low_stock)) == (23 + 1, 1448)  # 23 pairs and the unmapped garage
    assert [e.kind for e in report.actions] == ["duplicate_sku", "unmapped_area"] + ["duplicate_sku"] * 22

    write_xlsx(report, tmp_path / "big.xlsx")
    book = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True)
    actions = [r for r in book["Exceptions"].iter_rows(min_row=2, values_only=True)]
    assert len(actions) == 24 and not [r for r in actions if r[0] == "Low stock"]
    assert book["Low stock"].max_row == 1 + 1448
