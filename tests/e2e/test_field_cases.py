"""The field cases of issue 12 end to end: `inventra demo-server --catalog FIELD.csv` as its own
process, and the `inventra` command driving it as a merchant would (items 2, 3, 4, 5, 7 and 8).

The catalog is a Shopify product-export CSV written here; every check reads what a user reads
(exit codes, the command's words, the report it writes, `status --json`), not the shop's insides.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest

from inventra_desktop.cli import main

HEADER = ["Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Published", "Option1 Name", "Option1 Value",
          "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value", "Variant SKU", "Variant Grams",
          "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy",
          "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price", "Variant Requires Shipping",
          "Variant Taxable", "Variant Barcode", "Image Src", "Image Position", "Image Alt Text", "Gift Card",
          "Variant Image", "Variant Weight Unit", "Cost per item", "Status"]

# handle, title, vendor, [(option value, sku, barcode, on hand, cost)]
PRODUCTS = [
    ("paper-notebook", "Paper Notebook", "Field Paper", [("Ruled", "NB-1000", "", 1000, ""),
                                                         ("Dotted", "NB-1250", "", 1250, ""),
                                                         ("Plain", "NB-DOT", "", 1000, ""),
                                                         ("Squared", "NB-FRAC", "", 3, "")]),
    ("shelf-box", "Shelf Box", "Field Paper", [("Default Title", "SHELF-A", "", 10, "")]),
    ("tea-tin", "Tea Tin", "Field Tea", [("Never", "TEA-NEVER", "", 5, "4.00"), ("Zero", "TEA-ZERO", "", 5, "4.00"),
                                         ("Part", "TEA-PART", "", 3, "4.00")]),
    ("scanner-mug", "Scanner Mug", "Field Tea", [("Default Title", "MUG-UPC", "012345678905", 2, "")]),
    ("matcha-mug", "抹茶マグカップ", "京都陶器", [("青", "JP-1", "", 4, "")]),
    ("korean-mug", "한국 전통 머그잔", "서울상회", [("Default Title", "KR-1", "", 4, "")]),
    ("thai-cup", "แก้วกาแฟเซรามิก", "บริษัทไทย", [("Default Title", "TH-1", "", 4, "")]),
    ("hebrew-cup", "ספל קפה שחור", "כלי בית", [("Default Title", "HE-1", "", 4, "")]),
    ("arabic-cup", "كوب قهوة عربية", "شركة القهوة", [("Default Title", "AR-1", "", 4, "")]),
    ("private-glyph", "Logo mug \ue123", "Field Glyph", [("Default Title", "PUA-1", "", 1, "")]),
]


def catalog_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, HEADER)
        w.writeheader()
        for handle, title, vendor, variants in PRODUCTS:
            for i, (value, sku, barcode, qty, cost) in enumerate(variants):
                first = i == 0
                w.writerow({"Handle": handle, "Title": title if first else "", "Vendor": vendor if first else "",
                            "Published": "TRUE", "Option1 Name": ("Style" if value != "Default Title" else "Title")
                            if first else "", "Option1 Value": value, "Variant SKU": sku,
                            "Variant Inventory Tracker": "shopify", "Variant Inventory Qty": str(qty),
                            "Variant Inventory Policy": "deny", "Variant Fulfillment Service": "manual",
                            "Variant Price": "9.00", "Variant Barcode": barcode, "Cost per item": cost,
                            "Status": "active" if first else ""})
    return path


@dataclass
class Server:
    url: str
    token: str
    proc: subprocess.Popen[str]


@contextmanager
def serve(*args: str) -> Iterator[Server]:
    """`inventra demo-server ARGS` in a process of its own, on a free port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "inventra_desktop.cli", "demo-server", "--port", str(port), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    url = token = ""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (url and token):
        line = proc.stdout.readline()
        if not line:
            break
        url = m[1] if (m := re.match(r"Shop URL: (\S+)", line)) else url
        token = m[1] if (m := re.match(r"Access token: (\S+)", line)) else token
    try:
        assert url and token, proc.stderr.read() if proc.stderr else "no output"
        yield Server(url, token, proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The field catalog's shop."""
    folder = tmp_path_factory.mktemp("field")
    with serve("--plan", "plus", "--catalog", str(catalog_csv(folder / "field.csv"))) as running:
        yield running


@dataclass
class Ran:
    code: int
    out: str
    err: str


class Inventra:
    """`inventra …` against the demo server, one data folder per device."""

    def __init__(self, server: Server, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.server, self.root, self.capsys = server, root, capsys

    def __call__(self, *args: str, device: str = "pc1") -> Ran:
        self.capsys.readouterr()
        code = main(["--shop", self.server.url, "--data-dir", str(self.root / device), "--device-name", device,
                     *args])
        out = self.capsys.readouterr()
        assert "Traceback" not in out.err, out.err
        return Ran(code, out.out, out.err)

    def ok(self, *args: str) -> Ran:
        ran = self(*args)
        assert ran.code == 0, (args, ran)
        return ran

    def json(self, *args: str) -> Any:
        return json.loads(self.ok("--json", *args).out) if args[0] != "--json" else None

    def session(self, name: str, *skus: str) -> str:
        """A session of the products holding these SKUs, snapshotted: ready to count."""
        self.ok("install")
        query = " OR ".join(f"sku:{sku}" for sku in skus)
        self.ok("session", "create", name, "--query", query)
        self.ok("snapshot", name)
        return name

    def report(self, name: str, path: Path) -> dict[str, dict[str, str]]:
        self.ok("report", name, "--format", "csv", "-o", str(path))
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        return {r["SKU"]: r for r in rows if r.get("SKU")}


@pytest.fixture
def inventra(server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str],
             monkeypatch: pytest.MonkeyPatch) -> Inventra:
    monkeypatch.setenv("INVENTRA_TOKEN", server.token)
    monkeypatch.delenv("INVENTRA_CLIENT_SECRET", raising=False)
    return Inventra(server, tmp_path, capsys)


def paper(tmp_path: Path, text: str, name: str = "paper.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- item 3: numbers as people and spreadsheets write them ---------------------------------------

def test_paper_counts_with_thousands_separators_are_never_shrunk(inventra: Inventra, tmp_path: Path) -> None:
    name = inventra.session("Zahlen", "NB-1000")
    comma = inventra("import-counts", name, paper(tmp_path, 'sku,count\nNB-1000,"1,000"\nNB-1250,"1,250"\n'
                                                            'NB-FRAC,2.5\n'), "--area", "warehouse")
    assert comma.code == 4 and "line 4: NB-FRAC" in comma.out and "2.5" in comma.out  # refused, with its line
    semicolon = inventra("import-counts", name, paper(tmp_path, "sku;count\nNB-DOT;1.000\nNB-FRAC;2,5\n", "eu.csv"),
                         "--area", "warehouse")
    assert semicolon.code == 4 and "line 3: NB-FRAC" in semicolon.out  # 4: the other rows count
    lines = inventra.report(name, tmp_path / "r.csv")
    assert (lines["NB-1000"]["Warehouse"], lines["NB-1000"]["Variance"]) == ("1000", "0")  # not 1, not −999
    assert (lines["NB-1250"]["Warehouse"], lines["NB-1250"]["Variance"]) == ("1250", "0")
    assert (lines["NB-DOT"]["Warehouse"], lines["NB-DOT"]["Variance"]) == ("1000", "0")
    assert lines["NB-FRAC"]["Total"] == "not counted"  # nothing recorded for the refused fraction

    huge = inventra("count", name, "--sku", "NB-FRAC", "--area", "garage", "--set", "2000000000")
    assert huge.code == 1 and "1,000,000" in huge.err  # refused where it is entered, not at apply
    ambiguous = inventra("import-counts", name, paper(tmp_path, "sku,count\nNB-FRAC,1.000\n", "amb.csv"),
                         "--area", "garage")
    assert ambiguous.code == 1 and "1 or as 1000" in ambiguous.out
    assert inventra.report(name, tmp_path / "r2.csv")["NB-FRAC"]["Total"] == "not counted"


# -- item 4: two rows for one item -------------------------------------------------------------

def test_two_rows_for_one_item_are_summed_and_listed(inventra: Inventra, tmp_path: Path) -> None:
    name = inventra.session("Regale", "SHELF-A")
    ran = inventra("--json", "import-counts", name, paper(tmp_path, "sku,count\nSHELF-A,6\nSHELF-A,4\n"),
                   "--area", "warehouse")
    assert ran.code == 0
    data = json.loads(ran.out)
    assert data["recorded"] == 1 and data["summed"] == [{"variant": data["summed"][0]["variant"],
                                                         "title": "Shelf Box (SHELF-A)", "area": "warehouse",
                                                         "lines": [2, 3], "quantities": [6, 4], "total": 10}]
    text = inventra("import-counts", name, paper(tmp_path, "sku,count\nSHELF-A,6\nSHELF-A,4\n"),
                    "--area", "warehouse")
    assert "summed: Shelf Box (SHELF-A) in warehouse: lines 2, 3: 6 + 4 = 10" in text.out
    line = inventra.report(name, tmp_path / "r.csv")["SHELF-A"]
    assert (line["Warehouse"], line["Total"], line["Variance"]) == ("10", "10", "0")  # again: still 10, not 20


# -- item 5: not counted is not zero ----------------------------------------------------------

def test_not_counted_is_not_zero_until_finalize(inventra: Inventra, tmp_path: Path) -> None:
    name = inventra.session("Tee", "TEA-NEVER")
    inventra.ok("count", name, "--sku", "TEA-ZERO", "--area", "showroom", "--set", "0")
    inventra.ok("count", name, "--sku", "TEA-PART", "--area", "showroom", "--set", "3")
    mid = inventra.report(name, tmp_path / "mid.csv")
    never, zero = mid["TEA-NEVER"], mid["TEA-ZERO"]
    assert (never["Showroom"], never["Total"], never["Variance"], never["Variance value"]) == \
        ("", "not counted", "", "")
    assert (zero["Showroom"], zero["Warehouse"], zero["Total"], zero["Variance"], zero["Variance value"]) == \
        ("0", "", "0", "-5", "-20.00")
    raw = list(csv.reader(io.StringIO((tmp_path / "mid.csv").read_text(encoding="utf-8-sig"))))
    assert next(r for r in raw if r and r[0] == "Field Tea")[1:6] == ["3", "3", "-5", "-20.00", "1"]
    review = inventra.json("review", name, "--threshold", "0")
    assert {r["sku"] for r in review} == {"TEA-ZERO"}  # the report and review agree on what was counted

    finalized = inventra.ok("finalize", name, "--uncounted", "zero").out
    assert "1 never counted and now counted as 0" in finalized and "2 not marked done" in finalized
    after = inventra.report(name, tmp_path / "after.csv")["TEA-NEVER"]
    assert (after["Showroom"], after["Total"], after["Variance"], after["Variance value"]) == ("0", "0", "-5", "-20.00")


# -- item 7: every title legible on paper ----------------------------------------------------

@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils): scripts/setup.sh --test")
def test_count_sheet_prints_every_script_and_names_what_it_cannot(inventra: Inventra, tmp_path: Path) -> None:
    name = inventra.session("世界", "JP-1", "KR-1", "TH-1", "HE-1", "AR-1")
    sheet = tmp_path / "sheet.pdf"
    ran = inventra("report", name, "--format", "pdf", "--blind", "-o", str(sheet))
    assert ran.code == 0 and ran.err == ""  # nothing left out
    text = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", "-raw", str(sheet), "-"], capture_output=True,
                                                        text=True, timeout=60, check=True).stdout)
    for title in ("抹茶マグカップ – 青", "한국 전통 머그잔", "แก้วกาแฟเซรามิก", "世界"):  # titles, a variant, the session
        assert title in text, title
    for word in "ספל קפה שחור كوب قهوة عربية".split():
        word = unicodedata.normalize("NFKC", word)
        assert word in text or word[::-1] in text, word

    glyph = inventra.session("Glyph", "PUA-1")
    odd = inventra("report", glyph, "--format", "pdf", "-o", str(tmp_path / "odd.pdf"))
    assert odd.code == 0 and (tmp_path / "odd.pdf").stat().st_size > 1000  # written: a warning, not a failure
    assert "no installed font can print" in odd.err and "Logo mug" in odd.err and "U+E123" in odd.err


