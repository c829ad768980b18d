"""Which shop, which credentials, which device: shared by every CLI command."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..journal.workspace import Workspace, open_workspace
from ..shopify.address import ShopAddress
from ..shopify.auth import ClientCredentials, Credentials, StaticToken
from ..shopify.client import AdminClient
from ..shopify.errors import KeyringUnavailable
from ..shopify.secrets import SecretStore


class ConnectionProblem(Exception):
    pass


def workspace(data_dir: Path | None, device_name: str | None) -> Workspace:
    return open_workspace(data_dir, device_name)


def _settings_file(folder: Path) -> Path:
    return folder / "settings.json"


def remembered_shop(folder: Path) -> str | None:
    try:
        return json.loads(_settings_file(folder).read_text(encoding="utf-8")).get("shop")
    except (OSError, ValueError, AttributeError):
        return None


def remember_shop(folder: Path, shop: str) -> None:
    """Only the shop's address goes to the settings file; secrets stay in the keyring."""
    path = _settings_file(folder)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"shop": shop}), encoding="utf-8")
    tmp.replace(path)


def credentials(address: ShopAddress, client_id: str | None) -> Credentials:
    """INVENTRA_TOKEN, or --client-id with INVENTRA_CLIENT_SECRET, or what the keyring holds."""
    secrets = SecretStore()
    if client_id:
        secret = os.environ.get("INVENTRA_CLIENT_SECRET")
        if not secret:
            try:
                secret = secrets.get(address.name, "client_secret")
            except KeyringUnavailable:
                secret = None
        if not secret:
            raise ConnectionProblem("No client secret: set INVENTRA_CLIENT_SECRET or store it with the desktop app.")
        return ClientCredentials(address, client_id, secret)
    token = os.environ.get("INVENTRA_TOKEN")
    if token:
        return StaticToken(token)
    try:
        stored = secrets.get(address.name, "token")
    except KeyringUnavailable as exc:
        raise ConnectionProblem(f"No access token: set INVENTRA_TOKEN. ({exc})") from None
    if not stored:
        raise ConnectionProblem(f"No access token for {address.name}: set INVENTRA_TOKEN, or connect once with "
                                "the desktop app, which keeps it in the keyring.")
    return StaticToken(stored)


def open_client(shop: str | None, client_id: str | None, folder: Path) -> AdminClient:
    chosen = shop or remembered_shop(folder)
    if not chosen:
        raise ConnectionProblem("Which shop? Name it once with --shop (for example --shop my-shop).")
    address = ShopAddress.parse(chosen)
    client = AdminClient(address, credentials(address, client_id))
    if shop:
        remember_shop(folder, chosen)
    return client
