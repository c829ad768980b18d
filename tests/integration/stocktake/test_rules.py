"""Issue 4, "Rules that must hold (a test for each)": the stock-take engine through the `inventra` CLI.

Each test runs the CLI in-process against its own embedded simulator (real loopback HTTP) and
reads the outcome back from the simulator's state: metafields, tags, definitions. The simulator's
state is written only to play what a merchant could do by hand in Shopify admin (edit a SKU, a
tag, a metafield value, a location's settings).
"""

from __future__ import annotations

import csv
import itertools
import json
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import httpx
import pytest

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.simulator.state import Product, Variant

if TYPE_CHECKING:  # the fixtures' classes live in this folder's conftest.py
    from conftest import Cli, ShopView

# the demo catalog's products used below
LANTERN = "Glow Camp Lantern"  # one variant, LC-LNT-001
SPORK = "Titanium Spork"  # one variant, KP-SPK-TI
MUG = "Enamel Camping Mug"  # KP-MUG-CRM, KP-MUG-NVY, KP-MUG-RED
HEARTH = "Hearth Stoneware Mug"  # HC-MUG-WHT, HC-MUG-GRN, HC-MUG-GRY
HEADLAMP = "Beacon 300 LED Headlamp"  # LC-HL300-BLK, LC-HL300-ORG
KIT = "Camping Starter Kit"  # the bundle, NB-KIT-START
SESSION_TAG = "Inventra-session-"
MUG_SKUS = ("KP-MUG-CRM", "KP-MUG-NVY", "KP-MUG-RED")
AREAS = ("showroom", "warehouse", "garage")


_names = itertools.count(1)


def fresh_name(prefix: str = "S") -> str:
    return f"{prefix}{next(_names)}"


def vgid(variant: Variant) -> str:
    return f"gid://shopify/ProductVariant/{variant.id}"


def pgid(product: Product) -> str:
    return f"gid://shopify/Product/{product.id}"


def lgid(location_id: int) -> str:
    return f"gid://shopify/Location/{location_id}"


def p(view: ShopView, *titles: str) -> list[str]:
    return [pgid(view.product(t)) for t in titles]


def define(shop: EmbeddedShop, key: str, type_: str, owner: str) -> None:
    """A definition made beforehand, the way another app or the merchant would: plain GraphQL."""
    body = httpx.post(f"{shop.url}/admin/api/2026-04/graphql.json", headers={"X-Shopify-Access-Token": shop.token},
                      json={"query": "mutation($d: MetafieldDefinitionInput!) { metafieldDefinitionCreate("
                                     "definition: $d) { createdDefinition { id } userErrors { code message } } }",
                            "variables": {"d": {"name": f"Someone's {key}", "namespace": "inventra", "key": key,
                                                "type": type_, "ownerType": owner}}}, timeout=10).json()
    assert body["data"]["metafieldDefinitionCreate"]["userErrors"] == [], body


def definitions(shop: EmbeddedShop) -> dict[tuple[str, str], str]:
    rows = [d for d in shop.state.definitions.values() if d.namespace == "inventra"]
    out = {(d.owner_type, d.key): d.type for d in rows}
    assert len(out) == len(rows), "one definition per owner type and key"
    return out


def write_areas(tmp_path: Path, areas: list[dict]) -> Path:
    path = tmp_path / f"areas-{time.monotonic_ns()}.json"
    path.write_text(json.dumps(areas), encoding="utf-8")
    return path


def two_location_areas(view: ShopView, garage: str | None = "Shop floor") -> list[dict]:
    floor, back = lgid(view.location_id("Shop floor")), lgid(view.location_id("Back warehouse"))
    return [{"key": "showroom", "label": "Showroom", "location_id": floor, "standard": True},
            {"key": "warehouse", "label": "Warehouse", "location_id": back, "standard": True},
            {"key": "garage", "label": "Garage", "location_id": lgid(view.location_id(garage)) if garage else None,
             "standard": False}]


def area(counts: dict, key: str) -> dict:
    return counts["areas"][key]


# ====================================================================== install
def test_install_is_idempotent(cli: Cli, shop: EmbeddedShop, view: ShopView) -> None:
    first = cli.json("install")
    assert len(first["created"]) == 9 and first["existing"] == [] and first["incompatible"] == []
    assert first["areas_created"] and first["settings_created"]
    defs = definitions(shop)
    assert defs == {("PRODUCTVARIANT", "current_qty"): "number_integer",
                    ("PRODUCTVARIANT", "status"): "single_line_text_field",
                    ("PRODUCTVARIANT", "counts"): "json", ("PRODUCTVARIANT", "last_done"): "date_time",
                    ("PRODUCTVARIANT", "omit"): "boolean", ("PRODUCTVARIANT", "history"): "json",
                    ("SHOP", "areas"): "json",
                    ("SHOP", "sessions"): "json", ("SHOP", "settings"): "json"}
    shop_gid = shop.state.shop_gid()
    versions = {k: shop.state.metafield(shop_gid, "inventra", k).version for k in ("areas", "settings")}

    second = cli.json("install")
    assert second["created"] == [] and sorted(second["existing"]) == sorted(first["created"])
    assert not second["areas_created"] and not second["settings_created"]
    assert definitions(shop) == defs
    assert {k: shop.state.metafield(shop_gid, "inventra", k).version for k in ("areas", "settings")} == versions


def test_install_accepts_compatible_definitions_that_already_exist(cli: Cli, shop: EmbeddedShop) -> None:
    define(shop, "counts", "json", "PRODUCTVARIANT")
    define(shop, "areas", "json", "SHOP")
    report = cli.json("install")
    assert "PRODUCTVARIANT.counts" in report["existing"] and "SHOP.areas" in report["existing"]
    assert "PRODUCTVARIANT.counts" not in report["created"] and len(report["created"]) == 7
    assert report["incompatible"] == []
    assert definitions(shop)[("PRODUCTVARIANT", "counts")] == "json"
    assert len(definitions(shop)) == 9


def test_install_reports_an_incompatible_definition(cli: Cli, shop: EmbeddedShop) -> None:
    define(shop, "current_qty", "single_line_text_field", "PRODUCTVARIANT")
    result = cli.run("install", as_json=True)
    assert result.code == 1
    [sentence] = result.data["incompatible"]
    assert "current_qty" in sentence and "single_line_text_field" in sentence and "number_integer" in sentence
    assert definitions(shop)[("PRODUCTVARIANT", "current_qty")] == "single_line_text_field"  # not touched


def test_install_incompatible_definition_says_so_on_stderr(cli: Cli, shop: EmbeddedShop) -> None:
    define(shop, "current_qty", "single_line_text_field", "PRODUCTVARIANT")
    result = cli.fails("install")
    assert "current_qty" in result.err


