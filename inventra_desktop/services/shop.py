"""One connected shop on this device: what every service works with.

A `ShopSession` owns the Admin API client and the device's workspace (its identity and its
journal). The faces (GUI and CLI) hold one and pass it to the services; they never touch the
client themselves (DESIGN.md section 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..journal.device import DeviceIdentity
from ..journal.store import Journal
from ..journal.workspace import Workspace
from ..shopify.client import AdminClient
from ..stocktake.clock import observe_shop_time


@dataclass
class ShopSession:
    client: AdminClient
    workspace: Workspace
    demo: bool = False
    shop_name: str = ""  # the shop's own name, once connected
    notes: list[str] = field(default_factory=list)  # what the user should know about this connection
    secret_kept: bool = True  # False: the keyring could not keep the credentials (asked for again next time)

    def __post_init__(self) -> None:
        self.client.on_shop_time = observe_shop_time  # stored times on the shop's clock (stocktake/clock.py)

    @property
    def device(self) -> DeviceIdentity:
        return self.workspace.device

    @property
    def by(self) -> str:
        """The device's human name, written as "who" into the shop."""
        return self.workspace.device.name

    @property
    def address(self) -> str:
        """The shop's base URL (what settings remember; never a secret)."""
        return self.client.address.base

    @property
    def bucket_fill(self) -> float:
        """How full the shop's API cost bucket is as last seen (1.0: all points available)."""
        return self.client.bucket.fill

    def journal(self) -> Journal:
        """This device's journal (the caller closes it)."""
        return self.workspace.journal()

    def renew_device(self, replacing: str | None = None) -> str:
        """A fresh device id for this device's new operations (the sync engine asks for one when
        another journal uses the current id); returns it."""
        return self.workspace.renew_device(replacing)

    async def aclose(self) -> None:
        await self.client.aclose()

    async def __aenter__(self) -> ShopSession:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
