"""Reports read back: the CSV with csv, the XLSX with openpyxl, the count sheet PDF rendered to PNG;
and paper counts imported through the journal."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import openpyxl
import pytest

from inventra_desktop.cli import main
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.stocktake import codec


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EmbeddedShop, Path]]:
    folder = tmp_path_factory.mktemp("reports")
    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        os.environ["INVENTRA_TOKEN"] = shop.token

        def cli(*args: str) -> int:
            return main(["--shop", shop.url, "--data-dir", str(folder), *args])
        assert cli("install") == 0
        assert cli("session", "create", "R1", "--query", "vendor:'Northbound Gear'") == 0
        assert cli("snapshot", "R1") == 0
        assert cli("count", "R1", "--sku", "NB-TNT2-GRN", "--area", "garage", "--set", "3", "--done") == 0
        paper = folder / "paper.csv"
        paper.write_text("sku,count\nNB-TNT2-SND,5\nNB-NOPE,2\nNB-TNT4-GRN,x\n", encoding="utf-8")
        assert cli("import-counts", "R1", str(paper), "--area", "warehouse") == 4  # two bad rows reported
        yield shop, folder


def cli_in(shop: EmbeddedShop, folder: Path, *args: str) -> int:
    return main(["--shop", shop.url, "--data-dir", str(folder), *args])


def test_paper_counts_go_through_the_journal(counted: tuple[EmbeddedShop, Path]) -> None:
    shop, _ = counted
    variant = next(v for v in shop.state.variants.values() if v.sku == "NB-TNT2-SND")
    counts = codec.decode_counts(shop.state.metafield(f"gid://shopify/ProductVariant/{variant.id}", "inventra",
                                                      "counts").value)
    assert counts.areas["warehouse"].qty == 5 and counts.areas["warehouse"].counted


def test_csv_and_xlsx_reports_read_back(counted: tuple[EmbeddedShop, Path], tmp_path: Path) -> None:
    shop, folder = counted
    assert cli_in(shop, folder, "report", "R1", "--format", "csv", "-o", str(tmp_path / "r.csv")) == 0
    rows = list(csv.reader((tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()))
    header = rows[0]
    assert "SKU" in header and any("Garage" in h for h in header)
    tent = next(r for r in rows if "NB-TNT2-GRN" in r)
    assert tent[header.index(next(h for h in header if "Garage" in h))] == "3"
    assert cli_in(shop, folder, "report", "R1", "--format", "xlsx", "-o", str(tmp_path / "r.xlsx")) == 0
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    sheet = book[book.sheetnames[0]]
    assert sheet.freeze_panes == "A2" and sheet.cell(1, 1).font.bold
    assert any(sheet.cell(r, c).value == "NB-TNT2-GRN" for r in range(2, sheet.max_row + 1)
               for c in range(1, sheet.max_column + 1))


def test_count_sheet_pdf_renders(counted: tuple[EmbeddedShop, Path], tmp_path: Path) -> None:
    shop, folder = counted
    pdf = tmp_path / "sheet.pdf"
    assert cli_in(shop, folder, "report", "R1", "--format", "pdf", "--blind", "-o", str(pdf)) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: scripts/setup.sh --test installs it")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    pages = list(tmp_path.glob("page*.png"))
    assert pages and pages[0].stat().st_size > 5_000