def test_install_creates_default_areas_and_settings(cli: Cli, view: ShopView) -> None:
    report = cli.json("install")
    floor = lgid(view.location_id("Shop floor"))  # the first active location that ships inventory
    assert view.shop_json("areas") == [
        {"key": "showroom", "label": "Showroom", "location_id": floor, "standard": True},
        {"key": "warehouse", "label": "Warehouse", "location_id": floor, "standard": True},
        {"key": "garage", "label": "Garage", "location_id": floor, "standard": False}]
    settings = view.shop_json("settings")
    assert {"review_threshold_units", "review_threshold_percent", "low_stock_threshold",
            "blind_count_default"} <= set(settings)
    # three active locations: a notice asks to review the mapping
    [notice] = report["notices"]
    assert "3 locations" in notice and "Shop floor" in notice and "areas --set" in notice


@pytest.mark.parametrize("change", ["not shipping", "inactive"])
def test_install_maps_areas_to_the_first_active_shipping_location(cli: Cli, view: ShopView, change: str) -> None:
    floor = view.state.locations[view.location_id("Shop floor")]  # the merchant changed it in admin
    if change == "not shipping":
        floor.ships_inventory = False
    else:
        floor.is_active = False
    report = cli.json("install")
    back = lgid(view.location_id("Back warehouse"))
    assert [a["location_id"] for a in view.shop_json("areas")] == [back, back, back]
    assert any("Back warehouse" in n and "Review the mapping" in n for n in report["notices"])


def test_install_keeps_existing_areas_and_settings(cli: Cli, view: ShopView) -> None:
    shop_gid = view.state.shop_gid()
    areas = json.dumps([{"key": "cellar", "label": "Cellar", "location_id": None, "standard": False}])
    settings = json.dumps({"review_threshold_units": 9, "review_threshold_percent": 1.5, "low_stock_threshold": 0,
                           "blind_count_default": True, "area_scan_prefix": "A:"})
    view.state.put_metafield(shop_gid, "inventra", "areas", "json", areas)
    view.state.put_metafield(shop_gid, "inventra", "settings", "json", settings)
    report = cli.json("install")
    assert not report["areas_created"] and not report["settings_created"]
    assert view.raw(shop_gid, "areas") == areas and view.raw(shop_gid, "settings") == settings


def test_install_on_a_one_location_shop_gives_no_notice(
        shared_dir: Path, cli_for: Callable[[EmbeddedShop], tuple[Cli, ShopView]]) -> None:
    catalog = shared_dir / "fixtures" / "shopify-sample-apparel.csv"
    if not catalog.is_file():
        pytest.skip(f"fixture catalog absent: {catalog}")
    with EmbeddedShop(ShopConfig(plan="plus", catalogs=[catalog])) as shop:
        cli, view = cli_for(shop)
        report = cli.json("install")
        [only] = shop.state.locations.values()
        assert report["notices"] == []
        assert {a["location_id"] for a in view.shop_json("areas")} == {lgid(only.id)}


# ====================================================================== areas
def test_areas_prints_the_json_list_by_default(cli: Cli, view: ShopView) -> None:
    cli.ok("install")
    result = cli.ok("areas")  # no --json: the areas JSON all the same
    assert result.data == view.shop_json("areas")
    assert [a["key"] for a in result.data] == list(AREAS)


def test_areas_set_replaces_them(cli: Cli, view: ShopView, tmp_path: Path) -> None:
    cli.ok("install")
    new = two_location_areas(view)[:2] + [{"key": "loft", "label": "Loft", "location_id": None, "standard": False}]
    result = cli.ok("areas", "--set", str(write_areas(tmp_path, new)))
    assert view.shop_json("areas") == new
    assert result.data == new
    assert "loft" in result.err  # the unmapped area is pointed out, stdout stays clean JSON


@pytest.mark.parametrize("content", [
    "{not json",
    '{"key": "showroom", "label": "Showroom"}',  # not a list
    '[{"key": "Show Room", "label": "x"}]',  # not a valid key
    '[{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]',  # the same key twice
    "[]",
], ids=["bad-json", "not-a-list", "bad-key", "duplicate-key", "empty"])
def test_areas_set_refuses_a_bad_file_with_exit_2(cli: Cli, view: ShopView, tmp_path: Path, content: str) -> None:
    cli.ok("install")
    before = view.raw(view.state.shop_gid(), "areas")
    path = tmp_path / "areas.json"
    path.write_text(content, encoding="utf-8")
    result = cli.usage("areas", "--set", str(path))
    assert view.raw(view.state.shop_gid(), "areas") == before
    assert "validation error" not in result.err and "codec" not in result.err  # our words, not pydantic's