# -- items 2 and 8 through the same door ------------------------------------------------------

def test_a_gtin_form_scans_and_a_session_name_in_the_merchants_language(inventra: Inventra, tmp_path: Path) -> None:
    name = inventra.session("Inventur-März", "MUG-UPC")  # ä is a letter; Shopify tags are Unicode
    inventra.ok("count", name, "--barcode", "0012345678905", "--area", "showroom", "--add", "1")  # EAN-13 form
    imported = inventra("import-counts", name, paper(tmp_path, "barcode,count\n00012345678905,1\n"),
                        "--area", "warehouse")  # GTIN-14 form of the same UPC-A
    assert imported.code == 0, imported
    misread = inventra("count", name, "--barcode", "0012345678900", "--area", "showroom", "--add", "1")
    assert misread.code == 1 and "check digit" in misread.err
    line = inventra.report(name, tmp_path / "r.csv")["MUG-UPC"]
    assert (line["Showroom"], line["Warehouse"], line["Total"]) == ("1", "1", "2")
    assert any(s["name"] == "Inventur-März" for s in inventra.json("sessions"))


# -- item 1: every location of an item is read -----------------------------------------------------
SEVEN = Path(__file__).resolve().parents[1] / "fixtures" / "seven-locations"


def test_stock_at_a_seventh_location_is_the_baseline_and_nothing_is_written(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str],
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's shop, exported from Shopify (products + inventory, seven stores): the mug has 16 on
    hand at Store 7. Counted 16 there: baseline 16, variance 0, and the apply writes nothing."""
    with serve("--catalog", str(SEVEN / "products.csv"), "--inventory", str(SEVEN / "inventory.csv")) as server:
        monkeypatch.setenv("INVENTRA_TOKEN", server.token)
        run = Inventra(server, tmp_path, capsys)
        run.ok("install")
        listed = run("locations").out.splitlines()
        assert [line.split(maxsplit=1)[1].split("  (areas")[0] for line in listed] == [f"Store {i}" for i in range(1, 8)]
        assert listed[0].endswith("(areas: showroom, warehouse, garage)")  # install maps them to the first
        locations = {loc["name"]: loc["id"] for loc in run.json("locations")}
        (tmp_path / "areas.json").write_text(json.dumps([{"key": "store7", "label": "Store 7",
                                                          "location_id": locations["Store 7"]}]))
        run.ok("areas", "--set", str(tmp_path / "areas.json"))
        run.ok("session", "create", "Mugs", "--query", "sku:SM-1")
        preflight = run("preflight", "Mugs")
        assert "not stocked" not in preflight.out + preflight.err
        run.ok("snapshot", "Mugs")
        run.ok("count", "Mugs", "--sku", "SM-1", "--area", "store7", "--set", "16", "--done")
        run.ok("finalize", "Mugs")
        line = run.report("Mugs", tmp_path / "mugs.csv")["SM-1"]
        assert (line["Baseline"], line["Total"], line["Variance"]) == ("16", "16", "0"), line
        applied = run.json("apply", "Mugs", "--keep", "difference", "--yes")
        assert applied["applied"] == 0 and applied["complete"], applied
        answer = httpx.post(f"{server.url}/admin/api/2026-04/graphql.json", headers={"X-Shopify-Access-Token": server.token},
                            json={"query": '{ productVariants(first: 1, query: "sku:SM-1") { nodes { inventoryItem { '
                                           'inventoryLevels(first: 10) { nodes { location { name } '
                                           'quantities(names: ["on_hand"]) { quantity } } } } } } }'}).json()
        levels = answer["data"]["productVariants"]["nodes"][0]["inventoryItem"]["inventoryLevels"]["nodes"]
        assert {lv["location"]["name"]: lv["quantities"][0]["quantity"] for lv in levels}["Store 7"] == 16  # not 32
