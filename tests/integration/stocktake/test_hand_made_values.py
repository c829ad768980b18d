"""Absurd and hand-made values (issue 14 item 9): each is one sentence naming the variant or record
and what to do, and one bad variant never stops the others (apply, report, finalize)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest

if TYPE_CHECKING:
    from conftest import Cli, ShopView

BAD, GOOD = "LC-LNT-001", "KP-SPK-TI"


def finalized(cli: Cli, view: ShopView) -> str:
    name = cli.counting(*[f"gid://shopify/Product/{view.product_of(s).id}" for s in (BAD, GOOD)])
    cli.ok("count", name, "--sku", BAD, "--area", "showroom", "--set", "3", "--done")
    cli.ok("count", name, "--sku", GOOD, "--area", "showroom", "--set", "7", "--done")
    cli.ok("finalize", name)
    return name


def edit_counts(view: ShopView, sku: str, **areas: object) -> None:
    counts = view.counts(sku)
    assert counts is not None
    for key, qty in areas.items():
        counts["areas"][key] = {"qty": qty, "counted": True}
    view.hand_edit(sku, "counts", "json", json.dumps(counts))


def shop_floor(view: ShopView, sku: str) -> int:
    return view.on_hand(view.variant(sku), "Shop floor")


@pytest.mark.parametrize("qty", [2 * 10**9, 10**30], ids=["2e9", "1e30"])
def test_an_absurd_quantity_is_named_and_the_other_lines_are_applied(cli: Cli, view: ShopView, tmp_path: Path,
                                                                     qty: int) -> None:
    name = finalized(cli, view)
    edit_counts(view, BAD, showroom=qty)
    result = cli.run("apply", name, "--keep", "counted", "--yes")
    assert result.code == 1, result.err  # not applied in full: the session stays finalized
    assert shop_floor(view, GOOD) == 7  # the other line went in
    refused = [line for line in result.out.splitlines() if line.startswith("Not applied")]
    assert len(refused) == 1 and BAD in refused[0] and "more than Shopify keeps" in refused[0] and "reset" in refused[0]
    for kind in ("csv", "xlsx"):  # the reports are written, naming it among the exceptions
        cli.ok("report", name, "--format", kind, "-o", str(tmp_path / f"r.{kind}"))
    assert BAD in (tmp_path / "r.csv").read_text(encoding="utf-8-sig").split("Exceptions", 1)[1]
    cli.ok("reset", name, "--sku", BAD)  # what to do: reset it, count it, apply again
    cli.ok("apply", name, "--keep", "counted", "--yes")
    assert shop_floor(view, GOOD) == 7 and shop_floor(view, BAD) == 0


def test_a_count_larger_than_shopify_keeps_in_one_place_is_a_line_that_says_so(cli: Cli, view: ShopView) -> None:
    name = finalized(cli, view)
    edit_counts(view, BAD, showroom=600_000_000, warehouse=600_000_000)  # each readable, together too many
    result = cli.run("apply", name, "--keep", "difference", "--yes")
    assert result.code == 1
    assert shop_floor(view, GOOD) == 7
    assert any(BAD in line and "1,200,000,000" in line for line in result.out.splitlines()
               if line.startswith("Not applied"))


def test_an_area_key_in_any_script_breaks_no_report(cli: Cli, view: ShopView, tmp_path: Path) -> None:
    name = finalized(cli, view)
    counts = view.counts(BAD)
    counts["areas"]["Ünïcødé 🙂"] = {"qty": 2, "counted": True}
    view.hand_edit(BAD, "counts", "json", json.dumps(counts, ensure_ascii=False))
    cli.ok("report", name, "--format", "csv", "-o", str(tmp_path / "r.csv"))
    cli.ok("report", name, "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    rows = list(csv.reader((tmp_path / "r.csv").open(encoding="utf-8-sig")))
    assert any(BAD in row and any("Ünïcødé 🙂" in cell and "area key" in cell for cell in row) for row in rows)
    sheets = openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames
    assert sheets
    result = cli.run("apply", name, "--keep", "counted", "--yes")
    assert result.code == 1 and shop_floor(view, GOOD) == 7


def test_counts_of_another_session_never_drop_silently_out(cli: Cli, view: ShopView, tmp_path: Path) -> None:
    name = cli.counting(*[f"gid://shopify/Product/{view.product_of(s).id}" for s in (BAD, GOOD)])
    cli.ok("count", name, "--sku", BAD, "--area", "showroom", "--set", "3", "--done")
    cli.ok("count", name, "--sku", GOOD, "--area", "showroom", "--set", "7", "--done")
    counts = view.counts(BAD)
    counts["session"] = "Winter"  # typed into Shopify admin's JSON editor
    view.hand_edit(BAD, "counts", "json", json.dumps(counts))
    refused = cli.fails("finalize", name, "--uncounted", "zero")
    assert BAD in refused.err and "'Winter'" in refused.err and "reset" in refused.err
    cli.ok("report", name, "--format", "csv", "-o", str(tmp_path / "r.csv"))
    assert "Winter" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig").split("Exceptions", 1)[1]
    cli.ok("reset", name, "--sku", BAD)
    cli.ok("count", name, "--sku", BAD, "--area", "showroom", "--set", "3", "--done")
    cli.ok("finalize", name)
    counts = view.counts(BAD)
    counts["session"] = "Winter"  # and after finalize: apply names it, writes the rest
    view.hand_edit(BAD, "counts", "json", json.dumps(counts))
    result = cli.run("apply", name, "--keep", "counted", "--yes")
    assert result.code == 1 and shop_floor(view, GOOD) == 7
    assert any(BAD in line and "Winter" in line for line in result.out.splitlines() if line.startswith("Not applied"))


def test_broken_shop_records_are_named_never_read_as_empty(cli: Cli, view: ShopView) -> None:
    name = cli.counting(f"gid://shopify/Product/{view.product_of(BAD).id}")
    shop_gid = view.state.shop_gid()
    good_areas = view.raw(shop_gid, "areas")
    view.state.put_metafield(shop_gid, "inventra", "areas", "json", "[]")
    said = cli.fails("count", name, "--sku", BAD, "--area", "showroom", "--add", "1")
    assert "areas" in said.err and "empty" in said.err and "counts these areas: ;" not in said.err
    assert cli.journal_ops() == []
    view.state.put_metafield(shop_gid, "inventra", "areas", "json", good_areas or "")
    view.state.put_metafield(shop_gid, "inventra", "sessions", "json", '[{"name": 5}]')
    said = cli.fails("sessions")
    assert "sessions record cannot be read" in said.err and "No sessions" not in said.out