@pytest.mark.parametrize(("content", "said"), [
    (b'[{"key": "a", "label": "A"}, {"label": "B"}]', "(area 2, key: missing)"),
    (b"\xef\xbb\xbf[{\"key\": \"a\", \"label\": \"A\"}, 5]", "(area 2 is not an object like"),
    (b"[" * 100_000, "(its lists are nested too deep)"),
    (b"\xff\xfe[]", "(it is not UTF-8 text)"),
    (b'[{"key": "a",}]', "(it is not JSON: expecting property name enclosed in double quotes at line 1, column 14)"),
], ids=["which-area", "bom-then-not-an-object", "deep", "not-utf8", "where-in-the-json"])
def test_areas_set_says_where_a_file_is_wrong(cli: Cli, tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "areas.json"
    path.write_bytes(content)
    assert said in cli.usage("areas", "--set", str(path)).err


def test_areas_set_refuses_an_unknown_location_with_exit_2(cli: Cli, view: ShopView, tmp_path: Path) -> None:
    cli.ok("install")
    before = view.raw(view.state.shop_gid(), "areas")
    bad = [{"key": "showroom", "label": "Showroom", "location_id": "gid://shopify/Location/999999", "standard": True}]
    result = cli.usage("areas", "--set", str(write_areas(tmp_path, bad)))
    assert "gid://shopify/Location/999999" in result.err
    assert view.raw(view.state.shop_gid(), "areas") == before


# ====================================================================== session create
@pytest.mark.parametrize("name", ["two words", "semi;colon", "a/b", "tag,comma", "smile🙂", "x" * 239, "Ⅻ·b",
                                  "\u0e47mark-first"])  # a tone mark on no letter
def test_session_create_refuses_an_invalid_name_with_exit_2(cli: Cli, view: ShopView, name: str) -> None:
    cli.ok("install")
    result = cli.usage("session", "create", name, "--product-id", *p(view, LANTERN))
    assert ("255" in result.err) if len(name) > 200 else ("letters, digits" in result.err)
    assert not any(t.startswith(SESSION_TAG) for pr in view.state.products.values() for t in pr.tags)
    assert not view.shop_json("sessions")


@pytest.mark.parametrize("name", ["Inventur-März", "Zürich_2026", "棚卸-東京", "Инвентаризация", "x" * 238,
                                  "นับสต็อก-2026", "स्टॉक-गिनती", "جرد_المخزن"])  # vowel and tone marks are part of words
def test_session_names_take_letters_of_any_script_and_the_longest_tag_shopify_keeps(cli: Cli, view: ShopView,
                                                                                    name: str) -> None:
    cli.ok("install")
    cli.ok("session", "create", name, "--product-id", *p(view, LANTERN))
    assert SESSION_TAG + name in view.tags(view.product(LANTERN))
    cli.ok("snapshot", name)
    assert view.counts(view.variants_of(view.product(LANTERN))[0])["session"] == name
    assert cli.json("status", name)["session"] == name


def test_session_names_that_differ_only_by_case_or_accent_form_are_one_name(cli: Cli, view: ShopView) -> None:
    """Shopify matches tags ignoring case: SPRING must not take over Spring's products (issue 14)."""
    cli.ok("install")
    cli.ok("session", "create", "Spring", "--product-id", *p(view, LANTERN))
    cli.ok("snapshot", "Spring")
    cli.ok("count", "Spring", "--sku", "LC-LNT-001", "--area", "showroom", "--set", "4")
    before = view.counts("LC-LNT-001")
    result = cli.fails("session", "create", "SPRING", "--product-id", *p(view, LANTERN))
    assert "Spring" in result.err
    result = cli.fails("session", "create", "SPRING", "--product-id", *p(view, SPORK))
    assert "already open" in result.err
    assert view.counts("LC-LNT-001") == before  # nothing taken over, nothing erased
    result = cli.fails("snapshot", "SPRING")  # the kill scenario: SPRING is Spring, which is being counted
    assert "--force" in result.err and "Spring" in result.err
    assert view.counts("LC-LNT-001") == before
    assert not any(t.casefold() == "inventra-session-spring" and t != "Inventra-session-Spring"
                   for t in view.tags(view.product(LANTERN)))
    assert cli.json("status", "spring")["session"] == "Spring"  # any case finds the one session
    cli.ok("session", "create", "Cafe\u0301", "--product-id", *p(view, SPORK))  # "Café" typed decomposed
    cli.ok("session", "create", "Café", "--product-id", *p(view, SPORK))  # composed: the same session, resumed
    assert [s["name"] for s in cli.json("sessions")].count("Café") == 1


def test_session_create_with_a_product_in_another_open_session_changes_nothing(cli: Cli, view: ShopView) -> None:
    cli.ok("install")
    first, second = fresh_name("A"), fresh_name("B")
    cli.ok("session", "create", first, "--product-id", *p(view, SPORK, LANTERN))
    record_before = view.raw(view.state.shop_gid(), "sessions")

    result = cli.fails("session", "create", second, "--query", "vendor:'Kettle & Pine'")  # holds the spork
    assert "Titanium Spork" in result.err and first in result.err
    kettle = [pr for pr in view.state.products.values() if pr.vendor == "Kettle & Pine"]
    assert len(kettle) > 3
    assert not any(SESSION_TAG + second in pr.tags for pr in view.state.products.values())  # nothing tagged
    assert view.raw(view.state.shop_gid(), "sessions") == record_before  # no record written
    assert view.session(second) is None
    assert view.tags(view.product(SPORK)).count(SESSION_TAG + first) == 1


def test_session_create_tags_the_products_and_writes_the_record(cli: Cli, view: ShopView) -> None:
    cli.ok("install")
    name = fresh_name()
    out = cli.json("session", "create", name, "--query", "vendor:'Lumen & Co.'")
    lumen = [pr for pr in view.state.products.values() if pr.vendor == "Lumen & Co."]
    draft = view.product("Solar Festoon Lights")
    assert draft.status == "DRAFT" and draft in lumen  # the default statuses include drafts
    assert out["products"] == len(lumen) == 3
    for product in lumen:
        assert SESSION_TAG + name in view.tags(product)
    record = view.session(name)
    assert record is not None and record["state"] == "open" and record["created_by"] == "pc1"
    assert sorted(record["product_ids"]) == sorted(pgid(pr) for pr in lumen)
    others = [pr for pr in view.state.products.values() if pr.vendor != "Lumen & Co."]
    assert not any(SESSION_TAG + name in pr.tags for pr in others)


def test_session_create_query_names_its_statuses(cli: Cli, view: ShopView) -> None:
    cli.ok("install")
    hydration = [pr for pr in view.state.products.values() if "hydration" in pr.tags]
    archived = [pr for pr in hydration if pr.status == "ARCHIVED"]
    assert archived and len(hydration) > len(archived)
    default = fresh_name()
    cli.ok("session", "create", default, "--query", "tag:hydration")  # active and draft only
    assert sorted(view.session(default)["product_ids"]) == sorted(pgid(pr) for pr in hydration if pr not in archived)
    explicit = fresh_name()
    cli.ok("session", "create", explicit, "--query", "tag:hydration status:archived")  # as asked
    assert view.session(explicit)["product_ids"] == [pgid(pr) for pr in archived]


def test_session_create_by_product_id(cli: Cli, view: ShopView) -> None:
    cli.ok("install")
    name = fresh_name()
    ids = p(view, LANTERN, MUG)
    out = cli.json("session", "create", name, "--product-id", *ids)
    assert out["products"] == 2 and out["tagged"] == 2
    assert sorted(view.session(name)["product_ids"]) == sorted(ids)
    assert SESSION_TAG + name in view.tags(view.product(LANTERN))
    assert SESSION_TAG + name in view.tags(view.product(MUG))
    assert SESSION_TAG + name not in view.tags(view.product(SPORK))


def test_session_create_by_numeric_product_id(cli: Cli, view: ShopView) -> None:
    cli.ok("install")
    name = fresh_name()
    cli.ok("session", "create", name, "--product-id", str(view.product(LANTERN).id))
    assert SESSION_TAG + name in view.tags(view.product(LANTERN))


# ====================================================================== preflight
def test_preflight_json_lists_the_health_problems(cli: Cli, view: ShopView, tmp_path: Path) -> None:
    cli.ok("install")
    cli.ok("areas", "--set", str(write_areas(tmp_path, two_location_areas(view, garage=None))))
    # hand edits in admin: a duplicate SKU, a duplicate barcode, an untracked item, a variant with no code
    view.variant("KP-MUG-NVY").sku = "KP-MUG-CRM"
    view.variant("LC-HL300-ORG").barcode = view.variant("LC-HL300-BLK").barcode
    red = view.variant("KP-MUG-RED")
    view.state.items[red.inventory_item_id].tracked = False
    nocode = view.variant("HC-MUG-GRN")
    nocode.sku = nocode.barcode = None
    name = fresh_name()
    cli.ok("session", "create", name, "--product-id", *p(view, KIT, MUG, HEADLAMP, HEARTH))

    lines = cli.json("preflight", name)
    assert isinstance(lines, list)
    for line in lines:
        assert set(line) == {"kind", "subject", "detail", "effect"} and line["effect"] and line["detail"]
    by_kind: dict[str, list[dict]] = {}
    for line in lines:
        by_kind.setdefault(line["kind"], []).append(line)
    assert [ln["subject"] for ln in by_kind["bundle_parent"]] == ["NB-KIT-START"]
    assert [ln["subject"] for ln in by_kind["duplicate_sku"]] == ["KP-MUG-CRM"]
    assert [ln["subject"] for ln in by_kind["duplicate_barcode"]] == [view.variant("LC-HL300-BLK").barcode]
    assert [ln["subject"] for ln in by_kind["untracked"]] == ["KP-MUG-RED"]
    assert [ln["subject"] for ln in by_kind["unmapped_area"]] == ["Garage"]
    assert "garage" in by_kind["unmapped_area"][0]["detail"]
    assert len(by_kind["no_code"]) == 1 and "Hearth Stoneware Mug" in by_kind["no_code"][0]["subject"]
    assert "ambiguous" in by_kind["duplicate_sku"][0]["effect"]
    assert "NB-KIT-START" not in {ln["subject"] for k, ls in by_kind.items() if k != "bundle_parent" for ln in ls}


# ====================================================================== snapshot
def test_snapshot_writes_three_metafields_per_counted_variant(cli: Cli, view: ShopView, tmp_path: Path) -> None:
    cli.ok("install")
    cli.ok("areas", "--set", str(write_areas(tmp_path, two_location_areas(view))))  # garage shares Shop floor
    cli.ok("omit", "--sku", "HC-MUG-GRY")  # the persistent "never count this"
    name = fresh_name()
    cli.ok("session", "create", name, "--product-id", *p(view, KIT, HEARTH, LANTERN))
    out = cli.json("snapshot", name)
    assert (out["variants"], out["bundle_parents"], out["omitted"]) == (3, 1, 1)

    record = view.session(name)
    assert record["state"] == "snapshotted" and record["snapshot_at"] == out["snapshot_at"]
    floor, back = lgid(view.location_id("Shop floor")), lgid(view.location_id("Back warehouse"))
    for sku in ("HC-MUG-WHT", "HC-MUG-GRN", "LC-LNT-001"):
        v = view.variant(sku)
        assert view.vkeys(v) == {"counts", "current_qty", "status"}, sku
        counts = view.counts(v)
        baseline = {floor: view.on_hand(v, "Shop floor"), back: view.on_hand(v, "Back warehouse")}
        assert counts["baseline"] == baseline
        assert counts["session"] == name and counts["snapshot_at"] == record["snapshot_at"]
        assert counts["omitted"] is False and counts["ops"] == {}
        assert {k: (a["qty"], a["counted"]) for k, a in counts["areas"].items()} == {k: (0, False) for k in AREAS}
        assert view.vraw(v, "current_qty") == str(sum(baseline.values()))  # distinct locations, once each
        assert view.vraw(v, "status") == "pending"
    assert sum(view.on_hand(view.variant("LC-LNT-001"), loc) for loc in ("Shop floor", "Back warehouse")) > 0
    assert view.vkeys(view.variant("NB-KIT-START")) == set()  # the bundle parent: its components get counted
    assert view.vkeys(view.variant("HC-MUG-GRY")) == {"omit"}


def test_snapshot_again_needs_force_and_prunes_the_ops_watermark(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, LANTERN, SPORK))
    cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "showroom", "--add", "2")
    device = cli.device_id()
    before = view.counts("LC-LNT-001")
    assert area(before, "showroom")["qty"] == 2 and before["ops"] == {device: 1}

    result = cli.fails("snapshot", name)
    assert "--force" in result.err
    assert view.counts("LC-LNT-001") == before  # nothing thrown away

    forced = cli.ok("snapshot", name, "--force")
    assert "The counts entered for 1 variant were thrown away" in forced.out  # said, not silent
    after = view.counts("LC-LNT-001")
    assert {k: (a["qty"], a["counted"]) for k, a in after["areas"].items()} == {k: (0, False) for k in AREAS}
    assert view.vraw("LC-LNT-001", "status") == "pending"
    assert after["ops"] == {}  # operations made before it are refused by their snapshot time: no watermark needed
    assert after["snapshot_at"] == view.session(name)["snapshot_at"]
    cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "showroom", "--add", "1")  # the device counts on
    assert area(view.counts("LC-LNT-001"), "showroom")["qty"] == 1 and view.counts("LC-LNT-001")["ops"] == {device: 2}


