"""Fixtures for talking to the simulator over a real loopback socket with plain HTTP."""

from __future__ import annotations

from typing import Iterator

import pytest

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from sim_client import Gql


@pytest.fixture(scope="module")
def shop() -> Iterator[EmbeddedShop]:
    """The built-in demo catalog on the plus plan (a big bucket: tests here are not about pacing)."""
    with EmbeddedShop(ShopConfig(plan="plus")) as running:
        yield running


@pytest.fixture(scope="module")
def gql(shop: EmbeddedShop) -> Iterator[Gql]:
    client = Gql(shop)
    yield client
    client.http.close()
