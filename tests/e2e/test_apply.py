"""From count to stock: apply with stock moving during the count, stale reads, crashes, revert."""

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
from helpers import shop_session

from inventra_desktop.cli import main
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.simulator.sales import SalesGenerator


@pytest.fixture
def shop() -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(plan="plus")) as running:
        os.environ["INVENTRA_TOKEN"] = running.token
        yield running


def cli(shop: EmbeddedShop, folder: Path, *args: str) -> int:
    return main(["--shop", shop.url, "--data-dir", str(folder), "--device-name", "manager", *args])


def level(shop: EmbeddedShop, sku: str) -> tuple[int, int]:
    """(item id, location id) of the variant's level at the areas' location, and its on_hand."""
    variant = next(v for v in shop.state.variants.values() if v.sku == sku)
    return variant.inventory_item_id, min(shop.state.locations)


def on_hand(shop: EmbeddedShop, sku: str) -> int:
    item, loc = level(shop, sku)
    return shop.state.level(item, loc).quantity("on_hand")


def counted_session(shop: EmbeddedShop, folder: Path, name: str, counts: dict[str, int]) -> None:
    assert cli(shop, folder, "install") == 0
    assert cli(shop, folder, "session", "create", name, "--query", "vendor:'Northbound Gear'") == 0
    assert cli(shop, folder, "snapshot", name) == 0
    for sku, qty in counts.items():
        assert cli(shop, folder, "count", name, "--sku", sku, "--area", "showroom", "--set", str(qty), "--done") == 0


def test_keep_difference_keeps_what_sold_during_the_count(shop: EmbeddedShop, tmp_path: Path) -> None:
    skus = {"NB-TNT2-GRN": 4, "NB-TNT2-SND": 30, "NB-DP35-CHR": 0}
    counted_session(shop, tmp_path, "DIFF", skus)
    baseline = {sku: on_hand(shop, sku) for sku in skus}
    sales = SalesGenerator(shop.state, per_second=0, seed=4)
    for _ in range(200):  # orders and fulfilments move stock while the count goes on
        sales.tick()
    moved = {sku: on_hand(shop, sku) - baseline[sku] for sku in skus}
    assert any(moved.values())
    assert cli(shop, tmp_path, "finalize", "DIFF", "--uncounted", "zero") == 0
    assert cli(shop, tmp_path, "apply", "DIFF", "--keep", "difference", "--yes") == 0
    for sku, counted in skus.items():
        assert on_hand(shop, sku) == counted + moved[sku], sku
    assert cli(shop, tmp_path, "apply", "DIFF", "--keep", "difference", "--yes") == 0  # applied: nothing again
    assert all(on_hand(shop, sku) == counted + moved[sku] for sku, counted in skus.items())


