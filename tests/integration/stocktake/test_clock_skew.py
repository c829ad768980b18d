"""A device clock years off neither prunes the session it just released nor writes its wrong
time into the shop (issue 14 item 10): times follow the shop's clock (each answer's Date header),
and pruning follows the order of the sessions record's writes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest

from inventra_desktop.stocktake import clock

if TYPE_CHECKING:
    from conftest import Cli, ShopView

SKU = "LC-LNT-001"


def released(n: int) -> dict[str, object]:
    at = f"2026-0{1 + n % 9}-1{n % 10}T10:00:00Z"
    return {"name": f"Old{n}", "state": "released", "product_ids": [], "created_at": at, "created_by": "pc",
            "events": [{"what": "released", "at": at, "by": "pc"}]}


def near_now(stamp: str) -> bool:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return abs((moment - datetime.now(timezone.utc)).total_seconds()) < 300


def test_a_pc_two_years_behind_releases_a_session_that_stays_in_the_history(
        cli: Cli, view: ShopView, monkeypatch: pytest.MonkeyPatch) -> None:
    cli.ok("install")
    view.state.put_metafield(view.state.shop_gid(), "inventra", "sessions", "json",
                             json.dumps([released(n) for n in range(50)]))
    monkeypatch.setattr(clock, "_offset", 0.0)  # restored afterwards: the offset is the process's
    monkeypatch.setattr(clock, "_device_now", lambda: datetime.now(timezone.utc) - timedelta(days=730))
    name = cli.counting(f"gid://shopify/Product/{view.product_of(SKU).id}", name="Skew")
    cli.ok("count", name, "--sku", SKU, "--area", "showroom", "--set", "2", "--done")
    cli.ok("finalize", name)
    cli.ok("release", name, "--yes")  # it failed with "coroutine raised StopIteration"

    sessions = view.shop_json("sessions")
    names = [s["name"] for s in sessions]
    assert "Skew" in names and len(names) == 50  # the one just released stays; the first released goes
    assert names[-1] == "Skew" and "Old0" not in names
    record = next(s for s in sessions if s["name"] == "Skew")
    assert all(near_now(e["at"]) for e in record["events"]), record["events"]  # the shop's time, not 2024's
    assert near_now(record["created_at"]) and near_now(record["snapshot_at"])
    assert near_now(view.vraw(SKU, "last_done") or "")