@pytest.mark.parametrize("snapshotted_by", ["pc1", "office"])
def test_a_device_counts_on_by_variant_id_after_the_session_is_snapshotted_again(
        cli: Cli, view: ShopView, snapshotted_by: str) -> None:
    """A count by variant id is checked against this device's copy of the session, without the
    shop; a copy from before a new snapshot must not refuse every later count (it did: first
    'snapshotted again after this count was made', then 'has no snapshot in this session yet')."""
    name = cli.counting(*p(view, LANTERN, SPORK))
    variant = str(view.variant("LC-LNT-001").id)
    cli.ok("count", name, "--variant", variant, "--area", "showroom", "--add", "2")
    cli.ok("snapshot", name, "--force", device=snapshotted_by)
    first = cli.run("count", name, "--variant", variant, "--area", "showroom", "--add", "1")
    if snapshotted_by == "pc1":  # this device's own snapshot drops its copy: nothing is made against the old one
        assert first.code == 0, first.err
    else:  # made against the copy of before, refused by the shop and said (exit 4); the copy is dropped
        assert first.code == 4 and "snapshotted again" in first.err, first.err
    cli.ok("count", name, "--variant", variant, "--area", "showroom", "--add", "1")
    cli.ok("count", name, "--variant", variant, "--area", "showroom", "--add", "1")
    assert area(view.counts("LC-LNT-001"), "showroom")["qty"] == (3 if snapshotted_by == "pc1" else 2)


def test_the_watermark_is_bounded_by_the_devices_of_one_snapshot(cli: Cli, view: ShopView) -> None:
    """Issue 14 item 5: +37 bytes per device id ever seen, until 128 KB blocked the variant for
    every device. Thousands of device ids from earlier counts go at the next snapshot."""
    name = cli.counting(*p(view, LANTERN))
    counts = view.counts("LC-LNT-001")
    counts["ops"] = {f"{n:032x}": 40 for n in range(3000)}  # the devices of many earlier stock-takes
    view.hand_edit("LC-LNT-001", "counts", "json", json.dumps(counts))
    assert len(view.vraw("LC-LNT-001", "counts")) > 100_000
    cli.ok("snapshot", name, "--force")
    for device in ("kiosk-1", "kiosk-2", "kiosk-3"):
        cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "showroom", "--add", "1", device=device)
    after = view.counts("LC-LNT-001")
    assert area(after, "showroom")["qty"] == 3
    assert len(after["ops"]) == 3  # one entry per device that counted it since its snapshot
    assert len(view.vraw("LC-LNT-001", "counts")) < 1_000


