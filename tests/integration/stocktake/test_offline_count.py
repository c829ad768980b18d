"""A count is recorded without the shop (issue 14, item 7): from this device's copy of the session,
checked by the same rules, with an exit code that says "saved, not delivered yet" when the shop
cannot be reached or hangs; and nothing recorded (exit 1, safe to repeat) only when the device has
no copy to check against."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from conftest import Cli, ShopView, vgid
from helpers import quick_retries, shop_session

from inventra_desktop.cli.output import EXIT_SAVED
from inventra_desktop.services import counting
from inventra_desktop.services.setup import VariantRef
from inventra_desktop.shopify.client import RetryPolicy
from inventra_desktop.simulator.embedded import EmbeddedShop
from inventra_desktop.stocktake.models import OpKind


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every try of a shop that is down fails at once: short pauses between them keep each command
    to a second instead of the ~12 s of real backoff, and change nothing of what is recorded."""
    quick_retries(monkeypatch)


def faults(shop: EmbeddedShop, **plan: object) -> None:
    httpx.post(f"{shop.url}/_simulator/faults", json=plan, headers=shop.admin_headers).raise_for_status()


def tent(view: ShopView) -> tuple[str, str]:
    product = view.product("Trailhead 2-Person Tent")
    variant = view.variants_of(product)[0]
    return vgid(variant), variant.sku or ""


def test_with_a_copy_a_count_is_saved_while_the_shop_is_down_and_delivered_later(cli: Cli, view: ShopView,
                                                                                shop: EmbeddedShop) -> None:
    product_gid = f"gid://shopify/Product/{view.product('Trailhead 2-Person Tent').id}"
    name = cli.counting(product_gid)
    variant_gid, sku = tent(view)
    cli.ok("status", name, device="kiosk")  # any read of the session leaves this device a copy
    faults(shop, rates={"http_503": 1.0})
    try:
        result = cli.run("count", name, "--sku", sku, "--area", "showroom", "--add", "2", device="kiosk")
    finally:
        faults(shop)
    assert result.code == EXIT_SAVED, result
    lines = [ln for ln in result.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "saved on this device, not delivered to the shop yet" in lines[0]
    assert "do not count it again" in lines[0]
    ((op, state, _),) = cli.journal_ops("kiosk")
    assert (op.variant, op.value, state) == (variant_gid, 2, "waiting")
    assert view.counts(sku)["areas"]["showroom"]["qty"] == 0  # not in the shop yet
    cli.ok("sync", device="kiosk")
    assert view.counts(sku)["areas"]["showroom"]["qty"] == 2
    assert [s for _, s, _ in cli.journal_ops("kiosk")] == ["delivered"]


def test_no_wait_with_a_copy_records_without_a_single_request(cli: Cli, view: ShopView, shop: EmbeddedShop) -> None:
    product_gid = f"gid://shopify/Product/{view.product('Trailhead 2-Person Tent').id}"
    name = cli.counting(product_gid)
    _, sku = tent(view)
    cli.ok("status", name, device="kiosk")
    before = shop.api.request_count
    cli.ok("count", name, "--sku", sku, "--area", "warehouse", "--set", "4", "--no-wait", device="kiosk")
    cli.ok("done", name, "--sku", sku, "--no-wait", device="kiosk")
    assert shop.api.request_count == before
    assert [(op.kind.value, s) for op, s, _ in cli.journal_ops("kiosk")] == [("set", "waiting"), ("done", "waiting")]
    # The copy's rules still refuse what the shop would: an area the session does not count.
    refused = cli.usage("count", name, "--sku", sku, "--area", "attic", "--add", "1", "--no-wait", device="kiosk")
    assert "attic" in refused.err and shop.api.request_count == before
    assert len(cli.journal_ops("kiosk")) == 2


def test_without_a_copy_and_without_the_shop_nothing_is_recorded(cli: Cli, view: ShopView, shop: EmbeddedShop) -> None:
    product_gid = f"gid://shopify/Product/{view.product('Trailhead 2-Person Tent').id}"
    name = cli.counting(product_gid)
    _, sku = tent(view)
    faults(shop, rates={"http_503": 1.0})
    try:
        result = cli.fails("count", name, "--sku", sku, "--area", "showroom", "--add", "1", device="new-kiosk")
    finally:
        faults(shop)
    assert "Nothing was recorded" in result.err and "no copy of session" in result.err
    assert "keeps your work" not in result.err  # there was none to keep
    assert cli.journal_ops("new-kiosk") == []


def test_a_count_online_keeps_the_variant_for_the_next_count_offline(cli: Cli, view: ShopView,
                                                                   shop: EmbeddedShop) -> None:
    product_gid = f"gid://shopify/Product/{view.product('Trailhead 2-Person Tent').id}"
    name = cli.counting(product_gid)
    variant_gid, sku = tent(view)
    cli.ok("count", name, "--variant", variant_gid, "--area", "showroom", "--add", "1", device="kiosk")
    faults(shop, rates={"http_503": 1.0})
    try:  # named by id: the one row this device keeps is enough to check it against
        again = cli.run("count", name, "--variant", variant_gid, "--area", "showroom", "--add", "1", device="kiosk")
        # by SKU it is not: the copy holds one variant, and a SKU unique in it may be shared in the shop
        by_sku = cli.run("count", name, "--sku", sku, "--area", "showroom", "--add", "1", device="kiosk")
    finally:
        faults(shop)
    assert again.code == EXIT_SAVED and by_sku.code == 1
    cli.ok("sync", device="kiosk")
    assert view.counts(sku)["areas"]["showroom"]["qty"] == 2


def test_a_hanging_shop_gives_up_with_the_count_saved(tmp_path: Path, cli: Cli, view: ShopView,
                                                     shop: EmbeddedShop) -> None:
    product_gid = f"gid://shopify/Product/{view.product('Trailhead 2-Person Tent').id}"
    name = cli.counting(product_gid)
    _, sku = tent(view)
    cli.ok("status", name, device="kiosk")
    faults(shop, rates={"slow": 1.0}, slow_seconds=30)
    try:
        async def scenario() -> counting.CountResult:
            policy = RetryPolicy(base_delay=0.05, max_delay=0.2, deadline=1.5, attempt_timeout=0.6)
            async with shop_session(shop, cli.data_dir("kiosk"), "kiosk", retry=policy) as kiosk:
                return await counting.count(kiosk, name, VariantRef(sku=sku), [(OpKind.ADD, "showroom", 3)])
        started = time.monotonic()
        result = asyncio.run(scenario())
        took = time.monotonic() - started
    finally:
        faults(shop)
    assert result.offline and not result.delivered and took < 5
    assert result.delivery_error and "did not answer within 2 s" in result.delivery_error
    assert [(op.value, s) for op, s, _ in cli.journal_ops("kiosk")] == [(3, "waiting")]
