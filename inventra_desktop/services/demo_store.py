"""The embedded demo store: a simulated Shopify on a loopback port, with its own journal so that
demo counts can never reach a real shop (DESIGN.md section 8)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..paths import data_dir as default_data_dir
from .connecting import SignIn, connect
from .shop import ShopSession

STATE_FILE = "demo-store.json"
DEVICE_FOLDER = "demo-device"


class DemoStore:
    """A running demo store; `stop()` ends it (its state is kept in the data folder)."""

    def __init__(self, folder: Path | None = None) -> None:
        from ..simulator.embedded import EmbeddedShop, ShopConfig

        self.folder = folder or default_data_dir()
        self._shop = EmbeddedShop(ShopConfig(state_file=self.folder / STATE_FILE)).start()

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
        return await connect(SignIn(self.url, token=self.token), data_dir=self.folder / DEVICE_FOLDER,
                             device_name=device_name, demo=True, keep_secret=False)


def forget_demo_store(folder: Path | None = None) -> None:
    """Delete the demo store's state and its journal: the next start is a fresh demo store."""
    folder = folder or default_data_dir()
    (folder / STATE_FILE).unlink(missing_ok=True)
    shutil.rmtree(folder / DEVICE_FOLDER, ignore_errors=True)