# ====================================================================== counting
def test_count_status_rules_and_who_counted(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, LANTERN))
    sku = "LC-LNT-001"
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--add", "3")
    assert view.vraw(sku, "status") == "in_progress"  # the first count
    showroom = area(view.counts(sku), "showroom")
    assert (showroom["qty"], showroom["counted"], showroom["by"]) == (3, True, "pc1")
    assert datetime.fromisoformat(showroom["at"]).tzinfo is not None
    assert view.vraw(sku, "last_done") is None

    cli.ok("done", name, "--sku", sku)
    assert view.vraw(sku, "status") == "done"
    done_at = view.vraw(sku, "last_done")
    assert done_at and datetime.fromisoformat(done_at)

    cli.ok("count", name, "--barcode", view.variant(sku).barcode, "--area", "garage", "--set", "5",
           device="kiosk-2")  # another device, by barcode
    assert view.vraw(sku, "status") == "in_progress"  # a count after done
    garage = area(view.counts(sku), "garage")
    assert (garage["qty"], garage["counted"], garage["by"]) == (5, True, "kiosk-2")
    assert area(view.counts(sku), "showroom")["by"] == "pc1"
    assert view.vraw(sku, "last_done") == done_at  # kept

    cli.ok("count", name, "--variant", vgid(view.variant(sku)), "--area", "warehouse", "--counted", "--done")
    counts = view.counts(sku)
    assert (area(counts, "warehouse")["qty"], area(counts, "warehouse")["counted"]) == (0, True)
    assert view.vraw(sku, "status") == "done"
    cli.ok("reopen", name, "--sku", sku)
    assert view.vraw(sku, "status") == "in_progress"
    assert view.counts(sku)["ops"] == {cli.device_id("pc1"): 5, cli.device_id("kiosk-2"): 1}


def test_count_unknown_sku_fails_and_records_nothing(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, LANTERN))
    before = view.counts("LC-LNT-001")
    result = cli.fails("count", name, "--sku", "NO-SUCH-SKU", "--area", "showroom", "--add", "1")
    assert "NO-SUCH-SKU" in result.err
    cli.fails("count", name, "--barcode", "0000000000000", "--area", "showroom", "--add", "1")
    assert cli.journal_ops() == []
    assert view.counts("LC-LNT-001") == before


def test_count_duplicate_sku_or_barcode_lists_candidates_and_records_nothing(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, MUG))
    crm, nvy, red = (view.variant(s) for s in MUG_SKUS)
    nvy.sku = "KP-MUG-CRM"  # hand edits in admin
    red.barcode = crm.barcode
    result = cli.fails("count", name, "--sku", "KP-MUG-CRM", "--area", "showroom", "--add", "1")
    assert vgid(crm) in result.err and vgid(nvy) in result.err
    result = cli.fails("count", name, "--barcode", crm.barcode, "--area", "showroom", "--add", "1")
    assert vgid(crm) in result.err and vgid(red) in result.err
    assert cli.journal_ops() == []
    assert all(view.vraw(v, "status") == "pending" for v in (crm, nvy, red))


def test_count_below_zero_is_refused_when_recorded(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, LANTERN))
    sku = "LC-LNT-001"
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--set", "2")
    result = cli.fails("count", name, "--sku", sku, "--area", "showroom", "--add", "-3")
    assert "below zero" in result.err
    # the device also knows its own operations that are still waiting
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--add", "-2", "--no-wait")
    cli.fails("count", name, "--sku", sku, "--area", "showroom", "--add", "-1")
    assert [(op.kind.value, op.value) for op, _, _ in cli.journal_ops()] == [("set", 2), ("add", -2)]
    cli.ok("sync")
    assert area(view.counts(sku), "showroom")["qty"] == 0


def test_count_below_zero_unknown_to_the_device_is_rejected_at_delivery(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, LANTERN), device="office")
    sku = "LC-LNT-001"
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--set", "3", device="office")
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--add", "-2", "--no-wait", device="kiosk")
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--set", "0", device="office")
    report = cli.json("sync", device="kiosk")
    assert report["delivered"] == 0 and len(report["rejected"]) == 1
    assert "below zero" in report["rejected"][0]["reason"]
    assert area(view.counts(sku), "showroom")["qty"] == 0
    status = cli.json("status", name, device="kiosk")
    assert (status["rejected"], status["waiting"]) == (1, 0)
    assert view.counts(sku)["ops"][cli.device_id("kiosk")] == 1  # the watermark moved past it


def test_no_wait_then_sync_delivers(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, LANTERN, SPORK))
    cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "warehouse", "--add", "4", "--no-wait")
    cli.ok("done", "--no-wait", name, "--sku", "KP-SPK-TI")
    assert area(view.counts("LC-LNT-001"), "warehouse")["qty"] == 0  # not delivered yet
    assert view.vraw("KP-SPK-TI", "status") == "pending"
    assert [state for _, state, _ in cli.journal_ops()] == ["waiting", "waiting"]
    assert cli.json("status", name)["waiting"] == 2

    report = cli.json("sync")
    assert (report["delivered"], report["rejected"], report["waiting"]) == (2, [], 0)
    assert area(view.counts("LC-LNT-001"), "warehouse")["qty"] == 4
    assert view.vraw("LC-LNT-001", "status") == "in_progress"
    assert view.vraw("KP-SPK-TI", "status") == "done"
    assert cli.json("status", name)["waiting"] == 0
    assert cli.json("sync")["delivered"] == 0  # delivered once
    assert area(view.counts("LC-LNT-001"), "warehouse")["qty"] == 4


def test_a_finalized_session_refuses_counts(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, LANTERN))
    cli.ok("finalize", name, "--uncounted", "zero")
    before = view.counts("LC-LNT-001")
    result = cli.fails("count", name, "--sku", "LC-LNT-001", "--area", "showroom", "--add", "1")
    assert "finalized" in result.err
    cli.fails("done", name, "--sku", "LC-LNT-001")
    cli.fails("reopen", name, "--sku", "LC-LNT-001")
    assert cli.journal_ops() == []
    assert view.counts("LC-LNT-001") == before


