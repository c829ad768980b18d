"""Connecting to a shop: its address, the credentials (typed, from the environment, or kept in
the OS keyring), the shop this device remembers, and the device's workspace.

Secrets live only in the keyring (DESIGN.md section 6): the settings file holds the shop's
address, nothing more.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..atomic import atomic_write
from ..journal.workspace import open_workspace
from ..sentences import say, sentence_of
from ..shopify.address import ShopAddress
from ..shopify.auth import ClientCredentials, Credentials, StaticToken
from ..shopify.client import AdminClient
from ..shopify.errors import KeyringUnavailable, ShopifyError
from ..shopify.secrets import SecretStore
from ..stocktake.errors import StockTakeError
from .shop import ShopSession

SETTINGS_FILE = "settings.json"


class ConnectionProblem(StockTakeError):
    """No shop named, or no credentials for it."""


@dataclass
class SignIn:
    """How to sign in to a shop: an Admin API access token, or a Dev Dashboard app's client ID and
    secret (the client-credentials grant)."""

    shop: str
    token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None

    @property
    def uses_client(self) -> bool:
        return bool(self.client_id)


def shop_base(text: str) -> str:
    """The shop's base URL for what a user typed (`my-shop`, `my-shop.myshopify.com`, a loopback
    URL of the demo server); raises a ShopifyError whose sentence says what is wrong."""
    return ShopAddress.parse(text).base


def _credentials(address: ShopAddress, sign_in: SignIn) -> Credentials:
    if sign_in.uses_client:
        return ClientCredentials(address, (sign_in.client_id or "").strip(), sign_in.client_secret or "")
    return StaticToken((sign_in.token or "").strip())


def saved_sign_in(shop: str, secrets: SecretStore | None = None) -> SignIn | None:
    """What the keyring kept from the last connect to `shop`, or None (nothing, or no keyring)."""
    secrets = secrets or SecretStore()
    try:
        name = ShopAddress.parse(shop).name
        token = secrets.get(name, "token")
        client_id, client_secret = secrets.get(name, "client_id"), secrets.get(name, "client_secret")
    except ShopifyError:  # no keyring, or an address that does not parse: nothing saved either
        return None
    if client_id and client_secret and not token:
        return SignIn(shop, client_id=client_id, client_secret=client_secret)
    if token:
        return SignIn(shop, token=token)
    return None


def _keep_secrets(address: ShopAddress, sign_in: SignIn, secrets: SecretStore) -> str | None:
    """Keep the way in that worked in the keyring; a sentence when the keyring cannot."""
    try:
        if sign_in.uses_client:
            secrets.put(address.name, "client_secret", sign_in.client_secret or "")
            secrets.put(address.name, "client_id", (sign_in.client_id or "").strip())  # belongs with its secret
            secrets.delete(address.name, "token")  # the way in that worked last is the one offered
        else:
            secrets.put(address.name, "token", (sign_in.token or "").strip())
            secrets.delete(address.name, "client_secret")
    except KeyringUnavailable as exc:
        return say("{reason} You are connected for this session only: the next time the app starts it will ask for "
                   "the credentials again.", reason=sentence_of(exc))
    return None


async def connect(sign_in: SignIn, *, data_dir: Path | None = None, device_name: str | None = None,
                  demo: bool = False, keep_secret: bool = True, secrets: SecretStore | None = None) -> ShopSession:
    """Check the credentials and scopes against the shop, keep the secret in the keyring and
    return the connected shop with this device's workspace. Errors: the shopify errors (bad
    address, token, missing scopes, unreachable), each with its sentence."""
    address = ShopAddress.parse(sign_in.shop)
    client = AdminClient(address, _credentials(address, sign_in))
    try:
        info = await client.connect()
    except BaseException:
        await client.aclose()
        raise
    session = ShopSession(client, open_workspace(data_dir, device_name), demo=demo, shop_name=info.name)
    if keep_secret:
        note = _keep_secrets(address, sign_in, secrets or SecretStore())
        if note:
            session.notes.append(note)
            session.secret_kept = False
    return session


# ---- the command line: the shop it remembers, credentials from the environment or keyring ----

def remembered_shop(folder: Path) -> str | None:
    try:
        return json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8")).get("shop")
    except (OSError, ValueError, AttributeError):
        return None


def remember_shop(folder: Path, shop: str) -> None:
    """Only the shop's address goes to the settings file; secrets stay in the keyring."""
    with atomic_write(folder / SETTINGS_FILE, "w", encoding="utf-8") as f:
        json.dump({"shop": shop}, f)


def environment_sign_in(shop: str, client_id: str | None, secrets: SecretStore | None = None) -> SignIn:
    """INVENTRA_TOKEN, or `client_id` with INVENTRA_CLIENT_SECRET, or what the keyring holds."""
    secrets = secrets or SecretStore()
    name = ShopAddress.parse(shop).name
    if client_id:
        secret = os.environ.get("INVENTRA_CLIENT_SECRET")
        if not secret:
            try:
                secret = secrets.get(name, "client_secret")
            except KeyringUnavailable:
                secret = None
        if not secret:
            raise ConnectionProblem("No client secret: set INVENTRA_CLIENT_SECRET or store it with the desktop app.")
        return SignIn(shop, client_id=client_id, client_secret=secret)
    token = os.environ.get("INVENTRA_TOKEN")
    if token:
        return SignIn(shop, token=token)
    try:
        stored = secrets.get(name, "token")
    except KeyringUnavailable as exc:
        raise ConnectionProblem(f"No access token: set INVENTRA_TOKEN. ({exc})") from None
    if not stored:
        raise ConnectionProblem(f"No access token for {name}: set INVENTRA_TOKEN, or connect once with "
                                "the desktop app, which keeps it in the keyring.")
    return SignIn(shop, token=stored)


def open_shop(shop: str | None, client_id: str | None, data_dir: Path | None = None,
              device_name: str | None = None) -> ShopSession:
    """A shop session for the command line, not yet connected (the first call connects): the
    shop named now (then remembered) or the one remembered, credentials from the environment or
    the keyring."""
    workspace = open_workspace(data_dir, device_name)
    chosen = shop or remembered_shop(workspace.data_dir)
    if not chosen:
        raise ConnectionProblem("Which shop? Name it once with --shop (for example --shop my-shop).")
    sign_in = environment_sign_in(chosen, client_id)
    address = ShopAddress.parse(chosen)
    client = AdminClient(address, _credentials(address, sign_in))
    if shop:
        remember_shop(workspace.data_dir, chosen)
    return ShopSession(client, workspace)
