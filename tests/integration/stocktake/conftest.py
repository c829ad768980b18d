"""Fixtures for the stock-take rules: a fresh simulated shop per test and the `inventra` CLI in-process.

Every test drives the CLI exactly as a script would (global options first, exit codes, --json),
and checks the result in the simulator's own state, never in the CLI's output alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from inventra_desktop.cli import main
from inventra_desktop.journal.store import Journal
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.simulator.state import Product, Variant

NS = "inventra"


def vgid(variant: Variant) -> str:
    return f"gid://shopify/ProductVariant/{variant.id}"


@pytest.fixture
def shop() -> Iterator[EmbeddedShop]:
    """The built-in demo catalog on the plus plan (pacing out of the way); fresh for every test
    (it starts in ~0.15 s), so no test sees another's sessions, areas or tags."""
    with EmbeddedShop(ShopConfig(plan="plus")) as running:
        yield running


class ShopView:
    """Reading the simulator's state (and, only to play a hand edit in Shopify admin, writing it)."""

    def __init__(self, shop: EmbeddedShop) -> None:
        self.shop = shop
        self.state = shop.state

    # ---- catalog
    def variant(self, sku: str) -> Variant:
        found = [v for v in self.state.variants.values() if v.sku == sku]
        assert len(found) == 1, f"{len(found)} variants with SKU {sku}"
        return found[0]

    def product(self, title: str) -> Product:
        found = [p for p in self.state.products.values() if p.title == title]
        assert len(found) == 1, f"{len(found)} products titled {title}"
        return found[0]

    def product_of(self, sku: str) -> Product:
        return self.state.products[self.variant(sku).product_id]

    def variants_of(self, product: Product) -> list[Variant]:
        return [self.state.variants[i] for i in product.variant_ids]

    def tags(self, product: Product) -> list[str]:
        return list(self.state.products[product.id].tags)

    def location_id(self, name: str) -> int:
        return next(loc.id for loc in self.state.locations.values() if loc.name == name)

    def on_hand(self, variant: Variant, location_name: str) -> int:
        level = self.state.level(variant.inventory_item_id, self.location_id(location_name))
        return level.quantity("on_hand") if level else 0

    # ---- metafields
    def raw(self, owner: str, key: str) -> str | None:
        mf = self.state.metafield(owner, NS, key)
        return mf.value if mf else None

    def vkeys(self, variant: Variant) -> set[str]:
        """The inventra metafield keys a variant holds."""
        return {m.key for m in self.state.metafields_of(vgid(variant)) if m.namespace == NS}

    def vraw(self, sku_or_variant: str | Variant, key: str) -> str | None:
        v = self.variant(sku_or_variant) if isinstance(sku_or_variant, str) else sku_or_variant
        return self.raw(vgid(v), key)

    def counts(self, sku_or_variant: str | Variant) -> dict[str, Any] | None:
        raw = self.vraw(sku_or_variant, "counts")
        return json.loads(raw) if raw is not None else None

    def shop_json(self, key: str) -> Any:
        raw = self.raw(self.state.shop_gid(), key)
        return json.loads(raw) if raw is not None else None

    def session(self, name: str) -> dict[str, Any] | None:
        return next((s for s in self.shop_json("sessions") or [] if s["name"] == name), None)

    def hand_edit(self, sku: str, key: str, type_: str, value: str) -> None:
        """What a merchant typing in Shopify admin's metafield editor would leave behind."""
        self.state.put_metafield(vgid(self.variant(sku)), NS, key, type_, value)


@pytest.fixture
def view(shop: EmbeddedShop) -> ShopView:
    return ShopView(shop)


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def data(self) -> Any:
        return json.loads(self.out)


class Cli:
    """`inventra ...` in-process; one data dir per device name under the test's tmp dir."""

    def __init__(self, shop: EmbeddedShop, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.shop, self.root, self.capsys = shop, root, capsys
        self._sessions = 0

    def data_dir(self, device: str = "pc1") -> Path:
        return self.root / device

    def run(self, *args: str, device: str = "pc1", as_json: bool = False) -> Result:
        self.capsys.readouterr()  # start clean
        argv = ["--shop", self.shop.url, "--data-dir", str(self.data_dir(device)), "--device-name", device]
        code = main(argv + (["--json"] if as_json else []) + list(args))
        captured = self.capsys.readouterr()
        result = Result(code, captured.out, captured.err)
        assert "Traceback" not in captured.err, captured.err
        return result

    def ok(self, *args: str, device: str = "pc1", as_json: bool = False) -> Result:
        result = self.run(*args, device=device, as_json=as_json)
        assert result.code == 0, f"inventra {' '.join(args)} -> {result.code}\n{result.out}\n{result.err}"
        return result

    def json(self, *args: str, device: str = "pc1") -> Any:
        return self.ok(*args, device=device, as_json=True).data

    def fails(self, *args: str, device: str = "pc1", as_json: bool = False) -> Result:
        """Exit 1 with one sentence on stderr and no traceback."""
        result = self.run(*args, device=device, as_json=as_json)
        assert result.code == 1, f"expected exit 1, got {result.code}\n{result.out}\n{result.err}"
        lines = [line for line in result.err.strip().splitlines() if line.strip()]
        assert len(lines) == 1, f"expected one sentence on stderr, got: {result.err!r}"
        assert lines[0].startswith("inventra: ") and len(lines[0]) > len("inventra: ") + 10, lines
        return result

    def usage(self, *args: str, device: str = "pc1") -> Result:
        result = self.run(*args, device=device)
        assert result.code == 2, f"expected exit 2, got {result.code}\n{result.out}\n{result.err}"
        assert result.err.strip(), "a usage error says what is wrong"
        return result

    # ---- the journal of one device, read directly (not through the CLI)
    def journal_ops(self, device: str = "pc1") -> list[tuple[Any, str, str | None]]:
        folder = self.data_dir(device)
        if not (folder / "journal.sqlite3").exists():
            return []
        device_id = json.loads((folder / "device.json").read_text())["device_id"]
        with Journal(folder / "journal.sqlite3", device_id) as journal:
            return journal.operations()

    def device_id(self, device: str = "pc1") -> str:
        return json.loads((self.data_dir(device) / "device.json").read_text())["device_id"]

    # ---- common set-ups
    def counting(self, *product_gids: str, name: str | None = None, device: str = "pc1") -> str:
        """install + session create (by product id) + snapshot: a session ready to count."""
        self._sessions += 1
        name = name or f"C{self._sessions}"
        self.ok("install", device=device)
        self.ok("session", "create", name, "--product-id", *product_gids, device=device)
        self.ok("snapshot", name, device=device)
        return name


@pytest.fixture
def cli_for(tmp_path: Path, capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> Callable[[EmbeddedShop], tuple[Cli, ShopView]]:
    """The CLI and a view for a shop the test starts itself (another catalog, another plan)."""
    def make(shop: EmbeddedShop) -> tuple[Cli, ShopView]:
        monkeypatch.setenv("INVENTRA_TOKEN", shop.token)
        monkeypatch.delenv("INVENTRA_CLIENT_SECRET", raising=False)
        return Cli(shop, tmp_path, capsys), ShopView(shop)
    return make


@pytest.fixture
def cli(shop: EmbeddedShop, cli_for: Callable[[EmbeddedShop], tuple[Cli, ShopView]]) -> Cli:
    return cli_for(shop)[0]
