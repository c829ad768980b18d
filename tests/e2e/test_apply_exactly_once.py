"""Every line of an apply lands exactly once, whatever is killed, re-run, fixed or re-read (issue 14,
items 1 and 2), and lines with nothing to do are no lines at all (issue 12, item 6).

Kill points: the apply runs in a subprocess against a simulator answering every request late
(`slow` faults), and is SIGKILLed the moment its first inventory call has landed in the shop (its
bookkeeping after that call never reaches the shop). Everything is read back from the simulator's
own inventory history (`GET /_simulator/adjustments`) and levels.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from inventra_desktop.cli import main
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig

SHOP_FLOOR, POP_UP = 1001, 1003


@pytest.fixture
def shop(monkeypatch: pytest.MonkeyPatch) -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(plan="plus")) as running:
        monkeypatch.setenv("INVENTRA_TOKEN", running.token)
        yield running


def cli(shop: EmbeddedShop, folder: Path, *args: str) -> int:
    return main(["--shop", shop.url, "--data-dir", str(folder), "--device-name", "manager", *args])


def variant(shop: EmbeddedShop, sku: str):  # type: ignore[no-untyped-def]
    return next(v for v in shop.state.variants.values() if v.sku == sku)


def on_hand(shop: EmbeddedShop, sku: str, location: int = SHOP_FLOOR) -> int | None:
    level = shop.state.level(variant(shop, sku).inventory_item_id, location)
    return None if level is None else level.quantity("on_hand")


def sell(shop: EmbeddedShop, sku: str, units: int = 1, location: int = SHOP_FLOOR) -> None:
    with shop.state.lock:
        shop.state.level(variant(shop, sku).inventory_item_id, location).quantities["available"] -= units


def writes(shop: EmbeddedShop, session: str) -> Counter[tuple[int, int]]:
    """How often the apply of `session` changed each (item, location), as the shop recorded it
    (every line of an adjustment or a set moves on_hand once)."""
    seen: Counter[tuple[int, int]] = Counter()
    for group in httpx.get(f"{shop.url}/_simulator/adjustments", headers=shop.admin_headers).json():
        if group["reference_document_uri"] == f"gid://inventra/StockTake/{session}":
            for change in group["changes"]:
                if change["name"] == "on_hand":
                    seen[(change["item_id"], change["location_id"])] += 1
    return seen


def net(shop: EmbeddedShop, session: str) -> Counter[tuple[int, int]]:
    """The apply's net change per (item, location) of on_hand, from the shop's history."""
    total: Counter[tuple[int, int]] = Counter()
    for group in httpx.get(f"{shop.url}/_simulator/adjustments", headers=shop.admin_headers).json():
        if group["reference_document_uri"].startswith(f"gid://inventra/StockTake/{session}"):
            for change in group["changes"]:
                if change["name"] == "on_hand":
                    total[(change["item_id"], change["location_id"])] += change["delta"]
    return total


def kill_after_first_inventory_call(shop: EmbeddedShop, folder: Path, session: str, *args: str) -> None:
    """Run `inventra apply` in a subprocess and SIGKILL it once its first inventory call landed."""
    httpx.post(f"{shop.url}/_simulator/faults", json={"rates": {"slow": 1.0}, "slow_seconds": 0.4},
               headers=shop.admin_headers).raise_for_status()
    proc = subprocess.Popen([sys.executable, "-m", "inventra_desktop.cli", "--shop", shop.url, "--data-dir",
                             str(folder), "--device-name", "manager", "apply", session, "--yes", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while not writes(shop, session):
            assert proc.poll() is None, "the apply ended before its first inventory call landed"
            assert time.monotonic() < deadline, "no inventory call landed"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)  # its next request is still sleeping in the simulator
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        httpx.post(f"{shop.url}/_simulator/faults", json={}, headers=shop.admin_headers).raise_for_status()


def counted(shop: EmbeddedShop, folder: Path, name: str, counts: dict[str, int], query: str) -> None:
    assert cli(shop, folder, "install") == 0
    assert cli(shop, folder, "session", "create", name, "--query", query) == 0
    assert cli(shop, folder, "snapshot", name) == 0
    for sku, qty in counts.items():
        assert cli(shop, folder, "count", name, "--sku", sku, "--area", "showroom", "--set", str(qty), "--done") == 0
    assert cli(shop, folder, "finalize", name, "--uncounted", "zero") == 0


@pytest.mark.slow
def test_a_killed_apply_rerun_with_fix_writes_every_line_exactly_once(shop: EmbeddedShop, tmp_path: Path) -> None:
    """Issue 14 item 1: 11 of 12 lines were adjusted twice when --fix changed the set of lines."""
    untracked = variant(shop, "NB-CAP-SGE")
    shop.state.items[untracked.inventory_item_id].tracked = False  # its line needs --fix
    skus = {"NB-CAP-BLK": 3, "NB-CAP-SGE": 2, "NB-CAP-CRL": 40, "NB-BTL-500": 1, "NB-BTL-750": 6}
    counted(shop, tmp_path, "FIX", skus, "vendor:'Northbound Gear'")
    kill_after_first_inventory_call(shop, tmp_path, "FIX", "--keep", "difference")
    assert writes(shop, "FIX")  # the first call landed; the kill came before anything recorded it

    assert cli(shop, tmp_path, "apply", "FIX", "--keep", "difference", "--yes", "--fix") == 0
    once = writes(shop, "FIX")
    assert once and set(once.values()) == {1}, once  # no line twice, whatever the second run changed
    item = untracked.inventory_item_id
    assert (item, SHOP_FLOOR) in once  # the fixed line went in a call of its own
    for sku, qty in skus.items():
        assert on_hand(shop, sku) == qty, sku
    assert cli(shop, tmp_path, "apply", "FIX", "--keep", "difference", "--yes", "--fix") == 0  # applied: nothing
    assert writes(shop, "FIX") == once


@pytest.mark.slow
def test_keep_counted_killed_after_it_landed_keeps_a_later_sale(shop: EmbeddedShop, tmp_path: Path) -> None:
    """Issue 14 item 2: counted 40, the set landed, the process died, one unit sold: 39 stays."""
    counted(shop, tmp_path, "SETK", {"NB-CAP-CRL": 40, "NB-CAP-BLK": 3}, "title:'Trail Running Cap'")
    kill_after_first_inventory_call(shop, tmp_path, "SETK", "--keep", "counted")
    assert on_hand(shop, "NB-CAP-CRL") == 40
    sell(shop, "NB-CAP-CRL")
    assert cli(shop, tmp_path, "apply", "SETK", "--keep", "counted", "--yes") == 0  # no key "used with other
    assert on_hand(shop, "NB-CAP-CRL") == 39  # parameters", and the sale is not erased
    assert set(writes(shop, "SETK").values()) == {1}
    assert cli(shop, tmp_path, "revert", "SETK", "--yes") == 0  # and the session can finish
    assert sum(net(shop, "SETK").values()) == 0


def test_a_stale_line_read_again_never_sends_the_landed_ones_again(shop: EmbeddedShop, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 14 item 2, without a crash: the "run apply again" path must not set a landed line twice."""
    import inventra_desktop.services.applying as applying

    counted(shop, tmp_path, "STALE", {"NB-CAP-CRL": 40, "NB-CAP-BLK": 3}, "title:'Trail Running Cap'")
    real_send = applying._send
    sold = {"done": False}

    async def sale_then_send(shop_session, plan, batch, key):  # type: ignore[no-untyped-def]
        if not sold["done"]:  # a sale between the read and the write: this line is stale
            sold["done"] = True
            sell(shop, "NB-CAP-BLK")
        return await real_send(shop_session, plan, batch, key)
    monkeypatch.setattr(applying, "_send", sale_then_send)
    assert cli(shop, tmp_path, "apply", "STALE", "--keep", "counted", "--yes") == 1
    assert "changed in Shopify" in capsys.readouterr().err
    monkeypatch.setattr(applying, "_send", real_send)
    assert on_hand(shop, "NB-CAP-CRL") == 40  # the other line went through in a new call
    sell(shop, "NB-CAP-CRL", 2)  # sold after it landed
    assert cli(shop, tmp_path, "apply", "STALE", "--keep", "counted", "--yes") == 0
    assert on_hand(shop, "NB-CAP-CRL") == 38  # not set to 40 again: the sale stays sold
    assert on_hand(shop, "NB-CAP-BLK") == 3
    assert set(writes(shop, "STALE").values()) == {1}


