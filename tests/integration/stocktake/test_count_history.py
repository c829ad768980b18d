"""Issue 15: each finalized count leaves an entry in the variant's `history` metafield, exactly once
per session and snapshot, noted by apply and revert, kept by release (through the `inventra` CLI,
checked in the simulator's state)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from inventra_desktop.services import closing

if TYPE_CHECKING:
    from conftest import Cli, ShopView

MUG = "Enamel Camping Mug"  # KP-MUG-CRM, KP-MUG-NVY, KP-MUG-RED
SPORK = "Titanium Spork"  # KP-SPK-TI


def pgid(view: ShopView, title: str) -> str:
    return f"gid://shopify/Product/{view.product(title).id}"


def history(view: ShopView, sku: str) -> list[dict[str, Any]]:
    raw = view.vraw(sku, "history")
    return json.loads(raw) if raw else []


def count_mugs(cli: Cli, view: ShopView, name: str, counted: dict[str, int]) -> None:
    for sku, qty in counted.items():
        cli.ok("count", name, "--sku", sku, "--area", "showroom", "--set", str(qty), "--done")


def test_finalize_writes_each_counted_variants_count_once_even_when_interrupted_and_run_again(
        cli: Cli, view: ShopView, monkeypatch: pytest.MonkeyPatch) -> None:
    name = cli.counting(pgid(view, MUG))
    baseline = {sku: sum(json.loads(view.vraw(sku, "counts"))["baseline"].values())
                for sku in ("KP-MUG-CRM", "KP-MUG-NVY", "KP-MUG-RED")}
    count_mugs(cli, view, name, {"KP-MUG-CRM": baseline["KP-MUG-CRM"] + 2, "KP-MUG-NVY": 0})
    real_set_state = closing.set_state

    async def dies_at_the_last_step(*args: Any, **kw: Any) -> Any:
        if args[3] == "finalized":
            raise ConnectionError("the network went away")
        return await real_set_state(*args, **kw)
    monkeypatch.setattr(closing, "set_state", dies_at_the_last_step)
    assert cli.run("finalize", name, "--uncounted", "zero").code == 1  # the count is not finalized
    assert len(history(view, "KP-MUG-CRM")) == 1 and view.session(name)["state"] == "snapshotted"
    monkeypatch.setattr(closing, "set_state", real_set_state)
    out = cli.json("finalize", name, "--uncounted", "zero")
    assert out["histories"] == 3 and view.session(name)["state"] == "finalized"
    snapshot_at = json.loads(view.vraw("KP-MUG-CRM", "counts"))["snapshot_at"]
    for sku, counted in (("KP-MUG-CRM", baseline["KP-MUG-CRM"] + 2), ("KP-MUG-NVY", 0), ("KP-MUG-RED", 0)):
        [entry] = history(view, sku)  # one entry: the run again replaced the first run's
        assert (entry["session"], entry["snapshot_at"]) == (name, snapshot_at)
        assert (entry["baseline"], entry["counted"], entry["applied"]) == (baseline[sku], counted, None)
    crm = history(view, "KP-MUG-CRM")[0]
    assert crm["by"] == ["pc1"] and crm["areas"] == {"showroom": baseline["KP-MUG-CRM"] + 2} and crm["counted_at"]
    zeroed = history(view, "KP-MUG-RED")[0]  # never counted, closed at 0 by the manager's choice: every area at 0
    assert zeroed["areas"] == {"showroom": 0, "warehouse": 0, "garage": 0} and zeroed["by"] == ["pc1"]
    assert history(view, "KP-SPK-TI") == []  # not in the session: no history


def test_apply_notes_the_change_revert_clears_it_and_release_keeps_the_history(cli: Cli, view: ShopView) -> None:
    name = cli.counting(pgid(view, SPORK))
    base = sum(json.loads(view.vraw("KP-SPK-TI", "counts"))["baseline"].values())
    cli.ok("count", name, "--sku", "KP-SPK-TI", "--area", "showroom", "--set", str(base + 3), "--done")
    cli.ok("finalize", name)
    cli.ok("apply", name, "--keep", "difference", "--yes")
    [entry] = history(view, "KP-SPK-TI")
    assert entry["applied"] == 3 and entry["counted"] - entry["baseline"] == 3
    cli.ok("revert", name, "--yes")
    assert history(view, "KP-SPK-TI")[0]["applied"] is None
    cli.ok("release", name, "--yes")
    assert [e["counted"] for e in history(view, "KP-SPK-TI")] == [base + 3]  # release keeps it
    second = cli.counting(pgid(view, SPORK))  # a new count adds an entry after the first
    cli.ok("count", second, "--sku", "KP-SPK-TI", "--area", "showroom", "--set", "1", "--done")
    cli.ok("finalize", second)
    assert [(e["session"], e["counted"]) for e in history(view, "KP-SPK-TI")] == [(name, base + 3), (second, 1)]


def test_a_history_edited_into_nonsense_is_replaced_and_finalize_says_so(cli: Cli, view: ShopView) -> None:
    name = cli.counting(pgid(view, SPORK))
    view.hand_edit("KP-SPK-TI", "history", "json", '{"not": "a list"}')
    cli.ok("count", name, "--sku", "KP-SPK-TI", "--area", "showroom", "--set", "2", "--done")
    result = cli.ok("finalize", name)
    assert "1 count history could not be read" in result.out
    assert [e["counted"] for e in history(view, "KP-SPK-TI")] == [2]


def test_only_the_last_twelve_counts_are_kept(cli: Cli, view: ShopView) -> None:
    old = [{"session": f"OLD{i}", "snapshot_at": f"2026-01-{i + 1:02d}T10:00:00Z", "at": f"2026-01-{i + 1:02d}T12:00:00Z",
            "baseline": 5, "counted": 5} for i in range(12)]
    view.hand_edit("KP-SPK-TI", "history", "json", json.dumps(old))
    name = cli.counting(pgid(view, SPORK))
    cli.ok("count", name, "--sku", "KP-SPK-TI", "--area", "showroom", "--set", "4", "--done")
    cli.ok("finalize", name)
    kept = history(view, "KP-SPK-TI")
    assert len(kept) == 12 and kept[0]["session"] == "OLD1" and kept[-1]["session"] == name