def test_an_op_recorded_before_release_is_rejected_at_delivery_and_never_blocks(cli: Cli, view: ShopView) -> None:
    sku = "LC-LNT-001"
    name = cli.counting(*p(view, LANTERN), device="office")
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--add", "2", "--no-wait", device="kiosk")
    cli.ok("finalize", name, "--uncounted", "zero", device="office")
    cli.ok("release", name, "--yes", device="office")

    report = cli.json("sync", device="kiosk")
    assert report["delivered"] == 0 and len(report["rejected"]) == 1 and report["waiting"] == 0
    reason = report["rejected"][0]["reason"]
    assert name in reason and ("released" in reason or "snapshotted again" in reason)
    assert area(view.counts(sku), "showroom")["qty"] == 0
    status = cli.json("status", name, device="kiosk")
    assert (status["rejected"], status["waiting"]) == (1, 0)

    # the queue goes on: a new session on the same product takes this device's next count
    second = cli.counting(*p(view, LANTERN), device="office")
    cli.ok("count", second, "--sku", sku, "--area", "showroom", "--add", "1", device="kiosk")
    counts = view.counts(sku)
    assert counts["session"] == second and area(counts, "showroom")["qty"] == 1
    assert counts["ops"][cli.device_id("kiosk")] == 2
    assert cli.json("sync", device="kiosk")["rejected"] == []  # never retried
    states = [(op.seq, state, bool(reason)) for op, state, reason in cli.journal_ops("kiosk")]
    assert states == [(1, "rejected", True), (2, "delivered", False)]


def _next_second_after(stamp: str) -> None:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    while time.time() < moment + 1.05:
        time.sleep(0.05)


def test_an_op_recorded_before_a_new_snapshot_is_rejected_at_delivery(cli: Cli, view: ShopView) -> None:
    sku = "LC-LNT-001"
    name = cli.counting(*p(view, LANTERN), device="office")
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--add", "2", "--no-wait", device="kiosk")
    _next_second_after(view.session(name)["snapshot_at"])
    cli.ok("snapshot", name, "--force", device="office")
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--add", "1", "--no-wait", device="kiosk")

    report = cli.json("sync", device="kiosk")
    assert report["delivered"] == 1 and len(report["rejected"]) == 1
    assert "snapshotted again" in report["rejected"][0]["reason"]
    assert area(view.counts(sku), "showroom")["qty"] == 1  # only the count made after the snapshot
    assert cli.json("status", name, device="kiosk")["rejected"] == 1


def test_an_op_recorded_before_a_new_snapshot_in_the_same_second_is_rejected(
        cli: Cli, view: ShopView, monkeypatch: pytest.MonkeyPatch) -> None:
    import inventra_desktop.stocktake.clock as clock

    calls = iter(range(1, 1000))  # both snapshots fall in one clock second, a millisecond per reading

    def same_second() -> datetime:
        return datetime(2026, 11, 23, 10, 0, 0, 1000 * next(calls), tzinfo=timezone.utc)

    monkeypatch.setattr(clock, "_device_now", same_second)
    monkeypatch.setattr(clock, "_offset", 0.0)
    sku = "LC-LNT-001"
    name = cli.counting(*p(view, LANTERN), device="office")
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--add", "2", "--no-wait", device="kiosk")
    cli.ok("snapshot", name, "--force", device="office")
    report = cli.json("sync", device="kiosk")
    assert len(report["rejected"]) == 1
    assert area(view.counts(sku), "showroom")["qty"] == 0


# ====================================================================== finalize
def test_finalize_gate_says_how_many_are_not_done(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, MUG, LANTERN))
    cli.ok("count", name, "--sku", "KP-MUG-CRM", "--area", "showroom", "--set", "1", "--done")
    cli.ok("count", name, "--sku", "KP-MUG-NVY", "--area", "showroom", "--set", "1")
    tags_before = {t: view.tags(view.product(t)) for t in (MUG, LANTERN)}
    result = cli.fails("finalize", name)
    assert "3 variants are not done" in result.err
    assert view.session(name)["state"] == "snapshotted"
    assert {t: view.tags(view.product(t)) for t in (MUG, LANTERN)} == tags_before
    assert view.vraw("KP-MUG-RED", "status") == "pending" and view.vraw("KP-MUG-RED", "last_done") is None


def test_finalize_uncounted_zero(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, MUG, LANTERN))
    cli.ok("count", name, "--sku", "KP-MUG-CRM", "--area", "showroom", "--set", "4")  # in progress
    cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "warehouse", "--set", "2", "--done")
    lantern_before = view.counts("LC-LNT-001"), view.vraw("LC-LNT-001", "last_done")

    out = cli.json("finalize", name, "--uncounted", "zero")
    # RED and NVY had nothing counted: set to 0; CRM kept the 4 it had (not "counted as 0").
    assert (out["zeroed"], out["closed_with_counts"], out["participants"]) == (2, 1, 4)
    for sku in MUG_SKUS:
        counts = view.counts(sku)
        assert view.vraw(sku, "status") == "done" and view.vraw(sku, "last_done"), sku
        assert all(a["counted"] for a in counts["areas"].values()), sku
        assert counts["omitted"] is False
    crm = view.counts("KP-MUG-CRM")
    assert (area(crm, "showroom")["qty"], area(crm, "showroom")["by"]) == (4, "pc1")  # entered counts stay
    assert (area(crm, "warehouse")["qty"], area(crm, "garage")["qty"]) == (0, 0)
    assert {k: a["qty"] for k, a in view.counts("KP-MUG-RED")["areas"].items()} == {k: 0 for k in AREAS}
    assert (view.counts("LC-LNT-001"), view.vraw("LC-LNT-001", "last_done")) == lantern_before

    record = view.session(name)
    assert record["state"] == "finalized" and record["uncounted_choice"] == "zero"
    assert any(e["what"] == "finalized" and e["by"] == "pc1" and e["note"] == "zero" for e in record["events"])


def test_finalize_says_how_many_it_set_to_zero(cli: Cli, view: ShopView) -> None:
    """The field case: three not done, two of them with counts entered (one a counted 0)."""
    name = cli.counting(*p(view, HEARTH))
    cli.ok("count", name, "--sku", "HC-MUG-WHT", "--area", "showroom", "--set", "5")
    cli.ok("count", name, "--sku", "HC-MUG-GRN", "--area", "warehouse", "--set", "0")  # counted: 0 found
    out = cli.ok("finalize", name, "--uncounted", "zero").out
    assert "1 never counted and now counted as 0" in out and "2 not marked done closed with the counts" in out
    assert "3 counted as 0" not in out
    assert area(view.counts("HC-MUG-WHT"), "showroom")["qty"] == 5
    assert all(a["counted"] and a["qty"] == 0 for a in view.counts("HC-MUG-GRY")["areas"].values())


def test_finalize_uncounted_omit(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, MUG, LANTERN))
    cli.ok("count", name, "--sku", "KP-MUG-NVY", "--area", "showroom", "--set", "3")
    cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "showroom", "--set", "2", "--done")
    out = cli.json("finalize", name, "--uncounted", "omit")
    assert out["omitted"] == 3
    for sku in MUG_SKUS:
        counts = view.counts(sku)
        assert counts["omitted"] is True and view.vraw(sku, "status") != "done", sku
        assert view.vraw(sku, "last_done") is None
    assert area(view.counts("KP-MUG-NVY"), "showroom")["qty"] == 3
    assert view.counts("LC-LNT-001")["omitted"] is False
    record = view.session(name)
    assert record["state"] == "finalized" and record["uncounted_choice"] == "omit"
    status = cli.json("status", name)
    assert status["omitted"] == 3 and status["by_status"]["done"] == 1


