"""What `inventra count` exits with says whether the tap was kept (issue 14 item 7):
0 saved and delivered, 1 nothing recorded (safe to repeat), 3 saved here but not delivered (do not
repeat), 4 recorded but refused by the shop; and `--key` makes a repeated command count once."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from helpers import quick_retries

from inventra_desktop.simulator.embedded import EmbeddedShop

if TYPE_CHECKING:
    from conftest import Cli, ShopView

SKUS = ("LC-LNT-001", "KP-SPK-TI")


@pytest.fixture(autouse=True)
def two_quick_tries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The client gives up after two tries, so that failures reach the commands quickly."""
    quick_retries(monkeypatch, attempts=2)


def start(cli: Cli, view: ShopView) -> str:
    return cli.counting(*[f"gid://shopify/Product/{view.product_of(s).id}" for s in SKUS])


def total(view: ShopView, sku: str) -> int:
    counts = view.counts(sku)
    assert counts is not None
    return sum(a["qty"] for a in counts["areas"].values())


def faults(shop: EmbeddedShop, **plan: object) -> None:
    httpx.post(f"{shop.url}/_simulator/faults", json=plan, headers=shop.admin_headers).raise_for_status()


def test_a_repeated_key_counts_once_and_another_count_under_it_is_refused(cli: Cli, view: ShopView) -> None:
    name = start(cli, view)
    args = ("count", name, "--sku", SKUS[0], "--area", "showroom", "--add", "2", "--key", "scan-0001")
    first, again = cli.run(*args), cli.run(*args)
    assert (first.code, again.code) == (0, 0), (first.err, again.err)
    assert "nothing was counted again" in again.out
    assert total(view, SKUS[0]) == 2 and len(cli.journal_ops()) == 1
    other = cli.usage("count", name, "--sku", SKUS[0], "--area", "showroom", "--add", "5", "--key", "scan-0001")
    assert "another count" in other.err
    assert total(view, SKUS[0]) == 2 and len(cli.journal_ops()) == 1


def test_a_keyed_repeat_is_answered_by_the_journal_while_the_shop_cannot_be_reached(
        cli: Cli, view: ShopView, shop: EmbeddedShop) -> None:
    name = start(cli, view)
    args = ("count", name, "--sku", SKUS[1], "--area", "garage", "--set", "3", "--key", "k-7")
    assert cli.run(*args, "--no-wait").code == 0  # recorded here, not delivered
    faults(shop, rates={"http_503": 1.0})
    assert cli.run(*args, "--no-wait").code == 0  # the journal knows the key: no shop needed, nothing again
    saved = cli.run(*args)
    assert saved.code == 3, saved.err  # saved, the delivery failed: do not repeat (a script may, with the key)
    assert "saved on this device" in saved.err and "do not count it again" in saved.err
    assert len(cli.journal_ops()) == 1
    faults(shop)
    assert cli.run(*args).code == 0
    assert total(view, SKUS[1]) == 3 and len(cli.journal_ops()) == 1


def test_a_count_that_fails_before_it_is_recorded_says_nothing_was_recorded(cli: Cli, view: ShopView,
                                                                            shop: EmbeddedShop) -> None:
    name = start(cli, view)
    faults(shop, rates={"http_503": 1.0})
    result = cli.fails("count", name, "--sku", SKUS[0], "--area", "showroom", "--add", "1")
    assert "Nothing was recorded" in result.err and "keeps your work" not in result.err
    assert cli.journal_ops() == []


@pytest.mark.slow
def test_under_faults_every_exit_code_tells_the_truth_and_a_retrying_script_counts_each_tap_once(
        cli: Cli, view: ShopView, shop: EmbeddedShop) -> None:
    """A script counts 25 taps through a flaky network and repeats (same --key) whatever exited
    1 or 3, as the codes allow. Each exit is checked against the journal at that moment, and in
    the end the shop holds every tap exactly once."""
    name = start(cli, view)
    faults(shop, rates={"http_502": 0.1, "http_503": 0.1, "drop": 0.08, "drop_after": 0.08}, seed=14)
    rng = random.Random(14)
    expected: Counter[str] = Counter()
    seen: Counter[int] = Counter()
    for n in range(25):
        sku, add = rng.choice(SKUS), rng.randint(1, 3)
        expected[sku] += add
        for attempt in range(12):
            before = len(cli.journal_ops())
            result = cli.run("count", name, "--sku", sku, "--area", "showroom", "--add", str(add), "--key", f"t{n}")
            seen[result.code] += 1
            ops = cli.journal_ops()
            mine = [(op, state) for op, state, _ in ops if op.op_id in {o.op_id for o, _, _ in ops}]
            if result.code == 1:
                assert len(ops) == before and "Nothing was recorded" in result.err, result.err  # safe to repeat
                continue
            assert result.code in (0, 3), (result.code, result.err)
            assert len(mine) >= 1 and len(ops) == len({o.op_id for o, _, _ in ops})
            if result.code == 0:
                break
            assert "saved on this device" in result.err  # 3: kept; the script may repeat only with its key
        else:
            pytest.fail(f"tap {n} never got through")
    faults(shop)
    assert cli.run("sync").code == 0
    print("exit codes seen:", dict(seen))
    assert {sku: total(view, sku) for sku in SKUS} == {sku: expected[sku] for sku in SKUS}
    assert seen[1] + seen[3] > 0, seen  # the faults did reach the commands


def test_a_refusal_does_not_invite_a_retry_that_would_be_refused_again(cli: Cli, view: ShopView) -> None:
    name = start(cli, view)
    cli.ok("finalize", name, "--uncounted", "zero")
    refused = cli.fails("count", name, "--sku", SKUS[0], "--area", "showroom", "--add", "1")
    assert "Nothing was recorded." in refused.err and "run it again" not in refused.err
    faults(cli.shop, rates={"http_503": 1.0})
    try:  # the shop was the trouble: then a retry is the thing to do
        down = cli.run("count", name, "--sku", SKUS[0], "--area", "showroom", "--add", "1", device="new-pc")
    finally:
        faults(cli.shop)
    assert down.code == 1 and "it is safe to run it again" in down.err


def test_output_read_by_a_reader_that_stops_is_no_file_error(shop: EmbeddedShop, tmp_path: Path) -> None:
    """`inventra locations | head -1`, or a reader that is gone before a word: nothing to report,
    no "A file could not be read or written: Broken pipe", no traceback."""
    command = [sys.executable, "-m", "inventra_desktop.cli", "--shop", shop.url, "--data-dir", str(tmp_path),
               "locations"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "INVENTRA_TOKEN": shop.token})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader stops before the first line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and err == "", err
