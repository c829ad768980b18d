"""One call to get a running simulated shop: the GUI's demo store, tests, `inventra demo-server`."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .api import DEFAULT_SCOPES, AppCredentials, ShopifyAPI
from .catalog import demo_catalog, load_shopify_csv, synthetic_catalog
from .faults import FaultPlan
from .inventory_csv import apply_inventory_csvs
from .order_history import DEFAULT_DAYS, DEMO_LINES, seed_order_history
from .seed import RowProblem, SeedCatalog
from .server import ADMIN_HEADER, SimulatorApp, SimulatorServer
from .shop_file import ShopFile
from .state import ShopState

log = logging.getLogger(__name__)

DEMO_TOKEN = "shpat_inventra_demo_token"
DEMO_CLIENT_ID = "inventra-demo-client"
DEMO_CLIENT_SECRET = "inventra-demo-secret"


class CatalogRefused(ValueError):
    """Rows of the catalog or inventory files could not be loaded; a shop is only built from whole files."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(f"{len(problems)} row(s) of the catalog files could not be loaded: "
                         + "; ".join(map(str, problems[:5])) + (" …" if len(problems) > 5 else ""))
        self.problems = problems


@dataclass
class ShopConfig:
    token: str = DEMO_TOKEN
    scopes: frozenset[str] = DEFAULT_SCOPES
    catalogs: list[Path] = field(default_factory=list)  # Shopify product CSVs
    inventories: list[Path] = field(default_factory=list)  # Shopify inventory CSVs, applied after the catalogs
    synthetic: int | None = None
    synthetic_variants: int = 3
    seed: int = 0
    # Order lines of the seeded sales history (months of orders): None is the default for the
    # catalog (the demo shop's, or four per sellable variant), 0 none.
    order_lines: int | None = None
    orders_until: datetime | None = None  # the sales history ends here (default: today's start, UTC)
    orders_days: int = DEFAULT_DAYS  # and spans these days
    state_file: Path | None = None
    plan: str = "standard"
    faults: FaultPlan | None = None
    bulk_query_rate: float = 1000.0
    bulk_mutation_rate: float = 20.0
    client_id: str = DEMO_CLIENT_ID
    client_secret: str = DEMO_CLIENT_SECRET
    admin_token: str | None = None  # for /_simulator/*; None: a random one per start


def seed_catalog(config: ShopConfig) -> SeedCatalog:
    """The catalog a new shop starts from: the product CSVs and the synthetic products (or the demo
    shop), stocked per location by the inventory CSVs.

    Raises `CsvFileError` for a file that is no CSV and `CatalogRefused` when any row of the
    files could not be taken: a shop that lacks part of its catalog would mislead a stock-take."""
    catalog = SeedCatalog()
    for path in config.catalogs:
        catalog.extend(load_shopify_csv(path))
    if config.synthetic:
        catalog.extend(synthetic_catalog(config.synthetic, variants_per_product=config.synthetic_variants,
                                         seed=config.seed))
        catalog.summaries.append(f"{config.synthetic} synthetic products (seed {config.seed})")
    if not config.catalogs and not config.synthetic:
        catalog = demo_catalog()
    apply_inventory_csvs(catalog, config.inventories)
    if catalog.problems:
        raise CatalogRefused(catalog.problems)
    return catalog


@dataclass
class BuiltShop:
    state: ShopState
    sources: list[str]  # where the data came from, one line per source, for the merchant to check
    resumed: bool  # from the state file (the catalogs were not read)
    shop_file: ShopFile | None = None  # open, holding the state file's lock


def build_state(config: ShopConfig) -> BuiltShop:
    """The shop's data: from the state file (snapshot and log) when it exists, else seeded by
    `seed_catalog` (and saved to the state file when there is one). Raises `StateFileInUse` when
    another simulator process has the state file."""
    sources: list[str] = []

    def seed() -> ShopState:
        catalog = seed_catalog(config)
        sources.extend(catalog.summaries)
        state = ShopState()
        state.load_catalog(catalog)
        demo = not config.catalogs and not config.synthetic
        lines = seed_order_history(state, lines=DEMO_LINES if demo and config.order_lines is None
                                   else config.order_lines, seed=config.seed,
                                   until=config.orders_until, days=config.orders_days)
        if lines:
            sources.append(f"a sales history of {len(state.orders)} orders ({lines} order lines, seed {config.seed})")
        return state

    if config.state_file:
        shop_file = ShopFile(config.state_file)
        state, resumed = shop_file.open(seed)
        return BuiltShop(state, [f"the saved shop in {config.state_file.name}"] if resumed else sources, resumed,
                         shop_file)
    return BuiltShop(seed(), sources, False)


class EmbeddedShop:
    """A simulated shop on a loopback port, in a background thread."""

    def __init__(self, config: ShopConfig | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.config = config or ShopConfig()
        built = build_state(self.config)
        self.state, self.sources, self.resumed = built.state, built.sources, built.resumed
        self.api = ShopifyAPI(self.state, plan=self.config.plan, bulk_query_rate=self.config.bulk_query_rate,
                              bulk_mutation_rate=self.config.bulk_mutation_rate)
        self.api.add_token(self.config.token, self.config.scopes, app_id="inventra")
        self.api.add_app(AppCredentials(self.config.client_id, self.config.client_secret, self.config.scopes))
        # Every acknowledged write is durable in the state file's log; this compacts it into the snapshot.
        self.shop_file = built.shop_file
        self.app = SimulatorApp(self.api, self.config.faults, self.shop_file, self.config.admin_token)
        self.server = SimulatorServer(self.app, host, port)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def token(self) -> str:
        return self.config.token

    @property
    def admin_token(self) -> str:
        """The secret the simulator's own endpoints (`/_simulator/*`) require."""
        return self.app.admin_token

    @property
    def admin_headers(self) -> dict[str, str]:
        """Headers for a call to `/_simulator/*`, e.g. `httpx.post(url, json=…, headers=shop.admin_headers)`."""
        return {ADMIN_HEADER: self.app.admin_token}

    def start(self) -> EmbeddedShop:
        try:
            self.server.start()
        except BaseException:
            if self.shop_file:  # let go of the state file: another start may take it
                self.shop_file.close()
            raise
        if self.shop_file:
            self.shop_file.start()
        return self

    def stop(self) -> None:
        self.server.stop()
        if self.shop_file:
            self.shop_file.close()

    def __enter__(self) -> EmbeddedShop:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