def test_finalize_recomputes_area_tags(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, MUG, LANTERN, SPORK))
    mug, lantern, spork = view.product(MUG), view.product(LANTERN), view.product(SPORK)
    # left over from an earlier stock-take (or typed in admin): no longer true after this count
    mug.tags += ["Inventra-locations-warehouse", "Inventra-alert-garage"]
    spork.tags += ["Inventra-locations-showroom"]
    cli.ok("count", name, "--sku", "KP-MUG-CRM", "--area", "showroom", "--set", "4", "--done")
    cli.ok("count", name, "--sku", "KP-MUG-NVY", "--area", "warehouse", "--set", "0", "--done")
    cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "garage", "--set", "2")
    cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "showroom", "--set", "1", "--done")
    cli.ok("finalize", name, "--uncounted", "zero")

    def ours(product: Product) -> set[str]:
        return {t for t in view.tags(product) if t.startswith(("Inventra-locations-", "Inventra-alert-"))}
    assert ours(mug) == {"Inventra-locations-showroom"}
    assert ours(lantern) == {"Inventra-locations-showroom", "Inventra-locations-garage", "Inventra-alert-garage"}
    assert ours(spork) == set()
    assert SESSION_TAG + name in view.tags(mug)  # the session tag stays until release
    assert "camping" in view.tags(mug)  # the merchant's own tags are untouched


# ====================================================================== release
def test_release_resets_counters_and_keeps_the_history(cli: Cli, view: ShopView) -> None:
    cli.ok("install")
    cli.ok("omit", "--sku", "HC-MUG-GRY")
    name = fresh_name()
    cli.ok("session", "create", name, "--product-id", *p(view, HEARTH, LANTERN))
    cli.ok("snapshot", name)
    cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "garage", "--set", "2", "--done")
    cli.ok("count", name, "--sku", "HC-MUG-GRN", "--area", "showroom", "--set", "1")
    cli.ok("session", "omit", name, "--sku", "HC-MUG-WHT")
    assert view.counts("HC-MUG-WHT")["omitted"] is True
    cli.ok("finalize", name, "--uncounted", "zero")
    skus = ("LC-LNT-001", "HC-MUG-GRN", "HC-MUG-WHT")
    kept = {s: (view.vraw(s, "current_qty"), view.vraw(s, "last_done"), view.counts(s)["ops"]) for s in skus}
    assert kept["LC-LNT-001"][1] and kept["HC-MUG-GRN"][1] and kept["HC-MUG-WHT"][1] is None
    area_tags = {"Inventra-locations-garage", "Inventra-alert-garage"}
    assert area_tags <= set(view.tags(view.product(LANTERN)))

    asked = cli.usage("release", name)  # not run interactively: it asks for --yes and changes nothing
    assert "cannot be undone" in asked.err and "--yes" in asked.err and view.session(name)["state"] != "released"
    out = cli.json("release", name, "--yes")
    assert out["state"] == "released"

    def check() -> None:
        for sku in skus:
            counts = view.counts(sku)
            assert all(a == {"qty": 0, "counted": False, "by": None, "at": None} for a in counts["areas"].values())
            assert set(counts["areas"]) == set(AREAS)
            assert counts["omitted"] is False, sku  # session omissions cleared
            assert view.vraw(sku, "status") == "pending", sku
            assert (view.vraw(sku, "current_qty"), view.vraw(sku, "last_done"), counts["ops"]) == kept[sku], sku
        assert view.vraw("HC-MUG-GRY", "omit") == "true"  # the persistent flag
        assert view.vkeys(view.variant("HC-MUG-GRY")) == {"omit"}
        for title in (HEARTH, LANTERN):
            assert SESSION_TAG + name not in view.tags(view.product(title))
        assert area_tags <= set(view.tags(view.product(LANTERN)))
        assert "Inventra-locations-showroom" in view.tags(view.product(HEARTH))
        record = view.session(name)
        assert record["state"] == "released" and record["uncounted_choice"] == "zero"
        assert sorted(record["product_ids"]) == sorted(p(view, HEARTH, LANTERN))  # kept as history
    check()
    versions = {s: view.state.metafield(vgid(view.variant(s)), "inventra", "counts").version for s in skus}

    again = cli.json("release", name, "--yes")  # released already: it says so and changes nothing
    assert again["state"] == "released" and again["already"] is True
    check()
    assert {s: view.state.metafield(vgid(view.variant(s)), "inventra", "counts").version for s in skus} == versions
    assert [e["what"] for e in view.session(name)["events"]].count("released") == 1


# ====================================================================== hand-edited nonsense
@pytest.mark.parametrize("nonsense", [
    "{broken",
    "[]",
    '{"session": "X", "snapshot_at": null, "areas": {"showroom": {"qty": "three"}}}',
], ids=["not-json", "a-list", "qty-as-text"])
def test_hand_edited_counts_are_reported_and_reset_rewrites_them(cli: Cli, view: ShopView, nonsense: str) -> None:
    name = cli.counting(*p(view, MUG, LANTERN))
    view.hand_edit("LC-LNT-001", "counts", "json", nonsense)
    status = cli.json("status", name)
    problems = [pr for pr in status["problems"] if pr["variant"] == vgid(view.variant("LC-LNT-001"))]
    assert len(problems) == 1 and problems[0]["key"] == "counts" and problems[0]["reason"]
    assert set(problems[0]) >= {"variant", "key", "reason"}

    # nothing else breaks
    cli.ok("status", name)
    cli.ok("preflight", name)
    cli.ok("sessions")
    cli.ok("count", name, "--sku", "KP-MUG-CRM", "--area", "showroom", "--add", "2")
    assert area(view.counts("KP-MUG-CRM"), "showroom")["qty"] == 2
    cli.fails("finalize", name)  # the gate still answers with a sentence

    cli.ok("reset", name, "--sku", "LC-LNT-001")
    counts = view.counts("LC-LNT-001")
    assert counts["session"] == name and counts["snapshot_at"] == view.session(name)["snapshot_at"]
    assert {k: (a["qty"], a["counted"]) for k, a in counts["areas"].items()} == {k: (0, False) for k in AREAS}
    assert view.vraw("LC-LNT-001", "status") == "pending"
    assert cli.json("status", name)["problems"] == []
    cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "garage", "--add", "1")
    assert area(view.counts("LC-LNT-001"), "garage")["qty"] == 1


def test_a_count_rejected_at_delivery_says_so_on_stderr(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, LANTERN))
    view.hand_edit("LC-LNT-001", "counts", "json", "{broken")
    result = cli.fails("count", name, "--sku", "LC-LNT-001", "--area", "showroom", "--add", "1")
    assert "reset" in result.err


