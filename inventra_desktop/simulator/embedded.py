"""One call to get a running simulated shop: the GUI's demo store, tests, `inventra demo-server`."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from .api import DEFAULT_SCOPES, AppCredentials, ShopifyAPI
from .catalog import demo_catalog, load_shopify_csv, synthetic_catalog
from .faults import FaultPlan
from .seed import SeedCatalog
from .server import Autosaver, SimulatorApp, SimulatorServer
from .state import ShopState

log = logging.getLogger(__name__)

DEMO_TOKEN = "shpat_inventra_demo_token"
DEMO_CLIENT_ID = "inventra-demo-client"
DEMO_CLIENT_SECRET = "inventra-demo-secret"


@dataclass
class ShopConfig:
    token: str = DEMO_TOKEN
    scopes: frozenset[str] = DEFAULT_SCOPES
    catalogs: list[Path] = field(default_factory=list)
    synthetic: int | None = None
    synthetic_variants: int = 3
    seed: int = 0
    state_file: Path | None = None
    plan: str = "standard"
    faults: FaultPlan | None = None
    bulk_query_rate: float = 1000.0
    bulk_mutation_rate: float = 20.0
    client_id: str = DEMO_CLIENT_ID
    client_secret: str = DEMO_CLIENT_SECRET


def build_state(config: ShopConfig) -> ShopState:
    """The shop's data: from the state file when it exists, else seeded from the catalogs."""
    if config.state_file and config.state_file.exists():
        try:
            return ShopState.load(config.state_file)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            broken = config.state_file.with_suffix(config.state_file.suffix + ".broken")
            config.state_file.replace(broken)
            log.warning("demo store state %s was unreadable (%s); moved it to %s and started afresh",
                        config.state_file, exc, broken)
    catalog = SeedCatalog()
    for path in config.catalogs:
        catalog.extend(load_shopify_csv(path))
    if config.synthetic:
        catalog.extend(synthetic_catalog(config.synthetic, variants_per_product=config.synthetic_variants,
                                         seed=config.seed))
    if not config.catalogs and not config.synthetic:
        catalog = demo_catalog()
    state = ShopState()
    state.load_catalog(catalog)
    return state


class EmbeddedShop:
    """A simulated shop on a loopback port, in a background thread."""

    def __init__(self, config: ShopConfig | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.config = config or ShopConfig()
        self.state = build_state(self.config)
        self.api = ShopifyAPI(self.state, plan=self.config.plan, bulk_query_rate=self.config.bulk_query_rate,
                              bulk_mutation_rate=self.config.bulk_mutation_rate)
        self.api.add_token(self.config.token, self.config.scopes, app_id="inventra")
        self.api.add_app(AppCredentials(self.config.client_id, self.config.client_secret, self.config.scopes))
        self.app = SimulatorApp(self.api, self.config.faults, self.config.state_file)
        self.server = SimulatorServer(self.app, host, port)
        self._autosave = Autosaver(self.state, self.config.state_file) if self.config.state_file else None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def token(self) -> str:
        return self.config.token

    def start(self) -> EmbeddedShop:
        self.server.start()
        if self._autosave:
            self._autosave.start()
        return self

    def stop(self) -> None:
        self.server.stop()
        if self._autosave:
            self._autosave.stop()

    def __enter__(self) -> EmbeddedShop:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