def test_keep_counted_sets_on_hand_and_catches_a_stale_read(shop: EmbeddedShop, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    skus = {"NB-TNT4-GRN": 7, "NB-TNT4-SLT": 2}
    counted_session(shop, tmp_path, "SET", skus)
    assert cli(shop, tmp_path, "finalize", "SET", "--uncounted", "zero") == 0
    import inventra_desktop.services.applying as inventory
    real_send = inventory._send
    sold = {"done": False}

    async def sale_then_send(shop_session, plan, batch, key):  # type: ignore[no-untyped-def]
        if not sold["done"]:  # a sale lands between the read and the write
            sold["done"] = True
            item, loc = level(shop, "NB-TNT4-GRN")
            with shop.state.lock:
                shop.state.level(item, loc).quantities["available"] -= 1
        return await real_send(shop_session, plan, batch, key)
    monkeypatch.setattr(inventory, "_send", sale_then_send)
    assert cli(shop, tmp_path, "apply", "SET", "--keep", "counted", "--yes") == 1
    assert "changed in Shopify" in capsys.readouterr().err
    assert on_hand(shop, "NB-TNT4-SLT") == 2  # the rest went through
    assert cli(shop, tmp_path, "apply", "SET", "--keep", "counted", "--yes") == 0  # re-read, shown again, applied
    assert on_hand(shop, "NB-TNT4-GRN") == 7


def test_revert_restores_and_a_new_apply_run_is_possible(shop: EmbeddedShop, tmp_path: Path) -> None:
    skus = {"NB-CAP-SGE": 3}
    counted_session(shop, tmp_path, "REV", skus)
    before = on_hand(shop, "NB-CAP-SGE")
    assert cli(shop, tmp_path, "finalize", "REV", "--uncounted", "zero") == 0
    assert cli(shop, tmp_path, "apply", "REV", "--keep", "difference", "--yes") == 0
    assert on_hand(shop, "NB-CAP-SGE") == 3
    assert cli(shop, tmp_path, "revert", "REV", "--yes") == 0
    assert on_hand(shop, "NB-CAP-SGE") == before
    history = httpx.get(f"{shop.url}/_simulator/adjustments", headers=shop.admin_headers).json()
    assert any(h["reference_document_uri"] == "gid://inventra/StockTake/REV/revert" for h in history)
    assert cli(shop, tmp_path, "apply", "REV", "--keep", "difference", "--yes") == 0
    assert on_hand(shop, "NB-CAP-SGE") == 3


@pytest.mark.slow
def test_a_killed_apply_run_again_applies_nothing_twice(tmp_path: Path) -> None:
    with EmbeddedShop(ShopConfig(plan="plus", synthetic=320, synthetic_variants=1)) as shop:
        os.environ["INVENTRA_TOKEN"] = shop.token
        assert cli(shop, tmp_path, "install") == 0
        assert cli(shop, tmp_path, "session", "create", "KILL", "--query", "status:active,draft,archived") == 0
        assert cli(shop, tmp_path, "snapshot", "KILL") == 0
        assert cli(shop, tmp_path, "finalize", "KILL", "--uncounted", "zero") == 0  # every line: -baseline
        home = min(shop.state.locations)
        countable = {i.id for i in shop.state.items.values()
                     if i.tracked and not shop.state.variants[i.variant_id].components}  # the rest is reported
        expected = {lv.item_id: -lv.quantity("on_hand") for lv in shop.state.levels.values()
                    if lv.location_id == home and lv.quantity("on_hand") and lv.item_id in countable}
        httpx.post(f"{shop.url}/_simulator/faults", json={"rates": {"slow": 0.5}, "slow_seconds": 0.6, "seed": 2},
                   headers=shop.admin_headers).raise_for_status()
        for wait in (1.2, 2.0, 2.8):
            proc = subprocess.Popen([sys.executable, "-m", "inventra_desktop.cli", "--shop", shop.url, "--data-dir",
                                     str(tmp_path), "apply", "KILL", "--keep", "difference", "--yes"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ))
            time.sleep(wait)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        httpx.post(f"{shop.url}/_simulator/faults", json={}, headers=shop.admin_headers).raise_for_status()
        # Exit 1: the untracked items' lines are not written (apply --fix would); the session stays finalized.
        assert cli(shop, tmp_path, "apply", "KILL", "--keep", "difference", "--yes") == 1
        applied: Counter[int] = Counter()
        for group in httpx.get(f"{shop.url}/_simulator/adjustments", headers=shop.admin_headers).json():
            if group["reference_document_uri"] == "gid://inventra/StockTake/KILL":
                for change in group["changes"]:
                    if change["name"] == "available" and change["location_id"] == home:
                        applied[change["item_id"]] += change["delta"]
        assert dict(applied) == expected  # every line exactly once
        assert all(shop.state.level(item, home).quantity("on_hand") == 0 for item in expected)


def _service(shop: EmbeddedShop, call):  # type: ignore[no-untyped-def]
    """Run one service call as a manager's PC would (its own data folder)."""
    import asyncio
    import tempfile

    async def go():  # type: ignore[no-untyped-def]
        with tempfile.TemporaryDirectory() as folder:
            async with shop_session(shop, Path(folder), "manager") as session:
                return await call(session)
    return asyncio.run(go())


def _plan(shop: EmbeddedShop, name: str, keep: str):  # type: ignore[no-untyped-def]
    from inventra_desktop.services.closing import plan_apply

    return _service(shop, lambda session: plan_apply(session, name, keep))  # type: ignore[arg-type]


def _apply(shop: EmbeddedShop, plan) -> object:  # type: ignore[no-untyped-def]
    from inventra_desktop.services.closing import apply

    return _service(shop, lambda session: apply(session, plan))


def test_a_choice_per_line_keeps_the_difference_here_and_the_counted_there(shop: EmbeddedShop, tmp_path: Path,
                                                                          capsys) -> None:  # type: ignore[no-untyped-def]
    skus = {"NB-TNT2-GRN": 4, "NB-TNT2-SND": 30}
    counted_session(shop, tmp_path, "MIX", skus)
    baseline = {sku: on_hand(shop, sku) for sku in skus}
    item, loc = level(shop, "NB-TNT2-SND")
    shop.state.level(item, loc).quantities["available"] -= 2  # two sold while counting (on_hand sums the parts)
    item, loc = level(shop, "NB-TNT2-GRN")
    shop.state.level(item, loc).quantities["available"] -= 1
    assert cli(shop, tmp_path, "finalize", "MIX", "--uncounted", "zero") == 0
    plan = _plan(shop, "MIX", "difference")
    counted_line = next(line for line in plan.lines if line.sku == "NB-TNT2-SND")
    plan.choose("counted", counted_line)
    assert counted_line.change == 30 - (baseline["NB-TNT2-SND"] - 2)
    result = _apply(shop, plan)
    assert not result.failed and not result.stale  # type: ignore[attr-defined]
    assert on_hand(shop, "NB-TNT2-SND") == 30  # keep counted: exactly what was counted
    assert on_hand(shop, "NB-TNT2-GRN") == 4 - 1  # keep difference: the sale stays sold
    session = next(r for r in _plan(shop, "MIX", "difference").session.events if r.what == "applied")
    assert "1 lines the other way" in (session.note or "")
    capsys.readouterr()
    assert cli(shop, tmp_path, "drift", "MIX") == 0  # the apply's own change is not stock that moved
    moved = capsys.readouterr().out
    assert "NB-TNT2-SND: -2 at" in moved and "NB-TNT2-GRN: -1 at" in moved, moved


def test_an_interrupted_apply_resumes_with_the_choices_it_started_with(shop: EmbeddedShop, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      capsys) -> None:  # type: ignore[no-untyped-def]
    import inventra_desktop.services.applying as inventory

    skus = {"NB-TNT2-GRN": 4, "NB-TNT2-SND": 30}
    counted_session(shop, tmp_path, "RES", skus)
    assert cli(shop, tmp_path, "finalize", "RES", "--uncounted", "zero") == 0
    plan = _plan(shop, "RES", "difference")
    plan.choose("counted", next(line for line in plan.lines if line.sku == "NB-TNT2-SND"))

    async def crash(shop_session, plan, batch, key):  # type: ignore[no-untyped-def]
        raise ConnectionError("the PC lost power")
    monkeypatch.setattr(inventory, "_send", crash)
    with pytest.raises(ConnectionError):
        _apply(shop, plan)
    monkeypatch.undo()
    resumed = _plan(shop, "RES", "counted")  # someone asks for the other choice: the started one wins
    assert resumed.locked and resumed.keep == "difference"
    keeps = {line.sku: line.keep for line in resumed.lines}
    assert keeps.pop("NB-TNT2-SND") == "counted" and set(keeps.values()) == {"difference"}
    with pytest.raises(Exception, match="resumes with the choices"):
        resumed.choose("counted")
    assert cli(shop, tmp_path, "apply", "RES", "--keep", "counted", "--yes") == 0
    assert "resumes keeping the difference" in capsys.readouterr().err
    assert on_hand(shop, "NB-TNT2-SND") == 30 and on_hand(shop, "NB-TNT2-GRN") == 4
    assert cli(shop, tmp_path, "revert", "RES", "--yes") == 0
    assert not _plan(shop, "RES", "counted").locked  # a new run chooses afresh


def test_lines_the_apply_could_not_write_are_in_the_report(shop: EmbeddedShop, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import inventra_desktop.services.applying as inventory

    counted_session(shop, tmp_path, "FAIL", {"NB-TNT2-GRN": 4})
    assert cli(shop, tmp_path, "finalize", "FAIL", "--uncounted", "zero") == 0

    async def refused(shop_session, plan, batch, key):  # type: ignore[no-untyped-def]
        return [{"field": ["input", "changes", "0"], "message": "The location is inactive", "code": "INVALID"}]
    monkeypatch.setattr(inventory, "_send", refused)
    result = _apply(shop, _plan(shop, "FAIL", "difference"))
    assert result.failed  # type: ignore[attr-defined]
    monkeypatch.undo()

    def report():  # type: ignore[no-untyped-def]
        from inventra_desktop.services.closing import load_report
        return _service(shop, lambda session: load_report(session, "FAIL"))
    failed = [e for e in report().exceptions if e.kind == "apply_failed"]
    assert failed and "The location is inactive" in failed[0].detail and "Shop floor" in failed[0].detail
    assert cli(shop, tmp_path, "apply", "FAIL", "--yes") == 0  # applied on the second try: the list is cleared
    assert not [e for e in report().exceptions if e.kind == "apply_failed"]