def test_reset_clears_hand_edited_last_done_and_omit(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, LANTERN))
    view.hand_edit("LC-LNT-001", "last_done", "date_time", "last tuesday")
    view.hand_edit("LC-LNT-001", "omit", "boolean", "maybe")
    assert sorted(pr["key"] for pr in cli.json("status", name)["problems"]) == ["last_done", "omit"]
    cli.ok("reset", name, "--sku", "LC-LNT-001")
    assert cli.json("status", name)["problems"] == []
    assert view.vraw("LC-LNT-001", "last_done") is None and view.vraw("LC-LNT-001", "omit") in (None, "false")


# ====================================================================== journal export
def test_journal_export_writes_every_operation_of_this_device(cli: Cli, view: ShopView, tmp_path: Path) -> None:
    sku = "LC-LNT-001"
    name = cli.counting(*p(view, LANTERN, SPORK), device="office")
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--set", "2", device="kiosk")
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--add", "-2", "--no-wait", device="kiosk")
    cli.ok("count", name, "--sku", sku, "--area", "showroom", "--set", "0", device="office")
    assert len(cli.json("sync", device="kiosk")["rejected"]) == 1
    cli.ok("done", name, "--sku", "KP-SPK-TI", "--no-wait", device="kiosk")

    target = tmp_path / "out" / "journal.csv"
    assert cli.json("journal", "export", name, "-o", str(target), device="kiosk")["rows"] == 3
    with target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["time", "device", "session", "variant", "sku", "area", "kind", "value", "state", "reason"]
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    lantern = vgid(view.variant(sku))
    kiosk = cli.device_id("kiosk")
    assert [(r["variant"], r["sku"], r["area"], r["kind"], r["value"], r["state"]) for r in body] == [
        (lantern, sku, "showroom", "set", "2", "delivered"),
        (lantern, sku, "showroom", "add", "-2", "rejected"),
        (vgid(view.variant("KP-SPK-TI")), "KP-SPK-TI", "", "done", "", "waiting")]
    assert all(r["device"] == kiosk and r["session"] == name and datetime.fromisoformat(r["time"]) for r in body)
    assert "below zero" in body[1]["reason"] and body[0]["reason"] == "" and body[2]["reason"] == ""


def test_the_gate_does_not_pass_over_a_variant_with_unreadable_counts(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, LANTERN, SPORK))
    cli.ok("count", name, "--sku", "KP-SPK-TI", "--area", "showroom", "--set", "1", "--done")
    view.hand_edit("LC-LNT-001", "counts", "json", "{broken")
    result = cli.fails("finalize", name)
    assert "LC-LNT-001" in result.err
    assert view.session(name)["state"] == "snapshotted"


def test_a_count_on_an_omitted_variant_is_refused_at_once_and_nothing_waits(cli: Cli, view: ShopView) -> None:
    """Issue 11's repro: the CLI refuses what the GUI refuses, with the GUI's sentence, before the journal."""
    name = cli.counting(*p(view, LANTERN))
    cli.ok("session", "omit", name, "--sku", "LC-LNT-001")
    result = cli.fails("count", name, "--sku", "LC-LNT-001", "--area", "showroom", "--add", "1", "--no-wait")
    assert "left out of this count" in result.err and "Nothing was recorded" in result.err
    assert cli.json("status", name)["waiting"] == 0
    assert cli.journal_ops() == []


def test_the_never_count_flag_set_while_counting_stops_the_counts_at_once(cli: Cli, view: ShopView) -> None:
    """`omit --sku` on a variant a session is counting: the session omits it too, so the next count
    is refused on every device (one with a copy of the session too), never called saved and dropped."""
    name = cli.counting(*p(view, HEARTH))
    cli.ok("count", name, "--sku", "HC-MUG-GRN", "--area", "showroom", "--add", "1", device="kiosk")  # a copy
    out = cli.json("omit", "--sku", "HC-MUG-GRN")
    assert out["omit"] is True and out["omitted_in_session"] == name
    refused = cli.run("count", name, "--sku", "HC-MUG-GRN", "--area", "showroom", "--add", "1", device="kiosk")
    assert refused.code == 1 and "left out of this count. Nothing was recorded." in refused.err, refused
    assert view.counts("HC-MUG-GRN")["areas"]["showroom"]["qty"] == 1 and view.counts("HC-MUG-GRN")["omitted"]
    back = cli.json("omit", "--sku", "HC-MUG-GRN", "--undo")
    assert back["omitted_in_session"] is None and view.counts("HC-MUG-GRN")["omitted"]  # `session omit --undo`


def test_the_apply_preview_says_where_done_takes_stock_out_that_nobody_counted(cli: Cli, view: ShopView,
                                                                               tmp_path: Path) -> None:
    """Done means counted everywhere: a lantern counted only on the shop floor and marked done goes to 0
    at the back warehouse. The preview names that line and sums what goes out, before the confirmation."""
    cli.ok("install")
    cli.ok("areas", "--set", str(write_areas(tmp_path, two_location_areas(view))))
    name = cli.counting(*p(view, LANTERN))
    back = view.state.level(view.variant("LC-LNT-001").inventory_item_id, view.location_id("Back warehouse"))
    assert back is not None and back.quantity("on_hand") > 0, "the lantern is stocked at the back warehouse"
    cli.ok("count", name, "--sku", "LC-LNT-001", "--area", "showroom", "--set", "3", "--done")
    cli.ok("finalize", name)
    preview = cli.usage("apply", name, "--keep", "difference")  # not interactive: the preview, then --yes asked
    stock = back.quantity("on_hand")
    assert f"LC-LNT-001 at Back warehouse: baseline {stock}, counted 0" in preview.out
    assert "(nothing was counted here: marked done elsewhere)" in preview.out
    assert f"1 line takes {stock} units out at locations where nothing of them was counted" in preview.out
    assert "at Shop floor" in preview.out and preview.out.count("nothing was counted here") == 1


def test_review_says_what_it_sent_back_and_what_it_accepted(cli: Cli, view: ShopView) -> None:
    name = cli.counting(*p(view, HEARTH))
    base = sum(json.loads(view.vraw("HC-MUG-WHT", "counts"))["baseline"].values())
    cli.ok("count", name, "--sku", "HC-MUG-WHT", "--area", "showroom", "--set", str(base + 5), "--done")
    listed = cli.ok("review", name, "--threshold", "0").out
    assert f"HC-MUG-WHT: counted {base + 5}, expected {base} (+5)" in listed
    sent = cli.ok("review", name, "--threshold", "0", "--recount", "HC-MUG-WHT").out
    assert "Sent back for a recount (in progress again): HC-MUG-WHT." in sent
    assert view.vraw("HC-MUG-WHT", "status") == "in_progress"
    cli.ok("done", name, "--sku", "HC-MUG-WHT")
    accepted = cli.ok("review", name, "--threshold", "0", "--accept").out
    assert "Accepted as counted, on the session's record: 1 variance." in accepted