def test_an_apply_that_stopped_part_way_can_be_reverted(shop: EmbeddedShop, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import inventra_desktop.services.applying as applying

    before = {sku: on_hand(shop, sku) for sku in ("NB-CAP-CRL", "NB-CAP-BLK")}
    counted(shop, tmp_path, "PART", {"NB-CAP-CRL": 40, "NB-CAP-BLK": 3}, "title:'Trail Running Cap'")
    real_send = applying._send

    async def second_refused(shop_session, plan, batch, key):  # type: ignore[no-untyped-def]
        if any(line.sku == "NB-CAP-BLK" for line in batch):
            sell(shop, "NB-CAP-BLK")  # stale, every time
        return await real_send(shop_session, plan, batch, key)
    monkeypatch.setattr(applying, "_send", second_refused)
    assert cli(shop, tmp_path, "apply", "PART", "--keep", "counted", "--yes") == 1
    assert cli(shop, tmp_path, "revert", "PART", "--yes") == 0
    assert on_hand(shop, "NB-CAP-CRL") == before["NB-CAP-CRL"]


def test_nothing_counted_where_nothing_is_kept_is_no_line_and_unwritten_lines_keep_the_session_open(
        shop: EmbeddedShop, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Issue 12 item 6. Showroom on the shop floor, the garage on the pop-up stand: the grey tent is
    not stocked at the pop-up stand and nothing was counted there (no line, never activated); an
    untracked mug counted 0 at a baseline of 0 (no line); the slate tent counted 2 in the garage,
    where it is not stocked (a line to fix: exit 1, the session stays appliable for it)."""
    areas = tmp_path / "areas.json"
    areas.write_text('[{"key": "showroom", "label": "Showroom", "location_id": "gid://shopify/Location/1001"},'
                     ' {"key": "garage", "label": "Garage", "location_id": "gid://shopify/Location/1003",'
                     ' "standard": false}]')
    assert cli(shop, tmp_path, "install") == 0
    assert cli(shop, tmp_path, "areas", "--set", str(areas)) == 0
    mug = variant(shop, "KP-MUG-NVY")
    shop.state.items[mug.inventory_item_id].tracked = False
    for level in shop.state.levels.values():
        if level.item_id == mug.inventory_item_id:
            level.quantities = {name: 0 for name in level.quantities}
    assert cli(shop, tmp_path, "session", "create", "NOOP", "--query", "title:'Tent' OR title:'Mug'") == 0
    assert cli(shop, tmp_path, "snapshot", "NOOP") == 0
    assert cli(shop, tmp_path, "count", "NOOP", "--sku", "NB-TNT4-SLT", "--area", "garage", "--set", "2") == 0
    assert cli(shop, tmp_path, "count", "NOOP", "--sku", "KP-MUG-NVY", "--area", "showroom", "--set", "0") == 0
    assert cli(shop, tmp_path, "finalize", "NOOP", "--uncounted", "zero") == 0
    capsys.readouterr()

    assert cli(shop, tmp_path, "apply", "NOOP", "--keep", "difference", "--yes") == 1
    out, err = capsys.readouterr()
    not_applied = [line for line in out.splitlines() if line.startswith("Not applied")]
    assert len(not_applied) == 1 and "NB-TNT4-SLT at Pop-up stand" in not_applied[0], out
    assert "--fix" in err and "stays finalized" in err
    assert '"state":"finalized"' in shop.state.metafield(shop.state.shop_gid(), "inventra", "sessions").value
    assert cli(shop, tmp_path, "apply", "NOOP", "--keep", "difference", "--yes", "--fix") == 0
    assert on_hand(shop, "NB-TNT4-SLT", POP_UP) == 2
    assert on_hand(shop, "NB-TNT2-SND", POP_UP) is None  # nobody found it there: never activated
    assert set(writes(shop, "NOOP").values()) == {1}

    assert cli(shop, tmp_path, "revert", "NOOP", "--yes") == 0
    assert cli(shop, tmp_path, "apply", "NOOP", "--keep", "difference", "--yes", "--fix") == 0
    assert on_hand(shop, "NB-TNT2-SND", POP_UP) is None  # not after a revert either
    assert on_hand(shop, "NB-TNT4-SLT", POP_UP) == 2
