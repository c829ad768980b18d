"""The embedded demo store: a simulated Shopify on a loopback port (DESIGN.md section 8), for the
GUI's demo (with its own journal, so demo counts can never reach a real shop) and for
`inventra demo-server`, which serves one to several kiosks on a machine."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import data_dir as default_data_dir
from ..stocktake.errors import StockTakeError, UsageProblem
from .connecting import SignIn, connect
from .shop import ShopSession

STATE_FILE = "demo-store.json"
DEVICE_FOLDER = "demo-device"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class DemoStoreRefused(StockTakeError):
    """The demo store cannot start as asked; `problems` lists the catalog rows it could not take."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class DemoStore:
    """A running demo store; `stop()` ends it (its state is kept in the data folder)."""

    def __init__(self, folder: Path | None = None) -> None:
        from ..simulator.embedded import EmbeddedShop, ShopConfig
        from ..simulator.shop_file import StateFileInUse

        self.folder = folder or default_data_dir()
        try:
            self._shop = EmbeddedShop(ShopConfig(state_file=self.folder / STATE_FILE)).start()
        except StateFileInUse:  # another app on this PC has the demo store open
            raise DemoStoreRefused("The demo store is open in another Inventra Desktop on this computer; close that "
                                   "one first, or connect to your shop.") from None

    @property
    def url(self) -> str:
        return self._shop.url

    @property
    def token(self) -> str:
        return self._shop.token

    def stop(self) -> None:
        self._shop.stop()

    async def connect(self, device_name: str | None = None) -> ShopSession:
        """This device on the demo store, counting into the demo's own journal."""
        session = await connect(SignIn(self.url, token=self.token), data_dir=self.folder / DEVICE_FOLDER,
                                device_name=device_name, demo=True, keep_secret=False)
        moved = self._shop.shop_file.moved_aside if self._shop.shop_file else None
        if moved:
            session.notes.append(moved)
        return session


def forget_demo_store(folder: Path | None = None) -> None:
    """Delete the demo store's state (snapshot and log) and its journal: the next start is fresh."""
    folder = folder or default_data_dir()
    for path in folder.glob(STATE_FILE + "*"):
        path.unlink(missing_ok=True)
    shutil.rmtree(folder / DEVICE_FOLDER, ignore_errors=True)


@dataclass
class ServerOptions:
    """What `inventra demo-server` was asked for."""

    host: str = "127.0.0.1"
    port: int = 8787
    token: str | None = None
    admin_token: str | None = None
    catalogs: list[Path] = field(default_factory=list)
    inventories: list[Path] = field(default_factory=list)
    synthetic: int | None = None
    seed: int = 0
    orders: int | None = None  # order lines of the seeded sales history (None: the default, 0: none)
    state: Path | None = None
    plan: str = "standard"


class DemoServer:
    """A demo store served for other processes until stopped: what it loaded is in `sources` and
    the figures; `wait()` serves until `request_exit()` (e.g. on SIGTERM) or Ctrl+C."""

    def __init__(self, options: ServerOptions) -> None:
        from ..simulator.csv_text import CsvFileError
        from ..simulator.embedded import DEMO_TOKEN, CatalogRefused, EmbeddedShop, ShopConfig
        from ..simulator.shop_file import StateFileInUse

        if options.host not in LOOPBACK and not options.host.startswith("127."):
            raise UsageProblem("The demo server listens on loopback addresses only (127.0.0.1, ::1).")
        for kind, paths in (("catalog", options.catalogs), ("inventory", options.inventories)):
            missing = [str(p) for p in paths if not p.is_file()]
            if missing:
                raise DemoStoreRefused(f"{kind} file not found: {', '.join(missing)}")
        config = ShopConfig(token=options.token or DEMO_TOKEN, catalogs=options.catalogs,
                            inventories=options.inventories, synthetic=options.synthetic, seed=options.seed,
                            order_lines=options.orders,
                            state_file=options.state, plan=options.plan, admin_token=options.admin_token)
        try:
            self._shop = EmbeddedShop(config, host=options.host, port=options.port)
        except (CsvFileError, StateFileInUse) as exc:
            raise DemoStoreRefused(str(exc)) from None
        except CatalogRefused as exc:
            # A shop missing part of its catalog would let a stock-take skip products unnoticed,
            # so the server does not start: every refused row is listed, to fix and start again.
            raise DemoStoreRefused(f"{len(exc.problems)} row(s) of the catalog files could not be loaded (listed "
                                   "above); the demo server did not start. Fix or remove those rows and start it "
                                   "again.", [str(p) for p in exc.problems]) from None
        self.options = options

    def start(self) -> DemoServer:
        try:
            self._shop.start()
        except RuntimeError:
            raise DemoStoreRefused(f"Could not listen on {self.options.host}:{self.options.port} (is the port in "
                                   "use?).") from None
        return self

    @property
    def url(self) -> str:
        return self._shop.url

    @property
    def token(self) -> str:
        return self._shop.token

    @property
    def admin_token(self) -> str:
        return self._shop.admin_token

    @property
    def sources(self) -> list[str]:
        return list(self._shop.sources)

    @property
    def resumed(self) -> bool:
        return self._shop.resumed

    @property
    def notices(self) -> list[str]:
        """What a user must know about the start: a saved shop that could not be read."""
        moved = self._shop.shop_file.moved_aside if self._shop.shop_file else None
        return [moved] if moved else []

    @property
    def figures(self) -> tuple[int, int, int]:
        """Products, variants and locations the shop holds."""
        state = self._shop.state
        return len(state.products), len(state.variants), len(state.locations)

    def wait(self) -> None:
        self._shop.server.wait()

    def request_exit(self) -> None:
        self._shop.server.request_exit()

    def stop(self) -> None:
        self._shop.stop()
