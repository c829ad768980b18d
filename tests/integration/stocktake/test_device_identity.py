"""A device whose journal is behind what the shop knows of its id never drops a tap it called
saved (issue 14 item 3): a lost journal, a data folder restored from a backup, two kiosks imaged
from one folder. Each count is read back from the shop's own `counts`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Cli, ShopView

SKU = "LC-LNT-001"
OTHER = "KP-SPK-TI"


def start(cli: Cli, view: ShopView) -> str:
    products = [f"gid://shopify/Product/{view.product_of(s).id}" for s in (SKU, OTHER)]
    return cli.counting(*products)


def tap(cli: Cli, name: str, device: str, sku: str = SKU, n: int = 1) -> None:
    for _ in range(n):
        cli.ok("count", name, "--sku", sku, "--area", "showroom", "--add", "1", device=device)


def shop_total(view: ShopView, sku: str = SKU) -> int:
    counts = view.counts(sku)
    assert counts is not None
    return sum(a["qty"] for a in counts["areas"].values())


def settled(cli: Cli, name: str, device: str) -> None:
    status = cli.json("status", name, device=device)
    assert (status["waiting"], status["rejected"]) == (0, 0), status


def test_a_lost_journal_takes_a_fresh_id_and_every_tap_lands(cli: Cli, view: ShopView) -> None:
    name = start(cli, view)
    tap(cli, name, "kiosk", n=3)
    old_id = cli.device_id("kiosk")
    for suffix in ("", "-wal", "-shm"):
        (cli.data_dir("kiosk") / f"journal.sqlite3{suffix}").unlink(missing_ok=True)
    tap(cli, name, "kiosk", n=5)  # numbered from 1 again: below the shop's watermark of the old id
    assert shop_total(view) == 8
    assert cli.device_id("kiosk") != old_id
    assert old_id in json.loads((cli.data_dir("kiosk") / "device.json").read_text())["retired"]
    settled(cli, name, "kiosk")


def test_a_data_folder_restored_from_a_backup_loses_nothing(cli: Cli, view: ShopView, tmp_path: Path) -> None:
    name = start(cli, view)
    tap(cli, name, "kiosk", n=2)
    backup = tmp_path / "backup"
    shutil.copytree(cli.data_dir("kiosk"), backup)
    tap(cli, name, "kiosk", n=3)
    tap(cli, name, "kiosk", OTHER, n=2)  # the watermark of the id moves past the backup's
    shutil.rmtree(cli.data_dir("kiosk"))
    shutil.copytree(backup, cli.data_dir("kiosk"))  # the restore: the journal is behind the shop
    tap(cli, name, "kiosk", n=4)
    tap(cli, name, "kiosk", OTHER, n=1)
    assert shop_total(view) == 2 + 3 + 4
    assert shop_total(view, OTHER) == 2 + 1
    settled(cli, name, "kiosk")


def test_two_kiosks_imaged_from_one_folder_lose_and_double_nothing(cli: Cli, view: ShopView) -> None:
    name = start(cli, view)
    tap(cli, name, "kiosk-a", n=2)
    shutil.copytree(cli.data_dir("kiosk-a"), cli.data_dir("kiosk-b"))  # one image, two machines
    (cli.data_dir("kiosk-b") / "device.json").write_text(json.dumps(
        {**json.loads((cli.data_dir("kiosk-b") / "device.json").read_text()), "name": "kiosk-b"}))
    for _ in range(3):  # turn by turn, both numbering from 3 under one id
        tap(cli, name, "kiosk-a")
        tap(cli, name, "kiosk-b")
        tap(cli, name, "kiosk-b", OTHER)
        tap(cli, name, "kiosk-a", OTHER)
    assert shop_total(view) == 2 + 3 + 3
    assert shop_total(view, OTHER) == 3 + 3
    assert cli.device_id("kiosk-a") != cli.device_id("kiosk-b")
    settled(cli, name, "kiosk-a")
    settled(cli, name, "kiosk-b")


def test_the_journal_and_the_data_folder_are_private(cli: Cli, view: ShopView) -> None:
    name = start(cli, view)
    tap(cli, name, "kiosk")
    folder = cli.data_dir("kiosk")
    assert folder.stat().st_mode & 0o777 == 0o700
    for path in folder.iterdir():
        if path.name.startswith(("journal.sqlite3", "settings.json", "device.json")):
            assert path.stat().st_mode & 0o077 == 0, path  # nobody else reads who counted what
